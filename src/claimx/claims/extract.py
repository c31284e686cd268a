"""The one place that turns a spaCy `Doc` into `Claim`s.

A claim is made for every frame trigger (see `claimx.claims.frames`), and for every clause that matches no frame but
carries a date or a quantity (`frame: null`, the verb's lemma). Arguments come from the dependency parse:
the subject (or the agent of a passive), the object (or the patient of a passive), an entity inside each phrase
when there is one. A verb without its own subject takes its controller's: the subject of the verb a purpose
infinitive or a prepositional gerund modifies ("X raised funds to buy Y", "by buying Y"), the object of an
object-control verb (`object_control` in the cues: "asked X to buy Y"). Time and value are the time expressions
and quantities attached to the predicate (else the nearest in the sentence). Modality, polarity and attribution come from the cue lexicons in `models/cues/`.

Offsets inside this module are offsets into `doc.text`; `extract_documents` maps them back to the original file.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from claimx.claims.attribution import attribution_for, attributions_in
from claimx.claims.cues import MODALITY_ORDER, Cues, cues_for
from claimx.schemas import PIPELINE_VERSION, Claim, DocumentRecord, Entity, Evidence, Predicate, Quantity
from claimx.claims.deps import (ADJUNCT, ADJUNCT_VIA, AGENT, CONTROL, CONTROLLER_OBJ, CONTROLLER_POS, FINAL_PUNCT,
                           MODIFIER_CLAUSE, NEAR_TOKENS, NOMINAL_LINK, NOUNISH, NUMERIC_LABELS, OBJ, PRED_POS, SUBJ,
                           SUBJ_PASS, non_finite)

@dataclass
class DocContext:
    """What the extractor needs to know about a document beyond its text."""

    doc_id: str
    lang: str
    source: str | None = None
    published: date | None = None
    degraded: bool = False
    sections: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, section) in doc offsets


def claim_id(doc_id: str, *parts: object) -> str:
    raw = ":".join([doc_id, *map(str, parts)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _section(ctx: DocContext, char: int) -> str:
    for s, e, name in ctx.sections:
        if s <= char < e:
            return name
    return "body"


def _chain(head) -> list:
    """The trigger's head, then up to its predicate and through control verbs ("plans to", "s'apprête à")."""
    chain = [head]
    tok = head
    while tok.head.i != tok.i and len(chain) < 8:
        if tok.pos_ not in PRED_POS and tok.dep_.split(":")[0] in NOMINAL_LINK:
            tok = tok.head
        elif tok.dep_ in CONTROL:
            tok = tok.head
        else:
            break
        chain.append(tok)
    return chain


def _ent_in(tok, doc) -> Entity:
    """The named entity inside the phrase headed by `tok` (the first one not in a clause or an adjective of it),
    else a short noun phrase."""
    left, right = tok.left_edge.i, tok.right_edge.i + 1
    if right - left > 25:  # a clause, not a phrase: keep the head's own noun group and its appositions
        group = [tok, *(c for c in tok.children if c.dep_.split(":")[0] in ("appos", "compound", "flat", "nmod"))]
        left, right = min(t.i for t in group), max(t.i for t in group) + 1
    # Entities of a clause or an adjective inside the phrase are not what it names: "the tariffs imposed by the Trump
    # administration" are tariffs, "the French manufacturer" a manufacturer.
    # (A name the parser took for a verb, "Le président russe Boris[acl] Eltsine", stays.)
    aside = {t.i for c in tok.subtree if c is not tok and c.dep_ in MODIFIER_CLAUSE and not c.ent_type_
             for t in c.subtree}
    aside.update(c.i for c in tok.children if c.dep_ == "amod")
    for ent in doc.ents:
        if ent.start >= left and ent.end <= right and ent.label_ not in NUMERIC_LABELS and ent.root.i not in aside:
            return Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char)
    kids = [c for c in tok.lefts if c.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod:poss")]
    start = kids[0].i if kids else tok.i
    span = doc[start : tok.i + 1]
    return Entity(text=span.text, label="NP", start=span.start_char, end=span.end_char)


def _resolve_pronoun(tok, doc, cues: Cues, table: dict[str, list[str]] | None = None) -> Entity | None:
    """A subject pronoun → the closest preceding entity of a label the pronoun can stand for."""
    labels = [lab for lab, prons in (table or cues.pronouns).items() if tok.lower_ in prons]
    if not labels:
        return None
    for ent in reversed(doc.ents):
        if ent.end_char <= tok.idx and ent.label_ in labels and tok.idx - ent.end_char < 600:
            return Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char)
    return None


