"""Batch annotation (`claimx.nlp.batch`): claims mapped back to the original file's characters."""

from __future__ import annotations

import unicodedata

from claimx.nlp.batch import remap_claim, processing_text
from claimx.schemas import Article, Claim, DocumentRecord


def _reference_remap(claim: Claim, norm, original: str) -> Claim:
    """The remapping as a dump, new offsets and a validation: what `remap_claim` does by copies."""
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
    for d in data["places"]:
        d["start"], d["end"] = norm.to_orig(d["start"]), norm.to_orig_end(d["end"])
        d["text"] = original[d["start"] : d["end"]]
    return Claim.model_validate(data)


def test_claims_of_a_decomposed_text_are_remapped_field_by_field():
    from claimx.claims.context import DocContext
    from claimx.nlp.pipelines import get_pipeline

    text = unicodedata.normalize("NFD", "Renault a annulé l'introduction en bourse d'Ampère en janvier 2024 à Paris, "
                                        "selon Les Échos. Le groupe supprimera 300 emplois à Douai.\n")
    art = Article(doc_id="d1", path="a.txt", text=text)
    norm = processing_text(art, DocumentRecord(doc_id="d1", path="a.txt"))
    assert norm.origin is not None
    nlp = get_pipeline("fr")
    doc = nlp.make_doc(norm.text)
    doc._.cx = DocContext(doc_id="d1", lang="fr")
    claims = nlp(doc)._.claims
    assert claims
    for claim in claims:
        expected = _reference_remap(claim, norm, text)
        got = remap_claim(claim, norm, text)
        assert got.model_dump(mode="json") == expected.model_dump(mode="json")
        assert Claim.model_validate(got.model_dump()) == got  # the copy is a valid record
