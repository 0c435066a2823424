"""Lexical coverage: words of one side with no counterpart on the other (English–Russian).

A sentence vector barely moves when one noun, verb or adjective of twenty is
left out.  This component looks at the words: for an English–Russian pair, in
either direction, it asks of every word that counts (:mod:`.contentwords`:
content words the dictionary knows; no names, numbers, function words or light
verbs) whether the other side holds a translation of it, through Mueller's
English–Russian dictionary where the system installs it (:mod:`.dictionary`).

A word is covered (1) by a word of the other side that the dictionary gives as
its translation — as lemmas, and with the Russian word's family (the other
aspect, a derivation: :class:`~.contentwords.Family`) — or that is its
transliteration (the names component's keys: "коронавирус" / "coronavirus",
"армянский" / "Armenian").  Words and translations are paired one to one (a
maximum matching, content words first), so a word whose only translation is
already paired with another word is covered :data:`SHARED` ("areas" for both
"районах" and "области").  A match through the dictionary's examples counts
:data:`EXAMPLE`, through a synonym (a headword sharing two translations with
one of the other side's words) :data:`SYNONYM`; otherwise the word has no
counterpart.

Every word with no counterpart, on either side, gets a mark (component
``lexical``, label :data:`LABEL`) on every English–Russian bead, flagged or
not, and the reason names them.  The value counts the *source's* words only
(:data:`TARGET` is 0: measured, the target's own words ranked removals worse,
translators adding words of their own): ``1 − (1 − FIRST) ** n``, ``n`` the
source's uncovered words weighted (content word 1, minor adverb
:data:`~.contentwords.MINOR`, half-covered half), less :data:`PARAPHRASE` of
each noun or verb that a noun or verb left uncovered on the other side may
translate (:func:`net_lack`: a faithful translation that says a word in a way
the 1961 dictionary does not list leaves a word over on each side; a removal
leaves one on the source's side only).  :data:`FIRST` is small: the component
ranks and shows where to look; it does not flag a bead alone.

None for other language pairs, and without a dictionary (``align run`` says
once how to get it: :func:`missing_note`).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..records import SIDES, Mark
from .base import Finding, evidence
from .contentwords import MINOR, Family, Token, english, is_name, kinds, russian
from .dictionary import HOW_TO_GET, Dictionary
from .dictionary import identity as dictionary_identity
from .dictionary import load as load_dictionary
from .names import words_match
from .terms import TermList
from .tokens import SideText, Word, base_lang

#: The version of the component's rules and weights: part of the scorer's stamp (:func:`stamp`), so
#: ``align run`` re-scores English–Russian alignments when it changes.  Bump it with every change.
VERSION = 4
#: Value of one uncovered content word of the source (several add up as independent evidence, to
#: :data:`~.base.CAP`).  Chosen with ``benchmarks/lexical_tune.py`` on DEMETR's even ids and NTREX-128's even
#: documents: the most ranking it buys without flagging more controls or professional translations.
FIRST = 0.02
#: The features the learned combination reads (:func:`_features`): the source's uncovered words.  Tried and
#: left out, as they added nothing on data held out (BENCHMARKS.md): the target's uncovered words, their
#: share of the source's words, that share times the meaning component's distance.
FEATURES = ("lexical",)
#: Uncovered words counted in the feature at most (a long merged bead is not a hundred times as divergent).
COUNT_CAP = 6.0
#: The label of a mark on an uncovered word.
LABEL = "no counterpart"
#: How many uncovered words a reason names.
NAMED = 6

#: How much a match through the dictionary's examples counts, against 1 for a main translation.
EXAMPLE = 0.5
#: How much a match through a synonym (a headword sharing :data:`SYN_MIN` translations) counts.
SYNONYM = 0.5
SYN_MIN = 2
#: How much a word counts as covered when its translation is there but already paired with another
#: word of its side ("areas" for "районах" and "области" alike).
SHARED = 0.5
#: How much of an uncovered source word's lack a word of the same kind (noun, verb, modifier) left uncovered on
#: the other side takes away (:func:`net_lack`): a faithful translation that says a word in a way the
#: dictionary does not list leaves a word over on *each* side ("исходов" / "deaths"), a removal leaves one on
#: the source's side only.  Measured with ``benchmarks/lexical_coverage.py``.
PARAPHRASE = 0.5
#: How far apart (in relative position, 0 to 1 across a side) two words may stand to be taken as paraphrases.
NEAR = 1.0
#: The kinds of word a paraphrase may explain (:func:`net_lack`).
EXPLAINED = frozenset({"noun", "verb"})
#: How much the target's uncovered words count against the source's.  Measured (``lexical_tune.py``):
#: any weight lowers the ranking of removals, as translators add words of their own and a removed
#: word takes its uncovered translation with it, and flags more professional translations; so the
#: target's words are marked and named but add nothing to the value.
TARGET = 0.0
#: The kinds of Russian word that an English word of a name (capitalised inside a sentence) may answer: a name
#: is made of nouns and adjectives ("State Court" / "Государственный суд"), so "State" of "Secretary of State"
#: is no "заявил" (stated), nor "Light" of "Northern Light" a "светить".
NAME_PARTS = frozenset({"noun", "modifier"})


@lru_cache(maxsize=65536)
def _headword_sets(dictionary: Dictionary, lemma: str) -> tuple[frozenset[str], ...]:
    """The translations (words of four letters or more) of every headword that ``lemma`` translates."""
    return tuple(_long(dictionary, h) for h in dictionary.headwords(lemma))


@lru_cache(maxsize=131072)
def _long(dictionary: Dictionary, headword: str) -> frozenset[str]:
    """The translations of ``headword`` of four letters or more (no "от", "при": prepositions say nothing
    here), made once per headword."""
    return frozenset(w for w in dictionary.translations(headword) if len(w) >= 4)


class Own:
    """The translation lists a synonym is sought among (:func:`_synonymous`), with their union: a headword
    that shares fewer than :data:`SYN_MIN` translations with the union shares fewer with each list, so it
    is set aside with one set operation instead of one per list."""

    def __init__(self, lists: Iterable[frozenset[str]]) -> None:
        self.lists = [o for o in lists if o]  # an empty list shares nothing
        self.union: frozenset[str] = frozenset().union(*self.lists)


def _synonymous(dictionary: Dictionary, lemma: str, own: Own) -> bool:
    """Whether a headword translated by Russian ``lemma`` shares :data:`SYN_MIN` translations, and a
    quarter of the smaller list, with one of the translation lists ``own`` (the other side's words')."""
    union = own.union
    for t in _headword_sets(dictionary, lemma):
        if len(t & union) < SYN_MIN:
            continue
        for o in own.lists:
            shared = len(t & o)
            if shared >= SYN_MIN and 4 * shared >= min(len(t), len(o)):
                return True
    return False


@dataclass(frozen=True)
class Coverage:
    """The words of each side that count, with how well each is covered (1: a translation is there,
    0: none) and how much it counts (1 a content word, :data:`MINOR` an adverb)."""

    en: tuple[tuple[Word, float, float], ...]
    ru: tuple[tuple[Word, float, float], ...]

    @property
    def en_missing(self) -> tuple[Word, ...]:
        return tuple(w for w, c, _ in self.en if c < 0.5)

    @property
    def ru_missing(self) -> tuple[Word, ...]:
        return tuple(w for w, c, _ in self.ru if c < 0.5)

    @staticmethod
    def mass(side: tuple[tuple[Word, float, float], ...]) -> float:
        """The weighted count of what a side's words lack: Σ weight × (1 − coverage)."""
        return sum(wt * (1.0 - c) for _, c, wt in side)


