"""Runs the claimx pipelines over documents and maps every claim back to the original file's characters.

The text given to spaCy is the original with front matter and removed boilerplate blanked out (line breaks
kept) and typographic characters folded (`claimx.common.text.normalise`); offsets are mapped back afterwards, and
the evidence sentence is re-read from the original text so that `text[start:end] == evidence.sentence`.
A document that makes spaCy, the claim rules or the entity votes raise is set aside with the stage that failed;
the other documents of its batch are redone one at a time and come out as they would have.
"""

from __future__ import annotations

from collections import Counter

from claimx.claims.context import DocContext
from claimx.claims.voting import entity_votes
from claimx.common.records import replace
from claimx.common.text import NormText, normalise
from claimx.nlp.sections import sections_for
from claimx.schemas import Article, Claim, DocumentRecord

BATCH_SIZE = 32


def processing_text(article: Article, record: DocumentRecord) -> NormText:
    """The article text with front matter and boilerplate blanked (same length), normalised for NLP."""
    chars = list(article.text)
    blank = [(0, article.body_start)] + [(r.start, r.end) for r in record.removed]
    for s, e in blank:
        for i in range(s, min(e, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return normalise("".join(chars))


def remap_claim(claim: Claim, norm: NormText, original: str) -> Claim:
    """The claim with every offset mapped back to the original text, and each span's text re-read from it.

    Copies of the records with the new offsets, not a dump and a validation per claim: the values are ints and
    slices of the text, of the types the records hold."""
    if norm.origin is None:
        return claim

    def moved(rec, s: str = "start", e: str = "end"):
        if rec is None or getattr(rec, s) is None:
            return rec
        a, b = norm.to_orig(getattr(rec, s)), norm.to_orig_end(getattr(rec, e))
        return replace(rec, **{s: a, e: b, "text": original[a:b]})

    ev = claim.evidence
    return replace(
        claim, evidence=replace(ev, start=norm.to_orig(ev.start), end=norm.to_orig_end(ev.end)),
        subject=moved(claim.subject), object=moved(claim.object), attribution=moved(claim.attribution),
        predicate=moved(claim.predicate), value=moved(claim.value, "start_char", "end_char"),
        time=moved(claim.time, "start_char", "end_char"), places=[moved(p) for p in claim.places])


Failed = dict[int, tuple[str, Exception]]  # index into the items → the stage that raised, and what it raised


def extract_documents(
    items: list[tuple[Article, DocumentRecord]], langs: frozenset[str] | None = None
) -> tuple[list[Claim], Counter, Failed]:
    """Claims of every `ok` document whose language is allowed, the entity votes seen on the way, and the
    documents that failed.

    A document that makes a stage raise ("spacy (COMPONENT)", "extract" or "voting") gives no claims and no
    votes and is named in the third result by its index in `items`; every other document's claims and votes
    are what they would have been without it. The exceptions stay unformatted: the caller words them.
    """
    each, failed = extract_each(items, langs)
    claims: list[Claim] = []
    votes: Counter = Counter()
    for found in each:
        if found is not None:
            claims.extend(found[0])
            votes.update(found[1])
    return claims, votes, failed


def extract_each(
    items: list[tuple[Article, DocumentRecord]], langs: frozenset[str] | None = None
) -> tuple[list[tuple[list[Claim], Counter] | None], Failed]:
    """`extract_documents` document by document: per item, its claims and entity votes (None when it was not
    annotated: not `ok`, no language or one not allowed, or failed), and the items that failed. A document's
    results do not depend on the others of `items` (the per-document cache relies on it)."""
    by_lang: dict[str, list[int]] = {}
    for i, (art, rec) in enumerate(items):
        if rec.status == "ok" and rec.lang and (langs is None or rec.lang in langs):
            by_lang.setdefault(rec.lang, []).append(i)
    each: list[tuple[list[Claim], Counter] | None] = [None] * len(items)
    failed: Failed = {}
    for lang in sorted(by_lang):
        group = by_lang[lang]
        try:
            done = dict(zip(group, _annotate_batch(lang, [items[i] for i in group]), strict=True))
        except Exception:  # noqa: BLE001 - redone below, where each document's exception is kept
            # One document broke the batch (nlp.pipe cannot say which): redo the batch one document at a time,
            # so that only the guilty one is dropped. The fast path above pays nothing for this.
            done = {}
            for i in group:
                try:
                    done[i] = _annotate_one(lang, *items[i])
                except _StageFailure as exc:
                    failed[i] = (exc.stage, exc.__cause__)
        for i, found in done.items():
            each[i] = found
    return each, failed


def _annotate_batch(lang: str, items: list[tuple[Article, DocumentRecord]]) -> list[tuple[list[Claim], Counter]]:
    """Claims and votes of each document, the documents going through `nlp.pipe` as one batch."""
    from claimx.nlp.pipelines import get_pipeline

    nlp = get_pipeline(lang)
    # Strings the batch adds to the vocabulary (every new word, number and name) are forgotten when it ends, so
    # that a long run's memory does not grow with what it has read; nothing spaCy made outlives the zone.
    with nlp.memory_zone():
        made = [_make_doc(nlp, lang, art, rec) for art, rec in items]
        docs = nlp.pipe([doc for doc, _ in made], batch_size=BATCH_SIZE)
        return [(_claims_of(doc, norm, art), entity_votes(doc))
                for doc, (_, norm), (art, _) in zip(docs, made, items)]


class _StageFailure(Exception):
    """One document's failure: `stage` names the stage that raised, `__cause__` is what it raised."""

    def __init__(self, stage: str):
        super().__init__(stage)
        self.stage = stage


def _annotate_one(lang: str, art: Article, rec: DocumentRecord) -> tuple[list[Claim], Counter]:
    """`_annotate_batch` for one document, component by component, so that a failure names its stage."""
    from claimx.nlp.pipelines import get_pipeline

    stage = "spacy (load)"
    try:
        nlp = get_pipeline(lang)
        stage = "extract"
        doc, norm = _make_doc(nlp, lang, art, rec)
        for name, proc in nlp.pipeline:
            stage = "extract" if name == "claimx_claims" else f"spacy ({name})"
            doc = proc(doc)
        stage = "voting"
        doc_votes = entity_votes(doc)
        stage = "extract"
        return _claims_of(doc, norm, art), doc_votes
    except Exception as exc:
        raise _StageFailure(stage) from exc


def _make_doc(nlp, lang: str, art: Article, rec: DocumentRecord):
    """The tokenised `Doc` of the document's processing text, with its `DocContext`; and that text."""
    from claimx.nlp.pipelines import has_trained

    norm = processing_text(art, rec)
    doc = nlp.make_doc(norm.text)
    doc._.cx = DocContext(doc_id=art.doc_id, lang=lang, source=art.source or _fallback_source(art),
                          published=art.published, degraded=not has_trained(lang),
                          sections=_map_sections(sections_for(art.text, rec), norm))
    return doc, norm


def _claims_of(doc, norm: NormText, art: Article) -> list[Claim]:
    """The annotated document's claims, mapped back to the original text."""
    out = []
    sentences: dict[tuple[int, int], str] = {}  # the claims of one sentence share its text (a run holds them all)
    for claim in doc._.claims:
        claim = remap_claim(claim, norm, art.text)
        ev = claim.evidence
        span = (ev.start, ev.end)
        if (text := sentences.get(span)) is None:
            text = sentences[span] = art.text[ev.start : ev.end]
        ev.sentence = text
        out.append(claim)
    return out


def _fallback_source(article: Article) -> str | None:
    if article.url:
        from urllib.parse import urlparse

        return urlparse(article.url).netloc or None
    return None


def _map_sections(sections: list[tuple[int, int, str]], norm: NormText) -> list[tuple[int, int, str]]:
    if norm.origin is None:
        return sections
    # original → normalised: the first normalised index whose origin reaches the original offset
    import bisect

    return [(bisect.bisect_left(norm.origin, s), bisect.bisect_left(norm.origin, e), n) for s, e, n in sections]
