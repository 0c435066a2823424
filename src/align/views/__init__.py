"""Views of alignments: pandas DataFrames and Stylers for notebooks, and a standalone HTML report.

Views only read the records (beads, similarities, divergences, review state);
they never compute a score.  Importing this package is cheap: pandas is
imported by the functions that need it.

- :func:`to_frame`, :func:`top_divergences` — one row per bead; :func:`queue_frame` — a review
  queue as a table (``views.frame``)
- :func:`side_by_side`, :class:`AlignmentView` — the colour-coded Styler (``views.styled``)
- :func:`multi_version_frame`, :func:`styled_multi_version` — three or more versions
  through a pivot (``views.multi``)
- :func:`similarity_plot_svg` — similarity along the document as SVG (``views.plot``)
- :func:`write_report`, :func:`render_report` — the standalone HTML page (``views.report``)
"""
from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "to_frame": "frame", "top_divergences": "frame", "provenance": "frame", "queue_frame": "frame",
    "side_by_side": "styled", "AlignmentView": "styled",
    "multi_version_frame": "multi", "styled_multi_version": "multi",
    "similarity_plot_svg": "plot",
    "write_report": "report", "render_report": "report", "documents_for": "report",
    "DEFAULT_REPORT_NAME": "report",
    "marked_html": "markup", "bead_rows": "markup", "review_status": "markup", "WORKING_BANNER": "markup",
    "divergence_colour": "scale", "legend_html": "scale", "DIVERGENCE_BANDS": "scale", "COMPONENTS": "scale",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'align.views' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
