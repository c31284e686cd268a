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

Memory does not grow with the corpus but by its claims: documents go through one at a time. Prepared articles wait
for the templates in a spool file of the run's temporary folder, document records are written to a spool as they
come (documents.jsonl is written from it, in path order), the workers get at most two chunks each at a time, and
every output is written record by record. What the run holds are the claims, for voting and reconciliation, with
their sentences and pydantic bookkeeping shared. With `--jobs N`, N worker processes do language ID, then N others
the extraction (so that these do not keep the language detector's tables): an extraction worker loads a spaCy
pipeline when a chunk first needs its language, and keeps it.
"""

from __future__ import annotations

import os
import pickle
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from itertools import islice
from typing import TypeVar

from claimx import __version__
from claimx.common.records import share_field_sets
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
    # False (`claimx run`): the result holds neither documents nor claims, and no copy of the claims is made for
    # their canonical ids (claims.jsonl gets them as it is written); the files are the same either way
    keep_records: bool = True


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
    canonical_ids: list | None = None  # per claim, its (subject, object) ids, when `claims` are not the copies


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


PREPARE_BATCH = 8  # files a worker ingests and detects per task (fewer round trips than one a task)


@contextmanager
def _workers(jobs: int) -> Iterator[ProcessPoolExecutor | None]:
    """Worker processes for one per-document stage (None: it runs here). An extraction worker loads a spaCy
    pipeline when a chunk first needs its language, and keeps it to the end of the stage."""
    if jobs <= 1:
        yield None
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield pool


def _imap(fn: Callable[[T], R], items: Iterable[T], pool: ProcessPoolExecutor | None, jobs: int,
          tick: Callable[[], None] | None = None) -> Iterator[R]:
    """`map` in input order, in the pool of `jobs` workers when there is one, with at most two tasks a worker in
    flight: the items are read as the work goes, never all at once."""
    if pool is None:
        for it in items:
            res = fn(it)
            if tick:
                tick()
            yield res
        return
    source = iter(items)
    pending = deque(pool.submit(fn, it) for it in islice(source, 2 * jobs))
    while pending:
        res = pending.popleft().result()
        for it in islice(source, 1):
            pending.append(pool.submit(fn, it))
        if tick:
            tick()
        yield res


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    source = iter(items)
    while batch := list(islice(source, size)):
        yield batch


class _PreparedSpool:
    """Prepared articles kept on disk between language ID and extraction (templates need the whole corpus
    first), pickled one after the other in the run's temporary folder: the run never holds them all."""

    def __init__(self, folder: Path):
        self.path = folder / "prepared.pickle"
        self._out = open(self.path, "wb")  # noqa: SIM115 - closed by `close` or `__iter__`
        self.count = 0

    def add(self, prep: Prepared) -> None:
        pickle.dump(prep, self._out, pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator[Prepared]:
        if not self._out.closed:
            self._out.close()
        with open(self.path, "rb") as fh:
            for _ in range(self.count):
                yield pickle.load(fh)

    def close(self) -> None:
        if not self._out.closed:
            self._out.close()
        self.path.unlink(missing_ok=True)


class _DocumentSpool:
    """The `documents.jsonl` records as they come, written at once to a spool file as their JSON lines; the run
    keeps only their sort key and what the report counts. `lines()` gives them in the file's order: by path and
    item, records of equal keys in the order they came."""

    def __init__(self, folder: Path, keep: bool):
        from claimx.output.files import dumps

        self._dumps = dumps
        self.path = folder / "documents.spool"
        self._out = open(self.path, "w+b")  # noqa: SIM115 - closed by `close`
        self.index: list[tuple[str, int, int, int, int]] = []  # (path, item, arrival, offset, length)
        self.summary: list[tuple[str, int | None, str, str | None, bool | None, str | None]] = []
        self.kept: list[DocumentRecord] | None = [] if keep else None

    def add(self, rec: DocumentRecord) -> None:
        line = (self._dumps(rec.model_dump(mode="json"), indent=None) + "\n").encode("utf-8", "backslashreplace")
        self.index.append((rec.path, rec.item or 0, len(self.index), self._out.tell(), len(line)))
        self._out.write(line)
        self.summary.append((rec.path, rec.item, rec.status, rec.lang, rec.has_pipeline, rec.error))
        if self.kept is not None:
            self.kept.append(rec)

    def lines(self) -> Iterator[str]:
        self._out.flush()
        for *_, offset, length in sorted(self.index):
            self._out.seek(offset)
            yield self._out.read(length).decode("utf-8").removesuffix("\n")
        self._out.seek(0, os.SEEK_END)

    def documents(self) -> list[DocumentRecord]:
        """The records kept (when asked), in the file's order."""
        order = sorted(range(len(self.index)), key=lambda i: self.index[i][:3])
        return [self.kept[i] for i in order] if self.kept is not None else []

    def close(self) -> None:
        self._out.close()
        self.path.unlink(missing_ok=True)


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


def _prepare_batch(batch: list[tuple[Path, date | None, str, ReadPolicy, int]]
                   ) -> list[list[Prepared | DocumentRecord]]:
    return [prepare_file(*args) for args in batch]


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
    policy = ReadPolicy(root=Path(os.path.realpath(options.corpus)), follow_symlinks=options.follow_symlinks,
                        max_bytes=options.max_bytes)
    work = [(f, options.reference_date, f.relative_to(options.corpus).as_posix(), policy, options.max_chars)
            for f in files]
    documents = _DocumentSpool(folder.tmp, keep=options.keep_records)
    prepared = _PreparedSpool(folder.tmp)
    claims: list[Claim] = []
    votes: Counter = Counter()
    try:
        for e in dir_errors:
            documents.add(DocumentRecord(doc_id=None, path=e.path, status="rejected", error=e.reason))
        with _workers(options.jobs) as pool:  # language ID's workers end with it, and their detector's tables
            batches = _batches(work, PREPARE_BATCH)
            tick = progress("reading", len(files)) if progress else None
            with _Stage(times, "langid"):  # ingest and language ID run together, per file
                for batch in _imap(_prepare_batch, batches, pool, options.jobs):
                    for found in batch:
                        for x in found:
                            (prepared.add if isinstance(x, Prepared) else documents.add)(x)
                        if tick:
                            tick()
        templates: frozenset[str] = frozenset()
        with _Stage(times, "boilerplate"), _fail_soft(report, "templates", "boilerplate removed without templates"):
            templates = find_templates((p.article.source, p.article.text) for p in prepared)
        with _workers(options.jobs) as pool:
            tick = progress("extracting", -(-prepared.count // CHUNK)) if progress else None
            tasks = ((c, templates, options.langs, options.extract) for c in _batches(prepared, CHUNK))
            with _Stage(times, "extract"):
                for recs, cls, vts in _imap(_strip_and_extract, tasks, pool, options.jobs, tick):
                    for rec in recs:
                        documents.add(rec)
                    share_field_sets(cls)  # the claims are held until reconciliation: as small as they can be
                    claims.extend(cls)
                    votes.update(vts)
        prepared.close()
        result = RunResult(report=report, documents=documents.documents())
        if options.extract:
            from claimx.claims.voting import apply_votes

            with _fail_soft(report, "voting", "claims keep the entity labels their own document gave them"):
                claims = apply_votes(claims, votes)
            claims.sort(key=lambda c: (c.doc_id, c.evidence.start, c.id))
            result.claims = claims
            del claims
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
                if options.keep_records:  # claims.jsonl carries the canonical ids, and so do the claims returned
                    result.claims = canonicalise(result.claims, ids=found.ids)
                else:
                    result.canonical_ids = found.ids
                result.facts, result.conflicts = rec.facts, rec.conflicts
                result.reconciled = True
        _fill_report(report, documents.summary, result)
        from claimx.output.files import file_digest, write_json

        with _Stage(times, "export"):
            written = write_outputs(folder.staging, result, options, documents.lines)
            for name in written:
                report.outputs[name] = file_digest(folder.staging / name)
        if not options.keep_records:
            result.claims, result.canonical_ids = [], None
    finally:
        prepared.close()
        documents.close()
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


def _fill_report(report: RunReport, records: list[tuple], result: RunResult) -> None:
    """The report's counts from each document's (path, item, status, lang, has_pipeline, error)."""
    from claimx.nlp.pipelines import model_versions

    records = sorted(records, key=lambda r: (r[0], r[1] or 0))  # stable: the order of documents.jsonl
    ok = [r for r in records if r[2] == "ok"]
    report.documents = len(records)
    report.documents_ok = len(ok)
    report.documents_rejected = sum(r[2] == "rejected" for r in records)
    report.languages = dict(sorted(Counter(r[3] or "unknown" for r in ok).items()))
    report.without_pipeline = sorted({r[3] or "unknown" for r in ok if not r[4]})
    report.rejected = [{"path": path if item is None else f"{path}:{item}", "reason": error or ""}
                       for path, item, status, _, _, error in records if status == "rejected"]
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


def write_outputs(out: Path, result: RunResult, options: RunOptions,
                  document_lines: Callable[[], Iterable[str]] | None = None) -> list[str]:
    """documents.jsonl always (from `document_lines()`, the records' JSON lines, else from `result.documents`);
    claims.jsonl when claims were extracted; facts.json and conflicts.json when reconciliation ran. Written in
    that order, each record as it is read; on a failure the rest is not written and the report says what was.
    Returns the names written (the run's staging folder then holds those and nothing else)."""
    from claimx.output.files import (CONFLICTS_FILE, FACTS_FILE, dumps, write_conflicts, write_facts, write_jsonl,
                                     write_lines)

    if document_lines is None:
        def document_lines() -> Iterator[str]:
            return (dumps(r.model_dump(mode="json"), indent=None) for r in result.documents)

    writers: dict[str, Callable[[], object] | None] = {
        "documents.jsonl": lambda: write_lines(out / "documents.jsonl", document_lines())}
    if options.extract:
        if result.canonical_ids is not None:
            from claimx.reconcile.canon import canonical_records

            writers["claims.jsonl"] = lambda: write_jsonl(out / "claims.jsonl",
                                                          canonical_records(result.claims, result.canonical_ids))
        else:
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
