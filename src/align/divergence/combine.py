"""The divergence of a pair and of every bead of an alignment: components, a learned combination, reasons.

Each registered component (:mod:`.components`) looks at one kind of evidence (meaning,
numbers, names, ...) and gives a :class:`~.base.Finding`: a value in [0, 1),
reasons, marks, and the *features* the combination reads.  The combination is
a logistic model fitted on beads people labelled (:mod:`.model`,
:mod:`.fitting`)::

    score = P(a reviewer calls the bead divergent) = σ(intercept + Σ weight × feature)

so 0.5, the review threshold, means "probably divergent", and a component
that often fires on faithful translations counts for little.  Weights are
never below 0.05: the score rises with every component.  Reasons are
listed in the order of what they add to the score; notes (what was checked
and found fine) come last.  Beads with an empty side are omissions and
additions and score 1; a finding may set a floor under the score (joined to the model's probability as a
noisy-or, ``1 − (1 − floor)(1 − p)``, so floored beads still rank by the rest of their evidence), for
evidence too rare in the labelled data to fit a weight on that a reviewer must
see: a merged bead's sentence the aligner found probably without counterpart
(a partial omission or addition: its value, at least the review threshold),
and a fact changed (the threshold): a person's name replaced by another, any
proper name replaced by another on both sides or a place by another people's
adjective (:data:`.names.REPLACED_FLOOR`), a person's full name one side drops
whole (:data:`.names.DROPPED_FLOOR`), a negation flipped cleanly
(:data:`.polarity.FLIPPED_FLOOR`), a clean pair of opposites reversed
(:data:`.antonyms.FLIPPED_FLOOR`), an ordinary word of the source left
untranslated in a translation in another script (:data:`.untranslated.LEFT_FLOOR`),
an English side whose words are out of order against a side that reads as a
sentence (:data:`.wordorder.GARBLED_FLOOR`, a component that is a floor only: it
gives the combination no feature), a count on one side only while the other
side holds values (:data:`.numbers.ONE_SIDE_FLOOR`), and, English–Russian, an English side with one gap
its grammar shows and a Russian word near it with no counterpart (:data:`.wordorder.MISSING_FLOOR`), and a word
with no counterpart whose deletion brings its side closer to the other (the encoder's deletion test,
:mod:`.deletion`: run after the others, with the alignment's encoder, on beads they leave below the threshold).

Adding a component is adding a :class:`~.components.Component` to
:data:`~.components.REGISTRY` (its scorer and its features) and refitting
(``benchmarks/fit_divergence.py``).
"""
from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from typing import TypeVar

from ..embed import TextEncoder
from ..errors import InputError
from ..languages import normalize_language
from ..reading import Reading, normalise
from ..reading.written import as_written, read_side
from ..records import Alignment, Bead, Divergence
from . import deletion, lexical, omission
from .base import Finding
from .calibration import Calibration, calibrate, char_length
from .components import REGISTRY, Pair
from .forked import in_two
from .model import Model, shipped
from .namecheck import NameCheck
from .terms import TermList
from .tokens import SideText, base_lang, nfc_with_offsets

T = TypeVar("T")

#: A bead whose divergence is at or above this is flagged for review: "probably divergent".
DEFAULT_REVIEW_THRESHOLD = 0.5

