"""Reconcile: merge the Facts of many articles into Claims.

A Fact is what one article says; a Claim is one fact merged across every article
that says it.  This module decides

* which facts are the same fact (``claim_key`` plus a few type-specific splits),
* where the merged sources disagree (``Conflict`` on time, status, value, share),
* how many *independent* origins stand behind a claim: copies of one wire story,
  near-duplicate pages, facts attributed to the same report and sentences lifted
  from the same quotation count once (``origin_groups`` and ``_independence``).

Everything here is a pure function of its inputs (facts and documents): no clock,
no global state that changes results, and the input order never matters.  That
is what lets the store update claims incrementally: when new facts arrive it asks
``keys_touched(new_facts)`` and re-runs ``build_claims`` on every stored fact
with one of those keys, which yields exactly what a full rebuild would.  The one
input that spans documents, their near-duplicate origins, is kept by the store
(origins.py) and passed in, so that too is what a full rebuild computes.

Entity names in fact args are already canonical (resolution happens upstream),
so entity comparison here is only "equal after accent-folding and casefolding".
"""
from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Mapping

from . import neardup
from .models import Claim, Conflict, Document, Evidence, Fact, Source, TimeSpan, slug
from .schema import TYPES

__all__ = ["claim_key", "build_claims", "keys_touched", "origin_groups", "normalise_role",
           "near_dup_profile", "near_duplicates", "near_duplicate_hashes", "group_origin",
           "wire_agency"]

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


def _is_head_like(role: str) -> bool:
    """Specific roles a generic 'head' mention can stand for (not founder, deputy, ...)."""
    return role in {"ceo", "president", "chair", "cto", "cfo", "cpo", "coo"} or role.startswith("head_of_")


def _role_display(role: str) -> str:
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
    a = fact.args
    return [_entity(a.get("entity")), _measure(a.get("measure")), _scope(a.get("scope")),
            _unit_family(a.get("unit"))]


def claim_key(fact: Fact) -> str:
    """The merge key: type + normalised key args.  Facts with equal keys are candidates
    for one claim; ``_split`` may still cut a key into several claims (distinct roles,
    distinct periods of a metric)."""
    a = fact.args
    if fact.type == "metric":
        parts = _metric_key_parts(fact)
    elif fact.type in UNORDERED:
        parts = sorted([_entity(a.get("org")), _entity(a.get("partner"))])
    elif fact.type in KEY_ARGS:
        parts = [_entity(a.get(k)) for k in KEY_ARGS[fact.type]]
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

@lru_cache(maxsize=65536)
def _parse_date(s: str | None) -> tuple[dt.date, dt.date] | None:
    """'2025', '2025-07', '2025-07-31', '2025-Q3', '2025-H1' -> (first day, last day)."""
    if not s or not isinstance(s, str):
        return None
    s = s.strip()
    try:
        if m := re.fullmatch(r"(\d{4})", s):
            y = int(m.group(1))
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", s, re.I):
            y, q = int(m.group(1)), int(m.group(2))
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        if m := re.fullmatch(r"(\d{4})-H([12])", s, re.I):
            y = int(m.group(1))
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if m.group(2) == "1" \
                else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
            y, mo = int(m.group(1)), int(m.group(2))
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", s):
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
    except ValueError:
        return None
    return None


def _time_of(fact: Fact) -> TimeSpan:
    """The fact's time, or an empty span when there is none we can compare: an
    unresolved relative date ('last July' with no publication date) is not a date."""
    t = fact.time
    if t is None or not t.resolved:
        return TimeSpan()
    return t


def _points_agree(a: str | None, b: str | None, approx: bool) -> bool:
    """Two dates agree when their spans overlap; an approximate one gets ~a month of slack.
    A missing or unparseable date agrees with anything."""
    pa, pb = _parse_date(a), _parse_date(b)
    if pa is None or pb is None:
        return True
    slack = dt.timedelta(days=31 if approx else 0)
    return pa[0] <= pb[1] + slack and pb[0] <= pa[1] + slack


def _times_agree(t1: TimeSpan, t2: TimeSpan) -> bool:
    approx = t1.approx or t2.approx
    return _points_agree(t1.start, t2.start, approx) and _points_agree(t1.end, t2.end, approx)


