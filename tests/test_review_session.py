"""Decisions, fixes, undo/redo and the queue through the Python API (align.review.Review)."""
from __future__ import annotations

import random

import numpy as np
import pytest

from align import store
from align.errors import ConflictError, ReviewError
from align.review import Review, bead_state
from align.review.fixes import check_monotone_covering
from test_review_support import make_alignment, write_alignment


@pytest.fixture()
def path(tmp_path):
    return write_alignment(tmp_path / "doc" / "en__fr.json")


@pytest.fixture()
def review(path, hashing_encoder):
    return Review.open(path, by="Tester", encoder=hashing_encoder)


def snapshot(r: Review):
    return [store.bead_to_dict(b) for b in r.beads], r.review_dict()["beads"]


def covering(r: Review) -> None:
    check_monotone_covering(r.beads, len(r.alignment.src_segments), len(r.alignment.tgt_segments))


def test_decisions_are_saved_with_who_and_when(review, path):
    review.accept(0)
    review.mark_divergent("[2]:[2,3]", "number", severity="major", note="gold only")
    review.reject(review.beads[3])
    review.note(review.queue(threshold=0)[0], "look again")
    review.save()
    raw = store.load(path).review
    s0 = raw["beads"]["[0]:[0]"]
    assert s0["status"] == "accepted" and s0["by"] == "Tester" and s0["at"].endswith("Z")
    assert raw["beads"]["[2]:[2,3]"] == {**raw["beads"]["[2]:[2,3]"], "status": "divergent",
                                         "kind": "number/date", "severity": "major", "note": "gold only"}
    assert bead_state(raw, "[3]:[4]").status == "rejected"
    assert bead_state(raw, "[5]:[5]").status == "pending"  # never touched: absent, reads as pending
    assert set(s0) == {"status", "kind", "severity", "note", "by", "at"}


def test_note_keeps_the_status_and_accept_keeps_the_note(review):
    review.mark_divergent(1, "meaning")
    review.note(1, "a nuance")
    assert review.state_of(1).status == "divergent" and review.state_of(1).kind == "meaning"
    review.accept(1)
    st = review.state_of(1)
    assert (st.status, st.kind, st.severity, st.note) == ("accepted", None, None, "a nuance")
    review.reset(1)
    assert review.state_of(1).status == "pending" and "[1]:[1]" not in review.review_dict()["beads"]


def test_bad_inputs_name_the_valid_values(review):
    with pytest.raises(ReviewError, match="omission, addition, meaning"):
        review.mark_divergent(0, "spelling")
    with pytest.raises(ReviewError, match="minor, major, critical"):
        review.mark_divergent(0, "name", severity="huge")
    with pytest.raises(ReviewError, match="0 to 5"):
        review.accept(6)
    with pytest.raises(ReviewError, match="no bead"):
        review.accept("[9]:[9]")
    assert review.position(" [2] : [2, 3] ") == 2 and review.position("4") == 4


def test_reviewer_name_defaults_to_the_environment(path, monkeypatch):
    monkeypatch.setenv("ALIGN_REVIEWER", "Env Reviewer")
    r = Review.open(path)
    assert r.accept(0).by == "Env Reviewer"
    assert r.accept(1, by="Explicit").by == "Explicit"


