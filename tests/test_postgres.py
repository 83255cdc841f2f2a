"""The store and the CLI on a real PostgreSQL server (never a mock).

Runs when NEWSLEDGER_TEST_PG names a database on a server where that role may
CREATE DATABASE (.ci/run starts one and sets it); each test gets a fresh database
of its own, dropped afterwards.  The store's essential cases are the SQLite tests
themselves (imported from test_store), run again against a PostgreSQL `store`.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.api import Ledger
from newsledger.cli import cli
from newsledger.models import Document, Evidence, Fact
from newsledger.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError

# The SQLite store tests that only need a `store`: collected here, they get the
# PostgreSQL `store` fixture below instead of test_store's in-memory SQLite one.
from test_store import (ENTITIES, make_doc, part_of_fact, position_fact,  # noqa: F401
                        test_a_different_text_under_a_taken_doc_id_gets_a_suffixed_id,
                        test_add_document_with_facts_is_atomic,
                        test_claims_round_trip_and_filter_by_entity,
                        test_documents_facts_and_entities_round_trip,
                        test_duplicate_content_is_detected_whatever_the_whitespace,
                        test_entity_aliases_only_grow_and_lookup_prefers_exact_names,
                        test_replace_claims_only_touches_the_given_keys,
                        test_search_falls_back_to_like_without_fts,
                        test_search_finds_words_in_text_and_title, test_stats)
from test_cli import ARTICLES, fake_extract, lines
from pg_server import SERVER, create_database, drop_database, url_of

pytestmark = pytest.mark.skipif(
    not SERVER, reason="NEWSLEDGER_TEST_PG is not set: no PostgreSQL server to test against "
                       "(.ci/run starts one and sets it)")


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped afterwards."""
    name = create_database()
    try:
        yield url_of(name)
    finally:
        drop_database(name)


@pytest.fixture
def pg_url():
    """A fresh, empty database for one test."""
    with fresh_database() as url:
        yield url


@pytest.fixture
def store(pg_url):
    with Store.open(pg_url) as s:
        yield s


# ------------------------------------------------------------------ engine specifics

def test_migrations_are_versioned_and_reopening_is_a_no_op(pg_url):
    with Store.open(pg_url) as s:
        assert (s.engine, s.schema_version) == ("postgresql", SCHEMA_VERSION)
        s.add_document_with_facts(make_doc(), [], [])
    with Store.open(pg_url) as s:
        versions = s._rows("SELECT version FROM schema_version ORDER BY version")
        assert [v for (v,) in versions] == [m.version for m in MIGRATIONS]
        assert s.stats()["documents"] == 1 and s.stats()["search"] == "tsvector"


def test_a_v1_database_upgrades_and_its_documents_become_searchable(pg_url):
    with Store.open(pg_url, migrations=MIGRATIONS[:1]) as s:
        assert s.schema_version == 1 and s.stats()["search"] == "like"
        s.add_document_with_facts(make_doc(), [], [])
    with Store.open(pg_url) as s:
        assert s.schema_version == SCHEMA_VERSION and s.stats()["search"] == "tsvector"
        assert [h.doc_id for h in s.search("Ampere")] == ["d1"]


def test_refusals_are_one_readable_line_without_the_password(pg_url):
    with Store.open(pg_url) as s:
        s._execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    with pytest.raises(StoreError, match="newer"):
        Store.open(pg_url)

    password = urlsplit(SERVER).password
    missing = url_of("nl_no_such_database")
    with pytest.raises(StoreError, match="cannot open database") as err:
        Store.open(missing)
    assert not password or password not in str(err.value)
    assert "***" in str(err.value) or not password


def test_read_commands_refuse_a_database_without_a_ledger_and_foreign_tables(pg_url):
    with pytest.raises(StoreError, match="no ledger in database"):
        Store.open(pg_url, create=False)
    _admin_on(pg_url, "CREATE TABLE stuff (x int)")
    with pytest.raises(StoreError, match="not a newsledger"):
        Store.open(pg_url)


def _admin_on(url: str, sql: str) -> None:
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def test_confidence_and_text_order_match_sqlite(store):
    doc = make_doc()
    fact = position_fact(doc, confidence=0.123456789012)
    store.add_document_with_facts(doc, [fact], ENTITIES)
    assert store.facts()[0].confidence == 0.123456789012       # DOUBLE PRECISION, not REAL
    for name in ("b", "B", "_a", "a", "é"):
        store.add_document_with_facts(make_doc(name, text=f"{name} {doc.text}"), [], [])
    # byte order, as SQLite sorts: "B" < "_a" < "a" < "b" < "d1" < "é"
    ids = [r[0] for r in store._rows("SELECT doc_id FROM documents ORDER BY doc_id")]
    assert ids == ["B", "_a", "a", "b", "d1", "é"]


