"""The scorer's word lookups done ahead, on a thread, while the encoder embeds the sentences.

Scoring an alignment in a fresh process spends most of its time on lookups
that depend on one word at a time and are cached for the process: pymorphy3's
parse of each Russian word (content words and verb tenses), the English
lemmas, gazetteer concepts, CLDR territory names, and the Latin keys the
names check compares.  Measured on a 502-bead NTREX en–ru alignment: 9.5 s of
CPU to score in a fresh process, 3.7 s once those caches hold the texts'
words (``BENCHMARKS.md``, "A cold pair").

The words are known as soon as the texts are segmented, and the encoder
leaves the GIL while it computes; so :class:`Warmup` looks every word up on a
daemon thread during the embedding, and the pipeline stops it before scoring
(whatever it did not reach, scoring looks up itself).  It only fills caches:
scores are the same with or without it.  It loads what those lookups need on
its first word (pymorphy3's dictionaries, lemminflect and its table of
inflections, the CLDR tables, the English–Russian dictionary's index and its
reverse index).  It looks up only what scoring asks of (nearly) every word: on
a machine whose other core is busy, a lookup scoring would not have made
slows the embedding it runs beside (``BENCHMARKS.md``, "Scoring speed").
"""
from __future__ import annotations

import threading
from collections.abc import Sequence

from ..languages import RULES_LANGUAGE
from . import antonyms, contentwords, gazetteer, lexical, lexicon, names, numerals, tense
from .dictionary import load as load_dictionary
from .tokens import SideText, base_lang


def _cyrillic(low: str) -> bool:
    return any("а" <= c <= "я" or c == "ё" for c in low)


def look_up(texts: Sequence[str], lang: str, stop: threading.Event | None = None, *, dictionary: bool = True,
            tenses: bool = True) -> int:
    """Look up every word of ``texts`` (in language ``lang``) the way scoring will; returns how many
    distinct words were looked up (fewer when ``stop`` was set on the way).  ``dictionary``: whether
    the lexical component's English–Russian dictionary reads this pair (its lemmas are looked up, and
    the dictionary loaded, only then); ``tenses``: whether the tense component reads this pair (English and
    Russian only: lemminflect's table of inflections is loaded only then)."""
    lang = base_lang(lang)
    poles = RULES_LANGUAGE.get(lang)  # the antonym lists' language, when they have one
    seen: set[str] = set()
    loaded = load_dictionary() if dictionary and lang in ("en", "ru") else None
    if loaded is not None:
        loaded.headwords("")  # the reverse index (Russian lemma → headwords) the synonym test reads
    for text in texts:
        if stop is not None and stop.is_set():
            break
        for w in SideText(text, lang).words:
            if w.text in seen:
                continue
            seen.add(w.text)
            low = w.lower
            gazetteer.concept(w.text, lang)
            gazetteer.territory(w.text, lang)
            names._profile(w.text, lang)  # noqa: SLF001 - its concept, territory and Latin keys (names.stems)
            if w.capitalised:
                lexicon.ordinary(w.text, lang)
                names._stop_word(low, lang)  # noqa: SLF001
            numerals.word_numeral(w.text, lang)
            numerals.weak_value(w.text, lang)
            numerals.compound_value(w.text, lang)
            numerals.month_of(w.text, lang)
            if poles is not None and not (w.capitalised and not w.initial):
                antonyms._poles_of(low, poles)  # noqa: SLF001 - the component's own per-word cache
            if lang == "ru" and _cyrillic(low):
                tense._ru_verb(low)  # noqa: SLF001
                if loaded is not None:
                    contentwords._ru(low)  # noqa: SLF001
            elif lang == "en":
                if tenses:
                    tense._irregular(low.replace("’", "'"))  # noqa: SLF001
                if loaded is not None and low.isascii():
                    contentwords._en(low.replace("’", "'"))  # noqa: SLF001
    return len(seen)


class Warmup:
    """:func:`look_up` of both sides' texts on a daemon thread; :meth:`stop` ends it (and waits)."""

    def __init__(self, sides: Sequence[tuple[Sequence[str], str]]) -> None:
        self.sides = [(list(texts), lang) for texts, lang in sides]
        langs = [lang for _, lang in self.sides]
        self.dictionary = len(langs) == 2 and lexical.applies(*langs)
        self.tenses = len(langs) == 2 and all(base_lang(lang) in tense._LANGS for lang in langs)  # noqa: SLF001
        self.words = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="align-score-warmup", daemon=True)

    def start(self) -> Warmup:
        self._thread.start()
        return self

    def _run(self) -> None:
        try:
            for texts, lang in self.sides:
                self.words += look_up(texts, lang, self._stop, dictionary=self.dictionary,
                                      tenses=self.tenses)
        except Exception:  # noqa: BLE001 - only caches are at stake: scoring looks up (and raises) itself
            pass

    def stop(self) -> None:
        """Stop after the current word and wait for the thread."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
