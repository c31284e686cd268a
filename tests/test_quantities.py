"""claimx.quantities.finder: numbers found in news text, normalised to `Quantity`.

Each row is (lang, text, expected quantities in order). An expected quantity is `Q(text, amount, unit, kind,
approx, mod)`; only the fields given are checked against defaults (unit None, kind "count", not approximate,
no modifier), so a row fails when the finder reads a quantity too many, one too few, or one differently.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

import pytest

from claimx.quantities.finder import find_quantities, parse_count, parse_number
from claimx.quantities.lexicon import QuantityData, lexicon
from claimx.resources import bundled_models_dir
from claimx.schemas import Quantity


class Q(NamedTuple):
    text: str
    amount: float | None
    unit: str | None = None
    kind: str = "count"
    approx: bool = False
    mod: str | None = None


def got(text: str, lang: str, exclude=()) -> list[Q]:
    out = []
    for q in find_quantities(text, lang, exclude):
        assert text[q.start_char : q.end_char] == q.text
        out.append(Q(q.text, q.amount, q.unit, q.kind, q.approx, q.mod))
    return out


def check(lang: str, text: str, expected: list[Q]) -> None:
    found = got(text, lang)
    assert [q.text for q in found] == [e.text for e in expected], found
    for f, e in zip(found, expected):
        assert f.amount == pytest.approx(e.amount), f
        assert (f.unit, f.kind, f.approx, f.mod) == (e.unit, e.kind, e.approx, e.mod), f


APPROX, MORE, LESS, AT_LEAST, AT_MOST = "APPROX", "MORE_THAN", "LESS_THAN", "AT_LEAST", "AT_MOST"

# ----------------------------------------------------------------------------------------------
# English

EN = [
    # business
    ("en", "Nissan was released from its obligation to invest €600 million in Ampere.",
     [Q("€600 million", 600e6, "EUR", "money")]),
    ("en", "Ampere would be worth 10 billion euros, de Meo had promised.",
     [Q("10 billion euros", 10e9, "EUR", "money")]),
    ("en", "The group took a $1.2bn charge and sold the unit for £350m.",
     [Q("$1.2bn", 1.2e9, "USD", "money"), Q("£350m", 350e6, "GBP", "money")]),
    ("en", "Revenue rose 5.2% to €12.3 billion while net profit fell 3 per cent.",
     [Q("5.2%", 5.2, "%", "percent"), Q("€12.3 billion", 12.3e9, "EUR", "money"),
      Q("3 per cent", 3, "%", "percent")]),
    ("en", "Ampere employed around 11,000 staff, of whom approximately 35% were engineers.",
     [Q("around 11,000 staff", 11000, "staff", approx=True, mod=APPROX),
      Q("approximately 35%", 35, "%", "percent", True, APPROX)]),
    ("en", "Shares gained 35 percent; the bank cut rates by 25 basis points and inflation by 0.5 percentage points.",
     [Q("35 percent", 35, "%", "percent"), Q("25 basis points", 25, "bp", "percent"),
      Q("0.5 percentage points", 0.5, "pp", "percent")]),
    ("en", "It will cut up to 5,000 jobs and hire some 200 engineers.",
     [Q("up to 5,000 jobs", 5000, "jobs", mod=AT_MOST),
      Q("some 200 engineers", 200, "engineers", approx=True, mod=APPROX)]),
    ("en", "The deal is valued at more than $5 billion, or roughly 4.6 billion Swiss francs.",
     [Q("more than $5 billion", 5e9, "USD", "money", mod=MORE),
      Q("roughly 4.6 billion Swiss francs", 4.6e9, "CHF", "money", True, APPROX)]),
    ("en", "Toyota sold 10.3 million vehicles and paid 500 billion yen in dividends.",
     [Q("10.3 million vehicles", 10.3e6, "vehicles"), Q("500 billion yen", 500e9, "JPY", "money")]),
    ("en", "Tesla cut prices by $5,000 and the stock lost a third of its value.",
     [Q("$5,000", 5000, "USD", "money"), Q("a third", 1 / 3, None, "fraction")]),
    ("en", "Two-thirds of the workforce, half of the plants and three quarters of the shares.",
     [Q("Two-thirds", 2 / 3, None, "fraction"), Q("half", 0.5, None, "fraction"),
      Q("three quarters", 0.75, None, "fraction")]),
    ("en", "Between 200 and 300 jobs will go at the 5 to 10 million euro project.",
     [Q("Between 200", 200, "jobs", mod=AT_LEAST), Q("300 jobs", 300, "jobs", mod=AT_MOST),
      Q("5", 5e6, "EUR", "money", mod=AT_LEAST), Q("10 million euro", 10e6, "EUR", "money", mod=AT_MOST)]),
    ("en", "Sales went from 5% to 7% of the market.",
     [Q("5%", 5, "%", "percent"), Q("7%", 7, "%", "percent")]),
    # politics
    ("en", "The bill passed by 289 votes to 239, with at least 20 abstentions.",
     [Q("289 votes", 289, "votes"), Q("239", 239), Q("at least 20 abstentions", 20, "abstentions", mod=AT_LEAST)]),
    ("en", "Nearly half the voters backed him; one in three adults did not vote.",
     [Q("Nearly half", 0.5, None, "fraction", True, LESS), Q("one in three", 1 / 3, None, "fraction")]),
    ("en", "Tens of thousands of protesters marched, and hundreds of police officers were deployed.",
     [Q("Tens of thousands of protesters", 10000, "protesters", "count", True, MORE),
      Q("hundreds of police", 100, "police", "count", True, MORE)]),
    ("en", "Several hundred soldiers and a few thousand volunteers joined the two million refugees.",
     [Q("Several hundred soldiers", 100, "soldiers", "count", True, MORE),
      Q("a few thousand volunteers", 1000, "volunteers", "count", True, MORE),
      Q("two million refugees", 2e6, "refugees")]),
    ("en", "Two and a half million people live there, half a million of them children.",
     [Q("Two and a half million people", 2.5e6, "people"), Q("half a million", 5e5)]),
    # incidents
    ("en", "Five people were killed and one hundred and twenty were injured.",
     [Q("Five people", 5, "people"), Q("one hundred and twenty", 120)]),
    ("en", "A woman dead, four others wounded after the shooting.", [Q("A woman", 1, "woman"), Q("four", 4)]),
    ("en", "A police officer was seriously injured and five of them were arrested.",
     [Q("A police officer", 1, "police officer"), Q("five", 5)]),
    ("en", "Twenty-five houses burned and a dozen people were hurt.",
     [Q("Twenty-five houses", 25, "houses"), Q("a dozen people", 12, "people", approx=True, mod=APPROX)]),
    ("en", "More than 300 people were evacuated and nearly 1,000 homes lost power.",
     [Q("More than 300 people", 300, "people", mod=MORE),
      Q("nearly 1,000 homes", 1000, "homes", approx=True, mod=LESS)]),
    ("en", "About 40 were injured, dozens of them seriously.",
     [Q("About 40", 40, approx=True, mod=APPROX), Q("dozens", 12, None, "count", True, MORE)]),
    ("en", "The quake struck 10 km deep; temperatures hit 40°C and 3,000 hectares burned.",
     [Q("10 km", 10, "km", "measure"), Q("40°C", 40, "°C", "measure"), Q("3,000 hectares", 3000, "ha", "measure")]),
    ("en", "One person died and three French soldiers were wounded.",
     [Q("One person", 1, "person"), Q("three French soldiers", 3, "soldiers")]),
    ("en", "The firm, founded in 1886, will shed 1,200 of its 15,000 workers by 2027.",
     [Q("1,200", 1200), Q("15,000 workers", 15000, "workers")]),
    ("en", "48 Democrats opposed; 20 Chinese nationals and 2 million federal employees; the 3 biggest banks.",
     [Q("48 Democrats", 48, "democrats"), Q("20 Chinese nationals", 20, "nationals"),
      Q("2 million federal employees", 2e6, "employees"), Q("3 biggest banks", 3, "banks")]),
    ("en", "The $2.5-trillion budget; EUR 600m and USD 1.5bn; US$5bn and C$300 million.",
     [Q("$2.5-trillion", 2.5e12, "USD", "money"), Q("EUR 600m", 600e6, "EUR", "money"),
      Q("USD 1.5bn", 1.5e9, "USD", "money"), Q("US$5bn", 5e9, "USD", "money"),
      Q("C$300 million", 300e6, "CAD", "money")]),
    ("en", "Temperatures of -5°C; the index fell -2.3% and profits were +12% higher.",
     [Q("-5°C", -5, "°C", "measure"), Q("-2.3%", -2.3, "%", "percent"), Q("+12%", 12, "%", "percent")]),
    ("en", "Oil rose 4% to $85 a barrel as OPEC+ cut 2 million barrels per day.",
     [Q("4%", 4, "%", "percent"), Q("$85", 85, "USD", "money"),
      Q("2 million barrels per day", 2e6, "bbl/d", "measure")]),
    # sport
    ("en", "Mbappé scored 25 goals in 30 matches and ran the 100m in 10.5 seconds.",
     [Q("25 goals", 25, "goals"), Q("30 matches", 30, "matches"), Q("100m", 100, "m", "measure"),
      Q("10.5 seconds", 10.5, "second", "measure")]),
    ("en", "The club paid a record £100m fee to sign him on a five-year contract.",
     [Q("£100m", 100e6, "GBP", "money"), Q("five-year", 5, "year", "measure")]),
]

# ----------------------------------------------------------------------------------------------
# French

FR = [
    # économie
    ("fr", "Nissan s'engageait à investir 600 millions d'euros dans Ampere.",
     [Q("600 millions d'euros", 600e6, "EUR", "money")]),
    ("fr", "Une levée de 1,5 milliard d'euros, soit 1,5 Md€ ou 2.3 M€ par mois.",
     [Q("1,5 milliard d'euros", 1.5e9, "EUR", "money"), Q("1,5 Md€", 1.5e9, "EUR", "money"),
      Q("2.3 M€", 2.3e6, "EUR", "money")]),
    ("fr", "Ampere emploie environ 11\u202f000 salariés, dont 35 % d'ingénieurs.",
     [Q("environ 11\u202f000 salariés", 11000, "salariés", approx=True, mod=APPROX), Q("35 %", 35, "%", "percent")]),
    ("fr", "Le groupe compte 11\u00a0000 salariés en France et 11.000 en Allemagne.",
     [Q("11\u00a0000 salariés", 11000, "salariés"), Q("11.000", 11000)]),
    ("fr", "Le chiffre d'affaires a progressé de 5,2 % à 12,3 milliards d'euros, soit 35 pour cent de plus.",
     [Q("5,2 %", 5.2, "%", "percent"), Q("12,3 milliards d'euros", 12.3e9, "EUR", "money"),
      Q("35 pour cent", 35, "%", "percent")]),
    ("fr", "L'action a chuté de -3,2 % et le taux a baissé de 0,25 point de pourcentage.",
     [Q("-3,2 %", -3.2, "%", "percent"), Q("0,25 point de pourcentage", 0.25, "pp", "percent")]),
    ("fr", "Un plan de 3 milliards de dollars et de 500 millions de francs suisses.",
     [Q("3 milliards de dollars", 3e9, "USD", "money"), Q("500 millions de francs suisses", 500e6, "CHF", "money")]),
    ("fr", "Plus de 300 emplois, près de 1 000 postes et jusqu'à 5 000 départs.",
     [Q("Plus de 300 emplois", 300, "emplois", mod=MORE),
      Q("près de 1 000 postes", 1000, "postes", approx=True, mod=LESS),
      Q("jusqu'à 5 000 départs", 5000, "départs", mod=AT_MOST)]),
    ("fr", "Au moins 20 sites et quelque 200 salariés sont concernés.",
     [Q("Au moins 20 sites", 20, "sites", mod=AT_LEAST),
      Q("quelque 200 salariés", 200, "salariés", approx=True, mod=APPROX)]),
    ("fr", "Entre 200 et 300 emplois seront supprimés.",
     [Q("Entre 200", 200, "emplois", mod=AT_LEAST), Q("300 emplois", 300, "emplois", mod=AT_MOST)]),
    ("fr", "Plus de la moitié des salariés et les deux tiers des actionnaires ont voté.",
     [Q("Plus de la moitié", 0.5, None, "fraction", mod=MORE), Q("deux tiers", 2 / 3, None, "fraction")]),
    ("fr", "Un quart des Français et un tiers de l'effectif.",
     [Q("Un quart", 0.25, None, "fraction"), Q("un tiers", 1 / 3, None, "fraction")]),
    ("fr", "Deux millions et demi de personnes, des millions d'euros.",
     [Q("Deux millions et demi de personnes", 2.5e6, "personnes"),
      Q("des millions d'euros", 1e6, "EUR", "money", True, MORE)]),
    # politique
    ("fr", "Le texte a été adopté par 289 voix contre 239 ; un Français sur trois s'est abstenu.",
     [Q("289 voix", 289, "voix"), Q("239", 239), Q("un Français sur trois", 1 / 3, None, "fraction")]),
    ("fr", "Des dizaines de milliers de manifestants et plusieurs centaines de policiers.",
     [Q("Des dizaines de milliers de manifestants", 10000, "manifestants", "count", True, MORE),
      Q("plusieurs centaines de policiers", 100, "policiers", "count", True, MORE)]),
    ("fr", "Des centaines de personnes et une vingtaine de députés.",
     [Q("Des centaines de personnes", 100, "personnes", "count", True, MORE),
      Q("une vingtaine de députés", 20, "députés", "count", True, APPROX)]),
    # "quarantaine" is a number only before "de"; else a quarantine (French dev texts)
    ("fr", "L'UE a introduit une quarantaine obligatoire pour une quarantaine de pays.",
     [Q("une quarantaine de pays", 40, "pays", "count", True, APPROX)]),
    # faits divers
    ("fr", "L'accident a fait cinq blessés et une dizaine de morts.",
     [Q("cinq blessés", 5, "blessés"), Q("une dizaine de morts", 10, "morts", "count", True, APPROX)]),
    ("fr", "Un mort et trois blessés ; une femme a été tuée et un policier grièvement blessé.",
     [Q("Un mort", 1, "mort"), Q("trois blessés", 3, "blessés"), Q("une femme", 1, "femme"),
      Q("un policier", 1, "policier")]),
    ("fr", "Vingt-cinq soldats, vingt et un civils, soixante et onze otages et quatre-vingt-dix morts.",
     [Q("Vingt-cinq soldats", 25, "soldats"), Q("vingt et un civils", 21, "civils"),
      Q("soixante et onze otages", 71, "otages"), Q("quatre-vingt-dix morts", 90, "morts")]),
    ("fr", "Cent vingt pompiers, deux cents gendarmes et mille deux cents habitants.",
     [Q("Cent vingt pompiers", 120, "pompiers"), Q("deux cents gendarmes", 200, "gendarmes"),
      Q("mille deux cents habitants", 1200, "habitants")]),
    ("fr", "Le feu a détruit 3 000 hectares à 40 km de Marseille.",
     [Q("3 000 hectares", 3000, "ha", "measure"), Q("40 km", 40, "km", "measure")]),
    ("fr", "Le stade neuf accueille neuf familles et neuf blessés.",
     [Q("neuf familles", 9, "familles"), Q("neuf blessés", 9, "blessés")]),
    ("fr", "L'entreprise, fondée en 1898, supprime 1 200 de ses 15 000 postes d'ici 2027.",
     [Q("1 200", 1200), Q("15 000 postes", 15000, "postes")]),
    ("fr", "Le budget de 2,5 billions d'euros prévoit 300 Md€ et une hausse de 4 % pour 2 millions de "
           "fonctionnaires.",
     [Q("2,5 billions d'euros", 2.5e12, "EUR", "money"), Q("300 Md€", 300e9, "EUR", "money"),
      Q("4 %", 4, "%", "percent"), Q("2 millions de fonctionnaires", 2e6, "fonctionnaires")]),
    ("fr", "Trois Français sur quatre et des milliards d'euros.",
     [Q("Trois Français sur quatre", 0.75, None, "fraction"),
      Q("des milliards d'euros", 1e9, "EUR", "money", True, MORE)]),
    # sport
    ("fr", "Il a inscrit 25 buts en 30 matchs et couru le 100 m en 9,58 secondes.",
     [Q("25 buts", 25, "buts"), Q("30 matchs", 30, "matchs"), Q("100 m", 100, "m", "measure"),
      Q("9,58 secondes", 9.58, "second", "measure")]),
    ("fr", "Un transfert de 180 M€ et un salaire de 2 millions d'euros par mois.",
     [Q("180 M€", 180e6, "EUR", "money"), Q("2 millions d'euros", 2e6, "EUR", "money")]),
]

# ----------------------------------------------------------------------------------------------
# Traps: things that look like numbers and are not quantities

TRAPS = [
    ("en", "The Renault 5 and the Renault 4 were shown with the Boeing 737 MAX and the iPhone 15.", []),
    ("en", "Renault postponed the IPO in 2024; the plan dates from 1998.", []),
    ("en", "He finished 3rd, his first podium, in the 21st race.", []),
    ("en", "The R5, the A320, the G7 summit, 5G networks, the 1990s, COVID-19 and F-35 jets.", []),
    ("en", "The meeting starts at 10:30 and ends at 9 pm.", []),
    ("en", "Call +33 1 23 45 67 89 or (212) 555-1234.", []),
    ("en", "See page 12, section 3 and Article 5 of the treaty, No. 7.", []),
    ("en", "Lyon won 3-1 in a 2-2 season opener.", []),
    ("en", "One of the victims was a child and no one else was hurt.", []),
    ("en", "The CAC 40 and the FTSE 100 fell; the S&P 500 rose.", []),
    ("en", "He lives at 10 Downing Street.", []),
    # street addresses (GVA development articles): a compass letter, a city block
    ("en", "Bullets were fired from the street, striking the house at 44 E. Bruce Ave.", []),
    ("en", "It happened in the 4200 block of North Main Street, at 561 N. Center.", []),
    # a number that names or marks: an article makes it part of a noun's name; a bracketed reference
    ("en", "Police received a 911 call about the shooting.", []),
    ("en", "Image 7 of 10 Family members exit the crime scene; see page 5 of 12.", []),  # a caption's counter
    # a gun's caliber or gauge names it, counts nothing (GVA development articles)
    ("en", "He built a .223-caliber rifle, fired a 12-gauge shotgun and found a .45 caliber handgun.", []),
    ("en", "Bullets started flying, striking five teenage boys.", [Q("five teenage boys", 5, "boys", "count")]),
    ("en", "A 5.8 magnitude earthquake, a 10 percent cut and a 5 km run.",
     [Q("5.8 magnitude", 5.8, "magnitude", "count"), Q("10 percent", 10, "%", "percent"),
      Q("5 km", 5, "km", "measure")]),
    ("en", "Students were scheduled to take final exams.[19] All schools were placed on lock-down.", []),
    ("en", "The first half of the year and the third quarter.", []),
    ("en", "Electric models such as the Renault 5, 4 and Twingo.", []),
    ("en", "The firm's 10-K filing, the 9/11 attacks and a 24/7 service in the 2019-20 season.", []),
    ("en", "It was the 2nd time, the 100th anniversary, at 3 a.m. on Friday or by 5pm or at 23:59.", []),
    ("en", "See pp. 12-15, Vol. 2, Fig. 4 and Chapter 11 of the Apollo 11 report.", []),
    ("fr", "Le 21 janvier 2026, la Renault 5 et la R5, le 1er mai et la 3e fois.", []),
    ("fr", "Rendez-vous à 10h30 ou à 10 h ; appelez le 01 23 45 67 89.", []),
    ("fr", "L'article 49.3 de la Constitution, page 12, n° 5.", []),
    ("fr", "Il habite au 12 rue de la Paix.", []),
    ("fr", "Un homme et une femme sont venus ; l'un d'eux habite un bâtiment neuf.", []),
    ("fr", "La première moitié de l'année et le XXe siècle.", []),
    ("fr", "Le CAC 40 a perdu du terrain en 2024.", []),
    ("fr", "Le PSG s'est imposé 3 à 1 ; la loi du 3 août 2024, article L. 1233-3.", []),
]

UNKNOWN = [
    ("de", "Der Konzern investiert 600 Mio. € und 35 % mehr, also €1.200 und 1.500 Mitarbeiter.",
     [Q("600", 600), Q("€1.200", 1200, "EUR", "money"), Q("35 %", 35, "%", "percent"), Q("1.500", 1500)]),
    ("xx", "Price: $1,500 or 12,5 km.", [Q("$1,500", 1500, "USD", "money"), Q("12,5 km", 12.5, "km", "measure")]),
    ("", "It costs €5.", [Q("€5", 5, "EUR", "money")]),
]


@pytest.mark.parametrize("lang,text,expected", EN + FR + TRAPS)
def test_find_quantities(lang: str, text: str, expected: list[Q]) -> None:
    check(lang, text, expected)


@pytest.mark.parametrize("lang,text,expected", UNKNOWN)
def test_unknown_language_reads_digits_and_symbols(lang: str, text: str, expected: list[Q]) -> None:
    found = got(text, lang)
    assert sorted(q.text for q in found) == sorted(e.text for e in expected), found
    by_text = {q.text: q for q in found}
    for e in expected:
        q = by_text[e.text]
        assert (q.amount, q.unit, q.kind) == (pytest.approx(e.amount), e.unit, e.kind)


# ----------------------------------------------------------------------------------------------
# Contract details


def test_exclude_spans_are_not_read() -> None:
    text = "In January 2024, 300 people marched; on 21 January, 5 were hurt."
    spans = [(text.index(d), text.index(d) + len(d)) for d in ("January 2024", "21 January")]
    assert [q.text for q in find_quantities(text, "en", spans)] == ["300 people", "5"]
    fr = "Le 21 janvier, 5 blessés."
    span = (fr.index("21 janvier"), fr.index("21 janvier") + len("21 janvier"))
    assert [q.text for q in find_quantities(fr, "fr", [span])] == ["5 blessés"]
    years = "five years in prison and 200 euros"
    dur = (0, len("five years"))
    assert [q.text for q in find_quantities(years, "en", [dur])] == ["200 euros"]
    assert [q.text for q in find_quantities(years, "en")] == ["five years", "200 euros"]


def test_offsets_point_into_the_original_text() -> None:
    text = "«\u00a0Près de 1\u202f000 salariés\u00a0», a-t-il dit ; l’État versera 600 millions d’euros.\n\n"
    qs = find_quantities(text, "fr")
    assert [q.text for q in qs] == ["Près de 1\u202f000 salariés", "600 millions d’euros"]
    for q in qs:
        assert text[q.start_char : q.end_char] == q.text
        assert isinstance(q, Quantity)
        Quantity.model_validate(q.model_dump())


def test_results_are_in_text_order_and_do_not_overlap() -> None:
    text = " ".join(t for _, t, _ in EN)
    qs = find_quantities(text, "en")
    assert len(qs) > 40
    for a, b in zip(qs, qs[1:]):
        assert a.end_char <= b.start_char


def test_language_codes_are_normalised() -> None:
    assert [q.amount for q in find_quantities("11 000 salariés", "fr-FR")] == [11000]
    assert [q.amount for q in find_quantities("11,000 staff", "EN")] == [11000]


ODD = ["", "   ", "\n\n", "€", "%", "-", "1", "a", "+", "one", "d'", "1,", ".5", "¥¥¥1", "1 000 000 000 000 000"]


@pytest.mark.parametrize("text", ODD)
def test_odd_input_never_crashes(text: str) -> None:
    for lang in ("en", "fr", "zz"):
        for q in find_quantities(text, lang):
            assert text[q.start_char : q.end_char] == q.text


# ----------------------------------------------------------------------------------------------
# parse_number

PARSE = [
    ("en", "11,000", 11000), ("en", "1.5", 1.5), ("en", "1,5", 1.5), ("en", "2,000,000", 2e6), ("en", "-3.2", -3.2),
    ("en", "twenty-five", 25), ("en", "one hundred and twenty", 120), ("en", "a hundred", 100),
    ("en", "two thousand and twenty-four", 2024), ("en", "one", 1), ("en", "1.2bn", 1.2e9), ("en",
         "€600 million", 600e6),
    ("en", "2024", 2024), ("en", "35%", 35),
    ("fr", "11 000", 11000), ("fr", "11\u202f000", 11000), ("fr", "11\u00a0000", 11000), ("fr", "11.000", 11000),
    ("fr", "1,5", 1.5), ("fr", "1.234.567,89", 1234567.89), ("fr", "vingt-cinq", 25), ("fr", "quatre-vingt-dix", 90),
    ("fr", "soixante-dix-sept", 77), ("fr", "quatre-vingts", 80), ("fr", "vingt et un", 21), ("fr", "deux cents", 200),
    ("fr", "trois cent mille", 300000), ("fr", "mille neuf cent quatre-vingt-dix-neuf", 1999),
    ("fr", "un", 1), ("fr", "1,5 milliard", 1.5e9), ("fr", "deux millions", 2e6),
    ("xx", "1,500", 1500), ("xx", "1.500", 1500), ("xx", "1,5", 1.5),
]


@pytest.mark.parametrize("lang,s,value", PARSE)
def test_parse_number(lang: str, s: str, value: float) -> None:
    assert parse_number(s, lang) == pytest.approx(value)


@pytest.mark.parametrize("lang,s", [("en", "five six"), ("en", "hello"), ("fr", "1.2.3"), ("fr", ""), ("en",
"3 apples and 4")])
def test_parse_number_refuses_what_is_not_one_number(lang: str, s: str) -> None:
    assert parse_number(s, lang) is None


@pytest.mark.parametrize("lang,s,value", [
    ("en", "a", 1), ("en", "An", 1), ("en", "a couple of", 2), ("en", "half a", 0.5), ("en", "dozen", 12),
    ("en", "a dozen", 12), ("en", "three dozen", 36), ("en", "a hundred", 100), ("en", "twenty-five", 25),
    ("en", "30,4", 30.4), ("fr", "un demi", 0.5), ("fr", "une dizaine", 10), ("fr", "soixante-douze", 72),
    ("fr", "vingt et un", 21), ("fr", "30,4", 30.4),
])
def test_parse_count(lang: str, s: str, value: float) -> None:
    """Counts before a unit, as time expressions read them ("a year", "a couple of weeks", "un demi-siècle")."""
    assert parse_count(s, lang) == pytest.approx(value)


@pytest.mark.parametrize("lang,s", [("en", "a two"), ("en", "five six"), ("fr", "une deux"), ("en", "couple")])
def test_parse_count_refuses_what_is_not_one_count(lang: str, s: str) -> None:
    assert parse_count(s, lang) is None


# ----------------------------------------------------------------------------------------------
# Data files


def quantity_files() -> list[Path]:
    return sorted((bundled_models_dir() / "quantities").glob("*.json"))


def test_there_are_data_files_for_french_and_english() -> None:
    assert {p.stem for p in quantity_files()} >= {"en", "fr"}


@pytest.mark.parametrize("path", quantity_files(), ids=lambda p: p.name)
def test_data_file_matches_its_schema(path: Path) -> None:
    data = QuantityData.model_validate(json.loads(path.read_text(encoding="utf-8")))
    assert data.lang == path.stem
    codes = {c.code for c in data.currencies}
    assert {"EUR", "USD", "GBP", "CHF", "JPY", "CNY"} <= codes
    for c in data.currencies:
        assert c.symbols or c.words


def test_schema_forbids_unknown_fields() -> None:
    data = json.loads((bundled_models_dir() / "quantities" / "en.json").read_text(encoding="utf-8"))
    data["nombres"] = {}
    with pytest.raises(ValueError):
        QuantityData.model_validate(data)
    bad = json.loads((bundled_models_dir() / "quantities" / "en.json").read_text(encoding="utf-8"))
    bad["numbers"]["Twenty-One"] = 21
    with pytest.raises(ValueError):
        QuantityData.model_validate(bad)


def test_lexicon_is_compiled_once_per_language() -> None:
    assert lexicon("fr") is lexicon("fr")
    assert lexicon("fr") is not lexicon("en")
