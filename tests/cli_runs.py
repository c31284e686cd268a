"""Helpers for tests that run claimx as a user does: in this process (typer's CliRunner, or `main` for the exit
status and the one-line errors it prints) or as a separate process (`python -m claimx`) where a real process is
needed: a timeout, a time zone, a signal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from claimx.cli import app

runner = CliRunner()

# Three short English articles: claims in several frame families, so reconciliation deals several shares.
ARTICLES = {
    "acme.txt": "Acme buys Borealis for $2 billion\n\nAcme Corp said on Monday that it had agreed to buy Borealis "
    "Systems for $2 billion. The deal is expected to close in March 2025, Acme chief executive Jane Smith told "
    "reporters.\n",
    "northwind.txt": "Northwind cuts 300 jobs\n\nNorthwind Airlines will cut 300 jobs in Ohio, the company announced "
    "on Tuesday. The airline reported a loss of $40 million in 2024.\n",
    "zanzibar.txt": "Zanzibar Mining opens a new mine\n\nZanzibar Mining opened a copper mine in Chile on Wednesday, "
    "the company said. It plans to hire 500 workers by 2026.\n",
}


def write_corpus(folder: Path, files: dict[str, str | bytes] | None = None) -> Path:
    """`folder` with `files` (name → text or bytes; default: ARTICLES), sub-folders made as needed."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (ARTICLES if files is None else files).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


def invoke(*args: str):
    """`claimx ARGS` in this process (CliRunner): the result has `exit_code` and `output` (stdout and stderr)."""
    return runner.invoke(app, [str(a) for a in args])


def claimx(*args: str, env: dict[str, str] | None = None, timeout: float = 300, cwd: Path | None = None,
           ) -> subprocess.CompletedProcess:
    """`python -m claimx ARGS` as its own process, stderr not a terminal."""
    return subprocess.run([sys.executable, "-m", "claimx", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, cwd=cwd, check=False)


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The one line a usage error prints (asserted: exit 2, one line, no traceback)."""
    lines = proc.stderr.splitlines()
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert len(lines) == 1 and lines[0].startswith("claimx") and ": error: " in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def document(out: Path, name: str, item: int | None = None) -> dict:
    """The `documents.jsonl` record of the file `name` (and JSONL line `item`)."""
    (found,) = [d for d in records(out / "documents.jsonl")
                if Path(d["path"]).name == name and (item is None or d["item"] == item)]
    return found
