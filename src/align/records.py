"""Typed records passed between the stages.

Everything here is a frozen dataclass and imports nothing heavy.  The pipeline
is: ``Document``/``Version`` (corpus) → ``Segment`` (segment) → ``Bead`` and
``Alignment`` (aligner) → ``Divergence`` on each bead (divergence) → views,
exports and review.

The words every stage shares are declared here once: a :data:`Side` of an
alignment is ``"source"`` or ``"target"`` (the CLI's ``src``/``tgt`` are
converted where they are parsed, by :func:`parse_side`), and a bead's review
status is a :class:`ReviewStatus`.
"""
from __future__ import annotations

import enum
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

#: One side of an alignment: the source (pivot) version or the target version.
Side = Literal["source", "target"]
#: Both sides, in order.
SIDES: tuple[Side, Side] = ("source", "target")
_SIDE_NAMES: dict[str, Side] = {"source": "source", "target": "target", "src": "source", "tgt": "target"}


def check_side(side: object) -> Side:
    """``side`` itself when it is ``"source"`` or ``"target"``; :class:`ValueError` otherwise."""
    if side == "source" or side == "target":
        return side
    raise ValueError(f"a side is 'source' or 'target', not {side!r}")


def parse_side(name: str) -> Side:
    """A side as people type it: ``source``/``target`` or the short ``src``/``tgt`` (command line, review page).

    Raises :class:`ValueError` naming the accepted words.
    """
    try:
        return _SIDE_NAMES[name]
    except (KeyError, TypeError):
        raise ValueError(f"unknown side {name!r}; use src or tgt (or source, target)") from None


def text_sha256(text: str) -> str:
    """Hex SHA-256 of a text's UTF-8 bytes: the identity used in signatures."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ReviewStatus(enum.StrEnum):
    """A reviewer's verdict on a bead, as store files, exports and views write it."""

    PENDING = "pending"        # nothing decided yet (the status of a bead with no entry)
    ACCEPTED = "accepted"      # the alignment is right and both sides say the same
    DIVERGENT = "divergent"    # the alignment is right but the sides differ
    REJECTED = "rejected"      # the two sides should not be aligned


class Role(str, enum.Enum):
    """What a version of a document is.  The value is what metadata files hold."""

    ORIGINAL = "archival-original"
    PUBLISHED = "published-translation"
    WORKING = "working-translation"

    @property
    def label(self) -> str:
        """Human-readable label that every view shows next to the version."""
        return {
            Role.ORIGINAL: "archival original",
            Role.PUBLISHED: "published translation / rendering",
            Role.WORKING: "working translation made by this project — not an archival original",
        }[self]


#: Version of the layout of a store file's ``"review"`` object (inside store schema 1).
REVIEW_FORMAT = 1
#: The review statuses (:class:`ReviewStatus`), in the order lists offer them.
STATUSES: tuple[ReviewStatus, ...] = tuple(ReviewStatus)
#: How the two sides of a bead marked ``divergent`` differ.
KINDS = ("omission", "addition", "meaning", "number/date", "name", "style/other")
#: How much a divergence matters.
SEVERITIES = ("minor", "major", "critical")


@dataclass(frozen=True)
class VersionMeta:
    """Metadata of one version (one language rendering) of a document."""

    language: str
    role: Role
    title: str
    source: str
    date: str = ""
    place: str = ""
    author: str = ""
    translator: str = ""
    notes: str = ""
    # Where ``align add`` read the text from (empty for a text written by hand).  Left out of
    # repr, which the report stamp hashes, so adding these fields rebuilt no existing report.
    source_file: str = field(default="", repr=False)      # the file's name, e.g. "edition-1957.pdf"
    source_format: str = field(default="", repr=False)    # txt, docx, odt, html, epub, pdf
    source_sha256: str = field(default="", repr=False)    # hex SHA-256 of that file's bytes
    source_encoding: str = field(default="", repr=False)  # a text file's encoding, as detected or given
    # The spelling the metadata declares (modern, pre-reform, classical, mixed; empty: not declared,
    # detected from the text).  Left out of repr for the same reason as the source_* fields.
    orthography: str = field(default="", repr=False)

    @property
    def provenance(self) -> dict[str, str]:
        """The non-empty ``source_*`` fields: where the text was read from."""
        return {k: v for k, v in (("source_file", self.source_file), ("source_format", self.source_format),
                                  ("source_sha256", self.source_sha256),
                                  ("source_encoding", self.source_encoding)) if v}


@dataclass(frozen=True)
class Version:
    """One version of a document: its text exactly as stored, and its metadata."""

    doc_id: str
    version_id: str
    text: str
    meta: VersionMeta
    path: Path | None = None

    @property
    def language(self) -> str:
        return self.meta.language

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


@dataclass(frozen=True)
class DocumentMeta:
    """Metadata shared by every version of a document."""

    title: str
    date: str = ""
    place: str = ""
    author: str = ""
    source: str = ""
    notes: str = ""
    pivot: str = ""  # the version others are aligned against, when not the default choice


@dataclass(frozen=True)
class Document:
    """A document: a folder of ``texts/`` holding several versions."""

    doc_id: str
    meta: DocumentMeta
    versions: tuple[Version, ...]
    path: Path | None = None

    def version(self, version_id: str) -> Version:
        for v in self.versions:
            if v.version_id == version_id:
                return v
        known = ", ".join(v.version_id for v in self.versions) or "none"
        raise KeyError(f"document {self.doc_id!r} has no version {version_id!r} (it has: {known})")


