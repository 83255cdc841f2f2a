"""Answers as rows and text: what `--format csv` writes and `--format table` prints.

Takes the JSON-ready answers of `newsledger.query` (through `Ledger`) and never asks
the ledger anything itself: data flows cli -> api -> query, and the CLI hands the
answers here.  `rows(kind, answer)` flattens an answer into one dict per line (CSV
keeps every column, document ids included); `table(kind, answer)` lays the rows out
for people, naming articles by title rather than by id.
"""
from __future__ import annotations

import csv
import io
import re
import shutil
import textwrap
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping

from .export import _csv_cell
from .query import org_items

# ------------------------------------------------------------------ source columns


def _src_ids(sources: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(dict.fromkeys(s["doc_id"] for s in sources))


def _src_titles(sources: Iterable[Mapping[str, Any]]) -> str:
    """The articles by title (their id when they have none), each once."""
    return "; ".join(dict.fromkeys(s.get("title") or s["doc_id"] for s in sources))


def _src_outlets(sources: Iterable[Mapping[str, Any]]) -> str:
    return "; ".join(dict.fromkeys(s.get("outlet") or "?" for s in sources))


def _src_quotes(sources: Iterable[Mapping[str, Any]]) -> str:
    return " | ".join(f"“{s['evidence']['text']}”" for s in sources if s.get("evidence"))


def _detail_text(detail: Mapping[str, Any] | None) -> str:
    detail = detail or {}
    return ", ".join(str(v) for k, v in detail.items() if v not in (None, "") and k != "via")


def _when(ln: Mapping[str, Any]) -> str:
    """A line's dates, short: '2016–2024-02', '?–', '?–by 2026-02' (a tie whose start is
    unknown, or whose end is only known as 'over by' a report)."""
    t, h = ln.get("time") or {}, ln.get("history") or {}
    start, end = t.get("start"), t.get("end")
    if ln.get("type") in ("part_of", "stake", "position", "operates", "produces", "partner") and h:
        by = (h.get("ended_by") or {}).get("date")
        return f"{start or '?'}–{end or (f'by {by}' if by else '')}"
    return "–".join(v for v in (start, end) if v)


# ------------------------------------------------------------------------- rows


def profile_rows(profile: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for type_, lines in profile["facts"].items():
        for ln in lines:
            rows.append({"type": type_, "summary": ln["summary"],
                         "time_start": ln["time"].get("start"), "time_end": ln["time"].get("end"),
                         "when": _when(ln),
                         "status": ln["status"], "claim_id": ln["claim_id"],
                         "sources": len(ln["sources"]), "doc_ids": _src_ids(ln["sources"]),
                         "articles": _src_titles(ln["sources"]),
                         "outlets": _src_outlets(ln["sources"]),
                         "conflicts": "; ".join(c["field"] for c in ln["conflicts"]),
                         "evidence": _src_quotes(ln["sources"])})
    return rows


def timeline_rows(tl: Mapping[str, Any]) -> list[dict[str, Any]]:
    return [{"date": ln["date"] or "undated", "kind": ln["kind"], "type": ln["type"],
             "summary": ln["summary"], "status": ln["status"], "via": ln.get("via"),
             "basis": ln.get("basis"), "note": ln.get("note"),
             "claim_id": ln["claim_id"], "doc_ids": _src_ids(ln["sources"]),
             "articles": _src_titles(ln["sources"]), "outlets": _src_outlets(ln["sources"]),
             "conflicts": "; ".join(c["field"] for c in ln["conflicts"]),
             "evidence": _src_quotes(ln["sources"])} for ln in tl["lines"]]


def org_rows(org: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for category, item, parent in org_items(org):
        sources = item.get("sources", [])
        rows.append({"category": category, "name": item["name"], "parent": parent,
                     "detail": _detail_text(item.get("detail")), "since": item.get("since"),
                     "since_basis": item.get("since_basis"), "held_from": item.get("held_from"),
                     "until": item.get("until"), "until_basis": item.get("until_basis"),
                     "status": item.get("status"),
                     "doc_ids": _src_ids(sources), "articles": _src_titles(sources),
                     "outlets": _src_outlets(sources), "evidence": _src_quotes(sources)})
    return rows


def diff_rows(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for change, key in (("+", "added"), ("-", "removed"), ("~", "changed")):
        for item in d[key]:
            sources = item.get("sources", [])
            rows.append({"change": change, "category": item["category"], "name": item["name"],
                         "parent": item.get("parent"), "detail": _detail_text(item.get("detail")),
                         "status": (f"{item.get('status_before')} -> {item['status']}"
                                    if change == "~" else item.get("status")),
                         "since": item.get("since"), "until": item.get("until"),
                         "doc_ids": _src_ids(sources), "articles": _src_titles(sources),
                         "evidence": _src_quotes(sources)})
    return rows


def search_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = [{"kind": "entity", "id": e["entity_id"], "name": e["name"], "type": e["type"],
             "outlet": None, "published": None, "text": ", ".join(e["aliases"])}
            for e in result["entities"]]
    rows += [{"kind": "document", "id": h["doc_id"], "name": h.get("title") or h["doc_id"],
              "type": None, "outlet": h.get("outlet"), "published": h.get("published"),
              "text": h["snippet"]}
             for h in result["documents"]]
    return rows


def claim_rows(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [{"claim_id": c["claim_id"], "type": c["type"], "summary": c["summary"],
             "time_start": c["time"].get("start"), "time_end": c["time"].get("end"),
             "status": c["status"], "held": c.get("history_text") or "",
             "sources": len(c["sources"]),
             "independent_sources": c["independent_sources"],
             "rests_on": "; ".join(c.get("based_on") or []),
             "conflicts": "; ".join(x["field"] for x in c["conflicts"]),
             "doc_ids": _src_ids(c["sources"]), "articles": _src_titles(c["sources"]),
             "outlets": _src_outlets(c["sources"]),
             "evidence": _src_quotes(c["sources"])} for c in items]


def conflict_rows(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One row per (claim, field, value, source): the value and who says it, in their words."""
    rows = []
    for c in items:
        for v in c["values"]:
            for s in v["sources"] or [{}]:
                ev = s.get("evidence") or {}
                rows.append({"claim_id": c["claim_id"], "claim": c["summary"], "field": c["field"],
                             "value": v["value_text"], "outlet": s.get("outlet"),
                             "doc_id": s.get("doc_id"), "title": s.get("title"),
                             "published": s.get("published"), "evidence": ev.get("text"),
                             "evidence_start": ev.get("start"), "evidence_end": ev.get("end")})
    return rows


# ------------------------------------------------------------------- text tables

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")     # no terminal escapes from articles


def terminal_width() -> int:
    return max(60, min(shutil.get_terminal_size((120, 24)).columns, 200))


def grid(rows: list[dict], columns: list[str], total: int | None = None) -> str:
    """A plain-text table; long cells wrap inside their column (no cell is cut off)."""
    if not rows:
        return "(nothing)"
    total = total or terminal_width()
    cells = [[_CONTROL.sub(" ", "" if r.get(c) is None else str(r.get(c))) for c in columns]
             for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    budget = total - 2 * (len(columns) - 1)
    while sum(widths) > budget and max(widths) > 12:
        widths[widths.index(max(widths))] -= 1
    lines = ["  ".join(c.upper().ljust(w) for c, w in zip(columns, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    for row in cells:
        wrapped = [textwrap.wrap(v, w) or [""] for v, w in zip(row, widths)]
        for k in range(max(len(x) for x in wrapped)):
            lines.append("  ".join((x[k] if k < len(x) else "").ljust(w)
                                   for x, w in zip(wrapped, widths)).rstrip())
    return "\n".join(lines)


def columns(*names: str) -> Callable[[Any, list[dict]], str]:
    """A table of these columns (all when none are named), empty columns left out."""
    def table(_answer: Any, rows: list[dict]) -> str:
        cols = list(names) or list(dict.fromkeys(k for r in rows for k in r))
        return grid(rows, [c for c in cols if any(r.get(c) not in (None, "") for r in rows)]
                    or cols[:1])
    return table


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def profile_table(profile: Mapping[str, Any], rows: list[dict]) -> str:
    """Who or what it is, then its facts (one line each), then the articles they come from."""
    facts = sum(profile.get("counts", {}).values())
    head = [f"{profile['name']} ({profile['type']})"]
    others = [a for a in profile["aliases"] if a != profile["name"]]
    if others:
        head.append("also called: " + ", ".join(others))
    head.append(f"{_plural(facts, 'fact')} from {_plural(len(profile['sources']), 'article')}"
                + (f"; {_plural(profile['conflicts'], 'conflict')} "
                   f"(see `newsledger conflicts --entity ...`)" if profile["conflicts"] else ""))
    out = ["\n".join(head), "",
           columns("type", "summary", "when", "outlets", "conflicts")(
               profile, rows), "", "SOURCES"]
    for s in profile["sources"]:
        out.append(f"  {s.get('published') or 'undated'}  {s.get('title') or s['doc_id']}"
                   f"  ({s.get('outlet') or 'unknown outlet'}; {_plural(s['facts'], 'fact')})")
    return "\n".join(out)


def org_table(org: Mapping[str, Any], rows: list[dict]) -> str:
    head = f"{org['entity']} as of {org['as_of']}"
    if org.get("gone"):
        head += f" (gone since {org['gone']['since']}: {org['gone']['how']})"
    for r in rows:
        if r["parent"]:
            r["name"] = f"  └ {r['name']} (of {r['parent']})"
        _bounds_text(r)
    return head + "\n\n" + columns("category", "name", "detail", "since", "until", "status",
                                    "articles")(org, rows)


def _bounds_text(r: dict[str, Any]) -> None:
    """How a row's bounds read: an unknown start with its first report, an end that is
    inferred or only known as 'over by' a report."""
    if not r.get("since"):
        r["since"] = f"? (reported {r['held_from']})" if r.get("held_from") else "?"
    elif r.get("since_basis") == "inferred":
        r["since"] = f"{r['since']} (inferred)"
    basis = r.get("until_basis") or ""
    if r.get("until") and basis.startswith("inferred"):
        r["until"] = f"{r['until']} ({basis})"
    elif r.get("until") and basis.startswith("by"):
        r["until"] = f"by {r['until']}"


def diff_table(d: Mapping[str, Any], rows: list[dict]) -> str:
    head = (f"{d['entity']}: {d['from']} ({d['from_as_of']}) -> {d['to']} ({d['to_as_of']}); "
            f"{d['unchanged']} unchanged")
    return head + "\n\n" + columns("change", "category", "name", "parent", "detail",
                                    "status", "since", "until", "articles")(d, rows)


def conflict_table(items: list[Mapping[str, Any]], rows: list[dict]) -> str:
    """Each disputed claim, then every value with the outlet and the quoted evidence."""
    if not items:
        return "no conflicts"
    out = []
    for c in items:
        out.append(f"{c['claim_id']}  {c['summary']}  — sources disagree on {c['field']}")
        sub = []
        for v in c["values"]:
            for s in v["sources"] or [{}]:
                ev = (s.get("evidence") or {}).get("text")
                sub.append({"value": v["value_text"],
                            "outlet": f"{s.get('outlet') or '?'} ({s.get('title') or s.get('doc_id')}, "
                                      f"{s.get('published') or 'undated'})",
                            "evidence": f"“{ev}”" if ev else ""})
        out.append("\n".join("    " + ln for ln in grid(sub, ["value", "outlet", "evidence"],
                                                         terminal_width() - 4).splitlines()))
        out.append("")
    return "\n".join(out)


# ------------------------------------------------------------------------ views


@dataclass(frozen=True)
class View:
    """How one kind of answer becomes rows and a table."""
    rows: Callable[[Any], list[dict[str, Any]]]
    table: Callable[[Any, list[dict]], str]


VIEWS: dict[str, View] = {
    "entity": View(profile_rows, profile_table),
    "timeline": View(timeline_rows, columns("date", "kind", "summary", "via", "outlets",
                                            "conflicts")),
    "org": View(org_rows, org_table),
    "diff": View(diff_rows, diff_table),
    "search": View(search_rows, columns("kind", "name", "type", "outlet", "published", "text")),
    "claims": View(claim_rows, columns("claim_id", "summary", "time_start", "time_end",
                                       "sources", "conflicts", "outlets")),
    "conflicts": View(conflict_rows, conflict_table),
}


def rows(kind: str, answer: Any) -> list[dict[str, Any]]:
    return VIEWS[kind].rows(answer)


def table(kind: str, answer: Any) -> str:
    return VIEWS[kind].table(answer, rows(kind, answer)).rstrip("\n")


def to_csv(row_dicts: list[dict[str, Any]]) -> str:
    """One header line (every column any row has), then one line per row."""
    cols = list(dict.fromkeys(k for r in row_dicts for k in r))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for r in row_dicts:
        writer.writerow([_csv_cell(r.get(c)) for c in cols])
    return buf.getvalue()
