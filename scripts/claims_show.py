#!/usr/bin/env python3
"""Show, item by item, how the claims of one evaluation half meet its cross-article gold.

    .venv/bin/python scripts/claims_show.py unseen all [--db F] [--only corr,conf,indep,distinct,extra]

For every item of the half's crossdoc gold (corroborated, conflicts, independence,
distinct) it prints whether a claim covers it and, if not, why: a gold fact no
extracted fact matches (extraction), facts found but spread over several claims (merge),
one claim but without the conflict field (conflict), or a claim whose
independent_sources differs from the gold's.  Then every predicted conflict no gold
item (hard or soft) accepts, with its sides.

With --db F the ledger is kept in F: when F exists its facts are reused and only the
claims are rebuilt (fast, for work on reconcile); otherwise the half is ingested into it.
Only for tune data: never for held-out halves (the script refuses them).
"""
from __future__ import annotations

import argparse
import importlib.util
import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import eval_split  # noqa: E402

HELD_OUT = {(s, h) for s in ("unseen3", "unseen5") for h in ("all", "tune", "check")} | {("dev", "check"),
                                                                                       ("dev", "all")}


def load_scorer():
    spec = importlib.util.spec_from_file_location("nl_score", eval_split.SCORER)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def ledger_rows(manifest: Path, db: Path) -> tuple[list[dict], list[dict]]:
    from newsledger.api import Ledger
    fresh = not db.exists()
    ledger = Ledger(str(db))
    if fresh:
        ledger.ingest([str(manifest)])
    else:
        ledger.rebuild_claims()
    out = []
    for kind in ("facts", "claims"):
        buf = io.StringIO()
        ledger.export(kind, buf)
        out.append([json.loads(line) for line in buf.getvalue().splitlines() if line.strip()])
    ledger.close()
    return out[0], out[1]


def short(c: dict) -> str:
    a = c.get("args") or {}
    t = c.get("time") or {}
    return (f"{c['claim_id']} {c['type']} {json.dumps(a, ensure_ascii=False)} time={t.get('start')}/{t.get('end')}"
            f" status={c.get('status')} docs={sorted({s['doc_id'] for s in c['sources']})}"
            f" indep={c.get('independent_sources')} conflicts={[x['field'] for x in c.get('conflicts') or []]}")