@lru_cache(maxsize=65536)
def _translations(dictionary: Dictionary, heads: tuple[str, ...]) -> Family:
    return Family.union(_head_family(dictionary, h) for h in dict.fromkeys(heads))


@lru_cache(maxsize=131072)
def _head_family(dictionary: Dictionary, headword: str) -> Family:
    """The translations of one headword as a :class:`~.contentwords.Family` (joined for a word's headwords)."""
    return Family(dictionary.translations(headword))


@lru_cache(maxsize=131072)
def _example_family(dictionary: Dictionary, headword: str) -> Family:
    """The Russian words of one headword's examples as a :class:`~.contentwords.Family`."""
    return Family(dictionary.examples.get(headword, frozenset()))


def _match(edges: list[list[int]], order: list[int]) -> dict[int, int]:
    """A maximum matching of left vertices (taken in ``order``) to right ones (Kuhn's augmenting paths):
    left index → right index.  Earlier vertices keep their partner."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in order:
        augment(i, set())
    return {i: j for j, i in owner.items()}


def coverage(en: SideText, ru: SideText, dictionary: Dictionary) -> Coverage:
    """How well each word that counts, of ``en`` and of ``ru``, is translated on the other side.

    A word and a translation of it on the other side are paired one to one (a maximum matching, content
    words before minor ones); a word whose only translations are paired with other words counts as
    :data:`SHARED`."""
    en_tokens = english(en, dictionary)
    ru_tokens = russian(ru, dictionary)
    heads = [h for t in en_tokens if not t.function for h in t.keys]
    # two-word headwords ("break off", "take place") and compounds written open ("alarm clock": "alarm-clock"),
    # kept with their first word
    extra: list[tuple[str, ...]] = []
    for a, b in zip(en_tokens, en_tokens[1:] + [None]):
        pairs = () if b is None else tuple(dict.fromkeys(
            c for h in dict.fromkeys((a.word.lower, *a.keys)) for second in (b.word.lower, *b.keys)
            for c in (f"{h} {second}", f"{h}-{second}", f"{h}{second}") if c in dictionary))
        extra.append(pairs)
        heads += pairs
    tr = [_translations(dictionary, t.keys + x + t.derived) for t, x in zip(en_tokens, extra)]

    links: dict[tuple[int, int], bool] = {}  # both sides' edges ask about many of the same pairs

    def linked(e: int, r: int) -> bool:
        got = links.get((e, r))
        if got is None:
            got = links[e, r] = _linked(en_tokens[e], ru_tokens[r], tr[e])
        return got

    example = Family.union(_example_family(dictionary, h) for h in dict.fromkeys(heads))
    own = Own(_long(dictionary, h) for h in heads)
    # the Russian side: each word that counts against every English word
    ru_idx = [i for i, t in enumerate(ru_tokens) if t.weight]
    ru_edges = [[e for e in range(len(en_tokens)) if linked(e, r)] for r in ru_idx]
    order = sorted(range(len(ru_idx)), key=lambda k: (-ru_tokens[ru_idx[k]].weight, len(ru_edges[k])))
    paired = _match(ru_edges, order)
    ru_cov = []
    for k, r in enumerate(ru_idx):
        t = ru_tokens[r]
        c = _grade(k in paired, bool(ru_edges[k]), t.keys, example.any,
                   lambda keys: any(_synonymous(dictionary, lem, own) for lem in keys))
        ru_cov.append((t.word, c, t.weight))
    # the English side: each word that counts against every Russian word that may answer it
    en_idx = [i for i, t in enumerate(en_tokens) if t.weight]
    partners = [i for i, t in enumerate(ru_tokens) if t.partner]
    # a minor English word ("because", "while") may be said by a Russian conjunction or preposition
    en_edges = [[r for r in (partners if en_tokens[e].weight != MINOR else range(len(ru_tokens))) if linked(e, r)]
                for e in en_idx]
    order = sorted(range(len(en_idx)), key=lambda k: (-en_tokens[en_idx[k]].weight, len(en_edges[k])))
    paired = _match(en_edges, order)
    ru_lemmas = [lem for t in ru_tokens if t.partner for lem in t.keys]
    have_example = Family({lem for t in ru_tokens if t.partner for lem in t.keys})
    en_cov = []
    for k, e in enumerate(en_idx):
        t = en_tokens[e]
        c = _grade(k in paired, bool(en_edges[k]), t.keys,
                   lambda keys: have_example.any(r for h in keys for r in dictionary.examples.get(h, ())),
                   lambda keys: _any_synonymous(dictionary, ru_lemmas, Own(_long(dictionary, h) for h in keys)))
        en_cov.append((t.word, c, t.weight))
    return Coverage(tuple(en_cov), tuple(ru_cov))


def _any_synonymous(dictionary: Dictionary, lemmas: list[str], own: Own) -> bool:
    """Whether one of the Russian ``lemmas`` is :func:`_synonymous` with one of the lists ``own``."""
    return any(_synonymous(dictionary, lem, own) for lem in lemmas)


def _grade(paired: bool, linked: bool, keys: tuple[str, ...], in_example: Callable[[tuple[str, ...]], bool],
           synonymous: Callable[[tuple[str, ...]], bool]) -> float:
    """How well a word (its dictionary ``keys``) is covered: paired with a translation (1), its translations
    all paired with other words (:data:`SHARED`), in an example of the other side's words
    (:data:`EXAMPLE`), sharing translations with one of them (:data:`SYNONYM`), or not at all (0); the last
    two are tested only when needed."""
    if paired:
        return 1.0
    if linked:
        return SHARED
    if EXAMPLE and in_example(keys):
        return EXAMPLE
    if SYNONYM and synonymous(keys):
        return SYNONYM
    return 0.0


def _linked(te: Token, tr_: Token, translations: Family) -> bool:
    """Whether English token ``te`` (its dictionary's ``translations``) and Russian token ``tr_`` may
    translate each other."""
    if te.function and tr_.weight != MINOR:
        return False  # "when", "about" may translate "когда", "около", and nothing heavier
    if is_name(te.word) and not te.function and not kinds(tr_.word.lower, "ru") & NAME_PARTS:
        return False  # "State" of "Secretary of State" is no verb "заявил"
    if te.say and tr_.say:
        return True  # "said" / "заявил", "told" / "сообщил"
    return translations.any(tr_.keys) or _sounds_like_pair(tr_.word.text, te.word.text)


def _sounds_like_pair(ru_word: str, en_word: str) -> bool:
    """Whether an English word is a transliteration of a Russian one (international words, names)."""
    return len(ru_word) >= 4 and len(en_word) >= 4 and words_match(ru_word, "ru", en_word, "en")


def applies(src_lang: str, tgt_lang: str) -> bool:
    """Whether the component reads pairs in these languages (English–Russian, either way)."""
    return {base_lang(src_lang), base_lang(tgt_lang)} == {"en", "ru"}


def stamp(src_lang: str | None = None, tgt_lang: str | None = None) -> str:
    """``+lexical<VERSION>:<dictionary identity>`` for the scorer's stamp of a pair in these languages, or
    ``""`` without a dictionary or for a pair the component does not read."""
    if src_lang is not None and tgt_lang is not None and not applies(src_lang, tgt_lang):
        return ""
    ident = dictionary_identity()
    return f"+lexical{VERSION}:{ident}" if ident else ""


def missing_note(language_pairs: Iterable[tuple[str, str]]) -> list[str]:
    """One line saying how to get the dictionary, when one of the pairs is English–Russian and
    none is installed; else nothing."""
    if any(applies(a, b) for a, b in language_pairs) and dictionary_identity() is None:
        return [HOW_TO_GET]
    return []


def _listed(words: list[Word] | tuple[Word, ...]) -> str:
    return ", ".join(f"“{w.text}”" for w in words[:NAMED]) + (" …" if len(words) > NAMED else "")


Scored = tuple[tuple[Word, float, float], ...]


def net_lack(source: Scored, target: Scored, src: SideText, tgt: SideText) -> tuple[float, ...]:
    """What each of the source's words lacks (weight × (1 − coverage)) once the target's uncovered words are
    taken as paraphrases: each source word with a lack is paired, nearest relative position first, with
    target words of its kind (:func:`~.contentwords.kinds`) that lack something too, and both lose
    :data:`PARAPHRASE` × what they share.  A word the translation left out keeps its lack unless the
    translation also holds a word of its kind that nothing covers."""
    def left(side: Scored, text: SideText) -> list[list]:
        size = max(len(text.text), 1)
        return [[wt * (1.0 - c), kinds(w.lower, base_lang(text.lang)) & EXPLAINED, w.start / size]
                for w, c, wt in side]
    src_left, tgt_left = left(source, src), left(target, tgt)
    if PARAPHRASE:
        for a in src_left:
            for b in sorted((b for b in tgt_left if b[0] > 0 and a[1] & b[1] and abs(b[2] - a[2]) <= NEAR),
                            key=lambda b: abs(b[2] - a[2])):
                if a[0] <= 1e-9:
                    break
                shared = PARAPHRASE * min(a[0], b[0])
                a[0] -= shared
                b[0] -= shared
    return tuple(max(a[0], 0.0) for a in src_left)


def _features(lacks: tuple[float, ...]) -> dict[str, float]:
    """What the learned combination reads (:data:`FEATURES`): the source's uncovered words, weighted (a
    content word 1, a minor adverb :data:`~.contentwords.MINOR`, a half-covered word half) and less what the
    target's uncovered words of the same kind explain (:func:`net_lack`), at most :data:`COUNT_CAP`."""
    return {"lexical": min(sum(lacks), COUNT_CAP)}


