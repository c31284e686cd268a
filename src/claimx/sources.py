"""Independent sources: which documents behind a fact count once.

Two documents are one source when they come from the same named outlet (`Claim.source`, folded), or when they
are reprints of one wire story: an identical evidence sentence, or two sentences of at least
`REPRINT_WORDS` words that share their first or their last `REPRINT_KEY` words (the blocking key: a reprint
edits the middle, trims the end or adds a dateline, rarely all three), have comparable lengths and a
rapidfuzz token_set_ratio of at least `REPRINT_RATIO`. Comparisons are within one story, inside blocking
keys only, never all pairs.
"""

from __future__ import annotations

from functools import lru_cache
from heapq import nsmallest

from rapidfuzz import fuzz, utils

from claimx.aliases import fold
from claimx.relations import Row

MAX_SENTENCES = 200  # distinct evidence sentences compared for reprints inside one story
REPRINT_RATIO = 90  # rapidfuzz token_set_ratio of two evidence sentences of one wire story
REPRINT_LENGTH = 0.6  # ... the shorter one at least this share of the longer one
REPRINT_WORDS = 8  # ... and this long: short sentences of two reporters look alike by chance
REPRINT_KEY = 5  # ... and sharing their first or last words (the blocking key)
MAX_BLOCK = 12  # source clusters compared pairwise inside one blocking key


@lru_cache(maxsize=4096)
def _source_key(source: str) -> str:
    return fold(source).strip()


def source_clusters(rows: list[Row]) -> dict[str, str]:
    """doc id -> independent-source id: same named source, or reprints of one story, count once.

    The id of a cluster is its smallest document id, whatever the order of `rows`.
    """
    key_of: dict[str, str | None] = {}  # doc -> folded outlet name
    outlet_root: dict[str, str] = {}  # folded outlet name -> its smallest doc
    sentences: dict[str, str] = {}  # evidence sentence -> the first doc seen with it
    links: list[tuple[str, str]] = []  # docs that share a sentence
    for r in rows:  # one pass: a story can hold tens of thousands of claims
        d = r.doc
        if d not in key_of:
            outlet = r.outlet
            k = key_of[d] = _source_key(outlet) if outlet else None
            if k is not None:
                prev = outlet_root.get(k)
                if prev is None or d < prev:
                    outlet_root[k] = d
        first = sentences.setdefault(r.sentence, d)
        if first != d:
            links.append((first, d))
    base = {d: (d if k is None else outlet_root[k]) for d, k in key_of.items()}
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        x = base[x]
        while (up := parent.get(x, x)) != x:
            parent[x] = parent.get(up, up)
            x = up
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for a, b in links:
        union(a, b)
    if len({find(d) for d in base}) < 2:
        return {d: find(d) for d in base}
    # Near-identical sentences: candidates share their first or their last REPRINT_KEY words (a reprint edits
    # the middle, trims the end or adds a dateline, rarely all three), so this is hashing, not all pairs.
    blocks: dict[tuple, list[str]] = {}
    for text in sorted(sentences) if len(sentences) <= MAX_SENTENCES else nsmallest(MAX_SENTENCES, sentences):
        words = text.lower().split()
        if len(words) >= REPRINT_WORDS:
            blocks.setdefault((0, *words[:REPRINT_KEY]), []).append(text)
            blocks.setdefault((1, *words[-REPRINT_KEY:]), []).append(text)
    for texts in blocks.values():
        if len(texts) < 2:
            continue
        heads: dict[str, str] = {}  # one sentence per source cluster: a block compares clusters, not sentences
        for text in texts:
            heads.setdefault(find(sentences[text]), text)
        if len(heads) < 2:
            continue
        reps = list(heads.values())[:MAX_BLOCK]
        for i, a in enumerate(reps):
            for b in reps[i + 1:]:
                da, db = sentences[a], sentences[b]
                if find(da) != find(db) and min(len(a), len(b)) >= REPRINT_LENGTH * max(len(a), len(b)) \
                        and fuzz.token_set_ratio(a, b, processor=utils.default_process, score_cutoff=REPRINT_RATIO):
                    union(da, db)
    return {d: find(d) for d in base}
