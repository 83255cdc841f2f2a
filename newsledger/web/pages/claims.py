"""/claims (facts merged across articles) and /conflicts (where their sources disagree)."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..common import ledger, page

router = APIRouter(include_in_schema=False)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, entity: str | None = None) -> HTMLResponse:
    with ledger(request) as led:
        items = led.claim_list(entity or None)
    return page(request, "claims.html", title="Claims", claims=items, entity=entity)


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts_page(request: Request, entity: str | None = None) -> HTMLResponse:
    with ledger(request) as led:
        items = led.conflicts(entity or None)
    return page(request, "conflicts.html", title="Conflicts", conflicts=items, entity=entity)
