"""Number words and month names in English, Russian and Armenian, for :mod:`.numbers`.

:func:`word_numeral` reads one word as numeral parts — ("unit", 5), ("hundred",
100), ("scale", 1e6) — that :func:`combine` turns into a value ("five million"
→ 5e6, "двадцать шесть" → 26, "քսանհինգ" → 25).  :func:`weak_value` reads
ordinals and "both", which may match a value but are never required.
:func:`month_of` reads a month name in any case form.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..languages import EAST_SLAVIC
from .tense import _morph

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")

# Each language maps a word form to (kind, value); kind is "unit" (adds),
# "hundred" (multiplies what precedes) or "scale" (closes a group of thousands).
_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
             "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_EN: dict[str, tuple[str, float]] = {w: ("unit", float(i)) for i, w in enumerate(_EN_UNITS)}
_EN.update({w: ("unit", float(20 + 10 * i)) for i, w in enumerate(_EN_TENS)})
_EN.update({"hundred": ("hundred", 100.0), "thousand": ("scale", 1e3), "million": ("scale", 1e6),
            "billion": ("scale", 1e9), "trillion": ("scale", 1e12)})


def _ru_table() -> dict[str, tuple[str, float]]:
    t: dict[str, tuple[str, float]] = {}

    def add(value: float, *forms: str, kind: str = "unit") -> None:
        for f in forms:
            t[f] = (kind, value)

    add(0, "ноль", "нуль", "ноля", "нуля", "нолю", "нулю", "нолем", "нулем", "нулём")
    add(1, "один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну", "одною")
    add(2, "два", "две", "двух", "двум", "двумя")
    add(3, "три", "трёх", "трех", "трём", "трем", "тремя")
    add(4, "четыре", "четырёх", "четырех", "четырём", "четырем", "четырьмя")
    add(5, "пять", "пяти", "пятью")
    add(6, "шесть", "шести", "шестью")
    add(7, "семь", "семи")  # "семью" is far more often "family"
    add(8, "восемь", "восьми", "восемью", "восьмью")
    add(9, "девять", "девяти", "девятью")
    add(10, "десять", "десяти", "десятью")
    stems = ("одиннадцат", "двенадцат", "тринадцат", "четырнадцат", "пятнадцат", "шестнадцат",
             "семнадцат", "восемнадцат", "девятнадцат", "двадцат", "тридцат")
    for stem, value in zip(stems, (*range(11, 21), 30)):
        add(value, stem + "ь", stem + "и", stem + "ью")
    add(1.5, "полтора", "полторы", "полутора")
    add(150, "полтораста", "полутораста")
    add(40, "сорок", "сорока")
    for value, nom, obl, ins in ((50, "пятьдесят", "пятидесяти", "пятьюдесятью"),
                                 (60, "шестьдесят", "шестидесяти", "шестьюдесятью"),
                                 (70, "семьдесят", "семидесяти", "семьюдесятью"),
                                 (80, "восемьдесят", "восьмидесяти", "восемьюдесятью")):
        add(value, nom, obl, ins)
    add(90, "девяносто", "девяноста")
    # collective numerals: двое, трое, ... (and their oblique forms)
    for value, stem in ((2, "дво"), (3, "тро"), (4, "четвер"), (5, "пятер"), (6, "шестер"), (7, "семер"),
                        (8, "восьмер"), (9, "девятер"), (10, "десятер")):
        add(value, *(stem + e for e in (("е", "их", "им", "ими") if value < 4 else ("о", "ых", "ым", "ыми"))))
    add(100, "сто", "ста")
    # 200–900: nominative, genitive (-сот), dative (-стам), instrumental (-стами), prepositional (-стах)
    for value, nom, gen, dat, ins in (
            (200, "двести", "двухсот", "двум", "двумя"), (300, "триста", "трёхсот", "трём", "тремя"),
            (400, "четыреста", "четырёхсот", "четырём", "четырьмя"), (500, "пятьсот", "пятисот", "пяти", "пятью"),
            (600, "шестьсот", "шестисот", "шести", "шестью"), (700, "семьсот", "семисот", "семи", "семью"),
            (800, "восемьсот", "восьмисот", "восьми", "восемью"),
            (900, "девятьсот", "девятисот", "девяти", "девятью")):
        gen_stem = gen[:-3]
        forms = {nom, gen, gen.replace("ё", "е"), dat + "стам", ins + "стами", gen_stem + "стах",
                 (dat + "стам").replace("ё", "е"), gen_stem.replace("ё", "е") + "стах"}
        add(value, *forms)
    for value, stem in ((1e6, "миллион"), (1e9, "миллиард"), (1e12, "триллион")):
        add(value, *(stem + e for e in ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")), kind="scale")
    add(1e3, *("тысяч" + e for e in ("а", "и", "", "у", "ей", "ею", "ам", "ами", "ах")), kind="scale")
    add(1e3, "тыс", kind="scale")
    add(1e6, "млн", kind="scale")
    add(1e9, "млрд", kind="scale")
    add(1e12, "трлн", kind="scale")
    return t


_RU = _ru_table()

_HY_MORPHEMES: dict[str, tuple[str, float]] = {
    "մեկ": ("unit", 1), "երկու": ("unit", 2), "երեք": ("unit", 3), "չորս": ("unit", 4),
    "հինգ": ("unit", 5), "վեց": ("unit", 6), "յոթն": ("unit", 7), "յոթ": ("unit", 7),
    "ութ": ("unit", 8), "ինն": ("unit", 9), "ինը": ("unit", 9), "տասն": ("unit", 10),
    "տասը": ("unit", 10), "տաս": ("unit", 10),  # the spoken spelling: "Տաս տարի", "ժամը տասին"
    "քսան": ("unit", 20), "երեսուն": ("unit", 30), "քառասուն": ("unit", 40),
    "հիսուն": ("unit", 50), "վաթսուն": ("unit", 60), "յոթանասուն": ("unit", 70),
    "ութսուն": ("unit", 80), "իննսուն": ("unit", 90), "հարյուր": ("hundred", 100),
    "հազար": ("scale", 1e3), "միլիոն": ("scale", 1e6), "միլլիոն": ("scale", 1e6),
    "միլիարդ": ("scale", 1e9), "բիլիոն": ("scale", 1e9),
    "մլն": ("scale", 1e6), "մլրդ": ("scale", 1e9),
}
_HY_ORDER = sorted(_HY_MORPHEMES, key=len, reverse=True)
_HY_ENDINGS = ("ներից", "ներով", "ներում", "ներին", "ների", "ները", "ից", "ով", "ում", "ին", "ի", "ը", "ն", "ս")

#: Scale words that mean one unit of the scale when they stand alone ("a million", "тысяча").
SINGULAR_SCALES = {"thousand", "million", "billion", "trillion", "тысяча", "тысячу", "тысячей",
                    "миллион", "миллиона", "миллиону", "миллионом", "миллионе", "миллиард",
                    "миллиарда", "миллиардом", "հազար", "միլիոն", "միլիարդ"}


def _hy_decompose(word: str) -> list[tuple[str, float]] | None:
    parts: list[tuple[str, float]] = []
    i = 0
    while i < len(word):
        for m in _HY_ORDER:
            if word.startswith(m, i):
                parts.append(_HY_MORPHEMES[m])
                i += len(m)
                break
        else:
            return None
    return parts


def _hy_numeral(word: str) -> list[tuple[str, float]] | None:
    w = word.lower()
    for half in ("ուկեսը", "ուկեսի", "ուկես", "ուկեսից"):
        if w.endswith(half) and len(w) > len(half) + 1:  # մեկուկես 1.5, երկուսուկես 2.5
            base = _hy_numeral(w[: -len(half)])
            return base + [("unit", 0.5)] if base else None
    candidates = [w] + [w[: -len(e)] for e in _HY_ENDINGS if w.endswith(e) and len(w) > len(e) + 1]
    for c in list(candidates):
        if c.endswith("ս") and len(c) > 3:
            candidates.append(c[:-1])  # երկուսը, երկուսից
    for c in candidates:
        parts = _hy_decompose(c)
        if parts:
            return parts
    return None


# Written ordinals and "both": values a digit on the other side may match ("fourth" / "4-րդ"),
# never required themselves ("for the first time", "second" as a unit of time).
_EN_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
                "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_WEAK: dict[str, dict[str, float]] = {
    "en": {**{w: float(i + 1) for i, w in enumerate(_EN_ORDINALS)}, "both": 2.0,
           "thirtieth": 30.0, "fortieth": 40.0, "fiftieth": 50.0, "hundredth": 100.0},
    "hy": {"առաջին": 1.0, "երկրորդ": 2.0, "երրորդ": 3.0, "չորրորդ": 4.0},
}
_RU_ORDINAL = re.compile(
    r"(перв|втор|трет|четв[её]рт|пят|шест|седьм|восьм|девят|десят|одиннадцат|двенадцат|тринадцат|"
    r"четырнадцат|пятнадцат|шестнадцат|семнадцат|восемнадцат|девятнадцат|двадцат|тридцат)"
    r"(?:ый|ой|ий|ая|ья|ое|ье|ые|ьи|ого|ьего|ому|ьему|ым|ьим|ом|ьем|ую|ью|ых|ьих|ыми|ьими)")
_RU_ORDINAL_VALUES = {stem: float(i + 1) for i, stem in enumerate(
    ("перв втор трет четв пят шест седьм восьм девят десят одиннадцат двенадцат тринадцат четырнадцат "
     "пятнадцат шестнадцат семнадцат восемнадцат девятнадцат двадцат").split())}
_RU_ORDINAL_VALUES["тридцат"] = 30.0
_RU_BOTH = {"оба", "обе", "обоих", "обеих", "обоим", "обеим", "обоими", "обеими"}
_HY_ORDINAL = re.compile(r"(.+)երորդ\w*")


_EN_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                    "seventieth": 70, "eightieth": 80, "ninetieth": 90}


def _en_ordinal(w: str) -> float | None:
    """"twenty-fifth" → 25, "ninety-ninth" → 99, "sixtieth" → 60 (None for anything else)."""
    if w in _EN_ORDINAL_TENS:
        return float(_EN_ORDINAL_TENS[w])
    head, _, last = w.rpartition("-")
    if head in _EN_TENS and last in _EN_ORDINALS[:9]:
        return float(20 + 10 * _EN_TENS.index(head) + _EN_ORDINALS.index(last) + 1)
    return None


@lru_cache(maxsize=65536)
def weak_value(word: str, lang: str) -> float | None:
    """The value of an ordinal word or "both", or None."""
    w = word.lower()
    if lang in _WEAK and w in _WEAK[lang]:
        return _WEAK[lang][w]
    if lang == "en":
        return _en_ordinal(w)
    if lang in EAST_SLAVIC:
        if w in _RU_BOTH:
            return 2.0
        m = _RU_ORDINAL.fullmatch(w)
        if m:
            stem = m.group(1).replace("ё", "е")
            return _RU_ORDINAL_VALUES.get("четв" if stem.startswith("четв") else stem)
        return _ru_by_lemma(w, ordinal=True)
    if lang == "hy":
        if w.startswith(("առաջին", "երկրորդ", "երրորդ", "չորրորդ")):
            return _WEAK["hy"][next(k for k in _WEAK["hy"] if w.startswith(k))]
        m = _HY_ORDINAL.fullmatch(w)
        if m:
            parts = _hy_decompose(m.group(1))
            if parts:
                return combine(parts)
    return None


_RU_ORDINAL_LEMMAS = {lemma: float(v) for v, lemma in (
    (40, "сороковой"), (50, "пятидесятый"), (60, "шестидесятый"), (70, "семидесятый"), (80, "восьмидесятый"),
    (90, "девяностый"), (100, "сотый"), (200, "двухсотый"), (300, "трёхсотый"), (1000, "тысячный"))}


#: What a Russian numeral the tables miss can start with (only such words are sent to the analyser).
_RU_NUMERAL_START = re.compile(r"(?:сорок|пятидесят|шестидесят|семидесят|восьмидесят|девяност|сот|двухсот|тр[её]хсот|"
                               r"четыр[её]хсот|пятисот|тысячн|двадцат|тридцат|двум|тр[её]м|четыр|пят|шест|сем|восем|"
                               r"восьм|девят|десят)")


#: Forms the analyser reads as numerals that are far more often other words ("семью": "family").
_RU_NOT_NUMERALS = {"семью"}


@lru_cache(maxsize=65536)
def _ru_by_lemma(w: str, *, ordinal: bool) -> float | None:
    """A Russian numeral the tables miss, through pymorphy3's lemma ("сорокового" → 40, ordinal)."""
    if not _RU_NUMERAL_START.match(w) or w in _RU_NOT_NUMERALS:
        return None
    for p in _morph().parse(w)[:2]:
        if ordinal and "Anum" in p.tag:
            return _RU_ORDINAL_LEMMAS.get(p.normal_form.replace("е", "ё") if "трех" in p.normal_form else p.normal_form)
        if not ordinal and p.tag.POS == "NUMR":
            hit = _RU.get(p.normal_form)
            return hit[1] if hit and hit[0] == "unit" else None
    return None


