"""Cross-source reconciliation: canonicalised claims become facts, their corroboration, and typed conflicts.

**Stories and facts.** Claims first group into *stories*: a *frame family* with compatible *named
participants*, in compatible event context. Inside a story, the claims of one predicate (frame, else lemma) are
one *fact* (spin off and reintegrate are two facts of one story), so a reintegration two outlets report is a
corroborated fact even when a headline says "spin off"; the antonym conflict links the two facts.

- The frame family is the connected set of frames linked by `contradicts`/`supersedes` (ipo_plan,
  ipo_postpone, ipo_cancel, ipo_complete are one family; spin_off and reintegrate another). A claim without
  a frame uses its lemma as family ("lemma:announce"), so it only meets claims with the same lemma.
- Participants are role-free (passives swap subject and object): the canonical ids of the named entities a
  claim's subject and object are or contain (`canon.Gazetteer`: "the IPO of Ampere" → ampere). Generic
  noun phrases ("a man", "the company") are no participant at all.
- Claims first group on the exact key (family, participant set). A group whose set is a strict subset of
  others ({renault} ⊂ {renault, ampere}) joins the one maximal superset when there is exactly one; with two
  ({renault, ampere} and {renault, dacia}) it stays apart, so "Renault sold Ampere" and "Renault sold
  Dacia" never meet through a vaguer "Renault sold its unit".
- Claims with no participant only join a group of their own document (the nearest claim of that family in
  the text); across documents they never merge ("a man was killed" in two cities are two stories).
- Event context: when one predicate is reported fresh (its time within a week before publication) at
  disjoint times in documents published in that order, each event is its own story (two strikes on two days),
  and the other claims of the group go to the event they overlap in time, else to the one published nearest.

**Blocking, not pairs.** Grouping is hashing on those keys (plus one scan of the superset postings per key,
cut off at `MAX_MAXIMA` maximal candidates), so a million claims never meet pairwise. Pairwise work happens
only inside one story: over at most `MAX_POSITIONS` distinct *positions* (claims with the same predicate,
polarity, modality class, value and time are one position; the best supported are kept), and for reprints
inside the blocking keys of `sources`.

**Inside a story** (`relations.relate`), each pair of positions agrees, conflicts (antonym, negation, numeric,
temporal, modality), or is an update (timeline step). Conflicts are reported between documents, and within one
document (a headline against its body, or two sentences of the body) with `intra_document=True`; one
conflict per pair of *stances* (positions joined by agreement), at most `MAX_CONFLICTS` per story. Reprints of
one story and documents of one outlet count once (`sources.source_clusters`). A fact is `conflicting` with
conflicts among its own claims or when a fact of its story contradicts it and it is not corroborated itself,
else `evolving` when a later step of the timeline supersedes it, else `corroborated` when two independent
sources agree, else `single_source`. Every fact lists the conflicts its claims take part in.

Keys and ids are SHA-1 digests of content (never Python's `hash()`), claims are sorted first and every
collection is iterated in sorted order, so the same claims in any order give the same output.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from claimx.aliases import TOKEN, AliasTable, fold, load_aliases
from claimx.canon import CanonicalIds, Gazetteer, Mention
from claimx.conflicts import build_conflict, names_of, participants_title, rank
from claimx.frames import FrameSet
from claimx.records import build, bulk, digest
from claimx.relations import FramePairs, Relation, Row, frame_pairs, relate
from claimx.schemas import Claim, Conflict, Fact
from claimx.sources import source_clusters

MAX_POSITIONS = 32  # distinct positions related pairwise inside one story (the best supported ones)
MAX_CONFLICTS = 20  # conflicts kept per story (the best supported); more is noise, not news
MAX_MAXIMA = 3  # superset candidates considered before a participant subset is called ambiguous


@dataclass(frozen=True)
class ReconcileResult:
    facts: list[Fact]
    conflicts: list[Conflict]


def reconcile(claims: list[Claim], frameset: FrameSet, *, aliases: AliasTable | None = None,
              ids: CanonicalIds | None = None) -> ReconcileResult:
    """Group claims into facts and type the conflicts between sources; deterministic, input order irrelevant.

    `ids` are the claims' canonical (subject, object) ids from `canon.resolve`, in `claims` order; without
    them each entity's `canonical` is used (`canon.canonicalise` fills it), else the id of the mention alone.
    Every claim ends in exactly one fact. Facts are sorted by (subject, frame, key), conflicts by (title,
    type, id).
    """
    if ids is not None and len(ids) != len(claims):
        raise ValueError(f"{len(ids)} canonical id pairs for {len(claims)} claims")
    with bulk():
        return _reconcile(claims, ids, frameset, aliases or load_aliases())


def _reconcile(claims: list[Claim], ids: CanonicalIds | None, frameset: FrameSet,
               table: AliasTable) -> ReconcileResult:
    rows, gaz = _rows(claims, ids, frameset, table)
    facts: list[Fact] = []
    conflicts: list[Conflict] = []
    pairs = frame_pairs(frameset)
    for gkey, members in sorted(_groups(rows).items()):
        story = _story(gkey, members, pairs)
        facts += story.facts.values()
        if not story.found:
            continue
        # Titles name entities as readers see them: named entities as anywhere in the corpus, noun phrases
        # as in this story's own claims.
        shown = {c for c in (story.subject, story.object, *story.entities) if c}
        local = {} if shown <= gaz.names.keys() else _local_names(members, table)
        names = {c: gaz.names.get(c) or local.get(c, c) for c in shown}
        base = participants_title(story.subject, story.object, story.entities, names)
        keys = {pred: fact.key for pred, fact in story.facts.items()}
        for rel, p, q, intra in story.found:
            conflict = build_conflict(base, rel, p, q, intra, keys)
            conflicts.append(conflict)
            for pred in {p.pred, q.pred}:
                story.facts[pred].conflicts.append(conflict.id)
        for fact in story.facts.values():
            fact.conflicts.sort()
    facts.sort(key=lambda f: (f.subject or "", f.frame or f.lemma or "", f.key))
    conflicts.sort(key=lambda c: (c.title, c.type, c.id))
    return ReconcileResult(facts=facts, conflicts=conflicts)


def _local_names(rows: list[Row], table: AliasTable) -> dict[str, str]:
    """Canonical id -> the name these claims use most for it ("the new leadership")."""
    return names_of(((ent, cid) for r in rows for ent, cid in ((r.claim.subject, r.subj), (r.claim.object, r.obj))
                     if ent is not None), aliases=table)


def frame_families(fs: FrameSet) -> dict[str, str]:
    """Frame id -> family id: frames linked by contradicts/supersedes share the smallest id of their set."""
    parent = {f: f for f in fs.frames}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for frame in fs.frames.values():
        for other in frame.contradicts + frame.supersedes:
            if other in parent:
                a, b = find(frame.id), find(other)
                parent[max(a, b)] = min(a, b)
    return {f: find(f) for f in parent}


def _rows(claims: list[Claim], ids: CanonicalIds | None, fs: FrameSet,
          table: AliasTable) -> tuple[list[Row], Gazetteer]:
    """The claims as rows sorted by (claim id, document, offsets), and the gazetteer of their mentions.

    Each claim is read once, here: its mentions are numbered (text, label, canonical id), and everything
    after works on mention numbers and rows.
    """
    numbers: dict[Mention, int] = {}
    counts: list[int] = []
    rows: list[Row] = []
    mention_of: list[tuple[int, int]] = []
    for i, c in enumerate(claims):
        s, o = c.subject, c.object
        if ids is not None:
            sid, oid = ids[i]
        else:
            sid, oid = (s.canonical if s is not None else None), (o.canonical if o is not None else None)
        ms = mo = -1
        if s is not None:
            m = (s.text, s.label, sid)
            ms = numbers.get(m, -1)
            if ms < 0:
                ms = numbers[m] = len(counts)
                counts.append(0)
            counts[ms] += 1
        if o is not None:
            m = (o.text, o.label, oid)
            mo = numbers.get(m, -1)
            if mo < 0:
                mo = numbers[m] = len(counts)
                counts.append(0)
            counts[mo] += 1
        rows.append(Row(c))
        mention_of.append((ms, mo))
    mentions = list(numbers)
    gaz = Gazetteer.from_mentions(dict(zip(mentions, counts, strict=True)), aliases=table)
    parts = [gaz.participants_of(m) for m in mentions]
    cids = [m[2] or table.analyse(m[0], m[1])[1] for m in mentions]

    families = frame_families(fs)
    preds: dict[tuple[str | None, str], tuple[str, str]] = {}
    objwords: dict[tuple[str, str, str], frozenset[str]] = {}
    joint: dict[tuple[int, int], tuple[str, ...]] = {}
    for r, (ms, mo) in zip(rows, mention_of, strict=True):
        pf = preds.get((r.frame, r.lemma))
        if pf is None:
            pred = r.frame if r.frame is not None else "lemma:" + " ".join(fold(r.lemma).split())
            pf = preds[(r.frame, r.lemma)] = (pred, families.get(pred, pred))
        r.pred, r.fam = pf
        sp = parts[ms] if ms >= 0 else ()
        op = parts[mo] if mo >= 0 else ()
        if sp and op and sp != op:
            both = joint.get((ms, mo))
            if both is None:
                both = joint[(ms, mo)] = tuple(sorted(set(sp) | set(op)))
            r.parts = both
        else:
            r.parts = sp or op
        r.subj = cids[ms] if ms >= 0 else None
        obj = r.obj = cids[mo] if mo >= 0 else None
        if obj is not None and not op:
            wkey = (obj, r.pred, r.lemma)
            words = objwords.get(wkey)
            if words is None:
                words = frozenset(w for w in obj.split("_") if not w.isdigit() and w not in table.acronym_stopwords)
                if words & _theme(r.pred, r.lemma):
                    words = frozenset()  # the frame's own theme ("its IPO" of ipo_cancel) is no discriminator
                objwords[wkey] = words
            r.objwords = words or None
    rows.sort(key=attrgetter("cid", "doc", "start", "end"))
    for i, r in enumerate(rows):
        r.i = i
    return rows, gaz


def _theme(pred: str, lemma: str) -> frozenset[str]:
    """The words of a frame id and lemma ("ipo_cancel", "cancel" → {ipo, cancel})."""
    return frozenset(TOKEN.findall(fold(pred.replace("_", " ") + " " + lemma)))


# ----------------------------------------------------------------------------------------------
# Grouping


def _superset_targets(keys: Iterable[tuple[str, tuple[str, ...]]]) -> dict[tuple, tuple]:
    """(family, participants) -> the one maximal superset group of the same family, when unique."""
    by_fam: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for fam, parts in keys:
        by_fam[fam].append(parts)
    target: dict[tuple, tuple] = {}
    for fam in sorted(by_fam):
        groups = sorted(by_fam[fam], key=lambda k: (len(k), k))
        if len(groups) < 2:
            continue
        postings: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for k in groups:
            for p in k:
                postings[p].append(k)
        sets = {k: frozenset(k) for k in groups}
        for k in groups:
            rarest = min(k, key=lambda p: (len(postings[p]), p))
            maxima: list[tuple[str, ...]] = []
            for t in reversed(postings[rarest]):  # largest first: maxima come early, subsets are skipped
                if len(t) <= len(k) or not sets[k] < sets[t] or any(sets[t] <= sets[m] for m in maxima):
                    continue
                maxima = [m for m in maxima if not sets[m] < sets[t]] + [t]
                if len(maxima) > MAX_MAXIMA:
                    break
            if len(maxima) == 1:
                target[(fam, k)] = (fam, maxima[0])
    return target


def _groups(rows: list[Row]) -> dict[str, list[Row]]:
    """Group key -> member rows (in claim order)."""
    named: dict[tuple[str, tuple[str, ...]], list[Row]] = defaultdict(list)
    loose: list[Row] = []
    for r in rows:
        if r.parts:
            named[(r.fam, r.parts)].append(r)
        else:
            loose.append(r)
    target = _superset_targets(named)
    merged: dict[tuple[str, tuple[str, ...]], list[Row]] = defaultdict(list)
    for key in sorted(named):
        merged[target.get(key, key)].extend(named[key])

    anchors: dict[tuple[str, str], list[tuple[int, tuple]]] = defaultdict(list)
    wanted = {r.doc for r in loose}
    for key in sorted(merged):
        for r in merged[key]:
            if r.doc in wanted:
                anchors[(r.fam, r.doc)].append((r.start, key))
    by_doc: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in loose:
        near = anchors.get((r.fam, r.doc))
        if near:
            at = r.start
            merged[min(near, key=lambda a: (abs(a[0] - at), a[1]))[1]].append(r)
        else:
            by_doc[(r.fam, r.doc)].append(r)

    out: dict[str, list[Row]] = {}
    for (fam, parts), members in merged.items():
        base = fam + "|" + "+".join(parts)
        if len(members) == 1:
            out[base] = members
            continue
        members.sort(key=attrgetter("i"))
        for suffix, part in _events(members):
            out[base + suffix] = part
    for (fam, doc), members in by_doc.items():
        out[f"{fam}|doc:{doc}"] = members
    return out


def _events(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Split a group into events when one predicate is freshly reported at successive disjoint times."""
    fresh: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.fresh:
            fresh[r.pred].append(r)
    best: list[list[Row]] = []
    for pred in sorted(fresh, key=lambda p: (-len(fresh[p]), p)):
        if len(fresh[pred]) < 2:
            break
        clusters: list[list[Row]] = []
        end = first_pub = 0
        for r in sorted(fresh[pred], key=lambda r: (r.raw[0], r.pub, r.i)):
            if clusters and (r.raw[0] <= end or r.pub <= first_pub):
                clusters[-1].append(r)
                end = max(end, r.raw[1])
                first_pub = min(first_pub, r.pub)
            else:
                clusters.append([r])
                end, first_pub = r.raw[1], r.pub
        if len(clusters) > 1:
            best = clusters
            break
    if not best:
        return [("", rows)]
    placed = {r.i: n for n, cluster in enumerate(best) for r in cluster}
    spans = [(min(r.raw[0] for r in c), max(r.raw[1] for r in c)) for c in best]
    pubs = [sum(r.pub for r in c) / len(c) for c in best]
    parts: list[list[Row]] = [[] for _ in best]
    for r in rows:
        n = placed.get(r.i)
        if n is None:
            hits = [k for k, (lo, hi) in enumerate(spans) if r.span and r.span[0] <= hi and lo <= r.span[1]]
            if len(hits) == 1:
                n = hits[0]
            elif r.pub is not None:
                n = min(range(len(best)), key=lambda k: (abs(pubs[k] - r.pub), k))
            else:
                n = 0
        parts[n].append(r)
    return [(f"|@{date.fromordinal(spans[k][0]).isoformat()}", parts[k]) for k in range(len(best))]