def _time_value(t: TimeSpan) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.start:
        out["start"] = t.start
    if t.end:
        out["end"] = t.end
    if t.approx:
        out["approx"] = True
    return out


def _time_precision(t: TimeSpan) -> tuple[int, int]:
    """Smaller is more precise: fewer missing ends, then fewer days covered."""
    spans = [_parse_date(t.start), _parse_date(t.end)]
    missing = sum(s is None for s in spans)
    days = sum((s[1] - s[0]).days + 1 for s in spans if s)
    return missing, days + (31 if t.approx else 0)


def _period_year(fact: Fact) -> str | None:
    t = _time_of(fact)
    for s in (t.start, t.end):
        if s and re.match(r"\d{4}", s):
            return s[:4]
    return None


# =============================================================== origins

# Wire agencies and other original reports: key -> (display name, spellings).
_AGENCIES: dict[str, tuple[str, list[str]]] = {
    "reuters": ("Reuters", ["reuters", "thomson reuters", "reuters news"]),
    "ap": ("Associated Press", ["ap", "associated press", "the associated press"]),
    "afp": ("AFP", ["afp", "agence france presse"]),
    "jiji": ("Jiji Press", ["jiji", "jiji press"]),
    "kyodo": ("Kyodo News", ["kyodo", "kyodo news"]),
    "bloomberg": ("Bloomberg", ["bloomberg", "bloomberg news"]),
    "dpa": ("dpa", ["dpa", "deutsche presse agentur"]),
    "yonhap": ("Yonhap", ["yonhap", "yonhap news agency"]),
    "xinhua": ("Xinhua", ["xinhua"]),
    "ansa": ("ANSA", ["ansa"]),
    "efe": ("EFE", ["efe"]),
    "pti": ("PTI", ["pti", "press trust of india"]),
    "upi": ("UPI", ["upi", "united press international"]),
}
_AGENCY_INDEX = {_fold(w): key for key, (_, words) in _AGENCIES.items() for w in words}
# Attributions that name no particular report: collapsing every fact "according to
# sources" into one origin would wrongly merge unrelated reporting.
_VAGUE_ATTRIBUTIONS = {"sources", "source", "a source", "people familiar with the matter",
                       "people familiar", "insiders", "analysts", "officials", "reports",
                       "media reports", "local media", "unnamed sources"}

_A = r"(Reuters|AP|AFP|Jiji Press|Jiji|Kyodo|Bloomberg|dpa|Yonhap|Xinhua|ANSA|EFE|PTI|UPI)"
# Dateline: "PARIS (Reuters) -", "Tokyo, Feb. 6 (Jiji Press)--", "DETROIT (AP) —".
_DATELINE = re.compile(r"\(" + _A + r"\)\s*(?:-|–|—)")
_DATELINE_NEAR_START = re.compile(r"\(" + _A + r"\)")
# Byline "By Associated Press", "By Reuters Staff" (capital B: not "reported by Reuters").
_BYLINE = re.compile(r"\bBy (?:The )?(Associated Press|Reuters|AFP|Agence France-Presse|"
                     r"Bloomberg News|Kyodo News|Jiji Press)\b")
# "Copyright © 2024 by The Associated Press."  Bloomberg is left out on purpose: its
# name shows up in photo credits ("© 2022 Bloomberg Finance LP") of unrelated stories.
_COPYRIGHT = re.compile(r"(?:Copyright|©)[^\n]{0,40}?\b(Associated Press|Reuters|AFP|"
                        r"Agence France-Presse|Jiji Press|Kyodo)\b")
# Reuters' trailer: "Reporting by X; Editing by Y".
_REUTERS_TRAILER = re.compile(r"Reporting by [^\n;]{1,80};[^\n]{0,120}?Editing by")
_OUTLET_WIRE = re.compile(r"\(" + _A + r"\)\s*$")

# Near-duplicate thresholds on word 5-shingles.
_SHINGLE = 5
_MIN_SHINGLES = 10          # shorter texts are too small to call copies of anything
_JACCARD_MIN = 0.5          # the two texts are mostly the same words
_CONTAINMENT_MIN = 0.7      # or the smaller one is mostly inside the larger (copy + extras)
_CONTAINMENT_MIN_SIZE = 20  # containment needs a text of some length to mean anything
# Candidates come from MinHash-LSH buckets tuned loose (Jaccard 0.2, see neardup.py):
# LSH only proposes pairs, the exact test decides.


