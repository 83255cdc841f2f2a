"""stake: an owner holds a share of an organisation.

"Geely, which has a minority stake in Renault Korea", "X and Y have equal shares in
Z" (50% each), "X holds 43% of Y", "Nissan and Mitsubishi asked to purchase minority
stakes" (planned; in the unit the sentence is about), "consolidate its ownership of
Cruise", "Z, a 50-50 joint venture between X and Y".
"""
from __future__ import annotations

import re

from ..models import TimeSpan
from .base import DocContext, extractor, matches
from .events import state_of
from .view import ORG, POSS, View

SHARE = (r"(?P<share>\d+(?:\.\d+)? ?(?:%|per ?cent|percent)|(?:small |large |significant )?minority|"
         r"majority|controlling|equal|wholly[- ]owned|\w+-percent|\d+-\d+)")
OWNERS = rf"(?P<owners>{ORG}(?: (?:,|and|, and) {ORG})*)"
HOLD = (r"(?:has|have|had|holds|hold|held|owns|own|owned|took|takes|take|acquired|acquire|acquires|"
        r"bought|buy|buys|purchase|purchased|purchases|will take|will hold|retains|retain|keeps|"
        r"increased|raised|sold|cut)")
STAKE = r"(?:stake|stakes|shares|share|interest|holding|holdings)"

# what comes between "a stake in" and the company: "regional operator", "the struggling shipyards"
DESCR = r"(?:the |a |an )?(?:⟨g\d+⟩ (?:'s )?)?(?:[A-Z][a-z]+ )?(?:[a-z][\w-]* ){0,3}?"
TARGETS = rf"(?P<org>{ORG})(?P<more>(?: (?:,|and|, and) {ORG})*)"
# "the French state", "the Latvian government": an owner named by its country
STATE = r"(?:the )?(?P<state>[A-Z][a-z]+ (?:state|government))"
PERCENT = r"\d+(?:\.\d+)? ?(?:%|per ?cent|percent)"

PATTERNS = [
    re.compile(rf"{OWNERS} (?:, (?:which|who) )?(?:also |currently |still |now )?(?:[\w-]+ ){{0,3}}?{HOLD} "
               rf"(?:a |an |the |its |their )?(?:{SHARE} )?{STAKE} (?:in|of) {DESCR}{TARGETS}", re.I),
    re.compile(rf"{OWNERS} (?:also )?(?:owns|holds|controls|has|bought|buys|acquired|acquires|took|takes|"
               rf"will buy|will take|is buying) (?:about |around |roughly |nearly |some )?"
               rf"(?P<share>{PERCENT}) (?:of|in) (?P<org>{ORG})", re.I),
    re.compile(rf"{OWNERS} {POSS} (?:{SHARE} )?{STAKE} in {DESCR}(?P<org>{ORG})", re.I),
    # "Aubrac, which is 26% owned by the French state", "Orion, majority-owned by carmaker Huaxin"
    re.compile(rf"(?P<org>{ORG}) (?:, (?:which |that )?)?(?:is |was |has been |remains )?(?:now )?"
               rf"(?P<share>{PERCENT}|majority|minority|wholly|partly|jointly) ?-? ?owned by "
               rf"(?:{DESCR}(?P<owners>{ORG}(?: (?:,|and|, and) {ORG})*)|{STATE})", re.I),
    # "Meridian, in which Singapore state investor Lantau Holdings holds a 22% stake"
    re.compile(rf"(?P<org>{ORG}) , in which {DESCR}(?P<owners>{ORG}) (?:also )?(?:holds|has|owns|held|had|owned|took|"
               rf"bought|acquired|retains|keeps) (?:a |an )?(?:{SHARE} )?{STAKE}", re.I),
    # "The retailer's owners, the founding Ashworth family and investment firm Corbel Partners"
    re.compile(rf"(?P<org>{ORG}) {POSS} (?:[a-z]+ )?(?:owners|shareholders|backers|investors) (?:, |include |are )"
               rf"(?P<owners>{DESCR}{ORG}(?: (?:,|and|, and) {DESCR}{ORG})*)", re.I),
    # "Norvik agreed to pay 1.2 billion euros for 60% of Helix"
    re.compile(rf"{OWNERS} [^⟨.;]{{0,40}}?\b(?:pay|pays|paid|paying) [^⟨.;]{{0,40}}? for (?P<share>{PERCENT}) (?:of|in) (?P<org>{ORG})",
               re.I),
    # "the rest of its shares are held by Irish investment firm Corrib Capital"
    re.compile(rf"(?P<org>{ORG}) {POSS} (?:remaining )?(?:shares|stock|equity) (?:are|is|were|was) "
               rf"(?:held|owned) by (?:[\w-]+ ){{0,4}}?(?P<owners>{ORG})", re.I),
    re.compile(rf"(?P<owners>{ORG}) {POSS} (?:[\w-]+ ){{0,2}}?ownership (?:of|in) (?P<org>{ORG})", re.I),
    re.compile(rf"(?P<org>{ORG}) , (?:a |an |the )?(?P<share>50-50|equally[- ]owned|\d+-\d+)? ?joint venture "
               rf"(?:between|of|owned by|with) (?:[a-z]+ |⟨g\d+⟩ 's ){{0,2}}(?P<owners>{ORG}(?: (?:,|and|, and) "
               rf"(?:[a-z]+ |⟨g\d+⟩ 's ){{0,2}}{ORG})*)", re.I),
]
# "called off the purchase of a 20% stake in regional operator AirKurzeme": the buyer is the
# clause's subject
STAKE_NOUN = re.compile(
    rf"(?:purchase|acquisition|sale|buying|selling) of (?:a |an |the )?(?:{SHARE} )?{STAKE} in {DESCR}(?P<org>{ORG})",
    re.I)