# ----------------------------------------------------------------------------------------------
# Facts


def _top(counts: dict[str, int]) -> str | None:
    """The most frequent key, ties to the smallest; None when empty."""
    if len(counts) < 2:
        return next(iter(counts), None)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _positions(rows: list[Row]) -> list[list[Row]]:
    by_sig: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        by_sig[r.signature()].append(r)
    positions = [m if len(m) == 1 else sorted(m, key=rank) for m in by_sig.values()]
    if len(positions) == 1:
        return positions
    if len(positions) > MAX_POSITIONS:
        positions.sort(key=lambda p: (-len({r.doc for r in p}), rank(p[0])))
        positions = positions[:MAX_POSITIONS]
    positions.sort(key=lambda p: (p[0].raw[0] if p[0].raw else 10**9, rank(p[0])))
    return positions


def _sides(a: list[Row], b: list[Row], rel: Relation) -> list[tuple[Row, Row, bool]]:
    """The claims to show for two conflicting positions: one pair across documents, one within a document.

    Within a document the two claims must come from different sentences (a sentence that gives a total and
    a part, "11,000 staff, of whom 3,800 engineers", does not contradict itself), and modality is no conflict:
    an article that tells a plan and what was done is telling a story.
    """
    out: list[tuple[Row, Row, bool]] = []
    for intra in (False, True) if rel.type != "modality" else (False,):
        pair = next(((p, q) for p in a[:8] for q in b[:8] if (p.doc == q.doc) == intra
                     and not (intra and p.start == q.start)), None)
        if pair:
            out.append((*pair, intra))
    return out


