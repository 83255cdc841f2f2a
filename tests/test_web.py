"""The web app through FastAPI's TestClient: pages, CSP, the JSON API, hostile input."""
from __future__ import annotations

import re
import warnings
from urllib.parse import urlencode

import pytest

with warnings.catch_warnings():          # starlette nudges towards httpx2; httpx is pinned
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from newsledger.api import Ledger
from newsledger.web import create_app
from query_samples.build import HOSTILE_NAME, HOSTILE_PARENT, shared_db

G = "Orbis Group"
BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return shared_db(tmp_path_factory)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(str(db)), base_url=BASE) as c:
        yield c


def url(path: str, **params) -> str:
    return path + ("?" + urlencode(params) if params else "")


PAGES = [
    url("/"),
    url("/entity", name=G),
    url("/entity", name=G, at="2022-01-01"),
    url("/entity", name="Valdora Motors", at="2024"),
    url("/org", name=G, at="2025-02-01"),
    url("/timeline", name=G),
    url("/timeline", name=G, **{"from": "2021", "to": "2024-06"}),
    url("/diff", name=G, **{"from": "2022-01-01", "to": "2026-08-01"}),
    url("/claims"),
    url("/claims", entity=G),
    url("/conflicts"),
    url("/conflicts", entity=G),
    url("/doc", id="o1"),
    url("/doc", id="a1_launch"),
    url("/doc", id="hostile"),
    url("/search", q="Orbis"),
    url("/search"),
    url("/entity", name=HOSTILE_PARENT),
    url("/org", name=HOSTILE_PARENT, at="2025-06-01"),
    url("/entity", name=HOSTILE_NAME),
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_a_strict_csp(client, page):
    r = client.get(page)
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp
    nonce = re.search(r"script-src 'nonce-([^']+)'", csp).group(1)
    # every script and style element is ours: it carries this response's nonce
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", r.text):
        assert f'nonce="{nonce}"' in tag, tag
    # nothing is loaded from elsewhere
    assert not re.search(r"<(?:script|link|img|iframe)\b[^>]*(?:src|href)=\"(?:https?:)?//", r.text)
    assert r.headers["x-content-type-options"] == "nosniff"


def test_the_nonce_changes_with_every_response(client):
    a = client.get("/").headers["content-security-policy"]
    b = client.get("/").headers["content-security-policy"]
    assert a != b


def test_entity_page_has_the_chart_timeline_statements_and_sources(client):
    html = client.get(url("/entity", name=G, at="2022-01-01")).text
    assert '<svg' in html and 'data-name="Orbis Labs"' in html
    assert '<input type="date" name="at" value="2022-01-01"' in html
    for section in ('id="story"', 'id="structure"', 'id="statements"', 'id="sources"'):
        assert section in html
    assert html.count('<details class="section"') == 4     # one view per purpose
    assert 'id="facts"' not in html                        # no second list of the same claims
    later = client.get(url("/entity", name=G, at="2025-06-01")).text
    assert 'data-name="Orbis Labs"' not in later and 'data-name="Kiel depot"' in later
    assert 'data-planned="true"' in later


def test_conflicts_page_shows_both_sides(client):
    html = client.get("/conflicts").text
    section = html[html.index("Orbis Group founded"):]
    section = section[:section.index("</section>")]
    for text in ("2005", "2006", "Orbis Group was founded in 2005", "Orbis Group was founded in 2006",
                 "ledgerpost.example", "wire.example"):
        assert text in section


def test_document_view_highlights_each_fact(client):
    html = client.get(url("/doc", id="o2")).text
    marks = re.findall(r'<mark class="ev[^"]*"[^>]*>([^<]*)</mark>', html)
    assert "Tom Berg became CEO of Orbis Group in February 2024" in marks
    assert 'href="#ev-' in html


def test_hostile_article_renders_inert(client):
    html = client.get(url("/doc", id="hostile")).text
    body = html[html.index("<main>"):]
    assert "<script>alert" not in html
    assert "<script>document.title" not in html
    assert "<img src=x onerror" not in html and "<svg onload" not in html
    assert 'href="javascript:' not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body          # shown, as text
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    # the highlighted evidence spans the script tag and is escaped inside the <mark>
    assert re.search(r"<mark[^>]*>Orbis Group &lt;script&gt;alert\(1\)&lt;/script&gt; hired staff</mark>",
                     body)
    # the hostile outlet and the javascript: URL are text, never markup or a link
    assert 'evil&#34;&gt;&lt;script&gt;alert(2)' in body
    assert "<script" not in body.split("<script nonce=")[0]


@pytest.mark.parametrize("page", [url("/entity", name=HOSTILE_PARENT),
                                  url("/org", name=HOSTILE_PARENT, at="2025-06-01"),
                                  url("/claims"), url("/search", q="<script>alert(1)</script>"),
                                  url("/timeline", name=G), url("/")])
def test_hostile_names_render_inert(client, page):
    html = client.get(page).text
    assert "<script>alert" not in html and "<img src=x onerror" not in html
    assert len(re.findall(r"<script\b", html)) == 1                  # only our own


def test_openapi_describes_the_json_api(client):
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "newsledger"
    for path in ("/api/entity", "/api/timeline", "/api/org", "/api/diff", "/api/search",
                 "/api/claims", "/api/conflicts", "/api/doc", "/api/entities"):
        assert path in spec["paths"], path
    assert not any(p.startswith(("/entity", "/doc")) for p in spec["paths"])   # pages are not API
    docs = client.get("/docs")                                         # our own page, no CDN
    assert docs.status_code == 200 and "/api/timeline" in docs.text


def test_json_api_gives_the_same_answers_as_the_ledger(client, db):
    with Ledger(db, create=False) as ledger:
        assert client.get(url("/api/org", name=G, at="2024-06")).json() == ledger.org_at(G, "2024-06")
        assert client.get(url("/api/timeline", name=G, **{"from": "2023"})).json() == \
            ledger.timeline(G, "2023")
        assert client.get(url("/api/diff", name=G, **{"from": "2022", "to": "2026-08"})).json() == \
            ledger.diff(G, "2022", "2026-08")
        assert client.get(url("/api/conflicts")).json() == ledger.conflicts()
        assert client.get(url("/api/entity", name=G)).json() == ledger.entity_profile(G)
    doc = client.get(url("/api/doc", id="o2")).json()
    for f in doc["facts"]:
        ev = f["evidence"]
        assert doc["text"][ev["start"]:ev["end"]] == ev["text"]
    assert "database" not in client.get("/api/stats").json()


def test_errors_are_404_and_400_not_500(client):
    assert client.get(url("/entity", name="Nobody Inc")).status_code == 404
    assert client.get(url("/api/entity", name="Nobody Inc")).status_code == 404
    assert client.get(url("/doc", id="nope")).status_code == 404
    assert client.get(url("/org", name=G, at="2024-02-30")).status_code == 400
    r = client.get(url("/api/org", name=G, at="soon"))
    assert r.status_code == 400 and "bad date" in r.json()["detail"]
    assert client.get("/api/org").status_code == 422                   # missing parameters


HOSTILE = ['"', "'", "'; DROP TABLE facts; --", '" OR 1=1 --', "../../../etc/passwd", "..\\..\\",
           "<script>alert(1)</script>", "javascript:alert(1)", "x" * 5000, "\x00", "%00", "%",
           "Orbis Group\u202e", "2024-02-30", "9999-99-99", "-1", "0000", "{{7*7}}", "*", "NEAR(",
           '"Orbis" AND', "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace")]
