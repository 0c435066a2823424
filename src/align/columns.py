"""The column vocabulary of every table of beads: one set of names and separators.

``align pair --format tsv``, ``align export tsv|csv|jsonl|xlsx`` and
:func:`align.views.to_frame` all name their columns from here, so a column
means the same thing, under the same name, wherever it is read:

``bead`` (``[0]:[0,1]``), ``src_ids`` and ``tgt_ids`` (the sentence numbers,
``0,1`` in a text cell), ``kind`` (the bead's shape, ``2-1``), ``gap``
(``omission``, ``addition``, ``partial omission``, ``partial addition`` or
empty), ``source``, ``target``, ``similarity``, ``divergence``, ``reasons``
(joined by :data:`REASON_SEPARATOR` in a text cell), one ``div_<component>``
column per divergence component the beads carry (``div_meaning``,
``div_numbers``, ...), then the review: ``review_status`` (pending, accepted,
divergent, rejected), ``review_kind`` and ``review_severity`` (the finding on a
bead marked divergent: omission, addition, meaning, number/date, name,
style/other; minor, major, critical), ``review_note``, ``review_by`` and
``review_at`` (who decided, when: UTC ISO 8601).

Reasons are joined with ``" | "``, not ``"; "``: a reason may itself hold a
semicolon (``numbers differ — in the source only: “3”; in the target only:
“13”``), a vertical bar never.
"""
from __future__ import annotations

from collections.abc import Iterable

#: The columns before the divergence components.
LEADING: tuple[str, ...] = ("bead", "src_ids", "tgt_ids", "kind", "gap", "source", "target", "similarity",
                            "divergence", "reasons")
#: The review columns, after the components: status, the finding, the note, who and when.
REVIEW: tuple[str, ...] = ("review_status", "review_kind", "review_severity", "review_note", "review_by",
                           "review_at")
#: The prefix of a divergence component's column (``div_meaning``).
COMPONENT_PREFIX = "div_"
#: How reasons are joined in one text cell.
REASON_SEPARATOR = " | "
#: How sentence numbers are joined in one text cell.
IDS_SEPARATOR = ","
#: The columns holding free text (what a spreadsheet's formula guard protects).
TEXT: tuple[str, ...] = ("source", "target", "reasons", "review_note", "review_by")


def component_column(name: str) -> str:
    """The column of one divergence component: ``div_<name>``."""
    return COMPONENT_PREFIX + name


def table_columns(components: Iterable[str]) -> list[str]:
    """Every column, in order, for beads carrying ``components`` (in the order given)."""
    return list(LEADING) + [component_column(c) for c in components] + list(REVIEW)


def join_reasons(reasons: Iterable[str]) -> str:
    """Reasons as one text cell (``""`` for none)."""
    return REASON_SEPARATOR.join(reasons)


def split_reasons(cell: str) -> list[str]:
    """The reasons of a text cell written by :func:`join_reasons`."""
    return cell.split(REASON_SEPARATOR) if cell else []


def join_ids(ids: Iterable[int]) -> str:
    """Sentence numbers as one text cell: ``0,1``."""
    return IDS_SEPARATOR.join(map(str, ids))
