"""Polarity and modality of a predication, from the cue lexicons of `models/cues/<lang>.json`.

Negation counts only in the trigger's own predicate chain: a negation word that governs or modifies a verb of the
chain ("did not cut", "never charged"), a negative determiner or subject of it ("no job losses", "nobody was hurt"),
or a negative preposition the trigger noun depends on ("without job cuts"); not a negation inside another phrase
("detained without incident"). Implicative verbs of the chain turn it around ("failed to pass", "n'a pas réussi à
surmonter": each negative implicative and each negation flips the polarity once). An infinitive that no implicative
verb asserts is not asserted ("forced Apple to lower its prices", "an event to be held on Monday", the headline "X
to buy Y"): planned. A trigger inside an accusation ("charged with murder", "suspected of killing") is hedged, not
the occasion of the accusation ("charged in the shooting death of X"); so is the verb of a conditional clause ("if
convicted").

A negation whose focus is a degree of the event denies the degree, not the event ("does not have
life-threatening injuries", "pas grièvement blessé"). What a statement says is denied where its sentence calls the
statement untrue ("the claim that … is false"). A frame's trigger word is no modality cue of its own claim ("had been
set on fire" plans nothing).

A clause's negation denies what the clause says, not every event it names: not an event noun that is only the
subject of another predicate ("the fire did not spread"; but "the attack did not happen"), a circumstance ("no one
was injured in the shooting"), part of another noun's phrase ("no motive for the shooting") or the complement of a
relation ("no link to the gunman").
"""

from __future__ import annotations

from claimx.claims.arguments import predicate_chain
from claimx.claims.context import doc_text, phrase_before
from claimx.claims.cues import MODALITY_ORDER, Cues
from claimx.claims.deps import AGENT, CONTROL, NOMINAL, OBJ, PRED_POS, SUBJ, SUBJ_PASS, case_marked, introduced_by

NEGATING_DEPS = {"neg", "advmod", "det", "advmod:neg"}  # "not", "never", "no job losses", "ne ... pas"
_UP_LINKS = {"prep", "pobj", "pcomp", "obl", "nmod", "case", "dobj", "obj", "xcomp", "acl", "compound", "mark",
             "ccomp", "conj"}  # "it is alleged that the gun went off and fatally struck him"


def negated(chain, cues: Cues, trigger_negative: bool, others: frozenset[int] = frozenset()) -> bool:
    """Whether the predication reads negated (a negative trigger, "hiring freeze", turns a negation around).
    `others`: the tokens of the other triggers of the sentence, whose negation is theirs (`_beside`)."""
    neg = set(cues.negation)
    negative = {*cues.implicatives.get("negative", [])}
    # Negation words of one chain make one negation ("n'a signalé aucun incendie", "did not see nobody"): negative
    # concord, as French and most news writing have it; each negative implicative verb turns the polarity once more.
    head = chain[0]
    # "no link to the pandemic", "sans aucun lien avec l'attaque": the chain up to a noun of a relation; its
    # negation denies the relation, not the event
    cut = next((k for k, tok in enumerate(chain) if k and tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.relational),
               len(chain))
    # ... and short of the predicate that the event noun is only a circumstance or a part of: a clause's negation
    # denies what the clause says, not the events it names on the way
    cut = next((k for k in range(1, cut) if _beside(chain, k, cues, others)), cut)
    chain = chain[:cut]
    words = [c for tok in chain for c in tok.children
             if c.lower_ in neg and (c.dep_ in NEGATING_DEPS or c.dep_ in SUBJ | SUBJ_PASS)]
    said = bool(words) and not _restricted(words, chain, cues)
    said = said or head.lower_ in neg or head.head.lower_ in neg and head.dep_ in ("pobj", "obl", "nmod")
    # a negative preposition of the trigger noun: "without" heads its phrase, "sans" is its case marker; of the
    # trigger verb: "sans tuer le passager", "fled without injuring anyone" (the event did not take place)
    said = said or case_marked(head, neg) or introduced_by(head, neg) or _set_aside(head, cues)
    # "no one has been arrested", "police arrested no suspects", "neither the company nor the union announced": an
    # argument that a determiner negates
    said = said or any(c.dep_ in SUBJ | SUBJ_PASS | OBJ and any(g.dep_ in ("det", "preconj") and g.lower_ in neg
                                                                for g in c.children)
                       for tok in chain for c in tok.children)
    # "n'a pas voté …, ni condamné la Russie", "did not approve it, nor did it cancel the vote": a conjunct after "ni",
    # "nor" (its own marker in French parses, its head's in English ones)
    said = said or head.dep_ == "conj" and any(
        c.dep_ == "cc" and c.lower_ in neg and (c.head.i == head.i or head.head.i < c.i < head.i)
        for c in [*head.children, *head.head.children])
    # "does not have life-threatening injuries", "was not seriously hurt": the negation denies a degree of the event
    said = said and not any(c.dep_ in ("amod", "advmod") and _scalar(c, cues) for c in head.children)
    # a verb with a particle is another verb: "stopped by to visit" is no "stop" ("stopped visiting"); a noun ("a block
    # from the shooting") is none; and a verb coordinated with one is no complement of it ("a été arrêté et
    # emprisonné": the imprisonment is not stopped)
    flips = int(said) + sum(1 for k, tok in enumerate(chain) if k and tok.pos_ in PRED_POS
                            and tok.lemma_.lower() in negative and chain[k - 1].dep_ != "conj"
                            and not any(c.dep_ in ("prt", "compound:prt") for c in tok.children))
    return (flips % 2 == 1) != trigger_negative


