"""Negation written as a paraphrase is no flipped fact (issue 20): litotes, concessives, double negations,
one-word negatives and the Armenian prohibitive; beside each, the added or removed negation it must still catch."""
from __future__ import annotations

import pytest

from align.divergence import polarity
from align.divergence.tokens import SideText


def _flag(a: str, la: str, b: str, lb: str) -> tuple[float, float]:
    """The negation component's value and floor for a pair."""
    f = polarity.score_negation(SideText(a, la), SideText(b, lb))
    assert f is not None
    return f.value, f.floor


#: (faithful paraphrase, the same pair with a real negation added or removed)
CASES = {
    "concessive бы ни": (
        ("Whatever the weather, the fair will open on Sunday.", "en",
         "Какой бы ни была погода, ярмарка откроется в воскресенье.", "ru"),
        ("Whatever the weather, the fair will open on Sunday.", "en",
         "Какой бы ни была погода, ярмарка не откроется в воскресенье.", "ru")),
    "litotes не последний": (
        ("He is a senior figure in the party.", "en", "Он в партии не последний человек.", "ru"),
        ("He is a senior figure in the party.", "en", "Он в партии не человек.", "ru")),
    "litotes не первый / not the first": (
        ("This is not the first time the bridge has been closed.", "en",
         "Мост закрывают не первый раз.", "ru"),
        ("This is not the first time the bridge has been closed.", "en",
         "Мост закрывают не первый раз, и его не откроют.", "ru")),
    "litotes не исключено": (
        ("Further strikes are possible tomorrow.", "en", "Не исключено, что завтра забастовки продолжатся.", "ru"),
        ("Further strikes are not possible tomorrow.", "en", "Не исключено, что завтра забастовки продолжатся.",
         "ru")),
    "double negation не могу не": (
        ("I couldn't help thinking of my father.", "en", "Я не мог не думать об отце.", "ru"),
        ("I couldn't think of my father.", "en", "Я думал об отце.", "ru")),
    "double negation не обошлось без": (
        ("There were clashes with the police.", "en", "Не обошлось без столкновений с полицией.", "ru"),
        ("There were no clashes with the police.", "en", "Столкновения с полицией были.", "ru")),
    "не перестаю (keep on)": (
        ("She kept crying the whole time.", "en", "Она не переставала плакать.", "ru"),
        ("She was not crying.", "en", "Она плакала.", "ru")),
    "not long after": (
        ("He left the city not long after the election.", "en", "Он уехал из города вскоре после выборов.", "ru"),
        ("He did not leave the city after the election.", "en", "Он уехал из города после выборов.", "ru")),
    "never more so": (
        ("Players believe in momentum, and never more so than in a final.", "en",
         "Игроки верят в инициативу, и особенно в финале.", "ru"),
        ("Players never believe in momentum in a final.", "en", "Игроки верят в инициативу в финале.", "ru")),
    "one-word negative on the English side": (
        ("Clean water is scarce in the camps.", "en", "В лагерях не хватает чистой воды.", "ru"),
        ("Clean water is plentiful in the camps.", "en", "В лагерях не хватает чистой воды.", "ru")),
    "landlocked": (
        ("Landlocked Bolivia wants access to the sea.", "en",
         "Не имеющая выхода к морю Боливия хочет получить доступ к морю.", "ru"),
        ("Bolivia wants access to the sea.", "en", "Боливия не хочет получить доступ к морю.", "ru")),
    "intolerant": (
        ("The regime is intolerant of its critics.", "en", "Режим не терпит своих критиков.", "ru"),
        ("The regime is tolerant of its critics.", "en", "Режим не терпит своих критиков.", "ru")),
    "Armenian ոչ հեռու (not far: near)": (
        ("The earthquake struck just off the coast.", "en", "Երկրաշարժը տեղի ունեցավ ափից ոչ հեռու։", "hy"),
        ("The earthquake did not strike the coast.", "en", "Երկրաշարժը հարվածեց ափին։", "hy")),
    "Armenian թե ոչ (whether or not)": (
        ("Whether that is accurate is still debated.", "en", "Թե դա ճշգրիտ է, թե ոչ, դեռ քննարկվում է։", "hy"),
        ("That is not accurate.", "en", "Դա ճշգրիտ է։", "hy")),
    "Armenian prohibitive մի": (
        ("Don't sit in silence.", "en", "Լուռ մի՛ մնացեք։", "hy"),
        ("Sit in silence.", "en", "Լուռ մի՛ մնացեք։", "hy")),
    "Armenian չեկավ is a negated verb, not a cheque": (
        ("The tsunami didn't come by itself.", "en", "Ցունամին ինքն իրեն չեկավ։", "hy"),
        ("The tsunami came by itself.", "en", "Ցունամին ինքն իրեն չեկավ։", "hy")),
    "Armenian ոչ before an adjective (non-, in-)": (
        ("He lost sleep over it.", "en", "Նա ոչ լիարժեք քուն ուներ։", "hy"),
        ("He did not lose any sleep over it.", "en", "Նա լիարժեք քուն ուներ։", "hy")),
    "Armenian չնայեց is a negated verb, not չնայած (despite)": (
        ("He didn't look at them.", "en", "Նա չնայեց նրանց։", "hy"),
        ("He looked at them.", "en", "Նա չնայեց նրանց։", "hy")),
    "без конца / и без того": (
        ("She cried and cried; the visit was already controversial.", "en",
         "Она без конца рыдала; визит и без того был спорным.", "ru"),
        ("She cried; the visit was not controversial.", "en", "Она рыдала; визит был спорным.", "ru")),
    "not just / не только": (
        ("And that is not just my experience.", "en", "И такое происходит не только со мной.", "ru"),
        ("And that is not my experience.", "en", "И такое происходит со мной.", "ru")),
    "not a common sight / редко": (
        ("Such shelters are not a common sight on other coasts.", "en",
         "На других побережьях такие укрытия встречаются редко.", "ru"),
        ("Such shelters are not a common sight on other coasts.", "en",
         "На других побережьях такие укрытия встречаются часто.", "ru")),
    "didn't go well / плохо": (
        ("The talks didn't go well.", "en", "Переговоры прошли плохо.", "ru"),
        ("The talks didn't go well.", "en", "Переговоры прошли хорошо.", "ru")),
    "не составило труда (easily)": (
        ("He scored with ease.", "en", "Гол не составил ему никакого труда.", "ru"),
        ("He did not score with ease.", "en", "Он забил гол.", "ru")),
    "пока ... не (until)": (
        ("France will decide nothing before Britain states its view.", "en",
         "Франция ничего не решит, пока британское правительство не выскажет своего мнения.", "ru"),
        ("France will decide everything before Britain states its view.", "en",
         "Франция ничего не решит, пока британское правительство не выскажет своего мнения.", "ru")),
    "out of use": (
        ("The branch line is out of use.", "en", "Այդ ճյուղը չի գործում։", "hy"),
        ("The branch line is in use.", "en", "Այդ ճյուղը չի գործում։", "hy")),
    "no-deal": (
        ("They prepare for a no-deal Brexit.", "en", "Նրանք պատրաստվում են առանց գործարքի Բրեքսիթին։", "hy"),
        ("They prepare for a Brexit deal.", "en", "Նրանք պատրաստվում են առանց գործարքի Բրեքսիթին։", "hy")),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_paraphrased_negation_is_no_flipped_fact_but_a_real_one_still_is(name):
    faithful, changed = CASES[name]
    value, floor = _flag(*faithful)
    assert value < 0.5 and floor == 0, name
    value, floor = _flag(*changed)
    assert value >= 0.5, name


def test_a_plain_negation_word_beside_an_idiom_still_counts():
    # "бы ни" and "не первый" are no negation, but a не of their sentence is
    assert _flag("Whatever happens, we will win.", "en", "Что бы ни случилось, мы не победим.", "ru")[1] \
        == polarity.FLIPPED_FLOOR
    # "not last" (endure) is a negation; only "not the last" is a litotes
    assert _flag("The money will not last long.", "en", "Денег хватит надолго.", "ru")[1] == polarity.FLIPPED_FLOOR
    # "пока не" with nothing between is "not yet", a negation
    assert _flag("That has happened.", "en", "Этого пока не случилось.", "ru")[1] == polarity.FLIPPED_FLOOR
    # a bare մի is the article "a"
    assert polarity.negations(SideText("Մի հատվածում պատկերված է սենյակ։", "hy")) == []
