"""Asking the ledger: query semantics, the CLI commands in every format, CSV and JSON-LD.

The ledger (tests/query_samples/build.py) holds four articles ingested through the
real pipeline (Valdora Motors) and directly inserted facts (Orbis Group).  Semantics
are asserted on the Orbis facts; only a few tests look at what extraction yields.
"""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from newsledger import query
from newsledger.api import Ledger
from newsledger.cli import cli
from newsledger.store import Store
from query_samples.build import HOSTILE_PARENT, shared_db

G = "Orbis Group"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return shared_db(tmp_path_factory)


@pytest.fixture(scope="module")
def store(db):
    s = Store.open(db, create=False)
    yield s
    s.close()


def names(org: dict, category: str) -> list[str]:
    return [i["name"] for i in org[category]]


def run(db, *args: str):
    result = CliRunner().invoke(cli, ["--db", str(db), *args], obj={})
    return result


# ------------------------------------------------------------- what extraction yields

def test_the_ingested_articles_give_a_unit_its_merger_and_a_conflict(store):
    """Real pipeline: Voltaro is a unit from 2021-03, merged into Valdora in 2025-06.
    (The Ruhr Design Studio, reported as a unit in March 2021 with no start, may have
    been one before: nothing says it started then.)"""
    assert names(query.org_at(store, "Valdora Motors", "2021-02"), "units") == ["Ruhr Design Studio"]
    assert "Voltaro" in names(query.org_at(store, "Valdora Motors", "2024-06"), "units")
    assert "Voltaro" not in names(query.org_at(store, "Valdora Motors", "2025-07"), "units")
    founded = [c for c in query.conflicts(store, "Voltaro") if c["type"] == "founded"]
    assert founded and founded[0]["field"] == "time"
    values = {v["value_text"] for v in founded[0]["values"]}
    assert values == {"2021-03", "2021-04"}
    outlets = {s["outlet"] for v in founded[0]["values"] for s in v["sources"]}
    assert outlets == {"autonews.example", "carwire.example"}


# ---------------------------------------------------------------------------- org_at

def test_org_at_before_and_after_a_closure(store):
    before = query.org_at(store, G, "2024-12-31")
    after = query.org_at(store, G, "2025-01")          # closed "January 2025": gone from 01-01
    assert names(before, "units") == ["Orbis Labs"]
    assert names(after, "units") == []
    assert before["units"][0]["until"] == "2025-01"
    assert before["units"][0]["since"] == "2021-02"     # its founding date, not the article's


def test_org_at_before_the_unit_existed_and_before_first_report(store):
    """A tie reported without a start held at least from its first report; before that
    it may have held too (nothing dates its start), so it is listed with an unknown
    start.  A unit cannot be there before it was founded."""
    early = query.org_at(store, G, "2020-06")
    assert names(early, "units") == []                  # Orbis Labs founded 2021-02
    assert names(early, "facilities") == ["Linz plant"]  # reported 2021-02-15, start unknown
    linz = early["facilities"][0]
    assert (linz["since"], linz["since_basis"], linz["held_from"]) == (None, "unknown", "2021-02-15")
    assert names(early, "stakes") == ["Helix Cells"]
    assert [(p["name"], p["detail"]["role"]) for p in early["people"]] == [("Ana Ruiz", "CEO")]
    assert names(query.org_at(store, G, "2015"), "people") == []      # CEO since 2016


def test_a_planned_change_with_a_date_applies_from_that_date(store):
    assert "Graz plant" not in names(query.org_at(store, G, "2026-06-30"), "facilities")
    later = query.org_at(store, G, "2026-07")
    graz = [f for f in later["facilities"] if f["name"] == "Graz plant"]
    assert graz and graz[0]["status"] == "planned" and graz[0]["since"] == "2026-07"


def test_a_planned_change_without_a_date_applies_after_publication(store):
    assert "Kiel depot" not in names(query.org_at(store, G, "2025-01-20"), "facilities")
    kiel = [f for f in query.org_at(store, G, "2025-01-21")["facilities"] if f["name"] == "Kiel depot"]
    assert kiel and kiel[0]["status"] == "planned"
    # a planned closure without a date removes nothing
    assert "Linz plant" in names(query.org_at(store, G, "2030"), "facilities")


def test_positions_end_and_a_new_ceo_replaces_the_old(store):
    def ceo(date):
        return [p["name"] for p in query.org_at(store, G, date)["people"]
                if p["detail"]["role"] == "CEO"]
    assert ceo("2024-01-31") == ["Ana Ruiz"]
    assert ceo("2024-02-01") == ["Tom Berg"]
    assert ceo("2015") == []                                # tenure from 2016


