"""Score the ledger against gold annotations with the project's referee, score.py.

`evaluate(manifest, gold)` ingests the manifest into a fresh ledger, exports facts and
claims, and runs the scorer found beside the gold folder (it is never copied here:
the scorer stays the referee).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path


class ScorerNotFound(FileNotFoundError):
    pass


def find_scorer(gold: Path) -> Path:
    """score.py in the gold folder or one of its parents (gold/ and dev/gold/ both work)."""
    for folder in [gold, *gold.resolve().parents][:4]:
        candidate = folder / "score.py"
        if candidate.is_file():
            return candidate
    raise ScorerNotFound(f"no score.py found beside {gold} or in its parent folders; pass --scorer")


def evaluate(manifest: str, gold: str, *, scorer: str | None = None, db: str | None = None,
             model: str | None = None, show: bool = False, as_json: bool = False) -> str:
    """Ingest, export and score; returns the scorer's printed table."""
    from .api import Ledger

    gold_dir = Path(gold)
    score = Path(scorer) if scorer else find_scorer(gold_dir)
    with tempfile.TemporaryDirectory(prefix="newsledger-eval-") as tmp:
        ledger = Ledger(db or str(Path(tmp) / "eval.db"), model=model)
        ledger.ingest([manifest])
        facts, claims = Path(tmp) / "facts.jsonl", Path(tmp) / "claims.jsonl"
        with facts.open("w", encoding="utf-8") as fh:
            ledger.export("facts", fh)
        with claims.open("w", encoding="utf-8") as fh:
            ledger.export("claims", fh)
        cmd = [sys.executable, str(score), "--gold", str(gold_dir), "--facts", str(facts),
               "--claims", str(claims)]
        if show:
            cmd.append("--show")
        if as_json:
            cmd.append("--json")
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"scorer failed: {done.stderr.strip() or done.stdout.strip()}")
        return done.stdout
