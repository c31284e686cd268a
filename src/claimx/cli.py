"""The `claimx` command line: thin typer commands that check arguments and call plain functions.

Heavy imports (spaCy, trafilatura, dateparser) happen inside the commands, so `claimx --help` stays fast.
Usage errors and unreadable outputs are one line on stderr and exit status 2, never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from typer.exceptions import TyperException

app = typer.Typer(
    name="claimx",
    help="Turn a folder of raw news articles into dated, attributed claims, reconciled across sources.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score claimx on public benchmarks (language ID, dates, boilerplate, claims, conflicts, "
                       "incidents).", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


class UserError(Exception):
    """A mistake of the user's: printed by `main` as one line, exit status 2."""

    exit_code = 2


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(f"--reference-date must be YYYY-MM-DD, got {value!r}") from None


def _parse_langs(value: str | None) -> frozenset[str] | None:
    if not value:
        return None
    from claimx.ingest.langid import languages

    langs = frozenset(x.strip().lower() for x in value.split(",") if x.strip())
    bad = sorted(x for x in langs if not x.isalpha() or len(x) not in (2, 3))
    if bad:
        raise UserError(f"--lang takes ISO 639-1 codes separated by commas (e.g. en,fr), got {', '.join(bad)}")
    unknown = sorted(langs - languages())
    if unknown:
        raise UserError(f"--lang: {', '.join(unknown)} is not a language claimx detects; one of: "
                        f"{', '.join(sorted(languages()))}")
    return langs


_SIZE = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9}


def _parse_size(value: str, option: str) -> int:
    """`100M`, `2G`, `500k` or a number of bytes (decimal units) → bytes."""
    text = value.strip().lower().removesuffix("b")
    number, unit = (text[:-1], text[-1]) if text[-1:] in _SIZE else (text, "")
    try:
        size = int(float(number) * _SIZE[unit])
    except (ValueError, OverflowError):
        size = 0
    if size < 1:
        raise UserError(f"{option} takes a size in bytes such as 100M, 2G or 500000, got {value!r}")
    return size


