"""The encoder as a last check on a name no rule could match ("Auschwitz" / "Освенцим").

Transliteration, the gazetteer, CLDR territory names and the names list
settle most names; what is left on both sides of a bead may still be one name
in two forms (an exonym, a translated title).  :class:`NameCheck` embeds the
left-over names of both sides with the alignment's encoder — which sits behind
the on-disk cache, so a name is embedded once per model, ever — and calls two
the same when their cosine is high (``SAME``) and each is the other's clearly
best candidate (by ``MARGIN`` over the next).  Measured with the bundled e5 on
names (NTREX-128, REFreSD and the dev sets): one name in two scripts or an
exonym scores 0.85–0.94 ("Auschwitz" / "Освенцим" 0.91, "US" / "États-Unis"
0.94, "Jon Rahm" / "Джоном Рамом" 0.90, "Ian Poulter" / "Айаном Полтером"
0.87), two different names 0.74–0.86 ("Kipiani" / "Гегечкори" 0.82, "Mirzoyan"
/ "Назарян" 0.86: two Armenian surnames), so the bar is 0.88: a different name
must not be taken for the same, and a pair below the bar stays missing.

Only names are embedded, never whole sentences, and only for beads where both
sides have an unmatched name; ``BUDGET`` caps the texts one alignment may ask
for, so scoring stays a small share of a run's time.  An alignment's beads ask
in one encoder call (:meth:`NameCheck.defer`, :meth:`NameCheck.flush`): a model
call for two or three short names costs about as much as one for thirty.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Cosine at or above which two names are taken for one.
SAME = 0.88
#: ... when each is the other's best candidate by at least this much.
MARGIN = 0.03
#: Most texts one NameCheck may have embedded (names are short; the cache makes repeats free).
BUDGET = 400


class NameCheck:
    """Ask the encoder whether two short names are one (cosine of their embeddings, cached here too)."""

    def __init__(self, encoder: Any, budget: int = BUDGET) -> None:
        self.encoder = encoder
        self.budget = budget
        self.asked = 0
        self._vectors: dict[str, Any] = {}
        self._deferred: list[str] | None = None

    def defer(self) -> None:
        """From now on :meth:`match` only notes the names it would embed and answers ``{}``, until
        :meth:`flush`."""
        self._deferred = []

    @property
    def deferred(self) -> int:
        """How many texts :meth:`match` has noted since :meth:`defer` (0 when not deferring)."""
        return len(self._deferred) if self._deferred is not None else 0

    def take(self, since: int = 0) -> list[str]:
        """The texts :meth:`match` has noted since :meth:`defer`, from the ``since``-th on, taken off the
        list (to be noted again with :meth:`note`, by this process or the one a forked child reports to)."""
        if self._deferred is None:
            return []
        taken, self._deferred[since:] = self._deferred[since:], []
        return taken

    def note(self, texts: Sequence[str]) -> None:
        """Note ``texts`` as :meth:`match` would have (what :meth:`take` took, in this process or a child)."""
        if self._deferred is not None:
            self._deferred.extend(texts)

    def flush(self) -> None:
        """Embed the noted names in one encoder call (as many as the budget allows) and answer
        :meth:`match` for real again."""
        noted, self._deferred = self._deferred or [], None
        missing = [t for t in dict.fromkeys(noted) if t not in self._vectors]
        self._embed(missing[:max(0, self.budget - self.asked)])

    @classmethod
    def of(cls, encoder: Any) -> NameCheck | None:
        """A check for ``encoder`` (None for None); an existing NameCheck is kept."""
        if encoder is None or isinstance(encoder, NameCheck):
            return encoder
        return cls(encoder)

    def _embed(self, texts: Sequence[str]) -> bool:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if not missing:
            return True
        if self.asked + len(missing) > self.budget:
            return False
        import numpy as np
        self.asked += len(missing)
        vecs = np.asarray(self.encoder.encode(missing), dtype=np.float32)
        for t, v in zip(missing, vecs):
            n = float(np.linalg.norm(v))
            self._vectors[t] = v / n if n > 0 else v
        return True

    def match(self, names: Sequence[str], others: Sequence[str]) -> dict[int, tuple[int, float]]:
        """For each name (by index) that is one of ``others``: (index in ``others``, cosine).

        A name and a candidate match when their cosine is at least :data:`SAME`
        and each is the other's best, by :data:`MARGIN` over the next best
        (of the names' row and of the candidate's column).  Empty when the
        budget is spent, and while deferring (:meth:`defer`).
        """
        if not names or not others:
            return {}
        if self._deferred is not None:
            self._deferred.extend([*names, *others])
            return {}
        if not self._embed([*names, *others]):
            return {}
        import numpy as np
        a = np.stack([self._vectors[t] for t in names])
        b = np.stack([self._vectors[t] for t in others])
        sims = a @ b.T
        out: dict[int, tuple[int, float]] = {}
        for i in range(len(names)):
            row = sims[i]
            j = int(np.argmax(row))
            col = sims[:, j]
            if int(np.argmax(col)) != i or row[j] < SAME:
                continue
            row_next = np.max(np.delete(row, j)) if len(row) > 1 else -1.0
            col_next = np.max(np.delete(col, i)) if len(col) > 1 else -1.0
            if row[j] - max(row_next, col_next) >= MARGIN:
                out[i] = (j, float(row[j]))
        return out
