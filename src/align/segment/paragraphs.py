"""Paragraphs: runs of non-blank lines, separated by one or more blank lines.

A line is blank when it holds nothing but whitespace (spaces, tabs, a stray
``\\r``, no-break spaces).  Line breaks are the ones ``str.splitlines`` knows,
``\\r\\n`` counting as one, so CRLF and LF files split the same way.  Nothing is
normalised: the spans index into the text exactly as given, CRs included.
"""
from __future__ import annotations

from .spans import LINE_BREAK, Span, strip_span


def line_spans(text: str) -> list[Span]:
    """``(start, end)`` of every line, line break excluded; a final empty line is not counted."""
    spans: list[Span] = []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text)))
    return spans


def split_paragraphs(text: str) -> list[Span]:
    """Spans of the paragraphs of ``text``, each trimmed of surrounding whitespace.

    >>> split_paragraphs("Title\\r\\n\\r\\nOne.\\nTwo.\\n \\t\\nThree.\\n")
    [(0, 5), (9, 18), (23, 29)]
    """
    paragraphs: list[Span] = []
    start = end = -1
    for s, e in line_spans(text):
        s, e = strip_span(text, s, e)
        if s == e:  # blank line: close the open paragraph
            if start >= 0:
                paragraphs.append((start, end))
                start = -1
            continue
        if start < 0:
            start = s
        end = e
    if start >= 0:
        paragraphs.append((start, end))
    return paragraphs
