"""Language detection with langdetect, seeded so that the same text always gets the same answer.

Per document and per paragraph, with probabilities. A short paragraph (fewer than `SHORT_LETTERS` letters)
inherits the document's language unless the detector is very sure (`SURE`) of another one and the paragraph has
at least `SURE_MIN_LETTERS` letters: langdetect reports near-certainty even on a lone word. A paragraph whose
n-grams make the document's language overwhelmingly likelier than any other under langdetect's own profiles
(`AGREE_NATS`) takes it without langdetect's random trials (`paragraph_guess`): most paragraphs of a monolingual
article, at a tenth of the cost.

The work is capped, so that language ID stays linear and bounded whatever the input: the detector reads at most
`SAMPLE_CHARS` characters of a document or of a paragraph, and is asked about at most `MAX_PARAGRAPHS` paragraphs
of one document (each asking costs about 5 ms whatever its length); later paragraphs take the document's
language, marked `inherited`.

Detection is langdetect's own algorithm, run by `_Detector`: the same n-grams, the same seeded random draws and
the same floating-point operations in the same order, so every answer is langdetect's to the last bit (a test
compares them), at about a fifth of the cost (its per-language Python loops become array operations). A
paragraph asked about again (templates, bylines, repeated leads) is answered from a small cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

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


# A paragraph whose n-grams are e^20 (5e8) times likelier under the document's language than under any other is of
# that language: langdetect said so of all 3,390 such paragraphs of 4,888 read (GVA and French development articles,
# and 1,350 sentences of nine languages set in documents of another), and is not asked (a tenth of its cost).
AGREE_NATS = 20.0
CACHE_SIZE = 4096  # paragraphs whose answer is kept (at most SAMPLE_CHARS each: 16 MB at worst)


@cache
def _seeded() -> None:
    from langdetect import DetectorFactory

    DetectorFactory.seed = 0


class _Detector:
    """langdetect's `Detector.get_probabilities`, the same computation with its per-language loops as numpy
    operations: elementwise products and quotients are the same IEEE operations, the sums stay sequential Python
    sums, and the seeded random draws are made in the same order, so the probabilities are equal bit for bit."""

    def __init__(self) -> None:
        import numpy as np
        from langdetect import detector_factory
        from langdetect.utils.ngram import NGram

        detector_factory.init_factory()
        self.factory = detector_factory._factory
        words = list(self.factory.word_lang_prob_map)
        self.row = {w: i for i, w in enumerate(words)}
        self.table = np.array([self.factory.word_lang_prob_map[w] for w in words], dtype=np.float64)
        self.n_gram = NGram.N_GRAM
        # log P(n-gram | language), smoothed as langdetect smooths its draws (alpha / BASE_FREQ, alpha's mean)
        base = self.factory.create()
        self.log_table = np.log(self.table + base.ALPHA_DEFAULT / base.BASE_FREQ)
        self.base = np.array([code.split("-")[0] for code in self.factory.langlist])
        self._norm = _Normalised(NGram.normalize)  # a translation table that fills itself
        self._words: dict[str, list[int]] = {}

    def _ngrams(self, text: str) -> list[int]:
        """`Detector._extract_ngrams`, as rows of the table.

        The characters are normalised by one `str.translate` (langdetect's `NGram.normalize`, memoised), and
        the n-grams are read word by word: langdetect's buffer restarts at every space, so a word (with the space
        after it, when there is one) always gives the same n-grams, kept in a cache."""
        words = text.translate(self._norm).split(" ")
        out: list[int] = []
        last = len(words) - 1
        cache = self._words
        for k, word in enumerate(words):
            if not word:
                continue
            key = word if k == last else word + " "
            rows = cache.get(key)
            if rows is None:
                if len(cache) > 200_000:
                    cache.clear()
                rows = cache[key] = self._word_ngrams(key)
            out += rows
        return out

    def _word_ngrams(self, chars: str) -> list[int]:
        """langdetect's n-gram buffer run over one word (and its trailing space), from a fresh start."""
        row, out = self.row, []
        grams, capital = " ", False
        for ch in chars:
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if ch == " ":
                    continue
            elif len(grams) >= self.n_gram:
                grams = grams[1:]
            grams += ch
            if ch.isupper():
                if last.isupper():
                    capital = True
            else:
                capital = False
            if capital:
                continue
            for n in range(1, min(self.n_gram, len(grams)) + 1):
                w = grams[-n:]
                if w != " " and (k := row.get(w)) is not None:
                    out.append(k)
        return out

    def agreement(self, text: str, lang: str, nats: float) -> float | None:
        """The probability of `lang` for `text` under langdetect's profiles read as naive Bayes over every n-gram
        of the text (no random draws), when `lang` outscores every other language by `nats` of log-likelihood;
        None when it does not, or the text has no n-gram."""
        import numpy as np

        det = self.factory.create()
        det.append(text)
        det.cleaning_text()
        rows = self._ngrams(det.text)
        own = self.base == lang
        if not rows or not own.any():
            return None
        ll = self.log_table[rows].sum(axis=0)
        best = ll[own].max()
        if best - ll[~own].max() < nats:
            return None
        weights = np.exp(ll - best)
        return round(float(weights[own].sum() / weights.sum()), 4)

    def probabilities(self, text: str) -> list:
        """`langdetect.detect_langs(text)` (raises its LangDetectException the same way)."""
        import numpy as np
        from langdetect.lang_detect_exception import ErrorCode, LangDetectException

        det = self.factory.create()
        det.append(text)
        det.cleaning_text()
        ngrams = self._ngrams(det.text)
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        n_langs = len(det.langlist)
        rows, inverse = np.unique(np.array(ngrams), return_inverse=True)
        table = self.table[rows]  # the text's own n-grams; a draw of position p is row inverse[p]
        inverse = inverse.tolist()
        langprob = np.zeros(n_langs)
        rnd = det.random
        rnd.seed(det.seed)
        draw = _draws(rnd, len(ngrams))
        for _ in range(det.n_trial):
            prob = np.full((1, n_langs), 1.0 / n_langs)
            alpha = det.alpha + rnd.gauss(0.0, 1.0) * det.ALPHA_WIDTH
            weights = alpha / det.BASE_FREQ + table
            i, group = 0, 1  # langdetect checks convergence after draw 0, then after every 5th
            while True:
                # the group's updates one after the other: a reduction along the first axis multiplies row by
                # row, in order, as langdetect's loop does
                picked = [inverse[draw()] for _ in range(group)]
                prob = np.multiply.reduce(np.concatenate((prob, weights[picked])), axis=0, keepdims=True)
                i += group - 1
                total = sum(prob[0].tolist())  # sequential, as langdetect sums
                if not 0.0 < total < float("inf"):
                    return _langdetect(text)  # under- or overflow: langdetect's own way, whatever it does
                prob /= total
                if prob.max() > det.CONV_THRESHOLD or i >= det.ITERATION_LIMIT:
                    break
                i, group = i + 1, 5
            langprob += prob[0] / det.n_trial
        return det._sort_probability(langprob.tolist())


