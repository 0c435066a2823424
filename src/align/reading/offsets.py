"""A reading of a text: normalised words beside the text as written, with a map between their offsets.

Normalisation changes words only (a letter replaced, a final ``ъ`` dropped,
``իւ`` written ``յու``): the spaces, punctuation and digits between words are
kept exactly.  A :class:`Reading` therefore records only the words it
changed, as ``(source start, source end, reading start, reading end)``
pieces, and maps any other offset by the shift the changed words before it
add up to.  A word boundary maps exactly; an offset inside a changed word
maps to the same distance into the other word, clamped to its length.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

#: (source start, source end, reading start, reading end) of one changed word.
Piece = tuple[int, int, int, int]


@dataclass(frozen=True)
class Reading:
    """How the workbench reads one text: ``text`` normalised, ``source`` exactly as written.

    ``orthography`` is the spelling the text was read in (``"modern"``,
    ``"pre-reform"``, ``"classical"``, ``"mixed"``), ``declared`` what its
    metadata said (empty when nothing), ``detected`` what the text itself shows,
    and ``warning`` a sentence for the user when the two disagree.
    """

    source: str
    text: str
    lang: str
    orthography: str
    pieces: tuple[Piece, ...] = ()
    declared: str = ""
    detected: str = ""
    warning: str = ""
    _src_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)
    _read_starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_src_starts", tuple(p[0] for p in self.pieces))
        object.__setattr__(self, "_read_starts", tuple(p[2] for p in self.pieces))

    @property
    def changed(self) -> bool:
        """Whether the reading differs from the text as written."""
        return bool(self.pieces)

    def changes(self) -> list[tuple[str, str]]:
        """``(word as written, word as read)`` for every changed word, in order."""
        return [(self.source[a:b], self.text[c:d]) for a, b, c, d in self.pieces]

    def to_source(self, pos: int) -> int:
        """The offset in ``source`` of offset ``pos`` of ``text``."""
        return _map(pos, self._read_starts, self.pieces, 2, 0)

    def from_source(self, pos: int) -> int:
        """The offset in ``text`` of offset ``pos`` of ``source``."""
        return _map(pos, self._src_starts, self.pieces, 0, 2)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of ``source`` that the span ``text[start:end]`` reads."""
        return self.to_source(start), self.to_source(end)

    def read(self, start: int, end: int) -> str:
        """The reading of ``source[start:end]`` (a span that starts and ends between words)."""
        return self.text[self.from_source(start):self.from_source(end)]


def _map(pos: int, starts: tuple[int, ...], pieces: tuple[Piece, ...], frm: int, to: int) -> int:
    i = bisect_right(starts, pos) - 1
    if i < 0:
        return pos
    p = pieces[i]
    f_start, f_end, t_start, t_end = p[frm], p[frm + 1], p[to], p[to + 1]
    if pos < f_end:
        return t_start + min(pos - f_start, t_end - t_start)
    return t_end + (pos - f_end)


class ReadingBuilder:
    """Collects a text's words as read, changed or not, and makes the :class:`Reading`."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._pos = 0       # next unread offset of source
        self._out = 0       # length of the reading so far

    def replace(self, start: int, end: int, new: str) -> None:
        """Read ``source[start:end]`` (one word, at or after the last one) as ``new``."""
        if new == self.source[start:end]:
            return
        self._copy_to(start)
        self._pieces.append((start, end, self._out, self._out + len(new)))
        self._parts.append(new)
        self._out += len(new)
        self._pos = end

    def _copy_to(self, pos: int) -> None:
        if pos > self._pos:
            self._parts.append(self.source[self._pos:pos])
            self._out += pos - self._pos
            self._pos = pos

    def build(self, lang: str, orthography: str, *, declared: str = "", detected: str = "",
              warning: str = "") -> Reading:
        """The :class:`Reading` of the words given so far (the rest of the text read as written)."""
        self._copy_to(len(self.source))
        text = "".join(self._parts) if self._pieces else self.source
        return Reading(self.source, text, lang, orthography, tuple(self._pieces), declared=declared,
                       detected=detected, warning=warning)
