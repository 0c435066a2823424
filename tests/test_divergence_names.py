"""Names across Latin, Cyrillic and Armenian: transliteration keys, case endings, exonyms."""
from __future__ import annotations

import pytest

from align.divergence import names
from align.divergence.tokens import SideText
from align.divergence.translit import name_key, to_latin


@pytest.mark.parametrize("spellings", [
    ("Yevlakh", "Евлах", "Եվլախ"),
    ("Tumanyan", "Туманян", "Թումանյան"),
    ("Mustafa", "Мустафа", "Մուստաֆա"),
    ("Kemal", "Кемаль", "Քեմալ"),
    ("Sultanov", "Султанов", "Սուլթանով"),
    ("Zangezur", "Зангезур", "Զանգեզուր"),
])
def test_one_name_in_three_scripts_has_one_key(spellings):
    assert len({name_key(s) for s in spellings}) == 1, [name_key(s) for s in spellings]


def test_romanisation_is_readable():
    assert to_latin("Туманян") == "tumanyan"
    assert to_latin("Եվլախ") == "yevlakh"
    assert to_latin("Ղարաբաղ") == "gharabagh"
    assert to_latin("Düsseldorf") == "dusseldorf"


@pytest.mark.parametrize("a,la,b,lb", [
    ("Бамматову", "ru", "Bamatov", "en"),
    ("Բամմատովին", "hy", "Bamatov", "en"),
    ("Նախիջևանի", "hy", "Nakhichevan", "en"),
    ("Нахичевань", "ru", "Nakhichevan", "en"),
    ("Шушинскому", "ru", "Shusha", "en"),
    ("Շուշիի", "hy", "Shusha", "en"),
    ("Кемаля", "ru", "Kemal", "en"),
    ("Гайдару", "ru", "Haydar", "en"),
    ("Սուլթանովը", "hy", "Султанов", "ru"),
    ("Զանգեզուրի", "hy", "Zangezur", "en"),
    ("Ղարաբաղի", "hy", "Karabakh", "en"),
    ("Азербайджанскую", "ru", "Azerbaijan", "en"),
    ("Гидрометцентр", "ru", "Hydrometeorological", "en"),
    ("Сиэтле", "ru", "Seattle", "en"),
    ("Прайс", "ru", "Price", "en"),
])
def test_names_match_across_scripts_through_case_endings(a, la, b, lb):
    assert names.words_match(a, la, b, lb)
    assert names.words_match(b, lb, a, la)


@pytest.mark.parametrize("a,la,b,lb", [
    ("Tumanyan", "en", "Султанов", "ru"),
    ("Moscow", "en", "Париж", "ru"),
    ("Kemal", "en", "Թումանյան", "hy"),
])
def test_different_names_do_not_match(a, la, b, lb):
    assert not names.words_match(a, la, b, lb)


@pytest.mark.parametrize("a,la,b,lb", [
    ("Georgia", "en", "Грузии", "ru"), ("Georgia", "en", "Վրաստանի", "hy"),
    ("Germany", "en", "Германия", "ru"), ("UN", "en", "ООН", "ru"), ("US", "en", "ԱՄՆ-ում", "hy"),
    ("Turkish", "en", "турецкое", "ru"), ("English", "en", "англичан", "ru"),
])
def test_exonyms_and_acronyms_meet_through_the_gazetteer(a, la, b, lb):
    assert names.words_match(a, la, b, lb)


EN = ("The president of the temporary People’s Commissariat Sultanov informed Haydar Bamatov that the "
      "Red troops, which had already occupied Yevlakh, are on their way through the Shusha highway to join "
      "the Anatolian Army.")
RU = ("Председатель временного Народного комиссариата Султанов сообщил Гайдару Бамматову, что красные "
      "войска, уже занявшие Евлах, направляются по Шушинскому шоссе на соединение с Анатолийской армией.")
HY = ("Ժամանակավոր ժողովրդական կոմիսարիատի նախագահ Սուլթանովը Հայդար Բամմատովին հայտնել է, որ կարմիր "
      "զորքերը, որոնք արդեն գրավել են Եվլախը, Շուշիի խճուղով ընթանում են՝ միանալու Անատոլիական բանակին։")


@pytest.mark.parametrize("src,sl,tgt,tl", [(EN, "en", RU, "ru"), (EN, "en", HY, "hy"), (RU, "ru", HY, "hy"),
                                           (HY, "hy", EN, "en")])
def test_the_dispatch_names_all_meet_in_every_pair(src, sl, tgt, tl):
    f = names.score(SideText(src, sl), SideText(tgt, tl))
    assert f is not None and f.value == 0, f.reasons


def test_a_missing_place_is_flagged_and_marked():
    tgt = RU.replace("уже занявшие Евлах, ", "")
    f = names.score(SideText(EN, "en"), SideText(tgt, "ru"))
    assert f.value >= names.FIRST
    assert any("Yevlakh" in r for r in f.reasons)
    (mark,) = f.marks
    assert (mark.side, EN[mark.start:mark.end]) == ("source", "Yevlakh")


def test_a_replaced_name_counts_twice():
    missing = names.score(SideText(EN, "en"), SideText(RU.replace("Евлах", "город"), "ru")).value
    replaced = names.score(SideText(EN, "en"), SideText(RU.replace("Евлах", "Тифлис"), "ru")).value
    assert names.FIRST <= missing < replaced
    assert replaced >= 0.5


