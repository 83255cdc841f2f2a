"""stake: what the patterns cannot say sentence by sentence -- stakes named by the rest.

* The other half of a split ("Nordvik will own 51% of the venture, and Aurel the remaining
  49%"): a percentage next to another company's name in a sentence that gives a stake is
  that company's stake in the same company (the verb is left out).
* What a seller keeps ("Telvia agreed to sell a 40% stake in Telvia Fibra ... Telvia will
  keep 60 percent"): keeping, retaining or holding a percentage of nothing named is a stake
  in the company the last stake was in ("has kept 19.9% of the shares", no stake named
  before: in the story's company).
* What an investor owns ("Greyfell, which also owns French skincare label Maison Ardent",
  where Greyfell is a "private equity firm"): a stake in it, no unit of it
  (`investors_hold_stakes`, run once all facts are read).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .. import lexicon as lx
from ..models import Evidence, Fact, TimeSpan
from ..nlp.extensions import sentence_starts
from . import arguments as A
from . import extractor, modality
from . import roles as R

KEEPING_VERBS = {"keep", "retain", "hold", "own", "maintain"}
INVESTOR_WORDS = lx.words("investor_words")
DESCRIPTION_STOPS = (",", "(", ")", ":", ";", ".", "!", "?")


@extractor("stake")
def stakes_named_by_the_rest(ctx, facts: list[Fact]) -> list[Fact]:
    stakes = [f for f in facts if f.type == "stake"]
    if not stakes and ctx.topic is None:
        return []
    before = _sizes_before(ctx, stakes)
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
        verb, named = _keeping_verb(q)
        if verb is not None and _of_market(q):
            continue                # ("holds around 22% of take-home sales": a market share)
        # ("Castellan has kept 19.9% of the shares", no stake named before: the story's company's)
        # (a company named after it is the one it is a stake in; a description, "the
        # business", is the one the last stake was in, when there is one)
        named = named if named is None or named._.kind == "name" or not earlier else None
        org = ctx.name(named._.ref) if named is not None else earlier[-1].args["org"] if earlier else \
            ctx.name(ctx.topic) if verb is not None and ctx.topic is not None and _of_unnamed(q) else None
        if verb is not None and org is not None:
            for s in _keeping_subjects(verb):
                for r in [k.ref for k in _keepers(s)]:
                    if ctx.name(r) != org:
                        status = "planned" if modality.status_of(verb) == "planned" else "actual"
                        out.append(_stake(ctx, org, ctx.name(r), q, status, verb))
    return before + [f for f in out if (f.evidence.start, f.evidence.end) not in used]


STAKE_NOUNS = lx.words("stake_nouns")


def _sizes_before(ctx, stakes: list[Fact]) -> list[Fact]:
    """A stake changed 'to 24.1% from 20.3%' was 20.3% before: that size is a former stake."""
    out = []
    for f in stakes:
        if f.status != "actual":
            continue
        for t in ctx.doc.char_span(f.evidence.start, f.evidence.end, alignment_mode="expand") or []:
            q = A.stake_changed(t, "from") if t.lemma_.lower() in STAKE_NOUNS else None
            if q is not None and f"{q._.quantity.value:g}%" != f.args.get("share"):
                args = dict(f.args, share=f"{q._.quantity.value:g}%")
                out.append(Fact(ctx.document.doc_id, "stake", args, f.evidence, TimeSpan(), "former", confidence=0.6))
    return out


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


def _keeping_verb(q: Span) -> tuple[Token | None, Token | None]:
    """'will keep 60 percent', 'retains the remaining 35%', 'has kept 19.9% of the shares',
    and the company named after it, if any ('will keep 60 percent and control of the
    business': a stake in the business the article means)."""
    root = q.root
    verb = root.head
    if not (root.dep_ in ("dobj", "npadvmod", "nummod") and verb.lemma_.lower() in KEEPING_VERBS):
        return None, None
    keepers = {r.ref for s in R.subjects(verb) for r in _keepers(s)}
    for c in root.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            named = [o for o in R.children(c, "pobj") if o._.ref >= 0 and o._.ref not in keepers
                     and o._.ent in ("organization", "facility", "")]
            if named:
                return verb, named[0]
    return verb, None


BUYING_VERBS = {"buy", "acquire", "purchase", "pay", "take"}


def _keeping_subjects(verb: Token) -> list[Token]:
    """Who a keeping verb is said of.  A participle with no subject of its own after a
    purchase from a seller is the seller's ('will buy 60% of X from Y, retaining the
    remaining 40%': the buyer keeps nothing it did not have)."""
    if verb.dep_ in ("advcl", "conj", "xcomp") and not R.children(verb, "nsubj", "nsubjpass") \
            and verb.head.lemma_.lower() in BUYING_VERBS:
        inside = {t.i for t in verb.subtree}
        sellers = [o for p in verb.head.subtree if p.dep_ == "prep" and p.lower_ == "from" and p.i not in inside
                   for o in R.children(p, "pobj")]     # (the parser may hang "from" on the object)
        if sellers:
            return sellers
    return R.subjects(verb)


def _keepers(s: Token) -> list[A.EntityRef]:
    """Who keeps: the subject, or the name set beside it ('with the seller, Minera
    Quilpue, retaining the remaining 40%')."""
    if s._.ref >= 0 and (s._.ent == "organization" or s._.kind == "name" and s.doc._.entities[s._.ref].weak):
        return [A.EntityRef(s._.ref, *A.mention_span(s))]
    return [r for a in R.children(s, "appos") for r in A.refs_at(a, "organization")]


MARKET_WHOLES = lx.words("market_wholes")


def _of_market(q: Span) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.lemma_.lower() in MARKET_WHOLES or o.lower_ in MARKET_WHOLES for o in R.children(c, "pobj"))
        for c in q.root.children)


