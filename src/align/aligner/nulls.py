"""The null-bead pass: after the search, test every merged bead sentence by sentence.

A bead of three or more sentences (1-2, 2-1, 1-3, 2-2, …) is a claim that
every sentence on its longer side shares the meaning of the other side.  An
omitted or added sentence next to a real match breaks that claim but barely
moves a window's embedding, so the search keeps it inside the merge.  This
pass asks, for each sentence of a merged side, *does the bead match as well
without it?*, with real embeddings of the sub-windows (the texts the encoder
has already seen come from memory, the others are embedded once, through the
same ``encode`` callable the aligner uses, so the on-disk cache keeps them).

The evidence is calibrated on the document itself: its own 1-1 beads give the
similarity of a translation, its near misses (a sentence against its partner's
neighbours) the similarity of an unrelated sentence on the same subject.  Per
sentence ``k`` of a merged side, with ``other`` the opposite side:

- ``fit``: where cos(k, other) falls between those two levels (0: like an
  unrelated neighbour, 1: like a translation);
- ``gain``: cos(side without k, other) − cos(side, other), in the same units
  (≥ 0: the bead matches as well or better without k);
- ``length``: how much closer the bead's length ratio comes to the document's
  usual ratio without k (in spreads of ``length_sigma``);
- ``foreign``: k reads as written in the other side's language (:mod:`.foreign`), or a
  language identifier says so (``null_langid``, :mod:`.langid_evidence`: then with
  :data:`LANGID_WEIGHT` more);
- ``rest``: the fit of the side without k (a bead that matches well once k is gone);
- ``para``, ``weak``, ``aside``: what the text says — a paragraph break parts k
  from the rest of its side; a colon, semicolon or lower-case start binds it to
  its neighbour; it is wholly in brackets (a translator's note, a credit).

They are combined by a logistic function (:data:`WEIGHTS`, fitted by
``benchmarks/nulls_fit.py``) into the *pooled* evidence: the probability that
``k`` has no counterpart at the tuning data's rate of such sentences
(:data:`BASE_RATE`).  The rate differs from text to text by an order of
magnitude (a literary translation cut into sentences differently has many real
merges and few stray sentences; a damaged news text the reverse), so the pass
estimates each document's own rate from the pooled evidence of all its merged
members (:func:`document_prior`, expectation-maximisation with the base rate
worth ``null_prior`` sentences) and moves every value to it (:func:`posterior`).

A sentence at either end of its side whose value reaches ``null_detach`` is
detached as a 1-0 or 0-1 bead, and the rest of the bead is tested again.  A
bead can also be wrong as a whole where no one sentence looks wrong enough: a
block of captions or credits the search folded into one merge, in a long text
whose own rate of unmatched sentences is low.  When the bead's sides fit below
``null_bead_fit`` (on the scale of ``fit``), every member fits below halfway
(:data:`PEEL_FIT`) and none carries the bead (no member's removal costs half of
that), its edge sentences are peeled off, the least fitting first, while they
fit below halfway, and a 1-1 rest that still fits below ``null_bead_fit`` is
split as well.  A 1-1
bead whose own evidence (:class:`PairEvidence`: its fit, its margin over the
partners' neighbours, a foreign sentence) reaches ``null_split`` becomes a 1-0
and a 0-1 bead.  Then (``null_resolve``) the search runs once more with every
sentence found so far cheaper to leave out (free from ``null_detach`` on), and
every sentence listed for review (below) at most ``null_listed_skip`` of a
skip, so that their neighbours can pair anew and the search itself says
whether the bead is better without them (it may cut a merge in two around a
sentence in its middle), and the new beads are tested again.  With
``null_debris``, a listed sentence at the edge of a merged side that is debris
(:func:`is_debris`: no word of three letters, "■ iv V V .", "141") is detached
whatever the document's rate.  A
sentence in the middle (a bead must stay contiguous) or one whose value only
reaches ``null_flag`` stays in the bead and is listed in
:attr:`RawBead.unmatched`, which divergence turns into a *partial omission* or
*partial addition* reason naming it.  Listing is a call for review, not a
decision, so (``null_flag_base``) a document's own rate only ever raises the
value compared with ``null_flag``: a short text with few merges estimates a low
rate from little evidence, which would otherwise hide its one added sentence.
Last (``null_own_language``, :func:`.foreign.own_language_first`), a sentence in
the wrong language that holds a 1-1 partner yields it to the own-language
sentence left out beside it.

The pass first measures how related the two texts are (:func:`relatedness`):
the mean similarity ``best`` of each source sentence's best match near its
place, against the mean similarity ``mean`` of any two sentences of the texts.
When ``(best − mean) / (1 − mean)`` — how far the best matches rise from the
texts' common ground towards identity — is below ``unrelated_below`` (and each
side has at least :data:`MIN_SENTENCES` sentences), the texts are taken for different documents:
every sentence becomes a 1-0 or 0-1 bead, instead of a chain of merges between
unrelated sentences, and ``AlignStats.extra`` says so (``unrelated``, with
``best_mean`` and ``all_mean``), which :mod:`align.pipeline` turns into a warning.
On NTREX-128 news documents (en–ru, en–hy), 24 true pairs scored 0.27–0.56 and
24 pairs of different documents 0.05–0.17 with the bundled model.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .beads import AlignStats, RawBead
from .foreign import FOREIGN_MARGIN, foreign_scores, other_script, own_language_first
from .settings import AlignerSettings
from .windows import WindowVectors

#: Logistic weights of the evidence that a sentence of a merged side has no counterpart:
#: (intercept, 1 − fit, gain, length, foreign, rest fit, paragraph, weak boundary, aside); see
#: :class:`MemberEvidence`.  Fitted by ``benchmarks/nulls_fit.py`` (rounded) on the members of the
#: first search's merged beads in the tuning data (Text+Berg dev, the archival set's tune split, the
#: even NTREX documents), where a share :data:`BASE_RATE` of them has no counterpart; ``foreign`` is
#: set by hand (the fit gives about 0: once the search leaves other-script sentences out, no foreign
#: sentence is left in those data's merges, while a German line in a French text still needs it).
WEIGHTS = (-6.5, 4.7, 1.3, 0.95, 1.0, 1.6, 2.65, -1.15, 0.5)
#: Logistic weights of the evidence that a 1-1 bead pairs two sentences without counterpart (or one):
#: (intercept, 1 − fit, − margin, foreign); see :class:`PairEvidence`.  Fitted like :data:`WEIGHTS`
#: on the first search's 1-1 beads, where a share :data:`PAIR_BASE_RATE` has a side without counterpart.
PAIR_WEIGHTS = (-3.0, 2.2, 4.8, 1.7)
PAIR_BASE_RATE = 0.014
#: A 1-1 bead's margin compares its cosine with the best ones of either sentence with the other side's
#: sentences this near its partner.
PAIR_NEIGHBOURS = 5
PAIR_TOP = 3

#: A bead below ``null_bead_fit`` loses the edge sentences whose own fit is below this (halfway from an
#: unrelated neighbour to a translation).
PEEL_FIT = 0.5

#: What a language identifier's word that a sentence is in the other side's language (``null_langid``,
#: :mod:`.langid_evidence`) adds to the logistic evidence of :func:`pooled` and :func:`pair_pooled`, on top
#: of the foreign weight it also sets: the logit +3 in all for a member of a merged side, +3.7 for a 1-1
#: bead.  Set by hand (the tuning data hold no such sentence the search leaves in a bead: Text+Berg dev
#: gives the same beads at 0 to 3); 2 detaches test0's German advertisement lines in the French text.
LANGID_WEIGHT = 2.0

#: The share of sentences without counterpart among the members :data:`WEIGHTS` were fitted on:
#: the prior their odds carry, replaced by each document's own (:func:`document_prior`).
BASE_RATE = 0.203

#: The relatedness check needs at least this many sentences on each side.
MIN_SENTENCES = 3
#: Source sentences sampled, and the window around each one's place searched, by :func:`relatedness`.
RELATEDNESS_SAMPLE = 400
RELATEDNESS_WINDOW = 0.1

#: Fewer 1-1 beads than this and the document's levels fall back to :data:`FALLBACK`.
MIN_CALIBRATION = 5
#: (translation level, unrelated level) when a document is too short to measure its own.
FALLBACK = (0.85, 0.72)


@dataclass(frozen=True)
class Levels:
    """A document's own similarity levels: a translation's (median 1-1 cosine) and an unrelated
    neighbour's (median cosine of a sentence against its partner's neighbours)."""

    match: float
    unrelated: float
    log_ratio: float   # the document's usual log length ratio (source / target)

    @property
    def span(self) -> float:
        return max(self.match - self.unrelated, 0.02)


def document_levels(beads: Sequence[RawBead], X: np.ndarray, Y: np.ndarray, src_lengths: Sequence[float],
                    tgt_lengths: Sequence[float]) -> Levels:
    """The levels of :class:`Levels`, from the 1-1 beads of the first search."""
    ones = [(b.src[0], b.tgt[0]) for b in beads if len(b.src) == 1 and len(b.tgt) == 1]
    n, m = X.shape[0], Y.shape[0]
    if len(ones) < MIN_CALIBRATION:
        match, unrelated = FALLBACK
        ratios = [math.log((sum(src_lengths) + 10) / (sum(tgt_lengths) + 10))]
    else:
        match = float(np.median([float(X[i] @ Y[j]) for i, j in ones]))
        near = [float(X[i] @ Y[j + d]) for i, j in ones for d in (-2, 2) if 0 <= j + d < m]
        near += [float(X[i + d] @ Y[j]) for i, j in ones for d in (-2, 2) if 0 <= i + d < n]
        unrelated = float(np.median(near)) if near else FALLBACK[1]
        ratios = [math.log((src_lengths[i] + 10) / (tgt_lengths[j] + 10)) for i, j in ones]
    return Levels(match, min(unrelated, match - 0.02), float(np.median(ratios)))


def relatedness(X: np.ndarray, Y: np.ndarray) -> tuple[float, float]:
    """(mean similarity of each sampled source sentence's best target near its place, mean similarity
    of any source sentence with any target sentence).

    At most :data:`RELATEDNESS_SAMPLE` source sentences, evenly spaced, are compared with the targets
    within a tenth of the target side (at least 10) of their proportional place, so the cost stays
    small on long texts; the second mean is exact (the dot product of the two mean vectors).
    """
    n, m = X.shape[0], Y.shape[0]
    rows = np.unique(np.linspace(0, n - 1, min(n, RELATEDNESS_SAMPLE)).round().astype(np.int64))
    w = max(10, int(RELATEDNESS_WINDOW * m))
    best = []
    for i in rows:
        c = int(round(i * (m - 1) / max(n - 1, 1)))
        lo, hi = max(0, c - w), min(m, c + w + 1)
        best.append(float((Y[lo:hi] @ X[i]).max()))
    return float(np.mean(best)), float(X.mean(axis=0) @ Y.mean(axis=0))


def pooled(misfit: float, gain: float, length: float, foreign: bool, rest: float = 0.0, para: bool = False,
           weak: bool = False, aside: bool = False, identified: bool = False) -> float:
    """The logistic combination of the features (:data:`WEIGHTS`): the probability that the sentence has
    no counterpart at the tuning data's base rate (:data:`BASE_RATE`)."""
    w = WEIGHTS
    z = (w[0] + w[1] * misfit + w[2] * gain + w[3] * length + (w[4] if foreign else 0.0)
         + w[5] * min(max(rest, -1.0), 2.0) + (w[6] if para else 0.0) + (w[7] if weak else 0.0)
         + (w[8] if aside else 0.0) + (LANGID_WEIGHT if identified else 0.0))
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def evidence(fit: float, gain: float, length: float, foreign: bool) -> float:
    """The pooled evidence from the four similarity and language features alone."""
    return pooled(1.0 - fit, gain, length, foreign)


