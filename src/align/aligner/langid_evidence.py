"""A language identifier's word on each sentence: is it written in the other side's language?

The trigram profiles of :mod:`.foreign` compare a sentence with the two sides of
the pair, so a block of German lines inside a French text explains itself in
the French side's own profile.  A trained identifier has no such blind spot:
``langid`` (BSD; a naive Bayes model over byte n-grams of 97 languages,
Armenian among them, bundled in the package; numpy only) names each sentence's
language with a probability.

Each side's language is what the identifier gives most of that side's letters
(so the aligner needs no language codes).  A sentence is *identified as
foreign* (:func:`identified_foreign`) when the identifier gives it the other
side's language with at least the probability asked and it is no bare name
line: it has at least :data:`MIN_WORDS` words of three or more letters that
start in lower case ("Für jedes Wetter", not "Michel Piola , Vernier" or
"Peter Donatsch , Mastrils"), or it lies in a run of at least :data:`MIN_RUN`
such sentences, lines the identifier has no confident word on (debris, an
address) not breaking the run (an advertisement of a dozen German lines).

The model loads on first use (about 5 s: the package stores it compressed);
each sentence then costs a fraction of a millisecond, since only the n-grams it
holds are multiplied (the package's own ``classify`` multiplies the full
feature vector, about 8 ms a sentence).
"""
from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

#: A sentence identified as the other side's language needs this many lower-case words of 3+ letters ...
MIN_WORDS = 2
#: ... unless it is one of at least this many consecutive such sentences.
MIN_RUN = 3
#: Below this probability the identifier has no confident word on a sentence (it does not break a run).
UNSURE = 0.5
#: Sentences with fewer letters than this are not identified at all.
MIN_LETTERS = 4

_lock = threading.Lock()
_model: Any = None


def _identifier() -> Any:
    """langid's bundled identifier, loaded once per process."""
    global _model
    with _lock:
        if _model is None:
            from langid.langid import LanguageIdentifier, model
            _model = LanguageIdentifier.from_modelstring(model, norm_probs=True)
        return _model


def identify(texts: Sequence[str]) -> list[tuple[str, float]]:
    """(language code, probability) of every text; ``("", 0.0)`` for texts with too few letters."""
    idf = _identifier()
    ptc, pc, classes = idf.nb_ptc, idf.nb_pc, idf.nb_classes
    out: list[tuple[str, float]] = []
    for text in texts:
        if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
            out.append(("", 0.0))
            continue
        fv = idf.instance2fv(text)
        idx = np.flatnonzero(fv)
        logp = fv[idx].astype(np.float64) @ ptc[idx] + pc
        p = np.exp(logp - logp.max())
        p /= p.sum()
        best = int(np.argmax(p))
        out.append((str(classes[best]), float(p[best])))
    return out


def side_language(labels: Sequence[tuple[str, float]], texts: Sequence[str]) -> str:
    """The language the identifier gives most of a side's letters (confident sentences only)."""
    weight: dict[str, int] = {}
    for (lang, p), text in zip(labels, texts):
        if lang and p >= UNSURE:
            weight[lang] = weight.get(lang, 0) + sum(ch.isalpha() for ch in text)
    return max(weight, key=lambda k: weight[k]) if weight else ""


def _worded(text: str) -> bool:
    words = "".join(ch if ch.isalpha() else " " for ch in text).split()
    return sum(1 for w in words if len(w) >= 3 and w[0].islower()) >= MIN_WORDS


def _flags(labels: Sequence[tuple[str, float]], texts: Sequence[str], own: str, other: str,
           threshold: float) -> list[bool]:
    hit = [lang != own and lang == other and p >= threshold for lang, p in labels]
    out = [h and _worded(t) for h, t in zip(hit, texts)]
    k = 0
    while k < len(hit):
        if not hit[k]:
            k += 1
            continue
        run, last, q = [k], k, k + 1
        while q < len(hit) and (hit[q] or labels[q][1] < UNSURE):
            if hit[q]:
                run.append(q)
                last = q
            q += 1
        if len(run) >= MIN_RUN:
            for r in run:
                out[r] = True
        k = last + 1
    return out


def identified_foreign(src_texts: Sequence[str], tgt_texts: Sequence[str],
                       threshold: float) -> tuple[list[bool], list[bool]]:
    """Which sentences of each side the identifier gives the other side's language, at ``threshold``
    or more, and are no bare name line (see the module)."""
    ls, lt = identify(src_texts), identify(tgt_texts)
    own_s, own_t = side_language(ls, src_texts), side_language(lt, tgt_texts)
    if not own_s or not own_t or own_s == own_t:
        return [False] * len(src_texts), [False] * len(tgt_texts)
    return _flags(ls, src_texts, own_s, own_t, threshold), _flags(lt, tgt_texts, own_t, own_s, threshold)
