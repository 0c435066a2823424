"""Numbers and dates: every grouping, written-out numbers and month names in en/ru/hy."""
from __future__ import annotations

import pytest

from align.divergence import numbers
from align.divergence.tokens import SideText


def values(text: str, lang: str) -> list:
    return [sorted(q.values, key=str) for q in numbers.quantities(SideText(text, lang))]


def score(src: str, sl: str, tgt: str, tl: str):
    return numbers.score(SideText(src, sl), SideText(tgt, tl))


@pytest.mark.parametrize("text", ["5,000,000", "5 000 000", "5.000.000", "5\u00a0000\u00a0000",
                                  "5\u202f000\u202f000", "5\u2009000\u2009000", "5 million", "5 млн",
                                  "5 миллионов", "five million", "пять миллионов", "հինգ միլիոն", "5 միլիոն"])
def test_five_million_in_every_grouping_and_wording(text):
    lang = "hy" if any("\u0530" <= c <= "\u058f" for c in text) else (
        "ru" if any("\u0400" <= c <= "\u04ff" for c in text) else "en")
    assert values(text, lang) == [[5_000_000.0]]


def test_decimals_with_either_separator_and_the_ambiguous_group_of_three():
    assert values("1.5 and 3,25", "en") == [[1.5], [3.25]]
    assert values("1,5 и 3.25", "ru") == [[1.5], [3.25]]
    # "1,500" is 1500 in English and 1.5 in Russian: either reading matches
    assert values("1,500", "en") == [[1.5, 1500.0]]
    assert score("1,500 человек", "ru", "1500 people", "en").value == 0
    assert score("1,5 тысячи", "ru", "1.5 thousand", "en").value == 0


@pytest.mark.parametrize("text,lang,expected", [
    ("twenty-six", "en", 26), ("one hundred and five", "en", 105), ("two thousand", "en", 2000),
    ("a million", "en", 1e6), ("двадцать шесть", "ru", 26), ("двумстам", "ru", 200),
    ("трёх тысяч", "ru", 3000), ("шестерых", "ru", 6), ("два", "ru", 2), ("две", "ru", 2),
    ("երկու", "hy", 2), ("երկուսը", "hy", 2), ("քսանհինգ", "hy", 25), ("տասնհինգ", "hy", 15),
    ("երեք հարյուր", "hy", 300),
])
def test_written_out_numbers(text, lang, expected):
    assert values(text, lang) == [[float(expected)]]


def test_words_that_only_look_like_numerals_are_not_numbers():
    assert values("հինգշաբթի օրը", "hy") == []  # Thursday
    assert values("thousands of people came", "en") == []
    assert values("тысячи людей пришли", "ru") == []
    assert values("You may join the March if you want", "en") == []  # "may", "march" need a number or "in"


@pytest.mark.parametrize("src,sl,tgt,tl", [
    ("April 26, 1920", "en", "26 апреля 1920 г.", "ru"),
    ("April 26, 1920", "en", "1920 թ. ապրիլի 26", "hy"),
    ("26 апреля 1920 г.", "ru", "1920 թ. ապրիլի 26", "hy"),
    ("on the 26th of April", "en", "26-го апреля", "ru"),
    ("on the 26th of April", "en", "ապրիլի 26-ին", "hy"),
    ("in the 1930s", "en", "в 30-х годах", "ru"),
    ("at 7.55am", "en", "в 7:55", "ru"),
    ("at 3 p.m.", "en", "в 15:00", "ru"),
    ("in the 19th century", "en", "в XIX веке", "ru"),
    ("in the 19th century", "en", "XIX դարում", "hy"),
    ("the fourth round", "en", "4-րդ փուլը", "hy"),
    ("the June summit", "en", "июньский саммит", "ru"),
    ("five million Turkish lira", "en", "пять миллионов турецких лир", "ru"),
    ("five million Turkish lira", "en", "հինգ միլիոն թուրքական լիրա", "hy"),
])
def test_the_same_dates_and_numbers_written_differently_match(src, sl, tgt, tl):
    f = score(src, sl, tgt, tl)
    assert f is not None and f.value == 0, f and f.reasons


@pytest.mark.parametrize("word,lang,month", [
    ("апреля", "ru", 4), ("апрель", "ru", 4), ("апреле", "ru", 4), ("мая", "ru", 5), ("мае", "ru", 5),
    ("августе", "ru", 8), ("декабрём", "ru", 12), ("ապրիլ", "hy", 4), ("ապրիլի", "hy", 4),
    ("ապրիլին", "hy", 4), ("ապրիլից", "hy", 4), ("հունիսյան", "hy", 6), ("September", "en", 9),
    ("Sept.", "en", 9), ("july", "en", 7),
])
def test_month_names_in_every_case_form(word, lang, month):
    assert values(word, lang) == [[f"month:{month}"]]


def test_a_changed_day_is_flagged_and_marked_on_both_sides():
    src, tgt = "Ангора, 26 апреля 1920 г.", "Angora, April 27, 1920"
    f = score(src, "ru", tgt, "en")
    assert f.value >= 0.5
    assert "“26”" in f.reasons[0] and "“27”" in f.reasons[0]
    marks = {(m.side, (src if m.side == "source" else tgt)[m.start:m.end]) for m in f.marks}
    assert marks == {("source", "26"), ("target", "27")}


def test_a_missing_year_and_a_changed_month_count_separately():
    one = score("April 26, 1920", "en", "26 апреля", "ru").value
    two = score("April 26, 1920", "en", "26 мая", "ru").value
    assert 0.5 <= one < two < 1.0


def test_a_number_left_out_is_flagged():
    f = score("пять миллионов турецких лир", "ru", "Turkish lira in gold", "en")
    assert f.value >= 0.5 and "in the source only" in f.reasons[0]


def test_converted_units_count_for_less_than_other_numbers():
    converted = score("winds of 85 mph", "en", "ветер до 137 км/ч", "ru").value
    changed = score("85 people", "en", "137 человек", "ru").value
    assert converted < 0.5 <= changed


def test_a_lone_one_is_not_required():
    assert score("one of the reasons", "en", "из причин", "ru").value == 0
    assert score("одна из причин", "ru", "one of the reasons", "en").value == 0


def test_no_numbers_on_either_side_means_no_finding():
    assert score("Мы просим Вас принять", "ru", "We ask you to accept", "en") is None