def diagnose(sc, gold, facts, claims, only: set[str]) -> dict[str, int]:
    facts_by_doc: dict[str, list[dict]] = {}
    for f in facts:
        facts_by_doc.setdefault(f["doc_id"], []).append(f)
    claim_of_fact = {(s["doc_id"], s.get("fact_id")): c for c in claims for s in c["sources"]}

    def facts_for(ref: str, ignore_value: bool) -> list[dict]:
        doc, g = gold.fact(ref)
        if ignore_value:
            g = dict(g, args={k: v for k, v in g["args"].items() if k != "value"})
        out = []
        for f in facts_by_doc.get(doc, []):
            p = f if not ignore_value else dict(f, args={k: v for k, v in f["args"].items() if k != "value"})
            if sc.key_match(gold, p, g):
                out.append(f)
        return out

    def category(refs: list[str], ignore_value: bool = False) -> str:
        """extraction (a gold fact no extracted fact matches), split (the facts sit in
        several claims) or claim (one claim holds them all but does not match)."""
        found = [facts_for(r, ignore_value) for r in refs]
        if not all(found):
            return "extraction"
        claims_of = {claim_of_fact[(f["doc_id"], f["fact_id"])]["claim_id"]
                     for fs in found for f in fs if (f["doc_id"], f["fact_id"]) in claim_of_fact}
        common = set.intersection(*({claim_of_fact[(f["doc_id"], f["fact_id"])]["claim_id"]
                                     for f in fs if (f["doc_id"], f["fact_id"]) in claim_of_fact}
                                    for fs in found))
        return "claim" if common else f"split({len(claims_of)})"

    def explain(refs: list[str], ignore_value: bool = False) -> list[str]:
        lines, touched = [], {}
        for ref in refs:
            doc, g = gold.fact(ref)
            fs = facts_for(ref, ignore_value)
            gt = g.get("time") or {}
            lines.append(f"    gold {ref} {g['type']} {json.dumps(g['args'], ensure_ascii=False)}"
                         f" time={gt.get('start')}/{gt.get('end')} status={g.get('status')}")
            if not fs:
                lines.append("      -> NOT EXTRACTED (no fact of the doc key-matches)")
            for f in fs:
                c = claim_of_fact.get((f["doc_id"], f["fact_id"]))
                if c is not None:
                    touched[c["claim_id"]] = c
                ft = f.get("time") or {}
                lines.append(f"      fact {f['fact_id']} {json.dumps(f['args'], ensure_ascii=False)}"
                             f" time={ft.get('start')}/{ft.get('end')} status={f.get('status')}"
                             f" -> claim {c['claim_id'] if c else None}")
        for c in touched.values():
            ok = sc.claim_covers(gold, c, refs, ignore_value)
            lines.append(f"    claim {short(c)} covers={ok}")
        return lines

    counts = {"corr": 0, "corr_ok": 0, "conf": 0, "conf_ok": 0, "indep": 0, "indep_ok": 0,
              "false_merge": 0, "extra": 0}
    hard, soft = [], []
    for cd in gold.crossdoc:
        hard += cd.get("conflicts", [])
        soft += cd.get("soft_conflicts", [])
        for refs in cd.get("corroborated", []):
            counts["corr"] += 1
            ok = any(sc.claim_covers(gold, c, refs) for c in claims)
            counts["corr_ok"] += ok
            if "corr" in only and not ok:
                print(f"CORROBORATION MISSED [{category(refs)}] {refs}")
                print("\n".join(explain(refs)))
        for item in cd.get("independence", []):
            counts["indep"] += 1
            cov = [c for c in claims if sc.claim_covers(gold, c, item["facts"])]
            ok = any(c.get("independent_sources") == item["expected"] for c in cov)
            counts["indep_ok"] += ok
            if "indep" in only and not ok:
                got = [c.get("independent_sources") for c in cov]
                print(f"INDEPENDENCE [{category(item['facts'])}] {'WRONG COUNT ' + str(got) if cov else 'NO CLAIM'} expected"
                      f" {item['expected']} {item['facts']} {item.get('note', '')}")
                if cov:
                    for c in cov:
                        for o in c.get("origins") or []:
                            print(f"      origin {o}")
                else:
                    print("\n".join(explain(item["facts"])))
        for item in cd.get("distinct", []):
            n = sum(sc.claim_covers(gold, c, item["facts"][:1])
                    and sc.claim_docs(c, set(gold.docs)) >= {r.split(":")[0] for r in item["facts"]}
                    for c in claims)
            counts["false_merge"] += n
            if "distinct" in only and n:
                print(f"FALSE MERGE {item['facts']} {item.get('note', '')}")
                print("\n".join(explain(item["facts"])))
    for item in hard:
        counts["conf"] += 1
        iv = item["field"] == "value"
        ok = any(sc.claim_covers(gold, c, item["facts"], iv)
                 and any(x.get("field") == item["field"] for x in c.get("conflicts") or [])
                 for c in claims)
        counts["conf_ok"] += ok
        if "conf" in only and not ok:
            print(f"CONFLICT MISSED [{category(item['facts'], iv)}] field={item['field']} {item['facts']} {item.get('note', '')}")
            print("\n".join(explain(item["facts"], iv)))
    known = set(gold.docs)
    for c in claims:
        docs = sc.claim_docs(c, known)
        if "merge" in only and len(docs) >= 2:
            valued = any(x.get("field") == "value" for x in c.get("conflicts") or [])
            probe = dict(c, args={k: v for k, v in (c.get("args") or {}).items() if k != "value"}) if valued else c
            bad = [d for d in sorted(docs) if not any(
                sc.key_match(gold, probe, dict(g, args={k: v for k, v in g["args"].items()
                                                        if k != "value" or not valued}))
                for g in gold.docs[d]["facts"])]
            if bad:
                print(f"MERGE IMPRECISE claim {short(c)}: no gold fact of {bad} matches it")
                for s in c["sources"]:
                    print(f"      src {s['doc_id']} {s.get('time')} {s.get('status')}"
                          f" «{(s.get('evidence') or {}).get('text', '')[:160]}»")
        for x in c.get("conflicts") or []:
            ok = any(sc.claim_covers(gold, c, item["facts"], item["field"] == "value")
                     and x.get("field") == item["field"] for item in hard + soft)
            if not ok:
                counts["extra"] += 1
                if "extra" in only:
                    print(f"CONFLICT NOT IN GOLD field={x['field']} claim {short(c)}")
                    for v in x["values"]:
                        print(f"      side {json.dumps(v['value'], ensure_ascii=False)} {v['doc_ids']}")
                    for s in c["sources"]:
                        print(f"      src {s['doc_id']} {s.get('time')} {s.get('status')}"
                              f" «{(s.get('evidence') or {}).get('text', '')[:160]}»")
    return counts


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=sorted(eval_split.SETS))
    ap.add_argument("half", choices=["tune", "check", "all"])
    ap.add_argument("--db", help="keep (or reuse) the ledger in this file")
    ap.add_argument("--only", default="corr,conf,indep,distinct,extra,merge")
    a = ap.parse_args(argv)
    if (a.set, a.half) in HELD_OUT:
        ap.error(f"{a.set} {a.half} is held out: score it with eval_split.py, do not study it")
    split = json.loads(eval_split.SPLITS.read_text(encoding="utf-8"))[a.set]
    events = set(split["tune"]) | set(split["check"]) if a.half == "all" else set(split[a.half])
    source = eval_split.SETS[a.set]
    rows = eval_split.half_docs(source / eval_split.MANIFESTS[a.set], events)
    sc = load_scorer()
    with tempfile.TemporaryDirectory(prefix="newsledger-show-") as tmp:
        manifest, gold_dir = eval_split.write_half(Path(tmp), source, rows)
        db = Path(a.db) if a.db else Path(tmp) / "show.db"
        facts, claims = ledger_rows(manifest, db)
        gold = sc.Gold(gold_dir)
        counts = diagnose(sc, gold, facts, claims, set(a.only.split(",")))
        scored = sc.score_claims(gold, claims)
    counts["merge"] = f"{scored['merge_ok']}/{scored['merge_n']}"
    counts["conf_pred"] = f"{scored['conf_pred_ok']}/{scored['conf_pred']}"
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
