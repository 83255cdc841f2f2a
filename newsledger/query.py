"""Ask the ledger: an entity's profile, its timeline, its structure at a date, what changed.

Pure functions over a `Store`: they read, never write, and keep no state, so the
CLI, the `Ledger` methods and the web app all give the same answers.  Every answer
is made of JSON-ready dicts, and every statement in it lists its sources (document,
outlet, publication date and the quoted evidence with its offsets).

Dates given to these functions are `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`QueryError`
otherwise).  Fact times may also be `YYYY-Qn` / `YYYY-Hn`.

How `org_at(store, name, date)` decides what holds at DATE
----------------------------------------------------------
1. A date stands for its first day: "2025" is 2025-01-01, "2025-06" is 2025-06-01,
   both for the DATE asked about and for the times facts carry.  So a change the news
   dates "June 2025" is applied from 2025-06-01 on.
2. An `actual` fact holds from its start time; with no time, from its document's
   publication date (that is when the ledger first knows it).  It holds until its
   end time, if it has one.  With neither time nor publication date it holds always.
3. A `former` fact holds from its start time (unknown start: from the earliest start
   of the same tie in another source, else from the beginning) until its end time,
   or, with no end time, until its document's publication date.
4. A `planned` fact holds from its stated start time (a plant to be run from 2026-07
   is not counted before 2026-07-01).  A planned fact with no date holds only after
   its document's publication date (from the next day) and is shown as planned.
5. `negated`, `cancelled` and `target` facts never make a tie hold.
6. One tie (say Voltaro unit of Valdora Motors) stated by several articles holds from
   the earliest start any of them gives until the earliest end any of them gives.  An
   actual `founded` date of a unit is a start too.
7. A unit, subsidiary, joint venture, plant or held company that is `closed` or
   `merged_into` something is gone from that event's date on, when the event is
   `actual` (no date: from the publication date) or `planned` with a date.  A planned
   closure without a date removes nothing.  If the entity itself is closed or merged,
   nothing of its structure holds from then on.  A tie known only from an article
   published after such an event (no stated start) held before the event, from an
   unknown start.
8. A newer holder replaces the old one: a CEO (chair, CFO, ...: single-holder roles)
   starting at T ends the tenure of another person in that role at T, and a new stake
   share of one owner in one company ends the old share.

The result lists units (part_of, forms unit/division), subsidiaries (part_of
subsidiary, completed acquisitions), joint ventures, parents, stakes held, owners,
facilities run (operates) and people in roles (position); units carry their own
units one level down.  Each item says since when it holds (and on what basis: a
stated date or a publication date), until when if an end is known, whether it is
actual or only planned, and its sources.

Timeline lines
--------------
Dated lines come first in date order (on one date: ends, starts, events, figures);
a tie with a start and an end gives two lines
(`start`, `end`), an event one (`event`), a metric one at its period (`figure`).
Lines come from claims when claims exist, so one line lists every article stating
it (with any conflict between them); facts no claim covers give one line each.
Undated lines follow, marked `undated`; with a `--from`/`--to` filter they are left
out (they cannot be placed in the range).  A line is inside the range when its
period overlaps it.  Events of the entity's units (founded, closed, merged...) are
included and marked `via` the unit.
"""
from __future__ import annotations

import calendar
import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, Mapping

from . import search_syntax
from .errors import EntityNotFound, QueryError
from .models import Claim, Document, Entity, Fact, TimeSpan
from .store import Store, alias_key

__all__ = [
    "QueryError", "EntityNotFound", "parse_date", "date_range", "entity_profile", "timeline",
    "org_at", "diff", "search", "claims", "conflicts", "describe", "suggest_names", "overview",
    "ORG_CATEGORIES",
]


# ------------------------------------------------------------------------------ dates

_QUERY_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_FACT_DATE = re.compile(r"(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|([QqHh])([1-4])))?")


