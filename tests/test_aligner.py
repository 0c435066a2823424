"""The aligner on cases whose truth is obvious, its invariants, and scoring against gold beads.

The aligner's numeric defaults are still being tuned, so these tests use
clear synthetic cases (random unit vectors, identical or near-identical
sentences) where any sensible setting must find the exact beads.
"""
from __future__ import annotations

import numpy as np
import pytest

from align.aligner import AlignerSettings, AlignStats, align_texts_with_encoder, align_vectors
from align.embed.hashing import HashingEncoder
from align.errors import InputError
from align.evaluate import parse_beads, read_beads, score

DIM = 64


def unit(a: np.ndarray) -> np.ndarray:
    """Rows of ``a`` scaled to length 1, as float32."""
    a = np.asarray(a, dtype=np.float64)
    return (a / np.linalg.norm(a, axis=-1, keepdims=True)).astype(np.float32)


def random_unit(rng: np.random.Generator, n: int, dim: int = DIM) -> np.ndarray:
    """``(n, dim)`` random unit vectors: near-orthogonal to each other."""
    return unit(rng.standard_normal((n, dim)))


def noisy(rng: np.random.Generator, x: np.ndarray, sigma: float = 0.05) -> np.ndarray:
    return unit(x + sigma * rng.standard_normal(x.shape))


def ids(beads) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def run(x: np.ndarray, y: np.ndarray, settings: AlignerSettings = AlignerSettings(), lengths=None, **kw):
    lx = [60.0] * len(x) if lengths is None else lengths[0]
    ly = [60.0] * len(y) if lengths is None else lengths[1]
    beads = align_vectors(x, y, lx, ly, settings, **kw)
    check_cover(beads, len(x), len(y), settings)
    return ids(beads)


def check_cover(beads, n: int, m: int, settings: AlignerSettings = AlignerSettings()) -> None:
    """Every sentence is in exactly one bead, in order, and every bead has an allowed shape."""
    assert [i for b in beads for i in b.src] == list(range(n))
    assert [j for b in beads for j in b.tgt] == list(range(m))
    allowed = {tuple(t) for t in settings.types.tolist()}
    for b in beads:
        assert (len(b.src), len(b.tgt)) in allowed, (b.src, b.tgt)
        assert (b.similarity is None) == (not b.src or not b.tgt)
        if b.similarity is not None:
            assert -1.0001 <= b.similarity <= 1.0001


def one_to_one(n: int, offset_src: int = 0, offset_tgt: int = 0):
    return [((i + offset_src,), (i + offset_tgt,)) for i in range(n)]


# -- align_vectors: exact beads on clear cases ----------------------------------------------

@pytest.mark.parametrize("n", [1, 2, 3, 10, 40])
def test_one_to_one_is_recovered_exactly(n):
    rng = np.random.default_rng(n)
    x = random_unit(rng, n)
    assert run(x, noisy(rng, x)) == one_to_one(n)


def test_one_to_two_and_two_to_one_merges():
    rng = np.random.default_rng(1)
    x = random_unit(rng, 10)
    a, b = random_unit(rng, 2)
    src = x.copy()
    src[3] = unit(a + b)  # source sentence 3 is rendered as two target sentences
    tgt = np.vstack([noisy(rng, x[:3]), a[None], b[None], noisy(rng, x[4:])])
    expect = one_to_one(3) + [((3,), (3, 4))] + one_to_one(6, 4, 5)
    assert run(src, tgt) == expect
    assert run(tgt, src) == [(t, s) for s, t in expect]


def test_one_to_three_merge():
    rng = np.random.default_rng(2)
    x = random_unit(rng, 10)
    parts = random_unit(rng, 3)
    src = x.copy()
    src[5] = unit(parts.sum(axis=0))
    tgt = np.vstack([noisy(rng, x[:5]), parts, noisy(rng, x[6:])])
    expect = one_to_one(5) + [((5,), (5, 6, 7))] + one_to_one(4, 6, 8)
    assert run(src, tgt) == expect
    assert run(tgt, src) == [(t, s) for s, t in expect]


