"""What keeps ingest and queries from growing with the ledger (issue 13).

- Every query run per document at ingest, and behind timeline / entity / org / claims,
  uses an index on facts and claims: checked on the plans the engines make for the
  statements actually executed (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL).
- Claims kept incrementally (per document, with the near-duplicate index kept in the
  store) are exactly those a full rebuild, or reconcile from scratch, gives.
- Near-duplicate signatures and LSH bands are datasketch's, without importing it (or
  scipy) on the ingest path.
Speed itself is measured by bench/run.py, never asserted here.
"""
from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from newsledger import neardup, reconcile
from newsledger.api import Ledger
from newsledger.models import Document, Entity, Evidence, Fact
from newsledger.resolve import EntityIndex, StoredEntities, canonicalise
from newsledger.store import SCHEMA_VERSION, Store

from test_postgres import SERVER, fresh_database

ROOT = Path(__file__).resolve().parent.parent


# ------------------------------------------------------------------ engines

@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_url(request, tmp_path):
    """A fresh ledger on each engine (PostgreSQL only when NEWSLEDGER_TEST_PG is set)."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.db")
        return
    if not SERVER:
        pytest.skip("NEWSLEDGER_TEST_PG is not set")
    with fresh_database() as url:
        yield url


# ------------------------------------------------------------------ a small world

FILLER1 = ("The companies said on Tuesday after a meeting of both boards in Paris that the "
           "engines would be built at existing plants in Spain and Romania and sold across "
           "Latin America from next year, once the regulators in Brussels have looked at "
           "the plan and the unions at both plants have been consulted.")
FILLER2 = ("In a deal that covers the design of two small cars for the Japanese market and "
           "the supply of batteries from a new factory in the south of the country, the two "
           "groups will share the cost of the research and split any profit from the "
           "licences they expect to sell to smaller rivals in Asia.")
PART3 = ("Ampere partners with Qualcomm on software for connected cars, a spokesman said in "
         "a statement sent to reporters late on Monday evening, without giving the value of "
         "the contract or saying when the first vehicles would reach the showrooms.")
PARTNERS = re.compile(r"([A-Z]\w+(?: [A-Z]\w+)*) partners with ([A-Z]\w+(?: [A-Z]\w+)*)")
NAMED = re.compile(r"([A-Z]\w+) named ([A-Z]\w+ [A-Z]\w+) (chief \w+(?: officer)?)")


def world_extract(doc: Document) -> SimpleNamespace:
    """Stands in for extraction: a partner fact per 'X partners with Y', attributed to
    Reuters when the sentence says so."""
    facts, names = [], []
    for m in PARTNERS.finditer(doc.text):
        end = doc.text.find(".", m.end())
        sentence = doc.text[m.start():end]
        facts.append(Fact(doc.doc_id, "partner", {"org": m.group(1), "partner": m.group(2)},
                          Evidence.of(doc.text, m.start(), m.end()), confidence=0.9,
                          attributed_to="Reuters" if "according to Reuters" in sentence else None))
        names += [m.group(1), m.group(2)]
    people = []
    for m in NAMED.finditer(doc.text):
        facts.append(Fact(doc.doc_id, "position", {"person": m.group(2), "org": m.group(1),
                                                   "role": m.group(3)},
                          Evidence.of(doc.text, m.start(), m.end()), confidence=0.9))
        names.append(m.group(1))
        people.append(m.group(2))
    return SimpleNamespace(facts=facts, entities=[
        *(Entity(n, "organization") for n in dict.fromkeys(names)),
        *(Entity(n, "person") for n in dict.fromkeys(people))])


def world(tmp_path: Path) -> list[str]:
    """Articles whose origins only come together late: `a` and `c` report one fact and
    share no text, but `bridge` (about something else) contains most of both, so it
    makes all three one origin; `wire` is a Reuters copy of `echo`, which `attrib`'s
    fact cites; `lone` stands alone."""
    texts = {
        "a": "Renault Group partners with Geely on engines. " + FILLER1,
        "c": "Renault Group partners with Geely on hybrids. " + FILLER2,
        "bridge": "Volvo partners with Uber on robotaxis. " + FILLER1 + " " + FILLER2,
        "echo": PART3,
        "wire": "PARIS (Reuters) - " + PART3 + " Reporting by Gilles Guillaume; Editing by Sam",
        "attrib": "Ampere partners with Qualcomm, according to Reuters. Ampere named Jane "
                  "Doe chief technology officer. Shares in the parent "
                  "company rose by three per cent in early trading in Paris on the news, while "
                  "analysts at two brokers raised their price targets and said the tie-up would "
                  "help the unit sell its software platform to other carmakers.",
        "lone": "Ampere named Jane Doe chief executive. "
                "Renault Group partners with Valeo, a short note on the website of the "
                "Chinese carmaker says, without any further detail on the plans, the money "
                "involved or the models that would be the first to use the new engines "
                "once the two groups have finished their talks.",
    }
    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def claims_json(claims) -> list[str]:
    return sorted(json.dumps(c.to_json(), sort_keys=True) for c in claims)


def ingest_one_by_one(url: str, paths: list[str], claims: bool = True) -> Ledger:
    ledger = Ledger(url, extractor=world_extract)
    for p in paths:
        report = ledger.ingest([p], claims=claims)
        assert report.new == 1 and not report.failed
    return ledger


def reference_claims(ledger: Ledger):
    """Reconcile from scratch: every stored fact and document, origins recomputed."""
    docs = {d.doc_id: d for d in ledger.store.documents()}
    return reconcile.build_claims(ledger.store.facts(), docs)


# ------------------------------------------------------------------ claims

def test_incremental_claims_equal_a_full_rebuild_whatever_the_order(ledger_url, tmp_path):
    paths = world(tmp_path)
    with ingest_one_by_one(ledger_url, paths) as forward:
        incremental = claims_json(forward.claims())
        assert incremental == claims_json(reference_claims(forward))
        forward.rebuild_claims()
        assert claims_json(forward.claims()) == incremental
        # the bridge arrived after `a` and `c` and names neither's partners: their
        # claims were rebuilt anyway, since the three documents became one origin
        renault = [c for c in forward.claims(entity="Geely") if len(c.sources) == 2]
        assert [c.independent_sources for c in renault] == [1]
        origins = {d: row[2] for d, row in forward.store.doc_origins(
            ["a", "c", "bridge", "echo", "wire", "lone"]).items()}
        assert origins == {"a": "dup:a", "c": "dup:a", "bridge": "dup:a", "echo": "wire:reuters",
                           "wire": "wire:reuters", "lone": "doc:lone"}
        qualcomm = [c for c in forward.claims(entity="Qualcomm")]
        assert [c.independent_sources for c in qualcomm] == [1]      # one Reuters story
        assert [c.based_on for c in qualcomm] == [["Reuters"]]
    backward_db = tmp_path / "backward.db" if "://" not in ledger_url else None
    if backward_db is not None:
        with ingest_one_by_one(str(backward_db), list(reversed(paths))) as backward:
            assert claims_json(backward.claims()) == incremental


def test_claims_built_after_a_bulk_load_equal_incremental_ones(ledger_url, tmp_path):
    paths = world(tmp_path)
    with ingest_one_by_one(ledger_url, paths, claims=False) as bulk:
        assert bulk.claims() == []
        bulk.rebuild_claims()
        assert claims_json(bulk.claims()) == claims_json(reference_claims(bulk))


def test_a_ledger_from_schema_2_migrates_and_keeps_its_claims(tmp_path):
    from newsledger.store import MIGRATIONS
    db = str(tmp_path / "old.db")
    paths = world(tmp_path)
    with Ledger(db, extractor=world_extract) as fresh:
        fresh.ingest(paths)
        expected = claims_json(fresh.claims())
        by_entity = claims_json(fresh.claims(entity="Geely"))
    # the same documents in a version-2 ledger, claims built the old way
    old_db = str(tmp_path / "v2.db")
    with Store.open(old_db, migrations=MIGRATIONS[:2]) as old:
        with Store.open(db) as new:
            for doc in new.documents():
                old.add_document_with_facts(doc, new.facts(doc_id=doc.doc_id), new.entities(),
                                            claim_key=reconcile.claim_key)
        # claims stored the version-2 way: under their facts' key, `key#2` for a second,
        # keyed as that version keyed them (a position by person and organisation) and
        # without the histories and origins claims hold now
        keys, taken = {f.fact_id: old_claim_key(f) for f in old.facts()}, set()
        old.set_claim_keys(keys)
        for claim in reference_claims(SimpleNamespace(store=old)):
            stored, n = keys[claim.sources[0].fact_id], 1
            while stored in taken:
                n += 1
                stored = f"{keys[claim.sources[0].fact_id]}#{n}"
            taken.add(stored)
            data = {k: v for k, v in dataclasses.asdict(claim).items() if k not in ("history", "origins")}
            old._execute("INSERT INTO claims (claim_id, claim_key, type, data) VALUES (?, ?, ?, ?)",
                         (claim.claim_id, stored, claim.type, json.dumps(data, ensure_ascii=False)))
        assert "position|jane_doe|ampere#2" in old.claim_keys()
    with Store.open(old_db, create=False) as read_only_use:     # old claims still read
        assert all(c.history is None for c in read_only_use.claims())
    with Ledger(old_db, extractor=world_extract) as migrated:
        assert migrated.store.schema_version == SCHEMA_VERSION
        assert migrated.store.meta("claims_version") == reconcile.CLAIMS_VERSION
        assert claims_json(migrated.claims()) == expected
        assert all(c.history is not None for c in migrated.claims(entity="Jane Doe"))
        assert claims_json(migrated.claims(entity="Geely")) == by_entity
        assert len(migrated.claims(entity="Jane Doe")) == 2
        # the first ingest indexes the old documents (near-duplicates and entity keys)
        extra = tmp_path / "extra.txt"
        extra.write_text("Volvo partners with Uber again. " + PART3, encoding="utf-8")
        migrated.ingest([str(extra)])
        assert migrated.store.doc_origins(["extra"])["extra"][2] == "wire:reuters"
        assert migrated.find_entity("Volvo").entity_id == "volvo"
        assert claims_json(migrated.claims()) == claims_json(reference_claims(migrated))


def old_claim_key(fact: Fact) -> str:
    """How claims were keyed before claims became histories (schema 2 to 4): a position by
    person and organisation, a figure by its scope too."""
    a = fact.args
    if fact.type == "position":
        return f"position|{reconcile._entity(a.get('person'))}|{reconcile._entity(a.get('org'))}"
    if fact.type == "metric":
        return "|".join(["metric", reconcile._entity(a.get("entity")), reconcile._measure(a.get("measure")),
                         reconcile._scope(a.get("scope")), reconcile._unit_family(a.get("unit"))])
    return reconcile.claim_key(fact)


# ------------------------------------------------------------------ query plans

class Recording:
    """Wraps a store's statement runner to note every statement and its parameters."""

    def __init__(self, store: Store):
        self.store, self.seen = store, {}
        self._inner = store._execute
        store._execute = self

    def __call__(self, sql, params=()):
        self.seen.setdefault(sql, tuple(params))
        return self._inner(sql, params)

    def stop(self) -> dict[str, tuple]:
        self.store._execute = self._inner
        return self.seen


