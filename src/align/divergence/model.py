"""The learned combination: how strongly each component's evidence speaks for "divergent".

A bead's components give *features* (numbers: each component's value, and the
meaning component's calibrated distance ``z``).  A logistic model turns them
into one probability::

    score = 1 / (1 + exp(−(intercept + Σ weight[f] × feature[f])))

Weights are fitted on beads people labelled (:mod:`.fitting`), never set by
hand, and no weight is negative: each component can only add evidence.  The
score therefore reads as "how likely a reviewer would call this bead
divergent", and 0.5 — the review threshold — means "probably".

The fitted numbers are data, shipped beside this module as ``weights.json``
(with what they were fitted on and how well they did on data held out).  A
file of one's own (``align scoring fit``) is loaded with :meth:`Model.load`;
its digest goes into the scorer's stamp (:func:`.combine.scoring_stamp`), so
``align run`` re-scores what an earlier model scored.
"""
from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..store import atomic_write_text

#: The shipped weights (package data).
WEIGHTS_FILE = Path(__file__).with_name("weights.json")
#: The version of the weights file's layout.
FORMAT = 1
#: Where ``align run`` looks for a collection's own weights, relative to the texts folder.
COLLECTION_FILE = "divergence-weights.json"


@dataclass(frozen=True)
class Model:
    """A fitted logistic combination of features (see the module docstring).

    ``weights`` maps a feature name to its weight (≥ 0); ``about`` holds what
    the model was fitted on and how it did on held-out data (free-form);
    ``source`` is the file it was read from.
    """

    intercept: float
    weights: Mapping[str, float]
    about: Mapping[str, Any] = field(default_factory=dict, compare=False)
    source: str = field(default="", compare=False)  # the file it was read from, if any

    def logit(self, features: Mapping[str, float]) -> float:
        return self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())

    def probability(self, features: Mapping[str, float]) -> float:
        return sigmoid(self.logit(features))

    def contribution(self, feature: str, value: float) -> float:
        """What one feature adds to the log-odds."""
        return self.weights.get(feature, 0.0) * value

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "intercept": self.intercept, "weights": dict(self.weights),
                "about": dict(self.about)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], where: str = "weights") -> Model:
        """A model from its dict form; :class:`~align.errors.InputError` naming ``where`` when malformed."""
        if not isinstance(data, Mapping):
            raise InputError(f"{where}: expected a JSON object with 'intercept' and 'weights'")
        if data.get("format", FORMAT) != FORMAT:
            raise InputError(f"{where}: weights format {data.get('format')!r}; this workbench reads {FORMAT}")
        intercept, weights = data.get("intercept"), data.get("weights")
        if not isinstance(intercept, (int, float)) or not math.isfinite(intercept):
            raise InputError(f"{where}: 'intercept' must be a finite number")
        if not isinstance(weights, Mapping) or not weights:
            raise InputError(f"{where}: 'weights' must be an object of feature → number")
        clean = {}
        for k, v in weights.items():
            if not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
                raise InputError(f"{where}: weight of {k!r} must be a finite number ≥ 0, got {v!r}")
            clean[str(k)] = float(v)
        about = data.get("about") or {}
        return cls(float(intercept), clean, dict(about) if isinstance(about, Mapping) else {})

    @classmethod
    def load(cls, path: str | Path | None = None) -> Model:
        """The model in ``path`` (a weights JSON file), or the shipped one."""
        if path is None:
            return shipped()
        p = Path(path)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{p}: cannot read the weights: {exc.strerror or exc}") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{p}: not a weights file (JSON): {exc}") from None
        model = cls.from_dict(data, str(p))
        return cls(model.intercept, model.weights, model.about, str(p))

    @classmethod
    def for_collection(cls, texts: str | Path) -> Model | None:
        """``texts/divergence-weights.json`` when the collection has one (refitted on its reviews), else None."""
        path = Path(texts) / COLLECTION_FILE
        return cls.load(path) if path.is_file() else None

    def save(self, path: str | Path) -> None:
        atomic_write_text(Path(path), json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n")

    def digest(self) -> str:
        """A short hash of the intercept and weights (not of ``about``)."""
        body = json.dumps([round(self.intercept, 9), sorted((k, round(v, 9)) for k, v in self.weights.items())])
        return hashlib.sha256(body.encode()).hexdigest()[:10]


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


@lru_cache(maxsize=1)
def shipped() -> Model:
    """The weights shipped with the workbench (``weights.json`` beside this module)."""
    return Model.from_dict(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")), str(WEIGHTS_FILE))
