"""Omission and addition: sentences with no counterpart, named, never hidden inside a merge.

- A 1-0 bead is an **omission** and a 0-1 bead an **addition**: the component
  is 1.0, and the reason names the sentence ("omission: source sentence 8
  “The Commission further…” has no counterpart in the target").
- A merged bead whose aligner found a sentence probably without counterpart
  (:attr:`~align.records.Bead.unmatched`, from the null-bead pass of
  :mod:`align.aligner.nulls`) gets a **partial omission** (a source sentence) or
  **partial addition** (a target sentence): the component's value is the
  aligner's evidence, raised to the review threshold when lower (the aligner
  lists only sentences whose evidence reached its ``null_flag`` setting, and
  each of them deserves a look), the reason names the sentence, and a mark covers it.

:func:`gap_of` gives the bead's *gap*: ``omission``, ``addition``,
``partial omission``, ``partial addition`` or ``""`` — the value every view
and export shows in its ``gap`` column.
"""
from __future__ import annotations

from ..records import SIDES, Alignment, Bead, Divergence, Mark, Side
from .base import CAP, Finding, quote

#: A listed sentence's component is at least this: the default review threshold, so the bead is flagged.
REVIEW_FLOOR = 0.5

#: The values of a bead's gap (see :func:`gap_of`), for filters and documentation.
GAPS = ("omission", "addition", "partial omission", "partial addition")

_OTHER: dict[Side, Side] = {"source": "target", "target": "source"}
#: The component an empty (or unmatched) sentence of each side gives.
_COMPONENT: dict[Side, str] = {"source": "omission", "target": "addition"}


def _sentence(alignment: Alignment, side: Side, index: int) -> str:
    segs = alignment.segments(side)
    return segs[index].clean if 0 <= index < len(segs) else ""


def _offsets(alignment: Alignment, bead: Bead, side: Side, index: int) -> tuple[int, int]:
    """Where sentence ``index`` lies in the bead side's joined text (sentences joined by one space)."""
    ids = bead.indexes(side)
    pos = 0
    for i in ids:
        text = _sentence(alignment, side, i)
        if i == index:
            return pos, pos + len(text)
        pos += len(text) + 1
    return 0, 0


def empty_bead(alignment: Alignment, bead: Bead) -> Divergence | None:
    """The divergence of a 1-0 or 0-1 bead, naming its sentences; None when both sides have sentences."""
    if bead.src and bead.tgt:
        return None
    side: Side = "source" if bead.src else "target"
    ids = bead.src or bead.tgt
    if not ids:
        return Divergence(0.0, {}, ("both sides are empty",))
    text = alignment.side_text(bead, side)
    if not text.strip():  # an empty line kept by presegmented input: nothing was left out
        return Divergence(0.0, {}, (f"{side} sentence {ids[0]} is empty",))
    component = _COMPONENT[side]
    which = ", ".join(str(i) for i in ids)
    noun = "sentence" if len(ids) == 1 else "sentences"
    reason = (f"{component}: {side} {noun} {which} {quote(text)} has no counterpart in the {_OTHER[side]}")
    return Divergence(1.0, {component: 1.0}, (reason,), (Mark(side, 0, len(text), component, component),))


def partial(alignment: Alignment, bead: Bead) -> list[Finding]:
    """Partial omission / addition findings of a merged bead, from its ``unmatched`` sentences."""
    out = []
    for side in SIDES:
        component = _COMPONENT[side]
        found = sorted((u for u in bead.unmatched if u.side == side), key=lambda u: u.index)
        if not found:
            continue
        keep = 1.0
        finding = Finding(component, 0.0)
        for u in found:
            keep *= 1.0 - min(max(u.value, REVIEW_FLOOR), CAP)
            text = _sentence(alignment, side, u.index)
            finding.reasons.append(f"partial {component}: {side} sentence {u.index} {quote(text)} probably has "
                                   f"no counterpart in the {_OTHER[side]} (evidence {u.value:.2f})")
            start, end = _offsets(alignment, bead, side, u.index)
            finding.marks.append(Mark(side, start, end, component, f"partial {component}"))
        finding.value = min(1.0 - keep, CAP)
        out.append(finding)
    return out


def gap_of(bead: Bead) -> str:
    """``omission`` (1-0), ``addition`` (0-1), ``partial omission`` / ``partial addition`` (a merged bead
    whose divergence names a sentence without counterpart; the stronger one when both), else ``""``."""
    comps = bead.divergence.components if bead.divergence is not None else {}
    if not (bead.src and bead.tgt):
        component = "omission" if bead.src else "addition" if bead.tgt else ""
        # an empty line of presegmented input left out is no omission
        return component if component and (bead.divergence is None or component in comps) else ""
    omitted, added = float(comps.get("omission", 0.0)), float(comps.get("addition", 0.0))
    if omitted <= 0.0 and added <= 0.0:
        return ""
    return "partial omission" if omitted >= added else "partial addition"
