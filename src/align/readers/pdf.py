"""PDF files with a text layer: lines → paragraphs, running heads and page numbers dropped.

pypdf (BSD, pure Python) extracts each page's text together with where every
piece of it sits (its text and transformation matrices).  From that:

* **Lines** keep their position (x of the first letter, baseline y, font size).
* **Running headers and footers**: a line among the two top-most or two
  bottom-most of a page whose text, with digits ignored, recurs at the same
  height (within 3 points) on at least two pages and on at least a quarter
  of them ("The Kemal Proposal", "Chapter 3 — Documents") is dropped from
  every page.
* **Page numbers**: an edge line that is only a number ("12", "— 12 —",
  "Page 12", "стр. 12", "xii") is dropped when such lines occur on at least
  half of the pages (on a one-page PDF: only "1").
* **Paragraphs**: a new paragraph starts where the font size changes by more
  than 15%, where the gap above a line is more than 1.18 times the
  document's usual line spacing (paragraph spacing), where a line is
  indented past the one before it (a first-line indent), where the line
  before ended short (the next word would have fitted on it), and at a page
  break after a line ending a sentence.  Otherwise lines are joined with a
  space.
* **Hyphenated line breaks** are joined by :mod:`align.readers.hyphens`
  (language-aware: "hyphen-/ated" → "hyphenated", "well-/known" stays).
* Typographic ligatures (ﬁ, ﬂ, ...) become their letters.

Refused, with a one-line error and nothing written: a scan (pages with images
but no text: :class:`~align.errors.NoTextLayerError`, run OCR first), a
password-protected file (:class:`~align.errors.ProtectedDocumentError`), a
corrupt or truncated one (:class:`~align.errors.DocumentFormatError`), and a
PDF with no text and no images (:class:`~align.errors.EmptyInputError`).
A PDF where only some pages are scans is read, with a note naming the pages
that gave no text.
"""
from __future__ import annotations

import io
import logging
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DocumentFormatError, EmptyInputError, NoTextLayerError, ProtectedDocumentError
from .base import Extracted, clean_paragraph, plural
from .hyphens import join_lines, vocabulary

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:(?:page|p\.|pp\.|стр\.?|страница|с\.|էջ|seite|s\.)\s*)?(\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:of|из|/)\s*\d{1,4})?[\W_]*$", re.I)
_SENTENCE_END = tuple(".!?…։:;»\"”)。！？")
EDGE = 2  # lines at the top and the bottom of a page that may be running heads


@dataclass
class Line:
    """One line of a page: text and where it sits (PDF points, y grows upwards)."""

    page: int
    x: float | None
    y: float | None
    size: float
    text: str


def _position(cm: list[float], tm: list[float]) -> tuple[float, float, float]:
    x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
    y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
    scale = abs(tm[0] * cm[0] + tm[1] * cm[2]) or 1.0
    return x, y, scale


def page_lines(page: Any, index: int) -> list[Line]:
    """The lines of one pypdf page, in the order of its content stream."""
    parts: list[tuple[str, list[float], list[float], float]] = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: parts.append((text, cm, tm, size)))
    lines: list[Line] = []
    buf: list[str] = []
    pos: tuple[float, float, float] | None = None
    size = 0.0

    def flush() -> None:
        nonlocal buf, pos, size
        text = "".join(buf)
        if text.strip():
            x, y, s = pos if pos else (None, None, size)
            lines.append(Line(index, x, y, s or size or 10.0, text.translate(_LIGATURES)))
        buf, pos = [], None

    for text, cm, tm, font_size in parts:
        for k, piece in enumerate(text.split("\n")):
            if k:
                flush()
            if piece.strip() and pos is None:
                x, y, scale = _position(cm, tm)
                pos = (x, y, font_size * scale)
                size = font_size * scale
            buf.append(piece)
    flush()
    return lines


def _key(line: Line) -> tuple[str, int]:
    """A line's text with digits ignored, and its height on the page to within 3 points."""
    y = round(line.y / 3) if line.y is not None else -1
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split())), y