#: Which scorer gave an alignment its divergences, stamped into its signature's settings
#: (key ``"scoring"``, see :func:`scoring_stamp`).  Bump it whenever components, their values or
#: the shipped weights change: ``align run`` then re-scores stored alignments in place (beads,
#: fixes and review kept).
#: 1: meaning, numbers, names, untranslated, length, negation, antonym, question, gender (noisy-or).
#: 2: + tense (tense and aspect, en/ru).
#: 3: omission/addition reasons name the sentence; partial omission/addition from the aligner's
#:    null-bead pass (``Bead.unmatched``).
#: 4: a learned logistic combination; names need evidence (lexicon, CLDR, names list, encoder);
#:    numbers read ordinals, fractions, compounds, times, de/fr words; "No." is no negation.
#: 5: + lexical (en–ru words with no counterpart, through the dictionary), its features in the fit;
#:    the dictionary's identity in the stamp (:func:`scoring_stamp`).
#: 6: lexical coverage made more precise (derivations, spellings, locutions, verbs of saying, a noun or verb
#:    left over on each side counted half as a paraphrase); weights refitted, the lexical one re-chosen.
#: 7: lexical matching: two prefixes on one stem no longer make a family (область / власть), a word of an English
#:    name covers only Russian nouns and adjectives, English nouns of saying answer verbs of saying; weights
#:    unchanged (the lexical weight re-chosen by the same rule on DEMETR even ids: 0.30 again).
#: 8: changed facts floored at the review threshold: a proper name replaced by another on both sides (or a
#:    country or people against another in a lower-case word), a negation flipped cleanly; a looser match for
#:    names only (a dropped h, a leading y-glide, the first vowel); more negation bounds and carriers.  Weights
#:    unchanged.
#: 9: more changed facts floored at the review threshold, weights unchanged: an ordinary word of the source left as
#:    it is in a translation in another script (no name, acronym, quotation or gloss); an English side whose words
#:    are out of order (:mod:`.wordorder`, the new ``order`` component: closed-class pairs English never allows;
#:    a floor only, no feature in the fit), or with one gap its grammar shows beside a Russian word with no
#:    counterpart ("were … by": a word missing); a count on one side only (nothing replaced, the other side holding
#:    values; no unit, date or relative day), with conversions read first (a decade, tripled, вдвое,
#:    mother-of-three, half/половина/կես, сутки); a person's full name one side drops whole (:mod:`.fullnames`);
#:    a clean pair of opposites reversed in an en–ru bead with no negation on one side only
#:    (:data:`.antonyms.CLEAN`).
#: 10: precision on faithful text and one more kind of evidence, weights unchanged.  A negation paraphrased is no
#:    flipped fact (:mod:`.polarity`: litotes, double negation, the concessive "бы ни", the не of "пока X не",
#:    "не только" / "not just", Armenian "թե ոչ" and ոչ before an adjective; more carriers; the Armenian prohibitive
#:    մի counts).  Names no rule found meet the other side's unfound names by sound (consonant classes across
#:    scripts: Vettel / Феттеля, Utah / Юты, Farage / Ֆարաժը); acronyms of common nouns, police and court titles
#:    and County are no names.  The encoder's deletion test (:mod:`.deletion`, the ``deletion`` component, a floor
#:    only): a word with no counterpart whose deletion brings its side closer to the other floors the bead.  A gap
#:    an English side's grammar shows is corroborated by a Russian word with no counterpart anywhere in the
#:    sentence (:data:`.wordorder.GAP_NEAR`).
#: 11: a floor joins the model's probability as a noisy-or, 1 − (1 − floor)(1 − p), instead of replacing it when
#:    higher: beads one rule floors are still ranked by the rest of their evidence (no ties in the review queue).
#:    Flags unchanged (every floor is at least the review threshold); weights unchanged.
SCORING = "divergence-11"

#: How a floor meets the model's probability (:func:`_score`): True, a noisy-or (from scorer 11); False, the
#: larger of the two, as before (kept to measure the change: ``benchmarks/budget.py --set combine.FLOOR_JOIN=0``).
FLOOR_JOIN = True

#: The signature settings that record the names list's path and a weights file's path
#: (``scoring_*`` keys never force a re-alignment).
NAMES_KEY = "scoring_names"
WEIGHTS_KEY = "scoring_weights"

#: A side longer than this (characters) is not compared word by word: the word-level components
#: (numbers, names, ...) compare every item of one side with every item of the other, which on a
#: presegmented line of a megabyte takes hours.  Meaning and length are still scored.  Segmented
#: text never comes near it (segments are cut at 1,000 characters; a bead holds at most six).
MAX_COMPARED_CHARS = 20_000
#: The components that read a side as a whole, and are scored on any length.
WHOLE_TEXT_COMPONENTS = ("meaning", "length")


