"""Corpus discovery and safe reading: which files are inputs, and their bytes, within limits.

Only regular files are read, never more than `max_bytes` of one: a FIFO would block the run for ever and a device
(`/dev/zero`) would fill the memory, so both are refused before they are opened. A symlink whose target lies
outside the corpus folder is not followed unless asked (`follow_symlinks`), for files and folders alike: a link to
`/etc/...` must not put that file's text into the outputs. A folder holding a previous run's outputs is never read
as input, and neither are hidden files and folders (claimx's own lock and staging folder are hidden).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

SUFFIXES = {".txt": "txt", ".md": "md", ".html": "html", ".htm": "html", ".json": "json", ".jsonl": "jsonl"}
SIDECAR = ".meta.json"
MAX_BYTES = 100_000_000  # default cap on one input file; a .jsonl file holds many articles
OUTPUT_MARKERS = ("report.json", "documents.jsonl")  # a folder with both, whose report is claimx's, is a run's output

_KINDS = {stat.S_IFIFO: "FIFO", stat.S_IFCHR: "character device", stat.S_IFBLK: "block device",
          stat.S_IFSOCK: "socket", stat.S_IFDIR: "folder"}


@dataclass
class IngestError:
    """A file (or JSONL line) that could not become an article."""

    path: str
    reason: str
    item: int | None = None


@dataclass(frozen=True)
class ReadPolicy:
    """What may be read: files under `root` (a resolved folder; None: anywhere), regular, at most `max_bytes`."""

    root: Path | None = None
    follow_symlinks: bool = False
    max_bytes: int = MAX_BYTES


def _inside(path: str, root: Path) -> bool:
    return os.path.commonpath([path, str(root)]) == str(root)


def check_target(path: Path, policy: ReadPolicy) -> None:
    """Raises ValueError when `path` resolves outside the corpus and symlinks are not to be followed."""
    if policy.root is None or policy.follow_symlinks:
        return
    target = os.path.realpath(path)
    if not _inside(target, policy.root):
        raise ValueError(f"symlink to {target}, outside the corpus folder: not read (--follow-symlinks reads it)")


def read_input(path: Path, policy: ReadPolicy) -> bytes:
    """The bytes of one input file. ValueError (a one-line reason) for what is not read: a target outside the
    corpus, anything but a regular file, a file over the cap; OSError when the system refuses."""
    check_target(path, policy)
    _check_regular(os.stat(path))  # before opening: opening a device can have effects of its own
    # O_NONBLOCK: if the file became a FIFO since the stat, opening it must not wait for a writer
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        _check_regular(st)
        if st.st_size > policy.max_bytes:
            raise ValueError(f"file has {st.st_size:,} bytes, more than --max-bytes {policy.max_bytes:,}: not read")
        data = _read_at_most(fd, policy.max_bytes + 1, st.st_size)  # a file that grows past the cap is refused too
    finally:
        os.close(fd)
    if len(data) > policy.max_bytes:
        raise ValueError(f"file grew past --max-bytes {policy.max_bytes:,} while read: not read")
    return data


def _read_at_most(fd: int, limit: int, expected: int) -> bytes:
    """Up to `limit` bytes of an open file, in reads sized by what `fstat` said (no buffer of `limit` bytes)."""
    data = bytearray()
    while len(data) < limit:
        chunk = os.read(fd, min(limit - len(data), max(expected + 1 - len(data), 1 << 16)))
        if not chunk:
            break
        data += chunk
    return bytes(data)


def _check_regular(st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise ValueError(f"not a regular file ({_KINDS.get(stat.S_IFMT(st.st_mode), 'special file')}): not read")


def is_output_folder(folder: Path) -> bool:
    """Whether `folder` holds the outputs of a claimx run (its report.json says so)."""
    if not all((folder / name).is_file() for name in OUTPUT_MARKERS):
        return False
    try:
        with open(folder / "report.json", "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.lstrip().startswith(b"{") and b'"claimx_version"' in head


def discover(corpus: Path, follow_symlinks: bool = False) -> tuple[list[Path], list[IngestError], list[str]]:
    """Input files under `corpus` (recursive, sorted), folders that were not read (with the reason), and skipped
    paths: files of other types, and folders holding an earlier run's outputs (named with a final `/`).

    Symlinked folders are entered when `follow_symlinks` and their target is outside the corpus; a link to a folder
    inside the corpus is never entered (its files are read at their own place), so no folder is read twice and a
    cycle of links ends. Without `follow_symlinks`, a link to a folder outside is reported as not read."""
    files: list[Path] = []
    errors: list[IngestError] = []
    skipped: list[str] = []
    root = Path(os.path.realpath(corpus))
    seen = {str(root)}

    def onerror(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename), f"cannot read directory: {exc.strerror}"))

    for top, dirs, names in os.walk(corpus, onerror=onerror, followlinks=follow_symlinks):
        keep = []
        for d in sorted(dirs):
            path = Path(top) / d
            if d.startswith("."):
                continue
            real = os.path.realpath(path)
            if path.is_symlink():
                if _inside(real, root) or real in seen:
                    continue  # read where it really is (or already read): never twice, and no cycles
                if not follow_symlinks:
                    errors.append(IngestError(
                        str(path), f"symlink to the folder {real}, outside the corpus folder: not read "
                        "(--follow-symlinks reads it)"))
                    continue
            if is_output_folder(path):
                skipped.append(f"{path}{os.sep}")
                continue
            seen.add(real)
            keep.append(d)
        dirs[:] = keep
        for name in sorted(names):
            if name.startswith(".") or name.endswith(SIDECAR):
                continue
            path = Path(top) / name
            if path.suffix.lower() in SUFFIXES:
                files.append(path)
            else:
                skipped.append(str(path))
    return files, errors, skipped
