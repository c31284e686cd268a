"""The compiled grammar of a language for `claimx.temporal.finder`: slots expanded, rules compiled once, lookups built.

Rules (see `claimx.temporal.lexicon`) are compiled lazily, once per language, and run on lower-cased text, which
is much faster than case-insensitive matching; lexicon alternations are compiled as tries so that a position that
cannot start a word fails at once. The `{number}` slot is spelt with the number words of the language's quantity
data and its counts are read by the quantity code (`read_count`): claimx has one list of number words per
language, in `models/quantities/`. A language without a file gets `xx.json` (digit-only rules), with month and
weekday names borrowed from dateparser's translation data when dateparser knows the language.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from claimx.common.text import fold_quotes
from claimx.quantities.finder import parse_count
from claimx.quantities.lexicon import QuantityData, load_data
from claimx.resources import ResourceError, register_cache
from claimx.temporal.lexicon import RejectContext, Rule, TemporalLexicon, load_lexicon

# Slots that are plain regexes (no lexicon). Years: 1500..2099, never glued to other digits or to money.
_REGEX_SLOTS = {
    "year": r"(?<![\w$€£.,])(?:1[5-9]|20)\d\d(?![\w%€$£]|[.,:]\d)",
    "year4": r"(?:1[5-9]|20)\d\d(?!\d)",  # a year inside a numeric date (21.01.2026), no look-behind
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
    "monthname": "months",
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
    "durword": "duration_words",
    "holiday": "holidays",
}
_SLOT = re.compile(r"\{([a-z][a-z0-9_]*)(?::([a-z][a-z0-9_]*))?\}")


def norm_key(s: str) -> str:
    """The lookup form of a lexicon word or of matched text: lower case, one space, ASCII apostrophe."""
    return re.sub(r"[\s\-]+", " ", fold_quotes(s).lower()).strip()


def _alternation(words: list[str]) -> str:
    """A regex matching any of `words` (longest first), factored as a trie so a failing position fails at once;
    a space or hyphen in a word matches any run of spaces and hyphens."""
    trie: dict = {}
    for w in {norm_key(w) for w in words if norm_key(w)}:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # end of a word
    return _trie_regex(trie) if trie else "(?!)"


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for ch in sorted(k for k in node if k):
        head = r"[\s\-]+" if ch == " " else re.escape(ch)
        branches.append(head + _trie_regex(node[ch]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:  # a word may stop here, but a longer one is tried first (greedy)
        return f"(?:{body})?" if len(branches) == 1 else f"{body}?"
    return body


@dataclass
class CompiledReject:
    text: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None

    def rejects(self, text: str, start: int, end: int) -> bool:
        if self.text is not None and not self.text.fullmatch(text, start, end):
            return False
        if self.before is not None and not self.before.search(text[max(0, start - 40) : start]):
            return False
        return self.after is None or self.after.match(text[end : end + 40]) is not None


@dataclass
class CompiledRule:
    index: int  # priority: earlier rules win ties on span length
    rule: Rule
    regex: re.Pattern[str]
    rejects: list[CompiledReject] = field(default_factory=list)
    count_groups: tuple[str, ...] = ()  # groups of the {number} slot: a match is one only if each reads as a count

    def accepts(self, text: str, start: int, end: int) -> bool:
        return not any(r.rejects(text, start, end) for r in self.rejects)


@dataclass
class Grammar:
    """A language's lexicon with lookup tables and compiled rules, built once per language."""

    lang: str
    lexicon: TemporalLexicon
    rules: list[CompiledRule]
    lookup: dict[str, dict[str, object]]  # table attribute -> normalised word -> value
    trigger_rx: re.Pattern[str]  # digits and core words: every rule match contains one (tested on examples)
    relation_rx: re.Pattern[str] | None
    future_rx: re.Pattern[str] | None
    past_rx: re.Pattern[str] | None
    reject_rx: re.Pattern[str] | None
    range_start_rx: re.Pattern[str] | None
    candidate_tail_rx: re.Pattern[str] | None
    range_join_rx: re.Pattern[str] | None
    capitalised_only: frozenset[str] = field(default_factory=frozenset)

    def value(self, table: str, text: str) -> object | None:
        return self.lookup[table].get(norm_key(text))

    def lookup_relation(self, text: str) -> str | None:
        return self.lookup["relations"].get(norm_key(text))  # type: ignore[return-value]


def _number_slot(q: QuantityData | None) -> str:
    """The `{number}` slot, spelt with the number words of the language's quantity data (the one list of them):
    digits ("30,4 secondes"), a count phrase ("a couple of", "un demi"), an article before a number or an
    approximate noun ("a hundred", "une dizaine"), an approximate noun after a number or alone ("three dozen",
    "the past dozen years"), a run of number words ("twenty-five", "vingt et un", "quatre-vingt-dix-neuf"), or
    an article alone ("a year"). The pattern only proposes: `parse_count` decides, and a match whose count it
    cannot read ("a two-year") is searched again from its next character."""
    digits = r"\d+(?:[.,]\d+)?(?!\d)"
    if q is None:
        return f"(?:{digits})"
    words = _alternation(list(q.numbers))
    run = rf"(?:{words})(?:[\s\-]+(?:(?:{_alternation(q.joiners)})[\s\-]+)?(?:{words}))*"
    approx = _alternation([w for a in q.approx_nouns for w in a.singular])
    art = _alternation(q.one_articles)
    counts = _alternation(list(q.count_phrases))
    return rf"(?:{digits}|{counts}|(?:{art})[\s\-]+(?:{approx}|{run})|(?:{run}[\s\-]+)?(?:{approx})|{run}|{art})"


