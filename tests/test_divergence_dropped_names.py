"""A person's full name one side drops whole keeps the bead in the review queue (issues 19/20: DEMETR's
"named entity removed"); a dropped adjective, acronym, single name, place or people does not.  The pairs are
DEMETR ru→en items with even ids (the edited translation against the unedited one) and NTREX-128 lines."""
from __future__ import annotations

import pytest

from align.divergence import DEFAULT_REVIEW_THRESHOLD, names, score_pair
from align.divergence.fullnames import full_name
from align.divergence.tokens import SideText

#: A cosine an equivalent pair has (DEMETR's edited translations keep the sentence: 0.93-0.95).
SIMILAR = 0.94

STEPANOVA = ("Психолог Вероника Степанова, у которой более 1 млн подписчиков в Youtube, рассказала о бойце MMA "
             "Александре Емельяненко, который является бывшим мужем ее сестры.")
KORB = "Об этом в интервью ERR рассказал генеральный секретарь Центристской партии Михаил Корб."
SUVOROV = ("Это произошло в октябре 2016 года, когда он был задержан вместе с другим заместителем мэра Артемом "
           "Суворовым (Центристская партия).")


@pytest.mark.parametrize("src, kept, dropped, name", [
    (STEPANOVA,
     "Psychologist Veronika Stepanova, who has more than 1 million subscribers on Youtube, spoke about MMA fighter "
     "Alexander Emelianenko, who is her sister's ex-husband.",
     "Psychologist, who has more than 1 million subscribers on Youtube, spoke about MMA fighter Alexander "
     "Emelianenko, who is her sister's ex-husband.", "Вероника Степанова"),
    (KORB, "Mikhail Korb, general secretary of the Center Party, spoke about this in an interview with ERR.",
     "General secretary of the Center Party, spoke about this in an interview with ERR.", "Михаил Корб"),
    (SUVOROV, "This happened in October 2016, when he was detained along with another deputy mayor, Artem Suvorov "
              "(Centre Party).",
     "This happened in October 2016, when he was detained along with another deputy mayor, (Centre Party).",
     "Артемом Суворовым"),
])
def test_a_persons_full_name_dropped_keeps_the_bead_in_the_queue(src, kept, dropped, name):
    d = score_pair(src, dropped, "ru", "en", SIMILAR)
    assert d.score >= DEFAULT_REVIEW_THRESHOLD
    assert d.reasons[0] == (f"names: the source names “{name}”, a person's full name, and the target drops it: "
                            "no word of it is found there")
    f = names.score(SideText(src, "ru"), SideText(dropped, "en"))
    assert f is not None and f.floor == names.DROPPED_FLOOR and f.floor_rule == "full name dropped"
    # the unedited translation keeps the name: no floor, not flagged
    same = score_pair(src, kept, "ru", "en", SIMILAR)
    assert same.score < DEFAULT_REVIEW_THRESHOLD and not any("full name" in r for r in same.reasons)


def test_an_english_full_name_the_russian_drops_is_caught_too():
    src = ("Psychologist Veronika Stepanova, who has more than 1 million subscribers on Youtube, spoke about MMA "
           "fighter Alexander Emelianenko, who is her sister's ex-husband.")
    tgt = ("Психолог, у которой более 1 млн подписчиков в Youtube, рассказала о бойце MMA Александре Емельяненко, "
           "который является бывшим мужем ее сестры.")
    d = score_pair(src, tgt, "en", "ru", SIMILAR)
    assert d.score >= DEFAULT_REVIEW_THRESHOLD
    assert any("“Veronika Stepanova”, a person's full name, and the target drops it" in r for r in d.reasons)


@pytest.mark.parametrize("src, lang_s, tgt, lang_t", [
    # DEMETR: an adjective of a party's name dropped, the person kept ("Центристской" is no name)
    (KORB, "ru", "Mikhail Korb, general secretary of the Party, spoke about this in an interview with ERR.", "en"),
    # DEMETR: an acronym dropped (twice)
    ("Худшая команда АПЛ \"Норвич\" потеряла шансы на сохранение прописки в АПЛ 11 июля.", "ru",
     "The worst team in, Norwich, lost their chances of retaining their place in on July 11.", "en"),
    # DEMETR: one surname dropped, a place dropped
    ("Наличие настоящей \"невидимой команды\" (Ларсон и ЛаФасто, 1989 г., с. 109) также является уникальным "
     "компонентом виртуальной команды.", "ru",
     "Having a true \"invisible team\" ( and LaFasto, 1989, p. 109) is also a unique component of the virtual team.",
     "en"),
    ("В понедельник, 27 июля, в Петербурге будет малооблачно, осадков не ожидается.", "ru",
     "On Monday, July 27, in will be slightly cloudy with no precipitation expected.", "en"),
    # NTREX-128: a people in capitals, rendered by lower-case adjectives
    ("My mother was a Czechoslovak Jew who was deported to Auschwitz by the same Nazi regime that once occupied my "
     "ambassadorial home.", "en",
     "Моя мать была чехословацкой еврейкой, сосланной в Освенцим тем же нацистским режимом, чиновники которого "
     "когда-то занимали посольский дом, в котором я жил много лет спустя.", "ru"),
    # NTREX-128: a nickname rendered in part ("Brother Love" / "Браза Лав"): the other side's capitalised common
    # words are left unmatched too, and may be the name's rendering
    ("Sean Combs has been variously known as Puff Daddy, P. Diddy or Diddy, but this year announced his preference "
     "for the names Love and Brother Love.", "en",
     "Шон Комбс, раньше известный как Пафф Дэдди, Пи Дидди или просто Дидди, в этом году попросил называть себя Лав "
     "(«любовь») или Браза Лав («Братская Любовь» или «Брат Любовь»).", "ru"),
    # DEMETR: a word repeated (a minor edit) is no full name
    ("Проведенная работа была в основном теоретической, но программа была написана для имитации наблюдений "
     "галактики в Стрельце.", "ru",
     "The work done was mostly theoretical, but the program was written to simulate observations of the galaxy in "
     "Sagittarius Sagittarius.", "en"),
])
def test_no_full_name_floor_for_adjectives_acronyms_single_names_places_or_peoples(src, lang_s, tgt, lang_t):
    f = names.score(SideText(src, lang_s), SideText(tgt, lang_t))
    assert f is not None and f.floor_rule != "full name dropped"
    assert not any("full name" in r for r in f.reasons)


def test_a_name_the_other_side_may_spell_beyond_the_rules_is_a_replacement_not_a_drop():
    # each side has a name the other lacks: the replaced-name floor's case, not this one's
    f = names.score(SideText(STEPANOVA, "ru"),
                    SideText("Psychologist Wilhelmina Pfeiffer, who has more than 1 million subscribers on Youtube, "
                             "spoke about MMA fighter Alexander Emelianenko, who is her sister's ex-husband.", "en"))
    assert f is not None and f.floor_rule != "full name dropped" and f.floor == names.REPLACED_FLOOR


def test_full_name_takes_the_person_out_of_a_run_that_also_holds_a_place():
    side = SideText("Глава Дагестана Владимир Васильев провел встречу.", "ru")
    (run,) = [r for r in names._candidates(side)]
    name = full_name(run.words, "ru", lambda text, lang: False)
    assert name is not None and [w.text for w in name] == ["Владимир", "Васильев"]
    # a word found on the other side breaks the name: "Vladimir" found leaves "Васильев" alone
    assert full_name(run.words, "ru", lambda text, lang: text == "Владимир") is None
