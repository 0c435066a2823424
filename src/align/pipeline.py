"""The order of the stages for one pair of texts: segment → embed → align → score.

This is the only module that knows that order; every stage it calls is a
plain function of its inputs.  Storing the result, and doing this for every
document of ``texts/`` (serially or on Dask workers), is :mod:`align.batch`'s
job (``align run``).
"""
from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from . import __version__, divergence
from .aligner import AlignerSettings, AlignStats, align_texts_with_encoder
from .divergence import Model, TermList, deletion
from .divergence.combine import terms_of, weights_of
from .divergence.warmup import Warmup
from .embed import Encoder, TextEncoder, get_encoder
from .embed.cache import CachedEncoder
from .embed.registry import encoder_for_identity
from .errors import LanguageError, LanguageMismatchWarning, LongSegmentWarning, SpellingWarning, UnrelatedTextsWarning
from .languages import normalize_language
from .progress import ALIGNING, EMBEDDING_SENTENCES, EMBEDDING_WINDOWS, SCORING, SEGMENTING, Progress, as_progress
from .reading import Reading, normalise, read, reading_signature
from .reading.written import read_side
from .records import Alignment, Bead, Segment, Signature, Unmatched, Version, VersionMeta, text_sha256
from .scripts import script_mismatch
from .segment import canonical_language, segment_text, segmenter_signature
from .segment.long import MAX_SEGMENT_CHARS


def resolve_encoder(model: str | None = None, *, cache: bool = True, cache_dir: str | Path | None = None,
                    device: str | None = None, prefix: str | None = None, threads: int = 0) -> Encoder:
    """The encoder named ``model`` (bundled default when None), behind the on-disk cache; ``threads``:
    how many threads a model call may use (0: every core)."""
    enc = get_encoder(model, device=device, prefix=prefix, threads=threads)
    return CachedEncoder(enc, cache_dir) if cache else enc


def presegmented(text: str, doc_id: str = "", version_id: str = "") -> tuple[Segment, ...]:
    """One segment per line, exactly as given (line ``i`` is segment ``i``; empty lines included)."""
    segs, pos = [], 0
    lines = text.split("\n")
    if lines and lines[-1] == "" and text.endswith("\n"):
        lines = lines[:-1]
    for i, line in enumerate(lines):
        body = line[:-1] if line.endswith("\r") else line
        segs.append(Segment(doc_id, version_id, 0, i, pos, pos + len(body), body))
        pos += len(line) + 1
    return tuple(segs)


def _warn_long_lines(segments: Sequence[Segment], side: str) -> None:
    """Name the presegmented lines too long to be one sentence (they are taken as given, not cut)."""
    long = [s for s in segments if len(s.text) > MAX_SEGMENT_CHARS]
    if long:
        lines = ", ".join(f"{s.index + 1} ({len(s.text):,} characters)" for s in long[:5])
        more = f" and {len(long) - 5} more" if len(long) > 5 else ""
        warnings.warn(f"{side} line(s) {lines}{more} are longer than {MAX_SEGMENT_CHARS:,} characters; "
                      "presegmented lines are taken as given, and the encoder reads only their beginning",
                      LongSegmentWarning, stacklevel=3)


def _check_script(text: str, lang: str, where: str) -> None:
    problem = script_mismatch(text, lang)
    if problem:
        warnings.warn(f"{where}: {problem}", LanguageMismatchWarning, stacklevel=3)


