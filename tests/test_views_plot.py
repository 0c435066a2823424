"""similarity_plot_svg: a self-contained SVG, one point per bead; a fitted similarity axis, a threshold line."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from align.records import Bead, Divergence
from align.views import similarity_plot_svg
from align.views.plot import fitted_range
from align.views.sample import make_alignment, sample_alignment

NS = "{http://www.w3.org/2000/svg}"


def axis_labels(root, panel_top: float, panel_bottom: float) -> list[str]:
    return [t.text for t in root.findall(f"{NS}text") if t.get("text-anchor") == "end"
            and panel_top - 5 <= float(t.get("y")) <= panel_bottom + 5 and t.text and t.text[0].isdigit()]


def test_one_point_per_bead_in_each_panel_and_valid_svg():
    a = sample_alignment()
    svg = similarity_plot_svg(a, row_prefix="a0-b")
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    assert len(root.findall(f".//{NS}circle[@class='point']")) == 4  # four beads with a similarity
    assert len(root.findall(f".//{NS}rect[@class='point no-sim']")) == 1  # the addition
    scored = sum(1 for b in a.beads if b.divergence is not None)
    assert len([c for c in root.iter(f"{NS}circle") if "div" in c.get("class", "").split()]) == scored
    assert 'href="#a0-b4"' in svg
    assert "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_the_similarity_axis_is_fitted_to_the_data():
    sims = [0.91, 0.93, 0.88, 0.95, 0.9]
    a = make_alignment(tuple(f"S{i}." for i in range(5)), tuple(f"Т{i}." for i in range(5)),
                       tuple(Bead((i,), (i,), s, Divergence(0.05, {"meaning": 0.05})) for i, s in enumerate(sims)))
    root = ET.fromstring(similarity_plot_svg(a))
    panel = root.find(f"{NS}rect[@class='panel similarity']")
    top, height = float(panel.get("y")), float(panel.get("height"))
    labels = [float(x) for x in axis_labels(root, top, top + height)]
    assert min(labels) >= 0.8 and max(labels) <= 1.0  # not 0 to 1: the points spread over the panel
    ys = [float(c.get("cy")) for c in root.iter(f"{NS}circle") if c.get("class") == "point"]
    assert max(ys) - min(ys) > height * 0.5


def test_the_review_threshold_is_a_line_and_points_above_it_are_outlined():
    a = sample_alignment()
    root = ET.fromstring(similarity_plot_svg(a, threshold=0.4))
    line = root.find(f"{NS}line[@class='threshold']")
    assert line is not None and line.get("stroke-dasharray")
    label = root.find(f"{NS}text[@class='threshold-label']").text
    above = sum(1 for b in a.beads if b.divergence is not None and b.divergence.score >= 0.4)
    assert label == f"review threshold 0.40: {above} beads at or above"
    flagged = [c for c in root.iter(f"{NS}circle") if "flagged" in c.get("class", "")]
    assert len(flagged) == above
    line_y = float(line.get("y1"))
    assert all(float(c.get("cy")) <= line_y + 0.1 for c in flagged)  # above the line (SVG y grows down)


@pytest.mark.parametrize(("values", "ceiling", "low", "high"), [
    ([0.91, 0.93, 0.88], 1.0, 0.86, 0.94),
    ([0.2, 0.99], 1.0, 0.0, 1.0),
    ([], 1.0, 0.0, 1.0),
    ([-0.3], 1.0, -0.33, -0.27),
    ([0.97, 0.999], 1.0, 0.94, 1.0),
])
def test_fitted_range_is_on_round_numbers(values, ceiling, low, high):
    lo, hi, step = fitted_range(values, ceiling=ceiling)
    assert lo == pytest.approx(low) and hi == pytest.approx(high)
    assert all(lo - 1e-9 <= v <= hi + 1e-9 for v in values) and (hi - lo) / step <= 6 + 1e-9


def test_text_is_escaped_and_negative_similarity_widens_the_axis():
    a = make_alignment(("<x>",), ("y",), (Bead((0,), (0,), -0.3),), doc_id="<doc>")
    svg = similarity_plot_svg(a)
    ET.fromstring(svg)  # still well-formed
    assert "<doc>" not in svg and "&lt;doc&gt;" in svg
    assert ">-0.30<" in svg
