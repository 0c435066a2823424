"""The base class of every sentence splitter.

A splitter works on one paragraph at a time and answers with ``(start, end)``
character spans into the paragraph it was given.  :class:`SentenceSplitter`
implements the public entry point once — cut the paragraph into line blocks
(:mod:`align.segment.lines`), split each block, trim whitespace off every span,
check the result (:func:`~align.segment.spans.check_spans`) — and each
language fills in one hook, :meth:`SentenceSplitter.split_block`.
"""
from __future__ import annotations

from abc import ABC, abstractmethod

from .lines import line_blocks
from .spans import Span, check_spans


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