def test_an_acquisition_makes_a_subsidiary_and_sources_are_cited(store):
    assert names(query.org_at(store, G, "2023-05"), "subsidiaries") == []
    subs = query.org_at(store, G, "2023-06")["subsidiaries"]
    assert [s["name"] for s in subs] == ["Nova Robotics"]
    src = subs[0]["sources"][0]
    assert src["doc_id"] == "o2" and src["outlet"] == "wire.example"
    assert src["evidence"]["text"] == "Orbis Group completed the purchase of Nova Robotics in June 2023"


def test_a_stake_reported_without_a_start_is_held_at_least_from_its_report(store):
    stakes = query.org_at(store, G, "2022")["stakes"]
    assert [(s["name"], s["detail"]["share"], s["since"], s["held_from"]) for s in stakes] == \
        [("Helix Cells", "30%", None, "2021-02-15")]
    assert stakes[0]["history"]["held_from"]["basis"] == "reported"


# ------------------------------------------------------------------------------ diff

def test_diff_lists_what_was_added_and_removed(store):
    d = query.diff(store, G, "2022-01", "2026-08")
    added = {(i["category"], i["name"]) for i in d["added"]}
    removed = {(i["category"], i["name"]) for i in d["removed"]}
    assert added == {("subsidiaries", "Nova Robotics"), ("facilities", "Graz plant"),
                     ("facilities", "Kiel depot"), ("people", "Tom Berg")}
    assert removed == {("units", "Orbis Labs"), ("people", "Ana Ruiz")}
    assert d["unchanged"] == 2                              # Linz plant, Helix Cells stake
    assert query.diff(store, G, "2022", "2022")["added"] == []


# -------------------------------------------------------------------------- timeline

def test_timeline_is_in_date_order_with_undated_after(store):
    lines = query.timeline(store, G)["lines"]
    dated = [ln for ln in lines if not ln["undated"]]
    undated = [ln for ln in lines if ln["undated"]]
    assert lines == dated + undated and undated
    days = [query.fact_period(ln["date"])[0] for ln in dated]
    assert days == sorted(days)
    summaries = [ln["summary"] for ln in dated]
    assert summaries.index("Orbis Labs founded by Orbis Group") < \
        summaries.index("Orbis Group acquires Nova Robotics") < \
        summaries.index("Tom Berg: CEO of Orbis Group") < summaries.index("Orbis Labs closed")
    # a tenure gives a start and an end line; the leaver comes before the joiner
    ana = [(ln["date"], ln["kind"]) for ln in dated if ln["args"].get("person") == "Ana Ruiz"]
    assert ana == [("2016", "start"), ("2024-02", "end")]
    same_day = [ln["kind"] for ln in dated if ln["date"] == "2024-02"]
    assert same_day == ["end", "start"]
    # the unit's closure is there, marked as coming through the unit
    closed = [ln for ln in dated if ln["type"] == "closed"]
    assert closed[0]["via"] == "Orbis Labs"


def test_timeline_lines_from_claims_list_every_source_and_conflicts(store):
    founded = [ln for ln in query.timeline(store, G)["lines"]
               if ln["type"] == "founded" and ln["args"]["org"] == G]
    assert len(founded) == 1
    line = founded[0]
    assert {s["doc_id"] for s in line["sources"]} == {"o1", "o2"}
    assert {s["outlet"] for s in line["sources"]} == {"ledgerpost.example", "wire.example"}
    assert line["conflicts"] and line["conflicts"][0]["field"] == "time"


def test_timeline_date_filters(store):
    lines = query.timeline(store, G, "2021", "2024-02")["lines"]
    assert lines and all(not ln["undated"] for ln in lines)
    dates = {ln["date"] for ln in lines}
    assert {"2021-02", "2023", "2023-06", "2024-02"} == dates
    assert query.timeline(store, G, date_from="2025-02-01")["lines"][0]["date"] == "2025-02"
    assert query.timeline(store, G, date_to="2005-12-31")["lines"][0]["type"] == "founded"
    with pytest.raises(query.QueryError):
        query.timeline(store, G, "2025", "2024")


@pytest.mark.parametrize("bad", ["2024-13", "2024-02-30", "yesterday", "", "24", "2024/01/01"])
def test_bad_dates_are_refused(store, bad):
    with pytest.raises(query.QueryError):
        query.org_at(store, G, bad)


