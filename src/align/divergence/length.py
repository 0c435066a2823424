"""Length: the target much shorter or longer than a translation of the source usually is.

The smoothed log ratio of character lengths, ``log((len(tgt) + 10) /
(len(src) + 10))``, is compared with the calibration's centre for the language
pair (learned from the alignment's own 1-1 beads, with per-pair constants as
the fallback).  The distance is measured in spreads; a short pair's spread is
wider (:func:`~.calibration.length_spread`), since one word more or less moves
its ratio a lot.

Inside ``Z_FREE`` spreads the component is exactly 0: ordinary variation in
length says nothing, and must not reorder pairs that the other components
rank.  Beyond it the component rises smoothly — 0.5 at ``Z_HALF`` spreads,
towards ``CEILING`` far out.  Too short (content left out) and too long
(content added) count alike.
"""
from __future__ import annotations

import math

from .base import Finding
from .calibration import Calibration, char_length, length_spread, log_ratio

Z_FREE = 2.0
Z_HALF = 3.0
CEILING = 0.8
REASON_FROM = 0.2
# t = (z − Z_FREE) / _WIDTH; value = CEILING · t² / (1 + t²), which is 0.5 at Z_HALF
_WIDTH = (Z_HALF - Z_FREE) / math.sqrt(0.5 / (CEILING - 0.5))


def value(z: float) -> float:
    """The component for a distance of ``z`` spreads from the centre."""
    if z <= Z_FREE:
        return 0.0
    t2 = ((z - Z_FREE) / _WIDTH) ** 2
    return CEILING * t2 / (1.0 + t2)


def score(src_text: str, tgt_text: str, cal: Calibration) -> Finding:
    """The length finding for a pair of non-empty texts."""
    ls, lt = char_length(src_text), char_length(tgt_text)
    d = log_ratio(ls, lt) - cal.len_centre
    v = value(abs(d) / length_spread(cal.len_spread, ls + lt))
    finding = Finding("length", v)
    if v >= REASON_FROM:
        factor = math.exp(d)
        if factor < 1:
            finding.reasons.append(f"length: the target is {1 - factor:.0%} shorter than a translation "
                                   f"of this source usually is ({cal.src_lang}→{cal.tgt_lang})")
        else:
            finding.reasons.append(f"length: the target is {factor - 1:.0%} longer than a translation "
                                   f"of this source usually is ({cal.src_lang}→{cal.tgt_lang})")
    return finding
