"""stake: what the patterns cannot say sentence by sentence -- stakes named by the rest.

* The other half of a split ("Nordvik will own 51% of the venture, and Aurel the remaining
  49%"): a percentage next to another company's name in a sentence that gives a stake is
  that company's stake in the same company (the verb is left out).
* What a seller keeps ("Telvia agreed to sell a 40% stake in Telvia Fibra ... Telvia will
  keep 60 percent"): keeping, retaining or holding a percentage of nothing named is a stake
  in the company the last stake was in.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .. import lexicon as lx
from ..models import Evidence, Fact, TimeSpan
from ..nlp.extensions import sentence_starts
from . import extractor, modality
from . import roles as R

KEEPING_VERBS = {"keep", "retain", "hold", "own", "maintain"}


@extractor("stake")
def stakes_named_by_the_rest(ctx, facts: list[Fact]) -> list[Fact]:
    stakes = [f for f in facts if f.type == "stake"]
    if not stakes:
        return []
    out = []
    percents = [q for q in ctx.doc.spans.get("quantities", []) if q._.quantity.unit == "%" and not ctx.skip(q[0])]
    used = {(f.evidence.start, f.evidence.end) for f in stakes}
    for q in percents:
        sent = q.sent
        here = [f for f in stakes if sent.start_char <= f.evidence.start < sent.end_char]
        earlier = [f for f in stakes if f.evidence.start < q.start_char and
                   ctx.sentence_of(f) >= _sentence_before(ctx, sent, 2)]
        if any(f.evidence.start <= q.start_char < f.evidence.end for f in here):
            continue                # the percentage is that stake's own
        owner = _named_before(q) if here else None
        if owner is not None and here and all(ctx.name(owner) not in (f.args["owner"], f.args["org"]) for f in here):
            base = here[0]
            out.append(_stake(ctx, base.args["org"], ctx.name(owner), q, base.status, q.root))
            continue
        verb = _keeping_verb(q)
        if verb is not None and earlier:
            base = earlier[-1]
            for s in R.subjects(verb):
                refs = [s._.ref] if s._.ref >= 0 and (s._.ent == "organization" or ctx.clusters[s._.ref].weak) else []
                for r in refs:
                    if ctx.name(r) != base.args["org"]:
                        status = "planned" if modality.status_of(verb) == "planned" else "actual"
                        out.append(_stake(ctx, base.args["org"], ctx.name(r), q, status, verb))
    return [f for f in out if (f.evidence.start, f.evidence.end) not in used]


def _sentence_before(ctx, sent: Span, n: int) -> int:
    starts = sorted(set(sentence_starts(ctx.doc)[:sent.start + 1]))
    return starts[-(n + 1)] if len(starts) > n else 0


def _named_before(q: Span) -> int | None:
    """A company named right before a percentage ('and Aurel the remaining 49%')."""
    doc = q.doc
    for k in range(q.start - 1, max(q.sent.start, q.start - 4) - 1, -1):
        t = doc[k]
        if t._.ref >= 0 and (t._.ent == "organization" or t._.kind == "name" and t.doc._.entities[t._.ref].weak):
            return t._.ref
        if t.pos_ in ("VERB", "AUX") and t.dep_ != "amod" or t.text in (";", ":"):
            return None
    return None


def _keeping_verb(q: Span) -> Token | None:
    """'will keep 60 percent', 'retains the remaining 35%' -- with no 'of X' after it."""
    root = q.root
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in root.children):
        return None
    verb = root.head
    if root.dep_ in ("dobj", "npadvmod", "nummod") and verb.lemma_.lower() in KEEPING_VERBS:
        return verb
    return None


def _stake(ctx, org: str, owner: str, q: Span, status: str, anchor: Token) -> Fact:
    sent = q.sent
    lo = min(anchor.i, q.start, *[t.i for t in sent if t._.ref >= 0 and ctx.name(t._.ref) == owner] or [q.start])
    lo = max(lo, sent.start)
    start, end = ctx.doc[lo].idx, q.end_char
    args = {"owner": owner, "org": org, "share": f"{q._.quantity.value:g}%"}
    return Fact(ctx.document.doc_id, "stake", args, Evidence.of(ctx.document.text, start, end), TimeSpan(),
                status, confidence=0.6)
