"""Batches of units (files, documents) and what engines share to run them: results in order, workers that die.

An engine gives the results of the batches in their order, whatever the order they finish in (`Ordered`), and a
batch whose worker died `MAX_ATTEMPTS` times is tried unit by unit, one at a time, so that only a unit that kills
its worker alone is lost (`unit_by_unit`, `tasks.lost`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

MAX_ATTEMPTS = 3  # a batch whose worker died this many times is tried unit by unit, alone


class EngineError(RuntimeError):
    """The engine cannot run (Dask not installed, no scheduler at the address, a worker of other code): one line."""


@dataclass
class Batch:
    """The units of one task (`units`), or their results already known (`done`: from the cache), in order."""

    units: list[dict[str, Any]]
    done: list[Any] | None = None


Task = Callable[[dict, list], list]  # a function of `tasks`: (context, units) -> one result per unit
Tick = Callable[[], None] | None


class Ordered:
    """Results of numbered batches handed out in their order as they come in, whatever order that is."""

    def __init__(self, tick: Tick):
        self.waiting: dict[int, list] = {}
        self.next = 0
        self.tick = tick

    def add(self, number: int, results: list) -> Iterator[list]:
        """Record the results of batch `number` (one tick per unit) and give every batch now in order."""
        self.waiting[number] = results
        if self.tick:
            for _ in results:
                self.tick()
        while self.next in self.waiting:
            yield self.waiting.pop(self.next)
            self.next += 1


def unit_by_unit(engine, task: Task, context: dict, units: list, reason: str) -> list:
    """The results of a batch whose worker died `MAX_ATTEMPTS` times, its units tried one at a time; a unit that
    still kills its worker alone is lost (`tasks.lost`): rejected with `reason`."""
    from claimx.engines.tasks import lost

    if len(units) == 1:
        return [lost(task, units[0], reason)]
    out: list = []
    for results in engine.map(task, context, (Batch([u]) for u in units), alone=True):
        out += results
    return out


def batches_of(units: Iterable[tuple[dict[str, Any], int]], size: int) -> Iterator[list[dict[str, Any]]]:
    """Units gathered into batches of about `size` (bytes, characters) each; a unit larger is a batch alone."""
    batch: list[dict[str, Any]] = []
    total = 0
    for unit, weight in units:
        if batch and total + weight > size:
            yield batch
            batch, total = [], 0
        batch.append(unit)
        total += weight
    if batch:
        yield batch
