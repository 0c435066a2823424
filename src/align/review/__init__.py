"""Review: a queue of beads to look at, decisions, alignment fixes, carry-over, a local page.

Importing this package starts nothing (no server, no model); :func:`serve`
starts the local page (:mod:`align.review.server`).

- :class:`Review` — open a store file, walk the :meth:`Review.queue`, decide
  (accept, mark divergent, reject, note), fix (merge, split, move, detach),
  undo/redo, save.
- :func:`merge_into_store` — what ``align run`` calls when it re-aligns a pair:
  carries decisions over to the new beads and lists the orphans.
- :func:`carry_over` — the same, without files.
"""
from __future__ import annotations

from .carry import CarriedDecision, CarryOverReport, OrphanedDecision, carry_over, merge_into_store, orphans
from .queue import Queue, QueueItem, bead_score, build_queue, default_threshold
from .server import serve
from .session import Review
from .state import KINDS, SEVERITIES, STATUSES, BeadState, ReviewState, bead_state, default_reviewer

__all__ = ["Review", "Queue", "QueueItem", "BeadState", "ReviewState", "CarryOverReport", "CarriedDecision",
           "OrphanedDecision", "carry_over", "merge_into_store", "orphans", "build_queue", "bead_score",
           "default_threshold", "bead_state", "default_reviewer", "STATUSES", "KINDS", "SEVERITIES", "serve"]
