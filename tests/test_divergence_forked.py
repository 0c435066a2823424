"""Scoring an alignment's second half on a forked process (align.divergence.forked)."""
from __future__ import annotations

import dataclasses
import os
import signal
import threading
import time

import pytest

from align.divergence import forked, score_alignment
from align.pipeline import align_texts
from align.records import Bead

pytestmark = pytest.mark.skipif(not forked.can_fork(), reason="forks only on Linux")


def test_the_second_half_runs_on_another_process_with_the_same_results():
    def where(lo: int, hi: int) -> tuple[int, list[int]]:
        return os.getpid(), [i * i for i in range(lo, hi)]

    (p1, first), (p2, second) = forked.in_two(where, forked.MIN_ITEMS + 1)
    assert p1 == os.getpid() and p2 != os.getpid()
    assert first + second == [i * i for i in range(forked.MIN_ITEMS + 1)]
    # one process asked for, or too few items: both halves here
    assert {pid for pid, _ in forked.in_two(where, forked.MIN_ITEMS + 1, processes=1)} == {os.getpid()}
    assert {pid for pid, _ in forked.in_two(where, forked.MIN_ITEMS - 1)} == {os.getpid()}


def test_a_child_that_fails_or_dies_leaves_its_half_to_the_parent():
    parent = os.getpid()

    def failing(lo: int, hi: int) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("no")
        return list(range(lo, hi))

    def dying(lo: int, hi: int) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return list(range(lo, hi))

    n = forked.MIN_ITEMS
    for compute in (failing, dying):
        first, second = forked.in_two(compute, n)
        assert first + second == list(range(n))


def test_ctrl_c_in_the_parent_kills_the_child(sigint_raises):
    parent = os.getpid()
    children: list[int] = []

    def slow(lo: int, hi: int) -> int:
        if os.getpid() != parent:
            time.sleep(60)
        else:
            children.extend(p.pid for p in __import__("multiprocessing").active_children())
            time.sleep(5)
        return lo

    threading.Timer(0.5, os.kill, (parent, signal.SIGINT)).start()
    t0 = time.perf_counter()
    with pytest.raises(KeyboardInterrupt):
        forked.in_two(slow, forked.MIN_ITEMS)
    assert time.perf_counter() - t0 < 4
    assert children
    for pid in children:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reaped: no child left behind


@pytest.mark.filterwarnings("ignore::align.errors.UnrelatedTextsWarning")
def test_an_alignment_scores_the_same_on_two_processes(monkeypatch, hashing_encoder):
    en = [f"On the {i}th the Legation at Tiflis sent {i * 3} rifles to Erivan by the railway." for i in range(1, 41)]
    ru = [f"{i}-го миссия в Тифлисе отправила в Ереван {i * 3 + (i % 7 == 0)} винтовок по железной дороге."
          for i in range(1, 41)]
    a = align_texts("\n".join(en), "\n".join(ru), "en", "ru", encoder=hashing_encoder, presegmented_input=True,
                    score=False)
    a = dataclasses.replace(a, beads=tuple(Bead((i,), (i,), 0.8) for i in range(40)))
    serial = score_alignment(a, processes=1)
    monkeypatch.setattr(forked, "MIN_ITEMS", 10)
    assert forked.in_two(lambda lo, hi: os.getpid(), 40)[1] != os.getpid()
    two = score_alignment(a, processes=2)
    assert [b.divergence for b in two.beads] == [b.divergence for b in serial.beads]
    assert sum(b.divergence.score >= 0.5 for b in two.beads) >= 5  # the changed numbers are flagged
