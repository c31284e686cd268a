"""Antonymous predicates without a frame: `models/antonyms/<lang>.json`, pairs of lemmas that cannot both hold of the
same arguments ("approuver"/"invalider", "confirm"/"deny").

Frames declare their own contradictions (`Frame.contradicts`); a claim with no frame still has its predicate's lemma
("lemma:invalider"), and two such claims of antonymous lemmas about the same arguments are an antonym conflict. Every
language's pairs are merged: a lemma is compared in its own language only, since lemmas of two languages differ.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from claimx.common.text import fold
from claimx.resources import find_files, read_validated, register_cache


class AntonymFile(BaseModel):
    """`models/antonyms/<lang>.json`."""

    model_config = ConfigDict(extra="forbid")

    lang: str
    pairs: list[tuple[str, str]] = Field(default_factory=list)


def lemma_predicate(lemma: str) -> str:
    """The predicate of a claim without a frame: its lemma, folded ("lemma:invalider")."""
    return "lemma:" + " ".join(fold(lemma).split())


@register_cache
@cache
def antonym_predicates() -> frozenset[tuple[str, str]]:
    """Every pair of antonymous lemma predicates, in both orders."""
    pairs: set[tuple[str, str]] = set()
    for path in find_files("antonyms", "*.json"):
        for a, b in read_validated(path, AntonymFile).pairs:
            pa, pb = lemma_predicate(a), lemma_predicate(b)
            pairs |= {(pa, pb), (pb, pa)}
    return frozenset(pairs)
