"""Rich renderables for `claimx diff` and `claimx show`; never called from inside the pipeline.

Everything here returns renderables and prints nothing, so tests render them to a
`Console(file=StringIO(), width=80, color_system=None)` and compare text. Nothing depends on colour: fields
that differ between the sides of a conflict carry a "≠" marker, and when the console has no colour (a pipe,
NO_COLOR) the contested words of each sentence are wrapped in ⟦ ⟧ as well as styled.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from claimx.output.evidence import time_label, value_label
from claimx.output.queries import SHOWN_CONFIDENCE, select_conflicts, select_facts
from claimx.reconcile.names import display_names, fact_title

filter_conflicts = select_conflicts  # for `claimx diff --format json`: the same selection, no rendering
from claimx.schemas import (
    CONFLICT_TYPES,
    FACT_STATUSES,
    Claim,
    Conflict,
    ConflictSide,
    Fact,
)

MARK_OPEN, MARK_CLOSE = "⟦", "⟧"
DIFF_MARK = "≠"
_DIFF_ROWS = {"frame": "predicate", "polarity": "predicate", "modality": "modality", "value": "value",
              "time": "time"}


class HighlightedSentence:
    """A sentence with its contested spans styled, and bracketed when the console shows no colour."""

    def __init__(self, label: str, sentence: str, spans: list[list[int]], style: str = "bold reverse"):
        self.label, self.sentence, self.style = label, sentence, style
        n = len(sentence)
        self.spans = sorted((s, min(n, e)) for s, e in spans if 0 <= s < min(n, e))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        plain = console.no_color or console.color_system is None
        text = Text(self.label, style="bold")
        at = 0
        for s, e in self.spans:
            if s < at:  # overlapping spans: already inside a highlight
                continue
            text.append(self.sentence[at:s])
            text.append(f"{MARK_OPEN}{self.sentence[s:e]}{MARK_CLOSE}" if plain else self.sentence[s:e], self.style)
            at = e
        text.append(self.sentence[at:])
        yield text


def _summary(conflicts: list[Conflict], facts: list[Fact]) -> Table:
    by_type = Counter(c.type for c in conflicts)
    by_status = Counter(f.status for f in facts)
    table = Table(title="Summary", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("conflict type")
    table.add_column("n", justify="right")
    table.add_column("fact status")
    table.add_column("n", justify="right")
    for i in range(max(len(CONFLICT_TYPES), len(FACT_STATUSES))):
        t = CONFLICT_TYPES[i] if i < len(CONFLICT_TYPES) else ""
        s = FACT_STATUSES[i] if i < len(FACT_STATUSES) else ""
        table.add_row(t, str(by_type[t]) if t else "", s, str(by_status[s]) if s else "")
    table.add_section()
    table.add_row("total", str(len(conflicts)), "total", str(len(facts)))
    return table


def _predicate(side: ConflictSide) -> str:
    name = side.frame or side.lemma
    return f"not {name}" if side.polarity == "negative" else name


def _standing(fact: Fact | None) -> str:
    """How the side's own fact stands: "corroborated · 2/3 sources"."""
    if fact is None:
        return "—"
    return f"{fact.status} · {fact.independent_sources}/{len(fact.sources)} sources"


def _fields(side: ConflictSide, fact: Fact | None) -> dict[str, str]:
    return {
        "fact": _standing(fact),
        "source": side.source or side.doc_id,
        "document": side.doc_id,
        "language": side.lang,
        "published": side.published.isoformat() if side.published else "—",
        "section": side.section,
        "predicate": _predicate(side),
        "modality": side.modality,
        "attribution": side.attribution or "—",
        "time": time_label(side.time),
        "value": value_label(side.value),
    }


def _conflict_panel(conflict: Conflict, facts: dict[str, Fact]) -> Panel:
    letters = [chr(ord("A") + i) for i in range(len(conflict.sides))]
    marked = {_DIFF_ROWS[d] for d in conflict.differs if d in _DIFF_ROWS}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    table.add_column("", style="bold", no_wrap=True)
    for letter in letters:
        table.add_column(letter, ratio=1, overflow="fold")
    rows = [_fields(s, facts.get(s.fact_key)) for s in conflict.sides]
    for name in rows[0]:
        label = f"{DIFF_MARK} {name}" if name in marked else f"  {name}"
        style = "bold" if name in marked else None
        table.add_row(label, *(r[name] for r in rows), style=style)
    sentences = [HighlightedSentence(f"{letter}: ", s.sentence, s.highlight)
                 for letter, s in zip(letters, conflict.sides, strict=True)]
    where = "within one document" if conflict.intra_document else "across documents"
    subtitle = f"{conflict.type} · {where} · confidence {conflict.confidence:.2f} · {conflict.id}"
    body = Group(table, *sentences, Text(conflict.explanation, style="italic"))
    return Panel(body, title=Text(conflict.title, style="bold"), title_align="left", subtitle=subtitle,
                 subtitle_align="right", box=box.ROUNDED)


def render_diff(conflicts: list[Conflict], facts: list[Fact], *, type: str | None = None,
                entity: str | None = None, lang: str | None = None,
                min_confidence: float = SHOWN_CONFIDENCE) -> RenderableType:
    """A summary table (conflicts by type, facts by status), then one panel per conflict, the most certain first,
    filtered; conflicts less sure than `min_confidence` are counted, not shown.

    Each panel shows, per side, how that side's own fact stands (its status and independent sources), so a
    headline contradicting a corroborated fact is seen as such.

    `type` keeps one conflict type; `entity` keeps conflicts (and facts) about an entity, given in any
    spelling; `lang` keeps conflicts with a side in that language (and facts reported in it).
    """
    every = select_conflicts(conflicts, facts, type=type, entity=entity, lang=lang)
    chosen = [c for c in every if c.confidence >= min_confidence]
    shown_facts = select_facts(facts, entity=entity, lang=lang)
    parts: list[RenderableType] = [_summary(chosen, shown_facts)]
    if len(chosen) < len(every):
        parts.append(Text(f"{len(every) - len(chosen)} less sure conflicts (confidence below {min_confidence:g}) "
                          "not shown: --all shows them.", style="dim"))
    if not chosen:
        parts.append(Text("No conflicts."))
    by_key = {f.key: f for f in facts}
    parts += [_conflict_panel(c, by_key) for c in chosen]
    return Group(*parts)


def _period(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return "—"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start == end:
        return start.isoformat()
    if start.day == 1 and (start.year, start.month) == (end.year, end.month) and (end + timedelta(days=1)).day == 1:
        return start.isoformat()[:7]
    return f"{start.isoformat()} – {end.isoformat()}"


def render_show(facts: list[Fact], claims: list[Claim]) -> RenderableType:
    """A table of facts with their corroboration: status, fact, independent/all sources, languages, time.

    A status followed by "⟂N" is contested: N conflicts involve the fact's claims.
    """
    names = display_names(claims)
    table = Table(title=f"{len(facts)} facts", box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    table.add_column("status", no_wrap=True)
    table.add_column("fact", ratio=1, overflow="fold")
    table.add_column("sources", justify="right", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("time", overflow="fold")
    for f in facts:
        status = f"{f.status} ⟂{len(f.conflicts)}" if f.conflicts else f.status
        table.add_row(status, fact_title(f, names), f"{f.independent_sources}/{len(f.sources)}",
                      ",".join(f.languages), _period(f.time_start, f.time_end))
    counts = Counter(f.status for f in facts)
    table.caption = " · ".join(f"{s} {counts[s]}" for s in FACT_STATUSES)
    return table
