"""Reads MEANTIME's CAT XML: the document text rebuilt from its tokens, and the gold annotation in character offsets.

The text is the title (the tokens of sentence 0), a blank line, then the body (every later sentence), tokens
joined by one space except before `, . ; : ? ! %` and the clitics `'s` and `n't`. The dateline (sentence 1, the
tokens of the `CREATION_TIME` TIMEX3) is a line of its own, as on the Wikinews page: glued to the first sentence
("March 06, 2008 During a media event ... Apple released ..."), it would date that sentence's claims.
Every token keeps its (start, end) in that text, so each markable (a list of tokens) becomes a character span
from its first token's start to its last token's end. The article date is the `CREATION_TIME` TIMEX3.

Gold read for `claimx eval claims`: EVENT_MENTIONs (polarity, certainty, time), ENTITY_MENTIONs, TIMEX3 (value),
HAS_PARTICIPANT roles (event → entity), TLINKs (either direction, relation type) and REFERS_TO (mention → the
EVENT/ENTITY markable it refers to). A mention's `instance` is the cross-document `instance_id` of that markable
when it has one, else `None`; `chain` is the markable itself (intra-document coreference: mentions with the same
chain corefer).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", "%", "'s", "n't"})
# Words and marks that start a post-modifier: an entity mention's head is the last token before the first of them.
POST_MODIFIER = frozenset({",", "(", "of", "in", "on", "at", "for", "from", "with", "by", "to", "who", "which",
                           "that", "whose", "including", "born"})


@dataclass
class Mention:
    """An event or entity mention (or a TIMEX3): its character span, tokens and attributes."""

    m_id: str
    start: int
    end: int
    text: str
    attrs: dict[str, str] = field(default_factory=dict)
    instance: str | None = None  # cross-document instance id (REFERS_TO a markable with an instance_id)
    chain: str | None = None  # the document-level markable it REFERS_TO (intra-document coreference)
    head: tuple[int, int] | None = None  # span of an entity mention's head (see `head_span`)


@dataclass
class CatDoc:
    """One MEANTIME document: rebuilt text, title, date and the gold markables and relations."""

    name: str
    text: str
    title: str
    dct: date | None
    events: dict[str, Mention]
    entities: dict[str, Mention]
    timexes: dict[str, Mention]
    participants: list[tuple[str, str, str]]  # (event m_id, entity m_id, role), role as written (Arg0, Argm-LOC)
    tlinks: list[tuple[str, str, str]]  # (source m_id, target m_id, reltype)
    tokens: list[tuple[int, int, int]] = field(default_factory=list)  # (start, end, sentence) in text order
    lang: str | None = None


def rebuild_text(
    tokens: list[tuple[str, int]], line_after: frozenset[int] = frozenset()
) -> tuple[str, list[tuple[int, int]]]:
    """Text of (token, sentence) pairs in order: title line, blank line, body (a line break after the sentences
    `line_after`); and each token's (start, end)."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    title = tokens[0][1] if tokens else 0
    for i, (tok, sent) in enumerate(tokens):
        if i:
            if tokens[i - 1][1] == title and sent != title:
                sep = "\n\n"
            elif tokens[i - 1][1] in line_after and sent != tokens[i - 1][1]:
                sep = "\n"
            else:
                sep = "" if tok in NO_SPACE_BEFORE else " "
            parts.append(sep)
            pos += len(sep)
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), spans


def head_span(m: Mention, tokens: list[tuple[int, int]]) -> tuple[int, int]:
    """The head of an entity mention: its `head` attribute when given (and found in it); the whole mention for a
    coordination (`syntactic_type` CONJ); else, before its first post-modifier (`POST_MODIFIER`), the whole name
    for a name (NAM: "Apple Computer") and the last token for the others ("Apple CEO Steve Jobs": "Jobs")."""
    head = (m.attrs.get("head") or "").strip()
    at = m.text.find(head) if head else -1
    if at >= 0:
        return m.start + at, m.start + at + len(head)
    kind = m.attrs.get("syntactic_type")
    if kind == "CONJ" or not tokens:
        return m.start, m.end
    words = [m.text[s - m.start : e - m.start].lower() for s, e in tokens]
    cut = next((i for i, w in enumerate(words) if i and w in POST_MODIFIER), len(tokens))
    return (tokens[0][0] if kind == "NAM" else tokens[cut - 1][0]), tokens[cut - 1][1]


