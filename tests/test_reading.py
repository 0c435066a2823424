"""align.reading: old Russian and Armenian spellings and OCR look-alikes read as modern text, as written kept."""
from __future__ import annotations

import re
import warnings

import pytest

from align.errors import MetadataError, SpellingWarning
from align.reading import check_orthography, detect, normalise, read, reading_signature
from scripttools import load_benchmark

archival = load_benchmark("_archival")
WORD = re.compile(r"[^\W\d_]+")


def reads(text: str, lang: str, orthography: str | None = None) -> str:
    return normalise(text, lang, orthography).text


# -- the rules -------------------------------------------------------------------------------

@pytest.mark.parametrize("old, modern", [
    ("Министръ сказалъ", "Министр сказал"),
    ("изъ-за Г-нъ", "из-за Г-н"),
    ("объявилъ подъѣздъ", "объявил подъезд"),
    ("въ Россіи Ѳеодоръ мѵро", "в России Феодор миро"),
    ("новаго синяго общаго русскаго", "нового синего общего русского"),
    ("Предсѣдатель состоявшагося засѣданія", "Председатель состоявшегося заседания"),
    ("новыя русскія войска; Россія, армія", "новые русские войска; Россия, армия"),
    ("разсмотрѣть безпокойство возстановленіе черезчуръ", "рассмотреть беспокойство восстановление чересчур"),
    ("онѣ однѣ; ея домъ", "они одни; её дом"),
    ("СЪѢЗДЪ ПРОТОКОЛЪ", "СЪЕЗД ПРОТОКОЛ"),
    ("благо Чикаго низкій", "благо Чикаго низкий"),
])
def test_pre_reform_russian_reads_as_modern(old, modern):
    assert reads(old, "ru", "pre-reform") == modern


@pytest.mark.parametrize("old, modern", [
    ("Յովհաննէս Պետրոսեան եւ Յակոբ Միրզոյեան", "Հովհաննես Պետրոսյան և Հակոբ Միրզոյան"),
    ("Յունիսի Յուլիսի Յունուարի Փետրուարի Օգոստոսի", "Հունիսի Հուլիսի Հունվարի Փետրվարի Օգոստոսի"),
    ("եօթանասուն միլիօն, եօթը", "յոթանասուն միլիոն, յոթը"),
    ("Կառավարութիւնը նախարարութեան", "Կառավարությունը նախարարության"),
    ("թիւ հիւանդ հաշիւները միւս իւրաքանչիւր իւր", "թիվ հիվանդ հաշիվները մյուս յուրաքանչյուր իր"),
    ("Երեւան Եւրոպա աւելի զինուորական տուեալ", "Երևան Եվրոպա ավելի զինվորական տվյալ"),
    ("լոյս վրայ յետոյ Հայ ներկայ", "լույս վրա հետո Հայ ներկա"),
    ("այսօր կէսօր չէին որեւէ պէտք", "այսօր կեսօր չէին որևէ պետք"),
    ("չյայտնեցին Քումքափուի կարձակուի", "չհայտնեցին Քումքափուի կարձակվի"),
])
def test_classical_armenian_reads_as_reformed(old, modern):
    assert reads(old, "hy", "classical") == modern


def test_latin_look_alikes_in_a_russian_word_are_read_as_cyrillic_and_the_other_way_round():
    assert reads("пapoходъ Hерсесяну Koмитету", "ru", "pre-reform") == "пароход Нерсесяну Комитету"
    assert reads("The Cоmmittee of Мr Smith", "en") == "The Committee of Mr Smith"  # Cyrillic о and М
    assert reads("iPhoneы USA Москва", "ru") == "iPhoneы USA Москва"  # a real mixed token, words of one script


