"""A clean pair of opposites reversed, with no negation to cancel it, keeps the bead in the review queue
(DEMETR's "antonym" edits, even ids); loose pairs, a negation on one side and Armenian comparatives do not
(NTREX-128's professional translations)."""
from __future__ import annotations

import pytest

from align.divergence import DEFAULT_REVIEW_THRESHOLD, antonyms, score_pair
from align.divergence.tokens import SideText

#: A cosine an equivalent pair has (DEMETR's edited translations keep the sentence: 0.93-0.95).
SIMILAR = 0.94


@pytest.mark.parametrize("src, kept, reversed_, said, opposite", [
    ("Психолог Вероника Степанова, у которой более 1 млн подписчиков в Youtube, рассказала о бойце MMA Александре "
     "Емельяненко, который является бывшим мужем ее сестры.",
     "Psychologist Veronika Stepanova, who has more than 1 million subscribers on Youtube, spoke about MMA fighter "
     "Alexander Emelianenko, who is her sister's ex-husband.",
     "Psychologist Veronika Stepanova, who has less than 1 million subscribers on Youtube, spoke about MMA fighter "
     "Alexander Emelianenko, who is her sister's ex-husband.", "less", "более"),
    ("Худшая команда АПЛ \"Норвич\" потеряла шансы на сохранение прописки в АПЛ 11 июля.",
     "The worst team in the Premier League, Norwich, lost their chances of retaining their place in the Premier "
     "League on July 11.",
     "The best team in the Premier League, Norwich, lost their chances of retaining their place in the Premier "
     "League on July 11.", "best", "Худшая"),
    ("Это представляет хорошую возможность увидеть северное сияние, потому что небо будет более или менее тёмным "
     "круглые сутки.",
     "This presents a good opportunity to see the northern lights because the sky will be more or less dark around "
     "the clock.",
     "This presents a bad opportunity to see the northern lights because the sky will be more or less dark around "
     "the clock.", "bad", "хорошую"),
    # pairs added with the floor: current/former, arrive/depart
    ("Глава Дагестана Владимир Васильев провел встречу с действующим чемпионом UFC в легком весе Хабибом "
     "Нурмагомедовым, сообщает сайт главы республики.",
     "The head of Dagestan Vladimir Vasiliev held a meeting with the current UFC lightweight champion Khabib "
     "Nurmagomedov, the website of the head of the republic reports.",
     "The head of Dagestan Vladimir Vasiliev held a meeting with the former UFC lightweight champion Khabib "
     "Nurmagomedov, the website of the head of the republic reports.", "former", "действующим"),
    ("Президент России Владимир Путин прибыл в Санкт-Петербург на Главный парад Военно-морского флота России.",
     "Russian President Vladimir Putin arrived in St. Petersburg for the Main Parade of the Russian Navy.",
     "Russian President Vladimir Putin departed in St. Petersburg for the Main Parade of the Russian Navy.",
     "departed", "прибыл"),
])
def test_a_clean_antonym_keeps_the_bead_in_the_queue(src, kept, reversed_, said, opposite):
    d = score_pair(src, reversed_, "ru", "en", SIMILAR)
    assert d.score >= DEFAULT_REVIEW_THRESHOLD
    assert any(r.startswith(f"antonym: the target says “{said}” where the source says the opposite (“{opposite}”)"
                            " — a clean pair of opposites") for r in d.reasons)
    f = antonyms.score(SideText(src, "ru"), SideText(reversed_, "en"))
    assert f is not None and f.floor == antonyms.FLIPPED_FLOOR and f.floor_rule == "clean pair"
    assert score_pair(src, kept, "ru", "en", SIMILAR).score < DEFAULT_REVIEW_THRESHOLD


@pytest.mark.parametrize("a, la, b, lb", [
    # a negation on one side only cancels the opposite: "ended in failure" / "не увенчались успехом"
    ("The supermarket's previous attempt to revamp its beauty and pharmacy departments ended in failure.", "en",
     "Предыдущие попытки супермаркета дать новую жизнь своим косметическому и аптечному отделам не увенчались "
     "успехом.", "ru"),
    # a loose pair: "a 2&1 defeat of Dustin Johnson" / "победив Дастина Джонсона"
    ("Justin Rose, rested for the morning fourballs, returned to partner Henrik Stenson in the foursomes to a 2&1 "
     "defeat of Dustin Johnson and Brooks Koepka - ranked one and three in the world.", "en",
     "Джастин Роуз, отдохнувший перед утренней игрой в четыре мяча, вернулся к напарнику Хенрику Стенсону в "
     "четверке, победив Дастина Джонсона и Брукса Кепку со счетом 2/1, занимающих первое и третье места в мире.",
     "ru"),
    # Armenian "ավելի" marks any comparative: "ավելի քիչ" is "less"
    ("He also said becoming a parent made him care less about winning the Olympics.", "en",
     "Նա նաև ասաց, որ ծնող դառնալուց հետո իրեն ավելի քիչ է հետաքրքրում Օլիմպիադայում հաղթելը։", "hy"),
])
def test_no_antonym_floor_where_something_else_explains_it(a, la, b, lb):
    f = antonyms.score(SideText(a, la), SideText(b, lb))
    assert f is not None and f.value > 0  # the component still fires, as a weighted feature
    assert f.floor == 0 and not any("clean pair" in r for r in f.reasons)


def test_profits_are_no_arrival():
    # "прибыли" is "arrived" and "profits": left out of the arrival words, so profits never face "departed"
    f = antonyms.score(SideText("Компания получила прибыли в прошлом году.", "ru"),
                       SideText("The company departed from its profits last year.", "en"))
    assert f is not None and f.value == 0
    f = antonyms.score(SideText("Делегация прибыла в Ереван.", "ru"),
                       SideText("The delegation departed Yerevan.", "en"))
    assert f is not None and f.value > 0 and f.floor == antonyms.FLIPPED_FLOOR
