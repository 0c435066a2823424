"""Where the pairs of a run are computed: in this process, or on Dask workers.

The driver (:mod:`align.batch`) plans the work and writes every result
itself; what runs here only computes.  A :class:`PairJob` carries both
versions' texts and metadata, so a worker needs no access to ``texts/`` and
nothing it does touches ``alignments/``: results are written by one process
only, whatever the scheduler.

Two executors share one interface (``map(jobs, encoder, settings, progress)``
yields a :class:`PairOutcome` per job, in completion order; ``close``):

- :class:`SerialExecutor` — in this process, one pair after another;
- :class:`DaskExecutor` — on a ``distributed`` cluster: a ``LocalCluster`` of
  ``workers`` single-threaded processes on this machine, or the scheduler at
  an address (``tcp://host:8786``).  The encoder is sent to every worker once
  (``Client.scatter(..., broadcast=True)``), so each worker loads its model
  once and keeps it; an encoder behind the on-disk cache opens the cache file
  at its path *as seen on the worker* — shared by the workers of one machine
  (SQLite serialises their writes), one per machine on a cluster unless the
  path is on shared storage.

**Cores.**  The encoder uses the cores itself (:class:`align.embed.Encoder`'s ``threads``), so
workers must not each take them all: a local cluster of *w* workers on *c* cores sends each worker an
encoder limited to *c // w* threads (at least 1) — a run of fewer pairs than cores still uses every
core, and a run of many pairs runs one single-threaded encoder per worker, as before.  On a remote
cluster, whose machines this process cannot see, each worker's encoder uses one thread (start one
worker per core).  An encoder given a thread count explicitly (``--threads``) keeps it.

Dask (``distributed``) was chosen over ``multiprocessing`` because the same
code then runs on one laptop and on a cluster, with worker restarts, a task
priority order and clean cancellation on Ctrl-C.

**Ctrl-C.**  An interrupt is never a pair's failure: :func:`compute_pair` lets
``KeyboardInterrupt`` through, also when a compiled kernel (numba) wraps it in
a ``SystemError``.  A terminal sends Ctrl-C to every process of the command;
the workers of a local cluster ignore it (:func:`dask_setup`, run in each
worker as it starts), so that no task is cancelled under the driver's feet
(which showed as false "FutureCancelledError" failures).  A worker still
importing its modules when Ctrl-C comes (the first seconds of a parallel run)
cannot ignore it yet and may print its own traceback; the run stops all the
same, with no pair reported failed.  The driver stops them:
:meth:`DaskExecutor.close` with ``fast=True`` kills the local worker processes
at once instead of the graceful shutdown, which takes seconds.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
import warnings
from asyncio import CancelledError
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from .aligner import AlignerSettings, AlignStats
from .divergence import Model, TermList
from .embed import TextEncoder
from .embed.base import available_cores
from .errors import AlignError, ClusterError
from .pipeline import align_versions
from .progress import Progress
from .records import Alignment, Version

#: Seconds to wait for a Dask scheduler given by address before giving up with a clear error.
CONNECT_TIMEOUT = 20.0
#: Seconds an interrupted run waits for the cluster to close after killing its local workers.
FAST_CLOSE_WAIT = 0.5


@dataclass(frozen=True)
class PairJob:
    """One pair of versions to align: ``src`` is the document's pivot; ``terms`` the collection's
    names list (:class:`align.divergence.TermList`) and ``weights`` its refitted divergence
    weights (:class:`align.divergence.Model`), if it has them."""

    doc_id: str
    src: Version
    tgt: Version
    terms: TermList | None = None
    weights: Model | None = None

    @property
    def key(self) -> str:
        return f"{self.doc_id}/{self.src.version_id}__{self.tgt.version_id}"


@dataclass
class PairOutcome:
    """What a worker returns for a job: the scored alignment, or why there is none."""

    job: PairJob
    alignment: Alignment | None = None
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    embedded: int = 0       # texts the model really embedded (cache misses)
    requested: int = 0      # texts the aligner asked the encoder for
    worker: str = ""


def compute_pair(job: PairJob, encoder: TextEncoder, settings: AlignerSettings | None,
                 progress: bool | Progress = False) -> PairOutcome:
    """Segment, embed, align and score one pair; never raises for a bad pair.

    An :class:`~align.errors.AlignError` (bad text, unknown language, model
    that cannot load) or any other exception becomes ``outcome.error``, so
    one bad pair does not stop a run.  Warnings are returned as text, since
    a worker's warnings would otherwise stay on the worker.  ``progress``
    shows the pair's stages (only where that stderr is the user's: :mod:`align.progress`).
    """

    t0 = time.perf_counter()
    worker = _worker_name()
    before = _model_calls(encoder)
    stats = AlignStats()
    outcome = PairOutcome(job=job, worker=worker)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            outcome.alignment = align_versions(job.src, job.tgt, encoder=encoder, settings=settings, stats=stats,
                                               progress=progress, terms=job.terms, weights=job.weights)
        except AlignError as exc:
            outcome.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - reported per pair; the run goes on
            if interrupted(exc):  # Ctrl-C inside compiled code: the run stops, this pair did not fail
                raise KeyboardInterrupt from exc
            outcome.error = f"{job.key}: unexpected {type(exc).__name__}: {exc}"
    outcome.warnings = list(dict.fromkeys(str(w.message) for w in caught))
    outcome.seconds = time.perf_counter() - t0
    outcome.embedded = _model_calls(encoder) - before
    outcome.requested = stats.encoder_calls
    return outcome


def interrupted(exc: BaseException) -> bool:
    """True when ``exc`` is, or was raised while handling, a ``KeyboardInterrupt``: a numba kernel
    interrupted by Ctrl-C surfaces as ``SystemError: ... returned a result with an exception set``
    whose cause is the interrupt."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, KeyboardInterrupt):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return False


