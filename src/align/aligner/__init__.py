"""Sentence alignment from embeddings: settings, the aligner, and evaluation against gold beads.

Importing this package is cheap: the aligner's numba kernels load when
:func:`align_texts_with_encoder` or :func:`align_vectors` is first looked up;
:class:`AlignerSettings` (``aligner.settings``) and ``--set`` parsing
(``aligner.overrides``) need no kernel.
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "AlignerSettings": "settings", "BEAD_TYPES": "settings",
    "AlignStats": "core", "RawBead": "core", "align_vectors": "core", "align_texts_with_encoder": "core",
}

__all__ = ["AlignerSettings", "AlignStats", "RawBead", "BEAD_TYPES", "align_vectors", "align_texts_with_encoder"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'align.aligner' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
