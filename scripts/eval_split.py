#!/usr/bin/env python3
"""Score one half of an evaluation set, split by event (eval/splits.json).

    .venv/bin/python scripts/eval_split.py dev tune [--show] [--json]
    .venv/bin/python scripts/eval_split.py dev check
    .venv/bin/python scripts/eval_split.py unseen check

Sets: `dev` is the shared development set (../shared/eval/dev); `unseen` is the project's
own set of invented reports (eval/unseen, written without reading the code).  Rules are
built on the tune halves; a check half is scored before any of its errors are looked at.
The half gets its own manifest and gold folder (the cross-article gold keeps the items
whose facts all belong to the half), then `newsledger eval`'s library function scores it
with the shared scorer.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SETS = {"dev": ROOT.parent / "shared" / "eval" / "dev", "unseen": ROOT / "eval" / "unseen",
        "unseen2": ROOT / "eval" / "unseen2", "unseen3": ROOT / "eval" / "unseen3",
        "unseen4": ROOT / "eval" / "unseen4", "unseen5": ROOT / "eval" / "unseen5"}
MANIFESTS = {"dev": "dev.jsonl", "unseen": "manifest.jsonl", "unseen2": "manifest.jsonl",
             "unseen3": "manifest.jsonl", "unseen4": "manifest.jsonl",
             "unseen5": "manifest.jsonl"}
SPLITS = ROOT / "eval" / "splits.json"


def event_of(doc_id: str) -> str:
    return doc_id.split("__", 1)[0]


def half_docs(manifest: Path, events: set[str]) -> list[dict]:
    rows = [json.loads(line) for line in manifest.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if event_of(r.get("id") or Path(r["path"]).stem) in events]


def keep_refs(item, docs: set[str]) -> bool:
    refs = item.get("facts", item) if isinstance(item, dict) else item
    return all(r.split(":")[0] in docs for r in refs)


def write_half(out: Path, source: Path, rows: list[dict]) -> tuple[Path, Path]:
    docs = {r.get("id") or Path(r["path"]).stem for r in rows}
    # copies, not a link: a manifest's articles must lie inside its folder (ingest refuses
    # paths that resolve elsewhere)
    (out / "articles").mkdir()
    for r in rows:
        src = source / r["path"]
        (out / r["path"]).write_bytes(src.read_bytes())
    gold = out / "gold"
    gold.mkdir()
    (gold / "entities.json").write_text((source / "gold" / "entities.json").read_text(encoding="utf-8"), encoding="utf-8")
    for d in docs:
        (gold / f"{d}.json").write_text((source / "gold" / f"{d}.json").read_text(encoding="utf-8"), encoding="utf-8")
    for cd in sorted((source / "gold").glob("crossdoc*.json")):
        data = json.loads(cd.read_text(encoding="utf-8"))
        for key in ("corroborated", "conflicts", "soft_conflicts", "distinct", "independence"):
            data[key] = [x for x in data.get(key, []) if keep_refs(x, docs)]
        data["docs"] = [d for d in data.get("docs", []) if d in docs]
        (gold / cd.name).write_text(json.dumps(data), encoding="utf-8")
    manifest = out / "manifest.jsonl"
    # paths relative to the manifest, as the evaluation manifests write them
    manifest.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return manifest, gold


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("set", choices=sorted(SETS))
    ap.add_argument("half", choices=["tune", "check", "all"])
    ap.add_argument("--show", action="store_true", help="list misses and false positives")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--db", help="keep the ledger in this file")
    a = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from newsledger.evaluate import evaluate

    split = json.loads(SPLITS.read_text(encoding="utf-8"))[a.set]
    events = set(split["tune"]) | set(split["check"]) if a.half == "all" else set(split[a.half])
    source = SETS[a.set]
    rows = half_docs(source / MANIFESTS[a.set], events)
    with tempfile.TemporaryDirectory(prefix="newsledger-half-") as tmp:
        manifest, gold = write_half(Path(tmp), source, rows)
        print(evaluate(str(manifest), str(gold), scorer=str(SCORER), db=a.db,
                       show=a.show, as_json=a.json), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
