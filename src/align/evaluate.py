"""Strict and lax precision/recall/F1 of predicted beads against gold beads.

The definitions are the ones Vecalign's and Bertalign's evaluations use:

- precision is over every predicted bead (omissions and additions included);
  recall is over the beads with both sides non-empty (in both gold and prediction);
- **strict**: a bead counts only if it is exactly a gold bead;
- **lax**: a bead that is not exact still counts if it shares at least one
  source and one target sentence with some gold bead.

Counts are summed over all files before the ratios are taken (micro-average).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

from .errors import InputError

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]
_BEAD = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*$")


def parse_beads(text: str, where: str = "<beads>") -> list[BeadIds]:
    """Beads from the ``[0]:[0,1]`` notation, one per line (blank lines ignored)."""
    beads = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _BEAD.match(line)
        if not m:
            raise InputError(f"{where}, line {n}: not a bead like [0]:[0,1]: {line.strip()[:60]!r}")
        src = tuple(int(x) for x in m.group(1).replace(" ", "").split(",") if x)
        tgt = tuple(int(x) for x in m.group(2).replace(" ", "").split(",") if x)
        beads.append((src, tgt))
    return beads


def read_beads(path: str | Path) -> list[BeadIds]:
    p = Path(path)
    try:
        return parse_beads(p.read_text(encoding="utf-8"), where=str(p))
    except FileNotFoundError:
        raise InputError(f"{p}: no such file") from None


def _precision_counts(gold: Sequence[BeadIds], test: Iterable[BeadIds]) -> tuple[int, int, int, int]:
    gold_set = set(gold)
    gold_sets = [(set(s), set(t)) for s, t in gold]
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for src, tgt in test:
        if not src and not tgt:
            continue
        if (src, tgt) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        s, t = set(src), set(tgt)
        if any(s & gs and t & gt for gs, gt in gold_sets):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


@dataclass(frozen=True)
class Scores:
    strict_precision: float
    strict_recall: float
    strict_f1: float
    lax_precision: float
    lax_recall: float
    lax_f1: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 4) for k, v in self.__dict__.items()}


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(golds: Sequence[Sequence[BeadIds]], tests: Sequence[Sequence[BeadIds]]) -> Scores:
    """Micro-averaged strict and lax scores over several documents."""
    if len(golds) != len(tests):
        raise InputError(f"{len(golds)} gold files but {len(tests)} predictions")
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(golds, tests):
        for k, v in enumerate(_precision_counts(gold, test)):
            p[k] += v
        gold_full = [b for b in gold if b[0] and b[1]]
        test_full = [b for b in test if b[0] and b[1]]
        for k, v in enumerate(_precision_counts(test_full, gold_full)):
            r[k] += v

    def ratio(tp: int, fp: int) -> float:
        return tp / (tp + fp) if tp + fp else 0.0

    sp, sr = ratio(p[0], p[1]), ratio(r[0], r[1])
    lp, lr = ratio(p[2], p[3]), ratio(r[2], r[3])
    return Scores(sp, sr, _f1(sp, sr), lp, lr, _f1(lp, lr))
