"""The ledger's storage: documents, facts, entities and claims in SQLite or PostgreSQL.

Why a database and not JSON files: re-ingesting must be a cheap no-op (content-hash
lookup), one document's facts must land all-or-nothing, and queries by entity, type
or claim key must not read the whole ledger.  A plain path (or sqlite:/// URL) is a
SQLite file; a postgresql:// URL is a PostgreSQL database that several machines can
share.  Everything that differs between the engines (placeholders, connection
set-up, how a write transaction takes its lock, full-text search, LIKE case
folding, column types) lives in the `SQLiteDialect` and `PostgresDialect` classes;
the rest of this module only speaks plain SQL with `?` placeholders,
`INSERT ... ON CONFLICT` and `TEXT` columns holding JSON.

The schema grows by numbered migrations (`MIGRATIONS`).  Opening a database applies
the ones it lacks, each in its own transaction, and records them in
`schema_version`, so an old ledger file upgrades itself in place.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, is_dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence
from urllib.parse import quote, urlsplit, urlunsplit

from . import search_syntax
from .models import (Claim, Conflict, Document, Entity, Evidence, Fact, History, Origin, Source,
                     TimeSpan, slug)

BUSY_TIMEOUT_S = 30.0

# An entity's lookup keys: (group, key) pairs, see resolve.EntityIndex.keys_for.
EntityKeys = Callable[[Entity], Iterable[tuple[str, str]]]


class StoreError(Exception):
    """A ledger database that cannot be opened or used; the message is meant for users."""


# --------------------------------------------------------------------------- dialect

class SQLiteDialect:
    """Everything engine-specific, in one place; `PostgresDialect` mirrors it."""

    name = "sqlite"
    begin_sql = "BEGIN IMMEDIATE"   # take the write lock up front: no upgrade deadlocks
    like_op = "LIKE"                # case-insensitive for ASCII in SQLite (ILIKE in PG)
    fts_name = "fts5"
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)

    def render(self, sql: str) -> str:
        """Turn the module's `?` placeholders into the driver's style (identity here)."""
        return sql

    def ddl(self, statement: str) -> str:
        """A schema statement in this engine's types (the module writes SQLite's)."""
        return statement

    @contextmanager
    def transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        """One write transaction: BEGIN IMMEDIATE makes writers queue, readers go on."""
        conn.execute(self.begin_sql)
        try:
            yield
        except BaseException:
            if conn.in_transaction:     # SQLite may already have rolled back (disk full)
                conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def connect(self, target: str, read_only: bool = False) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, so a transaction is
        # exactly what a `with store._transaction()` block covers.
        if read_only:
            conn = sqlite3.connect(_read_only_uri(target), uri=True, timeout=BUSY_TIMEOUT_S,
                                   isolation_level=None)
        else:
            conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if target != ":memory:" and not read_only:
            conn.execute("PRAGMA journal_mode = WAL")   # readers never block the writer
        return conn

    def table_names(self, conn: sqlite3.Connection) -> set[str]:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        return {r[0] for r in rows if not r[0].startswith("sqlite_")}

    def has_search_index(self, conn: sqlite3.Connection) -> bool:
        return "documents_fts" in self.table_names(conn)

    def has_fts(self, conn: sqlite3.Connection) -> bool:
        """FTS5 is compiled into nearly every SQLite, but not all: probe instead of assume."""
        try:
            conn.execute("CREATE VIRTUAL TABLE temp._fts_probe USING fts5(x)")
            conn.execute("DROP TABLE temp._fts_probe")
            return True
        except sqlite3.Error:
            return False

    def fts_schema(self, conn: sqlite3.Connection) -> list[str]:
        """Statements creating and back-filling the full-text index (none without FTS5).

        The porter tokenizer stems English words, so "reintegrate" also finds
        "reintegration"; remove_diacritics lets "Francois" find "François".
        """
        if not self.has_fts(conn):
            return []
        return [
            "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts "
            "USING fts5(doc_id UNINDEXED, title, text, "
            "tokenize = 'porter unicode61 remove_diacritics 2')",
            "INSERT INTO documents_fts (doc_id, title, text) "
            "SELECT doc_id, COALESCE(title, ''), text FROM documents",
        ]

    def fts_rebuild(self, conn: sqlite3.Connection) -> list[str]:
        """Statements replacing an older full-text index by today's `fts_schema`."""
        if not self.has_fts(conn):
            return []
        return ["DROP TABLE IF EXISTS documents_fts", *self.fts_schema(conn)]

    def fts_insert_sql(self) -> str | None:
        """The statement that indexes a new document (None: the engine does it itself)."""
        return "INSERT INTO documents_fts (doc_id, title, text) VALUES (?, ?, ?)"

    def fts_search_sql(self) -> str:
        return ("SELECT doc_id, snippet(documents_fts, -1, '[', ']', '…', 16) "
                "FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?")

    def fts_params(self, query: str, limit: int) -> tuple[Any, ...]:
        return (query, limit)

    def fts_query(self, query: search_syntax.Node, expand: search_syntax.Expand) -> str:
        """The parsed query in FTS5 syntax, every word quoted (never FTS syntax of its own)."""
        return search_syntax.to_fts5(query, expand)


# The text PostgreSQL indexes for search.  'english': stemmed, as SQLite's porter
# tokenizer does, so a search finds the same documents on both engines.  Capped
# because a tsvector holds at most 1 MB; no news article comes near the cap.
_PG_SEARCH_DOC = "to_tsvector('english', left(COALESCE(title, '') || ' ' || text, 250000))"
_PG_LOCK_CLASS = 0x6E6C   # "nl": first key of the ledger's advisory lock


