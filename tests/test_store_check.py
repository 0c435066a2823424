"""A store file is checked whole when it is read: a malformed one is named with its field, fails its pair
alone in ``align run``, and is never written over (issue 14, item 2)."""
from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from align import store
from align.batch import run
from align.cli import main
from align.embed.hashing import HashingEncoder
from align.errors import StoreError
from align.results import RunStatus
from test_batch import RELATED, collection
from test_review_support import write_alignment


def _set(path: list[Any], value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


def _out_of_range(data: dict) -> None:
    data["beads"][1]["tgt"] = [len(data["tgt_segments"]) + 5]


def _orphan_string(data: dict) -> None:
    data["review"]["orphaned"] = "lost"


#: (what is wrong, the change, what the message must name)
MALFORMED = [
    ("revision is null", _set(["revision"], None), "revision"),
    ("review is not an object", _set(["review"], "accepted"), "review"),
    ("a bead points past its side", _out_of_range, "beads[1].tgt[0]"),
    ("review.beads is a list", _set(["review", "beads"], [{"status": "accepted"}]), "review.beads"),
    ("orphaned is a string", _orphan_string, "review.orphaned"),
    ("a segment's offsets do not match its text", _set(["src_segments", 0, 2], 3), "src_segments[0]"),
    ("a similarity is text", _set(["beads", 0, "similarity"], "high"), "beads[0].similarity"),
    ("a status is unknown", _set(["review", "beads"], {"[0]:[0]": {"status": "maybe"}}), "status"),
    ("a history entry has no states", _set(["review", "history"], [{"op": "accept", "before": 1, "after": {}}]),
     "review.history[0].before"),
    ("a bead is missing", lambda d: d["beads"].pop(2), "beads"),
    ("a bead comes twice", lambda d: d["beads"].insert(1, dict(d["beads"][1])), "beads[2].src"),
    ("the signature has no model", lambda d: d["signature"].pop("model"), "signature.model"),
    ("a metadata role is unknown", _set(["src_meta"], {"language": "en", "role": "original"}), "src_meta.role"),
]


def _corrupt(path: Path, change: Callable[[dict], None]) -> bytes:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.setdefault("review", {}).setdefault("beads", {})
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path.read_bytes()


@pytest.mark.parametrize("what,change,field", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_a_malformed_store_is_refused_with_one_line_naming_the_file_and_the_field(tmp_path, what, change, field):
    path = write_alignment(tmp_path / "a.json")
    _corrupt(path, change)
    with pytest.raises(StoreError) as err:
        store.load(path)
    message = str(err.value)
    assert message.startswith(f"{path}: ") and field in message and "\n" not in message


def test_the_shipped_alignments_pass_the_check(root):
    stores = sorted((root / "alignments").rglob("*.json"))
    assert stores
    for path in stores:
        store.load(path)


@pytest.mark.parametrize("what,change,field", MALFORMED[:5], ids=[m[0] for m in MALFORMED[:5]])
def test_align_run_fails_the_pair_with_a_malformed_store_alone_and_leaves_it_untouched(tmp_path, capsys, what,
                                                                                       change, field):
    texts = collection(tmp_path, 2)
    alignments = tmp_path / "alignments"
    run(texts, alignments, encoder=HashingEncoder(), settings=RELATED, report=None)
    victim = alignments / "doc000" / "en__fr.json"
    before = _corrupt(victim, change)
    for p in texts.rglob("fr*.txt"):  # every pair has to be aligned again
        p.write_text(p.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    rc = main(["run", str(texts), "--alignments", str(alignments), "--model", "hashing", "--workers", "1",
               "--no-cache", "--set", "nulls=false"])
    err = capsys.readouterr().err
    assert rc == 1
    failed = [line for line in err.splitlines() if line.startswith("align: failed:")]
    assert len(failed) == 1 and str(victim) in failed[0] and field in failed[0]
    assert "Traceback" not in err
    assert victim.read_bytes() == before
    result = run(texts, alignments, encoder=HashingEncoder(), settings=RELATED, report=None)
    status = {p.key: p.status for p in result.pairs}
    assert status.pop("doc000/en__fr") == RunStatus.FAILED and set(status.values()) == {"unchanged"}


def test_review_decide_refuses_a_store_whose_bead_points_at_a_missing_sentence(tmp_path, capsys):
    path = write_alignment(tmp_path / "a.json")
    before = _corrupt(path, _out_of_range)
    rc = main(["review", "decide", str(path), "0", "--accept"])
    err = capsys.readouterr().err
    assert rc == 1 and err.count("\n") == 1 and "beads[1].tgt[0]" in err and "does not exist" in err
    assert path.read_bytes() == before


def test_a_run_over_a_collection_with_a_malformed_store_still_aligns_the_rest(tmp_path):
    texts = collection(tmp_path, 2)
    alignments = tmp_path / "alignments"
    run(texts, alignments, encoder=HashingEncoder(), settings=RELATED, report=None)
    _corrupt(alignments / "doc001" / "en__fr2.json", _set(["review"], []))
    for p in texts.rglob("*.txt"):
        p.write_text(p.read_text(encoding="utf-8") + "\nOne more.\n", encoding="utf-8")
    r = run(texts, alignments, encoder=HashingEncoder(), settings=RELATED)
    assert [p.key for p in r.pairs if p.status == RunStatus.FAILED] == ["doc001/en__fr2"]
    assert sum(p.status == RunStatus.ALIGNED for p in r.pairs) == 3 and r.index is not None
