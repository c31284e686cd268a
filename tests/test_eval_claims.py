"""The MEANTIME claims scorer, on two tiny hand-made CAT documents with known answers (tests/data/eval/meantime).

a_acme_buys: "Acme buys Widgetco" / "March 3, 2010" / "Acme bought Widgetco on Monday. Globex didn't sell its shares."
(buy: Arg0 Acme, Arg1 Widgetco, IS_INCLUDED in Monday = 2010-03-01; sell: NEG, Arg0 Globex, Arg1 its shares;
both buys are the cross-document event EV_ACQUISITION). b_acme_acquires: "Acme acquires Widgetco" (EV_ACQUISITION)
/ "... The deal was announced on Monday." (EV_ANNOUNCEMENT, no participant).
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.evaluation.claims import gold_interval, overlaps, score
from claimx.evaluation.meantime import read_folder, rebuild_text
from claimx.schemas import Claim, Conflict, ConflictSide, Entity, Evidence, Fact, Predicate, TimeSpan

DATA = Path(__file__).parent / "data" / "eval" / "meantime"


@pytest.fixture(scope="module")
def docs():
    found, skipped = read_folder(DATA)
    assert not skipped
    return {d.name: d for d in found}


def span(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    at = -1
    for _ in range(nth + 1):
        at = text.index(word, at + 1)
    return at, at + len(word)


def make(doc, cid: str, trigger: str, *, nth: int = 0, subject: str | None = None, obj: str | None = None,
         time: TimeSpan | None = None, polarity: str = "positive", modality: str = "asserted",
         confidence: float = 1.0) -> Claim:
    """A claim on `doc` whose trigger, subject and object are the nth occurrences of those words in its text."""
    s, e = span(doc.text, trigger, nth)
    ent = {}
    for field, word in (("subject", subject), ("object", obj)):
        if word is not None:
            ws, we = span(doc.text, word, nth)
            ent[field] = Entity(text=word, start=ws, end=we)
    return Claim(id=cid, doc_id=doc.name, lang="en", predicate=Predicate(lemma=trigger, text=trigger, start=s, end=e),
                 time=time, polarity=polarity, modality=modality, evidence=Evidence(sentence="", start=0, end=0),
                 rule="test", confidence=confidence, **ent)


def side(claim_id: str, doc: str) -> ConflictSide:
    return ConflictSide(claim_id=claim_id, fact_key="f", doc_id=doc, source=doc, lang="en", published=None,
                        section="body", frame=None, lemma="x", polarity="positive", modality="asserted",
                        attribution=None, time=None, value=None, sentence="", start=0, end=0)


@pytest.mark.parametrize(
    "tokens, text",
    [
        ([("Acme", 0), ("buys", 0), ("March", 1), ("3", 1), (",", 1), ("2010", 1)], "Acme buys\n\nMarch 3, 2010"),
        ([("T", 0), ("Globex", 1), ("did", 1), ("n't", 1), ("sell", 1), ("Apple", 1), ("'s", 1), ("shares", 1),
          ("!", 1)], "T\n\nGlobex didn't sell Apple's shares!"),
        ([("T", 0), ("up", 1), ("5", 1), ("%", 1), (";", 1), ("why", 1), ("?", 1), ("(", 1), ("x", 1), (")", 1)],
         "T\n\nup 5%; why? ( x )"),
    ],
)
def test_text_is_rebuilt_with_the_issue_spacing(tokens, text):
    rebuilt, spans = rebuild_text(tokens)
    assert rebuilt == text
    assert [rebuilt[s:e] for s, e in spans] == [t for t, _ in tokens]


def test_the_dateline_is_a_line_of_its_own(docs):
    rebuilt, _ = rebuild_text([("T", 0), ("May", 1), ("3", 1), ("Acme", 2), ("won", 2), (".", 2)], frozenset({1}))
    assert rebuilt == "T\n\nMay 3\nAcme won."
    assert docs["a_acme_buys"].text.startswith("Acme buys Widgetco\n\nMarch 3, 2010\nAcme bought")


def test_reader_gives_title_date_and_gold_spans(docs):
    a = docs["a_acme_buys"]
    assert a.title == "Acme buys Widgetco" and a.dct == date(2010, 3, 3) and a.lang == "en"
    assert a.text.endswith("Acme bought Widgetco on Monday. Globex didn't sell its shares.")
    assert {m.text for m in a.events.values()} == {"buys", "bought", "sell"}
    its_shares = next(m for m in a.entities.values() if m.text == "its shares")
    assert a.text[slice(*its_shares.head)] == "shares"
    assert a.events["21"].instance == docs["b_acme_acquires"].events["20"].instance == "EV_ACQUISITION"
    assert a.events["22"].instance is None and a.events["22"].attrs["polarity"] == "NEG"


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2010-03-01", (date(2010, 3, 1), date(2010, 3, 1), "day")),
        ("2010-03", (date(2010, 3, 1), date(2010, 3, 31), "month")),
        ("2010-W09", (date(2010, 3, 1), date(2010, 3, 7), "week")),
        ("2010-Q1", (date(2010, 1, 1), date(2010, 3, 31), "quarter")),
        ("2010", (date(2010, 1, 1), date(2010, 12, 31), "year")),
        ("PRESENT_REF", None),
        ("P3Y", None),
    ],
)
def test_gold_dates(value, expected):
    assert gold_interval(value) == expected


@pytest.mark.parametrize(
    "claim, gold, right",
    [
        ((date(2010, 3, 1), date(2010, 3, 1), "day"), "2010-03-01", True),
        ((date(2010, 3, 1), date(2010, 3, 31), "month"), "2010-03-01", True),  # the coarser granularity: month
        ((date(2010, 3, 2), date(2010, 3, 2), "day"), "2010-03-01", False),
        ((date(2010, 3, 2), date(2010, 3, 2), "day"), "2010-W09", True),
        ((date(2010, 4, 1), date(2010, 4, 30), "month"), "2010-03-01", False),
        ((date(2010, 1, 1), date(2010, 12, 31), "year"), "2010-03", True),
    ],
)
def test_time_overlaps_at_the_coarser_granularity(claim, gold, right):
    assert overlaps(claim, gold_interval(gold)) is right


def test_score_on_hand_made_claims(docs):
    a, b = docs["a_acme_buys"], docs["b_acme_acquires"]
    monday = TimeSpan(text="Monday", start_char=0, end_char=6, value="2010-03-01", start=date(2010, 3, 1),
                      end=date(2010, 3, 1), granularity="day", resolved=True)
    claims = {
        a.name: [
            make(a, "c1", "bought", subject="Acme", obj="Widgetco", nth=0, time=monday),  # every field right
            # polarity wrong, object not the head 'shares'
            make(a, "c2", "sell", subject="Globex", obj="its", confidence=0.5),
            make(a, "c3", "Widgetco"),  # no gold event there: unmatched
            # title; object empty, modality wrong
            make(a, "c4", "buys", subject="Acme", modality="planned", confidence=0.5),
        ],
        b.name: [make(b, "c5", "announced", subject="deal")],  # the gold gives no participant: nothing scored
    }
    # 'bought' and 'acquires' in one fact: the same event; 'bought' or 'buys' and 'announced': two events; two claims
    # of one document: no pair. In a conflict, 'sell' (no cross-document instance) and 'announced' (one): wrong
    claims[b.name].append(make(b, "c6", "acquires"))
    facts = [Fact(key="f1", story="s", subject=None, frame=None, status="corroborated", claim_ids=["c1", "c6"],
                  independent_sources=2, languages=["en"]),
             Fact(key="f2", story="s", subject=None, frame=None, status="single_source", claim_ids=["c1", "c4", "c5"],
                  independent_sources=2, languages=["en"])]
    conflict = Conflict(id="k1", type="negation", title="t", explanation="e",
                        sides=[side("c2", a.name), side("c5", b.name)])
    rep = score([a, b], claims, facts, [conflict, conflict.model_copy(update={"type": "antonym"})])
    assert (rep.claims, rep.matched) == (6, 5)
    tallies = {f: (t.right, t.scored) for f, t in rep.by_field.items()}
    assert tallies == {"subject": (3, 3), "object": (1, 2), "polarity": (4, 5), "modality": (4, 5), "time": (1, 1)}
    assert rep.empty == {"subject": 1, "object": 2, "polarity": 0, "modality": 0, "time": 0}
    # c1 fully correct; c5 has only polarity and modality scored, both right; c6 subject and object empty
    assert rep.fully_correct == 3
    assert rep.judged == 5 and (rep.fully_correct_share, rep.fully_correct_of_matched) == (0.6, 0.6)
    # the judged claims by confidence (every hand-made claim is at 1.0 but c2 and c4, at 0.5)
    bands = {b: (t.right, t.scored) for b, t in rep.calibration.items()}
    assert bands == {"high": (3, 3), "low": (0, 2)}
    assert (rep.fact_pairs.right, rep.fact_pairs.scored, rep.fact_pairs.unscored) == (1, 3, 0)
    assert (rep.conflict_pairs.right, rep.conflict_pairs.scored) == (0, 1)  # antonym conflicts are not scored
    assert rep.gold_events == 4 and rep.recall == 1.0  # buys, bought, sell, acquires all have a claim


def test_unmatched_claims_and_missing_events_lower_matched_share_and_recall(docs):
    a = docs["a_acme_buys"]
    rep = score([a], {a.name: [make(a, "c1", "bought", subject="Acme"), make(a, "c2", "Globex")]}, [], [])
    assert rep.matched_share == 0.5 and rep.recall == round(1 / 3, 4)


def test_samples_are_seeded(docs):
    a = docs["a_acme_buys"]
    claims = {a.name: [make(a, "c1", "bought", subject="Acme"), make(a, "c2", "sell", subject="Globex")]}
    one = score([a], claims, [], [], sample=1, seed=3).samples
    assert one == score([a], claims, [], [], sample=1, seed=3).samples and len(one) == 1
    assert set(one[0].fields) == {"subject", "object", "polarity", "modality", "time"}


def test_end_to_end_through_the_command_line():
    result = CliRunner().invoke(app, ["eval", "claims", str(DATA), "--json", "--sample", "2"])
    assert result.exit_code == 0, result.output
    rep = json.loads(result.output)
    assert {"claims", "matched", "fully_correct", "by_field", "fact_pairs", "conflict_pairs", "recall"} <= set(rep)
    assert rep["documents"] == 2 and rep["claims"] > 0 and rep["matched"] > 0 and len(rep["samples"]) == 2


@pytest.mark.parametrize("cmd", ["claims", "conflicts", "incidents"])
def test_every_new_command_has_help(cmd):
    result = CliRunner().invoke(app, ["eval", cmd, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output and "--jobs" in result.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["eval", "claims", "no/such/folder"], "is not a folder"),
        (["eval", "claims", str(DATA.parent / "daccord_tiny.tsv")], "is not a folder"),
        (["eval", "conflicts", "no/such.tsv"], "is not a file"),
        (["eval", "incidents", str(DATA)], "is not a file"),
        (["eval", "conflicts", str(DATA.parent / "gva_tiny.jsonl")], "not a DACCORD/RTE3-FR TSV"),
        (["eval", "incidents", str(DATA.parent / "daccord_tiny.tsv")], "not a GVA incident"),
        (["eval", "claims", str(DATA), "--jobs", "0"], "--jobs"),
    ],
)
def test_usage_errors_are_one_line_exit_2(args, message):
    proc = subprocess.run([sys.executable, "-m", "claimx", *args], check=False, capture_output=True, text=True)
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1 and message in lines[0], proc.stderr


def test_a_folder_without_cat_documents_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(app, ["eval", "claims", str(tmp_path)])
    assert isinstance(result.exception, Exception) and "no CAT XML" in str(result.exception)


def test_underspecified_gold_is_not_scored(docs):
    a = copy.deepcopy(docs["a_acme_buys"])
    a.events["22"].attrs.update(polarity="UNDERSPECIFIED", certainty="UNDERSPECIFIED")
    rep = score([a], {a.name: [make(a, "c2", "sell", subject="Globex", polarity="negative")]}, [], [])
    assert rep.by_field["polarity"].scored == 0 and rep.by_field["modality"].scored == 0
    assert rep.by_field["subject"].scored == 1 and rep.fully_correct == 1
