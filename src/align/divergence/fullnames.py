"""A person's full name on one side that the other side drops: which words of a missing name are one.

The names component (:mod:`.names`) finds the capitalised runs of a side that
the other side lacks.  Most of them are weak evidence alone: a single word
("России", "Ларсон") is often left implicit by a faithful translator, an
acronym is often spelt out, an adjective ("Центристской") is translated.  A
person's first name and surname, none of whose words the other side has by
any rule, is different: a translator does not drop "Вероника Степанова" from
"Psychologist Veronika Stepanova, who …" — a reader of the translation has lost
who said it.  :func:`full_name` picks out such a name inside a run:

- Russian: two or more consecutive words, none an ordinary word of the
  language (:func:`.lexicon.ordinary`: "Центристской" is no name) nor an
  acronym nor a place or body, one of which pymorphy3 reads as a first name, a
  surname or a patronymic (tags Name, Surn, Patr among its first three
  readings) — "Михаил Корб", "Сергею Гришко", "Артемом Суворовым";
- English: two or more consecutive words, none an ordinary English word
  (lemminflect's lexicon: "Hockey News", "Justin Rose", "Jack Smith" do not
  qualify — precision first) nor an acronym;
- in both, no word the gazetteer or CLDR knows as a place or people
  ("Czechoslovak Jew", "Дагестана Владимир Васильев" keeps only the person).

Places and single words are left out on purpose (:data:`MIN_WORDS`): a
country or a city dropped alone ("in Russia") is common in faithful
translation, and measured on NTREX-128 it would cost more than it catches.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache

from ..languages import EAST_SLAVIC
from .gazetteer import concept, territory
from .lexicon import name_tags, ordinary
from .tokens import Word

#: The fewest words a dropped name must have to be a full name.
MIN_WORDS = 2
#: The tags of a person's name in pymorphy3 (first name, surname, patronymic).
PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
#: Characters a word of a full name must have at least (no initials: "A. G." is not a name alone).
MIN_LETTERS = 3


@lru_cache(maxsize=65536)
def _part(text: str, lang: str) -> bool:
    """Whether a word may be part of a person's full name: long enough, not an acronym nor an ordinary word."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < MIN_LETTERS or all(c.isupper() for c in letters):
        return False
    if concept(text, lang) is not None or territory(text, lang) is not None:
        return False  # a place or a people ("Czechoslovak Jew", "Дагестана")
    tags = name_tags(text, lang)
    if tags and not tags & PERSON_TAGS:
        return False  # pymorphy3 knows it only as a place or a body
    return not ordinary(text, lang)


def _person(text: str, lang: str) -> bool:
    """Whether pymorphy3 reads a Russian word as a person's name (other languages: no word is)."""
    return bool(name_tags(text, lang) & PERSON_TAGS)


def full_name(words: Sequence[Word], lang: str, found: Callable[[str, str], bool]) -> tuple[Word, ...] | None:
    """The first full name among ``words`` (one candidate run of the names component, in order) none of
    whose words is ``found(text, lang)`` on the other side; None when there is none.

    A full name is :data:`MIN_WORDS` or more consecutive words that may be part of a name (:func:`_part`),
    that many of them distinct; in Russian one of them must read as a first name, surname or patronymic."""
    russian = lang in EAST_SLAVIC
    if not russian and lang != "en":
        return None  # Armenian and the rest: no lexicon to tell a name from a word
    span: list[Word] = []
    for w in [*words, None]:
        if w is not None and _part(w.text, lang) and not found(w.text, lang):
            span.append(w)
            continue
        # distinct words: a word said twice ("Sagittarius Sagittarius", DEMETR's repetitions) is no full name
        if len({s.lower for s in span}) >= MIN_WORDS and (not russian or any(_person(s.text, lang) for s in span)):
            return tuple(span)
        span = []
    return None
