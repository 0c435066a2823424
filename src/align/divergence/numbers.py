"""Numbers and dates: each side as a multiset of values; values on one side only are flagged.

What counts as a value:

- digits in any grouping: ``5,000,000``, ``5 000 000``, ``5.000.000``, with
  non-breaking or thin spaces; decimals ``1.5`` / ``1,5``.  A lone group of
  three after a comma or dot (``1,500``) is ambiguous between languages and
  matches either reading (1500 or 1.5);
- a number with a scale word: ``5 million``, ``5 млн``, ``5,5 миллиарда``, ``5 հազար``;
- ordinals and years written with digits: ``26th``, ``26-го``, ``26-ին``,
  ``1920 г.``, ``1920 թ.`` are 26 and 1920 (the suffix is not compared);
- written-out cardinals in English, Russian (every case form) and Armenian:
  ``twenty-six``, ``пять миллионов``, ``двумстам``, ``հինգ միլիոն``, ``քսանհինգ``;
- month names in all three languages and all case forms (``апреля``,
  ``ապրիլի``) as the value "month 4"; English "May"/"March" and Armenian
  "մարտ" (also "battle") only next to a number; English abbreviations only
  with a capital;
- Roman numerals before a word for "century" (``XIX века``, ``XIXe siècle``)
  and Roman months in dates (``5.IV.1920``);
- written ordinals, compound ones too (``twenty-fifth``, ``двадцать шестого``):
  a value the other side may match, and one it must match next to a month;
  halves (``one and a half`` = ``полтора`` = ``մեկուկես``); compounds holding a
  number (``шестидневный``, ``six-day``, ``հնգամյա``: matched, never required);
  French, German and other number words through text2num (:mod:`.numerals`);
- days named from today ("tomorrow", "послезавтра"): only two that differ count;
- times: ``7.55am``, ``7:55`` and ``7.55`` are one value, 7.55 (``3.30 p.m.`` is
  3.3 or 15.3); decades: ``the 1930s`` matches ``30-х годов``; ``$5m``, ``£2bn``
  carry their scale.

- words that hold a number (:func:`.numerals.conversion_values`): "a decade" (10),
  "tripled", "вдвое", "mother-of-three", "fourballs", "half" / "половина" / "կես",
  "сутки" (24 hours): matched, never required.

A value next to a unit of measurement (miles, inches, °F, km, кг, ...) that has
no match counts for less (``UNIT_WEIGHT``): translations often convert units.
A count on one side only, nothing replaced, while the other side holds values,
floors the bead at the review threshold (:data:`ONE_SIDE_FLOOR`).

A lone word for "one" ("one", "одна", "մեկ") is too often not a number ("one
of", "the same") to be required on the other side, and a scale word with no
number before it ("a thousand", "до тысячи", "миллиона") too often vague; they
still match a value on the other side.
Written ordinals ("fourth", "четвёртый", "չորրորդ", "հինգերորդ") and "both"
("оба") match a value on the other side but are never required ("for the
first time", "a second"); vague plurals ("thousands", "тысячи") are not
values.  Month adjectives count as the month ("июньский саммит", "հունիսյան").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..records import Mark
from .base import Finding, evidence, quote
from .numerals import (
    MONTH_NAMES,
    SINGULAR_SCALES,
    TEXT2NUM_LANGS,
    combine,
    compound_value,
    conversion_values,
    month_context,
    month_context_after,
    month_of,
    text2num_numbers,
    weak_value,
    word_numeral,
)
from .tokens import SideText


@dataclass(frozen=True)
class Quantity:
    """One value found in a text: its possible readings, where it is, and how it was written."""

    values: frozenset
    start: int
    end: int
    text: str
    weak: bool = False
    unit: bool = False
    ordinal: bool = False
    relative: bool = False  # a day named relative to today ("tomorrow")

    def label(self) -> str:
        v = sorted(self.values, key=str)[0]
        if isinstance(v, str) and v.startswith("day:"):
            return self.text
        if isinstance(v, str):
            return MONTH_NAMES[int(v.split(":")[1]) - 1]
        return f"{int(v)}" if float(v).is_integer() else f"{v:g}"


def _num(v: float) -> float:
    return float(round(v, 6))


# ---------------------------------------------------------------- digits
_DIGITS = re.compile(r"\d+(?:[ \u00a0\u202f\u2009.,'’]\d+)*")
_TIME = re.compile(r"(?<![\d.,])(\d{1,2})[:.](\d{2})(?![\d.,]\d)(?=\s*(?:[ap]\.?m\b\.?|h\b|ч\b|ժ\b)|(?<=\d:\d\d))",
                   re.IGNORECASE)
_CLOCK = re.compile(r"\s*([ap])\.?m\b\.?", re.IGNORECASE)
_CURRENCY_SCALE = re.compile(r"(?<=[$£€¥₽])(\d+(?:[.,]\d+)?)(m|bn|k)\b")
_DECADE = re.compile(r"(?:'?s\b|-(?:х|е|ые|ых|ական)\b)")
#: Units of measurement: numbers next to them are often converted (miles → km), so they count less.
_UNIT = re.compile(
    r"\s*(?:%|°|(?:mph|kph|km/h|км/ч|կմ/ժ|miles?|inch(?:es)?|in\.|feet|foot|ft|yards?|pounds?|lbs?|ounces?|oz|gallons?|acres?|"
    r"degrees?|fahrenheit|celsius|kn|kw|mw|gw|hp|horsepower|кВт|МВт|km|kilomet\w*|metres?|meters?|cm|mm|kg|kilogram\w*|tons?|tonnes?|"
    r"км|кг|см|мм|м|метр\w*|километр\w*|миль?|мил[ьяие]\w*|дюйм\w*|фут\w*|фунт\w*|градус\w*|тонн\w*|"
    r"կմ|կգ|սմ|մմ|մ|մետր\w*|կիլոմետր\w*|մղոն\w*|դյույմ\w*|ֆունտ\w*|աստիճան\w*|տոննա\w*)\b)",
    re.IGNORECASE)
#: A unit before a number joined by a hyphen: "6-foot-6" (six feet six inches).
_UNIT_BEFORE = re.compile(r"(?:foot|feet|ft)-$", re.IGNORECASE)
#: ... and one after it: "6-foot", "a 10-mile walk".
_UNIT_HYPHEN = re.compile(r"-(?:foot|feet|inch|mile|yard|pound|ton|metre|meter|kilomet)", re.IGNORECASE)
#: How much a value next to a unit counts when it has no match (conversions are common).
UNIT_WEIGHT = 0.3
#: Value of one differing value.
FIRST = 0.7
#: The least score of a bead with a value on one side only, nothing replaced, while the other side holds
#: values of its own (a number dropped from a sentence that keeps others: "although it had promised
#: fifteen"; "the first half" / "первые три месяца").  Values next to a unit (often converted), dates
#: (often added or left out for context) and days named from today do not set it.  See
#: :func:`one_side_floor` and BENCHMARKS.md ("Numbers read").
ONE_SIDE_FLOOR = 0.5
_DATE = re.compile(r"(?<!\d)(\d{1,2})([./])(\d{1,2})\2(\d{4})(?!\d)")
_SCALE_AFTER = re.compile(
    r"[ \u00a0\u202f\u2009]?(thousand|million|billion|trillion|bn|"
    r"тыс\.?|тысяч[аиуе]?[йю]?|млн\.?|миллион\w*|млрд\.?|миллиард\w*|трлн\.?|триллион\w*|"
    r"հազար\w*|միլլ?իոն\w*|միլիարդ\w*|բիլիոն\w*|մլն|մլրդ|"
    r"mille|millions?|milliards?|tausend|millionen|milliarden?|mio\.?|mrd\.?|mil|millones|miliardi|milioni)(?!\w)",
    re.IGNORECASE)
_SCALE_VALUES = (("тыс", 1e3), ("тысяч", 1e3), ("млн", 1e6), ("миллион", 1e6), ("млрд", 1e9),
                 ("миллиард", 1e9), ("трлн", 1e12), ("триллион", 1e12), ("thousand", 1e3),
                 ("million", 1e6), ("billion", 1e9), ("bn", 1e9), ("trillion", 1e12),
                 ("հազար", 1e3), ("միլիոն", 1e6), ("միլլիոն", 1e6), ("միլիարդ", 1e9), ("բիլիոն", 1e9),
                 ("մլն", 1e6), ("մլրդ", 1e9), ("millionen", 1e6), ("milliarde", 1e9), ("milliard", 1e9),
                 ("millones", 1e6), ("milioni", 1e6), ("miliardi", 1e9), ("mille", 1e3), ("tausend", 1e3),
                 ("mio", 1e6), ("mrd", 1e9), ("mil", 1e3))
_CENTURY = re.compile(r"(?<![\w])([IVXL]{1,6})(?:-\w{1,3}|e|ème|er|\.)?\s+"
                      r"(?:(?:et|and|и|և|à|-|–)\s+([IVXL]{1,6})(?:-\w{1,3}|e|ème|er|\.)?\s+)?"  # "XIe et XIIe siècles"
                      r"(?=век|столети|դար|si[eè]cle|jahrhundert|jh\.|century|centuries|secolo|siglo)", re.IGNORECASE)
#: A date with the month in Roman numerals: "5.IV.1920", "5 IV 1920", "5/IV/20".
_ROMAN_DATE = re.compile(r"(?<!\d)(\d{1,2})([./ ])(I{1,3}|IV|VI{0,3}|IX|XI{0,2})\2(\d{2,4})(?!\d)")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _scale_value(word: str) -> float:
    w = word.lower().rstrip(".")
    for stem, value in _SCALE_VALUES:
        if w.startswith(stem):
            return value
    return 1.0


def _roman(s: str) -> int:
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total


def _parse_digits(s: str) -> list[tuple[int, int, set[float]]]:
    """Split a run of digits and separators into numbers: (start, end, possible values)."""
    groups = [(m.start(), m.end()) for m in re.finditer(r"\d+", s)]
    seps = [s[groups[k][1]:groups[k + 1][0]] for k in range(len(groups) - 1)]
    out = []
    i = 0
    while i < len(groups):
        digits = [s[groups[i][0]:groups[i][1]]]
        sep_used = None
        j = i
        while j + 1 < len(groups):
            sep, nxt = seps[j], s[groups[j + 1][0]:groups[j + 1][1]]
            if len(nxt) == 3 and (sep == sep_used or (sep_used is None and len(digits[0]) <= 3)):
                sep_used = sep
                digits.append(nxt)
                j += 1
                continue
            break
        whole = float("".join(digits))
        values = {whole}
        if len(digits) == 2 and sep_used in (",", "."):
            values.add(float(f"{digits[0]}.{digits[1]}"))  # 1,500 or 1.500: either reading
        if j + 1 < len(groups) and seps[j] in (",", ".") and seps[j] != sep_used:
            frac = s[groups[j + 1][0]:groups[j + 1][1]]
            values = {float(f"{int(v)}.{frac}") for v in values if float(v).is_integer()} or values
            j += 1
        out.append((groups[i][0], groups[j][1], values))
        i = j + 1
    return out


def quantities(side: SideText) -> list[Quantity]:
    """Every value in a side's text, in order of appearance."""
    text = side.text
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _ROMAN_DATE.finditer(text):
        d, mo, y = int(m.group(1)), _roman(m.group(3)), int(m.group(4))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            found += [Quantity(frozenset({float(d)}), m.start(1), m.end(1), m.group(1)),
                      Quantity(frozenset({f"month:{mo}"}), m.start(3), m.end(3), m.group(3)),
                      Quantity(frozenset({float(y)}), m.start(4), m.end(4), m.group(4))]
            taken.append((m.start(), m.end()))
    for m in _DATE.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        d, mo, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if 1 <= mo <= 12:
            found += [Quantity(frozenset({float(d)}), m.start(1), m.end(1), m.group(1)),
                      Quantity(frozenset({f"month:{mo}"}), m.start(3), m.end(3), m.group(3)),
                      Quantity(frozenset({float(y)}), m.start(4), m.end(4), m.group(4))]
            taken.append((m.start(), m.end()))
    for m in _TIME.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        # a time is one value, hours + minutes / 100, as "3.30" reads in a text that writes times so
        h, mi = int(m.group(1)), int(m.group(2))
        clock = _CLOCK.match(text, m.end())
        hours = {h} | ({h + 12} if clock and clock.group(1).lower() == "p" and h < 12 else set()) \
            | ({h - 12} if 12 < h < 24 and mi == 0 else set())  # 13:00 is "one o'clock" ("ժամը մեկը")
        found.append(Quantity(frozenset(_num(x + mi / 100) for x in hours), m.start(), m.end(2), m.group()))
        taken.append((m.start(), m.end()))
    for m in _CURRENCY_SCALE.finditer(text):  # $5m, £125m, €2bn
        mult = {"m": 1e6, "bn": 1e9, "k": 1e3}[m.group(2)]
        v = float(m.group(1).replace(",", "."))
        found.append(Quantity(frozenset({_num(v * mult)}), m.start(), m.end(), m.group()))
        taken.append((m.start(), m.end()))
    for m in _DIGITS.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        for a, b, values in _parse_digits(m.group()):
            start, end = m.start() + a, m.start() + b
            sc = _SCALE_AFTER.match(text, end)
            if sc:
                mult = _scale_value(sc.group(1))
                values = {v * mult for v in values}
                end = sc.end()
                taken.append((sc.start(1), sc.end(1)))
            elif _DECADE.match(text, end):  # the 1930s / 30-х годов / 30-ական
                values |= {v % 100 for v in values if v >= 1000 and v % 10 == 0}
                values |= {1900 + v for v in values if v < 100 and v % 10 == 0}
            clock = _CLOCK.match(text, end)
            if clock and clock.group(1).lower() == "p":  # 3 p.m. / 15:00
                values |= {v + 12 for v in values if v < 12}
            unit = bool(_UNIT.match(text, end) or _UNIT_HYPHEN.match(text, end)
                        or _UNIT_BEFORE.search(text, max(0, start - 6), start))
            found.append(Quantity(frozenset(_num(v) for v in values), start, end, text[start:end], unit=unit))
    for m in _CENTURY.finditer(text):
        for g in (1, 2):
            if m.group(g) and m.group(g).isupper():
                found.append(Quantity(frozenset({float(_roman(m.group(g)))}), m.start(g), m.end(g), m.group(g)))
    words = _word_quantities(side, taken) if side.lang not in TEXT2NUM_LANGS else _text2num_quantities(side, taken)
    found += _halves(side, words) + _tens_of(side)
    months = _months(side, found)
    found = _dated_ordinals(side, found, months) + months + _relative_days(side)
    found = [_not_required(side, q) if _NOT_REQUIRED.search(text[max(0, q.start - 12):q.start] + q.text.lower())
             or (q.start == 0 and _ENUMERATOR.match(text)) else q for q in found]
    found.sort(key=lambda q: q.start)
    return found