class PostgresDialect(SQLiteDialect):
    """PostgreSQL through psycopg 3: one database (or schema) shared by many processes.

    Writers: SQLite's BEGIN IMMEDIATE lets one writer at a time in and never blocks
    readers.  The same here: each write transaction first takes a transaction-scoped
    advisory lock for the ledger (its schema), so a claims rebuild reads, computes and
    replaces without another process's ingest slipping in between, and readers keep
    reading (MVCC).  Waiting is bounded like SQLite's busy timeout (lock_timeout).
    """

    name = "postgresql"
    like_op = "ILIKE"               # ASCII-only case folding under the "C" collation, like SQLite
    fts_name = "tsvector"

    def __init__(self) -> None:
        import psycopg
        self._psycopg = psycopg
        self.errors = (psycopg.Error,)

    def render(self, sql: str) -> str:
        """`?` -> `%s` outside string literals; a literal `%` must be doubled for psycopg."""
        parts = re.split(r"('(?:[^']|'')*')", sql)
        for i in range(0, len(parts), 2):   # even parts are outside quotes
            parts[i] = parts[i].replace("%", "%%").replace("?", "%s")
        for i in range(1, len(parts), 2):
            parts[i] = parts[i].replace("%", "%%")
        return "".join(parts)

    def ddl(self, statement: str) -> str:
        """REAL is 4 bytes in PostgreSQL (confidences must round-trip exactly), and text
        sorts by code point as in SQLite, so exports come out in the same order."""
        statement = re.sub(r"\bREAL\b", "DOUBLE PRECISION", statement)
        statement = re.sub(r"\bBLOB\b", "BYTEA", statement)
        return re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', statement)

    def connect(self, target: str) -> Any:
        # autocommit: as with SQLite, a transaction is exactly a `transaction()` block
        options = {} if "connect_timeout" in target else {"connect_timeout": 10}
        conn = self._psycopg.connect(target, autocommit=True,
                                     application_name="newsledger", **options)
        conn.execute(f"SET lock_timeout = '{int(BUSY_TIMEOUT_S * 1000)}ms'")
        return conn

    @contextmanager
    def transaction(self, conn: Any) -> Iterator[None]:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s, hashtext(current_schema()))",
                         (_PG_LOCK_CLASS,))
            yield

    def table_names(self, conn: Any) -> set[str]:
        rows = conn.execute("SELECT table_name FROM information_schema.tables "
                            "WHERE table_schema = current_schema()")
        return {r[0] for r in rows}

    def has_search_index(self, conn: Any) -> bool:
        rows = conn.execute("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() "
                            "AND indexname = 'documents_fts'")
        return rows.fetchone() is not None

    def has_fts(self, conn: Any) -> bool:
        return True

    def fts_schema(self, conn: Any) -> list[str]:
        """An expression index: PostgreSQL keeps it up to date (and back-fills it) itself."""
        return [f"CREATE INDEX IF NOT EXISTS documents_fts ON documents USING GIN ({_PG_SEARCH_DOC})"]

    def fts_rebuild(self, conn: Any) -> list[str]:
        return ["DROP INDEX IF EXISTS documents_fts", *self.fts_schema(conn)]

    def fts_insert_sql(self) -> str | None:
        return None

    def fts_search_sql(self) -> str:
        return (f"SELECT doc_id, ts_headline('english', text, to_tsquery('english', ?), "
                f"'StartSel=[, StopSel=], MaxWords=16, MinWords=6') "
                f"FROM documents WHERE {_PG_SEARCH_DOC} @@ to_tsquery('english', ?) "
                f"ORDER BY ts_rank({_PG_SEARCH_DOC}, to_tsquery('english', ?)) DESC, doc_id "
                f"LIMIT ?")

    def fts_params(self, query: str, limit: int) -> tuple[Any, ...]:
        return (query, query, query, limit)

    def fts_query(self, query: search_syntax.Node, expand: search_syntax.Expand) -> str:
        """The parsed query in to_tsquery syntax (its words are \\w+: nothing to escape)."""
        return search_syntax.to_tsquery(query, expand)


# ------------------------------------------------------------------------ migrations

@dataclass(frozen=True)
class Migration:
    """One schema step.  `statements` may depend on the dialect and the live connection."""
    version: int
    description: str
    statements: Callable[[SQLiteDialect, Any], list[str]]


_V1_TABLES = [
    """CREATE TABLE documents (
        doc_id       TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL UNIQUE,
        title        TEXT,
        outlet       TEXT,
        url          TEXT,
        published    TEXT,
        language     TEXT,
        source       TEXT,
        text         TEXT NOT NULL,
        notes        TEXT NOT NULL DEFAULT '[]',
        ingested_at  TEXT NOT NULL
    )""",
    """CREATE TABLE entities (
        entity_id TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        type      TEXT NOT NULL,
        aliases   TEXT NOT NULL DEFAULT '[]'
    )""",
    """CREATE TABLE entity_aliases (
        alias_key TEXT NOT NULL,
        entity_id TEXT NOT NULL REFERENCES entities (entity_id) ON DELETE CASCADE,
        PRIMARY KEY (alias_key, entity_id)
    )""",
    """CREATE TABLE facts (
        fact_id       TEXT PRIMARY KEY,
        doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
        type          TEXT NOT NULL,
        args          TEXT NOT NULL,
        time_start    TEXT,
        time_end      TEXT,
        time          TEXT NOT NULL,
        status        TEXT,
        ev_start      INTEGER NOT NULL,
        ev_end        INTEGER NOT NULL,
        ev_text       TEXT NOT NULL,
        attributed_to TEXT,
        confidence    REAL NOT NULL,
        claim_key     TEXT
    )""",
    """CREATE TABLE fact_entities (
        fact_id   TEXT NOT NULL REFERENCES facts (fact_id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL,
        role      TEXT NOT NULL,
        PRIMARY KEY (fact_id, entity_id, role)
    )""",
    """CREATE TABLE claims (
        claim_id  TEXT PRIMARY KEY,
        claim_key TEXT NOT NULL UNIQUE,
        type      TEXT NOT NULL,
        data      TEXT NOT NULL
    )""",
    "CREATE INDEX idx_entity_aliases_entity ON entity_aliases (entity_id)",
    "CREATE INDEX idx_facts_doc ON facts (doc_id)",
    "CREATE INDEX idx_facts_type ON facts (type)",
    "CREATE INDEX idx_facts_claim_key ON facts (claim_key)",
    "CREATE INDEX idx_facts_time_start ON facts (time_start)",
    "CREATE INDEX idx_fact_entities_entity ON fact_entities (entity_id)",
]

