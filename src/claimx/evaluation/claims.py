"""`claimx eval claims DIR`: claimx's claims scored against MEANTIME's human annotation of events.

All documents of DIR (CAT XML, read by `claimx.evaluation.meantime`) run through the same pipeline as `claimx run`,
as one corpus, one source per document, dated by their `CREATION_TIME` (`claimx.evaluation.corpus`). Then:

- a claim is *matched* to the gold EVENT_MENTION its trigger span (`predicate.start/end`) overlaps (the one it
  overlaps most when several do); `matched` counts them, `matched_share` is their share of all claims;
- each matched claim is scored on every field it states and the gold gives (a field the claim leaves empty is not
  wrong, it is counted in `empty` when the gold gives it; a field the gold does not give is not scored):
  `subject` right when its span overlaps the head of an Arg0 participant of the event (Arg1 when the event has no
  Arg0) or of a mention coreferent with one (same REFERS_TO markable or instance): not "Apple" for "Apple CEO
  Steve Jobs" (heads: `claimx.evaluation.meantime.head_span`); `object` likewise with Arg1/Arg2 (an event with
  only an Arg1 wants it once: a claim that gets it right as subject, or as object, leaves nothing empty);
  `polarity` right when negative ⇔ gold NEG (scored when the gold says POS or NEG); `modality` right when
  `asserted` ⇔ gold CERTAIN and not FUTURE (scored when certainty is CERTAIN with a FUTURE/NON_FUTURE/PAST time,
  or PROBABLE/POSSIBLE); `time` right when the claim's interval and the date of a TIMEX3 TLINKed to the event
  (SIMULTANEOUS, IS_INCLUDED, INCLUDES, BEGINS, ENDS, DURING, IDENTITY, and the inverses BEGUN_BY, ENDED_BY; either
  direction) overlap once both are widened to the coarser of their granularities (a season is widened as a
  quarter); a claim time without an interval is wrong;
- `fully_correct`: matched claims with at least one scored field and every scored field right; `judged`: matched
  claims with at least one scored field (a claim on a gold mention that gives no participant, polarity, certainty or
  time cannot be judged: it is neither right nor wrong). `fully_correct_share` is over the judged claims;
  `fully_correct_of_matched` over all matched claims, the unjudged counting as not correct;
- `fact_pairs`: over every fact, each pair of its claims from two documents whose triggers are both matched; right
  when both mentions REFERS_TO the same cross-document event instance. A pair where neither mention has a
  cross-document instance is not scored (the gold links only some events across documents): `unscored`.
  `conflict_pairs`: the same over the sides of every conflict but `antonym` ones;
- `recall`: share of gold event mentions with an Arg0 or Arg1 entity participant that have a matched claim.

`--sample N` adds N matched claims drawn at random (seeded) with each field's value, the gold and the verdict.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from claimx.evaluation.meantime import CatDoc, Mention, read_folder
from claimx.schemas import Claim, Conflict, Fact

FIELDS = ("subject", "object", "polarity", "modality", "time")
OVERLAP_RELS = frozenset({"SIMULTANEOUS", "IS_INCLUDED", "INCLUDES", "BEGINS", "ENDS", "DURING", "IDENTITY",
                          "BEGUN_BY", "ENDED_BY"})
_RANK = {"time": 0, "day": 1, "week": 2, "month": 3, "season": 4, "quarter": 4, "half": 5, "year": 6, "decade": 7,
         "century": 8}
_UNIT = {"time": "D", "day": "D", "week": "W", "month": "M", "season": "Q", "quarter": "Q", "half": "HALF",
         "year": "Y", "decade": "DE", "century": "CE"}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Tally(_Model):
    right: int = 0
    scored: int = 0


class PairTally(Tally):
    unscored: int = 0  # pairs where neither mention has a cross-document instance


class Verdict(_Model):
    claim: str | None
    gold: str | None
    verdict: str  # right, wrong, empty (the claim says nothing, the gold does), unscored (the gold says nothing)


class Sample(_Model):
    doc: str
    sentence: str
    trigger: str
    event: str
    fields: dict[str, Verdict]


CALIBRATION = 0.8  # claims this sure should be fully correct at least this often


class ClaimsReport(_Model):
    """`claimx eval claims` output (see the module docstring for every definition)."""

    documents: int
    skipped: list[str] = Field(default_factory=list)
    documents_rejected: int = 0
    failed_stages: list[str] = Field(default_factory=list)
    claims: int = 0
    matched: int = 0
    matched_share: float = 0.0
    fully_correct: int = 0
    judged: int = 0  # matched claims with at least one scored field
    fully_correct_share: float = 0.0  # fully correct / judged
    fully_correct_of_matched: float = 0.0  # fully correct / matched
    # fully correct / judged among the claims of confidence at least `CALIBRATION` ("high") and below ("low")
    calibration: dict[str, Tally] = Field(default_factory=lambda: {"high": Tally(), "low": Tally()})
    by_field: dict[str, Tally] = Field(default_factory=dict)
    empty: dict[str, int] = Field(default_factory=dict)
    fact_pairs: PairTally = Field(default_factory=PairTally)
    conflict_pairs: PairTally = Field(default_factory=PairTally)
    gold_events: int = 0
    recall: float = 0.0
    seconds: float = 0.0
    samples: list[Sample] = Field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Gold dates


def gold_interval(value: str | None) -> tuple[date, date, str] | None:
    """(start, end, granularity) of a TIMEX3 date value; None for durations, references and unknown parts."""
    from claimx.temporal import intervals as iv

    v = value or ""
    m = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)(T.*)?", v)
    if m:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return d, d, "time" if m.group(4) else "day"
    shapes = [(r"(\d{4})-(\d\d)", lambda y, n: iv.iv_month(y, n)), (r"(\d{4})-W(\d\d)", None),
              (r"(\d{4})-Q([1-4])", iv.iv_quarter), (r"(\d{4})-H([12])", iv.iv_half),
              (r"(\d{4})-(SP|SU|FA|WI)", iv.iv_season), (r"(\d{4})", iv.iv_year), (r"(\d{3})", iv.iv_decade),
              (r"(\d{2})", iv.iv_century)]
    for pattern, make in shapes:
        m = re.fullmatch(pattern, v)
        if not m:
            continue
        try:
            if make is None:
                got = iv.iv_week(date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1))
            elif m.lastindex == 2:
                second = m.group(2)
                got = make(int(m.group(1)), second if not second.isdigit() else int(second))
            else:
                got = make(int(m.group(1)))
        except ValueError:
            return None
        return got.start, got.end, got.granularity
    return None


def overlaps(a: tuple[date, date, str], b: tuple[date, date, str]) -> bool:
    """Whether two intervals overlap once both are widened to the coarser of their granularities."""
    from claimx.temporal.intervals import unit_interval

    gran = max(a[2], b[2], key=lambda g: _RANK.get(g, 1))
    unit = _UNIT.get(gran, "D")

    def widen(x: tuple[date, date, str]) -> tuple[date, date]:
        return unit_interval(unit, x[0]).start, unit_interval(unit, x[1]).end

    (s1, e1), (s2, e2) = widen(a), widen(b)
    return s1 <= e2 and s2 <= e1


# ----------------------------------------------------------------------------------------------
# Scoring


@dataclass
class _Gold:
    """The gold of one document, indexed for scoring."""

    doc: CatDoc
    roles: dict[str, dict[str, list[str]]]  # event m_id -> role -> entity m_ids
    dates: dict[str, list[tuple[date, date, str]]]  # event m_id -> dates of the TIMEX3 it overlaps

    @classmethod
    def of(cls, doc: CatDoc) -> _Gold:
        roles: dict[str, dict[str, list[str]]] = {}
        for ev, ent, role in doc.participants:
            if ev in doc.events and ent in doc.entities:
                roles.setdefault(ev, {}).setdefault(role.capitalize(), []).append(ent)
        dates: dict[str, list[tuple[date, date, str]]] = {}
        for src, tgt, rel in doc.tlinks:
            if rel not in OVERLAP_RELS:
                continue
            for ev, tx in ((src, tgt), (tgt, src)):
                if ev in doc.events and tx in doc.timexes:
                    d = gold_interval(doc.timexes[tx].attrs.get("value"))
                    if d is not None:
                        dates.setdefault(ev, []).append(d)
        return cls(doc, roles, dates)

    def coreferent(self, ents: list[str]) -> list[Mention]:
        """The entity mentions `ents` and every mention coreferent with one of them."""
        chains = {self.doc.entities[e].chain for e in ents} - {None}
        insts = {self.doc.entities[e].instance for e in ents} - {None}
        return [m for m in self.doc.entities.values() if m.m_id in ents or m.chain in chains or m.instance in insts]

    def match(self, claim: Claim) -> Mention | None:
        """The event mention the claim's trigger span overlaps most (the shortest, then the first, on a tie)."""
        s, e = claim.predicate.start, claim.predicate.end
        if s is None or e is None:
            return None
        best, best_key = None, None
        for m in self.doc.events.values():
            n = min(e, m.end) - max(s, m.start)
            key = (-n, m.end - m.start, m.start)
            if n > 0 and (best_key is None or key < best_key):
                best, best_key = m, key
        return best


