"""The review state of an alignment: one decision per bead, history, orphans.

This is what the ``"review"`` object of a store file holds (see ``docs/review.md``)::

    "review": {
     "format": 1,
     "beads": {"[3]:[4,5]": {"status": "divergent", "kind": "omission", "severity": "major",
                              "note": "...", "by": "Ann", "at": "2024-05-01T10:00:00Z"}, ...},
     "history": [{change}, ...],     # oldest first; undo pops the last one
     "redo": [{change}, ...],        # undone changes, most recent last
     "orphaned": [{...}, ...],       # decisions a re-alignment could not carry over
     "carry_over": {...}             # summary of the last re-alignment
    }

Only beads that carry a decision or a note appear in ``"beads"``; a bead that
is missing there is ``pending``.  Readers should use :func:`bead_state`.
"""
from __future__ import annotations

import getpass
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from ..errors import ReviewError
from ..records import KINDS, REVIEW_FORMAT, SEVERITIES, STATUSES, ReviewStatus

DEFAULT_SEVERITY = "minor"

_KIND_ALIASES = {"number": "number/date", "numbers": "number/date", "date": "number/date",
                 "number-date": "number/date", "style": "style/other", "other": "style/other",
                 "style-other": "style/other", "names": "name", "omitted": "omission", "added": "addition"}


def normalize_kind(kind: str) -> str:
    """The canonical divergence kind for ``kind`` (aliases like ``date`` allowed)."""
    k = kind.strip().lower()
    k = _KIND_ALIASES.get(k, k)
    if k not in KINDS:
        raise ReviewError(f"unknown divergence kind {kind!r}; use one of: {', '.join(KINDS)}")
    return k


def normalize_severity(severity: str) -> str:
    """``severity`` checked against :data:`SEVERITIES`."""
    s = severity.strip().lower()
    if s not in SEVERITIES:
        raise ReviewError(f"unknown severity {severity!r}; use one of: {', '.join(SEVERITIES)}")
    return s


def normalize_status(status: str) -> ReviewStatus:
    """``status`` checked against :data:`STATUSES`."""
    try:
        return ReviewStatus(status.strip().lower())
    except ValueError:
        raise ReviewError(f"unknown status {status!r}; use one of: {', '.join(STATUSES)}") from None


def check_text(value: str, what: str) -> str:
    """``value`` unchanged if it can be saved as UTF-8 text; else :class:`ReviewError` naming ``what``.

    A lone surrogate cannot be written to a file: it comes from a command-line argument
    that was not valid UTF-8 (Python keeps such bytes as U+DC80–U+DCFF) or from a JSON
    ``"\\udXXX"`` escape with no partner."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        ch = ord(value[exc.start])
        what_char = (f"the byte 0x{ch - 0xDC00:02X}, which is not UTF-8" if 0xDC80 <= ch <= 0xDCFF
                     else f"a lone surrogate U+{ch:04X}")
        raise ReviewError(f"the {what} holds {what_char} at character {exc.start}; "
                          "give it as UTF-8 text") from None
    return value


def utc_now() -> str:
    """The current time as UTC ISO 8601 to the second, e.g. ``2024-05-01T10:00:00Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_REVIEWER: str | None = None


def default_reviewer() -> str:
    """Who makes a decision when nobody says: ``$ALIGN_REVIEWER``, ``git config user.name``, ``$USER``."""
    global _REVIEWER
    env = os.environ.get("ALIGN_REVIEWER", "").strip()
    if env:
        return env
    if _REVIEWER is None:
        name = ""
        try:
            done = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True, timeout=5)
            name = done.stdout.strip() if done.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            name = ""
        if not name:
            try:
                name = getpass.getuser()
            except (OSError, KeyError):
                name = os.environ.get("USER", "")
        _REVIEWER = name or "unknown"
    return _REVIEWER