def pair_pooled(misfit: float, margin: float, foreign: bool, identified: bool = False) -> float:
    """The logistic combination of :data:`PAIR_WEIGHTS`: the probability, at :data:`PAIR_BASE_RATE`, that a
    1-1 bead holds a sentence without counterpart."""
    w = PAIR_WEIGHTS
    z = w[0] + w[1] * misfit - w[2] * margin + (w[3] if foreign else 0.0) + (LANGID_WEIGHT if identified else 0.0)
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def _odds(p: float) -> float:
    p = min(max(p, 1e-9), 1.0 - 1e-9)
    return p / (1.0 - p)


def posterior(p: float, prior: float) -> float:
    """``p`` (evidence at :data:`BASE_RATE`) moved to a document whose sentences of merged sides lack a
    counterpart at the rate ``prior``: the likelihood ratio kept, the prior odds replaced."""
    ratio = _odds(p) / _odds(BASE_RATE)
    odds = ratio * _odds(prior)
    return odds / (1.0 + odds)


def pair_posterior(p: float, prior: float) -> float:
    """``p`` (pair evidence at :data:`PAIR_BASE_RATE`) in a document whose merged-side sentences lack a
    counterpart at the rate ``prior``: its odds scaled as that rate's odds are to :data:`BASE_RATE`'s."""
    odds = _odds(p) * _odds(prior) / _odds(BASE_RATE)
    return odds / (1.0 + odds)


