"""On-disk embedding cache: a re-run on unchanged text embeds nothing.

Vectors are kept in one SQLite file (stdlib, safe with concurrent readers,
atomic commits) keyed by the encoder's identity and the SHA-256 of the text.

The file's layout (``PRAGMA user_version`` :data:`SCHEMA_VERSION`)::

    vectors   (model TEXT, key BLOB, dim INTEGER, vec BLOB)   -- float32 vector, the layout of version 0
    checksums (model TEXT, key BLOB, sum BLOB)                -- BLAKE2b of model, key, dim and vector

A file of the earlier layout (no ``checksums`` table) is migrated in place when
it is opened: the table is added and filled for every row, nothing is removed,
and the ``vectors`` table stays exactly as it was, so an older workbench still
reads the file and writes to it.  Nothing it cannot use is trusted:

- a file SQLite reports as corrupt, or whose ``vectors`` table lacks a column
  (another program's file, a wrong schema), is moved aside (with its journal)
  as ``embeddings.sqlite3.corrupt-<time>`` / ``.badschema-<time>`` with a
  warning, and a new one is started — never a failure of every pair;
- a file written by a newer workbench (a higher ``user_version``) is left alone,
  with a warning: this process embeds without a cache;
- a row whose vector has the wrong size or type, is not finite, is not of unit
  length, or does not match its checksum is ignored (with a warning) and its
  text embedded again; a row an older workbench wrote after the migration has
  no checksum yet: it is checked as above and sealed with one.

Checks that change the file (migration, moving aside) run under a lock file
(``embeddings.sqlite3.lock``), so that the workers of a run opening the cache
at once do them once.
"""
from __future__ import annotations

import copy
import hashlib
import os
import sqlite3
import time
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import CacheError
from ..progress import Progress
from .base import Encoder, normalize


