"""The words of a bead's sides as the lexical component sees them: lemmas, and which words count.

English words are lemmatised with lemminflect (MIT, its lexicon inside the
wheel; "sold" → "sell", "rains" → "rain"), Russian ones with pymorphy3 (every
likely reading: "стали" is "стать" and "сталь"; ё read as е).  A word *counts*
— its missing counterpart is evidence — when it is a content word (noun,
adjective, verb, adverb) the dictionary knows, and not a name, a number, a
function word or a light verb; adverbs and particles a translation often leaves
implicit ("also", "ещё") and verbs of saying count :data:`MINOR`.

:class:`Family` answers whether a Russian lemma, or one of its family (the other
aspect, a derivation), is in a set of lemmas.  Both libraries are loaded on
first use, never at import.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from .dictionary import Dictionary
from .gazetteer import concept
from .tokens import SideText, Word

_RU_CONTENT = {"NOUN", "ADJF", "ADJS", "COMP", "VERB", "INFN", "PRTF", "PRTS", "GRND", "ADVB"}
#: Russian parts of speech that never answer an English content word.
_RU_GRAMMAR = {"PREP", "CONJ", "NPRO", "INTJ"}
_RU_NAME_TAGS = {"Name", "Surn", "Patr", "Geox", "Orgn", "Trad", "Abbr", "Init"}
#: Russian lemmas whose translation is free: auxiliaries, light verbs, pronominal words.  Never flagged.
_RU_LIGHT = set("""
быть являться стать становиться мочь смочь удаться иметь весь свой который такой этот тот какой сам самый есть
один другой каждый мистер миссис мисс господин госпожа сэр доктор
""".split())
#: Russian adverbs and particles that a translation may leave implicit: flagged at :data:`MINOR`.
_RU_MINOR = set("""
также тоже еще уже очень так там здесь тут теперь сейчас тогда когда где как почему более менее нужно можно
надо кроме лишь только даже именно поэтому затем потом далее вновь снова сначала вообще всегда никогда
иногда часто всего почти около много мало несколько больше меньше наиболее довольно слишком совсем
особенно однако ранее позже впервые опять вместе сразу скоро давно недавно вскоре примерно пока
сегодня вчера завтра во-первых во-вторых в-третьих наконец
заявить сказать сообщить отметить подчеркнуть добавить рассказать говорить пояснить признать заметить утверждать
""".split())
#: Russian nouns (and one adjective) that, after their preposition, make a prepositional or parenthetic
#: locution ("в результате", "по поводу", "к сожалению", "до сих пор"): a translation says them with a
#: preposition or an adverb ("after", "about", "unfortunately", "still") or not at all, so they count
#: :data:`MINOR`.  Among the most frequent uncovered Russian words of NTREX-128's professional translations
#: (``benchmarks/lexical_coverage.py --top``).
_RU_LOCUTIONS = {
    "в": {"результат", "течение", "качество", "связь", "случай", "рамка", "ход", "итог", "целое", "число",
          "настоящий", "частность", "отличие", "вид", "свой", "момент", "время"},
    "во": {"время", "избежание"},
    "по": {"повод", "мера", "данные", "слово", "мнение", "сравнение", "причина", "отношение", "словам", "итог"},
    "к": {"сожаление", "счастие", "счастье", "пример"},
    "до": {"пора"},
    "сих": {"пора"},
    "за": {"счет", "исключение"},
    "со": {"счет", "сторона"},
    "с": {"помощь", "учет", "целое", "точка", "счет"},
    "при": {"помощь", "условие"},
    "на": {"основа", "самый", "протяжение", "время"},
    "таким": {"образ"},
    "тем": {"самый"},
}
#: Verbs of saying, one class across the languages: a translator picks "заявил", "сообщил" or "отметил" for
#: "said", "told" or "added" as the style asks, so any of them answers any other (the most frequent uncovered
#: Russian word of NTREX-128 is "заявил", for "said"); English nouns of saying too ("made the announcement",
#: "a statement": "заявил").
_RU_SAY = set("""
заявить заявлять сказать говорить сообщить сообщать сообщаться отметить отмечать подчеркнуть подчеркивать
добавить добавлять рассказать рассказывать пояснить пояснять признать признавать заметить замечать утверждать
объявить объявлять объяснить объяснять указать указывать высказаться назвать называть
""".split())
_EN_SAY = set("""
say tell state add note announce claim report explain stress insist declare remark mention comment observe
point describe call admit announcement statement declaration explanation
""".split())
#: English words that carry grammar, not content: never compared.
_EN_FUNCTION = set("""
a an the this that these those there here it its it's he she they we you i me him her us them my your his
our their mine yours hers ours theirs who whom whose which what when where why how whether if then than
and or but nor for of in on at by to from with without into onto upon over under about above below
between among through during before after since until till against across along around behind beyond
within toward towards per via as near beside besides despite except inside outside throughout amid
out up off down away back
be is are was were been being am do does did done doing have has had having will would shall should can
could may might must ought not no yes n't 's 'll 'd 're 've 'm
such both either neither each every all any some none other another same own one ones something anything
nothing everything someone anyone everyone nobody somebody mr mrs ms dr etc ie eg vs
myself yourself himself herself itself ourselves yourselves themselves according
""".split())
#: English adverbs a translation may leave implicit: compared, and flagged at :data:`MINOR`.
_EN_MINOR = set("""
also just very too so only even still already yet again now once ever never always often quite rather
really much many more most less least well however thus therefore hence though although while because
unless lot lots few several especially mostly previously earlier later soon recently together first
today yesterday tomorrow about around approximately nearly almost add adds added state states stated
firstly secondly thirdly finally lastly
""".split())
#: English light verbs and general nouns: compared as sources (they may translate a Russian word) but never
#: flagged.
_EN_LIGHT = set("""
get make take give go come put set keep let say tell become seem happen include use want need try
like way thing things time times part kind sort
""".split())
#: Russian verbal prefixes: "продемонстрировать" is "демонстрировать" in the other aspect.
_RU_PREFIXES = ("недо", "пере", "подо", "разо", "обо", "ото", "про", "при", "пре", "под", "раз", "рас", "вос",
                "воз", "над", "вз", "вс", "во", "вы", "за", "на", "об", "от", "по", "до", "из", "ис", "со",
                "с", "в", "о", "у")
#: The shortest common beginning that makes two Russian lemmas one family.
_STEM = 5
#: How much shorter than the shorter lemma that beginning may be.
_STEM_SLACK = 4
#: How much an uncovered minor word (an adverb or particle of :data:`_RU_MINOR`, :data:`_EN_MINOR`) counts.
MINOR = 0.3


def _yo(s: str) -> str:
    return s.replace("ё", "е")


@dataclass(frozen=True)
class _Ru:
    lemmas: frozenset[str]
    content: bool
    name: bool
    grammar: bool = False  # a preposition, conjunction, pronoun or interjection
    ordinal: bool = False  # "второй", "третьей": an ordinal number, the numbers component's


@lru_cache(maxsize=1)
def _morph() -> Any:
    from .tense import _morph as morph
    return morph()


@lru_cache(maxsize=131072)
def _ru(word: str) -> _Ru:
    parses = _morph().parse(word)
    if not parses:
        return _Ru(frozenset(), False, False, True)
    best = parses[0]
    lemmas = frozenset(_yo(p.normal_form) for p in parses[:4] if p.score >= best.score * 0.3)
    tag = best.tag
    content = tag.POS in _RU_CONTENT and "Apro" not in tag
    name = any(g in tag for g in _RU_NAME_TAGS)
    return _Ru(lemmas, content, name, tag.POS in _RU_GRAMMAR and "Prnt" not in tag, "Anum" in tag)


@lru_cache(maxsize=1)
def _lemminflect() -> Any:
    import lemminflect
    return lemminflect


@lru_cache(maxsize=131072)
def _en(word: str) -> tuple[str, ...]:
    """The lemmas of an English word (lower case), the word itself first."""
    out = [word]
    for lemmas in _lemminflect().getAllLemmas(word).values():
        out += [lem for lem in lemmas if lem not in out]
    if word.endswith("'s") and word[:-2] not in out:
        out.append(word[:-2])
    return tuple(out)


_RU_KINDS = {"NOUN": "noun", "ADJF": "modifier", "ADJS": "modifier", "COMP": "modifier", "ADVB": "modifier",
             "PRED": "modifier", "VERB": "verb", "INFN": "verb", "PRTF": "verb", "PRTS": "verb", "GRND": "verb"}
_EN_KINDS = {"NOUN": "noun", "PROPN": "noun", "VERB": "verb", "AUX": "verb", "ADJ": "modifier", "ADV": "modifier"}


@lru_cache(maxsize=131072)
def kinds(word: str, lang: str) -> frozenset[str]:
    """The kinds a word (lower case) may be: "noun", "verb" (participles and verbal adverbs too), "modifier"
    (adjective, adverb); pymorphy3's best reading for Russian, every reading lemminflect knows for English,
    except that an English word with an adjective or adverb reading is a modifier only."""
    if lang == "ru":
        parses = _morph().parse(word)
        kind = _RU_KINDS.get(str(parses[0].tag.POS)) if parses else None
        return frozenset({kind} if kind else ())
    got = frozenset(k for pos in _lemminflect().getAllLemmas(word) if (k := _EN_KINDS.get(pos)))
    # a word that may be an adjective or adverb is one ("international", "main", "local" have noun readings)
    return frozenset({"modifier"}) if "modifier" in got else got


def is_name(word: Word) -> bool:
    """Capitalised inside a sentence, or an acronym: left to the names component."""
    return (word.capitalised and not word.initial) or word.all_caps


_EN_MONTHS = set("january february march april may june july august september october november december".split())
#: Numbers are the numbers component's: English number words are never compared.
_EN_NUMBERS = set("""
zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion
dozen dozens hundreds thousands millions billions half quarter second third fourth fifth sixth seventh eighth ninth
tenth
""".split())
#: Nouns that belong to a number next to them ("2020 year", "5 miles", "7 a.m."): left to the numbers component.
_EN_NUMBER_NOUNS = {"year", "years", "percent", "cent", "mile", "miles", "km", "kilometres", "kilometers",
                    "metres", "meters", "dollars", "pounds", "euros", "degrees", "hours", "minutes", "days",
                    "weeks", "months", "old"}
_RU_MONTHS = {"январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
              "ноябрь", "декабрь"}
#: Number words, currencies and months: always the numbers component's.
_RU_NUMBER_WORDS = {"тысяча", "миллион", "миллиард", "триллион", "сотня", "десяток", "десятка", "доллар", "фунт",
                    "стерлинг", "евро", "рубль", "цент", "копейка"} | _RU_MONTHS
#: Nouns that belong to a number next to them ("2020 года", "7 утра", "5 км").
_RU_NUMBER_LEMMAS = {"год", "процент", "утро", "вечер", "час", "минута", "километр", "метр", "миля", "градус", "день",
                     "неделя", "месяц", "летний", "лет"}


def _next_to_digit(side: SideText, word: Word) -> bool:
    """Whether a digit stands within two characters of the word ("2020 года", "4 млн", "$5 million")."""
    before, after = side.text[max(0, word.start - 3):word.start], side.text[word.end:word.end + 3]
    return any(c.isdigit() for c in before + after)


def _number_compound(side: SideText, word: Word) -> bool:
    """A word joined to a number by a hyphen ("10-year-old", "10-летний"): the numbers component's."""
    return word.start >= 2 and side.text[word.start - 1] == "-" and side.text[word.start - 2].isdigit()


