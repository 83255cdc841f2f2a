"""Parallel ingest: --workers N and --dask give the ledger a single process gives,
and a run stopped half-way is picked up without extracting anything twice.

The equality tests run the real spaCy pipeline on small articles from bench/corpus.py;
the restart tests use a recording stand-in extractor (module-level, so worker
processes can unpickle it) to see exactly which documents were extracted.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsledger.api import IngestEvent, Ledger
from newsledger.cli import cli
from newsledger.ingest import IngestOptions, iter_inputs
from newsledger.parallel import plan_units, read_unit, Unit
from test_cli import fake_extract

BENCH = Path(__file__).resolve().parent.parent / "bench"
KINDS = ("documents", "facts", "claims", "entities")


def _corpus_module():
    spec = importlib.util.spec_from_file_location("bench_corpus", BENCH / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module     # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """10 generated articles (files + manifest.jsonl), and a manifest of the first 5."""
    folder = tmp_path_factory.mktemp("archive")
    manifest = _corpus_module().Archive(seed=11).write(folder, 10)
    (folder / "half.jsonl").write_text(
        "".join(manifest.read_text(encoding="utf-8").splitlines(keepends=True)[:5]),
        encoding="utf-8")
    return manifest


def _ingest(db: Path, *args: str, options: dict | None = None):
    result = CliRunner().invoke(cli, ["--db", str(db), "ingest", *map(str, args)],
                                obj={"ledger_options": options or {}})
    assert result.exit_code == 0, result.output
    return result


def _exports(db: Path) -> dict[str, str]:
    out = {}
    for kind in KINDS:
        result = CliRunner().invoke(cli, ["--db", str(db), "export", kind])
        assert result.exit_code == 0, result.output
        out[kind] = result.stdout
    return out


@pytest.fixture(scope="module")
def one_worker(archive, tmp_path_factory) -> dict[str, str]:
    """The reference ledger: the real pipeline, everything in one process."""
    db = tmp_path_factory.mktemp("w1") / "ledger.db"
    result = _ingest(db, archive, "--workers", "1")
    assert result.stdout.strip() == "read 10, new 10, duplicates 0, not English 0, failed 0"
    exports = _exports(db)
    assert exports["facts"].count("\n") > 20 and exports["claims"].strip()
    return exports


def test_two_worker_processes_build_the_same_ledger(archive, one_worker, tmp_path):
    result = _ingest(tmp_path / "w2.db", archive, "--workers", "2", "--batch-size", "3")
    assert result.stdout.strip() == "read 10, new 10, duplicates 0, not English 0, failed 0"
    assert _exports(tmp_path / "w2.db") == one_worker


def test_a_dask_local_cluster_builds_the_same_ledger(archive, one_worker, tmp_path):
    result = _ingest(tmp_path / "dask.db", archive, "--dask", "local", "--workers", "2")
    assert result.stdout.strip() == "read 10, new 10, duplicates 0, not English 0, failed 0"
    assert _exports(tmp_path / "dask.db") == one_worker


# ------------------------------------------------------------------- restarting

class RecordingExtractor:
    """fake_extract that appends each doc_id it sees to a file (workers are processes)."""

    def __init__(self, log: Path):
        self.log = str(log)

    def __call__(self, doc):
        with open(self.log, "a", encoding="utf-8") as fh:
            fh.write(doc.doc_id + "\n")
        return fake_extract(doc)

    def seen(self) -> list[str]:
        path = Path(self.log)
        return path.read_text(encoding="utf-8").split() if path.exists() else []


def _doc_ids(manifest: Path) -> list[str]:
    return [json.loads(line)["id"] for line in manifest.read_text(encoding="utf-8").splitlines()]


def test_a_rerun_after_half_skips_stored_documents_before_extracting(archive, tmp_path):
    """On Dask; `--workers` restarts are covered by the interrupted-run test below."""
    db = tmp_path / "ledger.db"
    mode = ["--dask", "local", "--workers", "1"]
    first = RecordingExtractor(tmp_path / "first.log")
    _ingest(db, archive.parent / "half.jsonl", *mode, options={"extractor": first})
    assert sorted(first.seen()) == _doc_ids(archive)[:5]

    second = RecordingExtractor(tmp_path / "second.log")
    result = _ingest(db, archive, *mode, options={"extractor": second})
    assert result.stdout.strip() == "read 10, new 5, duplicates 5, not English 0, failed 0"
    assert sorted(second.seen()) == _doc_ids(archive)[5:]


def test_an_interrupted_run_keeps_what_it_stored_and_the_next_run_goes_on(archive, tmp_path):
    db = tmp_path / "ledger.db"
    stored = []

    def stop_after_four(event: IngestEvent) -> None:
        stored.append(event.doc_id)
        if len(stored) == 4:
            raise KeyboardInterrupt

    extractor = RecordingExtractor(tmp_path / "first.log")
    with Ledger(db, extractor=extractor) as ledger, pytest.raises(KeyboardInterrupt):
        ledger.ingest([str(archive)], workers=2, progress=stop_after_four)
    ids = _doc_ids(archive)
    with Ledger(db, extractor=fake_extract) as ledger:
        assert [d.doc_id for d in ledger.documents()] == ids[:4]

    again = RecordingExtractor(tmp_path / "second.log")
    with Ledger(db, extractor=again) as ledger:
        report = ledger.ingest([str(archive)], workers=2)
        assert (report.new, report.duplicates) == (6, 4)
        assert [d.doc_id for d in ledger.documents()] == ids
    assert sorted(again.seen()) == ids[4:]


def test_worker_failures_are_per_document_and_a_missing_model_stops_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Nissan partners with Foxconn on batteries. " * 8, encoding="utf-8")
    boom = tmp_path / "boom.txt"
    boom.write_text("Renault partners with EXPLODE Motors on vans. " * 8, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["--db", str(tmp_path / "a.db"), "ingest", "--workers", "2", str(boom), str(good)],
        obj={"ledger_options": {"extractor": fake_extract}})
    assert result.exit_code == 1, result.output         # one input failed
    assert result.stdout.strip() == "read 2, new 1, duplicates 0, not English 0, failed 1"
    assert "extractor blew up" in result.stderr

    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "b.db"), "--model",
                                      "no_such_pipeline_xyz", "ingest", "--workers", "2",
                                      str(good)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "no_such_pipeline_xyz" in result.stderr


def test_usage_errors(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "ingest", "--dask",
                                      "nowhere", "x.txt"])
    assert result.exit_code == 2 and "--dask" in result.output
    assert CliRunner().invoke(cli, ["ingest", "--workers", "0", "x.txt"]).exit_code == 2


# ----------------------------------------------------- reading, cut into units

def _read_as_units(inputs: list[str], chunk: int) -> list:
    opts = IngestOptions()
    out = []
    for unit in plan_units(inputs, opts, chunk=chunk):
        out.extend(read_unit(unit, opts) if isinstance(unit, Unit) else [unit])
    return out


@pytest.mark.parametrize("chunk", [1, 3, 8])
def test_units_read_exactly_what_iter_inputs_reads(archive, tmp_path, chunk):
    """Workers read inputs cut into units; together they must yield what the
    one-process reader yields, in the same order (documents, metadata and errors)."""
    samples = Path(__file__).parent / "samples"
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    other = tmp_path / "dir"
    other.mkdir()
    (other / "records.jsonl").write_text('{"name": "not an article"}\n', encoding="utf-8")
    with_blanks = tmp_path / "blanks.jsonl"
    lines = archive.read_text(encoding="utf-8").splitlines(keepends=True)
    with_blanks.write_text(lines[0] + "\n" + "not json\n" + "".join(lines[1:4]) + "\n",
                           encoding="utf-8")
    (tmp_path / "articles").symlink_to(archive.parent / "articles")
    inputs = [str(samples), str(archive), str(empty), str(other), str(with_blanks),
              str(tmp_path / "missing.txt"), ""]
    expected = list(iter_inputs(inputs))
    assert len(expected) > 20
    assert _read_as_units(inputs, chunk) == expected


def test_no_claims_then_reconcile_gives_the_claims_of_a_normal_run(tmp_path):
    """--no-claims (bulk loads) stores documents and facts; one reconcile catches up."""
    from test_cli import ARTICLES
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    inputs = [tmp_path / name for name in ARTICLES]
    options = {"extractor": fake_extract}
    _ingest(tmp_path / "normal.db", *inputs, options=options)
    _ingest(tmp_path / "bulk.db", "--no-claims", *inputs, options=options)
    normal, bulk = _exports(tmp_path / "normal.db"), _exports(tmp_path / "bulk.db")
    assert bulk["claims"] == "" and bulk["facts"] == normal["facts"]
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "bulk.db"), "reconcile"])
    assert result.exit_code == 0
    assert _exports(tmp_path / "bulk.db") == normal
