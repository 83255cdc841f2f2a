"""Growth benchmark: what storing one more document costs as the ledger grows.

Extraction is excluded on purpose (it does not depend on the ledger, and running
spaCy over 100,000 articles does not fit a benchmark run): a pool of synthetic
articles is extracted once for real (`extract_pool`), then replayed (`Replay`).
Replayed article i is archive article i's text and metadata, carrying the facts and
entities the real pipeline extracted from pool article i % pool size.  Every block of
`WORLD` articles is about its own companies and people (their names get the block's
tag), as a real archive's cast grows with it: the ledger's entities, aliases, facts
and claim keys grow with the archive, while one fact is repeated by a bounded number
of articles.  (A fact repeated by every article would cost in proportion to its
sources, since a claim holds all of them.)

What is timed is `Ledger.ingest` minus the replay itself: reading, the duplicate
check, canonicalising against the stored entities, storing, the near-duplicate index
and, with claims, rebuilding the claims of the keys the document touches.
"""
from __future__ import annotations

import pickle
import time
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

WORLD = 1_000           # articles per cast of companies and people


def extract_pool(archive: Any, n: int, path: Path) -> None:
    """Run the real pipeline over archive articles 0..n-1; pickle (facts, entities) each."""
    from newsledger import nlp
    from newsledger.extract import extract_document
    from newsledger.models import Document
    model = nlp.load()
    pool = []
    for article in archive.articles(n):
        doc = _document(article)
        out = extract_document(doc, model)
        pool.append((list(out.facts), list(out.entities)))
    path.write_bytes(pickle.dumps(pool))


def _document(article: Any, suffix: str = "") -> Any:
    from newsledger.models import Document
    return Document(doc_id=article.doc_id + suffix, text=article.text, title=article.title,
                    outlet=article.outlet, published=article.published, language="en",
                    source=article.doc_id)


class Replay:
    """Documents and a stand-in extractor replaying the pool (see the module doc)."""

    def __init__(self, archive: Any, pool_path: Path):
        self.archive = archive
        self.pool = pickle.loads(pool_path.read_bytes())
        self.spent = 0.0            # seconds inside the stand-in extractor (subtracted)
        self._index: dict[str, int] = {}

    def documents(self, start: int, stop: int) -> list[Any]:
        docs = [_document(a) for a in self.archive.articles(stop - start, start=start)]
        for i, d in enumerate(docs, start=start):
            self._index[d.doc_id] = i
        return docs

    def extract(self, doc: Any) -> SimpleNamespace:
        began = time.perf_counter()
        i = self._index.pop(doc.doc_id)
        facts, entities = self.pool[i % len(self.pool)]
        tag = f" W{i // WORLD:03d}"
        rename = {}
        for e in entities:
            for name in [e.name, *e.aliases]:
                rename[name] = name + tag
        new_entities = [replace(e, name=rename[e.name], aliases=[rename[a] for a in e.aliases],
                                entity_id="") for e in entities]
        new_facts = [replace(f, doc_id=doc.doc_id, fact_id="", args=_renamed(f.args, rename, tag),
                             attributed_to=rename.get(f.attributed_to, f.attributed_to))
                     for f in facts]
        self.spent += time.perf_counter() - began
        return SimpleNamespace(facts=new_facts, entities=new_entities)


def _renamed(args: dict, rename: dict[str, str], tag: str) -> dict:
    """Every name in the args moves to the block's cast: the entities', and names that
    are no entity of the article ('the Aarhus plant'), which would otherwise gather
    one fact from every block under one key."""
    from newsledger.schema import ENTITY_ARGS

    def one(v: Any) -> Any:
        if isinstance(v, str):
            return rename.get(v, v + tag)
        if isinstance(v, list):
            return [one(x) for x in v]
        return v
    return {k: one(v) if k in ENTITY_ARGS else v for k, v in args.items()}


def run(db: str, archive: Any, pool_path: Path, checkpoints: list[int], batch: int,
        report) -> None:
    """Grow a ledger to each checkpoint (bulk, --no-claims), then time one batch of
    `batch` documents with --no-claims and one with claims; `report(dict)` per checkpoint."""
    from newsledger.api import Ledger
    replay = Replay(archive, pool_path)
    with Ledger(db, extractor=replay.extract) as ledger:
        done = 0
        for checkpoint in checkpoints:
            fill_to = checkpoint - 2 * batch
            fill_start = time.perf_counter()
            _ingest(ledger, replay, done, fill_to, claims=False)
            fill_s = time.perf_counter() - fill_start
            plain = _ingest(ledger, replay, fill_to, fill_to + batch, claims=False)
            with_claims = _ingest(ledger, replay, fill_to + batch, checkpoint, claims=True)
            done = checkpoint
            stats = ledger.stats()
            # LSH candidate pairs (with one count per shared band): how often a new
            # document meets an old one it must be compared with
            shared = ledger.store._rows("SELECT COALESCE(SUM(n * (n - 1) / 2), 0) FROM "
                                        "(SELECT COUNT(*) AS n FROM doc_buckets GROUP BY bucket) b")
            stats["candidates_per_doc"] = 2 * shared[0][0] / max(1, checkpoint)
            report({"articles": checkpoint, "fill_s": fill_s,
                    "no_claims_ms": plain * 1000 / batch, "claims_ms": with_claims * 1000 / batch,
                    "facts": stats["facts"], "entities": stats["entities"],
                    "claims": stats["claims"], "candidates": stats["candidates_per_doc"]})


def _ingest(ledger: Any, replay: Replay, start: int, stop: int, claims: bool,
            chunk: int = 500) -> float:
    """Seconds spent storing documents start..stop-1 (the replay's own time excluded)."""
    from newsledger.api import Pipeline
    total = 0.0
    for lo in range(start, stop, chunk):
        docs = replay.documents(lo, min(stop, lo + chunk))
        ledger.pipeline = replace(ledger.pipeline, read=lambda inputs, **_: iter(docs))
        spent_before = replay.spent
        began = time.perf_counter()
        report = ledger.ingest(["replay"], claims=claims)
        total += time.perf_counter() - began - (replay.spent - spent_before)
        assert report.new == len(docs), report.summary()
    return total
