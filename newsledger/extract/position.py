"""position: a person holds a role at an organisation (time = tenure).

Read from titles before a name ("Renault CEO François Provost"), appositions after
one ("Mary Barra, GM's chair and CEO"), copulas and career verbs ("became the
group's CFO", "served as CEO of X from 2005 to 2008"), appointments ("named X as
CEO", "the appointment of X as its new CEO"), and, using the roles the article has
already given, departures ("X stepped down"), hand-overs ("was replaced by Y") and
"taking charge".
"""
from __future__ import annotations

import re

from ..models import TimeSpan
from .base import DocContext, extractor
from .roles import FORMER_QUALIFIERS, QUALIFIER, ROLE, role_name, split_roles
from .view import ORG, PER, POSS, View

ROLES = rf"(?P<role>{ROLE}(?: (?:and|&) {QUALIFIER}*{ROLE})?)"
HONORIFIC = r"(?:(?:Sir|Dame|Dr|Dr\.|Mr|Mr\.|Ms|Ms\.|Mrs|Mrs\.|Lord|Lady|Prof\.?) )?"
MODS = r"(?:[a-z][\w-]* ){0,2}?"
OF_ORG = rf"(?: (?:of|at|for) (?:the |both )?(?P<org2>{ORG}(?: (?:,|and) (?:the )?{ORG})*))?"

TITLE_BEFORE = re.compile(
    rf"(?:(?P<org>{ORG}) (?:{POSS} )?)?(?P<qual>{QUALIFIER}*){MODS}{ROLES}{OF_ORG} (?:, )?{HONORIFIC}(?P<per>{PER})", re.I)
APPOSITION = re.compile(
    rf"(?P<per>{PER}) , (?:(?:who is|who was|now|currently|then) )?(?:the |a |an )?(?:(?P<org>{ORG}) {POSS} )?"
    rf"(?P<qual>{QUALIFIER}*){MODS}{ROLES}{OF_ORG}", re.I)
CAREER = re.compile(
    rf"(?P<per>{PER})(?: , [^,⟨]{{1,40}} ,)?(?: ,)?(?: who)? (?:has |had |have )?(?:also |then |later |ultimately |most recently )?"
    rf"(?P<verb>was named|was appointed|is named|has been named|"
    rf"(?:is|was|became|becomes|been|will become|will be)(?: previously| formerly| once| briefly| now)?|"
    rf"served as|serves as|serving as|"
    rf"took on the role of|takes on the role of|take on the role of|was named|was appointed|"
    rf"is named|has been named|joined as|remains|remained|returned as|worked as|acted as|stays on as|"
    rf"will remain|will stay on as|continues as|will continue as) "
    rf"(?:as )?(?:the |a |an |its |their )?(?:(?P<org>{ORG}) {POSS} )?(?P<qual>{QUALIFIER}*){MODS}{ROLES}{OF_ORG}",
    re.I)
AS_ROLE = re.compile(
    rf"(?P<verb>serving as|served as|serves as|working as|worked as|most recently as|as) (?:the |a |an |its )?"
    rf"(?:(?P<org>{ORG}) {POSS} )?(?P<qual>{QUALIFIER}*){MODS}{ROLES}{OF_ORG}", re.I)
APPOINT = re.compile(
    rf"(?:(?P<org>{ORG}) [^⟨.]{{0,40}}?)?(?P<verb>named|appointed|appoints|appoint|names|name|hired|hires|"
    rf"promoted|promotes|tapped|taps|picked|picks|chose|chooses|selected|selects|confirmed|"
    rf"confirms|appointment of|nomination of) (?P<per>{PER})(?: , [^⟨]{{0,60}}? ,)? "
    rf"(?:as|to be|to become|to the (?:post|role|position) of) (?:the |its |a |an |their )?"
    rf"(?:(?P<org3>{ORG}) {POSS} )?(?P<qual>{QUALIFIER}*){MODS}{ROLES}{OF_ORG}", re.I)
TO_THE_POSITION = re.compile(
    rf"(?:(?P<org>{ORG}) [^⟨.]{{0,30}}?)?(?:named|appointed|appoints|appoint|names|promoted|promotes|"
    rf"put|puts|moved|moves)(?: (?:[^⟨.]|⟨o\d+⟩){{0,60}}?)? (?P<per>{PER})(?: , [^⟨]{{0,40}}? ,| ,)? "
    rf"(?:to|into|in) (?:the|this|that) (?:position|role|post|job|top job)", re.I)
