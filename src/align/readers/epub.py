"""E-books (.epub, EPUB 2 and 3): the XHTML chapters in reading order.

An EPUB is a zip: ``META-INF/container.xml`` names the package file (OPF),
whose ``<spine>`` lists the chapters in reading order.  Each chapter is read
like a web page (:mod:`align.readers.html`: scripts, navigation, page frame
dropped; block elements are paragraphs).  The table of contents (the EPUB 3
``nav`` document, the EPUB 2 NCX) is not part of the text and is skipped.
Read with the standard library's ``zipfile`` and lxml; no e-book library is
needed (the usual one, EbookLib, is AGPL).

A DRM-protected book (``META-INF/encryption.xml`` encrypting chapters, not
only fonts) is refused with :class:`~align.errors.ProtectedDocumentError`.
"""
from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import DocumentFormatError, EmptyInputError, ProtectedDocumentError
from . import html
from .base import Extracted, clean_paragraphs, plural

_CONTENT_TYPES = ("application/xhtml+xml", "text/html", "application/x-dtbook+xml")


def _xml(data: bytes) -> Any:
    from lxml import etree
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise ValueError("no XML root")
    return root


def _member(book: zipfile.ZipFile, name: str, path: Path) -> bytes:
    try:
        return book.read(name)
    except KeyError:
        raise DocumentFormatError(f"{path}: the e-book is incomplete: it names {name} but does not hold it; "
                                  "export it again from the program that made it") from None


def _check_drm(book: zipfile.ZipFile, path: Path) -> None:
    if "META-INF/encryption.xml" not in book.namelist():
        return
    root = _xml(book.read("META-INF/encryption.xml"))
    uris = [unquote(el.get("URI", "")) for el in root.iter() if str(el.tag).endswith("CipherReference")]
    fonts = (".ttf", ".otf", ".woff", ".woff2")
    locked = [u for u in uris if not u.lower().endswith(fonts)]
    if locked:
        raise ProtectedDocumentError(
            f"{path}: the e-book is DRM-protected ({plural(len(locked), 'file')} encrypted, e.g. {locked[0]}); "
            "its text cannot be read — use a DRM-free edition or an export of the text")


def _opf_path(book: zipfile.ZipFile, path: Path) -> str:
    root = _xml(_member(book, "META-INF/container.xml", path))
    for el in root.iter():
        if str(el.tag).endswith("rootfile") and el.get("full-path"):
            return str(el.get("full-path"))
    raise DocumentFormatError(f"{path}: META-INF/container.xml names no package file; the e-book is broken")


def read(path: Path, data: bytes, *, lang: str, encoding: str | None = None) -> Extracted:
    """An e-book's chapters as paragraphs; see the module docstring."""
    import io
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentFormatError(f"{path}: not a readable EPUB (not a zip archive; the file is corrupt or "
                                  "truncated); export it again") from None
    with book:
        _check_drm(book, path)
        opf_name = _opf_path(book, path)
        opf = _xml(_member(book, opf_name, path))
        base = posixpath.dirname(opf_name)
        items: dict[str, tuple[str, str, str]] = {}
        for el in opf.iter():
            if str(el.tag).endswith("}item") and el.get("id"):
                items[str(el.get("id"))] = (str(el.get("href", "")), str(el.get("media-type", "")),
                                            str(el.get("properties", "")))
        spine = [str(el.get("idref")) for el in opf.iter() if str(el.tag).endswith("}itemref")]
        titles = [" ".join("".join(el.itertext()).split()) for el in opf.iter() if str(el.tag).endswith("}title")]
        paragraphs: list[str] = []
        chapters = link_only = 0
        for idref in spine:
            if idref not in items:
                continue
            href, media, props = items[idref]
            if media not in _CONTENT_TYPES or "nav" in props.split():
                continue
            member = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
            page = _member(book, member, path)
            root = html.parse(page.decode("utf-8", errors="replace"))
            html.prune(root)
            c = html.paragraphs_of(html.content_root(root))
            paragraphs += c.paragraphs
            link_only += c.link_only
            chapters += 1
    if not chapters:
        raise DocumentFormatError(f"{path}: the e-book's spine lists no chapters; the e-book is broken")
    cleaned = clean_paragraphs(paragraphs)
    if not cleaned:
        raise EmptyInputError(f"{path}: the e-book holds no text ({plural(chapters, 'chapter')}, all empty; "
                              "a book of page images needs OCR first)")
    notes = [f"read {plural(chapters, 'chapter')} in spine order"]
    if link_only:
        notes.append(f"dropped {plural(link_only, 'paragraph')} that were only a link")
    return Extracted(cleaned, "epub", title=titles[0] if titles else "", notes=tuple(notes))
