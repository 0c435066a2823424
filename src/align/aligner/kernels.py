"""Numba kernels of the aligner: band similarities and the banded dynamic programme.

The band is stored row by row, CSR-style: row ``i`` (source prefix length
``i``) holds the target prefix lengths ``lo[i] .. lo[i] + (off[i+1] - off[i]) - 1``
at flat positions ``off[i] .. off[i+1] - 1``.  Memory and time are linear in
the number of band cells, hence in document length.

Kernels are compiled on first use and cached on disk (``cache=True``), so a
fresh process pays the compile cost once per installation, not per run.
"""
from __future__ import annotations

import numpy as np
from numba import njit

NEG = -1e30
#: how much less similar than the whole merge each part of a split may be and still hold (float noise:
#: two identical sides give the merge and its parts a cosine of 1 up to rounding)
SPLIT_TOL = 1e-4


@njit(cache=True)
def band_similarities(X, Y, lo, off):
    """Cosine similarity of source sentence ``i`` and target sentence ``j`` for each band cell.

    Cell (row ``i``, column ``j``) stores ``X[i-1] · Y[j-1]`` — the similarity of
    the sentences that end the prefixes — or 0 where either prefix is empty.
    """
    n = lo.shape[0] - 1
    m = Y.shape[0]
    d = X.shape[1]
    out = np.zeros(off[n + 1], dtype=np.float32)
    for i in range(1, n + 1):
        for c in range(off[i], off[i + 1]):
            j = lo[i] + (c - off[i])
            if j < 1 or j > m:
                continue
            s = 0.0
            for k in range(d):
                s += X[i - 1, k] * Y[j - 1, k]
            out[c] = s
    return out


@njit(cache=True)
def _cell(lo, off, i, j):
    """Flat index of cell (i, j), or -1 when it lies outside the band."""
    if i < 0 or i >= lo.shape[0] - 1 + 1:
        return -1
    k = j - lo[i]
    if k < 0 or k >= off[i + 1] - off[i]:
        return -1
    return off[i] + k


@njit(cache=True)
def _pair_sim(X, Y, S, lo, off, i, j):
    """Similarity of source sentence i and target sentence j (0-based), from the band or directly."""
    c = _cell(lo, off, i + 1, j + 1)
    if c >= 0:
        return S[c]
    s = 0.0
    for t in range(X.shape[1]):
        s += X[i, t] * Y[j, t]
    return s


@njit(cache=True)
def _insert_desc(buf, v):
    """Insert ``v`` into the descending buffer ``buf`` (dropping its smallest value) if it fits."""
    k = buf.shape[0]
    if v > buf[k - 1]:
        q = k - 1
        while q > 0 and buf[q - 1] < v:
            buf[q] = buf[q - 1]
            q -= 1
        buf[q] = v


@njit(cache=True)
def _row_best(S, lo, off, m, i, buf, fill):
    """Fill ``buf`` (descending) with the best similarities of band row ``i``; ``fill`` where fewer."""
    for q in range(buf.shape[0]):
        buf[q] = fill
    for c in range(off[i], off[i + 1]):
        j = lo[i] + (c - off[i])
        if 1 <= j <= m:
            _insert_desc(buf, S[c])


@njit(cache=True)
def neighbour_means(S, lo, off, m, topk):
    """Mean of each sentence's ``topk`` best similarities inside the band (hubness correction)."""
    n = lo.shape[0] - 1
    rs = np.zeros(n, dtype=np.float32)
    rt = np.zeros(m, dtype=np.float32)
    best_t = np.full((m, topk), -1.0, dtype=np.float32)
    buf = np.empty(topk, dtype=np.float32)
    for i in range(1, n + 1):
        _row_best(S, lo, off, m, i, buf, -1.0)
        for c in range(off[i], off[i + 1]):
            j = lo[i] + (c - off[i])
            if 1 <= j <= m:
                _insert_desc(best_t[j - 1], S[c])
        tot = 0.0
        cnt = 0
        for q in range(topk):
            if buf[q] > -1.0:
                tot += buf[q]
                cnt += 1
        rs[i - 1] = tot / cnt if cnt else 0.0
    for j in range(m):
        tot = 0.0
        cnt = 0
        for q in range(topk):
            if best_t[j, q] > -1.0:
                tot += best_t[j, q]
                cnt += 1
        rt[j] = tot / cnt if cnt else 0.0
    return rs, rt


