"""The order of the stages: segment → embed → align → score → store.

This is the only module that knows that order; every stage it calls is a
plain function of its inputs.  ``align run`` (see :func:`run`) applies it to
every document in ``texts/``: each version is aligned against the document's
pivot version (an archival original when there is one, else the published
rendering), scored, and saved in ``alignments/<doc>/<pivot>__<version>.json``
with any earlier review work carried over.
"""
from __future__ import annotations

import time
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import numpy as np

from . import __version__
from .errors import LanguageMismatchWarning
from .records import Alignment, Bead, Segment, Signature, Version, VersionMeta, text_sha256


def resolve_encoder(model: str | None = None, *, cache: bool = True, cache_dir: str | Path | None = None,
                    device: str | None = None, prefix: str | None = None):
    """The encoder named ``model`` (bundled default when None), behind the on-disk cache."""
    from .embed import get_encoder
    from .embed.cache import CachedEncoder
    enc = get_encoder(model, device=device, prefix=prefix)
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


def _check_script(text: str, lang: str, where: str) -> None:
    from .scripts import script_mismatch
    problem = script_mismatch(text, lang)
    if problem:
        warnings.warn(f"{where}: {problem}", LanguageMismatchWarning, stacklevel=3)


def align_segments(src_segments: Sequence[Segment], tgt_segments: Sequence[Segment], src_lang: str,
                   tgt_lang: str, *, src_text: str, tgt_text: str, encoder=None, settings=None,
                   score: bool = True, doc_id: str = "", src_version: str = "", tgt_version: str = "",
                   src_meta: VersionMeta | None = None, tgt_meta: VersionMeta | None = None,
                   segmentation: str = "", stats=None) -> Alignment:
    """Align given segments; returns a signed :class:`Alignment` (scored unless ``score=False``)."""
    from .aligner import AlignerSettings, AlignStats, align_texts_with_encoder
    settings = settings or AlignerSettings()
    encoder = encoder if encoder is not None else resolve_encoder()
    stats = stats if stats is not None else AlignStats()
    raw = align_texts_with_encoder(
        [s.clean for s in src_segments], [s.clean for s in tgt_segments], encoder.encode, settings,
        src_paragraphs=[s.paragraph for s in src_segments], tgt_paragraphs=[s.paragraph for s in tgt_segments],
        stats=stats)
    beads = tuple(Bead(r.src, r.tgt, None if r.similarity is None else round(float(r.similarity), 6))
                  for r in raw)
    signature = Signature(
        model=encoder.identity,
        settings={**{f"aligner.{k}": v for k, v in settings.signature().items()},
                  "segmentation": segmentation},
        src_sha256=text_sha256(src_text), tgt_sha256=text_sha256(tgt_text), version=__version__)
    alignment = Alignment(src_segments=tuple(src_segments), tgt_segments=tuple(tgt_segments), beads=beads,
                          signature=signature, src_lang=src_lang, tgt_lang=tgt_lang, doc_id=doc_id,
                          src_version=src_version, tgt_version=tgt_version, src_meta=src_meta, tgt_meta=tgt_meta)
    return score_alignment(alignment) if score else alignment


def score_alignment(alignment: Alignment) -> Alignment:
    """Divergence scores on every bead (calibrated on the alignment's own 1-1 beads)."""
    from .divergence import score_alignment as _score
    return _score(alignment)


def align_texts(src_text: str, tgt_text: str, src_lang: str, tgt_lang: str, *, encoder=None, settings=None,
                presegmented_input: bool = False, score: bool = True, doc_id: str = "",
                src_version: str = "source", tgt_version: str = "target",
                src_meta: VersionMeta | None = None, tgt_meta: VersionMeta | None = None, stats=None) -> Alignment:
    """Segment two texts (or take one sentence per line) and align them."""
    from .segment import canonical_language, segment_text, segmenter_signature
    for lang in (src_lang, tgt_lang):  # an unknown code fails before any work, presegmented input too
        canonical_language(lang)
    _check_script(src_text, src_lang, src_version)
    _check_script(tgt_text, tgt_lang, tgt_version)
    if presegmented_input:
        src = presegmented(src_text, doc_id, src_version)
        tgt = presegmented(tgt_text, doc_id, tgt_version)
        seg_sig = "presegmented"
    else:
        src = segment_text(src_text, src_lang, doc_id=doc_id, version_id=src_version)
        tgt = segment_text(tgt_text, tgt_lang, doc_id=doc_id, version_id=tgt_version)
        seg_sig = f"{segmenter_signature(src_lang)} || {segmenter_signature(tgt_lang)}"
    return align_segments(src, tgt, src_lang, tgt_lang, src_text=src_text, tgt_text=tgt_text, encoder=encoder,
                          settings=settings, score=score, doc_id=doc_id, src_version=src_version,
                          tgt_version=tgt_version, src_meta=src_meta, tgt_meta=tgt_meta,
                          segmentation=seg_sig, stats=stats)


