"""Conflict records and their words: titles, explanations, highlighted evidence.

A conflict is shown as its fact's title and the contested detail ("Renault · Ampere · spin off ⟂
reintegrate", "Kestrel Motors · headcount · 4,200 ≠ 2,500"), two `ConflictSide`s whose `highlight` offsets
point, inside each evidence sentence, at the contested words (the trigger for antonym, negation and modality,
the value for numeric, the time for temporal), and one sentence of explanation.
"""

from __future__ import annotations

from claimx.common.records import build, digest
from claimx.reconcile.canon import canonical_id, display_name
from claimx.reconcile.names import predicate_label
from claimx.reconcile.relations import Relation, time_order
from claimx.reconcile.rows import Row
from claimx.schemas import Claim, Conflict, ConflictSide, ConflictType, Identity

_SECTION_ORDER = {"headline": 0, "lead": 1, "body": 2}


def rank(r: Row) -> tuple:
    """Earliest publication first, then document, headline before body, then claim id and offsets: a total order,
    so that no result depends on the order of the rows."""
    return (r.pub is None, r.pub or 0, r.doc, _SECTION_ORDER.get(r.section, 3), r.cid, r.start, r.end)


def _find(sentence: str, text: str | None) -> list[int] | None:
    if not text:
        return None
    at = sentence.find(text)
    if at < 0 and len(sentence.lower()) == len(sentence) and len(text.lower()) == len(text):
        at = sentence.lower().find(text.lower())
    return None if at < 0 else [at, at + len(text)]


def _located(sentence: str, offset: int, text: str, start: int, end: int) -> list[int] | None:
    """Offsets of a span inside the sentence, from its document offsets, or found by its text."""
    s, e = start - offset, end - offset
    if 0 <= s < e <= len(sentence) and sentence[s:e] == text:
        return [s, e]
    return _find(sentence, text)


def highlights(claim: Claim, fields: tuple[str, ...]) -> list[list[int]]:
    """[start, end] offsets inside the evidence sentence of the words a conflict is about."""
    ev = claim.evidence
    out: list[list[int]] = []
    if {"frame", "polarity", "modality"} & set(fields):
        hit = _find(ev.sentence, claim.predicate.text) or _find(ev.sentence, claim.predicate.text.split()[0]
                                                               if claim.predicate.text.split() else None)
        if hit:
            out.append(hit)
    if "value" in fields and claim.value is not None:
        v = claim.value
        hit = _located(ev.sentence, ev.start, v.text, v.start_char, v.end_char)
        if hit:
            out.append(hit)
    if "time" in fields and claim.time is not None:
        t = claim.time
        hit = _located(ev.sentence, ev.start, t.text, t.start_char, t.end_char)
        if hit:
            out.append(hit)
    return sorted(out)


def _who(r: Row, other: Row, intra: bool) -> str:
    if intra:
        if r.section != other.section:
            return f"the {r.section}"
        return f"one {r.section} sentence" if rank(r) <= rank(other) else "another"
    when = f" ({r.claim.published.isoformat()})" if r.claim.published else ""
    return f"{r.source}{when}"


def build_conflict(base: str, rel: Relation, p: Row, q: Row, intra: bool, keys: dict[str, str],
                   names: dict[str, str]) -> Conflict:
    """The conflict between claims `p` and `q` of one story titled `base` ("Renault · Ampere");
    `keys` maps each fact of the story (`Row.fact`) to its key, `names` canonical ids to what readers call them."""
    p, q = sorted((p, q), key=rank)
    a, b = p.claim, q.claim
    la, lb = predicate_label(a.predicate.frame, a.predicate.lemma), predicate_label(b.predicate.frame,
                                                                                   b.predicate.lemma)
    wa, wb = _who(p, q, intra), _who(q, p, intra)
    kind: ConflictType = rel.type or "antonym"
    if kind == "antonym":
        detail = f"{la} ⟂ {lb}"
        why = f"{wa} says '{la}', {wb} says '{lb}': contradictory frames for the same participants and time."
    elif kind == "negation":
        detail = f"{la} ⟂ not {la}"
        pa, pb = ("affirms" if p.pos else "negates"), ("affirms" if q.pos else "negates")
        why = f"{wa} {pa} '{la}', {wb} {pb} it."
    elif kind == "numeric":
        va, vb = a.value, b.value
        detail = f"{la} · {va.text} ≠ {vb.text}"
        gap = abs(va.amount - vb.amount) / max(abs(va.amount), abs(vb.amount)) * 100
        why = f"{wa} gives {va.text}, {wb} gives {vb.text}: {gap:.0f}% apart, beyond tolerance " \
              "(±1% exact, ±10% approximate)."
    elif kind == "temporal":
        ta, tb = a.time, b.time
        detail = f"{la} · {ta.text} ≠ {tb.text}"
        why = f"{wa} dates it {ta.text} ({ta.value}), {wb} {tb.text} ({tb.value}): the periods do not overlap."
    else:
        detail = f"{la} · {a.modality} ≠ {b.modality}"
        why = f"{wa} reports '{la}' as {a.modality}, {wb} as {b.modality}."
    title = f"{base} · {detail}" if base else detail
    same = identity(p, q, rel)
    if same.places:
        names = {**{canonical_id(e.text, e.label): display_name(e.text, e.label) for e in (*a.places, *b.places)},
                 **names}
    return build(
        Conflict, id="c" + digest(f"{keys[p.fact]}|{keys[q.fact]}|{kind}|{a.id}|{b.id}"), type=kind, title=title,
        intra_document=intra, sides=[_side(a, keys[p.fact], rel.differs), _side(b, keys[q.fact], rel.differs)],
        differs=list(rel.differs), explanation=f"{why} {_because(same, intra, names)}",
        confidence=confidence(p, q, kind, same, intra), identity=same,
    )


