"""Meaning: how far below the typical similarity of equivalent pairs a bead's similarity is.

``z = (centre − similarity) / spread`` with the centre and spread of the
:class:`~.calibration.Calibration`; the component is a logistic curve of z,
about 0.01 at the centre, 0.5 at ``Z_HALF`` spreads below it, and near
``CEILING`` far below.  Because z is measured in the alignment's (or the
model's) own units, 0.8 means the same for en–ru and en–hy and for any model.
A similarity above the centre gives a value near 0, never exactly 0, so two
pairs are still ordered by it.
"""
from __future__ import annotations

import math

from .base import Finding
from .calibration import Calibration

#: Spreads below the centre at which the component reaches 0.5.
Z_HALF = 2.5
#: Steepness of the curve, per spread.
SLOPE = 2.0
#: The component's upper bound.
CEILING = 0.97
#: Below this value no reason is given.
REASON_FROM = 0.3
#: The feature the learned combination reads is z, kept inside these bounds (a bead far above or
#: below the centre says no more than one at the bound).
Z_BOUNDS = (-4.0, 10.0)


#: Short texts' embeddings move more with one word: the spread of a pair of L characters in all
#: is spread × sqrt(1 + (SHORT / L)²), so a two-word heading ("PRESS COMMUNIQUÉ" / "СООБЩЕНИЕ ДЛЯ
#: ПЕЧАТИ", 36 characters, cosine 0.83) counts 1.7 times fewer spreads out than a long sentence
#: with that cosine would (a 100-character pair: 1.1 times; 300: 1.01).
SHORT = 50.0


def distance(similarity: float, cal: Calibration, chars: int = 0) -> float:
    """z: how many spreads ``similarity`` lies below the centre of equivalent pairs (for a pair of
    ``chars`` characters in all; 0: long)."""
    spread = cal.sim_spread
    if chars > 0:
        spread *= math.sqrt(1.0 + (SHORT / chars) ** 2)
    return (cal.sim_centre - similarity) / spread


def value(similarity: float, cal: Calibration, chars: int = 0) -> float:
    """The meaning component of a similarity under a calibration, in (0, CEILING)."""
    x = SLOPE * (distance(similarity, cal, chars) - Z_HALF)
    return CEILING / (1.0 + math.exp(-x)) if x > -700 else 0.0


def score(similarity: float | None, cal: Calibration, chars: int = 0) -> Finding | None:
    """The meaning finding, or None without a similarity (``chars``: the pair's length in characters)."""
    if similarity is None or not math.isfinite(similarity):
        return None
    v = value(similarity, cal, chars)
    z = min(max(distance(similarity, cal, chars), Z_BOUNDS[0]), Z_BOUNDS[1])
    finding = Finding("meaning", v, features={"meaning": z})
    if v >= REASON_FROM:
        finding.reasons.append(
            f"meaning: similarity {similarity:.2f} is low here (equivalent pairs score about "
            f"{cal.sim_centre:.2f} ± {cal.sim_spread:.2f})")
    return finding