@dataclass
class Token:
    """A word of a side: its dictionary keys, how much its missing counterpart counts, its role."""

    word: Word
    keys: tuple[str, ...]  # English: dictionary headwords; Russian: lemmas (ё as е)
    weight: float  # how much a missing counterpart counts (0: not at all)
    function: bool = False  # an English function word: it may translate only a minor Russian word
    partner: bool = True  # a Russian word that may answer an English content word (no preposition, conjunction)
    derived: tuple[str, ...] = ()  # English: headwords of the word's base ("rescuers" → "rescue"), see _bases
    say: bool = False  # a verb of saying (_RU_SAY, _EN_SAY): any one answers any other


def english(side: SideText, dictionary: Dictionary) -> list[Token]:
    tokens = []
    for w in side.words:
        low = w.lower.replace("’", "'")
        if low.endswith("n't") or (low.endswith(("'s", "'re", "'ve", "'ll", "'d", "'m"))
                                    and low.split("'")[0] in _EN_FUNCTION):
            continue  # don't, he's, they're, it'll
        if len(low) < 2 or not low.isascii() or low in _EN_NUMBERS or _number_compound(side, w):
            continue
        if low in _EN_FUNCTION:
            tokens.append(Token(w, tuple(h for h in _en(low) if h in dictionary), 0.0, True))
            continue
        lemmas = list(_en(low))
        lemmas += [b for lem in lemmas if lem not in dictionary for b in _british(lem) if b not in lemmas]
        if "-" in low:  # "ex-husband", "well-known": the parts too
            lemmas += [lem for part in low.split("-") if len(part) > 2 and part not in _EN_FUNCTION
                       for lem in _en(part)]
        heads = tuple(dict.fromkeys(h for h in lemmas if h in dictionary))
        if not heads or is_name(w) or set(lemmas[:3]) & _EN_LIGHT or low in _EN_MONTHS \
                or (low in _EN_NUMBER_NOUNS and _next_to_digit(side, w)) or _per_cent(side, w):
            weight = 0.0
        else:
            weight = MINOR if low in _EN_MINOR else 1.0
        derived = tuple(dict.fromkeys(b for lem in lemmas for b in _bases(lem, dictionary) if b not in heads))
        tokens.append(Token(w, heads, weight, False, derived=derived, say=bool(set(lemmas) & _EN_SAY)))
    return tokens