def test_writers_queue_on_the_ledger_lock(pg_url):
    """A second process's write waits for the first's transaction (like BEGIN IMMEDIATE),
    and a reader is never blocked meanwhile."""
    with Store.open(pg_url) as a, Store.open(pg_url) as b, Store.open(pg_url) as reader:
        entered, release, done = threading.Event(), threading.Event(), threading.Event()

        def hold():
            with a.transaction():
                a.add_document_with_facts(make_doc("held"), [], [])
                entered.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        assert entered.wait(10)

        def write():
            b.add_document_with_facts(make_doc("second", text="Another text entirely, " * 5),
                                      [], [])
            done.set()

        writer = threading.Thread(target=write)
        writer.start()
        assert not done.wait(0.5)                  # queued behind the held lock
        assert reader.stats()["documents"] == 0     # and reads go on, seeing committed data
        release.set()
        holder.join(10)
        writer.join(10)
        assert done.is_set()
        assert sorted(d.doc_id for d in reader.documents()) == ["held", "second"]


# (lone surrogates are no text: ingest refuses them before anything is stored)
STORABLE = st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",))


@settings(max_examples=25, deadline=None)
@given(text=st.text(STORABLE, min_size=1, max_size=200),
       args=st.dictionaries(st.text(STORABLE, min_size=1, max_size=8),
                            st.none() | st.integers(-10**9, 10**9) | st.floats(allow_nan=False)
                            | st.text(STORABLE, max_size=20),
                            max_size=4),
       data=st.data())
def test_any_fact_round_trips(text, args, data):
    """PostgreSQL text cannot hold NUL; anything else must come back exactly."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    doc = Document("doc", text)
    fact = Fact("doc", "metric", args, Evidence.of(text, start, end),
                confidence=data.draw(st.floats(0, 1)))
    with Store.open(_shared_database()) as s:
        s._execute("DELETE FROM documents")
        s.add_document_with_facts(doc, [fact], [])
        assert [f.to_json() for f in s.facts()] == [fact.to_json()]
        assert s.facts()[0] == fact
        assert s.get_document_by_id("doc").text == text


_SHARED: list[str] = []


def _shared_database() -> str:
    """One database for all hypothesis examples (a fresh one per example would be slow)."""
    if not _SHARED:
        _SHARED.append(create_database())
    return url_of(_SHARED[0])


@pytest.fixture(autouse=True, scope="module")
def _drop_shared_database():
    yield
    for name in _SHARED:
        drop_database(name)


# ------------------------------------------------------------------------- the CLI

def _cli(db: str, *args: str):
    return CliRunner().invoke(cli, ["--db", db, *map(str, args)],
                              obj={"ledger_options": {"extractor": fake_extract}})


def test_cli_ingest_and_every_export_equal_sqlite(pg_url, tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    inputs = [tmp_path / name for name in ARTICLES]
    sqlite_db = str(tmp_path / "ledger.db")
    for db in (pg_url, sqlite_db):
        result = _cli(db, "ingest", *inputs)
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == "read 3, new 3, duplicates 0, not English 0, failed 0"
        again = _cli(db, "ingest", *inputs)
        assert again.stdout.strip() == "read 3, new 0, duplicates 3, not English 0, failed 0"
    for kind in ("facts", "claims", "documents", "entities"):
        on_pg, on_sqlite = _cli(pg_url, "export", kind), _cli(sqlite_db, "export", kind)
        assert on_pg.exit_code == 0 and lines(on_pg.stdout)
        assert on_pg.stdout == on_sqlite.stdout, kind
    assert [h["doc_id"] for h in lines(_cli(pg_url, "search", "powertrains").stdout)] == ["geely2"]
    assert json.loads(_cli(pg_url, "entity", "renault group", "--format", "json").stdout)["name"] == "Renault Group"
    assert _cli(pg_url, "reconcile").stdout.strip() == "claims 2"
    assert _cli(pg_url, "export", "claims").stdout == _cli(sqlite_db, "export", "claims").stdout
    stats = json.loads(_cli(pg_url, "stats", "--json").stdout)
    assert (stats["documents"], stats["facts"], stats["claims"]) == (3, 3, 2)
    assert urlsplit(SERVER).password not in stats["database"]


def test_console_script_with_the_real_pipeline(pg_url, tmp_path):
    article = tmp_path / "ampere.txt"
    article.write_text(
        "Renault Group will fold Ampere back into the group.\n\n"
        "Renault Group said on Thursday that Ampere, its electric vehicle unit created in "
        "2023, will be reintegrated into the carmaker. François Provost, Renault's chief "
        "executive, said the move would cut costs. Ampere employs about 11,000 people at "
        "plants in northern France, including the Douai plant, which builds the Renault 5.\n",
        encoding="utf-8")
    env = {**os.environ, "NEWSLEDGER_DB": pg_url}
    cmd = [sys.executable, "-m", "newsledger"]
    proc = subprocess.run([*cmd, "ingest", str(article)], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "read 1, new 1, duplicates 0, not English 0, failed 0"
    facts = lines(subprocess.run([*cmd, "export", "facts"], capture_output=True, text=True,
                                 env=env, timeout=120).stdout)
    assert facts, "the real pipeline found no facts"
    text = article.read_text(encoding="utf-8")
    assert all(text[f["evidence"]["start"]:f["evidence"]["end"]] == f["evidence"]["text"]
               for f in facts)
    with Ledger(pg_url, create=False) as ledger:
        assert len(ledger.facts()) == len(facts) and ledger.claims()
