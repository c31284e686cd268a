"""`claimx eval incidents JSONL`: claimx on several outlets' reports of real incidents, checked against the record.

Layout (Gun Violence Archive, one incident a line): `incident_id`, `date` ("February 19, 2013"), `num_killed`,
`num_injured`, and `documents` (`doc_id`, `title`, `dct`, `url`, `text`). All incidents run as one corpus through
the same pipeline as `claimx run` (`claimx.evaluation.corpus`), one folder per incident, each article dated by its
`dct`, its source being the outlet: the host of the archived URL (the URL inside a web.archive.org address),
without `www.`.

Definitions:
- a claim *of people killed* has the frame `kill` or `die` (models/frames/incident.json) and a `count` value; *of
  people injured*, the frame `injure` and a `count` value. One *equals the record* when its amount is the
  incident's `num_killed` (`num_injured`). Per incident with killed > 0 (injured > 0): whether its documents
  have such a claim at all (`with_claim`) and one equal to the record (`equal`);
- a claim *dated on the incident day* has a time whose interval is that one day;
- a *mix* is a fact whose claims, or a conflict whose sides, come from documents of two incidents (must be 0);
- an *outlet conflict* has all its sides in one incident and at least two outlets among them; it is *settled by
  the record* when one side equals the record and another does not: a killed (injured) side whose count is the
  record's, or, for a `temporal` conflict about the incident itself (frames kill, die, injure, attack), a side
  dated on the incident day (the day of a charge or a protest is not the record's).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict, Field

from claimx.schemas import Claim, Conflict, ConflictSide, Fact

KILLED = frozenset({"kill", "die"})
INJURED = frozenset({"injure"})
INCIDENT = KILLED | INJURED | {"attack"}  # frames whose time is the incident's: the record's day settles them
_ARCHIVE = re.compile(r"^https?://web\.archive\.org/web/[^/]+/(.+)$", re.IGNORECASE)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CountCheck(_Model):
    incidents: int = 0  # incidents whose record counts more than 0
    with_claim: int = 0
    equal: int = 0


class DayCheck(_Model):
    incidents: int = 0  # incidents with a readable date
    with_claim: int = 0


class IncidentResult(_Model):
    incident_id: str
    documents: int
    outlets: int
    killed: int
    injured: int
    killed_claims: list[float] = Field(default_factory=list)
    injured_claims: list[float] = Field(default_factory=list)
    dated: bool = False
    outlet_conflicts: int = 0
    settled: int = 0


class IncidentsReport(_Model):
    """`claimx eval incidents` output (see the module docstring)."""

    file: str
    incidents: int = 0
    documents: int = 0
    documents_rejected: int = 0
    failed_stages: list[str] = Field(default_factory=list)
    killed: CountCheck = Field(default_factory=CountCheck)
    injured: CountCheck = Field(default_factory=CountCheck)
    dated: DayCheck = Field(default_factory=DayCheck)
    mixes: dict[str, int] = Field(default_factory=lambda: {"facts": 0, "conflicts": 0})
    outlet_conflicts: int = 0
    settled: int = 0
    incidents_with_outlet_conflicts: int = 0
    conflicts: int = 0
    facts: int = 0
    seconds: float = 0.0
    per_incident: list[IncidentResult] = Field(default_factory=list)


@dataclass
class Incident:
    id: str
    day: date | None
    killed: int
    injured: int
    documents: list[dict] = field(default_factory=list)

    def key(self, doc: dict) -> str:
        return f"{self.id}/{doc.get('doc_id')}"


def outlet(url: str | None) -> str | None:
    """The outlet of an article URL: the host of the archived URL inside a web.archive.org address, no `www.`."""
    if not url:
        return None
    m = _ARCHIVE.match(url)
    inner = m.group(1) if m else url
    if "://" not in inner:
        inner = "http://" + inner
    host = urlparse(inner).hostname
    return host[4:] if host and host.startswith("www.") else host


def parse_day(value: str | None) -> date | None:
    """A GVA date ("February 19, 2013", or ISO) as a date; None when unreadable."""
    for fmt in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((value or "").strip(), fmt).date()
        except ValueError:
            pass
    return None


def read_incidents(path: Path) -> list[Incident]:
    """The incidents of a GVA JSONL file; ValueError naming the line when one is not an incident."""
    out = []
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            out.append(Incident(str(r["incident_id"]), parse_day(r.get("date")), int(r.get("num_killed") or 0),
                                int(r.get("num_injured") or 0), [d for d in r.get("documents") or []
                                                                if isinstance(d, dict) and (d.get("text") or "").strip()]))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}: line {n}: not a GVA incident ({exc})") from None
    return out


def _count(value) -> float | None:
    if value is None or value.kind != "count" or value.amount is None:
        return None
    return value.amount


def _on_day(time, day: date | None) -> bool:
    return day is not None and time is not None and time.start == day and time.end == day


def _side_settles(side: ConflictSide, kind: str, inc: Incident) -> bool:
    """Whether a conflict side equals the record (see the module docstring)."""
    amount = _count(side.value)
    if amount is not None and side.frame in KILLED and inc.killed > 0:
        return amount == inc.killed
    if amount is not None and side.frame in INJURED and inc.injured > 0:
        return amount == inc.injured
    return kind == "temporal" and side.frame in INCIDENT and _on_day(side.time, inc.day)


def score(incidents: list[Incident], claims: list[Claim], facts: list[Fact], conflicts: list[Conflict],
          keys: dict[str, list[str]], file: str = "") -> IncidentsReport:
    """Score claimx's records (claims' `doc_id`s map to document keys `incident/doc` through `keys`)."""
    by_id = {i.id: i for i in incidents}
    incidents_of = {d: {k.split("/", 1)[0] for k in ks} for d, ks in keys.items()}
    rep = IncidentsReport(file=file, incidents=len(incidents), documents=sum(len(i.documents) for i in incidents),
                          conflicts=len(conflicts), facts=len(facts))
    results = {i.id: IncidentResult(incident_id=i.id, documents=len(i.documents), killed=i.killed, injured=i.injured,
                                    outlets=len({outlet(d.get("url")) for d in i.documents}))
               for i in incidents}
    for c in claims:
        for inc_id in incidents_of.get(c.doc_id, ()):
            res, inc = results[inc_id], by_id[inc_id]
            amount = _count(c.value)
            if amount is not None and c.predicate.frame in KILLED:
                res.killed_claims.append(amount)
            if amount is not None and c.predicate.frame in INJURED:
                res.injured_claims.append(amount)
            res.dated = res.dated or _on_day(c.time, inc.day)
    doc_of_claim = {c.id: c.doc_id for c in claims}
    for f in facts:
        if len(set().union(*(incidents_of.get(doc_of_claim.get(cid, ""), set()) for cid in f.claim_ids))) > 1:
            rep.mixes["facts"] += 1
    for c in conflicts:
        incs = set().union(*(incidents_of.get(s.doc_id, set()) for s in c.sides))
        if len(incs) > 1:
            rep.mixes["conflicts"] += 1
            continue
        if len(incs) != 1 or len({s.source for s in c.sides}) < 2:
            continue
        inc = by_id[next(iter(incs))]
        res = results[inc.id]
        res.outlet_conflicts += 1
        settles = [_side_settles(s, c.type, inc) for s in c.sides]
        res.settled += any(settles) and not all(settles)
    for inc in incidents:
        res = results[inc.id]
        for check, record, found in ((rep.killed, inc.killed, res.killed_claims),
                                     (rep.injured, inc.injured, res.injured_claims)):
            if record > 0:
                check.incidents += 1
                check.with_claim += bool(found)
                check.equal += record in found
        if inc.day is not None:
            rep.dated.incidents += 1
            rep.dated.with_claim += res.dated
        rep.outlet_conflicts += res.outlet_conflicts
        rep.settled += res.settled
        rep.incidents_with_outlet_conflicts += res.outlet_conflicts > 0
        rep.per_incident.append(res)
    return rep


def evaluate_incidents(path: Path, *, jobs: int = 1) -> IncidentsReport:
    """Run claimx on every incident's articles as one corpus and score it (see the module docstring)."""
    from claimx.evaluation.corpus import EvalDoc, run_documents
    from claimx.ingest.metadata import parse_date

    incidents = read_incidents(Path(path))
    if not incidents:
        raise ValueError(f"{path}: no incidents")
    docs = [EvalDoc(key=inc.key(d), text=d["text"], title=d.get("title"), published=parse_date(d.get("dct")),
                    source=outlet(d.get("url")), url=d.get("url"), group=inc.id)
            for inc in incidents for d in inc.documents]
    run = run_documents(docs, jobs=jobs)
    rep = score(incidents, run.claims, run.facts, run.conflicts, run.keys, file=str(path))
    rep.documents_rejected, rep.failed_stages = run.rejected, run.failed_stages
    rep.seconds = run.seconds
    return rep


def render(report: IncidentsReport):
    """A rich table of the checks against the record, the mixes and the outlet conflicts."""
    from rich.table import Table

    table = Table(title=f"incidents vs the record ({report.incidents} incidents, {report.documents} articles)")
    for col in ("check", "incidents", "with a claim", "equal to the record"):
        table.add_column(col, justify="left" if col == "check" else "right")
    for name, c in (("people killed", report.killed), ("people injured", report.injured)):
        table.add_row(name, str(c.incidents), str(c.with_claim), str(c.equal))
    table.add_row("dated on the incident day", str(report.dated.incidents), str(report.dated.with_claim), "")
    table.add_row("mixes (must be 0)", "", f"{report.mixes['facts']} facts", f"{report.mixes['conflicts']} conflicts")
    table.add_row("conflicts between outlets", str(report.incidents_with_outlet_conflicts),
                  str(report.outlet_conflicts), f"{report.settled} settled by the record")
    return table
