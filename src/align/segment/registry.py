"""Which splitter serves which language, found by code and imported only when asked for.

A language is named by its ISO 639-1 code (``"ru"``), case-insensitively, with
or without a region or script subtag (``"hy-AM"``, ``"zh_Hant"``), or by its
ISO 639-2 code or English name (``"rus"``, ``"russian"``).  Each code maps to
a module of this package and that module's ``make(code)``; the module is
imported, and the splitter built, on the first request, then cached.
"""
from __future__ import annotations

import importlib
import threading

from ..errors import LanguageError
from .base import SentenceSplitter

#: canonical code → (module of this package, English name)
LANGUAGES: dict[str, tuple[str, str]] = {
    "de": ("punkt", "German"),
    "en": ("punkt", "English"),
    "fr": ("punkt", "French"),
    "hy": ("armenian", "Armenian"),
    "ru": ("punkt", "Russian"),
    "tr": ("punkt", "Turkish"),
    "zh": ("chinese", "Chinese"),
}

_ALIASES: dict[str, str] = {
    "eng": "en", "english": "en",
    "rus": "ru", "russian": "ru", "русский": "ru",
    "hye": "hy", "arm": "hy", "armenian": "hy", "հայերեն": "hy",
    "deu": "de", "ger": "de", "german": "de", "deutsch": "de",
    "fra": "fr", "fre": "fr", "french": "fr", "français": "fr", "francais": "fr",
    "zho": "zh", "chi": "zh", "cmn": "zh", "chinese": "zh", "中文": "zh",
    "tur": "tr", "turkish": "tr", "türkçe": "tr",
}

_cache: dict[str, SentenceSplitter] = {}
_lock = threading.Lock()


def supported_languages() -> tuple[str, ...]:
    """The canonical codes a splitter exists for, sorted: ``("de", "en", "fr", "hy", "ru", "tr", "zh")``."""
    return tuple(sorted(LANGUAGES))


def canonical_language(lang: str) -> str:
    """The canonical code for ``lang``: ``"hy-AM"`` → ``"hy"``, ``"English"`` → ``"en"``.

    :raises LanguageError: the language is unknown; the message lists the supported codes.
    """
    if isinstance(lang, str):
        key = lang.strip().lower().replace("_", "-")
        for candidate in (key, key.split("-", 1)[0]):
            code = _ALIASES.get(candidate, candidate)
            if code in LANGUAGES:
                return code
    supported = ", ".join(f"{c} ({LANGUAGES[c][1]})" for c in supported_languages())
    raise LanguageError(
        f"no sentence segmenter for language {lang!r}; give one of these codes: {supported} "
        "(case-insensitive; a region such as \"hy-AM\" or a name such as \"armenian\" is accepted)")


def get_splitter(lang: str) -> SentenceSplitter:
    """The (cached) splitter for ``lang``; see :func:`canonical_language` for accepted names."""
    code = canonical_language(lang)
    splitter = _cache.get(code)
    if splitter is None:
        with _lock:
            splitter = _cache.get(code)
            if splitter is None:
                module = importlib.import_module(f"{__package__}.{LANGUAGES[code][0]}")
                splitter = module.make(code)
                _cache[code] = splitter
    return splitter
