"""Reconcile: merge the Facts of many articles into Claims, each a history.

A Fact is what one article says, observed on its publication date; a Claim is one
fact merged across every article that says it.  This module decides

* which facts are the same fact (``claim_key`` plus type-specific splits: a person's
  role, a figure's period and value),
* where the sources truly disagree (``Conflict`` on time, status, value, share), by
  meaning: dates at the precision both give, figures within what their qualifiers
  allow, statuses that exclude each other at the same time (agreement.py); a tie held
  and later over is a history, figures of one measure for different periods a series,
* what the sources say held when (histories.py: valid from / to with evidence and
  precision; a new CEO's start ends the predecessor's tenure),
* how many *independent* origins stand behind a claim: copies of one wire story,
  near-duplicate pages, rewrites crediting one report, facts attributed to it and
  sentences reworded from one another count once (provenance.py, ``_independence``).

Everything here is a pure function of its inputs (facts and documents): no clock,
no global state that changes results, and the input order never matters.  That
is what lets the store update claims incrementally: when new facts arrive it asks
``keys_touched(new_facts)`` and re-runs ``build_claims`` on every stored fact
with one of those keys, which yields exactly what a full rebuild would.  All the
positions at one organisation share a key, so who succeeded whom is decided within
one rebuild.  The one input that spans documents, their near-duplicate origins, is
kept by the store (origins.py) and passed in, so that too is what a full rebuild
computes.

Entity names in fact args are already canonical (resolution happens upstream),
so entity comparison here is only "equal after accent-folding and casefolding".
"""
from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

from . import histories, neardup, provenance
from .agreement import dates_agree, figures_agree, normalise_qualifier, parse_span, precision_days
from .models import Claim, Conflict, Document, Evidence, Fact, Origin, Source, TimeSpan, slug
from .provenance import agency_key, wire_agency
from .schema import TYPES

__all__ = ["claim_key", "build_claims", "keys_touched", "origin_groups", "normalise_role",
           "role_display", "near_dup_profile", "near_duplicates", "near_duplicate_hashes",
           "group_origin", "wire_agency", "agency_key", "CLAIMS_VERSION"]

# Changes whenever what claims hold changes (keys, splits, histories): a ledger whose
# claims were built by another version rebuilds them (api.Ledger, store meta
# 'claims_version').
CLAIMS_VERSION = "6-meanings"

# The arguments claims merge on, per type (schema.py): `position.role` and `metric.value`
# are contested, not merged on -- facts that differ only there are candidates for one
# claim and are split (roles) or reported as a conflict (values) further down.
KEY_ARGS: dict[str, tuple[str, ...]] = {t.name: t.merge_args for t in TYPES.values()}
# Each reported state of these is its own fact (planned / cancelled / completed).
STATUS_KEYED = {t.name for t in TYPES.values() if t.status_keyed}
# "A partners with B" is the same fact as "B partners with A".
UNORDERED = {t.name for t in TYPES.values() if t.unordered}


# =============================================================== text normalisers

def _fold(s: Any) -> str:
    """Casefold, strip accents, turn punctuation into spaces: 'Renault’s' -> 'renault'."""
    s = str(s)
    # names, roles and units recur in every rebuild: remember them (not whole texts)
    return _fold_short(s) if len(s) <= 200 else _fold_text(s)


@lru_cache(maxsize=65536)
def _fold_short(s: str) -> str:
    return _fold_text(s)


def _fold_text(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("&", " and ").replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w%]+", " ", s).strip()
    return re.sub(r"^the ", "", s)


def _entity(name: Any) -> str:
    """Entity names are canonical upstream: only accents and case are folded here."""
    if name is None:
        return ""
    if isinstance(name, (list, tuple)):          # defensive: never expected from extract
        return "+".join(sorted(_entity(n) for n in name))
    return _slug(str(name))


@lru_cache(maxsize=65536)
def _slug(name: str) -> str:
    # cached: every claim rebuild re-keys every fact behind the keys it touches
    return slug(name) if name.strip() else ""


# Head nouns that name a production site without saying what kind: 'the Lodi plant' and
# 'the Lodi factory' are one site.  (A mine, a warehouse or a port is another kind of
# site: 'Lodi mine' and 'Lodi plant' stay two.)
_SITE_HEADS = re.compile(r"_(?:(?:manufacturing|production|assembly)_)?(?:plant|factory|facility|works|site|fab)$")


def _facility(name: Any) -> str:
    """A facility's key: its name without a generic site noun ('Lodi plant' = 'Lodi
    factory' = 'Lodi manufacturing site'); a name that is nothing else is kept whole."""
    key = _entity(name)
    short = _SITE_HEADS.sub("", key)
    return short if short and short != key else key


# ---------------------------------------------------------------- roles

# Synonyms, mirroring the scorer's ROLE_SYNONYMS (plus a few spellings seen in news).
_ROLE_SYNONYMS: dict[str, list[str]] = {
    "ceo": ["ceo", "chief executive", "chief executive officer", "chief exec", "group ceo",
            "managing director and ceo", "boss", "top executive", "top boss"],
    "cto": ["cto", "chief technology officer", "chief technical officer", "technology chief"],
    "cfo": ["cfo", "chief financial officer", "chief finance officer", "finance chief",
            "finance director", "financial director", "director of finance", "finance head"],
    "cpo": ["cpo", "chief procurement officer", "chief purchasing officer", "procurement director",
            "procurement chief", "procurement head", "director of purchasing",
            "purchasing director", "head of procurement", "head of purchasing",
            "director of purchasing and partnerships",
            "chief procurement partnerships and public affairs officer"],
    "coo": ["coo", "chief operating officer", "operations chief"],
    "chair": ["chair", "chairman", "chairwoman", "chairperson", "board chair",
              "chairman of the board", "board chairman"],
    "president": ["president"],
    "head_of_engineering": ["head of engineering", "engineering chief", "engineering head",
                            "combined head of engineering", "chief engineer"],
    # The generic head: "head of the unit", "in charge", "leader" ... It names no
    # particular office, so it may join one specific role of the same person+org.
    "head": ["head", "head of", "leader", "chief", "in charge", "boss of", "manager",
             "director", "managing director", "general manager"],
    "founder": ["founder", "co founder", "cofounder"],
    "journalist": ["journalist", "reporter", "writer", "author"],
}
_ROLE_INDEX = {_fold(w).replace(" ", "_"): canon
               for canon, words in _ROLE_SYNONYMS.items() for w in words + [canon]}
# Words that say *when* or *how firmly* someone holds a role, not *which* role.
# "deputy" is NOT here: a deputy CEO is not the CEO.
_ROLE_QUALIFIERS = re.compile(
    r"\b(former|then|interim|acting|new|newly|permanent|incoming|outgoing|current|"
    r"designate|group|company|its)\b")
# "head of X" for a few X that name a known office.
_HEAD_OF = {"engineering": "head_of_engineering", "procurement": "cpo", "purchasing": "cpo",
            "finance": "cfo", "technology": "cto", "operations": "coo"}
GENERIC_HEAD = "head"
_ROLE_DISPLAY = {"ceo": "CEO", "cto": "CTO", "cfo": "CFO", "cpo": "CPO", "coo": "COO"}


def normalise_role(role: str) -> str:
    """Map a role as written to a canonical label: 'Chief Executive Officer' -> 'ceo',
    'then-chairman' -> 'chair', 'in charge of engineering' -> 'head_of_engineering',
    'in charge' -> 'head', 'deputy CEO' -> 'deputy_ceo'."""
    t = _fold(role or "")
    t = re.sub(r"^(?:in charge of|responsible for)\b", "head of", t)
    t = re.sub(r"\s+", " ", _ROLE_QUALIFIERS.sub(" ", t)).strip()
    if not t:
        return ""
    canon = _ROLE_INDEX.get(t.replace(" ", "_"))
    if canon:
        return canon
    m = re.fullmatch(r"head of (.+)", t)
    if m:
        return _HEAD_OF.get(m.group(1), "head_of_" + m.group(1).replace(" ", "_"))
    return t.replace(" ", "_")