#: Before a number that names rather than counts: a markup placeholder ("{1 }"), a world war ("World War
#: Two"), a golf course's half ("the back nine") or the
#: denominator of a fraction ("2⁄3", whose "two-thirds" reads as 2).
_NOT_REQUIRED = re.compile(r"(?:\{\s*|\b[Ww]ar\s+|\b(?:back|front)\s+(?=nine$)|\d⁄)\w+$")
#: A paragraph's number at the start of a line: "4. 1919 թվականին ..." (the other version may not number it).
_ENUMERATOR = re.compile(r"\d{1,2}[.)]\s+(?=\S)")


def _not_required(side: SideText, q: Quantity) -> Quantity:
    return Quantity(q.values, q.start, q.end, q.text, weak=True, unit=q.unit, ordinal=q.ordinal,
                    relative=q.relative)


#: Days named relative to today, longest phrases first: (pattern, days from today).
_RELATIVE = {
    "en": ((r"the day after tomorrow", 2), (r"the day before yesterday", -2), (r"today|tonight", 0),
           (r"tomorrow", 1), (r"yesterday", -1)),
    "ru": ((r"послезавтра|послезавтрашн\w*", 2), (r"позавчера|позавчерашн\w*", -2),
           (r"сегодня|сегодняшн\w*", 0), (r"завтра|завтрашн\w*", 1), (r"вчера|вчерашн\w*", -1)),
    "hy": ((r"վաղը չէ մյուս օրը", 2), (r"երեկ չէ առաջին օրը", -2), (r"այսօր\w*", 0), (r"վաղը|վաղվա\w*", 1),
           (r"երեկ|երեկվա\w*", -1)),
    "fr": ((r"après-demain", 2), (r"avant-hier", -2), (r"aujourd'hui|aujourd’hui", 0), (r"demain", 1), (r"hier", -1)),
    "de": ((r"übermorgen", 2), (r"vorgestern", -2), (r"heute", 0), (r"gestern", -1)),
}


