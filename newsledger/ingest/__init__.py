"""Ingest: turn the user's inputs into Documents, lazily, one bad input never stopping the batch.

    for item in iter_inputs(["articles/", "manifest.jsonl", "https://...", "-"]):
        if isinstance(item, IngestError): report(item)
        else: store(item)            # a newsledger.models.Document

Inputs: a .txt / .html / .htm file; a directory (recursive: .txt .html .htm .jsonl .xml
.rss .atom, sorted); a JSON Lines manifest (see shared/eval/FORMAT.md); "-" for
standard input; an http(s) URL (a page, or a feed); an RSS/Atom feed file.
"""
from __future__ import annotations

import os
import re
from typing import Iterable, Iterator, TextIO

from newsledger.ingest.clean import clean_html, clean_text, looks_like_feed, looks_like_html
from newsledger.ingest.fetch import Fetched, FetchError, fetch
from newsledger.ingest.lang import detect_language
from newsledger.ingest.sources import (
    FEED_SUFFIXES, MANIFEST_SUFFIXES, IngestError, IngestOptions, read_path, read_stdin,
    read_url, directory_plan, skipped_files,
)
from newsledger.models import Document

__all__ = [
    "iter_inputs", "count_inputs", "skipped_inputs", "IngestError", "IngestOptions", "Document",
    "clean_html", "clean_text", "looks_like_html", "looks_like_feed", "detect_language",
    "fetch", "Fetched", "FetchError",
]

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")
_BARE_SCHEMES = ("data:", "javascript:", "mailto:", "about:", "blob:")


def _is_url(inp: str) -> bool:
    return bool(_SCHEME.match(inp)) or inp.lower().startswith(_BARE_SCHEMES)


def iter_inputs(inputs: Iterable[str], *, fetch_timeout: float = 15.0,
                stdin: TextIO | None = None, max_bytes: int = 50_000_000,
                min_chars: int = 200, fetch_max_bytes: int = 10_000_000,
                allow_outside_paths: bool = False,
                options: IngestOptions | None = None) -> Iterator[Document | IngestError]:
    """Yield a Document or an IngestError for each article the inputs hold, in order.

    A generator: nothing is read before it is asked for.  `max_bytes` bounds a local
    file or stdin, `fetch_max_bytes` a fetched page, `min_chars` the cleaned text an
    article must keep.  `allow_outside_paths` lets a manifest name files outside its
    own folder.  `options` (an IngestOptions) overrides all of these at once.
    """
    opts = options or IngestOptions(fetch_timeout=fetch_timeout, max_bytes=max_bytes,
                                    fetch_max_bytes=fetch_max_bytes, min_chars=min_chars,
                                    allow_outside_paths=allow_outside_paths)
    for inp in inputs:
        inp = str(inp)
        try:
            if inp == "-":
                yield from read_stdin(stdin, opts)
            elif _is_url(inp):
                yield from read_url(inp.strip(), opts)
            elif not inp.strip():
                yield IngestError(inp, "empty input name")
            else:
                yield from read_path(inp, opts)
        except Exception as exc:  # noqa: BLE001 - one input must not stop the batch
            yield IngestError(inp, f"unexpected error: {type(exc).__name__}: {exc}")


def _count_file(path: str) -> int:
    low = path.lower()
    try:
        if low.endswith(MANIFEST_SUFFIXES):
            with open(path, "rb") as f:
                return sum(1 for line in f if line.strip())
        if low.endswith(FEED_SUFFIXES):
            if os.path.getsize(path) > 50_000_000:
                return 1
            with open(path, "rb") as f:
                data = f.read()
            return max(1, len(re.findall(rb"<(?:item|entry)[\s>]", data)))
    except OSError:
        return 1
    return 1


def count_inputs(inputs: Iterable[str]) -> int | None:
    """A cheap estimate of how many items `iter_inputs` will yield (for a progress bar);
    None when an input is a URL or stdin, whose size can't be known up front."""
    total = 0
    for inp in inputs:
        inp = str(inp)
        if inp == "-" or _is_url(inp):
            return None
        if os.path.isdir(inp):
            total += sum(_count_file(p) for p in directory_plan(inp))
        else:
            total += _count_file(inp)
    return total


def skipped_inputs(inputs: Iterable[str]) -> Iterator[IngestError]:
    """Files inside folder inputs that are not read, each with the reason (a PDF, an image...).

    Not failures: a folder may hold other files beside its articles.  Listed so that a
    folder of, say, PDFs does not end in "read 0" without a word.
    """
    for inp in map(str, inputs):
        if inp != "-" and not _is_url(inp) and os.path.isdir(inp):
            yield from skipped_files(inp)
