"""Entity canonicalisation: mention keys, joins within and across documents, fuzzy merging, alias data."""

from __future__ import annotations

import json

import pytest

from claimx.common.text import fold
from claimx.reconcile.aliases import AliasFile, load_aliases
from claimx.reconcile.canon import canonical_id, canonicalise, display_name
from claimx.reconcile.participants import NamedEntities
from claimx.resources import find_files, read_validated
from claimx.schemas import Claim


def _claim(cid: str, doc: str, subject: tuple[str, str | None] | None, obj: tuple[str, str | None] | None = None,
           lang: str = "en") -> Claim:
    sentence = " ".join(e[0] for e in (subject, obj) if e) + " did it."
    return Claim.model_validate({
        "id": cid, "doc_id": doc, "lang": lang,
        "subject": {"text": subject[0], "label": subject[1]} if subject else None,
        "object": {"text": obj[0], "label": obj[1]} if obj else None,
        "predicate": {"lemma": "do", "text": "did"},
        "evidence": {"sentence": sentence, "start": 0, "end": len(sentence)}, "rule": "test", "confidence": 1.0,
    })


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("Renault", "ORG", "renault"),
    ("Renault SA", "ORG", "renault"),
    ("Renault Group", "ORG", "renault"),
    ("the Renault Group", "ORG", "renault"),
    ("Renault Group's", "ORG", "renault"),
    ("Renault’s", "ORG", "renault"),
    ("le groupe Renault", "ORG", "renault"),
    ("Groupe Renault", "ORG", "renault"),
    ("RENAULT", "ORG", "renault"),
    ("Renault 5", "PRODUCT", "renault_5"),
    ("Renault 4", "ORG", "renault_4"),
    ("d'Ampère", "ORG", "ampere"),
    ("d’Ampere", "MISC", "ampere"),
    ("l'Alliance", "ORG", "alliance"),
    ("L'Oréal", "ORG", "l_oreal"),  # a capital L' is part of the name, not an elision
    ("D'Angelo Russell", "PERSON", "d_angelo_russell"),
    ("François Provost", "PER", "francois_provost"),
    ("Francois Provost", "PERSON", "francois_provost"),
    ("M. Provost", "PER", "provost"),
    ("Mitsubishi Motors'", "ORG", "mitsubishi_motors"),
    ("Volkswagen AG", "ORG", "volkswagen"),
    ("S.A.", "ORG", "s_a"),  # never stripped down to nothing
    ("Œuvre Sociale", "ORG", "oeuvre_sociale"),
    ("Straße GmbH", "ORG", "strasse"),
    ("UE", "ORG", "european_union"),
    ("Union européenne", "ORG", "european_union"),
    ("EU", "ORG", "european_union"),
    ("États-Unis", "GPE", "united_states"),
    ("United States", "LOC", "united_states"),
    ("US", "GPE", "united_states"),
    ("us", None, "us"),  # a lower-case noun phrase is never an alias: the pronoun is not the country
    ("Us", None, "us"),  # ... nor a word an acronym folds to, unless written in capitals (French dev texts)
    ("l'ONU", "ORG", "united_nations"),
    ("the company", "NP", "company"),
    ("its planned IPO", None, "planned_ipo"),
])
def test_canonical_id(text: str, label: str | None, expected: str) -> None:
    assert canonical_id(text, label) == expected


@pytest.mark.parametrize(("text", "label", "expected"), [
    ("the Renault Group's", "ORG", "Renault"),
    ("le groupe Renault", "ORG", "Renault"),
    ("d'Ampère", "ORG", "Ampère"),
    ("François Provost", "PER", "François Provost"),
    ("l'introduction en bourse (IPO)", None, "introduction en bourse (IPO)"),
])
def test_display_name(text: str, label: str | None, expected: str) -> None:
    assert display_name(text, label) == expected


def test_fold() -> None:
    assert fold("Élysée") == "elysee"
    assert fold("Œuvre’s") == "oeuvre's"
    assert fold("RENAULT") == "renault"