def _scanned_tables(store: Store, sql: str, params: tuple) -> list[str]:
    """The facts/claims tables (or their aliases) the engine reads whole for `sql`."""
    aliases = {"facts": "facts", "claims": "claims"}
    for table, alias in re.findall(r"\b(facts|claims)\s+(?!WHERE|ON|SET|JOIN|ORDER|GROUP)(\w+)",
                                   sql, flags=re.I):
        aliases[alias] = table
    conn = store._conn
    if store.engine == "sqlite":
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        scans = [m.group(1) for line in plan for m in [re.match(r"SCAN (\w+)", line)] if m]
        # facts found by type alone: a fifth of the table, as good as a scan
        scans += [m.group(1) for line in plan
                  for m in [re.match(r"SEARCH (\w+) USING INDEX idx_facts_type", line)] if m]
    else:
        conn.execute("SET enable_seqscan = off")    # tiny test tables: say what it *can* do
        plan = conn.execute("EXPLAIN (FORMAT JSON) " + store._dialect.render(sql),
                            params).fetchone()[0]
        scans = [node.get("Alias", "") for node in _plan_nodes(plan[0]["Plan"])
                 if _reads_whole_relation(node)]
    return [f"{s} ({aliases[s]}): {plan}" for s in scans if s in aliases]


