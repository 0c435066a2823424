"""No command replaces an alignment file and its review by accident (issue 14, item 1).

``align pair --save`` over an existing alignment carries the review over as ``align run`` does;
``--out`` of ``export``, ``pair``, ``segment`` and ``report`` never writes over an alignment file
(``export --force`` does, on purpose).
"""
from __future__ import annotations

import pytest

from align import store
from align.cli import main
from align.review import Review

SRC = ["The treaty was signed in April.", "The army moved north.", "Peace came in May."]
TGT = ["Le traité fut signé en avril.", "L'armée partit vers le nord.", "La paix vint en mai."]


@pytest.fixture()
def reviewed(tmp_path):
    """Two files, their alignment saved by ``align pair --save``, and a decision on bead 1."""
    src, tgt = tmp_path / "en.txt", tmp_path / "fr.txt"
    src.write_text("\n".join(SRC) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(TGT) + "\n", encoding="utf-8")
    saved = tmp_path / "en__fr.json"
    assert main(_pair(src, tgt, "--save", str(saved))) == 0
    r = Review.open(saved, by="Ann")
    r.mark_divergent(1, "meaning", "major", note="north is not the point")
    r.save()
    return src, tgt, saved


def _pair(src, tgt, *more: str) -> list[str]:
    """``align pair`` on the hashing encoder, which sees no likeness across languages: the null-bead
    pass is switched off, or every sentence would be an omission or an addition."""
    return ["pair", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--presegmented",
            "--model", "hashing", "--no-cache", "--set", "nulls=false", *more]


def _decisions(path) -> dict:
    review = store.load(path).review
    return {"beads": review.get("beads", {}), "orphaned": review.get("orphaned", [])}


def test_pair_save_over_a_reviewed_alignment_keeps_the_review(reviewed, capsys):
    src, tgt, saved = reviewed
    capsys.readouterr()
    assert main(_pair(src, tgt, "--save", str(saved))) == 0
    assert "kept as they are" in capsys.readouterr().err
    assert _decisions(saved)["beads"]["[1]:[1]"]["note"] == "north is not the point"


def test_pair_save_of_edited_texts_carries_the_decision_or_keeps_it_as_an_orphan(reviewed, capsys):
    src, tgt, saved = reviewed
    tgt.write_text("\n".join(TGT) + "\nUne phrase de plus.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(_pair(src, tgt, "--save", str(saved))) == 0
    assert "1 decision(s) carried over" in capsys.readouterr().err
    assert _decisions(saved)["beads"]["[1]:[1]"]["status"] == "divergent"
    tgt.write_text("Autre chose.\nTout autre chose.\n", encoding="utf-8")
    assert main(_pair(src, tgt, "--save", str(saved))) == 0
    kept = _decisions(saved)
    assert not kept["beads"] and kept["orphaned"][0]["state"]["note"] == "north is not the point"


def test_pair_save_over_a_file_it_cannot_read_refuses_before_any_work(reviewed, capsys):
    src, tgt, saved = reviewed
    saved.write_text(saved.read_text(encoding="utf-8")[:-30], encoding="utf-8")
    before = saved.read_bytes()
    capsys.readouterr()
    assert main(_pair(src, tgt, "--save", str(saved))) == 1
    captured = capsys.readouterr()
    assert "not a valid alignment file" in captured.err and captured.out == ""
    assert saved.read_bytes() == before


@pytest.mark.parametrize("fmt", ["tsv", "csv", "jsonl", "tmx"])
def test_export_out_onto_the_alignment_itself_is_refused(reviewed, capsys, fmt):
    _, _, saved = reviewed
    before = saved.read_bytes()
    assert main(["export", fmt, str(saved), "--out", str(saved)]) == 1
    err = capsys.readouterr().err
    assert "is an alignment file" in err and "--force" in err and err.count("\n") == 1
    assert saved.read_bytes() == before


def test_export_force_replaces_an_alignment_file_on_purpose(reviewed, tmp_path, capsys):
    _, _, saved = reviewed
    other = tmp_path / "copy.json"
    other.write_bytes(saved.read_bytes())
    assert main(["export", "tsv", str(saved), "--out", str(other), "--force"]) == 0
    rows = other.read_text(encoding="utf-8").splitlines()
    assert not store.looks_like_store(other) and len(rows) == 1 + len(store.load(saved).alignment.beads)
    assert "\t" in rows[0] and "source" in rows[0].split("\t")


def test_pair_segment_and_report_out_never_write_over_an_alignment(reviewed, capsys):
    src, tgt, saved = reviewed
    before = saved.read_bytes()
    for args in (_pair(src, tgt, "--out", str(saved)),
                 ["segment", str(src), "--lang", "en", "--out", str(saved)],
                 ["report", str(saved), "--out", str(saved)]):
        assert main(args) == 1, args
        assert "is an alignment file" in capsys.readouterr().err
        assert saved.read_bytes() == before