OMITTED = "omitted: the target has nothing for this source sentence"
ADDED = "added: the source has nothing for this target sentence"


def scoring_stamp(model: Model | None = None, terms: TermList | None = None,
                  src_lang: str | None = None, tgt_lang: str | None = None) -> str:
    """What goes into a signature's ``settings["scoring"]``: :data:`SCORING`; for a pair the lexical
    component reads (English–Russian; any pair when no languages are given), the dictionary it reads
    (:func:`.lexical.stamp`), so installing, removing or updating it re-scores those pairs; and the
    digest of weights other than the shipped ones and of a names list, so a change to either re-scores."""
    stamp = SCORING + lexical.stamp(src_lang, tgt_lang)
    if model is not None and model.digest() != shipped().digest():
        stamp += f"+weights:{model.digest()}"
    if terms:
        stamp += f"+names:{terms.digest()}"
    return stamp


def features_of(findings: list[Finding]) -> dict[str, float]:
    """The features the findings give (absent components give none: their features count 0)."""
    out: dict[str, float] = {}
    for f in findings:
        out.update(f.feature_values())
    return out


def _score(findings: list[Finding], model: Model) -> float:
    """The bead's score: the model's probability ``p``, and where a finding sets a floor (evidence too rare to fit
    a weight on that a reviewer must see keeps its bead in the queue), the highest floor ``f`` joined to it as a
    noisy-or, ``1 − (1 − f)(1 − p)``: at least the floor, and still ranked by the rest of the evidence, so that two
    beads one rule floors do not tie (a faithful bead a rule floors stays below an edited one the same rule floors;
    :data:`FLOOR_JOIN`)."""
    p = model.probability(features_of(findings))
    floor = max((f.floor for f in findings), default=0.0)
    if not floor:
        return p
    return 1.0 - (1.0 - floor) * (1.0 - p) if FLOOR_JOIN else max(p, floor)


def combine(findings: list[Finding], model: Model | None = None) -> Divergence:
    """One :class:`~align.records.Divergence` from the components' findings, through ``model``."""
    model = model or shipped()
    score = _score(findings, model)

    def weight(f: Finding) -> float:
        return sum(model.contribution(k, v) for k, v in f.feature_values().items())

    ordered = sorted(findings, key=lambda f: (-weight(f), -f.value))
    reasons = tuple(r for f in ordered if f.value > 0 for r in f.reasons) + tuple(n for f in findings for n in f.notes)
    marks = tuple(sorted((m for f in ordered for m in f.marks), key=lambda m: (m.side, m.start, m.end)))
    components = {f.component: f.value for f in findings}
    return Divergence(score=score, components=components, reasons=reasons, marks=marks)


def empty_side(src_text: str, tgt_text: str) -> Divergence | None:
    """The divergence of a bead with an empty side, or None when both sides have text."""
    s, t = bool(src_text.strip()), bool(tgt_text.strip())
    if s and not t:
        return Divergence(1.0, {"omission": 1.0}, (OMITTED,))
    if t and not s:
        return Divergence(1.0, {"addition": 1.0}, (ADDED,))
    if not s and not t:
        return Divergence(0.0, {}, ("both sides are empty",))
    return None


def findings(pair: Pair, *, whole_text_only: bool = False, only: str | None = None) -> list[Finding]:
    """Every applicable component's finding for one pair, in registry order (``whole_text_only``:
    only the components of :data:`WHOLE_TEXT_COMPONENTS`; ``only``: that one component)."""
    out = []
    for c in REGISTRY:
        if whole_text_only and c.name not in WHOLE_TEXT_COMPONENTS:
            continue
        if only is not None and c.name != only:
            continue
        f = c.score(pair) if c.score is not None else None
        if f is not None:
            out.append(f)
    return out


