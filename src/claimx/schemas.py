"""The pydantic contracts between claimx's stages.

Every record that crosses a module or a file boundary is one of these models. Data flows one way:
files → `Article` → `DocumentRecord` (clean text, languages, removals) → `Claim` → `Fact`/`Conflict` →
files and terminal. Offsets (`start`, `end`) are always character offsets into the article's original text.
"""

from __future__ import annotations

from datetime import date
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

PIPELINE_VERSION = "0.1.0"


class Record(BaseModel):
    """Base for claimx records: unknown fields are an error, never silently dropped."""

    model_config = ConfigDict(extra="forbid")


# ----------------------------------------------------------------------------------------------
# Documents


class Removal(Record):
    """A span of the original text removed as boilerplate, with the reason (rule or lexicon id)."""

    start: int
    end: int
    reason: str


class Paragraph(Record):
    """A paragraph of the original text and its detected language."""

    start: int
    end: int
    lang: str | None = None
    lang_prob: float | None = None
    inherited: bool = False  # language taken from the document (paragraph too short or unsure)


class Article(Record):
    """One input article as read from disk, before any processing."""

    doc_id: str
    path: str
    item: int | None = None  # index of the article inside a .jsonl file
    text: str  # the original text, never rewritten; every offset points into it
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None  # where the date came from: json, front-matter, sidecar, html, reference-date
    lang_hint: str | None = None  # a language declared by the input (JSON field, HTML lang)
    encoding: str = "utf-8"
    format: Literal["txt", "md", "html", "json", "jsonl"] = "txt"
    body_start: int = 0  # first character after a front-matter block
    warnings: list[str] = Field(default_factory=list)


class DocumentRecord(Record):
    """One line of `documents.jsonl`: an input file (or JSONL item) and what claimx made of it."""

    doc_id: str | None
    path: str
    item: int | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    published_from: str | None = None
    lang: str | None = None
    lang_prob: float | None = None
    has_pipeline: bool | None = None
    encoding: str | None = None
    paragraphs: list[Paragraph] = Field(default_factory=list)
    removed: list[Removal] = Field(default_factory=list)
    chars_in: int = 0
    chars_kept: int = 0
    status: Literal["ok", "rejected"] = "ok"
    error: str | None = None
    warnings: list[str] = Field(default_factory=list)


# ----------------------------------------------------------------------------------------------
# Claims

Granularity = Literal["time", "day", "week", "month", "season", "quarter", "half", "year", "decade", "century"]
TimeRelation = Literal["on", "by", "since", "until", "as_of", "before", "after", "during"]
Modality = Literal["asserted", "planned", "expected", "hedged", "denied"]
Section = Literal["headline", "lead", "body"]


class TimeValue(Record):
    """The normalised part of a time expression (everything in `TimeSpan` except text, offsets, relation).

    Frozen: `claimx.temporal` caches these and hands the same object to every caller.
    """

    model_config = ConfigDict(frozen=True)

    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str | None = None
    start: date | None = None
    end: date | None = None
    granularity: Granularity | None = None
    mod: str | None = None  # START, MID, END, APPROX, BEFORE, AFTER, LESS_THAN, MORE_THAN, ...
    resolved: bool = False
    anchor: date | None = None  # the date relative expressions were resolved against
    rule: str | None = None  # which rule or library produced it


class TimeSpan(TimeValue):
    """A time expression normalised TIMEX3-style and as the interval of days it covers.

    `value` is the TIMEX3 value (`2024`, `2024-01`, `2026-01-21`, `2025-SU`, `2025-Q3`, `P6M`, `PRESENT_REF`);
    `start`/`end` are the first and last day of the interval (inclusive) when it is anchored. When the
    expression is relative and no anchor date exists, `resolved` is false and `value` is None or a pattern
    with X placeholders (`XXXX-01`).
    """

    model_config = ConfigDict(frozen=False)
    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable like every record (only TimeValue is frozen)

    text: str
    start_char: int
    end_char: int
    relation: TimeRelation | None = None


class Quantity(Record):
    """A number found in text, with its unit or currency."""

    text: str
    start_char: int
    end_char: int
    amount: float | None
    unit: str | None = None  # ISO 4217 code for money (EUR, USD), "%" for percentages, a noun lemma for counts
    kind: Literal["money", "percent", "count", "measure", "fraction"] = "count"
    approx: bool = False
    mod: str | None = None  # LESS_THAN, MORE_THAN, AT_LEAST, AT_MOST, APPROX
    counts: str | None = None  # the measure: what the number counts, normalised ("people", "jobs", "USD"); None: unknown


class Entity(Record):
    """An entity or noun phrase taking part in a claim."""

    text: str
    label: str | None = None  # spaCy label (ORG, PERSON/PER, GPE/LOC, ...) or NP
    start: int | None = None
    end: int | None = None
    canonical: str | None = None  # filled by reconciliation


class Predicate(Record):
    frame: str | None = None
    lemma: str
    text: str
    negated: bool = False
    start: int | None = None  # character span of the trigger (the matched trigger tokens, or the clause's verb)
    end: int | None = None


class Evidence(Record):
    sentence: str
    start: int
    end: int


class Attribution(Record):
    text: str
    start: int
    end: int
    kind: Literal["named", "anonymous", "media"] = "named"