def test_merge_with_lengths_that_agree():
    rng = np.random.default_rng(3)
    x = random_unit(rng, 8)
    a, b = random_unit(rng, 2)
    src = x.copy()
    src[0] = unit(a + b)
    tgt = np.vstack([a[None], b[None], noisy(rng, x[1:])])
    lengths = ([120.0] + [60.0] * 7, [55.0, 65.0] + [60.0] * 7)
    assert run(src, tgt, lengths=lengths) == [((0,), (0, 1))] + one_to_one(7, 1, 2)


@pytest.mark.parametrize("where", [0, 5, 10])
def test_omission_and_addition_of_an_unrelated_sentence(where):
    rng = np.random.default_rng(4 + where)
    x = random_unit(rng, 10)
    extra = random_unit(rng, 1)
    longer = np.vstack([x[:where], extra, x[where:]])
    expect = one_to_one(where) + [((where,), ())] + one_to_one(10 - where, where + 1, where)
    assert run(longer, noisy(rng, x)) == expect  # 1-0: left out of the translation
    assert run(noisy(rng, x), longer) == [(t, s) for s, t in expect]  # 0-1: added by the translation


def test_several_omissions_and_additions():
    rng = np.random.default_rng(5)
    x = random_unit(rng, 20)
    src = np.vstack([x[:4], random_unit(rng, 1), x[4:12], x[12:]])
    tgt = np.vstack([noisy(rng, x[:12]), random_unit(rng, 1), noisy(rng, x[12:])])
    assert run(src, tgt) == (one_to_one(4) + [((4,), ())] + one_to_one(8, 5, 4) + [((), (12,))]
                             + one_to_one(8, 13, 13))


@pytest.mark.parametrize("n, m", [(0, 0), (0, 3), (4, 0)])
def test_an_empty_side_gives_only_omissions_or_additions(n, m):
    rng = np.random.default_rng(6)
    got = run(random_unit(rng, n) if n else np.zeros((0, DIM), np.float32),
              random_unit(rng, m) if m else np.zeros((0, DIM), np.float32))
    assert got == [((i,), ()) for i in range(n)] + [((), (j,)) for j in range(m)]


@pytest.mark.parametrize("n, m", [(100, 10), (10, 100), (2000, 200), (200, 2000), (1, 30), (30, 1)])
def test_one_side_ten_times_longer(n, m):
    rng = np.random.default_rng(n * 7 + m)
    stats = AlignStats()
    run(random_unit(rng, n), random_unit(rng, m), stats=stats)
    assert stats.band_cells > 0


def test_ten_times_longer_with_a_real_correspondence():
    """Each target sentence renders a run of four source sentences: ten 4-1 beads."""
    rng = np.random.default_rng(8)
    src = random_unit(rng, 40)
    tgt = unit(np.stack([src[i:i + 4].sum(axis=0) for i in range(0, 40, 4)]))
    settings = AlignerSettings(max_merge=4)
    assert run(src, tgt, settings) == [(tuple(range(4 * k, 4 * k + 4)), (k,)) for k in range(10)]


@pytest.mark.parametrize("closeness", [0.6, 0.75, 0.9])
def test_two_related_sentences_stay_two_beads(closeness):
    # a bead covering both whole texts has no neighbours for its margin; it is measured against the
    # texts' mean similarity instead of nothing, so it does not beat two clean 1-1 beads
    rng = np.random.default_rng(5)
    x = random_unit(rng, 2)
    x[1] = unit(closeness * x[0] + np.sqrt(1 - closeness ** 2) * random_unit(rng, 1)[0])
    assert run(x, noisy(rng, x, 0.1)) == one_to_one(2)


