"""`claimx report`: a run's output folder as one self-contained HTML page, to open offline and send as one file.

The page shows a summary of the run, the conflicts (most certain first, both sides side by side with the contested
words marked), the update timelines of stories, a timeline per entity, and a source × fact matrix per story, with
filters in a few lines of plain JavaScript (with JavaScript off, everything is shown). Templates are Jinja2 with
autoescaping on, shipped as package data (`templates/`); the CSS and the script are inlined, and the page makes no
network request: no CDN, no web font, no image. Article text is untrusted: every string is escaped by Jinja, and
only http(s) addresses of documents become links (`evidence.safe_url`).

The folder is read with the readers of `output.files`, checked against the sizes and SHA-256 its `report.json`
lists; a missing or inconsistent folder is a `ValueError` of one line.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from importlib.resources import files as package_files
from pathlib import Path

from pydantic import ValidationError

from claimx.common.errors import first_error
from claimx.output.cards import conflict_cards, update_chains
from claimx.output.evidence import Documents, anchor, entity_names, filter_key, safe_url
from claimx.output.files import (
    CLAIMS_FILE,
    CONFLICTS_FILE,
    FACTS_FILE,
    read_claims,
    read_conflicts,
    read_facts,
    read_jsonl,
    read_manifest,
    write_atomic,
)
from claimx.output.matrix import source_matrices
from claimx.output.queries import SHOWN_CONFIDENCE
from claimx.output.timelines import entity_timelines
from claimx.reconcile.rows import outlet_id
from claimx.schemas import CONFLICT_TYPES, FACT_STATUSES, Claim, Conflict, DocumentRecord, Fact, RunReport

REPORT_HTML = "report.html"
DOCUMENTS_FILE = "documents.jsonl"
MAX_DOCUMENTS = 3000  # rows of the documents table (every claim links to its document's row)
OPEN_ITEMS = 8  # update timelines, entity timelines and matrices shown open; the others are folded (<details>)


@dataclass
class RunFiles:
    """What a run wrote, read back: its report (None for a folder made by hand), documents, claims, facts,
    conflicts, and the files the run did not write (a failed stage)."""

    report: RunReport | None
    documents: list[DocumentRecord]
    claims: list[Claim]
    facts: list[Fact]
    conflicts: list[Conflict]
    missing: list[str] = field(default_factory=list)


def load_run(out: str | Path) -> RunFiles:
    """The files of the run in `out`, each checked against `report.json`. ValueError (one line) when the folder is
    not an output folder, a file is unreadable, or the files are not those of one run. A file the run did not
    write (`report.json` does not list it: reconciliation failed) reads as empty and is named in `missing`."""
    out = Path(out)
    if not out.is_dir():
        raise ValueError(f"'{out}' is not an output folder (run `claimx run CORPUS --out {out}` first)")
    manifest = read_manifest(out)
    report = None
    if (out / "report.json").is_file():
        try:
            report = RunReport.model_validate_json((out / "report.json").read_bytes())
        except ValidationError as exc:
            raise ValueError(f"{out / 'report.json'}: not a claimx run report: {first_error(exc)}") from None
        except (OSError, RecursionError) as exc:
            raise ValueError(f"{out / 'report.json'}: cannot read: {exc}") from None
    elif not (out / FACTS_FILE).is_file():
        raise ValueError(f"'{out}' is not an output folder: no report.json nor {FACTS_FILE} "
                         f"(run `claimx run CORPUS --out {out}` first)")
    if manifest is not None:
        manifest.check_sizes()

    def skipped(name: str) -> bool:  # the run did not write this file, and said so in its report
        return manifest is not None and name not in manifest.outputs and not (out / name).exists()

    missing = [n for n in (DOCUMENTS_FILE, CLAIMS_FILE, FACTS_FILE, CONFLICTS_FILE) if skipped(n)]
    documents = [] if DOCUMENTS_FILE in missing or (manifest is None and not (out / DOCUMENTS_FILE).exists()) \
        else read_jsonl(out / DOCUMENTS_FILE, DocumentRecord, manifest)
    return RunFiles(
        report=report, documents=documents,
        claims=[] if CLAIMS_FILE in missing else read_claims(out / CLAIMS_FILE, manifest),
        facts=[] if FACTS_FILE in missing else read_facts(out, manifest),
        conflicts=[] if CONFLICTS_FILE in missing else read_conflicts(out, manifest),
        missing=missing)


def _summary(run: RunFiles) -> dict:
    rep = run.report
    ok = [d for d in run.documents if d.status == "ok"]
    rejected = [(d.path, d.error or "rejected") for d in run.documents if d.status == "rejected"]
    if not rejected and rep is not None:
        rejected = [(r.get("path", "?"), r.get("reason", "?")) for r in rep.rejected]
    sources = {d.source for d in ok if d.source}
    languages = Counter(d.lang or "unknown" for d in ok)
    statuses = Counter(f.status for f in run.facts)
    types = Counter(c.type for c in run.conflicts)
    sure = Counter(c.type for c in run.conflicts if c.confidence >= SHOWN_CONFIDENCE)
    return {
        "documents": len(run.documents) if run.documents or rep is None else rep.documents,
        "ok": len(ok) if run.documents or rep is None else rep.documents_ok,
        "rejected": rejected,
        "skipped": rep.skipped if rep else [],
        "failed": rep.failed_stages if rep else [],
        "sources": len(sources),
        "outlets": len({outlet_id(s) for s in sources}),
        "languages": sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])),
        "claims": len(run.claims),
        "facts": len(run.facts),
        "statuses": [(s, statuses[s]) for s in FACT_STATUSES],
        "conflicts": len(run.conflicts),
        "types": [(t, types[t], sure[t]) for t in CONFLICT_TYPES],
        "sure": sum(sure.values()),
        "run_id": rep.run_id if rep else None,
        "corpus": rep.corpus if rep else None,
        "version": rep.claimx_version if rep else None,
        "reference_date": rep.reference_date.isoformat() if rep and rep.reference_date else None,
        "seconds": rep.seconds_total if rep else None,
        "missing": run.missing,
    }


def _documents(run: RunFiles) -> list[dict]:
    counts = Counter(c.doc_id for c in run.claims)
    rows = []
    for i, d in enumerate(run.documents[:MAX_DOCUMENTS]):
        rows.append({
            "anchor": anchor("d", d.doc_id) if d.doc_id else f"d-rejected-{i}",
            "path": d.path, "source": d.source or "", "title": d.title or "", "url": d.url or "",
            "link": safe_url(d.url), "published": d.published.isoformat() if d.published else "—",
            "lang": d.lang or "—", "status": d.status, "error": d.error or "", "claims": counts.get(d.doc_id, 0),
        })
    return rows


def _filters(run: RunFiles, names: dict[str, str]) -> dict:
    """The choices offered by the filters: what the run holds."""
    entities = {e for f in run.facts for e in (*f.entities, f.subject, f.object) if e}
    return {
        "types": sorted({c.type for c in run.conflicts}, key=CONFLICT_TYPES.index),
        "langs": sorted({d.lang for d in run.documents if d.lang and d.status == "ok"}
                        | {c.lang for c in run.claims}),
        "entities": sorted({names.get(e, e) for e in entities}, key=str.casefold)[:2000],
        "sources": sorted({d.source for d in run.documents if d.source}, key=str.casefold)[:2000],
    }


def _template(name: str) -> str:
    return package_files("claimx.output").joinpath("templates", name).read_text(encoding="utf-8")


def render_report(run: RunFiles, *, title: str | None = None) -> str:
    """The HTML page of `run`, as text."""
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(loader=PackageLoader("claimx.output", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["fkey"] = filter_key
    env.filters["pct"] = lambda x: f"{x:g}%"
    docs = Documents(run.documents)
    names = entity_names(run.claims)
    claims = {c.id: c for c in run.claims}
    conflicts = conflict_cards(run.conflicts, run.facts, docs, names)
    chains, chains_more = update_chains(run.facts, claims, run.conflicts, docs, names)
    timelines, timelines_more = entity_timelines(run.facts, claims, run.conflicts, docs, names)
    matrices, matrices_more = source_matrices(run.facts, claims, run.conflicts, docs, names)
    summary = _summary(run)
    script = _template("report.js")
    if "</" in script:  # the script is inlined: it must not be able to close its element
        raise ValueError("report.js: '</' cannot be inlined in a <script> element")
    return env.get_template("report.html.j2").render(
        title=title or "claimx report" + (f" · {summary['corpus']}" if summary["corpus"] else ""),
        summary=summary, conflicts=conflicts, shown_confidence=SHOWN_CONFIDENCE, open_items=OPEN_ITEMS,
        chains=chains, chains_more=chains_more, timelines=timelines, timelines_more=timelines_more,
        matrices=matrices, matrices_more=matrices_more, documents=_documents(run),
        documents_more=max(0, len(run.documents) - MAX_DOCUMENTS), filters=_filters(run, names),
        css=Markup(_template("report.css")), script=Markup(script),
        script_hash=base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii"))


def write_report(out: str | Path, dest: str | Path | None = None, *, title: str | None = None) -> Path:
    """Read the run in `out` and write its page to `dest` (default `out/report.html`) atomically: a reader sees the
    old page or the new one, never half of one. Returns the path written; ValueError (one line) for a bad folder
    or a destination that cannot be written."""
    out = Path(out)
    page = render_report(load_run(out), title=title)
    path = Path(dest) if dest is not None else out / REPORT_HTML
    if path.is_dir():
        raise ValueError(f"--output '{path}' is a folder: name a file, e.g. {path / REPORT_HTML}")
    try:
        write_atomic(path, page)
    except OSError as exc:
        raise ValueError(f"'{path}' cannot be written: {exc.strerror or exc}") from None
    return path


def open_in_browser(path: Path) -> bool:
    """Open the page in the user's browser (a `file:` address: no server); False when none could be started."""
    import webbrowser

    return webbrowser.open(Path(os.path.abspath(path)).as_uri())