@njit(cache=True)
def _window_dot(X, Y, S, lo, off, Gx, Gy, ks, a, ls, b, wx, wy, wxi, wyi):
    """Cosine of source window X[ks:ks+a] and target window Y[ls:ls+b].

    A window with a real embedding (index >= 0 in ``wxi``/``wyi``) uses it; any
    other window is approximated by the normalised sum of its sentence vectors,
    whose norm comes from the adjacent-sentence Gram values ``Gx``/``Gy``.
    """
    rx = wxi[ks, a] if a > 1 else -1
    ry = wyi[ls, b] if b > 1 else -1
    if rx >= 0 and ry >= 0:
        s = 0.0
        for t in range(X.shape[1]):
            s += wx[rx, t] * wy[ry, t]
        return s
    # squared norms of approximate windows
    nx = float(a)
    for p in range(a):
        for q in range(p + 1, a):
            nx += 2.0 * Gx[ks + p, q - p]
    ny = float(b)
    for p in range(b):
        for q in range(p + 1, b):
            ny += 2.0 * Gy[ls + p, q - p]
    if rx >= 0:
        s = 0.0
        for q in range(b):
            for t in range(X.shape[1]):
                s += wx[rx, t] * Y[ls + q, t]
        return s / np.sqrt(max(ny, 1e-6))
    if ry >= 0:
        s = 0.0
        for p in range(a):
            for t in range(X.shape[1]):
                s += X[ks + p, t] * wy[ry, t]
        return s / np.sqrt(max(nx, 1e-6))
    s = 0.0
    for p in range(a):
        for q in range(b):
            s += _pair_sim(X, Y, S, lo, off, ks + p, ls + q)
    return s / np.sqrt(max(nx, 1e-6) * max(ny, 1e-6))


@njit(cache=True)
def _bead_score(src, tgt, band, beads, weights, modes, t, pi, a, pj, b):
    """``(score, cosine)`` of the bead of source sentences ``pi .. pi+a-1`` and target sentences
    ``pj .. pj+b-1`` (``a``, ``b`` > 0, shape ``types[t]``), as :func:`banded_dp` scores it."""
    X, Gx, len_x, par_x, _, wx, wxi = src
    Y, Gy, len_y, par_y, _, wy, wyi = tgt
    _, _, S, slo, soff = band
    _, bead_w = beads
    margin_w, len_w, len_mu, len_sigma, par_pen, par_both, _, nb_edge = weights
    nb_mode, len_mode = modes
    n = X.shape[0]
    m = Y.shape[0]
    i = pi + a
    j = pj + b
    cos = _window_dot(X, Y, S, slo, soff, Gx, Gy, pi, a, pj, b, wx, wy, wxi, wyi)
    # local margin: similarity to the neighbouring windows (nb_mode 1: of the
    # same size; nb_mode 0: the single sentences just before and after)
    nb = 0.0
    nbc = 0
    wb = b if nb_mode == 1 else 1
    wa = a if nb_mode == 1 else 1
    if pj - wb >= 0:
        nb += _window_dot(X, Y, S, slo, soff, Gx, Gy, pi, a, pj - wb, wb, wx, wy, wxi, wyi)
        nbc += 1
    if j + wb <= m:
        nb += _window_dot(X, Y, S, slo, soff, Gx, Gy, pi, a, j, wb, wx, wy, wxi, wyi)
        nbc += 1
    if pi - wa >= 0:
        nb += _window_dot(X, Y, S, slo, soff, Gx, Gy, pi - wa, wa, pj, b, wx, wy, wxi, wyi)
        nbc += 1
    if i + wa <= n:
        nb += _window_dot(X, Y, S, slo, soff, Gx, Gy, i, wa, pj, b, wx, wy, wxi, wyi)
        nbc += 1
    if nbc > 0:
        nb /= nbc
    else:  # a bead spanning both texts has no neighbours: measure it against the background
        nb = nb_edge
    lx = 0.0
    for p in range(a):
        lx += len_x[pi + p]
    ly = 0.0
    for q in range(b):
        ly += len_y[pj + q]
    if len_mode == 1:
        # Bertalign-style multiplicative penalty on the margin score
        rx = (lx + 5.0) / np.exp(len_mu)
        ry = ly + 5.0
        lpm = np.log2(1.0 + min(rx, ry) / max(rx, ry))
        sc = bead_w[t] * (cos - margin_w * nb) * lpm
    else:
        dev = (np.log((lx + 5.0) / (ly + 5.0)) - len_mu) / len_sigma
        lp = len_w * dev * dev
        sc = bead_w[t] * (cos - margin_w * nb - lp)
    if par_pen > 0.0 or par_both > 0.0:
        cross_x = par_x[pi] != par_x[i - 1]
        cross_y = par_y[pj] != par_y[j - 1]
        if cross_x != cross_y:
            sc -= par_pen
        elif cross_x:
            sc -= par_both
    return sc, cos


