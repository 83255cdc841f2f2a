"""Near-duplicate origins kept in the store, updated one document at a time.

`reconcile.origin_groups(documents)` says which documents are copies of one text
(near-duplicates, joined transitively) and what each group's origin is.  Computed
from scratch it needs every document at once, which no per-document ingest step can
afford.  Here the same grouping is kept in the store: each document's LSH buckets
(computed once, by `profile`, on a worker), and each document's group and origin.
A new document meets only the documents sharing a bucket with it, the exact shingle
test confirms them, and the groups it joins are merged.  Groups only ever merge, and
a group's origin is a function of its members (`reconcile.group_origin`), so the
stored origins are exactly what `origin_groups` gives over the same documents,
whatever order they came in.

Only documents with facts are recorded: claims never cite the others, and a full
rebuild of claims has never grouped them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import Document
from .reconcile import group_origin, near_dup_profile, near_duplicate_hashes, wire_agency

INDEX_VERSION = "1"         # ledger_meta 'near_dup_index': every document is recorded
BACKFILL_BATCH = 200
# Candidates confirmed per new document: those sharing the most LSH bands.  A copy or a
# rewrite shares many bands (a Jaccard of 0.5 shares about 7 of 28), a chance neighbour
# one or two; and joining any one member of a group of copies joins the whole group.
# Without a bound, templated text makes every new document confirm a share of the whole
# ledger, and the cost per document grows with the ledger.
MAX_CANDIDATES = 64


@dataclass(frozen=True)
class DocProfile:
    """What the near-duplicate index needs of a document, computed from its text alone:
    LSH buckets, shingle hashes (so candidates are confirmed without re-reading and
    re-shingling their texts) and the wire agency it declares."""
    buckets: tuple[int, ...]
    shingles: bytes
    agency: str | None


def profile(doc: Document) -> DocProfile:
    """The pure, per-document part (shingling, MinHash, wire markers): run on workers."""
    buckets, shingles = near_dup_profile(doc.text)
    return DocProfile(tuple(buckets), shingles, wire_agency(doc))


def record(store: Any, doc: Document, prof: DocProfile | None = None) -> set[str]:
    """Add a stored document to the index; returns the other documents whose origin
    changed (their claims must be rebuilt).  Runs inside the caller's transaction."""
    prof = prof or profile(doc)
    candidates = store.docs_in_buckets(prof.buckets, limit=MAX_CANDIDATES + 1) - {doc.doc_id}
    hashes = store.doc_shingles(candidates) if candidates else {}
    matches = {c for c in candidates if near_duplicate_hashes(prof.shingles, hashes.get(c, b""))}
    store.add_doc_buckets(doc.doc_id, prof.buckets)
    joined = store.doc_origins(matches)
    members = store.origin_group_members({group for group, _, _ in joined.values()})
    members[doc.doc_id] = prof.agency
    before = store.doc_origins(set(members) - {doc.doc_id})
    group_id, origin = min(members), group_origin(members)
    rows = {d: (group_id, agency, origin) for d, agency in members.items()}
    changed = {d for d, row in rows.items() if d != doc.doc_id and before.get(d) != row}
    store.set_doc_origins({d: rows[d] for d in changed | {doc.doc_id}})
    if prof.shingles:
        store.set_doc_shingles(doc.doc_id, prof.shingles)
    return {d for d in changed if before.get(d, (None, None, None))[2] != origin}


def ensure_index(store: Any) -> int:
    """Record the documents stored before the index existed (a ledger from before schema
    version 4); a no-op once done.  Returns how many it recorded."""
    if store.meta("near_dup_index") == INDEX_VERSION:
        return 0
    done = 0
    with store.transaction():
        if store.meta("near_dup_index") == INDEX_VERSION:    # another process did it
            return 0
        while batch := store.documents_without_origin(BACKFILL_BATCH):
            for doc in batch:
                record(store, doc)
            done += len(batch)
        store.set_meta("near_dup_index", INDEX_VERSION)
    return done


def rebuild_index(store: Any) -> int:
    """Forget the index and record every document again (after reconcile changes)."""
    with store.transaction():
        store.clear_near_dup_index()
        return ensure_index(store)
