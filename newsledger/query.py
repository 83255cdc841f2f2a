"""Ask the ledger: an entity's profile, its timeline, its structure at a date, what changed.

Pure functions over a `Store`: they read, never write, and keep no state, so the
CLI, the `Ledger` methods and the web app all give the same answers.  Every answer
is made of JSON-ready dicts, and every statement in it lists its sources (document,
outlet, publication date and the quoted evidence with its offsets).

Dates given to these functions are `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`QueryError`
otherwise).  Fact times may also be `YYYY-Qn` / `YYYY-Hn`.

How `org_at(store, name, date)` decides what holds at DATE
----------------------------------------------------------
Every view reads claims with their histories (histories.py), bounded by the life of
the entities they tie (`_View`), so two views of one link agree.
1. A date stands for its first day: "2025" is 2025-01-01, "2025-06" is 2025-06-01,
   both for the DATE asked about and for the times facts carry.  So a change the news
   dates "June 2025" is applied from 2025-06-01 on.
2. A tie holds from its start (stated, or inferred: a unit its parent founded is its
   unit from the founding) until its end (stated, or inferred from a successor's start,
   a move to another role, a closure), or until the first report calling it over.
3. A tie whose start nobody states holds from an unknown start (it was reported from
   its first report on, which dates nothing): it is listed at earlier dates too, with
   "since" unknown, unless a lower bound says otherwise (the unit was founded later;
   another holder of the single seat was still reported in it).
4. A `planned` tie holds from its stated start (a plant to be run from 2026-07 is not
   counted before 2026-07-01); with no date, only after its first report (from the
   next day), and is shown as planned.
5. Ties called off, ruled out or only aimed at (`cancelled`, `negated`, `target`)
   never hold.
6. A unit, subsidiary, joint venture, plant or held company that is `closed` or
   `merged_into` something is gone from that event's date on (actual without a date:
   by its first report; planned only with a date).  If the entity itself is closed or
   merged, nothing of its structure holds from then on.
7. A stake shows the share reported last on or before DATE.

The result lists units (part_of, forms unit/division), subsidiaries (part_of
subsidiary, completed acquisitions), joint ventures, parents (the same part_of and
acquisitions, seen from the other end), stakes held, owners, facilities run
(operates) and people in roles (position, one label per role); units carry their own
units one level down.  Each item says since when it holds and on what basis (stated,
inferred, unknown with the first report), until when (stated, inferred with a note,
or "by" a report), whether it is actual or only planned, its history and its sources.

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
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator, Mapping

from . import search_syntax
from .errors import EntityNotFound, QueryError
from . import histories
from .agreement import parse_span
from .models import Bound, Claim, Document, Entity, Fact, History, TimeSpan
from .store import Store, alias_key

__all__ = [
    "QueryError", "EntityNotFound", "parse_date", "date_range", "entity_profile", "timeline",
    "org_at", "diff", "search", "claims", "conflicts", "describe", "suggest_names", "overview",
    "ORG_CATEGORIES", "settled_claims", "history_text",
]


# ------------------------------------------------------------------------------ dates

_QUERY_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


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
    return parse_span(str(value).strip()) if value else None


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


# --------------------------------------------------------------------- histories

LIFE_TYPES = ("founded", "closed", "merged_into")     # the claims that bound an entity's life


class _View:
    """The claims a question is about, each with its settled history: what every view
    (org_at, diff, timeline, entity, the web pages) reads, so that two views of one
    link never disagree.  Claims come from the store; facts no claim covers (a bulk load
    not yet reconciled) are reconciled here, by the same rules, and so are all of an
    entity's facts when its stored claims were built by an older version (a ledger read
    without being upgraded)."""

    def __init__(self, store: Store, docs: _Docs):
        self.store, self.docs = store, docs
        self._about: dict[str, list[Claim]] = {}
        self._life = histories.EntityLife()
        self._lived: set[str] = set()

    def claims_about(self, names: _Names) -> list[Claim]:
        """Claims with an argument naming the entity (any alias)."""
        key = alias_key(names.entity.name)
        if key not in self._about:
            stored = self.store.claims(entity=names.entity.name)
            if any(c.history is None and (c.type in histories.TIE_TYPES or c.type in histories.EVENT_TYPES)
                   for c in stored):
                stored = []                    # built by an older version, not yet rebuilt: redo here
            found = [c for c in stored if any(v in names for v in c.args.values())]
            # facts no claim rests on yet (ingested with --no-claims): built here; with
            # claims stored, reading the entity's every fact again would double the cost
            facts = self.store.facts(entity=names.entity.name, unclaimed=bool(stored))
            covered = {s.fact_id for c in stored for s in c.sources}
            loose = [f for f in facts if f.fact_id not in covered]
            if loose:
                found += [c for c in self._reconcile(loose) if any(v in names for v in c.args.values())]
            self.docs.prefetch({s.doc_id for c in found for s in c.sources})
            self._about[key] = found
        return self._about[key]

    def _reconcile(self, facts: list[Fact]) -> list[Claim]:
        from .reconcile import build_claims
        doc_ids = {f.doc_id for f in facts}
        self.docs.prefetch(doc_ids)
        documents = {d: doc for d in doc_ids if (doc := self.docs.get(d)) is not None}
        origins = {d: row[2] for d, row in self.store.doc_origins(doc_ids).items()}
        return build_claims(facts, documents, origins=origins)

    def know_all_lives(self) -> None:
        """Read every founding, closure and merger at once (for a whole-ledger export)."""
        for c in self.store.claims(types=LIFE_TYPES):
            self._life.add(c, alias_key)
        self._all_lives = True

    def _learn_life(self, name: Any) -> None:
        self.learn_lives([name])

    def learn_lives(self, names: Iterable[Any]) -> None:
        """Read the founding, closure and merger of the entities these names refer to (two
        queries for all of them: a claim list names hundreds of companies)."""
        if getattr(self, "_all_lives", False):
            return
        todo = sorted({n for n in names if isinstance(n, str) and n.strip() and alias_key(n) not in self._lived})
        if not todo:
            return
        self._lived |= {alias_key(n) for n in todo}
        entities: dict[str, _Names] = {}
        for found in self.store.find_entities(todo).values():
            names_of = entities.setdefault(found.entity_id, _Names(found))
            self._lived |= names_of.keys
        if not entities:
            return
        for c in self.store.claims(entity_ids=list(entities), types=LIFE_TYPES):
            for names_of in entities.values():
                if c.args.get("org") in names_of:
                    self._life.add(replace(c, args={**c.args, "org": names_of.entity.name}), alias_key)

    def history(self, claim: Claim) -> History | None:
        """The claim's history bounded by the life of the entities it ties (histories.py,
        rule L1); a claim stored before histories existed gets one from its sources."""
        if claim.history is None and (claim.type in histories.TIE_TYPES or claim.type in histories.EVENT_TYPES):
            claim = replace(claim, history=self._observe(claim))
        if claim.type in histories.TIE_TYPES or claim.type == "acquisition":
            for v in claim.args.values():
                self._learn_life(v)
            return histories.settle(claim, self._life, alias_key)
        return claim.history

    def _observe(self, claim: Claim) -> History:
        facts = [Fact(s.doc_id, claim.type, s.args or claim.args, s.evidence, s.time, s.status,
                      s.attributed_to, fact_id=s.fact_id) for s in claim.sources]

        def published(doc_id: str) -> str | None:
            doc = self.docs.get(doc_id)
            return doc.published[:10] if doc and doc.published else None

        return histories.observe(facts, published, lambda d: (published(d) is None, published(d) or "", d))

    def gone(self, entity: Entity) -> tuple[Bound, str, bool] | None:
        self._learn_life(entity.name)
        return self._life.gone.get(alias_key(entity.name))


def settled_claims(store: Store, claims: Iterable[Claim]) -> Iterator[Claim]:
    """The claims with the histories every view shows (bounded by the founding and the
    closure of what they tie): what the claims export writes."""
    view = _View(store, _Docs(store))
    claims = list(claims)
    if len(claims) > 200:
        view.know_all_lives()
    else:
        view.learn_lives(_tied_names(claims))
    for claim in claims:
        h = view.history(claim)
        yield replace(claim, history=h) if h is not claim.history else claim


def _history_json(h: History | None) -> dict[str, Any] | None:
    return h.to_json() if h is not None else None


def _history_time(claim: Claim, h: History | None) -> TimeSpan:
    """What a line shows as the claim's time: for a tie its start and end as stated or
    inferred (never a publication date); for an event or a figure the claim's time."""
    if h is None or claim.type not in histories.TIE_TYPES:
        return claim.time
    start = h.started.date if h.started else None
    end = h.ended.date if h.ended else None
    approx = bool((h.started and h.started.approx) or (h.ended and h.ended.approx))
    return TimeSpan(start, end, approx)