def _canon(rows: list[tuple[str, str, tuple[str, str | None]]]) -> dict[str, str]:
    claims = [_claim(cid, doc, ent) for cid, doc, ent in rows]
    return {c.id: c.subject.canonical for c in canonicalise(claims)}


def test_surname_joins_full_name_within_document() -> None:
    got = _canon([
        ("1", "a", ("François Provost", "PER")),
        ("2", "a", ("Provost", "PER")),
        ("3", "a", ("Luca de Meo", "PERSON")),
        ("4", "a", ("De Meo", "PERSON")),
        ("5", "a", ("M. Provost", "PER")),
    ])
    assert got == {"1": "francois_provost", "2": "francois_provost", "3": "luca_de_meo", "4": "luca_de_meo",
                   "5": "francois_provost"}


def test_surname_shared_by_two_people_stays_apart() -> None:
    got = _canon([
        ("1", "a", ("Marine Le Pen", "PER")),
        ("2", "a", ("Jean-Marie Le Pen", "PER")),
        ("3", "a", ("Le Pen", "PER")),
    ])
    assert got["3"] == "le_pen"


def test_organisation_never_joins_a_person_by_surname() -> None:
    got = _canon([("1", "a", ("Louis Renault", "PER")), ("2", "a", ("Renault", "ORG"))])
    assert got == {"1": "louis_renault", "2": "renault"}


def test_surname_resolved_across_documents() -> None:
    got = _canon([
        ("1", "a", ("François Provost", "PER")),
        ("2", "a", ("Provost", "PER")),
        ("3", "b", ("Provost", "PERSON")),
    ])
    assert got["3"] == "francois_provost"


def test_acronym_joins_its_long_form() -> None:
    got = _canon([
        ("1", "a", ("Autorité des marchés financiers", "ORG")),
        ("2", "a", ("AMF", "ORG")),
        ("3", "b", ("AMF", "ORG")),
    ])
    assert set(got.values()) == {"autorite_des_marches_financiers"}


def test_same_entity_across_languages_and_spellings() -> None:
    got = _canon([
        ("1", "en", ("Renault SA", "ORG")),
        ("2", "fr", ("le groupe Renault", "ORG")),
        ("3", "fr", ("Ampère", "ORG")),
        ("4", "en", ("Ampere's", "ORG")),
        ("5", "en", ("Francois Provost", "PERSON")),
        ("6", "fr", ("François Provost", "PER")),
    ])
    assert got["1"] == got["2"] == "renault"
    assert got["3"] == got["4"] == "ampere"
    assert got["5"] == got["6"] == "francois_provost"


@pytest.mark.parametrize(("a", "b", "merged"), [
    (("Volodymyr Zelensky", "PER"), ("Volodymyr Zelenskyy", "PERSON"), True),
    (("Mitsubishi Motor", "ORG"), ("Mitsubishi Motors", "ORG"), True),
    (("Renault 4", "PRODUCT"), ("Renault 5", "PRODUCT"), False),  # numbers differ
    (("Jean Dupont", "PER"), ("Jean Dupond", "PER"), False),  # two people, one letter apart
    (("Zelensky", "PER"), ("Zelensky", "ORG"), True),  # the same key needs no fuzzy match
    (("Kestrel Motors", "ORG"), ("Kestrel Motorz", "PER"), False),  # fuzzy only within one coarse type
    (("Austria", "GPE"), ("Australia", "GPE"), False),
])
def test_fuzzy_merge(a: tuple[str, str], b: tuple[str, str], merged: bool) -> None:
    # Several mentions of the first spelling make it the representative, as in a real corpus.
    got = _canon([("1", "x", a), ("2", "y", a), ("3", "z", b)])
    assert (got["1"] == got["3"]) is merged
    assert got["1"] == canonical_id(*a)


