"""Proper names present on one side and missing, or different, on the other.

Candidates are capitalised words that do not open a sentence, and acronyms,
minus a stop list of words that are capitalised in names but translated as
common words ("Grand", "Assembly", "Великого", "Ազգային").  Consecutive
candidates form one name ("Mustafa Kemal").  "No." before a number is the
number sign; a full stop after a title or an initial ("Mr.", "A.") opens no
sentence (:func:`.tokens.find_words`).

Names need evidence, not capitals: a name all of whose words are ordinary
words of the language in lower case (:mod:`.lexicon`: "Legation", "Treasury",
"Ways", "Союзной") counts only when the other side has a missing name of its
own (it marks one too), and then only a little.

A name is found on the other side when one of its words

- folds to the same Latin key as any word there (any case), after the case
  endings of both are set aside — ``"Бамматову"`` ~ ``"Bamatov"``,
  ``"Նախիջևանի"`` ~ ``"Nakhichevan"``, ``"Шушинскому"`` ~ ``"Shusha"`` (see
  :mod:`.translit`), tolerating one or two letters' difference; or
- names the same place or body in the :mod:`.gazetteer` (Georgia / Грузия /
  Վրաստան, UN / ООН / ՄԱԿ, Angora / Анкара), or the same territory or
  language in CLDR (:func:`.gazetteer.territory`); or
- is listed with a word of the other side in the names list (:mod:`.terms`); or
- appears verbatim; or
- sounds like one of the names the other side leaves unfound, or one of its
  sentence-opening words (:func:`sounds_alike`: "Vettel" / "Феттеля", "Utah" /
  "Юты", "Farage" / "Ֆարաժը"); or, last,
- the encoder takes it for a missing name or a sentence-opening word of the
  other side (:mod:`.namecheck`).

A name none of whose words is found counts fully; a name some of whose words
are found ("Russian Knights" / "Русские Витязи"), and an acronym that is not
found (acronyms are often spelt out: "АПЛ" / "Premier League"), count a little;
so do names of institutions (a run of capitals holding a common word, "House
Judiciary Committee", or opened by an adjective, "Юридическим комитетом" —
such names are translated, not transliterated), the names of a side in Title
Case (a heading), and those of a side facing an unmatched acronym (likely its
expansion).  The features keep a replaced name (a proper name, not a common
word in capitals, missing on both sides) apart from a name on one side only.
Three floors keep a bead in the review queue whatever the weights: a person's
name replaced (:data:`PERSON_FLOOR`), any proper name replaced
(:data:`REPLACED_FLOOR`) and a person's full name one side drops whole
(:data:`DROPPED_FLOOR`, :mod:`.fullnames`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Literal

from ..languages import EAST_SLAVIC, RULES_LANGUAGE
from ..records import Mark
from .base import Finding, evidence, quote
from .fullnames import full_name
from .gazetteer import concept, territory
from .lexicon import ordinary
from .namecheck import NameCheck
from .terms import TermList
from .tokens import SideText, Word
from .translit import name_key, sound_keys, to_latin

_EN_STOP = set("""
i i'm i've i'll i'd mr mrs ms dr prof sir madam lord lady st saint mount lake river sea ocean island
islands cape bay gulf street avenue road square bridge north south east west northern southern eastern
western central upper lower great grand greater high supreme national international federal state
states united union republic kingdom empire federation confederation commonwealth council committee
commission commissariat ministry minister ministers department office bureau agency service government
parliament assembly congress senate court party army navy air force forces guard church university
college school academy institute museum library hospital bank company corporation group center centre
association society foundation organization organisation president vice prime chairman chair speaker
secretary general colonel captain major lieutenant sergeant admiral marshal commander chief head king
queen prince princess emperor empress tsar czar sultan shah pope patriarch bishop father mother day
year new old first second third red white black green blue foreign affairs internal defence defense
interior justice finance education health god internet web people people's peoples temporary
provisional democratic socialist communist revolutionary liberal conservative labour labor social
public royal imperial holy catholic world war revolution treaty conference declaration constitution
monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
tv ok am pm bc ad ceo covid the all of and in on at to for by with from
league cup championship club team prize award festival parade main technical culture sport sports
media digital assistant deputy director premier member members officer presiding spokesman
spokeswoman hurricane storm typhoon republican republicans democrat democrats tory tories liberals
greens independent rev gen col capt lt sgt gov sen rep jr sr mt ft vol mme mlle herr messrs co quai
county det detective insp inspector supt superintendent judge
tvs atm atms hiv aids dna ai gmt bst
""".split())
#: Titles of people: not names themselves, and not the mark of an institution's name.
_EN_TITLES = set("""
mr mrs ms dr prof sir madam lord lady st saint president vice prime minister chairman speaker secretary
general colonel captain major lieutenant sergeant admiral marshal commander chief king queen prince
princess emperor empress tsar czar sultan shah pope patriarch bishop father mother rev gen col capt lt
sgt gov sen rep jr sr mme mlle herr messrs deputy director assistant spokesman spokeswoman member officer
det detective insp inspector supt superintendent judge
""".split())
_RU_TITLES = ("президент", "генерал", "премьер", "председател", "корол", "цар", "императ", "княз", "свят",
              "св", "министр")
_HY_TITLES = ("նախագահ", "վարչապետ", "գեներալ", "թագավոր", "թագուհի", "կայսր", "արքա", "իշխան", "սուրբ",
              "սբ", "պրն", "տիկ", "նախարար")
#: Function words: written with a capital only where a sentence starts (one the splitter missed).
_FUNCTION = set("""
the a an this that these those if but and or so it its he she they we you there there's what when where
how who why which while as at in on by for to of with from after before since because though although
если есть это этот эта эти что как когда где но и а или он она оно они мы вы я в на по с к у о из за
для не все всё так там тут вот уже еще ещё да нет бы же ли чтобы потому после до при
եթե բայց և ու կամ նա նրանք մենք դուք ես այս այդ այն որ ինչ երբ որտեղ ինչպես ով թե իսկ
""".split())
#: Short words that may sit inside a hyphenated title ("Commander-in-Chief").
_JOINERS = {"in", "of", "de", "la", "at", "on", "and", "the"}

# Russian and Armenian: stems of common words written with a capital in names.
_RU_STOP_STEMS = tuple("""
вы вас вам вами ваш велик верховн государствен национальн центральн народн красн бел черн чёрн нов
стар северн южн восточн западн верхн нижн перв втор трет главн высш объединен объединён соединен
соединён организаци республик министерств министр правительств дум собрани парти арми флот
университет академи институт банк компани управлени служб комитет комиссариат федераци союз
королевств импери свят президент премьер генерал ден дн госпо бог временн международн всемирн
революци войн договор конференци декларац конституци демократ социалист коммунист
председател корол цар императ княз военн морск минобор лиг кубк чемпионат член ассамбле парламент комисси
суд совет св г гг им интернет кэ
сми мид вич спид запад
""".split())
_HY_STOP_STEMS = tuple("""
դուք ձեզ ձեր մեծ ազգային գերագույն կենտրոնական ժողովրդական կարմիր սպիտակ սև նոր հին հյուսիսային
հարավային արևելյան արևմտյան առաջին երկրորդ երրորդ միացյալ հանրապետություն նախարարություն նախարար
կառավարություն ժողով կուսակցություն բանակ համալսարան ակադեմիա ինստիտուտ բանկ ընկերություն կոմիտե
կոմիսարիատ դաշնություն միություն թագավորություն կայսրություն սուրբ նախագահ վարչապետ գեներալ օր
աստված ժամանակավոր միջազգային համաշխարհային հեղափոխություն պատերազմ պայմանագիր
թագավոր թագուհի կայսր արքա իշխան զինվորական ռազմածովային լիգա գավաթ առաջնություն անդամ
ասամբլեա պառլամենտ խորհրդարան հանձնաժողով դատարան սբ պրն տիկ ընկ քե
ձիահ միավ տտ արևմուտք
""".split())

_RU_INFLECTIONS = frozenset("""
- а я у ю е и ы о ь й ом ем ём ой ей ый ий ая яя ое ее ые ие ого его ому ему ым им ых их ыми ими ую юю
ам ям ами ями ах ях ов ев
""".split()) | {""}
_HY_INFLECTIONS = frozenset("ի ը ն ում ից ով ին եր երը երի երին ներ ները ների ներին".split()) | {""}

_RU_ENDINGS = tuple(sorted("""
ами ями ого его ому ему ыми ими ой ей ом ем ам ям ах ях ов ев ую юю ая яя ое ее ые ие ых их а я у ю е ы и о ь й
""".split(), key=len, reverse=True))
_RU_ADJ = ("инск", "енск", "овск", "евск", "ск", "цк")
_HY_ENDINGS = tuple(sorted("""
ները ների ներին ներից ներով ներում երը երի երին երից երով երում յի յին յից յով յում ով ում ից ին ի ը ն
""".split(), key=len, reverse=True))

#: Share of a full miss that a partly found name counts for.
PARTIAL = 0.3
#: Value of one missing name alone.
FIRST = 0.45
#: The least score of a bead whose person's name (after a title or an initial) is replaced by another:
#: the review threshold (:data:`align.divergence.DEFAULT_REVIEW_THRESHOLD`).
PERSON_FLOOR = 0.5
#: The least score of a bead where each side has a proper name the other lacks, none of it found by any
#: rule, the names list or the encoder ("the valley of the Chorokh" / "долину Аракса"), or where a place or
#: people one side names faces another in a lower-case word on the other ("Georgian" / "армянское"): a fact
#: changed, which a historian must see, though too rare in the labelled data for a weight of its own.
#: It decides 0.7% of NTREX-128 en–ru lines and 1.8% of en–hy lines, flagged by it alone (benchmarks/floors.py;
#: BENCHMARKS.md, "Changed facts caught").
REPLACED_FLOOR = 0.5
#: The least score of a bead where one side names a person in full (a first name and a surname: "Вероника
#: Степанова", "Veronika Stepanova") and the other side drops the name, no word of it found by any rule, the
#: names list or the encoder (:mod:`.fullnames`): who did or said it is lost.
DROPPED_FLOOR = 0.5


def _is_stop(word: Word, lang: str) -> bool:
    """A common word written with a capital (every part of a hyphenated word must be one)."""
    return _stop_word(word.lower, lang)


@lru_cache(maxsize=65536)
def _stop_word(lower: str, lang: str) -> bool:
    """:func:`_is_stop` of a word in lower case (looked up once per word)."""
    if lower.replace("’", "'") in _FUNCTION:
        return True
    parts = lower.replace("’", "'").split("-")
    if lang == "en" or lang not in ("ru", "hy"):
        return all(p in _EN_STOP or p in _JOINERS or (p.endswith("'s") and p[:-2] in _EN_STOP)
                   for p in parts)
    stems, endings = (_RU_STOP_STEMS, _RU_INFLECTIONS) if lang == "ru" else (_HY_STOP_STEMS, _HY_INFLECTIONS)
    return all(any(_stem_of(p, stem, endings) for stem in stems) for p in parts)


def _is_title(word: Word, lang: str) -> bool:
    """A title before a person's name ("President", "генерал", "նախագահ"): no institution."""
    return _title_word(word.lower, lang)


