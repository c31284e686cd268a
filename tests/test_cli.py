"""The command line: every command has help, usage errors are one line with exit 2, `run` writes its files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimx.cli import app

ROOT = Path(__file__).parent.parent
runner = CliRunner()
COMMANDS = [["run"], ["diff"], ["show"], ["schema"], ["eval"], ["eval", "langid"], ["eval", "dates"], ["eval", "boilerplate"]]


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_every_command_has_help(cmd):
    result = runner.invoke(app, [*cmd, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def claimx(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claimx", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize(
    "args, message",
    [
        (["run", "does/not/exist"], "does not exist"),
        (["run", "corpus", "--reference-date", "22/01/2026"], "YYYY-MM-DD"),
        (["run", "corpus", "--lang", "english!"], "--lang"),
        (["run", "corpus", "--jobs", "0"], "--jobs"),
        (["diff", "no/such/out"], "not an output folder"),
        (["nonsense"], "No such command"),
    ],
)
def test_usage_errors_are_one_line_exit_2(args, message):
    proc = claimx(*args, cwd=ROOT)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in proc.stderr


def test_help_does_not_import_spacy():
    code = "import sys; from claimx.cli import app; import claimx.cli; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip()
    assert out == "False"


@pytest.mark.parametrize("cmd", [[], ["run"]], ids=["claimx", "run"])
def test_help_imports_neither_spacy_nor_dask(cmd):
    code = ("import sys; from claimx.cli import main; sys.argv = ['claimx', *sys.argv[1:], '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('spacy', 'dask', 'distributed') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True)
    assert "Usage" in done.stdout and done.stdout.splitlines()[-1] == "[]"


def test_diff_on_malformed_output_is_one_line(tmp_path):
    (tmp_path / "facts.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "conflicts.json").write_text("[]", encoding="utf-8")
    (tmp_path / "claims.jsonl").write_text("", encoding="utf-8")
    proc = claimx("diff", str(tmp_path))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1 and "facts.json" in proc.stderr


def test_schema_prints_every_record():
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schemas = json.loads(result.output)
    assert {"Claim", "Fact", "Conflict", "DocumentRecord", "RunReport"} <= set(schemas)
