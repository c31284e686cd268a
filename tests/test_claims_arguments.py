"""Subject and object of a claim (`claimx.claims.arguments`): the agent and patient of the trigger's own clause, and
the thing a phrase names, never a modifier, a possessor, a speaker or the sentence's subject. Sentences written for
these tests, in the style of local and business news."""

from __future__ import annotations

import pytest
from test_extract import claims_of


def args(lang: str, text: str, frame: str) -> tuple[str | None, str | None]:
    found = [c for c in claims_of(lang, text) if c.predicate.frame == frame]
    assert found, f"no {frame} claim in {[c.predicate.frame or c.predicate.lemma for c in claims_of(lang, text)]}"
    c = found[0]
    return (c.subject.text if c.subject else None, c.object.text if c.object else None)


@pytest.mark.parametrize("lang, text, frame, expected", [
    # the phrase's head names it; a name that only modifies it does not
    ("en", "Acme Corp chief executive Dana Whitfield resigned on Monday.", "resign", ("Dana Whitfield", None)),
    ("en", "An Acme Corp executive resigned after the audit.", "resign", ("An Acme Corp executive", None)),
    ("en", "Russian police arrested two activists in Moscow.", "arrest", ("Russian police", "two activists")),
    # the agent of a passive is the subject; a passive without one has none, its patient is the object
    ("en", "The plant was closed by Acme Corp in 2019.", "close", ("Acme Corp", "The plant")),
    ("en", "A 19-year-old man was arrested Saturday night.", "arrest", (None, "A 19-year-old man")),
    ("en", "A woman was shot and killed outside a bar.", "kill", (None, "A woman")),
    # a noun trigger has its own agent or the subject of a support verb, not the subject of any verb near it
    ("en", "Police confirmed the death of a 52-year-old man.", "die", (None, "a 52-year-old man")),
    ("en", "Militants carried out the bombing shortly after midnight.", "attack", ("Militants", None)),
    ("en", "The takeover of Beta Ltd by Acme Corp was approved on Friday.", "acquire", ("Acme Corp", "Beta Ltd")),
    ("en", "Three men are charged in connection with the shooting death of a teenager.", "die",
     (None, "a teenager")),
    # a past participle's noun is its patient; the possessor of a noun controls its infinitive
    ("en", "The agreement signed between the two unions in 2018 expired.", "sign", (None, "The agreement")),
    ("fr", "Une résolution proposée par les Etats-Unis a été retoquée.", "propose", ("Etats-Unis", "Une résolution")),
    ("fr", "Le conseil municipal a approuvé la loi budgétaire mardi.", "approve",
     ("Le conseil municipal", "la loi budgétaire")),  # adjectives that follow their noun are part of its group
    ("en", "Acme Corp dropped its plan to acquire Beta Ltd.", "acquire", ("Acme Corp", "Beta Ltd.")),
    # a headline drops the passive's auxiliary: its subject is the patient (GVA development articles)
    ("en", "Police said more would follow.\n\nMundelein man shot near campus\n\nHe was taken to a hospital.", "attack",
     (None, "Mundelein man")),
    # ... but a sentence with its final stop is no headline, nor is a verb of a subordinate clause
    ("en", "Upon arriving on the college campus, Zawahri shot into a Ford Explorer.[12][13]", "attack",
     ("Zawahri", None)),
    # a preposition names no participant
    ("en", "State police has charged Cobbs with one felony count of shooting into an occupied building.", "charge",
     (None, None)),
    # a French possessive stands for its possessor, or for nobody
    ("fr", "Albert Bourla a reçu quelques jours avant sa visite en Israël sa seconde dose de vaccin.", "visit",
     ("Albert Bourla", None)),
    # a weapon or a projectile is what it was done with, not who did it (GVA development articles)
    ("en", "Brittany Thomas, 21, was killed by the gunfire.", "kill", (None, "Brittany Thomas")),
    ("en", "ALLEN - Four people were injured by gunfire during a street fight late Tuesday.", "injure",
     (None, "Four people")),
    ("fr", "Jean Dupont, 35 ans, a été tué par balle samedi à Marseille.", "kill", (None, "Jean Dupont")),
    ("en", "Two people were killed by a missile in the city centre on Monday.", "kill", (None, "Two people")),
    # a noun of an amount stands for what it counts (GVA development articles, RTE3-FR dev)
    ("en", "A total of five other individuals were injured in the initial shooting incident.", "injure",
     (None, "five other individuals")),
    ("fr", "Des milliers de soldats ont été tués dans les combats.", "kill", (None, "soldats")),
    # ... nor whom it was done to (GVA development articles, DACCORD dev)
    ("en", "Steele fired a shot that passed through Meyer's arm.", "attack", ("Steele", None)),
    ("fr", "Elle a été tuée lors d'une frappe d'artillerie peu après l'invasion.", "attack", (None, None)),
    # a place after a noun is not its object
    ("en", "Gunfire in downtown Tulsa wounded two people.", "attack", (None, None)),
    # a frame that wants an organisation reads the name inside its object
    ("en", "Acme Corp postponed the listing of its subsidiary, Beta Holdings.", "ipo_postpone",
     ("Acme Corp", "Beta Holdings")),
    # a pronoun continues the subject of the sentence before, when that subject can be what it stands for
    ("en", "Acme Corp posted a loss on Monday. It will cut 200 jobs next year.", "cut_jobs", ("Acme Corp", "200 jobs")),
    ("en", "According to the Herald, the shooter fled on foot. They arrested him an hour later.", "arrest",
     (None, None)),
    # an organisation in the genitive of an event noun may be who did it: no object, unless the frame's object may be
    # an organisation or its participants are people (DACCORD dev; GVA development articles)
    ("fr", "Des Français vont partir en Ukraine avec l'aval de la Légion étrangère.", "approve", (None, None)),
    ("fr", "La force a été créée au terme d'un vote de l'Assemblée générale le 5 novembre 1956.", "vote",
     (None, None)),
    ("en", "The sanctions of the United Nations Security Council were approved on Friday.", "sanction", (None, None)),
    ("fr", "Après le feu vert des autorités, rien ne peut être ajouté aux données.", "approve", (None, None)),
    ("fr", "Renault a finalisé le rachat de Nissan.", "acquire", ("Renault", "Nissan")),
    ("en", "Three men are facing charges in connection to the death of 15-year-old Trinity Gay.", "die",
     (None, "Trinity Gay")),
    # whom a death or an injury befell is its genitive; "from", "avec" name a cause (GVA dev, DACCORD dev)
    ("en", "A fourth student showed up later at the police station with injuries from the shooting.", "injure",
     (None, None)),
    ("fr", "La directrice du CDC confirme que 75% des décès avec le Covid avaient des comorbidités.", "die",
     (None, None)),
    ("fr", "Steven Jenkins a été abattu par un ami.", "kill", ("un ami", "Steven Jenkins")),  # no "s'": killed
    # how often or how long is no participant (GVA dev, DACCORD dev)
    ("en", "Xavier was taken to a local hospital, where he died a short time later.", "die", (None, None)),
    ("en", "The shooter, accompanied by three other men and two women, fired multiple times at a crowd at Hope "
           "Ballfield in Bushwick at around 2:15 p.m., witnesses said.", None, ("The shooter", None)),
    # ... while those who demonstrate in the street protest
    ("en", "Thousands demonstrated in the capital on Sunday.", "protest", ("Thousands", None)),
    ("fr", "Les habitants ont manifesté samedi contre la fermeture de l'usine.", "protest", ("Les habitants", None)),
    # one sent to prison is sentenced
    ("fr", "Le tribunal a envoyé le braqueur en prison pour dix ans.", "sentence", ("Le tribunal", "le braqueur")),
    # a network deployed is launched
    ("fr", "Orange déploie son réseau 5G à Lyon.", "launch", ("Orange", "son réseau")),
    # a death has no agent: "par" names its cause (RTE3-FR dev)
    ("fr", "Les décès par Covid ont baissé en mai.", "die", (None, None)),
    # a million is a count: what it counts is the participant, a bare one none (French dev texts)
    ("fr", "Philip Morris a déclaré avoir vendu 201 milliards de cigarettes dans le monde.", "sell",
     ("Philip Morris", "cigarettes")),
    ("fr", "Il avait accumulé des pertes de 850 millions sur les marchés boursiers.", "report_loss", (None, None)),
    # a phrase inside the claim's sum of money is that sum, not its object (French dev texts)
    ("fr", "General Dynamics perd 374 millions de dollars.", "report_loss", ("General Dynamics", None)),
    # a passive's patient is its subject, whatever object the parse puts beside it (French dev texts, GVA dev)
    ("fr", "Des sportives ont été soupçonnées de dopage.", "accuse", (None, "Des sportives")),
    ("en", "The witness said Benitez was later arrested the home of the car's owner, police said.", "arrest",
     (None, "Benitez")),
    # who was kept from doing something would have done it (MEANTIME dev)
    ("en", "The guard stopped the man from killing anyone.", "kill", ("the man", None)),
    # a passive's agent is its "par" phrase of a name, people or an organisation, whatever oblique label the parse
    # gives it; not a manner (French dev texts)
    ("fr", "MG Rover a été racheté par Airbus.", "acquire", ("Airbus", "MG Rover")),
    ("fr", "Des animaux sont morts par milliers dans la région.", "die", (None, "Des animaux")),
    # a compound past with a passive subject's label is active: its subject acts (French dev texts)
    ("fr", "Le cardinal brésilien Dom Eusbio Oscar Scheid, archevêque de Rio de Janeiro, a sévèrement critiqué le "
           "président brésilien Luiz Inácio Lula da Silva après son arrivée à Rome mardi.", "condemn",
     ("Eusbio", "le président brésilien")),
    # French: a title noun and the name beside it name one person
    ("fr", "Le ministre de l'Intérieur Jean Dupont a démissionné mardi.", "resign", ("Jean Dupont", None)),
    # an object the parse gives a preposition (other than a partitive "de") is an oblique: a time, no patient
    # (French dev texts)
    ("fr", "Il est mort peu après son arrivée à l'hôpital.", "die", (None, None)),
    # a phrase that is a time of the sentence is no participant, the claim's own time or another (French dev, GVA)
    ("en", "He was in court Friday where he pleaded guilty to lesser charges.", "convict", (None, None)),
    # a past form the tagger calls finite, right after a common noun, with no subject or object of its own, is a
    # participle: the noun is its patient (MEANTIME, GVA dev); not so for a verb whose frame counts its subject
    ("en", "Jobs announced that there have been 2 million copies of Tiger sold in six weeks.", "sell",
     (None, "2 million copies")),
    ("en", "LOUISVILLE, KY (WAVE) – A 4-year-old girl shot in the Park DuValle neighborhood was still in grave "
           "condition on Saturday.", "attack", (None, "A 4-year-old girl")),
    ("en", "Image 5 of 11 A man died Thursday morning after being shot inside a home on the Southwest Side.", "die",
     ("A man", None)),
    # the currency code after a sum only names its unit (MEANTIME)
    ("en", "Developers can join the program; the program costs $ 99 ( USD ) a year.", None, ("the program", None)),
    # a bulleted list item is headlinese: "NAME, AGE, shot in …" is a passive, and the bullet no part of the name
    # (GVA dev)
    ("en", "•Gerald Pugh, 28, shot in his right buttocks, twice in the leg and once in the thigh.", "attack",
     (None, "Gerald Pugh")),
    # who says so is no participant, whatever label the parse gives the phrase (French dev texts)
    ("fr", "Entre mars et juin, selon les observateurs scientifiques, des milliers de phoques sont tués.", "kill",
     (None, None)),
    # a phrase the parse labels an agent is one only when marked as one ('par', 'by'), not by 'de' (French dev texts)
    ("fr", "Le comité est composé de cinq membres nommés par le parlement.", None, (None, "Le comité")),
    ("fr", "Des personnes atteintes d'au moins quatre maladies sont mortes.", None, (None, "Des personnes")),
    # a relative pronoun stands for the noun its verb agrees with: the genitive, when the head disagrees (French dev)
    ("fr", "Les actions de O2 Plc, qui a accepté cette semaine d'être rachetée, ont chuté.", None, ("O2 Plc", None)),
    ("fr", "Le séisme a déclenché une série de tsunamis meurtriers qui ont tué plus de 270.000 personnes.", "kill",
     ("tsunamis meurtriers", "270.000 personnes")),
    ("fr", "L'entreprise a engagé trois ingénieurs.", "hire", ("L'entreprise", "trois ingénieurs")),
    # a person named by a trade is a person: nurses are arrested (French dev texts)
    ("fr", "Trois infirmières ont été arrêtées mardi.", "arrest", (None, "Trois infirmières")),
    # not on a plural the tagger gives a singular form ("jugera")
    ("fr", "L'ONU a élu huit juges pour le tribunal international des crimes de guerre qui jugera les personnes "
           "accusées de meurtres.", "charge", ("le tribunal international", "les personnes")),
])
def test_arguments(lang, text, frame, expected):
    assert args(lang, text, frame) == expected


