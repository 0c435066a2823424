"""The standalone report's HTML: self-contained, escaped, labelled, with a strict CSP."""
from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest

from align.records import Bead, Divergence, Document, DocumentMeta, Mark, Role, Signature
from align.store import StoredAlignment
from align.views import render_report, write_report
from align.views.report import script_json
from align.views.sample import make_alignment, sample_alignment, sample_alignments

EVIL = "</script><script>alert(3)</script>"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script>/<style>."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._in = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in:
            self.raw[self._in][-1] += data

    def find(self, tag, **attrs):
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def parse(page: str) -> Tags:
    p = Tags()
    p.feed(page)
    return p


def hostile_alignment():
    a = make_alignment(("<script>alert(1)</script> says & more.", "Two."), ("Раз <b>жирный</b>.", "Два."), (
        Bead((0,), (0,), 0.4, Divergence(0.75, {"names": 1.0}, ("<img src=x onerror=alert(2)>",),
                                         (Mark("source", 0, 8, "names", EVIL),))),
        Bead((1,), (1,), 0.95, Divergence(0.05, {}))))
    sig = Signature("hand-made", {"note": EVIL + "\u2028"}, "0" * 64, "1" * 64, "test")
    return dataclasses.replace(a, signature=sig)


def test_page_is_self_contained():
    page = render_report(sample_alignments())
    tags = parse(page)
    assert not tags.find("link") and not tags.find("img") and not tags.find("iframe")
    assert all("src" not in a for t, a in tags.tags if t == "script")
    hrefs = [a["href"] for t, a in tags.tags if "href" in a]
    assert hrefs and all(h.startswith("#") for h in hrefs)
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", page)
    assert len(tags.find("svg", **{"class": "similarity-plot"})) == 2


