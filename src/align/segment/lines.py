"""Structure lines: headings, date lines, salutations and signatures inside a paragraph.

Archival letters often put their frame on lines of their own with no blank
line between them::

    Ереван, 29 апреля 1920 г.
    Уважаемый господин министр!
    Сообщаю Вам, что ...

Such a line must be a segment of its own, not glued to the sentence on the
next line.  But a paragraph may also be *soft-wrapped* — hard line breaks
inside running prose — and those breaks must not split anything.  This module
decides, for every line break inside a paragraph, which of the two it is, and
cuts the paragraph into *blocks* at the structural breaks; each block then goes
to the language's sentence splitter.

The heuristic, for the break between a line ``L`` and the next line ``N``:

0. ``N`` starts with a list label (``1.``, ``2)``, ``(3)``, ``а)``, ``•``) and
   ``L`` ends with ``:``, ``;``, ``,`` or ``.`` (or the Armenian ``․``): hard.
   "The conditions are as follows:" / "1. Evacuation of Kars." / "2) отвод
   войск;" are list items, and so are Armenian items, which end with ``.``
   (the Armenian colon and semicolon) and start in lower case: "3. Որոշվեց." /
   "ա) որ ...".  (After a plain word the label may be a wrapped date, German
   "am / 26. April".)
1. ``N`` starts with a lower-case letter (after any quote, bracket or dash):
   soft.  Prose continues; nothing structural starts in lower case — except
   after a *heading in capitals*: "MINUTES No. 7" / "of the sitting of ...",
   "ПРОТОКОЛ № 7" / "заседания ...": a short line whose words of three
   letters or more are all in capitals stands alone.
2. ``L`` ends with sentence-final punctuation (``. ! ? … ։ 。 ！ ？``, possibly
   followed by closing quotes) and is not a date line: left to the sentence
   splitter, which splits there or not by its own rules.
3. ``L`` *fits*: the first word of ``N`` would have fitted on ``L`` within the
   document's line width, so a program or typist wrapping at that width would
   not have broken the line there — the break is deliberate: hard.
   ``line_width`` is the longest line of the document (the 98th percentile
   when it has 50 lines or more, so that one stray long line does not decide
   for all).  In a document whose paragraphs are single long lines every short
   line is therefore deliberate; in a wrapped one, only the short ones.
4. ``L`` is about as long as the longest line: soft — it is what a wrapped
   line looks like — unless ``L`` is a *date line* in a paragraph that shows
   no sign of wrapping (no line in it is followed by a line starting in lower
   case).

A *date line* is short (≤ 60 characters, ≤ 8 words), holds a year (``1920``,
``1920年``) or a numeric date, ends with the date itself (a number, ``г.``,
``թ.``, ``日`` ...) and holds no ``! ? ։ 。``: "Ереван, 29 апреля 1920 г." is
one even though its final abbreviation period would keep it attached to the
next sentence by the splitter.

Headings, salutations and signatures ("Dear Comrades,", "Dipredarmen
Tumanyan", "Speaker of the Grand National Assembly of Turkey Mustafa Kemal")
are caught by rule 3: they are shorter than the document's prose lines.  A
title-case test for lines as long as the longest one was tried and dropped:
it split wrapped headings and signatures ("... of the Grand National /
Assembly of Turkey ...") far more often than it helped.

Known limits: in a paragraph whose every line break is followed by a capital
letter, or in a wrapped paragraph inside a document of much longer unwrapped
lines, a line end followed by a capital letter may be taken as a structure
break; a structure line as long as the longest line of its document, not a
date, stays attached to the next line.
"""
from __future__ import annotations

import re

from .paragraphs import line_spans
from .spans import CLOSERS, Span, is_cjk, next_case, strip_span

#: Marks that end a sentence; a line ending in one of them is left to the splitter.
TERMINALS = ".!?…։。！？"

