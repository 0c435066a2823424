"""Exact sentence lists for tricky archival-style paragraphs, one block per language."""
from __future__ import annotations

import pytest

from align.segment import split_sentences


def sentences(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, lang)]


ENGLISH = [
    # dates with abbreviated months, ranks, i.e.
    ("Gen. Kazim Karabekir reached Erzurum on Apr. 26, 1920. Col. Rawlinson and Capt. Brown left "
     "on Jan. 5, 1920, i.e. before the offensive.",
     ["Gen. Kazim Karabekir reached Erzurum on Apr. 26, 1920.",
      "Col. Rawlinson and Capt. Brown left on Jan. 5, 1920, i.e. before the offensive."]),
    # an ordinal label stays with its point
    ("Secondly. If Soviet forces propose military operations against Georgia, the Turkish government "
     "will act. Thirdly. We ask for arms.",
     ["Secondly. If Soviet forces propose military operations against Georgia, the Turkish government will act.",
      "Thirdly. We ask for arms."]),
    # initials, Doc. No., p., e.g.
    ("The note was signed by M. Kemal and A. I. Khatisian. See Doc. No. 410, p. 425, e.g. the annex. "
     "The telegram (No. 411) followed.",
     ["The note was signed by M. Kemal and A. I. Khatisian.",
      "See Doc. No. 410, p. 425, e.g. the annex.",
      "The telegram (No. 411) followed."]),
    # etc. mid-sentence and at the end of one
    ("Arms, ammunition, food, etc. were requested. They also asked for gold, horses, etc. The Soviet side agreed.",
     ["Arms, ammunition, food, etc. were requested.",
      "They also asked for gold, horses, etc.",
      "The Soviet side agreed."]),
    # quotes: the sentence ends after the closing mark; a dialogue tag stays attached
    ('"We accept the proposal." The reply came at once. "Why?" he asked. "Because the Red Army is near!" '
     "(The note ends here.)",
     ['"We accept the proposal."', "The reply came at once.", '"Why?" he asked.',
      '"Because the Red Army is near!"', "(The note ends here.)"]),
    # ellipsis before lower case does not split; before a capital it does
    ("The troops waited... and then advanced. Nothing happened… The end came in May.",
     ["The troops waited... and then advanced.", "Nothing happened…", "The end came in May."]),
    # numbered points
    ("1. The Turkish army will advance. 2. The Soviet army will support it. 3) Nothing else.",
     ["1. The Turkish army will advance.", "2. The Soviet army will support it.", "3) Nothing else."]),
    # dashes
    ("The assumption – the attempt to contact the Turks through Karabakh – is not impossible. "
     "Mr. Tumanyan thought so.",
     ["The assumption – the attempt to contact the Turks through Karabakh – is not impossible.",
      "Mr. Tumanyan thought so."]),
    ("He arrived at 10 a.m. on 5 Jan. 1920 with Lt.-Gen. Milne from St. Petersburg. "
     "J. R. R. Tolkien was not there.",
     ["He arrived at 10 a.m. on 5 Jan. 1920 with Lt.-Gen. Milne from St. Petersburg.",
      "J. R. R. Tolkien was not there."]),
    ("The agreement (see Nos. 410–411) was signed. It was not ratified (sic!) by the Assembly. Why? Nobody knows.",
     ["The agreement (see Nos. 410–411) was signed.", "It was not ratified (sic!) by the Assembly.",
      "Why?", "Nobody knows."]),
    # "no." as a word still ends a sentence
    ("The answer was no. Everyone agreed.", ["The answer was no.", "Everyone agreed."]),
]

