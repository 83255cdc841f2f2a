"""Who a fact rests on, when the article says it rests on another report.

* A wire story's dateline ("PARIS (Reuters) -") makes the whole article the agency's.
* A sentence that credits a news organisation ("told Reuters", "according to Bloomberg",
  "Le Figaro reported", "citing the Nikkei") makes its own facts that organisation's.
* When the story's lead credits a report ("According to the Asahi Shimbun, Honda and
  Nissan ..."), facts of the kinds the lead states rest on it too.

News organisations are entities the reference component marked as agencies (the
news_agencies lexicon, or whoever stands in a dateline's brackets).
"""
from __future__ import annotations

from spacy.tokens import Span

from .. import lexicon as lx
from .. import provenance
from . import roles as R

SPEECH_VERBS = lx.words("speech_verbs") | {"cite", "quote"}


def credited_agency(sent: Span, clusters) -> str | None:
    """The news organisation a sentence says it rests on, if any."""
    for t in sent:
        ref = t._.ref
        if ref < 0 or not clusters[ref].agency or t.dep_ == "compound":
            continue
        head = t.head
        if t.dep_ in ("nsubj",) and head.lemma_.lower() in SPEECH_VERBS:
            return clusters[ref].name                     # "Le Figaro reported"
        if t.dep_ in ("dobj", "dative") and head.lemma_.lower() in ("tell", "cite", "quote"):
            return clusters[ref].name                     # "told Reuters", "citing Bloomberg"
        if t.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
            return clusters[ref].name                     # "according to Reuters"
        if t.dep_ == "pobj" and head.lower_ in ("by", "to") and head.head.lemma_.lower() in SPEECH_VERBS | {"tell"}:
            return clusters[ref].name                     # "cited by Jiji", "said to Reuters"
        if t.dep_ == "pobj" and head.lower_ == "in" and head.head.lemma_.lower() in ("report", "interview", "article"):
            return clusters[ref].name                     # "in a report in the Nikkei"
    return None


def wire_agency(doc, clusters) -> str | None:
    """'PARIS (Reuters) -': the agency in the first line's brackets."""
    from ..nlp.references import dateline_agency
    name = dateline_agency(doc)
    if not name:
        return None
    for c in clusters:
        if c.agency and any(n == name or n in name for n in c.names):
            return c.name
    return None


def attribute(ctx, facts) -> None:
    doc, clusters = ctx.doc, ctx.clusters
    by_sent: dict[int, str | None] = {}
    for s in doc.sents:
        by_sent[s.start] = credited_agency(s, clusters)
    # what the document says it rests on, read as reconcile reads it (provenance.py):
    # 'According to the Asahi Shimbun newspaper, ...', 'reports from Le Figaro that ...',
    # an outlet named 'Glance (Reuters)' or 'Republic World (citing CNBC)'
    credits = provenance.credits(ctx.document)
    wire = wire_agency(doc, clusters) or whole_report(credits)
    starts = sorted(by_sent)
    lead = [by_sent[s] for s in starts[:2] if by_sent[s]]
    lead_types = set()
    for f in facts:
        sent_start = _sentence_start(starts, doc, f.evidence.start)
        credit = by_sent.get(sent_start)
        if credit:
            f.attributed_to = credit
            if lead and credit == lead[0]:
                lead_types.add(f.type)
    for f in facts:
        if f.attributed_to:
            continue
        said = [k for s, e, k in credits.sentences if s < f.evidence.end and f.evidence.start < e]
        if said:
            f.attributed_to = credits.names.get(said[0]) or provenance.agency_display(said[0])
        elif wire:
            f.attributed_to = wire
        elif lead and f.type in lead_types:
            f.attributed_to = lead[0]


def whole_report(credits: "provenance.DocCredits") -> str | None:
    """The one report a whole document rests on: its wire copy, else the report its
    outlet names, else the one report it credits."""
    for hows in (("wire copy",), ("outlet",), ("credits", "credit")):
        keys = sorted(k for k, how in credits.whole.items() if how in hows)
        if len(keys) == 1:
            return credits.names.get(keys[0]) or provenance.agency_display(keys[0])
        if keys:
            return None
    return None


def _sentence_start(starts: list[int], doc, char: int) -> int | None:
    tok = doc.char_span(char, char + 1, alignment_mode="expand")
    if tok is None:
        return None
    return tok[0].sent.start