def _relative_days(side: SideText) -> list[Quantity]:
    """"tomorrow", "послезавтра", "վաղը": compared only with such words on the other side."""
    out: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for pattern, days in _RELATIVE.get(side.lang, ()):
        for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", side.text, re.IGNORECASE):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                taken.append((m.start(), m.end()))
                out.append(Quantity(frozenset({f"day:{days:+d}"}), m.start(), m.end(), m.group(), weak=True,
                                    relative=True))
    return out


_HALF_AFTER = {
    "en": re.compile(r"\s+and\s+(?:a|one)[\s-]half\b|(?:\s+[a-z]+)?\s+and\s+a\s+half\b", re.IGNORECASE),
    "ru": re.compile(r"(?:\s+[а-яё]+)?\s+с\s+половиной\b", re.IGNORECASE),
    "fr": re.compile(r"(?:\s+[a-zéèû]+)?\s+et\s+demie?\b", re.IGNORECASE),
}


#: Round plurals of a scale: "tens of thousands" (10000 or more), "десятки тысяч", "տասնյակ հազարավոր".
_TENS_OF = {
    "en": ((r"tens of thousands", 1e4), (r"hundreds of thousands", 1e5), (r"tens of millions", 1e7),
           (r"hundreds of millions", 1e8)),
    "ru": ((r"десятк\w* тысяч\w*", 1e4), (r"сот(?:ни|ен|ням|нями|нях) тысяч\w*", 1e5),
           (r"десятк\w* миллион\w*", 1e7), (r"сот(?:ни|ен|ням|нями|нях) миллион\w*", 1e8)),
    "hy": ((r"տասնյակ\w* հազար\w*", 1e4), (r"հարյուրավոր հազար\w*", 1e5)),
}


