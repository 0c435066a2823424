"""XLSX export: the beads as a spreadsheet to review in Excel or LibreOffice Calc, and their provenance.

Written with openpyxl (MIT).  Two sheets:

* **Alignment** — one row per exported bead (the rows of
  :func:`align.export.rows.export_rows`, chosen by the same options as TMX and
  TSV).  Columns as in the TSV export (the one vocabulary of
  :mod:`align.columns`: ``bead``, ``src_ids``, ``tgt_ids``, ``kind``, ``gap``,
  ``source``, ``target``, ``similarity``, ``divergence``, ``reasons`` (joined
  by ``" | "``), ``div_<component>`` ..., ``review_status``, ``review_kind``,
  ``review_severity``, ``review_note``, ``review_by``, ``review_at``).  Scores are
  numbers (two decimals shown, four kept); the row's ``divergence`` cell and
  both text cells are filled with the divergence colour of the views
  (:mod:`align.views.scale`); the header row is frozen (with the bead
  column) and carries an autofilter; text cells wrap.  The header cell of a
  side that is a working translation has a comment saying so.
* **Provenance** — what the file was made from: the document, both versions
  (language, role — a working translation labelled as one, never as an
  original —, title, source, translator, the source file ``align add`` read
  with its format and SHA-256, the SHA-256 of the text aligned), the
  alignment's signature (model, settings, workbench version), the export
  time, the review counts, and the legend of the divergence colours.

Text cells are always strings: an archival sentence starting with ``=``
stays text, never a formula.  XML-forbidden control characters are removed
with a :class:`~align.errors.TextCleanupWarning`, as in the TMX export.
"""
from __future__ import annotations

import io
import math
import warnings
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from .. import __version__
from ..columns import TEXT, component_column, join_ids, join_reasons, table_columns
from ..errors import TextCleanupWarning
from ..records import Alignment, Role, VersionMeta
from ..views.scale import DIVERGENCE_BANDS, NO_SCORE_COLOUR, NO_SCORE_LABEL, divergence_colour
from .rows import ExportRow, check_fresh, component_names, export_rows, write_output
from .xmlchars import describe, xml_safe

_TEXT = set(TEXT)
_WIDTHS = {"bead": 14, "src_ids": 8, "tgt_ids": 8, "kind": 6, "gap": 16, "source": 60, "target": 60, "similarity": 10,
           "divergence": 10, "reasons": 40, "review_status": 12, "review_kind": 12, "review_severity": 10,
           "review_note": 30, "review_by": 14, "review_at": 20}


def columns(rows: list[ExportRow]) -> list[str]:
    """The Alignment sheet's column names for ``rows`` (see the module docstring)."""
    return table_columns(component_names(rows))


def _number(value: float | None) -> float | None:
    return None if value is None or not math.isfinite(value) else round(float(value), 4)


def _values(row: ExportRow) -> dict[str, Any]:
    v: dict[str, Any] = {
        "bead": row.bead, "src_ids": join_ids(row.src_ids), "tgt_ids": join_ids(row.tgt_ids),
        "kind": row.kind, "gap": row.gap, "source": row.source, "target": row.target,
        "similarity": _number(row.similarity),
        "divergence": _number(row.divergence), "reasons": join_reasons(row.reasons),
        "review_status": row.review_status, "review_kind": row.review_kind,
        "review_severity": row.review_severity, "review_note": row.note, "review_by": row.review_by,
        "review_at": row.review_at}
    for name, score in row.components.items():
        v[component_column(name)] = _number(score)
    return v


def _clean(value: Any, where: str) -> Any:
    if not isinstance(value, str):
        return value
    cleaned, removed = xml_safe(value)
    if removed:
        warnings.warn(f"{where}: removed {describe(removed)} (XLSX cannot hold them)", TextCleanupWarning,
                      stacklevel=5)
    return cleaned


def _set_text(cell: Any, value: str) -> None:
    """A string cell, never a formula (openpyxl would read a leading '=' as one)."""
    cell.value = value
    cell.data_type = "s"


def _fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill
    hex6 = colour.lstrip("#").upper()
    return PatternFill(fill_type="solid", start_color=hex6, end_color=hex6)


def role_text(meta: VersionMeta | None) -> str:
    """The role as every view labels it (a working translation says it is not an original)."""
    if meta is None:
        return "role not recorded"
    return meta.role.label


def _alignment_sheet(ws: Any, alignment: Alignment, rows: list[ExportRow]) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    cols = columns(rows)
    bold = Font(bold=True)
    for j, name in enumerate(cols, start=1):
        cell = ws.cell(row=1, column=j)
        _set_text(cell, name)
        cell.font = bold
        meta = alignment.src_meta if name == "source" else alignment.tgt_meta if name == "target" else None
        if meta is not None:
            version = alignment.src_version if name == "source" else alignment.tgt_version
            note = f"{name}: version {version} ({meta.language}), {role_text(meta)}"
            if meta.role is Role.WORKING:
                note += ". Not an archival original; do not cite it."
            cell.comment = Comment(note, "align-workbench")
        ws.column_dimensions[get_column_letter(j)].width = _WIDTHS.get(name, 10)
    wrap = CellAlignment(wrap_text=True, vertical="top")
    top = CellAlignment(vertical="top")
    for i, row in enumerate(rows, start=2):
        values = _values(row)
        fill = _fill(divergence_colour(row.divergence))
        for j, name in enumerate(cols, start=1):
            cell = ws.cell(row=i, column=j)
            value = _clean(values.get(name), f"{alignment.doc_id or 'alignment'}: bead {row.bead} {name}")
            if isinstance(value, str):
                _set_text(cell, value)
            else:
                cell.value = value
                if value is not None:
                    cell.number_format = "0.00"
            cell.alignment = wrap if name in _TEXT else top
            if name in ("source", "target", "divergence"):
                cell.fill = fill
    ws.freeze_panes = "B2"
    last = get_column_letter(len(cols))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"