@pytest.mark.parametrize("op, args, expect", [
    ("merge_next", (1,), [((1, 2), (1, 2, 3))]),
    ("merge_prev", (1,), [((0, 1), (0, 1))]),
    ("split", (2, 1, 1), [((2,), (2,)), ((), (3,))]),
    ("move", (2, "target", "next"), [((2,), (2,)), ((3,), (3, 4))]),
    ("move", (3, "source", "prev"), [((2, 3), (2, 3)), ((), (4,))]),
    ("move", (4, "source", "next"), [((4, 5), (5,))]),
    ("detach", (2, "target", 3), [((2,), (2,)), ((), (3,))]),
    ("detach", (1, "source", 1), [((1,), ()), ((), (1,))]),
])
def test_fixes_keep_coverage_rescore_and_undo_exactly(review, hashing_encoder, op, args, expect):
    before = snapshot(review)
    review.accept(args[0])
    review.undo()
    getattr(review, op)(*args)
    covering(review)
    shapes = [(b.src, b.tgt) for b in review.beads]
    assert all(e in shapes for e in expect)
    for b in review.beads:  # fixed beads are re-scored with the encoder
        if (b.src, b.tgt) in expect and b.src and b.tgt:
            vs, vt = hashing_encoder.encode([review.alignment.side_text(b, "source"),
                                             review.alignment.side_text(b, "target")])
            assert b.similarity == pytest.approx(float(np.dot(vs, vt)), abs=1e-4)
        if (b.src, b.tgt) in expect and not (b.src and b.tgt):
            assert b.similarity is None
    review.undo()
    assert snapshot(review) == before


def test_fixes_refuse_what_would_break_the_alignment(review):
    with pytest.raises(ReviewError, match="last one"):
        review.merge_next(5)
    with pytest.raises(ReviewError, match="first one"):
        review.merge_prev(0)
    with pytest.raises(ReviewError, match="empty part"):
        review.split(2, 0, 0)
    with pytest.raises(ReviewError, match="0≤I≤1"):
        review.split(2, 2, 1)
    with pytest.raises(ReviewError, match="already on its own"):
        review.detach(4, "source", 4)
    with pytest.raises(ReviewError, match="no target sentence 9"):
        review.detach(2, "target", 9)
    with pytest.raises(ReviewError, match="no next bead"):
        review.move(5, "source", "next")


def test_detach_from_the_middle_asks_to_split_first(tmp_path, hashing_encoder):
    a = make_alignment(beads=[((0, 1, 2), (0, 1, 2)), ((3, 4, 5), (3, 4, 5))])
    r = Review(store.StoredAlignment(a), encoder=hashing_encoder)
    with pytest.raises(ReviewError, match="split the bead first"):
        r.detach(0, "source", 1)


def test_a_fix_drops_the_decisions_of_the_beads_it_replaces_and_undo_brings_them_back(review):
    review.mark_divergent(1, "omission", note="x")
    review.accept(2)
    review.merge_next(1)
    assert review.state_of(1).status == "pending" and review.state_of(1).kind is None
    assert set(review.review_dict()["beads"]) == {"[1,2]:[1,2,3]"}  # only for its note
    review.undo()
    assert review.state_of(1).kind == "omission" and review.state_of(2).status == "accepted"


def test_a_merge_keeps_both_beads_notes_and_undo_restores_each(review, path):
    review.mark_divergent(1, "number/date", "major", note="18,000 vs 28 000")
    review.note(2, "check the second clause")
    review.merge_next(1)
    merged = review.state_of(1)
    assert merged.status == "pending" and merged.note == "18,000 vs 28 000 / check the second clause"
    assert merged.by == "Tester" and merged.at
    review.save()
    assert bead_state(store.load(path).review, "[1,2]:[1,2,3]").note == merged.note
    review.split(1, 1, 1)  # the note is about sentences both parts hold: each part keeps it
    assert review.state_of(1).note == review.state_of(2).note == merged.note
    review.undo()
    review.undo()
    assert review.state_of(1).note == "18,000 vs 28 000" and review.state_of(2).note == "check the second clause"
    assert review.state_of(1).status == "divergent"