@pytest.mark.parametrize("pair", [0, 4, 8])
def test_identical_sides_with_similar_neighbours_stay_one_to_one(pair):
    # two adjacent sentences with a cosine of ~0.8: each 1-1 bead's margin counts the other as a
    # neighbour, while a 2-2 bead of both has only the unrelated ones; at a text's edge that made
    # the merge outscore the two exact 1-1 beads, so a merge must now beat its best split
    rng = np.random.default_rng(13)
    x = random_unit(rng, 10)
    x[pair + 1] = unit(0.8 * x[pair] + 0.6 * random_unit(rng, 1)[0])
    assert float(x[pair] @ x[pair + 1]) > 0.7
    assert run(x, x.copy()) == one_to_one(10)


def test_same_input_same_beads():
    rng = np.random.default_rng(9)
    x = random_unit(rng, 60)
    y = np.vstack([noisy(rng, x[:20], 0.3), random_unit(rng, 3), noisy(rng, x[25:], 0.3)])
    first = align_vectors(x, y, [50] * 60, [50] * len(y))
    second = align_vectors(x.copy(), y.copy(), [50] * 60, [50] * len(y))
    assert first == second


@pytest.mark.parametrize("seed", range(8))
def test_coverage_on_random_inputs(seed):
    rng = np.random.default_rng(100 + seed)
    n, m = (int(v) for v in rng.integers(1, 120, size=2))
    settings = [AlignerSettings(), AlignerSettings(max_merge=2), AlignerSettings(max_merge=1),
                AlignerSettings(full_limit=50, radius=2)][seed % 4]
    x = random_unit(rng, n, 16)
    y = random_unit(rng, m, 16)
    lengths = (rng.integers(1, 300, n).astype(float), rng.integers(1, 300, m).astype(float))
    paragraphs = (np.sort(rng.integers(0, 5, n)), np.sort(rng.integers(0, 5, m)))
    run(x, y, settings, lengths=lengths, src_paragraphs=paragraphs[0], tgt_paragraphs=paragraphs[1])


def test_max_merge_one_allows_only_one_to_one_and_skips():
    settings = AlignerSettings(max_merge=1)
    assert {tuple(t) for t in settings.types.tolist()} == {(1, 1), (1, 0), (0, 1)}
    rng = np.random.default_rng(10)
    x = random_unit(rng, 6)
    a, b = random_unit(rng, 2)
    src = x.copy()
    src[2] = unit(a + b)
    tgt = np.vstack([x[:2], a[None], b[None], x[3:]])
    got = run(src, tgt, settings)
    assert all(len(s) <= 1 and len(t) <= 1 for s, t in got)


def test_coarse_to_fine_band_on_a_medium_pair():
    """A small full_limit forces the coarse-to-fine band: it must find the diagonal and stay narrow."""
    rng = np.random.default_rng(11)
    n = 1500
    x = random_unit(rng, n)
    y = np.vstack([noisy(rng, x[:700], 0.2), random_unit(rng, 2), noisy(rng, x[700:], 0.2)])
    settings = AlignerSettings(full_limit=10_000)
    stats = AlignStats()
    got = run(x, y, settings, stats=stats)
    assert stats.band_cells < (n + 1) * (len(y) + 1) / 10
    exact = sum(1 for s, t in got if len(s) == len(t) == 1 and t[0] == s[0] + (2 if s[0] >= 700 else 0))
    assert exact >= 0.99 * n
    assert ((), (700,)) in got and ((), (701,)) in got


