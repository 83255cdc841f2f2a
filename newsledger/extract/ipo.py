"""ipo: a listing planned, called off or completed (each state its own fact).

"had planned Ampere to go public" (planned), "the division was set to be partially
floated on a stock exchange during the first half of 2024" (planned), "the operation
was abandoned exactly two years ago" and "pulled the plug on the idea in early
2024" (cancelled: the plan they refer to), "X's IPO", "listing of X".
"""
from __future__ import annotations

import re

from .base import DocContext, extractor
from .events import CANCEL, CANCELLED_STATE, EVENT_ANAPHORS, state_of
from .view import ORG, POSS, View

IPO = (r"(?:go public|going public|went public|goes public|initial public offering|IPO|"
       r"public listing|stock market listing|listing|list (?:its |their )?shares|listed|"
       r"float(?:ed|ing)? (?:on|in)|floated|flotation|public offering|"
       # "its earlier attempt to list was pulled" (not "plans to list its unit X": LIST_ON's)
       r"(?:attempt|bid) to list(?! (?:its |their |the )?(?:[\w-]+ ){0,4}?(?:, )?⟨o))")
IPO_RX = re.compile(rf"\b{IPO}\b", re.I)
# "plans to list its Lumen unit on the Oslo stock exchange": the listed company is the object
LIST_ON = re.compile(rf"\b(?:list|lists|listed|listing|float|floats|floated|floating) (?P<obj>(?:{ORG} {POSS} )?"
                     rf"(?:[\w-]+ ){{0,4}}?(?:, )?{ORG})"
                     rf"[^.;]{{0,50}}?(?:\b(?:stock exchange|stock market|bourse|exchange|Nasdaq|NYSE)|on (?:the )?⟨o\d+⟩)", re.I)
# "shelved plans to list X": a plan that existed, then its call-off
CANCELLED_PLAN = re.compile(rf"\b{CANCEL} (?:its |their |the )?(?:plans?|proposals?) (?:to|for)\b", re.I)
ANAPHOR = re.compile(rf"\b{EVENT_ANAPHORS}\b", re.I)


@extractor("ipo")
def extract(ctx: DocContext):
    facts = []
    last_org = None
    for v in ctx.views:
        for m in LIST_ON.finditer(v.sig):
            ids = re.findall(r"⟨o(\d+)⟩", m.group("obj"))
            org = v.name(ids[-1])
            last_org = org
            state = state_of(v.sig[:m.start()], v.sig[m.start():])
            facts.append(ctx.fact(v, "ipo", {"org": org}, m.start(), m.end(), status=state,
                                  time=v.time_near(*m.span())))
            if state == "cancelled" and CANCELLED_PLAN.search(v.sig[max(0, m.start() - 60):m.start() + 5]):
                facts.append(ctx.fact(v, "ipo", {"org": org}, m.start(), m.end(), status="planned"))
        for m in IPO_RX.finditer(v.sig):
            if any(f.evidence.start <= v.char_span(*m.span())[0] < f.evidence.end for f in facts if f):
                continue
            org = _org_for(v, m, last_org)
            if not org:
                continue
            last_org = org
            state = state_of(v.sig[:m.start()], v.sig[m.start():])
            start, end = _clause(v, m)
            # a call-off is dated by when it happened, not by the plan's target date ("by July")
            # (and "the largest listing since 2019" compares, it does not date)
            roles = ("point",) if state == "cancelled" else ("point", "by", "from", "range")
            time = v.time_near(start, end, roles=roles)
            facts.append(ctx.fact(v, "ipo", {"org": org}, start, end, status=state, time=time))
            if state == "cancelled" and re.search(r"\bhad (?:planned|intended|hoped|aimed)\b", v.sig, re.I):
                facts.append(ctx.fact(v, "ipo", {"org": org}, start, end, status="planned"))
        if last_org:
            for m in ANAPHOR.finditer(v.sig):
                around = v.sig[max(0, m.start() - 40):m.end() + 60]
                if CANCELLED_STATE.search(around):
                    start, end = _clause(v, m)
                    facts.append(ctx.fact(v, "ipo", {"org": last_org}, start, end, status="cancelled",
                                          time=v.time_near(start, end)))
                    break
    return [f for f in facts if f]


def _org_for(v: View, m, last_org: str | None) -> str | None:
    """Whose listing: 'Ampere IPO', "Ampere's IPO", 'planned Ampere to go public', the subject
    of the clause, or else the company whose listing the article has been discussing."""
    before = v.sig[:m.start()]
    after = v.sig[m.end():m.end() + 80]
    near = re.search(rf"({ORG}) (?:{POSS} )?(?:[\w-]+ )?(?:to |to be )?(?:[\w-]+ )?$", before)
    if near and not v.is_agency(near.group(2)):
        return v.name(near.group(2))
    of = re.match(rf"\s*(?:of|for) (?:the )?(?:{ORG} {POSS} )?(?:[\w-]+ ){{0,3}}?(?:, )?({ORG})", after)
    if of:
        return v.name(re.findall(r"⟨o(\d+)⟩", of.group(0))[-1])
    if last_org:
        return last_org
    clause = re.split(r" , | ; ", before)[-1]
    subj = [i for i in re.findall(r"⟨o(\d+)⟩", clause) if not v.is_agency(i)]
    if not subj:
        # "Brightwater, the developer backed by X, is preparing to float": the sentence's subject
        subj = [i for i in re.findall(r"⟨o(\d+)⟩", before)
                if not v.is_agency(i) and v.mention_at[int(i)].subject][:1]
    if subj:
        # the unit is what goes public, not its owner: prefer a unit among the candidates
        units = [i for i in subj if v.is_unit(i)]
        return v.name((units or subj)[0])
    return None


def _clause(v: View, m) -> tuple[int, int]:
    """Evidence: from the clause start (last comma or sentence start) to the end of the trigger's phrase."""
    start = max(v.sig.rfind(" , ", 0, m.start()) + 3, 0) if " , " in v.sig[:m.start()] else 0
    stop = re.search(r" (?:,|;|\.) ", v.sig[m.end():])
    end = m.end() + (stop.start() if stop else len(v.sig) - m.end())
    return start, min(end, len(v.sig))
