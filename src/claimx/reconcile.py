"""Cross-source reconciliation: canonicalised claims become facts, their corroboration, and typed conflicts.

**What a fact is.** Claims belong to one fact when they share a *frame family* and their *named
participants* are compatible, in compatible event context:

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
  the text); across documents they never merge ("a man was killed" in two cities are two facts).
- Event context: when one predicate is reported fresh (its time within a week before publication) at
  disjoint times in documents published in that order, each event is its own fact (two strikes on two days),
  and the other claims of the group go to the event they overlap in time, else to the one published nearest.

**Blocking, not pairs.** Grouping is hashing on those keys (plus one scan of the superset postings per key,
cut off at 8 maximal candidates), so a million claims never meet pairwise. Pairwise work happens only inside
one fact, over at most `MAX_POSITIONS` distinct *positions* (claims with the same predicate, polarity,
modality class, value and time are one position) and, for reprint detection, at most `MAX_SENTENCES`
distinct evidence sentences.

**Inside a fact** (`relations.relate`), each pair of positions agrees, conflicts (antonym, negation, numeric,
temporal, modality), or is an update (timeline step). Conflicts are reported between documents, and within one
document (a headline against its body, or two statements of the body) with `intra_document=True`. Reprints of
one story (identical evidence sentences, or sentences of 8+ words that share their first or last five
words, with token_set_ratio ≥ 90 and comparable lengths) and documents of the same
named source are one independent source. A fact is `conflicting` with any conflict, else `evolving` with
updates, else `corroborated` when two independent sources agree, else `single_source`.

Keys and ids are SHA-1 digests of content (never Python's `hash()`), claims are sorted first and every
collection is iterated in sorted order, so the same claims in any order give the same output.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz

from claimx.canon import AliasTable, Gazetteer, canonical_id, fold, load_aliases
from claimx.frames import FrameSet
from claimx.records import build, bulk
from claimx.relations import Relation, Row, highlights, relate
from claimx.schemas import Claim, Conflict, ConflictSide, ConflictType, Fact

MAX_POSITIONS = 40  # distinct positions related pairwise inside one fact (the best supported ones)
MAX_SENTENCES = 200  # distinct evidence sentences compared for reprints inside one fact
MAX_CONFLICTS = 20  # conflicts kept per fact (the best supported); more is noise, not news
MAX_MAXIMA = 8  # superset candidates considered before a participant subset is called ambiguous
REPRINT_RATIO = 90  # rapidfuzz token_set_ratio of two evidence sentences of one wire story
REPRINT_LENGTH = 0.6  # ... the shorter one at least this share of the longer one
REPRINT_WORDS = 8  # ... and this long: short sentences of two reporters look alike by chance
REPRINT_KEY = 5  # ... and sharing their first or last words (the blocking key)
MAX_BLOCK = 20  # sentences compared pairwise inside one blocking key
_SECTION_ORDER = {"headline": 0, "lead": 1, "body": 2}


@dataclass(frozen=True)
class ReconcileResult:
    facts: list[Fact]
    conflicts: list[Conflict]


def reconcile(claims: list[Claim], frameset: FrameSet, *, aliases: AliasTable | None = None) -> ReconcileResult:
    """Group claims into facts and type the conflicts between sources; deterministic, input order irrelevant.

    Claims should come from `canon.canonicalise` (a missing `canonical` is computed from the mention alone).
    Every claim ends in exactly one fact. Facts are sorted by (subject, frame, key), conflicts by (title,
    type, id).
    """
    with bulk():
        return _reconcile(claims, frameset, aliases or load_aliases())


def _reconcile(claims: list[Claim], frameset: FrameSet, table: AliasTable) -> ReconcileResult:
    ordered = sorted(claims, key=lambda c: (c.id, c.doc_id, c.evidence.start, c.evidence.end))
    rows = _rows(ordered, frameset, table)
    facts: list[Fact] = []
    pending: list[tuple[Fact, list]] = []
    for gkey, members in sorted(_groups(rows).items()):
        fact, found = _fact(gkey, members, frameset)
        facts.append(fact)
        if found:
            pending.append((fact, found))
    wanted = {c for fact, _ in pending for c in (fact.subject, fact.object, *fact.entities) if c}
    names = display_names((r.claim for r in rows if r.subj in wanted or r.obj in wanted), aliases=table)
    conflicts = [_conflict(fact, *item, names) for fact, found in pending for item in found]
    facts.sort(key=lambda f: (f.subject or "", f.frame or f.lemma or "", f.key))
    conflicts.sort(key=lambda c: (c.title, c.type, c.id))
    return ReconcileResult(facts=facts, conflicts=conflicts)


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


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:15]


def _rows(claims: list[Claim], fs: FrameSet, table: AliasTable) -> list[Row]:
    families = frame_families(fs)
    gaz = Gazetteer(claims, aliases=table)
    lemmas: dict[str, str] = {}
    rows = []
    for i, c in enumerate(claims):
        frame = c.predicate.frame
        if frame is not None:
            pred, fam = frame, families.get(frame, frame)
        else:
            pred = lemmas.get(c.predicate.lemma)
            if pred is None:
                pred = lemmas[c.predicate.lemma] = "lemma:" + " ".join(fold(c.predicate.lemma).split())
            fam = pred
        sp, op = gaz.participants(c.subject), gaz.participants(c.object)
        parts = tuple(sorted(set(sp) | set(op))) if sp and op else (sp or op)
        subj = (c.subject.canonical or table.analyse(c.subject.text, c.subject.label)[1]) if c.subject else None
        obj = (c.object.canonical or table.analyse(c.object.text, c.object.label)[1]) if c.object else None
        rows.append(Row(i, c, fam, pred, parts, subj, obj))
    return rows


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
            for t in postings[rarest]:
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
    for key in sorted(merged):
        for r in merged[key]:
            anchors[(r.fam, r.doc)].append((r.claim.evidence.start, key))
    by_doc: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for r in loose:
        near = anchors.get((r.fam, r.doc))
        if near:
            at = r.claim.evidence.start
            merged[min(near, key=lambda a: (abs(a[0] - at), a[1]))[1]].append(r)
        else:
            by_doc[(r.fam, r.doc)].append(r)

    out: dict[str, list[Row]] = {}
    for (fam, parts), members in merged.items():
        members.sort(key=lambda r: r.i)
        base = fam + "|" + "+".join(parts)
        for suffix, part in _events(members):
            out[base + suffix] = part
    for (fam, doc), members in by_doc.items():
        out[f"{fam}|doc:{doc}"] = members
    return out


def _events(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """Split a group into events when one predicate is freshly reported at successive disjoint times."""
    fresh: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        if r.fresh():
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


def _rank(r: Row) -> tuple:
    return (r.pub is None, r.pub or 0, r.doc, _SECTION_ORDER.get(r.section, 3), r.claim.id)


_WORD = re.compile(r"\w+")


def _norm_sentence(text: str) -> str:
    return " ".join(text.lower().split())


def _source_clusters(rows: list[Row]) -> dict[str, str]:
    """doc id -> independent-source id: same named source, or reprints of one story, count once."""
    docs = sorted({r.doc for r in rows})
    parent = {d: d for d in docs}
    if len(docs) < 2:
        return parent

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    first_by: dict[str, str] = {}
    sentences: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: (r.doc, r.i)):
        if r.claim.source:
            union(first_by.setdefault(fold(r.claim.source).strip(), r.doc), r.doc)
        union(sentences.setdefault(_norm_sentence(r.claim.evidence.sentence), r.doc), r.doc)
    # Near-identical sentences: candidates share their first or their last REPRINT_KEY words (a reprint edits
    # the middle, trims the end or adds a dateline, rarely all three), so this is hashing, not all pairs.
    blocks: dict[tuple, list[str]] = defaultdict(list)
    for text in sorted(sentences)[:MAX_SENTENCES]:
        words = _WORD.findall(text)
        if len(words) >= REPRINT_WORDS:
            blocks[("head", *words[:REPRINT_KEY])].append(text)
            blocks[("tail", *words[-REPRINT_KEY:])].append(text)
    for texts in blocks.values():
        for i, a in enumerate(texts[:MAX_BLOCK]):
            for b in texts[i + 1:MAX_BLOCK]:
                da, db = sentences[a], sentences[b]
                if find(da) != find(db) and min(len(a), len(b)) >= REPRINT_LENGTH * max(len(a), len(b)) \
                        and fuzz.token_set_ratio(a, b, score_cutoff=REPRINT_RATIO):
                    union(da, db)
    return {d: find(d) for d in docs}


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0] if counts else None


def _positions(rows: list[Row]) -> list[list[Row]]:
    by_sig: dict[tuple, list[Row]] = defaultdict(list)
    for r in rows:
        by_sig[r.signature()].append(r)
    positions = [sorted(m, key=_rank) for m in by_sig.values()]
    if len(positions) > MAX_POSITIONS:
        positions.sort(key=lambda p: (-len({r.doc for r in p}), _rank(p[0])))
        positions = positions[:MAX_POSITIONS]
    positions.sort(key=lambda p: (p[0].raw[0] if p[0].raw else 10**9, _rank(p[0])))
    return positions


def _sides(a: list[Row], b: list[Row]) -> list[tuple[Row, Row, bool]]:
    """The claims to show for two conflicting positions: one pair across documents, one within a document.

    Within a document the two claims must come from different sentences: a sentence that gives a total and
    a part ("11,000 staff, of whom 3,800 engineers") does not contradict itself.
    """
    out: list[tuple[Row, Row, bool]] = []
    for intra in (False, True):
        pair = next(((p, q) for p in a[:8] for q in b[:8] if (p.doc == q.doc) == intra
                     and not (intra and p.claim.evidence.start == q.claim.evidence.start)), None)
        if pair:
            out.append((*pair, intra))
    return out


def _deduplicated(found: list[tuple[int, int, Relation]], agree: set[tuple[int, int]],
                  support: list[int]) -> list[tuple[int, int, Relation]]:
    """One conflict per disagreement between two *stances* (positions joined by agreement), best supported first.

    "4,200", "about 4,200" and "more than 4,000" against "2,500" is one numeric conflict, not three. At most
    MAX_CONFLICTS are kept per fact.
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


