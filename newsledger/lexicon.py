"""Word lists as package data: one file per list in `newsledger/data/lexicons/`.

A `.txt` list holds one entry per line (a word, a lemma or a phrase, lower case);
a `.tsv` table holds `key<TAB>value` lines.  Lines starting with "#" are comments: the
first one says what the list is for.  Lists are read once per process.

These are lexicons of English business vocabulary, not lists of sentences: every
entry means the same thing wherever it appears.  Trigger words are lemmas, so the
parser's lemmatiser does the inflection ("folds", "folded", "folding" -> "fold").
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

_PACKAGE = "newsledger.data"


def _lines(filename: str) -> list[str]:
    path = resources.files(_PACKAGE).joinpath("lexicons", filename)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KeyError(f"no lexicon {filename!r} in newsledger/data/lexicons/") from None
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of list `name` (e.g. words("org_suffixes"))."""
    return frozenset(ln.strip() for ln in _lines(f"{name}.txt"))


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, str]:
    """The `key -> value` pairs of table `name` (e.g. table("role_names"))."""
    out: dict[str, str] = {}
    for ln in _lines(f"{name}.tsv"):
        key, _, value = ln.partition("\t")
        out[key.strip()] = value.strip()
    return out


@lru_cache(maxsize=None)
def longest_first(name: str) -> tuple[str, ...]:
    """The entries of list `name`, longest first (for phrase look-ups where longer wins)."""
    return tuple(sorted(words(name), key=lambda w: (-len(w.split()), -len(w), w)))


def available() -> list[str]:
    """Names of every list and table shipped with the package."""
    folder = resources.files(_PACKAGE).joinpath("lexicons")
    return sorted(p.name.rsplit(".", 1)[0] for p in folder.iterdir() if p.name.endswith((".txt", ".tsv")))
