"""A predication's arguments from the dependency parse: its subject (or the agent of a passive), its object (or the
patient of a passive), the entity inside each phrase when there is one.

A verb without its own subject takes its controller's: the subject of the verb a purpose infinitive or a
prepositional gerund modifies ("X raised funds to buy Y", "by buying Y"), the object of an object-control verb
(`object_control` in the cues: "asked X to buy Y"). A subject pronoun is resolved to the nearest preceding entity of
a label it can stand for, and a possessed noun phrase ("its workers") takes part through its possessor.
"""

from __future__ import annotations

import re

from claimx.claims.context import span_text
from claimx.claims.cues import Cues
from claimx.claims.deps import (
    ADJUNCT,
    ADJUNCT_VIA,
    AGENT,
    CONTROL,
    CONTROLLER_OBJ,
    CONTROLLER_POS,
    FINAL_PUNCT,
    MODIFIER_CLAUSE,
    NOMINAL_LINK,
    NOUNISH,
    NUMERIC_LABELS,
    OBJ,
    PRED_POS,
    SUBJ,
    SUBJ_PASS,
    case_marked,
    first_conjunct,
    marked_apart_from,
    modifying_participle,
    non_finite,
    passive,
)
from claimx.claims.entities import antecedent, entity_in, is_relative, picture_counter, resolve_pronoun, typed
from claimx.claims.frames import Frame
from claimx.claims.measures import measure_of_token
from claimx.schemas import Entity


def predicate_chain(head) -> list:
    """The trigger's head, then up to its predicate and through control verbs ("plans to", "s'apprête à")."""
    chain = [head]
    tok = head
    while tok.head.i != tok.i and len(chain) < 8:
        if tok.pos_ not in PRED_POS and tok.dep_.split(":")[0] in NOMINAL_LINK or tok.dep_ in CONTROL:
            tok = tok.head
        else:
            break
        chain.append(tok)
    return chain


def _relative_inside(clause) -> bool:
    """Whether a relative clause has a relative pronoun or adverb of its own, under the verb or one preposition down."""
    return any(_relative_word(c) or any(_relative_word(g) for g in c.children) for c in clause.children)


def _relative_word(tok) -> bool:
    return is_relative(tok) or tok.tag_ == "WRB"  # "the reason why", "the day when"


def arguments(head, chain, doc, cues: Cues, sent, frame: Frame | None = None, own: set[int] | None = None
              ) -> tuple[Entity | None, Entity | None, bool]:
    """(subject, object, subject_was_pronoun) of the predication around `head`.

    The subject is the semantic agent of the trigger's own clause: the subject of an active verb, the agent of a
    passive, the controller of a subjectless infinitive or gerund; a passive without an agent has none (its
    patient is the object). A noun trigger has the agent its own phrase names ("the takeover by X", "X's
    takeover"), or the subject of a support verb it is the object of ("X carried out the attack", `support_verbs`
    in the cues); never the subject of a verb it merely appears near ("police confirmed the death")."""
    if head.pos_ in PRED_POS:
        subj, obj = _verbal(head, chain, cues, frame)
        if _headline_passive(head, sent, frame, subj, obj):
            subj, obj = None, subj  # "FIVE OFFICERS KILLED", "Man shot near school": headlines drop "were"
    else:
        subj, obj = _nominal(head, chain, cues, frame)
        if frame is not None and frame.count_patients and "Plur" in head.morph.get("Number") \
                and measure_of_token(head) in frame.measures:
            # "les morts du Covid": a plural noun of the people the frame counts names its patients themselves, so
            # what follows it is a cause, not the victim ("la mort de Billy", an event noun, and "employés de GM", of
            # a frame without patients, keep theirs)
            obj = None
    # "one count of": "of" names nothing; "l'armée a nié avoir attaqué": a verb the parse made an argument is none
    subj = subj if subj is None or not (_function_word(subj) or _verb_word(subj)) else None
    obj = obj if obj is None or not (_function_word(obj) or _verb_word(obj)) else None
    if obj is not None and own and obj.i in own:  # "reverse the spin-off of Ampere": the trigger's own noun
        obj = _complement(obj, cues)
    subj, obj = (_counted(t, cues) for t in (subj, obj))  # "a total of five people", "dozens of shots"
    subj, obj = (None if _scale_word(t) else t for t in (subj, obj))  # "des pertes de 850 millions": an amount
    means = obj is not None and frame is not None and frame.located and obj.lemma_.lower() in cues.instruments
    if _amount(obj) or means:
        obj = None  # "invest €600 million": the value; an incident's "fired shots", "frappe d'artillerie": the means
    if _amount(subj) or subj is not None and subj.lemma_.lower() in cues.instruments:
        subj = None  # an amount, or what it was done with, not who did it ("hit by a bullet", "tué par balle")
    subj, obj = (None if t is not None and (picture_counter(t, cues) or t.lemma_.lower() in cues.occasion_nouns)
                 else t for t in (subj, obj))  # a caption's count; "fired eight times", "partagées mille fois"
    subj_e = obj_e = None
    pron = False
    if subj is not None:
        if subj.pos_ == "PRON" or _possessive(subj):  # "his death", "sa visite": whom it stands for, or nobody
            subj_e = resolve_pronoun(subj, doc, cues, cues.possessives if _possessive(subj) else None)
            pron = subj_e is not None
        else:
            subj_e = typed(subj, entity_in(subj, doc), doc, cues, frame.subject_types if frame else [])
    if obj is not None and obj.pos_ != "PRON":
        obj_e = typed(obj, entity_in(obj, doc), doc, cues, frame.object_types if frame else [])
    return subj_e, obj_e, pron