def _written(found: list[Finding], src: Reading, tgt: Reading) -> list[Finding]:
    """The findings' marks and quoted words put back on the texts as written (the components read the
    normalised spellings, :mod:`align.reading`); findings marked ``written`` are left alone."""
    if not (src.changed or tgt.changed):
        return found
    for f in found:
        if f.written:
            continue
        div = as_written(Divergence(0.0, {}, tuple(f.reasons) + tuple(f.notes), tuple(f.marks)), src, tgt)
        f.reasons, f.notes = list(div.reasons[:len(f.reasons)]), list(div.reasons[len(f.reasons):])
        f.marks = list(div.marks)
    return found


def _lang(lang: str) -> str:
    return normalize_language(lang)


def score_pair(src_text: str, tgt_text: str, src_lang: str, tgt_lang: str, similarity: float | None,
               *, calibration: Calibration | None = None, terms: TermList | None = None,
               encoder: TextEncoder | NameCheck | None = None, model: Model | None = None,
               src_orthography: str | None = None,
               tgt_orthography: str | None = None) -> Divergence:
    """The divergence of one pair of texts.

    ``similarity`` is the cosine of the two texts' embeddings (None: the
    meaning component is left out).  ``calibration`` defaults to the bundled
    model's reference for the language pair — the same fallback a one-bead
    alignment gets (see :mod:`.calibration`).  ``terms``: a names list
    (:mod:`.terms`); ``encoder``: an encoder (ideally behind the cache) the
    names component may ask whether two names are one; ``model``: weights
    other than the shipped ones.  Returns a :class:`~align.records.Divergence`
    whose marks are character offsets into ``src_text`` (side "source") and
    ``tgt_text`` (side "target").

    The components read each text in its spelling (``src_orthography``,
    ``tgt_orthography``; None: the one the text shows; ``""``: as written), through
    :func:`align.reading.normalise`; marks and reasons are put back on the
    texts as written.
    """
    empty = empty_side(src_text, tgt_text)
    if empty is not None:
        return empty
    src_lang, tgt_lang = _lang(src_lang), _lang(tgt_lang)
    cal = calibration or Calibration.reference(None, src_lang, tgt_lang)
    found = _pair_findings(src_text, tgt_text, src_lang, tgt_lang, similarity, cal, terms, NameCheck.of(encoder),
                           src_orthography, tgt_orthography)
    deletion_test([(found, src_text, tgt_text, similarity)], model, encoder)
    return combine(found, model)


def _pair_findings(src_text: str, tgt_text: str, src_lang: str, tgt_lang: str, similarity: float | None,
                   cal: Calibration, terms: TermList | None, check: NameCheck | None,
                   src_orthography: str | None, tgt_orthography: str | None,
                   bead: Bead | None = None, alignment: Alignment | None = None,
                   only: str | None = None) -> list[Finding]:
    """The components' findings for one pair of texts (``only``: that component's), marks on the texts as
    written.

    Each side is read in Unicode NFC (a text saved in NFD would cut "Zürich" into "Zu" and "rich")
    and in its spelling (:func:`align.reading.normalise`); marks are mapped back through both.  A
    side over :data:`MAX_COMPARED_CHARS` is scored by the whole-text components only, with a note."""
    src_nfc, tgt_nfc = nfc_with_offsets(src_text), nfc_with_offsets(tgt_text)
    src_read = normalise(src_nfc[0] if src_nfc else src_text, src_lang, src_orthography)
    tgt_read = normalise(tgt_nfc[0] if tgt_nfc else tgt_text, tgt_lang, tgt_orthography)
    pair = Pair(SideText(src_read.text, base_lang(src_lang)), SideText(tgt_read.text, base_lang(tgt_lang)),
                similarity, cal, terms, check, bead, alignment)
    longest = max(len(src_text), len(tgt_text))
    found = findings(pair, whole_text_only=longest > MAX_COMPARED_CHARS, only=only)
    found = _written(found, src_read, tgt_read)
    back = {side: nfc[1] for side, nfc in (("source", src_nfc), ("target", tgt_nfc)) if nfc is not None}
    if back:  # read in NFC; marks point back into the texts as written
        for f in found:
            if not f.written:
                f.marks = [dataclasses.replace(m, start=back[m.side][m.start], end=back[m.side][m.end])
                           if m.side in back else m for m in f.marks]
    if longest > MAX_COMPARED_CHARS and found:
        found[-1].notes.append(f"too long to compare word by word ({longest:,} characters): "
                              "only meaning and length were scored")
    return found