def document_prior(values: Sequence[float], strength: float) -> float:
    """The share of a document's merged-side sentences that have no counterpart, estimated from their
    pooled evidence ``values`` by expectation-maximisation, with :data:`BASE_RATE` as a prior worth
    ``strength`` sentences (``strength`` ≤ 0: the base rate itself).

    A long text whose many merges look like real merges gets a low rate, so its few doubtful members
    need strong evidence; a short text whose one merge hides an unrelated sentence keeps a high one.
    """
    if strength <= 0 or not values:
        return BASE_RATE
    ratios = [_odds(p) / _odds(BASE_RATE) for p in values]
    prior = BASE_RATE
    for _ in range(50):
        q = [prior * r / (prior * r + 1.0 - prior) for r in ratios]
        new = (strength * BASE_RATE + sum(q)) / (strength + len(q))
        if abs(new - prior) < 1e-7:
            prior = new
            break
        prior = new
    return min(max(prior, 1e-4), 1.0 - 1e-4)


def _members(bead: RawBead) -> list[tuple[int, int, tuple[int, ...]]]:
    """(side, sentence, the side's ids) of every sentence on a merged side of a bead of 3+ sentences."""
    out: list[tuple[int, int, tuple[int, ...]]] = []
    if not bead.src or not bead.tgt or len(bead.src) + len(bead.tgt) < 3:
        return out
    for side, ids in ((0, bead.src), (1, bead.tgt)):
        if len(ids) >= 2:
            out += [(side, k, ids) for k in ids]
    return out


