"""Reconciliation: facts, corroboration, typed conflicts and updates, on hand-written multi-source claims.

Fixtures are under tests/data/reconcile/ (one JSONL of `Claim`s per situation, fictional companies), with their
own frames in frames.json so these tests do not depend on models/frames.
"""

from __future__ import annotations

import random
import tempfile
from datetime import date
from itertools import permutations
from pathlib import Path

import pytest

from claimx.claims.frames import FrameFile, FrameSet
from claimx.output.files import dumps, read_claims
from claimx.output.queries import select_conflicts, select_facts
from claimx.reconcile import reprints as sources
from claimx.reconcile import stories
from claimx.reconcile.canon import canonicalise, resolve, resolve_mentions
from claimx.reconcile.conflicts import rank
from claimx.reconcile.engine import ReconcileResult, deal_shares, frame_families, reconcile
from claimx.reconcile.rows import Row
from claimx.schemas import Claim, Conflict, Fact

DATA = Path(__file__).parent / "data" / "reconcile"
FIXTURES = sorted(p.stem for p in DATA.glob("*.jsonl"))


@pytest.fixture(scope="module")
def frames() -> FrameSet:
    data = FrameFile.model_validate_json((DATA / "frames.json").read_text(encoding="utf-8"))
    return FrameSet(frames={f.id: f for f in data.frames}, triggers={})


def run(name: str, frames: FrameSet) -> ReconcileResult:
    return reconcile(canonicalise(read_claims(DATA / f"{name}.jsonl")), frames)


def fact_of(result: ReconcileResult, claim_id: str) -> Fact:
    return next(f for f in result.facts if claim_id in f.claim_ids)


def test_families(frames: FrameSet) -> None:
    fam = frame_families(frames)
    assert fam["spin_off"] == fam["reintegrate"] == "reintegrate"
    assert fam["ipo_plan"] == fam["ipo_cancel"] == fam["ipo_complete"] == "ipo_cancel"
    assert fam["kill"] == "kill"


def test_numeric_disagreement_is_one_conflict(frames: FrameSet) -> None:
    result = run("numeric", frames)
    fact = fact_of(result, "num-a1")
    assert fact.claim_ids == ["num-a1", "num-b1", "num-c1", "num-d1"]  # "The plant of Kestrel Motors" too
    assert fact.status == "conflicting"
    assert fact.independent_sources == 4
    assert fact.languages == ["en", "fr"]
    [conflict] = result.conflicts  # 4,200 ~ about 4 200 ~ more than 4,000, all against 2,500: one conflict
    assert conflict.type == "numeric"
    assert {s.claim_id for s in conflict.sides} == {"num-a1", "num-c1"}
    assert conflict.differs == ["value"]
    assert conflict.title == "Kestrel Motors · headcount · 4,200 ≠ 2,500"
    a, c = conflict.sides
    assert [a.sentence[s:e] for s, e in a.highlight] == ["4,200"]
    assert [c.sentence[s:e] for s, e in c.highlight] == ["2,500"]
    assert c.attribution == "union figures"


def test_negation_across_languages(frames: FrameSet) -> None:
    result = run("negation", frames)
    [conflict] = result.conflicts
    assert conflict.type == "negation"
    assert [s.lang for s in conflict.sides] == ["en", "fr"]
    assert [s.polarity for s in conflict.sides] == ["positive", "negative"]
    assert conflict.title == "Brakel Foods · cut jobs ⟂ not cut jobs"
    assert not conflict.intra_document


def test_update_sequence_is_a_timeline(frames: FrameSet) -> None:
    result = run("update", frames)
    plan, postpone, cancel = (fact_of(result, f"upd-{d}1") for d in "abc")
    assert [plan.frame, postpone.frame, cancel.frame] == ["ipo_plan", "ipo_postpone", "ipo_cancel"]
    assert len(result.facts) == 3 and len({f.story for f in result.facts}) == 1
    assert [plan.status, postpone.status] == ["evolving", "evolving"]  # superseded by a later step
    assert cancel.status == "single_source"  # the latest state, reported by one outlet
    assert plan.updates == [["upd-a1", "upd-b1"]]
    assert postpone.updates == [["upd-a1", "upd-b1"], ["upd-b1", "upd-c1"]]
    assert cancel.updates == [["upd-b1", "upd-c1"]]  # not the shortcut a1 -> c1
    assert result.conflicts == []


