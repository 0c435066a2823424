"""The ``alignments/`` store: one JSON file per aligned pair of versions.

Format (``schema_version`` 1), human-readable and diff-friendly — one bead or
segment per line, so a reviewer's work shows up in ``git diff`` line by line::

    {
    "format": "align-workbench/alignment",
    "schema_version": 1,
    "revision": 3,                          # +1 on every save; stale saves are refused
    "doc_id": "...", "src_version": "en", "tgt_version": "ru-working",
    "src_lang": "en", "tgt_lang": "ru",
    "src_meta": {...}, "tgt_meta": {...},   # provenance (role, title, source, ..., orthography)
    "src_orthography": "pre-reform",        # only for a side read in another spelling (align.reading)
    "signature": {"model": ..., "settings": {...}, "src_sha256": ..., "tgt_sha256": ..., "version": ...},
    "src_segments": [
      [paragraph, start, end, "text"],
      ...],
    "tgt_segments": [...],
    "beads": [
      {"src": [0], "tgt": [0, 1], "similarity": 0.91, "divergence": {...}},
      {"src": [1, 2], "tgt": [2], "similarity": 0.88, "unmatched": [["source", 2, 0.71]], ...},
      ...],
    "review": {...}                         # review state, owned by align.review
    }

``"unmatched"`` (only on beads that have any) lists the sentences of a merged
bead the aligner found probably without counterpart: side, index, evidence.

The ``"review"`` object is written one entry per line too (see ``docs/review.md``).

Writes are atomic (:mod:`align.atomicfile`): the new content goes to a
temporary file in the same folder, is flushed and fsync'ed, then renamed over
the old file, so a crash at any moment leaves either the previous or the new
file; the file gets the permissions the umask gives.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .atomicfile import atomic_write_text, remove_stale_temps
from .errors import ConflictError, StoreError, StoreVersionError
from .records import (
    REVIEW_FORMAT,
    Alignment,
    Bead,
    Divergence,
    Mark,
    Role,
    Segment,
    Signature,
    Unmatched,
    VersionMeta,
    check_side,
)
from .storecheck import check_store_data

FORMAT = "align-workbench/alignment"
SCHEMA_VERSION = 1


#: What tells one version of a file from another without reading it: inode, size, modification time (ns).
FileStamp = tuple[int, int, int]


def file_stamp(path: str | Path) -> FileStamp | None:
    """The :data:`FileStamp` of ``path`` now; None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class StoredAlignment:
    """An alignment as saved: the beads, the raw review state, and the file revision.

    ``stamp`` is the file's :data:`FileStamp` as it was read or written (None for text not read from
    a file): a file whose stamp is unchanged still holds this revision."""

    alignment: Alignment
    review: dict[str, Any] = field(default_factory=dict)
    revision: int = 0
    path: Path | None = None
    stamp: FileStamp | None = field(default=None, compare=False)


def alignment_path(root: str | Path, doc_id: str, src_version: str, tgt_version: str) -> Path:
    """Where the alignment of two versions of a document lives: ``root/doc_id/src__tgt.json``."""
    return Path(root) / doc_id / f"{src_version}__{tgt_version}.json"


# -- encoding -----------------------------------------------------------------

def _meta_to_dict(meta: VersionMeta | None) -> dict[str, Any] | None:
    if meta is None:
        return None
    return {"language": meta.language, "role": meta.role.value, "title": meta.title,
            "source": meta.source, "date": meta.date, "place": meta.place, "author": meta.author,
            "translator": meta.translator, "notes": meta.notes,
            **meta.provenance,  # only when set, so files of versions written by hand keep their bytes
            **({"orthography": meta.orthography} if meta.orthography else {})}


def _meta_from_dict(data: dict[str, Any] | None) -> VersionMeta | None:
    if not data:
        return None
    return VersionMeta(language=data["language"], role=Role(data["role"]), title=data.get("title", ""),
                       source=data.get("source", ""), date=data.get("date", ""), place=data.get("place", ""),
                       author=data.get("author", ""), translator=data.get("translator", ""),
                       notes=data.get("notes", ""), source_file=data.get("source_file", ""),
                       source_format=data.get("source_format", ""), source_sha256=data.get("source_sha256", ""),
                       source_encoding=data.get("source_encoding", ""), orthography=data.get("orthography", ""))


def divergence_to_dict(div: Divergence) -> dict[str, Any]:
    return {"score": round(float(div.score), 4),
            "components": {k: round(float(v), 4) for k, v in div.components.items()},
            "reasons": list(div.reasons),
            "marks": [[m.side, m.start, m.end, m.component, m.label] for m in div.marks]}


