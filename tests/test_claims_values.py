"""A claim's value and time: what its number counts, and the time of its own clause (`claimx.claims.values`).

Sentences are written for these tests in the style of local and business news; none is from the seeds or the
evaluation data. The anchor date (publication) is Wednesday 18 June 2025.
"""

from __future__ import annotations

import json

import pytest
from test_extract import claims_of

from claimx.claims.measures import MeasureFile, fits, noun_measures
from claimx.resources import ResourceError, bundled_models_dir, read_validated


def values(lang: str, text: str, frame: str) -> list[tuple[float | None, str | None]]:
    return [(c.value.amount, c.value.counts) if c.value else (None, None)
            for c in claims_of(lang, text) if c.predicate.frame == frame]


@pytest.mark.parametrize("lang, text, frame, expected", [
    # a count says what it counts, through the noun it counts
    ("en", "Four people were wounded when a gunman opened fire outside a bar.", "injure", (4.0, "people")),
    ("en", "The retailer will cut 1,200 jobs across its stores.", "cut_jobs", (1200.0, "jobs")),
    ("fr", "L'équipementier va supprimer 450 postes en Lorraine.", "cut_jobs", (450.0, "jobs")),
    ("fr", "Trois personnes ont été tuées dans la collision.", "kill", (3.0, "people")),
    # a bare number counts what the frame counts only when it is the counted argument
    ("en", "The crash killed two and injured five on the interstate.", "kill", (2.0, "people")),
    ("en", "Two were killed and three others injured in the blast.", "injure", (3.0, "people")),
    # no number: the patients are counted, one person each, a counted group for its number
    ("en", "A 41-year-old woman was shot and killed outside her home on Tuesday.", "kill", (1.0, "people")),
    ("en", "A father and his teenage daughter were found dead in the apartment.", "die", (2.0, "people")),
    ("en", "Six officers and a bystander were injured during the standoff.", "injure", (7.0, "people")),
    ("en", "Police said the victim later died at a hospital.", "die", (1.0, "people")),
    ("en", "One man suffered critical injuries in the crash.", "injure", (1.0, "people")),
    # a person shot and not killed is injured; shot dead, fatally, or dying in the same sentence is killed
    ("en", "A 9-year-old girl was shot in the arm outside a laundromat on Monday.", "injure", (1.0, "people")),
    ("en", "A 30-year-old man was fatally shot near a gas station.", "kill", (1.0, "people")),
    ("en", "Officers found two men with gunshot wounds in a parked car.", "injure", (2.0, "people")),
    ("en", "A cyclist was taken to a hospital with serious injuries.", "injure", (1.0, "people")),
    ("en", "Two are dead after a dispute at an apartment complex.", "die", (2.0, "people")),
    ("en", "The gunman killed one customer and wounded another.", "injure", (1.0, "people")),
    ("en", "Two people were found shot to death in a parked car.", "kill", (2.0, "people")),
    # money counts its currency, a percentage "percent"
    ("en", "Acme Corp agreed to buy Beta Ltd for $3 billion.", "acquire", (3e9, "USD")),
    # coordinated numbers share their noun: "de 25 et 30 ans" are two ages, not 25 people
    ("fr", "La police a arrêté deux hommes de 25 et 30 ans samedi soir.", "arrest", (2.0, "people")),
    # a noun that modifies the counted one is not what is counted: "two law enforcement agents" are people
    ("en", "He allegedly killed his wife and wounded two law enforcement agents.", "injure", (2.0, "people")),
])
def test_a_value_says_what_it_counts(lang, text, frame, expected):
    assert expected in values(lang, text, frame)


@pytest.mark.parametrize("lang, text, frame, expected", [
    # a number coordinated with the predicate is an elided clause of its own ("et 11 [ont été] blessées")
    ("fr", "Au moins cinq personnes ont été tuées et 11 blessées lorsqu'une bombe a explosé mercredi.", "kill",
     [(5.0, "people")]),
    ("fr", "Trois personnes ont été tuées et 20 autres blessées dans l'attaque.", "kill", [(3.0, "people")]),
])
def test_the_count_of_a_coordinated_clause_is_its_own(lang, text, frame, expected):
    assert values(lang, text, frame) == expected


@pytest.mark.parametrize("lang, text, frame", [
    # ages, addresses, charges and the count of the other argument are nobody's value
    ("en", "Killed was Marcus Reed, 35, of Fairview.", "kill"),
    ("en", "A man was shot and killed in the 3100 block of Elm Street.", "kill"),
    ("en", "He faces three counts of murder in the deaths.", "die"),
    ("en", "Two deputies who shot and killed a driver last week are back at work.", "kill"),
    # a plural without a number counts nobody, a thing is nobody
    ("en", "People were killed when the roof collapsed.", "kill"),
    # a number in another clause is not the predicate's ("three men are charged in the death of a boy")
    ("en", "Three men are facing charges in connection with the death of a teenager.", "die"),
])
def test_numbers_that_count_something_else_are_no_value(lang, text, frame):
    got = values(lang, text, frame)
    assert got and all(v[0] in (None, 1.0) for v in got)
    assert not any(v[0] not in (None, 1.0) for v in got)