def _is_scored_one_to_one(bead: Bead) -> bool:
    return len(bead.src) == 1 and len(bead.tgt) == 1


def calibrate_alignment(alignment: Alignment) -> Calibration:
    """The calibration of an alignment from its own 1-1 beads and the model's reference."""
    ones = [b for b in alignment.beads if _is_scored_one_to_one(b)]
    sims = [b.similarity for b in ones if b.similarity is not None and math.isfinite(b.similarity)]
    sizes = [(char_length(read_side(alignment, b, "source")), char_length(read_side(alignment, b, "target")))
             for b in ones]
    return calibrate(sims, sizes, model=alignment.signature.model, src_lang=alignment.src_lang,
                     tgt_lang=alignment.tgt_lang)


def bead_findings(alignment: Alignment, *, calibration: Calibration | None = None, terms: TermList | None = None,
                  encoder: TextEncoder | NameCheck | None = None,
                  processes: int = 1) -> list[list[Finding] | None]:
    """The findings of every bead (None for a bead with an empty side): what :func:`score_alignment`
    combines, and what :mod:`.fitting` learns from.

    The names every bead asks the encoder about go to it in one call at the end; ``processes`` 2 scores
    the second half of a long alignment's beads on a forked process (:mod:`.forked`)."""
    cal = calibration or calibrate_alignment(alignment)
    check = NameCheck.of(encoder)
    if check is not None:
        check.defer()

    def pair_findings(b: Bead, only: str | None = None) -> list[Finding] | None:
        if not b.src or not b.tgt:
            return None
        src, tgt = alignment.side_text(b, "source"), alignment.side_text(b, "target")
        if not src.strip() or not tgt.strip():
            return None
        return _pair_findings(src, tgt, alignment.src_lang, alignment.tgt_lang, b.similarity, cal, terms, check,
                              alignment.src_orthography, alignment.tgt_orthography, b, alignment, only)

    def part(lo: int, hi: int) -> tuple[list[list[Finding] | None], list[int], list[str]]:
        """Beads ``lo``..``hi``: their findings, which of them asked the encoder, and what they asked."""
        found: list[list[Finding] | None] = []
        asking: list[int] = []
        noted = check.deferred if check is not None else 0
        for i in range(lo, hi):
            asked = check.deferred if check is not None else 0
            found.append(pair_findings(alignment.beads[i]))
            if check is not None and check.deferred > asked:
                asking.append(i)
        return found, asking, check.take(noted) if check is not None else []

    out: list[list[Finding] | None] = []
    asking: list[int] = []
    for found, asked, names in in_two(part, len(alignment.beads), processes):
        out += found
        asking += asked
        if check is not None:  # each half's names, in bead order, wherever the half was scored
            check.note(names)
    if check is not None:
        check.flush()
        for i in asking:  # the names findings again, now that the encoder has answered
            found_i = out[i]
            again = pair_findings(alignment.beads[i], "names")
            if found_i is None or not again:
                continue
            at = [k for k, f in enumerate(found_i) if f.component == "names"]
            if at:
                found_i[at[0]] = again[0]
    return out


def deletion_test(beads: list[tuple[list[Finding], str, str, float | None] | None], model: Model | None,
                  encoder: TextEncoder | NameCheck | None, budget: int | None = None) -> None:
    """The encoder's deletion test (:mod:`.deletion`) on the beads (findings, source text, target text, the sides'
    cosine; None for a bead with an empty side) whose findings leave them below the review threshold: a
    ``deletion`` finding is added to each bead tested.  Off without an encoder; within ``budget`` deleted texts
    (default :func:`.deletion.budget_for` the beads' count)."""
    raw = encoder.encoder if isinstance(encoder, NameCheck) else encoder
    if raw is None:
        return
    model = model or shipped()
    scored = []
    for i, b in enumerate(beads):
        if b is None or not deletion.uncovered(b[0], "source") + deletion.uncovered(b[0], "target"):
            continue
        scored.append((i, b[0], b[1], b[2], _score(b[0], model), b[3]))
    words = deletion.plan(scored, deletion.budget_for(len(beads)) if budget is None else budget)
    for i, finding in deletion.run(words, raw).items():
        found = beads[i]
        if found is not None:
            found[0].append(finding)


