"""Documents made by a real office suite: Debian's LibreOffice headless converts text, HTML and flat
OpenDocument into .docx, .odt, .pdf and .epub; ``align add`` must read each back to the text it came from.
Bad files (encrypted, truncated, scanned, empty) must give a one-line error and write nothing.  The XLSX
export is read back by LibreOffice Calc (converted to CSV).

All inputs are made once per session by a few soffice runs (about 20 s in all), so the module is slow.
"""
from __future__ import annotations

import base64
import csv
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from align.cli import main
from align.corpus import load_document
from align.errors import DocumentFormatError, EmptyInputError, NoTextLayerError, ProtectedDocumentError
from align.readers import read_document
from officetools import convert, fodt, html_page, png, soffice

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(soffice() is None, reason="LibreOffice is not installed "
                                 "(apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui)")]

ROOT = Path(__file__).resolve().parent.parent
KEMAL = ROOT / "texts" / "1920-04-26-kemal-proposal"
EN = (KEMAL / "en.txt").read_text(encoding="utf-8")
RU = (KEMAL / "ru-working.txt").read_text(encoding="utf-8")
HYPHEN_BREAKS = {"обязательство": 5, "большевиками": 4, "военно-технические": 7}
ENCRYPTED_PDF = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                 '"DocumentOpenPassword":{"type":"string","value":"secret"}}')


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


