"""Rewritten files keep the permissions the umask gives, and killed writes leave nothing behind
for long (issue 14, items 7 and 8)."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from align import store
from align.atomicfile import _host_tag, atomic_write_text, current_umask, remove_stale_temps
from align.batch import run
from align.cli import main
from align.embed.hashing import HashingEncoder
from test_batch import RELATED, collection


@pytest.fixture(params=[0o022, 0o002, 0o077])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_current_umask_reads_the_process_umask_without_changing_it(umask):
    assert current_umask() == umask
    assert current_umask() == umask


def test_every_file_a_run_and_the_commands_rewrite_gets_the_umask_mode(tmp_path, umask):
    texts = collection(tmp_path, 1)
    alignments = tmp_path / "al"
    run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    for p in (texts / "doc000").glob("fr*.txt"):  # rewritten, not only created
        p.write_text(p.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    pair = alignments / "doc000" / "en__fr.json"
    exported = tmp_path / "out.tsv"
    exported.write_text("old", encoding="utf-8")
    os.chmod(exported, 0o600)
    assert main(["export", "tsv", str(pair), "--out", str(exported), "--texts", str(texts)]) == 0
    assert main(["review", "decide", str(pair), "0", "--accept"]) == 0
    written = [pair, pair.with_suffix(".tmx"), alignments / "doc000" / "report.html", alignments / "report.html",
               exported]
    want = 0o666 & ~umask
    assert {str(p.relative_to(tmp_path)): oct(_mode(p)) for p in written} == \
           {str(p.relative_to(tmp_path)): oct(want) for p in written}


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _leftover(target: Path, pid: int, host: str | None = None) -> Path:
    tmp = target.parent / f".{target.name}.{host or _host_tag()}.{pid}.x1y2z3.tmp"
    tmp.write_text("half a file", encoding="utf-8")
    return tmp


def test_a_write_removes_the_leftovers_of_dead_writers_of_the_same_file_only(tmp_path):
    target = tmp_path / "a.json"
    dead = _leftover(target, _dead_pid())
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = _leftover(target, sleeper.pid)
        other_host = _leftover(target, 1, host="00000000")
        old_other_host = _leftover(target, 2, host="11111111")
        os.utime(old_other_host, (time.time() - 7200, time.time() - 7200))
        unrelated = _leftover(tmp_path / "b.json", _dead_pid())
        atomic_write_text(target, "new")
        assert target.read_text(encoding="utf-8") == "new"
        assert not dead.exists() and not old_other_host.exists()
        assert live.exists() and other_host.exists() and unrelated.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert remove_stale_temps(target) == 1 and not live.exists()


def test_a_run_removes_what_a_killed_run_left_anywhere_under_alignments(tmp_path):
    texts = collection(tmp_path, 2)
    alignments = tmp_path / "al"
    run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    pid = _dead_pid()
    leftovers = [_leftover(alignments / "doc000" / name, pid)
                 for name in ("en__fr.json", "en__fr.tmx", "report.html", "gone__away.json")]
    leftovers.append(_leftover(alignments / "report.html", pid))
    r = run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)  # nothing to do: every pair is unchanged
    assert r.ok and {p.status for p in r.pairs} == {"unchanged"}
    assert [p for p in leftovers if p.exists()] == []


def test_temporary_files_are_ignored_by_git(root):
    name = "alignments/doc/.en__fr.json.0123abcd.4242.k2j3h4.tmp"
    done = subprocess.run(["git", "check-ignore", "-q", name], cwd=root)
    assert done.returncode == 0


def test_a_store_save_interrupted_after_the_temporary_file_leaves_the_old_file_and_no_temp(tmp_path, monkeypatch):
    from test_review_support import write_alignment
    path = write_alignment(tmp_path / "a.json")
    before = path.read_bytes()

    def boom(src, dst):
        raise KeyboardInterrupt
    monkeypatch.setattr("align.atomicfile.os.replace", boom)
    stored = store.load(path)
    with pytest.raises(KeyboardInterrupt):
        store.save(path, stored.alignment, {"beads": {}}, expected_revision=stored.revision)
    assert path.read_bytes() == before and [p.name for p in tmp_path.iterdir()] == ["a.json"]
