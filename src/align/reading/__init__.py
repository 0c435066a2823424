"""How the workbench reads a text: old spellings and OCR look-alikes normalised, the text as written kept.

The documents this workbench exists for were written in the spelling of
their day: Russian before the 1917–18 reform (``ѣ``, ``і``, final ``ъ``,
``-аго``) and Armenian in the classical spelling the diaspora still uses
(``Յովհաննէս``, ``-ութիւն``, ``-եան``).  The encoder and the divergence
rules were made for modern spelling, so a version is *read*: a
:class:`Reading` holds the normalised text beside the text as written and
maps offsets between them.  Segmentation, embeddings and divergence use the
reading; segments, stores, views and exports keep the text as written.

* :func:`read` makes the reading of one version, once: the spelling is the
  one its metadata declares (``orthography`` in the version's ``.toml``) or,
  when none is declared, the one the text shows (:func:`detect`).  A version
  declared ``modern`` whose text is in old spelling is read in the detected
  spelling, with a warning.
* :func:`normalise` reads a string in a known spelling (a bead's side, when
  scoring); normalisation is word by word, so the reading of a piece of a
  text is the piece of its reading.
* A text in mixed spelling is read word by word: the old-spelling rules only
  change old-spelling forms.
* In every language, a word mixing Latin and Cyrillic look-alike letters is
  read in its own script (:mod:`.lookalikes`).

A modern text reads exactly as written (``Reading.changed`` is false): the
rules change nothing modern spelling writes.  Rules and their limits:
:mod:`.russian`, :mod:`.armenian`.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..errors import MetadataError
from ..scripts import LANGUAGE_SCRIPTS
from . import armenian, russian
from .lookalikes import fix_word
from .offsets import Reading, ReadingBuilder

__all__ = ["ORTHOGRAPHIES", "READING_VERSION", "Detection", "Reading", "allowed_orthographies", "check_orthography",
           "detect", "normalise", "read", "reading_signature"]

MODERN, MIXED = "modern", "mixed"
#: The spellings a version may declare, with what each means.
ORTHOGRAPHIES: dict[str, str] = {
    MODERN: "today's spelling (Russian after 1918, Armenian as reformed in 1922–24 and written in Armenia)",
    "pre-reform": "Russian before the 1917–18 reform: ѣ, і, ѳ, ѵ, final ъ, -аго/-яго, -ыя/-ія",
    "classical": "classical Armenian spelling, as before the 1922–24 reform and in the diaspora",
    MIXED: "old and modern spelling mixed in one text: read word by word",
}
#: The old spelling of each language that has one.
OLD: dict[str, str] = {"ru": "pre-reform", "hy": "classical"}
#: Bumped whenever a rule changes what a text reads as; recorded in signatures of texts it changes.
READING_VERSION = "1"

_WORD = re.compile(r"[^\W\d_]+")
#: language → (rule for every text, rule for old spelling, is_old, is_modern); a rule takes a word in
#: lower case and whether it was written with a capital.
_RULES = {"ru": (lambda low, cap: russian.letters(low), russian.pre_reform,
                 russian.is_old, russian.is_modern),
          "hy": (None, armenian.classical, armenian.is_old, armenian.is_modern)}
#: A text is in old spelling when this share of its telling words show it, modern below the other.
OLD_SHARE, MODERN_SHARE = 0.85, 0.15
#: Fewer old-spelling words than this in a modern text are strays (a quotation), not a mixed text.
MIN_OLD_WORDS = 3


def _base(lang: str) -> str:
    return (lang or "").split("-")[0].split("_")[0].lower()


def allowed_orthographies(lang: str) -> tuple[str, ...]:
    """The spellings a version in ``lang`` may declare: ``modern``, and for ru/hy its old one and ``mixed``."""
    old = OLD.get(_base(lang))
    return (MODERN, old, MIXED) if old else (MODERN,)


def check_orthography(value: str, lang: str, where: str = "") -> str:
    """``value`` if a version in ``lang`` may declare it; :class:`~align.errors.MetadataError` otherwise."""
    allowed = allowed_orthographies(lang)
    if value not in allowed:
        prefix = f"{where}: " if where else ""
        raise MetadataError(f"{prefix}field 'orthography' = {value!r} is not a spelling of language {lang!r}; "
                            f"allowed: {', '.join(allowed)}")
    return value


@dataclass(frozen=True)
class Detection:
    """What a text's words show: how many are in old and in modern spelling, and the verdict."""

    orthography: str
    old_words: int
    modern_words: int


