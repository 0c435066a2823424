"""Every bad request and bad argument gets an answer: a JSON error with a status from the review
server, one line from the command (issue 14, item 9)."""
from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys

import pytest

from align import store
from align.errors import ConflictError
from align.review import Review
from align.review.server import LISTEN_BACKLOG, TOKEN_HEADER, ReviewServer
from test_review_support import write_alignment


@pytest.fixture()
def app(tmp_path, hashing_encoder):
    path = write_alignment(tmp_path / "doc" / "en__fr.json")
    with ReviewServer(path, by="Web", encoder=hashing_encoder) as server:
        yield server


def raw(app, method: str, path: str, data: bytes = b"") -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=20)
    conn.putrequest(method, path, skip_host=True)
    conn.putheader("Host", f"127.0.0.1:{app.port}")
    conn.putheader(TOKEN_HEADER, app.token)
    if method == "POST":
        conn.putheader("Content-Type", "application/json")
    conn.putheader("Content-Length", str(len(data)))
    conn.endheaders(data)
    res = conn.getresponse()  # a dropped connection raises here: that is the failure this file is about
    body = res.read()
    conn.close()
    assert res.getheader("Content-Type", "").startswith("application/json"), body[:200]
    return res.status, json.loads(body)


def action(app, **body) -> tuple[int, dict]:
    return raw(app, "POST", "/api/action", json.dumps(body).encode("utf-8"))


def test_a_corrupt_store_gets_a_json_error_for_reads_and_writes(app):
    revision = store.load(app.path).revision
    app.path.write_text(app.path.read_text(encoding="utf-8")[:-50], encoding="utf-8")
    before = app.path.read_bytes()
    status, body = raw(app, "GET", "/api/state")
    assert status == 500 and "not a valid alignment file" in body["error"]
    status, body = action(app, revision=revision, action="accept", bead="[0]:[0]")
    assert status == 500 and "cannot be read" in body["error"] and "nothing was saved" in body["error"]
    assert app.path.read_bytes() == before


def test_a_store_with_a_bead_past_its_side_gets_a_json_error(app):
    data = json.loads(app.path.read_text(encoding="utf-8"))
    data["beads"][0]["src"] = [99]
    app.path.write_text(json.dumps(data), encoding="utf-8")
    status, body = action(app, revision=data["revision"], action="accept", bead="[99]:[0]")
    assert status == 500 and "beads[0].src[0]" in body["error"]


def test_json_nested_200000_deep_is_a_400(app):
    status, body = raw(app, "POST", "/api/action", b"[" * 200_000)  # 200,000 deep, under the size limit
    assert status == 400 and "nested too deeply" in body["error"]
    status, body = raw(app, "POST", "/api/action", b"[" * 100_000 + b"]" * 100_000)
    assert status == 400 and "nested too deeply" in body["error"]
    assert raw(app, "GET", "/api/state")[0] == 200  # and the server still answers


def test_a_lone_surrogate_in_a_note_is_a_400_and_nothing_is_written(app):
    before = app.path.read_bytes()
    status, body = raw(app, "POST", "/api/action",
                       b'{"revision": 0, "action": "note", "bead": "[0]:[0]", "note": "caf\\ud800"}')
    assert status == 400 and "lone surrogate U+D800" in body["error"]
    status, body = raw(app, "POST", "/api/action", b'{"revision": 0, "action": "accept", "bead": "\\udfff"}')
    assert status == 400 and "no bead" in body["error"]
    assert app.path.read_bytes() == before and not list(app.path.parent.glob(".*.tmp"))


