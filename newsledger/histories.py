"""Claims as histories: what held when, by whose account.

A fact is an observation made on its article's publication date: what the article
states about then (holds, is over, is planned) and a start or an end only where the
text gives one.  `observe` assembles the observations of one claim into a `History`;
`succeed` closes tenures across the claims of one organisation's people (who
followed whom in a single seat, who moved to which role); `settle` bounds ties by the
life of the entities they tie (a unit's founding and closure).  The rules, with one
example each, are in docs/query.md ("Histories").

Rules
-----
H1. A stated start or end ("since 2016", "stepped down in February 2024", "effective
    May 1") is a bound with basis "stated".  Several sources' dates that agree at their
    precision give the most precise of them; the documents agreeing are its evidence.
    A start dated only by the day something was announced ("..., the bank said on
    Wednesday") is weak: another source's earlier stated start wins, and the two do not
    conflict (the article may merely name a title it announces nothing about).
H2. An article saying a tie holds, without a start, says it held *at least from* its
    publication date (`held_from`), not that it started then; its start stays unknown.
    The last such article gives `held_until`.
H3. An article calling it over ("former CEO") without a date says it ended *by* its
    publication date (`ended_by`).  A departure dated after publication ("will step down
    on July 15") is an end, and the tie holds until then.
H4. `state` is what the latest reports say: holds, ended, planned, cancelled, negated.
    Holding in one report and over in a later one is a history, not a disagreement.

Succession (single-seat roles: CEO, chair, president, CFO, COO, CTO, CPO, ...)
S1. A new holder's stated start ends the previous holder's tenure then, when no end
    is given for it (basis "inferred", note "succeeded by ...").  An interim holder is
    a holder like any other: the permanent one's start ends it.
S2. A new holder reported in the seat (no start given) after the previous holder's last
    report ends that tenure *by* the new holder's first report, and the new holder
    cannot have started before the previous holder's last report, nor before the end
    of a tenure that ended before the new holder's first report (`not_before`).
S3. A person reported as former in one role and holding another role at the same
    organisation in the same article ("finance chief, now CEO") left the first role
    when the second started, if the text dates that start.

Entity life (`settle`, used by every view and the claims export)
L1. A tie cannot start before any entity it ties was founded (a unit's founding date is
    a lower bound of its part_of; a unit its parent founded is its unit from then), nor
    last beyond an entity's closure or its merger into another (actual: from its date,
    or by the first report of it; planned: from its stated date).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import replace
from typing import Callable, Iterable, Mapping

from .agreement import dates_agree, parse_span, precision_days
from .models import Bound, Claim, Fact, History, TimeSpan

__all__ = ["TIE_TYPES", "EVENT_TYPES", "SINGLE_SEATS", "observe", "succeed", "settle",
           "EntityLife", "life_of", "first_day", "holds_at", "state_status"]

TIE_TYPES = ("part_of", "stake", "position", "operates", "produces", "partner")
EVENT_TYPES = ("founded", "closed", "merged_into", "ipo", "merger", "acquisition", "job_cuts")
# Roles one person holds at a time at one organisation (canonical labels, reconcile.py).
SINGLE_SEATS = frozenset({"ceo", "chair", "president", "cfo", "coo", "cto", "cpo", "cio", "cmo"})
_INTERIM = re.compile(r"\b(?:interim|acting)\b", re.I)


def first_day(value: str | None) -> dt.date | None:
    p = parse_span(value)
    return p[0] if p else None


def _time(f: Fact) -> TimeSpan:
    t = f.time
    # (the story's day is a report's day: a bound of kind "reported", never "stated")
    return t if t is not None and t.resolved and not t.unstated else TimeSpan()


# ------------------------------------------------------------------ one claim

def _best(values: list[tuple[str, bool, str]], order: Callable[[str], tuple]) -> Bound | None:
    """The stated bound several sources give: (date, approx, doc_id) each.  The date most
    documents agree with (ties: earliest published), then the most precise date that
    agrees with it; its evidence is every document whose date agrees."""
    if not values:
        return None
    distinct = sorted({(d, a) for d, a, _ in values})
    docs = {k: {doc for d, a, doc in values if (d, a) == k} for k in distinct}

    def agreeing(k: tuple[str, bool]) -> set[str]:
        return set().union(*(docs[o] for o in distinct if dates_agree(k[0], o[0], k[1], o[1])))

    support = {k: len(agreeing(k)) for k in distinct}
    top = max(support.values())
    anchor = min((k for k in distinct if support[k] == top),
                 key=lambda k: (min(order(d) for d in docs[k]), k))
    near = [k for k in distinct if dates_agree(anchor[0], k[0], anchor[1], k[1])]
    chosen = min(near, key=lambda k: (precision_days(k[0]) or 10 ** 6, k[1], min(order(d) for d in docs[k]), k))
    evidence = sorted(set().union(*(docs[k] for k in near)), key=order)
    return Bound(chosen[0], "stated", chosen[1], evidence)


def _reported(doc_ids: Iterable[str], published: Callable[[str], str | None], latest: bool) -> Bound | None:
    dated = [(published(d), d) for d in doc_ids if published(d)]
    if not dated:
        return None
    day = max(p for p, _ in dated) if latest else min(p for p, _ in dated)
    return Bound(day, "reported", False, sorted({d for p, d in dated if p == day}))


def observe(facts: list[Fact], published: Callable[[str], str | None],
            order: Callable[[str], tuple]) -> History:
    """The history one claim's sources tell (rules H1-H4 of the module doc)."""
    kind = facts[0].type
    starts, ends = [], []
    holds, over, planned = set(), set(), set()
    statuses: dict[str, set[str]] = defaultdict(set)
    for f in facts:
        status = f.status or "actual"
        t, p = _time(f), published(f.doc_id)
        statuses[status].add(f.doc_id)
        if t.start and status in ("actual", "former", "planned", "cancelled", "negated"):
            starts.append((t.start, t.approx, f.doc_id))
        if t.end and status in ("actual", "former", "planned"):
            ends.append((t.end, t.approx, f.doc_id))
        if kind not in TIE_TYPES:
            continue
        ends_after = bool(t.end and p and parse_span(t.end) and parse_span(t.end)[0] > first_day(p))
        if status == "actual" and not (t.end and not ends_after and p):
            holds.add(f.doc_id)
        elif status == "former":
            (holds if ends_after else over).add(f.doc_id)
        elif status == "planned":
            planned.add(f.doc_id)
    if kind in TIE_TYPES:
        starts = _weigh_announced(starts, facts, published)
    history = History(started=_best(starts, order), ended=_best(ends, order) if kind in TIE_TYPES else None)
    history.interim = any(_INTERIM.search(str(f.args.get("role") or "")) for f in facts)
    if kind not in TIE_TYPES:
        history.held_from = _reported(statuses.get("actual", ()), published, latest=False)
        history.state = _event_state(statuses, published)
        return history
    history.held_from = _reported(holds, published, latest=False)
    history.held_until = _reported(holds, published, latest=True)
    last_held = history.held_until.date if history.held_until else None
    later_over = [d for d in over if published(d) and (last_held is None or published(d) >= last_held)]
    history.ended_by = _reported(later_over, published, latest=False)
    history.state = _tie_state(history, holds, over, planned, statuses, published)
    return history