@dataclass(frozen=True)
class BeadState:
    """The review state of one bead: its status, divergence kind and severity, a note, who and when."""

    status: ReviewStatus = ReviewStatus.PENDING
    kind: str | None = None
    severity: str | None = None
    note: str = ""
    by: str = ""
    at: str = ""

    @property
    def is_blank(self) -> bool:
        """True for a pending bead with no note: nothing to keep in the file."""
        return self.status == ReviewStatus.PENDING and not self.note

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "kind": self.kind, "severity": self.severity,
                "note": self.note, "by": self.by, "at": self.at}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> BeadState:
        if not data:
            return cls()
        raw = str(data.get("status") or ReviewStatus.PENDING)
        try:
            status = ReviewStatus(raw)
        except ValueError:
            raise ReviewError(f"review state has unknown status {raw!r}; expected one of: {', '.join(STATUSES)}"
                              ) from None
        return cls(status=status, kind=data.get("kind"), severity=data.get("severity"),
                   note=str(data.get("note") or ""), by=str(data.get("by") or ""), at=str(data.get("at") or ""))

    def with_(self, **changes: Any) -> BeadState:
        return replace(self, **changes)


def bead_state(review: Mapping[str, Any], ids: str) -> BeadState:
    """The state of the bead ``ids`` in a raw ``"review"`` object (``pending`` if absent)."""
    return BeadState.from_dict((review.get("beads") or {}).get(ids))


@dataclass
class ReviewState:
    """The parsed ``"review"`` object: bead states by ids, change history, redo stack, orphans."""

    beads: dict[str, BeadState] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    redo: list[dict[str, Any]] = field(default_factory=list)
    orphaned: list[dict[str, Any]] = field(default_factory=list)
    carry_over: dict[str, Any] = field(default_factory=dict)

    def get(self, ids: str) -> BeadState:
        return self.beads.get(ids, BeadState())

    def set(self, ids: str, state: BeadState | None) -> None:
        """Set (or with ``None``/a blank state, clear) the state of bead ``ids``."""
        if state is None or state.is_blank:
            self.beads.pop(ids, None)
        else:
            self.beads[ids] = state

    def to_dict(self, order: list[str] | None = None) -> dict[str, Any]:
        """The JSON-ready ``"review"`` object; ``order`` (bead ids in document order) sorts ``"beads"``."""
        rank = {ids: i for i, ids in enumerate(order or ())}
        items = sorted(self.beads.items(), key=lambda kv: (rank.get(kv[0], len(rank)), _ids_key(kv)))
        out: dict[str, Any] = {"format": REVIEW_FORMAT,
                               "beads": {k: v.to_dict() for k, v in items},
                               "history": list(self.history), "redo": list(self.redo),
                               "orphaned": list(self.orphaned)}
        if self.carry_over:
            out["carry_over"] = dict(self.carry_over)
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> ReviewState:
        data = data or {}
        fmt = data.get("format", REVIEW_FORMAT)
        if isinstance(fmt, int) and fmt > REVIEW_FORMAT:
            raise ReviewError(f"the review state was written by a newer workbench (review format {fmt}; this one "
                              f"reads up to {REVIEW_FORMAT}); upgrade the workbench")
        beads = {str(k): BeadState.from_dict(v) for k, v in (data.get("beads") or {}).items()}
        return cls(beads={k: v for k, v in beads.items() if not v.is_blank},
                   history=list(data.get("history") or []), redo=list(data.get("redo") or []),
                   orphaned=list(data.get("orphaned") or []), carry_over=dict(data.get("carry_over") or {}))


def _ids_key(item: tuple[str, Any]) -> tuple[int, int, str]:
    """A stable order for bead ids that are not in the alignment: first source, first target index."""
    ids = item[0]
    try:
        left, right = ids.split(":")
        src = [int(x) for x in left.strip("[]").split(",") if x]
        tgt = [int(x) for x in right.strip("[]").split(",") if x]
    except ValueError:
        return (1 << 30, 1 << 30, ids)
    return (src[0] if src else (tgt[0] if tgt else 0), tgt[0] if tgt else -1, ids)
