"""From the named groups of a rule match to a TIMEX3 value, for `claimx.temporal.finder`.

Documented choices (news text, anchored on the article date):

- A month, season, quarter, half or day-and-month without a year follows the tense of its clause (cues are data:
  `future_cues`, `past_cues`): after a past cue ("said", "a annoncé") it is the latest instance begun by the
  anchor, after a future cue ("will", "va", "prévu") the first one not over by it; with no cue it is the
  instance *nearest* to the anchor (ties go to the past): written in January 2026, "in November" is November
  2025 and "in March" is March 2026.
- A weekday alone is the most recent one on or before the anchor (news reports what happened); after a future
  cue it is the next one on or after the anchor. "last Friday"/"vendredi dernier" is the most recent one
  strictly before the anchor, "next Friday" the first strictly after, "this Friday" the one in the anchor's week.
- "last July", "l'été dernier", "le 6 mai dernier": the latest instance that ends before the anchor;
  "next July", "juin prochain": the first that starts after it; "this summer": the one in the anchor's year.
- Seasons are meteorological (northern hemisphere): SP March-May, SU June-August, FA September-November,
  WI December of the year to February of the next.
- START/MID/END ("early", "mid", "late", "début", "mi-", "fin") keep the value and narrow start/end to a third:
  a year to January-April, May-August, September-December; a month to days 1-10, 11-20, 21-end; a decade to
  years 0-3, 4-6, 7-9; a three-month period to its first, middle or last month; a half to two-month thirds.
- A duration is resolved without an anchor (`P6M`); "the past two years" is also given start/end, ending on the
  anchor. "three years ago" is the year 2023 from a 2026 anchor (granularity of the unit).
- Without an anchor, relative expressions keep X placeholders (`XXXX-01`, `XXXX-WXX-5`) and `resolved=False`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from claimx.schemas import Granularity, TimeValue
from claimx.temporal.grammar import Grammar, norm_key, parse_ordinal, parse_roman, read_count
from claimx.temporal.intervals import (
    UNIT_GRAN,
    Interval,
    Prefer,
    iv_century,
    iv_day,
    iv_decade,
    iv_half,
    iv_month,
    iv_quarter,
    iv_season,
    iv_year,
    narrow,
    pick,
    shift,
    unit_interval,
)
from claimx.temporal.lexicon import Rule

__all__ = ["Prefer", "read_parts", "resolve"]


# ----------------------------------------------------------------------------------------------
# Groups -> value


@dataclass
class Parts:
    """What a rule match says, read from its named groups and the rule's fixed fields."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    season: str | None = None
    quarter: int | None = None
    half: int | None = None
    decade: int | None = None  # 199 for the 1990s
    century: int | None = None  # 19 for the 20th century
    number: float | None = None
    vague: bool = False
    unit: str | None = None
    deictic: int | None = None
    day_offset: int | None = None
    ref: str | None = None
    setword: str | None = None
    durword: str | None = None
    pod: str | None = None
    hour: int | None = None
    minute: int | None = None
    mod: str | None = None
    ok: bool = True