def announced(f: Fact, published: str | None) -> bool:
    """Is the fact's start only the day its article says something was announced ("named
    CFO Lea Moss acting CEO, the bank said on Wednesday"): a day, vaguely tied to the
    fact, in the week before publication?"""
    t = _time(f)
    if not (t.start and t.approx and published and precision_days(t.start) == 1):
        return False
    day, pub = first_day(t.start), first_day(published)
    return day is not None and pub is not None and 0 <= (pub - day).days <= 7


def _weigh_announced(starts: list[tuple[str, bool, str]], facts: list[Fact],
                     published: Callable[[str], str | None]) -> list[tuple[str, bool, str]]:
    """A tie's start dated only by an announcement is a weak start (H1): an article may
    name a title it announces nothing about.  Another source's earlier stated start wins."""
    weak = {(f.time.start, f.time.approx, f.doc_id) for f in facts if announced(f, published(f.doc_id))}
    firm = [s for s in starts if s not in weak]
    if not firm:
        return starts
    earliest = min(first_day(d) for d, _, _ in firm if first_day(d)) if any(first_day(d) for d, _, _ in firm) else None
    return firm + [s for s in starts if s in weak and earliest and first_day(s[0]) and first_day(s[0]) < earliest]


def _tie_state(h: History, holds: set[str], over: set[str], planned: set[str],
               statuses: Mapping[str, set[str]], published: Callable[[str], str | None]) -> str:
    if h.ended_by is not None:
        return "ended"
    latest = max((published(d) for ds in statuses.values() for d in ds if published(d)), default=None)
    if h.ended is not None and latest and h.ended.date and first_day(h.ended.date) <= first_day(latest):
        return "ended"
    if over and not any(published(d) for d in over | holds):
        return "ended" if not holds or len(over) >= len(holds) else "holds"
    if over and not holds:
        return "ended"
    if holds:
        return "holds"
    if planned:
        return "planned"
    for s in ("cancelled", "negated"):
        if statuses.get(s):
            return s
    return "holds"


