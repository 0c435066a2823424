"""segment_text / split_sentences: records, paragraphs, structure lines, languages, the corpus."""
from __future__ import annotations

import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from align.errors import LanguageError
from align.records import Segment
from align.segment import (
    canonical_language,
    gaps,
    segment_text,
    segmenter_signature,
    split_paragraphs,
    split_sentences,
    supported_languages,
)

TEXTS = Path(__file__).resolve().parent.parent / "texts"


def texts_of(segments: tuple[Segment, ...]) -> list[str]:
    return [s.text for s in segments]


def squash(s: str) -> str:
    return "".join(s.split())


# --- the records --------------------------------------------------------------------------------

def test_segments_carry_ids_paragraphs_indexes_and_offsets() -> None:
    text = "Title line\n\nOne sentence. Two sentences.\n\n\nLast one."
    segs = segment_text(text, "en", doc_id="d1", version_id="en")
    assert texts_of(segs) == ["Title line", "One sentence.", "Two sentences.", "Last one."]
    assert [s.paragraph for s in segs] == [0, 1, 1, 2]
    assert [s.index for s in segs] == [0, 1, 2, 3]
    assert all(s.doc_id == "d1" and s.version_id == "en" for s in segs)
    assert all(text[s.start:s.end] == s.text for s in segs)
    assert (segs[1].start, segs[1].end) == (12, 25)


def test_empty_and_blank_texts_have_no_segments() -> None:
    for text in ("", " ", "\n\n", " \t\r\n \r\n\u00a0\n"):
        assert segment_text(text, "en") == ()
        assert split_sentences(text, "ru") == []


def test_gaps_rebuild_the_text() -> None:
    text = "  One. Two.\n\n  Three?  "
    segs = segment_text(text, "en")
    g = gaps(text, segs)
    assert g == ("  ", " ", "\n\n  ", "  ")
    assert "".join(x + s.text for x, s in zip(g, segs)) + g[-1] == text


def test_crlf_is_kept_and_splits_like_lf() -> None:
    lf = "Angora, April 26, 1920\n\nWe accept. We ask for\narms and gold.\n\nMustafa Kemal\n"
    crlf = lf.replace("\n", "\r\n")
    a, b = segment_text(lf, "en"), segment_text(crlf, "en")
    assert [s.clean for s in a] == [s.clean for s in b]
    assert [s.paragraph for s in a] == [s.paragraph for s in b]
    assert b[2].text == "We ask for\r\narms and gold."
    assert all(crlf[s.start:s.end] == s.text for s in b)


def test_whitespace_only_lines_separate_paragraphs() -> None:
    text = "First.\n \t \nSecond.\n\u00a0\nThird."
    assert [s.paragraph for s in segment_text(text, "en")] == [0, 1, 2]
    assert split_paragraphs(text) == [(0, 6), (11, 18), (21, 27)]


def test_split_sentences_spans_index_the_given_text() -> None:
    text = "  Он пришёл. Она ушла.  "
    spans = split_sentences(text, "ru")
    assert [text[s:e] for s, e in spans] == ["Он пришёл.", "Она ушла."]


# --- languages ----------------------------------------------------------------------------------

def test_supported_languages() -> None:
    assert {"en", "ru", "hy", "de", "fr", "zh"} <= set(supported_languages())
    assert list(supported_languages()) == sorted(supported_languages())


@pytest.mark.parametrize("name,code", [
    ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("english", "en"), ("English", "en"),
    ("ru", "ru"), ("ru-RU", "ru"), ("russian", "ru"), ("hy", "hy"), ("hy-AM", "hy"),
    ("HY_am", "hy"), ("armenian", "hy"), ("hye", "hy"), ("de", "de"), ("de-AT", "de"), ("german", "de"),
    ("fr", "fr"), ("fr-CA", "fr"), ("french", "fr"), ("zh", "zh"), ("zh-Hans", "zh"),
    ("zh-TW", "zh"), ("chinese", "zh"), (" ru ", "ru"),
])
def test_language_names_and_subtags(name: str, code: str) -> None:
    assert canonical_language(name) == code
    assert split_sentences("A. B.", name) is not None


