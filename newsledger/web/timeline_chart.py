"""The graphical timeline: an entity's story laid out over time, as boxes to draw.

Pure layout, no markup (the template draws it as SVG, escaping every label).  Input is
a `query.timeline` answer; each statement in it becomes one item:

- events (founded, closed, merged, IPO, job cuts...) and figures: a mark at their date;
- ties (a CEO's tenure, a stake, a unit of a group, a plant run): a bar drawn from the
  tie's history (query.timeline lines carry it): solid from its start (or, when the
  start is unknown, from its first report, with a dotted lead-in from any lower bound
  or the left edge: open) to its end; an end inferred from another claim (a
  successor's start, a unit's closure) is a dashed stretch after the last report; an
  end known only as "over by" a report is a dotted stretch; an open end runs to today.
  Each end the sources date carries a tick that links to the evidence for it;
- planned items are dashed, disputed ones (sources disagree) are red with a "!".

Items go into lanes by kind (Events, People, Ownership & units, Other ties, Figures)
and, within a lane, into as few rows as keep their labels from overlapping.  Every
item links to the evidence of its first source: the document page, scrolled to the
highlighted words.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ..query import fact_period
from .render import evidence_link

WIDTH = 1100
LEFT = 150              # lane names
RIGHT = 24
TOP = 34                # year ticks
ROW_H = 24
LANE_GAP = 10
CHAR_W = 6.6            # width of one label character at 12px (DejaVu Sans), a bit generous
LABEL_GAP = 14
OPEN_LEAD = 24          # the dotted lead-in of a bar whose start is unknown

LANES = (("events", "Events"), ("people", "People"), ("ownership", "Ownership & units"),
         ("ties", "Other ties"), ("figures", "Figures"))
_LANE_OF_TYPE = {"position": "people", "stake": "ownership", "part_of": "ownership",
                 "operates": "ties", "produces": "ties", "partner": "ties", "metric": "figures"}
_BAR_LANES = ("people", "ownership", "ties")


@dataclass
class Item:
    lane: str
    label: str
    title: str                  # the tooltip: summary, dates, outlets
    start: dt.date | None       # None: unknown (a bar from the left edge)
    end: dt.date | None         # None: open (a bar to today), or a mark
    href: str | None
    planned: bool
    disputed: bool
    bar: bool
    x0: float = 0
    x1: float = 0
    y: float = 0
    label_x: float = 0
    anchor: str = "start"       # "end": the label sits left of the mark (near the right edge)
    # a bar's history: where its solid part lies, what comes before and after it
    solid_from: dt.date | None = None   # first day it is known to hold (start or first report)
    solid_to: dt.date | None = None     # last day it is known to hold (end, or last report)
    lead_from: dt.date | None = None    # an unknown start: the lower bound it is drawn from
    open_start: bool = False
    tail: str | None = None             # "inferred" | "by" | "open" | None (ends at solid_to)
    start_href: str | None = None       # evidence of a dated start / end (the bar's ticks)
    end_href: str | None = None
    note: str | None = None
    xs0: float = 0
    xs1: float = 0


@dataclass
class Chart:
    width: int
    height: int
    items: list[Item]
    lanes: list[tuple[str, float, float]]          # (name, top, bottom)
    ticks: list[tuple[float, str]]                 # (x, year)
    today_x: float | None
    undated: int
    empty: bool = field(default=False)


def _first_day(value: str | None) -> dt.date | None:
    period = fact_period(value) if value else None
    return period[0] if period else None


def _items(lines: Iterable[Mapping[str, Any]]) -> tuple[list[Item], int]:
    """One item per statement (a tenure's start and end lines are one bar)."""
    seen: set[tuple] = set()
    items, undated = [], 0
    for ln in lines:
        key = (ln.get("claim_id") or ln["summary"], ln["type"], str(ln.get("time")), ln.get("via"))
        if key in seen:
            continue
        seen.add(key)
        time = ln.get("time") or {}
        start, end = _first_day(time.get("start")), _first_day(time.get("end"))
        lane = _LANE_OF_TYPE.get(ln["type"], "events")
        bar = lane in _BAR_LANES
        if not bar:
            start = start or end or _first_day(ln.get("date"))
            end = None
        sources = ln.get("sources") or []
        history = ln.get("history") or {}
        if start is None and end is None and not (bar and (history.get("held_from") or history.get("ended_by"))):
            undated += 1                    # a tie with no date is still drawn from its reports
            continue
        outlets = ", ".join(dict.fromkeys(s.get("outlet") or s["doc_id"] for s in sources))
        when = ln.get("history_text") or \
            " – ".join(v for v in (time.get("start"), time.get("end")) if v) or ln.get("date") or ""
        label = ln.get("label") or ln["summary"]
        if ln.get("via"):
            label += f" (unit {ln['via']})"
        disputed = bool(ln.get("conflicts"))
        title = f"{ln['summary']} · {when}" + (f" · {outlets}" if outlets else "") + \
            (" · sources disagree" if disputed else "")
        href = evidence_link(sources[0]) if sources else None
        item = Item(lane, label, title, start, end, href, ln.get("status") == "planned", disputed, bar)
        if bar:
            _shape(item, history, sources)
        items.append(item)
    return items, undated


def _bound_href(bound: Mapping[str, Any] | None, sources: list[Mapping[str, Any]]) -> str | None:
    """The evidence of a bound: the first source of a document it rests on; for a bound
    inferred from another claim (a successor's start), that claim's document."""
    if not bound:
        return None
    doc_ids = bound.get("doc_ids") or []
    for doc_id in doc_ids:
        for s in sources:
            if s["doc_id"] == doc_id:
                return evidence_link(s)
    return evidence_link({"doc_id": doc_ids[0]}) if doc_ids else None


def _shape(item: Item, h: Mapping[str, Any], sources: list[Mapping[str, Any]]) -> None:
    """Where a tie's bar is solid, open, dashed or dotted (see the module doc)."""
    def day(name: str) -> dt.date | None:
        return _first_day((h.get(name) or {}).get("date"))

    started, ended = h.get("started"), h.get("ended")
    item.solid_from = day("started") or day("held_from") or item.start
    item.open_start = started is None
    if item.open_start:
        item.lead_from = day("not_before")
    item.start_href = _bound_href(started, sources) if started else None
    if ended and ended.get("basis") != "inferred":
        item.solid_to, item.tail = day("ended"), None
        item.end_href = _bound_href(ended, sources)
    elif ended:                                         # inferred: dashed after the last report
        item.solid_to = day("held_until") or item.solid_from
        item.tail, item.end = "inferred", day("ended")
        item.end_href = _bound_href(ended, sources)
        item.note = ended.get("note")
    elif h.get("ended_by"):
        item.solid_to = day("held_until") or item.solid_from
        item.tail, item.end = "by", day("ended_by")
    else:
        item.solid_to, item.tail = None, "open"
    item.start = item.lead_from or item.solid_from
    if item.tail in ("inferred", "by") and item.solid_to and item.end and item.solid_to > item.end:
        item.solid_to = item.end
    if item.note:
        item.title += f" · {item.note}"


def timeline_chart(timeline: Mapping[str, Any], today: dt.date | None = None) -> Chart:
    """The layout of `query.timeline(...)`'s lines; `today` ends open bars."""
    today = today or dt.date.today()
    items, undated = _items(timeline.get("lines", []))
    dates = [d for i in items for d in (i.start, i.end, i.solid_from, i.solid_to) if d]
    if not dates:
        return Chart(WIDTH, 60, [], [], [], None, undated, empty=True)
    open_ended = any(i.bar and i.end is None for i in items)
    first_year = min(dates).year
    last_year = max(dates + ([today] if open_ended else [])).year
    lo, hi = dt.date(first_year, 1, 1), dt.date(last_year + 1, 1, 1)
    span = (hi - lo).days

    def x(d: dt.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (d - lo).days / span

    ticks = [(x(dt.date(y, 1, 1)), str(y)) for y in range(first_year, last_year + 1)]
    lanes: list[tuple[str, float, float]] = []
    y = TOP
    for lane, name in LANES:
        members = sorted((i for i in items if i.lane == lane),
                         key=lambda i: (i.start or lo, i.label))
        if not members:
            continue
        rows: list[float] = []                      # right edge used so far, per row
        for item in members:
            item.x0 = x(item.start) if item.start else LEFT
            item.x1 = x(item.end) if item.end else (x(min(today, hi)) if item.bar else item.x0)
            item.x1 = max(item.x1, item.x0 + (4 if item.bar else 0))
            if item.bar:
                item.xs0 = x(item.solid_from) if item.solid_from else item.x0
                if item.open_start and item.lead_from is None:
                    item.x0 = max(LEFT, item.xs0 - OPEN_LEAD)      # open: a short dotted lead-in
                item.xs1 = x(item.solid_to) if item.solid_to else item.x1
                item.xs1 = min(max(item.xs1, item.xs0 + 4), max(item.x1, item.xs0 + 4))
                item.x1 = max(item.x1, item.xs1)
            label_w = CHAR_W * (len(item.label) + 2)
            item.label_x = item.x0 + (6 if item.bar else 9)
            if item.label_x + label_w > WIDTH - RIGHT and item.x0 - label_w > LEFT:
                item.label_x, item.anchor = item.x0 - 9, "end"     # no room on the right
            left = item.label_x - label_w if item.anchor == "end" else item.x0
            right = max(item.x1, item.label_x if item.anchor == "end"
                        else item.label_x + label_w) + LABEL_GAP
            row = next((k for k, used in enumerate(rows) if used <= left), None)
            if row is None:
                rows.append(0)
                row = len(rows) - 1
            rows[row] = right
            item.y = y + row * ROW_H
        bottom = y + len(rows) * ROW_H
        lanes.append((name, y, bottom))
        y = bottom + LANE_GAP
    widest = max([WIDTH] + [int(i.label_x + CHAR_W * len(i.label)) + RIGHT
                            for i in items if i.anchor == "start"])
    today_x = x(today) if lo <= today < hi else None
    return Chart(widest, int(y + 4), items, lanes, ticks, today_x, undated)
