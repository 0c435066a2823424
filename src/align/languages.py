"""Language groups declared once, and language codes normalised once where they come in.

**Groups.** The divergence rules (negation, numerals, names, titles, antonyms) keep word
lists for English, Russian and Armenian.  Ukrainian and Belarusian share
Russian's negation particles, numerals and case endings closely enough for the
Russian lists to serve them: :data:`EAST_SLAVIC` is that group, and
:data:`RULES_LANGUAGE` says whose lists serve each language the rules know.
The script each language is written in is in :mod:`align.scripts`; the
sentence splitter of each language in :mod:`align.segment.registry`.

**Codes.** Every way a language enters the workbench — ``--src-lang``, ``--lang``, a
version's ``language`` field, :func:`align.pipeline.align_texts` — goes through
:func:`normalize_language` (``english`` → ``en``, ``arm`` → ``hy``, ``en-UK`` →
``en-GB``), so what is stored, scored and exported is a well-formed BCP 47 tag.
Tags are standardised by **langcodes** (MIT; the IANA subtag registry inside:
ISO 639-2/3 codes and deprecated tags map to their preferred form); English
language names ("Armenian") and the autonyms of the languages the workbench
segments ("русский") are read through **babel**'s CLDR data (BSD).  Both are
imported on first use.  An unknown code is refused with a message that says
where it came from and lists the codes the workbench segments.
"""
from __future__ import annotations

from functools import lru_cache

from .errors import LanguageError

#: Languages the Russian word lists and rules serve.
EAST_SLAVIC: frozenset[str] = frozenset({"ru", "uk", "be"})

#: language → the language whose word lists the divergence rules use for it.
RULES_LANGUAGE: dict[str, str] = {"en": "en", "hy": "hy", **{lang: "ru" for lang in sorted(EAST_SLAVIC)}}

#: Autonyms and common names of the languages the workbench segments (CLDR lists English names only).
_NAMES = {"русский": "ru", "հայերեն": "hy", "deutsch": "de", "français": "fr", "francais": "fr",
          "türkçe": "tr", "中文": "zh", "english": "en"}


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    from babel import Locale
    names = {name.lower(): code for code, name in Locale("en").languages.items() if "_" not in code}
    names.update(_NAMES)
    return names


@lru_cache(maxsize=256)
def _normalize(tag: str) -> str | None:
    import langcodes
    key = tag.strip().replace("_", "-")
    if not key:
        return None
    named = _english_names().get(key.lower())
    if named:
        key = named
    try:
        std = langcodes.standardize_tag(key)
    except (ValueError, langcodes.LanguageTagError):
        return None
    lang = langcodes.Language.get(std)
    if not lang.is_valid() or not lang.language or lang.language == "und":
        return None
    return std


def normalize_language(tag: str, *, where: str = "") -> str:
    """The standard BCP 47 form of a language code or English name.

    ``"english"`` → ``"en"``, ``"arm"``/``"hye"`` → ``"hy"``, ``"en-UK"`` → ``"en-GB"``,
    ``"RU"`` → ``"ru"``, ``"hy_am"`` → ``"hy-AM"``.

    :raises LanguageError: not a language (``where`` says where the code came from).
    """
    got = _normalize(tag) if isinstance(tag, str) else None
    if got is None:
        from .segment.registry import LANGUAGES, supported_languages
        place = f"{where}: " if where else ""
        codes = ", ".join(f"{c} ({LANGUAGES[c][1]})" for c in supported_languages())
        raise LanguageError(f"{place}{tag!r} is not a language code or name; give one of the codes the workbench "
                            f"segments: {codes} (a region may follow: hy-AM, en-GB; an English name such as "
                            "Armenian is read too)")
    return got


def base_language(tag: str) -> str:
    """The language subtag of a normalised tag: ``"hy-AM"`` → ``"hy"``."""
    return tag.split("-")[0].lower()


@lru_cache(maxsize=64)
def english_name(tag: str) -> str:
    """The English name of a language ("ru" → "Russian", "hy-AM" → "Armenian"), from babel's CLDR
    data; the code itself when babel does not know it."""
    from babel import Locale
    code = base_language(tag)
    return Locale("en").languages.get(code) or code
