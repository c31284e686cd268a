"""The one place that turns a spaCy `Doc` into `Claim`s.

A claim is made for every frame trigger (see `claimx.claims.frames`), and for every clause that matches no frame but
carries a date or a quantity (`frame: null`, the verb's lemma). Arguments come from the dependency parse
(`claimx.claims.arguments`); time and value are the time expression and the quantity attached to the trigger's own
clause, the value counting what its frame counts (`claimx.claims.values`); modality and polarity
(`claimx.claims.stance`) and attribution (`claimx.claims.attribution`) come from the cue lexicons in `models/cues/`.

Offsets inside this module are offsets into `doc.text`; `claimx.nlp.batch` maps them back to the original file.
"""

from __future__ import annotations

import bisect

from claimx.claims.arguments import arguments, kept_from, predicate_chain
from claimx.claims.attribution import attribution_for, attributions_in
from claimx.claims.context import (
    DocContext,
    cached_views,
    claim_id,
    doc_ents,
    doc_text,
    ents_in,
    phrase_before,
    section_at,
    span_text,
    tokens_at,
)
from claimx.claims.cues import Cues, cues_for
from claimx.claims.deps import (
    FINAL_PUNCT,
    PRED_POS,
    case_marked,
    first_conjunct,
    has_subject,
    imperative,
)
from claimx.claims.entities import of_types
from claimx.claims.events import no_event
from claimx.claims.stance import modality, negated
from claimx.claims.values import frame_value, own_clause, pick_time, pick_value
from claimx.claims.voting import label_map
from claimx.schemas import PIPELINE_VERSION, Claim, Entity, Evidence, Predicate, Quantity


def time_candidates(doc) -> list[tuple[int, int]]:
    """Character spans of the entities a trained model labels as dates or times (English has them)."""
    return [(e.start_char, e.end_char) for e in doc_ents(doc) if e.label_ in ("DATE", "TIME")]


def sentences(doc) -> list:
    """The parser's sentences, with fragments glued back: a split not after final punctuation or a line break
    is a parse error (the small French model splits at dashes and colons), and arguments must see the whole."""
    out: list = []
    whole = doc_text(doc)
    for sent in doc.sents:
        if out:
            prev = out[-1]
            text = span_text(prev).rstrip()
            if text and text[-1] not in FINAL_PUNCT and "\n" not in whole[prev.end_char - 1 : sent.start_char + 1]:
                out[-1] = doc[prev.start : sent.end]
                continue
        out.append(sent)
    return out

def doc_claims(doc, ctx: DocContext, matcher) -> list[Claim]:
    """Every claim of one parsed document (offsets into `doc.text`)."""
    with cached_views(doc):
        return _doc_claims(doc, ctx, matcher)


