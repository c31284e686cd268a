"""The conflicts scorer on tiny hand-made pair files (tests/data/eval/): DACCORD and RTE3-FR layouts.

daccord_tiny.tsv: x001 a contradiction (300 ≠ 1200 soldiers killed), x002 compatible. rte3_tiny.tsv: pair 1 a
contradiction (founded in 1901 ≠ 1950), pair 2 an entailment with the same premise, pair 3 neutral.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.evaluation.conflicts import kind_of, read_pairs, score
from claimx.schemas import Conflict, ConflictSide

DATA = Path(__file__).parent / "data" / "eval"


def conflict(cid: str, *docs: str, type_: str = "numeric") -> Conflict:
    sides = [ConflictSide(claim_id=f"{cid}-{n}", fact_key="f", doc_id=d, source=d, lang="fr", published=None,
                          section="body", frame=None, lemma="x", polarity="positive", modality="asserted",
                          attribution=None, time=None, value=None, sentence="", start=0, end=0)
             for n, d in enumerate(docs)]
    return Conflict(id=cid, type=type_, title="t", sides=sides, explanation="e")


def test_layouts_and_labels():
    pairs, layout = read_pairs(DATA / "daccord_tiny.tsv")
    assert layout == "daccord" and [(p.id, p.contradiction, p.lang) for p in pairs] == [("x001", True, None),
                                                                                          ("x002", False, None)]
    pairs, layout = read_pairs(DATA / "rte3_tiny.tsv")
    assert layout == "rte3" and [(p.id, p.contradiction, p.lang) for p in pairs] == [("1", True, "fr"),
                                                                                       ("2", False, "fr"),
                                                                                       ("3", False, "fr")]


def test_another_layout_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.tsv"
    bad.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a DACCORD/RTE3-FR TSV"):
        read_pairs(bad)


@pytest.mark.parametrize(
    "premise, hypothesis, kind",
    [
        ("Le sommet a eu lieu le 12 mars 2021.", "Le sommet a eu lieu le 14 mars 2021.", "date"),
        ("Le pont a été construit en 1901.", "Le pont a été construit en 1950.", "date"),
        ("300 soldats ont été tués.", "1 200 soldats ont été tués.", "number"),
        ("Le vaccin n'est pas expérimental.", "Le vaccin est expérimental.", "negation"),
        ("The bridge was not built.", "The bridge was built.", "negation"),
        ("Le camion transporte un tube.", "Le camion transporte un missile.", "other"),
        ("It may rain in May 2020.", "It rained in May 2020.", "other"),  # 'may' the verb is no date
    ],
)
def test_kind_heuristic(premise, hypothesis, kind):
    assert kind_of(premise, hypothesis) == kind


def test_score_on_hand_made_conflicts():
    pairs, _ = read_pairs(DATA / "rte3_tiny.tsv")
    # pairs 1 and 2 share their premise: one document, `P`, whose doc_id maps to both premise keys
    keys = {"P": ["1/premise", "2/premise"], "H1": ["1/hypothesis"], "H2": ["2/hypothesis"],
            "P3": ["3/premise"], "H3": ["3/hypothesis"]}
    conflicts = [
        conflict("a", "P", "H1"),  # flags pair 1 (a contradiction)
        conflict("b", "H2", "P", type_="negation"),  # flags pair 2 (an entailment): a false alarm
        conflict("c", "H1", "H3"),  # documents of no common pair
        conflict("d", "P3", "P3"),  # inside one document
    ]
    rep = score(pairs, conflicts, keys, layout="rte3")
    assert (rep.pairs, rep.contradictions, rep.flagged_contradictions, rep.flagged_others) == (3, 1, 1, 1)
    assert (rep.recall, rep.false_alarm_rate, rep.precision) == (1.0, 0.5, 0.5)
    assert (rep.conflicts, rep.cross_pair, rep.intra_document) == (4, 1, 1)
    assert rep.by_kind["date"].pairs == 1 and rep.by_kind["date"].recall == 1.0
    assert rep.flagging_types == {"negation": 1, "numeric": 1}


def test_nothing_flagged_scores_zero():
    pairs, _ = read_pairs(DATA / "daccord_tiny.tsv")
    rep = score(pairs, [], {})
    assert (rep.recall, rep.precision, rep.false_alarm_rate) == (0.0, 0.0, 0.0)
    assert rep.by_kind["number"].pairs == 1


def test_end_to_end_on_two_daccord_pairs():
    result = CliRunner().invoke(app, ["eval", "conflicts", str(DATA / "daccord_tiny.tsv"), "--json"])
    assert result.exit_code == 0, result.output
    rep = json.loads(result.output)
    assert (rep["pairs"], rep["contradictions"], rep["documents_rejected"], rep["flagged_others"]) == (2, 1, 0, 0)
    assert set(rep["by_kind"]) == {"date", "number", "negation", "other"}
