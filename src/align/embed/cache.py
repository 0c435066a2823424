"""On-disk embedding cache: a re-run on unchanged text embeds nothing.

Vectors are kept in one SQLite file (stdlib, safe with concurrent readers,
atomic commits) keyed by the encoder's identity and the SHA-256 of the text.
A cache file that SQLite reports as corrupt is moved aside and rebuilt; a row
whose vector has the wrong size or is not finite is ignored and recomputed.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from ..errors import CacheError
from .base import Encoder, normalize


def default_cache_dir() -> Path:
    """``$ALIGN_CACHE_DIR``, else ``$XDG_CACHE_HOME/align-workbench``, else ``~/.cache/align-workbench``."""
    env = os.environ.get("ALIGN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "align-workbench"


FILE_NAME = "embeddings.sqlite3"


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """A SQLite table of (model identity, text hash) → float32 vector."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = Path(path) if path is not None else None
        self._conn: sqlite3.Connection | None = None

    @property
    def path(self) -> Path:
        """The SQLite file; without an explicit path, the default folder of the process using it
        (so a copy sent to a Dask worker on another machine resolves it there)."""
        return self._path if self._path is not None else default_cache_dir() / FILE_NAME

    def _connect(self) -> sqlite3.Connection:
        if self._conn is not None:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create the embedding cache folder {self.path.parent}: {exc}") from exc
        for attempt in range(2):
            conn = None
            try:
                conn = sqlite3.connect(self.path, timeout=30)
                ok = conn.execute("PRAGMA quick_check").fetchone()[0]
                if ok != "ok":
                    raise sqlite3.DatabaseError(ok)
                conn.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
                             "dim INTEGER NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (model, key))")
                conn.commit()
                self._conn = conn
                return conn
            except sqlite3.OperationalError as exc:  # locked by other processes for 30 s, no permission...
                if conn is not None:
                    conn.close()
                raise CacheError(f"the embedding cache {self.path} cannot be opened: {exc}") from exc
            except sqlite3.DatabaseError as exc:  # not a database, malformed: move it aside
                if attempt:
                    raise CacheError(f"the embedding cache {self.path} cannot be used: {exc}") from exc
                aside = self.path.with_name(f"{self.path.name}.corrupt-{int(time.time())}")
                warnings.warn(f"embedding cache {self.path} is corrupt ({exc}); moved it to {aside.name} "
                              "and starting a new one", RuntimeWarning, stacklevel=3)
                if conn is not None:
                    conn.close()
                os.replace(self.path, aside)
        raise AssertionError("unreachable")

    def get_many(self, model: str, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Vectors found for ``texts`` (by position); bad rows are skipped."""
        conn = self._connect()
        found: dict[int, np.ndarray] = {}
        keys = [_key(t) for t in texts]
        by_key: dict[bytes, list[int]] = {}
        for i, k in enumerate(keys):
            by_key.setdefault(k, []).append(i)
        uniq = list(by_key)
        for start in range(0, len(uniq), 500):
            chunk = uniq[start:start + 500]
            rows = conn.execute(
                f"SELECT key, dim, vec FROM vectors WHERE model = ? AND key IN ({','.join('?' * len(chunk))})",
                [model, *chunk]).fetchall()
            for key, dim, blob in rows:
                if dim <= 0 or len(blob) != dim * 4:
                    continue
                vec = np.frombuffer(blob, dtype=np.float32)
                if not np.all(np.isfinite(vec)) or abs(float(vec @ vec) - 1.0) > 1e-3:
                    continue
                for i in by_key[bytes(key)]:
                    found[i] = vec
        return found

    def put_many(self, model: str, texts: Sequence[str], vecs: np.ndarray) -> None:
        conn = self._connect()
        rows = [(model, _key(t), int(v.shape[0]), np.ascontiguousarray(v, dtype=np.float32).tobytes())
                for t, v in zip(texts, vecs)]
        try:
            with conn:
                conn.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows)
        except sqlite3.OperationalError as exc:  # e.g. locked for 30 s by other workers: the cache is only a cache
            warnings.warn(f"embedding cache {self.path}: could not store {len(rows)} vector(s) ({exc}); "
                          "they will be embedded again next time", RuntimeWarning, stacklevel=3)

    def __getstate__(self) -> dict:
        # A connection cannot travel to another process; the copy reconnects on first use.
        return {"_path": self._path, "_conn": None}

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class CachedEncoder(Encoder):
    """Wraps an encoder with the on-disk cache; ``calls`` counts texts the model really embedded."""

    def __init__(self, inner: Encoder, cache_dir: Path | str | None = None) -> None:
        super().__init__()
        self.inner = inner
        self.identity = inner.identity
        self.cache = EmbeddingCache(Path(cache_dir) / FILE_NAME if cache_dir else None)

    @property
    def calls(self) -> int:
        return self.inner.calls

    @calls.setter
    def calls(self, value: int) -> None:
        pass

    def _known_dim(self) -> int:
        return self.inner._known_dim()

    def encode(self, texts: Sequence[str], *, progress: bool = False) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return self.inner.encode([])
        found = self.cache.get_many(self.identity, texts)
        missing = sorted({t for i, t in enumerate(texts) if i not in found})
        fresh: dict[str, np.ndarray] = {}
        if missing:
            vecs = self.inner.encode(missing, progress=progress)
            self.cache.put_many(self.identity, missing, vecs)
            fresh = dict(zip(missing, vecs))
        out = [found[i] if i in found else fresh[t] for i, t in enumerate(texts)]
        return normalize(np.stack(out))
