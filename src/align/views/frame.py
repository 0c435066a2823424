"""An alignment as a pandas DataFrame: one row per bead.

pandas is imported inside the functions, so importing :mod:`align.views`
stays cheap.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .markup import bead_rows, components_of, role_label, spelling_label, unpack

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

#: The leading columns of :func:`to_frame`; one column per component and ``review`` follow.
BASE_COLUMNS = ("bead", "kind", "gap", "src_ids", "tgt_ids", "source", "target", "similarity", "divergence", "reasons")


def to_frame(alignment: Any, review: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One row per bead, indexed by ``position`` (the bead's place in the alignment).

    Columns: ``bead`` (``[0]:[0,1]``), ``kind`` (the shape, ``1-2``), ``gap``
    (``omission`` for a 1-0 bead, ``addition`` for 0-1, ``partial omission`` /
    ``partial addition`` for a merged bead holding a sentence without
    counterpart, else ``""``; ``df[df.gap != ""]`` lists them all), ``src_ids`` and
    ``tgt_ids`` (tuples of sentence indexes), ``source`` and ``target`` (the
    sentences of each side joined by one space), ``similarity`` and
    ``divergence`` (floats, NaN when absent), ``reasons`` (joined by ``"; "``),
    one float column per divergence component (in the order of
    :data:`align.divergence.REGISTRY`, then any other the beads carry), and
    ``review`` (``pending`` unless a decision was recorded).

    ``alignment`` may be an :class:`~align.records.Alignment` or a
    ``StoredAlignment`` (whose review state is used unless ``review`` is given).
    ``DataFrame.attrs`` holds the provenance: doc_id, versions, their role
    labels and the signature.
    """
    import pandas as pd

    a, rev = unpack(alignment, review)
    comps = components_of(a)
    records = []
    for r in bead_rows(a, rev):
        rec = {k: r[k] for k in BASE_COLUMNS}
        rec["reasons"] = "; ".join(r["reasons"])
        for c in comps:
            rec[c] = r["components"].get(c)
        rec["review"] = r["review"]
        records.append(rec)
    columns = list(BASE_COLUMNS) + list(comps) + ["review"]
    df = pd.DataFrame.from_records(records, columns=columns)
    for col in ("similarity", "divergence", *comps):
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

    Columns: bead, kind, gap, source, target, similarity, divergence, reasons, review.
    Ties keep document order.
    """
    df = to_frame(alignment, review)
    df = df[df["divergence"].notna()]
    df = df.sort_values("divergence", ascending=False, kind="stable")
    columns = ["bead", "kind", "gap", "source", "target", "similarity", "divergence", "reasons", "review"]
    return df.loc[:, columns].head(n)


def queue_frame(queue: Any) -> pd.DataFrame:
    """A review queue (``align.review.Review.queue()``) as a DataFrame, in queue order.

    One row per queued bead with the columns of ``QueueItem.to_dict()``:
    position, ids, shape, score, similarity, reasons (joined by ``"; "``),
    source, target and the review state (status, kind, severity, note, ...).
    """
    import pandas as pd

    records = []
    for item in queue:
        rec = dict(item.to_dict())
        rec["reasons"] = "; ".join(rec.get("reasons") or ())
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    if "position" in df.columns:
        df = df.set_index("position")
    df.attrs["summary"] = queue.summary() if hasattr(queue, "summary") else ""
    return df