def _plan_nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from _plan_nodes(child)


def _reads_whole_relation(node: dict) -> bool:
    """A sequential scan, or an index walked end to end (no condition on the index)."""
    kind = node.get("Node Type", "")
    by_type_alone = node.get("Index Name") == "idx_facts_type"   # a fifth of the table
    return kind == "Seq Scan" or by_type_alone or (kind in ("Index Scan", "Index Only Scan")
                                                   and "Index Cond" not in node)


def _hot_statements(url: str, tmp_path: Path) -> tuple[Store, dict[str, tuple]]:
    paths = world(tmp_path)
    ledger = Ledger(url, extractor=world_extract)
    ledger.ingest(paths[:4])
    recording = Recording(ledger.store)
    ledger.ingest(paths[4:])                       # per-document work on a non-empty ledger
    for name in ("Renault Group", "Qualcomm"):     # the query commands
        ledger.timeline(name)
        ledger.entity_profile(name)
        ledger.org_at(name, "2025-01-01")
        ledger.claim_list(name)
        ledger.conflicts(name)
    return ledger, recording.stop()


def test_no_hot_query_scans_facts_or_claims(ledger_url, tmp_path):
    ledger, statements = _hot_statements(ledger_url, tmp_path)
    with ledger:
        reads = {sql: p for sql, p in statements.items()
                 if re.match(r"\s*(SELECT|UPDATE|DELETE|WITH)", sql, re.I)
                 and re.search(r"\b(facts|claims)\b", sql)}
        # the statements behind the incremental claims and the entity queries were seen
        assert any("fact_key = ?" in sql and sql.startswith("DELETE") for sql in reads)
        assert any("FROM claims c WHERE c.fact_key IN" in sql for sql in reads)
        assert any("f.claim_key IN" in sql for sql in reads)
        assert any("NOT EXISTS" in sql for sql in reads)    # an entity's facts no claim rests on
        scans = {sql: found for sql, p in reads.items()
                 if (found := _scanned_tables(ledger.store, sql, p))}
        assert scans == {}


