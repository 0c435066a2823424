"""How often each floor decides a flag on faithful text: the price of the changed-fact floors (#20).

A *floor* keeps a bead in the review queue whatever the learned weights say
(``Finding.floor``: a person's name replaced, a name or people replaced, a
person's full name dropped, a negation flipped cleanly, a clean antonym, an
ordinary word of the source left untranslated in a translation in another
script, an English side whose words are out of order, a word missing where an English side's grammar shows a
gap and the Russian side a word with no counterpart (``order: word missing``), a count on one side only, a word
with no counterpart whose deletion brings its side closer to the other (the encoder's deletion test:
``deletion: word missing`` from the source, ``deletion: word added`` to the target; ``--no-deletion`` leaves it out);
a partial omission or addition too, which pairs scored alone never have).  Its
cost is the faithful pairs it flags that the weights alone would not.  Every pair is
scored alone, as ``fit_divergence.py`` scores them (the bundled model's
reference calibration, the encoder's names check), and counted per
component (and rule, where a component has several: :func:`floor_key`) whose
floor reaches the review threshold while the weights alone stay below it (a
share of the pairs, and how many):

- NTREX-128 en–ru, en–hy and ru–hy lines (professional translations: faithful);
- REFreSD en–fr "no meaning difference" pairs (both splits);
- DEMETR ru→en unedited machine translations (every id).

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/floors.py            # about a minute with a warm cache
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/floors.py --examples 5   # ... and five lines each floor flags

Missing data folders are skipped with a message.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DEFAULT_BENCH, skip  # noqa: E402  (also puts src/ on the path)
from align.divergence import DEFAULT_REVIEW_THRESHOLD  # noqa: E402
from align.divergence.base import Finding  # noqa: E402


def floor_key(finding: Finding) -> str:
    """The column a finding's floor is counted in: its component, and the rule where one is named
    (:attr:`~align.divergence.base.Finding.floor_rule`: "names: full name dropped")."""
    return f"{finding.component}: {finding.floor_rule}" if finding.floor_rule else finding.component


def faithful_pairs(bench: Path) -> dict[str, tuple[str, str, list[tuple[str, str]]]]:
    """Data set name → (source language, target language, faithful pairs)."""
    out: dict[str, tuple[str, str, list[tuple[str, str]]]] = {}
    folder = bench / "ntrex128_en_ru_hy"
    files = {"en": "newstest2019-src.eng.txt", "ru": "newstest2019-ref.rus.txt", "hy": "newstest2019-ref.hye.txt"}
    if folder.is_dir():
        lines = {k: (folder / f).read_text(encoding="utf-8").splitlines() for k, f in files.items()}
        for a, b in (("en", "ru"), ("en", "hy"), ("ru", "hy")):
            out[f"NTREX-128 {a}–{b}"] = (a, b, list(zip(lines[a], lines[b])))
    else:
        skip(f"NTREX-128 not found at {folder}")
    from refresd import FOLDER, load
    if (bench / FOLDER).is_dir():
        out["REFreSD no meaning difference"] = ("en", "fr", [(p.en, p.fr) for p in load(bench / FOLDER)
                                                             if p.label == "no_meaning_difference"])
    else:
        skip(f"REFreSD not found at {bench / FOLDER}")
    from demetr import DEMETR
    from demetr import load as load_demetr
    if (bench / DEMETR).is_dir():
        seen: dict[int, tuple[str, str]] = {}
        for items in load_demetr(bench / DEMETR, 0).values():
            for d in items:
                seen.setdefault(d["id"], (d["src_sent"], d["mt_sent"]))
        out["DEMETR unedited translations"] = ("ru", "en", [seen[k] for k in sorted(seen)])
    else:
        skip(f"DEMETR not found at {bench / DEMETR}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bench", type=Path, default=DEFAULT_BENCH, help=f"shared benchmark folder ({DEFAULT_BENCH})")
    ap.add_argument("--cache-dir", type=Path, default=None, help="embedding cache (default: the user cache)")
    ap.add_argument("--examples", type=int, default=0, metavar="N", help="print N pairs each floor flags, per data set")
    ap.add_argument("--no-deletion", action="store_true", help="leave the encoder's deletion test out")
    args = ap.parse_args(argv)
    from align.divergence.calibration import Calibration
    from align.divergence.combine import deletion_test, features_of, findings
    from align.divergence.components import Pair
    from align.divergence.model import shipped
    from align.divergence.namecheck import NameCheck
    from align.divergence.tokens import SideText
    from align.pipeline import resolve_encoder
    enc = resolve_encoder(None, cache=True, cache_dir=args.cache_dir)
    check = NameCheck(enc, budget=10**6)
    model = shipped()
    thr = DEFAULT_REVIEW_THRESHOLD
    floored = ("names", "names: full name dropped", "negation", "antonym: clean pair", "untranslated", "order",
               "order: word missing", "numbers", "deletion: word missing", "deletion: word added")
    print("| data (faithful) | pairs | flagged | flagged by the weights alone | decided by a floor: "
          + " | ".join(floored) + " |")
    print("|---|---|---|---|" + "---|" * len(floored))
    shown: list[str] = []
    for name, (a, b, pairs) in faithful_pairs(args.bench).items():
        vecs_a = enc.encode([x for x, _ in pairs])
        vecs_b = enc.encode([y for _, y in pairs])
        cal = Calibration.reference(enc.identity, a, b)
        decided: Counter[str] = Counter()
        flagged = by_weights = 0
        for (x, y), s in zip(pairs, np.sum(vecs_a * vecs_b, axis=1)):
            found = findings(Pair(SideText(x, a), SideText(y, b), float(s), cal, None, check))
            if not args.no_deletion:  # the encoder's deletion test, as an alignment of one bead runs it
                deletion_test([(found, x, y, float(s))], model, enc)
            p = model.probability(features_of(found))
            floors = {floor_key(f): f.floor for f in found if f.floor >= thr}
            by_weights += p >= thr
            flagged += p >= thr or bool(floors)
            if p < thr:
                for key in floors:  # pairs scored alone have no partial omission or addition
                    decided[key] += 1
                    if sum(1 for s_ in shown if s_.startswith(f"[{name}] {key}")) < args.examples:
                        shown.append(f"[{name}] {key}: {x}\n    {y}")
        n = len(pairs)
        cells = [f"{100 * k / n:.1f}" for k in (flagged, by_weights)] + \
            [f"{100 * decided[k] / n:.1f} ({decided[k]})" for k in floored]
        print(f"| {name} | {n} | " + " | ".join(cells) + " |")
    if shown:
        print("\n" + "\n".join(shown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
