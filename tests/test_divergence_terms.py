"""The names and terms list a user edits (texts/names.toml): reading it, and what names and untranslated do with it."""
from __future__ import annotations

import pytest

from align.divergence import TermList, names, score_pair, scoring_stamp, untranslated
from align.divergence.tokens import SideText
from align.errors import InputError

LIST = """
[[equivalent]]
en = ["Erivan", "Yerevan"]
ru = ["Эривань", "Ереван"]
hy = ["Երևան"]

[[equivalent]]
en = ["Quai d'Orsay"]
ru = ["Министерство иностранных дел Франции"]

[[equivalent]]
en = ["Gegechkori"]
ru = ["Гегечкори"]

[never_flag]
en = ["Excellency"]
any = ["Pour copie conforme"]
"""


@pytest.fixture()
def terms(tmp_path):
    path = tmp_path / "names.toml"
    path.write_text(LIST, encoding="utf-8")
    return TermList.load(path)


def test_a_listed_spelling_matches_its_case_forms_and_whole_words_only(terms):
    hits = terms.find("Делегация прибыла из Эривани и вернулась в Ереван.", "ru")
    assert [h.index for h in hits] == [0, 0]
    assert len(terms.find("Yerevanian is not Yerevan's", "en")) == 1
    assert terms.has(0, "в Ереване", "ru") is True
    assert terms.has(0, "в Тифлисе", "ru") is False
    assert terms.has(1, "anything", "hy") is None  # no Armenian spelling: the list says nothing


def test_a_name_found_through_the_list_is_not_missing_and_the_reason_says_so(terms):
    src, tgt = "The note was handed to the Quai d'Orsay on Monday.", \
        "Нота была передана в Министерство иностранных дел Франции в понедельник."
    without = names.score(SideText(src, "en"), SideText(tgt, "ru"))
    assert without.value > 0
    found = names.score(SideText(src, "en"), SideText(tgt, "ru"), terms=terms)
    assert found.value == 0
    assert any("names list" in n and "Quai" in n for n in found.notes)
    d = score_pair(src, tgt, "en", "ru", 0.92, terms=terms)
    assert any("names list" in r for r in d.reasons)


def test_a_listed_name_whose_equivalent_is_absent_counts_fully(terms):
    f = names.score(SideText("He spoke with Mr. Gegechkori.", "en"), SideText("Он говорил с г-ном Кипиани.", "ru"),
                    terms=terms)
    assert f.value >= names.FIRST
    assert "Gegechkori" in f.reasons[0] and "names list" in f.reasons[0]


def test_never_flag_words_are_neither_missing_names_nor_untranslated(terms):
    src, tgt = "His Excellency received the note.", "Он получил ноту."
    assert names.score(SideText(src, "en"), SideText(tgt, "ru")).value > 0
    assert names.score(SideText(src, "en"), SideText(tgt, "ru"), terms=terms) is None
    s, t = SideText("Certified copy.", "en"), SideText("Pour copie conforme. Верно.", "ru")
    assert untranslated.score(s, t).value > 0  # Latin-script words left in a Russian text
    assert untranslated.score(s, t, terms=terms).value == 0  # ... unless the list says they are fine


def test_the_scorer_stamp_changes_with_the_list(terms, tmp_path):
    assert scoring_stamp() == scoring_stamp(None, None)
    stamp = scoring_stamp(None, terms)
    assert stamp.startswith(scoring_stamp()) and "+names:" in stamp
    other = tmp_path / "other.toml"
    other.write_text(LIST.replace("Gegechkori", "Gegetchkori"), encoding="utf-8")
    assert scoring_stamp(None, TermList.load(other)) != stamp


@pytest.mark.parametrize("text, message", [
    ("[[equivalent]]\nen = 5\n", "expected a list of strings"),
    ("[[equivalent]]\nklingonese = ['x']\n", "not a language code"),
    ("[synonyms]\nen = ['x']\n", "unknown key"),
    ("[[equivalent]]\nen = [\n", "not a valid TOML"),
    ("never_flag = ['x']\n", "'never_flag' must be a table"),
])
def test_a_malformed_list_names_the_file_and_the_problem(tmp_path, text, message):
    path = tmp_path / "names.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        TermList.load(path)
    assert str(path) in str(err.value)


def test_equivalents_for_a_language_pair_are_offered_to_other_components(terms):
    assert terms.pairs("en", "hy") == [(("Erivan", "Yerevan"), ("Երևան",))]
    assert len(terms.pairs("en-GB", "ru")) == 3