def _single(key: str, r: Row) -> Fact:
    c = r.claim
    subj, obj = r.subj, (r.obj if r.obj != r.subj else None)
    if subj not in r.parts and obj not in r.parts and r.parts:
        obj = next((p for p in r.parts if p != subj), obj)
    return build(
        Fact, key=key, subject=subj, frame=r.frame, lemma=c.predicate.lemma, object=obj, entities=list(r.parts),
        status="single_source", claim_ids=[c.id], sources=[r.source], independent_sources=1, languages=[r.lang],
        time_start=date.fromordinal(r.raw[0]) if r.raw else None,
        time_end=date.fromordinal(r.raw[1]) if r.raw else None, updates=[])


def _fact(gkey: str, rows: list[Row], fs: FrameSet) -> tuple[Fact, list[tuple[Relation, Row, Row, bool]]]:
    key = "f" + _digest(gkey)
    if len(rows) == 1:
        return _single(key, rows[0]), []
    cluster = _source_clusters(rows)
    positions = _positions(rows)
    held = [frozenset([cluster[r.doc] for r in p]) for p in positions]  # independent sources of each position
    corroborated = any(len(h) > 1 for h in held)
    edges: set[tuple[int, int]] = set()
    agree: set[tuple[int, int]] = set()
    clashes: list[tuple[int, int, Relation]] = []
    for i in range(len(positions)):
        for j in range(i + 1, len(positions)):
            a, b = positions[i], positions[j]
            rel = relate(a[0], b[0], fs)
            if rel is None:
                continue
            if rel.kind == "agree":
                agree.add((i, j))
                corroborated = corroborated or len(held[i] | held[j]) > 1
            elif rel.kind == "update":
                edges.add((i, j) if rel.earlier is a[0] else (j, i))
            else:
                clashes.append((i, j, rel))
    found: list[tuple[Relation, Row, Row, bool]] = []
    if clashes:
        support = [len({r.doc for r in p}) for p in positions]
        for i, j, rel in _deduplicated(clashes, agree, support):
            found += [(rel, *sides) for sides in _sides(positions[i], positions[j])]
    # Keep the timeline steps, not their transitive shortcuts (plan → cancel when plan → postpone → cancel).
    after: dict[int, set[int]] = defaultdict(set)
    before: dict[int, set[int]] = defaultdict(set)
    for i, j in edges:
        after[i].add(j)
        before[j].add(i)
    steps = sorted((i, j) for i, j in edges if not after[i] & before[j])
    updates = [[positions[i][0].claim.id, positions[j][0].claim.id] for i, j in steps]

    entities = sorted({p for r in rows for p in r.parts})
    subj = _most_common(r.subj for r in rows if r.subj in r.parts) or _most_common(r.subj for r in rows)
    obj = _most_common(r.obj for r in rows if r.obj != subj and r.obj in r.parts) or \
        next((e for e in entities if e != subj), None) or _most_common(r.obj for r in rows if r.obj != subj)
    timed = [r.raw for r in rows if r.raw]
    status = "conflicting" if found else "evolving" if updates else "corroborated" if corroborated \
        else "single_source"
    fact = build(
        Fact, key=key, subject=subj, frame=_most_common(r.frame for r in rows),
        lemma=_most_common(r.claim.predicate.lemma for r in rows), object=obj,
        entities=entities, status=status,
        claim_ids=sorted(r.claim.id for r in rows), sources=sorted({r.source for r in rows}),
        independent_sources=len(set(cluster.values())), languages=sorted({r.lang for r in rows}),
        time_start=date.fromordinal(min(t[0] for t in timed)) if timed else None,
        time_end=date.fromordinal(max(t[1] for t in timed)) if timed else None, updates=updates,
    )
    return fact, found


