"""Names compared as names: folding, organisation keys, acronyms, surnames.

Below both extraction (which clusters the names one article uses) and resolution
(which joins them across articles), so that neither reaches up into the other.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from . import lexicon as lx

LEGAL_SUFFIXES = lx.words("legal_suffixes")


@lru_cache(maxsize=65536)     # (names recur: an article folds each one hundreds of times)
def fold(s: str) -> str:
    """Accent-free, case-free, punctuation-light form of a name."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w%+]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


@lru_cache(maxsize=65536)     # (as fold: and each call runs a substitution per place short form)
def name_key(name: str) -> str:
    """The comparison key of an organisation's name: corporate words and legal forms dropped,
    place names in their short form ("Renault South Korea" ~ "Renault Korea")."""
    words = fold(name).split()
    text = " ".join(words)
    for long, short in lx.table("place_short_forms").items():
        text = re.sub(rf"\b{re.escape(fold(long))}\b", short, text)
    words = text.split()
    generic, common = lx.words("generic_org_words"), lx.words("common_name_words")
    core = [w for w in words if w not in generic and w not in LEGAL_SUFFIXES]
    if not core or " ".join(core) in common or (len(core) == 1 and core[0] in common):
        core = [w for w in words if w not in LEGAL_SUFFIXES] or words
    return " ".join(core)


def acronym_of(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()
             and fold(w) not in LEGAL_SUFFIXES]
    return "".join(w[0] for w in words)


def person_key(name: str) -> str:
    return fold(name)


def surname_of(name: str) -> str:
    """'Luca de Meo' -> 'de meo'; 'Denis Le Vot' -> 'le vot'; 'François Provost' -> 'provost'."""
    words = fold(name).split()
    if len(words) >= 3 and words[-2] in ("de", "le", "van", "von", "da", "di", "la", "du", "del"):
        return " ".join(words[-2:])
    return words[-1] if words else ""
