"""Planning a run, in the calling process: the documents, their pairs, and which pairs to compute.

A pair whose stored alignment has the signature a new run would give (same
texts, model, aligner settings and segmentation:
:func:`align.pipeline.expected_signature`) is *unchanged*; a pair whose store
file cannot be read fails and its file is left untouched; every other pair is
*to do*.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import store
from ..aligner import AlignerSettings
from ..corpus import DocumentFailure, scan_corpus
from ..divergence import Model, TermList
from ..errors import AlignError, CorpusError
from ..pipeline import expected_signature
from ..records import Document, Version
from ..results import DocumentResult, PairResult, RunStatus
from ..review.carry import same_work
from ..store import StoredAlignment, alignment_path
from ..workers import PairJob

#: ``workers=0`` ("auto") runs in this process unless there are at least two pairs and this many
#: characters to align: below that, starting worker processes and loading a model in each costs more
#: than it saves (about 1 s on the 2-core machine; BENCHMARKS.md, "The main job over a collection").
AUTO_MIN_CHARS = 50_000


@dataclass
class Planned:
    """One pair of a run: the job a worker computes, its store file, its result so far, and the
    stored alignment (read when planning; the new one once written)."""

    job: PairJob
    path: Path
    result: PairResult
    stored: StoredAlignment | None = None


def choose_workers(requested: int, jobs: Sequence[PairJob]) -> int:
    """The number of worker processes for ``jobs``; ``requested`` 0 means one per core when worth it."""
    if requested > 0:
        return requested
    chars = sum(len(j.src.text) + len(j.tgt.text) for j in jobs)
    if len(jobs) < 2 or chars < AUTO_MIN_CHARS:
        return 1
    return max(1, min(os.cpu_count() or 1, len(jobs)))


def select_documents(root: Path, doc_ids: Sequence[str]
                     ) -> tuple[tuple[Document, ...], tuple[DocumentFailure, ...]]:
    """The readable documents of ``root`` and the failures, all of them or those of ``doc_ids``."""
    docs, failures = scan_corpus(root)
    if doc_ids:
        known = {d.doc_id for d in docs} | {f.doc_id for f in failures}
        missing = sorted(set(doc_ids) - known)
        if missing:
            raise CorpusError(f"{root}: no document(s) {', '.join(missing)}")
        docs = tuple(d for d in docs if d.doc_id in doc_ids)
        failures = tuple(f for f in failures if f.doc_id in doc_ids)
    return docs, failures


def plan_pair(doc: Document, pivot: Version, version: Version, alignments: Path, model: str,
              settings: AlignerSettings, terms: TermList | None = None, weights: Model | None = None) -> Planned:
    """The pair ``pivot`` × ``version``: to do, unchanged, or failed (an unreadable store file).
    ``terms`` and ``weights``: the collection's names list and refitted divergence weights."""
    path = alignment_path(alignments, doc.doc_id, pivot.version_id, version.version_id)
    planned = Planned(PairJob(doc.doc_id, pivot, version, terms, weights), path,
                      PairResult(doc.doc_id, pivot.version_id, version.version_id, path, status=RunStatus.TO_DO))
    if not path.exists():
        return planned
    try:
        planned.stored = store.load(path)
    except AlignError as exc:  # corrupt or newer: never overwritten, the pair fails
        planned.result.status, planned.result.error = RunStatus.FAILED, f"{exc} (left untouched)"
        return planned
    try:
        expected = expected_signature(pivot, version, model, settings)
    except AlignError:  # e.g. a language code with no segmenter: computing it reports the error
        return planned
    if same_work(planned.stored.alignment.signature, expected):
        planned.result.status = RunStatus.UNCHANGED
    return planned


def plan_document(doc: Document, pivot: Version, alignments: Path, model: str,
                  settings: AlignerSettings, terms: TermList | None = None,
                  weights: Model | None = None) -> tuple[DocumentResult, list[Planned]]:
    """Every other version of ``doc`` paired with ``pivot``, and the document's result: its versions,
    its pairs, and the store files of the document that none of them writes (an earlier pivot, a
    removed version), which are kept as they are."""
    planned = [plan_pair(doc, pivot, v, alignments, model, settings, terms, weights)
               for v in doc.versions if v.version_id != pivot.version_id]
    paths = {pl.path for pl in planned}
    result = DocumentResult(doc.doc_id, doc.meta.title, pivot.version_id,
                            [(v.version_id, v.language, v.meta) for v in doc.versions],
                            pairs=[pl.result for pl in planned],
                            other_stores=sorted(q for q in (alignments / doc.doc_id).glob("*__*.json")
                                                if q not in paths))
    return result, planned


def round_robin(planned: list[list[Planned]]) -> list[Planned]:
    """The first pair of every document, then the second of every document, …: two pairs sharing a
    pivot seldom run at once, so the second finds the pivot's vectors in the embedding cache."""
    out: list[Planned] = []
    for k in range(max((len(p) for p in planned), default=0)):
        out.extend(p[k] for p in planned if k < len(p))
    return out
