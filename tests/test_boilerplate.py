"""Boilerplate stripping: what goes, what stays, and why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimx import resources
from claimx.ingest.boilerplate import BoilerplateLexicon, find_templates, strip, template_key
from claimx.schemas import Paragraph
from claimx.common.text import line_spans

DATA = Path(__file__).parent / "data" / "boilerplate"
CORPUS = Path(__file__).parent.parent / "corpus"


def paragraphs(text: str, lang: str | None) -> list[Paragraph]:
    return [Paragraph(start=s, end=e, lang=lang, inherited=True) for s, e in line_spans(text)]


def removed_lines(text: str, lang: str | None, **kw) -> dict[str, str]:
    """{removed line: reason}."""
    return {text[r.start : r.end]: r.reason for r in strip(text, paragraphs(text, lang), lang, **kw)}


def load_fixture(name: str) -> tuple[str, list[str], list[str]]:
    """The fixture's text, the lines to keep and the lines to remove (see data/boilerplate/README.md)."""
    text_lines, keep, remove = [], [], []
    for raw in (DATA / name).read_text(encoding="utf-8").splitlines():
        tag, line = raw[:3], raw[3:]
        assert tag in ("K| ", "R| ", "?| ") or raw in ("K|", "R|"), f"{name}: bad tag in {raw!r}"
        text_lines.append(line)
        if line.strip():
            {"K| ": keep, "R| ": remove}.get(tag, []).append(line)
    return "\n".join(text_lines) + "\n", keep, remove


FIXTURES = sorted(p.name for p in DATA.glob("*.txt"))


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_keeps_article_and_removes_boilerplate(name):
    lang = name[:2]
    text, keep, remove = load_fixture(name)
    gone = removed_lines(text, lang)
    wrongly_removed = {line: gone[line] for line in keep if line in gone}
    missed = [line for line in remove if line not in gone]
    assert not wrongly_removed, f"article text removed: {wrongly_removed}"
    assert not missed, f"boilerplate kept: {missed}"


# ----------------------------------------------------------------------------------------------
# The two seed articles


def test_seed_fr_promo_tail_removed_body_kept():
    path = next(CORPUS.glob("000_*.txt"))
    text = path.read_text(encoding="utf-8")
    gone = removed_lines(text, "fr")
    start = text.index("+ rapide, + pratique, + exclusif")
    body = [line for line in text[:start].splitlines() if line.strip()]
    tail = [line for line in text[start:].splitlines() if line.strip()]
    assert all(line in gone for line in tail)
    assert not [line for line in body if line in gone]
    assert "Aucune perte d’emploi chez Renault" in body


def test_seed_en_kicker_and_credit_removed():
    path = next(CORPUS.glob("004_*.txt"))
    text = path.read_text(encoding="utf-8")
    gone = removed_lines(text, "en")
    assert gone == {"RENAULT": "kicker", "Autonews": "credit"}


# ----------------------------------------------------------------------------------------------
# Lexicon entries: promo lines go, article sentences that share their words stay