@pytest.mark.parametrize("lang, text, frame, time", [
    # a participle that puts an event on a calendar dates it, and the event is still to come (French dev texts)
    ("fr", "Le scrutin présidentiel, prévu le 30 octobre, sera supervisé par une commission.", "vote", "le 30 octobre"),
    ("en", "His arraignment, set for Monday, was postponed.", "charge", "Monday"),
])
def test_a_scheduled_event_is_planned_for_its_date(lang, text, frame, time):
    claim = next(c for c in claims_of(lang, text) if c.predicate.frame == frame)
    assert (claim.modality, claim.time and claim.time.text) == ("planned", time)


def test_a_bare_month_as_the_subject_is_no_time():
    # what the clause is about ("Mars", the planet, or "March was the wettest month"); French dev texts
    text = "Mars possède la plus petite lune confirmée, Deimos, qui a un diamètre d'environ 7,5 miles."
    assert not [c for c in claims_of("fr", text) if c.time is not None]


def test_the_time_of_a_parenthetical_clause_is_its_own():
    text = ("Récemment, il a aidé les White Sox à remporter les World Series de 2005 et, dans le processus, a "
            "recueilli sa septième bague de championnat au total (les six premières étaient toutes avec les Bulls "
            "dans les années 1990), devenant le troisième propriétaire.")
    assert not [c for c in claims_of("fr", text) if c.predicate.lemma == "recueillir" and c.time is not None]


def test_a_modal_verb_is_no_clause_predicate():
    # "pouvoir", "devoir" say nothing by themselves (cue empty_predicates; French dev texts)
    text = "Hubble a fourni ce qui pourrait être la meilleure preuve directe à ce jour."
    assert not [c for c in claims_of("fr", text) if c.predicate.lemma in ("pouvoir", "devoir")]


def test_a_number_is_no_predicate():
    text = "Dix-huit médailles d'or plus tard, Lewis est devenu riche."
    assert not [c for c in claims_of("fr", text) if c.predicate.lemma == "dix-huit"]


def test_a_counted_patient_is_quoted_without_its_preposition():
    claim = next(c for c in claims_of("fr", "Les enquêteurs ont évoqué le meurtre de Jean Dupont à Lyon.")
                 if c.predicate.frame == "kill")
    assert (claim.value.amount, claim.value.text) == (1.0, "Jean Dupont")


def test_a_named_victim_and_an_age_make_one_person_killed():
    got = values("en", "Killed was Marcus Reed, 35, of Fairview.", "kill")
    assert (35.0, None) not in got


@pytest.mark.parametrize("lang, text, frame, expected", [
    # the time of the trigger's own clause, not of another clause or of a noun inside an argument
    ("en", "The carmaker said on Monday that it closed the plant in 2019.", "close", "2019"),
    ("en", "The company scrapped the 2021 merger plan, the union said.", "cancel", None),
    ("en", "Acme Corp announced on Tuesday that it will acquire Beta Ltd.", "acquire", None),
    # a duration is no time of an event
    ("en", "The carmaker will close the plant within the next six months.", "close", None),
    # a parenthetical time alone is the predicate's (a parenthetical clause's is its own: below)
    ("en", "The plant was closed (in March 2019) after a long strike.", "close", "2019-03"),
    # a fronted time dates its clause; a participle that follows describes the same event
    ("en", "On Friday, police arrested two men at the station.", "arrest", "2025-06-13"),
    # a clause coordinated with the trigger's has its own time
    ("fr", "Il cède ses pouvoirs à son fils en 1944, lorsque ce dernier est nommé lieutenant général, et abdique "
           "finalement en 1946.", "appoint", None),
])
def test_time_of_the_trigger_clause(lang, text, frame, expected):
    got = [c.time.value if c.time else None for c in claims_of(lang, text) if c.predicate.frame == frame]
    assert got and got[0] == expected


def test_measure_files_validate_and_list_each_noun_once():
    folder = bundled_models_dir() / "measures"
    paths = sorted(folder.glob("*.json"))
    assert {p.stem for p in paths} >= {"en", "fr"}
    for path in paths:
        read_validated(path, MeasureFile)
    assert noun_measures("en")["victims"] == "people" and noun_measures("fr")["postes"] == "jobs"
    assert noun_measures("xx") == {}


