"""The collection's names list and refitted weights in ``align run``, and ``align scoring fit|show``."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from align import store
from align.cli import main
from align.divergence import SCORING, Model
from align.review import Review


@pytest.fixture()
def workdir(tmp_path, texts_dir):
    shutil.copytree(texts_dir, tmp_path / "texts")
    return tmp_path


def _run(workdir: Path, *extra: str) -> int:
    # the hashing encoder sees no likeness across languages: without the null-bead pass off, every
    # sentence would be an omission or an addition and there would be nothing to review
    return main(["run", str(workdir / "texts"), "--alignments", str(workdir / "al"), "--model", "hashing",
                 "--no-tmx", "--report", "", "--set", "nulls=false", *extra])


def _stamps(workdir: Path) -> set[str]:
    return {store.load(p).alignment.signature.settings["scoring"] for p in (workdir / "al").rglob("*__*.json")}


def test_adding_or_editing_the_names_list_rescores_stored_pairs_in_place(workdir, capsys):
    assert _run(workdir) == 0
    assert _stamps(workdir) == {SCORING}
    path = next((workdir / "al").rglob("en__ru-working.json"))
    r = Review.open(path)
    r.accept(0, by="tester")
    r.save()
    capsys.readouterr()
    names = workdir / "texts" / "names.toml"
    names.write_text('[[equivalent]]\nen = ["Angora"]\nru = ["Ангора"]\n', encoding="utf-8")
    assert _run(workdir) == 0
    assert "re-scored" in capsys.readouterr().out
    stamps = _stamps(workdir)
    assert len(stamps) == 1 and next(iter(stamps)).startswith(SCORING + "+names:")
    again = store.load(path)
    assert again.alignment.signature.settings["scoring_names"].endswith("names.toml")
    assert again.review["beads"]  # the decision is kept
    names.write_text('[[equivalent]]\nen = ["Angora"]\nru = ["Анкара"]\n', encoding="utf-8")
    assert _run(workdir) == 0
    assert _stamps(workdir) != stamps
    capsys.readouterr()
    assert _run(workdir) == 0
    assert "re-scored" not in capsys.readouterr().out  # nothing changed: nothing to do


def test_a_malformed_names_list_stops_the_run_with_the_file_named(workdir, capsys):
    (workdir / "texts" / "names.toml").write_text("[[equivalent]]\nen = 5\n", encoding="utf-8")
    assert _run(workdir) == 1
    err = capsys.readouterr().err
    assert "names.toml" in err and "list of strings" in err
    assert not (workdir / "al").exists()


def test_scoring_fit_refits_on_reviewed_beads_and_run_then_uses_the_weights(workdir, capsys):
    assert _run(workdir) == 0
    reviewed = 0
    for path in sorted((workdir / "al").rglob("*__*.json")):
        r = Review.open(path)
        for i, b in enumerate(r.beads):
            if not b.src or not b.tgt:
                continue
            if i % 3 == 0:
                r.mark_divergent(i, "meaning", "major", by="tester")
            else:
                r.accept(i, by="tester")
            reviewed += 1
        r.save()
    out = workdir / "w.json"
    assert main(["scoring", "fit", str(workdir / "al"), "--texts", str(workdir / "texts"), "--out", str(out),
                 "--min-beads", "5", "--no-encoder"]) == 0
    text = capsys.readouterr().out
    assert f"{reviewed} reviewed bead(s)" in text and "refitted" in text
    model = Model.load(out)
    assert set(model.weights) >= {"meaning", "numbers"} and all(w >= 0 for w in model.weights.values())
    assert model.about["fitted_on"]["beads"] == reviewed
    # the collection's weights file is picked up and its digest goes into the stamp
    shutil.copy(out, workdir / "texts" / "divergence-weights.json")
    assert _run(workdir) == 0
    assert all(s.startswith(SCORING + "+weights:") for s in _stamps(workdir))
    assert main(["scoring", "show", "--texts", str(workdir / "texts")]) == 0
    assert "divergence-weights.json" in capsys.readouterr().out


def test_scoring_fit_refuses_too_few_reviewed_beads(workdir, capsys):
    assert _run(workdir) == 0
    assert main(["scoring", "fit", str(workdir / "al"), "--texts", str(workdir / "texts"), "--no-encoder",
                 "--out", str(workdir / "w.json")]) == 1
    assert "only 0 labelled bead(s)" in capsys.readouterr().err
    assert not (workdir / "w.json").exists()


def test_scoring_show_prints_the_shipped_weights_by_default(tmp_path, capsys):
    assert main(["scoring", "show", "--texts", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "the shipped weights" in out and "(intercept)" in out and json.loads(out[out.index("{"):])["scoring"]
