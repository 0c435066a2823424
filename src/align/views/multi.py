"""Three or more versions of one document in one table, through a pivot version.

Each alignment pairs the pivot with one other version.  The pivot's sentences
are grouped so that no bead of any alignment crosses a group boundary; each
row is one group: the pivot sentences, and for every other version the
sentences aligned to them, with the divergence its beads carry.
"""
from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..divergence.components import COMPONENTS
from ..errors import AlignmentError
from ..records import Alignment, Bead, Side
from .markup import WORKING_BANNER, is_working, marked_html, role_label, unpack, version_caption
from .scale import band_class, legend_html, style_rules
from .styled import _TABLE_RULES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from pandas.io.formats.style import Styler


class _Other:
    """One non-pivot version: its alignment, which side is the pivot, and its beads per group."""

    def __init__(self, a: Alignment, pivot_side: Side) -> None:
        self.a = a
        self.pivot_side: Side = pivot_side
        self.side: Side = "target" if pivot_side == "source" else "source"
        self.version = a.version_id(self.side)
        self.lang = a.lang(self.side)
        self.meta = a.meta(self.side)

    def pivot_ids(self, b: Bead) -> tuple[int, ...]:
        return b.indexes(self.pivot_side)


def _version_id(pivot: Any) -> str:
    return pivot if isinstance(pivot, str) else str(getattr(pivot, "version_id", pivot))


def _prepare(alignments: Sequence[Any], pivot_version: Any) -> tuple[str, list[_Other], Any]:
    pivot = _version_id(pivot_version)
    if not alignments:
        raise AlignmentError("multi-version view: no alignments given")
    others, seen = [], set()
    for obj in alignments:
        a, _ = unpack(obj)
        if a.src_version == pivot:
            o = _Other(a, "source")
        elif a.tgt_version == pivot:
            o = _Other(a, "target")
        else:
            raise AlignmentError(f"alignment {a.src_version}↔{a.tgt_version} of {a.doc_id!r} does not include the "
                                 f"pivot version {pivot!r}; align every version against {pivot!r} first")
        if o.version in seen:
            raise AlignmentError(f"two alignments pair {pivot!r} with {o.version!r}; pass one per version")
        seen.add(o.version)
        others.append(o)
    first = others[0]
    pivot_segs = first.a.segments(first.pivot_side)
    for o in others[1:]:
        if o.a.doc_id != first.a.doc_id:
            raise AlignmentError(f"alignments of different documents ({first.a.doc_id!r}, {o.a.doc_id!r}) "
                                 "cannot share one table")
        segs = o.a.segments(o.pivot_side)
        if [(s.start, s.end) for s in segs] != [(s.start, s.end) for s in pivot_segs]:
            raise AlignmentError(f"the pivot {pivot!r} is segmented differently in the alignment with "
                                 f"{o.version!r} than in the one with {first.version!r}; re-align both")
    return pivot, others, pivot_segs


def _groups(others: list[_Other], n: int) -> list[list[int]]:
    """Pivot sentence indexes grouped so that no bead of any alignment crosses a group."""
    joined = [False] * max(n - 1, 0)  # joined[i]: sentences i and i+1 must share a group
    for o in others:
        for b in o.a.beads:
            ids = sorted(o.pivot_ids(b))
            for i in range(ids[0], ids[-1]) if ids else ():
                joined[i] = True
    groups: list[list[int]] = [[0]] if n else [[]]
    for i in range(1, n):
        if joined[i - 1]:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _beads_per_group(o: _Other, groups: list[list[int]]) -> list[list[Bead]]:
    """The beads of one alignment that belong to each group (additions follow the preceding pivot sentence)."""
    where = {i: g for g, ids in enumerate(groups) for i in ids}
    out: list[list[Bead]] = [[] for _ in groups]
    last = 0
    for b in o.a.beads:
        ids = o.pivot_ids(b)
        if ids:
            last = where[min(ids)]
        out[last].append(b)
    return out


def _rows(alignments: Sequence[Any], pivot_version: Any) -> tuple[str, list[_Other], list[dict[str, Any]]]:
    pivot, others, pivot_segs = _prepare(alignments, pivot_version)
    groups = _groups(others, len(pivot_segs))
    per = [_beads_per_group(o, groups) for o in others]
    rows = []
    for g, ids in enumerate(groups):
        row: dict[str, Any] = {"pivot_ids": tuple(ids), pivot: " ".join(pivot_segs[i].clean for i in ids)}
        for o, beads in zip(others, per):
            bs = beads[g]
            scores = [b.divergence.score for b in bs if b.divergence is not None]
            sims = [b.similarity for b in bs if b.similarity is not None]
            row[o.version] = " ".join(t for t in (o.a.side_text(b, o.side) for b in bs) if t)
            row[f"{o.version} divergence"] = max(scores) if scores else None
            row[f"{o.version} similarity"] = min(sims) if sims else None
            row[f"{o.version} beads"] = " ".join(b.ids() for b in bs)
            row[f"_{o.version} beads"] = bs
        rows.append(row)
    return pivot, others, rows


