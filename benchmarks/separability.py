"""How far the scorer's signals separate DEMETR's critical edits from unedited translations: #19/#20's bound.

#19 and #20 ask for at least 55% (#20: 50%) of DEMETR's critical edits flagged while at most 5% of the unedited
controls are (2 of the 50 on each half of the ids) and at most 8% of NTREX-128's lines.  This script reads two
dumps of ``benchmarks/budget.py --dump`` (every pair's score and component values: ``--tune`` the half where
choices are made, ``--report`` the half held out) and prints:

1. the shipped score at review thresholds from 0.5 down: controls flagged, critical edits flagged, NTREX-128
   en–ru and en–hy lines flagged (the threshold is the one thing a user may move);
2. the most any logistic combination of the same signals (every component's value and the shipped score,
   standardised) reaches on the held-out half at a threshold that flags at most 2 of its 50 controls: fitted on
   the tuning half (what a refit would ship), and fitted on the held-out half itself (an optimistic bound: the
   best line through these signals for those very pairs), with the NTREX-128 lines that threshold flags.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/budget.py --ids even --dump /tmp/even.jsonl
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/budget.py --ids odd --dump /tmp/odd.jsonl
    .venv/bin/python benchmarks/separability.py --tune /tmp/even.jsonl --report /tmp/odd.jsonl
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from deletion_tune import fit  # noqa: E402  (a class-balanced, L2-penalised logistic regression)

#: How many controls of a half a threshold may flag: 5% of 50.
ALLOWED = 2
THRESHOLDS = (0.5, 0.45, 0.4, 0.35, 0.3, 0.25)


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def groups(rows: list[dict]) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {"control": [], "critical": [], "ntrex_en_ru": [], "ntrex_en_hy": []}
    for r in rows:
        kind = "critical" if r["type"].startswith("critical") else r["type"]
        if kind in out:
            out[kind].append(r)
    return out


def share(scores: list[float], threshold: float) -> float:
    return sum(s >= threshold for s in scores) / max(len(scores), 1)


def sweep(name: str, g: dict[str, list[dict]]) -> None:
    print(f"\n{name}: the shipped score at lower review thresholds\n")
    print("| threshold | controls flagged | critical edits flagged | NTREX-128 en–ru | en–hy |")
    print("|---|---|---|---|---|")
    for t in THRESHOLDS:
        c = sum(r["score"] >= t for r in g["control"])
        cells = [f"{t:.2f}", f"{c} of {len(g['control'])}",
                 *(f"{100 * share([r['score'] for r in g[k]], t):.1f}%" for k in ("critical", "ntrex_en_ru",
                                                                                  "ntrex_en_hy"))]
        print("| " + " | ".join(cells) + " |")


def main(argv: list[str] | None = None) -> int:
    import numpy as np
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tune", type=Path, required=True, help="budget.py --dump of the half where choices are made")
    ap.add_argument("--report", type=Path, required=True, help="budget.py --dump of the half held out")
    args = ap.parse_args(argv)
    tune, report = groups(load(args.tune)), groups(load(args.report))
    sweep(f"tuning half ({args.tune.name})", tune)
    sweep(f"held-out half ({args.report.name})", report)
    keys = sorted({k for g in (tune, report) for rows in g.values() for r in rows for k in r["components"]})

    def matrix(rows: list[dict]) -> np.ndarray:
        return np.array([[r["components"].get(k, 0.0) for k in keys] + [r["score"]] for r in rows],
                        dtype=float).reshape(-1, len(keys) + 1)

    def labelled(g: dict[str, list[dict]]) -> tuple[np.ndarray, np.ndarray]:
        x = matrix(g["control"] + g["critical"])
        return x, np.array([0] * len(g["control"]) + [1] * len(g["critical"]))

    xt, yt = labelled(tune)
    xr, yr = labelled(report)
    mean, std = xt.mean(axis=0), xt.std(axis=0) + 1e-9
    print(f"\nheld-out half: critical edits flagged at a threshold that flags at most {ALLOWED} of its "
          f"{int((yr == 0).sum())} controls (signals: {', '.join(keys)}, the shipped score)\n")
    print("| combination | critical edits flagged | NTREX-128 en–ru lines flagged | en–hy |")
    print("|---|---|---|---|")
    nt = {k: (matrix(report[k]) - mean) / std for k in ("ntrex_en_ru", "ntrex_en_hy")}
    candidates = [("the shipped score", None)]
    for name, (x, y) in (("logistic, fitted on the tuning half", (xt, yt)),
                         ("logistic, fitted on the held-out half itself (optimistic bound)", (xr, yr))):
        w, b = fit(((x - mean) / std).tolist(), y.tolist())
        candidates.append((name, (np.asarray(w), float(b))))
    for name, model in candidates:
        if model is None:
            score, ntrex = xr[:, -1], {k: matrix(report[k])[:, -1] for k in nt}
        else:
            w, b = model
            score = (xr - mean) / std @ w + b
            ntrex = {k: v @ w + b for k, v in nt.items()}
        controls = np.sort(score[yr == 0])[::-1]
        threshold = controls[ALLOWED]  # strictly above the first control past the allowance
        flagged = float((score[yr == 1] > threshold).mean())
        cells = [name, f"{100 * flagged:.1f}%",
                 *(f"{100 * float((ntrex[k] > threshold).mean()) if len(ntrex[k]) else 0.0:.1f}%" for k in nt)]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
