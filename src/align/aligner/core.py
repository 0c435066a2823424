"""The aligner: beads from sentence embeddings, with merges, splits, omissions and additions.

How it works (defaults; every step is a setting of :class:`AlignerSettings`):

1. **Embeddings.**  Every sentence is embedded once.  A first pass of the
   search (below) on sentence vectors alone, run forwards and backwards,
   tells for every window of two sentences how much worse the best path
   through a merge using it is than the best path (:func:`_merge_deficits`);
   only the windows of merges within ``refine_slack`` of it are embedded,
   the closest first, at most ``refine_budget`` (0.3) per input sentence
   (``refine_mode="uncertain"``): about 1.3 encoder calls per sentence on
   Text+Berg, 1.1 on news.  Longer windows are built from the pair windows
   that cover them (normalised sums), or from sentence vectors where those
   were not embedded.
2. **Where to search.**  Short texts use the whole similarity matrix; long
   ones a band found coarse-to-fine (:mod:`.band`), so time and memory are
   linear in document length.  A Bertalign-style first pass then keeps 1-1
   anchors (a pair counts only if the target is among the source sentence's
   top-k) and the search is narrowed to ``anchor_window`` around them.
3. **The path.**  A dynamic programme over beads of up to ``max_merge + 1``
   sentences (1-1, 1-n, n-1, 2-2, 2-3, …, 1-0, 0-1) maximises the sum of bead
   scores.  A bead scores its cosine minus the mean cosine with the single
   sentences next to the other side's window (a margin, so that "hub"
   sentences do not attract everything; a bead spanning both whole texts has
   no neighbours and is measured against the texts' mean similarity instead),
   scaled by a length factor; beads that
   cross paragraph breaks pay a small penalty (paragraphs as soft anchors).
   A merge with sentences on both sides (2-2, 2-3, …) must beat its best
   split: where it can be cut into two beads that each match at least as
   well as the whole, it is not a bead (the margin cannot tell, because each
   part's margin counts the other part's sentences as its neighbours).
   Omissions and additions score ``skip``; a run of them pays ``skip`` once,
   then ``skip * gap_ext`` per further sentence, so a block of debris or an
   untranslated passage is left out rather than tiled with junk merges.

4. **Null beads.**  The null-bead pass (:mod:`.nulls`) tests the merged beads
   sentence by sentence and may search once more.

Every 2-sentence window (``refine_mode="pairs"``, with ``refine_budget=1``),
windows of any size by the same deficits (``"uncertain-all"``), window
refinement by unsure regions (``"regions"``) and the squared length penalty
(``length_mode="gauss"``) are kept as measured alternatives; BENCHMARKS.md has
the numbers that chose the defaults.

Everything is deterministic: same vectors and settings, same beads.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from types import ModuleType

import numpy as np

from . import band as bandlib
from .beads import AlignStats, RawBead
from .foreign import other_script
from .nulls import null_pass
from .settings import AlignerSettings

#: Largest full matrix (cells) searched at a coarse level of coarse-to-fine.
COARSE_FULL_LIMIT = 60_000


def _kernels() -> ModuleType:
    """The numba kernels, imported on first use: numba takes most of a second to import, and
    importing the aligner (hence the pipeline, the driver and the CLI) must stay cheap."""
    from . import kernels
    return kernels


class _Side:
    """One side's arrays as the kernels want them."""

    def __init__(self, vecs: np.ndarray, lengths: Sequence[float] | np.ndarray,
                 paragraphs: Sequence[int] | np.ndarray | None, skips: np.ndarray | None = None) -> None:
        self.vecs = np.ascontiguousarray(vecs, dtype=np.float32)
        self.lengths = np.asarray(lengths, dtype=np.float32)
        n = self.vecs.shape[0]
        self.paragraphs = (np.zeros(n, dtype=np.int64) if paragraphs is None
                           else np.asarray(paragraphs, dtype=np.int64))
        #: each sentence's score for being left out (None: ``settings.skip`` for all)
        self.skips = None if skips is None else np.ascontiguousarray(skips, dtype=np.float64)

    def reversed(self) -> _Side:
        """This side read backwards (for the pass from the end, :func:`_merge_deficits`)."""
        return _Side(self.vecs[::-1], self.lengths[::-1], self.paragraphs[::-1],
                     None if self.skips is None else self.skips[::-1])


