"""benchmarks/fit_divergence.py: the lexical count's weight is chosen for ranking, on made-up pairs."""
from __future__ import annotations

from align.divergence.fitting import Example
from align.divergence.model import Model
from scripttools import load_benchmark


def test_the_smallest_weight_that_ranks_removals_best_is_chosen():
    fit = load_benchmark("fit_divergence")
    base = Model(-3.0, {"meaning": 1.0})
    # each edit drops a word (one more uncovered) while its similarity moves up or down a little
    ranked = [("critical_id23_noun_removed", {"meaning": 0.0, "lexical": 1.0},
               {"meaning": -0.1 * (i % 3), "lexical": 2.0}) for i in range(30)]
    archival = [Example({"meaning": z, "lexical": 0.0}, int(z > 3), "archival") for z in (0, 0.5, 1, 4, 5)]
    demetr = [Example(c, 0, "demetr") for _, c, _ in ranked] + [Example(e, 1, "demetr") for _, _, e in ranked]
    model, rows = fit.choose_lexical_weight(base, archival, demetr, ranked)
    # 0.1 is not enough to outweigh a similarity 0.2 spreads higher; 0.25 is the first that is
    assert model.weights["lexical"] == 0.25
    assert fit.critical_wins(model, ranked) == {"critical_id23_noun_removed": 1.0}
    assert rows[-1].strip() == "Chosen: 0.25."


def test_an_empty_edit_wins_and_a_tie_fails():
    fit = load_benchmark("fit_divergence")
    model = Model(0.0, {"lexical": 1.0})
    ranked = [("critical_x", {"lexical": 1.0}, None), ("critical_x", {"lexical": 1.0}, {"lexical": 1.0})]
    assert fit.critical_wins(model, ranked) == {"critical_x": 0.5}


def test_on_a_base_only_the_lexical_weight_moves_and_the_range_bounds_it():
    """``--base`` keeps a weights file's intercept and other weights; ``--lexical-range`` limits the grid."""
    fit = load_benchmark("fit_divergence")
    base = Model(-2.69, {"meaning": 1.0, "length": 2.7, "lexical": 0.2})
    ranked = [("critical_id23_noun_removed", {"meaning": 0.0, "lexical": 1.0},
               {"meaning": -0.1 * (i % 3), "lexical": 2.0}) for i in range(30)]
    archival = [Example({"meaning": z, "lexical": 0.0}, int(z > 3), "archival") for z in (0, 0.5, 1, 4, 5)]
    demetr = [Example(c, 0, "demetr") for _, c, _ in ranked] + [Example(e, 1, "demetr") for _, _, e in ranked]
    grid = tuple(w for w in fit.LEXICAL_GRID if 0.3 <= w <= 0.6)
    model, rows = fit.choose_lexical_weight(base, archival, demetr, ranked, grid, refit=False)
    # every weight of the range ranks all removals first, so the smallest is taken; nothing else moves
    assert model.weights["lexical"] == 0.3 and rows[-1].strip() == "Chosen: 0.30."
    assert model.intercept == base.intercept
    assert {k: v for k, v in model.weights.items() if k != "lexical"} == {"meaning": 1.0, "length": 2.7}
    refitted, _ = fit.choose_lexical_weight(base, archival, demetr, ranked, grid)
    assert refitted.intercept != base.intercept
