"""produces: an organisation or plant makes a product.

"plants ... producing EVs, such as the Renault 5 and the Scenic", "X builds the Y",
"the Y, made by X", "its Super Cruise" (an organisation's own product), "X, which
focused on car sharing and the Duo quadricycle".
"""
from __future__ import annotations

import re

from .base import IN_PLACE, SITE, DocContext, extractor, site_name, verb_forms
from .view import ENT, ORG, POSS, PROD

MAKE = verb_forms("produce", "make", "build", "manufacture", "assemble", "develop", "launch",
                  "sell", "offer", "unveil", "design", "focus on", "focuss on", "specialize in",
                  "specialise in")
PRODUCTS = rf"(?P<prods>{PROD}(?:(?: [\w-]+){{0,3}}? (?:,|and|or|, and) (?:the |its )?{PROD})*)"
ACTIVE = re.compile(rf"\b{MAKE} [^.;]{{0,80}}?{PRODUCTS}", re.I)
PASSIVE = re.compile(rf"{PRODUCTS} (?:[\w-]+ ){{0,3}}?(?:, )?(?:which (?:is|are) |that (?:is|are) )?(?:built|made|produced|"
                     rf"manufactured|assembled|developed) (?:by|at|in) (?:(?:[A-Za-z][\w-]*|-) ){{0,5}}?(?P<maker>{ENT})", re.I)
# "a plant in Fidenza, which produces the Orsolan Oro range": the site makes it
SITE_WHICH = re.compile(rf"(?:⟨o\d+⟩ 's |its |a |the )(?:[\w-]+ ){{0,2}}?{SITE} {IN_PLACE} , (?:which|that) $", re.I)
OWN = re.compile(rf"(?P<maker>{ORG}) {POSS} (?:[\w-]+ ){{0,3}}?{PRODUCTS}", re.I)


@extractor("produces")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        for m in ACTIVE.finditer(v.sig):
            site = SITE_WHICH.search(v.sig[:m.start()])
            if site and site_name(v, site):
                facts.extend(_facts(ctx, v, None, m.group("prods"), site.start(), m.end(), site_name(v, site)))
                continue
            maker = _maker_before(v, m.start())
            if maker:
                facts.extend(_facts(ctx, v, maker, m.group("prods"), m.start(), m.end()))
        for m in PASSIVE.finditer(v.sig):
            facts.extend(_facts(ctx, v, m.group("maker")[2:-1], m.group("prods"), m.start(), m.end()))
        for m in OWN.finditer(v.sig):
            facts.extend(_facts(ctx, v, m.group("maker")[2:-1], m.group("prods"), m.start(), m.end()))
    return facts


def _maker_before(v, pos: int) -> str | None:
    """The nearest plant or company before the verb (a plant makes what it builds)."""
    found = [m for m in re.finditer(r"⟨([of])(\d+)⟩", v.sig[:pos])]
    for m in reversed(found):
        idx = m.group(2)
        if not v.is_agency(idx) and not v.sig[m.end():m.end() + 3].startswith(" 's"):
            return idx
    return found[-1].group(2) if found else None


def _facts(ctx, v, maker_idx: str | None, prods: str, start: int, end: int, maker_name: str | None = None):
    out = []
    maker = maker_name or v.name(maker_idx)
    for idx in re.findall(r"⟨d(\d+)⟩", prods):
        if v.name(idx) == maker:
            continue
        f = ctx.fact(v, "produces", {"maker": maker, "product": v.name(idx)}, start, end,
                     status=v.status_before(start) if v.status_before(start) == "planned" else "actual")
        if f:
            out.append(f)
    return out
