"""The encoder's deletion test: is a word with no counterpart really missing on the other side?

The lexical component (:mod:`.lexical`) marks the words of an English–Russian
bead that have no counterpart in the dictionary's sense; a faithful translation
shows many (the 1961 dictionary does not list every way of saying a word), so
those marks alone decide nothing.  This test asks the encoder instead: delete
the word from its side and embed the rest again.  If the other side really
lacks the word, the side without it says what the other side says, and the two
come *closer*; if the word was translated in a way the dictionary misses,
deleting it takes away something the other side holds, and they move apart::

    delta = cos(side − word, other) − cos(side, other)

Measured on DEMETR ru→en and NTREX-128 en–ru (``benchmarks/deletion_tune.py``), a raw delta is weak
alone: a pair whose sides are far apart moves more with any deletion, and a free translation leaves
words the dictionary misses that a deletion happens to help.  So the test weighs five things in a
small logistic model (:func:`evidence`, weights :data:`WEIGHTS` fitted by ``deletion_tune.py --fit``
on DEMETR's even ids and NTREX-128's even documents): the share of the distance between the sides the
deletion closes (``delta / (1 − cos(side, other))``), the sides' cosine itself (a close, literal
translation with one word over is more telling than a free one), the lexical component's feature
(the source's uncovered words), how many words the side has uncovered (one is more telling than
three) and whether the side is the source.  Tried and left out (BENCHMARKS.md): the delta alone,
the share of the distance alone, the delta as a share of how far the deletion moves the side itself,
the delta less that of deleting a covered word of the same side, and more features.

A bead whose lexical marks pass the test on one side gets a floor at the review
threshold (:data:`FLOOR`, reason and mark name the word).  The test costs one
embedding per word, so it runs only where it can change a decision
(:func:`plan`): beads the weights and floors leave below the review threshold,
with at least :data:`NEAR`, and with 1 to :data:`MOST_WORDS` uncovered words on
the side tested, where what is known before embedding leaves the word a chance
to pass (:data:`REACH`); strongest sides first, at most one text per :data:`PER_BEADS`
beads of the alignment (:data:`LEAST_BUDGET` for a pair scored alone).  Every text goes to the
encoder the alignment used, in one call, behind the embedding cache.  Without an
encoder (the scorer called on its own) the test is off.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..records import Mark, Side
from .base import Finding, quote
from .lexical import LABEL as UNCOVERED

#: The evidence (:func:`evidence`, a log-odds) at or above which a word is taken as missing on the other side: the
#: lowest that floors no DEMETR control of the even ids (a control floored loses its item's win in every edit type)
#: and at most 8 NTREX-128 even-document lines.  The lead picks the final value at merge from BENCHMARKS.md's table
#: ("The encoder's deletion test"): 1.75 and 1.5 catch more and floor one held-out control.
THRESHOLD = 2.0
#: The weights of :func:`evidence`'s logistic model, and its intercept: fitted by ``benchmarks/deletion_tune.py
#: --fit`` (DEMETR's even ids: removals, additions and antonyms against controls and NTREX-128's even documents).
WEIGHTS = {"closed": 3.91, "similarity": 3.65, "lexical": 0.99, "words": -0.77, "source": 0.35}
INTERCEPT = -3.68
#: The least distance (1 − cosine) :func:`closed` divides by (a pair of near-identical sides).
MIN_DISTANCE = 0.02
#: The score a bead gets when a word passes the test: the review threshold.
FLOOR = 0.5
#: A side is tested when the lexical component marked 1 to this many of its words (more: the bead is a
#: paraphrase, or the dictionary knows too little of it, and no one word can be the difference).
MOST_WORDS = 3
#: Beads scoring below this (the weights and floors) are not tested.  0: measured, the edits the test is for score
#: as low as faithful lines (median 0.10 each), so a gate on the score costs edits and saves little.
NEAR = 0.0
#: A side is tested only when closing this share of the distance between the sides would pass the threshold, given
#: what is known before embedding (the bead's cosine, the lexical feature, the side's count of uncovered words): on
#: DEMETR and NTREX-128 (both halves) this skips four in five deleted texts and no side that passes.
REACH = 0.4
#: The budget: one deleted text per this many beads of an alignment (at least one) ...
PER_BEADS = 10
#: ... and this many for a pair scored alone (an alignment of one bead): both its sides.
LEAST_BUDGET = 2 * MOST_WORDS
#: The label of the mark on a word that passes the test.
LABEL = "missing on the other side (deletion test)"
#: The sides' names in reasons.
_OTHER = {"source": "translation", "target": "source"}
_NAMED = {"source": "source", "target": "translation"}


def without(text: str, start: int, end: int) -> str:
    """``text`` with the characters ``start``..``end`` (a word) deleted and one space of the two around it, nothing
    else changed (a tokenised text keeps its spaces before punctuation: tidying them would bring any side closer)."""
    left, right = text[:start], text[end:]
    if left.endswith(" ") and (right.startswith(" ") or not right or not right[0].isalnum()):
        left = left[:-1]
    elif not left and right.startswith(" "):
        right = right[1:]
    return left + right


def closed(delta: float, similarity: float) -> float:
    """``delta`` (how much closer to the other side a side comes without the word) as a share of the distance
    between the sides (1 − ``similarity``, their cosine; at least :data:`MIN_DISTANCE`): 0.2 — deleting the word
    closes a fifth of the gap."""
    return delta / max(1.0 - similarity, MIN_DISTANCE)


def evidence(delta: float, similarity: float, lexical: float, words: int, source: bool) -> float:
    """The log-odds that a word is missing on the other side (:data:`WEIGHTS`): the share of the distance its
    deletion closes (:func:`closed`), the sides' cosine, the lexical component's feature (the source's uncovered
    words), the count of uncovered words on the word's side, whether that side is the source."""
    values = {"closed": closed(delta, similarity), "similarity": similarity, "lexical": lexical,
              "words": float(words), "source": float(source)}
    return INTERCEPT + sum(WEIGHTS[k] * v for k, v in values.items())


