"""Divergence: how differently the two sides of each bead say things, with reasons.

:func:`score_alignment` adds a :class:`~align.records.Divergence` to every
bead of an alignment; :func:`score_pair` scores one pair of texts.  Named
components — meaning (calibrated embedding similarity), numbers, names,
untranslated, length, negation, antonym, question, gender, tense, lexical (en–ru words with no
counterpart, through the system's dictionary) — each give
evidence with short reasons and marks on the words concerned; a logistic
model fitted on labelled beads (:mod:`.model`, :mod:`.fitting`) combines them
into the probability that a reviewer would call the bead divergent.
Omissions and additions score 1 and name their sentences; a merged bead
holding a sentence the aligner found without counterpart gets a partial
omission or addition (:mod:`.omission`; :func:`gap_of` says which).  The
components are declared once, in :data:`REGISTRY` (:mod:`.components`).  Beads at or above
:data:`DEFAULT_REVIEW_THRESHOLD` (0.5: "probably divergent") are flagged.

Rules, regular expressions and small lexicons: importing loads no model and
reads no file; the encoder is asked only about names no rule could match.
The collection's names list (:mod:`.terms`) tells names and terms apart.
``docs/divergence.md`` explains each component and the combination.
"""
from __future__ import annotations

from .calibration import Calibration, calibrate, register_reference
from .combine import DEFAULT_REVIEW_THRESHOLD, SCORING, calibrate_alignment, score_alignment, score_pair, scoring_stamp
from .components import COMPONENTS, FEATURES, REGISTRY, Component
from .model import Model
from .omission import GAPS, gap_of
from .terms import TermList

__all__ = ["COMPONENTS", "FEATURES", "REGISTRY", "Component", "GAPS", "gap_of", "SCORING", "score_alignment",
           "score_pair", "scoring_stamp", "DEFAULT_REVIEW_THRESHOLD", "Calibration", "calibrate",
           "calibrate_alignment", "register_reference", "Model", "TermList"]