def _arguments(head, chain, doc, cues: Cues, sent) -> tuple[Entity | None, Entity | None, bool]:
    """(subject, object, subject_was_pronoun) of the predication around `head`."""
    subj = obj = None
    pron = False
    verbal = head.pos_ in PRED_POS  # a noun's own agent is not its governor's ("to see the review by Z")
    for k, tok in enumerate(chain):
        if verbal and k and chain[k - 1].dep_ == "xcomp" and tok.lemma_.lower() in cues.object_control:
            subj = next((c for c in tok.children if c.dep_ in CONTROLLER_OBJ), None)  # "asked Y to leave"
            if subj is not None:
                break
        for c in tok.children:
            if c.i == head.i or head in c.subtree and c.i != tok.i and c in chain:
                continue  # the trigger's own phrase is not its argument ("no job losses [were] anticipated")
            if subj is None and c.dep_ in SUBJ:
                subj = c
            elif c.dep_ in SUBJ_PASS and tok is not chain[0] and subj is None:
                subj = c  # "Renault is set/expected to reintegrate X": the raised subject is the agent
            elif c.dep_ in SUBJ_PASS and obj is None:
                obj = c
            elif c.dep_ in AGENT and subj is None:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), c)
                subj = pobj
            elif c.dep_ in OBJ and obj is None and tok is chain[0]:
                obj = c
        if subj is None and tok.dep_ in ("acl", "acl:relcl", "relcl") and tok.head.pos_ in NOUNISH:
            subj = tok.head
        if subj is not None:
            break
    if subj is None and verbal:
        subj = _controller(chain[-1])
    if obj is None and head.pos_ in ("NOUN", "PROPN"):  # "the reintegration of Ampere", "la réintégration d'Ampere"
        mods = [next((g for g in c.children if g.dep_ == "pobj"), c)
                for c in head.children if c.dep_ in ("nmod", "prep") and c.pos_ != "VERB"]
        named = [m for m in mods if m.ent_type_ and m.ent_type_ not in NUMERIC_LABELS]
        obj = (named or mods or [None])[0]  # "perte d'emploi chez Renault": the named one
        if subj is None:
            poss = next((c for c in head.children if c.dep_ in ("poss", "nmod:poss")), None)
            subj = poss
    subj_e = obj_e = None
    if subj is not None:
        if subj.pos_ == "PRON":
            subj_e = _resolve_pronoun(subj, doc, cues)
            pron = subj_e is not None
        else:
            subj_e = _ent_in(subj, doc)
    if obj is not None and obj.pos_ != "PRON":
        obj_e = _ent_in(obj, doc)
    # "ses salariés", "its workers": a possessed noun phrase takes part through its possessor
    subj_e = _possessor(subj, subj_e, doc, cues)
    obj_e = _possessor(obj, obj_e, doc, cues)
    if subj_e is None and obj_e is None:  # fall back on the sentence's own subject, then its first entity
        root = sent.root
        root_subj = next((c for c in root.children if c.dep_ in SUBJ | SUBJ_PASS), None)
        if root_subj is not None and root_subj.pos_ != "PRON":
            subj_e = _ent_in(root_subj, doc)
        if subj_e is None or subj_e.label == "NP":
            ent = next((e for e in sent.ents if e.label_ not in NUMERIC_LABELS), None)
            if ent is not None:
                subj_e = Entity(text=ent.text, label=ent.label_, start=ent.start_char, end=ent.end_char)
    return subj_e, obj_e, pron


def _controller(tok):
    """The subject of the verb that a subjectless non-finite clause modifies: its doer too ("X raised funds to buy
    Y", "X grew by buying Y", "X a levé des fonds pour racheter Y", "X a grandi en rachetant Y").

    A bare participle is not: "X founded Y, employing 11,000 staff" (Y employs them), "..., simplifying the
    structure" (the whole event does)."""
    if tok.pos_ not in PRED_POS or not non_finite(tok):
        return None
    if tok.dep_ in ADJUNCT and ("Inf" in tok.morph.get("VerbForm") or any(c.dep_ == "mark" for c in tok.children)):
        verb = tok.head
    elif tok.dep_ in ADJUNCT_VIA and tok.head.head.i != tok.head.i:
        verb = tok.head.head
    else:
        return None
    for _ in range(4):  # up through control verbs ("plans to raise funds to buy Y")
        if verb.pos_ not in PRED_POS:
            return None
        subj = next((c for c in verb.children if c.dep_ in SUBJ), None)
        if subj is not None:
            # A named or common noun: a pronoun may be an expletive ("it takes time to", "il faut"), and a clause
            # ("drinking water decreased hunger while increasing ...") is no doer.
            return subj if subj.pos_ in CONTROLLER_POS else None
        if verb.dep_ not in CONTROL or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _possessor(tok, ent: Entity | None, doc, cues: Cues) -> Entity | None:
    if tok is None or ent is None or ent.label != "NP":
        return ent
    poss = next((c for c in tok.children if c.dep_ in ("poss", "nmod:poss", "det") and
                 any(c.lower_ in words for words in cues.possessives.values())), None)
    if poss is None:
        return ent
    return _resolve_pronoun(poss, doc, cues, cues.possessives) or ent


