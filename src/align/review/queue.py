"""The review queue: beads ordered by how much they need a look.

A bead's *score* is its divergence score when it has one, else ``1 − similarity``;
a bead with an empty side (``1-0`` or ``0-1``) and no divergence scores 1.
Higher first; ties keep document order.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..divergence import DEFAULT_REVIEW_THRESHOLD
from ..divergence.omission import gap_of
from ..records import Alignment, Bead, ReviewStatus
from .state import BeadState, ReviewState, normalize_kind, normalize_status

_SHAPE = re.compile(r"^\d+-\d+$")


def default_threshold() -> float:
    """The score from which a bead is queued by default: :data:`align.divergence.DEFAULT_REVIEW_THRESHOLD`."""
    return DEFAULT_REVIEW_THRESHOLD


def bead_score(bead: Bead) -> float:
    """How much a bead needs review, in [0, 1]: divergence, else 1 − similarity, else 1."""
    if bead.divergence is not None:
        return float(bead.divergence.score)
    if bead.similarity is None:
        return 1.0
    return min(1.0, max(0.0, 1.0 - float(bead.similarity)))


@dataclass(frozen=True)
class QueueItem:
    """One bead in the queue: its position in the alignment, the bead, its score and review state."""

    position: int
    bead: Bead
    score: float
    state: BeadState
    source: str
    target: str

    @property
    def ids(self) -> str:
        return self.bead.ids()

    @property
    def status(self) -> ReviewStatus:
        return self.state.status

    @property
    def reasons(self) -> tuple[str, ...]:
        return self.bead.divergence.reasons if self.bead.divergence else ()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready summary (what ``align review list --json`` prints)."""
        b = self.bead
        return {"position": self.position, "ids": self.ids, "shape": b.kind, "gap": gap_of(b),
                "score": round(self.score, 4),
                "similarity": None if b.similarity is None else round(float(b.similarity), 4),
                "reasons": list(self.reasons), "source": self.source, "target": self.target,
                **self.state.to_dict()}


@dataclass(frozen=True)
class Queue:
    """The beads to review, most divergent first, and how far the review has got.

    ``reviewed`` and ``remaining`` count the beads above the threshold (whatever
    the status filter): decided ones and pending ones.  ``total`` is the number
    of beads in the alignment.
    """

    items: tuple[QueueItem, ...]
    threshold: float
    reviewed: int
    remaining: int
    total: int

    def __iter__(self) -> Iterator[QueueItem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i: int) -> QueueItem:
        return self.items[i]

    def summary(self) -> str:
        """One line: how many beads are queued, reviewed and remaining."""
        return (f"{len(self.items)} in queue (score ≥ {self.threshold:g}); {self.reviewed} reviewed, "
                f"{self.remaining} remaining; {self.total} beads in all")

    def __repr__(self) -> str:
        return f"<Queue {self.summary()}>"


def build_queue(alignment: Alignment, state: ReviewState, threshold: float | None = None,
                status: str | None = None, kind: str | None = None) -> Queue:
    """The queue of ``alignment``'s beads scoring at least ``threshold``.

    ``status`` keeps one status (``pending``, ``accepted``, ``divergent``,
    ``rejected``); ``kind`` keeps one divergence kind (``omission``, ...) or one
    bead shape (``1-0``, ``2-1``, ...).  ``threshold=None`` uses :func:`default_threshold`.
    """
    t = default_threshold() if threshold is None else float(threshold)
    want_status = normalize_status(status) if status else None
    want_shape = kind if kind and _SHAPE.match(kind) else None
    want_kind = normalize_kind(kind) if kind and not want_shape else None
    above: list[QueueItem] = []
    for i, b in enumerate(alignment.beads):
        score = bead_score(b)
        if score < t:
            continue
        above.append(QueueItem(position=i, bead=b, score=score, state=state.get(b.ids()),
                               source=alignment.side_text(b, "source"), target=alignment.side_text(b, "target")))
    reviewed = sum(1 for it in above if it.status != ReviewStatus.PENDING)
    items = [it for it in above
             if (want_status is None or it.status == want_status)
             and (want_kind is None or it.state.kind == want_kind)
             and (want_shape is None or it.bead.kind == want_shape)]
    items.sort(key=lambda it: (-it.score, it.position))
    return Queue(items=tuple(items), threshold=t, reviewed=reviewed, remaining=len(above) - reviewed,
                 total=len(alignment.beads))