@pytest.mark.parametrize("lang, text, frame", [
    # a gun that goes off fires, it does not explode; a fire station is no fire
    ("en", "The rifle went off while he was cleaning it.", "explode"),
    ("en", "Two of the victims were driven to Fire Station 7.", "burn"),
    # a plane shot down is no one killed (DACCORD dev)
    ("fr", "Selon certaines publications, son avion a été abattu.", "kill"),
    ("fr", "L'armée affirme avoir abattu un avion de chasse.", "kill"),
    # a storm or a missile that "s'abat" falls on a place, it kills no one (French dev texts)
    ("fr", "Un typhon s'abat sur les Philippines.", "kill"),
    ("fr", "En avril, les vagues de chaleur qui s'abattent sur l'Inde ont fait monter les températures.", "kill"),
    # those who investigate are no investigation (GVA dev: "investigators say …" made 186 empty claims)
    ("en", "Investigators say the suspect is out of jail after posting a $30,000 bond.", "investigate"),
    ("fr", "Les enquêteurs de la police ont déclaré que la mort était un meurtre.", "investigate"),
    # nor those who attack an attack: the attack counts its victims, not its gunmen (GVA dev, French dev texts)
    ("en", "Police are looking for two gunmen who fled in a silver sedan.", "attack"),
    ("fr", "Les terroristes ont été identifiés par la police.", "attack"),
    # troops, tanks or a peacekeeping operation deployed are no product launched (DACCORD dev)
    ("fr", "Durant l'exercice militaire, plusieurs chars se sont déployés pour construire un pont.", "launch"),
    ("fr", "Les Russes refusent le déploiement d'une opération de maintien de la paix.", "launch"),
    # what is sent for years is no one sent to prison (DACCORD dev)
    ("fr", "L'association envoie depuis plusieurs années du matériel aux pompiers.", "sentence"),
    # to demonstrate or "manifester" something is to show it, not to protest (MEANTIME, French dev, GVA dev)
    ("en", "At the event several third party developers demonstrated their applications.", "protest"),
    ("en", "We are proud of the commitment to others demonstrated by our students on Sunday.", "protest"),
    ("fr", "Gazprom a manifesté son intérêt pour le gazoduc.", "protest"),
    # a lockdown is no evacuation (DACCORD dev)
    ("fr", "La police soutient la manifestation contre le confinement.", "evacuate"),
    # a trigger word that only modifies a name is part of the name
    ("en", "The Georgia Bureau of Investigation identified the man on Monday.", "investigate"),
    ("en", "Police Chief Blaze Smith spoke to reporters.", "burn"),
    ("fr", "Le Consortium international des journalistes d'investigation a publié les documents.", "investigate"),
    # a trigger noun that names a kind of crew, service or vehicle names no event (GVA dev, French dev texts)
    ("en", "Rescue workers pronounced the man dead at the scene.", "rescue"),
    ("fr", "Le matériel provient des services de secours de la ville.", "rescue"),
    ("fr", "Le navire de secours de l'expédition est arrivé au port.", "rescue"),
    # renown, influence or experience acquired or lost buys or loses nothing (French dev texts)
    ("fr", "Avec ce roman, l'auteur a acquis une renommée internationale.", "acquire"),
    ("en", "The company acquired valuable expertise in batteries.", "acquire"),
    ("en", "The senator lost his reputation after the scandal.", "lose"),
    ("en", "The company said the world has lost an amazing human being.", "lose"),
    # an event noun under a singular universal names a kind of event (French dev texts, MEANTIME)
    ("fr", "Ces contacts peuvent adoucir tout déplacement futur vers l'Est.", "visit"),
    ("en", "Web servers crashed at every new device launch.", "launch"),
    # so does a singular one without a determiner after 'de' (French dev texts)
    ("fr", "Des chiens participent aux efforts de sauvetage et de récupération.", "rescue"),
    ("fr", "Les incendies domestiques sont la principale cause de décès par le feu.", "die"),
    ("fr", "L'AEM avait accordé des autorisations de mise sur le marché aux vaccins.", "launch"),
    # ... and a plural one, unless it follows a noun of a group, a count or a time of events (French dev texts)
    ("fr", "Des robots sont utilisés pour retrouver des victimes d'avalanches.", "disaster"),
    ("fr", "Les chirurgiens de brûlures approuvent la peau en spray du Dr Wood.", "injure"),
    # ... and one coordinated with it (French dev texts)
    ("fr", "Le tabagisme est une cause majeure d'incendies et de décès dans le monde.", "die"),
    # an accusation with nobody accused and nobody accusing says nothing (`needs: argument`; GVA dev: 'allegedly'
    # and 'alleged' made 80 such claims, the hedge is the verb's)
    ("en", "He allegedly told officers that he was putting down the gun.", "accuse"),
    ("en", "The 20-year-old alleged gunman faces a possible death sentence.", "accuse"),
    # 'mortel' kills only as the adjective of an incident: a deadly substance or disease kills nobody (French dev)
    ("fr", "La femme a injecté des produits chimiques mortels dans son corps.", "kill"),
    ("fr", "La rage est une maladie mortelle.", "kill"),
    # a house arrest is no lawsuit, people deployed are no product launched (French dev texts)
    ("fr", "M. Zhao a passé les 15 dernières années de sa vie en assignation à résidence.", "sue"),
    ("fr", "Nous sommes en train de déployer plus de personnes en Côte d'Ivoire.", "launch"),
    # 'engager' hires people only: troops are committed, firms commit themselves (French dev texts)
    ("fr", "Aucune troupe française ne sera engagée en Ukraine.", "hire"),
    ("fr", "De nombreuses entreprises se sont engagées à atteindre la neutralité carbone.", "hire"),
    ("fr", "Les États arabes ont engagé les forces israéliennes.", "hire"),
    # economic losses of a disaster are no company's loss (French dev texts)
    ("fr", "Les inondations en Europe provoquent d'importantes pertes économiques.", "report_loss"),
    # found dead is no rescue: the dead count people, but they are no context of a rescue (French dev texts)
    ("fr", "Anna Politkovskaïa a été retrouvée morte par balle samedi dans un ascenseur.", "rescue"),
    # a birth rate falls, nobody cuts it (French dev texts)
    ("fr", "La baisse des taux de natalité menace les retraites.", "cut"),
    # an obligation imposed by a rule is no agreement to end: 'dénoncer' it condemns it (French dev texts)
    ("fr", "Des routiers défilant au Canada pour dénoncer l'obligation d'être vacciné ont le record du plus long convoi.",
     "agreement_end"),
    # to place an order ("passer commande") approves nothing (French dev texts)
    ("fr", "C'est l'agence régionale qui passe les commandes de médicaments.", "approve"),
])
def test_no_claim_of_another_sense(lang, text, frame):
    assert not [c for c in claims_of(lang, text) if c.predicate.frame == frame]


