"""Normalised processing text keeps a map back to the original characters."""

from __future__ import annotations

import unicodedata

import pytest

from claimx.common.text import line_spans, normalise


@pytest.mark.parametrize(
    "original, expected",
    [
        ("l’été dernier", "l'été dernier"),
        ("« Pure Player » d’Ampere", "« Pure Player » d'Ampere"),
        ("“quoted” text", '"quoted" text'),
        ("11\u202f000 salariés", "11 000 salariés"),
    ],
)
def test_folds_keep_offsets(original, expected):
    norm = normalise(original)
    assert norm.text == expected and norm.origin is None
    assert norm.to_orig(3) == 3 and norm.to_orig_end(len(expected)) == len(original)


def test_nfc_composition_maps_back():
    original = "Le re\u0301sultat de l\u2019e\u0301lection"  # decomposed accents
    norm = normalise(original)
    assert norm.text == unicodedata.normalize("NFC", original).replace("\u2019", "'")
    i = norm.text.index("élection")
    s, e = norm.to_orig(i), norm.to_orig_end(i + len("élection"))
    assert unicodedata.normalize("NFC", original[s:e]) == "élection"
    assert original[norm.to_orig(0) : norm.to_orig_end(2)] == "Le"


def test_line_spans_trim_and_skip_blank_lines():
    text = "---\nfront\n---\n  Headline  \n\nBody line.\r\n"
    spans = line_spans(text, start=14)
    assert [text[s:e] for s, e in spans] == ["Headline", "Body line."]