def _edges(lines: list[Line]) -> list[Line]:
    placed = [ln for ln in lines if ln.y is not None]
    if not placed:
        return lines[:EDGE] + lines[-EDGE:]
    by_y = sorted(placed, key=lambda ln: ln.y or 0.0)
    return by_y[:EDGE] + by_y[-EDGE:]


def drop_running_lines(pages: list[list[Line]]) -> tuple[list[list[Line]], list[str]]:
    """``pages`` without running headers/footers and page numbers, and notes saying what went."""
    n = len(pages)
    edge_keys: Counter[tuple[str, int]] = Counter()
    numbered = 0
    for lines in pages:
        edge = _edges(lines)
        edge_keys.update({_key(ln) for ln in edge if not _PAGE_NUMBER.match(ln.text.strip())})
        numbered += any(_PAGE_NUMBER.match(ln.text.strip()) for ln in edge)
    running = {k for k, c in edge_keys.items() if c >= 2 and c >= 0.25 * n}
    drop_numbers = numbered >= 2 and numbered >= 0.5 * n
    out: list[list[Line]] = []
    dropped_heads: Counter[str] = Counter()
    dropped_numbers = 0
    for lines in pages:
        edge_ids = {id(ln) for ln in _edges(lines)}
        kept = []
        for ln in lines:
            if id(ln) in edge_ids:
                key, stripped = _key(ln), ln.text.strip()
                if key in running:
                    dropped_heads[stripped] += 1
                    continue
                if _PAGE_NUMBER.match(stripped) and (drop_numbers or (n == 1 and stripped.strip("-–— ") == "1")):
                    dropped_numbers += 1
                    continue
            kept.append(ln)
        out.append(kept)
    notes = [f"dropped the running header/footer {text!r} on {plural(c, 'page')}"
             for text, c in dropped_heads.most_common(3)]
    if len(dropped_heads) > 3:
        notes.append(f"dropped {len(dropped_heads) - 3} more running header/footer lines")
    if dropped_numbers:
        notes.append(f"dropped {plural(dropped_numbers, 'page number')}")
    return out, notes


def _leading(pages: list[list[Line]]) -> float:
    gaps = []
    for lines in pages:
        for a, b in zip(lines, lines[1:]):
            if a.y is not None and b.y is not None and 0.6 * a.size < a.y - b.y < 2.5 * a.size:
                gaps.append(a.y - b.y)
    return statistics.median(gaps) if gaps else 0.0


