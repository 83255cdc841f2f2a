"""operates: an organisation runs or controls a plant or site.

"its Douai plant", "will resume direct control of its northern France plants -
Douai, Maubeuge and Ruitz - ... and the Cléon facility" (planned), "X operates the
Y factory", "the Y plant, run by X".
"""
from __future__ import annotations

import re

from .base import IN_PLACE, SITE, DocContext, extractor, site_name
from .view import FAC, ORG, POSS

CONTROL = re.compile(
    rf"(?:(?P<subj>{ORG}) [^⟨.]{{0,40}}?)?(?P<verb>(?:resume|resumes|resuming|resumed|take|takes|taking|took|"
    rf"regain|regains|regained|assume|assumes|assumed|retain|retains|keep|keeps|kept|have|has|had)"
    rf" (?:direct |full |operational |sole )?(?:control|ownership|management) (?:of|over)|"
    rf"operates|operate|operating|operated|runs|run|running|ran|manages|manage|owns|own|controls|control)"
    rf" (?:the |its |their |(?P<poss>{ORG}) {POSS} )?", re.I)
POSSESSED = re.compile(rf"(?P<org>{ORG}) {POSS} (?:[\w-]+ ){{0,3}}?(?P<fac>{FAC})", re.I)
SITE_OF = re.compile(
    rf"(?:(?P<org>{ORG}) {POSS}|(?P<subj>{ORG}) [^⟨.;]{{0,40}}?\b(?:at|in|from) (?:a|the|its)) (?:[\w-]+ ){{0,2}}?{SITE} "
    rf"{IN_PLACE}", re.I)
RUN_BY = re.compile(rf"(?P<fac>{FAC}) (?:[\w-]+ ){{0,2}}?, (?:which is |that is )?(?:owned|run|operated|controlled|managed) by (?P<org>{ORG})", re.I)


@extractor("operates")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        done = set()
        for m in CONTROL.finditer(v.sig):
            owner = (m.group("poss") or m.group("subj") or "")[2:-1]
            if not owner:
                continue
            # every site named after the verb in this sentence: "plants - A, B and C ... and the D facility"
            for fm in re.finditer(FAC, v.sig[m.end():]):
                idx = fm.group(1)
                end = m.end() + fm.end()
                status = v.status_before(m.start("verb"))
                f = ctx.fact(v, "operates", {"org": v.name(owner), "facility": v.name(idx)},
                             m.start("verb") if not m.group("subj") else m.start(), end,
                             status="planned" if status == "planned" else "actual",
                             time=v.time_near(m.start("verb"), end))
                if f:
                    facts.append(f)
                    done.add(idx)
        for rx in (POSSESSED, RUN_BY):
            for m in rx.finditer(v.sig):
                idx = re.findall(r"\d+", m.group("fac"))[0]
                if idx in done or v.is_agency(m.group("org")[2:-1]):
                    continue
                f = ctx.fact(v, "operates", {"org": v.name(m.group("org")[2:-1]), "facility": v.name(idx)},
                             m.start(), m.end(), status="actual")
                if f:
                    facts.append(f)
        for m in SITE_OF.finditer(v.sig):
            owner = (m.group("org") or m.group("subj"))[2:-1]
            site = site_name(v, m)
            if v.is_agency(owner) or not site or site.startswith(v.name(owner) + " "):
                continue
            status = v.status_before(m.start(), window=40)
            f = ctx.fact(v, "operates", {"org": v.name(owner), "facility": site},
                         m.start(), m.end(), status="planned" if status == "planned" else "actual")
            if f:
                facts.append(f)
    return facts
