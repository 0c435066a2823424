"""The alignment step alone, on synthetic embeddings: time, peak memory and strict F1 at 10k–100k sentences.

No encoder and no data files: for each size ``n`` a fresh subprocess draws
(seed fixed, ``--seed``):

* ``n`` random unit vectors (dimension 384, float32) for the source;
* a bead sequence: 1-1 with probability 0.90, 1-2, 2-1, 1-0 and 0-1 with
  0.025 each (so the target has about ``n`` sentences too);
* the target from the beads: a 1-1 target is the source vector; a 2-1 target
  is the normalised sum of its two source vectors; for a 1-2 bead two random
  vectors are drawn for the targets and the source becomes their normalised
  sum; a 0-1 target is a random vector (a 1-0 source simply has no target).
  Every target vector then gets Gaussian noise of norm about ``--noise`` (0.75:
  cosine about 0.8 with its clean self) and is normalised again;
* character lengths: source log-normal around 100; a 1-1 target the source
  length × e^N(0, 0.1); 2-1 the sum; 1-2 the source split at a uniform
  30–70% point; 0-1 log-normal.

It then calls :func:`align.aligner.align_vectors` (default
:class:`AlignerSettings` plus ``--set`` overrides): first a warm-up call on a
700 × 700 random problem, which loads the numba kernels from their on-disk
cache (or compiles them) and is reported as ``first call``; then the timed call
on the full problem.  Memory of the timed call: the growth of the resident set
over the call (Linux's high-water mark is reset just before it, so the number
is the call's own peak above what the process held — inputs excluded), and,
in a separate untimed call, the tracemalloc peak (numba's arrays are allocated
through numpy and are seen by it).  The beads are scored strictly and laxly
against the known bead sequence with :func:`align.evaluate.score`.

Targets: 10,000 × 10,000 in ≤ 5 s and ≤ 400 MB; 100,000 × 100,000 in < 60 s
and < 2 GB.

Usage::

    OMP_NUM_THREADS=2 python benchmarks/speed.py --n 10000
    OMP_NUM_THREADS=2 python benchmarks/speed.py --n 10000 --n 100000 --json
"""
from __future__ import annotations

import argparse
import gc
import json
import subprocess
import sys
import time
import tracemalloc

import numpy as np

from _common import PeakRSS, add_common_args, emit, parse_settings, provenance, rounded, settings_from, warm_up

DIM = 384
SEED = 2024
#: bead shape → probability
MIX = {(1, 1): 0.90, (1, 2): 0.025, (2, 1): 0.025, (1, 0): 0.025, (0, 1): 0.025}
#: size → (seconds, MB) the alignment step must stay within
TARGETS = {10_000: (5.0, 400.0), 100_000: (60.0, 2048.0)}

COLUMNS = [("n × m", "shape"), ("strict P", "strict_precision"), ("strict R", "strict_recall"),
           ("strict F1", "strict_f1"), ("lax F1", "lax_f1"), ("first call s", "first_call_s"),
           ("align s", "align_s"), ("align CPU s", "align_cpu_s"), ("peak RSS Δ MB", "rss_delta_mb"),
           ("tracemalloc peak MB", "tracemalloc_mb"),
           ("band cells", "band_cells"), ("target", "target")]

Bead = tuple[tuple[int, ...], tuple[int, ...]]


def _unit(a: np.ndarray) -> np.ndarray:
    a /= np.linalg.norm(a, axis=1, keepdims=True)
    return a


