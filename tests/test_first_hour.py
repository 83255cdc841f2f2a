"""Issue 12: a new user's first hour.  One test (or more) per numbered item; each failed
before the fix.  The CLI runs in-process with test_cli's fake extractor ("X partners
with Y."), so no NLP model is needed; everything else is the real pipeline and store."""
from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsledger.api import Ledger
from newsledger.cli import cli
from newsledger.web import create_app
from test_cli import FILLER, fake_extract

REINTEGRATION = [      # five short articles, each with another form of the word
    ("r1", "Renault partners with Ampere. Renault will reintegrate the unit."),
    ("r2", "Nissan partners with Ampere. The reintegration of Ampere was announced."),
    ("r3", "Ampere partners with Renault. Ampere was reintegrated into the group."),
    ("r4", "Renault partners with Geely. The board is reintegrating its electric arm."),
    ("r5", "Geely partners with Renault. Analysts welcomed the reintegrations."),
]


@pytest.fixture
def run(tmp_path: Path):
    db = tmp_path / "ledger.db"

    def invoke(*args, db_path=db, **kw):
        obj = {"ledger_options": {"extractor": fake_extract}}
        return CliRunner().invoke(cli, ["--db", str(db_path), *map(str, args)], obj=obj, **kw)
    invoke.db = db
    return invoke


def article(folder: Path, name: str, text: str, data: bytes | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data if data is not None else (text + FILLER).encode("utf-8"))
    return path


