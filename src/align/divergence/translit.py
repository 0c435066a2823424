"""Transliteration of Cyrillic and Armenian to Latin, and a spelling-blind Latin key.

:func:`to_latin` gives a readable romanisation (BGN/PCGN-like for Russian,
a practical Eastern Armenian one).  :func:`name_key` then folds any Latin
spelling to a coarse key in which the usual ways of writing one sound agree:
``"Yevlakh"``, ``"Евлах"`` and ``"Եվլախ"`` all give ``"eula"``;
``"Tumanyan"``, ``"Туманян"`` and ``"Թումանյան"`` give ``"tumanian"``.

The key is for matching names across scripts, not for display.  :func:`sound_keys` is
looser still: consonant classes only ("Vettel" and "Феттеля" both sound FTL), for the
names no key matched, set only against the names left unmatched on the other side.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
    # Ukrainian and Belarusian letters, so their names fold too
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "w",
}
_RU_VOWELS = set("аеёиоуыэюяіїє")

_HY = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e", "ը": "y",
    "թ": "t", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts", "կ": "k", "հ": "h",
    "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y", "ն": "n", "շ": "sh", "ո": "o",
    "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r", "ս": "s", "վ": "v", "տ": "t", "ր": "r",
    "ց": "ts", "ւ": "v", "փ": "p", "ք": "k", "օ": "o", "ֆ": "f", "և": "ev",
}
#: Armenian marks written inside words (emphasis, question, exclamation, abbreviation).
HY_WORD_MARKS = "՛՜՞՟"


def _ru_to_latin(word: str) -> str:
    out = []
    prev = ""
    for ch in word.lower():
        lat = _RU.get(ch)
        if lat is None:
            out.append(ch)
        elif ch == "е" and (not prev or prev in _RU_VOWELS or prev in "ъь"):
            out.append("ye")  # Евлах → Yevlakh, Бахрейн stays -ei- inside a word
        else:
            out.append(lat)
        prev = ch
    return "".join(out)


def _hy_to_latin(word: str) -> str:
    w = word.lower()
    for m in HY_WORD_MARKS:
        w = w.replace(m, "")
    out = []
    i = 0
    while i < len(w):
        ch = w[i]
        if ch == "ո" and i + 1 < len(w) and w[i + 1] == "ւ":
            out.append("u")
            i += 2
            continue
        if i == 0 and ch == "ե":
            out.append("ye")
        elif i == 0 and ch == "ո":
            out.append("vo")
        elif i == 0 and ch == "և":
            out.append("yev")
        else:
            out.append(_HY.get(ch, ch))
        i += 1
    return "".join(out)


def to_latin(word: str) -> str:
    """A lower-case Latin romanisation of a word in Cyrillic, Armenian or Latin script."""
    if not word:
        return ""
    if any("\u0530" <= c <= "\u058f" for c in word):
        return _hy_to_latin(word)
    if any("\u0400" <= c <= "\u052f" for c in word):
        return _ru_to_latin(word)
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


# Order matters: longer spellings of one sound first.
_FOLDS = [
    ("shch", "s"), ("sch", "s"), ("dzh", "j"), ("dge", "j"), ("tch", "c"), ("sh", "s"), ("zh", "z"), ("kh", "h"),
    ("gh", "h"), ("ch", "c"), ("ts", "s"), ("tz", "s"), ("ph", "f"), ("th", "t"),
    ("ck", "k"), ("dj", "j"), ("x", "ks"), ("q", "k"), ("w", "v"),
    ("ou", "u"), ("oo", "u"), ("ee", "i"),
]
_SILENT_H = re.compile(r"(?<=[aeiou])h(?![aeiou])")  # John, Sarah, Bahrain: an h nobody writes as г
_TION = re.compile(r"ti(?=[aou])")  # nation / нация, Croatia / Хорватия
_SOFT_C = re.compile(r"c(?=[eiy])")
_GLIDE = re.compile(r"(?<=[^aeiou])i(?=[aeou])")
_HARD_C = re.compile(r"c(?!h)")


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """Fold a word (any of the three scripts) to a coarse Latin key for fuzzy name matching.

    Returns a lower-case ASCII string: digraphs folded to one letter (sh→s,
    kh→h, ch→c, ts→s, dzh/dge→j, a Latin c→s before e/i/y and k elsewhere), y→i,
    v/w→u, the y-glide between a consonant and a vowel dropped (тюрк / Turk),
    an h after a vowel and before a consonant dropped, any other h→g
    (Russian writes a foreign h as г), doubled letters collapsed, a leading
    ye/ie→e.
    """
    s = to_latin(word)
    s = "".join(c for c in s if c.isascii() and c.isalpha())
    if not s:
        return ""
    s = _TION.sub("si", s)
    s = s.replace("cz", "c").replace("chr", "kr")  # Czeisler / Чейслер, Christine / Кристина
    s = _SOFT_C.sub("s", s)  # Center, Price, Celsius: Центр, Прайс, Цельсий
    s = _HARD_C.sub("k", s)
    for a, b in _FOLDS:
        s = s.replace(a, b)
    if s.startswith(("ye", "ie")):
        s = "e" + s[2:]
    s = s.replace("y", "i").replace("v", "u")  # Dowden / Дауден, Warsaw / Варшава
    s = _GLIDE.sub("", s)  # тюрк / Turk, Мария / Maria: a y-glide after a consonant
    s = _SILENT_H.sub("", s).replace("h", "g")
    out = [s[0]]
    for c in s[1:]:
        if c != out[-1]:
            out.append(c)
    return "".join(out)


# Sound classes of :func:`sound_keys`, longest spellings first: each spelling gives one or more classes
# (alternatives: "ch" is S in "Charlotte" / "Шарлотта" and K in "Christie"); "" is a sound no class keeps.
_SOUNDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shch", ("S",)), ("sch", ("S",)), ("tch", ("S",)), ("dzh", ("S",)),
    ("sh", ("S",)), ("zh", ("S",)), ("ts", ("S",)), ("tz", ("S",)), ("dz", ("S",)), ("dj", ("S",)),
    ("ch", ("S", "K")), ("cz", ("S", "K")), ("kh", ("",)), ("gh", ("K", "", "F")), ("ph", ("F", "P")),
    ("th", ("T",)), ("ck", ("K",)), ("ng", ("NK", "N")), ("qu", ("K",)),
    ("b", ("P",)), ("p", ("P",)), ("d", ("T",)), ("t", ("T",)), ("v", ("F",)), ("f", ("F",)),
    ("w", ("F", "")), ("k", ("K",)), ("g", ("K",)), ("q", ("K",)), ("s", ("S",)), ("z", ("S",)), ("j", ("S", "")),
    ("l", ("L",)), ("r", ("R",)), ("m", ("M",)), ("n", ("N",)), ("h", ("",)),
)
_FRONT = "eiy"
#: Most spellings of one word :func:`sound_keys` gives (names with many ambiguous letters are cut short).
_MOST_KEYS = 32


@lru_cache(maxsize=65536)
def sound_keys(word: str) -> frozenset[str]:
    """The consonant skeletons a word (any of the three scripts) may sound as, for setting a name one side
    has against a name the other side has where the spelling rules of :func:`name_key` find no match.

    Consonants fall into classes that transliterations confuse — F (v, f, w, ph), P (b, p), T (d, t, th),
    K (g, k, c before a back vowel, q, gh), S (s, z, sh, zh, ch, ts, j, a soft c or g); l, r, m, n keep
    their own — and vowels, an h and a Russian or Armenian kh drop out ("Whitehall" / "Уайтхолл",
    "Rihanna" / "Рианна").  A skeleton starts with "A" when a vowel comes before its first consonant
    ("Utah" / "Юта": AT).  Letters that sound two ways give a key for each: a w (Vettel's or Whitehall's),
    a j (John's or Joko's), a ch, a g before e or i (Gerrard / Джеррард, Farage / Ֆարաժ), an x at the
    start (Xavier, Xi), an ng (Pyongyang / Պհենյան).  Repeated classes collapse.
    """
    s = "".join(c for c in to_latin(word) if c.isascii() and c.isalpha())
    if not s:
        return frozenset()
    parts: list[tuple[str, ...]] = []
    i = 0
    while i < len(s):
        c = s[i]
        nxt = s[i + 1] if i + 1 < len(s) else ""
        step = 1
        if c in "aeiouy":
            options: tuple[str, ...] = ("a",)
        elif c == "x":
            options = ("KS", "S") if i == 0 else ("KS",)
        elif c == "c" and nxt not in "hz":
            options = ("S",) if nxt and nxt in _FRONT else ("K",)
        elif c == "g" and nxt and nxt in _FRONT:
            options = ("K", "S")
        else:
            spelling, options = next(((sp, o) for sp, o in _SOUNDS if s.startswith(sp, i)), ("", ("",)))
            step = max(1, len(spelling))
        parts.append(options)
        i += step
    keys: set[str] = {""}
    for options in parts:
        if len(options) > 1 and len(keys) * len(options) > _MOST_KEYS:
            options = options[:1]
        keys = {k + o for k in keys for o in options}
    out = set()
    for k in keys:
        k = ("A" if k.startswith("a") else "") + k.replace("a", "")
        out.add("".join(c for j, c in enumerate(k) if j == 0 or c != k[j - 1]))
    return frozenset(out)
