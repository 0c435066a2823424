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

An ordinary word of the source copied as it is into a translation in another script ("Diplomatic
отношения with Qatar", the source's "дипломатические отношения") floors its bead at the review
threshold (:data:`LEFT_FLOOR`, :func:`left_as_in_source`): its weight alone leaves one word at about 0.4.
"""
from __future__ import annotations

import re

from ..languages import RULES_LANGUAGE, english_name
from ..records import Mark
from ..scripts import char_script
from .base import Finding, evidence, quote
from .terms import TermList
from .tokens import SideText, Word

_QUOTED = re.compile(r"«[^»]*»|“[^”]*”|„[^“”]*[“”]|\"[^\"]*\"|\([^)]*\)|\[[^\]]*\]")

#: Value of one untranslated word; each further word adds to it.
FIRST = 0.6
#: Shortest run of copied words that counts in a same-script pair.
MIN_RUN = 3
#: The least score of a bead with an ordinary word of the source left as it is in a translation in
#: another script ("Diplomatic отношения with Qatar", the source's "дипломатические отношения"):
#: the review threshold (:data:`align.divergence.DEFAULT_REVIEW_THRESHOLD`).  See :func:`left_as_in_source`.
LEFT_FLOOR = 0.5


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
    copied = left_as_in_source(src, tgt, left) if other_script else []
    if copied:
        # a word of the source copied into a sentence of the target's language: a reviewer must see it
        finding.floor = LEFT_FLOOR
        words = ", ".join(quote(w.text) for w in copied[:3])
        words += f" and {len(copied) - 3} more" if len(copied) > 3 else ""
        rest = [r for r in runs if not any(r[0].start <= w.start < r[-1].end for w in copied)]
        also = f"; {len(rest)} more in the source's script" if rest else ""
        finding.reasons.append(f"untranslated: {words} left in {english_name(src.lang)} inside the "
                               f"{english_name(tgt.lang)} translation, as in the source{also}")
    else:
        finding.reasons.append(f"untranslated: {shown}{more} left in the source language")
    finding.marks += [Mark("target", r[0].start, r[-1].end, "untranslated", "untranslated") for r in runs]
    return finding


def left_as_in_source(src: SideText, tgt: SideText, left: list[Word]) -> list[Word]:
    """The words of ``left`` (target words in the source's script, counted untranslated) that are
    ordinary words of the source copied into a sentence of the target's language — what floors the
    bead at :data:`LEFT_FLOOR`.

    A word counts when it is found in the source in the same form (for Russian, or with the same
    lemma); every letter is in the source's script; it is a word the source language's dictionary
    knows (pymorphy3's for Russian, lemminflect's for English; any word for other languages: "twp"
    in "In Welsh twp means daft" is no English word); it is in lower case, or capitalised only to
    open a sentence and no name (in lower case or opening a sentence in the source too, and no name
    by pymorphy3 for Russian); it stands outside any quotation or brackets; and its run of
    source-script words holds no name ("Global citizen").  Nothing counts when a third or more of
    the target's words are in the source's script: a sentence kept whole ("Il faut bien le faire."
    on both sides) is no word left inside a translation."""
    if not left or 3 * sum(tgt.word_script(w) == src.script for w in tgt.words) >= len(tgt.words):
        return []
    spans = _quoted_spans(tgt.text) + [(m.start(), m.end()) for m in _SINGLE_QUOTED.finditer(tgt.text)]
    foreign = [w for w in tgt.words if tgt.word_script(w) == src.script]
    named = {w for run in _runs(foreign, tgt.text) if any(v.capitalised and not v.initial for v in run) for w in run}
    out = []
    for w in left:
        if len(w.text) < 2 or w in named or any(a <= w.start < b for a, b in spans) or \
                any(char_script(c) not in (src.script, None) for c in w.text):
            continue
        if w.text != w.lower and not (w.initial and w.text[1:] == w.lower[1:]):
            continue  # a name, an acronym, a brand ("iPhone")
        found = [s for s in src.words if _same_word(s.lower, w.lower, src.lang)]
        if not found or not _known(w.lower, src.lang):
            continue
        if w.capitalised and (any(s.capitalised and not s.initial for s in found) or _a_name(w.lower, src.lang)):
            continue
        out.append(w)
    return out


_SINGLE_QUOTED = re.compile(r"‘[^’]*’|‹[^›]*›")


def _same_word(a: str, b: str, lang: str) -> bool:
    if a == b:
        return True
    if RULES_LANGUAGE.get(lang) == "ru":
        from .contentwords import _ru
        return bool(_ru(a).lemmas & _ru(b).lemmas)
    return False


def _known(lower: str, lang: str) -> bool:
    """Whether the language's dictionary knows the word (True for a language without one here)."""
    rules = RULES_LANGUAGE.get(lang)
    if rules == "ru":
        from .contentwords import _morph
        return bool(_morph().word_is_known(lower))
    if rules == "en":
        from .contentwords import _lemminflect
        return bool(_lemminflect().getAllLemmas(lower))
    return True


def _a_name(lower: str, lang: str) -> bool:
    if RULES_LANGUAGE.get(lang) == "ru":
        from .contentwords import _ru
        return _ru(lower).name
    return False


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