@pytest.mark.slow
def test_long_pair_goes_through_the_band_and_recovers_the_diagonal(record_property):
    import time
    rng = np.random.default_rng(12)
    n = 20_000
    x = random_unit(rng, n)
    y = noisy(rng, x, 0.1)
    lengths = rng.integers(20, 200, n).astype(float)
    stats = AlignStats()
    start = time.perf_counter()
    beads = align_vectors(x, y, lengths, lengths * rng.uniform(0.8, 1.25, n), stats=stats)
    seconds = time.perf_counter() - start
    check_cover(beads, n, n)
    exact = sum(1 for b in beads if len(b.src) == 1 and b.src == b.tgt)
    for key, value in (("seconds", round(seconds, 2)), ("band_cells", stats.band_cells),
                       ("band_share", round(stats.band_cells / (n * n), 6)), ("exact_one_to_one", exact / n)):
        record_property(key, value)
    print(f"\n{n}x{n}: {seconds:.1f} s, band cells {stats.band_cells} "
          f"({stats.band_cells / (n * n):.5f} of the matrix), exact 1-1 {exact / n:.4f}")
    assert stats.band_cells < n * n / 100
    assert exact >= 0.99 * n


# -- align_texts_with_encoder: one embedding per sentence, windows where unsure -------------

WORDS = ("river army treaty winter border letter council bridge harvest railway station telegram "
         "mountain governor village frontier garrison envoy cavalry fortress embassy province "
         "merchant harbour minister colonel archive steamer battalion ceasefire").split()


