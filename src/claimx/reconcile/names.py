"""How facts and conflicts name what they are about: entities as readers see them, predicates, titles.

"Renault · Ampere · reintegrate": up to three participants as readers name them most often in the corpus, then the
predicate (its frame, else its lemma).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from claimx.reconcile.aliases import AliasTable, load_aliases
from claimx.schemas import Claim, Entity, Fact


def display_names(claims: Iterable[Claim], *, aliases: AliasTable | None = None) -> dict[str, str]:
    """Canonical id -> the name readers see most often for it ("Renault" for renault), ties to the shortest."""
    return names_of(((ent, ent.canonical) for c in claims for ent in (c.subject, c.object) if ent is not None),
                    aliases=aliases)


def names_of(mentions: Iterable[tuple[Entity, str | None]], *, aliases: AliasTable | None = None) -> dict[str, str]:
    """`display_names` of (mention, its canonical id or None) pairs."""
    table = aliases or load_aliases()
    seen: dict[str, Counter] = defaultdict(Counter)
    for ent, canonical in mentions:
        key, cid, shown = table.analyse(ent.text, ent.label)
        seen[canonical or cid][shown] += 1
    return {cid: min(n.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0] for cid, n in seen.items()}


def predicate_label(frame: str | None, lemma: str | None) -> str:
    return frame.replace("_", " ") if frame else (lemma or "?")


def participants_title(subject: str | None, object: str | None, entities: list[str] | tuple[str, ...],
                       names: dict[str, str]) -> str:
    """"Renault · Ampere": up to three participants as readers see them, subject first; "" when none."""
    order = [c for c in (subject, object, *entities) if c]
    if entities:
        order = [c for c in order if c in entities]
    return " · ".join(list(dict.fromkeys(names.get(c, c) for c in order))[:3])


def fact_title(fact: Fact, names: dict[str, str]) -> str:
    """"Renault · Ampere · reintegrate": the fact's participants, then its predicate."""
    base = participants_title(fact.subject, fact.object, fact.entities, names)
    label = predicate_label(fact.frame, fact.lemma)
    return f"{base} · {label}" if base else label
