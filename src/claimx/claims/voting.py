"""Corpus-level entity type voting: a surface form's majority type across the corpus, in any language, wins.

The small models disagree with themselves ("Ampere" is a person in one sentence, a company in the next);
counting every mention in the corpus and relabelling the minority fixes that class of error. Labels are
compared through coarse types (`models/labels/labels.json`) so that en PERSON and fr PER vote together.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import cache

from pydantic import BaseModel, ConfigDict

from claimx.common.text import fold
from claimx.resources import find_files, read_validated, register_cache
from claimx.schemas import Claim, Entity

MIN_VOTES = 2
MIN_SHARE = 0.5


class LabelMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    coarse: dict[str, str]
    fine: dict[str, dict[str, str]]


@register_cache
@cache
def label_map() -> LabelMap:
    return read_validated(find_files("labels", "labels.json")[-1], LabelMap)


def surface_key(text: str) -> str:
    """Case- and accent-folded surface form (as canonicalisation folds it), possessive stripped."""
    return fold(text.strip()).removesuffix("'s")


def vote_key(text: str, label: str) -> tuple[str, str]:
    return surface_key(text), label_map().coarse.get(label, label)


def winners(votes: Counter) -> dict[str, str]:
    """Folded surface form → coarse type, where one type holds a clear majority of enough mentions."""
    per_form: dict[str, Counter] = defaultdict(Counter)
    for (form, coarse), n in votes.items():
        per_form[form][coarse] += n
    out = {}
    for form, counts in per_form.items():
        total = sum(counts.values())
        (best, n), = counts.most_common(1)
        if total >= MIN_VOTES and n / total > MIN_SHARE:
            out[form] = best
    return out


def _relabel(ent: Entity | None, lang: str, win: dict[str, str]) -> Entity | None:
    if ent is None or ent.label in (None, "NP"):
        return ent
    lm = label_map()
    target = win.get(surface_key(ent.text))
    if target is None or lm.coarse.get(ent.label, ent.label) == target:
        return ent
    fine = lm.fine.get(lang, {}).get(target, target)
    return ent.model_copy(update={"label": fine})


def apply_votes(claims: list[Claim], votes: Counter) -> list[Claim]:
    """Claims with subject and object labels replaced by their corpus-majority type."""
    win = winners(votes)
    out = []
    for c in claims:
        subj, obj = _relabel(c.subject, c.lang, win), _relabel(c.object, c.lang, win)
        out.append(c if (subj is c.subject and obj is c.object)
                   else c.model_copy(update={"subject": subj, "object": obj}))
    return out


def entity_votes(doc) -> Counter:
    """(folded surface form, coarse type) counts of the document's entities, for corpus-level voting."""
    return Counter(vote_key(e.text, e.label_) for e in doc.ents)