def _parse_engine(engine: str, scheduler: str | None, dashboard: str | None) -> dict:
    from claimx.engines import ENGINES

    if engine not in ENGINES:
        raise UserError(f"--engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if scheduler is not None and engine != "dask":
        raise UserError("--scheduler is for --engine dask")
    if dashboard is not None and (engine != "dask" or scheduler is not None):
        raise UserError("--dashboard is for --engine dask without --scheduler (a cluster serves its own)")
    if engine == "dask":
        from importlib.util import find_spec

        if find_spec("distributed") is None:
            raise UserError("--engine dask needs Dask distributed: pip install 'claimx[dask]'")
    return {"engine": engine, "scheduler": scheduler, "dashboard": dashboard}


def _parse_cache(cache: str | None, no_cache: bool, corpus: Path, out: str) -> Path | None:
    from claimx.engines.cache import DEFAULT_NAME, CacheError, check_cache

    if no_cache:
        if cache is not None:
            raise UserError("--cache and --no-cache exclude each other")
        return None
    if cache == "":
        raise UserError("--cache must name a file, got ''")
    path = Path(cache) if cache is not None else Path(out) / DEFAULT_NAME
    try:
        check_cache(path, corpus, Path(out))
    except CacheError as exc:
        raise UserError(str(exc)) from None
    return path


def _processors() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` on one line as the terminal will show it: control characters, line and paragraph separators,
    bidirectional overrides and undecodable bytes of file names as backslash escapes (`\\n`, `\\x1b`)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def _line(label: str, style: str, *parts: str):
    """A message line as a rich `Text`: the label styled, the rest printed as is (never read as markup)."""
    from rich.text import Text

    return Text.assemble((label, style), " ", printable("".join(parts)))


def _err_console():
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, highlight=False, emoji=False)


@app.command("run")
def run_cmd(
    corpus: Annotated[Path, typer.Argument(help="Folder of articles (.txt .md .html .json .jsonl), searched recursively.")],
    out: Annotated[str, typer.Option("--out", help="Output folder (not inside CORPUS).")] = "out",
    reference_date: Annotated[
        str | None, typer.Option("--reference-date", help="YYYY-MM-DD date for articles that carry none.")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only extract claims in these languages, e.g. en,fr.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=64, help="Worker processes (for documents, then for reconciliation); with --engine dask, those of the local cluster.")] = 1,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when any input was rejected.")] = False,
    max_bytes: Annotated[str, typer.Option("--max-bytes", help="Largest input file read, e.g. 100M (larger: rejected unread).")] = "100M",
    max_chars: Annotated[int, typer.Option("--max-chars", min=1, help="Longest document processed, in characters, at most 1000000 (longer: rejected).")] = 200_000,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="Also read symlinks to files and folders outside CORPUS.")] = False,
    min_confidence: Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Claims less sure than this are written to claims.jsonl but left out of facts and conflicts (default 0.5).")] = 0.5,
    report: Annotated[bool, typer.Option("--report", help="Also write OUT/report.html, the run as one HTML page (see `claimx report`).")] = False,
    engine: Annotated[str, typer.Option("--engine", help="Where the work runs: local (this machine's processes) or dask (a Dask cluster; pip install 'claimx\\[dask]').")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="With --engine dask: the address of the scheduler of a running cluster (tcp://host:8786); without, a local cluster of --jobs workers.")] = None,
    dashboard: Annotated[str | None, typer.Option("--dashboard", help="With --engine dask and no --scheduler: serve Dask's dashboard at this address (e.g. :8787); off by default.")] = None,
    cache: Annotated[str | None, typer.Option("--cache", help="The per-document cache file (default OUT/.cache.sqlite): reruns extract only new or changed documents.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the per-document cache.")] = False,
) -> None:
    """Read CORPUS and write documents.jsonl, claims.jsonl, facts.json, conflicts.json and report.json to OUT.

    A document that fails at any stage is rejected and the run goes on; a corpus-wide stage that fails makes the
    exit status 1, after writing what it can. OUT changes as a whole, at the end of the run; with --report,
    OUT/report.html is written after it. Documents read and extracted before (same file, same claimx, same
    models) are taken from the cache; the corpus-wide stages run over all documents again."""
    if not corpus.is_dir():
        raise UserError(f"corpus folder '{corpus}' does not exist or is not a folder")
    from claimx.ingest.discover import is_output_folder
    from claimx.output.folder import OutputError, check_out

    if is_output_folder(corpus):
        raise UserError(f"'{corpus}' holds the outputs of a claimx run: outputs are never read as inputs")
    try:
        check_out(out, corpus)
    except OutputError as exc:
        raise UserError(str(exc)) from None
    if max_chars > 1_000_000:
        raise UserError(f"--max-chars can be at most 1000000 (spaCy's limit for one document), got {max_chars}")
    checked = {"reference_date": _parse_date(reference_date), "langs": _parse_langs(lang),
               "max_bytes": _parse_size(max_bytes, "--max-bytes"),
               **_parse_engine(engine, scheduler, dashboard), "cache": _parse_cache(cache, no_cache, corpus, out)}
    console = _err_console()
    if jobs > _processors() and not scheduler:
        console.print(_line("warning", "yellow", f"--jobs {jobs} is more than the processors here ({_processors()}), "
                            "and each worker loads both pipelines (about 1.1 GB): the run will be slower, not faster"))
    from claimx.engines.cache import CacheError
    from claimx.engines import EngineError
    from claimx.pipeline import RunOptions, run

    options = RunOptions(corpus=corpus, out=Path(out), jobs=jobs, strict=strict, max_chars=max_chars,
                         follow_symlinks=follow_symlinks, min_confidence=min_confidence, keep_records=False,
                         release_pipelines=True,
                         **checked)
    try:
        with _progress(console) as progress:
            result = run(options, progress)
    except (OutputError, EngineError, CacheError) as exc:  # the lock is taken, the cluster reached, only now
        raise UserError(str(exc)) from None
    rep = result.report
    # one line each, never wrapped: paths and exception messages are the user's text, not markup
    for path in rep.skipped:
        if path.endswith(("/", os.sep)):
            console.print(_line("skipped", "yellow", path, ": the outputs of an earlier claimx run, never an input"))
    for rej in rep.rejected:
        console.print(_line("rejected", "yellow", rej["path"], ": ", rej["reason"]))
    for fail in rep.failed_stages:
        console.print(_line("failed", "red", fail["stage"], ": ", fail["reason"], " (", fail["outcome"], ")"))
    for warning in rep.warnings:
        console.print(_line("warning", "yellow", warning))
    reused = f" ({rep.documents_reused} reused from the cache)" if rep.documents_reused else ""
    console.print(printable(
        f"{rep.documents_ok} documents ok{reused}, {rep.documents_rejected} rejected, {rep.claims} claims, "
        f"{rep.facts} facts, {rep.conflicts} conflicts → {out}/ in {rep.seconds_total:.1f}s"), markup=False)
    failed_report = False
    if report:
        from claimx.output.report import write_report

        try:
            console.print(printable(f"report → {write_report(Path(out))}"), markup=False)
        except ValueError as exc:
            console.print(_line("failed", "red", "report: ", str(exc)))
            failed_report = True
    if rep.failed_stages or failed_report or (strict and rep.documents_rejected):
        raise typer.Exit(1)


def _evaluate(folder: Path, evaluate, render, as_json: bool, *, file: bool = False, **options) -> None:
    """Run one evaluation harness on `folder` (a file when `file`) and print its report (a table, or JSON)."""
    from rich.console import Console

    if file and not folder.is_file():
        raise UserError(f"'{folder}' is not a file")
    if not file and not folder.is_dir():
        raise UserError(f"'{folder}' is not a folder")
    try:
        report = evaluate(folder, **options)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if as_json:
        print(report.model_dump_json(indent=2))
    else:
        Console().print(render(report))
    failed = getattr(report, "failed_stages", None)
    for line in failed or []:  # the claimx run under the evaluation failed a stage: its figures are wrong
        print(f"claimx: failed stage {line}", file=sys.stderr)
    if failed:
        raise typer.Exit(1)


_JSON = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
_JOBS = Annotated[int, typer.Option("--jobs", min=1, max=64, help="Worker processes for the claimx run.")]


@eval_app.command("langid")
def eval_langid_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder with sentences/, word-pairs/, single-words/ of <lang>.txt.")],
    as_json: _JSON = False,
) -> None:
    """Accuracy of claimx's language detection, overall, per kind and per language."""
    from claimx.evaluation.langid import evaluate_langid, render

    _evaluate(folder, evaluate_langid, render, as_json)


@eval_app.command("dates")
def eval_dates_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder of TimeML .tml files (the folder name may be the language).")],
    lang: Annotated[str | None, typer.Option("--lang", help="Language of the files (default: folder name or detected).")] = None,
    as_json: _JSON = False,
) -> None:
    """TempEval-3 scores of claimx's time tagging and normalisation against gold TIMEX3."""
    from claimx.evaluation.dates import evaluate_dates, render

    _evaluate(folder, evaluate_dates, render, as_json, lang=lang)


@eval_app.command("boilerplate")
def eval_boilerplate_cmd(
    folder: Annotated[Path, typer.Argument(help="ground-truth.json + html/ or text/, or evaldata.json + html/.")],
    mode: Annotated[str, typer.Option("--mode", help="auto, html (pages) or text (plain-text dumps).")] = "auto",
    as_json: _JSON = False,
) -> None:
    """Precision, recall and F1 of claimx's boilerplate removal / article extraction."""
    from claimx.evaluation.boilerplate import evaluate_boilerplate, render

    if mode not in ("auto", "html", "text"):
        raise UserError(f"--mode must be auto, html or text, got {mode!r}")
    _evaluate(folder, evaluate_boilerplate, render, as_json, mode=mode)


@eval_app.command("claims")
def eval_claims_cmd(
    folder: Annotated[Path, typer.Argument(help="Folder of MEANTIME CAT XML documents (searched recursively).")],
    jobs: _JOBS = 1,
    sample: Annotated[int, typer.Option("--sample", min=0, help="Also show N random matched claims, judged per field.")] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the --sample draw.")] = 0,
    as_json: _JSON = False,
) -> None:
    """Claims against MEANTIME's gold events: matched share, precision per field, fully correct, event identity."""
    from claimx.evaluation.claims import evaluate_claims, render

    _evaluate(folder, evaluate_claims, render, as_json, jobs=jobs, sample=sample, seed=seed)


@eval_app.command("conflicts")
def eval_conflicts_cmd(
    tsv: Annotated[Path, typer.Argument(help="DACCORD or RTE3-FR TSV file (id, premise, hypothesis, label).")],
    jobs: _JOBS = 1,
    as_json: _JSON = False,
) -> None:
    """Conflicts against pairs labelled contradiction: recall, false alarms, precision, recall per kind."""
    from claimx.evaluation.conflicts import evaluate_conflicts, render

    _evaluate(tsv, evaluate_conflicts, render, as_json, file=True, jobs=jobs)


@eval_app.command("incidents")
def eval_incidents_cmd(
    jsonl: Annotated[Path, typer.Argument(help="Gun Violence Archive JSONL file (one incident with its articles a line).")],
    jobs: _JOBS = 1,
    as_json: _JSON = False,
) -> None:
    """Claims and conflicts of several outlets per incident, checked against the incident's record."""
    from claimx.evaluation.incidents import evaluate_incidents, render

    _evaluate(jsonl, evaluate_incidents, render, as_json, file=True, jobs=jobs)


@app.command("schema")
def schema_cmd(
    record: Annotated[str | None, typer.Argument(help="One record name (e.g. Claim); default: all.")] = None,
) -> None:
    """Print the JSON Schema of every output record (from the pydantic models)."""
    import json

    from claimx.output.files import json_schemas

    schemas = json_schemas()
    if record is not None:
        if record not in schemas:
            raise UserError(f"unknown record {record!r}; one of: {', '.join(sorted(schemas))}")
        schemas = {record: schemas[record]}
    print(json.dumps(schemas, indent=2, ensure_ascii=False))


def _load_out(out: Path):
    """Facts, conflicts and claims of an output folder, checked against the files its report.json lists."""
    from claimx.output.files import read_claims, read_conflicts, read_facts, read_manifest

    if not out.is_dir():
        raise UserError(f"'{out}' is not an output folder (run `claimx run CORPUS --out {out}` first)")
    try:
        manifest = read_manifest(out)
        if manifest is not None:
            manifest.check_sizes()
        return (read_facts(out, manifest), read_conflicts(out, manifest),
                read_claims(out / "claims.jsonl", manifest))
    except ValueError as exc:
        raise UserError(str(exc)) from None


@app.command("diff")
def diff_cmd(
    out: Annotated[Path, typer.Argument(help="An output folder of `claimx run`.")] = Path("out"),
    type_: Annotated[str | None, typer.Option("--type", help="Only conflicts of this type (antonym, negation, numeric, temporal, modality).")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="Only conflicts about this entity.")] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Only conflicts with a side in this language.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    width: Annotated[int | None, typer.Option("--width", min=40, max=400, help="Output width in columns.")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also the conflicts claimx is less sure of.")] = False,
    min_confidence: Annotated[float | None, typer.Option(
        "--min-confidence", min=0.0, max=1.0, help="Only conflicts at least this sure (default 0.5).")] = None,
) -> None:
    """Show where sources disagree: a summary, then each conflict with both sides and their evidence, most certain
    first; conflicts claimx is less sure of are hidden unless --all."""
    from claimx.output.render import filter_conflicts, render_diff

    if fmt not in ("text", "json"):
        raise UserError(f"--format must be text or json, got {fmt!r}")
    from claimx.schemas import CONFLICT_TYPES

    if type_ is not None and type_ not in CONFLICT_TYPES:
        raise UserError(f"--type must be one of {', '.join(CONFLICT_TYPES)}, got {type_!r}")
    from claimx.output.queries import SHOWN_CONFIDENCE

    if show_all and min_confidence is not None:
        raise UserError("--all and --min-confidence exclude each other")
    floor = 0.0 if show_all else SHOWN_CONFIDENCE if min_confidence is None else min_confidence
    facts, conflicts, _ = _load_out(out)
    if fmt == "json":
        from claimx.output.files import dumps

        print(dumps(filter_conflicts(conflicts, facts, type=type_, entity=entity, lang=lang, min_confidence=floor)))
        return
    from rich.console import Console

    console = Console(width=width) if width else Console()
    console.print(render_diff(conflicts, facts, type=type_, entity=entity, lang=lang, min_confidence=floor))


@app.command("show")
def show_cmd(
    out: Annotated[Path, typer.Argument(help="An output folder of `claimx run`.")] = Path("out"),
    width: Annotated[int | None, typer.Option("--width", min=40, max=400, help="Output width in columns.")] = None,
) -> None:
    """List the facts with their corroboration (status, independent sources, languages, time)."""
    from rich.console import Console

    from claimx.output.render import render_show

    facts, _, claims = _load_out(out)
    console = Console(width=width) if width else Console()
    console.print(render_show(facts, claims))


@app.command("report")
def report_cmd(
    out: Annotated[Path, typer.Argument(help="An output folder of `claimx run`.")] = Path("out"),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The HTML file to write (default OUT/report.html).")] = None,
    open_: Annotated[bool, typer.Option("--open", help="Open the page in the browser afterwards.")] = False,
) -> None:
    """Write the run in OUT as one self-contained HTML page: a summary, the conflicts side by side with their
    evidence, update and entity timelines, which sources support or contradict each fact. It opens offline in any
    browser and can be sent as one file."""
    from claimx.output.report import open_in_browser, write_report

    try:
        path = write_report(out, output)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    print(printable(f"report → {path} ({path.stat().st_size / 1e6:.2f} MB)"))
    if open_ and not open_in_browser(path):
        print(printable(f"claimx: no browser could be started: open {path} yourself"), file=sys.stderr)


class _progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, console):
        self.console = console
        self.bar = None

    def __enter__(self):
        if not self.console.is_terminal:
            return None
        from rich.progress import Progress

        self.bar = Progress(console=self.console, transient=True)
        self.bar.__enter__()

        def start(stage: str, total: int):
            if total <= 3:
                return lambda: None
            task = self.bar.add_task(stage, total=total)
            return lambda: self.bar.advance(task)

        return start

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)


def main() -> None:
    """Entry point: runs the app, turning usage errors into one line and exit status 2."""
    command = typer.main.get_command(app)
    try:
        rv = command.main(args=sys.argv[1:], prog_name="claimx", standalone_mode=False)
    except UserError as exc:
        print(f"claimx: error: {printable(str(exc))}", file=sys.stderr)
        sys.exit(2)
    except TyperException as exc:  # argument parsing: bad option, missing argument, unknown command
        ctx = getattr(exc, "ctx", None)
        where = ctx.command_path if ctx is not None else "claimx"
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        print(f"{printable(where)}: error: {printable(message)}", file=sys.stderr)
        sys.exit(getattr(exc, "exit_code", 2))
    except typer.Abort:
        print("claimx: aborted", file=sys.stderr)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(rv if isinstance(rv, int) else 0)
