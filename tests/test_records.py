"""The shared vocabulary of the records: sides and review statuses."""
from __future__ import annotations

import json

import pytest

from align.records import SIDES, ReviewStatus, check_side, parse_side
from align.views.sample import sample_alignment


def test_side_text_gives_each_side_and_refuses_any_other_name():
    a = sample_alignment()
    bead = a.beads[0]
    assert a.side_text(bead, "source") == a.src_segments[0].clean
    assert a.side_text(bead, "target") == a.tgt_segments[0].clean
    for wrong in ("src", "tgt", "Source", ""):
        with pytest.raises(ValueError, match="'source' or 'target'"):
            a.side_text(bead, wrong)  # type: ignore[arg-type]


def test_a_side_reads_the_same_through_every_accessor():
    a = sample_alignment()
    for side, segs, lang, version, meta in zip(SIDES, (a.src_segments, a.tgt_segments), (a.src_lang, a.tgt_lang),
                                               (a.src_version, a.tgt_version), (a.src_meta, a.tgt_meta)):
        assert a.segments(side) is segs and a.lang(side) == lang
        assert a.version_id(side) == version and a.meta(side) is meta
    addition = a.beads[-1]
    assert addition.indexes("source") == () and addition.indexes("target") == (4,)
    with pytest.raises(ValueError):
        addition.indexes("tgt")  # type: ignore[arg-type]


def test_the_short_names_people_type_become_sides_and_nothing_else_does():
    assert [parse_side(n) for n in ("src", "tgt", "source", "target")] == ["source", "target", "source", "target"]
    with pytest.raises(ValueError, match="use src or tgt"):
        parse_side("left")
    assert check_side("target") == "target"
    with pytest.raises(ValueError):
        check_side("tgt")


def test_review_statuses_are_plain_strings_in_files_and_messages():
    assert list(ReviewStatus) == ["pending", "accepted", "divergent", "rejected"]
    assert json.dumps({"status": ReviewStatus.DIVERGENT}) == '{"status": "divergent"}'
    assert f"{ReviewStatus.ACCEPTED}" == "accepted" and ", ".join(ReviewStatus).startswith("pending, accepted")
