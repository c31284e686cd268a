"""The work an engine's workers do, as functions of plain data: JSON-like values in, JSON-like values out.

A task never carries a spaCy `Doc`, a pipeline or a pydantic record: records cross as `model_dump(mode="json")`
and are validated on the other side, so a task runs the same in this process, in a local worker process or on a
Dask worker on another machine, and its results are the same bytes wherever it ran (a worker keeps its spaCy
pipelines between tasks: `nlp.pipelines.get_pipeline` caches them per process).

Each task takes the `context` of its run (the run's `fingerprint`, extra model folders, options) and a list of
units (files, documents), and gives one result per unit. A worker first makes sure it reads the run's model
folders and that its claimx, pipelines and models are those of the run (`Mismatch` otherwise: a cluster whose
workers run other code would give other outputs). When a worker process dies on a unit again and again, the
engine asks `lost(task, unit, reason)` for the result of that unit alone (fail soft per document).
"""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from typing_extensions import TypedDict

from claimx.ingest.discover import ReadPolicy
from claimx.schemas import Article, Claim, DocumentRecord, Paragraph

Unit = dict[str, Any]  # one file or one document, as plain data
Result = dict[str, Any]

UNCACHED = ("ingest: ", "langid: ", "boilerplate: ")  # reasons of failures that may not happen again: not cached
_ONE_AT_A_TIME = threading.Lock()  # a worker with several threads shares one pipeline per language: one batch at once


class Mismatch(RuntimeError):
    """A worker runs other claimx code, pipelines or models than the run it works for."""


def check_context(context: dict) -> None:
    """Read the run's model folders, and be the claimx the run is (`Mismatch` if not)."""
    from claimx.engines.cache import fingerprint
    from claimx.resources import use_models_dirs

    use_models_dirs([Path(p) for p in context["models"]])
    here = fingerprint()
    if here != context["fingerprint"]:
        import socket

        raise Mismatch(f"a worker on {socket.gethostname()} runs claimx with other code, pipelines or models than "
                       f"this run (fingerprint {here[:12]}, not {context['fingerprint'][:12]}): install the same "
                       "claimx, pipelines and models folders on every worker")


def warm_up() -> None:
    """Import what the tasks use (a new worker process, while the client reads): the first tasks do not wait."""
    import claimx.engines.documents  # noqa: F401
    import claimx.nlp.batch
    import claimx.reconcile.engine  # noqa: F401
    from claimx.engines.cache import fingerprint

    fingerprint()


# -- reading: ingest and language ID of files ------------------------------------------------------------------


def read_options(context: dict) -> tuple[date | None, ReadPolicy, int]:
    """(reference date, read policy, max chars) of a reading context."""
    ref = context["reference_date"]
    policy = ReadPolicy(root=Path(context["root"]), follow_symlinks=context["follow_symlinks"],
                        max_bytes=context["max_bytes"])
    return (date.fromisoformat(ref) if ref else None), policy, context["max_chars"]


def read_files(context: dict, files: list[Unit]) -> list[Result]:
    """Ingest and language ID of each file: `{"path", "name"}`, with `"data"` and `"sidecar"` (what `load_input`
    read) when the client sends the contents; else the file is read here, by its path. Per file: `"items"`, each
    `{"prepared": ...}` or `{"record": ...}` (rejected), `"digest"` of what was read (None: not read) and whether
    the result may be cached."""
    check_context(context)
    return [read_one(context, unit) for unit in files]


def read_one(context: dict, unit: Unit) -> Result:
    """`read_files` of one file (also run by the client, for a file it could not read itself)."""
    from claimx.engines.cache import content_digest
    from claimx.engines.documents import prepare_file
    from claimx.ingest.formats import load_input

    reference_date, policy, max_chars = read_options(context)
    path = Path(unit["path"])
    loaded = (unit["data"], unit["sidecar"]) if "data" in unit else None
    if loaded is None:
        try:
            loaded = load_input(path, policy)
        except (OSError, ValueError):
            loaded = None  # rejected by `prepare_file` below, with the reason it gives
    found = prepare_file(path, reference_date, unit["name"], policy, max_chars, loaded=loaded)
    items = [{"record": x.model_dump(mode="json")} if isinstance(x, DocumentRecord) else {"prepared": prepared_json(x)}
             for x in found]
    cacheable = loaded is not None and not any(
        x.error and x.error.startswith(UNCACHED) for x in found if isinstance(x, DocumentRecord))
    return {"items": items, "digest": content_digest(*loaded) if loaded is not None else None,
            "cacheable": cacheable}


def read_of(result: Result) -> list:
    """The documents of one `read_files` result: each a `documents.Prepared`, or a `DocumentRecord` (rejected)."""
    return [prepared_of(x["prepared"]) if "prepared" in x else DocumentRecord.model_validate(x["record"])
            for x in result["items"]]