@pytest.mark.parametrize("bad", ["xx", "", "klingon", "xx-en", "arm-"])
def test_unknown_language_raises_language_error_listing_codes(bad: str) -> None:
    if bad == "arm-":  # a known name with an empty subtag is still fine
        assert canonical_language(bad) == "hy"
        return
    with pytest.raises(LanguageError) as info:
        segment_text("Some text.", bad)
    message = str(info.value)
    assert repr(bad) in message
    for code in ("en", "ru", "hy", "de", "fr", "zh"):
        assert code in message


def test_non_string_language_raises_language_error() -> None:
    with pytest.raises(LanguageError):
        split_sentences("Text.", None)  # type: ignore[arg-type]


def test_signature_names_method_data_and_versions() -> None:
    sig = segmenter_signature("ru-RU")
    assert sig.startswith("segment:ru:punkt(") and "nltk" in sig and "russian" in sig and "rules:" in sig
    assert segmenter_signature("hy").startswith("segment:hy:armenian-rules")
    assert segmenter_signature("zh").startswith("segment:zh:zh-punctuation")


def test_importing_the_package_loads_no_model() -> None:
    code = ("import sys, align.segment; "
            "print(any(m == 'nltk' or m.startswith('nltk.') or m == 'punkt' for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_splitting_imports_punkt_alone_and_nltk_still_works_whole_afterwards() -> None:
    # NLTK's package body would import scipy.stats and scikit-learn (seconds) for a tokenizer that
    # needs neither; a user's later ``import nltk`` must still get the whole package
    code = ("import sys\n"
            "from align.segment import segment_text\n"
            "spans = segment_text('Mr. Smith came on Jan. 5. He left.', 'en')\n"
            "print(len(spans), 'sklearn' in sys.modules, 'nltk.metrics' in sys.modules)\n"
            "import nltk\n"
            "from nltk import ngrams\n"
            "from nltk.tokenize import TreebankWordTokenizer\n"
            "print(nltk.__version__ > '3', list(ngrams('abc', 2))[0], TreebankWordTokenizer().tokenize('a b.'),\n"
            "      'nltk.metrics' in sys.modules, nltk.FreqDist('aab')['a'])\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = out.stdout.splitlines()
    assert first == "2 False False"
    assert second == "True ('a', 'b') ['a', 'b', '.'] True 2"


def test_splitting_uses_an_nltk_the_user_already_imported() -> None:
    code = ("import nltk, sys\n"
            "whole = sys.modules['nltk']\n"
            "from align.segment import segment_text\n"
            "print(len(segment_text('One. Two.', 'en')), sys.modules['nltk'] is whole)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "2 True"


# --- structure lines and soft wraps -----------------------------------------------------------

LETTER_EN = """\
Angora, April 26, 1920
To the Government of the Soviet Republic of Russia, Moscow
Dear Comrades,
{body}
With deep respect,
Speaker of the Grand National Assembly of Turkey Mustafa Kemal
Angora""".format(body="We accept the liability to unite all our efforts and all our military operations with the "
                  "Russian Bolsheviks. Secondly. If Soviet forces propose military operations against "
                  "Georgia, we will act.")


def test_structure_lines_inside_a_paragraph_are_segments() -> None:
    assert texts_of(segment_text(LETTER_EN, "en")) == [
        "Angora, April 26, 1920",
        "To the Government of the Soviet Republic of Russia, Moscow",
        "Dear Comrades,",
        "We accept the liability to unite all our efforts and all our military operations "
        "with the Russian Bolsheviks.",
        "Secondly. If Soviet forces propose military operations against Georgia, we will act.",
        "With deep respect,",
        "Speaker of the Grand National Assembly of Turkey Mustafa Kemal",
        "Angora",
    ]


def test_russian_date_line_and_salutation() -> None:
    text = ("Ереван, 29 апреля 1920 г.\nУважаемый господин министр!\n"
            "Сообщаю Вам, что делегация прибыла в Москву. Ответа пока нет.\nДипредармен Туманян")
    assert [text[s:e] for s, e in split_sentences(text, "ru")] == [
        "Ереван, 29 апреля 1920 г.", "Уважаемый господин министр!",
        "Сообщаю Вам, что делегация прибыла в Москву.", "Ответа пока нет.", "Дипредармен Туманян"]


def test_armenian_and_chinese_letters() -> None:
    hy = ("Երևան, 1920 թ. ապրիլի 29\nՀարգելի պարոն նախարար,\n"
          "Հայտնում եմ, որ պատվիրակությունը ժամանել է Մոսկվա։ Պատասխան դեռ չկա։\nԴիպրեդարմեն Թումանյան")
    assert [hy[s:e] for s, e in split_sentences(hy, "hy")] == [
        "Երևան, 1920 թ. ապրիլի 29", "Հարգելի պարոն նախարար,",
        "Հայտնում եմ, որ պատվիրակությունը ժամանել է Մոսկվա։", "Պատասխան դեռ չկա։", "Դիպրեդարմեն Թումանյան"]
    zh = ("安哥拉，1920年4月26日\n致苏维埃俄国政府\n我们接受这一义务。我们请求援助。\n"
          "土耳其大国民议会议长穆斯塔法·凯末尔")
    assert [zh[s:e] for s, e in split_sentences(zh, "zh")] == [
        "安哥拉，1920年4月26日", "致苏维埃俄国政府", "我们接受这一义务。", "我们请求援助。",
        "土耳其大国民议会议长穆斯塔法·凯末尔"]


def test_list_items_after_a_colon_are_segments() -> None:
    en = ("The conditions are as follows:\n1. Evacuation of Kars.\n2. Withdrawal of troops from\n"
          "Nakhichevan.\n3. Payment of gold.")
    assert [en[s:e] for s, e in split_sentences(en, "en")] == [
        "The conditions are as follows:", "1. Evacuation of Kars.",
        "2. Withdrawal of troops from\nNakhichevan.", "3. Payment of gold."]
    ru = "Условия таковы:\nа) эвакуация Карса;\nб) отвод войск;\n3) выплата золота."
    assert [ru[s:e] for s, e in split_sentences(ru, "ru")] == [
        "Условия таковы:", "а) эвакуация Карса;", "б) отвод войск;", "3) выплата золота."]
    # a wrapped German date is not a list item
    de = "Die Truppen kamen am\n26. April 1920 an."
    assert split_sentences(de, "de") == [(0, len(de))]


def test_soft_wrapped_prose_is_not_split_at_line_ends() -> None:
    text = ("The delegation of the Republic of Armenia, led by\n"
            "Alexander Khatisian, arrived in Moscow on 26 April\n"
            "1920 and was received by Chicherin. It waited for\n"
            "an answer.")
    assert [squash(text[s:e]) for s, e in split_sentences(text, "en")] == [
        squash("The delegation of the Republic of Armenia, led by Alexander Khatisian, arrived in "
               "Moscow on 26 April 1920 and was received by Chicherin."),
        squash("It waited for an answer.")]


PROSE = {
    "en": ("The president of the temporary People’s Commissariat Sultanov informed Haydar Bamatov that "
           "the Red troops, which had already occupied Yevlakh, are on their way through the Shusha "
           "highway to join the Anatolian Army. Gen. Kazim Karabekir and Col. Rawlinson met on Apr. 26, "
           "1920 in Erzurum. I don’t consider this assumption – the attempt to contact the Turks through "
           "Karabakh, Zangezur, and Nakhichevan – to be impossible."),
    "ru": ("Председатель временного Народного комиссариата Султанов сообщил Гайдару Бамматову, что "
           "Красные войска, уже занявшие Евлах, направляются по Шушинскому шоссе на соединение с "
           "Анатолийской армией. Ген. Деникин и тов. Легран встретились 5 янв. 1920 г. в Тифлисе. "
           "Я не считаю это предположение — попытку связаться с Турками через Карабах, Зангезур и "
           "Нахичевань — невозможным."),
    "hy": ("Ժամանակավոր ժողովրդական կոմիսարիատի նախագահ Սուլթանովը Հայդար Բամմատովին հայտնել է, որ "
           "Կարմիր զորքերը, որոնք արդեն գրավել են Եվլախը, Շուշիի խճուղով ընթանում են՝ միանալու "
           "Անատոլիական բանակին։ 1920 թ. ապրիլի 26-ին գեն. Դրոն ժամանեց Երևան։ Ես անհնար չեմ համարում "
           "այս ենթադրությունը՝ Ղարաբաղի, Զանգեզուրի և Նախիջևանի միջով Թուրքերի հետ կապ հաստատելու փորձը։"),
}


@pytest.mark.parametrize("lang", sorted(PROSE))
def test_wrapping_at_any_width_gives_the_same_sentences(lang: str) -> None:
    para = PROSE[lang]
    expected = [squash(para[s:e]) for s, e in split_sentences(para, lang)]
    assert len(expected) == 3
    for width in range(16, 120, 3):
        wrapped = textwrap.fill(para, width, break_on_hyphens=False)
        got = [squash(wrapped[s:e]) for s, e in split_sentences(wrapped, lang)]
        assert got == expected, (width, wrapped)


def test_wrapped_document_keeps_its_date_and_signature_lines() -> None:
    body = textwrap.fill(PROSE["ru"], 64, break_on_hyphens=False)
    text = "Ереван, 29 апреля 1920 г.\n" + body + "\nДипредармен Туманян\n"
    segs = segment_text(text, "ru")
    assert segs[0].text == "Ереван, 29 апреля 1920 г."
    assert segs[-1].text == "Дипредармен Туманян"
    assert len(segs) == 5 and {s.paragraph for s in segs} == {0}


# --- the corpus ---------------------------------------------------------------------------------

def _corpus_files() -> list[Path]:
    return sorted(TEXTS.glob("**/*.txt")) if TEXTS.is_dir() else []


def _language_of(path: Path) -> str:
    meta = path.with_suffix(".toml")
    if meta.is_file():
        try:
            return str(tomllib.loads(meta.read_text(encoding="utf-8")).get("language", ""))
        except tomllib.TOMLDecodeError:
            pass
    return path.stem.split("-")[0]


@pytest.mark.parametrize("path", _corpus_files() or [None],
                         ids=lambda p: str(p.relative_to(TEXTS)) if p else "none")
def test_every_corpus_text_segments_and_round_trips(path: Path | None) -> None:
    if path is None:
        pytest.skip("no texts/**/*.txt in the corpus")
    lang = _language_of(path)
    try:
        canonical_language(lang)
    except LanguageError:
        pytest.skip(f"{path.name}: no segmenter for language {lang!r}")
    text = path.read_bytes().decode("utf-8-sig")
    segs = segment_text(text, lang, doc_id=path.parent.name, version_id=path.stem)
    if text.strip():
        assert segs
    g = gaps(text, segs)
    assert "".join(x + s.text for x, s in zip(g, segs)) + g[-1] == text
    assert all(x == "" or x.isspace() for x in g)
    for i, s in enumerate(segs):
        assert s.index == i and s.text == text[s.start:s.end] and s.text == s.text.strip()
    assert [s.paragraph for s in segs] == sorted(s.paragraph for s in segs)
    assert segs[-1].paragraph + 1 == len(split_paragraphs(text)) if segs else True


# --- performance --------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "ru", "hy", "zh"])
def test_one_megabyte_is_quick(lang: str) -> None:
    sample = {"en": PROSE["en"], "ru": PROSE["ru"], "hy": PROSE["hy"],
              "zh": "他说：“我们接受这个建议。”然后离开了。你们准备好了吗？准备好了！"}[lang]
    split_sentences(sample, lang)  # load the model first: we time the segmentation
    text = ("Angora, April 26, 1920\n\n" + sample + "\n\n") * (1_000_000 // (len(sample) + 26))
    started = time.perf_counter()
    segs = segment_text(text, lang)
    elapsed = time.perf_counter() - started
    print(f"\nsegmenting {len(text):,} characters of {lang}: {len(segs):,} segments in {elapsed:.2f} s")
    assert segs[-1].end <= len(text)


# --- what the archival dev set taught (benchmarks/data/archival/README.md) ------------------------

def test_a_heading_in_capitals_stands_apart_from_its_lower_case_subtitle() -> None:
    en = ("MINUTES No. 7\nof the sitting of the Mixed Railway Commission held at Sanahin on 10 June 1920\n\n"
          "Present: all.")
    assert texts_of(segment_text(en, "en"))[:2] == [
        "MINUTES No. 7", "of the sitting of the Mixed Railway Commission held at Sanahin on 10 June 1920"]
    ru = "ПРОТОКОЛ № 7\nзаседания Смешанной комиссии"
    assert texts_of(segment_text(ru, "ru")) == ["ПРОТОКОЛ № 7", "заседания Смешанной комиссии"]
    # a line of prose that merely holds an acronym still continues on the next line
    wrapped = "The delegation of the RSFSR and the\ndelegation of Armenia met at noon."
    assert texts_of(segment_text(wrapped, "en")) == [wrapped]


def test_an_abbreviated_english_first_name_in_russian_does_not_end_a_sentence() -> None:
    text = "Присутствовали: инженер Н. Церетели и майор Дж. Т. Холлис. Заседание открылось в 11 часов."
    assert texts_of(segment_text(text, "ru")) == [
        "Присутствовали: инженер Н. Церетели и майор Дж. Т. Холлис.", "Заседание открылось в 11 часов."]


def test_a_common_russian_word_that_punkt_lists_as_an_abbreviation_ends_a_sentence() -> None:
    text = "Миссия просит скорее освободить груз. Каждый день промедления уносит жизни. Мир. Война."
    assert texts_of(segment_text(text, "ru")) == [
        "Миссия просит скорее освободить груз.", "Каждый день промедления уносит жизни.", "Мир.", "Война."]


def test_a_latin_script_line_inside_armenian_text_is_a_sentence_of_its_own() -> None:
    text = "Ս. Ավագյան։\nCopy to the Ministry of Food.\n№ 412-ը ստացվել է Երևանում մայիսի 15-ին։"
    assert texts_of(segment_text(text, "hy")) == [
        "Ս. Ավագյան։", "Copy to the Ministry of Food.", "№ 412-ը ստացվել է Երևանում մայիսի 15-ին։"]
    # an Armenian abbreviation with "." still does not end a sentence
    assert len(segment_text("1920 թ. մայիսի 15-ին Ա. Խատիսյանը մեկնեց։", "hy")) == 1


def test_armenian_list_items_after_a_line_ending_in_the_armenian_colon_are_segments() -> None:
    text = ("3. Որոշվեց.\nա) որ յուրաքանչյուր կողմը կրի ծախսերի կեսը.\nբ) որ աշխատանքները ղեկավարի վարչությունը.\n"
            "գ) որ ոչ մի գնացք չանցնի առանց համաձայնության։")
    assert texts_of(segment_text(text, "hy")) == [
        "3. Որոշվեց.", "ա) որ յուրաքանչյուր կողմը կրի ծախսերի կեսը.", "բ) որ աշխատանքները ղեկավարի վարչությունը.",
        "գ) որ ոչ մի գնացք չանցնի առանց համաձայնության։"]
