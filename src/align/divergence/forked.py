"""An alignment's beads scored on two processes, when a second core is free.

Scoring is pure Python: threads cannot share it (the GIL), and in a cold run it
is the longest stretch on one core after the embedding (19 s of a 2,000-line
NTREX pair; ``BENCHMARKS.md``, "A cold pair").  On Linux the pipeline therefore
forks one child once the beads are known: the child inherits the scorer's
caches as they are (copy-on-write: the lexicons loaded and the words looked up
during the embedding, :mod:`.warmup`), scores the second half of the beads and
sends its findings back through a pipe, while this process scores the first
half.  The results are the same as on one process (tested).

It is not used where it cannot help or would not be safe: fewer than
:data:`MIN_ITEMS` beads (the fork and the pipe would cost more than they
save), a platform without ``fork``, or a daemonic process (a Dask worker
shares its cores with the others).  Should the child fail in any way — an
exception, a crash, a kill — this process scores its half itself.  The child
ignores Ctrl-C; the parent, interrupted, kills it before the interrupt goes on.
It writes nothing anywhere: all it computes comes back through the pipe.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

#: Fewest items worth a second process.
MIN_ITEMS = 200


def can_fork() -> bool:
    """Whether this process may fork a scoring child (Linux, not itself a daemonic worker)."""
    return (hasattr(os, "fork") and sys.platform.startswith("linux")
            and not multiprocessing.current_process().daemon)


def in_two(compute: Callable[[int, int], T], n: int, processes: int = 2) -> list[T]:
    """``[compute(0, mid), compute(mid, n)]``: the second on a forked child when ``processes`` > 1, ``n``
    is at least :data:`MIN_ITEMS` and :func:`can_fork`; else both here, one after the other.  What
    ``compute`` returns in the child must pickle."""
    mid = n // 2
    if processes < 2 or n < MIN_ITEMS or not can_fork():
        return [compute(0, mid), compute(mid, n)]
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)

    def child() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it kills this one when interrupted
        recv.close()
        try:
            send.send(("ok", compute(mid, n)))
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which scores the half itself
            send.send(("error", repr(exc)))
        finally:
            send.close()

    worker = ctx.Process(target=child, name="align-score-half", daemon=True)
    worker.start()
    send.close()
    try:
        first = compute(0, mid)
        reply: tuple[str, Any] = ("dead", None)
        try:
            reply = recv.recv()
        except (EOFError, OSError):  # the child died without a word
            pass
        second = reply[1] if reply[0] == "ok" else compute(mid, n)
    finally:
        recv.close()
        if worker.is_alive():
            worker.kill()
        worker.join()
    return [first, second]
