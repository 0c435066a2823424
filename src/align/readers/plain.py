"""Plain text files in any common encoding: UTF-8/16/32, cp1251, KOI8-R, cp866, ArmSCII-8, Latin-1.

The encoding is the one given (``--encoding``), else the one
:func:`align.charsets.detect_encoding` finds for the declared language.  When
detection is not sure — a short file, two Cyrillic encodings that both read
plausibly — the file is refused with the likely candidates and a sample of
each, never guessed.  Line ends become LF; paragraphs are separated by blank
lines, and a line break inside a paragraph is kept.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..charsets import Detection, detect_encoding, example_encodings, sample_words
from ..errors import EncodingError
from ..textio import decode_text, looks_binary
from .base import Extracted, clean_paragraphs

_BLANK = re.compile(r"\n[ \t\f\v\u00a0]*\n\s*")


def _unsure(path: Path, found: Detection, data: bytes, lang: str) -> EncodingError:
    options = [found.encoding] + [enc for enc, _p in found.alternatives][:2]
    if found.confidence == 0.0 or "charset-normalizer" in found.how:
        options = list(dict.fromkeys(options + list(example_encodings(lang))))[:3]
    samples = "; ".join(f"{enc} reads {sample_words(data, enc)!r}" if sample_words(data, enc) else enc
                        for enc in options)
    return EncodingError(
        f"{path}: cannot tell its encoding for sure — {found.describe()}. {samples}. "
        f"Give the right one with --encoding (e.g. --encoding {options[0]})")


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blank lines separate them; CRLF and CR become LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    return _BLANK.split(text)


def read(path: Path, data: bytes, *, lang: str, encoding: str | None = None) -> Extracted:
    """A text file's paragraphs; see the module docstring."""
    if encoding:
        text = decode_text(data, str(path), encoding, lang=lang)
        how = f"{encoding} (given with --encoding)"
        used = encoding
    else:
        found = detect_encoding(data, lang)
        if not found.encoding.startswith(("utf-16", "utf-32")) and looks_binary(data):
            decode_text(data, str(path))  # raises BinaryInputError (or EmptyInputError)
        if not found.sure and data.strip():
            raise _unsure(path, found, data, lang)
        used = "utf-8" if found.encoding == "utf-8-sig" else found.encoding
        text = decode_text(data, str(path), found.encoding, lang=lang)
        how = found.describe()
    return Extracted(clean_paragraphs(split_paragraphs(text)), "txt", encoding=used, detection=how)