@njit(cache=True)
def _split_holds(src, tgt, band, pi, a, pj, b, cos):
    """True when the merge of source sentences ``pi .. pi+a-1`` and target sentences ``pj .. pj+b-1``
    (``a``, ``b`` >= 2, cosine ``cos``) can be cut into two beads, each with sentences on both
    sides and each at least as similar as the whole (within :data:`SPLIT_TOL`).

    A merge must beat its best split: where the parts match as well on their own, the
    sentences correspond one by one and the merge is not a bead.  The bead score alone cannot
    tell, because the margin of each part counts the other part's sentences as its neighbours
    (two identical sides whose adjacent sentences are alike would otherwise come out as 2-2)."""
    X, Gx, _, _, _, wx, wxi = src
    Y, Gy, _, _, _, wy, wyi = tgt
    _, _, S, slo, soff = band
    for k in range(1, a):
        for q in range(1, b):
            if _window_dot(X, Y, S, slo, soff, Gx, Gy, pi, k, pj, q, wx, wy, wxi, wyi) < cos - SPLIT_TOL:
                continue
            if _window_dot(X, Y, S, slo, soff, Gx, Gy, pi + k, a - k, pj + q, b - q,
                           wx, wy, wxi, wyi) >= cos - SPLIT_TOL:
                return True
    return False