def parse_date(value: str | dt.date | None, *, what: str = "date") -> tuple[dt.date, dt.date]:
    """A query date (YYYY, YYYY-MM or YYYY-MM-DD) as the (first, last) day it covers."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value, value
    text = (value or "").strip()
    m = _QUERY_DATE.fullmatch(text)
    if not m:
        raise QueryError(f"bad {what} {_short(text)!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        return _span(int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    except ValueError:
        raise QueryError(f"bad {what} {_short(text)!r}: no such date") from None


def date_range(date_from: str | None, date_to: str | None
               ) -> tuple[dt.date | None, dt.date | None]:
    """(first day of FROM, last day of TO), either None when not given; the same check
    for every question that takes two dates: FROM may not come after TO."""
    lo = parse_date(date_from, what="'from' date")[0] if date_from else None
    hi = parse_date(date_to, what="'to' date")[1] if date_to else None
    if lo and hi and lo > hi:
        raise QueryError(f"the 'from' date {date_from} is after the 'to' date {date_to}")
    return lo, hi


def _span(y: int, m: int | None, d: int | None) -> tuple[dt.date, dt.date]:
    if y < 1:
        raise ValueError("year 0")
    if m is None:
        return dt.date(y, 1, 1), dt.date(y, 12, 31)
    if d is None:
        return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    day = dt.date(y, m, d)
    return day, day


def fact_period(value: str | None) -> tuple[dt.date, dt.date] | None:
    """A fact time string (also YYYY-Qn, YYYY-Hn) as (first, last) day; None if unreadable."""
    if not value:
        return None
    m = _FACT_DATE.fullmatch(str(value).strip())
    if not m:
        return None
    try:
        y = int(m[1])
        if m[4]:
            size = 3 if m[4] in "Qq" else 6
            n = int(m[5])
            if size == 6 and n > 2:
                return None
            first = (n - 1) * size + 1
            last = first + size - 1
            return dt.date(y, first, 1), dt.date(y, last, calendar.monthrange(y, last)[1])
        return _span(y, int(m[2]) if m[2] else None, int(m[3]) if m[3] else None)
    except ValueError:
        return None


def _first(value: str | None) -> dt.date | None:
    p = fact_period(value)
    return p[0] if p else None


def _published(doc: Document | None) -> dt.date | None:
    if doc is None or not doc.published:
        return None
    p = fact_period(doc.published[:10])
    return p[0] if p else None


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


# ------------------------------------------------------------------------ descriptions

_EVENT_TYPES = ("founded", "closed", "merged_into", "ipo", "merger", "acquisition", "job_cuts")
_TIE_TYPES = ("part_of", "stake", "position", "operates", "produces", "partner")


def _fmt_number(value: Any) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            return f"{int(value):,}"
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return str(value)


def describe(type_: str, args: Mapping[str, Any], status: str | None = None) -> str:
    """One readable line for a fact or claim ("Marta Lindqvist: CEO of Valdora Motors")."""
    a = {k: v for k, v in args.items() if v not in (None, "")}
    g = a.get
    if type_ == "part_of":
        form = str(g("form") or "part").replace("_", " ")
        text = f"{g('org')}: {form} of {g('parent')}"
        if g("ownership"):
            text += f" ({g('ownership')})"
    elif type_ == "stake":
        text = f"{g('owner')} holds {g('share') + ' ' if g('share') else 'a '}stake in {g('org')}"
    elif type_ == "position":
        text = f"{g('person')}: {g('role') or 'role'} of {g('org')}"
    elif type_ == "operates":
        text = f"{g('org')} operates {g('facility')}"
    elif type_ == "produces":
        text = f"{g('maker')} produces {g('product')}"
    elif type_ == "partner":
        text = f"{g('org')} partners with {g('partner')}"
    elif type_ == "founded":
        text = f"{g('org')} founded" + (f" by {g('by')}" if g("by") else "")
    elif type_ == "closed":
        text = f"{g('org')} closed"
    elif type_ == "merged_into":
        text = f"{g('org')} merged into {g('into')}"
    elif type_ == "ipo":
        text = f"{g('org')} IPO"
    elif type_ == "job_cuts":
        text = f"{g('org')} job cuts" + (f": {_fmt_number(g('count'))}" if g("count") else "")
    elif type_ == "metric":
        value = _fmt_number(g("value")) if "value" in a else "?"
        unit = g("unit")
        unit_text = "" if not unit else ("%" if unit == "%" else f" {unit}")
        text = f"{g('entity')} {str(g('measure') or 'figure').replace('_', ' ')}: {value}{unit_text}"
        extras = [str(g("scope"))] if g("scope") else []
        if g("change_pct") is not None and "change_pct" in a:
            extras.append(f"{_fmt_number(g('change_pct'))}% change")
        if g("qualifier"):
            extras.append(str(g("qualifier")))
        if extras:
            text += f" ({', '.join(extras)})"
    elif type_ == "acquisition":
        share = f" ({g('share')})" if g("share") else ""
        text = f"{g('acquirer')} acquires {g('target')}{share}"
    elif type_ == "merger":
        text = f"{g('org')} merges with {g('partner')}"
    else:
        text = f"{type_}: " + ", ".join(f"{k}={v}" for k, v in a.items())
    if status and status != "actual":
        text += f" [{status}]"
    return text


def _time_text(t: TimeSpan | Mapping[str, Any] | None) -> str:
    if t is None:
        return ""
    start, end = (t.start, t.end) if isinstance(t, TimeSpan) else (t.get("start"), t.get("end"))
    if start and end:
        return f"{start} – {end}"
    if end:
        return f"until {end}"
    return start or ""


# -------------------------------------------------------------------------- entities

def _entity(store: Store, name: str) -> Entity:
    if not isinstance(name, str) or not name.strip():
        raise EntityNotFound("no entity name given")
    found = store.find_entity(name)
    if found is None:
        near = suggest_names(store, name)
        hint = f" (did you mean: {', '.join(near)}?)" if near else ""
        raise EntityNotFound(f"no entity named {_short(name, 80)!r}{hint}", near)
    return found


def suggest_names(store: Store, name: str, limit: int = 5) -> list[str]:
    """Entity names close to NAME: names containing it first ("Orbis" -> "Orbis Group"),
    then near spellings of any name or alias ("Renualt" -> "Renault")."""
    needle = " ".join(name.casefold().split())
    if not needle:
        return []
    owner: dict[str, str] = {}                  # folded name or alias -> canonical name
    for e in sorted(store.entities(), key=lambda e: e.name.casefold()):
        for n in [e.name, *e.aliases]:
            owner.setdefault(" ".join(n.casefold().split()), e.name)
    containing = [owner[n] for n in owner if needle in n]
    close = [owner[n] for n in difflib.get_close_matches(needle, list(owner), n=limit * 2,
                                                         cutoff=0.6)]
    return list(dict.fromkeys([*containing, *close]))[:limit]


class _Names:
    """Is this fact argument the entity?  (Its canonical name or any alias.)"""

    def __init__(self, entity: Entity):
        self.entity = entity
        self.keys = {alias_key(a) for a in [entity.name, *entity.aliases]}

    def __contains__(self, value: Any) -> bool:
        return isinstance(value, str) and alias_key(value) in self.keys


# ---------------------------------------------------------------------------- sources

@dataclass
class _Docs:
    """Documents by id, fetched once per question."""
    store: Store
    cache: dict[str, Document | None] = field(default_factory=dict)

    def get(self, doc_id: str) -> Document | None:
        if doc_id not in self.cache:
            self.cache[doc_id] = self.store.get_document_by_id(doc_id)
        return self.cache[doc_id]

    def prefetch(self, doc_ids: Iterable[str]) -> None:
        missing = {d for d in doc_ids if d not in self.cache}
        if missing:
            found = {d.doc_id: d for d in self.store.documents(missing)}
            for d in missing:
                self.cache[d] = found.get(d)


def _source_json(doc_id: str, evidence: Any, docs: _Docs, *, outlet: str | None = None,
                 fact_id: str | None = None, status: str | None = None,
                 time: TimeSpan | None = None) -> dict[str, Any]:
    doc = docs.get(doc_id)
    out = {
        "doc_id": doc_id,
        "title": doc.title if doc else None,
        "outlet": outlet or (doc.outlet if doc else None),
        "published": doc.published if doc else None,
        "evidence": evidence.to_json(),
    }
    if fact_id:
        out["fact_id"] = fact_id
    if status is not None:
        out["status"] = status
    if time is not None and not time.is_empty():
        out["time"] = time.to_json()
    return out


def _fact_sources(fact: Fact, docs: _Docs) -> list[dict[str, Any]]:
    return [_source_json(fact.doc_id, fact.evidence, docs, fact_id=fact.fact_id,
                         status=fact.status, time=fact.time)]


def _claim_sources(claim: Claim, docs: _Docs) -> list[dict[str, Any]]:
    return [_source_json(s.doc_id, s.evidence, docs, outlet=s.outlet, fact_id=s.fact_id,
                         status=s.status, time=s.time) for s in claim.sources]


def _conflicts_json(claim: Claim, docs: _Docs) -> list[dict[str, Any]]:
    """The claim's conflicts, each value with the sources (quotes, outlets) that give it."""
    out = []
    by_doc: dict[str, list[Any]] = {}
    for s in claim.sources:
        by_doc.setdefault(s.doc_id, []).append(s)
    for c in claim.conflicts:
        values = []
        for v in c.values:
            srcs = []
            for doc_id in v.get("doc_ids", []):
                for s in by_doc.get(doc_id, []) or [None]:
                    if s is None:
                        doc = docs.get(doc_id)
                        srcs.append({"doc_id": doc_id, "outlet": doc.outlet if doc else None,
                                     "published": doc.published if doc else None,
                                     "title": doc.title if doc else None, "evidence": None})
                    else:
                        srcs.append(_source_json(s.doc_id, s.evidence, docs, outlet=s.outlet,
                                                 fact_id=s.fact_id, status=s.status,
                                                 time=s.time))
            values.append({"value": v.get("value"), "value_text": _value_text(c.field, v.get("value")),
                           "doc_ids": list(v.get("doc_ids", [])), "sources": srcs})
        out.append({"field": c.field, "values": values})
    return out


