"""Reading text files: BOMs, line ends, empty and binary files, encodings and their hints, size limit."""
from __future__ import annotations

import pytest

from align import textio
from align.errors import BinaryInputError, EmptyInputError, EncodingError, InputError, TooLargeError
from align.segment import gaps, segment_text
from align.textio import decode_text, looks_binary, read_text

RU = "Съешь же ещё этих мягких французских булок, да выпей же чаю.\nВторая строка текста.\n"
FR = "Le garçon était à côté de la fenêtre; il a mangé une crème brûlée.\n"
DE = "Die Straße über dem Fluß war schön, und die Brücke führte nach Süden.\n"


def test_utf8_bom_is_dropped_and_crlf_kept(tmp_path):
    text = "First sentence here. Second one.\r\n\r\nA new paragraph.\r\n"
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    got = read_text(path)
    assert got == text and "\r\n" in got and not got.startswith("\ufeff")
    segs = segment_text(got, "en")
    assert [s.text for s in segs] == ["First sentence here.", "Second one.", "A new paragraph."]
    assert all(got[s.start:s.end] == s.text for s in segs)
    assert "".join(g + s.text for g, s in zip(gaps(got, segs), segs)) + gaps(got, segs)[-1] == got
    assert [s.paragraph for s in segs] == [0, 0, 1]


def test_plain_utf8_is_returned_exactly():
    text = "  leading space, tabs\tand a lone CR\rstay.\n"
    assert decode_text(text.encode("utf-8")) == text


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", b"\xef\xbb\xbf", b"\xef\xbb\xbf \r\n",
                                  "\u00a0\u2003\n".encode("utf-8")])
def test_empty_or_whitespace_only_is_an_empty_input_error(tmp_path, data):
    path = tmp_path / "empty.txt"
    path.write_bytes(data)
    with pytest.raises(EmptyInputError, match="empty") as info:
        read_text(path)
    assert str(path) in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path)


@pytest.mark.parametrize("data", [b"Hello\x00world, this is text", b"%PDF-1.4\n\x00\x01\x02\x03binary",
                                  bytes(range(1, 9)) * 50 + b"mostly controls"])
def test_binary_data_is_refused(tmp_path, data):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    assert looks_binary(data)
    with pytest.raises(BinaryInputError, match="binary") as info:
        read_text(path)
    assert str(path) in str(info.value)


def test_tabs_and_form_feeds_are_not_binary():
    assert not looks_binary(b"col\tcol\tcol\n\x0cpage two\n")


@pytest.mark.parametrize("text, encoding", [(RU, "cp1251"), (RU, "koi8-r"), (FR, "latin-1"), (DE, "latin-1")])
def test_wrong_encoding_names_the_file_and_suggests_the_right_one(tmp_path, text, encoding):
    path = tmp_path / f"{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    with pytest.raises(EncodingError) as info:
        read_text(path)
    msg = str(info.value)
    assert str(path) in msg and "--encoding" in msg
    assert f"it looks like {encoding}" in msg
    assert "at byte" in msg
    assert read_text(path, encoding=encoding) == text


def test_utf16_with_a_bom_is_not_called_binary(tmp_path):
    path = tmp_path / "notepad.txt"
    path.write_bytes(RU.encode("utf-16"))
    with pytest.raises(EncodingError, match="it looks like utf-16"):
        read_text(path)
    assert read_text(path, encoding="utf-16") == RU


def test_unknown_encoding_lists_good_ones(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(EncodingError, match="unknown encoding 'klingon'.*cp1251"):
        read_text(path, encoding="klingon")


def test_a_given_encoding_that_does_not_fit_is_reported(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes("Привет".encode() + b"\xff\xfe\xfd")
    with pytest.raises(EncodingError, match="not valid ascii at byte 0"):
        read_text(path, encoding="ascii")


def test_too_large_file_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(textio, "MAX_TEXT_BYTES", 1024)
    path = tmp_path / "big.txt"
    path.write_text("word " * 400, encoding="utf-8")
    with pytest.raises(TooLargeError, match="split it into documents") as info:
        read_text(path)
    assert str(path) in str(info.value) and "2,000 bytes is more than the 1,024 bytes" in str(info.value)
    with pytest.raises(InputError, match="split it into documents"):
        decode_text(b"word " * 400, "<pasted>")
    small = tmp_path / "small.txt"
    small.write_text("word " * 100, encoding="utf-8")
    assert read_text(small) == "word " * 100


def _armscii8(text: str) -> bytes:
    """Armenian text in ArmSCII-8 (capitals at even bytes from 0xB2, small letters at odd bytes)."""
    out = bytearray()
    for ch in text:
        o = ord(ch)
        if 0x531 <= o <= 0x556:
            out.append(0xB2 + 2 * (o - 0x531))
        elif 0x561 <= o <= 0x586:
            out.append(0xB3 + 2 * (o - 0x561))
        elif ch == "\u0589":
            out.append(0xA3)
        else:
            out.append(o if o < 128 else 0x20)
    return bytes(out)


def test_an_armscii8_armenian_file_is_named_as_such(tmp_path):
    from align.errors import EncodingError
    from align.textio import read_text
    text = ("Սուլթանովը հայտնեց Հայդար Բամմատովին, որ Կարմիր զորքերը արդեն գրավել են Եվլախը։ "
            "Նա հայտնեց, որ Վրաստանը նրանց համար սպառնալիք չէ։\n")
    path = tmp_path / "hy-armscii.txt"
    path.write_bytes(_armscii8(text))
    with pytest.raises(EncodingError) as err:
        read_text(path)
    message = str(err.value)
    assert str(path) in message and "it looks like armscii-8" in message and "--encoding armscii-8" in message
    assert read_text(path, encoding="armscii-8") == text
