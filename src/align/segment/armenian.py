"""Armenian: rules on the Armenian full stop.  No statistical model exists for it in NLTK.

Armenian punctuation makes the job mostly easy and occasionally treacherous:

* ``։`` (U+0589, *verjaket*) is the full stop and ends a sentence — also when
  the sentence is a question or an exclamation, whose marks ``՞ ՜ ՛``
  (U+055E, U+055C, U+055B) sit *on a word* inside the sentence.  Those three
  never end anything.  A ``։`` between digits (a time typed "10։30") does not
  end a sentence.
* An ASCII ``:`` is what most keyboards type for ``։`` (Armenian has no
  colon of its own: its ``.``/``․`` serves for that), so ``:`` ends a sentence
  where a full stop would stand: after a word, followed by space and a capital
  letter, a digit that is not a list label ("1920 թ. ..." may open a
  sentence), or the end of the paragraph; also before a quotation opening
  with a capital (Armenian introduces direct speech with ``.`` or ``՝``, so
  ``: «Գնա»`` is a full stop too).  Not inside "10:30", nor without a space.
* ``.`` is *not* a full stop in Armenian: it marks abbreviations (``թ.``
  year, ``գեն.`` general, ``պրոֆ.``, ``էջ``), initials (``Ա. Խատիսյան``) and
  serves as the colon-like *mijaket*.  Only in a paragraph with no ``։`` and
  no sentence-final ``:`` at all — typed text using ``.`` for the full stop —
  does ``.`` end a sentence, after a word of two letters or more that is not a
  listed abbreviation, before a capital letter.
* ``?``, ``!``, ``…`` and ``...`` (typed text) end a sentence before a capital
  letter, like in the Latin-script languages.
* Closing quotes and brackets (``»``, ``”``, ``)``) after the final mark stay
  with the sentence; what follows a boundary and starts in lower case (a
  dialogue tag after ``— ``) never opens a sentence.
* A sentence in Latin script inside Armenian text — an English or French
  line left untranslated, "Copy to the Ministry of Food." — ends at ``.``
  as it would in its own language: after a Latin word of two letters or more,
  before a capital, a digit or ``№``.
* As in the other languages, a point label stays with its point:
  "Երկրորդ։ Եթե ..." ("Secondly. If ...") is one segment.
"""
from __future__ import annotations

import re

from ..scripts import char_script
from .base import SentenceSplitter
from .spans import CLOSERS, OPENERS, Span, next_case, skip_space

#: Abbreviations written with a period (without it here), lower case.
ABBREVIATIONS = frozenset({
    "թ", "թթ", "դ", "դդ", "գեն", "գնդ", "պրոֆ", "ակադ", "դոկտ", "տ", "տիկ", "պ", "պրն", "ընկ",
    "էջ", "էջեր", "հմմտ", "տե՛ս", "տես", "այլն", "ք", "գ", "փ", "պող", "հ", "մ", "կմ",
    "մ.թ.ա", "մ.թ", "ն.թ", "օր", "վրկ", "ժ", "րոպ", "հազ", "մլն", "մլրդ", "ռ", "դր", "կոպ",
})

#: Ordinal words that label a numbered point ("Երկրորդ։" = "Secondly.").
LABELS = frozenset({
    "նախ", "առաջին", "երկրորդ", "երրորդ", "չորրորդ", "հինգերորդ", "վեցերորդ", "յոթերորդ",
    "ութերորդ", "իններորդ", "տասներորդ", "առաջինը", "երկրորդը", "երրորդը", "վերջապես",
})

_MARK = re.compile(rf"(?:։|[?!]+\.{{0,2}}|\.\.\.|…|:|\.)[{re.escape(CLOSERS)}]*")
_NUMBER_LABEL = re.compile(r"\(?(?:\d{1,3}|[IVXLC]{1,7}|[^\W\d_])[.)։:]")
_LIST_AHEAD = re.compile(r"\(?\d{1,3}[.)]\s")


def _is_label(segment: str) -> bool:
    """True when ``segment`` is only a point label: "Երկրորդ։", "1.", "Բ)"."""
    if len(segment) > 16:
        return False
    if _NUMBER_LABEL.fullmatch(segment):
        return True
    return segment[:-1].lower() in LABELS and segment[-1] in "։:."


def _ends_latin_sentence(block: str, start: int, m: re.Match[str], nxt: int) -> bool:
    """Whether a "." ends a sentence written in Latin script (most of its letters since ``start``)."""
    pos = m.start()
    if m.group().rstrip(CLOSERS) != "." or nxt == m.end() or next_case(block, nxt) == "lower":
        return False
    if pos < 2 or char_script(block[pos - 1]) != "latin" or char_script(block[pos - 2]) != "latin":
        return False
    scripts = [char_script(c) for c in block[start:pos]]
    latin = scripts.count("latin")
    return latin > 0.5 * sum(1 for x in scripts if x)


class ArmenianSplitter(SentenceSplitter):
    """Rule-based splitter for Eastern and Western Armenian (see the module docstring)."""

    code = "hy"
    method = "armenian-rules"

    def split_block(self, block: str) -> list[Span]:
        marks = list(_MARK.finditer(block))
        dot_mode = "։" not in block and not any(
            m.group()[0] == ":" and self._colon_stop(block, m.start(), skip_space(block, m.end()))
            for m in marks)
        spans: list[Span] = []
        start = 0
        for m in marks:
            end = m.end()
            nxt = skip_space(block, end)
            if nxt >= len(block) or end <= start:
                continue
            if (self._ends_sentence(block, m, nxt, dot_mode) or _ends_latin_sentence(block, start, m, nxt)) \
                    and not _is_label(block[start:end]):
                spans.append((start, end))
                start = nxt
        spans.append((start, len(block)))
        return spans

    @staticmethod
    def _colon_stop(block: str, colon: int, nxt: int) -> bool:
        """Whether the ``:`` at ``colon`` stands for ``։`` (see the module docstring)."""
        prev = block[colon - 1] if colon else " "
        if not (prev.isalpha() or prev in CLOSERS):
            return False  # "10:30", or a colon at the start
        if nxt >= len(block):
            return True
        if nxt == colon + 1:
            return False  # no space after it
        if block[nxt].isdigit():
            return not _LIST_AHEAD.match(block, nxt)
        return next_case(block, nxt) == "upper"

    def _ends_sentence(self, block: str, m: re.Match[str], nxt: int, dot_mode: bool) -> bool:
        mark = m.group().rstrip(CLOSERS)
        pos = m.start()
        spaced = nxt > m.end()
        case = next_case(block, nxt)
        if case == "lower":
            return False
        if mark == "։":
            # "10։30" is a time, not a full stop.
            return not (not spaced and block[nxt].isdigit() and pos > 0 and block[pos - 1].isdigit())
        if mark == ":":
            return self._colon_stop(block, pos, nxt)
        if not spaced:
            return False
        if mark[0] in "?!":
            return True
        prev = block[pos - 1] if pos else " "
        if mark in ("...", "…"):
            return prev.isalpha() and case == "upper"
        # A single ".": a full stop only in a paragraph typed with "." for "։".
        if not dot_mode or case != "upper":
            return False
        word_start = pos
        while word_start > 0 and not block[word_start - 1].isspace() and pos - word_start < 40:
            word_start -= 1
        word = block[word_start:pos].lstrip(OPENERS).lower()
        return len(word) >= 2 and word[0].isalnum() and word not in ABBREVIATIONS


def make(code: str = "hy") -> ArmenianSplitter:
    return ArmenianSplitter()
