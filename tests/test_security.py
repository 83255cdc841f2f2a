"""Security: what fetching may reach, and what the web server lets through.

Fetching (a real local HTTP server, no mocks): only http and https, in any spelling,
also as a redirect target or a feed item's link; no file:// and no local paths through
URLs; bodies bounded in size -- declared or not, compressed or not -- and in time,
however slowly they drip; redirects bounded.  test_ingest.py covers the basics
(scheme refusal, a gzip bomb, a redirect to file://, a slow server); this adds the
variants.

Web: the server binds to 127.0.0.1 unless told otherwise (checked on the real
process's socket); a request that could change the ledger needs a token when the
server is not loopback-only, and never comes from another site; every response
carries the Content-Security-Policy; hostile strings go to every parameter of every
route (read from the app itself, so a new parameter is covered without editing this
file), to the headers and to the path -- no server error, no unescaped markup, no
change to the ledger, and not one of them ever inside an SQL statement's text
(every value reaches the database as a bound parameter).
"""
from __future__ import annotations

import gzip
import re
import socket
import subprocess
import threading
import time
import warnings
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlencode

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.routing import APIRoute
    from fastapi.testclient import TestClient

from newsledger.api import Ledger
from newsledger.ingest import iter_inputs
from newsledger.ingest.fetch import FetchError, fetch
from newsledger.ingest.sources import IngestError
from newsledger.store import Store
from newsledger.web import create_app
from query_samples.build import shared_db
from reliability_corpus import command, environment

PASSWD = "root:x:0:0"
ARTICLE = ("Tarnwick Chemicals agreed to sell its coatings division to Harlow Paints for 410 "
           "million euros, the company said on Thursday, as it focuses on specialty "
           "materials for the battery industry. ") * 3


# ----------------------------------------------------------------- a hostile web server

class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _head(self, code: int, headers: dict[str, str]) -> None:
        self.send_response(code)
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        path = self.path
        page = f"<html><body><article><p>{ARTICLE}</p></article></body></html>".encode()
        if path == "/ok":
            self._head(200, {"Content-Type": "text/html", "Content-Length": str(len(page))})
            self.wfile.write(page)
        elif path.startswith("/redirect?to="):
            self._head(302, {"Location": path.split("=", 1)[1].replace("%20", " "),
                             "Content-Length": "0"})
        elif path == "/loop":
            self._head(301, {"Location": "/loop", "Content-Length": "0"})
        elif path == "/chunked-huge":               # no Content-Length at all
            self._head(200, {"Content-Type": "text/html"})
            try:
                for _ in range(200):                # 12.8 MB if nobody stops reading
                    self.wfile.write(b"<p>" + b"a" * 65_536 + b"</p>")
            except OSError:
                pass
        elif path == "/lying-length":               # says 100 bytes, sends 12 MB
            self._head(200, {"Content-Type": "text/html", "Content-Length": "100"})
            try:
                self.wfile.write(b"x" * 12_000_000)
            except OSError:
                pass
        elif path in ("/deflate-bomb", "/gzip-in-gzip"):
            if path == "/deflate-bomb":
                body, enc = zlib.compress(b" " * 30_000_000, 9), "deflate"
            else:                                   # a small gzip whose content is a bomb
                body, enc = gzip.compress(gzip.compress(b"\0" * 30_000_000)), "gzip"
            self._head(200, {"Content-Type": "text/html", "Content-Encoding": enc,
                             "Content-Length": str(len(body))})
            self.wfile.write(body)
        elif path == "/unknown-encoding":
            self._head(200, {"Content-Type": "text/html", "Content-Encoding": "br",
                             "Content-Length": "4"})
            self.wfile.write(b"abcd")
        elif path == "/drip":                       # one byte at a time, forever
            self._head(200, {"Content-Type": "text/html"})
            try:
                for _ in range(400):
                    self.wfile.write(b"a")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        elif path == "/silent":                     # accepts, then says nothing
            time.sleep(5)
        elif path == "/feed.rss":
            links = ["file:///etc/passwd", "FILE:/etc/passwd", "/etc/passwd",
                     "javascript:alert(1)", f"{base}/redirect?to=file:///etc/passwd",
                     "ftp://127.0.0.1/x", f"{base}/ok"]
            xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                   f"<title>Feed</title><link>{base}/</link>"
                   + "".join(f"<item><title>Item {i}</title><link>{link.replace('&', '&amp;')}"
                             f"</link><description>teaser</description></item>"
                             for i, link in enumerate(links))
                   + "</channel></rss>").encode()
            self._head(200, {"Content-Type": "application/rss+xml",
                             "Content-Length": str(len(xml))})
            self.wfile.write(xml)
        else:
            self._head(404, {"Content-Length": "0"})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)


# ----------------------------------------------------------------- fetching