def align_segments(src_segments: Sequence[Segment], tgt_segments: Sequence[Segment], src_lang: str,
                   tgt_lang: str, *, src_text: str, tgt_text: str, encoder: TextEncoder | None = None,
                   settings: AlignerSettings | None = None,
                   score: bool = True, doc_id: str = "", src_version: str = "", tgt_version: str = "",
                   src_meta: VersionMeta | None = None, tgt_meta: VersionMeta | None = None,
                   segmentation: str = "", stats: AlignStats | None = None, src_reading: Reading | None = None,
                   tgt_reading: Reading | None = None, progress: bool | Progress = False,
                   terms: TermList | None = None, weights: Model | None = None) -> Alignment:
    """Align given segments; returns a signed :class:`Alignment` (scored unless ``score=False``).

    The encoder and the scorer see each text's reading (:func:`align.reading.read`:
    old spellings and OCR look-alikes normalised), made here from ``src_text``
    and the metadata's ``orthography`` unless given; the segments keep the text as written.
    ``progress``: where the stages and the texts embedded are shown (:mod:`align.progress`;
    ``True``: on stderr when it is a terminal).
    ``terms``: the names list scoring uses (:mod:`align.divergence.terms`); ``weights``: a
    :class:`align.divergence.Model` other than the shipped one.
    """
    settings = settings or AlignerSettings()
    enc = encoder if encoder is not None else resolve_encoder()
    stats = stats if stats is not None else AlignStats()
    with display(progress) as shown:
        src_reading = src_reading or version_reading(src_text, src_lang, src_meta, src_version)
        tgt_reading = tgt_reading or version_reading(tgt_text, tgt_lang, tgt_meta, tgt_version)
        src_read, tgt_read = read_segments(src_segments, src_reading), read_segments(tgt_segments, tgt_reading)
        # the scorer's word lookups run on a thread while the encoder embeds (it leaves the GIL)
        warmup = Warmup([(src_read, src_lang), (tgt_read, tgt_lang)]).start() if score else None
        try:
            raw = align_texts_with_encoder(
                src_read, tgt_read, staged_encode(enc, shown) if progress else enc.encode, settings,
                src_paragraphs=[s.paragraph for s in src_segments], tgt_paragraphs=[s.paragraph for s in tgt_segments],
                stats=stats)
        finally:
            if warmup is not None:
                warmup.stop()
        if stats.extra.get("unrelated"):
            warnings.warn(f"{src_version or 'source'} and {tgt_version or 'target'} do not look like versions of one "
                          f"document: each source sentence's best match is hardly more similar (mean "
                          f"{stats.extra['best_mean']:.3f}) than any two sentences of the texts (mean "
                          f"{stats.extra['all_mean']:.3f}), so nothing was aligned (every sentence is an omission "
                          f"or an addition). If they are versions of one text, align them with "
                          f"--set unrelated_below=-1", UnrelatedTextsWarning, stacklevel=2)
        beads = tuple(Bead(r.src, r.tgt, None if r.similarity is None else round(float(r.similarity), 6),
                           unmatched=tuple(Unmatched("source" if side == 0 else "target", index, value)
                                           for side, index, value in r.unmatched))
                      for r in raw)
        signature = signature_for(enc.identity, settings, segmentation, src_text, tgt_text,
                                  readings=(src_reading, tgt_reading))
        alignment = Alignment(src_segments=tuple(src_segments), tgt_segments=tuple(tgt_segments), beads=beads,
                              signature=signature, src_lang=src_lang, tgt_lang=tgt_lang, doc_id=doc_id,
                              src_version=src_version, tgt_version=tgt_version, src_meta=src_meta, tgt_meta=tgt_meta,
                              src_orthography=src_reading.orthography if src_reading.changed else "",
                              tgt_orthography=tgt_reading.orthography if tgt_reading.changed else "")
        if not score:
            return alignment
        shown.stage(SCORING)
        return score_alignment(alignment, terms=terms, encoder=encoder, weights=weights,
                               processes=scoring_processes(enc))


@contextmanager
def display(progress: bool | Progress) -> Iterator[Progress]:
    """The :class:`~align.progress.Progress` for a ``progress`` argument; one made here for ``True`` is
    closed (taken off the terminal) when the block ends."""
    shown = as_progress(progress)
    try:
        yield shown
    finally:
        if progress is True:
            shown.close()


def staged_encode(encoder: TextEncoder, progress: Progress) -> Callable[[list[str]], np.ndarray]:
    """``encoder.encode`` for the aligner, naming the stage of each call on ``progress``.

    The aligner (:func:`align.aligner.align_texts_with_encoder`) embeds every sentence in its first
    call, then searches; each later call embeds windows (the refinement's and the null-bead pass's),
    each followed by more search.  So the first call is *embedding sentences*, a later one *embedding
    windows*, and the time after a call is *aligning*; the aligner itself knows nothing of the display.
    """
    calls = 0

    def encode(texts: list[str]) -> np.ndarray:
        nonlocal calls
        progress.stage(EMBEDDING_SENTENCES if calls == 0 else EMBEDDING_WINDOWS, len(texts))
        calls += 1
        vecs = encoder.encode(texts, progress=progress)
        progress.stage(ALIGNING)
        return vecs

    return encode


def version_reading(text: str, lang: str, meta: VersionMeta | None = None, where: str = "") -> Reading:
    """How a version is read (:func:`align.reading.read`), warning when its declared spelling is not its own."""
    reading = read(text, lang, meta.orthography if meta is not None else "")
    if reading.warning:
        warnings.warn(f"{where or 'text'}: {reading.warning}", SpellingWarning, stacklevel=3)
    return reading


def read_segments(segments: Sequence[Segment], reading: Reading) -> list[str]:
    """What the encoder gets for each segment: ``Segment.clean`` in the spelling ``reading`` was read in
    (reading is word by word, so this is the segment's piece of the reading)."""
    if not reading.changed:
        return [s.clean for s in segments]
    return [normalise(s.clean, reading.lang, reading.orthography).text for s in segments]