# ----------------------------------------------------------------------------------------------
# Conflicts and titles


def display_names(claims: Iterable[Claim], *, aliases: AliasTable | None = None) -> dict[str, str]:
    """Canonical id -> the name readers see most often for it ("Renault" for renault), ties to the shortest."""
    table = aliases or load_aliases()
    seen: dict[str, Counter] = defaultdict(Counter)
    for c in claims:
        for ent in (c.subject, c.object):
            if ent is not None:
                key, cid, shown = table.analyse(ent.text, ent.label)
                seen[ent.canonical or cid][shown] += 1
    return {cid: min(n.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for cid, n in seen.items()}


def predicate_label(frame: str | None, lemma: str | None) -> str:
    return frame.replace("_", " ") if frame else (lemma or "?")


def fact_title(fact: Fact, names: dict[str, str]) -> str:
    """"Renault · Ampere · reintegrate": up to three participants (subject first), then the predicate."""
    order = [c for c in (fact.subject, fact.object, *fact.entities) if c]
    if fact.entities:
        order = [c for c in order if c in fact.entities]
    shown = list(dict.fromkeys(names.get(c, c) for c in order))[:3]
    return " · ".join([*shown, predicate_label(fact.frame, fact.lemma)])


def _who(r: Row, other: Row, intra: bool) -> str:
    if intra:
        if r.section != other.section:
            return f"the {r.section}"
        return f"one {r.section} sentence" if _rank(r) <= _rank(other) else "another"
    when = f" ({r.claim.published.isoformat()})" if r.claim.published else ""
    return f"{r.source}{when}"


def _conflict(fact: Fact, rel: Relation, p: Row, q: Row, intra: bool, names: dict[str, str]) -> Conflict:
    p, q = sorted((p, q), key=_rank)
    a, b = p.claim, q.claim
    la, lb = predicate_label(a.predicate.frame, a.predicate.lemma), predicate_label(b.predicate.frame,
                                                                                   b.predicate.lemma)
    base = fact_title(fact, names).rsplit(" · ", 1)[0] if (fact.subject or fact.entities) else ""
    wa, wb = _who(p, q, intra), _who(q, p, intra)
    kind: ConflictType = rel.type or "antonym"
    if kind == "antonym":
        detail = f"{la} ⟂ {lb}"
        why = f"{wa} says '{la}', {wb} says '{lb}': contradictory frames for the same participants and time."
    elif kind == "negation":
        detail = f"{la} ⟂ not {la}"
        pa, pb = ("affirms" if p.pos else "negates"), ("affirms" if q.pos else "negates")
        why = f"{wa} {pa} '{la}', {wb} {pb} it."
    elif kind == "numeric":
        va, vb = a.value, b.value
        detail = f"{la} · {va.text} ≠ {vb.text}"
        gap = abs(va.amount - vb.amount) / max(abs(va.amount), abs(vb.amount)) * 100
        why = f"{wa} gives {va.text}, {wb} gives {vb.text}: {gap:.0f}% apart, beyond tolerance " \
              "(±1% exact, ±10% approximate)."
    elif kind == "temporal":
        ta, tb = a.time, b.time
        detail = f"{la} · {ta.text} ≠ {tb.text}"
        why = f"{wa} dates it {ta.text} ({ta.value}), {wb} {tb.text} ({tb.value}): the periods do not overlap."
    else:
        detail = f"{la} · {a.modality} ≠ {b.modality}"
        why = f"{wa} reports '{la}' as {a.modality}, {wb} as {b.modality}."
    title = f"{base} · {detail}" if base else detail
    return build(
        Conflict, id="c" + _digest(f"{fact.key}|{kind}|{a.id}|{b.id}"), type=kind, fact_key=fact.key, title=title,
        intra_document=intra, sides=[_side(a, rel.differs), _side(b, rel.differs)], differs=list(rel.differs),
        explanation=why,
    )


def _side(c: Claim, differs: tuple[str, ...]) -> ConflictSide:
    return build(
        ConflictSide, claim_id=c.id, doc_id=c.doc_id, source=c.source, lang=c.lang, published=c.published, section=c.section,
        frame=c.predicate.frame, lemma=c.predicate.lemma, polarity=c.polarity, modality=c.modality,
        attribution=c.attribution.text if c.attribution else None, time=c.time, value=c.value,
        sentence=c.evidence.sentence, start=c.evidence.start, end=c.evidence.end,
        highlight=highlights(c, differs),
    )


# ----------------------------------------------------------------------------------------------
# Queries over outputs


def select_facts(facts: list[Fact], *, entity: str | None = None, lang: str | None = None) -> list[Fact]:
    """Facts naming `entity` (any spelling: "Renault SA" finds renault) and reported in `lang`."""
    want = canonical_id(entity) if entity else None
    return [f for f in facts if (lang is None or lang in f.languages)
            and (want is None or want in f.entities or want in (f.subject, f.object))]


def select_conflicts(conflicts: list[Conflict], facts: list[Fact], *, type: str | None = None,
                     entity: str | None = None, lang: str | None = None) -> list[Conflict]:
    """Conflicts of one `type`, about `entity` (canonical id or words of the title), with a side in `lang`."""
    by_key = {f.key: f for f in facts}
    want = canonical_id(entity) if entity else None
    needle = fold(entity).strip() if entity else ""
    out = []
    for c in conflicts:
        if type is not None and c.type != type:
            continue
        if lang is not None and not any(s.lang == lang for s in c.sides):
            continue
        if want is not None:
            f = by_key.get(c.fact_key)
            known = set(f.entities) | {f.subject, f.object} if f else set()
            if want not in known and needle not in fold(c.title):
                continue
        out.append(c)
    return out
