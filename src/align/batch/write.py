"""Writing a run's results, in the calling process only: store files, TMX, reports.

Every file is written atomically and each pair is saved as soon as it is
computed, so an interrupted run leaves every file valid.  A document's report
carries a *stamp* of what it shows (the document's metadata, each pair's store
revision and signature, the workbench version) and is rebuilt only when the
stamp changes.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from pathlib import Path

from .. import __version__, store
from ..divergence import scoring_stamp
from ..embed import TextEncoder
from ..errors import AlignError
from ..export.tmx import build_tmx
from ..pipeline import score_alignment
from ..records import Document
from ..results import RunResult, RunStatus
from ..review import merge_into_store
from ..store import StoredAlignment, atomic_write_text, remove_stale_temps
from ..views.index import write_index
from ..views.report import DEFAULT_REPORT_NAME, render_report
from ..workers import PairOutcome
from .plan import Planned

_CREATED = re.compile(rb'creationdate="[0-9TZ]+"')
_STAMP = re.compile(r"<!-- align-run report stamp ([0-9a-f]{64}) -->")


def write_outcome(planned: Planned, outcome: PairOutcome) -> None:
    """Save a computed pair through :func:`align.review.merge_into_store` (review work carried
    over); the pair is then aligned, or failed with the reason."""
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


def refresh_metadata(planned: Planned, encoder: TextEncoder | None = None) -> bool:
    """Store the versions' current metadata in an unchanged pair (beads and review kept), and
    re-score its beads when a language tag changed, or it was scored by an earlier scorer or under
    another names list or weights (the stamp, :func:`align.divergence.scoring_stamp`); ``encoder``
    is the run's, for the names check.  Returns whether the file was saved."""
    old = planned.stored
    assert old is not None  # an unchanged pair was read from its store file
    job, a = planned.job, old.alignment
    stamp = scoring_stamp(job.weights, job.terms, job.src.language, job.tgt.language)
    stale_scores = (a.signature.settings.get("scoring") != stamp
                    or (a.src_lang, a.tgt_lang) != (job.src.language, job.tgt.language))
    if (a.src_meta, a.tgt_meta) == (job.src.meta, job.tgt.meta) and not stale_scores:
        return False
    fresh = replace(a, src_meta=job.src.meta, tgt_meta=job.tgt.meta, src_lang=job.src.language,
                    tgt_lang=job.tgt.language)
    if stale_scores:
        fresh = score_alignment(fresh, terms=job.terms, encoder=encoder, weights=job.weights)
    planned.stored = store.save(planned.path, fresh, old.review, expected_revision=old.revision)
    planned.result.rescored = stale_scores
    return True


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


def write_tmx(planned: Planned) -> None:
    """The TMX beside the pair's store file (none for two versions in one language); a TMX that
    cannot be written fails the pair."""
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


def _newer_or_same(path: Path, than: Path) -> bool:
    try:
        return path.stat().st_mtime_ns >= than.stat().st_mtime_ns
    except OSError:
        return False


def write_reports(result: RunResult, plans: list[list[Planned]], docs: dict[str, Document], alignments: Path,
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
        path = alignments / doc_id / DEFAULT_REPORT_NAME
        stamp = report_stamp(docs[doc_id], doc_plans)
        try:
            if stamp_of(path) != stamp:
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


def report_stamp(doc: Document, doc_plans: list[Planned]) -> str:
    """What a document's report shows: the document's metadata, each pair's store revision and
    signature, and the workbench version — a change in any of them rebuilds the report."""
    items = [__version__, repr(doc.meta)] + [
        [pl.job.key, pl.stored.revision if pl.stored else None,
         str(pl.stored.alignment.signature) if pl.stored else None, repr(pl.job.src.meta), repr(pl.job.tgt.meta)]
        for pl in doc_plans]
    return hashlib.sha256(json.dumps(items, default=str).encode("utf-8")).hexdigest()


def stamp_of(path: Path) -> str | None:
    """The stamp a report file carries, or None (no file, no stamp)."""
    try:
        with path.open("r", encoding="utf-8", errors="replace") as fh:
            head = fh.read(400)
    except OSError:
        return None
    m = _STAMP.search(head)
    return m.group(1) if m else None
