"""Divergence: how differently the two sides of each bead say things, with reasons.

:func:`score_alignment` adds a :class:`~align.records.Divergence` to every
bead of an alignment; :func:`score_pair` scores one pair of texts.  A score
is in [0, 1] and combines named components — meaning (calibrated embedding
similarity), numbers, names, untranslated, length, negation, antonym,
question, gender, tense — each with short reasons and marks on the words concerned.
Omissions and additions score 1 and name their sentences; a merged bead
holding a sentence the aligner found without counterpart gets a partial
omission or addition (:mod:`.omission`; :func:`gap_of` says which).  The
components are declared once, in :data:`REGISTRY` (:mod:`.components`).  Beads at or above
:data:`DEFAULT_REVIEW_THRESHOLD` are flagged for review.

Pure Python and regular expressions: importing loads no model, and scoring
calls no encoder.  ``docs/divergence.md`` explains each component.
"""
from __future__ import annotations

from .calibration import Calibration, calibrate, register_reference
from .combine import DEFAULT_REVIEW_THRESHOLD, SCORING, calibrate_alignment, score_alignment, score_pair
from .components import COMPONENTS, REGISTRY, Component
from .omission import GAPS, gap_of

__all__ = ["COMPONENTS", "REGISTRY", "Component", "GAPS", "gap_of", "SCORING", "score_alignment", "score_pair",
           "DEFAULT_REVIEW_THRESHOLD", "Calibration", "calibrate", "calibrate_alignment", "register_reference"]
