"""TMX import: round trips, other tools' TMX 1.1-1.4, inline markup, languages, bad files."""
from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from align.errors import ExportError, TextCleanupWarning
from align.export.tmx import write_tmx
from align.export.tmx_import import read_tmx
from align.records import Role, text_sha256
from align.store import load, save
from tmxtools import assert_valid_tmx, make_alignment

LONG_EN = ("The delegation proposed joint operations & further talks. " * 1750)[:100_000].strip()
LONG_RU = ("Делегация предложила совместные действия и дальнейшие переговоры. " * 1550)[:100_000].strip()
TRICKY = [
    (["Fish & chips <b>not a tag</b> > 3 \"quoted\" and 'apostrophe'."],
     ["Рыба & картошка <b>не тег</b> > 3 «кавычки» и 'апостроф'."]),
    (["Emoji 🎉 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outside the BMP."], ["Эмодзи 🎉 и 𝔘𝔫𝔦𝔠𝔬𝔡𝔢."]),
    (["Yerevan, 1920."], ["Երևան, 1920 թ.։"]),
    (["Tab\tand\nnewline inside."], ["Табуляция\tи\nперевод строки."]),
    ([LONG_EN], [LONG_RU]),
    (["CDATA-like ]]> and &amp; literally."], ["Буквально ]]> и &amp;."]),
]


def export(tmp_path: Path, alignment, name: str = "a.tmx", **kw) -> Path:
    path = tmp_path / name
    write_tmx(alignment, path, **kw)
    return path


def test_round_trip_keeps_the_pairs(tmp_path, tmx14_dtd):
    alignment, _, _ = make_alignment(TRICKY)
    path = export(tmp_path, alignment)
    assert_valid_tmx(path.read_bytes(), tmx14_dtd)
    back = read_tmx(path, "en", "ru")
    # tabs and line breaks come back as single spaces: the export writes Alignment.side_text
    assert back.pairs() == alignment.pairs()
    assert back.pairs()[3] == ("Tab and newline inside.", "Табуляция и перевод строки.")
    assert len(back.pairs()[4][0]) > 99_000
    assert back.doc_id == "doc-1" and (back.src_version, back.tgt_version) == ("en", "ru-working")
    assert back.tgt_meta is not None and back.tgt_meta.role is Role.WORKING
    assert [b.similarity for b in back.beads] == [0.8] * len(TRICKY)


def test_round_trip_of_multi_sentence_and_empty_beads(tmp_path):
    alignment, _, _ = make_alignment([(["One.", "Two."], ["Раз, два."]), (["Alone."], []), ([], ["Одна."]),
                                      (["Three."], ["Три."])])
    back = read_tmx(export(tmp_path, alignment, include_empty=True), "en", "ru")
    assert back.pairs() == alignment.pairs()
    assert [b.kind for b in back.beads] == ["1-1", "1-0", "0-1", "1-1"]
    assert [b.ids() for b in back.beads] == ["[0]:[0]", "[1]:[]", "[]:[1]", "[2]:[2]"]


def test_control_characters_are_removed_and_the_rest_round_trips(tmp_path):
    alignment, _, _ = make_alignment([(["Page\x0cbreak and bell\x07."], ["Разрыв\x0cстраницы."])])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        path = export(tmp_path, alignment)
    assert [w.category for w in caught] == [TextCleanupWarning, TextCleanupWarning]
    assert "bead [0]:[0] source (segment 0 of version en): removed U+0007, U+000C (form feed)" in str(caught[0].message)
    assert "bead [0]:[0] target (segment 0 of version ru-working): removed U+000C" in str(caught[1].message)
    assert read_tmx(path, "en", "ru").pairs() == [("Page break and bell.", "Разрыв страницы.")]


def test_imported_alignment_is_consistent_and_storable(tmp_path):
    alignment, _, _ = make_alignment(TRICKY[:3])
    back = read_tmx(export(tmp_path, alignment), "en", "ru", doc_id="my-doc")
    src_text = "\n\n".join(s.text for s in back.src_segments)
    for seg in back.src_segments:
        assert src_text[seg.start:seg.end] == seg.text and seg.doc_id == "my-doc"
    assert back.signature.model == "imported-tmx"
    assert back.signature.src_sha256 == text_sha256(src_text)
    assert back.signature.settings["file"] == "a.tmx" and back.signature.settings["tmx_version"] == "1.4"
    saved = save(tmp_path / "store" / "my-doc" / "en__ru-working.json", back)
    assert load(saved.path).alignment == back


FOREIGN_11 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
<header creationtool="OtherTool" creationtoolversion="9" segtype="sentence" o-tmf="ABC"
        adminlang="EN-US" srclang="*all*" datatype="rtf"/>
<body>
<tu tuid="7"><prop type="x-other">ignored</prop>
  <tuv lang="EN-US"><seg>Press <bpt i="1">{\\b </bpt>Save<ept i="1">}</ept> now<ph x="2">\\line</ph>.</seg></tuv>
  <tuv lang="HY-AM"><seg>Սեղմեք <bpt i="1">{\\b </bpt>Պահպանել<ept i="1">}</ept><ph>\\line</ph>։</seg></tuv>
</tu>
<tu>
  <tuv lang="en-GB">
    <seg>A <hi type="bold">highlighted</hi> word<it pos="begin">&lt;i&gt;</it> and <ut>{\\i}</ut>code.</seg></tuv>
  <tuv lang="hy"><seg>Ընդգծված <hi>բառ</hi>։</seg></tuv>
  <tuv lang="de"><seg>Ein Wort.</seg></tuv>
