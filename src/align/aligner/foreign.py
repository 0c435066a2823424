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

from ..scripts import script_shares

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
