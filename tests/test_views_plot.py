"""similarity_plot_svg: a self-contained SVG, one point per bead."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from align.records import Bead
from align.views import similarity_plot_svg
from align.views.sample import make_alignment, sample_alignment

NS = "{http://www.w3.org/2000/svg}"


def test_one_point_per_bead_and_valid_svg():
    a = sample_alignment()
    svg = similarity_plot_svg(a, row_prefix="a0-b")
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert len(root.findall(f".//{NS}circle")) == 4  # four beads with a similarity
    assert len(root.findall(f".//{NS}rect[@class='point no-sim']")) == 1  # the addition
    assert 'href="#a0-b4"' in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_text_is_escaped_and_negative_similarity_widens_the_axis():
    a = make_alignment(("<x>",), ("y",), (Bead((0,), (0,), -0.3),), doc_id="<doc>")
    svg = similarity_plot_svg(a)
    ET.fromstring(svg)  # still well-formed
    assert "<doc>" not in svg and "&lt;doc&gt;" in svg
    assert ">-0.50<" in svg
