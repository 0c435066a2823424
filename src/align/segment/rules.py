"""Boundary rules on top of a statistical splitter: what Punkt gets wrong in archival text.

Punkt decides every period from word statistics; archival letters are full of
things those statistics have never seen enough of — ranks before names, dates
with abbreviated months, numbered points, initials, ``т. е.``.  This module
reviews each boundary the model proposes (and a few it does not) with explicit
rules, in this order:

1. What follows starts with a **lower-case letter** (after quotes, brackets,
   dashes): no boundary.  This one rule handles ``etc. and``, ``"Go!" he said``,
   em-dash dialogue (``— Куда вы? — спросил он.``) and an ellipsis followed by
   lower case.
2. The sentence so far is only a **point label** — ``1.``, ``IV.``, ``a)``,
   ``§ 3.``, or an ordinal word such as ``Secondly.``, ``Во-вторых.``,
   ``Zweitens.``: no boundary.  The label belongs to its point, so
   "Secondly. If Soviet forces ..." is one segment, as it is one alignment
   unit in every translation.
3. The text ends with a **flexible abbreviation** (``etc.``, ``и т. д.``,
   ``usw.``, a year abbreviation ``1920 г.``): a boundary only before a
   capitalised word — and not when the whole sentence so far is an
   introductory date ("В конце апреля 1920 г. Армения ...").
4. An abbreviation that **never ends a sentence** (ranks and titles, ``i.e.``,
   ``z. B.``, ``т. е.``, ``см.``): no boundary.
5. An abbreviation that **precedes numbers** (``No.``, ``Nr.``, ``p.``,
   abbreviated months as in "Apr. 26"): no boundary before a number, a Roman
   numeral, ``№`` or another such abbreviation ("Doc. No. 410").
6. An **initial** — one capital letter and a period, after a space, bracket or
   another initial — before a capitalised word: no boundary ("M. Kemal",
   "А. И. Хатисов", "J. R. R. Tolkien").
7. An **ordinal number** with a period after a cue word (German ``am``, ``der``
   ...) or before a month name: no boundary ("am 26. April 1920").
8. An **ellipsis** glued to a word (``ушёл...``, ``ушёл…``): a boundary
   exactly when a capitalised word follows.
9. Otherwise the model's decision stands.

Rules 3 and 8 can also *add* a boundary the model did not propose: Punkt knows
no ``…`` and, without case statistics (its Russian model has none), never
breaks after an abbreviation.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from .spans import CLOSERS, Span, next_case, skip_space

# A listed abbreviation must start a token: nothing but space, an opening bracket or quote, a
# slash or a hyphen ("Lt.-Gen.") may stand before it.
_TOKEN_START = r"(?<![^\s(\[«„“\"'‘/—–-])"
_ELLIPSIS = re.compile(r"[^\W_](?:\.\.\.|…)$")
_ORDINAL = re.compile(r"(?<![\d.])\d{1,2}\.$")
_WORD = re.compile(r"[^\W_]+")
_ROMAN_OR_NO = re.compile(r"(?:[IVXLC]{1,7}(?![^\W\d_])|№)")
_OPENING_ONLY = "«‹„([{¿¡"
_GENERIC_LABEL = (r"\(?(?:\d{1,3}|[IVXLCivxlc]{1,7}|[^\W\d_])[.)]"
                  r"|§\s*\d+\.?")


@dataclass(frozen=True)
class LanguageRules:
    """Word lists that drive the rules of one language; entries are written as in text ("т. е.")."""

    always: tuple[str, ...] = ()
    """Abbreviations that never end a sentence: ranks, titles, "i.e."."""
    numeric: tuple[str, ...] = ()
    """Abbreviations that do not end a sentence before a number: "No.", "Apr."."""
    flexible: tuple[str, ...] = ()
    """Abbreviations that end a sentence only before a capitalised word: "etc."."""
    flexible_patterns: tuple[str, ...] = ()
    """Regular expressions for flexible abbreviations a word list cannot say ("1920 г.")."""
    labels: tuple[str, ...] = ()
    """Ordinal words that label a numbered point: "secondly"."""
    months: tuple[str, ...] = ()
    """Month names, full and abbreviated, for "26. April"."""
    ordinal_cues: tuple[str, ...] = ()
    """Words after which "<number>." is an ordinal: German "am", "der"."""
    date_words: tuple[str, ...] = ()
    """Words of an introductory date phrase: "в", "конце", "апреля", "г"."""

    def single_word_abbreviations(self) -> set[str]:
        """``always`` entries that are one token, lower-cased without the final period (for Punkt)."""
        return {a.lower().rstrip(".") for a in self.always if " " not in a and a.endswith(".")}


def abbreviation_pattern(entries: Iterable[str]) -> str:
    """A regex alternation matching any entry, spaces inside an entry being optional after a period.

    ``"и т. п."`` becomes ``и\\s+т\\.\\s*п\\.``; ``"i.e."`` becomes ``i\\.\\s*e\\.``.
    """
    alternatives = []
    for entry in sorted(set(entries), key=len, reverse=True):
        pieces: list[str] = []
        tokens = entry.split()
        for i, token in enumerate(tokens):
            if i:
                pieces.append(r"\s*" if tokens[i - 1].endswith(".") else r"\s+")
            for j, ch in enumerate(token):
                pieces.append(re.escape(ch))
                if ch == "." and j < len(token) - 1:
                    pieces.append(r"\s*")
        alternatives.append("".join(pieces))
    return "|".join(alternatives)


def _compile_end(entries: Iterable[str], patterns: Iterable[str] = ()) -> re.Pattern[str] | None:
    parts = []
    listed = abbreviation_pattern(entries)
    if listed:
        parts.append(f"{_TOKEN_START}(?:{listed})")
    parts.extend(patterns)
    if not parts:
        return None
    return re.compile("(?:" + "|".join(parts) + ")$", re.IGNORECASE)


def _ends_with_initial(block: str, lo: int, core: int) -> bool:
    """True when ``block[:core]`` ends with one capital letter and a period, as a token of its own."""
    if core - lo < 2 or block[core - 1] != "." or not block[core - 2].isupper():
        return False
    i = core - 3
    return i < lo or not (block[i].isalnum() or block[i] in "'’")


def _move_openers(block: str, end: int, following: int) -> tuple[int, int]:
    """Give an opening quote or bracket that ends a proposed sentence to the next one.

    NLTK counts ``«`` as closing punctuation, so French ``arrivés. « Bonjour``
    comes back as ``arrivés. «`` + ``Bonjour``; this moves the ``«`` over.
    """
    pos = end
    while pos > 0 and block[pos - 1] in _OPENING_ONLY:
        pos -= 1
    if pos < end and pos > 0 and block[pos - 1].isspace():
        return pos, pos
    return end, following


class BoundaryJudge:
    """Applies the rules of the module docstring to one language's proposed boundaries."""

    def __init__(self, rules: LanguageRules) -> None:
        self.rules = rules
        self._always = _compile_end(rules.always)
        self._numeric = _compile_end(rules.numeric)
        numeric = abbreviation_pattern(rules.numeric)
        self._numeric_start = re.compile(f"(?:{numeric})", re.IGNORECASE) if numeric else None
        self._flexible = _compile_end(rules.flexible, rules.flexible_patterns)
        label_words = abbreviation_pattern(w + "." for w in rules.labels)
        self._label = re.compile(_GENERIC_LABEL + (f"|(?:{label_words})" if label_words else ""),
                                 re.IGNORECASE)
        cues = "|".join(map(re.escape, rules.ordinal_cues))
        self._ordinal_cue = (re.compile(rf"(?<!\w)(?:{cues})\s+\d{{1,3}}\.$", re.IGNORECASE)
                             if cues else None)
        months = abbreviation_pattern(rules.months)
        self._month = re.compile(rf"(?:{months})(?!\w)", re.IGNORECASE) if months else None
        self._date_words = frozenset(w.lower() for w in rules.date_words)
        # How far back an abbreviation can start: the longest entry, its optional spaces doubled.
        entries = rules.always + rules.numeric + rules.flexible + rules.months
        self._window = 2 * max((len(e) for e in entries), default=8) + 8
        multi = abbreviation_pattern(a for a in rules.always + rules.numeric + rules.flexible if " " in a)
        self._multi = re.compile(f"{_TOKEN_START}(?:{multi})", re.IGNORECASE) if multi else None
        flex = abbreviation_pattern(rules.flexible)
        parts = [f"{_TOKEN_START}(?:{flex})"] if flex else []
        parts.extend(rules.flexible_patterns)
        parts.append(r"(?<=[^\W_])(?:\.\.\.|…)")
        self._candidate = re.compile("(?:" + "|".join(parts) + f")[{re.escape(CLOSERS)}]*(?=\\s)",
                                     re.IGNORECASE)

    def _intro_date(self, block: str, start: int, core: int) -> bool:
        """True when ``block[start:core]`` is nothing but a date phrase: "В конце апреля 1920 г."."""
        if not self._date_words or core - start > 80:
            return False
        words = _WORD.findall(block, start, core)
        return bool(words) and all(w.isdigit() or w.lower() in self._date_words for w in words)

    def _number_follows(self, block: str, following: int) -> bool:
        """True when a number, a Roman numeral, "№" or another reference abbreviation follows."""
        if next_case(block, following) == "digit" or _ROMAN_OR_NO.match(block, following):
            return True
        return bool(self._numeric_start and self._numeric_start.match(block, following))

    def _inside_abbreviation(self, block: str, lo: int, end: int, following: int) -> bool:
        """True when a listed abbreviation of several tokens ("z. B.") spans the boundary."""
        if self._multi is None:
            return False
        for m in self._multi.finditer(block, max(lo, end - 24), following + 24):
            if m.start() < end and m.end() > following:
                return True
        return False

    def keep(self, block: str, start: int, end: int, following: int, default: bool) -> bool:
        """Whether the boundary between ``block[start:end]`` and the text at ``following`` stands."""
        case = next_case(block, following)
        if case == "lower":
            return False
        core = end
        while core > start and block[core - 1] in CLOSERS:
            core -= 1
        lo = max(start, core - self._window)
        if core - start <= 40 and self._label.fullmatch(block, start, core):
            return False
        if self._inside_abbreviation(block, lo, end, following):
            return False
        if self._flexible and self._flexible.search(block, lo, core):
            return case == "upper" and not self._intro_date(block, start, core)
        if self._always and self._always.search(block, lo, core):
            return False
        if self._numeric and self._numeric.search(block, lo, core) and self._number_follows(block, following):
            return False
        if case == "upper" and _ends_with_initial(block, lo, core):
            return False
        if self._ordinal_cue and self._ordinal_cue.search(block, lo, core):
            return False
        if self._month and _ORDINAL.search(block, lo, core) and self._month.match(block, skip_space(block, following)):
            return False
        if _ELLIPSIS.search(block, lo, core):
            return case == "upper"
        return default

    def review(self, block: str, spans: list[Span]) -> list[Span]:
        """The model's sentence ``spans`` of ``block`` after the rules: some joined, some added."""
        proposed: dict[int, tuple[int, bool]] = {}
        for (_, end), (nxt, _) in zip(spans, spans[1:]):
            end, nxt = _move_openers(block, end, nxt)
            proposed[nxt] = (end, True)
        for m in self._candidate.finditer(block):
            nxt = skip_space(block, m.end())
            if nxt < len(block) and nxt not in proposed:
                proposed[nxt] = (m.end(), False)
        out: list[Span] = []
        start = 0
        for nxt in sorted(proposed):
            end, default = proposed[nxt]
            if end <= start or nxt <= start:
                continue
            if self.keep(block, start, end, nxt, default):
                out.append((start, end))
                start = nxt
        out.append((start, len(block)))
        return out
