"""Concurrency: two ingests and the web server on one ledger at once.

For each scenario two real `newsledger ingest` processes run at the same time on one
ledger while a real `newsledger serve` process answers a steady stream of page and
API requests from it.  Afterwards the ledger must equal the one the same two ingests
build one after the other: same documents, facts and claims, none twice.  Every
request must have been answered (no "database is locked", no 500), and the document
count the server reports must never go down.  On SQLite and PostgreSQL.

The articles name every company the same way everywhere, so the serial ledger does
not depend on which ingest goes first (checked too, for the disjoint halves).
"""
from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

from reliability_corpus import (ENGINES, Engine, articles, command, compare, environment,
                                run, snapshot, write_batch)
from newsledger.store import Store

REQUESTS = ["/api/stats", "/", "/claims", "/api/claims", "/search?q=Brandvik",
            "/api/entities", "/conflicts", "/api/search?q=chief+executive"]


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    """Manifests over one folder of articles (so every document's source is the same)."""
    folder = tmp_path_factory.mktemp("concurrency")
    recs = articles()
    return {
        "all": str(write_batch(folder, recs, "all.jsonl", extras=False)),
        "reversed": str(write_batch(folder, recs[::-1], "reversed.jsonl", extras=False)),
        "first_half": str(write_batch(folder, recs[:6], "first.jsonl", extras=False)),
        "second_half": str(write_batch(folder, recs[6:], "second.jsonl", extras=False)),
    }


SCENARIOS = {
    "same batch twice": ("all", "all"),
    "disjoint halves": ("first_half", "second_half"),
    "same batch in opposite orders": ("all", "reversed"),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`newsledger serve` in its own process, and a client that keeps asking it things."""

    def __init__(self, db: str):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(command(db, "serve", "--port", str(self.port)),
                                     env=environment(), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE)
        self.answers: list[tuple[str, int]] = []
        self.doc_counts: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._hammer, daemon=True)

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def wait_ready(self) -> None:
        for _ in range(600):
            assert self.proc.poll() is None, self.proc.stderr.read().decode()
            try:
                if self.get("/api/stats")[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise AssertionError("the web server did not come up")

    def _hammer(self) -> None:
        i = 0
        while not self._stop.is_set():
            path = REQUESTS[i % len(REQUESTS)]
            i += 1
            status, body = self.get(path)
            self.answers.append((path, status))
            if path == "/api/stats" and status == 200:
                self.doc_counts.append(json.loads(body)["documents"])

    def __enter__(self) -> "Server":
        self.wait_ready()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(120)
        self.proc.terminate()
        self.proc.wait(30)
        self.proc.stderr.close()


def _serial(engine: Engine, first: str, second: str) -> dict[str, list[str]]:
    db = engine.make_db("serial")
    run(db, "ingest", "-q", first)
    run(db, "ingest", "-q", second)
    got = snapshot(db)
    engine.drop_db(db)
    return got


@pytest.mark.parametrize("engine_name", ENGINES)
def test_two_ingests_and_the_server_at_once_equal_one_after_the_other(
        engine_name, batches, tmp_path, record_property):
    compared = requests = 0
    with Engine(engine_name, tmp_path) as engine:
        for scenario, (a, b) in SCENARIOS.items():
            want = _serial(engine, batches[a], batches[b])
            if scenario == "disjoint halves":       # the other order gives the same ledger
                compare(_serial(engine, batches[b], batches[a]), want)
            db = engine.make_db("together")
            Store.open(db).close()                  # the server needs an existing ledger
            with Server(db) as server:
                procs = [subprocess.Popen(command(db, "ingest", "-q", batches[x]),
                                          env=environment(), stdout=subprocess.PIPE,
                                          stderr=subprocess.PIPE, text=True)
                         for x in (a, b)]
                outs = [p.communicate(timeout=600) for p in procs]
                during = len(server.answers)
            for p, (out, err) in zip(procs, outs):
                assert p.returncode == 0, (scenario, err[-2000:])
            assert during > 0, "the server was not asked anything while ingests ran"
            failed = [(path, status) for path, status in server.answers if status != 200]
            assert not failed, (scenario, failed[:5])
            counts = server.doc_counts
            assert counts == sorted(counts), f"{scenario}: the document count went down"
            got = snapshot(db)
            compare(got, want)
            assert counts[-1] <= len(want["documents"])
            engine.drop_db(db)
            compared += 1
            requests += len(server.answers)
    record_property("concurrent_runs_compared", compared)
    record_property("web_requests_during_ingests", requests)
    assert compared == len(SCENARIOS)
