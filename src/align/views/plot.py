"""The similarity of each bead along the document, as a self-contained SVG.

No plotting library is needed: the SVG is written by hand, every text in it is
escaped, and each point links to its row (``#<row_prefix><position>``) so the
report can jump from the plot to the table.
"""
from __future__ import annotations

import html
import math
from typing import Any

from .markup import unpack
from .scale import divergence_colour


def _num(x: float) -> str:
    return f"{x:.1f}"


def similarity_plot_svg(alignment: Any, *, width: int = 760, height: int = 220,
                        row_prefix: str | None = None, title: str | None = None) -> str:
    """An ``<svg>`` plot: bead position along the document (x) against similarity (y).

    Points are filled with the divergence colour of their bead; beads with no
    similarity (an empty side) are drawn as hollow squares on the x axis.  With
    ``row_prefix`` each point is a link to ``#<row_prefix><position>``.  Returns
    the SVG text (with ``xmlns``), ready for ``IPython.display.SVG`` or inline HTML.
    """
    a, _ = unpack(alignment)
    left, right, top, bottom = 48, 12, 24, 36
    pw, ph = width - left - right, height - top - bottom
    sims = [b.similarity for b in a.beads]
    present = [float(s) for s in sims if s is not None]
    lo = min([0.0] + [math.floor(min(present) * 4) / 4 for _ in present[:1]])  # negative cosines widen the axis
    n = max(len(a.beads), 1)

    def x(i: int) -> float:
        return left + (pw * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + ph * (1.0 - (v - lo) / (1.0 - lo))

    label = title if title is not None else (
        f"Similarity along {a.doc_id or 'the document'}: {a.src_version} ↔ {a.tgt_version}")
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="similarity-plot" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(label)}" '
           f'font-family="sans-serif" font-size="11">',
           f"<title>{html.escape(label)}</title>",
           f'<text x="{left}" y="15" fill="#222" font-size="12" font-weight="bold">{html.escape(label)}</text>',
           f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="#fafafa" stroke="#bbb"/>']
    steps = int(round((1.0 - lo) / 0.25))
    for k in range(steps + 1):
        v = lo + (1.0 - lo) * k / steps
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{_num(y(v))}" y2="{_num(y(v))}" stroke="#e2e2e2"/>')
        out.append(f'<text x="{left - 6}" y="{_num(y(v) + 4)}" text-anchor="end" fill="#444">{v:.2f}</text>')
    tick = max(1, n // 10)
    for i in range(0, len(a.beads), tick):
        out.append(f'<text x="{_num(x(i))}" y="{top + ph + 14}" text-anchor="middle" fill="#444">{i}</text>')
    out.append(f'<text x="{left + pw / 2:.1f}" y="{height - 4}" text-anchor="middle" fill="#222">'
               f"bead (position in the document)</text>")
    out.append(f'<text x="12" y="{top + ph / 2:.1f}" text-anchor="middle" fill="#222" '
               f'transform="rotate(-90 12 {top + ph / 2:.1f})">similarity</text>')
    pts = [(x(i), y(float(s))) for i, s in enumerate(sims) if s is not None]
    if len(pts) > 1:
        out.append('<polyline fill="none" stroke="#607d8b" stroke-width="1.2" points="'
                   + " ".join(f"{_num(px)},{_num(py)}" for px, py in pts) + '"/>')
    for i, b in enumerate(a.beads):
        div = b.divergence.score if b.divergence is not None else None
        tip = (f"{b.ids()} ({b.kind}): similarity "
               f"{'—' if b.similarity is None else format(b.similarity, '.3f')}, divergence "
               f"{'—' if div is None else format(div, '.2f')}")
        colour = divergence_colour(div)
        if b.similarity is None:
            shape = (f'<rect class="point no-sim" x="{_num(x(i) - 4)}" y="{_num(y(lo) - 4)}" width="8" height="8" '
                     f'fill="#fff" stroke="#b71c1c" stroke-width="1.5"><title>{html.escape(tip)}</title></rect>')
        else:
            shape = (f'<circle class="point" cx="{_num(x(i))}" cy="{_num(y(float(b.similarity)))}" r="4.5" '
                     f'fill="{colour}" stroke="#37474f"><title>{html.escape(tip)}</title></circle>')
        if row_prefix is not None:
            shape = f'<a href="#{html.escape(row_prefix)}{i}">{shape}</a>'
        out.append(shape)
    out.append("</svg>")
    return "\n".join(out)
