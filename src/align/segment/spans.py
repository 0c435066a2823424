"""Spans and the small text helpers every sentence splitter shares.

A splitter works on one paragraph at a time and answers with ``(start, end)``
character spans into the paragraph it was given (:data:`Span`).  The helpers
here trim spans, look at what follows a boundary and check a splitter's output;
they depend on nothing else in the package, so every splitter module, the line
blocks (:mod:`.lines`) and the base class (:mod:`.base`) can use them.
"""
from __future__ import annotations

import re

#: A ``(start, end)`` character span; ``text[start:end]`` is the piece.
Span = tuple[int, int]

#: Line breaks, the same set ``str.splitlines`` knows; ``\r\n`` is one break.
LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

#: Characters that close a quotation or a bracket and so may follow the mark
#: that ends a sentence (``."``, ``.»``, ``!”``, ``?)``, ``。」``).
CLOSERS = "\"'»”’)]}›」』）》】〕〉"

#: Characters skipped when looking for the first letter of what follows a
#: boundary: opening quotes and brackets, dashes, bullets.
OPENERS = "\"'«„“‘‚‹([{—–-‐‑‒―•*·「『（《【〔〈¿¡"


def strip_span(text: str, start: int, end: int) -> Span:
    """``(start, end)`` narrowed so that ``text[start:end]`` has no surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def skip_space(text: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not whitespace (or ``len(text)``)."""
    n = len(text)
    while pos < n and text[pos].isspace():
        pos += 1
    return pos


def is_cjk(ch: str) -> bool:
    """True for a Han, kana or CJK punctuation character (text written without spaces)."""
    o = ord(ch)
    return (0x3000 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xF900 <= o <= 0xFAFF or 0xFF00 <= o <= 0xFFEF or 0x20000 <= o <= 0x2FFFF)


def next_case(text: str, pos: int, limit: int = 12) -> str | None:
    """What kind of character opens the text at ``pos``, skipping space and openers.

    Returns ``"lower"``, ``"upper"``, ``"digit"``, ``"other"`` (a letter without
    case, such as Han, or a symbol) or ``None`` when nothing but space and
    openers follows within ``limit`` characters.
    """
    end = min(len(text), pos + limit)
    for i in range(pos, end):
        ch = text[i]
        if ch.isspace() or ch in OPENERS:
            continue
        if ch.islower():
            return "lower"
        if ch.isupper() or ch.istitle():
            return "upper"
        if ch.isdigit():
            return "digit"
        return "other"
    return None


def check_spans(text: str, spans: list[Span]) -> list[Span]:
    """Trim, drop empty spans, and merge any two spans whose gap holds more than whitespace.

    The result is sorted, non-overlapping, covers every non-space character of
    ``text`` and has no span starting or ending in whitespace — the invariant
    :func:`align.segment.segment_text` promises.
    """
    out: list[Span] = []
    cursor = 0
    for start, end in sorted(spans):
        start, end = strip_span(text, max(start, cursor), end)
        if start >= end:
            continue
        gap = text[out[-1][1]:start] if out else ""
        if gap and not gap.isspace():
            start = out.pop()[0]
        out.append((start, end))
        cursor = end
    # Anything a splitter left out (it should not) is glued to its neighbour.
    first = skip_space(text, 0)
    if out and first < out[0][0]:
        out[0] = (first, out[0][1])
    last = strip_span(text, 0, len(text))[1]
    if out and out[-1][1] < last:
        out[-1] = (out[-1][0], last)
    if not out and first < last:
        out.append((first, last))
    return out
