"""part_of: an organisation is a unit, division or subsidiary of a parent.

"its mobility services unit Mobilize", "its Ampere EV unit", "Ampere, Renault's EV
division", "X, a wholly-owned subsidiary of Y", "two wholly-owned Renault
subsidiaries: A and B", "Kering, which owns Gucci and Balenciaga", and, when the
article names no owner, "the Mobilize division" of the company it is about.
"""
from __future__ import annotations

import re

from .base import DocContext, extractor
from .view import ORG, POSS, View

UNIT = r"(?P<noun>unit|division|subsidiary|arm|business|affiliate|offshoot|spin-?off|joint venture|entity)"
UNITS = r"(?P<noun>units|divisions|subsidiaries|arms|businesses|affiliates|brands)"
OWNED = r"(?P<own>wholly[- ]owned |fully[- ]owned |majority[- ]owned |100%[- ]owned )?"
FILL = r"(?:[\w()&/-]+ ){0,7}?"
LIST = rf"(?P<kids>{ORG}(?: (?:,|and|, and) (?:the )?{ORG})*)"
# list members introduced by what they are: "shipping line A, salmon farmer B and engineering group C"
DESCRIBED = rf"(?:[a-z][\w-]* ){{1,3}}?{ORG}"
DESCRIBED_LIST = rf"(?P<kids>{DESCRIBED}(?: (?:,|and|, and) {DESCRIBED})+)"

PATTERNS = [
    # its mobility services unit Mobilize
    re.compile(rf"(?P<parent>{ORG}) {POSS} {OWNED}{FILL}{UNIT} (?:, )?(?P<kid>{ORG})", re.I),
    # its Ampere electric vehicle (EV) and software unit
    re.compile(rf"(?P<parent>{ORG}) {POSS} {OWNED}(?:[\w-]+ ){{0,3}}?(?P<kid>{ORG}) {FILL}{UNIT}\b", re.I),
    # Ampere, the ... division of Renault / Ampere, Renault's EV division
    re.compile(rf"(?P<kid>{ORG}) , (?:the |a |an |its )?{OWNED}{FILL}{UNIT} (?:of|within|at|owned by) (?P<parent>{ORG})", re.I),
    re.compile(rf"(?P<kid>{ORG}) , (?P<parent>{ORG}) {POSS} {OWNED}{FILL}{UNIT}\b", re.I),
    # X is a wholly-owned subsidiary of Y
    re.compile(rf"(?P<kid>{ORG}) (?:is|was|remains|became|becomes|will become|has become) (?:a |an |the )?{OWNED}{FILL}{UNIT} (?:of|within) (?P<parent>{ORG})", re.I),
    re.compile(rf"(?P<parent>{ORG}) (?:, [^⟨;]{{0,80}}? )?(?:, )?(?:which |that )?(?:also )?(?:owns|controls) {DESCRIBED_LIST}", re.I),
    # two wholly-owned Renault subsidiaries: A and B / Renault's subsidiaries A and B
    re.compile(rf"{OWNED}(?P<parent>{ORG}) (?:{POSS} )?(?:[\w-]+ )?{UNITS} (?:: |, |including |such as )?{LIST}", re.I),
    # Kering, which owns Gucci, Yves Saint Laurent and Balenciaga
    re.compile(rf"(?P<parent>{ORG}) (?:, )?(?:which |that )?(?:also )?(?:owns|controls) (?:the )?(?:brands? )?{LIST}(?! {POSS})(?! (?:stake|share))", re.I),
]
# a unit named with no owner: "the Mobilize division", "Ampere, the semi-autonomous division"
UNOWNED = [
    re.compile(rf"\b(?:the|a) (?P<kid>{ORG}) {FILL}{UNIT}\b", re.I),
    re.compile(rf"(?P<kid>{ORG}) , (?:the|a|an) {FILL}{UNIT}\b", re.I),
]


@extractor("part_of")
def extract(ctx: DocContext):
    facts = []
    for v in ctx.views:
        found = []
        for rx in PATTERNS:
            for m in rx.finditer(v.sig):
                found.extend(_facts(ctx, v, m))
        if not found:
            for rx in UNOWNED:
                for m in rx.finditer(v.sig):
                    found.extend(_unowned(ctx, v, m))
        facts.extend(found)
    return facts


def _facts(ctx: DocContext, v: View, m):
    parent = m.group("parent")[2:-1]
    kids = re.findall(r"⟨o(\d+)⟩", m.group("kids")) if "kids" in m.re.groupindex and m.group("kids") else [m.group("kid")[2:-1]]
    noun = (m.groupdict().get("noun") or "").lower()
    args_common = {"form": _form(noun)}
    own = m.group("own") if "own" in m.re.groupindex else None
    if own:
        args_common["ownership"] = "wholly-owned" if own.lower().startswith(("wholly", "fully", "100")) else "majority-owned"
    out = []
    for k in kids:
        if v.name(k) == v.name(parent) or v.is_agency(k) or v.is_agency(parent):
            continue
        args = {"org": v.name(k), "parent": v.name(parent), **args_common}
        out.append(ctx.fact(v, "part_of", args, m.start(), m.end(), status="actual"))
    return [f for f in out if f]


def _unowned(ctx: DocContext, v: View, m):
    kid = m.group("kid")[2:-1]
    parent = _parent_in_sentence(v, m) or ctx.main_org
    if not parent or parent == v.name(kid) or v.is_agency(kid):
        return []
    args = {"org": v.name(kid), "parent": parent, "form": _form(m.group("noun").lower())}
    f = ctx.fact(v, "part_of", args, m.start(), m.end(), status="actual", confidence=0.5)
    return [f] if f else []


def _parent_in_sentence(v: View, m) -> str | None:
    """'Ampere, the division responsible for ... Renault's EVs': an owner named in the apposition."""
    tail = v.sig[m.end():m.end() + 80].split(" , ")[0]
    ids = re.findall(r"⟨o(\d+)⟩ " + POSS, tail)
    return v.name(ids[0]) if ids else None


def _form(noun: str) -> str:
    if noun.startswith("subsidiar"):
        return "subsidiary"
    if noun.startswith("division"):
        return "division"
    if noun == "joint venture":
        return "joint_venture"
    return "unit"
