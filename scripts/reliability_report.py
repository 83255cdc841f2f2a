#!/usr/bin/env python3
"""Write docs/reliability.md: every reliability and security case tried, and its result.

    .venv/bin/python scripts/reliability_report.py            # via .ci/run (PostgreSQL too)
    .venv/bin/python scripts/reliability_report.py --direct   # this environment as it is

It runs the reliability tests (crash, concurrency, fuzzing, nasty inputs, security,
and the older property, hostile-input and fetch tests they build on) under pytest
with this file as a plugin, which records each test's result, time, the counts the
tests report (`record_property`: kills survived, runs compared, hostile inputs,
per-case outcomes) and the number of examples hypothesis tried; then it renders
the document.  By default pytest runs through .ci/run, which starts a throwaway
PostgreSQL server so the PostgreSQL cases run too.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (file, pytest -k expression or None, section title)
SUITES = [
    ("tests/test_crash.py", None, "Crash safety: SIGKILL during `newsledger ingest`"),
    ("tests/test_concurrency.py", None, "Concurrency: two ingests and the web server at once"),
    ("tests/test_fuzz.py", None, "Input fuzzing: property tests (hypothesis)"),
    ("tests/test_dates.py", "prop", "Input fuzzing: date resolver properties (older)"),
    ("tests/test_numbers.py", "total or round_trips or prefix", "Input fuzzing: number and "
                                                                "money parser properties (older)"),
    ("tests/test_ingest.py", "properties or never_raises or bad_input or fetch or manifest",
     "Input fuzzing and bad inputs: ingest (older)"),
    ("tests/test_nasty.py", None, "Nasty inputs through the real CLI"),
    ("tests/test_security.py", None, "Fetching and web security"),
    ("tests/test_web.py", "hostile or csp or token or host", "Web: hostile content and "
                                                              "parameters (older)"),
    ("tests/test_store.py", "round_trips or connection_settings", "Store: round trips and "
                                                                  "connection settings"),
    ("tests/test_postgres.py", "round_trips or queue", "PostgreSQL store"),
]

# Faults the tests above found, and how each was fixed (kept by hand, with the commit).
FAULTS = [
    ("A document stored but its claims never built",
     "SIGKILL between a document's transaction and the separate claims rebuild left the "
     "document stored without its claims, and every rerun skipped it as a duplicate "
     "(53 of 53 claims missing in the pinpoint test).",
     "`Ledger._finish` canonicalises, stores and rebuilds claims in one transaction "
     "(newsledger/api.py; landed inside commit dcfa493)."),
    ("Entities canonicalised outside the write lock",
     "Two ingests at once could canonicalise a document against an entity list another "
     "process was changing, so the result could differ from one run after the other.",
     "Same transaction as above: canonicalising now happens under the write lock."),
    ("NUL characters from a JSON manifest",
     "Stored on SQLite, but the insert failed on PostgreSQL (text cannot hold NUL).",
     "A per-input error `text contains NUL characters`; NUL is dropped from titles, "
     "outlets, URLs and ids (newsledger/ingest/sources.py)."),
    ("Lone surrogates from a JSON manifest",
     "`unexpected error: UnicodeEncodeError ...` instead of a clear reason.",
     "A per-input error `not valid Unicode text (a lone surrogate)`; dropped from metadata."),
    ("JSON nested thousands deep in a manifest line",
     "`unexpected error: RecursionError ...`.", "Reported as `not valid JSON`."),
    ("A 10 MB single-line article",
     "Failed inside spaCy with its multi-sentence E088 message.",
     "A per-input error `too much text for one article (... chars; the limit is 1,000,000)`."),
    ("A 300,000-character word",
     "Extraction is quadratic in the length of one token (newsledger/extract/position.py, "
     "`_explicit`): 40,000 characters took 2.6 s, 300,000 several minutes.",
     "Ingest refuses a 'word' over 5,000 characters with a clear error (a blob, not "
     "prose); the quadratic pattern itself is left to the extraction owners."),
    ("Store-changing requests on a non-loopback server",
     "No rule existed (the app has no such route yet, so nothing was exposed).",
     "The middleware refuses any method but GET/HEAD/OPTIONS without a token when the "
     "server is not loopback-only, and from another site's Origin anywhere."),
]

COUNTERS = [
    ("kills_survived", "SIGKILLs survived"),
    ("concurrent_runs_compared", "concurrent runs compared with one-after-the-other"),
    ("web_requests_during_ingests", "web requests answered during concurrent ingests"),
    ("fuzz_examples", "fuzz examples tried (hypothesis)"),
    ("nasty_inputs_tried", "nasty inputs tried through the CLI"),
    ("hostile_inputs_tried", "hostile web inputs tried (parameters, headers, paths)"),
]


# ------------------------------------------------------------------- pytest plugin

class Recorder:
    """Collects each test's outcome, duration, user properties and hypothesis examples."""

    def __init__(self, out: str):
        self.out = out
        self.results: dict[str, dict] = {}
        self.current: str | None = None
        self.examples: dict[str, int] = defaultdict(int)
        try:
            from hypothesis.internal.observability import add_observability_callback
            add_observability_callback(self._observe, all_threads=True)
        except ImportError:
            pass

    def _observe(self, observation, *_):
        if getattr(observation, "type", None) == "test_case" and self.current and \
                getattr(observation, "status", None) != "gave_up":
            self.examples[self.current] += 1

    def pytest_runtest_setup(self, item):
        self.current = item.nodeid
        doc = (getattr(item.function, "__doc__", None) or "").strip().splitlines()
        self.results.setdefault(item.nodeid, {"doc": doc[0] if doc else ""})

    def pytest_runtest_logreport(self, report):
        entry = self.results.setdefault(report.nodeid, {"doc": ""})
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            entry["outcome"] = report.outcome
            entry["duration"] = round(report.duration, 2)
            if report.outcome == "skipped" and isinstance(report.longrepr, tuple):
                entry["reason"] = str(report.longrepr[2])
            if report.outcome == "failed":
                entry["reason"] = str(report.longrepr).strip().splitlines()[-1][:300]
        if report.when == "teardown":
            entry["properties"] = {k: v for k, v in report.user_properties}
            entry["examples"] = self.examples.get(report.nodeid, 0)

    def pytest_sessionfinish(self, session):
        Path(self.out).write_text(json.dumps(self.results, default=str), encoding="utf-8")