def _tens_of(side: SideText) -> list[Quantity]:
    """"tens of thousands" and its like: a round value a digit may match ("10000-ից ավել"), never required."""
    out = []
    for pattern, value in _TENS_OF.get(side.lang, ()):
        for m in re.finditer(rf"(?<!\w){pattern}", side.text, re.IGNORECASE):
            out.append(Quantity(frozenset({value}), m.start(), m.end(), m.group(), weak=True))
    return out


def _halves(side: SideText, quantities: list[Quantity]) -> list[Quantity]:
    """"three and a half", "три с половиной", "trois ans et demi": the number plus 0.5."""
    pattern = _HALF_AFTER.get(side.lang)
    if pattern is None:
        return quantities
    out = []
    for q in quantities:
        m = pattern.match(side.text, q.end)
        if m and not q.ordinal:
            q = Quantity(frozenset(_num(float(v) + 0.5) for v in q.values if not isinstance(v, str)),
                         q.start, m.end(), side.text[q.start:m.end()], weak=False)
        out.append(q)
    return out


def _dated_ordinals(side: SideText, found: list[Quantity], months: list[Quantity]) -> list[Quantity]:
    """A written ordinal next to a month is a date, and a date is required on the other side
    ("the twenty-fifth of April", "Двадцать шестого апреля")."""
    if not months:
        return found
    out = []
    for q in found:
        if q.ordinal and q.weak and any(0 <= m.start - q.end <= 4 or 0 <= q.start - m.end <= 2
                                        or side.text[q.end:m.start].strip().lower() == "of" for m in months):
            q = Quantity(q.values, q.start, q.end, q.text, weak=False, ordinal=True)
        out.append(q)
    return out


