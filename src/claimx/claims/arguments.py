"""A predication's arguments from the dependency parse: its subject (or the agent of a passive), its object (or the
patient of a passive), the entity inside each phrase when there is one.

A verb without its own subject takes its controller's: the subject of the verb a purpose infinitive or a
prepositional gerund modifies ("X raised funds to buy Y", "by buying Y"), the object of an object-control verb
(`object_control` in the cues: "asked X to buy Y"). A subject pronoun is resolved to the nearest preceding entity of
a label it can stand for, and a possessed noun phrase ("its workers") takes part through its possessor.
"""

from __future__ import annotations

from claimx.claims.cues import Cues
from claimx.claims.deps import (ADJUNCT, ADJUNCT_VIA, AGENT, CONTROL, CONTROLLER_OBJ, CONTROLLER_POS,
                                MODIFIER_CLAUSE, NOMINAL_LINK, NOUNISH, NUMERIC_LABELS, OBJ, PRED_POS, SUBJ, SUBJ_PASS,
                                non_finite)
from claimx.schemas import Entity


def predicate_chain(head) -> list:
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


def entity_in(tok, doc) -> Entity:
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


def arguments(head, chain, doc, cues: Cues, sent) -> tuple[Entity | None, Entity | None, bool]:
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
            subj_e = entity_in(subj, doc)
    if obj is not None and obj.pos_ != "PRON":
        obj_e = entity_in(obj, doc)
    # "ses salariés", "its workers": a possessed noun phrase takes part through its possessor
    subj_e = _possessor(subj, subj_e, doc, cues)
    obj_e = _possessor(obj, obj_e, doc, cues)
    if subj_e is None and obj_e is None:  # fall back on the sentence's own subject, then its first entity
        root = sent.root
        root_subj = next((c for c in root.children if c.dep_ in SUBJ | SUBJ_PASS), None)
        if root_subj is not None and root_subj.pos_ != "PRON":
            subj_e = entity_in(root_subj, doc)
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
