"""Time expressions → TIMEX3-normalised `TimeSpan`s with granularity, anchored on the article date.

`find_times` runs the data-driven rules of `models/temporal/<lang>.json` over a text, adds the DATE/TIME spans a
trained spaCy model found (`candidates`), keeps the longest of overlapping spans, and normalises each one:
rules first (`claimx.temporal.resolve` documents the calendar choices), dateparser for short model spans the
rules do not cover. Around each span it reads three things from the text:

- the preposition before it, as `relation` ("since 2023" → since, "d'ici fin 2027" → by);
- the tense of its clause, from data-driven cues ("will", "va", "prévu" / "said", "a annoncé"), which decides
  between the past and the coming instance of a bare weekday, month or season;
- for a clock time with no date of its own ("vers 18 h 55"), the day-level expression nearest to it in its
  sentence, else the last one before it, else the anchor.

    >>> from datetime import date
    >>> [s.value for s in find_times("Renault postponed the IPO in January 2024.", "en", date(2026, 1, 22))]
    ['2024-01']

Spans never include the preposition; they include modifiers ("late 2023", "moins de six mois") and French
articles ("le 21 janvier", "l'été 2025"). A range "from 2023 to 2025" is two spans (relations since, until).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from claimx.common.text import fold_case, fold_quotes
from claimx.resources import register_cache
from claimx.schemas import TimeSpan, TimeValue
from claimx.temporal.grammar import CompiledRule, Grammar, grammar, read_count
from claimx.temporal.intervals import Prefer, iv_day, iv_month, iv_quarter, iv_week, iv_year
from claimx.temporal.resolve import read_parts, resolve

__all__ = ["TimeValue", "find_times", "normalise_time"]

_MAX_DATEPARSER_CHARS = 40
_CUE_WINDOW = 80  # characters around a span searched for tense cues (same clause only)
_REL_WINDOW = 30  # characters before a span searched for a preposition
_SENTENCE_END = re.compile(r"[.!?](?=\s+[^\W\d_a-z]|\s*$)|\n")  # an upper-case letter follows
_WINDOW = 60  # characters around a trigger word where rules are tried (longer than any expression)
_OPENING_WORDS = 2  # words before a span that still opens its clause ("Dès le", "Depuis")


@dataclass
class _Match:
    start: int
    end: int
    priority: int  # rule index; candidates come after every rule
    rule: CompiledRule | None  # None for a model candidate
    groups: tuple[tuple[str, str], ...] = ()


def _windows(g: Grammar, low: str) -> list[tuple[int, int]]:
    """Stretches of text around trigger words (digits, months, units, ...): the only places rules can match."""
    out: list[tuple[int, int]] = []
    for m in g.trigger_rx.finditer(low):
        s, e = max(0, m.start() - _WINDOW), min(len(low), m.end() + _WINDOW)
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _finditer(g: Grammar, cr: CompiledRule, text: str, low: str, ws: int, we: int) -> Iterator[re.Match[str]]:
    """The matches of one rule in `low[ws:we]`. A match whose count the quantity code cannot read ("a two-year",
    "five six years") is none, and the search goes on from its next character ("two-year")."""
    pos: int | None = ws
    while pos is not None:
        restart = None
        for m in cr.regex.finditer(low, pos, we):
            if any(m.start(k) >= 0 and read_count(text[m.start(k) : m.end(k)], g.lang) is None
                   for k in cr.count_groups):  # fmt: skip
                restart = m.start() + 1
                break
            yield m
        pos = restart


def _rule_matches(g: Grammar, text: str) -> list[_Match]:
    """Every match of every rule (overlaps included); group texts are taken from `text` itself."""
    low = fold_case(text)
    windows = _windows(g, low)
    out = []
    for cr in g.rules:
        for ws, we in windows:
            for m in _finditer(g, cr, text, low, ws, we):
                if m.end() > m.start() and (not cr.rejects or cr.accepts(text, m.start(), m.end())):
                    groups = tuple((k, text[m.start(k) : m.end(k)]) for k, v in m.groupdict().items() if v is not None)
                    out.append(_Match(m.start(), m.end(), cr.index, cr, groups))
    return out


def _select(matches: list[_Match], valid: Callable[[_Match], bool] | None = None) -> list[_Match]:
    """Longest first (then earlier rule, then rule before candidate), without overlaps; sorted by start.

    A match that `valid` rejects (it cannot be normalised) leaves room for the shorter ones it overlaps.
    """
    kept: list[_Match] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.priority, m.start)):
        if all(m.end <= k.start or m.start >= k.end for k in kept) and (valid is None or valid(m)):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _value(g: Grammar, text: str, m: _Match, anchor: date | None, last_day: date | None) -> TimeValue | None:
    """The normalised value of a match (None: nothing can read it, e.g. a model span "the day" or "48")."""
    prefer = _prefer(g, text, m.start, m.end)
    if m.rule is not None:
        return _resolve_cached(g.lang, m.rule.index, m.groups, anchor, prefer, last_day)
    tv = _normalise_time_cached(text[m.start : m.end], g.lang, anchor, prefer, last_day)
    return None if tv.value is None and tv.rule is None else tv


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """A model span without surrounding spaces, punctuation or a trailing possessive."""
    while s < e and not text[s].isalnum() and text[s] != "'":
        s += 1
    while e > s and not text[e - 1].isalnum() and text[e - 1] not in ".":
        e -= 1
    if text[s:e].lower().endswith("'s"):
        e -= 2
    if e > s and text[e - 1] == "." and not re.search(r"\b[a-z]\.$", text[s:e], re.I):
        e -= 1  # sentence full stop, not "p.m."
    return s, e


def _relation(g: Grammar, text: str, start: int, tv: TimeValue | None = None) -> str | None:
    """The relation the preposition before a span gives ("since 2023" → since); "on"/"à" before a period longer
    than a day means during, "during"/"au" before a day means on."""
    if g.relation_rx is None:
        return None
    m = g.relation_rx.search(text[max(0, start - _REL_WINDOW) : start])
    if m is None:
        return None
    rel = g.lookup_relation(m.group(1))
    if rel == "on" and tv is not None and tv.granularity not in (None, "day", "time"):
        return "during"  # "à l'été 2025"
    if rel == "during" and tv is not None and tv.type in ("DATE", "TIME") and tv.granularity in ("day", "time"):
        return "on"  # "reporté au 2 avril"
    return rel


def _prefer(g: Grammar, text: str, start: int, end: int) -> Prefer:
    """The tense of a span's sentence, from data-driven cues: a future cue ("will", "va", "prévu") before the span
    wins, then a past cue before it ("said", "-ed", "a annoncé"), then the same order after it; None when
    there is no cue (the nearest instance is then taken)."""
    before = re.split(r"[.!?;\n]\s|,", text[max(0, start - _CUE_WINDOW) : start])[-1]  # same clause
    # "Fin mars, l'entreprise comptait": a span that opens its clause dates the clause after it, as far as the window
    # reaches ("Le 29 juin, le gouvernement de coalition s'est effondré"); after a span inside its clause, only the
    # words next to it ("avant de quitter ses fonctions le 30 octobre, le général l'a rappelé": not the main clause)
    opens = len(before.split()) <= _OPENING_WORDS
    after = re.split(r"[.!?;\n]\s", text[end : end + (_CUE_WINDOW if opens else _CUE_WINDOW // 2)])[0]
    for window in (before, after):
        if g.future_rx is not None and g.future_rx.search(window):
            return "future"
        if g.past_rx is not None and g.past_rx.search(window):
            return "past"
    return None


# ----------------------------------------------------------------------------------------------
# Normalisation (cached; registered with claimx.resources, so an added models folder resets them with the grammar)

# Expressions kept resolved per cache. An entry is about 2 KB with its key, and the key holds the document's date, so
# that hits come mostly from the same document: a larger cache (65,536) only held a long run's dates, 7,400 entries
# (about 15 MB) after 1,000 articles and more with every article.
CACHE_SIZE = 4096


@register_cache
@lru_cache(maxsize=CACHE_SIZE)
def _resolve_cached(
    lang: str, rule_index: int, groups: tuple[tuple[str, str], ...], anchor: date | None, prefer: Prefer,
    ref_day: date | None,
) -> TimeValue | None:  # fmt: skip
    g = grammar(lang)
    rule = g.rules[rule_index].rule
    try:
        return resolve(read_parts(dict(groups), rule, g, anchor), rule, anchor, prefer, ref_day)
    except (ValueError, OverflowError):  # calendar arithmetic off the calendar (year 10000): not normalised
        return None


def _best_inner(g: Grammar, expr: str) -> _Match | None:
    """The longest rule match inside `expr` (earlier rule on ties)."""
    found = _select(_rule_matches(g, expr))
    return max(found, key=lambda m: (m.end - m.start, -m.priority), default=None)


@register_cache
@lru_cache(maxsize=CACHE_SIZE)
def _normalise_time_cached(
    expr: str, lang: str, anchor: date | None, prefer: Prefer, ref_day: date | None
) -> TimeValue:
    g = grammar(lang)
    text = fold_quotes(expr).strip()
    m = _best_inner(g, text)
    if m is not None and m.rule is not None:
        tv = _resolve_cached(lang, m.rule.index, m.groups, anchor, prefer, ref_day)
        if tv is not None:
            return tv
    tv = _dateparser(text, lang, anchor, prefer)
    return tv if tv is not None else TimeValue(resolved=False, anchor=None, rule=None)


def normalise_time(expr: str, lang: str, anchor: date | None, prefer: Prefer = None) -> TimeValue:
    """Normalise one short time expression (type, TIMEX3 value, start/end, granularity, mod), cached.

    The longest rule match inside `expr` decides; when no rule matches, dateparser is tried on expressions of at
    most 40 characters. `prefer` ("past"/"future") overrides the nearest-instance choice for bare weekdays and
    months. An expression that cannot be normalised gives a `TimeValue` with `value=None`, `resolved=False`.
    """
    return _normalise_time_cached(expr, lang, anchor, prefer, None)


# ----------------------------------------------------------------------------------------------
# dateparser fallback


_PERIOD_WORDS = re.compile(r"\d|[^\W\d_]{3,}")
_CLOCK = re.compile(r"\d{1,2}\s*[:h]\s*\d\d|\d\s*[ap]\.?m\b", re.I)
_FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)(1[5-9]|20)\d\d(?!\d)")


@lru_cache(maxsize=64)  # dateparser's own data, nothing from models/: not a registered cache
def _date_parser(lang: str, anchor: date | None, prefer: Prefer):  # noqa: ANN202 (dateparser has no types)
    from dateparser.date import DateDataParser  # heavy import, only when needed

    settings = {
        "RELATIVE_BASE": datetime.combine(anchor or date.today(), datetime.min.time()),
        "PREFER_DATES_FROM": {"past": "past", "future": "future"}.get(prefer or "", "current_period"),
        "RETURN_TIME_AS_PERIOD": True,
    }
    try:
        return DateDataParser(languages=[lang], settings=settings)
    except ValueError:  # a language dateparser does not know
        return None


def _dateparser(expr: str, lang: str, anchor: date | None, prefer: Prefer) -> TimeValue | None:
    """dateparser's reading of a short span, trusted only at the period it reports."""
    if len(expr) > _MAX_DATEPARSER_CHARS or not _PERIOD_WORDS.search(expr):
        return None
    if anchor is None and not _FOUR_DIGIT_YEAR.search(expr):
        return None  # relative (or year-less) and nothing to anchor it on
    parser = _date_parser(lang, anchor, prefer)
    if parser is None:
        return None
    try:
        data = parser.get_date_data(expr)
    except Exception:  # dateparser raises assorted errors on odd input; a span is then just not normalised
        return None
    d, period = data["date_obj"], data["period"]
    if d is None:
        return None
    day = d.date()
    relative = not _FOUR_DIGIT_YEAR.search(expr)
    if period == "time":
        if not _CLOCK.search(expr):
            return None
        return TimeValue(type="TIME", value=d.strftime("%Y-%m-%dT%H:%M"), start=day, end=day, granularity="time",
                         resolved=True, anchor=anchor if relative else None, rule="dateparser")  # fmt: skip
    if period == "year" and relative:
        return None  # "the 99th day" read as 1999: a year needs four digits (rules handle "last year")
    builders = {
        "day": lambda: iv_day(day),
        "week": lambda: iv_week(day),
        "month": lambda: iv_month(day.year, day.month),
        "quarter": lambda: iv_quarter(day.year, (day.month - 1) // 3 + 1),
        "year": lambda: iv_year(day.year),
    }
    if period not in builders:
        return None
    iv = builders[period]()
    return TimeValue(value=iv.value, start=iv.start, end=iv.end, granularity=iv.granularity, resolved=True,
                     anchor=anchor if relative else None, rule="dateparser")  # fmt: skip


# ----------------------------------------------------------------------------------------------
# Finding


def find_times(
    text: str, lang: str, anchor: date | None, candidates: Sequence[tuple[int, int]] = ()
) -> list[TimeSpan]:
    """Every time expression of `text`, normalised and sorted by start.

    `lang` picks `models/temporal/<lang>.json` (an unknown language gets digit-only rules plus dateparser's month
    and weekday names); `anchor` is the article date relative expressions are resolved against (None: they stay
    unresolved, with X placeholders); `candidates` are character spans a model labelled DATE/TIME. Overlaps are
    dropped, longest first. Offsets index `text`: `text[s.start_char:s.end_char] == s.text`.
    """
    g = grammar(lang)
    work = fold_quotes(text)
    matches = _rule_matches(g, work)
    n_rules = len(g.rules)
    for s, e in candidates:
        s, e = _trim(work, max(0, s), min(len(work), e))
        tail = g.candidate_tail_rx.search(work, s, e) if g.candidate_tail_rx is not None else None
        if tail is not None and tail.start() > s:
            e = tail.start()
        if e <= s or (g.reject_rx is not None and g.reject_rx.fullmatch(work[s:e])):
            continue
        inner = [m for m in matches if s <= m.start and m.end <= e]
        if len(_select(inner)) >= 2:  # "2009-2010", "from May to June": keep the separate rule spans
            continue
        matches.append(_Match(s, e, n_rules, None))
    selected = _select(matches, lambda m: _value(g, work, m, anchor, None) is not None)
    values = [_value(g, work, m, anchor, None) for m in selected]
    refs = _reference_days(work, selected, values, [_value(g, work, m, anchor, _PROBE) for m in selected])
    spans: list[TimeSpan] = []
    for m, tv, ref in zip(selected, values, refs, strict=True):
        if ref is not None:
            tv = _in_part_of_day(work[m.start : m.end], _value(g, work, m, anchor, ref[0]), ref[1])
        if tv is None:
            continue
        spans.append(
            TimeSpan(
                text=text[m.start : m.end],
                start_char=m.start,
                end_char=m.end,
                relation=_relation(g, work, m.start, tv),  # type: ignore[arg-type]
                **tv.model_dump(),
            )
        )
    return _ranges(g, work, spans)


_PROBE = date(1, 1, 1)  # a reference day no real text uses: a span whose value changes with it needs one


_PART_OF_DAY = re.compile(r"T(MO|AF|EV|NI)$")  # TimeML's parts of a day: morning, afternoon, evening, night
# a clock time with no a.m., p.m. or words after its digits ("5:00", "vers 9 h 30")
_BARE_CLOCK = re.compile(r"(?:[^\W\d]+\s+)*\d[\d\s:.hH]*")
_AFTER_NOON = {"AF": 1, "EV": 1, "NI": 6}  # the part of the day's bare clock hours that are past noon: from 1, 6
_NEAR = 16  # characters between a clock time and the expression of its day for that day's part to be the clock's


def _in_part_of_day(text: str, tv: TimeValue | None, part: str | None) -> TimeValue | None:
    """A bare clock time ("just after 5:00", "vers 9 h") whose day is given by an afternoon, evening or night ("on
    that Saturday evening", "mardi soir") is a time past noon: 17:00, not 05:00."""
    low = _AFTER_NOON.get(part or "")
    if tv is None or low is None or tv.value is None or not _BARE_CLOCK.fullmatch(text.strip()):
        return tv
    day, _, clock = tv.value.partition("T")
    hour, sep, rest = clock.partition(":")
    if not (sep and hour.isdigit() and low <= int(hour) < 12):
        return tv
    return tv.model_copy(update={"value": f"{day}T{int(hour) + 12:02d}:{rest}"})


def _reference_days(
    text: str, matches: list[_Match], values: list[TimeValue | None], probed: list[TimeValue | None]
) -> list[tuple[date, str | None] | None]:
    """The day a clock time without a date of its own ("vers 18 h 55") is on, with the part of that day the
    expression naming it says when it stands beside the clock (TimeML's MO, AF, EV, NI, or None): the nearest
    day-level expression of its sentence (before it, else after it), else the last one before it in the text;
    None: the anchor."""
    days: list[date | None] = []
    for tv, pv in zip(values, probed, strict=True):
        own = tv is not None and tv == pv and tv.granularity in ("day", "time") and tv.start is not None
        days.append(tv.start if own and tv is not None else None)
    sentence = [len(_SENTENCE_END.findall(text, 0, m.start)) for m in matches]
    out: list[date | None] = []
    for i, (tv, pv) in enumerate(zip(values, probed, strict=True)):
        if tv is None or pv is None or tv == pv:
            out.append(None)
            continue
        same = [j for j in range(len(matches)) if days[j] is not None and sentence[j] == sentence[i] and j != i]
        before = [j for j in same if j < i]
        after = [j for j in same if j > i]
        earlier = [j for j in range(i) if days[j] is not None]
        pick = before[-1] if before else after[0] if after else earlier[-1] if earlier else None
        if pick is None:
            out.append(None)
            continue
        near = max(matches[pick].start - matches[i].end, matches[i].start - matches[pick].end) <= _NEAR
        part = _PART_OF_DAY.search(values[pick].value or "") if near and values[pick] is not None else None
        out.append((days[pick], part.group(1) if part else None))
    return out


def _ranges(g: Grammar, text: str, spans: list[TimeSpan]) -> list[TimeSpan]:
    """"from 2023 to 2025", "de 9 h à 17 h", "2009-2010": the first span is `since`, the second `until`."""
    if g.range_join_rx is None:
        return spans
    for i in range(len(spans) - 1):
        a, b = spans[i], spans[i + 1]
        between = text[a.end_char : b.start_char]
        if not between or not g.range_join_rx.fullmatch(between) or b.type != a.type:
            continue
        opened = g.range_start_rx is not None and g.range_start_rx.search(text[max(0, a.start_char - _REL_WINDOW) : a.start_char])
        if opened or between.strip() in ("-", "\u2013"):
            spans[i] = _year_of(a, b).model_copy(update={"relation": "since"})
            spans[i + 1] = b.model_copy(update={"relation": "until"})
    return spans


_YEAR_DIGITS = re.compile(r"\d{4}")


def _year_of(a: TimeSpan, b: TimeSpan) -> TimeSpan:
    """The start of a range that names no year takes the year of its end ("between September and October of 2007",
    "from March 3 to March 5, 2007"), or the year before when that would put it after the end ("December to February
    2008"); the anchor's year was a guess that the text settles."""
    if (a.granularity not in ("month", "day") or a.start is None or a.end is None or b.start is None
            or b.end is None or not a.value or _YEAR_DIGITS.search(a.text) or not _YEAR_DIGITS.search(b.text)):
        return a
    for year in (b.start.year, b.start.year - 1):
        try:
            start, end = a.start.replace(year=year), a.end.replace(year=year)
        except ValueError:  # 29 February
            return a
        if start <= b.end:
            return a.model_copy(update={"start": start, "end": end, "value": f"{year:04d}{a.value[4:]}"})
    return a
