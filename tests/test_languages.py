"""Language codes are normalised once where they come in, and unknown ones refused clearly."""
from __future__ import annotations

import pytest

from align.cli import main
from align.errors import LanguageError
from align.languages import normalize_language


@pytest.mark.parametrize("given, want", [("english", "en"), ("English", "en"), ("arm", "hy"), ("hye", "hy"),
                                         ("Armenian", "hy"), ("en-UK", "en-GB"), ("RU", "ru"), ("hy_am", "hy-AM"),
                                         ("русский", "ru"), ("fra", "fr"), ("zh_Hant", "zh-Hant")])
def test_codes_and_names_become_standard_tags(given, want):
    assert normalize_language(given) == want


@pytest.mark.parametrize("given", ["xx", "", "klingonese", "en-", "12"])
def test_an_unknown_code_is_refused_with_where_it_came_from(given):
    with pytest.raises(LanguageError, match="--src-lang") as err:
        normalize_language(given, where="--src-lang")
    assert "en (English)" in str(err.value) and "hy (Armenian)" in str(err.value)


def test_align_pair_stores_the_normalised_code_and_the_tmx_export_works(tmp_path, capsys):
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text("The train left at noon.\n\nIt was late.\n", encoding="utf-8")
    tgt.write_text("Поезд ушёл в полдень.\n\nОн опоздал.\n", encoding="utf-8")
    store = tmp_path / "a__b.json"
    assert main(["pair", str(src), str(tgt), "--src-lang", "english", "--tgt-lang", "Russian", "--model", "hashing",
                 "--no-cache", "--save", str(store), "--set", "nulls=false"]) == 0
    from align.store import load
    a = load(store).alignment
    assert (a.src_lang, a.tgt_lang) == ("en", "ru")
    out = tmp_path / "a.tmx"
    assert main(["export", "tmx", str(store), "--out", str(out)]) == 0
    assert 'xml:lang="en"' in out.read_text(encoding="utf-8")


def test_align_pair_refuses_an_unknown_language_in_one_line(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Text.\n", encoding="utf-8")
    assert main(["pair", str(src), str(src), "--src-lang", "klingonese", "--tgt-lang", "en", "--model", "hashing",
                 "--no-cache"]) == 1
    err = capsys.readouterr().err
    assert "klingonese" in err and "not a language code" in err and err.count("\n") == 1


def test_a_version_language_is_stored_in_its_standard_form(tmp_path):
    from align.corpus import parse_version_meta
    meta = parse_version_meta(tmp_path / "x.toml", {"language": "hye", "role": "published-translation", "title": "T",
                                                    "source": "S"})
    assert meta.language == "hy"