@dataclass(frozen=True)
class Segment:
    """One sentence (or heading, date line, signature) of a version.

    ``text == source[start:end]`` always holds: offsets are character offsets
    into the version's decoded text, so the source is exactly recoverable from
    the segments and the gaps between them.
    """

    doc_id: str
    version_id: str
    paragraph: int
    index: int
    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        """The text with runs of whitespace (line wraps included) collapsed to one space."""
        return " ".join(self.text.split())


@dataclass(frozen=True)
class Mark:
    """A highlighted span inside one side of a bead: which words a component is about."""

    side: Side
    start: int  # character offset into the side's joined text (sentences joined by one space)
    end: int
    component: str
    label: str = ""


@dataclass(frozen=True)
class Divergence:
    """How differently the two sides of a bead say things, with reasons.

    ``score`` is in [0, 1]; ``components`` maps a component name (meaning,
    numbers, names, untranslated, length, negation, antonym, question, gender,
    tense, omission, addition) to its score in [0, 1]; ``reasons`` are short
    sentences a person can read.
    """

    score: float
    components: Mapping[str, float]
    reasons: tuple[str, ...] = ()
    marks: tuple[Mark, ...] = ()


@dataclass(frozen=True)
class Unmatched:
    """A sentence of a merged bead that probably has no counterpart on the other side.

    The aligner's null-bead pass (:mod:`align.aligner.nulls`) found it; it was
    left in the bead (a middle sentence, or evidence short of detaching it),
    and divergence names it as a partial omission (``side == "source"``) or a
    partial addition (``"target"``).  ``value`` is the evidence, in [0, 1].
    """

    side: Side
    index: int  # the sentence's index on that side
    value: float


@dataclass(frozen=True)
class Bead:
    """One alignment unit: source sentence indexes ↔ target sentence indexes.

    Either side may be empty (an omission ``1-0`` or an addition ``0-1``).
    ``similarity`` is the cosine similarity of the two sides' embeddings, or
    ``None`` for an empty side.  ``unmatched`` lists the sentences of a merged
    bead that the aligner found probably without counterpart (see :class:`Unmatched`).
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    similarity: float | None = None
    divergence: Divergence | None = None
    unmatched: tuple[Unmatched, ...] = ()

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"

    def indexes(self, side: Side) -> tuple[int, ...]:
        """The sentence indexes of one side; :class:`ValueError` for anything but ``"source"``/``"target"``."""
        return self.src if check_side(side) == "source" else self.tgt

    def ids(self) -> str:
        """The vecalign bead notation, e.g. ``[0]:[0,1]`` or ``[3]:[]``."""
        return "[" + ",".join(map(str, self.src)) + "]:[" + ",".join(map(str, self.tgt)) + "]"


@dataclass(frozen=True)
class Signature:
    """What made an alignment: enough to reproduce it or to notice it went stale."""

    model: str
    settings: Mapping[str, Any]
    src_sha256: str
    tgt_sha256: str
    version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "settings": dict(self.settings),
            "src_sha256": self.src_sha256,
            "tgt_sha256": self.tgt_sha256,
            "version": self.version,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Signature:
        return cls(
            model=str(data["model"]),
            settings=dict(data.get("settings", {})),
            src_sha256=str(data["src_sha256"]),
            tgt_sha256=str(data["tgt_sha256"]),
            version=str(data["version"]),
        )

    def __str__(self) -> str:
        settings = "|".join(f"{k}:{v}" for k, v in sorted(self.settings.items()))
        return (f"model:{self.model}|{settings}|src:{self.src_sha256[:12]}"
                f"|tgt:{self.tgt_sha256[:12]}|version:{self.version}")


@dataclass(frozen=True)
class Alignment:
    """Beads between the segments of two versions, with what made them."""

    src_segments: tuple[Segment, ...]
    tgt_segments: tuple[Segment, ...]
    beads: tuple[Bead, ...]
    signature: Signature
    src_lang: str
    tgt_lang: str
    doc_id: str = ""
    src_version: str = ""
    tgt_version: str = ""
    src_meta: VersionMeta | None = None
    tgt_meta: VersionMeta | None = None
    # The spelling each side was read in (see align.reading) when its reading differs from the
    # text as written; empty when the text was read as written.
    src_orthography: str = ""
    tgt_orthography: str = ""

    def segments(self, side: Side) -> tuple[Segment, ...]:
        """The segments of one side."""
        return self.src_segments if check_side(side) == "source" else self.tgt_segments

    def lang(self, side: Side) -> str:
        """The language tag of one side."""
        return self.src_lang if check_side(side) == "source" else self.tgt_lang

    def version_id(self, side: Side) -> str:
        """The version id of one side."""
        return self.src_version if check_side(side) == "source" else self.tgt_version

    def meta(self, side: Side) -> VersionMeta | None:
        """The metadata of one side's version, when recorded."""
        return self.src_meta if check_side(side) == "source" else self.tgt_meta

    def orthography(self, side: Side) -> str:
        """The spelling one side was read in (``""``: as written)."""
        return self.src_orthography if check_side(side) == "source" else self.tgt_orthography

    def side_text(self, bead: Bead, side: Side) -> str:
        """The sentences of one side of a bead, cleaned and joined with one space.

        Raises :class:`ValueError` for a side other than ``"source"`` or ``"target"``.
        """
        segs = self.segments(side)
        return " ".join(segs[i].clean for i in bead.indexes(side))

    def pairs(self) -> list[tuple[str, str]]:
        """(source text, target text) of every bead, in order."""
        return [(self.side_text(b, "source"), self.side_text(b, "target")) for b in self.beads]

    def _repr_html_(self) -> str:
        """Jupyter shows an alignment as the side-by-side view of :mod:`align.views`."""
        # the one import of a higher floor: the views are built on these records, and Jupyter
        # asks the record itself for its HTML
        from .views import AlignmentView
        return AlignmentView(self)._repr_html_()