def test_one_timeline_step_per_change_of_state(frames: FrameSet) -> None:
    result = run("steps", frames)
    plan, cancel = fact_of(result, "stp-a1"), fact_of(result, "stp-c1")
    assert plan.claim_ids == ["stp-a1", "stp-b1"] and plan.status == "evolving"
    assert plan.independent_sources == 2  # "in 2024" and "in March 2024" agree
    # Two reports of the plan, one cancellation: one step, not one per report.
    assert len(plan.updates) == 1 and plan.updates == cancel.updates
    assert plan.updates[0][0] in plan.claim_ids and plan.updates[0][1] == "stp-c1"
    assert cancel.status == "single_source" and result.conflicts == []


def test_reprints_count_as_one_source(frames: FrameSet) -> None:
    result = run("reprint", frames)
    [fact] = result.facts
    assert len(fact.sources) == 4
    assert fact.independent_sources == 2  # AFP and its two reprints, and Health Desk
    assert fact.status == "corroborated"


REVIEW = "Regulators in France approved the new cancer drug on Tuesday after a long review."
ELSEWHERE = "The French regulator cleared the cancer drug this week, ending a long review."


@pytest.mark.parametrize(("sentences", "independent"), [
    # Too short for the near-identical test (REPRINT_WORDS): only the exact sentence ties two outlets.
    (["Regulators approved the drug.", "Regulators approved the drug.", "The drug was approved."], 2),
    (["Regulators approved the drug.", "Regulators approved the new drug.", "The drug was approved."], 3),
    # A reprint with a dateline and its end shouted: the same last words, in any case, and near-identical.
    (["PARIS — " + REVIEW, REVIEW.replace("after a long review", "AFTER A LONG REVIEW"), ELSEWHERE], 2),
    # Near-identical, but neither the first nor the last words are the same: never compared (the blocking key).
    (["PARIS — " + REVIEW, REVIEW.replace("a long review.", "a lengthy review process."), ELSEWHERE], 3),
])
def test_which_sentences_tie_two_outlets(frames: FrameSet, sentences: list[str], independent: int) -> None:
    [fact] = reconcile(canonicalise(_outlets(sentences)), frames).facts
    assert fact.independent_sources == independent


def _outlets(sentences: list[str]) -> list[Claim]:
    """One claim of one story per sentence, each from its own outlet, ids in the order of `sentences`."""
    [base, *_] = read_claims(DATA / "reprint.jsonl")
    named = base.subject.model_copy(update={"text": "Orlan Pharma", "label": "ORG"})
    return [base.model_copy(update={
        "id": f"short-{n}", "doc_id": f"short-doc-{n}", "source": f"Outlet {n}", "subject": named,
        "evidence": base.evidence.model_copy(update={"sentence": text, "start": 0, "end": len(text)})})
        for n, text in enumerate(sentences)]


@pytest.mark.parametrize(("sentences", "independent"), [
    (["PARIS — " + REVIEW, REVIEW, ELSEWHERE], 2),  # the reprint pair is among the first two claims
    ([ELSEWHERE, "PARIS — " + REVIEW, REVIEW], 3),  # it is not: its two sentences are never compared
])
def test_a_long_story_compares_the_sentences_of_its_first_claims(frames: FrameSet, monkeypatch: pytest.MonkeyPatch,
                                                                 sentences: list[str], independent: int) -> None:
    """Past MAX_SENTENCES claims, a story compares the sentences of its first claims in claim order, whatever the
    order of the input."""
    monkeypatch.setattr(sources, "MAX_SENTENCES", 2)
    claims = canonicalise(_outlets(sentences))
    for order in permutations(claims):
        [fact] = reconcile(list(order), frames).facts
        assert fact.independent_sources == independent


