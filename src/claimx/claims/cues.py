"""Per-language cue lexicons for negation, modality, attribution and pronouns (`models/cues/<lang>.json`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from claimx.resources import load_lang


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModalityCues(_Strict):
    denied: list[str] = Field(default_factory=list)
    hedged: list[str] = Field(default_factory=list)
    expected: list[str] = Field(default_factory=list)
    planned: list[str] = Field(default_factory=list)


class AttributionCues(_Strict):
    prepositions: list[str]  # "according to", "selon": the NP after them is the attribution
    verbs: list[str]  # reporting verbs: their subject (or agent) is the attribution
    anonymous: list[str]  # head nouns of unnamed sources
    media_labels: list[str] = Field(default_factory=lambda: ["ORG"])
    # subordinators of an attribution clause ("as Reuters reported", "comme l'a indiqué le ministre"); a reporting
    # verb that another one introduces ("Lorsque les assistants ont annoncé une grève, …") sources only what it
    # reports, not its main clause
    markers: list[str] = Field(default_factory=list)
    # sounds the language inserts between a verb and its inverted subject ("a-t-il dit": "-t"), never a source
    euphonic: list[str] = Field(default_factory=list)


class ConditionalForms(_Strict):
    """`Cues.conditional_forms`."""

    endings: list[str] = Field(default_factory=list)
    stems: list[tuple[str, str]] = Field(default_factory=list)
    irregular: dict[str, str] = Field(default_factory=dict)


class Cues(_Strict):
    negation: list[str]
    modality: ModalityCues
    morph: ModalityCues = Field(default_factory=ModalityCues)  # morphological features, e.g. Mood=Cnd → hedged
    phrases: ModalityCues = Field(default_factory=ModalityCues)  # multi-word cues matched in the sentence text
    attribution: AttributionCues
    pronouns: dict[str, list[str]] = Field(default_factory=dict)  # entity label → pronouns that can refer to it
    possessives: dict[str, list[str]] = Field(default_factory=dict)  # entity label → possessive determiners
    demonstratives: list[str] = Field(default_factory=list)  # "This is reported by ..." points back a sentence
    # verbs whose object does what their complement clause says ("asked Y to leave"), unlike "used Y to do it"
    object_control: list[str] = Field(default_factory=list)
    # lemmas of predicates that say nothing by themselves ("be", "set", "expect"): no clause claim of their own
    empty_predicates: list[str] = Field(default_factory=list)
    # prepositions that introduce the agent of a noun ("the takeover by X", "le rachat par X")
    agent_prepositions: list[str] = Field(default_factory=list)
    # verbs that entail their complement ("manage to", "réussir à": positive) or its negation ("fail to", "refuse
    # to", "renoncer à": negative)
    implicatives: dict[Literal["positive", "negative"], list[str]] = Field(default_factory=dict)
    # a negation particle that negates nothing beside a restrictive word after the verb ("n'a interdit que la
    # publicité": only the advertising was banned)
    negation_particles: list[str] = Field(default_factory=list)
    restrictive: list[str] = Field(default_factory=list)
    # participles that put an event noun on a calendar ("le scrutin, prévu le 30 octobre", "a vigil scheduled for
    # Friday"): their time is the event's, still to come
    schedule_participles: list[str] = Field(default_factory=list)
    # singular determiners of every member of a kind ("tout déplacement", "every shooting"): an event noun they
    # determine names the kind, no event that took place
    universal: list[str] = Field(default_factory=list)
    # nouns that only frame the event noun in their phrase, and pass on what is said of them ("the risk of death",
    # "le niveau de crue", "a plan for an attack"); any other noun holding the event keeps its modality to itself
    # ("will give an update about the investigation")
    transparent_nouns: list[str] = Field(default_factory=list)
    # phrases that set aside the alternative they introduce ("rather than recall the devices", "au lieu de fermer
    # l'usine"): it did not happen, or is not to
    alternatives: list[str] = Field(default_factory=list)
    # ordinals and "only" that make the infinitive after them a fact ("la première personne à remporter un prix
    # Nobel", "the first woman to win", "the only bank to report a profit")
    factive_ordinals: list[str] = Field(default_factory=list)
    # nouns of a progressive periphrasis ("être en train de déployer"): its infinitive is under way, not planned
    progressive: list[str] = Field(default_factory=list)
    # prepositions through which a negative implicative takes the action it stops as a gerund ("prevented the gunman
    # from entering", "barred him from working"): that action did not happen, and the verb's object would have done it
    implicative_prepositions: list[str] = Field(default_factory=list)
    # words of an accusation: what someone is charged with or suspected of is not asserted ("charged with murder")
    alleged: list[str] = Field(default_factory=list)
    # prepositions that introduce the object of a noun ("the takeover of X", "the attack on X", "la fermeture de X");
    # a place or a time after a noun ("gunfire in San Antonio") is none
    object_prepositions: list[str] = Field(default_factory=list)
    # of those, the genitive ("of", "de"): its complement may be the noun's agent as well as its patient ("le vote de
    # l'Assemblée", "la fermeture de l'usine"); an organisation there is neither, unless the frame's object may be one
    genitive_prepositions: list[str] = Field(default_factory=list)
    # verbs whose subject is the agent of the event noun they take as object ("carry out an attack", "procéder à")
    support_verbs: list[str] = Field(default_factory=list)
    # verbs whose subject undergoes the event noun they take as object ("suffer injuries", "subir des blessures")
    undergo_verbs: list[str] = Field(default_factory=list)
    # prepositions by which a person has an injury or a condition ("a man with gunshot wounds")
    undergo_prepositions: list[str] = Field(default_factory=list)
    # prepositions of place: a place-type entity they govern is where something happens ("in Houston", "à Douai")
    locative: list[str] = Field(default_factory=list)
    # nouns of a relation between two things ("no link to the pandemic", "sans lien avec"): a negation of such a
    # noun denies the relation, not the event named in its complement
    relational: list[str] = Field(default_factory=list)
    # verbs that say an event took place or not ("the attack did not happen", "n'a pas eu lieu"; a verb and its
    # object's lemma for a phrase): only their negation denies the event noun that is their subject; "the fire did
    # not spread", "the crash caused no injuries" deny something else of an event that happened
    occurrence: list[str] = Field(default_factory=list)
    # verbs of perceiving, knowing or speaking about something, whose object event took place whether or not they
    # did: "she did not see the shooting", "n'a pas commenté l'attaque" deny the seeing, not the shooting
    presupposing: list[str] = Field(default_factory=list)
    # prepositions of the occasion of an accusation ("charged in the shooting", "in connection with the death",
    # "mis en examen dans l'affaire"): what they introduce happened; only what someone is charged with is alleged
    occasion_prepositions: list[str] = Field(default_factory=list)
    # entity labels of names (organisations, places, people, works): a trigger word inside one is part of a name, no
    # event ("the International Consortium of Investigative Journalists"); event names ("attentat du Bataclan") are
    # not among them
    name_labels: list[str] = Field(default_factory=list)
    # whether adjectives follow their noun as a rule ("le conseil municipal"): a noun group then takes them in;
    # where they do not (English), an adjective after a noun is a predicate ("found two men unresponsive")
    adjectives_follow: bool = False
    # subordinators of a condition or of an open question ("if", "unless", "whether", "si"): what such a clause says
    # is not asserted ("did not say whether he was forced out")
    conditional: list[str] = Field(default_factory=list)
    # phrases in which such a subordinator makes no condition: a consequence ("si bien que"), whose clause is asserted
    not_conditional: list[str] = Field(default_factory=list)
    # nouns of an amount of something ("a total of five people", "des milliers de soldats"): the participant is
    # what they count, their complement
    partitive_nouns: list[str] = Field(default_factory=list)
    # adjectives that make an event noun a possibility ("a possible strike", "son éventuel décès"): hedged
    hedging_modifiers: list[str] = Field(default_factory=list)
    # prepositions of a condition ("in the event of", "en cas de"): the event noun phrase right after one is not
    # asserted either ("en cas de victoire des démocrates"; not "in the case of the fired worker")
    conditional_prepositions: list[str] = Field(default_factory=list)
    # copulas, and the prepositions of a state their subject is in ("is under arrest", "remains under
    # investigation"): that phrase is what the clause says, so the clause's negation reaches its event noun ("is not
    # under arrest"). Languages whose parse makes the noun the head of a copular clause (French UD: "n'est pas en
    # garde à vue") need neither: the negation is already the noun's own.
    copulas: list[str] = Field(default_factory=list)
    state_prepositions: list[str] = Field(default_factory=list)
    # degree words (adjectives, adverbs) that negation takes as its focus: "does not have life-threatening
    # injuries", "no serious injuries", "was not seriously hurt" deny a degree of the event, not the event
    scalar_modifiers: list[str] = Field(default_factory=list)
    # weapons and projectiles: what something was done with, never who did it ("hit by a stray bullet", "tué par
    # balle", "gunfire killed two"); a claim with one as its subject has none
    instruments: list[str] = Field(default_factory=list)
    # crews, services, vehicles and gear that a trigger noun modifying them only names a kind of ("rescue workers",
    # "services de secours", "navire de secours", as "assault weapons" with `instruments`): no event
    kind_nouns: list[str] = Field(default_factory=list)
    # prepositions after which a singular event noun without a determiner names a kind of event, in languages that
    # mark a specific one with an article ("victimes d'avalanche", "risque d'incendie", "cas de meurtre"; not
    # "victimes de l'avalanche", "des milliers de manifestations" with `partitive_nouns`)
    kind_prepositions: list[str] = Field(default_factory=list)
    # nouns of a group or a count of events ("un mouvement de grèves", "une vague d'attentats", "le nombre de
    # décès"), or of the time they took ("deux jours de discussions"): a plural event noun without a determiner after
    # one of them names events that took place; after any other noun, a kind ("victimes de brûlures", "risque
    # d'inondations")
    aggregate_nouns: list[str] = Field(default_factory=list)
    # how the finite verbs of the third person plural end, where the form marks it ("ont", "jugent"): a plural the
    # tagger gives a verb of another form is not believed; empty: the tagger's number is
    plural_verb_endings: list[str] = Field(default_factory=list)
    # words that introduce a part of a group ("including two teens", "dont deux enfants", "parmi eux"): a number in
    # their phrase counts the part, never what the predicate counts
    inclusive_words: list[str] = Field(default_factory=list)
    # pronouns that name nobody ("No one was injured", "Personne n'a été blessé"): the claim's polarity says it, and
    # a phrase that is one of them is no participant
    negative_pronouns: list[str] = Field(default_factory=list)
    # the conditional mood where the tagger misses it ("54.000 centrifugeuses produiraient", the journalistic
    # conditional of a reported claim): a verb's form is its future stem and one of `endings`; the stem is the
    # infinitive with each (infinitive ending, stem ending) of `stems` applied ("produire" → "produir"), or the
    # `irregular` stem of its lemma ("faire" → "fer"); an imperfect ("courait", "produisait") is no such form
    conditional_forms: ConditionalForms = Field(default_factory=lambda: ConditionalForms())
    # subordinators that place an infinitive's event before or after the main clause's ("avant d'être rapatriée"):
    # it is as real as the main clause's, no plan of its own
    sequence_markers: list[str] = Field(default_factory=list)
    # verbs of `modality` that mark it only over an infinitive ("va fermer"): standing alone, they are verbs of their
    # own ("des vents allant jusqu'à 170 km/h")
    infinitive_auxiliaries: list[str] = Field(default_factory=list)
    # adjectives that call a statement untrue ("false", "baseless", "fausse", "infondée"): an event that a content
    # clause of the subject of one of them states is denied ("the claim that Renault will close the plant is false")
    falsity: list[str] = Field(default_factory=list)
    # nouns of data about events ("statistics on deaths", "données sur les hospitalisations"): an event noun in their
    # phrase names a kind of event, not one that took place, and makes no claim
    data_nouns: list[str] = Field(default_factory=list)
    # verbs that ask for or promise what their complement names ("demanded an inquiry", "a appelé à la grève",
    # "threatened to kill"): it is planned, never the verb itself (the demand was made)
    directives: list[str] = Field(default_factory=list)
    # nouns of a reward offered for something still to come ("a reward for information leading to an arrest",
    # "une récompense pour toute information menant à l'arrestation"): an event in their phrase is planned
    reward_nouns: list[str] = Field(default_factory=list)
    # the counter of a page's pictures or videos ("Image 11 of 16", "Photo 3"): with a number, no participant
    picture_nouns: list[str] = Field(default_factory=list)
    # nouns of how often or how long ("eight times", "plusieurs milliers de fois", "a short time later"): an adverbial
    # of the predicate, never its participant
    occasion_nouns: list[str] = Field(default_factory=list)
    # prepositions of a cause ("died from his injuries", "succombé à ses blessures"): an event noun they attach to
    # the trigger of a frame that absorbs its own (`Frame.absorbed_by`) is that event's, not one of its own
    cause_prepositions: list[str] = Field(default_factory=list)
    # prepositions through which a context a few words after a trigger still belongs to it when the parse loses it
    # ("renonce à son introduction en bourse", "the spin-off of Ampere"); not others ("sold under the Renault brand"),
    # nor those of the conative alternation ("shot at him", "fired at the car": aimed at, not hit)
    glue_prepositions: list[str] = Field(default_factory=list)


EMPTY = Cues(negation=[], modality=ModalityCues(), attribution=AttributionCues(prepositions=[], verbs=[], anonymous=[]))

# Strongest first: a denied or hedged statement is not an assertion even if it is also planned.
MODALITY_ORDER = ("denied", "hedged", "expected", "planned")


def cues_for(lang: str) -> Cues:
    """The cues of `lang`, or empty cues (everything asserted and positive) for a language without a file."""
    return load_lang("cues", lang, Cues) or EMPTY
