"""End to end on the bundled corpus: what `claimx run corpus/` must produce (issues' "done when" lists)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from golden import check, render

from claimx.output.files import read_claims
from claimx.pipeline import RunOptions, run
from claimx.output.render import render_diff, render_show

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "data" / "seeds"
FR = "000_8cf3a627c898c9d9.txt"
EN = "004_52bc62e776807247.txt"


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    res = run(RunOptions(corpus=ROOT / "corpus", out=out))
    return res, out


def doc(result, name):
    res, _ = result
    return next(d for d in res.documents if d.path.endswith(name))


def claims(result, name=None, frame=None):
    res, _ = result
    d = doc(result, name).doc_id if name else None
    return [c for c in res.claims if (d is None or c.doc_id == d) and (frame is None or c.predicate.frame == frame)]


def test_documents_are_ok_with_languages(result):
    assert doc(result, FR).status == "ok" and doc(result, FR).lang == "fr"
    assert doc(result, EN).status == "ok" and doc(result, EN).lang == "en"


def test_french_promo_block_removed_and_body_kept(result):
    d = doc(result, FR)
    text = (ROOT / "corpus" / FR).read_text(encoding="utf-8")
    promo = text.index("+ rapide, + pratique, + exclusif")
    gone = sorted((r.start, r.end) for r in d.removed)
    covered = set()
    for s, e in gone:
        covered.update(range(s, e))
    tail = [i for i in range(promo, len(text)) if not text[i].isspace()]
    assert all(i in covered for i in tail), "the promo block must be removed to the end"
    body = [i for i in range(0, promo) if not text[i].isspace()]
    assert not any(i in covered for i in body), "no sentence of the article body may be lost"


def test_english_kicker_and_credit_never_become_claim_text(result):
    text = (ROOT / "corpus" / EN).read_text(encoding="utf-8")
    for c in claims(result, EN):
        sentence = text[c.evidence.start : c.evidence.end]
        assert sentence.strip() not in ("RENAULT", "Autonews")
        assert "Autonews" not in sentence and not sentence.startswith("RENAULT\n")


def test_every_evidence_points_at_the_original_characters(result):
    for name in (FR, EN):
        text = (ROOT / "corpus" / name).read_text(encoding="utf-8")
        for c in claims(result, name):
            assert text[c.evidence.start : c.evidence.end] == c.evidence.sentence
            if c.time is not None:
                assert text[c.time.start_char : c.time.end_char] == c.time.text
            if c.value is not None:
                assert text[c.value.start_char : c.value.end_char] == c.value.text


def _entities(c):
    return {e.text for e in (c.subject, c.object) if e is not None}


def test_reintegration_in_both_languages(result):
    fr = claims(result, FR, "reintegrate")
    en = claims(result, EN, "reintegrate")
    assert any("Ampere" in _entities(c) and c.modality != "asserted" for c in fr)
    assert any("Ampere" in _entities(c) and "Renault" in " ".join(_entities(c)) for c in en)
    as_of = [c for c in en if c.time is not None and c.time.relation == "as_of"]
    assert as_of and as_of[0].time.value == "2026-07" and as_of[0].modality == "planned"


def test_headline_spin_off(result):
    heads = [c for c in claims(result, EN, "spin_off") if c.section == "headline"]
    assert heads and heads[0].subject.text == "Renault"


def test_ipo_postponed_and_cancelled_in_january_2024(result):
    post = claims(result, EN, "ipo_postpone")
    cancel = claims(result, EN, "ipo_cancel") + claims(result, FR, "ipo_cancel")
    assert any(c.time is not None and c.time.value == "2024-01" for c in post)
    assert any(c.time is not None and c.time.value == "2024-01" for c in cancel)
    assert any(c.lang == "fr" for c in cancel)


def test_no_job_losses_in_both_languages(result):
    fr = [c for c in claims(result, FR, "cut_jobs") if c.polarity == "negative"]
    en = [c for c in claims(result, EN, "cut_jobs") if c.polarity == "negative"]
    assert fr and en
    assert any(c.modality == "hedged" for c in fr)


def test_headcount_nissan_and_establishment(result):
    head = [c for c in claims(result, EN, "headcount") if c.value is not None]
    assert head and head[0].value.amount == 11000 and head[0].value.approx
    nissan = [c for c in claims(result, EN, "agreement_end") if "Nissan" in _entities(c)]
    assert any(c.time is not None and c.time.value == "2025-03" and c.value is not None
               and c.value.amount == 600e6 and c.value.unit == "EUR" for c in nissan)
    est = [c for c in claims(result, EN, "establish") if "Ampere" in _entities(c)]
    assert est and est[0].time.value == "2023-11"


def test_files_written(result):
    _, out = result
    for name in ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json", "report.json"):
        assert (out / name).is_file()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["documents_ok"] == 2 and report["claims"] > 20
    assert set(report["models"]) == {"en", "fr"}


def _conflicts(result):
    res, _ = result
    return res.conflicts


def _frames_of(conflict):
    return {s.frame for s in conflict.sides}


def test_spin_off_against_reintegration_across_and_within_documents(result):
    anti = [c for c in _conflicts(result) if c.type == "antonym" and _frames_of(c) == {"spin_off", "reintegrate"}]
    assert any(not c.intra_document and {s.lang for s in c.sides} == {"en", "fr"} for c in anti)
    assert any(c.intra_document and "headline" in {s.section for s in c.sides} for c in anti)


def test_postponed_against_cancelled_ipo(result):
    assert any(c.type == "antonym" and _frames_of(c) == {"ipo_postpone", "ipo_cancel"}
               and {s.time.value for s in c.sides if s.time} == {"2024-01"} for c in _conflicts(result))


def test_reintegration_is_corroborated_in_two_languages_and_contested_by_the_headline(result):
    res, _ = result
    [fact] = [f for f in res.facts if f.frame == "reintegrate" and {"renault", "ampere"} <= set(f.entities)]
    assert fact.status == "corroborated"
    assert fact.independent_sources == 2 and fact.languages == ["en", "fr"]
    contest = [c for c in res.conflicts if c.id in fact.conflicts]
    assert any(c.intra_document and any(s.section == "headline" and s.frame == "spin_off" for s in c.sides)
               for c in contest)
    for c in contest:  # each conflict names the two facts, one per side
        assert fact.key in {s.fact_key for s in c.sides} and len({s.fact_key for s in c.sides}) == 2


def test_no_job_losses_agree_across_languages(result):
    res, _ = result
    by_id = {c.id: c for c in res.claims}
    agreeing = [f for f in res.facts if f.frame == "cut_jobs" and f.status == "corroborated"
                and {by_id[i].polarity for i in f.claim_ids} == {"negative"}]
    assert agreeing and agreeing[0].languages == ["en", "fr"]


def test_no_conflict_between_compatible_dates_or_approximate_numbers(result):
    assert not [c for c in _conflicts(result) if c.type in ("temporal", "numeric")]


def test_outputs_are_identical_across_jobs(result, tmp_path):
    _, out1 = result
    out2 = tmp_path / "out2"
    run(RunOptions(corpus=ROOT / "corpus", out=out2, jobs=2))
    for name in ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json"):
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name


def test_golden_conflicts_and_facts(result):
    """The seeds' reconciliation as a reader sees it: `claimx diff` and `claimx show` at 80 columns."""
    res, out = result
    check(GOLDEN / "diff.txt", render(render_diff(res.conflicts, res.facts)))
    check(GOLDEN / "show.txt", render(render_show(res.facts, read_claims(out / "claims.jsonl"))))