def _event_state(statuses: Mapping[str, set[str]], published: Callable[[str], str | None]) -> str:
    """The latest report's status (a plan, then done: done); undated reports count last."""
    ranked = sorted(((published(d) or "", s) for s, ds in statuses.items() for d in ds), reverse=True)
    if not ranked:
        return "actual"
    top = ranked[0][0]
    at_top = {s for p, s in ranked if p == top}
    for s in ("actual", "cancelled", "negated", "planned", "target", "former"):
        if s in at_top:
            return s
    return ranked[0][1]


def state_status(state: str | None) -> str | None:
    """The FORMAT.md status a tie's state stands for."""
    return {"holds": "actual", "ended": "former"}.get(state or "", state)


# ------------------------------------------------------------------ succession

def _start_day(h: History) -> dt.date | None:
    return first_day(h.started.date) if h.started else None


def _anchor(h: History) -> dt.date | None:
    """The earliest day the tie is known to hold: its start, else its first report."""
    days = [d for d in (_start_day(h), first_day(h.held_from.date) if h.held_from else None) if d]
    return min(days) if days else None


def succeed(claims: list[Claim], person_of: Callable[[Claim], str], role_of: Callable[[Claim], str],
            facts_of: Callable[[Claim], list[Fact]]) -> None:
    """Close tenures across the position claims of one organisation (rules S1-S3), in place."""
    seats: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.history is not None and role_of(c) in SINGLE_SEATS:
            seats[role_of(c)].append(c)
    for holders in seats.values():
        _succession(sorted(holders, key=lambda c: c.claim_id), person_of)
    _promotions(claims, person_of, role_of, facts_of)


def _succession(holders: list[Claim], person_of: Callable[[Claim], str]) -> None:
    for old in holders:
        h = old.history
        anchor = _anchor(h)
        if anchor is None:
            continue
        # S1: the first successor whose stated start falls after this tenure began
        successors = [(_start_day(c.history), c) for c in holders
                      if person_of(c) != person_of(old) and _start_day(c.history)
                      and _start_day(c.history) > anchor and c.history.state != "planned"]
        if successors and h.ended is None:
            day, new = min(successors, key=lambda x: (x[0], x[1].claim_id))
            h.ended = Bound(new.history.started.date, "inferred", new.history.started.approx,
                            list(new.history.started.doc_ids), f"succeeded by {person_of(new)}")
        # S2: a successor reported in the seat after this holder's last report
        last = h.held_until.date if h.held_until else None
        if last is None:
            continue
        later = [c for c in holders if person_of(c) != person_of(old) and c.history.held_from
                 and c.history.held_from.date > last and not c.history.started]
        if later:
            new = min(later, key=lambda c: (c.history.held_from.date, c.claim_id))
            seen = new.history.held_from
            if h.ended is None and (h.ended_by is None or h.ended_by.date > seen.date):
                h.ended_by = Bound(seen.date, "inferred", False, list(seen.doc_ids),
                                   f"{person_of(new)} reported in the role")
            for c in later:
                nb = c.history.not_before
                if nb is None or (nb.date or "") < last:
                    c.history.not_before = Bound(last, "inferred", False, list(h.held_until.doc_ids),
                                                 f"{person_of(old)} still reported in the role")
    # S2 too: a holder with no start, first reported after another's tenure ended, took
    # the seat after that end
    for new in holders:
        h = new.history
        if h.started is not None or h.held_from is None:
            continue
        for old in holders:
            end = old.history.ended
            if person_of(old) == person_of(new) or end is None or not first_day(end.date):
                continue
            if first_day(end.date) <= first_day(h.held_from.date) and \
                    (h.not_before is None or first_day(h.not_before.date) < first_day(end.date)):
                h.not_before = Bound(end.date, "inferred", end.approx, list(end.doc_ids),
                                     f"after {person_of(old)} left")
    for c in holders:
        if c.history.ended is not None and c.history.ended.basis == "inferred" and c.history.state == "holds":
            c.history.state = "ended"


def _promotions(claims: list[Claim], person_of: Callable[[Claim], str], role_of: Callable[[Claim], str],
                facts_of: Callable[[Claim], list[Fact]]) -> None:
    by_person: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        if c.history is not None:
            by_person[person_of(c)].append(c)
    for mine in by_person.values():
        if len(mine) < 2:
            continue
        for old in mine:
            if old.history.ended is not None:
                continue
            former_docs = {f.doc_id for f in facts_of(old) if f.status == "former"}
            best: tuple[str, Claim, Fact] | None = None
            for new in mine:
                if new is old:
                    continue
                for f in facts_of(new):
                    t = _time(f)
                    if f.doc_id in former_docs and (f.status or "actual") in ("actual", "planned") and t.start:
                        if best is None or (t.start, new.claim_id) < (best[0], best[1].claim_id):
                            best = (t.start, new, f)
            if best:
                start, new, f = best
                old.history.ended = Bound(start, "inferred", _time(f).approx, [f.doc_id],
                                          f"moved to {role_of(new).replace('_', ' ')}")
                if old.history.state == "holds":
                    old.history.state = "ended"


