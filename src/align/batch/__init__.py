"""The main job over a collection (``align run``): plan, compute, write.

1. **Plan**, in this process.  Every document of ``texts/`` is read; one that
   cannot be read is reported with its reason and the others go on
   (:func:`align.corpus.scan_corpus`).  Each document's pivot is chosen
   (:func:`align.corpus.pivot_version`) and every other version is paired
   with it.  A pair whose stored alignment has the signature a new run would
   give (same texts, model, aligner settings and segmentation:
   :func:`align.pipeline.expected_signature`) is *unchanged* and is not
   computed again; if only its metadata changed, the stored metadata is
   refreshed in place and the review is kept.  If it was scored by an
   earlier divergence scorer (:data:`align.divergence.SCORING`) or a
   language tag changed, its beads are re-scored in place, fixes and review
   kept.
2. **Compute** the other pairs (:mod:`align.workers`): in this process, or
   on Dask workers.  Jobs are ordered round-robin over the documents (first
   pair of every document, then the second pair of every document, …) so
   that two pairs sharing a pivot seldom run at the same time: the second
   finds the pivot's vectors in the embedding cache.
3. **Write**, in this process only, as each result arrives: the store file
   through :func:`align.review.merge_into_store` (review work carried over),
   the TMX beside it, then each changed document's HTML report and the index
   page (after a run over some documents, the index still lists the whole
   collection: the others as their stored alignments stand).  Every file is written
   atomically and each pair is saved as soon as it is computed, so an interrupted
   run leaves every file valid and the next run resumes with the pairs still to do.

One failing pair or document never stops the run: it is listed in
:attr:`RunResult.failures` and :attr:`RunResult.ok` is false.

This module keeps the order of those steps (:func:`run`); planning is in
:mod:`.plan`, writing in :mod:`.write`, the index page of a partial run in
:mod:`.overview`, and what a run did in :mod:`align.results`.
"""
from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from ..aligner import AlignerSettings
from ..atomicfile import remove_stale_temps_under
from ..corpus import is_document_folder, pivot_version
from ..divergence import Model, TermList
from ..embed import TextEncoder
from ..errors import AlignError
from ..pipeline import display, resolve_encoder
from ..progress import Progress
from ..results import PairResult, RunResult, RunStatus
from ..views.report import DEFAULT_REPORT_NAME
from ..workers import make_executor
from .overview import collection_overview
from .plan import Planned, choose_workers, plan_document, round_robin, select_documents
from .write import refresh_metadata, write_outcome, write_reports, write_tmx

__all__ = ["run", "choose_workers"]


