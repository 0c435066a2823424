"""Armenian in the classical (Mashtotsian) spelling, read as reformed Eastern Armenian.

The 1922–24 reform (Soviet Armenia; the diaspora kept the classical spelling)
changed no letters, only where they are written.  A word of a text read as
classical is rewritten by these rules, in this order (lower case; the case
of the word is put back after):

1. whole words: ``իւր`` → ``իր``, ``իւրեանց`` → ``իրենց``, ``եւ`` → ``և``,
   ``կայ`` → ``կա``;
2. a word-initial ``յ`` → ``հ`` (``Յունիս`` → ``Հունիս``, ``Յովհաննէս`` →
   ``Հովհաննես``), except in the few words reformed spelling also starts with
   ``յ`` (``յոթ``, ``յուրաքանչյուր``, ``յուղ``, ``յոգնել``);
3. ``եօ`` → ``յո`` (``եօթանասուն`` → ``յոթանասուն``), ``եա`` → ``յա`` (the
   name ending ``-եան`` → ``-յան``; ``-ութեան`` → ``-ության``);
4. ``իւ`` → ``յու`` before a consonant (``-ութիւն`` → ``-ություն``,
   ``միւս`` → ``մյուս``), ``իվ`` before a vowel or at the end (``թիւ`` →
   ``թիվ``, ``հիւանդ`` → ``հիվանդ``);
5. ``եւ`` → ``և`` inside a word (``Երեւան`` → ``Երևան``), ``եվ`` at its start
   (``Եւրոպա`` → ``Եվրոպա``);
6. ``ու`` after a consonant and before a vowel → ``վ`` (``զինուորական`` →
   ``զինվորական``, ``Յունուար`` → ``Հունվար``, ``տուեալ`` → ``տվյալ``);
7. any other ``ւ`` → ``վ`` (``աւելի`` → ``ավելի``);
8. ``օ`` and ``է`` inside a word → ``ո`` and ``ե`` (``միլիօն`` → ``միլիոն``,
   ``պէտք`` → ``պետք``), except where a compound's second part starts with
   them (``այսօր``, ``կեսօր``, ``անօգուտ``; ``չէ``, ``որևէ``) — as reformed spelling keeps them;
9. ``ոյ`` before a consonant → ``ույ`` (``լոյս`` → ``լույս``), and a final
   ``յ`` after ``ա`` or ``ո`` is dropped (``վրայ`` → ``վրա``, ``հետոյ`` →
   ``հետո``) except in ``հայ`` and its compounds and the short words and
   names that keep it (``բայ``, ``Նոյ``, ``Նիկոլայ``).

Known limits: compounds other than the listed ones whose second part starts
with ``օ`` or ``է`` get ``ո``/``ե``; foreign names with ``ուա``/``ուե``/``ուի``
(``Վենեսուելա``, ``Լուի``) are read with ``վ``; Western Armenian words are read by
the same rules (the letters are the same, the readings are the Eastern ones).
"""
from __future__ import annotations

import re

VOWELS = "աեէըիոօ"
#: Lower-case Armenian letters that are consonants here (``ւ`` is neither: see the rules).
CONSONANTS = "".join(chr(c) for c in range(0x561, 0x587) if chr(c) not in VOWELS + "ւ")

_WHOLE = {"իւր": "իր", "իւրեանց": "իրենց", "իւրեան": "իրեն", "եւ": "և", "եւս": "ևս", "կայ": "կա",
          "չկայ": "չկա", "այնուամենայնիւ": "այնուամենայնիվ"}
#: Reformed words that start with ``յ``: the initial ``յ`` of these is not a classical ``հ``.
_KEEP_INITIAL_Y = ("յոթ", "յուրաքանչ", "յուրահատ", "յուղ", "յոգն")
#: Where a compound's second part starts with ``օ`` or ``է``, which reformed spelling keeps.
_KEEP_O_AFTER = frozenset({"այս", "այն", "այդ", "ամեն", "ամենա", "ան", "առ", "կես", "հանր", "ինքն", "նախ"})
_KEEP_E_AFTER = frozenset({"չ", "ան", "ամենա", "հանրա", "որև", "երբև", "ինչև", "ուրև"})
#: Words ending in ``այ``/``ոյ`` whose ``յ`` reformed spelling keeps.
_KEEP_FINAL_Y = frozenset({"հայ", "բայ", "վայ", "ճայ", "խոյ", "գոյ", "նոյ", "նիկոլայ", "շանհայ", "ալթայ",
                           "մալայ", "սամուրայ", "ուրուգվայ", "պարագվայ"})