DEPARTURE = re.compile(
    rf"(?P<per>{PER}) (?:, \d{{2}} , |, who |, )?(?:has |had |have |will )?(?:abruptly |suddenly |unexpectedly |officially )?"
    rf"(?:stepped down|steps down|step down|resigned|resigns|resign|left|leaves|quit|quits|retired|"
    rf"retires|departed|was ousted|was fired|was dismissed|exited|exits)", re.I)
DEPARTURE_NOUN = re.compile(
    rf"(?:departure|resignation|exit|ouster|retirement|firing|dismissal) of (?P<per>{PER})|"
    rf"(?P<per2>{PER}) {POSS} (?:departure|resignation|exit|ouster|retirement)", re.I)
REPLACED = re.compile(
    rf"(?P<old>{PER}) (?:was|is|has been|had been|will be) (?P<how>temporarily |permanently |briefly )?"
    rf"(?:replaced|succeeded) by (?:[A-Z][a-z]+ )?(?P<new>{PER})|"
    rf"(?P<new2>{PER}) (?:will |would )?(?:replaced|replaces|replace|succeeded|succeeds|succeed) (?P<old2>{PER})",
    re.I)
TAKING_CHARGE = re.compile(
    r"(?:taking|took|takes|take|taken) (?:charge|the helm|over|the reins|office|the top job)", re.I)
TAKE_CONTROL_AT = re.compile(
    rf"(?:take|took|takes|taking) (?:control|charge|the helm|the reins) (?:at|of) (?:[a-z][\w-]* ){{0,4}}?(?P<org>{ORG})",
    re.I)
LEADS = re.compile(
    rf"(?P<per>{PER}) (?:, [^⟨,]{{0,20}}(?:⟨o\d+⟩ {POSS} )?[^⟨,]{{0,60}} , )?(?:, (?:who|which) )?(?:who |which )?"
    rf"(?:has |had |will |would |now |currently |also )*(?:lead|leads|led|head|heads|headed|"
    rf"run|runs|ran|manage|manages|managed|oversee|oversees|oversaw|been running|been leading) "
    rf"(?:the |its |their )?(?:[\w-]+ ){{0,3}}?(?P<org>{ORG})(?! {POSS})", re.I)
SUCCESSOR = re.compile(
    rf"(?P<old>{PER}) {POSS} (?:[\w-]+ )?successor , (?:[\w-]+ ){{0,4}}?(?P<new>{PER})", re.I)
UNDER = re.compile(
    rf"(?P<org>{ORG}) (?:[\w-]+ ){{0,3}}?(?:was|is|has been|had been|will be|to be) (?:placed|put) under the "
    rf"(?:control|leadership|responsibility|direction|oversight|management) of (?P<per>{PER})|"
    rf"(?P<org2>{ORG}) (?:, [^⟨;]{{0,60}}(?:⟨g\d+⟩ (?:, )?){{0,3}},? )?(?:, )?(?:which is |which was |is |was |has been |now |currently )*"
    rf"(?:led|headed|run|managed) by (?:(?:its |the )?(?P<qual>{QUALIFIER}*)(?P<role>{ROLE}) )?(?P<per2>{PER})", re.I)
# "Keane's predecessor as CFO, Declan Moore", "His predecessor, Trond Aasen"
PREDECESSOR = re.compile(
    rf"(?P<new>{PER}) {POSS} predecessor(?: as (?:(?P<org>{ORG}) {POSS} )?(?P<role>{ROLE}))? , (?P<old>{PER})", re.I)
# "Solheim took over from her father Harald Solheim in 2020", "replacing Paul Brannigan"
TOOK_OVER_FROM = re.compile(
    rf"(?P<new>{PER})(?: , [^⟨]{{0,60}} ,)?(?: ,)? (?:[a-z]+ ){{0,3}}?(?:took over|takes over|will take over|"
    rf"has taken over|succeeded|succeeds|will succeed|replaced|replaces|will replace)"
    rf"(?: as (?P<role>{ROLE}))?(?: (?:in|on|last|this) [^⟨,]{{1,25}}?)? (?:from )?"
    rf"(?:(?:his|her|their|⟨p\d+⟩ 's) [a-z]+ |(?:longtime |long-time |former )?(?:{ROLE}) )?(?P<old>{PER})|"
    rf"(?P<new2>{PER})[^⟨]{{0,120}}?, (?:replacing|succeeding) (?P<old2>{PER})", re.I)
