"""Sentence alignment from embeddings: settings, the aligner, and evaluation against gold beads."""
from __future__ import annotations

from .core import BEAD_TYPES, AlignerSettings, AlignStats, RawBead, align_texts_with_encoder, align_vectors

__all__ = ["AlignerSettings", "AlignStats", "RawBead", "BEAD_TYPES", "align_vectors", "align_texts_with_encoder"]
