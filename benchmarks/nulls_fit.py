"""Fit the null-bead pass's evidence weights (``align.aligner.nulls.WEIGHTS``) on labelled data.

The pass (:mod:`align.aligner.nulls`) measures, for every sentence on a merged
side of the first search's beads, a few features (fit, gain, length, foreign,
rest fit, paragraph, weak boundary; see :class:`~align.aligner.nulls.MemberEvidence`).
This script aligns the tuning documents with the current settings, reads those
measurements back (``AlignStats.evidence``), labels each one with the gold (does
the sentence, or for NTREX its line, have no counterpart?), and fits a logistic
regression by iteratively reweighted least squares with a small ridge penalty
(numpy only).  It prints the weights, the training data's base rate (which
becomes ``nulls.BASE_RATE``), and, per data set, how many members the pooled
evidence and the per-document posterior (:func:`~align.aligner.nulls.document_prior`)
would reach a few thresholds.

Data sets (``--train`` and ``--report``, comma-separated):

- ``tbdev``: Text+Berg de–fr dev (never test);
- ``arch-tune``, ``arch-heldout``: the archival dev set, both pairs;
- ``ntrex-<pair>-<variant>[-even|-odd]``, e.g. ``ntrex-ru-nulls-even``: NTREX-128 with
  ``benchmarks/ntrex.py``'s edits, the documents of even (odd) position only.

Usage::

    OMP_NUM_THREADS=1 python benchmarks/nulls_fit.py
    OMP_NUM_THREADS=1 python benchmarks/nulls_fit.py --train tbdev,arch-tune --report tbdev,arch-heldout

The weights in ``nulls.py`` are this script's output, rounded.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, make_encoder, read_lines  # also puts src/ on the path

TRAIN = "tbdev,arch-tune,ntrex-ru-nulls-even,ntrex-hy-nulls-even,ntrex-ru-perturbed-even"
REPORT = "tbdev,arch-tune,arch-heldout,ntrex-ru-nulls-odd,ntrex-hy-nulls-odd,ntrex-ru-perturbed-odd"
FEATURES = ("misfit", "gain", "length", "foreign", "rest", "para", "weak", "aside")


def _nulls_of(gold) -> set[tuple[int, int]]:
    return ({(0, i) for s, t in gold if s and not t for i in s} | {(1, j) for s, t in gold if t and not s for j in t})


def documents(name: str, bench: Path):
    """(doc id, source sentences, target sentences, paragraphs, gold null sentences) of one data set."""
    if name == "tbdev":
        from align.evaluate import read_beads
        folder = bench / "textberg_de_fr" / "vecalign_format"
        gold = read_beads(folder / "dev.defr")
        yield "tbdev", read_lines(folder / "dev.de"), read_lines(folder / "dev.fr"), (None, None), _nulls_of(gold)
    elif name.startswith("arch-"):
        import archival as ar
        from _archival import load_devset, pair_languages, target_version
        from align.pipeline import read_segments
        for doc in load_devset(ar.DATA, name.split("-", 1)[1]):
            for pair in ("en-ru", "en-hy"):
                s, lang = pair_languages(pair)
                t = target_version(pair)
                ss, ts = ar.segments(doc.versions[s], doc.doc_id, s), ar.segments(doc.versions[t], doc.doc_id, t)
                src = read_segments(ss, ar._reading(doc, s, s, False))
                tgt = read_segments(ts, ar._reading(doc, t, lang, False))
                yield (f"{doc.doc_id}:{pair}", src, tgt, ([x.paragraph for x in ss], [x.paragraph for x in ts]),
                       _nulls_of([g.ids for g in doc.gold[pair]]))
    elif name.startswith("ntrex-"):
        import ntrex as nt
        parts = name.split("-")
        pair, variant = f"en-{parts[1]}", parts[2]
        parity = parts[3] if len(parts) > 3 else ""
        folder = bench / "ntrex128_en_ru_hy"
        docs = nt.documents(folder, parts[1])
        ids = [line.split("\t")[0].strip() for line in read_lines(folder / nt.IDS)]
        langs = {lang: read_lines(folder / f) for lang, f in nt.FILES.items()}
        for k, d in enumerate(docs):
            if (parity == "even" and k % 2) or (parity == "odd" and not k % 2):
                continue
            if variant == "perturbed":
                d = nt.perturb(d)[0]
            elif variant == "nulls":
                d = nt.perturb_nulls(d, nt.foreign_pools(langs, "en", parts[1], d, ids))[0]
            (ss, so), (ts, to) = nt.segment_lines(d.src, "en"), nt.segment_lines(d.tgt, parts[1])
            lines = _nulls_of(d.gold)
            gold = ({(0, i) for i, line in enumerate(so) if (0, line) in lines}
                    | {(1, j) for j, line in enumerate(to) if (1, line) in lines})
            yield (f"{pair}:{variant}:{d.doc_id}", [s.clean for s in ss], [s.clean for s in ts],
                   ([s.paragraph for s in ss], [s.paragraph for s in ts]), gold)
    else:
        raise SystemExit(f"unknown data set {name!r}")


def measurements(name: str, bench: Path, encoder, settings):
    """Per document: the first search's merged-side members (``MemberEvidence``) and their labels."""
    from align.aligner import AlignStats, align_texts_with_encoder, nulls
    out = []
    for doc_id, src, tgt, paras, gold in documents(name, bench):
        stats = AlignStats()
        align_texts_with_encoder(src, tgt, encoder.encode, settings, src_paragraphs=paras[0],
                                 tgt_paragraphs=paras[1], stats=stats)
        rows = [(e, (e.side, e.index) in gold) for e in stats.evidence if isinstance(e, nulls.MemberEvidence)]
        pairs = [(e, (0, e.src) in gold or (1, e.tgt) in gold) for e in stats.evidence
                 if isinstance(e, nulls.PairEvidence)]
        out.append((doc_id, rows, pairs))
    return out


