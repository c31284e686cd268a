"""Removes promo, paywall, navigation, kicker and credit lines from an article's plain text; records why.

A paragraph classifier in the spirit of jusText (Pomikálek 2011), for text that has no markup left:

1. Every paragraph (a non-empty line) gets a class from its own features: a lexicon hit, a repeated template
   line, a line of links or a menu bar makes it *bad*; otherwise its length, stop-word density (spaCy's
   stop-word lists) and sentence shape make it *good* (clearly body text), *near-good* (a sentence) or
   *short* (a heading, a label, a list item).
2. The tail rule: a promo block (a `tail` lexicon entry) that starts in the last part of the article takes
   everything after it, unless clear article text resumes (a run of sentences that do not talk to the
   reader). Its lead-in goes with it: the short lines just above it and the pitch paragraphs before them
   ("we have a small favour to ask...": addressed to the reader, quoting nobody).
3. Context: a long run of short lines not framed by text (a menu, a link list) goes, except the last lines
   above the text (the headline); short lines next to boilerplate and sentences squeezed between boilerplate
   go; a short heading before text stays. Then two shape rules: a kicker (a lone all-caps rubric above the
   headline) and a credit line (a lone outlet or byline name ending the text).

An article that itself talks to the reader (a how-to, a guide) switches the "talks to the reader" signal off.
Lexicons are data: `models/boilerplate/<lang>.json` (validated by `BoilerplateLexicon`), plus `xx.json` for
entries that hold in every language. Every removal names the rule that fired (`lexicon:fr.abonnement`,
`classifier:tail`, `template`, `kicker`, `credit`, ...). Precision on body text comes first: a rule that
could cut an article sentence only fires on short lines, on pitches, or inside a promo block.
"""
from __future__ import annotations

import importlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from claimx import resources
from claimx.common.text import normalise
from claimx.schemas import Paragraph, Removal

# Classifier thresholds (like jusText's defaults, tuned on general news, not on any one site).
GOOD_WORDS = 20  # a good paragraph has at least this many words...
STOP_GOOD = 0.2  # ...and at least this share of stop words (when the language has a stop-word list)
LONG_WORDS = 12  # a paragraph this long is at least near-good, sentence punctuation or not
SENTENCE_WORDS = 4  # a line ending like a sentence needs this many words to be near-good
TAIL_FROM = 0.4  # a promo block starting after this share of the text can open the tail
RESUME_CHARS = 200  # article text resumes after a promo block with a run of this many characters
PITCH_LINES = 4  # at most this many pitch paragraphs ("we have a favour to ask...") lead into a promo block
HEADING_LINES = 3  # at most this many short lines above a promo block are its heading (or above text, its title)
RUN_LINES = 10  # this many short lines in a row, not framed by text, are a menu or a link list
TEMPLATE_MAX_WORDS = 40  # longer repeated lines are kept: they are usually reused article text
VOICE_SHARE = 0.04  # promo talks to the reader: this share of second-person / "we" words (or any, if short)
READER_FACING = 0.5  # ...unless this share of the article's own long paragraphs does too
KICKER_WORDS, KICKER_CHARS = 3, 30
CREDIT_WORDS, CREDIT_CHARS = 5, 50

Kind = Literal["inline", "block", "tail"]


class LexiconEntry(BaseModel):
    """One promo/paywall/navigation rule: a regex or a literal phrase, matched case-insensitively."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    pattern: str | None = None  # a regex searched in the line (anchor it with ^ and $ as needed)
    phrase: str | None = None  # literal words, matched on word boundaries with any spacing
    whole_line: bool = False  # the match must be the whole line, ignoring punctuation around it
    kind: Kind = "tail"  # inline: only this line; block: also drags short neighbours; tail: can open the tail
    max_words: int = Field(default=30, ge=1)  # never fire on a longer paragraph (protects article sentences)
    needs_voice: bool = False  # fire only on a pitch: talks to the reader ("you", "vous", "abonnez-vous"), quotes nobody
    note: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regex: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _one_matcher(self) -> LexiconEntry:
        if (self.pattern is None) == (self.phrase is None):
            raise ValueError("give exactly one of `pattern` or `phrase`")
        return self


class BoilerplateLexicon(BaseModel):
    """`models/boilerplate/<lang>.json`: the promo lexicon and word lists of one language (`xx`: any)."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    promo_voice: list[str] = Field(default_factory=list)  # "you", "your", "we", "our": words promos speak with
    credit_connectors: list[str] = Field(default_factory=list)  # lower-case words allowed in a credit line
    entries: list[LexiconEntry] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> BoilerplateLexicon:
        ids = [e.id for e in self.entries]
        dup = {i for i in ids if ids.count(i) > 1}
        if dup:
            raise ValueError(f"duplicate entry ids: {sorted(dup)}")
        return self


