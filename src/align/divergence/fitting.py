"""Fitting the learned combination (:mod:`.model`) on beads people labelled.

An :class:`Example` is one bead's features (:func:`.combine.bead_findings`)
with a label: 1 when a reviewer calls it divergent, 0 when faithful.  Examples
come in *groups* (a data set and language pair); each group weighs the same
in the fit, whatever its size, so a large benchmark does not drown a small
set of one's own reviews.

:func:`fit` is a weighted logistic regression with an L2 penalty that pulls
each weight towards a *prior* (zero, or the weights being refitted) and keeps
every weight ≥ 0.05 (evidence only adds, and every component still orders
beads that tie on the rest).  It is solved by projected Newton
steps in numpy; no other library is needed.

:func:`examples_from_review` turns a reviewed alignment into examples:
accepted beads are faithful (0), beads marked divergent with severity major or
critical are divergent (1); minor divergences, rejected (misaligned) beads and
beads with an empty side are left out.  ``align scoring fit`` refits the
weights on a folder of such files, starting from the shipped weights.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .. import store
from ..errors import InputError
from ..records import Alignment
from ..review.state import bead_state
from .combine import bead_findings, features_of
from .model import Model
from .terms import TermList

#: Default strength of the pull towards the prior weights, in beads' worth of evidence.
L2 = 1.0
#: No weight goes below this: every component still orders beads that tie on everything else.
MIN_WEIGHT = 0.05


@dataclass(frozen=True)
class Example:
    """One labelled bead: its features, 1 (divergent) or 0 (faithful), its group, an optional weight."""

    features: Mapping[str, float]
    label: int
    group: str
    weight: float = 1.0


def _design(examples: Sequence[Example], features: Sequence[str], groups: Sequence[str]) -> np.ndarray:
    """One column per group (its own intercept: each data set has its own share of divergent beads),
    then one per feature."""
    X = np.zeros((len(examples), len(groups) + len(features)))
    gindex = {g: i for i, g in enumerate(groups)}
    index = {f: len(groups) + i for i, f in enumerate(features)}
    for r, ex in enumerate(examples):
        X[r, gindex[ex.group]] = 1.0
        for k, v in ex.features.items():
            if k in index:
                X[r, index[k]] = v
    return X


def group_weights(examples: Sequence[Example], shares: Mapping[str, float] | None = None) -> np.ndarray:
    """Per-example weights: each group sums to its share (default 1), spread over its examples
    in proportion to their own weights."""
    totals: dict[str, float] = defaultdict(float)
    for ex in examples:
        totals[ex.group] += ex.weight
    shares = shares or {}
    return np.array([ex.weight * shares.get(ex.group, 1.0) / totals[ex.group] for ex in examples])


def fit(examples: Sequence[Example], features: Sequence[str], *, calibrate_on: Sequence[str] | None = None,
        l2: float = L2, prior: Model | None = None, shares: Mapping[str, float] | None = None,
        about: Mapping | None = None, iterations: int = 100, min_weight: float = MIN_WEIGHT) -> Model:
    """The logistic model of ``features`` that best predicts the labels (see the module docstring).

    Every group gets an intercept of its own (data sets differ in how many of
    their beads are divergent); the weights are shared.  The model's intercept
    is that of the ``calibrate_on`` groups (default: all), fitted together, so
    its 0.5 means "probably divergent" at *their* share of divergent beads.
    ``prior``: weights to shrink towards (default: zero); ``shares``: how much
    each group weighs (default 1 each); no weight goes below ``min_weight``.

    :raises InputError: no examples, or only one label among them.
    """
    if not examples:
        raise InputError("no labelled beads to fit on")
    labels = {ex.label for ex in examples}
    if labels != {0, 1}:
        raise InputError("fitting needs both faithful and divergent beads; got only "
                         + ("divergent" if labels == {1} else "faithful") + " ones")
    calibrate = set(calibrate_on or {ex.group for ex in examples})
    # the groups the intercept is calibrated on share one intercept column
    def column(g: str) -> str:
        return "(calibration)" if g in calibrate else g
    groups = sorted({column(ex.group) for ex in examples})
    renamed = [Example(ex.features, ex.label, column(ex.group), ex.weight) for ex in examples]
    X = _design(renamed, features, groups)
    y = np.array([float(ex.label) for ex in examples])
    w = group_weights(examples, shares)
    w = w / w.sum() * len(examples)  # mean 1 per example: the penalty is per bead's worth of evidence
    k = len(groups)
    p0 = np.zeros(X.shape[1])
    if prior is not None:
        p0[:k] = prior.intercept
        p0[k:] = [prior.weights.get(f, 0.0) for f in features]
    pen = np.full(X.shape[1], l2)
    pen[:k] = 0.0 if prior is None else l2 * 0.1
    beta = p0.copy()
    beta[k:] = np.maximum(beta[k:], min_weight)

    def loss(b: np.ndarray) -> float:
        z = X @ b
        ll = np.sum(w * (np.logaddexp(0.0, z) - y * z))
        return float(ll + 0.5 * np.sum(pen * (b - p0) ** 2))

    current = loss(beta)
    for _ in range(iterations):
        z = X @ beta
        p = 1.0 / (1.0 + np.exp(-z))
        g = X.T @ (w * (p - y)) + pen * (beta - p0)
        H = X.T @ (X * (w * p * (1 - p))[:, None]) + np.diag(pen + 1e-9)
        # weights held at their bound of 0 while the gradient pushes them below it
        free = np.ones_like(beta, dtype=bool)
        free[k:] = ~((beta[k:] <= min_weight) & (g[k:] > 0.0))
        step = np.zeros_like(beta)
        step[free] = np.linalg.solve(H[np.ix_(free, free)], g[free])
        t = 1.0
        new = current
        cand = beta
        while t > 1e-6:
            cand = beta - t * step
            cand[k:] = np.maximum(cand[k:], min_weight)
            new = loss(cand)
            if new <= current + 1e-12:
                break
            t *= 0.5
        if t <= 1e-6 or current - new < 1e-10:
            if new < current:
                beta, current = cand, new
            break
        beta, current = cand, new
    weights = {f: round(float(v), 6) for f, v in zip(features, beta[k:])}
    intercepts = {g: round(float(v), 6) for g, v in zip(groups, beta[:k])}
    info = dict(about or {})
    info["intercepts"] = {g if g != "(calibration)" else "+".join(sorted(calibrate)): v for g, v in intercepts.items()}
    return Model(intercepts["(calibration)"], weights, info)


def refit_intercept(model: Model, examples: Sequence[Example], shares: Mapping[str, float] | None = None) -> Model:
    """The same weights with the intercept that best fits ``examples`` (calibration on in-domain data)."""
    if not examples:
        return model
    logits = np.array([model.logit(ex.features) - model.intercept for ex in examples])
    y = np.array([float(ex.label) for ex in examples])
    w = group_weights(examples, shares)
    b = model.intercept
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(logits + b)))
        g = float(np.sum(w * (p - y)))
        h = float(np.sum(w * p * (1 - p))) + 1e-9
        b -= g / h
        if abs(g / h) < 1e-9:
            break
    return Model(round(b, 6), dict(model.weights), dict(model.about))


# -- measuring -----------------------------------------------------------------------

def auc(scores: Sequence[float], labels: Sequence[int]) -> float:
    """ROC-AUC: the chance a divergent example outscores a faithful one (ties count half)."""
    pos = sorted(s for s, y in zip(scores, labels) if y)
    neg = sorted(s for s, y in zip(scores, labels) if not y)
    if not pos or not neg:
        return float("nan")
    order = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(order):
        j = i
        while j < len(order) and order[j][0] == order[i][0]:
            j += 1
        mid = (i + j + 1) / 2.0  # 1-based mean rank of the tie block
        rank_sum += mid * sum(1 for k in range(i, j) if order[k][1])
        i = j
    return (rank_sum - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg))


def evaluate(model: Model, examples: Iterable[Example], threshold: float = 0.5) -> dict[str, dict[str, float]]:
    """Per group: examples, AUC, share of faithful and of divergent examples at or above ``threshold``,
    and the mean log-loss."""
    by: dict[str, list[Example]] = defaultdict(list)
    for ex in examples:
        by[ex.group].append(ex)
    out: dict[str, dict[str, float]] = {}
    for group, exs in sorted(by.items()):
        scores = [model.probability(ex.features) for ex in exs]
        labels = [ex.label for ex in exs]
        pos = [s for s, y in zip(scores, labels) if y]
        neg = [s for s, y in zip(scores, labels) if not y]
        ll = -sum(math.log(max(s if y else 1 - s, 1e-12)) for s, y in zip(scores, labels)) / len(exs)
        out[group] = {"n": len(exs), "divergent": len(pos), "auc": auc(scores, labels),
                      "faithful_flagged": sum(s >= threshold for s in neg) / len(neg) if neg else float("nan"),
                      "divergent_flagged": sum(s >= threshold for s in pos) / len(pos) if pos else float("nan"),
                      "log_loss": ll}
    return out


# -- examples from reviewed alignments --------------------------------------------------------

#: Severities of a "divergent" decision that count as divergent for fitting (minor is left out).
DIVERGENT_SEVERITIES = ("major", "critical")


def review_labels(alignment: Alignment, review: Mapping[str, Any] | None) -> list[int | None]:
    """Per bead: 0 (accepted), 1 (divergent, major or critical), None (pending, minor, rejected)."""
    out: list[int | None] = []
    for b in alignment.beads:
        st = bead_state(review or {}, b.ids())
        if st.status == "accepted":
            out.append(0)
        elif st.status == "divergent" and st.severity in DIVERGENT_SEVERITIES:
            out.append(1)
        else:
            out.append(None)
    return out


def examples_from_alignment(alignment: Alignment, labels: Sequence[int | None], group: str, *,
                            terms: TermList | None = None, encoder: Any = None) -> list[Example]:
    """Examples of the labelled beads of an alignment (beads with an empty side are left out:
    they always score 1)."""
    found = bead_findings(alignment, terms=terms, encoder=encoder)
    return [Example(features_of(f), int(y), group) for f, y in zip(found, labels) if f is not None and y is not None]


def examples_from_review(path: str | Path, *, terms: TermList | None = None, encoder: Any = None) -> list[Example]:
    """Examples of one reviewed store file (``alignments/<doc>/<src>__<tgt>.json``), grouped by language pair."""
    stored = store.load(path)
    a = stored.alignment
    group = f"review:{a.src_lang}-{a.tgt_lang}"
    return examples_from_alignment(a, review_labels(a, stored.review), group, terms=terms, encoder=encoder)