def _empty_windows(n: int, max_merge: int, dim: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros((1, dim), dtype=np.float32), np.full((max(n, 1), max_merge + 1), -1, dtype=np.int64)


DPArgs = tuple[tuple, tuple, tuple, tuple, tuple, tuple]


def _dp_args(src: _Side, tgt: _Side, settings: AlignerSettings, lo: np.ndarray, off: np.ndarray,
             windows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
             skips: tuple[np.ndarray, np.ndarray] | None = None) -> DPArgs:
    """The grouped arguments of :func:`.kernels.banded_dp` (and of the kernels that score beads like it)."""
    kernels = _kernels()
    X, Y = src.vecs, tgt.vecs
    n, m = X.shape[0], Y.shape[0]
    types = settings.types
    slo, soff = bandlib.widen(lo, off, m, settings.max_merge + 2)
    S = kernels.band_similarities(X, Y, slo, soff)
    width = settings.max_merge
    Gx = kernels.adjacent_gram(X, width)
    Gy = kernels.adjacent_gram(Y, width)
    total_x, total_y = float(src.lengths.sum()), float(tgt.lengths.sum())
    mu = math.log((total_x + 5.0) / (total_y + 5.0)) if total_x and total_y else 0.0
    if skips is None:
        skip_x = src.skips if src.skips is not None else np.full(n, settings.skip, dtype=np.float64)
        skip_y = tgt.skips if tgt.skips is not None else np.full(m, settings.skip, dtype=np.float64)
    else:  # per-sentence skip scores (the null-bead pass's second search)
        skip_x, skip_y = (np.ascontiguousarray(s, dtype=np.float64) for s in skips)
    bead_w = np.array([((a + b) / 2.0) ** settings.size_weight for a, b in types], dtype=np.float64)
    if windows is None:
        wx, wxi = _empty_windows(n, width, X.shape[1])
        wy, wyi = _empty_windows(m, width, X.shape[1])
    else:
        wx, wxi, wy, wyi = windows
    weights = (float(settings.margin), float(settings.length_weight), mu, float(settings.length_sigma),
               float(settings.paragraph_penalty), float(settings.paragraph_join_penalty), float(settings.gap_ext),
               _background(S))
    modes = (1 if settings.neighbour_mode == "window" else 0, 1 if settings.length_mode == "ratio" else 0)
    return ((X, Gx, src.lengths, src.paragraphs, skip_x, wx, wxi),
            (Y, Gy, tgt.lengths, tgt.paragraphs, skip_y, wy, wyi),
            (lo, off, S, slo, soff), (types, bead_w), weights, modes)


def _solve(src: _Side, tgt: _Side, settings: AlignerSettings, lo: np.ndarray, off: np.ndarray,
           windows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
           skips: tuple[np.ndarray, np.ndarray] | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One DP over a given band; returns (types along the path, cosines, band similarity stats)."""
    kernels = _kernels()
    args = _dp_args(src, tgt, settings, lo, off, windows, skips)
    n, m = src.vecs.shape[0], tgt.vecs.shape[0]
    if settings.refine and settings.refine_mode == "regions":
        _, _, S, slo, soff = args[2]
        rs, rt = kernels.neighbour_means(S, slo, soff, m, settings.neighbours)
    else:
        rs, rt = np.zeros(n, dtype=np.float32), np.zeros(m, dtype=np.float32)
    path_t, path_c = kernels.banded_dp(*args)
    if len(path_t) == 0:
        raise RuntimeError("the aligner found no path through its band (this is a bug)")
    return path_t, path_c, rs, rt


def _merge_deficits(src: _Side, tgt: _Side, settings: AlignerSettings, lo: np.ndarray,
                    off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per window ``(start, size)`` of each side, how far below the best path's score the best path
    lies whose bead has exactly that window on that side (:func:`.kernels.merge_deficits`): a
    forward pass, and the same pass over both sides reversed for the best score from each cell to
    the end."""
    kernels = _kernels()
    n, m = src.vecs.shape[0], tgt.vecs.shape[0]
    args = _dp_args(src, tgt, settings, lo, off)
    D = kernels.forward_scores(*args)
    rlo, roff = bandlib.reverse_band(lo, off, m)
    Dr = kernels.forward_scores(*_dp_args(src.reversed(), tgt.reversed(), settings, rlo, roff))
    B = np.empty_like(D)
    for i in range(n + 1):  # cell (i, j) read backwards is (n - i, m - j)
        cols = lo[i] + np.arange(off[i + 1] - off[i])
        B[off[i]:off[i + 1]] = Dr[roff[n - i] + (m - cols) - rlo[n - i]]
    return kernels.merge_deficits(*args, D, B)


def _pair_deficits(d: np.ndarray) -> np.ndarray:
    """``d`` (per window: start, size) reduced to pairs: ``out[s, 2]`` is the smallest deficit of a
    window holding sentences ``s`` and ``s + 1`` (longer windows are estimated from the pairs
    that tile them, so a pair matters to every merge that holds it)."""
    out = np.full_like(d, np.inf)
    n, width = d.shape
    for a in range(2, width):
        for t in range(n):
            if np.isfinite(d[t, a]):
                hi = min(t + a - 1, n - 1)
                out[t:hi, 2] = np.minimum(out[t:hi, 2], d[t, a])
    return out


def _uncertain_windows(dx: np.ndarray, dy: np.ndarray, n: int, m: int,
                       settings: AlignerSettings) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The windows worth embedding (``(start, size)`` per side): those a merge within ``refine_slack`` of
    the best path's score would use, the closest first, at most ``refine_budget`` per input sentence;
    pair windows only for ``refine_mode="uncertain"``."""
    top = settings.max_merge
    if settings.refine_mode == "uncertain":
        dx, dy, top = _pair_deficits(dx), _pair_deficits(dy), 2
    both = sorted([(float(dx[s, a]), 0, s, a) for s in range(n) for a in range(2, top + 1)
                   if s + a <= n and dx[s, a] <= settings.refine_slack]
                  + [(float(dy[s, a]), 1, s, a) for s in range(m) for a in range(2, top + 1)
                     if s + a <= m and dy[s, a] <= settings.refine_slack])
    both = both[:int(settings.refine_budget * (n + m))]
    return (sorted((s, a) for _, side, s, a in both if side == 0),
            sorted((s, a) for _, side, s, a in both if side == 1))


def _background(S: np.ndarray) -> float:
    """Mean sentence similarity over the band: the margin of a bead that has no neighbours."""
    cells = np.count_nonzero(S)
    return float(S.sum(dtype=np.float64)) / cells if cells else 0.0


def _path_corners(path_t: np.ndarray, types: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    steps = types[path_t.astype(np.int64)]
    ps = np.concatenate([[0], np.cumsum(steps[:, 0])])
    pt = np.concatenate([[0], np.cumsum(steps[:, 1])])
    return ps, pt


def _band(src: _Side, tgt: _Side, settings: AlignerSettings) -> tuple[np.ndarray, np.ndarray]:
    """Full matrix when small, else coarse-to-fine (recursive halving of both sides)."""
    n, m = src.vecs.shape[0], tgt.vecs.shape[0]
    if (n + 1) * (m + 1) <= settings.full_limit or min(n, m) < 4 * settings.radius:
        return _anchor_band(src, tgt, settings, *bandlib.full_band(n, m))
    cx = _Side(*bandlib.pool_pairs(src.vecs, src.lengths, src.paragraphs))
    cy = _Side(*bandlib.pool_pairs(tgt.vecs, tgt.lengths, tgt.paragraphs))
    # Coarse levels only place the band: small beads and a small full matrix keep them cheap.
    coarse = replace(settings, refine=False, anchor_window=0, max_merge=min(settings.max_merge, 2),
                     full_limit=min(settings.full_limit, COARSE_FULL_LIMIT))
    lo_c, off_c = _band(cx, cy, coarse)
    path_t, _, _, _ = _solve(cx, cy, coarse, lo_c, off_c)
    ps, pt = _path_corners(path_t, coarse.types)
    ps, pt = bandlib.expand_path(ps, pt, n, m)
    return _anchor_band(src, tgt, settings, *bandlib.band_from_path(ps, pt, n, m, settings.radius))


def _anchor_band(src: _Side, tgt: _Side, settings: AlignerSettings, lo: np.ndarray,
                 off: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if settings.anchor_window <= 0:
        return lo, off
    n, m = src.vecs.shape[0], tgt.vecs.shape[0]
    kernels = _kernels()
    S = kernels.band_similarities(src.vecs, tgt.vecs, lo, off)
    ai, aj = kernels.anchor_pass(S, lo, off, m, settings.anchor_topk)
    return bandlib.band_from_anchors(ai, aj, n, m, settings.anchor_window, lo, off)


def _to_beads(path_t: np.ndarray, path_c: np.ndarray, types: np.ndarray) -> list[RawBead]:
    beads, i, j = [], 0, 0
    for t, c in zip(path_t, path_c):
        a, b = int(types[t, 0]), int(types[t, 1])
        sim = float(c) if a and b else None
        beads.append(RawBead(tuple(range(i, i + a)), tuple(range(j, j + b)), sim))
        i += a
        j += b
    return beads


def align_vectors(src_vecs: np.ndarray, tgt_vecs: np.ndarray, src_lengths: Sequence[float],
                  tgt_lengths: Sequence[float], settings: AlignerSettings = AlignerSettings(),
                  src_paragraphs: Sequence[int] | None = None, tgt_paragraphs: Sequence[int] | None = None,
                  stats: AlignStats | None = None) -> list[RawBead]:
    """Align two sides given one unit vector per sentence (no encoder: windows are estimated).

    Returns beads covering every sentence of both sides, in order.
    """
    src = _Side(src_vecs, src_lengths, src_paragraphs)
    tgt = _Side(tgt_vecs, tgt_lengths, tgt_paragraphs)
    n, m = src.vecs.shape[0], tgt.vecs.shape[0]
    if n == 0 or m == 0:
        return ([RawBead((i,), (), None) for i in range(n)] + [RawBead((), (j,), None) for j in range(m)])
    lo, off = _band(src, tgt, settings)
    if stats is not None:
        stats.band_cells = int(off[-1])
    path_t, path_c, _, _ = _solve(src, tgt, settings, lo, off)
    return _to_beads(path_t, path_c, settings.types)


def _unsure_regions(beads: list[RawBead], rs: np.ndarray, rt: np.ndarray, settings: AlignerSettings
                    ) -> list[tuple[int, int, int, int]]:
    """Source/target index ranges around the beads the first path is unsure of."""
    unsure = []
    for k, b in enumerate(beads):
        if len(b.src) == 1 and len(b.tgt) == 1:
            margin = (b.similarity or 0.0) - 0.5 * (rs[b.src[0]] + rt[b.tgt[0]])
            flag = margin < settings.refine_margin
        else:
            flag = True
        if flag:
            unsure.append(k)
    regions = []
    for k in unsure:
        lo_k, hi_k = max(0, k - 1), min(len(beads) - 1, k + 1)
        src_ids = [i for b in beads[lo_k:hi_k + 1] for i in b.src]
        tgt_ids = [j for b in beads[lo_k:hi_k + 1] for j in b.tgt]
        regions.append((min(src_ids, default=-1), max(src_ids, default=-2) + 1,
                        min(tgt_ids, default=-1), max(tgt_ids, default=-2) + 1))
    return regions


def _window_candidates(regions: Sequence[tuple[int, int, int, int]], n: int, max_merge: int,
                       side: int) -> list[tuple[int, int]]:
    """(start, length) of every window of 2..max_merge sentences inside a region."""
    out: set[tuple[int, int]] = set()
    for reg in regions:
        s, e = (reg[0], reg[1]) if side == 0 else (reg[2], reg[3])
        if s < 0:
            continue
        s, e = max(0, s), min(n, e)
        for a in range(2, max_merge + 1):
            for st in range(s, e - a + 1):
                out.add((st, a))
    return sorted(out)


def _windows_from_pairs(w: np.ndarray, wi: np.ndarray, max_merge: int) -> tuple[np.ndarray, np.ndarray]:
    """Add estimates of every window of 3..max_merge sentences from the real 2-sentence windows.

    A window of ``a`` sentences starting at ``s`` is the normalised sum of the 2-sentence windows
    that tile it (``s``, ``s+2``, ...), plus the one ending it when ``a`` is odd (``s+a-2``).
    Estimates from real pairs match real windows far better than sums of sentence vectors.
    """
    n = wi.shape[0]
    rows = [w]
    cnt = w.shape[0]
    wi = wi.copy()
    for a in range(3, max_merge + 1):
        starts = [s for s in range(n - a + 1) if wi[s, a] < 0]
        if not starts:
            continue
        est = np.zeros((len(starts), w.shape[1]), dtype=np.float32)
        ok = np.ones(len(starts), dtype=bool)
        for r, s in enumerate(starts):
            parts = list(range(s, s + a - 1, 2))
            if a % 2:
                parts.append(s + a - 2)
            idx = [wi[p, 2] for p in parts]
            if min(idx) < 0:
                ok[r] = False
                continue
            est[r] = w[idx].sum(axis=0)
        est = est[ok]
        starts = [s for s, k in zip(starts, ok) if k]
        est /= np.maximum(np.linalg.norm(est, axis=1, keepdims=True), 1e-6)
        for r, s in enumerate(starts):
            wi[s, a] = cnt + r
        rows.append(est)
        cnt += len(starts)
    return np.ascontiguousarray(np.concatenate(rows).astype(np.float32)), wi


def align_texts_with_encoder(src_texts: Sequence[str], tgt_texts: Sequence[str],
                             encode: Callable[[list[str]], np.ndarray],
                             settings: AlignerSettings = AlignerSettings(),
                             src_paragraphs: Sequence[int] | None = None,
                             tgt_paragraphs: Sequence[int] | None = None,
                             stats: AlignStats | None = None) -> list[RawBead]:
    """Align sentences with an encoder: one call per sentence, plus real windows where unsure.

    ``encode`` maps a list of texts to unit vectors (an :class:`~align.embed.Encoder`'s
    ``encode``).  The beads' similarities are cosines of the real embeddings of
    their sides wherever those were computed.
    """
    stats = stats if stats is not None else AlignStats()
    n, m = len(src_texts), len(tgt_texts)
    stats.src_sentences, stats.tgt_sentences = n, m
    if n == 0 or m == 0:
        return align_vectors(np.zeros((n, 1)), np.zeros((m, 1)), [0] * n, [0] * m, settings)
    vecs = encode(list(src_texts) + list(tgt_texts))
    stats.encoder_calls = n + m
    X, Y = vecs[:n], vecs[n:]
    src = _Side(X, [len(t) for t in src_texts], src_paragraphs, _base_skips(src_texts, settings))
    tgt = _Side(Y, [len(t) for t in tgt_texts], tgt_paragraphs, _base_skips(tgt_texts, settings))
    lo, off = _band(src, tgt, settings)
    stats.band_cells = int(off[-1])

    def finish(known: dict[tuple[int, tuple[int, ...]], np.ndarray],
               windows: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None) -> list[RawBead]:
        """The search with these windows, then the null-bead pass (which may search again)."""
        path_t, path_c, _, _ = _solve(src, tgt, settings, lo, off, windows)

        def resolve(factor_x: np.ndarray, factor_y: np.ndarray) -> list[RawBead]:
            skips = (factor_x * (src.skips if src.skips is not None else settings.skip),
                     factor_y * (tgt.skips if tgt.skips is not None else settings.skip))
            return _to_beads(*_solve(src, tgt, settings, lo, off, windows, skips)[:2], settings.types)
        return _null_pass(_to_beads(path_t, path_c, settings.types), src_texts, tgt_texts, X, Y, known, encode,
                          settings, stats, resolve, (src_paragraphs, tgt_paragraphs))

    if not settings.refine or settings.max_merge < 2:
        return finish({})
    if settings.refine_mode in ("pairs", "all"):
        top = 2 if settings.refine_mode == "pairs" else settings.max_merge
        cand_x = [(s, a) for a in range(2, top + 1) for s in range(n - a + 1)]
        cand_y = [(s, a) for a in range(2, top + 1) for s in range(m - a + 1)]
    elif settings.refine_mode in ("uncertain", "uncertain-all"):
        cand_x, cand_y = _uncertain_windows(*_merge_deficits(src, tgt, settings, lo, off), n, m, settings)
    else:
        path_t, path_c, rs, rt = _solve(src, tgt, settings, lo, off)
        regions = _unsure_regions(_to_beads(path_t, path_c, settings.types), rs, rt, settings)
        cand_x = _window_candidates(regions, n, settings.max_merge, 0)
        cand_y = _window_candidates(regions, m, settings.max_merge, 1)
    budget = int(settings.refine_budget * (n + m))
    if len(cand_x) + len(cand_y) > budget:
        # keep the shortest windows first: 2-sentence merges are by far the most common
        both = sorted([(a, 0, s) for s, a in cand_x] + [(a, 1, s) for s, a in cand_y])[:budget]
        cand_x = sorted((s, a) for a, side, s in both if side == 0)
        cand_y = sorted((s, a) for a, side, s in both if side == 1)
    texts = [" ".join(src_texts[s:s + a]) for s, a in cand_x] + [" ".join(tgt_texts[s:s + a]) for s, a in cand_y]
    stats.windows_embedded = len(texts)
    stats.encoder_calls = n + m + len(texts)
    if not texts:
        return finish({})
    wv = encode(texts)
    dim = X.shape[1]
    wx = np.ascontiguousarray(wv[:len(cand_x)]) if cand_x else np.zeros((1, dim), np.float32)
    wy = np.ascontiguousarray(wv[len(cand_x):]) if cand_y else np.zeros((1, dim), np.float32)
    wxi = np.full((n, settings.max_merge + 1), -1, dtype=np.int64)
    wyi = np.full((m, settings.max_merge + 1), -1, dtype=np.int64)
    known: dict[tuple[int, tuple[int, ...]], np.ndarray] = {}
    for r, (s, a) in enumerate(cand_x):
        wxi[s, a] = r
        known[(0, tuple(range(s, s + a)))] = wx[r]
    for r, (s, a) in enumerate(cand_y):
        wyi[s, a] = r
        known[(1, tuple(range(s, s + a)))] = wy[r]
    if settings.refine_mode in ("pairs", "uncertain", "uncertain-all") and settings.max_merge > 2:
        # the windows of 3+ sentences not embedded: estimated from the real 2-sentence windows
        wx, wxi = _windows_from_pairs(wx, wxi, settings.max_merge)
        wy, wyi = _windows_from_pairs(wy, wyi, settings.max_merge)
    return finish(known, (wx, wxi, wy, wyi))


def _base_skips(texts: Sequence[str], settings: AlignerSettings) -> np.ndarray | None:
    """Each sentence's score for being left out: ``skip``, times ``other_script_skip`` for a sentence
    mostly written in another script than its side (:func:`.foreign.other_script`: an untranslated
    line, a caption in a third language); None when every one is ``skip``."""
    if settings.other_script_skip == 1.0 or not settings.nulls:
        return None
    flags = other_script(texts)
    if not any(flags):
        return None
    return np.where(flags, settings.skip * settings.other_script_skip, settings.skip).astype(np.float64)


def _null_pass(beads: list[RawBead], src_texts: Sequence[str], tgt_texts: Sequence[str], X: np.ndarray,
               Y: np.ndarray, known: dict[tuple[int, tuple[int, ...]], np.ndarray],
               encode: Callable[[list[str]], np.ndarray], settings: AlignerSettings, stats: AlignStats,
               resolve: Callable[[np.ndarray, np.ndarray], list[RawBead]] | None = None,
               paragraphs: tuple[Sequence[int] | None, Sequence[int] | None] = (None, None)) -> list[RawBead]:
    """The null-bead pass (:mod:`.nulls`); ``resolve(factor_x, factor_y)`` searches again with each
    sentence's skip score multiplied by its factor (``null_resolve``)."""
    if not settings.nulls:
        return beads
    return null_pass(beads, src_texts, tgt_texts, X, Y, known, encode, settings, stats, resolve, paragraphs)
