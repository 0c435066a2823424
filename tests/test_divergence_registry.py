"""The divergence components are declared once: scoring, views, exports and docs follow the registry."""
from __future__ import annotations

import re

import pytest

from align.divergence import COMPONENTS, REGISTRY, score_pair
from align.divergence.calibration import Calibration
from align.divergence.components import OTHER_MARK_COLOUR, Pair, component, mark_colour
from align.divergence.tokens import SideText
from align.views.scale import legend_html, style_rules

# pairs that trip most components: numbers, names, negation, antonym, question, gender, tense, length
PAIRS = [
    ("Ангора, 26 апреля 1920 г.", "Angora, April 27, 1920", "ru", "en", 0.93),
    ("Цены на нефть выросли.", "Oil prices fell.", "ru", "en", 0.8),
    ("Он не пришёл в Ереван.", "Did she come to Tiflis?", "ru", "en", 0.6),
    ("Договор подписали вчера.", "The treaty will be signed tomorrow are ожидаются.", "ru", "en", 0.4),
    ("Յոթ վագոն Կարսում։", "Seven wagons in Batum, and many more besides that.", "hy", "en", 0.5),
]


@pytest.mark.parametrize("src, tgt, sl, tl, sim", PAIRS)
def test_every_scorer_reports_under_its_registered_name(src, tgt, sl, tl, sim):
    pair = Pair(SideText(src, sl), SideText(tgt, tl), sim, Calibration.reference(None, sl, tl))
    for c in REGISTRY:
        if c.score is not None:
            finding = c.score(pair)
            assert finding is None or finding.component == c.name


@pytest.mark.parametrize("src, tgt, sl, tl, sim", PAIRS)
def test_a_divergence_lists_its_components_in_registry_order(src, tgt, sl, tl, sim):
    d = score_pair(src, tgt, sl, tl, sim)
    assert list(d.components) == [c for c in COMPONENTS if c in d.components]
    assert {m.component for m in d.marks} <= set(d.components)


def test_the_pairs_above_exercise_most_components():
    fired = {k for p in PAIRS for k, v in score_pair(*p[:4], similarity=p[4]).components.items() if v > 0}
    assert {"numbers", "names", "negation", "antonym", "question", "gender", "tense"} <= fired


def test_only_an_empty_side_gives_omission_and_addition_and_their_scorers_give_only_partial_ones():
    assert [c.name for c in REGISTRY][-2:] == ["omission", "addition"]
    assert score_pair("Один.", "", "ru", "en", None).components == {"omission": 1.0}
    # outside a merged bead with sentences the aligner listed, they say nothing
    assert not {"omission", "addition"} & set(score_pair("Один.", "One.", "ru", "en", 0.9).components)


def test_views_style_and_label_every_registered_component():
    rules = dict(style_rules())
    legend = legend_html()
    for c in REGISTRY:
        assert rules[f"mark.m-{c.name}"].startswith(f"border-bottom-color: {c.colour}")
        assert (f"border-bottom-style: {c.underline}" in rules[f"mark.m-{c.name}"]) == (c.underline != "solid")
        assert re.fullmatch(r"#[0-9a-f]{6}", c.colour)
        assert f'title="{c.label}">{c.name}</mark>' in legend
    assert component("gone") is None and mark_colour("gone") == OTHER_MARK_COLOUR


def test_docs_describe_every_registered_component(root):
    table = (root / "docs" / "divergence.md").read_text(encoding="utf-8")
    for name in COMPONENTS:
        assert f"| `{name}` |" in table, f"docs/divergence.md has no row for the component {name!r}"
