"""``align run`` over a collection: NTREX-128 as 123 documents with en, ru and hy versions.

Reads ``ntrex128_en_ru_hy`` from the shared benchmark folder (never copies it
into the project) and writes a ``texts/``-style collection into a scratch
folder (``--workdir``, default a temporary one): one document folder per run
of one id in ``DOCUMENT_IDS.tsv``, its lines joined by blank lines (one line
per paragraph, as in ``benchmarks/ntrex.py``); English is the pivot
(``archival-original``: NTREX was translated from it), Russian and Armenian
are ``published-translation``.  So 123 documents, 246 pairs.

Then it runs the real command line, each run in its own process, with the
bundled model:

1. ``serial``: ``align run --workers 1`` on an empty embedding cache and an
   empty ``alignments/``;
2. ``dask-2``: ``align run --workers 2`` (a local Dask cluster of two
   single-threaded worker processes), again from an empty cache and store;
3. ``rerun``: the same command again on run 2's store (nothing changed: no
   pair is computed);
4. ``warm-cache``: ``--workers 2`` into an empty store with run 2's embedding
   cache (every pair is aligned again, nothing is embedded).

For each it prints wall time, documents per minute, texts embedded and
asked for, peak memory of the whole process tree (the command and its
workers, RSS summed, sampled every 0.1 s), and line-level strict/lax F1 of
each language pair against the NTREX line gold, computed from the store
files exactly as ``benchmarks/ntrex.py`` scores (sentences mapped to their
lines by offset, beads sharing a line merged).

Usage::

    .venv/bin/python benchmarks/collection.py                 # all four runs, ~30 min cold
    .venv/bin/python benchmarks/collection.py --limit-docs 10 --runs serial,dask-2
"""
from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import DEFAULT_BENCH, ROOT, read_lines, skip
from ntrex import FILES, IDS, line_beads

RUNS = ("serial", "dask-2", "rerun", "warm-cache")
PAIRS = ("ru", "hy")


def build_collection(folder: Path, out: Path, limit: int = 0) -> list[tuple[str, int]]:
    """Write the collection; returns (document folder name, number of lines) per document."""
    ids = [line.split("\t")[0].strip() for line in read_lines(folder / IDS)]
    lines = {lang: read_lines(folder / name) for lang, name in FILES.items()}
    runs, start = [], 0
    for i in range(1, len(ids) + 1):
        if i == len(ids) or ids[i] != ids[start]:
            runs.append((ids[start], start, i))
            start = i
    if limit:
        runs = runs[:limit]
    docs = []
    for k, (doc_id, a, b) in enumerate(runs):
        name = f"{k:03d}-" + re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id)[:60]
        d = out / name
        d.mkdir(parents=True)
        (d / "document.toml").write_text(
            f'title = "NTREX-128 newstest2019 document {doc_id}"\n'
            'source = "NTREX-128 (news test set of WMT 2019, English and human translations), '
            'read from ../shared/bench/ntrex128_en_ru_hy"\n', encoding="utf-8")
        for lang in ("en", "ru", "hy"):
            (d / f"{lang}.txt").write_text("\n\n".join(lines[lang][a:b]) + "\n", encoding="utf-8")
            role = "archival-original" if lang == "en" else "published-translation"
            (d / f"{lang}.toml").write_text(
                f'language = "{lang}"\nrole = "{role}"\ntitle = "{doc_id} ({lang})"\n'
                'source = "NTREX-128"\n', encoding="utf-8")
        docs.append((name, b - a))
    return docs


def line_owner(segments, text: str) -> list[int]:
    """The line (paragraph) each stored segment comes from, by its start offset."""
    starts, pos = [], 0
    for line in text.split("\n\n"):
        starts.append(pos)
        pos += len(line) + 2
    return [bisect.bisect_right(starts, s.start) - 1 for s in segments]


def score_store(texts: Path, alignments: Path, docs: list[tuple[str, int]]) -> dict[str, dict[str, float]]:
    sys.path.insert(0, str(ROOT / "src"))
    from align import store
    from align.evaluate import score
    out = {}
    for lang in PAIRS:
        golds, tests = [], []
        for name, n in docs:
            a = store.load(alignments / name / f"en__{lang}.json").alignment
            so = line_owner(a.src_segments, (texts / name / "en.txt").read_text(encoding="utf-8"))
            to = line_owner(a.tgt_segments, (texts / name / f"{lang}.txt").read_text(encoding="utf-8"))
            tests.append(line_beads([(b.src, b.tgt) for b in a.beads], so, to))
            golds.append([((k,), (k,)) for k in range(n)])
        s = score(golds, tests)
        out[f"en-{lang}"] = {"strict_f1": round(s.strict_f1, 4), "lax_f1": round(s.lax_f1, 4)}
    return out


