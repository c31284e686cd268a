"""The local engine: the tasks run in this process (`--jobs 1`, or a single task), else in a pool of `jobs` worker
processes of this machine (forked where the system allows), which read input files by their path.

A pool is made for each stage and ends with it (language ID's workers do not keep the detector's tables into
extraction). At most two tasks a worker are in flight, so the batches are read as the work goes. A worker process
that dies breaks the pool: a new pool runs again what was in flight, and a batch caught in `MAX_ATTEMPTS` such
breaks is tried unit by unit, one at a time, so that only a unit that kills its worker alone is lost.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import chain
from typing import Self

from claimx.engines.batches import MAX_ATTEMPTS, Batch, Ordered, Task, Tick, unit_by_unit


class LocalEngine:
    """`--engine local`: this process, or `jobs` worker processes of this machine."""

    name = "local"
    reads_paths = True  # the workers share this machine's filesystem

    def __init__(self, jobs: int = 1):
        self.jobs = self.workers = max(1, jobs)
        self.restarts = 0  # pools broken by a worker that died

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def share_runner(self, context: dict) -> None:
        """None: reconciliation forks its own workers (`reconcile.workers`)."""

    def map(self, task: Task, context: dict, batches: Iterable[Batch], tick: Tick = None, *,
            alone: bool = False) -> Iterator[list]:
        """The results of each batch, in order (`task(context, batch.units)`, or `batch.done`); `tick` once a unit.
        `alone`: one task at a time (to find the unit that kills its worker)."""
        source = iter(batches)
        head: list[Batch] = []
        if self.jobs > 1:  # a pool only for two tasks or more
            for batch in source:
                if batch.done is not None and not head:  # known, and nothing before it waits: handed out now
                    yield from self._known(batch.done, tick)
                    continue
                head.append(batch)
                if sum(b.done is None for b in head) >= 2:
                    yield from self._pooled(task, context, chain(head, source), tick, alone)
                    return
        for batch in head or source:
            yield from self._known(batch.done if batch.done is not None else task(context, batch.units), tick)

    @staticmethod
    def _known(results: list, tick: Tick) -> Iterator[list]:
        if tick:
            for _ in results:
                tick()
        yield results

    def _pooled(self, task: Task, context: dict, batches: Iterator[Batch], tick: Tick, alone: bool) -> Iterator[list]:
        order = Ordered(tick)
        limit = 1 if alone else 2 * self.jobs
        numbered = enumerate(batches)
        again: deque[tuple[int, Batch, int]] = deque()  # (number, batch, attempts) to run again
        flying: dict[Future, tuple[int, Batch, int]] = {}
        pool = ProcessPoolExecutor(self.jobs)
        try:
            while True:
                while len(flying) < limit:
                    if again:
                        number, batch, attempts = again.popleft()
                    elif len(order.waiting) >= limit:  # results wait for an earlier batch: no more read meanwhile
                        break
                    else:
                        item = next(numbered, None)
                        if item is None:
                            break
                        (number, batch), attempts = item, 0
                        if batch.done is not None:
                            yield from order.add(number, batch.done)
                            continue
                    flying[pool.submit(task, context, batch.units)] = (number, batch, attempts)
                if not flying:
                    break
                finished, _ = wait(flying, return_when=FIRST_COMPLETED)
                broken = False
                for future in finished:
                    number, batch, attempts = flying.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool:
                        broken = True
                        if attempts + 1 < MAX_ATTEMPTS:
                            again.append((number, batch, attempts + 1))
                            continue
                        results = unit_by_unit(self, task, context, batch.units,
                                               f"its worker process died each of the {MAX_ATTEMPTS} times it was tried")
                    yield from order.add(number, results)
                if broken:  # the pool is gone with what was in flight: a new one runs it again
                    again.extend((n, b, a + 1) for n, b, a in flying.values())
                    flying.clear()
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = ProcessPoolExecutor(self.jobs)
                    self.restarts += 1
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
