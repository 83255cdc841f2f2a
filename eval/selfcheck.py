#!/usr/bin/env python3
"""Self-check: feed the gold back to the scorer as if it were a prediction.

Converts gold facts to the facts export (entity ids -> canonical names) and the
corroborated groups of crossdoc.json to claims (sources, independent_sources from the
independence items, conflicts from the conflicts items), then runs score.py. A consistent
gold gives precision = recall = grounded = 1.0, full cross-article scores, 0 false merges.

usage: python3 eval/selfcheck.py eval/unseen [--score ../shared/eval/score.py]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENTITY_ARGS = {"org", "parent", "owner", "person", "facility", "maker", "product",
               "partner", "into", "entity", "by", "acquirer", "target"}


def first(v):
    return v[0] if isinstance(v, list) else v


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("set", help="the evaluation set's folder (holds gold/), e.g. eval/unseen")
    ap.add_argument("--score", default=str(REPO.parent / "shared" / "eval" / "score.py"))
    a = ap.parse_args()
    GOLD = Path(a.set) / "gold"
    tmp = Path(tempfile.mkdtemp(prefix="selfcheck-"))
    a.facts, a.claims = str(tmp / "facts.jsonl"), str(tmp / "claims.jsonl")

    ents = json.loads((GOLD / "entities.json").read_text(encoding="utf-8"))
    name = lambda eid: ents[eid]["name"]
    docs = {}
    for p in sorted(GOLD.glob("*.json")):
        if p.name == "entities.json" or p.name.startswith("crossdoc"):
            continue
        d = json.loads(p.read_text(encoding="utf-8"))
        docs[d["doc"]] = d
    cross = json.loads((GOLD / "crossdoc.json").read_text(encoding="utf-8"))

    def convert_args(args):
        out = {}
        for k, v in args.items():
            if k in ENTITY_ARGS:
                out[k] = name(first(v))
            elif k in ("role", "value", "measure"):
                out[k] = first(v)
            else:
                out[k] = v
        return out

    def fact(ref):
        doc, fid = ref.split(":")
        return doc, next(f for f in docs[doc]["facts"] if f["id"] == fid)

    with open(a.facts, "w", encoding="utf-8") as fh:
        for doc, d in docs.items():
            for f in d["facts"]:
                rec = {"doc_id": doc, "type": f["type"], "args": convert_args(f["args"]),
                       "time": {"start": (f.get("time") or {}).get("start"),
                                "end": (f.get("time") or {}).get("end")},
                       "status": f.get("status"), "evidence": {"text": f["evidence"]},
                       "attributed_to": name(f["attributed_to"]) if f.get("attributed_to") else None}
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    claims = []
    for i, refs in enumerate(cross["corroborated"]):
        doc0, f0 = fact(refs[0])
        claims.append({"claim_id": f"c{i + 1}", "type": f0["type"], "args": convert_args(f0["args"]),
                       "time": f0.get("time"), "status": f0.get("status"), "_refs": list(refs),
                       "conflicts": []})
    for item in cross.get("conflicts", []):
        target = next((c for c in claims if set(c["_refs"]) & set(item["facts"])), None)
        if target is None:
            doc0, f0 = fact(item["facts"][0])
            target = {"claim_id": f"c{len(claims) + 1}", "type": f0["type"],
                      "args": convert_args(f0["args"]), "time": f0.get("time"),
                      "status": f0.get("status"), "_refs": [], "conflicts": []}
            claims.append(target)
        for r in item["facts"]:
            if r not in target["_refs"]:
                target["_refs"].append(r)
        values = []
        for r in item["facts"]:
            doc, f = fact(r)
            if item["field"] == "time":
                v = f.get("time")
            elif item["field"] == "value":
                v = first(f["args"].get("value", f["args"].get("count")))
            else:
                v = f.get(item["field"]) or f["args"].get(item["field"])
            values.append({"value": v, "doc_ids": [doc]})
        target["conflicts"].append({"field": item["field"], "values": values})
    indep = {frozenset(i["facts"]): i["expected"] for i in cross.get("independence", [])}
    with open(a.claims, "w", encoding="utf-8") as fh:
        for c in claims:
            refs = c.pop("_refs")
            c["sources"] = [{"doc_id": r.split(":")[0], "evidence": {"text": fact(r)[1]["evidence"]}}
                            for r in refs]
            c["independent_sources"] = indep.get(frozenset(refs), len({r.split(":")[0] for r in refs}))
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")

    cmd = [sys.executable, a.score, "--gold", str(GOLD), "--facts", a.facts, "--claims", a.claims]
    print("$", " ".join(cmd))
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
