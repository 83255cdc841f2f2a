"""Extraction: from one article's text to its facts and the entities they name.

`extract_document` parses the article (analysis.py), builds a view of each sentence
(view.py) and runs every registered fact extractor — one module per fact type,
registered under the type's name (base.EXTRACTORS).  Adding a type means adding its
module here, its entry in models.FACT_TYPES, and a test.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import lexicon as lx
from ..names import fold

from ..models import Document, Entity, Fact
from . import (acquisition, closed, founded, ipo, job_cuts, merged_into, merger,  # noqa: F401
               metric, operates, part_of, partner, position, produces, stake)
from .analysis import Analysis, analyse
from .base import EXTRACTORS, DocContext
from .view import View

ENTITY_ARGS = {"org", "parent", "owner", "person", "facility", "maker", "product", "partner",
               "into", "entity", "by", "acquirer", "target"}


@dataclass
class Extraction:
    facts: list[Fact] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    analysis: Analysis | None = None


def extract_document(doc: Document, nlp, types: list[str] | None = None) -> Extraction:
    analysis = analyse(doc.text, nlp)
    views = [View.of(analysis, s, doc.published, doc.doc_id) for s in analysis.sentences]
    ctx = DocContext(doc, analysis, views)
    facts: list[Fact] = []
    for name, run in EXTRACTORS.items():
        if types and name not in types:
            continue
        facts.extend(f for f in run(ctx) if f is not None)
    facts = _dedupe(facts)
    _attribute_whole_report(analysis, views, facts)
    return Extraction(facts, _entities(analysis, facts), analysis)


# "PARIS (Reuters) -": the whole article is the agency's report
WIRE_DATELINE = re.compile(r"\s*[A-Z][\w .,'/-]{1,40}?\s*\((?P<agency>[A-Z][A-Za-z .&-]{1,40})\)\s*[-\u2013\u2014]")


def _attribute_whole_report(analysis: Analysis, views: list[View], facts: list[Fact]) -> None:
    """Facts of a wire story rest on the wire; facts of the kind the lead credits to another
    outlet ('According to sources cited by the Asahi Shimbun, Honda and Nissan ...') rest on it."""
    m = WIRE_DATELINE.match(analysis.text[:120])
    wire = m.group("agency").strip() if m and fold(m.group("agency").strip()) in lx.NEWS_AGENCIES else None
    lead = [v for v in views[:2] if v.attribution]
    lead_types = {f.type for f in facts if lead and f.attributed_to == lead[0].attribution}
    for f in facts:
        if f.attributed_to:
            continue
        if wire:
            f.attributed_to = wire
        elif lead and f.type in lead_types:
            f.attributed_to = lead[0].attribution


def _dedupe(facts: list[Fact]) -> list[Fact]:
    """One fact per (type, args, status, evidence span); the most confident wins."""
    best: dict[tuple, Fact] = {}
    for f in facts:
        key = (f.type, tuple(sorted((k, str(v)) for k, v in f.args.items())), f.status,
               f.evidence.start, f.evidence.end)
        if key not in best or _rank(f) > _rank(best[key]):
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.evidence.start, f.type))


def _rank(f: Fact) -> tuple:
    """More confident first; between equals, the reading that found a date."""
    return (f.confidence, bool(f.time.start or f.time.end))


def _entities(analysis: Analysis, facts: list[Fact]) -> list[Entity]:
    """Every typed entity the article names, with all the names it used for it."""
    used = {v for f in facts for k, v in f.args.items() if k in ENTITY_ARGS and isinstance(v, str)}
    used |= {f.attributed_to for f in facts if f.attributed_to}
    out = []
    for c in analysis.clusters:
        if not c.type or not c.names:
            continue
        if c.name not in used and c.type not in ("organization", "person"):
            continue
        out.append(Entity(c.name, c.type, sorted(c.names, key=lambda n: -c.names[n])))
    return out
