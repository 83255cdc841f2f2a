"""stake: an owner holds a share of an organisation.

"Geely, which has a minority stake in Renault Korea", "X and Y have equal shares in
Z" (50% each), "X holds 43% of Y", "Nissan and Mitsubishi asked to purchase minority
stakes" (planned; in the unit the sentence is about), "consolidate its ownership of
Cruise", "Z, a 50-50 joint venture between X and Y".
"""
from __future__ import annotations

import re

from .base import DocContext, extractor, matches
from .view import ORG, POSS, View

SHARE = (r"(?P<share>\d+(?:\.\d+)? ?(?:%|per ?cent|percent)|(?:small |large |significant )?minority|"
         r"majority|controlling|equal|wholly[- ]owned|\w+-percent|\d+-\d+)")
OWNERS = rf"(?P<owners>{ORG}(?: (?:,|and|, and) {ORG})*)"
HOLD = (r"(?:has|have|had|holds|hold|held|owns|own|owned|took|takes|take|acquired|acquire|acquires|"
        r"bought|buy|buys|purchase|purchased|purchases|will take|will hold|retains|retain|keeps|"
        r"increased|raised|sold|cut)")
STAKE = r"(?:stake|stakes|shares|share|interest|holding|holdings)"

PATTERNS = [
    re.compile(rf"{OWNERS} (?:, (?:which|who) )?(?:also |currently |still |now )?(?:[\w-]+ ){{0,3}}?{HOLD} "
               rf"(?:a |an |the |its |their )?(?:{SHARE} )?{STAKE} (?:in|of) (?:the )?(?P<org>{ORG})", re.I),
    re.compile(rf"{OWNERS} (?:also )?(?:owns|holds|controls|has) (?:about |around |roughly |nearly |some )?"
               rf"(?P<share>\d+(?:\.\d+)? ?(?:%|per ?cent|percent)) (?:of|in) (?P<org>{ORG})", re.I),
    re.compile(rf"{OWNERS} {POSS} (?:{SHARE} )?{STAKE} in (?P<org>{ORG})", re.I),
    re.compile(rf"(?P<owners>{ORG}) {POSS} (?:[\w-]+ ){{0,2}}?ownership (?:of|in) (?P<org>{ORG})", re.I),
    re.compile(rf"(?P<org>{ORG}) , (?:a |an |the )?(?P<share>50-50|equally[- ]owned|\d+-\d+)? ?joint venture "
               rf"(?:between|of|owned by|with) {OWNERS}", re.I),
]
# "Nissan and Mitsubishi asked to purchase small minority stakes": stakes in what the sentence is about
NO_TARGET = re.compile(rf"{OWNERS} [^⟨.]{{0,40}}?(?:purchase|buy|take|acquire|hold) (?:a |an )?(?:{SHARE} )?{STAKE}\b(?! in)", re.I)


@extractor("stake")
def extract(ctx: DocContext):
    facts = []
    for v, m in matches(ctx, PATTERNS):
        facts.extend(_facts(ctx, v, m, m.group("org")[2:-1]))
    for v, m in matches(ctx, [NO_TARGET]):
        target = _topic(v, m)
        if target:
            facts.extend(_facts(ctx, v, m, target))
    return facts


def _topic(v: View, m) -> str | None:
    """The organisation the sentence is about: its first mention that is not an owner."""
    owners = set(re.findall(r"⟨o(\d+)⟩", m.group("owners")))
    for idx in re.findall(r"⟨o(\d+)⟩", v.sig):
        if idx not in owners and not v.is_agency(idx) and v.name(idx) not in {v.name(o) for o in owners}:
            after = v.sig[v.sig.index(f"⟨o{idx}⟩") + len(idx) + 3:][:4]
            if not after.startswith(" 's") and not after.startswith(" '"):
                return idx
    return None


def _facts(ctx: DocContext, v: View, m, org_idx: str):
    share = _share(m.group("share") if "share" in m.re.groupindex else None, m.group(0))
    status = v.status_before(m.start() + len(m.group("owners") or ""), window=60)
    if re.search(r"\b(?:asked|invited|offered|proposed|plan|plans|planned|would|will|set to)\b", m.group(0), re.I):
        status = "planned"
    if status == "negated":
        status = "negated"
    out = []
    for idx in dict.fromkeys(re.findall(r"⟨o(\d+)⟩", m.group("owners"))):
        if v.name(idx) == v.name(org_idx) or v.is_agency(idx):
            continue
        args = {"owner": v.name(idx), "org": v.name(org_idx)}
        if share:
            args["share"] = share
        out.append(ctx.fact(v, "stake", args, m.start(), m.end(), status=status,
                            time=v.time_near(*m.span())))
    return [f for f in out if f]


def _share(raw: str | None, whole: str) -> str | None:
    text = (raw or "").lower()
    if not text and re.search(r"\bequal(?:ly)?\b|50-50|fifty-fifty", whole, re.I):
        return "50%"
    if text in ("equal", "50-50", "equally-owned", "equally owned"):
        return "50%"
    m = re.match(r"(\d+(?:\.\d+)?)", text)
    if m and ("%" in text or "cent" in text or "percent" in text):
        return f"{float(m.group(1)):g}%"
    if "minority" in text:
        return "minority"
    if "majority" in text or "controlling" in text:
        return "majority"
    if "wholly" in text:
        return "wholly-owned"
    return None
