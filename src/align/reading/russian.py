"""Russian in the spelling before the 1917–18 reform, read as modern Russian.

What changes, word by word (a *word* is a run of letters; ``изъ-за`` is two):

* in every Russian text, since none of it occurs in modern spelling:
  ``ѣ`` → ``е``, ``і`` → ``и``, ``ѳ`` → ``ф``, ``ѵ`` → ``и``, and a final ``ъ``
  is dropped (``сказалъ`` → ``сказал``; an inner one stays: ``объявилъ`` →
  ``объявил``).  ``онѣ``, ``однѣ`` and their cases become ``они``, ``одни``,
  ``ея`` and ``нея`` become ``её`` and ``неё``.
* in a text read as pre-reform (declared, or detected: see :func:`detect`),
  where modern spelling has words of the same shape:

  - adjective endings ``-аго``/``-яго`` → ``-ого``/``-его`` (``новаго`` →
    ``нового``, ``синяго`` → ``синего``, ``общаго`` → ``общего``), unless the
    word is a modern word as written (``благо``, ``Чикаго``);
  - ``-ыя``/``-ія`` → ``-ые``/``-ие`` where the modern dictionary knows the
    ``-ие`` word and not the ``-ия`` one (``новыя`` → ``новые``,
    ``русскія`` → ``русские``, but ``Россія`` → ``Россия``);
  - the prefixes ``без-``, ``из-``, ``раз-``, ``воз-``, ``низ-``, ``чрез-``/
    ``через-`` before a voiceless consonant take ``с`` (``разсмотрѣть`` →
    ``рассмотреть``, ``безпокойство`` → ``беспокойство``).

  - ``ё``, which printers of the time did not set, where the modern
    dictionary writes it in every reading of the word (``идетъ`` → ``идёт``,
    ``трехъ`` → ``трёх``; ``все``, ``сел`` stay as they are ambiguous, and
    so do words written with a capital: ``Теръ`` is not ``тёр``).

The dictionary is pymorphy3's (OpenCorpora, MIT; a dependency already, for
the tense component), asked only in a text read as pre-reform or mixed, so a
modern text never loads it.  Case is kept: ``СЪѢЗДЪ`` →
``СЪЕЗД``, ``Россіи`` → ``России``.

Known limits: ``большаго`` is read ``большого`` (the common reading; the
comparative ``большего`` was spelt alike); the feminine genitive ``-ыя``
(``новыя книги`` as "of the new book") is read as the plural; ``ѵ`` read
as ``в`` (``Еѵангеліе``) is not known.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

#: Letters modern spelling does not have (lower case), and what they are read as.
LETTERS = str.maketrans({"ѣ": "е", "і": "и", "ѳ": "ф", "ѵ": "и"})
OLD_LETTERS = frozenset("ѣѢіІѳѲѵѴ")
#: Consonants after which pre-reform spelling writes a final ъ (or ь), and modern spelling nothing.
HARD_FINAL = frozenset("бвгджзклмнпрстфхцчшщ")
_WHOLE = {"онѣ": "они", "однѣ": "одни", "однѣхъ": "одних", "однѣмъ": "одним", "однѣми": "одними",
          "ея": "её", "нея": "неё"}
_PREFIX = re.compile(r"^(?:без|воз|из|раз|низ|чрез|через)(?=[кпстфхцчшщ])")
#: Modern words that start like such a prefix and hold none.
_NOT_PREFIX = ("низк", "возк")
_HUSHING = frozenset("жшчщ")


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def _known(word: str) -> bool:
    return bool(_morph().word_is_known(word))


@lru_cache(maxsize=65536)
def _yo(word: str) -> str:
    """``word`` with ``ё`` where the dictionary writes it in every reading of the word (``идет`` →
    ``идёт``, ``верст`` → ``вёрст``; ``все``, ``сел``, ``небо`` stay), else ``word``."""
    forms = {p.word for p in _morph().parse(word)}
    if len(forms) == 1:
        form = forms.pop()
        if "ё" in form and form.replace("ё", "е") == word:
            return form
    return word


def letters(low: str) -> str:
    """What every Russian text gets, for one lower-case word: old letters, final ``ъ``, ``онѣ``, ``ея``."""
    if low in _WHOLE:
        return _WHOLE[low]
    out = low.translate(LETTERS)
    if len(out) > 1 and out[-1] == "ъ" and out[-2] in HARD_FINAL:
        out = out[:-1]
    return out


def pre_reform(low: str, proper: bool = False) -> str:
    """The reading of one lower-case word of a text read as pre-reform (``proper``: written with a
    capital, so a name, whose ``е`` the dictionary cannot tell: ``Теръ`` is not ``тёр``)."""
    w = letters(low)
    if w.endswith(("агося", "ягося")) and len(w) >= 7:  # reflexive participles: состоявшагося
        return pre_reform(w[:-2], proper) + "ся"
    if len(w) >= 5 and w.endswith(("аго", "яго")) and not _known(w):
        stem = w[:-3]
        soft = w.endswith("яго") or stem[-1] in _HUSHING
        first, second = (stem + "его", stem + "ого") if soft else (stem + "ого", stem + "его")
        if stem.endswith("больш"):
            first, second = second, first
        w = first if _known(first) or not _known(second) else second
    elif len(w) >= 4 and (w.endswith("ыя") or (w.endswith("ия") and not _known(w) and _known(w[:-1] + "е"))):
        w = w[:-1] + "е"
    if len(w) >= 6 and _PREFIX.match(w) and not w.startswith(_NOT_PREFIX):
        end = _PREFIX.match(w).end()  # type: ignore[union-attr]
        w = w[:end - 1] + "с" + w[end:]
    return _yo(w) if "е" in w and not proper else w


def is_old(word: str) -> bool:
    """Whether a word shows pre-reform spelling: an old letter, or ``ъ`` after a final consonant."""
    return (any(c in OLD_LETTERS for c in word)
            or (len(word) > 1 and word[-1] in "ъЪ" and word[-2].lower() in HARD_FINAL))


def is_modern(word: str) -> bool:
    """Whether a word shows modern spelling: three letters or more, ending in a consonant with no ``ъ``."""
    return len(word) > 2 and word[-1].lower() in HARD_FINAL