def test_a_mixed_text_is_read_word_by_word():
    mixed = "Министръ сказал, что поѣздъ изъ Тифлиса прибыл в Эривань и стоит на станции."
    assert detect(mixed, "ru").orthography == "mixed"
    assert reads(mixed, "ru", "mixed") == "Министр сказал, что поезд из Тифлиса прибыл в Эривань и стоит на станции."
    assert reads("Յունիսի 14-ին Երևանում Պետրոսեանը", "hy", "mixed") == "Հունիսի 14-ին Երևանում Պետրոսյանը"


def test_an_orthography_must_be_one_of_the_language():
    assert check_orthography("pre-reform", "ru") == "pre-reform"
    with pytest.raises(MetadataError, match=r"'classical' is not a spelling of language 'ru'; allowed: modern, "
                                            r"pre-reform, mixed"):
        check_orthography("classical", "ru")
    with pytest.raises(MetadataError, match="allowed: modern$"):
        check_orthography("pre-reform", "en")


# -- the reading of a text: offsets, detection, the declared spelling ------------------------

def test_offsets_map_between_the_text_as_written_and_its_reading():
    text = "Въ Іюнѣ министръ Յովհաննէս сказалъ: «нѣтъ»."
    r = read(text, "ru", "pre-reform")
    assert r.text == "В Июне министр Յովհաննէս сказал: «нет»."  # Armenian is not Russian: left as written
    for m in WORD.finditer(text):
        a, b = r.from_source(m.start()), r.from_source(m.end())
        assert r.source_span(a, b) == (m.start(), m.end())
        assert r.read(m.start(), m.end()) == reads(m.group(), "ru", "pre-reform")
    assert r.read(0, len(text)) == r.text and r.to_source(len(r.text)) == len(text)
    assert r.changes()[:2] == [("Въ", "В"), ("Іюнѣ", "Июне")]


def test_a_text_declared_modern_but_written_in_old_spelling_is_read_in_the_detected_one_with_a_warning():
    from align.pipeline import version_reading
    from align.records import Role, VersionMeta
    text = "Министръ иностранныхъ дѣлъ сообщилъ о рѣшеніи правительства."
    r = read(text, "ru", "modern")
    assert r.orthography == "pre-reform" and r.changed and r.text.startswith("Министр иностранных дел")
    assert "declared orthography 'modern', but 5 words are in pre-reform spelling" in r.warning
    meta = VersionMeta("ru", Role.WORKING, "t", "s", translator="x", orthography="modern")
    with pytest.warns(SpellingWarning, match="ru-x: declared orthography 'modern'.*read as 'pre-reform'"):
        assert version_reading(text, "ru", meta, "ru-x").orthography == "pre-reform"
    assert read(text, "ru", "pre-reform").warning == ""


def test_reading_signature_is_empty_for_a_text_read_as_written():
    assert reading_signature(read("Министр сказал.", "ru")) == ""
    assert reading_signature(read("Министръ сказалъ о дѣлѣ.", "ru")) == "pre-reform/reading-1"


# -- on the dev set and the shipped texts ----------------------------------------------------

@pytest.fixture(scope="module")
def docs():
    return archival.load_devset()


def test_every_modern_text_reads_exactly_as_written(docs, texts_dir):
    """The no-op promise: modern texts keep their segments, cache keys, signatures and scores."""
    from align.corpus import load_corpus
    versions = [(v.text, v.language, v.meta.orthography) for d in load_corpus(texts_dir) for v in d.versions]
    versions += [(d.text(v), v, "") for d in docs for v in ("en", "ru", "hy")]
    assert len(versions) >= 36
    for text, lang, declared in versions:
        r = read(text, lang, declared)
        assert not r.changed and r.text == text and r.orthography == "modern", (lang, text[:40])