@lru_cache(maxsize=65536)
def word_numeral(word: str, lang: str) -> list[tuple[str, float]] | None:
    w = word.lower().rstrip(".")
    if lang == "en":
        pieces = w.split("-")
        if all(p in _EN for p in pieces):
            return [_EN[p] for p in pieces]
        return None
    if lang in EAST_SLAVIC:
        hit = _RU.get(w)
        if hit:
            return [hit]
        value = _ru_by_lemma(w, ordinal=False) if len(w) >= 4 else None
        return [("unit", value)] if value is not None else None
    if lang == "hy":
        return _hy_numeral(w)
    return None


def combine(parts: list[tuple[str, float]]) -> float:
    total = current = 0.0
    for kind, value in parts:
        if kind == "unit":
            current += value
        elif kind == "hundred":
            current = (current or 1.0) * value
        else:
            total += (current or 1.0) * value
            current = 0.0
    return total + current


_EN_MONTHS = {name.lower(): i + 1 for i, name in enumerate(MONTH_NAMES)}
_EN_MONTHS.update({"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
                   "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12})
_EN_NEEDS_NUMBER = {"may", "march", "mar"}
_EN_FULL_MONTHS = {name.lower() for name in MONTH_NAMES}
_RU_MONTHS = re.compile(
    r"(?:(январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ём|ем|ьск\w+|ск\w+)"
    r"|(март|август)(?:а|е|у|ом|овск\w+)?|(ма)(?:й|я|е|ю|ем|ём|йск\w+))", re.IGNORECASE)
_RU_MONTH_NUM = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
                 "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_HY_MONTHS = {"հունվար": 1, "փետրվար": 2, "մարտ": 3, "ապրիլ": 4, "մայիս": 5, "հունիս": 6,
              "հուլիս": 7, "օգոստոս": 8, "սեպտեմբեր": 9, "հոկտեմբեր": 10, "նոյեմբեր": 11,
              "դեկտեմբեր": 12}
_HY_OBLIQUE = ("ի", "ին", "ից", "ով", "ում")
_HY_MONTH_ENDINGS = ("", "ի", "ին", "ից", "ով", "ում", "ը", "ն", "ու", "յան", "յանի", "յան", "յանը", "յանին")


@lru_cache(maxsize=65536)
def month_of(word: str, lang: str) -> tuple[int, bool] | None:
    """(month number, needs a number or a month context next to it) or None."""
    w = word.lower().rstrip(".")
    if lang in _OTHER_MONTHS:
        names, ambiguous = _OTHER_MONTHS[lang]
        table = names.split()
        if w in table:
            return table.index(w) + 1, w in ambiguous
        return None
    if lang == "en":
        w = re.sub(r"['’]s$", "", w)  # "February's"
        if w not in _EN_MONTHS or (w not in _EN_FULL_MONTHS and not word[:1].isupper()):
            return None  # "jan", "dec" in lower case are not months
        return _EN_MONTHS[w], w in _EN_NEEDS_NUMBER
    if lang in EAST_SLAVIC:
        m = _RU_MONTHS.fullmatch(w)
        if not m:
            return None
        stem = next(g for g in m.groups() if g)
        return _RU_MONTH_NUM[stem], False
    if lang == "hy":
        for stem, n in _HY_MONTHS.items():
            if w.startswith(stem) and w[len(stem):] in _HY_MONTH_ENDINGS:
                return n, stem == "մարտ"
            if stem.endswith("եմբեր") and w.startswith(stem[:-2] + "ր") and w[len(stem) - 1:] in _HY_OBLIQUE:
                return n, False  # հոկտեմբրի, սեպտեմբրից: the oblique stem drops its е
    return None




# -- compounds: "шестидневный", "six-day", "վեցօրյա" (a value a digit may match, never required) ----------

_RU_PREFIXES = {"двух": 2, "дву": 2, "трёх": 3, "трех": 3, "четырёх": 4, "четырех": 4, "пяти": 5, "шести": 6,
                "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10, "одиннадцати": 11, "двенадцати": 12,
                "пятнадцати": 15, "двадцати": 20, "тридцати": 30, "сорока": 40, "пятидесяти": 50, "ста": 100,
                "двухсот": 200, "трёхсот": 300, "пятисот": 500, "тысяче": 1000, "полутора": 1.5}
#: What follows a numeral prefix in a Russian compound (days, weeks, storeys, ...).
_RU_COMPOUND_TAIL = re.compile(
    r"(?:дневн|недельн|месячн|летн|лети|годичн|годов|часов|минутн|секундн|этажн|местн|тысячн|миллионн|кратн|"
    r"сторонн|процентн|верстн|пудов|километров|метров|рублёв|рублев|томн|членн|звёздочн|звездочн|колёсн|колесн|"
    r"моторн|мачтов|палубн|полосн|путн|ярусн|значн|разов|вагонн|тонн)[а-яё]*")
_HY_COMPOUND_TAIL = re.compile(r"(?:օրյա|ամյա|ամսյա|շաբաթյա|ժամյա|հարկանի|տարվա|ամենյա|կողմանի)[ա-ֆ]*")


@lru_cache(maxsize=65536)
def compound_value(word: str, lang: str) -> float | None:
    """The number inside a compound ("шестидневного" → 6, "six-day" → 6, "հնգամյա" → 5), or None."""
    w = word.lower()
    if lang == "en":
        head, sep, tail = w.partition("-")
        if sep and head in _EN and _EN[head][0] == "unit" and tail and tail not in _EN and tail.isalpha():
            return _EN[head][1]
        return None
    if lang in EAST_SLAVIC:
        for prefix in sorted(_RU_PREFIXES, key=len, reverse=True):
            if w.startswith(prefix) and _RU_COMPOUND_TAIL.fullmatch(w[len(prefix):].lstrip("-")):
                return float(_RU_PREFIXES[prefix])
        return None
    if lang == "hy":
        for m in _HY_COMPOUND_ORDER:
            if w.startswith(m):
                rest = w[len(m):]
                parts = [_HY_COMPOUND[m]]
                while rest and not _HY_COMPOUND_TAIL.fullmatch(rest):
                    nxt = next((k for k in _HY_ORDER if rest.startswith(k)), None)
                    if nxt is None:
                        return None
                    parts.append(_HY_MORPHEMES[nxt])
                    rest = rest[len(nxt):]
                return combine(parts) if rest else None
        return None
    return None


#: Armenian numerals as compounds begin with them ("եռամյա" three-year, "հնգամյա" five-year).
_HY_COMPOUND = {**_HY_MORPHEMES, "երկ": ("unit", 2), "եռ": ("unit", 3), "քառ": ("unit", 4), "հնգ": ("unit", 5),
                "վեց": ("unit", 6), "յոթ": ("unit", 7), "տասն": ("unit", 10)}
_HY_COMPOUND_ORDER = sorted(_HY_COMPOUND, key=len, reverse=True)


# -- other languages: number words through text2num, month names ------------------------------------

#: Languages whose number words **text2num** (MIT) reads.
TEXT2NUM_LANGS = {"fr", "de", "es", "it", "pt", "nl", "da"}


class _Token:
    """A word as text2num sees it (its ``Token`` protocol)."""

    __slots__ = ("word",)

    def __init__(self, word: str) -> None:
        self.word = word

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous: object) -> bool:
        return False

    def not_a_number_part(self) -> bool:
        return False


