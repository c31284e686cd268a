"""The per-language data behind `claimx.quantities.finder`: schema, tokeniser and compiled phrase tables.

`models/quantities/<lang>.json` holds every word the quantity finder knows (number words, scales, currencies,
percent and unit words, modifiers, fraction and approximate nouns, and the words that veto a number: ordinal
suffixes, reference words, date words); it is the one list of number words of a language, which time expressions
read too (`claimx.temporal.grammar` builds its `{number}` slot from it). It is validated by `QuantityData`
(`extra="forbid"`) and compiled once per language into a `Lexicon`: phrase tables keyed by their first token, so
that matching a phrase at a token is one dict look-up. Case: in plain word lists an entry with an upper-case
letter matches case-sensitively, an all-lower-case entry matches any case; `symbols` always match exactly,
`words` never care about case.

A language without a file gets a neutral lexicon: the symbols (currency signs and ISO codes, `%`, unit
abbreviations) of every language file, and no words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from claimx.common.text import fold_quotes
from claimx.resources import available_langs, load_lang, register_cache

Mod = Literal["LESS_THAN", "MORE_THAN", "AT_LEAST", "AT_MOST", "APPROX"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Modifier(_Data):
    """Words before (or after) a number that bound or blur it: "more than", "près de", "or so"."""

    forms: list[str] = Field(min_length=1)
    mod: Mod | None = None
    approx: bool = False


class Currency(_Data):
    code: str = Field(pattern=r"^[A-Z]{3}$")
    symbols: list[str] = Field(default_factory=list)  # exact match; may stand before or after the number
    words: list[str] = Field(default_factory=list)  # any case; after the number only ("600 millions d'euros")


class Unit(_Data):
    unit: str  # the normalised unit written into `Quantity.unit`
    symbols: list[str] = Field(default_factory=list)
    words: list[str] = Field(default_factory=list)


class ApproxNoun(_Data):
    """A noun naming a round number: "dozen", "dizaine"; plurals ("hundreds", "milliers") mean "more than"."""

    value: float = Field(gt=0)
    singular: list[str] = Field(default_factory=list)
    plural: list[str] = Field(default_factory=list)
    needs_of: bool = False  # "quarantaine": only a number when "de" follows ("une quarantaine obligatoire" is none)


class Fraction(_Data):
    denominator: int = Field(ge=2)
    singular: list[str] = Field(default_factory=list)
    plural: list[str] = Field(default_factory=list)
    needs_of: bool = False  # "quarter": only a fraction when "of"/"de" follows ("the first quarter" is a period)
    bare: bool = False  # a fraction with no numerator or article before it: "half of", "half the"


class Casualty(_Data):
    """Counts one person from an article: "a woman dead", "un homme a été tué", "un mort"."""

    articles: list[str]
    nouns: list[str] = Field(default_factory=list)  # nouns the article alone counts: "un mort", "un blessé"
    aux: list[str] = Field(default_factory=list)  # words allowed between the noun and the state word
    states: list[str]


class QuantityData(_Data):
    """One `models/quantities/<lang>.json` file."""

    lang: str
    decimal_mark: Literal[".", ","]
    space_thousands: bool = False  # a plain space may group thousands ("11 000")
    numbers: dict[str, float]  # cardinal words, multi-word keys with spaces ("quatre vingt")
    compound_only: list[str] = Field(default_factory=list)  # number words that are articles when alone (un, une)
    weak: list[str] = Field(default_factory=list)  # numbers only with a noun or unit after them (one, neuf)
    plural_suffixes: list[str] = Field(default_factory=list)  # "neuf familles", not "un bâtiment neuf accueille"
    joiners: list[str] = Field(default_factory=list)  # inside a number: "one hundred and twenty", "vingt et un"
    one_articles: list[str] = Field(default_factory=list)  # articles worth 1 before a scale: "a hundred"
    and_half: list[str] = Field(default_factory=list)  # "two and a half million", "deux millions et demi"
    # counts that are a number only before a unit ("a couple of weeks", "half a century", "un demi-siècle"): read
    # by `parse_count` for time expressions, never by the quantity scanner ("a couple" is as often two people)
    count_phrases: dict[str, float] = Field(default_factory=dict)
    scales: dict[str, float] = Field(default_factory=dict)  # abbreviations that always scale: bn, Md
    currency_scales: dict[str, float] = Field(default_factory=dict)  # only beside a currency: m, k, M€
    approx_nouns: list[ApproxNoun] = Field(default_factory=list)
    indefinites: list[str] = Field(default_factory=list)  # "several hundred", "des centaines"
    of_words: list[str] = Field(default_factory=list)
    fractions: list[Fraction] = Field(default_factory=list)
    fraction_articles: list[str] = Field(default_factory=list)  # a third, la moitié
    fraction_followers: list[str] = Field(default_factory=list)  # "half the staff"
    ratio_words: list[str] = Field(default_factory=list)  # "one in three", "un sur trois"
    modifiers: list[Modifier] = Field(default_factory=list)
    post_modifiers: list[Modifier] = Field(default_factory=list)
    range_starts: list[str] = Field(default_factory=list)  # "between": the two numbers bound one value
    change_starts: list[str] = Field(default_factory=list)  # "from": the two numbers are before and after
    range_links: list[str] = Field(default_factory=list)
    currencies: list[Currency] = Field(default_factory=list)
    percents: list[Unit] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    ordinal_suffixes: list[str] = Field(default_factory=list)  # glued to digits: 3rd, 1er, 2e
    ordinal_words: list[str] = Field(default_factory=list)  # before "half": "the first half" is not a fraction
    reference_words: list[str] = Field(default_factory=list)  # page 5, article 49.3, n° 3
    after_reference_words: list[str] = Field(default_factory=list)  # 12 rue de la Paix
    date_words: list[str] = Field(default_factory=list)  # a number beside a month or weekday is a date
    time_markers: list[str] = Field(default_factory=list)  # 10h30, 10:30, 9 am
    count_skip: list[str] = Field(default_factory=list)  # adjectives between a number and its noun
    adjective_suffixes: list[str] = Field(default_factory=list)  # "federal employees": skip "-al" before a noun
    capitalised_modifiers: bool = False  # "three French soldiers": a capitalised word may precede the noun
    year_prepositions: list[str] = Field(default_factory=list)  # "founded in 1886": a year, even before 1900
    not_nouns: list[str] = Field(default_factory=list)  # words never taken as the counted noun
    casualty: Casualty | None = None

    @field_validator("numbers")
    @classmethod
    def _lower_keys(cls, v: dict[str, float]) -> dict[str, float]:
        bad = [k for k in v if k != k.lower() or "-" in k]
        if bad:
            raise ValueError(f"number words are lower case with spaces, not hyphens: {bad[:3]}")
        return v


# ----------------------------------------------------------------------------------------------
# Tokens

_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})  # hyphen, non-breaking hyphen


def _fold_marks(text: str) -> str:
    """Apostrophes and quotes as ASCII (`fold_quotes`), hyphens as "-"; same length, so offsets stay valid."""
    return fold_quotes(text).translate(_HYPHENS)


def token_pattern(space_thousands: bool) -> re.Pattern[str]:
    """(spaces before, number, word, other character): numbers keep their thousands groups ("11 000")."""
    sep = "\u00a0\u202f\u2009" + (" " if space_thousands else "")
    return re.compile(
        rf"(\s*)(?:(\d{{1,3}}(?:[{sep}]\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
        r"|([^\W\d_]+)"
        r"|(\S))"
    )


_PHRASE_TOKENS = token_pattern(False)


@dataclass(slots=True)
class Tokens:
    """The tokens of one text as parallel lists (fast to index in the scanner)."""

    text: list[str]  # as written, apostrophes and hyphens folded
    low: list[str]
    start: list[int]
    end: list[int]
    kind: list[str]  # "n" number, "w" word, "p" anything else
    glued: list[bool]  # no space between this token and the previous one
    newline: list[bool]  # a line break before this token
    blocked: list[bool]  # inside an excluded span (time expression, phone number...)
    n: int = 0


def tokenize(text: str, pattern: re.Pattern[str], blocked: Sequence[tuple[int, int]] = ()) -> Tokens:
    """Tokens of `text`; a token overlapping any `blocked` (start, end) span is marked blocked."""
    rows = pattern.findall(_fold_marks(text))  # one C-level pass; offsets rebuilt from the lengths
    spaces = [r[0] for r in rows]
    words = [r[1] or r[2] or r[3] for r in rows]
    ends = list(accumulate(len(a) + len(b) for a, b in zip(spaces, words)))
    starts = [e - len(w) for e, w in zip(ends, words)]
    flags = [False] * len(rows)
    if blocked:
        spans = sorted(blocked)
        si = 0
        for k, (s, e) in enumerate(zip(starts, ends)):
            while si < len(spans) and spans[si][1] <= s:
                si += 1
            if si < len(spans) and spans[si][0] < e:
                flags[k] = True
    return Tokens(
        text=words,
        low=[w.lower() for w in words],
        start=starts,
        end=ends,
        kind=["n" if r[1] else "w" if r[2] else "p" for r in rows],
        glued=[not a for a in spaces],
        newline=["\n" in a for a in spaces],
        blocked=flags,
        n=len(rows),
    )


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    return tuple(r[1] or r[2] or r[3] for r in _PHRASE_TOKENS.findall(_fold_marks(phrase)))


def count_key(phrase: str) -> tuple[str, ...]:
    """The look-up form of a count phrase: its lower-cased tokens without hyphens ("half-a" is "half a")."""
    return tuple(tok for tok in phrase_tokens(phrase.lower()) if tok != "-")


# ----------------------------------------------------------------------------------------------
# Phrase tables


class PhraseTable:
    """Phrases (one or more tokens) keyed by their first token; `match` finds the longest one at a token."""

    __slots__ = ("cased", "folded")

    def __init__(self) -> None:
        self.cased: dict[str, list[tuple[tuple[str, ...], Any]]] = {}
        self.folded: dict[str, list[tuple[tuple[str, ...], Any]]] = {}

    def add(self, phrase: str, payload: Any = True, cased: bool | None = None) -> None:
        if cased is None:
            cased = phrase != phrase.lower()
        seq = phrase_tokens(phrase if cased else phrase.lower())
        if not seq:
            return
        table = self.cased if cased else self.folded
        entries = table.setdefault(seq[0], [])
        entries.append((seq, payload))
        entries.sort(key=lambda e: -len(e[0]))

    def firsts(self) -> set[str]:
        return set(self.cased) | set(self.folded)

    def match(self, t: Tokens, i: int) -> tuple[int, Any] | None:
        """(end token, payload) of the longest phrase starting at token `i`, if any."""
        if i >= t.n or t.blocked[i]:
            return None
        best: tuple[int, Any] | None = None
        for table, words in ((self.cased, t.text), (self.folded, t.low)):
            for seq, payload in table.get(words[i], ()):
                n = len(seq)
                if best is not None and best[0] - i >= n:
                    break
                if i + n <= t.n and all(
                    words[i + k] == seq[k] and not t.blocked[i + k] and not t.newline[i + k] for k in range(1, n)
                ):
                    best = (i + n, payload)
                    break
        return best

    def ends_at(self, t: Tokens, end: int, longest: int = 4) -> int | None:
        """Start token of a phrase of this table ending exactly at token `end`, if any."""
        for s in range(max(0, end - longest), end):
            m = self.match(t, s)
            if m is not None and m[0] == end:
                return s
        return None


def _table(items: Any, cased: bool | None = None) -> PhraseTable:
    """A table from a list (payload True) or a dict (payload the value)."""
    tab = PhraseTable()
    pairs = items.items() if isinstance(items, dict) else ((w, True) for w in items)
    for phrase, payload in pairs:
        tab.add(phrase, payload, cased)
    return tab


@dataclass(frozen=True, slots=True)
class CasualtyWords:
    articles: frozenset[str]
    nouns: frozenset[str]
    aux: frozenset[str]  # single tokens: "s'est" gives "s", "'", "est"
    states: frozenset[str]

    @classmethod
    def of(cls, c: Casualty) -> CasualtyWords:
        def toks(words: list[str]) -> frozenset[str]:
            return frozenset(tok for w in words for tok in phrase_tokens(w.lower()))

        return cls(toks(c.articles), toks(c.nouns), toks(c.aux), toks(c.states))


@dataclass(slots=True)
class Lexicon:
    """Everything the scanner needs for one language, compiled once."""

    lang: str
    decimal_mark: str | None  # None: unknown language, decide from the digits alone
    pattern: re.Pattern[str]
    numbers: dict[tuple[str, ...], float]
    number_len: int
    counts: dict[tuple[str, ...], float]  # count phrases, by their tokens without hyphens
    compound_only: frozenset[str]
    weak: frozenset[str]
    plural_suffixes: tuple[str, ...]
    one_articles: frozenset[str]
    joiners: PhraseTable
    and_half: PhraseTable
    scales: PhraseTable
    currency_scales: PhraseTable
    approx_singular: PhraseTable
    approx_plural: PhraseTable
    approx_needs_of: PhraseTable  # the approximate nouns that are numbers only before "of"/"de"
    indefinites: PhraseTable
    of_words: PhraseTable
    fractions: PhraseTable  # payload (denominator, plural, needs_of)
    fraction_articles: PhraseTable
    fraction_followers: PhraseTable
    ratio_words: PhraseTable
    modifiers: PhraseTable  # payload (mod, approx)
    post_modifiers: PhraseTable
    range_starts: PhraseTable
    change_starts: PhraseTable
    range_links: PhraseTable
    currency_before: PhraseTable  # symbols only
    currency_after: PhraseTable  # symbols and words
    percents: PhraseTable
    units: PhraseTable
    ordinal_suffixes: frozenset[str]
    ordinal_words: PhraseTable
    references: PhraseTable
    after_references: PhraseTable
    date_words: PhraseTable
    time_markers: PhraseTable
    count_skip: frozenset[str]
    adjective_suffixes: tuple[str, ...]
    capitalised_modifiers: bool
    year_prepositions: PhraseTable
    not_nouns: frozenset[str]
    casualty: CasualtyWords | None
    nouns: bool  # read the counted noun (False for the symbols-only lexicon: no word lists to judge nouns by)
    starters: frozenset[str] = frozenset()  # lower-cased tokens that may begin a quantity
    cased_starters: frozenset[str] = frozenset()
    hot: frozenset[str] = frozenset()  # tokens that are (part of) a number: a starter is tried only near one


def compile_lexicon(data: QuantityData, decimal_mark: str | None = "") -> Lexicon:
    """Build the phrase tables of one language's data."""
    numbers = {tuple(k.split()): v for k, v in data.numbers.items()}
    cur_before, cur_after = PhraseTable(), PhraseTable()
    for c in data.currencies:
        for s in c.symbols:
            cur_before.add(s, c.code, cased=True)
            cur_after.add(s, c.code, cased=True)
        for w in c.words:
            cur_after.add(w, c.code, cased=False)
    percents, units = PhraseTable(), PhraseTable()
    for table, entries in ((percents, data.percents), (units, data.units)):
        for u in entries:
            for s in u.symbols:
                table.add(s, u.unit, cased=True)
            for w in u.words:
                table.add(w, u.unit, cased=False)
    approx_sg, approx_pl, approx_of = PhraseTable(), PhraseTable(), PhraseTable()
    for a in data.approx_nouns:
        for w in a.singular:
            approx_sg.add(w, a.value, cased=False)
        for w in a.plural:
            approx_pl.add(w, a.value, cased=False)
        for w in a.singular + a.plural if a.needs_of else ():
            approx_of.add(w, True, cased=False)
    fractions = PhraseTable()
    for f in data.fractions:
        for w in dict.fromkeys(f.singular + f.plural):
            fractions.add(w, (f.denominator, w in f.singular, w in f.plural, f.needs_of, f.bare), cased=False)
    modifiers, post = PhraseTable(), PhraseTable()
    for table, entries in ((modifiers, data.modifiers), (post, data.post_modifiers)):
        for m in entries:
            for form in m.forms:
                table.add(form, (m.mod, m.approx))
    lex = Lexicon(
        lang=data.lang,
        decimal_mark=data.decimal_mark if decimal_mark == "" else decimal_mark,
        pattern=token_pattern(data.space_thousands),
        numbers=numbers,
        number_len=max((len(k) for k in numbers), default=1),
        counts={count_key(k): v for k, v in data.count_phrases.items()},
        compound_only=frozenset(data.compound_only),
        weak=frozenset(data.weak),
        plural_suffixes=tuple(data.plural_suffixes),
        one_articles=frozenset(data.one_articles),
        joiners=_table(data.joiners),
        and_half=_table(data.and_half),
        scales=_table(data.scales, cased=False),
        currency_scales=_table(data.currency_scales, cased=True),
        approx_singular=approx_sg,
        approx_plural=approx_pl,
        approx_needs_of=approx_of,
        indefinites=_table(data.indefinites),
        of_words=_table(data.of_words),
        fractions=fractions,
        fraction_articles=_table(data.fraction_articles),
        fraction_followers=_table(data.fraction_followers),
        ratio_words=_table(data.ratio_words),
        modifiers=modifiers,
        post_modifiers=post,
        range_starts=_table(data.range_starts),
        change_starts=_table(data.change_starts),
        range_links=_table(data.range_links),
        currency_before=cur_before,
        currency_after=cur_after,
        percents=percents,
        units=units,
        ordinal_suffixes=frozenset(s.lower() for s in data.ordinal_suffixes),
        ordinal_words=_table(data.ordinal_words),
        references=_table(data.reference_words),
        after_references=_table(data.after_reference_words),
        date_words=_table(data.date_words),
        time_markers=_table(data.time_markers),
        count_skip=frozenset(w.lower() for w in data.count_skip),
        adjective_suffixes=tuple(data.adjective_suffixes),
        capitalised_modifiers=data.capitalised_modifiers,
        year_prepositions=_table(data.year_prepositions),
        not_nouns=frozenset(w.lower() for w in data.not_nouns),
        casualty=CasualtyWords.of(data.casualty) if data.casualty else None,
        nouns=bool(data.not_nouns),
    )
    starters: set[str] = {k[0] for k in numbers} | set(data.one_articles) | {"-", "+", "\u2212"}
    for tab in (lex.modifiers, lex.indefinites, lex.approx_singular, lex.approx_plural, lex.fractions,
                lex.fraction_articles, lex.currency_before):
        starters |= set(tab.folded)
    if data.casualty:
        starters |= {a.lower() for a in data.casualty.articles}
    lex.starters = frozenset(starters)
    hot: set[str] = {k[0] for k in numbers} | set(lex.approx_singular.folded) | set(lex.approx_plural.folded)
    hot |= set(lex.fractions.folded) | set(lex.scales.folded) | set(lex.currency_before.cased)
    if lex.casualty:
        hot |= lex.casualty.nouns | lex.casualty.states
    lex.hot = frozenset(hot)
    lex.cased_starters = frozenset(set(lex.currency_before.cased) | set(lex.modifiers.cased))
    return lex


