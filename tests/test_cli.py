"""The CLI (and the Ledger under it), with a fake extractor so no NLP model is needed.

The fake reads "X partners with Y." sentences; the rest of the pipeline (ingest,
resolve, reconcile, store) is the real one.  One end-to-end test runs the real NLP
pipeline through the installed `newsledger` console script.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from newsledger.api import Ledger, Pipeline
from newsledger.cli import cli
from newsledger.models import Document, Entity, Evidence, Fact

FILLER = (" The companies said on Tuesday that the agreement would cover several markets "
          "across Europe and Latin America, and that work would start at existing plants "
          "in Spain and Romania later this year, according to a statement released by both "
          "groups after the meeting of their boards.")
ARTICLES = {
    "geely.txt": "Renault Group partners with Geely on hybrid engines." + FILLER,
    "foxconn.txt": "Nissan partners with Foxconn on electric vehicles." + FILLER,
    "geely2.txt": "Once again, Geely partners with Renault Group for powertrains." + FILLER,
}
PARTNERS = re.compile(r"([A-Z]\w+(?: [A-Z]\w+)*) partners with ([A-Z]\w+(?: [A-Z]\w+)*)")


def fake_extract(doc: Document) -> SimpleNamespace:
    """Stands in for newsledger.extract: one `partner` fact per 'X partners with Y'."""
    facts, names = [], []
    for m in PARTNERS.finditer(doc.text):
        org, partner = m.group(1), m.group(2)
        facts.append(Fact(doc.doc_id, "partner", {"org": org, "partner": partner},
                          Evidence.of(doc.text, m.start(), m.end()), confidence=0.9))
        names += [org, partner]
    if "EXPLODE" in doc.text:
        raise RuntimeError("extractor blew up")
    entities = [Entity(n, "organization") for n in dict.fromkeys(names)]
    return SimpleNamespace(facts=facts, entities=entities)


@pytest.fixture
def corpus(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name, text in ARTICLES.items():
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    return paths


@pytest.fixture
def run(tmp_path: Path):
    """Invoke the CLI in-process on tmp_path/ledger.db with the fake extractor."""
    db = tmp_path / "ledger.db"

    def invoke(*args: str, db_path: Path | str = db, options: dict | None = None, **kw):
        obj = {"ledger_options": {"extractor": fake_extract} if options is None else options}
        return CliRunner().invoke(cli, ["--db", str(db_path), *map(str, args)], obj=obj, **kw)
    invoke.db = db
    return invoke


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_ingest_then_reingest_adds_nothing(run, corpus):
    first = run("ingest", corpus["geely.txt"], corpus["foxconn.txt"])
    assert first.exit_code == 0, first.output
    assert first.stdout.strip() == "read 2, new 2, duplicates 0, not English 0, failed 0"

    again = run("ingest", corpus["geely.txt"], corpus["foxconn.txt"])
    assert again.exit_code == 0
    assert again.stdout.strip() == "read 2, new 0, duplicates 2, not English 0, failed 0"

    stats = json.loads(run("stats", "--json").stdout)
    assert (stats["documents"], stats["facts"], stats["claims"]) == (2, 2, 2)


def test_export_to_stdout_is_json_lines_per_format(run, corpus):
    run("ingest", *corpus.values())
    result = run("export", "facts", "-o", "-")
    assert result.exit_code == 0
    facts = lines(result.stdout)
    assert len(facts) == 3
    for fact in facts:
        assert set(fact) == {"doc_id", "fact_id", "type", "args", "time", "status",
                             "evidence", "attributed_to", "confidence"}
        text = corpus[fact["doc_id"] + ".txt"].read_text(encoding="utf-8")
        ev = fact["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]
    assert lines(run("export", "facts").stdout) == facts          # no -o means stdout too

    # the two Geely articles corroborate one (unordered) partner claim
    claims = lines(run("export", "claims").stdout)
    assert sorted(len(c["sources"]) for c in claims) == [1, 2]
    entities = {e["name"] for e in lines(run("export", "entities").stdout)}
    assert {"Renault Group", "Geely", "Nissan", "Foxconn"} <= entities
    docs = lines(run("export", "documents").stdout)
    assert sorted(d["doc_id"] for d in docs) == ["foxconn", "geely", "geely2"]

    only = lines(run("export", "facts", "--entity", "Foxconn").stdout)
    assert [f["doc_id"] for f in only] == ["foxconn"]


def test_export_to_a_file(run, corpus, tmp_path):
    run("ingest", corpus["geely.txt"])
    out = tmp_path / "facts.jsonl"
    result = run("export", "facts", "-o", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert [f["type"] for f in lines(out.read_text(encoding="utf-8"))] == ["partner"]


def test_a_bad_input_is_reported_and_the_batch_goes_on(run, corpus, tmp_path):
    missing = tmp_path / "missing.txt"
    boom = tmp_path / "boom.txt"
    boom.write_text("Renault Group partners with EXPLODE Motors." + FILLER, encoding="utf-8")
    result = run("ingest", corpus["geely.txt"], missing, boom, corpus["foxconn.txt"])
    assert result.exit_code == 1            # scripts must see that something failed
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2
    assert errors[0].startswith(f"error: {missing}: ")
    assert errors[1].startswith(f"error: {boom}: ") and "extractor blew up" in errors[1]
    assert result.stdout.strip() == "read 3, new 2, duplicates 0, not English 0, failed 2"
    docs = lines(run("export", "documents").stdout)
    assert sorted(d["doc_id"] for d in docs) == ["foxconn", "geely"]   # boom left no trace


def test_exit_code_1_when_every_input_fails(run, tmp_path):
    result = run("ingest", tmp_path / "nope.txt", tmp_path / "neither.txt")
    assert result.exit_code == 1
    assert result.stderr.count("error: ") == 2
    assert "failed 2" in result.stdout


def test_usage_errors_exit_2(run):
    assert run("ingest").exit_code == 2
    assert run("export", "widgets").exit_code == 2


@pytest.mark.parametrize("command", [["stats"], ["export", "facts"], ["ingest", "x.txt"]])
def test_unusable_database_is_one_clear_line(run, tmp_path, command):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"definitely not a database\n" * 200)
    for db in (garbage, tmp_path / "no" / "such" / "dir" / "ledger.db"):
        result = run(*command, db_path=db)
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("Error: ") and str(db) in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert not isinstance(result.exception, Exception) or isinstance(result.exception,
                                                                          SystemExit)


def test_read_commands_do_not_create_a_database(run, tmp_path):
    db = tmp_path / "typo.db"
    result = run("stats", db_path=db)
    assert result.exit_code == 1 and "no ledger database" in result.stderr
    assert not db.exists()


def test_search_and_entity_commands(run, corpus):
    run("ingest", *corpus.values())
    hits = lines(run("search", "powertrains").stdout)
    assert [h["doc_id"] for h in hits] == ["geely2"]
    entity = json.loads(run("entity", "renault group", "--format", "json").stdout)
    assert entity["name"] == "Renault Group"
    assert run("entity", "Stellantis").exit_code == 1


def test_reconcile_rebuilds_the_same_claims(run, corpus):
    run("ingest", *corpus.values())
    before = run("export", "claims").stdout
    result = run("reconcile")
    assert result.exit_code == 0 and result.stdout.strip() == "claims 2"
    assert run("export", "claims").stdout == before


# ------------------------------------------------------------------ the Ledger API


def fake_reader(docs):
    """A Pipeline.read stand-in yielding prepared Documents."""
    return lambda inputs, **kw: iter(docs)


def test_non_english_documents_are_stored_without_extraction(tmp_path):
    calls = []
    french = Document("fr1", "Renault partners with Geely. " * 10, language="fr")
    english = Document("en1", "Nissan partners with Foxconn. " * 10, language="en")
    pipeline = Pipeline(read=fake_reader([french, english]))
    with Ledger(tmp_path / "l.db", extractor=lambda d: calls.append(d.doc_id)
                or fake_extract(d), pipeline=pipeline) as ledger:
        report = ledger.ingest(["whatever"])
        assert (report.read, report.new, report.skipped_language) == (2, 1, 1)
        assert calls == ["en1"]
        stored = ledger.document("fr1")
        assert stored is not None and any("not English" in n for n in stored.notes)
        assert ledger.facts(doc_id="fr1") == []
        assert [h.doc_id for h in ledger.search("Geely")] == ["fr1"]


def test_progress_events_and_lazy_nlp(tmp_path, monkeypatch):
    import newsledger.nlp
    monkeypatch.setattr(newsledger.nlp, "load", lambda *a, **k: pytest.fail("spaCy loaded"))
    docs = [Document("a", "Nissan partners with Foxconn. " * 10, language="en"),
            Document("b", "Nissan partners with Foxconn. " * 10, language="en")]
    events = []
    with Ledger(tmp_path / "l.db", extractor=fake_extract,
                pipeline=Pipeline(read=fake_reader(docs))) as ledger:
        report = ledger.ingest(["x"], progress=events.append)
    assert [e.outcome for e in events] == ["new", "duplicate"]
    assert events[1].doc_id == "a"
    assert report.summary() == "read 2, new 1, duplicates 1, not English 0, failed 0"


@pytest.fixture
def fake_extract_module(monkeypatch):
    """Stand-in `newsledger.extract` whose extract_document records the nlp it was given."""
    seen = []

    def extract_document(doc, nlp):
        seen.append(nlp)
        return fake_extract(doc)
    monkeypatch.setitem(sys.modules, "newsledger.extract",
                        SimpleNamespace(extract_document=extract_document))
    return seen


def test_spacy_is_loaded_once_and_only_when_needed(tmp_path, monkeypatch, fake_extract_module):
    import newsledger.nlp
    loads = []
    monkeypatch.setattr(newsledger.nlp, "load", lambda model=None: loads.append(model) or "NLP")
    docs = [Document("a", "Nissan partners with Foxconn. " * 10, language="en"),
            Document("b", "Renault partners with Geely. " * 10, language="en"),
            Document("c", "Renault s'associe avec Geely. " * 10, language="fr")]
    with Ledger(tmp_path / "l.db", model="my_model",
                pipeline=Pipeline(read=fake_reader(docs))) as ledger:
        ledger.stats()
        ledger.export("facts", open(os.devnull, "w"))
        assert loads == []
        assert ledger.ingest(["x"]).new == 2
    assert loads == ["my_model"] and fake_extract_module == ["NLP", "NLP"]


def test_a_missing_spacy_model_stops_the_batch_with_one_line(run, corpus, fake_extract_module):
    result = run("--model", "no_such_pipeline_xyz", "ingest", corpus["geely.txt"], options={})
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "no_such_pipeline_xyz" in result.stderr
    assert "Traceback" not in result.output


def test_export_kinds_through_the_api(tmp_path):
    import io
    docs = [Document("a", "Nissan partners with Foxconn. " * 10, language="en")]
    with Ledger(tmp_path / "l.db", extractor=fake_extract,
                pipeline=Pipeline(read=fake_reader(docs))) as ledger:
        ledger.ingest(["x"])
        for kind, n in (("facts", 10), ("claims", 1), ("documents", 1), ("entities", 2)):
            fh = io.StringIO()
            assert ledger.export(kind, fh) == n
            assert len(lines(fh.getvalue())) == n
        assert ledger.facts()[0].to_json() == lines(_export(ledger, "facts"))[0]
        with pytest.raises(ValueError):
            ledger.export("widgets", io.StringIO())


def _export(ledger, kind):
    import io
    fh = io.StringIO()
    ledger.export(kind, fh)
    return fh.getvalue()


# ------------------------------------------------------------------ real processes


def _console_script() -> str:
    script = Path(sys.executable).with_name("newsledger")
    return str(script) if script.exists() else shutil.which("newsledger") or "newsledger"


def test_console_script_reports_a_corrupt_database_without_traceback(tmp_path):
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"x" * 4096)
    proc = subprocess.run([_console_script(), "--db", str(garbage), "stats"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip() == f"Error: cannot open database {garbage}: file is not a database"

    proc = subprocess.run([sys.executable, "-m", "newsledger", "--help"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "ingest" in proc.stdout


def _real_pipeline_available() -> bool:
    try:
        from newsledger.extract import extract_document  # noqa: F401
        return True
    except ImportError:
        return False


@pytest.mark.skipif(not _real_pipeline_available(),
                    reason="newsledger.extract is not importable yet")
def test_end_to_end_with_the_real_pipeline(tmp_path):
    article = tmp_path / "ampere.txt"
    article.write_text(
        "Renault Group will fold Ampere back into the group.\n\n"
        "Renault Group said on Thursday that Ampere, its electric vehicle unit created in "
        "2023, will be reintegrated into the carmaker. François Provost, Renault's chief "
        "executive, said the move would cut costs. Ampere employs about 11,000 people at "
        "plants in northern France, including the Douai plant, which builds the Renault 5.\n",
        encoding="utf-8")
    db = tmp_path / "ledger.db"
    env = {**os.environ, "NEWSLEDGER_DB": str(db)}
    script = _console_script()
    proc = subprocess.run([script, "ingest", str(article)], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "read 1, new 1, duplicates 0, not English 0, failed 0"

    proc = subprocess.run([script, "export", "facts"], capture_output=True, text=True,
                          env=env, timeout=120)
    facts = lines(proc.stdout)
    assert facts, "the real pipeline found no facts"
    text = article.read_text(encoding="utf-8")
    for fact in facts:
        ev = fact["evidence"]
        assert text[ev["start"]:ev["end"]] == ev["text"]

    proc = subprocess.run([script, "ingest", str(article)], capture_output=True, text=True,
                          env=env, timeout=600)
    assert proc.stdout.strip() == "read 1, new 0, duplicates 1, not English 0, failed 0"
