"""An ordinary word of the source left untranslated inside a translation in another script keeps its bead in the
review queue (``untranslated.LEFT_FLOOR``); names, acronyms, glosses and same-script pairs do not.  The
sentences are the archival dev set's (benchmarks/data/archival), one word left as the source has it."""
from __future__ import annotations

import pytest

from align.divergence import DEFAULT_REVIEW_THRESHOLD, score_pair, untranslated
from align.divergence.tokens import SideText

#: A cosine an equivalent pair of the dev set has (their centre is about 0.92 for en–ru, 0.89 for en–hy).
SIMILAR = 0.93

EN = "He enjoys the full confidence of the Government."
RU = "Он пользуется полным доверием правительства."
HY = "Նա վայելում է կառավարության լիակատար վստահությունը։"
RU_LONG = ("Правительство Республики Армения желает установить регулярные дипломатические отношения с "
           "Правительством Российской Социалистической Федеративной Советской Республики.")
EN_LONG = ("The Government of the Republic of Armenia wishes to establish regular diplomatic relations with the "
           "Government of the Russian Socialist Federative Soviet Republic.")


@pytest.mark.parametrize("src, ls, tgt, lt, word, reason", [
    # a Russian word left in the English, in the form the source has it
    (RU_LONG, "ru", EN_LONG, "en", ("relations", "отношения"),
     "“отношения” left in Russian inside the English translation, as in the source"),
    # ... or in another form of the same word (pymorphy3's lemma)
    (RU, "ru", EN, "en", ("confidence", "доверие"), "“доверие” left in Russian inside the English translation"),
    # a capital that only opens the sentence is no name
    ("Поскольку автобусы переполнены, билет лучше купить заранее.", "ru",
     "As the buses are crowded, it is better to buy a ticket in advance.", "en", ("As", "Поскольку"), "“Поскольку”"),
    # the reverse: an English word left in a Russian or an Armenian translation
    (EN, "en", RU, "ru", ("доверием", "confidence"), "“confidence” left in English inside the Russian translation"),
    (EN, "en", HY, "hy", ("վստահությունը", "confidence"),
     "“confidence” left in English inside the Armenian translation"),
    # an Armenian word left in a Russian translation of Armenian
    (HY, "hy", RU, "ru", ("правительства", "կառավարության"), "left in Armenian inside the Russian translation"),
])
def test_a_word_of_the_source_left_untranslated_keeps_the_bead_in_the_queue(src, ls, tgt, lt, word, reason):
    faithful, (translated, left) = tgt, word
    tgt = faithful.replace(translated, left)
    f = untranslated.score(SideText(src, ls), SideText(tgt, lt))
    assert f is not None and f.floor == untranslated.LEFT_FLOOR
    d = score_pair(src, tgt, ls, lt, SIMILAR)
    assert d.score >= DEFAULT_REVIEW_THRESHOLD
    assert any(r.startswith("untranslated:") and reason in r for r in d.reasons), d.reasons
    assert any(m.side == "target" and tgt[m.start:m.end] == left for m in d.marks)
    # the sentence translated is no difference
    assert untranslated.score(SideText(src, ls), SideText(faithful, lt)).value == 0
    assert score_pair(src, faithful, ls, lt, SIMILAR).score < DEFAULT_REVIEW_THRESHOLD


@pytest.mark.parametrize("src, ls, tgt, lt, counted", [
    # a name kept in the source's script, inside a sentence
    ("Он прибыл из Эривани в понедельник.", "ru", "He arrived from Эривани on Monday.", "en", True),
    # an acronym
    ("Делегация РСФСР прибыла в понедельник.", "ru", "The РСФСР delegation arrived on Monday.", "en", True),
    # a gloss in brackets, and a quoted term
    ("Земство решило помочь беженцам.", "ru", "The zemstvo (земство) decided to help the refugees.", "en", False),
    ("Земство решило помочь беженцам.", "ru", "The «земство» decided to help the refugees.", "en", False),
    # a word inside a quotation (counted: the quotation is in English; the floor leaves quotations to the weight)
    ("Он сказал: «Мы пользуемся полным доверием правительства».", "ru",
     "He said: “We enjoy the full доверием of the Government.”", "en", True),
    # a word in the source's script that the source does not have (no copy of it)
    (RU, "ru", "He enjoys the full уважение of the Government.", "en", True),
    # an English word with a capital inside (a brand), and a word no English dictionary knows ("twp")
    ("He bought an iPhone in Tiflis.", "en", "Он купил iPhone в Тифлисе.", "ru", True),
    ("In Welsh twp means daft.", "en", "На валлийском twp означает «глупый».", "ru", True),
    # lower-case words in a run with a name ("Global citizen")
    ("Global citizen replied at once.", "en", "Организаторы Global citizen сразу ответили.", "ru", True),
    # a sentence kept whole on both sides is no word left inside a translation
    ("Il faut bien le faire.", "en", "Il faut bien le faire.", "ru", True),
])
def test_names_acronyms_glosses_and_sentences_kept_whole_are_not_floored(src, ls, tgt, lt, counted):
    f = untranslated.score(SideText(src, ls), SideText(tgt, lt))
    assert f is not None and f.floor == 0
    assert (f.value > 0) == counted  # still untranslated text (a gloss is not), weighed by the learned weight alone


def test_same_script_and_same_language_pairs_are_never_floored():
    # French keeps an English word: one shared word in one script is no copy (cognates, names)
    f = untranslated.score(SideText("The government trusts him fully.", "en"),
                           SideText("Le government lui fait entièrement confiance.", "fr"))
    assert f is not None and f.value == 0 and f.floor == 0
    # two Russian versions: the component does not apply
    assert untranslated.score(SideText(RU, "ru"), SideText(RU, "ru")) is None
    d = score_pair(RU, RU, "ru", "ru", 0.99)
    assert d.score < DEFAULT_REVIEW_THRESHOLD and "untranslated" not in d.components
