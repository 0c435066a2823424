"""What the aligner gives back: beads before they become records, and what a run cost.

Below both the search (:mod:`.core`) and the null-bead pass (:mod:`.nulls`),
which build these records, so that neither imports the other for them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawBead:
    """A bead before it becomes a record: index tuples and the cosine of its sides.

    ``unmatched`` lists ``(side, sentence, value)`` for sentences of a merged side that the
    null-bead pass (:mod:`.nulls`) found probably without counterpart but left in the bead
    (side 0: source, 1: target; value: the evidence, in [0, 1]).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    similarity: float | None
    unmatched: tuple[tuple[int, int, float], ...] = ()


@dataclass
class AlignStats:
    """What an alignment run cost."""

    src_sentences: int = 0
    tgt_sentences: int = 0
    windows_embedded: int = 0
    encoder_calls: int = 0
    band_cells: int = 0
    extra: dict[str, float] = field(default_factory=dict)
    #: what the null-bead pass measured on the first search's beads (``nulls.MemberEvidence`` of the
    #: sentences of merged sides, ``nulls.PairEvidence`` of the 1-1 beads): ``benchmarks/nulls_fit.py``
    evidence: list[object] = field(default_factory=list)

    @property
    def calls_per_sentence(self) -> float:
        return self.encoder_calls / max(1, self.src_sentences + self.tgt_sentences)
