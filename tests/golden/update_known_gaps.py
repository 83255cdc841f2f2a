"""Rewrite tests/golden/known_gaps.json from what the extractor does now.

    .venv/bin/python tests/golden/update_known_gaps.py

Run it after fixing a gap (the golden tests then fail until the fixed gap leaves the
list) and read the diff: every line added is a regression someone must accept on purpose.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import test_golden as tg  # noqa: E402
from newsledger.extract import extract_document  # noqa: E402
from newsledger.models import Document  # noqa: E402
from newsledger.nlp import load  # noqa: E402


def main() -> None:
    nlp = load()
    missing, unexpected, details = [], {}, {}
    for name in tg.ENGLISH:
        case = tg.CASES[name]
        preds = [f.to_json() for f in extract_document(Document(name, case.text, published=case.published), nlp).facts]
        assignment = tg.assign(case, preds)
        for gi, g in enumerate(case.facts):
            if g.get("optional"):
                continue
            ok = gi in assignment and tg.time_ok(preds[assignment[gi]], g) is not False \
                and tg.status_ok(preds[assignment[gi]], g) is not False
            if not ok:
                missing.append(tg._fact_id(name, gi, g))
        if keys := tg.unexpected_keys(case, preds):
            unexpected[name] = keys
        if problems := sorted(tg.detail_problems(case, preds, assignment)):
            details[name] = problems
    out = {"missing": missing, "unexpected": unexpected, "details": details}
    tg.KNOWN_GAPS_FILE.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(missing)} missing or wrong, {sum(map(len, unexpected.values()))} unexpected, "
          f"{sum(map(len, details.values()))} detail problems -> {tg.KNOWN_GAPS_FILE}")


if __name__ == "__main__":
    main()
