"""The report's source × fact matrices: for a story, which outlets support, contradict or are silent on each of its
facts. Columns are independent sources as reconciliation counts them (`reconcile.reprints.source_clusters`): one
outlet's sites (homicide.latimes.com, www.latimes.com) and the reprints of one wire story are one column group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from claimx.output.evidence import Documents, anchor, filter_key, story_title
from claimx.reconcile.names import fact_title
from claimx.reconcile.reprints import source_clusters
from claimx.reconcile.rows import Row as ClaimRow
from claimx.reconcile.rows import outlet_id
from claimx.schemas import Claim, Conflict, Fact

MAX_MATRICES = 30  # stories drawn: those with conflicts first, then the most outlets
MAX_FACTS = 15  # rows of one matrix: the facts with the most sources
MAX_COLUMNS = 14  # column groups of one matrix: the groups with the most claims
MIN_COLUMNS = 2  # a story gets a matrix when at least this many independent sources report it


@dataclass
class Column:
    label: str
    members: list[str]  # the sources collapsed into this column, when more than one
    kind: str  # "outlet" (one outlet, several sites or articles), "reprints" (several outlets, one story), ""
    documents: int


@dataclass
class Cell:
    support: int  # claims of this column group in the fact
    contradict: int  # its claims on the other side of a conflict with the fact (another fact of the story)
    dispute: int  # its claims in the fact that disagree with another claim of the fact (a number, a date)
    conflicts: list[str]  # anchors of those conflicts


@dataclass
class MatrixRow:
    title: str
    status: str
    conflicted: bool
    cells: list[Cell]


@dataclass
class Matrix:
    anchor: str
    title: str
    columns: list[Column]
    rows: list[MatrixRow]
    more_rows: int
    more_columns: int
    entities: str
    sources: str
    langs: str


def _groups(story_claims: list[Claim], docs: Documents) -> dict[str, str]:
    """doc id -> column group id: the independent sources of reconciliation, computed on this story's claims."""
    rows = [ClaimRow(c) for c in story_claims]
    seen: dict[str, str] = {}
    twins: set[str] = set()
    for r in rows:  # a sentence another document has too (`Row.twin`, set by reconciliation the same way)
        if seen.setdefault(r.sentence, r.doc) != r.doc:
            twins.add(r.sentence)
    for r in rows:
        r.twin = r.sentence in twins
    return source_clusters(rows)


def _column(docs_in: list[str], claims: list[Claim], docs: Documents) -> Column:
    names = Counter(docs.source(c.doc_id, c.source) for c in claims)
    ranked = [n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))]
    kind = ""
    if len(docs_in) > 1:
        origins = {outlet_id(c.source) if c.source else c.doc_id for c in claims}
        kind = "outlet" if len(origins) == 1 else "reprints"
    return Column(label=ranked[0], members=ranked if len(ranked) > 1 else [], kind=kind, documents=len(docs_in))


def _matrix(story: str, facts: list[Fact], claims: dict[str, Claim], conflicts: list[Conflict], docs: Documents,
            names: dict[str, str]) -> Matrix | None:
    story_claims = [claims[cid] for f in facts for cid in f.claim_ids if cid in claims]
    group_of = _groups(story_claims, docs)
    by_group: dict[str, list[Claim]] = defaultdict(list)
    for c in story_claims:
        by_group[group_of[c.doc_id]].append(c)
    if len(by_group) < MIN_COLUMNS:
        return None
    order = sorted(by_group, key=lambda g: (-len(by_group[g]), g))
    shown_groups = order[:MAX_COLUMNS]
    facts = sorted(facts, key=lambda f: (-f.independent_sources, -len(f.claim_ids), f.key))
    shown_facts = facts[:MAX_FACTS]
    keys = {f.key for f in facts}
    # (fact key, group) -> claim ids against it / disputing within it, and the conflicts
    against: dict[tuple[str, str], set[str]] = defaultdict(set)
    within: dict[tuple[str, str], set[str]] = defaultdict(set)
    links: dict[tuple[str, str], set[str]] = defaultdict(set)
    for conflict in conflicts:
        sides = conflict.sides
        if len(sides) != 2 or not ({s.fact_key for s in sides} & keys):
            continue
        for mine, other in ((sides[0], sides[1]), (sides[1], sides[0])):
            if other.doc_id not in group_of:
                continue
            cell = (mine.fact_key, group_of[other.doc_id])
            (within if mine.fact_key == other.fact_key else against)[cell].add(other.claim_id)
            links[cell].add(anchor("c", conflict.id))
    rows = []
    for f in shown_facts:
        have = Counter(group_of[claims[cid].doc_id] for cid in f.claim_ids if cid in claims)
        cells = [Cell(support=have[g], contradict=len(against[(f.key, g)]), dispute=len(within[(f.key, g)]),
                      conflicts=sorted(links[(f.key, g)])) for g in shown_groups]
        rows.append(MatrixRow(title=fact_title(f, names), status=f.status.replace("_", " "),
                              conflicted=bool(f.conflicts), cells=cells))
    entities = {e for f in facts for e in (*f.entities, f.subject, f.object) if e}
    columns = []
    for g in shown_groups:
        cs = by_group[g]
        columns.append(_column(sorted({c.doc_id for c in cs}), cs, docs))
    return Matrix(
        anchor=anchor("m", story),
        title=story_title(facts, names),
        columns=columns, rows=rows, more_rows=len(facts) - len(shown_facts),
        more_columns=len(order) - len(shown_groups),
        entities=filter_key([*entities, *(names.get(e) for e in entities)]),
        sources=filter_key(m for col in columns for m in (col.members or [col.label])),
        langs=filter_key(c.lang for c in story_claims))


def source_matrices(facts: list[Fact], claims: dict[str, Claim], conflicts: list[Conflict], docs: Documents,
                    names: dict[str, str]) -> tuple[list[Matrix], int]:
    """A matrix for every story that at least MIN_COLUMNS independent sources report: stories with conflicts
    first, then those with the most outlets; at most MAX_MATRICES, and the number not drawn."""
    stories: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        stories[f.story].append(f)

    def rank(item: tuple[str, list[Fact]]) -> tuple:
        story, members = item
        outlets = {s for f in members for s in f.sources}
        return (-any(f.conflicts for f in members), -len(outlets), -len(members), story)

    # reprints join outlets into one source, nothing splits one: a story needs two outlets (a document without a
    # source is its own) to have two independent sources
    def outlets(members: list[Fact]) -> int:
        docs_of = {claims[cid].doc_id: claims[cid].source for f in members for cid in f.claim_ids if cid in claims}
        return len({outlet_id(src) if src else doc for doc, src in docs_of.items()})

    candidates = [(s, m) for s, m in stories.items() if outlets(m) >= MIN_COLUMNS]
    out = []
    for story, members in sorted(candidates, key=rank):
        if len(out) == MAX_MATRICES:
            break
        m = _matrix(story, members, claims, conflicts, docs, names)
        if m is not None:
            out.append(m)
    drawn = {m.anchor for m in out}
    rest = sum(1 for s, _ in candidates if anchor("m", s) not in drawn)
    return out, rest if len(out) == MAX_MATRICES else 0