def _slot_regexes(lex: TemporalLexicon) -> dict[str, str]:
    slots = dict(_REGEX_SLOTS)
    for slot, attr in _TABLE_SLOTS.items():
        table = getattr(lex, attr)
        slots[slot] = _alternation(list(table))
    slots["month"] = _alternation(list(lex.months) + list(lex.month_abbreviations))
    slots["number"] = _number_slot(load_data(lex.lang))
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


def lower_literals(pattern: str) -> str:
    """`pattern` with its literal letters lower-cased; escapes (`\\S`, `\\D`, `\\W`) are kept as they are."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\" or pattern.startswith("(?P", i):  # an escape, or a named group's syntax
            n = 2 if pattern[i] == "\\" else 3
            out.append(pattern[i : i + n])
            i += n
        else:
            out.append(pattern[i].lower())
            i += 1
    return "".join(out)


def _trigger_words(lex: TemporalLexicon) -> list[str]:
    tables = (lex.months, lex.month_abbreviations, lex.weekdays, lex.seasons, lex.units, lex.day_words, lex.refs,
              lex.set_words, lex.clock_words, lex.parts_of_day, lex.duration_words, lex.holidays)  # fmt: skip
    return [w for t in tables for w in t] + lex.triggers


def compile_grammar(lex: TemporalLexicon) -> Grammar:
    """Expand and compile every rule of `lex` (errors name the rule)."""
    slots = _slot_regexes(lex)
    rules = []

    def flags(rc: RejectContext) -> int:
        return 0 if rc.case_sensitive else re.IGNORECASE

    for i, rule in enumerate(lex.rules):
        body = _expand(rule.pattern, slots, rule.id)
        try:
            # a rule never starts or ends inside a word; rules run on lower-cased text (much faster than re.I)
            rx = re.compile(rf"(?<![\w])(?:{lower_literals(body)})(?![\w])")
        except re.error as exc:
            raise ResourceError(f"temporal rule {rule.id}: bad regex: {exc}") from exc
        rejects = [
            CompiledReject(
                text=re.compile(rc.text, flags(rc)) if rc.text else None,
                before=re.compile(f"(?:{rc.before})$", flags(rc)) if rc.before else None,
                after=re.compile(rc.after, flags(rc)) if rc.after else None,
            )
            for rc in lex.reject_contexts
            if rc.applies_to(rule.id)
        ]
        counts = tuple(name for name in rx.groupindex if name.rstrip("0123456789") == "number")
        rules.append(CompiledRule(i, rule, rx, rejects, counts))
    lookup: dict[str, dict[str, object]] = {}
    for attr in set(_TABLE_SLOTS.values()) | {"ordinals", "relations", "month_abbreviations"}:
        table = getattr(lex, attr)
        if isinstance(table, list):
            table = dict.fromkeys(table, True)
        lookup[attr] = {norm_key(k): v for k, v in table.items()}
    lookup["months"] = {**lookup["month_abbreviations"], **lookup["months"]}
    rel = None
    if lex.relations:
        # the preposition right before a span: "since 2023", "d'ici 2030", "à partir d'avril"
        art = rf"(?:\s+(?:{_alternation(lex.articles)}))?" if lex.articles else ""
        rel = re.compile(rf"(?:^|(?<![\w']))({_alternation(list(lex.relations))}){art}\s*$", re.IGNORECASE)
    fut = re.compile("|".join(f"(?:{c})" for c in lex.future_cues), re.IGNORECASE) if lex.future_cues else None
    past = re.compile("|".join(f"(?:{c})" for c in lex.past_cues), re.IGNORECASE) if lex.past_cues else None
    rw = lex.range_words
    start_rx = re.compile(rf"(?:^|(?<![\w']))(?:{_alternation(rw.start)})\s*$", re.I) if rw.start else None
    join_rx = re.compile(rf"\s*(?:{_alternation(rw.join)})\s*", re.I) if rw.join else None
    rej = re.compile("|".join(f"(?:{c})" for c in lex.reject_candidates), re.IGNORECASE)
    return Grammar(
        lang=lex.lang,
        lexicon=lex,
        rules=rules,
        lookup=lookup,
        trigger_rx=re.compile(rf"\d|(?<![\w])(?:{_alternation(_trigger_words(lex))})"),
        relation_rx=rel,
        future_rx=fut,
        past_rx=past,
        reject_rx=rej if lex.reject_candidates else None,
        range_start_rx=start_rx,
        candidate_tail_rx=re.compile(f"(?:{lex.candidate_tail})$", re.I) if lex.candidate_tail else None,
        range_join_rx=join_rx,
        capitalised_only=frozenset(norm_key(w) for w in lex.capitalised_only),
    )


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
    return lex.model_copy(
        update={
            "lang": lang,
            "months": {**mnames, **lex.months},
            "weekdays": {**dnames, **lex.weekdays},
        }
    )


@register_cache
@cache
def grammar(lang: str) -> Grammar:
    """The compiled grammar of `lang`, built lazily once; unknown languages get the generic `xx` rules."""
    lex = load_lexicon(lang)
    if lex is not None:
        return compile_grammar(lex)
    generic = load_lexicon("xx")
    if generic is None:  # no generic file either: an empty grammar still works (dateparser only)
        generic = TemporalLexicon(lang="xx")
    return compile_grammar(_borrow_from_dateparser(generic, lang))


@register_cache
@lru_cache(maxsize=4096)
def read_count(text: str, lang: str) -> float | None:
    """A count in digits or words ("6", "30,4", "a couple of", "vingt et un"), read by the quantity code
    (`claimx.quantities.finder.parse_count`) with the language's decimal mark and number words; cached."""
    return parse_count(text, lang)


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