def _beside(chain, k: int, cues: Cues, others: frozenset[int] = frozenset()) -> bool:
    """Whether the predicate `chain[k]` says something beside the event of `chain[0]`, so that its negation does not
    reach it: the event noun is its subject and it does not say whether the event took place ("the fire did not
    spread", but "the attack did not happen"); the event is in an adjunct of it ("no one was injured in the
    shooting", "not home during the shooting"); the event noun is the object of a verb that presupposes it ("did not
    see the shooting") or of another trigger, whose claim the negation is ("n'a pas perdu l'élection": the election
    took place, the defeat did not), unless it reports ("have not announced any arrests"); or the event is inside
    another noun's phrase ("have not determined a motive for the shooting")."""
    tok, below = chain[k], chain[k - 1]
    if tok.pos_ in NOMINAL:
        return False  # still inside a noun phrase: "no sign of an explosion"
    if below.dep_ in SUBJ | SUBJ_PASS and below.pos_ in NOMINAL:
        return not _occurrence(tok, cues)
    if below.dep_ in AGENT:  # the agent of a passive is an argument: "not threatened by job losses"
        return False
    if _presupposed(below, tok, cues) or below.dep_ in OBJ and below.pos_ in NOMINAL and tok.i in others \
            and not _reports(tok, cues):
        return True  # "did not see the shooting", "did not lose the election"; "have not announced any arrests" does
    if below.pos_ == "ADP" and below.lower_ in cues.state_prepositions and tok.lemma_.lower() in cues.copulas:
        return False  # "is not under arrest": the state is what the clause says
    return below.pos_ == "ADP" or below.dep_.split(":")[0] in ("prep", "obl") or (k > 1 and below.pos_ in NOMINAL)


def _set_aside(head, cues: Cues) -> bool:
    """Whether the trigger is the alternative a phrase sets aside, right before it or before its determiner
    ("rather than recall the devices", "instead of a recall", "au lieu de fermer l'usine")."""
    return phrase_before(head.doc, head.idx, cues.alternatives, skip_short=True)


def _restricted(words, chain, cues: Cues) -> bool:
    """Whether the chain's negation words are particles ("ne", "n'") of a restriction: "n'a interdit que la
    publicité" says what was banned, and only that."""
    if not cues.restrictive or any(w.lower_ not in cues.negation_particles for w in words):
        return False
    neg = set(cues.negation) - set(cues.negation_particles)
    near = [c for tok in chain for c in tok.children]  # the chain's own dependents and theirs ("que dix salariés")
    if any(c.lower_ in neg for c in near):
        return False  # "aucun des articles n'exprime": a negative argument
    return any(t.lower_ in cues.restrictive and t.i > words[0].i for c in near for t in [c, *c.children])


def _holder(chain, k: int, cues: Cues) -> bool:
    """Whether `chain[k]` is another noun whose phrase holds the event ("will give an update about the
    investigation", "media will be briefed near the scene of the shooting"): what is still to come, hedged or denied
    above it is that noun's, unless it only frames the event (`transparent_nouns`: "the risk of death", "le niveau
    de crue", "a plan for an attack"). Not a conjunct, a compound or an apposition of the event noun."""
    tok, below = chain[k], chain[k - 1]
    if tok.pos_ not in NOMINAL or tok.lemma_.lower() in cues.transparent_nouns:
        return False
    link = below if below.pos_ != "ADP" else chain[k - 2] if k > 1 else below
    return link.dep_ not in ("conj", "compound", "appos", "flat", "flat:name")