def test_canonicalise_is_pure_and_order_free() -> None:
    claims = [_claim("1", "a", ("François Provost", "PER")),
              _claim("2", "a", ("Provost", "PER"), ("Renault SA", "ORG")),
              _claim("3", "b", ("Provost", "PER"))]
    before = [c.model_dump_json() for c in claims]
    out = canonicalise(claims)
    assert [c.model_dump_json() for c in claims] == before
    assert all(c.subject.canonical is None for c in claims)
    assert out[1].object.canonical == "renault"
    reverse = {c.id: c.model_dump_json() for c in canonicalise(claims[::-1])}
    assert {c.id: c.model_dump_json() for c in out} == reverse
    for c in out:  # copies are complete, valid records
        assert Claim.model_validate_json(c.model_dump_json()) == c


def test_claims_jsonl_records_carry_the_ids_canonicalise_gives() -> None:
    from claimx.reconcile.canon import canonical_records, resolve

    claims = [_claim("1", "a", ("François Provost", "PER")),
              _claim("2", "a", ("Provost", "PER"), ("Renault SA", "ORG")),
              _claim("3", "b", ("Provost", "PER")), _claim("4", "b", ("the company", None))]
    claims.append(claims[3].model_copy(update={"id": "5", "subject": None}))
    before = [c.model_dump_json() for c in claims]
    ids = resolve(claims)
    assert list(canonical_records(claims, ids)) == [c.model_dump(mode="json") for c in canonicalise(claims, ids=ids)]
    assert [c.model_dump_json() for c in claims] == before  # nothing copied, nothing changed


def test_gazetteer_finds_names_inside_noun_phrases() -> None:
    claims = canonicalise([
        _claim("1", "a", ("Renault", "ORG"), ("Ampere", "ORG")),
        _claim("2", "a", ("Renault 5", "PRODUCT")),
        _claim("3", "b", ("the IPO of Ampere", None)),
        _claim("4", "b", ("Renault's electric vehicle unit", None)),
        _claim("5", "b", ("the Renault 5", None)),
        _claim("6", "b", ("Renault Trucks", None)),
        _claim("7", "b", ("the Ampere IPO", None)),
        _claim("8", "b", ("a man", None)),
        _claim("9", "b", ("IPO", "ORG")),  # a common noun the model labelled
        _claim("10", "b", ("le groupe", "ORG")),
        # a sentence's first article is no acronym: "Un" is not the UN (French dev texts)
        _claim("11", "b", ("Un tribunal administratif", None)),
        _claim("12", "b", ("une résolution de l'ONU", None)),
    ])
    named = NamedEntities(claims)
    got = {c.id: named.participants(c.subject) for c in claims}
    assert got == {"1": ("renault",), "2": ("renault_5",), "3": ("ampere",), "4": ("renault",), "5": ("renault_5",),
                   "6": (), "7": ("ampere",), "8": (), "9": (), "10": (), "11": (), "12": ("united_nations",)}


def test_every_alias_file_validates() -> None:
    files = find_files("aliases", "*.json")
    assert files
    for path in files:
        data = read_validated(path, AliasFile)
        ids = [a.id for a in data.aliases]
        assert len(ids) == len(set(ids)), f"{path}: an alias id is declared twice"


def test_user_alias_folder_extends_the_table(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "aliases"
    folder.mkdir()
    (folder / "mine.json").write_text(json.dumps({"aliases": [
        {"id": "renault", "type": "ORG", "names": ["Régie Renault", "la Régie"]},
    ]}), encoding="utf-8")
    monkeypatch.setenv("CLAIMX_MODELS", str(tmp_path))
    assert canonical_id("la Régie", "ORG") == "renault"
    assert canonical_id("Régie Renault", "ORG") == "renault"
    assert canonical_id("Renault SA", "ORG") == "renault"  # the bundled lists still apply
    monkeypatch.delenv("CLAIMX_MODELS")
    assert canonical_id("la Régie", "ORG") == "regie"
    assert load_aliases() is load_aliases()  # cached per set of folders