def provenance_rows(alignment: Alignment, rows: list[ExportRow], created: str) -> list[tuple[str, str]]:
    """``(field, value)`` pairs of the Provenance sheet, in order."""
    sig = alignment.signature
    out: list[tuple[str, str]] = [
        ("document", alignment.doc_id or ""),
        ("exported", created),
        ("exported by", f"align-workbench {__version__}"),
    ]
    for side, version, lang, meta, sha in (
            ("source", alignment.src_version, alignment.src_lang, alignment.src_meta, sig.src_sha256),
            ("target", alignment.tgt_version, alignment.tgt_lang, alignment.tgt_meta, sig.tgt_sha256)):
        out += [(f"{side} version", version or ""), (f"{side} language", lang),
                (f"{side} role", role_text(meta))]
        if meta is not None:
            if meta.role is Role.WORKING:
                out.append((f"{side} WORKING TRANSLATION",
                            "made by this project to demonstrate the workbench; not an archival original, "
                            "not to be cited"))
            for name in ("title", "source", "date", "place", "author", "translator", "notes"):
                if getattr(meta, name):
                    out.append((f"{side} {name}", getattr(meta, name)))
            for name, value in meta.provenance.items():
                out.append((f"{side} {name}", value))
        out.append((f"{side} text sha256", sha))
    out += [("model", sig.model), ("settings", "; ".join(f"{k}={v}" for k, v in sorted(sig.settings.items()))),
            ("signature", str(sig)), ("beads exported", str(len(rows)))]
    counts = Counter(r.review_status for r in rows)
    out.append(("review", ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "none"))
    return out


def _provenance_sheet(ws: Any, alignment: Alignment, rows: list[ExportRow], created: str) -> None:
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font

    bold = Font(bold=True)
    _set_text(ws.cell(row=1, column=1), "field")
    _set_text(ws.cell(row=1, column=2), "value")
    ws.cell(row=1, column=1).font = ws.cell(row=1, column=2).font = bold
    r = 2
    for key, value in provenance_rows(alignment, rows, created):
        _set_text(ws.cell(row=r, column=1), key)
        _set_text(ws.cell(row=r, column=2), _clean(value, f"provenance {key}"))
        ws.cell(row=r, column=2).alignment = CellAlignment(wrap_text=True, vertical="top")
        if "WORKING" in key:
            ws.cell(row=r, column=1).font = bold
        r += 1
    r += 1
    _set_text(ws.cell(row=r, column=1), "divergence colours")
    ws.cell(row=r, column=1).font = bold
    for band in DIVERGENCE_BANDS:
        r += 1
        _set_text(ws.cell(row=r, column=1), f"{band.low:.1f}–{band.high:.1f}")
        _set_text(ws.cell(row=r, column=2), band.label)
        ws.cell(row=r, column=2).fill = _fill(band.colour)
    r += 1
    _set_text(ws.cell(row=r, column=1), "no score")
    _set_text(ws.cell(row=r, column=2), NO_SCORE_LABEL)
    ws.cell(row=r, column=2).fill = _fill(NO_SCORE_COLOUR)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 100
    ws.freeze_panes = "A2"


def build_xlsx(alignment: Alignment, *, include_empty: bool = False, include_rejected: bool = False,
               accepted_only: bool = False, exclude_divergent: bool = False,
               review: Any = None, current_texts: tuple[str, str] | None = None,
               created: datetime | None = None) -> tuple[bytes, int]:
    """``(the workbook's bytes, rows written)``; arguments as for :func:`write_xlsx`."""
    from openpyxl import Workbook
    check_fresh(alignment, current_texts)
    rows = export_rows(alignment, review, include_empty=include_empty, include_rejected=include_rejected,
                       accepted_only=accepted_only, exclude_divergent=exclude_divergent)
    when = (created or datetime.now(UTC)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    wb = Workbook()
    ws = wb.active
    ws.title = "Alignment"
    _alignment_sheet(ws, alignment, rows)
    _provenance_sheet(wb.create_sheet("Provenance"), alignment, rows, when)
    wb.properties.creator = "align-workbench"
    wb.properties.title = f"{alignment.doc_id}: {alignment.src_version} / {alignment.tgt_version}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), len(rows)


def write_xlsx(alignment: Alignment, path_or_file: str | Path | IO[bytes], *, include_empty: bool = False,
               include_rejected: bool = False, accepted_only: bool = False, exclude_divergent: bool = False,
               review: Any = None,
               current_texts: tuple[str, str] | None = None, created: datetime | None = None) -> int:
    """Write ``alignment`` as an XLSX workbook; returns the number of bead rows.

    The beads, ``review``, ``current_texts`` (the staleness check) and the
    ``include_*`` options work as in :func:`align.export.tmx.write_tmx`.
    A path is written atomically; a binary stream is written to directly.
    """
    data, n = build_xlsx(alignment, include_empty=include_empty, include_rejected=include_rejected,
                         accepted_only=accepted_only, exclude_divergent=exclude_divergent,
                         review=review, current_texts=current_texts, created=created)
    write_output(path_or_file, data, "XLSX")
    return n