@pytest.mark.parametrize(
    ("lang", "line", "reason"),
    [
        ("en", "Advertisement", "lexicon:en.advertisement"),
        ("en", "Story continues below advertisement", "lexicon:en.story-continues"),
        ("en", "Read more: Banks brace for a slower year", "lexicon:en.read-more-link"),
        ("en", "Photo: Jane Doe/Reuters", "lexicon:en.photo-credit"),
        ("en", "(Photo by John Smith/Getty Images)", "lexicon:en.photo-credit"),
        ("en", "A firefighter at work on Monday. (Photo by John Smith/Getty Images)", "lexicon:en.photo-by"),
        ("en", "You have read 3 of your 5 free articles this month.", "lexicon:en.paywall-count"),
        ("en", "Already a subscriber? Log in", "lexicon:en.already-subscriber"),
        ("en", "Follow us on Google News", "lexicon:en.follow-us"),
        ("en", "Copyright 2025 The Daily Herald. All rights reserved.", "lexicon:en.rights-reserved"),
        ("en", "Please disable your ad   blocker to keep reading.", "lexicon:en.ad-blocker"),  # a phrase entry
        ("fr", "Publicité", "lexicon:fr.publicite"),
        ("fr", "Lire aussi : Les dix dates qui ont marqué l'année", "lexicon:fr.lire-aussi-lien"),
        ("fr", "Abonnez-vous pour lire la suite", "lexicon:fr.abonnement"),
        ("fr", "Vous avez lu 3 articles ce mois-ci", "lexicon:fr.article-reserve"),
        ("fr", "Crédit photo : Jean Dupont / AFP", "lexicon:fr.credit-photo"),
        ("fr", "Ajoutez Le Journal à votre écran d'accueil", "lexicon:fr.application"),
        ("fr", "Suivez Le Journal sur Google Actualités", "lexicon:fr.suivez"),
        ("fr", "© Le Journal 2025 - Tous droits réservés", "lexicon:fr.droits"),
        ("de", "Anzeige", "lexicon:de.anzeige"),
        ("de", "Lesen Sie auch: Die Bahn erhöht die Preise", "lexicon:de.lesen-sie-auch-link"),
        ("es", "Publicidad", "lexicon:es.publicidad"),
        ("it", "Leggi anche: Il governo approva la manovra", "lexicon:it.leggi-anche-link"),
        # a related video's duration and headline (GVA development articles)
        ("en", "1:37 Ex-boyfriend of missing Kara Kopetsky faces questions in Raymore woman's disappearance",
         "lexicon:xx.video-teaser"),
        ("en", "0:43 Homeless man found dead in Parkland; suspect arrested Pause", "lexicon:xx.video-teaser"),
        # a photo gallery's captions, one of them another story's headline (GVA development article)
        ("en", "Candace Cormier and her son, Jeremiah, were described as inseparable. Their bodies were found last week "
               "in their home. Photo: Courtesy Photo Husband suspected of slaying wife and son dies in hospital 1 / 1 "
               "Back to Gallery", "lexicon:en.gallery-caption"),
    ],
)
def test_promo_line_removed_with_its_entry(lang, line, reason):
    text = f"{line}\n"
    assert removed_lines(text, lang) == {line: reason}


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "Customers can sign up for the service from March, the company said."),
        ("en", "Netflix raised prices for subscribers in the United States and Canada."),
        ("en", "The regulator fined the company for forcing users to accept cookies."),
        ("en", "The ad-free tier costs $15.49 a month, the company said on Tuesday."),
        ("en", "Inspectors will get full access to the site next week."),
        ("en", "Sweden wants to become a member of the alliance by the summer."),
        ("en", "Millions follow Musk on X, where he posts dozens of times a day."),
        ("en", "The app's newsletter feature was removed in the update."),
        ("fr", "Les clients peuvent s'abonner dès le mois de mars, selon l'opérateur."),
        ("fr", "La CNIL reproche au site d'obliger les internautes à accepter les cookies."),
        ("fr", "Netflix lance une offre sans publicité moins chère."),
        ("fr", "L'offre coûte 9,99 euros par mois sans engagement, a précisé l'opérateur."),
        ("fr", "Le service est réservé aux abonnés de Canal+ depuis 2023."),
        ("fr", "« Nous ne lâcherons rien », a lancé la secrétaire générale du syndicat."),
        ("en", "Copyright lawsuits against AI companies are piling up."),
        ("en", '"We never used cookies for advertising," the chief executive said.'),
        ("en", '"We have two million subscribers," she said.'),
        ("fr", "L'application mobile de la SNCF est disponible depuis mardi."),
        ("fr", "« Notre journalisme est menacé », a dit le directeur de la rédaction."),
        ("en", "What's next"),
        ("en", "In other news"),
        ("en", "10:30 Police said the suspect fled on foot."),  # a live blog's entry: a clock time, a sentence
        ("en", "9:15 pm Officers arrived at the scene"),
    ],
)
def test_article_sentence_sharing_promo_words_kept(lang, line):
    text = (
        "The company reported a rise in quarterly revenue on Tuesday, helped by strong demand in Asia.\n"
        f"{line}\n"
        "Analysts had expected a smaller increase, according to a poll of economists by the news agency.\n"
    )
    assert line not in removed_lines(text, lang)


