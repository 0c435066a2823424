"""TSV, CSV and JSON Lines exports: one row per bead with every score.

Columns, in order (the one vocabulary of :mod:`align.columns`, shared with
``align pair --format tsv``, the XLSX export and :func:`align.views.to_frame`):
``bead`` (``[0]:[0,1]``), ``src_ids`` and ``tgt_ids`` (``0,1``; a list in
JSONL), ``kind`` (``2-1``), ``gap`` (``omission``, ``addition``, ``partial
omission``, ``partial addition`` or empty: a sentence without counterpart, see
``docs/divergence.md``), ``source``, ``target``, ``similarity``,
``divergence``, ``reasons`` (joined with ``" | "``; a list in JSONL), one
``div_<component>`` column per divergence component present (``div_meaning``,
``div_numbers``, ...), then the review: ``review_status``, ``review_kind``,
``review_severity`` (a divergent bead's finding), ``review_note``,
``review_by`` and ``review_at`` (who decided, when).  A missing score is an
empty cell (``null`` in JSONL); a review field nobody filled is empty.

Quoting rule (TSV and CSV alike, RFC 4180 style): a field holding the
delimiter, a double quote, a carriage return or a line feed is enclosed in
double quotes, and each double quote inside it is doubled; every other field
is written as it is, and rows end with ``"\\n"``.  Segment texts never hold
tabs or line breaks (they are joined and whitespace-collapsed), but review
notes and reasons may.  ``pandas.read_csv(path, sep="\\t",
keep_default_na=False)`` reads the TSV back exactly (``keep_default_na=False``
keeps a segment reading ``NA`` or ``None`` as text);
``pandas.read_json(path, lines=True, dtype=False)`` does the same for JSONL
(``dtype=False`` keeps a segment such as ``1920`` a string).

Formula guard (CSV by default, TSV on request): spreadsheet programs run a cell
that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) as
a formula, so an archival sentence such as ``=HYPERLINK(...)``, or a dialogue
line ``- Yes.``, would be executed or mangled when the file is opened.  With
the guard, such a *text* cell (source, target, reasons, review note) gets a
leading apostrophe, which spreadsheets hide and treat as "this is text"
(the OWASP advice for CSV injection); numbers are never changed.  Reading the
CSV back with pandas, strip it: ``df[col].str.removeprefix("'")`` on cells that
start with ``'`` followed by one of those characters.
"""
from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..columns import TEXT, component_column, join_ids, join_reasons, table_columns
from ..errors import ExportError
from ..records import Alignment
from .rows import ExportRow, check_fresh, component_names, export_rows, write_output

#: Table formats and their field delimiters (``None``: JSON Lines).
FORMATS: dict[str, str | None] = {"tsv": "\t", "csv": ",", "jsonl": None}

#: What makes a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet would take it for a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def columns(rows: list[ExportRow]) -> list[str]:
    """The column names for ``rows`` (see the module docstring)."""
    return table_columns(component_names(rows))


def _number(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), 4)


def records(rows: list[ExportRow]) -> list[dict[str, Any]]:
    """One dict per row, keys as :func:`columns`; ids and reasons are lists, missing scores ``None``."""
    comps = component_names(rows)
    out = []
    for r in rows:
        rec: dict[str, Any] = {
            "bead": r.bead, "src_ids": list(r.src_ids), "tgt_ids": list(r.tgt_ids), "kind": r.kind, "gap": r.gap,
            "source": r.source, "target": r.target, "similarity": _number(r.similarity),
            "divergence": _number(r.divergence), "reasons": list(r.reasons)}
        for c in comps:
            rec[component_column(c)] = _number(r.components.get(c))
        rec.update(review_status=r.review_status, review_kind=r.review_kind, review_severity=r.review_severity,
                   review_note=r.note, review_by=r.review_by, review_at=r.review_at)
        out.append(rec)
    return out


def quote_field(value: str, delimiter: str) -> str:
    """``value`` quoted by the module's rule when it holds the delimiter, ``"``, CR or LF."""
    if any(c in value for c in (delimiter, '"', "\r", "\n")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return join_ids(value) if all(isinstance(v, int) for v in value) else join_reasons(map(str, value))
    return str(value)


def _lines(rows: list[ExportRow], fmt: str, guard: bool) -> Iterator[str]:
    recs = records(rows)
    delimiter = FORMATS[fmt]
    if delimiter is None:
        for rec in recs:
            yield json.dumps(rec, ensure_ascii=False) + "\n"
        return
    cols = columns(rows)
    guarded = {c for c in cols if guard and c in TEXT}
    yield delimiter.join(quote_field(c, delimiter) for c in cols) + "\n"
    for rec in recs:
        cells = (guard_formula(_cell(rec[c])) if c in guarded else _cell(rec[c]) for c in cols)
        yield delimiter.join(quote_field(v, delimiter) for v in cells) + "\n"


def table_text(alignment: Alignment, fmt: str, *, include_empty: bool = False,
               include_rejected: bool = False, accepted_only: bool = False, exclude_divergent: bool = False,
               review: Any = None, current_texts: tuple[str, str] | None = None,
               formula_guard: bool | None = None) -> tuple[str, int]:
    """``(text, number of rows)`` of the table; arguments as for :func:`write_table`."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown table format {fmt!r}; use one of: {', '.join(FORMATS)}")
    check_fresh(alignment, current_texts)
    rows = export_rows(alignment, review, include_empty=include_empty, include_rejected=include_rejected,
                       accepted_only=accepted_only, exclude_divergent=exclude_divergent)
    guard = (fmt == "csv") if formula_guard is None else formula_guard
    return "".join(_lines(rows, fmt, guard and FORMATS[fmt] is not None)), len(rows)


def write_table(alignment: Alignment, path_or_file: str | Path | IO[str], fmt: str, *,
                include_empty: bool = False, include_rejected: bool = False, accepted_only: bool = False,
                exclude_divergent: bool = False, review: Any = None,
                current_texts: tuple[str, str] | None = None, formula_guard: bool | None = None) -> int:
    """Write the beads of ``alignment`` as ``fmt`` (``tsv``, ``csv`` or ``jsonl``); returns the row count.

    The beads are those the TMX export writes, chosen by the same options
    (1-0/0-1 and rejected beads only on request; ``accepted_only`` and
    ``exclude_divergent`` as in :func:`align.export.rows.export_rows`), so the
    two can be compared line by line; ``review`` and ``current_texts`` (the
    staleness check) work as in :func:`align.export.tmx.write_tmx`.
    ``formula_guard`` (default: on for CSV, off for TSV; JSON Lines never)
    prefixes an apostrophe to text cells a spreadsheet would run as formulas
    (see the module docstring).  A path is written atomically; an open text
    stream is written to directly.
    """
    text, n = table_text(alignment, fmt, include_empty=include_empty, include_rejected=include_rejected,
                         accepted_only=accepted_only, exclude_divergent=exclude_divergent,
                         review=review, current_texts=current_texts, formula_guard=formula_guard)
    write_output(path_or_file, text, fmt.upper())
    return n
