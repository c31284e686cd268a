"""The schema of `models/temporal/<lang>.json`: the word lists and rules of one language for `claimx.temporal.finder`.

A temporal file holds *lexicons* (month names, weekdays, seasons, ordinal words, units, modifiers, deictic words,
prepositions, tense cues, ...) and *rules*: regular-expression templates whose `{slot}` placeholders expand to
named groups built from the lexicons (`{month}` → `(?P<month>january|jan|...)`, `{ordinal:quarter}` → a group
named `quarter` that accepts ordinals). Number words are not here: the `{number}` slot is built from the
language's quantity data (`models/quantities/<lang>.json`, the one list of them) and read by its code. Rules are
matched on lower-cased text. The resolver (`claimx.temporal.resolve`) reads the named groups of a match, so a rule
says *what* is written, never how to compute the date; each rule lists `examples` that the tests check it matches.
`xx.json` holds the digit-only rules used for languages without a file of their own.
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from claimx.resources import load_lang
from claimx.schemas import TimeRelation

Unit = Literal["Y", "M", "W", "WE", "D", "H", "MIN", "S", "DE", "CE", "Q", "HALF"]  # WE: weekend
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
    number: float | None = None  # a count written literally ("the past year": 1)
    unit: Unit | None = None  # a unit written literally in the pattern ("quarter", "semestre")
    deictic: int | None = None  # a fixed shift (-1 last, 0 this, +1 next)
    day_offset: int | None = None  # a fixed day shift from the anchor ("tonight": 0)
    pod: PartOfDay | None = None  # a fixed part of the day ("tonight": NI)
    mod: Mod | None = None
    direction: Literal["past", "future"] | None = None  # "three years ago" (past), "dans trois ans" (future)
    anchored: bool = False  # a duration that ends (past) or starts (future) at the anchor: "the past two years"
    examples: list[str] = Field(default_factory=list)  # each must match the whole pattern (tested)


class RangeWords(BaseModel):
    """Words of a range "from 2023 to 2025": the first span is `since`, the second `until`."""

    model_config = ConfigDict(extra="forbid")

    start: list[str] = Field(default_factory=list)  # before the first span: "from", "de"
    join: list[str] = Field(default_factory=list)  # between the spans: "to", "à", "-"


class RejectContext(BaseModel):
    """Matches of some rules that are not time expressions in a context ("Alain, 53 ans," is an age)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str]  # rule ids, or prefixes ending with "." ("fr.duration.")
    text: str | None = None  # regex the whole match must match
    before: str | None = None  # regex matching the text right before the match (up to 40 characters)
    after: str | None = None  # regex matching the text right after it
    case_sensitive: bool = False  # "Black Friday": the capital letter matters

    @field_validator("text", "before", "after")
    @classmethod
    def _regex(cls, v: str | None) -> str | None:
        if v is not None:
            re.compile(v)
        return v

    def applies_to(self, rule_id: str) -> bool:
        return any(rule_id == r or (r.endswith(".") and rule_id.startswith(r)) for r in self.rules)


class TemporalLexicon(BaseModel):
    """`models/temporal/<lang>.json`: every word list and rule of one language."""

    model_config = ConfigDict(extra="forbid")

    version: str = "1"
    lang: str
    months: dict[str, int] = Field(default_factory=dict)  # full month names -> 1..12 (slot {monthname})
    month_abbreviations: dict[str, int] = Field(default_factory=dict)  # "jan", "sept" (with {month} only)
    weekdays: dict[str, int] = Field(default_factory=dict)  # -> ISO 1 (Monday) .. 7 (Sunday)
    seasons: dict[str, Literal["SP", "SU", "FA", "WI"]] = Field(default_factory=dict)
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
    duration_words: dict[str, str] = Field(default_factory=dict)  # "quinquennat" -> P5Y, "fortnight" -> P2W
    holidays: dict[str, str] = Field(default_factory=dict)  # fixed-date holidays: "christmas" -> "12-25"
    relations: dict[str, TimeRelation] = Field(default_factory=dict)  # preposition before a span
    articles: list[str] = Field(default_factory=list)  # may stand between the preposition and the span
    range_words: RangeWords = Field(default_factory=RangeWords)
    capitalised_only: list[str] = Field(default_factory=list)  # lexicon words that count only as "May"
    future_cues: list[str] = Field(default_factory=list)  # regexes: a weekday or month near them is ahead
    past_cues: list[str] = Field(default_factory=list)  # regexes: a weekday or month near them is behind
    reject_candidates: list[str] = Field(default_factory=list)  # regexes: model DATE spans that are not times
    candidate_tail: str | None = None  # regex of words cut from the end of a model span ("a month *earlier*")
    reject_contexts: list[RejectContext] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)  # literal core words of rules that no table holds
    rules: list[Rule] = Field(default_factory=list)

    @field_validator("holidays")
    @classmethod
    def _holidays(cls, v: dict[str, str]) -> dict[str, str]:
        bad = [k for k, md in v.items() if not re.fullmatch(r"(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])", md)]
        if bad:
            raise ValueError(f"holiday dates are MM-DD: {bad}")
        return v

    @field_validator("months", "month_abbreviations")
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

    @field_validator("future_cues", "past_cues", "reject_candidates")
    @classmethod
    def _regexes(cls, v: list[str]) -> list[str]:
        for rx in v:
            re.compile(rx)
        return v

    @field_validator("candidate_tail")
    @classmethod
    def _regex(cls, v: str | None) -> str | None:
        if v is not None:
            re.compile(v)
        return v


def load_lexicon(lang: str) -> TemporalLexicon | None:
    """`models/temporal/<lang>.json`, validated and cached; None when the language has no file."""
    return load_lang("temporal", lang, TemporalLexicon)
