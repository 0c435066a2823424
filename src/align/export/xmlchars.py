"""Characters XML 1.0 cannot hold, and how they are removed on the way out.

XML 1.0 allows only tab, newline, carriage return, U+0020–U+D7FF,
U+E000–U+FFFD and U+10000–U+10FFFF.  Text extracted from PDFs and old word
processors brings the others along: form feeds (``\\x0c``) at page breaks,
vertical tabs, stray C0 controls, lone surrogates from bad decoding, and the
non-characters U+FFFE/U+FFFF.  lxml refuses to write them, and a TMX holding
them would be rejected by every CAT tool, so the exporters remove them.

Rule: a forbidden character that Python counts as whitespace (``\\x0b``,
``\\x0c``, ``\\x1c``–``\\x1f``) becomes a space, so ``"page\\x0cbreak"`` stays
two words; every other forbidden character is dropped.
"""
from __future__ import annotations

import re
import unicodedata

_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

_NAMES = {"\x0b": "vertical tab", "\x0c": "form feed", "\x00": "NUL", "\ufffe": "non-character",
          "\uffff": "non-character"}


def forbidden_chars(text: str) -> tuple[str, ...]:
    """The distinct XML-forbidden characters in ``text``, sorted (empty when the text is clean)."""
    return tuple(sorted(set(_FORBIDDEN.findall(text))))


def xml_safe(text: str) -> tuple[str, tuple[str, ...]]:
    """``(cleaned text, removed characters)``: ``text`` with the forbidden characters removed.

    Whitespace-like forbidden characters become a space, the others vanish (see
    the module docstring).  The second item is what :func:`forbidden_chars`
    returns, so a caller can warn about exactly what was removed.
    """
    found = forbidden_chars(text)
    if not found:
        return text, ()
    return _FORBIDDEN.sub(lambda m: " " if m.group().isspace() else "", text), found


def describe(chars: tuple[str, ...]) -> str:
    """A readable list of characters, e.g. ``"U+000C (form feed), U+0001"``."""
    out = []
    for c in chars:
        name = _NAMES.get(c)
        if name is None and "\ud800" <= c <= "\udfff":
            name = "lone surrogate"
        if name is None:
            name = unicodedata.name(c, "")
        out.append(f"U+{ord(c):04X}" + (f" ({name.lower()})" if name else ""))
    return ", ".join(out)
