"""Alignment fixes as pure functions: merge, split, move and detach sentences.

Each fix looks at the beads around one position and returns an :class:`Edit`:
which slice of the bead list to replace and the new beads (without scores —
the caller re-scores them).  A sentence the aligner listed as probably without
counterpart (:attr:`Bead.unmatched`) stays listed on the new bead that holds it,
as long as it is still on a merged side of a bead with both sides.  A fix never changes which sentences are covered
or their order: the concatenated source (and target) indexes of the new beads
equal those of the beads they replace, and no bead is left empty.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..errors import ReviewError
from ..records import SIDES, Bead, Side

DIRECTIONS = ("next", "prev")


@dataclass(frozen=True)
class Edit:
    """Replace ``beads[start:start + count]`` with ``new``."""

    start: int
    count: int
    new: tuple[Bead, ...]

    def apply(self, beads: Sequence[Bead]) -> tuple[Bead, ...]:
        """The bead list with this edit applied (checked: same sentences, same order, none empty)."""
        old = tuple(beads[self.start:self.start + self.count])
        check_same_cover(old, self.new)
        return tuple(beads[:self.start]) + self.new + tuple(beads[self.start + self.count:])


def _plain(src: Sequence[int], tgt: Sequence[int]) -> Bead:
    return Bead(src=tuple(src), tgt=tuple(tgt))


def carry_unmatched(old: Sequence[Bead], new: Sequence[Bead]) -> tuple[Bead, ...]:
    """``new`` with the ``unmatched`` sentences of ``old`` that are still on a merged side (two or more
    sentences) of a new bead with both sides; the others are dropped (the bead is scored afresh)."""
    listed = [u for b in old for u in b.unmatched]
    out = []
    for b in new:
        keep = tuple(u for u in listed if b.src and b.tgt and len(b.indexes(u.side)) >= 2
                     and u.index in b.indexes(u.side))
        out.append(replace(b, unmatched=keep) if keep != b.unmatched else b)
    return tuple(out)


def _check_index(beads: Sequence[Bead], i: int) -> None:
    if not 0 <= i < len(beads):
        raise ReviewError(f"no bead at position {i}: the alignment has {len(beads)} beads (0 to {len(beads) - 1})")


def check_same_cover(old: Sequence[Bead], new: Sequence[Bead]) -> None:
    """Raise :class:`ReviewError` unless ``new`` covers exactly the sentences of ``old``, in order."""
    for side in SIDES:
        before = [i for b in old for i in b.indexes(side)]
        after = [i for b in new for i in b.indexes(side)]
        if before != after:
            raise ReviewError(f"a fix would change the {side} sentences {before} into {after}; refused")
    if any(not b.src and not b.tgt for b in new):
        raise ReviewError("a fix would leave an empty bead; refused")


def check_monotone_covering(beads: Sequence[Bead], n_src: int, n_tgt: int) -> None:
    """Raise :class:`ReviewError` unless the beads cover ``0..n-1`` of each side once, in order."""
    for side, n in zip(SIDES, (n_src, n_tgt)):
        seen = [i for b in beads for i in b.indexes(side)]
        if seen != list(range(n)):
            raise ReviewError(f"the beads do not cover the {side} sentences 0..{n - 1} once and in order")
    if any(not b.src and not b.tgt for b in beads):
        raise ReviewError("the alignment has an empty bead")


def merge_next(beads: Sequence[Bead], i: int) -> Edit:
    """Merge bead ``i`` with the bead after it."""
    _check_index(beads, i)
    if i + 1 >= len(beads):
        raise ReviewError(f"bead {i} is the last one; there is no next bead to merge with")
    a, b = beads[i], beads[i + 1]
    return Edit(i, 2, carry_unmatched((a, b), (_plain(a.src + b.src, a.tgt + b.tgt),)))


def merge_prev(beads: Sequence[Bead], i: int) -> Edit:
    """Merge bead ``i`` with the bead before it."""
    _check_index(beads, i)
    if i == 0:
        raise ReviewError("bead 0 is the first one; there is no previous bead to merge with")
    return merge_next(beads, i - 1)


def split(beads: Sequence[Bead], i: int, src_at: int, tgt_at: int) -> Edit:
    """Split bead ``i`` in two: its first ``src_at`` source and ``tgt_at`` target sentences, and the rest."""
    _check_index(beads, i)
    b = beads[i]
    if not (0 <= src_at <= len(b.src) and 0 <= tgt_at <= len(b.tgt)):
        raise ReviewError(f"cannot split bead {b.ids()} at {src_at}:{tgt_at}: it has {len(b.src)} source and "
                          f"{len(b.tgt)} target sentences (use I:J with 0≤I≤{len(b.src)}, 0≤J≤{len(b.tgt)})")
    first = _plain(b.src[:src_at], b.tgt[:tgt_at])
    second = _plain(b.src[src_at:], b.tgt[tgt_at:])
    if not (first.src or first.tgt) or not (second.src or second.tgt):
        raise ReviewError(f"splitting bead {b.ids()} at {src_at}:{tgt_at} would leave an empty part; "
                          "each part needs at least one sentence")
    return Edit(i, 1, carry_unmatched((b,), (first, second)))


def move(beads: Sequence[Bead], i: int, side: Side, direction: str) -> Edit:
    """Move one sentence of bead ``i`` into the neighbouring bead.

    ``direction="next"`` moves the last ``side`` sentence to the front of the next
    bead; ``"prev"`` moves the first one to the end of the previous bead.  A bead
    left with no sentence at all disappears.
    """
    _check_index(beads, i)
    if side not in SIDES:
        raise ReviewError(f"unknown side {side!r}; use one of: {', '.join(SIDES)}")
    if direction not in DIRECTIONS:
        raise ReviewError(f"unknown direction {direction!r}; use one of: {', '.join(DIRECTIONS)}")
    b = beads[i]
    own = b.indexes(side)
    if not own:
        raise ReviewError(f"bead {b.ids()} has no {side} sentence to move")
    j = i + 1 if direction == "next" else i - 1
    if not 0 <= j < len(beads):
        raise ReviewError(f"bead {b.ids()} has no {direction} bead to move a sentence to")
    other = beads[j]
    theirs = other.indexes(side)
    if direction == "next":
        own, theirs = own[:-1], own[-1:] + theirs
    else:
        own, theirs = own[1:], theirs + own[:1]
    moved = _with(b, side, own)
    target = _with(other, side, theirs)
    pair = (moved, target) if direction == "next" else (target, moved)
    kept = tuple(x for x in pair if x.src or x.tgt)
    return Edit(min(i, j), 2, carry_unmatched((b, other), kept))


def detach(beads: Sequence[Bead], i: int, side: Side, sentence: int) -> Edit:
    """Take sentence ``sentence`` (its index in the version) out of bead ``i`` into its own 1-0 / 0-1 bead.

    The sentence must be the first or the last of its side in the bead, so the
    beads stay in order; split the bead first to detach one from the middle.
    """
    _check_index(beads, i)
    if side not in SIDES:
        raise ReviewError(f"unknown side {side!r}; use one of: {', '.join(SIDES)}")
    b = beads[i]
    own = b.indexes(side)
    other_side: Side = "target" if side == "source" else "source"
    if sentence not in own:
        raise ReviewError(f"bead {b.ids()} has no {side} sentence {sentence} (it has {list(own) or 'none'})")
    if len(own) == 1 and not b.indexes(other_side):
        raise ReviewError(f"{side} sentence {sentence} is already on its own in bead {b.ids()}")
    alone = _with(_plain((), ()), side, (sentence,))
    if own[0] == sentence:
        rest = _with(b, side, own[1:])
        new = (alone, rest)
    elif own[-1] == sentence:
        rest = _with(b, side, own[:-1])
        new = (rest, alone)
    else:
        raise ReviewError(f"{side} sentence {sentence} is in the middle of bead {b.ids()}; only the first or last "
                          "sentence can be detached — split the bead first")
    return Edit(i, 1, carry_unmatched((b,), tuple(x for x in new if x.src or x.tgt)))


def _with(bead: Bead, side: Side, indexes: Sequence[int]) -> Bead:
    if side == "source":
        return _plain(indexes, bead.tgt)
    return _plain(bead.src, indexes)
