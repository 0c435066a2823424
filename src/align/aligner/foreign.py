"""Sentences written in the other side's language: untranslated passages, captions, advertisements.

No model and no language list: each side of the pair is its own language
profile.  Every sentence is scored by how much better the other side's
character trigrams explain it than its own side's (leave-one-out, so a
sentence never explains itself).  A German advertisement inside a French text
reads like the German side; an English phrase inside Russian text shares no
trigram with the Russian side at all.  The same measure works for pairs in one
script (de–fr) and in two (en–ru, en–hy).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from ..scripts import script_shares
from .beads import RawBead

#: A sentence counts as written in the other side's language when the other side explains
#: its trigrams better than its own side by at least this much (nats per trigram) ...
FOREIGN_MARGIN = 1.0
#: ... and it has at least this many letter trigrams (short lines say too little).
MIN_TRIGRAMS = 12


def trigrams(text: str) -> list[str]:
    """Lower-case letter trigrams of the words of ``text`` (each word padded with spaces)."""
    out: list[str] = []
    for word in "".join(ch.lower() if ch.isalpha() else " " for ch in text).split():
        padded = f" {word} "
        out += [padded[k:k + 3] for k in range(len(padded) - 2)]
    return out


class _Profile:
    """Trigram counts of one side, add-one smoothed over the trigrams seen on both sides."""

    def __init__(self, grams: Sequence[list[str]], vocabulary: int) -> None:
        self.counts: Counter[str] = Counter()
        for g in grams:
            self.counts.update(g)
        self.total = sum(self.counts.values())
        self.vocabulary = vocabulary

    def loglik(self, grams: list[str], leave_out: bool) -> float:
        """Log-likelihood of ``grams``; with ``leave_out`` their own counts are removed first."""
        own = Counter(grams) if leave_out else Counter()
        total = self.total - (len(grams) if leave_out else 0)
        denom = math.log(max(total, 0) + self.vocabulary)
        return sum(n * (math.log(max(self.counts[g] - own[g], 0) + 1.0) - denom) for g, n in Counter(grams).items())


def foreign_scores(src_texts: Sequence[str], tgt_texts: Sequence[str]) -> tuple[list[float], list[float]]:
    """For every sentence: how much better (nats per trigram) the other side's profile explains it
    than its own side's; 0.0 for sentences with fewer than :data:`MIN_TRIGRAMS` trigrams."""
    src_g = [trigrams(t) for t in src_texts]
    tgt_g = [trigrams(t) for t in tgt_texts]
    vocabulary = len({g for gs in src_g + tgt_g for g in gs}) + 1
    profiles = (_Profile(src_g, vocabulary), _Profile(tgt_g, vocabulary))
    out: tuple[list[float], list[float]] = ([], [])
    for side, grams in ((0, src_g), (1, tgt_g)):
        own, other = profiles[side], profiles[1 - side]
        for g in grams:
            if len(g) < MIN_TRIGRAMS:
                out[side].append(0.0)
                continue
            out[side].append((other.loglik(g, False) - own.loglik(g, True)) / len(g))
    return out


def foreign_sentences(src_texts: Sequence[str], tgt_texts: Sequence[str],
                      margin: float = FOREIGN_MARGIN) -> tuple[list[bool], list[bool]]:
    """Which sentences of each side read as written in the other side's language."""
    xs, ys = foreign_scores(src_texts, tgt_texts)
    return [v >= margin for v in xs], [v >= margin for v in ys]


#: A sentence is in another script than its side when it has at least this many letters, most of
#: them not in the side's own script.
MIN_LETTERS = 3


def other_script(texts: Sequence[str]) -> list[bool]:
    """Which sentences are mostly written in another script than their side as a whole (an English line
    left in a Russian text, an Armenian caption in an English one): no profile needed, and it holds for
    a third language that neither side's profile knows."""
    total: dict[str, float] = {}
    per = []
    for t in texts:
        shares = script_shares(t)
        letters = sum(1 for ch in t if ch.isalpha())
        per.append((shares, letters))
        for script, share in shares.items():
            total[script] = total.get(script, 0.0) + share * letters
    if not total:
        return [False] * len(texts)
    main = max(total, key=lambda k: total[k])
    return [letters >= MIN_LETTERS and bool(shares) and next(iter(shares)) != main and shares.get(main, 0.0) < 0.5
            for shares, letters in per]


#: :func:`own_language_first` compares a sentence with the other side's sentences this near its partner.
OWN_LANGUAGE_WINDOW = 3


def own_language_first(beads: Sequence[RawBead], X: np.ndarray, Y: np.ndarray,
                       foreign: tuple[Sequence[bool], Sequence[bool]], unrelated: float) -> list[RawBead]:
    """``beads`` where a sentence in the wrong language no longer holds the partner of a sentence in the
    right one.

    A 1-1 bead whose sentence ``f`` on one side is flagged ``foreign`` (another script than its side, or
    the other side's language: an untranslated heading, a quotation left in French) and whose
    neighbouring bead leaves out the sentence ``g`` next to ``f``, written in the side's own language,
    is re-paired: ``g`` takes the partner and ``f`` is left out — when ``g`` and the partner are each
    other's best match among the own-language sentences near them and more similar than the document's
    unrelated level.  A translation and a copied foreign heading both resemble the source heading; the
    embedding often prefers the copy (shared words), but only the translation is the counterpart.
    """
    out = list(beads)
    vecs = (X, Y)
    for k, bead in enumerate(out):
        if len(bead.src) != 1 or len(bead.tgt) != 1:
            continue
        for side in (0, 1):
            f = (bead.src, bead.tgt)[side][0]
            partner = (bead.src, bead.tgt)[1 - side][0]
            if not foreign[side][f]:
                continue
            for q in (k - 1, k + 1):
                if not 0 <= q < len(out):
                    continue
                null = out[q]
                ids = (null.src, null.tgt)
                if ids[1 - side] or len(ids[side]) != 1 or abs(ids[side][0] - f) != 1:
                    continue
                g = ids[side][0]
                if foreign[side][g] or not _mutual_best(vecs, side, g, partner, foreign, unrelated):
                    continue
                pair = RawBead((partner,), (g,), float(vecs[1 - side][partner] @ vecs[side][g])) if side else \
                    RawBead((g,), (partner,), float(vecs[side][g] @ vecs[1 - side][partner]))
                left = RawBead((f,), (), None) if side == 0 else RawBead((), (f,), None)
                out[min(k, q)], out[max(k, q)] = (pair, left) if g < f else (left, pair)
                break
            else:
                continue
            break
    return out


def _mutual_best(vecs: tuple[np.ndarray, np.ndarray], side: int, g: int, partner: int,
                 foreign: tuple[Sequence[bool], Sequence[bool]], unrelated: float) -> bool:
    """Whether sentence ``g`` of ``side`` and ``partner`` on the other side are each other's most similar
    own-language sentence within :data:`OWN_LANGUAGE_WINDOW`, above the ``unrelated`` level."""
    mine, theirs = vecs[side], vecs[1 - side]
    sim = float(mine[g] @ theirs[partner])
    if sim <= unrelated:
        return False
    w = OWN_LANGUAGE_WINDOW
    for here, there, at, own in ((mine, theirs, g, foreign[1 - side]), (theirs, mine, partner, foreign[side])):
        centre = partner if here is mine else g
        for q in range(max(0, centre - w), min(there.shape[0], centre + w + 1)):
            if q != centre and not own[q] and float(here[at] @ there[q]) > sim:
                return False
    return True
