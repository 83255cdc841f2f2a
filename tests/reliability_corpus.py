"""A small batch of business-news articles for the crash and concurrency tests.

Written from templates: six invented companies, two outlets reporting the same events
in different words (so claims merge sources from several documents), dated
publications (so relative dates resolve), one article repeated under another id
(a duplicate to detect) and one manifest line that cannot be read.  Every company is
named the same way everywhere, so the ledger built from the batch does not depend on
the order in which documents are stored (the concurrency test relies on that).

Also the helpers both tests use to drive the real console script and to compare the
exports of two ledgers.
"""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

import pg_server

COMPANIES = [
    # name, short city, person (new CEO), unit, partner, stake target, jobs, sales
    ("Brandvik Foods", "Bergen", "Ingrid Solheim", "Brandvik Dairy", "Corvane Steel",
     "Nordfisk", "420", "2.4 billion euros"),
    ("Corvane Steel", "Sheffield", "Martin Okafor", "Corvane Rail", "Garroway Energy",
     "Tyneside Coke", "1,150", "5.1 billion pounds"),
    ("Delmora Bank", "Lisbon", "Sofia Marques", "Delmora Digital", "Estrel Aviation",
     "Banco Atlantico", "300", "1.8 billion euros"),
    ("Estrel Aviation", "Toulouse", "Claire Dubois", "Estrel Cargo", "Fennick Pharma",
     "AeroSeat", "640", "3.3 billion euros"),
    ("Fennick Pharma", "Basel", "Thomas Keller", "Fennick Generics", "Brandvik Foods",
     "Rhine Biologics", "900", "4.2 billion Swiss francs"),
    ("Garroway Energy", "Aberdeen", "Fiona Grant", "Garroway Wind", "Delmora Bank",
     "Orkney Tidal", "270", "6.7 billion dollars"),
]

OUTLETS = ["Harbour Business Wire", "The Ledger Post"]


def _first(c) -> str:
    name, city, person, unit, partner, stake, jobs, sales = c
    return (
        f"{name} names {person} chief executive\n\n"
        f"{city.upper()} - {name} said on Monday it had appointed {person} as chief "
        f"executive, effective immediately. {person} joined the company in 2019.\n\n"
        f"{name} also said it would cut {jobs} jobs over the next two years as it closes "
        f"older sites. The company reported sales of {sales} last year, up 4% from 2023.\n\n"
        f"The group holds a 25% stake in {stake} and said it would deepen its partnership "
        f"with {partner} on new products.\n")


def _second(c) -> str:
    name, city, person, unit, partner, stake, jobs, sales = c
    return (
        f"{person} takes the helm at {name}\n\n"
        f"{name} has appointed {person} as its chief executive, the company said in a "
        f"statement on Monday. {name} plans to cut {jobs} jobs by 2027.\n\n"
        f"{name} created {unit}, a new unit, last year. Analysts said {person} would "
        f"decide whether to list {unit} on the stock market. {name} posted sales of "
        f"{sales} last year.\n")


def articles() -> list[dict]:
    """Manifest records with their text: two articles per company, in a fixed order."""
    out = []
    for i, c in enumerate(COMPANIES):
        slug = c[0].split()[0].lower()
        out.append({"id": f"{slug}-a", "published": f"2025-0{i + 1}-14", "outlet": OUTLETS[0],
                    "title": _first(c).splitlines()[0], "text": _first(c)})
        out.append({"id": f"{slug}-b", "published": f"2025-0{i + 1}-15", "outlet": OUTLETS[1],
                    "title": _second(c).splitlines()[0], "text": _second(c)})
    return out


def write_batch(folder: Path, records: list[dict] | None = None, name: str = "batch.jsonl",
                extras: bool = True) -> Path:
    """Article files plus a manifest naming them (with a duplicate and a bad line)."""
    folder.mkdir(parents=True, exist_ok=True)
    records = articles() if records is None else records
    lines = []
    for rec in records:
        (folder / f"{rec['id']}.txt").write_text(rec["text"], encoding="utf-8")
        meta = {k: v for k, v in rec.items() if k != "text"}
        lines.append(json.dumps({**meta, "path": f"{rec['id']}.txt"}))
    if extras:
        first = records[0]
        lines.insert(3, json.dumps({"id": first["id"] + "-copy", "path": f"{first['id']}.txt",
                                    "published": first["published"]}))
        lines.insert(6, "{not json")
    manifest = folder / name
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


# ----------------------------------------------------------------- driving the CLI

