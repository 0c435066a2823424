"""to_frame / top_divergences: one row per bead, read straight from the records."""
from __future__ import annotations

import math
import subprocess
import sys

import pytest

from align.records import Bead, Divergence
from align.store import StoredAlignment
from align.views import COMPONENTS, to_frame, top_divergences
from align.views.sample import make_alignment, sample_alignment

pd = pytest.importorskip("pandas")


def test_one_row_per_bead_with_the_documented_columns():
    a = sample_alignment()
    df = to_frame(a)
    assert len(df) == len(a.beads)
    assert list(df.columns) == ["bead", "src_ids", "tgt_ids", "kind", "gap", "source", "target", "similarity",
                                "divergence", "reasons", *(f"div_{c}" for c in COMPONENTS), "review_status",
                                "review_kind", "review_severity", "review_note", "review_by", "review_at"]
    assert df.index.name == "position"
    first = df.iloc[0]
    assert first["bead"] == "[0]:[0]" and first["kind"] == "1-1"
    assert first["src_ids"] == (0,) and first["tgt_ids"] == (0,)
    assert first["source"] == "Angora, April 26, 1920."
    assert first["similarity"] == pytest.approx(0.93)
    assert first["divergence"] == pytest.approx(0.05)


def test_missing_scores_are_nan_and_reasons_are_joined():
    a = make_alignment(("One.", "Two."), ("Один.",), (
        Bead((0,), (0,), 0.8, Divergence(0.6, {"meaning": 0.4, "custom": 0.2}, ("first", "second"))),
        Bead((1,), (), None, None)))
    df = to_frame(a)
    assert df.loc[0, "reasons"] == "first | second"
    assert df.loc[0, "div_custom"] == pytest.approx(0.2)  # an unknown component gets its own column, after the rest
    assert list(df.columns)[-8:-6] == ["div_addition", "div_custom"]
    assert math.isnan(df.loc[1, "similarity"]) and math.isnan(df.loc[1, "divergence"])
    assert math.isnan(df.loc[1, "div_meaning"])
    assert df.loc[1, "kind"] == "1-0" and df.loc[1, "target"] == "" and df.loc[1, "reasons"] == ""
    assert df["similarity"].dtype == "float64"


def test_gap_names_omissions_additions_and_partial_ones():
    a = make_alignment(("One.", "Two.", "Three."), ("Один.", "Два.", "Лишнее."), (
        Bead((0,), (0,), 0.9, Divergence(0.1, {"meaning": 0.1})),
        Bead((1,), (1, 2), 0.8, Divergence(0.7, {"meaning": 0.1, "addition": 0.66}, ("partial addition: …",))),
        Bead((2,), (), None, Divergence(1.0, {"omission": 1.0}, ("omission: …",)))))
    df = to_frame(a)
    assert list(df["gap"]) == ["", "partial addition", "omission"]
    assert list(df[df["gap"] != ""].index) == [1, 2]
    assert list(top_divergences(a).columns)[:3] == ["bead", "kind", "gap"]


def test_review_status_is_read_and_missing_means_pending():
    a = sample_alignment()
    review = {"beads": {"[1]:[1]": {"status": "accepted"}, "[2]:[2]": {"status": "divergent", "note": "loose"}}}
    df = to_frame(a, review)
    assert list(df["review_status"]) == ["pending", "accepted", "divergent", "pending", "pending"]
    stored = StoredAlignment(alignment=a, review=review, revision=3)
    assert list(to_frame(stored)["review_status"]) == list(df["review_status"])


def test_findings_are_columns_of_the_frame():
    a = sample_alignment()
    review = {"beads": {"[2]:[2]": {"status": "divergent", "kind": "number/date", "severity": "major",
                                    "note": "18,000 vs 28 000", "by": "Ann", "at": "2024-05-01T10:00:00Z"}}}
    df = to_frame(a, review)
    found = df[df["review_status"] == "divergent"]
    assert list(found.index) == [2]
    row = found.iloc[0]
    assert (row["review_kind"], row["review_severity"], row["review_note"], row["review_by"], row["review_at"]) == (
        "number/date", "major", "18,000 vs 28 000", "Ann", "2024-05-01T10:00:00Z")
    assert df.loc[0, "review_kind"] == "" and df.loc[0, "review_by"] == ""  # nothing recorded: empty, not NaN
    assert top_divergences(a, review=review).loc[2, "review_note"] == "18,000 vs 28 000"


def test_the_frame_names_its_columns_as_the_tsv_export_does():
    from align.export.rows import export_rows
    from align.export.tables import columns, records
    a = sample_alignment()
    review = {"beads": {"[1]:[1]": {"status": "accepted", "by": "Ann"}}}
    rows = export_rows(a, review, include_empty=True, include_rejected=True)
    df = to_frame(a, review)
    exported = columns(rows)  # the export lists the components present; the frame every standard one
    assert [c for c in df.columns if c in exported] == exported
    assert [c for c in df.columns if c not in exported] == [c for c in df.columns if c.startswith("div_")
                                                            and c not in exported]
    for rec, (_, frame_row) in zip(records(rows), df.iterrows()):
        assert rec["reasons"] == [] or " | ".join(rec["reasons"]) == frame_row["reasons"]
        assert rec["review_status"] == frame_row["review_status"] and rec["review_by"] == frame_row["review_by"]


def test_provenance_travels_in_attrs():
    df = to_frame(sample_alignment())
    assert df.attrs["tgt_version"] == "ru-working"
    assert "working translation made by this project" in df.attrs["tgt_role"]
    assert df.attrs["signature"].startswith("model:hand-made")


def test_top_divergences_most_divergent_first():
    top = top_divergences(sample_alignment(), n=3)
    assert list(top["bead"]) == ["[]:[4]", "[2]:[2]", "[3]:[3]"]
    assert list(top.columns) == ["bead", "kind", "gap", "source", "target", "similarity", "divergence", "reasons",
                                 "review_status", "review_kind", "review_note"]


def test_rejects_what_is_not_an_alignment():
    with pytest.raises(TypeError, match="expected an Alignment"):
        to_frame({"beads": []})


def test_importing_views_does_not_import_pandas():
    code = "import sys, align.views, align.records; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_review_session_and_its_queue(tmp_path):
    review_api = pytest.importorskip("align.review")
    from align.store import save
    from align.views import queue_frame

    path = save(tmp_path / "a.json", sample_alignment()).path
    session = review_api.Review.open(path, by="tester")
    queue = session.queue(threshold=0.3)
    q = queue_frame(queue)
    assert list(q.index) == [4, 2, 3]  # most divergent first
    assert q.loc[2, "reasons"] == "the target renders the verb loosely"
    assert {"bead", "kind", "score", "review_status", "review_note"} <= set(q.columns)  # the frame's names
    assert "3 in queue" in q.attrs["summary"]
    session.accept(2, note="fine")
    assert to_frame(session).loc[2, "review_status"] == "accepted"  # the unsaved state of the session