def divergence_from_dict(data: dict[str, Any]) -> Divergence:
    return Divergence(score=float(data["score"]), components=dict(data.get("components", {})),
                      reasons=tuple(data.get("reasons", ())),
                      marks=tuple(Mark(*m) for m in data.get("marks", ())))


def bead_to_dict(bead: Bead) -> dict[str, Any]:
    out: dict[str, Any] = {"src": list(bead.src), "tgt": list(bead.tgt),
                           "similarity": None if bead.similarity is None else round(float(bead.similarity), 4)}
    if bead.unmatched:
        out["unmatched"] = [[u.side, u.index, round(float(u.value), 4)] for u in bead.unmatched]
    if bead.divergence is not None:
        out["divergence"] = divergence_to_dict(bead.divergence)
    return out


def bead_from_dict(data: dict[str, Any]) -> Bead:
    div = data.get("divergence")
    unmatched = tuple(Unmatched(check_side(side), int(index), float(value))
                      for side, index, value in data.get("unmatched") or ())
    return Bead(src=tuple(data["src"]), tgt=tuple(data["tgt"]), similarity=data.get("similarity"),
                divergence=divergence_from_dict(div) if div else None, unmatched=unmatched)


def _dumps_line(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _dumps_review(review: dict[str, Any]) -> list[str]:
    """The ``"review"`` member, one entry per line: a key per line, and inside an object or
    list value one item per line (a bead's decision, a history entry), so ``git diff``
    shows each decision as one changed line.  Top-level keys are sorted; inner order is kept."""
    if not review:
        return ["\"review\": {}"]
    out = ["\"review\": {"]
    keys = sorted(review)
    for n, key in enumerate(keys):
        value = review[key]
        end = "," if n < len(keys) - 1 else ""
        if isinstance(value, dict) and value:
            out.append(f" {json.dumps(key)}: {{")
            items = list(value.items())
            out.extend(f"  {json.dumps(str(k), ensure_ascii=False)}: {_dumps_line(v)}"
                       + ("," if i < len(items) - 1 else "") for i, (k, v) in enumerate(items))
            out.append(" }" + end)
        elif isinstance(value, list) and value:
            out.append(f" {json.dumps(key)}: [")
            out.extend(f"  {_dumps_line(v)}" + ("," if i < len(value) - 1 else "") for i, v in enumerate(value))
            out.append(" ]" + end)
        else:
            out.append(f" {json.dumps(key)}: {_dumps_line(value)}{end}")
    out.append("}")
    return out


def dumps(alignment: Alignment, review: dict[str, Any] | None = None, revision: int = 0) -> str:
    """The store file's text for an alignment (see the module docstring)."""
    a = alignment
    head = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "revision": revision,
            "doc_id": a.doc_id, "src_version": a.src_version, "tgt_version": a.tgt_version,
            "src_lang": a.src_lang, "tgt_lang": a.tgt_lang,
            "src_meta": _meta_to_dict(a.src_meta), "tgt_meta": _meta_to_dict(a.tgt_meta),
            "signature": a.signature.to_dict()}
    # how a side was read, only when not as written, so the files of modern texts keep their bytes
    head.update({f"{side}_orthography": o for side, o in (("src", a.src_orthography), ("tgt", a.tgt_orthography)) if o})
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"{json.dumps(k)}: {_dumps_line(v)},")

    def block(name: str, items: list[str], last: bool = False) -> None:
        lines.append(f"{json.dumps(name)}: [")
        lines.extend(("  " + it + ("," if i < len(items) - 1 else "")) for i, it in enumerate(items))
        lines.append("]" + ("" if last else ","))

    block("src_segments", [_dumps_line([s.paragraph, s.start, s.end, s.text]) for s in a.src_segments])
    block("tgt_segments", [_dumps_line([s.paragraph, s.start, s.end, s.text]) for s in a.tgt_segments])
    block("beads", [_dumps_line(bead_to_dict(b)) for b in a.beads])
    lines.extend(_dumps_review(review or {}))
    lines.append("}")
    return "\n".join(lines) + "\n"


