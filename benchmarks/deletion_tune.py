"""The encoder's deletion test at several thresholds: critical edits it floors against faithful lines it floors.

Every pair is scored alone, as ``benchmarks/demetr.py`` and ``benchmarks/floors.py`` score them (the bundled
model's reference calibration, the names check), and the deletion test (:mod:`align.divergence.deletion`)
planned as for an alignment of one bead (:data:`~align.divergence.deletion.LEAST_BUDGET` texts).  Each tested
word's statistic is measured once; each threshold then only counts:

- DEMETR ru→en critical edits flagged (pooled over every critical type and per type) and unedited controls
  flagged, on the items with ``--ids`` (even: where the threshold is chosen; odd: held out);
- NTREX-128 en–ru and en–hy lines flagged on top of today's, on the documents at ``--ids`` positions in
  ``DOCUMENT_IDS.tsv`` (en–hy has no dictionary, so no lexical marks and no test: printed to show it).

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/deletion_tune.py --ids even   # choose here
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/deletion_tune.py --ids odd    # report here

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

THRESHOLDS = (0.10, 0.15, 0.20, 0.25, 0.30, 0.40)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help=f"shared benchmark folder ({DEFAULT_BENCH})")
    ap.add_argument("--ids", choices=("even", "odd", "all"), default="even",
                    help="DEMETR items and NTREX documents (default: even, where the threshold is chosen)")
    ap.add_argument("--thresholds", type=float, nargs="*", default=list(THRESHOLDS))
    args = ap.parse_args(argv)
    if not (args.bench / DEMETR).is_dir() or not (args.bench / NTREX).is_dir():
        return skip("DEMETR or NTREX-128 not found")
    from align.divergence import DEFAULT_REVIEW_THRESHOLD, deletion
    from align.divergence.calibration import Calibration
    from align.divergence.combine import features_of, findings
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
    flagged: list[bool] = []
    words: list[deletion.Word] = []
    for k, (_kind, src, tgt, sl, tl) in enumerate(pairs):
        cal = Calibration.reference(enc.identity, sl, tl)
        found = findings(Pair(SideText(src, sl), SideText(tgt, tl), float(vecs[src] @ vecs[tgt]), cal, None, check))
        score = max([model.probability(features_of(found)), *(f.floor for f in found)])
        flagged.append(score >= thr)
        words += deletion.plan([(k, found, src, tgt, score)], deletion.LEAST_BUDGET)
    best: dict[int, float] = defaultdict(lambda: float("-inf"))
    for w, (delta, similarity) in zip(words, deletion.measure(words, enc)):
        best[w.bead] = max(best[w.bead], deletion.statistic(delta, similarity))

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
