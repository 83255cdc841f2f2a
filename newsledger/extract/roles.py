"""Role phrases: how articles write a job title, and the one name we store for it."""
from __future__ import annotations

import re

from .base import words

# phrase -> stored role.  Synonyms share one stored name so claims merge across outlets.
ROLE_NAMES = {
    "chief executive officer": "CEO", "chief executive": "CEO", "ceo": "CEO", "boss": "CEO",
    "top executive": "CEO", "group ceo": "CEO", "chief exec": "CEO",
    "chairman": "chair", "chairwoman": "chair", "chairperson": "chair", "chair": "chair",
    "board chair": "chair", "chairman of the board": "chair",
    "chairman of the board of directors": "chair", "executive chairman": "chair",
    "executive chair": "chair", "non-executive chairman": "chair",
    "president": "president", "vice president": "vice president",
    "executive vice president": "executive vice president",
    "senior vice president": "senior vice president", "vice chairman": "vice chair",
    "chief technology officer": "CTO", "chief technical officer": "CTO", "cto": "CTO",
    "chief financial officer": "CFO", "cfo": "CFO", "finance chief": "CFO",
    "finance director": "CFO", "financial director": "CFO",
    "chief procurement officer": "CPO", "cpo": "CPO", "procurement chief": "CPO",
    "procurement director": "CPO", "purchasing director": "CPO",
    "director of purchasing": "CPO", "head of procurement": "CPO", "head of purchasing": "CPO",
    "chief operating officer": "COO", "coo": "COO",
    "chief marketing officer": "CMO", "cmo": "CMO", "chief information officer": "CIO",
    "cio": "CIO", "chief strategy officer": "chief strategy officer",
    "chief commercial officer": "chief commercial officer",
    "chief product officer": "chief product officer",
    "chief sustainability officer": "chief sustainability officer",
    "chief legal officer": "chief legal officer", "chief people officer": "chief people officer",
    "chief economist": "chief economist", "chief scientist": "chief scientist",
    "chief designer": "chief designer",
    "head of engineering": "head of engineering", "engineering chief": "head of engineering",
    "chief engineer": "head of engineering", "engineering head": "head of engineering",
    "deputy ceo": "deputy CEO", "deputy chief executive": "deputy CEO",
    "deputy cfo": "deputy CFO", "deputy chief financial officer": "deputy CFO",
    "deputy chairman": "deputy chair", "deputy chair": "deputy chair",
    "creative director": "creative director", "chief creative officer": "creative director",
    "managing director": "managing director", "general manager": "general manager",
    "founder": "founder", "co-founder": "founder", "cofounder": "founder",
    "head": "head", "leader": "head", "director": "director", "chief": "head",
}
# "co-founder" may reach us as "co - founder" (tokens joined by spaces)
ROLE_RX = words(*ROLE_NAMES).replace(r"\-", r" ?- ?")
# "chief procurement, partnerships and public affairs officer": the first field names it
COMPOUND_CHIEF = r"chief (?:[a-z]+ )(?:, [a-z ]+ )*(?:, )?and [a-z ]+ officer"
# "head of international development", "head of sales and marketing"
HEAD_OF = (r"(?:head|chief|director|vice president|president) of (?!the board)(?!the |a |an |its )"
           r"[a-z]+(?: (?:and |& )?(?!in |at |of |for |from )[a-z]+){0,2}")
ROLE = rf"(?:{COMPOUND_CHIEF}|{ROLE_RX}|{HEAD_OF})"
QUALIFIER = (r"(?:(?:former|then|then-|ex-|ex|interim|acting|new|incoming|outgoing|permanent|"
             r"current|previous|longtime|long-time|combined|group|global|top|the)\s?-?\s?)")
FORMER_QUALIFIERS = re.compile(r"\b(?:former|then|ex|previous|outgoing|late)\b", re.I)


def role_name(phrase: str) -> str | None:
    """The stored role for a phrase found by ROLE ('Chief Executive Officer' -> 'CEO')."""
    p = re.sub(r"\s+", " ", phrase.strip().casefold())
    p = re.sub(r"^(?:the |its |their |a |an )", "", p)
    p = re.sub(r"\s*-\s*", "-", p)
    p = re.sub(r"^(?:(?:longtime|long-time|former|then-|then|ex-|interim|acting|new|incoming|outgoing|"
               r"current|founding|permanent|joint) )+", "", p)
    m = re.match(r"chief ([a-z]+) (?:, [a-z ]+ )*(?:, )?and [a-z ]+ officer$", p.replace(",", " , ").replace("  ", " "))
    if m:
        return ROLE_NAMES.get(f"chief {m.group(1)} officer", f"chief {m.group(1)} officer")
    if p in ROLE_NAMES:
        return ROLE_NAMES[p]
    m = re.match(r"(head|chief|director|vice president|president) of ([a-z]+(?: (?:and |& )?[a-z]+){0,2})$", p)
    if m:
        specific = ROLE_NAMES.get(p)
        return specific or f"head of {m.group(2)}"
    return None


def split_roles(phrase: str) -> list[str]:
    """'chair and CEO' -> ['chair', 'CEO'] (only when both halves are roles)."""
    names = []
    for part in re.split(r"\s+(?:and|&)\s+", phrase):
        name = role_name(part)
        if name is None:
            whole = role_name(phrase)
            return [whole] if whole else []
        names.append(name)
    return names