LOCAL_URLS = [
    ("file:///etc/passwd", "scheme 'file' not allowed"),
    ("FILE:///etc/passwd", "scheme 'file' not allowed"),
    ("file://localhost/etc/passwd", "scheme 'file' not allowed"),
    ("file:/etc/passwd", "scheme 'file' not allowed"),
    ("File:etc/passwd", "scheme 'file' not allowed"),
    ("/etc/passwd", "not an http(s) URL"),
    ("etc/passwd", "not an http(s) URL"),
    ("http:///etc/passwd", "URL has no host"),
    ("http:/etc/passwd", "URL has no host"),
    ("https:", "URL has no host"),
    ("jar:file:///tmp/x.jar!/a", "scheme 'jar' not allowed"),
    ("view-source:file:///etc/passwd", "scheme 'view-source' not allowed"),
    ("gopher://127.0.0.1:70/", "scheme 'gopher' not allowed"),
    ("data:text/html,<p>x</p>", "scheme 'data' not allowed"),
    ("javascript:alert(1)", "scheme 'javascript' not allowed"),
    ("ftp://127.0.0.1/etc/passwd", "scheme 'ftp' not allowed"),
    ("\\\\server\\share\\file", "not an http(s) URL"),
]


@pytest.mark.parametrize("url,reason", LOCAL_URLS, ids=[u for u, _ in LOCAL_URLS])
def test_fetch_reaches_nothing_but_http_and_https(url, reason):
    with pytest.raises(FetchError) as exc:
        fetch(url, timeout=2)
    assert exc.value.reason == reason


@pytest.mark.parametrize("target", [
    "file:///etc/passwd", "FILE:/etc/passwd", "file://localhost/etc/passwd",
    "ftp://127.0.0.1/x", "data:text/html,hello", "javascript:alert(1)", "gopher://x/",
    " file:///etc/passwd", "jar:file:///x!/y"])
def test_redirects_to_other_schemes_and_local_files_are_refused(server, target):
    with pytest.raises(FetchError) as exc:
        fetch(f"{server}/redirect?to={target.replace(' ', '%20')}", timeout=5)
    assert exc.value.reason.startswith("redirect to "), exc.value.reason


def test_a_relative_redirect_stays_on_the_server_and_never_opens_a_local_file(server):
    for target in ("/etc/passwd", "http:///etc/passwd", "../../../etc/passwd"):
        with pytest.raises(FetchError) as exc:       # /etc/passwd on the server: a 404
            fetch(f"{server}/redirect?to={target}", timeout=5)
        assert exc.value.reason.startswith("HTTP 404"), (target, exc.value.reason)
    page = fetch(f"{server}/redirect?to=//127.0.0.1:{server.rsplit(':', 1)[1]}/ok", timeout=5)
    assert b"Tarnwick" in page.body and PASSWD.encode() not in page.body


def test_redirect_loops_are_bounded(server):
    with pytest.raises(FetchError) as exc:
        fetch(f"{server}/loop", timeout=5)
    assert exc.value.reason == "more than 5 redirects"


@pytest.mark.parametrize("path,reason", [
    ("/chunked-huge", "larger than 10 MB"),
    ("/deflate-bomb", "larger than 10 MB"),
    ("/gzip-in-gzip", None),                         # one layer decoded: small, binary
    ("/unknown-encoding", "unsupported content encoding 'br'"),
])
def test_bodies_are_bounded_whatever_they_declare(server, path, reason):
    if reason is None:
        page = fetch(f"{server}{path}", timeout=10)
        assert len(page.body) < 100_000           # the inner bomb stays compressed
        [err] = list(iter_inputs([f"{server}{path}"]))
        assert isinstance(err, IngestError)
        return
    with pytest.raises(FetchError) as exc:
        fetch(f"{server}{path}", timeout=10)
    assert exc.value.reason == reason


def test_a_body_longer_than_its_content_length_is_cut_at_the_declared_length(server):
    page = fetch(f"{server}/lying-length", timeout=5)
    assert len(page.body) == 100


def test_the_size_limit_is_the_callers(server):
    with pytest.raises(FetchError) as exc:
        fetch(f"{server}/ok", timeout=5, max_bytes=100)
    assert exc.value.reason == "larger than 100 bytes"
    [err] = list(iter_inputs([f"{server}/chunked-huge"], fetch_max_bytes=1_000_000))
    assert err.reason == "larger than 1 MB"


@pytest.mark.parametrize("path", ["/drip", "/silent"])
def test_one_deadline_covers_the_whole_fetch(server, path):
    with pytest.raises(FetchError) as exc:
        fetch(f"{server}{path}", timeout=1)
    assert exc.value.reason == "timed out after 1s"


