"""The report's conflict cards (two sides side by side, most certain first) and update timelines (a story's
earlier states leading to later ones, by publication): plain data for the templates.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from claimx.output.evidence import (
    Documents,
    Quote,
    anchor,
    claim_quote,
    day,
    filter_key,
    pieces,
    story_title,
    time_label,
    value_label,
)
from claimx.output.queries import SHOWN_CONFIDENCE, select_conflicts
from claimx.reconcile.names import predicate_label
from claimx.schemas import Claim, Conflict, ConflictSide, Fact

MAX_CARDS = 200  # conflict cards drawn in full; the others are counted (`claimx diff --all` lists them)
MAX_CHAINS = 60  # update timelines drawn: those told by the most documents first, then the longest
MAX_STATIONS = 12  # states drawn in one update timeline

# Which row of a card a name in `Conflict.differs` marks.
_DIFF_ROWS = {"frame": "claim", "lemma": "claim", "polarity": "claim", "modality": "modality", "value": "value",
              "time": "time", "attribution": "attribution", "section": "section"}
_ROWS = ("claim", "section", "modality", "attribution", "time", "value", "its fact")


@dataclass
class Row:
    label: str
    values: list[str]
    differs: bool


@dataclass
class Side:
    letter: str
    source: str
    lang: str
    published: str
    quote: Quote


@dataclass
class Card:
    """One conflict: its title, how sure, both sides and the fields that differ, why, and why one event."""

    anchor: str
    id: str
    title: str
    type: str
    confidence: float
    sure: bool  # at least as sure as `claimx diff` shows by default
    intra_document: bool
    explanation: str
    identity: list[tuple[str, str]]
    sides: list[Side]
    rows: list[Row]
    entities: str  # filter keys
    sources: str
    langs: str


@dataclass
class Station:
    """One state of an update timeline."""

    n: int
    label: str
    modality: str
    time: str
    source: str
    published: str
    quote: Quote
    follows: list[int]  # numbers of the states it updates, when not simply the one before
    after_previous: bool  # it updates the state drawn just before it (the arrow between them means "updated by")
    status: str
    conflicts: list[str]  # anchors of conflict cards its claim is a side of


@dataclass
class Chain:
    anchor: str
    title: str
    stations: list[Station]
    more: int  # states not drawn (past MAX_STATIONS)
    entities: str
    sources: str
    langs: str


@dataclass
class Conflicts:
    sure: list[Card] = field(default_factory=list)
    unsure: list[Card] = field(default_factory=list)
    not_drawn: int = 0


def _predicate(side: ConflictSide) -> str:
    name = predicate_label(side.frame, side.lemma)
    return f"not {name}" if side.polarity == "negative" else name


def _standing(fact: Fact | None) -> str:
    if fact is None:
        return "—"
    return f"{fact.status.replace('_', ' ')} · {fact.independent_sources} independent of {len(fact.sources)}"


def _card(conflict: Conflict, facts: dict[str, Fact], docs: Documents, names: dict[str, str]) -> Card:
    letters = [chr(ord("A") + i) for i in range(len(conflict.sides))]
    marked = {_DIFF_ROWS[d] for d in conflict.differs if d in _DIFF_ROWS}
    values = {
        "claim": [_predicate(s) for s in conflict.sides],
        "section": [s.section for s in conflict.sides],
        "modality": [s.modality for s in conflict.sides],
        "attribution": [s.attribution or "—" for s in conflict.sides],
        "time": [time_label(s.time) for s in conflict.sides],
        "value": [value_label(s.value) for s in conflict.sides],
        "its fact": [_standing(facts.get(s.fact_key)) for s in conflict.sides],
    }
    # a field neither side gives (no attribution on either) is left out: the card shows what there is
    rows = [Row(label, values[label], label in marked) for label in _ROWS
            if label in marked or any(v != "—" for v in values[label])]
    sides = [Side(letter, docs.source(s.doc_id, s.source), s.lang, day(s.published),
                  Quote(pieces(s.sentence, s.highlight), docs.ref(s.doc_id, s.start, s.end)))
             for letter, s in zip(letters, conflict.sides, strict=True)]
    ident = conflict.identity
    identity = [(label, text) for label, text in (
        ("participants", ", ".join(names.get(p, p) for p in ident.participants)),
        ("places", ", ".join(names.get(p, p) for p in ident.places)),
        ("time", ident.time or ""),
        ("measure", ident.measure or ""),
    ) if text]
    entities: set[str] = {*ident.participants, *ident.places}
    for s in conflict.sides:
        f = facts.get(s.fact_key)
        if f is not None:
            entities |= {e for e in (*f.entities, f.subject, f.object) if e}
    return Card(
        anchor=anchor("c", conflict.id), id=conflict.id, title=conflict.title, type=conflict.type,
        confidence=conflict.confidence, sure=conflict.confidence >= SHOWN_CONFIDENCE,
        intra_document=conflict.intra_document, explanation=conflict.explanation, identity=identity,
        sides=sides, rows=rows,
        entities=filter_key([*entities, *(names.get(e) for e in entities)]),
        sources=filter_key(side.source for side in sides), langs=filter_key(s.lang for s in conflict.sides))


def conflict_cards(conflicts: list[Conflict], facts: list[Fact], docs: Documents,
                   names: dict[str, str]) -> Conflicts:
    """Cards of the conflicts, the most certain first: those `claimx diff` shows by default, then the less sure
    ones; at most MAX_CARDS in all (the rest counted)."""
    by_key = {f.key: f for f in facts}
    ordered = select_conflicts(conflicts, facts)
    out = Conflicts(not_drawn=max(0, len(ordered) - MAX_CARDS))
    for c in ordered[:MAX_CARDS]:
        card = _card(c, by_key, docs, names)
        (out.sure if card.sure else out.unsure).append(card)
    return out


def _order(nodes: set[str], steps: set[tuple[str, str]], claims: dict[str, Claim]) -> list[str]:
    """The states in timeline order: every update after what it updates; otherwise by publication, then by the
    time the claim speaks of, then by id."""
    def key(cid: str) -> tuple:
        c = claims[cid]
        pub = c.published or date.max
        when = c.time.start if c.time is not None and c.time.start is not None else date.max
        return (pub, when, cid)

    before: dict[str, int] = dict.fromkeys(nodes, 0)
    after: dict[str, list[str]] = defaultdict(list)
    for a, b in steps:
        after[a].append(b)
        before[b] += 1
    ready = [(key(n), n) for n in nodes if before[n] == 0]
    heapq.heapify(ready)
    out: list[str] = []
    while ready:
        _, n = heapq.heappop(ready)
        out.append(n)
        for m in after[n]:
            before[m] -= 1
            if before[m] == 0:
                heapq.heappush(ready, (key(m), m))
    return out + sorted(nodes - set(out), key=key)  # a cycle (never written by claimx) still shows every state


def update_chains(facts: list[Fact], claims: dict[str, Claim], conflicts: list[Conflict], docs: Documents,
                  names: dict[str, str]) -> tuple[list[Chain], int]:
    """One timeline per story with updates (earlier → later claim steps of its facts), those told by the most
    documents first, then the longest; at most MAX_CHAINS, and the number not drawn."""
    fact_of = {cid: f for f in facts for cid in f.claim_ids}
    steps: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for f in facts:
        for step in f.updates:
            if len(step) == 2 and step[0] in claims and step[1] in claims:
                steps[f.story].add((step[0], step[1]))
    sides: dict[str, list[str]] = defaultdict(list)
    for c in conflicts:
        for s in c.sides:
            sides[s.claim_id].append(anchor("c", c.id))
    by_story: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_story[f.story].append(f)
    chains = []
    def rank(item: tuple[str, set[tuple[str, str]]]) -> tuple:  # several outlets first, then the longest
        story, pairs = item
        states = {c for p in pairs for c in p}
        return (-len({claims[c].doc_id for c in states}), -len(states), story)

    for story, pairs in sorted(steps.items(), key=rank):
        order = _order({c for p in pairs for c in p}, pairs, claims)
        number = {cid: i + 1 for i, cid in enumerate(order)}
        stations = []
        for cid in order[:MAX_STATIONS]:
            c, f = claims[cid], fact_of.get(cid)
            earlier = sorted(number[a] for a, b in pairs if b == cid)
            stations.append(Station(
                n=number[cid], label=predicate_label(c.predicate.frame, c.predicate.lemma)
                + (" (negated)" if c.polarity == "negative" else ""),
                modality=c.modality, time=time_label(c.time), source=docs.source(c.doc_id, c.source),
                published=day(c.published), quote=claim_quote(c, docs),
                follows=[] if earlier == [number[cid] - 1] else earlier, after_previous=number[cid] - 1 in earlier,
                status=f.status.replace("_", " ") if f else "—", conflicts=sides.get(cid, [])))
        members = by_story[story]
        entities = {e for f in members for e in (*f.entities, f.subject, f.object) if e}
        chains.append(Chain(
            anchor=anchor("u", story), title=story_title(members, names), stations=stations,
            more=max(0, len(order) - MAX_STATIONS),
            entities=filter_key([*entities, *(names.get(e) for e in entities)]),
            sources=filter_key(s.source for s in stations), langs=filter_key(claims[c].lang for c in order)))
    return chains[:MAX_CHAINS], max(0, len(chains) - MAX_CHAINS)