def _text2num_quantities(side: SideText, taken: list[tuple[int, int]]) -> list[Quantity]:
    """Number words of French, German, Spanish, ... through text2num, at the project's own word offsets."""
    words = [w for w in side.words if not any(a <= w.start < b for a, b in taken)]
    out = []
    for first, stop, value, ordinal in text2num_numbers([w.text for w in words], side.lang):
        start, end = words[first].start, words[stop - 1].end
        lone_one = value == 1.0 and stop - first == 1
        out.append(Quantity(frozenset({_num(value)}), start, end, side.text[start:end],
                            weak=ordinal or lone_one, ordinal=ordinal))
    return out


def _continues(prev: tuple[str, float], nxt: tuple[str, float]) -> bool:
    """Whether numeral ``nxt`` continues a number whose last part is ``prev``."""
    if nxt[0] != "unit" or prev[0] != "unit":
        return True  # hundreds and scales join anything: "two hundred", "тысяча пять"
    if 20 <= prev[1] < 100 and prev[1] % 10 == 0:
        return nxt[1] < 10  # "twenty six", "двадцать шесть"
    if prev[1] >= 100 and prev[1] % 100 == 0:
        return nxt[1] < 100  # "двести пять"
    return False  # "five six": two numbers


#: A preposition that takes the genitive before "тысячи": one thousand ("свыше тысячи людей"), not thousands.
_GENITIVE_BEFORE = re.compile(r"(?<!\w)(?:свыше|более|менее|около|до|от|из|с|без|порядка|больше|меньше)\s+$",
                              re.IGNORECASE)