RUSSIAN = [
    ("Ген. Деникин прибыл в Ереван 5 янв. 1920 г. и встретился с тов. Леграном. В 1920 г. было "
     "заключено перемирие. Это случилось в 1920 г. Затем началась война.",
     ["Ген. Деникин прибыл в Ереван 5 янв. 1920 г. и встретился с тов. Леграном.",
      "В 1920 г. было заключено перемирие.",
      "Это случилось в 1920 г.",
      "Затем началась война."]),
    # an introductory date before a capitalised subject is not a sentence end; т. е.; initials
    ("В конце апреля 1920 г. Армения обратилась к союзникам. Делегацию возглавлял А. И. Хатисов, "
     "т. е. председатель правительства.",
     ["В конце апреля 1920 г. Армения обратилась к союзникам.",
      "Делегацию возглавлял А. И. Хатисов, т. е. председатель правительства."]),
    ("Во-первых. Советские войска вступили в Баку. Во-вторых. Турецкая армия ждёт приказа.",
     ["Во-первых. Советские войска вступили в Баку.", "Во-вторых. Турецкая армия ждёт приказа."]),
    # archival references, №, гг.
    ("См. док. № 410, стр. 425, с. 12. Ф. 200, оп. 1, д. 45, л. 12. Документы за 1918–1920 гг. "
     "Они хранятся в архиве.",
     ["См. док. № 410, стр. 425, с. 12.", "Ф. 200, оп. 1, д. 45, л. 12.",
      "Документы за 1918–1920 гг.", "Они хранятся в архиве."]),
    # em-dash dialogue
    ("— Вы уезжаете? — спросил полк. Иванов. — Да, завтра. — А куда?",
     ["— Вы уезжаете? — спросил полк. Иванов.", "— Да, завтра.", "— А куда?"]),
    # guillemets
    ("Он заявил: «Мы принимаем предложение». Затем добавил: «Армия готова!» Ответа не было.",
     ["Он заявил: «Мы принимаем предложение».", "Затем добавил: «Армия готова!»", "Ответа не было."]),
    ("Винтовки, патроны, продовольствие и т. д. были отправлены. Прибыли также пушки, лошади и т. п. "
     "Остальное задержали.",
     ["Винтовки, патроны, продовольствие и т. д. были отправлены.",
      "Прибыли также пушки, лошади и т. п.", "Остальное задержали."]),
    ("Мы ждали… и ждали. Ответа не было... Наконец пришла телеграмма. Г-н Хатисов и кап. Петров уехали.",
     ["Мы ждали… и ждали.", "Ответа не было...", "Наконец пришла телеграмма.",
      "Г-н Хатисов и кап. Петров уехали."]),
    ("1. Армия наступает. 2. Флот ждёт. В XX в. всё изменилось. Это было в XIX в. Потом всё изменилось.",
     ["1. Армия наступает.", "2. Флот ждёт.", "В XX в. всё изменилось.", "Это было в XIX в.",
      "Потом всё изменилось."]),
]

GERMAN = [
    # ordinal dots in dates, z. B., d. h., "die 3. Armee", Nr.
    ("Am 26. April 1920 traf Gen. von Kreß in Tiflis ein. Er brachte z. B. Gewehre, d. h. Waffen für "
     "die 3. Armee. Nr. 5 des Berichts folgt.",
     ["Am 26. April 1920 traf Gen. von Kreß in Tiflis ein.",
      "Er brachte z. B. Gewehre, d. h. Waffen für die 3. Armee.",
      "Nr. 5 des Berichts folgt."]),
    ("Zweitens. Wenn die Sowjets angreifen, hilft die Türkei usw. Dann schweigt Dr. Müller.",
     ["Zweitens. Wenn die Sowjets angreifen, hilft die Türkei usw.", "Dann schweigt Dr. Müller."]),
    ("„Wir nehmen an.“ Das war die Antwort. Siehe S. 425 und vgl. Bd. 2. Die Akten liegen in Berlin.",
     ["„Wir nehmen an.“", "Das war die Antwort.", "Siehe S. 425 und vgl. Bd. 2.",
      "Die Akten liegen in Berlin."]),
    ("Der Vertrag vom 4. Juni 1918 wurde am 3. Dez. 1920 gekündigt. Hr. Tumanjan u. a. protestierten.",
     ["Der Vertrag vom 4. Juni 1918 wurde am 3. Dez. 1920 gekündigt.",
      "Hr. Tumanjan u. a. protestierten."]),
]

FRENCH = [
    ("M. Dupont et Mme Durand sont arrivés le 26 avr. 1920. Le gén. Dro les attendait.",
     ["M. Dupont et Mme Durand sont arrivés le 26 avr. 1920.", "Le gén. Dro les attendait."]),
    # French spacing inside guillemets; the tag after the quote stays attached
    ("« Nous acceptons ! » dit-il. Voir p. 425, cf. annexe, p. ex. la note no. 5. Fin.",
     ["« Nous acceptons ! » dit-il.", "Voir p. 425, cf. annexe, p. ex. la note no. 5.", "Fin."]),
    ("Deuxièmement. Si les forces soviétiques attaquent la Géorgie, c.-à-d. Tiflis, la Turquie agira. "
     "Troisièmement. Nous demandons des armes, des munitions, etc. La réponse suivra.",
     ["Deuxièmement. Si les forces soviétiques attaquent la Géorgie, c.-à-d. Tiflis, la Turquie agira.",
      "Troisièmement. Nous demandons des armes, des munitions, etc.", "La réponse suivra."]),
    ("M. Dupont écrivit : « Nous sommes prêts. » Personne ne répondit… Pourquoi ? Nul ne le sait.",
     ["M. Dupont écrivit : « Nous sommes prêts. »", "Personne ne répondit…", "Pourquoi ?",
      "Nul ne le sait."]),
    ("Le traité fut signé le 10 août 1920. M. Kemal le rejeta.",
     ["Le traité fut signé le 10 août 1920.", "M. Kemal le rejeta."]),
]

