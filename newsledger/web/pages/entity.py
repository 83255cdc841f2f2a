"""An entity's pages: its story (/entity), its structure at a date (/org), its timeline
with date filters (/timeline) and what changed between two dates (/diff)."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from .. import render
from ..common import day_of, ledger, page, today
from ..timeline_chart import timeline_chart

router = APIRouter(include_in_schema=False)


@router.get("/entity", response_class=HTMLResponse)
def entity_page(request: Request, name: str = "", at: str | None = None) -> HTMLResponse:
    at_day = day_of(at, today())
    with ledger(request) as led:
        profile = led.entity_profile(name)
        org = led.org_at(profile["name"], at_day)
        tl = led.timeline(profile["name"])
    return page(request, "entity.html", title=profile["name"], profile=profile, org=org,
                chart=render.org_chart(org), at=at_day, timeline=tl, tchart=timeline_chart(tl))


@router.get("/org", response_class=HTMLResponse)
def org_page(request: Request, name: str = "", at: str | None = None) -> HTMLResponse:
    at_day = day_of(at, today())
    with ledger(request) as led:
        org = led.org_at(name, at_day)
    return page(request, "org.html", title=f"{org['entity']} as of {at_day}", org=org,
                chart=render.org_chart(org), at=at_day)


@router.get("/timeline", response_class=HTMLResponse)
def timeline_page(request: Request, name: str = "",
                  date_from: str | None = Query(None, alias="from"),
                  date_to: str | None = Query(None, alias="to")) -> HTMLResponse:
    with ledger(request) as led:
        tl = led.timeline(name, date_from or None, date_to or None)
    return page(request, "timeline.html", title=f"Timeline: {tl['entity']}", timeline=tl,
                tchart=timeline_chart(tl))


@router.get("/diff", response_class=HTMLResponse)
def diff_page(request: Request, name: str = "",
              date_from: str | None = Query(None, alias="from"),
              date_to: str | None = Query(None, alias="to")) -> HTMLResponse:
    d1 = day_of(date_from, "2020-01-01")
    d2 = day_of(date_to, today())
    with ledger(request) as led:
        d = led.diff(name, d1, d2)
    return page(request, "diff.html", title=f"Changes: {d['entity']}", diff=d, d1=d1, d2=d2)
