"""The Dask engine: the tasks run on the workers of a Dask cluster (`pip install "claimx[dask]"`).

Without a scheduler address it starts a `LocalCluster` of `jobs` worker processes, one thread each, whose
temporary files go to the run's work folder, when the first task needs it; its workers read input files by their
path. With one
(`--scheduler tcp://host:8786`) it joins that cluster, whose workers may be on other machines: they get each
file's bytes with the task. Either way a worker keeps its spaCy pipelines between tasks, and checks that its claimx,
pipelines and models are the run's (`tasks.check_context`).

A worker process that dies costs a retry: the scheduler runs its tasks again on the other workers (a nanny starts a
new process in its place). A task whose workers died `distributed.scheduler.allowed-failures` + 1 times
(`KilledWorker`) is tried unit by unit, and a unit that still kills its worker alone is rejected (`tasks.lost`).
Reconciliation's shares are Dask tasks too: the claims are scattered once, to every worker, and each share's task
takes them from its worker's memory; when every worker holding them died, they are scattered again. A run that
took every document from the cache started no LocalCluster: its reconciliation runs as the local engine's does.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Self

from claimx.engines.batches import MAX_ATTEMPTS, Batch, EngineError, Ordered, Task, Tick, unit_by_unit

_MISSING = "--engine dask needs Dask distributed: pip install 'claimx[dask]'"
WORKER_SECONDS = 60  # for a joined cluster to have a worker (reaching its scheduler: Dask's own connect timeout)


class DaskEngine:
    """`--engine dask`: a `LocalCluster` of `jobs` worker processes, or the cluster of the scheduler at `scheduler`."""

    name = "dask"

    def __init__(self, jobs: int = 1, scheduler: str | None = None, work: Path | None = None,
                 dashboard: str | None = None):
        self.jobs = max(1, jobs)
        self.scheduler = scheduler
        self.work = work
        self.dashboard = dashboard
        self.reads_paths = scheduler is None  # a LocalCluster shares this filesystem; a joined cluster may not
        self.client = self.cluster = None
        self.workers = self.jobs
        self._warming: list = []
        self._config = None  # Dask's settings for the run, while a cluster is in use

    def __enter__(self) -> Self:
        from importlib.util import find_spec

        if find_spec("dask") is None or find_spec("distributed") is None:  # found, not imported (a quarter second)
            raise EngineError(_MISSING)
        if self.scheduler is not None:  # a joined cluster is reached now: a wrong address is said before any work
            self._connect()
        return self

    def _connect(self) -> None:
        """The client of the cluster: the joined one, or a new LocalCluster. A LocalCluster is started by the first
        task that needs it (`_started`): a run that finds every document in the cache starts none, nor imports
        Dask (a second of a warm rerun of the 534 GVA development articles, which then takes 1.4 s)."""
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(_MISSING) from None
        # The workers' statistical profiler samples the running task every 10 ms (about 1% of the extraction's
        # time), and Dask starts worker processes with MALLOC_TRIM_THRESHOLD_=65536, which gives freed memory back
        # to the system at once: spaCy allocates and frees its arrays all along, and pays 8% more CPU for it (150
        # GVA articles extracted in one worker: 13.1 s against 12.1 s, twice). One thread of BLAS, as Dask sets.
        settings = {"distributed.worker.profile.enabled": False,
                    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1,
                                                            "OPENBLAS_NUM_THREADS": 1}}
        self._config = dask.config.set({**settings, "temporary-directory": str(self.work)} if self.work else settings)
        self._config.__enter__()
        try:
            if self.scheduler is None:
                # without a dashboard, the scheduler still serves its health and metrics pages: at a free port of
                # this machine only, not Dask's usual :8787
                quiet = {} if self.dashboard else {"scheduler_kwargs": {"dashboard_address": "127.0.0.1:0"}}
                self.cluster = LocalCluster(
                    n_workers=self.jobs, threads_per_worker=1, processes=True, dashboard_address=self.dashboard,
                    local_directory=str(self.work) if self.work else None, silence_logs=logging.ERROR, **quiet)
                self.client = Client(self.cluster, set_as_default=False)
            else:
                try:
                    self.client = Client(self.scheduler, set_as_default=False)
                except (OSError, TimeoutError, ValueError) as exc:
                    raise EngineError(f"--scheduler: no Dask scheduler answers at {self.scheduler} "
                                      f"({' '.join(str(exc).split()) or type(exc).__name__})") from None
                try:
                    self.client.wait_for_workers(1, timeout=WORKER_SECONDS)
                except (OSError, TimeoutError):
                    raise EngineError(f"--scheduler: the Dask cluster at {self.scheduler} has no worker (start "
                                      f"some: dask worker {self.scheduler} --nthreads 1)") from None
            threads = self.client.nthreads()
            self.workers = max(1, sum(threads.values()))
            # each worker imports claimx meanwhile (a LocalCluster's are new processes): the first tasks, and
            # reconciliation's shares on a run that took every document from the cache, do not wait for it
            from claimx.engines.tasks import warm_up

            self._warming = [self.client.submit(warm_up, pure=False, workers=[w], allow_other_workers=False)
                             for w in threads]
        except BaseException:
            self._close()
            raise

    def _started(self):
        """The client, the LocalCluster started first if it is not yet."""
        if self.client is None:
            self._connect()
        return self.client

    def __exit__(self, *exc: object) -> None:
        self._close()

    def _close(self) -> None:
        self._warming = []
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None
        if self._config is not None:
            self._config.__exit__(None, None, None)
            self._config = None

    def map(self, task: Task, context: dict, batches: Iterable[Batch], tick: Tick = None, *,
            alone: bool = False) -> Iterator[list]:
        """The results of each batch, in order (`task(context, batch.units)` on a worker, or `batch.done`); `tick`
        once a unit, as tasks finish. `alone`: one task at a time."""
        order = Ordered(tick)
        limit = 1 if alone else 2 * self.workers
        numbered = enumerate(batches)
        flying: dict = {}
        finished = None  # the completions of what was submitted, once something is (Dask imported then)
        killed: tuple = ()  # Dask's KilledWorker, then
        while True:
            while len(flying) < limit and len(order.waiting) < limit:
                item = next(numbered, None)
                if item is None:
                    break
                number, batch = item
                if batch.done is not None:
                    yield from order.add(number, batch.done)
                    continue
                if finished is None:
                    client = self._started()
                    from distributed import as_completed
                    from distributed.scheduler import KilledWorker

                    finished, killed = as_completed(loop=client.loop), (KilledWorker,)
                flying[self._submit(task, context, batch.units, finished)] = (number, batch, 0)
            if not flying:
                break
            future = next(finished)
            number, batch, attempts = flying.pop(future)
            try:
                results = future.result()
            except killed:
                results = unit_by_unit(self, task, context, batch.units,
                                       "its worker process died each time it was tried (Dask: KilledWorker)")
            except CancelledError:  # lost with a worker in a way the scheduler did not retry: once more
                if attempts + 1 >= MAX_ATTEMPTS:
                    raise
                flying[self._submit(task, context, batch.units, finished)] = (number, batch, attempts + 1)
                continue
            except Exception as exc:
                _raise_mismatch(exc)
                raise
            yield from order.add(number, results)

    def _submit(self, task, context, units, finished):
        with warnings.catch_warnings():  # a large file's bytes make a large task: that is the point
            warnings.simplefilter("ignore", UserWarning)
            future = self.client.submit(task, context, units, pure=False)
        finished.add(future)
        return future

    def share_runner(self, context: dict):
        """Runs reconciliation's shares as Dask tasks (`reconcile.engine.ShareRunner`); None, as the local engine,
        when no LocalCluster was started (every document came from the cache): reconciliation then forks its own
        workers, as on the local engine, rather than start a cluster for it alone."""
        if self.client is None:
            return None
        return lambda payload, shares: self.run_shares(context, payload, shares)

    def run_shares(self, context: dict, payload: dict, shares: list[list[int]]) -> list[dict]:
        """`tasks.reconcile_share` of every share, the payload (the claims) scattered once to every worker."""
        from distributed import as_completed
        from distributed.scheduler import KilledWorker

        from claimx.engines.tasks import reconcile_share, release_shares

        results: list[dict | None] = [None] * len(shares)
        todo = list(range(len(shares)))
        try:
            for attempt in range(MAX_ATTEMPTS):
                [data] = self.client.scatter([payload], broadcast=True, hash=False)
                futures = {self.client.submit(reconcile_share, context, data, shares[i], pure=False): i for i in todo}
                todo = []
                for future in as_completed(futures, loop=self.client.loop):
                    try:
                        results[futures[future]] = future.result()
                    except CancelledError:  # every worker holding the claims died: scattered again
                        todo.append(futures[future])
                    except KilledWorker:
                        raise RuntimeError("a share of the claims killed the Dask workers it ran on "
                                           f"{MAX_ATTEMPTS + 1} times") from None
                    except Exception as exc:
                        _raise_mismatch(exc)
                        raise
                del futures, data
                if not todo:
                    break
            else:
                raise RuntimeError("the claims were lost with the Dask workers holding them, "
                                   f"{MAX_ATTEMPTS} times")
        finally:
            try:
                self.client.run(release_shares)
            except Exception:  # noqa: BLE001, S110 - only memory: a worker forgets the index with its next payload
                pass
        return results  # type: ignore[return-value]


def _raise_mismatch(exc: Exception) -> None:
    from claimx.engines.tasks import Mismatch

    if isinstance(exc, Mismatch):
        raise EngineError(str(exc)) from None
