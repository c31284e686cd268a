"""One story's facts and conflicts: positions, how they relate, what to show, and one fact per predicate.

A story is a group of claims from `reconcile` (one frame family, compatible participants and event). Inside it:

- claims with the same predicate, polarity, modality class, value and time are one *position*; at most
  `MAX_POSITIONS` (the best supported) are related pairwise (`relations.relate`);
- conflicts are kept one per pair of *stances* (positions joined by agreement), at most `MAX_CONFLICTS`, each
  shown with one pair of claims across documents and one within a document when there is one;
- timeline steps keep one per change of predicate, and one per pair of times within a predicate, never their
  transitive shortcuts; each is shown with two claims of two sentences that are an update themselves, and a figure
  or a state that changed only with two claims about one event by themselves, as a conflict is (`_step`);
- each predicate is one `Fact`, its status from its own claims and the story's conflicts and steps (see
  `schemas.Fact`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import repeat
from operator import attrgetter, itemgetter

from claimx.common.records import build, digest
from claimx.common.unionfind import UnionFind
from claimx.reconcile.conflicts import rank
from claimx.reconcile.relations import FrameRules, Relation, relate, same_arguments, time_order
from claimx.reconcile.reprints import source_clusters
from claimx.reconcile.rows import Row, signature
from claimx.schemas import Fact

MAX_POSITIONS = 32  # distinct positions related pairwise inside one story (the best supported ones)
MAX_CONFLICTS = 20  # conflicts kept per story (the best supported); more is noise, not news
FEW_ROWS = 8  # a fact this small is tallied claim by claim, a larger one by counting distinct values first
SHOWN = 8  # claims of each of two conflicting positions tried, best ranked first, for the sides shown

_PARTS, _SUBJ, _OBJ, _LEMMA, _RAW = (attrgetter(a) for a in ("parts", "subj", "obj", "lemma", "raw"))
_CID, _SOURCE, _DOC, _LANG, _PUB = (attrgetter(a) for a in ("cid", "source", "doc", "lang", "pub"))
_ONES = repeat(1)


def _top(counts: dict[str, int]) -> str | None:
    """The most frequent key, ties to the smallest; None when empty."""
    if len(counts) < 2:
        return next(iter(counts), None)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _positions(rows: list[Row]) -> list[list[Row]]:
    by_sig: dict[tuple, list[Row]] = defaultdict(list)
    for r, sig in zip(rows, map(signature, rows)):
        by_sig[sig].append(r)
    positions = [m if len(m) == 1 else ranked(m) for m in by_sig.values()]
    if len(positions) == 1:
        return positions
    if len(positions) > MAX_POSITIONS:
        positions.sort(key=lambda p: (-len({r.doc for r in p}), rank(p[0])))
        positions = positions[:MAX_POSITIONS]
    positions.sort(key=lambda p: (p[0].raw[0] if p[0].raw else 10**9, rank(p[0])))
    return positions


def ranked(members: list[Row]) -> list[Row]:
    """The claims of a position, the first `SHOWN` (at least) in rank order, then the others in any order.

    Only those are read in order (`_sides`, and the first as the position's own), and rank starts with the
    publication: the claims published by the SHOWN-th earliest publication are sorted, the later ones only follow.
    A full sort calls `rank` on every claim of a position, thousands in a large story."""
    if len(members) > SHOWN:
        pubs = sorted(filter(None, map(_PUB, members)))  # day ordinals (never 0); unknown ones rank last
        if len(pubs) >= SHOWN:
            cut = pubs[SHOWN - 1]
            head = [r for r in members if r.pub is not None and r.pub <= cut]
            head.sort(key=rank)
            head += [r for r in members if r.pub is None or r.pub > cut]
            return head
    return sorted(members, key=rank)


def _sides(a: list[Row], b: list[Row], rel: Relation, rules: FrameRules, intra: bool) -> tuple[Row, Row] | None:
    """The claims to show for two conflicting positions, across documents or within one; None when no pair will do.

    The two claims shown must conflict themselves, as their positions do (a position gathers claims of several days:
    a later report of another figure is an update, not a conflict). Across documents they must also be about one
    event by themselves (`same_event`); within a document (`within_ok`) they must come from different sentences, and
    modality is no conflict there: an article that tells a plan and what was done is telling a story.
    """
    if intra and rel.type == "modality":
        return None
    return next(((p, q) for p in a[:SHOWN] for q in b[:SHOWN] if (p.doc == q.doc) == intra
                 and (within_ok(p, q, rel) if intra else same_event(p, q))
                 and _conflict_type(relate(p, q, rules)) == rel.type), None)


def _step(a: list[Row], b: list[Row], rules: FrameRules) -> tuple[Row, Row] | None:
    """The (earlier, later) claims to show for an update between two positions, None when no pair will do: a step of
    the story (another predicate: "charged" … "convicted", "the IPO planned" … "Renault cancelled the IPO"), in two
    sentences and without two sets of named participants; or a figure or a state that changed, like the sides of a
    conflict: two claims about one event by themselves (`same_event`), or two sentences of one document about the
    same named participants ("Smith was wounded" … "Smith died"). The pair must be an update itself."""
    for p in a[:SHOWN]:
        for q in b[:SHOWN]:
            rel = relate(p, q, rules) if _may_step(p, q) else None
            if rel is not None and rel.kind == "update":
                return (p, q) if rel.earlier is p else (q, p)
    return None


def _may_step(p: Row, q: Row) -> bool:
    """Whether two claims may show a timeline step (`_step`)."""
    if p.doc == q.doc and p.start == q.start:
        return False  # one sentence tells no timeline
    if p.pred != q.pred:  # a step of the story, unless each names its own participants
        return not (p.parts and q.parts and set(p.parts).isdisjoint(q.parts))
    if p.doc == q.doc:  # a figure that changed in one report: of the same named participants
        return not set(p.parts).isdisjoint(q.parts)
    return same_event(p, q)


def _conflict_type(rel: Relation | None) -> str | None:
    return rel.type if rel is not None and rel.kind == "conflict" else None


def same_event(p: Row, q: Row) -> bool:
    """Whether two claims of two documents are, by themselves, about one event: they name a specific participant in
    common, or the same specific place on the same day. Two claims of one story may share neither ("activists said
    they would watch", "a man was arrested"): they stand in the story through other claims of their documents, which
    is too little to set them against each other."""
    if not set(p.parts).isdisjoint(q.parts):
        return True
    return time_order(p, q) == 0 and not (p.spots or p.doc_spots).isdisjoint(q.spots or q.doc_spots)


def within_ok(p: Row, q: Row, rel: Relation) -> bool:
    """Whether two claims of one document may be shown as a conflict: an article contradicts itself where its headline
    says one thing and its text another; two sentences of the text only when they set contradictory frames against
    the same named participants at the same stated time ("postponed in January 2024" / "cancelled in January
    2024"). Two numbers of one body count different things far more often than they disagree ("five killed", "two
    shootings"; "11,000 staff, of whom 3,800 engineers")."""
    if p.start == q.start:
        return False
    if (p.section == "headline") != (q.section == "headline"):
        # A figure or a date of the headline against one of the text only when both are said of the same arguments:
        # "6 injured" is not contradicted by "four others received wounds", nor "second suspect" by "two people".
        return rel.type not in ("numeric", "temporal") or same_arguments(p, q)
    return rel.type == "antonym" and bool(set(p.parts) & set(q.parts)) and time_order(p, q) == 0


def _deduplicated(found: list[tuple[int, int, Relation]], agree: set[tuple[int, int]],
                  support: list[int]) -> list[list[tuple[int, int, Relation]]]:
    """The conflicting pairs of positions grouped by disagreement between two *stances* (positions joined by
    agreement), best supported first: one conflict is shown per disagreement, from the first pair of the group whose
    claims will do (`_sides`).

    "4,200", "about 4,200" and "more than 4,000" against "2,500" is one numeric conflict, not three. At most
    MAX_CONFLICTS disagreements are kept per story.
    """
    stance = UnionFind(agree)
    find = stance.find
    kept: dict[tuple, list[tuple[int, int, Relation]]] = {}
    for i, j, rel in sorted(found, key=lambda f: (-(support[f[0]] + support[f[1]]), f[0], f[1])):
        key = (rel.type, *sorted((find(i), find(j))))
        if key not in kept:
            if len(kept) == MAX_CONFLICTS:
                continue
            kept[key] = []
        kept[key].append((i, j, rel))
    return sorted(kept.values(), key=lambda group: (group[0][0], group[0][1]))


OCCASION_DAYS = 7  # a claim without a date is of the week before its publication, for telling occasions apart


def _occasions(rows: list[Row], rules: FrameRules) -> None:
    """Set `Row.fact` where a recurring event's claims fall on several occasions: Apple launching a phone in 2007 and
    in 2010 are two facts of one story, not one fact reported twice. A claim's occasion is its own time, else the
    week before its publication; occasions that overlap are one (single linkage). Claims with neither join the
    occasion of their own document when it has one, else the earliest. Events that happen once keep one fact (two dates
    for them are a conflict, `relations`)."""
    by_pred: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.frame not in rules.once:
            by_pred[r.pred].append(r)
    for pred, members in by_pred.items():
        if len({r.doc for r in members}) < 2:
            continue
        spans = []
        for r in members:
            if r.raw is not None:
                spans.append((r.raw[0], r.raw[1], r))
            elif r.pub is not None:
                spans.append((r.pub - OCCASION_DAYS, r.pub, r))
        if not spans:
            continue
        spans.sort(key=lambda s: (s[0], s[1], s[2].cid))
        label: dict[int, int] = {}
        end, k = None, -1
        for lo, hi, r in spans:
            if end is None or lo > end:
                k += 1
                end = hi
            else:
                end = max(end, hi)
            label[id(r)] = k
        if k == 0:
            continue
        of_doc: dict[str, int] = {}
        for r in members:
            if id(r) in label:
                of_doc.setdefault(r.doc, label[id(r)])
        for r in members:
            n = label.get(id(r), of_doc.get(r.doc, 0))
            r.fact = f"{pred}@{n}" if n else pred


def _single(gkey: str, r: Row) -> Fact:
    subj, obj = r.subj, (r.obj if r.obj != r.subj else None)
    if subj not in r.parts and obj not in r.parts and r.parts:
        obj = next((p for p in r.parts if p != subj), obj)
    return build(
        Fact, key=_fact_key(gkey, r.pred), story="s" + digest(gkey), subject=subj, frame=r.frame,
        lemma=r.lemma, object=obj, entities=list(r.parts), status="single_source", claim_ids=[r.cid],
        sources=[r.source], independent_sources=1, languages=[r.lang],
        time_start=date.fromordinal(r.raw[0]) if r.raw else None,
        time_end=date.fromordinal(r.raw[1]) if r.raw else None, updates=[], conflicts=[])


def _fact_key(gkey: str, pred: str) -> str:
    return "f" + digest(f"{gkey}#{pred}")


@dataclass
class Story:
    """The facts of one group (one per predicate), the conflicts found between its claims, and its title."""

    facts: dict[str, Fact]  # predicate -> fact
    found: list[tuple[Relation, Row, Row, bool]]
    subject: str | None = None
    object: str | None = None
    entities: tuple[str, ...] = ()


class _Tally:
    """What a fact reports about its claims, gathered in one pass over them."""

    __slots__ = ("entities", "named_subj", "any_subj", "named_obj", "any_obj", "lemmas", "lo", "hi", "cids",
                 "sources", "clusters", "langs")

    def __init__(self) -> None:
        self.entities: set[str] = set()
        self.named_subj: dict[str, int] = {}
        self.any_subj: dict[str, int] = {}
        self.named_obj: dict[str, int] = {}
        self.any_obj: dict[str, int] = {}
        self.lemmas: dict[str, int] = {}
        self.lo: int | None = None
        self.hi: int | None = None
        self.cids: list[str] = []
        self.sources: set[str] = set()
        self.clusters: set[str] = set()
        self.langs: set[str] = set()

    def add(self, rows: list[Row], cluster: dict[str, str]) -> _Tally:
        # C-level passes (map, Counter, set.update): a fact can hold tens of thousands of claims, while its
        # distinct (participant, entities) pairs are few.
        parts = list(map(_PARTS, rows))
        for p in set(parts):
            self.entities.update(p)
        few = len(rows) <= FEW_ROWS  # most facts: a Counter costs more than it saves
        for role, named, anyone in ((_SUBJ, self.named_subj, self.any_subj), (_OBJ, self.named_obj, self.any_obj)):
            pairs = zip(map(role, rows), parts)
            for (who, among), n in zip(pairs, _ONES) if few else Counter(pairs).items():
                if who:
                    anyone[who] = anyone.get(who, 0) + n
                    if who in among:
                        named[who] = named.get(who, 0) + n
        lemmas = self.lemmas
        for lemma, n in zip(map(_LEMMA, rows), _ONES) if few else Counter(map(_LEMMA, rows)).items():
            lemmas[lemma] = lemmas.get(lemma, 0) + n
        raws = list(filter(None, map(_RAW, rows)))
        if raws:
            lo, hi = min(raws)[0], max(map(itemgetter(1), raws))
            self.lo = lo if self.lo is None else min(lo, self.lo)
            self.hi = hi if self.hi is None else max(hi, self.hi)
        self.cids += map(_CID, rows)
        self.sources.update(map(_SOURCE, rows))
        self.clusters.update(map(cluster.__getitem__, set(map(_DOC, rows))))
        self.langs.update(map(_LANG, rows))
        return self

    def merge(self, other: _Tally) -> None:
        """Add another tally's participant counts (a story's title counts all its facts' claims)."""
        self.entities |= other.entities
        for mine, theirs in ((self.named_subj, other.named_subj), (self.any_subj, other.any_subj),
                             (self.named_obj, other.named_obj), (self.any_obj, other.any_obj)):
            for k, n in theirs.items():
                mine[k] = mine.get(k, 0) + n

    def participants(self) -> tuple[str | None, str | None, list[str]]:
        """(subject, object, entities): named subjects and objects first, then any, by frequency."""
        entities = sorted(self.entities)
        subj = _top(self.named_subj) or _top(self.any_subj)
        named_obj = {k: n for k, n in self.named_obj.items() if k != subj}
        any_obj = {k: n for k, n in self.any_obj.items() if k != subj}
        obj = _top(named_obj) or next((e for e in entities if e != subj), None) or _top(any_obj)
        return subj, obj, entities


def build_story(gkey: str, rows: list[Row], rules: FrameRules) -> Story:
    """The facts of story `gkey` and its conflicts as (relation, row, row, within one document)."""
    if len(rows) == 1:
        fact = _single(gkey, rows[0])
        return Story({rows[0].fact: fact}, [], fact.subject, fact.object, tuple(fact.entities))
    _occasions(rows, rules)
    cluster = source_clusters(rows)
    positions = _positions(rows)
    # Independent sources of each position, per fact (a position of a recurring event may span two occasions).
    held: list[dict[str, frozenset[str]]] = []
    for p in positions:
        per: dict[str, set[str]] = defaultdict(set)
        for r in p:
            per[r.fact].add(cluster[r.doc])
        held.append({f: frozenset(s) for f, s in per.items()})
    backed = {f for h in held for f, s in h.items() if len(s) > 1}  # corroborated facts
    edges: set[tuple[int, int]] = set()
    shown_pair: dict[frozenset[int], tuple[Row, Row]] = {}  # the (earlier, later) claims a step is shown with
    agree: set[tuple[int, int]] = set()
    clashes: list[tuple[int, int, Relation]] = []
    for i in range(len(positions)):
        for j in range(i + 1, len(positions)):
            a, b = positions[i], positions[j]
            rel = relate(a[0], b[0], rules)
            if rel is None:
                continue
            if rel.kind == "agree":  # same predicate, always
                agree.add((i, j))
                for f in held[i].keys() & held[j].keys():
                    if len(held[i][f] | held[j][f]) > 1:
                        backed.add(f)
            elif rel.kind == "update":
                step = _step(a, b, rules)
                if step is not None:
                    edges.add((i, j) if any(r is step[0] for r in a[:SHOWN]) else (j, i))
                    shown_pair[frozenset((i, j))] = step
            else:
                clashes.append((i, j, rel))
    found: list[tuple[Relation, Row, Row, bool]] = []
    if clashes:
        support = [len({r.doc for r in p}) for p in positions]
        for group in _deduplicated(clashes, agree, support):
            for intra in (False, True):
                for i, j, rel in group:
                    pair = _sides(positions[i], positions[j], rel, rules, intra)
                    if pair is not None:
                        found.append((rel, *pair, intra))
                        break
    # Keep the timeline steps, not their transitive shortcuts (plan → cancel when plan → postpone → cancel).
    after: dict[int, set[int]] = defaultdict(set)
    before: dict[int, set[int]] = defaultdict(set)
    for i, j in edges:
        after[i].add(j)
        before[j].add(i)
    steps = sorted((i, j) for i, j in edges if not after[i] & before[j])

    by_pred: dict[str, list[Row]] = defaultdict(list)  # fact (`Row.fact`: a predicate, on one occasion) -> claims
    for r in rows:
        by_pred[r.fact].append(r)
    disputed = {p.fact for rel, p, q, _ in found if p.fact == q.fact}  # its own claims disagree
    contradicted = {r.fact for rel, p, q, _ in found if p.fact != q.fact for r in (p, q)}  # by another fact
    timeline: dict[str, list[list[str]]] = defaultdict(list)
    superseded: set[str] = set()  # predicates with a later step: the story moved on from them
    shown: set[tuple] = set()
    for i, j in steps:
        a, b = shown_pair[frozenset((i, j))]
        # One step per change of predicate (established → reintegrated), one per pair of times within one
        # (a figure that changed between two dates); the first is the earliest, best supported.
        what = (a.pred, b.pred) if a.pred != b.pred else (a.pred, a.span, b.span)
        if what in shown:
            continue
        shown.add(what)
        step = [a.cid, b.cid]
        superseded.add(a.fact)
        for label in dict.fromkeys((a.fact, b.fact)):
            timeline[label].append(step)
    facts: dict[str, Fact] = {}
    story = "s" + digest(gkey)
    whole = _Tally() if len(by_pred) > 1 else None
    for pred in sorted(by_pred):
        own = by_pred[pred]
        tally = _Tally().add(own, cluster)
        if whole is not None:
            whole.merge(tally)
        subj, obj, entities = tally.participants()
        if pred in disputed or (pred in contradicted and pred not in backed):
            status = "conflicting"
        else:
            status = "evolving" if pred in superseded else "corroborated" if pred in backed else "single_source"
        facts[pred] = build(
            Fact, key=_fact_key(gkey, pred), story=story, subject=subj, frame=own[0].frame,
            lemma=_top(tally.lemmas), object=obj, entities=entities, status=status, claim_ids=sorted(tally.cids),
            sources=sorted(tally.sources), independent_sources=len(tally.clusters), languages=sorted(tally.langs),
            time_start=date.fromordinal(tally.lo) if tally.lo is not None else None,
            time_end=date.fromordinal(tally.hi) if tally.hi is not None else None,
            updates=timeline[pred], conflicts=[],
        )
    if whole is None:
        only = next(iter(facts.values()))
        return Story(facts, found, only.subject, only.object, tuple(only.entities))
    subj, obj, entities = whole.participants()
    return Story(facts, found, subj, obj, tuple(entities))
