"""Tense and aspect: Russian verbs through pymorphy3, English markers, on sentences like the seed's."""
from __future__ import annotations

import subprocess
import sys

import pytest

from align.divergence import score_pair, tense
from align.divergence.tokens import SideText

RU_PAST = "Соглашение подписали в Ангоре 26 апреля 1920 года."
RU_FUTURE = "Соглашение подпишут в Ангоре до конца года."
RU_PRESENT = "В Московском регионе в воскресенье ожидаются небольшие дожди."


def run(src: str, tgt: str, src_lang: str = "ru", tgt_lang: str = "en"):
    return tense.score(SideText(src, src_lang), SideText(tgt, tgt_lang))


@pytest.mark.parametrize("tgt", [
    "The agreement was signed in Angora on April 26, 1920.",
    "They signed the agreement in Angora on April 26, 1920.",
    "The agreement has been signed in Angora on April 26, 1920.",   # a perfect fits a Russian past
])
def test_a_past_rendered_in_the_past_or_perfect_is_not_flagged(tgt):
    assert run(RU_PAST, tgt).value == 0


def test_a_past_rendered_as_a_future_is_flagged_with_both_verbs_marked():
    tgt = "The agreement will be signed in Angora on April 26, 1920."
    f = run(RU_PAST, tgt)
    assert f.value == tense.TENSE
    assert "future" in f.reasons[0] and "“will”" in f.reasons[0] and "“подписали”" in f.reasons[0]
    marked = {(m.side, (tgt if m.side == "target" else RU_PAST)[m.start:m.end]) for m in f.marks}
    assert marked == {("target", "will"), ("source", "подписали")}


def test_a_future_rendered_in_the_past_is_flagged():
    f = run(RU_FUTURE, "The agreement was signed in Angora before the end of the year.")
    assert f.value == tense.TENSE and "“подпишут”" in f.reasons[0]
    assert run(RU_FUTURE, "The agreement will be signed in Angora by the end of the year.").value == 0


def test_a_past_rendered_as_a_present_counts_as_weak_evidence():
    f = run("Худшая команда лиги потеряла шансы 11 июля.", "The worst team in the league loses its chances on July 11.")
    assert f.value == tense.TENSE_COUNT and "“потеряла”" in f.reasons[0]
    assert run("Худшая команда лиги потеряла шансы 11 июля.",
               "The worst team in the league lost its chances on July 11.").value == 0


def test_a_present_rendered_in_the_past_is_flagged_but_a_passive_present_is_not():
    assert run(RU_PRESENT, "Light rain is expected in the Moscow region on Sunday.").value == 0
    f = run(RU_PRESENT, "Light rain was expected in the Moscow region on Sunday.")
    assert f.value > 0 and "“ожидаются”" in f.reasons[0]


def test_participles_used_as_adjectives_are_not_past_verbs():
    src = "За сутки умерло 77 человек с подтвержденным коронавирусом."
    assert run(src, "Within a day, 77 people with confirmed coronavirus died.").value == 0
    # ... but a past form after "and" is a verb: two Russian past verbs, two English ones
    assert run("Полиция задержала и арестовала 45 человек.", "Police detained and arrested 45 people.").value == 0


def test_a_russian_conditional_is_not_a_past_tense():
    assert run("Он сказал, что пришёл бы, если бы мог.", "He said that he would come if he could.").value == 0


def test_an_ongoing_form_for_a_completed_action_is_an_aspect_difference():
    src = "Об этом рассказал генеральный секретарь партии."
    f = run(src, "The general secretary of the party was speaking about this.")
    assert f.value == tense.ASPECT and f.reasons[0].startswith("aspect:")
    assert {m.label for m in f.marks} == {"aspect"}
    assert run(src, "The general secretary of the party spoke about this.").value == 0
    # an imperfective verb may well be rendered as ongoing
    assert run("Он занимал эту должность два года.", "He was holding this position for two years.").value == 0


def test_english_source_and_russian_target_work_the_other_way_round():
    f = run("The agreement will be signed in Angora.", "Соглашение подписали в Ангоре.", "en", "ru")
    assert f.value == tense.TENSE
    assert {m.side for m in f.marks} == {"source", "target"}


def test_two_versions_in_one_language_compare_their_tenses():
    assert run("The treaty was signed in Angora.", "The treaty will be signed in Angora.", "en", "en").value > 0
    assert run("The treaty was signed in Angora.", "In Angora the treaty was signed.", "en", "en").value == 0
    assert run(RU_PAST, RU_FUTURE, "ru", "ru").value > 0


def test_other_languages_are_not_judged():
    assert run(RU_PAST, "Համաձայնագիրը ստորագրվեց Անկարայում։", "ru", "hy") is None


def test_the_component_and_its_reason_reach_the_pair_score():
    d = score_pair(RU_PAST, "The agreement will be signed in Angora on April 26, 1920.", "ru", "en", 0.9)
    assert d.components["tense"] == tense.TENSE
    assert any(r.startswith("tense:") for r in d.reasons)
    ok = score_pair(RU_PAST, "The agreement was signed in Angora on April 26, 1920.", "ru", "en", 0.9)
    assert ok.components["tense"] == 0 and d.score > ok.score


def test_the_russian_analyser_loads_on_first_use_not_at_import():
    code = ("import sys, align, align.divergence; assert 'pymorphy3' not in sys.modules; "
            "align.divergence.score_pair('Five.', 'Пять.', 'en', 'ru', 0.9); print('pymorphy3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


@pytest.mark.parametrize("src, tgt", [
    ("Когда ты вернёшься?", "When will you come back?"),
    ("Пока неизвестно, когда начнётся суд.", "It is not yet known when the trial will begin."),
    ("Если он окажет сопротивление, им придётся воевать.", "If he shows resistance, they will have to fight."),
    ("Актёр Уилл Смит получил премию.", "Actor Will Smith received the award."),
    ("Я уже сделал это.", "I have already done it."),
    ("Они взяли город.", "They have taken the city."),
    ("Он положил книгу на стол.", "He put the book on the table."),
    ("Он ушёл.", "He's gone."),
    ("Она не знала, что он уже уехал.", "She didn't know he'd already left."),
    ("Нам сказали, что поезд опаздывает.", "We were told that the train was late."),
    ("В Женеве — переговоры.", "Talks are taking place in Geneva."),
])
def test_correct_translations_that_once_looked_like_tense_shifts(src, tgt):
    assert run(src, tgt).value == 0, run(src, tgt).reasons


def test_a_russian_present_for_a_future_is_only_weak_evidence():
    f = run("Завтра я лечу в Париж.", "Tomorrow I will fly to Paris.")
    assert f.value == tense.TENSE_COUNT and "no future tense" in f.reasons[0]


def test_same_language_sides_without_a_tense_are_not_compared():
    assert run("Подписание соглашения в 1920 году.", RU_PAST, "ru", "ru").value == 0
    assert run("He came.", "He would come.", "en", "en").value == 0
    assert run("The treaty of 1920.", "The treaty was signed in 1920.", "en", "en").value == 0
