"""The trigger matcher: which frame a news sentence triggers, per language, and the matcher's contract."""

from __future__ import annotations

import pytest

from claimx.claims.frames import FrameSet, Trigger, load_frames
from claimx.nlp.pipelines import base_pipeline
from claimx.resources import ResourceError, clear_caches
from claimx.claims.triggers import TriggerMatch, TriggerMatcher, build_trigger_matcher


def _prepare(text: str) -> str:
    return text.replace("\u2019", "'")  # claimx replaces typographic apostrophes before spaCy


@pytest.fixture(scope="module")
def find():
    """`find(lang, text)`: the matches of `text`, with the Doc."""

    def _find(lang: str, text: str):
        nlp = base_pipeline(lang)
        doc = nlp(_prepare(text))
        return doc, build_trigger_matcher(nlp, lang)(doc)

    return _find


# (lang, sentence, a frame that must fire, or None when no frame at all may fire)
ROWS = [
    # business, English
    ("en", "Microsoft agreed to acquire Activision Blizzard for $69 billion.", "acquire"),
    ("en", "The chipmaker will spin off its automotive division next year.", "spin_off"),
    ("en", "The conglomerate spun off its healthcare business in January.", "spin_off"),
    ("en", "The chemicals group will separate its seeds business from the rest of the company next year.", "spin_off"),
    ("en", "The separation of the bank's asset management arm was completed in April.", "spin_off"),
    ("en", "The board decided to fold the subsidiary back into the parent company.", "reintegrate"),
    ("en", "The reintegration of the unit is expected by June.", "reintegrate"),
    ("en", "The new chief executive wants to reverse the spin-off.", "reintegrate"),
    ("en", "The company plans to go public on the Nasdaq next year.", "ipo_plan"),
    ("en", "The founders hope to take the company public within two years.", "ipo_plan"),
    ("en", "Klarna delayed its IPO amid market turmoil.", "ipo_postpone"),
    ("en", "Plans for the listing were put on hold until markets improve.", "ipo_postpone"),
    ("en", "WeWork scrapped its initial public offering in 2019.", "ipo_cancel"),
    ("en", "The company went public in 2020.", "ipo_complete"),
    ("en", "Arm priced its IPO at the top of the range.", "ipo_complete"),
    ("en", "Toyota will invest $1 billion in a new battery plant.", "invest"),
    ("en", "The startup raised $40 million from venture investors.", "raise_funds"),
    ("en", "The airline terminated its contract with the caterer.", "agreement_end"),
    ("en", "Nissan was released from its obligation to buy the shares.", "agreement_end"),
    ("en", "Sony and Honda teamed up to build electric cars.", "partner"),
    ("en", "Apple launched a cheaper iPhone on Tuesday.", "launch"),
    ("en", "Two engineers set up the company in a garage in 1998.", "establish"),
    ("en", "The company was founded in 1976.", "establish"),
    ("en", "The carmaker will close its plant in Belgium.", "close"),
    ("en", "The bank named Jane Fraser chief executive in 2021.", "appoint"),
    ("en", "He left the bank last year to become chairman of a rival.", "appoint"),
    ("en", "The chief executive resigned after the accounting scandal.", "resign"),
    ("en", "The retailer plans to lay off 1,200 employees.", "cut_jobs"),
    ("en", "The merger will lead to about 3,000 job losses.", "cut_jobs"),
    ("en", "The steelmaker will cut 2,000 jobs in Germany.", "cut_jobs"),
    ("en", "The group employs 45,000 people worldwide.", "headcount"),
    ("en", "Quarterly revenue rose 12% to $5.2 billion.", "report_revenue"),
    ("en", "Net profit fell to 1.1 billion euros.", "report_profit"),
    ("en", "The airline reported a net loss of $300 million.", "report_loss"),
    ("en", "The startup is now valued at $5 billion.", "valuation"),
    ("en", "Investors were told the unit would be worth 10 billion euros.", "valuation"),
    ("en", "The retailer filed for bankruptcy in March.", "bankrupt"),
    ("en", "Ford is recalling 200,000 SUVs over a brake defect.", "recall"),
    ("en", "Netflix is raising prices in the United States.", "raise_price"),
    ("en", "The company announced a broad restructuring of its European operations.", "restructure"),
    ("en", "Hiring was frozen after the company announced a hiring freeze.", "hire"),
    # politics, justice, incidents, English
    ("en", "She was elected mayor in 2020.", "elect"),
    ("en", "The opposition won the election by a landslide.", "win"),
    ("en", "The president signed the bill into law.", "sign"),
    ("en", "The government banned the sale of new petrol cars.", "ban"),
    ("en", "Parliament approved the budget on Thursday.", "approve"),
    ("en", "The Senate rejected the proposal by 52 votes to 48.", "reject"),
    ("en", "The central bank cut interest rates by half a point.", "cut"),
    ("en", "The Fed raised interest rates again.", "raise"),
    ("en", "Macron met Chinese President Xi Jinping in Beijing.", "meet"),
    ("en", "The prime minister visited flood-hit areas on Sunday.", "visit"),
    ("en", "Police arrested a 34-year-old man.", "arrest"),
    ("en", "He was charged with fraud.", "charge"),
    ("en", "A jury found him guilty of murder.", "convict"),
    ("en", "The former minister was acquitted of corruption.", "acquit"),
    ("en", "She was sentenced to eight years in prison.", "sentence"),
    ("en", "The regulator fined the bank $2 million.", "fine"),
    ("en", "Prosecutors opened an investigation into the collapse.", "investigate"),
    ("en", "The suspect was released on bail.", "release"),
    ("en", "The gunman killed five people.", "kill"),
    ("en", "The crash cost him his life.", "kill"),
    ("en", "Five lives were lost in the attack.", "kill"),
    ("en", "Twelve people were injured in the blast.", "injure"),
    ("en", "A train derailed near the station.", "crash"),
    ("en", "Thousands were evacuated as the wildfire spread.", "evacuate"),
    ("en", "Rescuers pulled two children alive from the rubble.", "rescue"),
    ("en", "Two hikers went missing in the mountains.", "go_missing"),
    ("en", "The band cancelled the concert because of the storm.", "cancel"),
    # nothing may fire, English
    ("en", "She teaches a spin class on Mondays.", None),
    ("en", "The two towns are close to each other.", None),
    ("en", "Shares closed up 2% on Friday.", None),
    ("en", "He found the keys in his coat.", None),
    ("en", "He suffered a heart attack at home.", None),
    ("en", "The sign on the door was red.", None),
    # business, French
    ("fr", "Le groupe a décidé de reporter son introduction en bourse.", "ipo_postpone"),
    ("fr", "L'introduction en bourse a finalement été annulée.", "ipo_cancel"),
    ("fr", "L\u2019annulation de l\u2019introduction en bourse a surpris les marchés.", "ipo_cancel"),
    ("fr", "Le groupe renonce à son introduction en bourse.", "ipo_cancel"),
    ("fr", "La société envisage une entrée en bourse à Paris en 2026.", "ipo_plan"),
    ("fr", "La start-up a fait ses débuts en bourse jeudi.", "ipo_complete"),
    ("fr", "Le fabricant a été réintégré au sein du groupe.", "reintegrate"),
    ("fr", "Le constructeur réintègre sa filiale électrique.", "reintegrate"),
    ("fr", "La réintégration de la filiale est prévue en 2026.", "reintegrate"),
    ("fr", "La filiale de courtage sera absorbée par la société mère d'ici la fin de l'année.", "reintegrate"),
    ("fr", "L'activité de paiement sera intégrée à la maison mère en 2027.", "reintegrate"),
    ("fr", "La scission de la branche énergie sera effective en juin.", "spin_off"),
    ("fr", "Le laboratoire va filialiser son activité de diagnostic.", "spin_off"),
    ("fr", "Le conglomérat veut séparer ses activités de santé grand public du reste du groupe.", "spin_off"),
    ("fr", "La séparation de la division pharmaceutique aura lieu en juin.", "spin_off"),
    ("fr", "TotalEnergies a racheté le producteur d'électricité pour 1,5 milliard d'euros.", "acquire"),
    ("fr", "Les deux banques vont fusionner d'ici la fin de l'année.", "merge"),
    ("fr", "L'État va investir 2 milliards d'euros dans la filière.", "invest"),
    ("fr", "La jeune pousse a levé 30 millions d'euros.", "raise_funds"),
    ("fr", "Le club a résilié le contrat de son entraîneur.", "agreement_end"),
    ("fr", "Le constructeur a noué un partenariat avec un fabricant chinois.", "partner"),
    ("fr", "Le groupe va fermer son usine de Lorraine.", "close"),
    ("fr", "Elle a été nommée directrice générale en mars.", "appoint"),
    ("fr", "Le ministre a présenté sa démission.", "resign"),
    ("fr", "Le directeur financier est parti à la retraite en mars.", "resign"),
    ("fr", "La retraite de Jacques Chirac a surpris ses proches.", "resign"),
    ("fr", "Beaucoup de jeunes soldats sont morts, d'autres blessés.", "die"),
    ("fr", "La région compte 13.000 morts depuis le début du conflit.", "kill"),
    ("fr", "Il sera candidat à la présidentielle de 2027.", "vote"),
    ("fr", "Le fonds va injecter 2 milliards d'euros dans Renault.", "invest"),
    ("en", "Apple named Tim Cook as its new CEO.", "appoint"),
    ("en", "Papermaster had left the company in January.", "resign"),
    ("en", "The chief executive left Acme Corp in mid-2025 to run a rival.", "resign"),
    ("en", "The council okayed the budget on Monday.", "approve"),
    ("en", "Prosecutors dropped the case in 2010.", "cancel"),
    ("fr", "La police va examiner les circonstances du décès.", "investigate"),
    ("en", "She was named head coach in 2019.", "appoint"),
    ("fr", "L'actionnaire a apporté 300 millions d'euros à Renault.", "invest"),
    ("fr", "Le groupe prévoit 1 500 suppressions de postes.", "cut_jobs"),
    ("fr", "Aucune perte d\u2019emploi n'est prévue.", "cut_jobs"),
    ("fr", "Les pertes d\u2019emplois se multiplient dans la région.", "cut_jobs"),
    ("fr", "L'usine emploie 800 salariés.", "headcount"),
    ("fr", "Le chiffre d'affaires atteint 3 milliards d'euros.", "report_revenue"),
    ("fr", "Le bénéfice net a bondi de 20 %.", "report_profit"),
    ("fr", "L'entreprise a été placée en redressement judiciaire.", "bankrupt"),
    ("fr", "Le constructeur rappelle 50 000 véhicules.", "recall"),
    ("fr", "Les salariés sont en grève depuis lundi.", "strike"),
    # politics, justice, incidents, French
    ("fr", "Il a été réélu avec 58 % des voix.", "elect"),
    ("fr", "Le Parlement a adopté le projet de loi.", "approve"),
    ("fr", "Le Sénat a rejeté la réforme.", "reject"),
    ("fr", "La Banque centrale européenne a baissé ses taux.", "cut"),
    ("fr", "Le président a rencontré son homologue allemand.", "meet"),
    ("fr", "Des milliers de personnes ont manifesté à Paris.", "protest"),
    ("fr", "Deux suspects ont été interpellés mardi.", "arrest"),
    ("fr", "Il a été mis en examen pour escroquerie.", "charge"),
    ("fr", "Il a été reconnu coupable de fraude fiscale.", "convict"),
    ("fr", "L'ancien maire a été relaxé.", "acquit"),
    ("fr", "Il a été condamné à trois ans de prison ferme.", "sentence"),
    ("fr", "L'association a porté plainte contre X.", "sue"),
    ("fr", "Le parquet a ouvert une enquête.", "investigate"),
    ("fr", "La Cnil a infligé une amende de 10 millions d'euros.", "fine"),
    ("fr", "L'otage a été libéré samedi.", "release"),
    ("fr", "L'attentat a fait douze morts.", "kill"),
    ("fr", "La société vaut aujourd'hui 5 milliards de dollars.", "valuation"),
    ("fr", "Les analystes estiment la filiale à 10 milliards d'euros.", "valuation"),
    ("fr", "Les secouristes ont retrouvé deux survivants sous les décombres.", "rescue"),
    ("fr", "Le vaccin a sauvé ma vie.", "rescue"),
    ("en", "He was locked up for three days.", "sentence"),
    ("fr", "Un accident a été causé par un soldat à bord d'un char de l'armée.", "crash"),
    ("fr", "Trois personnes ont été blessées dans l'explosion.", "injure"),
    ("fr", "Un séisme de magnitude 6 a frappé la région.", "disaster"),
    ("fr", "Les habitants du quartier ont été évacués.", "evacuate"),
    ("fr", "Un pêcheur est porté disparu depuis dimanche.", "go_missing"),
    ("fr", "Le concert a été annulé à cause de la pluie.", "cancel"),
    ("fr", "Le directeur de l'OMS a été arrêté par Interpol pour crimes contre l'humanité.", "arrest"),
    ("fr", "Le commandant du bataillon ukrainien Azov, Oleg Kuzminykh, a été arrêté par les Russes.", "arrest"),
    ("en", "The volcano erupted on Tuesday, forcing thousands to flee.", "disaster"),
    ("en", "Police questioned both occupants of the vehicle before releasing them.", "release"),
    ("en", "An 8-year-old girl was shot and killed after being involved in a car accident in Houston.", "crash"),
    ("en", "Acme Corp will combine with Beta Ltd to form the largest insurer in the region.", "merge"),
    ("en", "Nurses walked out on Monday over pay and staffing levels.", "strike"),
    ("en", "The board of Acme Corp announced a management shake-up on Friday.", "restructure"),
    ("en", "Acme Corp and Beta Ltd will cooperate on battery research.", "partner"),
    ("en", "Acme Corp purchased a 20% stake in Beta Ltd.", "acquire"),
    ("en", "Acme Corp reported a loss of $2 billion for the quarter.", "report_loss"),
    ("en", "Acme Corp agreed to take over Beta Ltd for $3 billion.", "acquire"),
    ("fr", "Des missiles se sont abattus sur Kiev dans la nuit, touchant un immeuble.", "attack"),
    ("fr", "Le président a entamé une tournée en Afrique de l'Ouest.", "visit"),
    ("fr", "Les deux groupes se sont alliés pour racheter le fabricant.", "partner"),
    # ... a predicative one still does, with a complement of its own as much as in a clause
    ("fr", "Renault et Nissan se sont associés pour produire des batteries.", "partner"),
    ("fr", "Le fabricant, allié depuis 2019 à un groupe chinois, ouvre une usine.", "partner"),
    ("en", "He was removed from his post as chief of staff last year.", "dismiss"),
    ("en", "The company fired its chief executive on Monday.", "dismiss"),
    ("en", "Police captured the suspect after a two-hour chase.", "arrest"),
    ("fr", "Le volcan est entré en éruption mardi soir.", "disaster"),
    # nothing may fire, French
    ("fr", "Il faut gagner en agilité.", None),
    ("fr", "Il a arrêté de fumer l'an dernier.", None),
    ("fr", "Le groupe mise sur la simplification.", None),
    ("fr", "Cette entreprise a été fondée sur des valeurs solides.", None),
    ("fr", "Le modèle a été conçu en deux ans à peine.", None),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ROWS)
