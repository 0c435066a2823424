"""Joining a word broken across two lines: keep the hyphen of a compound, drop a typesetter's.

A PDF (or any typeset text) breaks long words at line ends: "hyphen-" /
"ated" must become "hyphenated", but "well-" / "known" stays "well-known" and
"какой-" / "нибудь" stays "какой-нибудь".  The decision, in order:

1. a soft hyphen (U+00AD) is always the typesetter's: dropped;
2. the second part starts with a capital or a digit ("anti-Soviet",
   "Austro-Hungarian", "1920-21"): kept;
3. the document itself decides when it can: the word written whole
   elsewhere in it ("hyphenated") drops the hyphen; written with the hyphen
   elsewhere on one line ("well-known") keeps it;
4. for Russian, the pymorphy3 dictionary (a dependency already): the
   compound known to it ("военно-технические", "кто-то") keeps the hyphen;
   else the word joined whole known to it ("обязательство") drops it; else
   both parts being words keeps it;
5. the language's compounds: Russian particles and prefixes that always
   take a hyphen (-то, -либо, -нибудь, -ка, -таки, кое-, по-...ски/ому/ему,
   из-за, из-под), English prefixes that do and are never a syllable a
   typesetter breaks after (self-, well-, half-, cross-, the tens of compound
   numbers: twenty- ... ninety-): kept;
6. otherwise dropped: a line-end hyphen in typeset prose is far more often a
   break inside a word than the hyphen of a compound.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

HYPHENS = ("-", "\u2010", "\u00ad")
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*")

_KEEP_PREFIX = {
    # only prefixes that are never a syllable a typesetter breaks after ("ex-ample", "pre-vious", "ill-ness")
    "en": {"self", "well", "half", "cross", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
           "ninety"},
    "ru": {"кое", "кой"},
}
_KEEP_SUFFIX = {"ru": {"то", "либо", "нибудь", "ка", "таки", "де"}}
_KEEP_PAIRS = {"ru": {("из", "за"), ("из", "под"), ("по", "над")}}
_RU_PO_ENDINGS = ("ски", "цки", "ому", "ему", "ьи", "ьему")


@lru_cache(maxsize=1)
def _ru_morph() -> Any:
    import pymorphy3
    return pymorphy3.MorphAnalyzer(lang="ru")


def _ru_known(word: str) -> bool:
    return bool(_ru_morph().word_is_known(word))


def vocabulary(texts: Iterable[str]) -> Counter[str]:
    """Lower-cased words (hyphenated compounds as one word) counted over ``texts``."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w.lower().replace("\u2010", "-") for w in _WORD.findall(text))
    return counts


def keeps_hyphen(left: str, right: str, lang: str, words: Counter[str] | None = None) -> bool:
    """Whether the hyphen between ``left`` (the word part before a line-end hyphen, hyphen removed)
    and ``right`` (the first word of the next line) belongs to the word; see the module docstring."""
    if not left or not right:
        return True
    if right[0].isupper() or right[0].isdigit():
        return True
    lo_left, lo_right = left.lower(), right.lower()
    last = re.split(r"[-\u2010]", lo_left)[-1]  # "twenty-" in "one-and-twenty-"
    if words:
        whole = lo_left.replace("\u2010", "-") + lo_right
        joined = lo_left.replace("\u2010", "-") + "-" + lo_right
        if words.get(whole, 0) > words.get(joined, 0):
            return False
        if words.get(joined, 0) > 0:
            return True
    code = lang.split("-")[0].lower()
    if code == "ru" and last.isalpha() and lo_right.isalpha():
        if _ru_known(f"{last}-{lo_right}"):
            return True
        if _ru_known(last + lo_right):
            return False
        if _ru_known(lo_right) and _ru_known(last) and len(last) > 1:
            return True
    if last in _KEEP_PREFIX.get(code, ()) or lo_right in _KEEP_SUFFIX.get(code, ()):
        return True
    if (last, lo_right) in _KEEP_PAIRS.get(code, ()):
        return True
    if code == "ru" and last == "по" and lo_right.endswith(_RU_PO_ENDINGS):
        return True
    return False


def join_lines(first: str, second: str, lang: str, words: Counter[str] | None = None) -> tuple[str, bool]:
    """``first`` and ``second`` (two lines of one paragraph) as one line, and whether a hyphen was
    resolved.  A line ending in a hyphen after a letter, followed by a line starting with a letter,
    is a broken word (:func:`keeps_hyphen` decides); other lines are joined with a space."""
    a, b = first.rstrip(), second.lstrip()
    if not a:
        return b, False
    if not b:
        return a, False
    if a.endswith(HYPHENS) and len(a) >= 2 and a[-2].isalpha() and b[0].isalpha():
        hyphen = a[-1]
        left = _WORD.findall(a[:-1])
        right = _WORD.findall(b)
        left_word = left[-1] if left and a[:-1].endswith(left[-1]) else ""
        right_word = right[0] if right and b.startswith(right[0]) else ""
        if hyphen != "\u00ad" and keeps_hyphen(left_word, right_word.split("-")[0], lang, words):
            return a[:-1] + "-" + b, True
        return a[:-1] + b, True
    return a + " " + b, False
