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

Tolerances (all here, all documented):

- **time**: intervals (`TimeSpan.start`..`end`, inclusive) agree when they overlap, so the coarser one decides
  ("2024" contains "January 2024"). Fuzzy modifiers (START, MID, END, APPROX) and seasons widen an interval by
  `FUZZY_DAYS` on each side ("mid-2025" and "the summer of 2025" agree); "by"/"before"/"until" open it to
  the past, "since"/"after"/"as of" to the future. Unresolved, missing or DURATION/SET times are compatible
  with everything.
- **values**: each value is an interval: ±1% when exact, ±10% when approximate (`approx` or mod APPROX);
  "more than"/"at least" open it upwards, "less than"/"at most" downwards. Values conflict when their
  intervals are disjoint. Money needs the same currency (or one unstated), measures the same unit; counts
  compare whatever their noun ("staff", "employees", "salariés"): the frame already says what is counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from claimx.common.text import fold

from claimx.claims.frames import FrameSet
from claimx.schemas import Claim, ConflictType, TimeSpan

UPDATE_GAP_DAYS = 30  # publications further apart than this can replace one another
FRESH_DAYS = 7  # a time within this many days before publication is a fresh report of the event
FUZZY_DAYS = 31  # widening of "mid-", "late", "around", seasons
EXACT_TOL = 0.01
APPROX_TOL = 0.10
FUZZY_MODS = frozenset({"START", "MID", "END", "APPROX"})
OPEN_PAST = frozenset({"before", "by", "until"})
OPEN_FUTURE = frozenset({"after", "since", "as_of"})
OPEN_PAST_MODS = frozenset({"BEFORE", "ON_OR_BEFORE"})
OPEN_FUTURE_MODS = frozenset({"AFTER", "ON_OR_AFTER"})
MORE = frozenset({"MORE_THAN", "AT_LEAST", "EQUAL_OR_MORE"})
LESS = frozenset({"LESS_THAN", "AT_MOST", "EQUAL_OR_LESS"})
_INF = 10**9


_TIME = attrgetter("resolved", "start", "end", "type", "mod", "granularity", "relation")


def time_interval(t: TimeSpan | None) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(widened, raw) day-ordinal intervals of a resolved DATE/TIME span; None when not comparable."""
    if t is None:
        return None
    resolved, start, end, kind, mod, granularity, relation = _TIME(t)  # one C call: read once per claim
    if not resolved or start is None or end is None or kind not in ("DATE", "TIME"):
        return None
    r0, r1 = start.toordinal(), end.toordinal()
    if r1 < r0:
        r0, r1 = r1, r0
    widen = FUZZY_DAYS if (mod in FUZZY_MODS or granularity == "season") else 0
    lo, hi = r0 - widen, r1 + widen
    if relation in OPEN_PAST or mod in OPEN_PAST_MODS:
        lo = -_INF
    if relation in OPEN_FUTURE or mod in OPEN_FUTURE_MODS:
        hi = _INF
    return (lo, hi), (r0, r1)


def value_interval(amount: float | None, approx: bool, mod: str | None) -> tuple[float, float]:
    """The interval of amounts a quantity is compatible with (its tolerance and its bound, if any)."""
    amount = float(amount or 0.0)
    tol = APPROX_TOL if (approx or mod == "APPROX") else EXACT_TOL
    lo, hi = sorted((amount * (1 - tol), amount * (1 + tol)))
    if mod in MORE:
        hi = float("inf")
    elif mod in LESS:
        lo = float("-inf")
    return lo, hi


_CLAIM = attrgetter("id", "doc_id", "evidence.start", "evidence.end", "evidence.sentence", "source", "published", "lang",
                    "section", "predicate.frame", "predicate.lemma", "modality", "polarity", "value", "time")
_VALUE = attrgetter("kind", "unit", "amount", "approx", "mod")


@lru_cache(maxsize=4096)
def outlet_id(source: str) -> str:
    """The source id of an outlet: its name folded ("Le Monde " and "le monde" are one), after a control
    character that no document id starts with."""
    return "\x1f" + fold(source).strip()


class Row:
    """A claim reduced to what grouping and relating need, read from the claim once.

    A million claims are scattered over gigabytes; every later step reads these compact rows instead, and
    goes back to `claim` only for the few claims it shows (conflict sides). `fam`, `pred`, `parts`, `subj`
    and `obj` are set by reconciliation once the corpus is known.
    """

    __slots__ = ("claim", "cid", "doc", "start", "end", "origin", "source", "sentence", "pub", "lang", "section",
                 "frame", "lemma", "pred", "fam", "pos", "mcls", "vsig", "span", "raw", "parts", "subj", "obj",
                 "fresh", "objwords", "twin")

    def __init__(self, claim: Claim):
        # The fields come out in two C calls (`attrgetter`): a million claims make every attribute read count.
        (self.cid, doc, self.start, self.end, self.sentence, source, published, self.lang, self.section, self.frame,
         self.lemma, modality, polarity, v, t) = _CLAIM(claim)
        self.claim = claim
        self.doc = doc
        # One outlet is one source: its documents share this id (a document without an outlet is its own).
        self.origin = outlet_id(source) if source else doc
        self.source = source or doc
        self.pub = pub = published.toordinal() if published else None
        self.pos = (polarity == "positive") != (modality == "denied")
        self.mcls = "A" if modality in ("asserted", "denied") else ("H" if modality == "hedged" else "F")
        self.vsig = _VALUE(v) if v is not None and v.amount is not None else None
        spans = time_interval(t)
        if spans is None:
            self.span = self.raw = None
            self.fresh = False
        else:
            self.span, raw = spans
            self.raw = raw
            # A report of an event that happened within the week before publication.
            self.fresh = pub is not None and pub - FRESH_DAYS <= raw[1] and raw[0] <= pub
        self.objwords: frozenset[str] | None = None  # content words of a generic object ("a software centre")
        self.twin = False  # another document has the same evidence sentence (set by reconciliation)


# What makes two claims of a story interchangeable for relating them (a position): row -> tuple.
signature = attrgetter("pred", "pos", "mcls", "vsig", "span")


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
