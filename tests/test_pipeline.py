"""The batch run streams its documents: the files are the same whether the run returns its records or not, in
one process or several, and documents.jsonl is in path order whatever order the documents were read in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_runs import ARTICLES, write_corpus

from claimx.pipeline import RunOptions, run

OUTPUTS = ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = write_corpus(tmp_path_factory.mktemp("corpus") / "in", {
        **ARTICLES, "b/later.txt": ARTICLES["acme.txt"].replace("Acme", "Zenith"), "empty.txt": "",
        "items.jsonl": "\n".join(json.dumps({"text": t, "source": "wire"}) for t in ARTICLES.values()) + "\n{bad\n"})
    return folder


@pytest.fixture(scope="module")
def returned(corpus, tmp_path_factory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("kept")
    return out, run(RunOptions(corpus=corpus, out=out))


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_run_that_holds_no_records_writes_the_same_files(corpus, returned, tmp_path, jobs):
    kept_out, kept = returned
    result = run(RunOptions(corpus=corpus, out=tmp_path / "out", jobs=jobs, keep_records=False))
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).read_bytes() == (kept_out / name).read_bytes(), name
    assert result.documents == [] and result.claims == []
    assert (result.report.documents, result.report.claims, result.report.rejected) == (
        kept.report.documents, kept.report.claims, kept.report.rejected)
    assert kept.claims and all(c.subject is None or c.subject.canonical for c in kept.claims)


def test_a_run_that_lets_its_pipelines_go_writes_the_same_files_and_holds_none_after(corpus, returned, tmp_path):
    from claimx.nlp.pipelines import get_pipeline

    kept_out, _ = returned
    run(RunOptions(corpus=corpus, out=tmp_path / "out", jobs=1, release_pipelines=True))
    for name in OUTPUTS:
        assert (tmp_path / "out" / name).read_bytes() == (kept_out / name).read_bytes(), name
    assert get_pipeline.cache_info().currsize == 0  # extraction ran here; reconciliation without them


def test_a_pipeline_let_go_is_freed_with_what_was_built_for_it():
    import gc
    import weakref

    from claimx.nlp.pipelines import get_pipeline, release_pipelines

    nlp = get_pipeline("en")
    nlp("Acme Corp said on Monday it will acquire Beta Ltd.")  # its claim component built the trigger matcher
    gone = weakref.ref(nlp)
    del nlp
    release_pipelines()
    gc.collect()
    assert gone() is None  # nothing keeps it: its memory goes back for the claims reconciliation holds


def test_documents_are_written_in_path_and_item_order_and_the_result_holds_them(returned):
    out, kept = returned
    lines = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    keys = [(d["path"], d["item"] or 0) for d in lines]
    assert keys == sorted(keys) and len(lines) == kept.report.documents
    assert [d.model_dump(mode="json") for d in kept.documents] == lines
    assert {d["status"] for d in lines} == {"ok", "rejected"}  # the empty file and the bad line are there too