def design(e) -> list[float]:
    return [1.0 - e.fit, e.gain, e.length, float(e.foreign), min(max(e.rest, -1.0), 2.0), float(e.para),
            float(e.weak), float(e.aside)]


def pair_design(e) -> list[float]:
    return [1.0 - e.fit, -e.margin, float(e.foreign)]


def fit_logistic(X: np.ndarray, y: np.ndarray, ridge: float = 1.0, iterations: int = 50) -> np.ndarray:
    """Weights (intercept first) of a logistic regression, by Newton's method with an L2 penalty on the
    non-intercept weights."""
    A = np.hstack([np.ones((len(X), 1)), X])
    w = np.zeros(A.shape[1])
    penalty = np.full(A.shape[1], ridge)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(A @ w, -30, 30)))
        grad = A.T @ (p - y) + penalty * w
        hess = (A * (p * (1 - p))[:, None]).T @ A + np.diag(penalty) + 1e-9 * np.eye(A.shape[1])
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--train", default=TRAIN, help=f"data sets to fit on (default: {TRAIN})")
    ap.add_argument("--report", default=REPORT, help=f"data sets to report on (default: {REPORT})")
    ap.add_argument("--ridge", type=float, default=1.0, help="L2 penalty on the weights (default 1)")
    ap.add_argument("--set", dest="overrides", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--model", default=None)
    ap.add_argument("--prefix", default=None)
    ap.add_argument("--cache-dir", type=Path, default=None)
    args = ap.parse_args(argv)

    from align.aligner import nulls
    from align.aligner.overrides import settings_from
    settings, _ = settings_from(args.overrides)
    encoder = make_encoder(args)
    cache: dict[str, list] = {}

    def data(name: str) -> list:
        if name not in cache:
            cache[name] = measurements(name, args.bench, encoder, settings)
        return cache[name]

    train = [d for name in args.train.split(",") for d in data(name)]
    rows = [r for _, doc, _ in train for r in doc]
    X = np.array([design(e) for e, _ in rows])
    y = np.array([float(g) for _, g in rows])
    w = fit_logistic(X, y, args.ridge)
    base = float(y.mean())
    print(f"trained on {args.train}: {len(rows)} merged-side members, {int(y.sum())} without counterpart "
          f"(BASE_RATE {base:.3f})")
    print("WEIGHTS (intercept, " + ", ".join(FEATURES) + "):")
    print("    (" + ", ".join(f"{v:.2f}" for v in w) + ")")
    prs = [r for _, _, pairs in train for r in pairs]
    Xp = np.array([pair_design(e) for e, _ in prs])
    yp = np.array([float(g) for _, g in prs])
    wp = fit_logistic(Xp, yp, args.ridge)
    pair_base = float(yp.mean())
    print(f"{len(prs)} 1-1 beads, {int(yp.sum())} with a side without counterpart (PAIR_BASE_RATE {pair_base:.3f})")
    print("PAIR_WEIGHTS (intercept, misfit, margin, foreign):")
    print("    (" + ", ".join(f"{v:.2f}" for v in wp) + ")")

    def logistic(weights: np.ndarray, x: list[float]) -> float:
        z = weights[0] + float(np.dot(weights[1:], x))
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    saved = nulls.BASE_RATE, nulls.PAIR_BASE_RATE
    nulls.BASE_RATE, nulls.PAIR_BASE_RATE = base, pair_base
    try:
        print("\nat or above each threshold, correct / wrong (pooled | per-document posterior):")
        for name in args.report.split(","):
            counts: dict[tuple[str, float], list[int]] = {}
            for _, doc, pairs in data(name):
                ps = [logistic(w, design(e)) for e, _ in doc]
                prior = nulls.document_prior(ps, settings.null_prior)
                scored = ([("member", p, nulls.posterior(p, prior), g) for (_, g), p in zip(doc, ps)]
                          + [("pair", p, nulls.pair_posterior(p, prior), g)
                             for p, (_, g) in ((logistic(wp, pair_design(e)), r) for r in pairs for e in (r[0],))])
                for kind, p, q, gold in scored:
                    for th in (0.25, 0.5, 0.75):
                        c = counts.setdefault((kind, th), [0, 0, 0, 0])
                        if p >= th:
                            c[0 if gold else 1] += 1
                        if q >= th:
                            c[2 if gold else 3] += 1
            for kind in ("member", "pair"):
                print(f"  {name} {kind}s: " + "  ".join(f"≥{th}: {c[0]}/{c[1]} | {c[2]}/{c[3]}"
                                                     for (k, th), c in counts.items() if k == kind))
    finally:
        nulls.BASE_RATE, nulls.PAIR_BASE_RATE = saved
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
