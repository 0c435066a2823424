"""Similarity and divergence of each bead along the document, as a self-contained SVG.

No plotting library is needed: the SVG is written by hand, every text in it is
escaped, and each point links to its row (``#<row_prefix><position>``) so the
report can jump from the plot to the table.

Two panels share the x axis (bead position).  The upper one shows similarity
on an axis *fitted to the data*: similarities of a good alignment sit between
0.85 and 0.95, and on a fixed 0–1 axis two thousand of them smear into one
line at the top.  The lower one shows the divergence score, from 0 to a little
above the highest score or the review threshold, with the threshold drawn as a
dashed line: every point above it is in the review queue.
"""
from __future__ import annotations

import html
import math
from typing import Any

from ..review.queue import default_threshold
from .markup import unpack
from .scale import divergence_colour

#: Tick steps tried for a fitted axis, smallest first.
_STEPS = (0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5)


def _num(x: float) -> str:
    return f"{x:.1f}"


def fitted_range(values: list[float], *, pad: float = 0.01, floor: float | None = None,
                 ceiling: float | None = None, span: float = 0.06) -> tuple[float, float, float]:
    """``(low, high, tick step)`` of an axis showing ``values`` with a little room, on round numbers.

    ``floor``/``ceiling`` bound the axis (similarity never goes above 1); the
    axis is at least ``span`` tall so that a flat series does not look steep;
    the step is the smallest of 0.01, 0.02, 0.05, ... giving at most six intervals.
    """
    if not values:
        lo, hi = (floor if floor is not None else 0.0), (ceiling if ceiling is not None else 1.0)
    else:
        lo, hi = min(values) - pad, max(values) + pad
        if hi - lo < span:
            mid = (hi + lo) / 2
            lo, hi = mid - span / 2, mid + span / 2
        if ceiling is not None and hi > ceiling:
            lo, hi = lo - (hi - ceiling), ceiling
        if floor is not None and lo < floor:
            lo, hi = floor, min(hi + (floor - lo), ceiling if ceiling is not None else math.inf)
    for step in _STEPS:
        low = math.floor(round(lo / step, 6)) * step
        high = math.ceil(round(hi / step, 6)) * step
        if round((high - low) / step) <= 6:
            break
    if ceiling is not None:
        high = min(high, ceiling)
    if floor is not None:
        low = max(low, floor)
    return round(low, 6), round(high, 6), step


def _ticks(lo: float, hi: float, step: float) -> list[float]:
    n = int(round((hi - lo) / step))
    return [lo + step * k for k in range(n + 1) if lo + step * k <= hi + 1e-9]