def _presupposed(noun, verb, cues: Cues) -> bool:
    """Whether an event noun is the object of a verb that takes it as given ("did not see the shooting", "to slow
    the invasion")."""
    return noun.dep_ in OBJ and noun.pos_ in NOMINAL and verb.lemma_.lower() in cues.presupposing


def _scalar(tok, cues: Cues) -> bool:
    """Whether a modifier is a degree word, hyphenated ones whole ("life-threatening" is three tokens)."""
    words = cues.scalar_modifiers
    return tok.lemma_.lower() in words or tok.doc[tok.left_edge.i : tok.i + 1].text.lower() in words


def _occurrence(verb, cues: Cues) -> bool:
    """Whether `verb` says that its subject took place ("happen", "take place", "avoir lieu")."""
    lemma = verb.lemma_.lower()
    for entry in cues.occurrence:
        head, _, obj = entry.partition(" ")
        if lemma == head and (not obj or any(c.dep_ in OBJ and c.lemma_.lower() == obj for c in verb.children)):
            return True
    return False


def _bare_auxiliary(verb, cues: Cues) -> bool:
    """Whether a verb that marks a modality only over an infinitive (`infinitive_auxiliaries`: "va fermer") stands
    without one: a verb of its own ("des vents allant jusqu'à 170 km/h" plan nothing)."""
    return verb.lemma_.lower() in cues.infinitive_auxiliaries and not any(
        c.dep_ in CONTROL and "Inf" in c.morph.get("VerbForm") for c in verb.children)


def modality(chain, sent_text: str, cues: Cues, own: bool = False) -> str:
    """The strongest modality the cues find around the predicate chain, else "asserted". A frame's trigger word is
    no cue ("set on fire", "preparing food", "the case was dismissed" plan or deny nothing; "plans to sell" plans);
    with `own`, the predicate's own verb is one ("A hearing is scheduled", "peuvent couvrir"), but not as a denial
    ("The judge denied him bail" asserts the denial). What is expected or hedged of a degree of the event is not of
    the event ("injuries not expected to be life-threatening")."""
    found: set[str] = set()
    chain = chain[: next((k for k in range(1, len(chain)) if _of_degree(chain[k], cues)), len(chain))]
    if len(chain) > 1 and _presupposed(chain[0], chain[1], cues):
        chain = chain[:1]  # "visant à ralentir l'invasion", "wants to condemn the attack": the event took place
    chain = chain[: next((k + 1 for k in range(1, len(chain)) if _holder(chain, k, cues)), len(chain))]
    lemmas = {t.lemma_.lower() for tok in chain for t in tok.children if t.dep_ in CONTROL | {"advmod", "ROOT"}}
    lemmas |= {tok.lemma_.lower() for tok in chain[1:]}
    head = chain[0]
    own_lemmas = lemmas | {head.lemma_.lower()} if own and not _bare_auxiliary(head, cues) else lemmas
    # "was going to kill": the form of a verb with an infinitive complement is the plan; its lemma "go" is none
    forms = {tok.lower_ for k, tok in enumerate(chain) if k and chain[k - 1].dep_ == "xcomp"
             and any(c.dep_ in ("aux", "mark") for c in chain[k - 1].children)}
    morph = {str(m) for tok in chain for t in [tok, *tok.children] if t.dep_ in CONTROL or t is tok for m in t.morph}
    if any(_conditional_form(t, cues) for tok in chain for t in [tok, *tok.children] if t.dep_ in CONTROL or t is tok):
        morph.add("Mood=Cnd")  # "produiraient": the journalistic conditional the tagger read as a present
    low = sent_text.lower()
    for name in MODALITY_ORDER:
        words = set(getattr(cues.modality, name))
        # a verb's own denial is what the clause asserts ("the judge denied him bail"), no doubt about it
        seen = lemmas if name == "denied" else own_lemmas
        if (words & (seen | forms if name == "planned" else seen)) or (set(getattr(cues.morph, name)) & morph):
            found.add(name)
        if any(p in low for p in getattr(cues.phrases, name)):
            found.add(name)
    if _directed(chain, cues) or _rewarded(chain[0], cues):
        found.add("planned")  # "demanded an inquiry": what is asked for, not the asking
    if _refuted(chain, cues):
        found.add("denied")
    if _alleged(chain[0], cues) or _conditional(chain, cues) or _possible(chain[0], cues):
        found.add("hedged")
    implicative = {*cues.implicatives.get("negative", []), *cues.implicatives.get("positive", [])}
    # an event noun's support verb is its predicate: "you'd expect criminal charges to be filed"; a report's is not
    # ("called to report the shooting": the shooting took place)
    support = len(chain) > 1 and chain[0].pos_ not in PRED_POS and chain[1].lemma_.lower() in cues.support_verbs \
        and not _reports(chain[1], cues)
    verb = chain[1] if support else chain[0]
    under_way = verb.head.lemma_.lower() in cues.progressive  # "est en train de racheter"
    # "la première personne à remporter un prix Nobel", "the first woman to win": a fact
    under_way = under_way or _after_ordinal(verb, cues)
    if introduced_by(verb, cues.sequence_markers) and verb.head.i != verb.i:
        # "a fait partie du musée pendant 100 ans avant d'être rapatriée": what comes before or after the main
        # clause's event is as real as it ("visitera l'usine avant de rencontrer les syndicats" plans both)
        main = modality(predicate_chain(verb.head), sent_text, cues)
        if main != "asserted":
            found.add(main)
    # "sans faire de blessés": an infinitive a negation introduces is what did not happen, no plan
    elif not found and _infinitive(verb) and not under_way and not introduced_by(verb, cues.negation) \
            and not any(t.lemma_.lower() in implicative for t in chain[1:]):
        found.add("planned")
    return next((m for m in MODALITY_ORDER if m in found), "asserted")


