"""side_by_side / AlignmentView / Alignment._repr_html_: escaping, marks, colours, labels."""
from __future__ import annotations

import pytest

pytest.importorskip("pandas")

from align.records import Bead, Divergence, Mark
from align.views import AlignmentView, marked_html, side_by_side
from align.views.sample import make_alignment, sample_alignment, sample_alignments

HOSTILE = "<script>alert(1)</script> & \"q\""


def hostile_alignment():
    src = (HOSTILE, "Plain.")
    tgt = ("</td><img src=x onerror=alert(2)>", "Просто.")
    marks = (Mark("source", 0, 8, "names", "<b>label</b>"),)
    return make_alignment(src, tgt, (
        Bead((0,), (0,), 0.5, Divergence(0.7, {"names": 1.0}, ("<i>reason</i>",), marks)),
        Bead((1,), (1,), 0.9, Divergence(0.1, {}))))


def test_marked_html_escapes_and_wraps_marks():
    out = marked_html("a <b> c", [Mark("source", 2, 5, "names", "x\"y")], "source")
    assert out.startswith("a ") and out.endswith(" c")
    assert '<mark class="hl m-names"' in out and ">&lt;b&gt;</mark>" in out
    assert 'title="names: x&quot;y"' in out


def test_marked_html_splits_overlaps_and_ignores_other_side_and_bad_offsets():
    marks = [Mark("target", 0, 5, "numbers"), Mark("target", 3, 8, "names"), Mark("source", 0, 8, "meaning"),
             Mark("target", 50, 60, "names"), Mark("target", 6, 6, "names")]
    out = marked_html("01234567 9", marks, "target")
    assert out.count("<mark") == 3
    assert 'class="hl m-numbers m-names"' in out  # the overlap 3..5 carries both
    assert "m-meaning" not in out
    assert out.replace("</mark>", "").count(">") == 3  # one per opening tag: the text itself is intact
    assert marked_html("plain <x>", []) == "plain &lt;x&gt;"


def test_styler_escapes_every_text():
    html = side_by_side(hostile_alignment()).to_html()
    assert "<script>" not in html and "<img" not in html and "<i>" not in html and "<b>label" not in html
    # the marked "<script>" (offsets 0..8) is escaped inside its <mark>, the rest of the text outside it
    assert ('title="names: &lt;b&gt;label&lt;/b&gt;">&lt;script&gt;</mark>'
            'alert(1)&lt;/script&gt; &amp; &quot;q&quot;') in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;i&gt;reason&lt;/i&gt;" in html


def test_styler_highlights_marks_and_colours_bands():
    a = sample_alignments()[1]
    html = side_by_side(a).to_html()
    assert '<mark class="hl m-numbers"' in html and ">five million</mark>" in html
    assert "band-3" in html  # divergence 0.7
    assert "band-0" in html
    assert "background-color: #" in html  # the scale's rules are in the table's style sheet


def test_caption_labels_the_working_translation():
    html = side_by_side(sample_alignment()).to_html()
    assert "working translation made by this project — not an archival original" in html
    assert "Working translation made by this project — not an archival original: ru-working" in html
    assert "target: ru-working (working translation)" in html
    assert "0.8–1.0 very strong divergence" in html  # the legend


def test_review_column_and_missing_values():
    styler = side_by_side(sample_alignment(), {"beads": {"[0]:[0]": {"status": "accepted"}}})
    html = styler.to_html()
    assert "accepted" in html and "—" in html  # the addition has no similarity


def test_review_column_shows_the_finding():
    review = {"beads": {"[2]:[2]": {"status": "divergent", "kind": "name", "severity": "major",
                                    "note": "Mirzoyan <b>became</b> Nazaryan", "by": "Ann",
                                    "at": "2024-05-01T10:00:00Z"}}}
    html = side_by_side(sample_alignment(), review).to_html()
    assert ("<strong>divergent</strong><br>name, major<br><em>Mirzoyan &lt;b&gt;became&lt;/b&gt; Nazaryan</em>"
            "<br><span class=\"reasons\">Ann, 2024-05-01T10:00:00Z</span>") in html


def test_alignment_shows_itself_as_the_view():
    a = sample_alignment()
    html = a._repr_html_()
    assert "<table" in html and "ru-working" in html and "Мы просим" in html
    view = AlignmentView(a)
    assert "<table" in view._repr_html_() and "5 beads" in repr(view)
