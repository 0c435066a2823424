"""Where the dynamic programme looks: the band of cells around a coarse path.

Small problems get the full matrix.  Larger ones are solved coarse-to-fine:
neighbouring sentences are pooled in pairs (normalised sums of their vectors)
until the problem is small, aligned there, and the coarse path is projected
back and widened by a radius at each finer level.  Every level costs time and
memory linear in its length, so the whole search is linear in document length.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy as np


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Every cell: ``lo`` is all zeros and each row holds ``m + 1`` cells."""
    lo = np.zeros(n + 1, dtype=np.int64)
    off = np.arange(n + 2, dtype=np.int64) * (m + 1)
    return lo, off


def band_from_path(path_src: np.ndarray, path_tgt: np.ndarray, n: int, m: int,
                   radius: int) -> tuple[np.ndarray, np.ndarray]:
    """The band holding every cell within ``radius`` of a monotone path.

    ``path_src``/``path_tgt`` are the corner points of the beads, from (0, 0) to
    (n, m).  Rows between corners are filled with the bead's column range.
    """
    row_min = np.full(n + 1, m + 1, dtype=np.int64)
    row_max = np.full(n + 1, -1, dtype=np.int64)
    for k in range(len(path_src) - 1):
        i0, j0 = int(path_src[k]), int(path_tgt[k])
        i1, j1 = int(path_src[k + 1]), int(path_tgt[k + 1])
        rows = slice(i0, i1 + 1)
        row_min[rows] = np.minimum(row_min[rows], j0)
        row_max[rows] = np.maximum(row_max[rows], j1)
    # spread by the radius along rows (a sliding min/max over 2*radius+1 rows)
    lo = _sliding(row_min, radius, np.minimum) - radius
    hi = _sliding(row_max, radius, np.maximum) + radius
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 0, m)
    # monotone edges keep every transition's source cell inside the band
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0] = 0
    hi[n] = m
    widths = hi - lo + 1
    off = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(widths, out=off[1:])
    return lo.astype(np.int64), off


def _sliding(values: np.ndarray, radius: int, op: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> np.ndarray:
    out = values.copy()
    for shift in range(1, radius + 1):
        out[shift:] = op(out[shift:], values[:-shift])
        out[:-shift] = op(out[:-shift], values[shift:])
    return out


def pool_pairs(vecs: np.ndarray, lengths: np.ndarray, paragraphs: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Halve a side: each pair of neighbouring sentences becomes one normalised vector."""
    n = vecs.shape[0]
    half = (n + 1) // 2
    pooled = np.zeros((half, vecs.shape[1]), dtype=np.float32)
    pooled += vecs[0::2]
    pooled[: n // 2] += vecs[1::2]
    pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-6)
    plen = np.zeros(half, dtype=np.float32)
    plen += lengths[0::2]
    plen[: n // 2] += lengths[1::2]
    return pooled, plen, paragraphs[0::2].copy()


def expand_path(path_src: np.ndarray, path_tgt: np.ndarray, n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Project a path found on pooled sides (factor 2) onto the full sides."""
    ps = np.minimum(path_src * 2, n)
    pt = np.minimum(path_tgt * 2, m)
    ps[-1], pt[-1] = n, m
    return ps, pt


def band_from_anchors(ai: np.ndarray, aj: np.ndarray, n: int, m: int, window: int,
                      lo0: np.ndarray, off0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Bertalign's second-pass search path: rows between consecutive 1-1 anchors
    ``(i0, j0) -> (i1, j1)`` search targets ``j0 - window .. j1 + window``; intersected
    with the band ``lo0/off0`` the anchors came from (so the work stays linear)."""
    al = list(zip(ai.tolist(), aj.tolist()))
    if not al:
        return lo0, off0
    if al[-1][0] != n:
        if al[-1][1] == m:
            al.pop()
        al.append((n, m))
    elif al[-1][1] != m:
        al.pop()
        al.append((n, m))
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    ps = pt = 0
    for s, t in al:
        lo[ps + 1:s + 1] = max(0, pt - window)
        hi[ps + 1:s + 1] = min(m, t + window)
        ps, pt = s, t
    lo[0], hi[0] = lo[1], hi[1]
    hi0 = lo0 + (off0[1:] - off0[:-1]) - 1
    lo = np.maximum(lo, lo0)
    hi = np.minimum(hi, hi0)
    hi = np.maximum(hi, lo)
    if not _connected(lo, hi, m):
        # the intersection of two bands can miss every path from (0, 0) to (n, m)
        # (a long run of omissions on the coarse path): keep the band the anchors came from
        return lo0, off0
    off = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(hi - lo + 1, out=off[1:])
    return lo, off


def _connected(lo: np.ndarray, hi: np.ndarray, m: int) -> bool:
    """Whether 1-1/1-0/0-1 steps inside the rows ``lo[i] .. hi[i]`` lead from (0, 0) to (n, m)."""
    if lo[0] != 0 or hi[-1] != m:
        return False
    first = 0  # first reachable cell of the row; every cell after it in the row is reachable
    for i in range(1, len(lo)):
        first = max(int(lo[i]), first)
        if first > min(int(hi[i]), int(hi[i - 1]) + 1):
            return False
    return True


def widen(lo: np.ndarray, off: np.ndarray, m: int, pad: int) -> tuple[np.ndarray, np.ndarray]:
    """The band grown by ``pad`` columns on each side of every row (clipped to ``0..m``)."""
    widths = np.diff(off)
    new_lo = np.maximum(lo - pad, 0)
    new_hi = np.minimum(lo + widths - 1 + pad, m)
    new_off = np.zeros(len(lo) + 1, dtype=np.int64)
    np.cumsum(new_hi - new_lo + 1, out=new_off[1:])
    return new_lo.astype(np.int64), new_off


def reverse_band(lo: np.ndarray, off: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """The band of the problem with both sides reversed: cell (i, j) becomes (n - i, m - j)."""
    hi = lo + np.diff(off) - 1
    rlo = (m - hi)[::-1].astype(np.int64)
    roff = np.zeros(len(lo) + 1, dtype=np.int64)
    np.cumsum(np.diff(off)[::-1], out=roff[1:])
    return np.ascontiguousarray(rlo), roff
