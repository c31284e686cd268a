"""Conflict records and their words: titles, explanations, highlighted evidence; selections over outputs.

A conflict is shown as its fact's title and the contested detail ("Renault · Ampere · spin off ⟂
reintegrate", "Kestrel Motors · headcount · 4,200 ≠ 2,500"), two `ConflictSide`s whose `highlight` offsets
point, inside each evidence sentence, at the contested words (the trigger for antonym, negation and modality,
the value for numeric, the time for temporal), and one sentence of explanation.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from claimx.common.text import fold
from claimx.reconcile.aliases import AliasTable, load_aliases
from claimx.reconcile.canon import canonical_id
from claimx.common.records import build, digest
from claimx.reconcile.relations import Relation, Row
from claimx.schemas import Claim, Conflict, ConflictSide, ConflictType, Entity, Fact

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


def _who(r: Row, other: Row, intra: bool) -> str:
    if intra:
        if r.section != other.section:
            return f"the {r.section}"
        return f"one {r.section} sentence" if rank(r) <= rank(other) else "another"
    when = f" ({r.claim.published.isoformat()})" if r.claim.published else ""
    return f"{r.source}{when}"


def build_conflict(base: str, rel: Relation, p: Row, q: Row, intra: bool, keys: dict[str, str]) -> Conflict:
    """The conflict between claims `p` and `q` of one story titled `base` ("Renault · Ampere");
    `keys` maps each predicate of the story to its fact's key."""
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
    return build(
        Conflict, id="c" + digest(f"{keys[p.pred]}|{keys[q.pred]}|{kind}|{a.id}|{b.id}"), type=kind, title=title,
        intra_document=intra, sides=[_side(a, keys[p.pred], rel.differs), _side(b, keys[q.pred], rel.differs)],
        differs=list(rel.differs),
        explanation=why,
    )


def _side(c: Claim, fact_key: str, differs: tuple[str, ...]) -> ConflictSide:
    return build(
        ConflictSide, claim_id=c.id, fact_key=fact_key, doc_id=c.doc_id, source=c.source, lang=c.lang, published=c.published,
        section=c.section, frame=c.predicate.frame, lemma=c.predicate.lemma, polarity=c.polarity, modality=c.modality,
        attribution=c.attribution.text if c.attribution else None, time=c.time, value=c.value,
        sentence=c.evidence.sentence, start=c.evidence.start, end=c.evidence.end,
        highlight=highlights(c, differs),
    )


# ----------------------------------------------------------------------------------------------
# Queries over outputs


def select_facts(facts: list[Fact], *, entity: str | None = None, lang: str | None = None) -> list[Fact]:
    """Facts naming `entity` (any spelling: "Renault SA" finds renault) and reported in `lang`."""
    want = canonical_id(entity) if entity else None
    return [f for f in facts if (lang is None or lang in f.languages)
            and (want is None or want in f.entities or want in (f.subject, f.object))]


def select_conflicts(conflicts: list[Conflict], facts: list[Fact] | None = None, *, type: str | None = None,
                     entity: str | None = None, lang: str | None = None) -> list[Conflict]:
    """Conflicts of one `type`, about `entity`, with a side in `lang`.

    `entity` matches a fact's canonical entities (any spelling: "Renault SA" finds renault) when `facts` are
    given, and the words of the conflict title in any case.
    """
    by_key = {f.key: f for f in facts or ()}
    want = canonical_id(entity) if entity else None
    needle = fold(entity).strip() if entity else ""
    out = []
    for c in conflicts:
        if type is not None and c.type != type:
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
    return out
