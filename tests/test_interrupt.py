"""Ctrl-C is never a pair's failure, and a model call in C does not delay it (issue 14, item 4).

The end-to-end checks (a real ``align run`` interrupted in every phase, serial and on Dask, exit
130 within 2 s) are in ``test_fault_injection.py`` (slow)."""
from __future__ import annotations

import os
import signal
import threading
import time

import numpy as np
import pytest

from align.batch import run
from align.corpus import load_document
from align.embed.base import Encoder, interruptible
from align.embed.hashing import HashingEncoder
from align.workers import PairJob, compute_pair, interrupted
from test_batch import RELATED, collection


def _job(tmp_path) -> PairJob:
    texts = collection(tmp_path, 1)
    doc = load_document(texts / "doc000")
    return PairJob(doc.doc_id, doc.version("en"), doc.version("fr"))


def _numba_interrupted() -> SystemError:
    """What numba raises when Ctrl-C lands inside a compiled kernel."""
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as ki:
            raise SystemError("CPUDispatcher(<function banded_dp>) returned a result with an exception set") from ki
    except SystemError as exc:
        return exc


def test_interrupted_sees_a_keyboard_interrupt_anywhere_in_the_chain():
    assert interrupted(KeyboardInterrupt())
    assert interrupted(_numba_interrupted())
    assert not interrupted(SystemError("a real bug"))
    plain = ValueError("x")
    plain.__context__ = plain  # a cycle must not hang it
    assert not interrupted(plain)


def test_compute_pair_lets_an_interrupt_wrapped_by_numba_through(tmp_path, monkeypatch):
    def kernel_interrupted(*args, **kwargs):
        raise _numba_interrupted()
    monkeypatch.setattr("align.workers.align_versions", kernel_interrupted)
    with pytest.raises(KeyboardInterrupt):
        compute_pair(_job(tmp_path), HashingEncoder(), None)


def test_compute_pair_still_reports_a_genuine_failure(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise SystemError("a genuine bug")
    monkeypatch.setattr("align.workers.align_versions", broken)
    outcome = compute_pair(_job(tmp_path), HashingEncoder(), None)
    assert outcome.alignment is None and "SystemError: a genuine bug" in outcome.error


def test_an_interrupted_serial_run_raises_and_reports_no_failure(tmp_path, monkeypatch):
    texts = collection(tmp_path, 3)
    import align.workers
    real = align.workers.align_versions
    calls = []

    def second_pair_interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise _numba_interrupted()
        return real(*args, **kwargs)
    monkeypatch.setattr("align.workers.align_versions", second_pair_interrupted)
    with pytest.raises(KeyboardInterrupt):
        run(texts, tmp_path / "al", encoder=HashingEncoder(), settings=RELATED, report=None)
    assert len(calls) == 2  # the run stopped there: no pair after it was aligned
    assert len(list((tmp_path / "al").rglob("*.json"))) == 1


class _SlowModel(Encoder):
    """A model call that takes 30 s in one piece, as a batch in C does."""

    identity = "slow"

    def __init__(self) -> None:
        super().__init__()
        self.finished = threading.Event()
        self.release = threading.Event()

    def _known_dim(self) -> int:
        return 4

    def _encode_batch(self, texts):
        self.release.wait(30)  # a wait in the helper thread: Ctrl-C in the main thread does not end it
        self.finished.set()
        return np.ones((len(texts), 4), dtype=np.float32)


@pytest.mark.parametrize("at_once", [False, True], ids=["one call", "a batch per core at once"])
def test_ctrl_c_stops_the_wait_for_a_model_call_at_once(sigint_raises, at_once):
    model = _SlowModel()
    model.concurrent_calls, model.threads = at_once, 2
    threading.Timer(0.3, os.kill, (os.getpid(), signal.SIGINT)).start()
    t0 = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            model.encode([f"sentence {i}" for i in range(10 if at_once else 1)])
        assert time.monotonic() - t0 < 2.0 and not model.finished.is_set()
    finally:
        model.release.set()  # the abandoned call ends and frees the model lock
    assert model.finished.wait(5)


def test_interruptible_returns_the_value_and_raises_the_error_of_the_call():
    assert interruptible(lambda x: x * 2, 21) == 42

    def fails(_):
        raise ValueError("from the model")
    with pytest.raises(ValueError, match="from the model"):
        interruptible(fails, None)
    box = {}
    worker = threading.Thread(target=lambda: box.setdefault("v", interruptible(lambda x: x + 1, 1)))
    worker.start()
    worker.join()
    assert box["v"] == 2


def test_a_hashing_encoder_gives_the_same_vectors_through_the_helper_thread():
    enc = HashingEncoder()
    texts = ["The commission met.", "Der Ausschuss tagte."]
    assert np.array_equal(enc.encode(texts), np.stack([enc._vector(t) for t in texts]) /
                          np.linalg.norm(np.stack([enc._vector(t) for t in texts]), axis=1, keepdims=True))


class _Finalised:
    """An object whose finaliser raises, as a Ctrl-C landing in a ``__del__`` (the garbage collector's) does."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def __del__(self) -> None:
        raise self.exc


def test_a_ctrl_c_inside_a_finaliser_still_stops_the_command(sigint_raises, monkeypatch):
    import sys

    from align.cli import _interrupt_again
    monkeypatch.setattr(sys, "unraisablehook", _interrupt_again)
    with pytest.raises(KeyboardInterrupt):
        _Finalised(KeyboardInterrupt())  # dropped at once: Python cannot raise from __del__
        for _ in range(200):  # the interrupt, delivered again, comes at the next point where it can
            time.sleep(0.005)


def test_other_errors_in_a_finaliser_go_to_the_usual_hook(monkeypatch):
    import sys

    from align.cli import _interrupt_again
    seen: list[type] = []
    monkeypatch.setattr(sys, "unraisablehook",
                        lambda args: _interrupt_again(args, default=lambda a: seen.append(a.exc_type)))
    _Finalised(ValueError("broken"))
    assert seen == [ValueError]