_FUNCTION_POS = {"ADP", "DET", "PART", "PUNCT", "CCONJ", "SCONJ", "AUX"}
# who can act: a person, a group, an organisation or a country, named or not (`_compound_reading`)
DOER_LABELS = {"PERSON", "PER", "NORP", "ORG", "GPE"}
DOER_MEASURES = {"people", "organisations"}


def _possessive(tok) -> bool:
    """A possessive determiner ("sa", "leur": French UD tags them DET): it stands for its possessor."""
    return tok.pos_ == "DET" and "Yes" in tok.morph.get("Poss")


def _verb_word(tok) -> bool:
    """A verb outside any name: no participant, whatever arc the parse gave it (a name may be tagged a verb)."""
    return tok.pos_ in PRED_POS and not tok.ent_type_


def _function_word(tok) -> bool:
    return tok.pos_ in _FUNCTION_POS and not _possessive(tok)


def _headline_passive(head, sent, frame: Frame | None, subj, obj) -> bool:
    """A past form with a subject and no object, in a line without final punctuation (a headline, a caption) or a
    bulleted list item, of a frame whose patient is its object: headlinese for a passive ("FIVE OFFICERS KILLED",
    "•Joshua Agosto, 25, shot in the chest and buttocks."; the active would be "kills")."""
    text = span_text(sent)
    return (frame is not None and frame.counted == "object" and subj is not None and obj is None
            and head.dep_ == "ROOT" and head.tag_ in ("VBD", "VBN") and not any(c.dep_ in AGENT for c in head.children)
            and (not _TRAILING_REFS.sub("", text).rstrip().endswith(tuple(FINAL_PUNCT))
                 or text.lstrip().startswith(_BULLETS)))


_BULLETS = ("•", "·", "▪", "◦", "- ", "* ", "– ", "— ")  # a list item's mark


_TRAILING_REFS = re.compile(r"(?:\s*\[[^\]]*\])+\s*$")  # "… the passenger.[12][13][dead link]": a sentence