def agency_key(name: str | None) -> str | None:
    """'Thomson Reuters' -> 'reuters', 'The Associated Press' -> 'ap'; other names are
    slugged ('Asahi Shimbun' -> 'asahi_shimbun'); vague ones ('sources') -> None."""
    if not name or not str(name).strip():
        return None
    t = _fold(name)
    if t in _VAGUE_ATTRIBUTIONS:
        return None
    return _AGENCY_INDEX.get(t, slug(str(name)))


def _agency_display(key: str, seen: Iterable[str] = ()) -> str:
    if key in _AGENCIES:
        return _AGENCIES[key][0]
    names = sorted(n.strip() for n in seen if n and agency_key(n) == key)
    return names[0] if names else key


def wire_agency(doc: Document) -> str | None:
    """The agency a document says it is a copy of, from its own text (dateline, byline,
    copyright line, Reuters trailer) or, failing that, an outlet like 'Glance (Reuters)'."""
    text = doc.text or ""
    hits: list[tuple[int, str]] = []
    for rx in (_DATELINE, _BYLINE, _COPYRIGHT):
        hits += [(m.start(), m.group(1)) for m in rx.finditer(text)]
    hits += [(m.start(), m.group(1)) for m in _DATELINE_NEAR_START.finditer(text[:300])]
    hits += [(m.start(), "Reuters") for m in _REUTERS_TRAILER.finditer(text)]
    if hits:
        return agency_key(min(hits)[1])      # the earliest marker in the text wins
    m = _OUTLET_WIRE.search(doc.outlet or "")
    return agency_key(m.group(1)) if m else None


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
    parent = {d: d for d in documents}

    def root(d: str) -> str:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for a, b in _near_duplicate_pairs(documents):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    members: dict[str, list[str]] = defaultdict(list)
    for d in sorted(documents):
        members[root(d)].append(d)
    out: dict[str, str] = {}
    for group in members.values():
        origin = group_origin({d: wire_agency(documents[d]) for d in group})
        for d in group:
            out[d] = origin
    return out


# ---------------------------------------------------------------- quotations

_QUOTE = re.compile(r"“([^”\n]{20,})”|\"([^\"\n]{20,})\"|«([^»\n]{20,})»")
_MIN_QUOTE_WORDS = 8


def _evidence_span(doc: Document | None, ev: Evidence) -> tuple[int, int] | None:
    if doc is None or not ev.text:
        return None
    if 0 <= ev.start < ev.end <= len(doc.text) and doc.text[ev.start:ev.end] == ev.text:
        return ev.start, ev.end
    i = doc.text.find(ev.text)
    return (i, i + len(ev.text)) if i >= 0 else None


def _quote_labels(doc: Document | None, ev: Evidence) -> set[str]:
    """Labels of the long quoted sentences the evidence sits in.  Two outlets whose
    evidence is the same >= 8-word quotation are both relaying one statement."""
    span = _evidence_span(doc, ev)
    if span is None:
        return set()
    labels = set()
    for m in _QUOTE.finditer(doc.text):
        if not (m.start() < span[1] and span[0] < m.end()):
            continue
        quote = next(g for g in m.groups() if g)
        for sentence in re.split(r"(?<=[.!?])\s+", quote):
            words = _fold(sentence).split()
            if len(words) >= _MIN_QUOTE_WORDS:
                labels.add("quote:" + hashlib.sha1(" ".join(words).encode()).hexdigest()[:12])
    return labels


# =============================================================== per-call context

@dataclass
class _Context:
    """What every step needs to know about the documents, computed once per call."""
    documents: Mapping[str, Document]
    origins: dict[str, str]
    _quotes: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def doc(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id)

    def published(self, doc_id: str) -> str | None:
        d = self.doc(doc_id)
        return d.published if d else None

    def order(self, fact: Fact) -> tuple:
        """Earliest-published first; documents without a date last; then by id."""
        p = self.published(fact.doc_id)
        return (p is None, p or "", fact.doc_id, fact.fact_id)

    def origin(self, doc_id: str) -> str:
        return self.origins.get(doc_id, "doc:" + doc_id)

    def quotes(self, fact: Fact) -> set[str]:
        k = (fact.doc_id, fact.fact_id)
        if k not in self._quotes:
            self._quotes[k] = _quote_labels(self.doc(fact.doc_id), fact.evidence)
        return self._quotes[k]


