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

The model loads on first use.  The package stores it compressed (2.5 s of CPU
to decode), so the decoded arrays are kept in the cache folder
(:func:`align.embed.cache.default_cache_dir`, a file of 8 MB named after the
model's digest) and later processes read them in milliseconds.  Each sentence
then costs a fraction of a millisecond, since only the n-grams it holds are
multiplied (the package's own ``classify`` multiplies the full feature
vector, about 8 ms a sentence).
"""
from __future__ import annotations

import os
import tempfile
import threading
from array import array
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
            _model = _load()
        return _model


def _load() -> Any:
    """The identifier from its decoded arrays in the cache folder (milliseconds), else from the package's
    compressed model (seconds), whose arrays are then saved there for the next process (best effort: a
    folder that cannot be written only costs the next process the same seconds)."""
    import hashlib

    from langid import langid as package

    from ..embed.cache import default_cache_dir
    digest = hashlib.sha1(package.model if isinstance(package.model, bytes) else package.model.encode()).hexdigest()
    path = default_cache_dir() / f"langid-{digest[:12]}.npz"
    try:
        with np.load(path, allow_pickle=False) as z:
            starts = np.concatenate(([0], np.cumsum(z["lens"])))
            flat = z["flat"].tolist()
            output = {int(k): tuple(flat[starts[r]:starts[r + 1]]) for r, k in enumerate(z["keys"].tolist())}
            ptc = z["ptc"]
            return package.LanguageIdentifier(ptc, z["pc"], ptc.shape[0], z["classes"].tolist(),
                                              array("H", z["nextmove"].tobytes()), output, norm_probs=True)
    except (OSError, ValueError, KeyError):
        pass
    idf = package.LanguageIdentifier.from_modelstring(package.model, norm_probs=True)
    keys = sorted(idf.tk_output)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as tmp:
            np.savez(tmp, ptc=idf.nb_ptc, pc=idf.nb_pc, classes=np.array(idf.nb_classes),
                     nextmove=np.frombuffer(idf.tk_nextmove.tobytes(), dtype=np.uint16),
                     keys=np.array(keys, dtype=np.int64), lens=np.array([len(idf.tk_output[k]) for k in keys]),
                     flat=np.array([i for k in keys for i in idf.tk_output[k]], dtype=np.int64))
        os.replace(tmp.name, path)
    except OSError:
        pass
    return idf


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
