"""Writers for the ledger's exports.

Each export kind is a stream of JSON-ready dicts taken from the store (`records`);
each format is a writer of such a stream (`FORMATS`).  Keeping the two apart lets
the library, the CLI and later formats (CSV, JSON-LD) share one definition of what
a "facts export" contains: facts exactly as FORMAT.md specifies (`Fact.to_json`),
claims as `Claim.to_json`, documents and entities as their `to_json`.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Iterator, TextIO

from .store import Store

KINDS = ("facts", "claims", "documents", "entities")


def records(store: Store, kind: str, *, doc_id: str | None = None, type: str | None = None,
            entity: str | None = None) -> Iterator[dict[str, Any]]:
    """The JSON objects of one export kind; filters apply where the kind has them."""
    if kind == "facts":
        items: Iterable[Any] = store.facts(doc_id=doc_id, type=type, entity=entity)
    elif kind == "claims":
        items = [c for c in store.claims(entity=entity) if type is None or c.type == type]
    elif kind == "documents":
        items = [d for d in store.documents() if doc_id is None or d.doc_id == doc_id]
    elif kind == "entities":
        items = [e for e in store.entities() if type is None or e.type == type]
    else:
        raise ValueError(f"unknown export kind {kind!r}; choose from {', '.join(KINDS)}")
    for item in items:
        yield item.to_json()


def write_jsonl(rows: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """One JSON object per line, UTF-8 text kept readable (no \\u escapes); returns the count."""
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


FORMATS: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
    "jsonl": write_jsonl,
}


def write(store: Store, kind: str, fh: TextIO, *, format: str = "jsonl", **filters: Any) -> int:
    """Write one export kind to `fh` in `format`; returns the number of records written."""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}; choose from {', '.join(KINDS)}")
    try:
        writer = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown export format {format!r}; choose from {', '.join(FORMATS)}")
    return writer(records(store, kind, **filters), fh)