# ----------------------------------------------------------------------------------------------
# Shape rules: kicker and credit


@pytest.mark.parametrize(
    ("first", "removed"),
    [
        ("POLITIQUE", True),
        ("ÉCONOMIE | SOCIAL", True),
        ("PARIS —", False),  # a dateline, not a rubric
        ("Politique", False),  # not all capitals
        ("THE GOVERNMENT FALLS AFTER CONFIDENCE VOTE", False),  # an all-caps headline is long
    ],
)
def test_kicker_only_a_short_caps_rubric_above_a_headline(first, removed):
    text = (
        f"{first}\nLe gouvernement annonce un plan d'économies\n"
        "Le gouvernement a présenté mardi un plan d'économies de 40 milliards d'euros pour l'an prochain, "
        "qui doit permettre de réduire le déficit public sous la barre des 5 % du PIB.\n"
    )
    assert (removed_lines(text, "fr").get(first) == "kicker") is removed


def test_caps_line_directly_above_the_body_is_a_headline_not_a_kicker():
    text = (
        "BREXIT\nBritain and the EU agreed on Monday to extend talks on fishing rights until the end of the "
        "year, officials from both sides said after a meeting in Brussels that lasted late into the night.\n"
    )
    assert removed_lines(text, "en") == {}


@pytest.mark.parametrize(
    ("lang", "last", "removed"),
    [
        ("en", "AFP", True),
        ("en", "Reuters", True),
        ("fr", "Le Figaro avec AFP", True),
        ("en", "— The Daily Herald", True),
        ("en", "By Jane Porter and Tom Weiss", True),
        ("en", "Reporting by the team.", False),  # a sentence
        ("en", "Key dates:", False),  # a heading
        ("en", "See the full list at page 4", False),  # lower-case words, a figure
        ("en", "“Never again”", False),  # a quote
        ("en", "Le Figaro avec AFP", False),  # "avec" is no English connector
    ],
)
def test_credit_is_a_lone_name_closing_the_text(lang, last, removed):
    text = (
        "The board approved the merger on Friday after months of talks with regulators in Brussels and "
        "Washington, the two companies said in a joint statement.\n"
        f"{last}\n"
    )
    assert (removed_lines(text, lang).get(last) == "credit") is removed


def test_credit_shape_only_at_the_end():
    text = (
        "Reuters\nThe board approved the merger on Friday after months of talks with regulators in Brussels "
        "and Washington, the two companies said in a joint statement.\nShares rose 3% in early trading.\n"
    )
    assert "Reuters" not in removed_lines(text, "en")


# ----------------------------------------------------------------------------------------------
# Context and tail


BODY_EN = (
    "The government unveiled a plan on Monday to build 300,000 homes a year, the most since the 1970s, "
    "with new towns planned on the edges of several large cities.\n"
    "Ministers said the plan would be paid for by a mix of public borrowing and private investment, and "
    "that planning rules would be eased to speed up construction.\n"
)


def test_short_heading_before_text_kept_short_line_between_promo_removed():
    text = (
        "What happens next\n" + BODY_EN + "Newsletter\nThe morning briefing\nSign up for our newsletter\n"
    )
    gone = removed_lines(text, "en")
    assert "What happens next" not in gone
    assert "The morning briefing" in gone


def test_promo_block_early_in_text_does_not_open_the_tail():
    text = "Subscribe\n" + BODY_EN + "Officials said details would follow.\n"
    gone = removed_lines(text, "en")
    assert list(gone) == ["Subscribe"]


