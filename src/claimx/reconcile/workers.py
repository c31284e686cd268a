"""Reconciliation's processes: shares of the claims reconciled by this process and forked workers.

Stories never cross frame families, so the claims are dealt into shares of whole families (`engine`), and each share
is one piece of work: with `jobs > 1`, this process and `jobs - 1` forked workers each take the next share when done.
Forked workers inherit the claims instead of receiving them (a million claims take longer to pickle than to
reconcile) and leave each share's facts and conflicts in a temporary file, read by this process between its own
shares. Where the system cannot fork, one process does it all. The output is the same for any number of jobs.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from multiprocessing.sharedctypes import Synchronized

from claimx.common.records import dump
from claimx.schemas import Conflict, ConflictSide, Fact, Quantity, TimeSpan

Found = tuple[list[Fact], list[Conflict]]  # the facts and conflicts of one share, or of several
Work = Callable[[list[int]], Found]  # reconciles one share (claim numbers) into its facts and conflicts


def can_fork(jobs: int) -> bool:
    """Whether `jobs` processes will share the work (forked workers need the fork start method)."""
    return jobs > 1 and "fork" in get_all_start_methods()


def run_shares(work: Work, shares: list[list[int]], jobs: int) -> Found:
    """The facts and conflicts of every share, by this process and `jobs - 1` forked ones where the system forks."""
    if can_fork(jobs) and len(shares) > 1:
        return _forked(work, shares, min(jobs, len(shares)))
    return _gathered(work(share) for share in shares)


# What forked workers inherit: the work, the shares, the number of the next share to take and the folder where
# workers leave their results.
_FORKED: tuple[Work, list[list[int]], Synchronized, str | None] | None = None


def _take() -> Found | None:
    """The facts and conflicts of the next share not yet taken (largest first); None when none is left."""
    assert _FORKED is not None
    work, shares, taken, _ = _FORKED
    with taken.get_lock():
        k = taken.value
        taken.value += 1
    return work(shares[k]) if k < len(shares) else None


def _spooled() -> str | Found | None:
    """`_take` in a worker: the facts and conflicts of the share go to a file, and its name back to the parent.

    Sent through the executor's pipe, they would hold the worker until the parent's receiving thread has read
    each 64 KiB of the megabytes, and that thread waits for the parent's working thread to hand over the
    interpreter lock for each read: at 1M claims and two jobs, the worker sat 5.9 s between its shares that way,
    2.6 s (pickling) this way, in two runs of the per-share trace. Where no file can be written (no temporary
    folder, a full disk), they go through the pipe after all: slower, never lost."""
    assert _FORKED is not None
    found = _take()
    if found is None or _FORKED[3] is None:
        return found
    try:
        fd, path = tempfile.mkstemp(suffix=".pickle", dir=_FORKED[3])
        with os.fdopen(fd, "wb") as out:
            dump(found, out, (Fact, Conflict, ConflictSide, TimeSpan, Quantity))
    except OSError:  # a half-written file goes with the folder
        return found
    return path


def _unspooled(spooled: str | Found | None) -> Found | None:
    """What a worker sent: the results it left in a file (removed once read), or the results themselves (None: no
    share was left to take)."""
    if not isinstance(spooled, str):
        return spooled
    with open(spooled, "rb") as file:
        found = pickle.load(file)
    os.remove(spooled)
    return found


@contextmanager
def _spool_folder() -> Iterator[str | None]:
    """A temporary folder for the workers' results, removed with what is left in it; None when none can be made."""
    try:
        folder = tempfile.TemporaryDirectory(prefix="claimx-")
    except OSError:
        yield None
        return
    with folder as path:
        yield path


def _forked(work: Work, shares: list[list[int]], jobs: int) -> Found:
    """The shares reconciled by this process and `jobs - 1` forked ones, each taking the next share when done.

    Forked workers inherit the claims instead of receiving them (a million claims take longer to pickle than to
    reconcile) and leave the facts and conflicts of each share in a file as soon as it is done (`_spooled`), read
    by this process between its own shares, whose results need no pickling. A forked worker copies each page it
    writes to, if only a reference count, so one forked process fewer copies less: at 1M claims and two jobs, 13 s
    less CPU than two forked workers beside a receiving parent (bench/reconcile.py).
    """
    global _FORKED
    context = get_context("fork")
    with _spool_folder() as spool:
        _FORKED = (work, shares, context.Value("i", 0), spool)
        try:
            with ProcessPoolExecutor(jobs - 1, mp_context=context) as pool:
                pending = [pool.submit(_spooled) for _ in shares]  # one per share at most; the surplus finds none
                return _gathered(_interleaved(pending))
        finally:
            _FORKED = None


def _interleaved(pending: list[Future[str | Found | None]]) -> Iterator[Found | None]:
    """This process's own shares (`_take` until none is left), each followed by the results workers have left
    meanwhile, in order; then the rest of theirs as they come. Reading them between its shares lets this process
    take fewer shares, so that both finish together instead of this one reading them all at the end."""
    waiting = deque(pending)
    for own in iter(_take, None):
        yield own
        while waiting and waiting[0].done():
            yield _unspooled(waiting.popleft().result())
    for future in waiting:
        yield _unspooled(future.result())


def _gathered(found: Iterable[Found | None]) -> Found:
    """The facts and conflicts of several shares, in one list each (None: a share not taken)."""
    facts: list[Fact] = []
    conflicts: list[Conflict] = []
    for share in found:
        if share is not None:
            facts += share[0]
            conflicts += share[1]
    return facts, conflicts
