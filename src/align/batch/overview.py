"""The index page after a run over some documents (``align run --doc``): the whole collection.

This run's documents appear as run; every other document as its stored
alignments stand — nothing is computed and nothing is written for them.  A
pair that a run over it would compute is *out of date* (stored, but its
texts, model or settings changed) or *not aligned yet* (no store file).
"""
from __future__ import annotations

from pathlib import Path

from ..aligner import AlignerSettings
from ..corpus import pivot_version, scan_corpus
from ..results import RunResult, RunStatus
from ..views.report import DEFAULT_REPORT_NAME
from .plan import plan_document


def collection_overview(result: RunResult, texts: Path, alignments: Path, model: str,
                        settings: AlignerSettings, pivot: str | None) -> RunResult:
    """What the index page shows after ``result``, a run over some of the documents of ``texts``."""
    docs, failures = scan_corpus(texts)
    done = {d.doc_id: d for d in result.documents}
    selected = set(done) | {f.doc_id for f in result.document_failures}
    overview = RunResult(document_failures=[f for f in failures if f.doc_id not in selected] +
                         list(result.document_failures), model=result.model)
    for doc in docs:
        if doc.doc_id in done:
            overview.documents.append(done[doc.doc_id])
            continue
        # this run's --pivot, unless the document's alignments were made against its usual pivot
        p = pivot_version(doc, pivot)
        dres, planned = plan_document(doc, p, alignments, model, settings)
        usual = pivot_version(doc, None)
        if usual.version_id != p.version_id and all(x.stored is None for x in planned):
            usual_dres, usual_planned = plan_document(doc, usual, alignments, model, settings)
            if any(x.stored is not None for x in usual_planned):
                dres, planned = usual_dres, usual_planned
        for pl in planned:
            if pl.result.status == RunStatus.FAILED:
                continue
            if pl.stored is not None:
                pl.result.fill(pl.stored)
            if pl.result.status == RunStatus.TO_DO:  # would be aligned by a run over it
                pl.result.status = RunStatus.OUT_OF_DATE if pl.stored is not None else RunStatus.NOT_ALIGNED
        report = alignments / doc.doc_id / DEFAULT_REPORT_NAME
        dres.report = report if report.is_file() else None
        overview.documents.append(dres)
    return overview
