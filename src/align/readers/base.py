"""What every reader returns, and the paragraph clean-up they share.

A reader turns one file into an :class:`Extracted`: the paragraphs of the
text in reading order, plus what it found out on the way (the encoding of a
text file, the title in the file's own metadata, notes such as "dropped a
running header on 12 pages").  :func:`Extracted.text` is what goes into
``texts/<doc>/<version>.txt``: paragraphs separated by one blank line, a line
break kept inside a paragraph where the file had a hard one (``<br>`` in
HTML, a line break in Word), and a newline at the end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_SPACES = re.compile(r"[ \t\r\f\v\u200b]+")
_SOFT_HYPHEN = "\u00ad"


@dataclass(frozen=True)
class Extracted:
    """The text of a document file, as paragraphs, and what the reader found out.

    ``format`` is the reader's name (txt, docx, odt, html, epub, pdf);
    ``encoding`` and ``detection`` are set for text files (and HTML) — the
    codec used and how it was chosen; ``title`` is the title the file's own
    metadata gives, if any; ``notes`` are one-line remarks for the user.
    """

    paragraphs: tuple[str, ...]
    format: str
    encoding: str = ""
    detection: str = ""
    title: str = ""
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The text as ``texts/`` stores it: paragraphs joined by a blank line, newline at the end."""
        return "\n\n".join(self.paragraphs) + "\n" if self.paragraphs else ""


def clean_paragraph(text: str) -> str:
    """One paragraph tidied: soft hyphens dropped, runs of spaces and tabs made one space,
    each line stripped, empty lines dropped (a paragraph never holds a blank line)."""
    text = text.replace(_SOFT_HYPHEN, "").replace("\u2028", "\n").replace("\u2029", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_paragraphs(parts: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Every paragraph cleaned by :func:`clean_paragraph`; empty ones dropped."""
    out = (clean_paragraph(p) for p in parts)
    return tuple(p for p in out if p)


def plural(n: int, word: str) -> str:
    """``"1 page"``, ``"3 pages"``."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")
