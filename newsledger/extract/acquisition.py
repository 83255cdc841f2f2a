"""acquisition: a takeover or purchase of a company, or of a stake that makes it a subsidiary.

"X agreed to buy Y" (planned), "X acquired Y" (actual), "X proposed to make Y a
subsidiary" (planned), "X withdrew its bid for Y" (cancelled), "the acquisition of Y
by X", "X's takeover of Y".
"""
from __future__ import annotations

import re

from .base import DocContext, extractor, matches, verb_forms
from .events import state_of
from .view import ORG, POSS

BUY = verb_forms("acquire", "buy", "purchase", "take over", "snap up")
PATTERNS = [
    re.compile(rf"(?P<acq>{ORG}) (?:[^⟨.]{{0,50}}?)\b{BUY} (?:a |an |the )?(?:(?:\d+(?:\.\d+)? ?(?:%|per ?cent|percent)|majority|controlling) (?:stake|interest) in )?(?:(?!(?:stake|stakes|interest|shares|holding) )[\w-]+ ){{0,4}}?(?P<tgt>{ORG})(?! {POSS})", re.I),
    re.compile(rf"(?P<acq>{ORG}) [^⟨.]{{0,60}}?\b(?:make|making|makes|made|turn|turning) (?P<tgt>{ORG}) (?:into )?(?:a|its) (?:wholly[- ]owned )?subsidiary", re.I),
    re.compile(rf"(?:acquisition|takeover|purchase|buyout) of (?:[\w-]+ ){{0,2}}?(?P<tgt>{ORG}) by (?P<acq>{ORG})", re.I),
    re.compile(rf"(?P<acq>{ORG}) {POSS} (?:[\w$.,-]+ ){{0,5}}?(?:acquisition|takeover|purchase|buyout|bid|offer) (?:of|for) "
               rf"(?:[a-z][\w-]* ){{0,3}}?(?P<tgt>{ORG})", re.I),
    # "agreed to pay 1.2 billion euros for 60% of Helix" (a majority: a takeover)
    re.compile(rf"(?P<acq>{ORG}) [^⟨.;]{{0,40}}?\b(?:pay|pays|paid|paying) [^⟨.;]{{0,40}}? for "
               rf"(?:(?:[5-9]\d|100) ?(?:%|per ?cent|percent) of )?(?P<tgt>{ORG})", re.I),
    # "sold its onshore unit, Brightwater Onshore, to Irish utility Kilbride Power"
    re.compile(rf"\b(?:sold|sells|sell|selling|to sell) (?:its |the |a |{ORG} {POSS} )?(?:[\w-]+ ){{0,4}}?(?:, )?"
               rf"(?P<tgt>{ORG})(?: ,)? to (?:[A-Z][a-z]+ )?(?:[a-z][\w-]* ){{0,3}}?(?P<acq>{ORG})", re.I),
    # "Keystone, which Alder bought in 2020"
    re.compile(rf"(?P<tgt>{ORG}) , (?:which|that) (?P<acq>{ORG}) (?:had |has )?(?:acquired|bought|purchased|took over)\b", re.I),
    re.compile(rf"(?P<acq>{ORG}) (?:[^⟨.]{{0,40}}?)\b(?:bid|offer) for (?P<tgt>{ORG})", re.I),
]


@extractor("acquisition")
def extract(ctx: DocContext):
    facts = []
    for v, m in matches(ctx, PATTERNS):
        acq, tgt = m.group("acq")[2:-1], m.group("tgt")[2:-1]
        if v.name(acq) == v.name(tgt) or v.is_agency(acq) or v.is_agency(tgt):
            continue
        state = state_of(v.sig[:m.start("tgt")], v.sig[m.start("tgt"):])
        if state == "planned" and re.search(r"\b(?:acquired|bought|took over|purchased|completed)\b", m.group(0), re.I) \
                and not re.search(r"\b(?:will|would|plan|agreed|propos|offer)", m.group(0), re.I):
            state = "actual"
        facts.append(ctx.fact(v, "acquisition", {"acquirer": v.name(acq), "target": v.name(tgt)},
                              m.start(), m.end(), status=state, time=v.time_near(*m.span(), max_gap=30)))
    return [f for f in facts if f]
