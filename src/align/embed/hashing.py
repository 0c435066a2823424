"""A deterministic, model-free encoder for tests and dry runs.

Character trigrams are hashed into a fixed number of dimensions, so texts that
share spelling get similar vectors.  A ``lexicon`` (word → pivot word) lets a
test make two languages meet, e.g. ``{"привет": "hello"}``.  It is not a
translation model: use it to test plumbing, not to judge alignments.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

import numpy as np

from .base import Encoder

_WORD = re.compile(r"\w+", re.UNICODE)


class HashingEncoder(Encoder):
    """Trigram-hashing encoder; ``identity`` includes the dimension and lexicon hash.  Its batches may run
    on several threads at once, as the bundled model's do (no faster: it is Python), so that the tests
    go through that path."""

    concurrent_calls = True

    def __init__(self, dim: int = 256, lexicon: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self._dim = dim
        self.lexicon = {k.lower(): v.lower() for k, v in (lexicon or {}).items()}
        lex = hashlib.sha256(repr(sorted(self.lexicon.items())).encode()).hexdigest()[:8]
        self.identity = f"hashing/{dim}/{lex}"

    def _known_dim(self) -> int:
        return self._dim

    def _vector(self, text: str) -> np.ndarray:
        v = np.zeros(self._dim, dtype=np.float32)
        for word in _WORD.findall(text.lower()):
            word = self.lexicon.get(word, word)
            padded = f"#{word}#"
            for i in range(max(1, len(padded) - 2)):
                h = int.from_bytes(hashlib.blake2b(padded[i:i + 3].encode(), digest_size=8).digest(), "little")
                v[h % self._dim] += 1.0 if (h >> 63) else -1.0
        if not v.any():
            v[0] = 1.0
        return v

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts])