def test_capitalised_common_words_and_sentence_starts_are_not_names():
    f = names.score(SideText("Speaker of the Grand National Assembly of Turkey Mustafa Kemal", "en"),
                    SideText("Председатель Великого национального собрания Турции Мустафа Кемаль", "ru"))
    assert f.value == 0
    # "Secondly" opens a sentence; "We" is a function word: neither needs a counterpart
    assert names.score(SideText("Secondly. We accept it.", "en"), SideText("Во-вторых. Мы принимаем.", "ru")) is None


def test_names_of_institutions_count_little_when_translated():
    f = names.score(SideText("The House Judiciary Committee met.", "en"),
                    SideText("Заседал юридический комитет.", "ru"))
    assert f.value < 0.5


def test_each_distinct_name_is_looked_up_once_so_long_beads_stay_linear(monkeypatch):
    calls = []
    real = names.words_match

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(names, "words_match", counting)
    src = "Mustafa Kemal signed in Angora. " * 300
    tgt = "Мустафа Кемаль подписал в Ангоре. " * 300
    finding = names.score(SideText(src, "en"), SideText(tgt, "ru"))
    assert finding is not None and finding.value == 0            # every name found
    # six distinct names against a handful of distinct words, not 1,800 names x 1,500 words
    assert len(calls) <= 6 * 5


@pytest.mark.parametrize("a,la,b,lb", [
    ("Vettel", "en", "Феттеля", "ru"), ("Utah", "en", "Юты", "ru"), ("Rihanna", "en", "Рианны", "ru"),
    ("Bouchard", "en", "Бушар", "ru"), ("Whitehall", "en", "Уайтхолл", "ru"), ("Ashley", "en", "Эшли", "ru"),
    ("Worcestershire", "en", "Вустершир", "ru"), ("Paz", "en", "Ла-Пасе", "ru"), ("Bone", "en", "Боун", "ru"),
    ("Farage", "en", "Ֆարաժը", "hy"), ("Pyongyang", "en", "Պհենյանից", "hy"), ("Czeisler", "en", "Կայսլերը", "hy"),
    ("Verstappen", "en", "Ֆերստապենը", "hy"), ("Lehaucourt", "en", "Լեոկուրի", "hy"), ("Yale", "en", "Եյլի", "hy"),
])
def test_transliterations_the_spelling_keys_miss_sound_alike(a, la, b, lb):
    assert not names.words_match(a, la, b, lb)  # the case for sound: the spelling keys do not meet
    assert names.sounds_alike(a, la, b, lb) and names.sounds_alike(b, lb, a, la)


@pytest.mark.parametrize("a,la,b,lb", [
    ("Smith", "en", "Джонс", "ru"), ("Paris", "en", "Берлине", "ru"), ("Utah", "en", "Аризоны", "ru"),
    ("Warriors", "en", "Էյրին", "hy"), ("Smith", "en", "Ջոնսը", "hy"), ("Vettel", "en", "Хэмилтона", "ru"),
    ("Ri", "en", "Ռային", "hy"),
])
def test_different_names_do_not_sound_alike(a, la, b, lb):
    assert not names.sounds_alike(a, la, b, lb)


@pytest.mark.parametrize("src,sl,tgt,tl", [
    ("In the race Vettel finished second, ahead of both Mercedes drivers.", "en",
     "В гонке Феттель финишировал вторым, опередив обоих пилотов «Мерседеса».", "ru"),
    ("Snow is expected in Utah and Nevada tonight.", "en", "Сегодня ночью в Юте и Неваде ожидается снег.", "ru"),
    ("The crowd cheered when Farage said the vote must be respected.", "en",
     "Ամբոխը ծափահարեց, երբ Ֆարաժն ասաց, որ քվեարկության արդյունքը պետք է հարգել։", "hy"),
])
def test_a_transliterated_name_is_no_replaced_name(src, sl, tgt, tl):
    f = names.score(SideText(src, sl), SideText(tgt, tl))
    assert f is not None and f.value == 0 and f.floor == 0, f.reasons
    assert any("sound alike" in n for n in f.notes)


@pytest.mark.parametrize("src,sl,tgt,tl,old,new", [
    ("Mr Smith met the delegation in Paris on Monday.", "en",
     "Господин Джонс встретился с делегацией в Берлине в понедельник.", "ru", "Smith", "Джонс"),
    ("Господин Смит встретился с делегацией в Париже в понедельник.", "ru",
     "Mr Jones met the delegation in Berlin on Monday.", "en", "Смит", "Jones"),
    ("On Monday Smith met the delegation in Paris.", "en",
     "Երկուշաբթի օրը Ջոնսը Բեռլինում հանդիպեց պատվիրակությանը։", "hy", "Smith", "Ջոնսը"),
    ("Երկուշաբթի օրը Սմիթը Փարիզում հանդիպեց պատվիրակությանը։", "hy",
     "On Monday Jones met the delegation in Berlin.", "en", "Սմիթը", "Jones"),
    ("The storm reached Utah on Friday.", "en", "В пятницу шторм достиг Аризоны.", "ru", "Utah", "Аризоны"),
])
def test_a_replaced_name_is_still_caught_both_ways(src, sl, tgt, tl, old, new):
    f = names.score(SideText(src, sl), SideText(tgt, tl))
    assert f.floor >= names.REPLACED_FLOOR
    assert any(old in r for r in f.reasons) and any(new in r for r in f.reasons), f.reasons
    assert not any("sound alike" in n for n in f.notes)
