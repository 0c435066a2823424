"""benchmarks/archival.py: its arithmetic on hand-made beads, and a whole run on a tiny made-up dev set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from scripttools import load_benchmark

bench = load_benchmark("archival")
archival = bench.sys.modules["_archival"]  # the loader the script imported

EN = ["Tiflis, 14 May 1920.", "The train of 23 wagons was stopped at Sadakhlo.", "No reason was given.",
      "The grain is standing in open wagons.", "I request instructions."]
RU = ["Тифлис, 14 мая 1920 г.", "Поезд из 23 вагонов задержан в Садахло.", "Причин не сообщили.",
      "Зерно стоит в открытых вагонах.", "Прошу указаний."]


def _gold(*rows: tuple[str, str, str]) -> tuple:
    return tuple(archival.GoldBead(tuple(int(x) for x in s.split(",") if x), tuple(int(x) for x in t.split(",") if x),
                                   label, ("number",) if label in ("minor", "major") else (),
                                   "" if label == "equivalent" else "differs") for s, t, label in rows)


def _doc(split: str = "tune") -> object:
    lines = tuple(archival.Line(t, 0, 0) for t in EN)
    return archival.DevDocument("d", split, "telegram", Path("."), {"en": lines, "ru": lines}, {})


def _result(predicted: list[tuple[tuple[int, ...], tuple[int, ...], float]]) -> object:
    gold = _gold(("0", "0", "equivalent"), ("1", "", "omission"), ("2,3", "1", "equivalent"), ("", "2", "addition"),
                 ("4", "3", "major"))
    pred = tuple(bench.Predicted(s, t, score, ("a reason",)) for s, t, score in predicted)
    return bench.Result(_doc(), "en-ru", gold, pred, sentences=9, calls=18)


# The omission is swallowed by a merge that scores low; the addition is found; the major bead is flagged.
PREDICTED = [((0,), (0,), 0.1), ((1, 2, 3), (1,), 0.3), ((), (2,), 1.0), ((4,), (3,), 0.6)]


def test_null_beads_are_scored_apart_by_exact_match():
    r = _result(PREDICTED)
    got = bench.null_scores([[g.ids for g in r.gold]], [[p.ids for p in r.predicted]])
    assert (got["null_precision"], got["null_recall"]) == (1.0, 0.5)
    assert got["null_f1"] == pytest.approx(2 / 3)


def test_a_gold_bead_is_flagged_through_any_predicted_bead_that_holds_one_of_its_sentences():
    r = _result(PREDICTED)
    assert bench.flag_counts([r], 0.5) == {"equivalent": (0, 2), "minor": (0, 0), "major": (1, 1),
                                           "omission": (0, 1), "addition": (1, 1)}
    assert bench.flag_counts([r], 0.5, exact=True)["equivalent"] == (0, 1)  # only [0]:[0] was found exactly
    assert bench.flag_counts([r], 0.05)["equivalent"] == (2, 2)
    swallowed = _result([((0, 1, 2, 3), (0, 1), 0.9), ((), (2,), 1.0), ((4,), (3,), 0.6)])
    assert bench.flag_counts([swallowed], 0.5)["equivalent"] == (2, 2)  # a merge with an omission flags both


def test_omitted_and_added_sentences_are_counted_as_null_beads_and_as_flagged():
    assert bench.null_sentence_counts([_result(PREDICTED)], 0.5) == {"omission": (1, 0, 0), "addition": (1, 1, 1)}


def test_the_summary_puts_the_numbers_together():
    s = bench.summarise([_result(PREDICTED)], 0.5)
    assert s["strict_precision"] == 0.75 and s["strict_recall"] == pytest.approx(0.6667, abs=1e-4)
    assert s["flagged_major"] == 1.0 and s["flagged_equivalent"] == 0.0 and s["n_equivalent"] == 2
    assert s["flagged_divergent"] == pytest.approx(2 / 3)  # major and addition of major, omission, addition
    assert s["calls_per_sentence"] == 2.0


def test_the_verbose_list_names_the_missed_omission_and_the_false_alarm():
    text = "\n".join(bench.misses([_result(PREDICTED)], 0.5))
    assert "missed (not in any bead scored ≥ 0.5): 1" in text and "flagged (false alarms): 0" in text
    assert ("omission en line 1 “The train of 23 wagons was stopped at Sadakhlo.”: "
            "inside [1,2,3]:[1] scored 0.30") in text
    text = "\n".join(bench.misses([_result(PREDICTED)], 0.25))
    assert "missed (not in any bead scored ≥ 0.25): 0" in text and "flagged (false alarms): 1" in text
    assert "[2,3]:[1] “No reason was given. The grain is standing in ope…”: aligned as [1,2,3]:[1], scored 0.30" in text


def _write_devset(root: Path) -> None:
    """Two tiny documents; the Russian and Armenian 'translations' are the English lines themselves,
    except that one line is left out, so the only uncertain bead is the omission."""
    root.mkdir()
    manifest = []
    for k, split in enumerate(("tune", "heldout")):
        doc = root / f"doc{k}"
        (doc / "gold").mkdir(parents=True)
        (doc / "en.txt").write_text(EN[0] + "\n\n" + "\n".join(EN[1:]) + "\n", encoding="utf-8")
        kept = EN[:3] + EN[4:]
        for lang in ("ru", "hy"):
            (doc / f"{lang}.txt").write_text(kept[0] + "\n\n" + "\n".join(kept[1:]) + "\n", encoding="utf-8")
            (doc / "gold" / f"en__{lang}.tsv").write_text(
                "src\ttgt\tlabel\tchange\tnote\n0\t0\tequivalent\t\t\n1\t1\tequivalent\t\t\n2\t2\tequivalent\t\t\n"
                "3\t\tomission\t\tThe grain sentence is left out.\n4\t3\tequivalent\t\t\n", encoding="utf-8")
        manifest.append(f'[[documents]]\nid = "doc{k}"\ngenre = "telegram"\nsplit = "{split}"\n')
    (root / "manifest.toml").write_text("\n".join(manifest), encoding="utf-8")


def test_a_whole_run_on_a_tiny_made_up_set(tmp_path, capsys):
    data = tmp_path / "archival"
    _write_devset(data)
    args = ["--data", str(data), "--model", "hashing", "--cache-dir", str(tmp_path / "cache"), "--json", "--verbose"]
    assert bench.main(args) == 0
    out = capsys.readouterr().out
    assert "| en-ru | tune | 1 | 5 | 9 |" in out and "| en-hy | all | 2 | 10 | 18 |" in out
    record = json.loads(out.strip().splitlines()[-1])
    rows = {(r["pair"], r["split"]): r for r in record["rows"]}
    assert set(rows) == {(p, s) for p in ("en-ru", "en-hy") for s in ("tune", "heldout", "all")}
    both = rows["en-ru", "all"]
    assert (both["n_equivalent"], both["n_omission"], both["omission_sentences"]) == (8, 2, 2)
    assert both["lax_recall"] == 1.0 and both["calls_per_sentence"] > 0
    assert record["model"].startswith("hashing") and "settings" in record


def test_one_pair_and_split_and_a_bad_folder(tmp_path, capsys):
    data = tmp_path / "archival"
    _write_devset(data)
    assert bench.main(["--data", str(data), "--model", "hashing", "--cache-dir", str(tmp_path / "cache"),
                       "--pair", "en-hy", "--split", "heldout", "--json"]) == 0
    record = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert [(r["pair"], r["split"], r["docs"]) for r in record["rows"]] == [("en-hy", "heldout", 1)]
    (data / "doc1" / "gold" / "en__hy.tsv").write_text("src\ttgt\tlabel\tchange\tnote\n0\t0\tequivalent\t\t\n")
    assert bench.main(["--data", str(data), "--model", "hashing", "--cache-dir", str(tmp_path / "cache")]) == 1
    assert "en__hy.tsv" in capsys.readouterr().err


def test_modern_against_old_spelling_on_a_tiny_set(tmp_path, capsys):
    data = tmp_path / "archival"
    _write_devset(data)
    old = {"ru": ["Тифлисъ, 14 мая 1920 г.", "Поѣздъ изъ 23 вагоновъ задержанъ въ Садахло.", "Причинъ не сообщили.",
                  "Прошу указаній."],
           "hy": ["Tiflis, 14 May 1920.", "The train of 23 wagons was stopped at Sadakhlo.", "No reason was given.",
                  "I request instructions."]}
    for k in range(2):
        for lang, lines in old.items():
            (data / f"doc{k}" / f"{lang}-old.txt").write_text(lines[0] + "\n\n" + "\n".join(lines[1:]) + "\n")
    args = ["--data", str(data), "--model", "hashing", "--cache-dir", str(tmp_path / "cache"), "--json"]
    assert bench.main([*args, "--spelling", "both", "--pair", "en-ru"]) == 0
    out = capsys.readouterr().out
    assert "Modern against old spelling (split all)" in out and "| en-ru (old spelling) | 8 |" in out
    rows = {r["pair"]: r for r in json.loads(out.strip().splitlines()[-1])["rows"] if r["split"] == "all"}
    assert rows["en-ru"]["faithful_similarity"] > 0.9  # the English lines themselves
    assert rows["en-ru (old spelling)"]["faithful_similarity"] < rows["en-ru"]["faithful_similarity"]
    (data / "doc1" / "ru-old.txt").unlink()
    assert bench.main([*args, "--spelling", "old", "--pair", "en-ru"]) == 1
    assert "no old-spelling variant in doc1" in capsys.readouterr().err
