#!/usr/bin/env python3
"""Score the extractor on a probe suite: single invented news sentences, fully annotated.

    .venv/bin/python scripts/probe_eval.py eval/probes/suite_a.jsonl [--show] [--type metric]
    .venv/bin/python scripts/probe_eval.py eval/probes/suite_b.jsonl --json

A suite (eval/probes/*.jsonl) is written by an annotator who never read the code: one line
per text, {"id", "text", "published", "construction", "facts": [...]}, every fact the text
states listed, so whatever else comes out of the line is a false positive.  Suite A is the
tune suite (its misses may be looked at); suite B, written independently in other
industries, is the check suite (scored, its errors not looked at).

Each line becomes one document of a gold folder the shared scorer (score.py) reads; an
entity's aliases are its name and, for several-word names, the name without its last word
("Halden" for "Halden Pharma", "Tarragona" for "Tarragona plant"), since one sentence holds
no second entity those short forms could mean.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def load_scorer(path: Path = SCORER):
    spec = importlib.util.spec_from_file_location("newsledger_shared_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def read_suite(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{n}: not JSON ({e})")
    return rows


def aliases_of(name: str) -> list[str]:
    words = name.split()
    return [name, " ".join(words[:-1])] if len(words) > 1 else [name]


class SuiteGold:
    """The scorer's Gold, built from a suite instead of a folder."""

    def __init__(self, S, rows: list[dict]):
        self.S = S
        self.alias: dict[str, set[str]] = defaultdict(set)
        self.docs: dict[str, dict] = {}
        self.crossdoc: list = []
        for row in rows:
            facts = []
            for i, f in enumerate(row.get("facts") or []):
                g = dict(f, id=f"f{i}", evidence=row["text"])
                g["args"] = {k: self.entity(k, v) for k, v in (f.get("args") or {}).items()}
                facts.append(g)
            self.docs[row["id"]] = {"doc": row["id"], "facts": facts, "_text": row["text"]}

    def entity(self, role: str, value):
        if role == "role":       # gold roles are canonical ("CEO", "chief executive" -> ceo)
            return [self.S.canon_role(v) for v in value] if isinstance(value, list) else self.S.canon_role(value)
        if role not in self.S.ENTITY_ARGS or value is None:
            return value
        if isinstance(value, list):
            return [self.entity(role, v) for v in value]
        eid = self.S.norm_text(value)
        for a in aliases_of(str(value)):
            self.alias[self.S.norm_text(a)].add(eid)
        return eid

    def entity_ids(self, name) -> set[str]:
        return set() if name is None else self.alias.get(self.S.norm_text(name), set())


def predict(rows: list[dict]) -> dict[str, list[dict]]:
    sys.path.insert(0, str(ROOT))
    from newsledger.extract import extract_document
    from newsledger.models import Document
    from newsledger.nlp import load

    nlp = load()
    return {row["id"]: [f.to_json() for f in extract_document(
        Document(row["id"], row["text"], published=row.get("published")), nlp).facts]
        for row in rows}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("suite", type=Path)
    ap.add_argument("--show", action="store_true", help="list misses and false positives")
    ap.add_argument("--type", help="only lines whose id names this fact type")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    S = load_scorer()
    rows = read_suite(a.suite)
    if a.type:
        rows = [r for r in rows if f"-{a.type}-" in r["id"]]
    gold = SuiteGold(S, rows)
    preds = predict(rows)
    per_type, t, misses, false_pos = S.score_docs(gold, preds)
    p, r, f1 = S.prf(t["tp"], t["fp"], t["fn"])
    _, _, sf1 = S.prf(t["strict"], t["tp"] + t["fp"] - t["strict"], t["tp"] + t["fn"] - t["strict"])
    summary = {"lines": len(rows), "gold_facts": t["tp"] + t["fn"], "predicted": t["pred"],
               "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
               "strict_f1": round(sf1, 4),
               "time_acc": round(t["time_ok"] / t["time_n"], 4) if t["time_n"] else None,
               "status_acc": round(t["status_ok"] / t["status_n"], 4) if t["status_n"] else None}
    if a.json:
        summary["per_type"] = {k: dict(v) for k, v in per_type.items()}
        print(json.dumps(summary))
        return 0
    for k, v in summary.items():
        print(f"{k:12s} {v}")
    print(f"\n{'type':14s} {'tp':>4s} {'fp':>4s} {'fn':>4s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for typ in sorted(per_type):
        row = per_type[typ]
        tp, fp, fn = row["tp"], row["fp"], row["fn"]
        tp_p, tp_r, tp_f = S.prf(tp, fp, fn)
        print(f"{typ:14s} {tp:4d} {fp:4d} {fn:4d} {tp_p:6.3f} {tp_r:6.3f} {tp_f:6.3f}")
    if a.show:
        texts = {r["id"]: r["text"] for r in rows}
        print("\nmissed:")
        for m in misses:
            doc = m.split(":")[0]
            print(f"  {m}\n      {texts[doc]}")
        print("\nspurious:")
        for m in false_pos:
            print(f"  {m}\n      {texts[m.split(' ')[0]]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
