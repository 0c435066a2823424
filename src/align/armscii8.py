"""ArmSCII-8, the 8-bit Armenian encoding of older files, as a Python codec.

Python's standard codecs have no ArmSCII-8, so Armenian files from the 1990s
and 2000s could not be read.  :func:`register` adds a codec under the names
``armscii-8``, ``armscii8`` and ``armscii_8``; after it,
``data.decode("armscii-8")`` and ``text.encode("armscii-8")`` work as for any
other codec.  :mod:`align.textio` registers it before decoding, so an
``encoding = "armscii-8"`` in a version's metadata and ``--encoding armscii-8``
both work.

The table is the one of the ArmSCII-8 standard as glibc's ``iconv`` implements
it (the tests compare with ``iconv -f ARMSCII-8`` both ways):

* bytes 0x00-0x9F are ASCII and the C1 controls, unchanged;
* 0xA0 no-break space, 0xA2 the ligature "և", 0xA3 the full stop "։",
  0xA4-0xAF and 0xB0-0xB1 punctuation (the Armenian comma, hyphen,
  exclamation, emphasis and question marks, and duplicates of ``( ) . , -``
  and of the guillemets, em dash and ellipsis);
* 0xB2-0xFD the 38 letters, capital and small alternating: 0xB2 "Ա", 0xB3 "ա",
  0xB4 "Բ", ... 0xFC "Ֆ", 0xFD "ֆ";
* 0xFE the Armenian apostrophe; 0xA1 and 0xFF are unassigned (decoding them
  is an error).

Encoding writes ``( ) . , -`` as their ASCII bytes, as iconv does, not as the
duplicates in the upper half.
"""
from __future__ import annotations

import codecs

NAMES = ("armscii-8", "armscii8", "armscii_8")

_UPPER = {
    0xA0: "\u00a0", 0xA2: "\u0587", 0xA3: "\u0589", 0xA4: ")", 0xA5: "(", 0xA6: "\u00bb", 0xA7: "\u00ab",
    0xA8: "\u2014", 0xA9: ".", 0xAA: "\u055d", 0xAB: ",", 0xAC: "-", 0xAD: "\u058a", 0xAE: "\u2026",
    0xAF: "\u055c", 0xB0: "\u055b", 0xB1: "\u055e", 0xFE: "\u055a",
}
for _i in range(38):
    _UPPER[0xB2 + 2 * _i] = chr(0x531 + _i)   # capital letters Ա..Ֆ
    _UPPER[0xB3 + 2 * _i] = chr(0x561 + _i)   # small letters ա..ֆ

#: Byte → character; U+FFFE marks an unassigned byte (the charmap codec's convention).
DECODING_TABLE = "".join(chr(b) if b < 0xA0 else _UPPER.get(b, "\ufffe") for b in range(256))

#: Character → byte; ASCII first, so duplicated punctuation encodes to its ASCII byte.
ENCODING_MAP: dict[int, int] = {}
for _b, _ch in enumerate(DECODING_TABLE):
    if _ch != "\ufffe":
        ENCODING_MAP.setdefault(ord(_ch), _b)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return codecs.charmap_encode(text, errors, ENCODING_MAP)


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return codecs.charmap_decode(data, errors, DECODING_TABLE)


class _IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, text: str, final: bool = False) -> bytes:
        return _encode(text, self.errors)[0]


class _IncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, data: bytes, final: bool = False) -> str:  # type: ignore[override]
        return _decode(data, self.errors)[0]


class _StreamWriter(codecs.StreamWriter):
    def encode(self, text: str, errors: str = "strict") -> tuple[bytes, int]:
        return _encode(text, errors)


class _StreamReader(codecs.StreamReader):
    def decode(self, data: bytes, errors: str = "strict") -> tuple[str, int]:
        return _decode(data, errors)


CODEC_INFO = codecs.CodecInfo(name="armscii-8", encode=_encode, decode=_decode,  # type: ignore[arg-type]
                              incrementalencoder=_IncrementalEncoder, incrementaldecoder=_IncrementalDecoder,
                              streamwriter=_StreamWriter, streamreader=_StreamReader)


def _search(name: str) -> codecs.CodecInfo | None:
    key = name.lower().replace("-", "_").replace(" ", "_")
    return CODEC_INFO if key in ("armscii_8", "armscii8") else None


_registered = False


def register() -> None:
    """Make ``"armscii-8"`` a codec name (idempotent; cheap)."""
    global _registered
    if not _registered:
        codecs.register(_search)
        _registered = True