# ------------------------------------------------------------------ entity life (L1)

class EntityLife:
    """When an entity began and ended, from its founded / closed / merged_into claims."""

    def __init__(self) -> None:
        self.founded: dict[str, Bound] = {}
        self.founders: dict[str, set[str]] = {}                 # key -> keys of who founded it
        self.gone: dict[str, tuple[Bound, str, bool]] = {}     # key -> (bound, how, planned)

    def add(self, claim: Claim, key: Callable[[str], str]) -> None:
        a = claim.args
        h = claim.history or History()
        status = claim.status or "actual"
        if claim.type == "founded" and status == "actual" and h.started:
            k = key(str(a.get("org") or ""))
            old = self.founded.get(k)
            if old is None or first_day(h.started.date) < first_day(old.date):
                self.founded[k] = replace(h.started, basis="inferred", note=f"{a.get('org')} founded")
            if a.get("by"):
                self.founders.setdefault(k, set()).add(key(str(a["by"])))
        elif claim.type in ("closed", "merged_into") and status in ("actual", "planned"):
            how = "closed" if claim.type == "closed" else f"merged into {a.get('into')}"
            if status == "planned":
                if not h.started:
                    return
                bound, how = h.started, how + " (planned)"
            else:
                bound = h.started or h.held_from
                if bound is None:
                    return
            k = key(str(a.get("org") or ""))
            b = replace(bound, basis="inferred" if bound.basis == "stated" else bound.basis,
                        note=f"{a.get('org')} {how}")
            old = self.gone.get(k)
            if old is None or first_day(b.date) < first_day(old[0].date):
                self.gone[k] = (b, how, status == "planned")


def life_of(claims: Iterable[Claim], key: Callable[[str], str]) -> EntityLife:
    life = EntityLife()
    for c in sorted(claims, key=lambda c: c.claim_id):
        if c.type in ("founded", "closed", "merged_into"):
            life.add(c, key)
    return life


_TIED = {"part_of": ("org", "parent"), "stake": ("owner", "org"), "position": ("org",),
         "operates": ("org", "facility"), "produces": ("maker",), "partner": ("org", "partner"),
         "acquisition": ("target",)}
# The entity whose founding bounds a tie's start (the unit, the held company, the site).
_BORN = {"part_of": ("org",), "stake": ("org",), "operates": ("facility",), "position": ("org",),
         "partner": ("org", "partner")}


def settle(claim: Claim, life: EntityLife, key: Callable[[str], str]) -> History | None:
    """The claim's history bounded by the life of the entities it ties (rule L1)."""
    if claim.history is None or claim.type not in _TIED:
        return claim.history
    h = History(**{n: getattr(claim.history, n) for n in History.BOUNDS},
                state=claim.history.state, interim=claim.history.interim)
    for arg in _BORN.get(claim.type, ()):
        k = key(str(claim.args.get(arg) or ""))
        born = life.founded.get(k)
        if born is None:
            continue
        start = first_day(h.started.date) if h.started else None
        if start is None and claim.type == "part_of" and key(str(claim.args.get("parent") or "")) in \
                life.founders.get(k, ()):
            h.started = born                    # a unit its parent set up: its unit from then
        elif start is None and (h.not_before is None or first_day(h.not_before.date) < first_day(born.date)):
            h.not_before = born
    for arg in _TIED[claim.type]:
        gone = life.gone.get(key(str(claim.args.get(arg) or "")))
        if gone is None:
            continue
        bound, how, planned = gone
        end = h.ended or h.ended_by
        if end is None or first_day(bound.date) < first_day(end.date):
            if bound.basis == "reported":
                h.ended_by = bound
            else:
                h.ended = bound
            if not planned and h.state in ("holds", None):
                h.state = "ended"
    return h


def holds_at(h: History, day: dt.date) -> bool:
    """Does the tie hold on `day`?  From its start (unknown: from its lower bound, if
    any) until its end, or until the first report calling it over."""
    start = _start_day(h)
    if start is not None:
        if day < start:
            return False
    elif h.not_before is not None and day < first_day(h.not_before.date):
        return False
    for b in (h.ended, h.ended_by):
        if b is not None and first_day(b.date) is not None and day >= first_day(b.date):
            return False
    return True
