"""Embeddings of windows (any set of sentence indexes on one side) for the null-bead pass.

The pass (:mod:`.nulls`) compares a merged bead's side with and without each of
its sentences.  Those sub-windows come from memory (the windows the search
embedded), from the encoder (``real``: once each, through the aligner's
``encode``, so the on-disk cache keeps them), or are estimated from the real
2-sentence windows tiling them (the default: the pass then asks the encoder
for nothing).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np


class WindowVectors:
    """Embeddings of windows (any set of sentence indexes on one side), from memory or the encoder."""

    def __init__(self, texts: tuple[Sequence[str], Sequence[str]], singles: tuple[np.ndarray, np.ndarray],
                 known: dict[tuple[int, tuple[int, ...]], np.ndarray], encode: Callable[[list[str]], np.ndarray],
                 real: bool = True):
        self.texts, self.singles, self.known, self.encode, self.real = texts, singles, known, encode, real
        self.calls = 0

    def text(self, side: int, ids: tuple[int, ...]) -> str:
        return " ".join(self.texts[side][i] for i in ids)

    def prepare(self, wanted: list[tuple[int, tuple[int, ...]]]) -> None:
        """Embed, in one call, the windows of ``wanted`` not yet known."""
        todo = sorted({w for w in wanted if len(w[1]) > 1 and w not in self.known})
        if not todo:
            return
        if not self.real:
            for side, ids in todo:
                self.known[(side, ids)] = self.estimate(side, ids)
            return
        vecs = self.encode([self.text(side, ids) for side, ids in todo])
        self.calls += len(todo)
        for key, v in zip(todo, vecs):
            self.known[key] = np.asarray(v, dtype=np.float32)

    def estimate(self, side: int, ids: tuple[int, ...]) -> np.ndarray:
        """A window's vector without the encoder: the normalised sum of the known 2-sentence windows
        tiling each run of consecutive sentences (the last one overlapping when a run is odd),
        single sentences where no such window is known."""
        runs: list[list[int]] = []
        for i in ids:
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        total = np.zeros(self.singles[side].shape[1], dtype=np.float32)
        for run in runs:
            if len(run) == 1:
                total += self.singles[side][run[0]]
                continue
            starts = list(range(run[0], run[-1], 2))
            if len(run) % 2:
                starts[-1] = run[-1] - 1
            for st in starts:
                pair = self.known.get((side, (st, st + 1)))
                total += pair if pair is not None else self.singles[side][st] + self.singles[side][st + 1]
        return total / max(float(np.linalg.norm(total)), 1e-6)

    def get(self, side: int, ids: tuple[int, ...]) -> np.ndarray:
        if len(ids) == 1:
            return self.singles[side][ids[0]]
        return self.known[(side, ids)]