def history_text(h: Mapping[str, Any] | None) -> str:
    """'2016 – 2024-02 (succeeded by Tom Berg)', '? (reported from 2025-07-30) – by 2026-02-11'."""
    if not h:
        return ""

    def date(b: Mapping[str, Any] | None) -> str | None:
        return b.get("date") if b else None

    start = date(h.get("started"))
    left = start or (f"? (reported from {date(h['held_from'])})" if h.get("held_from") else "?")
    if h.get("ended"):
        right = date(h["ended"])
        if h["ended"].get("basis") == "inferred" and h["ended"].get("note"):
            right += f" ({h['ended']['note']})"
    elif h.get("ended_by"):
        right = f"by {date(h['ended_by'])}"
    else:
        right = ""
    if not right:
        return f"since {left}" if start or h.get("held_from") else ""
    return f"{left} – {right}"


# --------------------------------------------------------------------- statements

@dataclass
class _Statement:
    """A claim: what timeline and profile lines are made of."""
    type: str
    args: dict[str, Any]
    time: TimeSpan
    status: str | None
    sources: list[dict[str, Any]]
    claim_id: str | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    independent_sources: int = 1
    history: dict[str, Any] | None = None
    origins: list[dict[str, Any]] = field(default_factory=list)

    def base(self) -> dict[str, Any]:
        return {
            "type": self.type, "args": self.args, "status": self.status,
            "time": self.time.to_json(), "summary": describe(self.type, self.args, self.status),
            "label": describe(self.type, self.args),
            "claim_id": self.claim_id, "sources": self.sources,
            "independent_sources": self.independent_sources, "conflicts": self.conflicts,
            "history": self.history,
            "history_text": history_text(self.history) if self.type in _TIE_TYPES else "",
            "origins": self.origins,
        }


