"""What the claim extractor knows about a document beyond its text, and the ids and sections of its claims."""

from __future__ import annotations

import hashlib
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