def pytest_configure(config):
    out = os.environ.get("NEWSLEDGER_RELIABILITY_JSON")
    if out:
        config.pluginmanager.register(Recorder(out), "newsledger-reliability-recorder")


# ------------------------------------------------------------------- rendering

def _suite_of(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def render(results: dict[str, dict], with_pg: bool) -> str:
    totals: dict[str, int] = defaultdict(int)
    for r in results.values():
        for key, _ in COUNTERS:
            value = r.get("properties", {}).get(key)
            if isinstance(value, int):
                totals[key] += value
        totals["fuzz_examples"] += r.get("examples", 0)
    outcomes = defaultdict(int)
    for r in results.values():
        outcomes[r.get("outcome", "not run")] += 1

    lines = ["# Reliability and security", "",
             "Generated by `scripts/reliability_report.py` (do not edit by hand): every case "
             "the reliability and security tests try, and its result.  Each is a test that "
             "runs in CI (`.ci/run`); the numbers come from that run.", ""]
    lines += ["## Totals", "", "| | |", "|---|---:|"]
    for key, label in COUNTERS:
        lines.append(f"| {label} | {totals[key]:,} |")
    lines.append(f"| tests: " + ", ".join(f"{n} {o}" for o, n in sorted(outcomes.items()))
                 + " | " + f"{len(results):,} |")
    lines.append(f"| PostgreSQL cases run | {'yes' if with_pg else 'no (no server given)'} |")
    lines += ["", "## Faults found and fixed", ""]
    for title, found, fixed in FAULTS:
        lines += [f"- **{title}.** {found} *Fix:* {fixed}"]

    for path, _, title in SUITES:
        rows = {k: v for k, v in results.items() if _suite_of(k) == path}
        if not rows:
            continue
        lines += ["", f"## {title}", "", f"`{path}`", "",
                  "| case | result | examples | counts | s |", "|---|---|---:|---|---:|"]
        details = []
        for nodeid, r in rows.items():
            name = nodeid.split("::", 1)[1]
            props = {k: v for k, v in r.get("properties", {}).items() if k != "cases"}
            counts = ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in props.items())
            result = r.get("outcome", "not run")
            if r.get("reason") and result != "passed":
                result += f" ({r['reason'][:120]})"
            examples = r.get("examples") or ""
            lines.append(f"| `{name}` | {result} | {examples} | {counts} | "
                         f"{r.get('duration', '')} |".replace("\n", " "))
            cases = r.get("properties", {}).get("cases")
            if cases:
                details.append((name, cases))
        for name, cases in details:
            lines += ["", f"<details><summary><code>{name}</code>: each case</summary>", ""]
            items = cases.items() if isinstance(cases, dict) else ((c, None) for c in cases)
            for case, result in items:
                text = f"{case}: {result}" if result is not None else str(case)
                lines.append("- " + text.replace("|", "\\|").replace("<", "&lt;")
                             .replace("\n", " "))
            lines += ["", "</details>"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--direct", action="store_true",
                        help="run pytest here, without .ci/run (PostgreSQL cases run only "
                             "if NEWSLEDGER_TEST_PG is set)")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "reliability.md"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "results.json")
        env = {**os.environ, "NEWSLEDGER_RELIABILITY_JSON": out,
               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "scripts"),
                                                         os.environ.get("PYTHONPATH")]))}
        # each file has its own -k expression: select node ids up front, run once
        ids = _collect(env)
        pytest_args = ["-p", "reliability_report", "-p", "no:cacheprovider", "-q", *ids]
        if args.direct:
            cmd = [sys.executable, "-m", "pytest", *pytest_args]
        else:
            cmd = ["bash", str(ROOT / ".ci" / "run"), *pytest_args]
        proc = subprocess.run(cmd, cwd=ROOT, env=env)
        results = json.loads(Path(out).read_text(encoding="utf-8"))
    with_pg = any("postgres" in k and r.get("outcome") == "passed" for k, r in results.items())
    Path(args.output).write_text(render(results, with_pg), encoding="utf-8")
    print(f"wrote {args.output} ({len(results)} tests); pytest exit code {proc.returncode}")
    return proc.returncode


def _collect(env: dict) -> list[str]:
    """Node ids of the selected tests (each file with its own -k expression)."""
    ids: list[str] = []
    for path, expr, _ in SUITES:
        cmd = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=",
               "-p", "no:cacheprovider",
               path]
        if expr:
            cmd += ["-k", expr]
        out = subprocess.run(cmd, cwd=ROOT, env={**env, "NEWSLEDGER_RELIABILITY_JSON": ""},
                             capture_output=True, text=True).stdout
        ids += [ln.strip() for ln in out.splitlines() if "::" in ln]
    return ids


if __name__ == "__main__":
    sys.exit(main())