def _word_quantities(side: SideText, taken: list[tuple[int, int]]) -> list[Quantity]:
    out: list[Quantity] = []
    run: list[tuple[int, int, list[tuple[str, float]]]] = []

    def flush() -> None:
        real = [r for r in run if r[2]]
        if real:
            parts = [p for _, _, ps in real for p in ps]
            word = side.text[real[0][0]:real[0][1]].lower()
            vague = len(run) == 1 and {k for k, _ in parts} == {"scale"} and word not in SINGULAR_SCALES \
                and not (side.lang in ("ru", "uk", "be") and _GENITIVE_BEFORE.search(side.text, 0, real[0][0]))
            if not vague:  # "thousands of", "тысячи людей" are not values
                value = combine(parts)
                start, end = run[0][0], run[-1][1]
                # a lone "one", or a scale word with no number before it ("a thousand",
                # "до тысячи"): matched when present, never required
                weak = len(parts) == 1 and (value == 1.0 or parts[0][0] == "scale")
                unit = bool(_UNIT.match(side.text, end) or _UNIT_HYPHEN.match(side.text, end))  # "six meters"
                out.append(Quantity(frozenset({_num(value)}), start, end, side.text[start:end], weak, unit=unit))
        run.clear()

    prev_end = -1
    for w in side.words:
        if any(a <= w.start < b for a, b in taken):
            flush()
            continue
        parts = word_numeral(w.text, side.lang)
        joined = bool(run) and side.text[prev_end:w.start].strip(" -\u00a0") == ""
        if parts is None:
            ordinal = weak_value(w.text, side.lang)
            if ordinal is not None:
                tens = [r for r in run if r[2]]
                if joined and tens and ordinal < 10 and _continues(tens[-1][2][-1], ("unit", ordinal)):
                    # "двадцать шестого", "twenty first": a cardinal run closed by an ordinal
                    value = combine([p for _, _, ps in tens for p in ps]) + ordinal
                    start = tens[0][0]
                    run.clear()
                    out.append(Quantity(frozenset({_num(value)}), start, w.end, side.text[start:w.end], weak=True,
                                        ordinal=True))
                else:
                    flush()
                    out.append(Quantity(frozenset({ordinal}), w.start, w.end, w.text, weak=True, ordinal=True))
                prev_end = w.end
                continue
            inside = compound_value(w.text, side.lang)
            held = conversion_values(w.text, side.lang) if inside is None else frozenset({inside})
            if held is not None:
                flush()
                out.append(Quantity(frozenset(_num(v) for v in held), w.start, w.end, w.text, weak=True))
                prev_end = w.end
                continue
            if side.lang == "en" and w.lower == "and" and joined and run[-1][2]:
                prev_end = w.end  # "one hundred and five"
                continue
            flush()
            if side.lang == "en" and w.lower in ("a", "an"):
                run.append((w.start, w.end, []))  # "a million"; dropped unless a scale follows
            prev_end = w.end
            continue
        if run and (not joined or (run[-1][2] and not _continues(run[-1][2][-1], parts[0]))):
            flush()
        if run and not run[-1][2] and parts[0][0] not in ("hundred", "scale"):
            run.clear()  # "a" before something other than hundred/thousand/million
        run.append((w.start, w.end, parts))
        prev_end = w.end
    flush()
    return out


