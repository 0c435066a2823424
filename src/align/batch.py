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
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import time
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import __version__, store
from .aligner import AlignerSettings
from .corpus import DocumentFailure, is_document_folder, pivot_version, scan_corpus
from .divergence import DEFAULT_REVIEW_THRESHOLD, SCORING
from .embed import TextEncoder
from .errors import AlignError, CorpusError
from .export.tmx import build_tmx
from .pipeline import expected_signature, resolve_encoder, score_alignment
from .records import Document, Version
from .results import DocumentResult, PairResult, RunResult, RunStatus
from .review import merge_into_store
from .review.carry import same_work
from .store import StoredAlignment, alignment_path, atomic_write_text, remove_stale_temps
from .views.index import write_index
from .views.report import render_report
from .workers import PairJob, PairOutcome, make_executor

#: Name of each document's report inside ``alignments/<doc_id>/``, and of the index page.
REPORT_NAME = "report.html"


#: ``workers=0`` ("auto") runs in this process unless there are at least two pairs and this many
#: characters to align: below that, starting worker processes and loading a model in each costs more
#: than it saves (about 1 s on the 2-core machine; BENCHMARKS.md, "The main job over a collection").
AUTO_MIN_CHARS = 50_000


def choose_workers(requested: int, jobs: Sequence[PairJob]) -> int:
    """The number of worker processes for ``jobs``; ``requested`` 0 means one per core when worth it."""
    if requested > 0:
        return requested
    chars = sum(len(j.src.text) + len(j.tgt.text) for j in jobs)
    if len(jobs) < 2 or chars < AUTO_MIN_CHARS:
        return 1
    return max(1, min(os.cpu_count() or 1, len(jobs)))


@dataclass
class _Planned:
    job: PairJob
    path: Path
    result: PairResult
    stored: StoredAlignment | None = None


# -- summaries ------------------------------------------------------------------

def summarize(stored: StoredAlignment, result: PairResult) -> PairResult:
    """Fill ``result``'s counts from a stored alignment."""
    a = stored.alignment
    sims = [b.similarity for b in a.beads if b.similarity is not None]
    result.beads = len(a.beads)
    result.kinds = dict(sorted(Counter(b.kind for b in a.beads).items(), key=lambda kv: (-kv[1], kv[0])))
    result.flagged = sum(1 for b in a.beads if b.divergence and b.divergence.score >= DEFAULT_REVIEW_THRESHOLD)
    result.mean_similarity = sum(sims) / len(sims) if sims else None
    result.src_segments, result.tgt_segments = len(a.src_segments), len(a.tgt_segments)
    return result


# -- planning -------------------------------------------------------------------

def _select(root: Path, doc_ids: Sequence[str]) -> tuple[tuple[Document, ...], tuple[DocumentFailure, ...]]:
    docs, failures = scan_corpus(root)
    if doc_ids:
        known = {d.doc_id for d in docs} | {f.doc_id for f in failures}
        missing = sorted(set(doc_ids) - known)
        if missing:
            raise CorpusError(f"{root}: no document(s) {', '.join(missing)}")
        docs = tuple(d for d in docs if d.doc_id in doc_ids)
        failures = tuple(f for f in failures if f.doc_id in doc_ids)
    return docs, failures


