"""Polarity and modality of a claim (`claimx.claims.stance`): negation in the trigger's own chain, implicative verbs,
infinitives and accusations. Sentences written for these tests, in the style of local and business news."""

from __future__ import annotations

import pytest
from test_extract import claims_of


def stance(lang: str, text: str, frame: str) -> tuple[str, str]:
    found = [c for c in claims_of(lang, text) if c.predicate.frame == frame]
    assert found, f"no {frame} claim in {[c.predicate.frame or c.predicate.lemma for c in claims_of(lang, text)]}"
    return found[0].polarity, found[0].modality


@pytest.mark.parametrize("lang, text, frame, expected", [
    # a negation inside another phrase is not the trigger's
    ("en", "Deputies arrested the driver without incident on Sunday.", "arrest", ("positive", "asserted")),
    ("en", "The company did not cut jobs at its Ohio plant.", "cut_jobs", ("negative", "asserted")),
    ("en", "Nobody was injured in the fire.", "injure", ("negative", "asserted")),
    ("en", "Neighbors were questioned, but no one has been arrested.", "arrest", ("negative", "asserted")),
    ("en", "The merger went ahead without job cuts.", "cut_jobs", ("negative", "asserted")),
    # a negation that introduces the trigger verb's clause: the event did not take place, and is no plan (French dev
    # texts)
    ("fr", "Un char a écrasé une voiture à Obolon, sans pour autant tuer le passager.", "kill",
     ("negative", "asserted")),
    ("fr", "Le Conseil de sécurité, sans condamner l'invasion russe, a validé la tenue d'un vote.", "condemn",
     ("negative", "asserted")),
    ("en", "The gunman fled the scene without injuring anyone else.", "injure", ("negative", "asserted")),
    # what an infinitive places before or after the main clause's event is as real as that event (French dev texts)
    ("fr", "La chemise a fait partie du musée de Glasgow pendant plus de 100 ans avant d'être rapatriée dans son pays "
     "d'origine.", "reintegrate", ("positive", "asserted")),
    ("fr", "Les vaccins n'ont pas été testés sur des humains avant d'être approuvés par les autorités sanitaires.",
     "approve", ("positive", "asserted")),
    ("fr", "Le ministre visitera l'usine avant de rencontrer les syndicats.", "meet", ("positive", "planned")),
    # a negated relation denies the relation, not the event it relates to ("no link to the shooting")
    ("en", "Police said the fire had no connection to the shooting on Main Street.", "attack",
     ("positive", "asserted")),
    ("fr", "Ces décès ont été causés par la chaleur, sans aucun lien avec l'épidémie de grippe.", "disaster",
     ("positive", "asserted")),
    ("en", "Officials said there was no evidence of a shooting at the school.", "attack", ("negative", "asserted")),
    # the negation of what an event noun does denies that, not the event; of whether it took place, the event
    ("en", "The fire did not spread to nearby homes.", "burn", ("positive", "asserted")),
    ("en", "The crash caused no injuries, police said.", "crash", ("positive", "asserted")),
    ("en", "The attack did not happen.", "attack", ("negative", "asserted")),
    ("fr", "L'incendie ne s'est pas propagé aux maisons voisines.", "burn", ("positive", "asserted")),
    ("fr", "La grève n'a pas eu lieu.", "strike", ("negative", "asserted")),
    # nor does the negation of a clause deny an event it names as a circumstance, or inside another noun's phrase
    ("en", "No one was injured in the shooting.", "attack", ("positive", "asserted")),
    ("fr", "Personne n'a été blessé lors de la fusillade.", "attack", ("positive", "asserted")),
    ("en", "Police have not determined a motive for the shooting.", "attack", ("positive", "asserted")),
    ("en", "The plant was not closed after the explosion.", "explode", ("positive", "asserted")),
    # a negation whose focus is a degree of the event denies the degree (GVA development articles), and only that
    ("en", "Neither had life-threatening injuries.", "injure", ("positive", "asserted")),
    ("en", "The other two were not seriously hurt.", "injure", ("positive", "asserted")),
    ("fr", "La victime n'a pas été grièvement blessée.", "injure", ("positive", "asserted")),
    ("en", "Officers said the woman did not have any injuries.", "injure", ("negative", "asserted")),
    ("en", "The company did not announce new layoffs.", "cut_jobs", ("negative", "asserted")),
    # the state a copula's subject is in is what the clause says, and its negation reaches it (GVA)
    ("en", "She's not currently under arrest yet, but that may change.", "arrest", ("negative", "asserted")),
    ("en", "The suspect is not under investigation.", "investigate", ("negative", "asserted")),
    # a trigger's own word is no modality cue: it names the event (GVA development articles)
    ("en", "Meanwhile a fund to assist the families of the killed officers has been set up.", "establish",
     ("positive", "asserted")),
    ("en", "The case against the 11-year-old boy was dismissed.", "reject", ("positive", "asserted")),
    ("en", "Lyons' body was found in a mobile home that had been set on fire Saturday.", "burn",
     ("positive", "asserted")),
    ("en", "Acme Corp plans to close its plant in Ohio next year.", "close", ("positive", "planned")),
    # what someone is acquitted of is what was alleged, as what they are charged with (GVA development articles)
    ("en", "Thompkins had been acquitted of first-degree murder during his first trial in 1996.", "kill",
     ("positive", "hedged")),
    # what a warrant or a complaint names is alleged (GVA development articles)
    ("en", "He was booked into the Oklahoma County Jail on a complaint of first-degree murder.", "kill",
     ("positive", "hedged")),
    ("en", "An arrest warrant was issued charging Doyle with murder Tuesday afternoon.", "arrest",
     ("positive", "hedged")),
    # "going to" plans what its infinitive says, not what follows a motion (GVA development articles)
    ("en", "He said he was going to hurt and kill more officers.", "kill", ("positive", "planned")),
    ("en", "The gunman shot two people before going onto a roof and firing more shots.", "attack",
     ("positive", "asserted")),
    # what a statement says is denied where the sentence calls the statement untrue (DACCORD dev)
    ("fr", "L'information ordonnant la réintégration de la Russie à la Fifa est totalement fausse.", "reintegrate",
     ("positive", "denied")),
    ("en", "The claim that Acme Corp will close the Ohio plant is false.", "close", ("positive", "denied")),
    ("en", "Police said Acme Corp will close the Ohio plant.", "close", ("positive", "planned")),
    # what a conditional clause says is not asserted
    ("en", "If the council approves the budget, taxes will rise.", "approve", ("positive", "hedged")),
    ("fr", "Si le conseil municipal avait voté le budget, les impôts auraient augmenté.", "approve",
     ("positive", "hedged")),
    ("en", "If convicted, he faces up to 20 years in prison.", "convict", ("positive", "hedged")),
    ("en", "It is unclear if the store's cameras captured the shooting.", "attack", ("positive", "asserted")),
    # what a finite negative implicative kept from happening through "from" did not happen; a noun is no implicative
    # (GVA and MEANTIME development articles)
    ("en", "The guard stopped the man from killing anyone.", "kill", ("negative", "asserted")),
    ("en", "A deputy likely prevented more shots from being fired.", "attack", ("negative", "hedged")),
    ("en", "The store is a block from the first shooting.", "attack", ("positive", "asserted")),
    # the negation of a trigger whose object is an event noun is that trigger's: the election took place; a report's
    # is the event's (DACCORD dev, GVA dev)
    ("fr", "Mr Lopez Obrador n'a pas perdu l'élection présidentielle de juillet.", "elect", ("positive", "asserted")),
    ("en", "The senator did not win the election.", "elect", ("positive", "asserted")),
    ("en", "Police have not announced any arrests in the shooting.", "arrest", ("negative", "asserted")),
    # an event noun whose support verb is an infinitive is still to come; a report's is not (GVA dev)
    ("en", "If it's not, you'd expect criminal charges to be filed.", "charge", ("positive", "planned")),
    ("en", "Police have yet to make an arrest in the case.", "arrest", ("positive", "planned")),
    ("en", "At 1:45 p.m., a teacher called to report the shooting at the school.", "attack", ("positive", "asserted")),
    # ... but a consequence is no condition (French dev texts)
    ("fr", "La menace était sérieuse, si bien qu'en 1837 le ministre a démissionné.", "resign",
     ("positive", "asserted")),
    # what one hopes to do is a plan (French dev texts)
    ("fr", "Les bénévoles espèrent récolter 5 000 euros d'ici vendredi.", "raise_funds", ("positive", "planned")),
    # ... nor what a clause of an open question says (GVA and MEANTIME development articles)
    ("en", "Police did not say whether the officer was shot.", "injure", ("positive", "hedged")),
    ("en", "Officials would not say whether the company was closed or sold.", "sell", ("positive", "hedged")),
    ("en", "The board will decide whether to close the plant.", "close", ("positive", "hedged")),
    # not seeing, hearing or mentioning an event denies the seeing, not the event
    ("en", "The girl did not see the shooting, police said.", "attack", ("positive", "asserted")),
    ("fr", "Elle n'a pas vu la fusillade.", "attack", ("positive", "asserted")),
    ("en", "The company did not announce job cuts.", "cut_jobs", ("negative", "asserted")),
    # "sans" is the case marker of the noun it negates
    ("fr", "La fusion s'est faite sans suppressions d'emplois.", "cut_jobs", ("negative", "asserted")),
    # "ni", "nor" negate the conjunct they introduce; "neither … nor" the predicate of the subjects they join
    # (French dev texts)
    ("fr", "Le Conseil n'a pas voté la résolution, ni condamné la Russie, mais il a convoqué l'Assemblée.", "condemn",
     ("negative", "asserted")),
    ("en", "The council did not approve the budget, nor did it cancel the vote.", "cancel", ("negative", "asserted")),
    ("en", "Neither the company nor the union announced job cuts.", "announce", ("negative", "asserted")),
    ("en", "The council approved the budget and cancelled the vote.", "cancel", ("positive", "asserted")),
    # negation words of one clause make one negation (French "ne ... aucun")
    ("fr", "Les pompiers n'ont signalé aucun incendie dans le quartier.", "burn", ("negative", "asserted")),
    # implicative verbs turn the polarity around, and a negation of them turns it back
    ("en", "The state Senate failed to approve the spending bill.", "approve", ("negative", "asserted")),
    ("en", "The council refused to approve the budget.", "approve", ("negative", "asserted")),
    ("en", "The firm managed to close two stores in March.", "close", ("positive", "asserted")),
    ("fr", "Le groupe n'a pas réussi à racheter son concurrent.", "acquire", ("negative", "asserted")),
    ("fr", "Le conseil a renoncé à fermer l'usine.", "close", ("negative", "asserted")),
    # what is prevented did not happen; what something failed to prevent did
    ("en", "Officers prevented an attack on the mall.", "attack", ("negative", "asserted")),
    ("en", "Security upgrades failed to prevent the shooting.", "attack", ("positive", "asserted")),
    ("fr", "La police a déjoué un attentat contre la gare.", "attack", ("negative", "asserted")),
    # what someone is charged with or suspected of is not asserted
    ("en", "The teenager faces charges of murder in the case.", "kill", ("positive", "hedged")),
    ("en", "A man suspected of killing his neighbor was arrested.", "kill", ("positive", "hedged")),
    ("en", "She was charged with attempted murder on Friday.", "kill", ("positive", "hedged")),
    # ... but not the occasion of the charge: the death, the shooting happened
    ("en", "A man was charged with murder in the death of his neighbor.", "die", ("positive", "asserted")),
    ("en", "A teenager was charged in the shooting of a store clerk.", "attack", ("positive", "asserted")),
    # an infinitive that nothing asserts is planned; an implicative or aspectual verb asserts it
    ("en", "Regulators forced the airline to lower its fares.", "cut_price", ("positive", "planned")),
    ("en", "The store has begun to sell electric bikes.", "sell", ("positive", "asserted")),
    # ... as a rank does: the first, the last or the only one to do something did it (French dev texts, GVA dev)
    ("fr", "Yunus est la première personne à remporter un prix Nobel.", "win", ("positive", "asserted")),
    ("en", "Thompson is the first officer of the agency to die in the line of duty.", "die", ("positive", "asserted")),
    # ... as a progressive periphrasis does (French dev texts)
    ("fr", "Le groupe est en train de racheter son concurrent.", "acquire", ("positive", "asserted")),
    # an event that a plan is to slow or to condemn has taken place; the plan is the verb's (French dev texts)
    ("fr", "Les saboteurs veulent ralentir l'invasion du pays.", "attack", ("positive", "asserted")),
    ("en", "The government wants to condemn the attack.", "attack", ("positive", "asserted")),
    ("en", "The government wants to condemn the attack.", "condemn", ("positive", "planned")),
    # "plus", "rien", "personne" negate only beside "ne", which negates by itself (French dev texts)
    ("fr", "Les pompiers ont secouru plus de personnes cette année.", "rescue", ("positive", "asserted")),
    ("fr", "Le groupe n'envisage plus le rachat de la société.", "acquire", ("negative", "planned")),
    # what is to come, hedged or denied of a noun whose phrase holds the event is that noun's (GVA dev); not of a
    # conjunct, nor of a noun that only frames the event (French dev texts)
    ("en", "The chief will give an update about the investigation into the shooting.", "investigate",
     ("positive", "asserted")),
    ("en", "Anyone with information about the shooting should contact detectives.", "attack", ("positive", "asserted")),
    ("en", "The shootout could have ended in injuries or deaths.", "die", ("positive", "hedged")),
    ("en", "The new drug could reduce the risk of death.", "die", ("positive", "hedged")),
    ("fr", "Les présidents devaient entamer hier deux jours de discussions.", "meet", ("positive", "planned")),
    # the alternative that "rather than", "instead of", "au lieu de" set aside does not happen (MEANTIME)
    ("en", "Instead of closing the plant, the firm cut 200 jobs.", "close", ("negative", "asserted")),
    ("en", "Rather than recall the phones, the company will offer free cases.", "recall", ("negative", "planned")),
    ("fr", "Au lieu de fermer l'usine, le groupe a supprimé des emplois.", "close", ("negative", "planned")),
    ("en", "Instead of closing the plant, the firm cut 200 jobs.", "cut_jobs", ("positive", "asserted")),
    # "ne ... que" restricts, it does not negate (French dev texts)
    ("fr", "La loi n'a interdit que la publicité sur les énergies fossiles.", "ban", ("positive", "asserted")),
    ("fr", "L'entreprise ne licencie que dix salariés cette année.", "cut_jobs", ("positive", "asserted")),
    ("fr", "Aucun des journaux n'a annoncé que le concert serait annulé.", "announce", ("negative", "asserted")),
    # what a clause demanded with "that", "que" asks for is still to come, not a quote after "demanded:" (MEANTIME,
    # French dev texts, GVA dev)
    ("en", "The union demanded that the company close the plant.", "close", ("positive", "planned")),
    ("en", "He walked up to a stranger and demanded: \"I just killed someone.\"", "kill", ("positive", "asserted")),
    # to demand that an invasion cease takes the invasion as given (French dev texts)
    ("fr", "L'Assemblée exige que la Russie cesse immédiatement l'invasion de l'Ukraine.", "attack",
     ("positive", "asserted")),
    # the first conjunct's auxiliary and negation reach a coordinated verb without its own
    ("en", "The chain will not buy or sell stores this year.", "sell", ("negative", "planned")),
    # an event that speculation is about is hedged, as one rumoured is (MEANTIME)
    ("en", "For several months there has been speculation about the launch of a new phone.", "launch",
     ("positive", "hedged")),
    ("fr", "Les spéculations sur le rachat de Nissan par Renault se multiplient.", "acquire", ("positive", "hedged")),
    # a verb coordinated with a negative implicative is no complement of it (GVA dev, French dev texts)
    ("en", "Eagan stopped to help her, but was shot.", "attack", ("positive", "asserted")),
    ("fr", "L'immunologue Anthony Fauci a été arrêté et emprisonné début avril 2022.", None, ("positive", "asserted")),
    # 'aller' plans only over an infinitive (French dev texts)
    ("fr", "Le typhon, accompagné de vents allant jusqu'à 170 km/h, a touché terre.", None, ("positive", "asserted")),
    ("fr", "Le groupe va fermer trois usines en 2026.", "close", ("positive", "planned")),
])
def test_polarity_and_modality(lang, text, frame, expected):
    assert stance(lang, text, frame) == expected


