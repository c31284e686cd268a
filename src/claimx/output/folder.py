"""The output folder of a run: checked before the run, locked during it, and changed as a whole at its end.

A run writes every file into a staging folder (`OUT/.claimx/run-ID/`), then moves them into `OUT` (report.json
last, and outputs of an earlier run that this one did not make removed). `report.json` lists the size and SHA-256
of every file of its run, and readers check the files they read against it (`files.check_outputs`), so a folder
whose files come from different runs is found out, whatever left it so. A run that is killed leaves `OUT` as the
previous run left it (the staging folder is removed by the next run), except in the instant of the moves, which
readers detect. The lock (`OUT/.claimx/lock`, a POSIX record lock: released by the system when its process dies,
not inherited by forked workers) keeps two runs from writing to one folder; the second stops with a clear line.
Temporary files of the run (the workers' spool of reconciliation) live in `OUT/.claimx/tmp-ID/`, so a killed run
leaves nothing in the system's temporary folder either. After a run, `OUT/.claimx/` is gone.
"""

from __future__ import annotations

import os
import shutil
import socket
import time
import uuid
from pathlib import Path
from typing import Self

WORK = ".claimx"  # claimx's own folder inside OUT: the lock, the staging and temporary folders of the live run
OUTPUT_FILES = ("documents.jsonl", "claims.jsonl", "facts.json", "conflicts.json")
REPORT_FILE = "report.json"


class OutputError(ValueError):
    """`--out` cannot be used (not writable, not a folder, inside the corpus, locked by another run): one line."""


def check_out(out: Path | str, corpus: Path | None = None) -> Path:
    """`out` as a real path, once checked: not the empty name, not a file, not inside `corpus`. OutputError if not."""
    if str(out) == "":
        raise OutputError("--out must name a folder, got ''")
    out = Path(out)
    real = Path(os.path.realpath(out))
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out '{out}' exists and is not a folder")
    if corpus is not None:
        root = os.path.realpath(corpus)
        if os.path.commonpath([str(real), root]) == root:
            raise OutputError(f"--out '{out}' is inside the corpus folder '{corpus}': outputs are never read as "
                              "inputs, so choose a folder outside it")
    return real


class OutputFolder:
    """`with OutputFolder(out, corpus) as folder:` checks and locks `out`, cleans what a killed run left, and gives
    `folder.staging` (write the outputs there) and `folder.tmp` (temporary files); `folder.commit(names)` moves
    the staged files into `out`. On leaving, the staging and temporary folders go and the lock is released."""

    def __init__(self, out: Path, corpus: Path | None = None):
        self.out = out
        self.corpus = corpus
        self.run_id = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:8]
        self._fd: int | None = None

    @property
    def work(self) -> Path:
        return self.real / WORK

    def __enter__(self) -> Self:
        self.real = check_out(self.out, self.corpus)
        try:
            self.real.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"--out '{self.out}' cannot be created: {exc.strerror or exc}") from None
        self._lock()
        try:
            self._clean()
            self.staging = self.work / f"run-{self.run_id}"
            self.tmp = self.work / f"tmp-{self.run_id}"
            self.staging.mkdir()
            self.tmp.mkdir()
        except OSError as exc:
            self._unlock()
            raise OutputError(f"--out '{self.out}' is not writable: {exc.strerror or exc}") from None
        return self

    def __exit__(self, *exc: object) -> None:
        for folder in (self.staging, self.tmp):
            shutil.rmtree(folder, ignore_errors=True)
        self._unlock()

    def commit(self, names: list[str]) -> None:
        """Move the staged files `names` into `out` (REPORT_FILE last, when staged) and remove the outputs of an
        earlier run that are not among them. Between the first move and the last, readers see a folder whose
        files do not match its report and say so."""
        data = [n for n in names if n != REPORT_FILE]
        for name in data:
            os.replace(self.staging / name, self.real / name)
        for name in OUTPUT_FILES:
            if name not in names:
                (self.real / name).unlink(missing_ok=True)
        if REPORT_FILE in names:
            os.replace(self.staging / REPORT_FILE, self.real / REPORT_FILE)
        _fsync_dir(self.real)

    # -- the lock ---------------------------------------------------------------------------------------------

    def _lock(self) -> None:
        """Take `out/.claimx/lock`, or raise OutputError naming the run that holds it."""
        path = self.work / "lock"
        for _ in range(20):  # the holder may be removing the file or its folder as we open it: try again
            try:
                self.work.mkdir(exist_ok=True)
            except OSError as exc:
                raise OutputError(f"--out '{self.out}' is not writable: {exc.strerror or exc}") from None
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except FileNotFoundError:
                continue
            except OSError as exc:
                raise OutputError(f"--out '{self.out}' is not writable: {exc.strerror or exc}") from None
            if not _try_lock(fd):
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() if hasattr(os, "pread") else ""
                os.close(fd)
                raise OutputError(f"another claimx run ({holder or 'unknown process'}) is writing to '{self.out}': "
                                  "wait for it to end, or choose another --out")
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # locked a file its holder had just removed: the lock of no one
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()} on {socket.gethostname()}, run {self.run_id}\n".encode())
            self._fd = fd
            return
        raise OutputError(f"--out '{self.out}': could not take the lock {path}")

    def _unlock(self) -> None:
        if self._fd is None:
            return
        # removed while still held, so that whoever opens the path next makes a new, free lock
        (self.work / "lock").unlink(missing_ok=True)
        try:
            self.work.rmdir()
        except OSError:
            pass  # not empty: something left that the next run cleans
        os.close(self._fd)  # releases the lock
        self._fd = None

    def _clean(self) -> None:
        """Remove what killed runs left: their staging and temporary folders (no live run owns them: the lock is
        ours), and the temporary files (`.claims.jsonl.*.tmp`) of runs that wrote each file in place."""
        for entry in self.work.iterdir():
            if entry.name != "lock":
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        for name in (*OUTPUT_FILES, REPORT_FILE):
            for stale in self.real.glob(f".{name}.*.tmp"):
                stale.unlink(missing_ok=True)


def _try_lock(fd: int) -> bool:
    """An exclusive, non-blocking POSIX record lock on `fd` (True when taken)."""
    try:
        import fcntl
    except ImportError:  # Windows: a byte-range lock, released too when the process ends
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