def test_frame_of_sentence(find, lang, text, expected):
    doc, matches = find(lang, text)
    frames = [m.frame for m in matches]
    if expected is None:
        assert frames == []
    else:
        assert expected in frames


# (lang, sentence, a frame that must not fire): the near misses a bag of words would get wrong
NOT_ROWS = [
    # a release from hospital frees nobody from custody (GVA development articles)
    ("en", "Chief Brown said most of the injured officers have already been released from the hospital.", "release"),
    # cameras and videos capture a shooting, nobody is arrested (GVA development articles)
    ("en", "It is unclear if the club's cameras captured the shooting.", "arrest"),
    ("en", "The incident was captured on video, which has helped the investigation.", "arrest"),
    # senses of GVA development sentences: missing a target, naming a suspect, rallying around someone
    ("en", "He fired one shot at the other man, missing him and hitting the little girl in the head.", "go_missing"),
    ("en", "Officials didn't immediately name the suspect, but say he is a Bronx resident.", "appoint"),
    ("en", "Shayla Dearinge, 26, was named in an indictment charging her with murder.", "appoint"),
    ("en", "Many teens like Garcia have rallied together through the after-school program.", "protest"),
    ("en", "Close friends rally around the family of U.S. Navy sailor", "protest"),
    # life support is no life taken; a verb beside a life is no life lost (GVA development articles)
    ("en", "Makanzee Oldham was declared brain dead Friday and was taken off life support at the hospital Sunday.",
     "kill"),
    ("en", "Mike Snow lives right down the street from where this tragic situation took place.", "kill"),
    # "opening fire" is shooting, not a fire (GVA development article)
    ("en", "Syed attempted a carjacking around 5:10 a.m. and opening fire he killed Melvin Edwards.", "burn"),
    ("en", "The band cancelled the concert because of the storm.", "ipo_cancel"),
    ("en", "Renault postponed the IPO in January.", "ipo_plan"),  # the IPO is the context, not a plan
    ("en", "The IPO was postponed and later cancelled.", "ipo_plan"),
    ("en", "Nissan was released from its obligation to invest.", "release"),
    ("en", "The factory will close next year.", "report_loss"),
    ("en", "The company opened an investigation into the leak.", "open"),
    ("en", "The company opened an investigation into the leak.", "launch"),
    ("en", "He recalled that the meeting had been tense.", "recall"),
    ("en", "The senator lost his seat, while the company lost $2 billion.", "win"),
    ("en", "Thousands of workers lost their jobs.", "lose"),
    ("en", "The storm killed three people.", "attack"),
    ("en", "Police separated the two groups of fans after the match.", "spin_off"),  # people, not a business
    ("en", "Investors worry about the independence of the central bank.", "spin_off"),
    ("en", "Firefighters rescued a man from the flooded river.", "burn"),  # who fights fires, not a fire
    ("fr", "Le concert a été annulé à cause de la pluie.", "ipo_cancel"),
    ("fr", "L\u2019annulation de l\u2019introduction en bourse (IPO) a pesé.", "ipo_plan"),
    ("fr", "Aucune perte d'emploi n'est prévue.", "report_loss"),
    ("fr", "Le parquet a lancé une enquête.", "launch"),
    ("fr", "La cour l'a condamné à cinq ans de prison.", "condemn"),
    ("fr", "Le gouvernement condamne fermement l'attaque.", "sentence"),
    ("fr", "Il a perdu la vie dans l'accident.", "lose"),
    # a life is regained, not rescued; to estimate or evaluate without money values nothing (DACCORD, RTE3-FR dev)
    ("fr", "Ces personnes doivent pouvoir retrouver une vie normale.", "rescue"),
    ("fr", "Leakey a estimé que la faune du Kenya était menacée.", "valuation"),
    ("fr", "Les militaires présents sur l'île seraient en fait en vie.", "kill"),  # "en fait": in fact
    # an accident is a crash only of a vehicle or on a road (RTE3-FR dev: Chernobyl, a riding accident)
    ("fr", "Les projets portent sur les conséquences de l'accident de Tchernobyl.", "crash"),
    # a gun is locked up, a knife pulled: nobody jailed, nobody rescued (GVA development articles)
    ("en", "Bryson told The Detroit News that his gun was locked up in a bedroom closet.", "sentence"),
    ("en", "She told them her husband had pulled a knife on her and her boys.", "rescue"),
    ("fr", "Des milliers de soldats sont déployés pour sécuriser la ville.", "launch"),  # troops, no product
    ("fr", "La perte de masse de l'Antarctique de l'Ouest s'accélère.", "report_loss"),
    ("fr", "Le consensus dépasse les 99% dans la littérature scientifique évaluée par les pairs.", "valuation"),
    ("fr", "Le groupe a décidé de reporter son introduction en bourse.", "postpone"),
    ("fr", "Si l'entité disparaît, les salariés seront réintégrés.", "go_missing"),
    ("fr", "Il s'est rendu compte de son erreur.", "visit"),
    ("fr", "Les policiers ont séparé les deux groupes de supporters.", "spin_off"),
    ("fr", "Les pompiers ont dégagé le conducteur de sa voiture accidentée.", "burn"),
    ("fr", "Le groupe veut séparer les fonctions de président et de directeur général.", "spin_off"),
    # "arrêter", "détenir" are arrests only of people; "suggérer que" proposes nothing (DACCORD, RTE3-FR dev)
    ("fr", "Le Japon a arrêté la vaccination contre le Covid-19 pour prescrire de l'ivermectine.", "arrest"),
    ("fr", "Les Russes détiennent le record du plus long séjour dans l'espace.", "arrest"),
    ("fr", "Le train s'est arrêté pour la quatrième fois depuis sa traversée en Allemagne.", "arrest"),
    ("fr", "Des études suggèrent fortement que la vaccination permet une limitation de la transmission.", "propose"),
    # releasing a name, a photo or a sketch frees nobody; nor does exchanging words or gunfire, or bail refused;
    # firing at someone or being removed from a party is no dismissal (GVA development articles)
    ("en", "Police did not release her name.", "release"),
    ("en", "The family of Maleki Parker on Monday released this photo of him with his grandmother.", "release"),
    ("en", "Garcia and the other suspect exchanged words before the brawl began.", "release"),
    ("en", "He is being held without bail in the Westmoreland County Juvenile Detention Center.", "release"),
    ("en", "He said the suspect fired at him multiple times but only managed to hit his wallet.", "dismiss"),
    ("en", "Errol Hillary is accused of opening fire as he was being removed from a Christmas party.", "dismiss"),
    # a weapon named is no attack, a turn no tour, the Allies no alliance being made (French dev sentences)
    ("fr", "Nous livrons à l'Ukraine des équipements conséquents, des Milan (missiles antichars) aux Caesar.",
     "attack"),
    ("fr", "Le camion-remorque de la vidéo transporte un missile nucléaire russe.", "attack"),
    ("fr", "Une croix de feu tournée vers la droite signifie la bonne fortune, selon la mythologie lettone.", "visit"),
    ("fr", "Les centres de décision distincts de ces Alliés contribuent à la dissuasion.", "partner"),
    # other senses of business and incident words in local news (GVA development articles)
    ("en", "Police believe the shooting was an accident, but the case remains under investigation.", "crash"),
    ("en", "The crime doesn't make sense to the family now grieving the loss of a son.", "report_loss"),
    ("en", "He then proceeded to unload the revolver and put one round back in and spun the cylinder.", "reintegrate"),
    ("en", "Troopers with Louisiana State Police pulled over a vehicle Sunday morning.", "recall"),
    ("en", "One woman reported that a gunshot caused $200 worth of damage to her vehicle's mirror.", "valuation"),
    ("en", "Police said Hudec lived in the home and purchased the handgun from Lewis.", "acquire"),
    ("en", "Officials say the family is cooperating with police.", "partner"),
    ("en", "Police said Meyer opened the door and shut it.", "open"),
    ("en", "Berea father describes beating his daughter with leather belts", "win"),
    ("en", "We have bad combinations of things converging.", "merge"),
    ("en", "The people inside of the home walked out with various weapons.", "strike"),
    ("en", "People nearby were shaken up by the incident.", "restructure"),
    ("en", "Jordan (left in the black suit) was a student at Everett Community College.", "report_profit"),
    ("en", "But Elijah's family is reeling from the sudden loss.", "report_loss"),
    ("en", "Aggravated murder carries two possible sentences: death or life in prison.", "die"),
    ("en", "Jarmon said another car pulled up next to her and a woman inside opened fire.", "rescue"),
    ("en", "The unit also took over production responsibility for its electric models.", "acquire"),
    # gunfire, a fight or violence that erupts is no volcano (GVA development articles)
    ("en", "A man was shot to death early Sunday when gunfire erupted near the University of Illinois campus.",
     "disaster"),
    ("fr", "Une éruption de violence a secoué le quartier dans la nuit.", "disaster"),
    # shooting at someone says what was aimed at, not that it was hit (GVA development articles)
    ("en", "Caston, retrieved a handgun and shot at the teens.", "injure"),
    ("en", "Investigators say Stanley Greene, 30, started shooting at Omar Hamilton inside the club.", "injure"),
    # a retirement is someone's leaving; pensions and a retreat leave nothing (French dev texts)
    ("fr", "Le coût des revenus de retraite augmentera fortement au cours des prochaines décennies.", "resign"),
    ("fr", "Le couple a passé quatre jours dans la retraite présidentielle des montagnes.", "resign"),
    # those who "sont morts" died; an adjective of an election is that election's (French dev texts)
    ("fr", "Beaucoup de jeunes soldats sont morts, d'autres blessés.", "kill"),
    ("fr", "Il a remporté l'élection présidentielle du Portugal dimanche.", "vote"),
    # an injection or a contribution invests money only when money is named (French dev texts)
    ("fr", "Une infirmière a été reconnue coupable de meurtre par injection létale.", "invest"),
    ("fr", "Un fort soutien a été apporté aux options de conservation de l'eau.", "invest"),
    # to name someone is to appoint them only to a post; else to identify them (GVA development articles)
    ("en", "The coroner declined to name the boy or discuss his injuries.", "appoint"),
    ("en", "The Associated Press named Patrick Zamarripa as one of the fallen officers.", "appoint"),
    # to be okay approves nothing; a flood warning is no flood; leaving a party, a club or an office resigns from
    # nothing (GVA development articles)
    ("en", "She was rushed to the hospital but is expected to be okay.", "approve"),
    ("en", "Areal Flood Advisory issued May 8 at 6:48PM CDT expiring at 9:45PM CDT.", "disaster"),
    ("en", "Shortly after he left the party, he heard the gunshots.", "resign"),
    ("en", "Lint said as she left the office, comforted by family members.", "resign"),
    # a past form modifying a noun has that noun as patient, whatever finite tag the tagger gives it: applications
    # demonstrated are shown, no protest (MEANTIME dev)
    ("en", "Among the applications demonstrated were EA's Spore and AOL's AIM instant messenger.", "protest"),
    # to examine investigates only a case, a complaint, accounts or what caused something (French dev texts)
    ("fr", "Nous examinons la relation froide entre ces deux familles de l'establishment.", "investigate"),
    ("fr", "Quarante-cinq pour cent des projets de loi examinés étaient bipartisans.", "investigate"),
    # a gun dropped cancels nothing; a fire official is no fire (GVA development articles)
    ("en", "He ran outside, dropping the gun on the porch and calling 911.", "cancel"),
    ("en", "Fire officials said the shooting occurred shortly before 2:30 p.m.", "burn"),
    # results are reported, not launched (French dev texts)
    ("fr", "La compagnie dévoilait jeudi son cinquième bénéfice trimestriel consécutif.", "launch"),
    ("en", "The carmaker unveiled record quarterly earnings on Tuesday.", "launch"),
    # the adjective "présidentielle" names the election only as a noun ("la présidentielle"); voting against a text
    # approves nothing (French dev texts)
    ("fr", "Le président portait une écharpe présidentielle tricolore.", "vote"),
    ("fr", "Le Sénat a voté, avec les écologistes, contre le projet de loi.", "approve"),
    # a rescuer, a coast guard, a victim flown to hospital or a hand pulling hair names no rescue; to take part
    # ("prendre part") buys no stake (GVA development articles, French dev texts)
    ("en", "Rescuers took three victims to a nearby hospital.", "rescue"),
    ("en", "The wounded man was airlifted to Memorial Hospital in critical condition.", "rescue"),
    ("en", "Witnesses said he pulled her hair and slapped her.", "rescue"),
    ("en", "The driver was pulled over on the interstate.", "rescue"),
    ("fr", "Les syndicats veulent prendre part aux négociations.", "acquire"),
    ("fr", "La police a retrouvé douze toiles de Picasso.", "rescue"),
    # a name counted in units is a product, and selling it divests nothing (MEANTIME)
    ("en", "Jobs said that his company sold 13.7 million Macs last year.", "divest"),
    # voters are no vote, an environmental benefit no profit (French dev texts)
    ("fr", "Les électeurs du centre-gauche ont choisi leur candidat.", "vote"),
    ("en", "The voters of the district chose their candidate.", "vote"),
    ("fr", "La voiture électrique a quand même certains bénéfices environnementaux.", "report_profit"),
    # a sink is no sinking (GVA development articles)
    ("en", "He went to the sink to wash his face.", "crash"),
    # a participle modifying a noun with no complement of its own names a standing relation, no partnership formed
    # (`predicative` triggers; French dev texts)
    ("fr", "Le commandant des forces alliées terrestres a été capturé à Marioupol.", "partner"),
    ("fr", "Boris Evelson est le fondateur et directeur associé de Textra Group.", "partner"),
    ("en", "The allied troops entered the city on Monday.", "partner"),
    # an adjective completes no IPO (GVA dev: 'a complete list of witnesses')
    ("en", "He could learn next week whether he can get a complete list of witnesses in the case.", "ipo_complete"),
]


