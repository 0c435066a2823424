"""``align review ...`` run in-process through align.cli.main."""
from __future__ import annotations

import argparse
import json

import pytest

from align import store
from align.cli import build_parser, main
from align.review import bead_state
from test_review_support import write_alignment


@pytest.fixture()
def path(tmp_path):
    return write_alignment(tmp_path / "doc" / "en__fr.json")


def run(capsys, *argv):
    code = main(["review", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_review_command_has_help():
    parser = build_parser()
    review = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices["review"]
    sub = next(a for a in review._actions if isinstance(a, argparse._SubParsersAction))
    assert set(sub.choices) == {"list", "decide", "fix", "undo", "redo", "serve"}
    helps = {a.dest: a.help for a in sub._choices_actions}
    for name, p in sub.choices.items():
        assert helps[name] and p.description, name
        for action in p._actions:
            assert action.help, f"align review {name} {action.dest} has no help"


def test_list_prints_the_queue_and_counts(capsys, path):
    code, out, _ = run(capsys, "list", path, "--threshold", "0")
    lines = out.splitlines()
    assert code == 0 and lines[0].split()[:3] == ["#", "score", "status"]
    assert lines[1].split()[:2] == ["4", "1.00"]  # the omission first
    assert "6 in queue" in lines[-1] and "0 reviewed, 6 remaining" in lines[-1]
    code, out, _ = run(capsys, "list", path, "--threshold", "0.9", "--json")
    data = json.loads(out)
    assert data["in_queue"] == len(data["items"]) and all(i["score"] >= 0.9 for i in data["items"])
    assert set(data["items"][0]) >= {"position", "ids", "score", "status", "kind", "source", "target", "reasons"}


def test_decide_records_each_kind_of_decision(capsys, path):
    assert run(capsys, "decide", path, "0", "--accept", "--by", "Cli")[0] == 0
    code, out, _ = run(capsys, "decide", path, "[2]:[2,3]", "--divergent", "omission", "--severity", "critical",
                       "--note", "no weapons")
    assert code == 0 and "divergent (omission, critical)" in out
    assert run(capsys, "decide", path, "3", "--reject")[0] == 0
    assert run(capsys, "decide", path, "5", "--note", "check")[0] == 0
    raw = store.load(path).review
    assert bead_state(raw, "[0]:[0]").by == "Cli" and bead_state(raw, "[0]:[0]").status == "accepted"
    assert bead_state(raw, "[2]:[2,3]").severity == "critical" and bead_state(raw, "[3]:[4]").status == "rejected"
    assert bead_state(raw, "[5]:[5]").note == "check" and bead_state(raw, "[5]:[5]").status == "pending"
    code, out, _ = run(capsys, "list", path, "--threshold", "0", "--status", "divergent", "--kind", "omission")
    assert "[2]" not in out.splitlines()[0] and len(out.splitlines()) == 3
    assert run(capsys, "decide", path, "3", "--reset")[0] == 0
    assert bead_state(store.load(path).review, "[3]:[4]").status == "pending"


@pytest.mark.parametrize("argv, message", [
    (["0", "--divergent", "typo"], "unknown divergence kind 'typo'; use one of: omission"),
    (["0", "--accept", "--severity", "major"], "--severity goes with --divergent"),
    (["0"], "say what to record"),
    (["17", "--accept"], "no bead at position 17"),
])
def test_decide_errors_are_one_clean_message(capsys, path, argv, message):
    before = path.read_text(encoding="utf-8")
    code, out, err = run(capsys, "decide", path, *argv)
    assert code == 1 and err.startswith("align: error: ") and message in err and "Traceback" not in err
    assert path.read_text(encoding="utf-8") == before


def test_fix_undo_and_redo(capsys, path):
    code, out, _ = run(capsys, "fix", path, "[3]:[4]", "--merge-next")
    assert code == 0 and "[3,4]:[4]" in out
    assert run(capsys, "fix", path, "2", "--split", "1:1")[0] == 0
    assert run(capsys, "fix", path, "0", "--move-src-to", "next")[0] == 0
    assert run(capsys, "fix", path, "0", "--move-tgt-to", "next")[0] == 0  # the emptied bead vanished
    assert run(capsys, "fix", path, "0", "--detach", "tgt:1")[0] == 0
    assert run(capsys, "fix", path, "1", "--merge-prev")[0] == 0
    beads = store.load(path).alignment.beads
    assert [i for b in beads for i in b.src] == list(range(6)) and [j for b in beads for j in b.tgt] == list(range(6))
    for _ in range(6):
        code, out, _ = run(capsys, "undo", path)
        assert code == 0 and out.startswith("undid ")
    assert [b.ids() for b in store.load(path).alignment.beads] == \
        ["[0]:[0]", "[1]:[1]", "[2]:[2,3]", "[3]:[4]", "[4]:[]", "[5]:[5]"]
    code, _, err = run(capsys, "undo", path)
    assert code == 1 and "nothing to undo" in err
    code, out, _ = run(capsys, "redo", path)
    assert code == 0 and "redid merge-next of [3]:[4]" in out
    code, _, err = run(capsys, "fix", path, "4", "--merge-next")  # after the redo there are 5 beads
    assert code == 1 and "last one" in err


def test_fix_usage_errors_exit_2(capsys, path):
    with pytest.raises(SystemExit) as exc:
        main(["review", "fix", str(path), "2", "--split", "1-1"])
    assert exc.value.code == 2 and "expected I:J" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["review", "fix", str(path), "2", "--detach", "left:1"])


def test_serve_prints_a_loopback_url_with_a_token(capsys, path, monkeypatch):
    from align.review import server
    opened = []
    monkeypatch.setattr(server.ReviewServer, "serve_forever", lambda self: None)
    monkeypatch.setattr(server.webbrowser, "open", lambda url: opened.append(url))
    code, out, _ = run(capsys, "serve", path, "--no-browser")
    assert code == 0 and "/?token=" in out and not opened
    code, out, _ = run(capsys, "serve", path)
    assert code == 0 and "Open http://127.0.0.1:" in out and "/?token=" in out
    assert len(opened) == 1 and opened[0] in out


def test_serve_on_a_non_loopback_host_warns(capsys, path, monkeypatch):
    from align.review import server
    seen = {}
    monkeypatch.setattr(server, "serve", lambda p, **kw: seen.update(kw))
    code, _, err = run(capsys, "serve", path, "--host", "0.0.0.0", "--no-browser")
    assert code == 0 and "warning: listening on 0.0.0.0" in err
    assert seen["allow_remote"] is True and seen["host"] == "0.0.0.0"
