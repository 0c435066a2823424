"""What a divergence component returns: a value in [0, 1), reasons, and marks."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Mark

#: No single rule-based component reaches 1.0: only an empty side does, so two
#: pairs that trip the same rule are still ordered by their other evidence.
CAP = 0.95


@dataclass
class Finding:
    """One component's verdict on a pair.

    ``value`` is in [0, CAP]; ``reasons`` are short sentences; ``marks`` point
    at the words concerned in either side.  ``notes`` say what was checked and
    found fine (a name matched through the names list); they follow the reasons.
    ``features`` are the numbers the learned combination reads (see
    :mod:`.model`); by default the value alone, under the component's name.
    """

    component: str
    value: float
    reasons: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    features: dict[str, float] | None = None
    written: bool = False  # marks already on the texts as written (not on their normalised readings)
    #: The least score this finding alone gives its bead, whatever the weights: for evidence too rare in
    #: the labelled data to fit a weight on, that a reviewer must see (a sentence the aligner found
    #: without counterpart, a name replaced by another, a negation flipped, a word of the source left untranslated).
    floor: float = 0.0
    #: Which rule set the floor, where a component has several ("full name dropped"): for the benchmarks.
    floor_rule: str = ""

    def feature_values(self) -> dict[str, float]:
        return dict(self.features) if self.features is not None else {self.component: self.value}


def evidence(count: float, first: float) -> float:
    """Value for ``count`` independent hits, each worth ``first`` alone:
    ``1 - (1 - first) ** count``, capped at :data:`CAP` (0 for no hits)."""
    if count <= 0:
        return 0.0
    if count == 1:
        return min(first, CAP)  # exactly ``first``, without rounding error
    return min(1.0 - (1.0 - first) ** count, CAP)


def quote(text: str, limit: int = 40) -> str:
    """``text`` in double quotes, shortened to ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit - 1] + "…"
    return f"“{text}”"