def test_an_unexpected_failure_still_gets_a_json_500(app, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("something no one foresaw")
    monkeypatch.setattr(ReviewServer, "state", broken)
    status, body = raw(app, "GET", "/api/state")
    assert status == 500 and "something no one foresaw" in body["error"]


def test_the_listen_backlog_is_large_enough_for_fifty_clients(app):
    assert app.httpd.request_queue_size == LISTEN_BACKLOG >= 128


def test_review_decide_with_a_note_that_is_not_utf8_is_one_line(tmp_path):
    path = write_alignment(tmp_path / "a.json")
    before = path.read_bytes()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([os.fsencode(sys.executable), b"-c", b"import sys; from align.cli import main; "
                           b"sys.exit(main())", b"review", b"decide", os.fsencode(path), b"0", b"--note", b"\xff"],
                          capture_output=True, env=env, timeout=120)
    err = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 1 and err.count("\n") == 1, err
    assert err.startswith("align: error: the note holds the byte 0xFF, which is not UTF-8")
    assert path.read_bytes() == before


def test_a_reviewer_name_that_is_not_text_is_refused(tmp_path):
    from align.errors import ReviewError
    r = Review.open(write_alignment(tmp_path / "a.json"))
    with pytest.raises(ReviewError, match="reviewer's name holds a lone surrogate U\\+D834"):
        r.accept(0, by="Ann \ud834")


def test_the_server_reads_the_file_once_per_version_and_sees_every_outside_change(app, monkeypatch):
    calls = []
    real = store.load
    monkeypatch.setattr("align.review.server.store.load", lambda p: calls.append(p) or real(p))
    for _ in range(5):
        assert raw(app, "GET", "/api/state")[0] == 200
    assert len(calls) == 1  # five answers, one read of the file
    r = Review.open(app.path, by="CLI")  # a change from outside: the command line
    r.accept(2, note="from the command line")
    r.save()
    status, state = raw(app, "GET", "/api/state")
    assert status == 200 and state["revision"] == r.revision
    assert state["beads"][2]["state"]["note"] == "from the command line"
    status, _ = action(app, revision=r.revision - 1, action="accept", bead=state["beads"][0]["ids"])
    assert status == 409  # a page still on the old version is refused


def test_a_write_from_the_page_is_never_read_back_and_the_next_page_shows_it(app, monkeypatch):
    status, state = raw(app, "GET", "/api/state")
    calls = []
    real = store.load
    monkeypatch.setattr("align.store.load", lambda p: calls.append(p) or real(p))
    monkeypatch.setattr("align.review.server.store.load", lambda p: calls.append(p) or real(p))
    first = state["beads"][1]["ids"]
    status, answer = action(app, revision=state["revision"], action="accept", bead=first, note="seen")
    assert status == 200 and answer["focus"] == first
    status, again = raw(app, "GET", "/api/state")
    assert status == 200 and again["revision"] == answer["revision"] == state["revision"] + 1
    assert again["beads"][1]["state"]["note"] == "seen" and again["focus"] is None
    assert calls == []  # neither the save's revision check nor the next answer parsed the file again
    assert store.load(app.path).review == Review.open(app.path).review_dict()  # and the file holds the change


def test_a_stale_write_is_refused_before_the_review_is_built(app, monkeypatch):
    status, state = raw(app, "GET", "/api/state")
    built = []
    real = Review.__init__
    monkeypatch.setattr(Review, "__init__", lambda self, *a, **k: built.append(1) or real(self, *a, **k))
    status, answer = action(app, revision=state["revision"] - 1, action="accept", bead=state["beads"][0]["ids"])
    assert status == 409 and answer["revision"] == state["revision"] and built == []


def test_save_trusts_the_stamp_only_while_the_file_is_the_one_read(tmp_path):
    path = write_alignment(tmp_path / "a.json")
    mine, theirs = Review.open(path, by="me"), Review.open(path, by="them")
    theirs.accept(0)
    theirs.save()  # the file moved on: a new inode, size and time
    mine.accept(1)
    with pytest.raises(ConflictError):
        mine.save()
    assert store.load(path).review == theirs.review_dict()  # their decision kept, nothing of mine written
    stored = store.load(path)
    assert stored.stamp == store.file_stamp(path)
    again = store.save(path, stored.alignment, stored.review, expected_revision=stored.revision,
                       expected_stamp=stored.stamp)
    assert again.revision == stored.revision + 1 and again.stamp == store.file_stamp(path) != stored.stamp