ARMENIAN = [
    # "Երկրորդ։" (Secondly.) stays with its point
    ("Երկրորդ։ Եթե խորհրդային ուժերն առաջարկեն ռազմական գործողություններ, մենք կհամաձայնվենք։ "
     "Երրորդ։ Մենք խնդրում ենք զենք։",
     ["Երկրորդ։ Եթե խորհրդային ուժերն առաջարկեն ռազմական գործողություններ, մենք կհամաձայնվենք։",
      "Երրորդ։ Մենք խնդրում ենք զենք։"]),
    # ՞ ՛ ՜ sit inside words and never end a sentence
    ("Ինչո՞ւ չեկավ նա։ Գնա՛ և ասա՛ նրան։ Ա՜խ, ինչ ցավալի է։",
     ["Ինչո՞ւ չեկավ նա։", "Գնա՛ և ասա՛ նրան։", "Ա՜խ, ինչ ցավալի է։"]),
    # թ., գեն., պրոֆ., հմմտ. are abbreviations
    ("1920 թ. ապրիլի 26-ին գեն. Դրոն և պրոֆ. Մանանդյանը ժամանեցին Երևան։ Տե՛ս էջ 425, հմմտ. փաստաթուղթ 410։",
     ["1920 թ. ապրիլի 26-ին գեն. Դրոն և պրոֆ. Մանանդյանը ժամանեցին Երևան։",
      "Տե՛ս էջ 425, հմմտ. փաստաթուղթ 410։"]),
    # ASCII ":" typed for "։", but not in "10:30"
    ("Ժամը 10:30-ին պատվիրակությունը ժամանեց: Նրան դիմավորեց Ա. Խատիսյանը: Հետո սկսվեց բանակցությունը",
     ["Ժամը 10:30-ին պատվիրակությունը ժամանեց:", "Նրան դիմավորեց Ա. Խատիսյանը:",
      "Հետո սկսվեց բանակցությունը"]),
    # «» quotes after "." (the Armenian colon-like mark)
    ("Նա ասաց. «Մենք ընդունում ենք առաջարկը»։ Ապա ավելացրեց. «Բանակը պատրաստ է»։",
     ["Նա ասաց. «Մենք ընդունում ենք առաջարկը»։", "Ապա ավելացրեց. «Բանակը պատրաստ է»։"]),
    ("Ո՞վ է եկել? Դրոն է! Լավ։ Զենք, զինամթերք և այլն։ Ավարտ",
     ["Ո՞վ է եկել?", "Դրոն է!", "Լավ։", "Զենք, զինամթերք և այլն։", "Ավարտ"]),
    ("1918–1920 թթ. Հայաստանը անկախ էր։ Սա գրված է Ս. Վրացյանի գրքում, էջ 425։",
     ["1918–1920 թթ. Հայաստանը անկախ էր։", "Սա գրված է Ս. Վրացյանի գրքում, էջ 425։"]),
    # typed text with "." for the full stop and no "։" at all
    ("Նա եկավ. Հետո գնաց. Գեն. Դրոն և պրոֆ. Մանանդյանը եկան. Վերջ.",
     ["Նա եկավ.", "Հետո գնաց.", "Գեն. Դրոն և պրոֆ. Մանանդյանը եկան.", "Վերջ."]),
    ("«Ո՞ւր ես գնում»,— հարցրեց նա։ «Տուն»։",
     ["«Ո՞ւր ես գնում»,— հարցրեց նա։", "«Տուն»։"]),
]

CHINESE = [
    # closing quotes belong to the sentence
    ("他说：“我们接受这个建议。”然后离开了。你们准备好了吗？准备好了！",
     ["他说：“我们接受这个建议。”", "然后离开了。", "你们准备好了吗？", "准备好了！"]),
    # ； does not split; ？！ is one ending
    ("第一，苏维埃军队进入巴库；第二，土耳其军队等待命令。真的吗？！是的。",
     ["第一，苏维埃军队进入巴库；第二，土耳其军队等待命令。", "真的吗？！", "是的。"]),
    ("《真理报》发表了文章（见第425页。）随后……大家都沉默了。「好。」他答道。价格是3.5卢布。",
     ["《真理报》发表了文章（见第425页。）", "随后……大家都沉默了。", "「好。」", "他答道。",
      "价格是3.5卢布。"]),
    ("他问：『你来吗？』我说：「来！」", ["他问：『你来吗？』", "我说：「来！」"]),
    ("Half-width too! 好吗?好。", ["Half-width too!", "好吗?", "好。"]),
]


def _cases(lang: str, table: list[tuple[str, list[str]]]) -> list[tuple[str, str, list[str]]]:
    return [(lang, text, expected) for text, expected in table]


@pytest.mark.parametrize(
    "lang,text,expected",
    _cases("en", ENGLISH) + _cases("ru", RUSSIAN) + _cases("de", GERMAN) + _cases("fr", FRENCH)
    + _cases("hy", ARMENIAN) + _cases("zh", CHINESE),
)
def test_exact_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_turkish_uses_its_punkt_model() -> None:
    text = "Dr. Rıza Nur 26 Nis. 1920 tarihinde geldi. Mustafa Kemal Paşa onu kabul etti."
    assert sentences(text, "tr") == ["Dr. Rıza Nur 26 Nis. 1920 tarihinde geldi.",
                                      "Mustafa Kemal Paşa onu kabul etti."]
