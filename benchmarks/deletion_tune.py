"""The encoder's deletion test at several thresholds: critical edits it floors against faithful lines it floors.

Every pair is scored alone, as ``benchmarks/demetr.py`` and ``benchmarks/floors.py`` score them (the bundled
model's reference calibration, the names check), and the deletion test (:mod:`align.divergence.deletion`)
planned as for an alignment of one bead (:data:`~align.divergence.deletion.LEAST_BUDGET` texts).  Each tested
word is measured once and weighed (:func:`~align.divergence.deletion.evidence`, a log-odds); each threshold then
only counts:

- DEMETR ru→en critical edits flagged (pooled over every critical type and per type) and unedited controls
  flagged, on the items with ``--ids`` (even: where the threshold is chosen; odd: held out);
- NTREX-128 en–ru and en–hy lines flagged on top of today's, on the documents at ``--ids`` positions in
  ``DOCUMENT_IDS.tsv`` (en–hy has no dictionary, so no lexical marks and no test: printed to show it).

``--fit`` refits the evidence's weights (:data:`~align.divergence.deletion.WEIGHTS`) on the tested sides of the
pairs the weights alone leave below the threshold: DEMETR's removals (noun, verb, adjective or adverb, subject,
named entity), additions and antonyms against the unedited controls and the NTREX en–ru lines; a logistic
regression, classes weighted to balance, an L2 penalty of one half on the weights; it prints them to paste into
``deletion.py``.  Fit on ``--ids even`` only.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/deletion_tune.py --ids even --fit   # fit and choose here
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/deletion_tune.py --ids odd          # report here

The first run embeds about 3,600 deleted texts per half (four minutes on one core); later runs read the cache.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, skip  # noqa: E402  (also puts src/ on the path)
from demetr import DEMETR, NTREX  # noqa: E402
from demetr import load as load_demetr  # noqa: E402

THRESHOLDS = (1.0, 1.25, 1.5, 1.75, 2.0, 2.5)
#: The edits the weights are fitted to find (``--fit``): those the lexical component's words can explain.
FITTED = ("noun_removed", "verb_removed", "adj_adv_removed", "subj_removed", "ne_removed", "addition", "antonym")
FEATURES = ("closed", "similarity", "lexical", "words", "source")


def fit(rows: list[list[float]], labels: list[int], iterations: int = 50):
    """Logistic regression by Newton's method: classes weighted to balance, ½‖w‖² on the weights (not the
    intercept).  Returns (weights, intercept)."""
    import numpy as np
    x = np.hstack([np.asarray(rows, dtype=float), np.ones((len(rows), 1))])
    y = np.asarray(labels, dtype=float)
    weight = np.where(y == 1, len(y) / (2 * y.sum()), len(y) / (2 * (len(y) - y.sum())))
    penalty = np.eye(x.shape[1])
    penalty[-1, -1] = 0.0
    beta = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-(x @ beta)))
        grad = x.T @ (weight * (p - y)) + penalty @ beta
        hess = (x * (weight * p * (1 - p))[:, None]).T @ x + penalty
        beta -= np.linalg.solve(hess, grad)
    return beta[:-1], beta[-1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help=f"shared benchmark folder ({DEFAULT_BENCH})")
    ap.add_argument("--ids", choices=("even", "odd", "all"), default="even",
                    help="DEMETR items and NTREX documents (default: even, where the threshold is chosen)")
    ap.add_argument("--thresholds", type=float, nargs="*", default=list(THRESHOLDS))
    ap.add_argument("--fit", action="store_true", help="refit the evidence's weights on these ids and print them")
    args = ap.parse_args(argv)
    if not (args.bench / DEMETR).is_dir() or not (args.bench / NTREX).is_dir():
        return skip("DEMETR or NTREX-128 not found")
    from align.divergence import DEFAULT_REVIEW_THRESHOLD, deletion
    from align.divergence.calibration import Calibration
    from align.divergence.combine import _score, findings
    from align.divergence.components import Pair
    from align.divergence.model import shipped
    from align.divergence.namecheck import NameCheck
    from align.divergence.tokens import SideText
    from align.pipeline import resolve_encoder
    enc = resolve_encoder(None, cache=True)
    check = NameCheck(enc, budget=10**6)
    model = shipped()
    thr = DEFAULT_REVIEW_THRESHOLD

    pairs: list[tuple[str, str, str, str, str]] = []  # (kind, source, target, source language, target language)
    seen: set[int] = set()
    for name, items in load_demetr(args.bench / DEMETR, 0, args.ids).items():
        if not name.startswith("critical"):
            continue
        kind = name.split("_", 2)[2].split(".")[0]
        for d in items:
            if d["id"] not in seen:
                seen.add(d["id"])
                pairs.append(("control", d["src_sent"], d["mt_sent"], "ru", "en"))
            if d["pert_sent"].strip():
                pairs.append((kind, d["src_sent"], d["pert_sent"], "ru", "en"))
    folder = args.bench / NTREX
    files = (("en", "newstest2019-src.eng.txt"), ("ru", "newstest2019-ref.rus.txt"), ("hy", "newstest2019-ref.hye.txt"))
    lines = {k: (folder / f).read_text(encoding="utf-8").splitlines() for k, f in files}
    docs = [row.split("\t")[0] for row in (folder / "DOCUMENT_IDS.tsv").read_text(encoding="utf-8").splitlines()]
    order = list(dict.fromkeys(docs))
    for i, doc in enumerate(docs):
        if args.ids == "all" or order.index(doc) % 2 == (args.ids == "odd"):
            for other in ("ru", "hy"):
                pairs.append((f"NTREX en–{other}", lines["en"][i], lines[other][i], "en", other))

    texts = list(dict.fromkeys(t for p in pairs for t in p[1:3]))
    vecs = dict(zip(texts, enc.encode(texts)))
    # plan against the lowest threshold of the table, so that each row counts what that threshold would test; a fit
    # sees every side (the reach depends on the weights being fitted)
    deletion.THRESHOLD = min(args.thresholds) if args.thresholds else deletion.THRESHOLD
    if args.fit:
        deletion.REACH = 1e9
    flagged: list[bool] = []
    words: list[deletion.Word] = []
    for k, (_kind, src, tgt, sl, tl) in enumerate(pairs):
        cal = Calibration.reference(enc.identity, sl, tl)
        sim = float(vecs[src] @ vecs[tgt])
        found = findings(Pair(SideText(src, sl), SideText(tgt, tl), sim, cal, None, check))
        score = _score(found, model)
        flagged.append(score >= thr)
        words += deletion.plan([(k, found, src, tgt, score, sim)], deletion.LEAST_BUDGET)
    measured = deletion.measure(words, enc)
    if args.fit:
        sides: dict[tuple[int, str], list[float]] = {}
        for w, (delta, similarity) in zip(words, measured):
            row = [deletion.closed(delta, similarity), similarity, w.lexical, float(w.words), float(w.side == "source")]
            if (w.bead, w.side) not in sides or row[0] > sides[w.bead, w.side][0]:
                sides[w.bead, w.side] = row
        keep = [(k, row) for k, row in sides.items() if pairs[k[0]][0] in FITTED + ("control", "NTREX en–ru")]
        weights, intercept = fit([row for _, row in keep], [int(pairs[k[0]][0] in FITTED) for k, _ in keep])
        print("fitted on", len(keep), "tested sides:", {f: round(float(v), 2) for f, v in zip(FEATURES, weights)},
              "intercept", round(float(intercept), 2), "\n")
        deletion.WEIGHTS = {f: float(v) for f, v in zip(FEATURES, weights)}
        deletion.INTERCEPT = float(intercept)
    best: dict[int, float] = defaultdict(lambda: float("-inf"))
    for w, (delta, similarity) in zip(words, measured):
        best[w.bead] = max(best[w.bead], deletion.evidence(delta, similarity, w.lexical, w.words, w.side == "source"))

    kinds = sorted({p[0] for p in pairs})
    crit = [k for k in kinds if k != "control" and not k.startswith("NTREX")]
    print(f"# The deletion test at several thresholds (ids {args.ids}; tested beads: {len(best)}, "
          f"deleted texts: {len(words)})\n")
    print("| threshold | NTREX en–ru + | NTREX en–hy + | controls | critical pooled | " + " | ".join(crit) + " |")
    print("|---|---|---|---|---|" + "---|" * len(crit))
    for t in [None, *args.thresholds]:
        def hit(k: int, t: float | None = t) -> bool:
            return flagged[k] or (t is not None and best.get(k, float("-inf")) >= t)

        by: dict[str, list[bool]] = defaultdict(list)
        extra: dict[str, int] = defaultdict(int)
        for k, p in enumerate(pairs):
            by[p[0]].append(hit(k))
            extra[p[0]] += hit(k) and not flagged[k]
        pooled = sum(sum(by[c]) for c in crit) / sum(len(by[c]) for c in crit)
        ctrl = by["control"]
        cells = [f"{'today' if t is None else f'{t:.2f}'}", f"{extra['NTREX en–ru']} of {len(by['NTREX en–ru'])}",
                 f"{extra['NTREX en–hy']}", f"{sum(ctrl)} of {len(ctrl)}", f"{100 * pooled:.1f}"]
        cells += [f"{100 * sum(by[c]) / len(by[c]):.0f}" for c in crit]
        print("| " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
