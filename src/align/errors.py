"""Named exceptions: the library raises these, the CLI turns them into messages.

Every exception derives from :class:`AlignError`, so a caller can catch the whole
family at once.  Messages say what was wrong, where, and what to do about it.
"""
from __future__ import annotations


class AlignError(Exception):
    """Base class of every error the workbench raises on purpose."""


class InputError(AlignError):
    """An input file or text cannot be used as given."""


class EncodingError(InputError):
    """A file is not valid text in the expected encoding."""


class EmptyInputError(InputError):
    """A file or text holds nothing to work on."""


class TooLargeError(InputError):
    """A file is larger than one version may be."""


class BinaryInputError(InputError):
    """A file looks like binary data, not text."""


class LanguageError(InputError):
    """A language code is unknown, or the text is not in the declared language."""


class MetadataError(InputError):
    """A version's or document's metadata is missing or invalid."""


class CorpusError(InputError):
    """The texts/ folder or one of its documents is malformed."""


class ModelError(AlignError):
    """An encoder model cannot be loaded or used."""


class CacheError(AlignError):
    """The embedding cache cannot be read or written."""


class ClusterError(AlignError):
    """A Dask cluster could not be started or reached."""


class AlignmentError(AlignError):
    """An alignment cannot be computed, read or used."""


class StaleAlignmentError(AlignmentError):
    """The texts changed since the alignment was made; re-align first."""


class StoreError(AlignError):
    """The alignments/ store holds a file that cannot be read or written."""


class StoreVersionError(StoreError):
    """A store file was written by a newer schema version than this code knows."""


class ConflictError(StoreError):
    """A save was based on a stale version of the store file."""


class ReviewError(AlignError):
    """A review decision or fix cannot be applied."""


class ExportError(AlignError):
    """An export or import (TMX, TSV, JSONL) failed."""


class LanguageMismatchWarning(UserWarning):
    """The text's script does not look like the declared language."""


class SpellingWarning(UserWarning):
    """A version's declared spelling (orthography) is not the one its text is written in."""


class TextCleanupWarning(UserWarning):
    """Characters were removed or changed on the way out (e.g. XML-forbidden controls)."""


class DocumentFormatError(InputError):
    """A document file (docx, odt, pdf, epub, html) is corrupt, truncated or not what its name says."""


class ProtectedDocumentError(InputError):
    """A document file is password-protected, encrypted or DRM-locked."""


class NoTextLayerError(InputError):
    """A PDF holds page images (a scan) but no text to extract."""


class NavigationPageError(InputError):
    """A web page holds mostly navigation (menus, lists of links), not a text."""


class VersionExistsError(CorpusError):
    """A version with that id already exists in texts/ and replacing it was not asked for."""


class UnrelatedTextsWarning(UserWarning):
    """Two texts given as versions of one document do not look like it: nothing was aligned."""


class LongSegmentWarning(UserWarning):
    """A stretch of text with no sentence end was too long for one segment and was cut into pieces."""


class TruncationWarning(UserWarning):
    """A text was longer than the encoder's model reads; only its beginning was embedded."""
