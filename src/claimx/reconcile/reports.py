"""What each report says of where and of whom: the places its claims name, and the one incident it reports.

Reconciliation reads these per document, once for the corpus (`engine._index`), and every share of the claims takes
them from there: a claim's places are in its own record, but the profile of its document (`doc_spots`) and of the
incident that document reports (`incident_parts`, `incident_places`) span every family of frames, which shares
split (`grouping`: a claim that names nobody joins the incident its report names or places).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from claimx.claims.frames import FrameSet
from claimx.reconcile.aliases import AliasTable
from claimx.reconcile.places import is_town, place_ids
from claimx.reconcile.rows import fresh_day
from claimx.schemas import Claim

NO_PLACES: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
INCIDENT_PLACES = 3  # places below a large town a document names at most, for them to place the one incident it reports
INCIDENT_PARTS = 2  # named participants of a document's events in one place at most, for it to report one incident


def claim_places(claim: Claim, table: AliasTable, seen: dict) -> tuple[frozenset[str], frozenset[str]]:
    """(every place, the specific places) the claim's sentence names, through a cache of its list of places."""
    if not claim.places:
        return NO_PLACES
    key = tuple((p.text, p.label) for p in claim.places)
    hit = seen.get(key)
    if hit is None:
        hit = seen[key] = place_ids(claim.places, table)
    return hit


def doc_spots(claims: list[Claim], table: AliasTable) -> dict[str, frozenset[str]]:
    """Document -> the specific places named anywhere in its claims (its place profile)."""
    seen: dict = {}
    spots: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        if c.places:
            spots[c.doc_id] |= claim_places(c, table, seen)[1]
    return {doc: frozenset(s) for doc, s in spots.items() if s}


def people_of(parts: tuple[str, ...], people: tuple[str, ...], doc: str, in_full: set[tuple[str, str]]
              ) -> tuple[str, ...]:
    """`parts` with the people a surname names (`people`) that its document `doc` names in full."""
    known = [p for p in people if (doc, p) in in_full]
    return tuple(sorted({*parts, *known})) if known else parts


def incident_parts(claims: list[Claim], mention_of: list[tuple[int, int]], parts: list[tuple[str, ...]],
                   surnames: list[tuple[str, ...]], in_full: set[tuple[str, str]], fs: FrameSet
                   ) -> dict[str, tuple[str, ...]]:
    """Document -> the participants of the incident it reports: those its claims of events in one place
    (`Frame.located`: the victim, the shooter, the one arrested) name in the headline or the lead, or in two claims
    at least, when they are at most `INCIDENT_PARTS` (a report of one incident, not a round-up). A name the body
    gives once is the background ("a day earlier, Alton Sterling was shot")."""
    located = fs.located()
    seen: dict[str, Counter] = defaultdict(Counter)
    for c, pair in zip(claims, mention_of, strict=True):
        if c.predicate.frame in located:
            doc = c.doc_id
            weight = 1 if c.section == "body" else 2
            named = set()
            for m in pair:
                if m >= 0:
                    named.update(people_of(parts[m], surnames[m], doc, in_full))
            for p in named:
                seen[doc][p] += weight
    out: dict[str, tuple[str, ...]] = {}
    for doc, counts in seen.items():
        main = sorted(p for p, n in counts.items() if n >= 2)
        if 0 < len(main) <= INCIDENT_PARTS:
            out[doc] = tuple(main)
    return out


def incident_places(claims: list[Claim], doc_spots: dict[str, frozenset[str]], fs: FrameSet
                    ) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Document -> the day and the places of the one incident it reports: the one day its asserted claims of events
    in one place name within the week before publication, and the places below a large town it names
    (`places.is_town`: two shootings in one city on one day are common), at most `INCIDENT_PLACES` of them."""
    located = fs.located()
    days: dict[str, set[int]] = defaultdict(set)
    for c in claims:
        if c.predicate.frame in located and c.polarity == "positive" and c.modality == "asserted":
            day = fresh_day(c.time, c.published)
            if day is not None:
                days[c.doc_id].add(day)
    out: dict[str, tuple[int, tuple[str, ...]]] = {}
    for doc, found in days.items():
        sites = tuple(sorted(s for s in doc_spots.get(doc, ()) if not is_town(s.replace("_", " "))))
        if len(found) == 1 and 0 < len(sites) <= INCIDENT_PLACES:
            out[doc] = (next(iter(found)), sites)
    return out
