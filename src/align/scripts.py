"""Which writing system a text is in, to check a declared language cheaply.

No network, no model: counting letters per Unicode block is enough to tell
Latin, Cyrillic, Armenian and Han apart, which is what the declared-language
check needs.
"""
from __future__ import annotations

from collections import Counter

#: The script each supported language is written in.
LANGUAGE_SCRIPTS = {
    "en": "latin", "de": "latin", "fr": "latin", "tr": "latin",
    "ru": "cyrillic", "uk": "cyrillic",
    "hy": "armenian",
    "zh": "han",
}


def char_script(ch: str) -> str | None:
    """The script of one letter, or None for digits, punctuation and space."""
    o = ord(ch)
    if not ch.isalpha():
        return None
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return "latin"
    if 0x400 <= o <= 0x52F or 0x1C80 <= o <= 0x1C8F:
        return "cyrillic"
    if 0x531 <= o <= 0x58F or 0xFB13 <= o <= 0xFB17:
        return "armenian"
    if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FFFF:
        return "han"
    if 0x3040 <= o <= 0x30FF:
        return "kana"
    if 0x370 <= o <= 0x3FF:
        return "greek"
    return "other"


def script_shares(text: str) -> dict[str, float]:
    """Share of letters in each script, e.g. ``{"cyrillic": 0.97, "latin": 0.03}``."""
    counts = Counter(s for s in map(char_script, text) if s)
    total = sum(counts.values())
    return {s: n / total for s, n in counts.most_common()} if total else {}


def script_mismatch(text: str, lang: str, min_share: float = 0.5) -> str | None:
    """A message if ``text`` is clearly not written in ``lang``'s script, else None."""
    want = LANGUAGE_SCRIPTS.get(lang.split("-")[0].lower())
    shares = script_shares(text)
    if want is None or not shares:
        return None
    if shares.get(want, 0.0) >= min_share:
        return None
    got = next(iter(shares))
    likely = sorted(code for code, s in LANGUAGE_SCRIPTS.items() if s == got)
    hint = f" (a {got}-script language such as {', '.join(likely)}?)" if likely else ""
    return (f"the text is mostly {got} script ({shares[got]:.0%} of letters) but the declared "
            f"language {lang!r} is written in {want} script{hint}")
