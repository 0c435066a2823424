"""An alignment as a pandas DataFrame: one row per bead.

pandas is imported inside the functions, so importing :mod:`align.views`
stays cheap.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..columns import LEADING, REVIEW, component_column, join_reasons
from .markup import bead_rows, components_of, role_label, spelling_label, unpack

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The leading columns of :func:`to_frame`; one ``div_<component>`` column per component and the review follow.
BASE_COLUMNS = LEADING
#: The columns of :func:`top_divergences`.
TOP_COLUMNS = ("bead", "kind", "gap", "source", "target", "similarity", "divergence", "reasons", "review_status",
               "review_kind", "review_note")


def to_frame(alignment: Any, review: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One row per bead, indexed by ``position`` (the bead's place in the alignment).

    The columns are those of ``align export tsv`` (:mod:`align.columns`):
    ``bead`` (``[0]:[0,1]``), ``src_ids`` and ``tgt_ids`` (tuples of sentence
    indexes), ``kind`` (the shape, ``1-2``), ``gap`` (``omission`` for a 1-0
    bead, ``addition`` for 0-1, ``partial omission`` / ``partial addition`` for
    a merged bead holding a sentence without counterpart, else ``""``;
    ``df[df.gap != ""]`` lists them all), ``source`` and ``target`` (the
    sentences of each side joined by one space), ``similarity`` and
    ``divergence`` (floats, NaN when absent), ``reasons`` (joined by
    ``" | "``), one float column ``div_<component>`` per divergence component
    (``div_meaning``, ``div_numbers``, ``div_names``, ... in the order of
    :data:`align.divergence.REGISTRY`, then any other the beads carry), and the
    review: ``review_status`` (``pending`` unless a decision was recorded),
    ``review_kind`` and ``review_severity`` (the finding on a bead marked
    divergent), ``review_note``, ``review_by``, ``review_at`` (``""`` when not
    recorded).  ``df[df.review_status == "divergent"]`` lists the findings.

    ``alignment`` may be an :class:`~align.records.Alignment`, a
    ``StoredAlignment`` or a review session (whose review state is used unless
    ``review`` is given).  ``DataFrame.attrs`` holds the provenance: doc_id,
    versions, their role labels and the signature.
    """
    import pandas as pd

    a, rev = unpack(alignment, review)
    comps = components_of(a)
    records = []
    for r in bead_rows(a, rev):
        rec = {k: r[k] for k in LEADING}
        rec["reasons"] = join_reasons(r["reasons"])
        for c in comps:
            rec[component_column(c)] = r["components"].get(c)
        rec.update({k: r[k] for k in REVIEW})
        records.append(rec)
    scores = [component_column(c) for c in comps]
    df = pd.DataFrame.from_records(records, columns=[*LEADING, *scores, *REVIEW])
    for col in ("similarity", "divergence", *scores):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("float64")
    df.index.name = "position"
    df.attrs.update(provenance(a))
    return df


def provenance(alignment: Any) -> dict[str, str]:
    """The provenance of an alignment as plain strings (doc, versions, roles, signature), and the spelling
    of a side read in old spelling or declaring one (``src_spelling``, ``tgt_spelling``)."""
    a, _ = unpack(alignment)
    spellings = {k: v for k, v in (("src_spelling", spelling_label(a.src_orthography, a.src_meta)),
                                   ("tgt_spelling", spelling_label(a.tgt_orthography, a.tgt_meta))) if v}
    return {"doc_id": a.doc_id, "src_version": a.src_version, "tgt_version": a.tgt_version,
            "src_lang": a.src_lang, "tgt_lang": a.tgt_lang,
            "src_role": role_label(a.src_meta), "tgt_role": role_label(a.tgt_meta), **spellings,
            "signature": str(a.signature)}


def top_divergences(alignment: Any, n: int = 10, review: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """The ``n`` most divergent beads, most divergent first (unscored beads left out).

    Columns: :data:`TOP_COLUMNS` (bead, kind, gap, source, target, similarity,
    divergence, reasons, review_status, review_kind, review_note).  Ties keep
    document order.
    """
    df = to_frame(alignment, review)
    df = df[df["divergence"].notna()]
    df = df.sort_values("divergence", ascending=False, kind="stable")
    return df.loc[:, list(TOP_COLUMNS)].head(n)


#: How :func:`queue_frame` renames the keys of ``QueueItem.to_dict()`` into the table vocabulary.
_QUEUE_NAMES = {"ids": "bead", "shape": "kind", "status": "review_status", "kind": "review_kind",
                "severity": "review_severity", "note": "review_note", "by": "review_by", "at": "review_at"}


def queue_frame(queue: Any) -> pd.DataFrame:
    """A review queue (``align.review.Review.queue()``) as a DataFrame, in queue order, indexed by position.

    One row per queued bead, in the column names of :func:`to_frame`: bead,
    kind (the shape), gap, score (what orders the queue), similarity, reasons
    (joined by ``" | "``), source, target, and the review: review_status,
    review_kind, review_severity, review_note, review_by, review_at.
    """
    import pandas as pd

    records = []
    for item in queue:
        rec = {_QUEUE_NAMES.get(k, k): v for k, v in item.to_dict().items()}
        rec["reasons"] = join_reasons(rec.get("reasons") or ())
        for k in ("review_kind", "review_severity"):
            rec[k] = rec.get(k) or ""
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    if "position" in df.columns:
        df = df.set_index("position")
    df.attrs["summary"] = queue.summary() if hasattr(queue, "summary") else ""
    return df