def _windows_needed(bead: RawBead) -> list[tuple[int, tuple[int, ...]]]:
    need = [(0, tuple(bead.src)), (1, tuple(bead.tgt))]
    for side, k, ids in _members(bead):
        need.append((side, tuple(i for i in ids if i != k)))
    return need


@dataclass(frozen=True)
class MemberEvidence:
    """What the pass measured for one sentence of a merged side."""

    side: int          # 0 source, 1 target
    index: int         # the sentence
    fit: float         # cos(sentence, other side) between the unrelated (0) and translation (1) levels
    gain: float        # cos(side without it, other side) − cos(side, other side), in the same units
    length: float      # how much closer the length ratio comes to the usual one without it (in spreads)
    foreign: bool      # it reads as written in the other side's language
    rest: float        # the fit of the side without it (a bead that matches well once it is gone)
    para: bool         # a paragraph break parts it from the rest of its side
    weak: bool         # the text binds it to its neighbour in the bead (":" or ";" between, lower case after)
    aside: bool        # it is wholly in brackets (a translator's note, a credit, a caption)
    pooled: float      # the logistic evidence at the tuning data's base rate (:func:`pooled`)
    value: float       # the evidence that it has no counterpart in this document, in [0, 1] (:func:`posterior`)


@dataclass(frozen=True)
class PairEvidence:
    """What the pass measured for a 1-1 bead."""

    src: int
    tgt: int
    fit: float         # its cosine between the unrelated (0) and translation (1) levels
    margin: float      # its cosine minus the best either sentence has with the partner's neighbours, in level spans
    foreign: bool      # either sentence reads as written in the other side's language
    pooled: float      # the logistic evidence at the tuning data's base rate (:func:`pair_pooled`)
    value: float       # the evidence that the bead pairs sentences without counterpart (:func:`pair_posterior`)