def _span_hits(ent, mentions: list[Mention]) -> bool:
    """Whether the claim's entity overlaps the head of one of the gold mentions."""
    for m in mentions:
        start, end = m.head or (m.start, m.end)
        if ent.start < end and start < ent.end:
            return True
    return False


def judge(claim: Claim, event: Mention, gold: _Gold) -> dict[str, Verdict]:
    """Each field's verdict for one matched claim (see the module docstring)."""
    out: dict[str, Verdict] = {}
    roles = gold.roles.get(event.m_id, {})
    for field, wanted in (("subject", roles.get("Arg0") or roles.get("Arg1") or []),
                          ("object", roles.get("Arg1", []) + roles.get("Arg2", []))):
        ent = getattr(claim, field)
        stated = ent is not None and ent.start is not None and ent.end is not None
        mentions = gold.coreferent(wanted) if wanted else []
        gold_text = " | ".join(gold.doc.entities[e].text for e in wanted) or None
        out[field] = _verdict(ent.text if stated else None, gold_text, _span_hits(ent, mentions) if stated else None)
    if "Arg0" not in roles and "Arg2" not in roles:  # Arg1 alone is wanted once, as subject or as object
        for field, other in (("subject", "object"), ("object", "subject")):
            if out[field].verdict == "empty" and out[other].verdict == "right":
                out[field] = Verdict(claim=None, gold=out[field].gold, verdict="unscored")
    pol = event.attrs.get("polarity")
    right = (claim.polarity == "negative") == (pol == "NEG") if pol in ("POS", "NEG") else None
    out["polarity"] = _verdict(claim.polarity, pol or None, right)
    cert, when = event.attrs.get("certainty"), event.attrs.get("time")
    known = cert in ("PROBABLE", "POSSIBLE") or (cert == "CERTAIN" and when in ("FUTURE", "NON_FUTURE", "PAST"))
    gold_asserted = cert == "CERTAIN" and when != "FUTURE"
    out["modality"] = _verdict(claim.modality, f"{cert}/{when}" if cert or when else None,
                               (claim.modality == "asserted") == gold_asserted if known else None)
    dates = gold.dates.get(event.m_id, [])
    t = claim.time
    right_time = None
    if t is not None and dates:
        right_time = t.start is not None and t.end is not None and any(
            overlaps((t.start, t.end, t.granularity or "day"), d) for d in dates)
    gold_dates = ", ".join(f"{s}..{e}" if s != e else str(s) for s, e, _ in dates) or None
    out["time"] = _verdict(f"{t.text} ({t.value})" if t is not None else None, gold_dates, right_time)
    return out


