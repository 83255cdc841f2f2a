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
# where something goes: "into Alder's intermediary division" (Alder), "by Brightwater's retail
# division, Brightwater Direct" (the named division), "into its Fresh Fields division"
TARGET = (rf"(?:the |its )?(?:[\w-]+ ){{0,3}}?(?P<into>{ORG})"
          rf"(?: {POSS} (?:[\w-]+ ){{0,3}}?(?:(?P<into2>{ORG}) )?(?:[\w-]+ ){{0,2}}?(?P<noun>division|unit|arm|business|parent|subsidiary|operations)"
          rf"(?: , (?P<into3>{ORG}))?)?")
PASSIVE = re.compile(
    rf"(?P<org>{ORG}) (?:, [^;]{{0,80}}? , |, |[^;.⟨]{{0,60}}(?:⟨[a-z]\d+⟩[^;.⟨]{{0,30}})? and )?(?:[\w-]+ ){{0,6}}?(?:will be |would be |is being |was |is |are |were |to be |being |be |has been |had been )?"
    rf"(?:re-?)?(?:integrated|absorbed|folded|merged|incorporated|brought|rolled|reintegrated|combined|merge) "
    rf"(?:back )?(?:into|in|within|by) {TARGET}", re.I)
# "Fjordtek will absorb Dravik's smaller offshore-services arm, Havbris"
ABSORB = re.compile(
    rf"(?P<into>{ORG}) (?:, [^;]{{0,80}}? , )?(?:[\w-]+ ){{0,3}}?(?:absorb|absorbs|absorbed|absorbing|will absorb) (?P<obj>[^.;]{{0,80}})", re.I)
ACTIVE = re.compile(
    rf"\b{INTO_VERBS} (?P<obj>[^.;]{{0,60}}?) (?:back )?(?:into|in|within) (?:the |its )?(?:[\w-]+ ){{0,3}}?(?P<into>{ORG})", re.I)
COMBINE_WITH = re.compile(
    rf"(?:(?P<subj>{ORG})(?! {POSS}) [^⟨.]{{0,40}}?)?\b(?:combine|combines|combining|combined|merge|merges|merging|merged|integrate|integrates|integrating) "
    rf"(?P<obj>[^.;]{{0,50}}?) with (?:(?P<into>{ORG}) {POSS} own|its own|(?:[\w-]+ ){{0,2}}?in ?- ?house)", re.I)
REINTEGRATING = re.compile(
    rf"(?P<subj>{ORG}) (?:is |was |will be |will |would )?(?:re-?integrating|re-?integrate|re-?integrates|reabsorbing|absorbing|folding back|bringing back) "
    rf"(?P<what>everything|it|all|them|the unit|the division|its activities|the business)", re.I)


@extractor("merged_into")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        for m in PASSIVE.finditer(v.sig):
            into = _target(v, m)
            if into:
                facts.append(_fact(ctx, v, m.group("org")[2:-1], into, m.start(), m.end()))
        for m in ABSORB.finditer(v.sig):
            if re.search(r"\b(?:is|was|be|been|being|are|were)\s+(?:[a-z]+ )?absorbed\b", m.group(0)) or \
                    re.match(r"\s*(?:into|by|in|within)\b", m.group("obj")):
                continue            # passive: "Cruise is absorbed into GM" is PASSIVE's
            found = object_entity(v, m.group("obj"))
            if found:
                facts.append(_fact(ctx, v, found[0], m.group("into")[2:-1], m.start(), m.start("obj") + found[1]))
        for m in ACTIVE.finditer(v.sig):
            found = object_entity(v, m.group("obj"))
            org = found[0] if found else None
            if org and v.name(org) == v.name(m.group("into")[2:-1]):
                org = _unit_in_sentence(v, ctx)      # "fold its activities back into the parent"
            if org:
                facts.append(_fact(ctx, v, org, m.group("into")[2:-1], m.start(), m.end()))
        for m in COMBINE_WITH.finditer(v.sig):
            found = object_entity(v, m.group("obj"))
            into = (m.group("into") or m.group("subj") or "")[2:-1] or _subject(v, m.start())
            if found and into:
                facts.append(_fact(ctx, v, found[0], into, m.start("obj") - 1 if not m.group("subj") else m.start(), m.end()))
        for m in REINTEGRATING.finditer(v.sig):
            unit = _main_unit(ctx)
            if unit:
                f = _fact(ctx, v, None, m.group("subj")[2:-1], m.start(), m.end(), org_name=unit)
                if f and re.search(r"\b(?:is|are|will be) (?:re-?integrating|reabsorbing|absorbing|folding|bringing)", m.group(0)):
                    f.status = "planned"     # "is reintegrating everything": under way, not done
                facts.append(f)
    return _untensed_follow_the_rest([f for f in facts if f])


def _untensed_follow_the_rest(facts: list) -> list:
    """'Folding Ampere back into Renault doesn't come as a surprise': a gerund has no tense;
    the same move stated elsewhere in the article with one (planned, by July) says which."""
    for f in facts:
        if not re.match(r"[A-Z][a-z]+ing\b", f.evidence.text):
            continue
        others = [g for g in facts if g is not f and g.args == f.args and not re.match(r"[A-Z][a-z]+ing\b", g.evidence.text)]
        planned = [g for g in others if g.status == "planned"]
        if planned:
            f.status = "planned"
            if not (f.time.start or f.time.end):
                f.time = planned[0].time
    return facts


def _target(v: View, m) -> str | None:
    """The organisation a merge goes into; "its parent" is the owner the sentence names."""
    named = m.group("into3") or m.group("into2")
    if named:
        return named[2:-1]
    if (m.group("noun") or "").lower() == "parent":
        org = m.group("org")[2:-1] if "org" in m.re.groupindex else None
        others = [i for i in re.findall(r"⟨o(\d+)⟩", v.sig)
                  if not v.is_agency(i) and v.name(i) not in (v.name(org), v.name(m.group("into")[2:-1]))]
        return others[0] if others else None
    return m.group("into")[2:-1]


def _subject(v: View, pos: int) -> str | None:
    ids = [i for i in re.findall(r"⟨o(\d+)⟩", v.sig[:pos]) if not v.is_agency(i)]
    return ids[0] if ids else None


def _unit_in_sentence(v: View, ctx: DocContext) -> str | None:
    for i in re.findall(r"⟨o(\d+)⟩", v.sig):
        c = ctx.analysis.cluster_of(v.mention_at[int(i)])
        if c is not None and c.unit:
            return i
    return None


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
