"""job_cuts: job cuts announced (planned), done (actual) or explicitly ruled out (negated).

"X will cut 2,000 jobs", "X laid off 500 workers", "Ampere's 11,000 employees are
not expected to face job cuts" (negated), "the plan does not include any cuts to the
11,000 people working for the division" (negated).
"""
from __future__ import annotations

import re

from .base import DocContext, extractor, last_pair_named
from .view import ENT, POSS, View

CUTS = re.compile(
    r"\b(?:job cuts?|job losses|layoffs?|lay-offs?|redundanc(?:y|ies)|headcount reductions?|"
    r"(?:cut|cuts|cutting|slash|slashes|slashing|eliminate|eliminates|eliminating|shed|sheds|shedding|axe|axes|axing)"
    r" (?:(?:a further|a total of|another|an additional|about|around|some|nearly|up to|more than|over|roughly|"
    r"approximately|almost|as many as) )*[\d,.]+(?: \w+)? (?:jobs|positions|roles|workers|employees|staff)|"
    r"(?:lay|lays|laying|laid) off|cuts to (?:the |its )?(?:[\w,.]+ ){0,3}?(?:people|jobs|workers|employees|staff|workforce)|"
    # "About 420 jobs will go at the mill", "1,200 positions will be cut"
    r"(?:(?:about|around|some|nearly|up to|more than|over|roughly) )?[\d,.]+ (?:jobs|positions|roles) (?:will|would|are to|are set to|"
    r"could) (?:go|be lost|be cut|be axed|be eliminated|disappear))",
    re.I)
COUNT = re.compile(r"([\d][\d,.]*(?: (?:million|thousand))?)\s+(?:jobs|positions|roles|workers|employees|staff|people)", re.I)


@extractor("job_cuts")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        for m in CUTS.finditer(v.sig):
            status = _status(v, m)
            # "would not lead to job cuts at either airline": both companies just named
            both = re.match(r"\s*(?:at|in|for) (?:either|both|the two) ", v.sig[m.end():])
            pair = last_pair_named(ctx, v, m.start()) if both else None
            for org in (pair or [_org(v, m) or ctx.main_org]):
                facts.append(_cut(ctx, v, m, org, status))
    return [f for f in facts if f]


def _cut(ctx: DocContext, v: View, m, org: str | None, status: str):
    if not org:
        return None
    args = {"org": org}
    count = _count(v, m) if status != "negated" else None
    if count:
        args["count"] = count
    return ctx.fact(v, "job_cuts", args, _clause_start(v, m.start()), m.end() + _tail(v, m.end()),
                    status=status, time=v.time_near(m.start(), m.end()))


def _org(v: View, m) -> str | None:
    """Whose jobs: 'working for the division', "Ampere's employees", or the clause's subject."""
    after = v.sig[m.end():m.end() + 80]
    hit = re.search(rf"(?:working|who work|employed) (?:for|at|by) (?:the )?({ENT})", after, re.I)
    if hit and v.etype(hit.group(2)) == "organization":
        return v.name(hit.group(2))
    before = v.sig[:m.start()]
    ids = [i for i in re.findall(r"⟨o(\d+)⟩", before) if not v.is_agency(i)]
    if ids:
        # "Ampere's roughly 11,000 employees are not expected to face job cuts": the employer
        poss = re.findall(rf"⟨o(\d+)⟩ {POSS} (?:[\w,.]+ ){{0,3}}?(?:employees|workers|staff|people|workforce)", before)
        return v.name(poss[-1] if poss else ids[-1])
    return None


def _status(v: View, m) -> str:
    window = v.sig[max(0, m.start() - 60):m.start()]
    if re.search(r"\b(?:not|no|n't|never|without|rule[sd]? out|ruling out)\b", window, re.I):
        return "negated"
    if re.search(r"\b(?:will|would|plans?|planned|to|expected|expects|announced|announces|could|may|set to|proposed)\b", window, re.I):
        return "planned"
    return "actual"


def _count(v: View, m):
    hit = COUNT.search(m.group(0)) or COUNT.search(v.sig[m.end():m.end() + 40])
    if not hit:
        return None
    raw = hit.group(1).replace(",", "")
    try:
        value = float(raw.split()[0])
    except ValueError:
        return None
    if "million" in raw:
        value *= 1e6
    elif "thousand" in raw:
        value *= 1e3
    return int(value)


def _clause_start(v: View, pos: int) -> int:
    prev = v.sig.rfind(" , ", 0, pos)
    ids = list(re.finditer(r"⟨o\d+⟩", v.sig[:pos]))
    start = ids[-1].start() if ids else (prev + 3 if prev >= 0 else 0)
    return max(start, 0)


def _tail(v: View, end: int) -> int:
    """Include 'to the roughly 11,000 people working for the division' after the trigger."""
    hit = re.match(r"(?: [^,;.]{0,80}?(?:people|workers|employees|staff)(?: working (?:for|at) (?:the )?(?:[\w-]+ ){0,3}?(?:⟨[a-z]\d+⟩|division|unit|company))?)", v.sig[end:])
    return hit.end() if hit else 0
