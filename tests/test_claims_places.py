"""A claim's places: the place-type entities its sentence governs by a preposition of place, never its actors."""

from __future__ import annotations

from datetime import date

import pytest

from claimx.claims.context import DocContext
from claimx.nlp.pipelines import get_pipeline


def places_of(lang: str, text: str, frame: str) -> list[str]:
    nlp = get_pipeline(lang)
    doc = nlp.make_doc(text)
    doc._.cx = DocContext(doc_id="t", lang=lang, published=date(2016, 6, 20))
    [claim] = [c for c in nlp(doc)._.claims if c.predicate.frame == frame]
    return [p.text for p in claim.places]


@pytest.mark.parametrize("lang, text, frame, expected", [
    ("en", "Nine people were injured in a shooting in Baton Rouge on Sunday.", "injure", ["Baton Rouge"]),
    ("en", "A man was killed near Fresno early Saturday, deputies said.", "kill", ["Fresno"]),
    ("fr", "Deux personnes ont été blessées à Villeurbanne dimanche soir.", "injure", ["Villeurbanne"]),
])
def test_a_place_governed_by_a_preposition_of_place_is_where_the_claim_happens(lang, text, frame, expected):
    assert places_of(lang, text, frame) == expected


@pytest.mark.parametrize("lang, text, frame", [
    ("en", "Boston will cut 300 jobs at its plants.", "cut_jobs"),  # the subject, whatever its label
    ("en", "He left the bank to become chief executive of Toulouse.", "appoint"),  # "of" is no place
])
def test_an_actor_or_a_name_after_of_is_no_place(lang, text, frame):
    assert places_of(lang, text, frame) == []
