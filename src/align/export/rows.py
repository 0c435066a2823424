"""What every exporter shares: the rows to export, review state, the staleness check.

One :class:`ExportRow` per bead holds everything an exporter writes (texts,
scores, reasons, review status and note), so the TMX writer and the table
writers cannot disagree about which beads go out or what they say.
"""
from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..corpus import load_version
from ..divergence.components import COMPONENTS
from ..divergence.omission import gap_of
from ..errors import ExportError, StaleAlignmentError
from ..records import Alignment, Bead, ReviewStatus, text_sha256
from ..store import atomic_write_text

#: The model name of alignments read from a TMX file (their texts are synthetic).
IMPORTED_MODEL = "imported-tmx"


@dataclass(frozen=True)
class ExportRow:
    """One bead as the exporters see it.

    ``source``/``target`` are :meth:`Alignment.side_text` (sentences cleaned and
    joined with one space; ``""`` for an empty side); ``gap`` is ``omission``,
    ``addition``, ``partial omission``, ``partial addition`` or ``""``
    (:func:`align.divergence.gap_of`); ``review_status`` is a
    :class:`~align.records.ReviewStatus` value; ``components`` maps divergence component → score;
    ``review_kind``/``review_severity`` are a divergent bead's finding (omission,
    meaning, ...; minor, major, critical), ``review_by``/``review_at`` who
    decided and when (UTC ISO 8601), each ``""`` when the store has none.
    """

    bead: str
    src_ids: tuple[int, ...]
    tgt_ids: tuple[int, ...]
    kind: str
    gap: str
    source: str
    target: str
    similarity: float | None
    divergence: float | None
    reasons: tuple[str, ...] = ()
    components: Mapping[str, float] = field(default_factory=dict)
    review_status: str = ReviewStatus.PENDING
    note: str = ""
    # the reviewer's finding on a divergent bead, and who decided when ("" when the store has none)
    review_kind: str = ""
    review_severity: str = ""
    review_by: str = ""
    review_at: str = ""

    @property
    def empty_side(self) -> bool:
        """True for an omission (1-0) or addition (0-1) bead."""
        return not self.src_ids or not self.tgt_ids

    @property
    def reviewed(self) -> bool:
        """True when a reviewer decided something or left a note."""
        return self.review_status != ReviewStatus.PENDING or bool(self.note.strip())

    def finding_line(self) -> str:
        """The review in one line, as a TMX ``<note>`` carries it; ``""`` when nobody reviewed the bead.

        ``divergent (number/date, major): 18,000 vs 28 000 — Ann, 2024-05-01T10:00:00Z``
        """
        if not self.reviewed:
            return ""
        finding = ", ".join(x for x in (self.review_kind, self.review_severity) if x)
        line = self.review_status + (f" ({finding})" if finding else "")
        if self.note.strip():
            line += ": " + self.note.strip()
        who = ", ".join(x for x in (self.review_by, self.review_at) if x)
        return line + (f" — {who}" if who else "")


def review_state(stored: Any) -> dict[str, dict[str, Any]]:
    """Per-bead review state: ``{"[0]:[0,1]": {"status": "accepted", "note": "...", ...}}``.

    ``stored`` is a :class:`~align.store.StoredAlignment`, its raw ``review``
    dict, or ``None``.  Assumed shape (owned by ``align.review``)::

        review = {"beads": {"<Bead.ids()>": {"status": "accepted" | "rejected" | "divergent"
                                                       | "pending", "note": "...", ...}}}

    Anything else is tolerated: no review, no ``"beads"`` key, or entries that
    are not dicts give an empty state (every bead pending).  Each returned
    entry has a lower-case ``status`` (default ``"pending"``) and a string ``note``.
    """
    raw = getattr(stored, "review", stored)
    beads = raw.get("beads") if isinstance(raw, Mapping) else None
    if not isinstance(beads, Mapping):
        return {}
    out: dict[str, dict[str, Any]] = {}
    for key, entry in beads.items():
        if not isinstance(entry, Mapping):
            continue
        item = dict(entry)
        item["status"] = str(item.get("status") or ReviewStatus.PENDING).strip().lower()
        note = item.get("note")
        item["note"] = "" if note is None else str(note)
        out[str(key)] = item
    return out


def component_names(rows: list[ExportRow]) -> list[str]:
    """The divergence components present in ``rows``: registered ones in registry order, then the rest sorted."""
    present = {name for r in rows for name in r.components}
    return [c for c in COMPONENTS if c in present] + sorted(present - set(COMPONENTS))


