"""Is a capitalised word an ordinary word of its language in lower case — a title, office, month?

"Legation", "Treasury", "Consul", "Article", "Ways", "Allied" are capitalised in
diplomatic English, but they are common words that a translation renders as
common words ("миссия", "казначейство").  :mod:`.names` treats such a word as
a name only when the other side marks one too.

- English: **lemminflect**'s lexicon (MIT, data inside; built from the
  SPECIALIST lexicon), which knows common words and their inflections but not
  proper names ("London", "Kemal", "Erivan" are not in it).
- Russian: **pymorphy3** — a word whose best reading is a known word and none
  of whose first three readings carries a name tag (Name, Surn, Patr, Geox,
  Orgn, Trad): "Назарян" is a surname as well as "of the Nazarenes".
- Armenian: no lexicon here; the suffixes of abstract nouns
  (-ություն, "Legation" = "Առաքելություն"), of relational adjectives (-ական,
  -ային), of agent nouns (-իչ), "-ակից" (ally) and a few words of office
  ("Ներքին", "Արտաքին", "Կոմիտե") mark a word as ordinary.
- Other languages: unknown, so never ordinary (the names component behaves as
  it did before).

Both libraries are loaded on first use.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ..languages import EAST_SLAVIC
from .tense import _morph as morph

_RU_NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"}
#: Armenian endings of ordinary words: abstract nouns, relational adjectives, agent nouns, with case endings.
_HY_ORDINARY = re.compile(r"[ա-ֆ]{2,}(?:ություն|ության|ական|ային|ակից|իչ)(?:ը|ն|ի|ից|ով|ում|ին|ներ[ա-ֆ]*|եր[ա-ֆ]*)?"
                          r"|(?:ներքին|արտաքին|գործ|կոմիսիա|կոմիտե|բյուրո|խորհուրդ|խորհրդ|ժողով|սենատ)[ա-ֆ]{0,5}")


@lru_cache(maxsize=1)
def _lemminflect() -> Any:
    import lemminflect
    return lemminflect


@lru_cache(maxsize=65536)
def ordinary(word: str, lang: str) -> bool:
    """Whether ``word`` (any case) is an ordinary word of ``lang`` in lower case, not a proper name."""
    w = word.lower().replace("’", "'")
    if lang == "en":
        if w.endswith("'s"):
            w = w[:-2]
        parts = [p for p in w.split("-") if p]
        return bool(parts) and all(_en_known(p) for p in parts)
    if lang in EAST_SLAVIC:
        if not re.fullmatch(r"[а-яё\-]+", w):
            return False
        parses = morph().parse(w)
        if not parses:
            return False
        p = parses[0]
        # "Назарян" is a surname as well as "of the Nazarenes": a name among the readings keeps it a name
        if name_tags(w, lang):
            return False
        return bool(p.is_known) and str(p.tag.POS or "") != ""
    if lang == "hy":
        return bool(_HY_ORDINARY.fullmatch(w))
    return False


@lru_cache(maxsize=65536)
def name_tags(word: str, lang: str) -> frozenset[str]:
    """The name tags pymorphy3 gives a Russian word (any case) among its first three readings (Name, Surn,
    Patr, Geox, Orgn, Trad); empty for other languages."""
    if lang not in EAST_SLAVIC:
        return frozenset()
    w = word.lower()
    if not re.fullmatch(r"[а-яё\-]+", w):
        return frozenset()
    return frozenset(g for q in morph().parse(w)[:3] for g in q.tag.grammemes if g in _RU_NAME_TAGS)


def _en_known(w: str) -> bool:
    if len(w) < 3:
        return False
    return bool(_lemminflect().getAllLemmas(w))