def _statement(claim: Claim, view: _View) -> _Statement:
    h = view.history(claim)
    status = histories.state_status(h.state) if h is not None and claim.type in histories.TIE_TYPES \
        and not any(c.field == "status" for c in claim.conflicts) else claim.status
    return _Statement(claim.type, dict(claim.args), _history_time(claim, h), status or claim.status,
                      _claim_sources(claim, view.docs), claim.claim_id,
                      _conflicts_json(claim, view.docs), claim.independent_sources,
                      _history_json(h), [o.to_json() for o in claim.origins])


def _statements(view: _View, names: _Names) -> list[_Statement]:
    """Every claim about the entity, as a statement with its settled history."""
    claims = view.claims_about(names)
    view.learn_lives(_tied_names(claims))
    return [_statement(c, view) for c in claims]


def _tied_names(claims: Iterable[Claim]) -> list[Any]:
    """The names whose lives bound the histories of these claims (see _View.history)."""
    return [v for c in claims if c.type in histories.TIE_TYPES or c.type == "acquisition"
            for v in c.args.values()]


# --------------------------------------------------------------------------- timeline

_KIND_ORDER = {"end": 0, "start": 1, "event": 2, "figure": 3, "fact": 4}   # leaver before joiner


def _lines_of(st: _Statement) -> list[dict[str, Any]]:
    """The timeline lines one statement gives: start/end of a tie (as its history has
    them: stated or inferred, never a publication date), an event, a figure."""
    start, end = st.time.start, st.time.end
    start_ok, end_ok = fact_period(start) is not None, fact_period(end) is not None
    lines = []
    h = st.history or {}

    def line(date: str | None, kind: str, bound: Mapping[str, Any] | None = None) -> dict[str, Any]:
        d = st.base()
        d.update({"date": date, "kind": kind, "undated": date is None})
        if bound:
            d["basis"] = bound.get("basis")
            if bound.get("note"):
                d["note"] = bound["note"]
        return d

    if st.type in _TIE_TYPES:
        if start_ok:
            lines.append(line(start, "start", h.get("started")))
        if end_ok:
            lines.append(line(end, "end", h.get("ended")))
        if not lines:
            lines.append(line(None, "fact"))
    elif st.type == "metric":
        lines.append(line(start if start_ok else (end if end_ok else None), "figure"))
    else:
        lines.append(line(start if start_ok else (end if end_ok else None), "event", h.get("started")))
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
    (start/end/event/figure/fact), type, summary, status, time, history, sources
    (doc_id, outlet, published, evidence), conflicts and `undated`; a start or end
    the sources do not state but another claim implies has basis "inferred" and a note.
    """
    entity = _entity(store, name)
    lo, hi = date_range(date_from, date_to)
    names = _Names(entity)
    view = _View(store, _Docs(store))
    lines = []
    for st in _statements(view, names):
        lines.extend(_lines_of(st))
    for unit in _units_ever(store, names):
        found = store.find_entity(unit)
        if found is None:
            continue
        for st in _statements(view, _Names(found)):
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
    """Type, aliases, key facts grouped by type (claims, with their histories), the
    series of each measure's figures, and the sources."""
    entity = _entity(store, name)
    docs = _Docs(store)
    view = _View(store, docs)
    statements = _statements(view, _Names(entity))
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
    out.update({"facts": groups, "series": _series(groups.get("metric", [])), "sources": sources,
                "conflicts": conflicts, "counts": {t: len(v) for t, v in groups.items()}})
    return out


