"""Every pattern has the sentence that motivated it, and fails without it.

tests/cases/<type>.jsonl holds one case per line:

    {"pattern": "position/title", "text": "...", "published": "2026-03-12",
     "facts": [{"type": "position", "args": {...}, "status": "actual", "time": {"start": "2025-07"}}]}

For each case: the expected facts come out of the text (args compared as given; status
and time when given); and with the case's pattern taken out of the engine, at least one
of them does not -- so each pattern is there for a reason a test can see.  Every
pattern in newsledger/extract/patterns/ has a case, and its "example" is the case's text.
Cases with "covers" instead of "pattern" are sentences the patterns must read without a
claim that one pattern alone reads them; cases with "rule" test Python extraction
(metric.py, position.py).  A case's "absent" lists facts (type, and the args given) that
must not come out of it (with that status, when given): the misreadings a rule was
changed to stop.  A case may name its "outlet", and a fact its "attributed_to" (the
report the article says the fact rests on).
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsledger.extract import extract_document
from newsledger.extract.engine import Engine, all_patterns
from newsledger.models import Document
from newsledger.names import fold
from newsledger.schema import TYPES

CASES_DIR = Path(__file__).parent / "cases"
CASES = [json.loads(line) for p in sorted(CASES_DIR.glob("*.jsonl"))
         for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
PATTERNS = {p.id: p for p in all_patterns()}


@pytest.fixture(scope="module")
def nlp():
    from newsledger.nlp import load
    return load()


def case_id(c: dict) -> str:
    return f"{c.get('pattern') or c.get('covers') or c.get('rule')}:{c['text'][:40]}"


def same(value, expected) -> bool:
    if isinstance(expected, str) and isinstance(value, str):
        return fold(value) == fold(expected)
    return value == expected


def found(expected: dict, facts) -> bool:
    unordered = TYPES[expected["type"]].unordered
    for f in facts:
        if f.type != expected["type"] or f.status != expected.get("status", f.status):
            continue
        args = f.args
        if unordered and not same(args.get("org"), expected["args"].get("org")):
            args = dict(args, org=args.get("partner"), partner=args.get("org"))   # (A, B) is (B, A)
        if not all(same(args.get(k), v) for k, v in expected["args"].items()):
            continue
        if "attributed_to" in expected and not same(f.attributed_to, expected["attributed_to"]):
            continue
        t = expected.get("time") or {}
        if all(getattr(f.time, k) == v for k, v in t.items()):
            return True
    return False


def extract(nlp, case: dict, engine: Engine | None = None):
    doc = Document("case", case["text"], published=case.get("published"), outlet=case.get("outlet"))
    return extract_document(doc, nlp, engine=engine).facts


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_case_facts_are_found(nlp, case):
    facts = extract(nlp, case)
    missing = [e for e in case["facts"] if not found(e, facts)]
    wrong = [e for e in case.get("absent", []) if any(f.type == e["type"] and f.status == e.get("status", f.status) and all(
        same(f.args.get(k), v) for k, v in e.get("args", {}).items()) for f in facts)]
    assert not missing and not wrong, (missing, wrong, [(f.type, f.status, f.args, f.time.to_json()) for f in facts])


@pytest.mark.parametrize("case", [c for c in CASES if c.get("pattern")], ids=case_id)
def test_each_pattern_is_needed_by_its_case(nlp, case):
    without = Engine(nlp.vocab, tuple(p for p in all_patterns() if p.id != case["pattern"]))
    facts = extract(nlp, case, without)
    assert not all(found(e, facts) for e in case["facts"]), f"{case['pattern']} is not needed for its case"


def test_every_pattern_has_its_case_and_its_example_is_the_case():
    texts = {}
    for c in CASES:
        if c.get("pattern"):
            texts.setdefault(c["pattern"], set()).add(c["text"])
    assert set(PATTERNS) <= set(texts), sorted(set(PATTERNS) - set(texts))
    for pid, p in PATTERNS.items():
        assert p.example in texts[pid], (pid, p.example)