def _row(alignment: Alignment, bead: Bead, review: Mapping[str, Mapping[str, Any]]) -> ExportRow:
    key = bead.ids()
    entry = review.get(key, {})
    div = bead.divergence
    return ExportRow(
        bead=key, src_ids=tuple(bead.src), tgt_ids=tuple(bead.tgt), kind=bead.kind, gap=gap_of(bead),
        source=alignment.side_text(bead, "source"), target=alignment.side_text(bead, "target"),
        similarity=None if bead.similarity is None else float(bead.similarity),
        divergence=None if div is None else float(div.score),
        reasons=tuple(div.reasons) if div else (),
        components={k: float(v) for k, v in div.components.items()} if div else {},
        review_status=str(entry.get("status", ReviewStatus.PENDING)), note=str(entry.get("note", "")),
        review_kind=str(entry.get("kind") or ""), review_severity=str(entry.get("severity") or ""),
        review_by=str(entry.get("by") or ""), review_at=str(entry.get("at") or ""))


#: What the exports leave out unless asked, in words (for ``--help`` and the docs).
LEFT_OUT_BY_DEFAULT = ("1-0 and 0-1 beads (a sentence with no counterpart: --include-empty puts them back) and "
                       "beads a reviewer rejected (a wrong pairing: --include-rejected); beads marked divergent "
                       "and beads nobody reviewed go out, carrying their review status")


def export_rows(alignment: Alignment, review: Any = None, *, include_empty: bool = False,
                include_rejected: bool = False, accepted_only: bool = False,
                exclude_divergent: bool = False) -> list[ExportRow]:
    """The rows to export, in bead order.

    By default 1-0 and 0-1 beads (nothing to pair) and beads a reviewer
    rejected (a wrong pairing) are left out; the two ``include_`` flags put
    them back.  Beads marked ``divergent`` stay in by default: the pairing is
    right, the wording differs, and the row carries the finding to say so.
    ``exclude_divergent`` leaves them out (a unit with a wrong number must not
    reach a translation memory); ``accepted_only`` keeps only beads a reviewer
    accepted (then ``include_rejected`` has nothing to add).
    ``review`` is whatever :func:`review_state` accepts.
    """
    state = review_state(review)
    rows = []
    for bead in alignment.beads:
        row = _row(alignment, bead, state)
        if row.empty_side and not include_empty:
            continue
        if row.review_status == ReviewStatus.REJECTED and not include_rejected:
            continue
        if accepted_only and row.review_status != ReviewStatus.ACCEPTED:
            continue
        if exclude_divergent and row.review_status == ReviewStatus.DIVERGENT:
            continue
        rows.append(row)
    return rows


def check_fresh(alignment: Alignment, current_texts: tuple[str, str] | None) -> None:
    """Raise :class:`StaleAlignmentError` if the versions' texts changed since the alignment was made.

    ``current_texts`` is ``(source text, target text)`` as they are now, or
    ``None`` when they are not available (then nothing is checked).
    """
    if current_texts is None:
        return
    sig = alignment.signature
    changed = [f"{side} version {version or '?'!r}"
               for side, version, old, text in (("source", alignment.src_version, sig.src_sha256, current_texts[0]),
                                                ("target", alignment.tgt_version, sig.tgt_sha256, current_texts[1]))
               if text_sha256(text) != old]
    if changed:
        raise StaleAlignmentError(
            f"{alignment.doc_id or 'alignment'}: the text of the {' and the '.join(changed)} changed since this "
            "alignment was made, so its beads no longer point at the right sentences; re-align with "
            "`align run`, then export again")


def texts_for(alignment: Alignment, texts_root: str | Path) -> tuple[str, str] | None:
    """The current texts of the alignment's two versions from ``texts_root/<doc_id>/<version>.txt``.

    ``None`` when there is nothing to check against: an imported TMX (its texts
    are synthetic), or a document or version missing from ``texts_root``.
    Versions are read with :func:`align.corpus.load_version`, so a present but
    broken version (bad metadata, bad encoding) raises its own error.
    """
    if alignment.signature.model == IMPORTED_MODEL or not alignment.doc_id:
        return None
    folder = Path(texts_root) / alignment.doc_id
    paths = [folder / f"{v}.txt" for v in (alignment.src_version, alignment.tgt_version)]
    if not all(p.is_file() for p in paths):
        return None
    src, tgt = (load_version(p, alignment.doc_id).text for p in paths)
    return src, tgt


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # as an ordinary new file, not mkstemp's private 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path_or_file: str | Path | IO[Any], text: str | bytes, what: str) -> None:
    """Write a finished export: a path atomically (temporary file + rename, so an error
    never leaves a half-written file), an open text stream as text, any other stream as UTF-8.
    ``bytes`` (a binary format such as XLSX) go to a path or a binary stream as they are."""
    if isinstance(path_or_file, (str, Path)):
        try:
            if isinstance(text, bytes):
                _atomic_write_bytes(Path(path_or_file), text)
            else:
                atomic_write_text(path_or_file, text)
        except OSError as exc:
            raise ExportError(f"{path_or_file}: cannot write the {what} file: {exc}") from None
    elif isinstance(text, bytes):
        if isinstance(path_or_file, io.TextIOBase):
            raise ExportError(f"the {what} file is binary: give --out FILE rather than standard output")
        path_or_file.write(text)
    elif isinstance(path_or_file, io.TextIOBase):
        path_or_file.write(text)
    else:
        path_or_file.write(text.encode("utf-8"))