#: Endings that bind a sentence to the next one (a list follows, the clause goes on).
_BINDING_ENDS = (":", ";", ",", "-", "–", "—")


def is_aside(text: str) -> bool:
    """Whether a sentence is wholly in brackets: ``(…)`` or ``[…]``, a final stop inside or after."""
    t = text.strip().rstrip(".!?։ ")
    return len(t) > 2 and t[0] in "([" and t[-1] in ")]" and t.count(t[0]) == 1


#: A line is debris (:func:`is_debris`) when none of its words has this many letters.
DEBRIS_WORD = 3


def is_debris(text: str) -> bool:
    """Whether a line is OCR debris or page furniture: no word of :data:`DEBRIS_WORD` letters or more
    ("■ iv V V .", ".-^ !", "141", "24 a !"), and no bracket it closes without opening it (the tail of a
    reference cut by the segmenter, "296-309 ) .", "C ) .", is part of the sentence before it)."""
    words = "".join(ch if ch.isalpha() else " " for ch in text).split()
    if any(len(w) >= DEBRIS_WORD for w in words):
        return False
    return not any(text.count(c) > text.count(o) for o, c in ("()", "[]"))


def weak_boundary(before: str, after: str) -> bool:
    """Whether the text itself says two consecutive sentences belong together: the first ends in a colon,
    semicolon, comma or dash or leaves a bracket open, or the second starts with a lower-case letter."""
    a, b = before.rstrip(), after.lstrip()
    if a.endswith(_BINDING_ENDS) or a.count("(") > a.count(")"):
        return True
    first = next((ch for ch in b if ch.isalpha()), "")
    return bool(first) and first.islower()


@dataclass
class _Document:
    """What the pass knows of the two texts: vectors, levels, lengths, languages, paragraphs, prior."""

    vecs: WindowVectors
    levels: Levels
    lengths: tuple[Sequence[float], Sequence[float]]
    foreign: tuple[Sequence[bool], Sequence[bool]]
    texts: tuple[Sequence[str], Sequence[str]]
    paragraphs: tuple[Sequence[int] | None, Sequence[int] | None]
    length_sigma: float
    prior: float = BASE_RATE
    identified: tuple[Sequence[bool], Sequence[bool]] = ((), ())

    def parted(self, side: int, i: int, j: int) -> bool:
        par = self.paragraphs[side]
        return par is not None and par[i] != par[j]


