"""Strict and lax precision/recall/F1 of predicted beads against gold beads.

The definitions are the ones Vecalign's and Bertalign's evaluations use:

- precision is over every predicted bead (omissions and additions included);
  recall is over the beads with both sides non-empty (in both gold and prediction);
- **strict**: a bead counts only if it is exactly a gold bead;
- **lax**: a bead that is not exact still counts if it shares at least one
  source and one target sentence with some gold bead.

Counts are summed over all files before the ratios are taken (micro-average).

:func:`null_scores` measures the null beads alone (1-0 omissions and 0-1
additions): a predicted null bead is right when the gold leaves the same
sentence out on the same side.  Gold and predictions hold one sentence per
null bead (the aligner never groups them); a null bead of several sentences
counts once per sentence.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True)
class NullScores:
    """Precision, recall and F1 of the null beads (sentences left out on one side), with the counts."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int
    correct: int

    def to_dict(self) -> dict[str, float]:
        return {"null_precision": round(self.precision, 4), "null_recall": round(self.recall, 4),
                "null_f1": round(self.f1, 4), "null_predicted": self.predicted, "null_gold": self.gold,
                "null_correct": self.correct}


def _nulls(beads: Iterable[BeadIds]) -> set[tuple[int, int]]:
    """(side, sentence) of every sentence in a null bead: side 0 source (omitted), 1 target (added)."""
    out: set[tuple[int, int]] = set()
    for src, tgt in beads:
        if src and not tgt:
            out.update((0, i) for i in src)
        elif tgt and not src:
            out.update((1, j) for j in tgt)
    return out


def null_scores(golds: Sequence[Sequence[BeadIds]], tests: Sequence[Sequence[BeadIds]]) -> NullScores:
    """Micro-averaged precision/recall/F1 of the null beads over several documents.

    With no predicted (or no gold) null bead, precision (recall) is 1.0 when
    the other side has none either, else 0.0.
    """
    if len(golds) != len(tests):
        raise InputError(f"{len(golds)} gold files but {len(tests)} predictions")
    predicted = gold = correct = 0
    for g, t in zip(golds, tests):
        gs, ts = _nulls(g), _nulls(t)
        predicted += len(ts)
        gold += len(gs)
        correct += len(gs & ts)
    p = correct / predicted if predicted else float(gold == 0)
    r = correct / gold if gold else float(predicted == 0)
    return NullScores(p, r, _f1(p, r), predicted, gold, correct)