# "left to run rival Eirwave", "went on to lead X", "now chairs the company's board"
RUNS_ELSEWHERE = re.compile(
    rf"(?P<per>{PER}) (?:, [^⟨]{{0,60}} , |, )?(?:left|quit|departed|went on|moved on|has since left) to "
    rf"(?:run|lead|head|become chief executive of|become CEO of) (?:the |rival |[a-z]+ ){{0,2}}(?P<org>{ORG})", re.I)
CHAIRS = re.compile(
    rf"(?P<per>{PER}) (?:, [^⟨]{{0,60}} , |, )?(?:now |also |still |currently )?(?:chairs|chaired|will chair) "
    rf"(?:the board of |the )?(?P<org>{ORG})(?: {POSS} (?:supervisory )?board)?", re.I)
# "will join Kestrel as head of photonics", "has joined Sunmark as head of supply chain"
AS_SUCCESSOR = re.compile(
    rf"(?P<verb>named|appointed|appoints|names|picked|chose|selected|tapped) (?:[^⟨]{{0,30}})?(?P<new>{PER}) "
    rf"as (?P<old>{PER}) {POSS} successor", re.I)
JOINED = re.compile(rf"(?P<per>{PER}) (?:, )?(?:who )?(?:has |had )?joined (?P<org>{ORG})(?! as)", re.I)
JOINS_AS = re.compile(
    rf"(?P<per>{PER})(?: , (?:[^⟨,]|⟨[a-z]\d+⟩){{0,80}} ,)? (?:[a-z]+ ){{0,2}}?(?P<verb>will join|would join|is to join|to join|"
    rf"has joined|had joined|joined|joins|is joining) (?P<org>{ORG}) as (?:its |the |a |an )?"
    rf"(?P<qual>{QUALIFIER}*){MODS}(?P<role>{ROLE}(?: (?:and|&) {ROLE})?)", re.I)
EFFECTIVE = re.compile(r"\b(?:effective|taking effect|with effect)\b", re.I)


@extractor("position")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        facts.extend(_explicit(ctx, v))
    known = _known_roles(facts)
    for v in ctx.views:
        facts.extend(_inferred(ctx, v, known))
    _apply_effective_dates(ctx, facts)
    return facts


def _explicit(ctx: DocContext, v: View):
    out = []
    for rx in (TITLE_BEFORE, APPOSITION, CAREER, APPOINT):
        for m in rx.finditer(v.sig):
            out.extend(_facts_from_match(ctx, v, m))
    for m in AS_ROLE.finditer(v.sig):
        if any(f.evidence.start <= v.char_span(*m.span())[0] < f.evidence.end for f in out):
            continue
        person = _person_before(v, m.start())
        if person:
            out.extend(_facts_from_match(ctx, v, m, person=person, start=_last_person_pos(v, m.start())))
    for m in LEADS.finditer(v.sig):
        if v.etype(m.group("org")[2:-1]) != "organization" or v.is_agency(m.group("org")[2:-1]):
            continue
        status = v.status_before(m.start("org"), window=50)
        if status != "actual":
            continue            # "X will lead the group" is a hope, not a tenure
        left = re.match(r"[^.;⟨]{0,60}?, (?:has |had )?(?:stepped down|resigned|left|quit|retired|departed)\b", v.sig[m.end():])
        if left and " who " in m.group(0):
            # "X, who had led Y since 2021, stepped down ...": a tenure that has ended
            since = v.time_near(m.start("org"), m.end(), max_gap=20, roles=("since", "from", "range"))
            ended = v.time_near(m.end() + left.start(), m.end() + left.end(), max_gap=30, roles=("point",))
            out.append(ctx.fact(v, "position", {"person": v.name(m.group("per")[2:-1]),
                                                "org": v.name(m.group("org")[2:-1]), "role": "head"},
                                m.start(), m.end() + left.end(),
                                time=TimeSpan(since.start, ended.start, since.approx or ended.approx,
                                              since.text or ended.text, since.resolved or ended.resolved),
                                status="former", confidence=0.6))
            continue
        out.append(ctx.fact(v, "position", {"person": v.name(m.group("per")[2:-1]),
                                            "org": v.name(m.group("org")[2:-1]), "role": "head"},
                            m.start(), m.end(),
                            time=v.time_near(m.start("org"), m.end(), max_gap=20, roles=("since", "from", "range")),
                            status="planned" if status == "planned" else "actual", confidence=0.6))
    for m in UNDER.finditer(v.sig):
        org, per = (m.group("org") or m.group("org2"))[2:-1], (m.group("per") or m.group("per2"))[2:-1]
        role = (role_name(m.group("role")) if m.group("role") else None) or "head"
        out.append(ctx.fact(v, "position", {"person": v.name(per), "org": v.name(org), "role": role},
                            m.start(), m.end(), time=v.time_near(*m.span()), status="actual"))
    for m in TO_THE_POSITION.finditer(v.sig):
        role = _recent_role(ctx, v, before=m.start())
        if role:
            org = v.name(m.group("org")[2:-1]) if m.group("org") else ctx.main_org
            out.append(ctx.fact(v, "position", {"person": v.name(m.group("per")[2:-1]), "org": org,
                                                "role": role}, m.start(), m.end(),
                                time=v.time_near(*m.span()), status=_status(v, m)))
    return [f for f in out if f]


