"""Tense and aspect: "was signed" against "will be signed", "рассказал" against "was speaking".

Each side's finite verbs are sorted into the tenses they show:

- Russian (and Ukrainian/Belarusian are not covered): every word is analysed with
  ``pymorphy3`` (OpenCorpora dictionaries, MIT; the well-kept successor of
  pymorphy2), and a finite verb (``VERB``) contributes its tense (``past``,
  ``pres``, or ``futr`` — which includes perfective non-past forms such as
  "рассчитается") and its aspect.  A side holding "бы" is in the conditional: its
  past forms are not past tense, so they are left out.
- English has no morphology library here, so the markers are read off the words:
  ``will``/``shall``/``'ll``/``going to`` (future); ``was``/``were``/``had``/``did``
  and past forms (regular ``-ed``, and irregular ones from **lemminflect**'s
  lexicon: "overran", "befell", "slew") not governed by a
  form of "be" or "have" (past); ``has``/``have`` + participle (perfect, which fits
  a Russian past as well as a present); ``is``/``are``/``am``/``do``/``does`` (present);
  a form of "be" + ``-ing`` (continuous).  A participle after a determiner or a
  preposition ("with confirmed cases") and capitalised words inside a sentence
  ("United") are not verbs.  An English side with no marker at all is taken to be
  in the present (its verbs are then bare forms such as "loses" or "demonstrate").

The component fires when the tenses cannot describe the same time:

1. one side only in the past, the other with neither past nor perfect
   ("потеряла" / "loses", "lost" / "will lose");
2. one side in the future, the other in the past and not in the future;
3. one side only in the present, the other only in a simple past.

and, at a lower value, for aspect: an English continuous form ("was speaking")
where every Russian verb is perfective ("рассказал"), i.e. a completed action
rendered as an ongoing one.

Languages: English and Russian, in any pairing (en–ru, ru–en, en–en, ru–ru);
None for others (Armenian tense is left to the meaning component).  The Russian
analyser is loaded on first use (about 0.1 s), never at import.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..records import Mark, Side
from .base import Finding, quote
from .tokens import SideText, Word

#: Value of a tense that cannot describe the same time as the other side's: a future
#: against a past ("will die" / "умерло"), or, for two versions in one language, tenses
#: that exclude each other.
TENSE = 0.3
#: Value of a different number of past-tense verbs on the two sides (Russian against
#: English).  Free translations restructure clauses, so this is weak evidence.
TENSE_COUNT = 0.1
#: Value of a continuous English form for a Russian side whose verbs are all perfective.
ASPECT = 0.15

_LANGS = {"en", "ru"}

_BE_PRES = {"is", "are", "am", "isn't", "aren't"}
_BE_PAST = {"was", "were", "wasn't", "weren't"}
_BE_OTHER = {"be", "been", "being"}
_HAVE_PRES = {"has", "have", "hasn't", "haven't"}
_HAVE_PAST = {"had", "hadn't"}
_DO_PRES = {"do", "does", "don't", "doesn't"}
_DO_PAST = {"did", "didn't"}
_GET = {"get", "gets", "got", "getting", "gotten"}
_FUTURE = {"will", "shall", "won't", "shan't"}
#: Words that may stand between an auxiliary and its verb.
_BETWEEN = {"not", "also", "already", "still", "just", "never", "ever", "yet", "recently", "now", "then",
            "since", "long", "all", "both", "each", "only", "even", "reportedly", "allegedly", "n't",
            "further", "once", "again", "often", "always", "soon"}
#: Before these a participle is an adjective: "the confirmed cases", "with armed men".
_NOT_VERB_BEFORE = {"the", "a", "an", "its", "their", "his", "her", "our",
                    "my", "your", "with", "of", "in", "on", "for", "from", "into", "by", "at", "as", "newly",
                    "well", "so", "very", "most", "more", "less", "highly", "fully", "partly", "some", "any",
                    "no", "every", "many", "several"}
#: "-ed" words that are not past tenses.
_ED_NOT_VERB = set("""
bed red shed fed led wed sled bred fled indeed hundred need seed speed feed breed proceed succeed exceed
creed greed weed steed deed heed reed sacred naked wicked kindred ragged rugged beloved learned aged
crooked dogged jagged wretched blessed alleged supposed so-called united limited based related detailed
advanced experienced skilled talented interested tired pleased surprised worried concerned married armed
""".split())
#: Verbs whose past is spelt like their present ("put", "set"): past or not, the words do not say.
_SAME_PAST = {"put", "set", "cut", "hit", "let", "read", "shut", "cost", "hurt", "spread", "quit", "cast",
              "burst", "bet", "upset", "broadcast", "forecast"}
@lru_cache(maxsize=1)
def _lemminflect() -> Any:
    import lemminflect
    return lemminflect


@lru_cache(maxsize=65536)
def _irregular(word: str) -> tuple[bool, bool]:
    """(an irregular past form, an irregular past participle) of an English verb, from **lemminflect**'s
    lexicon (MIT, data inside): "overran" is a past, "overrun" and "done" are participles; "saw" and
    "found" are pasts of "see" and "find"; forms spelt only like the verb itself ("put") and regular
    "-ed" forms are neither."""
    lemmas = _lemminflect().getAllLemmas(word, upos="VERB").get("VERB", ())
    if not lemmas or word.endswith("ed"):
        return False, False
    past = participle = False
    for lemma in lemmas:
        if lemma == word:
            continue  # "saw" the verb is rarer than "saw" the past of "see"; "put" is only itself
        forms = _lemminflect().getAllInflections(lemma, upos="VERB")
        past = past or word in forms.get("VBD", ())
        participle = participle or word in forms.get("VBN", ())
    return past, participle


def _irregular_past(word: str) -> bool:
    return _irregular(word)[0]


def _participle(word: str) -> bool:
    return word in ("been", "done", "gone") or any(_irregular(word))


#: Conditional and purpose particles: the past form next to them is a subjunctive, not a past tense.
_RU_COND = {"бы", "б", "чтобы", "чтоб"}
#: Conjunctions of condition and time: a perfective "future" after them is what English says
#: in the present ("если он окажет сопротивление" / "if he shows resistance").
_RU_IF = {"если", "когда", "пока", "едва", "коли", "ежели"}


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3
    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def _ru_verb(word: str) -> tuple[str, str] | None:
    """(tense, aspect) of a Russian finite verb form, or None for any other word."""
    parses = _morph().parse(word)
    if not parses:
        return None
    p = parses[0]
    if p.tag.POS != "VERB" or p.score < 0.5 or p.tag.tense is None:
        return None
    return str(p.tag.tense), str(p.tag.aspect or "")


class _Tenses:
    """The tenses a side shows, with the words that show each."""

    def __init__(self) -> None:
        self.words: dict[str, list[Word]] = {}
        self.perfective: list[Word] = []
        self.imperfective: list[Word] = []
        self.unmarked = False  # English: no marker at all (bare present forms)
        self.reported = False  # Russian: a past verb of saying or knowing followed by "что"

    def add(self, tense: str, word: Word) -> None:
        self.words.setdefault(tense, []).append(word)

    @property
    def kinds(self) -> set[str]:
        return set(self.words) | ({"pres"} if self.unmarked else set())


def _russian(side: SideText) -> _Tenses:
    out = _Tenses()
    words = [w for w in side.words if any("а" <= c <= "я" or c == "ё" for c in w.lower)]
    verbs = [_ru_verb(w.lower) for w in words]
    question = "?" in side.text
    subjunctive: set[int] = set()
    if_futures: list[int] = []
    for k, w in enumerate(words):
        if w.lower in _RU_COND:
            # "хотел бы", "бы пришёл", "чтобы ... могла": the nearest past form on each side
            if k > 0 and verbs[k - 1] is not None and w.lower in ("бы", "б"):
                subjunctive.add(k - 1)
            for q in range(k + 1, min(len(words), k + 5)):
                if (verb := verbs[q]) is not None and verb[0] == "past":
                    subjunctive.add(q)
                    break
        if w.lower in _RU_IF and not question:
            for q in range(k + 1, min(len(words), k + 7)):
                if (verb := verbs[q]) is not None and verb[0] == "futr":
                    if_futures.append(q)
                    break
    # "если он окажет сопротивление, им придётся воевать": the main clause has a future of its own;
    # "когда начнётся суд?" or "неизвестно, когда начнётся суд" have none, and keep theirs
    futures = [q for q, v in enumerate(verbs) if v is not None and v[0] == "futr"]
    if len(futures) > len(if_futures):
        subjunctive.update(if_futures)
    for k, (w, v) in enumerate(zip(words, verbs)):
        if v is None or k in subjunctive:
            continue
        tense, aspect = v
        out.add(tense, w)
        (out.perfective if aspect == "perf" else out.imperfective).append(w)
        if tense == "past" and any(x.lower in ("что", "чтобы", "будто", "ли") for x in words[k + 1:k + 6]):
            out.reported = True  # "сказали, что поезд опаздывает": English says "was late"
    return out


def _is_past_form(w: Word) -> bool:
    low = w.lower.replace("’", "'")
    if _irregular_past(low):
        return True
    return low.endswith("ed") and len(low) >= 4 and low not in _ED_NOT_VERB and "-" not in low


def _english(side: SideText) -> _Tenses:
    out = _Tenses()
    ws = side.words
    low = [w.lower.replace("’", "'") for w in ws]

    def governor(k: int) -> int:
        """Index of the word governing word k, adverbs skipped (-1 at the start)."""
        q = k - 1
        while q >= 0 and k - q <= 3 and (low[q] in _BETWEEN or (low[q].endswith("ly") and len(low[q]) > 4)):
            q -= 1
        return q

    def aux_is(q: int, forms: set[str], suffixes: tuple[str, ...] = ()) -> bool:
        return q >= 0 and (low[q] in forms or (bool(suffixes) and low[q].endswith(suffixes)))

    def perfect_after(k: int) -> bool:
        """Whether a participle follows word k within three words, adverbs skipped ("have already done")."""
        for q in range(k + 1, min(len(low), k + 4)):
            x = low[q]
            if _participle(x) or (x.endswith("ed") and len(x) >= 4
                                                             and x not in _ED_NOT_VERB):
                return True
            if not (x in _BETWEEN or (x.endswith("ly") and len(x) > 4)):
                return False
        return False

    for k, (w, lw) in enumerate(zip(ws, low)):
        if lw in _FUTURE or lw.endswith("'ll"):
            if lw == "will" and ((w.capitalised and not w.initial) or
                                 (k > 0 and low[k - 1] in _NOT_VERB_BEFORE | {"free", "good", "ill", "political"})):
                continue  # "Will Smith", "the will of the people"
            out.add("futr", w)
        elif lw == "going" and k + 1 < len(low) and low[k + 1] == "to" and \
                aux_is(k - 1, _BE_PRES | _BE_PAST, ("'re", "'m", "'s")):
            out.add("futr", w)
        elif lw.endswith(("'d", "'s")) and perfect_after(k):
            out.add("past" if lw.endswith("'d") else "perf", w)  # "he'd left" (had), "he's gone" (has)
        elif lw in ("would", "wouldn't") or lw.endswith("'d"):
            out.add("cond", w)  # future in the past, or a conditional
        elif lw in _BE_PAST | _HAVE_PAST | _DO_PAST:
            out.add("past", w)
        elif lw in _BE_PRES | _DO_PRES or lw.endswith(("'re", "'m")):
            out.add("pres", w)
        elif lw.endswith("ing") and len(lw) >= 5 and not (w.capitalised and not w.initial):
            if aux_is(governor(k), _BE_PRES | _BE_PAST | {"be", "been"}, ("'re", "'m")):
                out.add("cont", w)
        elif _is_past_form(w) and not (w.capitalised and not w.initial):
            q = governor(k)
            if aux_is(q, _HAVE_PRES, ("'ve",)) or (q >= 0 and low[q] == "been" and
                                                      aux_is(governor(q), _HAVE_PRES, ("'ve",))):
                out.add("perf", w)  # "has signed", "has been signed"
            elif aux_is(q, _BE_PRES | _BE_PAST | _BE_OTHER | _HAVE_PAST | _GET | _FUTURE | _DO_PAST | _DO_PRES,
                        ("'re", "'m", "'s", "'d")):
                continue  # a participle (passive, perfect) or a bare form: the auxiliary has the tense
            elif q >= 0 and low[q] in _NOT_VERB_BEFORE:
                continue  # an adjective: "the confirmed cases"
            elif k + 1 < len(low) and low[k + 1] == "by":
                continue  # a passive participle: "followed by Brazil"
            else:
                out.add("past", w)
        elif lw in _HAVE_PRES:
            out.add("perf" if perfect_after(k) else "pres", w)  # "have done" / "have a plan"
        elif lw in _SAME_PAST and k > 0 and not aux_is(
                governor(k), _FUTURE | _DO_PRES | _DO_PAST | _BE_PRES | _BE_PAST | _BE_OTHER | _HAVE_PRES | _HAVE_PAST
                | _GET | {"to", "can", "could", "may", "might", "must", "should", "would", "shouldn't", "can't",
                          "cannot", "mustn't", "wouldn't", "couldn't"}, ("'ll", "'d", "'s", "'re", "'m", "'ve")):
            out.add("amb", w)  # "he put the book": perhaps a past
    if not out.words:
        out.unmarked = True
    return out


def _tenses(side: SideText) -> _Tenses:
    return _russian(side) if side.lang == "ru" else _english(side)


def _said(words: list[Word]) -> str:
    return f" ({', '.join(quote(w.text, 24) for w in words[:3])})" if words else ""


_NAMES = {"past": "in the past", "pres": "in the present", "futr": "in the future"}


def _clash(a: _Tenses, b: _Tenses) -> tuple[str, str] | None:
    """Same language: the tenses of ``a`` and ``b`` that cannot describe the same time, or None."""
    ka, kb = a.kinds - {"amb"}, b.kinds - {"amb"}
    if b.unmarked or not kb - {"cond", "cont"}:
        return None  # a heading, a verbless line, "would": nothing to set against a's tense
    if ka == {"past"} and not kb & {"past", "perf"}:
        return "past", ("futr" if "futr" in kb else "pres")
    if "futr" in ka and "past" in kb and "futr" not in kb and "past" not in ka:
        return "futr", "past"
    if ka - {"cont"} == {"pres"} and not a.unmarked and kb - {"cont"} == {"past"}:
        return "pres", "past"
    return None


def _n(t: _Tenses, kind: str) -> int:
    return len(t.words.get(kind, []))


def _cross(ru: _Tenses, en: _Tenses, ru_side: Side, en_side: Side, finding: Finding) -> None:
    """Russian against English: verb counts per tense, since a sentence often holds several clauses."""
    def hit(value: float, reason: str, ru_words: list[Word], en_words: list[Word], label: str) -> None:
        finding.value = max(finding.value, value)
        finding.reasons.append(reason)
        finding.marks.extend(Mark(ru_side, w.start, w.end, "tense", label) for w in ru_words)
        finding.marks.extend(Mark(en_side, w.start, w.end, "tense", label) for w in en_words)

    ru_futr, en_futr = ru.words.get("futr", []), en.words.get("futr", [])
    ru_past, en_past = ru.words.get("past", []), en.words.get("past", [])
    ru_pres = ru.words.get("pres", [])
    if en_futr and not ru_futr:
        if ru_past and not ru_pres:
            hit(TENSE, f"tense: the {en_side} speaks of the future{_said(en_futr)} where the {ru_side} speaks "
                       f"of the past{_said(ru_past)}", ru_past, en_futr, "tense")
        else:  # Russian often says the future in the present ("завтра я лечу"): weak evidence
            hit(TENSE_COUNT, f"tense: the {en_side} speaks of the future{_said(en_futr)}, the {ru_side} has no "
                             f"future tense{_said(ru_pres)}", ru_pres, en_futr, "tense")
    elif ru_futr and not en_futr and not en.words.get("cond"):
        if en_past:
            hit(TENSE, f"tense: the {ru_side} speaks of the future{_said(ru_futr)}, the {en_side} of the past"
                       f"{_said(en_past)}", ru_futr, en_past, "tense")
        else:
            hit(TENSE_COUNT, f"tense: the {ru_side} speaks of the future{_said(ru_futr)}, the {en_side} has no "
                             "future tense", ru_futr, [], "tense")
    ru_now = _n(ru, "pres") + len(ru_futr)
    en_now = _n(en, "pres") + len(en_futr) + (1 if en.unmarked else 0)
    if len(ru_past) > len(en_past) + _n(en, "perf") + _n(en, "amb") and en_now >= ru_now:
        hit(TENSE_COUNT, f"tense: the {ru_side} has more verbs in the past{_said(ru_past)} than the {en_side}"
                   f"{_said(en_past)}", ru_past, en_past, "tense")
    elif len(en_past) > len(ru_past) and _n(en, "pres") < _n(ru, "pres") and not ru.reported:
        hit(TENSE_COUNT, f"tense: the {en_side} puts in the past{_said(en_past)} what the {ru_side} says in the "
                   f"present{_said(ru.words['pres'])}", ru.words["pres"], en_past, "tense")
    cont = en.words.get("cont", [])
    if cont and ru.perfective and len(cont) > len(ru.imperfective):
        hit(ASPECT, f"aspect: the {en_side} makes an ongoing action{_said(cont)} of what the {ru_side} "
                    f"completes{_said(ru.perfective)}", ru.perfective, cont, "aspect")


def score(src: SideText, tgt: SideText) -> Finding | None:
    """Flag tenses that cannot describe the same time, and completed actions made ongoing;
    None unless both sides are English or Russian."""
    if src.lang not in _LANGS or tgt.lang not in _LANGS:
        return None
    ts, tt = _tenses(src), _tenses(tgt)
    finding = Finding("tense", 0.0)
    if src.lang != tgt.lang:
        if src.lang == "ru":
            _cross(ts, tt, "source", "target", finding)
        else:
            _cross(tt, ts, "target", "source", finding)
        return finding
    clash = _clash(ts, tt)
    if clash is None:
        back = _clash(tt, ts)
        clash = (back[1], back[0]) if back is not None else None
    if clash is not None:
        ks, kt = clash
        s_words, t_words = ts.words.get(ks, []), tt.words.get(kt, [])
        finding.value = TENSE
        finding.reasons.append(f"tense: the source is {_NAMES[ks]}{_said(s_words)}, the target {_NAMES[kt]}"
                               f"{_said(t_words)}")
        finding.marks += [Mark("source", w.start, w.end, "tense", "tense") for w in s_words]
        finding.marks += [Mark("target", w.start, w.end, "tense", "tense") for w in t_words]
    return finding
