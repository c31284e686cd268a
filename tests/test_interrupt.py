"""An interrupted run never leaves a half-written output folder: `claimx run` is killed (SIGKILL, the whole process
group) at a stage, and the folder still holds the previous run's files, which `diff` and `show` read; the next run
cleans what the killed one left, in the output folder and in $TMPDIR. Two runs on one folder cannot interleave,
and a folder whose files come from two runs is found out by `diff` and `show`."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from cli_runs import ARTICLES, claimx, invoke, one_line_error, write_corpus

from claimx.engines.cache import DEFAULT_NAME

pytestmark = pytest.mark.skipif(not hasattr(os, "killpg"), reason="needs POSIX process groups")

OUTPUTS = ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json", "report.json")

# `python driver.py MODULE:ATTR MODE MARKER claimx-args...`: runs `claimx` with MODULE.ATTR stalled. MODE `call`:
# the function, once called, writes MARKER and sleeps; `enter`: the context manager, once entered, writes what it
# gives (a path) to MARKER and sleeps. The test then kills the process group.
DRIVER = '''
import contextlib, importlib, sys, time

def stall(marker, text):
    open(marker, "w").write(str(text))
    time.sleep(3600)

if __name__ == "__main__":  # not again in a worker process started by spawn (Dask's)
    target, mode, marker, *args = sys.argv[1:]
    module, attr = target.split(":")
    owner = importlib.import_module(module)
    real = getattr(owner, attr)
    if mode == "call":
        def stalled(*a, **k):
            stall(marker, "called")
    else:
        @contextlib.contextmanager
        def stalled(*a, **k):
            with real(*a, **k) as value:
                stall(marker, value)
                yield value
    setattr(owner, attr, stalled)
    from claimx.cli import main
    sys.argv = ["claimx", *args]
    main()
'''


@contextmanager
def _stalled(tmp_path: Path, target: str, mode: str, *args: str, env: dict[str, str] | None = None,
             group: list[int] | None = None) -> Iterator[str]:
    """claimx running with `target` stalled: waits until it gets there and gives what it marked; on leaving, its
    process group is killed with SIGKILL."""
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    marker = tmp_path / f"marker-{time.monotonic_ns()}"
    proc = subprocess.Popen([sys.executable, str(driver), target, mode, str(marker), *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
                            env={**os.environ, **(env or {})})
    if group is not None:
        group.append(proc.pid)  # its process group: claimx and every process it started
    try:
        deadline = time.monotonic() + 180
        while not marker.exists() or not marker.read_text(encoding="utf-8"):
            if proc.poll() is not None:
                raise AssertionError(f"claimx ended before {target}: {proc.stderr.read().decode()}")
            assert time.monotonic() < deadline, f"claimx never reached {target}"
            time.sleep(0.05)
        yield marker.read_text(encoding="utf-8")
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        proc.stderr.close()


def _killed_at(tmp_path: Path, target: str, mode: str, *args: str, env: dict[str, str] | None = None) -> str:
    """Run claimx with `target` stalled and SIGKILL its process group once it gets there; what it marked."""
    with _stalled(tmp_path, target, mode, *args, env=env) as marked:
        return marked


def _snapshot(out: Path) -> dict[str, bytes]:
    """The files of `out`, but the per-document cache: it keeps what a killed run finished (test_cache.py)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file() and not _cache(p)}


def _cache(path: Path) -> bool:
    return path.name.startswith(DEFAULT_NAME)  # the SQLite file, and its journal while a run writes it


def _listing(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if not _cache(p))


@pytest.fixture
def corpus(tmp_path) -> Path:
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def previous(corpus, tmp_path) -> Path:
    """An output folder holding one complete run."""
    out = tmp_path / "out"
    assert invoke("run", corpus, "--out", out).exit_code == 0
    assert _listing(out) == sorted(OUTPUTS)
    return out


# 10. Killed during export -------------------------------------------------------------------------------------


def test_a_run_killed_during_export_leaves_the_previous_outputs_whole(corpus, previous, tmp_path):
    before = _snapshot(previous)
    (corpus / "more.txt").write_text(ARTICLES["acme.txt"].replace("Acme", "Zenith"), encoding="utf-8")
    # documents.jsonl and claims.jsonl are written, facts.json is being written
    _killed_at(tmp_path, "claimx.output.files:write_facts", "call", "run", corpus, "--out", previous)
    assert _snapshot(previous) == before  # not one file of the killed run, not one file less
    leftovers = [p.name for p in (previous / ".claimx").iterdir()]
    assert any(name.startswith("run-") for name in leftovers)  # its staging folder, for the next run to clean
    for command in ("diff", "show"):
        proc = claimx(command, previous)
        assert proc.returncode == 0 and not proc.stderr, proc.stderr
    # the next run cleans up and writes a whole new folder; what the killed run extracted, it reuses
    assert invoke("run", corpus, "--out", previous).exit_code == 0
    assert _listing(previous) == sorted(OUTPUTS)
    assert b"Zenith" in (previous / "claims.jsonl").read_bytes()
    report = json.loads((previous / "report.json").read_text(encoding="utf-8"))
    assert (report["documents_extracted"], report["documents_reused"]) == (0, 4)


