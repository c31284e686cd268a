"""Stories: claims grouped by event identity, on hashed keys, never pairwise.

Two claims are about one event only when their frames are of one family, and they share a *specific* participant,
their places are compatible and their times are compatible:

- Participants are role-free (passives swap subject and object): the canonical ids of the named entities a
  claim's subject and object are or contain (`participants.NamedEntities`: "the IPO of Ampere" → ampere). Generic
  noun phrases ("a man", "the company"), institutions ("Houston Police", "la préfecture": `models/participants`)
  and places are no participant at all.
- Claims first group on the exact key (family, participant set). A group whose set is a strict subset of
  others ({renault} ⊂ {renault, ampere}) joins the one maximal superset when there is exactly one; with two
  ({renault, ampere} and {renault, dacia}) it stays apart, so "Renault sold Ampere" and "Renault sold
  Dacia" never meet through a vaguer "Renault sold its unit".
- Places: for an event that happens in one place (`Frame.located`: a shooting, a crash), documents whose specific
  places (`places`: a city, a street, not a country or a state) are disjoint report two events, even about one
  participant; a document naming no such place joins the event only when there is one.
- An asserted claim of an event in one place with no participant, undated or fresh, whose document names nobody in
  that family's claims, takes the participants of the one incident its document reports (`Row.doc_parts`: the
  names of its headline and lead, or of two of its claims of such events, two names at most) for its group only:
  "the shooting left two people dead" in a report headlined "Jayden Redden shot" is that shooting's; its own
  parts stay empty, so it is set against no claim (`stories.same_event`).
- Other claims with no participant join a group of their own document (the nearest claim of that family in the text);
  across documents they join only through a specific place named in their own sentence *and* the same day (a
  located event: "Nine people were injured ... on Bourbon Street ... Sunday"), or, asserted and undated, through
  the place and day of the one incident their document reports (`Row.doc_place`: its claims of events in one place
  fall on one day of the week before publication, and it names at most three places below a large town); else
  they stay in their document ("a man was killed" in two reports are two stories).
- Neither inheritance reaches a sentence that names another year than its publication's: the report's background
  ("In 2014, he was arrested for domestic assault").
- Event context: when one predicate is reported fresh (its time within a week before publication) at
  disjoint times in documents published in that order, each event is its own story (two strikes on two days),
  and the other claims of the group go to the event they overlap in time, else to the one published nearest.

Grouping is hashing on those keys, plus one scan of the superset postings per key, cut off at `MAX_MAXIMA`
maximal candidates. Every key starts with the frame family, so claims of two families never meet.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from claimx.common.unionfind import UnionFind
from claimx.reconcile.rows import Row

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
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


def group_stories(rows: list[Row], located: frozenset[str] = frozenset()) -> dict[str, list[Row]]:
    """Group key -> member rows (in the order of `rows`); `located` are the families of events in one place."""
    # An asserted claim of an event in one place that names no participant, undated or dated to the week before
    # publication, in a document whose claims of that family name none either, is about the one incident its
    # document reports, when it reports one (`Row.doc_parts`); it joins that incident's group, but its own parts
    # stay empty: it is set against no claim (`stories.same_event`).
    named_docs = {(r.fam, r.doc) for r in rows if r.parts}
    named: dict[tuple[str, tuple[str, ...]], list[Row]] = defaultdict(list)
    loose: list[Row] = []
    for r in rows:
        if r.parts:
            named[(r.fam, r.parts)].append(r)
        elif r.doc_parts and r.fam in located and (r.fam, r.doc) not in named_docs and _of_its_incident(r):
            named[(r.fam, r.doc_parts)].append(r)
        else:
            loose.append(r)
    target = _superset_targets(named)
    merged: dict[tuple[str, tuple[str, ...]], list[Row]] = defaultdict(list)
    for key in sorted(named):
        merged[target.get(key, key)].extend(named[key])
    groups: dict[str, list[Row]] = {}
    for (fam, parts), members in merged.items():
        base = fam + "|" + "+".join(parts)
        for suffix, part in _by_place(members) if fam in located else (("", members),):
            groups[base + suffix] = part

    anchors: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    at_place: dict[tuple[str, int, str], set[str]] = defaultdict(set)  # (family, day, place) -> groups
    wanted = {r.doc for r in loose}
    for gkey in sorted(groups):
        for r in groups[gkey]:
            if r.doc in wanted:
                anchors[(r.fam, r.doc)].append((r.start, gkey))
            if r.fam in located:
                for spot in _place_days(r):
                    at_place[spot].add(gkey)
    by_doc: dict[tuple[str, str], list[Row]] = defaultdict(list)
    by_place: UnionFind[tuple] = UnionFind()
    placed: list[tuple[Row, tuple]] = []
    for r in loose:
        near = anchors.get((r.fam, r.doc))
        if near:
            at = r.start
            groups[min(near, key=lambda a: (abs(a[0] - at), a[1]))[1]].append(r)
            continue
        spots = _place_days(r) or _incident_place_days(r) if r.fam in located else ()
        hits = {g for s in spots for g in at_place.get(s, ())}
        if len(hits) == 1:  # the same place and day as one named event: that event
            groups[hits.pop()].append(r)
        elif spots and not hits:
            for s in spots[1:]:
                by_place.union(spots[0], s)
            placed.append((r, spots[0]))
        else:  # no place and day, or several events at them: this document's own story
            by_doc[(r.fam, r.doc)].append(r)
    for r, spot in placed:
        fam, day, place = by_place.find(spot)
        groups.setdefault(f"{fam}|@{place}:{date.fromordinal(day).isoformat()}", []).append(r)
    for (fam, doc), members in by_doc.items():
        groups[f"{fam}|doc:{doc}"] = members

    out: dict[str, list[Row]] = {}
    for key, members in groups.items():
        if len(members) == 1:
            out[key] = members
            continue
        for suffix, part in _events(members):
            out[key + suffix] = part
    return out


def _place_days(r: Row) -> tuple[tuple[str, int, str], ...]:
    """(family, day, place) of each specific place the claim's own sentence names, when the claim is dated to a day."""
    if not r.spots or r.raw is None or r.raw[0] != r.raw[1]:
        return ()
    return tuple((r.fam, r.raw[0], s) for s in sorted(r.spots))