def _breaks_before(prev: Line, line: Line, leading: float, width: float, same_page: bool) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev``."""
    words = line.text.split()
    fits = len(prev.text.rstrip()) + 1 + len(words[0] if words else "") < 0.8 * width
    ends_sentence = prev.text.rstrip().endswith(_SENTENCE_END)
    hyphenated = prev.text.rstrip().endswith(("-", "\u00ad", "\u2010"))
    if not same_page:
        return ends_sentence and not hyphenated and not line.text.lstrip()[:1].islower()
    if abs(line.size - prev.size) > 0.15 * max(line.size, prev.size):
        return True  # a heading, a footnote, a page footer: another kind of text
    if prev.y is not None and line.y is not None and leading:
        gap = prev.y - line.y
        if gap > 1.18 * leading or gap < -leading:
            return True
    if prev.x is not None and line.x is not None and line.x - prev.x > 0.8 * line.size:
        return True
    return fits and not hyphenated


def paragraphs_of(pages: list[list[Line]], lang: str) -> tuple[list[str], int]:
    """Paragraph texts from the lines of every page, and how many hyphenated breaks were joined."""
    leading = _leading(pages)
    lengths = sorted(len(ln.text.strip()) for lines in pages for ln in lines)
    width = float(lengths[int(0.9 * (len(lengths) - 1))]) if lengths else 80.0
    words = vocabulary(ln.text for lines in pages for ln in lines)
    paragraphs: list[str] = []
    current = ""
    joined = 0
    prev: Line | None = None
    for lines in pages:
        for i, line in enumerate(lines):
            if prev is None or _breaks_before(prev, line, leading, width, same_page=i > 0):
                if current.strip():
                    paragraphs.append(current)
                current = line.text.strip()
            else:
                current, hyphen = join_lines(current, line.text, lang, words)
                joined += hyphen
            prev = line
    if current.strip():
        paragraphs.append(current)
    return paragraphs, joined


def _has_images(page: Any) -> bool:
    try:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        xobjects = xobjects.get_object()
        return any(xobjects[name].get_object().get("/Subtype") == "/Image" for name in xobjects)
    except Exception:  # a damaged resource dictionary: no images we can see
        return False


def _open(path: Path, data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError
    if not data.lstrip()[:5] == b"%PDF-":
        raise DocumentFormatError(f"{path}: not a PDF (it does not start with %PDF-); if it is another "
                                  "format, give it the right extension")
    if b"%%EOF" not in data[-2048:]:
        raise DocumentFormatError(f"{path}: the PDF is truncated (no %%EOF at its end): the file is incomplete; "
                                  "download or export it again")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise ProtectedDocumentError(
                    f"{path}: the PDF is encrypted ({exc}); remove the encryption first, e.g. "
                    "`qpdf --decrypt in.pdf out.pdf`, and add the decrypted file") from None
            if not opened:
                raise ProtectedDocumentError(
                    f"{path}: the PDF is password-protected; open it with its password and save or print an "
                    "unprotected copy (or `qpdf --password=PASSWORD --decrypt in.pdf out.pdf`), then add that")
        len(reader.pages)
        return reader
    except FileNotDecryptedError:
        raise ProtectedDocumentError(f"{path}: the PDF is password-protected; save an unprotected copy "
                                     "and add that") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as exc:
        raise DocumentFormatError(f"{path}: not a readable PDF ({type(exc).__name__}: {exc}); the file is "
                                  "damaged — download or export it again") from None


def read(path: Path, data: bytes, *, lang: str, encoding: str | None = None) -> Extracted:
    """A PDF's text as paragraphs; see the module docstring."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        reader = _open(path, data)
        n = len(reader.pages)
        if n == 0:
            raise EmptyInputError(f"{path}: the PDF has no pages")
        pages: list[list[Line]] = []
        no_text: list[int] = []
        images = 0
        for i, page in enumerate(reader.pages):
            try:
                lines = page_lines(page, i)
            except Exception as exc:  # pypdf raises many kinds on a damaged content stream
                raise DocumentFormatError(f"{path}: page {i + 1} cannot be read ({type(exc).__name__}: {exc}); "
                                          "the PDF is damaged — export it again") from None
            if not lines:
                no_text.append(i + 1)
                images += _has_images(page)
            pages.append(lines)
        try:
            title = str((reader.metadata or {}).get("/Title") or "").strip()
        except Exception:
            title = ""
    finally:
        logger.setLevel(level)
    if len(no_text) == n:
        if images:
            raise NoTextLayerError(
                f"{path}: the PDF has no text layer — {plural(n, 'page')} of images only (a scan); run OCR "
                "first (e.g. `ocrmypdf -l rus+eng in.pdf out.pdf`, or your scanner's OCR) and add the result")
        raise EmptyInputError(f"{path}: the PDF holds no text ({plural(n, 'page')}, all blank)")
    pages, notes = drop_running_lines(pages)
    paragraphs, joined = paragraphs_of(pages, lang)
    cleaned = tuple(p for p in (clean_paragraph(p) for p in paragraphs) if p)
    if not cleaned:
        raise EmptyInputError(f"{path}: the PDF holds no text besides running headers and page numbers")
    if joined:
        notes.append(f"joined {plural(joined, 'hyphenated line break')}")
    if no_text:
        pages_list = ", ".join(map(str, no_text[:10])) + (" ..." if len(no_text) > 10 else "")
        notes.append(f"page(s) {pages_list} gave no text (blank, or a scanned image: their text is missing)")
    return Extracted(cleaned, "pdf", title=title, notes=tuple(notes))
