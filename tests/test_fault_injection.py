"""Fault injection: nothing lost, nothing stuck (issue 14).  Slow: real processes, real signals.

- ``align run`` killed (SIGKILL) or interrupted (SIGINT to the process group, as a terminal does)
  at random moments while it re-aligns a reviewed collection, serially and on a local Dask cluster:
  after every fault each store loads, no review decision is lost, and the next run completes;
- Ctrl-C in every phase (segmenting, embedding, aligning, scoring, writing), serial and Dask: exit 130
  within 2 s, no pair reported as failed;
- concurrent writers: two runs at once, a run while the review server takes decisions, two servers
  on one file;
- corrupt stores (truncated, invalid JSON, wrong types) and caches (truncated, garbage, wrong schema,
  wrong types): the run goes on, nothing is overwritten.

The deterministic hashing encoder stands in for the model: the faults are the point, not the vectors.
"""
from __future__ import annotations

import http.client
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from align import store
from align.review import Review
from align.review.server import TOKEN_HEADER, ReviewServer
from test_batch import collection

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

SRC = Path(store.__file__).resolve().parents[1]
PROBE = Path(__file__).with_name("phaseprobe.py")


# -- helpers ----------------------------------------------------------------------------------------

def _env(tmp_path: Path, **more: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(SRC), "ALIGN_CACHE_DIR": str(tmp_path / "cache"),
            "OMP_NUM_THREADS": "1", **more}


