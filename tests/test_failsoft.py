"""Fail soft per document, loud per run: a stage that raises for one document rejects that document, with the
stage and the reason on one line, and leaves every other document's outputs as a run without the failure made
them; a corpus-level stage that raises is reported, what can be written is written, and the exit status is 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runs import ARTICLES
from typer.testing import CliRunner

import claimx.engines.stages
from claimx.cli import app
from claimx.pipeline import MAX_REASON, RunOptions, run

MARKER = "Zanzibar"  # the one document the injected failures hit
BAD = "zanzibar.txt"
MESSAGE = "injected\nfailure " + "x" * 400  # two lines and too long: the reason must still be one bounded line


def _fail_on_marker(real, text_of):
    """`real`, except that it raises for the marked document (`text_of` finds its text in the arguments)."""

    def patched(*args, **kwargs):
        if MARKER in text_of(*args):
            raise RuntimeError(MESSAGE)
        return real(*args, **kwargs)

    return patched


# stage → (module, attribute, the argument holding the document's text, the reason's prefix)
PER_DOCUMENT = {
    "langid": ("claimx.ingest.langid", "detect_document", lambda text, *_: text, "langid: "),
    "boilerplate": ("claimx.ingest.boilerplate", "strip", lambda text, *_: text, "boilerplate: "),
    "spacy": ("claimx.nlp.components", "ParagraphBreaks.__call__", lambda _, doc: doc.text,
              "spacy (claimx_paragraphs): "),
    "extract": ("claimx.claims.extract", "doc_claims", lambda doc, *_: doc.text, "extract: "),
    "voting": ("claimx.nlp.batch", "entity_votes", lambda doc: doc.text, "voting: "),
}


def _inject(monkeypatch, stage: str) -> str:
    """Make `stage` raise for the marked document; returns the prefix its reason must have."""
    import importlib

    module, attr, text_of, prefix = PER_DOCUMENT[stage]
    owner = importlib.import_module(module)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    monkeypatch.setattr(owner, name, _fail_on_marker(getattr(owner, name), text_of))
    return prefix


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _run(corpus: Path, out: Path, jobs: int = 1):
    return run(RunOptions(corpus=corpus, out=out, reference_date=None, jobs=jobs))


def _lines_not_of(path: Path, bad_ids: set[str], key: str = "doc_id") -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if json.loads(line)[key] not in bad_ids]


@pytest.fixture(scope="module")
def normal(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("normal")
    result = _run(corpus, out)
    assert result.report.documents_rejected == 0 and not result.report.failed_stages
    assert {c.doc_id for c in result.claims} == {d.doc_id for d in result.documents}  # every document has claims
    return out


def _bad_id(normal: Path) -> str:
    docs = [json.loads(line) for line in (normal / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    return next(d["doc_id"] for d in docs if d["path"].endswith(BAD))


def _check_only_bad_rejected(result, out: Path, normal: Path, prefix: str) -> None:
    rep = result.report
    assert rep.documents_ok == 2 and rep.documents_rejected == 1 and not rep.failed_stages
    (rejected,) = rep.rejected
    assert rejected["path"].endswith(BAD)
    reason = rejected["reason"]
    assert reason.startswith(prefix + "RuntimeError: injected failure xxx"), reason
    assert "\n" not in reason and len(reason) <= len(prefix) + MAX_REASON
    bad = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
           if json.loads(line)["path"].endswith(BAD)]
    assert [(d["status"], d["error"]) for d in bad] == [("rejected", reason)]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["rejected"] == rep.rejected
    # the other documents come out byte for byte as in a run where nothing failed; the bad one has no claims
    bad_ids = {_bad_id(normal)}
    for name in ("documents.jsonl", "claims.jsonl"):
        assert _lines_not_of(out / name, bad_ids) == _lines_not_of(normal / name, bad_ids), name
    assert not bad_ids & {c.doc_id for c in result.claims}


@pytest.mark.parametrize("stage", list(PER_DOCUMENT))
def test_a_stage_that_fails_for_one_document_rejects_only_that_document(stage, corpus, normal, tmp_path, monkeypatch):
    prefix = _inject(monkeypatch, stage)
    result = _run(corpus, tmp_path / "out")
    _check_only_bad_rejected(result, tmp_path / "out", normal, prefix)


@pytest.mark.parametrize("stage", ["langid", "extract"])
def test_with_two_jobs_the_failure_is_caught_in_the_worker(stage, corpus, normal, tmp_path, monkeypatch):
    # workers are forked, so they inherit the patch; one document a batch puts extraction in the pool too
    monkeypatch.setattr(claimx.engines.stages, "EXTRACT_CHARS", 1)
    prefix = _inject(monkeypatch, stage)
    result = _run(corpus, tmp_path / "out", jobs=2)
    _check_only_bad_rejected(result, tmp_path / "out", normal, prefix)


@pytest.mark.parametrize("stage", ["langid", "extract"])
def test_on_the_dask_engine_the_failure_is_caught_in_the_worker(stage, corpus, normal, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(claimx.engines.stages, "READ_BYTES", 1)  # a task a file, a task a document
    monkeypatch.setattr(claimx.engines.stages, "EXTRACT_CHARS", 1)
    prefix = _inject(monkeypatch, stage)
    # the worker is a thread of this process, so it sees the patch; the tasks cross as they would to a process
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                                  scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        result = run(RunOptions(corpus=corpus, out=tmp_path / "out", engine="dask",
                                scheduler=cluster.scheduler_address))
    _check_only_bad_rejected(result, tmp_path / "out", normal, prefix)


def _raise(*args, **kwargs):
    raise RuntimeError(MESSAGE)


# stage → (module, attribute) of a corpus-level step; the files the failed run still writes
ALL = {"documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json"}
CORPUS_LEVEL = [
    ("templates", "claimx.ingest.boilerplate", "find_templates", ALL),
    ("voting", "claimx.claims.voting", "apply_votes", ALL),
    ("reconcile", "claimx.reconcile.engine", "reconcile", {"documents.jsonl", "claims.jsonl"}),
    ("export", "claimx.output.files", "write_facts", {"documents.jsonl", "claims.jsonl"}),
]


@pytest.mark.parametrize("stage, module, attr, written", CORPUS_LEVEL, ids=[c[0] for c in CORPUS_LEVEL])
def test_a_corpus_level_stage_that_fails_is_reported_and_the_rest_written(
    stage, module, attr, written, corpus, normal, tmp_path, monkeypatch
):
    import importlib

    out = tmp_path / "out"
    out.mkdir()
    for name in ("facts.json", "conflicts.json"):  # left by an earlier run: must not pass for this run's
        (out / name).write_text("stale", encoding="utf-8")
    monkeypatch.setattr(importlib.import_module(module), attr, _raise)
    result = _run(corpus, out)
    (failed,) = result.report.failed_stages
    assert failed["stage"] == stage and "RuntimeError: injected failure" in failed["reason"]
    assert "\n" not in failed["reason"] and failed["outcome"]
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["failed_stages"] == [failed]
    assert {p.name for p in out.iterdir()} == written | {"report.json"}
    assert (out / "documents.jsonl").read_bytes() == (normal / "documents.jsonl").read_bytes()
    if stage in ("templates", "export"):  # nothing that claims depend on failed
        assert (out / "claims.jsonl").read_bytes() == (normal / "claims.jsonl").read_bytes()


runner = CliRunner()


def test_cli_strict_exits_1_for_a_document_rejected_by_any_stage(corpus, tmp_path, monkeypatch):
    _inject(monkeypatch, "extract")
    lenient = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "a")])
    strict = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "b"), "--strict"])
    assert (lenient.exit_code, strict.exit_code) == (0, 1)
    (line,) = [x for x in strict.output.splitlines() if x.startswith("rejected")]
    assert line.startswith(f"rejected {corpus / BAD}: extract: RuntimeError: injected failure xxx")
    assert "2 documents ok, 1 rejected" in strict.output


def test_cli_exits_1_and_says_which_stage_failed(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr("claimx.reconcile.engine.reconcile", _raise)
    result = runner.invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    (line,) = [x for x in result.output.splitlines() if x.startswith("failed")]
    assert line.startswith("failed reconcile: RuntimeError: injected failure xxx") and "no facts.json" in line