def _conditional_form(tok, cues: Cues) -> bool:
    """Whether a verb's form is a conditional by the language's regular formation (`conditional_forms`): its future
    stem, from its lemma, and an ending of the conditional ("produiraient", "ferait"; not the imperfect "courait")."""
    forms = cues.conditional_forms
    if tok.pos_ not in PRED_POS or not forms.endings:
        return False
    low, lemma = tok.lower_, tok.lemma_.lower()
    stem = forms.irregular.get(lemma)
    if stem is None:
        stem = next((lemma[: -len(a)] + b for a, b in forms.stems if lemma.endswith(a)), lemma)
    return low.startswith(stem) and low[len(stem):] in forms.endings


def _after_ordinal(verb, cues: Cues) -> bool:
    """Whether an infinitive modifies a noun or a word that ranks it ("la première personne à remporter", "the only
    bank to report", "the first to win")."""
    noun = verb.head
    return verb.dep_.split(":")[0] in ("acl", "relcl", "xcomp", "advcl") and noun.i != verb.i and (
        noun.lemma_.lower() in cues.factive_ordinals or noun.lower_ in cues.factive_ordinals
        or any(c.dep_ in ("amod", "nummod") and (c.lower_ in cues.factive_ordinals or c.lemma_.lower()
                                                 in cues.factive_ordinals) for c in noun.children))


def _of_degree(verb, cues: Cues) -> bool:
    """Whether a predicate above an event says how severe it is: its complement is a degree word ("were not expected
    to be life-threatening", "are considered non-life-threatening")."""
    below = [verb, *(c for c in verb.children if c.dep_ in ("xcomp", "ccomp"))]
    return any(c.dep_ in ("acomp", "attr", "oprd") and _scalar(c, cues) for v in below for c in v.children)


def _at_occasion(tok, occasion: set[str]) -> bool:
    """Whether `tok` is, or is marked by, a preposition of an occasion ("in the shooting", "dans l'affaire")."""
    return tok.pos_ == "ADP" and tok.lower_ in occasion or case_marked(tok, occasion)


def _rewarded(head, cues: Cues) -> bool:
    """Whether the trigger is what a reward is offered for ("offering a $5,000 reward for information leading to an
    arrest"): it is still to come; not the occasion of what is to come ("… an arrest in the drive-by shooting")."""
    words, occasion = set(cues.reward_nouns), set(cues.occasion_prepositions)
    for reward in head.sent:
        if reward.i >= head.i or reward.lemma_.lower() not in words:
            continue
        top = reward.head if reward.dep_ in OBJ else reward  # "offering a reward … for": the offer's phrase
        tok = head
        while tok.i != top.i and tok.head.i != tok.i and not _at_occasion(tok, occasion):
            tok = tok.head
        if tok.i == top.i:
            return True
    return False


def _directed(chain, cues: Cues) -> bool:
    """Whether the trigger is what a verb of asking or promising asks for: its object or complement (a clause too),
    or through a preposition ("demanded an inquiry", "pledged for an investigation", "a appelé à la grève"); not an
    event named deeper ("urged anyone with information on the shooting to call")."""
    words = set(cues.directives)
    top = chain[-1]
    if (top.dep_ == "ccomp" and top.head.lemma_.lower() in words and top.head.i != top.i
            and any(c.dep_ == "mark" for c in top.children)):
        return True  # "demanded that the labels lower their prices", "exige que l'usine ferme"; not a quote
    if len(chain) > 1 and chain[1].lemma_.lower() in words:
        return chain[0].dep_ in OBJ or chain[0].dep_ in ("xcomp", "ccomp", "obl:arg")  # not its subject
    return (len(chain) > 2 and chain[2].lemma_.lower() in words and chain[0].dep_ == "pobj"
            and chain[1].dep_ == "prep" and chain[1].lower_ in cues.glue_prepositions)  # not "after the deaths"