def _value_text(field_name: str, value: Any) -> str:
    if isinstance(value, Mapping):
        if field_name == "time" or set(value) <= {"start", "end", "approx", "unresolved"}:
            return _time_text(value) or "no date"
        return ", ".join(f"{k}: {_fmt_number(v)}" for k, v in value.items())
    if value is None:
        return "none"
    return _fmt_number(value)


# --------------------------------------------------------------------- statements

@dataclass
class _Statement:
    """A claim, or a fact no claim covers: what timeline and profile lines are made of."""
    type: str
    args: dict[str, Any]
    time: TimeSpan
    status: str | None
    sources: list[dict[str, Any]]
    claim_id: str | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    independent_sources: int = 1

    def base(self) -> dict[str, Any]:
        return {
            "type": self.type, "args": self.args, "status": self.status,
            "time": self.time.to_json(), "summary": describe(self.type, self.args, self.status),
            "label": describe(self.type, self.args),
            "claim_id": self.claim_id, "sources": self.sources,
            "independent_sources": self.independent_sources, "conflicts": self.conflicts,
        }


def _claim_time(claim: Claim) -> TimeSpan:
    """The claim's time; for a tie (a tenure...) a missing start or end is taken from its
    sources, so "CEO since 2016" and "stepped down in 2024-02" make one 2016 - 2024-02."""
    t = claim.time
    if claim.type not in _TIE_TYPES or (t.start and t.end):
        return t
    starts = [s.time.start for s in claim.sources if _first(s.time.start)]
    ends = [s.time.end for s in claim.sources if _first(s.time.end)]
    start = t.start or min(starts, key=_first, default=None)
    end = t.end or min(ends, key=_first, default=None)
    if start and end and _first(start) > _first(end):
        return t                                # sources that cannot both be right: keep it
    return TimeSpan(start, end, t.approx, t.text, t.resolved)