@dataclass(frozen=True)
class _Rule:
    reason: str
    regex: re.Pattern[str]
    kind: Kind
    max_words: int
    needs_voice: bool


@dataclass(frozen=True)
class _Lang:
    """Everything the classifier needs for one language, compiled once."""

    rules: tuple[_Rule, ...]
    stop_words: frozenset[str] | None
    voice: frozenset[str]
    connectors: frozenset[str]


def _compile(lang: str, entry: LexiconEntry) -> _Rule:
    if entry.phrase is not None:
        body = r"\s+".join(re.escape(w) for w in entry.phrase.split())
        body = rf"(?<!\w){body}(?!\w)"
    else:
        body = f"(?:{entry.pattern})"
    if entry.whole_line:
        body = rf"^[\W_]*{body}[\W_]*$"
    regex = re.compile(body, re.IGNORECASE)
    return _Rule(f"lexicon:{lang}.{entry.id}", regex, entry.kind, entry.max_words, entry.needs_voice)


@cache
def _stop_words(lang: str) -> frozenset[str] | None:
    """spaCy's stop-word list for `lang`, lower-cased; None when spaCy has none."""
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return None
    try:
        module = importlib.import_module(f"spacy.lang.{lang}.stop_words")
    except Exception:  # noqa: BLE001 - no list (or a language package that needs extras): no stop words
        return None
    words = getattr(module, "STOP_WORDS", None)
    return frozenset(w.lower() for w in words) if words else None


@resources.register_cache
@cache
def _lexicon(lang: str) -> BoilerplateLexicon | None:
    return resources.load_lang("boilerplate", lang, BoilerplateLexicon)


@resources.register_cache
@cache
def _language(lang: str | None) -> _Lang:
    """Rules for `lang` (its own lexicon, then the language-neutral `xx` one) and its word lists."""
    lexicons = [(code, lex) for code in dict.fromkeys([lang or "xx", "xx"]) if (lex := _lexicon(code))]
    rules = tuple(_compile(code, e) for code, lex in lexicons for e in lex.entries)
    voice = frozenset(w.lower() for _, lex in lexicons for w in lex.promo_voice)
    connectors = frozenset(w.lower() for _, lex in lexicons for w in lex.credit_connectors)
    return _Lang(rules, _stop_words(lang) if lang else None, voice, connectors)


# ----------------------------------------------------------------------------------------------
# Paragraph features

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u0e00-\u0e7f]")  # kana, CJK, Thai
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'»”’)\]]*$")
_QUOTE_MARK = re.compile(r"[\"«»“”„]")
_LINKISH = re.compile(r"^(?:https?://|www\.|[\w.+-]+@[\w-]+\.|[@#]\w)", re.IGNORECASE)
_NAV_SPLIT = re.compile(r"\s+[|•·›>→]\s+|\s*\|\s*")
_CREDIT_TOKEN = re.compile(r"^[(\[—–-]*(.*?)[)\]—–,;-]*$")

Label = Literal["good", "neargood", "short", "bad"]


@dataclass
class _Para:
    start: int
    end: int
    text: str  # the line, normalised for matching (typographic quotes folded)
    words: list[str]
    n_words: int
    stop_density: float | None
    sentence: bool
    n_voice: int
    voice: bool
    label: Label = "short"
    reason: str | None = None
    kind: Kind | None = None  # for bad paragraphs: how far their badness spreads

    def set_bad(self, reason: str, kind: Kind = "inline") -> None:
        self.label, self.reason, self.kind = "bad", reason, kind

    @property
    def pitch(self) -> bool:
        """Talks to the reader and quotes nobody: how promo text reads."""
        return self.voice and not _QUOTE_MARK.search(self.text)

    @property
    def article_like(self) -> bool:
        """A sentence that does not talk to the reader: what article text looks like inside a promo block."""
        return self.label in ("good", "neargood") and not self.voice