@pytest.mark.parametrize(("lang", "text", "forbidden"), NOT_ROWS)
def test_frame_does_not_fire(find, lang, text, forbidden):
    _, matches = find(lang, text)
    assert forbidden not in [m.frame for m in matches]


def test_a_fire_is_no_shot_fired(find):
    # GVA dev: the noun 'fire' beside a shooting is a blaze; only the verb fires shots
    doc, matches = find("en", "Detectives suspect Lyons was shot by Thibodeaux before the fire.")
    assert [m.frame for m in matches if doc[m.head].lower_ == "fire"] == ["burn"]
    doc, matches = find("en", "The gunman fired several shots at the crowd.")
    assert [m.frame for m in matches if doc[m.head].lower_ == "fired"] == ["attack"]


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Renault postponed the IPO in January 2024 and cut 2,000 jobs."),
    ("en", "The company was founded in 1998, went public in 2004 and was acquired in 2019."),
    ("fr", "L'accident a fait trois morts et dix blessés selon les secours."),
    ("fr", "Le groupe a annulé son introduction en bourse et supprimé 500 postes."),
])
def test_matches_are_sorted_disjoint_and_headed(find, lang, text):
    doc, matches = find(lang, text)
    assert len(matches) >= 2
    assert matches == sorted(matches, key=lambda m: (m.start, m.end))
    used: set[int] = set()
    for m in matches:
        assert isinstance(m, TriggerMatch)
        assert 0 <= m.start < m.end <= len(doc)
        assert m.start <= m.head < m.end
        words = set(range(m.start, m.end))
        assert not words & used
        used |= words
        assert m.trigger_id.startswith(f"{lang}.{m.frame}.")