def _plan_pair(doc: Document, pivot: Version, version: Version, alignments: Path, model: str,
               settings: AlignerSettings) -> _Planned:
    path = alignment_path(alignments, doc.doc_id, pivot.version_id, version.version_id)
    planned = _Planned(PairJob(doc.doc_id, pivot, version), path,
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


def _document_result(doc: Document, pivot: Version) -> DocumentResult:
    return DocumentResult(doc.doc_id, doc.meta.title, pivot.version_id,
                          [(v.version_id, v.language, v.meta) for v in doc.versions])


def _plan_pairs(doc: Document, pivot: Version, alignments: Path, model: str,
                settings: AlignerSettings) -> list[_Planned]:
    """Every other version of ``doc`` paired with ``pivot``."""
    return [_plan_pair(doc, pivot, v, alignments, model, settings)
            for v in doc.versions if v.version_id != pivot.version_id]


def _round_robin(planned: list[list[_Planned]]) -> list[_Planned]:
    out: list[_Planned] = []
    for k in range(max((len(p) for p in planned), default=0)):
        out.extend(p[k] for p in planned if k < len(p))
    return out


# -- writing --------------------------------------------------------------------

_CREATED = re.compile(rb'creationdate="[0-9TZ]+"')


def write_tmx_if_changed(stored: StoredAlignment, path: Path) -> bool:
    """Write the pair's TMX unless the file there differs only by its creation date."""
    data = build_tmx(stored.alignment, review=stored.review)
    try:
        old = path.read_bytes()
    except OSError:
        old = None
    if old is not None and _CREATED.sub(b"", old) == _CREATED.sub(b"", data):
        return False
    remove_stale_temps(path)  # left by a run killed while writing it
    atomic_write_text(path, data.decode("utf-8"))
    return True


def _newer_or_same(path: Path, than: Path) -> bool:
    try:
        return path.stat().st_mtime_ns >= than.stat().st_mtime_ns
    except OSError:
        return False


def _refresh_metadata(planned: _Planned) -> bool:
    """Store the versions' current metadata in an unchanged pair (beads and review kept), and
    re-score its beads when a language tag changed or it was scored by an earlier scorer."""
    old = planned.stored
    assert old is not None
    job, a = planned.job, old.alignment
    stale_scores = (a.signature.settings.get("scoring") != SCORING
                    or (a.src_lang, a.tgt_lang) != (job.src.language, job.tgt.language))
    if (a.src_meta, a.tgt_meta) == (job.src.meta, job.tgt.meta) and not stale_scores:
        return False
    fresh = replace(a, src_meta=job.src.meta, tgt_meta=job.tgt.meta, src_lang=job.src.language,
                    tgt_lang=job.tgt.language)
    if stale_scores:
        fresh = score_alignment(fresh)
    planned.stored = store.save(planned.path, fresh, old.review, expected_revision=old.revision)
    planned.result.rescored = stale_scores
    return True


def _write_outcome(planned: _Planned, outcome: PairOutcome) -> None:
    r = planned.result
    r.seconds, r.embedded, r.requested = outcome.seconds, outcome.embedded, outcome.requested
    r.warnings, r.worker = list(outcome.warnings), outcome.worker
    if outcome.alignment is None:
        r.status, r.error = RunStatus.FAILED, outcome.error or "no alignment was computed"
        return
    try:
        carried = merge_into_store(planned.path, outcome.alignment)
        r.carry_over = carried.summary().removeprefix(f"{planned.path}: ")
        planned.stored = store.load(planned.path)
    except AlignError as exc:
        r.status, r.error = RunStatus.FAILED, str(exc)
        return
    except OSError as exc:  # disk full, permissions, a folder in the way: this pair fails, the run goes on
        r.status, r.error = RunStatus.FAILED, f"{planned.path}: cannot write the alignment: {exc}"
        return
    r.status = RunStatus.ALIGNED


def _write_tmx(planned: _Planned) -> None:
    r = planned.result
    if planned.stored is None:
        return
    a = planned.stored.alignment
    if a.src_lang.lower() == a.tgt_lang.lower():  # two versions in one language: not a translation memory
        return
    tmx = planned.path.with_suffix(".tmx")
    try:
        if r.status == RunStatus.UNCHANGED and not r.metadata_refreshed and _newer_or_same(tmx, planned.path):
            r.tmx = tmx  # written after the store's last save: nothing it shows can have changed
            return
        write_tmx_if_changed(planned.stored, tmx)
        r.tmx = tmx
    except (AlignError, OSError) as exc:
        r.status, r.error = RunStatus.FAILED, f"{tmx}: TMX not written: {exc}"


# -- the run --------------------------------------------------------------------

def run(texts: str | Path = "texts", alignments: str | Path = "alignments", *, model: str | None = None,
        encoder: TextEncoder | None = None, settings: AlignerSettings | None = None,
        report: str | Path | None = "", doc_ids: Sequence[str] = (),
        pivot: str | None = None, workers: int = 1, scheduler: str | None = None, tmx: bool = True,
        on_pair: Callable[[PairResult], None] | None = None,
        on_start: Callable[[int], None] | None = None, progress: bool = False) -> RunResult:
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
    ``on_pair(result)`` after each pair is settled (a bar over the pairs is the caller's);
    ``progress`` lets the encoder show its own bar on stderr when a lone pair is computed in
    this process (the CLI passes whether stderr is a terminal).
    Raises :class:`~align.errors.AlignError` only when nothing can run (no
    texts folder, unknown ``doc_ids``, a cluster that cannot be reached).
    """

    t0 = time.perf_counter()
    texts, alignments = Path(texts), Path(alignments)
    one_folder = False
    if texts.is_dir() and is_document_folder(texts) and not doc_ids:
        texts = texts.resolve()  # "." inside a document folder has no name of its own
        texts, doc_ids, one_folder = texts.parent, (texts.name,), True
    docs, failures = _select(texts, doc_ids)
    settings = settings or AlignerSettings()
    encoder = encoder if encoder is not None else resolve_encoder(model)
    result = RunResult(document_failures=list(failures), model=encoder.identity)

    plans: list[list[_Planned]] = []
    for doc in docs:
        p = pivot_version(doc, pivot)
        dres = _document_result(doc, p)
        result.documents.append(dres)
        plans.append(_plan_pairs(doc, p, alignments, encoder.identity, settings))
        dres.pairs = [pl.result for pl in plans[-1]]
        planned_paths = {pl.path for pl in plans[-1]}
        dres.other_stores = sorted(q for q in (alignments / doc.doc_id).glob("*__*.json") if q not in planned_paths)

    for pl in (pl for doc_plans in plans for pl in doc_plans if pl.result.status == RunStatus.UNCHANGED):
        try:
            pl.result.metadata_refreshed = _refresh_metadata(pl)
        except (AlignError, OSError) as exc:
            pl.result.status, pl.result.error = RunStatus.FAILED, f"{pl.path}: metadata not updated: {exc}"
            continue
        assert pl.stored is not None  # an unchanged pair was read from its store file
        summarize(pl.stored, pl.result)
        pl.result.carry_over = "unchanged: stored alignment and review kept" + (
            "; divergence re-scored" if pl.result.rescored else "")
        if tmx:
            _write_tmx(pl)
        if on_pair:
            on_pair(pl.result)
    todo = [pl for pl in _round_robin(plans) if pl.result.status == RunStatus.TO_DO]
    if on_start:
        on_start(len(todo))
    result.executor = "nothing to compute"
    if todo:
        executor = make_executor(choose_workers(workers, [pl.job for pl in todo]), scheduler)
        result.executor, result.workers = executor.description, executor.workers
        by_key = {pl.job.key: pl for pl in todo}
        try:
            for outcome in executor.map([pl.job for pl in todo], encoder, settings, progress and len(todo) == 1):
                pl = by_key[outcome.job.key]
                _write_outcome(pl, outcome)
                if pl.result.status == RunStatus.ALIGNED:
                    assert pl.stored is not None  # read back after writing
                    summarize(pl.stored, pl.result)
                    if tmx:
                        _write_tmx(pl)
                for message in pl.result.warnings:  # a worker's warnings, shown where the run was started
                    warnings.warn(message, UserWarning, stacklevel=2)
                if on_pair:
                    on_pair(pl.result)
        finally:
            executor.close()
    if report is not None:
        index = Path(report) if report else alignments / REPORT_NAME
        overview = None
        if doc_ids and not one_folder:  # the index shows the whole collection, the others as stored
            try:
                overview = _collection_overview(result, texts, alignments, encoder.identity, settings, pivot)
            except (AlignError, OSError) as exc:
                result.other_failures.append(f"{index}: index page not written: {exc}")
        # a document folder given alone may sit anywhere: its siblings are not a collection
        _write_reports(result, plans, {d.doc_id: d for d in docs}, alignments,
                       None if one_folder or (doc_ids and overview is None) else index, overview)
    result.seconds = time.perf_counter() - t0
    return result


def _collection_overview(result: RunResult, texts: Path, alignments: Path, model: str,
                         settings: AlignerSettings, pivot: str | None) -> RunResult:
    """What the index page shows after a run over some documents: this run's documents as run,
    every other document as its stored alignments stand (nothing computed, nothing written)."""
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
        planned = _plan_pairs(doc, p, alignments, model, settings)
        usual = pivot_version(doc, None)
        if usual.version_id != p.version_id and all(x.stored is None for x in planned):
            planned_usual = _plan_pairs(doc, usual, alignments, model, settings)
            if any(x.stored is not None for x in planned_usual):
                p, planned = usual, planned_usual
        dres = _document_result(doc, p)
        for pl in planned:
            if pl.result.status == RunStatus.FAILED:
                continue
            if pl.stored is not None:
                summarize(pl.stored, pl.result)
            if pl.result.status == RunStatus.TO_DO:  # would be aligned by a run over it
                pl.result.status = RunStatus.OUT_OF_DATE if pl.stored is not None else RunStatus.NOT_ALIGNED
        dres.pairs = [pl.result for pl in planned]
        report = alignments / doc.doc_id / REPORT_NAME
        dres.report = report if report.is_file() else None
        paths = {pl.path for pl in planned}
        dres.other_stores = sorted(q for q in (alignments / doc.doc_id).glob("*__*.json") if q not in paths)
        overview.documents.append(dres)
    return overview


def _write_reports(result: RunResult, plans: list[list[_Planned]], docs: dict[str, Document], alignments: Path,
                   index: Path | None, overview: RunResult | None = None) -> None:
    """Each document's report, rebuilt when what it shows changed, and the index page (of ``overview``
    when the run covered only some documents).  A report that cannot be written is a failure of the
    run, not an abort."""
    by_id = {d.doc_id: d for d in result.documents}
    for doc_plans in plans:
        # a pair that failed this time still shows its earlier stored alignment, if it has one
        stored = [pl.stored for pl in doc_plans if pl.stored is not None]
        if not stored:
            continue
        doc_id = doc_plans[0].job.doc_id
        path = alignments / doc_id / REPORT_NAME
        stamp = _report_stamp(docs[doc_id], doc_plans)
        try:
            if _stamp_of(path) != stamp:
                first, sep, rest = render_report(stored, {doc_id: docs[doc_id]}).partition("\n")
                # after <!DOCTYPE html>: a comment there keeps the page in standards mode
                atomic_write_text(path, f"{first}{sep}<!-- align-run report stamp {stamp} -->\n{rest}")
            by_id[doc_id].report = path
        except (AlignError, OSError, ValueError) as exc:
            result.other_failures.append(f"{path}: report not written: {exc}")
    if index is not None:
        try:
            if overview is not None:  # this run's reports and failures were settled above
                overview.other_failures = list(result.other_failures)
            write_index(overview or result, index)
            result.index = index
        except OSError as exc:
            result.other_failures.append(f"{index}: index page not written: {exc}")


_STAMP = re.compile(r"<!-- align-run report stamp ([0-9a-f]{64}) -->")


def _report_stamp(doc: Document, doc_plans: list[_Planned]) -> str:
    """What a document's report shows: the document's metadata, each pair's store revision and
    signature, and the workbench version — a change in any of them rebuilds the report."""

    items = [__version__, repr(doc.meta)] + [
        [pl.job.key, pl.stored.revision if pl.stored else None,
         str(pl.stored.alignment.signature) if pl.stored else None, repr(pl.job.src.meta), repr(pl.job.tgt.meta)]
        for pl in doc_plans]
    return hashlib.sha256(json.dumps(items, default=str).encode("utf-8")).hexdigest()


def _stamp_of(path: Path) -> str | None:
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            head = fh.read(400)
    except OSError:
        return None
    m = _STAMP.search(head)
    return m.group(1) if m else None
