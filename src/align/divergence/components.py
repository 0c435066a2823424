"""The divergence components, declared once: name, label, mark colour, scorer and features.

Scoring (:func:`align.divergence.score_pair`) runs the scorers in the order
of :data:`REGISTRY`; the learned combination (:mod:`.combine`, :mod:`.model`)
reads each component's *features*; every view, export and table lists the
components, names them and colours their marks from it.  ``docs/divergence.md``
says what each component looks at.

To add a component: write its module (a function from the two
:class:`~.tokens.SideText` of a pair to a :class:`~.base.Finding`, or
``None`` when it has nothing to say), add one :class:`Component` line here
with its features, refit the weights (``benchmarks/fit_divergence.py
--write``; a test checks that the shipped weights cover every feature),
describe it in ``docs/divergence.md``, and bump :data:`align.divergence.SCORING`
so that ``align run`` re-scores stored alignments.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..records import Alignment, Bead
from . import antonyms, length, lexical, meaning, names, numbers, omission, polarity, tense, untranslated, wordorder
from .base import Finding
from .calibration import Calibration, char_length
from .namecheck import NameCheck
from .terms import TermList
from .tokens import SideText

#: The highlight colour of marks of a component that declares none (or is not in the registry).
#: Mark colours are from the Okabe–Ito palette, told apart under the common colour blindnesses.
OTHER_MARK_COLOUR = "#000000"


@dataclass(frozen=True)
class Pair:
    """What a scorer looks at: both sides (words found once), the bead's cosine, the calibration; the
    collection's names list and the encoder's names check, when there are any; the bead and its
    alignment, when the pair is one."""

    src: SideText
    tgt: SideText
    similarity: float | None
    calibration: Calibration
    terms: TermList | None = None
    check: NameCheck | None = None
    bead: Bead | None = None
    alignment: Alignment | None = None


@dataclass(frozen=True)
class Component:
    """One divergence component.

    ``label`` says in a few words what it flags; ``colour`` and ``underline`` (a CSS
    border style) highlight the words it marks; ``score`` is ``None`` for a component only an
    empty side gives; ``features`` are what the learned combination reads of its finding
    (default: its value, under its name); a ``floor_only`` component gives none: it speaks
    through its finding's floor alone (evidence too rare in the labelled data to fit a weight on).
    """

    name: str
    label: str
    colour: str = OTHER_MARK_COLOUR
    score: Callable[[Pair], Finding | None] | None = None
    features: tuple[str, ...] = ()
    underline: str = "solid"
    floor_only: bool = False

    @property
    def feature_names(self) -> tuple[str, ...]:
        if self.floor_only:
            return ()
        return self.features or (self.name,)


def _partial(p: Pair, component: str) -> Finding | None:
    """The partial omission or addition of a merged bead (the aligner's null-bead pass); None when the
    aligner listed no such sentence.  Its marks are on the texts as written already."""
    if p.alignment is None or p.bead is None or not p.bead.unmatched:
        return None
    found = [f for f in omission.partial(p.alignment, p.bead) if f.component == component]
    if not found:
        return None
    found[0].written = True
    found[0].floor = found[0].value  # at least the review threshold (:data:`.omission.REVIEW_FLOOR`)
    return found[0]


#: Every component, in the order scoring runs them and views list them.
REGISTRY: tuple[Component, ...] = (
    Component("meaning", "similarity far below that of equivalent pairs", "#cc79a7",  # reddish purple
              lambda p: meaning.score(p.similarity, p.calibration, char_length(p.src.text) + char_length(p.tgt.text))),
    Component("numbers", "numbers and dates that differ", "#0072b2",  # blue
              lambda p: numbers.score(p.src, p.tgt), ("numbers", "numbers_one_side")),
    Component("names", "names on one side only", "#009e73",  # bluish green
              lambda p: names.score(p.src, p.tgt, terms=p.terms, check=p.check),
              ("names", "names_one_side", "names_person")),
    Component("untranslated", "words left in the other language", "#e69f00",  # orange
              lambda p: untranslated.score(p.src, p.tgt, terms=p.terms), ("untranslated", "untranslated_copied")),
    Component("length", "a length far from the usual ratio", "#999999",  # grey
              lambda p: length.score(p.src.text, p.tgt.text, p.calibration)),
    Component("negation", "a negation on one side only", score=lambda p: polarity.score_negation(p.src, p.tgt),
              features=("negation", "negation_absorbed")),
    Component("antonym", "opposite words", score=lambda p: antonyms.score(p.src, p.tgt)),
    Component("question", "a question on one side only", score=lambda p: polarity.score_question(p.src, p.tgt)),
    Component("gender", "pronouns of the other gender", score=lambda p: polarity.score_gender(p.src, p.tgt)),
    Component("tense", "another tense or aspect", score=lambda p: tense.score(p.src, p.tgt)),
    Component("order", "an English side whose words are out of order", "#000000",  # black, dashed
              lambda p: wordorder.score(p.src, p.tgt), underline="dashed", floor_only=True),
    Component("lexical", "words with no counterpart (en–ru dictionary, term list)", "#000000",  # black, dotted
              lambda p: lexical.score(p.src, p.tgt, terms=p.terms), lexical.FEATURES, underline="dotted"),
    # run after the others, on the beads they leave below the threshold, with the alignment's encoder
    # (:func:`.combine.deletion_test`): no scorer of its own
    Component("deletion", "a word the other side lacks (the encoder’s deletion test)", "#000000",  # black, double
              underline="double", floor_only=True),
    # a 1-0 or 0-1 bead scores 1 outside the model; these score a merged bead's partial ones
    Component("omission", "a source sentence with no translation", "#d55e00",  # vermillion
              lambda p: _partial(p, "omission")),
    Component("addition", "a target sentence with no source", "#56b4e9",  # sky blue
              lambda p: _partial(p, "addition")),
)

#: The component names, in registry order.
COMPONENTS: tuple[str, ...] = tuple(c.name for c in REGISTRY)
#: Every feature the combination reads, in registry order.
FEATURES: tuple[str, ...] = tuple(f for c in REGISTRY for f in c.feature_names)

_BY_NAME = {c.name: c for c in REGISTRY}


def component(name: str) -> Component | None:
    """The registered component called ``name`` (``None`` for a name an older or newer scorer used)."""
    return _BY_NAME.get(name)


def mark_underline(name: str) -> str:
    """The border style under the marks of component ``name`` (``solid`` unless it declares another)."""
    found = _BY_NAME.get(name)
    return found.underline if found is not None else "solid"


def mark_colour(name: str) -> str:
    """The highlight colour of the marks of component ``name``."""
    found = _BY_NAME.get(name)
    return found.colour if found is not None else OTHER_MARK_COLOUR
