"""What every page shares: the templates, the ledger of this request, dates from forms.

The app keeps its settings on `app.state` (db, templates); routers reach them through
the request, so each page module is a plain `APIRouter` with nothing to configure.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader

from ..api import Ledger
from ..query import parse_date
from . import render

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> Environment:
    """Jinja2 with autoescape on for every template."""
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

    env.globals.update(link=link, safe_url=safe_url, entity_link=render.entity_link,
                       evidence_link=render.evidence_link)
    env.filters["fmtnum"] = lambda v: f"{v:,}" if isinstance(v, int) else v
    return env


@contextmanager
def ledger(request: Request) -> Iterator[Ledger]:
    """The ledger, opened for this request only (SQLite connections stay on their thread)."""
    with Ledger(request.app.state.db, create=False, upgrade=False) as opened:
        yield opened


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = request.app.state.templates.get_template(template).render(
        nonce=request.state.nonce, request=request, **context)
    return HTMLResponse(html, status_code=status)


def today() -> str:
    return dt.date.today().isoformat()


def day_of(value: str | None, default: str) -> str:
    """A date for <input type=date> (YYYY-MM-DD) from what the user gave."""
    return parse_date(value)[0].isoformat() if value else default
