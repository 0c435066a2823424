"""benchmarks/demetr_signals.py: skips cleanly without data; coverage and its tables on a tiny made-up set."""
from __future__ import annotations

import json

import numpy as np

from scripttools import load_benchmark


def _benchmark():
    return load_benchmark("demetr_signals")


def test_missing_data_is_skipped_with_a_message(tmp_path, capsys):
    assert _benchmark().main(["--bench", str(tmp_path / "absent")]) == 0
    assert "not found" in capsys.readouterr().out


def test_coverage_is_the_share_of_source_mass_the_translation_carries():
    cov = _benchmark().coverage
    assert cov({1: 2.0, 2: 2.0}, {1: 5.0, 2: 1.0}) == 0.75   # min(2,5) + min(2,1) over 4
    assert cov({1: 1.0}, {}) == 0.0
    assert cov({}, {1: 1.0}) == 1.0                        # nothing to cover


def test_flag_rate_uses_the_threshold_that_flags_a_tenth_of_controls():
    flag = _benchmark().flag_rate_at
    controls = np.arange(100) / 100.0                       # the top ten are >= 0.90
    assert flag(controls, np.array([0.95, 0.91, 0.5, 0.1])) == 0.5


def _item(i: int, severity: str, mt: str, pert: str) -> dict:
    return {"id": i, "src_sent": f"Соглашение подписано {20 + i} апреля 1920 года в Ангоре.", "mt_sent": mt,
            "pert_sent": pert, "pert_check": True, "severity": severity}


def test_the_tables_on_a_tiny_made_up_set(tmp_path, capsys):
    data = tmp_path / "demetr_ru_en" / "by_perturbation"
    data.mkdir(parents=True)
    rows = {
        "critical_id10_numbers_replaced": [
            _item(i, "critical", f"The agreement was signed in Angora on April {20 + i}, 1920.",
                  f"The agreement was signed in Angora on May {3 + i}, 1957.") for i in range(3)],
        "major_id17_tense": [_item(i, "major", f"The agreement was signed in Angora on April {20 + i}, 1920.",
                                   f"The agreement will be signed in Angora on April {20 + i}, 1920.")
                             for i in range(3)],
    }
    for name, items in rows.items():
        (data / f"{name}.ru.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in items),
                                               encoding="utf-8")
    assert _benchmark().main(["--bench", str(tmp_path), "--cache-dir", str(tmp_path / "cache"), "--json"]) == 0
    out = capsys.readouterr().out
    assert "| critical | numbers_replaced | 3 | 100.0 |" in out    # changed dates always score higher
    assert "| major | tense | 3 |" in out
    summary = json.loads(out.strip().splitlines()[-1])
    assert summary["controls"] == 3 and summary["items"] == 6
    assert summary["sparse_texts_per_s"] > 0
