"""Documents in, without an office suite: text files, web pages, the PDF line logic, hyphens, and
``align add`` writing texts/ all or nothing.  (Files made by LibreOffice: test_readers_office.py.)"""
from __future__ import annotations

from pathlib import Path

import pytest

from align.cli import build_parser, main
from align.corpus import load_corpus, load_document
from align.errors import EmptyInputError, EncodingError, MetadataError, NavigationPageError, VersionExistsError
from align.readers import read_document, sniff_format
from align.readers.hyphens import join_lines, keeps_hyphen, vocabulary
from align.readers.intake import add_version
from align.readers.pdf import Line, drop_running_lines, paragraphs_of

RU = ("Мы принимаем на себя обязательство объединить все наши усилия и все наши военные операции "
      "с русскими большевиками.\n\nВторой абзац: \"Ангора, 26 апреля 1920 г.\"\n")


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


# -- text files -------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "cp1251", "koi8-r", "utf-16"])
def test_a_russian_text_file_is_read_in_its_encoding(tmp_path, encoding):
    path = tmp_path / "ru.txt"
    path.write_bytes(RU.replace("\n", "\r\n").encode(encoding))
    got = read_document(path, "ru")
    assert got.text == RU and got.format == "txt"
    assert got.encoding == encoding and "sure" in got.detection


