"""A claim reduced to what grouping and relating need (`Row`), read from the claim once, and its tolerances.

Tolerances (all here, all documented), used by `relations`:

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

import re
from datetime import date
from functools import lru_cache
from operator import attrgetter

from claimx.common.text import fold
from claimx.schemas import Claim, TimeSpan

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
_ANCHOR = attrgetter("anchor")


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


def fresh_day(t: TimeSpan | None, published: date | None) -> int | None:
    """The day (ordinal) a time names, when it is one day within the week before publication ("Sunday" in Monday's
    paper), else None."""
    spans = time_interval(t)
    if spans is None or published is None:
        return None
    (r0, r1), pub = spans[1], published.toordinal()
    return r0 if r0 == r1 and pub - FRESH_DAYS <= r0 <= pub else None


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
                    "section", "predicate.frame", "predicate.lemma", "modality", "polarity", "value", "time",
                    "confidence")
_VALUE = attrgetter("kind", "unit", "amount", "approx", "mod")
_COUNTS = attrgetter("counts", "unit")


_NONE: frozenset[str] = frozenset()


_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?([^\s/:@]+\.[^\s/:@]+)(?::\d+)?(?:/\S*)?$", re.IGNORECASE)


@lru_cache(maxsize=4096)
def outlet_id(source: str) -> str:
    """The source id of an outlet: its name folded ("Le Monde " and "le monde" are one), or for a web address its
    registrable domain ("homicide.latimes.com" and "www.latimes.com" are latimes.com; "bbc.co.uk" stays whole: the
    public suffix list, offline), after a control character that no document id starts with."""
    name = fold(source).strip()
    host = _HOST.match(name)
    if host is not None:
        name = registrable_domain(host.group(1)) or name
    return "\x1f" + name


@lru_cache(maxsize=1)
def _extract():  # noqa: ANN202 (tldextract has no types)
    import tldextract

    # The public suffix list bundled with tldextract; never fetched (no network at run time).
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def registrable_domain(host: str) -> str | None:
    """The domain an outlet registered ("homicide.latimes.com" → "latimes.com"); None for a host without one."""
    parts = _extract()(host)
    return f"{parts.domain}.{parts.suffix}" if parts.domain and parts.suffix else None


def id_words(cid: str, stop: frozenset[str] | set[str] = frozenset()) -> frozenset[str]:
    """The words of a canonical id ("resolution_russie"), numbers and `stop` words left out."""
    return frozenset(w for w in cid.split("_") if not w.isdigit() and w not in stop)


class Row:
    """A claim reduced to what grouping and relating need, read from the claim once.

    A million claims are scattered over gigabytes; every later step reads these compact rows instead, and
    goes back to `claim` only for the few claims it shows (conflict sides). `fam`, `pred`, `parts`, `subj`
    and `obj` are set by reconciliation once the corpus is known.
    """

    __slots__ = ("claim", "cid", "doc", "start", "end", "origin", "source", "sentence", "pub", "lang", "section",
                 "frame", "lemma", "pred", "fam", "pos", "mcls", "vsig", "span", "raw", "parts", "subj", "obj",
                 "fresh", "objwords", "twin", "conf", "anchor", "measure", "places", "spots", "doc_spots", "doc_parts",
                 "doc_place", "fact")

    def __init__(self, claim: Claim):
        # The fields come out in two C calls (`attrgetter`): a million claims make every attribute read count.
        (self.cid, doc, self.start, self.end, self.sentence, source, published, self.lang, self.section, self.frame,
         self.lemma, modality, polarity, v, t, self.conf) = _CLAIM(claim)
        self.claim = claim
        self.doc = doc
        # One outlet is one source: its documents share this id (a document without an outlet is its own).
        self.origin = outlet_id(source) if source else doc
        self.source = source or doc
        self.pub = pub = published.toordinal() if published else None
        self.pos = (polarity == "positive") != (modality == "denied")
        self.mcls = "A" if modality in ("asserted", "denied") else ("H" if modality == "hedged" else "F")
        self.vsig = _VALUE(v) if v is not None and v.amount is not None else None
        # What the value counts ("people", "jobs"): the normalised measure, else the counted noun as written.
        self.measure = None
        if self.vsig is not None:
            counts, unit = _COUNTS(v)
            self.measure = counts or unit
        spans = time_interval(t)
        if spans is None:
            self.span = self.raw = self.anchor = None
            self.fresh = False
        else:
            anchor = _ANCHOR(t)  # set when the expression was relative ("Sunday", "last month")
            self.anchor = anchor.toordinal() if anchor is not None else None
            self.span, raw = spans
            self.raw = raw
            # A report of an event that happened within the week before publication.
            self.fresh = pub is not None and pub - FRESH_DAYS <= raw[1] and raw[0] <= pub
        self.objwords: frozenset[str] | None = None  # content words of a generic object ("a software centre")
        self.twin = False  # another document has the same evidence sentence (set by reconciliation)
        # Set by reconciliation: the places the claim names, the specific ones (`places.is_broad`), and the specific
        # places its whole document names.
        self.places: frozenset[str] = _NONE
        self.spots: frozenset[str] = _NONE
        self.doc_spots: frozenset[str] = _NONE
        self.doc_parts: tuple[str, ...] = ()  # the participants of the one incident its document reports, if one
        self.doc_place: tuple[int, tuple[str, ...]] | None = None  # that incident's day and places, if one
        self.fact: str = ""  # the fact of its story the claim is in: its predicate, and for a recurring event, when


# What makes two claims of a story interchangeable for relating them (a position): row -> tuple.
signature = attrgetter("pred", "pos", "mcls", "vsig", "span")
