"""What a number counts: the measure of a `Quantity` (`Quantity.counts`), from `models/measures/<lang>.json`.

A measure is a class of nouns ("people" ← people, victims, men, teens, workers, salariés, morts; "jobs" ← jobs,
positions, postes). A count's measure is the class of the noun it counts (the finder's `unit`, else the noun the
number modifies in the parse), or that noun's lemma when no class lists it ("4 billion songs" counts "song").
Money counts its ISO currency ("USD"), a percentage "percent", a measurement its unit ("km"). A number that counts
no noun ("Shelton, 35", "Boeing 717") has no measure: it is nobody's value unless it is itself the argument that a
frame counts ("killing two", "three were injured", where the frame says what it counts).
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from claimx.claims.context import doc_text, tokens_at
from claimx.resources import load_lang, register_cache
from claimx.schemas import Quantity

MONEY = "money"  # a frame measure that any currency fits
PERCENT = "percent"
AGE = "age"


class MeasureFile(BaseModel):
    """`models/measures/<lang>.json`: measure name → the nouns (forms and lemmas, lower case) that count it."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    measures: dict[str, list[str]] = Field(default_factory=dict)
    # measures that are never a claim's value, whatever the predicate: ages, street addresses, charges
    not_values: list[str] = Field(default_factory=list)
    # words just after a number that make it an age ("a 35-year-old", "35 years old", "âgé de 35 ans")
    age_suffixes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_class_per_noun(self) -> MeasureFile:
        seen: dict[str, str] = {}
        for name, nouns in self.measures.items():
            for noun in nouns:
                key = noun.lower()
                if key in seen and seen[key] != name:
                    raise ValueError(f"{noun!r} is in two measures: {seen[key]!r} and {name!r}")
                seen[key] = name
        return self


@register_cache
@cache
def _file(lang: str) -> MeasureFile | None:
    return load_lang("measures", lang, MeasureFile)


def not_values(lang: str) -> set[str]:
    """Measures that are never a claim's value in `lang` (ages, addresses)."""
    data = _file(lang)
    return set(data.not_values) if data else set()


@register_cache
@cache
def noun_measures(lang: str) -> dict[str, str]:
    """Noun (lower case) → its measure, for `lang`; empty for a language without a file."""
    data = _file(lang)
    if data is None:
        return {}
    return {noun.lower(): name for name, nouns in data.measures.items() for noun in nouns}


def measure_of_noun(words: list[str], lang: str) -> str | None:
    """The measure of the first of `words` (a noun's forms: as written, its lemma) that the lexicon lists."""
    table = noun_measures(lang)
    for w in words:
        if w and w.lower() in table:
            return table[w.lower()]
    return None


def measure_of_token(tok) -> str | None:
    """The measure of a token's noun, by its form or its lemma ("brother": people, "cars": vehicles)."""
    return measure_of_noun([tok.lower_, tok.lemma_], tok.lang_)


def measure_of(q: Quantity, doc, lang: str) -> str | None:
    """The measure of quantity `q` in `doc` (see the module docstring); None when it counts no noun."""
    data = _file(lang)
    after = doc_text(doc)[q.end_char : q.end_char + 12].lower()
    if data and any(after.startswith(s) for s in data.age_suffixes):
        return AGE  # "a 35-year-old", "35 years old": an age, whatever the unit says
    if q.kind == "money":
        return q.unit
    if q.kind == "percent":
        return PERCENT
    if q.kind in ("measure", "fraction"):
        return measure_of_noun([q.unit or ""], lang) or q.unit
    noun = _counted_noun(q, doc)
    if noun is None:
        return measure_of_noun([q.unit], lang) if q.unit else None
    return measure_of_noun([noun.lower_, noun.lemma_, q.unit or ""], lang) or noun.lemma_.lower()


def _counted_noun(q: Quantity, doc):
    """The noun a count counts: the last noun of its own text ("500 jobs", "two Pittsburgh police officers"),
    else the noun its number modifies in the parse ("two of the workers" has none)."""
    span = tokens_at(doc, q.start_char, q.end_char)
    if span is None:
        return None
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and not t.like_num]
    if nouns:
        noun = nouns[-1]
        while noun.dep_ == "compound" and noun.head.pos_ == "NOUN" and noun.head.i > noun.i:
            noun = noun.head  # "two mental health agencies" counts agencies, not health
        return noun
    num = next((t for t in reversed(span) if t.like_num or t.pos_ == "NUM"), None)
    if num is None:
        return None
    if num.dep_ == "nummod" and num.head.pos_ == "NOUN" and num.head.i >= span.end:
        return num.head
    # a number coordinated with another shares its noun: "de 25 et 30 ans" (the noun is the number's conjunct),
    # "25 and 30 years old" (the other number's noun)
    noun = next((c for c in num.children if c.dep_.split(":")[0] == "conj" and c.pos_ == "NOUN" and c.i > num.i
                 and any(g.dep_ == "nummod" for g in c.children)), None)
    if noun is None and num.dep_.split(":")[0] == "conj" and num.head.dep_ == "nummod" and num.head.head.pos_ == "NOUN":
        noun = num.head.head
    return noun


def fits(measure: str | None, wanted: list[str]) -> bool:
    """Whether a value of `measure` is what a frame counting `wanted` counts (an empty list: anything known)."""
    if measure is None:
        return False
    if not wanted:
        return True
    if MONEY in wanted and measure.isupper() and len(measure) == 3:  # an ISO 4217 code
        return True
    return measure in wanted