def test_csp_allows_only_the_page_own_style_and_script():
    page = render_report(sample_alignments())
    tags = parse(page)
    csp = tags.find("meta", **{"http-equiv": "Content-Security-Policy"})[0]["content"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    js = [s for t, s in zip([a for t, a in tags.tags if t == "script"], tags.raw["script"]) if not t.get("type")]
    for text in [tags.raw["style"][0], js[0]]:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert ' style="' not in page  # no style attributes: the CSP would block them


def test_rows_carry_sort_and_filter_data():
    tags = parse(render_report([sample_alignment()]))
    rows = tags.find("tr", **{"class": "bead"})
    assert [r["data-pos"] for r in rows] == ["0", "1", "2", "3", "4"]
    assert rows[4]["data-sim"] == "" and rows[4]["data-div"] == "0.9" and rows[4]["data-kind"] == "0-1"
    assert {r["data-status"] for r in rows} == {"pending"}
    for control in ("sort", "threshold", "kind", "status", "search"):
        assert tags.find("select", id=control) or tags.find("input", id=control)


def test_all_text_is_escaped_and_the_json_cannot_close_its_script():
    page = render_report([hostile_alignment()])
    assert "<script>alert" not in page and "<img" not in page and "<b>жирный" not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert page.count("</script>") == 2  # the data block and the page's script: nothing else
    tags = parse(page)
    data = json.loads(tags.raw["script"][0])
    assert data["alignments"][0]["signature"]["settings"]["note"] == EVIL + "\u2028"
    assert "\u2028" not in tags.raw["script"][0]  # raw in HTML text is fine, not in the JSON


def test_script_json_escapes_what_html_would_see():
    text = script_json({"a": "<>&\u2028\u2029"})
    assert text == '{"a": "\\u003c\\u003e\\u0026\\u2028\\u2029"}'
    assert json.loads(text) == {"a": "<>&\u2028\u2029"}


def test_working_translation_is_flagged_prominently():
    page = render_report(sample_alignments())
    tags = parse(page)
    assert tags.find("div", **{"class": "working-banner", "role": "note"})
    assert ("Working translation made by this project — not an archival original.</strong> "
            "hy-working, ru-working") in page
    assert len(tags.find("div", **{"class": "version-card working"})) == 2
    assert len(tags.find("span", **{"class": "badge role-working-translation"})) >= 4


def test_no_banner_without_working_translations():
    a = make_alignment(("A.",), ("B.",), (Bead((0,), (0,), 0.9),), tgt_role=Role.ORIGINAL, tgt_version="ru-original")
    page = render_report([a])
    assert 'class="working-banner"' not in page
    assert "archival original" in page


def test_document_metadata_review_state_and_reasons():
    a = sample_alignment()
    doc = Document(a.doc_id, DocumentMeta(title="Sample <title>", date="1920-04-26", source="A book & a page"), ())
    stored = StoredAlignment(a, {"beads": {"[2]:[2]": {"status": "divergent"}}}, 2)
    page = render_report([stored], [doc], threshold=0.3, sort="divergence")
    assert "<h2>Sample &lt;title&gt;</h2>" in page and "A book &amp; a page" in page
    assert 'data-status="divergent"' in page and '<span class="status status-divergent">' in page
    assert "<li>the target renders the verb loosely</li>" in page and "meaning 0.45" in page
    data = json.loads(parse(page).raw["script"][0])
    assert data["settings"] == {"threshold": 0.3, "sort": "divergence", "review_threshold": 0.5}


def test_bad_options_name_the_valid_ones():
    with pytest.raises(ValueError, match="between 0 and 1"):
        render_report([sample_alignment()], threshold=2)
    with pytest.raises(ValueError, match="position, divergence, similarity"):
        render_report([sample_alignment()], sort="size")
    with pytest.raises(ValueError, match="at least one alignment"):
        render_report([])


def test_write_report_writes_atomically(tmp_path):
    out = write_report(sample_alignments(), tmp_path / "sub" / "r.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in out.parent.iterdir()] == ["r.html"]  # no temporary file left behind


FINDINGS = {"beads": {
    "[2]:[2]": {"status": "divergent", "kind": "number/date", "severity": "critical", "note": "18,000 vs 28 000 <b>",
                "by": "Ann", "at": "2024-05-01T10:00:00Z"},
    "[1]:[1]": {"status": "accepted", "by": "Ben", "at": "2024-05-02T08:30:00Z"},
    "[3]:[3]": {"status": "rejected", "note": "wrong pair", "by": "Ann", "at": "2024-05-03T09:00:00Z"}}}


def test_each_bead_shows_its_finding_kind_severity_note_who_and_when():
    page = render_report([StoredAlignment(alignment=sample_alignment(), review=FINDINGS, revision=1)])
    row = re.search(r'<tr id="a0-b2".*?</tr>', page, re.S).group(0)
    assert 'data-status="divergent"' in row
    assert '<span class="sev sev-critical">critical</span> number/date' in row
    assert '<div class="note">18,000 vs 28 000 &lt;b&gt;</div>' in row
    assert '<div class="who">Ann · 2024-05-01 10:00 UTC</div>' in row
    accepted = re.search(r'<tr id="a0-b1".*?</tr>', page, re.S).group(0)
    assert "Ben · 2024-05-02 08:30 UTC" in accepted and 'class="finding"' not in accepted


def test_each_document_has_a_findings_summary_linked_to_the_rows():
    page = render_report([StoredAlignment(alignment=sample_alignment(), review=FINDINGS, revision=1)])
    box = re.search(r'<section class="findings-box".*?</section>', page, re.S).group(0)
    assert "3 of 5 beads reviewed; 1 finding (1 critical); 1 rejected as wrongly aligned" in box
    rows = re.findall(r'<tr class="finding-row".*?</tr>', box, re.S)
    assert len(rows) == 2  # the divergent and the rejected bead; the accepted one has nothing to say
    assert 'href="#a0-b2"' in rows[0] and "number/date" in rows[0] and "critical" in rows[0]
    assert "18,000 vs 28 000 &lt;b&gt;" in rows[0] and "Ann · 2024-05-01 10:00 UTC" in rows[0]
    assert 'href="#a0-b3"' in rows[1] and "wrong pair" in rows[1]


def test_without_decisions_the_findings_summary_says_what_to_do():
    page = render_report([sample_alignment()], review_threshold=0.4)
    box = re.search(r'<section class="findings-box".*?</section>', page, re.S).group(0)
    assert "0 of 5 beads reviewed; no findings" in box
    assert "review threshold (0.40)" in box and "align review serve" in box


def test_components_that_round_to_zero_are_not_listed():
    a = make_alignment(("One.",), ("Один.",), (
        Bead((0,), (0,), 0.9, Divergence(0.7, {"meaning": 0.001, "numbers": 0.7, "names": 0.0, "length": 0.004})),))
    page = render_report([a])
    comps = re.search(r"<div class=components>(.*?)</div>", page).group(1)
    assert comps == "numbers 0.70"
    quiet = make_alignment(("One.",), ("Один.",), (Bead((0,), (0,), 0.9, Divergence(0.003, {"meaning": 0.003})),))
    assert "<div class=components>" not in render_report([quiet])


def test_cells_carry_labels_for_the_narrow_layout_and_the_page_a_viewport():
    page = render_report([sample_alignment()])
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    row = re.search(r'<tr id="a0-b0".*?</tr>', page, re.S).group(0)
    labels = re.findall(r'data-label="([^"]*)"', row)
    assert labels == ["#", "bead", "source: en", "target: ru-working (working translation)", "similarity",
                      "divergence", "reasons", "review"]
    assert "@media (max-width: 800px)" in page  # the sides stack into one card per bead