def _statements(store: Store, names: Iterable[str], docs: _Docs) -> list[_Statement]:
    """Claims about any of `names`, plus the facts about them that no claim covers."""
    out: list[_Statement] = []
    seen_claims: set[str] = set()
    covered: set[str] = set()
    facts: dict[str, Fact] = {}
    claims: list[Claim] = []
    for name in names:
        for claim in store.claims(entity=name):
            if claim.claim_id not in seen_claims:
                seen_claims.add(claim.claim_id)
                claims.append(claim)
        for fact in store.facts(entity=name):
            facts.setdefault(fact.fact_id, fact)
    docs.prefetch({s.doc_id for c in claims for s in c.sources} | {f.doc_id for f in facts.values()})
    for claim in claims:
        covered.update(s.fact_id for s in claim.sources)
        out.append(_Statement(claim.type, dict(claim.args), _claim_time(claim), claim.status,
                              _claim_sources(claim, docs), claim.claim_id,
                              _conflicts_json(claim, docs), claim.independent_sources))
    for fact in facts.values():
        if fact.fact_id not in covered:
            out.append(_Statement(fact.type, dict(fact.args), fact.time, fact.status,
                                  _fact_sources(fact, docs)))
    return out


# --------------------------------------------------------------------------- timeline

_KIND_ORDER = {"end": 0, "start": 1, "event": 2, "figure": 3, "fact": 4}   # leaver before joiner


def _lines_of(st: _Statement) -> list[dict[str, Any]]:
    """The timeline lines one statement gives: start/end of a tie, an event, a figure."""
    start, end = st.time.start, st.time.end
    start_ok, end_ok = fact_period(start) is not None, fact_period(end) is not None
    lines = []

    def line(date: str | None, kind: str) -> dict[str, Any]:
        d = st.base()
        d.update({"date": date, "kind": kind, "undated": date is None})
        return d

    if st.type in _TIE_TYPES:
        if start_ok:
            lines.append(line(start, "start"))
        if end_ok:
            lines.append(line(end, "end"))
        if not lines:
            lines.append(line(None, "fact"))
    elif st.type == "metric":
        lines.append(line(start if start_ok else (end if end_ok else None), "figure"))
    else:
        lines.append(line(start if start_ok else (end if end_ok else None), "event"))
    return lines


def _line_order(line: dict[str, Any]) -> tuple:
    p = fact_period(line["date"]) if line["date"] else None
    return (p is None, p[0] if p else dt.date.max, p[1] if p else dt.date.max,
            _KIND_ORDER.get(line["kind"], 9), line["type"], line["summary"],
            line.get("claim_id") or "")


def _units_ever(store: Store, names: _Names) -> list[str]:
    """Every unit, subsidiary or joint venture the entity has ever been said to have."""
    out = []
    for f in store.facts(entity=names.entity.name, type="part_of"):
        if f.args.get("parent") in names and isinstance(f.args.get("org"), str):
            if f.args["org"] not in out and f.args["org"] not in names:
                out.append(f.args["org"])
    return out


def timeline(store: Store, name: str, date_from: str | None = None,
             date_to: str | None = None) -> dict[str, Any]:
    """Dated events and changes involving the entity (and its units), in date order.

    Returns {"entity", "from", "to", "lines": [...]}; each line has date, kind
    (start/end/event/figure/fact), type, summary, status, time, sources (doc_id,
    outlet, published, evidence), conflicts and `undated`.
    """
    entity = _entity(store, name)
    lo, hi = date_range(date_from, date_to)
    names = _Names(entity)
    docs = _Docs(store)
    lines = []
    for st in _statements(store, [entity.name], docs):
        lines.extend(_lines_of(st))
    for unit in _units_ever(store, names):
        for st in _statements(store, [unit], docs):
            if st.type not in _EVENT_TYPES:
                continue
            if any(v in names for v in st.args.values()):
                continue                     # already listed as the entity's own
            for ln in _lines_of(st):
                ln["via"] = unit
                lines.append(ln)
    if lo or hi:
        kept = []
        for ln in lines:
            p = fact_period(ln["date"]) if ln["date"] else None
            if p is None:
                continue
            if (lo is None or p[1] >= lo) and (hi is None or p[0] <= hi):
                kept.append(ln)
        lines = kept
    lines.sort(key=_line_order)
    return {"entity": entity.name, "entity_type": entity.type, "from": date_from,
            "to": date_to, "lines": lines}


