"""Re-scoring beads after a fix.

The review package computes no score itself: :func:`rescore_beads` hands the
fixed beads to :func:`align.pipeline.rescore`, which recomputes their
similarity with the encoder that made the alignment (or the one given) and
their divergence calibrated on the whole alignment, exactly as at alignment time.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..records import Alignment


def rescore_beads(alignment: Alignment, indexes: Sequence[int], encoder: Any = None) -> Alignment:
    """``alignment`` with the beads at ``indexes`` re-scored; the other beads are untouched."""
    from ..pipeline import rescore
    return rescore(alignment, sorted(set(indexes)), encoder=encoder)
