"""claimx.temporal.finder: time expressions found in news sentences and normalised against the article date."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimx import resources
from claimx.resources import ResourceError, bundled_models_dir, read_validated
from claimx.temporal.finder import find_times, normalise_time
from claimx.temporal.grammar import compile_grammar, grammar
from claimx.temporal.lexicon import TemporalLexicon

A = date(2026, 1, 22)  # a Thursday
D = date.fromisoformat


def span(lang: str, text: str, anchor: date | None, expr: str):
    """The one span whose text is `expr` (fails with what was found otherwise)."""
    spans = find_times(text, lang, anchor)
    found = [s for s in spans if s.text == expr]
    assert len(found) == 1, f"{expr!r} not found alone in {[s.text for s in spans]}"
    return found[0]


# (lang, sentence, span text, expected fields); anchor A
ROWS = [
    # absolute dates and the dateparser traps (a month alone is a month, a bare year a year)
    ("en", "Renault postponed the IPO in January 2024.", "January 2024",
     dict(value="2024-01", start=D("2024-01-01"), end=D("2024-01-31"), granularity="month", relation="during")),
    ("en", "Ampere was set up in 2023.", "2023",
     dict(value="2023", start=D("2023-01-01"), end=D("2023-12-31"), granularity="year", anchor=None)),
    ("en", "The report came out on January 21, 2026.", "January 21, 2026",
     dict(value="2026-01-21", start=D("2026-01-21"), end=D("2026-01-21"), granularity="day", relation="on")),
    ("en", "The law takes effect on 1 July 2027.", "1 July 2027", dict(value="2027-07-01", granularity="day")),
    ("en", "The reactor was built in the 1990s.", "the 1990s",
     dict(value="199", start=D("1990-01-01"), end=D("1999-12-31"), granularity="decade")),
    ("en", "In the 19th century the town was a port.", "the 19th century",
     dict(value="18", start=D("1800-01-01"), granularity="century")),
    ("en", "Deliveries start in Q3 2025.", "Q3 2025",
     dict(value="2025-Q3", start=D("2025-07-01"), end=D("2025-09-30"), granularity="quarter")),
    ("en", "Sales rose 4% in the third quarter of 2025.", "the third quarter of 2025", dict(value="2025-Q3")),
    ("en", "Margins recovered in the first half of 2024.", "the first half of 2024",
     dict(value="2024-H1", start=D("2024-01-01"), end=D("2024-06-30"), granularity="half", relation="during")),
    ("en", "De Meo moved to Kering in the summer of 2025.", "the summer of 2025",
     dict(value="2025-SU", start=D("2025-06-01"), end=D("2025-08-31"), granularity="season")),
    ("en", "The group booked a loss for fiscal 2024.", "fiscal 2024", dict(value="2024", granularity="year")),
    # vague modifiers narrow start/end and keep the value
    ("en", "De Meo left Renault in mid-2025.", "mid-2025",
     dict(value="2025", mod="MID", start=D("2025-05-01"), end=D("2025-08-31"), granularity="year")),
    ("en", "Ampere was formed in late 2023.", "late 2023",
     dict(value="2023", mod="END", start=D("2023-09-01"), end=D("2023-12-31"))),
    ("en", "Orders picked up in early 2024.", "early 2024", dict(value="2024", mod="START", end=D("2024-04-30"))),
    ("en", "A decision is expected by the end of 2026.", "the end of 2026", dict(value="2026", mod="END", relation="by")),
    ("en", "Traffic peaks in mid-January.", "mid-January",
     dict(value="2026-01", mod="MID", start=D("2026-01-11"), end=D("2026-01-20"))),
    ("en", "The plant closed in the late 20th century.", "the late 20th century", dict(value="19", mod="END")),
    # relative to the anchor
    ("en", "Profits fell last year.", "last year", dict(value="2025", granularity="year", anchor=A)),
    ("en", "The vote is scheduled for next month.", "next month",
     dict(value="2026-02", start=D("2026-02-01"), end=D("2026-02-28"))),
    ("en", "Talks continue this week.", "this week",
     dict(value="2026-W04", start=D("2026-01-19"), end=D("2026-01-25"), granularity="week")),
    ("en", "The minister resigned yesterday.", "yesterday", dict(value="2026-01-21", granularity="day")),
    ("en", "He had arrived the previous day.", "the previous day", dict(value="2026-01-21")),
    ("en", "The company was founded three years ago.", "three years ago", dict(value="2023", granularity="year")),
    ("en", "He met the Pope last Friday.", "last Friday", dict(value="2026-01-16")),
    ("en", "The central bank raised rates on Tuesday.", "Tuesday", dict(value="2026-01-20", relation="on")),
    ("en", "The leaders will meet on Friday.", "Friday", dict(value="2026-01-23")),  # future cue
    ("en", "Sales slumped in January.", "January", dict(value="2026-01", relation="during")),
    ("en", "In November, the board approved the plan.", "November", dict(value="2025-11")),  # nearest, past
    ("en", "The elections will be held in November.", "November", dict(value="2026-11")),  # future cue
    # an event announced "to be held" on a date: ahead, whatever past tense came before (MEANTIME dev)
    ("en", "Apple announced another special event to be held on November 12.", "November 12",
     dict(value="2026-11-12")),
    ("en", "The ceasefire was agreed late last month.", "late last month", dict(value="2025-12", mod="END")),
    ("en", "Fans will queue this weekend.", "this weekend",
     dict(value="2026-W04-WE", start=D("2026-01-24"), end=D("2026-01-25"))),
    # durations
    ("en", "The talks lasted six months.", "six months",
     dict(type="DURATION", value="P6M", granularity="month", start=None, anchor=None)),
    ("en", "He cancelled it less than six months into his term.", "less than six months",
     dict(type="DURATION", value="P6M", mod="LESS_THAN")),
    ("en", "Output doubled over the past two years.", "the past two years",
     dict(type="DURATION", value="P2Y", start=D("2024-01-23"), end=A, relation="during")),
    ("en", "The project slipped by a year and a half.", "a year and a half", dict(type="DURATION", value="P18M")),
    ("en", "The trial is expected to last six weeks.", "six weeks", dict(type="DURATION", value="P6W")),
    ("en", "It started about a decade ago.", "about a decade ago", dict(value="2016", mod="APPROX")),
    # counts are read by the quantity code, with the number words of models/quantities/
    ("en", "He signed a two-year contract.", "two-year", dict(type="DURATION", value="P2Y")),
    ("en", "Prices rose over the past dozen years.", "the past dozen years", dict(type="DURATION", value="P12Y")),
    ("en", "The site was abandoned two hundred years ago.", "two hundred years ago", dict(value="1826")),
    ("en", "Talks could take a couple of weeks.", "a couple of weeks", dict(type="DURATION", value="P2W")),
    ("fr", "Le site est fermé depuis un demi-siècle.", "un demi-siècle", dict(type="DURATION", value="P50Y")),
    ("fr", "La garde à vue a duré soixante-douze heures.", "soixante-douze heures", dict(type="DURATION", value="PT72H")),
    # references, sets, clock times
    ("en", "The company is now profitable.", "now", dict(value="PRESENT_REF", start=A, end=A)),
    ("en", "Revenue is currently falling.", "currently", dict(value="PRESENT_REF")),
    ("en", "The firm recently cut jobs.", "recently", dict(value="PAST_REF", start=None, end=A)),
    ("en", "Prices have risen since 2023.", "2023", dict(value="2023", relation="since")),
    ("en", "EV sales will end as of July 2026.", "July 2026", dict(value="2026-07", relation="as_of")),
    ("en", "Emissions must be halved by 2030.", "2030", dict(value="2030", relation="by")),
    ("en", "The museum is closed on Mondays.", "on Mondays", dict(type="SET", value="XXXX-WXX-1")),
    ("en", "The report is published annually.", "annually", dict(type="SET", value="P1Y")),
    ("en", "Polls closed at 8 p.m. on Tuesday.", "8 p.m. on Tuesday", dict(type="TIME", value="2026-01-20T20:00")),
    ("en", "Polls closed at 8 p.m., the commission said on Tuesday.", "8 p.m.", dict(value="2026-01-20T20:00")),
    ("en", "The storm hit land this morning.", "this morning", dict(type="TIME", value="2026-01-22TMO")),
    ("en", "Voting ends at 10pm GMT on Thursday 5 March.", "10pm GMT on Thursday 5 March",
     dict(type="TIME", value="2026-03-05T22:00")),
    ("en", "Shops closed on Christmas Eve.", "Christmas Eve", dict(value="2025-12-24", relation="on")),
    ("en", "Last Christmas he was in Paris.", "Last Christmas", dict(value="2025-12-25")),
    ("en", "The results, due on Oct. 24, will show a loss.", "Oct. 24", dict(value="2026-10-24")),  # "due on"
    # French
    ("fr", "Comme l'ont rapporté les Échos le 21 janvier 2026, Ampere sera réintégré.", "le 21 janvier 2026",
     dict(value="2026-01-21", granularity="day")),
    ("fr", "Les Échos l'ont révélé le 21 janvier.", "le 21 janvier", dict(value="2026-01-21")),
    ("fr", "Le marché s'est retourné fin 2023.", "fin 2023",
     dict(value="2023", mod="END", start=D("2023-09-01"), end=D("2023-12-31"))),
    ("fr", "La production démarre début 2024.", "début 2024", dict(value="2024", mod="START", end=D("2024-04-30"))),
    ("fr", "Le modèle arrivera à l'été 2025.", "l'été 2025",
     dict(value="2025-SU", start=D("2025-06-01"), end=D("2025-08-31"), granularity="season", relation="during")),
    ("fr", "Les ventes ont chuté l'été dernier.", "l'été dernier", dict(value="2025-SU")),
    ("fr", "La filiale devait être cotée mi-2025.", "mi-2025", dict(value="2025", mod="MID")),
    ("fr", "Le bénéfice a doublé au troisième trimestre 2025.", "troisième trimestre 2025",
     dict(value="2025-Q3", granularity="quarter", relation="during")),
    ("fr", "Les ventes ont reculé au premier semestre 2024.", "premier semestre 2024", dict(value="2024-H1")),
    ("fr", "Le ministre a démissionné hier.", "hier", dict(value="2026-01-21")),
    ("fr", "Ampere a été créée en novembre 2023.", "novembre 2023", dict(value="2023-11", relation="during")),
    ("fr", "L'usine a prospéré dans les années 1990.", "les années 1990", dict(value="199", granularity="decade")),
    ("fr", "Le XXe siècle a vu naître le cinéma.", "Le XXe siècle", dict(value="19", granularity="century")),
    ("fr", "Les négociations ont duré six mois.", "six mois", dict(type="DURATION", value="P6M")),
    ("fr", "Il a renoncé moins de six mois après son élection.", "moins de six mois",
     dict(type="DURATION", value="P6M", mod="LESS_THAN")),
    ("fr", "Le chantier a duré un an et demi.", "un an et demi", dict(type="DURATION", value="P18M")),
    ("fr", "Les prix augmentent depuis 2023.", "2023", dict(value="2023", relation="since")),
    ("fr", "Le président est au pouvoir depuis sept ans.", "sept ans",
     dict(type="DURATION", value="P7Y", relation="since")),
    ("fr", "Le taux est actuellement de 7 %.", "actuellement", dict(value="PRESENT_REF")),
    ("fr", "Le parc sera électrique d'ici 2030.", "2030", dict(value="2030", relation="by")),
    ("fr", "Les aides sont maintenues jusqu'à fin 2025.", "fin 2025", dict(value="2025", mod="END", relation="until")),
    ("fr", "Les tarifs baissent à partir d'avril.", "avril", dict(value="2026-04", relation="since")),
    ("fr", "La règle s'applique dès 2024.", "2024", dict(relation="since")),
    ("fr", "La société a été fondée il y a trois ans.", "il y a trois ans", dict(value="2023")),
    ("fr", "Hier soir, vers 22 heures, un incendie s'est déclaré.", "vers 22 heures",
     dict(type="TIME", value="2026-01-21T22:00", mod="APPROX")),
    ("fr", "Les pertes se sont creusées à la fin de l'année dernière.", "la fin de l'année dernière",
     dict(value="2025", mod="END", start=D("2025-09-01"))),
    ("fr", "Les syndicats ont manifesté la semaine dernière.", "la semaine dernière", dict(value="2026-W03")),
    ("fr", "Le conseil se réunira jeudi prochain.", "jeudi prochain", dict(value="2026-01-29")),
    ("fr", "La réunion aura lieu lundi.", "lundi", dict(value="2026-01-26")),  # future tense
    ("fr", "La loi entrera en vigueur dans six mois.", "dans six mois", dict(value="2026-07", granularity="month")),
    ("fr", "La grève a commencé en décembre.", "décembre", dict(value="2025-12")),
    ("fr", "Le festival se tient chaque année.", "chaque année", dict(type="SET", value="P1Y")),
    ("fr", "Ce matin, la Bourse a ouvert en baisse.", "Ce matin", dict(type="TIME", value="2026-01-22TMO")),
    ("fr", "Fin mars, l'entreprise comptait 1 200 salariés.", "Fin mars", dict(value="2025-03", mod="END")),
    # a date that opens its clause takes the tense of the whole clause, a compound past with 'être' too (French dev)
    ("fr", "Le 29 juin, le gouvernement de coalition de droite s'est effondré.", "Le 29 juin",
     dict(value="2025-06-29")),
    ("fr", "Le 29 juin, deux hommes sont morts.", "Le 29 juin", dict(value="2025-06-29")),
    # one inside its clause does not take the tense of the main clause after it (TimeML French)
    ("fr", "Venu faire ses adieux aux troupes avant de quitter ses fonctions le 30 janvier, le général Kelche, chef "
           "d'état-major des armées, l'a rappelé hier.", "le 30 janvier", dict(value="2026-01-30")),
    ("fr", "Le procès a été reporté au 2 avril.", "2 avril", dict(value="2026-04-02", relation="on")),
    ("fr", "Les émissions ont baissé au cours des trois dernières années.", "trois dernières années",
     dict(type="DURATION", value="P3Y", start=D("2023-01-23"), end=A, relation="during")),
    ("fr", "La loi est entrée en vigueur le 31 décembre 2025 à minuit.", "minuit",
     dict(type="TIME", value="2025-12-31T24:00")),
    ("fr", "Les magasins étaient fermés à Noël.", "Noël", dict(value="2025-12-25")),
    ("fr", "Les prix du chauffage grimpent en hiver.", "hiver",
     dict(value="2025-WI", start=D("2025-12-01"), end=D("2026-02-28"), relation="during")),
    ("fr", "Le Président a parlé le 14-Juillet.", "le 14-Juillet", dict(value="2025-07-14")),
    # a weekday named with the date picks the year in which they agree, whatever the tense of the sentence
    ("en", "Powers will face a felony charge in the shooting death of a teenager last Thursday, January 15.",
     "Thursday, January 15", dict(value="2026-01-15")),
]


@pytest.mark.parametrize(("lang", "text", "expr", "expected"), ROWS, ids=[f"{r[0]}:{r[2]}" for r in ROWS])
def test_sentence(lang, text, expr, expected):
    s = span(lang, text, A, expr)
    got = {k: getattr(s, k) for k in expected}
    assert got == expected
    assert s.resolved
    assert text[s.start_char : s.end_char] == s.text


# ----------------------------------------------------------------------------------------------
# Not time expressions


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "May said she may resign."),  # the name and the verb, not the month
        ("en", "He was 45 years old when he took office."),
        ("en", "Prices may march higher."),
        ("fr", "Il a été élu sans surprise."),  # "été" the participle, not summer
        ("fr", "Le président, âgé de 47 ans, a parlé."),
        ("fr", "Alain Parmentier, 53 ans, employé de la société."),
        ("en", "The fund raised $2000 and 2,024 shares."),
        ("en", "The plant employed 2000 workers."),
        ("en", "Black Friday sales rose, as on Good Friday and Super Tuesday."),
        ("fr", "L'usine employait 2000 salariés."),
        ("en", "He arrived the day before the summit."),  # relative to the summit, not to the article date
        ("fr", "La veille du scrutin, il a parlé."),
        # a distal demonstrative refers back to the narrative's time, not to the article's (French dev texts)
        ("fr", "Plus tard cette année-là, il a pris la décision de déménager au Texas."),
        ("fr", "Ce soir-là, la police l'a arrêté devant chez lui."),
        ("fr", "Ce mardi-là, il pleuvait sur Paris."),
    ],
)
def test_no_time(lang, text):
    assert find_times(text, lang, A) == []


def test_range_is_two_spans():
    text = "Sales fell from 2023 to 2025, then rose."
    spans = find_times(text, "en", A)
    assert [(s.text, s.relation) for s in spans] == [("2023", "since"), ("2025", "until")]
    fr = find_times("Les travaux ont duré de janvier 2023 à juin 2024.", "fr", A)
    assert [(s.value, s.relation) for s in fr] == [("2023-01", "since"), ("2024-06", "until")]
    fr = find_times("Entre 2015 et 2020, la population a augmenté.", "fr", A)
    assert [(s.value, s.relation) for s in fr] == [("2015", "since"), ("2020", "until")]
    fr = find_times("Le musée est ouvert de 9 h à 18 h.", "fr", A)
    assert [(s.value, s.relation) for s in fr] == [("2026-01-22T09:00", "since"), ("2026-01-22T18:00", "until")]


@pytest.mark.parametrize(("lang", "text", "first"), [
    # the start of a range without a year takes the year of its end (the MEANTIME reading: 2008-09)
    ("en", "Prices rose between September and October of 2007.", "2007-09"),
    ("en", "The festival ran from December to February 2008.", "2007-12"),
    ("fr", "Les négociations ont eu lieu entre mai et juin 2003.", "2003-05"),
    ("en", "The fair was held from March 3 to March 5, 2007.", "2007-03-03"),
    # a start with its own year keeps it
    ("fr", "Les travaux ont duré de janvier 2023 à juin 2024.", "2023-01"),
])
def test_a_range_start_takes_the_year_of_its_end(lang, text, first):
    assert find_times(text, lang, A)[0].value == first


@pytest.mark.parametrize(("text", "span"), [
    # a demonstrative opens the next noun phrase; it is no deictic after a date (French dev texts)
    ("Le gouvernement a qualifié le 4 mars cette rumeur de fausse nouvelle.", "le 4 mars"),
    ("Le 4 mars dernier, le ministre a parlé.", "Le 4 mars dernier"),
])
def test_a_date_ends_before_a_demonstrative(text, span):
    assert [s.text for s in find_times(text, "fr", A)] == [span]


def test_two_digit_year_after_a_range():
    spans = find_times("The 1957-58 expedition reached the pole.", "en", A)
    assert [(s.text, s.value) for s in spans] == [("1957", "1957"), ("58", "1958")]


def test_clock_time_takes_the_day_of_its_sentence():
    text = "Trois rames ont essuyé des tirs dimanche après-midi. Les premiers tirs ont eu lieu vers 18 h 55."
    spans = find_times(text, "fr", date(2002, 4, 2))
    assert [s.value for s in spans] == ["2002-03-31TAF", "2002-03-31T18:55"]


@pytest.mark.parametrize(("lang", "text", "clock", "value"), [
    # a bare clock beside an afternoon, evening or night is past noon (GVA development articles) ...
    ("en", "The gunshots came just after 5:00 on that Saturday evening.", "5:00", "2016-07-30T17:00"),
    ("en", "The chief will hold a press conference at 3:30 this afternoon.", "3:30", "2016-08-03T15:30"),
    ("fr", "Le tireur a ouvert le feu vers 9 h 30 samedi soir.", "vers 9 h 30", "2016-07-30T21:30"),
    # ... not one that only shares its sentence with the evening
    ("en", "On Tuesday evening, police said the man had been shot at 3:00 in a parking lot.", "3:00",
     "2016-08-02T03:00"),
])
def test_a_bare_clock_beside_an_evening_is_past_noon(lang, text, clock, value):
    assert {s.text: s.value for s in find_times(text, lang, date(2016, 8, 3))}[clock] == value


# ----------------------------------------------------------------------------------------------
# Without an anchor


@pytest.mark.parametrize(
    ("lang", "text", "expr", "value"),
    [
        ("en", "Profits fell last year.", "last year", "XXXX"),
        ("en", "Sales slumped in January.", "January", "XXXX-01"),
        ("en", "The leaders met on Friday.", "Friday", "XXXX-WXX-5"),
        ("en", "The minister resigned yesterday.", "yesterday", "XXXX-XX-XX"),
        ("fr", "Les ventes ont chuté l'été dernier.", "l'été dernier", "XXXX-SU"),
        ("fr", "Le ministre a démissionné hier.", "hier", "XXXX-XX-XX"),
        ("fr", "La grève a commencé le 5 décembre.", "le 5 décembre", "XXXX-12-05"),
    ],
)
def test_relative_without_anchor_is_unresolved(lang, text, expr, value):
    s = span(lang, text, None, expr)
    assert (s.value, s.resolved, s.start, s.end, s.anchor) == (value, False, None, None, None)


@pytest.mark.parametrize(
    ("lang", "text", "expr", "value"),
    [
        ("en", "The report came out on January 21, 2026.", "January 21, 2026", "2026-01-21"),
        ("en", "De Meo left Renault in mid-2025.", "mid-2025", "2025"),
        ("en", "The talks lasted six months.", "six months", "P6M"),
        ("fr", "Ampere a été créée en novembre 2023.", "novembre 2023", "2023-11"),
    ],
)
def test_absolute_without_anchor_is_resolved(lang, text, expr, value):
    s = span(lang, text, None, expr)
    assert (s.value, s.resolved, s.anchor) == (value, True, None)


# ----------------------------------------------------------------------------------------------
# normalise_time


def test_normalise_time_short_spans():
    v = normalise_time("the summer of 2025", "en", A)
    assert (v.type, v.value, v.start, v.end, v.granularity) == ("DATE", "2025-SU", D("2025-06-01"), D("2025-08-31"), "season")
    assert normalise_time("2024", "en", A).granularity == "year"  # not today's month and day, as dateparser says
    assert normalise_time("January 2024", "en", A).value == "2024-01"
    assert normalise_time("au troisième trimestre 2025", "fr", A).value == "2025-Q3"


def test_normalise_time_falls_back_to_dateparser():
    v = normalise_time("22.03.2013", "en", A)
    assert (v.value, v.rule) == ("2013-03-22", "dateparser")
    assert normalise_time("the 99th day", "en", A).value is None  # dateparser's "1999" is not trusted


def test_normalise_time_unreadable_and_cached():
    v = normalise_time("the day", "en", A)
    assert (v.value, v.resolved) == (None, False)
    assert normalise_time("late 2023", "en", A) is normalise_time("late 2023", "en", A)


# ----------------------------------------------------------------------------------------------
# Offsets, apostrophes, model candidates


NEWS = [
    ("fr", "Un pilier de la stratégie «\u00a0Renaulution\u00a0» va s’effondrer, comme l’ont rapporté les Échos le 21 janvier "
     "2026. L’annulation de l’introduction en bourse (IPO) en 2024 avait été un signal. À l’été 2025, d’ici fin 2027."),
    ("en", "For a year and a half, the group announced its plans, and in November 2023 the time came. Renault's "
     "IPO was postponed in January 2024; in March 2025 Nissan was released, less than six months into his term."),
]


@pytest.mark.parametrize(("lang", "text"), NEWS)
def test_offsets_index_the_original_text(lang, text):
    spans = find_times(text, lang, A)
    assert spans
    for s in spans:
        assert text[s.start_char : s.end_char] == s.text
    assert spans == sorted(spans, key=lambda s: s.start_char)


def test_typographic_apostrophes():
    s = span("fr", "Le modèle arrivera à l’été 2025.", A, "l’été 2025")
    assert (s.value, s.relation) == ("2025-SU", "during")


def test_candidates_merge_with_rules():
    text = "The season started about a month earlier, in 2009-2010, when 48 children died."
    cands = [(text.index("about"), text.index(", in")), (text.index("2009"), text.index(", when")),
             (text.index("48"), text.index("48") + 2)]  # fmt: skip
    spans = find_times(text, "en", A, cands)
    assert [(s.text, s.value) for s in spans] == [("about a month", "P1M"), ("2009", "2009"), ("2010", "2010")]


def test_candidate_read_by_dateparser():
    text = "It was signed on 22.03.2013 in Paris."
    s0, e0 = text.index("22"), text.index(" in")
    spans = find_times(text, "en", A, [(s0, e0)])
    assert [(s.text, s.value, s.rule) for s in spans] == [("22.03.2013", "2013-03-22", "dateparser")]


# ----------------------------------------------------------------------------------------------
# Other languages


@pytest.mark.parametrize("lang", ["de", "xx", "zz", "es", ""])
def test_unknown_language_does_not_crash(lang):
    text = "Am 21. Januar 2026 um 15:30 sagte er, seit 2020 sei alles anders (21/01/2026)."
    spans = find_times(text, lang, A)
    assert ("2020", "2020") in [(s.text, s.value) for s in spans]
    assert all(text[s.start_char : s.end_char] == s.text for s in spans)
    normalise_time("21. Januar 2026", lang, A)


def test_unknown_language_borrows_month_names_from_dateparser():
    spans = find_times("Am 21. Januar 2026 begann die Reform.", "de", A)
    assert [(s.text, s.value) for s in spans] == [("21. Januar 2026", "2026-01-21")]


# ----------------------------------------------------------------------------------------------
# Data files


def _temporal_files() -> list[Path]:
    return sorted((bundled_models_dir() / "temporal").glob("*.json"))


@pytest.mark.parametrize("path", _temporal_files(), ids=lambda p: p.name)
def test_data_file_is_valid(path):
    lex = read_validated(path, TemporalLexicon)
    assert lex.lang == path.stem
    g = compile_grammar(lex)
    assert len(g.rules) == len(lex.rules)
    assert len({r.id for r in lex.rules}) == len(lex.rules), "rule ids are unique"


@pytest.mark.parametrize("path", _temporal_files(), ids=lambda p: p.name)
def test_rule_examples_match_their_rule_and_are_found(path):
    lang = path.stem
    g = grammar(lang)
    for cr in g.rules:
        for ex in cr.rule.examples:
            assert cr.regex.fullmatch(ex.lower()), f"{cr.rule.id} does not match its example {ex!r}"
            assert g.trigger_rx.search(ex.lower()), f"{cr.rule.id}: {ex!r} has no trigger word"
            assert find_times(f"« {ex} »", lang, A), f"{cr.rule.id}: {ex!r} is not found in text"


def test_an_added_models_folder_reaches_every_cache(tmp_path, monkeypatch):
    """A quantity file in an added models folder overrides the bundled one, for time expressions too: the caches
    built from it (quantity lexicon, grammar, counts, resolutions) are all cleared by `clear_caches`."""
    text = "The repairs took a handful of weeks."
    assert [s.text for s in find_times(text, "en", A)] == []
    data = json.loads((bundled_models_dir() / "quantities" / "en.json").read_text(encoding="utf-8"))
    data["count_phrases"]["a handful of"] = 3
    (tmp_path / "quantities").mkdir()
    (tmp_path / "quantities" / "en.json").write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(resources, "_EXTRA_DIRS", [])
    try:
        resources.add_models_dir(tmp_path)
        assert [(s.text, s.value) for s in find_times(text, "en", A)] == [("a handful of weeks", "P3W")]
    finally:
        resources.clear_caches()


def test_data_errors_are_one_clear_line(tmp_path):
    data = json.loads((bundled_models_dir() / "temporal" / "en.json").read_text(encoding="utf-8"))
    data["colour"] = "blue"
    bad = tmp_path / "en.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ResourceError, match=r"en\.json: colour: Extra inputs are not permitted"):
        read_validated(bad, TemporalLexicon)
    data.pop("colour")
    data["rules"][0]["pattern"] = "{month} {month}"
    with pytest.raises(ResourceError, match="used twice"):
        compile_grammar(TemporalLexicon.model_validate(data))
    data["rules"][0]["pattern"] = "{nosuchslot}"
    with pytest.raises(ResourceError, match="unknown slot"):
        compile_grammar(TemporalLexicon.model_validate(data))
