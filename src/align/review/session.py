"""A review session over one store file: decisions, fixes, undo/redo, save.

Use it from a notebook::

    from align.review import Review
    r = Review.open("alignments/doc/en__ru-working.json")
    for item in r.queue(threshold=0.4, status="pending"):
        print(item.position, item.score, item.source, "|", item.target)
    r.accept(12)
    r.mark_divergent("[3]:[4,5]", "omission", severity="major", note="line 2 missing")
    r.merge_next(7)
    r.undo()
    r.save()

Every change is appended to the history kept in the file, with the exact beads
and states before and after it, so :meth:`Review.undo` restores them exactly.
"""
from __future__ import annotations

import copy
import operator
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from .. import store
from ..divergence import scoring_stamp
from ..errors import ReviewError
from ..pipeline import rescore, rescore_divergence
from ..records import Alignment, Bead, ReviewStatus, Side
from . import fixes
from .queue import Queue, QueueItem, build_queue
from .state import (
    DEFAULT_SEVERITY,
    BeadState,
    ReviewState,
    check_text,
    default_reviewer,
    normalize_kind,
    normalize_severity,
    utc_now,
)


def canonical(bead: Bead) -> Bead:
    """``bead`` exactly as it reads back from the store (scores rounded the same way)."""
    return store.bead_from_dict(store.bead_to_dict(bead))