def role_display(role: str) -> str:
    """The one label a canonical role is shown with everywhere: 'ceo' -> 'CEO',
    'head_of_engineering' -> 'head of engineering'."""
    return _ROLE_DISPLAY.get(role, role.replace("_", " "))


# ---------------------------------------------------------------- metrics

# Measure vocabulary, mirroring the scorer's MEASURE_SYNONYMS.
_MEASURE_SYNONYMS: dict[str, list[str]] = {
    "employees": ["employees", "headcount", "staff", "workforce", "workers", "jobs", "people"],
    "vehicle_sales": ["vehicle_sales", "sales", "deliveries", "units_sold", "vehicles_sold",
                      "car_sales", "unit_sales", "volume"],
    "ev_sales": ["ev_sales", "bev_sales", "electric_vehicle_sales", "ev_deliveries",
                 "bev_deliveries", "electric_sales"],
    "hybrid_sales": ["hybrid_sales", "hev_sales", "hybrid_deliveries"],
    "sales_share": ["sales_share", "share_of_sales", "mix", "sales_mix", "share"],
    "revenue": ["revenue", "revenues", "turnover", "sales_revenue", "net_sales"],
    "operating_margin": ["operating_margin", "margin", "ebit_margin"],
    "profit": ["profit", "net_income", "net_profit", "operating_profit", "earnings"],
    "breakeven": ["breakeven", "break_even", "profitability"],
    "market_share": ["market_share"],
    "investment": ["investment", "capex", "spending", "funding"],
    "production_capacity": ["production_capacity", "capacity"],
    "price": ["price", "valuation"],
}
_MEASURE_INDEX = {_fold(w).replace(" ", "_"): canon
                  for canon, words in _MEASURE_SYNONYMS.items() for w in words + [canon]}

# Scopes that mean the same region: "worldwide" = "global", "Europe" = "European".
_SCOPE_SYNONYMS: dict[str, list[str]] = {
    "worldwide": ["worldwide", "global", "globally", "world", "world wide", "around the world"],
    "europe": ["europe", "european"],
    "china": ["china", "chinese"],
    "us": ["us", "u s", "usa", "united states", "america", "american"],
    "japan": ["japan", "japanese"],
    "uk": ["uk", "u k", "britain", "british", "united kingdom"],
    "france": ["france", "french"],
    "germany": ["germany", "german"],
}
_SCOPE_INDEX = {_fold(w): canon for canon, words in _SCOPE_SYNONYMS.items() for w in words}

# Currencies as written -> one code, so "€", "euros" and "EUR" are the same unit.
_CURRENCIES = {"eur": "EUR", "euro": "EUR", "euros": "EUR", "€": "EUR",
               "usd": "USD", "dollar": "USD", "dollars": "USD", "us dollars": "USD", "$": "USD",
               "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "£": "GBP",
               "jpy": "JPY", "yen": "JPY", "¥": "JPY", "cny": "CNY", "rmb": "CNY", "yuan": "CNY",
               "krw": "KRW", "won": "KRW", "chf": "CHF", "inr": "INR", "rupees": "INR"}
_PERCENT_UNITS = {"%", "percent", "per cent", "pct", "percentage"}
_COUNT_UNITS = {"", "units", "unit", "vehicles", "cars", "employees", "people", "jobs", "count"}


def _measure(m: Any) -> str:
    t = _fold(m or "").replace(" ", "_")
    return _MEASURE_INDEX.get(t, t)


# Measures outside the vocabulary above that outlets name in several words: one measure
# for merging (the claim still shows the measure as its source wrote it).
_MEASURE_KEY_SYNONYMS: dict[str, list[str]] = {
    "cost_savings": ["cost_savings", "savings", "synergies", "cost_synergies", "annual_savings"],
    "termination_fee": ["termination_fee", "break_fee", "breakup_fee", "break_up_fee"],
    "fleet": ["fleet", "ships", "vessels", "fleet_size"],
    "market_value": ["market_value", "market_capitalisation", "market_capitalization", "market_cap"],
}
_MEASURE_KEY_INDEX = {_fold(w).replace(" ", "_"): canon
                      for canon, words in _MEASURE_KEY_SYNONYMS.items() for w in words}


def _measure_key(m: Any) -> str:
    """The measure a figure is merged on: 'synergies' = 'cost savings', 'break fee' =
    'termination fee', on top of the shared vocabulary (`_measure`)."""
    t = _measure(m)
    return _MEASURE_KEY_INDEX.get(t, t)


def _scope(s: Any) -> str:
    """None matches only None ('-'); synonyms of one region normalise together."""
    if s is None or not str(s).strip():
        return "-"
    t = re.sub(r"^in ", "", _fold(s))
    return _SCOPE_INDEX.get(t, t.replace(" ", "_"))


def _unit(u: Any) -> str:
    """A unit as one spelling: 'euros' / '€' / 'EUR' -> 'EUR', 'per cent' -> '%'."""
    raw = str(u).strip() if u is not None else ""
    if raw in _CURRENCIES:                     # symbols fold to nothing, look them up first
        return _CURRENCIES[raw]
    t = _fold(raw)
    if t in _CURRENCIES:
        return _CURRENCIES[t]
    if re.fullmatch(r"[A-Z]{3}", raw):         # another ISO currency code (SEK, BRL ...)
        return raw
    return "%" if t in _PERCENT_UNITS else t


def _unit_family(u: Any) -> str:
    """money / pct / count; an unknown unit (GWh, km) is its own family."""
    t = _unit(u)
    if re.fullmatch(r"[A-Z]{3}", t):
        return "money"
    if t == "%":
        return "pct"
    if t in _COUNT_UNITS:
        return "count"
    return t.replace(" ", "_")


def _number(v: Any) -> float | None:
    """12000, 12000.0, "12,000" -> 12000.0; anything else (None, "n/a", NaN) -> None."""
    if v is None or isinstance(v, bool):
        return None
    try:
        x = float(v) if isinstance(v, (int, float)) else float(str(v).replace(",", "").strip())
    except ValueError:
        return None
    return x if math.isfinite(x) else None  # NaN would make sorting order-dependent


def _close(a: float, b: float) -> bool:
    """Two figures are the same when within 2 % (the scorer's tolerance)."""
    return abs(a - b) <= 0.02 * max(abs(a), abs(b)) + 1e-9


# ---------------------------------------------------------------- shares

def _share(s: Any) -> str | None:
    """'50 %', 'equal shares', 'half' -> '50%'; 'wholly-owned' -> '100%'; words kept."""
    if s is None or (isinstance(s, str) and not s.strip()):
        return None
    if isinstance(s, (int, float)) and not isinstance(s, bool):
        return f"{float(s):g}%"
    # the figure is read before folding, which turns '19.9' into '19 9'
    m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*(?:%|percent|per\s*cent)?(?:\s+stake)?\s*", str(s), re.I)
    if m:
        return f"{float(m.group(1).replace(',', '.')):g}%"
    t = _fold(s)
    if t in ("equal", "equal shares", "half", "50 50"):
        return "50%"
    if t in ("wholly owned", "full", "fully owned", "100", "whole"):
        return "100%"
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|percent|per cent)?( stake)?", t)
    if m:
        return f"{float(m.group(1)):g}%"
    return re.sub(r" stake$", "", t)


def _share_number(s: str) -> float | None:
    return _number(s[:-1]) if s.endswith("%") else None


def _shares_agree(a: str, b: str) -> bool:
    """'minority' agrees with 49 %, 'majority' with 51 %; two numbers must be within 2 %;
    two different words (minority vs majority) disagree."""
    if a == b:
        return True
    na, nb = _share_number(a), _share_number(b)
    if na is not None and nb is not None:
        return _close(na, nb)
    if na is None and nb is None:
        return False
    word, num = (a, nb) if na is None else (b, na)
    return (word == "minority" and num < 50) or (word in ("majority", "controlling") and num > 50)


# =============================================================== keys

def _status_key(status: str | None) -> str:
    # The scorer treats a missing status as 'actual' for the status-keyed types.
    return status or "actual"


