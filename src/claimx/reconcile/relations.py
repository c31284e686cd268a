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
from claimx.reconcile.antonyms import antonym_predicates
from claimx.reconcile.rows import Row, id_words, value_interval
from claimx.schemas import ConflictType

UPDATE_GAP_DAYS = 30  # publications further apart than this can replace one another
EVENT_UPDATE_DAYS = 0  # ... for an event in one place (a toll, an arrest): the next day's report updates it
NEGATION_MIN_CONFIDENCE = 0.6  # a negation conflict needs its negative side at least this sure of its reading


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


@dataclass(frozen=True)
class FrameRules:
    """What relating two claims needs to know of their frames, computed once per run (`frame_rules`)."""

    # (a, b) -> (a contradicts b, b supersedes a, a supersedes b), for the related pairs of frames only
    pairs: dict[tuple[str, str], tuple[bool, bool, bool]]
    once: frozenset[str]  # frames that happen once to the same participants (`Frame.repeatable` false)
    located: frozenset[str]  # frame families of events in one place (`Frame.located`)
    antonyms: frozenset[tuple[str, str]] = frozenset()  # lemma predicates of claims without a frame, both orders


def frame_rules(fs: FrameSet, families: dict[str, str]) -> FrameRules:
    """The rules of `fs`; `families` maps each frame to its family (`engine.frame_families`)."""
    pairs: dict[tuple[str, str], tuple[bool, bool, bool]] = {}
    for a, frame in fs.frames.items():
        for b in frame.contradicts + frame.supersedes:
            if b in fs.frames:
                for x, y in ((a, b), (b, a)):
                    pairs[(x, y)] = (fs.contradicts(x, y), fs.supersedes(y, x), fs.supersedes(x, y))
    once = frozenset(f for f, frame in fs.frames.items() if not frame.repeatable)
    located = frozenset(families[f] for f in fs.located())
    return FrameRules(pairs, once, located, antonym_predicates())


def time_order(a: Row, b: Row) -> int | None:
    """None when either time is unknown, 0 when the intervals overlap, -1 when a is before b, 1 after.

    Two times resolved against different anchors ("Sunday" in a Monday and in a Friday paper, "tomorrow" in a quote
    reprinted a day later) that do not overlap are not known to differ: resolution may have read the same words
    twice, so their order is unknown (None)."""
    sa, sb = a.span, b.span
    if sa is None or sb is None:
        return None
    order = -1 if sa[1] < sb[0] else 1 if sb[1] < sa[0] else 0
    return None if order and a.anchor != b.anchor else order


def pub_order(a: Row, b: Row, gap: int = UPDATE_GAP_DAYS) -> int:
    """-1 when a was published more than `gap` days before b, 1 after, 0 otherwise or unknown."""
    if a.pub is None or b.pub is None or abs(a.pub - b.pub) <= gap:
        return 0
    return -1 if a.pub < b.pub else 1


def values_clash(a: Row, b: Row) -> bool:
    """True when both claims carry comparable values whose tolerance intervals are disjoint.

    Comparable: the same measure (what is counted: "people" against "people", never "shootings" against "people")
    and the same scope (claims that both name places name a place in common: France's job cuts are not Spain's)."""
    va, vb = a.vsig, b.vsig  # (kind, unit, amount, approx, mod)
    if va is None or vb is None or va[0] != vb[0] or a.measure != b.measure or a.measure is None:
        return False
    if a.places and b.places and a.places.isdisjoint(b.places):
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


def relate(a: Row, b: Row, rules: FrameRules) -> Relation | None:
    """The relation between two claims of one story, or None when they are about different things.

    `rules` is `frame_rules(frameset, families)`, computed once per run. Agreement is role-free (a passive misread
    keeps its roles swapped, and two reports of one founding still corroborate each other); a conflict or an update
    between claims of one predicate needs each shared participant in the same role: "Lyons was shot by Thibodeaux" and
    "Thibodeaux also was shot" are two shootings, not one asserted and hedged (across predicates roles differ by
    frame: Nissan invests, then is released from investing).
    """
    rel = _relate(a, b, rules)
    if rel is not None and rel.kind != "agree" and a.pred == b.pred and _roles_swapped(a, b):
        return None
    return rel


