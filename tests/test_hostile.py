"""No input ends the run: hostile files, huge texts, odd names, odd options, each driven through the command line
as a user runs it. A bad file is one line on stderr and the others are processed; a bad option or output folder is
one line and exit status 2 before anything is read. (Interrupted runs: test_interrupt.py.)"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest
from cli_runs import ARTICLES, claimx, document, invoke, one_line_error, records, write_corpus

from claimx.cli import printable
from claimx.ingest import langid


def _ok(result) -> str:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return result.output


def _rejected_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("rejected ")]


# 1. Numeric dates ---------------------------------------------------------------------------------------------

NUMERIC_DATES = {"inf.json": "1e309", "minus_inf.json": "-1e309", "far.json": "1e18", "nan.json": "NaN",
                 "bool.json": "true"}


def test_numeric_dates_out_of_range_or_not_numbers_are_no_date(tmp_path):
    text = json.dumps(ARTICLES["acme.txt"])
    files = {name: f'{{"text": {text}, "published": {raw}}}' for name, raw in NUMERIC_DATES.items()}
    corpus = write_corpus(tmp_path / "corpus", {**files, "unix.json": json.dumps(
        {"text": ARTICLES["northwind.txt"], "published": 1700000000})})
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out))
    for name in NUMERIC_DATES:
        doc = document(out, name)
        assert doc["status"] == "ok" and doc["published"] is None, (name, doc)
        assert any("unreadable date" in w for w in doc["warnings"]), (name, doc["warnings"])
    assert document(out, "unix.json")["published"] == "2023-11-14"  # 22:13:20 UTC


def test_numeric_dates_do_not_depend_on_the_time_zone(tmp_path):
    # 1700000000 is 14 November 2023, 22:13:20 UTC: already the 15th at UTC+14, still the 14th at UTC-10
    corpus = write_corpus(tmp_path / "corpus", {"a.json": json.dumps(
        {"text": ARTICLES["acme.txt"], "published": 1700000000})})
    outs = []
    for tz in ("Pacific/Kiritimati", "Pacific/Honolulu"):
        out = tmp_path / tz.replace("/", "_")
        proc = claimx("run", corpus, "--out", out, env={"TZ": tz})
        assert proc.returncode == 0, proc.stderr
        outs.append(out)
    assert document(outs[0], "a.json")["published"] == "2023-11-14"
    assert (outs[0] / "documents.jsonl").read_bytes() == (outs[1] / "documents.jsonl").read_bytes()


# 2. Deeply nested JSON ----------------------------------------------------------------------------------------


def test_deeply_nested_json_is_one_rejected_file(tmp_path):
    deep = "[" * 100_000
    good = json.dumps({"text": ARTICLES["acme.txt"]})
    corpus = write_corpus(tmp_path / "corpus", {
        "deep.json": deep,
        "wire.jsonl": "\n".join([good, deep, json.dumps({"text": ARTICLES["northwind.txt"]})]) + "\n",
        "side.txt": ARTICLES["zanzibar.txt"], "side.meta.json": '{"source": ' + deep,
        "fine.txt": ARTICLES["northwind.txt"],
    })
    out = tmp_path / "out"
    output = _ok(invoke("run", corpus, "--out", out))
    assert document(out, "deep.json")["error"] == "malformed JSON article: nested too deeply"
    assert document(out, "wire.jsonl", 2)["error"] == "line 2: malformed JSON article: nested too deeply"
    assert [document(out, "wire.jsonl", n)["status"] for n in (1, 3)] == ["ok", "ok"]
    assert document(out, "side.txt")["error"] == "sidecar side.meta.json unreadable: nested too deeply"
    assert document(out, "fine.txt")["status"] == "ok"
    assert len(_rejected_lines(output)) == 3


# 3. Long documents --------------------------------------------------------------------------------------------


def test_a_document_past_max_chars_is_rejected_with_the_reason(tmp_path):
    long = ARTICLES["acme.txt"] * 60  # about 12,000 characters
    corpus = write_corpus(tmp_path / "corpus", {"long.txt": long, "long.jsonl": json.dumps({"text": long}),
                                                "short.txt": ARTICLES["northwind.txt"]})
    out = tmp_path / "out"
    output = _ok(invoke("run", corpus, "--out", out, "--max-chars", "10000"))
    reason = (f"document has {len(long):,} characters, more than --max-chars 10,000: not processed (split it, or "
              "raise --max-chars)")
    assert document(out, "long.txt")["error"] == reason
    assert document(out, "long.jsonl", 1)["error"] == reason
    assert document(out, "short.txt")["status"] == "ok"
    assert f"rejected {corpus / 'long.txt'}: {reason}" in output.splitlines()


def test_a_30_mb_text_is_rejected_in_seconds_not_minutes(tmp_path):
    paragraph = "The council met on Monday and voted on the new budget for the coming year.\n"
    corpus = write_corpus(tmp_path / "corpus", {"huge.txt": paragraph * (30_000_000 // len(paragraph)),
                                                "short.txt": ARTICLES["northwind.txt"]})
    out = tmp_path / "out"
    t0 = time.perf_counter()
    _ok(invoke("run", corpus, "--out", out))  # default caps: 100 MB a file, 200,000 characters a document
    assert time.perf_counter() - t0 < 60
    assert "more than --max-chars 200,000" in document(out, "huge.txt")["error"]
    assert document(out, "short.txt")["status"] == "ok"


def test_a_file_past_max_bytes_is_rejected_unread(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"big.txt": "x" * 2_000_001, "short.txt": ARTICLES["acme.txt"]})
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out, "--max-bytes", "2M"))
    assert document(out, "big.txt")["error"] == "file has 2,000,001 bytes, more than --max-bytes 2,000,000: not read"
    assert document(out, "short.txt")["status"] == "ok"


@pytest.mark.parametrize("args, message", [
    (["--max-chars", "1000001"], "--max-chars"),
    (["--max-bytes", "lots"], "--max-bytes takes a size"),
    (["--max-bytes", "0"], "--max-bytes takes a size"),
])
def test_caps_past_what_claimx_can_do_are_usage_errors(tmp_path, args, message):
    corpus = write_corpus(tmp_path / "corpus")
    assert message in one_line_error(claimx("run", corpus, "--out", tmp_path / "out", *args))


def test_language_id_asks_about_a_bounded_number_of_paragraphs(monkeypatch):
    asked = []
    real = langid.paragraph_guess
    monkeypatch.setattr(langid, "paragraph_guess", lambda text, lang: asked.append(len(text)) or real(text, lang))
    text = "The council met on Monday and voted on the new budget.\n" * 5000 + "x" * 100_000
    spans = [(i * 55, i * 55 + 54) for i in range(5000)] + [(5000 * 55, len(text))]
    paragraphs = langid.detect_paragraphs(text, spans, langid.LangGuess("en", 0.99))
    assert len(asked) == langid.MAX_PARAGRAPHS and max(asked) <= langid.SAMPLE_CHARS
    assert len(paragraphs) == len(spans) and paragraphs[-1].inherited and paragraphs[-1].lang == "en"


# 4. Special files ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_the_corpus_is_skipped_not_waited_for(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["acme.txt"]})
    os.mkfifo(corpus / "pipe.txt")
    proc = claimx("run", corpus, "--out", tmp_path / "out", timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert f"rejected {corpus / 'pipe.txt'}: not a regular file (FIFO): not read" in proc.stderr.splitlines()
    assert document(tmp_path / "out", "a.txt")["status"] == "ok"


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
@pytest.mark.parametrize("follow", [False, True])
def test_a_symlink_to_dev_zero_is_never_read(tmp_path, follow):
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["acme.txt"]})
    (corpus / "zero.txt").symlink_to("/dev/zero")
    proc = claimx("run", corpus, "--out", tmp_path / "out", *(["--follow-symlinks"] if follow else []), timeout=120)
    assert proc.returncode == 0, proc.stderr
    reason = "not a regular file (character device): not read" if follow else "symlink to /dev/zero, outside"
    (line,) = _rejected_lines(proc.stderr)
    assert line.startswith(f"rejected {corpus / 'zero.txt'}: {reason}")


# 5. Symlinks out of the corpus --------------------------------------------------------------------------------

SECRET = "Quartermaine Holdings said on Friday that it would buy Vexley Foods for $9 billion."


@pytest.fixture
def linked(tmp_path) -> Path:
    """A corpus with a symlink to a file outside it, one to a folder outside it, and one to a file inside it."""
    outside = write_corpus(tmp_path / "outside", {"secret.txt": SECRET, "folder/secret2.txt": SECRET})
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["acme.txt"], "sub/b.txt": ARTICLES["northwind.txt"]})
    (corpus / "hostname.txt").symlink_to(outside / "secret.txt")
    (corpus / "elsewhere").symlink_to(outside / "folder", target_is_directory=True)
    (corpus / "inner.txt").symlink_to(corpus / "sub" / "b.txt")
    (corpus / "loop").symlink_to(corpus, target_is_directory=True)
    return corpus


def test_symlinks_out_of_the_corpus_are_not_followed(linked, tmp_path):
    out = tmp_path / "out"
    output = _ok(invoke("run", linked, "--out", out))
    assert "Quartermaine" not in (out / "claims.jsonl").read_text(encoding="utf-8")
    assert "Quartermaine" not in (out / "documents.jsonl").read_text(encoding="utf-8")
    lines = _rejected_lines(output)
    assert f"rejected {linked / 'hostname.txt'}: symlink to {tmp_path / 'outside' / 'secret.txt'}, outside the " \
           "corpus folder: not read (--follow-symlinks reads it)" in lines
    assert f"rejected {linked / 'elsewhere'}: symlink to the folder {tmp_path / 'outside' / 'folder'}, outside the " \
           "corpus folder: not read (--follow-symlinks reads it)" in lines
    assert len(lines) == 2  # the link to a file inside is read; the link back to the corpus is not entered
    assert document(out, "inner.txt")["status"] == "ok"


def test_follow_symlinks_reads_them(linked, tmp_path):
    out = tmp_path / "out"
    output = _ok(invoke("run", linked, "--out", out, "--follow-symlinks"))
    assert not _rejected_lines(output)
    assert document(out, "hostname.txt")["status"] == document(out, "secret2.txt")["status"] == "ok"
    assert "Quartermaine" in (out / "claims.jsonl").read_text(encoding="utf-8")


# 6. One line a message ----------------------------------------------------------------------------------------

ODD_NAMES = ["[bold]x.txt", "a[/b].txt", "two\nlines.txt", "esc\x1b[31mred.txt", "bidi\u202eoverride.txt",
             "long-" + "n" * 180 + ".txt", "wrap me " * 12 + ".txt"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_each_message_is_one_line_with_the_path_whole_and_escaped(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {"fine.txt": ARTICLES["acme.txt"],
                                                **{name: b"" for name in ODD_NAMES}})
    # stderr is not a terminal; a narrow terminal width must not wrap the lines either
    proc = claimx("run", corpus, "--out", tmp_path / "out", env={"COLUMNS": "30"})
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == len(ODD_NAMES) + 1  # a line a rejected file, then the summary
    for name in ODD_NAMES:
        assert f"rejected {printable(str(corpus / name))}: empty file" in lines, name
    assert f"rejected {corpus}/[bold]x.txt: empty file" in lines  # markup is text, not style
    assert f"rejected {corpus}/two\\nlines.txt: empty file" in lines
    assert lines[-1].startswith("1 documents ok, 7 rejected")


def test_errors_naming_odd_paths_are_one_line(tmp_path):
    line = one_line_error(claimx("run", tmp_path / "no\nsuch [red]folder"))
    assert "no\\nsuch [red]folder" in line


# 7. The output folder is checked first ------------------------------------------------------------------------


def _unwritable_outs(tmp_path: Path) -> list[tuple[str, str]]:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    cases = [(str(tmp_path / "file" / "out"), "cannot be created"), (str(tmp_path / "file"), "is not a folder"),
             ("", "--out must name a folder, got ''")]
    if os.path.isdir("/proc/1"):
        cases += [("/proc/x", "cannot be created"), ("/proc/1", "is not writable")]
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # root writes anywhere
        (tmp_path / "ro").mkdir(mode=0o500)
        cases.append((str(tmp_path / "ro"), "is not writable"))
    return cases


def test_an_unusable_out_is_one_line_exit_2_before_anything_is_read(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    for out, message in _unwritable_outs(tmp_path):
        t0 = time.perf_counter()
        proc = claimx("run", corpus, "--out", out)
        line = one_line_error(proc)
        assert message in line and "documents ok" not in proc.stderr, (out, line)
        assert time.perf_counter() - t0 < 20  # no pipeline was loaded


# 8. Outputs are never inputs ----------------------------------------------------------------------------------


def test_out_inside_the_corpus_is_refused(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    for out in (corpus / "out", corpus, corpus / "sub" / "deeper"):
        assert "is inside the corpus folder" in one_line_error(claimx("run", corpus, "--out", out))
    assert not (corpus / "out").exists()


def test_a_previous_runs_outputs_inside_a_corpus_are_skipped(tmp_path):
    corpus = write_corpus(tmp_path / "corpus")
    first = tmp_path / "first"
    _ok(invoke("run", corpus, "--out", first))
    import shutil

    shutil.copytree(first, corpus / "old_run")
    out = tmp_path / "out"
    output = _ok(invoke("run", corpus, "--out", out))
    assert f"skipped {corpus / 'old_run'}/: the outputs of an earlier claimx run, never an input" in output.splitlines()
    assert not [d for d in records(out / "documents.jsonl") if "old_run" in d["path"]]
    assert records(out / "documents.jsonl") == records(first / "documents.jsonl")
    assert "holds the outputs of a claimx run" in one_line_error(claimx("run", first, "--out", tmp_path / "o2"))


# 9. Ids -------------------------------------------------------------------------------------------------------


def test_every_input_item_has_its_own_id_and_claim_ids_are_unique(tmp_path):
    text = ARTICLES["acme.txt"]
    line = json.dumps({"text": text, "source": "Wire"})
    corpus = write_corpus(tmp_path / "corpus", {
        "a.txt": text, "copy/a.txt": text, "b.txt": text,
        "x/wire.jsonl": f"{line}\n{line}\n", "y/wire.jsonl": f"{line}\n",
    })
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out))
    docs = records(out / "documents.jsonl")
    assert len(docs) == 6 and all(d["status"] == "ok" for d in docs)
    assert len({d["doc_id"] for d in docs}) == 6
    claims = records(out / "claims.jsonl")
    assert len(claims) >= 6 and len({c["id"] for c in claims}) == len(claims)
    # the copies are one text: reconciliation finds them by content and counts them as one source
    facts = json.loads((out / "facts.json").read_text(encoding="utf-8"))["facts"]
    assert facts and all(f["independent_sources"] == 1 for f in facts)


def test_ids_do_not_depend_on_where_the_corpus_is(tmp_path):
    a = write_corpus(tmp_path / "one" / "corpus")
    b = write_corpus(tmp_path / "two" / "elsewhere")
    _ok(invoke("run", a, "--out", tmp_path / "out_a", "--lang", "de"))
    _ok(invoke("run", b, "--out", tmp_path / "out_b", "--lang", "de"))
    ids = [[d["doc_id"] for d in records(tmp_path / o / "documents.jsonl")] for o in ("out_a", "out_b")]
    assert ids[0] == ids[1]


# 12. Deeply nested outputs read by diff and show --------------------------------------------------------------


@pytest.mark.parametrize("name, content", [
    ("facts.json", '{"version": 2, "facts": ' + "[" * 100_000),
    ("conflicts.json", '{"version": 2, "conflicts": ' + "[" * 100_000),
    ("claims.jsonl", "[" * 100_000 + "\n"),
    ("report.json", "[" * 100_000),
])
@pytest.mark.parametrize("command", ["diff", "show"])
def test_diff_and_show_on_deeply_nested_outputs_are_one_line(tmp_path, name, content, command):
    out = tmp_path / "out"
    out.mkdir()
    (out / "facts.json").write_text('{"version": 2, "facts": []}', encoding="utf-8")
    (out / "conflicts.json").write_text('{"version": 2, "conflicts": []}', encoding="utf-8")
    (out / "claims.jsonl").write_text("", encoding="utf-8")
    (out / name).write_text(content, encoding="utf-8")
    line = one_line_error(claimx(command, out))
    assert name in line and ("nested too deeply" in line or "invalid JSON" in line), line


# Smaller ones -------------------------------------------------------------------------------------------------

JAPANESE = ("日本政府は月曜日、新しい経済対策を発表した。"
            "トヨタ自動車は来年、国内の工場を一つ閉鎖する予定だと述べた。")


def test_utf16_with_bom_and_shift_jis_are_decoded(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {
        "utf16.txt": ARTICLES["acme.txt"].encode("utf-16"),
        "utf16be.txt": b"\xfe\xff" + ARTICLES["northwind.txt"].encode("utf-16-be"),
        "sjis.txt": JAPANESE.encode("shift_jis"),
        "broken.txt": "Le président ".encode() + b"\xff" + " a annoncé".encode(),
    })
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out))
    for name in ("utf16.txt", "utf16be.txt"):
        doc = document(out, name)
        assert (doc["status"], doc["encoding"], doc["chars_in"]) == ("ok", "utf-16", len(ARTICLES[
            "acme.txt" if name == "utf16.txt" else "northwind.txt"])), doc
    sjis = document(out, "sjis.txt")
    assert sjis["status"] == "ok" and sjis["lang"] == "ja"
    assert sjis["encoding"] in ("cp932", "shift_jis", "shift_jis_2004")
    assert "otherwise UTF-8" in document(out, "broken.txt")["error"]  # damaged UTF-8 is still refused


def test_html_without_date_metadata_gets_no_date(tmp_path):
    page = ("<html><head><title>Acme closes its Lyon plant</title></head><body><article><h1>Acme closes its Lyon "
            "plant</h1><p>The Acme plant in Lyon, which opened in 1987 and employed 300 people in 2019, will close, "
            "the company said on Monday.</p><p>Production will stop by the end of the year, according to union "
            "officials who attended the meeting with the management.</p></article></body></html>")
    dated = page.replace("<head>", '<head><meta property="article:published_time" content="2025-03-12T10:00:00Z">')
    corpus = write_corpus(tmp_path / "corpus", {"undated.html": page, "dated.html": dated})
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out))
    assert document(out, "undated.html")["published"] is None
    assert document(out, "dated.html")["published"] == "2025-03-12"


def test_unknown_languages_are_refused_or_ignored_with_a_warning(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", {
        "klingon.json": json.dumps({"text": ARTICLES["acme.txt"], "lang": "tlhIngan Hol"}),
        "xx.json": json.dumps({"text": ARTICLES["northwind.txt"], "lang": "xx"}),
        "british.json": json.dumps({"text": ARTICLES["zanzibar.txt"], "lang": "en-GB"}),
    })
    assert "--lang: xx is not a language claimx detects" in one_line_error(
        claimx("run", corpus, "--out", tmp_path / "o", "--lang", "en,xx"))
    out = tmp_path / "out"
    _ok(invoke("run", corpus, "--out", out))
    assert document(out, "klingon.json")["warnings"] == [
        "declared language 'tlhIngan Hol' ignored: not a language claimx detects"]
    assert document(out, "xx.json")["warnings"] == ["declared language 'xx' ignored: not a language claimx detects"]
    assert document(out, "british.json")["warnings"] == []
    assert {document(out, n)["lang"] for n in ("klingon.json", "xx.json", "british.json")} == {"en"}


def test_more_jobs_than_processors_is_warned(tmp_path, monkeypatch):
    monkeypatch.setattr("claimx.cli._processors", lambda: 1)
    corpus = write_corpus(tmp_path / "corpus", {"a.txt": ARTICLES["acme.txt"]})
    output = _ok(invoke("run", corpus, "--out", tmp_path / "out", "--jobs", "2"))
    assert output.splitlines()[0] == ("warning --jobs 2 is more than the processors here (1), and each worker loads "
                                      "both pipelines (about 1.1 GB): the run will be slower, not faster")
