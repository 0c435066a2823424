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
   best line through these signals for those very pairs), with the NTREX-128 lines that threshold flags;
3. the same with NTREX-128's lines as faithful examples in the fit, at the lowest threshold that keeps both caps
   (2 controls, 8% of NTREX-128 en–ru and en–hy).

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
#: The share of NTREX-128's lines a threshold may flag (#19/#20).
NTREX_CAP = 0.08
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

    def labelled(g: dict[str, list[dict]], with_ntrex: bool) -> tuple[np.ndarray, np.ndarray]:
        negative = g["control"] + (g["ntrex_en_ru"] + g["ntrex_en_hy"] if with_ntrex else [])
        return matrix(negative + g["critical"]), np.array([0] * len(negative) + [1] * len(g["critical"]))

    controls_r = matrix(report["control"])
    standard = matrix(tune["control"] + tune["critical"])  # every fit's features standardised on the tuning half
    mean, std = standard.mean(axis=0), standard.std(axis=0) + 1e-9
    edits_r = matrix(report["critical"])
    nt = {k: matrix(report[k]) for k in ("ntrex_en_ru", "ntrex_en_hy")}
    for with_ntrex in (False, True):
        if not with_ntrex:
            print(f"\nheld-out half: critical edits flagged at a threshold that flags at most {ALLOWED} of its "
                  f"{len(controls_r)} controls (signals: {', '.join(keys)}, the shipped score)\n")
        else:
            print(f"\nthe same, fitted with NTREX-128's lines as faithful examples too, at the lowest threshold "
                  f"that flags at most {ALLOWED} controls and at most {100 * NTREX_CAP:.0f}% of NTREX-128's "
                  "en–ru and en–hy lines (#19/#20's caps together)\n")
        print("| combination | critical edits flagged | NTREX-128 en–ru lines flagged | en–hy |")
        print("|---|---|---|---|")
        candidates: list[tuple[str, tuple[np.ndarray, float] | None]] = [("the shipped score", None)]
        for name, half in (("logistic, fitted on the tuning half", tune),
                           ("logistic, fitted on the held-out half itself (optimistic bound)", report)):
            x, y = labelled(half, with_ntrex)
            w, b = fit(((x - mean) / std).tolist(), y.tolist())
            candidates.append((name, (np.asarray(w), float(b))))
        for name, model in candidates:
            def score(x: np.ndarray, model: tuple[np.ndarray, float] | None = model) -> np.ndarray:
                return x[:, -1] if model is None else (x - mean) / std @ model[0] + model[1]
            edits, controls = score(edits_r), np.sort(score(controls_r))[::-1]
            ntrex = {k: score(v) for k, v in nt.items()}
            threshold = float(controls[ALLOWED])  # strictly above the first control past the allowance
            if with_ntrex:
                for v in ntrex.values():  # ... and above the line past NTREX's cap
                    if len(v):
                        threshold = max(threshold, float(np.sort(v)[::-1][int(NTREX_CAP * len(v))]))
            cells = [name, f"{100 * float((edits > threshold).mean()):.1f}%",
                     *(f"{100 * float((v > threshold).mean()) if len(v) else 0.0:.1f}%" for v in ntrex.values())]
            print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