def test_the_plan_check_sees_a_scan(ledger_url, tmp_path):
    """The check above is not vacuous: the old prefix-matching claim lookup scans."""
    with Ledger(ledger_url, extractor=world_extract) as ledger:
        ledger.ingest(world(tmp_path)[:2])
        old_sql = ("SELECT data FROM claims c WHERE c.claim_id IN (SELECT c2.claim_id FROM "
                   "claims c2 JOIN facts f ON (c2.claim_key = f.claim_key OR substr(c2.claim_key, "
                   "1, length(f.claim_key) + 1) = f.claim_key || '#') JOIN fact_entities fe "
                   "ON fe.fact_id = f.fact_id WHERE fe.entity_id = ?)")
        assert _scanned_tables(ledger.store, old_sql, ("geely",))


# ------------------------------------------------------------------ entity index

def test_entity_lookup_through_the_store_matches_the_in_memory_index(tmp_path):
    """The same answers as EntityIndex.of(every entity), including the tie rules: the
    smallest entity_id owns a shared key, and stored keys beat ones added meanwhile."""
    known = [Entity("Renault Group", "organization", ["Renault Group", "Renault", "RNO"]),
             Entity("Renault SA", "organization", ["Renault SA"]),      # same name key
             Entity("François Provost", "person", ["François Provost", "Provost"]),
             Entity("Jaguar", "person", ["Jaguar"])]
    with Store.open(str(tmp_path / "e.db")) as store:
        from newsledger.resolve import entity_keys
        doc = Document(doc_id="d0", text="x")
        store.add_document_with_facts(doc, [], known, entity_keys=entity_keys)
        stored = store.entities()
        extraction = SimpleNamespace(facts=[], entities=[
            Entity("Renault", "organization", ["Renault", "Renault Group"]),
            Entity("Francois Provost", "person", ["Francois Provost"]),
            Entity("Provost", "person", ["Provost"]),
            Entity("Jaguar", "organization", ["Jaguar", "Jaguar Land Rover"]),
            Entity("JLR", "organization", ["JLR", "Jaguar Land Rover"]),
            Entity("renault s.a.", "organization", ["renault s.a."]),
        ])
        in_memory = canonicalise(extraction, stored)
        through_store = canonicalise(extraction, StoredEntities(store))
        assert through_store == in_memory
        # a new organisation 'Jaguar' (the stored one is a person) that 'JLR' then joins
        # through an alias added meanwhile; 'Renault' joins the stored group
        upserts = {e.name: (e.type, e.aliases) for e in in_memory[1]}
        assert upserts["Jaguar"] == ("organization", ["Jaguar", "Jaguar Land Rover", "JLR"])
        assert "JLR" not in upserts and "Renault" not in upserts