class _Normalised(dict):
    """code point -> langdetect's normalised character, computed on first use (a `str.translate` table)."""

    def __init__(self, normalize) -> None:
        super().__init__()
        self.normalize = normalize

    def __missing__(self, code: int) -> str:
        out = self[code] = self.normalize(chr(code))
        return out


def _draws(rnd, n: int):
    """`rnd.choice` of a sequence of `n` items, as the index it picks: the same draws from the generator."""
    import random

    if type(rnd)._randbelow is not random.Random._randbelow_with_getrandbits:
        return lambda: rnd._randbelow(n)
    bits, getrandbits = n.bit_length(), rnd.getrandbits

    def draw() -> int:
        r = getrandbits(bits)
        while r >= n:
            r = getrandbits(bits)
        return r

    return draw


def _langdetect(text: str) -> list:
    from langdetect import detect_langs

    return detect_langs(text)


@cache
def detector() -> _Detector:
    """The one seeded detector of this process (langdetect's profiles and algorithm, as array operations)."""
    _seeded()
    return _Detector()


def release_detector() -> None:
    """Let go of langdetect's profiles (about 140 MB as Python objects) and of the answers kept: a run that has
    identified the language of every document needs them no more. The next `detect` loads them again."""
    from langdetect import detector_factory

    if detector.cache_info().currsize == 0 and detector_factory._factory is None:
        return
    detector.cache_clear()
    _detect.cache_clear()
    detector_factory._factory = None


def detect(text: str) -> LangGuess:
    """Most probable language of `text` (ISO 639-1, e.g. 'en', 'fr', 'zh') with its probability."""
    if not any(ch.isalpha() for ch in text):
        return LangGuess(None, 0.0)
    return _detect(text)


@lru_cache(maxsize=CACHE_SIZE)
def _detect(text: str) -> LangGuess:
    from langdetect.lang_detect_exception import LangDetectException

    try:
        langs = detector().probabilities(text)
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
        guess = paragraph_guess(chunk, doc.lang)
        sure = guess.prob >= SURE and n >= SURE_MIN_LETTERS
        if guess.lang is None or (n < SHORT_LETTERS and guess.lang != doc.lang and not sure):
            out.append(Paragraph(start=s, end=e, lang=doc.lang, lang_prob=doc.prob, inherited=True))
        else:
            out.append(Paragraph(start=s, end=e, lang=guess.lang, lang_prob=guess.prob))
    return out


def paragraph_guess(text: str, lang: str | None) -> LangGuess:
    """`detect` for a paragraph of a document in `lang`: the document's language, without langdetect's random
    trials, when its profile outscores every other language's by `AGREE_NATS` over the paragraph's n-grams."""
    if lang is not None and (prob := detector().agreement(text, lang, AGREE_NATS)) is not None:
        return LangGuess(lang, prob)
    return detect(text)


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
