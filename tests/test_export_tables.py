"""TSV, CSV and JSONL exports: columns, quoting, and reading them back with pandas."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from align.columns import split_reasons
from align.errors import ExportError, StaleAlignmentError
from align.export.rows import export_rows
from align.export.tables import columns, guard_formula, quote_field, table_text, write_table
from align.records import Divergence
from tmxtools import make_alignment

SPEC = [
    (["Prices rose by 5% & wages fell."], ["Цены выросли на 5%, а зарплаты упали."], 0.88,
     Divergence(0.31, {"meaning": 0.2, "numbers": 0.0, "custom": 0.5}, ("'fell' not rendered", "tone; softer"))),
    (["NA"], ["None"], 0.5),
    (["1920"], ["1920 г."], 0.95, Divergence(0.0, {"length": 0.1})),
    (["He said: \"yes\", 'no'."], ["Он сказал: «да», 'нет'."], 0.7),
    (["Orphan sentence."], []),
    (["Rejected."], ["Отклонено."], 0.1),
]
REVIEW = {"beads": {
    "[0]:[0]": {"status": "divergent", "note": "tab\there,\nnewline and \"quotes\"\r\nand CRLF"},
    "[5]:[4]": {"status": "rejected", "note": "wrong pair"}}}


@pytest.fixture()
def aligned():
    return make_alignment(SPEC)


def read(fmt: str, text: str) -> pd.DataFrame:
    if fmt == "jsonl":
        return pd.read_json(io.StringIO(text), lines=True, dtype=False)
    return pd.read_csv(io.StringIO(text), sep="\t" if fmt == "tsv" else ",", keep_default_na=False,
                       dtype=str)


def test_columns_in_documented_order(aligned):
    rows = export_rows(aligned[0])
    assert columns(rows) == ["bead", "src_ids", "tgt_ids", "kind", "gap", "source", "target", "similarity",
                             "divergence", "reasons", "div_meaning", "div_numbers", "div_length", "div_custom",
                             "review_status", "review_kind", "review_severity", "review_note", "review_by",
                             "review_at"]


@pytest.mark.parametrize("fmt", ["tsv", "csv", "jsonl"])
def test_pandas_reads_every_format_back(aligned, fmt):
    text, n = table_text(aligned[0], fmt, review=REVIEW)
    assert n == 4  # the orphan (1-0) and the rejected bead are left out, as in the TMX
    df = read(fmt, text)
    assert list(df.columns) == columns(export_rows(aligned[0], REVIEW))
    assert df["bead"].tolist() == ["[0]:[0]", "[1]:[1]", "[2]:[2]", "[3]:[3]"]
    assert df["source"].tolist() == [s[0][0] for s in SPEC[:4]]
    assert df["target"].tolist() == [s[1][0] for s in SPEC[:4]]
    assert df["review_status"].tolist() == ["divergent", "pending", "pending", "pending"]
    assert df["review_note"][0] == REVIEW["beads"]["[0]:[0]"]["note"]
    assert df["source"][1] == "NA" and df["target"][1] == "None" and df["source"][2] == "1920"
    if fmt == "jsonl":
        assert df["similarity"].tolist() == pytest.approx([0.88, 0.5, 0.95, 0.7])
        assert df["reasons"][0] == ["'fell' not rendered", "tone; softer"]
        assert df["src_ids"][0] == [0]
        assert df["div_custom"][0] == 0.5 and pd.isna(df["div_length"][0])
        assert json.loads(text.splitlines()[0])["div_length"] is None
    else:
        assert df["similarity"].tolist() == ["0.88", "0.5", "0.95", "0.7"]
        # joined by " | ": a reason may hold a semicolon, and the cell still splits back into its reasons
        assert df["reasons"][0] == "'fell' not rendered | tone; softer"
        assert split_reasons(df["reasons"][0]) == ["'fell' not rendered", "tone; softer"]
        assert df["div_custom"].tolist() == ["0.5", "", "", ""]
        assert df["divergence"].tolist() == ["0.31", "", "0.0", ""]


def test_numbers_are_numbers_with_default_pandas_options(aligned, tmp_path):
    path = tmp_path / "beads.tsv"
    write_table(aligned[0], path, "tsv")
    df = pd.read_csv(path, sep="\t")
    assert df["similarity"].dtype.kind == "f" and df["divergence"].isna().tolist() == [False, True, False, True, True]


def test_options_and_empty_ids(aligned):
    text, n = table_text(aligned[0], "tsv", review=REVIEW, include_empty=True, include_rejected=True)
    df = read("tsv", text)
    assert n == 6 and df["kind"].tolist() == ["1-1"] * 4 + ["1-0", "1-1"]
    assert df["tgt_ids"][4] == "" and df["review_status"][5] == "rejected"


def test_multi_sentence_ids():
    alignment, _, _ = make_alignment([(["A.", "B."], ["А, Б."])])
    df = read("csv", table_text(alignment, "csv")[0])
    assert df["src_ids"][0] == "0,1" and df["kind"][0] == "2-1" and df["source"][0] == "A. B."


def test_quote_field_rule():
    assert quote_field("plain, text", "\t") == "plain, text"
    assert quote_field("a\tb", "\t") == '"a\tb"'
    assert quote_field('say "hi"', "\t") == '"say ""hi"""'
    assert quote_field("cr\ronly", ",") == '"cr\ronly"'
    assert quote_field("a,b", ",") == '"a,b"'


