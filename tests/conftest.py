"""Shared fixtures: paths, a deterministic test encoder, the real bundled model (slow)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "texts"
SHARED = ROOT.parent / "shared"
BENCH = SHARED / "bench"

#: Fixtures defined beside their helpers (``tmx14_dtd``), shared by every test module.
pytest_plugins = ["tmxtools"]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def texts_dir() -> Path:
    return TEXTS


@pytest.fixture(scope="session")
def bench_dir() -> Path:
    if not BENCH.is_dir():
        pytest.skip("../shared/bench is not present")
    return BENCH


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test uses a private embedding cache, never the user's."""
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "embedding-cache"))


@pytest.fixture()
def hashing_encoder():
    from align.embed.hashing import HashingEncoder
    return HashingEncoder()


@pytest.fixture(scope="session")
def e5_encoder():
    """The real bundled model, built once per session (use in tests marked slow)."""
    from align.embed import get_encoder
    return get_encoder()
