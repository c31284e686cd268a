"""`claimx run`: the batch job from a corpus folder to the files in `out/`.

Stages: discover → ingest + language ID (per file, in parallel) → templates (whole corpus) → boilerplate +
claims (per document, in parallel) → corpus-level entity type voting → reconciliation → atomic writes.

Fail soft per document, loud per run. A document that makes ingest, language ID, boilerplate removal, spaCy,
the claim rules or its entity votes raise is recorded as rejected, with the stage and the reason on one line,
and the run goes on without it; the exceptions are caught inside the worker functions, so a pool never sees
them. A corpus-level stage that raises (templates, voting, reconciliation, export) is recorded in the report's
`failed_stages` with what was still written, and the run goes on as far as it can: without templates, without
votes, without facts and conflicts (claims.jsonl keeps the extracted entity ids), or with the files written
before the one that failed. An output file this run should have written but could not is removed rather than
left from an earlier run.

The output folder is checked and locked before anything is read (`output.folder`); every file is written into a
staging folder and moved into place at the end with a `report.json` that lists them, so the folder holds one run's
files, whatever happens to the run. Inputs are read within limits: regular files inside the corpus folder (symlinks
out of it only when asked), at most `max_bytes` a file and `max_chars` a document.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from claimx import __version__
from claimx.ingest.discover import MAX_BYTES, ReadPolicy
from claimx.ingest.formats import MAX_CHARS
from claimx.schemas import Article, Claim, DocumentRecord, Paragraph, RunReport, StageTimes

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 32  # documents a worker strips and annotates at a time
MAX_REASON = 200  # characters of an error line


MIN_CONFIDENCE = 0.5  # by default, reconciliation reads the claims at least this sure (`Claim.confidence`)


@dataclass
class RunOptions:
    corpus: Path
    out: Path = Path("out")
    reference_date: date | None = None
    langs: frozenset[str] | None = None  # only these languages get claims; None: every language
    jobs: int = 1
    strict: bool = False
    extract: bool = True  # False: documents only (stages up to boilerplate)
    reconcile: bool = True
    max_bytes: int = MAX_BYTES  # a larger input file is rejected unread
    max_chars: int = MAX_CHARS  # a longer document is rejected before language ID
    follow_symlinks: bool = False  # read symlinks to files and folders outside the corpus folder
    min_confidence: float = MIN_CONFIDENCE  # claims less sure are written but neither corroborate nor contest


@dataclass
class Prepared:
    """An article after ingest and language ID, ready for boilerplate stripping."""

    article: Article
    paragraphs: list[Paragraph]
    lang: str | None
    lang_prob: float


@dataclass
class RunResult:
    report: RunReport
    documents: list[DocumentRecord]
    claims: list[Claim] = field(default_factory=list)
    facts: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    reconciled: bool = False  # facts and conflicts were made (reconciliation asked for and did not fail)


def error_line(exc: BaseException) -> str:
    """An exception as one bounded line: `TypeName: message`."""
    message = " ".join(str(exc).split())
    line = f"{type(exc).__name__}: {message}" if message else type(exc).__name__
    return line if len(line) <= MAX_REASON else line[: MAX_REASON - 1] + "…"


def _reason(stage: str, exc: BaseException) -> str:
    return f"{stage}: {error_line(exc)}"


def _article_record(a: Article, **found: object) -> DocumentRecord:
    """The `documents.jsonl` record of an article, with what the stages found (or the error) in `found`."""
    return DocumentRecord(
        doc_id=a.doc_id, path=a.path, item=a.item, source=a.source, title=a.title, url=a.url,
        published=a.published, published_from=a.published_from, encoding=a.encoding, chars_in=len(a.text),
        warnings=a.warnings, **found,
    )


def prepare_file(path: Path, reference_date: date | None, name: str | None = None, policy: ReadPolicy | None = None,
                 max_chars: int = MAX_CHARS) -> list[Prepared | DocumentRecord]:
    """Ingest one file and detect languages; errors become rejected `DocumentRecord`s and are never raised.
    `name` is the file's path inside the corpus; `policy` and `max_chars` are what may be read (`read_file`)."""
    from claimx.ingest.discover import IngestError
    from claimx.ingest.formats import read_file

    out: list[Prepared | DocumentRecord] = []
    try:
        for item in read_file(path, reference_date, name=name, policy=policy, max_chars=max_chars):
            if isinstance(item, IngestError):
                out.append(DocumentRecord(doc_id=None, path=item.path, item=item.item, status="rejected",
                                          error=item.reason))
                continue
            try:
                out.append(detect_languages(item))
            except Exception as exc:  # noqa: BLE001 - whatever one article raises, the others go on
                out.append(_article_record(item, status="rejected", error=_reason("langid", exc)))
    except Exception as exc:  # noqa: BLE001 - the reader failed on this file: the articles it gave before stay
        out.append(DocumentRecord(doc_id=None, path=str(path), status="rejected", error=_reason("ingest", exc)))
    return out