def _verbal(head, chain, cues: Cues, frame: Frame | None = None):
    """Subject and object tokens of a verb trigger, up its chain of control and auxiliary verbs."""
    subj = obj = None
    is_passive = passive(head)
    for k, tok in enumerate(chain):
        before = any(c.dep_ in SUBJ and c.i < tok.i for c in tok.children)
        if k and chain[k - 1].dep_ == "xcomp" and tok.lemma_.lower() in cues.object_control:
            # "asked Y to leave", "accusait M. Zelensky d'avoir mis en place" (its object parsed as a second subject)
            subj = next((c for c in tok.children
                         if c.dep_ in CONTROLLER_OBJ or c.dep_ in SUBJ and c.i > tok.i and before), None)
            if subj is not None:
                break
        # nearest first: a misparse may give a verb two subjects ("Apple Inc. co-founder Steve Jobs dies")
        for c in sorted(tok.children, key=lambda c: abs(c.i - tok.i)):
            if c.i == head.i or head in c.subtree and c.i != tok.i and c in chain:
                continue  # the trigger's own phrase is not its argument
            if c.dep_ in SUBJ and c.i > tok.i and before:
                # "La vaste enquête …, accusait M. Zelensky d'avoir …": a subject follows its verb only where none
                # comes before it; a second one after the verb is its object, misparsed
                if obj is None and tok.i == head.i and not is_passive:
                    obj = c
                continue
            if c.dep_ in SUBJ and subj is None and not is_passive:
                subj = c
            elif c.dep_ in SUBJ_PASS and not is_passive and subj is None:
                subj = c  # "Renault is set/expected to reintegrate X": the raised subject is the agent (and an
                # active verb's subject misread as a passive one, `deps.passive`)
            elif (c.dep_ in SUBJ_PASS or c.dep_ in SUBJ and (tok.i != head.i or is_passive)) and obj is None:
                obj = c  # the patient of a passive ("X is expected to be acquired")
            elif (_agent(c, cues) or _agent_phrase(c, cues)) and subj is None and tok.i == head.i and is_passive:
                subj = next((g for g in c.children if g.dep_ == "pobj"), c)  # not "reported to have died by"
            elif (c.dep_ in OBJ and obj is None and tok.i == head.i and not (c.dep_ == "attr" and tok.lemma_ == "be")
                  and not (is_passive and any(g.dep_ in SUBJ_PASS for g in tok.children))
                  and not marked_apart_from(c, cues.genitive_prepositions)):
                # a passive's patient is its subject, whatever object the parse gives it beside; an object the parse
                # marks with a preposition other than a partitive 'de' is an oblique ("mort peu après son arrivée")
                obj = c
        if tok.dep_ in MODIFIER_CLAUSE and tok.head.pos_ in NOUNISH:
            # "the man who killed X": the relative pronoun stands for the noun; "an agreement reached in 1991":
            # a past participle's noun is its patient; "a company employing 300": a present participle's, its doer
            if subj is not None and is_relative(subj):
                subj = antecedent(tok, cues)
            elif obj is not None and is_relative(obj):
                obj = tok.head
            elif obj is None and is_passive and tok.i == head.i:
                obj = tok.head  # "la déclaration publiée par le Parlement", "a deal signed by both unions"
            elif (obj is None and subj is not None and tok.dep_ != "acl" and tok.i == head.i and not is_passive
                  and not _relative_inside(tok)):
                obj = tok.head  # "the music it sells", "the car he bought": a relative clause without a pronoun
                # (one with a pronoun of its own gives the noun that pronoun's role: "l'information selon laquelle les
                # soldats seraient décédés", "the reason why he left")
            elif subj is None and "Inf" in tok.morph.get("VerbForm"):
                subj = next((c for c in tok.head.children if c.dep_ in ("poss", "nmod:poss")), None)  # "its plan to"
            elif subj is None and obj is None:
                if "Past" in tok.morph.get("Tense") and "Part" in tok.morph.get("VerbForm") or (
                        _participle_reading(tok, frame)):
                    obj = tok.head
                elif not is_passive and not _compound_reading(tok):
                    subj = tok.head
        if subj is not None:
            break
    if subj is None and (shared := first_conjunct(head)) is not None:
        # "was shot and killed", "killed five and injured seven": the first conjunct's subject, or its patient
        shared_subj, shared_obj = _verbal(shared, predicate_chain(shared), cues)
        if passive(shared) and not any(c.dep_ in ("aux", "aux:tense") for c in head.children):
            obj = obj or shared_obj
            subj = shared_subj  # the agent of both ("were shot and killed by police")
        elif not is_passive:
            subj = shared_subj
    if subj is None:
        subj = _controller(chain[-1], cues)
    return subj, obj


def _participle_reading(verb, frame: Frame | None) -> bool:
    """Whether a past form the tagger calls finite, right after the noun it modifies, is its participle: no subject
    or object of its own, a common noun and no comma between ("2 million copies of Tiger sold", "a 4-year-old girl
    shot in …"; not "the gun Meyer purchased"), and a verb that has a patient to take (not one whose frame counts
    its subject: "A man died Thursday")."""
    noun = verb.head
    return (modifying_participle(verb) and not any(c.dep_ in OBJ for c in verb.children) and noun.pos_ == "NOUN"
            and noun.i < verb.i and not any(t.is_punct for t in verb.doc[noun.i + 1 : verb.i])
            and not (frame is not None and frame.counted == "subject"))


