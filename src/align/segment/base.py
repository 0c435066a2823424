"""What every sentence splitter shares: spans, the base class, small text helpers.

A splitter works on one paragraph at a time and answers with ``(start, end)``
character spans into the paragraph it was given.  :class:`SentenceSplitter`
implements the public entry point once — cut the paragraph into line blocks
(:mod:`align.segment.lines`), split each block, trim whitespace off every span,
check the result — and each language fills in one hook,
:meth:`SentenceSplitter.split_block`.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod

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


class SentenceSplitter(ABC):
    """Splits one paragraph of one language into sentence spans.

    Subclasses set :attr:`code` and :attr:`method` and implement
    :meth:`split_block`; :meth:`split` is the entry point and is the same for all.
    """

    #: Canonical language code, e.g. ``"ru"``.
    code: str = ""
    #: Short name of the method, e.g. ``"punkt"``; part of :meth:`signature`.
    method: str = ""
    #: Bumped whenever a rule changes what the splitter outputs.
    #: 2: a heading in capitals stands alone before a lower-case subtitle; a list item after a line
    #: ending in "." (:mod:`.lines`); Punkt's Russian model no longer takes «груз.», «мир.» ... for
    #: abbreviations, and «Дж.» is one; a Latin-script sentence inside Armenian text ends at ".".
    rules_version: str = "2"

    def split(self, text: str, *, line_width: int | None = None) -> list[Span]:
        """Sentence spans of one paragraph, trimmed of whitespace, in order.

        ``line_width`` is the width the document is wrapped at (see
        :func:`align.segment.lines.document_width`); by default it is measured on
        ``text`` alone.
        """
        from .lines import line_blocks  # lines imports this module, so not at the top

        spans: list[Span] = []
        for start, end in line_blocks(text, line_width=line_width):
            for s, e in self.split_block(text[start:end]):
                spans.append((start + s, start + e))
        return check_spans(text, spans)

    @abstractmethod
    def split_block(self, block: str) -> list[Span]:
        """Sentence spans of one block of lines that carries no structure break.

        ``block`` has no leading or trailing whitespace; the spans need not be
        trimmed (the caller trims them) but must be in order and not overlap.
        """

    def describe(self) -> str:
        """What the splitter runs on, e.g. ``"nltk 3.9, model russian"``; no versions by default."""
        return ""

    def signature(self) -> str:
        """A string naming the method, its data and versions, for output files to record."""
        extra = self.describe()
        return f"segment:{self.code}:{self.method}" + (f"({extra})" if extra else "") + f"|rules:{self.rules_version}"