@njit(cache=True)
def _forward(src, tgt, band, beads, weights, modes):
    """The forward pass of :func:`banded_dp`: for every band cell the best score of a path into it
    (``D``), the last bead's type and cosine, and whether a run of omissions (additions) was
    extended there (``Ex``/``Ey``)."""
    skip_x = src[4]
    skip_y = tgt[4]
    lo, off = band[0], band[1]
    types = beads[0]
    ext_ratio = weights[6]
    n = lo.shape[0] - 1
    m = tgt[0].shape[0]
    T = types.shape[0]
    D = np.full(off[n + 1], NEG, dtype=np.float64)
    Bt = np.full(off[n + 1], -1, dtype=np.int8)
    Cs = np.zeros(off[n + 1], dtype=np.float32)
    # affine gaps: best scores of paths ending in a run of omissions (Hx) / additions (Hy),
    # and whether the run was extended (Ex/Ey = 1) or opened (0) at that cell
    Hx = np.full(off[n + 1], NEG, dtype=np.float64)
    Hy = np.full(off[n + 1], NEG, dtype=np.float64)
    Ex = np.zeros(off[n + 1], dtype=np.int8)
    Ey = np.zeros(off[n + 1], dtype=np.int8)
    c0 = _cell(lo, off, 0, 0)
    if c0 < 0:
        return D, Bt, Cs, Ex, Ey
    D[c0] = 0.0
    for i in range(n + 1):
        for c in range(off[i], off[i + 1]):
            j = lo[i] + (c - off[i])
            if j < 0 or j > m or (i == 0 and j == 0):
                continue
            best = NEG
            bt = -1
            bcos = 0.0
            for t in range(T):
                a = types[t, 0]
                b = types[t, 1]
                pi = i - a
                pj = j - b
                if pi < 0 or pj < 0:
                    continue
                pc = _cell(lo, off, pi, pj)
                if pc < 0 or D[pc] <= NEG:
                    continue
                if a == 0 or b == 0:
                    if a == 0:
                        v = D[pc] + skip_y[pj]
                        ve = Hy[pc] + skip_y[pj] * ext_ratio
                        if ve > v:
                            v = ve
                            Ey[c] = 1
                        Hy[c] = v
                    else:
                        v = D[pc] + skip_x[pi]
                        ve = Hx[pc] + skip_x[pi] * ext_ratio
                        if ve > v:
                            v = ve
                            Ex[c] = 1
                        Hx[c] = v
                    if v > best:
                        best = v
                        bt = t
                        bcos = 0.0
                    continue
                sc, cos = _bead_score(src, tgt, band, beads, weights, modes, t, pi, a, pj, b)
                if a >= 2 and b >= 2 and _split_holds(src, tgt, band, pi, a, pj, b, cos):
                    continue
                v = D[pc] + sc
                if v > best:
                    best = v
                    bt = t
                    bcos = cos
            D[c] = best
            Bt[c] = bt
            Cs[c] = bcos
    return D, Bt, Cs, Ex, Ey


