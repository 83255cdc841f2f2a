"""/doc: one article with the evidence of every fact read from it highlighted."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...api import Ledger
from ...errors import EntityNotFound
from ...query import describe
from .. import render
from ..common import ledger, page

router = APIRouter(include_in_schema=False)


def document_view(led: Ledger, doc_id: str) -> dict[str, Any]:
    """The document, its facts (with evidence offsets) and where each can be highlighted."""
    doc = led.document(doc_id)
    if doc is None:
        raise EntityNotFound(f"no document {doc_id[:80]!r}")
    facts = led.facts(doc_id=doc.doc_id)
    spans = render.evidence_spans(doc.text, facts)
    rows = [{"fact_id": f.fact_id, "type": f.type, "summary": describe(f.type, f.args, f.status),
             "label": describe(f.type, f.args), "time": f.time.to_json(), "status": f.status,
             "args": f.args, "evidence": f.evidence.to_json(), "placed": f.fact_id in spans}
            for f in facts]
    return {"document": doc.to_json(), "text": doc.text, "facts": rows, "spans": spans}


@router.get("/doc", response_class=HTMLResponse)
def document_page(request: Request, id: str = "") -> HTMLResponse:
    with ledger(request) as led:
        view = document_view(led, id)
    return page(request, "document.html", title=view["document"]["title"] or id,
                doc=view["document"], facts=view["facts"],
                segments=render.segments(view["text"], view["spans"]))
