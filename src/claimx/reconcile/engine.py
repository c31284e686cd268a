"""Cross-source reconciliation: canonicalised claims become facts, their corroboration, and typed conflicts.

**Stories and facts.** Claims first group into *stories*: a *frame family* with compatible *named
participants*, in compatible event context. Inside a story, the claims of one predicate (frame, else lemma) are
one *fact* (spin off and reintegrate are two facts of one story), so a reintegration two outlets report is a
corroborated fact even when a headline says "spin off"; the antonym conflict links the two facts.

- The frame family is the connected set of frames linked by `contradicts`/`supersedes` (ipo_plan,
  ipo_postpone, ipo_cancel, ipo_complete are one family; spin_off and reintegrate another). A claim without
  a frame uses its lemma as family ("lemma:announce"), so it only meets claims with the same lemma.
- Participants, subset groups, claims without a named participant, and events: see `grouping`.

**Blocking, not pairs.** Grouping is hashing on those keys (`grouping`), so a million claims never meet
pairwise. Pairwise work happens only inside one story (`stories`): over at most `stories.MAX_POSITIONS`
distinct *positions* (claims with the same predicate, polarity, modality class, value and time are one
position; the best supported are kept), and for reprints inside the blocking keys of `sources`.

**Inside a story** (`stories`, `relations.relate`), each pair of positions agrees, conflicts (antonym, negation,
numeric, temporal, modality), or is an update (timeline step). Conflicts are reported between documents, and
within one document (a headline against its body, or two sentences of the body) with `intra_document=True`;
one conflict per pair of *stances* (positions joined by agreement), at most `stories.MAX_CONFLICTS` per story.
Reprints of one story and documents of one outlet count once (`sources.source_clusters`). A fact is
`conflicting` with conflicts among its own claims or when a fact of its story contradicts it and it is not
corroborated itself, else `evolving` when a later step of the timeline supersedes it, else `corroborated` when
two independent sources agree, else `single_source`. Every fact lists the conflicts its claims take part in.

**Shares and worker processes.** Stories never cross frame families, so the claims are dealt into shares of
whole families (about `SHARE_CLAIMS` claims each), reconciled one after the other: the rows of one share stay near
each other in memory. With `jobs > 1`, this process and `jobs - 1` forked workers each take the next share when
done. Given a `runner` (the Dask engine's), the shares run elsewhere instead, as plain data: the claims and their
mentions once for all shares (`share_payload`), each share's facts and conflicts back as JSON (`share_task`).
The output is the same for any number of jobs and shares, wherever they ran.

Keys and ids are SHA-1 digests of content (never Python's `hash()`), and every result is independent of the order
of the rows (sets, counts, sorted keys, ties broken by claim), so the same claims in any order give the same output.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter, itemgetter

from claimx.claims.frames import FrameSet, load_frames
from claimx.common.records import bulk
from claimx.common.text import fold
from claimx.common.unionfind import UnionFind
from claimx.reconcile.aliases import TOKEN, AliasTable, load_aliases
from claimx.reconcile.antonyms import antonym_predicates, lemma_predicate
from claimx.reconcile.canon import CanonicalIds, Mention, Resolution
from claimx.reconcile.conflicts import build_conflict
from claimx.reconcile.grouping import group_stories
from claimx.reconcile.names import names_of, participants_title
from claimx.reconcile.participants import NamedEntities
from claimx.reconcile.relations import FrameRules, frame_rules
from claimx.reconcile.reports import NO_PLACES, claim_places, doc_spots, incident_parts, incident_places, people_of
from claimx.reconcile.rows import Row, id_words, outlet_id
from claimx.reconcile.stories import build_story
from claimx.reconcile.workers import Found, can_fork, run_shares
from claimx.schemas import Claim, Conflict, Fact

CHUNKS_PER_JOB = 4  # shares of the claims per worker process at least: a worker that finishes early takes another
SHARE_CLAIMS = 50_000  # claims per share at most, unless one frame family is larger (shares keep families whole)
# runs `share_task(payload, share)` for every share elsewhere (another process, another machine): the results in order
ShareRunner = Callable[[dict, list[list[int]]], list[dict]]


@dataclass(frozen=True)
class ReconcileResult:
    facts: list[Fact]
    conflicts: list[Conflict]


def reconcile(claims: list[Claim], frameset: FrameSet, *, aliases: AliasTable | None = None,
              ids: CanonicalIds | Resolution | None = None, jobs: int = 1,
              min_confidence: float = 0.0, runner: ShareRunner | None = None) -> ReconcileResult:
    """Group claims into facts and type the conflicts between sources; deterministic, input order irrelevant.

    `ids` are the claims' canonical (subject, object) ids from `canon.resolve`, in `claims` order, or the
    `canon.resolve_mentions` that found them (then the claims' entities are not read again); without them each
    entity's `canonical` is used (`canon.canonicalise` fills it), else the id of the mention alone.
    `jobs` processes share the work (this one and forked workers; one process where the system cannot fork),
    and the output is the same for any number.
    Every claim at least `min_confidence` sure ends in exactly one fact; the others are left out (a reading claimx is
    not sure of corroborates and contests nothing). Facts are sorted by (subject, frame, key), conflicts by (title,
    type, id).
    With a `runner`, the shares are reconciled where it runs them, `jobs` shares a worker at least; there the frames
    and aliases are those of the models folders (so `frameset` and `aliases` must be those too).
    """
    given = len(ids.ids if isinstance(ids, Resolution) else ids) if ids is not None else len(claims)
    if given != len(claims):
        raise ValueError(f"{given} canonical id pairs for {len(claims)} claims")
    with bulk():
        return _reconcile(claims, ids, frameset, aliases or load_aliases(), jobs, min_confidence, runner)


def _reconcile(claims: list[Claim], ids: CanonicalIds | Resolution | None, frameset: FrameSet, table: AliasTable,
               jobs: int, min_confidence: float, runner: ShareRunner | None = None) -> ReconcileResult:
    families = frame_families(frameset)
    index = _index(claims, ids, frameset, table) if runner is None else None
    # Shares of about SHARE_CLAIMS claims, reconciled one after the other: the rows of one share are made together
    # and stay near each other in memory (at 1M claims in one process, 2-7% faster than all at once in two
    # alternated in-process runs, within noise in one of them).
    fams: list[str | None] = index.fams if index is not None else [f for _, f in _predicates(claims, families)]
    if min_confidence > 0:
        fams = [f if c.confidence >= min_confidence else None for f, c in zip(fams, claims, strict=True)]
    many = runner is not None or can_fork(jobs)
    shares = deal_shares(fams, max(-(-len(claims) // SHARE_CLAIMS), CHUNKS_PER_JOB * jobs if many else 1))
    if index is None:
        facts, conflicts = _found_of(runner(share_payload(claims, ids), shares) if shares[0] else [])
    else:
        rules = frame_rules(frameset, families)
        facts, conflicts = run_shares(lambda share: _reconcile_share(index, share, rules), shares, jobs)
    facts.sort(key=lambda f: (f.subject or "", f.frame or f.lemma or "", f.key))
    conflicts.sort(key=lambda c: (c.title, c.type, c.id))
    return ReconcileResult(facts=facts, conflicts=conflicts)


def _reconcile_share(index: _Index, share: Iterable[int], rules: FrameRules) -> Found:
    """The facts and conflicts of the claims numbered `share` (whole frame families)."""
    rows = _rows(index, share)
    named, table = index.named, index.table
    facts: list[Fact] = []
    conflicts: list[Conflict] = []
    for gkey, members in sorted(group_stories(rows, rules.located).items()):
        story = build_story(gkey, members, rules)
        facts += story.facts.values()
        if not story.found:
            continue
        # Titles name entities as readers see them: named entities as anywhere in the corpus, noun phrases
        # as in this story's own claims.
        shown = {c for c in (story.subject, story.object, *story.entities) if c}
        unnamed = {c for c in shown if not named.names.get(c)}
        local = _local_names(members, unnamed, table) if unnamed else {}
        names = {c: named.names.get(c) or local.get(c, c) for c in shown}
        base = participants_title(story.subject, story.object, story.entities, names)
        keys = {label: fact.key for label, fact in story.facts.items()}
        for rel, p, q, intra in story.found:
            conflict = build_conflict(base, rel, p, q, intra, keys, names)
            conflicts.append(conflict)
            for label in {p.fact, q.fact}:
                story.facts[label].conflicts.append(conflict.id)
        for fact in story.facts.values():
            fact.conflicts.sort()
    return facts, conflicts


def share_payload(claims: list[Claim], ids: CanonicalIds | Resolution | None) -> dict:
    """What every share needs, as plain data: the claims and their canonical ids (with the mentions they were
    found from), under a token that names this reconciliation."""
    payload: dict = {"token": uuid.uuid4().hex, "claims": [c.model_dump(mode="json") for c in claims]}
    if isinstance(ids, Resolution):
        payload.update(ids=ids.ids, mentions=ids.mentions, mention_of=ids.mention_of)
    elif ids is not None:
        payload["ids"] = ids
    return payload


_BUILT: tuple[str, _Index, FrameRules] | None = None  # in a worker: the index of the payload it works on
_BUILDING = threading.Lock()


def share_task(payload: dict, share: list[int]) -> dict:
    """The facts and conflicts of the claims numbered `share` of `payload` (`share_payload`), as JSON. A worker
    builds the claims' index once per payload and keeps it for the payload's other shares."""
    global _BUILT
    with _BUILDING:
        if _BUILT is None or _BUILT[0] != payload["token"]:
            _BUILT = None  # the last payload's index goes first
            with bulk():
                claims = [Claim.model_validate(c) for c in payload["claims"]]
                ids: CanonicalIds | Resolution | None = None
                if "mentions" in payload:
                    ids = Resolution([tuple(p) for p in payload["ids"]], [tuple(m) for m in payload["mentions"]],
                                     [tuple(m) for m in payload["mention_of"]])
                elif "ids" in payload:
                    ids = [tuple(p) for p in payload["ids"]]
                frameset = load_frames()
                _BUILT = (payload["token"], _index(claims, ids, frameset, load_aliases()),
                          frame_rules(frameset, frame_families(frameset)))
        _, index, rules = _BUILT
    with bulk():
        facts, conflicts = _reconcile_share(index, share, rules)
        return {"facts": [f.model_dump(mode="json") for f in facts],
                "conflicts": [c.model_dump(mode="json") for c in conflicts]}


def release_share_index() -> None:
    """Forget the index `share_task` keeps (a worker, once the run's shares are done)."""
    global _BUILT
    with _BUILDING:
        _BUILT = None


def _found_of(results: list[dict]) -> Found:
    """The facts and conflicts of `share_task` results, as records."""
    facts: list[Fact] = []
    conflicts: list[Conflict] = []
    for found in results:
        facts += map(Fact.model_validate, found["facts"])
        conflicts += map(Conflict.model_validate, found["conflicts"])
    return facts, conflicts


def deal_shares(fams: list[str | None], n: int) -> list[list[int]]:
    """Claim numbers in at most `n` shares of whole frame families (stories never cross families, so
    shares never meet), largest share first: each family, largest first, goes to the smallest share so far.
    A share lists its claims in input order (the order they were made in, so mostly the order in memory); a claim
    whose family is None is left out."""
    by_fam: dict[str, list[int]] = defaultdict(list)
    for i, fam in enumerate(fams):
        if fam is not None:
            by_fam[fam].append(i)
    shares: list[list[int]] = [[] for _ in range(max(1, min(n, len(by_fam))))]
    for fam in sorted(by_fam, key=lambda f: (-len(by_fam[f]), f)):
        min(shares, key=len).extend(by_fam[fam])
    for share in shares:
        share.sort()
    return sorted(shares, key=len, reverse=True)


def _local_names(rows: list[Row], wanted: set[str], table: AliasTable) -> dict[str, str]:
    """Canonical id -> the name these claims use most for it ("the new leadership"), for the `wanted` ids.

    Only the claims naming a wanted id are read: a story can hold thousands, scattered in memory."""
    return names_of(((ent, cid) for r in rows if r.subj in wanted or r.obj in wanted
                     for ent, cid in ((r.claim.subject, r.subj), (r.claim.object, r.obj)) if cid in wanted),
                    aliases=table)


def frame_families(fs: FrameSet) -> dict[str, str]:
    """Predicate -> family id: frames linked by contradicts/supersedes, and antonymous lemmas of claims without a
    frame (`antonyms`), share the smallest id of their set; any other lemma predicate is its own family."""
    sets = UnionFind((frame.id, other) for frame in fs.frames.values()
                     for other in frame.contradicts + frame.supersedes if other in fs.frames)
    lemmas = antonym_predicates()
    for a, b in lemmas:
        sets.union(a, b)
    return {f: sets.find(f) for f in (*fs.frames, *(a for a, _ in lemmas))}


@dataclass(frozen=True)
class _Index:
    """What every share of the claims reads: their mentions and predicates, numbered corpus-wide."""

    claims: list[Claim]
    mention_of: list[tuple[int, int]]  # claim -> (subject, object) mention numbers, -1 for none
    preds: list[tuple[str, str]]  # claim -> (predicate, frame family)
    parts: list[tuple[str, ...]]  # mention -> the named participants it is or contains
    cids: list[str]  # mention -> canonical id
    named: NamedEntities
    table: AliasTable
    doc_spots: dict[str, frozenset[str]]  # document -> the specific places its claims name
    spots: list[frozenset[str]]  # mention -> the places among its weak participants ("Houston" as a subject)
    surnames: list[tuple[str, ...]]  # mention -> the people it names by a surname alone
    in_full: set[tuple[str, str]]  # (document, person) where the document names the person in full
    doc_parts: dict[str, tuple[str, ...]]  # document -> the participants of the one incident it reports, if one
    doc_places: dict[str, tuple[int, tuple[str, ...]]]  # document -> the day and places of that incident, if one

    @property
    def fams(self) -> list[str]:
        return list(map(itemgetter(1), self.preds))


def _index(claims: list[Claim], ids: CanonicalIds | Resolution | None, fs: FrameSet, table: AliasTable) -> _Index:
    """Each claim's mentions numbered (text, label, canonical id) and its predicate; the gazetteer of mentions."""
    if isinstance(ids, Resolution):
        mentions, mention_of = ids.mentions, ids.mention_of
    else:
        mentions, mention_of = _mentions(claims, ids)
    preds = _predicates(claims, frame_families(fs))
    counts = Counter(chain.from_iterable(mention_of))
    named = NamedEntities.from_mentions({m: counts[k] for k, m in enumerate(mentions)}, aliases=table)
    every = [named.participants_of(m) for m in mentions]
    # Weak participants (a surname alone, a city) tell no event from another across documents: the strong ones group
    # claims; a weak participant that is a place still places the claim (`Row.spots`).
    parts = [named.identifying(m) for m in mentions]
    # A surname alone is the person its own document names in full ("Jobs" after "Steve Jobs"), never one that
    # another document's "Thomas" was resolved to.
    surnames = [named.surname_people(m) for m in mentions]
    full = [named.named_in_full(m) for m in mentions]
    in_full = {(c.doc_id, full[m]) for c, pair in zip(claims, mention_of, strict=True) for m in pair
               if m >= 0 and full[m] is not None}
    spots = [frozenset(p for p in ps if p in named.places) for ps in every]
    cids = [m[2] or table.analyse(m[0], m[1])[1] for m in mentions]
    for source in {c.source for c in claims if c.source}:  # once, here: forked workers inherit them (`Row.origin`)
        outlet_id(source)
    spots_of = doc_spots(claims, table)
    return _Index(claims, mention_of, preds, parts, cids, named, table, spots_of, spots, surnames, in_full,
                  incident_parts(claims, mention_of, parts, surnames, in_full, fs),
                  incident_places(claims, spots_of, fs))


def _predicates(claims: list[Claim], families: dict[str, str]) -> list[tuple[str, str]]:
    """Each claim's (predicate, frame family): its frame, else its lemma as a predicate."""
    preds: list[tuple[str, str]] = []
    pred_of: dict[tuple[str | None, str], tuple[str, str]] = {}
    for p in map(attrgetter("predicate"), claims):
        pf = pred_of.get((p.frame, p.lemma))
        if pf is None:
            pred = p.frame if p.frame is not None else lemma_predicate(p.lemma)
            pf = pred_of[(p.frame, p.lemma)] = (pred, families.get(pred, pred))
        preds.append(pf)
    return preds


def _mentions(claims: list[Claim], ids: CanonicalIds | None) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The distinct (text, label, canonical id) of the claims' subjects and objects, and each claim's numbers.

    Ids come from `ids`, else from each entity's `canonical` (`canon.resolve_mentions` numbers them itself).
    """
    numbers: dict[Mention, int] = {}
    mention_of: list[tuple[int, int]] = []
    for i, c in enumerate(claims):
        s, o = c.subject, c.object
        if ids is not None:
            sid, oid = ids[i]
        else:
            sid, oid = (s.canonical if s is not None else None), (o.canonical if o is not None else None)
        # A new mention gets the next number (len(numbers) is read before setdefault inserts).
        ms = numbers.setdefault((s.text, s.label, sid), len(numbers)) if s is not None else -1
        mo = numbers.setdefault((o.text, o.label, oid), len(numbers)) if o is not None else -1
        mention_of.append((ms, mo))
    return list(numbers), mention_of


def _rows(index: _Index, share: Iterable[int]) -> list[Row]:
    """The claims `share` as rows, in the order of `share` (input order: the order the claims were made in, so mostly
    their order in memory, which later passes over a story's rows then read nearly in sequence). Nothing downstream
    depends on this order (`grouping`, `stories`, `sources`), so it is never sorted.

    `Row.twin` is set among these claims only: a share holds whole stories, and only another claim of the
    same story can make a twin count (`sources`)."""
    claims, mention_of, preds, parts, cids = index.claims, index.mention_of, index.preds, index.parts, index.cids
    surnames, in_full = index.surnames, index.in_full
    stop = index.table.acronym_stopwords
    objwords: dict[tuple[str, str, str], frozenset[str]] = {}
    joint: dict[tuple[int, int], tuple[str, ...]] = {}
    rows: list[Row] = []
    first: dict[str, str] = {}  # evidence sentence -> the first document with it
    twins: set[str] = set()  # the sentences another document has too
    places: dict = {}
    doc_spots, doc_parts, doc_places = index.doc_spots, index.doc_parts, index.doc_places
    for i in share:
        claim = claims[i]
        r = Row(claim)
        rows.append(r)
        if claim.places:
            r.places, r.spots = claim_places(claim, index.table, places)
        r.doc_spots = doc_spots.get(r.doc, NO_PLACES[0])
        r.doc_parts = doc_parts.get(r.doc, ())
        r.doc_place = doc_places.get(r.doc)
        ms, mo = mention_of[i]
        if ms >= 0 and index.spots[ms] or mo >= 0 and index.spots[mo]:
            r.spots = r.spots.union(index.spots[ms] if ms >= 0 else (), index.spots[mo] if mo >= 0 else ())
        # Read while the row is at hand: four passes over the rows after this loop took 1.6 s at 1M claims.
        if first.setdefault(r.sentence, r.doc) != r.doc:
            twins.add(r.sentence)
        r.pred, r.fam = preds[i]
        r.fact = r.pred
        ms, mo = mention_of[i]
        sp = parts[ms] if ms >= 0 else ()
        op = parts[mo] if mo >= 0 else ()
        if ms >= 0 and surnames[ms]:
            sp = people_of(sp, surnames[ms], r.doc, in_full)
        if mo >= 0 and surnames[mo]:
            op = people_of(op, surnames[mo], r.doc, in_full)
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
                words = id_words(obj, stop)
                if words & _theme(r.pred, r.lemma):
                    words = frozenset()  # the frame's own theme ("its IPO" of ipo_cancel) is no discriminator
                objwords[wkey] = words
            r.objwords = words or None
    if twins:
        for r in rows:
            r.twin = r.sentence in twins
    return rows


def _theme(pred: str, lemma: str) -> frozenset[str]:
    """The words of a frame id and lemma ("ipo_cancel", "cancel" → {ipo, cancel})."""
    return frozenset(TOKEN.findall(fold(pred.replace("_", " ") + " " + lemma)))
