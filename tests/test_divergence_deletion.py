"""The encoder's deletion test (:mod:`align.divergence.deletion`) on the small dictionary and a table encoder.

The encoder is a table of vectors, so each test says which texts come closer when a word is deleted; the
real model is tried once, in a slow test.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from align.divergence import COMPONENTS, deletion, score_alignment, score_pair
from align.divergence.namecheck import NameCheck
from align.records import Alignment, Bead, Segment, Signature
from test_divergence_lexical import ENTRIES, write_dictd

SRC = "Он продал старый дом у реки."
TGT = "He sold the house near the river."  # "старый" has no counterpart
WITHOUT = "Он продал дом у реки."


@pytest.fixture()
def mini(tmp_path, monkeypatch) -> Path:
    """The lexical tests' small dictionary, installed for this test through $ALIGN_DICTIONARY; every side with
    uncovered words is tested (:data:`~align.divergence.deletion.REACH` is tested on its own below)."""
    index = write_dictd(tmp_path / "dict", ENTRIES)
    monkeypatch.setenv("ALIGN_DICTIONARY", str(index))
    monkeypatch.setattr(deletion, "REACH", 10.0)
    return index


class Table:
    """An encoder of fixed vectors per text (others: one shared vector), counting what it is asked."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table, self.asked, self.calls = table, [], 0

    def encode(self, texts):
        self.calls += 1
        self.asked += list(texts)
        return np.array([self.table.get(t, [0.0, 0.0, 1.0]) for t in texts], dtype=np.float32)


def closer() -> Table:
    """The source without "старый" is nearer the translation than the source is."""
    return Table({SRC: [0.5, 1.0, 0.0], TGT: [0.1, 1.0, 0.0], WITHOUT: [0.2, 1.0, 0.0]})


def test_a_word_is_deleted_with_one_space_and_nothing_else_changes():
    assert deletion.without(SRC, 10, 16) == WITHOUT
    assert deletion.without("Он продал дом, старый.", 15, 21) == "Он продал дом,."
    assert deletion.without("дом старый, у реки", 4, 10) == "дом, у реки"
    assert deletion.without("Старый дом у реки.", 0, 6) == "дом у реки."
    # a tokenised text keeps its other spaces before punctuation (tidying them would move any side)
    assert deletion.without("Он , как всегда , продал старый дом .", 25, 31) == "Он , как всегда , продал дом ."


def test_a_word_whose_deletion_brings_the_sides_closer_floors_the_bead(mini):
    before = score_pair(SRC, TGT, "ru", "en", similarity=0.98)
    assert before.score < 0.5 and "deletion" not in before.components
    d = score_pair(SRC, TGT, "ru", "en", similarity=0.98, encoder=closer())
    # the floor joins the bead's other evidence as a noisy-or: at least the floor, and above it by what else is seen
    assert d.score == pytest.approx(1 - (1 - deletion.FLOOR) * (1 - before.score))
    assert deletion.FLOOR < d.score < 0.6 and d.components["deletion"] == deletion.FLOOR
    assert any(r.startswith("deleting “старый” from the source brings it closer to the translation: "
                            "the translation seems to lack it") for r in d.reasons)
    marked = [(m.side, SRC[m.start:m.end], m.label) for m in d.marks if m.component == "deletion"]
    assert marked == [("source", "старый", deletion.LABEL)]
    assert "deletion" in COMPONENTS


def test_a_word_whose_deletion_moves_the_sides_apart_is_taken_as_translated(mini):
    enc = Table({SRC: [0.5, 1.0, 0.0], TGT: [0.1, 1.0, 0.0], WITHOUT: [1.0, 0.9, 0.0]})
    d = score_pair(SRC, TGT, "ru", "en", similarity=0.98, encoder=enc)
    assert d.score < 0.5 and d.components["deletion"] == 0.0
    assert not [m for m in d.marks if m.component == "deletion"]
    assert any("deleting “старый” from the source moves it away from the translation" in r for r in d.reasons)