def score_alignment(alignment: Alignment, *, calibration: Calibration | None = None, terms: TermList | None = None,
                    encoder: TextEncoder | NameCheck | None = None, model: Model | None = None,
                    processes: int = 1, deletion_budget: int | None = None) -> Alignment:
    """A copy of ``alignment`` whose every bead carries a :class:`~align.records.Divergence`.

    ``calibration`` defaults to :func:`calibrate_alignment` of this alignment.
    Omissions (1-0) and additions (0-1) score 1.0 and name their sentences; a
    merged bead with sentences the aligner found unmatched gets partial
    omission/addition findings (:mod:`.omission`), features like any other.
    The components read each side in the spelling it was read in
    (:mod:`align.reading`); marks are on the texts as written.  The meaning
    component uses the similarity the aligner stored on each bead; the
    encoder, when given, is asked only about names no rule could match (a few
    short texts, cached, in one call) and for the deletion test (:mod:`.deletion`:
    words with no counterpart deleted, within a budget, in one call).
    ``processes`` 2: the second half of a long alignment's beads is scored on a forked process
    (:mod:`.forked`; the same scores).  ``deletion_budget``: how many deleted texts the deletion test may embed
    (default :func:`.deletion.budget_for` the beads' count; a review fix re-scoring a few beads gives each the
    budget of a pair scored alone).
    The copy's signature carries ``settings["scoring"]`` (:func:`scoring_stamp`) and, with
    a names list read from a file, its path (``settings["scoring_names"]``).
    """
    sig = alignment.signature
    settings = {k: v for k, v in sig.settings.items() if k not in (NAMES_KEY, WEIGHTS_KEY)}
    settings["scoring"] = scoring_stamp(model, terms, alignment.src_lang, alignment.tgt_lang)
    if terms and terms.source:
        settings[NAMES_KEY] = terms.source  # where a review fix finds the list again
    if model is not None and model.source and model.digest() != shipped().digest():
        settings[WEIGHTS_KEY] = model.source
    signature = dataclasses.replace(sig, settings=settings)
    every = bead_findings(alignment, calibration=calibration, terms=terms, encoder=encoder, processes=processes)
    deletion_test([(f, alignment.side_text(b, "source"), alignment.side_text(b, "target"), b.similarity)
                   if f is not None else None for b, f in zip(alignment.beads, every)], model, encoder,
                  deletion_budget)
    beads = []
    for b, found in zip(alignment.beads, every):
        if found is None:
            div = omission.empty_bead(alignment, b) or Divergence(0.0, {})
        else:
            div = combine(found, model)
        beads.append(dataclasses.replace(b, divergence=div))
    return dataclasses.replace(alignment, beads=tuple(beads), signature=signature)


def terms_of(alignment: Alignment) -> TermList | None:
    """The names list an alignment was scored with, read again from the path in its signature
    (None when there was none, or the file is gone or changed so that it no longer loads)."""
    return _reload(alignment, NAMES_KEY, TermList.load)


def weights_of(alignment: Alignment) -> Model | None:
    """The refitted weights an alignment was scored with, read again from the path in its signature
    (None for the shipped weights, or when the file no longer loads)."""
    return _reload(alignment, WEIGHTS_KEY, Model.load)


def _reload(alignment: Alignment, key: str, load: Callable[[str], T]) -> T | None:
    """``load`` of the path the signature's ``settings[key]`` records; None without one, or when it fails."""
    path = alignment.signature.settings.get(key)
    if not path:
        return None
    try:
        return load(path)
    except InputError:
        return None
    try:
        return Model.load(path)
    except InputError:
        return None
