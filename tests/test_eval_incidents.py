"""The incidents scorer on one hand-made two-article incident (tests/data/eval/gva_tiny.jsonl): 2 killed, 1
injured on March 5, 2016; springfield-courier.example says two killed and one injured, news.example.com three."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app
from claimx.evaluation.incidents import Incident, outlet, parse_day, read_incidents, score
from claimx.schemas import Claim, Conflict, ConflictSide, Evidence, Fact, Predicate, Quantity, TimeSpan

DATA = Path(__file__).parent / "data" / "eval" / "gva_tiny.jsonl"
DAY = date(2016, 3, 5)


@pytest.mark.parametrize(
    "url, host",
    [
        ("http://web.archive.org/web/20160307000000/http://www.springfield-courier.example/news/x.html",
         "springfield-courier.example"),
        ("http://web.archive.org/web/20160308000000/http://news.example.com:80/local/y", "news.example.com"),
        ("https://web.archive.org/web/2016/www.wxyz.com/news", "wxyz.com"),
        ("https://www.example.org/a", "example.org"),
        (None, None),
    ],
)
def test_outlet_is_the_archived_host_without_www(url, host):
    assert outlet(url) == host


def test_gva_dates():
    assert parse_day("March 5, 2016") == DAY and parse_day("2016-03-05") == DAY and parse_day("soon") is None


def test_reader():
    (inc,) = read_incidents(DATA)
    assert (inc.id, inc.day, inc.killed, inc.injured, len(inc.documents)) == ("900001", DAY, 2, 1, 2)


def count(n: float) -> Quantity:
    return Quantity(text=str(n), start_char=0, end_char=1, amount=n, kind="count")


def on(day: date) -> TimeSpan:
    return TimeSpan(text="Saturday", start_char=0, end_char=8, value=day.isoformat(), start=day, end=day,
                    granularity="day", resolved=True)


def claim(cid: str, doc: str, frame: str | None, value: float | None = None, time: TimeSpan | None = None) -> Claim:
    return Claim(id=cid, doc_id=doc, lang="en", predicate=Predicate(frame=frame, lemma=frame or "be", text="x"),
                 value=count(value) if value is not None else None, time=time,
                 evidence=Evidence(sentence="", start=0, end=0), rule="test", confidence=1.0)


def side(c: Claim, source: str) -> ConflictSide:
    return ConflictSide(claim_id=c.id, fact_key="f", doc_id=c.doc_id, source=source, lang="en", published=None,
                        section="body", frame=c.predicate.frame, lemma=c.predicate.lemma, polarity="positive",
                        modality="asserted", attribution=None, time=c.time, value=c.value, sentence="", start=0,
                        end=0)


def fact(key: str, *claims: Claim) -> Fact:
    return Fact(key=key, story=key, subject=None, frame=None, status="corroborated", claim_ids=[c.id for c in claims],
                independent_sources=2, languages=["en"])


def test_score_on_hand_made_records():
    (inc,) = read_incidents(DATA)
    other = Incident("900002", date(2016, 3, 6), killed=1, injured=0, documents=[{"doc_id": "z", "text": "t"}])
    keys = {"A": ["900001/a1"], "B": ["900001/b2"], "Z": ["900002/z"]}
    a_killed = claim("a1", "A", "kill", 2, on(DAY))  # equals the record, dated on the day
    a_injured = claim("a2", "A", "injure", 1)
    b_killed = claim("b1", "B", "die", 3, on(DAY))
    b_charged = claim("b2", "B", "charge", None, on(date(2016, 6, 1)))
    z_killed = claim("z1", "Z", "kill", 3)  # the other incident: killed 1, a claim of 3
    claims = [a_killed, a_injured, b_killed, b_charged, z_killed]
    facts = [fact("f1", a_killed, b_killed), fact("f2", b_killed, z_killed)]  # f2 mixes two incidents
    conflicts = [
        Conflict(id="k1", type="numeric", title="t", explanation="e",  # 2 ≠ 3 killed: the record says 2
                 sides=[side(a_killed, "springfield-courier.example"), side(b_killed, "news.example.com")]),
        Conflict(id="k2", type="temporal", title="t", explanation="e",  # a charge's day is not the record's
                 sides=[side(b_charged, "news.example.com"), side(a_killed.model_copy(update={"predicate": Predicate(
                     frame="charge", lemma="charge", text="x")}), "springfield-courier.example")]),
        Conflict(id="k3", type="numeric", title="t", explanation="e",  # mixes two incidents
                 sides=[side(b_killed, "news.example.com"), side(z_killed, "z.example")]),
        Conflict(id="k4", type="numeric", title="t", explanation="e",  # one outlet: not between outlets
                 sides=[side(b_killed, "news.example.com"), side(b_killed, "news.example.com")]),
    ]
    rep = score([inc, other], claims, facts, conflicts, keys)
    assert (rep.killed.incidents, rep.killed.with_claim, rep.killed.equal) == (2, 2, 1)
    assert (rep.injured.incidents, rep.injured.with_claim, rep.injured.equal) == (1, 1, 1)
    assert (rep.dated.incidents, rep.dated.with_claim) == (2, 1)
    assert rep.mixes == {"facts": 1, "conflicts": 1}
    assert (rep.outlet_conflicts, rep.settled, rep.incidents_with_outlet_conflicts) == (2, 1, 1)
    first = rep.per_incident[0]
    assert first.outlets == 2 and sorted(first.killed_claims) == [2.0, 3.0]


def test_end_to_end_on_one_two_article_incident():
    result = CliRunner().invoke(app, ["eval", "incidents", str(DATA), "--json"])
    assert result.exit_code == 0, result.output
    rep = json.loads(result.output)
    assert (rep["incidents"], rep["documents"], rep["documents_rejected"]) == (1, 2, 0)
    assert rep["mixes"] == {"facts": 0, "conflicts": 0} and rep["killed"]["incidents"] == 1


def test_a_failed_stage_of_the_run_is_reported_and_exits_1(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("claimx.reconcile.engine.reconcile", broken)
    result = CliRunner().invoke(app, ["eval", "incidents", str(DATA), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["failed_stages"] == ["reconcile: RuntimeError: boom"]
