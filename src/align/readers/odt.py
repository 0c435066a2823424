"""OpenDocument text (.odt): the paragraphs and headings of ``content.xml``, in document order.

Read with the standard library's ``zipfile`` and lxml (odfpy would add a
dependency for what is one XML file).  ``<text:p>`` and ``<text:h>`` are
paragraphs wherever they are — in lists, sections, tables (cell by cell),
frames; ``<text:s text:c="3"/>`` is three spaces, ``<text:tab/>`` a tab,
``<text:line-break/>`` a line break, a soft hyphen nothing.  Footnotes and
endnotes (``<text:note>``), annotations, tracked deletions and the page
headers and footers (which live in ``styles.xml``) are not part of the text
and are left out.

A password-protected file keeps ``content.xml`` encrypted (its manifest says
so); it is refused with :class:`~align.errors.ProtectedDocumentError`.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from ..errors import DocumentFormatError, EmptyInputError, ProtectedDocumentError
from .base import Extracted, clean_paragraphs
from .docx import check_container

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"
_SKIP = {TEXT + "note", TEXT + "tracked-changes", OFFICE + "annotation", TEXT + "bookmark-ref",
         OFFICE + "annotation-end", TEXT + "sequence-decls", TEXT + "variable-decls", TEXT + "user-field-decls"}


def _inline(el: Any, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag in _SKIP:
            pass
        elif tag == TEXT + "s":
            out.append(" " * int(child.get(TEXT + "c", "1") or 1))
        elif tag == TEXT + "tab":
            out.append("\t")
        elif tag == TEXT + "line-break":
            out.append("\n")
        elif tag in (TEXT + "p", TEXT + "h"):
            pass  # a paragraph inside a frame in this one: read as its own paragraph
        else:
            if child.text:
                out.append(child.text)
            _inline(child, out)
        if child.tail:
            out.append(child.tail)


def _paragraphs(root: Any) -> list[str]:
    out: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            if child.tag in _SKIP:
                continue
            if child.tag in (TEXT + "p", TEXT + "h"):
                parts = [child.text or ""]
                _inline(child, parts)
                out.append("".join(parts))
            walk(child)  # frames and text boxes inside a paragraph hold paragraphs of their own

    walk(root)
    return out


def read(path: Path, data: bytes, *, lang: str, encoding: str | None = None) -> Extracted:
    """An OpenDocument text's paragraphs; see the module docstring."""
    check_container(path, data, "OpenDocument text", ".odt")
    from lxml import etree
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            manifest = z.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in names else b""
            if b"encryption-data" in manifest:
                raise ProtectedDocumentError(
                    f"{path}: the document is password-protected (encrypted); open it in LibreOffice, "
                    "remove the password (File > Properties > Security, or save without 'Save with password') "
                    "and add it again")
            if "content.xml" not in names:
                raise DocumentFormatError(f"{path}: not an OpenDocument text (it holds no content.xml); "
                                          "save it again as .odt")
            content = z.read("content.xml")
            meta = z.read("meta.xml") if "meta.xml" in names else b""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError) as exc:
        raise DocumentFormatError(f"{path}: not a readable OpenDocument text ({exc}); save it again") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise DocumentFormatError(f"{path}: the document's content.xml is damaged ({exc}); open it in "
                                  "LibreOffice, save it again and add it again") from None
    body = root.find(f"{OFFICE}body/{OFFICE}text")
    paragraphs = clean_paragraphs(_paragraphs(body if body is not None else root))
    if not paragraphs:
        raise EmptyInputError(f"{path}: the document holds no text")
    title = ""
    if meta:
        try:
            found = etree.fromstring(meta, parser).find(f".//{DC_TITLE}")
            title = (found.text or "").strip() if found is not None else ""
        except etree.XMLSyntaxError:
            title = ""
    return Extracted(paragraphs, "odt", title=title)
