"""The data side of `claimx.temporal`: the schema of `models/temporal/<lang>.json` and its compiled grammar.

A temporal file holds *lexicons* (month names, weekdays, seasons, number words, units, modifiers, deictic words,
prepositions, ...) and *rules*: regular-expression templates whose `{slot}` placeholders expand to named groups
built from the lexicons (`{month}` → `(?P<month>january|jan|...)`, `{ordinal:quarter}` → a group named `quarter`
that accepts ordinals). The resolver (`temporal_resolve.py`) reads the named groups of a match, so a rule says
*what* is written, never how to compute the date.

A language without a file gets `xx.json` (digit-only rules), with month and weekday names borrowed from
dateparser's translation data when dateparser knows the language.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from claimx.resources import ResourceError, load_lang
from claimx.schemas import TimeRelation

Unit = Literal["Y", "M", "W", "D", "H", "MIN", "S", "DE", "CE", "Q", "HALF"]
Mod = Literal[
    "START", "MID", "END", "APPROX", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER",
    "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE",
]  # fmt: skip
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
PartOfDay = Literal["MO", "MI", "AF", "EV", "NI", "DT"]
Ref = Literal["PRESENT_REF", "PAST_REF", "FUTURE_REF"]


class Rule(BaseModel):
    """One extraction rule: a regex template plus the fixed parts the text does not spell out."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z]{2,3}\.[a-z0-9_.]+$")
    pattern: str  # regex template; `{slot}` or `{slot:group}` placeholders; matched case-insensitively
    type: TimeType | None = None  # forced TIMEX3 type (else inferred from what matched)
    value: str | None = None  # a fixed TIMEX3 value (SET frequencies, PRESENT_REF, ...)
    unit: Unit | None = None  # a unit written literally in the pattern ("quarter", "semestre")
    deictic: int | None = None  # a fixed shift (-1 last, 0 this, +1 next)
    day_offset: int | None = None  # a fixed day shift from the anchor ("tonight": 0)
    pod: PartOfDay | None = None  # a fixed part of the day ("tonight": NI)
    mod: Mod | None = None
    direction: Literal["past", "future"] | None = None  # "three years ago" (past), "dans trois ans" (future)
    anchored: bool = False  # a duration that ends (past) or starts (future) at the anchor: "the past two years"
    examples: list[str] = Field(default_factory=list)  # each must match the whole pattern (tested)


class TemporalLexicon(BaseModel):
    """`models/temporal/<lang>.json`: every word list and rule of one language."""

    model_config = ConfigDict(extra="forbid")

    version: str = "1"
    lang: str
    date_order: Literal["DMY", "MDY", "YMD"] = "DMY"  # for numeric dates such as 03/04/2024
    months: dict[str, int] = Field(default_factory=dict)  # name or abbreviation -> 1..12
    weekdays: dict[str, int] = Field(default_factory=dict)  # -> ISO 1 (Monday) .. 7 (Sunday)
    seasons: dict[str, Literal["SP", "SU", "FA", "WI"]] = Field(default_factory=dict)
    numbers: dict[str, int] = Field(default_factory=dict)  # number words ("six", "a", "dix-huit")
    ordinals: dict[str, int] = Field(default_factory=dict)  # ordinal words ("third", "troisième")
    units: dict[str, Unit] = Field(default_factory=dict)
    vague: list[str] = Field(default_factory=list)  # "several", "quelques": an unspecified count (X)
    parts_of_day: dict[str, PartOfDay] = Field(default_factory=dict)
    clock_words: dict[str, str] = Field(default_factory=dict)  # "noon" -> "12:00"
    mods: dict[str, Mod] = Field(default_factory=dict)  # "early" -> START, "less than" -> LESS_THAN
    deictics: dict[str, int] = Field(default_factory=dict)  # "last" -> -1, "this" -> 0, "next" -> 1
    day_words: dict[str, int] = Field(default_factory=dict)  # "yesterday" -> -1
    refs: dict[str, Ref] = Field(default_factory=dict)  # "currently" -> PRESENT_REF
    set_words: dict[str, str] = Field(default_factory=dict)  # "annually" -> P1Y
    relations: dict[str, TimeRelation] = Field(default_factory=dict)  # preposition before a span
    capitalised_only: list[str] = Field(default_factory=list)  # lexicon words that count only as "May"
    future_cues: list[str] = Field(default_factory=list)  # regexes: a weekday or month after them is ahead
    reject_candidates: list[str] = Field(default_factory=list)  # regexes: model DATE spans that are not times
    rules: list[Rule] = Field(default_factory=list)

    @field_validator("months")
    @classmethod
    def _months(cls, v: dict[str, int]) -> dict[str, int]:
        bad = [k for k, n in v.items() if not 1 <= n <= 12]
        if bad:
            raise ValueError(f"month numbers must be 1..12: {bad}")
        return v

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, v: dict[str, int]) -> dict[str, int]:
        bad = [k for k, n in v.items() if not 1 <= n <= 7]
        if bad:
            raise ValueError(f"weekday numbers must be 1..7 (ISO, Monday=1): {bad}")
        return v

    @field_validator("future_cues", "reject_candidates")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        for rx in v:
            re.compile(rx)
        return v


