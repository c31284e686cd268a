"""Language detection with langdetect, seeded so that the same text always gets the same answer.

Per document and per paragraph, with probabilities. A short paragraph (fewer than `SHORT_LETTERS` letters)
inherits the document's language unless the detector is very sure (`SURE`) of another one and the paragraph has
at least `SURE_MIN_LETTERS` letters: langdetect reports near-certainty even on a lone word.

The work is capped, so that language ID stays linear and bounded whatever the input: the detector reads at most
`SAMPLE_CHARS` characters of a document or of a paragraph, and is asked about at most `MAX_PARAGRAPHS` paragraphs
of one document (each asking costs about 5 ms whatever its length); later paragraphs take the document's
language, marked `inherited`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimx.schemas import Paragraph

SHORT_LETTERS = 40
SURE = 0.999
SURE_MIN_LETTERS = 20  # langdetect reports ~1.0 on a lone word; below this even "sure" is not believed
SAMPLE_CHARS = 4000  # enough letters for a stable verdict; keeps long articles and paragraphs fast
MAX_PARAGRAPHS = 1000  # paragraphs of one document asked about, about 5 s of detection at most
_CODE = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")


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
    return detect(body[:SAMPLE_CHARS])


def detect_paragraphs(text: str, spans: list[tuple[int, int]], doc: LangGuess) -> list[Paragraph]:
    """A `Paragraph` per span; short or unsure paragraphs inherit the document language."""
    out = []
    asked = 0
    for s, e in spans:
        chunk = text[s : min(e, s + SAMPLE_CHARS)]
        n = letters(chunk)
        # too short to be believed whatever the detector says, or past the document's budget: not asked
        if n < SURE_MIN_LETTERS or asked >= MAX_PARAGRAPHS:
            out.append(Paragraph(start=s, end=e, lang=doc.lang, lang_prob=doc.prob, inherited=True))
            continue
        asked += 1
        guess = detect(chunk)
        sure = guess.prob >= SURE and n >= SURE_MIN_LETTERS
        if guess.lang is None or (n < SHORT_LETTERS and guess.lang != doc.lang and not sure):
            out.append(Paragraph(start=s, end=e, lang=doc.lang, lang_prob=doc.prob, inherited=True))
        else:
            out.append(Paragraph(start=s, end=e, lang=guess.lang, lang_prob=guess.prob))
    return out


@cache
def languages() -> frozenset[str]:
    """The ISO 639-1 codes claimx can detect (langdetect's profiles; its zh-cn and zh-tw are both `zh`)."""
    import os

    import langdetect

    profiles = os.path.join(os.path.dirname(langdetect.__file__), "profiles")
    return frozenset(name.split("-")[0] for name in os.listdir(profiles))


def language_code(value: object) -> str | None:
    """A declared language ("fr", "en-GB", "zh_TW") as a code claimx detects; None when it is not one."""
    m = _CODE.match(value) if isinstance(value, str) else None
    code = m.group(1).lower() if m else None
    return code if code in languages() else None
