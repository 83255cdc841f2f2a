"""scripts/claims_show.py: the per-item view of how claims meet the cross-article gold."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import claims_show  # noqa: E402


def _gold(tmp_path: Path):
    if not Path(claims_show.eval_split.SCORER).exists():
        pytest.skip(f"shared scorer not present at {claims_show.eval_split.SCORER}")
    g = tmp_path / "gold"
    g.mkdir()
    (g / "entities.json").write_text(json.dumps({
        "acme": {"name": "Acme", "aliases": ["Acme Motors"]},
        "bolt": {"name": "Bolt", "aliases": []}}))
    for doc in ("a", "b"):
        (g / f"{doc}.json").write_text(json.dumps({"doc": doc, "facts": [
            {"id": "f1", "type": "closed", "args": {"org": "acme"}, "status": "planned"},
            {"id": "f2", "type": "partner", "args": {"org": "acme", "partner": "bolt"}},
            {"id": "f3", "type": "founded", "args": {"org": "bolt"}}]}))
    (g / "crossdoc.json").write_text(json.dumps({
        "corroborated": [["a:f1", "b:f1"], ["a:f2", "b:f2"], ["a:f3", "b:f3"]],
        "independence": [{"facts": ["a:f1", "b:f1"], "expected": 1}]}))
    sc = claims_show.load_scorer()
    return sc, sc.Gold(g)


def _fact(doc, fid, type_, args):
    return {"doc_id": doc, "fact_id": fid, "type": type_, "args": args, "status": "planned"}


def _claim(cid, type_, args, sources, indep):
    return {"claim_id": cid, "type": type_, "args": args, "status": "planned",
            "sources": [{"doc_id": d, "fact_id": f} for d, f in sources],
            "independent_sources": indep, "conflicts": []}


def test_each_miss_is_put_down_to_extraction_a_split_or_the_count(tmp_path, capsys):
    sc, gold = _gold(tmp_path)
    facts = [_fact("a", "x1", "closed", {"org": "Acme"}), _fact("b", "y1", "closed", {"org": "Acme Motors"}),
             _fact("a", "x2", "partner", {"org": "Acme", "partner": "Bolt"}),
             _fact("b", "y2", "partner", {"org": "Acme", "partner": "Bolt"}),
             _fact("a", "x3", "founded", {"org": "Bolt"})]
    claims = [_claim("c1", "closed", {"org": "Acme"}, [("a", "x1"), ("b", "y1")], 2),
              _claim("c2", "partner", {"org": "Acme", "partner": "Bolt"}, [("a", "x2")], 1),
              _claim("c3", "partner", {"org": "Acme", "partner": "Bolt"}, [("b", "y2")], 1),
              _claim("c4", "founded", {"org": "Bolt"}, [("a", "x3")], 1)]
    counts = claims_show.diagnose(sc, gold, facts, claims, {"corr", "indep"})
    out = capsys.readouterr().out
    assert counts["corr"] == 3 and counts["corr_ok"] == 1
    assert "CORROBORATION MISSED [split(2)] ['a:f2', 'b:f2']" in out
    assert "CORROBORATION MISSED [extraction] ['a:f3', 'b:f3']" in out
    assert "NOT EXTRACTED" in out
    assert "INDEPENDENCE [claim] WRONG COUNT [2] expected 1" in out


def test_held_out_halves_are_refused():
    for half in (["unseen3", "all"], ["unseen5", "check"], ["dev", "check"], ["dev", "all"]):
        with pytest.raises(SystemExit):
            claims_show.main(half)