def _metric_key_parts(fact: Fact) -> list[str]:
    """Entity, measure and unit family: scopes are split within the key, so that a figure
    stated without its scope can join the one scope whose figure it repeats."""
    a = fact.args
    return [_entity(a.get("entity")), _measure_key(a.get("measure")), _unit_family(a.get("unit"))]


def claim_key(fact: Fact) -> str:
    """The merge key: type + normalised key args.  Facts with equal keys are candidates
    for one claim; ``_split`` may still cut a key into several claims (distinct roles,
    distinct periods of a metric)."""
    a = fact.args
    if fact.type == "metric":
        parts = _metric_key_parts(fact)
    elif fact.type == "position":
        # every position at one organisation: who succeeded whom is one rebuild
        parts = [_entity(a.get("org"))]
    elif fact.type in UNORDERED:
        parts = sorted([_entity(a.get("org")), _entity(a.get("partner"))])
    elif fact.type in KEY_ARGS:
        parts = [_facility(a.get(k)) if k == "facility" else _entity(a.get(k)) for k in KEY_ARGS[fact.type]]
    else:                                   # an unknown type: every scalar arg is key
        parts = [f"{k}={_entity(v)}" for k, v in sorted(a.items())]
    if fact.type in STATUS_KEYED:
        parts.append(_status_key(fact.status))
    return "|".join([fact.type] + parts)


def keys_touched(facts: Iterable[Fact]) -> set[str]:
    """Keys whose claims may change when these facts are added or removed."""
    return {claim_key(f) for f in facts}


def _claim_id(key: str, sub: str) -> str:
    return "c" + hashlib.sha1(f"{key}#{sub}".encode("utf-8")).hexdigest()[:10]


# =============================================================== time

def _time_of(fact: Fact) -> TimeSpan:
    """The fact's time, or an empty span when there is none we can compare: an
    unresolved relative date ('last July' with no publication date) is not a date, and
    neither is the day of the story an undated piece of news was told in."""
    t = fact.time
    if t is None or not t.resolved or t.unstated:
        return TimeSpan()       # (a story's day is when it was observed, not a stated date)
    return t


def _times_agree(t1: TimeSpan, t2: TimeSpan) -> bool:
    """Start with start, end with end, each at the precision both give (agreement.py)."""
    return (dates_agree(t1.start, t2.start, t1.approx, t2.approx)
            and dates_agree(t1.end, t2.end, t1.approx, t2.approx))


def _time_value(t: TimeSpan) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.start:
        out["start"] = t.start
    if t.end:
        out["end"] = t.end
    if t.approx:
        out["approx"] = True
    return out


def _period(fact: Fact) -> str | None:
    """The period a figure covers, as written ('2025', '2025-Q3', '2024/2025-06')."""
    t = _time_of(fact)
    if not t.start and not t.end:
        return None
    return f"{t.start or ''}/{t.end or ''}" if t.end else (t.start or None)


def _period_year(fact: Fact) -> str | None:
    t = _time_of(fact)
    for s in (t.start, t.end):
        if s and re.match(r"\d{4}", s):
            return s[:4]
    return None


# =============================================================== groups

class _Groups:
    """Union-find over hashable items: joined items share a root, the smallest of them,
    so groups never depend on the order they were joined in."""

    def __init__(self, items: Iterable[Any]):
        self.parent = {x: x for x in items}

    def root(self, x: Any) -> Any:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: Any, b: Any) -> bool:
        """Join the groups of a and b; False when they were one already."""
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True

    def groups(self, items: Iterable[Any]) -> dict[Any, list[Any]]:
        """root -> members, members in the order given."""
        out: dict[Any, list[Any]] = defaultdict(list)
        for x in items:
            out[self.root(x)].append(x)
        return out


# =============================================================== origins

_SHINGLE = 5
_MIN_SHINGLES = 10          # shorter texts are too small to call copies of anything
_JACCARD_MIN = 0.5          # the two texts are mostly the same words
_CONTAINMENT_MIN = 0.7      # or the smaller one is mostly inside the larger (copy + extras)
_CONTAINMENT_MIN_SIZE = 20  # containment needs a text of some length to mean anything
# Candidates come from MinHash-LSH buckets tuned loose (Jaccard 0.2, see neardup.py):
# LSH only proposes pairs, the exact test decides.


