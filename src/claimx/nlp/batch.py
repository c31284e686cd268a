"""Runs the claimx pipelines over documents and maps every claim back to the original file's characters.

The text given to spaCy is the original with front matter and removed boilerplate blanked out (line breaks
kept) and typographic characters folded (`claimx.common.text.normalise`); offsets are mapped back afterwards, and
the evidence sentence is re-read from the original text so that `text[start:end] == evidence.sentence`.
"""

from __future__ import annotations

from collections import Counter

from claimx.claims.context import DocContext
from claimx.claims.voting import entity_votes
from claimx.nlp.sections import sections_for
from claimx.schemas import Article, Claim, DocumentRecord
from claimx.common.text import NormText, normalise

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


def _remap(claim: Claim, norm: NormText, original: str) -> Claim:
    """The claim with every offset mapped back to the original text, and each span's text re-read from it."""
    if norm.origin is None:
        return claim
    data = claim.model_dump()
    data["evidence"]["start"] = norm.to_orig(data["evidence"]["start"])
    data["evidence"]["end"] = norm.to_orig_end(data["evidence"]["end"])
    for key, s, e in (("subject", "start", "end"), ("object", "start", "end"), ("attribution", "start", "end"),
                      ("predicate", "start", "end"), ("value", "start_char", "end_char"),
                      ("time", "start_char", "end_char")):
        d = data.get(key)
        if d is not None and d.get(s) is not None:
            d[s], d[e] = norm.to_orig(d[s]), norm.to_orig_end(d[e])
            d["text"] = original[d[s] : d[e]]
    return Claim.model_validate(data)


def extract_documents(
    items: list[tuple[Article, DocumentRecord]], langs: frozenset[str] | None = None
) -> tuple[list[Claim], Counter]:
    """Claims of every `ok` document whose language is allowed, and the entity votes seen on the way."""
    from claimx.nlp.pipelines import get_pipeline, has_trained

    by_lang: dict[str, list[tuple[Article, DocumentRecord]]] = {}
    for art, rec in items:
        if rec.status == "ok" and rec.lang and (langs is None or rec.lang in langs):
            by_lang.setdefault(rec.lang, []).append((art, rec))
    claims: list[Claim] = []
    votes: Counter = Counter()
    for lang in sorted(by_lang):
        nlp = get_pipeline(lang)
        docs, norms = [], []
        for art, rec in by_lang[lang]:
            norm = processing_text(art, rec)
            doc = nlp.make_doc(norm.text)
            doc._.cx = DocContext(doc_id=art.doc_id, lang=lang, source=art.source or _fallback_source(art),
                                  published=art.published, degraded=not has_trained(lang),
                                  sections=_map_sections(sections_for(art.text, rec), norm))
            docs.append(doc)
            norms.append((norm, art))
        for doc, (norm, art) in zip(nlp.pipe(docs, batch_size=BATCH_SIZE), norms):
            votes.update(entity_votes(doc))
            for claim in doc._.claims:
                claim = _remap(claim, norm, art.text)
                ev = claim.evidence
                ev.sentence = art.text[ev.start : ev.end]
                claims.append(claim)
    return claims, votes


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
