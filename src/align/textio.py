"""Reading text files safely: encodings, BOMs, binary and empty files.

The library never guesses silently: a file that is not valid in the expected
encoding raises :class:`~align.errors.EncodingError` naming the file, the byte
offset, the encoding it looks like (:func:`align.charsets.guess_for_hint`) and
how to say so — ``--encoding`` for a command's input file, the ``encoding``
field of its metadata for a version in ``texts/`` (the caller passes the
advice).  ArmSCII-8 is available as the codec ``armscii-8``
(:mod:`align.armscii8`).
"""
from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from .armscii8 import register as _register_armscii8
from .charsets import example_encodings, guess_for_hint
from .errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

#: How to tell a command which encoding a file is in: ``advice(encoding)`` completes "Give the right one ...".
Advice = Callable[[str], str]


def option_advice(encoding: str) -> str:
    """The default advice: the command's ``--encoding`` option."""
    return f"with --encoding (e.g. --encoding {encoding})"

#: Files larger than this are refused: the workbench is for documents, not corpora dumps.
MAX_TEXT_BYTES = 64 * 1024 * 1024

def _size(n: int) -> str:
    return f"{n / 2**20:.0f} MiB" if n >= 2**20 else f"{n:,} bytes"


def looks_binary(data: bytes) -> bool:
    """True for data holding NUL bytes or mostly non-text control bytes."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # UTF-16 text (half its bytes are NULs): decode_text suggests --encoding utf-16
    if b"\x00" in sample:
        return True
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in sample)
    return controls / len(sample) > 0.05


def decode_text(data: bytes, where: str = "<text>", encoding: str | None = None, *,
                lang: str | None = None, advice: Advice = option_advice) -> str:
    """Decode bytes to text: UTF-8 (a BOM is dropped) unless ``encoding`` is given.

    Line ends are kept as they are (CRLF stays CRLF) so that offsets point into
    exactly what was read.  When the bytes do not decode, the error names the
    encoding they look like (judged for ``lang`` when it is known) and ends with
    "Give the right one " + ``advice(example)``.
    """
    if not data or not data.strip():
        raise EmptyInputError(f"{where}: the file is empty (nothing but whitespace)")
    if len(data) > MAX_TEXT_BYTES:
        raise TooLargeError(f"{where}: {_size(len(data))} is more than the {_size(MAX_TEXT_BYTES)} "
                            "a single version may hold; split it into documents first")
    if encoding is None and looks_binary(data):
        raise BinaryInputError(f"{where}: this looks like a binary file, not text "
                               "(it holds NUL or control bytes); give a plain-text export instead")
    enc = encoding or "utf-8"
    _register_armscii8()
    try:
        codecs.lookup(enc)
    except LookupError:
        raise EncodingError(f"{where}: unknown encoding {enc!r} "
                            "(try utf-8, utf-16, cp1251, koi8-r, cp866, armscii-8, latin-1, cp1252)") from None
    try:
        text = data.decode("utf-8-sig" if enc.lower().replace("_", "-") in ("utf-8", "utf8") else enc)
    except UnicodeDecodeError as exc:
        guess = guess_for_hint(data, lang)
        hint = f"; it looks like {guess}" if guess else ""
        example = guess or " or ".join(e for e in example_encodings(lang) if e != enc.lower())
        raise EncodingError(f"{where}: not valid {enc} at byte {exc.start}{hint}. "
                            f"Give the right one {advice(example)}") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise EmptyInputError(f"{where}: the file is empty (nothing but whitespace)")
    return text


def read_text(path: str | Path, encoding: str | None = None, *, lang: str | None = None,
              advice: Advice = option_advice) -> str:
    """Read a whole text file with :func:`decode_text`'s checks."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise EmptyInputError(f"{p}: no such file") from None
    if p.is_dir():
        raise EmptyInputError(f"{p}: is a folder, not a text file")
    if size > MAX_TEXT_BYTES:
        raise TooLargeError(f"{p}: {_size(size)} is more than the {_size(MAX_TEXT_BYTES)} a single "
                            "version may hold; split it into documents first")
    return decode_text(p.read_bytes(), where=str(p), encoding=encoding, lang=lang, advice=advice)