def _align(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from align.cli import main; sys.exit(main())", *args]


def _run_args(texts: Path, alignments: Path, workers: int) -> list[str]:
    return _align("run", str(texts), "--alignments", str(alignments), "--model", "hashing",
                  "--workers", str(workers), "--report", "", "--set", "nulls=false")


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A command in a process group of its own (so a signal can go to all of it, as from a terminal),
    with SIGINT at its default even when the suite runs in the background with it ignored."""
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def _decisions(alignments: Path) -> dict[str, Counter]:
    """Every decision in the store files, per pair: (status, note) of decided beads and of orphans."""
    out = {}
    for path in sorted(alignments.rglob("*.json")):
        review = store.load(path).review  # raises if any file is torn or malformed
        kept = [(s.get("status"), s.get("note")) for s in (review.get("beads") or {}).values()]
        kept += [(o["state"].get("status"), o["state"].get("note")) for o in review.get("orphaned") or []]
        out[str(path.relative_to(alignments))] = Counter(kept)
    return out


def _review_everything(alignments: Path) -> dict[str, Counter]:
    """Decide on a third of the beads of every store (notes unique), as reviewers would."""
    for path in sorted(alignments.rglob("*.json")):
        r = Review.open(path, by="Reviewer")
        for i in range(0, len(r.beads), 3):
            if i % 2:
                r.mark_divergent(i, "meaning", "minor", note=f"{path.stem} bead {i}")
            else:
                r.accept(i, note=f"{path.stem} bead {i}")
        r.save()
    return _decisions(alignments)


def _edit(texts: Path, rng: random.Random, k: int) -> None:
    """Change ``k`` documents' French versions, so that their pairs are aligned again."""
    docs = sorted(texts.iterdir())
    for folder in rng.sample(docs, k):
        for name in ("fr.txt", "fr2.txt"):
            p = folder / name
            p.write_text(p.read_text(encoding="utf-8") + f"\nUne phrase ajoutée numéro {rng.randrange(10**6)}.\n",
                         encoding="utf-8")


DOCS = 6


@pytest.fixture(scope="module")
def reviewed_template(tmp_path_factory) -> Path:
    """A collection aligned once and reviewed (a third of every store's beads decided), built once."""
    root = tmp_path_factory.mktemp("reviewed")
    texts = collection(root, DOCS, paragraphs=15)
    done = subprocess.run(_run_args(texts, root / "alignments", 1), env=_env(root), capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    _review_everything(root / "alignments")
    return root


@pytest.fixture()
def reviewed(reviewed_template, tmp_path) -> tuple[Path, Path, dict[str, Counter]]:
    """A copy of the reviewed collection (texts, alignments, warm cache) and its decisions."""
    import shutil
    for name in ("texts", "alignments", "cache"):
        shutil.copytree(reviewed_template / name, tmp_path / name)
    return tmp_path / "texts", tmp_path / "alignments", _decisions(tmp_path / "alignments")


def _worker_tracebacks_only(err: str) -> bool:
    """Whether every traceback in ``err`` is a Dask worker's (spawned by multiprocessing) that was still
    importing when Ctrl-C came, and not the command's own.  The driver may kill that worker as it prints, so its
    traceback may stop anywhere, even inside a line, with the driver's next message run on after it.  The
    command's own traceback always goes through ``align/cli.py`` and never through multiprocessing's spawn."""
    lines = err.splitlines()
    for i, line in enumerate(lines):
        if "Traceback (most recent call last)" not in line:
            continue
        frames = []
        for follow in lines[i + 1:]:
            if not follow.startswith("  "):
                break
            frames.append(follow)
        if any("spawn_main" in f or "multiprocessing" in f for f in frames):
            continue
        if any("/align/" in f or "\\align\\" in f for f in frames):
            return False
    return True


def _no_failures(err: str, workers: int = 1) -> None:
    """No pair reported failed, no traceback of the command; on Dask, a worker still importing its modules
    when Ctrl-C came may print its own (documented in align.workers) — whole, or cut off wherever the
    driver killed that worker as it printed — nothing else."""
    assert "align: failed:" not in err, err[-3000:]
    if "Traceback" in err:
        assert workers > 1 and _worker_tracebacks_only(err), err[-3000:]


def test_worker_tracebacks_are_told_from_the_commands_own():
    """The check above: a worker's traceback cut at every character, with the driver's message run on after
    it, passes; the command's own does not."""
    driver = "align: interrupted — the pairs finished so far are saved; run the same command again to do the rest\n"
    worker = ('Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n'
              '  File "/usr/lib/python3.11/multiprocessing/spawn.py", line 122, in spawn_main\n'
              '  File "/x/src/align/workers.py", line 40, in <module>\nKeyboardInterrupt\n')
    for cut in range(len(worker) + 1):
        assert _worker_tracebacks_only(worker[:cut] + driver), repr(worker[:cut])
        assert _worker_tracebacks_only(worker[:cut] + "\n" + driver), repr(worker[:cut])
    own = ('Traceback (most recent call last):\n  File "<string>", line 1, in <module>\n'
           '  File "/x/src/align/cli.py", line 900, in main\nKeyboardInterrupt\n')
    assert not _worker_tracebacks_only(own + driver)
    assert not _worker_tracebacks_only(worker + own)


# -- kill -9 and Ctrl-C at random moments ------------------------------------------------------------

@pytest.mark.parametrize("workers,faults", [(1, 14), (2, 6)], ids=["serial", "dask"])
def test_kills_and_interrupts_at_random_moments_lose_no_decision(reviewed, tmp_path, workers, faults):
    import psutil
    texts, alignments, expected = reviewed
    rng = random.Random(14 + workers)
    env = _env(tmp_path)
    # how long a run takes on this machine (three documents edited, as before each fault below), so
    # that the faults land within a run however fast the code has become
    _edit(texts, rng, 3)
    t0 = time.perf_counter()
    timed = subprocess.run(_run_args(texts, alignments, workers), env=env, capture_output=True, text=True,
                           timeout=300)
    duration = time.perf_counter() - t0
    assert timed.returncode == 0, timed.stderr[-3000:]
    assert _decisions(alignments) == expected
    landed = 0
    for n in range(faults):
        _edit(texts, rng, 3)
        sig = signal.SIGKILL if n % 2 else signal.SIGINT
        proc = _start(_run_args(texts, alignments, workers), env)
        time.sleep(max(0.3, rng.uniform(0.1, 0.85) * duration))
        running = proc.poll() is None
        tree = psutil.Process(proc.pid).children(recursive=True) if running else []
        if running:
            landed += 1
            os.killpg(proc.pid, sig)
        _, err = proc.communicate(timeout=120)
        if running and sig == signal.SIGINT:
            assert proc.returncode in (0, 130), err[-3000:]
            _no_failures(err, workers)
        elif not running:
            assert proc.returncode == 0, err[-3000:]
        _, alive = psutil.wait_procs(tree, timeout=30)
        assert not alive, f"processes left after {sig.name}: {alive}"
        assert _decisions(alignments) == expected, f"decisions changed after fault {n} ({sig.name})"
    assert landed >= faults * 3 // 4, "most faults must hit a running command"
    final = subprocess.run(_run_args(texts, alignments, workers) + ["--json"], env=env, capture_output=True,
                           text=True, timeout=300)
    assert final.returncode == 0, final.stderr[-3000:]
    totals = json.loads(final.stdout)["totals"]
    assert totals["failed"] == 0 and totals["aligned"] + totals["unchanged"] == 2 * DOCS
    assert _decisions(alignments) == expected
    assert not list(alignments.rglob("*.tmp"))


# -- Ctrl-C in every phase ---------------------------------------------------------------------------

ALL_PHASES = ("segmenting", "embedding", "aligning", "scoring", "writing")


#: On Dask the driver does the same thing whichever stage a worker is in (it waits for results), so
#: one worker-side phase and the driver's own (writing) cover it; the random SIGINTs above land anywhere.
@pytest.mark.parametrize("workers,phases", [(1, ALL_PHASES), (2, ("embedding", "writing"))], ids=["serial", "dask"])
def test_ctrl_c_in_every_phase_exits_130_within_two_seconds_with_no_false_failure(tmp_path, workers, phases):
    texts = collection(tmp_path, 3, paragraphs=30)
    env = _env(tmp_path)
    for phase in phases:
        alignments = tmp_path / f"al-{phase}"
        proc = _start([sys.executable, str(PROBE), "run", str(texts), "--alignments", str(alignments),
                       "--model", "hashing", "--workers", str(workers), "--no-cache", "--set", "nulls=false"],
                      {**env, "ALIGN_PROBE_PHASE": phase})
        seen, wanted = 0, 2  # the second time the phase starts: the run is well under way
        while seen < wanted:
            line = proc.stderr.readline()
            assert line, f"{phase}: the run ended before the phase was reached"
            seen += line.startswith(f"@@phase {phase}")
        t0 = time.monotonic()
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        stopped = time.monotonic() - t0
        assert proc.returncode == 130, f"{phase}: exit {proc.returncode}\n{err[-3000:]}"
        assert stopped < 2.0, f"{phase}: stopped after {stopped:.2f} s"
        _no_failures(err)
        assert "run the same command again" in err
        for p in alignments.rglob("*.json"):
            store.load(p)


# -- concurrent writers ------------------------------------------------------------------------------

def test_two_runs_at_once_lose_no_decision(reviewed, tmp_path):
    texts, alignments, expected = reviewed
    _edit(texts, random.Random(2), DOCS)
    env = _env(tmp_path)
    procs = [_start(_run_args(texts, alignments, 1), env) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    for p, (_, err) in zip(procs, results):
        assert p.returncode in (0, 1), err[-3000:]
        assert "Traceback" not in err
        # a pair saved by the other run meanwhile is refused, never overwritten
        assert all("was saved by someone else" in line for line in err.splitlines() if "failed:" in line)
    assert _decisions(alignments) == expected
    final = subprocess.run(_run_args(texts, alignments, 1), env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert _decisions(alignments) == expected


class _Client:
    """Notes sent to a review server, each on its own bead; remembers which ones were acknowledged."""

    def __init__(self, app: ReviewServer, tag: str) -> None:
        self.app, self.tag = app, tag
        self.acked: list[str] = []
        self.statuses: Counter = Counter()

    def post(self, body: dict) -> tuple[int, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.app.port, timeout=60)
        data = json.dumps(body).encode()
        conn.request("POST", "/api/action", data, {"Host": f"127.0.0.1:{self.app.port}", TOKEN_HEADER: self.app.token,
                                                   "Content-Type": "application/json"})
        res = conn.getresponse()
        payload = json.loads(res.read())
        conn.close()
        return res.status, payload

    def note_each(self, beads: list[str], revision: int) -> None:
        for ids in beads:
            note = f"{self.tag} on {ids}"
            for _ in range(20):  # a stale revision is refused (409): try again with the current one
                status, payload = self.post({"revision": revision, "action": "note", "bead": ids, "note": note})
                self.statuses[status] += 1
                revision = payload.get("revision", revision)
                if status != 409:
                    break
            if status == 200:
                self.acked.append(note)


def _notes(path: Path) -> set[str]:
    review = store.load(path).review
    return ({s.get("note") for s in (review.get("beads") or {}).values()}
            | {o["state"].get("note") for o in review.get("orphaned") or []})


def test_a_run_while_the_review_server_takes_decisions_loses_none(reviewed, tmp_path):
    texts, alignments, expected = reviewed
    path = alignments / "doc000" / "en__fr.json"
    _edit(texts, random.Random(3), DOCS)
    env = _env(tmp_path)
    with ReviewServer(path, by="Web") as app:
        stored = store.load(path)
        beads = [b.ids() for i, b in enumerate(stored.alignment.beads) if i % 3 == 1]
        client = _Client(app, "web")
        run = _start(_run_args(texts, alignments, 1), env)
        writer = threading.Thread(target=client.note_each, args=(beads, stored.revision))
        writer.start()
        writer.join(timeout=300)
        _, err = run.communicate(timeout=300)
    assert run.returncode in (0, 1) and "Traceback" not in err, err[-3000:]
    assert client.acked and set(client.statuses) <= {200, 409}
    assert set(client.acked) <= _notes(path)  # every acknowledged decision is in the file
    final = subprocess.run(_run_args(texts, alignments, 1), env=env, capture_output=True, text=True, timeout=300)
    assert final.returncode == 0, final.stderr
    assert set(client.acked) <= _notes(path)
    after = _decisions(alignments)
    for key, kept in expected.items():  # the reviewers' decisions, plus the web notes on this file
        assert after[key] - Counter({k: v for k, v in after[key].items() if k[1] in client.acked}) == kept or \
            key.endswith("en__fr.json")


def test_two_review_servers_on_one_file_lose_no_acknowledged_decision(tmp_path):
    from test_review_support import write_alignment
    path = write_alignment(tmp_path / "doc" / "en__fr.json")
    beads = [b.ids() for b in store.load(path).alignment.beads]
    with ReviewServer(path, by="A") as a, ReviewServer(path, by="B") as b:
        clients = [_Client(a, "A"), _Client(b, "B")]
        threads = [threading.Thread(target=c.note_each, args=(beads[k::2], 0)) for k, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
    acked = [n for c in clients for n in c.acked]
    assert len(acked) == len(beads) and set(acked) <= _notes(path)
    assert store.load(path).revision == len(acked)


# -- corrupt stores and caches -----------------------------------------------------------------------

def _truncate(p: Path) -> None:
    p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])


def _bad_json(p: Path) -> None:
    p.write_text(p.read_text(encoding="utf-8").replace('"beads": [', '"beads": [[', 1), encoding="utf-8")


def _wrong_types(p: Path) -> None:
    data = json.loads(p.read_text(encoding="utf-8"))
    data["beads"][0]["src"] = ["zero"]
    data["review"] = {"beads": [], "orphaned": "none"}
    p.write_text(json.dumps(data), encoding="utf-8")


def test_corrupt_stores_fail_their_pairs_alone_and_are_never_overwritten(reviewed, tmp_path):
    texts, alignments, _ = reviewed
    victims = {}
    for (doc, damage) in (("doc000", _truncate), ("doc001", _bad_json), ("doc002", _wrong_types)):
        p = alignments / doc / "en__fr.json"
        damage(p)
        victims[p] = p.read_bytes()
    _edit(texts, random.Random(4), DOCS)
    done = subprocess.run(_run_args(texts, alignments, 1), env=_env(tmp_path), capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    failed = sorted(line for line in done.stderr.splitlines() if line.startswith("align: failed:"))
    assert len(failed) == len(victims) and all(str(p) in line for p, line in zip(sorted(victims), failed))
    assert all(p.read_bytes() == before for p, before in victims.items())
    for path in alignments.rglob("*.json"):
        if path not in victims:
            store.load(path)


def _garbage(p: Path) -> None:
    p.write_bytes(os.urandom(8192))


def _wrong_schema(p: Path) -> None:
    p.unlink()
    with sqlite3.connect(p) as db:
        db.execute("CREATE TABLE vectors (model TEXT, text TEXT, embedding BLOB)")
        db.execute("INSERT INTO vectors VALUES ('m', 't', x'00')")


def _wrong_row_types(p: Path) -> None:
    with sqlite3.connect(p) as db:
        db.execute("UPDATE vectors SET dim = 'wide' WHERE rowid % 3 = 0")
        db.execute("UPDATE vectors SET vec = 'text' WHERE rowid % 3 = 1")


def test_a_damaged_cache_never_stops_a_run(tmp_path):
    texts = collection(tmp_path, 2, paragraphs=8)
    env = _env(tmp_path)
    cache = tmp_path / "cache" / "embeddings.sqlite3"
    first = subprocess.run(_run_args(texts, tmp_path / "a", 1), env=env, capture_output=True, text=True,
                           timeout=300)
    assert first.returncode == 0, first.stderr
    for damage in (_truncate, _garbage, _wrong_schema, _wrong_row_types):
        damage(cache)
        out = tmp_path / damage.__name__
        done = subprocess.run(_run_args(texts, out, 1) + ["--json"], env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0 and "Traceback" not in done.stderr, (damage.__name__, done.stderr[-3000:])
        assert json.loads(done.stdout)["totals"]["aligned"] == 4, damage.__name__
    again = subprocess.run(_run_args(texts, tmp_path / "again", 1) + ["--json"], env=env, capture_output=True,
                           text=True, timeout=300)
    assert json.loads(again.stdout)["totals"]["embedded"] == 0  # the cache works again
    assert len(list(cache.parent.glob("embeddings.sqlite3.*-*"))) == 3  # truncated, garbage, schema: moved aside