def timed_run(args: list[str], env: dict[str, str]) -> tuple[float, float, dict]:
    """Run ``align run``; returns wall seconds, peak RSS (MB) of its process tree, its JSON."""
    import psutil
    t0 = time.perf_counter()
    out_file, err_file = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")  # a pipe would fill and block
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from align.cli import main; sys.exit(main())",
                             *args], env=env, stdout=out_file, stderr=err_file, text=True)
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            procs = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    out_file.seek(0)
    err_file.seek(0)
    out, err = out_file.read(), err_file.read()
    try:
        data = json.loads(out)
    except json.JSONDecodeError:
        raise SystemExit(f"align run failed (exit {proc.returncode}, no JSON):\n{err[-3000:]}") from None
    return wall, peak / 2**20, data


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--workdir", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--limit-docs", type=int, default=0, metavar="N", help="only the first N documents")
    ap.add_argument("--runs", default=",".join(RUNS), help=f"comma-separated subset of {', '.join(RUNS)}")
    ap.add_argument("--json", action="store_true", help="also print one JSON line per run")
    args = ap.parse_args(argv)
    folder = args.bench / "ntrex128_en_ru_hy"
    if not all((folder / f).is_file() for f in (IDS, *FILES.values())):
        return skip(f"NTREX-128 data not found in {folder}; nothing to measure.")
    runs = [r.strip() for r in args.runs.split(",") if r.strip()]
    unknown = set(runs) - set(RUNS)
    if unknown:
        ap.error(f"unknown run(s) {', '.join(sorted(unknown))}")

    work = args.workdir or Path(tempfile.mkdtemp(prefix="align-collection-"))
    texts = work / "texts"
    if texts.exists():
        shutil.rmtree(texts)
    docs = build_collection(folder, texts, args.limit_docs)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "OMP_NUM_THREADS": "1",
           "PYTHONPATH": str(ROOT / "src")}
    print(f"collection: {len(docs)} documents, {2 * len(docs)} pairs, {sum(n for _, n in docs)} English lines; "
          f"scratch folder {work}; OMP_NUM_THREADS=1 in every process; {os.cpu_count()} cores\n")
    print("| run | workers | pairs aligned | unchanged | wall s | documents/min | texts embedded | "
          "texts asked | peak memory MB | en–ru strict / lax F1 | en–hy strict / lax F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    plan = {"serial": ("serial", "1", "cache-serial"), "dask-2": ("dask-2", "2", "cache-dask"),
            "rerun": ("dask-2", "2", "cache-dask"), "warm-cache": ("warm", "2", "cache-dask")}
    for name in runs:
        store_name, workers, cache = plan[name]
        alignments = work / f"alignments-{store_name}"
        if name in ("serial", "dask-2", "warm-cache"):
            shutil.rmtree(alignments, ignore_errors=True)
        if name in ("serial", "dask-2"):
            shutil.rmtree(work / cache, ignore_errors=True)
        wall, peak, data = timed_run(["run", str(texts), "--alignments", str(alignments), "--workers", workers,
                                      "--cache-dir", str(work / cache), "--report",
                                      str(alignments / "report.html"), "--json"], env)
        t = data["totals"]
        f1 = score_store(texts, alignments, docs)
        row = {"run": name, "workers": int(workers), "executor": data["executor"], "aligned": t["aligned"],
               "unchanged": t["unchanged"], "failed": t["failed"] + t["failed_documents"],
               "wall_s": round(wall, 1), "docs_per_min": round(len(docs) / wall * 60, 1),
               "embedded": t["embedded"], "requested": t["requested"], "peak_mb": round(peak),
               "f1": f1, "model": data["model"]}
        print(f"| {name} | {workers} | {t['aligned']} | {t['unchanged']} | {row['wall_s']} | {row['docs_per_min']} | "
              f"{t['embedded']:,} | {t['requested']:,} | {row['peak_mb']:,} | "
              f"{f1['en-ru']['strict_f1']:.3f} / {f1['en-ru']['lax_f1']:.3f} | "
              f"{f1['en-hy']['strict_f1']:.3f} / {f1['en-hy']['lax_f1']:.3f} |", flush=True)
        if args.json:
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
