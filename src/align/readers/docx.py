"""Word documents (.docx): the body's paragraphs, tables cell by cell, in document order.

python-docx (MIT) opens the package — it finds the main document part and
the core properties (the title) whatever the producer; the text is then read
from the body's XML, because a paragraph's text in Word is more than its
plain runs: tracked insertions count, tracked deletions and field codes do
not, a text box holds paragraphs of its own (read after the paragraph that
anchors it, once — not again from its compatibility fallback), ``<w:br/>`` is
a line break, ``<w:tab/>`` a tab, a non-breaking hyphen a hyphen, a soft
hyphen nothing.  Page headers and footers, footnotes and comments are not
part of the body and are left out.

A password-protected document is not a zip at all but an encrypted OLE
container; it is refused with :class:`~align.errors.ProtectedDocumentError`,
and an old binary Word file (.doc) with a hint to convert it.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import DocumentFormatError, EmptyInputError, ProtectedDocumentError
from .base import Extracted, clean_paragraphs, plural

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SKIP = {W + "del", W + "delText", W + "instrText", W + "footnoteReference", W + "endnoteReference",
         W + "commentReference", MC_FALLBACK, W + "txbxContent"}


def check_container(path: Path, data: bytes, kind: str, suffix: str) -> None:
    """Refuse an encrypted Office file or an old binary one before a zip reader sees it."""
    if data.startswith(OLE_MAGIC):
        if "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data:
            raise ProtectedDocumentError(
                f"{path}: the {kind} is password-protected (encrypted); open it, remove the password "
                f"(File > Info > Protect Document in Word, File > Properties > Security in LibreOffice), "
                "save it and add it again")
        raise DocumentFormatError(
            f"{path}: this is an old binary Office file (Word 97-2003 .doc/.xls), not {suffix}; open it and "
            f"save it as {suffix}, or convert it with `soffice --headless --convert-to {suffix[1:]} FILE`")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentFormatError(f"{path}: not a readable {kind} (not a zip archive: the file is corrupt or "
                                  f"truncated, or not a {suffix} file); save or export it again")


def _text_of(p: Any) -> tuple[str, list[Any]]:
    """The text of one ``<w:p>``, and the paragraphs of text boxes anchored in it."""
    out: list[str] = []
    boxes: list[Any] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if tag == W + "txbxContent":
                boxes.extend(child.iter(W + "p"))
                continue
            if tag in _SKIP:
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            walk(child)

    walk(p)
    return "".join(out), boxes


def _blocks(container: Any) -> Iterator[str]:
    """Paragraph texts of a body, table cell or content control, in document order."""
    seen_cells: set[int] = set()
    for child in container:
        tag = child.tag
        if tag == W + "p":
            text, boxes = _text_of(child)
            yield text
            for box_p in boxes:
                yield _text_of(box_p)[0]
        elif tag == W + "tbl":
            for tc in child.iter(W + "tc"):
                if id(tc) in seen_cells:
                    continue
                seen_cells.add(id(tc))
                yield from _blocks(tc)
        elif tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"):
            yield from _blocks(child)


def read(path: Path, data: bytes, *, lang: str, encoding: str | None = None) -> Extracted:
    """A Word document's paragraphs; see the module docstring."""
    check_container(path, data, "Word document", ".docx")
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DocumentFormatError(f"{path}: not a readable Word document ({exc}); save it again as .docx "
                                  "from Word or LibreOffice") from None
    except Exception as exc:  # lxml's XMLSyntaxError and other damage inside the package
        raise DocumentFormatError(f"{path}: the Word document is damaged ({type(exc).__name__}: {exc}); "
                                  "open it, save it again as .docx and add it again") from None
    body = document.element.body
    paragraphs = clean_paragraphs(list(_blocks(body)))
    if not paragraphs:
        raise EmptyInputError(f"{path}: the Word document holds no text in its body")
    notes = []
    tables = len(body.findall(W + "tbl"))
    if tables:
        notes.append(f"read {plural(tables, 'table')} cell by cell")
    try:
        title = (document.core_properties.title or "").strip()
    except Exception:  # a damaged docProps/core.xml is no reason to refuse the text
        title = ""
    return Extracted(paragraphs, "docx", title=title, notes=tuple(notes))