@pytest.mark.parametrize("seed", range(20))
def test_a_position_shows_its_best_ranked_claims_first(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """Only the first SHOWN claims of a position are sorted (by rank); they are the first SHOWN of a full sort, ties
    on the publication at the cut and unknown publications included."""
    monkeypatch.setattr(stories, "SHOWN", 3)
    rng = random.Random(seed)
    [base, *_] = read_claims(DATA / "reprint.jsonl")
    days = [None, date(2024, 1, 2), date(2024, 1, 3), date(2024, 1, 5)]
    rows = [Row(base.model_copy(update={"id": f"c{n}", "doc_id": f"d{rng.randrange(4)}",
                                        "published": rng.choice(days), "section": rng.choice(["headline", "body"])}))
            for n in range(rng.randrange(4, 12))]
    ranked = stories.ranked(rows)
    assert ranked[:3] == sorted(rows, key=rank)[:3]
    assert sorted(map(id, ranked)) == sorted(map(id, rows))


def test_cross_language_agreement(frames: FrameSet) -> None:
    result = run("crosslang", frames)
    [fact] = result.facts
    assert fact.status == "corroborated"
    assert fact.languages == ["en", "fr"]
    assert fact.entities == ["helix_robotics", "norvane"]
    assert (fact.time_start, fact.time_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert result.conflicts == []


def test_unrelated_stories_never_meet(frames: FrameSet) -> None:
    result = run("unrelated", frames)
    assert len(result.facts) == 6  # two killings, two IPOs, two attacks on two days
    assert all(f.status == "single_source" for f in result.facts)
    assert result.conflicts == []
    assert fact_of(result, "unr-c1").key != fact_of(result, "unr-d1").key


def test_compatible_dates_and_numbers_do_not_conflict(frames: FrameSet) -> None:
    result = run("compatible", frames)
    assert result.conflicts == []
    assert len(result.facts) == 4
    assert {f.status for f in result.facts} == {"corroborated"}


def test_headline_against_body_is_an_intra_document_conflict(frames: FrameSet) -> None:
    result = run("intradoc", frames)
    [conflict] = result.conflicts
    assert conflict.type == "antonym"
    assert conflict.intra_document
    assert [s.section for s in conflict.sides] == ["headline", "lead"]
    assert conflict.title == "Norvane · Helix · spin off ⟂ reintegrate"
    assert [s.sentence[a:b] for s in conflict.sides for a, b in s.highlight] == ["spin off", "reintegrate"]
    assert conflict.differs == ["frame"]


def test_contradiction_contests_a_corroborated_fact_without_hiding_its_corroboration(frames: FrameSet) -> None:
    result = run("contested", frames)
    [conflict] = result.conflicts
    spin, back = fact_of(result, "con-a1"), fact_of(result, "con-b1")
    assert conflict.type == "antonym" and spin.story == back.story and spin.key != back.key
    assert back.claim_ids == ["con-b1", "con-c1"]
    assert (back.status, back.independent_sources, back.languages) == ("corroborated", 2, ["en", "fr"])
    assert spin.status == "conflicting"  # one outlet's headline, contradicted by two others
    assert back.conflicts == spin.conflicts == [conflict.id]
    assert {s.claim_id: s.fact_key for s in conflict.sides}["con-a1"] == spin.key


def test_temporal_conflict(frames: FrameSet) -> None:
    [conflict] = run("temporal", frames).conflicts
    assert conflict.type == "temporal"
    assert [s.sentence[a:b] for s in conflict.sides for a, b in s.highlight] == ["in 2019", "in 2021"]


def test_modality_conflict(frames: FrameSet) -> None:
    [conflict] = run("modality", frames).conflicts
    assert conflict.type == "modality"
    assert [s.modality for s in conflict.sides] == ["asserted", "hedged"]


def all_claims() -> list[Claim]:
    return [c for name in FIXTURES for c in read_claims(DATA / f"{name}.jsonl")]


def test_fixtures_do_not_interfere(frames: FrameSet) -> None:
    together = reconcile(canonicalise(all_claims()), frames)
    apart = [run(name, frames) for name in FIXTURES]
    assert sorted(f.key for f in together.facts) == sorted(f.key for r in apart for f in r.facts)
    assert sorted(c.id for c in together.conflicts) == sorted(c.id for r in apart for c in r.conflicts)


def _bytes(result: ReconcileResult) -> str:
    return dumps({"facts": result.facts, "conflicts": result.conflicts})


def test_deterministic_and_order_free(frames: FrameSet) -> None:
    claims = all_claims()
    first = _bytes(reconcile(canonicalise(claims), frames))
    assert _bytes(reconcile(canonicalise(claims), frames)) == first
    for seed in range(3):
        shuffled = claims[:]
        random.Random(seed).shuffle(shuffled)
        assert _bytes(reconcile(canonicalise(shuffled), frames)) == first


def test_ids_from_resolve_give_the_same_output_as_canonicalised_claims(frames: FrameSet) -> None:
    claims = all_claims()
    ids = resolve(claims)
    assert _bytes(reconcile(claims, frames, ids=ids)) == _bytes(reconcile(canonicalise(claims), frames))
    assert [(c.subject.canonical if c.subject else None, c.object.canonical if c.object else None)
            for c in canonicalise(claims, ids=ids)] == ids
    with pytest.raises(ValueError, match="2 canonical id pairs for"):
        reconcile(claims, frames, ids=ids[:2])


def test_mentions_from_resolve_give_the_same_output_as_ids(frames: FrameSet) -> None:
    claims = all_claims()
    found = resolve_mentions(claims)
    assert found.ids == resolve(claims)
    for c, (sid, oid), (ms, mo) in zip(claims, found.ids, found.mention_of, strict=True):
        for ent, cid, m in ((c.subject, sid, ms), (c.object, oid, mo)):
            assert (found.mentions[m] if m >= 0 else None) == ((ent.text, ent.label, cid) if ent else None)
    assert len(set(found.mentions)) == len(found.mentions) < 2 * len(claims)  # one number per distinct mention
    assert _bytes(reconcile(claims, frames, ids=found)) == _bytes(reconcile(claims, frames, ids=found.ids))
    assert _bytes(reconcile(claims, frames, ids=found, jobs=2)) == _bytes(reconcile(claims, frames, ids=found.ids))


def test_worker_processes_give_the_same_output(frames: FrameSet, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    claims = all_claims()
    ids = resolve(claims)
    families = frame_families(frames)
    assert len({families.get(c.predicate.frame, c.predicate.lemma) for c in claims}) >= 3  # shares to deal out
    alone = _bytes(reconcile(claims, frames, ids=ids))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where workers leave their results
    assert _bytes(reconcile(claims, frames, ids=ids, jobs=2)) == alone
    assert _bytes(reconcile(claims, frames, ids=ids, jobs=3)) == alone
    assert list(tmp_path.iterdir()) == []  # nothing left behind


def _full_disk(obj: object, file, records) -> None:
    file.write(b"half a share")
    raise OSError(28, "No space left on device")


def _no_folder(*args, **kwargs):
    raise FileNotFoundError(2, "No usable temporary directory found")


@pytest.mark.parametrize("broken, patch", [
    ("a full disk", ("claimx.reconcile.workers.dump", _full_disk)),
    ("no temporary file", ("tempfile.mkstemp", _no_folder)),
    ("no temporary folder", ("tempfile.TemporaryDirectory", _no_folder)),
])
def test_workers_send_their_results_through_the_pipe_when_no_file_can_be_written(
        broken: str, patch: tuple, frames: FrameSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = all_claims()
    ids = resolve(claims)
    alone = _bytes(reconcile(claims, frames, ids=ids))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(*patch)  # before the fork: the workers inherit it
    assert _bytes(reconcile(claims, frames, ids=ids, jobs=2)) == alone, broken
    assert list(tmp_path.iterdir()) == []  # no half-written file left behind


def test_shares_one_after_the_other_give_the_same_output(frames: FrameSet, monkeypatch: pytest.MonkeyPatch) -> None:
    claims = all_claims()
    ids = resolve(claims)
    alone = _bytes(reconcile(claims, frames, ids=ids))
    monkeypatch.setattr("claimx.reconcile.engine.SHARE_CLAIMS", 3)  # one share per frame family, in one process
    assert _bytes(reconcile(claims, frames, ids=ids)) == alone


def test_shares_keep_frame_families_whole() -> None:
    fams = ["b", "a", "a", "c", "a", "b", "d", "a", "c", "b", "a"]  # a: 5 claims, b: 3, c: 2, d: 1
    shares = deal_shares(fams, 2)
    assert shares == [[1, 2, 4, 6, 7, 10], [0, 3, 5, 8, 9]]  # a + d, b + c: largest first, in claim order
    assert [sorted({fams[i] for i in share}) for share in deal_shares(fams, 8)] == [["a"], ["b"], ["c"], ["d"]]
    assert deal_shares([], 4) == [[]]


def test_outputs_are_valid_records(frames: FrameSet) -> None:
    result = reconcile(canonicalise(all_claims()), frames)
    for fact in result.facts:
        assert Fact.model_validate_json(fact.model_dump_json()) == fact
    for conflict in result.conflicts:
        assert Conflict.model_validate_json(conflict.model_dump_json()) == conflict
    assert sum(len(f.claim_ids) for f in result.facts) == len(all_claims())  # every claim in exactly one fact
    assert result.facts == sorted(result.facts, key=lambda f: (f.subject or "", f.frame or f.lemma or "", f.key))


def test_select(frames: FrameSet) -> None:
    result = reconcile(canonicalise(all_claims()), frames)
    assert {c.type for c in select_conflicts(result.conflicts, result.facts, type="numeric")} == {"numeric"}
    about = select_conflicts(result.conflicts, result.facts, entity="the Kestrel Motors group")
    assert [c.type for c in about] == ["numeric"]
    french = select_conflicts(result.conflicts, result.facts, lang="fr")
    assert {c.type for c in french} == {"negation", "antonym"}  # the numeric conflict has two English sides
    assert all("norvane" in f.entities for f in select_facts(result.facts, entity="Norvane SA"))


# ----------------------------------------------------------------------------------------------
# Tolerances, as rows: two reports of one fact from two outlets a day apart


def _pair(time_a: tuple | None = None, time_b: tuple | None = None, value_a: tuple | None = None,
          value_b: tuple | None = None, frame_a: str = "establish", frame_b: str = "establish",
          modality_a: str = "asserted", modality_b: str = "asserted", published_b: str = "2025-01-02",
          polarity_b: str = "positive") -> list[str]:
    claims = []
    sides = ((time_a, value_a, frame_a, modality_a, "2025-01-01", "positive"),
             (time_b, value_b, frame_b, modality_b, published_b, polarity_b))
    for n, (tm, val, frame, mod, pub, pol) in enumerate(sides):
        sentence = "Tarvo Group did something with Tarvo Labs."
        data = {
            "id": f"c{n}", "doc_id": f"d{n}", "source": f"S{n}", "published": pub, "lang": "en",
            "subject": {"text": "Tarvo Group", "label": "ORG"}, "object": {"text": "Tarvo Labs", "label": "ORG"},
            "predicate": {"frame": frame, "lemma": frame, "text": "did"}, "modality": mod, "polarity": pol,
            "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)}, "rule": "t", "confidence": 1.0,
        }
        if tm:
            start, end, extra = tm[0], tm[1], (tm[2] if len(tm) > 2 else {})
            data["time"] = {"text": "then", "start_char": 0, "end_char": 4, "start": start, "end": end,
                            "resolved": True, **extra}
        if val:
            amount, extra = val[0], (val[1] if len(val) > 1 else {})
            counts = {"counts": "people"} if extra.get("kind", "count") == "count" else {}  # what it counts
            data["value"] = {"text": str(amount), "start_char": 0, "end_char": 1, "amount": amount, **counts, **extra}
        claims.append(Claim.model_validate(data))
    frameset = FrameSet(frames={f.id: f for f in FrameFile.model_validate_json(
        (DATA / "frames.json").read_text(encoding="utf-8")).frames}, triggers={})
    result = reconcile(canonicalise(claims), frameset)
    assert len({f.story for f in result.facts}) == 1  # one story; two facts when the frames differ
    assert len(result.facts) == (1 if frame_a == frame_b else 2)
    kinds = [c.type for c in result.conflicts]
    return kinds + (["update"] if any(f.updates for f in result.facts) else [])


Y2024 = ("2024-01-01", "2024-12-31")
JAN2024 = ("2024-01-01", "2024-01-31")


@pytest.mark.parametrize(("time_a", "time_b", "expected"), [
    (Y2024, JAN2024, []),  # the coarser interval contains the finer one
    (("2023-09-01", "2023-12-31", {"mod": "END"}), ("2023-11-01", "2023-11-30"), []),  # late 2023 / November 2023
    (("2025-06-01", "2025-07-31", {"mod": "MID"}), ("2025-06-21", "2025-09-22", {"granularity": "season"}), []),
    (("2025-05-01", "2025-05-31", {"mod": "MID"}), ("2025-06-21", "2025-09-22", {"granularity": "season"}), []),
    (("2023-11-01", "2023-11-30"), ("2022-01-01", "2022-12-31"), ["temporal"]),
    (("2023-11-01", "2023-11-30"), None, []),  # a missing time is compatible
    (("2023-11-01", "2023-11-30", {"relation": "by"}), ("2021-01-01", "2021-12-31"), []),  # "by" opens the past
])
def test_time_tolerance(time_a, time_b, expected) -> None:
    assert _pair(time_a=time_a, time_b=time_b) == expected


def test_generic_objects_without_a_common_word_are_different_things(frames: FrameSet) -> None:
    claims = []
    reports = (("establish", "Ampere opened a new software centre.", "a new software centre"),
               ("establish", "Ampere set up its battery laboratory.", "its battery laboratory"),
               ("establish", "Ampere opened a software hub.", "a software hub"))
    for n, (frame, sentence, obj) in enumerate(reports):
        claims.append(Claim.model_validate({
            "id": f"g{n}", "doc_id": f"d{n}", "lang": "en", "published": "2025-01-0" + str(n + 1),
            "subject": {"text": "Ampere", "label": "ORG"}, "object": {"text": obj, "label": None},
            "predicate": {"frame": frame, "lemma": frame, "text": sentence.split()[1]},
            "time": {"text": "x", "start_char": 0, "end_char": 1, "start": f"202{n}-01-01", "end": f"202{n}-12-31",
                     "resolved": True},
            "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)}, "rule": "t", "confidence": 1.0}))
    result = reconcile(canonicalise(claims), frames)
    # The laboratory shares no word with the software centre: its other year is no temporal conflict; the
    # software hub and the software centre may be one thing, and their years disagree.
    assert [sorted(s.claim_id for s in c.sides) for c in result.conflicts] == [["g0", "g2"]]


def test_two_plans_with_two_dates_do_not_conflict() -> None:
    # "to be reintegrated as of July 2026" and "the reintegration plan (January 2026)": announced, effective.
    kinds = _pair(time_a=("2026-07-01", "2026-07-31"), time_b=("2026-01-01", "2026-01-31"), modality_a="planned",
                  modality_b="planned")
    assert kinds == []


@pytest.mark.parametrize(("value_a", "value_b", "expected"), [
    ((11000,), (11000,), []),
    ((11000, {"approx": True}), (11500,), []),  # "around 11,000" widens the tolerance to 10%
    ((11000,), (11500,), ["numeric"]),  # two exact figures 4.5% apart
    ((11000,), (11080,), []),  # within 1% each
    ((4000, {"mod": "MORE_THAN"}), (4200,), []),
    ((4000, {"mod": "LESS_THAN"}), (4200,), ["numeric"]),
    ((1.2e9, {"kind": "money", "unit": "EUR"}), (2e9, {"kind": "money", "unit": "USD"}), []),  # currencies differ
    ((30, {"kind": "percent", "unit": "%"}), (3000,), []),  # kinds differ
])
def test_value_tolerance(value_a, value_b, expected) -> None:
    assert _pair(value_a=value_a, value_b=value_b) == expected


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"frame_a": "spin_off", "frame_b": "reintegrate"}, ["antonym"]),
    ({"frame_a": "spin_off", "frame_b": "reintegrate", "published_b": "2025-06-01"}, ["update"]),  # later report
    ({"frame_a": "ipo_postpone", "frame_b": "ipo_cancel", "time_a": JAN2024, "time_b": JAN2024}, ["antonym"]),
    ({"frame_a": "ipo_postpone", "frame_b": "ipo_cancel", "time_a": JAN2024, "time_b": ("2024-03-01", "2024-03-31")},
     ["update"]),
    ({"frame_a": "ipo_plan", "frame_b": "ipo_cancel"}, ["update"]),  # cancel supersedes plan
    ({"polarity_b": "negative"}, ["negation"]),
    ({"polarity_b": "negative", "published_b": "2025-06-01"}, ["update"]),
    ({"modality_a": "hedged"}, ["modality"]),  # asserted against reported: a difference of certainty
    ({"modality_a": "hedged", "published_b": "2025-06-01"}, ["update"]),
    ({"modality_a": "planned"}, ["update"]),  # the plan on one day, the deed the next
    ({"modality_b": "planned"}, []),  # a plan reported after the deed is another plan
    ({"modality_a": "planned", "published_b": "2025-06-01"}, ["update"]),  # the plan, then it happened
    ({"modality_a": "planned", "modality_b": "expected"}, []),  # two forward-looking reports agree
    ({"modality_b": "denied"}, ["negation"]),
])
def test_relations(kwargs, expected) -> None:
    assert _pair(**kwargs) == expected