def manifest(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def ledger_db(run, tmp_path):
    for doc_id, text in REINTEGRATION:
        article(tmp_path / "in", f"{doc_id}.txt", text)
    assert run("ingest", tmp_path / "in").exit_code == 0
    return run.db


# 1 ---------------------------------------------------------------------------------

def test_1_export_csv_to_a_file(run, ledger_db, tmp_path):
    out = tmp_path / "facts.csv"
    result = run("export", "facts", "--format", "csv", "-o", out)
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data.startswith(b"doc_id,fact_id,type") and b"\r\n" in data     # CRLF kept as written
    assert stat.S_IMODE(out.stat().st_mode) & 0o044                       # readable, like any file


# 3 ---------------------------------------------------------------------------------

def test_3_exit_status_is_1_when_an_input_failed_and_the_rest_is_stored(run, tmp_path):
    good = article(tmp_path / "m", "good.txt", "Renault partners with Nissan.")
    m = manifest(tmp_path / "m" / "list.jsonl", {"id": "good", "path": good.name},
                 {"id": "gone", "path": "missing.txt"})
    result = run("ingest", m)
    assert result.exit_code == 1
    assert result.stdout.strip() == "read 1, new 1, duplicates 0, not English 0, failed 1"
    assert f"error: {m}:2: file not found" in result.stderr
    with Ledger(run.db) as ledger:
        assert [d.doc_id for d in ledger.documents()] == ["good"]


# 4 ---------------------------------------------------------------------------------

def test_4_manifest_paths_stay_inside_the_manifest_folder(run, tmp_path):
    outside = article(tmp_path, "secret.txt", "Renault partners with Nissan.")
    hidden = article(tmp_path / ".private", "notes.txt", "Kering owns Gucci and Balenciaga.")
    folder = tmp_path / "feeds"
    article(folder, "inside.txt", "Geely partners with Ampere.")
    article(tmp_path / "seeds", "beside.txt", "Ford owns Ford Blue.")
    (tmp_path / "plain").write_text("not an article", encoding="utf-8")
    m = manifest(folder / "list.jsonl", {"id": "a", "path": "inside.txt"},
                 {"id": "b", "path": "../seeds/beside.txt"},          # as the evaluation manifests write it
                 {"id": "c", "path": "../../../../etc/passwd"},
                 {"id": "d", "path": str(outside)},
                 {"id": "e", "path": "../plain"},
                 {"id": "f", "path": "../.private/notes.txt"})
    result = run("ingest", m)
    assert result.exit_code == 1
    for line in (3, 4, 5, 6):
        assert f"error: {m}:{line}: path " in result.stderr
    assert result.stderr.count("is outside the manifest's folder: refused") == 4
    with Ledger(run.db) as ledger:
        assert sorted(d.doc_id for d in ledger.documents()) == ["a", "b"]
    allowed = run("ingest", "--allow-outside-paths", m)
    assert "outside the manifest's folder" not in allowed.stderr
    with Ledger(run.db) as ledger:
        assert {"d", "f"} <= {d.doc_id for d in ledger.documents()}
    # an article file further up than a folder beside the manifest's is refused too
    (tmp_path / "x" / "feeds").mkdir(parents=True)
    deeper = manifest(tmp_path / "x" / "feeds" / "list.jsonl", {"id": "g", "path": "../../secret.txt"})
    far = run("ingest", deeper)
    assert "is outside the manifest's folder: refused" in far.stderr


# 5 ---------------------------------------------------------------------------------

def test_5_bad_or_ambiguous_published_dates_are_refused_per_line(run, tmp_path):
    folder = tmp_path / "m"
    for name in ("a", "b", "c"):
        article(folder, f"{name}.txt", f"Renault partners with Maker{name.upper()}.")
    m = manifest(folder / "list.jsonl",
                 {"id": "a", "path": "a.txt", "published": "2024-13-45"},
                 {"id": "b", "path": "b.txt", "published": "01/03/2024"},
                 {"id": "c", "path": "c.txt", "published": "2024-03-01"})
    result = run("ingest", m)
    assert result.exit_code == 1
    assert f"error: {m}:1: published date '2024-13-45' is not a real date" in result.stderr
    assert f"error: {m}:2: published date '01/03/2024' is ambiguous" in result.stderr
    with Ledger(run.db) as ledger:
        assert [(d.doc_id, d.published) for d in ledger.documents()] == [("c", "2024-03-01")]


# 6 ---------------------------------------------------------------------------------

def test_6_utf8_with_a_stray_byte_is_kept_with_a_note(run, tmp_path):
    text = ("Renault partners with Nissan. Jean-Dominique Sénard said the café deal "
            "was done." + FILLER).encode("utf-8")
    data = text[:40] + b"\xff" + text[40:]
    path = article(tmp_path, "stray.txt", "", data)
    result = run("ingest", path)
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "replaced by U+FFFD" in result.stderr
    with Ledger(run.db) as ledger:
        [doc] = ledger.documents()
    assert "Sénard" in doc.text and doc.text.count("\ufffd") == 1
    assert any(n.startswith("encoding: 1 byte sequence not valid UTF-8") for n in doc.notes)


def test_6_stray_bytes_in_ascii_are_not_decoded_into_garbage(run, tmp_path):
    text = ("Renault partners with Nissan. The battery unit will be folded back." + FILLER)
    data = text.encode()[:50] + b"\xff\xfe" + text.encode()[50:]
    run("ingest", article(tmp_path, "junk.txt", "", data))
    with Ledger(run.db) as ledger:
        [doc] = ledger.documents()
    assert "ÿ" not in doc.text and "þ" not in doc.text
    assert doc.text.count("\ufffd") == 2 and any("stray bytes" in n for n in doc.notes)


def test_6_real_cp1252_is_detected_and_noted(run, tmp_path):
    text = "Renault partners with Nissan. Renée’s café – “big” news in Zürich." + FILLER
    run("ingest", article(tmp_path, "old.txt", "", text.encode("cp1252")))
    with Ledger(run.db) as ledger:
        [doc] = ledger.documents()
    assert "Renée’s café – “big” news in Zürich" in doc.text
    assert "encoding: not UTF-8: decoded as cp1252 (detected)" in doc.notes


# 7 ---------------------------------------------------------------------------------

def test_7_pdf_is_named_as_unsupported_and_markdown_is_read(run, tmp_path):
    pdf = article(tmp_path / "pdfs", "report.pdf", "", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    article(tmp_path / "pdfs", "chart.png", "", b"\x89PNG\r\n")
    result = run("ingest", pdf)
    assert result.exit_code == 1 and "PDF is not supported" in result.stderr
    folder = run("ingest", tmp_path / "pdfs")
    assert folder.exit_code == 1
    assert f"skipped: {pdf} (PDF is not supported" in folder.stderr
    assert "chart.png (an image, not an article)" in folder.stderr
    assert "error: no articles found" in folder.stderr
    assert folder.stdout.strip().endswith("failed 0, skipped 2")
    article(tmp_path / "md", "note.md", "# Renault and Nissan\n\nRenault partners with Nissan.")
    md = run("ingest", tmp_path / "md")
    assert md.exit_code == 0 and md.stdout.startswith("read 1, new 1")


# 8 ---------------------------------------------------------------------------------

def _read_only_copy(db: Path, folder: Path) -> Path:
    folder.mkdir()
    copy = folder / "ledger.db"
    shutil.copy(db, copy)
    copy.chmod(0o444)
    folder.chmod(0o555)
    return copy


def test_8_a_read_only_ledger_answers_queries_exports_and_pages(run, ledger_db, tmp_path):
    """Made read-only by permission bits.  As root (CI) those do not stop writes, so what
    this proves there is that newsledger chooses the read-only path on its own: no -wal or
    -shm file appears, which a normal (WAL) open always creates.  As another user the
    folder really refuses them, and before the fix every command failed."""
    copy = _read_only_copy(ledger_db, tmp_path / "ro")
    try:
        before = sorted(os.listdir(copy.parent))
        timeline = run("timeline", "Renault", db_path=copy)
        assert timeline.exit_code == 0 and "Ampere" in timeline.stdout, timeline.output
        assert sorted(os.listdir(copy.parent)) == before       # no -wal, no -shm
        found = run("search", "reintegrat*", db_path=copy)
        assert found.exit_code == 0 and len(found.stdout.splitlines()) == 5
        out = tmp_path / "facts.jsonl"
        assert run("export", "facts", "-o", out, db_path=copy).exit_code == 0
        assert out.read_text().count("\n") == len(REINTEGRATION)
        with TestClient(create_app(str(copy)), base_url="http://127.0.0.1") as client:
            assert client.get("/").status_code == 200
            assert client.get("/entity", params={"name": "Renault"}).status_code == 200
        assert sorted(os.listdir(copy.parent)) == before == ["ledger.db"]
    finally:
        copy.parent.chmod(0o755)


# 9 ---------------------------------------------------------------------------------

def test_9_diff_refuses_dates_in_the_wrong_order_as_timeline_does(run, ledger_db):
    for command in ("diff", "timeline"):
        result = run(command, "Renault", "--from", "2026-01", "--to", "2023-01")
        assert result.exit_code == 1, (command, result.output)
        assert "the 'from' date 2026-01 is after the 'to' date 2023-01" in result.stderr


# 10 --------------------------------------------------------------------------------

def _found(run, query: str) -> list[str]:
    result = run("search", query)
    assert result.exit_code == 0, result.output
    return sorted(json.loads(ln)["doc_id"] for ln in result.stdout.splitlines())


def test_10_search_stems_and_reads_operators(run, ledger_db):
    every = [doc_id for doc_id, _ in REINTEGRATION]
    assert _found(run, "reintegrate") == every
    assert _found(run, "reintegrat*") == every
    assert _found(run, "Nissan OR Geely") == ["r2", "r4", "r5"]
    assert _found(run, "reintegration NOT Renault") == ["r2"]
    assert _found(run, "reintegrate -Geely -Nissan") == ["r1", "r3"]
    assert _found(run, '"electric arm"') == ["r4"]
    assert _found(run, "(Nissan OR Geely) electric") == ["r4"]


def test_10_a_malformed_search_gets_a_clear_error(run, ledger_db):
    for query, message in (('"unclosed', "unclosed quote"), ("Renault OR", "missing after OR"),
                           ("(Renault", "unclosed bracket"), ("NOT Renault", "only NOT")):
        result = run("search", query)
        assert result.exit_code == 1 and message in result.stderr, (query, result.output)


# 11 --------------------------------------------------------------------------------

def test_11_unknown_names_get_close_suggestions(run, ledger_db):
    result = run("entity", "Renualt")
    assert result.exit_code == 1
    assert "did you mean: Renault" in result.stderr
    with TestClient(create_app(str(ledger_db)), base_url="http://127.0.0.1") as client:
        page = client.get("/entity", params={"name": "Renualt"})
        assert page.status_code == 404 and 'href="/entity?name=Renault"' in page.text
        api = client.get("/api/entity", params={"name": "Renualt"})
        assert api.status_code == 404 and "Renault" in api.json()["suggestions"]


# 12 --------------------------------------------------------------------------------

def test_12_entity_prints_a_table_by_default(run, ledger_db):
    result = run("entity", "Renault")
    assert result.exit_code == 0
    assert result.stdout.startswith("Renault (organization)\n")
    assert "SOURCES" in result.stdout and not result.stdout.lstrip().startswith("{")
    assert json.loads(run("entity", "Renault", "--format", "json").stdout)["name"] == "Renault"


def test_12_help_lists_every_command_in_full_with_examples_and_dates():
    result = CliRunner().invoke(cli, ["--help"], terminal_width=80)
    commands = result.output.split("Commands:")[1]
    assert "..." not in commands and len(commands.strip().splitlines()) == 13
    assert "Examples:" in result.output and "YYYY-MM-DD" in result.output
    for command in ("timeline", "org", "diff", "search", "ingest"):
        sub = CliRunner().invoke(cli, [command, "--help"], terminal_width=80).output
        assert "Example" in sub, command
    org_help = CliRunner().invoke(cli, ["org", "--help"], terminal_width=200).output
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in org_help


# 13 --------------------------------------------------------------------------------

def test_13_a_headline_first_line_becomes_the_title_shown_everywhere(run, tmp_path):
    path = article(tmp_path, "x81f2.txt", "Renault and Nissan sign battery pact\n\n"
                                          "Renault partners with Nissan.")
    assert run("ingest", path).exit_code == 0
    with Ledger(run.db) as ledger:
        [doc] = ledger.documents()
    assert doc.title == "Renault and Nissan sign battery pact" and doc.text.startswith("Renault and")
    table = run("entity", "Renault").stdout
    assert "Renault and Nissan sign battery pact" in table and "x81f2" not in table
    with TestClient(create_app(str(run.db)), base_url="http://127.0.0.1") as client:
        home = client.get("/").text
        assert ">Renault and Nissan sign battery pact</a>" in home


def test_13_a_first_line_that_is_a_sentence_is_not_a_title(run, tmp_path):
    path = article(tmp_path, "plain.txt", "Renault partners with Nissan on batteries.\n"
                                          "More follows here.")
    run("ingest", path)
    with Ledger(run.db) as ledger:
        [doc] = ledger.documents()
    assert doc.title is None
