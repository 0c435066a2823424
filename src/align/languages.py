"""Language groups, declared once.

The divergence rules (negation, numerals, names, titles, antonyms) keep word
lists for English, Russian and Armenian.  Ukrainian and Belarusian share
Russian's negation particles, numerals and case endings closely enough for the
Russian lists to serve them: :data:`EAST_SLAVIC` is that group, and
:data:`RULES_LANGUAGE` says whose lists serve each language the rules know.

The script each language is written in is in :mod:`align.scripts`; the
sentence splitter of each language in :mod:`align.segment.registry`.
"""
from __future__ import annotations

#: Languages the Russian word lists and rules serve.
EAST_SLAVIC: frozenset[str] = frozenset({"ru", "uk", "be"})

#: language → the language whose word lists the divergence rules use for it.
RULES_LANGUAGE: dict[str, str] = {"en": "en", "hy": "hy", **{lang: "ru" for lang in sorted(EAST_SLAVIC)}}