def test_a_noun_in_two_measures_is_an_error(tmp_path):
    path = tmp_path / "en.json"
    path.write_text(json.dumps({"lang": "en", "measures": {"people": ["staff"], "jobs": ["staff"]}}))
    with pytest.raises(ResourceError, match="two measures"):
        read_validated(path, MeasureFile)


@pytest.mark.parametrize("measure, wanted, expected", [
    ("people", ["people"], True), ("jobs", ["people"], False), ("EUR", ["money"], True), ("percent", ["money"], False),
    (None, [], False), ("song", [], True),
])
def test_fits(measure, wanted, expected):
    assert fits(measure, wanted) is expected


def test_a_person_shot_and_killed_is_not_injured():
    assert values("en", "A man was shot and killed outside a bar on Sunday.", "injure") == []
    assert values("en", "A woman was shot on Friday and died at the hospital.", "injure") == []


def test_people_counted_from_the_patients_are_a_lower_bound():
    claim = next(c for c in claims_of("en", "A man and his son were wounded.") if c.predicate.frame == "injure")
    assert claim.value.amount == 2.0 and claim.value.mod == "AT_LEAST"


def test_a_clock_time_is_no_value():
    claims = claims_of("en", "A vigil will be held from 5-7 p.m. on Friday at the church.")
    assert not [c for c in claims if c.value is not None and c.value.amount in (5.0, 7.0)]


def test_a_place_after_a_shooting_is_not_its_object():
    claims = [c for c in claims_of("en", "A shooting on the north side left one man dead.")
              if c.predicate.frame == "attack"]
    assert claims and all(c.object is None for c in claims)


@pytest.mark.parametrize("lang, text, frame, expected", [
    # "left N dead" is a killing; the count of a shooting is of the people it hit, not of its gunmen
    ("en", "The crash left three teenagers dead on the highway.", "kill", (3.0, "people")),
    ("en", "A gunman shot a 36-year-old man outside a deli.", "injure", (1.0, "people")),
    # a person named in apposition, then another: two; two sons named in apposition: still two (GVA dev)
    ("en", "His mother, 27-year-old Morgan Slaight, and his brother, 8-year-old Joseph Slaight, also suffered gunshot "
           "wounds.", "injure", (2.0, "people")),
    ("en", "Jennifer Marie Laber, 36, and her two sons — 3-year-old Adam and 5-year-old Ethan — were each shot one "
           "time, police said.", "injure", (3.0, "people")),
    # a past form the tagger calls finite modifies its noun all the same: what it befell is counted (GVA dev)
    ("en", "Her grandson was one of two teen boys killed when someone fired into a crowd.", "kill", (2.0, "people")),
])
def test_what_an_incident_counts(lang, text, frame, expected):
    got = values(lang, text, frame)
    assert got and got[0] == expected


@pytest.mark.parametrize("lang, text", [
    # a clause claim's number is its verb's, not one inside another noun's phrase (GVA dev, French dev texts)
    ("en", "A witness said the gunman walked toward the back of the $1 million home."),
    ("en", "Police found a 9 mm handgun in the truck."),
    # ... nor a measure of a thing it modifies (MEANTIME and GVA dev)
    ("en", "On the 60GB model, 150 hours of video can be stored."),
    ("en", "He also owned 9mm and .22-caliber handguns, police said."),
    ("fr", "Kieslowski a dit plus tard qu'il avait abandonné le documentaire en raison de deux expériences."),
])
def test_a_clause_claim_takes_no_number_of_another_nouns_phrase(lang, text):
    assert not [c for c in claims_of(lang, text) if c.predicate.frame is None and c.value is not None]


@pytest.mark.parametrize("lang, text, value", [
    # a conjunct of its argument and a noun of an amount are on the way
    ("en", "Moments later, the driver ran over his wife and two people who were helping her.", "two people"),
    ("en", "Four people were injured, but a total of 16 people were involved in the incident.", "16 people"),
])
def test_a_clause_claim_counts_through_a_conjunct_or_a_total(lang, text, value):
    assert value in [c.value.text for c in claims_of(lang, text) if c.predicate.frame is None and c.value]


@pytest.mark.parametrize("lang, text", [
    # a date that comes back every year is no one day of the event (DACCORD dev)
    ("fr", "Les Russes de Lettonie se réunissent chaque année le 9 mai pour commémorer la victoire."),
    ("fr", "Les anciens combattants se réunissent le 9 mai de chaque année."),
])
def test_a_recurring_date_is_no_time_of_the_claim(lang, text):
    claims = claims_of(lang, text)
    assert claims and all(c.time is None for c in claims)


def test_a_date_apart_from_a_recurrence_keeps_its_day():
    claims = claims_of("en", "Veterans gathered on May 9 to remember the victory, as they do every year.")
    assert [c.time.value for c in claims if c.time] == ["2025-05-09"]
