"""What ``align run`` did: per pair, per document and per run, with the pairs' statuses.

The driver (:mod:`align.batch`) fills these records; the summary table
(:mod:`align.cli.run`), ``--json`` and the index page
(:mod:`align.views.index`) read them.  They sit below both, so neither
imports the other.
"""
from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus import DocumentFailure
from .divergence import DEFAULT_REVIEW_THRESHOLD
from .divergence.lexical import missing_note
from .records import VersionMeta
from .review.progress import review_progress
from .store import StoredAlignment

if TYPE_CHECKING:
    import pandas as pd


class RunStatus(enum.StrEnum):
    """Where a pair of versions stands in a run; the value is what tables and ``--json`` show."""

    TO_DO = "to do"                  # planned: to be computed by this run
    ALIGNED = "aligned"              # computed and saved by this run
    UNCHANGED = "unchanged"          # its stored alignment has the signature a new run would give
    FAILED = "failed"                # could not be read, computed or written (see the pair's error)
    # the index page only, for documents a ``--doc`` run did not touch:
    OUT_OF_DATE = "out of date"      # stored, but its texts, model or settings changed since
    NOT_ALIGNED = "not aligned yet"  # no stored alignment at all


@dataclass
class PairResult:
    """One pair of versions after a run: what it holds and what the run did to it."""

    doc_id: str
    src_version: str
    tgt_version: str
    path: Path
    status: RunStatus
    beads: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    flagged: int = 0                 # beads at or above the review threshold
    reviewed: int = 0                # beads a reviewer decided on
    findings: int = 0                # beads a reviewer marked divergent
    severities: dict[str, int] = field(default_factory=dict)  # findings by severity, most severe first
    mean_similarity: float | None = None
    src_segments: int = 0
    tgt_segments: int = 0
    seconds: float = 0.0             # computing (on whichever worker ran it)
    embedded: int = 0                # texts the model embedded (cache misses)
    requested: int = 0               # texts the aligner asked for
    carry_over: str = ""             # what happened to earlier review work
    metadata_refreshed: bool = False
    rescored: bool = False           # an unchanged pair whose divergences were redone (newer scorer)
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    tmx: Path | None = None
    worker: str = ""

    @property
    def key(self) -> str:
        return f"{self.doc_id}/{self.src_version}__{self.tgt_version}"

    def fill(self, stored: StoredAlignment) -> None:
        """The counts from the pair's stored alignment: beads, their kinds, flagged, mean similarity, segments,
        and its review: beads reviewed, findings by severity."""
        a = stored.alignment
        sims = [b.similarity for b in a.beads if b.similarity is not None]
        self.beads = len(a.beads)
        self.kinds = dict(sorted(Counter(b.kind for b in a.beads).items(), key=lambda kv: (-kv[1], kv[0])))
        self.flagged = sum(1 for b in a.beads if b.divergence and b.divergence.score >= DEFAULT_REVIEW_THRESHOLD)
        self.mean_similarity = sum(sims) / len(sims) if sims else None
        self.src_segments, self.tgt_segments = len(a.src_segments), len(a.tgt_segments)
        progress = review_progress(a, stored.review)
        self.reviewed, self.findings, self.severities = progress.reviewed, progress.findings, dict(progress.severities)

    def to_dict(self) -> dict[str, Any]:
        d = {k: v for k, v in self.__dict__.items()}
        d["path"] = str(self.path)
        d["tmx"] = str(self.tmx) if self.tmx else None
        d["mean_similarity"] = None if self.mean_similarity is None else round(self.mean_similarity, 4)
        d["seconds"] = round(self.seconds, 3)
        return d


@dataclass
class DocumentResult:
    """A document of the run: its versions, its pivot and its pairs."""

    doc_id: str
    title: str
    pivot: str
    versions: list[tuple[str, str, VersionMeta]] = field(default_factory=list)  # (id, language, metadata)
    pairs: list[PairResult] = field(default_factory=list)
    report: Path | None = None
    #: store files of this document that no pair of this run writes (an earlier pivot, a removed
    #: version): kept as they are, review work included, and listed so that it is not forgotten
    other_stores: list[Path] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "pivot": self.pivot,
                "other_stores": [str(p) for p in self.other_stores],
                "versions": [{"id": v, "language": lang, "role": meta.role.label} for v, lang, meta in self.versions],
                "pairs": [p.to_dict() for p in self.pairs],
                "report": str(self.report) if self.report else None}


