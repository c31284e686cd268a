"""Document sections: the headline (a first kept paragraph that is short and not a sentence), the lead, the body."""

from __future__ import annotations

from claimx.schemas import DocumentRecord


def sections_for(text: str, record: DocumentRecord) -> list[tuple[int, int, str]]:
    """Headline (a first kept paragraph that is short and not a sentence), lead (the next one), then body."""
    removed = [(r.start, r.end) for r in record.removed]
    kept = [p for p in record.paragraphs if not any(s <= p.start and p.end <= e for s, e in removed)]
    if not kept:
        return []
    first = kept[0]
    if headline_like(text[first.start : first.end]):
        out = [(first.start, first.end, "headline")]
        if len(kept) > 1:
            out.append((kept[1].start, kept[1].end, "lead"))
        return out
    return [(first.start, first.end, "lead")]

def headline_like(text: str) -> bool:
    """A short line that is not a sentence: no final punctuation, at most 25 words."""
    t = text.strip()
    return bool(t) and len(t.split()) <= 25 and t[-1] not in ".!?…:;»\")"