def text2num_numbers(words: list[str], lang: str) -> list[tuple[int, int, float, bool]]:
    """(first word, word after the last, value, is ordinal) of every number written in words."""
    if lang not in TEXT2NUM_LANGS or not words:
        return []
    from text_to_num import find_numbers
    try:
        found = find_numbers([_Token(w) for w in words], lang, threshold=0)
    except Exception:  # noqa: BLE001 - the parser's own errors: read nothing rather than fail a bead
        return []
    return [(o.start, o.end, float(o.value), bool(o.is_ordinal)) for o in found]


_OTHER_MONTHS = {
    "fr": ("janvier février mars avril mai juin juillet août septembre octobre novembre décembre", {"mars", "mai"}),
    "de": ("januar februar märz april mai juni juli august september oktober november dezember", {"mai", "august"}),
    "es": ("enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre", set()),
    "it": ("gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre", set()),
}
_MONTH_CONTEXT = {"en": {"in", "of", "since", "until", "till", "during", "from", "by", "before", "after", "early",
                         "late", "mid", "throughout", "last", "next", "this", "that", "each", "every"},
                  "fr": {"en", "de", "d", "fin", "début", "mi", "depuis", "jusqu", "mois"},
                  "de": {"im", "seit", "bis", "ende", "anfang", "mitte", "monat"}}
