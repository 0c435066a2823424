"""The divergence of a pair and of every bead of an alignment: components combined, with reasons.

Each component gives a value in [0, 1) (only an empty side gives 1).  They are
combined as independent pieces of evidence ("noisy-or"):

    score = 1 − Π (1 − component)

so one strong component is enough to flag a bead, several weak ones add up,
and the score never falls when a component rises.  Reasons are listed
strongest first; marks point into the side texts.
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from ..reading import normalise
from ..reading.written import as_written, read_side
from ..records import Alignment, Bead, Divergence
from . import omission
from .base import Finding
from .calibration import Calibration, calibrate, char_length
from .components import REGISTRY, Pair
from .tokens import SideText, nfc_with_offsets

#: A bead whose divergence is at or above this is flagged for review.
DEFAULT_REVIEW_THRESHOLD = 0.5

#: Which scorer gave an alignment its divergences, stamped into its signature's settings
#: (key ``"scoring"``).  Bump it whenever components or their values change: ``align run``
#: then re-scores stored alignments in place (beads, fixes and review kept).
#: 1: meaning, numbers, names, untranslated, length, negation, antonym, question, gender.
#: 2: + tense (tense and aspect, en/ru).
#: 3: omission/addition reasons name the sentence; partial omission/addition from the aligner's
#:    null-bead pass (``Bead.unmatched``).
SCORING = "divergence-3"

#: A side longer than this (characters) is not compared word by word: the word-level components
#: (numbers, names, ...) compare every item of one side with every item of the other, which on a
#: presegmented line of a megabyte takes hours.  Meaning and length are still scored.  Segmented
#: text never comes near it (segments are cut at 1,000 characters; a bead holds at most six).
MAX_COMPARED_CHARS = 20_000
#: The components that read a side as a whole, and are scored on any length.
WHOLE_TEXT_COMPONENTS = ("meaning", "length")

OMITTED = "omitted: the target has nothing for this source sentence"
ADDED = "added: the source has nothing for this target sentence"


def _combine(findings: list[Finding]) -> Divergence:
    keep = 1.0
    for f in findings:
        keep *= 1.0 - f.value
    ordered = sorted(findings, key=lambda f: -f.value)
    reasons = tuple(r for f in ordered if f.value > 0 for r in f.reasons)
    marks = tuple(sorted((m for f in ordered for m in f.marks), key=lambda m: (m.side, m.start, m.end)))
    components = {f.component: f.value for f in findings}
    return Divergence(score=1.0 - keep, components=components, reasons=reasons, marks=marks)


def empty_side(src_text: str, tgt_text: str) -> Divergence | None:
    """The divergence of a bead with an empty side, or None when both sides have text."""
    s, t = bool(src_text.strip()), bool(tgt_text.strip())
    if s and not t:
        return Divergence(1.0, {"omission": 1.0}, (OMITTED,))
    if t and not s:
        return Divergence(1.0, {"addition": 1.0}, (ADDED,))
    if not s and not t:
        return Divergence(0.0, {}, ("both sides are empty",))
    return None


def score_pair(src_text: str, tgt_text: str, src_lang: str, tgt_lang: str, similarity: float | None,
               *, calibration: Calibration | None = None, src_orthography: str | None = None,
               tgt_orthography: str | None = None, extra: Sequence[Finding] = ()) -> Divergence:
    """The divergence of one pair of texts.

    ``similarity`` is the cosine of the two texts' embeddings (None: the
    meaning component is left out).  ``calibration`` defaults to the bundled
    model's reference for the language pair — the same fallback a one-bead
    alignment gets (see :mod:`.calibration`).  Returns a
    :class:`~align.records.Divergence` whose marks are character offsets
    into ``src_text`` (side "source") and ``tgt_text`` (side "target").

    The components read each text in its spelling (``src_orthography``,
    ``tgt_orthography``; None: the one the text shows; ``""``: as written), through
    :func:`align.reading.normalise`; marks and reasons are put back on the
    texts as written.  ``extra`` findings (the partial omissions and additions
    of a bead, whose marks are already on the texts as written) are combined
    with the components'.
    """
    empty = empty_side(src_text, tgt_text)
    if empty is not None:
        return empty
    src_nfc, tgt_nfc = nfc_with_offsets(src_text), nfc_with_offsets(tgt_text)
    if src_nfc or tgt_nfc:  # read in NFC; marks point back into the texts as written
        div = score_pair(src_nfc[0] if src_nfc else src_text, tgt_nfc[0] if tgt_nfc else tgt_text, src_lang,
                         tgt_lang, similarity, calibration=calibration, src_orthography=src_orthography,
                         tgt_orthography=tgt_orthography)
        back: dict[str, list[int]] = {side: found[1] for side, found in (("source", src_nfc), ("target", tgt_nfc))
                                      if found is not None}
        marks = tuple(dataclasses.replace(m, start=back[m.side][m.start], end=back[m.side][m.end])
                      if m.side in back else m for m in div.marks)
        div = dataclasses.replace(div, marks=marks)
        return _with(div, extra) if extra else div
    cal = calibration or Calibration.reference(None, src_lang, tgt_lang)
    longest = max(len(src_text), len(tgt_text))
    src_read, tgt_read = normalise(src_text, src_lang, src_orthography), normalise(tgt_text, tgt_lang, tgt_orthography)
    src_text, tgt_text = src_read.text, tgt_read.text
    pair = Pair(SideText(src_text, src_lang), SideText(tgt_text, tgt_lang), similarity, cal)
    found = [c.score(pair) for c in REGISTRY
             if c.score is not None and (longest <= MAX_COMPARED_CHARS or c.name in WHOLE_TEXT_COMPONENTS)]
    written = as_written(_combine([f for f in found if f is not None]), src_read, tgt_read)
    if longest > MAX_COMPARED_CHARS:
        note = f"too long to compare word by word ({longest:,} characters): only meaning and length were scored"
        written = dataclasses.replace(written, reasons=written.reasons + (note,))
    return _with(written, extra) if extra else written


def _with(div: Divergence, extra: Sequence[Finding]) -> Divergence:
    """``div`` combined (noisy-or) with more findings; reasons stay strongest first."""
    keep = 1.0 - div.score
    for f in extra:
        keep *= 1.0 - f.value
    top = max(div.components.values(), default=0.0)
    ahead = [r for f in sorted(extra, key=lambda f: -f.value) if f.value > top for r in f.reasons]
    behind = [r for f in sorted(extra, key=lambda f: -f.value) if 0 < f.value <= top for r in f.reasons]
    marks = tuple(sorted((*div.marks, *(m for f in extra for m in f.marks)), key=lambda m: (m.side, m.start, m.end)))
    return Divergence(score=1.0 - keep, components={**div.components, **{f.component: f.value for f in extra}},
                      reasons=(*ahead, *div.reasons, *behind), marks=marks)


def _is_scored_one_to_one(bead: Bead) -> bool:
    return len(bead.src) == 1 and len(bead.tgt) == 1


def calibrate_alignment(alignment: Alignment) -> Calibration:
    """The calibration of an alignment from its own 1-1 beads and the model's reference."""
    ones = [b for b in alignment.beads if _is_scored_one_to_one(b)]
    sims = [b.similarity for b in ones if b.similarity is not None and math.isfinite(b.similarity)]
    sizes = [(char_length(read_side(alignment, b, "source")), char_length(read_side(alignment, b, "target")))
             for b in ones]
    return calibrate(sims, sizes, model=alignment.signature.model, src_lang=alignment.src_lang,
                     tgt_lang=alignment.tgt_lang)