def _incident_place_days(r: Row) -> tuple[tuple[str, int, str], ...]:
    """(family, day, place) of each place of the one incident the claim's document reports (`Row.doc_place`), for an
    asserted claim undated or dated to that day."""
    if r.doc_place is None or not _of_its_incident(r) or r.raw is not None and r.raw != (r.doc_place[0],) * 2:
        return ()
    day, sites = r.doc_place
    return tuple((r.fam, day, s) for s in sites)


def _of_its_incident(r: Row) -> bool:
    """Whether a claim may be about the one incident its report reports: asserted, undated or dated to the week before
    publication, in a sentence that names no other year than its publication's (`_another_year`)."""
    return r.pos and r.mcls == "A" and (r.raw is None or r.fresh) and not _another_year(r)


def _another_year(r: Row) -> bool:
    """Whether the claim's sentence names a year other than that of its publication: the background of a report ("In
    2014, he was arrested for domestic assault"), whatever its time expression was attached to."""
    if r.pub is None:
        return False
    year = str(date.fromordinal(r.pub).year)
    return any(y != year for y in _YEAR.findall(r.sentence))


def _by_place(rows: list[Row]) -> list[tuple[str, list[Row]]]:
    """A group split where its documents name disjoint specific places: one part per set of documents whose places
    meet; the documents that name none join the part when there is one, else form their own ("|@?")."""
    profiles = {r.doc: r.doc_spots for r in rows}
    sets: UnionFind[str] = UnionFind()
    first: dict[str, str] = {}
    for doc in sorted(profiles):
        for spot in sorted(profiles[doc]):
            sets.union(first.setdefault(spot, doc), doc)
    roots = {sets.find(d) for d, spots in profiles.items() if spots}
    if len(roots) < 2:
        return [("", rows)]
    parts: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        parts[f"|@{min(profiles[sets.find(r.doc)])}" if r.doc_spots else "|@?"].append(r)
    return sorted(parts.items())


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