@lru_cache(maxsize=65536)
def _title_word(lower: str, lang: str) -> bool:
    """:func:`_is_title` of a word in lower case (looked up once per word)."""
    w = lower.rstrip(".")
    if lang in EAST_SLAVIC:
        return any(_stem_of(w, t, _RU_INFLECTIONS) for t in _RU_TITLES)
    if lang == "hy":
        return any(_stem_of(w, t, _HY_INFLECTIONS) for t in _HY_TITLES)
    return w in _EN_TITLES


def _stem_of(word: str, stem: str, endings: frozenset[str]) -> bool:
    """Whether ``word`` is ``stem`` with an ending: any short one for long stems, a known
    inflection for short stems (so "ден-ь" is a stop word and "Денис" is not)."""
    if not word.startswith(stem):
        return False
    rest = word[len(stem):]
    return len(rest) <= 4 if len(stem) >= 5 else rest in endings


@lru_cache(maxsize=65536)
def stems(word: str, lang: str) -> tuple[tuple[str, bool], ...]:
    """Latin keys of a word and of its stems without case endings: (key, is_short_stem)."""
    w = word.lower().replace("’", "'")
    if "-" in w:  # Санкт-Петербурге, Pan-Turkic: each part on its own, and the whole
        keys: dict[str, bool] = dict(stems(w.replace("-", ""), lang))
        for part in w.split("-"):
            if len(part) >= 3:
                keys.update(stems(part, lang))
        return tuple(sorted(keys.items()))
    keys = {}
    for f in _forms(word, lang):
        k = name_key(f)
        if len(k) >= 2:
            keys[k] = keys.get(k, True) and len(f) < len(w)
    return tuple(sorted(keys.items()))


