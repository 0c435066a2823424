"""Reading ``texts/``: documents, their versions and provenance metadata.

Layout (documented for users in ``texts/README.md``)::

    texts/<doc_id>/document.toml        title, date, place, author, source, notes
    texts/<doc_id>/<version_id>.txt     the version's text, UTF-8, paragraphs split by blank lines
    texts/<doc_id>/<version_id>.toml    language, role, title, source (required); date, place,
                                        author, translator, notes, encoding, source_file,
                                        source_format, source_sha256, source_encoding,
                                        orthography (optional)

TOML is read with the standard library's ``tomllib``.  Every problem raises
:class:`~align.errors.MetadataError` or :class:`~align.errors.CorpusError`
naming the file and the field.
"""
from __future__ import annotations

import codecs
import re
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import armscii8
from .errors import CorpusError, InputError, LanguageError, LanguageMismatchWarning, MetadataError
from .languages import normalize_language
from .reading import check_orthography
from .records import Document, DocumentMeta, Role, Version, VersionMeta
from .scripts import script_mismatch
from .textio import read_text

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
#: What a document or version id may be: letters, digits, '.', '_' and '-', not starting with a symbol.
ID_PATTERN = _ID
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
VERSION_REQUIRED = ("language", "role", "title", "source")
VERSION_OPTIONAL = ("date", "place", "author", "translator", "notes", "encoding",
                    "source_file", "source_format", "source_sha256", "source_encoding", "orthography")
DOCUMENT_REQUIRED = ("title",)
DOCUMENT_OPTIONAL = ("date", "place", "author", "source", "notes", "pivot")


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise MetadataError(f"{path}: cannot read metadata: {exc}") from exc
    try:
        return tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise MetadataError(f"{path}: metadata must be UTF-8 (bad byte at {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{path}: not valid TOML: {exc}") from None


