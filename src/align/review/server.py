"""The local review page: a small HTTP app over one store file.

``align review serve ALIGNMENT`` starts it.  Security model (it edits files on
your disk, so other web pages must not be able to drive it):

- it listens on loopback (127.0.0.1) unless a host is given explicitly;
- every request needs the per-session random token: in the query string of the
  page and its assets, in the ``X-Review-Token`` header of API calls; a missing
  or wrong token gets 403;
- the ``Host`` header must name the server's loopback address (defeats DNS
  rebinding), and a POST must be JSON from the page's own origin;
- there are no path parameters: the only file it reads or writes is the one
  alignment it was started on, and static assets come from package data;
- the page renders every text with ``textContent`` under a strict CSP.

Each change carries the revision it was based on; a change based on a stale
revision gets 409 and nothing is written.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
import socket
import sys
import threading
import webbrowser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .. import store
from ..divergence.omission import GAPS, gap_of
from ..errors import AlignError, ConflictError, ReviewError
from ..records import parse_side
from ..views.markup import WORKING_BANNER, is_working
from ..views.scale import band_class, css_text, style_rules
from .carry import orphan_json
from .queue import bead_score, build_queue, default_threshold
from .session import Review
from .state import KINDS, SEVERITIES, STATUSES

TOKEN_HEADER = "X-Review-Token"
MAX_BODY = 256 * 1024
ASSETS = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8",
          "scale.css": "text/css; charset=utf-8"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback IP addresses."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _asset(name: str) -> bytes:
    if name == "scale.css":  # the divergence colours every view shares (align.views.scale)
        return ("/* divergence bands and marks: align.views.scale */\n" + css_text(style_rules())).encode("utf-8")
    return resources.files("align.review").joinpath("assets", name).read_bytes()


#: Connections the listening socket holds while every handler is busy.  socketserver's default, 5,
#: made 50 clients at once see refused connections and multi-second retries (BENCHMARKS.md, "Review server
#: under load").
LISTEN_BACKLOG = 128


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = LISTEN_BACKLOG
    app: ReviewServer


class _Server6(_Server):
    address_family = socket.AF_INET6


class ReviewServer:
    """The review app for one alignment file; :meth:`start` runs it in a thread, :meth:`serve_forever` here."""

    def __init__(self, path: str | Path, *, host: str = "127.0.0.1", port: int = 0, by: str | None = None,
                 encoder: Any = None, allow_remote: bool = False, threshold: float | None = None) -> None:
        self.path = Path(path)
        self.threshold = threshold
        store.load(self.path)  # fail now, with the store's message, if the file is unusable
        if not is_loopback(host) and not allow_remote:
            raise ReviewError(f"refusing to listen on {host!r}: the review page edits files and listens on loopback "
                              "only; pass the host explicitly (align review serve --host) to override")
        self.by = by
        self.encoder = encoder
        self.token = secrets.token_urlsafe(24)
        self.lock = threading.Lock()  # one change at a time
        self._cache_lock = threading.Lock()
        self._cached: tuple[tuple[int, int, int], store.StoredAlignment, bytes | None] | None = None
        cls = _Server6 if ":" in host else _Server
        self.httpd = cls((host, port), _Handler)
        self.httpd.app = self
        self.host = host
        self.port = int(self.httpd.server_address[1])
        self.allowed_hosts = {f"127.0.0.1:{self.port}", f"localhost:{self.port}", f"[::1]:{self.port}"}
        shown = f"[{host}]" if ":" in host else host
        self.allowed_hosts.add(f"{shown.lower()}:{self.port}")
        self.origin = f"http://{shown}:{self.port}"
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The page's address, token included: what to open in a browser."""
        return f"{self.origin}/?token={self.token}"

    def start(self) -> ReviewServer:
        """Serve in a background thread (for tests and notebooks)."""
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="align-review", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def shutdown(self) -> None:
        """Stop serving and close the socket."""
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(timeout=5)
        self.httpd.server_close()

    def __enter__(self) -> ReviewServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    # -- the API --------------------------------------------------------------

    def stored(self) -> store.StoredAlignment:
        """The file as it is now, read and checked once per version of it: its inode, size and time are
        compared on every request, and only a changed file is parsed again.  (Parsing the whole file for
        every request made the server fall seconds behind under 50 clients on a store of a few hundred
        beads; BENCHMARKS.md, "Review server under load".)"""
        with self._cache_lock:
            try:
                st = self.path.stat()
            except OSError:
                self._cached = None
                return store.load(self.path)  # raises the store's own message
            stamp = (st.st_ino, st.st_size, st.st_mtime_ns)
            if self._cached is None or self._cached[0] != stamp:
                loaded = store.load(self.path)
                self._cached = (loaded.stamp or stamp, loaded, None)
            return self._cached[1]

    def open_review(self) -> Review:
        return Review(self.stored(), by=self.by, encoder=self.encoder)

    def state_json(self) -> bytes:
        """:meth:`state` as the JSON the page gets, built once per version of the file."""
        stored = self.stored()
        with self._cache_lock:
            cached = self._cached
            if cached is not None and cached[1] is stored and cached[2] is not None:
                return cached[2]
        data = json_bytes(self.state(Review(stored, by=self.by, encoder=self.encoder)))
        with self._cache_lock:
            if self._cached is not None and self._cached[1] is stored:
                self._cached = (self._cached[0], stored, data)
        return data

    def state(self, review: Review | None = None, focus: str | None = None) -> dict[str, Any]:
        """Everything the page shows, as JSON."""
        r = review or self.open_review()
        a = r.alignment
        order = [it.position for it in build_queue(a, r.state, threshold=0.0)]
        beads = []
        for i, b in enumerate(a.beads):
            div = b.divergence
            beads.append({"position": i, "ids": b.ids(), "shape": b.kind, "gap": gap_of(b),
                          "similarity": b.similarity, "score": round(bead_score(b), 4),
                          "band": band_class(div.score if div else None),
                          "source": a.side_text(b, "source"), "target": a.side_text(b, "target"),
                          "reasons": list(div.reasons) if div else [],
                          "components": dict(div.components) if div else {},
                          "marks": [[m.side, m.start, m.end, m.component, m.label] for m in div.marks] if div else [],
                          "state": r.state.get(b.ids()).to_dict()})
        for rank, pos in enumerate(order):
            beads[pos]["rank"] = rank

        def label(meta: Any, version: str, lang: str) -> str:
            return f"{version} ({lang}{', working translation' if is_working(meta) else ''})"

        return {"revision": r.revision, "file": self.path.name, "doc_id": a.doc_id,
                "source_label": label(a.src_meta, a.src_version, a.src_lang),
                "target_label": label(a.tgt_meta, a.tgt_version, a.tgt_lang),
                "threshold": default_threshold() if self.threshold is None else self.threshold,
                "statuses": list(STATUSES), "kinds": list(KINDS), "gaps": list(GAPS),
                "severities": list(SEVERITIES), "can_undo": r.can_undo, "can_redo": r.can_redo,
                "orphaned": len(r.state.orphaned), "orphans": [orphan_json(o) for o in r.state.orphaned],
                "beads": beads, "focus": focus,
                "working": [v for v, m in ((a.src_version, a.src_meta), (a.tgt_version, a.tgt_meta)) if is_working(m)],
                "working_banner": WORKING_BANNER}

    def act(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Apply one action from the page; returns (HTTP status, JSON body)."""
        revision = body.get("revision")
        if not isinstance(revision, int):
            return 400, {"error": "the request has no revision; reload the page"}
        action = str(body.get("action", ""))
        with self.lock:
            try:
                stored = self.stored()
            except AlignError as exc:  # the file became unreadable (edited by hand, a newer workbench)
                return 500, {"error": f"the alignment file cannot be read, so nothing was saved: {exc}"}
            if stored.revision != revision:  # refused before any work: under load most writes are stale
                return 409, self._conflict(stored.revision, revision)
            r = Review(stored, by=self.by, encoder=self.encoder)
            try:
                focus = self._apply(r, action, body)
                r.save()
            except ConflictError:
                self._forget()
                try:
                    current = store.load(self.path).revision
                except AlignError as exc:
                    return 500, {"error": f"the alignment file cannot be read, so nothing was saved: {exc}"}
                return 409, self._conflict(current, revision)
            except AlignError as exc:
                return 400, {"error": str(exc)}
            answer = self.state(r, focus=focus)
            saved = r.saved
            with self._cache_lock:  # what was just written is what the next request would read
                self._cached = ((saved.stamp, saved, json_bytes({**answer, "focus": None}))
                                if saved is not None and saved.stamp is not None else None)
            return 200, answer

    def _forget(self) -> None:
        with self._cache_lock:
            self._cached = None

    @staticmethod
    def _conflict(current: int, had: int) -> dict[str, Any]:
        return {"error": f"This alignment was saved elsewhere (another tab or program) since this page loaded "
                         f"(revision {current}; this page has {had}). Your change was not saved. "
                         "Reload to see the current version.", "revision": current}

    def _apply(self, r: Review, action: str, body: dict[str, Any]) -> str | None:
        bead = body.get("bead")
        note = body.get("note")
        if note is not None and not isinstance(note, str):
            raise ReviewError("note must be text")
        if action in ("undo", "redo"):
            change = r.undo() if action == "undo" else r.redo()
            return str(change.get("bead")) if change.get("bead") else None
        if not isinstance(bead, str):
            raise ReviewError("no bead given")
        if action == "accept":
            r.accept(bead, note=note)
        elif action == "divergent":
            r.mark_divergent(bead, str(body.get("kind", "")), str(body.get("severity") or "minor"), note=note)
        elif action == "reject":
            r.reject(bead, note=note)
        elif action == "note":
            r.note(bead, note or "")
        elif action == "reset":
            r.reset(bead)
        elif action in ("merge-next", "merge-prev", "split", "move", "detach"):
            pos = self._fix(r, action, bead, body)
            return r.beads[pos].ids()
        else:
            raise ReviewError(f"unknown action {action!r}")
        return bead

    @staticmethod
    def _fix(r: Review, action: str, bead: str, body: dict[str, Any]) -> int:
        def number(key: str) -> int:
            value = body.get(key)
            if isinstance(value, bool) or not isinstance(value, int):
                raise ReviewError(f"{key} must be a whole number")
            return value
        if action == "merge-next":
            return r.merge_next(bead)
        if action == "merge-prev":
            return r.merge_prev(bead)
        if action == "split":
            return r.split(bead, number("src_at"), number("tgt_at"))
        # the page names sides src/tgt, as the command line does
        try:
            side = parse_side(str(body.get("side")))
        except ValueError as exc:
            raise ReviewError(str(exc)) from None
        if action == "move":
            return r.move(bead, side, str(body.get("direction")))
        return r.detach(bead, side, number("sentence"))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "align-review"
    sys_version = ""
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - quiet: URLs carry the token
        return

    @property
    def app(self) -> ReviewServer:
        return self.server.app

    # -- checks ---------------------------------------------------------------

    def _host_ok(self) -> bool:
        return (self.headers.get("Host") or "").strip().lower() in self.app.allowed_hosts

    def _token_ok(self, query: dict[str, list[str]], header_only: bool) -> bool:
        given = self.headers.get(TOKEN_HEADER) or ("" if header_only else (query.get("token") or [""])[0])
        return hmac.compare_digest(given.encode(), self.app.token.encode())

    def _guard(self, header_only: bool) -> tuple[str, dict[str, list[str]]] | None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if not self._host_ok():
            self._send(403, b"Forbidden: this review server only answers to its loopback address.\n", "text/plain")
            return None
        if not self._token_ok(query, header_only):
            self._send(403, b"Forbidden: missing or wrong token. Open the URL printed by `align review serve`.\n",
                       "text/plain")
            return None
        return url.path, query

    # -- verbs ----------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802
        self._answering(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._answering(self._post)

    def _answering(self, handler: Any) -> None:
        """Run ``handler``; whatever goes wrong, the client gets a JSON error and a status, not a dropped
        connection."""
        try:
            handler()
        except (BrokenPipeError, ConnectionResetError):  # the client went away: nobody to answer
            self.close_connection = True
        except Exception as exc:  # noqa: BLE001 - the last resort of a server thread
            self.close_connection = True
            try:
                self._json(500, {"error": f"the review server failed on this request "
                                          f"({type(exc).__name__}: {exc}); nothing was saved by it"})
            except OSError:
                pass

    def _get(self) -> None:
        path = urlsplit(self.path).path
        checked = self._guard(header_only=path.startswith("/api/"))
        if checked is None:
            return
        path, _ = checked
        if path == "/":
            html = _asset("review.html").decode("utf-8").replace("{{TOKEN}}", self.app.token)
            self._send(200, html.encode("utf-8"), "text/html; charset=utf-8")
        elif path.startswith("/assets/") and path[len("/assets/"):] in ASSETS:
            name = path[len("/assets/"):]
            self._send(200, _asset(name), ASSETS[name])
        elif path == "/api/state":
            try:
                self._send(200, self.app.state_json(), "application/json; charset=utf-8")
            except AlignError as exc:
                self._json(500, {"error": str(exc)})
        else:
            self._send(404, b"Not found\n", "text/plain")

    def _post(self) -> None:
        checked = self._guard(header_only=True)
        if checked is None:
            return
        path, _ = checked
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() != self.app.origin.lower():
            self._send(403, b"Forbidden: cross-origin request.\n", "text/plain")
            return
        if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
            self._json(415, {"error": "send JSON (Content-Type: application/json)"})
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if not 0 <= length <= MAX_BODY:
            self._json(413, {"error": "request too large"})
            return
        raw = self.rfile.read(length)
        if path != "/api/action":
            self._send(404, b"Not found\n", "text/plain")
            return
        try:
            body = json.loads(raw.decode("utf-8") or "{}")
        except (UnicodeDecodeError, json.JSONDecodeError):
            self._json(400, {"error": "the request body is not valid JSON"})
            return
        except RecursionError:
            self._json(400, {"error": "the request body is nested too deeply"})
            return
        if not isinstance(body, dict):
            self._json(400, {"error": "the request body must be a JSON object"})
            return
        status, payload = self.app.act(body)
        self._json(status, payload)

    def do_PUT(self) -> None:  # noqa: N802
        self._send(405, b"Method not allowed\n", "text/plain")

    do_DELETE = do_PATCH = do_PUT

    # -- responses --------------------------------------------------------------

    def _json(self, status: int, payload: dict[str, Any]) -> None:
        self._send(status, json_bytes(payload), "application/json; charset=utf-8")

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status, HTTPStatus(status).phrase)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", CSP)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def json_bytes(payload: dict[str, Any]) -> bytes:
    """``payload`` as UTF-8 JSON; a lone surrogate (echoed from a request) is escaped, not a failure."""
    try:
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(payload, ensure_ascii=True).encode("ascii")


def serve(path: str | Path, *, host: str = "127.0.0.1", port: int = 0, open_browser: bool = True,
          by: str | None = None, encoder: Any = None, allow_remote: bool = False,
          threshold: float | None = None) -> None:
    """Serve the review page for ``path`` until interrupted; prints the URL (with its token).

    ``threshold`` is the page's initial minimum score (default: the divergence module's)."""
    app = ReviewServer(path, host=host, port=port, by=by, encoder=encoder, allow_remote=allow_remote,
                       threshold=threshold)
    print(f"Reviewing {app.path}\nOpen {app.url}\n(Ctrl+C stops the server)", flush=True)
    if open_browser:
        webbrowser.open(app.url)
    try:
        app.serve_forever()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    finally:
        app.httpd.server_close()