@lru_cache(maxsize=65536)
def _forms(word: str, lang: str) -> tuple[str, ...]:
    """A word (no hyphen) in lower case and its stems without the case endings of ``lang``."""
    w = word.lower().replace("’", "'")
    forms = {w}
    if lang in EAST_SLAVIC:
        for e in _RU_ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= 3:
                forms.add(w[: -len(e)])
                break
        for f in list(forms):
            for a in _RU_ADJ:
                if f.endswith(a) and len(f) - len(a) >= 3:
                    forms.add(f[: -len(a)])  # Шушинск → Шуш, Московск → Моск
                    break
    elif lang == "hy":
        for e in _HY_ENDINGS:
            if w.endswith(e) and len(w) - len(e) >= (2 if len(e) == 1 else 3):
                forms.add(w[: -len(e)])  # Նախիջևանի, and short names too: Լին → Լի
        forms.update(f[:-3] for f in list(forms) if f.endswith("ական") and len(f) > 6)
    else:
        if w.endswith("'s"):
            forms.add(w[:-2])
        elif w.endswith("s") and (len(w) > 4 or word[:-1].isupper()):
            forms.add(w[:-1])  # Turks, MWPs
        for e in ("ian", "ean", "ese", "ish", "an"):
            if w.endswith(e) and len(w) - len(e) >= 4:
                forms.add(w[: -len(e)])  # Korean / корейский, Chilean / чилийский
                break
    return tuple(sorted(forms))