SCRIPT = str(Path(sys.executable).with_name("newsledger"))


def command(db: str, *args: str) -> list[str]:
    """The real console script (`python -m newsledger` when the script is not installed)."""
    if os.path.exists(SCRIPT):
        return [SCRIPT, "--db", db, *args]
    return [sys.executable, "-m", "newsledger", "--db", db, *args]


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("NEWSLEDGER_DB", None)
    env["PYTHONHASHSEED"] = "0"
    return env


# Exit statuses of an ingest that ran to its end over a `write_batch` manifest with its
# extras: 1, since its deliberate bad line fails (0 once every line has been stored).
FINISHED = (0, 1)


def run(db: str, *args: str, timeout: float = 300, status: int = 0) -> subprocess.CompletedProcess:
    proc = subprocess.run(command(db, *args), capture_output=True, text=True,
                          env=environment(), timeout=timeout)
    assert proc.returncode == status, (args, proc.stdout[-2000:], proc.stderr[-2000:])
    return proc


def export(db: str, kind: str) -> list[str]:
    """One export as canonical JSON lines (keys sorted), in the order written."""
    out = run(db, "export", kind, "-o", "-").stdout
    return [json.dumps(json.loads(line), sort_keys=True, ensure_ascii=False)
            for line in out.splitlines() if line.strip()]


def snapshot(db: str) -> dict[str, list[str]]:
    return {kind: export(db, kind) for kind in ("documents", "facts", "claims")}


def compare(got: dict[str, list[str]], want: dict[str, list[str]]) -> None:
    """Same documents, facts and claims as sets, and nothing stored twice."""
    for kind in ("documents", "facts", "claims"):
        dupes = [line for line, n in Counter(got[kind]).items() if n > 1]
        assert not dupes, f"{kind} stored twice: {dupes[:2]}"
        missing = set(want[kind]) - set(got[kind])
        extra = set(got[kind]) - set(want[kind])
        assert not missing and not extra, (
            f"{kind}: {len(missing)} missing, {len(extra)} unexpected; "
            f"missing e.g. {sorted(missing)[:1]}, unexpected e.g. {sorted(extra)[:1]}")
    ids = {kind: [json.loads(x)[key] for x in got[kind]]
           for kind, key in (("documents", "doc_id"), ("facts", "fact_id"),
                             ("claims", "claim_id"))}
    for kind, values in ids.items():
        assert len(values) == len(set(values)), f"a {kind} id is used twice"


# ----------------------------------------------------------------------- PostgreSQL

PG_SERVER = pg_server.SERVER


def create_pg_database() -> str:
    """A fresh, empty database on the test server; returns its URL."""
    return pg_server.url_of(pg_server.create_database("nl_rel"))


def drop_pg_database(url: str) -> None:
    from urllib.parse import urlsplit
    pg_server.drop_database(urlsplit(url).path.lstrip("/"))


def stored_documents(db: str) -> int:
    """Documents committed so far, read over a connection of our own (0 before the schema)."""
    if db.startswith(("postgresql://", "postgres://")):
        import psycopg
        try:
            with psycopg.connect(db, autocommit=True, connect_timeout=5) as conn:
                return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        except psycopg.Error:
            return 0
    import sqlite3
    if not os.path.exists(db):
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        try:
            return conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


# --------------------------------------------------------------------------- engines

ENGINES = ["sqlite", "postgresql"]


class Engine:
    """Fresh ledgers on one engine (SQLite files or PostgreSQL databases), dropped after."""

    def __init__(self, name: str, tmp_path, manifest: str = ""):
        self.name, self.tmp_path, self.made = name, tmp_path, []
        self.manifest = manifest

    def make_db(self, label: str) -> str:
        if self.name == "postgresql":
            self.made.append(create_pg_database())
        else:
            self.made.append(str(self.tmp_path / f"{label}-{len(self.made)}.db"))
        return self.made[-1]

    def drop_db(self, db: str) -> None:
        if self.name == "postgresql":
            drop_pg_database(db)
        elif os.path.exists(db):
            conn = sqlite3.connect(db)
            try:   # WAL is a property of the file: every connection since has used it
                assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
                assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                conn.close()

    def __enter__(self) -> "Engine":
        if self.name == "postgresql" and not PG_SERVER:
            pytest.skip("NEWSLEDGER_TEST_PG is not set: no PostgreSQL server "
                        "(.ci/run starts one and sets it)")
        return self

    def __exit__(self, *exc) -> None:
        if self.name == "postgresql":
            for url in self.made:
                drop_pg_database(url)
