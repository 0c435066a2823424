"""Words with character offsets: what every divergence component looks at.

A :class:`SideText` is one side of a bead (its text, language and script) with its
words found once, so the components share the work.  Offsets are character
offsets into the side's text, which is what :class:`~align.records.Mark` holds.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from ..scripts import LANGUAGE_SCRIPTS, char_script
from .translit import HY_WORD_MARKS

#: A word: letters, with inner hyphens, apostrophes and Armenian in-word marks.
WORD = re.compile(rf"[^\W\d_]+(?:[-'’{HY_WORD_MARKS}][^\W\d_]+)*[{HY_WORD_MARKS}]?")
#: What ends a sentence (Armenian full stop ։ and the ellipsis included).
_SENTENCE_END = set(".!?։…")
#: What may stand between a sentence end and the next sentence's first word.
_OPENERS = set(" \t\n\u00a0\"'«»“”„‘’()[]—–-*")
#: Opening quotation marks: a quotation starts a sentence of its own.
_QUOTE_OPENERS = set("«“„")


@dataclass(frozen=True)
class Word:
    """One word of a side: its text, offsets, and whether a sentence starts with it."""

    text: str
    start: int
    end: int
    initial: bool

    # made once per word: the components ask them of every word, some of them many times
    @cached_property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()

    @cached_property
    def all_caps(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters)


def nfc_with_offsets(text: str) -> tuple[str, list[int]] | None:
    """``text`` in Unicode NFC and, for every offset into it (its length included), the offset into
    ``text`` it comes from; None when ``text`` is NFC already (the common case, at no cost).

    A text in NFD spells ``ü`` as ``u`` + a combining diaeresis: word patterns would cut "Zürich"
    into "Zu" and "rich", and numbers or names would not match the other side's NFC spelling.  The
    components read the NFC text; the marks they make are mapped back to the text as written."""
    if unicodedata.is_normalized("NFC", text):
        return None
    out: list[str] = []
    back: list[int] = []
    start = 0
    for i in range(1, len(text) + 1):  # each starter with the combining marks after it composes alone
        if i < len(text) and (unicodedata.combining(text[i]) or "\u1160" <= text[i] <= "\u11ff"):
            continue
        piece = unicodedata.normalize("NFC", text[start:i])
        out.append(piece)
        back.extend([start] * len(piece))
        start = i
    back.append(len(text))
    nfc = "".join(out)
    if nfc != unicodedata.normalize("NFC", text):  # a composition across clusters: keep the text as it is
        return None
    return nfc, back


def base_lang(lang: str) -> str:
    """``"ru-RU"`` → ``"ru"``; lower case."""
    return (lang or "").split("-")[0].split("_")[0].lower()


#: Abbreviations after which a full stop ends no sentence ("Mr. Kipiani", "г. Ереван", "No. 412").
ABBREVIATIONS = frozenset("""
mr mrs ms messrs mm mme mlle dr prof st mt gen col capt lt sgt adm gov sen rep rev hon esq jr sr no nos art
vol ch sec fig cf vs etc viz approx dept corp inc co ltd
г гг гр тов ген им см ст ул д проф акад св т тт
""".split())


def find_words(text: str) -> tuple[Word, ...]:
    """The words of ``text`` in order, each marked when it opens a sentence.

    A full stop after an abbreviation ("Mr.", "г.") or a single capital (an
    initial: "A. Ter-Mikaelian") ends no sentence.
    """
    words: list[Word] = []
    for m in WORD.finditer(text):
        i = m.start() - 1
        quoted = False
        while i >= 0 and text[i] in _OPENERS:
            quoted = quoted or text[i] in _QUOTE_OPENERS or (text[i] == '"' and (i == 0 or text[i - 1] in " (:"))
            i -= 1
        initial = i < 0 or text[i] in _SENTENCE_END or quoted
        if initial and not quoted and i >= 0 and text[i] == "." and words and words[-1].end == i:
            prev = words[-1].text
            if prev.lower() in ABBREVIATIONS or (len(prev) == 1 and prev.isupper()):
                initial = False
        words.append(Word(m.group(), m.start(), m.end(), initial))
    return tuple(words)


class SideText:
    """One side of a bead: text, language, and the shared analyses of it."""

    def __init__(self, text: str, lang: str) -> None:
        self.text = text
        self.lang = base_lang(lang)
        self.script = LANGUAGE_SCRIPTS.get(self.lang)

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return find_words(self.text)

    def word_script(self, word: Word) -> str | None:
        """The script of a word's first letter (``"latin"``, ``"cyrillic"``, ...)."""
        for c in word.text:
            s = char_script(c)
            if s:
                return s
        return None

    def __repr__(self) -> str:
        return f"SideText({self.lang!r}, {self.text[:40]!r})"