# ----------------------------------------------------------------------------- profile

def entity_profile(store: Store, name: str) -> dict[str, Any]:
    """Type, aliases, key facts grouped by type (claims first-hand) and the sources."""
    entity = _entity(store, name)
    docs = _Docs(store)
    statements = _statements(store, [entity.name], docs)
    groups: dict[str, list[dict[str, Any]]] = {}
    source_count: dict[str, int] = {}
    conflicts = 0
    for st in sorted(statements, key=lambda s: (s.type, _first(s.time.start) or dt.date.max,
                                                describe(s.type, s.args))):
        line = st.base()
        line["time_text"] = _time_text(st.time)
        groups.setdefault(st.type, []).append(line)
        conflicts += len(st.conflicts)
        for s in st.sources:
            source_count[s["doc_id"]] = source_count.get(s["doc_id"], 0) + 1
    sources = []
    for doc_id, n in source_count.items():
        doc = docs.get(doc_id)
        sources.append({"doc_id": doc_id, "title": doc.title if doc else None,
                        "outlet": doc.outlet if doc else None,
                        "published": doc.published if doc else None, "facts": n})
    sources.sort(key=lambda s: (s["published"] or "9999", s["doc_id"]))
    out = entity.to_json()
    out.update({"facts": groups, "sources": sources, "conflicts": conflicts,
                "counts": {t: len(v) for t, v in groups.items()}})
    return out


# ---------------------------------------------------------------------------- org_at

ORG_CATEGORIES = ("parents", "owners", "units", "subsidiaries", "joint_ventures", "stakes",
                  "facilities", "people")
SINGLE_HOLDER_ROLES = {"ceo", "chief executive", "chief executive officer", "chair",
                       "chairman", "chairwoman", "chairperson", "president", "cfo", "coo",
                       "cto", "cpo", "cio", "cmo", "managing director"}
_FOREVER = dt.date.max
_DAWN = dt.date.min


@dataclass
class _Support:
    fact: Fact
    start: dt.date          # _DAWN: unknown start (holds from the beginning)
    start_label: str | None
    start_basis: str        # stated | published | unknown
    end: dt.date            # _FOREVER: no known end
    end_label: str | None
    planned: bool


@dataclass
class _Tie:
    category: str
    name: str
    detail: dict[str, Any]
    supports: list[_Support] = field(default_factory=list)
    start: dt.date = _FOREVER
    start_label: str | None = None
    start_basis: str = "unknown"
    end: dt.date = _FOREVER
    end_label: str | None = None
    end_basis: str | None = None
    planned: bool = False


def _support(fact: Fact, doc: Document | None) -> _Support | None:
    """When one fact makes its tie hold (rules 2-5 of the module doc); None: never."""
    status = fact.status or "actual"
    if status in ("negated", "cancelled", "target"):
        return None
    pub = _published(doc)
    start = _first(fact.time.start)
    end = _first(fact.time.end)
    s_label, basis = fact.time.start, "stated"
    if status == "planned":
        if start is None:
            if pub is None:
                return None
            start = pub + dt.timedelta(days=1)
            s_label, basis = start.isoformat(), "day after publication"
    elif status == "former":
        if start is None:
            start, s_label, basis = _DAWN, None, "unknown"
        if end is None:
            if pub is None:
                return None
            end = pub
            return _Support(fact, start, s_label, basis, end, doc.published, False)
    else:                                       # actual (or no status)
        if start is None:
            if pub is None:
                start, s_label, basis = _DAWN, None, "unknown"
            else:
                start, s_label, basis = pub, doc.published, "published"
    return _Support(fact, start, s_label, basis, end or _FOREVER,
                    fact.time.end if end else None, status == "planned")


def _removal(store: Store, name: str, docs: _Docs,
             cache: dict[str, tuple[dt.date, str, str] | None]) -> tuple[dt.date, str, str] | None:
    """(date, label, how) from which `name` is gone (closed or merged away), if ever (rule 7)."""
    key = alias_key(name)
    if key in cache:
        return cache[key]
    best: tuple[dt.date, str, str] | None = None
    found = store.find_entity(name)
    if found is not None:
        names = _Names(found)
        for fact in store.facts(entity=name):
            if fact.type not in ("closed", "merged_into") or fact.args.get("org") not in names:
                continue
            status = fact.status or "actual"
            when = _first(fact.time.start)
            label = fact.time.start
            if status == "actual":
                if when is None:
                    doc = docs.get(fact.doc_id)
                    when, label = _published(doc), doc.published if doc else None
            elif status != "planned" or when is None:
                continue
            if when is None:
                continue
            how = "closed" if fact.type == "closed" else f"merged into {fact.args.get('into')}"
            if status == "planned":
                how += " (planned)"
            if best is None or when < best[0]:
                best = (when, label or when.isoformat(), how)
    cache[key] = best
    return best