def signature_for(model: str, settings: AlignerSettings, segmentation: str, src_text: str, tgt_text: str,
                  readings: tuple[Reading, Reading] | None = None) -> Signature:
    """What made an alignment: model identity, aligner settings, segmentation, text hashes, version,
    and — only for a text whose reading differs from it — the spelling it was read in."""
    extra = {}
    for side, reading in zip(("src", "tgt"), readings or ()):
        if reading_signature(reading):
            extra[f"reading.{side}"] = reading_signature(reading)
    return Signature(
        model=model,
        settings={**{f"aligner.{k}": v for k, v in settings.signature().items()}, "segmentation": segmentation,
                  **extra},
        src_sha256=text_sha256(src_text), tgt_sha256=text_sha256(tgt_text), version=__version__)


def segmentation_signature(src_lang: str, tgt_lang: str) -> str:
    """How both sides of a pair of texts are split into sentences (see :func:`align_texts`)."""
    return f"{segmenter_signature(src_lang)} || {segmenter_signature(tgt_lang)}"


def expected_signature(src: Version, tgt: Version, model: str,
                       settings: AlignerSettings | None = None) -> Signature:
    """The signature :func:`align_versions` would give these versions, without doing the work.

    ``align run`` compares it with a stored alignment's to skip pairs whose
    texts, model, settings and segmentation have not changed.
    """
    readings = (read(src.text, src.language, src.meta.orthography), read(tgt.text, tgt.language, tgt.meta.orthography))
    return signature_for(model, settings or AlignerSettings(), segmentation_signature(src.language, tgt.language),
                         src.text, tgt.text, readings=readings)


def score_alignment(alignment: Alignment, *, terms: TermList | None = None, encoder: TextEncoder | None = None,
                    weights: Model | None = None, processes: int | None = None) -> Alignment:
    """Divergence scores on every bead (calibrated on the alignment's own 1-1 beads).

    ``terms``: the collection's names list (:class:`align.divergence.TermList`);
    ``encoder``: the alignment's encoder, asked about names no rule matched (cached);
    ``weights``: refitted weights (:class:`align.divergence.Model`; default the shipped ones);
    ``processes``: 2 to score a long alignment's second half on a forked process (default: 2 when the
    encoder may use several cores, :func:`scoring_processes`).
    """
    if processes is None:
        processes = scoring_processes(encoder)
    return divergence.score_alignment(alignment, terms=terms, encoder=encoder, model=weights, processes=processes)


def scoring_processes(encoder: TextEncoder | None) -> int:
    """2 when the encoder's model calls may use more than one core (the pair has the machine's cores to
    itself: not ``--threads 1``, not one of several single-threaded Dask workers), else 1."""
    inner = getattr(encoder, "inner", encoder)
    threads = getattr(inner, "engine_threads", None)
    return 2 if callable(threads) and threads() > 1 else 1


def align_texts(src_text: str, tgt_text: str, src_lang: str, tgt_lang: str, *, encoder: TextEncoder | None = None,
                settings: AlignerSettings | None = None,
                presegmented_input: bool = False, score: bool = True, doc_id: str = "",
                src_version: str = "source", tgt_version: str = "target",
                src_meta: VersionMeta | None = None, tgt_meta: VersionMeta | None = None,
                stats: AlignStats | None = None, progress: bool | Progress = False,
                terms: TermList | None = None, weights: Model | None = None) -> Alignment:
    """Segment two texts (or take one sentence per line) and align them (``progress``, ``terms``,
    ``weights``: see :func:`align_segments`).

    Language codes are normalised here (``"english"`` → ``"en"``, :mod:`align.languages`), so
    what is stored and exported is a standard tag."""
    given = (src_lang, tgt_lang)
    src_lang = normalize_language(src_lang, where="source language")
    tgt_lang = normalize_language(tgt_lang, where="target language")
    for name, lang in zip(given, (src_lang, tgt_lang)):  # an unknown code fails before any work
        try:
            canonical_language(lang)
        except LanguageError as exc:
            if name != lang:  # say what was typed too: "klingon" is read as "tlh"
                raise LanguageError(f"{name!r} (read as {lang!r}): {exc}") from None
            raise
    _check_script(src_text, src_lang, src_version)
    _check_script(tgt_text, tgt_lang, tgt_version)
    src_reading = version_reading(src_text, src_lang, src_meta, src_version)
    tgt_reading = version_reading(tgt_text, tgt_lang, tgt_meta, tgt_version)
    with display(progress) as shown:
        shown.stage(SEGMENTING)
        if presegmented_input:
            src = presegmented(src_text, doc_id, src_version)
            tgt = presegmented(tgt_text, doc_id, tgt_version)
            seg_sig = "presegmented"
            _warn_long_lines(src, "source")
            _warn_long_lines(tgt, "target")
        else:
            src = segment_text(src_text, src_lang, doc_id=doc_id, version_id=src_version, reading=src_reading)
            tgt = segment_text(tgt_text, tgt_lang, doc_id=doc_id, version_id=tgt_version, reading=tgt_reading)
            seg_sig = segmentation_signature(src_lang, tgt_lang)
        return align_segments(src, tgt, src_lang, tgt_lang, src_text=src_text, tgt_text=tgt_text, encoder=encoder,
                              settings=settings, score=score, doc_id=doc_id, src_version=src_version,
                              tgt_version=tgt_version, src_meta=src_meta, tgt_meta=tgt_meta,
                              segmentation=seg_sig, stats=stats, src_reading=src_reading, tgt_reading=tgt_reading,
                              progress=shown if progress else False, terms=terms, weights=weights)