def test_a_small_move_towards_the_other_side_is_not_enough(mini, monkeypatch):
    # the same vectors pass at the shipped threshold and fail at one above their evidence
    enc = closer()
    v = {t: np.array(x) / np.linalg.norm(x) for t, x in enc.table.items()}
    odds = deletion.evidence(float(v[WITHOUT] @ v[TGT] - v[SRC] @ v[TGT]), float(v[SRC] @ v[TGT]), 1.0, 1, True)
    assert odds >= deletion.THRESHOLD
    monkeypatch.setattr(deletion, "THRESHOLD", odds + 0.01)
    d = score_pair(SRC, TGT, "ru", "en", similarity=0.98, encoder=enc)
    assert d.score < 0.5 and any("brings it only a little closer to the translation" in r for r in d.reasons)


def test_the_added_word_of_a_translation_is_tested_on_its_side(mini):
    tgt = "He sold the old big house near the river."  # "big" has no counterpart
    src = "Он продал старый дом у реки."
    enc = Table({src: [0.1, 1.0, 0.0], tgt: [0.5, 1.0, 0.0], "He sold the old house near the river.": [0.2, 1, 0]})
    d = score_pair(src, tgt, "ru", "en", similarity=0.98, encoder=enc)
    assert d.score >= deletion.FLOOR and d.components["deletion"] == deletion.FLOOR
    assert any("deleting “big” from the translation brings it closer to the source" in r for r in d.reasons)


def test_a_side_that_could_not_pass_is_not_embedded(mini, monkeypatch):
    # one uncovered word, a bead cosine of 0.9: closing 40% of the distance would not reach the threshold
    monkeypatch.setattr(deletion, "REACH", 0.4)
    enc = closer()
    d = score_pair(SRC, TGT, "ru", "en", similarity=0.9, encoder=enc)
    assert "deletion" not in d.components and enc.asked == []
    assert deletion.evidence(0.4 * 0.1, 0.9, 1.0, 1, True) < deletion.THRESHOLD
    # a close pair whose source lacks more: the same side is worth embedding
    assert deletion.evidence(0.4 * 0.01, 0.99, 2.0, 1, True) >= deletion.THRESHOLD


def test_without_an_encoder_the_test_is_off(mini):
    d = score_pair(SRC, TGT, "ru", "en", similarity=0.98)
    assert "deletion" not in d.components and not any("deleting" in r for r in d.reasons)


def test_a_bead_already_flagged_or_without_uncovered_words_costs_nothing(mini):
    enc = closer()
    flagged = score_pair(SRC, TGT, "ru", "en", similarity=0.2, encoder=enc)  # the meaning alone flags it
    assert flagged.score >= 0.5 and "deletion" not in flagged.components
    covered = score_pair("Он продал старый дом у реки.", "He sold the old house near the river.", "ru", "en",
                         similarity=0.98, encoder=enc)
    assert "deletion" not in covered.components
    assert enc.asked == []


def test_a_side_with_too_many_uncovered_words_is_not_tested(mini):
    enc = closer()
    d = score_pair("Он продал старый большой дом у реки.", "He sold the cat near the window.", "ru", "en",
                   similarity=0.98, encoder=enc)
    assert "deletion" not in d.components and enc.asked == []
    assert deletion.MOST_WORDS < 4


def _alignment(pairs: list[tuple[str, str]], sim: float = 0.99) -> Alignment:
    src = tuple(Segment("s", "ru", 0, k, 0, len(a), a) for k, (a, _) in enumerate(pairs))
    tgt = tuple(Segment("t", "en", 0, k, 0, len(b), b) for k, (_, b) in enumerate(pairs))
    beads = tuple(Bead((k,), (k,), sim) for k in range(len(pairs)))
    return Alignment(src, tgt, beads, Signature("table", {}, "", "", "test"), "ru", "en")


