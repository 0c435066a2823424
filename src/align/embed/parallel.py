"""Several model calls at once, one core each: how an encoder uses every core.

An encoder whose model may be called from several threads at once (the bundled
engine: its weights are read-only and every call allocates its own buffers; it
releases the GIL while it computes) embeds its batches on ``workers`` threads,
each call on one core.  Each thread takes the next batch as it finishes one, so
a core slowed by other work on the machine holds back only its own batches; the
alternative, one call spread over every core by the engine's OpenMP threads,
waits at every matrix product for its slowest thread (BENCHMARKS.md, "A cold
pair", has both measured).

:func:`per_call_threads` is how many threads the model call on the current
thread may use: 1 on the threads started here, unset (the encoder's own
setting) elsewhere.
"""
from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from typing import Any

_CALL = threading.local()


def per_call_threads() -> int:
    """Threads the model call made on this thread may use: 1 on a thread of :func:`run_batches`, else 0
    (no limit set here: the encoder's own ``threads``)."""
    return int(getattr(_CALL, "threads", 0) or 0)


def run_batches(call: Callable[[list[str]], Any], batches: Sequence[list[str]], workers: int,
                done: Callable[[int, Any], None]) -> None:
    """``call(batch)`` for every batch on ``workers`` threads at once (each call limited to one core),
    the last batches first (they are the longest when the texts were sorted by length, so no thread is
    left with a long batch at the end); ``done(index, result)`` is called in *this* thread as each
    batch finishes.  The first exception a call raises is raised here; the threads still running
    stop after their current batch."""
    todo: queue.SimpleQueue[int] = queue.SimpleQueue()
    for i in reversed(range(len(batches))):
        todo.put(i)
    results: queue.SimpleQueue[tuple[int, Any, BaseException | None]] = queue.SimpleQueue()
    stop = threading.Event()

    def work() -> None:
        _CALL.threads = 1
        while not stop.is_set():
            try:
                i = todo.get_nowait()
            except queue.Empty:
                return
            try:
                results.put((i, call(batches[i]), None))
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                results.put((i, None, exc))
                return

    for k in range(max(1, min(workers, len(batches)))):
        # daemon threads: after Ctrl-C the process exits without waiting for the calls in flight
        threading.Thread(target=work, name=f"align-encode-{k}", daemon=True).start()
    for _ in range(len(batches)):
        i, value, error = results.get()
        if error is not None:
            stop.set()
            raise error
        done(i, value)
