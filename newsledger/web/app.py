"""`newsledger serve`: the ledger in a browser, and the same answers as JSON under /api.

Server-rendered pages (Jinja2, autoescape on for every template), no external
resources: CSS and the one small script are inline and carry a per-response nonce
that the Content-Security-Policy names, so no other script can run, whatever an
article contains.  Every page is a GET and nothing changes the ledger.

Safety rails:
- binds to 127.0.0.1 by default; on a loopback address the Host header must be a
  loopback name (defeats DNS rebinding);
- bound elsewhere, a request that could change the ledger (any method but GET, HEAD,
  OPTIONS; today there are none) is refused unless a token guards the server, and
  anywhere when a browser sends it from another site (its Origin header);
- with a token (`--token`, env NEWSLEDGER_TOKEN) every request must carry it, as
  `Authorization: Bearer T`, or a cookie that opening any page once with `?token=T`
  sets (HttpOnly, SameSite=Strict);
- each request opens its own read connection to the ledger (SQLite connections stay
  on the thread that made them).
"""
from __future__ import annotations

import datetime as dt
import hmac
import ipaddress
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader

from ..api import Ledger
from ..query import EntityNotFound, QueryError, parse_date
from ..store import StoreError
from . import render

TEMPLATES = Path(__file__).parent / "templates"
TOKEN_COOKIE = "newsledger_token"


def is_loopback(host: str) -> bool:
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def loopback_hosts() -> list[str]:
    """Host header values accepted when serving on a loopback address."""
    return ["127.0.0.1", "localhost", "::1"]