def _founded(store: Store, name: str) -> tuple[dt.date, str] | None:
    """The earliest actual founding date stated for `name`."""
    found = store.find_entity(name)
    if found is None:
        return None
    names, best = _Names(found), None
    for f in store.facts(entity=name, type="founded"):
        if f.args.get("org") in names and (f.status or "actual") == "actual":
            d = _first(f.time.start)
            if d and (best is None or d < best[0]):
                best = (d, f.time.start)
    return best


def _ties(store: Store, entity: Entity, docs: _Docs) -> list[_Tie]:
    """Every tie the entity has at any time, with the facts supporting each."""
    names = _Names(entity)
    ties: dict[tuple, _Tie] = {}
    facts = store.facts(entity=entity.name)
    docs.prefetch({f.doc_id for f in facts})

    def add(category: str, other: Any, detail: dict[str, Any], key_extra: Any, fact: Fact) -> None:
        if not isinstance(other, str) or not other.strip() or other in names:
            return
        sup = _support(fact, docs.get(fact.doc_id))
        if sup is None:
            return
        key = (category, alias_key(other), key_extra)
        tie = ties.setdefault(key, _Tie(category, other, dict(detail)))
        for k, v in detail.items():
            tie.detail.setdefault(k, v)
        tie.supports.append(sup)

    for f in facts:
        a, t = f.args, f.type
        if t == "part_of":
            form = str(a.get("form") or "unit").lower()
            if a.get("org") in names:
                add("parents", a.get("parent"), {"form": form}, None, f)
            elif a.get("parent") in names:
                cat = {"subsidiary": "subsidiaries", "joint_venture": "joint_ventures"}.get(form, "units")
                add(cat, a.get("org"), {"form": form}, None, f)
        elif t == "stake":
            share = a.get("share")
            if a.get("owner") in names:
                add("stakes", a.get("org"), {"share": share}, str(share).casefold(), f)
            elif a.get("org") in names:
                add("owners", a.get("owner"), {"share": share}, str(share).casefold(), f)
        elif t == "operates" and a.get("org") in names:
            add("facilities", a.get("facility"), {}, None, f)
        elif t == "position" and a.get("org") in names:
            role = a.get("role") or "role"
            add("people", a.get("person"), {"role": role}, str(role).casefold(), f)
        elif t == "acquisition" and a.get("acquirer") in names and (f.status or "actual") in ("actual", "planned"):
            detail = {"form": "subsidiary", "via": "acquisition"}
            if a.get("share"):
                detail["share"] = a.get("share")
            add("subsidiaries", a.get("target"), detail, None, f)

    # a unit named as both unit and subsidiary: one tie, the most specific category wins
    rank = {"joint_ventures": 0, "subsidiaries": 1, "units": 2}
    merged: dict[tuple, _Tie] = {}
    for key, tie in ties.items():
        if tie.category in rank:
            k2 = ("org_child", key[1], None)
            other = merged.get(k2)
            if other is None:
                merged[k2] = tie
            else:
                keep, drop = (tie, other) if rank[tie.category] < rank[other.category] else (other, tie)
                keep.supports.extend(drop.supports)
                for k, v in drop.detail.items():
                    keep.detail.setdefault(k, v)
                merged[k2] = keep
        else:
            merged[key] = tie
    return list(merged.values())


def _settle(store: Store, entity: Entity, ties: list[_Tie], docs: _Docs,
            removals: dict[str, Any]) -> None:
    """Give every tie its start and end (rules 6-8)."""
    for tie in ties:
        # rule 3/6: the earliest start any source gives; a source that holds "always"
        # (no time, no publication date) wins; a former tie with no start only counts
        # as "from the beginning" when no other source gives a start
        known = [s for s in tie.supports if s.start != _DAWN]
        always = [s for s in tie.supports if s.start == _DAWN and s.fact.status != "former"]
        if always or not known:
            tie.start, tie.start_label, tie.start_basis = _DAWN, None, "unknown"
        else:
            first = min(known, key=lambda s: s.start)
            tie.start, tie.start_label, tie.start_basis = first.start, first.start_label, first.start_basis
        if tie.category in ("units", "subsidiaries", "joint_ventures"):
            f = _founded(store, tie.name)
            if f and f[0] < tie.start:
                tie.start, tie.start_label, tie.start_basis = f[0], f[1], "stated"
        ending = min(tie.supports, key=lambda s: s.end)
        if ending.end != _FOREVER:
            tie.end, tie.end_label = ending.end, ending.end_label
            tie.end_basis = "stated" if ending.fact.time.end else "published (former)"
        # planned only if no actual/former source makes it hold by the tie's start
        tie.planned = all(s.planned for s in tie.supports)
        if tie.category in ("units", "subsidiaries", "joint_ventures", "facilities", "stakes"):
            gone = _removal(store, tie.name, docs, removals)
            if gone and gone[0] < tie.end:
                tie.end, tie.end_label, tie.end_basis = gone[0], gone[1], gone[2]
            if gone and tie.start_basis == "published" and gone[0] <= tie.start:
                # a unit reported (undated) after it was shut down existed before that
                tie.start, tie.start_label, tie.start_basis = _DAWN, None, "unknown"

    # rule 8: a newer holder of a single-holder role (or a new share) ends the old one
    def identity(t: _Tie) -> tuple[str, str]:
        return alias_key(t.name), _role_key(t.detail.get("share"))

    def supersede(group: list[_Tie]) -> None:
        group.sort(key=lambda t: t.start)
        for i, old in enumerate(group):
            for new in group[i + 1:]:
                if new.start > old.start and identity(new) != identity(old):
                    if new.start < old.end:
                        old.end, old.end_label = new.start, new.start_label
                        old.end_basis = (f"succeeded by {new.name}" if old.category == "people"
                                         else f"new share {new.detail.get('share')}")
                    break

    roles: dict[str, list[_Tie]] = {}
    stakes: dict[tuple, list[_Tie]] = {}
    for tie in ties:
        if tie.category == "people" and _role_key(tie.detail.get("role")) in SINGLE_HOLDER_ROLES:
            roles.setdefault(_role_key(tie.detail.get("role")), []).append(tie)
        elif tie.category in ("stakes", "owners"):
            stakes.setdefault((tie.category, alias_key(tie.name)), []).append(tie)
    for group in [*roles.values(), *stakes.values()]:
        supersede(group)

    gone = _removal(store, entity.name, docs, removals)
    if gone:
        for tie in ties:
            if gone[0] < tie.end:
                tie.end, tie.end_label, tie.end_basis = gone[0], gone[1], f"{entity.name} {gone[2]}"


