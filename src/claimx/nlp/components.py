"""claimx's spaCy components, registered as factories so anyone can add them to their own pipeline.

- `claimx_paragraphs`: a line break always starts a new sentence (headlines have no final full stop).
- `claimx_entity_filter`: drops entities with no real name in them (a lone "s'", punctuation, stop words),
  then tags every other mention of a name the model recognised once in the document ("one sense per
  discourse": the small models miss a name in a headline that they tag in the body).
- `claimx_gazetteer`: an entity ruler whose patterns come from `models/gazetteer/<lang>.jsonl`.
- `claimx_claims`: sets `Doc._.claims` (a list of `claimx.schemas.Claim`, offsets into `doc.text`).
  Document metadata (id, publication date for resolving relative dates, sections) is read from `Doc._.cx`
  (a `claimx.claims.context.DocContext`) when set.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from typing import Any

from pydantic import BaseModel, ConfigDict
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from claimx.resources import find_files, read_jsonl_validated

for _name in ("claims", "cx"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class GazetteerEntry(BaseModel):
    """One line of `models/gazetteer/<lang>.jsonl`, in spaCy's EntityRuler pattern format."""

    model_config = ConfigDict(extra="forbid")

    label: str
    pattern: str | list[dict[str, Any]]
    id: str | None = None


def gazetteer_patterns(lang: str) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for path in find_files("gazetteer", f"{lang}.jsonl"):
        patterns += [e.model_dump(exclude_none=True) for e in read_jsonl_validated(path, GazetteerEntry)]
    return patterns


@Language.factory("claimx_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    return ParagraphBreaks()


class ParagraphBreaks:
    def __call__(self, doc: Doc) -> Doc:
        # Set on the array of sentence starts at once: `Token.is_sent_start = True` checks the whole document for
        # a parse each time, which made this quadratic in a document's length.
        breaks = [tok.i + 1 for tok in doc[:-1] if "\n" in tok.text or "\n" in tok.whitespace_]
        if breaks:
            starts = doc.to_array(SENT_START)
            starts[breaks] = 1
            doc.from_array([SENT_START], starts)
        return doc


NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


@Language.factory("claimx_entity_filter", assigns=["doc.ents"], default_config={"min_letters": 2, "propagate": True})
def make_entity_filter(nlp: Language, name: str, *, min_letters: int, propagate: bool) -> EntityFilter:
    return EntityFilter(min_letters, propagate)


class EntityFilter:
    def __init__(self, min_letters: int, propagate: bool = True):
        self.min_letters = min_letters
        self.propagate = propagate

    def keep(self, ent: Span) -> bool:
        if sum(ch.isalpha() for ch in ent.text.replace("'", "")) < self.min_letters:
            return False
        if all(t.is_stop or t.is_punct or t.is_space for t in ent):
            return False
        return not ent.text.endswith("'") or len(ent) > 1  # an elided article or pronoun: "s'", "l'"

    def __call__(self, doc: Doc) -> Doc:
        ents = [e for e in doc.ents if self.keep(e)]
        if self.propagate:
            ents = _propagate(doc, ents)
        doc.ents = ents
        return doc


def _propagate(doc: Doc, ents: list[Span]) -> list[Span]:
    """Add the untagged mentions of every capitalised name tagged elsewhere in the document (majority label)."""
    labels: dict[str, Counter] = {}
    for e in ents:
        if e.label_ not in NUMERIC_LABELS and e.text[:1].isupper():
            labels.setdefault(e.text, Counter())[e.label_] += 1
    if not labels:
        return ents
    taken = {i for e in ents for i in range(e.start, e.end)}
    out = list(ents)
    whole = doc.text  # once: `Doc.text` joins every token anew
    starts = _word_starts(whole)
    for text, counts in labels.items():
        label = counts.most_common(1)[0][0]
        for start, end in _mentions(whole, text, starts):
            span = doc.char_span(start, end, label=label)
            if span is not None and not taken.intersection(range(span.start, span.end)):
                out.append(span)
                taken.update(range(span.start, span.end))
    return sorted(out, key=lambda e: e.start)


_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word (a run of \\w) of `text` starts."""
    index: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        index.setdefault(m.group(), []).append(m.start())
    return index


def _mentions(text: str, name: str, starts: dict[str, list[int]]) -> list[tuple[int, int]]:
    """The matches of `(?<!\\w)NAME(?!\\w)` in `text`, as `re.finditer` gives them (left to right, not
    overlapping), found from the places where the name's first word starts: one pass over the text for all the
    names of a document, not one for each (a name starts with a letter, so a match starts where a word does)."""
    first = _WORD.match(name)
    if first is None:
        return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text)]
    out, after, size = [], 0, len(name)
    for pos in starts.get(first.group(), ()):
        if pos < after or not text.startswith(name, pos) or _WORD_CHAR.match(text, pos + size):
            continue
        out.append((pos, pos + size))
        after = pos + size
    return out


@Language.factory("claimx_gazetteer", assigns=["doc.ents"], default_config={"lang": None})
def make_gazetteer(nlp: Language, name: str, *, lang: str | None):
    from spacy.pipeline import EntityRuler

    ruler = EntityRuler(nlp, name=name, overwrite_ents=True, phrase_matcher_attr="ORTH")
    ruler.add_patterns(gazetteer_patterns(lang or nlp.lang))
    return ruler


@Language.factory("claimx_claims", assigns=["doc._.claims"], default_config={"lang": None})
def make_claims(nlp: Language, name: str, *, lang: str | None) -> ClaimExtractor:
    return ClaimExtractor(nlp, lang or nlp.lang)


class ClaimExtractor:
    """Runs `claimx.claims.extract.doc_claims` with a trigger matcher built for this pipeline."""

    def __init__(self, nlp: Language, lang: str):
        from claimx.claims.triggers import build_trigger_matcher

        self.lang = lang
        self.degraded = "parser" not in nlp.pipe_names
        self.matcher = build_trigger_matcher(nlp, lang)

    def __call__(self, doc: Doc) -> Doc:
        from claimx.claims.context import DocContext
        from claimx.claims.extract import doc_claims

        ctx = doc._.cx
        if ctx is None:
            ctx = DocContext(doc_id=hashlib.sha256(doc.text.encode()).hexdigest()[:16], lang=self.lang,
                             degraded=self.degraded)
        doc._.claims = doc_claims(doc, ctx, self.matcher)
        return doc