def _two_digit_year(yy: int, anchor: date | None) -> int:
    pivot = (anchor.year % 100 + 10) if anchor else 50  # "'58" is 1958, "'25" is 2025 from a 2026 anchor
    century = (anchor.year // 100 * 100) if anchor else 2000
    return century + yy if yy <= pivot else century - 100 + yy


def read_parts(groups: dict[str, str], rule: Rule, g: Grammar, anchor: date | None) -> Parts:
    """Interpret the named groups of a match (unknown group names are ignored)."""
    p = Parts(number=rule.number, unit=rule.unit, deictic=rule.deictic, day_offset=rule.day_offset, pod=rule.pod, mod=rule.mod)
    for name, text in groups.items():
        if text is None:
            continue
        base = name.rstrip("0123456789")  # "deictic2" reads like "deictic"
        if base == "monthname":
            base = "month"
        if base == "year":
            p.year = int(text)
        elif base == "yy":
            p.year = _two_digit_year(int(text), anchor)
        elif base == "month":
            v = g.value("months", text)
            p.month = int(v) if v is not None else None  # type: ignore[arg-type]
            if p.month is None:
                p.ok = False
            elif norm_key(text) in g.capitalised_only and not text[:1].isupper():
                p.ok = False  # "may" the verb, "march" the verb
        elif base == "monthnum":
            p.month = int(text)
        elif base == "day":
            p.day = parse_ordinal(text, g) if not text.isdigit() else int(text)
        elif base == "weekday":
            p.weekday = g.value("weekdays", text)  # type: ignore[assignment]
        elif base == "season":
            p.season = g.value("seasons", text)  # type: ignore[assignment]
        elif base in ("quarter", "half"):
            n = int(text) if text.isdigit() else parse_ordinal(text, g)
            setattr(p, base, n)
        elif base == "decade":
            p.decade = int(text) // 10
        elif base == "decade_yy":
            p.decade = _two_digit_year(int(text), anchor) // 10
        elif base == "century":
            n = parse_ordinal(text, g)
            p.century = n - 1 if n else None
        elif base == "roman":
            n = parse_roman(text)
            p.century = n - 1 if n else None
        elif base == "number":
            p.number = read_count(text, g.lang)
            p.ok = p.ok and p.number is not None
        elif base == "plushalf":  # "a year and a half", "un an et demi"
            p.number = (p.number or 0) + 0.5
        elif base == "vague":
            p.vague = True
        elif base == "unit":
            p.unit = g.value("units", text)  # type: ignore[assignment]
        elif base == "deictic":
            p.deictic = g.value("deictics", text)  # type: ignore[assignment]
        elif base == "dayword":
            p.day_offset = g.value("day_words", text)  # type: ignore[assignment]
        elif base == "ref":
            p.ref = g.value("refs", text)  # type: ignore[assignment]
        elif base == "holiday":
            mm, dd = str(g.value("holidays", text)).split("-")
            p.month, p.day = int(mm), int(dd)
        elif base == "durword":
            p.durword = g.value("duration_words", text)  # type: ignore[assignment]
        elif base == "setword":
            p.setword = g.value("set_words", text)  # type: ignore[assignment]
        elif base == "pod":
            p.pod = g.value("parts_of_day", text)  # type: ignore[assignment]
        elif base == "clock":
            hh, mm = str(g.value("clock_words", text)).split(":")
            p.hour, p.minute = int(hh), int(mm)
        elif base == "hour":
            p.hour = int(text)
        elif base == "minute":
            p.minute = int(text)
        elif base == "mod":
            p.mod = g.value("mods", text)  # type: ignore[assignment]
    if p.hour is not None and groups.get("ampm"):  # after the loop: the hour must be read first
        pm = norm_key(groups["ampm"]).startswith("p")
        if p.hour < 12 and pm:
            p.hour += 12
        elif p.hour == 12 and not pm:
            p.hour = 0
    return p


def _fmt_number(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P6M, P10Y (a decade), PT2H, PXY (vague)."""
    scale = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3), "HALF": ("M", 6), "WE": ("D", 2)}
    u, k = scale.get(unit, (unit, 1))
    finer = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60)}
    while n is not None and n * k != int(n * k) and u in finer:  # P1.5Y is written P18M
        u, f = finer[u]
        k *= f
    amount = "X" if n is None else _fmt_number(n * k)
    if u in ("H", "MIN", "S"):
        return f"PT{amount}{'M' if u == 'MIN' else u}"
    return f"P{amount}{u}"


def _placeholder(p: Parts) -> tuple[str | None, Granularity | None]:
    """A value with X placeholders for a relative expression that has no anchor."""
    if p.month is not None:
        v = f"XXXX-{p.month:02d}" + (f"-{p.day:02d}" if p.day else "")
        return v, "day" if p.day else "month"
    if p.weekday is not None:
        return f"XXXX-WXX-{p.weekday}", "day"
    if p.season:
        return f"XXXX-{p.season}", "season"
    if p.quarter:
        return f"XXXX-Q{p.quarter}", "quarter"
    if p.half:
        return f"XXXX-H{p.half}", "half"
    if p.day_offset is not None:
        return "XXXX-XX-XX", "day"
    if p.unit:
        gran = UNIT_GRAN.get(p.unit)
        return {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX"}.get(p.unit), gran
    return None, None


def _tv(iv: Interval, p: Parts, anchor: date | None, rule: str, type_: str = "DATE") -> TimeValue:
    start, end = narrow(iv, p.mod)
    return TimeValue(type=type_, value=iv.value, start=start, end=end, granularity=iv.granularity,  # type: ignore[arg-type]
                     mod=p.mod, resolved=True, anchor=anchor, rule=rule)  # fmt: skip


def _calendar(p: Parts, anchor: date | None, prefer: Prefer) -> Interval | None:
    """The interval of a calendar expression, or None when it needs an anchor and has none."""
    if p.century is not None:
        return iv_century(p.century)
    if p.decade is not None:
        return iv_decade(p.decade)
    y = p.year
    if y is not None:
        if p.month is not None and p.day is not None:
            try:
                return iv_day(date(y, p.month, p.day))
            except ValueError:
                return None
        if p.month is not None:
            return iv_month(y, p.month)
        if p.season:
            return iv_season(y, p.season)
        if p.quarter:
            return iv_quarter(y, p.quarter) if 1 <= p.quarter <= 4 else None
        if p.half:
            return iv_half(y, p.half) if p.half in (1, 2) else None
        return iv_year(y)
    if anchor is None:
        return None
    if p.day_offset is not None:
        return iv_day(anchor + timedelta(days=p.day_offset))
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if p.month is not None and p.day is not None:
        cands = []
        for yr in years:
            try:
                cands.append(iv_day(date(yr, p.month, p.day)))
            except ValueError:
                pass
        if p.weekday is not None:  # "Thursday, January 5": only a year in which that day is a Thursday
            cands = [c for c in cands if c.start.isoweekday() == p.weekday] or cands
        return pick(cands, anchor, p.deictic, prefer) if cands else None
    if p.month is not None:
        return pick([iv_month(yr, p.month) for yr in years], anchor, p.deictic, prefer)
    if p.season:
        return pick([iv_season(yr, p.season) for yr in years], anchor, p.deictic, prefer)
    if p.quarter and 1 <= p.quarter <= 4:
        return pick([iv_quarter(yr, p.quarter) for yr in years], anchor, p.deictic, prefer)
    if p.half in (1, 2):
        return pick([iv_half(yr, p.half) for yr in years], anchor, p.deictic, prefer)  # type: ignore[arg-type]
    if p.weekday is not None:
        days = [anchor + timedelta(days=k) for k in range(-7, 8)]
        cands = [iv_day(d) for d in days if d.isoweekday() == p.weekday]
        if p.deictic == 0:  # "this Friday": the one in the anchor's week
            return iv_day(anchor + timedelta(days=p.weekday - anchor.isoweekday()))
        return pick(cands, anchor, p.deictic, prefer or "past")
    if p.unit == "WE" and not p.deictic and anchor.isoweekday() < 6 and prefer == "past":
        return unit_interval("WE", anchor - timedelta(weeks=1))  # "ce week-end" said of the one just gone
    if p.unit is not None and p.unit not in ("H", "MIN", "S"):
        return unit_interval(p.unit, shift(anchor, p.unit, p.deictic or 0))
    return None


def resolve(p: Parts, rule: Rule, anchor: date | None, prefer: Prefer, ref_day: date | None) -> TimeValue | None:
    """The TimeValue of a rule match; None when the match makes no sense (31 February)."""
    rid = rule.id
    if not p.ok:
        return None
    if p.ref or (rule.value and rule.value.endswith("_REF")):
        value = p.ref or rule.value
        start = end = None
        if anchor is not None:
            start = None if value == "PAST_REF" else anchor
            end = None if value == "FUTURE_REF" else anchor
        return TimeValue(type=rule.type or "DATE", value=value, start=start, end=end, mod=p.mod,  # type: ignore[arg-type]
                         resolved=anchor is not None, anchor=anchor, rule=rid)  # fmt: skip
    if rule.type == "SET" or p.setword:
        return _set(p, rule)
    if p.durword:
        return TimeValue(type="DURATION", value=p.durword, mod=p.mod, resolved=True, rule=rid)
    quantity = p.unit is not None and (p.number is not None or p.vague) and rule.type != "DATE"
    if rule.type == "DURATION" or quantity or rule.direction:
        return _quantity(p, rule, anchor)
    if p.hour is not None or (p.pod and rule.type != "DATE"):
        return _time(p, rule, anchor, prefer, ref_day)
    iv = _calendar(p, anchor, prefer)
    if iv is None:
        if anchor is not None or p.year is not None:
            return None  # an impossible date ("31 February 2025") or nothing to compute
        value, gran = _placeholder(p)  # relative, and no anchor to resolve it on
        return TimeValue(value=value, granularity=gran, mod=p.mod, resolved=False, rule=rid)
    relative = p.year is None and p.century is None and p.decade is None
    return _tv(iv, p, anchor if relative else None, rid)


def _set(p: Parts, rule: Rule) -> TimeValue:
    if p.setword:
        value = p.setword
    elif rule.value:
        value = rule.value
    elif p.weekday is not None:
        value = f"XXXX-WXX-{p.weekday}"
    elif p.season:
        value = f"XXXX-{p.season}"
    elif p.unit:
        value = duration_value(p.number or 1, p.unit)
    else:
        value = None
    gran = UNIT_GRAN.get(p.unit) if p.unit else ("day" if p.weekday else None)  # type: ignore[arg-type]
    return TimeValue(type="SET", value=value, granularity=gran, mod=p.mod, resolved=value is not None, rule=rule.id)


def _quantity(p: Parts, rule: Rule, anchor: date | None) -> TimeValue | None:
    unit = p.unit
    if unit is None:
        return None
    gran = UNIT_GRAN[unit]
    n = None if p.vague else p.number
    if rule.direction:  # "three years ago", "il y a trois ans", "dans deux semaines"
        if n is None:
            ref = "PAST_REF" if rule.direction == "past" else "FUTURE_REF"
            return TimeValue(value=ref, mod=p.mod, resolved=anchor is not None, anchor=anchor, rule=rule.id)
        if anchor is None:
            value, g2 = _placeholder(Parts(unit="Y" if unit in ("DE", "CE") else unit))
            return TimeValue(value=value, granularity=g2, mod=p.mod, resolved=False, rule=rule.id)
        sign = -1 if rule.direction == "past" else 1
        if n != int(n):
            return None
        d = shift(anchor, unit, sign * int(n))
        iv = unit_interval("Y" if unit in ("DE", "CE") else unit, d)
        return _tv(iv, Parts(mod=p.mod), anchor, rule.id)
    value = duration_value(n, unit)
    start = end = None
    if rule.anchored and anchor is not None and n is not None and n == int(n):
        if (p.deictic or -1) < 0:  # "the past two years": ends on the anchor
            start, end = shift(anchor, unit, -int(n)) + timedelta(days=1), anchor
        else:  # "the next two years"
            start, end = anchor, shift(anchor, unit, int(n)) - timedelta(days=1)
    return TimeValue(type="DURATION", value=value, start=start, end=end, granularity=gran, mod=p.mod,
                     resolved=True, anchor=anchor if start else None, rule=rule.id)  # fmt: skip


def _time(p: Parts, rule: Rule, anchor: date | None, prefer: Prefer, ref_day: date | None) -> TimeValue:
    """A clock time or part of the day, on the day the expression names, else on `ref_day` or the anchor."""
    has_date = any(x is not None for x in (p.day_offset, p.weekday, p.day, p.month))
    iv = _calendar(p, anchor, prefer) if has_date else None
    day = iv.start if iv else (ref_day or anchor)
    if p.hour is not None:
        clock = f"T{p.hour:02d}:{(p.minute or 0):02d}"
    else:
        clock = f"T{p.pod}"
    if day is None:
        return TimeValue(type="TIME", value=f"XXXX-XX-XX{clock}", granularity="time", mod=p.mod,
                         resolved=False, rule=rule.id)  # fmt: skip
    relative = not (has_date and p.year is not None)
    return TimeValue(type="TIME", value=f"{day.isoformat()}{clock}", start=day, end=day, granularity="time",
                     mod=p.mod, resolved=True, anchor=anchor if relative else None, rule=rule.id)  # fmt: skip