@pytest.mark.parametrize("lang, text, frame, expected", [
    # a perfect infinitive tells what happened; what is alleged in a clause is hedged
    ("en", "The driver is believed to have died at the scene.", "die", ("positive", "asserted")),
    ("en", "It is alleged that the rifle went off and fatally struck a neighbor.", "kill", ("positive", "hedged")),
    # the charge is asserted, the crime charged is not
    ("en", "He was charged with two counts of burglary on Monday.", "charge", ("positive", "asserted")),
    # what is asked for or promised is planned (GVA dev, DACCORD dev); an event named deeper, or the asker, is not
    ("en", "Mayor Ted Wheeler pledged for a thorough investigation into the shooting.", "investigate",
     ("positive", "planned")),
    ("fr", "O'Brien a appelé à un investissement important dans la recherche.", "invest", ("positive", "planned")),
    ("en", "Authorities urge anyone with information about the shootings to call police.", "attack",
     ("positive", "asserted")),
    ("en", "After the shooting, the gunman demanded the woman stop the car.", "attack", ("positive", "asserted")),
    # what is expected or hedged of an event's degree is not of the event (GVA development articles)
    ("en", "Another child was taken to a hospital, but her injuries were not expected to be life-threatening.",
     "injure", ("positive", "asserted")),
    ("en", "Cops said none of the injuries appeared to be life-threatening.", "injure", ("positive", "asserted")),
    ("en", "The merger is expected to close in May.", "merge", ("positive", "expected")),
    # what a reward is offered for is still to come; what it is the occasion of happened (GVA development articles)
    ("en", "Police are offering a reward of up to $25,000 for information leading to an arrest and indictment.",
     "arrest", ("positive", "planned")),
    ("en", "Crime Stoppers is offering a cash reward of $1,000 for information leading to an arrest in the drive-by "
           "shooting of a 9-year-old boy.", "attack", ("positive", "asserted")),
    # not supporting or condemning an event says nothing of whether it happened (DACCORD dev)
    ("fr", "L'armée et la police en tant qu'institutions ne soutiennent pas la manifestation contre le confinement.",
     "protest", ("positive", "asserted")),
    # a verb with a particle is another verb: "stop by" denies nothing (GVA development article)
    ("en", "Nelson invited them into the home when the two stopped by to visit.", "visit", ("positive", "asserted")),
    ("en", "The company stopped selling guns last year.", "sell", ("negative", "asserted")),
    # an event after a preposition of a condition is not asserted (RTE3-FR dev); "in case of" headlines a case
    ("fr", "Rangel prendrait la présidence en cas de victoire des démocrates.", "win", ("positive", "hedged")),
    ("en", "In the event of a strike, flights will be cancelled.", "strike", ("positive", "hedged")),
    ("en", "Abbott offers $10k reward in case of fatal shooting of 8-year-old", "attack", ("positive", "asserted")),
    # an event said possible only is hedged; not one whose other modifier is said possible (GVA dev, DACCORD dev)
    ("en", "Officers responded to calls of a possible shooting after 10 p.m. Tuesday.", "attack",
     ("positive", "hedged")),
    ("en", "The gunman faces a possible death sentence if convicted.", "sentence", ("positive", "hedged")),
    ("en", "Six received injuries from a possible gang-related shooting in East Palo Alto.", "attack",
     ("positive", "asserted")),
    ("fr", "Il n'y a aucune source annonçant son éventuel décès.", "die", ("positive", "hedged")),
    # the French conditional of a compound tense reports without vouching ("aurait tué": reportedly killed); "venir
    # de" is a recent past, no plan (DACCORD dev)
    ("fr", "Le suspect aurait tué deux personnes dimanche.", "kill", ("positive", "hedged")),
    ("fr", "Tentant de défendre l'île, les soldats ukrainiens seraient décédés.", "die", ("positive", "hedged")),
    ("fr", "Le suspect a tué deux personnes dimanche.", "kill", ("positive", "asserted")),
    ("fr", "La France vient d'annoncer le renforcement de sa présence militaire.", "announce",
     ("positive", "asserted")),
    # what the law makes punishable is a possibility, no sentence handed down (GVA development article)
    ("en", "Manslaughter, a Class C felony punishable by a prison term of three to 10 years, applies here.", "sentence",
     ("positive", "hedged")),
])
def test_infinitives_and_allegations(lang, text, frame, expected):
    assert stance(lang, text, frame) == expected