def test_random_changes_undo_all_the_way_back_and_redo_forward(review):
    rng = random.Random(7)
    start = snapshot(review)
    done = 0
    for _ in range(40):
        i = rng.randrange(len(review.beads))
        op = rng.choice(["accept", "divergent", "note", "merge_next", "merge_prev", "split", "move", "detach"])
        try:
            if op == "accept":
                review.accept(i)
            elif op == "divergent":
                review.mark_divergent(i, rng.choice(["omission", "name"]), severity=rng.choice(["minor", "critical"]))
            elif op == "note":
                review.note(i, f"note {rng.random():.3f}")
            elif op == "split":
                b = review.beads[i]
                review.split(i, rng.randint(0, len(b.src)), rng.randint(0, len(b.tgt)))
            elif op == "move":
                review.move(i, rng.choice(["source", "target"]), rng.choice(["next", "prev"]))
            elif op == "detach":
                b = review.beads[i]
                side = rng.choice(["source", "target"])
                review.detach(i, side, rng.choice(b.indexes(side) or (-1,)))
            else:
                getattr(review, op)(i)
        except ReviewError:
            continue
        done += 1
        covering(review)
    assert done >= 20
    end = snapshot(review)
    review.save()
    reopened = Review.open(review.path)
    assert snapshot(reopened) == end
    for _ in range(done):
        reopened.undo()
        covering(reopened)
    assert snapshot(reopened) == start
    with pytest.raises(ReviewError, match="nothing to undo"):
        reopened.undo()
    for _ in range(done):
        reopened.redo()
    assert snapshot(reopened) == end
    with pytest.raises(ReviewError, match="nothing to redo"):
        reopened.redo()


def test_a_new_change_clears_redo(review):
    review.accept(0)
    review.undo()
    assert review.can_redo
    review.accept(1)
    assert not review.can_redo


def test_stale_save_is_refused_and_the_first_change_stays(path):
    first, second = Review.open(path, by="A"), Review.open(path, by="B")
    first.accept(0)
    first.save()
    second.reject(0)
    with pytest.raises(ConflictError, match="reload"):
        second.save()
    assert bead_state(store.load(path).review, "[0]:[0]").status == "accepted"
    second.reload()
    second.reject(0)
    second.save()
    assert bead_state(store.load(path).review, "[0]:[0]").status == "rejected"


def test_autosave_writes_each_change(path):
    r = Review.open(path, autosave=True)
    rev = r.revision
    r.accept(0)
    assert store.load(path).revision == rev + 1 and not r.dirty


def test_queue_orders_filters_and_counts(review):
    q = review.queue(threshold=0)
    assert len(q) == 6 and q.total == 6 and q.remaining == 6 and q.reviewed == 0
    scores = [it.score for it in q]
    assert scores == sorted(scores, reverse=True)
    assert q[0].ids == "[4]:[]" and q[0].score == 1.0  # the omission comes first
    high = review.queue(threshold=0.5)
    assert all(it.score >= 0.5 for it in high) and len(high) < 6
    review.mark_divergent("[4]:[]", "omission")
    review.accept(q[1].position)
    assert [it.ids for it in review.queue(threshold=0, kind="omission")] == ["[4]:[]"]
    assert [it.ids for it in review.queue(threshold=0, kind="1-0")] == ["[4]:[]"]
    pending = review.queue(threshold=0, status="pending")
    assert len(pending) == 4 and pending.reviewed == 2 and pending.remaining == 4
    assert "4 in queue" in pending.summary()
    with pytest.raises(ReviewError, match="pending, accepted"):
        review.queue(status="done")


def test_queue_falls_back_to_one_minus_similarity(tmp_path):
    from dataclasses import replace
    a = make_alignment()
    a = replace(a, beads=tuple(replace(b, divergence=None) for b in a.beads))
    r = Review(store.StoredAlignment(a))
    for it in r.queue(threshold=0):
        b = it.bead
        assert it.score == (1.0 if b.similarity is None else pytest.approx(min(1.0, max(0.0, 1 - b.similarity))))


