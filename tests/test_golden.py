"""Golden articles: hand-written business news with hand-annotated expected facts.

Each `tests/golden/NAME.txt` is a short article; `NAME.json` holds what a careful
annotator following shared/eval/GUIDELINES.md writes down for it:

    {"published": "YYYY-MM-DD" | null,
     "language": "fr",                      # only for non-English articles (skipped)
     "aliases": {"Kestrel Semiconductor Inc.": ["Kestrel"], ...},   # other proper names
     "facts": [{"type", "args", "status", "time"?, "optional"?, "attributed_to"?, "note"}]}

Entity args hold the article's fullest name for the entity, or a list of acceptable
names; `aliases` lists the other proper names the article itself uses for an
organisation or product (the role of the scorer's entities.json).  Person surnames are
deliberately not aliases: "Natarajan, Lumora's CEO" must come out as "Priya Natarajan".
`time: {"start": null, "unresolved": true}` means the article's date is relative and
the article has no publication date, so the tool must leave the time unresolved.

The matcher mirrors shared/eval/score.py: key args per type, roles / measures /
statuses through the scorer's synonym tables, entity names compared accent- and
case-insensitively ignoring a leading "the" and legal/corporate suffixes, numbers
within 2 %, status part of the key for ipo / merger / acquisition, one-to-one
assignment of predictions to expected facts (best-scoring pairs first), time =
predicted period overlaps the expected one and is not coarser than twice its span.

Tests:
  * test_expected_fact      one per (article, non-optional expected fact): key args,
                            then time and status (the scorer's "strict" match);
  * test_no_unexpected_facts per article: predictions matching no expected fact
                            (optional ones included) on type + key args;
  * test_fact_details       per article: non-key args (unit, scope, change_pct, count,
                            share, ownership, by) and attribution of matched facts;
  * test_evidence_is_verbatim per article: evidence.text == text[start:end];
  * test_language           English articles read as 'en', the others do not;
  * test_near_copies_share_one_origin  the near-copy pair is grouped by reconcile.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from newsledger.agreement import parse_span
from newsledger.extract import extract_document
from newsledger.ingest import detect_language
from newsledger.models import Document

GOLDEN = Path(__file__).parent / "golden"

# ---------------------------------------------------------------- scorer rules
# Copied from shared/eval/score.py so the tests do not depend on the shared folder.

KEY_ARGS = {
    "part_of": ("org", "parent"),
    "stake": ("owner", "org"),
    "position": ("person", "org", "role"),
    "operates": ("org", "facility"),
    "produces": ("maker", "product"),
    "partner": ("org", "partner"),
    "founded": ("org",),
    "closed": ("org",),
    "merged_into": ("org", "into"),
    "ipo": ("org",),
    "job_cuts": ("org",),
    "metric": ("entity", "measure", "value"),
    "acquisition": ("acquirer", "target"),
    "merger": ("org", "partner"),
}
STATUS_KEYED = {"ipo", "merger", "acquisition"}
UNORDERED = {"partner", "merger"}
ENTITY_ARGS = {"org", "parent", "owner", "person", "facility", "maker", "product",
               "partner", "into", "entity", "by", "acquirer", "target"}

ROLE_SYNONYMS = {
    "ceo": ["ceo", "chief executive", "chief executive officer", "chief exec",
            "group ceo", "managing director and ceo", "boss", "top executive"],
    "cto": ["cto", "chief technology officer", "chief technical officer"],
    "cfo": ["cfo", "chief financial officer", "finance chief", "finance director",
            "financial director", "director of finance"],
    "cpo": ["cpo", "chief procurement officer", "procurement director", "procurement chief",
            "director of purchasing", "purchasing director", "head of procurement",
            "head of purchasing", "director of purchasing and partnerships",
            "chief procurement partnerships and public affairs officer"],
    "coo": ["coo", "chief operating officer"],
    "chair": ["chair", "chairman", "chairwoman", "chairperson", "board chair",
              "chairman of the board"],
    "president": ["president"],
    "head_of_engineering": ["head of engineering", "engineering chief", "engineering head",
                            "combined head of engineering", "chief engineer"],
    "head": ["head", "leader", "chief", "in charge", "boss of", "manager", "director",
             "managing director", "general manager"],
    "founder": ["founder", "co-founder", "cofounder"],
    "journalist": ["journalist", "reporter", "writer", "author"],
}
MEASURE_SYNONYMS = {
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
STATUS_SYNONYMS = {
    "actual": ["actual", "reported", "completed", "done", "past", "current", "holds", "active"],
    "planned": ["planned", "announced", "expected", "proposed", "scheduled", "future"],
    "target": ["target", "goal", "forecast", "guidance", "objective"],
    "cancelled": ["cancelled", "canceled", "abandoned", "scrapped", "called_off", "withdrawn"],
    "negated": ["negated", "denied", "ruled_out", "not_happening", "none"],
    "former": ["former", "ended", "past_role", "previous"],
}
LEGAL_SUFFIXES = {"inc", "corp", "corporation", "co", "ltd", "limited", "plc", "sa", "ag",
                  "nv", "se", "llc", "gmbh", "spa", "bv", "sas", "ab", "asa", "kk"}
# Corporate words the brief asks us to ignore as well (the scorer gets them via aliases).
CORPORATE_SUFFIXES = LEGAL_SUFFIXES | {"group", "holding", "holdings", "kft"}
# "Douai", "Douai plant", "Douai factory" are one facility (the scorer's aliases list them).
FACILITY_WORDS = {"plant", "factory", "works", "mill", "site", "facility", "fab", "assembly"}


def norm_text(s: Any) -> str:
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.casefold().replace("&", " and ").replace("’", "'")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w%]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    words = s.split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    out = {}
    for canon, words in table.items():
        for w in words + [canon]:
            out[norm_text(w).replace(" ", "_")] = canon
    return out


ROLE_INDEX = _invert(ROLE_SYNONYMS)
MEASURE_INDEX = _invert(MEASURE_SYNONYMS)
STATUS_INDEX = _invert(STATUS_SYNONYMS)


def canon_role(s: Any) -> str:
    t = norm_text(s or "")
    t = re.sub(r"\b(former|then|interim|acting|new|incoming|outgoing|group|company|its)\b", " ", t)
    t = re.sub(r"\s+", " ", t).strip().replace(" ", "_")
    return ROLE_INDEX.get(t, t)


def canon_measure(s: Any) -> str:
    t = norm_text(s or "").replace(" ", "_")
    return MEASURE_INDEX.get(t, t)


def canon_status(s: Any) -> str | None:
    if s is None:
        return None
    t = norm_text(s).replace(" ", "_")
    return STATUS_INDEX.get(t, t)


def canon_share(s: Any) -> str | None:
    if s is None:
        return None
    if isinstance(s, (int, float)):
        return f"{float(s):g}%"
    t = norm_text(s)
    if t in ("equal", "equal shares", "half", "50 50"):
        return "50%"
    if t in ("wholly owned", "full", "fully owned", "100"):
        return "100%"
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(%|percent|per cent)?$", t)
    if m:
        return f"{float(m.group(1)):g}%"
    return t


def as_number(v: Any) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).replace(",", "").strip())
    except ValueError:
        return None


def as_list(v: Any) -> list:
    return v if isinstance(v, list) else [v]


# (the same reading of a time value as the claim model's: "2025-Q3" is July to September)
parse_date = parse_span


def time_field_ok(pred_value: Any, gold_value: Any, approx: bool) -> bool:
    g, p = parse_date(gold_value), parse_date(pred_value)
    if g is None:
        return True
    if p is None:
        return False
    slack = dt.timedelta(days=31 if approx else 0)
    overlaps = p[0] <= g[1] + slack and g[0] - slack <= p[1]
    g_len, p_len = (g[1] - g[0]).days + 1, (p[1] - p[0]).days + 1
    return overlaps and p_len <= max(2 * g_len, 31)


# ---------------------------------------------------------------- golden cases

@dataclass
class Case:
    name: str
    text: str
    published: str | None
    language: str
    aliases: dict[str, list[str]]
    facts: list[dict]
    near_copy_of: str | None


def _load_cases() -> dict[str, Case]:
    cases = {}
    for txt in sorted(GOLDEN.glob("*.txt")):
        spec = json.loads(txt.with_suffix(".json").read_text(encoding="utf-8"))
        cases[txt.stem] = Case(txt.stem, txt.read_text(encoding="utf-8"), spec.get("published"),
                               spec.get("language", "en"), spec.get("aliases", {}),
                               spec.get("facts", []), spec.get("near_copy_of"))
    return cases


CASES = _load_cases()
ENGLISH = [n for n, c in CASES.items() if c.language == "en"]


# ---------------------------------------------------------------- matching

def norm_entity(name: Any, facility: bool = False) -> str:
    words = norm_text(name or "").split()
    while len(words) > 1 and words[-1] in CORPORATE_SUFFIXES:
        words.pop()
    if facility:
        while len(words) > 1 and words[-1] in FACILITY_WORDS:
            words.pop()
    return " ".join(words)


def entity_matches(pred_val: Any, gold_val: Any, aliases: dict[str, list[str]]) -> bool:
    if pred_val is None or isinstance(pred_val, (list, dict)):
        return False
    names: list[str] = []
    for g in as_list(gold_val):
        names += [g] + list(aliases.get(g, []))
    for g in names:
        facility = norm_text(g).split()[-1:] and norm_text(g).split()[-1] in FACILITY_WORDS
        if norm_entity(pred_val, bool(facility)) == norm_entity(g, bool(facility)):
            return True
    return False


def arg_matches(role: str, pred_val: Any, gold_val: Any, aliases: dict) -> bool:
    if role == "role":
        return canon_role(pred_val) in {canon_role(g) for g in as_list(gold_val)}
    if role == "measure":
        return canon_measure(pred_val) in {canon_measure(g) for g in as_list(gold_val)}
    if role == "value":
        p = as_number(pred_val)
        for g in map(as_number, as_list(gold_val)):
            if g is None and p is None:
                return True
            if g is not None and p is not None and abs(p - g) <= 0.02 * abs(g) + 1e-9:
                return True
        return False
    if role in ENTITY_ARGS:
        return entity_matches(pred_val, gold_val, aliases)
    return norm_text(pred_val) in {norm_text(g) for g in as_list(gold_val)}


def status_key_ok(t: str, pred: dict, gold: dict) -> bool:
    if t not in STATUS_KEYED or gold.get("status") not in ("planned", "cancelled", "actual"):
        return True
    ps = canon_status(pred.get("status"))
    return ps == gold["status"] or (gold["status"] == "actual" and ps is None)


def key_match(pred: dict, gold: dict, aliases: dict) -> bool:
    t = gold["type"]
    if norm_text(pred.get("type") or "").replace(" ", "_") != t:
        return False
    pa, ga = pred.get("args") or {}, gold["args"]
    if t in UNORDERED:
        a, b = ga["org"], ga["partner"]
        x, y = pa.get("org"), pa.get("partner")
        direct = entity_matches(x, a, aliases) and entity_matches(y, b, aliases)
        swapped = entity_matches(x, b, aliases) and entity_matches(y, a, aliases)
        return (direct or swapped) and status_key_ok(t, pred, gold)
    for role in KEY_ARGS[t]:
        if role in ga and not arg_matches(role, pa.get(role), ga[role], aliases):
            return False
    return status_key_ok(t, pred, gold)


def time_ok(pred: dict, gold: dict) -> bool | None:
    gt = gold.get("time") or {}
    pt = pred.get("time") or {}
    if gt.get("unresolved"):
        return pt.get("start") is None and pt.get("end") is None
    if not gt.get("start") and not gt.get("end"):
        return None
    approx = bool(gt.get("approx"))
    return all(time_field_ok(pt.get(f), gt[f], approx) for f in ("start", "end") if gt.get(f))


def status_ok(pred: dict, gold: dict) -> bool | None:
    if gold.get("status") is None:
        return None
    return canon_status(pred.get("status")) == gold["status"]


def assign(case: Case, preds: list[dict]) -> dict[int, int]:
    """expected index -> prediction index, best-scoring pairs first (as the scorer does)."""
    pairs = []
    for gi, g in enumerate(case.facts):
        for pi, p in enumerate(preds):
            if key_match(p, g, case.aliases):
                s = 1 + (time_ok(p, g) is not False) + (status_ok(p, g) is not False)
                pairs.append((s, gi, pi))
    pairs.sort(key=lambda x: -x[0])
    g_used: dict[int, int] = {}
    p_used: set[int] = set()
    for _, gi, pi in pairs:
        if gi in g_used or pi in p_used:
            continue
        g_used[gi] = pi
        p_used.add(pi)
    return g_used


# ---------------------------------------------------------------- reporting helpers

def show_pred(p: dict) -> str:
    t = p.get("time") or {}
    when = ""
    if t.get("start") or t.get("end") or t.get("unresolved"):
        when = f" time={t.get('start')}..{t.get('end')}" + (f" unresolved={t['unresolved']!r}" if t.get("unresolved") else "")
    return (f"{p['type']} {json.dumps(p['args'], ensure_ascii=False)} status={p.get('status')}{when}"
            f"\n        evidence: {p['evidence']['text']!r}")


def show_gold(g: dict) -> str:
    t = g.get("time")
    return (f"{g['type']} {json.dumps(g['args'], ensure_ascii=False)} status={g.get('status')}"
            + (f" time={json.dumps(t)}" if t else "") + f"\n    note: {g.get('note', '')}")


def _fact_id(name: str, i: int, g: dict) -> str:
    keys = [g["args"].get(k) for k in KEY_ARGS[g["type"]] if k in g["args"]]
    short = ",".join(str(as_list(k)[0]) for k in keys)
    if g["type"] in STATUS_KEYED:
        short += f",{g.get('status')}"
    return f"{name}:{i:02d}:{g['type']}({short})"


EXPECTED = [(n, i) for n in ENGLISH for i, g in enumerate(CASES[n].facts) if not g.get("optional")]
EXPECTED_IDS = [_fact_id(n, i, CASES[n].facts[i]) for n, i in EXPECTED]

# ---------------------------------------------------------------- known gaps
# The annotations say what a careful reader gets; the tool does not get all of it yet.
# known_gaps.json lists, by id, every expected fact it still misses or gets wrong, every
# prediction no annotation backs, and every non-key field it gets wrong.  It is a ratchet:
# a new failure fails the suite, and so does a listed gap that has been fixed (take it off
# the list with `python tests/golden/update_known_gaps.py`, and look at the diff).
KNOWN_GAPS_FILE = GOLDEN / "known_gaps.json"
KNOWN_GAPS = json.loads(KNOWN_GAPS_FILE.read_text(encoding="utf-8")) if KNOWN_GAPS_FILE.exists() else {}
# The floor under the whole set (the scorer's key match, strict = time and status right too).
# Set just under what the pattern engine (issue 10) measures; the regex engine before it
# read these very sentences better, having been written for them, and read unseen news at
# half that rate, so the floors guard against regressions, they are not a target to fit.
MIN_RECALL, MIN_STRICT_RECALL, MIN_PRECISION = 0.72, 0.60, 0.82


def _expected_params():
    missing = set(KNOWN_GAPS.get("missing", []))
    return [pytest.param(n, i, id=fid, marks=[pytest.mark.xfail(strict=True, reason="known gap (known_gaps.json)")]
                         if fid in missing else [])
            for (n, i), fid in zip(EXPECTED, EXPECTED_IDS)]


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def nlp():
    from newsledger.nlp import load
    return load()


@pytest.fixture(scope="module")
def extracted(nlp):
    """name -> (facts as Fact objects, facts as JSON dicts, expected->prediction assignment)."""
    cache: dict[str, tuple] = {}

    def get(name: str):
        if name not in cache:
            case = CASES[name]
            ex = extract_document(Document(name, case.text, published=case.published), nlp)
            preds = [f.to_json() for f in ex.facts]
            cache[name] = (ex.facts, preds, assign(case, preds))
        return cache[name]
    return get


# ---------------------------------------------------------------- tests

def test_golden_set_is_well_formed():
    assert len(ENGLISH) >= 18
    for name, case in CASES.items():
        assert 80 <= len(case.text.split()) <= 250, name
        for g in case.facts:
            assert g["type"] in KEY_ARGS, (name, g)
            assert all(k in g["args"] for k in KEY_ARGS[g["type"]] if k != "value" or g["type"] == "metric"), (name, g)
            assert g.get("status") in (None, "actual", "planned", "target", "cancelled", "negated", "former"), (name, g)
            for f in ("start", "end"):
                v = (g.get("time") or {}).get(f)
                assert v is None or parse_date(v), (name, g)


@pytest.mark.parametrize("name,index", _expected_params())
def test_expected_fact(extracted, name, index):
    case = CASES[name]
    gold = case.facts[index]
    _, preds, assignment = extracted(name)
    if index not in assignment:
        same_type = [p for p in preds if p["type"] == gold["type"]]
        keyed = [p for p in same_type if key_match(p, gold, case.aliases)]
        lines = [f"MISSING in {name}: expected {show_gold(gold)}"]
        if keyed:
            lines.append("  key-matching predictions were all used for other expected facts:")
            lines += [f"    - {show_pred(p)}" for p in keyed]
        elif same_type:
            lines.append(f"  the tool's {gold['type']} facts in this article:")
            lines += [f"    - {show_pred(p)}" for p in same_type]
        else:
            lines.append(f"  the tool produced no {gold['type']} facts in this article")
        pytest.fail("\n".join(lines), pytrace=False)
    pred = preds[assignment[index]]
    problems = []
    if time_ok(pred, gold) is False:
        problems.append(f"time: expected {json.dumps(gold.get('time'))}, got {json.dumps(pred.get('time'))}")
    if status_ok(pred, gold) is False:
        problems.append(f"status: expected {gold['status']}, got {pred.get('status')}")
    if problems:
        pytest.fail(f"WRONG in {name}: " + "; ".join(problems)
                    + f"\n  expected {show_gold(gold)}\n  predicted {show_pred(pred)}", pytrace=False)


def unexpected_keys(case: Case, preds: list[dict]) -> list[str]:
    """Short ids of the predictions that match no expected fact on type and key args."""
    return sorted({f"{p['type']} {json.dumps(p['args'], ensure_ascii=False, sort_keys=True)} {p.get('status')}"
                   for p in preds if not any(key_match(p, g, case.aliases) for g in case.facts)})


def _ratchet(kind: str, name: str, found: list[str], explain: dict[str, str]) -> None:
    known = set(KNOWN_GAPS.get(kind, {}).get(name, []))
    new = [k for k in found if k not in known]
    fixed = sorted(known - set(found))
    lines = []
    if new:
        lines.append(f"{len(new)} new {kind} in {name}:")
        lines += [f"  + {explain.get(k, k)}" for k in new]
    if fixed:
        lines.append(f"{len(fixed)} listed {kind} in {name} no longer happen; run tests/golden/update_known_gaps.py:")
        lines += [f"  - {k}" for k in fixed]
    if lines:
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.mark.parametrize("name", ENGLISH)
def test_no_unexpected_facts(extracted, name):
    case = CASES[name]
    _, preds, _ = extracted(name)
    keys = unexpected_keys(case, preds)
    explain = {f"{p['type']} {json.dumps(p['args'], ensure_ascii=False, sort_keys=True)} {p.get('status')}": show_pred(p)
               for p in preds}
    _ratchet("unexpected", name, keys, explain)


def _detail_problems(case: Case, gold: dict, pred: dict) -> list[str]:
    ga, pa, out = gold["args"], pred.get("args") or {}, []
    for field in ("change_pct", "count"):
        if field in ga and not arg_matches("value", pa.get(field), ga[field], {}):
            out.append(f"{field}: expected {ga[field]}, got {pa.get(field)}")
    if "unit" in ga and str(pa.get("unit") or "").casefold() not in {str(u).casefold() for u in as_list(ga["unit"])}:
        out.append(f"unit: expected {ga['unit']}, got {pa.get('unit')}")
    if "scope" in ga:
        g, p = norm_text(ga["scope"]), norm_text(pa.get("scope") or "")
        world = {"worldwide", "global", "world", "globally"}
        if not p or not (g in p or p in g or (g in world and p in world)):
            out.append(f"scope: expected {ga['scope']!r}, got {pa.get('scope')!r}")
    for field in ("share", "ownership"):
        if field in ga and canon_share(pa.get(field)) != canon_share(ga[field]):
            out.append(f"{field}: expected {ga[field]!r}, got {pa.get(field)!r}")
    if "by" in ga:
        got = [b for b in as_list(pa.get("by")) if b]
        if not got or not all(entity_matches(b, ga["by"], case.aliases) for b in got):
            out.append(f"by: expected {ga['by']}, got {pa.get('by')}")
    if gold.get("attributed_to") and not entity_matches(pred.get("attributed_to"), gold["attributed_to"], {}):
        out.append(f"attributed_to: expected {gold['attributed_to']!r}, got {pred.get('attributed_to')!r}")
    return out


def detail_problems(case: Case, preds: list[dict], assignment: dict[int, int]) -> dict[str, str]:
    """'fact id: field problem' -> the prediction it was found on."""
    out = {}
    for gi, pi in sorted(assignment.items()):
        for problem in _detail_problems(case, case.facts[gi], preds[pi]):
            out[f"{_fact_id(case.name, gi, case.facts[gi])}: {problem}"] = show_pred(preds[pi])
    return out


@pytest.mark.parametrize("name", ENGLISH)
def test_fact_details(extracted, name):
    case = CASES[name]
    _, preds, assignment = extracted(name)
    problems = detail_problems(case, preds, assignment)
    _ratchet("details", name, sorted(problems), {k: f"{k}\n      predicted {v}" for k, v in problems.items()})


def golden_scores(extracted) -> dict[str, float]:
    """Recall (key match), strict recall (time and status too) and precision over the set."""
    expected = matched = strict = predicted = backed = 0
    for name in ENGLISH:
        case = CASES[name]
        _, preds, assignment = extracted(name)
        for gi, g in enumerate(case.facts):
            if g.get("optional"):
                continue
            expected += 1
            if gi in assignment:
                matched += 1
                p = preds[assignment[gi]]
                strict += time_ok(p, g) is not False and status_ok(p, g) is not False
        predicted += len(preds)
        backed += len(preds) - len(unexpected_keys(case, preds))
    return {"recall": matched / expected, "strict_recall": strict / expected,
            "precision": backed / predicted if predicted else 0.0}


def test_golden_set_scores(extracted):
    scores = golden_scores(extracted)
    assert scores["recall"] >= MIN_RECALL, scores
    assert scores["strict_recall"] >= MIN_STRICT_RECALL, scores
    assert scores["precision"] >= MIN_PRECISION, scores


@pytest.mark.parametrize("name", ENGLISH)
def test_evidence_is_verbatim(extracted, name):
    text = CASES[name].text
    facts, _, _ = extracted(name)
    bad = [f for f in facts if f.evidence.text != text[f.evidence.start:f.evidence.end]]
    assert not bad, [(f.type, f.evidence.start, f.evidence.end, f.evidence.text) for f in bad]


@pytest.mark.parametrize("name", sorted(CASES))
def test_language(name):
    case = CASES[name]
    got = detect_language(case.text)
    if case.language == "en":
        assert got == "en"
    else:
        assert got != "en", f"{name} is {case.language} but reads as English: the pipeline would not skip it"


def test_near_copies_share_one_origin():
    from newsledger.reconcile import origin_groups
    pairs = {tuple(sorted((n, c.near_copy_of))) for n, c in CASES.items() if c.near_copy_of}
    assert pairs
    docs = {n: Document(n, c.text, published=c.published) for n, c in CASES.items()}
    origins = origin_groups(docs)
    for a, b in pairs:
        assert origins[a] == origins[b], (a, b, origins[a], origins[b])
        shared = sorted(n for n, o in origins.items() if o == origins[a])
        assert shared == [a, b], shared