def _polarity(chain, cues: Cues, trigger_negative: bool) -> bool:
    neg = set(cues.negation)
    negated = any(c.lower_ in neg for tok in chain for c in tok.children if c.dep_ not in ("conj", "cc"))
    negated = negated or any(tok.lower_ in neg for tok in chain[:1])
    return negated != trigger_negative


def _modality(chain, sent_text: str, cues: Cues) -> str:
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


def _tokens_of(doc, start: int, end: int):
    return doc.char_span(start, end, alignment_mode="expand")


def _attached(span, head, chain: list | None = None) -> bool:
    """Whether the phrase `span` hangs (directly or not) from the predicate `head` or a verb governing it
    through control ("is set to reintegrate X ..., shutting Y as of July"), or the other way round."""
    if span is None:
        return False
    root = span.root
    ancestors = set(t.i for t in root.ancestors) | {root.i}
    return any(t.i in ancestors for t in (chain or [head])) or root in head.ancestors


def _pick(items, sent, head, doc, kinds: set[str] | None = None, chain: list | None = None):
    """The attached item closest to the head, else the nearest within `NEAR_TOKENS` tokens of it."""
    best, best_key = None, None
    for it in items:
        if not (sent.start_char <= it.start_char < sent.end_char):
            continue
        if kinds is not None and getattr(it, "kind", None) not in kinds:
            continue
        span = _tokens_of(doc, it.start_char, it.end_char)
        if span is None:
            continue
        dist = min(abs(span.start - head.i), abs(span.end - 1 - head.i))
        attached = _attached(span, head, chain)
        if not attached and dist > NEAR_TOKENS:
            continue
        key = (0 if attached else 1, dist)
        if best_key is None or key < best_key:
            best, best_key = it, key
    return best


def sentences(doc) -> list:
    """The parser's sentences, with fragments glued back: a split not after final punctuation or a line break
    is a parse error (the small French model splits at dashes and colons), and arguments must see the whole."""
    out: list = []
    for sent in doc.sents:
        if out:
            prev = out[-1]
            text = prev.text.rstrip()
            if text and text[-1] not in FINAL_PUNCT and "\n" not in doc.text[prev.end_char - 1 : sent.start_char + 1]:
                out[-1] = doc[prev.start : sent.end]
                continue
        out.append(sent)
    return out


def doc_claims(doc, ctx: DocContext, matcher) -> list[Claim]:
    """Every claim of one parsed document (offsets into `doc.text`)."""
    from claimx.claims.frames import load_frames
    from claimx.nlp.pipelines import time_candidates
    from claimx.quantities.finder import find_quantities
    from claimx.temporal.finder import find_times

    cues = cues_for(ctx.lang)
    frames = load_frames()
    times = find_times(doc.text, ctx.lang, ctx.published, time_candidates(doc))
    quants = find_quantities(doc.text, ctx.lang, [(t.start_char, t.end_char) for t in times])
    sents = sentences(doc)
    starts = [s.start for s in sents]
    by_sent: dict[int, list] = {}
    for m in matcher(doc):
        by_sent.setdefault(_index(starts, m.head), []).append(m)
    claims: list[Claim] = []
    previous: list[Claim] = []
    for k, sent in enumerate(sents):
        if not sent.text.strip():
            continue
        found = attributions_in(sent, doc, cues) if not ctx.degraded else []
        back = next((a.attribution for a in found if a.backward), None)
        if back is not None:  # an attribution-only sentence: it sources the one before, and says nothing new
            first = len(claims) - len(previous)  # the previous sentence's claims end the list
            for i, c in enumerate(previous):
                if c.attribution is None:
                    claims[first + i] = previous[i] = c.model_copy(update={"attribution": back})
            if not by_sent.get(k):
                continue
        current: list[Claim] = []
        used_heads: set[int] = set()
        used_items: set[tuple[int, int]] = set()
        for m in by_sent.get(k, []):
            head = doc[m.head]
            chain = _chain(head)
            frame = frames.frames[m.frame]
            kinds = {frame.value} if frame.value in ("money", "count", "percent") else None
            value = _pick(quants, sent, head, doc, kinds) if frame.value else _attached_item(quants, head, doc, sent)
            claim = _make(doc, ctx, sent, head, chain, m.frame, doc[m.start : m.end].text, m.polarity == "negative",
                          _pick(times, sent, head, doc, chain=chain), value, attribution_for(head, found), cues,
                          f"frame:{m.trigger_id}")
            current.append(claim)
            used_heads.update(t.i for t in chain)
            for it in (claim.time, claim.value):
                if it is not None:
                    used_items.add((it.start_char, it.end_char))
        for it in [*times, *quants]:
            if not (sent.start_char <= it.start_char < sent.end_char) or (it.start_char, it.end_char) in used_items:
                continue
            span = _tokens_of(doc, it.start_char, it.end_char)
            if span is None:
                continue
            verb = _governor(span.root)
            if verb.i in used_heads or verb.pos_ not in PRED_POS or verb.lemma_.lower() in cues.attribution.verbs:
                continue
            used_heads.add(verb.i)
            kind = "quantity" if isinstance(it, Quantity) else "time"
            current.append(_make(doc, ctx, sent, verb, _chain(verb), None, verb.text, False,
                                 _pick(times, sent, verb, doc), _pick(quants, sent, verb, doc),
                                 attribution_for(verb, found), cues, f"clause:{kind}"))
        claims.extend(current)
        previous = current
    return claims


