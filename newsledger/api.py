"""The library API: a `Ledger` is a store plus the pipeline that fills it.

The CLI is a thin shell over this class, and so will be any web view: every
operation a user can run is a method here first.

Ingesting one document:  read -> (already stored? duplicate) -> (not English? store it
with a note, no extraction) -> extract (+ the document's near-duplicate profile) ->
canonicalise against the known entities -> store document + facts + entities, add it
to the near-duplicate index and rebuild the claims whose keys the new facts touch (or
whose documents' origin it changed), all in one transaction (a crash leaves all of it
or none of it).  A failure on one input is reported and the batch goes on.

Nothing per document reads the whole ledger: entities are matched through their
normalised keys (`entity_keys`), near-duplicates through stored LSH buckets
(origins.py), claims are found and replaced by their facts' key, all indexed (see
tests/test_scale.py), so a document costs the same in a small ledger as in a big one.

Inputs stream through: they are read lazily and at most a window of documents is in
flight.  With `workers=N` or `dask=...` the pure stages (reading + cleaning, NLP +
extraction) run in worker processes (see parallel.py) while everything that depends
on what is already stored (the duplicate check, canonicalising, storing, claims)
stays here and goes in input order -- so the ledger is the same whatever ran where,
and a restarted run skips what an interrupted one stored before extracting it again.

The pipeline stages live in modules other people own (ingest, nlp/extract, resolve,
reconcile).  They are looked up lazily, through `Pipeline`, for two reasons: spaCy
costs seconds to load and most commands (export, stats, search) never need it; and
tests or other programs can swap a stage, e.g. `Ledger(db, extractor=fake)`.
"""
from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, TextIO

from . import export as _export
from .errors import LedgerError
from .models import ENCODING_NOTE, Claim, Document, Entity, Fact
from .store import SearchHit, Store

DEFAULT_DB = "newsledger.db"


# ------------------------------------------------------------------------- pipeline

# Where each stage's real implementation lives: (module, attribute).
_STAGES = {
    "read": ("newsledger.ingest", "iter_inputs"),
    "count": ("newsledger.ingest", "count_inputs"),
    "skipped": ("newsledger.ingest", "skipped_inputs"),
    "extract_document": ("newsledger.extract", "extract_document"),
    "canonicalise": ("newsledger.resolve", "canonicalise"),
    "entity_keys": ("newsledger.resolve", "entity_keys"),
    "entity_keys_version": ("newsledger.resolve", "entity_keys_version"),
    "build_claims": ("newsledger.reconcile", "build_claims"),
    "claim_key": ("newsledger.reconcile", "claim_key"),
    "keys_touched": ("newsledger.reconcile", "keys_touched"),
}


@dataclass
class Pipeline:
    """The stages a Ledger runs; any left as None is imported from its module on first use.

    - read(inputs, *, fetch_timeout, stdin) -> Iterator[Document | IngestError]
    - count(inputs) -> int | None
    - skipped(inputs) -> Iterator[IngestError]: files in folder inputs that are not read
    - extract(doc) -> Extraction (has .facts and .entities); default runs
      newsledger.extract.extract_document(doc, nlp) with the Ledger's spaCy model
    - canonicalise(extraction, known_entities) -> (facts, entities_to_upsert), where
      known_entities is a resolve.StoredEntities (the store's entities, by key)
    - entity_keys(entity) -> {(group, key)}; entity_keys_version() -> str: the keys the
      store indexes entities by, and a tag that changes when they may
    - build_claims(facts, documents_by_id, origins=doc_id->origin) -> list[Claim]
    - claim_key(fact) -> str;  keys_touched(facts) -> set[str]
    """
    read: Callable[..., Iterable[Any]] | None = None
    count: Callable[[list[str]], int | None] | None = None
    skipped: Callable[[list[str]], Iterable[Any]] | None = None
    extract: Callable[[Document], Any] | None = None
    canonicalise: Callable[[Any, Any], tuple[list[Fact], list[Entity]]] | None = None
    entity_keys: Callable[[Entity], Iterable[tuple[str, str]]] | None = None
    entity_keys_version: Callable[[], str] | None = None
    build_claims: Callable[..., list[Claim]] | None = None
    claim_key: Callable[[Fact], str] | None = None
    keys_touched: Callable[[Iterable[Fact]], set[str]] | None = None

    def stage(self, name: str) -> Callable[..., Any]:
        """The stage set on this pipeline, else the real one (LedgerError if it is missing)."""
        fn = getattr(self, name, None)
        if fn is not None:
            return fn
        module_name, attr = _STAGES[name]
        try:
            return getattr(importlib.import_module(module_name), attr)
        except (ImportError, AttributeError) as exc:
            raise LedgerError(f"pipeline stage {module_name}.{attr} is not available: {exc}") \
                from exc


