"""Language detection with langdetect, seeded so that the same text always gets the same answer.

Per document and per paragraph, with probabilities. A short paragraph (fewer than `SHORT_LETTERS` letters)
inherits the document's language unless the detector is very sure (`SURE`) of another one and the paragraph has
at least `SURE_MIN_LETTERS` letters: langdetect reports near-certainty even on a lone word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from claimx.schemas import Paragraph

SHORT_LETTERS = 40
SURE = 0.999
SURE_MIN_LETTERS = 20  # langdetect reports ~1.0 on a lone word; below this even "sure" is not believed
_SAMPLE_CHARS = 4000  # enough letters for a stable document verdict; keeps long articles fast


@dataclass(frozen=True)
class LangGuess:
    lang: str | None
    prob: float


@cache
def _seeded() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


def detect(text: str) -> LangGuess:
    """Most probable language of `text` (ISO 639-1, e.g. 'en', 'fr', 'zh') with its probability."""
    from langdetect import detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    if not any(ch.isalpha() for ch in text):
        return LangGuess(None, 0.0)
    _seeded()
    try:
        langs = detect_langs(text)
    except LangDetectException:
        return LangGuess(None, 0.0)
    if not langs:
        return LangGuess(None, 0.0)
    best = langs[0]
    return LangGuess(best.lang.split("-")[0], round(best.prob, 4))


def letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def detect_document(text: str, spans: list[tuple[int, int]] | None = None) -> LangGuess:
    """Language of a whole document (optionally only the given spans of it)."""
    body = "\n".join(text[s:e] for s, e in spans) if spans else text
    return detect(body[:_SAMPLE_CHARS])


def detect_paragraphs(text: str, spans: list[tuple[int, int]], doc: LangGuess) -> list[Paragraph]:
    """A `Paragraph` per span; short or unsure paragraphs inherit the document language."""
    out = []
    for s, e in spans:
        chunk = text[s:e]
        n = letters(chunk)
        if n < SURE_MIN_LETTERS:  # too short to be believed whatever the detector says: no need to ask it
            out.append(Paragraph(start=s, end=e, lang=doc.lang, lang_prob=doc.prob, inherited=True))
            continue
        guess = detect(chunk)
        sure = guess.prob >= SURE and n >= SURE_MIN_LETTERS
        if guess.lang is None or (n < SHORT_LETTERS and guess.lang != doc.lang and not sure):
            out.append(Paragraph(start=s, end=e, lang=doc.lang, lang_prob=doc.prob, inherited=True))
        else:
            out.append(Paragraph(start=s, end=e, lang=guess.lang, lang_prob=guess.prob))
    return out
