"""Pure helpers the pages use: evidence highlighting and the org chart's layout.

Nothing here writes markup.  `segments` cuts an article into plain-text pieces, each
knowing which facts' evidence covers it, and the template escapes every piece on its
own, so no offset, however wrong or hostile, can put a tag into the page.
`org_chart` turns an `org_at` answer into boxes and lines with coordinates; the
template draws them as SVG, escaping every label.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping
from urllib.parse import urlencode

# ------------------------------------------------------------------ highlighting


@dataclass
class Segment:
    text: str
    facts: list[str] = field(default_factory=list)    # fact ids whose evidence covers it
    anchor: str | None = None                          # fact id whose evidence starts here


def evidence_spans(text: str, facts: Iterable[Any]) -> dict[str, tuple[int, int]]:
    """{fact_id: (start, end)} for every fact whose evidence can be placed in `text`.

    Offsets are trusted only when they slice out exactly the evidence text; otherwise
    the quote is looked up in the text; evidence found nowhere is left out.
    """
    spans: dict[str, tuple[int, int]] = {}
    for f in facts:
        ev = f.evidence
        quote = ev.text or ""
        if not quote:
            continue
        if isinstance(ev.start, int) and isinstance(ev.end, int) and \
                0 <= ev.start < ev.end <= len(text) and text[ev.start:ev.end] == quote:
            spans[f.fact_id] = (ev.start, ev.end)
            continue
        at = text.find(quote)
        if at >= 0:
            spans[f.fact_id] = (at, at + len(quote))
    return spans


def segments(text: str, spans: Mapping[str, tuple[int, int]]) -> list[Segment]:
    """The text cut at every span boundary; overlapping spans are fine."""
    cuts = {0, len(text)}
    for start, end in spans.values():
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    starts: dict[int, str] = {}
    for fact_id, (start, _) in sorted(spans.items(), key=lambda kv: (kv[1], kv[0])):
        starts.setdefault(start, fact_id)
    out = []
    for a, b in zip(points, points[1:]):
        if a == b:
            continue
        covering = [fid for fid, (s, e) in spans.items() if s <= a and b <= e]
        out.append(Segment(text[a:b], sorted(covering), starts.pop(a, None) if covering else None))
    return out


# --------------------------------------------------------------------- org chart

BOX_W, BOX_H, GAP_X, GAP_Y, MARGIN = 236, 46, 22, 14, 20
PER_BAND = 4          # at most this many category columns side by side; more wrap below
ROOT_W, ROOT_H = 280, 54
SUB_INDENT = 18
PALETTE = {     # fill, stroke
    "root": ("#1e293b", "#0f172a"),
    "parents": ("#f1f5f9", "#64748b"),
    "owners": ("#f1f5f9", "#64748b"),
    "units": ("#dbeafe", "#2563eb"),
    "subsidiaries": ("#e0e7ff", "#4f46e5"),
    "joint_ventures": ("#fae8ff", "#a21caf"),
    "stakes": ("#fef3c7", "#b45309"),
    "facilities": ("#dcfce7", "#15803d"),
    "people": ("#fce7f3", "#be185d"),
}
TITLES = {"parents": "Parent of", "owners": "Owned by", "units": "Units",
          "subsidiaries": "Subsidiaries", "joint_ventures": "Joint ventures",
          "stakes": "Stakes held", "facilities": "Plants & sites", "people": "People"}
ABOVE = ("parents", "owners")
BELOW = ("units", "subsidiaries", "joint_ventures", "stakes", "facilities", "people")


NAME_CHAR_W = 8.2     # px per character of a box's name (13.5px semi-bold), generous
SUB_CHAR_W = 6.9      # px per character of its detail lines (11.5px)
NAME_LINE_H, SUB_LINE_H, BOX_PAD = 17, 15, 10


def _wrap(text: str, width_px: float, char_w: float) -> list[str]:
    """Lines of at most width_px (estimated), words kept whole unless one is too long."""
    return textwrap.wrap(text, max(4, int(width_px // char_w)), break_on_hyphens=False) or [""]


def _detail(category: str, item: Mapping[str, Any]) -> str:
    d = item.get("detail") or {}
    bits = []
    if category == "people":
        bits.append(str(d.get("role") or "role"))
    elif category in ("stakes", "owners"):
        bits.append(str(d.get("share") or "stake"))
    elif d.get("form") and category != "units":
        bits.append(str(d["form"]).replace("_", " "))
    if item.get("since"):
        bits.append(f"since {item['since']}")
    if item.get("until"):
        bits.append(f"until {item['until']}")
    return " · ".join(bits)


@dataclass
class Box:
    x: int
    y: int
    w: int
    h: int
    label: list[str]            # the name, wrapped: never cut
    sub: list[str]              # detail lines (a person's roles, one or more each)
    title: str
    href: str | None
    category: str
    name: str
    planned: bool = False

    @property
    def fill(self) -> str:
        return PALETTE.get(self.category, PALETTE["units"])[0]

    @property
    def stroke(self) -> str:
        return PALETTE.get(self.category, PALETTE["units"])[1]


@dataclass
class Chart:
    width: int
    height: int
    boxes: list[Box]
    lines: list[tuple[int, int, int, int]]
    headers: list[tuple[int, int, str]]
    empty: bool


def entity_link(name: str) -> str:
    return "/entity?" + urlencode({"name": name})


def evidence_link(source: Mapping[str, Any]) -> str:
    """The document page, scrolled to this source's highlighted evidence."""
    anchor = f"#ev-{source['fact_id']}" if source.get("fact_id") else ""
    return "/doc?" + urlencode({"id": source["doc_id"]}) + anchor