# Roles that also exist outside companies ("U.S. President Donald Trump"): only with a named org.
AMBIGUOUS_ROLES = {"president", "vice president", "director", "head", "chair", "founder"}


def _facts_from_match(ctx, v: View, m, person=None, start=None):
    per = person or v.name(m.group("per")[2:-1])
    roles = split_roles(m.group("role"))
    explicit = _orgs(v, m)
    ambiguous = AMBIGUOUS_ROLES - {"chair", "founder"}
    if _foreign_title(v, m) or (not explicit and all(r in ambiguous for r in roles)):
        return []
    orgs = explicit or ([ctx.main_org] if ctx.main_org else [])
    if not roles or not orgs or per is None:
        return []
    s = m.start() if start is None else min(start, m.start())
    if m.re in (TITLE_BEFORE, APPOSITION):
        # a title dates the tenure only through "since ..." / "from ... to ..." right by it
        time = v.time_near(m.start("role"), m.end(), max_gap=15, roles=("since", "range", "from"))
    else:
        # "X, who had led Y since 2021, stepped down, and Z was named CEO": an appointment is
        # dated by what follows it, not by another clause before
        verb = (m.group("verb") or "").lower() if "verb" in m.re.groupindex else ""
        time = v.time_near(s, m.end(), after_only=bool(re.search(r"named|appoint|became|becomes|joined", verb)))
    status = _status(v, m)
    if status == "actual" and time.end and not _is_since(time):
        status = "former"
    if status == "former" and time.start and not time.end and re.search(
            r"\b(?:stepped down|steps down|resigned|retired|left|quit|departed|was ousted)\b", v.sig[max(0, s - 5):m.end()]):
        # "X stepped down as chief executive a month ago": the date is when the tenure ended
        time = TimeSpan(None, time.start, time.approx, time.text, time.resolved)
    out = []
    for org in orgs:
        if org == per:
            continue
        for role in roles:
            out.append(ctx.fact(v, "position", {"person": per, "org": org, "role": role}, s, m.end(),
                                time=time, status=status,
                                confidence=0.85 if _orgs(v, m) else 0.6))
    return out


def _foreign_title(v: View, m) -> bool:
    """'Renault brand CEO X', 'U.S. President X': the title belongs to something we don't name."""
    head = v.sig[max(0, m.start() - 12):m.start("role")]
    return bool(re.search(r"\b(?:brand|U\.S\.|US|state|country|government|⟨g\d+⟩)\s*(?:'s\s*)?(?:[a-z-]+\s+)?$", head, re.I))