def _line(text: str, par: Paragraph) -> str:
    """The paragraph's line as the rules match it (typographic characters folded, outer spaces stripped)."""
    return normalise(text[par.start : par.end]).text.strip()


def _features(text: str, par: Paragraph, language: _Lang) -> _Para:
    line = _line(text, par)
    words = _WORD.findall(line)
    letters = sum(ch.isalpha() for ch in line)
    unspaced = len(_UNSPACED.findall(line))
    n_words = max(len(words), letters // 6, unspaced // 2)  # scripts written without spaces still get a size
    stop = None if unspaced * 2 > letters else language.stop_words  # no word list can be matched there
    density = sum(w.lower() in stop for w in words) / len(words) if stop and words else None
    # "US" is a country, not "us": only words that are not all capitals count as promo voice
    n_voice = sum(1 for w in words if w.lower() in language.voice and not (w.isupper() and len(w) > 1))
    voice = n_voice > 0 and (n_words < 25 or n_voice / max(n_words, 1) >= VOICE_SHARE)
    sentence = bool(_SENTENCE_END.search(line))
    return _Para(par.start, par.end, line, words, n_words, density, sentence, n_voice, voice)


def _own_label(p: _Para, language: _Lang, templates: frozenset[str]) -> None:
    """Classify a paragraph on its own features (first pass)."""
    if templates and p.n_words <= TEMPLATE_MAX_WORDS and template_key(p.text) in templates:
        return p.set_bad("template", "block")
    for rule in language.rules:
        if p.n_words <= rule.max_words and (p.pitch or not rule.needs_voice) and rule.regex.search(p.text):
            return p.set_bad(rule.reason, rule.kind)
    tokens = p.text.split()
    if tokens and sum(bool(_LINKISH.match(t)) for t in tokens) * 2 >= len(tokens):
        return p.set_bad("classifier:links")
    items = [i for i in _NAV_SPLIT.split(p.text) if i.strip()]
    if _is_menu(p, items):
        return p.set_bad("classifier:nav", "block")
    if p.n_words >= GOOD_WORDS and (p.stop_density is None or p.stop_density >= STOP_GOOD):
        p.label = "good"
    elif p.n_words >= LONG_WORDS or (p.sentence and p.n_words >= SENTENCE_WORDS):
        p.label = "neargood"


def _is_menu(p: _Para, items: list[str]) -> bool:
    """A navigation bar: three or more short items between separators, no figures (tables have them)."""
    if len(items) < 3 or p.sentence or p.text.startswith("|") or any(ch.isdigit() for ch in p.text):
        return False
    return all(len(i.split()) <= 4 for i in items)


def _reader_facing(paras: list[_Para]) -> bool:
    """Does the article itself talk to the reader (a how-to, a guide)? Then "you" and "we" say nothing.

    Judged on the long paragraphs of the first half of the text, where promo blocks rarely are.
    """
    half = (paras[0].start + paras[-1].end) / 2
    long = [p for p in paras if p.start < half and p.n_words >= GOOD_WORDS]
    return len(long) >= 2 and sum(p.n_voice > 0 for p in long) >= READER_FACING * len(long)


# ----------------------------------------------------------------------------------------------
# Revisions: tail, context, kicker, credit


def _resumes(paras: list[_Para], j: int) -> bool:
    """Does clear article text start at `j`: a run of article-like paragraphs of RESUME_CHARS or more?"""
    size = 0
    for p in paras[j:]:
        if not p.article_like:
            break
        size += p.end - p.start
        if size >= RESUME_CHARS:
            return True
    return False


def _promo_lead_in(paras: list[_Para], i: int) -> None:
    """The block's lead-in above `i`: its heading (a few short lines) and the pitch paragraphs before it.

    A pitch talks to the reader ("we have a small favour to ask", "if you can...") and quotes nobody.
    """
    k = i
    while k > 0 and i - k < PITCH_LINES and paras[k - 1].label in ("good", "neargood") and paras[k - 1].pitch:
        k -= 1
    h = k
    while h > 0 and paras[h - 1].label == "short":
        h -= 1
    if k - h > HEADING_LINES:
        h = k
    for p in paras[h:k]:
        p.set_bad("classifier:promo-heading", "tail")
    for p in paras[k:i]:
        p.set_bad("classifier:pitch", "tail")


def _apply_tail(paras: list[_Para]) -> None:
    """From a promo block near the end, remove everything that is not resumed article text."""
    total = sum(p.end - p.start for p in paras) or 1
    seen = 0
    article_before = False
    i = 0
    while i < len(paras):
        p = paras[i]
        opens = p.label == "bad" and p.kind == "tail" and article_before and seen >= TAIL_FROM * total
        seen += p.end - p.start
        if not opens:
            article_before = article_before or p.label in ("good", "neargood")
            i += 1
            continue
        _promo_lead_in(paras, i)
        j = i + 1
        while j < len(paras) and not _resumes(paras, j):
            if paras[j].label != "bad":
                paras[j].set_bad("classifier:tail", "tail")
            seen += paras[j].end - paras[j].start
            j += 1
        i = j


def _neighbour(paras: list[_Para], i: int, step: int) -> str:
    """good, bad or edge: the nearest paragraph in direction `step` that is not short; inline noise is transparent."""
    j = i + step
    while 0 <= j < len(paras):
        p = paras[j]
        if not (p.label == "short" or (p.label == "bad" and p.kind == "inline")):
            return "bad" if p.label == "bad" else "good"
        j += step
    return "edge"


def _apply_context(paras: list[_Para]) -> None:
    """Short paragraphs between boilerplate (or boilerplate and an edge) are boilerplate; sentences too,
    when boilerplate is on both sides."""
    verdicts: list[tuple[_Para, bool]] = []
    for i, p in enumerate(paras):
        if p.label not in ("short", "neargood"):
            continue
        sides = {_neighbour(paras, i, -1), _neighbour(paras, i, +1)}
        # a sentence needs boilerplate on both sides; a short line, boilerplate on one and nothing on the other
        verdicts.append((p, sides == {"bad"} if p.label == "neargood" else sides in ({"bad"}, {"bad", "edge"})))
    for p, bad in verdicts:  # decided on first-pass labels, applied together
        if bad:
            p.set_bad("classifier:context", "block")


def _apply_short_runs(paras: list[_Para]) -> None:
    """A long run of short lines (a menu, a link list) not framed by text on both sides is boilerplate.

    When text follows the run, its last lines may be the headline and byline: they stay.
    """
    i = 0
    while i < len(paras):
        j = i
        members: list[_Para] = []
        while j < len(paras) and (paras[j].label == "short" or (paras[j].label == "bad" and paras[j].kind == "inline")):
            if paras[j].label == "short":
                members.append(paras[j])
            j += 1
        if len(members) >= RUN_LINES:
            before = paras[i - 1].label if i > 0 else "edge"
            after = paras[j].label if j < len(paras) else "edge"
            text_after = after in ("good", "neargood")
            if not (before in ("good", "neargood") and text_after):
                for p in members[: -HEADING_LINES] if text_after else members:
                    if not any(ch.isdigit() for ch in p.text):  # dated or numbered lists are data
                        p.set_bad("classifier:short-run", "block")
        i = max(j, i + 1)


def _is_caps_rubric(p: _Para) -> bool:
    """A few words in capitals, no sentence or dateline punctuation ("PARIS —" is a dateline)."""
    letters = [ch for ch in p.text if ch.isalpha()]
    return (
        len(letters) >= 2 and all(ch.isupper() for ch in letters) and not p.sentence
        and not p.text.rstrip().endswith(("—", "–", "-", ",", ":", ")"))
        and len(p.text.split()) <= KICKER_WORDS and len(p.text) <= KICKER_CHARS
    )


def _is_credit(p: _Para, language: _Lang) -> bool:
    """A lone name: a few capitalised words (connectors allowed), no digits, no sentence or heading punctuation."""
    tokens = [_CREDIT_TOKEN.match(t).group(1) for t in p.text.split()]  # type: ignore[union-attr]
    tokens = [t for t in tokens if t and any(ch.isalpha() for ch in t)]
    names = [t for t in tokens if t.lower() not in language.connectors]
    if not names or len(names) > CREDIT_WORDS or len(p.text) > CREDIT_CHARS:
        return False
    if p.sentence or p.text.rstrip().endswith((":", ";", ",")) or any(ch.isdigit() for ch in p.text):
        return False
    if not tokens[0][0].isupper():
        return False
    return all(t[0].isupper() or t.lower() in language.connectors for t in tokens)


def _apply_shapes(paras: list[_Para], language: _Lang) -> None:
    kept = [p for p in paras if p.label != "bad"]
    if len(kept) >= 2:
        first, second = kept[0], kept[1]
        if _is_caps_rubric(first) and second.label != "good":  # above the body itself, it is the headline
            first.set_bad("kicker")
    kept = [p for p in paras if p.label != "bad"]
    if len(kept) >= 2:
        last = kept[-1]
        if any(p.label in ("good", "neargood") for p in kept[:-1]) and _is_credit(last, language):
            last.set_bad("credit")


# ----------------------------------------------------------------------------------------------
# Public API


def strip(
    text: str, paragraphs: list[Paragraph], lang: str | None, templates: frozenset[str] = frozenset()
) -> list[Removal]:
    """Boilerplate paragraphs of `text`, as removals with offsets into `text` and the rule that fired.

    `paragraphs` are the article's non-empty lines (offsets into `text`); each is matched against the
    lexicon of its own language and of the document's `lang` (either may be None: no lexicon, no stop
    words, only shape rules). `templates` are lines known to repeat across one source's documents
    (`find_templates`). Whole paragraphs are removed, never parts of one.
    """
    if not paragraphs:
        return []
    doc_language = _language(lang)
    paras: list[_Para] = []
    languages: list[_Lang] = []
    for par in sorted(paragraphs, key=lambda q: (q.start, q.end)):
        own = par.lang if par.lang and par.lang != lang else None
        languages.append(_merge(doc_language, _language(own)) if own else doc_language)
        paras.append(_features(text, par, languages[-1]))
    if _reader_facing(paras):
        for p in paras:
            p.voice = False
    for p, language in zip(paras, languages):
        _own_label(p, language, templates)
    _apply_tail(paras)
    _apply_short_runs(paras)
    _apply_context(paras)
    _apply_shapes(paras, doc_language)
    return [Removal(start=p.start, end=p.end, reason=p.reason or "classifier") for p in paras if p.label == "bad"]


@resources.register_cache
@cache
def _merge(doc: _Lang, own: _Lang) -> _Lang:
    """The paragraph's own language first, then the document's; stop words from the paragraph's language."""
    rules = own.rules + tuple(r for r in doc.rules if r not in own.rules)
    return _Lang(rules, own.stop_words or doc.stop_words, own.voice | doc.voice, own.connectors | doc.connectors)


@lru_cache(maxsize=1 << 15)  # the lines `find_templates` reads are read again by `templates_in`
def template_key(line: str) -> str:
    """A line's template form: normalised quotes, case folded, digits as 0, spacing collapsed."""
    folded = normalise(line).text.casefold()
    return " ".join(re.sub(r"\d+", "0", folded).split())


def templates_in(text: str, paragraphs: list[Paragraph], templates: frozenset[str]) -> frozenset[str]:
    """The `templates` that `strip` can match in this document: `strip` with these alone removes what it removes
    with all of them. A document's boilerplate depends on the corpus only through these (the per-document cache
    keys on them)."""
    if not templates:
        return frozenset()
    return frozenset(key for key in (template_key(text[p.start : p.end]) for p in paragraphs) if key in templates)


def find_templates(docs: Iterable[tuple[str | None, str]], min_docs: int = 3) -> frozenset[str]:
    """Template lines: normalised lines found in at least `min_docs` documents of the same source.

    `docs` are `(source, text)` pairs. Documents without a source are not compared (the same wire story
    reprinted by several outlets must not become a template), and a line that reads like a sentence (six
    words or more ending with sentence punctuation) never becomes one: an outlet reuses background
    sentences across updates of a story, and those are article text.
    """
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for source, text in docs:
        if source is None:
            continue
        seen: set[str] = set()
        for line in text.splitlines():
            key = template_key(line.strip())  # the same key, and the string `templates_in` asks for again
            n_words = len(_WORD.findall(key))
            if not n_words or n_words > TEMPLATE_MAX_WORDS or key in seen:
                continue
            if n_words >= 6 and _SENTENCE_END.search(key):
                continue
            seen.add(key)
            counts[(source, key)] += 1
    return frozenset(key for (_, key), n in counts.items() if n >= min_docs)
