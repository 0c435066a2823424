"""Over-long segments: a stretch of text with no sentence end is cut into pieces an encoder can read.

A line of a megabyte with no full stop (a table flattened into one line, an
OCR dump, a list of names) would otherwise be one segment: the aligner would
pair it with anything, and the encoder would read only its beginning.  A
segment longer than :data:`MAX_SEGMENT_CHARS` is cut into pieces of at most
that length, each cut placed as a reader would: after the last clause mark
(comma, semicolon, colon, dash; the full-width ones of Chinese) in the second
half of the window, else at the last space there, else — text without spaces —
at the limit itself, never between a letter and its combining marks.  Offsets
stay exact: every piece is ``text[start:end]`` of the original, trimmed of
whitespace, and nothing but whitespace lies between the pieces.

The limit is far above any sentence of the benchmark data (the longest, in
Text+Berg, has 676 characters), so ordinary text is segmented exactly as
before.
"""
from __future__ import annotations

import unicodedata

from .spans import Span, skip_space, strip_span

#: A segment longer than this many characters is cut into pieces (see the module docstring).
MAX_SEGMENT_CHARS = 1000

#: Marks after which a cut reads naturally when a space follows.
CLAUSE_MARKS = frozenset(",;:—–")
#: Full-width marks of text written without spaces: a cut after them needs no space.
WIDE_CLAUSE_MARKS = frozenset("，；：、。")


def _cut_at(text: str, start: int, limit: int) -> int:
    """Where to cut the over-long stretch starting at ``start``: an offset in ``(start, start + limit]``."""
    end = start + limit
    floor = start + limit // 2  # a cut in the second half keeps the pieces of a useful size
    for i in range(end - 1, floor - 1, -1):
        ch = text[i]
        if ch in WIDE_CLAUSE_MARKS or (ch in CLAUSE_MARKS and i + 1 < len(text) and text[i + 1].isspace()):
            return i + 1
    for i in range(end - 1, floor - 1, -1):
        if text[i].isspace():
            return i
    cut = end
    while cut > start + 1 and unicodedata.combining(text[cut]):  # keep a letter with its marks
        cut -= 1
    return cut


def split_long_spans(text: str, spans: list[Span], limit: int = MAX_SEGMENT_CHARS) -> tuple[list[Span], list[Span]]:
    """``spans`` with every span longer than ``limit`` cut into pieces; also returns the spans that were cut.

    The pieces are trimmed and in order; the text between two pieces is whitespace only."""
    out: list[Span] = []
    long: list[Span] = []
    for start, end in spans:
        if end - start <= limit:
            out.append((start, end))
            continue
        long.append((start, end))
        pos = start
        while end - pos > limit:
            cut = _cut_at(text, pos, limit)
            piece = strip_span(text, pos, cut)
            if piece[0] < piece[1]:
                out.append(piece)
            pos = skip_space(text, cut)
        piece = strip_span(text, pos, end)
        if piece[0] < piece[1]:
            out.append(piece)
    return out, long
