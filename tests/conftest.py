"""Shared fixtures: paths, a deterministic test encoder, the real bundled model (slow)."""
from __future__ import annotations

import os
import signal
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
    """Every test uses a private embedding cache, never the user's, and no system dictionary: the
    lexical component is off unless a test gives it one (tests/test_divergence_lexical.py)."""
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "embedding-cache"))
    monkeypatch.setenv("ALIGN_DICTIONARY", "")


@pytest.fixture()
def shipped_scoring(root, monkeypatch):
    """The dictionary state the shipped alignments were scored in: their English–Russian stores carry
    the dictionary's identity in their scoring stamp when they were scored with it; that dictionary
    is switched on (it is off in every other test), or the test is skipped when it is not installed."""
    import json
    import re

    from align.divergence import dictionary
    stamps = {json.loads(p.read_text(encoding="utf-8"))["signature"]["settings"].get("scoring", "")
              for p in (root / "alignments").rglob("*__ru*.json")}
    wanted = {m.group(1) for s in stamps for m in re.finditer(r"\+lexical\d*:([^+]+)", s)}
    if wanted:
        if dictionary.identity(dictionary.SYSTEM_INDEX) not in wanted:
            pytest.skip(f"the shipped alignments were scored with the dictionary {', '.join(sorted(wanted))}, "
                        "which is not installed here (apt-get install mueller7-dict)")
        monkeypatch.setenv("ALIGN_DICTIONARY", str(dictionary.SYSTEM_INDEX))


@pytest.fixture()
def hashing_encoder():
    from align.embed.hashing import HashingEncoder
    return HashingEncoder()


@pytest.fixture(scope="session")
def e5_encoder():
    """The real bundled model, built once per session (use in tests marked slow)."""
    from align.embed import get_encoder
    return get_encoder()


@pytest.fixture()
def sigint_raises():
    """SIGINT raises KeyboardInterrupt here, even when the suite was started with it ignored (a shell
    starts a background job, ``pytest … &``, with SIGINT ignored, and its children inherit that)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)
