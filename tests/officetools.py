"""Helpers for the tests that use Debian's LibreOffice headless as a real office suite.

Input documents are written as plain text, HTML or flat OpenDocument XML
(``.fodt``, the text form of an .odt) and converted by ``soffice --headless
--convert-to``; the .docx, .odt, .pdf and .epub files the readers are tested on
are therefore made by an office suite, not built by hand.  Each call uses a
private LibreOffice profile so that it never collides with another soffice
running on the machine.  CI installs the packages:
``apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui``.
"""
from __future__ import annotations

import html
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

TIMEOUT_S = 180


def soffice() -> str | None:
    """The ``soffice`` command, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(files: Sequence[Path], target: str, outdir: Path, profile: Path, infilter: str | None = None) -> None:
    """Convert ``files`` with one soffice run; ``target`` is e.g. ``docx``, ``pdf``, ``pdf:writer_pdf_Export:{…}``."""
    cmd = [soffice() or "soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{profile}"]
    if infilter:
        cmd.append(f"--infilter={infilter}")
    cmd += ["--convert-to", target, "--outdir", str(outdir), *map(str, files)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S)
    if done.returncode != 0:
        raise RuntimeError(f"soffice failed ({done.returncode}): {done.stderr[-500:]}")


def html_page(paragraphs: Sequence[str], lang: str, title: str, frame: bool = False) -> str:
    """An HTML page with one <p> per paragraph; ``frame`` adds a site menu, header and footer."""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    if frame:
        body = ('<header><a href="/">Site</a><nav><a href="/a">Archive</a> | <a href="/b">About</a></nav></header>\n'
                f'<main><article><h1>{html.escape(title)}</h1>\n{body}</article></main>\n'
                '<aside>Related: <a href="/c">Other documents</a></aside><footer>© The site</footer>'
                '<script>var tracking = 1;</script>')
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"</head><body>\n{body}</body></html>\n")


_FODT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:margin-bottom="0.3cm" fo:text-align="start"/>
   <style:text-properties fo:font-size="{size}pt" fo:language="{lang}"/>
  </style:style>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="pm1">
   <style:page-layout-properties fo:page-width="14.8cm" fo:page-height="21cm" fo:margin-top="1.5cm"
     fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
   <style:header-style>
    <style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
   <style:footer-style>
    <style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style>
  </style:page-layout>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="pm1">
   <style:header><text:p text:style-name="Standard">{header}</text:p></style:header>
   <style:footer><text:p text:style-name="Standard">— <text:page-number
     text:select-page="current">1</text:page-number> —</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body><office:text>
{body}
 </office:text></office:body>
</office:document>
"""


def fodt(paragraphs: Sequence[str], lang: str, header: str, size: int = 12,
         breaks: dict[str, int] | None = None) -> str:
    """A flat OpenDocument text: a running header, a page number in the footer, one paragraph each.

    ``breaks`` maps a word to where a line break goes inside it, after a hyphen
    (added unless the word has one there): ``{"обязательство": 5}`` gives
    "обяза-" / "тельство", ``{"военно-технические": 7}`` "военно-" / "технические".
    """
    def para(p: str) -> str:
        escaped = html.escape(p, quote=False)
        for word, at in (breaks or {}).items():
            head, rest = word[:at], word[at:]
            if not head.endswith("-"):
                head += "-"
            if word in p:
                escaped = escaped.replace(word, f"{head}<text:line-break/>{rest}", 1)
        return f'<text:p text:style-name="Standard">{escaped}</text:p>'
    body = "\n".join(para(p) for p in paragraphs)
    return (_FODT.replace("{size}", str(size)).replace("{lang}", lang).replace("{header}", html.escape(header))
            .replace("{body}", body))


def png(width: int = 200, height: int = 120) -> bytes:
    """A small grey-striped PNG image (a stand-in for a scanned page), made with the standard library."""
    import struct
    import zlib
    rows = b"".join(b"\x00" + bytes((40 if (y // 6) % 2 else 230) for _ in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
