"""Exports of an alignment (TMX 1.4b, TSV, CSV, JSON Lines, XLSX, TEI P5) and the TMX reader.

Importing this package is cheap: the names below are loaded on first use,
and lxml only when a TMX is actually written or read.

* :func:`write_tmx` / :func:`build_tmx` — :mod:`align.export.tmx`
* :func:`read_tmx` — :mod:`align.export.tmx_import`
* :func:`write_table` / :func:`table_text` — :mod:`align.export.tables`
* :func:`write_xlsx` / :func:`build_xlsx` — :mod:`align.export.xlsx` (openpyxl)
* :func:`write_tei` / :func:`build_tei` — :mod:`align.export.tei`
* :func:`export_rows`, :func:`review_state`, :func:`check_fresh`,
  :func:`texts_for` — :mod:`align.export.rows` (what every exporter shares)
* :func:`validate_tag`, :func:`parse_overrides` — :mod:`align.export.langtags`

User documentation: ``docs/export.md``.
"""
from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "write_tmx": "tmx", "build_tmx": "tmx",
    "read_tmx": "tmx_import",
    "write_table": "tables", "table_text": "tables", "FORMATS": "tables",
    "write_xlsx": "xlsx", "build_xlsx": "xlsx", "write_tei": "tei", "build_tei": "tei",
    "ExportRow": "rows", "export_rows": "rows", "review_state": "rows", "check_fresh": "rows",
    "texts_for": "rows",
    "validate_tag": "langtags", "parse_overrides": "langtags",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'align.export' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