def _series(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Figures of one measure (entity, scope, unit; goals apart) over their periods: a
    series, shown as such rather than as disagreeing figures."""
    out: dict[tuple, dict[str, Any]] = {}
    for line in figures:
        a = line["args"]
        key = (str(a.get("entity")), str(a.get("measure")), str(a.get("scope") or ""),
               str(a.get("unit") or ""), line.get("status") == "target")
        s = out.setdefault(key, {"entity": a.get("entity"), "measure": a.get("measure"),
                                 "scope": a.get("scope"), "unit": a.get("unit"),
                                 "goal": line.get("status") == "target", "points": []})
        s["points"].append({"period": _time_text(line["time"]) or None, "value": a.get("value"),
                            "claim_id": line.get("claim_id"),
                            "qualifier": a.get("qualifier"),
                            "conflicts": [c["field"] for c in line.get("conflicts", [])]})
    series = [s for s in out.values() if len(s["points"]) > 1]
    for s in series:
        s["points"].sort(key=lambda p: (fact_period(str(p["period"]).split(" ")[0]) or (dt.date.max,))[0]
                         if p["period"] else dt.date.max)
    return series


# ---------------------------------------------------------------------------- org_at

ORG_CATEGORIES = ("parents", "owners", "units", "subsidiaries", "joint_ventures", "stakes",
                  "facilities", "people")
_CHILD_RANK = {"joint_ventures": 0, "subsidiaries": 1, "units": 2}


@dataclass
class _Tie:
    """One link of the entity, as one or more claims state it (a unit named a subsidiary
    and also bought: one tie), with the history every view reads."""
    category: str
    name: str
    detail: dict[str, Any]
    claims: list[Claim] = field(default_factory=list)
    history: History = field(default_factory=History)
    planned: bool = False


def _tie_items(claim: Claim, names: _Names) -> list[tuple[str, Any, dict[str, Any]]]:
    """(category, other entity, detail) the claim gives the entity's structure; the
    same claim gives the mirror item in the other entity's view (a subsidiary here is
    a parent there)."""
    a, t = claim.args, claim.type
    if t == "part_of":
        form = str(a.get("form") or "unit").lower()
        if a.get("org") in names:
            return [("parents", a.get("parent"), {"form": form})]
        if a.get("parent") in names:
            cat = {"subsidiary": "subsidiaries", "joint_venture": "joint_ventures"}.get(form, "units")
            return [(cat, a.get("org"), {"form": form})]
    elif t == "stake":
        if a.get("owner") in names:
            return [("stakes", a.get("org"), {"share": a.get("share")})]
        if a.get("org") in names:
            return [("owners", a.get("owner"), {"share": a.get("share")})]
    elif t == "operates" and a.get("org") in names:
        return [("facilities", a.get("facility"), {})]
    elif t == "position" and a.get("org") in names:
        return [("people", a.get("person"), {"role": a.get("role") or "role"})]
    elif t == "acquisition" and (claim.status or "actual") in ("actual", "planned"):
        detail = {"form": "subsidiary", "via": "acquisition"}
        if a.get("share"):
            detail["share"] = a.get("share")
        if a.get("acquirer") in names:
            return [("subsidiaries", a.get("target"), detail)]
        if a.get("target") in names:
            return [("parents", a.get("acquirer"), detail)]
    return []


def _acquisition_history(claim: Claim, h: History | None) -> History:
    """A completed (or planned) purchase makes a subsidiary from its date on."""
    h = h or History()
    out = History(**{n: getattr(h, n) for n in History.BOUNDS}, state=h.state, interim=h.interim)
    if claim.status == "planned":
        out.state = "planned"
    elif out.state in (None, "actual"):
        out.state = "holds"
    return out


def _combine(histories_: list[History]) -> History:
    """Several claims of one link: the earliest start, the earliest end any of them
    gives, the widest span of reports."""
    if len(histories_) == 1:
        return histories_[0]

    def pick(name: str, latest: bool = False) -> Bound | None:
        bounds = [b for h in histories_ if (b := getattr(h, name)) is not None and _first(b.date)]
        if not bounds:
            return None
        return (max if latest else min)(bounds, key=lambda b: (_first(b.date), b.date))

    states = {h.state for h in histories_}
    state = "holds" if "holds" in states else "ended" if "ended" in states else \
        "planned" if "planned" in states else next(iter(sorted(s for s in states if s)), None)
    return History(started=pick("started"), ended=pick("ended"), held_from=pick("held_from"),
                   held_until=pick("held_until", latest=True), ended_by=pick("ended_by"),
                   not_before=pick("not_before", latest=True), state=state,
                   interim=any(h.interim for h in histories_))


def _ties(view: _View, entity: Entity) -> list[_Tie]:
    """Every link the entity has at any time, one per linked entity and category."""
    names = _Names(entity)
    ties: dict[tuple, _Tie] = {}
    for claim in sorted(view.claims_about(names), key=lambda c: c.claim_id):
        for category, other, detail in _tie_items(claim, names):
            if not isinstance(other, str) or not other.strip() or other in names:
                continue
            group = "child" if category in _CHILD_RANK else category
            extra = _role_key(detail.get("role")) if category == "people" else None
            key = (group, alias_key(other), extra)
            tie = ties.get(key)
            if tie is None:
                tie = ties[key] = _Tie(category, other, dict(detail))
            elif category in _CHILD_RANK and _CHILD_RANK[category] < _CHILD_RANK.get(tie.category, 9):
                tie.category = category
                tie.detail = {**tie.detail, **detail}
            else:
                for k, v in detail.items():
                    tie.detail.setdefault(k, v)
            tie.claims.append(claim)
    for tie in ties.values():
        hs = []
        for c in tie.claims:
            h = view.history(c)
            hs.append(_acquisition_history(c, h) if c.type == "acquisition" else (h or History()))
        tie.history = _combine(hs)
        tie.planned = all(h.state == "planned" for h in hs)
    return list(ties.values())


def _holds(tie: _Tie, day: dt.date, docs: _Docs) -> bool:
    """Does the link hold on `day`?  Ties that were called off or ruled out never do;
    a planned one from its stated date, or (no date) from the day after it was first
    reported; any other from its start (unknown: from any lower bound) until its end
    or the first report calling it over (histories.holds_at)."""
    h = tie.history
    if h.state in ("cancelled", "negated", "target"):
        return False
    if tie.planned and h.started is None:
        first = min((p for c in tie.claims for s in c.sources
                     if (p := _published(docs.get(s.doc_id))) is not None), default=None)
        if first is None or day <= first:
            return False
    return histories.holds_at(h, day)


def _share_at(tie: _Tie, day: dt.date, docs: _Docs) -> Any:
    """A stake's share as reported last on or before `day` (else as first reported)."""
    dated = []
    for c in tie.claims:
        for s in c.sources:
            share = (s.args or {}).get("share")
            if share:
                p = _published(docs.get(s.doc_id))
                dated.append((p or dt.date.max, s.doc_id, share))
    if not dated:
        return tie.detail.get("share")
    before = [d for d in dated if d[0] <= day]
    return (max(before) if before else min(dated))[2]