def measure(bead: RawBead, doc: _Document) -> list[MemberEvidence]:
    """The evidence for every sentence on a merged side of ``bead`` (its windows must be prepared)."""
    vecs, levels, lengths = doc.vecs, doc.levels, doc.lengths
    sides = (tuple(bead.src), tuple(bead.tgt))
    out: list[MemberEvidence] = []
    for side, k, ids in _members(bead):
        other = vecs.get(1 - side, sides[1 - side])
        full = float(vecs.get(side, ids) @ other)
        rest_ids = tuple(i for i in ids if i != k)
        rest = float(vecs.get(side, rest_ids) @ other)
        single = float(vecs.get(side, (k,)) @ other)
        fit = (single - levels.unrelated) / levels.span
        gain = (rest - full) / levels.span
        other_len = sum(lengths[1 - side][i] for i in sides[1 - side])

        def off(ids_: tuple[int, ...], side: int = side, other_len: float = other_len) -> float:
            own = sum(lengths[side][i] for i in ids_)
            ratio = math.log((own + 10) / (other_len + 10)) if side == 0 else math.log((other_len + 10) / (own + 10))
            return abs(ratio - levels.log_ratio) / doc.length_sigma

        length = off(ids) - off(rest_ids)
        rest_fit = (rest - levels.unrelated) / levels.span
        neighbours = [q for q in (k - 1, k + 1) if q in ids]
        para = all(doc.parted(side, min(k, q), max(k, q)) for q in neighbours)
        texts = doc.texts[side]
        weak = any(not doc.parted(side, min(k, q), max(k, q)) and weak_boundary(texts[min(k, q)], texts[max(k, q)])
                   for q in neighbours)
        foreign = bool(doc.foreign[side][k])
        aside = is_aside(texts[k])
        p = pooled(1.0 - fit, gain, length, foreign, rest_fit, para, weak, aside, bool(doc.identified[side][k]))
        out.append(MemberEvidence(side, k, fit, gain, length, foreign, rest_fit, para, weak, aside, p,
                                  posterior(p, doc.prior)))
    return out


def measure_pair(bead: RawBead, doc: _Document) -> PairEvidence:
    """The evidence for a 1-1 bead."""
    X, Y = doc.vecs.singles
    i, j = bead.src[0], bead.tgt[0]
    sim = float(X[i] @ Y[j])
    w = PAIR_NEIGHBOURS
    rows = [float(X[i] @ Y[q]) for q in range(max(0, j - w), min(Y.shape[0], j + w + 1)) if q != j]
    cols = [float(X[p] @ Y[j]) for p in range(max(0, i - w), min(X.shape[0], i + w + 1)) if p != i]
    near = max((float(np.mean(sorted(v, reverse=True)[:PAIR_TOP])) for v in (rows, cols) if v), default=sim)
    fit = (sim - doc.levels.unrelated) / doc.levels.span
    margin = (sim - near) / doc.levels.span
    foreign = bool(doc.foreign[0][i] or doc.foreign[1][j])
    p = pair_pooled(1.0 - fit, margin, foreign, bool(doc.identified[0][i] or doc.identified[1][j]))
    return PairEvidence(i, j, fit, margin, foreign, p, pair_posterior(p, doc.prior))