#: English derivational suffixes, with what the base may end in instead: "rescuer" → "rescue",
#: "announcement" → "announce", "cloudy" → "cloud", "happily" → "happy", "shipping" → "ship".
_EN_SUFFIXES = ("ments", "ment", "ness", "ations", "ation", "ions", "ion", "ers", "er", "ors", "or", "ists", "ist",
                "ism", "ity", "ities", "ally", "ily", "ly", "ical", "ic", "al", "ive", "ance", "ence", "ful", "ings",
                "ing", "ies", "y", "able", "ible", "ship", "hood", "ize", "ise", "ized", "ised", "ous", "ant", "ent")


@lru_cache(maxsize=131072)
def _bases(lemma: str, dictionary: Dictionary) -> tuple[str, ...]:
    """Headwords an English word derives from by a suffix (:data:`_EN_SUFFIXES`): its translations are the
    word's family's ("rescuers" / "спасатели" through "rescue" / "спасать").  Bases of three letters or
    fewer are not tried."""
    out = []
    for suffix in _EN_SUFFIXES:
        if not lemma.endswith(suffix) or len(lemma) - len(suffix) < 4:
            continue
        base = lemma[:-len(suffix)]
        for cand in (base, base + "e", base + "y", base[:-1] if len(base) > 4 and base[-1] == base[-2] else ""):
            if cand and cand != lemma and cand in dictionary and cand not in _EN_FUNCTION and cand not in out:
                out.append(cand)
    return tuple(out)


