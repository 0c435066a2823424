"""Sentence alignment from embeddings: settings, the aligner, and evaluation against gold beads.

Importing this package is cheap: the numba kernels (:mod:`.kernels`) are
imported, and compiled or loaded from their disk cache, the first time the
aligner computes (``core._kernels``); :class:`AlignerSettings`
(:mod:`.settings`) and ``--set`` parsing (:mod:`.overrides`) never need them.
"""
from __future__ import annotations

from .beads import AlignStats, RawBead
from .core import align_texts_with_encoder, align_vectors
from .settings import BEAD_TYPES, AlignerSettings

__all__ = ["AlignerSettings", "AlignStats", "RawBead", "BEAD_TYPES", "align_vectors", "align_texts_with_encoder"]
