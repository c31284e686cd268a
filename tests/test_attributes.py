"""`claimx_attribute_rules`: spaCy's attribute ruler, the same rules with array operations, the same attributes."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from claimx.nlp.attributes import ArrayAttributeRuler
from claimx.nlp.pipelines import base_pipeline, get_pipeline

TEXTS = {
    "en": ["Y'all gonna see: it ain't nothin' new, and he gets what he got.\n\nPolice said two men were shot "
           "on Monday in Houston; the suspect, 35, was arrested.", "GOTTA GO.  Ain't   it?", "a", ""],
    "fr": ["Le constructeur a annulé l'introduction en bourse d'Ampere en janvier 2024, selon Les Échos.\n\n"
           "Il n'y aurait pas de suppressions d'emplois.", "Bonjour   !"],
}


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_the_same_attributes_as_spacys_attribute_ruler(lang):
    nlp = base_pipeline(lang)
    ruler = nlp.get_pipe("attribute_ruler")
    fast = ArrayAttributeRuler(nlp)
    fast.add_rules(ruler)
    before = [name for name, _ in nlp.pipeline][: nlp.pipe_names.index("attribute_ruler")]
    for text in TEXTS[lang]:
        doc = nlp(text, disable=[n for n in nlp.pipe_names if n not in before])
        theirs, ours = ruler(doc.copy()), fast(doc.copy())
        assert (theirs.to_array([POS, TAG, MORPH, LEMMA, DEP]) == ours.to_array([POS, TAG, MORPH, LEMMA, DEP])).all()
        assert [str(t.morph) for t in theirs] == [str(t.morph) for t in ours]


def test_claimx_pipelines_use_it_under_the_rulers_name():
    for lang in TEXTS:
        assert isinstance(get_pipeline(lang).get_pipe("attribute_ruler"), ArrayAttributeRuler)
