"""metric: a figure about an entity — one fact per figure (time = the period it covers).

The figure comes from the number parser; what it measures from the words around it
(the noun it counts, the verb that sold it, the word before "of"): employees,
vehicle/EV/hybrid sales, sales share, revenue, margin, profit, investment, market
share, capacity, price; the entity from a possessor ("Ampere's 11,000 employees"),
a "for X" ("targets for the unit") or the clause's subject; the scope from
"worldwide"/"in Europe"; the stated change from "a 3.2% increase"; and status
`target` for goals and guidance.
"""
from __future__ import annotations

import re

from .. import lexicon as lx
from ..models import TimeSpan
from .base import DocContext, extractor
from .view import ENT, ORG, POSS, View

# (measure, words that name it near the figure, kinds of figure it takes)
MEASURES = [
    ("operating_margin", r"operating margin|ebit margin|margin", ("percent",)),
    ("market_share", r"market share|share of the (?:\w+ )?market", ("percent",)),
    ("sales_share", r"(?:of|in) (?:the |its |their |[\w']+ )*(?:[\w-]+ )?(?:sales|deliveries|total|volume|mix|registrations)|"
                    r"sales mix|share of (?:sales|deliveries)", ("percent",)),
    ("breakeven", r"break-?even", ()),
    ("revenue", r"revenues?|turnover|net sales|sales of", ("money",)),
    ("profit", r"(?:net |operating |pre-tax |quarterly |annual )?(?:profit|income|earnings|losses|loss)|\blost\b", ("money",)),
    ("investment", r"invest(?:ed|ing|ment|ments|s)?|spent|spend(?:ing)?|pour(?:ed|ing)|capex|funding", ("money",)),
    ("price", r"valuation|valued at|priced at|price", ("money",)),
    ("production_capacity", r"capacity", ("count",)),
    ("hybrid_sales", r"hybrid", ("count",)),
    ("ev_sales", r"battery[- ]electric|fully electric|electric vehicles?|electric cars?|\bevs?\b|\bbevs?\b|ev sales", ("count",)),
    ("employees", r"employees|workers|staff|people|workforce|headcount|employs|jobs", ("count",)),
    ("vehicle_sales", r"vehicles|cars|units|deliveries|sold|delivered|sales|trucks|buses|vans|motorcycles|scooters|tractors",
     ("count",)),
]
# nouns that make every figure of their sentence a goal ("set financial targets ..., including")
TARGET_NOUNS = re.compile(r"\b(?:targets?|goals?|objectives?|guidance|forecasts?|ambitions?|outlook)\b", re.I)
# verbs that make a figure a goal only in its own clause ("expects revenue of ...")
TARGET_VERBS = re.compile(r"\b(?:aims? to|aiming to|expects?|expected to (?:reach|hit|top|exceed|generate|deliver)|"
                          r"plans? to (?:reach|sell|hit|generate)|projected|forecast to|on track to|wants to)\b", re.I)
# measures that describe a state, not a period: only an adjacent date dates them
STOCK_MEASURES = {"employees", "production_capacity", "market_share", "price"}
BASELINE = re.compile(r"(?:compared (?:to|with)|versus|vs\.?|than|from) $", re.I)
SCOPES = [("worldwide", r"\b(?:worldwide|globally|global|around the world|across the world)\b"),
          ("Europe", r"\b(?:in Europe|European|across Europe|Europe's)\b")]


@extractor("metric")
def extract(ctx: DocContext):
    facts = []
    period, period_at = None, 0
    for v in ctx.views:
        target_noun = TARGET_NOUNS.search(v.analysis.text[v.sentence.start:v.sentence.end])
        for q in v.quantities:
            if q.kind not in ("money", "percent", "count") or q.value is None:
                continue
            if _is_change(v, q) or _conversion(v, q):
                continue
            measure = _measure(v, q)
            if not measure:
                continue
            # "set targets for the unit, including revenue of ...": a goal noun before the figure
            before_goal = bool(target_noun) and v.sentence.start + target_noun.start() < q.start
            fact = _fact(ctx, v, q, measure, before_goal)
            if fact is not None and fact.status == "actual" and measure not in STOCK_MEASURES:
                # a results story states its period once: "full-year revenue rose ... Operating
                # profit climbed to 742 million francs" is the same year
                if fact.time.start or fact.time.end:
                    period = fact.time
                elif period is not None and fact.evidence.start - period_at < 600:
                    fact.time = TimeSpan(period.start, period.end, True, period.text, period.resolved)
                period_at = fact.evidence.start
            facts.append(fact)
        facts.extend(_breakeven(ctx, v, bool(target_noun)))
    return [f for f in facts if f]