def _anchors(el: ET.Element) -> list[str]:
    return [a.get("t_id") or "" for a in el.findall("token_anchor")]


def _date(value: str | None) -> date | None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value or "")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _dateline(root: ET.Element, toks: list[tuple[str, str, int]]) -> frozenset[int]:
    """The sentence made of exactly the CREATION_TIME TIMEX3's tokens, if there is one."""
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME":
            anchors = set(_anchors(el))
            sents = {sent for tid, _, sent in toks if tid in anchors}
            if len(sents) == 1 and anchors == {tid for tid, _, sent in toks if sent in sents}:
                return frozenset(sents)
    return frozenset()


def read_cat(path: Path) -> CatDoc:
    """One CAT XML file (see the module docstring); ValueError when it has no tokens."""
    root = ET.parse(path).getroot()
    toks = [(t.get("t_id") or "", t.text or "", int(t.get("sentence") or 0)) for t in root.findall("token")]
    toks = [t for t in toks if t[1]]
    if not toks:
        raise ValueError("no tokens")
    text, spans = rebuild_text([(tok, sent) for _, tok, sent in toks], _dateline(root, toks))
    where = {tid: i for i, (tid, _, _) in enumerate(toks)}
    title = text[: text.index("\n\n")] if "\n\n" in text else text

    def mention(el: ET.Element) -> Mention | None:
        idx = sorted(where[t] for t in _anchors(el) if t in where)
        if not idx:
            return None
        s, e = spans[idx[0]][0], spans[idx[-1]][1]
        m = Mention(el.get("m_id") or "", s, e, text[s:e], dict(el.attrib))
        if el.tag == "ENTITY_MENTION":
            m.head = head_span(m, [spans[i] for i in idx])
        return m

    events: dict[str, Mention] = {}
    entities: dict[str, Mention] = {}
    timexes: dict[str, Mention] = {}
    instances: dict[str, str | None] = {}  # markable m_id (EVENT, ENTITY) -> its instance_id
    dct = None
    markables = root.find("Markables")
    for el in markables if markables is not None else []:
        tag = el.tag
        if tag in ("EVENT", "ENTITY"):
            instances[el.get("m_id") or ""] = el.get("instance_id") or None
            continue
        target = {"EVENT_MENTION": events, "ENTITY_MENTION": entities, "TIMEX3": timexes}.get(tag)
        if target is None:
            continue
        if tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
            dct = _date(el.get("value"))
        m = mention(el)
        if m is not None:
            target[m.m_id] = m
    participants: list[tuple[str, str, str]] = []
    tlinks: list[tuple[str, str, str]] = []
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        sources = [s.get("m_id") or "" for s in rel.findall("source")]
        targets = [t.get("m_id") or "" for t in rel.findall("target")]
        if not targets:
            continue
        if rel.tag == "HAS_PARTICIPANT":
            participants += [(s, targets[0], rel.get("sem_role") or "") for s in sources]
        elif rel.tag == "TLINK":
            tlinks += [(s, targets[0], (rel.get("reltype") or "").upper()) for s in sources]
        elif rel.tag == "REFERS_TO":
            for s in sources:
                m = events.get(s) or entities.get(s)
                if m is not None:
                    m.chain, m.instance = targets[0], instances.get(targets[0])
    token_spans = [(s, e, sent) for (s, e), (_, _, sent) in zip(spans, toks)]
    return CatDoc(name=path.stem, text=text, title=title, dct=dct, events=events, entities=entities,
                  timexes=timexes, participants=participants, tlinks=tlinks, tokens=token_spans,
                  lang=root.get("lang") or None)


def read_folder(folder: Path) -> tuple[list[CatDoc], list[str]]:
    """Every `.xml` file under `folder` (recursively, sorted); unreadable files as 'name: reason'."""
    docs: list[CatDoc] = []
    skipped: list[str] = []
    for path in sorted(folder.rglob("*.xml")):
        try:
            docs.append(read_cat(path))
        except (ET.ParseError, ValueError, OSError) as exc:  # fail soft per document
            skipped.append(f"{path.name}: {exc}")
    return docs, skipped