def _doc_claims(doc, ctx: DocContext, matcher) -> list[Claim]:
    from claimx.claims.frames import load_frames
    from claimx.quantities.finder import find_quantities
    from claimx.temporal.finder import find_times

    cues = cues_for(ctx.lang)
    frames = load_frames()
    times = find_times(doc_text(doc), ctx.lang, ctx.published, time_candidates(doc))
    quants = find_quantities(doc_text(doc), ctx.lang, [(t.start_char, t.end_char) for t in times])
    sents = sentences(doc)
    starts = [s.start for s in sents]
    by_sent: dict[int, list] = {}
    for m in matcher(doc):
        by_sent.setdefault(_index(starts, m.head), []).append(m)
    claims: list[Claim] = []
    previous: list[Claim] = []
    for k, sent in enumerate(sents):
        if not span_text(sent).strip():
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
        when = tuple((t.start_char, t.end_char) for t in times if sent.start_char <= t.start_char < sent.end_char)
        used_heads: set[int] = set()
        used_items: set[tuple[int, int]] = set()
        words_of: dict[str, set[int]] = {}  # frame -> the tokens of its triggers in this sentence
        for m in by_sent.get(k, []):
            words_of.setdefault(m.frame, set()).update({m.head, *range(m.start, m.end)})
        for m in by_sent.get(k, []):
            head = doc[m.head]
            chain = predicate_chain(head)
            frame = frames.frames[m.frame]
            if no_event(doc, sent, m, chain, frame, words_of, cues):
                continue
            anchors = {t.i for t in [*own_clause(chain), *_on_calendar(head, cues)]} | set(range(m.start, m.end))
            if m.context is not None:
                anchors |= set(range(*m.context))
            value = frame_value(quants, sent, anchors, chain, frame, doc, ctx.lang, cues)
            others = frozenset().union(*(w for f, w in words_of.items() if f != m.frame))
            claim = _make(doc, ctx, sent, head, chain, m.frame, doc[m.start : m.end], m.polarity == "negative",
                          pick_time(times, sent, anchors, doc), value, attribution_for(head, found), cues,
                          f"frame:{m.trigger_id}", others, when)
            if not _fits(claim, frame, ctx, doc):
                continue  # a sense of the word the frame does not mean ("shares dropped by 10%" cancels nothing)
            current.append(claim)
            used_heads.update(t.i for t in chain)
            for it in (claim.time, claim.value):
                if it is not None:
                    used_items.add((it.start_char, it.end_char))
        for it in [*times, *quants]:
            if not (sent.start_char <= it.start_char < sent.end_char) or (it.start_char, it.end_char) in used_items:
                continue
            span = tokens_at(doc, it.start_char, it.end_char)
            if span is None:
                continue
            verb = _content_verb(_governor(span.root), cues)
            if (verb.i in used_heads or verb.pos_ not in PRED_POS or verb.lemma_.lower() in cues.attribution.verbs
                    or verb.dep_ in ("prep", "case", "mark")  # a verb form used as a preposition: "including 2 men"
                    or verb.lemma_.lower() in cues.empty_predicates
                    or verb.ent_type_  # a name tagged as a verb ("moved to Kering in 2025") is no predicate
                    or verb.like_num):  # nor a number ("Dix-huit médailles d'or …")
                continue
            chain = predicate_chain(verb)
            if imperative(chain) or _page_label(doc, sent, verb) or _dateline(sent, verb, span):
                continue
            anchors = {t.i for t in chain}
            time, value = pick_time(times, sent, anchors, doc), pick_value(quants, sent, anchors, verb, None, doc,
                                                                            ctx.lang)
            if time is None and value is None:  # what made the clause a claim is not its own
                continue
            if value is None and time.granularity is None:
                # "now", "actuellement", "désormais": a reference to the time of speaking puts nothing on a calendar,
                # in a quote or a past narrative least of all ("Louis Riel, désormais qualifié de meurtrier")
                continue
            used_heads.add(verb.i)
            kind = "quantity" if isinstance(it, Quantity) else "time"
            current.append(_make(doc, ctx, sent, verb, chain, None, doc[verb.i : verb.i + 1], False, time, value,
                                 attribution_for(verb, found), cues, f"clause:{kind}", when=when))
        claims.extend(current)
        previous = current
    return claims