def _role_key(role: Any) -> str:
    return re.sub(r"\s+", " ", str(role or "")).strip().casefold()


def _label(d: dt.date, label: str | None) -> str | None:
    if d in (_DAWN, _FOREVER):
        return None
    return label or d.isoformat()


def _tie_json(tie: _Tie, docs: _Docs) -> dict[str, Any]:
    sources = []
    for s in sorted(tie.supports, key=lambda s: (s.fact.doc_id, s.fact.evidence.start)):
        sources.extend(_fact_sources(s.fact, docs))
    return {
        "category": tie.category, "name": tie.name, "detail": tie.detail,
        "since": _label(tie.start, tie.start_label), "since_basis": tie.start_basis,
        "until": _label(tie.end, tie.end_label), "until_basis": tie.end_basis,
        "status": "planned" if tie.planned else "actual",
        "sources": sources,
    }


def _structure(store: Store, entity: Entity, day: dt.date, docs: _Docs, removals: dict,
               depth: int, seen: set[str]) -> dict[str, list[dict[str, Any]]]:
    ties = _ties(store, entity, docs)
    _settle(store, entity, ties, docs, removals)
    out: dict[str, list[dict[str, Any]]] = {c: [] for c in ORG_CATEGORIES}
    for tie in ties:
        if not (tie.start <= day < tie.end):
            continue
        item = _tie_json(tie, docs)
        if depth > 0 and tie.category in ("units", "subsidiaries", "joint_ventures"):
            child = store.find_entity(tie.name)
            if child is not None and child.entity_id not in seen:
                sub = _structure(store, child, day, docs, removals, depth - 1,
                                 seen | {child.entity_id})
                item["units"] = [*sub["units"], *sub["subsidiaries"], *sub["joint_ventures"]]
        out[tie.category].append(item)
    for items in out.values():
        items.sort(key=lambda i: (i["name"].casefold(), str(i["detail"])))
    return out


def org_at(store: Store, name: str, date: str | dt.date) -> dict[str, Any]:
    """The entity's structure valid at DATE (see the module doc for the rules).

    Returns {"entity", "entity_type", "date", "as_of", "gone", <category>: [items]}
    with categories ORG_CATEGORIES; each item has name, detail (form/share/role),
    since, until, status (actual|planned) and sources.
    """
    entity = _entity(store, name)
    day = parse_date(date)[0]
    docs = _Docs(store)
    removals: dict[str, Any] = {}
    structure = _structure(store, entity, day, docs, removals, 1, {entity.entity_id})
    gone = _removal(store, entity.name, docs, removals)
    out: dict[str, Any] = {"entity": entity.name, "entity_type": entity.type,
                           "date": str(date), "as_of": day.isoformat(),
                           "gone": ({"since": gone[1], "how": gone[2]}
                                    if gone and gone[0] <= day else None)}
    out.update(structure)
    return out


def org_items(org: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any], str | None]]:
    """(category, item, parent unit name) for every item of an `org_at` answer, each unit
    followed by its own units."""
    def walk(item: Mapping[str, Any], category: str, parent: str | None) -> Iterator[Any]:
        yield category, item, parent
        for sub in item.get("units", []) or []:
            yield from walk(sub, "units", item["name"])

    for category in ORG_CATEGORIES:
        for item in org.get(category, []):
            yield from walk(item, category, None)


def _flatten(org: Mapping[str, Any]) -> dict[tuple, dict[str, Any]]:
    items: dict[tuple, dict[str, Any]] = {}
    for category, item, parent in org_items(org):
        detail = item.get("detail") or {}
        key = (category, alias_key(item["name"]), _role_key(detail.get("role")),
               _role_key(detail.get("share")), alias_key(parent or ""))
        entry = {"category": category, "name": item["name"], "detail": detail,
                 "status": item.get("status"), "since": item.get("since"),
                 "until": item.get("until"), "sources": item.get("sources", [])}
        if parent:
            entry["parent"] = parent
        items[key] = entry
    return items