def _close(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most ``limit`` (small limits only)."""
    if abs(len(a) - len(b)) > limit:
        return False
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        best = i
        for j, cb in enumerate(b, 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            cur.append(v)
            best = min(best, v)
        if best > limit:
            return False
        prev = cur
    return prev[-1] <= limit


#: First letters of two keys that may still be one name although they differ: a soft g (Gerrard / Джеррард),
#: and the vowels transliterations disagree on.
_FIRST_ALIKE = {"g": "kj", "k": "g", "j": "g", "e": "ia", "i": "ea", "a": "ei"}


def _keys_match(a: str, a_short: bool, b: str, b_short: bool) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if la < 3 or lb < 3:
        return False  # two-letter names (Ng, Ли) only match exactly
    short, long_, short_is_stem = (a, b, a_short) if la <= lb else (b, a, b_short)
    ls = len(short)
    if ls == 3:
        if la == lb:
            return a[0] == b[0] and a[2] == b[2]  # Dan / Дэн, Capp / Кэпп: only the vowel differs
        # a three-letter key meets a name that is little more than it: Шуш- / Shusha, Куп / Coupe
        return long_.startswith(short) and len(long_) - ls <= (2 if short_is_stem else 1)
    if ls >= 5 and short in long_:
        return True  # Center / Гидрометцентр
    if a[0] != b[0]:  # neither a beginning of the other nor a common beginning
        if b[0] not in _FIRST_ALIKE.get(a[0], ""):  # Gerrard / Джеррард: a soft g
            return False
    else:
        if long_.startswith(short):
            return True
        common = 0
        for x, y in zip(a, b):
            if x != y:
                break
            common += 1
        if common >= 5 and common >= 0.6 * ls:
            return True  # Hydrometeorological / Гидрометцентр
    if _close(a, b, 1 if ls <= 6 else 2):
        return True
    # vowels are what transliterations disagree on most: Seattle / Сиэтл, Price / Прайс
    sa, sb = _skeleton(a), _skeleton(b)
    if sa == sb:  # Mike / Майк, Bone / Боун need both keys of four letters or more
        return (len(sa) >= 3 or len(long_) >= 4) and abs(la - lb) <= 3
    return len(sa) >= 5 and abs(la - lb) <= 3 and _close(sa, sb, 1)


_VOICE = str.maketrans("zdbg", "stpk")


@lru_cache(maxsize=65536)
def _skeleton(key: str) -> str:
    """The first letter and the consonants of a key, voiced and voiceless alike (Melrose / Мелроуз)."""
    return (key[0] + "".join(c for c in key[1:] if c not in "aeiou")).translate(_VOICE)


@lru_cache(maxsize=262144)
def words_match(a: str, lang_a: str, b: str, lang_b: str) -> bool:
    """Whether word ``a`` (in ``lang_a``) and word ``b`` (in ``lang_b``) can be one name."""
    low_a, concept_a, territory_a, keys_a = _profile(a, lang_a)
    low_b, concept_b, territory_b, keys_b = _profile(b, lang_b)
    if low_a == low_b:
        return True
    if concept_a is not None and concept_a == concept_b:
        return True
    if territory_a is not None and territory_a == territory_b:
        return True
    for ka, sa in keys_a:
        alike = _FIRST_ALIKE.get(ka[0], "")
        for kb, sb in keys_b:
            if ka[0] != kb[0] and kb[0] not in alike:
                # what _keys_match asks of keys whose first letters cannot be one sound: is one inside the other
                if (5 <= len(ka) <= len(kb) and ka in kb) or (5 <= len(kb) < len(ka) and kb in ka):
                    return True
            elif _keys_match(ka, sa, kb, sb):
                return True
    return False


@lru_cache(maxsize=262144)
def loosely_match(a: str, lang_a: str, b: str, lang_b: str) -> bool:
    """Whether two names no rule of :func:`words_match` matches are one all the same, once the sounds one
    script writes and another drops are set aside (:func:`_loose_stems`).  Names only: the lexical
    component's international words keep to :func:`words_match`."""
    for ka, sa in _loose_stems(a, lang_a):
        for kb, sb in _loose_stems(b, lang_b):
            if ka == kb or (min(len(ka), len(kb)) >= 5 and _keys_match(ka, sa, kb, sb)):
                return True
    return False


#: Fewest sound classes a skeleton needs to set one name against another by sound alone; from
#: :data:`SOUND_CLOSE` on, skeletons one class apart are one name too ("Worcestershire" / "Вустершир").
SOUND_LEAST = 2
SOUND_CLOSE = 5


@lru_cache(maxsize=65536)
def _sounds(word: str, lang: str) -> frozenset[tuple[str, int]]:
    """The skeletons (:func:`.translit.sound_keys`) of a word and of its stems without case endings, each with
    the length of the romanised form it came from; each part of a hyphenated word on its own too ("Ла-Пасе")."""
    w = word.replace("’", "'")
    parts = [w.replace("-", "")] + [p for p in w.split("-") if len(p) >= 3] if "-" in w else [w]
    return frozenset((k, len(to_latin(f))) for p in parts for f in _forms(p, lang) for k in sound_keys(f)
                     if len(k) >= SOUND_LEAST)


def _latin_word(word: str) -> bool:
    return not any("\u0400" <= c <= "\u058f" for c in word)


@lru_cache(maxsize=262144)
def sounds_alike(a: str, lang_a: str, b: str, lang_b: str) -> bool:
    """Whether two words may be one name said in two scripts: they share a consonant skeleton
    (:func:`.translit.sound_keys`: "Vettel" / "Феттеля", "Farage" / "Ֆարաժը"), one of two classes only
    between words of about one length ("Utah" / "Юты", not "Warriors" / "Էյրին"); or, long ones, skeletons
    one class apart ("Worcestershire" / "Вустершир"); or the Latin one is the other with a final t, d, s or z
    more (French spellings: "Bouchard" / "Бушар", "Lehaucourt" / "Լեոկուրի").  Far looser than
    :func:`words_match`: only for names no rule found, set against the names left unfound on the other side
    (:func:`_pair_by_sound`)."""
    sa, sb = _sounds(a, lang_a), _sounds(b, lang_b)
    for ka, na in sa:
        for kb, nb in sb:
            if ka == kb and (len(ka) > SOUND_LEAST or abs(na - nb) <= 2):
                return True
    ka_, kb_ = {k for k, _ in sa}, {k for k, _ in sb}
    latin_a, latin_b = _latin_word(a), _latin_word(b)
    if latin_a != latin_b:
        lat, other = (ka_, kb_) if latin_a else (kb_, ka_)
        if any(len(k) > SOUND_LEAST + 1 and k[-1] in "TS" and k[:-1] in other for k in lat):
            return True
    return any(min(len(x), len(y)) >= SOUND_CLOSE and _close(x, y, 1) for x in ka_ for y in kb_)


_LATIN_H = re.compile(r"(?<![kKsScCzZtTpPgGdD])[hH]")
_LEAD_GLIDE = re.compile(r"^[ij](?=[aeiou])")
_GLIDE_AGAIN = re.compile(r"(?<=[^aeiou])i(?=[aeou])")
_LEAD_VOWELS = re.compile(r"^[aeiou]+")


@lru_cache(maxsize=65536)
def _loose_stems(word: str, lang: str) -> tuple[tuple[str, bool], ...]:
    """The keys of :func:`stems` without the sounds transliterations often drop or render apart: an h
    ("Hakobian" / "Акопян", "Henri" / "Անրի"), a leading y-glide ("Յակոբս" / "Jacobs", "Ювентус" /
    "Juventus") and the spelling of a first vowel ("Austin" / "Остин"), which all read as "a"; keys of
    four letters or more only.  Two loose keys match when they are equal, or, from five letters on, as
    two keys would (:func:`_keys_match`): "Omar" and "Амир" stay apart."""
    bare = _LATIN_H.sub("", word).replace("հ", "").replace("Հ", "")
    # only a written first vowel (or glide) reads as "a": a v or w became u in the key ("Vettel", "website")
    vowel = to_latin(bare or word)[:1] in ("a", "e", "i", "o", "u", "y", "j")
    out: dict[str, bool] = {}
    for key, short in stems(bare or word, lang):
        k = _GLIDE_AGAIN.sub("", _LEAD_GLIDE.sub("", key))
        k = _LEAD_VOWELS.sub("a", k) if vowel else k
        k = "".join(c for i, c in enumerate(k) if i == 0 or c != k[i - 1])
        if len(k) >= 4:
            out[k] = out.get(k, True) and short
    return tuple(sorted(out.items()))


@lru_cache(maxsize=65536)
def _profile(word: str, lang: str) -> tuple[str, str | None, str | None, tuple[tuple[str, bool], ...]]:
    """What :func:`words_match` compares of a word, looked up once: its lower case, gazetteer concept, CLDR
    territory and Latin keys (:func:`stems`)."""
    return word.lower(), concept(word, lang), territory(word, lang), stems(word, lang)


def title_case(side: SideText) -> bool:
    """Whether a side reads like a heading in Title Case (nearly all its longer words capitalised)."""
    longer = [w for w in side.words if len(w.text) >= 4]
    return len(longer) >= 5 and sum(w.capitalised for w in longer) / len(longer) > 0.8


_RU_ADJ_SOFT = re.compile(r".*(?:н|ическ|ческ)"
                          r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ых|их|ыми|ими)")
_HY_ADJ_SOFT = re.compile(r".*(?:ական|ային|յին)(?:ի|ը|ն|ում|ից|ով|ին)?")


def _institutional(word: Word, lang: str) -> bool:
    """A capitalised adjective of the kind that opens an institution's name and is translated
    ("Юридический комитет", "Республиканской партии", "Ազգային ժողով")."""
    if lang in EAST_SLAVIC:
        return bool(_RU_ADJ_SOFT.fullmatch(word.lower))
    if lang == "hy":
        return bool(_HY_ADJ_SOFT.fullmatch(word.lower))
    return False


#: "No." / "Nos." before a number is the number sign, not a word ("No. 412", "NO 7").
_NUMBER_SIGN = re.compile(r"\.?\s*\d")
#: All-capital words this long are a heading's shouting, not an acronym ("CONFIDENTIAL", "ԳԱՂՏՆԻ").
SHOUT = 6


def number_sign(word: Word, text: str) -> bool:
    """Whether ``word`` is "No"/"Nos" used as the number sign ("No. 412")."""
    return word.lower in ("no", "nos") and bool(_NUMBER_SIGN.match(text, word.end))


def _acronym(word: Word) -> bool:
    return word.all_caps and len(word.text) < SHOUT


@dataclass(frozen=True)
class Run:
    """A candidate name: consecutive capitalised words of one side.

    ``soft``: it holds a capitalised common word or an institutional adjective
    ("House Judiciary Committee", "Юридическим комитетом"), so its words need
    not transliterate.  ``common``: every word is an ordinary word of the
    language in lower case ("Legation", "Allied Port", "Ways"), so it counts
    only when the other side marks a name too.
    """

    words: tuple[Word, ...]
    soft: bool = False
    common: bool = False
    person: bool = False  # after a title or an initial: "Colonel Mirzoyan", "г-на Кипиани", "A. G. Danielian"

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end


#: Words before a person's name besides the titles (_EN_TITLES, _RU_TITLES, _HY_TITLES): offices and forms of address.
_PERSON_CUES = {"en": ("consul", "engineer", "messrs", "ambassador", "envoy", "delegate", "citizen", "comrade"),
                "ru": ("г-н", "госпож", "господ", "полковник", "консул", "секретар", "инженер", "товарищ", "капитан",
                       "посол", "посланник", "делегат", "гражданин", "подполковник", "майор", "поручик"),
                "hy": ("պարոն", "տիկին", "գնդապետ", "հյուպատոս", "քարտուղար", "ինժեներ", "ընկեր", "դեսպան",
                       "պատվիրակ", "կապիտան", "մայոր")}


def _person_cue(word: Word | None, between: str, lang: str) -> bool:
    """Whether ``word`` (just before a name, ``between`` them) says the name is a person's: a title,
    an office or form of address, or an initial ("A. Ter-Mikaelian")."""
    if word is None or between.strip(" .,") != "":
        return False
    if len(word.text) == 1 and word.text.isupper():
        return True
    w = word.lower.rstrip(".")
    cues = _PERSON_CUES.get(RULES_LANGUAGE.get(lang, "en"), ())
    return _is_title(word, lang) or any(w.startswith(c) for c in cues)


def _candidates(side: SideText) -> list[Run]:
    """Names of a side: runs of consecutive capitalised words (see :class:`Run`)."""
    words = side.words
    if not words or side.script in ("han",):
        return []
    if len(words) >= 4 and sum(w.all_caps for w in words) / len(words) > 0.6:
        return []  # an upper-case heading: capitals say nothing
    if len(words) >= 2 and all(w.all_caps for w in words) and any(len(w.text) >= SHOUT for w in words):
        return []  # ... a short one too ("PRESS COMMUNIQUÉ" / "СООБЩЕНИЕ ДЛЯ ПЕЧАТИ")
    runs: list[Run] = []
    current: list[Word] = []
    soft = False
    person = False
    prev: Word | None = None

    def close() -> None:
        nonlocal current, soft, person
        if current:
            # after a title a capitalised word is a surname, even one the lexicon knows ("Colonel Rose",
            # "Полковник Назарян" — also "of the Nazarenes")
            common = not person and all(ordinary(w.text, side.lang) and concept(w.text, side.lang) is None
                                        for w in current)
            runs.append(Run(tuple(current), soft, common, person))
        current, soft, person = [], False, False

    for w in words:
        capital = w.capitalised and len(w.text) >= 2 and not number_sign(w, side.text)
        gap = side.text[prev.end:w.start] if prev is not None else None
        if not capital or gap is None or gap.strip(" -") != "":
            close()
        if not capital:
            prev = w
            continue
        stop = _is_stop(w, side.lang)
        is_name = (_acronym(w) or not w.initial) and not stop
        is_name = is_name or concept(w.text, side.lang) is not None
        if stop and w.lower.replace("’", "'") not in _FUNCTION and not _is_title(w, side.lang):
            soft = True  # "House Judiciary Committee"; but not "President Putin"
        elif is_name:
            if not current:
                person = _person_cue(prev, gap or "", side.lang)
            current.append(w)
            soft = soft or _institutional(w, side.lang)
        prev = w
    close()
    return runs


def initial_words(side: SideText) -> list[str]:
    """Capitalised words that open a sentence and are no function word nor ordinary word of the
    language: a name may stand there too."""
    return [w.text for w in side.words if w.initial and w.capitalised and len(w.text) >= 3
            and w.lower not in _FUNCTION and not _is_stop(w, side.lang) and not ordinary(w.text, side.lang)]


_DOTTED = re.compile(r"\b(?:[A-Z]\.){2,}")


def _dotted(side: SideText) -> tuple[Word, ...]:
    """Acronyms written with dots ("U.S.", "U.N.") as words without them ("US", "UN")."""
    return tuple(Word(m.group().replace(".", ""), m.start(), m.end(), False) for m in _DOTTED.finditer(side.text))


class _Other:
    """One side as the other side's names are looked up in it: each distinct word is tried once.

    Repeated words and repeated names cost nothing after their first lookup, so a long bead
    (a paragraph that never ends a sentence, a list) is not scored in quadratic time.
    """

    def __init__(self, side: SideText, words: tuple[Word, ...]) -> None:
        self.side = side
        self.words = words
        self.texts = tuple(dict.fromkeys(o.text for o in words if len(o.text) >= 2))
        self._seen: dict[tuple[str, str], bool] = {}

    @cached_property
    def concepts(self) -> set[str]:
        """The gazetteer concepts of the side's words (looked up only when a name is found)."""
        found = {concept(t, self.side.lang) for t in dict.fromkeys(o.text for o in self.words)}
        return {c for c in found if c is not None}

    def has(self, text: str, lang: str) -> bool:
        key = (text, lang)
        if key not in self._seen:
            verbatim = _verbatim(text, self.side.text)
            self._seen[key] = verbatim or any(words_match(text, lang, o, self.side.lang) for o in self.texts) \
                or any(loosely_match(text, lang, o, self.side.lang) for o in self.texts)
        return self._seen[key]


def _verbatim(text: str, within: str) -> bool:
    """Whether ``text`` stands in ``within`` as a whole word: no letter, digit or underscore (the ``\\w`` of
    a regular expression) just before or after it."""
    at = within.find(text)
    while at >= 0:
        end = at + len(text)
        if (at == 0 or not _word_char(within[at - 1])) and (end == len(within) or not _word_char(within[end])):
            return True
        at = within.find(text, at + 1)
    return False


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _found(run: Run, side_lang: str, other: _Other) -> float:
    """1.0 when no word of ``run`` is found on ``other``, PARTIAL when some are, 0 when all are.

    A word found as a known place or body (the gazetteer) accounts for the whole
    name: "United Arab Emirates" is found once "Emirates" meets "ОАЭ".
    """
    hits = 0
    for w in run.words:
        if other.has(w.text, side_lang):
            c = concept(w.text, side_lang)
            if c is not None and c in other.concepts:
                return 0.0
            hits += 1
    if hits == len(run.words):
        return 0.0
    if hits or all(_acronym(w) and concept(w.text, side_lang) is None for w in run.words):
        return PARTIAL  # partly found, or an acronym (often spelt out or rendered differently)
    return 1.0


def _overlaps(run: Run, spans: list[tuple[int, int]]) -> bool:
    return any(a < run.end and run.start < b for a, b in spans)


def _listed(run: Run, side: SideText, other: SideText, terms: TermList) -> tuple[bool | None, str]:
    """What the names list says about a run: found on the other side (True), listed with
    spellings there but none found (False), or nothing (None); and the entry's label."""
    verdict: bool | None = None
    label = ""
    for hit in terms.find(side.text, side.lang):
        if hit.start < run.end and run.start < hit.end:
            has = terms.has(hit.index, other.text, other.lang)
            if has is None:
                continue
            label = terms.entries[hit.index].label()
            if has:
                return True, label
            verdict = False
    return verdict, label


def score(src: SideText, tgt: SideText, *, terms: TermList | None = None,
          check: NameCheck | None = None) -> Finding | None:
    """Flag names of either side that the other side lacks; None when neither side has names.

    ``terms``: the collection's names list (equivalents and never-flag words);
    ``check``: the encoder's last word on names no rule matched.
    """
    runs_s, runs_t = _candidates(src), _candidates(tgt)
    if terms:
        runs_s = [r for r in runs_s if not _overlaps(r, terms.never_flag(src.text, src.lang))]
        runs_t = [r for r in runs_t if not _overlaps(r, terms.never_flag(tgt.text, tgt.lang))]
    if not runs_s and not runs_t:
        return None
    finding = Finding("names", 0.0)
    words_s, words_t = src.words + _dotted(src), tgt.words + _dotted(tgt)
    in_tgt, in_src = _Other(tgt, words_t), _Other(src, words_s)
    misses: dict[int, float] = {}
    listed: dict[int, bool] = {}
    for side, runs, other, look in ((src, runs_s, tgt, in_tgt), (tgt, runs_t, src, in_src)):
        for run in runs:
            verdict, label = _listed(run, side, other, terms) if terms else (None, "")
            if verdict is None:
                misses[id(run)] = _found(run, side.lang, look)
                continue
            listed[id(run)] = True
            misses[id(run)] = 0.0 if verdict else 1.0
            if verdict:
                text = side.text[run.start:run.end]
                finding.notes.append(f"names: {quote(text)} matched through the names list ({quote(label)})")
    if src.lang != tgt.lang:
        _pair_by_sound(src, tgt, runs_s, runs_t, in_tgt, in_src, misses, listed, finding)
    # a common word in capitals ("Legation") is a name only when the other side marks one too
    real = {side is src: any(misses[id(r)] and not r.common for r in runs)
            for side, runs in ((src, runs_s), (tgt, runs_t))}
    for side, runs in ((src, runs_s), (tgt, runs_t)):
        for run in runs:
            if run.common and misses[id(run)] and not listed.get(id(run)) and not real[side is not src]:
                misses[id(run)] = 0.0
    if check is not None and src.lang != tgt.lang:
        _ask_encoder(check, src, tgt, runs_s, runs_t, misses, listed, finding)
    # an acronym one side leaves unmatched is often spelt out on the other ("AMs" / "члены Ассамблеи")
    acronym_left = {side is src: any(misses[id(r)] and all(_acronym(w) for w in r.words) for r in runs)
                    for side, runs in ((src, runs_s), (tgt, runs_t))}
    weight = 0.0
    per_side = {True: 0.0, False: 0.0}
    persons = {True: 0.0, False: 0.0}
    full: dict[bool, list[Run]] = {True: [], False: []}
    missing: list[str] = []
    extra: list[str] = []
    for side, runs, sink in ((src, runs_s, missing), (tgt, runs_t, extra)):
        side_soft = title_case(side) or acronym_left[side is not src]
        for run in runs:
            miss = misses[id(run)]
            if miss and (run.soft or side_soft or run.common) and not listed.get(id(run)):
                miss = min(miss, PARTIAL)  # an institution, a heading, an acronym's expansion, a common word
            if miss:
                weight += miss
                if not run.common:  # a common word in capitals is no name that could have been replaced
                    per_side[side is src] += miss
                if run.person:
                    persons[side is src] += miss
                if miss >= 1 and not run.common:
                    full[side is src].append(run)
                text = side.text[run.start:run.end]
                sink.append(text + (" (names list)" if listed.get(id(run)) else ""))
                label = "not in the target" if side is src else "not in the source"
                if miss < 1:
                    label = "partly " + label
                finding.marks.append(Mark("source" if side is src else "target", run.start, run.end, "names", label))
    # a name replaced by another (a proper name missing on both sides) is surer evidence than one on one
    # side only, or a capitalised common word against a name
    replaced = min(per_side.values())
    # ... and a person's name (after a title or an initial) replaced by another's most of all
    person = min(persons.values())
    finding.features = {"names": evidence(2 * (replaced - person), FIRST),
                        "names_one_side": evidence(weight - 2 * replaced, FIRST),
                        "names_person": evidence(2 * person, FIRST)}
    if person:
        # a person's name (after a title or an initial) replaced by another, on both sides and matched by
        # no rule, list or the encoder: too rare in the labelled data for a weight, a reviewer must see it
        finding.floor = PERSON_FLOOR
    if full[True] and full[False]:
        # a proper name neither found nor partly found on each side: a place, a person, a body replaced
        finding.floor = max(finding.floor, REPLACED_FLOOR)
    else:
        _people_replaced(src, tgt, full, finding)
    dropped = _dropped(src, tgt, runs_s, runs_t, in_tgt, in_src, misses, listed, acronym_left)
    if not weight:
        return finding
    finding.value = evidence(weight, FIRST)
    if missing:
        finding.reasons.append("names: " + ", ".join(map(quote, missing)) + " in the source not found in the target")
    if extra:
        finding.reasons.append("names: " + ", ".join(map(quote, extra)) + " in the target not found in the source")
    if full[True] and full[False]:
        a, b = full[True][0], full[False][0]
        finding.reasons.append(f"names: {quote(src.text[a.start:a.end])} replaced by "
                               f"{quote(tgt.text[b.start:b.end])}? No rule, list or the encoder matches them")
    if dropped is not None:
        # a person's full name one side has and the other drops, whole: who did or said it is lost
        side_name, name = dropped
        if DROPPED_FLOOR > finding.floor:
            finding.floor, finding.floor_rule = DROPPED_FLOOR, "full name dropped"
        here, there = ("source", "target") if side_name is src else ("target", "source")
        finding.reasons.insert(0, f"names: the {here} names {quote(side_name.text[name[0].start:name[-1].end])}, "
                                  f"a person's full name, and the {there} drops it: no word of it is found there")
    return finding


def _dropped(src: SideText, tgt: SideText, runs_s: list[Run], runs_t: list[Run], in_tgt: _Other, in_src: _Other,
             misses: dict[int, float], listed: dict[int, bool],
             acronym_left: dict[bool, bool]) -> tuple[SideText, tuple[Word, ...]] | None:
    """A person's full name (:func:`.fullnames.full_name`) on one side, none of whose words the other side has
    by any rule, the names list or the encoder, where the other side has no capitalised run of its own left
    unmatched (the name may be spelt or rendered there beyond the rules: :data:`REPLACED_FLOOR`'s case, or
    "Brother Love" / "Браза Лав") and no unmatched acronym (its expansion?); not in a heading, an institution's
    name or a run of common words.  The side and the name."""
    for side, runs, other_runs, look in ((src, runs_s, runs_t, in_tgt), (tgt, runs_t, runs_s, in_src)):
        if acronym_left[side is not src] or title_case(side):
            continue
        if any(misses[id(r)] for r in other_runs):
            continue  # even a common word in capitals may be the name's rendering ("Brother Love" / "Браза Лав")
        for run in runs:
            if not misses[id(run)] or run.soft or run.common or listed.get(id(run)):
                continue
            name = full_name(run.words, side.lang, look.has)
            if name is not None:
                return side, name
    return None


def _people_replaced(src: SideText, tgt: SideText, full: dict[bool, list[Run]], finding: Finding) -> None:
    """A country or people named on one side and missing on the other, where the other side names another in
    a lower-case word ("the Georgian railway administration" / "армянское железнодорожное управление"):
    words the gazetteer and CLDR both know as a country or a people (not a city, not "states" or "EU"), their
    gazetteer concepts compared in any case.  Sets the floor and says so."""
    def country(word: str, lang: str) -> str | None:
        c = concept(word, lang)
        return c if c is not None and territory(word, lang) is not None else None

    for side, other, runs in ((src, tgt, full[True]), (tgt, src, full[False])):
        here = [(r, c) for r in runs for c in (country(w.text, side.lang) for w in r.words) if c is not None]
        if not here:
            continue
        own = {concept(w.text, side.lang) for w in side.words}
        theirs = [(w, c) for w in other.words if not w.capitalised
                  for c in (country(w.text, other.lang),) if c is not None and c not in own]
        if not theirs:
            continue
        (run, _), (word, _) = here[0], theirs[0]
        finding.floor = max(finding.floor, REPLACED_FLOOR)
        which: Literal["source", "target"] = "target" if other is tgt else "source"
        finding.reasons.append(f"names: the {which} names {quote(word.text)} where the "
                               f"{'source' if which == 'target' else 'target'} has "
                               f"{quote(side.text[run.start:run.end])}")
        finding.marks.append(Mark(which, word.start, word.end, "names", "another place or people"))
        return


def _pair_by_sound(src: SideText, tgt: SideText, runs_s: list[Run], runs_t: list[Run], in_tgt: _Other,
                   in_src: _Other, misses: dict[int, float], listed: dict[int, bool], finding: Finding) -> None:
    """Names no rule found, set against the names left unfound on the other side and its sentence-opening
    words by sound (:func:`sounds_alike`): a word of a name that sounds like one of them is found.  A name all
    of whose words are found (by a rule or by sound) is found; one some of whose words sound alike is partly
    found.  Decided for both sides on what was left before, so a pair of names finds each other."""
    left_s = [r for r in runs_s if misses[id(r)] and not listed.get(id(r))]
    left_t = [r for r in runs_t if misses[id(r)] and not listed.get(id(r))]
    if not left_s and not left_t:
        return
    update: dict[int, float] = {}
    for side, other, here, there, look in ((src, tgt, left_s, left_t, in_tgt), (tgt, src, left_t, left_s, in_src)):
        if not here:
            continue
        pool = list(dict.fromkeys([w.text for r in there for w in r.words if not _acronym(w)] + initial_words(other)))
        if not pool:
            continue
        for run in here:
            found = 0
            heard: list[tuple[str, str]] = []
            for w in run.words:
                if look.has(w.text, side.lang):
                    found += 1
                    continue
                if _acronym(w):
                    continue
                like = next((p for p in pool if sounds_alike(w.text, side.lang, p, other.lang)), None)
                if like is not None:
                    found += 1
                    heard.append((w.text, like))
            if not heard:
                continue
            update[id(run)] = 0.0 if found == len(run.words) else min(misses[id(run)], PARTIAL)
            finding.notes.extend(f"names: {quote(a)} and {quote(b)} taken for one name (they sound alike)"
                                 for a, b in heard)
    misses.update(update)


def _ask_encoder(check: NameCheck, src: SideText, tgt: SideText, runs_s: list[Run], runs_t: list[Run],
                 misses: dict[int, float], listed: dict[int, bool], finding: Finding) -> None:
    """Names still missing on one side, set against the other side's missing names and
    sentence-opening words through the encoder; those it calls one are found."""
    left_s = [r for r in runs_s if misses[id(r)] and not listed.get(id(r))]
    left_t = [r for r in runs_t if misses[id(r)] and not listed.get(id(r))]
    if not left_s and not left_t:
        return
    text_s = [src.text[r.start:r.end] for r in left_s]
    text_t = [tgt.text[r.start:r.end] for r in left_t]
    # a missing name may face a name that opens a sentence, which is no candidate
    pool_t = text_t + [w for w in initial_words(tgt) if w not in text_t] if left_s else text_t
    for i, (j, cos) in check.match(text_s, pool_t).items():
        misses[id(left_s[i])] = 0.0
        if j < len(left_t):
            misses[id(left_t[j])] = 0.0
        finding.notes.append(f"names: {quote(text_s[i])} and {quote(pool_t[j])} taken for one name "
                             f"(encoder, cosine {cos:.2f})")
    rest_t = [k for k, r in enumerate(left_t) if misses[id(r)]]
    if rest_t:
        pool_s = [w for w in initial_words(src)]
        for k, (j, cos) in check.match([text_t[k] for k in rest_t], pool_s).items():
            misses[id(left_t[rest_t[k]])] = 0.0
            finding.notes.append(f"names: {quote(text_t[rest_t[k]])} and {quote(pool_s[j])} taken for one name "
                                 f"(encoder, cosine {cos:.2f})")
