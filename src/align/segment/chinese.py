"""Chinese: split after the sentence-final marks, keeping closing quotes and brackets.

Chinese needs no model: a sentence ends at ``。`` ``！`` ``？`` (or their
half-width forms ``!`` ``?`` in mixed typing), and runs such as ``？！`` or
``！！`` are one ending.  Any closing quotes or brackets right after the mark
(``」 』 ” ’ ） 》 】 〕 〉`` and ASCII ``" ' )``) belong to the sentence, so
``他说：“走吧。”`` ends after ``”``.  ``；`` (semicolon), ``：`` and ``，`` never
split; neither does the ellipsis ``……``, which in Chinese usually trails off
inside a sentence.  A quotation that holds several sentences is split inside
the quotes, like every common Chinese splitter does.  The ASCII period is not
a full stop in Chinese text (it is a decimal point: ``3.5``).
"""
from __future__ import annotations

import re

from .base import SentenceSplitter
from .spans import CLOSERS, Span, skip_space

_END = re.compile(rf"[。！？!?]+[{re.escape(CLOSERS)}]*")


class ChineseSplitter(SentenceSplitter):
    """Punctuation-based splitter for Chinese, simplified or traditional."""

    code = "zh"
    method = "zh-punctuation"

    def split_block(self, block: str) -> list[Span]:
        spans: list[Span] = []
        start = 0
        for m in _END.finditer(block):
            nxt = skip_space(block, m.end())
            if nxt < len(block):
                spans.append((start, m.end()))
                start = nxt
        spans.append((start, len(block)))
        return spans


def make(code: str = "zh") -> ChineseSplitter:
    return ChineseSplitter()