def test_article_resumes_after_mid_article_promo():
    text = BODY_EN + "Sign up for our newsletter\n" + BODY_EN.replace("Monday", "Tuesday")
    gone = removed_lines(text, "en")
    assert list(gone) == ["Sign up for our newsletter"]


def test_paragraph_language_lexicon_applies_in_other_language_document():
    text = (
        "Le gouvernement a présenté mardi un plan d'économies de 40 milliards d'euros pour l'an prochain.\n"
        "Subscribe now\n"
    )
    paras = paragraphs(text, "fr")
    paras[1] = paras[1].model_copy(update={"lang": "en", "inherited": False})
    assert [r.reason for r in strip(text, paras, "fr")] == ["lexicon:en.subscribe"]


def test_unknown_or_missing_language_falls_back_to_shape_rules():
    text = "ДРУГОЕ\nЗаголовок статьи\n" + "Текст статьи о событиях недели, очень длинный абзац. " * 4 + "\n"
    assert [r.reason for r in strip(text, paragraphs(text, "ru"), "ru")] == ["kicker"]
    assert strip(text, paragraphs(text, None), None) == strip(text, paragraphs(text, "ru"), "ru")


def test_offsets_point_into_the_original_text():
    text = "  Advertisement  \r\n" + BODY_EN
    (removal,) = strip(text, paragraphs(text, "en"), "en")
    assert text[removal.start : removal.end] == "Advertisement"


def test_short_article_sentence_next_to_promo_kept():
    text = "Bridge reopens\nThe bridge reopened to traffic on Sunday after repairs.\nSubscribe now\n"
    assert removed_lines(text, "en") == {"Subscribe now": "lexicon:en.subscribe"}


def test_empty_input():
    assert strip("", [], "en") == []


# ----------------------------------------------------------------------------------------------
# Templates


def test_find_templates_same_source_only():
    docs = [
        ("site-a", "Story one\nSee our 12 offers today\nText one."),
        ("site-a", "Story two\nSee our 3 offers today\nText two."),
        ("site-a", "Story three\nsee our 7 offers today\nText three."),
        ("site-b", "See our 5 offers today"),
        (None, "Story one"),
        (None, "Story one"),
    ]
    assert find_templates(docs) == frozenset({template_key("See our 0 offers today")})
    assert find_templates(docs, min_docs=4) == frozenset()


def test_repeated_article_sentence_is_not_a_template():
    sentence = "The company did not respond to a request for comment on Monday."
    docs = [("wire", f"Headline {i}\n{sentence}") for i in range(5)]
    assert template_key(sentence) not in find_templates(docs)


def test_template_lines_removed():
    text = BODY_EN + "See our 12 offers today\n"
    templates = frozenset({template_key("See our 3 offers today")})
    assert removed_lines(text, "en", templates=templates) == {"See our 12 offers today": "template"}


# ----------------------------------------------------------------------------------------------
# Data files


def test_every_boilerplate_file_validates():
    files = resources.find_files("boilerplate", "*.json")
    assert {p.stem for p in files} >= {"en", "fr", "xx"}
    for path in files:
        lexicon = resources.read_validated(path, BoilerplateLexicon)
        assert lexicon.lang == path.stem


@pytest.mark.parametrize(
    "bad",
    [
        {"lang": "en", "entries": [{"id": "x", "phrase": "a", "colour": "red"}]},  # unknown field
        {"lang": "en", "entries": [{"id": "x", "pattern": "(unclosed"}]},  # regex does not compile
        {"lang": "en", "entries": [{"id": "x"}]},  # neither pattern nor phrase
        {"lang": "en", "entries": [{"id": "x", "phrase": "a"}, {"id": "x", "phrase": "b"}]},  # duplicate id
        {"lang": "en", "entries": [{"id": "Bad Id", "phrase": "a"}]},
    ],
)
def test_lexicon_schema_rejects(bad, tmp_path):
    path = tmp_path / "en.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(resources.ResourceError):
        resources.read_validated(path, BoilerplateLexicon)