def _glossary(side: SideText, other: SideText, terms: TermList) -> tuple[list[Word], list[Word]]:
    """The term list's entries in ``side`` (lower-case terms: names are the names component's), as
    (found on the other side, missing there) — only entries with a spelling in the other side's language."""
    found: list[Word] = []
    missing: list[Word] = []
    for hit in terms.find(side.text, side.lang):
        text = side.text[hit.start:hit.end]
        if not text[:1].islower():
            continue
        has = terms.has(hit.index, other.text, other.lang)
        if has is None:
            continue
        (found if has else missing).append(Word(text, hit.start, hit.end, False))
    return found, missing


def _with_glossary(scored: Scored, found: list[Word], missing: list[Word]) -> Scored:
    """A side's words with the term list applied: a word inside a term found on the other side is covered;
    a term missing there is uncovered (one entry per term, words inside it dropped)."""
    def inside(w: Word, spans: list[Word]) -> bool:
        return any(t.start <= w.start and w.end <= t.end for t in spans)
    out = [(w, 1.0 if inside(w, found) else c, wt) for w, c, wt in scored if not inside(w, missing)]
    out += [(t, 0.0, 1.0) for t in missing]
    return tuple(sorted(out, key=lambda x: x[0].start))


def score(src: SideText, tgt: SideText, dictionary: Dictionary | None = None,
          terms: TermList | None = None) -> Finding | None:
    """The lexical coverage of a pair: through the dictionary for English–Russian (when installed) and
    through the collection's term list (``terms``, :mod:`.terms`) for any pair; None when neither applies."""
    if applies(src.lang, tgt.lang):
        dictionary = dictionary if dictionary is not None else load_dictionary()
    else:
        dictionary = None
    glossary = {"source": _glossary(src, tgt, terms), "target": _glossary(tgt, src, terms)} \
        if terms and src.lang != tgt.lang else {"source": ([], []), "target": ([], [])}
    if dictionary is None and not any(f or m for f, m in glossary.values()):
        return None
    sides: dict[str, Scored] = {"source": (), "target": ()}
    if dictionary is not None:
        en, ru = (src, tgt) if src.lang == "en" else (tgt, src)
        cov = coverage(en, ru, dictionary)
        en_role, ru_role = SIDES if src.lang == "en" else SIDES[::-1]
        sides = {en_role: cov.en, ru_role: cov.ru}
    sides = {role: _with_glossary(sides[role], *glossary[role]) for role in SIDES}
    missing = {role: [w for w, c, _ in sides[role] if c < 0.5] for role in SIDES}
    from_list = {(role, t.start) for role in SIDES for t in glossary[role][1]}
    marks = [Mark(role, w.start, w.end, "lexical", LABEL + (" (term list)" if (role, w.start) in from_list else ""))
             for role in SIDES for w in missing[role]]
    lacks = net_lack(sides["source"], sides["target"], src, tgt)
    count = sum(lacks) + TARGET * Coverage.mass(sides["target"])
    value = evidence(count, FIRST)
    reasons = []
    for role in SIDES:
        partly = [w for w, c, _ in sides[role] if 0.5 <= c < 1.0] if role == "source" else []
        if missing[role] or (partly and value > 0):
            said = [f"no counterpart — in the {role} only: {_listed(missing[role])}"] if missing[role] else []
            if partly:  # they count half in the value: say which they are
                said.append(f"only partly matched in the {role}: {_listed(partly)}")
            reasons.append("words with " + "; ".join(said) if missing[role] else "words " + said[0])
    return Finding("lexical", value, reasons, marks, features=_features(lacks))
