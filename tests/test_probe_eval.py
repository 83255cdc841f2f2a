"""scripts/probe_eval.py: a probe suite is scored by the shared scorer as one document per line.

The annotators write names and roles as the text does ("Halden Pharma", "chief
executive"); the scorer compares canonical roles and entity ids, so the suite's gold must
be canonicalised the same way, or a right answer counts as a miss and a false positive.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import probe_eval  # noqa: E402

import pytest  # noqa: E402

if not probe_eval.SCORER.exists():      # the shared yardstick lives beside the repo, not in it
    pytest.skip(f"shared scorer not present at {probe_eval.SCORER}", allow_module_level=True)
S = probe_eval.load_scorer()
ROWS = [
    {"id": "T-position-01", "text": "Halden Pharma named Ines Varga chief executive on Monday.",
     "published": "2026-03-02",
     "facts": [{"type": "position", "args": {"person": "Ines Varga", "org": "Halden Pharma",
                                             "role": "chief executive"}, "status": "actual"}]},
    {"id": "T-position-02", "text": "Shares in Corvel rose 3%.", "published": "2026-03-02", "facts": []},
]


def score(preds):
    gold = probe_eval.SuiteGold(S, ROWS)
    _, totals, _, _ = S.score_docs(gold, preds)
    return totals


def test_a_role_and_a_short_name_match_the_annotators_words():
    pred = {"type": "position", "status": "actual",
            "args": {"person": "Ines Varga", "org": "Halden", "role": "CEO"}}
    t = score({"T-position-01": [pred], "T-position-02": []})
    assert (t["tp"], t["fp"], t["fn"]) == (1, 0, 0)


def test_another_role_or_person_is_a_miss_and_a_false_positive():
    pred = {"type": "position", "status": "actual",
            "args": {"person": "Ines Varga", "org": "Halden Pharma", "role": "CFO"}}
    t = score({"T-position-01": [pred], "T-position-02": []})
    assert (t["tp"], t["fp"], t["fn"]) == (0, 1, 1)


def test_anything_from_a_line_with_no_facts_is_a_false_positive():
    pred = {"type": "metric", "args": {"entity": "Corvel", "measure": "share_price", "value": 3}}
    t = score({"T-position-01": [], "T-position-02": [pred]})
    assert (t["fp"], t["fn"]) == (1, 1)


def test_a_broken_line_names_the_file_and_line(tmp_path):
    suite = tmp_path / "suite.jsonl"
    suite.write_text('{"id": "x", "text": "ok", "facts": []}\n{not json\n', encoding="utf-8")
    try:
        probe_eval.read_suite(suite)
    except SystemExit as e:
        assert f"{suite}:2" in str(e)
    else:
        raise AssertionError("a broken line was read")