_U_BEFORE_VOWEL = re.compile(rf"(?<=[{CONSONANTS}])ու(?=[աեէիո])")
_UYA = re.compile(rf"(?<=[{CONSONANTS}])ուեա")
_OY_BEFORE_CONSONANT = re.compile(rf"ոյ(?=[{CONSONANTS}])")


def classical(w: str, proper: bool = False) -> str:
    """The reformed reading of one lower-case word written in classical spelling (``proper``: it was
    written with a capital, so a final ``-ուի`` is a name in ``-ու`` with the genitive: ``Քումքափուի``)."""
    if w in _WHOLE:
        return _WHOLE[w]
    neg = "չ" if w.startswith("չյ") else ""  # the negation չ- before a classical initial յ: չյայտնեցին
    if w.startswith("յ", len(neg)) and len(w) > len(neg) + 1 and not w.startswith(_KEEP_INITIAL_Y, len(neg)):
        w = neg + "հ" + w[len(neg) + 1:]
    w = _UYA.sub("վյա", w)
    w = w.replace("յեա", "յա").replace("եօ", "յո").replace("եա", "յա")
    w = _iw(w)
    if w.startswith("եւ") and len(w) > 2:
        w = "եվ" + w[2:]
    w = w.replace("եւ", "և")
    w = _U_BEFORE_VOWEL.sub(lambda m: "ու" if proper and m.end() == len(w) - 1 else "վ", w)
    w = re.sub("(?<!ո)ւ", "վ", w)
    w = _inner(w, "է", "ե", _KEEP_E_AFTER)
    w = _inner(w, "օ", "ո", _KEEP_O_AFTER)
    w = _OY_BEFORE_CONSONANT.sub("ույ", w)
    if len(w) > 2 and w.endswith(("այ", "ոյ")) and w not in _KEEP_FINAL_Y and not w.endswith("հայ"):
        w = w[:-1]
    return w


def _iw(w: str) -> str:
    """``իւ`` → ``յու`` before a consonant, ``իվ`` before a vowel, at the end of the word and before the
    plural ``-ներ`` (``հաշիւները`` → ``հաշիվները``)."""
    out, i = [], 0
    while i < len(w):
        if w.startswith("իւ", i):
            after = w[i + 2:i + 3]
            out.append("յու" if after and after in CONSONANTS and not w.startswith("ներ", i + 2) else "իվ")
            i += 2
        else:
            out.append(w[i])
            i += 1
    return "".join(out)


def _inner(w: str, old: str, new: str, keep_after: frozenset[str]) -> str:
    """``old`` → ``new`` everywhere but at the start of ``w`` and after a listed first part."""
    if old not in w[1:]:
        return w
    return w[0] + "".join(new if c == old and w[:i] not in keep_after else c for i, c in enumerate(w[1:], 1))


# -- what a text shows ---------------------------------------------------------------------

_FREE_YIWN = re.compile("(?<!ո)ւ")
_MEDIAL_Y = re.compile(rf"(?<=[{CONSONANTS.replace('յ', '')}])յ(?=[աեէըիոօ])")


def is_old(w: str) -> bool:
    """Whether one lower-case word shows classical spelling (a tell reformed spelling never writes)."""
    if _FREE_YIWN.search(w) or "եա" in w or "եօ" in w or _OY_BEFORE_CONSONANT.search(w):
        return True
    if w.startswith("յ") and len(w) > 1 and not w.startswith(_KEEP_INITIAL_Y):
        return True
    return _inner(w, "օ", "ո", _KEEP_O_AFTER) != w or _inner(w, "է", "ե", _KEEP_E_AFTER) != w


def is_modern(w: str) -> bool:
    """Whether one lower-case word shows reformed spelling: ``յ`` between a consonant and a vowel
    (``-յան``, ``-ություն``), the letter ``և`` inside a word, or ``ույ`` before a consonant."""
    return bool(_MEDIAL_Y.search(w) or "և" in w[1:] or re.search(rf"ույ[{CONSONANTS}]", w))