ROUTES = [
    ("/entity", {"name": G, "at": "2024-01-01"}),
    ("/org", {"name": G, "at": "2024-01-01"}),
    ("/timeline", {"name": G, "from": "2021", "to": "2025"}),
    ("/diff", {"name": G, "from": "2021", "to": "2025"}),
    ("/claims", {"entity": G}),
    ("/conflicts", {"entity": G}),
    ("/doc", {"id": "o1"}),
    ("/search", {"q": "Orbis"}),
    ("/api/entity", {"name": G}),
    ("/api/org", {"name": G, "at": "2024"}),
    ("/api/timeline", {"name": G, "from": "2021", "to": "2025"}),
    ("/api/diff", {"name": G, "from": "2021", "to": "2025"}),
    ("/api/claims", {"entity": G}),
    ("/api/conflicts", {"entity": G}),
    ("/api/doc", {"id": "o1"}),
    ("/api/search", {"q": "Orbis", "limit": "5"}),
]


@pytest.mark.parametrize("path,params", ROUTES, ids=[r[0] for r in ROUTES])
def test_hostile_parameters_never_cause_a_server_error(client, db, path, params):
    before = client.get("/api/stats").json()
    for name in params:
        for value in HOSTILE:
            r = client.get(path, params={**params, name: value})
            assert r.status_code < 500, (path, name, value[:40], r.text[:300])
            if r.headers["content-type"].startswith("text/html"):
                assert "<script>alert" not in r.text
    assert client.get("/api/stats").json() == before                   # nothing was changed


def test_loopback_server_refuses_other_host_names(db):
    app = create_app(str(db), allowed_hosts=["127.0.0.1", "localhost", "::1"])
    with TestClient(app, base_url=BASE) as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200
        assert c.get("/", headers={"host": "[::1]:8000"}).status_code == 200
        r = c.get("/", headers={"host": "attacker.example"})
        assert r.status_code == 400 and "content-security-policy" in r.headers


def test_a_token_guards_every_request(db):
    app = create_app(str(db), token="s3cret-token")
    with TestClient(app, base_url=BASE) as c:
        assert c.get("/").status_code == 401
        assert c.get("/api/stats").status_code == 401
        assert c.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/stats", headers={"authorization": "Bearer s3cret-token"}).status_code == 200
        r = c.get(url("/entity", name=G, token="s3cret-token"), follow_redirects=False)
        assert r.status_code == 303 and "token" not in r.headers["location"]
        assert "httponly" in r.headers["set-cookie"].lower()
        assert c.get(r.headers["location"]).status_code == 200         # the cookie now does
