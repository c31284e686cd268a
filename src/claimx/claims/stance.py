"""Polarity and modality of a predication, from the cue lexicons of `models/cues/<lang>.json`."""

from __future__ import annotations

from claimx.claims.cues import MODALITY_ORDER, Cues
from claimx.claims.deps import CONTROL


def negated(chain, cues: Cues, trigger_negative: bool) -> bool:
    """Whether the predication reads negated (a negative trigger, "hiring freeze", turns a negation around)."""
    neg = set(cues.negation)
    negated = any(c.lower_ in neg for tok in chain for c in tok.children if c.dep_ not in ("conj", "cc"))
    negated = negated or any(tok.lower_ in neg for tok in chain[:1])
    return negated != trigger_negative


def modality(chain, sent_text: str, cues: Cues) -> str:
    """The strongest modality the cues find around the predicate chain, else "asserted"."""
    found: set[str] = set()
    lemmas = {t.lemma_.lower() for tok in chain for t in [tok, *tok.children] if t.dep_ in CONTROL | {"advmod", "ROOT"} or t is tok}
    lemmas |= {t.lemma_.lower() for tok in chain[1:] for t in [tok]}
    morph = {str(m) for tok in chain for t in [tok, *tok.children] if t.dep_ in CONTROL or t is tok for m in t.morph}
    low = sent_text.lower()
    for name in MODALITY_ORDER:
        words = set(getattr(cues.modality, name))
        if (words & lemmas) or (set(getattr(cues.morph, name)) & morph):
            found.add(name)
        if any(p in low for p in getattr(cues.phrases, name)):
            found.add(name)
    return next((m for m in MODALITY_ORDER if m in found), "asserted")