def test_an_unsure_encoding_is_refused_with_the_candidates_and_a_sample(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("Привет".encode("koi8-r"))
    with pytest.raises(EncodingError) as info:
        read_document(path, "ru")
    msg = str(info.value)
    assert "cannot tell its encoding for sure" in msg and "koi8-r reads 'Привет'" in msg
    assert "--encoding koi8-r" in msg and "cp1251" in msg
    assert read_document(path, "ru", encoding="koi8-r").text == "Привет\n"


def test_paragraphs_are_kept_and_line_breaks_inside_them_too(tmp_path):
    path = tmp_path / "p.txt"
    path.write_text("  Title line  \n\n\n\nFirst line\nsecond line\t of it.\n \nLast.", encoding="utf-8")
    assert read_document(path, "en").paragraphs == ("Title line", "First line\nsecond line of it.", "Last.")


def test_binary_and_empty_files_are_refused(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02binary\x00" * 20)
    (tmp_path / "e.txt").write_bytes(b"  \n")
    with pytest.raises(Exception, match="binary"):
        read_document(tmp_path / "b.txt", "en")
    with pytest.raises(EmptyInputError):
        read_document(tmp_path / "e.txt", "en")


# -- web pages --------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html><html><head><title>Proposal</title><script>var x = "<p>no</p>";</script>
<style>p {color: red}</style></head><body>
<header><a href="/">Home</a> <nav><a href="/a">Archive</a> <a href="/b">About</a></nav></header>
<main><article><header><h1>The proposal of 26 April</h1></header>
<p>First paragraph with a <a href="/n">linked name</a> inside   it.</p>
<p>A verse line<br>and the next one.</p>
<p><a href="/next">Next document</a></p>
<ul><li>One item.</li><li>Two item.</li></ul>
</article></main><aside>Related reading</aside><footer>© Site 2024</footer></body></html>"""


def test_a_web_page_loses_its_frame_and_keeps_its_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    got = read_document(path, "en")
    assert got.paragraphs == ("The proposal of 26 April", "First paragraph with a linked name inside it.",
                              "A verse line\nand the next one.", "One item.", "Two item.")
    assert got.title == "Proposal" and got.encoding == "utf-8"
    assert any("only a link" in n for n in got.notes)


def test_a_page_of_mostly_links_is_refused(tmp_path):
    links = "".join(f'<li><a href="/d{i}">Document number {i} of the collection</a> (1920)</li>' for i in range(30))
    path = tmp_path / "index.html"
    path.write_text(f"<html><body><h1>Index</h1><ul>{links}</ul></body></html>", encoding="utf-8")
    with pytest.raises(NavigationPageError, match=r"mostly navigation — \d+% of its"):
        read_document(path, "en")


def test_a_page_in_cp1251_with_a_meta_charset(tmp_path):
    path = tmp_path / "ru.htm"
    path.write_bytes(f'<html><head><meta charset="windows-1251"></head><body><p>{RU}</p></body></html>'
                     .encode("cp1251"))
    got = read_document(path, "ru")
    assert got.paragraphs == (" ".join(RU.split()),) and "meta charset" in got.detection


def test_formats_are_recognised_by_their_first_bytes():
    assert sniff_format(b"%PDF-1.7\n...") == "pdf"
    assert sniff_format(b"<!DOCTYPE html><html>") == "html"
    assert sniff_format(b"just text") is None


# -- hyphens and the PDF line logic -------------------------------------------------------------

@pytest.mark.parametrize("first, second, lang, joined", [
    ("a hyphen-", "ated word", "en", "a hyphenated word"),
    ("a well-", "known fact", "en", "a well-known fact"),
    ("anti-", "Soviet forces", "en", "anti-Soviet forces"),
    ("the twenty-", "sixth of April", "en", "the twenty-sixth of April"),
    ("обяза-", "тельство", "ru", "обязательство"),
    ("какой-", "нибудь", "ru", "какой-нибудь"),
    ("военно-", "технические", "ru", "военно-технические"),
    ("по-", "русски", "ru", "по-русски"),
    ("a soft\u00ad", "ware", "en", "a software"),
    ("ends here.", "Next", "en", "ends here. Next"),
    ("1920-", "21", "en", "1920- 21"),
])
def test_a_word_broken_across_lines_is_joined_by_the_language(first, second, lang, joined):
    assert join_lines(first, second, lang)[0] == joined


def test_the_document_itself_decides_a_hyphen():
    words = vocabulary(["the cross-border question", "a selfish act"])
    assert keeps_hyphen("cross", "border", "en", words)
    assert not keeps_hyphen("self", "ish", "en", words)  # "selfish" is written whole elsewhere


def _page(index: int, body: list[str], head: str | None, number: str | None) -> list[Line]:
    lines = []
    if head:
        lines.append(Line(index, 50, 800, 10, head))
    y = 760.0
    for text in body:
        lines.append(Line(index, 50, y, 12, text))
        y -= 14
    if number:
        lines.append(Line(index, 290, 40, 10, number))
    return lines


def test_running_heads_and_page_numbers_are_dropped_but_body_lines_are_not():
    pages = [_page(0, ["Chapter One begins here and runs on", "to the end of the line."], None, "1"),
             _page(1, ["The Kemal proposal was read", "aloud to the assembly."], "DOCUMENTS 1920", "2"),
             _page(2, ["Its members agreed and voted", "for it at once."], "DOCUMENTS 1920", "3"),
             _page(3, ["The end of the file."], "DOCUMENTS 1920", "— 4 —")]
    kept, notes = drop_running_lines(pages)
    texts = [ln.text for page in kept for ln in page]
    assert "DOCUMENTS 1920" not in texts and not any(t.strip("— ").isdigit() for t in texts)
    assert texts[0] == "Chapter One begins here and runs on" and len(texts) == 7
    assert any("DOCUMENTS 1920" in n and "3 pages" in n for n in notes) and any("4 page numbers" in n for n in notes)


def test_paragraphs_follow_spacing_indents_and_page_breaks():
    width = "x" * 40
    page0 = [Line(0, 50, 700, 12, f"First paragraph {width} runs"), Line(0, 50, 686, 12, f"on and on {width} hyphen-"),
             Line(0, 50, 672, 12, f"ated words {width} end."),
             Line(0, 50, 650, 12, f"Second, after a gap {width} and"), Line(0, 50, 636, 12, "short."),
             Line(0, 70, 622, 12, f"Third, indented {width} goes on"),
             Line(0, 50, 608, 12, f"to the page end {width} and")]
    page1 = [Line(1, 50, 780, 12, f"continues on the next page {width}."), Line(1, 50, 752, 12, "Short heading"),
             Line(1, 50, 738, 12, f"Fourth {width} paragraph text.")]
    paragraphs, joined = paragraphs_of([page0, page1], "en")
    assert joined == 1
    assert [p.split()[0] for p in paragraphs] == ["First", "Second,", "Third,", "Short", "Fourth"]
    assert "hyphenated words" in paragraphs[0] and paragraphs[2].endswith(f"{width}.")


# -- align add ------------------------------------------------------------------------------

def test_add_writes_a_new_document_with_provenance(tmp_path):
    src = tmp_path / "in" / "edition.txt"
    src.parent.mkdir()
    src.write_bytes(RU.encode("cp1251"))
    added = add_version(tmp_path / "texts", "1920-doc", src, lang="ru", role="archival-original",
                        source="GARF f. 130")
    assert added.new_document and added.version_id == "ru-original"
    doc = load_document(tmp_path / "texts" / "1920-doc")
    v = doc.version("ru-original")
    assert v.text == RU and doc.meta.title == "edition"
    assert (v.meta.source_file, v.meta.source_format, v.meta.source_encoding) == ("edition.txt", "txt", "cp1251")
    import hashlib
    assert v.meta.source_sha256 == hashlib.sha256(src.read_bytes()).hexdigest()
    assert not [p for p in (tmp_path / "texts").iterdir() if p.name.startswith(".")]  # no leftovers


def test_add_refuses_to_overwrite_unless_forced(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("One sentence. Another one.\n", encoding="utf-8")
    add_version(tmp_path / "texts", "doc", src, lang="en", role="published-translation")
    before = (tmp_path / "texts" / "doc" / "en.txt").read_bytes()
    src.write_text("Changed text.\n", encoding="utf-8")
    with pytest.raises(VersionExistsError, match="--force"):
        add_version(tmp_path / "texts", "doc", src, lang="en", role="published-translation")
    assert (tmp_path / "texts" / "doc" / "en.txt").read_bytes() == before
    added = add_version(tmp_path / "texts", "doc", src, lang="en", role="published-translation", force=True)
    assert added.replaced and load_document(tmp_path / "texts" / "doc").version("en").text == "Changed text.\n"


@pytest.mark.parametrize("content, kwargs, error", [
    (b"", {}, EmptyInputError),
    ("Привет".encode("koi8-r"), {"lang": "ru"}, EncodingError),
    (b"A text.", {"role": "working-translation"}, MetadataError),  # no translator or notes
    (b'<html><body><a href="/a">a</a><a href="/b">b</a></body></html>', {"suffix": ".html"},
     NavigationPageError),
])
def test_add_writes_nothing_when_the_input_is_bad(tmp_path, content, kwargs, error):
    suffix = kwargs.pop("suffix", ".txt")
    src = tmp_path / f"in{suffix}"
    src.write_bytes(content)
    texts = tmp_path / "texts"
    with pytest.raises(error):
        add_version(texts, "doc", src, **{"lang": "en", "role": "published-translation", **kwargs})
    assert _files(texts) == []


def test_the_cli_add_says_what_it_detected_and_refuses_politely(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    Path("ru.txt").write_bytes(RU.encode("koi8-r"))
    assert main(["add", "doc-1", "ru.txt", "--lang", "ru", "--role", "working-translation",
                 "--translator", "tests"]) == 0
    err = capsys.readouterr().err
    assert "encoding: koi8-r" in err and "sure" in err and "texts/doc-1/ru-working.txt" in err
    assert main(["add", "doc-1", "ru.txt", "--lang", "ru", "--role", "working-translation",
                 "--translator", "tests"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("align: error: ") and "already exists" in err and len(err.strip().splitlines()) == 1
    assert load_corpus("texts")[0].version("ru-working").text == RU


def test_add_has_help_for_every_option(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["add", "--help"])
    out = capsys.readouterr().out
    for flag in ("--lang", "--role", "--title", "--source", "--encoding", "--version-id", "--force", "--format",
                 "--translator", "--texts"):
        assert flag in out


def test_the_new_metadata_fields_leave_shipped_alignments_unchanged(texts_dir, root, tmp_path, monkeypatch, capsys,
                                                                    shipped_scoring):
    """Optional provenance fields change neither the signature nor the stored metadata of existing pairs:
    `align run` over a copy of the shipped texts and stores finds every pair unchanged and rewrites no store."""
    import shutil
    shutil.copytree(texts_dir, tmp_path / "texts")
    shutil.copytree(root / "alignments", tmp_path / "alignments", ignore=shutil.ignore_patterns("*.html"))
    before = {p: p.read_bytes() for p in (tmp_path / "alignments").rglob("*.json")}
    monkeypatch.chdir(tmp_path)
    assert main(["run"]) == 0
    out = capsys.readouterr()
    assert "0 aligned, 5 unchanged, 0 failed" in out.out + out.err
    assert {p: p.read_bytes() for p in (tmp_path / "alignments").rglob("*.json")} == before
