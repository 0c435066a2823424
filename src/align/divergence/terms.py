"""The names and terms list a user edits: equivalents across languages, and words never to flag.

One list per collection, ``texts/names.toml`` (``align run`` reads it when it
is there), or any file given by path::

    # Each [[equivalent]] is one name or term and its spellings in each language.
    [[equivalent]]
    en = ["Erivan", "Yerevan"]
    ru = ["Эривань", "Ереван"]
    hy = ["Երևան"]

    [[equivalent]]
    en = ["Legation"]
    ru = ["миссия"]
    hy = ["առաքելություն"]

    # Words and phrases that are never a missing name nor untranslated text.
    [never_flag]
    en = ["Excellency", "Military Attaché"]
    any = ["Pour copie conforme"]      # in any language

Spellings match whole words, case aside; a spelling in Russian, Armenian or
another inflected language also matches its case forms (a stem followed by
up to four letters: "миссия" matches "миссии", "миссией"; "Երևան" matches
"Երևանում").  A multi-word spelling matches its words in a row.

The :mod:`.names` component looks a name up here first: a name whose entry
has a spelling on the other side is found (the reason says so), and a name
whose entry has spellings in the other side's language but none of them
there is missing.  :mod:`.untranslated` leaves never-flag phrases alone.
Other components may use :meth:`TermList.pairs` (equivalents for a language
pair) the same way.
"""
from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..languages import normalize_language
from .tokens import base_lang

#: Where ``align run`` looks for a collection's list, relative to the texts folder.
FILENAME = "names.toml"
#: The ``never_flag`` key that holds phrases of any language.
ANY = "any"
#: Languages whose words take endings: a spelling matches a stem plus up to this many letters.
INFLECTED_TAIL = 4
_UNINFLECTED = {"en", "zh"}


@dataclass(frozen=True)
class Entry:
    """One name or term: its spellings per language (``{"en": ("Erivan", "Yerevan"), ...}``)."""

    spellings: Mapping[str, tuple[str, ...]]

    def label(self) -> str:
        for lang in ("en", *sorted(self.spellings)):
            if self.spellings.get(lang):
                return self.spellings[lang][0]
        return "?"


@dataclass(frozen=True)
class Hit:
    """Where an entry (or a never-flag phrase) occurs in a text."""

    index: int  # the entry's position in the list (-1 for a never-flag phrase)
    start: int
    end: int


