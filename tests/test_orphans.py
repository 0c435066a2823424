"""Orphaned decisions are shown with their sentences everywhere the review is, and a change of Unicode
normalisation orphans nothing and breaks no name (issue 14, item 5)."""
from __future__ import annotations

import json
import unicodedata

import pytest

from align import store
from align.aligner import AlignerSettings
from align.batch import run
from align.cli import main
from align.divergence import score_pair
from align.embed.hashing import HashingEncoder
from align.review import Review, merge_into_store
from align.views.report import render_report
from test_batch import make_doc
from test_review_errors import app, raw  # noqa: F401 - the review server fixture and its client
from test_review_support import write_alignment

#: The hashing encoder sees no likeness across languages: without the null-bead pass the sentences pair up.
RELATED = AlignerSettings(nulls=False)

EN = ("The delegation left Zürich on Monday.\n\nIt reached Genève the next day.\n\n"
      "The talks in Genève began at once.\n")
FR = ("La délégation quitta Zürich lundi.\n\nElle atteignit Genève le lendemain.\n\n"
      "Les pourparlers de Genève commencèrent aussitôt.\n")


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _orphaned(tmp_path):
    """A store whose decision on bead 1 was orphaned by a re-alignment (a target sentence edited)."""
    path = write_alignment(tmp_path / "a.json")
    r = Review.open(path, by="Ann")
    r.mark_divergent(1, "name", "major", note="Entente is not named")
    r.save()
    old = store.load(path).alignment
    segs = list(old.tgt_segments)
    segs[1] = type(segs[1])(**{**segs[1].__dict__, "text": "Kemal proposa autre chose.",
                               "end": segs[1].start + len("Kemal proposa autre chose.")})
    new = type(old)(**{**old.__dict__, "tgt_segments": tuple(segs),
                       "signature": type(old.signature)(**{**old.signature.__dict__, "tgt_sha256": "changed"})})
    report = merge_into_store(path, new)
    assert len(report.orphaned) == 1
    return path


def test_review_list_shows_orphans_with_their_sentences(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "240")
    path = _orphaned(tmp_path)
    assert main(["review", "list", str(path), "--threshold", "0"]) == 0
    out = capsys.readouterr().out
    assert "1 decision(s) kept from an earlier alignment" in out
    assert "was [1]:[1]" in out and "divergent (name, major)" in out
    assert "Kemal proposed an alliance against the Entente." in out and "contre l'Entente" in out
    assert "note: Entente is not named" in out and "by Ann" in out
    assert main(["review", "list", str(path), "--json"]) == 0
    orphans = json.loads(capsys.readouterr().out)["orphaned"]
    assert orphans == [{"ids": "[1]:[1]", "source": "Kemal proposed an alliance against the Entente.",
                        "target": "Kemal proposa une alliance contre l'Entente.", "status": "divergent",
                        "kind": "name", "severity": "major", "note": "Entente is not named", "by": "Ann",
                        "at": orphans[0]["at"], "reason": "the sentences were edited, or aligned differently",
                        "since": orphans[0]["since"]}]


def test_the_report_shows_orphans_with_their_sentences(tmp_path):
    page = render_report([store.load(_orphaned(tmp_path))])
    assert "Decisions kept from an earlier alignment (1 orphaned)" in page
    assert "Kemal proposa une alliance contre l&#x27;Entente." in page and "Entente is not named" in page


def test_the_review_page_state_lists_orphans(app):  # noqa: F811 - the fixture imported above
    r = Review.open(app.path, by="Ann")
    r.accept(0, note="checked")
    r.save()
    stored = store.load(app.path)
    review = dict(stored.review)
    review["orphaned"] = [{"ids": "[9]:[9]", "source": ["An old sentence."], "target": ["Une vieille phrase."],
                           "state": {"status": "rejected", "note": "wrong pair"}, "reason": "edited",
                           "since": "2026-01-01T00:00:00Z"}]
    store.save(app.path, stored.alignment, review, expected_revision=stored.revision)
    status, state = raw(app, "GET", "/api/state")
    assert status == 200 and state["orphaned"] == 1
    assert state["orphans"][0]["source"] == "An old sentence." and state["orphans"][0]["status"] == "rejected"
    assert state["orphans"][0]["note"] == "wrong pair"


def test_a_text_resaved_in_nfd_keeps_every_decision(tmp_path):
    texts = tmp_path / "texts"
    make_doc(texts, "d", {"en": ("en", "published-translation", EN), "fr": ("fr", "working-translation", FR)})
    alignments = tmp_path / "al"
    run(texts, alignments, encoder=HashingEncoder(), report=None, settings=RELATED)
    path = alignments / "d" / "en__fr.json"
    r = Review.open(path, by="Ann")
    n = len(r.beads)
    for i in range(n):
        r.accept(i, note=f"bead {i} checked")
    r.save()
    for name, text in (("en.txt", EN), ("fr.txt", FR)):
        (texts / "d" / name).write_text(_nfd(text), encoding="utf-8")
    result = run(texts, alignments, encoder=HashingEncoder(), report=None, settings=RELATED)
    assert [p.status for p in result.pairs] == ["aligned"]  # the texts' bytes changed
    after = store.load(path)
    assert not after.review["orphaned"]
    assert sorted(s["note"] for s in after.review["beads"].values()) == [f"bead {i} checked" for i in range(n)]
    assert after.alignment.tgt_segments[0].text == _nfd("La délégation quitta Zürich lundi.")  # as written


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_a_name_in_nfd_is_one_name_and_its_mark_points_into_the_text_as_written(form):
    src = unicodedata.normalize(form, "The delegation left Zürich on Monday.")
    same = score_pair(src, "La délégation quitta Zürich lundi.", "en", "fr", 0.9)
    assert "names" not in same.components or same.components["names"] == 0
    other = score_pair(src, "La délégation quitta Genève lundi.", "en", "fr", 0.9)
    assert other.components.get("names", 0) > 0 and any("Zürich" in r for r in other.reasons)
    marked = {src[m.start:m.end] for m in other.marks if m.side == "source" and m.component == "names"}
    assert marked == {unicodedata.normalize(form, "Zürich")}
