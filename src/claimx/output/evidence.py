"""How the HTML report shows one piece of evidence: a sentence with its marked words, a time, a value, and the way
back to the document (its path and the character offsets of the sentence in the original file).

Everything here is plain data for the report's templates; no HTML is built in Python, so Jinja's autoescaping
escapes every string that comes from an article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from claimx.common.text import fold
from claimx.reconcile.names import names_of, participants_title, predicate_label
from claimx.schemas import Claim, DocumentRecord, Fact, Quantity, TimeSpan

POINT_GRANULARITIES = frozenset({"time", "day"})  # drawn as a point on a timeline; coarser times are bands
_UNSAFE_URL = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\`]")


@dataclass(frozen=True)
class DocRef:
    """Where a sentence comes from: the document's anchor on the page, its path, the sentence's character offsets
    in the original file, and the document's web address when it is a plain http(s) one."""

    anchor: str
    path: str
    start: int
    end: int
    url: str | None = None


@dataclass(frozen=True)
class Quote:
    """An evidence sentence cut into (text, marked) pieces, and where it comes from."""

    pieces: list[tuple[str, bool]]
    ref: DocRef

    @property
    def marked(self) -> bool:
        return any(m for _, m in self.pieces)


def safe_url(url: str | None) -> str | None:
    """`url` when it is an absolute http or https address without spaces, quotes or control characters; else None
    (a `javascript:` or `data:` address, or anything odd, is shown as text, never made a link)."""
    if not url or len(url) > 2000 or _UNSAFE_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def pieces(sentence: str, spans: Iterable[tuple[int, int] | list[int]]) -> list[tuple[str, bool]]:
    """`sentence` as (text, marked) pieces, the `spans` ([start, end] offsets inside it) marked; spans out of the
    sentence are clipped or dropped, overlapping ones joined."""
    n = len(sentence)
    pairs = [tuple(sp)[:2] for sp in spans if len(sp) >= 2]
    clean = sorted((max(0, s), min(n, e)) for s, e in pairs if min(n, e) > max(0, s))
    out: list[tuple[str, bool]] = []
    at = 0
    for s, e in clean:
        s = max(s, at)
        if e <= s:
            continue
        if s > at:
            out.append((sentence[at:s], False))
        out.append((sentence[s:e], True))
        at = e
    if at < n or not out:
        out.append((sentence[at:], False))
    return out


class Documents:
    """The run's documents by id: each one's page anchor, path and safe web address."""

    def __init__(self, documents: list[DocumentRecord]):
        self.by_id = {d.doc_id: d for d in documents if d.doc_id}

    def ref(self, doc_id: str, start: int, end: int) -> DocRef:
        doc = self.by_id.get(doc_id)
        path = doc.path if doc is not None else doc_id
        return DocRef(anchor=anchor("d", doc_id), path=path, start=start, end=end,
                      url=safe_url(doc.url) if doc is not None else None)

    def source(self, doc_id: str, source: str | None) -> str:
        """The outlet a reader knows the document by: its source, else its file name."""
        if source:
            return source
        doc = self.by_id.get(doc_id)
        return doc.path.rsplit("/", 1)[-1] if doc is not None else doc_id


def anchor(kind: str, ident: str) -> str:
    """An element id for the page: `kind-ident`, with anything but letters, digits, '-' and '_' as '_'."""
    return f"{kind}-" + re.sub(r"[^A-Za-z0-9_-]", "_", ident)


def claim_quote(claim: Claim, docs: Documents) -> Quote:
    """A claim's evidence sentence with its trigger words marked."""
    ev = claim.evidence
    spans = []
    if claim.predicate.start is not None and claim.predicate.end is not None:
        spans.append((claim.predicate.start - ev.start, claim.predicate.end - ev.start))
    return Quote(pieces(ev.sentence, spans), docs.ref(claim.doc_id, ev.start, ev.end))


def time_label(t: TimeSpan | None) -> str:
    """"January 2024 (2024-01)", the text alone when it is its own value, "—" without a time."""
    if t is None:
        return "—"
    return f"{t.text} ({t.value})" if t.value and t.value != t.text else t.text


def value_label(q: Quantity | None) -> str:
    """"17 (17 people)", "about 200 (≈200 people)", "—" without a value."""
    if q is None:
        return "—"
    if q.amount is None:
        return q.text
    amount = f"{q.amount:,.0f}" if float(q.amount).is_integer() else f"{q.amount:,.2f}"
    unit = q.counts or q.unit
    approx = "≈" if q.approx or q.mod == "APPROX" else ""
    return f"{q.text} ({approx}{amount}{' ' + unit if unit else ''})"


def day(d: date | None) -> str:
    return d.isoformat() if d else "—"


def entity_names(claims: list[Claim]) -> dict[str, str]:
    """Canonical id -> the name readers see most often, for participants and places alike."""
    return names_of((ent, ent.canonical) for c in claims for ent in (c.subject, c.object, *c.places)
                    if ent is not None)


def filter_key(values: Iterable[str | None]) -> str:
    """The folded values, '|'-separated, that the page's filters search (the script folds what is typed alike)."""
    return "|".join(sorted({fold(v).strip() for v in values if v and v.strip()}))


def story_title(facts: list[Fact], names: dict[str, str]) -> str:
    """"Renault · Ampere": the participants most of a story's facts name (weighted by their claims), else the
    subject and object of its largest fact, else its predicate."""
    weight: Counter[str] = Counter()
    for f in facts:
        for e in f.entities:
            weight[e] += len(f.claim_ids)
    if weight:
        top = [e for e, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:3]]
        return participants_title(None, None, top, names)
    lead = max(facts, key=lambda f: (len(f.claim_ids), f.key))
    return participants_title(lead.subject, lead.object, [], names) or predicate_label(lead.frame, lead.lemma)
