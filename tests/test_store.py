"""The SQLite store: migrations, atomic writes, de-duplication and round trips."""
from __future__ import annotations

import sqlite3

import pytest

from newsledger.search_syntax import SearchSyntaxError
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.models import (Claim, Conflict, Document, Entity, Evidence, Fact, Source,
                               TimeSpan)
from newsledger.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError

TEXT = ("Renault Group named François Provost as CEO in July. "
        "Ampere, Renault's electric vehicle unit, will be folded back into the group.")


def make_doc(doc_id="d1", text=TEXT, **kw) -> Document:
    return Document(doc_id=doc_id, text=text, title=kw.pop("title", "Renault news"),
                    outlet="Example Wire", published="2026-01-22", language="en",
                    source=f"{doc_id}.txt", **kw)


def position_fact(doc: Document, **kw) -> Fact:
    start = doc.text.index("Renault Group named")
    end = doc.text.index(" in July") + len(" in July")
    return Fact(doc.doc_id, "position",
                {"person": "François Provost", "org": "Renault Group", "role": "CEO"},
                Evidence.of(doc.text, start, end), **kw)


def part_of_fact(doc: Document) -> Fact:
    start = doc.text.index("Ampere")
    return Fact(doc.doc_id, "part_of", {"org": "Ampere", "parent": "Renault Group",
                                        "form": "unit"},
                Evidence.of(doc.text, start, start + 40), status="actual", confidence=0.7)


ENTITIES = [Entity("Renault Group", "organization", ["Renault", "Groupe Renault"]),
            Entity("François Provost", "person", ["Provost"]),
            Entity("Ampere", "organization")]


@pytest.fixture
def store():
    with Store.open(":memory:") as s:
        yield s


def test_new_database_gets_every_migration_and_reopening_is_a_no_op(tmp_path):
    path = tmp_path / "ledger.db"
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        s.add_document_with_facts(make_doc(), [], [])
    with Store.open(path) as s:
        versions = s._rows("SELECT version FROM schema_version ORDER BY version")
        assert [v for (v,) in versions] == [m.version for m in MIGRATIONS]
        assert s.stats()["documents"] == 1


def test_opening_a_v1_database_upgrades_it_and_backfills_search(tmp_path):
    path = tmp_path / "old.db"
    with Store.open(path, migrations=MIGRATIONS[:1]) as s:
        assert s.schema_version == 1
        assert s.stats()["search"] == "like"
        s.add_document_with_facts(make_doc(), [], [])
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.stats()["search"] == "fts5"
        assert [h.doc_id for h in s.search("Ampere")] == ["d1"]