def loads(text: str, where: str = "<alignment>") -> StoredAlignment:
    """Parse a store file's text; raises :class:`StoreError` naming what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StoreError(f"{where}: not a valid alignment file (JSON error at line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise StoreError(f"{where}: not an align-workbench alignment file (no \"format\": \"{FORMAT}\")")
    version = data.get("schema_version")
    if not isinstance(version, int):
        raise StoreError(f"{where}: schema_version is missing")
    if version > SCHEMA_VERSION:
        raise StoreVersionError(f"{where}: written by a newer workbench (schema version {version}; this one "
                                f"reads up to {SCHEMA_VERSION}). Upgrade the workbench; the file is left untouched")
    review = data.get("review")
    review_format = review.get("format") if isinstance(review, dict) else None
    if isinstance(review_format, int) and not isinstance(review_format, bool) and review_format > REVIEW_FORMAT:
        raise StoreVersionError(f"{where}: its review was written by a newer workbench (review format "
                                f"{review_format}; this one reads up to {REVIEW_FORMAT}). Upgrade the workbench; "
                                "the file is left untouched")
    check_store_data(data, where)
    try:
        def segs(key: str, version_id: str) -> tuple[Segment, ...]:
            return tuple(Segment(doc_id=data["doc_id"], version_id=version_id, paragraph=p, index=i,
                                 start=s, end=e, text=t) for i, (p, s, e, t) in enumerate(data[key]))
        alignment = Alignment(
            src_segments=segs("src_segments", data["src_version"]),
            tgt_segments=segs("tgt_segments", data["tgt_version"]),
            beads=tuple(bead_from_dict(b) for b in data["beads"]),
            signature=Signature.from_dict(data["signature"]),
            src_lang=data["src_lang"], tgt_lang=data["tgt_lang"], doc_id=data["doc_id"],
            src_version=data["src_version"], tgt_version=data["tgt_version"],
            src_meta=_meta_from_dict(data.get("src_meta")), tgt_meta=_meta_from_dict(data.get("tgt_meta")),
            src_orthography=str(data.get("src_orthography", "")), tgt_orthography=str(data.get("tgt_orthography", "")))
    except (KeyError, TypeError, ValueError) as exc:
        raise StoreError(f"{where}: malformed alignment file ({type(exc).__name__}: {exc})") from None
    return StoredAlignment(alignment=alignment, review=dict(review or {}),
                           revision=int(data.get("revision", 0)), path=None)


def load(path: str | Path) -> StoredAlignment:
    """Read a store file."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            st = os.fstat(fh.fileno())
            text = fh.read().decode("utf-8")
    except FileNotFoundError:
        raise StoreError(f"{p}: no such alignment file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StoreError(f"{p}: cannot read: {exc}") from None
    stored = loads(text, where=str(p))
    return StoredAlignment(alignment=stored.alignment, review=stored.review, revision=stored.revision, path=p,
                           stamp=(st.st_ino, st.st_size, st.st_mtime_ns))


def looks_like_store(path: str | Path) -> bool:
    """True when ``path`` is a file that begins like a store file (its ``"format"`` line), whether or not
    the rest can be read: what must not be written over by an export or a report."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return FORMAT.encode("utf-8") in head


@contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``folder`` (POSIX ``flock``; a no-op where unsupported),
    so that the revision check and the write of :func:`save` happen as one step across processes."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            pass
        yield
    finally:
        os.close(fd)  # closing releases the lock


def save(path: str | Path, alignment: Alignment, review: dict[str, Any] | None = None,
         expected_revision: int | None = None, *, expected_stamp: FileStamp | None = None) -> StoredAlignment:
    """Save atomically; with ``expected_revision``, refuse if the file moved on since it was read.

    The check and the write run under a lock on the folder, so two processes saving
    the same revision cannot both succeed: the second gets :class:`ConflictError`.
    ``expected_stamp``, the stamp of the file that held ``expected_revision``, spares the
    check a reading of the whole file while the file's stamp is still that one (the
    review server saves a store of hundreds of beads many times a minute)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with _folder_lock(p.parent):
        remove_stale_temps(p)
        return _save_unlocked(p, alignment, review, expected_revision, expected_stamp)


def _save_unlocked(p: Path, alignment: Alignment, review: dict[str, Any] | None,
                   expected_revision: int | None, expected_stamp: FileStamp | None = None) -> StoredAlignment:
    current = -1
    if expected_revision is not None and expected_stamp is not None and file_stamp(p) == expected_stamp:
        current = expected_revision  # the very file that was read: no need to parse it again
    elif p.exists():
        try:
            current = load(p).revision
        except StoreVersionError:
            raise
        except StoreError:
            current = -1
    if expected_revision is not None and p.exists() and current != expected_revision:
        raise ConflictError(f"{p}: was saved by someone else since you loaded it (revision {current}, you had "
                            f"{expected_revision}); reload to see their changes — yours were not written")
    revision = max(current, expected_revision if expected_revision is not None else -1) + 1
    atomic_write_text(p, dumps(alignment, review, revision))
    return StoredAlignment(alignment=alignment, review=dict(review or {}), revision=revision, path=p,
                           stamp=file_stamp(p))