# --------------------------------------------------------------------------- report

@dataclass
class IngestEvent:
    """What happened to one input; passed to the `progress` callback as it happens.

    outcome: "new" | "duplicate" | "not_english" | "failed" | "warning" | "skipped"
    ("warning": the document is stored but something about it needs a look, e.g. its
    bytes were not clean UTF-8; "skipped": a file in a folder that is not an article).
    """
    input: str
    outcome: str
    doc_id: str | None = None
    reason: str | None = None
    facts: int = 0


@dataclass
class IngestReport:
    """Totals of one ingest call.  read = new + duplicates + skipped_language + failed
    documents (inputs that could not be read at all count only in `failed`)."""
    read: int = 0
    new: int = 0
    duplicates: int = 0
    skipped_language: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    facts: int = 0
    doc_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = (f"read {self.read}, new {self.new}, duplicates {self.duplicates}, "
                f"not English {self.skipped_language}, failed {len(self.failed)}")
        return text + (f", skipped {len(self.skipped)}" if self.skipped else "")

    @property
    def ok(self) -> bool:
        """Nothing failed and something was read: what a script's exit status reports."""
        return not self.failed and self.read > 0

    @property
    def all_failed(self) -> bool:
        """True when there were inputs and none of them got anywhere."""
        return bool(self.failed) and not (self.new or self.duplicates or self.skipped_language)

    def record(self, event: IngestEvent) -> None:
        if event.outcome == "new":
            self.new += 1
            self.facts += event.facts
            self.doc_ids.append(event.doc_id or "")
        elif event.outcome == "duplicate":
            self.duplicates += 1
        elif event.outcome == "not_english":
            self.skipped_language += 1
            self.doc_ids.append(event.doc_id or "")
        elif event.outcome == "failed":
            self.failed.append((event.input, event.reason or "failed"))
        elif event.outcome == "warning":
            self.warnings.append((event.input, event.reason or ""))
        elif event.outcome == "skipped":
            self.skipped.append((event.input, event.reason or ""))


def is_english(language: str | None) -> bool:
    """Unknown language (None) is given the benefit of the doubt: extraction is tried."""
    return not language or language.split("-")[0].split("_")[0].lower() == "en"


# --------------------------------------------------------------------------- ledger

