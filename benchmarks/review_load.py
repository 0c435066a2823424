"""The review server under load: many clients at once reading the queue and writing decisions and notes.

The server (``align.review.server.ReviewServer``) runs in a process of its own on a copy of a
real store file; ``--clients`` threads in this process send ``--requests`` requests in all, each
on a new connection (as many browser tabs or scripts would), drawn with a fixed seed from a mix
of ``GET /api/state`` (the queue and every bead), ``POST`` decisions (accept, divergent, reject)
and ``POST`` notes.  A write carries the newest revision any client has seen, so some writes
are refused as stale (409, the server's answer to two people saving at once): those are
counted apart, not as errors, and the client sends the same change again with the revision
the 409 answer gave (as a reviewer who reloads would), as its next request.  An *error* is
a connection refused or reset, a timeout, or any other status.

It prints errors, conflicts, latency percentiles (p50, p95, p99, max; from opening the
connection to the last byte of the answer), throughput, the server's CPU seconds, and checks
that no acknowledged write was lost: the file's revision went up by exactly the number of
writes answered 200.

``--backlog N`` sets the listening socket's queue; 5 was socketserver's default before the
server set its own (``LISTEN_BACKLOG``), which is how the "before" row of BENCHMARKS.md was
measured.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from _common import ROOT, code_version, emit, machine

DEFAULT_STORE = ROOT / "alignments" / "1920-04-29-armenian-dispatch" / "en__ru-working.json"

_SERVER = r"""
import json, sys
from align.review import server
if int(sys.argv[2]) > 0:
    server._Server.request_queue_size = int(sys.argv[2])
app = server.ReviewServer(sys.argv[1], by="load test")
print(json.dumps({"port": app.port, "token": app.token, "backlog": app.httpd.request_queue_size}), flush=True)
app.serve_forever()
"""


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, nearest rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))
    return ordered[k]


_REVISION = re.compile(rb'^\{"revision": *(-?\d+)')


def revision_of(payload: bytes) -> int | None:
    """The ``revision`` of an answer: read from its first bytes (the server writes it first), so that
    50 client threads do not spend the benchmark's time parsing the whole state under one GIL."""
    found = _REVISION.match(payload)
    if found:
        return int(found.group(1))
    try:
        value = json.loads(payload).get("revision")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, int) else None


def plan(n: int, mix: tuple[int, int, int], seed: int) -> list[str]:
    """``n`` request kinds (``state``, ``decide``, ``note``) in the proportions of ``mix``."""
    rng = random.Random(seed)
    return rng.choices(["state", "decide", "note"], weights=mix, k=n)


class Load:
    """The clients: a shared queue of request kinds, the newest revision seen, and what came back."""

    def __init__(self, port: int, token: str, beads: list[str], kinds: list[str], seed: int, timeout: float):
        self.port, self.token, self.beads, self.timeout = port, token, beads, timeout
        self.todo: queue.Queue[str] = queue.Queue()
        for k in kinds:
            self.todo.put(k)
        self.lock = threading.Lock()
        self.revision = 0
        self.rng = random.Random(seed + 1)
        self.latencies: list[float] = []
        self.statuses: dict[str, int] = {}
        self.errors: list[str] = []
        self.written = 0

    def change(self, kind: str) -> dict:
        """A decision (accept, divergent, reject) or a note on a random bead."""
        with self.lock:
            bead = self.rng.choice(self.beads)
            pick = self.rng.random()
        if kind == "note":
            return {"action": "note", "bead": bead, "note": f"checked under load {pick:.6f}"}
        if pick < 0.5:
            return {"action": "accept", "bead": bead}
        if pick < 0.8:
            return {"action": "divergent", "bead": bead, "kind": "meaning", "severity": "minor"}
        return {"action": "reject", "bead": bead}

    def one(self, kind: str, change: dict | None = None) -> dict | None:
        """Send one request; for a write refused as stale, returns the change to send again."""
        if kind != "state":
            change = change or self.change(kind)
            with self.lock:
                revision = self.revision
        data = b"" if kind == "state" else json.dumps({**change, "revision": revision}).encode()
        t0 = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            conn.putrequest("GET" if kind == "state" else "POST", "/api/state" if kind == "state" else "/api/action",
                            skip_host=True)
            conn.putheader("Host", f"127.0.0.1:{self.port}")
            conn.putheader("X-Review-Token", self.token)
            if data:
                conn.putheader("Content-Type", "application/json")
            conn.putheader("Content-Length", str(len(data)))
            conn.endheaders(data)
            res = conn.getresponse()
            payload = res.read()
            conn.close()
        except (OSError, http.client.HTTPException) as exc:
            with self.lock:
                self.latencies.append(time.perf_counter() - t0)
                self.errors.append(f"{kind}: {type(exc).__name__}: {exc}")
            return None
        elapsed = time.perf_counter() - t0
        revision = revision_of(payload) if res.status in (200, 409) else None
        with self.lock:
            self.latencies.append(elapsed)
            key = f"{kind} {res.status}"
            self.statuses[key] = self.statuses.get(key, 0) + 1
            if res.status not in (200, 409):
                self.errors.append(f"{key}: {payload[:120]!r}")
            if res.status == 200 and kind != "state":
                self.written += 1
            if isinstance(revision, int) and revision > self.revision:
                self.revision = revision
        return change if res.status == 409 and kind != "state" else None

    def client(self) -> None:
        again: tuple[str, dict] | None = None
        while True:
            try:
                kind = self.todo.get_nowait()
            except queue.Empty:
                return
            if again is not None:  # this request slot resends the change refused as stale
                kind, change = again
                again = None
                retry = self.one(kind, change)
            else:
                retry = self.one(kind)
            if retry is not None:
                again = (kind, retry)