def _orgs(v: View, m) -> list[str]:
    # "joins from Brennan Dairies, where she has served as finance director": that company
    where = re.search(r"⟨o(\d+)⟩ , where $", v.sig[max(0, m.start() - 20):m.start()])
    if where and not v.is_agency(where.group(1)):
        return [v.name(where.group(1))]
    names = []
    for g in ("org2", "org", "org3"):
        if g in m.re.groupindex and m.group(g):
            for idx in re.findall(r"⟨o(\d+)⟩", m.group(g)):
                if not v.is_agency(idx):
                    names.append(v.name(idx))
            if names:
                return list(dict.fromkeys(names))
    return names


def _status(v: View, m) -> str:
    qual = (m.group("qual") or "") if "qual" in m.re.groupindex else ""
    before = v.sig[max(0, m.start() - 40):m.start()]
    if FORMER_QUALIFIERS.search(qual) or re.search(r"(?:former|then-?|ex-)\s*$", before, re.I):
        return "former"
    succession = r"\b(?:from|replacing|replaces|replaced|succeeding|succeeds|succeeded|predecessor ,?)"
    if m.re is TITLE_BEFORE and (re.search(succession + r"\s*$", before, re.I)
                                 or re.match(succession + r" ", m.group(0), re.I)):
        return "former"             # "took over from longtime boss Helga Richter"
    verb = (m.group("verb") or "") if "verb" in m.re.groupindex else ""
    if verb.lower() in ("served as", "was", "had been", "worked as", "acted as", "most recently as") or \
            re.search(r"\b(?:previously|formerly|once)$", verb, re.I):
        return "former"
    if re.search(r"\b(?:stepped down|steps down|step down|resigned|resigns|retired|retires|left|leaves|quit|"
                 r"departed|ousted|removed)\b[^⟨]{0,20}$", before, re.I):
        return "former"
    if re.search(r"\bmost recently\b", v.sig[max(0, m.start() - 30):m.end()], re.I):
        return "former"
    status = v.status_before(m.start(), window=40)
    return "planned" if status == "planned" and verb.lower() in ("will become", "will be") else "actual"


def _is_since(t: TimeSpan) -> bool:
    return bool(t.text and t.text.lower().startswith("since"))


def _person_before(v: View, pos: int) -> str | None:
    ids = re.findall(PER, v.sig[:pos])
    return v.name(ids[-1]) if ids else None


def _last_person_pos(v: View, pos: int) -> int:
    found = list(re.finditer(PER, v.sig[:pos]))
    return found[-1].start() if found else pos


def _recent_role(ctx: DocContext, v: View, before: int) -> str | None:
    """'appoints X to the position': the role the article last named before the appointment."""
    for w in reversed(ctx.views[:ctx.views.index(v) + 1][-3:]):
        text = w.sig[:before] if w is v else w.sig
        found = [r.group(0) for r in re.finditer(ROLE, text, re.I)
                 if not re.match(r"\s*,?\s*⟨p", text[r.end():])        # a title: "procurement chief X"
                 and not re.search(r"⟨p\d+⟩ , (?:[\w'-]+ ){0,3}$", text[:r.start()])]
        for phrase in reversed(found):
            name = role_name(phrase)
            if name and name not in ("head", "director"):
                return name
    return None


def _known_roles(facts) -> dict[str, tuple[str, str]]:
    """person -> (role, org) of their top role in the article, for inferred facts."""
    rank = {"CEO": 0, "chair": 1, "president": 2}
    best: dict[str, tuple[str, str]] = {}
    # a role someone still holds beats one they have left
    for f in sorted(facts, key=lambda f: f.status != "former"):
        p, r, o = f.args["person"], f.args["role"], f.args["org"]
        if p not in best or f.status != "former" and rank.get(r, 9) <= rank.get(best[p][0], 9):
            best[p] = (r, o)
    return best