# ----------------------------------------------------------------------------------------------
# Compilation

# Slots that are plain regexes (no lexicon). Years: 1500..2099, never glued to other digits or to money.
_REGEX_SLOTS = {
    "year": r"(?<![\w$€£.,/])(?:1[5-9]|20)\d\d(?![\w%€$£]|[.,/:]\d)",
    "yy": r"\d\d(?!\d)",
    "day": r"(?:3[01]|[12]\d|0?[1-9])(?!\d)",
    "monthnum": r"(?:1[0-2]|0?[1-9])(?!\d)",
    "hour": r"(?:2[0-4]|[01]?\d)(?!\d)",
    "minute": r"[0-5]\d(?!\d)",
    "decade": r"(?:1[5-9]|20)\d0",
    "roman": r"[IVXL]{1,5}",
}
# Slots built from a lexicon table (attribute of TemporalLexicon).
_TABLE_SLOTS = {
    "month": "months",
    "weekday": "weekdays",
    "season": "seasons",
    "unit": "units",
    "vague": "vague",
    "pod": "parts_of_day",
    "clock": "clock_words",
    "mod": "mods",
    "deictic": "deictics",
    "dayword": "day_words",
    "ref": "refs",
    "setword": "set_words",
}
_SLOT = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_]*))?\}")


def norm_key(s: str) -> str:
    """The lookup form of a lexicon word or of matched text: lower case, one space, ASCII apostrophe."""
    s = s.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"[\s\-]+", " ", s).strip()


def _alternation(words: list[str]) -> str:
    """A regex alternation of lexicon words, longest first; a space or hyphen matches any run of either."""
    parts = []
    for w in sorted(set(words), key=lambda x: (-len(x), x)):
        esc = re.escape(norm_key(w)).replace(r"\ ", r"[\s\-]+")
        parts.append(esc)
    return "|".join(parts) if parts else "(?!)"


@dataclass
class CompiledRule:
    index: int  # priority: earlier rules win ties on span length
    rule: Rule
    regex: re.Pattern[str]


@dataclass
class Grammar:
    """A language's lexicon with lookup tables and compiled rules, built once per language."""

    lang: str
    lexicon: TemporalLexicon
    rules: list[CompiledRule]
    lookup: dict[str, dict[str, object]]  # table attribute -> normalised word -> value
    number_rx: re.Pattern[str]
    relation_rx: re.Pattern[str] | None
    future_rx: re.Pattern[str] | None
    reject_rx: re.Pattern[str] | None
    capitalised_only: frozenset[str] = field(default_factory=frozenset)
    borrowed: bool = False  # month/weekday names taken from dateparser (no claimx file for the language)

    def value(self, table: str, text: str) -> object | None:
        return self.lookup[table].get(norm_key(text))


def _slot_regexes(lex: TemporalLexicon) -> dict[str, str]:
    slots = dict(_REGEX_SLOTS)
    for slot, attr in _TABLE_SLOTS.items():
        table = getattr(lex, attr)
        slots[slot] = _alternation(list(table))
    words = _alternation(list(lex.numbers))
    # digits (with a decimal part: "30,4 secondes"), a word, or two words ("twenty-five", "vingt et un")
    slots["number"] = rf"(?:\d+(?:[.,]\d+)?(?!\d)|(?:{words})(?:(?:[\s\-]+|[\s\-]+(?:et|and)[\s\-]+)(?:{words}))?)"
    ords = _alternation(list(lex.ordinals))
    slots["ordinal"] = rf"(?:{ords}|\d{{1,2}}(?:st|nd|rd|th|er|re|ère|ere|ème|eme|e)(?!\w))"
    return slots


def _expand(template: str, slots: dict[str, str], rule_id: str) -> str:
    seen: set[str] = set()

    def sub(m: re.Match[str]) -> str:
        slot, group = m.group(1), m.group(2) or m.group(1)
        if slot not in slots:
            raise ResourceError(f"temporal rule {rule_id}: unknown slot {{{slot}}}")
        if group in seen:
            raise ResourceError(f"temporal rule {rule_id}: group {group!r} used twice (name the second one)")
        seen.add(group)
        return f"(?P<{group}>{slots[slot]})"

    return _SLOT.sub(sub, template)