def align_versions(src: Version, tgt: Version, *, encoder=None, settings=None, score: bool = True,
                   stats=None) -> Alignment:
    """Align two versions of a document from ``texts/``."""
    return align_texts(src.text, tgt.text, src.language, tgt.language, encoder=encoder, settings=settings,
                       score=score, doc_id=src.doc_id, src_version=src.version_id, tgt_version=tgt.version_id,
                       src_meta=src.meta, tgt_meta=tgt.meta, stats=stats)


def rescore(alignment: Alignment, bead_indexes: Sequence[int], encoder=None) -> Alignment:
    """Recompute similarity and divergence of some beads (after a review fix).

    Similarities are cosines of the real embeddings of each bead's joined
    sides; divergence is calibrated on the whole alignment, as at alignment time.
    """
    from .divergence import calibrate_alignment
    from .divergence import score_alignment as _score
    idx = sorted(set(bead_indexes))
    if not idx:
        return alignment
    if encoder is None:
        from .embed.registry import encoder_for_identity
        encoder = encoder_for_identity(alignment.signature.model)
    beads = list(alignment.beads)
    full = [i for i in idx if beads[i].src and beads[i].tgt]
    if full:
        vs = encoder.encode([alignment.side_text(beads[i], "source") for i in full])
        vt = encoder.encode([alignment.side_text(beads[i], "target") for i in full])
        sims = np.clip(np.sum(vs * vt, axis=1), -1.0, 1.0)
        for i, s in zip(full, sims):
            beads[i] = replace(beads[i], similarity=round(float(s), 6))
    for i in idx:
        if not (beads[i].src and beads[i].tgt):
            beads[i] = replace(beads[i], similarity=None)
    updated = replace(alignment, beads=tuple(beads))
    cal = calibrate_alignment(updated)
    scored = _score(replace(updated, beads=tuple(beads[i] for i in idx)), calibration=cal)
    for i, b in zip(idx, scored.beads):
        beads[i] = b
    return replace(alignment, beads=tuple(beads))


# -- the main job ---------------------------------------------------------------

@dataclass
class PairResult:
    """What :func:`run` did for one pair of versions."""

    doc_id: str
    src_version: str
    tgt_version: str
    path: Path
    beads: int
    kinds: dict[str, int]
    flagged: int
    mean_similarity: float | None
    seconds: float
    carry_over: str = ""


@dataclass
class DocumentResult:
    doc_id: str
    title: str
    versions: list[tuple[str, str, str, int]] = field(default_factory=list)  # (id, language, role label, segments)
    pairs: list[PairResult] = field(default_factory=list)


def run(texts_dir: str | Path = "texts", alignments_dir: str | Path = "alignments", *, model: str | None = None,
        encoder=None, settings=None, report: str | Path | None = None, doc_ids: Sequence[str] = ()
        ) -> list[DocumentResult]:
    """Segment, align against the pivot, score and store every document; optionally write the HTML report."""
    from collections import Counter

    from .corpus import load_corpus, pivot_version
    from .divergence import DEFAULT_REVIEW_THRESHOLD
    from .review import merge_into_store
    from .segment import segment_text
    from .store import alignment_path

    docs = load_corpus(texts_dir)
    if doc_ids:
        missing = sorted(set(doc_ids) - {d.doc_id for d in docs})
        if missing:
            from .errors import CorpusError
            raise CorpusError(f"{texts_dir}: no document(s) {', '.join(missing)}")
        docs = tuple(d for d in docs if d.doc_id in doc_ids)
    encoder = encoder if encoder is not None else resolve_encoder(model)
    results: list[DocumentResult] = []
    written: list[Path] = []
    for doc in docs:
        res = DocumentResult(doc.doc_id, doc.meta.title)
        pivot = pivot_version(doc)
        counts: dict[str, int] = {}
        for v in doc.versions:
            if v.version_id == pivot.version_id:
                continue
            t0 = time.perf_counter()
            alignment = align_versions(pivot, v, encoder=encoder, settings=settings)
            counts[pivot.version_id] = len(alignment.src_segments)
            counts[v.version_id] = len(alignment.tgt_segments)
            path = alignment_path(alignments_dir, doc.doc_id, pivot.version_id, v.version_id)
            carried = merge_into_store(path, alignment)
            written.append(path)
            sims = [b.similarity for b in alignment.beads if b.similarity is not None]
            res.pairs.append(PairResult(
                doc.doc_id, pivot.version_id, v.version_id, path, len(alignment.beads),
                dict(Counter(b.kind for b in alignment.beads)),
                sum(1 for b in alignment.beads if b.divergence and b.divergence.score >= DEFAULT_REVIEW_THRESHOLD),
                float(np.mean(sims)) if sims else None, time.perf_counter() - t0,
                carried.summary() if hasattr(carried, "summary") else str(carried)))
        for v in doc.versions:
            if v.version_id not in counts:  # a document with a single version
                counts[v.version_id] = len(segment_text(v.text, v.language))
            res.versions.append((v.version_id, v.language, v.meta.role.label, counts[v.version_id]))
        results.append(res)
    if report and written:
        from .store import load
        from .views.report import documents_for, write_report
        stored = [load(p) for p in written]
        write_report(stored, report, documents_for(stored, texts_dir))
    return results