def _relate(a: Row, b: Row, rules: FrameRules) -> Relation | None:
    if a.objwords and b.objwords and a.lang == b.lang and not a.objwords & b.objwords:
        return None  # "opened a software centre" and "shut down the company" are about two things
    t = time_order(a, b)
    pa, pb = a.pub, b.pub
    gap = EVENT_UPDATE_DAYS if a.fam in rules.located else UPDATE_GAP_DAYS
    p = 0 if pa is None or pb is None or abs(pa - pb) <= gap else (-1 if pa < pb else 1)
    if a.pred != b.pred:
        if (a.pred, b.pred) in rules.antonyms and a.pos and b.pos:  # "approuvé" against "invalidé", no frame
            if t:
                return _by_time(a, b, t)
            return ANTONYM if same_arguments(a, b) else None
        if a.frame is None or b.frame is None or not (a.pos and b.pos):
            return None
        related = rules.pairs.get((a.frame, b.frame))
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
        negative = a if not a.pos else b
        if negative.conf < NEGATION_MIN_CONFIDENCE or not same_arguments(a, b):
            return None
        if a.mcls == "H" or b.mcls == "H":  # "if the council had voted" or "may have voted" is no claim it did
            return None
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
        # Two dates of an event that happens once contradict each other; of one that recurs, they are two events.
        return TEMPORAL if a.frame in rules.once else None
    if clash:
        if t is None and p:
            return _by_time(a, b, p)
        return NUMERIC_AND_MODALITY if mdiff else NUMERIC
    if mdiff:
        plan, done = (a, b) if b.mcls == "A" else (b, a)
        if plan.mcls == "H":  # asserted against hedged: a real difference of certainty, unless days apart
            return _update(plan, done) if pub_order(plan, done, gap) < 0 else None if p else MODALITY
        # planned or expected against done: the plan, then the deed (an update); a plan reported after the deed is
        # another plan ("was charged", then "will be arraigned on the charges next month")
        if plan.pub is not None and done.pub is not None and plan.pub <= done.pub:
            return _update(plan, done)
        return None
    return AGREE


def _roles_swapped(a: Row, b: Row) -> bool:
    """Whether one claim's agent is the other's patient (and not its agent too): the same participant on the two
    sides of the event is two events, whatever else they share."""
    return (a.subj is not None and a.subj == b.obj and a.subj != b.subj
            or b.subj is not None and b.subj == a.obj and b.subj != a.subj)


def same_arguments(a: Row, b: Row) -> bool:
    """Whether two claims say their predicate of the same arguments: the same object (canonical ids), a named
    participant in common, or the same subject with objects that do not differ. "Police arrested two suspects" and
    "Police have not identified the victims" share a subject, not the arguments that make one the negation of the
    other; "the Council did not pass a resolution against Russia" and "the Council passed a resolution calling the
    Assembly" share a participant, not the object."""
    if a.obj is not None and b.obj is not None:
        if a.obj == b.obj:
            return True
        if a.lang == b.lang and _two_things(a, b):
            return False
    return _shared(a, b)


def _two_things(a: Row, b: Row) -> bool:
    """Two objects each with a word the other lacks ("a resolution against Russia", "a resolution calling the
    Assembly"): two things. One whose words are all in the other ("the resolution") may be the same."""
    wa, wb = _object_words(a), _object_words(b)
    return bool(wa and wb) and not (wa <= wb or wb <= wa)


def _object_words(r: Row) -> frozenset[str]:
    return r.objwords or id_words(r.obj)


def _shared(a: Row, b: Row) -> bool:
    if not set(a.parts).isdisjoint(b.parts):
        return True
    return a.subj is not None and a.subj == b.subj and (a.obj is None or b.obj is None or a.obj == b.obj)