class Review:
    """The review of one alignment file.  Changes stay in memory until :meth:`save` (or ``autosave``)."""

    def __init__(self, stored: store.StoredAlignment, *, by: str | None = None, encoder: Any = None,
                 autosave: bool = False) -> None:
        self.path: Path | None = stored.path
        self.alignment: Alignment = stored.alignment
        self.state: ReviewState = ReviewState.from_dict(stored.review)
        self.revision: int = stored.revision
        self._stamp = stored.stamp  # the file's stamp at that revision: save checks it instead of re-reading
        self.saved: store.StoredAlignment | None = None  # what the last save wrote
        self.by = by
        self.encoder = encoder
        self.autosave = autosave
        self.dirty = False

    @classmethod
    def open(cls, path: str | Path, *, by: str | None = None, encoder: Any = None,
             autosave: bool = False) -> Review:
        """Open a store file; ``by`` names the reviewer, ``encoder`` re-scores fixed beads."""
        return cls(store.load(path), by=by, encoder=encoder, autosave=autosave)

    # -- reading --------------------------------------------------------------

    @property
    def beads(self) -> tuple[Bead, ...]:
        return self.alignment.beads

    def position(self, bead: Any) -> int:
        """The position of a bead given as a position, an ids string like ``"[3]:[4,5]"``, a Bead or a QueueItem."""
        n = len(self.beads)
        if isinstance(bead, QueueItem):
            bead = bead.bead
        if isinstance(bead, Bead):
            bead = bead.ids()
        if isinstance(bead, str):
            text = "".join(bead.split())
            if text.lstrip("-").isdigit():
                bead = int(text)
            else:
                for i, b in enumerate(self.beads):
                    if b.ids() == text:
                        return i
                raise ReviewError(f"no bead {text} in this alignment (give a position 0 to {n - 1} or the ids "
                                  "of an existing bead, as shown by `align review list`)")
        if isinstance(bead, bool):
            raise ReviewError(f"cannot find a bead from {bead!r}: give a position, an ids string or a Bead")
        try:
            bead = operator.index(bead)  # ints, and numpy integers from a DataFrame
        except TypeError:
            raise ReviewError(f"cannot find a bead from {bead!r}: give a position, an ids string or a Bead") from None
        if not 0 <= bead < n:
            raise ReviewError(f"no bead at position {bead}: the alignment has {n} beads (0 to {n - 1})")
        return bead

    def state_of(self, bead: Any) -> BeadState:
        """The review state of a bead (``pending`` when nobody decided yet)."""
        return self.state.get(self.beads[self.position(bead)].ids())

    def queue(self, threshold: float | None = None, status: str | None = None, kind: str | None = None) -> Queue:
        """Beads to review, most divergent first; see :func:`align.review.queue.build_queue`."""
        return build_queue(self.alignment, self.state, threshold=threshold, status=status, kind=kind)

    def review_dict(self) -> dict[str, Any]:
        """The ``"review"`` object as it is written to the file."""
        return self.state.to_dict(order=[b.ids() for b in self.beads])

    @property
    def can_undo(self) -> bool:
        return bool(self.state.history) and self.state.history[-1].get("op") != "realign"

    @property
    def can_redo(self) -> bool:
        return bool(self.state.redo)

    # -- decisions ------------------------------------------------------------

    def accept(self, bead: Any, *, note: str | None = None, by: str | None = None) -> BeadState:
        """The alignment is right and the translation says the same."""
        return self._decide(bead, "accept", by, status=ReviewStatus.ACCEPTED, kind=None, severity=None, note=note)

    def mark_divergent(self, bead: Any, kind: str, severity: str = DEFAULT_SEVERITY, *,
                       note: str | None = None, by: str | None = None) -> BeadState:
        """The alignment is right but the sides differ: ``kind`` (omission, addition, meaning,
        number/date, name, style/other) and ``severity`` (minor, major, critical)."""
        return self._decide(bead, "divergent", by, status=ReviewStatus.DIVERGENT, kind=normalize_kind(kind),
                            severity=normalize_severity(severity), note=note)

    def reject(self, bead: Any, *, note: str | None = None, by: str | None = None) -> BeadState:
        """The two sides should not be aligned (a wrong alignment; fix it or leave it flagged)."""
        return self._decide(bead, "reject", by, status=ReviewStatus.REJECTED, kind=None, severity=None, note=note)

    def note(self, bead: Any, text: str, *, by: str | None = None) -> BeadState:
        """Set the note of a bead (keeps its status); an empty text clears it."""
        return self._decide(bead, "note", by, note=text)

    def reset(self, bead: Any, *, by: str | None = None) -> BeadState:
        """Back to ``pending`` with no note."""
        return self._decide(bead, "reset", by, status=ReviewStatus.PENDING, kind=None, severity=None, note="")

    def _decide(self, bead: Any, op: str, by: str | None, **changes: Any) -> BeadState:
        i = self.position(bead)
        ids = self.beads[i].ids()
        old = self.state.get(ids)
        if changes.get("note") is None:
            changes.pop("note", None)
        else:
            check_text(changes["note"], "note")
        new = old.with_(**changes, by=self._who(by), at=utc_now())
        self._record({"op": op, "bead": ids, "index": i, "by": new.by, "at": new.at,
                      "before": {"states": {ids: _state_json(old)}},
                      "after": {"states": {ids: _state_json(new)}}})
        return self.state.get(ids)

    # -- fixes ----------------------------------------------------------------

    def merge_next(self, bead: Any, *, by: str | None = None) -> int:
        """Merge a bead with the next one; returns the position of the merged bead."""
        return self._fix("merge-next", bead, by, lambda bs, i: fixes.merge_next(bs, i))

    def merge_prev(self, bead: Any, *, by: str | None = None) -> int:
        """Merge a bead with the previous one; returns the position of the merged bead."""
        return self._fix("merge-prev", bead, by, lambda bs, i: fixes.merge_prev(bs, i))

    def split(self, bead: Any, src_at: int, tgt_at: int, *, by: str | None = None) -> int:
        """Split a bead after its first ``src_at`` source and ``tgt_at`` target sentences."""
        return self._fix("split", bead, by, lambda bs, i: fixes.split(bs, i, src_at, tgt_at),
                         detail={"at": [src_at, tgt_at]})

    def move(self, bead: Any, side: Side, direction: str, *, by: str | None = None) -> int:
        """Move the last (``"next"``) or first (``"prev"``) sentence of ``side`` (``"source"``/``"target"``)
        to the neighbouring bead."""
        return self._fix(f"move-{side}-{direction}", bead, by, lambda bs, i: fixes.move(bs, i, side, direction))

    def detach(self, bead: Any, side: Side, sentence: int, *, by: str | None = None) -> int:
        """Put sentence ``sentence`` of ``side`` (``"source"``/``"target"``) into its own 1-0 / 0-1 bead."""
        return self._fix("detach", bead, by, lambda bs, i: fixes.detach(bs, i, side, sentence),
                         detail={"side": side, "sentence": sentence})

    def _fix(self, op: str, bead: Any, by: str | None, make: Callable[[tuple[Bead, ...], int], fixes.Edit],
             detail: dict[str, Any] | None = None) -> int:
        i = self.position(bead)
        edit = make(self.beads, i)
        edit.apply(self.beads)  # checks coverage before anything changes
        old = self.beads[edit.start:edit.start + edit.count]
        spliced = replace(self.alignment, beads=self.beads[:edit.start] + edit.new
                          + self.beads[edit.start + edit.count:])
        # similarity with the encoder that made the alignment (or the one given), divergence calibrated
        # on the whole alignment, exactly as at alignment time
        scored = rescore(spliced, range(edit.start, edit.start + len(edit.new)), encoder=self.encoder)
        new = tuple(canonical(b) for b in scored.beads[edit.start:edit.start + len(edit.new)])
        touched = [b.ids() for b in old] + [b.ids() for b in new if b.ids() not in {o.ids() for o in old}]
        before_states = {ids: _state_json(self.state.get(ids)) for ids in touched}
        who = self._who(by)
        after_states: dict[str, dict[str, Any] | None] = {ids: None for ids in touched}
        after_states.update(_kept_notes(old, new, self.state, who, utc_now()))
        change = {"op": op, "bead": self.beads[i].ids(), "index": edit.start, "by": who, "at": utc_now(),
                  "scoring": scoring_stamp(src_lang=self.alignment.src_lang, tgt_lang=self.alignment.tgt_lang),
                  "before": {"beads": [store.bead_to_dict(b) for b in old], "states": before_states},
                  "after": {"beads": [store.bead_to_dict(b) for b in new], "states": after_states}}
        if detail:
            change["detail"] = detail
        self._record(change)
        return edit.start if op.startswith("merge") else min(i, len(self.beads) - 1)

    # -- history --------------------------------------------------------------

    def _record(self, change: dict[str, Any]) -> None:
        self._apply(change, "after")
        self.state.history.append(change)
        self.state.redo.clear()
        self._changed()

    def undo(self) -> dict[str, Any]:
        """Undo the last change (decision or fix); returns it.  Raises ReviewError if there is none."""
        if not self.state.history:
            raise ReviewError("nothing to undo")
        change = self.state.history[-1]
        if change.get("op") == "realign":
            raise ReviewError(f"nothing to undo since the re-alignment of {change.get('at', '?')}")
        self._apply(change, "before")
        self.state.history.pop()
        self.state.redo.append(change)
        self._changed()
        return change

    def redo(self) -> dict[str, Any]:
        """Redo the last undone change; returns it."""
        if not self.state.redo:
            raise ReviewError("nothing to redo")
        change = self.state.redo[-1]
        self._apply(change, "after")
        self.state.redo.pop()
        self.state.history.append(change)
        self._changed()
        return change

    def _apply(self, change: dict[str, Any], to: str) -> None:
        """Bring the beads and states to the ``to`` side (``"before"``/``"after"``) of ``change``."""
        frm = "before" if to == "after" else "after"
        if "beads" in change[to]:
            start = int(change["index"])
            want = change[frm]["beads"]
            # the beads' sentences must match; their scores may come from an earlier scorer
            # (``align run`` re-scores stored alignments in place), so they are not compared
            have = [(list(b.src), list(b.tgt)) for b in self.beads[start:start + len(want)]]
            if have != [(list(d["src"]), list(d["tgt"])) for d in want]:
                raise ReviewError(f"the beads at position {start} are not what the change "
                                  f"{change.get('op')!r} of {change.get('at', '?')} expects; cannot apply it")
            new = tuple(store.bead_from_dict(copy.deepcopy(d)) for d in change[to]["beads"])
            self.alignment = replace(self.alignment,
                                     beads=self.beads[:start] + new + self.beads[start + len(want):])
            # recorded under an earlier scorer: score them anew
            a = self.alignment
            if change.get("scoring") != scoring_stamp(src_lang=a.src_lang, tgt_lang=a.tgt_lang):
                self.alignment = rescore_divergence(self.alignment, range(start, start + len(new)))
        for ids, st in change[to]["states"].items():
            self.state.set(ids, BeadState.from_dict(st) if st else None)

    # -- saving ---------------------------------------------------------------

    def _changed(self) -> None:
        self.dirty = True
        if self.autosave:
            self.save()

    def _who(self, by: str | None) -> str:
        return check_text((by or self.by or default_reviewer()).strip(), "reviewer's name")

    def save(self) -> int:
        """Write the file atomically; raises ConflictError if it changed on disk since it was read."""
        if self.path is None:
            raise ReviewError("this review has no file to save to; use Review.open(path)")
        saved = store.save(self.path, self.alignment, self.review_dict(), expected_revision=self.revision,
                           expected_stamp=self._stamp)
        self.revision, self._stamp, self.saved = saved.revision, saved.stamp, saved
        self.dirty = False
        return self.revision

    def reload(self) -> None:
        """Read the file again, dropping unsaved changes."""
        if self.path is None:
            raise ReviewError("this review has no file to reload from")
        fresh = store.load(self.path)
        self.alignment, self.state, self.revision = fresh.alignment, ReviewState.from_dict(fresh.review), fresh.revision
        self._stamp = fresh.stamp
        self.dirty = False

    def __repr__(self) -> str:
        where = self.path.name if self.path else "<memory>"
        decided = sum(1 for s in self.state.beads.values() if s.status != ReviewStatus.PENDING)
        return f"<Review {where} rev {self.revision}: {len(self.beads)} beads, {decided} decided>"


def _kept_notes(old: tuple[Bead, ...], new: tuple[Bead, ...], state: ReviewState, by: str,
                at: str) -> dict[str, dict[str, Any] | None]:
    """The states of the beads a fix made: pending (their decisions were about other beads), each keeping the
    notes of the old beads whose sentences it holds — a merged bead both beads' notes, joined by `` / ``."""
    out: dict[str, dict[str, Any] | None] = {}
    for b in new:
        notes = [state.get(o.ids()).note.strip() for o in old
                 if set(o.src) & set(b.src) or set(o.tgt) & set(b.tgt)]
        kept = " / ".join(dict.fromkeys(n for n in notes if n))
        if kept:
            out[b.ids()] = BeadState(note=kept, by=by, at=at).to_dict()
    return out


def _state_json(state: BeadState) -> dict[str, Any] | None:
    return None if state.is_blank else state.to_dict()
