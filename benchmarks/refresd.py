"""REFreSD en–fr: does the divergence score rank pairs people call divergent above equivalent ones?

REFreSD (Briakou & Carpuat 2020; ``../shared/bench/refresd_en_fr``) holds
1,039 English–French WikiMatrix sentence pairs, each labelled by three
annotators *no meaning difference* (369), *some meaning difference* (418) or
*unrelated* (252).  Every pair is scored alone, as a one-bead alignment with
the bundled model's reference calibration (what a user scoring one pair gets):
cosine of the bundled e5's embeddings (cached on disk) and
:func:`align.divergence.score_pair` with the encoder for the names check.

The pairs are split in two halves by a hash of the English sentence:
``tune`` (the half ``benchmarks/fit_divergence.py`` may fit on) and
``heldout`` (never fitted on).  Printed as markdown, per split:

1. ROC-AUC, divergent (some difference or unrelated) against equivalent, of
   the combined score, of cosine alone (1 − cos) and of each component;
   also some-difference against equivalent (the hard case);
2. the share of pairs of each label flagged at the review threshold;
3. on "no meaning difference" pairs, how often each component alone reaches
   0.5 (the issue's "numbers fires on 22%").

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/refresd.py                  # both splits
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/refresd.py --split heldout --json

The data stay in ``../shared/bench/refresd_en_fr`` (MIT; the sentences are
Wikipedia text, CC BY-SA); nothing is copied into the repository.  A missing
folder prints ``skipping: …`` and exits 0.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, code_version, machine, pct, skip  # noqa: E402  (also puts src/ on the path)
from align.divergence import DEFAULT_REVIEW_THRESHOLD, FEATURES  # noqa: E402
from align.divergence.fitting import auc  # noqa: E402

FOLDER = Path("refresd_en_fr")
FILE = "REFreSD_sentence_labels.tsv"
LABELS = ("no_meaning_difference", "some_meaning_difference", "unrelated")
SPLITS = ("tune", "heldout")
#: The components a pair may carry, for the per-component columns.
COMPONENT_NAMES = ("meaning", "numbers", "names", "untranslated", "length", "negation", "antonym", "question",
                   "gender", "tense")


@dataclass(frozen=True)
class Pair:
    """One REFreSD row: English, French, the 3-way label, and its split."""

    en: str
    fr: str
    label: str
    split: str

    @property
    def divergent(self) -> int:
        return int(self.label != "no_meaning_difference")


def split_of(en: str) -> str:
    """``tune`` or ``heldout``, by the parity of a hash of the English sentence (stable across runs)."""
    return SPLITS[hashlib.sha1(en.encode("utf-8")).digest()[0] % 2]


def load(folder: Path) -> list[Pair]:
    """Every row of the sentence-label file (tab-separated, no quoting: the text holds bare quotes)."""
    out = []
    with (folder / FILE).open(encoding="utf-8", newline="") as fh:
        for n, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)):
            if n == 0 or len(row) < 4:
                continue
            out.append(Pair(row[2].strip(), row[3].strip(), row[1].strip(), split_of(row[2].strip())))
    return out


def similarities(pairs: list[Pair], encoder) -> list[float]:
    texts = sorted({t for p in pairs for t in (p.en, p.fr)})
    vecs = dict(zip(texts, encoder.encode(texts)))
    return [float(np.dot(vecs[p.en], vecs[p.fr])) for p in pairs]


def score_all(pairs: list[Pair], encoder, model=None) -> list[tuple[float, dict[str, float], dict[str, float]]]:
    """(score, component values, features) of every pair, scored alone."""
    from align.divergence.calibration import Calibration
    from align.divergence.combine import combine, features_of, findings
    from align.divergence.components import Pair
    from align.divergence.namecheck import NameCheck
    from align.divergence.tokens import SideText
    sims = similarities(pairs, encoder)
    check = NameCheck(encoder, budget=10**6)
    cal = Calibration.reference(encoder.identity, "en", "fr")
    out = []
    for p, s in zip(pairs, sims):
        found = findings(Pair(SideText(p.en, "en"), SideText(p.fr, "fr"), s, cal, None, check))
        d = combine(found, model)
        out.append((d.score, dict(d.components), features_of(found)))
    return out


def table(pairs: list[Pair], scored, sims: list[float], thr: float) -> dict[str, object]:
    labels = [p.divergent for p in pairs]
    some = [i for i, p in enumerate(pairs) if p.label != "unrelated"]
    rec: dict[str, object] = {"n": len(pairs), "labels": {k: sum(p.label == k for p in pairs) for k in LABELS}}
    rec["auc"] = auc([s for s, _, _ in scored], labels)
    rec["auc_some"] = auc([scored[i][0] for i in some], [labels[i] for i in some])
    rec["auc_cosine"] = auc([1 - s for s in sims], labels)
    rec["auc_cosine_some"] = auc([1 - sims[i] for i in some], [labels[i] for i in some])
    rec["auc_component"] = {c: auc([comps.get(c, 0.0) for _, comps, _ in scored], labels) for c in COMPONENT_NAMES}
    rec["flagged"] = {k: (sum(s >= thr for (s, _, _), p in zip(scored, pairs) if p.label == k)
                          / max(1, sum(p.label == k for p in pairs))) for k in LABELS}
    equivalent = [comps for (_, comps, _), p in zip(scored, pairs) if not p.divergent]
    rec["component_fires_on_equivalent"] = {c: sum(comps.get(c, 0.0) >= 0.5 for comps in equivalent)
                                            / max(1, len(equivalent)) for c in COMPONENT_NAMES}
    return rec


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH,
                    help=f"the shared benchmark folder (default: {DEFAULT_BENCH})")
    ap.add_argument("--split", choices=(*SPLITS, "all", "both"), default="both",
                    help="tune, heldout, all (one row), or both (a row each, default)")
    ap.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: the user cache)")
    ap.add_argument("--model", default=None, help="encoder (default: the bundled e5)")
    ap.add_argument("--weights", type=Path, default=None, help="a weights file (default: the shipped weights)")
    ap.add_argument("--threshold", type=float, default=DEFAULT_REVIEW_THRESHOLD)
    ap.add_argument("--json", action="store_true", help="also print one JSON line with every number")
    args = ap.parse_args(argv)

    folder = args.bench / FOLDER
    if not (folder / FILE).is_file():
        return skip(f"REFreSD not found at {folder}")
    from align.divergence.model import Model
    from align.pipeline import resolve_encoder
    pairs = load(folder)
    enc = resolve_encoder(args.model, cache=True, cache_dir=args.cache_dir)
    model = Model.load(args.weights)
    t0 = time.perf_counter()
    scored = score_all(pairs, enc, model)
    sims = similarities(pairs, enc)
    seconds = time.perf_counter() - t0
    groups = {"both": SPLITS, "all": ("all",)}.get(args.split, (args.split,))
    record: dict[str, object] = {"benchmark": "refresd", "model": enc.identity, "threshold": args.threshold,
                                 "weights": str(args.weights or "shipped"), "splits": {}}
    print(f"# REFreSD en–fr ({len(pairs)} pairs; model `{enc.identity}`; threshold {args.threshold}; "
          f"scored in {seconds:.1f} s)\n")
    rows = {}
    for g in groups:
        idx = [i for i, p in enumerate(pairs) if g == "all" or p.split == g]
        rows[g] = table([pairs[i] for i in idx], [scored[i] for i in idx], [sims[i] for i in idx], args.threshold)
    record["splits"] = rows
    print("| split | pairs | AUC divergence | AUC 1 − cos | AUC some-difference (divergence / 1 − cos) | "
          + " | ".join(f"AUC {c}" for c in COMPONENT_NAMES) + " |")
    print("|---|---|---|---|---|" + "---|" * len(COMPONENT_NAMES))
    for g, r in rows.items():
        print(f"| {g} | {r['n']} | {r['auc']:.3f} | {r['auc_cosine']:.3f} | {r['auc_some']:.3f} / "
              f"{r['auc_cosine_some']:.3f} | " + " | ".join(f"{r['auc_component'][c]:.3f}" for c in COMPONENT_NAMES)
              + " |")
    print(f"\nFlagged at {args.threshold} (% of each label):\n")
    print("| split | " + " | ".join(LABELS) + " |")
    print("|---|" + "---|" * len(LABELS))
    for g, r in rows.items():
        print(f"| {g} | " + " | ".join(f"{pct(r['flagged'][k])} ({r['labels'][k]})" for k in LABELS) + " |")
    print("\nOn \"no meaning difference\" pairs, % where the component alone is ≥ 0.5:\n")
    print("| split | " + " | ".join(COMPONENT_NAMES) + " |")
    print("|---|" + "---|" * len(COMPONENT_NAMES))
    for g, r in rows.items():
        print(f"| {g} | " + " | ".join(pct(r["component_fires_on_equivalent"][c]) for c in COMPONENT_NAMES) + " |")
    if args.json:
        record.update(code=code_version(), machine=machine(), features=list(FEATURES))
        print(json.dumps(record, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
