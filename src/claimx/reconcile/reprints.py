"""Independent sources: which documents behind a fact count once.

Two documents are one source when they come from the same named outlet (`Claim.source`, folded), or when they
are reprints of one wire story: an identical evidence sentence, or two sentences of at least
`REPRINT_WORDS` words that share their first or their last `REPRINT_KEY` words (the blocking key: a reprint
edits the middle, trims the end or adds a dateline, rarely all three), have comparable lengths and a
rapidfuzz token_set_ratio of at least `REPRINT_RATIO`. Comparisons are within one story, inside blocking
keys only, never all pairs.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter

from rapidfuzz import fuzz, utils

from claimx.common.unionfind import UnionFind
from claimx.reconcile.rows import Row

_CID, _DOC, _SENTENCE, _ORIGIN, _TWIN = (attrgetter(a) for a in ("cid", "doc", "sentence", "origin", "twin"))
_CLAIM_ORDER = attrgetter("cid", "doc", "start", "end")

MAX_SENTENCES = 200  # claims (the first, in claim order) whose sentences are compared for reprints in a story
REPRINT_RATIO = 90  # rapidfuzz token_set_ratio of two evidence sentences of one wire story
REPRINT_LENGTH = 0.6  # ... the shorter one at least this share of the longer one
REPRINT_WORDS = 8  # ... and this long: short sentences of two reporters look alike by chance
REPRINT_KEY = 5  # ... and sharing their first or last words (the blocking key)
MAX_BLOCK = 12  # source clusters compared pairwise inside one blocking key


def source_clusters(rows: list[Row]) -> dict[str, str]:
    """doc id -> independent-source id: same named source, or reprints of one story, count once.

    Source ids are only compared: an outlet's (`rows.outlet_id`), else the smallest id of the documents
    in one cluster. The order of `rows` does not matter: a story longer than `MAX_SENTENCES` compares the sentences
    of its first claims in claim order (id, document, offsets).
    """
    # A story can hold tens of thousands of claims: the passes over all its rows are C-level maps, and the
    # Python loops run over the claims whose sentence another document also has (`Row.twin`) and the sample
    # compared for near-identical sentences.
    base = dict(zip(map(_DOC, rows), map(_ORIGIN, rows)))
    shared = list(compress(rows, map(_TWIN, rows)))
    sentences: dict[str, str] = {}  # evidence sentence -> the first doc with it
    links: list[tuple[str, str]] = []  # docs that share a sentence
    for r in shared:
        first = sentences.setdefault(r.sentence, r.doc)
        if first != r.doc:
            links.append((first, r.doc))
    sets: UnionFind[str] = UnionFind((base[a], base[b]) for a, b in links)

    def find(doc: str) -> str:
        return sets.find(base[doc])

    def union(a: str, b: str) -> None:
        sets.union(base[a], base[b])

    clusters = {d: find(d) for d in base} if sets else base
    if len(set(clusters.values())) < 2:
        return clusters
    # Near-identical sentences: candidates share their first or their last REPRINT_KEY words (a reprint edits
    # the middle, trims the end or adds a dateline, rarely all three), so this is hashing, not all pairs.
    sample = _first_claims(rows, MAX_SENTENCES)
    # Sentence -> a doc with it: which one does not matter, the docs that share a sentence were joined above.
    said = dict(zip(map(_SENTENCE, sample), map(_DOC, sample)))
    blocks: dict[str, list[str]] = {}
    for text in sorted(said):
        # Only the words of the keys are split off and lowered, not whole sentences (13% less time here at 300k
        # claims); a space-joined key is as good as the tuple of its words, which have no spaces.
        head = text.split(None, REPRINT_WORDS - 1)  # the first words, then the rest of the sentence
        if len(head) >= REPRINT_WORDS:
            blocks.setdefault("<" + " ".join(head[:REPRINT_KEY]).lower(), []).append(text)
            blocks.setdefault(">" + " ".join(text.rsplit(None, REPRINT_KEY)[-REPRINT_KEY:]).lower(), []).append(text)
    for texts in blocks.values():
        if len(texts) < 2:
            continue
        heads: dict[str, str] = {}  # one sentence per source cluster: a block compares clusters, not sentences
        for text in texts:
            heads.setdefault(find(said[text]), text)
        if len(heads) < 2:
            continue
        reps = list(heads.values())[:MAX_BLOCK]
        for i, a in enumerate(reps):
            for b in reps[i + 1:]:
                da, db = said[a], said[b]
                if find(da) != find(db) and min(len(a), len(b)) >= REPRINT_LENGTH * max(len(a), len(b)) \
                        and fuzz.token_set_ratio(a, b, processor=utils.default_process, score_cutoff=REPRINT_RATIO):
                    union(da, db)
    return {d: find(d) for d in base} if sets else base


def _first_claims(rows: list[Row], n: int) -> list[Row]:
    """The first `n` rows in claim order (id, document, offsets); all of them, in any order, when there are no more.

    Only the claim ids are sorted, in one C call, then the few rows up to the n-th id (twice as fast as
    `heapq.nsmallest` on stories of thousands of claims)."""
    if len(rows) <= n:
        return rows
    cut = sorted(map(_CID, rows))[n - 1]
    return sorted((r for r in rows if r.cid <= cut), key=_CLAIM_ORDER)[:n]