@pytest.mark.parametrize("lang, text, frame", [
    # a determiner, a partitive or a noun of a group or a time makes it events that took place (French dev texts)
    ("fr", "Les victimes de l'avalanche ont été retrouvées mardi.", "disaster"),
    ("fr", "Un mouvement national de grèves a mobilisé le personnel des urgences en 2019.", "strike"),
    ("fr", "Des milliers de manifestations ont eu lieu dans le pays.", "protest"),
    ("fr", "Le nombre de morts et de blessés a encore augmenté dimanche.", "injure"),
    ("fr", "Un accident mortel s'est produit sur l'autoroute A7 dimanche.", "kill"),
    ("fr", "Le typhon a déclenché des crues soudaines mortelles.", "kill"),
    ("fr", "Le groupe a reçu une assignation devant le tribunal de commerce.", "sue"),
    ("fr", "Les présidents devaient entamer hier deux jours de discussions à San Salvador.", "meet"),
    # a noun of a prepositional phrase says when, not which kind (French dev texts)
    ("fr", "Le centre commercial a été détruit à la suite de frappes de missiles russes.", "attack"),
])
def test_an_event_after_a_noun_that_took_place_makes_a_claim(lang, text, frame):
    assert [c for c in claims_of(lang, text) if c.predicate.frame == frame]