def detect_languages(article: Article) -> Prepared:
    """Language ID of one article, as a whole and per paragraph."""
    from claimx.common.text import line_spans
    from claimx.ingest import langid

    spans = line_spans(article.text, article.body_start)
    guess = langid.detect_document(article.text, spans)
    lang, prob = guess.lang, guess.prob
    if article.lang_hint and (lang is None or prob < 0.9):
        lang, prob = article.lang_hint.lower()[:2], 1.0  # a declared language beats an unsure guess
    doc_guess = langid.LangGuess(lang, prob)
    return Prepared(article, langid.detect_paragraphs(article.text, spans, doc_guess), lang, prob)


def strip_document(prep: Prepared, templates: frozenset[str]) -> DocumentRecord:
    """Boilerplate removal for one prepared article → its `documents.jsonl` record."""
    from claimx.ingest.boilerplate import strip
    from claimx.nlp.pipelines import has_trained

    a = prep.article
    removed = sorted(strip(a.text, prep.paragraphs, prep.lang, templates), key=lambda r: (r.start, r.end))
    gone = _covered(removed)
    kept = sum(p.end - p.start - _overlap(gone, p.start, p.end) for p in prep.paragraphs)
    return _article_record(a, lang=prep.lang, lang_prob=prep.lang_prob, has_pipeline=has_trained(prep.lang),
                           paragraphs=prep.paragraphs, removed=removed, chars_kept=kept)


def _strip_or_reject(prep: Prepared, templates: frozenset[str]) -> DocumentRecord:
    try:
        return strip_document(prep, templates)
    except Exception as exc:  # noqa: BLE001 - whatever one document raises, the others go on
        return _article_record(prep.article, lang=prep.lang, lang_prob=prep.lang_prob, paragraphs=prep.paragraphs,
                               status="rejected", error=_reason("boilerplate", exc))


def _covered(removed: list) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for r in removed:
        if merged and r.start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], r.end))
        else:
            merged.append((r.start, r.end))
    return merged


def _overlap(spans: list[tuple[int, int]], s: int, e: int) -> int:
    return sum(max(0, min(e, b) - max(s, a)) for a, b in spans)


