"""The embedding cache survives what it finds on disk (issue 14, item 6): a wrong schema is moved aside,
not a failure of every pair; a replaced vector fails its checksum; a cache of the earlier layout is
migrated in place without losing a row, and stays readable and writable by the earlier code."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from align.aligner import AlignerSettings
from align.batch import run
from align.embed.cache import SCHEMA_VERSION, CachedEncoder, checksum
from align.embed.hashing import HashingEncoder
from test_batch import collection

TEXTS = ["The treaty was signed.", "Договор подписан.", "Պայմանագիրը ստորագրվեց։", "The army moved north."]

#: The statements of the cache's earlier layout (schema 0), exactly as that code ran them.
V0_CREATE = ("CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, key BLOB NOT NULL, "
             "dim INTEGER NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (model, key))")
V0_SELECT = "SELECT key, dim, vec FROM vectors WHERE model = ? AND key IN ({})"
V0_INSERT = "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)"


def _key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


def _db(folder: Path) -> sqlite3.Connection:
    return sqlite3.connect(folder / "embeddings.sqlite3")


def _v0_cache(folder: Path, enc: HashingEncoder, texts: list[str]) -> dict[bytes, bytes]:
    """A cache file as the earlier code wrote it; returns its rows (key -> vector bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    vecs = enc.encode(texts)
    rows = {_key(t): np.ascontiguousarray(v, dtype=np.float32).tobytes() for t, v in zip(texts, vecs)}
    with _db(folder) as db:
        db.execute(V0_CREATE)
        db.executemany(V0_INSERT, [(enc.identity, k, len(v) // 4, v) for k, v in rows.items()])
    db.close()
    return rows


def test_a_cache_of_the_earlier_layout_is_migrated_in_place_without_losing_a_row(tmp_path):
    folder = tmp_path / "cache"
    inner = HashingEncoder()
    texts = [f"sentence {i} of the old cache" for i in range(300)]
    rows = _v0_cache(folder, inner, texts)
    schema_before = _db(folder).execute("SELECT sql FROM sqlite_master WHERE name = 'vectors'").fetchone()
    enc = CachedEncoder(HashingEncoder(), folder)
    enc.encode(texts)
    assert enc.calls == 0  # every old row was found, and trusted
    enc.cache.close()
    db = _db(folder)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("SELECT sql FROM sqlite_master WHERE name = 'vectors'").fetchone() == schema_before
    assert dict(db.execute("SELECT key, vec FROM vectors")) == rows
    sums = dict(db.execute("SELECT key, sum FROM checksums"))
    assert sums == {k: checksum(inner.identity, k, len(v) // 4, v) for k, v in rows.items()}
    db.close()


def test_the_earlier_code_still_reads_and_writes_a_migrated_cache(tmp_path):
    folder = tmp_path / "cache"
    inner = HashingEncoder()
    rows = _v0_cache(folder, inner, TEXTS)
    CachedEncoder(HashingEncoder(), folder).encode(TEXTS)  # migrates
    db = _db(folder)
    db.execute(V0_CREATE)
    got = db.execute(V0_SELECT.format(",".join("?" * len(rows))), [inner.identity, *rows]).fetchall()
    assert {bytes(k): bytes(v) for k, _, v in got} == rows
    new = inner.encode(["written by the earlier code"])[0].astype(np.float32)
    with db:
        db.execute(V0_INSERT, (inner.identity, _key("written by the earlier code"), 256, new.tobytes()))
    db.close()
    enc = CachedEncoder(HashingEncoder(), folder)
    enc.encode(["written by the earlier code"])
    assert enc.calls == 0  # an unsealed row passes the checks and is sealed
    enc.cache.close()
    assert _db(folder).execute("SELECT COUNT(*) FROM checksums WHERE key = ?",
                               (_key("written by the earlier code"),)).fetchone()[0] == 1


def test_a_random_unit_vector_in_place_of_a_stored_one_fails_its_checksum(tmp_path):
    folder = tmp_path / "cache"
    enc = CachedEncoder(HashingEncoder(), folder)
    good = enc.encode(TEXTS)
    enc.cache.close()
    forged = np.random.default_rng(14).normal(size=256).astype(np.float32)
    forged /= np.linalg.norm(forged)
    with _db(folder) as db:
        db.execute("UPDATE vectors SET vec = ? WHERE key = ?", (forged.tobytes(), _key(TEXTS[1])))
    enc2 = CachedEncoder(HashingEncoder(), folder)
    with pytest.warns(RuntimeWarning, match="failed their check"):
        again = enc2.encode(TEXTS)
    assert enc2.calls == 1
    np.testing.assert_allclose(again, good, atol=1e-6)


@pytest.mark.parametrize("schema,row", [
    ("CREATE TABLE vectors (model TEXT, key BLOB, embedding BLOB)", ("m", b"k", b"v")),
    ("CREATE TABLE vectors (id INTEGER PRIMARY KEY, text TEXT)", (1, "a sentence")),
])
def test_a_cache_with_a_wrong_schema_is_moved_aside_and_every_pair_still_aligns(tmp_path, schema, row):
    folder = tmp_path / "cache"
    folder.mkdir()
    with _db(folder) as db:
        db.execute(schema)
        db.execute("INSERT INTO vectors VALUES (" + ", ".join("?" * len(row)) + ")", row)
    db.close()
    before = (folder / "embeddings.sqlite3").read_bytes()
    texts = collection(tmp_path, 2)
    # a worker's warnings reach the caller as UserWarnings (align.workers.compute_pair)
    with pytest.warns(UserWarning, match="does not have the layout of an embedding cache"):
        r = run(texts, tmp_path / "al", encoder=CachedEncoder(HashingEncoder(), folder), report=None,
                settings=AlignerSettings(nulls=False))
    assert r.ok and {p.status for p in r.pairs} == {"aligned"}
    aside = list(folder.glob("embeddings.sqlite3.badschema-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == before
    enc = CachedEncoder(HashingEncoder(), folder)
    enc.encode(TEXTS)
    enc.encode(TEXTS)
    assert enc.calls == len(TEXTS)  # the new file works


def test_rows_of_the_wrong_types_are_ignored_not_a_crash(tmp_path):
    folder = tmp_path / "cache"
    enc = CachedEncoder(HashingEncoder(), folder)
    good = enc.encode(TEXTS)
    enc.cache.close()
    with _db(folder) as db:
        db.execute("UPDATE vectors SET dim = 'many' WHERE key = ?", (_key(TEXTS[0]),))
        db.execute("UPDATE vectors SET vec = 'a text, not bytes' WHERE key = ?", (_key(TEXTS[1]),))
        db.execute("UPDATE vectors SET dim = 256.5 WHERE key = ?", (_key(TEXTS[2]),))
    enc2 = CachedEncoder(HashingEncoder(), folder)
    with pytest.warns(RuntimeWarning, match="3 stored vector"):
        again = enc2.encode(TEXTS)
    assert enc2.calls == 3
    np.testing.assert_allclose(again, good, atol=1e-6)


def test_a_cache_from_a_newer_workbench_is_left_alone_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "cache"
    CachedEncoder(HashingEncoder(), folder).encode(TEXTS)
    with _db(folder) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = (folder / "embeddings.sqlite3").read_bytes()
    enc = CachedEncoder(HashingEncoder(), folder)
    with pytest.warns(RuntimeWarning, match="newer workbench"):
        enc.encode(TEXTS)
    enc.encode(TEXTS)
    assert enc.calls == 2 * len(TEXTS)
    assert (folder / "embeddings.sqlite3").read_bytes() == before


def test_two_processes_opening_an_old_cache_at_once_both_work(tmp_path):
    folder = tmp_path / "cache"
    texts = [f"shared sentence {i}" for i in range(2000)]
    _v0_cache(folder, HashingEncoder(), texts)
    script = ("import sys; from align.embed.cache import CachedEncoder; from align.embed.hashing import "
              "HashingEncoder; e = CachedEncoder(HashingEncoder(), sys.argv[1]); "
              "e.encode([f'shared sentence {i}' for i in range(2000)]); print(e.calls)")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(folder)], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert [out.strip() for out, _ in results] == ["0", "0"] and all("Warning" not in err for _, err in results)
    assert _db(folder).execute("SELECT COUNT(*) FROM checksums").fetchone()[0] == 2000