def score_alignment(alignment: Alignment, *, calibration: Calibration | None = None) -> Alignment:
    """A copy of ``alignment`` whose every bead carries a :class:`~align.records.Divergence`.

    ``calibration`` defaults to :func:`calibrate_alignment` of this alignment.
    Omissions (1-0) and additions (0-1) score 1.0 and name their sentences; a merged
    bead with sentences the aligner found unmatched gets partial omission/addition
    findings (:mod:`.omission`).  No encoder is called:
    the meaning component uses the similarity the aligner stored on each bead.
    The copy's signature carries ``settings["scoring"] = SCORING``.
    """
    cal = calibration or calibrate_alignment(alignment)
    sig = alignment.signature
    signature = dataclasses.replace(sig, settings={**dict(sig.settings), "scoring": SCORING})
    beads = []
    for b in alignment.beads:
        src = alignment.side_text(b, "source")
        tgt = alignment.side_text(b, "target")
        if not b.src or not b.tgt:
            div = omission.empty_bead(alignment, b) or Divergence(0.0, {})
        else:
            div = score_pair(src, tgt, alignment.src_lang, alignment.tgt_lang, b.similarity, calibration=cal,
                             src_orthography=alignment.src_orthography, tgt_orthography=alignment.tgt_orthography,
                             extra=omission.partial(alignment, b))
        beads.append(dataclasses.replace(b, divergence=div))
    return dataclasses.replace(alignment, beads=tuple(beads), signature=signature)