# A few hundred texts (~50 kB of shingles each), not thousands: a worker profiles every
# document it extracts, and a bigger cache grew its memory with the archive.
@lru_cache(maxsize=256)
def _shingles(text: str) -> frozenset[str]:
    """Word 5-shingles of a text, folded so punctuation and accents don't matter."""
    words = _fold(text).split()
    return frozenset(" ".join(words[i:i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1))


def near_dup_profile(text: str) -> tuple[list[int], bytes]:
    """A text's LSH buckets (see neardup.py) and its shingle hashes (as bytes), both empty
    for a text too short to be called a copy of anything.  Two texts sharing a bucket
    are candidates only: the exact test on their shingles decides."""
    shingles = _shingles(text or "")
    if len(shingles) < _MIN_SHINGLES:
        return [], b""
    hashes = neardup.shingle_hashes(shingles)
    return neardup.buckets(neardup.signature_of_hashes(hashes)), neardup.to_bytes(hashes)


def near_dup_buckets(text: str) -> list[int]:
    return near_dup_profile(text)[0]


def near_duplicates(text_a: str, text_b: str) -> bool:
    """The exact test: two texts are copies of one (word 5-shingle overlap)."""
    return _near_duplicates(_shingles(text_a or ""), _shingles(text_b or ""))


def near_duplicate_hashes(a: bytes, b: bytes) -> bool:
    """The exact test on two texts' shingle hashes (near_dup_profile), as a store keeps
    them: the same answer as `near_duplicates` unless two distinct shingles share a
    32-bit hash and that moves a count across a threshold (odds ~1e-4 per pair)."""
    ha, hb = neardup.from_bytes(a), neardup.from_bytes(b)
    common = neardup.common_count(ha, hb) if min(len(ha), len(hb)) >= _MIN_SHINGLES else 0
    return _copies(common, len(ha), len(hb))


def _near_duplicates(a: frozenset[str], b: frozenset[str]) -> bool:
    common = len(a & b) if min(len(a), len(b)) >= _MIN_SHINGLES else 0
    return _copies(common, len(a), len(b))


def _copies(common: int, size_a: int, size_b: int) -> bool:
    """Two shingle sets of these sizes sharing `common` shingles are copies of one text:
    mostly the same words, or the smaller one mostly inside the larger (copy + extras)."""
    small = min(size_a, size_b)
    if small < _MIN_SHINGLES:
        return False
    if common / (size_a + size_b - common) >= _JACCARD_MIN:
        return True
    return small >= _CONTAINMENT_MIN_SIZE and common / small >= _CONTAINMENT_MIN


def _near_duplicate_pairs(documents: Mapping[str, Document]) -> list[tuple[str, str]]:
    """Pairs of documents that are copies of one text.  LSH buckets propose candidates
    (so we never compare every pair), the exact shingle sets confirm them."""
    by_bucket: dict[int, list[str]] = defaultdict(list)
    for d in sorted(documents):
        for bucket in near_dup_buckets(documents[d].text):
            by_bucket[bucket].append(d)
    candidates = {(a, b) for ids in by_bucket.values() for i, a in enumerate(ids) for b in ids[i + 1:]}
    return sorted((a, b) for a, b in candidates
                  if near_duplicates(documents[a].text, documents[b].text))


def group_origin(agencies: Mapping[str, str | None]) -> str:
    """The origin of one group of near-duplicate documents ({doc_id: its wire agency}):
    'wire:<agency>' when any member declares itself a wire copy (the agency most
    members name, then the first by key), else 'dup:<first doc_id>' for a group and
    'doc:<doc_id>' for a lone document."""
    named = Counter(a for a in agencies.values() if a)
    if named:
        return "wire:" + min(named, key=lambda k: (-named[k], k))
    first = min(agencies)
    return ("dup:" if len(agencies) > 1 else "doc:") + first


def origin_groups(documents: Mapping[str, Document]) -> dict[str, str]:
    """doc_id -> origin id (see `group_origin`): near-duplicate documents, joined
    transitively, share an origin."""
    groups = _Groups(documents)
    for a, b in _near_duplicate_pairs(documents):
        groups.join(a, b)
    out: dict[str, str] = {}
    for group in groups.groups(sorted(documents)).values():
        origin = group_origin({d: wire_agency(documents[d]) for d in group})
        for d in group:
            out[d] = origin
    return out




# =============================================================== per-call context

@dataclass
class _Context:
    """What every step needs to know about the documents, computed once per call."""
    documents: Mapping[str, Document]
    origins: dict[str, str]
    _sentences: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)

    def doc(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def published(self, doc_id: str) -> str | None:
        d = self.doc(doc_id)
        return d.published[:10] if d and d.published else None

    def order(self, fact: Fact) -> tuple:
        """Earliest-published first; documents without a date last; then by id."""
        p = self.published(fact.doc_id)
        return (p is None, p or "", fact.doc_id, fact.fact_id)

    def doc_order(self, doc_id: str) -> tuple:
        p = self.published(doc_id)
        return (p is None, p or "", doc_id)

    def origin(self, doc_id: str) -> str:
        return self.origins.get(doc_id, "doc:" + doc_id)

    def credits(self, doc_id: str) -> provenance.DocCredits:
        d = self.doc(doc_id)
        return provenance.credits(d) if d is not None else provenance.DocCredits()

    def sentence(self, fact: Fact) -> frozenset[str]:
        """The content words of the sentence the fact's evidence sits in."""
        k = (fact.doc_id, fact.fact_id)
        if k not in self._sentences:
            d = self.doc(fact.doc_id)
            span = _evidence_span(d, fact.evidence)
            self._sentences[k] = provenance.sentence_words(d.text, *span) if d and span else frozenset()
        return self._sentences[k]


def _evidence_span(doc: Document | None, ev: Evidence) -> tuple[int, int] | None:
    if doc is None or not ev.text:
        return None
    if 0 <= ev.start < ev.end <= len(doc.text) and doc.text[ev.start:ev.end] == ev.text:
        return ev.start, ev.end
    i = doc.text.find(ev.text)
    return (i, i + len(ev.text)) if i >= 0 else None


# =============================================================== splitting a key into claims

def _split(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Cut the facts of one key into claims: sub-key -> facts.  Positions split by person
    and role, figures by scope, period and value (a series is not a conflict); other
    types are one claim per key (job cuts of one organisation are one claim: their count
    is not what identifies them), except that a denial of cuts is a claim of its own."""
    kind = facts[0].type
    if kind == "position":
        return _split_positions(facts)
    if kind == "metric":
        return _split_metrics(facts)
    if kind == "job_cuts":
        return _split_denials(facts)
    return {"": facts}


def _split_denials(facts: list[Fact]) -> dict[str, list[Fact]]:
    """'There were no plans for further layoffs' after 'the airline cut about 1,100 jobs
    last year', or 'no job cuts at its plants' beside 'up to 600 head-office roles will
    go': a denial speaks of other cuts (later ones, another scope) than the cuts the
    stories report, so it neither corroborates nor disputes them."""
    out: dict[str, list[Fact]] = {}
    for f in facts:
        out.setdefault("denied" if f.status == "negated" else "", []).append(f)
    return out


def _split_positions(facts: list[Fact]) -> dict[str, list[Fact]]:
    """The positions of one organisation: one claim per person and specific role."""
    by_person: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_person[_entity(f.args.get("person"))].append(f)
    for short, full in _surnames(by_person).items():
        by_person[full].extend(by_person.pop(short))
    out = {}
    for person, fs in by_person.items():
        for role, group in _split_roles(fs).items():
            out[f"{person}|{role}"] = group
    return out


def _surnames(by_person: Mapping[str, list[Fact]]) -> dict[str, str]:
    """A person one outlet names only by surname ('Ibarguren, who became chief executive
    in January 2023') is the one person of that surname another outlet names in full at
    the same organisation ('Telvia chief executive Marta Ibarguren')."""
    out = {}
    for short in by_person:
        fuller = sorted((p for p in by_person if short and p.endswith("_" + short)), key=len)
        # 'de Meo' < 'Luca de Meo': one chain of ever fuller names, never two people
        if fuller and all(fuller[-1].endswith("_" + p) for p in fuller[:-1]):
            out[short] = fuller[-1]
    return out


def _split_roles(facts: list[Fact]) -> dict[str, list[Fact]]:
    """One claim per specific role (CEO and CTO never merge).  Generic 'head' mentions
    join the person's CEO role at that org (the head of a company is its chief
    executive), else the one leading role (president or chair), else the one 'head of
    X'; if none fits (or only a functional chief's role: CFO, CTO...) they stay a claim
    of their own."""
    by_role: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_role[normalise_role(f.args.get("role", "")) or GENERIC_HEAD].append(f)
    generic = by_role.pop(GENERIC_HEAD, [])
    if generic:
        # a functional chief (finance, technology, operations, purchasing) is not "the
        # head" of the company: "Minto, who replaced de Meo" as head is not its CFO
        leaders = sorted(r for r in by_role if r in ("president", "chair"))
        head_of = sorted(r for r in by_role if r.startswith("head_of_"))
        target = ("ceo" if "ceo" in by_role else leaders[0] if len(leaders) == 1 and not head_of
                  else head_of[0] if len(head_of) == 1 and not leaders else None)
        by_role[target or GENERIC_HEAD].extend(generic)
    return dict(by_role)


# Two figures of one measure, scope and period further apart than this are two figures
# (a segment or a definition the text did not let us see), not one figure in dispute:
# outlets that disagree on a figure are off by rounding, a revision or a slip.
DISTINCT_RATIO = 1.25


def _value_of(f: Fact, arg: str) -> float | None:
    return _number(f.args.get(arg))


def _by_value(facts: list[Fact], arg: str, prefix: str) -> dict[str, list[Fact]]:
    """Facts cut into clusters of figures within DISTINCT_RATIO of the cluster's smallest
    (per unit); a fact without a figure joins the one cluster there is, else its own."""
    valued = sorted((f for f in facts if _value_of(f, arg) is not None),
                    key=lambda f: (_unit(f.args.get("unit")), _value_of(f, arg), f.doc_id, f.fact_id))
    groups: dict[str, list[Fact]] = {}
    first: tuple[str, float] | None = None
    sub = ""
    for f in valued:
        unit, v = _unit(f.args.get("unit")), _value_of(f, arg)
        if first is None or first[0] != unit or not _within(first[1], v, DISTINCT_RATIO):
            first = (unit, v)
            sub = f"{prefix}{unit}|{v:g}"
        groups.setdefault(sub, []).append(f)
    units = Counter(sub.split("|")[-2] for sub in groups)
    if len(units) > 1 and all(n == 1 for n in units.values()):
        # one figure per currency: a figure and its conversion ("EUR 10bn ($11.7bn)")
        groups = {min(groups): [f for fs in groups.values() for f in fs]}
    bare = [f for f in facts if _value_of(f, arg) is None]
    if bare:
        target = next(iter(groups)) if len(groups) == 1 else prefix + "-"
        groups.setdefault(target, []).extend(bare)
    return groups


def _within(a: float, b: float, ratio: float) -> bool:
    lo, hi = sorted((abs(a), abs(b)))
    if (a < 0) != (b < 0):
        return False
    return hi <= lo * ratio + 1e-9


def _split_metrics(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Figures of different scopes (worldwide, Europe) are different claims; a figure
    without a scope joins the one scope that has its figure (the article left the scope
    out), else it is a claim of its own.  Within a scope, see `_split_scope`."""
    by_scope: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_scope[_scope(f.args.get("scope"))].append(f)
    bare = by_scope.pop("-", [])
    for f in bare:
        matches = [s for s, fs in by_scope.items()
                   if any(_same_figure(f, g) and g.status == f.status for g in fs)]
        by_scope[matches[0] if len(matches) == 1 else "-"].append(f)
    out: dict[str, list[Fact]] = {}
    for scope, fs in by_scope.items():
        for sub, group in _split_scope(fs).items():
            out[f"{scope}|{sub}"] = group
    return out


def _split_scope(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Reported figures: one claim per period (2024 revenue and 2025 revenue are a series,
    not a conflict) and per figure (see DISTINCT_RATIO); a figure with no period joins
    the dated claim whose value it matches.  Goals are kept apart from reported figures
    and identified by their figure: one goal dated 2029 by one outlet and 2031 by
    another is one claim with a time conflict; two goals of different figures for
    different years are a series."""
    reported = [f for f in facts if f.status != "target"]
    goals = [f for f in facts if f.status == "target"]
    out: dict[str, list[Fact]] = {}
    by_period: dict[str, list[Fact]] = defaultdict(list)
    undated: list[Fact] = []
    for f in reported:
        p = _period(f)
        (by_period[p] if p else undated).append(f)
    by_period = defaultdict(list, _join_periods(by_period))
    for f in undated:
        # decided against the dated facts only, so the order of undated ones can't matter
        matches = [p for p in by_period if p and any(_same_figure(f, g) for g in by_period[p]
                                                     if g not in undated)]
        by_period["" if len(matches) != 1 else matches[0]].append(f)
    for p, fs in by_period.items():
        for sub, group in _by_value(fs, "value", f"{p or '-'}|").items():
            out.update(_split_compatible(sub, group))
    if goals:
        out.update(_split_goals(goals))
    return out


def _split_compatible(sub: str, facts: list[Fact]) -> dict[str, list[Fact]]:
    """Figures their qualifiers let agree but that are not one figure ('more than 30,000'
    and 'about 31,000' staff, 'about EUR2.05bn' and 'about EUR2.1bn'): no disagreement,
    and no corroboration either -- each outlet's figure is a claim of its own, so that
    the sources counted for a figure are those that give it.  Figures within rounding
    (2 %) stay one claim; figures that disagree stay one claim with a value conflict;
    a figure and its conversion into another currency stay together."""
    valued = sorted((f for f in facts if _value_of(f, "value") is not None),
                    key=lambda f: (_value_of(f, "value"), f.doc_id, f.fact_id))
    if len({_unit(f.args.get("unit")) for f in valued}) != 1 or _value_conflict(facts, "value") is not None:
        return {sub: facts}
    clusters: list[list[Fact]] = []
    for f in valued:                       # greedy: a cluster spans 2 % from its smallest
        if not clusters or not _close(_value_of(clusters[-1][0], "value"), _value_of(f, "value")):
            clusters.append([])
        clusters[-1].append(f)
    if len(clusters) == 1:
        return {sub: facts}
    bare = [f for f in facts if _value_of(f, "value") is None]
    widest = max(range(len(clusters)), key=lambda i: (len({f.doc_id for f in clusters[i]}), -i))
    clusters[widest].extend(bare)
    return {sub if i == 0 else f"{sub}|{_value_of(c[0], 'value'):g}": c for i, c in enumerate(clusters)}


def _join_periods(by_period: dict[str, list[Fact]]) -> dict[str, list[Fact]]:
    """Periods written at different precision that overlap ('2025' and '2025-Q4') and
    give the same figure are one period: the same figure, dated more or less finely."""
    keys = sorted(by_period)
    periods = _Groups(keys)

    def span(k: str) -> tuple[str | None, str | None]:
        start, _, end = k.partition("/")
        return start or None, end or None

    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            (sa, ea), (sb, eb) = span(a), span(b)
            if dates_agree(sa, sb) and dates_agree(ea, eb) and \
                    any(_same_figure(f, g) for f in by_period[a] for g in by_period[b]):
                periods.join(a, b)
    return {root: [f for k in ks for f in by_period[k]] for root, ks in periods.groups(keys).items()}


def _split_goals(goals: list[Fact]) -> dict[str, list[Fact]]:
    """Goals joined when they name one year and figures within DISTINCT_RATIO (a value
    conflict), or the same figure (a time conflict over its year)."""
    goals = sorted(goals, key=lambda f: (f.doc_id, f.fact_id))
    joined = _Groups(range(len(goals)))
    for i, a in enumerate(goals):
        for j in range(i + 1, len(goals)):
            b = goals[j]
            va, vb = _value_of(a, "value"), _value_of(b, "value")
            same_unit = _same_unit(a, b)
            same_year = _period_year(a) == _period_year(b)
            if (same_unit and va is not None and vb is not None and
                    (_close(va, vb) or (same_year and _within(va, vb, DISTINCT_RATIO)))) or \
                    (same_year and (va is None or vb is None)):
                joined.join(i, j)
    out = {}
    for members in joined.groups(range(len(goals))).values():
        fs = [goals[i] for i in members]
        years = sorted(_period_year(f) or "-" for f in fs)
        values = sorted(v for f in fs if (v := _value_of(f, "value")) is not None)
        out[f"target:{years[0]}|{values[0]:g}" if values else f"target:{years[0]}|-"] = fs
    return out


def _same_figure(a: Fact, b: Fact) -> bool:
    va, vb = _number(a.args.get("value")), _number(b.args.get("value"))
    return va is not None and vb is not None and _same_unit(a, b) and _close(va, vb)


def _same_unit(a: Fact, b: Fact) -> bool:
    return _unit(a.args.get("unit")) == _unit(b.args.get("unit"))


# =============================================================== conflicts

def _norm_evidence(text: str) -> str:
    return " ".join(_fold(text).split())


def _sides(groups: dict[Any, list[Fact]], disagree: Callable[[Any, Any], bool],
           precision: Callable[[Any], Any]) -> list[tuple[Any, list[str]]] | None:
    """The values two sources cannot both be right about, each with the documents that
    give it.  A document stating two values that disagree reconciles them itself (an
    early and a precise date, a figure and its correction) and takes no side; two
    sides must come from different documents and quote different words (copies of one
    sentence that read differently are a reading error, not a disagreement).  Each
    document is listed once, under its most precise value."""
    keys = sorted(groups, key=repr)
    docs = {k: {f.doc_id for f in groups[k]} for k in keys}
    quotes = {k: {(f.doc_id, _norm_evidence(f.evidence.text)) for f in groups[k]} for k in keys}
    involved: set[Any] = set()
    for i, k1 in enumerate(keys):
        for k2 in keys[i + 1:]:
            if not disagree(k1, k2):
                continue
            only1, only2 = docs[k1] - docs[k2], docs[k2] - docs[k1]
            words1 = {q for d, q in quotes[k1] if d in only1}
            words2 = {q for d, q in quotes[k2] if d in only2}
            if only1 and only2 and (words1 - words2 or words2 - words1) and words1 != words2:
                involved |= {k1, k2}
    if not involved:
        return None
    side_of: dict[str, Any] = {}
    for d in sorted({d for k in involved for d in docs[k]}):
        stated = [k for k in keys if d in docs[k]]
        if any(disagree(a, b) for a in stated for b in stated if a != b):
            continue                           # the document reconciles its own values
        mine = [k for k in stated if k in involved]
        side_of[d] = min(mine, key=lambda k: (precision(k), repr(k)))
    # a document quoting, for its value, words another side quotes for another value
    # is a copy read differently: it takes no side
    # a document quoting, for its value, the very words a document of another side quotes
    # for another value is a copy read differently: the first of them keeps its side
    words_of = {d: {q for dd, q in quotes[side_of[d]] if dd == d} for d in side_of}
    kept: dict[str, Any] = {}
    for d in sorted(side_of):
        if not any(words_of[d] & words_of[e] for e, k in kept.items() if disagree(k, side_of[d])):
            kept[d] = side_of[d]
    side_of = kept
    sides = [(k, sorted(d for d, s in side_of.items() if s == k)) for k in sorted(involved, key=repr)]
    sides = [(k, ds) for k, ds in sides if ds]
    if not any(disagree(a, b) for i, (a, _) in enumerate(sides) for b, _ in sides[i + 1:]):
        return None
    return sides


def _time_conflict(facts: list[Fact], ctx: _Context) -> Conflict | None:
    groups: dict[Any, list[Fact]] = defaultdict(list)
    spans: dict[Any, TimeSpan] = {}
    for f in facts:
        t = _time_of(f)
        if t.is_empty():
            continue                           # no time: disagrees with nothing
        k = (t.start or "", t.end or "", t.approx)
        spans[k] = t
        groups[k].append(f)
    tie = facts[0].type in histories.TIE_TYPES
    weak = {k for k, fs in groups.items()
            if tie and all(histories.announced(f, ctx.published(f.doc_id)) for f in fs)}

    def disagree(a: Any, b: Any) -> bool:
        ta, tb = spans[a], spans[b]
        if not dates_agree(ta.end, tb.end, ta.approx, tb.approx):
            return True
        if dates_agree(ta.start, tb.start, ta.approx, tb.approx):
            return False
        # a tie's start dated by an announcement does not contradict an earlier start
        for x, y in ((a, b), (b, a)):
            if x in weak and spans[y].start and parse_span(spans[y].start)[0] < parse_span(spans[x].start)[0]:
                return False
        return True

    sides = _sides(groups, disagree,
                   lambda k: sum(precision_days(x) or 0 for x in k[:2]) + (1 if k[2] else 0))
    if not sides:
        return None
    return Conflict("time", [{"value": _time_value(spans[k]), "doc_ids": ds} for k, ds in sides])


# Statuses of one event that exclude each other in reports of one day (a document
# stating both has told a change, e.g. "planned, now done").
_EXCLUSIVE_EVENT = {frozenset({"actual", "negated"}), frozenset({"actual", "cancelled"}),
                    frozenset({"planned", "actual"})}


def _status_conflict(facts: list[Fact], ctx: _Context) -> Conflict | None:
    """Statuses that cannot both hold at the same time.  For a tie: one source says it
    ended on a stated date, another (not stating a new start) says it held on a later
    day.  For an event: done vs ruled out / called off / still planned, reported the
    same day.  Holding, then over in a later report is a history; planned, then done,
    is progress."""
    kind = facts[0].type
    if kind in STATUS_KEYED:
        return None                            # status is part of their key
    if kind == "metric":
        # a figure is no event: 'sold for $180m' and 'will pay $180m' give one price, and
        # a goal (target) is a claim of its own
        return None
    if kind in histories.TIE_TYPES:
        return _tie_status_conflict(facts, ctx)
    by_status: dict[str, list[Fact]] = defaultdict(list)
    planning = {f.doc_id for f in facts if f.status == "planned"}
    weak = {f.doc_id for f in facts if f.status == "actual" and not _done_by_report(f, ctx)}
    for f in facts:
        if f.doc_id in planning and f.doc_id in weak:
            # a document telling the plan and, undated, the thing done has told a change
            # or the plan twice: it reconciles its own statuses and takes no side
            continue
        if f.status == "actual" and not _done_by_report(f, ctx):
            by_status[_WEAK_ACTUAL].append(f)
        elif f.status:
            by_status[f.status].append(f)

    def disagree(a: str, b: str) -> bool:
        pair = frozenset({a, b})
        if _WEAK_ACTUAL in pair:
            # an undated 'done' may be the news present of an announcement: it does not
            # contradict 'planned', only 'called off' or 'ruled out'
            pair = frozenset(s.replace(_WEAK_ACTUAL, "actual") for s in pair)
            if "planned" in pair:
                return False
        return pair in _EXCLUSIVE_EVENT and \
            _same_time(by_status[a], by_status[b], ctx, undated=False)

    sides = _sides(by_status, disagree, lambda s: 0 if s != _WEAK_ACTUAL else 1)
    if not sides:
        return None
    values: dict[str, list[str]] = {}
    for s, ds in sides:
        shown = "actual" if s == _WEAK_ACTUAL else s
        values[shown] = sorted(set(values.get(shown, [])) | set(ds))
    return Conflict("status", [{"value": s, "doc_ids": ds} for s, ds in sorted(values.items())])


_WEAK_ACTUAL = "actual~"


def _done_by_report(f: Fact, ctx: _Context) -> bool:
    """The fact dates the event as done by its report: a stated date (not merely the day
    the article says something was announced) no later than the publication day.
    'Closed the plant on 3 January' is done; '380 jobs are affected', 'merges its unit
    into the group' (the news present of an announcement) may only be announced."""
    t, p = _time_of(f), ctx.published(f.doc_id)
    when = t.start or t.end
    if not when or not p or histories.announced(f, p):
        return False
    span, pub = parse_span(when), parse_span(p)
    return span is not None and pub is not None and span[0] <= pub[0]


# Reports published this close together describe the same moment; further apart, two
# different states are a change (a stake raised, a plan carried out), not a dispute.
SAME_TIME_DAYS = 3


def _same_time(side_a: list[Fact], side_b: list[Fact], ctx: _Context, undated: bool) -> bool:
    """Some report of one side and some report of the other describe the same moment.
    `undated`: what a report without a publication date counts as."""
    days_a = [parse_span(p)[0] if (p := ctx.published(f.doc_id)) else None for f in side_a]
    days_b = [parse_span(p)[0] if (p := ctx.published(f.doc_id)) else None for f in side_b]
    for da in days_a:
        for db in days_b:
            if da is None or db is None:
                if undated:
                    return True
                continue
            if abs((da - db).days) <= SAME_TIME_DAYS:
                return True
    return False


def _tie_status_conflict(facts: list[Fact], ctx: _Context) -> Conflict | None:
    ended: list[tuple[dt.date, Fact]] = []
    held: list[tuple[dt.date, Fact]] = []
    # a document that itself reports the tie over names it, elsewhere, by the title held
    # in the story it tells ('Brenmoor boss Fenwick' in an article on his exit): that
    # mention says nothing about its publication day
    over = {f.doc_id for f in facts if f.status == "former"}
    for f in facts:
        t, p = _time_of(f), ctx.published(f.doc_id)
        if f.status == "former" and t.end and parse_span(t.end):
            ended.append((parse_span(t.end)[1], f))
        elif (f.status or "actual") == "actual" and p and not t.start and not t.end \
                and f.doc_id not in over:
            held.append((parse_span(p)[0], f))
    pairs = [(e, h) for end, e in ended for day, h in held if day > end and e.doc_id != h.doc_id]
    if not pairs:
        return None
    groups = {"former": [e for e, _ in pairs], "actual": [h for _, h in pairs]}
    sides = _sides(groups, lambda a, b: a != b, lambda s: 0)
    return Conflict("status", [{"value": s, "doc_ids": ds} for s, ds in sides]) if sides else None


def _qualifier(f: Fact, arg: str) -> str | None:
    """The figure's qualifier: as extracted, else read off the evidence ("About 450 roles")."""
    q = f.args.get("qualifier")
    if q:
        return str(q)
    v = _number(f.args.get(arg))
    if v is None or not f.evidence.text:
        return None
    for quantity in _quantities(f.evidence.text):
        if quantity.value is not None and _close(float(quantity.value), v):
            return quantity.qualifier
    return None


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Any, ...]:
    from .numbers import find_quantities
    return tuple(find_quantities(text))


def _value_conflict(facts: list[Fact], arg: str) -> Conflict | None:
    """Figures of one measure, scope and period that their qualifiers cannot reconcile
    ("about 1,100" vs "around 1,300"; not "at least 10bn" vs "almost 11bn").  Figures in
    different units are never compared: one may be a conversion; nor are figures too far
    apart to be one figure in dispute (DISTINCT_RATIO: 1,000 and 3,000 job cuts are two
    rounds or two scopes, not a disagreement)."""
    values = []
    # a figure a document gives once approximately ('roughly $4.6bn') and once bare ('the
    # $4.6bn deal') is approximate in both places: the bare one is the same figure, rounded
    loosest: dict[tuple[str, str, float], str] = {}
    for f in sorted(facts, key=lambda f: (f.doc_id, f.fact_id)):
        v, q = _number(f.args.get(arg)), _qualifier_norm(f, arg)
        if v is not None and q:
            loosest.setdefault((f.doc_id, _unit(f.args.get("unit")), round(v, 6)), q)
    for unit in sorted({_unit(f.args.get("unit")) for f in facts}):
        groups: dict[Any, list[Fact]] = defaultdict(list)
        for f in facts:
            v = _number(f.args.get(arg))
            if v is not None and _unit(f.args.get("unit")) == unit:
                q = _qualifier_norm(f, arg) or loosest.get((f.doc_id, unit, round(v, 6)))
                groups[(round(v, 6), q)].append(f)
        sides = _sides(groups, lambda a, b: _within(a[0], b[0], DISTINCT_RATIO)
                       and not figures_agree(a[0], a[1], b[0], b[1]), lambda k: 0)
        for k, ds in sides or []:
            shown = next(f.args.get(arg) for f in sorted(groups[k], key=lambda f: (f.doc_id, f.fact_id)))
            values.append({"value": shown, "doc_ids": ds})
    return Conflict("value", _merge_values(values)) if values else None


def _qualifier_norm(f: Fact, arg: str) -> str | None:
    return normalise_qualifier(_qualifier(f, arg))


def _merge_values(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per figure shown (a figure given with and without 'about' is one value)."""
    out: dict[str, dict[str, Any]] = {}
    for v in values:
        k = repr(v["value"])
        if k in out:
            out[k]["doc_ids"] = sorted(set(out[k]["doc_ids"]) | set(v["doc_ids"]))
        else:
            out[k] = {"value": v["value"], "doc_ids": list(v["doc_ids"])}
    seen: set[str] = set()
    merged = []
    for v in out.values():                     # a document sits on one side only
        v["doc_ids"] = [d for d in v["doc_ids"] if d not in seen]
        seen |= set(v["doc_ids"])
        if v["doc_ids"]:
            merged.append(v)
    return merged if len(merged) > 1 else []


def _share_conflict(facts: list[Fact], ctx: _Context) -> Conflict | None:
    """Shares that cannot both be right at the same time: 30 % and 45 % reported the
    same week disagree; reported a year apart, the stake changed."""
    groups: dict[Any, list[Fact]] = defaultdict(list)
    for f in facts:
        s = _share(f.args.get("share"))
        if s is not None:
            groups[s].append(f)
    sides = _sides(groups, lambda a, b: not _shares_agree(a, b) and _same_time(groups[a], groups[b], ctx, True),
                   lambda s: 0 if s.endswith("%") else 1)
    return Conflict("share", [{"value": s, "doc_ids": ds} for s, ds in sides]) if sides else None


def _conflicts(facts: list[Fact], ctx: _Context) -> list[Conflict]:
    kind = facts[0].type
    found = [_time_conflict(facts, ctx), _status_conflict(facts, ctx)]
    if kind == "metric":
        found.append(_value_conflict(facts, "value"))
    if kind == "job_cuts":
        found.append(_value_conflict(facts, "count"))
    if kind in ("stake", "acquisition"):
        found.append(_share_conflict(facts, ctx))
    # No `role` conflicts: distinct specific roles are distinct claims and a generic
    # head only joins a compatible one.  No `scope` conflicts: scope is part of the key.
    return [c for c in found if c is not None]


# =============================================================== representative values

def _representative_status(facts: list[Fact], ctx: _Context, conflicted: bool) -> str | None:
    """Without a conflict, several statuses are a progression: the latest report is the
    current state.  With one, the majority (by documents) wins, then the earliest."""
    groups: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if f.status:
            groups[f.status].add(f.doc_id)
    if not groups:
        return None
    ordered = sorted((f for f in facts if f.status), key=ctx.order)
    if len(groups) > 1 and not conflicted:
        return ordered[-1].status
    first_seen: dict[str, int] = {}
    for i, f in enumerate(ordered):
        first_seen.setdefault(f.status, i)
    return min(groups, key=lambda s: (-len(groups[s]), first_seen[s]))


def _representative_time(facts: list[Fact], ctx: _Context) -> TimeSpan:
    """The most precise time among those agreeing with the best-supported one
    (support = documents whose time agrees; ties go to the earliest published)."""
    timed = sorted((f for f in facts if not _time_of(f).is_empty()), key=ctx.order)
    if not timed:
        return TimeSpan()
    docs_by_span: dict[tuple, set[str]] = defaultdict(set)
    time_of_span: dict[tuple, TimeSpan] = {}
    for g in timed:
        t = _time_of(g)
        docs_by_span[(t.start, t.end, t.approx)].add(g.doc_id)
        time_of_span.setdefault((t.start, t.end, t.approx), t)
    support_of_span = {
        span: len(set().union(*(docs for other, docs in docs_by_span.items()
                                 if _times_agree(t, time_of_span[other]))))
        for span, t in time_of_span.items()}

    def support(f: Fact) -> int:
        t = _time_of(f)
        return support_of_span[(t.start, t.end, t.approx)]

    best = max(support(f) for f in timed)
    anchor = next(f for f in timed if support(f) == best)
    agreeing = [g for g in timed if _times_agree(_time_of(anchor), _time_of(g))]
    chosen = min(agreeing, key=lambda g: (_time_precision(_time_of(g)), ctx.order(g)))
    t = _time_of(chosen)
    return TimeSpan(t.start, t.end, t.approx, t.text, t.resolved)


def _time_precision(t: TimeSpan) -> tuple[int, int]:
    """Smaller is more precise: fewer missing ends, then fewer days covered."""
    spans = [parse_span(t.start), parse_span(t.end)]
    missing = sum(s is None for s in spans)
    days = sum((s[1] - s[0]).days + 1 for s in spans if s)
    return missing, days + (31 if t.approx else 0)


def _representative_fact(facts: list[Fact], status: str | None, role: str, ctx: _Context) -> Fact:
    """The source whose args stand for the claim: earliest published among those with
    the claim's status, the majority figure (metrics) and a specific role (positions)."""
    pool = sorted(facts, key=ctx.order)
    kind = facts[0].type
    arg = {"metric": "value", "job_cuts": "count"}.get(kind)
    if arg:
        clusters = _value_clusters(facts, arg, ctx)
        if clusters:
            top = min(clusters.values(), key=lambda fs: (-len({f.doc_id for f in fs}),
                                                         min(ctx.order(f) for f in fs)))
            pool = sorted(top, key=ctx.order)
    if kind == "position":
        pool = [f for f in pool if normalise_role(f.args.get("role", "")) == role] or pool
    if kind == "stake":                        # the latest share is the stake as it stands
        shared = [f for f in pool if _share(f.args.get("share"))]
        pool = sorted(shared, key=ctx.order, reverse=True) + [f for f in pool if f not in shared]
    return next((f for f in pool if status is None or f.status == status), pool[0])


def _value_clusters(facts: list[Fact], arg: str, ctx: _Context) -> dict[tuple[str, int], list[Fact]]:
    """(unit, cluster no.) -> facts whose `arg` figures are within 2 % of each other."""
    by_unit: dict[str, list[tuple[float, Fact]]] = defaultdict(list)
    for f in facts:
        v = _number(f.args.get(arg))
        if v is not None:
            by_unit[_unit(f.args.get("unit"))].append((v, f))
    out: dict[tuple[str, int], list[Fact]] = {}
    for unit, items in by_unit.items():
        items.sort(key=lambda x: (x[0], ctx.order(x[1])))
        n, first = -1, None
        for v, f in items:                     # greedy: a cluster spans 2 % from its smallest
            if first is None or not _close(first, v):
                n, first = n + 1, v
            out.setdefault((unit, n), []).append(f)
    return out


def _claim_args(rep: Fact, role: str) -> dict[str, Any]:
    args = dict(rep.args)
    if rep.type == "position":
        args["role"] = role_display(role)      # canonical, so every synonym reads the same
    if rep.type == "metric" and args.get("measure"):
        args["measure"] = _measure(args["measure"])
    return args


# =============================================================== independence

def _party_keys(f: Fact) -> set[str]:
    """Names a statement by whom is first-hand: the fact's own parties (and, for a party
    like 'CNN+', the 'CNN' it is named after)."""
    out = set()
    for v in f.args.values():
        if isinstance(v, str) and v.strip():
            s = _slug(v)
            out.add(s)
            out.add(s.split("_")[0])
    return out


def _report_labels(f: Fact, ctx: _Context) -> dict[str, str]:
    """Report key -> how, for every original report this source rests on: its
    document's (a wire copy, a credit), its sentence's credit, the extractor's
    attribution.  A credit to a party of the fact is no other report."""
    doc_credits = ctx.credits(f.doc_id)
    span = _evidence_span(ctx.doc(f.doc_id), f.evidence)
    keys: dict[str, str] = {}
    for k in doc_credits.of_span(*span) if span else doc_credits.whole:
        keys[k] = doc_credits.whole.get(k, "credit")
    origin = ctx.origin(f.doc_id)
    if origin.startswith("wire:"):
        keys.setdefault(origin[5:], "wire copy")
    attributed = agency_key(f.attributed_to)
    if attributed:
        keys.setdefault(attributed, "attribution")
    parties = _party_keys(f)
    return {k: how for k, how in keys.items() if k not in parties or k == origin[5:]}


def _independence(facts: list[Fact], ctx: _Context) -> tuple[int, list[str], list[Origin]]:
    """Count distinct origins among the sources and name the reports they rest on.

    Two sources share an origin when
      * their documents are one text (same document, near-duplicates, wire copies),
      * they rest on one report (a wire copy, a credit of the document or of the
        sentence, an attribution: provenance.py),
      * their evidence sentences are one sentence reworded (an uncredited rewrite)."""
    n = len(facts)
    joined = _Groups(range(n))
    labels = [_report_labels(f, ctx) for f in facts]
    first_with: dict[str, int] = {}
    for i, f in enumerate(facts):
        for label in sorted({"origin:" + ctx.origin(f.doc_id)} | {"report:" + k for k in labels[i]}):
            if label in first_with:
                joined.join(i, first_with[label])
            else:
                first_with[label] = i
    rewritten: dict[int, bool] = {}
    for i, j in _similar_pairs(facts, ctx):
        if joined.join(i, j):
            rewritten[i] = rewritten[j] = True
    members = joined.groups(range(n))
    origins = []
    names: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        if f.attributed_to:
            names[agency_key(f.attributed_to) or ""].add(str(f.attributed_to))
    for group in members.values():
        docs = sorted({facts[i].doc_id for i in group}, key=ctx.doc_order)
        reports = Counter(k for i in group for k in labels[i])
        if reports:
            top = min(reports, key=lambda k: (-reports[k], k))
            how = next(labels[i][top] for i in group if top in labels[i])
            for i in group:
                names[top] |= {ctx.credits(facts[i].doc_id).names.get(top, "")} - {""}
            report: str | None = provenance.agency_display(top, names.get(top, ()))
        else:
            report, how = None, ("near-duplicate" if any(rewritten.get(i) for i in group)
                                 else "copies" if len(docs) > 1 else "own reporting")
        origins.append(Origin(report, docs, how))
    origins.sort(key=lambda o: (ctx.doc_order(o.doc_ids[0]), o.report or ""))
    based_on = sorted({o.report for o in origins if o.report})
    return len(origins), based_on, origins


def _similar_pairs(facts: list[Fact], ctx: _Context) -> list[tuple[int, int]]:
    """Sources of different documents whose evidence sentences are one sentence
    reworded.  Candidates share a rare word (an inverted index), so a claim with
    many sources is not compared pair by pair."""
    words = [ctx.sentence(f) for f in facts]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ws in enumerate(words):
        for w in ws:
            postings[w].append(i)
    seen: set[tuple[int, int]] = set()
    out = []
    for i, ws in enumerate(words):
        if len(ws) < 6:
            continue
        for w in sorted(ws, key=lambda w: (len(postings[w]), w))[:3]:
            for j in postings[w]:
                if j <= i or (i, j) in seen or facts[i].doc_id == facts[j].doc_id:
                    continue
                seen.add((i, j))
                if provenance.similar_sentences(ws, words[j]):
                    out.append((i, j))
    return out


# =============================================================== building claims

def _source(f: Fact, ctx: _Context) -> Source:
    doc = ctx.doc(f.doc_id)
    return Source(doc_id=f.doc_id, fact_id=f.fact_id, evidence=f.evidence,
                  outlet=doc.outlet if doc else None, time=f.time, status=f.status,
                  args=dict(f.args), attributed_to=f.attributed_to)


def _make_claim(key: str, sub: str, facts: list[Fact], ctx: _Context) -> Claim:
    facts = sorted(facts, key=ctx.order)
    kind = facts[0].type
    role = sub.split("|", 1)[1] if kind == "position" else ""
    conflicts = _conflicts(facts, ctx)
    status = _representative_status(facts, ctx, any(c.field == "status" for c in conflicts))
    history = None
    if kind in histories.TIE_TYPES or kind in histories.EVENT_TYPES:
        history = histories.observe(facts, ctx.published, ctx.doc_order)
        if kind in histories.TIE_TYPES and not any(c.field == "status" for c in conflicts):
            status = histories.state_status(history.state) or status
    rep = _representative_fact(facts, status, role, ctx)
    independent, based_on, origins = _independence(facts, ctx)
    time = _representative_time(facts, ctx)
    if kind in histories.TIE_TYPES and history is not None:
        time = TimeSpan(history.started.date if history.started else None,
                        history.ended.date if history.ended else None,
                        bool((history.started and history.started.approx) or
                             (history.ended and history.ended.approx)))
    args = _claim_args(rep, role)
    if kind == "metric" and not args.get("scope"):
        scoped = next((f for f in facts if f.args.get("scope")), None)
        if scoped is not None:              # a figure stated with and without its scope
            args["scope"] = scoped.args["scope"]
    return Claim(
        claim_id=_claim_id(key, sub), type=rep.type, args=args,
        time=time, status=status,
        sources=[_source(f, ctx) for f in facts], independent_sources=independent,
        conflicts=conflicts, based_on=based_on, history=history, origins=origins,
    )


def _canonical_input(facts: Iterable[Fact]) -> list[Fact]:
    """Sort the facts and drop exact repeats of one (doc_id, fact_id), so the result
    never depends on input order or on a fact being passed twice."""
    unique: dict[tuple[str, str], Fact] = {}
    for f in sorted(facts, key=lambda f: (f.doc_id, f.fact_id, repr(f.to_json()))):
        unique.setdefault((f.doc_id, f.fact_id), f)
    return list(unique.values())


def build_claims(facts: Iterable[Fact], documents: Mapping[str, Document],
                 origins: Mapping[str, str] | None = None) -> list[Claim]:
    """Every claim these facts make, ordered by key.  Pure: the same facts and documents
    give the same claims (same ids) whatever the order they come in.

    `origins` (doc_id -> origin, as `origin_groups` gives) is computed from `documents`
    when not given; a store that keeps the origins of all its documents passes them,
    so claims rebuilt from a few documents see the near-duplicates of all of them."""
    if origins is None:
        origins = origin_groups(documents)
    ctx = _Context(documents=documents, origins=dict(origins))
    by_key: dict[str, list[Fact]] = defaultdict(list)
    for f in _canonical_input(facts):
        by_key[claim_key(f)].append(f)
    claims = []
    for key in sorted(by_key):
        made = [(sub, group, _make_claim(key, sub, group, ctx))
                for sub, group in sorted(_split(by_key[key]).items())]
        if key.startswith("position|"):
            sources = {id(c): g for _, g, c in made}
            histories.succeed([c for _, _, c in made],
                              person_of=lambda c: str(c.args.get("person") or ""),
                              role_of=lambda c: normalise_role(str(c.args.get("role") or "")),
                              facts_of=lambda c: sources[id(c)])
            for _, _, c in made:
                if c.history is not None and not any(x.field == "status" for x in c.conflicts):
                    c.status = histories.state_status(c.history.state) or c.status
        claims.extend(c for _, _, c in made)
    return claims