@dataclass(frozen=True)
class TermList:
    """A collection's names and terms (see the module docstring)."""

    entries: tuple[Entry, ...] = ()
    never: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    source: str = ""

    # -- reading ------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path) -> TermList:
        """The list in a TOML file; :class:`~align.errors.InputError` naming the file and entry when malformed."""
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{p}: cannot read the names list: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise InputError(f"{p}: not a valid TOML names list: {exc}") from None
        return cls.from_dict(data, str(p))

    @classmethod
    def for_collection(cls, texts: str | Path) -> TermList | None:
        """``texts/names.toml`` when the collection has one, else None."""
        path = Path(texts) / FILENAME
        return cls.load(path) if path.is_file() else None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "names list") -> TermList:
        unknown = sorted(set(data) - {"equivalent", "never_flag"})
        if unknown:
            raise InputError(f"{source}: unknown key(s) {', '.join(unknown)}; a names list holds "
                             "[[equivalent]] tables and one [never_flag] table")
        raw_entries = data.get("equivalent", [])
        if not isinstance(raw_entries, list):
            raise InputError(f"{source}: 'equivalent' must be an array of tables ([[equivalent]])")
        entries = []
        for n, item in enumerate(raw_entries, 1):
            where = f"{source}, [[equivalent]] number {n}"
            if not isinstance(item, Mapping) or not item:
                raise InputError(f"{where}: expected a table of language = [spellings]")
            spellings: dict[str, tuple[str, ...]] = {}
            for lang, values in item.items():
                code = base_lang(normalize_language(lang, where=where))
                spellings[code] = spellings.get(code, ()) + _strings(values, f"{where}, {lang}")
            if sum(bool(v) for v in spellings.values()) < 1:
                raise InputError(f"{where}: no spelling given")
            entries.append(Entry(spellings))
        never_raw = data.get("never_flag", {})
        if not isinstance(never_raw, Mapping):
            raise InputError(f"{source}: 'never_flag' must be a table of language = [words]")
        never: dict[str, tuple[str, ...]] = {}
        for lang, values in never_raw.items():
            where = f"{source}, [never_flag] {lang}"
            code = ANY if lang == ANY else base_lang(normalize_language(lang, where=where))
            never[code] = never.get(code, ()) + _strings(values, where)
        return cls(tuple(entries), never, source)

    # -- looking up -------------------------------------------------------------------

    def digest(self) -> str:
        """A short hash of the list's content (goes into the scorer's stamp)."""
        body = repr(([sorted((k, v) for k, v in e.spellings.items()) for e in self.entries],
                     sorted(self.never.items())))
        return hashlib.sha256(body.encode("utf-8")).hexdigest()[:10]

    def __bool__(self) -> bool:
        return bool(self.entries or any(self.never.values()))

    def find(self, text: str, lang: str) -> list[Hit]:
        """Every occurrence of an entry's spelling in ``text`` (a text in ``lang``), longest first at a place."""
        lang = base_lang(lang)
        hits = []
        for i, pattern in self._patterns(lang):
            hits += [Hit(i, m.start(), m.end()) for m in pattern.finditer(text)]
        return hits

    def has(self, index: int, text: str, lang: str) -> bool | None:
        """Whether entry ``index`` occurs in ``text``; None when it has no spelling in ``lang``."""
        lang = base_lang(lang)
        pattern = dict(self._patterns(lang)).get(index)
        if pattern is None:
            return None
        return pattern.search(text) is not None

    def never_flag(self, text: str, lang: str) -> list[tuple[int, int]]:
        """Spans of ``text`` that hold a never-flag word or phrase (of ``lang`` or of any language)."""
        pattern = self._never_pattern(base_lang(lang))
        return [(m.start(), m.end()) for m in pattern.finditer(text)] if pattern else []

    def pairs(self, src_lang: str, tgt_lang: str) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The entries with spellings in both languages, as (source spellings, target spellings)."""
        a, b = base_lang(src_lang), base_lang(tgt_lang)
        return [(e.spellings[a], e.spellings[b]) for e in self.entries if e.spellings.get(a) and e.spellings.get(b)]

    # -- patterns ---------------------------------------------------------------------

    @cached_property
    def _compiled(self) -> dict[str, list[tuple[int, re.Pattern[str]]]]:
        return {}

    def _patterns(self, lang: str) -> list[tuple[int, re.Pattern[str]]]:
        got = self._compiled.get(lang)
        if got is None:
            got = [(i, _pattern(e.spellings[lang], lang)) for i, e in enumerate(self.entries) if e.spellings.get(lang)]
            self._compiled[lang] = got
        return got

    def _never_pattern(self, lang: str) -> re.Pattern[str] | None:
        key = "never:" + lang
        if key not in self._compiled:
            phrases = self.never.get(lang, ()) + self.never.get(ANY, ())
            self._compiled[key] = [(-1, _pattern(phrases, lang))] if phrases else []
        got = self._compiled[key]
        return got[0][1] if got else None


def _strings(values: Any, where: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise InputError(f"{where}: expected a list of strings")
    out = tuple(" ".join(v.split()) for v in values if v.strip())
    return out


def _word(word: str, lang: str) -> str:
    w = re.escape(word)
    if lang in _UNINFLECTED:
        return w + r"(?:'s|’s|s|es)?"
    # an inflected language: the spelling's stem (a final vowel or soft sign may change) and an ending
    stem = word[:-1] if len(word) > 4 and word[-1].lower() in "аеёиоуыэюяьйաեէըիոօ" else word
    return re.escape(stem) + rf"\w{{0,{INFLECTED_TAIL}}}"


def _pattern(spellings: Iterable[str], lang: str) -> re.Pattern[str]:
    alts = sorted(spellings, key=len, reverse=True)
    body = "|".join(r"[\s\-]+".join(_word(w, lang) for w in s.split()) for s in alts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
