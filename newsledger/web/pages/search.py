"""/search: entities and articles matching the search box's query."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..common import ledger, page

router = APIRouter(include_in_schema=False)


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = "") -> HTMLResponse:
    with ledger(request) as led:
        result = led.find(q) if q.strip() else {"query": q, "entities": [], "documents": []}
    return page(request, "search.html", title=f"Search: {q}" if q else "Search",
                result=result, q=q)
