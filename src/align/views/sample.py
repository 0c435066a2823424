"""A tiny hand-made alignment for trying the views without a model (and for tests).

The scores and marks are written by hand here: they illustrate the record
shapes and are not the output of any scorer.
"""
from __future__ import annotations

from ..records import Alignment, Bead, Divergence, Mark, Role, Segment, Signature, VersionMeta, text_sha256

DOC = "sample-doc"

_EN = ("Angora, April 26, 1920.",
       "We ask for five million lira in gold.",
       "The troops will operate in the east.",
       "Greetings.")
_RU = ("Ангора, 26 апреля 1920 г.",
       "Мы просим пять миллионов лир золотом.",
       "Войска будут действовать на востоке.",
       "С уважением.",
       "Примечание переводчика.")
_HY = ("Անգորա, 1920 թ. ապրիլի 26։",
       "Մենք խնդրում ենք երեք միլիոն լիրա ոսկով։",
       "Զորքերը կգործեն արևելքում։",
       "Ողջույններ։")


def segments(sentences: tuple[str, ...] | list[str], version_id: str, doc_id: str = DOC) -> tuple[Segment, ...]:
    """Segments of sentences joined by one space (one paragraph), with their offsets."""
    out, pos = [], 0
    for i, s in enumerate(sentences):
        out.append(Segment(doc_id, version_id, 0, i, pos, pos + len(s), s))
        pos += len(s) + 1
    return tuple(out)


def meta(lang: str, role: Role) -> VersionMeta:
    who = "sample (hand-made)" if role is Role.WORKING else ""
    return VersionMeta(language=lang, role=role, title=f"sample {lang}", source="align.views.sample",
                       translator=who)


def make_alignment(src: tuple[str, ...], tgt: tuple[str, ...], beads: tuple[Bead, ...], *,
                   src_version: str = "en", tgt_version: str = "ru-working", src_lang: str = "en",
                   tgt_lang: str = "ru", src_role: Role = Role.PUBLISHED, tgt_role: Role = Role.WORKING,
                   doc_id: str = DOC) -> Alignment:
    """An alignment of two lists of sentences with the given beads (for examples and tests)."""
    sig = Signature(model="hand-made", settings={}, src_sha256=text_sha256(" ".join(src)),
                    tgt_sha256=text_sha256(" ".join(tgt)), version="sample")
    return Alignment(src_segments=segments(src, src_version, doc_id), tgt_segments=segments(tgt, tgt_version, doc_id),
                     beads=beads, signature=sig, src_lang=src_lang, tgt_lang=tgt_lang, doc_id=doc_id,
                     src_version=src_version, tgt_version=tgt_version,
                     src_meta=meta(src_lang, src_role), tgt_meta=meta(tgt_lang, tgt_role))


def _div(score: float, reasons: tuple[str, ...] = (), marks: tuple[Mark, ...] = (), **components: float) -> Divergence:
    comps = {"meaning": 0.0, "numbers": 0.0, "names": 0.0, "untranslated": 0.0, "length": 0.0,
             "omission": 0.0, "addition": 0.0}
    comps.update(components)
    return Divergence(score=score, components=comps, reasons=reasons, marks=marks)


def sample_alignment() -> Alignment:
    """English (published rendering) ↔ Russian (working translation): 5 beads, one addition."""
    beads = (
        Bead((0,), (0,), 0.93, _div(0.05)),
        Bead((1,), (1,), 0.88, _div(0.1)),
        Bead((2,), (2,), 0.71, _div(0.45, ("the target renders the verb loosely",), meaning=0.45)),
        Bead((3,), (3,), 0.64, _div(0.3, ("length differs",), length=0.3)),
        Bead((), (4,), None, _div(0.9, ("the target adds a sentence the source does not have",), addition=0.9)),
    )
    return make_alignment(_EN, _RU, beads)


def sample_alignments() -> list[Alignment]:
    """Two alignments against the English pivot: en ↔ ru-working and en ↔ hy-working."""
    hy_src, hy_tgt = "five million", "երեք միլիոն"
    s, t = _EN[1].index(hy_src), _HY[1].index(hy_tgt)
    num = (Mark("source", s, s + len(hy_src), "numbers", "5 000 000 ≠ 3 000 000"),
           Mark("target", t, t + len(hy_tgt), "numbers", "5 000 000 ≠ 3 000 000"))
    hy_beads = (
        Bead((0,), (0,), 0.9, _div(0.05)),
        Bead((1,), (1,), 0.8, _div(0.7, ("a number differs: 5 000 000 in the source, 3 000 000 in the target",),
                                   num, numbers=1.0)),
        Bead((2, 3), (2, 3), 0.77, _div(0.2, ("merged with the next sentence",), length=0.1)),
    )
    hy = make_alignment(_EN, _HY, hy_beads, tgt_version="hy-working", tgt_lang="hy")
    return [sample_alignment(), hy]