class Ledger:
    """A ledger database plus the pipeline that fills it.

    `db`: path or sqlite URL (default: env NEWSLEDGER_DB, else ./newsledger.db).
    `model`: spaCy pipeline name (default: env NEWSLEDGER_MODEL, else nlp's default).
    `extractor`: hook replacing NLP extraction, `extractor(doc) -> Extraction`; with
    `pipeline` any other stage can be replaced too (see Pipeline).
    `create=False` refuses to create a missing database (for read-only commands).
    `upgrade=False` leaves claims built by another newsledger version as they are (the
    web app's requests; `serve` upgrades them once when it starts); otherwise a writable
    ledger gets them rebuilt when it is opened.
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, model: str | None = None, *,
                 extractor: Callable[[Document], Any] | None = None,
                 pipeline: Pipeline | None = None, create: bool = True, upgrade: bool = True):
        self.db = str(db or os.environ.get("NEWSLEDGER_DB") or DEFAULT_DB)
        self.model = model
        self.pipeline = pipeline or Pipeline()
        if extractor is not None:
            self.pipeline = replace(self.pipeline, extract=extractor)
        self.store = Store.open(self.db, create=create)
        self._nlp: Any = None
        try:
            if upgrade:
                self._claims_current()
        except BaseException:
            self.store.close()
            raise

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ ingest

    def count_inputs(self, inputs: list[str]) -> int | None:
        """How many documents `inputs` hold, when that is cheap to know (for progress bars)."""
        try:
            return self.pipeline.stage("count")(list(inputs))
        except LedgerError:
            return None

    def ingest(self, inputs: Iterable[str], *,
               progress: Callable[[IngestEvent], None] | None = None,
               fetch_timeout: float = 15.0, stdin: Any = None,
               workers: int | None = 1, dask: str | None = None,
               batch_size: int | None = None, claims: bool = True,
               allow_outside_paths: bool = False) -> IngestReport:
        """Read every input (files, folders, manifests, URLs...) into the ledger.

        `workers`: local worker processes for reading and extraction (1: all here).
        `dask`: "local" for a dask LocalCluster (of `workers` processes, default one
        per core) or a scheduler address "tcp://HOST:PORT".  `batch_size`: documents
        in flight ahead of the one being stored (memory stays bounded by it).
        `claims=False`: store documents and facts only, for bulk loads; the claims are
        then built once by `rebuild_claims()` (a per-document rebuild reads every fact
        and document behind the keys the document touches: cheap unless one fact is
        repeated by very many articles).  `allow_outside_paths`: a manifest may name files
        outside its folder (refused by default, so a manifest from elsewhere cannot read
        /etc/passwd).  Files in folder inputs that are not articles are reported first, as
        "skipped".
        """
        from .parallel import open_runner
        report = IngestReport()
        self._prepare_indexes()

        def tell(event: IngestEvent) -> None:
            report.record(event)
            if progress is not None:
                progress(event)

        for item in self.pipeline.stage("skipped")(list(inputs)):
            tell(IngestEvent(str(item.input), "skipped", reason=str(item.reason)))
        read_options: dict[str, Any] = {"fetch_timeout": fetch_timeout, "stdin": stdin}
        if allow_outside_paths:
            read_options["allow_outside_paths"] = True
        preload = self.pipeline.extract is None
        with open_runner(workers=workers, dask=dask, model=self._model_name(),
                         preload=preload) as runner:
            window = runner.default_window() if batch_size is None else batch_size
            items = self._read(list(inputs), runner, window, **read_options)
            for event in self._store_in_order(self._counted(items, report), runner, window,
                                              claims):
                tell(event)
        return report

    def _read(self, inputs: list[str], runner: Any, window: int, **options: Any
              ) -> Iterator[Any]:
        """Documents and unreadable inputs (IngestErrors), lazily, in input order.

        Workers read with default options only; a read that allows manifest paths
        outside their folder stays in this process (extraction still runs on workers).
        """
        if runner.parallel and self.pipeline.read is None and \
                not options.get("allow_outside_paths"):
            from .parallel import read_on_workers
            return read_on_workers(runner, inputs, window, **options)
        return iter(self.pipeline.stage("read")(inputs, **options))

    @staticmethod
    def _counted(items: Iterable[Any], report: IngestReport) -> Iterator[Any]:
        for item in items:
            report.read += isinstance(item, Document)
            yield item

    def _store_in_order(self, items: Iterable[Any], runner: Any, window: int,
                        claims: bool = True) -> Iterator[IngestEvent]:
        """Extract ahead on the runner, then finish (store) each item in input order."""
        jobs = ((item, self._extraction_job(item, runner)) for item in items)
        for item, handle in runner.ordered(jobs, window):
            if isinstance(item, Document):
                yield from self._finish(item, runner, handle, claims)
            else:                       # an IngestError: the input could not be read
                yield IngestEvent(str(getattr(item, "input", item)), "failed",
                                  reason=str(getattr(item, "reason", "could not be read")))

    def _extraction_job(self, item: Any, runner: Any) -> tuple | None:
        """The extraction to start for this item, or None when it will not need one.

        Checked when the item enters the window (content hash first, so a restarted run
        never re-extracts what is stored) and again when it is stored (`_finish`).
        """
        if (not isinstance(item, Document) or not is_english(item.language)
                or self.store.has_document(item.content_hash)):
            return None
        from .parallel import extract_on_worker, prepared
        if runner.parallel:
            return (extract_on_worker, item, self._model_name(), self.pipeline.extract)
        return (lambda doc: prepared(doc, self._extractor()(doc)), item)

    def add_document(self, doc: Document) -> Iterator[IngestEvent]:
        """Ingest one already-read document; yields its outcome (and any warning)."""
        from .parallel import InlineRunner
        self._prepare_indexes()
        yield from self._finish(doc, InlineRunner(), None)

    def _prepare_indexes(self) -> None:
        """Bring the store's lookup indexes up to date before documents go in: entity keys
        made by another version of the key code, documents stored before the
        near-duplicate index existed (both no-ops on a current ledger)."""
        from . import origins
        self.store.rebuild_entity_keys(self.pipeline.stage("entity_keys"),
                                       self.pipeline.stage("entity_keys_version")())
        origins.ensure_index(self.store)

    def _finish(self, doc: Document, runner: Any, handle: Any,
                claims: bool = True) -> Iterator[IngestEvent]:
        """Store one document given its extraction job's handle (None: none was started)."""
        name = doc.source or doc.doc_id
        if self.store.has_document(doc.content_hash):
            yield IngestEvent(name, "duplicate", doc_id=self._stored_id(doc))
            return
        if not is_english(doc.language):
            yield self._store_unextracted(doc, name)
            return
        try:
            if handle is None:
                handle = runner.submit(self._extraction_job(doc, runner))
            extraction = runner.result(handle)
            # One transaction from canonicalising to the claims: a crash leaves the
            # document either absent (the rerun stores it) or stored with its claims
            # (a rerun skips it as a duplicate, so claims rebuilt later would never
            # be); and under the write lock the entities canonicalised against are
            # exactly those stored, whatever other processes ingest meanwhile.
            with self.store.transaction():
                facts, entities = self._canonicalise(extraction)
                stored = self.store.add_document_with_facts(
                    doc, facts, entities, claim_key=self.pipeline.stage("claim_key"),
                    entity_keys=self.pipeline.stage("entity_keys"))
                regrouped = set()
                if stored is not None and facts:
                    from . import origins
                    regrouped = origins.record(self.store, stored,
                                               getattr(extraction, "profile", None))
                if stored is not None and claims:
                    self._refresh_claims(self.store.facts(doc_id=stored.doc_id), regrouped)
        except LedgerError:
            raise                       # e.g. no spaCy model: every document would fail
        except Exception as exc:       # one bad document must not stop the batch
            yield IngestEvent(name, "failed", doc_id=doc.doc_id, reason=_reason(exc))
            return
        if stored is None:              # another process stored the same text meanwhile
            yield IngestEvent(name, "duplicate", doc_id=self._stored_id(doc))
            return
        yield IngestEvent(name, "new", doc_id=stored.doc_id, facts=len(facts))
        for note in stored.notes:
            if note.startswith(ENCODING_NOTE):      # the stored text is not quite the file's
                yield IngestEvent(name, "warning", doc_id=stored.doc_id, reason=note)

    def _stored_id(self, doc: Document) -> str | None:
        found = self.store.get_document_by_hash(doc.content_hash)
        return found.doc_id if found else None

    def _store_unextracted(self, doc: Document, name: str) -> IngestEvent:
        """Non-English text is kept (searchable, and marked) but not run through NLP."""
        note = f"language {doc.language!r} is not English: no facts extracted"
        if not any("english" in n.lower() for n in doc.notes):
            doc = replace(doc, notes=[*doc.notes, note])
        stored = self.store.add_document_with_facts(doc, [], [])
        if stored is None:
            return IngestEvent(name, "duplicate", doc_id=self._stored_id(doc))
        return IngestEvent(name, "not_english", doc_id=stored.doc_id)

    def _canonicalise(self, extraction: Any) -> tuple[list[Fact], list[Entity]]:
        from .resolve import StoredEntities
        canonicalise = self.pipeline.stage("canonicalise")
        facts, entities = canonicalise(extraction, StoredEntities(self.store))
        return list(facts), list(entities)

    def _extractor(self) -> Callable[[Document], Any]:
        if self.pipeline.extract is not None:
            return self.pipeline.extract
        extract_document = self.pipeline.stage("extract_document")
        nlp = self._load_nlp()
        return lambda doc: extract_document(doc, nlp)

    def _model_name(self) -> str | None:
        """The pipeline to load, named here so remote workers use the caller's choice."""
        return self.model or os.environ.get("NEWSLEDGER_MODEL") or None

    def _load_nlp(self) -> Any:
        """spaCy, loaded on the first document that needs it (nlp.load caches per process)."""
        if self._nlp is None:
            try:
                from . import nlp
                self._nlp = nlp.load(self.model)
            except ImportError as exc:
                raise LedgerError(f"cannot load the NLP pipeline: {exc}") from exc
            except Exception as exc:    # nlp.ModelNotFound and friends: fatal for the batch
                raise LedgerError(str(exc)) from exc
        return self._nlp

    # ------------------------------------------------------------------ claims

    def _refresh_claims(self, facts: list[Fact], regrouped: set[str] = frozenset()) -> int:
        """Rebuild the claims for every key the given facts touch, and every key of the
        documents whose near-duplicate origin changed (`regrouped`), from ALL facts
        with those keys."""
        keys = set(self.pipeline.stage("keys_touched")(facts)) if facts else set()
        if regrouped:
            keys |= self.store.fact_keys_of_documents(regrouped)
        if not keys:
            return 0
        # read, build and replace under one write lock: another process adding facts
        # with the same keys cannot slip in between and have its claims overwritten
        with self.store.transaction():
            return self._rebuild(keys, self.store.facts(claim_keys=keys),
                                 self.store.facts_by_claim_key(keys))

    def _rebuild(self, keys: set[str], facts: list[Fact], key_of_fact: dict[str, str]) -> int:
        """build_claims over `facts` (whose keys `key_of_fact` gives), stored under `keys`
        (which it replaces)."""
        doc_ids = {f.doc_id for f in facts}
        documents = {d.doc_id: d for d in self.store.documents(doc_ids)}
        origins = {d: row[2] for d, row in self.store.doc_origins(doc_ids).items()}
        claims = self.pipeline.stage("build_claims")(facts, documents, origins=origins)

        def key_of_claim(claim: Claim) -> str:
            for source in claim.sources:
                if source.fact_id in key_of_fact:
                    return key_of_fact[source.fact_id]
            return claim.claim_id
        return self.store.replace_claims(keys, claims, key=key_of_claim)

    def rebuild_claims(self) -> int:
        """Recompute every fact's claim key, the near-duplicate index and every claim
        (after reconcile changes)."""
        from . import origins
        claim_key = self.pipeline.stage("claim_key")
        self.store.rebuild_entity_keys(self.pipeline.stage("entity_keys"),
                                       self.pipeline.stage("entity_keys_version")())
        with self.store.transaction():
            origins.rebuild_index(self.store)
            facts = self.store.facts()
            keys = {f.fact_id: claim_key(f) for f in facts}
            self.store.set_claim_keys(keys)
            n = self._rebuild(set(keys.values()) | self.store.claim_fact_keys(), facts, keys)
            self._mark_claims_current()
            return n

    def _claims_version(self) -> str | None:
        """The version of the claims the pipeline builds (reconcile.CLAIMS_VERSION), None
        for a pipeline whose claim stages were replaced (tests, other programs)."""
        if self.pipeline.build_claims is not None or self.pipeline.claim_key is not None:
            return None
        try:
            from .reconcile import CLAIMS_VERSION
        except ImportError:
            return None
        return CLAIMS_VERSION

    def _mark_claims_current(self) -> None:
        version = self._claims_version()
        if version is not None and self.store._has_meta and not self.store.read_only:
            self.store.set_meta("claims_version", version)

    def _claims_current(self) -> None:
        """A ledger whose claims another version of newsledger built (other keys, no
        histories) has them rebuilt once, when it is opened for writing: claims are
        derived data, the facts they rest on are kept as they were."""
        version = self._claims_version()
        if version is None or self.store.read_only or not self.store._has_meta:
            return
        if self.store.meta("claims_version") == version:
            return
        with self.store.transaction():
            if self.store.meta("claims_version") == version:    # another process did it
                return
            if self.store.has_facts():
                self.rebuild_claims()
            else:
                self._mark_claims_current()

    # ------------------------------------------------------------------ queries

    def export(self, kind: str, fh: TextIO, *, format: str = "jsonl", **filters: Any) -> int:
        """Write facts|claims|documents|entities to `fh`; returns the number written."""
        return _export.write(self.store, kind, fh, format=format, **filters)

    def facts(self, doc_id: str | None = None, type: str | None = None,
              entity: str | None = None) -> list[Fact]:
        return self.store.facts(doc_id=doc_id, type=type, entity=entity)

    def claims(self, entity: str | None = None) -> list[Claim]:
        return self.store.claims(entity=entity)

    def entities(self) -> list[Entity]:
        return self.store.entities()

    def find_entity(self, name: str) -> Entity | None:
        return self.store.find_entity(name)

    def documents(self) -> list[Document]:
        return self.store.documents()

    def document(self, doc_id: str) -> Document | None:
        return self.store.get_document_by_id(doc_id)

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(text, limit)

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    # ------------------------------------------------- asking (newsledger.query)
    # Each returns JSON-ready dicts; unknown names and bad dates raise
    # query.EntityNotFound / query.QueryError (both ValueError) with a readable message.

    def entity_profile(self, name: str) -> dict[str, Any]:
        """Type, aliases, key facts grouped by type, and the documents they come from."""
        from . import query
        return query.entity_profile(self.store, name)

    def timeline(self, name: str, date_from: str | None = None,
                 date_to: str | None = None) -> dict[str, Any]:
        """Dated events and changes involving the entity, in date order, with sources."""
        from . import query
        return query.timeline(self.store, name, date_from, date_to)

    def org_at(self, name: str, date: str) -> dict[str, Any]:
        """The entity's units, subsidiaries, stakes, plants and people valid at DATE."""
        from . import query
        return query.org_at(self.store, name, date)

    def diff(self, name: str, date_from: str, date_to: str) -> dict[str, Any]:
        """What the entity's structure gained and lost between two dates."""
        from . import query
        return query.diff(self.store, name, date_from, date_to)

    def find(self, text: str, limit: int = 20) -> dict[str, Any]:
        """Entities whose names contain TEXT and documents matching it (see also `search`)."""
        from . import query
        return query.search(self.store, text, limit)

    def claim_list(self, entity: str | None = None) -> list[dict[str, Any]]:
        """Claims (all, or naming ENTITY) with a summary line, sources and conflicts."""
        from . import query
        return query.claims(self.store, entity)

    def conflicts(self, entity: str | None = None) -> list[dict[str, Any]]:
        """One row per disputed claim field: each value with its quotes and outlets."""
        from . import query
        return query.conflicts(self.store, entity)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