def _label_bound(b: Bound | None) -> str | None:
    return b.date if b is not None else None


def _tie_json(tie: _Tie, day: dt.date, docs: _Docs) -> dict[str, Any]:
    h = tie.history
    detail = dict(tie.detail)
    if "share" in detail:
        detail["share"] = _share_at(tie, day, docs)
    since, since_basis = _label_bound(h.started), (h.started.basis if h.started else "unknown")
    if h.started is None and h.not_before is not None and _first(h.not_before.date) and \
            _first(h.not_before.date) <= day:
        since_basis = f"unknown, after {h.not_before.date} ({h.not_before.note})" if h.not_before.note \
            else f"unknown, after {h.not_before.date}"
    end = h.ended or h.ended_by
    until_basis = None
    if end is not None:
        until_basis = end.basis if end is h.ended else "by (reported)"
        if end.basis == "inferred" and end.note:
            until_basis = f"inferred: {end.note}"
    sources = []
    for c in tie.claims:
        sources.extend(_claim_sources(c, docs))
    sources.sort(key=lambda s: (s["doc_id"], s["evidence"]["start"]))
    return {
        "category": tie.category, "name": tie.name, "detail": detail,
        "since": since, "since_basis": since_basis,
        "held_from": _label_bound(h.held_from),
        "until": _label_bound(end), "until_basis": until_basis,
        "status": "planned" if tie.planned else "actual",
        "claim_ids": [c.claim_id for c in tie.claims],
        "history": h.to_json(), "history_text": history_text(h.to_json()),
        "sources": sources,
    }