def _host_name(header: str) -> str:
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _csp(nonce: str) -> str:
    return ("default-src 'self'; "
            f"script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
            "form-action 'self'; frame-ancestors 'none'")


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True)

    def link(path: str, **params: Any) -> str:
        clean = {k: v for k, v in params.items() if v not in (None, "")}
        return path + ("?" + urlencode(clean) if clean else "")

    def safe_url(url: str | None) -> str | None:
        """Only http(s) URLs become links: never javascript:, data: and the like."""
        if isinstance(url, str) and url.lower().startswith(("http://", "https://")):
            return url
        return None

    env.globals.update(link=link, safe_url=safe_url, entity_link=render.entity_link)
    env.filters["fmtnum"] = lambda v: f"{v:,}" if isinstance(v, int) else v
    return env


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def create_app(db: str, *, token: str | None = None,
               allowed_hosts: list[str] | None = None, loopback: bool = False) -> FastAPI:
    """The web app over the ledger at `db` (a path; it must exist).

    `loopback`: the server answers this machine only.  Otherwise any request that could
    change the ledger (any method but GET, HEAD, OPTIONS) is refused without a token.
    """
    app = FastAPI(
        title="newsledger", version=_version(),
        description="A time-aware, source-cited ledger of company facts built from business "
                    "news. Read-only JSON API: every statement lists its sources (document, "
                    "outlet, quoted evidence with offsets). Dates are YYYY, YYYY-MM or "
                    "YYYY-MM-DD.",
        docs_url=None, redoc_url=None,            # their pages load scripts from a CDN
        openapi_url="/openapi.json")
    env = _environment()
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    @contextmanager
    def ledger() -> Iterator[Ledger]:
        with Ledger(db, create=False) as opened:
            yield opened

    # ------------------------------------------------------------- middleware

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable) -> Response:
        nonce = secrets.token_urlsafe(16)
        request.state.nonce = nonce
        response: Response
        if hosts is not None and _host_name(request.headers.get("host", "")) not in hosts:
            response = Response("unknown Host header\n", status_code=400,
                                media_type="text/plain")
        elif request.method not in SAFE_METHODS and not loopback and not token:
            response = Response("changing the ledger over a non-loopback address needs a "
                                "token (--token)\n", status_code=403, media_type="text/plain")
        elif request.method not in SAFE_METHODS and not _same_origin(request):
            response = Response("cross-site request refused\n", status_code=403,
                                media_type="text/plain")
        elif token and not _authorised(request, token):
            if _matches(request.query_params.get("token"), token):
                clean = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                response = RedirectResponse(request.url.path + ("?" + urlencode(clean)
                                                                if clean else ""), 303)
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                                    path="/")
            else:
                response = Response("a token is needed: open this page with ?token=... or send "
                                    "'Authorization: Bearer ...'\n", status_code=401,
                                    media_type="text/plain",
                                    headers={"WWW-Authenticate": "Bearer"})
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = _csp(nonce)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Cache-Control"] = "no-store"
        return response

    # --------------------------------------------------------------- helpers

    def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        html = env.get_template(template).render(nonce=request.state.nonce, request=request,
                                                 **context)
        return HTMLResponse(html, status_code=status)

    def error_page(request: Request, status: int, message: str) -> HTMLResponse:
        return page(request, "error.html", status=status, status_code=status, message=message,
                    title="Not found" if status == 404 else "Cannot answer that")

    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        status = 404 if isinstance(exc, EntityNotFound) else 400
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=status)
        return error_page(request, status, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        if wants_json(request):
            return JSONResponse({"detail": str(exc)}, status_code=503)
        return error_page(request, 503, str(exc))

    def today() -> str:
        return dt.date.today().isoformat()

    def day_of(value: str | None, default: str) -> str:
        """A date for <input type=date> (YYYY-MM-DD) from what the user gave."""
        return parse_date(value)[0].isoformat() if value else default

    def document_view(led: Ledger, doc_id: str) -> dict[str, Any]:
        doc = led.document(doc_id)
        if doc is None:
            raise EntityNotFound(f"no document {doc_id[:80]!r}")
        facts = led.facts(doc_id=doc.doc_id)
        spans = render.evidence_spans(doc.text, facts)
        from ..query import describe
        rows = [{"fact_id": f.fact_id, "type": f.type, "summary": describe(f.type, f.args, f.status),
                 "label": describe(f.type, f.args),
                 "time": f.time.to_json(), "status": f.status, "args": f.args,
                 "evidence": f.evidence.to_json(), "placed": f.fact_id in spans}
                for f in facts]
        return {"document": doc.to_json(), "text": doc.text, "facts": rows, "spans": spans}

    # ----------------------------------------------------------------- pages

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request) -> HTMLResponse:
        with ledger() as led:
            entities = led.entities()
            docs = led.documents()
            stats = led.stats()
            n_conflicts = len(led.conflicts())
        by_type: dict[str, list[Any]] = {}
        for e in sorted(entities, key=lambda e: e.name.casefold()):
            by_type.setdefault(e.type, []).append(e)
        docs.sort(key=lambda d: (d.published or "", d.doc_id), reverse=True)
        return page(request, "home.html", title="newsledger", by_type=by_type, docs=docs,
                    stats=stats, n_conflicts=n_conflicts)

    @app.get("/entity", response_class=HTMLResponse, include_in_schema=False)
    def entity_page(request: Request, name: str = "", at: str | None = None) -> HTMLResponse:
        at_day = day_of(at, today())
        with ledger() as led:
            profile = led.entity_profile(name)
            org = led.org_at(profile["name"], at_day)
            tl = led.timeline(profile["name"])
        return page(request, "entity.html", title=profile["name"], profile=profile, org=org,
                    chart=render.org_chart(org), at=at_day, timeline=tl)

    @app.get("/org", response_class=HTMLResponse, include_in_schema=False)
    def org_page(request: Request, name: str = "", at: str | None = None) -> HTMLResponse:
        at_day = day_of(at, today())
        with ledger() as led:
            org = led.org_at(name, at_day)
        return page(request, "org.html", title=f"{org['entity']} as of {at_day}", org=org,
                    chart=render.org_chart(org), at=at_day)

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(request: Request, name: str = "", date_from: str | None = Query(None, alias="from"),
                      date_to: str | None = Query(None, alias="to")) -> HTMLResponse:
        with ledger() as led:
            tl = led.timeline(name, date_from or None, date_to or None)
        return page(request, "timeline.html", title=f"Timeline: {tl['entity']}", timeline=tl)

    @app.get("/diff", response_class=HTMLResponse, include_in_schema=False)
    def diff_page(request: Request, name: str = "", date_from: str | None = Query(None, alias="from"),
                  date_to: str | None = Query(None, alias="to")) -> HTMLResponse:
        d1 = day_of(date_from, "2020-01-01")
        d2 = day_of(date_to, today())
        with ledger() as led:
            d = led.diff(name, d1, d2)
        return page(request, "diff.html", title=f"Changes: {d['entity']}", diff=d, d1=d1, d2=d2)

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(request: Request, entity: str | None = None) -> HTMLResponse:
        with ledger() as led:
            items = led.claim_list(entity or None)
        return page(request, "claims.html", title="Claims", claims=items, entity=entity)

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request, entity: str | None = None) -> HTMLResponse:
        with ledger() as led:
            items = led.conflicts(entity or None)
        return page(request, "conflicts.html", title="Conflicts", conflicts=items, entity=entity)

    @app.get("/doc", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, id: str = "") -> HTMLResponse:
        with ledger() as led:
            view = document_view(led, id)
        return page(request, "document.html", title=view["document"]["title"] or id,
                    doc=view["document"], facts=view["facts"],
                    segments=render.segments(view["text"], view["spans"]))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: str = "") -> HTMLResponse:
        with ledger() as led:
            result = led.find(q) if q.strip() else {"query": q, "entities": [], "documents": []}
        return page(request, "search.html", title=f"Search: {q}" if q else "Search", result=result,
                    q=q)

    # ------------------------------------------------------------------- API

    @app.get("/api/entities", tags=["entities"], summary="All entities")
    def api_entities() -> list[dict[str, Any]]:
        with ledger() as led:
            return [e.to_json() for e in led.entities()]

    @app.get("/api/entity", tags=["entities"], summary="An entity's profile",
             description="Type, aliases, key facts grouped by type (each with its sources) and "
                         "the documents they come from.  404 if no entity has the name or alias.")
    def api_entity(name: str = Query(..., description="Name or alias")) -> dict[str, Any]:
        with ledger() as led:
            return led.entity_profile(name)

    @app.get("/api/timeline", tags=["entities"], summary="An entity's timeline",
             description="Dated events and changes in date order, then undated facts.")
    def api_timeline(name: str = Query(...), date_from: str | None = Query(None, alias="from"),
                     date_to: str | None = Query(None, alias="to")) -> dict[str, Any]:
        with ledger() as led:
            return led.timeline(name, date_from or None, date_to or None)

    @app.get("/api/org", tags=["entities"], summary="Structure at a date",
             description="Units, subsidiaries, joint ventures, stakes, plants and people "
                         "valid at the date (see docs/query.md for the rules).")
    def api_org(name: str = Query(...), at: str = Query(..., description="YYYY[-MM[-DD]]")
                ) -> dict[str, Any]:
        with ledger() as led:
            return led.org_at(name, at)

    @app.get("/api/diff", tags=["entities"], summary="Structure changes between two dates")
    def api_diff(name: str = Query(...), date_from: str = Query(..., alias="from"),
                 date_to: str = Query(..., alias="to")) -> dict[str, Any]:
        with ledger() as led:
            return led.diff(name, date_from, date_to)

    @app.get("/api/search", tags=["search"], summary="Entities and documents matching text")
    def api_search(q: str = Query(...), limit: int = Query(20, ge=1, le=200)) -> dict[str, Any]:
        with ledger() as led:
            return led.find(q, limit)

    @app.get("/api/claims", tags=["claims"], summary="Claims, all or naming an entity")
    def api_claims(entity: str | None = None) -> list[dict[str, Any]]:
        with ledger() as led:
            return led.claim_list(entity or None)

    @app.get("/api/conflicts", tags=["claims"], summary="Claims whose sources disagree")
    def api_conflicts(entity: str | None = None) -> list[dict[str, Any]]:
        with ledger() as led:
            return led.conflicts(entity or None)

    @app.get("/api/doc", tags=["documents"], summary="A document with its facts",
             description="The stored text and every fact read from it, with evidence offsets "
                         "into that text.")
    def api_document(id: str = Query(...)) -> dict[str, Any]:
        with ledger() as led:
            view = document_view(led, id)
        view.pop("spans")
        return view

    @app.get("/api/stats", tags=["documents"], summary="Counts")
    def api_stats() -> dict[str, Any]:
        with ledger() as led:
            stats = led.stats()
        stats.pop("database", None)          # no file paths to the browser
        return stats

    return app


def _same_origin(request: Request) -> bool:
    """No Origin header (not a browser's cross-site request), or this server's own."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return origin.split("://", 1)[-1].rstrip("/").lower() == \
        request.headers.get("host", "").lower()


def _authorised(request: Request, token: str) -> bool:
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer " and _matches(auth[7:].strip(), token):
        return True
    return _matches(request.cookies.get(TOKEN_COOKIE), token)


def _matches(given: str | None, token: str) -> bool:
    return bool(given) and hmac.compare_digest(given.encode("utf-8", "replace"),
                                               token.encode("utf-8", "replace"))


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("newsledger")
    except Exception:
        return "0"
