"""How far the review of an alignment has got, and what it found: what the index page and reports count.

Counts only decisions on beads the alignment has (orphaned decisions from an
earlier alignment are listed elsewhere).  A *finding* is a bead a reviewer
marked ``divergent``: the alignment is right, the versions differ (a changed
number, a name, an omission ...), with a kind and a severity.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..records import Alignment
from .state import SEVERITIES


@dataclass(frozen=True)
class ReviewProgress:
    """``reviewed`` of ``total`` beads decided; ``findings`` of them marked divergent, by severity."""

    total: int
    reviewed: int = 0
    findings: int = 0
    rejected: int = 0
    severities: tuple[tuple[str, int], ...] = ()   # (severity, count), most severe first

    def severity_text(self) -> str:
        """``1 critical, 2 major`` (``""`` without findings)."""
        return ", ".join(f"{n} {s}" for s, n in self.severities)

    def summary(self) -> str:
        """``3 of 12 beads reviewed; 2 findings (1 critical, 1 major)``."""
        text = f"{self.reviewed} of {self.total} beads reviewed"
        if self.findings:
            sev = self.severity_text()
            text += f"; {self.findings} finding{'s' if self.findings != 1 else ''}" + (f" ({sev})" if sev else "")
        else:
            text += "; no findings"
        if self.rejected:
            text += f"; {self.rejected} rejected as wrongly aligned"
        return text


def review_progress(alignment: Alignment, review: Mapping[str, Any] | None) -> ReviewProgress:
    """The :class:`ReviewProgress` of ``alignment`` under a raw ``"review"`` object (or ``None``)."""
    beads = (review or {}).get("beads") or {}
    statuses: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for b in alignment.beads:
        entry = beads.get(b.ids()) if isinstance(beads, Mapping) else None
        status = str(entry.get("status") or "pending") if isinstance(entry, Mapping) else "pending"
        statuses[status] += 1
        if status == "divergent":
            severities[str(entry.get("severity") or "unrated")] += 1  # type: ignore[union-attr]
    order = {s: i for i, s in enumerate(reversed(SEVERITIES))}
    ranked = tuple(sorted(severities.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0])))
    return ReviewProgress(total=len(alignment.beads), reviewed=len(alignment.beads) - statuses["pending"],
                          findings=statuses["divergent"], rejected=statuses["rejected"], severities=ranked)
