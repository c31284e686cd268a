"""Stories: claims grouped by frame family, named participants and event, on hashed keys, never pairwise.

- Participants are role-free (passives swap subject and object): the canonical ids of the named entities a
  claim's subject and object are or contain (`participants.NamedEntities`: "the IPO of Ampere" → ampere). Generic
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

Grouping is hashing on those keys, plus one scan of the superset postings per key, cut off at `MAX_MAXIMA`
maximal candidates. Every key starts with the frame family, so claims of two families never meet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from claimx.reconcile.rows import Row

MAX_MAXIMA = 3  # superset candidates considered before a participant subset is called ambiguous


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


def group_stories(rows: list[Row]) -> dict[str, list[Row]]:
    """Group key -> member rows (in the order of `rows`)."""
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
        for r in sorted(fresh[pred], key=lambda r: (r.raw[0], r.pub)):  # rows of one start join one cluster anyway
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
    placed = {id(r): n for n, cluster in enumerate(best) for r in cluster}
    spans = [(min(r.raw[0] for r in c), max(r.raw[1] for r in c)) for c in best]
    pubs = [sum(r.pub for r in c) / len(c) for c in best]
    parts: list[list[Row]] = [[] for _ in best]
    by_span: dict[tuple[int, int] | None, int | None] = {None: None}  # the one event a time overlaps, if one
    by_pub: dict[int | None, int] = {None: 0}  # the event published nearest
    for r in rows:
        n = placed.get(id(r))
        if n is None:
            n = by_span.get(r.span, -1)
            if n == -1:
                hits = [k for k, (lo, hi) in enumerate(spans) if r.span[0] <= hi and lo <= r.span[1]]
                n = by_span[r.span] = hits[0] if len(hits) == 1 else None
            if n is None:
                n = by_pub.get(r.pub)
                if n is None:
                    n = by_pub[r.pub] = min(range(len(best)), key=lambda k: (abs(pubs[k] - r.pub), k))
        parts[n].append(r)
    return [(f"|@{date.fromordinal(spans[k][0]).isoformat()}", parts[k]) for k in range(len(best))]
