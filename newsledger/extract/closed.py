"""closed: an organisation or unit is shut down, dismantled or wound down.

"will shut down its Ampere unit on 1 July" (planned), "dismantled its mobility
services unit Mobilize", "has closed down the Mobilize division", "X will be wound
down", "the closure of X".
"""
from __future__ import annotations

import re

from .base import IN_PLACE, SITE, DocContext, extractor, object_entity, site_name, verb_forms
from .view import ENT, View

CLOSE = verb_forms("shut down", "shut", "close down", "close", "dismantle", "wind down", "wind up",
                   "disband", "dissolve", "liquidate", "shutter", "scrap", "phase out", "abolish")
# (not "close to the company", nor "the deal is expected to close in the third quarter")
ACTIVE = re.compile(rf"(?<!expected to )(?<!set to )(?<!due to )\b{CLOSE} "
                    rf"(?!to |in |on |at |by |after |before |within |during |later |soon |next |this |early |higher |lower |up )"
                    rf"(?P<obj>[^.;]{{0,90}})", re.I)
PASSIVE = re.compile(rf"(?P<org>{ENT}) (?:, [^;]{{0,100}}? , )?(?:[\w-]+ ){{0,4}}?(?:will be|would be|was|is|has been|had been|to be|is being|being|be) "
                     rf"(?:[\w-]+ )?(?:shut down|shut|closed down|closed|dismantled|wound down|wound up|disbanded|dissolved|liquidated|shuttered|scrapped|phased out)\b", re.I)
SITE_CLOSE = re.compile(rf"\b{CLOSE} (?:its |the |a |⟨o\d+⟩ 's )(?:[\w-]+ ){{0,2}}?{SITE} {IN_PLACE}", re.I)
NOUN = re.compile(rf"(?:closure|shutdown|dissolution|liquidation|dismantling|winding down|wind-down) of (?:the |its )?(?:[\w-]+ ){{0,3}}?(?P<org>{ENT})", re.I)


@extractor("closed")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        for m in ACTIVE.finditer(v.sig):
            found = object_entity(v, m.group("obj"))
            if found:
                idx, end = found
                facts.append(_fact(ctx, v, idx, m.start(), m.start("obj") + end))
        for m in SITE_CLOSE.finditer(v.sig):
            site = site_name(v, m)
            if site:
                facts.append(_fact(ctx, v, None, m.start(), m.end(), name=site))
        for rx in (PASSIVE, NOUN):
            for m in rx.finditer(v.sig):
                idx = m.group("org")[2:-1]
                if v.etype(idx) in ("organization", "facility") and not v.is_agency(idx):
                    facts.append(_fact(ctx, v, idx, m.start(), m.end()))
    return [f for f in facts if f]


def _fact(ctx, v: View, idx: str | None, start: int, end: int, name: str | None = None):
    status = v.status_before(start)
    # "Since taking charge in August, X has closed ...": a since-date does not date the closure
    time = v.time_near(start, end, roles=("point", "by", "from"))
    return ctx.fact(v, "closed", {"org": name or v.name(idx)}, start, end,
                    status="planned" if status == "planned" else ("negated" if status == "negated" else "actual"),
                    time=time)