def test_a_dask_run_killed_during_export_leaves_the_previous_outputs_whole_and_no_worker(corpus, previous, tmp_path):
    pytest.importorskip("distributed")
    before = _snapshot(previous)
    (corpus / "more.txt").write_text(ARTICLES["acme.txt"].replace("Acme", "Zenith"), encoding="utf-8")
    group: list[int] = []
    with _stalled(tmp_path, "claimx.output.files:write_facts", "call", "run", corpus, "--out", previous,
                  "--engine", "dask", "--jobs", "2", group=group):
        pass
    assert _snapshot(previous) == before
    deadline = time.monotonic() + 30
    while True:  # the LocalCluster's workers went with the run's process group
        try:
            os.killpg(group[0], 0)
        except ProcessLookupError:
            break
        assert time.monotonic() < deadline, "processes of the killed run are still alive"
        time.sleep(0.1)
    assert invoke("run", corpus, "--out", previous, "--engine", "dask", "--jobs", "2").exit_code == 0
    assert _listing(previous) == sorted(OUTPUTS)
    report = json.loads((previous / "report.json").read_text(encoding="utf-8"))
    assert (report["documents_extracted"], report["documents_reused"]) == (0, 4)  # what the killed run finished


def test_leftovers_of_per_file_writes_are_cleaned_by_the_next_run(corpus, previous):
    stale = [previous / ".claims.jsonl.abc123.tmp", previous / ".facts.json.xyz.tmp"]
    for path in stale:
        path.write_text("half a file", encoding="utf-8")
    (previous / ".claimx" / "run-old").mkdir(parents=True)
    (previous / ".claimx" / "run-old" / "claims.jsonl").write_text("{", encoding="utf-8")
    assert invoke("run", corpus, "--out", previous).exit_code == 0
    assert _listing(previous) == sorted(OUTPUTS)


# 10. Files of two runs ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["facts.json", "claims.jsonl"])
def test_diff_and_show_say_when_files_come_from_two_runs(corpus, previous, tmp_path, name):
    other = tmp_path / "other"
    (corpus / "acme.txt").write_text(ARTICLES["acme.txt"].replace("$2 billion", "$3 billion"), encoding="utf-8")
    assert invoke("run", corpus, "--out", other).exit_code == 0
    assert (other / name).read_bytes() != (previous / name).read_bytes()
    shutil.copy(other / name, previous / name)
    for command in ("diff", "show"):
        line = one_line_error(claimx(command, previous))
        assert f"{previous}: inconsistent output folder: {name} is not the file of run" in line


def test_diff_and_show_say_when_a_file_was_changed_since_the_run(previous):
    path = previous / "conflicts.json"
    path.write_text(json.dumps(json.loads(path.read_text(encoding="utf-8"))), encoding="utf-8")  # same data
    for command in ("diff", "show"):
        assert "inconsistent output folder: conflicts.json is not the file of run" in one_line_error(
            claimx(command, previous))


def test_diff_and_show_say_when_a_file_of_the_run_is_missing(previous):
    (previous / "conflicts.json").unlink()
    for command in ("diff", "show"):
        line = one_line_error(claimx(command, previous))
        assert "inconsistent output folder: conflicts.json is missing" in line


# 10. Two runs on one folder -----------------------------------------------------------------------------------


def test_a_second_run_on_the_same_out_is_refused_while_the_first_runs(corpus, tmp_path):
    out = tmp_path / "out"
    with _stalled(tmp_path, "claimx.ingest.discover:discover", "call", "run", corpus, "--out", out):
        second = claimx("run", corpus, "--out", out)
        other = claimx("run", corpus, "--out", tmp_path / "other")  # another folder is no concern of the lock
    line = one_line_error(second)
    assert line.startswith("claimx: error: another claimx run (pid ") and f"is writing to '{out}'" in line
    assert other.returncode == 0, other.stderr
    # killed, the first run's lock went with it: the next run goes ahead
    assert invoke("run", corpus, "--out", out).exit_code == 0
    assert _listing(out) == sorted(OUTPUTS)


# 11. Killed during reconciliation with two jobs ---------------------------------------------------------------


def test_a_run_killed_during_reconciliation_leaves_nothing_in_tmpdir(corpus, previous, tmp_path):
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    before = _snapshot(previous)
    # stalled while the forked workers' spool folder exists
    spool = _killed_at(tmp_path, "claimx.reconcile.workers:_spool_folder", "enter", "run", corpus, "--out", previous,
                       "--jobs", "2", env={"TMPDIR": str(tmpdir)})
    assert spool.startswith(str(previous.resolve() / ".claimx" / "tmp-")), spool
    assert list(tmpdir.iterdir()) == []
    assert _snapshot(previous) == before
    assert invoke("run", corpus, "--out", previous, "--jobs", "2").exit_code == 0
    assert _listing(previous) == sorted(OUTPUTS)  # the spool went with .claimx/