def default_cache_dir() -> Path:
    """``$ALIGN_CACHE_DIR``, else ``$XDG_CACHE_HOME/align-workbench``, else ``~/.cache/align-workbench``."""
    env = os.environ.get("ALIGN_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "align-workbench"


FILE_NAME = "embeddings.sqlite3"
#: Layout of the cache file: 0 = ``vectors`` alone (before checksums), 2 = with ``checksums``.
SCHEMA_VERSION = 2
#: Columns the ``vectors`` table must have.
VECTOR_COLUMNS = ("model", "key", "dim", "vec")
_SIDECARS = ("-journal", "-wal", "-shm")


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def checksum(model: str, key: bytes, dim: int, vec: bytes) -> bytes:
    """The 16-byte BLAKE2b of a row: a vector damaged or replaced in the file no longer matches it."""
    h = hashlib.blake2b(digest_size=16, person=b"align-vectors")
    h.update(model.encode("utf-8") + b"\0" + key + int(dim).to_bytes(4, "little", signed=True))
    h.update(vec)
    return h.digest()


def _row_ok(dim: object, blob: object) -> np.ndarray | None:
    """The row's vector if its shape and values are those of a unit float32 vector, else None."""
    if not isinstance(dim, int) or isinstance(dim, bool) or dim <= 0:
        return None
    if not isinstance(blob, bytes) or len(blob) != dim * 4:
        return None
    vec = np.frombuffer(blob, dtype=np.float32)
    if not np.all(np.isfinite(vec)) or abs(float(vec @ vec) - 1.0) > 1e-3:
        return None
    return vec


class EmbeddingCache:
    """A SQLite table of (model identity, text hash) → float32 vector, each row with a checksum."""

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = Path(path) if path is not None else None
        self._conn: sqlite3.Connection | None = None
        self._disabled = False

    @property
    def path(self) -> Path:
        """The SQLite file; without an explicit path, the default folder of the process using it
        (so a copy sent to a Dask worker on another machine resolves it there)."""
        return self._path if self._path is not None else default_cache_dir() / FILE_NAME

    # -- opening ------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection | None:
        if self._conn is not None or self._disabled:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CacheError(f"cannot create the embedding cache folder {self.path.parent}: {exc}") from exc
        with self._file_lock():
            for attempt in range(2):
                conn = None
                try:
                    conn = sqlite3.connect(self.path, timeout=30)
                    ok = conn.execute("PRAGMA quick_check").fetchone()[0]
                    if ok != "ok":
                        raise sqlite3.DatabaseError(ok)
                    problem = self._prepare(conn)
                except sqlite3.OperationalError as exc:  # locked by other processes for 30 s, no permission...
                    if conn is not None:
                        conn.close()
                    raise CacheError(f"the embedding cache {self.path} cannot be opened: {exc}") from exc
                except sqlite3.DatabaseError as exc:  # not a database, malformed
                    problem = ("corrupt", str(exc))
                if problem is None:
                    self._conn = conn
                    return conn
                if conn is not None:
                    conn.close()
                reason, detail = problem
                if reason == "newer":
                    warnings.warn(f"embedding cache {self.path} was written by a newer workbench ({detail}); "
                                  "it is left as it is and this run embeds without a cache", RuntimeWarning,
                                  stacklevel=4)
                    self._disabled = True
                    return None
                if attempt:
                    raise CacheError(f"the embedding cache {self.path} cannot be used: {detail}")
                aside = self._move_aside(reason)
                what = "is corrupt" if reason == "corrupt" else "does not have the layout of an embedding cache"
                warnings.warn(f"embedding cache {self.path} {what} ({detail}); moved it to {aside.name} "
                              "and starting a new one", RuntimeWarning, stacklevel=4)
        raise AssertionError("unreachable")

    def _prepare(self, conn: sqlite3.Connection) -> tuple[str, str] | None:
        """Create or migrate the tables; returns (reason, detail) when the file cannot be used as it is."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            return "newer", f"cache layout {version}; this one knows up to {SCHEMA_VERSION}"
        columns = {row[1] for row in conn.execute("PRAGMA table_info(vectors)")}
        if columns and not set(VECTOR_COLUMNS) <= columns:
            return "badschema", f"its table 'vectors' has columns {', '.join(sorted(columns))}"
        sums = {row[1] for row in conn.execute("PRAGMA table_info(checksums)")}
        with conn:
            conn.execute("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
                         "dim INTEGER NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (model, key))")
            if sums and sums != {"model", "key", "sum"}:  # derived data: rebuilt, no vector is lost
                conn.execute("DROP TABLE checksums")
                sums = set()
            if not sums:
                conn.execute("CREATE TABLE checksums (model TEXT NOT NULL, key BLOB NOT NULL, sum BLOB NOT NULL, "
                             "PRIMARY KEY (model, key))")
                rows = conn.execute("SELECT model, key, dim, vec FROM vectors").fetchall()
                conn.executemany("INSERT OR REPLACE INTO checksums VALUES (?, ?, ?)",
                                 [(m, k, checksum(m, k, d, v)) for m, k, d, v in rows
                                  if isinstance(m, str) and isinstance(k, bytes) and _row_ok(d, v) is not None])
            if version != SCHEMA_VERSION:
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return None

    def _move_aside(self, reason: str) -> Path:
        stamp = int(time.time())
        aside = self.path.with_name(f"{self.path.name}.{reason}-{stamp}")
        n = 1
        while aside.exists():
            aside = self.path.with_name(f"{self.path.name}.{reason}-{stamp}-{n}")
            n += 1
        os.replace(self.path, aside)
        for suffix in _SIDECARS:  # a journal left beside the new file would be replayed into it
            side = self.path.with_name(self.path.name + suffix)
            if side.exists():
                os.replace(side, aside.with_name(aside.name + suffix))
        return aside

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        try:
            fd = os.open(self.path.with_name(self.path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o666)
        except OSError:  # a read-only folder: nothing will be changed there anyway
            yield
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)

    # -- reading and writing ----------------------------------------------------------

    def get_many(self, model: str, texts: Sequence[str]) -> dict[int, np.ndarray]:
        """Vectors found for ``texts`` (by position); rows that fail a check are skipped (and warned of)."""
        conn = self._connect()
        found: dict[int, np.ndarray] = {}
        if conn is None:
            return found
        keys = [_key(t) for t in texts]
        by_key: dict[bytes, list[int]] = {}
        for i, k in enumerate(keys):
            by_key.setdefault(k, []).append(i)
        uniq = list(by_key)
        bad, unsealed = 0, []
        for start in range(0, len(uniq), 500):
            chunk = uniq[start:start + 500]
            rows = conn.execute(
                "SELECT v.key, v.dim, v.vec, c.sum FROM vectors AS v LEFT JOIN checksums AS c "
                "ON c.model = v.model AND c.key = v.key "
                f"WHERE v.model = ? AND v.key IN ({','.join('?' * len(chunk))})", [model, *chunk]).fetchall()
            for key, dim, blob, sum_ in rows:
                if not isinstance(key, bytes) or bytes(key) not in by_key:
                    continue
                vec = _row_ok(dim, blob)
                if vec is None or (sum_ is not None and sum_ != checksum(model, key, dim, blob)):
                    bad += 1
                    continue
                if sum_ is None:  # written by an older workbench since the migration: seal it now
                    unsealed.append((model, key, checksum(model, key, dim, blob)))
                for i in by_key[bytes(key)]:
                    found[i] = vec
        if unsealed:
            self._write("INSERT OR REPLACE INTO checksums VALUES (?, ?, ?)", unsealed)
        if bad:
            warnings.warn(f"embedding cache {self.path}: {bad} stored vector(s) failed their check (damaged or "
                          "replaced); their texts are embedded again", RuntimeWarning, stacklevel=3)
        return found

    def put_many(self, model: str, texts: Sequence[str], vecs: np.ndarray) -> None:
        if self._connect() is None:
            return
        rows, sums = [], []
        for t, v in zip(texts, vecs):
            key, blob = _key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes()
            rows.append((model, key, int(v.shape[0]), blob))
            sums.append((model, key, checksum(model, key, int(v.shape[0]), blob)))
        self._write("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)", rows,
                    "INSERT OR REPLACE INTO checksums VALUES (?, ?, ?)", sums)

    def _write(self, *statements: Any) -> None:
        conn = self._conn
        assert conn is not None
        try:
            with conn:
                for sql, rows in zip(statements[::2], statements[1::2]):
                    conn.executemany(sql, rows)
        except sqlite3.OperationalError as exc:  # e.g. locked for 30 s by other workers: the cache is only a cache
            warnings.warn(f"embedding cache {self.path}: could not store {len(statements[1])} row(s) ({exc}); "
                          "they will be embedded again next time", RuntimeWarning, stacklevel=4)

    def __getstate__(self) -> dict:
        # A connection cannot travel to another process; the copy reconnects on first use.
        return {"_path": self._path, "_conn": None, "_disabled": False}

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

    @property
    def threads(self) -> int:
        return self.inner.threads

    @threads.setter
    def threads(self, value: int) -> None:
        self.inner.threads = value

    def engine_threads(self) -> int:
        return self.inner.engine_threads()

    def with_threads(self, n: int) -> CachedEncoder:
        """A copy whose model uses ``n`` threads (0: every core), with the same cache file."""
        other = copy.copy(self)
        other.inner = self.inner.with_threads(n)
        other.cache = EmbeddingCache(self.cache._path)
        return other

    def _known_dim(self) -> int:
        return self.inner._known_dim()

    def encode(self, texts: Sequence[str], *, progress: bool | Progress = False) -> np.ndarray:
        """The cached vectors of ``texts``, the others embedded (once per distinct text) and stored.
        The texts found are taken off ``progress``'s count: it counts the texts really embedded."""
        texts = list(texts)
        if not texts:
            return self.inner.encode([])
        found = self.cache.get_many(self.identity, texts)
        missing = sorted({t for i, t in enumerate(texts) if i not in found})
        if isinstance(progress, Progress):
            progress.discount(len(texts) - len(missing))
        fresh: dict[str, np.ndarray] = {}
        if missing:
            vecs = self.inner.encode(missing, progress=progress)
            self.cache.put_many(self.identity, missing, vecs)
            fresh = dict(zip(missing, vecs))
        out = [found[i] if i in found else fresh[t] for i, t in enumerate(texts)]
        return normalize(np.stack(out))
