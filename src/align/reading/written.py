"""A divergence found on the readings of a bead's sides, put back on the text as written.

The components score the readings (normalised words); a person reads the text
as written.  Marks are mapped back through each side's :class:`Reading`, and
a word a reason quotes in its read form is quoted as written
("“Հովհաննես”" → "“Յովհաննէս”").
"""
from __future__ import annotations

import dataclasses
import re

from ..records import Alignment, Bead, Divergence, Mark, Side
from . import normalise
from .offsets import Reading


def read_side(alignment: Alignment, bead: Bead, side: Side) -> str:
    """A bead's side (:meth:`Alignment.side_text`) in the spelling that side was read in, as the
    encoder and the components see it; the text as written when the side was read as written."""
    orthography = alignment.orthography(side)
    text = alignment.side_text(bead, side)
    if not orthography:
        return text
    return normalise(text, alignment.lang(side), orthography).text


def as_written(div: Divergence, src: Reading, tgt: Reading) -> Divergence:
    """``div`` with marks in the offsets of the texts as written and reasons quoting them."""
    if not (src.changed or tgt.changed):
        return div
    marks = tuple(_mark(m, src if m.side == "source" else tgt) for m in div.marks)
    words: dict[str, str] = {}
    for reading in (src, tgt):
        for written, read in reading.changes():
            words.setdefault(read, written)
    reasons = div.reasons
    if words:
        pattern = re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
                             + r")(?![^\W\d_])")
        reasons = tuple(pattern.sub(lambda m: words[m.group()], r) for r in div.reasons)
    return dataclasses.replace(div, marks=marks, reasons=reasons)


def _mark(mark: Mark, reading: Reading) -> Mark:
    if not reading.changed:
        return mark
    start, end = reading.source_span(mark.start, mark.end)
    return dataclasses.replace(mark, start=start, end=end)
