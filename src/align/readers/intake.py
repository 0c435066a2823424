"""``align add``: a document file becomes a version in ``texts/`` — all of it, or nothing.

:func:`add_version` reads the file with :func:`align.readers.read_document`,
checks the metadata it is about to write with the corpus's own validator
(:func:`align.corpus.parse_version_meta`), and only then writes
``texts/<doc>/<version>.txt`` and ``<version>.toml`` (and ``document.toml``
for a new document).  Every failure before that point leaves ``texts/``
untouched.  Writes are atomic: a new document is assembled in a hidden
folder (``texts/.add-<doc>-…``, which the corpus loader ignores) and renamed
into place; a version of an existing document is written to temporary files
and renamed.  An existing version is replaced only with ``force``.
"""
from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import ID_PATTERN, parse_version_meta
from ..errors import CorpusError, LanguageMismatchWarning, MetadataError, VersionExistsError
from ..records import Role, VersionMeta
from ..scripts import script_mismatch
from . import read_document
from .base import Extracted

#: The version id suffix each role gets by default (``ru-original``, ``en``, ``ru-working``).
ROLE_SUFFIX = {Role.ORIGINAL: "-original", Role.PUBLISHED: "", Role.WORKING: "-working"}


@dataclass(frozen=True)
class Added:
    """What :func:`add_version` wrote, and what it found on the way."""

    doc_id: str
    version_id: str
    text_path: Path
    meta_path: Path
    new_document: bool
    replaced: bool
    extracted: Extracted
    meta: VersionMeta
    warnings: tuple[str, ...] = field(default=())

    @property
    def paragraphs(self) -> int:
        return len(self.extracted.paragraphs)


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string (quotes, backslashes and control characters escaped)."""
    out = []
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def toml_table(fields: dict[str, str]) -> str:
    """``key = "value"`` lines for the non-empty fields, in the given order."""
    return "".join(f"{k} = {toml_string(v)}\n" for k, v in fields.items() if v)


def default_version_id(lang: str, role: Role) -> str:
    """``ru-original``, ``en`` or ``ru-working``: the language code and the role's suffix."""
    return f"{lang}{ROLE_SUFFIX[role]}"


def _write_text(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def add_version(texts_root: str | Path, doc_id: str, file: str | Path, *, lang: str, role: str | Role,
                title: str = "", source: str = "", date: str = "", place: str = "", author: str = "",
                translator: str = "", notes: str = "", encoding: str | None = None, format: str | None = None,
                version_id: str | None = None, doc_title: str = "", force: bool = False) -> Added:
    """Add ``file`` as a version of document ``doc_id`` under ``texts_root``; see the module docstring.

    ``title`` defaults to the title in the file's own metadata, else the
    file's name; ``source`` to the file's name; ``version_id`` to
    :func:`default_version_id`; ``doc_title`` (for a new document's
    ``document.toml``) to the version's title.  Raises
    :class:`~align.errors.VersionExistsError` when the version exists and
    ``force`` is off, and the readers' errors for a file that cannot be read.
    """
    root = Path(texts_root)
    src = Path(file)
    if not ID_PATTERN.match(doc_id):
        raise CorpusError(f"document id {doc_id!r}: use only letters, digits, '.', '_' and '-' "
                          "(e.g. 1920-04-26-kemal-proposal)")
    try:
        role = Role(role)
    except ValueError:
        raise MetadataError(f"role {role!r} is not one of {', '.join(r.value for r in Role)}") from None
    vid = version_id or default_version_id(lang, role)
    if not ID_PATTERN.match(vid):
        raise CorpusError(f"version id {vid!r}: use only letters, digits, '.', '_' and '-' (e.g. ru-original)")
    folder = root / doc_id
    txt, toml = folder / f"{vid}.txt", folder / f"{vid}.toml"
    exists = txt.exists() or toml.exists()
    if exists and not force:
        raise VersionExistsError(f"{txt}: version {vid!r} of {doc_id} already exists; give --force to replace "
                                 "it (its alignments are re-made by the next `align run`, reviews carried over), "
                                 "or another --version-id")
    if folder.exists() and not folder.is_dir():
        raise CorpusError(f"{folder}: exists and is not a folder")
    new_document = not (folder / "document.toml").is_file()
    if folder.is_dir() and new_document and any(folder.iterdir()):
        raise CorpusError(f"{folder}: holds files but no document.toml; add a document.toml "
                          "(title = \"...\") or remove the folder first")

    extracted = read_document(src, lang, encoding=encoding, format=format)
    data = src.read_bytes()
    fields = {
        "language": lang, "role": role.value,
        "title": title or extracted.title or src.stem,
        "source": source or f"the file {src.name}",
        "date": date, "place": place, "author": author, "translator": translator, "notes": notes,
        "source_file": src.name, "source_format": extracted.format,
        "source_sha256": hashlib.sha256(data).hexdigest(),
        "source_encoding": extracted.encoding,
    }
    fields = {k: " ".join(v.split()) if k != "notes" else v.strip() for k, v in fields.items()}
    meta = parse_version_meta(toml, fields)  # the corpus's own checks, before anything is written
    said = []
    problem = script_mismatch(extracted.text, lang)
    if problem:
        said.append(f"{src}: {problem}")
        warnings.warn(f"{src}: {problem}", LanguageMismatchWarning, stacklevel=2)
    header = (f"# Added by `align add` from {src.name} ({extracted.format}); "
              "the source_* fields say what it was read from.\n")
    version_toml = header + toml_table(fields)
    if new_document:
        doc_toml = toml_table({"title": doc_title or fields["title"]})
        _create_document(root, doc_id, {f"{vid}.txt": extracted.text, f"{vid}.toml": version_toml,
                                        "document.toml": doc_toml})
    else:
        _replace_files(folder, {f"{vid}.txt": extracted.text, f"{vid}.toml": version_toml})
    return Added(doc_id, vid, txt, toml, new_document, exists, extracted, meta, tuple(said))


def _create_document(root: Path, doc_id: str, files: dict[str, str]) -> None:
    """Write a new document folder whole: assembled hidden, then renamed into place."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".add-{doc_id}-{secrets.token_hex(4)}"
    tmp.mkdir()
    try:
        for name, text in files.items():
            _write_text(tmp / name, text)
        os.rename(tmp, root / doc_id)  # fails if the folder appeared meanwhile: nothing is overwritten
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _replace_files(folder: Path, files: dict[str, str]) -> None:
    """Write each file to a temporary name beside it, then rename them all into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for name, text in files.items():
            tmp = folder / f".{name}.{secrets.token_hex(4)}.tmp"
            _write_text(tmp, text)
            staged.append((tmp, folder / name))
        for tmp, final in staged:
            os.replace(tmp, final)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
