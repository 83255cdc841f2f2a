"""/docs: the JSON API described on a page of our own (Swagger UI would load a CDN's
scripts, which the Content-Security-Policy forbids); /openapi.json has the spec."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..common import page

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    return page(request, "api_docs.html", title="JSON API", spec=request.app.openapi())
