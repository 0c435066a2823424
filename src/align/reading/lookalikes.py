"""Latin letters inside Cyrillic words, and Cyrillic letters inside Latin ones, read as the word's own script.

OCR of a Russian page often gives a Latin ``o``, ``c``, ``e``, ``p`` or ``x``
inside a Cyrillic word (``прoтокол``): the word looks right and matches
nothing.  A word holding letters of both scripts is read in the script most
of its letters are in — counting only the letters that have no look-alike in
the other script, and the text's own script on a tie — when every letter of
the other script has a look-alike in it.  A word with a letter of the other
script that has no look-alike (``Coca-Колa`` is two words here, but a real
mixed token such as ``iPhoneы``) is left as written.  Words in one script
only are never touched, so a clean text reads exactly as written.
"""
from __future__ import annotations

from ..scripts import char_script

#: Latin letter → the Cyrillic letter it is mistaken for, and the other way round.
LATIN_TO_CYRILLIC = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "k": "к",
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О", "P": "Р",
    "T": "Т", "X": "Х", "Y": "У", "I": "І",
}
CYRILLIC_TO_LATIN = {c: lat for lat, c in LATIN_TO_CYRILLIC.items()}
_TABLES = {"cyrillic": LATIN_TO_CYRILLIC, "latin": CYRILLIC_TO_LATIN}


def fix_word(word: str, home: str | None) -> str:
    """``word`` with look-alike letters of the other script read in its own (``home``: the text's script)."""
    scripts = [char_script(c) for c in word]
    present = set(scripts) - {None}
    if present != {"latin", "cyrillic"}:
        return word
    # letters that can only be read in their own script decide; look-alikes do not vote
    firm = {"latin": 0, "cyrillic": 0}
    for c, s in zip(word, scripts):
        if s in firm and c not in _TABLES["cyrillic" if s == "latin" else "latin"]:
            firm[s] += 1
    if firm["latin"] != firm["cyrillic"]:
        target = "latin" if firm["latin"] > firm["cyrillic"] else "cyrillic"
    elif home in firm:
        target = home
    else:
        return word
    other = "cyrillic" if target == "latin" else "latin"
    table = _TABLES[target]
    if any(s == other and c not in table for c, s in zip(word, scripts)):
        return word
    return "".join(table[c] if s == other else c for c, s in zip(word, scripts))