def test_entity_keys_follow_the_key_code_version(tmp_path):
    """Keys made by another version of the key code are recomputed before ingesting."""
    with Ledger(str(tmp_path / "k.db"), extractor=world_extract) as ledger:
        ledger.ingest(world(tmp_path)[:1])
        store = ledger.store
        store._execute("DELETE FROM entity_keys")
        store.set_meta("entity_keys", "some-older-version")
        assert store.entity_ids_by_key(EntityIndex.keys_for("Geely", "organization")) == {}
        later = tmp_path / "later.txt"
        later.write_text("Renault partners with Geely on hybrids. " + FILLER2, encoding="utf-8")
        ledger.ingest([str(later)])
        assert store.meta("entity_keys") != "some-older-version"
        # 'Renault' found 'Renault Group' by its name key, so the keys were recomputed
        assert [e.name for e in store.entities()] == ["Geely", "Renault Group"]


# ------------------------------------------------------------------ near-duplicates

def test_signatures_and_bands_are_datasketchs():
    from datasketch import MinHash, MinHashLSH
    from datasketch.lsh import _optimal_param
    assert _optimal_param(0.2, neardup.NUM_PERM, 0.5, 0.5) == (neardup.BANDS, neardup.ROWS)
    texts = {"a": FILLER1, "b": FILLER1 + " " + FILLER2, "c": FILLER2, "d": PART3,
             "e": PART3.replace("Monday", "Sunday").replace("spokesman", "spokeswoman")}
    lsh = MinHashLSH(threshold=0.2, num_perm=neardup.NUM_PERM)
    for name, text in texts.items():
        shingles = sorted(reconcile._shingles(text))
        mh = MinHash(num_perm=neardup.NUM_PERM, seed=1)
        mh.update_batch([s.encode("utf-8") for s in shingles])
        assert list(mh.hashvalues) == list(neardup.signature(shingles))
        lsh.insert(name, mh)
    buckets = {n: set(reconcile.near_dup_buckets(t)) for n, t in texts.items()}
    for name, text in texts.items():
        mh = MinHash(num_perm=neardup.NUM_PERM, seed=1)
        mh.update_batch([s.encode("utf-8") for s in sorted(reconcile._shingles(text))])
        ours = {o for o in texts if buckets[o] & buckets[name]}
        assert ours == set(lsh.query(mh))
    assert buckets["d"] & buckets["e"] and not buckets["a"] & buckets["d"]


def test_a_copy_is_found_among_more_chance_neighbours_than_are_confirmed(tmp_path, monkeypatch):
    """Only the documents sharing the most LSH bands are confirmed (origins.MAX_CANDIDATES):
    a copy, which shares many, is found however many share one band by chance."""
    from newsledger import origins
    monkeypatch.setattr(origins, "MAX_CANDIDATES", 2)
    with Store.open(str(tmp_path / "l.db")) as store:
        def add(doc_id, text):
            doc = Document(doc_id=doc_id, text=text, published="2026-01-22")
            store.add_document_with_facts(doc, [], [])
            return doc
        with store.transaction():
            wire = add("wire", PART3)
            origins.record(store, wire)
            one_band = sorted(origins.profile(wire).buckets)[:1]
            for n in range(5):               # five chance neighbours: one band each, no copy
                add(f"chance{n}", FILLER1 + f" Item {n}.")
                store.add_doc_buckets(f"chance{n}", one_band)
            assert store.docs_in_buckets(origins.profile(wire).buckets, limit=2) == {"wire", "chance0"}
            copy = add("copy", PART3.replace("Monday", "Sunday"))
            origins.record(store, copy)
            assert store.doc_origins(["copy"])["copy"][2] == store.doc_origins(["wire"])["wire"][2]
            assert store.doc_origins(["copy"])["copy"][2] != "doc:copy"


def test_ingest_loads_neither_scipy_nor_datasketch(tmp_path):
    """Importing and ingesting (real spaCy and extraction) stay clear of scipy: it cost
    half a second per process, and datasketch pulled it in."""
    article = tmp_path / "a.txt"
    article.write_text("Renault Group named François Provost chief executive on Wednesday. "
                       + FILLER1, encoding="utf-8")
    code = ("import sys\nfrom newsledger.api import Ledger\n"
            f"with Ledger({str(tmp_path / 'l.db')!r}) as ledger:\n"
            f"    report = ledger.ingest([{str(article)!r}])\n"
            "assert report.new == 1, report.summary()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'datasketch')))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"