def test_feed_item_links_never_reach_local_files(server):
    items = list(iter_inputs([f"{server}/feed.rss"], fetch_timeout=5))
    docs = [i for i in items if not isinstance(i, IngestError)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [d.url for d in docs] == [f"{server}/ok"]
    assert len(errors) == 6
    for item in items:
        assert PASSWD not in (getattr(item, "text", "") or "")
    reasons = " | ".join(e.reason for e in errors)
    assert "scheme 'file' not allowed" in reasons and "redirect to scheme 'file'" in reasons


def test_cli_url_inputs_that_name_local_files_read_nothing(tmp_path):
    db = str(tmp_path / "l.db")
    urls = [u for u, _ in LOCAL_URLS if "://" in u or u.lower().startswith(
        ("file:", "data:", "javascript:", "jar:", "view-source:"))]
    proc = subprocess.run(command(db, "ingest", *urls), capture_output=True, text=True,
                          env=environment(), timeout=120)
    assert proc.returncode == 1                     # every input failed
    assert len([ln for ln in proc.stderr.splitlines() if ln.startswith("error: ")]) == len(urls)
    with Ledger(db) as ledger:
        assert ledger.documents() == []


# ----------------------------------------------------------------- the web server

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> list[str]:
    """Local addresses of the sockets listening on `port` (from /proc/net/tcp{,6})."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table, encoding="ascii").read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            addr, p = local.rsplit(":", 1)
            if int(p, 16) == port and state == "0A":  # LISTEN
                if len(addr) == 8:
                    found.append(socket.inet_ntop(socket.AF_INET, bytes.fromhex(addr)[::-1]))
                else:
                    raw = bytes.fromhex(addr)
                    found.append(socket.inet_ntop(socket.AF_INET6, b"".join(
                        raw[i:i + 4][::-1] for i in range(0, 16, 4))))
    return found


@pytest.mark.skipif(not __import__("os").path.exists("/proc/net/tcp"), reason="needs Linux /proc")
def test_serve_binds_to_loopback_unless_told(tmp_path):
    db = str(tmp_path / "l.db")
    Store.open(db).close()
    port = _free_port()
    proc = subprocess.Popen(command(db, "serve", "--port", str(port)), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):
            assert proc.poll() is None, proc.stderr.read()
            if _listening(port):
                break
            time.sleep(0.05)
        assert _listening(port) == ["127.0.0.1"]
    finally:
        proc.terminate()
        proc.wait(30)
        proc.stderr.close()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return shared_db(tmp_path_factory)


def _app_with_a_writing_route(db: str, **options):
    """The real app plus one route that changes the ledger, as a future feature would."""
    app = create_app(db, **options)

    @app.post("/api/test-write")
    @app.put("/api/test-write")
    @app.delete("/api/test-write")
    @app.patch("/api/test-write")
    def write() -> dict:
        from newsledger.models import Document
        with Ledger(db, create=False) as ledger:
            ledger.store.add_document_with_facts(
                Document(f"written-{time.monotonic_ns()}", "written " * 50 + str(time.time_ns())),
                [], [])
        return {"written": True}
    return app


def _documents(db: str) -> int:
    with Ledger(db, create=False) as ledger:
        return len(ledger.documents())


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_changing_the_ledger_needs_a_token_unless_loopback_only(tmp_path, method):
    db = str(tmp_path / "w.db")
    Store.open(db).close()
    before = _documents(db)
    # bound elsewhere, no token: refused, nothing written
    with TestClient(_app_with_a_writing_route(db), base_url="http://10.0.0.5") as c:
        r = c.request(method, "/api/test-write")
        assert r.status_code == 403 and "token" in r.text
        assert "content-security-policy" in r.headers
        assert c.get("/api/stats").status_code == 200          # reading is still fine
    assert _documents(db) == before
    # bound elsewhere with a token: only with the token
    app = _app_with_a_writing_route(db, token="t0k3n")
    with TestClient(app, base_url="http://10.0.0.5") as c:
        assert c.request(method, "/api/test-write").status_code == 401
        assert c.request(method, "/api/test-write?token=t0k3n",
                         follow_redirects=False).status_code in (303, 401, 403)
        assert _documents(db) == before
        r = c.request(method, "/api/test-write", headers={"authorization": "Bearer t0k3n"})
        assert r.status_code == 200
    assert _documents(db) == before + 1
    # loopback only: allowed from this machine, refused from another site's page
    app = _app_with_a_writing_route(db, loopback=True,
                                    allowed_hosts=["127.0.0.1", "localhost", "::1"])
    with TestClient(app, base_url="http://127.0.0.1") as c:
        r = c.request(method, "/api/test-write", headers={"origin": "https://evil.example"})
        assert r.status_code == 403
        assert _documents(db) == before + 1
        r = c.request(method, "/api/test-write", headers={"origin": "http://127.0.0.1"})
        assert r.status_code == 200
    assert _documents(db) == before + 2


def _flat_routes(routes) -> list:
    """The app's routes, those of included routers (the pages/ modules) included."""
    out = []
    for route in routes:
        inner = getattr(route, "original_router", None)
        out.extend(_flat_routes(inner.routes) if inner is not None else [route])
    return out


def test_the_real_app_has_no_route_that_changes_the_ledger(db):
    app = create_app(str(db))
    routes = _flat_routes(app.routes)
    assert sum(isinstance(r, APIRoute) for r in routes) >= 20
    for route in routes:
        if isinstance(route, APIRoute):
            assert route.methods <= {"GET", "HEAD"}, (route.path, route.methods)


# --------------------------------------------------------- hostile strings, every parameter

MARK = "zq7hostile"
HOSTILE = [
    f"'{MARK}", f'"{MARK}', f"{MARK}'; DROP TABLE facts; --", f"{MARK}' OR '1'='1",
    f"{MARK}\" OR 1=1 --", f"{MARK}) UNION SELECT text FROM documents --",
    f"<script>alert('{MARK}')</script>", f"\"><img src=x onerror=alert(1)>{MARK}",
    f"javascript:alert(1)//{MARK}", f"{{{{7*7}}}}{MARK}", f"${{7*7}}{MARK}",
    f"../../../../etc/passwd{MARK}", f"%2e%2e%2f{MARK}", f"{MARK}%", f"{MARK}_", f"{MARK}\\",
    f"{MARK}\x00", f"{MARK}\u202e\u200b", f"{MARK} NEAR(a b)", f'"{MARK}" AND OR NOT *',
    f"{MARK}" + "x" * 10_000, f"{MARK}\r\nSet-Cookie: evil=1", f"{MARK}\ufeff\u0301",
    "2024-02-30", "9999-99-99", "-1", "0", "99999999999999999999", "1e309", "",
]


def _routes(app) -> list[tuple[str, list[str]]]:
    """Every GET route with the names of its query parameters, read from the app."""
    out = []
    for route in _flat_routes(app.routes):
        if isinstance(route, APIRoute) and "GET" in route.methods:
            out.append((route.path, [p.alias or p.name for p in route.dependant.query_params]))
    return out


@pytest.fixture
def sql_log(monkeypatch):
    """Every SQL statement the store sends (the text, not the bound values)."""
    log: list[str] = []
    original = Store._execute

    def spy(self, sql, params=()):
        log.append(sql)
        return original(self, sql, params)
    monkeypatch.setattr(Store, "_execute", spy)
    return log


def test_hostile_strings_in_every_parameter_header_and_path(db, sql_log, record_property):
    app = create_app(str(db))
    routes = _routes(app)
    with_params = [r for r in routes if r[1]]
    assert len(with_params) >= 16                   # pages and API, as test_web lists them
    tried = 0
    with TestClient(app, base_url="http://127.0.0.1") as client:
        before = client.get("/api/stats").json()
        valid = {"name": "Orbis Group", "at": "2024-01-01", "from": "2021", "to": "2025",
                 "entity": "Orbis Group", "id": "o1", "q": "Orbis", "limit": "5"}
        for path, params in routes:
            for name in params:
                for value in HOSTILE:
                    query = {p: valid.get(p, "x") for p in params}
                    query[name] = value
                    r = client.get(path + "?" + urlencode(query))
                    tried += 1
                    assert r.status_code < 500, (path, name, value[:40], r.text[:300])
                    assert "content-security-policy" in r.headers
                    assert "set-cookie" not in r.headers
                    if r.headers["content-type"].startswith("text/html"):
                        assert f"<script>alert('{MARK}')" not in r.text
                        assert "<img src=x onerror" not in r.text
                        assert len(re.findall(r"<script\b", r.text)) <= 1
        for value in HOSTILE:                       # headers and paths
            for headers in ({"authorization": f"Bearer {value}"},
                            {"cookie": f"newsledger_token={value}"},
                            {"accept-language": value}, {"referer": value}):
                safe = {k: v.encode("latin-1", "replace").decode("latin-1").replace("\r", " ")
                        .replace("\n", " ") for k, v in headers.items()}
                r = client.get("/api/stats", headers=safe)
                tried += 1
                assert r.status_code == 200
            r = client.get("/doc/" + re.sub(r"[\x00\r\n]", "", value))
            tried += 1
            assert r.status_code == 404
        assert client.get("/api/stats").json() == before
    leaked = [sql for sql in sql_log if MARK in sql or "DROP TABLE" in sql]
    assert sql_log and not leaked, leaked[:3]
    record_property("hostile_inputs_tried", tried)
    record_property("cases", [f"{path}: {', '.join(params) or '(no parameters)'}"
                              for path, params in routes]
                    + [f"value {v[:60]!r}" for v in HOSTILE])