def run(texts: str | Path = "texts", alignments: str | Path = "alignments", *, model: str | None = None,
        encoder: TextEncoder | None = None, settings: AlignerSettings | None = None,
        report: str | Path | None = "", doc_ids: Sequence[str] = (),
        pivot: str | None = None, workers: int = 1, scheduler: str | None = None, tmx: bool = True,
        on_pair: Callable[[PairResult], None] | None = None,
        on_start: Callable[[int], None] | None = None, progress: bool | Progress = False,
        weights_file: str | Path | None = None) -> RunResult:
    """Align every document of ``texts`` (a collection, or one document folder) and write the results.

    ``encoder``: an encoder object (default: the bundled model, named by
    ``model``, behind the on-disk cache); with Dask it is sent to every
    worker, so it must pickle (the workbench's own encoders do).
    ``report``: the index page to write (default ``""``: ``report.html`` in
    ``alignments``; ``None``: no HTML at all); every document with a changed
    pair also gets ``alignments/<doc>/report.html``.
    ``workers``: worker processes on this machine (0: one per core when worth it, see
    :func:`choose_workers`); ``scheduler``: a Dask scheduler's address (see :mod:`align.workers`).
    ``on_start(n)`` is called with the number of pairs to compute and
    ``on_pair(result)`` after each pair is settled;
    ``progress``: the run's one display (:mod:`align.progress`: pairs done and the run's ETA,
    and the stages of each pair computed in this process; ``True``: on stderr when it is a
    terminal, as the CLI asks).
    Divergence scoring uses the collection's names list (``texts/names.toml``) and refitted
    weights (``weights_file``, else ``texts/divergence-weights.json``) when there are any.
    Raises :class:`~align.errors.AlignError` only when nothing can run (no
    texts folder, unknown ``doc_ids``, a cluster that cannot be reached).
    """
    t0 = time.perf_counter()
    texts, alignments = Path(texts), Path(alignments)
    one_folder = False
    if texts.is_dir() and is_document_folder(texts) and not doc_ids:
        texts = texts.resolve()  # "." inside a document folder has no name of its own
        texts, doc_ids, one_folder = texts.parent, (texts.name,), True
    docs, failures = select_documents(texts, doc_ids)
    remove_stale_temps_under(alignments)  # what a run killed while writing left behind
    terms = TermList.for_collection(texts)
    weights = Model.load(weights_file) if weights_file else Model.for_collection(texts)
    settings = settings or AlignerSettings()
    encoder = encoder if encoder is not None else resolve_encoder(model)
    result = RunResult(document_failures=list(failures), model=encoder.identity)

    plans: list[list[Planned]] = []
    for doc in docs:
        dres, doc_plans = plan_document(doc, pivot_version(doc, pivot), alignments, encoder.identity, settings,
                                        terms, weights)
        result.documents.append(dres)
        plans.append(doc_plans)

    for pl in (pl for doc_plans in plans for pl in doc_plans if pl.result.status == RunStatus.UNCHANGED):
        try:
            pl.result.metadata_refreshed = refresh_metadata(pl, encoder)
        except (AlignError, OSError) as exc:
            pl.result.status, pl.result.error = RunStatus.FAILED, f"{pl.path}: metadata not updated: {exc}"
            continue
        pl.result.carry_over = "unchanged: stored alignment and review kept" + (
            "; divergence re-scored" if pl.result.rescored else "")
        _settle(pl, tmx, on_pair)
    todo = [pl for pl in round_robin(plans) if pl.result.status == RunStatus.TO_DO]
    if on_start:
        on_start(len(todo))
    result.executor = "nothing to compute"
    if todo:
        with display(progress) as shown:
            shown.start_pairs(len(todo))
            executor = make_executor(choose_workers(workers, [pl.job for pl in todo]), scheduler)
            result.executor, result.workers = executor.description, executor.workers
            by_key = {pl.job.key: pl for pl in todo}
            finished = False
            try:
                for outcome in executor.map([pl.job for pl in todo], encoder, settings, shown if progress else False):
                    pl = by_key[outcome.job.key]
                    write_outcome(pl, outcome)
                    _settle(pl, tmx, on_pair)
                    shown.pair_done()
                finished = True
            finally:
                executor.close(fast=not finished)  # after Ctrl-C: stop the workers now, not gracefully
    if report is not None:
        index = Path(report) if report else alignments / DEFAULT_REPORT_NAME
        overview = None
        if doc_ids and not one_folder:  # the index shows the whole collection, the others as stored
            try:
                overview = collection_overview(result, texts, alignments, encoder.identity, settings, pivot)
            except (AlignError, OSError) as exc:
                result.other_failures.append(f"{index}: index page not written: {exc}")
        # a document folder given alone may sit anywhere: its siblings are not a collection
        write_reports(result, plans, {d.doc_id: d for d in docs}, alignments,
                      None if one_folder or (doc_ids and overview is None) else index, overview)
    result.seconds = time.perf_counter() - t0
    return result


def _settle(pl: Planned, tmx: bool, on_pair: Callable[[PairResult], None] | None) -> None:
    """A pair whose work in this run is over: its counts from the stored alignment and the TMX
    beside it (when it is unchanged or aligned), a worker's warnings, and the caller's callback."""
    if pl.result.status in (RunStatus.ALIGNED, RunStatus.UNCHANGED):
        assert pl.stored is not None  # read when planning, or read back after writing
        pl.result.fill(pl.stored)
        if tmx:
            write_tmx(pl)
    for message in pl.result.warnings:  # a worker's warnings, shown where the run was started
        warnings.warn(message, UserWarning, stacklevel=3)
    if on_pair:
        on_pair(pl.result)
