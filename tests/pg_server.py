"""Fresh databases on the test PostgreSQL server (NEWSLEDGER_TEST_PG), shared by the tests.

Dropping uses WITH (FORCE) so a connection a failing test left open cannot keep the
database alive.  A role without superuser may not terminate an autovacuum worker
that happens to be running in the new database (PostgreSQL checks the worker's role,
which is none), so .ci/run grants pg_signal_backend and the drop also retries briefly.
"""
from __future__ import annotations

import os
import time
import uuid
from urllib.parse import urlsplit, urlunsplit

SERVER = os.environ.get("NEWSLEDGER_TEST_PG")


def admin(sql: str) -> None:
    import psycopg
    with psycopg.connect(SERVER, autocommit=True) as conn:
        conn.execute(sql)


def url_of(name: str) -> str:
    return urlunsplit(urlsplit(SERVER)._replace(path="/" + name))


def create_database(prefix: str = "nl_test") -> str:
    """The name of a new, empty database on the test server."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str, attempts: int = 20) -> None:
    """Drop NAME, waiting out an autovacuum worker the role may not terminate."""
    import psycopg
    for attempt in range(attempts):
        try:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == attempts - 1:
                raise
            time.sleep(0.25)
