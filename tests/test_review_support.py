"""Builders shared by the review tests: tiny hand-made alignments scored with the HashingEncoder.

Other ``test_review_*`` files import these (pytest puts this folder on ``sys.path``).
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from align import store
from align.embed.hashing import HashingEncoder
from align.records import Alignment, Bead, Divergence, Mark, Segment, Signature, text_sha256

SRC = ["The delegation arrived in Moscow on 26 April.",
       "Kemal proposed an alliance against the Entente.",
       "He asked for gold and weapons.",
       "The letter was signed in Ankara.",
       "No answer came for three weeks.",
       "Then the talks began again."]
TGT = ["La delegation arriva a Moscou le 26 avril.",
       "Kemal proposa une alliance contre l'Entente.",
       "Il demanda de l'or.",
       "Des armes aussi.",
       "La lettre fut signee a Ankara.",
       "Les pourparlers reprirent ensuite."]
#: The beads of the fixture: 2-1 and 1-2 shapes, and an omission (1-0).
BEADS = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), ()), ((5,), (5,))]


def segments(sentences: Sequence[str], version: str, doc: str = "doc") -> tuple[Segment, ...]:
    """Segments of a text made by joining ``sentences`` with one space (offsets are exact)."""
    out, pos = [], 0
    for i, s in enumerate(sentences):
        out.append(Segment(doc_id=doc, version_id=version, paragraph=0, index=i, start=pos, end=pos + len(s), text=s))
        pos += len(s) + 1
    return tuple(out)


def score(alignment: Alignment, encoder: HashingEncoder) -> Alignment:
    """Fill similarities with ``encoder``; give each bead a simple divergence with a mark on a number."""
    beads = []
    for b in alignment.beads:
        sim = None
        if b.src and b.tgt:
            vs, vt = encoder.encode([alignment.side_text(b, "source"), alignment.side_text(b, "target")])
            sim = round(float(np.dot(vs, vt)), 4)
        text = alignment.side_text(b, "source")
        marks = tuple(Mark("source", text.index(w), text.index(w) + len(w), "numbers", "number")
                      for w in ("26",) if w in text)
        d = 1.0 if sim is None else min(0.99, max(0.0, round(1 - sim, 4)))
        div = Divergence(score=d, components={"meaning": d},
                         reasons=("nothing on the target side",) if not b.tgt else ("meaning differs <b>",),
                         marks=marks)
        beads.append(Bead(b.src, b.tgt, sim, div))
    from dataclasses import replace
    return replace(alignment, beads=tuple(beads))


def make_alignment(src: Sequence[str] = SRC, tgt: Sequence[str] = TGT,
                   beads: Sequence[tuple[tuple[int, ...], tuple[int, ...]]] = BEADS,
                   encoder: HashingEncoder | None = None) -> Alignment:
    """A scored alignment of ``src`` and ``tgt`` with the given bead shapes."""
    enc = encoder or HashingEncoder()
    sig = Signature(model=enc.identity, settings={"test": 1}, src_sha256=text_sha256(" ".join(src)),
                    tgt_sha256=text_sha256(" ".join(tgt)), version="test")
    a = Alignment(src_segments=segments(src, "en"), tgt_segments=segments(tgt, "fr"),
                  beads=tuple(Bead(tuple(s), tuple(t)) for s, t in beads), signature=sig,
                  src_lang="en", tgt_lang="fr", doc_id="doc", src_version="en", tgt_version="fr")
    return score(a, enc)


def write_alignment(path: Path, alignment: Alignment | None = None) -> Path:
    """Save a fixture alignment (with an empty review) to ``path``."""
    store.save(path, alignment or make_alignment(), {})
    return path


def dp_align(src: Sequence[str], tgt: Sequence[str],
             encoder: HashingEncoder) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """A tiny monotone aligner (1-1, 1-0, 0-1, 2-1, 1-2) for re-alignment tests when the pipeline is absent."""
    vs = encoder.encode(list(src) + [" ".join(src[i:i + 2]) for i in range(len(src))])
    vt = encoder.encode(list(tgt) + [" ".join(tgt[j:j + 2]) for j in range(len(tgt))])
    n, m = len(src), len(tgt)
    best = np.full((n + 1, m + 1), -np.inf)
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0, 0] = 0.0
    skip = -0.05
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2)):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0 or best[pi, pj] == -np.inf:
                    continue
                if di and dj:
                    a = vs[pi] if di == 1 else vs[n + pi]
                    b = vt[pj] if dj == 1 else vt[m + pj]
                    gain = float(np.dot(a, b)) - (0.15 if di + dj > 2 else 0.0)
                else:
                    gain = skip
                if best[pi, pj] + gain > best[i, j]:
                    best[i, j] = best[pi, pj] + gain
                    back[(i, j)] = (pi, pj)
    out, cell = [], (n, m)
    while cell != (0, 0):
        pi, pj = back[cell]
        out.append((tuple(range(pi, cell[0])), tuple(range(pj, cell[1]))))
        cell = (pi, pj)
    return out[::-1]


def test_fixture_is_monotone_and_covering():
    from align.review.fixes import check_monotone_covering
    a = make_alignment()
    check_monotone_covering(a.beads, len(a.src_segments), len(a.tgt_segments))
    assert all(s.text == " ".join(SRC)[s.start:s.end] for s in a.src_segments)


def test_dp_align_finds_the_diagonal_of_identical_texts():
    enc = HashingEncoder()
    assert dp_align(SRC, SRC, enc) == [((i,), (i,)) for i in range(len(SRC))]