#: American spellings and the British ones Mueller's dictionary uses: "behavior" → "behaviour",
#: "theater" → "theatre", "organize" → "organise", "defense" → "defence", "analyze" → "analyse",
#: "catalog" → "catalogue", "traveled" → "travelled" (already a lemma: "travel").
_BRITISH = (("or", "our"), ("ors", "ours"), ("er", "re"), ("ers", "res"), ("ize", "ise"), ("izes", "ises"),
            ("ization", "isation"), ("yze", "yse"), ("ense", "ence"), ("og", "ogue"), ("ogs", "ogues"),
            ("am", "amme"), ("eled", "elled"), ("eling", "elling"), ("ler", "ller"))


@lru_cache(maxsize=65536)
def _british(word: str) -> tuple[str, ...]:
    """The British spellings an American one may have (:data:`_BRITISH`), each only where it differs."""
    return tuple(word[:-len(a)] + b for a, b in _BRITISH if word.endswith(a) and len(word) > len(a) + 2)


def _per_cent(side: SideText, word: Word) -> bool:
    """"cent" of "40 per cent": the numbers component's."""
    return word.lower == "cent" and side.text[max(0, word.start - 4):word.start].lower() == "per "


def russian(side: SideText, dictionary: Dictionary) -> list[Token]:
    tokens = []
    previous = ""
    for w in side.words:
        low, before, previous = w.lower, previous, w.lower
        if not any("а" <= c <= "я" or c == "ё" for c in low):
            continue
        r = _ru(low)
        if not r.lemmas or _number_compound(side, w):
            continue
        weight = 0.0
        if is_name(w) or (r.name and w.capitalised) or r.lemmas & _RU_LIGHT or r.ordinal:
            pass
        elif r.lemmas & _RU_MINOR or r.lemmas & _RU_LOCUTIONS.get(before, set()):
            weight = MINOR
        elif r.lemmas & _RU_NUMBER_WORDS or (r.lemmas & _RU_NUMBER_LEMMAS and _next_to_digit(side, w)):
            pass
        elif r.content and (_known(r.lemmas, dictionary.russian) or concept(low, "ru")):
            weight = 1.0
        partner = not r.grammar or bool(r.lemmas & (_RU_MINOR | _RU_LIGHT)) or is_name(w)
        tokens.append(Token(w, tuple(sorted(r.lemmas)), weight, False, partner, say=bool(r.lemmas & _RU_SAY)))
    return tokens


def _known(lemmas: frozenset[str], known: frozenset[str]) -> bool:
    return any(lem in known or _strip_prefix(lem) & known for lem in lemmas)