#: Words after an ambiguous month name that make it a month ("մարտ ամսին", "մարտի վերջին": March's end).
_MONTH_CONTEXT_AFTER = {"hy": re.compile(r"(?:ամս|ամիս|վերջ|սկզբ|սկիզբ|կեսին|կեսից)\w*")}


def month_context(lang: str) -> set[str]:
    """Words before an ambiguous month name ("May", "mars") that make it a month ("in May")."""
    return _MONTH_CONTEXT.get(lang, set())


def month_context_after(word: str, lang: str) -> bool:
    """Whether a word after an ambiguous month name makes it a month ("մարտ ամսին")."""
    pattern = _MONTH_CONTEXT_AFTER.get(lang)
    return bool(pattern and pattern.fullmatch(word.lower()))


# -- conversions: words that hold a number without being numerals ("a decade", "tripled", "вдвое", "կես") --------
#
# Each reads as values a number on the other side may match, never required itself: "a decade" is
# "10 лет", "tripled" is "в три раза", "a pair of" is "двумя", "half" is "половина".  Chosen from what
# the numbers rules misread on faithful NTREX-128 lines and the dev set (BENCHMARKS.md, "Numbers read").

_EN_CONVERSIONS: dict[str, frozenset[float]] = {
    **{w: frozenset({10.0}) for w in ("decade",)},
    **{w: frozenset({12.0}) for w in ("dozen",)},
    **{w: frozenset({14.0}) for w in ("fortnight",)},
    **{w: frozenset({2.0}) for w in ("pair", "couple", "twice", "double", "doubled", "doubling", "doubles", "biennial",
                                     "duo")},
    **{w: frozenset({3.0}) for w in ("triple", "tripled", "tripling", "triples", "thrice", "treble", "trebled",
                                     "trio")},
    **{w: frozenset({4.0}) for w in ("quadruple", "quadrupled", "quadrupling", "quartet")},
    **{w: frozenset({0.5}) for w in ("half", "halves")},
    "halved": frozenset({0.5, 2.0}),
    "halving": frozenset({0.5, 2.0}),
}
#: What follows a number word inside an English compound that counts something: "fourballs", "foursomes", "tenfold".
_EN_COUNTING_TAIL = re.compile(r"(?:balls?|somes?|fold)")
_RU_CONVERSIONS: tuple[tuple[re.Pattern[str], frozenset[float]], ...] = tuple(
    (re.compile(p), frozenset(v)) for p, v in (
        (r"десятилети[еяюийем]\w*", {10.0}), (r"дюжин\w*", {12.0}), (r"пара|пару|пары|парой|парою", {2.0}),
        (r"вдвое|дважды|удво\w+|двукратно", {2.0}), (r"втрое|трижды|утро(?:ил|ит|ен|ени|ять|ив)\w*", {3.0}),
        (r"вчетверо|четырежды|учетвер\w+", {4.0}), (r"впятеро", {5.0}), (r"вдесятеро", {10.0}),
        (r"половин\w*", {0.5}), (r"полугоди\w*", {0.5, 6.0}), (r"сут(?:ки|ок|кам|ками|ках)", {24.0}),
        (r"полвека", {50.0})))
