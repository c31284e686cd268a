"""Corpus discovery: the input files under a folder, the folders that could not be read, the files of other types."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
SIDECAR = ".meta.json"


@dataclass
class IngestError:
    """A file (or JSONL line) that could not become an article."""

    path: str
    reason: str
    item: int | None = None


def discover(corpus: Path) -> tuple[list[Path], list[IngestError], list[str]]:
    """Input files under `corpus` (recursive, sorted), unreadable folders, and skipped files of other types."""
    files: list[Path] = []
    errors: list[IngestError] = []
    skipped: list[str] = []

    def onerror(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename), f"cannot read directory: {exc.strerror}"))

    for root, dirs, names in os.walk(corpus, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.endswith(SIDECAR):
                continue
            path = Path(root) / name
            if path.suffix.lower() in SUFFIXES:
                files.append(path)
            else:
                skipped.append(str(path))
    return files, errors, skipped