class Claim(Record):
    """A clause-level statement: who did or said what, when, according to whom, and how surely."""

    id: str
    doc_id: str
    source: str | None = None
    published: date | None = None
    lang: str
    section: Section = "body"
    subject: Entity | None = None
    predicate: Predicate
    object: Entity | None = None
    value: Quantity | None = None
    time: TimeSpan | None = None
    modality: Modality = "asserted"
    polarity: Literal["positive", "negative"] = "positive"
    attribution: Attribution | None = None
    places: list[Entity] = Field(default_factory=list)  # the places the claim's sentence names (GPE, LOC, FAC)
    evidence: Evidence
    rule: str
    confidence: float = Field(ge=0.0, le=1.0)
    degraded: bool = False
    pipeline_version: str = PIPELINE_VERSION


# ----------------------------------------------------------------------------------------------
# Reconciliation

FactStatus = Literal["conflicting", "evolving", "corroborated", "single_source"]  # in the order they are shown
ConflictType = Literal["antonym", "negation", "numeric", "temporal", "modality"]
CONFLICT_TYPES: tuple[str, ...] = get_args(ConflictType)
FACT_STATUSES: tuple[str, ...] = get_args(FactStatus)


class Fact(Record):
    """Claims with the same predicate (frame, else lemma) about the same participants and event.

    Facts about one story (contradictory or successive frames of the same participants: spin off and
    reintegrate, IPO planned, postponed, cancelled) share `story`. `status` is `conflicting` when the fact's
    own claims disagree, or another fact of its story contradicts it and it is not corroborated; `evolving`
    when a later step of its timeline supersedes it (`updates` lists the steps it is in, earlier and later);
    `corroborated` when two independent sources agree; else `single_source`.
    `conflicts` lists every conflict a claim of this fact takes part in, so a corroborated fact can be contested.
    """

    key: str
    story: str
    subject: str | None
    frame: str | None
    lemma: str | None = None
    object: str | None = None
    entities: list[str] = Field(default_factory=list)
    status: FactStatus
    claim_ids: list[str]
    sources: list[str] = Field(default_factory=list)
    independent_sources: int
    languages: list[str]
    time_start: date | None = None
    time_end: date | None = None
    updates: list[list[str]] = Field(default_factory=list)  # timeline steps (earlier, later claim id) it is in
    conflicts: list[str] = Field(default_factory=list)  # ids of the conflicts its claims take part in


class ConflictSide(Record):
    claim_id: str
    fact_key: str  # the fact this claim belongs to: one fact for a negation, two for an antonym
    doc_id: str
    source: str | None
    lang: str
    published: date | None
    section: Section
    frame: str | None
    lemma: str
    polarity: Literal["positive", "negative"]
    modality: Modality
    attribution: str | None
    time: TimeSpan | None
    value: Quantity | None
    sentence: str
    start: int
    end: int
    highlight: list[list[int]] = Field(default_factory=list)  # [start, end] offsets inside `sentence`


class Identity(Record):
    """The evidence that the two sides of a conflict speak of the same event."""

    participants: list[str] = Field(default_factory=list)  # specific participants both name (canonical ids)
    places: list[str] = Field(default_factory=list)  # places both name (canonical ids)
    time: str | None = None  # the event time both are compatible with (TIMEX3 value), when both give one
    measure: str | None = None  # what both values count, for a numeric conflict


class Conflict(Record):
    id: str
    type: ConflictType
    title: str
    intra_document: bool = False
    sides: list[ConflictSide]
    differs: list[str] = Field(default_factory=list)  # names of the fields that differ
    explanation: str
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)  # how sure claimx is that this is a real disagreement
    identity: Identity = Field(default_factory=Identity)


class StageTimes(Record):
    """Wall seconds per stage. Per-document stages run together in one pass: `langid` covers reading and
    language ID, `extract` covers boilerplate stripping, spaCy and the claim rules; `boilerplate` is the
    corpus-wide template search."""

    ingest: float = 0.0  # discovering files
    langid: float = 0.0
    boilerplate: float = 0.0
    extract: float = 0.0
    reconcile: float = 0.0
    export: float = 0.0


class RunReport(Record):
    """`report.json`: what a run read, kept, rejected and how long each stage took."""

    claimx_version: str
    pipeline_version: str = PIPELINE_VERSION
    spacy_version: str | None = None
    models: dict[str, str] = Field(default_factory=dict)
    run_id: str | None = None  # names the run whose files these are; readers check `outputs` against the files
    corpus: str
    out: str
    reference_date: date | None = None
    max_bytes: int | None = None  # the caps this run read with (--max-bytes, --max-chars) and --follow-symlinks
    max_chars: int | None = None
    follow_symlinks: bool = False
    engine: str = "local"  # where the work ran: local (this machine's processes) or dask
    cache: str | None = None  # the per-document cache this run read and wrote (None: none)
    files_seen: int = 0
    # files of types claimx does not read, and folders holding an earlier run's outputs (with a final "/")
    skipped: list[str] = Field(default_factory=list)
    documents: int = 0
    documents_ok: int = 0
    documents_rejected: int = 0
    # documents read whose boilerplate and claims this run made, and those it took from the cache
    documents_extracted: int = 0
    documents_reused: int = 0
    languages: dict[str, int] = Field(default_factory=dict)
    without_pipeline: list[str] = Field(default_factory=list)
    rejected: list[dict[str, str]] = Field(default_factory=list)
    # corpus-level stages (templates, voting, reconcile, export) that raised: stage, reason, what was written
    failed_stages: list[dict[str, str]] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)  # about the run, not a document (a damaged cache rebuilt)
    claims: int = 0
    facts: int = 0
    conflicts: int = 0
    seconds: StageTimes = Field(default_factory=StageTimes)
    seconds_total: float = 0.0
    # every other file of the run, by name: {"bytes": size, "sha256": hex digest}
    outputs: dict[str, dict[str, int | str]] = Field(default_factory=dict)
