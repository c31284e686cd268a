"""Calendar arithmetic for `claimx.temporal.finder`: intervals of days, shifts, and which instance of a cyclic
expression ("July", "Friday", "summer") an anchor date selects (the choices are listed in
`claimx.temporal.resolve`). Month and year shifts are `dateutil.relativedelta`'s: a day past the end of the
target month becomes its last day."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from dateutil.relativedelta import relativedelta

from claimx.schemas import Granularity

Prefer = Literal["past", "future"] | None

SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # first month of each season
UNIT_GRAN: dict[str, Granularity] = {
    "Y": "year", "M": "month", "W": "week", "D": "day", "H": "time", "MIN": "time", "S": "time",
    "DE": "decade", "CE": "century", "Q": "quarter", "HALF": "half", "WE": "week",
}  # fmt: skip


@dataclass(frozen=True)
class Interval:
    value: str
    start: date
    end: date
    granularity: Granularity


_LAST_DAY = relativedelta(day=31)  # an absolute day past the month's end is its last day
_UNIT_STEP = {
    "D": relativedelta(days=1), "W": relativedelta(weeks=1), "WE": relativedelta(weeks=1),
    "M": relativedelta(months=1), "Q": relativedelta(months=3), "HALF": relativedelta(months=6),
    "Y": relativedelta(years=1), "DE": relativedelta(years=10), "CE": relativedelta(years=100),
}  # fmt: skip


def month_end(y: int, m: int) -> date:
    return date(y, m, 1) + _LAST_DAY


def iv_day(d: date) -> Interval:
    return Interval(d.isoformat(), d, d, "day")


def iv_week(d: date) -> Interval:
    y, w, wd = d.isocalendar()
    mon = d - timedelta(days=wd - 1)
    return Interval(f"{y}-W{w:02d}", mon, mon + timedelta(days=6), "week")


def iv_month(y: int, m: int) -> Interval:
    return Interval(f"{y:04d}-{m:02d}", date(y, m, 1), month_end(y, m), "month")


def iv_season(y: int, s: str) -> Interval:
    first = date(y, SEASON_MONTHS[s], 1)
    return Interval(f"{y:04d}-{s}", first, first + relativedelta(months=3, days=-1), "season")


def iv_quarter(y: int, q: int) -> Interval:
    return Interval(f"{y:04d}-Q{q}", date(y, 3 * q - 2, 1), month_end(y, 3 * q), "quarter")


def iv_half(y: int, h: int) -> Interval:
    return Interval(f"{y:04d}-H{h}", date(y, 6 * h - 5, 1), month_end(y, 6 * h), "half")


def iv_year(y: int) -> Interval:
    return Interval(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def iv_decade(d: int) -> Interval:
    return Interval(f"{d:03d}", date(d * 10, 1, 1), date(d * 10 + 9, 12, 31), "decade")


def iv_century(c: int) -> Interval:
    return Interval(f"{c:02d}", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), "century")


def unit_interval(unit: str, d: date) -> Interval:
    """The calendar unit (year, month, week, ...) containing `d`."""
    if unit == "Y":
        return iv_year(d.year)
    if unit == "M":
        return iv_month(d.year, d.month)
    if unit == "W":
        return iv_week(d)
    if unit == "WE":  # the weekend of d's ISO week
        w = iv_week(d)
        return Interval(f"{w.value}-WE", w.start + timedelta(days=5), w.end, "week")
    if unit == "Q":
        return iv_quarter(d.year, (d.month - 1) // 3 + 1)
    if unit == "HALF":
        return iv_half(d.year, 1 if d.month <= 6 else 2)
    if unit == "DE":
        return iv_decade(d.year // 10)
    if unit == "CE":
        return iv_century(d.year // 100)
    return iv_day(d)


def shift(d: date, unit: str, n: int) -> date:
    """`d` moved by `n` units (months clamp to the month's last day); clock units leave a day as it is."""
    step = _UNIT_STEP.get(unit)
    return d if step is None else d + step * n


def pick(candidates: list[Interval], anchor: date, deictic: int | None, prefer: Prefer) -> Interval:
    """Choose among instances of a cyclic expression (see the module docstring for the rules)."""
    cands = sorted(candidates, key=lambda iv: iv.start)
    if deictic == -1:
        before = [iv for iv in cands if iv.end < anchor]
        return before[-1] if before else cands[0]
    if deictic == 1:
        after = [iv for iv in cands if iv.start > anchor]
        return after[0] if after else cands[-1]
    if deictic == 0:
        inside = [iv for iv in cands if iv.start <= anchor <= iv.end]
        same = [iv for iv in cands if iv.start.year == anchor.year]
        return (inside or same or cands)[0]
    if prefer == "past":
        past = [iv for iv in cands if iv.start <= anchor]
        return past[-1] if past else cands[0]
    if prefer == "future":
        fut = [iv for iv in cands if iv.end >= anchor]
        return fut[0] if fut else cands[-1]

    def distance(iv: Interval) -> int:
        if iv.start <= anchor <= iv.end:
            return 0
        return (iv.start - anchor).days if iv.start > anchor else (anchor - iv.end).days

    return min(cands, key=lambda iv: (distance(iv), iv.start > anchor))


def narrow(iv: Interval, mod: str | None) -> tuple[date, date]:
    """start/end of the first, middle or last third of `iv` for START/MID/END; unchanged otherwise."""
    if mod not in ("START", "MID", "END"):
        return iv.start, iv.end
    third = {"START": 0, "MID": 1, "END": 2}[mod]
    g = iv.granularity
    if g == "year":
        m0 = 1 + 4 * third
        return date(iv.start.year, m0, 1), month_end(iv.start.year, m0 + 3)
    if g in ("season", "quarter", "half"):
        months = 2 if g == "half" else 1
        first = iv.start + relativedelta(months=third * months)
        return first, first + relativedelta(months=months, days=-1)
    if g == "month":
        first = iv.start.replace(day=1 + 10 * third)
        return first, (iv.end if third == 2 else first + timedelta(days=9))
    if g in ("decade", "century"):
        span = iv.end.year - iv.start.year + 1
        cuts = [0, math.ceil(span * 0.4), math.ceil(span * 0.7), span] if g == "decade" else [0, 33, 66, 100]
        return date(iv.start.year + cuts[third], 1, 1), date(iv.start.year + cuts[third + 1] - 1, 12, 31)
    return iv.start, iv.end