def null_pass(beads: list[RawBead], src_texts: Sequence[str], tgt_texts: Sequence[str], X: np.ndarray,
              Y: np.ndarray, known: dict[tuple[int, tuple[int, ...]], np.ndarray],
              encode: Callable[[list[str]], np.ndarray], settings: AlignerSettings, stats: AlignStats | None = None,
              resolve: Callable[[np.ndarray, np.ndarray], list[RawBead]] | None = None,
              paragraphs: tuple[Sequence[int] | None, Sequence[int] | None] = (None, None)) -> list[RawBead]:
    """Detach the sentences of merged beads that have no counterpart; mark the doubtful ones.

    ``beads`` are :class:`~.beads.RawBead` in order; ``known`` maps ``(side, ids)`` to the
    real embeddings already computed (the 2-sentence windows); ``X``/``Y`` are the sentence
    vectors; ``paragraphs`` the paragraph number of each sentence of each side, if known.
    Returns new beads (same coverage, same order); each merged bead's ``unmatched`` lists
    ``(side, sentence, value)`` for sentences whose value reached ``settings.null_flag`` but
    were not detached.

    ``resolve`` (with ``settings.null_resolve``): a function that searches again with each
    sentence's skip score multiplied by a given factor; the sentences this pass found unmatched
    then cost less to leave out (a sentence with evidence ``v`` costs ``skip · (1 − v / null_detach)``,
    nothing from ``null_detach`` on; a sentence listed for review at most ``skip · null_listed_skip``),
    the search re-pairs their neighbours, and the pass runs once more on the new beads.

    ``stats.evidence`` receives the :class:`MemberEvidence` of every member of the first
    search's merged beads (what ``benchmarks/nulls_fit.py`` fits :data:`WEIGHTS` on).
    """
    n, m = len(src_texts), len(tgt_texts)
    if n >= MIN_SENTENCES and m >= MIN_SENTENCES:
        best, mean = relatedness(X, Y)
        related = (best - mean) / max(1.0 - mean, 1e-6)
        if stats is not None:
            stats.extra.update(best_mean=best, all_mean=mean, relatedness=related)
        if related < settings.unrelated_below:
            if stats is not None:
                stats.extra["unrelated"] = 1.0
            return [RawBead((i,), (), None) for i in range(n)] + [RawBead((), (j,), None) for j in range(m)]
    src_len = [float(len(t)) for t in src_texts]
    tgt_len = [float(len(t)) for t in tgt_texts]
    levels = document_levels(beads, X, Y, src_len, tgt_len)
    fx, fy = foreign_scores(src_texts, tgt_texts)
    ox, oy = other_script(src_texts), other_script(tgt_texts)
    foreign = ([v >= FOREIGN_MARGIN or o for v, o in zip(fx, ox)], [v >= FOREIGN_MARGIN or o for v, o in zip(fy, oy)])
    identified: tuple[Sequence[bool], Sequence[bool]] = ([False] * n, [False] * m)
    if settings.null_langid > 0:
        from .langid_evidence import identified_foreign
        identified = identified_foreign(src_texts, tgt_texts, settings.null_langid)
        foreign = ([a or b for a, b in zip(foreign[0], identified[0])],
                   [a or b for a, b in zip(foreign[1], identified[1])])
    vecs = WindowVectors((src_texts, tgt_texts), (X, Y), known, encode, real=settings.null_embed)
    vecs.prepare([w for b in beads for w in _windows_needed(b)])
    doc = _Document(vecs, levels, (src_len, tgt_len), foreign, (src_texts, tgt_texts), paragraphs,
                    settings.length_sigma, identified=identified)
    first = [e for b in beads for e in measure(b, doc)]
    doc.prior = document_prior([e.pooled for e in first], settings.null_prior)
    if stats is not None:
        stats.evidence = ([replace(e, value=posterior(e.pooled, doc.prior)) for e in first]
                          + [measure_pair(b, doc) for b in beads if len(b.src) == 1 and len(b.tgt) == 1])
    found: dict[tuple[int, int], float] = {}
    listed: set[tuple[int, int]] = set()
    out: list[RawBead] = []
    for bead in beads:
        out += _split(bead, doc, settings, found, listed)
    if resolve is not None and settings.null_resolve and found:
        factors = (np.ones(n, dtype=np.float64), np.ones(m, dtype=np.float64))
        for (side, index), value in found.items():
            factors[side][index] = max(0.0, 1.0 - min(max(value, 0.0), 1.0) / max(settings.null_detach, 1e-6))
        for (side, index) in listed:
            factors[side][index] = min(factors[side][index], settings.null_listed_skip)
        again = resolve(*factors)
        vecs.prepare([w for b in again for w in _windows_needed(b)])
        out = []
        for bead in again:
            out += _split(bead, doc, settings, {})
    if settings.null_own_language:
        out = own_language_first(out, X, Y, foreign, levels.unrelated)
    if stats is not None:
        stats.encoder_calls += vecs.calls
        stats.extra["null_pass_calls"] = float(vecs.calls)
        stats.extra["match_level"] = levels.match
        stats.extra["unrelated_level"] = levels.unrelated
        stats.extra["null_prior"] = doc.prior
    return out