@pytest.fixture(scope="session")
def office(tmp_path_factory) -> Path:
    """Every input file, made by LibreOffice in a few runs."""
    d = tmp_path_factory.mktemp("office")
    profile = d / "profile"
    src = d / "src"
    src.mkdir()
    (src / "en-txt.txt").write_text(EN, encoding="utf-8")
    (src / "en-html.html").write_text(html_page(_paragraphs(EN), "en", "Kemal proposal"), encoding="utf-8")
    (src / "ru-long.fodt").write_text(fodt(_paragraphs(RU), "ru", "Документы внешней политики, т. 2", size=13,
                                           breaks=HYPHEN_BREAKS), encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    image = base64.b64encode(png()).decode("ascii")  # a page image, as a scanner would give
    (src / "scan.html").write_text(f'<!DOCTYPE html><html><body><p><img src="data:image/png;base64,{image}" '
                                   'width="400" height="240"></p></body></html>', encoding="utf-8")
    (src / "secret.txt").write_text("A confidential paragraph.\n", encoding="utf-8")
    out = d / "out"
    # HTML is imported as a Writer document (not Writer/Web, which cannot save .docx), then saved as the rest
    convert([src / "en-html.html", src / "scan.html"], "odt", out, profile, infilter="HTML (StarWriter)")
    convert([src / "en-txt.txt"], "odt", out, profile)
    convert([src / "en-txt.txt", out / "en-html.odt"], "docx", out, profile)
    convert([out / "en-html.odt", src / "ru-long.fodt", src / "empty.txt", out / "scan.odt"], "pdf", out, profile)
    convert([out / "en-html.odt"], "epub", out, profile)
    convert([src / "secret.txt"], ENCRYPTED_PDF, out, profile)
    return out


@pytest.mark.parametrize("name", ["en-txt.docx", "en-html.docx", "en-txt.odt", "en-html.odt", "en-html.pdf",
                                  "en-html.epub"])
def test_a_document_made_by_libreoffice_reads_back_to_its_text(office, name):
    got = read_document(office / name, "en")
    assert got.text == EN, name
    assert got.format == name.rsplit(".", 1)[1]


def test_a_multi_page_pdf_loses_running_heads_page_numbers_and_hyphenation(office):
    got = read_document(office / "ru-long.pdf", "ru")
    assert got.text == RU  # "обяза-/тельство" joined, "военно-/технические" kept, headers and numbers gone
    notes = " ".join(got.notes)
    assert "Документы внешней политики" in notes and "page numbers" in notes and "hyphenated line breaks" in notes


@pytest.mark.parametrize("name, error, words", [
    ("empty.pdf", EmptyInputError, "holds no text"),
    ("scan.pdf", NoTextLayerError, "no text layer"),
    ("secret.pdf", ProtectedDocumentError, "password-protected"),
])
def test_a_pdf_without_usable_text_is_refused_and_nothing_is_written(office, tmp_path, monkeypatch, capsys,
                                                                      name, error, words):
    with pytest.raises(error, match=words):
        read_document(office / name, "en")
    monkeypatch.chdir(tmp_path)
    assert main(["add", "doc", str(office / name), "--lang", "en", "--role", "published-translation"]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and words in err and not Path("texts").exists()


def test_truncated_files_are_called_corrupt(office, tmp_path):
    for name in ("en-html.pdf", "en-html.docx", "en-html.odt", "en-html.epub"):
        cut = tmp_path / name
        data = (office / name).read_bytes()
        cut.write_bytes(data[: len(data) // 2])
        with pytest.raises(DocumentFormatError, match="truncated|corrupt|damaged|not a readable"):
            read_document(cut, "en")


@pytest.mark.skipif(shutil.which("msoffcrypto-tool") is None and
                    not (Path(sys.executable).parent / "msoffcrypto-tool").exists(),
                    reason="msoffcrypto-tool is not installed (a dev dependency)")
def test_a_password_protected_docx_is_refused(office, tmp_path, monkeypatch, capsys):
    tool = shutil.which("msoffcrypto-tool") or str(Path(sys.executable).parent / "msoffcrypto-tool")
    locked = tmp_path / "locked.docx"
    subprocess.run([tool, "-e", "-p", "secret", str(office / "en-txt.docx"), str(locked)], check=True)
    monkeypatch.chdir(tmp_path)
    assert main(["add", "doc", str(locked), "--lang", "en", "--role", "published-translation"]) == 1
    err = capsys.readouterr().err
    assert "password-protected" in err and "remove the password" in err and not Path("texts").exists()


def test_a_docx_aligns_the_same_as_the_same_text_added_from_txt(office, tmp_path, hashing_encoder):
    """Round trip: the English rendering from .docx and from .txt, each aligned with the Russian text."""
    from align.pipeline import align_versions
    (tmp_path / "ru.txt").write_text(RU, encoding="utf-8")
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    alignments = []
    for doc, english in (("from-docx", office / "en-html.docx"), ("from-txt", tmp_path / "en.txt")):
        main(["add", doc, str(english), "--lang", "en", "--role", "published-translation", "--texts",
              str(tmp_path / "texts")])
        main(["add", doc, str(tmp_path / "ru.txt"), "--lang", "ru", "--role", "working-translation",
              "--translator", "tests", "--texts", str(tmp_path / "texts")])
        d = load_document(tmp_path / "texts" / doc)
        alignments.append(align_versions(d.version("en"), d.version("ru-working"), encoder=hashing_encoder))
    a, b = alignments
    assert a.signature.src_sha256 == b.signature.src_sha256
    assert [(x.src, x.tgt) for x in a.beads] == [(x.src, x.tgt) for x in b.beads]
    assert [x.similarity for x in a.beads] == pytest.approx([x.similarity for x in b.beads])
    meta = load_document(tmp_path / "texts" / "from-docx").version("en").meta
    assert meta.source_format == "docx" and meta.source_file == "en-html.docx"


def test_libreoffice_reads_the_xlsx_export_back(office, tmp_path, monkeypatch, capsys):
    """The XLSX opened by LibreOffice Calc (converted to CSV, every sheet) holds the TSV's cells."""
    from align.store import save
    from tmxtools import make_alignment
    alignment, _, _ = make_alignment([(["The committee met."], ["Комитет собрался."], 0.9),
                                      (["=1+1 is not a formula.", "Second."], ["Не формула."], 0.4)])
    review = {"beads": {"[1,2]:[1]": {"status": "divergent", "kind": "meaning", "severity": "minor",
                                      "note": "a note", "by": "Ann", "at": "2024-05-01T10:00:00Z"}}}
    path = tmp_path / "alignments" / "doc-1" / "en__ru-working.json"
    save(path, alignment, review=review)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "xlsx", str(path), "--out", "out.xlsx"]) == 0
    assert main(["export", "tsv", str(path), "--out", "out.tsv"]) == 0
    capsys.readouterr()
    convert([tmp_path / "out.xlsx"], "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            tmp_path / "csv", tmp_path / "profile")
    with open(tmp_path / "csv" / "out-Alignment.csv", encoding="utf-8", newline="") as fh:
        calc = list(csv.reader(fh))
    with open("out.tsv", encoding="utf-8", newline="") as fh:
        tsv = list(csv.reader(fh, delimiter="\t"))
    header = calc[0]
    assert header[-6:] == ["review_status", "review_kind", "review_severity", "review_note", "review_by", "review_at"]
    for t_row, c_row in zip(tsv[1:], calc[1:]):
        got = dict(zip(header, c_row))
        for name, value in zip(tsv[0], t_row):
            assert got[name] == value or float(got[name]) == pytest.approx(float(value)), name
    assert dict(zip(header, calc[2]))["source"] == "=1+1 is not a formula. Second."  # text, not 2
    assert dict(zip(header, calc[2]))["review_kind"] == "meaning"
    with open(tmp_path / "csv" / "out-Provenance.csv", encoding="utf-8", newline="") as fh:
        prov = {row[0]: row[1] for row in csv.reader(fh) if len(row) > 1}
    assert prov["target role"].startswith("working translation made by this project")