def test_required_context_is_reported(find):
    doc, matches = find("en", "Renault postponed the IPO.")
    (m,) = matches
    assert (m.frame, doc[m.start:m.end].text) == ("ipo_postpone", "postponed")
    assert m.context is not None and doc[m.context[0]:m.context[1]].text == "IPO"


def test_inflections_match_base_form(find):
    for lang, text, frame in [("en", "It is spinning off the unit.", "spin_off"),
                              ("en", "It has spun off the unit.", "spin_off"),
                              ("fr", "Il faut réintégrer la filiale.", "reintegrate"),
                              ("fr", "Le groupe réintègre la filiale.", "reintegrate")]:
        _, matches = find(lang, text)
        assert frame in [m.frame for m in matches], text


def test_negative_trigger_polarity(find):
    _, matches = find("fr", "La direction a annoncé un gel des embauches.")
    assert [(m.frame, m.polarity) for m in matches if m.frame == "hire"] == [("hire", "negative")]


def test_matcher_is_cached_per_pipeline_and_language():
    nlp = base_pipeline("en")
    assert build_trigger_matcher(nlp, "en") is build_trigger_matcher(nlp, "en")
    clear_caches()
    assert build_trigger_matcher(nlp, "en") is not None


def test_unknown_language_gets_an_empty_matcher():
    nlp = base_pipeline("en")
    matcher = build_trigger_matcher(nlp, "xx")
    assert len(matcher) == 0
    assert matcher(nlp("Renault postponed the IPO.")) == []


def test_explicit_frameset_is_used():
    frames = load_frames().frames
    fs = FrameSet(frames=frames, triggers={"en": [Trigger(frame="ban", id="t.ban", lemmas=["veto"])]})
    nlp = base_pipeline("en")
    (m,) = build_trigger_matcher(nlp, "en", fs)(nlp("The president will veto it."))
    assert (m.frame, m.trigger_id) == ("ban", "t.ban")


def test_invalid_pattern_is_a_resource_error():
    bad = Trigger(frame="ban", id="t.bad", pattern=[{"LEMMA": {"NOPE": ["x"]}}])
    with pytest.raises(ResourceError, match="t.bad"):
        TriggerMatcher(base_pipeline("en"), "en", [bad])
