"""merger: a merger or business integration of two companies (unordered; each state a fact).

"merger talks between X and Y", "X and Y may end their merger negotiations",
"talks on a proposed business integration between their companies", "X will merge
with Y", "the two companies ... are reconsidering their merger plans".  Who "their"
and "the two companies" are comes from the last pair of companies named together.
"""
from __future__ import annotations

import re

from .base import DocContext, extractor, last_two_orgs
from .events import state_of
from .view import ORG, POSS, View

MERGER = (r"(?:merger|mergers|merge|merges|merging|merged|business integration|integration talks|"
          r"management integration|combination|tie-up)")
MERGER_RX = re.compile(rf"\b{MERGER}\b", re.I)
PAIR = re.compile(rf"({ORG}) (?:and|&) ({ORG})", re.I)
WITH = re.compile(rf"({ORG}) (?:{POSS} )?(?:[\w-]+ ){{0,4}}?(?:merger|merge|merges|merging|integration|combination|tie-up) with (?:[\w-]+ ){{0,3}}?({ORG})", re.I)
BETWEEN = re.compile(rf"(?:between|of) ({ORG}) and ({ORG})", re.I)
# "X ... signed a memorandum with Y to consider a business integration"
DEAL_WITH = re.compile(rf"({ORG})(?! {POSS}) [^.;]{{0,80}}?\b(?:memorandum|agreement|talks|negotiations|discussions|deal) (?:of understanding )?with ({ORG})", re.I)
ONLY_WITH = re.compile(rf"\b(?:merger|merge|integration|combination|tie-up|talks|negotiations) with (?:[\w-]+ ){{0,3}}?({ORG})", re.I)
TALK_ANAPHOR = re.compile(r"\b(?:the|those|these|their) (?:talks|negotiations|discussions)\b|\bon the matter\b", re.I)


@extractor("merger")
def extract(ctx: DocContext):
    facts = []
    last_pair = None
    for v in ctx.views:
        pair_here = _pair(v)
        for m in MERGER_RX.finditer(v.sig):
            if _is_unit_absorption(v, m):
                continue
            pair = (_pair_near(v, m) or (pair_here if _pair_before(v, m) else None)
                    or _their_pair(ctx, v, m) or _with_main(ctx, v, m) or last_pair)
            if not pair or _unit_and_owner(ctx, pair):
                continue
            last_pair = pair
            facts.extend(_facts(ctx, v, pair, m))
        if not MERGER_RX.search(v.sig) and last_pair and TALK_ANAPHOR.search(v.sig) and any(
                f.args.get("org") in last_pair for f in facts):
            m = TALK_ANAPHOR.search(v.sig)
            facts.extend(_facts(ctx, v, last_pair, m))
    return [f for f in facts if f]


def _unit_and_owner(ctx: DocContext, pair: tuple[str, str]) -> bool:
    """'the merging of Ampere's activities' into Renault is a unit going home (merged_into),
    not a merger of two companies."""
    units = {c.name for c in ctx.analysis.clusters if c.unit}
    return (pair[0] in units) != (pair[1] in units) and ctx.main_org in pair


def _pair(v: View) -> tuple[str, str] | None:
    for m in PAIR.finditer(v.sig):
        a, b = v.name(m.group(2)), v.name(m.group(4))
        if a != b and not v.is_agency(m.group(2)) and not v.is_agency(m.group(4)):
            return a, b
    return None


def _their_pair(ctx: DocContext, v: View, m) -> tuple[str, str] | None:
    """'between their companies', 'the two companies': the last two companies named."""
    if not re.search(r"\b(?:their|the two|both) (?:\w+ )?(?:companies|automakers|carmakers|firms|groups|sides)\b|\btheir\b",
                     v.sig, re.I):
        return None
    return last_two_orgs(ctx, v, m.start())


def _pair_before(v: View, m) -> bool:
    """A pair named before the trigger is its subject; one named after it ('behind only Toyota
    and Volkswagen') is not."""
    return bool(PAIR.search(v.sig[:m.start()]))


def _pair_near(v: View, m) -> tuple[str, str] | None:
    window = v.sig[max(0, m.start() - 60):m.end() + 60]
    for rx in (WITH, BETWEEN):
        hit = rx.search(window)
        if hit:
            a, b = v.name(hit.group(2)), v.name(hit.group(4))
            if a != b:
                return a, b
    hit = DEAL_WITH.search(v.sig[:m.end() + 40])
    if hit and not v.is_agency(hit.group(2)):
        a, b = v.name(hit.group(2)), v.name(hit.group(4))
        if a != b:
            return a, b
    return None


def _with_main(ctx: DocContext, v: View, m) -> tuple[str, str] | None:
    """'Talks on a business integration with Sakura ended': the article's company and Sakura."""
    hit = ONLY_WITH.search(v.sig[max(0, m.start() - 20):m.end() + 40])
    main = ctx.main_org
    if hit and main and v.name(hit.group(2)) != main:
        return main, v.name(hit.group(2))
    return None


def _is_unit_absorption(v: View, m) -> bool:
    """'merged into its parent' is merged_into, not a merger of equals."""
    return bool(re.match(r"\s*(?:back )?into\b", v.sig[m.end():]))


def _facts(ctx: DocContext, v: View, pair, m):
    state = state_of(v.sig[:m.start()], v.sig[m.start():])
    start = max(0, v.sig.rfind(" , ", 0, max(0, m.start() - 40)) + 3) if " , " in v.sig[:max(0, m.start() - 40)] else 0
    stop = re.search(r" (?:;|\.) ", v.sig[m.end():])
    end = m.end() + (stop.start() if stop else len(v.sig) - m.end())
    args = {"org": pair[0], "partner": pair[1]}
    # a deal's date sits next to its trigger ("talks, which began last December"); a date
    # further away usually dates something else (an announcement, a board meeting)
    # a plan's date is its deadline ("by April 2026"); a date by "talks" says when they were
    # held or reported ("talks in mid-February"), which is not when the merger would happen
    roles = ("by", "from") if state == "planned" else ("point", "since", "from", "range", "by", "until")
    out = [ctx.fact(v, "merger", args, start, end, status=state,
                    time=v.time_near(m.start(), m.end(), max_gap=30, roles=roles))]
    if state == "cancelled":
        # calling off talks on a proposed integration reports the plan too
        out.append(ctx.fact(v, "merger", dict(args), start, end, status="planned"))
    return out