def _window(v: View, q, before: int = 50, after: int = 60) -> tuple[str, str]:
    text = v.analysis.text
    lo = max(v.sentence.start, q.start - before)
    hi = min(v.sentence.end, q.end + after)
    pre = re.split(r"[;–—]| - ", text[lo:q.start])[-1]
    post = re.split(r"[;–—]| - |, (?:and|while|but) ", text[q.end:hi])[0]
    return pre.lower().replace("\u2019", "'"), post.lower().replace("\u2019", "'")


def _is_change(v: View, q) -> bool:
    return any(c.quantity_start == q.start for c in v.changes)


def _measure(v: View, q) -> str | None:
    pre, post = _window(v, q)
    noun = (q.unit_noun or "").lower()
    if q.kind == "count" and not noun and not re.search(r"\b(?:sold|delivered|employs|employed)\b", pre[-30:]):
        return None
    if q.kind == "count" and noun and not re.search(
            r"vehicle|car|unit|employee|worker|staff|people|job|deliver|ev|bev|hybrid|electric|sale|model|suv|truck|"
            r"bus|van|motorcycle|scooter|tractor", noun):
        return None
    if q.kind == "count" and re.search(r"\b(?:cut|cuts|cutting|eliminate\w*|shed\w*|lay(?:ing)? off|laid off|axe\w*|"
                                       r"slash\w*|reduce\w*)\s+(?:a further |another |an additional )?$", pre[-45:]):
        return None             # "will cut around 1,500 jobs": a job cut, not a head count
    if q.kind == "count" and re.match(r"\s*(?:jobs|positions|roles) (?:will|would|are to|could) (?:go|be)\b", post):
        return None             # "About 420 jobs will go": the same
    if q.kind == "money" and re.search(r"\bfor (?:about |around |roughly |some |nearly |up to )?$", pre) and re.search(
            r"\b(?:buy|bought|buys|acquir\w+|purchas\w+|pay|pays|paid|sell|sells|sold|takeover|deal|offer\w*|bid)\b",
            pre[-120:]):
        return "price"          # "agreed to buy a 60% stake in Helix for 1.2 billion euros"
    if q.kind == "money" and re.search(r"\b(?:deal|transaction|takeover|acquisition|offer|bid) (?:valued at|worth)\s*$|"
                                       r"\bvalu(?:e|es|ed|ing) (?:it|them|the \w+|\w+) at (?:up to |about |around )?$", pre):
        return "price"          # "a deal worth $2.1 billion", "could value it at up to £4 billion"
    best: tuple[int, str] | None = None       # (distance, measure): the nearest naming word wins
    for measure, words, kinds in MEASURES:
        if kinds and q.kind not in kinds:
            continue
        rx = re.compile(words, re.I)
        if q.kind == "count":
            if noun and rx.search(noun):
                return _refine_count(measure, pre, noun)
            continue
        if measure == "sales_share":
            if rx.search(post[:50]) and not re.search(r"market", post[:50]):
                return measure
            continue
        hits = [len(pre[-40:]) - h.end() for h in rx.finditer(pre[-40:])]
        hits += [h.start() + 5 for h in rx.finditer(post[:25])]     # words before a figure name it first
        if hits and (best is None or min(hits) < best[0]):
            best = (min(hits), measure)
    if best:
        return best[1]
    if q.kind == "count" and noun in ("units",) and re.search(r"\bsales\b", pre):
        return "ev_sales" if re.search(r"\b(?:ev|bev|electric)\b", pre) else "vehicle_sales"
    return None


def _refine_count(measure: str, pre: str, noun: str) -> str:
    if measure == "vehicle_sales" and re.search(r"\b(?:ev|evs|bev|bevs|electric)\b", pre[-60:]):
        return "ev_sales"
    return measure


