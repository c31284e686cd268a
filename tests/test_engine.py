"""Where the work runs changes nothing of what it makes: the local engine in this process or in worker processes, and
the Dask engine on a LocalCluster of two worker processes (started by `claimx run`, or joined by its scheduler's
address), write the same bytes; a worker process killed during the run costs a retry, not the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from cli_runs import ARTICLES, invoke, one_line_error, write_corpus

import claimx.engines.stages
from claimx.pipeline import RunOptions, run

try:
    import distributed
except ImportError:  # the dask extra is not installed: the local engine's tests still run
    distributed = None
needs_dask = pytest.mark.skipif(distributed is None, reason="needs dask[distributed] (claimx[dask])")

FILES = ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json")
LONG = " ".join(ARTICLES["acme.txt"].split("\n\n")[1] for _ in range(40))  # a few seconds of spaCy


def _files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Every kind of input item: text, front matter, a sidecar, JSON, JSONL lines, HTML, a rejected file, templates
    of one source, and a long article that keeps a worker busy."""
    ledger = "---\nsource: ledger.example\n---\n{}\nSubscribe to the Daily Ledger for more news\n"
    files = {**ARTICLES,
             "a_long.txt": f"Acme buys Borealis\n\n{LONG}\n",
             "ledger/1.md": ledger.format(ARTICLES["northwind.txt"]),
             "ledger/2.md": ledger.format(ARTICLES["zanzibar.txt"]),
             "ledger/3.md": ledger.format(ARTICLES["acme.txt"].replace("$2 billion", "$3 billion")),
             "wire.json": '{"text": "Acme Corp will cut 300 jobs in Ohio, the company said on Friday.", '
                          '"source": "wire.example", "published": "2025-01-10"}',
             "lines.jsonl": '{"text": "Northwind Airlines will cut 400 jobs in Ohio, it said."}\n{broken\n',
             "page.html": "<html><head><title>Zanzibar opens a mine</title></head><body><article><p>Zanzibar "
                          "Mining opened a copper mine in Peru on Wednesday, the company said.</p></article>"
                          "</body></html>",
             "empty.txt": ""}
    folder = write_corpus(tmp_path_factory.mktemp("engine") / "corpus", files)
    (folder / "northwind.txt.meta.json").write_text('{"published": "2025-01-07"}', encoding="utf-8")
    return folder


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of one file or one document: many tasks, so that every worker gets some."""
    monkeypatch.setattr(claimx.engines.stages, "READ_BYTES", 1)
    monkeypatch.setattr(claimx.engines.stages, "EXTRACT_CHARS", 1)


@pytest.fixture(scope="module")
def reference(corpus, tmp_path_factory) -> dict[str, bytes]:
    """The outputs of the local engine in this process: what every engine must write."""
    out = tmp_path_factory.mktemp("reference") / "out"
    report = run(RunOptions(corpus=corpus, out=out)).report
    assert report.documents_rejected == 2 and not report.failed_stages  # empty.txt, the broken line
    assert report.facts and report.claims
    return _files(out)


def _cluster():
    """A LocalCluster of two worker processes, one thread each, as users start one (no dashboard)."""
    return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"})


@pytest.fixture(scope="module")
def cluster():
    with _cluster() as c:
        yield c


def test_local_workers_write_the_same_bytes(corpus, reference, tmp_path, small_batches):
    run(RunOptions(corpus=corpus, out=tmp_path / "out", jobs=2))
    assert _files(tmp_path / "out") == reference


def test_a_local_worker_killed_during_the_run_costs_a_retry_not_the_run(corpus, reference, tmp_path, small_batches):
    import multiprocessing

    killed: list[int] = []

    def progress(stage: str, total: int):
        def tick() -> None:
            workers = multiprocessing.active_children()  # the pool's worker processes
            if stage == "extracting" and not killed and workers:
                killed.append(workers[0].pid)
                os.kill(workers[0].pid, signal.SIGKILL)  # the pool breaks: a new one runs again what was in flight
        return tick

    report = run(RunOptions(corpus=corpus, out=tmp_path / "out", jobs=2), progress).report
    assert killed and not report.failed_stages
    assert _files(tmp_path / "out") == reference


@needs_dask
def test_claimx_run_on_a_local_dask_cluster_writes_the_same_bytes(corpus, reference, tmp_path, small_batches):
    # the LocalCluster of `claimx run --engine dask --jobs 2`: workers read the files by their path
    result = invoke("run", corpus, "--out", tmp_path / "out", "--engine", "dask", "--jobs", "2", "--no-cache")
    assert result.exit_code == 0, result.output
    assert _files(tmp_path / "out") == reference
    report = (tmp_path / "out" / "report.json").read_text(encoding="utf-8")
    assert '"engine": "dask"' in report


@needs_dask
def test_a_joined_cluster_writes_the_same_bytes(corpus, reference, cluster, tmp_path, small_batches):
    # a cluster joined by its address: workers get the files' bytes, and reconcile the shares of the claims
    report = run(RunOptions(corpus=corpus, out=tmp_path / "out", engine="dask",
                            scheduler=cluster.scheduler_address)).report
    assert _files(tmp_path / "out") == reference
    assert report.engine == "dask" and not report.failed_stages


@needs_dask
def test_a_worker_killed_during_the_run_costs_a_retry_not_the_run(corpus, reference, tmp_path, small_batches):
    with _cluster() as c, distributed.Client(c) as client:
        pids = client.run(os.getpid)
        killed: list[int] = []

        def progress(stage: str, total: int):
            def tick() -> None:
                # once a document is done, the worker still busy (with the long article) is killed mid-task
                busy = [w for w, tasks in client.processing().items() if tasks]
                if stage == "extracting" and not killed and busy:
                    killed.append(pids[busy[0]])
                    os.kill(pids[busy[0]], signal.SIGKILL)
            return tick

        report = run(RunOptions(corpus=corpus, out=tmp_path / "out", engine="dask",
                                scheduler=c.scheduler_address), progress).report
        assert killed and killed[0] not in client.run(os.getpid).values()  # it died; a nanny started another
    assert not report.failed_stages
    assert _files(tmp_path / "out") == reference


@needs_dask
def test_a_cached_run_on_the_cluster_reuses_what_the_local_engine_extracted(corpus, reference, cluster, tmp_path):
    out = tmp_path / "out"
    first = run(RunOptions(corpus=corpus, out=out, cache=out / ".cache.sqlite")).report
    again = run(RunOptions(corpus=corpus, out=out, cache=out / ".cache.sqlite", engine="dask",
                           scheduler=cluster.scheduler_address)).report
    assert again.documents_reused == first.documents_extracted and again.documents_extracted == 0
    assert _files(out) == reference


@needs_dask
def test_a_rerun_that_finds_everything_in_the_cache_starts_no_local_cluster(corpus, reference, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run(RunOptions(corpus=corpus, out=out, cache=out / ".cache.sqlite", engine="dask", jobs=2)).report

    def no_cluster(*args, **kwargs):
        raise AssertionError("a LocalCluster was started for a run with nothing to extract")

    monkeypatch.setattr(distributed, "LocalCluster", no_cluster)
    again = run(RunOptions(corpus=corpus, out=out, cache=out / ".cache.sqlite", engine="dask", jobs=2)).report
    assert again.documents_reused == first.documents_extracted and again.documents_extracted == 0
    assert not again.failed_stages and _files(out) == reference
    (corpus / "late.txt").write_text("Acme Corp will cut 500 jobs in Texas, the company said on Monday.\n",
                                     encoding="utf-8")
    try:  # one new file: the cluster is needed, and started
        with pytest.raises(AssertionError, match="nothing to extract"):
            run(RunOptions(corpus=corpus, out=tmp_path / "late", cache=out / ".cache.sqlite", engine="dask", jobs=2))
    finally:
        (corpus / "late.txt").unlink()


@needs_dask
@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.exists("/dev/zero"), reason="POSIX special files")
def test_hostile_inputs_are_rejected_alike_by_both_engines(cluster, tmp_path):
    import json

    corpus = write_corpus(tmp_path / "corpus", {
        "fine.txt": ARTICLES["acme.txt"], "empty.txt": "", "big.txt": ARTICLES["northwind.txt"] * 30,
        "long.txt": ARTICLES["zanzibar.txt"] * 12, "deep.json": "[" * 100_000, "two\nlines [bold].txt": b"\x00\x01",
        "utf16.txt": ARTICLES["acme.txt"].encode("utf-16"), "broken.txt": b"Acme \xff\xfe said " + b"\xc3\xa9" * 40,
        "sjis.txt": "東京で会議が開かれた。".encode("shift_jis")})
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "out.txt").symlink_to(write_corpus(tmp_path / "elsewhere", {"s.txt": "secret"}) / "s.txt")
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_text(ARTICLES["northwind.txt"], encoding="utf-8")
    caps = ["--max-bytes", "3k", "--max-chars", "1500", "--no-cache"]
    outs = {"local": tmp_path / "local", "dask": tmp_path / "dask"}
    assert invoke("run", corpus, "--out", outs["local"], *caps).exit_code == 0
    assert invoke("run", corpus, "--out", outs["dask"], *caps, "--engine", "dask", "--jobs", "2").exit_code == 0
    run(RunOptions(corpus=corpus, out=tmp_path / "joined", max_bytes=3000, max_chars=1500, engine="dask",
                   scheduler=cluster.scheduler_address))  # the workers get the files' bytes from this process
    reference = _files(outs["local"])
    assert _files(outs["dask"]) == reference and _files(tmp_path / "joined") == reference
    rejected = json.loads((outs["local"] / "report.json").read_text(encoding="utf-8"))["rejected"]
    assert sorted(Path(r["path"]).name for r in rejected) == sorted(
        ["empty.txt", "big.txt", "long.txt", "deep.json", "two\nlines [bold].txt", "broken.txt", "pipe.txt", "zero.txt",
         "out.txt"])
    assert "secret" not in reference["documents.jsonl"].decode()


def _claimx(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimx", *map(str, args)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, **(env or {})}, check=False)


@needs_dask
def test_no_scheduler_at_the_address_is_one_line(corpus, tmp_path):
    env = {"DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    line = one_line_error(_claimx("run", corpus, "--out", tmp_path / "out", "--engine", "dask", "--scheduler",
                                  "tcp://127.0.0.1:9", env=env))
    assert "--scheduler: no Dask scheduler answers at tcp://127.0.0.1:9" in line


def test_without_dask_the_dask_engine_is_one_line(corpus, tmp_path):
    fake = tmp_path / "site"
    for name in ("dask", "distributed"):
        (fake / name).mkdir(parents=True)
        (fake / name / "__init__.py").write_text("raise ImportError('not installed')\n", encoding="utf-8")
    env = {"PYTHONPATH": os.pathsep.join([str(fake), *sys.path])}
    line = one_line_error(_claimx("run", corpus, "--out", tmp_path / "out", "--engine", "dask", env=env))
    assert "--engine dask needs Dask distributed: pip install 'claimx[dask]'" in line
    assert _claimx("run", corpus, "--out", tmp_path / "out", env=env).returncode == 0  # local needs no Dask


@pytest.mark.parametrize("args, message", [
    (["--engine", "spark"], "--engine must be one of local, dask"),
    (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler is for --engine dask"),
    (["--engine", "dask", "--scheduler", "tcp://x:1", "--dashboard", ":8787"], "--dashboard is for --engine dask"),
])
def test_engine_options_that_do_not_fit_are_one_line(corpus, tmp_path, args, message):
    assert message in one_line_error(_claimx("run", corpus, "--out", tmp_path / "out", *args))


def test_the_local_engine_hands_out_known_results_as_it_reads_them():
    # a warm rerun of a million cached documents must not hold them all before the first is written
    from claimx.engines.batches import Batch
    from claimx.engines.local import LocalEngine

    read: list[int] = []

    def batches():
        for k in range(1000):
            read.append(k)
            yield Batch([], done=[k])

    first = next(LocalEngine(jobs=2).map(lambda context, units: units, {}, batches()))
    assert first == [0] and len(read) == 1
