"""Benchmark (not a test): the whole extraction against the bare spaCy model.

    .venv/bin/python bench/extraction.py [FILES_OR_DIRS...] [--rounds N]

Two workloads, each timed in paired rounds that alternate the two runs (this machine's
speed drifts, so a pair shares its conditions):

* real text: the bundled example articles, the golden test articles and, when present,
  the shared dev set and eval/unseen (or the files given);
* synthetic: one long made-up article repeated to 2,000, 8,000 and 32,000 words, which
  also shows whether cost grows linearly with length.

"bare" is the installed model alone, run as the pipeline runs it (`nlp.pipe` over each
article's paragraph chunks); "full" is `extract_document` (the model, newsledger's
components, every extractor).  The model batched over all articles at once is printed
for reference: per-article parsing gives up some of spaCy's batching.
Prints min and median over the rounds of ms per 1,000 words and the full/bare ratio,
and peak memory of the process.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from newsledger.extract import extract_document
from newsledger.models import Document
from newsledger.nlp import CHUNK_CHARS, load, load_model
from newsledger.nlp.text import parser_form

ROOT = Path(__file__).resolve().parent.parent
REAL = [ROOT / "examples" / "articles", ROOT / "tests" / "golden", ROOT.parent / "shared" / "eval" / "dev" / "articles",
        ROOT / "eval" / "unseen" / "articles"]

SYNTHETIC_PARAGRAPH = (
    "Halvorsen Motors said on Tuesday it would fold its Lumen battery unit back into the group by July, "
    "two years after creating it. The unit employs about 1,600 people at its Drammen plant, which makes "
    "cells for the Halvorsen 4 E-Line. Chief executive Ines Varga, who took charge in August 2025, said "
    "there would be no job cuts. Revenue rose 4.2% to 12.3 billion crowns last year, and the group expects "
    "an operating margin of at least 6% in 2027. Geely holds a 15% stake in the company.\n\n")


def article_texts(paths: list[str]) -> list[str]:
    files: list[Path] = []
    for p in [Path(x) for x in paths] or [d for d in REAL if d.exists()]:
        files.extend(sorted(p.rglob("*.txt")) if p.is_dir() else [p])
    return [f.read_text(encoding="utf-8") for f in files if f.stat().st_size]


def chunks(text: str) -> list[str]:
    """The paragraph-sized pieces the pipeline parses (same split for both runs)."""
    out, cur = [], ""
    for para in parser_form(text).split("\n\n"):
        if cur and len(cur) + len(para) > CHUNK_CHARS:
            out.append(cur)
            cur = ""
        cur += para + "\n\n"
    return out + ([cur] if cur else [])


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def paired(texts: list[str], bare_nlp, full_nlp, rounds: int) -> tuple[list[float], list[float]]:
    bare, full = [], []
    docs = [Document(f"d{i}", t, published="2026-01-22") for i, t in enumerate(texts)]
    for r in range(rounds):
        runs = [("bare", lambda: [list(bare_nlp.pipe(chunks(t))) for t in texts]),
                ("full", lambda: [extract_document(d, full_nlp) for d in docs])]
        if r % 2:
            runs.reverse()          # alternate which goes first
        for name, fn in runs:
            (bare if name == "bare" else full).append(timed(fn))
    return bare, full


def report(label: str, words: int, bare: list[float], full: list[float]) -> None:
    per_k = lambda s: 1e6 * s / words  # noqa: E731  (ms per 1,000 words)
    ratios = [f / b for b, f in zip(bare, full)]
    print(f"{label:<28} words {words:>7,}  bare {per_k(min(bare)):7.1f} / {per_k(statistics.median(bare)):7.1f}"
          f"  full {per_k(min(full)):7.1f} / {per_k(statistics.median(full)):7.1f}"
          f"  ratio {min(ratios):.2f} / {statistics.median(ratios):.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    rounds = max(3, a.rounds)
    bare_nlp, full_nlp = load_model(), load()
    texts = article_texts(a.paths)
    extract_document(Document("warm-up", texts[0]), full_nlp)
    list(bare_nlp.pipe(chunks(texts[0])))
    print(f"ms per 1,000 words, min / median of {rounds} paired rounds; ratio = full / bare")
    words = sum(len(t.split()) for t in texts)
    report(f"real text ({len(texts)} articles)", words, *paired(texts, bare_nlp, full_nlp, rounds))
    batched = [timed(lambda: list(bare_nlp.pipe([c for t in texts for c in chunks(t)]))) for _ in range(rounds)]
    print(f"{'  (model batched over all)':<28} words {words:>7,}  bare {1e6 * min(batched) / words:7.1f} / "
          f"{1e6 * statistics.median(batched) / words:7.1f}")
    para_words = len(SYNTHETIC_PARAGRAPH.split())
    for target in (2_000, 8_000, 32_000):
        text = SYNTHETIC_PARAGRAPH * (target // para_words)
        report(f"synthetic, one article", len(text.split()), *paired([text], bare_nlp, full_nlp, rounds))
    print(f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
