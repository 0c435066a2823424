"""``align report``: the real command, run in-process."""
from __future__ import annotations

import dataclasses

import pytest

from align.cli import build_parser, main
from align.store import save
from align.views.sample import sample_alignments

KEMAL = "1920-04-26-kemal-proposal"


@pytest.fixture()
def stored(tmp_path):
    paths = []
    for a in sample_alignments():
        a = dataclasses.replace(a, doc_id=KEMAL)
        paths.append(save(tmp_path / "alignments" / KEMAL / f"{a.src_version}__{a.tgt_version}.json", a,
                          {"beads": {"[1]:[1]": {"status": "accepted"}}}).path)
    return paths


def test_writes_one_page_for_several_alignments(stored, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # no ./texts here: no document metadata, and no error
    assert main(["report", *map(str, stored), "--out", "out/report.html", "--threshold", "0.4",
                 "--sort", "divergence"]) == 0
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert page.count('<article class="alignment"') == 2
    assert '"threshold": 0.4' in page and "status-accepted" in page
    assert "No document metadata was given" in page
    assert "wrote out/report.html (2 alignment(s), 8 beads)" in capsys.readouterr().err


def test_reads_document_metadata_from_texts(stored, tmp_path, texts_dir):
    out = tmp_path / "r.html"
    assert main(["report", str(stored[0]), "--out", str(out), "--texts", str(texts_dir)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Proposal of Mustafa Kemal" in page and "Angora (Ankara)" in page


def test_errors_are_clean_messages(stored, tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.json"), "--out", str(tmp_path / "r.html")]) == 1
    assert "no such alignment file" in capsys.readouterr().err
    assert main(["report", str(stored[0]), "--out", str(tmp_path / "r.html"), "--texts", str(tmp_path / "nope")]) == 1
    assert "no such texts folder" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
    with pytest.raises(SystemExit) as exc:
        main(["report", str(stored[0]), "--threshold", "1.5"])
    assert exc.value.code == 2
    assert "not between 0 and 1" in capsys.readouterr().err


def test_every_option_has_help():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    report = sub.choices["report"]
    assert report.description
    for action in report._actions:
        assert action.help, action.dest
