"""The learned combination: the shipped weights, fitting, and refitting on reviewed alignments."""
from __future__ import annotations

import json
import math
import random

import pytest

from align.divergence import COMPONENTS, FEATURES, REGISTRY, Model, score_pair
from align.divergence.base import Finding
from align.divergence.combine import combine
from align.divergence.fitting import Example, auc, evaluate, fit, refit_intercept
from align.divergence.model import shipped
from align.errors import InputError


def test_the_shipped_weights_cover_every_feature_of_every_registered_component():
    model = shipped()
    assert set(FEATURES) <= set(model.weights), "refit (benchmarks/fit_divergence.py --write) after adding a component"
    assert all(w >= 0 for w in model.weights.values())
    assert [c.name for c in REGISTRY] == list(COMPONENTS[:len(REGISTRY)])
    about = model.about
    assert about.get("scoring") and about.get("held_out"), "the weights say what they were fitted on and held out"


def test_the_score_is_a_probability_that_never_falls_when_a_component_rises():
    base = [Finding("meaning", 0.01, features={"meaning": 0.0}), Finding("numbers", 0.0)]
    low = combine(base).score
    for name in FEATURES:
        if name == "meaning":
            continue
        up = combine(base + [Finding(name, 0.7)]).score
        assert 0.0 < low <= up < 1.0


def test_omissions_and_additions_still_score_one():
    assert score_pair("A sentence.", "", "en", "ru", None).score == 1.0
    assert score_pair("", "Предложение.", "en", "ru", None).score == 1.0


def test_reasons_come_in_the_order_of_what_they_add_and_every_reason_is_kept():
    d = score_pair("He arrived on 26 April and did not stay.", "Он приехал 27 апреля и остался.", "en", "ru", 0.9)
    assert d.reasons[0].startswith(("numbers", "negation"))
    assert any(r.startswith("numbers") for r in d.reasons) and any(r.startswith("negation") for r in d.reasons)
    assert {m.component for m in d.marks} >= {"numbers", "negation"}


def _synthetic(n: int, seed: int = 0) -> list[Example]:
    """Two informative features (a ≥ 0 effect each) and one pure noise feature."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        x1, x2, noise = rng.random(), rng.random(), rng.random()
        p = 1 / (1 + math.exp(-(-3 + 4 * x1 + 2 * x2)))
        out.append(Example({"a": x1, "b": x2, "c": noise}, int(rng.random() < p), "g"))
    return out


def test_fitting_recovers_the_weights_and_keeps_noise_at_or_near_zero():
    model = fit(_synthetic(4000), ["a", "b", "c"], l2=1e-4)
    assert model.weights["a"] == pytest.approx(4, abs=0.6)
    assert model.weights["b"] == pytest.approx(2, abs=0.6)
    assert 0.05 <= model.weights["c"] < 0.5
    assert model.intercept == pytest.approx(-3, abs=0.6)


def test_weights_stay_positive_even_when_the_data_would_make_one_negative():
    rng = random.Random(1)
    exs = [Example({"a": (x := rng.random())}, int(rng.random() < 0.8 - 0.6 * x), "g") for _ in range(2000)]
    assert fit(exs, ["a"]).weights["a"] == 0.05
    assert fit(exs, ["a"], min_weight=0.0).weights["a"] == 0.0


def test_each_group_has_its_own_intercept_and_the_calibration_group_gives_the_model_its_own():
    rare = [Example({"a": e.features["a"]}, e.label if random.Random(i).random() < 0.3 else 0, "rare")
            for i, e in enumerate(_synthetic(3000, 2))]
    common = [Example({"a": e.features["a"]}, e.label, "common") for e in _synthetic(3000, 3)]
    model = fit(rare + common, ["a"], calibrate_on=["rare"])
    assert set(model.about["intercepts"]) == {"rare", "common"}
    assert model.intercept == model.about["intercepts"]["rare"] < model.about["intercepts"]["common"]
    recal = refit_intercept(model, common)
    assert recal.intercept == pytest.approx(model.about["intercepts"]["common"], abs=0.3)


def test_fitting_refuses_data_with_one_label_only():
    with pytest.raises(InputError, match="both faithful and divergent"):
        fit([Example({"a": 1.0}, 0, "g")] * 5, ["a"])
    with pytest.raises(InputError, match="no labelled beads"):
        fit([], ["a"])


def test_auc_counts_ties_as_half_and_evaluate_reports_per_group():
    assert auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) == pytest.approx(0.75)
    assert auc([0.5, 0.5], [0, 1]) == 0.5
    model = Model(-1.0, {"a": 2.0})
    r = evaluate(model, [Example({"a": 0.0}, 0, "x"), Example({"a": 2.0}, 1, "x")])["x"]
    assert r["auc"] == 1.0 and r["faithful_flagged"] == 0.0 and r["divergent_flagged"] == 1.0


def test_a_weights_file_round_trips_and_a_bad_one_is_refused_with_its_name(tmp_path):
    m = Model(-2.5, {"meaning": 0.8, "numbers": 3.0}, {"note": "test"})
    path = tmp_path / "w.json"
    m.save(path)
    back = Model.load(path)
    assert back == m and back.source == str(path) and back.about == {"note": "test"}
    assert back.digest() == m.digest() != shipped().digest()
    for bad, message in (({"intercept": "x", "weights": {"a": 1}}, "intercept"),
                         ({"intercept": 0, "weights": {"a": -1}}, "≥ 0"),
                         ({"intercept": 0, "weights": {}}, "weights"),
                         ({"format": 9, "intercept": 0, "weights": {"a": 1}}, "format")):
        path.write_text(json.dumps(bad), encoding="utf-8")
        with pytest.raises(InputError, match=message) as err:
            Model.load(path)
        assert str(path) in str(err.value)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a weights file"):
        Model.load(path)


def test_a_floor_joins_the_rest_of_the_evidence_so_floored_beads_do_not_tie(monkeypatch):
    import align.divergence.combine as combine_module

    def floored(meaning: float) -> list[Finding]:
        # the same rule floors both beads; one has more evidence besides (a wider meaning gap)
        return [Finding("meaning", meaning), Finding("negation", 0.0, floor=0.5)]

    weak, strong = combine(floored(0.01)), combine(floored(0.2))
    p_weak = combine([Finding("meaning", 0.01), Finding("negation", 0.0)]).score
    assert weak.score == pytest.approx(1 - 0.5 * (1 - p_weak))  # a noisy-or of the floor and the model
    assert 0.5 <= weak.score < strong.score < 1.0  # still flagged, and ranked by what else is seen
    # the older rule, the larger of the two, made every bead the rule floors tie at the floor
    monkeypatch.setattr(combine_module, "FLOOR_JOIN", False)
    assert combine(floored(0.01)).score == combine(floored(0.2)).score == 0.5
