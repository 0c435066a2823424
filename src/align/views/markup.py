"""Plain helpers every view shares: escaped text with marks, provenance labels,
review status, and one row of plain values per bead.

Nothing here imports pandas; the DataFrame, the Styler and the report are all
built from :func:`bead_rows`, so they agree on every value.  Views only read
the records: scores come from the aligner and the divergence module.
"""
from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from typing import Any

from ..divergence.components import COMPONENTS
from ..divergence.omission import gap_of
from ..records import Alignment, Bead, Mark, ReviewStatus, Role, Side, VersionMeta
from .scale import css_ident

WORKING_BANNER = "Working translation made by this project — not an archival original"


def unpack(obj: Any, review: Mapping[str, Any] | None = None) -> tuple[Alignment, Mapping[str, Any]]:
    """(alignment, review state) from an :class:`Alignment`, a ``StoredAlignment`` or a review session.

    A review session (``align.review.Review``) gives its current, unsaved state
    through ``review_dict()``.  An explicit ``review`` wins over the one the
    object carries.
    """
    if isinstance(obj, Alignment):
        return obj, review or {}
    inner = getattr(obj, "alignment", None)
    if isinstance(inner, Alignment):
        if review is not None:
            return inner, review
        current = getattr(obj, "review_dict", None)
        return inner, (current() if callable(current) else getattr(obj, "review", None)) or {}
    raise TypeError(f"expected an Alignment, a StoredAlignment or a review session, not {type(obj).__name__}")


def review_status(review: Mapping[str, Any] | None, bead: Bead) -> str:
    """The review status of a bead (``pending`` when nothing was decided)."""
    return review_fields(review, bead)["review_status"]


def review_fields(review: Mapping[str, Any] | None, bead: Bead) -> dict[str, str]:
    """A bead's review in the columns of :data:`align.columns.REVIEW`: status (``pending`` when nothing
    was decided), the finding's kind and severity, the note, who and when (``""`` when not recorded)."""
    beads = (review or {}).get("beads") or {}
    found = beads.get(bead.ids()) if isinstance(beads, Mapping) else None
    entry: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
    return {"review_status": str(entry.get("status") or ReviewStatus.PENDING),
            "review_kind": str(entry.get("kind") or ""), "review_severity": str(entry.get("severity") or ""),
            "review_note": str(entry.get("note") or ""), "review_by": str(entry.get("by") or ""),
            "review_at": str(entry.get("at") or "")}


def role_label(meta: VersionMeta | None) -> str:
    """The role of a version as every view shows it (``role not recorded`` without metadata)."""
    return meta.role.label if meta is not None else "role not recorded"


def spelling_label(read_as: str, meta: VersionMeta | None = None) -> str:
    """The spelling of a version as the views show it; ``""`` for a modern text read as written.

    ``read_as`` is the spelling the workbench read the side in (``Alignment.src_orthography``:
    empty when its reading was the text itself); ``meta.orthography`` what its metadata declares.
    """
    declared = meta.orthography if meta is not None else ""
    if read_as:
        said = f"{read_as} spelling" if read_as != "mixed" else "mixed old and modern spelling"
        note = f" (declared {declared})" if declared and declared != read_as else ""
        return f"{said}{note}: read as modern spelling for alignment and scoring, shown as written"
    return f"{declared} spelling" if declared and declared != "modern" else ""


def is_working(meta: VersionMeta | None) -> bool:
    return meta is not None and meta.role is Role.WORKING


def version_caption(version_id: str, lang: str, meta: VersionMeta | None, spelling: str = "") -> str:
    """``ru-working (ru) — working translation made by this project — not an archival original``,
    and the :func:`spelling_label` after another dash when there is one."""
    name = version_id or "?"
    caption = f"{name} ({lang}) — {role_label(meta)}" if lang else f"{name} — {role_label(meta)}"
    return f"{caption} — {spelling}" if spelling else caption


def marked_html(text: str, marks: Iterable[Mark] = (), side: Side | None = None) -> str:
    """``text`` escaped for HTML, with the marked spans wrapped in ``<mark>``.

    Offsets are character offsets into ``text`` (a bead side as
    :meth:`Alignment.side_text` gives it).  Only marks of ``side`` are used when
    it is given.  Overlapping marks split the text into pieces, each wrapped
    once with the classes of every mark covering it; offsets outside the text
    are clipped and empty spans ignored.
    """
    spans = []
    for m in marks:
        if side is not None and m.side != side:
            continue
        a, b = max(0, int(m.start)), min(len(text), int(m.end))
        if a < b:
            spans.append((a, b, m))
    if not spans:
        return html.escape(text)
    cuts = sorted({0, len(text), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b])
        active = [m for s, e, m in spans if s <= a and b <= e]
        if not active:
            out.append(piece)
            continue
        comps = list(dict.fromkeys(m.component for m in active))
        classes = " ".join(f"m-{css_ident(c)}" for c in comps)
        title = "; ".join(dict.fromkeys(f"{m.component}: {m.label}" if m.label else m.component for m in active))
        out.append(f'<mark class="hl {classes}" data-component="{html.escape(" ".join(comps))}" '
                   f'title="{html.escape(title)}">{piece}</mark>')
    return "".join(out)


def components_of(alignment: Alignment) -> tuple[str, ...]:
    """The standard components, then any other component name the beads carry (sorted)."""
    extra: set[str] = set()
    for b in alignment.beads:
        if b.divergence is not None:
            extra.update(k for k in b.divergence.components if k not in COMPONENTS)
    return COMPONENTS + tuple(sorted(extra))


def bead_rows(alignment: Alignment, review: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """One dict of plain values per bead, in alignment order.

    Keys: ``position, bead, kind`` (the shape, ``1-2``), ``gap`` (``omission``,
    ``addition``, ``partial omission``, ``partial addition`` or ``""``: see
    :func:`align.divergence.gap_of`), ``src_ids, tgt_ids, source, target, similarity,
    divergence, reasons`` (a tuple), ``components`` (name → score), ``marks``
    (a tuple of :class:`Mark`) and the review (:func:`review_fields`:
    ``review_status``, ``review_kind``, ``review_severity``, ``review_note``,
    ``review_by``, ``review_at``).  Missing scores are ``None``.
    """
    rows = []
    for pos, b in enumerate(alignment.beads):
        d = b.divergence
        rows.append({
            "position": pos,
            "bead": b.ids(),
            "kind": b.kind,
            "gap": gap_of(b),
            "src_ids": tuple(b.src),
            "tgt_ids": tuple(b.tgt),
            "source": alignment.side_text(b, "source"),
            "target": alignment.side_text(b, "target"),
            "similarity": None if b.similarity is None else float(b.similarity),
            "divergence": None if d is None else float(d.score),
            "reasons": tuple(d.reasons) if d is not None else (),
            "components": {k: float(v) for k, v in d.components.items()} if d is not None else {},
            "marks": tuple(d.marks) if d is not None else (),
            **review_fields(review, b),
        })
    return rows