def _months(side: SideText, numbers: list[Quantity]) -> list[Quantity]:
    out = []
    context = month_context(side.lang)
    words = side.words
    for k, w in enumerate(words):
        hit = month_of(w.text, side.lang)
        if not hit:
            continue
        month, needs_number = hit
        before = words[k - 1].lower.rstrip("'’") if k > 0 else ""
        after = words[k + 1].text if k + 1 < len(words) else ""
        if needs_number and not any(q.end <= w.start and w.start - q.end <= 3 or
                                    q.start >= w.end and q.start - w.end <= 3 for q in numbers) \
                and not (before in context and (w.capitalised or side.lang != "en")) \
                and not month_context_after(after, side.lang):
            continue
        out.append(Quantity(frozenset({f"month:{month}"}), w.start, w.end, w.text))
    return out


def _unmatched(a: list[Quantity], b: list[Quantity]) -> tuple[list[Quantity], list[Quantity]]:
    """The required values of each side that the other side lacks.  Values required on both
    sides are paired first, so a weak reading ("un", an ordinal) does not take a digit's match."""
    used_a, used_b = [False] * len(a), [False] * len(b)
    for strong_only in (True, False):
        for i, q in enumerate(a):
            if used_a[i] or (strong_only and q.weak):
                continue
            for k, r in enumerate(b):
                if not used_b[k] and not (strong_only and r.weak) and q.values & r.values:
                    used_a[i] = used_b[k] = True
                    break
    return ([q for i, q in enumerate(a) if not used_a[i] and not q.weak],
            [r for k, r in enumerate(b) if not used_b[k] and not r.weak])