def similarity_plot_svg(alignment: Any, *, width: int = 760, height: int = 300, row_prefix: str | None = None,
                        title: str | None = None, threshold: float | None = None) -> str:
    """An ``<svg>`` plot of each bead along the document: similarity above, divergence below.

    Points are filled with the divergence colour of their bead; beads with no
    similarity (an empty side) are drawn as hollow squares just under the
    similarity panel.  The similarity axis is fitted to the data; the divergence
    panel draws ``threshold`` (default: the review threshold) as a dashed line,
    and beads at or above it with a heavier outline.  With ``row_prefix`` each
    point is a link to ``#<row_prefix><position>``.  Returns the SVG text (with
    ``xmlns``), ready for ``IPython.display.SVG`` or inline HTML.
    """
    a, _ = unpack(alignment)
    t = default_threshold() if threshold is None else float(threshold)
    left, right, top, bottom, gap = 52, 14, 26, 34, 30
    pw = width - left - right
    ph_all = height - top - bottom - gap
    ph_sim, ph_div = round(ph_all * 0.55), ph_all - round(ph_all * 0.55)
    top_div = top + ph_sim + gap
    sims = [b.similarity for b in a.beads]
    divs = [b.divergence.score if b.divergence is not None else None for b in a.beads]
    present = [float(s) for s in sims if s is not None]
    s_lo, s_hi, s_step = fitted_range(present, ceiling=1.0)
    scored = [float(d) for d in divs if d is not None]
    d_hi = min(1.0, math.ceil((max(scored + [t]) + 0.05) * 10) / 10)
    d_lo, d_step = 0.0, (0.25 if d_hi > 0.6 else 0.1)
    n = max(len(a.beads), 1)
    radius = max(1.6, min(4.5, pw / n * 0.45))
    above = sum(1 for d in scored if d >= t)

    def x(i: int) -> float:
        return left + (pw * (i + 0.5) / n)

    def y_sim(v: float) -> float:
        return top + ph_sim * (1.0 - (min(max(v, s_lo), s_hi) - s_lo) / ((s_hi - s_lo) or 1.0))

    def y_div(v: float) -> float:
        return top_div + ph_div * (1.0 - (min(max(v, d_lo), d_hi) - d_lo) / ((d_hi - d_lo) or 1.0))

    label = title if title is not None else (
        f"Similarity and divergence along {a.doc_id or 'the document'}: {a.src_version} ↔ {a.tgt_version}")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="similarity-plot" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(label)}" '
           f'font-family="sans-serif" font-size="11">',
           f"<title>{html.escape(label)}</title>",
           f'<text x="{left}" y="15" fill="#222" font-size="12" font-weight="bold">{html.escape(label)}</text>']
    for panel_top, ph, lo, hi, step, y, name in (
            (top, ph_sim, s_lo, s_hi, s_step, y_sim, "similarity"),
            (top_div, ph_div, d_lo, d_hi, d_step, y_div, "divergence")):
        out.append(f'<rect class="panel {name}" x="{left}" y="{panel_top}" width="{pw}" height="{ph}" '
                   'fill="#fafafa" stroke="#bbb"/>')
        digits = 2 if step < 0.1 or name == "divergence" else 1
        for v in _ticks(lo, hi, step):
            out.append(f'<line x1="{left}" x2="{left + pw}" y1="{_num(y(v))}" y2="{_num(y(v))}" stroke="#e2e2e2"/>')
            out.append(f'<text x="{left - 6}" y="{_num(y(v) + 4)}" text-anchor="end" fill="#444">{v:.{digits}f}</text>')
        out.append(f'<text x="12" y="{panel_top + ph / 2:.1f}" text-anchor="middle" fill="#222" '
                   f'transform="rotate(-90 12 {panel_top + ph / 2:.1f})">{name}</text>')
    ty = y_div(t)
    out.append(f'<line class="threshold" x1="{left}" x2="{left + pw}" y1="{_num(ty)}" y2="{_num(ty)}" '
               'stroke="#222" stroke-width="1.3" stroke-dasharray="6 4"/>')
    out.append(f'<text class="threshold-label" x="{left + pw - 4}" y="{_num(ty - 4)}" text-anchor="end" '
               f'fill="#222">review threshold {t:.2f}: {above} bead{"s" if above != 1 else ""} at or above</text>')
    tick = max(1, math.ceil(n / 10))
    for i in range(0, len(a.beads), tick):
        out.append(f'<text x="{_num(x(i))}" y="{top_div + ph_div + 14}" text-anchor="middle" fill="#444">{i}</text>')
    out.append(f'<text x="{left + pw / 2:.1f}" y="{height - 4}" text-anchor="middle" fill="#222">'
               f"bead (position in the document)</text>")
    pts = [(x(i), y_sim(float(s))) for i, s in enumerate(sims) if s is not None]
    if len(pts) > 1:
        out.append('<polyline fill="none" stroke="#607d8b" stroke-width="1" points="'
                   + " ".join(f"{_num(px)},{_num(py)}" for px, py in pts) + '"/>')
    for i, b in enumerate(a.beads):
        div = divs[i]
        tip = html.escape(f"bead {i} {b.ids()} ({b.kind}): similarity "
                          f"{'—' if b.similarity is None else format(b.similarity, '.3f')}, divergence "
                          f"{'—' if div is None else format(div, '.2f')}")
        colour = divergence_colour(div)
        flagged = div is not None and div >= t
        stroke = 'stroke="#000" stroke-width="1.8"' if flagged else 'stroke="#37474f" stroke-width="0.8"'
        if b.similarity is None:
            # under the panel, between the two: not a similarity, so not on the similarity axis
            sim_shape = (f'<rect class="point no-sim" x="{_num(x(i) - 4)}" y="{_num(top + ph_sim + gap / 2 - 4)}" '
                         f'width="8" height="8" fill="#fff" stroke="#000" stroke-width="1.5">'
                         f"<title>{tip}</title></rect>")
        else:
            sim_shape = (f'<circle class="point" cx="{_num(x(i))}" cy="{_num(y_sim(float(b.similarity)))}" '
                         f'r="{radius:.1f}" fill="{colour}" {stroke}><title>{tip}</title></circle>')
        shapes = [sim_shape]
        if div is not None:
            shapes.append(f'<circle class="point div{" flagged" if flagged else ""}" cx="{_num(x(i))}" '
                          f'cy="{_num(y_div(div))}" r="{radius:.1f}" fill="{colour}" {stroke}>'
                          f"<title>{tip}</title></circle>")
        for shape in shapes:
            out.append(f'<a href="#{html.escape(row_prefix)}{i}">{shape}</a>' if row_prefix is not None else shape)
    out.append("</svg>")
    return "\n".join(out)
