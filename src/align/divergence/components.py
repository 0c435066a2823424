"""The divergence components, declared once: name, label, mark colour and scorer.

Scoring (:func:`align.divergence.score_pair`) runs the scorers in the order
of :data:`REGISTRY`; every view, export and table lists the components, names
them and colours their marks from it.  ``docs/divergence.md`` says what each
component looks at.

To add a component: write its module (a function from the two
:class:`~.tokens.SideText` of a pair to a :class:`~.base.Finding`, or
``None`` when it has nothing to say), add one :class:`Component` line here,
describe it in ``docs/divergence.md``, and bump
:data:`align.divergence.SCORING` so that ``align run`` re-scores stored
alignments.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import antonyms, length, meaning, names, numbers, polarity, tense, untranslated
from .base import Finding
from .calibration import Calibration
from .tokens import SideText

#: The highlight colour of marks of a component that declares none (or is not in the registry).
#: Mark colours are from the Okabe–Ito palette, told apart under the common colour blindnesses.
OTHER_MARK_COLOUR = "#000000"


@dataclass(frozen=True)
class Pair:
    """What a scorer looks at: both sides (words found once), the bead's cosine, the calibration."""

    src: SideText
    tgt: SideText
    similarity: float | None
    calibration: Calibration


@dataclass(frozen=True)
class Component:
    """One divergence component.

    ``label`` says in a few words what it flags; ``colour`` highlights the words
    it marks; ``score`` is ``None`` for the components only an empty side gives
    (``omission``, ``addition``).
    """

    name: str
    label: str
    colour: str = OTHER_MARK_COLOUR
    score: Callable[[Pair], Finding | None] | None = None


#: Every component, in the order scoring runs them and views list them.
REGISTRY: tuple[Component, ...] = (
    Component("meaning", "similarity far below that of equivalent pairs", "#cc79a7",  # reddish purple
              lambda p: meaning.score(p.similarity, p.calibration)),
    Component("numbers", "numbers and dates that differ", "#0072b2",  # blue
              lambda p: numbers.score(p.src, p.tgt)),
    Component("names", "names on one side only", "#009e73", lambda p: names.score(p.src, p.tgt)),  # bluish green
    Component("untranslated", "words left in the other language", "#e69f00",  # orange
              lambda p: untranslated.score(p.src, p.tgt)),
    Component("length", "a length far from the usual ratio", "#999999",  # grey
              lambda p: length.score(p.src.text, p.tgt.text, p.calibration)),
    Component("negation", "a negation on one side only", score=lambda p: polarity.score_negation(p.src, p.tgt)),
    Component("antonym", "opposite words", score=lambda p: antonyms.score(p.src, p.tgt)),
    Component("question", "a question on one side only", score=lambda p: polarity.score_question(p.src, p.tgt)),
    Component("gender", "pronouns of the other gender", score=lambda p: polarity.score_gender(p.src, p.tgt)),
    Component("tense", "another tense or aspect", score=lambda p: tense.score(p.src, p.tgt)),
    Component("omission", "a source sentence with no translation", "#d55e00"),  # vermillion
    Component("addition", "a target sentence with no source", "#56b4e9"),  # sky blue
)

#: The component names, in registry order.
COMPONENTS: tuple[str, ...] = tuple(c.name for c in REGISTRY)

_BY_NAME = {c.name: c for c in REGISTRY}


def component(name: str) -> Component | None:
    """The registered component called ``name`` (``None`` for a name an older or newer scorer used)."""
    return _BY_NAME.get(name)


def mark_colour(name: str) -> str:
    """The highlight colour of the marks of component ``name``."""
    found = _BY_NAME.get(name)
    return found.colour if found is not None else OTHER_MARK_COLOUR