@dataclass
class RunResult:
    """Everything ``align run`` did, for the summary table and ``--json``."""

    documents: list[DocumentResult] = field(default_factory=list)
    document_failures: list[DocumentFailure] = field(default_factory=list)
    other_failures: list[str] = field(default_factory=list)   # reports or the index that could not be written
    executor: str = "serial"
    workers: int = 1
    seconds: float = 0.0
    model: str = ""
    index: Path | None = None

    @property
    def pairs(self) -> list[PairResult]:
        return [p for d in self.documents for p in d.pairs]

    @property
    def failures(self) -> list[str]:
        """One line per document or pair that failed, naming it and saying why."""
        return [f.reason if f.reason.startswith(str(f.path)) else f"{f.path}: {f.reason}"
                for f in self.document_failures] + \
               [f"{p.key}: {p.error}" if not p.error.startswith(p.key) else p.error
                for p in self.pairs if p.status == RunStatus.FAILED] + list(self.other_failures)

    @property
    def ok(self) -> bool:
        return not self.failures

    @property
    def notes(self) -> list[str]:
        """What the user may want to act on, one line each: how to install the dictionary the lexical
        divergence component reads, when an English–Russian pair was scored without it."""
        langs = []
        for d in self.documents:
            lang_of = {v: lang for v, lang, _ in d.versions}
            langs += [(lang_of.get(p.src_version, ""), lang_of.get(p.tgt_version, "")) for p in d.pairs]
        return missing_note(langs)

    def count(self, status: RunStatus) -> int:
        return sum(1 for p in self.pairs if p.status == status)

    def to_frame(self) -> pd.DataFrame:
        """One row per pair (pandas DataFrame): document, versions, status, counts, timings, error."""
        import pandas as pd
        titles = {d.doc_id: d.title for d in self.documents}
        rows = [{"doc_id": p.doc_id, "title": titles.get(p.doc_id, ""), "source": p.src_version,
                 "target": p.tgt_version, "status": p.status, "beads": p.beads, "flagged": p.flagged,
                 "reviewed": p.reviewed, "findings": p.findings, "mean_similarity": p.mean_similarity,
                 "embedded": p.embedded, "seconds": round(p.seconds, 3), "store": str(p.path), "error": p.error}
                for p in self.pairs]
        return pd.DataFrame(rows, columns=["doc_id", "title", "source", "target", "status", "beads", "flagged",
                                           "reviewed", "findings", "mean_similarity", "embedded", "seconds",
                                           "store", "error"])

    def to_dict(self) -> dict[str, Any]:
        pairs = self.pairs
        return {
            "ok": self.ok, "notes": self.notes, "executor": self.executor, "workers": self.workers, "model": self.model,
            "seconds": round(self.seconds, 3), "index": str(self.index) if self.index else None,
            "totals": {"documents": len(self.documents), "pairs": len(pairs), "aligned": self.count(RunStatus.ALIGNED),
                       "unchanged": self.count(RunStatus.UNCHANGED), "failed": self.count(RunStatus.FAILED),
                       "failed_documents": len(self.document_failures),
                       "beads": sum(p.beads for p in pairs), "flagged": sum(p.flagged for p in pairs),
                       "reviewed": sum(p.reviewed for p in pairs), "findings": sum(p.findings for p in pairs),
                       "embedded": sum(p.embedded for p in pairs), "requested": sum(p.requested for p in pairs)},
            "documents": [d.to_dict() for d in self.documents],
            "document_failures": [{"doc_id": f.doc_id, "path": str(f.path), "reason": f.reason}
                                  for f in self.document_failures],
            "failures": self.failures,
        }