def test_one_decision_is_one_changed_line_in_the_file(path):
    import difflib
    r = Review.open(path, by="T")
    r.accept(0)
    r.save()
    before = path.read_text(encoding="utf-8").splitlines()
    r.accept(3)
    r.save()
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [ln for ln in difflib.unified_diff(before, after, lineterm="", n=0)
               if ln[:1] in "+-" and not ln.startswith(("+++", "---"))]
    bead_lines = [ln for ln in changed if ln[1:].startswith('  "[3]:[4]": {')]
    assert len(bead_lines) == 1 and bead_lines[0].startswith("+")
    # the rest: the revision line, one history line, and commas at the ends of neighbouring lines
    assert len(changed) <= 8, changed
    assert sum(1 for ln in changed if ln.startswith('+  {"op": "accept", "bead": "[3]:[4]"')) == 1


def test_newer_schema_is_refused_with_a_clear_message(path):
    from align.errors import StoreVersionError
    text = path.read_text(encoding="utf-8").replace('"schema_version": 1', '"schema_version": 99', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StoreVersionError, match="newer workbench.*schema version 99"):
        Review.open(path)
    r = Review(store.StoredAlignment(make_alignment(), path=path))
    r.accept(0)
    with pytest.raises(StoreVersionError):
        r.save()
    assert '"schema_version": 99' in path.read_text(encoding="utf-8")  # left untouched


def test_fixed_beads_get_a_new_divergence_when_the_module_is_there(review):
    pytest.importorskip("align.divergence")
    review.detach(2, "target", 3)
    added = review.beads[3]
    assert added.ids() == "[]:[3]" and added.divergence is not None and added.divergence.score == 1.0
    assert review.beads[2].divergence is not None and review.beads[2].similarity is not None


def test_fixes_rescore_the_new_beads_through_the_pipeline(review, monkeypatch):
    from dataclasses import replace

    from align.review import session
    calls = []

    def rescore(alignment, bead_indexes, encoder=None):
        calls.append((list(bead_indexes), encoder))
        beads = list(alignment.beads)
        for i in bead_indexes:
            beads[i] = replace(beads[i], similarity=0.5, divergence=None)
        return replace(alignment, beads=tuple(beads))

    monkeypatch.setattr(session, "rescore", rescore)
    review.split(2, 1, 1)
    assert calls == [([2, 3], review.encoder)]
    assert [b.similarity for b in review.beads[2:4]] == [0.5, 0.5]


def test_a_fix_keeps_the_unmatched_sentences_still_on_a_merged_side(tmp_path, hashing_encoder):
    from dataclasses import replace

    from align.records import Unmatched
    a = make_alignment(beads=[((0,), (0, 1, 2)), ((1,), (3,)), ((2, 3, 4), (4,)), ((5,), (5,))])
    listed = (Unmatched("target", 2, 0.4), Unmatched("target", 0, 0.3))
    beads = list(a.beads)
    beads[0] = replace(beads[0], unmatched=listed)
    beads[2] = replace(beads[2], unmatched=(Unmatched("source", 4, 0.6),))
    r = Review(store.StoredAlignment(replace(a, beads=tuple(beads))), encoder=hashing_encoder)
    r.merge_next(0)  # [0,1]:[0,1,2,3] still holds both listed target sentences
    merged = r.beads[0]
    assert (merged.src, merged.tgt) == ((0, 1), (0, 1, 2, 3)) and set(merged.unmatched) == set(listed)
    assert merged.divergence.components.get("addition", 0.0) > 0  # still a partial addition
    r.split(0, 1, 1)  # [0]:[0] and [1]:[1,2,3]: sentence 0 is now alone on its side, sentence 2 is not
    assert r.beads[0].unmatched == () and r.beads[1].unmatched == (Unmatched("target", 2, 0.4),)
    r.detach("[2,3,4]:[4]", "source", 4)  # detached: an omission of its own, nothing listed
    assert all(b.unmatched == () for b in r.beads if 4 in b.src)
    r.undo()
    r.undo()
    r.undo()
    assert set(r.beads[0].unmatched) == set(listed) and (r.beads[0].src, r.beads[0].tgt) == ((0,), (0, 1, 2))