def test_unknown_entities_are_refused_with_suggestions(store):
    with pytest.raises(query.EntityNotFound, match="did you mean: Orbis Group"):
        query.org_at(store, "orbis", "2024")


# ---------------------------------------------------------------- profile and search

def test_entity_profile_groups_facts_and_lists_sources(store):
    p = query.entity_profile(store, "orbis group")
    assert p["name"] == G and p["type"] == "organization"
    assert {"position", "founded", "operates", "stake", "acquisition", "metric"} <= set(p["facts"])
    assert {s["doc_id"] for s in p["sources"]} >= {"o1", "o2", "o3"}
    assert p["conflicts"] == 1


def test_search_finds_entities_and_documents(store):
    result = query.search(store, "Orbis Labs")
    assert result["entities"][0]["name"] == "Orbis Labs"
    assert {h["doc_id"] for h in result["documents"]} >= {"o1", "o3"}
    assert query.search(store, "   ") == {"query": "   ", "entities": [], "documents": []}


def test_the_ledger_api_mirrors_the_query_functions(db, store):
    with Ledger(db, create=False) as ledger:
        assert ledger.org_at(G, "2024-06") == query.org_at(store, G, "2024-06")
        assert ledger.timeline(G, "2023") == query.timeline(store, G, "2023")
        assert ledger.diff(G, "2022", "2026") == query.diff(store, G, "2022", "2026")
        assert ledger.entity_profile(G) == query.entity_profile(store, G)
        assert ledger.find("Orbis") == query.search(store, "Orbis")
        assert ledger.conflicts() == query.conflicts(store)
        assert ledger.claim_list(G) == query.claims(store, G)


# ----------------------------------------------------------------------- the commands

