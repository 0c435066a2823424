"""Untranslated words, length, negation, antonyms, questions, pronoun gender: each on real sentences."""
from __future__ import annotations

import pytest

from align.divergence import antonyms, length, polarity, untranslated
from align.divergence.calibration import Calibration
from align.divergence.tokens import SideText

RU = "В Московском регионе в воскресенье, 26 июля, ожидаются небольшие дожди и переменная облачность."
EN = "In the Moscow region on Sunday, July 26, light rains and partly cloudy weather are expected."


# ------------------------------------------------------------------ untranslated
def test_russian_words_left_in_an_english_translation_are_flagged_and_marked():
    tgt = "In the Moscow region on Sunday, July 26, light rains and partly cloudy weather are ожидаются."
    f = untranslated.score(SideText(RU, "ru"), SideText(tgt, "en"))
    assert f.value >= 0.5 and "ожидаются" in f.reasons[0]
    (mark,) = f.marks
    assert tgt[mark.start:mark.end] == "ожидаются" and mark.side == "target"


def test_a_faithful_translation_has_nothing_untranslated():
    assert untranslated.score(SideText(RU, "ru"), SideText(EN, "en")).value == 0


def test_quoted_original_terms_and_letters_are_not_untranslated():
    src = "Земство решило помочь."
    tgt = "The zemstvo («земство») decided to help."
    assert untranslated.score(SideText(src, "ru"), SideText(tgt, "en")).value == 0
    assert untranslated.score(SideText("The Welsh letter w sounds like the English u.", "en"),
                              SideText("Валлийская буква w звучит как английская u.", "ru")).value == 0


def test_latin_names_kept_in_a_russian_or_armenian_translation_are_not_untranslated():
    src = "The Boston Globe reports that Toyota will stop production."
    assert untranslated.score(SideText(src, "en"), SideText("The Boston Globe сообщает, что Toyota остановит "
                                                    "производство.", "ru")).value == 0
    assert untranslated.score(SideText(src, "en"), SideText("The Boston Globe-ը հայտնում է, որ Toyota-ն կդադարեցնի "
                                                    "արտադրությունը։", "hy")).value == 0
    f = untranslated.score(SideText(src, "en"), SideText("The Boston Globe сообщает, что Toyota will stop "
                                                 "производство.", "ru"))
    assert f.value >= 0.5 and "will stop" in f.reasons[0]


def test_a_phrase_copied_between_languages_of_one_script_is_flagged():
    src = "Die Hütte liegt auf einer Höhe von zweitausend Metern über dem Meer."
    tgt = "La cabane se trouve auf einer Höhe von 2000 mètres."
    f = untranslated.score(SideText(src, "de"), SideText(tgt, "fr"))
    assert f.value >= 0.5 and "auf einer Höhe von" in f.reasons[0]
    assert untranslated.score(SideText(src, "de"), SideText("La cabane se trouve à 2000 mètres.", "fr")).value == 0


# ------------------------------------------------------------------ length
CAL = Calibration.reference(None, "ru", "en")


def test_a_much_shorter_target_is_flagged_with_the_direction():
    f = length.score(RU, "Rain is expected.", CAL)
    assert f.value >= 0.5 and "shorter" in f.reasons[0]
    g = length.score(RU, EN + " " + EN + " " + EN, CAL)
    assert g.value >= 0.5 and "longer" in g.reasons[0]


def test_ordinary_length_differences_are_exactly_zero():
    assert length.score(RU, EN, CAL).value == 0
    assert length.value(1.9) == 0 and length.value(3.0) == pytest.approx(0.5)
    assert length.value(4) < length.value(6) < length.CEILING


def test_the_expected_ratio_depends_on_the_language_pair():
    en_ru = Calibration.reference(None, "en", "ru")
    ru_en = Calibration.reference(None, "ru", "en")
    assert en_ru.len_centre == pytest.approx(-ru_en.len_centre) and en_ru.len_centre > 0


# ------------------------------------------------------------------ negation
@pytest.mark.parametrize("src,sl,tgt,tl", [
    ("Никто не пришёл.", "ru", "Nobody came.", "en"),
    ("Грузия для них угрозы не представляет.", "ru", "Georgia isn’t a threat to them.", "en"),
    ("Ես անհնար չեմ համարում այս ենթադրությունը։", "hy", "I don’t consider this assumption to be impossible.",
     "en"),
    ("Тем не менее, мы согласились.", "ru", "Nevertheless, we agreed.", "ru"),
    ("Он сделал это, не разбудив её.", "ru", "He did it without waking her.", "en"),
])
def test_the_same_polarity_written_differently_is_not_flagged(src, sl, tgt, tl):
    assert polarity.score_negation(SideText(src, sl), SideText(tgt, tl)).value == 0


def test_a_negation_on_one_side_only_is_flagged_and_marked():
    src, tgt = "Грузия для них угрозы не представляет.", "Georgia is a threat to them."
    f = polarity.score_negation(SideText(src, "ru"), SideText(tgt, "en"))
    assert f.value >= 0.5 and "the source negates" in f.reasons[0]
    (mark,) = f.marks
    assert (mark.side, src[mark.start:mark.end]) == ("source", "не")
    g = polarity.score_negation(SideText("Georgia is a threat to them.", "en"),
                                SideText("Վրաստանը նրանց համար վտանգ չի ներկայացնում։", "hy"))
    assert g.value >= 0.5 and "“չի”" in g.reasons[0]


def test_a_lexical_negative_on_the_other_side_softens_the_difference():
    hard = polarity.score_negation(SideText("Он не смог прийти.", "ru"), SideText("He came.", "en")).value
    soft = polarity.score_negation(SideText("Он не смог прийти.", "ru"), SideText("He was unable to come.", "en")).value
    assert 0 < soft < 0.5 <= hard


# ------------------------------------------------------------------ antonyms, questions, gender
def test_an_antonym_of_a_source_word_is_flagged():
    f = antonyms.score(SideText("Цены на нефть выросли.", "ru"), SideText("Oil prices fell.", "en"))
    assert f.value >= 0.5 and "“fell”" in f.reasons[0]
    assert antonyms.score(SideText("Цены на нефть выросли.", "ru"), SideText("Oil prices rose.", "en")).value == 0
    f = antonyms.score(SideText("Небольшие дожди выпадут в Москве.", "ru"),
                       SideText("Heavy rain will fall in Moscow.", "en"))
    assert f.value >= 0.5


def test_a_question_on_one_side_only_is_flagged_but_stray_question_marks_are_not():
    f = polarity.score_question(SideText("Он пришёл.", "ru"), SideText("Did he come?", "en"))
    assert f.value >= 0.5
    assert polarity.score_question(SideText("Он пришёл?", "ru"), SideText("Did he come?", "en")).value == 0
    assert polarity.score_question(SideText("Ինչո՞ւ նա եկավ։", "hy"), SideText("Why did he come?", "en")).value == 0
    assert polarity.score_question(SideText("Он пришёл вовремя.", "ru"), SideText("He came? on time.", "en")).value == 0


def test_pronouns_of_the_other_gender_are_flagged():
    f = polarity.score_gender(SideText("Она сказала, что придёт.", "ru"), SideText("He said he would come.", "en"))
    assert f.value >= 0.5 and "“He”" in f.reasons[0]
    assert polarity.score_gender(SideText("Она сказала.", "ru"), SideText("She said.", "en")).value == 0
    assert polarity.score_gender(SideText("Նա ասաց։", "hy"), SideText("He said.", "en")) is None  # Armenian: no gender
