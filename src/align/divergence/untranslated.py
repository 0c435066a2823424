"""Untranslated: words of the source language left in the translation.

- Different scripts (ru→en, en→hy, ...): target words written in the source's
  script and not the target's, for example "are ожидаются" in an English
  translation of Russian.  Not counted: a quoted or bracketed term wholly in
  the source's script ("the zemstvo (земство)"), letters talked about ("the
  letter w"), e-mail and web addresses, and — when the source script is Latin
  — names: from the first to the last capitalised word of a run (Latin names
  and titles are often kept as they are in Cyrillic and Armenian text: "The
  Boston Globe", "Stadium of Light").
- Same script (de→fr, en→fr): runs of three or more words copied from the
  source in the same order, at least two of them in lower case (a run of
  capitals is a name); single shared words are usually cognates or names and
  are not counted.

Quoted or bracketed text that keeps an original term on purpose is not
counted: a term alone ("the zemstvo (земство)") or a gloss, a short lead-in
and the term ("(от англ. Member of the…)"); a word of the source's script
inside a quotation in the target's own language still is.  Nor are the
never-flag phrases of the collection's names list (:mod:`.terms`).  Two versions in one language (ru–ru) are compared
as such: the component does not apply.
"""
from __future__ import annotations

import re

from ..records import Mark
from .base import Finding, evidence, quote
from .terms import TermList
from .tokens import SideText, Word

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|\([^)]*\)|\[[^\]]*\]")

#: Value of one untranslated word; each further word adds to it.
FIRST = 0.6
#: Shortest run of copied words that counts in a same-script pair.
MIN_RUN = 3


#: One-letter words of a language (other single letters are letters talked about, "the letter w").
_ONE_LETTER = {"en": {"a"}, "ru": set("иавксуоя"), "uk": set("іавзуоя"), "hy": {"և"}}


def _original_term(side: SideText, start: int, end: int, script: str) -> bool:
    """Whether quoted or bracketed text between two offsets keeps an original term on purpose: its
    words are nearly all in ``script`` ("the zemstvo (земство)"), or they end in a run of them after
    a short lead-in, a gloss ("(от англ. Member of the Assembly)")."""
    inside = [w for w in side.words if start <= w.start < end]
    if not inside:
        return False
    foreign = [side.word_script(w) == script for w in inside]
    if sum(foreign) >= 0.8 * len(inside):
        return True
    lead = foreign.index(True) if True in foreign else len(foreign)
    return 0 < lead <= 3 and all(foreign[lead:]) and len(foreign) - lead >= 1


_ADDRESS = re.compile(r"\S+@\S+|\b(?:https?://|www\.)\S+|\b\w+\.(?:com|org|net|ru|am|uk|gov|edu)\b\S*")


def _address_spans(text: str) -> list[tuple[int, int]]:
    """E-mail and web addresses: kept as they are in any language."""
    return [(m.start(), m.end()) for m in _ADDRESS.finditer(text)]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def _outside_names(run: list[Word]) -> list[Word]:
    """The words of a run that are not part of a name kept in its own script.

    A name spans from its first to its last capitalised word ("Stadium of Light");
    lower-case words before or after it are left untranslated ("Toyota *will stop*").
    A run whose only capital opens the sentence is no name ("*Also* on July 26").
    """
    caps = [i for i, w in enumerate(run) if w.capitalised and not (w.initial and i + 1 < len(run)
                                                                   and not run[i + 1].capitalised)]
    if not caps:
        return run
    return run[:caps[0]] + run[caps[-1] + 1:]


def _runs(words: list[Word], text: str) -> list[list[Word]]:
    runs: list[list[Word]] = []
    for w in words:
        if runs and text[runs[-1][-1].end:w.start].strip(" ,;:-–—") == "":
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


def score(src: SideText, tgt: SideText, *, terms: TermList | None = None) -> Finding | None:
    """Flag source-language words in the target; None when either language's script is unknown
    or both sides are in one language."""
    if not src.script or not tgt.script or not tgt.words or src.lang == tgt.lang:
        return None
    quoted = _quoted_spans(tgt.text)
    kept_terms = terms.never_flag(tgt.text, tgt.lang) + terms.never_flag(tgt.text, src.lang) if terms else []
    finding = Finding("untranslated", 0.0, features={"untranslated": 0.0, "untranslated_copied": 0.0})
    if src.script != tgt.script:
        kept = [(a, b) for a, b in quoted if _original_term(tgt, a, b, src.script)] + kept_terms + \
            _address_spans(tgt.text)
        singles = _ONE_LETTER.get(src.lang, set())
        foreign = [w for w in tgt.words
                   if tgt.word_script(w) == src.script and (len(w.text) >= 2 or w.lower in singles)
                   and not any(a <= w.start < b for a, b in kept)]
        if src.script == "latin":
            # Latin names and titles are often kept as they are in Cyrillic or Armenian text
            # ("The Boston Globe", "Stadium of Light"); only lower-case runs are left untranslated
            left = [w for run in _runs(foreign, tgt.text) for w in _outside_names(run)]
        else:
            left = foreign
    else:
        left = _copied(src, tgt, quoted + kept_terms)
    if not left:
        return finding
    finding.value = evidence(len(left), FIRST)
    # words in the source's own script are surer evidence than words copied within one script (a title, a
    # name kept in the original, a quotation): the combination weighs them apart
    other_script = src.script != tgt.script
    finding.features = {"untranslated": finding.value if other_script else 0.0,
                        "untranslated_copied": 0.0 if other_script else finding.value}
    runs = _runs(left, tgt.text)
    shown = ", ".join(quote(tgt.text[r[0].start:r[-1].end]) for r in runs[:3])
    more = f" and {len(runs) - 3} more" if len(runs) > 3 else ""
    finding.reasons.append(f"untranslated: {shown}{more} left in the source language")
    finding.marks += [Mark("target", r[0].start, r[-1].end, "untranslated", "untranslated") for r in runs]
    return finding


def _copied(src: SideText, tgt: SideText, quoted: list[tuple[int, int]]) -> list[Word]:
    """Target words in runs of MIN_RUN+ words (two or more in lower case) that also run, in order,
    in the source."""
    s_low = [w.lower for w in src.words]
    grams = {tuple(s_low[i:i + MIN_RUN]) for i in range(len(s_low) - MIN_RUN + 1)}
    t = tgt.words
    hit = [False] * len(t)
    for i in range(len(t) - MIN_RUN + 1):
        window = t[i:i + MIN_RUN]
        if sum(not w.capitalised for w in window) >= 2 and \
                tuple(w.lower for w in window) in grams and \
                not any(a <= window[0].start < b for a, b in quoted):
            for k in range(i, i + MIN_RUN):
                hit[k] = True
    return [w for w, h in zip(t, hit) if h]