def _refuted(chain, cues: Cues) -> bool:
    """Whether the predication is the content of a statement its sentence calls untrue: "the claim that Renault will
    close the plant is false", "l'information ordonnant la réintégration de la Russie est totalement fausse"."""
    words = set(cues.falsity)
    top = chain[-1]
    if not words or top.dep_.split(":")[0] not in ("acl", "ccomp") or top.head.pos_ not in NOMINAL:
        return False
    noun = top.head
    if noun.dep_ not in SUBJ:
        return False
    pred = noun.head
    return pred.lemma_.lower() in words or any(c.dep_ in ("acomp", "attr") and c.lemma_.lower() in words
                                               for c in pred.children)


def _possible(head, cues: Cues) -> bool:
    """Whether an event noun is said to be a possibility only ("a possible strike", "a possible death sentence", "son
    éventuel décès"); not where the adjective qualifies another modifier ("a possible gang-related shooting")."""
    return head.pos_ == "NOUN" and any(
        c.dep_ == "amod" and c.lemma_.lower() in cues.hedging_modifiers
        and all(t.dep_ == "compound" and t.head.i == head.i for t in head.doc[c.i + 1 : head.i])
        for c in head.children)


def _conditional(chain, cues: Cues) -> bool:
    """Whether the trigger is a verb of a conditional clause ("if convicted", "si le Conseil avait voté"), or a noun
    right after a preposition of a condition ("in the event of a strike", "en cas de victoire"); an event noun a
    conditional clause mentions is not ("if you have information about the shooting")."""
    cond = set(cues.conditional)
    head = chain[0]
    if head.pos_ == "NOUN" and cues.conditional_prepositions:
        # the phrase's first word, its own case marker left out (French UD makes "de" a child of the noun)
        start = next(t for t in head.subtree if t.dep_ != "case" or t.i >= head.i).idx
        before = " ".join(doc_text(head.doc)[max(0, start - 40) : start].lower().split())
        if before.endswith(tuple(cues.conditional_prepositions)):
            return True
    return bool(cond) and head.pos_ in PRED_POS and any(
        c.dep_ == "mark" and c.lower_ in cond and not _in_phrase(c, cues.not_conditional)
        for tok in chain for c in tok.children)


def _reports(verb, cues: Cues) -> bool:
    """Whether the verb reports what its object names (an attribution verb: "report", "announce"): it says nothing of
    whether that took place."""
    return verb.lemma_.lower() in cues.attribution.verbs


def _in_phrase(tok, phrases: list[str]) -> bool:
    """Whether the word stands in one of `phrases` ("si" in "si bien que")."""
    text = doc_text(tok.doc).lower()
    return any((k := p.find(tok.lower_)) >= 0 and text.startswith(p, tok.idx - k) for p in phrases if tok.idx >= 0)


def _infinitive(head) -> bool:
    """An infinitive verb: "to lower", "to be held", "pour racheter", a headline "Renault to spin off"."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in head.children if c.dep_ in ("aux", "auxpass", "aux:pass", "mark")]
    if any("Perf" in c.morph.get("Aspect") or c.lemma_ in ("have", "avoir") for c in aux if c.pos_ == "AUX"):
        return False  # "was reported to have died": a perfect infinitive tells what happened
    bare = "Inf" in head.morph.get("VerbForm") or any("Inf" in c.morph.get("VerbForm") for c in aux)  # "to be held"
    return bare and any(c.pos_ in ("PART", "ADP", "SCONJ") for c in aux)


def _alleged(head, cues: Cues) -> bool:
    """Whether the trigger is what someone is accused or suspected of ("charged with murder", "accused of killing",
    "faces charges of murder"), up through its phrase to the verb or noun of the accusation."""
    words = set(cues.alleged)
    if head.lemma_.lower() in words:
        return False  # the charge itself ("charged with one count of ...") is asserted; what it charges is not
    occasion = set(cues.occasion_prepositions)
    tok = head
    for _ in range(6):
        if _at_occasion(tok, occasion):
            return False  # "charged with murder in the death of X", "dans l'affaire de la fusillade": it happened
        if tok.dep_ not in _UP_LINKS or tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.lemma_.lower() in words:
            return True
    return False
