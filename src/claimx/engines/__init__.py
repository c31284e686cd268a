"""Where a run's work runs: `local` (this process, or worker processes on this machine) or `dask` (a Dask
cluster: a `LocalCluster` of worker processes this run starts, or the cluster of a scheduler it joins).

The per-document stages (reading, extraction) are cut into batches of units (files, documents) sized by their
bytes or characters, and every batch is one task of `tasks`: plain data in and out, so the same functions run in
any process, and the outputs are the same bytes on either engine, for any number of workers. An engine gives the
results of the batches in their order, whatever the order they finish in, and feeds the progress bar as they
finish. A worker process that dies costs a retry of its tasks, not the run; a unit that kills its worker each
time it is tried is rejected alone (`tasks.lost`), the others go on. Reconciliation's shares run on the Dask
engine too (`DaskEngine.run_shares`); the local engine forks them (`reconcile.workers`).

Which mode reads files where: the local engine's workers, and those of a `LocalCluster`, read each input file by
its path (they share this machine's filesystem); the workers of a cluster joined with `--scheduler` get each
file's bytes with the task (they need not see the corpus). Extraction tasks always carry the documents' texts.
"""

from __future__ import annotations

from pathlib import Path

from claimx.engines.batches import EngineError

ENGINES = ("local", "dask")
__all__ = ["ENGINES", "EngineError", "open_engine"]


def open_engine(name: str, *, jobs: int = 1, scheduler: str | None = None, work: Path | None = None,
                dashboard: str | None = None):
    """The engine `name` (`local` or `dask`), to use as a context manager. `jobs`: worker processes (local, or of
    the `LocalCluster` a dask engine starts when no `scheduler` address is given); `work`: a folder for the
    workers' temporary files; `dashboard`: the address where the `LocalCluster` serves Dask's dashboard (None:
    off)."""
    if name == "local":
        from claimx.engines.local import LocalEngine

        return LocalEngine(jobs)
    if name == "dask":
        from claimx.engines.dask import DaskEngine

        return DaskEngine(jobs=jobs, scheduler=scheduler, work=work, dashboard=dashboard)
    raise EngineError(f"--engine must be one of {', '.join(ENGINES)}, got {name!r}")