def _inferred(ctx: DocContext, v: View, known):
    out = []
    for m in DEPARTURE_NOUN.finditer(v.sig):
        ref = m.group("per") or m.group("per2")
        per = v.name(ref[2:-1])
        role, org = known.get(per, (None, None))
        if role is None:
            # "X as its new CEO, following the departure of Y": Y held the role X takes
            titled = re.search(rf"{ROLE}", v.sig[:m.start()], re.I)
            role = role_name(titled.group(0)) if titled else None
            org = ctx.main_org
        if role and org:
            out.append(ctx.fact(v, "position", {"person": per, "org": org, "role": role},
                                m.start(), m.end(), status="former", confidence=0.5))
            if known.get(per, ("head",))[0] == "head":
                known[per] = (role, org)    # later sentences ("He was replaced by ...") use it
    for m in DEPARTURE.finditer(v.sig):
        per = v.name(m.group("per")[2:-1])
        role, org = known.get(per, ("head", ctx.main_org))
        t = v.time_near(*m.span(), roles=("point", "by"))
        # "will step down at the end of the year": in the role until then
        leaving = " will " in f" {m.group(0)} " or v.status_before(m.start("per")) == "planned"
        out.append(ctx.fact(v, "position", {"person": per, "org": org, "role": role}, m.start(),
                            m.end(), time=TimeSpan(None, t.start, t.approx, t.text, t.resolved),
                            status="actual" if leaving else "former", confidence=0.6))
    for m in REPLACED.finditer(v.sig):
        old = v.name((m.group("old") or m.group("old2"))[2:-1])
        new = v.name((m.group("new") or m.group("new2"))[2:-1])
        # the role changing hands: the old holder's, else the one the newcomer was given
        role, org = known.get(old) or known.get(new) or ("head", ctx.main_org)
        temporary = bool(m.group("how") and "temporar" in m.group("how")) or "interim" in v.sig.lower()
        out.append(ctx.fact(v, "position", {"person": new, "org": org, "role": role}, m.start(),
                            m.end(), time=v.time_near(*m.span()),
                            status="former" if temporary else "actual", confidence=0.6))
        out.append(ctx.fact(v, "position", {"person": old, "org": org, "role": role}, m.start(),
                            m.end(), status="former", confidence=0.6))
    for m in SUCCESSOR.finditer(v.sig):
        old, new = v.name(m.group("old")[2:-1]), v.name(m.group("new")[2:-1])
        if old in known and old != new:
            role, org = known[old]
            out.append(ctx.fact(v, "position", {"person": new, "org": org, "role": role}, m.start(),
                                m.end(), time=v.time_near(*m.span()), status="actual", confidence=0.6))
            known[new] = (role, org)        # the successor takes over the predecessor's role
    for m in TAKING_CHARGE.finditer(v.sig):
        # the one who took charge: the nearest person before the phrase (not a possessor), else after
        before = [p for p in re.finditer(PER + r"(?! 's)", v.sig[:m.start()])]
        near = before[-1] if before else re.search(PER, v.sig[m.end():])
        if near is None:
            continue
        if not before:
            near = re.search(PER, v.sig[m.end():])
            near_start, near_end = m.end() + near.start(), m.end() + near.end()
            per = v.name(near.group(1))
        else:
            near_start, near_end = near.start(), near.end()
            per = v.name(near.group(1))
        if per not in known:
            continue
        role, org = known[per]
        near = type("Span", (), {"start": lambda self: near_start, "end": lambda self: near_end})()
        s, e = min(near.start(), m.start()), max(near.end(), m.end())
        out.append(ctx.fact(v, "position", {"person": per, "org": org, "role": role}, s, e,
                            time=v.time_near(m.start(), m.end()), status="actual", confidence=0.6))
    for m in PREDECESSOR.finditer(v.sig):
        new, old = v.name(m.group("new")[2:-1]), v.name(m.group("old")[2:-1])
        role, org = known.get(new, (None, None))
        if m.group("role"):
            role = role_name(m.group("role"))
        if m.group("org"):
            org = v.name(m.group("org")[2:-1])
        org = org or ctx.main_org
        if role and org and old != new:
            out.append(ctx.fact(v, "position", {"person": old, "org": org, "role": role},
                                m.start(), m.end(), status="former", confidence=0.6))
            known.setdefault(old, (role, org))
    for m in TOOK_OVER_FROM.finditer(v.sig):
        new = v.name((m.group("new") or m.group("new2"))[2:-1])
        old = v.name((m.group("old") or m.group("old2"))[2:-1])
        role, org = known.get(new, (None, None))
        if m.group("role"):
            role, org = role_name(m.group("role")), org or ctx.main_org
        if role and org and old != new:
            t = v.time_near(*m.span(), roles=("point",))
            ended = TimeSpan(None, t.start, t.approx, t.text, t.resolved) if m.group("old") else TimeSpan()
            out.append(ctx.fact(v, "position", {"person": old, "org": org, "role": role},
                                m.start(), m.end(), time=ended,
                                status="former", confidence=0.6))
            out.append(ctx.fact(v, "position", {"person": new, "org": org, "role": role},
                                m.start(), m.end(), time=t, status="actual", confidence=0.6))
    for m in RUNS_ELSEWHERE.finditer(v.sig):
        if v.etype(m.group("org")[2:-1]) == "organization" and not v.is_agency(m.group("org")[2:-1]):
            out.append(ctx.fact(v, "position", {"person": v.name(m.group("per")[2:-1]),
                                                "org": v.name(m.group("org")[2:-1]), "role": "head"},
                                m.start(), m.end(), time=v.time_near(*m.span()), status="actual",
                                confidence=0.6))
    for m in CHAIRS.finditer(v.sig):
        planned = "will" in m.group(0).split()
        out.append(ctx.fact(v, "position", {"person": v.name(m.group("per")[2:-1]),
                                            "org": v.name(m.group("org")[2:-1]), "role": "chair"},
                            m.start(), m.end(), time=v.time_near(*m.span()),
                            status="planned" if planned else ("former" if "chaired" in m.group(0) else "actual"),
                            confidence=0.6))
    for m in JOINS_AS.finditer(v.sig):
        verb = m.group("verb").lower()
        planned = verb.split()[0] in ("will", "would", "is", "to")
        if v.status_before(m.start("verb"), window=30) == "planned":
            planned = True
        for role in split_roles(m.group("role")):
            out.append(ctx.fact(v, "position", {"person": v.name(m.group("per")[2:-1]),
                                                "org": v.name(m.group("org")[2:-1]), "role": role},
                                m.start(), m.end(), time=v.time_near(m.start("verb"), m.end()),
                                status="planned" if planned else "actual", confidence=0.7))
    for m in AS_SUCCESSOR.finditer(v.sig):
        new, old = v.name(m.group("new")[2:-1]), v.name(m.group("old")[2:-1])
        if old in known and old != new:
            role, org = known[old]
            t = v.time_near(m.start("verb"), len(v.sig), roles=("point", "from"), after_only=True)
            out.append(ctx.fact(v, "position", {"person": new, "org": org, "role": role},
                                m.start(), m.end(), time=t, status="planned" if t.start and v.published
                                and t.start > v.published[:len(t.start)] else "actual", confidence=0.6))
    for m in JOINED.finditer(v.sig):
        per, org = v.name(m.group("per")[2:-1]), v.name(m.group("org")[2:-1])
        role, known_org = known.get(per, (None, None))
        t = v.time_near(m.end("org") - 1, m.end(), max_gap=25, roles=("point",))
        if role and known_org == org and t.start:
            out.append(ctx.fact(v, "position", {"person": per, "org": org, "role": role},
                                m.start(), m.end(), time=t, status="actual", confidence=0.6))
    for m in TAKE_CONTROL_AT.finditer(v.sig):
        per = _person_before(v, m.start())
        if per:
            s = _last_person_pos(v, m.start())
            planned = v.sig[max(0, m.start() - 3):m.start()] == "to "
            out.append(ctx.fact(v, "position", {"person": per, "org": v.name(m.group("org")[2:-1]),
                                                "role": "head"}, s, m.end(), confidence=0.5,
                                status="planned" if planned else "actual"))
    return [f for f in out if f]


def _apply_effective_dates(ctx: DocContext, facts) -> None:
    """'The appointment, effective from July 31, ...' dates the appointment made elsewhere."""
    for v in ctx.views:
        if not (EFFECTIVE.search(v.sig) and re.search(r"\bappointment|\bnomination|\bpromotion", v.sig, re.I)):
            continue
        effective = EFFECTIVE.search(v.sig)
        after = v.char_span(effective.start(), effective.end())[0]
        times = [t for t in v.times if t.role in ("from", "point") and t.span and t.span.start
                 and t.end > v.dateline_end() and t.start >= after]
        if not times:
            continue
        eff = times[0]          # "effective January 1, 2026" (not the dateline's date)
        for f in facts:
            if f.status in ("actual", "planned") and re.search(r"\b(?:named|appoint|names|promot)", f.evidence.text, re.I):
                f.time = TimeSpan(eff.span.start, None, eff.span.approx, eff.text, eff.span.resolved)
