"""The side-by-side view: a pandas Styler for notebooks, and ``AlignmentView``.

Every piece of text is escaped here and marked words are wrapped in
``<mark>`` built from the divergence marks' offsets; the Styler itself does
no escaping (``escape=None``), so nothing is escaped twice.  Colours are
classes from :mod:`align.views.scale`, styled by rules scoped to the table.
"""
from __future__ import annotations

import html
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..records import SIDES, Alignment
from .markup import (
    WORKING_BANNER,
    bead_rows,
    components_of,
    is_working,
    marked_html,
    spelling_label,
    unpack,
    version_caption,
)
from .scale import band_class, legend_html, style_rules

if TYPE_CHECKING:  # pragma: no cover
    from pandas.io.formats.style import Styler

_TABLE_RULES = [
    ("", "border-collapse: collapse; font-size: 0.92em"),
    ("caption", "caption-side: top; text-align: left; padding: 0.4em 0; font-size: 1.05em"),
    ("th", "text-align: left; padding: 4px 6px; border-bottom: 2px solid #888; vertical-align: bottom"),
    ("td", "padding: 4px 6px; border-bottom: 1px solid #ddd; vertical-align: top; text-align: left"),
    ("td.col-text", "min-width: 18em; max-width: 36em; white-space: normal"),
    ("td.col-num", "text-align: right; font-variant-numeric: tabular-nums"),
    (".reasons", "font-size: 0.85em; color: #333"),
]


def _fmt(x: float | None, digits: int) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def _review(r: Mapping[str, Any]) -> str:
    """The review cell: status, then the finding (kind, severity), the note, who and when."""
    parts = [f'<strong>{html.escape(r["review_status"])}</strong>']
    finding = ", ".join(x for x in (r["review_kind"], r["review_severity"]) if x)
    if finding:
        parts.append(html.escape(finding))
    if r["review_note"].strip():
        parts.append(f'<em>{html.escape(r["review_note"])}</em>')
    who = ", ".join(x for x in (r["review_by"], r["review_at"]) if x)
    if who:
        parts.append(f'<span class="reasons">{html.escape(who)}</span>')
    return "<br>".join(parts)


def _caption(a: Alignment) -> str:
    title = html.escape(a.doc_id or "alignment")
    src, tgt = (html.escape(version_caption(a.version_id(side), a.lang(side), a.meta(side),
                                            spelling_label(a.orthography(side), a.meta(side)))) for side in SIDES)
    parts = [f"<strong>{title}</strong>: source {src} ↔ target {tgt}"]
    working = [v for v, m in ((a.src_version, a.src_meta), (a.tgt_version, a.tgt_meta)) if is_working(m)]
    if working:
        parts.append(f'<span class="working-badge">{html.escape(WORKING_BANNER)}: '
                     f'{html.escape(", ".join(working))}</span>')
    return "<br>".join(parts)


def side_by_side(alignment: Any, review: Mapping[str, Any] | None = None) -> Styler:
    """A Styler showing the alignment side by side, one row per bead.

    Columns: bead, kind, gap (omission, addition, partial omission, partial
    addition or empty), source, target, similarity, divergence, reasons,
    review.  The source, target and divergence cells are coloured by the
    divergence band (see the legend in the caption; the score is shown next
    to its colour); the review cell shows the status and, when recorded, the
    finding's kind and severity, the note, who and when; words the divergence
    module marked are highlighted, with the component and its label as a
    tooltip.  The caption names the document and both versions with their
    role; a working translation carries the badge "Working translation made
    by this project — not an archival original".
    """
    import pandas as pd

    a, rev = unpack(alignment, review)
    rows = bead_rows(a, rev)
    src_lang, tgt_lang = html.escape(a.src_lang), html.escape(a.tgt_lang)
    src_head = html.escape(f"source: {a.src_version or a.src_lang}")
    tgt_head = html.escape(f"target: {a.tgt_version or a.tgt_lang}")
    if is_working(a.src_meta):
        src_head += " (working translation)"
    if is_working(a.tgt_meta):
        tgt_head += " (working translation)"
    data = {
        "bead": [html.escape(r["bead"]) for r in rows],
        "kind": [html.escape(r["kind"]) for r in rows],
        "gap": [html.escape(r["gap"]) for r in rows],
        src_head: [f'<div lang="{src_lang}">{marked_html(r["source"], r["marks"], "source")}</div>' for r in rows],
        tgt_head: [f'<div lang="{tgt_lang}">{marked_html(r["target"], r["marks"], "target")}</div>' for r in rows],
        "similarity": [_fmt(r["similarity"], 3) for r in rows],
        "divergence": [_fmt(r["divergence"], 2) for r in rows],
        "reasons": ['<div class="reasons">' + "<br>".join(html.escape(x) for x in r["reasons"]) + "</div>"
                    for r in rows],
        "review": [_review(r) for r in rows],
    }
    df = pd.DataFrame(data, index=pd.RangeIndex(len(rows), name="position"))
    bands = [band_class(r["divergence"]) for r in rows]
    classes = pd.DataFrame("", index=df.index, columns=df.columns)
    for col in (src_head, tgt_head):
        classes[col] = [f"col-text {b}" for b in bands]
    classes["divergence"] = [f"col-num {b}" for b in bands]
    classes["similarity"] = "col-num"
    styler = df.style.set_td_classes(classes)
    rules = _TABLE_RULES + style_rules(components_of(a))
    styler.set_table_styles([{"selector": sel, "props": decl} for sel, decl in rules], overwrite=True)
    styler.set_caption(_caption(a) + legend_html(components_of(a)))
    styler.hide(axis="index")
    return styler


class AlignmentView:
    """Wraps an alignment (or a stored one) so Jupyter shows it as :func:`side_by_side`."""

    def __init__(self, alignment: Any, review: Mapping[str, Any] | None = None) -> None:
        self.alignment, self.review = unpack(alignment, review)

    def styler(self) -> Styler:
        return side_by_side(self.alignment, self.review)

    def to_html(self) -> str:
        return self.styler().to_html()

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        a = self.alignment
        return f"<AlignmentView {a.doc_id} {a.src_version}↔{a.tgt_version}: {len(a.beads)} beads>"