@dataclass(frozen=True)
class Word:
    """One word the test may delete: the bead (by index), its side, where it stands, and the texts."""

    bead: int
    side: Side
    text: str
    start: int
    end: int
    side_text: str
    other_text: str
    #: How many words its side has uncovered, and the bead's lexical feature (what :func:`evidence` weighs).
    words: int = 1
    lexical: float = 0.0

    @property
    def deleted(self) -> str:
        return without(self.side_text, self.start, self.end)


def uncovered(found: Sequence[Finding], side: Side) -> list[Mark]:
    """The lexical component's marks on ``side``: words with no counterpart through the dictionary (the term
    list's marks are left out: a missing term is the user's own word and already says so)."""
    return [m for f in found if f.component == "lexical" for m in f.marks if m.side == side and m.label == UNCOVERED]


def plan(beads: Sequence[tuple[int, Sequence[Finding], str, str, float, float | None]], budget: int) -> list[Word]:
    """The words to test, within ``budget`` texts: for each bead (index, findings, source text, target text, score
    without the test, cosine of its sides) below the review threshold and at least :data:`NEAR`, each side with 1
    to :data:`MOST_WORDS` uncovered words that could pass (:data:`REACH`); strongest sides first (their evidence at
    :data:`REACH`), a side's words all or none."""
    sides: list[tuple[float, list[Word]]] = []
    for i, found, src, tgt, score, similarity in beads:
        if score >= FLOOR or score < NEAR or similarity is None:
            continue
        lexical = sum(f.feature_values().get("lexical", 0.0) for f in found if f.component == "lexical")
        each: tuple[tuple[Side, str, str], ...] = (("source", src, tgt), ("target", tgt, src))
        for side, this, other in each:
            marks = uncovered(found, side)
            if not 1 <= len(marks) <= MOST_WORDS:
                continue
            reach = evidence(REACH * (1.0 - similarity), similarity, lexical, len(marks), side == "source")
            if reach >= THRESHOLD:
                sides.append((reach, [Word(i, side, this[m.start:m.end], m.start, m.end, this, other, len(marks),
                                           lexical) for m in marks]))
    out: list[Word] = []
    for _, words in sorted(sides, key=lambda x: -x[0]):
        if len(out) + len(words) <= budget:
            out += words
    return out


def budget_for(beads: int) -> int:
    """How many deleted texts an alignment of ``beads`` beads may have embedded: one per :data:`PER_BEADS` beads,
    at least one; :data:`LEAST_BUDGET` for a pair scored alone (a dev-set document of 20 beads gets 2, so that
    scoring stays a small share of a cold run: BENCHMARKS.md)."""
    return LEAST_BUDGET if beads == 1 else max(1, beads // PER_BEADS)


def measure(words: Sequence[Word], encoder: Any) -> list[tuple[float, float]]:
    """For each of ``words``: (delta, similarity) — how much closer to the other side its side comes without it,
    and the cosine of the two sides.  The sides and the deleted texts go to the encoder in one call."""
    if not words:
        return []
    import numpy as np
    texts = list(dict.fromkeys(t for w in words for t in (w.side_text, w.other_text, w.deleted)))
    vecs = np.asarray(encoder.encode(texts), dtype=np.float64)
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    vecs = vecs / np.where(norms > 0, norms, 1.0)
    at = {t: vecs[k] for k, t in enumerate(texts)}
    out = []
    for w in words:
        side, other, deleted = at[w.side_text], at[w.other_text], at[w.deleted]
        out.append((float(deleted @ other - side @ other), float(side @ other)))
    return out


def run(words: Sequence[Word], encoder: Any) -> dict[int, Finding]:
    """Test ``words`` (:func:`measure`) and give each bead whose words were tested a ``deletion`` finding: a
    floor at :data:`FLOOR` with a reason and a mark for the words that pass the test, a note for the others."""
    out: dict[int, Finding] = {}
    for w, (delta, similarity) in zip(words, measure(words, encoder)):
        odds = evidence(delta, similarity, w.lexical, w.words, w.side == "source")
        f = out.setdefault(w.bead, Finding("deletion", 0.0, features={}))
        said = f"deleting {quote(w.text)} from the {_NAMED[w.side]}"
        if odds >= THRESHOLD:
            f.value, f.floor = FLOOR, FLOOR
            f.floor_rule = "word missing" if w.side == "source" else "word added"
            f.reasons.append(f"{said} brings it closer to the {_OTHER[w.side]}: the {_OTHER[w.side]} seems to lack "
                             f"it (cosine {delta:+.3f}, {closed(delta, similarity):.0%} of the distance)")
            f.marks.append(Mark(w.side, w.start, w.end, "deletion", LABEL))
        else:
            moves = "moves it away from" if delta <= 0 else "brings it only a little closer to"
            f.notes.append(f"{said} {moves} the {_OTHER[w.side]} (cosine {delta:+.3f}): it may be translated in a "
                           "way the dictionary does not list")
    return out