# "prepares to sell its 60% stake in Spire to infrastructure investor Halden Capital"
SOLD_TO = re.compile(
    rf"(?P<verb>sell|sells|sold|selling|sale|to sell)(?: in [A-Z][a-z]+)? (?:of )?(?P<seller>{ORG}) {POSS} (?:{SHARE} )?{STAKE} in "
    rf"{DESCR}(?P<org>{ORG}) to (?:[a-z][\w-]* ){{0,4}}?(?P<owners>{ORG})", re.I)
# "Aldermark Pension will keep the remaining 40%", "will hold the rest": of the company whose
# shares the article was just dividing
REMAINING = re.compile(rf"{OWNERS} (?:will |would |is to |also )?(?:keep|keeps|kept|retain|retains|retained|hold|holds|"
                       rf"held|own|owns|owned) the (?:remaining|rest|other|balance)(?: (?P<share>{PERCENT}))?", re.I)
# "Nissan and Mitsubishi asked to purchase small minority stakes": stakes in what the sentence is about
NO_TARGET = re.compile(rf"{OWNERS} [^⟨.]{{0,40}}?(?:purchase|purchased|buy|bought|take|took|acquire|acquired|hold|holds|"
                       rf"held|keep|retain) (?:a |an )?(?:{SHARE} )?{STAKE}\b(?! in (?!\d{{4}}))", re.I)


@extractor("stake")
def extract(ctx: DocContext):
    facts = []
    for v, m in matches(ctx, PATTERNS):
        targets = [m.group("org")[2:-1]]
        if "more" in m.re.groupindex and m.group("more"):
            targets += re.findall(r"⟨o(\d+)⟩", m.group("more"))
        for target in targets:
            if "state" in m.re.groupindex and m.group("state"):
                facts.extend(_state_owned(ctx, v, m, target))
            else:
                facts.extend(_facts(ctx, v, m, target))
    for v, m in matches(ctx, [STAKE_NOUN]):
        owner = _subject_before(v, m.start())
        if owner and not SOLD_TO.search(v.sig):
            facts.extend(_facts(ctx, v, m, m.group("org")[2:-1], owners=[owner]))
    for v, m in matches(ctx, [SOLD_TO]):
        facts.extend(_sale(ctx, v, m))
    for v, m in matches(ctx, [REMAINING]):
        held = [f for f in facts if f and f.evidence.start < v.char_span(m.start(), m.end())[0]]
        if held:
            target = held[-1].args["org"]
            for idx in dict.fromkeys(re.findall(r"⟨o(\d+)⟩", m.group("owners"))):
                if v.name(idx) != target and not v.is_agency(idx):
                    args = {"owner": v.name(idx), "org": target}
                    share = _share(m.group("share"), m.group(0))
                    if share:
                        args["share"] = share
                    facts.append(ctx.fact(v, "stake", args, m.start(), m.end(),
                                          status="planned" if re.search(r"\b(?:will|would|is to)\b", m.group(0)) else "actual"))
    for v, m in matches(ctx, [NO_TARGET]):
        target = _topic(v, m)
        if target:
            facts.extend(_facts(ctx, v, m, target))
        elif ctx.main_org and ctx.main_org not in {v.name(o) for o in re.findall(r"⟨o(\d+)⟩", m.group("owners"))}:
            # "Maple Ridge, which bought a 45% stake in 2021": a stake in the company the story is about
            facts.extend(_facts(ctx, v, m, None, org_name=ctx.main_org))
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