def prepared_json(prep) -> dict:
    """A `documents.Prepared` as plain data."""
    return {"article": prep.article.model_dump(mode="json"),
            "paragraphs": [p.model_dump(mode="json") for p in prep.paragraphs],
            "lang": prep.lang, "lang_prob": prep.lang_prob}


def prepared_of(data: dict):
    """The `documents.Prepared` of `prepared_json`."""
    from claimx.engines.documents import Prepared

    return Prepared(Article.model_validate(data["article"]), [Paragraph.model_validate(p) for p in data["paragraphs"]],
                    data["lang"], data["lang_prob"])


# -- extraction: boilerplate, spaCy, claim rules and entity votes of documents ----------------------------------


def extract(context: dict, documents: list[Unit]) -> list[Result]:
    """Boilerplate removal and claims of each document: `{"prepared": prepared_json, "templates": [...]}` (the
    corpus's templates its lines match). Per document: its `"record"`, `"claims"`, `"votes"` (`[form, type, n]`)
    and whether the result may be cached. Whatever one document raises, it comes back rejected, never raised."""
    from claimx.engines.documents import reason, strip_or_reject
    from claimx.nlp.batch import extract_each

    check_context(context)
    preps = [prepared_of(d["prepared"]) for d in documents]
    templates = frozenset(t for d in documents for t in d["templates"])  # a document matches only its own
    langs = frozenset(context["langs"]) if context["langs"] is not None else None
    with _ONE_AT_A_TIME:
        records = [strip_or_reject(p, templates) for p in preps]
        if context["extract"]:
            each, failed = extract_each([(p.article, r) for p, r in zip(preps, records, strict=True)], langs)
        else:
            each, failed = [None] * len(preps), {}
    for i, (stage, exc) in failed.items():  # worded here, in the worker: an exception may not pickle
        records[i] = records[i].model_copy(update={"status": "rejected", "error": reason(stage, exc)})
    return [{"record": rec.model_dump(mode="json"),
             "claims": [c.model_dump(mode="json") for c in found[0]] if found else [],
             "votes": sorted([*key, n] for key, n in found[1].items()) if found else [],
             "cacheable": rec.status == "ok"}
            for rec, found in zip(records, each, strict=True)]


class _Extracted(TypedDict):
    record: DocumentRecord
    claims: list[Claim]
    votes: list[tuple[str, str, int]]


@cache
def _extracted() -> TypeAdapter:
    return TypeAdapter(_Extracted)


def extracted_of(result: Result | bytes) -> tuple[DocumentRecord, list[Claim], Counter]:
    """The record, claims and votes of one `extract` result, or of its JSON text (from the cache: parsed and
    validated in one pass; `ValueError` if it is not one). The claims of one sentence share its text, as
    `nlp.batch` makes them (a run holds every claim until reconciliation)."""
    adapter = _extracted()
    found = adapter.validate_json(result) if isinstance(result, bytes) else adapter.validate_python(result)
    claims = found["claims"]
    sentences: dict[str, str] = {}
    for claim in claims:
        ev = claim.evidence
        ev.sentence = sentences.setdefault(ev.sentence, ev.sentence)
    return found["record"], claims, Counter({(form, kind): n for form, kind, n in found["votes"]})


# -- reconciliation: one share of the claims (whole frame families) ---------------------------------------------


def reconcile_share(context: dict, payload: dict, share: list[int]) -> dict:
    """`reconcile.engine.share_task`, in a worker that reads the run's models."""
    from claimx.reconcile.engine import share_task

    check_context(context)
    return share_task(payload, share)


def release_shares() -> None:
    """A worker forgets the claims' index once the run's shares are done."""
    from claimx.reconcile.engine import release_share_index

    release_share_index()


# -- when a worker dies on a unit -----------------------------------------------------------------------------


def lost(task, unit: Unit, reason: str) -> Result:
    """The result of a unit whose worker process died each time it was tried: the document (or file) rejected."""
    if task is read_files:
        record = DocumentRecord(doc_id=None, path=unit["path"], status="rejected", error=f"ingest: {reason}")
        return {"items": [{"record": record.model_dump(mode="json")}], "digest": None, "cacheable": False}
    if task is extract:
        from claimx.engines.documents import article_record

        prep = prepared_of(unit["prepared"])
        record = article_record(prep.article, lang=prep.lang, lang_prob=prep.lang_prob, paragraphs=prep.paragraphs,
                                 status="rejected", error=f"extract: {reason}")
        return {"record": record.model_dump(mode="json"), "claims": [], "votes": [], "cacheable": False}
    raise ValueError(f"no result for a lost unit of {task!r}")
