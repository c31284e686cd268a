"""How two claims of one story relate: they agree, conflict (typed), or one updates the other.

The conflict types follow de Marneffe, Rafferty and Manning (2008), "Finding contradictions in text":

- `antonym`: frames declared contradictory (`FrameSet.contradicts`: spin off ⟂ reintegrate) at compatible
  times, both affirmative;
- `negation`: same frame, opposite polarity (a `denied` claim counts as negative);
- `numeric`: values of the same kind out of tolerance;
- `temporal`: same frame and polarity, both times resolved and disjoint ("established in November 2023" vs
  "in 2022"), at least one side asserted (a plan has several dates: announced, effective), unless they read
  as two fresh reports of two successive events;
- `modality`: one side asserts what the other only plans, expects or hedges.

Two claims of one language whose objects are both generic noun phrases without a content word in common
("opened a new software centre", "shut down the EV company") are about different things, whatever their
frames. An object that names the frame's own theme ("its IPO" for ipo_cancel, "300 jobs" for cut_jobs)
is no discriminator, and across languages the words cannot be compared.

An **update** is a timeline step, not a contradiction: a frame that supersedes the other
(`FrameSet.supersedes`: cancel after postpone), a state that changed between disjoint times, a plan reported
more than `UPDATE_GAP_DAYS` before the report that it happened, or such a later publication replacing an
earlier report whose time is unknown (a reversal, a new figure). Contradictory frames at the same time
(postpone ⟂ cancel, both "in January 2024") stay an antonym conflict even when one supersedes the other.

Tolerances of times and values: see `claimx.reconcile.rows`.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimx.claims.frames import FrameSet
from claimx.reconcile.rows import Row, value_interval
from claimx.schemas import ConflictType

UPDATE_GAP_DAYS = 30  # publications further apart than this can replace one another


@dataclass(frozen=True, slots=True)
class Relation:
    kind: str  # "agree", "conflict", "update"
    type: ConflictType | None = None
    differs: tuple[str, ...] = ()
    earlier: Row | None = None  # for updates
    later: Row | None = None


AGREE = Relation("agree")
# Conflicts carry no claims, so each kind is one shared record.
ANTONYM = Relation("conflict", "antonym", ("frame",))
NEGATION = Relation("conflict", "negation", ("polarity",))
TEMPORAL = Relation("conflict", "temporal", ("time",))
NUMERIC = Relation("conflict", "numeric", ("value",))
NUMERIC_AND_MODALITY = Relation("conflict", "numeric", ("value", "modality"))
MODALITY = Relation("conflict", "modality", ("modality",))


FramePairs = dict[tuple[str, str], tuple[bool, bool, bool]]


def frame_pairs(fs: FrameSet) -> FramePairs:
    """(a, b) -> (a contradicts b, b supersedes a, a supersedes b), for the related pairs of frames only."""
    out: FramePairs = {}
    for a, frame in fs.frames.items():
        for b in frame.contradicts + frame.supersedes:
            if b in fs.frames:
                for x, y in ((a, b), (b, a)):
                    out[(x, y)] = (fs.contradicts(x, y), fs.supersedes(y, x), fs.supersedes(x, y))
    return out


def time_order(a: Row, b: Row) -> int | None:
    """None when either time is unknown, 0 when the intervals overlap, -1 when a is before b, 1 after."""
    if a.span is None or b.span is None:
        return None
    if a.span[1] < b.span[0]:
        return -1
    if b.span[1] < a.span[0]:
        return 1
    return 0


def pub_order(a: Row, b: Row) -> int:
    """-1 when a was published more than UPDATE_GAP_DAYS before b, 1 after, 0 otherwise or unknown."""
    if a.pub is None or b.pub is None or abs(a.pub - b.pub) <= UPDATE_GAP_DAYS:
        return 0
    return -1 if a.pub < b.pub else 1


def values_clash(a: Row, b: Row) -> bool:
    """True when both claims carry comparable values whose tolerance intervals are disjoint."""
    va, vb = a.vsig, b.vsig  # (kind, unit, amount, approx, mod)
    if va is None or vb is None or va[0] != vb[0]:
        return False
    if va[0] in ("money", "measure") and va[1] != vb[1] and (va[0] == "measure" or (va[1] and vb[1])):
        return False
    (alo, ahi), (blo, bhi) = value_interval(*va[2:]), value_interval(*vb[2:])
    return ahi < blo or bhi < alo


def distinct_events(a: Row, b: Row) -> bool:
    """Two fresh reports, published on different days in the order of their disjoint times: two events."""
    if not (a.fresh and b.fresh) or a.pub == b.pub:
        return False
    order = time_order(a, b)
    return order is not None and order != 0 and order == (-1 if a.pub < b.pub else 1)


def _update(earlier: Row, later: Row) -> Relation:
    return Relation("update", earlier=earlier, later=later)


def _by_time(a: Row, b: Row, order: int) -> Relation:
    return _update(a, b) if order < 0 else _update(b, a)


def relate(a: Row, b: Row, pairs: FramePairs) -> Relation | None:
    """The relation between two claims of one story, or None when they are about different things.

    `pairs` is `frame_pairs(frameset)`, computed once per run.
    """
    if a.objwords and b.objwords and a.lang == b.lang and not a.objwords & b.objwords:
        return None  # "opened a software centre" and "shut down the company" are about two things
    sa, sb = a.span, b.span
    t = None if sa is None or sb is None else (-1 if sa[1] < sb[0] else 1 if sb[1] < sa[0] else 0)
    pa, pb = a.pub, b.pub
    p = 0 if pa is None or pb is None or abs(pa - pb) <= UPDATE_GAP_DAYS else (-1 if pa < pb else 1)
    if a.pred != b.pred:
        if a.frame is None or b.frame is None or not (a.pos and b.pos):
            return None
        related = pairs.get((a.frame, b.frame))
        if related is None:
            return None
        contra, b_after_a, a_after_b = related
        if t:  # disjoint times: the later one is a new state
            return _by_time(a, b, t)
        if t is None and p:
            early, late, late_after = (a, b, b_after_a) if p < 0 else (b, a, a_after_b)
            early_after = a_after_b if p < 0 else b_after_a
            if late_after or (contra and not early_after):
                return _update(early, late)
        if contra:
            return ANTONYM
        return _update(a, b) if b_after_a else _update(b, a)
    if a.pos != b.pos:
        if t:
            return _by_time(a, b, t)
        if t is None and p:
            return _by_time(a, b, p)
        return NEGATION
    clash = values_clash(a, b)
    mdiff = (a.mcls == "A") != (b.mcls == "A")
    if t:
        if distinct_events(a, b):
            return None
        if clash or mdiff:
            return _by_time(a, b, t)
        if a.mcls != "A" and b.mcls != "A":  # two plans: announced for one date, effective at another
            return _by_time(a, b, p) if p else None
        return TEMPORAL
    if clash:
        if t is None and p:
            return _by_time(a, b, p)
        return NUMERIC_AND_MODALITY if mdiff else NUMERIC
    if mdiff:
        plan, done = (a, b) if b.mcls == "A" else (b, a)
        if pub_order(plan, done) < 0:
            return _update(plan, done)
        return MODALITY
    return AGREE