# Version 3: what ingest looks up per document, indexed, so its cost does not grow
# with the ledger (issue 13).
_V4_STATEMENTS = [
    # The key of the facts a claim rests on.  A claim is stored as `key`, or `key#n`
    # when several claims share one key; finding them by prefix scanned the table.
    "ALTER TABLE claims ADD COLUMN fact_key TEXT",
    "UPDATE claims SET fact_key = claim_key WHERE claim_key NOT LIKE '%#%'",
    "UPDATE claims SET fact_key = (SELECT MAX(c2.claim_key) FROM claims c2 "
    "WHERE c2.fact_key IS NOT NULL AND substr(claims.claim_key, 1, length(c2.claim_key) + 1) "
    "= c2.claim_key || '#') WHERE fact_key IS NULL",
    "UPDATE claims SET fact_key = claim_key WHERE fact_key IS NULL",
    "CREATE INDEX idx_claims_fact_key ON claims (fact_key)",
    # Entity matching: the normalised keys of every alias (resolve.EntityIndex.keys_for),
    # so a document looks up its names instead of reloading every entity.  Filled by
    # the ledger (the keys depend on lexicons; `ledger_meta` records their version).
    """CREATE TABLE entity_keys (
        name_key  TEXT NOT NULL,
        key_group TEXT NOT NULL,
        entity_id TEXT NOT NULL REFERENCES entities (entity_id) ON DELETE CASCADE,
        PRIMARY KEY (name_key, key_group, entity_id)
    )""",
    "CREATE INDEX idx_entity_keys_entity ON entity_keys (entity_id)",
    # Near-duplicate documents: each document's MinHash-LSH buckets (neardup.py),
    # stored once, and the origin group it belongs to (reconcile.group_origin).
    """CREATE TABLE doc_buckets (
        bucket BIGINT NOT NULL,
        doc_id TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
        PRIMARY KEY (bucket, doc_id)
    )""",
    "CREATE INDEX idx_doc_buckets_doc ON doc_buckets (doc_id)",
    """CREATE TABLE doc_origins (
        doc_id   TEXT PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
        group_id TEXT NOT NULL,
        agency   TEXT,
        origin   TEXT NOT NULL,
        shingles BLOB
    )""",
    "CREATE INDEX idx_doc_origins_group ON doc_origins (group_id)",
    """CREATE TABLE ledger_meta (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
]

MIGRATIONS: list[Migration] = [
    Migration(1, "documents, entities, facts, claims",
              lambda dialect, conn: [dialect.ddl(s) for s in _V1_TABLES]),
    Migration(2, "full-text index over document title and text",
              lambda dialect, conn: dialect.fts_schema(conn)),
    Migration(3, "full-text index with stemming (porter / english), words for prefixes",
              lambda dialect, conn: [*dialect.fts_rebuild(conn), *_search_terms_schema(dialect, conn)]),
    Migration(4, "claims by fact key; entity keys; near-duplicate buckets and origins",
              lambda dialect, conn: [dialect.ddl(s) for s in _V4_STATEMENTS]),
]
SCHEMA_VERSION = MIGRATIONS[-1].version


def _search_terms_schema(dialect: SQLiteDialect, conn: Any) -> list[str]:
    """The table of every word the articles use (see search_syntax: prefix expansion),
    back-filled from the stored documents.  Words are \\w+, so they go in as literals."""
    out = [dialect.ddl("CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY)")]
    words: set[str] = set()
    for title, text in conn.execute("SELECT title, text FROM documents"):
        words |= search_syntax.index_words(f"{title or ''} {text}")
    ordered = sorted(words)
    for i in range(0, len(ordered), 500):
        values = ", ".join(f"('{w}')" for w in ordered[i:i + 500])
        out.append(f"INSERT INTO search_terms (term) VALUES {values} "
                   f"ON CONFLICT (term) DO NOTHING")
    return out


# ----------------------------------------------------------------------------- store

@dataclass
class SearchHit:
    """One document matching a full-text search, with the matching passage."""
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "title": self.title, "outlet": self.outlet,
                "published": self.published, "snippet": self.snippet}


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """Lookup key for a name: case, accents and punctuation don't tell entities apart."""
    return slug(name)


def _dumps(value: Any) -> str:
    # No default=str: a value that isn't JSON must fail loudly, not be stored mangled.
    return json.dumps(value, ensure_ascii=False)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


class Store:
    """A ledger database.  Open with `Store.open(path_or_url)`; `":memory:"` works."""

    def __init__(self, conn: Any, dialect: SQLiteDialect, location: str,
                 migrations: Sequence[Migration] = MIGRATIONS, read_only: bool = False):
        self._conn = conn
        self._dialect = dialect
        self.location = location
        self.read_only = read_only
        self._in_transaction = False
        if read_only:
            self._check_readable(migrations)
        else:
            self._migrate(migrations)
        self._fts = dialect.has_search_index(conn)
        self._terms = "search_terms" in dialect.table_names(conn)   # prefix expansion
        # False only when opened with fewer migrations than this code has (tests)
        self._has_meta = "ledger_meta" in dialect.table_names(conn)

    @property
    def engine(self) -> str:
        """"sqlite" or "postgresql"."""
        return self._dialect.name

    # ----------------------------------------------------------------- opening

    @classmethod
    def open(cls, url_or_path: str | Path = ":memory:", *, create: bool = True,
             migrations: Sequence[Migration] = MIGRATIONS) -> "Store":
        """Open (and create or upgrade) a ledger.  Raises StoreError with a readable message.

        `create=False` refuses to make a new file: read-only commands given a mistyped
        path should say so rather than report an empty ledger.  A postgresql:// URL
        names an existing database (create it with `createdb`); the ledger's tables
        are made in its current schema.
        """
        if is_postgres_url(str(url_or_path)):
            return cls._open_postgres(str(url_or_path), create, migrations)
        target = _sqlite_target(str(url_or_path))
        if target != ":memory:":
            path = Path(target)
            if not create and not path.exists():
                raise StoreError(f"no ledger database at {target} (run `newsledger ingest` first)")
            if path.is_dir():
                raise StoreError(f"cannot open database {target}: it is a directory")
        dialect = SQLiteDialect()
        read_only = not create and target != ":memory:" and not _writable(Path(target))
        try:
            conn = dialect.connect(target, read_only)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open database {target}: {exc}") from exc
        try:
            return cls(conn, dialect, target, migrations, read_only)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise StoreError(f"cannot use database {target}: {exc}") from exc
        except StoreError:
            conn.close()
            raise

    @classmethod
    def _open_postgres(cls, url: str, create: bool,
                       migrations: Sequence[Migration]) -> "Store":
        shown = redact_url(url)
        try:
            dialect = PostgresDialect()
        except ImportError as exc:
            raise StoreError(f"PostgreSQL needs the psycopg package ({exc}); "
                             f"pip install 'psycopg[binary]'") from exc
        try:
            conn = dialect.connect(url)
        except dialect.errors as exc:
            raise StoreError(f"cannot open database {shown}: {_first_line(exc)}") from exc
        try:
            if not create and "schema_version" not in dialect.table_names(conn):
                raise StoreError(f"no ledger in database {shown} (run `newsledger ingest` first)")
            return cls(conn, dialect, shown, migrations)
        except dialect.errors as exc:
            conn.close()
            raise StoreError(f"cannot use database {shown}: {_first_line(exc)}") from exc
        except StoreError:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(self._dialect.render(sql), params)

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return self._execute(sql, params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing block holding the write lock; nested blocks join the outer one.

        Callers use it to make read-compute-write sequences (claims) race-free
        against other processes writing the same ledger.
        """
        if self._in_transaction:
            yield
            return
        self._in_transaction = True
        try:
            with self._dialect.transaction(self._conn):
                yield
        finally:
            self._in_transaction = False

    # ---------------------------------------------------------- migrations

    @property
    def schema_version(self) -> int:
        rows = self._rows("SELECT MAX(version) FROM schema_version")
        return rows[0][0] or 0

    def _check_readable(self, migrations: Sequence[Migration]) -> None:
        """A ledger opened read-only is used as it is: no migration can run on it, and an
        older schema reads fine (search without stemming before version 3)."""
        if "schema_version" not in self._dialect.table_names(self._conn):
            raise StoreError(f"{self.location} is a database, but not a newsledger ledger")
        known = max((m.version for m in migrations), default=0)
        if self.schema_version > known:
            raise StoreError(f"{self.location} has schema version {self.schema_version}, newer "
                             f"than this newsledger supports ({known}); upgrade newsledger")

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        """Apply missing migrations in order, one transaction each (safe if two processes race)."""
        tables = self._dialect.table_names(self._conn)
        if "schema_version" not in tables:
            if tables:
                raise StoreError(f"{self.location} is a database, but not a newsledger ledger")
            with self.transaction():
                self._execute(self._dialect.ddl(
                    "CREATE TABLE IF NOT EXISTS schema_version ("
                    "version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
                    "applied_at TEXT NOT NULL)"))
        known = max((m.version for m in migrations), default=0)
        if self.schema_version > known:
            raise StoreError(f"{self.location} has schema version {self.schema_version}, newer "
                             f"than this newsledger supports ({known}); upgrade newsledger")
        for migration in sorted(migrations, key=lambda m: m.version):
            if migration.version <= self.schema_version:
                continue
            with self.transaction():
                if migration.version <= self.schema_version:   # another process got here first
                    continue
                for statement in migration.statements(self._dialect, self._conn):
                    self._execute(statement)
                self._execute("INSERT INTO schema_version (version, description, applied_at) "
                              "VALUES (?, ?, ?)", (migration.version, migration.description, _now()))

    # ----------------------------------------------------------- documents

    def has_document(self, content_hash: str) -> bool:
        return bool(self._rows("SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)))

    def get_document_by_id(self, doc_id: str) -> Document | None:
        rows = self._rows(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,))
        return _document(rows[0]) if rows else None

    def get_document_by_hash(self, content_hash: str) -> Document | None:
        rows = self._rows(f"SELECT {_DOC_COLUMNS} FROM documents WHERE content_hash = ?",
                          (content_hash,))
        return _document(rows[0]) if rows else None

    def documents(self, doc_ids: Iterable[str] | None = None) -> list[Document]:
        """All documents in ingestion order, or just those with the given ids."""
        sql = f"SELECT {_DOC_COLUMNS} FROM documents"
        params: list[Any] = []
        if doc_ids is not None:
            ids = sorted(set(doc_ids))
            if not ids:
                return []
            sql += f" WHERE doc_id IN ({_marks(ids)})"
            params = ids
        return [_document(r) for r in self._rows(sql + " ORDER BY ingested_at, doc_id", params)]

    def add_document_with_facts(self, doc: Document, facts: Sequence[Fact],
                                entities: Sequence[Entity] = (), *,
                                claim_key: Callable[[Fact], str] | None = None,
                                entity_keys: EntityKeys | None = None
                                ) -> Document | None:
        """Store a document, its facts and the entities they name, in ONE transaction.

        Returns the document as stored (its doc_id may have been made unique), or None
        when the same content is already stored (nothing is written).  Any failure,
        e.g. a fact argument that isn't JSON, rolls the whole document back.
        `claim_key` computes each fact's reconciliation key (reconcile owns that notion);
        `entity_keys` each entity's lookup keys (resolve owns those, see `entity_ids_by_key`).
        """
        with self.transaction():
            if self.has_document(doc.content_hash):
                return None
            doc = self._unique_doc_id(doc)
            facts = [f if f.doc_id == doc.doc_id else _moved(f, doc.doc_id) for f in facts]
            self._insert_document(doc)
            for entity in entities:
                self._upsert_entity(entity, entity_keys)
            local = {alias_key(a): e.entity_id for e in entities for a in e.aliases}
            found: dict[str, str | None] = {}     # other names, looked up once per document
            for fact in facts:
                self._insert_fact(fact, claim_key(fact) if claim_key else None, local, found)
        return doc

    def _unique_doc_id(self, doc: Document) -> Document:
        """A different text under a taken doc_id is stored as doc_id~hash, with a note."""
        if self.get_document_by_id(doc.doc_id) is None:
            return doc
        for length in (8, 12, 16, 64):
            candidate = f"{doc.doc_id}~{doc.content_hash[:length]}"
            if self.get_document_by_id(candidate) is None:
                note = (f"doc_id {doc.doc_id!r} already names a different text; "
                        f"stored as {candidate!r}")
                return replace(doc, doc_id=candidate, notes=[*doc.notes, note])
        raise StoreError(f"cannot find a free doc_id for {doc.doc_id!r}")

    def _insert_document(self, doc: Document) -> None:
        self._execute(
            "INSERT INTO documents (doc_id, content_hash, title, outlet, url, published, "
            "language, source, text, notes, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc.doc_id, doc.content_hash, doc.title, doc.outlet, doc.url, doc.published,
             doc.language, doc.source, doc.text, _dumps(list(doc.notes)), _now()))
        index_sql = self._dialect.fts_insert_sql() if self._fts else None
        if index_sql:
            self._execute(index_sql, (doc.doc_id, doc.title or "", doc.text))
        if self._terms:
            words = sorted(search_syntax.index_words(f"{doc.title or ''} {doc.text}"))
            if words:
                self._execute(f"INSERT INTO search_terms (term) VALUES {', '.join('(?)' for _ in words)} "
                              f"ON CONFLICT (term) DO NOTHING", words)

    # ------------------------------------------------------------ entities

    def _upsert_entity(self, entity: Entity, entity_keys: EntityKeys | None = None) -> None:
        """Insert or update an entity; aliases only ever grow."""
        rows = self._rows("SELECT aliases, type FROM entities WHERE entity_id = ?",
                          (entity.entity_id,))
        aliases = list(dict.fromkeys([*(json.loads(rows[0][0]) if rows else []),
                                      *entity.aliases]))
        self._execute(
            "INSERT INTO entities (entity_id, name, type, aliases) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (entity_id) DO UPDATE SET name = excluded.name, "
            "type = excluded.type, aliases = excluded.aliases",
            (entity.entity_id, entity.name, entity.type, _dumps(aliases)))
        for key in {alias_key(a) for a in aliases}:
            self._execute("INSERT INTO entity_aliases (alias_key, entity_id) VALUES (?, ?) "
                          "ON CONFLICT (alias_key, entity_id) DO NOTHING",
                          (key, entity.entity_id))
        if entity_keys is not None:
            retyped = bool(rows) and rows[0][1] != entity.type
            self._set_entity_keys(replace(entity, aliases=aliases), entity_keys, retyped)
        elif self._has_meta:    # keys not kept up to date: the next ledger recomputes them
            self._execute("DELETE FROM ledger_meta WHERE name = 'entity_keys'")

    def _set_entity_keys(self, entity: Entity, entity_keys: EntityKeys, replace_all: bool) -> None:
        """Record the entity's lookup keys; `replace_all` drops its old ones first (its type
        changed, and the keys depend on the type)."""
        if replace_all:
            self._execute("DELETE FROM entity_keys WHERE entity_id = ?", (entity.entity_id,))
        for group, key in sorted(set(entity_keys(entity))):
            self._execute("INSERT INTO entity_keys (name_key, key_group, entity_id) "
                          "VALUES (?, ?, ?) ON CONFLICT (name_key, key_group, entity_id) "
                          "DO NOTHING", (key, group, entity.entity_id))

    def entity_ids_by_key(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """{(group, key): entity_id} for the keys some stored entity has; when several do,
        the smallest entity_id (the one an index built in entity_id order would keep)."""
        wanted = set(keys)
        names = sorted({k for _, k in wanted})
        found: dict[tuple[str, str], str] = {}
        for chunk in _chunks(names):
            for key, group, entity_id in self._rows(
                    f"SELECT name_key, key_group, MIN(entity_id) FROM entity_keys "
                    f"WHERE name_key IN ({_marks(chunk)}) GROUP BY name_key, key_group", chunk):
                if (group, key) in wanted:
                    found[(group, key)] = entity_id
        return found

    def entities_by_id(self, entity_ids: Iterable[str]) -> dict[str, Entity]:
        ids = sorted(set(entity_ids))
        out: dict[str, Entity] = {}
        for chunk in _chunks(ids):
            for row in self._rows(f"SELECT entity_id, name, type, aliases FROM entities "
                                  f"WHERE entity_id IN ({_marks(chunk)})", chunk):
                out[row[0]] = _entity(row)
        return out

    def rebuild_entity_keys(self, entity_keys: EntityKeys, version: str) -> bool:
        """Recompute every entity's lookup keys unless they were made by `version` of the
        key function (a ledger from before version 4, or lexicons changed since).
        Returns whether it did."""
        if self.meta("entity_keys") == version:
            return False
        with self.transaction():
            if self.meta("entity_keys") == version:     # another process did it meanwhile
                return False
            self._execute("DELETE FROM entity_keys")
            for entity in self.entities():
                self._set_entity_keys(entity, entity_keys, replace_all=False)
            self.set_meta("entity_keys", version)
        return True

    # ----------------------------------------------------------------- meta

    def meta(self, name: str) -> str | None:
        rows = self._rows("SELECT value FROM ledger_meta WHERE name = ?", (name,))
        return rows[0][0] if rows else None

    def has_facts(self) -> bool:
        return bool(self._rows("SELECT 1 FROM facts LIMIT 1"))

    def set_meta(self, name: str, value: str) -> None:
        self._execute("INSERT INTO ledger_meta (name, value) VALUES (?, ?) "
                      "ON CONFLICT (name) DO UPDATE SET value = excluded.value", (name, value))

    # ------------------------------------------------------ near-duplicates

    def add_doc_buckets(self, doc_id: str, buckets: Iterable[int]) -> None:
        for bucket in sorted(set(buckets)):
            self._execute("INSERT INTO doc_buckets (bucket, doc_id) VALUES (?, ?) "
                          "ON CONFLICT (bucket, doc_id) DO NOTHING", (bucket, doc_id))

    def docs_in_buckets(self, buckets: Iterable[int], limit: int | None = None) -> set[str]:
        """Documents sharing at least one LSH bucket with the given ones; with `limit`,
        the `limit` sharing the most buckets (ties by doc_id)."""
        wanted = sorted(set(buckets))
        shared: dict[str, int] = {}
        for chunk in _chunks(wanted):
            for doc_id, n in self._rows(f"SELECT doc_id, COUNT(*) FROM doc_buckets WHERE bucket "
                                        f"IN ({_marks(chunk)}) GROUP BY doc_id", chunk):
                shared[doc_id] = shared.get(doc_id, 0) + n
        if limit is None or len(shared) <= limit:
            return set(shared)
        return set(sorted(shared, key=lambda d: (-shared[d], d))[:limit])

    def doc_origins(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str | None, str]]:
        """{doc_id: (group_id, agency, origin)} for the documents that have one."""
        ids = sorted(set(doc_ids))
        out = {}
        for chunk in _chunks(ids):
            for doc_id, group_id, agency, origin in self._rows(
                    f"SELECT doc_id, group_id, agency, origin FROM doc_origins "
                    f"WHERE doc_id IN ({_marks(chunk)})", chunk):
                out[doc_id] = (group_id, agency, origin)
        return out

    def origin_group_members(self, group_ids: Iterable[str]) -> dict[str, str | None]:
        """{doc_id: agency} of every document in the given origin groups."""
        ids = sorted(set(group_ids))
        out: dict[str, str | None] = {}
        for chunk in _chunks(ids):
            out.update(self._rows(f"SELECT doc_id, agency FROM doc_origins "
                                  f"WHERE group_id IN ({_marks(chunk)})", chunk))
        return out

    def set_doc_origins(self, rows: Mapping[str, tuple[str, str | None, str]]) -> None:
        for doc_id, (group_id, agency, origin) in sorted(rows.items()):
            self._execute("INSERT INTO doc_origins (doc_id, group_id, agency, origin) "
                          "VALUES (?, ?, ?, ?) ON CONFLICT (doc_id) DO UPDATE SET "
                          "group_id = excluded.group_id, agency = excluded.agency, "
                          "origin = excluded.origin", (doc_id, group_id, agency, origin))

    def set_doc_shingles(self, doc_id: str, hashes: bytes) -> None:
        """A recorded document's shingle hashes (reconcile.near_dup_profile)."""
        self._execute("UPDATE doc_origins SET shingles = ? WHERE doc_id = ?", (hashes, doc_id))

    def doc_shingles(self, doc_ids: Iterable[str]) -> dict[str, bytes]:
        ids = sorted(set(doc_ids))
        out: dict[str, bytes] = {}
        for chunk in _chunks(ids):
            for doc_id, hashes in self._rows(f"SELECT doc_id, shingles FROM doc_origins "
                                             f"WHERE doc_id IN ({_marks(chunk)})", chunk):
                out[doc_id] = bytes(hashes or b"")
        return out

    def clear_near_dup_index(self) -> None:
        with self.transaction():
            self._execute("DELETE FROM doc_buckets")
            self._execute("DELETE FROM doc_origins")
            self._execute("DELETE FROM ledger_meta WHERE name = 'near_dup_index'")

    def documents_without_origin(self, limit: int) -> list[Document]:
        """Documents with facts but no near-duplicate record yet (ledgers from before
        version 4), oldest first, at most `limit`."""
        return [_document(r) for r in self._rows(
            f"SELECT {_DOC_COLUMNS} FROM documents d WHERE NOT EXISTS (SELECT 1 FROM "
            f"doc_origins o WHERE o.doc_id = d.doc_id) AND EXISTS (SELECT 1 FROM facts f "
            f"WHERE f.doc_id = d.doc_id) ORDER BY d.ingested_at, d.doc_id LIMIT ?", (int(limit),))]


    def entities(self) -> list[Entity]:
        return [_entity(r) for r in
                self._rows("SELECT entity_id, name, type, aliases FROM entities ORDER BY entity_id")]

    def find_entity(self, name: str) -> Entity | None:
        """The entity a name (or alias, any case or accents) refers to; exact names win."""
        return self.find_entities([name]).get(name)

    def find_entities(self, names: Iterable[str]) -> dict[str, Entity]:
        """find_entity for many names in one query per 500: {name: entity} of those found."""
        by_key: dict[str, list[str]] = {}
        for name in names:
            by_key.setdefault(alias_key(name), []).append(name)
        rows_of: dict[str, list[tuple]] = {}
        keys = sorted(by_key)
        for chunk in _chunks(keys):
            for row in self._rows(
                    "SELECT a.alias_key, e.entity_id, e.name, e.type, e.aliases FROM entities e "
                    f"JOIN entity_aliases a ON a.entity_id = e.entity_id WHERE a.alias_key IN ({_marks(chunk)})",
                    chunk):
                rows_of.setdefault(row[0], []).append(row[1:])
        out: dict[str, Entity] = {}
        for key, rows in rows_of.items():
            for name in by_key[key]:
                best = min(rows, key=lambda r: (r[1] != name, alias_key(r[1]) != key, r[0]))
                out[name] = _entity(best)
        return out

    # --------------------------------------------------------------- facts

    def _insert_fact(self, fact: Fact, key: str | None, local: Mapping[str, str],
                     found: dict[str, str | None]) -> None:
        t = fact.time
        self._execute(
            "INSERT INTO facts (fact_id, doc_id, type, args, time_start, time_end, time, status, "
            "ev_start, ev_end, ev_text, attributed_to, confidence, claim_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (fact_id) DO NOTHING",
            (fact.fact_id, fact.doc_id, fact.type, _dumps(fact.args), t.start, t.end,
             _dumps({"start": t.start, "end": t.end, "approx": t.approx, "text": t.text,
                     "resolved": t.resolved}),
             fact.status, fact.evidence.start, fact.evidence.end, fact.evidence.text,
             fact.attributed_to, float(fact.confidence), key))
        for role, name in _entity_args(fact.args):
            entity_id = local.get(alias_key(name))
            if entity_id is None:
                if name not in found:
                    entity = self.find_entity(name)
                    found[name] = entity.entity_id if entity else None
                entity_id = found[name]
            if entity_id is not None:
                self._execute("INSERT INTO fact_entities (fact_id, entity_id, role) "
                              "VALUES (?, ?, ?) ON CONFLICT (fact_id, entity_id, role) DO NOTHING",
                              (fact.fact_id, entity_id, role))

    def facts(self, doc_id: str | None = None, type: str | None = None,
              entity: str | None = None, claim_keys: Iterable[str] | None = None,
              unclaimed: bool = False) -> list[Fact]:
        """Facts filtered by document, type, entity (any name or alias) and/or claim keys;
        `unclaimed`: only those no stored claim rests on (no claim under their key)."""
        where, params = [], []
        if unclaimed:
            where.append("(f.claim_key IS NULL OR NOT EXISTS "
                         "(SELECT 1 FROM claims c WHERE c.fact_key = f.claim_key))")
        if doc_id is not None:
            where.append("f.doc_id = ?")
            params.append(doc_id)
        if type is not None:
            # With an entity, `type || ''` keeps the planner off the type index: a type
            # holds a fifth of the ledger, an entity's facts are few.
            where.append("f.type || '' = ?" if entity is not None else "f.type = ?")
            params.append(type)
        if entity is not None:
            found = self.find_entity(entity)
            if found is None:
                return []
            where.append("f.fact_id IN (SELECT fact_id FROM fact_entities WHERE entity_id = ?)")
            params.append(found.entity_id)
        if claim_keys is not None:
            keys = sorted(set(claim_keys))
            if not keys:
                return []
            where.append(f"f.claim_key IN ({_marks(keys)})")
            params.extend(keys)
        sql = f"SELECT {_FACT_COLUMNS} FROM facts f"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY f.doc_id, f.ev_start, f.ev_end, f.fact_id"
        return [_fact(r) for r in self._rows(sql, params)]

    def facts_by_claim_key(self, claim_keys: Iterable[str]) -> dict[str, str]:
        """{fact_id: claim_key} of the facts stored under these keys (see `facts`)."""
        keys = sorted(set(claim_keys))
        out: dict[str, str] = {}
        for chunk in _chunks(keys):
            out.update(self._rows(f"SELECT fact_id, claim_key FROM facts "
                                  f"WHERE claim_key IN ({_marks(chunk)})", chunk))
        return out

    def set_claim_keys(self, keys: Mapping[str, str | None]) -> None:
        """Re-key facts ({fact_id: claim_key}) when reconcile's notion of a key changes."""
        with self.transaction():
            for fact_id, key in keys.items():
                self._execute("UPDATE facts SET claim_key = ? WHERE fact_id = ?", (key, fact_id))

    def claim_keys(self) -> set[str]:
        """Every key a claim is stored under (including `key#n` ones)."""
        return {r[0] for r in self._rows("SELECT claim_key FROM claims")}

    def claim_fact_keys(self) -> set[str]:
        """Every fact key some claim rests on (what `replace_claims` replaces by)."""
        return {r[0] for r in self._rows("SELECT DISTINCT fact_key FROM claims")}

    def fact_keys_of_documents(self, doc_ids: Iterable[str]) -> set[str]:
        """The claim keys of the facts of these documents."""
        ids = sorted(set(doc_ids))
        out: set[str] = set()
        for chunk in _chunks(ids):
            out.update(r[0] for r in self._rows(
                f"SELECT DISTINCT claim_key FROM facts WHERE doc_id IN ({_marks(chunk)}) "
                f"AND claim_key IS NOT NULL", chunk))
        return out

    # -------------------------------------------------------------- claims

    def replace_claims(self, keys: Iterable[str], claims: Iterable[Claim], *,
                       key: Callable[[Claim], str] | None = None) -> int:
        """Delete the claims stored under `keys` and insert `claims`, in one transaction.

        Each claim is stored under `key(claim)` (default: its `claim_key` attribute if
        reconcile sets one, else its claim_id).  When several claims share one key, the
        later ones are stored as `key#2`, `key#3`...; replacing `key` replaces them all.
        A claim_id already used by a claim under another key is made unique the same way.
        """
        key = key or (lambda c: getattr(c, "claim_key", None) or c.claim_id)
        keys = sorted(set(keys))
        count = 0
        with self.transaction():
            for k in keys:
                self._execute("DELETE FROM claims WHERE fact_key = ?", (k,))
            for claim in claims:
                fact_key = key(claim)
                stored_key = self._free_value("claim_key", fact_key)
                claim_id = self._free_value("claim_id", claim.claim_id)
                if claim_id != claim.claim_id:
                    claim = replace(claim, claim_id=claim_id)
                self._execute("INSERT INTO claims (claim_id, claim_key, fact_key, type, data) "
                              "VALUES (?, ?, ?, ?, ?)",
                              (claim.claim_id, stored_key, fact_key, claim.type,
                               _claim_json(claim)))
                count += 1
        return count

    def _free_value(self, column: str, value: str) -> str:
        """`value`, or `value#n` for the first n that is not yet used in claims.<column>."""
        candidate, n = value, 1
        while self._rows(f"SELECT 1 FROM claims WHERE {column} = ?", (candidate,)):
            n += 1
            candidate = f"{value}#{n}"
        return candidate

    def claims(self, entity: str | None = None, types: Sequence[str] | None = None,
               entity_ids: Sequence[str] | None = None) -> list[Claim]:
        """All claims, or those resting on facts that name the entity (or any of the
        entities `entity_ids`); `types`: only these."""
        where, params = [], []
        if entity_ids is not None:
            ids = sorted(set(entity_ids))
            if len(ids) > 500:          # (SQLite caps a statement's parameters)
                seen = {c.claim_id: c for chunk in _chunks(ids) for c in self.claims(types=types, entity_ids=chunk)}
                return sorted(seen.values(), key=lambda c: c.claim_id)
            if not ids:
                return []
            where.append("c.fact_key IN (SELECT f.claim_key FROM fact_entities fe JOIN facts f ON "
                         f"f.fact_id = fe.fact_id WHERE fe.entity_id IN ({_marks(ids)}))")
            params.extend(ids)
        if types is not None:
            if not types:
                return []
            where.append(f"c.type IN ({_marks(list(types))})")
            params.extend(types)
        if entity is not None:
            found = self.find_entity(entity)
            if found is None:
                return []
            # a claim rests on the facts whose claim_key is its fact_key
            where.append("c.fact_key IN (SELECT f.claim_key FROM fact_entities fe "
                         "JOIN facts f ON f.fact_id = fe.fact_id WHERE fe.entity_id = ?)")
            params.append(found.entity_id)
        sql = "SELECT data FROM claims c" + (" WHERE " + " AND ".join(where) if where else "")
        return [_claim(json.loads(r[0])) for r in self._rows(sql + " ORDER BY c.claim_key", params)]

    # -------------------------------------------------------------- search

    def search(self, text: str, limit: int = 20) -> list[SearchHit]:
        """Documents matching `text` (see search_syntax.py: stems, OR, NOT, prefix*, phrases),
        ranked by FTS5 or tsvector; without a full-text index, LIKE on its required words.
        A query that cannot be read raises search_syntax.SearchSyntaxError."""
        query = search_syntax.parse(text)
        if query is None:
            return []
        if self._fts:
            match = self._dialect.fts_query(query, self._prefix_words)
            rows = self._rows(self._dialect.fts_search_sql(),
                              self._dialect.fts_params(match, int(limit)))
            snippets = dict(rows)
            order = [r[0] for r in rows]
        else:
            order, snippets = self._like_search(search_syntax.required_words(query), limit)
        docs = {d.doc_id: d for d in self.documents(order)}
        return [SearchHit(i, docs[i].title, docs[i].outlet, docs[i].published, snippets[i])
                for i in order if i in docs]

    def _prefix_words(self, prefix: str, most: int = 64) -> list[str] | None:
        """Words of the articles starting with `prefix` (None: too many, or no table)."""
        key = search_syntax.index_key(prefix)
        if not key or not self._terms:
            return None
        words = [r[0] for r in self._rows(
            "SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
            (key, key + "\U0010ffff", most + 1))]
        return words if len(words) <= most else None

    def _like_search(self, words: list[str], limit: int) -> tuple[list[str], dict[str, str]]:
        op = self._dialect.like_op
        where = " AND ".join(f"(COALESCE(title, '') || ' ' || text) {op} ? ESCAPE '\\'"
                             for _ in words)
        params = ["%" + _like_escape(w) + "%" for w in words]
        rows = self._rows(f"SELECT doc_id, text FROM documents WHERE {where} "
                          f"ORDER BY ingested_at, doc_id LIMIT ?", [*params, int(limit)])
        return [r[0] for r in rows], {r[0]: _snippet(r[1], words[0]) for r in rows}

    # ------------------------------------------------------------ overview

    def most_stated_entities(self, limit: int = 20) -> list[tuple[str, str, str, int, int]]:
        """(entity_id, name, type, facts, documents) for the entities most facts name."""
        return [tuple(r) for r in self._rows(
            "SELECT e.entity_id, e.name, e.type, COUNT(DISTINCT fe.fact_id), "
            "COUNT(DISTINCT f.doc_id) FROM fact_entities fe "
            "JOIN entities e ON e.entity_id = fe.entity_id "
            "JOIN facts f ON f.fact_id = fe.fact_id "
            "GROUP BY e.entity_id, e.name, e.type "
            "ORDER BY COUNT(DISTINCT fe.fact_id) DESC, e.name LIMIT ?", (int(limit),))]

    def latest_facts(self, types: Sequence[str], until: str, limit: int = 50) -> list[Fact]:
        """Facts of these types dated on or before `until` (YYYY-MM-DD), latest first."""
        return [_fact(r) for r in self._rows(
            f"SELECT {_FACT_COLUMNS} FROM facts f WHERE f.type IN ({_marks(types)}) "
            f"AND f.time_start IS NOT NULL AND f.time_start <= ? "
            f"ORDER BY f.time_start DESC, f.fact_id LIMIT ?", [*types, until, int(limit)])]

    # --------------------------------------------------------------- stats

    def stats(self) -> dict[str, Any]:
        """Counts a user (or a monitoring script) wants at a glance."""
        def count(table: str) -> int:
            return self._rows(f"SELECT COUNT(*) FROM {table}")[0][0]
        return {
            "database": self.location,
            "schema_version": self.schema_version,
            "documents": count("documents"),
            "facts": count("facts"),
            "entities": count("entities"),
            "claims": count("claims"),
            "facts_by_type": dict(self._rows(
                "SELECT type, COUNT(*) FROM facts GROUP BY type ORDER BY type")),
            "documents_by_language": {k or "unknown": v for k, v in self._rows(
                "SELECT language, COUNT(*) FROM documents GROUP BY language ORDER BY language")},
            "search": self._dialect.fts_name if self._fts else "like",
        }


# ------------------------------------------------------------------- row mapping

_DOC_COLUMNS = ("doc_id, text, title, outlet, url, published, language, source, "
                "content_hash, notes")
_FACT_COLUMNS = ("f.fact_id, f.doc_id, f.type, f.args, f.time, f.status, f.ev_start, "
                 "f.ev_end, f.ev_text, f.attributed_to, f.confidence")


def _sqlite_target(url_or_path: str) -> str:
    """Accept a plain path, ':memory:' or a sqlite:/// URL; refuse other engines clearly."""
    if url_or_path.startswith("sqlite:///"):
        return url_or_path[len("sqlite:///"):] or ":memory:"
    if url_or_path in ("sqlite://", "sqlite:"):
        return ":memory:"
    if re.match(r"^[a-z][a-z0-9+]*://", url_or_path):
        scheme = url_or_path.split(":", 1)[0]
        raise StoreError(f"unsupported database URL scheme {scheme!r}; use a SQLite file "
                         f"path or a postgresql:// URL")
    return url_or_path


def _writable(path: Path) -> bool:
    """Can this process write the ledger file and its folder (SQLite's WAL files live
    there)?  Write permission bits count even for root, who os.access lets write
    anything: a ledger someone made read-only is treated as read-only."""
    for p in (path, path.resolve().parent):
        try:
            mode = p.stat().st_mode
        except OSError:
            return True                 # let sqlite report what is wrong
        if not os.access(p, os.W_OK) or not mode & 0o222:
            return False
    return True


def _read_only_uri(target: str) -> str:
    """A read-only SQLite URI for the file.  immutable=1: nothing can write it, so SQLite
    takes no locks and makes no -wal/-shm files (which a read-only folder would refuse);
    with a -wal file left beside it (changes not yet folded in) plain mode=ro reads them."""
    path = Path(target).resolve()
    wal = Path(f"{path}-wal")
    flags = "mode=ro" if wal.exists() and wal.stat().st_size else "mode=ro&immutable=1"
    return f"file:{quote(str(path))}?{flags}"


def is_postgres_url(url_or_path: str) -> bool:
    return url_or_path.startswith(("postgresql://", "postgres://"))


def redact_url(url: str) -> str:
    """The URL with its password masked: it ends up in messages and `stats`."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def database_errors() -> tuple[type[BaseException], ...]:
    """The driver exceptions a command may meet mid-way (for one-line error reports)."""
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    try:
        import psycopg
        errors += (psycopg.Error,)
    except ImportError:
        pass
    return errors


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices of at most `size`: SQLite caps the parameters of one statement."""
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _snippet(text: str, word: str, width: int = 80) -> str:
    i = text.casefold().find(word.casefold())
    if i < 0:
        return text[:width]
    start = max(0, i - width // 2)
    return ("…" if start else "") + text[start:i + len(word) + width // 2].replace("\n", " ")


def _entity_args(args: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(role, name) for every string argument; only ones naming an entity get linked."""
    for role, value in args.items():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str) and v.strip():
                yield role, v


def _moved(fact: Fact, doc_id: str) -> Fact:
    """The fact re-homed to another doc_id; its id is recomputed since it hashes the doc."""
    return replace(fact, doc_id=doc_id, fact_id="")


def _document(row: tuple) -> Document:
    doc_id, text, title, outlet, url, published, language, source, chash, notes = row
    return Document(doc_id=doc_id, text=text, title=title, outlet=outlet, url=url,
                    published=published, language=language, source=source,
                    content_hash=chash, notes=json.loads(notes))


def _entity(row: tuple) -> Entity:
    entity_id, name, type_, aliases = row
    return Entity(name=name, type=type_, aliases=json.loads(aliases), entity_id=entity_id)


def _timespan(d: Mapping[str, Any] | None) -> TimeSpan:
    d = d or {}
    return TimeSpan(d.get("start"), d.get("end"), bool(d.get("approx", False)),
                    d.get("text"), bool(d.get("resolved", True)))


def _fact(row: tuple) -> Fact:
    (fact_id, doc_id, type_, args, time, status, ev_start, ev_end, ev_text,
     attributed_to, confidence) = row
    return Fact(doc_id=doc_id, type=type_, args=json.loads(args),
                evidence=Evidence(ev_start, ev_end, ev_text), time=_timespan(json.loads(time)),
                status=status, attributed_to=attributed_to, confidence=confidence,
                fact_id=fact_id)


def _claim_json(claim: Claim) -> str:
    """Full-fidelity form (unlike Claim.to_json, keeps each source's args and time text):
    what json.dumps(dataclasses.asdict(claim)) gives, without asdict's deep copies."""
    return json.dumps(claim, ensure_ascii=False, default=_dataclass_fields)


def _dataclass_fields(value: Any) -> dict[str, Any]:
    if is_dataclass(value) and not isinstance(value, type):
        return {name: getattr(value, name) for name in value.__dataclass_fields__}
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _claim(d: dict[str, Any]) -> Claim:
    sources = [Source(doc_id=s["doc_id"], fact_id=s["fact_id"],
                      evidence=Evidence(**s["evidence"]), outlet=s.get("outlet"),
                      time=_timespan(s.get("time")), status=s.get("status"),
                      args=s.get("args") or {}, attributed_to=s.get("attributed_to"))
               for s in d.get("sources", [])]
    return Claim(claim_id=d["claim_id"], type=d["type"], args=d["args"],
                 time=_timespan(d.get("time")), status=d.get("status"), sources=sources,
                 independent_sources=d.get("independent_sources", len(sources)),
                 conflicts=[Conflict(c["field"], c["values"]) for c in d.get("conflicts", [])],
                 based_on=list(d.get("based_on", [])),
                 history=History.from_json(d.get("history")),
                 origins=[Origin(o.get("report"), list(o.get("doc_ids") or []), o.get("how", ""))
                          for o in d.get("origins") or []])