def dask_setup(worker: object) -> None:
    """Run by every worker of a local cluster as it starts (a ``distributed`` preload): ignore Ctrl-C.

    The terminal sends SIGINT to the whole process group; the driver alone decides what an interrupt
    does (it stops the workers), so a worker must not die or cancel its task on its own."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _model_calls(encoder: TextEncoder) -> int:
    return int(getattr(encoder, "calls", 0) or 0)


def _worker_name() -> str:
    # only a Dask worker has ``distributed`` loaded already: a serial run never pays for importing it
    distributed = sys.modules.get("distributed")
    if distributed is not None:
        try:
            return f"dask:{distributed.get_worker().name}"
        except ValueError:  # loaded, but this is not a worker (e.g. the driver)
            pass
    return f"{socket.gethostname()}:{os.getpid()}"


class SerialExecutor:
    """Every job in this process, in order."""

    description = "serial (this process)"
    workers = 1

    def map(self, jobs: Sequence[PairJob], encoder: TextEncoder, settings: AlignerSettings | None,
            progress: bool | Progress = False) -> Iterator[PairOutcome]:
        """The outcomes in the jobs' order; each pair's stages are shown on ``progress``."""
        for job in jobs:
            if isinstance(progress, Progress):
                progress.pair(job.key)
            yield compute_pair(job, encoder, settings, progress)

    def close(self, fast: bool = False) -> None:
        pass


class DaskExecutor:
    """Jobs on a Dask ``distributed`` cluster; results come back to this process."""

    def __init__(self, *, workers: int | None = None, scheduler: str | None = None,
                 connect_timeout: float | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise ClusterError(f"parallel runs need dask's 'distributed' package: {exc}") from exc
        self._cluster = None
        self._remote = bool(scheduler)
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=connect_timeout or CONNECT_TIMEOUT, set_as_default=False)
                try:
                    self.client.wait_for_workers(1, timeout=connect_timeout or CONNECT_TIMEOUT)
                except TimeoutError as exc:
                    raise ClusterError(f"the Dask scheduler at {scheduler} has no workers (waited "
                                       f"{connect_timeout or CONNECT_TIMEOUT:.0f} s); start some with "
                                       f"'dask worker {scheduler} --nthreads 1'") from exc
                self.description = f"dask scheduler {scheduler}"
            else:
                n = max(1, int(workers or os.cpu_count() or 1))
                self._cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                             dashboard_address=None, silence_logs=logging.ERROR,
                                             preload=[__name__])
                self.client = Client(self._cluster, set_as_default=False)
                self.description = f"dask local cluster, {n} worker process(es)"
        except ClusterError:
            self.close()
            raise
        except (OSError, TimeoutError, ValueError) as exc:  # refused, unreachable, a malformed address
            self.close()
            where = f"the Dask scheduler at {scheduler}" if scheduler else "a local Dask cluster"
            raise ClusterError(f"cannot start or reach {where}: {exc}") from exc
        except BaseException:  # Ctrl-C while the cluster starts: stop what was started, now
            self.close(fast=True)
            raise
        self.workers = len(self.client.scheduler_info().get("workers", {})) or int(workers or 1)

    def map(self, jobs: Sequence[PairJob], encoder: TextEncoder, settings: AlignerSettings | None,
            progress: bool | Progress = False) -> Iterator[PairOutcome]:
        """The outcomes in completion order.  ``progress`` is not sent to the workers (a display drawn
        by a worker process would garble the driver's terminal): the caller counts the pairs."""
        from distributed import as_completed
        if not jobs:
            return
        shared = self.client.scatter(self.worker_encoder(encoder, len(jobs)), broadcast=True, hash=False)
        # submission order is the scheduler's priority order: keep the caller's order
        futures = {self.client.submit(compute_pair, job, shared, settings, pure=False,
                                      key=f"align-pair-{i}-{os.getpid()}-{time.monotonic_ns()}"): job
                   for i, job in enumerate(jobs)}
        try:
            for fut in as_completed(list(futures), loop=self.client.loop):
                job = futures.pop(fut)
                try:
                    outcome = fut.result()
                except (Exception, CancelledError) as exc:  # noqa: BLE001 - a worker died, the scheduler went
                    outcome = PairOutcome(job=job, error=f"{job.key}: the worker failed or the task was cancelled "
                                                         f"({type(exc).__name__}: {exc})")
                yield outcome
        finally:
            if futures and not self._closed:
                try:
                    self.client.cancel(list(futures))
                except Exception:  # noqa: BLE001 - the client may be gone already
                    pass

    def worker_encoder(self, encoder: TextEncoder, jobs: int) -> TextEncoder:
        """``encoder`` as each worker gets it: its model calls limited to the worker's share of the cores
        (see the module's docstring); an encoder that cannot be limited goes as it is."""
        with_threads = getattr(encoder, "with_threads", None)
        explicit = int(getattr(encoder, "threads", 0) or 0)
        if with_threads is None or explicit:
            return encoder
        return with_threads(worker_threads(self.workers, jobs, remote=self._remote))

    _closed = False

    def close(self, fast: bool = False) -> None:
        """Stop using the cluster; a local one is shut down.  ``fast`` (after Ctrl-C): kill the local
        worker processes first, so that closing takes a fraction of a second, not the seconds a graceful
        shutdown takes; a remote cluster's workers are left running (their tasks are cancelled)."""
        if self._closed:
            return
        self._closed = True
        if not fast:
            self._shut_down()
            return
        for nanny in (getattr(self._cluster, "workers", None) or {}).values():
            try:  # a nanny restarts a worker that dies, unless told the cluster is going away
                nanny.close_gracefully(reason="align run interrupted")
            except Exception:  # noqa: BLE001 - best effort: the workers are killed anyway
                pass
        for pid in self._local_worker_pids():
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        # the scheduler would log every killed worker and every task it lost as an error
        logging.getLogger("distributed").setLevel(logging.CRITICAL + 1)
        closer = threading.Thread(target=self._shut_down, kwargs={"timeout": 5}, name="align-dask-close",
                                  daemon=True)
        closer.start()
        closer.join(FAST_CLOSE_WAIT)  # what is not closed by then is closed in the background

    def _shut_down(self, timeout: float | None = None) -> None:
        for thing in (getattr(self, "client", None), self._cluster):
            if thing is not None:
                try:
                    thing.close(timeout=timeout) if timeout else thing.close()
                except Exception:  # noqa: BLE001 - closing after an interrupt must not mask it
                    pass

    def _local_worker_pids(self) -> list[int]:
        """The processes of this executor's local workers (none for a remote scheduler)."""
        if getattr(self, "_remote", False):
            return []
        pids = []
        for nanny in (getattr(self._cluster, "workers", None) or {}).values():
            pid = getattr(nanny, "pid", None)
            if isinstance(pid, int):
                pids.append(pid)
        if not pids:  # interrupted while the cluster was starting: no nanny is known yet
            pids = [p.pid for p in multiprocessing.active_children()
                    if p.name.startswith("Dask Worker process") and p.pid is not None]
        return pids


def worker_threads(workers: int, jobs: int, *, remote: bool = False, cores: int | None = None) -> int:
    """Threads for each worker's encoder: the cores of this machine shared among the workers that will
    be busy at once (``min(workers, jobs)``), at least 1; 1 on a remote cluster."""
    if remote:
        return 1
    busy = max(1, min(workers, jobs))
    return max(1, (cores or available_cores()) // busy)


def make_executor(workers: int = 1, scheduler: str | None = None) -> SerialExecutor | DaskExecutor:
    """Serial for one worker and no scheduler; Dask otherwise."""
    if scheduler or (workers and workers > 1):
        return DaskExecutor(workers=workers, scheduler=scheduler)
    return SerialExecutor()