def detect(text: str, lang: str) -> Detection:
    """The spelling ``text`` is written in: ``modern``, the language's old one, or ``mixed``.

    Counts the words that show old spelling and those that show modern
    spelling (Russian: a word ending in a consonant without ``ъ``; Armenian:
    ``-յան``, ``-ություն``, ``և``); old when at least :data:`OLD_SHARE` of
    the telling words are old, modern when fewer than :data:`MIN_OLD_WORDS`
    are or their share is under :data:`MODERN_SHARE`, mixed in between.
    """
    code = _base(lang)
    rules = _RULES.get(code)
    if rules is None:
        return Detection(MODERN, 0, 0)
    _, _, is_old, is_modern = rules
    old = new = 0
    for m in _WORD.finditer(text):
        w = m.group().lower()
        if is_old(w):
            old += 1
        elif is_modern(w):
            new += 1
    told = old + new
    if not told or old < MIN_OLD_WORDS and old / told < OLD_SHARE or old / told < MODERN_SHARE:
        return Detection(MODERN, old, new)
    return Detection(OLD[code] if old / told >= OLD_SHARE else MIXED, old, new)


def _recase(word: str, low: str) -> str:
    if word.isupper() and len(word) > 1:
        return low.upper().replace("ԵՒ", "ԵՎ")
    return "".join(c.upper() if i < len(word) and word[i].isupper() else c for i, c in enumerate(low))


def _word_reader(lang: str, orthography: str) -> Callable[[str], str]:
    code = _base(lang)
    home = LANGUAGE_SCRIPTS.get(code)
    always, old_rules, _, _ = _RULES.get(code, (None, None, None, None))
    rule = old_rules if orthography != MODERN and old_rules else always

    def read_word(word: str) -> str:
        fixed = fix_word(word, home)
        if rule is None:
            return fixed
        low = fixed.lower()
        new = rule(low, fixed[:1].isupper())
        return fixed if new == low else _recase(fixed, new)
    return read_word


def _build(text: str, lang: str, orthography: str, declared: str = "", detected: str = "",
           warning: str = "") -> Reading:
    read_word = _word_reader(lang, orthography)
    builder = ReadingBuilder(text)
    for m in _WORD.finditer(text):
        builder.replace(m.start(), m.end(), read_word(m.group()))
    return builder.build(_base(lang), orthography, declared=declared, detected=detected, warning=warning)


@lru_cache(maxsize=64)
def read(text: str, lang: str, declared: str = "") -> Reading:
    """The reading of one version's ``text`` in ``lang``, its ``declared`` spelling given or not ("").

    The spelling used: the declared one, unless it is ``modern`` and the
    text shows old spelling (then the detected one, and
    ``Reading.warning`` says so); the detected one when none is declared.
    """
    found = detect(text, lang)
    used, warning = declared or found.orthography, ""
    if declared == MODERN and found.orthography != MODERN:
        used = found.orthography
        warning = (f"declared orthography 'modern', but {found.old_words} words are in "
                   f"{OLD.get(_base(lang), 'old')} spelling ({found.modern_words} in modern): read as "
                   f"'{used}'; set orthography = \"{used}\" in its metadata to say so")
    return _build(text, lang, used, declared=declared, detected=found.orthography, warning=warning)


def normalise(text: str, lang: str, orthography: str | None = None) -> Reading:
    """The reading of any string (a bead's side) in ``orthography``: None, the one the string shows;
    ``""``, the string as written (what an alignment records for a side whose reading was its text)."""
    if orthography == "":
        return Reading(text, text, _base(lang), MODERN)
    if orthography is None:
        orthography = detect(text, lang).orthography
    return _build(text, lang, orthography)


def reading_signature(reading: Reading) -> str:
    """What a signature records of a reading: ``""`` when it is the text as written, else the spelling
    and :data:`READING_VERSION` (``"pre-reform/reading-1"``)."""
    return f"{reading.orthography}/reading-{READING_VERSION}" if reading.changed else ""
