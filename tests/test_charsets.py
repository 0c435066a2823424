"""Encodings: the ArmSCII-8 codec both ways (against glibc's iconv), detection by language, honest refusals,
and the ``encoding`` field of a version in texts/."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from align.armscii8 import DECODING_TABLE, register
from align.charsets import detect_encoding, guess_for_hint
from align.corpus import load_document
from align.errors import EncodingError, MetadataError
from align.textio import decode_text

RU = ("Мы принимаем на себя обязательство объединить все наши усилия и все наши военные операции "
      "с русскими большевиками.")
HY = "Սուլթանովը հայտնեց Հայդար Բամմատովին, որ Կարմիր զորքերը արդեն գրավել են Եվլախը։ Երևան, «բարև» — և…"
FR = "Le garçon était à côté de la fenêtre; il a mangé une crème brûlée."
DE = "Die Straße über dem Fluß war schön."

register()


def test_armscii8_decodes_and_encodes_armenian_text():
    data = HY.encode("armscii-8")
    assert data.decode("armscii8") == HY
    assert len(data) == len(HY)  # one byte per character
    assert "Ա".encode("armscii-8") == b"\xb2" and "ա".encode("armscii-8") == b"\xb3"
    assert "ֆ".encode("armscii-8") == b"\xfd" and "և".encode("armscii-8") == b"\xa2"
    assert "(.,-)".encode("armscii-8") == b"(.,-)"  # ASCII, not the duplicates in the upper half
    with pytest.raises(UnicodeDecodeError):
        b"\xa1".decode("armscii-8")  # unassigned
    with pytest.raises(UnicodeEncodeError):
        "Ж".encode("armscii-8")


@pytest.mark.skipif(shutil.which("iconv") is None, reason="iconv is not installed")
def test_armscii8_agrees_with_iconv_on_every_byte_and_both_ways():
    ours = {}
    for b in range(256):
        try:
            ours[b] = bytes([b]).decode("armscii-8")
        except UnicodeDecodeError:
            ours[b] = None
    theirs = {}
    for b in range(256):
        done = subprocess.run(["iconv", "-f", "ARMSCII-8", "-t", "UTF-8"], input=bytes([b]), capture_output=True)
        theirs[b] = done.stdout.decode("utf-8") if done.returncode == 0 and done.stdout else None
    assert ours == theirs
    to_iconv = subprocess.run(["iconv", "-f", "UTF-8", "-t", "ARMSCII-8"], input=HY.encode("utf-8"),
                              capture_output=True, check=True).stdout
    assert to_iconv == HY.encode("armscii-8")
    assert DECODING_TABLE[0xFE] == "\u055a"


@pytest.mark.parametrize("text, lang, encoding", [
    (RU, "ru", "cp1251"), (RU, "ru", "koi8-r"), (RU, "ru", "cp866"), (HY, "hy", "armscii-8"),
    (FR, "fr", "latin-1"), (DE, "de", "latin-1"), (RU, "uk", "cp1251")])
def test_a_legacy_encoding_is_found_from_the_declared_language(text, lang, encoding):
    found = detect_encoding(text.encode(encoding), lang)
    assert found.sure and found.encoding == encoding and found.confidence > 0.99
    assert encoding in found.describe() and "sure" in found.describe()


def test_cp1252_punctuation_is_named_cp1252_not_latin1():
    data = "It was “quoted” — and that’s all.".encode("cp1252")
    found = detect_encoding(data, "en")
    assert found.encoding == "cp1252" and found.sure


def test_utf8_boms_and_utf16_without_a_bom():
    assert detect_encoding(RU.encode("utf-8"), "ru").encoding == "utf-8"
    assert detect_encoding(b"\xef\xbb\xbf" + RU.encode("utf-8"), "ru").encoding == "utf-8-sig"
    assert detect_encoding(RU.encode("utf-16"), "ru").encoding == "utf-16"
    assert detect_encoding("Plain English text here.".encode("utf-16-le"), "en").encoding == "utf-16-le"
    assert detect_encoding(b"plain ascii", "en").how.startswith("plain ASCII")


@pytest.mark.parametrize("word", ["Привет", "Мир всем"])
def test_a_short_cyrillic_text_is_not_guessed(word):
    """cp1251 and KOI8-R both read a few bytes as Cyrillic letters: too little evidence to be sure."""
    for encoding in ("cp1251", "koi8-r"):
        found = detect_encoding(word.encode(encoding), "ru")
        assert not found.sure and "too few" in found.how
        assert found.encoding == encoding  # still the likelier one, said as "perhaps"
        assert found.describe().startswith("perhaps")


def test_latin1_french_is_never_read_as_cyrillic():
    data = FR.encode("latin-1")
    found = detect_encoding(data, "fr")
    assert found.encoding == "latin-1"
    assert dict(found.alternatives)["cp1251"] < 1e-6
    assert guess_for_hint(data) == "latin-1"  # no language given: still Latin-1, not cp1251


@pytest.mark.parametrize("text, encoding, example", [
    (RU, "cp1251", "cp1251"), (RU, "koi8-r", "koi8-r"), (FR, "latin-1", "latin-1"), (HY, "armscii-8", "armscii-8")])
def test_the_error_for_an_undecodable_file_gives_a_fitting_example(text, encoding, example):
    with pytest.raises(EncodingError) as info:
        decode_text(text.encode(encoding), "x.txt")
    msg = str(info.value)
    assert f"it looks like {example}" in msg and f"--encoding {example}" in msg
    if encoding == "latin-1":
        assert "cp1251" not in msg and "koi8" not in msg


def _doc(tmp_path, text_bytes: bytes, meta: str):
    doc = tmp_path / "doc-1"
    doc.mkdir()
    (doc / "document.toml").write_text('title = "T"\n', encoding="utf-8")
    (doc / "ru.txt").write_bytes(text_bytes)
    (doc / "ru.toml").write_text('language = "ru"\nrole = "archival-original"\ntitle = "T"\nsource = "s"\n' + meta,
                                 encoding="utf-8")
    return doc


@pytest.mark.parametrize("encoding", ["cp1251", "koi8-r", "utf-16"])
def test_texts_honour_the_encoding_field(tmp_path, encoding):
    doc = load_document(_doc(tmp_path, RU.encode(encoding), f'encoding = "{encoding}"\n'))
    assert doc.versions[0].text == RU


def test_an_undecodable_version_names_the_encoding_field_not_a_command_option(tmp_path):
    folder = _doc(tmp_path, RU.encode("koi8-r"), "")
    with pytest.raises(EncodingError) as info:
        load_document(folder)
    msg = str(info.value)
    assert 'encoding = "koi8-r"' in msg and "ru.toml" in msg and "--encoding" not in msg


def test_an_unknown_encoding_field_is_a_metadata_error(tmp_path):
    with pytest.raises(MetadataError, match="field 'encoding' = 'klingon'"):
        load_document(_doc(tmp_path, RU.encode("utf-8"), 'encoding = "klingon"\n'))