def _fact(ctx: DocContext, v: View, q, measure: str, target_sentence: bool):
    pre, post = _window(v, q, 80, 80)
    entity = _entity(ctx, v, q) or ctx.main_org
    if not entity:
        return None
    value = -q.value if measure == "profit" and re.search(r"\b(?:loss|losses|lost)\b", pre[-40:] + post[:30]) else q.value
    args = {"entity": entity, "measure": measure, "value": value}
    if q.unit:
        args["unit"] = q.unit
    if q.qualifier:
        args["qualifier"] = q.qualifier
    scope = _scope(pre + " " + post) or _scope(v.text)
    if scope:
        args["scope"] = scope
    change = _change_for(v, q)
    if change is not None:
        args["change_pct"] = change
    near_pre, _ = _window(v, q, 40, 0)
    target = (target_sentence or TARGET_VERBS.search(near_pre) or re.search(r"\b(?:will|would) (?:\w+ ){1,2}$", near_pre)
              or re.search(r"\bby (?:the end of )?\d{4}\b", post[:40]))
    if measure in STOCK_MEASURES and not (TARGET_VERBS.search(near_pre) or re.search(r"\bby (?:the end of )?\d{4}\b", post[:40])):
        target = None               # "Orchard's 22,000 employees" in a sentence about goals is a count of now
    if re.search(r"\b(?:expected|projected|forecast|targeted|planned)\s+(?:\w+\s+){0,2}$", near_pre):
        target = True               # "expected revenue of ..."
    status = "target" if target else "actual"
    if target and measure == "investment" and re.search(r"\b(?:will|would|plans? to|to) (?:\w+ ){0,2}$", near_pre):
        status = "planned"          # "will invest 900 million euros": an investment announced, not a goal
    ev_start, ev_end = _evidence_span(v, q)
    time = _period(v, q, max_gap=25 if measure in STOCK_MEASURES else 10_000)
    return _with_evidence(ctx, v, args, ev_start, ev_end, time, status)


def _with_evidence(ctx, v, args, cs, ce, time, status):
    from ..models import Evidence, Fact
    ev = Evidence.of(v.analysis.text, cs, ce)
    return Fact(ctx.document.doc_id, "metric", args, ev, time, status, v.attribution, 0.75)


def _evidence_span(v: View, q) -> tuple[int, int]:
    """From the figure's qualifier to the noun it counts (and the noun phrase's end)."""
    text = v.analysis.text
    end = q.end
    tail = re.match(r"[^,.;–—()]{0,50}", text[q.end:v.sentence.end])
    if tail:
        end = q.end + len(tail.group(0).rstrip())
    start = q.start
    head = re.search(r"(?:[\w’'-]+\s+){0,4}$", text[v.sentence.start:q.start])
    if head:
        start = v.sentence.start + head.start()
    return start, max(end, q.end)


def _entity(ctx: DocContext, v: View, q) -> str | None:
    """Possessor before the figure, 'for X' / 'working for X' after it, or the clause's subject."""
    pos = _sig_pos(v, q.start)
    before = v.sig[:pos]
    after = v.sig[pos:pos + 120]
    valued = re.search(rf"\bvalu\w* ({ORG}) at (?:[\w-]+ ){{0,2}}$", before)
    if valued:
        return v.name(valued.group(2))     # "a listing that valued it at 2.1 billion euros"
    poss = re.search(rf"({ORG}) {POSS} (?:[\w,.-]+ ){{0,3}}$", before)
    if poss and not v.is_agency(poss.group(2)):
        return v.name(poss.group(2))
    targets_for = (re.search(rf"(?:targets?|goals?|guidance|forecasts?) for (?:the )?({ENT})", v.sig, re.I)
                   or re.search(rf"\b(?:set|sets|gave|give|gives|given) (?:the )?({ENT}) (?:a|an) (?:[\w-]+ )?(?:target|goal)", v.sig, re.I))
    if targets_for and v.etype(targets_for.group(2)) == "organization":
        return v.name(targets_for.group(2))
    working = re.search(rf"(?:working|who work|employed) (?:for|at|by) (?:the )?({ENT})", after, re.I)
    if working and v.etype(working.group(2)) == "organization":
        return v.name(working.group(2))
    # the figure's own clause: the last company before it that acts ("noting that Helix lost
    # 95 million euros", "at Helix, which employs about 1,100 people")
    acting = [m.group(1) for m in re.finditer(r"⟨[of](\d+)⟩ (?=(?:, (?:which|that|who) )?(?:also |now |still |has |had |"
                                              r"have |will |would )?[a-z]+(?:s|ed)\b)", before)
              if not v.is_agency(m.group(1))]
    in_subclause = re.search(r"\b(?:that|which|while|whereas|but|and)\b", before[-80:])
    if acting and in_subclause:
        return v.name(acting[-1])
    subj = [i for i in re.findall(r"⟨[of](\d+)⟩", before) if not v.is_agency(i)]
    if subj:
        return v.name(subj[0])
    later = [i for i in re.findall(r"⟨o(\d+)⟩", v.sig) if not v.is_agency(i)]
    return v.name(later[0]) if later else None