def _deduplicated(found: list[tuple[int, int, Relation]], agree: set[tuple[int, int]],
                  support: list[int]) -> list[tuple[int, int, Relation]]:
    """One conflict per disagreement between two *stances* (positions joined by agreement), best supported first.

    "4,200", "about 4,200" and "more than 4,000" against "2,500" is one numeric conflict, not three. At most
    MAX_CONFLICTS are kept per story.
    """
    stance = list(range(len(support)))

    def find(x: int) -> int:
        while stance[x] != x:
            stance[x] = stance[stance[x]]
            x = stance[x]
        return x

    for i, j in sorted(agree):
        a, b = find(i), find(j)
        if a != b:
            stance[max(a, b)] = min(a, b)
    kept: dict[tuple, tuple[int, int, Relation]] = {}
    for i, j, rel in sorted(found, key=lambda f: (-(support[f[0]] + support[f[1]]), f[0], f[1])):
        key = (rel.type, *sorted((find(i), find(j))))
        if key not in kept:
            kept[key] = (i, j, rel)
            if len(kept) == MAX_CONFLICTS:
                break
    return sorted(kept.values(), key=lambda f: (f[0], f[1]))


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
        for r in rows:
            parts = r.parts
            self.entities.update(parts)
            subj, obj = r.subj, r.obj
            if subj:
                self.any_subj[subj] = self.any_subj.get(subj, 0) + 1
                if subj in parts:
                    self.named_subj[subj] = self.named_subj.get(subj, 0) + 1
            if obj:
                self.any_obj[obj] = self.any_obj.get(obj, 0) + 1
                if obj in parts:
                    self.named_obj[obj] = self.named_obj.get(obj, 0) + 1
            self.lemmas[r.lemma] = self.lemmas.get(r.lemma, 0) + 1
            if r.raw:
                lo, hi = r.raw
                if self.lo is None or lo < self.lo:
                    self.lo = lo
                if self.hi is None or hi > self.hi:
                    self.hi = hi
            self.cids.append(r.cid)
            self.sources.add(r.source)
            self.clusters.add(cluster[r.doc])
            self.langs.add(r.lang)
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