def _pmap(fn: Callable[[T], R], items: list[T], jobs: int, tick: Callable[[], None] | None = None) -> list[R]:
    """`map` in input order, over `jobs` processes when more than one is asked and worth it."""
    results: list[R] = []
    if jobs <= 1 or len(items) < 2:
        for it in items:
            results.append(fn(it))
            if tick:
                tick()
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for res in pool.map(fn, items, chunksize=max(1, min(16, len(items) // (jobs * 4) or 1))):
            results.append(res)
            if tick:
                tick()
    return results


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


@contextmanager
def _fail_soft(report: RunReport, stage: str, outcome: str) -> Iterator[None]:
    """Runs a corpus-level stage; if it raises, the report records the stage, the reason and the `outcome`."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 - a failed stage is reported, and the run writes what it has
        report.failed_stages.append({"stage": stage, "reason": error_line(exc), "outcome": outcome})


class _Stage:
    """Times a stage into a `StageTimes` field."""

    def __init__(self, times: StageTimes, name: str):
        self.times, self.name = times, name

    def __enter__(self) -> None:
        self.t0 = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        setattr(self.times, self.name, round(getattr(self.times, self.name) + time.perf_counter() - self.t0, 3))


def _prepare_one(args: tuple[Path, date | None, str, ReadPolicy, int]) -> list[Prepared | DocumentRecord]:
    return prepare_file(*args)


@contextmanager
def _temporary_files_in(folder: Path) -> Iterator[None]:
    """Temporary files (the spool of reconciliation's workers) go to `folder` meanwhile: inside the output
    folder's work area, removed with it, and by the next run if this one is killed; never left in $TMPDIR."""
    import tempfile

    before = tempfile.tempdir
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = before


def _strip_and_extract(args: tuple[list[Prepared], frozenset[str], frozenset[str] | None, bool]):
    """Boilerplate and claims of a chunk of documents; a document that fails comes back rejected, never raised."""
    from claimx.nlp.batch import extract_documents

    preps, templates, langs, do_extract = args
    records = [_strip_or_reject(p, templates) for p in preps]
    if not do_extract:
        return records, [], Counter()
    claims, votes, failed = extract_documents([(p.article, r) for p, r in zip(preps, records)], langs)
    for i, (stage, exc) in failed.items():  # worded here, in the worker: an exception may not pickle
        records[i] = records[i].model_copy(update={"status": "rejected", "error": _reason(stage, exc)})
    return records, claims, votes


def run(options: RunOptions, progress: Callable[[str, int], Callable[[], None]] | None = None) -> RunResult:
    """Run the whole job and write the outputs; returns what was written. `progress(stage, total)` → tick.

    Raises `output.folder.OutputError` before reading anything when `options.out` cannot be used (not writable,
    a file, inside the corpus, or another run is writing to it)."""
    from claimx.output.folder import OutputFolder

    with OutputFolder(options.out, options.corpus) as folder:
        return _run(options, folder, progress)


def _run(options: RunOptions, folder, progress: Callable[[str, int], Callable[[], None]] | None) -> RunResult:
    from claimx.ingest.boilerplate import find_templates
    from claimx.ingest.discover import discover

    t_start = time.perf_counter()
    times = StageTimes()
    report = RunReport(claimx_version=__version__, run_id=folder.run_id, corpus=str(options.corpus),
                       out=str(options.out), reference_date=options.reference_date, max_bytes=options.max_bytes,
                       max_chars=options.max_chars, follow_symlinks=options.follow_symlinks)
    with _Stage(times, "ingest"):
        files, dir_errors, skipped = discover(options.corpus, follow_symlinks=options.follow_symlinks)
    report.files_seen = len(files)
    report.skipped = skipped
    tick = progress("reading", len(files)) if progress else None
    policy = ReadPolicy(root=Path(os.path.realpath(options.corpus)), follow_symlinks=options.follow_symlinks,
                        max_bytes=options.max_bytes)
    work = [(f, options.reference_date, f.relative_to(options.corpus).as_posix(), policy, options.max_chars)
            for f in files]
    with _Stage(times, "langid"):  # ingest and language ID run together, per file
        batches = _pmap(_prepare_one, work, options.jobs, tick)
    prepared: list[Prepared] = []
    records: list[DocumentRecord] = [
        DocumentRecord(doc_id=None, path=e.path, status="rejected", error=e.reason) for e in dir_errors
    ]
    order: list[Prepared | DocumentRecord] = [x for batch in batches for x in batch]
    for x in order:
        (prepared if isinstance(x, Prepared) else records).append(x)
    templates: frozenset[str] = frozenset()
    with _Stage(times, "boilerplate"), _fail_soft(report, "templates", "boilerplate removed without templates"):
        templates = find_templates((p.article.source, p.article.text) for p in prepared)
    chunks = list(_chunks(prepared, CHUNK))
    tick = progress("extracting", len(chunks)) if progress else None
    claims: list[Claim] = []
    votes: Counter = Counter()
    t0 = time.perf_counter()
    for recs, cls, vts in _pmap(_strip_and_extract, [(c, templates, options.langs, options.extract) for c in chunks],
                                options.jobs, tick):
        records.extend(recs)
        claims.extend(cls)
        votes.update(vts)
    times.extract = round(time.perf_counter() - t0, 3)
    records.sort(key=lambda r: (r.path, r.item or 0))
    result = RunResult(report=report, documents=records)
    if options.extract:
        from claimx.claims.voting import apply_votes

        with _fail_soft(report, "voting", "claims keep the entity labels their own document gave them"):
            claims = apply_votes(claims, votes)
        claims.sort(key=lambda c: (c.doc_id, c.evidence.start, c.id))
        result.claims = claims
    if options.extract and options.reconcile:
        with _Stage(times, "reconcile"), _fail_soft(
            report, "reconcile", "claims.jsonl keeps the extracted entity ids; no facts.json, no conflicts.json"
        ):
            from claimx.claims.frames import load_frames
            from claimx.reconcile.canon import canonicalise, resolve_mentions
            from claimx.reconcile.engine import reconcile

            found = resolve_mentions(result.claims)
            with _temporary_files_in(folder.tmp):
                rec = reconcile(result.claims, load_frames(), ids=found, jobs=options.jobs,
                                min_confidence=options.min_confidence)
            canonical = canonicalise(result.claims, ids=found.ids)  # claims.jsonl carries the canonical ids
            result.claims, result.facts, result.conflicts = canonical, rec.facts, rec.conflicts
            result.reconciled = True
    _fill_report(report, records, result)
    from claimx.output.files import file_digest, write_json

    with _Stage(times, "export"):
        written = write_outputs(folder.staging, result, options)
        for name in written:
            report.outputs[name] = file_digest(folder.staging / name)
    report.seconds = times
    report.seconds_total = round(time.perf_counter() - t_start, 3)
    out = str(options.out)
    with _fail_soft(report, "export", f"nothing moved into {out}: it keeps the files of the run before"):
        write_json(folder.staging / "report.json", report.model_dump(mode="json"))
        written.append("report.json")
    if "report.json" in written:
        with _fail_soft(report, "export", f"{out} may hold files of two runs (diff and show say so): run again"):
            folder.commit(written)
    return result


def _fill_report(report: RunReport, records: list[DocumentRecord], result: RunResult) -> None:
    from claimx.nlp.pipelines import model_versions

    report.documents = len(records)
    report.documents_ok = sum(r.status == "ok" for r in records)
    report.documents_rejected = sum(r.status == "rejected" for r in records)
    report.languages = dict(sorted(Counter(r.lang or "unknown" for r in records if r.status == "ok").items()))
    report.without_pipeline = sorted({r.lang or "unknown" for r in records if r.status == "ok" and not r.has_pipeline})
    report.rejected = [{"path": r.path if r.item is None else f"{r.path}:{r.item}", "reason": r.error or ""}
                       for r in records if r.status == "rejected"]
    report.spacy_version = _spacy_version()
    report.models = model_versions()
    report.claims = len(result.claims)
    report.facts = len(result.facts)
    report.conflicts = len(result.conflicts)


def _spacy_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy")
    except PackageNotFoundError:
        return None


def write_outputs(out: Path, result: RunResult, options: RunOptions) -> list[str]:
    """documents.jsonl always; claims.jsonl when claims were extracted; facts.json and conflicts.json when
    reconciliation ran. Written in that order; on a failure the rest is not written and the report says what was.
    Returns the names written (the run's staging folder then holds those and nothing else)."""
    from claimx.output.files import CONFLICTS_FILE, FACTS_FILE, write_conflicts, write_facts, write_jsonl

    writers: dict[str, Callable[[], object] | None] = {
        "documents.jsonl": lambda: write_jsonl(out / "documents.jsonl",
                                               (r.model_dump(mode="json") for r in result.documents))}
    if options.extract:
        writers["claims.jsonl"] = lambda: write_jsonl(out / "claims.jsonl",
                                                      (c.model_dump(mode="json") for c in result.claims))
    if options.extract and options.reconcile:  # asked for: written if reconciliation did not fail
        writers[FACTS_FILE] = (lambda: write_facts(out, result.facts)) if result.reconciled else None
        writers[CONFLICTS_FILE] = (lambda: write_conflicts(out, result.conflicts)) if result.reconciled else None
    written: list[str] = []
    name = str(out)
    try:
        for name, write in writers.items():
            if write is not None:
                write()
                written.append(name)
    except Exception as exc:  # noqa: BLE001 - the files written so far stay, and the report says which
        outcome = f"written: {', '.join(written) or 'nothing'}; not written: " + ", ".join(
            n for n in writers if n not in written)
        result.report.failed_stages.append({"stage": "export", "reason": _reason(name, exc), "outcome": outcome})
    return written
