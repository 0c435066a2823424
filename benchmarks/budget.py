"""Spending NTREX-128's room: DEMETR critical edits flagged against NTREX lines flagged, one setting at a time.

NTREX-128 en–ru lines flagged alone are capped at 8% (#19/#20); the word-level floors that would flag more
of DEMETR's critical edits also flag faithful lines.  This script scores, with the module constants given by
``--set`` changed (``deletion.THRESHOLD=1.75``, ``wordorder.GAP_NEAR=0.5``; modules of ``align.divergence``),
every pair alone, as ``demetr.py`` and ``floors.py`` score them:

- DEMETR ru→en items with ``--ids`` ids: unedited controls flagged, critical edits flagged (pooled and the
  word-level types), critical wins (the edit scoring above its control; ties fail), pooled and for noun, verb
  and adjective or adverb removals;
- NTREX-128 en–ru and en–hy lines flagged, on the documents at ``--ids`` positions of ``DOCUMENT_IDS.tsv``
  (``all``: every line).

It prints one JSON line (``--label`` names it), so that settings can be compared row by row; each setting
runs in its own process (some of the scorer's helpers cache what they compute).

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/budget.py --ids even --label main
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/budget.py --ids even --label del1.75 --set deletion.THRESHOLD=1.75
"""
from __future__ import annotations

import argparse
import importlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, skip  # noqa: E402  (also puts src/ on the path)
from demetr import DEMETR, NTREX, SCORING_OPTIONS, score_one, score_one_pair  # noqa: E402
from demetr import load as load_demetr  # noqa: E402

#: The critical types whose wins #19 names (each ≥ 85%).
WIN_TYPES = ("noun_removed", "verb_removed", "adj_adv_removed")


def override(setting: str) -> tuple[str, float]:
    """Set ``module.NAME=value`` in ``align.divergence.module``; returns (name, value)."""
    name, _, value = setting.partition("=")
    module, _, const = name.rpartition(".")
    mod = importlib.import_module(f"align.divergence.{module}")
    if not hasattr(mod, const):
        raise SystemExit(f"budget.py: align.divergence.{module} has no {const}")
    setattr(mod, const, type(getattr(mod, const))(float(value)))
    return name, float(value)


def kind(name: str) -> str:
    """``critical_id7_noun_removed`` → ``noun_removed``."""
    return name.split("_", 2)[2] if name.count("_") >= 2 else name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--ids", choices=("all", "even", "odd"), default="even")
    ap.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE")
    ap.add_argument("--label", default="")
    ap.add_argument("--examples", action="store_true", help="also list the NTREX lines flagged (to diff settings)")
    ap.add_argument("--dump", type=Path, help="write every pair's score and components as JSONL (to sweep a floor)")
    ap.add_argument("--cache-dir", type=Path, default=None)
    args = ap.parse_args(argv)
    settings = dict(override(s) for s in args.set)
    folder = args.bench / DEMETR
    if not folder.is_dir():
        return skip(f"DEMETR not found at {folder}")
    from align.divergence import DEFAULT_REVIEW_THRESHOLD as thr
    from align.divergence.namecheck import NameCheck
    from align.embed import get_encoder
    from align.embed.cache import CachedEncoder
    enc = CachedEncoder(get_encoder(None), args.cache_dir)
    SCORING_OPTIONS["encoder"] = NameCheck(enc, budget=10**6)
    data = {name: items for name, items in load_demetr(folder, 0, args.ids).items() if not name.startswith("base")}
    texts = sorted({t for items in data.values() for d in items
                    for t in (d["src_sent"], d["mt_sent"], d["pert_sent"]) if t.strip()})
    vecs = dict(zip(texts, enc.encode(texts)))

    def cos(a: str, b: str) -> float | None:
        return float(vecs[a] @ vecs[b]) if a.strip() and b.strip() else None

    dump = args.dump.open("w", encoding="utf-8") if args.dump else None

    def write(kind_: str, key: object, dv) -> None:
        if dump:
            dump.write(json.dumps({"type": kind_, "id": key, "score": dv.score, "components": dict(dv.components)},
                                  ensure_ascii=False) + "\n")

    controls: dict[int, float] = {}
    flagged: Counter[str] = Counter()
    wins: Counter[str] = Counter()
    n: Counter[str] = Counter()
    for name, items in data.items():
        for d in items:
            if d["id"] not in controls:
                dv = score_one(d["src_sent"], d["mt_sent"], cos(d["src_sent"], d["mt_sent"]), enc.identity)
                controls[d["id"]] = dv.score
                write("control", d["id"], dv)
            dv = score_one(d["src_sent"], d["pert_sent"], cos(d["src_sent"], d["pert_sent"]), enc.identity)
            write(name, d["id"], dv)
            score = dv.score
            k = kind(name) if name.startswith("critical") else name
            n[k] += 1
            flagged[k] += score >= thr
            wins[k] += score > controls[d["id"]]
    crit = [k for k in n if not k.startswith(("major", "minor"))]
    pooled = (sum(flagged[k] for k in crit), sum(wins[k] for k in crit), sum(n[k] for k in crit))
    out: dict[str, object] = {"label": args.label, "ids": args.ids, "settings": settings,
                              "controls": sum(v >= thr for v in controls.values()), "control_n": len(controls),
                              "critical_pooled": round(100 * pooled[0] / pooled[2], 1),
                              "critical_wins": round(100 * pooled[1] / pooled[2], 1),
                              "wins": {k: round(100 * wins[k] / n[k], 1) for k in WIN_TYPES},
                              "flagged": {k: flagged[k] for k in sorted(n)}, "n": dict(sorted(n.items()))}
    nt = args.bench / NTREX
    if nt.is_dir():
        files = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "hy": "newstest2019-ref.hye.txt"}
        lines = {k: (nt / f).read_text(encoding="utf-8").splitlines() for k, f in files.items()}
        docs = [row.split("\t")[0] for row in (nt / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
        order = {doc: i for i, doc in enumerate(dict.fromkeys(docs))}
        keep = [i for i, doc in enumerate(docs) if args.ids == "all" or order[doc] % 2 == (args.ids == "odd")]
        vec = {k: enc.encode([lines[k][i] for i in keep]) for k in lines}
        for other in ("ru", "hy"):
            sims = (vec["en"] * vec[other]).sum(axis=1)
            hit = []
            for i, s in zip(keep, sims):
                dv = score_one_pair(lines["en"][i], lines[other][i], float(s), "en", other, enc.identity)
                write(f"ntrex_en_{other}", i, dv)
                if dv.score >= thr:
                    hit.append(i)
            out[f"ntrex_en_{other}"] = len(hit)
            if args.examples:
                out[f"ntrex_en_{other}_lines"] = hit
        out["ntrex_n"] = len(keep)
    if dump:
        dump.close()
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
