"""The report's entity timelines: for a canonical entity, its dated facts in time order on one axis, a day as a
point and a coarser time (a month, a year) as a band, with the sources of each and its conflicts marked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from claimx.output.evidence import (
    POINT_GRANULARITIES,
    Documents,
    Quote,
    anchor,
    claim_quote,
    filter_key,
    time_label,
)
from claimx.reconcile.names import fact_title
from claimx.schemas import Claim, Conflict, Fact

MAX_TIMELINES = 40  # entities drawn, those with the most dated facts first
MAX_MARKS = 40  # dated rows of one entity's timeline
MIN_MARKS = 2  # an entity gets a timeline when it has at least this many dated rows
MAX_TICKS = 6


@dataclass
class Mark:
    """One dated row: a fact at one time, its sources, where it is drawn on the axis (percent of the width)."""

    title: str
    status: str
    when: str
    granularity: str
    point: bool
    left: float
    width: float
    sources: list[str]
    quote: Quote  # the first claim's evidence
    claims: int
    conflicts: list[str]  # anchors of the conflict cards its claims are sides of
    langs: str
    source_keys: str


@dataclass
class Timeline:
    anchor: str
    name: str
    marks: list[Mark]
    ticks: list[tuple[float, str]]
    first: str
    last: str
    more: int
    entities: str
    sources: str
    langs: str


def _ticks(lo: int, hi: int) -> list[tuple[float, str]]:
    """Labelled positions (percent) on an axis from day ordinal `lo` to `hi` (exclusive): years, else months."""
    span = hi - lo
    first, last = date.fromordinal(lo), date.fromordinal(hi - 1)
    if last.year - first.year >= 2:
        step = max(1, (last.year - first.year + 1) // MAX_TICKS + 1)
        marks = [date(y, 1, 1) for y in range(first.year + 1, last.year + 1, step)]
        label = "%Y"
    else:
        months = [date(first.year + (first.month + i) // 12, (first.month + i) % 12 + 1, 1)
                  for i in range((last.year - first.year) * 12 + last.month - first.month)]
        step = max(1, len(months) // MAX_TICKS + 1)
        marks = months[::step]
        label = "%Y-%m"
    at = [(round((d.toordinal() - lo) / span * 100, 2), d.strftime(label)) for d in marks]
    return [(pos, text) for pos, text in at if 3 <= pos <= 95]  # a label at an end would stick out of the axis


def entity_timelines(facts: list[Fact], claims: dict[str, Claim], conflicts: list[Conflict], docs: Documents,
                     names: dict[str, str]) -> tuple[list[Timeline], int]:
    """One timeline per entity with at least MIN_MARKS dated rows (a fact at one time interval: its claims that
    give that time), the entities with the most rows first; at most MAX_TIMELINES, and the number not drawn."""
    contested: dict[str, list[str]] = defaultdict(list)
    for c in conflicts:
        for s in c.sides:
            contested[s.claim_id].append(anchor("c", c.id))
    rows: dict[str, list[tuple[Fact, list[Claim]]]] = defaultdict(list)
    for f in facts:
        dated: dict[tuple[date, date], list[Claim]] = defaultdict(list)
        for cid in f.claim_ids:
            c = claims.get(cid)
            if c is not None and c.time is not None and c.time.start is not None and c.time.end is not None:
                dated[(c.time.start, c.time.end)].append(c)
        if not dated:
            continue
        for entity in f.entities:  # named entities only: "police" or "man" would join unrelated events
            rows[entity] += [(f, cs) for _, cs in sorted(dated.items())]
    ranked = sorted(((e, r) for e, r in rows.items() if len(r) >= MIN_MARKS),
                    key=lambda er: (-len(er[1]), -len({c.source for _, cs in er[1] for c in cs}), er[0]))
    out = []
    for entity, found in ranked[:MAX_TIMELINES]:
        found.sort(key=lambda fc: (fc[1][0].time.start, fc[1][0].time.end, fc[0].key))
        shown = found[:MAX_MARKS]
        lo = min(cs[0].time.start for _, cs in shown).toordinal()
        hi = max(c.time.end for _, cs in shown for c in cs).toordinal() + 1
        span = max(hi - lo, 1)
        marks = []
        for f, cs in shown:
            t = cs[0].time
            start, end = t.start.toordinal(), t.end.toordinal() + 1
            point = t.granularity in POINT_GRANULARITIES or end - start <= 1
            sources = sorted({docs.source(c.doc_id, c.source) for c in cs})
            marks.append(Mark(
                title=fact_title(f, names), status=f.status.replace("_", " "), when=time_label(t),
                granularity=t.granularity or "interval", point=point,
                left=round((start - lo) / span * 100, 2), width=round((end - start) / span * 100, 2),
                sources=sources, quote=claim_quote(cs[0], docs), claims=len(cs),
                conflicts=sorted({a for c in cs for a in contested.get(c.id, ())}),
                langs=filter_key(c.lang for c in cs), source_keys=filter_key(sources)))
        out.append(Timeline(
            anchor=anchor("t", entity), name=names.get(entity, entity), marks=marks, ticks=_ticks(lo, lo + span),
            first=date.fromordinal(lo).isoformat(), last=date.fromordinal(lo + span - 1).isoformat(),
            more=len(found) - len(shown), entities=filter_key([entity, names.get(entity)]),
            sources=filter_key(s for m in marks for s in m.sources),
            langs=filter_key(c.lang for _, cs in shown for c in cs)))
    return out, max(0, len(ranked) - MAX_TIMELINES)