def synthetic(n: int, seed: int = SEED, noise: float = 0.75, dim: int = DIM
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, list[Bead]]:
    """Source and target unit vectors, their lengths, and the gold beads (see the module docstring)."""
    rng = np.random.default_rng(seed)
    shapes = list(MIX)
    draws = rng.choice(len(shapes), size=2 * n + 10, p=list(MIX.values()))
    beads: list[Bead] = []
    i = j = 0
    for k in draws:
        a, b = shapes[k]
        if i + a > n:
            continue
        beads.append((tuple(range(i, i + a)), tuple(range(j, j + b))))
        i, j = i + a, j + b
        if i == n:
            break
    while i < n:  # (practically never) top up with 1-1 beads
        beads.append(((i,), (j,)))
        i, j = i + 1, j + 1
    m = j
    X = _unit(rng.standard_normal((n, dim), dtype=np.float32))
    Y = np.empty((m, dim), dtype=np.float32)
    lx = rng.lognormal(np.log(100.0), 0.5, n).astype(np.float32)
    ly = np.empty(m, dtype=np.float32)
    for src, tgt in beads:
        if len(src) == 1 and len(tgt) == 1:
            Y[tgt[0]] = X[src[0]]
            ly[tgt[0]] = lx[src[0]] * np.exp(rng.normal(0.0, 0.1))
        elif len(src) == 2:
            Y[tgt[0]] = X[src[0]] + X[src[1]]
            ly[tgt[0]] = (lx[src[0]] + lx[src[1]]) * np.exp(rng.normal(0.0, 0.1))
        elif len(tgt) == 2:
            parts = _unit(rng.standard_normal((2, dim), dtype=np.float32))
            X[src[0]] = parts.sum(axis=0) / np.linalg.norm(parts.sum(axis=0))
            Y[tgt[0]], Y[tgt[1]] = parts
            f = rng.uniform(0.3, 0.7)
            ly[tgt[0]], ly[tgt[1]] = lx[src[0]] * f, lx[src[0]] * (1 - f)
        elif len(tgt) == 1:  # 0-1
            Y[tgt[0]] = rng.standard_normal(dim, dtype=np.float32)
            ly[tgt[0]] = rng.lognormal(np.log(100.0), 0.5)
    _unit(Y)
    Y += rng.standard_normal((m, dim), dtype=np.float32) * np.float32(noise / np.sqrt(dim))
    _unit(Y)
    return X, Y, lx, ly, beads


def worker(n: int, seed: int, noise: float, overrides: list[str], traced: bool) -> dict[str, object]:
    """One size, in this process: data, warm-up, timed call, memory, score."""
    from align.aligner import AlignStats, align_vectors
    from align.evaluate import score

    settings, changes = settings_from(overrides)
    X, Y, lx, ly, gold = synthetic(n, seed, noise)
    first_s = warm_up(settings)
    gc.collect()
    stats = AlignStats()
    with PeakRSS() as mem:
        t0, c0 = time.perf_counter(), time.process_time()
        beads = align_vectors(X, Y, lx, ly, settings, stats=stats)
        align_s, align_cpu = time.perf_counter() - t0, time.process_time() - c0
    pred = [(b.src, b.tgt) for b in beads]
    traced_mb = None
    if traced:
        del beads
        gc.collect()
        tracemalloc.start()
        align_vectors(X, Y, lx, ly, settings)
        traced_mb = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    scores = score([gold], [pred])
    limit = TARGETS.get(n)
    verdict = "" if limit is None else (
        "met" if align_s <= limit[0] and mem.delta_mb <= limit[1] else "MISSED") + (
        f" (≤ {limit[0]:g} s, ≤ {limit[1]:g} MB)" if limit else "")
    return rounded({
        "benchmark": "speed", "n": n, "m": int(Y.shape[0]), "shape": f"{n:,} × {Y.shape[0]:,}", "dim": DIM,
        "seed": seed, "noise": noise, **scores.to_dict(),
        "first_call_s": first_s, "align_s": align_s, "align_cpu_s": align_cpu,
        "rss_delta_mb": mem.delta_mb, "rss_method": mem.method,
        "tracemalloc_mb": traced_mb, "band_cells": stats.band_cells,
        "input_mb": (X.nbytes + Y.nbytes) / 2**20, "target": verdict,
        **provenance(settings, changes),
    })


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, action="append", default=None, metavar="N",
                    help="source sentences (repeatable; default 10000)")
    ap.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    ap.add_argument("--noise", type=float, default=0.75, help="norm of the noise added to target vectors")
    ap.add_argument("--no-tracemalloc", action="store_true", help="skip the extra traced call")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    add_common_args(ap, encoder=False)
    args = ap.parse_args(argv)
    sizes = args.n or [10_000]
    parse_settings(ap, args.overrides)  # a bad --set fails here, before any subprocess

    if args.worker:
        print(json.dumps(worker(sizes[0], args.seed, args.noise, args.overrides, not args.no_tracemalloc),
                         ensure_ascii=False))
        return 0
    for n in sizes:
        cmd = [sys.executable, __file__, "--worker", "--n", str(n), "--seed", str(args.seed),
               "--noise", str(args.noise)] + [f"--set={o}" for o in args.overrides]
        if args.no_tracemalloc:
            cmd.append("--no-tracemalloc")
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr)
            print(f"size {n}: the worker failed (exit {proc.returncode})")
            return proc.returncode
        record = json.loads(proc.stdout.strip().splitlines()[-1])
        emit(f"Alignment step alone, synthetic {record['shape']} (dim {DIM}, seed {args.seed}, noise {args.noise})",
             COLUMNS, record, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