def _sig_pos(v: View, char: int) -> int:
    for s, e, cs, ce in v.pieces:
        if cs >= char:
            return s
    return len(v.sig)


def _scope(text: str) -> str | None:
    for name, rx in SCOPES:
        if re.search(rx, text, re.I):
            return name
    m = re.search(r"\bin (?:the )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b", text)
    if m and m.group(1).lower() in lx.PLACES:
        return m.group(1)
    return None


def _change_for(v: View, q) -> float | None:
    """The change stated for this figure: the nearest one in its own clause ("sales jumped 72%
    to 151,939 units, and accounted for 20.2% of the total": the 72% is not the share's)."""
    text = v.analysis.text
    best = None
    for c in v.changes:
        gap = abs(c.start - q.start)
        lo, hi = sorted((c.start, q.start))
        if re.search(r", (?:and|while|but|which)\b|;", text[lo:hi]):
            continue
        if gap < 120 and (best is None or gap < best[0]):
            best = (gap, c.pct)
    return best[1] if best else None


def _conversion(v: View, q) -> bool:
    """'1.5 billion francs ($1.9 billion)', 'equivalent to about $25 billion': the same figure
    in another currency, not a second one."""
    before = v.analysis.text[max(v.sentence.start, q.start - 40):q.start]
    return q.kind == "money" and bool(
        re.search(r"\d[\d.,]*\s*(?:[a-z]+\s+)?(?:[a-z]+\s+)?(?:francs|euros|pounds|dollars|yen|yuan|crowns|"
                  r"won|rupees|[A-Z]{3})?\s*\(\s*$|(?:equivalent to|or about|or roughly|or around)\s*(?:about |around )?$",
                  before, re.I))


def _period(v: View, q, max_gap: int = 10_000) -> TimeSpan:
    """The period a figure covers: the nearest time expression that is not a baseline (nor
    the day the figure was reported: "on Thursday reported full-year revenue")."""
    text = v.analysis.text
    best, best_gap = None, None
    dateline_end = v.dateline_end()
    for t in v.times:
        if t.span is None or t.role == "duration" or not (t.span.start or t.span.end) or t.end <= dateline_end:
            continue
        if max_gap >= 10_000 and t.span.start and len(t.span.start) == 10 and re.match(
                r"(?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday)\b", t.text, re.I):
            continue
        if BASELINE.search(text[max(v.sentence.start, t.start - 15):t.start]):
            continue
        gap = t.start - q.end if t.start >= q.end else q.start - t.end
        if max_gap < 10_000 and t.start < q.start and not re.search(r"(?:as of|at the end of|as at)\s*$", text[max(0, t.start - 15):t.start], re.I):
            continue            # a head count is dated by "as of ...", not by an earlier clause's date
        if gap <= max_gap and (best_gap is None or gap < best_gap):
            best, best_gap = t, gap
    if best is None:
        return _full_year(v, q)
    s = best.span
    return TimeSpan(s.start or s.end, s.end if s.start else None, s.approx, best.text, s.resolved)


def _full_year(v: View, q) -> TimeSpan:
    """'full-year revenue' with no year: the last full year before publication."""
    near = v.analysis.text[max(v.sentence.start, q.start - 60):q.start].lower()
    if v.published and re.search(r"\b(?:full-year|full year|annual|for the year)\b", near):
        return TimeSpan(str(int(v.published[:4]) - 1), None, True, "full-year", True)
    return TimeSpan()


def _breakeven(ctx: DocContext, v: View, target_sentence: bool):
    out = []
    for m in re.finditer(r"break-?even|reach profitability|turn a profit", v.analysis.text[v.sentence.start:v.sentence.end], re.I):
        cs = v.sentence.start + m.start()
        ce = v.sentence.start + m.end()
        tail = re.match(r"[^,;.]{0,30}", v.analysis.text[ce:v.sentence.end])
        ce += len(tail.group(0)) if tail else 0
        entity = _entity(ctx, v, type("Q", (), {"start": cs, "end": ce})()) or ctx.main_org
        if not entity:
            continue
        times = [t for t in v.times if t.span and t.span.start and cs <= t.start <= ce + 5]
        time = TimeSpan(times[0].span.start, None, times[0].span.approx, times[0].text) if times else TimeSpan()
        out.append(_with_evidence(ctx, v, {"entity": entity, "measure": "breakeven", "value": None},
                                  cs, ce, time, "target" if target_sentence or times else "actual"))
    return out
