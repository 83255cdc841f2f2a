"""founded: an organisation was created (time = when; `by` = who created it).

"Created in 2023 by Renault Group, Ampere ...", "The Ampere division was created in
2023 by then-CEO Luca de Meo", "Since its creation in 2023, Ampere ...", "X was
founded in 2009", "X founder Y", "another creation of his predecessor".
"""
from __future__ import annotations

import re

from .base import DocContext, extractor, matches
from .view import ENT, ORG, PER, POSS

CREATED = r"(?:created|founded|established|launched|set up|formed|started|spun off|incorporated)"
BY = rf"(?: (?:in|on|during|back in) [^⟨,.]{{1,30}}?)?(?: by (?:then-? ?|former |its |the )?(?:[\w-]+ ){{0,2}}?(?P<by>{ENT}))?"
PATTERNS = [
    # Created in 2023 by Renault Group, Ampere was ...
    re.compile(rf"^(?:[\w-]+ )?{CREATED}{BY} , (?P<org>{ORG})", re.I),
    # The Ampere division was created in 2023 by ...
    re.compile(rf"(?P<org>{ORG}) (?:[\w-]+ ){{0,3}}?(?:was|were|is|has been|had been|will be|to be) (?:[\w-]+ )?{CREATED}{BY}", re.I),
    # X, founded in 2009, ... / X, a battery start-up founded in 2019 by ...
    re.compile(rf"(?P<org>{ORG}) (?:[\w-]+ ){{0,2}}?, (?:which was |which is |(?:a|an|the) (?:[\w-]+ ){{0,4}}?)?{CREATED}{BY}", re.I),
    # Since its creation in 2023, Ampere ...
    re.compile(rf"^(?:since|after|following|before|at the time of) (?:{ORG} {POSS} |its )(?:creation|founding|launch|inception|formation)"
               rf"(?: in [^⟨,]{{1,30}}?)? , (?P<org>{ORG})", re.I),
    re.compile(rf"(?:creation|founding|formation|launch) of (?P<org>{ORG}){BY}", re.I),
    # Y created X / Y founded X
    re.compile(rf"(?P<by>{ENT}) (?:[\w-]+ )?(?:created|founded|established|set up|launched|formed) (?:the |its |a )?(?:[\w-]+ ){{0,3}}?(?P<org>{ORG})(?! {POSS})", re.I),
    # X founder Y
    re.compile(rf"(?P<org>{ORG}) (?:co-?)?founder (?P<by>{PER})", re.I),
    # the Mobilize division, another creation of his predecessor
    re.compile(rf"(?P<org>{ORG}) (?:[\w-]+ ){{0,2}}?, (?:another |a |the |its )?(?:[\w-]+ )?creation of (?:(?P<by>{ENT})(?! {POSS})|{ENT} {POSS} [\w-]+)", re.I),
]


@extractor("founded")
def extract(ctx: DocContext):
    facts = []
    for v, m in matches(ctx, PATTERNS):
        org = m.group("org")[2:-1]
        if v.etype(org) != "organization" or v.is_agency(org):
            continue
        args = {"org": v.name(org)}
        by = m.groupdict().get("by")
        if by and v.name(by[2:-1]) != args["org"]:
            args["by"] = v.name(by[2:-1])
        status = v.status_before(m.start())
        f = ctx.fact(v, "founded", args, m.start(), m.end(),
                     status="planned" if status == "planned" else "actual",
                     time=v.time_near(*m.span(), roles=("point", "range")))
        if f:
            facts.append(f)
    return facts