_YEAR = re.compile(r"(?<!\d)(?:1[0-9]|20)\d\d(?!\d)|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d+\s*年")
_LIST_LABEL = re.compile(r"(?:\(?\d{1,3}[.)]|\(?[^\W\d_]\)|[•▪●◦‣])\s")
_WORDS = re.compile(r"[^\W\d_]+")
_DATE_END = re.compile(r"(?:\d+|г|гг|года|году|թ|թթ|[年月日号])[.,]?$", re.IGNORECASE)


def document_width(text: str) -> int:
    """The width a text is wrapped at, in characters: its longest line, robustly.

    The 98th percentile of the trimmed line lengths when there are 50 lines or
    more, the maximum otherwise; 0 for a text without letters.
    """
    lengths = sorted(e - s for s, e in (strip_span(text, a, b) for a, b in line_spans(text)) if e > s)
    if not lengths:
        return 0
    if len(lengths) < 50:
        return lengths[-1]
    return lengths[int(0.98 * (len(lengths) - 1))]


def is_date_line(line: str) -> bool:
    """True for a short line that is a date, possibly with a place: "Angora, April 26, 1920"."""
    if len(line) > 60 or len(line.split()) > 8:
        return False
    if any(ch in "!?։。！？" for ch in line):
        return False
    return bool(_YEAR.search(line)) and bool(_DATE_END.search(line.rstrip(CLOSERS)))


def ends_terminal(line: str) -> bool:
    """True when the line ends with sentence-final punctuation, closing quotes allowed."""
    core = line.rstrip(CLOSERS + " \t")
    return bool(core) and core[-1] in TERMINALS


def _first_word_len(line: str) -> tuple[int, bool]:
    """Length of the first word of ``line`` and whether it is written without spaces (CJK)."""
    if is_cjk(line[0]):
        return 1, True
    return len(line.split(None, 1)[0]), False


def is_caps_heading(line: str) -> bool:
    """True for a short line whose words of three letters or more are all in capitals: "MINUTES No. 7"."""
    if len(line) > 60 or ends_terminal(line) and not line.endswith(tuple("0123456789")):
        return False
    long_words = [w for w in _WORDS.findall(line) if len(w) >= 3]
    return bool(long_words) and all(w.isupper() for w in long_words)


def is_hard_break(line: str, following: str, width: int, *, wrapped: bool = False) -> bool:
    """Whether the break between ``line`` and the ``following`` line is structural.

    Both lines are trimmed and non-empty; ``wrapped`` tells whether the
    paragraph shows signs of soft wrapping.  See the module docstring for the rules.
    """
    if line[-1] in ":;,.․" and _LIST_LABEL.match(following):
        return True
    if next_case(following, 0) == "lower":
        return is_caps_heading(line)
    date = is_date_line(line)
    if ends_terminal(line) and not date:
        return False
    word, cjk = _first_word_len(following)
    if len(line) + (0 if cjk else 1) + word <= width:
        return True
    return date and not wrapped


def line_blocks(text: str, *, line_width: int | None = None) -> list[Span]:
    """Spans of ``text`` cut at blank lines and structural line breaks, trimmed.

    ``line_width`` defaults to the longest line of ``text`` itself.
    """
    lines = [strip_span(text, s, e) for s, e in line_spans(text)]
    width = line_width or max((e - s for s, e in lines), default=0)
    wrapped = any(a[1] > a[0] and b[1] > b[0] and next_case(text, b[0]) == "lower"
                  for a, b in zip(lines, lines[1:]))
    blocks: list[Span] = []
    start = -1
    prev: Span | None = None
    for s, e in lines:
        if s == e:  # a blank line always separates
            if prev is not None:
                blocks.append((start, prev[1]))
            prev = None
            continue
        if prev is None:
            start = s
        elif is_hard_break(text[prev[0]:prev[1]], text[s:e], width, wrapped=wrapped):
            blocks.append((start, prev[1]))
            start = s
        prev = (s, e)
    if prev is not None:
        blocks.append((start, prev[1]))
    return blocks