def _on_calendar(head, cues: Cues) -> list:
    """The participles that put an event noun on a calendar ("le scrutin, prévu le 30 octobre", "a vigil scheduled
    for Friday", `schedule_participles`): the time they govern is the event's, and it is still to come."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return []
    return [c for c in head.children if c.dep_ in ("acl", "amod") and c.lower_ in cues.schedule_participles]


def _page_label(doc, sent, verb) -> bool:
    """Whether a verb labels page data, wherever it stands: just before a colon, capitalised or without a subject of
    its own ("Updated: Friday, June 6, 2014", "… Posted: Wednesday …"; not "in November 2023, the time came: …")."""
    return verb.i + 1 < sent.end and doc[verb.i + 1].text == ":" and (
        verb.text[0].isupper() or not has_subject(verb))


def _dateline(sent, verb, span) -> bool:
    """Whether the sentence is a capitalised verb with no subject and the time or number `span` alone: a page's
    dateline ("(Published Friday, Nov. 25, 2016)", "Updated 3:45 PM"), no claim."""
    return verb.text[0].isupper() and not has_subject(verb) and all(
        t.i == verb.i or span.start <= t.i < span.end or t.is_punct or t.is_space for t in sent)


def _index(starts: list[int], token_i: int) -> int:
    return bisect.bisect_right(starts, token_i) - 1


def _content_verb(verb, cues: Cues):
    """The verb that says what a clause is about: a verb of planning with an infinitive complement ("Today Apple is
    going to reinvent the phone", "plans to open", "compte lancer") names no event of its own; its complement does,
    planned (the plan is in its predicate chain)."""
    planned = cues.modality.planned
    if verb.lemma_.lower() not in planned and verb.lower_ not in planned:
        return verb
    return next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), verb)


def _governor(tok):
    """The verb a phrase hangs from (or the sentence root when there is none)."""
    cur = tok
    while cur.pos_ not in PRED_POS and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _make(doc, ctx, sent, head, chain, frame, trigger, trigger_negative, time, value, attribution, cues, rule,
          others: frozenset[int] = frozenset(), when: tuple[tuple[int, int], ...] = ()) -> Claim:
    """One claim of the predicate `head`; `trigger` is the span of tokens that made it (its text and offsets);
    `others` the tokens of the sentence's other triggers (`stance.negated`); `when` the character spans of the
    sentence's time expressions (the claim's own `time` among them: `pick_time` takes it from the same sentence)."""
    from claimx.claims.frames import load_frames

    spec = load_frames().frames.get(frame) if frame else None
    subj, obj, pron = (arguments(head, chain, doc, cues, sent, spec, {t.i for t in trigger}) if not ctx.degraded
                       else (None, None, False))
    subj, obj = (None if _part_of_amount(e, value) or _a_time(doc, e, when) or _source(doc, e, head, cues)
                 or _nobody(e, cues) else e for e in (subj, obj))
    shared = first_conjunct(head) if head.pos_ in PRED_POS else None
    stance_chain = chain + predicate_chain(shared) if shared is not None else chain  # "will set or release"
    keeper = kept_from(chain[-1], cues)
    stance_chain = stance_chain + [keeper] if keeper is not None else stance_chain  # "prevented X from entering"
    neg = negated(stance_chain, cues, trigger_negative, others)
    text = span_text(sent)
    mode = modality(stance_chain, text, cues, own=frame is None)
    if mode == "asserted" and time is not None and any(p.left_edge.idx <= time.start_char < p.right_edge.idx + 1
                                                       for p in _on_calendar(head, cues)):
        mode = "planned"  # "le scrutin, prévu le 30 octobre"
    conf = confidence(frame is not None, subj is not None or obj is not None, pron, mode, ctx.degraded)
    lemma = head.lemma_.lower() or head.lower_
    return Claim(
        id=claim_id(ctx.doc_id, sent.start_char, head.idx, frame or lemma, rule),
        doc_id=ctx.doc_id, source=ctx.source, published=ctx.published, lang=ctx.lang,
        section=section_at(ctx, sent.start_char), subject=subj,
        predicate=Predicate(frame=frame, lemma=lemma, text=trigger.text, negated=neg, start=trigger.start_char,
                            end=trigger.end_char),
        object=obj, value=value, time=time, modality=mode,
        polarity="negative" if neg else "positive", attribution=attribution, places=_places(sent, cues, subj, obj),
        evidence=Evidence(sentence=text.strip(), start=sent.start_char + _lstrip(text),
                          end=sent.end_char - _rstrip(text)),
        rule=f"{rule}@{PIPELINE_VERSION}", confidence=round(max(0.05, conf), 2), degraded=ctx.degraded,
    )


def _part_of_amount(ent: Entity | None, value: Quantity | None) -> bool:
    """Whether the phrase lies inside the claim's sum of money, percentage or measure, or only names its unit: it
    is that amount, no participant ("ont déversé des centaines de milliards de dollars": "des centaines" is no
    object; "costs $ 99 ( USD )": nor is "USD")."""
    return (ent is not None and value is not None and ent.start is not None
            and value.kind in ("money", "percent", "measure")
            and (value.start_char <= ent.start and ent.end <= value.end_char
                 or value.unit is not None and ent.text.strip().upper() == value.unit.upper()))


def _nobody(ent: Entity | None, cues: Cues) -> bool:
    """Whether the phrase is a pronoun that names nobody ("No one was injured": the claim is negative, with no
    participant)."""
    return ent is not None and " ".join(ent.text.lower().split()) in cues.negative_pronouns


def _source(doc, ent: Entity | None, head, cues: Cues) -> bool:
    """Whether the phrase follows an attribution preposition ("selon les observateurs", "according to police"): it
    is who says so, no participant of a predicate outside it, whatever label the parse gives it (a predicate
    inside it is its own: "according to a complaint filed on Jan. 12")."""
    if ent is None or ent.start is None or not phrase_before(doc, ent.start, cues.attribution.prepositions):
        return False
    span = tokens_at(doc, ent.start, ent.end)
    return span is None or head not in span.root.subtree


def _a_time(doc, ent: Entity | None, spans) -> bool:
    """Whether the phrase is headed inside a time expression (character `spans`): it says when, and is no
    participant ("lors des élections de l'année prochaine", "was arrested the following day", "a accepté cette
    semaine d'être racheté")."""
    if ent is None or not spans or ent.start is None:
        return False
    span = tokens_at(doc, ent.start, ent.end)
    return span is not None and any(start <= span.root.idx < end for start, end in spans)


def _fits(claim: Claim, frame, ctx: DocContext, doc) -> bool:
    """Whether the claim has the arguments its frame needs (`Frame.needs`) and no object it never has
    (`Frame.object_never`); a degraded parse is not asked."""
    if ctx.degraded:
        return True
    if frame.object_never and claim.object is not None and of_types(doc, claim.object, frame.object_never):
        return False
    if frame.needs is None:
        return True
    if frame.needs == "object":
        return claim.object is not None or claim.value is not None
    if frame.needs == "value":
        return claim.value is not None
    return claim.subject is not None or claim.object is not None


def confidence(framed: bool, has_argument: bool, pronoun: bool, mode: str, degraded: bool) -> float:
    """How likely the claim is right, calibrated on MEANTIME (`claimx eval claims`): claims of a frame were fully right
    about 0.85 of the time and clause claims (no frame) about 0.65; a subject found through a pronoun and a hedged
    reading are wrong more often; a claim with no participant is less useful (and cannot be told apart from
    another event), a claim without a trained pipeline much less sure. Reconciliation ignores claims below 0.5."""
    conf = 0.85 if framed else 0.6
    conf -= 0.0 if has_argument else 0.05
    conf -= 0.1 if pronoun else 0.0
    conf -= 0.1 if mode == "hedged" else 0.0
    conf -= 0.25 if degraded else 0.0
    return conf


def _places(sent, cues: Cues, *arguments: Entity | None) -> list[Entity]:
    """The places the sentence names as where things happen: its entities of a place type (coarse type LOC in
    `models/labels`) governed by a preposition of place (`locative` in the cues: "in Houston", "à Douai", "on Bourbon
    Street"), other than the claim's subject or object. An actor the model took for a place ("Ampere will cut jobs",
    "CEO of Kering") is no place."""
    coarse = label_map().coarse
    taken = [(a.start, a.end) for a in arguments if a is not None and a.start is not None]
    return [Entity(text=e.text, label=e.label_, start=e.start_char, end=e.end_char) for e in ents_in(sent)
            if coarse.get(e.label_) == "LOC" and _locative(e, cues.locative)
            and not any(s < e.end_char and e.start_char < t for s, t in taken)]


def _locative(ent, prepositions: list[str]) -> bool:
    """Whether a phrase is governed by a preposition of place: the object of one (English `pobj`) or marked by one
    (`case`)."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.pos_ == "ADP":
        return root.head.lower_ in prepositions
    return case_marked(root, prepositions)


def _lstrip(s: str) -> int:
    return len(s) - len(s.lstrip())


def _rstrip(s: str) -> int:
    return len(s) - len(s.rstrip())