def test_an_alignment_asks_once_within_its_budget_strongest_beads_first(mini, monkeypatch):
    # 40 beads, each with one uncovered word: a budget of 4 deleted texts (one per 10 beads), in one call
    monkeypatch.setattr(deletion, "NEAR", 0.0)
    pairs = [(SRC, TGT)] * 38 + [("Он продал большой дом у реки.", TGT), (SRC, TGT)]
    a = _alignment(pairs)
    a = dataclasses.replace(a, beads=a.beads[:38] + (dataclasses.replace(a.beads[38], similarity=0.98),) + a.beads[39:])
    enc = closer()
    scored = score_alignment(a, encoder=NameCheck(enc))
    assert deletion.budget_for(40) == 4 and deletion.budget_for(1) == deletion.LEAST_BUDGET == 6
    deleted = [t for t in enc.asked if t not in (SRC, TGT, "Он продал большой дом у реки.")]
    assert len(set(deleted)) <= 4 and enc.calls == 1
    tested = [i for i, b in enumerate(scored.beads) if "deletion" in b.divergence.components]
    assert 38 in tested  # its similarity is lower: its score nearest the threshold, tested first
    assert len(tested) == 4
    # every bead tested with the same texts: the cache of the encoder makes repeats free; the verdicts agree
    assert len({scored.beads[i].divergence.score for i in tested if i != 38}) == 1
    assert all(scored.beads[i].divergence.score >= deletion.FLOOR for i in tested if i != 38)


@pytest.mark.slow
def test_the_bundled_model_moves_towards_a_translation_that_lacks_the_word(monkeypatch):
    from align.divergence import dictionary
    if dictionary.find(dictionary.SYSTEM_INDEX) is None:
        pytest.skip("mueller7-dict is not installed (apt-get install mueller7-dict)")
    monkeypatch.setenv("ALIGN_DICTIONARY", str(dictionary.SYSTEM_INDEX))
    from align.embed import get_encoder
    enc = get_encoder(None)
    src = "Вчера в городе открылся огромный новый музей современного искусства."
    faithful = "Yesterday a huge new museum of modern art opened in the city."
    removed = "Yesterday a new museum of modern art opened in the city."  # "огромный" left out
    big, museum = src.index("огромный"), src.index("музей")

    def word(start: int, text: str, other: str) -> deletion.Word:
        end = text.index(" ", start)
        return deletion.Word(0, "source", text[start:end], start, end, text, other)
    # the word the translation lacks: deleting it brings the source closer; one it holds: further away
    (lacking, _), (held, _) = deletion.measure([word(big, src, removed), word(museum, src, faithful)], enc)
    assert lacking > 0 > held
    # through the scorer (every side worth testing): the lexical component's word is tested and the reason says so
    monkeypatch.setattr(deletion, "REACH", 10.0)
    sim = float(np.dot(*enc.encode([src, removed])))
    d = score_pair(src, removed, "ru", "en", similarity=sim, encoder=enc)
    assert any(r.startswith("deleting “огромный” from the source") for r in d.reasons), d.reasons


def test_a_review_fix_rescores_its_beads_with_the_deletion_test_as_align_run_does(mini):
    from align.pipeline import rescore, rescore_divergence
    other = ("Он продал дом.", "He sold the house.")  # every word covered
    a = _alignment([other, (SRC, TGT), other])
    enc = closer()
    enc.table = {t: list(np.array(v) / np.linalg.norm(v)) for t, v in enc.table.items()}  # unit vectors, as real
    full = score_alignment(a, encoder=NameCheck(enc)).beads[1].divergence
    assert full.components.get("deletion") == deletion.FLOOR  # what `align run` finds on this bead
    # a review fix re-scores the bead through the pipeline with the alignment's encoder: the same finding
    fixed = rescore(a, [1], encoder=enc).beads[1].divergence
    assert fixed.components.get("deletion") == deletion.FLOOR and fixed.score >= 0.5 <= full.score
    assert any(m.component == "deletion" for m in fixed.marks)
    # without an encoder (a change replayed from the log) nothing is embedded and the test is skipped
    assert "deletion" not in rescore_divergence(a, [1]).beads[1].divergence.components