@njit(cache=True)
def banded_dp(src, tgt, band, beads, weights, modes):
    """Best monotone bead path through the band; returns (bead types along the path, bead cosines).

    The arguments are grouped (:func:`align.aligner.core._solve` builds them):

    - ``src`` / ``tgt``: one side each, ``(vecs, gram, lengths, paragraphs, skips, windows,
      window_index)`` — sentence vectors, :func:`adjacent_gram` of them, character lengths,
      paragraph numbers, the score of leaving each sentence out, and the real window embeddings
      with their index (``window_index[s, a]``: row of the window of ``a`` sentences starting at
      ``s``, or -1; see :func:`_window_dot`);
    - ``band``: ``(lo, off, S, slo, soff)`` — the DP cells ``lo``/``off``, and the sentence
      similarities ``S`` on the wider band ``slo``/``soff``, so that windows and their
      neighbours are table look-ups;
    - ``beads``: ``(types, bead_w)`` — the bead shapes ``(a, b)`` and a weight per shape;
    - ``weights``: ``(margin_w, len_w, len_mu, len_sigma, par_pen, par_both, ext_ratio, nb_edge)``;
    - ``modes``: ``(nb_mode, len_mode)``.

    A bead of ``a > 0`` source and ``b > 0`` target sentences scores its margin — its cosine
    ``cos`` minus ``margin_w`` times ``nb``, the mean cosine with its neighbours (``nb_mode`` 0:
    the single sentences just before and after it on the other side; 1: the windows of the same
    size there; ``nb_edge``, the band's mean similarity, for a bead spanning both texts) — then:

    - ``len_mode`` 1 (the default, Bertalign's): ``bead_w * margin * log2(1 + min(rx, ry) /
      max(rx, ry))`` with ``rx = (lx + 5) / exp(len_mu)``, ``ry = ly + 5`` for the sides'
      character lengths ``lx``, ``ly``;
    - ``len_mode`` 0: ``bead_w * (margin - len_w * dev²)`` with ``dev = (log((lx + 5) / (ly + 5))
      - len_mu) / len_sigma``;

    less ``par_pen`` when it crosses a paragraph break on one side only and ``par_both`` when
    it joins paragraphs on both.  A bead of two or more sentences on each side is not used where
    it can be cut into two beads that each match at least as well (:func:`_split_holds`).
    An omission or addition scores the sentence's skip, except
    that each further sentence of a run of omissions (or of additions) scores ``skip *
    ext_ratio`` (affine gaps: a block of untranslated or debris lines costs about one skip, so
    it is left out instead of being absorbed into merges).  The path maximises the total score.
    """
    lo, off = band[0], band[1]
    types = beads[0]
    n = lo.shape[0] - 1
    m = tgt[0].shape[0]
    T = types.shape[0]
    D, Bt, Cs, Ex, Ey = _forward(src, tgt, band, beads, weights, modes)
    # backtrack from (n, m)
    c = _cell(lo, off, n, m)
    if c < 0 or D[c] <= NEG:
        return np.zeros(0, dtype=np.int8), np.zeros(0, dtype=np.float32)
    out_t = np.empty(n + m, dtype=np.int8)
    out_c = np.empty(n + m, dtype=np.float32)
    cnt = 0
    i = n
    j = m
    t10 = -1
    t01 = -1
    for q in range(T):
        if types[q, 0] == 1 and types[q, 1] == 0:
            t10 = q
        elif types[q, 0] == 0 and types[q, 1] == 1:
            t01 = q
    state = 0  # 0: best path into the cell; 1 / 2: inside a run of omissions / additions
    while i > 0 or j > 0:
        c = _cell(lo, off, i, j)
        t = Bt[c]
        if state == 0 and t == t10:
            state = 1
        elif state == 0 and t == t01:
            state = 2
        if state == 1:
            t = t10
            state = 1 if Ex[c] else 0
        elif state == 2:
            t = t01
            state = 2 if Ey[c] else 0
        out_t[cnt] = t
        out_c[cnt] = Cs[c] if types[t, 0] > 0 and types[t, 1] > 0 else 0.0
        cnt += 1
        i -= types[t, 0]
        j -= types[t, 1]
    return out_t[:cnt][::-1].copy(), out_c[:cnt][::-1].copy()


@njit(cache=True)
def forward_scores(src, tgt, band, beads, weights, modes):
    """``D`` of :func:`banded_dp`'s forward pass: the best score of a path from (0, 0) into every
    band cell (same arguments)."""
    return _forward(src, tgt, band, beads, weights, modes)[0]


@njit(cache=True)
def merge_deficits(src, tgt, band, beads, weights, modes, D, B):
    """How far below the best path's score the best path through a merge lies, per window.

    The first six arguments are :func:`banded_dp`'s.  ``D`` holds the best score of a path
    into every band cell, ``B`` (same cells) the best score of a path from it to (n, m).  A
    bead from cell ``pc`` to cell ``c`` lies on a path scoring ``D[pc] + score + B[c]``; its
    deficit is the best total minus that.  Returns ``(dx, dy)``: ``dx[s, a]`` is the smallest
    deficit of a bead of three or more sentences whose source side is the window of ``a``
    sentences starting at ``s`` (``inf`` where there is none; ``a`` ≥ 2), ``dy`` the same on
    the target side.
    """
    lo, off = band[0], band[1]
    types = beads[0]
    n = lo.shape[0] - 1
    m = tgt[0].shape[0]
    T = types.shape[0]
    width = 1
    for t in range(T):
        width = max(width, types[t, 0], types[t, 1])
    dx = np.full((max(n, 1), width + 1), np.inf)
    dy = np.full((max(m, 1), width + 1), np.inf)
    best_total = D[_cell(lo, off, n, m)]
    for i in range(1, n + 1):
        for c in range(off[i], off[i + 1]):
            j = lo[i] + (c - off[i])
            if j < 1 or j > m or B[c] <= NEG:
                continue
            for t in range(T):
                a = types[t, 0]
                b = types[t, 1]
                if a == 0 or b == 0 or a + b < 3:
                    continue
                pi = i - a
                pj = j - b
                if pi < 0 or pj < 0:
                    continue
                pc = _cell(lo, off, pi, pj)
                if pc < 0 or D[pc] <= NEG:
                    continue
                sc, cos = _bead_score(src, tgt, band, beads, weights, modes, t, pi, a, pj, b)
                if a >= 2 and b >= 2 and _split_holds(src, tgt, band, pi, a, pj, b, cos):
                    continue
                deficit = best_total - (D[pc] + sc + B[c])
                if a >= 2 and deficit < dx[pi, a]:
                    dx[pi, a] = deficit
                if b >= 2 and deficit < dy[pj, b]:
                    dy[pj, b] = deficit
    return dx, dy