def _of_unnamed(q: Span) -> bool:
    """'19.9% of the shares': a percentage of something that names no company (nor a
    market: 'holds around 22% of take-home sales' is a market share)."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and R.children(c, "pobj")
               and all(o._.ref < 0 and o.lemma_.lower() not in MARKET_WHOLES and o.lower_ not in MARKET_WHOLES
                       for o in R.children(c, "pobj")) for c in q.root.children)


def _stake(ctx, org: str, owner: str, q: Span, status: str, anchor: Token) -> Fact:
    sent = q.sent
    lo = min(anchor.i, q.start, *[t.i for t in sent if t._.ref >= 0 and ctx.name(t._.ref) == owner] or [q.start])
    lo = max(lo, sent.start)
    start, end = ctx.doc[lo].idx, q.end_char
    args = {"owner": owner, "org": org, "share": f"{q._.quantity.value:g}%"}
    return Fact(ctx.document.doc_id, "stake", args, Evidence.of(ctx.document.text, start, end), TimeSpan(),
                status, confidence=0.6)


def investors_hold_stakes(ctx, facts: list[Fact]) -> list[Fact]:
    """A unit whose parent the article calls an investor ("private equity firm Greyfell
    Capital") is that investor's stake, its share the ownership given if any."""
    out = []
    for f in facts:
        if f.type == "part_of" and _investor(ctx, f.args.get("parent")):
            args = {"owner": f.args["parent"], "org": f.args["org"]}
            if f.args.get("ownership"):
                args["share"] = f.args["ownership"]
            f = Fact(f.doc_id, "stake", args, f.evidence, f.time, f.status, f.attributed_to, f.confidence)
        out.append(f)
    return out


def _investor(ctx, name: str | None) -> bool:
    """Does the article describe the organisation of this name as an investor: a word of
    investor_words among the words set before one of its names ('private equity firm X') or
    in the noun phrase set after it ('X, a buyout group')?"""
    if not name:
        return False
    cached = ctx.__dict__.setdefault("_investors", {})
    if name not in cached:
        refs = {c.idx for c in ctx.clusters if c.type == "organization" and c.name == name}
        doc = ctx.doc
        found = False
        for m in doc.spans["mentions"]:
            if m._.ref not in refs or m._.kind != "name":
                continue
            before = []
            for k in range(m.start - 1, max(m.sent.start, m.start - 5) - 1, -1):
                t = doc[k]
                if t.text in DESCRIPTION_STOPS or t.pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB") \
                        or t.pos_ == "VERB" and k == m.start - 1:
                    break   # (the parser may tag "buyout firm" a verb and an adjective; "to fund X" is no description)
                before.append(t)
            after = []
            if m.end + 1 < m.sent.end and doc[m.end].text == "," and doc[m.end + 1].lower_ in ("a", "an", "the"):
                for t in doc[m.end + 2:min(m.sent.end, m.end + 8)]:
                    if t.text in DESCRIPTION_STOPS or t.pos_ in ("VERB", "AUX", "ADP"):
                        break
                    after.append(t)
            if any(t.lemma_.lower() in INVESTOR_WORDS or t.lower_ in INVESTOR_WORDS for t in before + after):
                found = True
                break
        cached[name] = found
    return cached[name]