@pytest.mark.parametrize("lang, text, lemma, expected", [
    # a clause claim's own verb is a cue of its modality, a plan or a hedge (DACCORD dev) ...
    ("en", "A hearing on the request is scheduled for Monday.", "schedule", "planned"),
    # ... but not as a denial: the clause asserts the denial (GVA development articles)
    ("en", "On Monday the judge denied the defense's request.", "deny", "asserted"),
    ("en", "The mayor on Tuesday refuted the report.", "refute", "asserted"),
])
def test_a_clause_claims_own_verb(lang, text, lemma, expected):
    found = [c for c in claims_of(lang, text) if c.predicate.frame is None and c.predicate.lemma == lemma]
    assert found and found[0].modality == expected


def test_an_infinitive_keeps_nothing_from_happening_yet():
    # MEANTIME dev: "IBM sued Papermaster in an attempt to block him from joining Apple" (he joined)
    polarity, _ = stance("en", "The union sued in an attempt to block the company from closing the plant.", "close")
    assert polarity == "positive"


@pytest.mark.parametrize("lang, text, frame, expected", [
    # the journalistic conditional of a reported claim, which the small French tagger reads as a present (French dev
    # texts: 26 such verbs, none tagged Mood=Cnd), is a hedge ...
    ("fr", "Selon la presse, Renault vendrait l'usine de Douai.", "divest", ("positive", "hedged")),
    ("fr", "L'entreprise ferait faillite d'ici la fin de l'année.", "bankrupt", ("positive", "hedged")),
    # ... and an imperfect of the same verbs is none
    ("fr", "En 2010, Renault vendait l'usine de Douai.", "divest", ("positive", "asserted")),
    ("fr", "L'entreprise faisait faillite en 2010.", "bankrupt", ("positive", "asserted")),
])
def test_a_conditional_form_hedges(lang, text, frame, expected):
    assert stance(lang, text, frame) == expected