# =============================================================== splitting a key into claims

def _split(facts: list[Fact]) -> dict[str, list[Fact]]:
    """Cut the facts of one key into claims: sub-key -> facts.  Most types are one claim
    per key; positions split by role and metrics by period (and target vs actual)."""
    kind = facts[0].type
    if kind == "position":
        return _split_positions(facts)
    if kind == "metric":
        return _split_metrics(facts)
    return {"": facts}


def _split_positions(facts: list[Fact]) -> dict[str, list[Fact]]:
    """One claim per specific role (CEO and CTO never merge).  Generic 'head' mentions
    join the person's one specific head role at that org ('in charge' + 'head of
    engineering'); if there is none, or it is ambiguous, they stay a claim of their own."""
    by_role: dict[str, list[Fact]] = defaultdict(list)
    for f in facts:
        by_role[normalise_role(f.args.get("role", "")) or GENERIC_HEAD].append(f)
    generic = by_role.pop(GENERIC_HEAD, [])
    if generic:
        head_like = sorted(r for r in by_role if _is_head_like(r))
        head_of = [r for r in head_like if r.startswith("head_of_")]
        target = head_like[0] if len(head_like) == 1 else head_of[0] if len(head_of) == 1 else None
        by_role[target or GENERIC_HEAD].extend(generic)
    return dict(by_role)


def _split_metrics(facts: list[Fact]) -> dict[str, list[Fact]]:
    """One claim per period year (2024 revenue is not 2025 revenue), with goals kept apart
    from reported figures (a missed target is not a conflict).  A figure with no date
    joins the one dated claim of its kind whose value it matches, else the undated claim."""
    dated: dict[str, list[Fact]] = defaultdict(list)
    undated: list[Fact] = []
    for f in facts:
        year = _period_year(f)
        if year is None:
            undated.append(f)
        else:
            dated[_metric_kind(f) + year].append(f)
    groups = {sub: list(fs) for sub, fs in dated.items()}
    for f in undated:
        # Decided against the dated facts only, so the order of undated ones can't matter.
        matches = [sub for sub, fs in dated.items()
                   if _metric_kind_of_sub(sub) == _metric_kind(f) and any(_same_figure(f, g) for g in fs)]
        sub = matches[0] if len(matches) == 1 else _metric_kind(f) + "-"
        groups.setdefault(sub, []).append(f)
    return groups


def _metric_kind(f: Fact) -> str:
    return "target:" if f.status == "target" else ""


def _metric_kind_of_sub(sub: str) -> str:
    return "target:" if sub.startswith("target:") else ""


def _same_figure(a: Fact, b: Fact) -> bool:
    va, vb = _number(a.args.get("value")), _number(b.args.get("value"))
    return va is not None and vb is not None and _same_unit(a, b) and _close(va, vb)


def _same_unit(a: Fact, b: Fact) -> bool:
    return _unit(a.args.get("unit")) == _unit(b.args.get("unit"))


# =============================================================== conflicts

# Status changes that are news over time, not disagreement: an earlier article says
# planned and a later one says done, or actual and later former.
_PROGRESSIONS = {("planned", "actual"), ("target", "actual"), ("actual", "former"),
                 ("planned", "former"), ("planned", "cancelled"), ("target", "cancelled"),
                 ("planned", "negated")}

# value key -> (value shown in the Conflict, doc_ids stating it)
_Groups = dict[Any, tuple[Any, set[str]]]


def _conflict(field_name: str, groups: _Groups,
              disagree: Callable[[Any, set[str], Any, set[str]], bool]) -> Conflict | None:
    """A Conflict when two *different* documents state values that disagree.  A document
    that states both values itself (e.g. an early and a precise date) reconciles them."""
    keys = sorted(groups)                      # one key type per call: times, statuses, numbers
    found = False
    for i, k1 in enumerate(keys):
        for k2 in keys[i + 1:]:
            only1, only2 = groups[k1][1] - groups[k2][1], groups[k2][1] - groups[k1][1]
            found = found or bool(only1 and only2 and disagree(k1, only1, k2, only2))
    if not found:
        return None
    values = [{"value": groups[k][0], "doc_ids": sorted(groups[k][1])} for k in keys]
    return Conflict(field_name, values)