</tu>
<tu><tuv lang="EN"><seg>Only English here.</seg></tuv><tuv lang="hy"><seg/></tuv></tu>
<tu><tuv lang="de"><seg>Nur Deutsch.</seg></tuv></tu>
<tu><tuv lang="hy-AM"><seg>Միայն հայերեն։</seg></tuv></tu>
</body>
</tmx>
"""


def test_foreign_tmx_11_with_inline_codes_and_lang_attributes(tmp_path):
    path = tmp_path / "other tool.tmx"
    path.write_text(FOREIGN_11, encoding="utf-8")
    a = read_tmx(path, "en", "hy")
    assert a.pairs() == [("Press Save now.", "Սեղմեք Պահպանել։"),
                         ("A highlighted word and code.", "Ընդգծված բառ։"),
                         ("Only English here.", ""), ("", "Միայն հայերեն։")]
    assert [b.kind for b in a.beads] == ["1-1", "1-1", "1-0", "0-1"]  # the German-only TU is skipped
    assert a.doc_id == "other-tool" and (a.src_version, a.tgt_version) == ("en", "hy")
    assert a.src_meta is None and a.signature.settings["creationtool"] == "OtherTool"
    assert read_tmx(path, "hy-AM", "en-US").pairs()[0] == ("Սեղմեք Պահպանել։", "Press Save now.")


def test_tmx_14_xml_lang_utf16_and_namespaced_lang(tmp_path):
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n<tmx version="1.4"><header creationtool="t" '
            'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="ru" datatype="plaintext"/>'
            '<body><tu><tuv xml:lang="ru-RU"><seg>Привет</seg></tuv><tuv xml:lang="fr-CA"><seg>Salut</seg></tuv></tu>'
            '</body></tmx>')
    path = tmp_path / "u16.tmx"
    path.write_bytes(text.encode("utf-16"))
    assert read_tmx(path, "fr", "ru").pairs() == [("Salut", "Привет")]


def test_external_dtd_is_never_fetched(tmp_path):
    path = tmp_path / "net.tmx"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://192.0.2.1/tmx14.dtd">\n'
                    '<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>Hi</seg></tuv>'
                    '<tuv xml:lang="ru"><seg>Привет</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert read_tmx(path, "en", "ru").pairs() == [("Hi", "Привет")]


def test_same_primary_language_needs_exact_tags(tmp_path):
    path = tmp_path / "en.tmx"
    path.write_text('<tmx version="1.4"><header/><body><tu><tuv xml:lang="en-GB"><seg>colour</seg></tuv>'
                    '<tuv xml:lang="en-US"><seg>color</seg></tuv></tu></body></tmx>', encoding="utf-8")
    assert read_tmx(path, "en-US", "en-GB").pairs() == [("color", "colour")]
    with pytest.raises(ExportError, match="both 'en'"):
        read_tmx(path, "en", "EN")


def test_reverse_import_of_our_own_tmx(tmp_path):
    alignment, _, _ = make_alignment([(["Hello."], ["Привет."])])
    back = read_tmx(export(tmp_path, alignment), "ru", "en")
    assert back.pairs() == [("Привет.", "Hello.")]
    assert (back.src_version, back.tgt_version) == ("ru-working", "en")


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tmx [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&lol3;</seg></tuv>
<tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>&secret;</seg></tuv>
<tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>"""
UNDEFINED = """<?xml version="1.0"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header/><body><tu><tuv xml:lang="en"><seg>a&nbsp;b</seg></tuv>
<tuv xml:lang="ru"><seg>x</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize(("content", "message"), [
    (b"", "the file is empty"),
    (b"  \n", "the file is empty"),
    (b"<tmx><body><tu>", "not well-formed XML"),
    (b"\xff\xfe\x00garbage", "not well-formed XML"),
    (b"<html><body/></html>", r"not a TMX file \(the root element is <html>"),
    (b'<tmx version="1.4"><header/></tmx>', "needs a <body>"),
    (b'<tmx version="1.4"><header/><body/></tmx>',
     r"no translation unit holds both en and ru \(languages found: none\)"),
    (b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="de"><seg>Ja</seg></tuv><tuv xml:lang="fr"><seg>Oui</seg>'
     b'</tuv></tu><tu><tuv xml:lang="en"><seg>Yes</seg></tuv></tu></body></tmx>',
     r"no translation unit holds both en and ru \(languages found: de, en, fr\)"),
    (BILLION_LAUGHS.encode(), "declares entities"),
    (EXTERNAL.encode(), "declares entities"),
    (UNDEFINED.encode(), "undefined entity &nbsp;"),
])
def test_bad_files_are_refused_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.tmx"
    path.write_bytes(content)
    with pytest.raises(ExportError, match=message) as info:
        read_tmx(path, "en", "ru")
    assert str(path) in str(info.value)


def test_missing_file_and_bad_arguments(tmp_path):
    with pytest.raises(ExportError, match="no such TMX file"):
        read_tmx(tmp_path / "nope.tmx", "en", "ru")
    path = tmp_path / "ok.tmx"
    path.write_text('<tmx><header/><body><tu><tuv xml:lang="en"><seg>a</seg></tuv>'
                    '<tuv xml:lang="ru"><seg>б</seg></tuv></tu></body></tmx>', encoding="utf-8")
    with pytest.raises(ExportError, match="--src-lang 'english' is not a valid BCP-47"):
        read_tmx(path, "english", "ru")
    with pytest.raises(ExportError, match="document id"):
        read_tmx(path, "en", "ru", doc_id="../escape")


def test_no_warnings_on_a_clean_round_trip(tmp_path):
    alignment, _, _ = make_alignment(TRICKY[:3])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read_tmx(export(tmp_path, alignment), "en", "ru")
