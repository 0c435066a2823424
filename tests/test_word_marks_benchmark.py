"""benchmarks/word_marks.py and benchmarks/separability.py: skip cleanly without data; their measures on tiny
made-up sets."""
from __future__ import annotations

import json

import pytest

from scripttools import load_benchmark
from test_divergence_lexical import ENTRIES, write_dictd


def test_missing_data_is_skipped_with_a_message(tmp_path, capsys):
    assert load_benchmark("word_marks").main(["--bench", str(tmp_path / "absent")]) == 0
    assert "not found" in capsys.readouterr().out


def test_the_measures_of_a_word_prediction():
    scores = load_benchmark("word_marks").scores
    perfect = scores([True, False, False, True], [True, False, False, True])
    assert perfect["mcc"] == pytest.approx(1.0) and perfect["f1"] == 1.0
    half = scores([True, True, False, False], [True, False, True, False])
    assert half["precision"] == half["recall"] == 0.5 and half["mcc"] == pytest.approx(0.0)
    assert scores([True] * 4, [True, False, False, False])["mcc"] == 0.0  # one class predicted: no correlation
    assert load_benchmark("word_marks").tokens("Старый дом .") == [(0, 6), (7, 10), (11, 12)]


def test_a_word_with_no_counterpart_is_predicted_bad(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ALIGN_DICTIONARY", str(write_dictd(tmp_path / "dict", ENTRIES)))
    folder = tmp_path / "mlqe_pe_ru_en" / "test21"
    folder.mkdir(parents=True)
    src = ["Он продал старый дом у реки .", "Он продал дом у реки ."]
    mt = ["He sold the house near the river .", "He sold the house near the river ."]
    (folder / "test21.tok.src").write_text("\n".join(src) + "\n", encoding="utf-8")
    (folder / "test21.tok.mt").write_text("\n".join(mt) + "\n", encoding="utf-8")
    bad = {(0, 2)}  # "старый": the translation lost it
    for name, lines, side in (("task2_wordlevel_src.tags", src, "source"), ("task2_wordlevel_mt.tags", mt, "mt")):
        rows = [f"ru-en\tREFERENCE\t{side}\t{k}\t{i}\t{w}\t{'BAD' if side == 'source' and (k, i) in bad else 'OK'}"
                for k, line in enumerate(lines) for i, w in enumerate(line.split(" "))]
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert load_benchmark("word_marks").main(["--bench", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("| source") and "| lexical |" in line)
    assert "| 1 (" in row and row.rstrip(" |").endswith("1.000")  # one word marked, the BAD one: MCC 1


def _dump(path, controls: list[float], edits: list[float]) -> None:
    rows = [{"type": "control", "id": i, "score": s, "components": {"meaning": s}} for i, s in enumerate(controls)]
    rows += [{"type": "critical_id23_noun_removed", "id": i, "score": s, "components": {"meaning": s}}
             for i, s in enumerate(edits)]
    rows += [{"type": "ntrex_en_ru", "id": i, "score": 0.1, "components": {"meaning": 0.1}} for i in range(4)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_separability_counts_edits_above_the_third_control(tmp_path, capsys):
    # controls 0.9, 0.8, 0.7, then low: at most two flagged means edits must beat 0.7
    controls, edits = [0.9, 0.8, 0.7] + [0.1] * 7, [0.95, 0.75, 0.72, 0.6, 0.2]
    _dump(tmp_path / "even.jsonl", controls, edits)
    _dump(tmp_path / "odd.jsonl", controls, edits)
    assert load_benchmark("separability").main(["--tune", str(tmp_path / "even.jsonl"),
                                                "--report", str(tmp_path / "odd.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "| the shipped score | 60.0% | 0.0% |" in out  # 3 of 5 edits above 0.7; no NTREX line above it
    assert "| 0.50 | 3 of 10 | 80.0% | 0.0% |" in out