def sentences(n: int, seed: int) -> list[str]:
    """``n`` distinct, unrelated sentences of 6 to 10 words."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        words = rng.choice(WORDS, size=int(rng.integers(6, 11)), replace=True)
        out.append(f"{words[0].capitalize()} {' '.join(words[1:])} number {i}.")
    return out


def test_identical_texts_align_one_to_one(hashing_encoder):
    src = sentences(25, 1)
    stats = AlignStats()
    beads = align_texts_with_encoder(src, list(src), hashing_encoder.encode, stats=stats)
    check_cover(beads, 25, 25)
    assert ids(beads) == one_to_one(25)
    assert all(b.similarity == pytest.approx(1.0, abs=1e-5) for b in beads)
    assert stats.src_sentences == stats.tgt_sentences == 25
    assert stats.encoder_calls == 50 + stats.windows_embedded
    assert stats.windows_embedded <= AlignerSettings().refine_budget * 50


def test_merged_sentences_and_a_dropped_one_are_found(hashing_encoder):
    src = sentences(20, 2)
    tgt = src[:5] + [src[5] + " " + src[6]] + src[7:12] + src[13:]  # 2-1 at 5-6, 12 left out
    for refine in (False, True):
        stats = AlignStats()
        beads = align_texts_with_encoder(src, tgt, hashing_encoder.encode, AlignerSettings(refine=refine),
                                         stats=stats)
        check_cover(beads, 20, len(tgt))
        got = ids(beads)
        assert ((5, 6), (5,)) in got
        assert ((12,), ()) in got
        merged = next(b for b in beads if b.src == (5, 6))
        if refine:  # the window "5 6" was embedded for real: it reads exactly as target 5
            assert stats.windows_embedded > 0
            assert merged.similarity == pytest.approx(1.0, abs=1e-5)
        else:  # estimated from the two sentence vectors
            assert stats.windows_embedded == 0 and merged.similarity > 0.95


def test_split_sentence_and_an_added_one(hashing_encoder):
    src = sentences(15, 3)
    first, second = "The envoy left the embassy at dawn", "and crossed the frontier by the railway bridge."
    src[4] = f"{first} {second}"
    added = "Completely unrelated pasta recipe follows."
    tgt = src[:4] + [first + ".", second.capitalize()] + src[5:9] + [added] + src[9:]
    beads = align_texts_with_encoder(src, tgt, hashing_encoder.encode)
    check_cover(beads, 15, len(tgt))
    got = ids(beads)
    assert ((4,), (4, 5)) in got
    assert ((), (10,)) in got


def test_encoder_path_is_deterministic_and_respects_refine_off(hashing_encoder):
    src = sentences(30, 4)
    tgt = src[:10] + [src[10] + " " + src[11]] + src[12:]
    one = align_texts_with_encoder(src, tgt, hashing_encoder.encode)
    two = align_texts_with_encoder(src, tgt, HashingEncoder().encode)
    assert one == two
    stats = AlignStats()
    align_texts_with_encoder(src, tgt, hashing_encoder.encode, AlignerSettings(refine=False), stats=stats)
    assert stats.windows_embedded == 0 and stats.encoder_calls == len(src) + len(tgt)


def test_encoder_path_with_an_empty_side_calls_no_encoder():
    def forbidden(texts):
        raise AssertionError("the encoder must not be called for an empty side")
    beads = align_texts_with_encoder(["a", "b"], [], forbidden)
    assert ids(beads) == [((0,), ()), ((1,), ())]
    assert ids(align_texts_with_encoder([], ["c"], forbidden)) == [((), (0,))]


# -- evaluation against gold beads -----------------------------------------------------------

GOLD = "[0]:[0]\n[1]:[1,2]\n[2]:[]\n[3]:[3]\n"
PRED = "[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n"


def test_strict_and_lax_on_a_hand_example():
    s = score([parse_beads(GOLD)], [parse_beads(PRED)])
    # precision over all 5 predicted beads (the null beads too): exact [0]:[0], [2]:[], [3]:[3];
    # lax adds [1]:[1] (shares a source and a target sentence with [1]:[1,2]); []:[2] never counts
    assert s.strict_precision == pytest.approx(3 / 5)
    assert s.lax_precision == pytest.approx(4 / 5)
    # recall over gold beads with both sides: [0]:[0], [1]:[1,2], [3]:[3]
    assert s.strict_recall == pytest.approx(2 / 3)
    assert s.lax_recall == pytest.approx(1.0)
    assert s.strict_f1 == pytest.approx(2 * 0.6 * (2 / 3) / (0.6 + 2 / 3))
    assert s.lax_f1 == pytest.approx(2 * 0.8 / 1.8)
    assert s.to_dict()["strict_precision"] == 0.6


def test_perfect_and_disjoint_predictions():
    gold = parse_beads(GOLD)
    perfect = score([gold], [gold])
    assert perfect.to_dict() == {k: 1.0 for k in perfect.to_dict()}
    wrong = score([parse_beads("[0]:[0]\n[1]:[1]")], [parse_beads("[0]:[1]\n[1]:[0]")])
    assert wrong.strict_f1 == 0.0 and wrong.lax_f1 == 0.0


def test_scores_are_micro_averaged_over_files():
    g1, p1 = parse_beads("[0]:[0]"), parse_beads("[0]:[0]")
    g2 = parse_beads("[0]:[0]\n[1]:[1]\n[2]:[2]")
    p2 = parse_beads("[0]:[1]\n[1]:[2]\n[2]:[0]")
    s = score([g1, g2], [p1, p2])
    assert s.strict_precision == pytest.approx(1 / 4)  # not (1 + 0) / 2
    assert s.strict_recall == pytest.approx(1 / 4)
    with pytest.raises(InputError, match="2 gold files but 1 predictions"):
        score([g1, g2], [p1])


def test_bead_notation_is_lenient_about_spaces_and_blank_lines():
    assert parse_beads("\n [0, 1] : [ 2 ]\n\n[]:[3]\n") == [((0, 1), (2,)), ((), (3,))]


def test_malformed_bead_line_names_file_and_line(tmp_path):
    path = tmp_path / "pred.txt"
    path.write_text("[0]:[0]\n\n[1]-[1]\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_beads(path)
    assert str(path) in str(info.value) and "line 3" in str(info.value) and "[1]-[1]" in str(info.value)
    with pytest.raises(InputError, match="no such file"):
        read_beads(tmp_path / "missing.txt")


def _problem(seed: int, n: int = 40):
    """Random sentence vectors with a real 2-1 merge at source 10-11 and a left-out source sentence at 25."""
    rng = np.random.default_rng(seed)
    x = random_unit(rng, n)
    rows = [noisy(rng, x[i:i + 1])[0] for i in range(10)] + [noisy(rng, unit(x[10] + x[11])[None])[0]]
    rows += [noisy(rng, x[i:i + 1])[0] for i in range(12, n) if i != 25]
    return x, np.stack(rows)


def test_merge_deficits_are_zero_on_the_best_path_and_grow_away_from_it():
    from align.aligner.core import _band, _merge_deficits, _Side, _solve, _to_beads
    x, y = _problem(7)
    settings = AlignerSettings()
    src, tgt = _Side(x, [60.0] * len(x), None), _Side(y, [60.0] * len(y), None)
    lo, off = _band(src, tgt, settings)
    beads = _to_beads(*_solve(src, tgt, settings, lo, off)[:2], settings.types)
    assert ((10, 11), (10,)) in ids(beads)
    dx, dy = _merge_deficits(src, tgt, settings, lo, off)
    assert dx.shape == (len(x), settings.max_merge + 1) and dy.shape == (len(y), settings.max_merge + 1)
    assert dx[10, 2] == pytest.approx(0.0, abs=1e-6)  # the merge the best path takes costs it nothing
    finite = np.concatenate([dx[np.isfinite(dx)], dy[np.isfinite(dy)]])
    assert finite.min() >= -1e-6  # no path beats the best one
    assert np.isinf(dx[:, :2]).all() and np.isinf(dy[:, :2]).all()  # windows of two or more only
    # a merge of two unrelated sentences far from the real one costs the path a lot more
    assert dx[30, 2] > 0.05


def test_the_reversed_pass_finds_the_same_best_score():
    from align.aligner import band as bandlib
    from align.aligner import kernels
    from align.aligner.core import _dp_args, _Side
    x, y = _problem(8, 30)
    settings = AlignerSettings()
    n, m = len(x), len(y)
    for lo, off in (bandlib.full_band(n, m), bandlib.band_from_path(np.array([0, n]), np.array([0, m]), n, m, 4)):
        src, tgt = _Side(x, np.arange(n) + 40.0, None), _Side(y, np.arange(m) + 40.0, None)
        forward = kernels.forward_scores(*_dp_args(src, tgt, settings, lo, off))
        rlo, roff = bandlib.reverse_band(lo, off, m)
        rsrc = _Side(x[::-1], (np.arange(n) + 40.0)[::-1], None)
        rtgt = _Side(y[::-1], (np.arange(m) + 40.0)[::-1], None)
        backward = kernels.forward_scores(*_dp_args(rsrc, rtgt, settings, rlo, roff))
        assert forward[off[n] + m - lo[n]] == pytest.approx(backward[roff[n] + m - rlo[n]], abs=1e-9)
        assert np.array_equal(np.diff(roff), np.diff(off)[::-1])


@pytest.mark.parametrize("mode", ["uncertain", "uncertain-all"])
def test_uncertain_refinement_embeds_few_windows_and_finds_the_merge(hashing_encoder, mode):
    src = sentences(40, 5)
    tgt = src[:10] + [src[10] + " " + src[11]] + src[12:]
    stats = AlignStats()
    settings = AlignerSettings(refine_mode=mode)
    beads = align_texts_with_encoder(src, tgt, hashing_encoder.encode, settings, stats=stats)
    check_cover(beads, 40, 39)
    assert ((10, 11), (10,)) in ids(beads)
    assert 0 < stats.windows_embedded <= settings.refine_budget * 79
    merged = next(b for b in beads if b.src == (10, 11))
    assert merged.similarity == pytest.approx(1.0, abs=1e-5)  # its window was embedded for real
    every = AlignStats()
    align_texts_with_encoder(src, tgt, hashing_encoder.encode, AlignerSettings(refine_mode="pairs",
                                                                               refine_budget=1.0), stats=every)
    assert every.windows_embedded == 39 + 38 > stats.windows_embedded