_HY_CONVERSIONS: tuple[tuple[re.Pattern[str], frozenset[float]], ...] = tuple(
    (re.compile(p), frozenset(v)) for p, v in (
        (r"տասնամյակ\w*", {10.0}), (r"տասնյակ\w*", {10.0}), (r"դյուժին\w*", {12.0}), (r"զույգ\w*", {2.0}),
        (r"կրկնապատկ\w*|կրկնակի", {2.0}), (r"եռապատկ\w*", {3.0}), (r"քառապատկ\w*", {4.0}),
        (r"հնգապատկ\w*", {5.0}), (r"տասնապատկ\w*", {10.0}), (r"կես(?:ը|ի|ից|ին|ով|ն)?", {0.5})))


@lru_cache(maxsize=65536)
def conversion_values(word: str, lang: str) -> frozenset[float] | None:
    """The values a word that holds a number stands for ("a decade" → 10, "вдвое" → 2,
    "Mother-of-three" → 3, "fourballs" → 4, "կես" → 0.5), or None."""
    w = word.lower().replace("’", "'")
    if lang == "en":
        if w in _EN_CONVERSIONS:
            return _EN_CONVERSIONS[w]
        pieces = w.split("-")
        if len(pieces) >= 3 and pieces[-2] == "of" and pieces[-1] in _EN and _EN[pieces[-1]][0] == "unit":
            return frozenset({_EN[pieces[-1]][1]})  # "mother-of-three", "father-of-two"
        for unit in sorted(_EN_UNITS + _EN_TENS, key=len, reverse=True):
            if w.startswith(unit) and _EN_COUNTING_TAIL.fullmatch(w[len(unit):]):
                return frozenset({_EN[unit][1]})  # "fourballs", "foursomes", "tenfold"
        return None
    table = _RU_CONVERSIONS if lang in EAST_SLAVIC else _HY_CONVERSIONS if lang == "hy" else ()
    for pattern, values in table:
        if pattern.fullmatch(w):
            return values
    return None
