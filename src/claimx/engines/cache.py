"""The per-document cache of incremental runs: what reading and extraction made of each document, in SQLite.

A rerun on a growing folder reads again only what is new or changed. Two stages are cached, each entry under a
SHA-256 key of everything its result depends on:

- reading (ingest and language ID), per file: the file's bytes and its sidecar's metadata, its path as the run
  names it and inside the corpus, and the options that change what is read (`--reference-date`, `--max-chars`);
- extraction (boilerplate, spaCy, claim rules, entity votes), per document: the document as read (text, metadata,
  paragraphs and languages), the corpus's boilerplate templates that its lines match (a new file can make a line
  a template: the documents with that line are extracted again), and whether claims were asked for.

Both keys start with the `fingerprint` of what made the results: claimx's version and code, the Python, spaCy and
pipeline versions and those of the libraries that read documents, and every file under the model folders in
use (`resources.models_digest`). Changing a rule in `models/` therefore invalidates every entry by itself;
entries of another fingerprint are removed at the end of a run. Corpus-wide stages (templates, entity voting,
reconciliation) are never cached: they run again over every document, cached or not.

Entries are committed as each task's results come in, so an interrupted run keeps what it finished (commits are
not synced to the disk: a power cut may damage the file, never a killed run). A cache file that SQLite cannot read
is rebuilt, with one warning line; a file that is not a claimx cache at all is
never overwritten (`CacheError`, one line). Values are JSON (ASCII, so that lone surrogates of odd file names
survive), compressed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import sys
import zlib
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, Self

FORMAT = "claimx-cache 1"  # the layout of the file; another layout is rebuilt
DEFAULT_NAME = ".cache.sqlite"  # in the output folder: hidden, never an input, never one of the run's files
SQLITE_HEADER = b"SQLite format 3\x00"
LOOKUP = 500  # keys per SELECT (SQLite's limit on parameters is 32,766 at least)
# the libraries whose versions change what reading and extraction make of a document
LIBRARIES = ("spacy", "thinc", "langdetect", "dateparser", "python-dateutil", "pydantic", "trafilatura", "lxml",
             "charset-normalizer")


class CacheError(ValueError):
    """The cache file named cannot be used (a folder, inside the corpus, not a claimx cache): one line."""


def check_cache(path: Path, corpus: Path, out: Path) -> Path:
    """`path` as a real path once checked: not a folder, not inside the corpus (outputs are never inputs), not one
    of the output folder's files, and, when it exists, a SQLite file or empty (anything else is a user's file, not
    overwritten). CacheError if not."""
    from claimx.output.folder import OUTPUT_FILES, REPORT_FILE

    real = Path(os.path.realpath(path))
    if path.is_dir():
        raise CacheError(f"--cache '{path}' is a folder: name a file")
    root = os.path.realpath(corpus)
    if os.path.commonpath([str(real), root]) == root:
        raise CacheError(f"--cache '{path}' is inside the corpus folder '{corpus}': choose a file outside it")
    if real.parent == Path(os.path.realpath(out)) and real.name in (*OUTPUT_FILES, REPORT_FILE):
        raise CacheError(f"--cache '{path}' is one of the run's output files: choose another name")
    if real.is_file() and real.stat().st_size and real.name != DEFAULT_NAME:
        with open(real, "rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise CacheError(f"--cache '{path}' exists and is not a claimx cache: not overwritten")
    return real


@cache
def code_digest() -> str:
    """SHA-256 of every module of the claimx package, whatever its stage (read once: the code that runs)."""
    import claimx

    root = Path(claimx.__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode() + b"\x00" + hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@cache
def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from claimx import __version__
    from claimx.nlp.pipelines import model_versions
    from claimx.schemas import PIPELINE_VERSION

    found = {"claimx": __version__, "pipeline": PIPELINE_VERSION, "python": sys.version.split()[0],
             "models": model_versions()}
    for name in LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = None
    return json.dumps(found, sort_keys=True)


def fingerprint() -> str:
    """What every cached result depends on besides its document: claimx's version and code, the versions of
    Python, spaCy, the pipelines and the reading libraries, and the files of the model folders in use."""
    from claimx.resources import models_digest

    return _digest(_versions(), code_digest(), models_digest())


def _digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "big") + data)  # lengths first: no two lists of parts give one stream
    return h.hexdigest()


def canonical(value: Any) -> str:
    """`value` as one canonical JSON text (sorted keys, ASCII): what keys are hashed from and values stored as."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def content_digest(data: bytes, sidecar: dict | str) -> str:
    """The digest of what was read of a file: its bytes and its sidecar (metadata, or why it is unreadable)."""
    return _digest(hashlib.sha256(data).digest(), canonical(sidecar))