def multi_version_frame(alignments: Sequence[Any], pivot_version: Any) -> pd.DataFrame:
    """One row per group of pivot sentences, one column per version.

    ``alignments`` pair ``pivot_version`` (a version id or a ``Version``) with
    each other version, on either side.  Columns: ``pivot_ids`` (the pivot
    sentence indexes of the group), the pivot version's text, then for each
    other version ``<v>`` (its sentences aligned to the group, joined),
    ``<v> divergence`` (the highest divergence among those beads, NaN if none is
    scored), ``<v> similarity`` (the lowest similarity) and ``<v> beads`` (the
    bead ids).  A sentence a version adds (a bead with no pivot sentence) joins
    the group of the pivot sentence before it.  ``attrs`` holds the pivot, the
    document and each version's role label.
    """
    import pandas as pd

    pivot, others, rows = _rows(alignments, pivot_version)
    cols = ["pivot_ids", pivot]
    for o in others:
        cols += [o.version, f"{o.version} divergence", f"{o.version} similarity", f"{o.version} beads"]
    df = pd.DataFrame.from_records([{k: r[k] for k in cols} for r in rows], columns=cols)
    for o in others:
        for c in (f"{o.version} divergence", f"{o.version} similarity"):
            df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    df.index.name = "group"
    first = others[0]
    pivot_meta = first.a.meta(first.pivot_side)
    df.attrs.update({"doc_id": first.a.doc_id, "pivot": pivot,
                     "roles": {pivot: role_label(pivot_meta), **{o.version: role_label(o.meta) for o in others}}})
    return df


def styled_multi_version(alignments: Sequence[Any], pivot_version: Any) -> Styler:
    """:func:`multi_version_frame` as a Styler: each version's text coloured by its divergence.

    Marked words of the non-pivot versions are highlighted; the caption names
    every version with its role, and working translations carry the badge.
    """
    import pandas as pd

    pivot, others, rows = _rows(alignments, pivot_version)
    first = others[0]
    pivot_lang = first.a.lang(first.pivot_side)
    pivot_meta = first.a.meta(first.pivot_side)
    data: dict[str, list[str]] = {
        "pivot ids": [html.escape(",".join(map(str, r["pivot_ids"]))) for r in rows],
        html.escape(f"{pivot} (pivot)"): [f'<div lang="{html.escape(pivot_lang)}">{html.escape(r[pivot])}</div>'
                                          for r in rows]}
    classes: dict[str, list[str]] = {"pivot ids": [""] * len(rows),
                                     html.escape(f"{pivot} (pivot)"): ["col-text"] * len(rows)}
    for o in others:
        head = html.escape(o.version) + (" (working translation)" if is_working(o.meta) else "")
        cells = []
        for r in rows:
            parts = [marked_html(o.a.side_text(b, o.side), b.divergence.marks if b.divergence else (), o.side)
                     for b in r[f"_{o.version} beads"]]
            cells.append(f'<div lang="{html.escape(o.lang)}">' + " ".join(p for p in parts if p) + "</div>")
        data[head] = cells
        score_col = html.escape(f"{o.version} divergence")
        data[score_col] = ["—" if r[f"{o.version} divergence"] is None else f"{r[f'{o.version} divergence']:.2f}"
                           for r in rows]
        bands = [band_class(r[f"{o.version} divergence"]) for r in rows]
        classes[head] = [f"col-text {b}" for b in bands]
        classes[score_col] = [f"col-num {b}" for b in bands]
    df = pd.DataFrame(data, index=pd.RangeIndex(len(rows), name="group"))
    styler = df.style.set_td_classes(pd.DataFrame(classes, index=df.index))
    components = tuple(dict.fromkeys(COMPONENTS + tuple(c for o in others for b in o.a.beads if b.divergence
                                                        for c in b.divergence.components)))
    rules = _TABLE_RULES + style_rules(components)
    styler.set_table_styles([{"selector": s, "props": d} for s, d in rules], overwrite=True)
    lines = [f"<strong>{html.escape(first.a.doc_id or 'document')}</strong> through the pivot "
             + html.escape(version_caption(pivot, pivot_lang, pivot_meta))]
    lines += [html.escape(version_caption(o.version, o.lang, o.meta)) for o in others]
    working = [o.version for o in others if is_working(o.meta)] + ([pivot] if is_working(pivot_meta) else [])
    if working:
        lines.append(f'<span class="working-badge">{html.escape(WORKING_BANNER)}: '
                     f'{html.escape(", ".join(working))}</span>')
    styler.set_caption("<br>".join(lines) + legend_html(components))
    styler.hide(axis="index")
    return styler