def _time_conflict(facts: list[Fact]) -> Conflict | None:
    groups: _Groups = {}
    spans: dict[Any, TimeSpan] = {}
    for f in facts:
        t = _time_of(f)
        if t.is_empty():
            continue                           # no time: disagrees with nothing
        k = (t.start or "", t.end or "", t.approx)
        spans[k] = t
        groups.setdefault(k, (_time_value(t), set()))[1].add(f.doc_id)
    return _conflict("time", groups, lambda k1, _d1, k2, _d2: not _times_agree(spans[k1], spans[k2]))


def _is_progression(s1: str, docs1: set[str], s2: str, docs2: set[str], ctx: _Context) -> bool:
    """True when every document of the earlier stage was published before every
    document of the later one (same-day or undated reports can't show a change)."""
    for (a, da), (b, db) in (((s1, docs1), (s2, docs2)), ((s2, docs2), (s1, docs1))):
        if (a, b) not in _PROGRESSIONS:
            continue
        pa, pb = [ctx.published(d) for d in da], [ctx.published(d) for d in db]
        if None not in pa and None not in pb and max(pa) < min(pb):
            return True
    return False


def _status_groups(facts: list[Fact]) -> _Groups:
    groups: _Groups = {}
    for f in facts:
        if f.status:
            groups.setdefault(f.status, (f.status, set()))[1].add(f.doc_id)
    return groups


def _status_conflict(facts: list[Fact], ctx: _Context) -> Conflict | None:
    if facts[0].type in STATUS_KEYED:
        return None                            # status is part of their key
    return _conflict("status", _status_groups(facts),
                     lambda s1, d1, s2, d2: not _is_progression(s1, d1, s2, d2, ctx))


def _value_clusters(facts: list[Fact], arg: str, ctx: _Context) -> dict[tuple[str, int], list[Fact]]:
    """(unit, cluster no.) -> facts whose `arg` figures are within 2 % of each other.
    Figures in different units (EUR vs USD) are never compared: one may be a conversion."""
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


def _value_conflict(facts: list[Fact], arg: str, ctx: _Context) -> Conflict | None:
    """Figures more than 2 % apart, compared unit by unit; the Conflict lists the figures
    of the units that disagree, each as the earliest report wrote it."""
    per_unit: dict[str, _Groups] = defaultdict(dict)
    for (unit, n), fs in _value_clusters(facts, arg, ctx).items():
        shown = min(fs, key=ctx.order).args.get(arg)
        per_unit[unit][n] = (shown, {f.doc_id for f in fs})
    values = []
    for unit in sorted(per_unit):
        c = _conflict("value", per_unit[unit], lambda *_: True)
        values += c.values if c else []
    return Conflict("value", values) if values else None


def _share_conflict(facts: list[Fact]) -> Conflict | None:
    groups: _Groups = {}
    for f in facts:
        s = _share(f.args.get("share"))
        if s is not None:
            groups.setdefault(s, (s, set()))[1].add(f.doc_id)
    return _conflict("share", groups, lambda a, _d1, b, _d2: not _shares_agree(a, b))


def _conflicts(facts: list[Fact], ctx: _Context) -> list[Conflict]:
    kind = facts[0].type
    found = [_time_conflict(facts), _status_conflict(facts, ctx)]
    if kind == "metric":
        found.append(_value_conflict(facts, "value", ctx))
    if kind == "job_cuts":
        found.append(_value_conflict(facts, "count", ctx))
    if kind in ("stake", "acquisition"):
        found.append(_share_conflict(facts))
    # No `role` conflicts: distinct specific roles are distinct claims and a generic
    # head only joins a compatible one.  No `scope` conflicts: scope is part of the key.
    return [c for c in found if c is not None]


# =============================================================== representative values

def _representative_status(facts: list[Fact], ctx: _Context, conflicted: bool) -> str | None:
    """Without a conflict, several statuses are a progression: the latest report is the
    current state.  With one, the majority (by documents) wins, then the earliest."""
    groups = _status_groups(facts)
    if not groups:
        return None
    ordered = sorted((f for f in facts if f.status), key=ctx.order)
    if len(groups) > 1 and not conflicted:
        return ordered[-1].status
    first_seen = {}
    for i, f in enumerate(ordered):
        first_seen.setdefault(f.status, i)
    return min(groups, key=lambda s: (-len(groups[s][1]), first_seen[s]))


