"""merged_into: an organisation is absorbed, reintegrated or folded into another.

"Ampere reintegrated into Renault by July", "Folding Ampere back into Renault",
"Cruise is absorbed into GM's efforts", "will combine Cruise's technical team with
its own", "Renault is reintegrating everything" (the unit the article is about).
"""
from __future__ import annotations

import re
from collections import Counter

from .base import DocContext, extractor, object_entity, verb_forms
from .view import ORG, POSS, View

INTO_VERBS = verb_forms("reintegrate", "integrate", "absorb", "fold", "merge", "incorporate",
                        "bring", "combine", "roll", "move", "put")
PASSIVE = re.compile(
    rf"(?P<org>{ORG}) (?:[\w-]+ ){{0,6}}?(?:will be |would be |is being |was |is |are |were |to be |being |be |has been |had been )?"
    rf"(?:re-?)?(?:integrated|absorbed|folded|merged|incorporated|brought|rolled|reintegrated|combined) "
    rf"(?:back )?(?:into|in|within) (?:the |its )?(?:[\w-]+ ){{0,3}}?(?P<into>{ORG})", re.I)
ACTIVE = re.compile(
    rf"\b{INTO_VERBS} (?P<obj>[^.;]{{0,60}}?) (?:back )?(?:into|in|within) (?:the |its )?(?:[\w-]+ ){{0,3}}?(?P<into>{ORG})", re.I)
COMBINE_WITH = re.compile(
    rf"(?:(?P<subj>{ORG}) [^⟨.]{{0,40}}?)?\b(?:combine|combines|combining|combined|merge|merges|merging|merged|integrate|integrates|integrating) "
    rf"(?P<obj>[^.;]{{0,50}}?) with (?:(?P<into>{ORG}) {POSS} own|its own|(?:[\w-]+ ){{0,2}}?in-house)", re.I)
REINTEGRATING = re.compile(
    rf"(?P<subj>{ORG}) (?:is |was |will be |will |would )?(?:re-?integrating|re-?integrate|re-?integrates|reabsorbing|absorbing|folding back|bringing back) "
    rf"(?P<what>everything|it|all|them|the unit|the division|its activities|the business)", re.I)


@extractor("merged_into")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        for m in PASSIVE.finditer(v.sig):
            facts.append(_fact(ctx, v, m.group("org")[2:-1], m.group("into")[2:-1], m.start(), m.end()))
        for m in ACTIVE.finditer(v.sig):
            found = object_entity(v, m.group("obj"))
            if found:
                facts.append(_fact(ctx, v, found[0], m.group("into")[2:-1], m.start(), m.end()))
        for m in COMBINE_WITH.finditer(v.sig):
            found = object_entity(v, m.group("obj"))
            into = (m.group("into") or m.group("subj") or "")[2:-1] or _subject(v, m.start())
            if found and into:
                facts.append(_fact(ctx, v, found[0], into, m.start("obj") - 1 if not m.group("subj") else m.start(), m.end()))
        for m in REINTEGRATING.finditer(v.sig):
            unit = _main_unit(ctx)
            if unit:
                facts.append(_fact(ctx, v, None, m.group("subj")[2:-1], m.start(), m.end(), org_name=unit))
    return [f for f in facts if f]


def _subject(v: View, pos: int) -> str | None:
    ids = [i for i in re.findall(r"⟨o(\d+)⟩", v.sig[:pos]) if not v.is_agency(i)]
    return ids[0] if ids else None


def _main_unit(ctx: DocContext) -> str | None:
    """The unit the article is about: its most mentioned unit."""
    counts = Counter(ctx.analysis.entity_name(m) for m in ctx.analysis.mentions
                     if ctx.analysis.cluster_of(m) is not None and ctx.analysis.cluster_of(m).unit)
    return counts.most_common(1)[0][0] if counts else None


def _fact(ctx: DocContext, v: View, org: str | None, into: str, start: int, end: int, org_name=None):
    name = org_name or v.name(org)
    if name is None or name == v.name(into) or v.is_agency(into):
        return None
    status = v.status_before(start)
    if re.search(r"\b(?:will|would|set to|plans?|to be)\b", v.sig[start:end], re.I):
        status = "planned"
    return ctx.fact(v, "merged_into", {"org": name, "into": v.name(into)}, start, end,
                    status="planned" if status == "planned" else "actual",
                    time=v.time_near(start, end, roles=("point", "by", "from")))
