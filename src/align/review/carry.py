"""Re-alignment keeps the work: carry decisions over to a new alignment of the same pair.

A decision follows its bead's *texts*, not its indexes: a bead of the new
alignment whose source and target sentences read exactly as those of a decided
old bead (whitespace aside, and Unicode normalisation aside: a text re-saved in
NFD, ``u`` + combining diaeresis for ``ü``, reads as the same text) gets that
decision.  Decisions with no such bead are *orphaned*: kept in
``review["orphaned"]`` with their old texts as they were written, and reported.
An orphan whose texts come back in a later alignment is attached again.
"""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import store
from ..records import Alignment, Bead, Signature
from .state import BeadState, ReviewState, default_reviewer, utc_now

TextKey = tuple[tuple[str, ...], tuple[str, ...]]


@dataclass(frozen=True)
class CarriedDecision:
    """A decision moved from an old bead to the new bead with the same texts."""

    old_ids: str
    new_ids: str
    status: str


@dataclass(frozen=True)
class OrphanedDecision:
    """A decision that no bead of the new alignment matches, with the texts it was about."""

    ids: str
    source: tuple[str, ...]
    target: tuple[str, ...]
    state: BeadState
    reason: str
    since: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"ids": self.ids, "source": list(self.source), "target": list(self.target),
                "state": self.state.to_dict(), "reason": self.reason, "since": self.since}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OrphanedDecision:
        return cls(ids=str(data.get("ids", "")), source=tuple(data.get("source", ())),
                   target=tuple(data.get("target", ())), state=BeadState.from_dict(data.get("state")),
                   reason=str(data.get("reason", "")), since=str(data.get("since", "")))


@dataclass(frozen=True)
class CarryOverReport:
    """What happened to the review when a pair was aligned again."""

    path: Path | None = None
    carried: tuple[CarriedDecision, ...] = ()
    orphaned: tuple[OrphanedDecision, ...] = ()
    reattached: tuple[CarriedDecision, ...] = ()
    still_orphaned: int = 0
    created: bool = False
    unchanged: bool = False

    def summary(self) -> str:
        """One line for a log or a terminal."""
        where = f"{self.path}: " if self.path else ""
        if self.created:
            return f"{where}new alignment file (no earlier review to carry over)"
        if self.unchanged:
            return f"{where}texts and settings unchanged; the stored alignment and its review were kept as they are"
        parts = [f"{len(self.carried)} decision(s) carried over"]
        if self.reattached:
            parts.append(f"{len(self.reattached)} earlier orphan(s) attached again")
        parts.append(f"{len(self.orphaned)} newly orphaned")
        if self.still_orphaned:
            parts.append(f"{self.still_orphaned} still orphaned from before")
        return where + ", ".join(parts)

    def __str__(self) -> str:
        lines = [self.summary()]
        for o in self.orphaned:
            src = " ".join(o.source)[:70]
            tgt = " ".join(o.target)[:70]
            lines.append(f"  orphaned {o.ids} ({o.state.status}): {src!r} | {tgt!r} — {o.reason}")
        return "\n".join(lines)


def bead_texts(alignment: Alignment, bead: Bead) -> TextKey:
    """The texts of a bead's two sides, sentence by sentence, with whitespace collapsed (as written)."""
    return (tuple(alignment.src_segments[i].clean for i in bead.src),
            tuple(alignment.tgt_segments[i].clean for i in bead.tgt))


def match_key(texts: TextKey) -> TextKey:
    """What decisions are matched by: the texts in Unicode NFC, so that NFC and NFD spellings of a
    sentence are the same sentence.  Only for matching: what is stored and shown stays as written."""
    return (tuple(unicodedata.normalize("NFC", t) for t in texts[0]),
            tuple(unicodedata.normalize("NFC", t) for t in texts[1]))


def bead_key(alignment: Alignment, bead: Bead) -> TextKey:
    """The key a decision on ``bead`` is matched by (:func:`match_key` of :func:`bead_texts`)."""
    return match_key(bead_texts(alignment, bead))


def _occurrences(alignment: Alignment) -> tuple[dict[TextKey, list[int]], list[tuple[TextKey, int]]]:
    """For each key, the bead positions that have it; for each bead, (key, occurrence number)."""
    where: dict[TextKey, list[int]] = defaultdict(list)
    per_bead: list[tuple[TextKey, int]] = []
    for i, b in enumerate(alignment.beads):
        key = bead_key(alignment, b)
        per_bead.append((key, len(where[key])))
        where[key].append(i)
    return where, per_bead


