"""The review server without a browser: token, Host and loopback checks, the API, stale writes."""
from __future__ import annotations

import dataclasses
import http.client
import json

import pytest

from align import store
from align.errors import ReviewError
from align.records import Role, VersionMeta
from align.review import bead_state
from align.review.server import TOKEN_HEADER, ReviewServer, is_loopback
from align.views.scale import band_class, css_text, style_rules
from test_review_support import make_alignment, write_alignment


@pytest.fixture()
def app(tmp_path, hashing_encoder):
    path = write_alignment(tmp_path / "doc" / "en__fr.json")
    with ReviewServer(path, by="Web", encoder=hashing_encoder) as server:
        yield server


def request(app, method, path, *, token=True, host=None, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", app.port, timeout=10)
    conn.putrequest(method, path, skip_host=True)
    conn.putheader("Host", host or f"127.0.0.1:{app.port}")
    if token:
        conn.putheader(TOKEN_HEADER, app.token if token is True else token)
    data = b""
    if body is not None:
        data = json.dumps(body).encode()
        conn.putheader("Content-Type", "application/json")
    for k, v in (headers or {}).items():
        conn.putheader(k, v)
    conn.putheader("Content-Length", str(len(data)))
    conn.endheaders(data)
    res = conn.getresponse()
    payload = res.read()
    conn.close()
    return res.status, payload, dict(res.getheaders())


def test_it_listens_on_loopback_only_by_default(app, tmp_path):
    assert app.httpd.server_address[0] == "127.0.0.1"
    assert app.url.startswith(f"http://127.0.0.1:{app.port}/?token=")
    with pytest.raises(ReviewError, match="loopback only"):
        ReviewServer(app.path, host="0.0.0.0")
    assert is_loopback("::1") and is_loopback("localhost") and not is_loopback("192.168.1.5")


def test_every_request_needs_the_token(app):
    assert request(app, "GET", "/", token=False)[0] == 403
    assert request(app, "GET", "/?token=wrong", token=False)[0] == 403
    assert request(app, "GET", "/api/state", token=False)[0] == 403
    assert request(app, "GET", "/api/state", token="nope")[0] == 403
    assert request(app, "GET", f"/api/state?token={app.token}", token=False)[0] == 403  # API: header only
    assert request(app, "GET", "/assets/review.js", token=False)[0] == 403
    body = {"revision": 0, "action": "accept", "bead": "0"}
    assert request(app, "POST", "/api/action", token=False, body=body)[0] == 403
    status, page, headers = request(app, "GET", f"/?token={app.token}", token=False)
    assert status == 200 and app.token.encode() in page
    assert "script-src 'self'" in headers["Content-Security-Policy"] and headers["Referrer-Policy"] == "no-referrer"
    assert request(app, "GET", f"/assets/review.js?token={app.token}", token=False)[0] == 200
    assert bead_state(store.load(app.path).review, "[0]:[0]").status == "pending"


def test_a_forged_host_header_is_refused(app):
    status, body, _ = request(app, "GET", f"/?token={app.token}", token=False, host=f"evil.example:{app.port}")
    assert status == 403 and b"loopback" in body
    assert request(app, "GET", "/api/state", host="attacker.test")[0] == 403
    assert request(app, "GET", "/api/state", host=f"localhost:{app.port}")[0] == 200


def test_cross_origin_posts_and_odd_requests_are_refused(app):
    ok = {"revision": 0, "action": "accept", "bead": "[0]:[0]"}
    assert request(app, "POST", "/api/action", body=ok, headers={"Origin": "http://evil.example"})[0] == 403
    status, _, _ = request(app, "POST", "/api/action", headers={"Content-Type": "text/plain"})
    assert status in (400, 415)
    assert request(app, "GET", f"/assets/../store.py?token={app.token}", token=False)[0] == 404
    assert request(app, "GET", f"/assets/review.html?token={app.token}", token=False)[0] == 404
    assert request(app, "GET", "/api/file?path=/etc/passwd")[0] == 404
    assert request(app, "DELETE", "/api/state")[0] == 405


def test_the_api_decides_fixes_and_undoes(app):
    status, body, _ = request(app, "GET", "/api/state")
    state = json.loads(body)
    assert status == 200 and state["revision"] == 0 and len(state["beads"]) == 6
    assert state["beads"][0]["marks"] == [["source", 36, 38, "numbers", "number"]]
    assert state["beads"][4]["rank"] == 0  # the omission heads the queue
    status, body, _ = request(app, "POST", "/api/action", body={"revision": 0, "action": "divergent",
                                                                 "bead": "[2]:[2,3]", "kind": "omission",
                                                                 "severity": "critical", "note": "arms"})
    state = json.loads(body)
    assert status == 200 and state["revision"] == 1
    assert bead_state(store.load(app.path).review, "[2]:[2,3]").severity == "critical"
    status, body, _ = request(app, "POST", "/api/action",
                              body={"revision": 1, "action": "merge-next", "bead": "[0]:[0]"})
    assert status == 200 and json.loads(body)["focus"] == "[0,1]:[0,1]"
    status, body, _ = request(app, "POST", "/api/action", body={"revision": 2, "action": "split", "bead": "[0,1]:[0,1]",
                                                                 "src_at": 5, "tgt_at": 0})
    assert status == 400 and "cannot split" in json.loads(body)["error"]
    status, body, _ = request(app, "POST", "/api/action", body={"revision": 2, "action": "undo"})
    assert status == 200 and [b["ids"] for b in json.loads(body)["beads"]][:2] == ["[0]:[0]", "[1]:[1]"]
    assert request(app, "POST", "/api/action", body={"revision": 3, "action": "rm -rf", "bead": "0"})[0] == 400


def test_a_stale_save_gets_409_and_the_first_change_stays(app):
    first = {"revision": 0, "action": "accept", "bead": "[1]:[1]"}
    assert request(app, "POST", "/api/action", body=first)[0] == 200
    stale = {"revision": 0, "action": "reject", "bead": "[1]:[1]"}
    status, body, _ = request(app, "POST", "/api/action", body=stale)
    assert status == 409 and "Reload" in json.loads(body)["error"] and json.loads(body)["revision"] == 1
    assert bead_state(store.load(app.path).review, "[1]:[1]").status == "accepted"


def test_the_page_gets_the_divergence_colours_of_every_view_and_the_working_badge(tmp_path, hashing_encoder):
    meta = VersionMeta(language="fr", role=Role.WORKING, title="T", source="tests")
    path = write_alignment(tmp_path / "doc" / "en__fr.json", dataclasses.replace(make_alignment(), tgt_meta=meta))
    with ReviewServer(path, encoder=hashing_encoder) as app:
        status, css, headers = request(app, "GET", f"/assets/scale.css?token={app.token}", token=False)
        assert status == 200 and headers["Content-Type"].startswith("text/css")
        assert css.decode().endswith(css_text(style_rules()))  # the one palette, not a copy
        status, page, _ = request(app, "GET", f"/?token={app.token}", token=False)
        assert b"/assets/scale.css?token=" in page and b'id="working"' in page
        state = json.loads(request(app, "GET", "/api/state")[1])
    beads = store.load(path).alignment.beads
    assert [b["band"] for b in state["beads"]] == [band_class(x.divergence.score if x.divergence else None)
                                                   for x in beads]
    assert state["working"] == ["fr"] and "not an archival original" in state["working_banner"]
    assert state["source_label"] == "en (en)" and state["target_label"] == "fr (fr, working translation)"
