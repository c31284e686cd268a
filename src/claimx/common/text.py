"""Text folding, written once for every stage, and processing views that keep a map back to the original.

- `fold_quotes`: typographic apostrophes and double quotes to ASCII, one character for one (offsets kept). Every
  stage that compares words across spellings ("l’IPO", "l'IPO") uses it: tokenisation, triggers, time and
  quantity rules, aliases.
- `fold`: case-, accent- and ligature-folded text for comparing names ("Élysée" → "elysee").
- `fold_case`: lower case of the same length, so offsets found in it point into the original.
- `normalise`: the copy of an article NLP runs on (NFC, `fold_quotes`, exotic spaces to plain ones); offsets found
  there map back through `NormText.to_orig` / `to_orig_end`. The original text is never rewritten.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

APOSTROPHES = "\u2019\u2018\u201b\u02bc\u2032`\u00b4"  # ’ ‘ ‛ ʼ ′ ` ´: written for an apostrophe
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f"  # “ ” „ ‟
SPACES = "\u00a0\u202f\u2009\u2007\u2002\u2003"  # no-break, narrow, thin, figure, en and em spaces

_QUOTES = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"')})
# Each maps one character to one character: offsets are unchanged.
_FOLD = str.maketrans({**dict.fromkeys(APOSTROPHES, "'"), **dict.fromkeys(DOUBLE_QUOTES, '"'),
                       **dict.fromkeys(SPACES, " ")})
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "ł": "l",
                            "Ł": "L", "đ": "d", "Đ": "D", "ı": "i"})


def fold_quotes(text: str) -> str:
    """Typographic apostrophes and double quotes as ASCII ones; same length, so offsets stay valid."""
    return text.translate(_QUOTES)


def fold(text: str) -> str:
    """Case-, accent- and ligature-folded text ("Élysée" → "elysee"); apostrophes become "'"."""
    if text.isascii():
        low = text.lower()
        return low.replace("`", "'") if "`" in low else low
    text = unicodedata.normalize("NFKD", text.translate(_QUOTES).translate(_LIGATURES))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def fold_case(text: str) -> str:
    """Lower-cased `text`, same length (a character whose lower case is longer is kept as it is)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


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
