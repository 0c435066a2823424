"""benchmarks/demetr.py: skips cleanly without data, prints its tables on a tiny made-up set."""
from __future__ import annotations

import json

import pytest

from scripttools import load_benchmark


def _benchmark():
    return load_benchmark("demetr")


def test_missing_data_is_skipped_with_a_message(tmp_path, capsys):
    assert _benchmark().main(["--data", str(tmp_path / "absent")]) == 0
    assert "not found" in capsys.readouterr().out


def _item(i: int, name: str, severity: str, mt: str, pert: str, check: bool = True) -> dict:
    return {"id": i, "src_sent": f"Ангора, {20 + i} апреля 1920 г.", "eng_sent": mt, "mt_sent": mt,
            "pert_sent": pert, "pert_check": check, "severity": severity, "pert_name": name}


def test_the_tables_on_a_tiny_made_up_set(tmp_path, capsys):
    data = tmp_path / "by_perturbation"
    data.mkdir()
    rows = {
        "critical_id10_numbers_replaced": [_item(i, "n", "critical", f"Angora, April {20 + i}, 1920.",
                                                 f"Angora, April {30 + i}, 1920.") for i in range(3)],
        "minor_id30_tokenized": [_item(i, "t", "minor", f"Angora, April {20 + i}, 1920.",
                                       f"Angora , April {20 + i} , 1920 .") for i in range(3)]
                                + [_item(9, "t", "minor", "x", "x", check=False)],
    }
    for name, items in rows.items():
        (data / f"{name}.ru.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in items),
                                               encoding="utf-8")
    assert _benchmark().main(["--data", str(data), "--model", "hashing", "--no-timing",
                              "--cache-dir", str(tmp_path / "cache")]) == 0
    out = capsys.readouterr().out
    assert "| critical | numbers_replaced | 3 | 100.0 |" in out  # a changed number always scores higher
    assert "| minor | tokenized | 3 |" in out  # the unchecked item is left out
    assert "## Issue-4 targets" in out


@pytest.mark.slow
def test_a_quick_run_on_the_real_data(bench_dir, tmp_path, capsys):
    folder = bench_dir / "demetr_ru_en" / "by_perturbation"
    if not folder.is_dir():
        pytest.skip("DEMETR data not present")
    assert _benchmark().main(["--data", str(folder), "--limit", "1", "--no-timing",
                              "--cache-dir", str(tmp_path / "cache")]) == 0
    out = capsys.readouterr().out
    assert "| critical | 13 |" in out and "unedited controls" in out