def test_the_old_spelling_variants_are_detected_and_read_as_their_modern_lines(docs):
    """Every word, month, numeral and name of the old-spelling lines reads as the modern line's
    (printers of 1920 set no ё: the modern ё is compared as е)."""
    for doc in docs:
        for old, modern in archival.OLD_SPELLING.items():
            text = doc.text(old)
            declared = "mixed" if doc.doc_id == "1920-08-20-moscow-talks-communique" else \
                {"ru": "pre-reform", "hy": "classical"}[modern]
            assert detect(text, modern).orthography == declared, (doc.doc_id, old)
            r = read(text, modern, declared)
            for line, gold in zip(doc.versions[old], doc.versions[modern]):
                got = WORD.findall(r.read(line.start, line.end).replace("ё", "е"))
                want = WORD.findall(gold.text.replace("ё", "е").replace("Ё", "Е"))
                assert got == want, (doc.doc_id, old, line.text)


def test_numbers_months_and_names_find_the_same_in_old_and_modern_spelling(docs):
    """The numbers and names components on every gold bead: old-spelling lines as their modern ones."""
    from align.divergence import score_pair
    compared = 0
    for doc in docs:
        for pair in archival.PAIRS:
            src, lang = archival.pair_languages(pair)
            old = archival.target_version(pair, "old")
            orthography = "mixed" if doc.doc_id.endswith("communique") else None
            for g in doc.gold[pair]:
                if not (g.src and g.tgt):
                    continue
                en = " ".join(doc.versions[src][i].text for i in g.src)
                modern = " ".join(doc.versions[lang][j].text for j in g.tgt)
                written = " ".join(doc.versions[old][j].text for j in g.tgt)
                a = score_pair(en, modern, src, lang, None)
                b = score_pair(en, written, src, lang, None, tgt_orthography=orthography)
                for component in ("numbers", "names"):
                    assert a.components.get(component, 0.0) == pytest.approx(b.components.get(component, 0.0)), \
                        (doc.doc_id, pair, g.row, component, a.reasons, b.reasons)
                compared += 1
    assert compared > 300


def test_marks_and_reasons_point_at_the_text_as_written():
    from align.divergence import score_pair
    written = "Въ Іюнѣ Յովհաննէս прибылъ съ 32 вагонами."
    div = score_pair("In June Hovhannes arrived with 23 wagons.", written, "en", "ru", None)
    number = [m for m in div.marks if m.component == "numbers" and m.side == "target"]
    assert number and written[number[0].start:number[0].end] == "32"
    assert not any("Июне" in r for r in div.reasons)


def test_segmentation_reads_old_abbreviations_and_keeps_the_text_as_written(docs):
    from align.segment import segment_text
    for doc in docs:
        for old, modern in archival.OLD_SPELLING.items():
            text = doc.text(old)
            segments = segment_text(text, modern, reading=read(text, modern))
            assert [s.text for s in segments] == [ln.text for ln in doc.versions[old]], (doc.doc_id, old)
            assert all(text[s.start:s.end] == s.text for s in segments)
    text = "Г-нъ Дюменилъ принялъ меня. Т. е. онъ согласился и т. д. Заседаніе закрыто 3 іюня 1920 г. Вечеромъ уѣхалъ."
    got = [s.text for s in segment_text(text, "ru", reading=read(text, "ru"))]
    assert got == ["Г-нъ Дюменилъ принялъ меня.", "Т. е. онъ согласился и т. д.", "Заседаніе закрыто 3 іюня 1920 г.",
                   "Вечеромъ уѣхалъ."]
    # an introductory date ends in "г." without ending the sentence — once "Въ концѣ іюня" is read "В конце июня"
    intro = "Въ концѣ іюня 1920 г. Арменія заключила договоръ съ Грузіей."
    assert len(segment_text(intro, "ru")) == 2
    assert [s.text for s in segment_text(intro, "ru", reading=read(intro, "ru"))] == [intro]


def test_importing_the_reading_loads_no_dictionary():
    import subprocess
    import sys
    code = "import align.reading, sys; print('pymorphy3' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert reads("Министр сказал.", "ru", "modern") == "Министр сказал."
