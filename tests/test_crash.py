"""Crash safety: `newsledger ingest` killed with SIGKILL at random points, then rerun.

The real console script (real NLP pipeline) ingests a batch (tests/reliability_corpus.py)
while the test kills it with SIGKILL: sometimes during start-up, mostly while it is
storing -- once the ledger holds a random number of documents, after a further random
pause of up to one document's work, so kills land inside extraction, inside the
document's transaction, and between storing a document and rebuilding its claims.
Each killed run is followed by another run of the same command; when one finishes,
the ledger must equal the ledger of one clean run: the same documents, facts and
claims, none twice, none missing.  Rounds start from an empty ledger until at least
MIN_KILLS kills have been survived.  On SQLite (WAL, busy timeout) and PostgreSQL.

The random choices come from a seeded generator; when they happen depends on the
machine, so each run tries different points, and every one must pass.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from reliability_corpus import (ENGINES, FINISHED, Engine, command, compare, environment, run,
                                snapshot, stored_documents, write_batch)

MIN_KILLS = 20
MAX_RUNS = 120            # a safety net: a store that never completes fails the test
SEED = 20250801


def _ingest_and_kill(db: str, manifest: str, rng: random.Random, total: int) -> bool:
    """Start an ingest and SIGKILL it at a random point; True if it was killed alive."""
    proc = subprocess.Popen(command(db, "ingest", "-q", manifest), env=environment(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        if stored_documents(db) >= total:           # nothing left to store: let it finish
            proc.wait(300)
        elif rng.random() < 0.15:                   # anywhere, start-up included
            deadline = time.monotonic() + rng.uniform(0.05, 2.0)
            while time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.01)
        else:                                       # once 1-3 more documents are in,
                                                    # a little later: mid-document
            target = min(total, stored_documents(db) + rng.choice((1, 1, 2, 3)))
            while proc.poll() is None and stored_documents(db) < target:
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.15))
        if proc.poll() is not None:                 # it finished first: not a kill
            assert proc.returncode in FINISHED, proc.stderr.read().decode()[-2000:]
            return False
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        if proc.returncode in FINISHED:             # it finished just before the signal
            return False
        assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()[-2000:]
        return True
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stderr.close()


def clean_snapshot(engine: Engine) -> dict[str, list[str]]:
    """The ledger one uninterrupted run builds (made once per engine)."""
    if engine.name not in _CLEAN:
        db = engine.make_db("clean")
        run(db, "ingest", "-q", engine.manifest, status=1)     # its bad line fails
        _CLEAN[engine.name] = snapshot(db)
        engine.drop_db(db)
    want = _CLEAN[engine.name]
    assert len(want["documents"]) == 12 and want["facts"] and want["claims"]
    return want


_CLEAN: dict[str, dict[str, list[str]]] = {}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    return str(write_batch(tmp_path_factory.mktemp("crash") / "batch"))


@pytest.fixture(params=ENGINES)
def engine(request, tmp_path, manifest):
    with Engine(request.param, tmp_path, manifest) as e:
        yield e


def test_ledger_survives_sigkill_at_random_points(engine, record_property):
    clean = clean_snapshot(engine)
    total = len(clean["documents"])
    rng = random.Random(SEED + (engine.name == "postgresql"))
    kills = runs = rounds = 0
    points: list[str] = []
    while kills < MIN_KILLS:
        rounds += 1
        db = engine.make_db(f"round{rounds}")
        while True:
            runs += 1
            assert runs <= MAX_RUNS, "the ingest never got to the end of the batch"
            stored = stored_documents(db)
            if _ingest_and_kill(db, engine.manifest, rng, total):
                kills += 1
                points.append(f"round {rounds}, run {runs}: SIGKILL after the ledger went "
                              f"from {stored} to {stored_documents(db)} documents")
            else:
                break                               # a run completed after the kills
        run(db, "ingest", "-q", engine.manifest, status=1)  # and a rerun changes nothing
        compare(snapshot(db), clean)
        engine.drop_db(db)
    record_property("kills_survived", kills)
    record_property("cases", points)
    record_property("rounds_compared", rounds)
    record_property("cases", points)
    assert kills >= MIN_KILLS


# Ingest through the library in a process that SIGKILLs itself the moment its n-th new
# document is reported stored: exactly between "the document is in" and whatever
# comes next (before the fix: the claims).
_KILL_AT_NTH_NEW = """
import os, signal, sys
from newsledger.api import Ledger

stored = []

def progress(event):
    if event.outcome == "new":
        stored.append(event.doc_id)
        if len(stored) == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)

with Ledger(sys.argv[1]) as ledger:
    ledger.ingest([sys.argv[2]], progress=progress)
"""


def test_ledger_survives_sigkill_right_after_each_document_is_stored(engine, record_property):
    clean = clean_snapshot(engine)
    db = engine.make_db("pinpoint")
    kills, points, total = 0, [], len(clean["documents"])
    while True:
        nth = 1 + kills % 3                         # the 1st, 2nd or 3rd document it stores
        before = stored_documents(db)
        proc = subprocess.run([sys.executable, "-c", _KILL_AT_NTH_NEW, db, engine.manifest,
                               str(nth)], env=environment(), capture_output=True, text=True,
                              timeout=300)
        if proc.returncode == 0:                    # fewer than n new documents were left
            break
        assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
        kills += 1
        assert stored_documents(db) == before + nth
        points.append(f"SIGKILL right after document {before + nth} of {total} was stored")
    assert stored_documents(db) == total and kills >= total // 2
    compare(snapshot(db), clean)
    engine.drop_db(db)
    record_property("kills_survived", kills)
    record_property("cases", points)