def _one_box_per_person(people: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A person holding several roles is one item listing them all."""
    merged: dict[str, dict[str, Any]] = {}
    for item in people:
        entry = merged.setdefault(item["name"], {**item, "roles": []})
        entry["roles"].append(item)
        if item.get("status") != "planned":
            entry["status"] = "actual"
    return list(merged.values())


def _detail_lines(category: str, item: Mapping[str, Any]) -> list[str]:
    parts = item.get("roles") or [item]
    return [_detail(category, p) + (" · planned" if p.get("status") == "planned" else "")
            for p in parts]


def org_chart(org: Mapping[str, Any]) -> Chart:
    """Boxes and connector lines for an org_at answer: owners above, the rest below."""
    org = {**org, "people": _one_box_per_person(org.get("people") or [])}
    below = [c for c in BELOW if org.get(c)]
    above = [c for c in ABOVE if org.get(c)]
    bands = [below[i:i + PER_BAND] for i in range(0, len(below), PER_BAND)]
    columns = max([len(b) for b in bands] + [len(above), 1])
    col_w = BOX_W + SUB_INDENT
    width = max(ROOT_W + 2 * MARGIN, columns * col_w + (columns - 1) * GAP_X + 2 * MARGIN)
    boxes: list[Box] = []
    lines: list[tuple[int, int, int, int]] = []
    headers: list[tuple[int, int, str]] = []

    def col_x(i: int, n: int) -> int:
        total = n * col_w + (n - 1) * GAP_X
        return (width - total) // 2 + i * (col_w + GAP_X)

    def item_box(x: int, y: int, w: int, category: str, item: Mapping[str, Any]) -> Box:
        planned = item.get("status") == "planned"
        details = [d for d in _detail_lines(category, item) if d]
        title = f"{item['name']} — {TITLES.get(category, category)}" + \
            (f": {'; '.join(details)}" if details else "")
        label = _wrap(item["name"], w - 2 * BOX_PAD, NAME_CHAR_W)
        sub = [ln for d in details for ln in _wrap(d, w - 2 * BOX_PAD, SUB_CHAR_W)]
        h = max(BOX_H, 2 * BOX_PAD + 4 + NAME_LINE_H * len(label) + SUB_LINE_H * len(sub))
        return Box(x, y, w, h, label, sub, title, entity_link(item["name"]), category,
                   item["name"], planned)

    y = MARGIN
    # owners and parents above the root
    if above:
        headers_y = y + 12
        y = headers_y + 10
        tallest = 0
        for i, cat in enumerate(above):
            x = col_x(i, len(above))
            headers.append((x, headers_y, TITLES[cat]))
            cy = y
            for item in org[cat]:
                b = item_box(x, cy, BOX_W, cat, item)
                boxes.append(b)
                cy += b.h + GAP_Y
            tallest = max(tallest, cy - GAP_Y - y)
        y = y + tallest + 40
    root_x = (width - ROOT_W) // 2
    root_label = _wrap(str(org["entity"]), ROOT_W - 2 * BOX_PAD, 9.8)
    root = Box(root_x, y, ROOT_W, ROOT_H + 20 * (len(root_label) - 1), root_label,
               [f"as of {org.get('as_of')}"], str(org["entity"]), None, "root",
               str(org["entity"]))
    if above:
        for b in boxes:
            lines.append((b.x + b.w // 2, b.y + b.h, b.x + b.w // 2, b.y + b.h + 6))
        bus_y = y - 20
        xs = [b.x + b.w // 2 for b in boxes if b.category in ABOVE]
        lines.append((min(xs + [root_x + ROOT_W // 2]), bus_y, max(xs + [root_x + ROOT_W // 2]), bus_y))
        for b in boxes:
            bottom_b = max(bb.y + bb.h for bb in boxes if bb.x == b.x)
            if b.y + b.h == bottom_b:
                lines.append((b.x + b.w // 2, b.y + b.h, b.x + b.w // 2, bus_y))
        lines.append((root_x + ROOT_W // 2, bus_y, root_x + ROOT_W // 2, y))
    boxes.append(root)
    y += root.h
    bottom = y
    center = root_x + ROOT_W // 2
    trunk_top = y
    for band in bands:
        bus_y = bottom + 24
        head_y = bus_y + 26
        top = head_y + 12
        lines.append((center, trunk_top, center, bus_y))        # the trunk from the root
        trunk_top = bus_y
        spines = [col_x(i, len(band)) + 8 for i in range(len(band))]
        lines.append((min(spines + [center]), bus_y, max(spines + [center]), bus_y))
        for i, cat in enumerate(band):
            x = col_x(i, len(band))
            spine = x + 8
            lines.append((spine, bus_y, spine, head_y - 12))
            headers.append((x + 16, head_y, TITLES[cat]))
            cy = top
            last_mid = None
            for item in org[cat]:
                b = item_box(x + 16, cy, BOX_W - 16, cat, item)
                boxes.append(b)
                mid = cy + min(b.h, BOX_H) // 2
                lines.append((spine, mid, b.x, mid))
                last_mid = mid
                cy += b.h + GAP_Y
                for sub in item.get("units", []) or []:
                    sb = item_box(x + 16 + SUB_INDENT, cy, BOX_W - 16 - SUB_INDENT, "units", sub)
                    boxes.append(sb)
                    smid = cy + sb.h // 2
                    lines.append((x + 16 + 8, b.y + b.h, x + 16 + 8, smid))
                    lines.append((x + 16 + 8, smid, sb.x, smid))
                    cy += sb.h + GAP_Y
            if last_mid is not None:
                lines.append((spine, head_y - 12, spine, last_mid))
            bottom = max(bottom, cy - GAP_Y)
    height = bottom + MARGIN
    return Chart(width, height, boxes, lines, headers, empty=not (below or above))