def _verdict(claim: str | None, gold: str | None, right: bool | None) -> Verdict:
    """`right` is None when the gold does not give the field (missing, or UNDERSPECIFIED): not scored."""
    if gold is None or (claim is not None and right is None):
        return Verdict(claim=claim, gold=gold, verdict="unscored")
    if claim is None:
        return Verdict(claim=None, gold=gold, verdict="empty")
    return Verdict(claim=claim, gold=gold, verdict="right" if right else "wrong")


def _pairs(claim_sets: list[list[str]], where: dict[str, tuple[str, Mention]]) -> PairTally:
    """Pairs of matched claims from two documents inside each set; right when both refer to one instance."""
    tally = PairTally()
    for ids in claim_sets:
        for a, b in combinations(ids, 2):
            if a not in where or b not in where or where[a][0] == where[b][0]:
                continue
            ia, ib = where[a][1].instance, where[b][1].instance
            if ia is None and ib is None:
                tally.unscored += 1
                continue
            tally.scored += 1
            tally.right += ia == ib
    return tally


def score(docs: list[CatDoc], claims: dict[str, list[Claim]], facts: list[Fact], conflicts: list[Conflict],
          *, sample: int = 0, seed: int = 0) -> ClaimsReport:
    """Score claimx's claims (per document name), facts and conflicts against the gold of `docs`."""
    report = ClaimsReport(documents=len(docs), by_field={f: Tally() for f in FIELDS}, empty=dict.fromkeys(FIELDS, 0))
    where: dict[str, tuple[str, Mention]] = {}  # claim id -> (document, gold event mention)
    judged: list[tuple[str, Claim, Mention, dict[str, Verdict]]] = []
    for doc in docs:
        gold = _Gold.of(doc)
        found: set[str] = set()
        for claim in claims.get(doc.name, []):
            report.claims += 1
            event = gold.match(claim)
            if event is None:
                continue
            where.setdefault(claim.id, (doc.name, event))
            found.add(event.m_id)
            verdicts = judge(claim, event, gold)
            judged.append((doc.name, claim, event, verdicts))
            for field, v in verdicts.items():
                tally = report.by_field[field]
                tally.scored += v.verdict in ("right", "wrong")
                tally.right += v.verdict == "right"
                report.empty[field] += v.verdict == "empty"
            scored = [v for v in verdicts.values() if v.verdict in ("right", "wrong")]
            if scored:
                right = all(v.verdict == "right" for v in scored)
                band = report.calibration["high" if claim.confidence >= CALIBRATION else "low"]
                report.judged += 1
                report.fully_correct += right
                band.scored += 1
                band.right += right
        with_args = {ev for ev, roles in gold.roles.items() if "Arg0" in roles or "Arg1" in roles}
        report.gold_events += len(with_args)
        report.recall += len(with_args & found)  # a count until the end
    report.matched = len(judged)
    report.matched_share = _share(report.matched, report.claims)
    report.fully_correct_share = _share(report.fully_correct, report.judged)
    report.fully_correct_of_matched = _share(report.fully_correct, report.matched)
    report.recall = _share(int(report.recall), report.gold_events)
    report.fact_pairs = _pairs([f.claim_ids for f in facts], where)
    report.conflict_pairs = _pairs([[s.claim_id for s in c.sides] for c in conflicts if c.type != "antonym"], where)
    if sample and judged:
        for name, claim, event, verdicts in random.Random(seed).sample(judged, min(sample, len(judged))):
            report.samples.append(Sample(doc=name, sentence=claim.evidence.sentence, trigger=claim.predicate.text,
                                         event=event.text, fields=verdicts))
    return report


