"""The aligner's settings: every knob of :func:`~.core.align_texts_with_encoder`, and the bead shapes.

Kept apart from the aligner itself so that reading or listing the settings
(``--set``, ``--help``, signatures) loads no numba kernel.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

#: Bead shapes the dynamic programme may use, as (source sentences, target sentences).
BEAD_TYPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1),
    (3, 3), (2, 4), (4, 2), (1, 5), (5, 1), (3, 4), (4, 3), (2, 5), (5, 2), (1, 6), (6, 1))


@dataclass(frozen=True)
class AlignerSettings:
    """Knobs of the aligner.  Defaults were tuned on the Text+Berg dev split only."""

    max_merge: int = 5            # largest n in 1-n / n-1 beads (beads of a + b <= max_merge + 1 sentences)
    skip: float = -0.1            # score per sentence left out (1-0 / 0-1)
    other_script_skip: float = 0.0  # share of skip a sentence mostly in another script than its side costs to leave out
    gap_ext: float = 0.1          # each further sentence of a run of omissions/additions scores skip * gap_ext
    margin: float = 1.0           # weight of the nearest-neighbour margin
    neighbours: int = 4           # k of the nearest-neighbour means that mark unsure 1-1 beads (regions refinement)
    length_weight: float = 0.02   # weight of the squared length-ratio deviation
    length_sigma: float = 0.35    # spread of log length ratios, in natural-log units
    neighbour_mode: str = "sentence"  # margin against "window"s of the same size or adjacent "sentence"s
    length_mode: str = "ratio"    # "gauss": squared log-ratio penalty; "ratio": multiply by log2(1 + short/long)
    size_weight: float = 0.0      # bead score weighted by ((a + b) / 2) ** size_weight
    paragraph_penalty: float = 0.05  # cost of crossing a paragraph break on one side only (soft anchors)
    paragraph_join_penalty: float = 0.1  # cost of a bead joining paragraphs on both sides (soft anchors)
    full_limit: int = 400_000     # n*m up to which the full matrix is searched
    radius: int = 8               # band radius around a coarse path
    refine: bool = True           # embed windows for real (see refine_mode)
    refine_margin: float = 0.12   # 1-1 beads with a margin below this count as unsure
    refine_budget: float = 0.3    # extra encoder calls allowed per input sentence
    refine_mode: str = "uncertain"  # "uncertain" (pair windows of merges near the best path), "uncertain-all"
    #                               (such windows of any size), "pairs" (all), "regions", "all" (every window)
    refine_slack: float = 0.05    # "uncertain": embed the windows of merges within this score of the best path
    anchor_window: int = 5        # >0: Bertalign-style 1-1 anchor pass, then search only this far around the anchors
    anchor_topk: int = 3          # a 1-1 bead of the anchor pass scores only if among the source's top-k targets
    nulls: bool = True            # the null-bead pass: test each sentence of every merged bead (aligner.nulls)
    null_detach: float = 0.3      # evidence at which a sentence at the edge of a merged side is detached as 1-0/0-1
    null_flag: float = 0.1        # evidence at which a sentence left in a merge is listed as probably unmatched
    null_flag_base: bool = True   # list by the evidence at the tuning data's rate where the document's own is lower
    null_prior: float = 5.0       # weight, in sentences, of the tuning data's rate of unmatched ones (document_prior)
    null_bead_fit: float = 0.3    # a merged bead whose sides fit below this (0 unrelated, 1 translation), every member
    #                               below halfway and none carrying it, is peeled to its fitting sentences
    null_split: float = 0.5       # evidence at which a 1-1 bead is split into an omission and an addition
    null_resolve: bool = True     # search again with the unmatched sentences cheaper to leave out, then test again
    null_listed_skip: float = 0.25  # a sentence the pass listed (null_flag) costs at most this share of skip to leave
    #                                 out in the second search (1: only as its evidence says)
    null_debris: bool = False     # detach a listed sentence at a merged side's edge that is debris ("■ iv V .", "141")
    null_own_language: bool = True  # a foreign 1-1 partner yields to a left-out neighbour in the side's language
    null_langid: float = 0.9      # >0: a sentence langid gives the other side's language at this probability is
    #                               evidence of no counterpart (aligner.langid_evidence); 0: trigrams and scripts alone
    null_embed: bool = False      # embed the sub-windows the null pass needs (False: estimate them from pair windows)
    unrelated_below: float = 0.22  # best matches this little above the texts' mean similarity: not one document

    def signature(self) -> dict[str, object]:
        return asdict(self)

    @property
    def types(self) -> np.ndarray:
        t = [(a, b) for a, b in BEAD_TYPES
             if a <= self.max_merge and b <= self.max_merge and a + b <= self.max_merge + 1]
        return np.array(t, dtype=np.int64)