@lru_cache(maxsize=262144)
def _strip_prefix(lemma: str) -> frozenset[str]:
    """The lemma without each verbal prefix it may start with ("продемонстрировать" → "демонстрировать")."""
    return frozenset(lemma[len(p):] for p in _RU_PREFIXES if lemma.startswith(p) and len(lemma) - len(p) >= _STEM)


#: Russian derivational suffixes before an adjective's ending, and noun, adjective and adverb endings:
#: "мировой" and "мир", "ранее" and "ранний", "военный" and "военные" share the root :func:`_root` finds.
_ADJ_SUFFIXES = ("ическ", "еск", "ск", "енн", "онн", "ов", "ев", "н")
_ADJ_ENDINGS = ("ый", "ий", "ой")
_OTHER_ENDINGS = ("ость", "ство", "ее", "ие", "ия", "а", "я", "о", "е", "ь", "й")
#: The shortest root :func:`_root` gives.
_ROOT = 3


@lru_cache(maxsize=262144)
def _root(lemma: str) -> str:
    """A Russian lemma without its ending and an adjective's derivational suffix ("мировой" → "мир",
    "ранний" → "ран", "ранее" → "ран", "мир" → "мир"); "" when that leaves fewer than :data:`_ROOT`
    letters.  Relational adjectives, their nouns and comparative adverbs of short stems, which
    :class:`Family`'s common beginning (five letters at least) does not join."""
    stem = lemma
    for ending in _ADJ_ENDINGS:
        if stem.endswith(ending):
            stem = stem[:-len(ending)]
            for suffix in _ADJ_SUFFIXES:
                if stem.endswith(suffix) and len(stem) - len(suffix) >= _ROOT:
                    stem = stem[:-len(suffix)]
                    break
            break
    else:
        for ending in _OTHER_ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= _ROOT:
                stem = stem[:-len(ending)]
                break
    if stem.endswith("н") and len(stem) > _ROOT:  # "ранний", "поздно", "облачность": the suffix н
        stem = stem[:-1]
    return stem if len(stem) >= _ROOT else ""


class Family:
    """A set of Russian lemmas that answers "is this lemma, or one of its family, here?": the lemma
    itself, the same lemma after a verbal prefix (one of the two bare: "сделать" for "делать", but not
    "область" for "власть", two prefixes on one stem), a common beginning of at least :data:`_STEM`
    letters that is at most :data:`_STEM_SLACK` letters short of the shorter lemma, or the same root
    (:func:`_root`: "мировой" for "мир", "ранее" for "ранний")."""

    def __init__(self, lemmas: set[str] | frozenset[str]) -> None:
        self.exact = lemmas

    @classmethod
    def union(cls, families: Iterable[Family]) -> Family:
        """One family of the lemmas of ``families``: their prefixless forms and roots (made once for each,
        when they are kept: :func:`align.divergence.lexical._head_family`) joined, not made again."""
        parts = list(families)
        if len(parts) == 1:
            return parts[0]
        out = cls(frozenset().union(*(f.exact for f in parts)))
        out.__dict__["stripped"] = frozenset().union(*(f.stripped for f in parts))
        out.__dict__["roots"] = frozenset().union(*(f.roots for f in parts))
        return out

    # made when first asked (many families answer from their exact lemmas, or are never asked)
    @cached_property
    def sorted(self) -> list[str]:
        return sorted(self.exact)

    @cached_property
    def stripped(self) -> frozenset[str]:
        return frozenset(s for lem in self.exact for s in _strip_prefix(lem))

    @cached_property
    def roots(self) -> frozenset[str]:
        return frozenset(r for lem in self.exact if (r := _root(lem)))

    def has(self, lemma: str) -> bool:
        got = self._asked.get(lemma)
        if got is None:
            got = self._asked[lemma] = self._has(lemma)
        return got

    @cached_property
    def _asked(self) -> dict[str, bool]:
        """:meth:`has`'s answers so far (a family kept for a word is asked about the same lemmas again)."""
        return {}

    def _has(self, lemma: str) -> bool:
        if lemma in self.exact or lemma in self.stripped:
            return True
        root = _root(lemma)
        if root and root in self.roots:
            return True
        if _strip_prefix(lemma) & self.exact:  # one of the two prefixed, not both ("область" is no "власть")
            return True
        i = bisect.bisect_left(self.sorted, lemma[:_STEM])
        while i < len(self.sorted) and self.sorted[i].startswith(lemma[:_STEM]):
            other = self.sorted[i]
            if _common(lemma, other) >= max(_STEM, min(len(lemma), len(other)) - _STEM_SLACK):
                return True
            i += 1
        return False

    def any(self, lemmas: Iterable[str]) -> bool:
        return any(self.has(lem) for lem in lemmas)


def _common(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