def test_connection_settings(tmp_path):
    with Store.open(tmp_path / "x.db") as s:
        pragma = lambda name: s._conn.execute(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") == 30000


def test_refuses_newer_schema_foreign_databases_and_garbage(tmp_path):
    newer = tmp_path / "newer.db"
    with Store.open(newer) as s:
        s._execute("INSERT INTO schema_version VALUES (99, 'future', 'x')")
    with pytest.raises(StoreError, match="newer"):
        Store.open(newer)

    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a newsledger"):
        Store.open(foreign)

    garbage = tmp_path / "garbage.db"
    garbage.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store.open(garbage)

    with pytest.raises(StoreError, match="cannot open"):
        Store.open(tmp_path / "no" / "such" / "dir.db")
    with pytest.raises(StoreError, match="no ledger database"):
        Store.open(tmp_path / "missing.db", create=False)
    with pytest.raises(StoreError, match="scheme"):
        Store.open("mysql://localhost/ledger")


def test_sqlite_url(tmp_path):
    with Store.open(f"sqlite:///{tmp_path / 'u.db'}") as s:
        assert s.schema_version == SCHEMA_VERSION
    assert (tmp_path / "u.db").exists()


def test_add_document_with_facts_is_atomic(store):
    doc = make_doc()
    bad = Fact(doc.doc_id, "metric", {"entity": "Renault Group", "value": object()},
               Evidence.of(doc.text, 0, 10), fact_id="bad")
    with pytest.raises(TypeError):
        store.add_document_with_facts(doc, [position_fact(doc), bad], ENTITIES)
    assert not store.has_document(doc.content_hash)
    assert store.documents() == [] and store.facts() == [] and store.entities() == []
    assert store.search("Ampere") == []
    # and the store is still usable afterwards
    assert store.add_document_with_facts(doc, [position_fact(doc)], ENTITIES) is not None


def test_duplicate_content_is_detected_whatever_the_whitespace(store):
    doc = make_doc()
    assert store.add_document_with_facts(doc, [position_fact(doc)], ENTITIES) is not None
    again = make_doc("other-id", text="  " + TEXT.replace(" ", "\n  "))
    assert store.has_document(again.content_hash)
    assert store.add_document_with_facts(again, [], ENTITIES) is None
    assert [d.doc_id for d in store.documents()] == ["d1"]
    assert len(store.facts()) == 1


def test_a_different_text_under_a_taken_doc_id_gets_a_suffixed_id(store):
    first = make_doc("d1")
    store.add_document_with_facts(first, [position_fact(first)], ENTITIES)
    second = make_doc("d1", text=TEXT + " Shares rose.")
    stored = store.add_document_with_facts(second, [position_fact(second)], ENTITIES)
    assert stored.doc_id == f"d1~{second.content_hash[:8]}"
    assert any("d1" in n and stored.doc_id in n for n in stored.notes)
    assert store.get_document_by_id(stored.doc_id).notes == stored.notes
    assert store.get_document_by_id("d1").text == TEXT
    moved = store.facts(doc_id=stored.doc_id)
    assert len(moved) == 1 and moved[0].fact_id != store.facts(doc_id="d1")[0].fact_id


def test_documents_facts_and_entities_round_trip(store):
    doc = make_doc(notes=["published date from the manifest"])
    facts = [
        position_fact(doc, time=TimeSpan("2025-07", None, approx=True, text="July"),
                      attributed_to="Reuters", confidence=0.91),
        part_of_fact(doc),
        Fact(doc.doc_id, "closed", {"org": "Ampere"}, Evidence.of(doc.text, 0, 6),
             time=TimeSpan(None, None, text="last July", resolved=False), status="planned"),
    ]
    store.add_document_with_facts(doc, facts, ENTITIES)

    assert store.get_document_by_id("d1") == doc
    assert store.documents() == [doc]
    expected = {f.fact_id: f.to_json() for f in facts}
    assert {f.fact_id: f.to_json() for f in store.facts()} == expected
    assert {f.fact_id: f for f in store.facts()} == {f.fact_id: f for f in facts}
    assert [e.to_json() for e in store.entities()] == sorted(
        (e.to_json() for e in ENTITIES), key=lambda e: e["entity_id"])

    assert [f.type for f in store.facts(type="part_of")] == ["part_of"]
    assert {f.type for f in store.facts(entity="groupe renault")} == {"position", "part_of"}
    assert {f.type for f in store.facts(entity="FRANCOIS PROVOST")} == {"position"}
    assert store.facts(entity="Nobody") == []
    assert store.facts(doc_id="nope") == []


def test_entity_aliases_only_grow_and_lookup_prefers_exact_names(store):
    doc = make_doc()
    store.add_document_with_facts(doc, [], ENTITIES)
    other = make_doc("d2", text="Renault SA said something else entirely today.")
    store.add_document_with_facts(
        other, [], [Entity("Renault Group", "organization", ["Renault SA"])])
    (renault,) = [e for e in store.entities() if e.name == "Renault Group"]
    assert set(renault.aliases) == {"Renault Group", "Renault", "Groupe Renault", "Renault SA"}
    assert store.find_entity("renault sa").name == "Renault Group"
    assert store.find_entity("Provost").name == "François Provost"
    assert store.find_entity("Nissan") is None


def make_claim(doc: Document, fact: Fact, claim_id="c1", **kw) -> Claim:
    source = Source(doc.doc_id, fact.fact_id, fact.evidence, outlet=doc.outlet, time=fact.time,
                    status=fact.status, args=dict(fact.args))
    return Claim(claim_id=claim_id, type=fact.type, args=dict(fact.args), time=fact.time,
                 status=fact.status, sources=[source], independent_sources=1, **kw)


def test_claims_round_trip_and_filter_by_entity(store):
    doc = make_doc()
    pos, part = position_fact(doc, time=TimeSpan("2025-07")), part_of_fact(doc)
    store.add_document_with_facts(doc, [pos, part], ENTITIES,
                                  claim_key=lambda f: f"{f.type}|key")
    conflict = Conflict("time", [{"value": {"start": "2025-07"}, "doc_ids": ["d1"]},
                                 {"value": {"start": "2025-08"}, "doc_ids": ["d2"]}])
    c1 = make_claim(doc, pos, "c1", conflicts=[conflict], based_on=["Reuters"])
    c2 = make_claim(doc, part, "c2")
    store.replace_claims(["position|key", "part_of|key"], [c1, c2],
                         key=lambda c: f"{c.type}|key")
    assert [c.to_json() for c in store.claims()] == [c2.to_json(), c1.to_json()]
    assert store.claims() == [c2, c1]
    assert [c.claim_id for c in store.claims(entity="Provost")] == ["c1"]
    assert [c.claim_id for c in store.claims(entity="Ampere")] == ["c2"]
    assert {c.claim_id for c in store.claims(entity="Renault")} == {"c1", "c2"}
    assert store.claims(entity="Nobody") == []


def test_replace_claims_only_touches_the_given_keys(store):
    doc = make_doc()
    pos, part = position_fact(doc), part_of_fact(doc)
    by_type = lambda c: c.type  # noqa: E731   (the key of a fact or a claim: its type)
    store.add_document_with_facts(doc, [pos, part], ENTITIES, claim_key=by_type)
    store.replace_claims(["position", "part_of"],
                         [make_claim(doc, pos, "p1"), make_claim(doc, part, "a1")], key=by_type)

    # one key may yield several claims (e.g. two roles): stored as key, key#2
    store.replace_claims(["position"], [make_claim(doc, pos, "p2"), make_claim(doc, pos, "p3")],
                         key=by_type)
    assert sorted(store.claim_keys()) == ["part_of", "position", "position#2"]
    assert sorted(c.claim_id for c in store.claims()) == ["a1", "p2", "p3"]
    assert {c.claim_id for c in store.claims(entity="François Provost")} == {"p2", "p3"}

    # replacing the key replaces all of its claims, and nothing else
    store.replace_claims(["position"], [make_claim(doc, pos, "p4")], key=by_type)
    assert sorted(c.claim_id for c in store.claims()) == ["a1", "p4"]
    store.replace_claims(["position"], [], key=by_type)
    assert [c.claim_id for c in store.claims()] == ["a1"]


def test_unclaimed_facts_are_those_no_stored_claim_rests_on(store):
    doc = make_doc()
    pos, part = position_fact(doc), part_of_fact(doc)
    by_type = lambda c: c.type  # noqa: E731
    store.add_document_with_facts(doc, [pos, part], ENTITIES, claim_key=by_type)
    assert {f.type for f in store.facts(entity="Renault Group", unclaimed=True)} == {"position", "part_of"}
    store.replace_claims(["position"], [make_claim(doc, pos, "p1")], key=by_type)
    assert [f.type for f in store.facts(entity="Renault Group", unclaimed=True)] == ["part_of"]
    assert len(store.facts(entity="Renault Group")) == 2
    store.replace_claims(["part_of"], [make_claim(doc, part, "a1")], key=by_type)
    assert store.facts(entity="Renault Group", unclaimed=True) == []


def test_search_finds_words_in_text_and_title(store):
    store.add_document_with_facts(make_doc(), [], [])
    store.add_document_with_facts(
        make_doc("d2", text="Nissan cut 9,000 jobs worldwide.", title="Nissan's cuts"), [], [])
    assert [h.doc_id for h in store.search("folded")] == ["d1"]
    assert [h.doc_id for h in store.search("NISSAN")] == ["d2"]
    assert [h.doc_id for h in store.search("Nissan's jobs")] == ["d2"]
    assert store.search("Nissan Ampere") == []
    assert store.search('"AND" "OR" NEAR ^x: col:y') == []     # user words are never FTS syntax
    with pytest.raises(SearchSyntaxError, match="unclosed quote"):
        store.search('"AND OR NEAR(')
    assert "[folded]" in store.search("folded")[0].snippet
    assert store.search("", 5) == []


def test_search_falls_back_to_like_without_fts(store):
    store.add_document_with_facts(make_doc(), [], [])
    store._fts = False
    hits = store.search("provost unit")
    assert [h.doc_id for h in hits] == ["d1"] and "Provost" in hits[0].snippet
    assert store.search("100%") == []


def test_stats(store):
    doc = make_doc()
    store.add_document_with_facts(doc, [position_fact(doc), part_of_fact(doc)], ENTITIES)
    stats = store.stats()
    assert stats["documents"] == 1 and stats["facts"] == 2 and stats["entities"] == 3
    assert stats["facts_by_type"] == {"part_of": 1, "position": 1}
    assert stats["documents_by_language"] == {"en": 1}


json_scalars = st.none() | st.booleans() | st.integers(-10**9, 10**9) | st.text(max_size=20)
json_values = st.recursive(json_scalars, lambda kids: st.lists(kids, max_size=3)
                           | st.dictionaries(st.text(max_size=5), kids, max_size=3), max_leaves=8)


@settings(max_examples=40, deadline=None)
@given(text=st.text(min_size=1, max_size=200),
       args=st.dictionaries(st.text(min_size=1, max_size=8), json_values, max_size=4),
       data=st.data())
def test_any_fact_round_trips(text, args, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start, len(text)))
    doc = Document("doc", text)
    fact = Fact("doc", "metric", args, Evidence.of(text, start, end),
                confidence=data.draw(st.floats(0, 1)))
    with Store.open(":memory:") as s:
        s.add_document_with_facts(doc, [fact], [])
        assert [f.to_json() for f in s.facts()] == [fact.to_json()]
        assert s.get_document_by_id("doc").text == text


def test_entities_are_found_by_any_alias_in_one_call(store):
    doc = make_doc()
    store.add_document_with_facts(doc, [position_fact(doc), part_of_fact(doc)], ENTITIES)
    names = ["Renault Group", "renault", "Groupe Renault", "Ampere", "Nobody", "FRANCOIS PROVOST", "Provost"]
    found = {n: e.name for n, e in store.find_entities(names).items()}
    assert found == {"Renault Group": "Renault Group", "renault": "Renault Group",
                     "Groupe Renault": "Renault Group", "Ampere": "Ampere",
                     "FRANCOIS PROVOST": "François Provost", "Provost": "François Provost"}
    assert store.find_entity("renault").name == "Renault Group" and store.find_entity("Nobody") is None
