"""Processing views of an article's text that keep a map back to the original characters.

The original text is never rewritten. NLP runs on a normalised copy (NFC; typographic apostrophes, double
quotes and exotic spaces folded to ASCII for tokenisation), and every offset found there is mapped back
through `NormText.to_orig` / `to_orig_end`.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters folded for tokenisation only; each maps one character to one character.
_FOLD = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
        "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    }
)


@dataclass(frozen=True)
class NormText:
    """Normalised text plus, for each of its characters, the index of the original character it came from."""

    text: str
    origin: tuple[int, ...] | None  # None when the normalisation kept every offset (the common case)
    orig_len: int

    def to_orig(self, i: int) -> int:
        """Original offset of normalised offset `i` (a span start)."""
        if self.origin is None:
            return i
        return self.origin[i] if i < len(self.origin) else self.orig_len

    def to_orig_end(self, j: int) -> int:
        """Original offset just after normalised character `j - 1` (a span end)."""
        if self.origin is None:
            return j
        if j <= 0:
            return 0
        if j >= len(self.origin):
            return self.orig_len
        return self.origin[j] if self.origin[j] > self.origin[j - 1] else self.origin[j - 1] + 1


def normalise(text: str) -> NormText:
    """NFC plus the tokenisation folds above, with an offset map back to `text`."""
    folded = text.translate(_FOLD)  # one-to-one, offsets unchanged
    if unicodedata.is_normalized("NFC", folded):
        return NormText(folded, None, len(text))
    out: list[str] = []
    origin: list[int] = []
    i, n = 0, len(folded)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(folded[j]):
            j += 1
        piece = unicodedata.normalize("NFC", folded[i:j])
        out.append(piece)
        origin.extend([i] * len(piece))
        i = j
    return NormText("".join(out), tuple(origin), len(text))


def line_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line from `start`, trimmed of surrounding white space."""
    spans = []
    pos = start
    for line in text[start:].splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line)
    return spans
