"""Sentence encoders behind one small interface, and the on-disk embedding cache.

Nothing here loads a model at import time: :func:`get_encoder` builds one when
asked, and the encoders load their weights on first use.
"""
from __future__ import annotations

from .base import Encoder, TextEncoder
from .cache import CachedEncoder
from .registry import DEFAULT_MODEL, get_encoder

__all__ = ["Encoder", "TextEncoder", "get_encoder", "DEFAULT_MODEL", "CachedEncoder"]