COMMANDS = {
    "entity": ["entity", G],
    "timeline": ["timeline", G, "--from", "2021", "--to", "2025"],
    "org": ["org", G, "--at", "2024-06"],
    "diff": ["diff", G, "--from", "2022", "--to", "2026-08"],
    "search": ["search", "Orbis"],
    "claims": ["claims", G],
    "conflicts": ["conflicts"],
}
EXPECT_IN_TABLE = {
    "entity": "Orbis Labs founded by Orbis Group",
    "timeline": "Orbis Group acquires Nova Robotics",
    "org": "Nova Robotics",
    "diff": "Graz plant",
    "search": "Orbis Labs",
    "claims": "Tom Berg: CEO of Orbis Group",
    "conflicts": "“Orbis Group was founded in 2006”",
}
CSV_COLUMNS = {
    "entity": {"type", "summary", "doc_ids", "evidence"},
    "timeline": {"date", "kind", "summary", "doc_ids", "outlets", "evidence"},
    "org": {"category", "name", "since", "until", "status", "doc_ids"},
    "diff": {"change", "category", "name"},
    "search": {"kind", "id", "name"},
    "claims": {"claim_id", "summary", "sources", "conflicts"},
    "conflicts": {"claim_id", "claim", "field", "value", "outlet", "evidence"},
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_command_in_every_format(db, command, fmt):
    result = run(db, *COMMANDS[command], "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        data = json.loads(out)
        if command == "org":
            assert "Nova Robotics" in names(data, "subsidiaries")
        elif command == "timeline":
            assert all(not ln["undated"] for ln in data["lines"])
        elif command == "conflicts":
            assert {c["claim_id"] for c in data} and all(c["values"] for c in data)
        elif command == "search":
            assert data["entities"] and data["documents"]
        elif command == "entity":
            assert data["name"] == G and data["facts"]
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert rows and CSV_COLUMNS[command] <= set(rows[0])
    else:
        assert EXPECT_IN_TABLE[command] in out


def test_command_errors(db):
    bad_date = run(db, "org", G, "--at", "2024-13")
    assert bad_date.exit_code == 2 and "bad date" in bad_date.stderr
    unknown = run(db, "timeline", "Nobody Inc")
    assert unknown.exit_code == 1 and "no entity named" in unknown.stderr
    assert run(db, "diff", G, "--from", "2022").exit_code == 2         # --to is required


def test_the_old_entity_and_search_outputs_still_work(db):
    entity = json.loads(run(db, "entity", "orbis group", "--format", "json").stdout)
    assert entity["name"] == G and entity["entity_id"] == "orbis_group"
    hits = [json.loads(ln) for ln in run(db, "search", "Graz").stdout.splitlines()]
    assert [h["doc_id"] for h in hits] == ["o3"]                        # default: jsonl


def test_conflicts_table_shows_values_quotes_and_outlets(db):
    out = run(db, "conflicts").stdout
    block = out[out.index("Orbis Group founded"):]
    for text in ("2005", "2006", "ledgerpost.example", "wire.example",
                 "“Orbis Group was founded in 2005”", "“Orbis Group was founded in 2006”"):
        assert text in block


# --------------------------------------------------------------------------- exports

def test_export_facts_as_csv(db):
    result = run(db, "export", "facts", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    with Ledger(db, create=False) as ledger:
        assert len(rows) == len(ledger.facts())
    by_id = {r["fact_id"]: r for r in rows}
    ceo = [r for r in rows if r["type"] == "position" and r["args.person"] == "Tom Berg"]
    assert ceo and ceo[0]["time.start"] == "2024-02" and ceo[0]["doc_id"] == "o2"
    assert ceo[0]["evidence.text"] == "Tom Berg became CEO of Orbis Group in February 2024"
    # a cell a spreadsheet would run as a formula is defused
    formula = [r for r in by_id.values() if r["evidence.text"].startswith("'=cmd")]
    assert formula


def test_export_facts_as_jsonld_with_provenance_and_wikidata(db, tmp_path):
    out = tmp_path / "facts.jsonld"
    result = run(db, "export", "facts", "--format", "jsonld", "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    ctx = doc["@context"]
    assert ctx["wdt"] == "http://www.wikidata.org/prop/direct/"
    assert ctx["prov"] == "http://www.w3.org/ns/prov#"
    statements = [n for n in doc["@graph"] if "rdf:Statement" in n.get("@type", [])]
    with Ledger(db, create=False) as ledger:
        assert len(statements) == len(ledger.facts())
    assert all(s["prov:wasDerivedFrom"]["@id"].startswith("urn:newsledger:doc:") for s in statements)
    ceo = [s for s in statements if s["rdf:predicate"]["@id"] == "wdt:P169"
           and s["rdf:object"]["@id"] == "urn:newsledger:entity:tom_berg"]
    assert ceo and ceo[0]["pq:P580"] == {"@value": "2024-02", "@type": "xsd:gYearMonth"}
    ev = ceo[0]["newsledger:evidence"]
    assert ev["prov:value"] == "Tom Berg became CEO of Orbis Group in February 2024"
    position = ev["oa:hasSelector"][0]
    text = Store.open(db, create=False).get_document_by_id("o2").text
    assert text[position["oa:start"]:position["oa:end"]] == ev["prov:value"]
    predicates = {s["rdf:predicate"]["@id"] for s in statements}
    assert {"wdt:P169", "wdt:P749", "wdt:P127", "wdt:P137", "wdt:P571", "wdt:P576",
            "wdt:P1128"} <= predicates
    # the articles are described (outlet, date) and the parent/child tie is asserted directly
    article = [n for n in doc["@graph"] if n.get("@id") == "urn:newsledger:doc:o2"][0]
    assert article["schema:publisher"]["schema:name"] == "wire.example"
    parent = [n for n in doc["@graph"] if n.get("@id") == "urn:newsledger:entity:orbis_group"][0]
    assert {"@id": "urn:newsledger:entity:orbis_labs"} in parent["wdt:P355"]


def test_export_claims_as_jsonld_and_csv(db):
    doc = json.loads(run(db, "export", "claims", "--format", "jsonld").stdout)
    founded = [n for n in doc["@graph"] if n.get("newsledger:factType") == "founded"
               and n.get("rdf:subject", {}).get("@id") == "urn:newsledger:entity:orbis_group"]
    assert len(founded) == 1
    assert {d["@id"] for d in founded[0]["prov:wasDerivedFrom"]} == \
        {"urn:newsledger:doc:o1", "urn:newsledger:doc:o2"}
    assert founded[0]["newsledger:conflicts"]["@type"] == "@json"
    rows = list(csv.DictReader(io.StringIO(run(db, "export", "claims", "--format", "csv").stdout)))
    assert rows and {"claim_id", "type", "sources"} <= set(rows[0])


def test_hostile_names_stay_plain_text_in_the_exports(db):
    doc = json.loads(run(db, "export", "entities", "--format", "jsonld").stdout)
    labels = {n.get("rdfs:label") for n in doc["@graph"]}
    assert HOSTILE_PARENT in labels                         # data kept as is, never interpreted