def _index(starts: list[int], token_i: int) -> int:
    import bisect

    return bisect.bisect_right(starts, token_i) - 1


def _attached_item(items, head, doc, sent):
    for it in items:
        if sent.start_char <= it.start_char < sent.end_char and _attached(_tokens_of(doc, it.start_char, it.end_char), head):
            return it
    return None


def _governor(tok):
    """The verb a phrase hangs from (or the sentence root when there is none)."""
    cur = tok
    while cur.pos_ not in PRED_POS and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _make(doc, ctx, sent, head, chain, frame, text, trigger_negative, time, value, attribution, cues, rule) -> Claim:
    subj, obj, pron = _arguments(head, chain, doc, cues, sent) if not ctx.degraded else (None, None, False)
    negated = _polarity(chain, cues, trigger_negative)
    modality = _modality(chain, sent.text, cues)
    conf = 0.85 if frame else 0.55
    conf -= 0.0 if (subj or obj) else 0.2
    conf -= 0.1 if pron else 0.0
    conf -= 0.25 if ctx.degraded else 0.0
    lemma = head.lemma_.lower() or head.lower_
    return Claim(
        id=claim_id(ctx.doc_id, sent.start_char, head.idx, frame or lemma, rule),
        doc_id=ctx.doc_id, source=ctx.source, published=ctx.published, lang=ctx.lang,
        section=_section(ctx, sent.start_char), subject=subj,
        predicate=Predicate(frame=frame, lemma=lemma, text=text, negated=negated),
        object=obj, value=value, time=time, modality=modality,
        polarity="negative" if negated else "positive", attribution=attribution,
        evidence=Evidence(sentence=sent.text.strip(), start=sent.start_char + _lstrip(sent.text),
                          end=sent.end_char - _rstrip(sent.text)),
        rule=f"{rule}@{PIPELINE_VERSION}", confidence=round(max(0.05, conf), 2), degraded=ctx.degraded,
    )


def _lstrip(s: str) -> int:
    return len(s) - len(s.lstrip())


def _rstrip(s: str) -> int:
    return len(s) - len(s.rstrip())


def entity_votes(doc) -> Counter:
    """(folded surface form, coarse type) counts of the document's entities, for corpus-level voting."""
    from claimx.claims.voting import vote_key

    return Counter(vote_key(e.text, e.label_) for e in doc.ents)


def sections_for(text: str, record: DocumentRecord) -> list[tuple[int, int, str]]:
    """Headline (a first kept paragraph that is short and not a sentence), lead (the next one), then body."""
    removed = [(r.start, r.end) for r in record.removed]
    kept = [p for p in record.paragraphs if not any(s <= p.start and p.end <= e for s, e in removed)]
    if not kept:
        return []
    first = kept[0]
    if headline_like(text[first.start : first.end]):
        out = [(first.start, first.end, "headline")]
        if len(kept) > 1:
            out.append((kept[1].start, kept[1].end, "lead"))
        return out
    return [(first.start, first.end, "lead")]


def headline_like(text: str) -> bool:
    """A short line that is not a sentence: no final punctuation, at most 25 words."""
    t = text.strip()
    return bool(t) and len(t.split()) <= 25 and t[-1] not in ".!?…:;»\")"
