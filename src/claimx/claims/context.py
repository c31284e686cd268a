"""What the claim extractor knows about a document beyond its text, and the ids and sections of its claims."""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date


@dataclass
class DocContext:
    """What the extractor needs to know about a document beyond its text."""

    doc_id: str
    lang: str
    source: str | None = None
    published: date | None = None
    degraded: bool = False
    sections: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, section) in doc offsets


def claim_id(doc_id: str, *parts: object) -> str:
    raw = ":".join([doc_id, *map(str, parts)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def section_at(ctx: DocContext, char: int) -> str:
    """The section (headline, lead, body) the character `char` of the document is in."""
    for s, e, name in ctx.sections:
        if s <= char < e:
            return name
    return "body"


# spaCy builds `Doc.text` and `Doc.ents` (and so `Span.ents`) anew on every access, a Python object per token: read
# per sentence, claim or quantity, that made the rules quadratic in a document's length. While the rules run, the
# document keeps them once (`cached_views`), and the rules read them through these helpers.
_VIEWS = "claimx.views"


@contextmanager
def cached_views(doc) -> Iterator[None]:
    """`doc_text`, `doc_ents`, `ents_in` and `ent_at` read `doc` once computed, until the block ends."""
    ents = doc.ents
    doc.user_data[_VIEWS] = (doc.text, ents, [e.start for e in ents])
    try:
        yield
    finally:
        doc.user_data.pop(_VIEWS, None)


def doc_text(doc) -> str:
    """`doc.text`."""
    views = doc.user_data.get(_VIEWS)
    return doc.text if views is None else views[0]


def phrase_before(doc, char: int, phrases, skip_short: bool = False) -> bool:
    """Whether one of `phrases` (lower case, of up to four words) ends right before the character `char`; with
    `skip_short`, also before one short word after it ("instead of a recall"). Punctuation around the words is no
    word ("(selon X", "scientifiques, selon X")."""
    words = [w.strip("([{«“\"'‘,;:") for w in doc_text(doc)[max(0, char - 40) : char].lower().split()]
    for n in (1, 2, 3, 4):
        if len(words) >= n and " ".join(words[-n:]) in phrases:
            return True
        if skip_short and len(words) > n and len(words[-1]) <= 3 and " ".join(words[-n - 1 : -1]) in phrases:
            return True
    return False


def span_text(span) -> str:
    """`span.text` (a sentence's, read per claim), a slice of `doc_text`."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def tokens_at(doc, start: int, end: int):
    """The tokens that cover the characters `start:end` of `doc.text` (a `Span`), or None where none do."""
    return doc.char_span(start, end, alignment_mode="expand")


def doc_ents(doc) -> tuple:
    """`doc.ents`."""
    views = doc.user_data.get(_VIEWS)
    return doc.ents if views is None else views[1]


def ents_in(span) -> list:
    """`span.ents`: the entities wholly inside the span."""
    views = span.doc.user_data.get(_VIEWS)
    if views is None:
        return list(span.ents)
    _, ents, starts = views
    out = []
    for e in ents[bisect.bisect_left(starts, span.start):]:
        if e.end > span.end:
            break
        out.append(e)
    return out


def ent_at(doc, i: int):
    """The entity token `i` is part of, or None."""
    views = doc.user_data.get(_VIEWS)
    if views is None:
        return next((e for e in doc.ents if e.start <= i < e.end), None)
    _, ents, starts = views
    k = bisect.bisect_right(starts, i) - 1
    return ents[k] if k >= 0 and ents[k].start <= i < ents[k].end else None