def _when(v: View, m) -> TimeSpan:
    """A holding is dated by words right by it ("since 2019", "bought in June"), not by
    another clause of the sentence ("X, which is 40% owned by Y, sold 62,000 trucks last year")."""
    return v.time_near(*m.span(), max_gap=20, roles=("point", "since", "from", "range"))


def _subject_before(v: View, pos: int) -> str | None:
    ids = [i for i in re.findall(r"⟨o(\d+)⟩(?! {POSS})".replace("{POSS}", POSS), v.sig[:pos]) if not v.is_agency(i)]
    return ids[0] if ids else None


def _state_owned(ctx: DocContext, v: View, m, org_idx: str):
    share = _share(m.group("share"), m.group(0))
    args = {"owner": m.group("state"), "org": v.name(org_idx)}
    if share:
        args["share"] = share
    f = ctx.fact(v, "stake", args, m.start(), m.end(), status="actual", time=_when(v, m))
    return [f] if f else []


def _sale(ctx: DocContext, v: View, m):
    """A stake sold: the seller held it (until a completed sale), the buyer holds it now or soon."""
    share = _share(m.group("share"), m.group(0))
    org = v.name(m.group("org")[2:-1])
    seller, buyer = v.name(m.group("seller")[2:-1]), v.name(m.group("owners")[2:-1])
    before = v.sig[max(0, m.start() - 50):m.start()]
    planned = bool(re.search(r"\b(?:prepar\w*|plans?|will|would|agreed|expected|set|aims?|wants?)\b",
                             before + " " + v.sig[m.end():m.end() + 60], re.I)) or m.group("verb").lower() == "to sell"
    time = v.time_near(*m.span(), roles=("point", "by"))
    out = []
    for owner, status in ((seller, "actual" if planned else "former"), (buyer, "planned" if planned else "actual")):
        if owner == org or v.is_agency(m.group("owners")[2:-1]):
            continue
        args = {"owner": owner, "org": org}
        if share:
            args["share"] = share
        when = time
        if status == "actual" and planned:
            when = TimeSpan()
        elif status == "former":
            when = TimeSpan(None, time.start, time.approx, time.text, time.resolved)
        out.append(ctx.fact(v, "stake", args, m.start(), m.end(), status=status, time=when))
    return [f for f in out if f]


def _facts(ctx: DocContext, v: View, m, org_idx: str | None, owners: list[str] | None = None,
           org_name: str | None = None):
    share = _share(m.group("share") if "share" in m.re.groupindex else None, m.group(0))
    owner_text = m.group("owners") if "owners" in m.re.groupindex and m.group("owners") else ""
    status = v.status_before(m.start() + len(owner_text), window=60)
    if re.search(r"\b(?:asked|invited|offered|proposed|plan|plans|planned|would|will|set to|agreed to|agrees to|"
                 r"to buy|to acquire|to take|to purchase|to pay)\b", m.group(0), re.I):
        status = "planned"          # "has agreed to buy a 60% stake": bought when the deal closes
    if owners is not None:
        status = state_of(v.sig[:m.start()], v.sig[m.start():])
    elif "joint venture" in m.group(0) and not re.search(r"\b(?:will|would|plan\w*|to form|to create)\b", m.group(0)):
        status = "actual"           # "Harbour, a joint venture with Pellham": a description of now
    elif re.search(r"\b(?:sell|selling|sale of|divest\w*|offload\w*|spin off)\s*$", v.sig[max(0, m.start() - 25):m.start()], re.I):
        status = "actual"           # "look at selling its 49% stake in X": the stake is held today
    out = []
    org = org_name or v.name(org_idx)
    for idx in owners or dict.fromkeys(re.findall(r"⟨o(\d+)⟩", owner_text)):
        if v.name(idx) == org or v.is_agency(idx):
            continue
        args = {"owner": v.name(idx), "org": org}
        if share:
            args["share"] = share
        out.append(ctx.fact(v, "stake", args, m.start(), m.end(), status=status,
                            time=_when(v, m)))
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
    if "wholly" in text or "outright" in text:
        return "wholly-owned"
    return None
