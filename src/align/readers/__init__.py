"""Documents in: one reader per file format, each turning a file into paragraphs of text.

=========  ===================  ==========================================
format     suffixes             reader (library)
=========  ===================  ==========================================
``txt``    .txt .text           :mod:`.plain` (encoding detection: :mod:`align.charsets`)
``docx``   .docx                :mod:`.docx` (python-docx)
``odt``    .odt                 :mod:`.odt` (zipfile + lxml)
``html``   .html .htm .xhtml    :mod:`.html` (lxml)
``epub``   .epub                :mod:`.epub` (zipfile + lxml)
``pdf``    .pdf                 :mod:`.pdf` (pypdf)
=========  ===================  ==========================================

:func:`read_document` picks the reader by suffix (or by the file's first
bytes when the suffix is unknown) and returns an
:class:`~align.readers.base.Extracted`; :func:`align.readers.intake.add_version`
writes it into ``texts/``.  Nothing downstream knows the original format: a
version added from a PDF is a ``.txt`` like any other, with the source file's
name, format and SHA-256 in its metadata.  Readers are imported only when a
file of their format is read, so importing this package is cheap.
"""
from __future__ import annotations

import importlib
import zipfile
from io import BytesIO
from pathlib import Path

from ..errors import EmptyInputError, InputError, TooLargeError
from ..textio import MAX_TEXT_BYTES
from .base import Extracted

#: Format name → reader module (in this package).
READERS = {"txt": "plain", "docx": "docx", "odt": "odt", "html": "html", "epub": "epub", "pdf": "pdf"}
#: File suffix → format name.
SUFFIXES = {".txt": "txt", ".text": "txt", ".docx": "docx", ".odt": "odt", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".epub": "epub", ".pdf": "pdf"}
#: A document file may be this much larger than a text (images, fonts).
MAX_DOCUMENT_BYTES = 8 * MAX_TEXT_BYTES

__all__ = ["Extracted", "READERS", "SUFFIXES", "sniff_format", "read_document"]


def sniff_format(data: bytes) -> str | None:
    """The format the first bytes say a file is in, or None when they say nothing."""
    head = data[:2048].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as z:
                names = set(z.namelist())
                mimetype = z.read("mimetype").strip() if "mimetype" in names else b""
        except zipfile.BadZipFile:
            return None
        if mimetype == b"application/epub+zip":
            return "epub"
        if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
            return "odt"
        if "word/document.xml" in names or "[Content_Types].xml" in names:
            return "docx"
        return None
    low = head[:512].lower()
    if low.startswith((b"<!doctype html", b"<html")) or (b"<html" in low and b"<?xml" in low[:64]):
        return "html"
    return None


def read_document(path: str | Path, lang: str, *, encoding: str | None = None,
                  format: str | None = None) -> Extracted:
    """Read ``path`` (any supported format) as paragraphs of text in language ``lang``.

    ``format`` overrides the suffix; ``encoding`` is for text and HTML files
    (otherwise detected).  Raises an :class:`~align.errors.InputError`
    subclass with a one-line message for every file that cannot be read.
    """
    p = Path(path)
    if p.is_dir():
        raise EmptyInputError(f"{p}: is a folder, not a document file")
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise EmptyInputError(f"{p}: no such file") from None
    except OSError as exc:
        raise InputError(f"{p}: cannot read the file: {exc}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise TooLargeError(f"{p}: {len(data) / 2**20:.0f} MiB is more than the {MAX_DOCUMENT_BYTES // 2**20} MiB "
                            "a document file may be; split it first")
    if not data.strip():
        raise EmptyInputError(f"{p}: the file is empty")
    fmt = format or SUFFIXES.get(p.suffix.lower()) or sniff_format(data)
    if fmt is None:
        known = ", ".join(sorted(SUFFIXES))
        raise InputError(f"{p}: unknown file type {p.suffix or '(no suffix)'!r}; supported: {known} "
                         "(a plain text file with another suffix: give --format txt)")
    if fmt not in READERS:
        raise InputError(f"{p}: unknown format {fmt!r}; use one of: {', '.join(READERS)}")
    module = importlib.import_module(f"{__name__}.{READERS[fmt]}")
    result: Extracted = module.read(p, data, lang=lang, encoding=encoding)
    return result
