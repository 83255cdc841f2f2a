"""/ : recent events, the companies most is known about, the latest articles."""
from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ... import query
from ..common import ledger, page, today

router = APIRouter(include_in_schema=False)
ARTICLES_LISTED = 50


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with ledger(request) as led:
        overview = query.overview(led.store, today())
        docs = led.documents()
        stats = led.stats()
        n_conflicts = len(led.conflicts())
    docs.sort(key=lambda d: (d.published or "", d.doc_id), reverse=True)
    return page(request, "home.html", title="newsledger", overview=overview,
                docs=docs[:ARTICLES_LISTED], more_docs=max(0, len(docs) - ARTICLES_LISTED),
                stats=stats, n_conflicts=n_conflicts)