def _neutral_data() -> QuantityData:
    """Symbols only, merged from every language file: for text in a language claimx has no words for."""
    currencies: dict[str, set[str]] = {}
    percents: dict[str, set[str]] = {}
    units: dict[str, set[str]] = {}
    for lang in available_langs("quantities"):
        data = load_lang("quantities", lang, QuantityData)
        if data is None:
            continue
        for c in data.currencies:
            currencies.setdefault(c.code, set()).update(c.symbols)
        for target, entries in ((percents, data.percents), (units, data.units)):
            for u in entries:
                target.setdefault(u.unit, set()).update(s for s in u.symbols if len(s) > 1 or not s.isalpha())
    return QuantityData(
        lang="und",
        decimal_mark=".",
        numbers={},
        currencies=[Currency(code=k, symbols=sorted(v)) for k, v in currencies.items()],
        percents=[Unit(unit=k, symbols=sorted(v)) for k, v in percents.items()],
        units=[Unit(unit=k, symbols=sorted(v)) for k, v in units.items() if v],
    )


def base_lang(lang: str | None) -> str:
    """"fr-FR" → "fr"; None or "" → "und"."""
    return re.split(r"[-_]", (lang or "und").strip().lower(), maxsplit=1)[0] or "und"


def load_data(lang: str) -> QuantityData | None:
    """`models/quantities/<lang>.json`, validated and cached; None when the language has no file. Time expressions
    build their number patterns from its number words, articles, joiners, approximate nouns and count phrases."""
    return load_lang("quantities", lang, QuantityData) if re.fullmatch(r"[a-z]{2,3}", lang) else None


@register_cache
@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of a language (neutral symbols-only lexicon when it has no data file)."""
    data = load_data(lang)
    if data is None:
        return compile_lexicon(_neutral_data(), decimal_mark=None)
    return compile_lexicon(data)