def test_only_a_person_is_the_victim_of_a_killing():
    claims = [c for c in claims_of("en", "The town's third killing this year shocked residents.")
              if c.predicate.frame == "kill"]
    assert claims and all(c.object is None for c in claims)


@pytest.mark.parametrize("lang, text, frame", [
    # a trigger whose arguments do not fit its frame makes no claim (Frame.needs)
    ("en", "Shares of the lender dropped by 12 percent on Friday.", "cancel"),
    ("en", "The sell-off wiped billions off the market on Tuesday.", "divest"),
    ("en", "The prevailing view among analysts is cautious.", "win"),
    ("en", "The ferry had 120 passengers onboard.", "hire"),
    ("en", "She was employed by the county clerk's office until 2019.", "headcount"),
])
def test_a_trigger_without_the_arguments_its_frame_needs_makes_no_claim(lang, text, frame):
    assert not [c for c in claims_of(lang, text) if c.predicate.frame == frame]


def test_a_relative_clause_without_a_pronoun_has_its_noun_as_object():
    assert args("en", "Police recovered the guns he sold to the men.", "sell")[1] == "the guns"


def test_a_conjunct_with_a_subject_of_its_own_shares_nothing():
    # the parse loses "their father" as the subject of the second "died": it does not take the examiner instead
    text = ("The report was signed by the medical examiner, who found the two sisters died of stab wounds and their "
            "father, Tom Reyes, died of a self-inflicted wound.")
    died = [c for c in claims_of("en", text) if c.predicate.frame == "die"]
    assert len(died) == 2 and not any(c.subject is not None and "examiner" in c.subject.text for c in died)