def _agent(tok, cues: Cues) -> bool:
    """A phrase the parse labels a passive's agent, unless its own marker is no agent preposition ("blessées
    lorsqu'une kamikaze s'est fait exploser": a clause, misread as the agent)."""
    marks = [c.lower_ for c in tok.children if c.dep_ == "case"]
    return tok.dep_ in AGENT and (not marks or any(m in cues.agent_prepositions for m in marks))


def _agent_phrase(tok, cues: Cues) -> bool:
    """A name or a noun of people or organisations the parse gave another oblique label, marked by an agent
    preposition: a passive's agent all the same ("racheté par Airbus", where the small French model says obl:mod);
    not a manner ("morts par milliers", "meurtre par pitié")."""
    if tok.dep_.split(":")[0] != "obl" or not case_marked(tok, set(cues.agent_prepositions)):
        return False
    return _can_act(tok)


def kept_from(tok, cues: Cues):
    """The negative implicative verb a gerund hangs from through one of `Cues.implicative_prepositions` ("prevented
    the gunman from entering", "stopped the man from killing"), else None: what it kept from happening. An
    infinitive keeps nothing yet ("an attempt to block him from joining Apple")."""
    prep = tok.head
    if (tok.pos_ not in PRED_POS or tok.dep_ not in ADJUNCT_VIA or prep.i == tok.i
            or prep.lower_ not in cues.implicative_prepositions):
        return None
    verb = prep.head
    negative = cues.implicatives.get("negative", [])
    return verb if (verb.i != prep.i and verb.pos_ in PRED_POS and verb.lemma_.lower() in negative
                    and "Inf" not in verb.morph.get("VerbForm")) else None


def _compound_reading(tok) -> bool:
    """Whether a present participle that modifies a noun is rather the head of a noun compound the parse split: right
    after its noun, with no object, and the noun no one who can act ("a nightclub shooting in Mount Vernon", "a school
    shooting"): the noun says where or what, it is no doer ("a company employing 300", "a gunman shooting at cars",
    "a storm killing five" have one)."""
    noun = tok.head
    return tok.i == noun.i + 1 and not any(c.dep_ in OBJ for c in tok.children) and not _can_act(noun)


def _can_act(tok) -> bool:
    """Whether a noun names someone who can act: a name of a doer type, or a noun of people or organisations."""
    return tok.ent_type_ in DOER_LABELS or measure_of_token(tok) in DOER_MEASURES


def _nominal(head, chain, cues: Cues, frame: Frame | None):
    """Subject and object tokens of a noun trigger: its own phrase's agent, possessor and complement."""
    subj = obj = None
    patient_possessor = frame is not None and frame.counted == "object"  # "Smith's murder": Smith was killed
    # whom a death or a disappearance befell is its subject: "par", "by" name a cause ("décès par le feu")
    agentless = frame is not None and frame.count_patients and frame.counted == "subject"
    for c in head.children:
        if c.dep_ in ("prep", "nmod", "obl") and c.lower_ in cues.agent_prepositions:
            subj = subj or (None if agentless else next((g for g in c.children if g.dep_ == "pobj"), None))
        elif c.dep_ in ("nmod", "obl") and case_marked(c, cues.agent_prepositions):
            subj = subj or (None if agentless else c)
        elif c.dep_ in ("poss", "nmod:poss") and c.pos_ != "PRON" or c.dep_ in ("poss", "nmod:poss", "det") and any(
                c.lower_ in words for words in cues.possessives.values()):
            if patient_possessor:  # only a person can be killed or hurt: "the city's latest killing" names none
                obj = obj or (c if c.pos_ == "PRON" or c.ent_type_ in ("PERSON", "PER")
                              or measure_of_token(c) == "people" else None)
            else:
                subj = subj or c
    if obj is None:  # "the reintegration of Ampere", "la réintégration d'Ampere"; not "gunfire in San Antonio"
        # whom a death, a killing or an injury befell is its genitive ("the death of", "la mort de"); "deaths from
        # the shooting", "décès avec le Covid" name a cause
        preps = cues.genitive_prepositions if frame is not None and frame.count_patients else cues.object_prepositions
        mods = [next((g for g in c.children if g.dep_ == "pobj"), c) for c in head.children
                if c.dep_ == "prep" and c.lower_ in preps
                or c.dep_ == "nmod" and c.pos_ != "VERB" and case_marked(c, preps)]
        named = [m for m in mods if m.ent_type_ and m.ent_type_ not in NUMERIC_LABELS]
        obj = (named or mods or [None])[0]  # "perte d'emploi chez Renault": the named one
        if obj is not None and _organisation(obj) and _genitive(obj, cues) and not _names_its_patient(frame):
            obj = None  # "un vote de l'Assemblée", "l'aval de la Légion", "the approval of the board": who did it?
    if subj is None and head.dep_ in OBJ and len(chain) > 1 and chain[1].i == head.head.i \
            and head.head.lemma_.lower() in cues.support_verbs:
        subj, _ = _verbal(head.head, chain[1:], cues)  # "X carried out the attack", "X a procédé au rachat"
    return subj, obj


