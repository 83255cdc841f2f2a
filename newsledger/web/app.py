"""`newsledger serve`: the ledger in a browser, and the same answers as JSON under /api.

Server-rendered pages (Jinja2, autoescape on for every template), no external
resources: CSS and the one small script are inline and carry a per-response nonce
that the Content-Security-Policy names, so no other script can run, whatever an
article contains.  Every page is a GET and nothing changes the ledger.  The pages
live in `pages/` (one router per page family); this module puts them together.

Safety rails (security.py):
- binds to 127.0.0.1 by default; on a loopback address the Host header must be a
  loopback name (defeats DNS rebinding);
- bound elsewhere, a request that could change the ledger (any method but GET, HEAD,
  OPTIONS; today there are none) is refused unless a token guards the server, and
  anywhere when a browser sends it from another site (its Origin header);
- with a token (`--token`, env NEWSLEDGER_TOKEN) every request must carry it, as
  `Authorization: Bearer T`, or a cookie that opening any page once with `?token=T`
  sets (HttpOnly, SameSite=Strict);
- each request opens its own read connection to the ledger (SQLite connections stay
  on the thread that made them); a ledger file nobody may write is opened read-only.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from ..errors import EntityNotFound, QueryError
from ..store import StoreError
from .common import environment, page
from .pages import ROUTERS
from .security import guard, is_loopback, loopback_hosts

__all__ = ["create_app", "is_loopback", "loopback_hosts"]


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
        docs_url=None, redoc_url=None,       # /docs is our own page (pages/docs.py)
        openapi_url="/openapi.json")
    app.state.db = db
    app.state.templates = environment()
    hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None
    app.middleware("http")(guard(token=token, hosts=hosts, loopback=loopback))
    for router in ROUTERS:
        app.include_router(router)
    app.exception_handler(QueryError)(_query_error)
    app.exception_handler(StoreError)(_store_error)
    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/openapi.json"


async def _query_error(request: Request, exc: QueryError) -> Response:
    """An unknown name is a 404 with close names to try; a bad date or query a 400."""
    not_found = isinstance(exc, EntityNotFound)
    status = 404 if not_found else 400
    suggestions = exc.suggestions if not_found else []
    if _wants_json(request):
        body = {"detail": str(exc), **({"suggestions": suggestions} if not_found else {})}
        return JSONResponse(body, status_code=status)
    return page(request, "error.html", status=status, message=str(exc),
                suggestions=suggestions, title="Not found" if not_found else "Cannot answer that")


async def _store_error(request: Request, exc: StoreError) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": str(exc)}, status_code=503)
    return page(request, "error.html", status=503, message=str(exc), suggestions=[],
                title="Cannot answer that")


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("newsledger")
    except Exception:
        return "0"