def diff(store: Store, name: str, d1: str, d2: str) -> dict[str, Any]:
    """What `org_at` gains and loses between D1 and D2: {"added": [...], "removed": [...]}.

    An item whose status changes (planned -> actual) is listed under "changed".
    D1 may not come after D2 (QueryError, as for timeline).
    """
    date_range(d1, d2)
    a = org_at(store, name, d1)
    b = org_at(store, name, d2)
    fa, fb = _flatten(a), _flatten(b)
    added = [fb[k] for k in fb if k not in fa]
    removed = [fa[k] for k in fa if k not in fb]
    changed = [{**fb[k], "status_before": fa[k]["status"]} for k in fb
               if k in fa and fa[k]["status"] != fb[k]["status"]]
    return {"entity": a["entity"], "from": str(d1), "to": str(d2),
            "from_as_of": a["as_of"], "to_as_of": b["as_of"],
            "added": added, "removed": removed, "changed": changed,
            "unchanged": sum(1 for k in fb if k in fa) - len(changed)}


# ---------------------------------------------------------------------------- search

def search(store: Store, text: str, limit: int = 20) -> dict[str, Any]:
    """Entities whose name or alias contains what TEXT looks for (any OR alternative), and
    documents matching it (full text, see search_syntax.py).  A malformed query raises
    QueryError (search_syntax.SearchSyntaxError)."""
    text = text if isinstance(text, str) else ""
    parsed = search_syntax.parse(text)
    needles = [" ".join(n.casefold().split()) for n in search_syntax.alternatives(parsed)]
    needles = [n for n in needles if n]
    whole = " ".join(text.casefold().split())
    entities = []
    for e in store.entities() if needles else []:
        folded = [n.casefold() for n in [e.name, *e.aliases]]
        if any(needle in n for needle in needles for n in folded):
            exact = whole in folded or any(needle in folded for needle in needles)
            starts = any(n.startswith(needle) for needle in needles for n in folded)
            entities.append((0 if exact else 1 if starts else 2, e.name.casefold(), e))
    entities.sort(key=lambda x: (x[0], x[1]))
    hits = store.search(text, limit) if parsed is not None else []
    return {"query": text,
            "entities": [e.to_json() for _, _, e in entities[:limit]],
            "documents": [h.to_json() for h in hits]}


# ------------------------------------------------------------------ claims, conflicts

def claims(store: Store, entity: str | None = None) -> list[dict[str, Any]]:
    """Every claim (or those naming ENTITY) with a summary line and its sources."""
    if entity is not None:
        _entity(store, entity)
    docs = _Docs(store)
    found = store.claims(entity=entity)
    docs.prefetch({s.doc_id for c in found for s in c.sources})
    out = []
    for c in found:
        d = c.to_json()
        d["summary"] = describe(c.type, c.args, c.status)
        d["label"] = describe(c.type, c.args)
        d["time_text"] = _time_text(c.time)
        d["sources"] = _claim_sources(c, docs)
        d["conflicts"] = _conflicts_json(c, docs)
        out.append(d)
    return out


def conflicts(store: Store, entity: str | None = None) -> list[dict[str, Any]]:
    """One row per (claim, disputed field): each value with its quotes and outlets."""
    out = []
    for c in claims(store, entity):
        for conflict in c["conflicts"]:
            out.append({"claim_id": c["claim_id"], "type": c["type"], "args": c["args"],
                        "summary": c["summary"], "label": c["label"], "time": c["time"],
                        "status": c["status"],
                        "field": conflict["field"], "values": conflict["values"]})
    return out



# --------------------------------------------------------------------------- overview

_NEWS_TYPES = (*_EVENT_TYPES, "position")


def overview(store: Store, today: str, events: int = 12, entities: int = 15) -> dict[str, Any]:
    """The ledger at a glance: its latest dated events (up to TODAY, one line per event
    however many articles state it) and the entities most is known about."""
    docs = _Docs(store)
    facts = store.latest_facts(_NEWS_TYPES, today, limit=events * 4)
    docs.prefetch({f.doc_id for f in facts})
    lines: dict[tuple[str, str], dict[str, Any]] = {}
    for f in facts:
        key = (describe(f.type, f.args, f.status), f.time.start or "")
        if key not in lines and len(lines) == events:
            continue
        line = lines.setdefault(key, {"date": f.time.start, "type": f.type,
                                      "summary": key[0], "label": describe(f.type, f.args),
                                      "status": f.status, "sources": []})
        line["sources"].extend(_fact_sources(f, docs))
    ranked = [{"entity_id": eid, "name": name, "type": type_, "facts": n, "documents": d}
              for eid, name, type_, n, d in store.most_stated_entities(entities * 2)]
    return {"events": list(lines.values()),
            "organizations": [e for e in ranked if e["type"] == "organization"][:entities],
            "people": [e for e in ranked if e["type"] == "person"][:entities // 2]}
