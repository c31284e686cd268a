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
their sentences and pydantic bookkeeping shared. With `--jobs N` (the local engine), N worker processes do language ID, then N others
the extraction (so that these do not keep the language detector's tables): an extraction worker loads a spaCy
pipeline when a chunk first needs its language, and keeps it.

The per-document stages run on an engine (`engines`: this machine's processes, or a Dask cluster) as tasks of plain
data, and through the per-document cache when one is given (`cache`): a rerun reads and extracts only new or
changed documents; the corpus-wide stages run over all of them again. Outputs are the same bytes either way.
"""

from __future__ import annotations

import os
import pickle
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from claimx import __version__
from claimx.common.memory import give_back_memory
from claimx.common.records import share_field_sets
from claimx.engines.documents import MAX_REASON, Prepared, detect_languages, error_line, prepare_file, strip_document
from claimx.engines.documents import reason as _reason
from claimx.ingest.discover import MAX_BYTES
from claimx.ingest.formats import MAX_CHARS
from claimx.ingest.langid import release_detector
from claimx.nlp.pipelines import pipelines_loaded, release_pipelines
from claimx.schemas import Claim, DocumentRecord, RunReport, StageTimes

__all__ = ["MAX_REASON", "Prepared", "RunOptions", "RunResult", "detect_languages", "error_line", "prepare_file",
           "run", "strip_document", "write_outputs"]

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
    engine: str = "local"  # where the work runs: local (this machine's processes) or dask
    scheduler: str | None = None  # dask: the address of the scheduler of a cluster to join; None: a LocalCluster
    dashboard: str | None = None  # dask: where a LocalCluster serves Dask's dashboard; None: off
    cache: Path | None = None  # the per-document cache (`claimx run` uses OUT/.cache.sqlite); None: none
    # True (`claimx run`): what a stage loaded is let go of when the run needs it no more: langdetect's profiles once
    # every document is read; and once this process has loaded spaCy pipelines (`--jobs 1`), the claims wait in a
    # spool file and the pipelines are let go when extraction is done, so that the claims take their place instead
    # of adding to them (a run whose pipelines are elsewhere, in workers, or that finds every document cached, spools
    # nothing)
    release_pipelines: bool = False


@dataclass
class RunResult:
    report: RunReport
    documents: list[DocumentRecord]
    claims: list[Claim] = field(default_factory=list)
    facts: list = field(default_factory=list)
    conflicts: list = field(default_factory=list)
    reconciled: bool = False  # facts and conflicts were made (reconciliation asked for and did not fail)
    canonical_ids: list | None = None  # per claim, its (subject, object) ids, when `claims` are not the copies


class _Spool:
    """Records kept on disk between two stages, pickled one after the other in the run's temporary folder: the run
    never holds them all. Prepared articles wait there for the templates (they need the whole corpus first), the
    claims of each document for reconciliation (they need every claim, but not the pipelines that made them)."""

    def __init__(self, folder: Path, name: str):
        self.path = folder / name
        self._out = open(self.path, "wb")  # noqa: SIM115 - closed by `close` or `__iter__`
        self.count = 0

    def add(self, item: object) -> None:
        pickle.dump(item, self._out, pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self) -> Iterator:
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


def run(options: RunOptions, progress: Callable[[str, int], Callable[[], None]] | None = None) -> RunResult:
    """Run the whole job and write the outputs; returns what was written. `progress(stage, total)` → tick.

    Raises `output.folder.OutputError` before reading anything when `options.out` cannot be used (not writable,
    a file, inside the corpus, or another run is writing to it), `engines.EngineError` when the engine cannot run
    (Dask not installed, no scheduler at the address, workers running other code), `cache.CacheError` when the
    cache file is not a claimx cache."""
    from claimx.engines import open_engine
    from claimx.output.folder import OutputFolder

    with OutputFolder(options.out, options.corpus) as folder:
        report = RunReport(claimx_version=__version__, run_id=folder.run_id, corpus=str(options.corpus),
                           out=str(options.out), reference_date=options.reference_date, max_bytes=options.max_bytes,
                           max_chars=options.max_chars, follow_symlinks=options.follow_symlinks,
                           engine=options.engine, cache=str(options.cache) if options.cache else None)
        with open_engine(options.engine, jobs=options.jobs, scheduler=options.scheduler, work=folder.tmp,
                         dashboard=options.dashboard) as engine, _open_cache(options, report) as cache:
            return _run(options, folder, report, engine, cache, progress)


@contextmanager
def _open_cache(options: RunOptions, report: RunReport):
    """The per-document cache of the run (None without one); its warnings go to the report."""
    if options.cache is None:
        yield None
        return
    from claimx.engines.cache import DocumentCache, fingerprint

    with DocumentCache(options.cache, fingerprint(), report.warnings.append) as cache:
        yield cache


def _context(options: RunOptions) -> dict:
    """What every task of the run needs to know, as plain data (`engines.tasks`)."""
    from claimx.engines.cache import fingerprint
    from claimx.resources import models_dirs

    return {"fingerprint": fingerprint(), "models": [str(p) for p in models_dirs()[1:]],
            "reference_date": options.reference_date.isoformat() if options.reference_date else None,
            "root": os.path.realpath(options.corpus), "follow_symlinks": options.follow_symlinks,
            "max_bytes": options.max_bytes, "max_chars": options.max_chars,
            "langs": sorted(options.langs) if options.langs is not None else None, "extract": options.extract}


def _run(options: RunOptions, folder, report: RunReport, engine, cache,
         progress: Callable[[str, int], Callable[[], None]] | None) -> RunResult:
    from claimx.engines.stages import Reuse, extract_stage, read_stage
    from claimx.ingest.boilerplate import find_templates
    from claimx.ingest.discover import discover

    t_start = time.perf_counter()
    times = StageTimes()
    with _Stage(times, "ingest"):
        files, dir_errors, skipped = discover(options.corpus, follow_symlinks=options.follow_symlinks)
    report.files_seen = len(files)
    report.skipped = skipped
    context = _context(options)
    named = [(f, f.relative_to(options.corpus).as_posix()) for f in files]
    documents = _DocumentSpool(folder.tmp, keep=options.keep_records)
    prepared = _Spool(folder.tmp, "prepared.pickle")
    spooled: _Spool | None = None  # per document, its claims, while this process holds pipelines
    claims: list[Claim] = []
    votes: Counter = Counter()
    reuse = Reuse()
    try:
        for e in dir_errors:
            documents.add(DocumentRecord(doc_id=None, path=e.path, status="rejected", error=e.reason))
        tick = progress("reading", len(files)) if progress else None
        with _Stage(times, "langid"):  # ingest and language ID run together, per file
            for found in read_stage(engine, cache, named, context, tick):
                for x in found:
                    (prepared.add if isinstance(x, Prepared) else documents.add)(x)
        if options.release_pipelines:  # every language is known: langdetect's profiles would only take room
            release_detector()
            give_back_memory()
        templates: frozenset[str] = frozenset()
        with _Stage(times, "boilerplate"), _fail_soft(report, "templates", "boilerplate removed without templates"):
            templates = find_templates((p.article.source, p.article.text) for p in prepared)
        tick = progress("extracting", prepared.count) if progress else None
        with _Stage(times, "extract"):
            for rec, cls, vts in extract_stage(engine, cache, prepared, templates, context, reuse, tick):
                documents.add(rec)
                if spooled is None and options.release_pipelines and pipelines_loaded():
                    spooled = _Spool(folder.tmp, "claims.pickle")  # from now on, in order after those held
                if spooled is not None:
                    spooled.add(cls)
                else:
                    share_field_sets(cls)  # the claims are held until reconciliation: as small as they can be
                    claims.extend(cls)
                votes.update(vts)
        report.documents_extracted, report.documents_reused = reuse.extracted, reuse.reused
        prepared.close()
        if spooled is not None:
            release_pipelines()
            for cls in spooled:
                share_field_sets(cls)
                claims.extend(cls)
            spooled.close()
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
                    rec = reconcile(result.claims, load_frames(), ids=found, jobs=engine.workers,
                                    min_confidence=options.min_confidence, runner=engine.share_runner(context))
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
        if spooled is not None:
            spooled.close()
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
