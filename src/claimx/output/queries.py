"""Selections over a run's outputs, for `claimx diff` and `claimx show`: facts and conflicts by entity, type, language."""

from __future__ import annotations

from claimx.common.text import fold
from claimx.reconcile.canon import canonical_id
from claimx.schemas import Conflict, Fact


def select_facts(facts: list[Fact], *, entity: str | None = None, lang: str | None = None) -> list[Fact]:
    """Facts naming `entity` (any spelling: "Renault SA" finds renault) and reported in `lang`."""
    want = canonical_id(entity) if entity else None
    return [f for f in facts if (lang is None or lang in f.languages)
            and (want is None or want in f.entities or want in (f.subject, f.object))]


SHOWN_CONFIDENCE = 0.5  # `claimx diff` shows conflicts at least this sure unless asked for all (--all)


def select_conflicts(conflicts: list[Conflict], facts: list[Fact] | None = None, *, type: str | None = None,
                     entity: str | None = None, lang: str | None = None,
                     min_confidence: float = 0.0) -> list[Conflict]:
    """Conflicts of one `type`, about `entity`, with a side in `lang`, at least `min_confidence` sure; the most
    certain first (then by title, in the order of the file).

    `entity` matches a fact's canonical entities (any spelling: "Renault SA" finds renault) when `facts` are
    given, and the words of the conflict title in any case.
    """
    by_key = {f.key: f for f in facts or ()}
    want = canonical_id(entity) if entity else None
    needle = fold(entity).strip() if entity else ""
    out = []
    for c in conflicts:
        if c.confidence < min_confidence or type is not None and c.type != type:
            continue
        if lang is not None and not any(s.lang == lang for s in c.sides):
            continue
        if want is not None:
            known: set[str | None] = set()
            for side in c.sides:
                f = by_key.get(side.fact_key)
                if f is not None:
                    known |= {*f.entities, f.subject, f.object}
            if want not in known and needle not in fold(c.title):
                continue
        out.append(c)
    return sorted(out, key=lambda c: -c.confidence)  # stable: equal confidences keep the file's order