def _split(bead: RawBead, doc: _Document, settings: AlignerSettings,
           found: dict[tuple[int, int], float], listed_out: set[tuple[int, int]] | None = None) -> list[RawBead]:
    """``bead`` with edge sentences detached while the evidence says so (then its ``unmatched``);
    a 1-1 bead no more similar than unrelated neighbours are becomes a 1-0 and a 0-1 bead.
    ``found`` collects ``(side, sentence) → evidence`` of every sentence detached or listed; ``listed_out``
    (when given) the ``(side, sentence)`` of every sentence listed for review."""
    vecs = doc.vecs
    if len(bead.src) == 1 and len(bead.tgt) == 1:
        pair = measure_pair(bead, doc)
        if pair.value >= settings.null_split:
            found[(0, bead.src[0])] = found[(1, bead.tgt[0])] = pair.value
            return [RawBead(tuple(bead.src), (), None), RawBead((), tuple(bead.tgt), None)]
        return [bead]
    before: list[RawBead] = []
    after: list[RawBead] = []
    current = bead
    peeled = False
    while True:
        measured = measure(current, doc)
        if not measured:
            break
        sides = (current.src, current.tgt)
        at_edge = [e for e in measured if e.index in (sides[e.side][0], sides[e.side][-1])]
        edge = [e for e in at_edge if e.value >= settings.null_detach]
        if not edge and settings.null_debris:
            # a listed edge sentence that is debris goes whatever the document's rate
            edge = [replace(e, value=max(e.value, settings.null_detach)) for e in at_edge
                    if max(e.value, e.pooled) >= settings.null_flag and is_debris(doc.texts[e.side][e.index])]
        if not edge and (peeled or (measured[0].rest - measured[0].gain < settings.null_bead_fit
                                    and max(e.fit for e in measured) < PEEL_FIT
                                    and min(e.gain for e in measured) > -PEEL_FIT / 2)):
            # the bead as a whole is hardly closer than unrelated neighbours: its edge sentences that
            # fit no better than halfway to a translation go, the least fitting first
            edge = [replace(e, value=max(e.value, settings.null_detach))
                    for e in sorted(at_edge, key=lambda e: e.fit)[:1] if e.fit < PEEL_FIT]
            peeled = peeled or bool(edge)
        if not edge:
            # the similarity of the real windows replaces the search's estimate
            sim = float(vecs.get(0, tuple(current.src)) @ vecs.get(1, tuple(current.tgt)))
            flags = [(e, max(e.value, e.pooled) if settings.null_flag_base else e.value) for e in measured]
            listed = tuple((e.side, e.index, round(v, 4)) for e, v in flags if v >= settings.null_flag)
            # the second search hears the document's own evidence: listing for review moves no bead
            found.update({(e.side, e.index): e.value for e in measured if e.value >= settings.null_flag})
            if listed_out is not None:
                listed_out.update((side, index) for side, index, _ in listed)
            current = RawBead(current.src, current.tgt, sim, listed)
            break
        best = max(edge, key=lambda e: e.value)
        found[(best.side, best.index)] = best.value
        ids = sides[best.side]
        rest = tuple(i for i in ids if i != best.index)
        null = RawBead((best.index,), (), None) if best.side == 0 else RawBead((), (best.index,), None)
        if best.index == ids[0]:
            before.append(null)
        else:
            after.insert(0, null)
        src, tgt = (rest, current.tgt) if best.side == 0 else (current.src, rest)
        vecs.prepare([(0, src), (1, tgt)])
        sim = float(vecs.get(0, src) @ vecs.get(1, tgt))
        current = RawBead(src, tgt, sim)
        vecs.prepare(_windows_needed(current))
    if peeled and len(current.src) == 1 and len(current.tgt) == 1:
        pair = measure_pair(current, doc)
        if pair.fit < settings.null_bead_fit:
            found[(0, current.src[0])] = found[(1, current.tgt[0])] = max(pair.value, settings.null_detach)
            return before + [RawBead(current.src, (), None), RawBead((), current.tgt, None)] + after
    return before + [current] + after
