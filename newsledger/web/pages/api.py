"""The JSON API under /api: the same answers as the pages and the CLI."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request

from ..common import ledger
from .doc import document_view

router = APIRouter(prefix="/api")


@router.get("/entities", tags=["entities"], summary="All entities")
def api_entities(request: Request) -> list[dict[str, Any]]:
    with ledger(request) as led:
        return [e.to_json() for e in led.entities()]


@router.get("/entity", tags=["entities"], summary="An entity's profile",
            description="Type, aliases, key facts grouped by type (each with its sources) and "
                        "the documents they come from.  404 if no entity has the name or alias "
                        "(the answer's `suggestions` lists close names).")
def api_entity(request: Request, name: str = Query(..., description="Name or alias")
               ) -> dict[str, Any]:
    with ledger(request) as led:
        return led.entity_profile(name)


@router.get("/timeline", tags=["entities"], summary="An entity's timeline",
            description="Dated events and changes in date order, then undated facts.")
def api_timeline(request: Request, name: str = Query(...),
                 date_from: str | None = Query(None, alias="from", description="YYYY[-MM[-DD]]"),
                 date_to: str | None = Query(None, alias="to", description="YYYY[-MM[-DD]]")
                 ) -> dict[str, Any]:
    with ledger(request) as led:
        return led.timeline(name, date_from or None, date_to or None)


@router.get("/org", tags=["entities"], summary="Structure at a date",
            description="Units, subsidiaries, joint ventures, stakes, plants and people "
                        "valid at the date (see docs/query.md for the rules).")
def api_org(request: Request, name: str = Query(...),
            at: str = Query(..., description="YYYY[-MM[-DD]]")) -> dict[str, Any]:
    with ledger(request) as led:
        return led.org_at(name, at)


@router.get("/diff", tags=["entities"], summary="Structure changes between two dates")
def api_diff(request: Request, name: str = Query(...),
             date_from: str = Query(..., alias="from", description="YYYY[-MM[-DD]]"),
             date_to: str = Query(..., alias="to", description="YYYY[-MM[-DD]]")
             ) -> dict[str, Any]:
    with ledger(request) as led:
        return led.diff(name, date_from, date_to)


@router.get("/search", tags=["search"], summary="Entities and documents matching text",
            description="Stemmed full-text search: words AND-ed, OR, NOT (or -word), "
                        "prefix*, \"phrases\", parentheses.")
def api_search(request: Request, q: str = Query(...), limit: int = Query(20, ge=1, le=200)
               ) -> dict[str, Any]:
    with ledger(request) as led:
        return led.find(q, limit)


@router.get("/claims", tags=["claims"], summary="Claims, all or naming an entity")
def api_claims(request: Request, entity: str | None = None) -> list[dict[str, Any]]:
    with ledger(request) as led:
        return led.claim_list(entity or None)


@router.get("/conflicts", tags=["claims"], summary="Claims whose sources disagree")
def api_conflicts(request: Request, entity: str | None = None) -> list[dict[str, Any]]:
    with ledger(request) as led:
        return led.conflicts(entity or None)


@router.get("/doc", tags=["documents"], summary="A document with its facts",
            description="The stored text and every fact read from it, with evidence offsets "
                        "into that text.")
def api_document(request: Request, id: str = Query(...)) -> dict[str, Any]:
    with ledger(request) as led:
        view = document_view(led, id)
    view.pop("spans")
    return view


@router.get("/stats", tags=["documents"], summary="Counts")
def api_stats(request: Request) -> dict[str, Any]:
    with ledger(request) as led:
        stats = led.stats()
    stats.pop("database", None)          # no file paths to the browser
    return stats