def _story(gkey: str, rows: list[Row], pairs: FramePairs) -> Story:
    if len(rows) == 1:
        fact = _single(gkey, rows[0])
        return Story({rows[0].pred: fact}, [], fact.subject, fact.object, tuple(fact.entities))
    cluster = source_clusters(rows)
    positions = _positions(rows)
    held = [frozenset([cluster[r.doc] for r in p]) for p in positions]  # independent sources of each position
    backed = {p[0].pred for p, h in zip(positions, held, strict=True) if len(h) > 1}  # corroborated predicates
    edges: set[tuple[int, int]] = set()
    agree: set[tuple[int, int]] = set()
    clashes: list[tuple[int, int, Relation]] = []
    for i in range(len(positions)):
        for j in range(i + 1, len(positions)):
            a, b = positions[i], positions[j]
            rel = relate(a[0], b[0], pairs)
            if rel is None:
                continue
            if rel.kind == "agree":  # same predicate, always
                agree.add((i, j))
                if len(held[i] | held[j]) > 1:
                    backed.add(a[0].pred)
            elif rel.kind == "update":
                edges.add((i, j) if rel.earlier is a[0] else (j, i))
            else:
                clashes.append((i, j, rel))
    found: list[tuple[Relation, Row, Row, bool]] = []
    if clashes:
        support = [len({r.doc for r in p}) for p in positions]
        for i, j, rel in _deduplicated(clashes, agree, support):
            found += [(rel, *sides) for sides in _sides(positions[i], positions[j], rel)]
    # Keep the timeline steps, not their transitive shortcuts (plan → cancel when plan → postpone → cancel).
    after: dict[int, set[int]] = defaultdict(set)
    before: dict[int, set[int]] = defaultdict(set)
    for i, j in edges:
        after[i].add(j)
        before[j].add(i)
    steps = sorted((i, j) for i, j in edges if not after[i] & before[j])

    by_pred: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        by_pred[r.pred].append(r)
    disputed = {p.pred for rel, p, q, _ in found if p.pred == q.pred}  # its own claims disagree
    contradicted = {r.pred for rel, p, q, _ in found if p.pred != q.pred for r in (p, q)}  # by another fact
    timeline: dict[str, list[list[str]]] = defaultdict(list)
    superseded: set[str] = set()  # predicates with a later step: the story moved on from them
    shown: set[tuple] = set()
    for i, j in steps:
        a, b = positions[i][0], positions[j][0]
        # One step per change of predicate (established → reintegrated), one per pair of times within one
        # (a figure that changed between two dates); the first is the earliest, best supported.
        what = (a.pred, b.pred) if a.pred != b.pred else (a.pred, a.span, b.span)
        if what in shown:
            continue
        shown.add(what)
        step = [a.cid, b.cid]
        superseded.add(a.pred)
        for pred in dict.fromkeys((a.pred, b.pred)):
            timeline[pred].append(step)
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