def align_versions(src: Version, tgt: Version, *, encoder: TextEncoder | None = None,
                   settings: AlignerSettings | None = None, score: bool = True,
                   stats: AlignStats | None = None, progress: bool | Progress = False,
                   terms: TermList | None = None, weights: Model | None = None) -> Alignment:
    """Align two versions of a document from ``texts/`` (``terms``: the collection's names list;
    ``weights``: refitted divergence weights)."""
    return align_texts(src.text, tgt.text, src.language, tgt.language, encoder=encoder, settings=settings,
                       score=score, doc_id=src.doc_id, src_version=src.version_id, tgt_version=tgt.version_id,
                       src_meta=src.meta, tgt_meta=tgt.meta, stats=stats, progress=progress, terms=terms,
                       weights=weights)


#: How many beads of a review fix get the deletion test's budget of a pair scored alone (:func:`rescore_divergence`).
FIX_BEADS_TESTED = 2


def rescore(alignment: Alignment, bead_indexes: Sequence[int], encoder: TextEncoder | None = None) -> Alignment:
    """Recompute similarity and divergence of some beads (after a review fix).

    Similarities are cosines of the real embeddings of each bead's joined
    sides; divergence is calibrated on the whole alignment, as at alignment time.
    """
    idx = sorted(set(bead_indexes))
    if not idx:
        return alignment
    if encoder is None:
        encoder = encoder_for_identity(alignment.signature.model)
    beads = list(alignment.beads)
    full = [i for i in idx if beads[i].src and beads[i].tgt]
    if full:
        vs = encoder.encode([read_side(alignment, beads[i], "source") for i in full])
        vt = encoder.encode([read_side(alignment, beads[i], "target") for i in full])
        sims = np.clip(np.sum(vs * vt, axis=1), -1.0, 1.0)
        for i, s in zip(full, sims):
            beads[i] = replace(beads[i], similarity=round(float(s), 6))
    for i in idx:
        if not (beads[i].src and beads[i].tgt):
            beads[i] = replace(beads[i], similarity=None)
    return rescore_divergence(replace(alignment, beads=tuple(beads)), idx, encoder=encoder)


def rescore_divergence(alignment: Alignment, bead_indexes: Sequence[int],
                       encoder: TextEncoder | None = None) -> Alignment:
    """Recompute the divergence (not the similarity) of some beads, calibrated on the whole
    alignment.  With ``encoder`` (the alignment's, as :func:`rescore` passes it after a review fix)
    the beads get the checks ``align run`` asks it for: names no rule matched, and the deletion test
    (:mod:`align.divergence.deletion`) with the budget of a pair scored alone for each of up to
    :data:`FIX_BEADS_TESTED` beads (a merge or a split; a realigned stretch of many beads gets no more,
    so a fix stays quick); without one, no encoder is called and those checks are skipped.  The
    signature is left as it is."""
    idx = sorted(set(bead_indexes))
    if not idx:
        return alignment
    beads = list(alignment.beads)
    cal = divergence.calibrate_alignment(alignment)
    scored = divergence.score_alignment(replace(alignment, beads=tuple(beads[i] for i in idx)), calibration=cal,
                                        terms=terms_of(alignment), model=weights_of(alignment), encoder=encoder,
                                        deletion_budget=deletion.LEAST_BUDGET * min(len(idx), FIX_BEADS_TESTED))
    for i, b in zip(idx, scored.beads):
        beads[i] = b
    return replace(alignment, beads=tuple(beads))