def carry_over(old: store.StoredAlignment, new: Alignment, *,
               by: str | None = None) -> tuple[dict[str, Any], CarryOverReport]:
    """The review object for ``new`` built from ``old``'s, and a report of what moved and what was orphaned.

    Decisions go to the new bead whose sentence texts on both sides equal the old
    bead's (the n-th such bead for the n-th old one, when texts repeat).  The
    change history of the old alignment refers to beads that no longer exist, so
    it is replaced by one ``"realign"`` entry, which undo does not go past.
    """
    old_state = ReviewState.from_dict(old.review)
    new_where, _ = _occurrences(new)
    _, old_per_bead = _occurrences(old.alignment)
    now = utc_now()
    result = ReviewState()
    carried: list[CarriedDecision] = []
    orphaned: list[OrphanedDecision] = []
    old_ids_here = set()
    for b, (key, nth) in zip(old.alignment.beads, old_per_bead):
        ids = b.ids()
        old_ids_here.add(ids)
        st = old_state.beads.get(ids)
        if st is None:
            continue
        targets = new_where.get(key, [])
        if nth < len(targets):
            new_ids = new.beads[targets[nth]].ids()
            result.set(new_ids, st)
            carried.append(CarriedDecision(ids, new_ids, st.status))
        else:
            reason = ("the sentences were edited, or aligned differently" if not targets
                      else "this text now occurs fewer times")
            src, tgt = bead_texts(old.alignment, b)
            orphaned.append(OrphanedDecision(ids, src, tgt, st, reason, since=now))
    for ids, st in old_state.beads.items():  # states whose bead was already gone: keep them too
        if ids not in old_ids_here:
            orphaned.append(OrphanedDecision(ids, (), (), st, "its bead was not in the stored alignment", now))
    reattached: list[CarriedDecision] = []
    kept: list[dict[str, Any]] = []
    used = _used_positions(new, result)
    for raw in old_state.orphaned:
        o = OrphanedDecision.from_dict(raw)
        free = [i for i in new_where.get(match_key((o.source, o.target)), []) if i not in used]
        if free and (o.source or o.target):
            new_ids = new.beads[free[0]].ids()
            used.add(free[0])
            result.set(new_ids, o.state)
            reattached.append(CarriedDecision(o.ids, new_ids, o.state.status))
        else:
            kept.append(raw)
    result.orphaned = kept + [o.to_dict() for o in orphaned]
    report = CarryOverReport(path=old.path, carried=tuple(carried), orphaned=tuple(orphaned),
                             reattached=tuple(reattached), still_orphaned=len(kept))
    result.carry_over = {"at": now, "carried": len(carried), "orphaned": len(orphaned),
                         "reattached": len(reattached), "from_signature": str(old.alignment.signature),
                         "to_signature": str(new.signature)}
    result.history = [{"op": "realign", "at": now, "by": (by or default_reviewer()).strip(),
                       "before": {"states": {}}, "after": {"states": {}},
                       "summary": report.summary()}]
    return result.to_dict(order=[b.ids() for b in new.beads]), report


def _used_positions(alignment: Alignment, state: ReviewState) -> set[int]:
    return {i for i, b in enumerate(alignment.beads) if b.ids() in state.beads}


def same_work(sa: Signature, sb: Signature) -> bool:
    """Same texts, model and settings, segmentation included (the workbench version and the
    divergence scorer, ``settings["scoring"]`` and ``settings["scoring_*"]``, may differ: scores
    are redone without re-aligning)."""
    def settings(s: Signature) -> dict:
        return {k: v for k, v in s.settings.items() if k != "scoring" and not k.startswith("scoring_")}
    return (sa.src_sha256, sa.tgt_sha256, sa.model, settings(sa)) == \
           (sb.src_sha256, sb.tgt_sha256, sb.model, settings(sb))


def _same_work(a: Alignment, b: Alignment) -> bool:
    return same_work(a.signature, b.signature)


def merge_into_store(path: str | Path, new_alignment: Alignment, *, by: str | None = None,
                     keep_if_unchanged: bool = True) -> CarryOverReport:
    """Save ``new_alignment`` to ``path``, carrying over the review of the file already there.

    - no file yet: it is written with an empty review;
    - the file's texts, model and settings equal the new alignment's (and
      ``keep_if_unchanged``): nothing is written, so fixes and decisions stay;
    - otherwise decisions are carried over (:func:`carry_over`), the rest are
      kept as orphans, and the file is replaced atomically.

    A file that cannot be read (corrupt, or from a newer workbench) raises
    :class:`~align.errors.StoreError` and is left untouched; a file saved by
    someone else meanwhile raises :class:`~align.errors.ConflictError`.
    """
    p = Path(path)
    if not p.exists():
        store.save(p, new_alignment, ReviewState().to_dict(), expected_revision=None)
        return CarryOverReport(path=p, created=True)
    old = store.load(p)
    if keep_if_unchanged and _same_work(old.alignment, new_alignment):
        return CarryOverReport(path=p, unchanged=True,
                               still_orphaned=len(ReviewState.from_dict(old.review).orphaned))
    review, report = carry_over(old, new_alignment, by=by)
    store.save(p, new_alignment, review, expected_revision=old.revision)
    return report


def orphans(review: dict[str, Any]) -> list[OrphanedDecision]:
    """The orphaned decisions kept in a ``"review"`` object."""
    return [OrphanedDecision.from_dict(o) for o in ReviewState.from_dict(review).orphaned]


def orphan_json(raw: dict[str, Any]) -> dict[str, Any]:
    """One orphan as the review page, ``align review list --json`` and the reports show it: the bead
    it was on, its texts as they were, the decision (status, kind, severity, note, who, when) and why."""
    o = OrphanedDecision.from_dict(raw)
    return {"ids": o.ids, "source": " ".join(o.source), "target": " ".join(o.target), **o.state.to_dict(),
            "reason": o.reason, "since": o.since}
