"""partner: an alliance or partnership between two organisations (unordered).

"Renault's alliance partners Nissan and Mitsubishi", "Nissan's long-term ally
Renault", "its partnership with Geely", "X and Y formed an alliance", "X teamed up
with Y".
"""
from __future__ import annotations

import re

from .base import DocContext, extractor, matches
from .view import ORG, POSS

# list members may carry a description: "Germany's Luftwerk", "French defence group Aubrac"
MEMBER = rf"(?:(?:⟨g\d+⟩ {POSS} )|(?:[A-Z][a-z]+ )?(?:[a-z][\w-]* ){{0,3}})?{ORG}"
LIST = rf"(?P<others>{MEMBER}(?: (?:,|and|, and) {MEMBER})*)"
PATTERNS = [
    re.compile(rf"(?P<org>{ORG}) {POSS} (?:[\w-]+ ){{0,3}}?(?:partners?|ally|allies) (?:, )?{LIST}", re.I),
    re.compile(rf"(?P<org>{ORG}) {POSS} (?:[\w-]+ ){{0,3}}?(?:partnership|alliance|collaboration|tie-up|"
               rf"cooperation|joint venture) (?:with|between) {LIST}", re.I),
    re.compile(rf"(?P<org>{ORG}) (?:has |have |had |will )?(?:partnered|partners|partner|teamed up|teams up|"
               rf"allied|cooperates|cooperated|collaborates|collaborated) with {LIST}", re.I),
    re.compile(rf"(?P<org>{ORG}) and {LIST} (?:have |had |will |plan to |also )*(?:formed|signed|struck|entered|agreed|sealed|"
               rf"announced|forged|expand|expanded|extend|extended|deepen|deepened|strengthen|strengthened|renew|renewed) "
               rf"(?:a |an |into a |into an |their |its |{ORG} {POSS} )?(?:[\w-]+ ){{0,2}}?(?:partnership|alliance|"
               rf"collaboration|tie-up|cooperation)", re.I),
    re.compile(rf"(?:partnership|alliance|collaboration|tie-up) between (?P<org>{ORG}) and {LIST}", re.I),
    re.compile(rf"(?P<org>{ORG}) (?:[^⟨.;]{{0,40}}?)\b(?:formed|signed|struck|entered into|agreed|sealed|forged|announced|has|had|"
               rf"have|set up|in talks with|talks with)(?: a| an)? (?:[\w-]+ ){{0,2}}?(?:partnership|alliance|collaboration|"
               rf"tie-up|cooperation) (?:with|between) {LIST}", re.I),
    re.compile(rf"(?P<org>{ORG}) (?:is |are |was |were )?(?:also )?in talks with {LIST} (?:about|on|over) (?:a |an )?(?:[\w-]+ )?"
               rf"(?:partnership|alliance|collaboration|tie-up|cooperation)", re.I),
]


FORMED = re.compile(r"\b(?:formed|signed|struck|entered|agreed|sealed|forged|announced|set up|teamed up)\b", re.I)


def _when(v, m):
    """'a partnership since 2019'; a formation ('formed a partnership on Tuesday') is dated too."""
    roles = ("since", "from", "point") if FORMED.search(m.group(0)) else ("since", "from")
    return v.time_near(m.start(), m.end(), max_gap=30, roles=roles)


@extractor("partner")
def extract(ctx: DocContext):
    facts = []
    for v, m in matches(ctx, PATTERNS):
        org = m.group("org")[2:-1]
        if v.is_agency(org):
            continue
        for idx in dict.fromkeys(re.findall(r"⟨o(\d+)⟩", m.group("others"))):
            if v.name(idx) == v.name(org) or v.is_agency(idx):
                continue
            status = v.status_before(m.start())
            if re.search(r"\b(?:in talks|talks with|considering|consider|explore|exploring|discuss\w*|negotiat\w*)\b",
                         m.group(0), re.I):
                status = "planned"          # "in talks with X about a partnership"
            f = ctx.fact(v, "partner", {"org": v.name(org), "partner": v.name(idx)},
                         m.start(), m.end(), status="planned" if status == "planned" else "actual",
                         time=_when(v, m))
            if f:
                facts.append(f)
    return facts