@njit(cache=True)
def adjacent_gram(X, width):
    """``G[i, d] = X[i] · X[i + d]`` for d in 1..width-1 (0 past the end)."""
    n = X.shape[0]
    G = np.zeros((n, width), dtype=np.float32)
    for i in range(n):
        G[i, 0] = 1.0
        for dd in range(1, width):
            if i + dd < n:
                s = 0.0
                for t in range(X.shape[1]):
                    s += X[i, t] * X[i + dd, t]
                G[i, dd] = s
    return G


@njit(cache=True)
def anchor_pass(S, lo, off, m, topk):
    """Bertalign-style first pass: a 1-1/1-0/0-1 path through the band where a 1-1 bead
    scores its cosine if the target is among the source sentence's ``topk`` most similar
    ones in the band (else 0) and skips score 0.  Returns the anchor corners (i, j) of
    the 1-1 beads on the path (prefix lengths after the bead)."""
    n = lo.shape[0] - 1
    # top-k threshold per row
    thr = np.full(n + 1, 1e30, dtype=np.float32)
    buf = np.empty(topk, dtype=np.float32)
    for i in range(1, n + 1):
        _row_best(S, lo, off, m, i, buf, -1e30)
        thr[i] = buf[topk - 1]
    D = np.full(off[n + 1], NEG, dtype=np.float64)
    Bt = np.full(off[n + 1], -1, dtype=np.int8)
    c0 = _cell(lo, off, 0, 0)
    D[c0] = 0.0
    for i in range(n + 1):
        for c in range(off[i], off[i + 1]):
            j = lo[i] + (c - off[i])
            if j < 0 or j > m or (i == 0 and j == 0):
                continue
            best = NEG
            bt = -1
            # 0-1
            if j >= 1:
                pc = _cell(lo, off, i, j - 1)
                if pc >= 0 and D[pc] > best:
                    best = D[pc]
                    bt = 0
            # 1-0
            if i >= 1:
                pc = _cell(lo, off, i - 1, j)
                if pc >= 0 and D[pc] > best:
                    best = D[pc]
                    bt = 1
            # 1-1
            if i >= 1 and j >= 1:
                pc = _cell(lo, off, i - 1, j - 1)
                if pc >= 0 and D[pc] > NEG:
                    v = D[pc]
                    if S[c] >= thr[i] and thr[i] > -1e29:
                        v += S[c]
                    if v > best:
                        best = v
                        bt = 2
            D[c] = best
            Bt[c] = bt
    ai = np.empty(n + m, dtype=np.int64)
    aj = np.empty(n + m, dtype=np.int64)
    cnt = 0
    i = n
    j = m
    while i > 0 or j > 0:
        c = _cell(lo, off, i, j)
        t = Bt[c]
        if t == 2:
            ai[cnt] = i
            aj[cnt] = j
            cnt += 1
            i -= 1
            j -= 1
        elif t == 1:
            i -= 1
        else:
            j -= 1
    return ai[:cnt][::-1].copy(), aj[:cnt][::-1].copy()