def _kept_as_written(q: Quantity, other: str) -> bool:
    """Whether a value written with letters appears as written, a whole word, in the other text."""
    return any(c.isalpha() for c in q.text) and len(q.text) >= 3 and q.text[:1].isupper() and \
        re.search(rf"(?<!\w){re.escape(q.text)}(?!\w)", other) is not None


def _date_part(q: Quantity, side: list[Quantity]) -> bool:
    """A month, a year (four digits, 1000–2100) or a day next to a month: a date, which translations add
    or leave out for context more often than they change a count."""
    if any(isinstance(v, str) for v in q.values):
        return True
    if q.text.isdigit() and len(q.text) == 4 and 1000 <= int(q.text) <= 2100:
        return True
    return any(isinstance(v, str) and v.startswith("month:")
               and (0 <= m.start - q.end <= 4 or 0 <= q.start - m.end <= 4) for m in side for v in m.values)


def one_side_floor(only_src: list[Quantity], only_tgt: list[Quantity],
                   qs: list[Quantity], qt: list[Quantity]) -> float:
    """:data:`ONE_SIDE_FLOOR` when one side alone has values the other lacks (nothing replaced), one of
    them a count (not next to a unit, not part of a date, not a day named from today), and the other
    side holds values; else 0."""
    if bool(only_src) == bool(only_tgt):
        return 0.0
    lone, own, other = (only_src, qs, qt) if only_src else (only_tgt, qt, qs)
    if other and any(not q.unit and not q.relative and not _date_part(q, own) for q in lone):
        return ONE_SIDE_FLOOR
    return 0.0


def score(src: SideText, tgt: SideText) -> Finding | None:
    """Flag values present on one side only; None when both sides hold no values."""
    qs, qt = quantities(src), quantities(tgt)
    if not qs and not qt:
        return None
    only_src, only_tgt = _unmatched(qs, qt)
    # a number written in words the other side keeps as written is a name ("BAC One-Eleven")
    only_src = [q for q in only_src if not _kept_as_written(q, tgt.text)]
    only_tgt = [q for q in only_tgt if not _kept_as_written(q, src.text)]
    # "tomorrow" need not be there at all (a date may stand for it), but "the day after tomorrow" differs
    rel_s, rel_t = [q for q in qs if q.relative], [q for q in qt if q.relative]
    if rel_s and rel_t and not {v for q in rel_s for v in q.values} & {v for q in rel_t for v in q.values}:
        only_src, only_tgt = only_src + rel_s, only_tgt + rel_t
    finding = Finding("numbers", 0.0, features={"numbers": 0.0, "numbers_one_side": 0.0})
    if not only_src and not only_tgt:
        return finding
    def weight(qs: list[Quantity]) -> float:
        return sum(UNIT_WEIGHT if q.unit else 1.0 for q in qs)

    ws, wt = weight(only_src), weight(only_tgt)
    finding.value = evidence(max(ws, wt), FIRST)
    # a value replaced by another (on both sides) is surer evidence than one on one side only
    # (a date the translation leaves out, a conversion): the combination weighs them apart
    replaced = min(ws, wt)
    finding.features = {"numbers": evidence(replaced, FIRST),
                        "numbers_one_side": evidence(max(ws, wt) - replaced, FIRST)}
    finding.floor = one_side_floor(only_src, only_tgt, qs, qt)
    parts = []
    if only_src:
        parts.append("in the source only: " + ", ".join(quote(q.text) for q in only_src))
    if only_tgt:
        parts.append("in the target only: " + ", ".join(quote(q.text) for q in only_tgt))
    finding.reasons.append("numbers differ — " + "; ".join(parts))
    finding.marks += [Mark("source", q.start, q.end, "numbers", f"{q.label()}: not in the target")
                      for q in only_src]
    finding.marks += [Mark("target", q.start, q.end, "numbers", f"{q.label()}: not in the source")
                      for q in only_tgt]
    return finding
