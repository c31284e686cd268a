"""Incremental runs: a rerun reads and extracts only what is new or changed, through the per-document cache, and
writes the bytes a fresh run writes. The cache is keyed by the document, claimx and the models in use; it survives
an interrupted run; a damaged one is rebuilt with one warning line; it is never an input nor one of the run's
files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_runs import ARTICLES, claimx, invoke, one_line_error, write_corpus

from claimx import resources
from claimx.engines.cache import DEFAULT_NAME
from claimx.pipeline import RunOptions, run

FILES = ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json")
TOWNS = ("Akron", "Boise", "Camden", "Dayton", "Elgin", "Fresno", "Gary", "Helena", "Irvine", "Joliet")


def _article(n: int) -> str:
    """A short article of its own: a company, a town and a figure that no other article has."""
    town = TOWNS[n % len(TOWNS)]
    return (f"Firm{n} cuts {n + 10} jobs in {town}\n\nFirm{n} Corp said on Tuesday that it would cut {n + 10} jobs at "
            f"its plant in {town} by March 2025, the company announced.\n")


def _corpus(folder: Path, n: int) -> Path:
    return write_corpus(folder, {f"a{i:03d}.txt": _article(i) for i in range(n)})


def _run(corpus: Path, out: Path, cache: Path | None = None, jobs: int = 1):
    return run(RunOptions(corpus=corpus, out=out, cache=cache, jobs=jobs)).report


def _same_files(a: Path, b: Path) -> None:
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_one_more_file_is_the_only_one_extracted(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 100)
    out = tmp_path / "out"
    first = _run(corpus, out, out / DEFAULT_NAME)
    assert (first.documents_extracted, first.documents_reused) == (100, 0)
    (corpus / "a100.txt").write_text(_article(100), encoding="utf-8")
    again = _run(corpus, out, out / DEFAULT_NAME)
    assert (again.documents_extracted, again.documents_reused) == (1, 100)
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["documents_reused"] == 100
    fresh = _run(corpus, tmp_path / "fresh")  # no cache
    assert (fresh.documents_extracted, fresh.documents_reused) == (101, 0)
    _same_files(out, tmp_path / "fresh")


def test_a_line_that_becomes_a_template_extracts_again_the_documents_it_is_in(tmp_path):
    # a line of one source in three documents is a template (boilerplate): the third makes it one for all three
    tail = "Subscribe to the Daily Ledger for more news\n"
    files = {f"ledger{i}.txt": f"---\nsource: ledger.example\n---\n{_article(i)}{tail}" for i in range(2)}
    files |= {f"other{i}.txt": _article(10 + i) for i in range(3)}
    corpus = write_corpus(tmp_path / "corpus", files)
    out = tmp_path / "out"
    _run(corpus, out, out / DEFAULT_NAME)
    (corpus / "ledger2.txt").write_text(f"---\nsource: ledger.example\n---\n{_article(2)}{tail}", encoding="utf-8")
    again = _run(corpus, out, out / DEFAULT_NAME)
    assert (again.documents_extracted, again.documents_reused) == (3, 3)
    removed = [d["removed"] for d in map(json.loads, (out / "documents.jsonl").read_text().splitlines())
               if "ledger" in d["path"]]
    assert all(any(r["reason"] == "template" for r in rs) for rs in removed)
    _run(corpus, tmp_path / "fresh")
    _same_files(out, tmp_path / "fresh")


def test_a_changed_sidecar_is_a_changed_document(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 3)
    out = tmp_path / "out"
    _run(corpus, out, out / DEFAULT_NAME)
    (corpus / "a001.txt.meta.json").write_text('{"published": "2025-01-07"}', encoding="utf-8")
    again = _run(corpus, out, out / DEFAULT_NAME)
    assert (again.documents_extracted, again.documents_reused) == (1, 2)
    _run(corpus, tmp_path / "fresh")
    _same_files(out, tmp_path / "fresh")


@pytest.fixture
def extra_models(tmp_path, monkeypatch) -> Path:
    """An extra models folder, searched after the bundled one for this test only."""
    folder = tmp_path / "models"
    (folder / "antonyms").mkdir(parents=True)
    monkeypatch.setattr(resources, "_EXTRA_DIRS", [])
    resources.add_models_dir(folder)
    yield folder
    resources.clear_caches()


def test_a_changed_models_file_invalidates_the_cache(tmp_path, extra_models):
    bundled = resources.bundled_models_dir() / "antonyms" / "en.json"
    rule = extra_models / "antonyms" / "en.json"
    shutil.copy(bundled, rule)
    corpus = _corpus(tmp_path / "corpus", 3)
    out = tmp_path / "out"
    assert _run(corpus, out, out / DEFAULT_NAME).documents_extracted == 3
    assert _run(corpus, out, out / DEFAULT_NAME).documents_reused == 3
    rule.write_text(rule.read_text(encoding="utf-8").replace("]", "] ", 1), encoding="utf-8")  # one byte more
    again = _run(corpus, out, out / DEFAULT_NAME)
    assert (again.documents_extracted, again.documents_reused) == (3, 0)


def test_the_engine_does_not_change_what_the_cache_holds(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 6)
    out = tmp_path / "out"
    assert _run(corpus, out, out / DEFAULT_NAME, jobs=2).documents_extracted == 6  # worker processes
    assert _run(corpus, out, out / DEFAULT_NAME, jobs=1).documents_reused == 6  # this process


# -- through the command line ---------------------------------------------------------------------------------


def _ok(result) -> list[str]:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output.splitlines()


def test_claimx_run_keeps_its_cache_in_out_and_not_among_the_runs_files(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out))
    assert (out / DEFAULT_NAME).is_file()
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert DEFAULT_NAME not in report["outputs"] and report["cache"] == str(out / DEFAULT_NAME)
    lines = _ok(invoke("run", corpus, "--out", out))
    assert "3 documents ok (3 reused from the cache)" in lines[-1]
    for command in ("diff", "show"):
        assert claimx(command, out).returncode == 0
    # an output folder with its cache, inside a corpus, is skipped as a whole: outputs are never inputs
    shutil.copytree(out, corpus / "old-run")
    _ok(invoke("run", corpus, "--out", tmp_path / "again"))
    report = json.loads((tmp_path / "again" / "report.json").read_text(encoding="utf-8"))
    assert report["files_seen"] == 3 and report["skipped"] == [f"{corpus / 'old-run'}/"]


def test_no_cache_neither_reads_nor_writes_it(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out, "--no-cache"))
    assert not (out / DEFAULT_NAME).exists()
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["cache"] is None


def test_cache_elsewhere(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    cache = tmp_path / "caches" / "news.sqlite"
    _ok(invoke("run", corpus, "--out", tmp_path / "a", "--cache", cache))
    _ok(invoke("run", corpus, "--out", tmp_path / "b", "--cache", cache))
    assert not (tmp_path / "a" / DEFAULT_NAME).exists()
    assert json.loads((tmp_path / "b" / "report.json").read_text(encoding="utf-8"))["documents_reused"] == 3
    _same_files(tmp_path / "a", tmp_path / "b")


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_cache_is_rebuilt_with_one_warning_line(tmp_path, damage):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out))
    path = out / DEFAULT_NAME
    data = path.read_bytes()
    path.write_bytes(b"\x00not a database\xff" * 100 if damage == "garbage" else data[: len(data) // 3])
    before = {name: (out / name).read_bytes() for name in FILES}
    proc = claimx("run", corpus, "--out", out)
    assert proc.returncode == 0, proc.stderr
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("warning")]
    assert len(warnings) == 1 and f"cache '{path}' is damaged" in warnings[0] and warnings[0].endswith("rebuilt")
    assert "Traceback" not in proc.stderr
    assert {name: (out / name).read_bytes() for name in FILES} == before
    lines = _ok(invoke("run", corpus, "--out", out))  # the rebuilt cache serves the next run
    assert "(3 reused from the cache)" in lines[-1]


@pytest.mark.parametrize("args, message", [
    (["--cache", "{corpus}/cache.sqlite"], "is inside the corpus folder"),
    (["--cache", "{tmp}"], "is a folder"),
    (["--cache", "{tmp}/notes.txt"], "is not a claimx cache: not overwritten"),
    (["--cache", "{out}/claims.jsonl"], "is one of the run's output files"),
    (["--cache", "x.sqlite", "--no-cache"], "exclude each other"),
])
def test_unusable_cache_options_are_one_line(tmp_path, args, message):
    corpus = write_corpus(tmp_path / "corpus")
    (tmp_path / "notes.txt").write_text("my notes", encoding="utf-8")
    args = [a.format(corpus=corpus, tmp=tmp_path, out=tmp_path / "out") for a in args]
    line = one_line_error(claimx("run", corpus, "--out", tmp_path / "out", *args))
    assert message in line
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert sorted(p.name for p in corpus.iterdir()) == sorted(ARTICLES)  # nothing written into the corpus


def test_a_sqlite_file_of_someone_else_is_not_overwritten(tmp_path):
    import sqlite3

    corpus = write_corpus(tmp_path / "corpus")
    theirs = tmp_path / "theirs.sqlite"
    with sqlite3.connect(theirs) as db:
        db.execute("CREATE TABLE accounts (name TEXT)")
    line = one_line_error(claimx("run", corpus, "--out", tmp_path / "out", "--cache", theirs))
    assert "is a SQLite file but not a claimx cache: not overwritten" in line
    with sqlite3.connect(theirs) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("accounts",)]


def test_the_code_digest_covers_every_stage_of_the_package():
    """A change to any module of claimx (the claim rules, not only the engines beside the cache) is another
    fingerprint: the digest reads every module of the package."""
    import claimx
    from claimx.engines import cache as cache_module

    root = Path(claimx.__file__).resolve().parent
    read: list[str] = []
    real = Path.read_bytes

    def spy(self):
        read.append(self.resolve().relative_to(root).as_posix())
        return real(self)

    cache_module.code_digest.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(Path, "read_bytes", spy)
            cache_module.code_digest()
    finally:
        cache_module.code_digest.cache_clear()
    assert {"claims/stance.py", "reconcile/relations.py", "engines/cache.py", "pipeline.py"} <= set(read)


def test_a_stored_result_that_is_not_one_is_extracted_again(tmp_path):
    import sqlite3
    import zlib

    corpus = _corpus(tmp_path / "corpus", 3)
    out = tmp_path / "out"
    _run(corpus, out, out / DEFAULT_NAME)
    with sqlite3.connect(out / DEFAULT_NAME) as db:  # every value JSON, none an extraction result any more
        db.execute("UPDATE entries SET value = ?", (zlib.compress(b'{"claims": "spoiled"}'),))
    again = _run(corpus, out, out / DEFAULT_NAME)
    assert (again.documents_extracted, again.documents_reused) == (3, 0)
    _run(corpus, tmp_path / "fresh")
    _same_files(out, tmp_path / "fresh")