def _fields(path: Path, data: dict[str, Any], required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    unknown = sorted(set(data) - set(required) - set(optional))
    if unknown:
        raise MetadataError(f"{path}: unknown field(s) {', '.join(unknown)}; "
                            f"allowed: {', '.join(required + optional)}")
    for name in required + optional:
        value = data.get(name, "")
        if not isinstance(value, str):
            raise MetadataError(f"{path}: field '{name}' must be a string, not {type(value).__name__}")
        if name in required and not value.strip():
            raise MetadataError(f"{path}: required field '{name}' is missing or empty")
        out[name] = value.strip()
    return out


def parse_version_meta(path: Path, data: dict[str, Any]) -> VersionMeta:
    """Validate a version's metadata table."""
    f = _fields(path, data, VERSION_REQUIRED, VERSION_OPTIONAL)
    if not _LANG.match(f["language"]):
        raise MetadataError(f"{path}: field 'language' = {f['language']!r} is not a language code "
                            "such as en, ru, hy, de, fr, zh")
    try:  # one standard form everywhere: "EN" → "en", "hye" → "hy", "en-UK" → "en-GB"
        f["language"] = normalize_language(f["language"])
    except LanguageError:
        pass  # kept as written: the document loads, and its pairs fail with the language named
    try:
        role = Role(f["role"])
    except ValueError:
        raise MetadataError(f"{path}: field 'role' = {f['role']!r} is not one of "
                            f"{', '.join(r.value for r in Role)}") from None
    if role is Role.WORKING and not (f["notes"] or f["translator"]):
        raise MetadataError(f"{path}: a working translation needs 'translator' or 'notes' saying who made it")
    if f["encoding"]:
        _check_encoding(path, f["encoding"])
    if f["orthography"]:
        check_orthography(f["orthography"], f["language"], str(path))
    return VersionMeta(language=f["language"], role=role, title=f["title"], source=f["source"],
                       date=f["date"], place=f["place"], author=f["author"],
                       translator=f["translator"], notes=f["notes"], source_file=f["source_file"],
                       source_format=f["source_format"], source_sha256=f["source_sha256"],
                       source_encoding=f["source_encoding"], orthography=f["orthography"])


def _check_encoding(path: Path, name: str) -> None:

    armscii8.register()
    try:
        codecs.lookup(name)
    except LookupError:
        raise MetadataError(f"{path}: field 'encoding' = {name!r} is not an encoding Python knows "
                            "(e.g. utf-8, utf-16, cp1251, koi8-r, cp866, armscii-8, latin-1, cp1252)") from None


def _encoding_advice(meta_path: Path) -> Callable[[str], str]:
    def advice(encoding: str) -> str:
        return f'in its metadata: add encoding = "{encoding}" to {meta_path} (or convert the file to UTF-8)'
    return advice


def load_version(txt: Path, doc_id: str | None = None, encoding: str | None = None) -> Version:
    """One version: ``<id>.txt`` and its ``<id>.toml``.

    The text is UTF-8 unless ``encoding`` (or the metadata's ``encoding`` field) says otherwise.
    """
    meta_path = txt.with_suffix(".toml")
    if not meta_path.exists():
        raise MetadataError(f"{txt}: no metadata file {meta_path.name} beside it "
                            f"(needs at least: {', '.join(VERSION_REQUIRED)})")
    data = _read_toml(meta_path)
    meta = parse_version_meta(meta_path, data)
    declared = str(data.get("encoding", "")).strip() or None
    text = read_text(txt, encoding=encoding or declared, lang=meta.language, advice=_encoding_advice(meta_path))
    problem = script_mismatch(text, meta.language)
    if problem:
        warnings.warn(f"{txt}: {problem}", LanguageMismatchWarning, stacklevel=2)
    return Version(doc_id=doc_id or txt.parent.name, version_id=txt.stem, text=text, meta=meta, path=txt)


def load_document(folder: str | Path) -> Document:
    """A document folder with ``document.toml`` and one or more versions."""
    folder = Path(folder)
    if not folder.is_dir():
        raise CorpusError(f"{folder}: not a document folder")
    if not _ID.match(folder.name):
        raise CorpusError(f"{folder}: document folder names may hold only letters, digits, '.', '_' and '-'")
    doc_toml = folder / "document.toml"
    if not doc_toml.exists():
        raise MetadataError(f"{folder}: no document.toml (needs at least: {', '.join(DOCUMENT_REQUIRED)})")
    d = _fields(doc_toml, _read_toml(doc_toml), DOCUMENT_REQUIRED, DOCUMENT_OPTIONAL)
    meta = DocumentMeta(**d)
    versions = []
    for txt in sorted(folder.glob("*.txt")):
        if not _ID.match(txt.stem):
            raise CorpusError(f"{txt}: version file names may hold only letters, digits, '.', '_' and '-'")
        versions.append(load_version(txt, folder.name))
    orphans = [p.name for p in folder.glob("*.toml")
               if p.name != "document.toml" and not p.with_suffix(".txt").exists()]
    if orphans:
        raise CorpusError(f"{folder}: metadata without a text: {', '.join(sorted(orphans))}")
    if not versions:
        raise CorpusError(f"{folder}: no versions (add <version_id>.txt with <version_id>.toml)")
    if meta.pivot and meta.pivot not in {v.version_id for v in versions}:
        raise MetadataError(f"{doc_toml}: field 'pivot' = {meta.pivot!r} names no version of this document "
                            f"(versions: {', '.join(v.version_id for v in versions)})")
    return Document(doc_id=folder.name, meta=meta, versions=tuple(versions), path=folder)


def load_corpus(root: str | Path) -> tuple[Document, ...]:
    """Every document folder under ``root`` (``texts/``), sorted by id."""
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: no such texts folder")
    docs = tuple(load_document(p) for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith("."))
    if not docs:
        raise CorpusError(f"{root}: holds no document folders")
    return docs


@dataclass(frozen=True)
class DocumentFailure:
    """A document folder that could not be read, and why."""

    doc_id: str
    path: Path
    reason: str


def is_document_folder(path: str | Path) -> bool:
    """Whether ``path`` is one document (holds ``document.toml``) rather than a collection."""
    return (Path(path) / "document.toml").is_file()


def scan_corpus(root: str | Path) -> tuple[tuple[Document, ...], tuple[DocumentFailure, ...]]:
    """Like :func:`load_corpus`, but a document that cannot be read is reported, not raised.

    ``root`` is a collection (``texts/``) or a single document folder.  Returns
    the readable documents and a :class:`DocumentFailure` for each other one,
    so that one malformed document does not stop a run over hundreds.
    """
    root = Path(root)
    if not root.is_dir():
        raise CorpusError(f"{root}: no such texts folder")
    folders = [root] if is_document_folder(root) else \
        [p for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]
    if not folders:
        raise CorpusError(f"{root}: holds no document folders")
    docs: list[Document] = []
    failures: list[DocumentFailure] = []
    for folder in folders:
        try:
            docs.append(load_document(folder))
        except InputError as exc:
            failures.append(DocumentFailure(folder.name, folder, str(exc)))
        except (OSError, ValueError) as exc:  # unreadable folder, odd file system entries
            failures.append(DocumentFailure(folder.name, folder, f"{folder}: {exc}"))
    return tuple(docs), tuple(failures)


def pivot_version(doc: Document, prefer: str | None = None) -> Version:
    """The version others are aligned against.

    In order: the version named ``prefer`` (``align run --pivot``) when the
    document has it; the one named by ``pivot`` in ``document.toml``; an
    archival original; a published translation; the first version.
    """
    for wanted in (prefer, doc.meta.pivot):
        if wanted:
            for v in doc.versions:
                if v.version_id == wanted:
                    return v
    for role in (Role.ORIGINAL, Role.PUBLISHED):
        for v in doc.versions:
            if v.meta.role is role:
                return v
    return doc.versions[0]