# How much each kind of conflict is worth when both readings are sure: a figure or a pair of contradictory frames says
# plainly what differs; a negation or a date rests on scope and resolution; a modality on a cue word whose scope is
# the least sure reading of all ("charged with murder in the death of X" hedges the murder, not the death), so a
# modality conflict stays below what `claimx diff` shows by default (0.5) unless both claims are sure of more.
TYPE_WEIGHT: dict[str, float] = {"antonym": 1.0, "numeric": 1.0, "negation": 0.9, "temporal": 0.8, "modality": 0.55}
PLACE_DAY_WEIGHT = 0.8  # one event known by its place and day only, no participant in common
LOOSE_WEIGHT = 0.6  # one event known by neither (claims of one document, of one story)
WITHIN_WEIGHT = 0.9  # an article against itself


def identity(p: Row, q: Row, rel: Relation) -> Identity:
    """Why the two claims are taken to be about one event: the participants and places both name, the time both
    give (when they overlap), the measure both values count (for a figure)."""
    when = None
    if time_order(p, q) == 0:
        finer = min((p, q), key=lambda r: r.raw[1] - r.raw[0])
        when = finer.claim.time.value
    places = p.spots & q.spots if p.doc == q.doc else (p.spots or p.doc_spots) & (q.spots or q.doc_spots)
    return build(Identity, participants=sorted(set(p.parts) & set(q.parts)), places=sorted(places), time=when,
                 measure=p.measure if "value" in rel.differs else None)


def confidence(p: Row, q: Row, kind: str, same: Identity, intra: bool) -> float:
    """How sure claimx is of a conflict: the less sure of the two claims, times how well the event is identified,
    times what the kind of conflict is worth (`TYPE_WEIGHT`), lower within one article."""
    strength = 1.0 if same.participants else PLACE_DAY_WEIGHT if same.places and same.time else LOOSE_WEIGHT
    return round(min(p.conf, q.conf) * strength * TYPE_WEIGHT.get(kind, 0.5) * (WITHIN_WEIGHT if intra else 1.0), 2)


def _because(same: Identity, intra: bool, names: dict[str, str]) -> str:
    """The evidence of identity in words: "One event: both name Ali Syed; both place it in Tustin; both date it
    2013-02-19." """
    said = []
    if same.participants:
        said.append("both name " + ", ".join(names.get(c, c) for c in same.participants))
    if same.places:
        said.append("both place it in " + ", ".join(names.get(c, c.replace("_", " ")) for c in same.places))
    if same.time:
        said.append(f"both date it {same.time}")
    if same.measure:
        said.append(f"both count {same.measure}")
    if not said:
        return "One event: " + ("the same article." if intra else "the same story, no participant in common.")
    return "One event: " + "; ".join(said) + "."


def _side(c: Claim, fact_key: str, differs: tuple[str, ...]) -> ConflictSide:
    return build(
        ConflictSide, claim_id=c.id, fact_key=fact_key, doc_id=c.doc_id, source=c.source, lang=c.lang, published=c.published,
        section=c.section, frame=c.predicate.frame, lemma=c.predicate.lemma, polarity=c.polarity, modality=c.modality,
        attribution=c.attribution.text if c.attribution else None, time=c.time, value=c.value,
        sentence=c.evidence.sentence, start=c.evidence.start, end=c.evidence.end,
        highlight=highlights(c, differs),
    )