def _share(n: int, d: int) -> float:
    return round(n / d, 4) if d else 0.0


def evaluate_claims(folder: Path, *, jobs: int = 1, sample: int = 0, seed: int = 0) -> ClaimsReport:
    """Run claimx on every CAT document under `folder` as one corpus and score it (see the module docstring)."""
    from claimx.evaluation.corpus import EvalDoc, run_documents

    docs, skipped = read_folder(Path(folder))
    if not docs:
        raise ValueError(f"{folder}: no CAT XML (.xml) documents")
    run = run_documents([EvalDoc(key=d.name, text=d.text, title=d.title, published=d.dct, source=d.name,
                                 lang=d.lang) for d in docs], jobs=jobs)
    report = score(docs, run.by_key(), run.facts, run.conflicts, sample=sample, seed=seed)
    report.skipped = skipped
    report.documents_rejected, report.failed_stages = run.rejected, run.failed_stages
    report.seconds = run.seconds
    return report


def render(report: ClaimsReport):
    """Rich tables: precision per field, the shares, the pairs; then the sampled claims, if any."""
    from rich.console import Group
    from rich.table import Table

    title = (f"claims vs MEANTIME ({report.documents} documents): {report.matched}/{report.claims} matched "
             f"({report.matched_share:.3f}), fully correct {report.fully_correct_share:.3f}, "
             f"recall {report.recall:.3f}")
    table = Table(title=title)
    for col in ("measure", "right", "scored", "precision", "empty"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    for field, t in report.by_field.items():
        table.add_row(field, str(t.right), str(t.scored), f"{_share(t.right, t.scored):.3f}", str(report.empty[field]))
    table.add_row("fully correct (judged)", str(report.fully_correct), str(report.judged),
                  f"{report.fully_correct_share:.3f}", f"{report.matched - report.judged} unjudged", style="bold")
    for band, t in report.calibration.items():
        table.add_row(f"fully correct, confidence {'≥' if band == 'high' else '<'} {CALIBRATION}", str(t.right),
                      str(t.scored), f"{_share(t.right, t.scored):.3f}", "")
    for name, t in (("fact pairs", report.fact_pairs), ("conflict pairs", report.conflict_pairs)):
        table.add_row(name, str(t.right), str(t.scored), f"{_share(t.right, t.scored):.3f}", f"{t.unscored} unscored")
    parts: list = [table]
    for s in report.samples:
        sample = Table(title=f"{s.doc}: {s.trigger!r} (gold event {s.event!r})", caption=s.sentence, show_lines=False)
        for col in ("field", "claim", "gold", "verdict"):
            sample.add_column(col)
        for field, v in s.fields.items():
            sample.add_row(field, v.claim or "", v.gold or "", v.verdict)
        parts.append(sample)
    return Group(*parts)