def _representative_time(facts: list[Fact], ctx: _Context) -> TimeSpan:
    """The most precise time among those agreeing with the best-supported one
    (support = documents whose time agrees; ties go to the earliest published)."""
    timed = sorted((f for f in facts if not _time_of(f).is_empty()), key=ctx.order)
    if not timed:
        return TimeSpan()
    # Agreement depends on (start, end, approx) only: compare each distinct span once
    # (a claim with many sources has few distinct times), not every pair of facts.
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


def _representative_fact(facts: list[Fact], status: str | None, sub: str, ctx: _Context) -> Fact:
    """The source whose args stand for the claim: earliest published among those with
    the claim's status, the majority figure (metrics) and a specific role (positions)."""
    pool = sorted(facts, key=ctx.order)
    if facts[0].type == "metric":
        clusters = _value_clusters(facts, "value", ctx)
        if clusters:
            top = min(clusters.values(), key=lambda fs: (-len({f.doc_id for f in fs}),
                                                         min(ctx.order(f) for f in fs)))
            pool = sorted(top, key=ctx.order)
    if facts[0].type == "position":
        pool = [f for f in pool if normalise_role(f.args.get("role", "")) == sub] or pool
    return next((f for f in pool if status is None or f.status == status), pool[0])


def _claim_args(rep: Fact, sub: str) -> dict[str, Any]:
    args = dict(rep.args)
    if rep.type == "position":
        args["role"] = _role_display(sub)      # canonical, so every synonym reads the same
    if rep.type == "metric" and args.get("measure"):
        args["measure"] = _measure(args["measure"])
    return args


# =============================================================== independence

def _independence(facts: list[Fact], ctx: _Context) -> tuple[int, list[str]]:
    """Count distinct origins among the sources and name the reports they rest on.

    Two sources share an origin when they carry a common label:
      * the document's origin group (same document, near-duplicate, same wire story),
      * 'wire:<agency>' from the fact's attribution ("according to Reuters"), which also
        meets a document that is itself a Reuters copy,
      * the same long quotation their evidence sits in."""
    labels: list[set[str]] = []
    reports: dict[str, set[str]] = defaultdict(set)     # agency key -> names seen
    for f in facts:
        own = {ctx.origin(f.doc_id)} | ctx.quotes(f)
        key = agency_key(f.attributed_to)
        if key:
            own.add("wire:" + key)
            reports[key].add(str(f.attributed_to))
        origin = ctx.origin(f.doc_id)
        if origin.startswith("wire:"):         # the document itself is a wire copy
            reports.setdefault(origin[5:], set())
        labels.append(own)

    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_with: dict[str, int] = {}
    for i, own in enumerate(labels):
        for label in sorted(own):
            if label in first_with:
                parent[root(i)] = root(first_with[label])
            else:
                first_with[label] = i
    independent = len({root(i) for i in range(len(facts))})
    based_on = sorted({_agency_display(k, names) for k, names in reports.items()})
    return independent, based_on


# =============================================================== building claims

def _source(f: Fact, ctx: _Context) -> Source:
    doc = ctx.doc(f.doc_id)
    return Source(doc_id=f.doc_id, fact_id=f.fact_id, evidence=f.evidence,
                  outlet=doc.outlet if doc else None, time=f.time, status=f.status,
                  args=dict(f.args), attributed_to=f.attributed_to)


def _make_claim(key: str, sub: str, facts: list[Fact], ctx: _Context) -> Claim:
    facts = sorted(facts, key=ctx.order)
    conflicts = _conflicts(facts, ctx)
    status = _representative_status(facts, ctx, any(c.field == "status" for c in conflicts))
    rep = _representative_fact(facts, status, sub, ctx)
    independent, based_on = _independence(facts, ctx)
    return Claim(
        claim_id=_claim_id(key, sub), type=rep.type, args=_claim_args(rep, sub),
        time=_representative_time(facts, ctx), status=status,
        sources=[_source(f, ctx) for f in facts], independent_sources=independent,
        conflicts=conflicts, based_on=based_on,
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
        for sub, group in sorted(_split(by_key[key]).items()):
            claims.append(_make_claim(key, sub, group, ctx))
    return claims