def _organisation(tok) -> bool:
    """A named organisation or group, or a noun of one ("l'armée", "the board"): the complement of an event noun
    that may be its agent ("le vote de l'Assemblée") as well as its patient ("la condamnation de l'entreprise")."""
    if tok.ent_type_:
        return tok.ent_type_ in ("ORG", "NORP")
    return measure_of_token(tok) == "organisations"


def _genitive(tok, cues: Cues) -> bool:
    """Whether the complement hangs on its noun by a genitive preposition ("of", "de")."""
    if tok.dep_ == "pobj":
        return tok.head.lower_ in cues.genitive_prepositions
    return case_marked(tok, cues.genitive_prepositions)


def _names_its_patient(frame: Frame | None) -> bool:
    """Whether the frame's genitive names its patient even where the model tags it an organisation: its object may
    be one ("le rachat de Twitter", "the closure of the plant"), or its participants are people counted or tried
    ("the death of Trinity Gay", "the arrest of X": the small models tag such names ORG)."""
    return frame is not None and (bool({"ORG", "organisations"} & set(frame.object_types)) or frame.counted is not None
                                  or frame.domain == "justice")


def _amount(tok) -> bool:
    """A bare number or a sum of money ("€600 million", "5%", "killing two"), not a named thing ("iOS 5")."""
    if tok is None:
        return False
    if tok.ent_type_ in ("MONEY", "PERCENT"):
        return True
    return tok.pos_ == "NUM" and (not tok.ent_type_ or tok.ent_type_ in NUMERIC_LABELS)


def _counted(tok, cues: Cues):
    """What a noun of an amount counts ("a total of five people" → people), else the noun itself, also where what
    it counts has a complement of its own ("des centaines de milliards de dollars" is an amount)."""
    if tok is None or tok.lemma_.lower() not in cues.partitive_nouns and not _scale_word(tok):
        return tok
    counted = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in cues.genitive_prepositions
                    for g in c.children if g.dep_ == "pobj"), None)
    counted = counted or next((c for c in tok.children if c.dep_ == "nmod" and c.i > tok.i
                               and case_marked(c, cues.genitive_prepositions)), None)
    if counted is None or any(c.dep_ in ("prep", "nmod") and c.i > counted.i for c in counted.children):
        return tok
    return counted


def _scale_word(tok) -> bool:
    """A number word of a million or more heading its phrase ("850 millions", "des millions de doses"): a count,
    whose counted noun, when it has one, is the participant (`_counted`)."""
    from claimx.quantities.lexicon import lexicon

    return (tok is not None and tok.pos_ in ("NOUN", "NUM")
            and lexicon(_lang(tok.doc)).numbers.get((tok.lower_,), 0) >= 1_000_000)


def _complement(noun, cues: Cues):
    """The complement of a noun that is part of the trigger ("the spin-off of Ampere" → Ampere), if any."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ not in cues.agent_prepositions:
            return next((g for g in c.children if g.dep_ == "pobj"), None)
        if c.dep_ == "nmod" and not case_marked(c, cues.agent_prepositions):
            return c
    return None


def _lang(doc) -> str:
    return doc.lang_


def _controller(tok, cues: Cues):
    """The subject of the verb that a subjectless non-finite clause modifies: its doer too ("X raised funds to buy
    Y", "X grew by buying Y", "X a levé des fonds pour racheter Y", "X a grandi en rachetant Y"); the object of a
    verb that kept it from happening (`kept_from`: "police prevented the gunman from entering").

    A bare participle is not: "X founded Y, employing 11,000 staff" (Y employs them), "..., simplifying the
    structure" (the whole event does)."""
    if tok.pos_ not in PRED_POS or not non_finite(tok):
        return None
    keeper = kept_from(tok, cues)
    if keeper is not None:
        return next((c for c in keeper.children if c.dep_ in CONTROLLER_OBJ), None)
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