def file_key(fingerprint: str, path: str, name: str, options: dict, content: str) -> str:
    """The key of a file's reading: the fingerprint, its path as named and inside the corpus, the reading options,
    and `content_digest` of what was read."""
    return _digest(fingerprint, "file", path, name, canonical(options), content)


def document_key(fingerprint: str, document: dict, templates: Iterable[str], claims: bool) -> str:
    """The key of a document's extraction: the fingerprint, the document as read (`Prepared` as JSON), the
    templates its lines match, and whether claims are asked for it."""
    return _digest(fingerprint, "document", canonical(document), canonical(sorted(templates)), str(claims))


class DocumentCache:
    """`with DocumentCache(path, fingerprint, warn) as cache:` opens (or makes) the cache file; `get` finds
    results by key, `put` stores them at once (committed). A file SQLite cannot read is rebuilt, with one line to
    `warn`; if even that fails, the run goes on without a cache (one line too). On a clean exit, entries of other
    fingerprints are removed."""

    def __init__(self, path: Path, fingerprint: str, warn: Callable[[str], None]):
        self.path = Path(path)
        self.fingerprint = fingerprint
        self._warn = warn
        self._db: sqlite3.Connection | None = None
        self.rebuilt = False

    def __enter__(self) -> Self:
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
        except OSError as exc:
            self._give_up(exc)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *rest: object) -> None:
        if self._db is None:
            return
        try:
            if exc_type is None:
                with self._db:
                    self._db.execute("DELETE FROM entries WHERE fingerprint != ?", (self.fingerprint,))
        except sqlite3.DatabaseError:
            pass  # found out, and rebuilt, by the next run
        finally:
            self._db.close()
            self._db = None

    def get(self, keys: list[str], *, raw: bool = False) -> dict[str, Any]:
        """The stored value of each key found (keys not found, or whose value is unreadable, are absent); with
        `raw`, its JSON text (bytes), for the caller to parse and validate at once."""
        found: dict[str, Any] = {}
        if self._db is None or not keys:
            return found
        try:
            for i in range(0, len(keys), LOOKUP):
                part = keys[i : i + LOOKUP]
                rows = self._db.execute(
                    f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(part))})", part).fetchall()
                for key, blob in rows:
                    try:
                        text = zlib.decompress(blob)
                        found[key] = text if raw else json.loads(text)
                    except (zlib.error, ValueError, TypeError):
                        pass  # a value spoiled somehow: a miss, replaced when stored again
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)
            return {}
        return found

    def put(self, items: list[tuple[str, Any]]) -> None:
        """Store `(key, value)` pairs, committed at once: a run killed after this keeps them."""
        if self._db is None or not items:
            return
        rows = [(key, self.fingerprint, zlib.compress(canonical(value).encode("ascii"), 1)) for key, value in items]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
        except sqlite3.DatabaseError as exc:
            self._rebuild(exc)

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            # Commits are not synced to the disk: a run killed at any point keeps every committed entry (the system
            # has them), a power cut may leave a damaged file, rebuilt by the next run. Synced, the commits of one
            # run cost seconds on a slow disk. The rollback journal (not WAL) works on network filesystems too.
            db.execute("PRAGMA synchronous = OFF")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and "meta" not in tables:
                raise CacheError(f"cache '{self.path}' is a SQLite file but not a claimx cache: not overwritten")
            fmt = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone() if tables else None
            if fmt is not None and fmt[0] != FORMAT:
                db.execute("DROP TABLE IF EXISTS entries")  # another layout: start again
            with db:
                db.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
                db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, "
                           "value BLOB NOT NULL) WITHOUT ROWID")
        except BaseException:
            db.close()
            raise
        self._db = db

    def _rebuild(self, exc: BaseException) -> None:
        """A file SQLite cannot read (or that fails while read): removed and made again, empty."""
        if self._db is not None:
            self._db.close()
            self._db = None
        if self.rebuilt:  # once a run: a second failure means it cannot be used here
            self._give_up(exc)
            return
        self.rebuilt = True
        self._warn(f"cache '{self.path}' is damaged ({' '.join(str(exc).split())}): rebuilt")
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._open()
        except (sqlite3.DatabaseError, OSError) as again:
            self._give_up(again)

    def _give_up(self, exc: BaseException) -> None:
        if self._db is not None:
            self._db.close()
        self._db = None
        self._warn(f"cache '{self.path}' cannot be used ({' '.join(str(exc).split())}): this run uses none")
