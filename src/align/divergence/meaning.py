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


def value(similarity: float, cal: Calibration) -> float:
    """The meaning component of a similarity under a calibration, in (0, CEILING)."""
    z = (cal.sim_centre - similarity) / cal.sim_spread
    x = SLOPE * (z - Z_HALF)
    return CEILING / (1.0 + math.exp(-x)) if x > -700 else 0.0


def score(similarity: float | None, cal: Calibration) -> Finding | None:
    """The meaning finding, or None without a similarity."""
    if similarity is None or not math.isfinite(similarity):
        return None
    v = value(similarity, cal)
    finding = Finding("meaning", v)
    if v >= REASON_FROM:
        finding.reasons.append(
            f"meaning: similarity {similarity:.2f} is low here (equivalent pairs score about "
            f"{cal.sim_centre:.2f} ± {cal.sim_spread:.2f})")
    return finding