def _structure(view: _View, entity: Entity, day: dt.date, depth: int,
               seen: set[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {c: [] for c in ORG_CATEGORIES}
    for tie in _ties(view, entity):
        if not _holds(tie, day, view.docs):
            continue
        item = _tie_json(tie, day, view.docs)
        if depth > 0 and tie.category in _CHILD_RANK:
            child = view.store.find_entity(tie.name)
            if child is not None and child.entity_id not in seen:
                sub = _structure(view, child, day, depth - 1, seen | {child.entity_id})
                item["units"] = [*sub["units"], *sub["subsidiaries"], *sub["joint_ventures"]]
        out[tie.category].append(item)
    for items in out.values():
        items.sort(key=lambda i: (i["name"].casefold(), str(i["detail"])))
    return out


def org_at(store: Store, name: str, date: str | dt.date) -> dict[str, Any]:
    """The entity's structure valid at DATE (see the module doc for the rules).

    Returns {"entity", "entity_type", "date", "as_of", "gone", <category>: [items]}
    with categories ORG_CATEGORIES; each item has name, detail (form/share/role),
    since, until (with their basis), status (actual|planned), its history and sources.
    """
    entity = _entity(store, name)
    day = parse_date(date)[0]
    view = _View(store, _Docs(store))
    structure = _structure(view, entity, day, 1, {entity.entity_id})
    gone = view.gone(entity)
    out: dict[str, Any] = {"entity": entity.name, "entity_type": entity.type,
                           "date": str(date), "as_of": day.isoformat(),
                           "gone": ({"since": gone[0].date, "how": gone[1]}
                                    if gone and _first(gone[0].date) and _first(gone[0].date) <= day
                                    else None)}
    out.update(structure)
    return out


def _role_key(role: Any) -> str:
    return re.sub(r"\s+", " ", str(role or "")).strip().casefold()


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
    found = list(settled_claims(store, store.claims(entity=entity)))
    docs.prefetch({s.doc_id for c in found for s in c.sources})
    out = []
    for c in found:
        d = c.to_json()
        d["summary"] = describe(c.type, c.args, c.status)
        d["label"] = describe(c.type, c.args)
        d["time_text"] = _time_text(c.time)
        d["history_text"] = history_text(d.get("history")) if c.type in _TIE_TYPES else ""
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
