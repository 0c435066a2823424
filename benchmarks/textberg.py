"""Text+Berg de–fr: strict/lax P/R/F1 of the aligner against the hand alignments.

Reads ``textberg_de_fr/vecalign_format`` from the shared benchmark folder
(never copies it): ``dev.de/.fr/.defr`` for ``--split dev``, ``test0..6`` for
``--split test``.  The files are presegmented and taken exactly as given:
line *i* of ``.de``/``.fr`` is sentence *i* (its trailing space included),
which is what the gold ``[i]:[j]`` beads index.

Each document is aligned with :func:`align.aligner.align_texts_with_encoder`
(default :class:`AlignerSettings`, plus ``--set key=value`` overrides) and the
bundled e5 encoder behind the on-disk embedding cache; the scores are
micro-averaged over the documents by :func:`align.evaluate.score`.

Time: ``embed`` is the time spent inside the encoder's ``encode`` (the timed
wrapper passed to the aligner; cache look-ups included), ``align`` is the rest
of the aligner's wall time.  Encoder calls: ``asked`` = texts the aligner asked
to embed (``AlignStats.encoder_calls``) per input sentence; ``distinct`` =
distinct texts asked per sentence (what an empty cache would embed); both are
independent of the cache; ``embedded`` = texts the model really embedded in
this run (cache misses).  A warm-up call on random vectors comes first, so
``align`` excludes loading (or compiling) the numba kernels; that first call's
time is reported as ``first_call_s``.  Memory: the process's ``ru_maxrss`` (model included)
and the tracemalloc peak of the alignment step alone, measured in a second
pass that takes the same vectors from memory.

Usage::

    OMP_NUM_THREADS=2 python benchmarks/textberg.py --split dev
    OMP_NUM_THREADS=2 python benchmarks/textberg.py --split test --json --cache-dir /tmp/aligncache
"""
from __future__ import annotations

import argparse
import time
import tracemalloc

from _common import (
    TimedEncode,
    add_common_args,
    emit,
    make_encoder,
    max_rss_mb,
    model_calls,
    parse_settings,
    provenance,
    read_lines,
    rounded,
    skip,
    warm_up,
)

SPLITS = {"dev": ("dev",), "test": tuple(f"test{i}" for i in range(7))}

COLUMNS = [("split", "split"), ("docs", "docs"), ("sentences", "sentences"),
           ("strict P", "strict_precision"), ("strict R", "strict_recall"), ("strict F1", "strict_f1"),
           ("lax P", "lax_precision"), ("lax R", "lax_recall"), ("lax F1", "lax_f1"),
           ("null P", "null_precision"), ("null R", "null_recall"), ("null F1", "null_f1"),
           ("null gold", "null_gold"), ("null predicted", "null_predicted"),
           ("embed s", "embed_s"), ("align s", "align_s"), ("align CPU s", "align_cpu_s"),
           ("calls/sent asked", "calls_per_sentence"), ("distinct/sent", "distinct_per_sentence"),
           ("embedded now", "embedded"), ("max RSS MB", "max_rss_mb"), ("align peak MB", "align_peak_mb")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=tuple(SPLITS), default="dev", help="dev (1 document) or test (7)")
    add_common_args(ap)
    args = ap.parse_args(argv)

    folder = args.bench / "textberg_de_fr" / "vecalign_format"
    names = SPLITS[args.split]
    missing = [f"{n}{ext}" for n in names for ext in (".de", ".fr", ".defr") if not (folder / f"{n}{ext}").is_file()]
    if missing:
        return skip(f"Text+Berg data not found in {folder} (missing {', '.join(missing[:3])}"
                    f"{' …' if len(missing) > 3 else ''}); nothing to measure.")

    from align.aligner import AlignStats, align_texts_with_encoder
    from align.evaluate import null_scores, read_beads, score

    settings, changes = parse_settings(ap, args.overrides)
    encoder = make_encoder(args)
    timed = TimedEncode(encoder.encode)
    calls_before = model_calls(encoder)
    jit_s = warm_up(settings)

    docs = [(read_lines(folder / f"{n}.de"), read_lines(folder / f"{n}.fr"), read_beads(folder / f"{n}.defr"))
            for n in names]
    golds, tests, asked, sentences, total_s, total_cpu = [], [], 0, 0, 0.0, 0.0
    for src, tgt, gold in docs:
        stats = AlignStats()
        t0, c0 = time.perf_counter(), time.process_time()
        raw = align_texts_with_encoder(src, tgt, timed, settings, stats=stats)
        total_s += time.perf_counter() - t0
        total_cpu += time.process_time() - c0
        golds.append(gold)
        tests.append([(b.src, b.tgt) for b in raw])
        asked += stats.encoder_calls
        sentences += len(src) + len(tgt)

    # second pass, vectors from memory: the alignment step's own allocations
    peak = 0
    for (src, tgt, _), first in zip(docs, tests):
        tracemalloc.start()
        raw = align_texts_with_encoder(src, tgt, timed.from_memory, settings)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        if [(b.src, b.tgt) for b in raw] != first:
            print("warning: the second pass gave different beads (the aligner is not deterministic)")

    scores = score(golds, tests)
    record = {
        "benchmark": "textberg_de_fr", "split": args.split, "docs": len(docs), "sentences": sentences,
        **scores.to_dict(), **null_scores(golds, tests).to_dict(),
        "embed_s": timed.seconds, "align_s": total_s - timed.seconds,
        "embed_cpu_s": timed.cpu_seconds, "align_cpu_s": total_cpu - timed.cpu_seconds, "first_call_s": jit_s,
        "encoder_calls": asked, "calls_per_sentence": asked / sentences,
        "distinct_texts": timed.distinct, "distinct_per_sentence": timed.distinct / sentences,
        "embedded": model_calls(encoder) - calls_before,
        "max_rss_mb": max_rss_mb(), "align_peak_mb": peak / 2**20,
        **provenance(settings, changes, encoder),
    }
    record = rounded(record)
    emit(f"Text+Berg de–fr, {args.split} ({len(docs)} document{'s' if len(docs) > 1 else ''}), "
         f"model `{encoder.identity}`" + (f", overrides {changes}" if changes else ""),
         COLUMNS, record, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
