"""Benchmark (not a test): the full per-article pipeline against the bare spaCy pipeline.

    .venv/bin/python bench/extraction.py [FILES_OR_DIRS...] [--repeat N]

Prints time per 1,000 words for (a) spaCy alone on the same paragraphs the pipeline
parses and (b) the full extraction (parse + mentions + resolution + every fact
extractor), and their ratio.  With no arguments it uses the bundled example articles
and the golden test articles.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsledger.extract import extract_document
from newsledger.extract.text import paragraphs, parser_form
from newsledger.models import Document
from newsledger.nlp import load

ROOT = Path(__file__).resolve().parent.parent


def article_texts(paths: list[str]) -> list[str]:
    files: list[Path] = []
    for p in paths or [str(ROOT / "examples" / "articles"), str(ROOT / "tests" / "golden")]:
        path = Path(p)
        files.extend(sorted(path.rglob("*.txt")) if path.is_dir() else [path])
    return [f.read_text(encoding="utf-8") for f in files]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    texts = article_texts(a.paths) * a.repeat
    words = sum(len(t.split()) for t in texts)
    nlp = load()
    extract_document(Document("warm-up", texts[0]), nlp)

    t0 = time.perf_counter()
    for t in texts:
        list(nlp.pipe([parser_form(p.text) for p in paragraphs(t)]))
    bare = time.perf_counter() - t0

    t0 = time.perf_counter()
    for i, t in enumerate(texts):
        extract_document(Document(f"d{i}", t, published="2026-01-22"), nlp)
    full = time.perf_counter() - t0

    per_k = lambda s: 1000 * s / words * 1000  # noqa: E731  (ms per 1,000 words)
    print(f"articles {len(texts)}, words {words}")
    print(f"bare spaCy      {per_k(bare):8.1f} ms / 1,000 words")
    print(f"full pipeline   {per_k(full):8.1f} ms / 1,000 words")
    print(f"ratio           {full / bare:8.2f}  (target: at most 1.50)")


if __name__ == "__main__":
    main()