def compile_grammar(lex: TemporalLexicon, *, borrowed: bool = False) -> Grammar:
    """Expand and compile every rule of `lex` (errors name the rule)."""
    slots = _slot_regexes(lex)
    rules = []
    for i, rule in enumerate(lex.rules):
        body = _expand(rule.pattern, slots, rule.id)
        try:
            # a rule never starts or ends inside a word
            rx = re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)
        except re.error as exc:
            raise ResourceError(f"temporal rule {rule.id}: bad regex: {exc}") from exc
        rules.append(CompiledRule(i, rule, rx))
    lookup: dict[str, dict[str, object]] = {}
    for attr in set(_TABLE_SLOTS.values()) | {"numbers", "ordinals"}:
        table = getattr(lex, attr)
        if isinstance(table, list):
            table = dict.fromkeys(table, True)
        lookup[attr] = {norm_key(k): v for k, v in table.items()}
    rel = None
    if lex.relations:
        # the preposition right before a span: "since 2023", "d'ici 2030", "à partir d'avril"
        rel = re.compile(rf"(?:^|(?<![\w']))({_alternation(list(lex.relations))})\s*$", re.IGNORECASE)
    fut = re.compile("|".join(f"(?:{c})" for c in lex.future_cues), re.IGNORECASE) if lex.future_cues else None
    rej = re.compile("|".join(f"(?:{c})" for c in lex.reject_candidates), re.IGNORECASE)
    return Grammar(
        lang=lex.lang,
        lexicon=lex,
        rules=rules,
        lookup=lookup,
        number_rx=re.compile(slots["number"], re.IGNORECASE),
        relation_rx=rel,
        future_rx=fut,
        reject_rx=rej if lex.reject_candidates else None,
        capitalised_only=frozenset(norm_key(w) for w in lex.capitalised_only),
        borrowed=borrowed,
    )


def load_lexicon(lang: str) -> TemporalLexicon | None:
    """`models/temporal/<lang>.json`, validated and cached; None when the language has no file."""
    return load_lang("temporal", lang, TemporalLexicon)


def _borrow_from_dateparser(lex: TemporalLexicon, lang: str) -> TemporalLexicon:
    """Add dateparser's month and weekday names for `lang` to the generic lexicon (names of 3+ letters)."""
    try:
        data = importlib.import_module(f"dateparser.data.date_translation_data.{lang}").info
    except (ImportError, AttributeError):
        return lex
    months = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"]  # fmt: skip
    days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    mnames = {w: i + 1 for i, m in enumerate(months) for w in data.get(m, []) if len(w) >= 3}
    dnames = {w: i + 1 for i, d in enumerate(days) for w in data.get(d, []) if len(w) >= 3}
    order = data.get("date_order", "DMY")
    return lex.model_copy(
        update={
            "lang": lang,
            "months": {**mnames, **lex.months},
            "weekdays": {**dnames, **lex.weekdays},
            "date_order": order if order in ("DMY", "MDY", "YMD") else "DMY",
        }
    )


@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of `lang`, built lazily once; unknown languages get the generic `xx` rules."""
    lex = load_lexicon(lang)
    if lex is not None:
        return compile_grammar(lex)
    generic = load_lexicon("xx")
    if generic is None:  # no generic file either: an empty grammar still works (dateparser only)
        generic = TemporalLexicon(lang="xx")
    return compile_grammar(_borrow_from_dateparser(generic, lang), borrowed=True)


def parse_number(text: str, g: Grammar) -> float | None:
    """A count written in digits or words: "6", "30,4", "six", "twenty-five", "dix-huit"."""
    t = norm_key(text)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):
        return float(t.replace(",", "."))
    direct = g.lookup["numbers"].get(t)
    if direct is not None:
        return float(direct)  # type: ignore[arg-type]
    parts = [p for p in t.split(" ") if p not in ("et", "and")]
    vals = [g.lookup["numbers"].get(p) for p in parts]
    if len(vals) == 2 and all(isinstance(v, int) for v in vals):
        a, b = vals  # type: ignore[misc]
        if a >= 20 and a % 10 == 0 and 0 < b < 10:  # twenty-five, vingt et un
            return float(a + b)
        if a < 10 and b in (100, 1000):  # trois cents
            return float(a * b)
    return None


_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}


def parse_ordinal(text: str, g: Grammar) -> int | None:
    """An ordinal in words or digits: "third", "3rd", "troisième", "3e", "1er", or a Roman numeral ("XXe")."""
    t = norm_key(text)
    word = g.lookup["ordinals"].get(t)
    if word is not None:
        return int(word)  # type: ignore[arg-type]
    m = re.match(r"(\d+)", t)
    if m:
        return int(m.group(1))
    return parse_roman(text)


def parse_roman(text: str) -> int | None:
    t = re.sub(r"(?i)(e|er|ème|eme)$", "", text.strip()).upper()
    if not t or any(c not in _ROMAN for c in t):
        return None
    total = 0
    for i, c in enumerate(t):
        v = _ROMAN[c]
        total += -v if i + 1 < len(t) and _ROMAN[t[i + 1]] > v else v
    return total
