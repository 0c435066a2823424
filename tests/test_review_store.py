"""The store under review work: atomic saves survive SIGKILL, conflicts, format round trip."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align import store
from align.errors import ConflictError, StoreError, StoreVersionError
from align.review import Review
from test_review_support import make_alignment, write_alignment

SAVER = r"""
import sys
from align.review import Review
path = sys.argv[1]
r = Review.open(path, by="crash-test")
n = 0
while True:
    n += 1
    r.note(n % len(r.beads), ("long note %d " % n) * 400)
    if n % 3 == 0:
        r.merge_next(0) if len(r.beads) > 2 else r.undo()
    r.save()
    if n == 1:
        print("saving", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_a_save_killed_at_any_moment_leaves_a_loadable_file(tmp_path):
    path = write_alignment(tmp_path / "doc" / "en__fr.json")
    rng = random.Random(1234)
    env = {**os.environ, "PYTHONPATH": str(Path(store.__file__).resolve().parents[1])}
    last_revision = 0
    started = time.monotonic()
    for _ in range(20):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], stdout=subprocess.PIPE, env=env)
        try:
            assert proc.stdout is not None and proc.stdout.readline().strip() == b"saving"
            time.sleep(rng.uniform(0.0, 0.08))
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
            proc.stdout.close()  # type: ignore[union-attr]
        stored = store.load(path)  # never torn: the old file or the new one
        assert stored.revision >= last_revision
        last_revision = stored.revision
        Review.open(path)  # and the review state parses
    assert last_revision >= 20
    assert time.monotonic() - started < 60
    # a later save cleans the temporary files killed saves left behind
    r = Review.open(path)
    r.accept(0)
    r.save()
    assert not list(path.parent.glob(".*.tmp"))


def test_concurrent_savers_of_the_same_revision_only_one_wins(tmp_path):
    from concurrent.futures import ThreadPoolExecutor
    path = write_alignment(tmp_path / "a.json")
    rev = store.load(path).revision
    a = make_alignment()

    def attempt(k: int) -> str:
        try:
            store.save(path, a, {"beads": {}, "format": 1, "who": k}, expected_revision=rev)
            return "ok"
        except ConflictError:
            return "conflict"

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(attempt, range(8)))
    assert results.count("ok") == 1 and results.count("conflict") == 7
    assert store.load(path).revision == rev + 1


def test_the_review_object_round_trips_and_is_one_entry_per_line(tmp_path):
    path = write_alignment(tmp_path / "a.json")
    r = Review.open(path, by="Zoë \"quotes\" <tag>")
    r.mark_divergent(2, "addition", note="line one\nline two — «ok»")
    r.save()
    text = path.read_text(encoding="utf-8")
    assert "«ok»" in text  # readable, not \\u-escaped
    review_part = text[text.index('"review": {'):]
    assert review_part.count("\n") < 20
    again = Review.open(path)
    assert again.state_of(2).note == "line one\nline two — «ok»" and again.state_of(2).by == "Zoë \"quotes\" <tag>"


def test_a_corrupt_file_is_reported_not_overwritten(tmp_path):
    path = write_alignment(tmp_path / "a.json")
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(StoreError, match="JSON error at line"):
        Review.open(path)


def test_a_newer_review_format_is_refused(tmp_path):
    path = write_alignment(tmp_path / "a.json")
    stored = store.load(path)
    store.save(path, stored.alignment, {"format": 7, "beads": {}}, expected_revision=stored.revision)
    with pytest.raises(StoreVersionError, match="newer workbench.*review format 7"):
        Review.open(path)
