"""BCP-47 language tags for TMX ``xml:lang``: validation, case, overrides, matching.

A TMX needs a well-formed BCP-47 tag (RFC 5646) on every ``<tuv>``.  The
workbench's versions carry short codes (``en``, ``ru``, ``hy``, ``de``, ``fr``,
``zh``), which are valid tags as they are; a user may ask for a more precise
one with ``--lang-code hy=hy-AM``.  Tags are checked for well-formedness (not
against the IANA registry, which would need a data file) and put in the
conventional case: ``hy-am`` → ``hy-AM``, ``zh-hant-tw`` → ``zh-Hant-TW``.
An underscore is read as a hyphen (``en_US`` → ``en-US``).  The grammar's
4–8 letter language subtags are refused: none is assigned, and a value like
``english`` is a mistake, not a tag.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from ..errors import ExportError, LanguageError
from ..languages import normalize_language

_ALNUM = "[a-z0-9]"
_TAG = re.compile(
    r"^(?:"
    r"[a-z]{2,3}(?:-[a-z]{3}){0,3}"                      # language, optional extlangs
    r"(?:-[a-z]{4})?"                                   # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"                       # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"      # variants
    rf"(?:-[a-wyz0-9](?:-{_ALNUM}{{2,8}})+)*"            # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"                     # private use
    rf"|x(?:-{_ALNUM}{{1,8}})+"                          # private use only
    r")$",
    re.IGNORECASE)

EXAMPLES = "en, ru, hy, hy-AM, de-CH, fr, zh-Hans"


def canonical_case(tag: str) -> str:
    """``tag`` in the conventional case: language lower, script title, region upper."""
    parts = tag.split("-")
    out = [parts[0].lower()]
    singleton = len(parts[0]) == 1
    for part in parts[1:]:
        if singleton:
            out.append(part.lower())
        elif len(part) == 1:
            singleton = True
            out.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def validate_tag(tag: str, what: str = "language code") -> str:
    """``tag`` checked as BCP-47 and put in canonical case; :class:`ExportError` if malformed."""
    t = (tag or "").strip().replace("_", "-")
    if not _TAG.match(t):
        raise ExportError(f"{what} {tag!r} is not a valid BCP-47 language tag "
                          f"(examples: {EXAMPLES})")
    return canonical_case(t)


def primary(tag: str) -> str:
    """The primary language subtag, lower case: ``hy-AM`` → ``hy``."""
    return tag.replace("_", "-").split("-")[0].lower()


def parse_overrides(items: Iterable[str]) -> dict[str, str]:
    """``["hy=hy-AM", ...]`` (the ``--lang-code`` options) → ``{"hy": "hy-AM"}``, validated."""
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ExportError(f"--lang-code {item!r}: expected KEY=TAG, e.g. hy=hy-AM "
                              "(KEY is a version's language or version id)")
        out[key.strip()] = validate_tag(value, f"--lang-code {key.strip()}=")
    return out


def resolve_pair(src_lang: str, tgt_lang: str, src_version: str = "", tgt_version: str = "",
                 overrides: Mapping[str, str] | None = None) -> tuple[str, str]:
    """The ``xml:lang`` tags of the source and target versions.

    An override keyed by the version id wins over one keyed by the language;
    without one, the version's language is used as it is.  Every tag is
    validated; an override that matches neither version, or two equal tags
    (a TMX needs the two sides in different languages), raise :class:`ExportError`.
    """
    overrides = dict(overrides or {})
    keys = [k for k in (src_version, tgt_version, src_lang, tgt_lang) if k]
    unused = [k for k in overrides if k not in keys]
    if unused:
        raise ExportError(f"--lang-code {unused[0]}=...: {unused[0]!r} is neither language nor version id "
                          f"of this alignment (use one of: {', '.join(dict.fromkeys(keys))})")

    def pick(lang: str, version: str, side: str) -> str:
        if version and version in overrides:
            return validate_tag(overrides[version])
        if lang in overrides:
            return validate_tag(overrides[lang])
        try:
            return validate_tag(lang, f"the {side} language")
        except ExportError as exc:
            try:  # an alignment stored before codes were normalised ("english")
                return validate_tag(normalize_language(lang))
            except LanguageError:
                raise ExportError(f"{exc}; give a valid one with --lang-code {lang}=TAG") from None

    src, tgt = pick(src_lang, src_version, "source"), pick(tgt_lang, tgt_version, "target")
    if src.lower() == tgt.lower():
        raise ExportError(f"both sides would be tagged {src!r}; a TMX needs two different language tags "
                          f"(give distinct ones with --lang-code {src_version or src_lang}=TAG "
                          f"and/or --lang-code {tgt_version or tgt_lang}=TAG)")
    return src, tgt


def best_match(wanted: str, available: Iterable[str], other: str) -> str | None:
    """Which of ``available`` tags stands for ``wanted``: an exact match (any case) first,
    else the first with the same primary subtag — unless ``other`` (the other side's tag)
    shares that primary subtag too, when only an exact match will do."""
    avail = list(available)
    for tag in avail:
        if tag.lower() == wanted.lower():
            return tag
    if primary(wanted) == primary(other):
        return None
    for tag in avail:
        if primary(tag) == primary(wanted):
            return tag
    return None
