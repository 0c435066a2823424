"""What ``align run`` did: the status of each pair of versions, declared once.

The driver (:mod:`align.batch`) sets the statuses; the summary table
(:mod:`align.cli.run`), ``--json`` and the index page
(:mod:`align.views.index`) read them.
"""
from __future__ import annotations

import enum


class RunStatus(enum.StrEnum):
    """Where a pair of versions stands in a run; the value is what tables and ``--json`` show."""

    TO_DO = "to do"                  # planned: to be computed by this run
    ALIGNED = "aligned"              # computed and saved by this run
    UNCHANGED = "unchanged"          # its stored alignment has the signature a new run would give
    FAILED = "failed"                # could not be read, computed or written (see the pair's error)
    # the index page only, for documents a ``--doc`` run did not touch:
    OUT_OF_DATE = "out of date"      # stored, but its texts, model or settings changed since
    NOT_ALIGNED = "not aligned yet"  # no stored alignment at all