def _cpu_seconds(pid: int) -> float:
    try:
        import psutil
        t = psutil.Process(pid).cpu_times()
        return float(t.user + t.system)
    except Exception:  # noqa: BLE001 - a number for the table, not a reason to fail
        return float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, default=DEFAULT_STORE, help="the store file to copy and serve")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--mix", default="50:30:20", help="state:decide:note proportions (default 50:30:20)")
    ap.add_argument("--backlog", type=int, default=0,
                    help="listen backlog to run the server with (default 0: the server's own)")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds a client waits for an answer")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    mix = tuple(int(x) for x in args.mix.split(":"))
    if len(mix) != 3:
        ap.error("--mix takes three numbers, e.g. 50:30:20")

    sys.path.insert(0, str(ROOT / "src"))
    from align import store as store_mod
    work = Path(tempfile.mkdtemp(prefix="review-load-"))
    try:
        path = work / args.store.name
        shutil.copyfile(args.store, path)
        start = store_mod.load(path)
        beads = [b.ids() for b in start.alignment.beads]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "OMP_NUM_THREADS": "1"}
        server = subprocess.Popen([sys.executable, "-c", _SERVER, str(path), str(args.backlog)], env=env,
                                  stdout=subprocess.PIPE, text=True)
        try:
            info = json.loads(server.stdout.readline())
            load = Load(info["port"], info["token"], beads, plan(args.requests, mix, args.seed), args.seed,
                        args.timeout)
            load.revision = start.revision
            cpu0 = _cpu_seconds(server.pid)
            threads = [threading.Thread(target=load.client) for _ in range(args.clients)]
            t0 = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - t0
            cpu = _cpu_seconds(server.pid) - cpu0
        finally:
            server.terminate()
            server.wait(timeout=30)
        end = store_mod.load(path)
        lost = (start.revision + load.written) - end.revision
        lat = load.latencies
        record = {
            "store": str(args.store.relative_to(ROOT) if args.store.is_relative_to(ROOT) else args.store),
            "beads": len(beads), "requests": args.requests, "clients": args.clients, "mix": args.mix,
            "backlog": info["backlog"], "errors": len(load.errors),
            "conflicts": sum(n for k, n in load.statuses.items() if k.endswith(" 409")),
            "written": load.written, "lost_writes": lost,
            "p50_s": percentile(lat, 50), "p95_s": percentile(lat, 95), "p99_s": percentile(lat, 99),
            "max_s": max(lat) if lat else float("nan"), "wall_s": wall, "requests_per_s": args.requests / wall,
            "server_cpu_s": cpu, "statuses": load.statuses, "first_errors": load.errors[:5],
            "code": code_version(), "machine": machine(),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    emit(f"Review server: {args.requests} requests from {args.clients} clients (backlog {record['backlog']})",
         [("backlog", "backlog"), ("errors", "errors"), ("409 stale", "conflicts"), ("writes", "written"),
          ("lost", "lost_writes"), ("p50 s", "p50_s"), ("p95 s", "p95_s"), ("p99 s", "p99_s"), ("max s", "max_s"),
          ("req/s", "requests_per_s"), ("wall s", "wall_s"), ("server CPU s", "server_cpu_s")],
         record, args.json)
    if load.errors:
        print("first errors:", *load.errors[:5], sep="\n  ", file=sys.stderr)
    return 0 if not load.errors and lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