def test_jsonl_is_one_object_per_line(aligned):
    text, n = table_text(aligned[0], "jsonl")
    lines = text.splitlines()
    assert len(lines) == n and all(json.loads(line)["bead"] for line in lines)
    assert "Цены" in text  # not \u-escaped


def test_unknown_format_and_stale(aligned):
    with pytest.raises(ExportError, match="tsv, csv, jsonl"):
        table_text(aligned[0], "xlsx")
    with pytest.raises(StaleAlignmentError, match="source version 'en'.*re-align"):
        table_text(aligned[0], "tsv", current_texts=("changed", aligned[2]))


def test_written_atomically(aligned, tmp_path: Path):
    out = tmp_path / "t.csv"
    assert write_table(aligned[0], out, "csv") == 5
    assert out.read_text(encoding="utf-8").startswith("bead,src_ids,")
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]


FORMULAS = [(["=HYPERLINK(\"http://x\",\"click\")"], ["- Да, — сказал он."], 0.9),
            (["@SUM(A1)"], ["+7 (495) 123-45-67"], 0.8),
            (["Plain text."], ["Обычный текст."], 0.9, Divergence(0.1, {"meaning": 0.1}, ("-weird reason",)))]


def test_csv_guards_text_cells_that_spreadsheets_would_run_as_formulas():
    a = make_alignment(FORMULAS)[0]
    review = {"beads": {"[2]:[2]": {"status": "accepted", "note": "=1+1"}}}
    df = read("csv", table_text(a, "csv", review=review)[0])
    assert df["source"].tolist() == ["'=HYPERLINK(\"http://x\",\"click\")", "'@SUM(A1)", "Plain text."]
    assert df["target"].tolist() == ["'- Да, — сказал он.", "'+7 (495) 123-45-67", "Обычный текст."]
    assert df["reasons"][2] == "'-weird reason" and df["review_note"][2] == "'=1+1"
    assert df["bead"].tolist() == ["[0]:[0]", "[1]:[1]", "[2]:[2]"]          # ids and numbers untouched
    assert [float(x) for x in df["similarity"]] == [0.9, 0.8, 0.9]


def test_tsv_and_jsonl_keep_text_exact_unless_asked():
    a = make_alignment(FORMULAS)[0]
    assert read("tsv", table_text(a, "tsv")[0])["source"][0] == FORMULAS[0][0][0]
    assert read("jsonl", table_text(a, "jsonl", formula_guard=True)[0])["source"][0] == FORMULAS[0][0][0]
    assert read("tsv", table_text(a, "tsv", formula_guard=True)[0])["source"][0].startswith("'=")
    assert read("csv", table_text(a, "csv", formula_guard=False)[0])["source"][0] == FORMULAS[0][0][0]


@pytest.mark.parametrize("value, guarded", [("=1", "'=1"), ("+1", "'+1"), ("-", "'-"), ("@x", "'@x"),
                                            ("\tx", "'\tx"), ("'=1", "'=1"), ("a=1", "a=1"), ("", ""),
                                            ("— dash", "— dash")])
def test_guard_formula(value, guarded):
    assert guard_formula(value) == guarded
