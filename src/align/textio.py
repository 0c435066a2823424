"""Reading text files safely: encodings, BOMs, binary and empty files.

The library never guesses silently: a file that is not valid in the expected
encoding raises :class:`~align.errors.EncodingError` naming the file, the byte
offset, and suggesting ``--encoding``.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from .errors import BinaryInputError, EmptyInputError, EncodingError, TooLargeError

#: Files larger than this are refused: the workbench is for documents, not corpora dumps.
MAX_TEXT_BYTES = 64 * 1024 * 1024

# Encodings a Russian or Armenian archive is likely to hold, tried only to make the hint useful.
_HINT_ENCODINGS = ("cp1251", "koi8-r", "armscii8", "latin-1")


def _guess_encoding(data: bytes) -> str | None:
    """A best guess for a non-UTF-8 file, for the error message only."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:20000]
    best, best_score = None, 0.0
    for enc in ("cp1251", "koi8-r"):
        try:
            text = sample.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        letters = [c for c in text if c.isalpha()]
        if not letters:
            continue
        cyr = sum("\u0400" <= c <= "\u04ff" for c in letters) / len(letters)
        # KOI8-R decoded as cp1251 (and back) gives mostly-uppercase noise; prefer lowercase-heavy.
        lower = sum(c.islower() for c in letters) / len(letters)
        # Russian prose is mostly lowercase; ArmSCII-8 Armenian read as cp1251 gives an even
        # mix of cases (its capitals and small letters alternate byte by byte)
        score = cyr * lower if lower >= 0.7 else 0.0
        if score > best_score:
            best, best_score = enc, score
    if best and best_score > 0.3:
        return best
    high = sum(b >= 0xA0 for b in sample)
    # ARMSCII-8 Armenian is mostly high bytes; Latin-1 French or German is mostly ASCII letters with a
    # few accented ones, which also lie in 0xB0-0xFE
    ascii_letters = sum(65 <= b <= 90 or 97 <= b <= 122 for b in sample)
    if (high > ascii_letters and sum(0xB0 <= b <= 0xFE for b in sample) / max(high, 1) > 0.9
            and best_score < 0.3):
        return "armscii8 (not in Python's codecs: convert it first, e.g. with iconv -f ARMSCII-8)"
    return "latin-1" if high else None


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


def decode_text(data: bytes, where: str = "<text>", encoding: str | None = None) -> str:
    """Decode bytes to text: UTF-8 (a BOM is dropped) unless ``encoding`` is given.

    Line ends are kept as they are (CRLF stays CRLF) so that offsets point into
    exactly what was read.
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
    try:
        codecs.lookup(enc)
    except LookupError:
        raise EncodingError(f"{where}: unknown encoding {enc!r} (try utf-8, cp1251, koi8-r, latin-1)") from None
    try:
        text = data.decode("utf-8-sig" if enc.lower().replace("_", "-") in ("utf-8", "utf8") else enc)
    except UnicodeDecodeError as exc:
        guess = _guess_encoding(data)
        hint = f"; it looks like {guess}" if guess else ""
        raise EncodingError(
            f"{where}: not valid {enc} at byte {exc.start}{hint}. "
            f"Give the right one with --encoding (e.g. --encoding cp1251 or --encoding koi8-r)") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise EmptyInputError(f"{where}: the file is empty (nothing but whitespace)")
    return text


def read_text(path: str | Path, encoding: str | None = None) -> str:
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
    return decode_text(p.read_bytes(), where=str(p), encoding=encoding)
