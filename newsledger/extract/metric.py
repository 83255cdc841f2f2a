"""metric: one fact per figure an article gives about a company.

Figures come from the quantities component; what each one measures and whose it is
come from the parse, for every figure the same way:

* the measure: the noun the figure counts ("11,000 employees", "194,000 battery-electric
  vehicles"), the noun it is a figure *of* ("revenue of over €10 billion"), the subject
  of the verb it completes ("EV sales jumped 72% to 151,939 units"), or the verb itself
  ("employs 3,000", "invested $2.4 billion"); measures.tsv and measure_verbs.tsv map
  them to the shared vocabulary, and sales split into revenue (money), vehicle, EV and
  hybrid sales (by what is counted);
* a share of a whole: "accounted for 20.2% of sales" is a sales share;
* whose: the owner named on the measure or the words above it ("Renault's EV sales",
  "targets for the unit, including revenue of ..."), the verb's subject ("Renault sold
  ..."), else the one company the sentence names, else the story's;
* a stated change ("a 3.2% increase", "fell by 23 percent") is change_pct: on its own a
  figure with no value, next to a value of the same measure that value's change;
* scope from "in Europe", "worldwide", "European"; period from the attached time;
  status target for goals and guidance; goals without a figure ("breakeven in 2026").
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .. import lexicon as lx
from ..models import Evidence, Fact, TimeSpan
from . import extractor, modality, timing
from . import arguments as A
from . import roles as R

MEASURES = lx.table("measures")
MEASURE_VERBS = lx.table("measure_verbs")
PHYSICAL_UNITS = lx.table("physical_units")
UNIT_SCALES = lx.table("unit_scales")
GOAL_MEASURES = lx.table("goal_measures")
EV_WORDS = lx.words("ev_words")
HYBRID_WORDS = lx.words("hybrid_words")
SHARE_OF_VERBS = lx.words("share_of_verbs")
TARGET_WORDS = lx.words("target_words")
SCOPE_WORDS = lx.table("scope_words")
CHANGE_VERBS = lx.words("change_verbs")
CHANGE_NOUNS = lx.words("change_nouns")
# prepositions that put a figure on a measure noun, and the qualifier each one means
MEASURE_PREPOSITIONS = {"of": None, "at": None, "below": "below", "under": "below", "above": "above",
                        "over": "over", "around": "around", "near": "about", "beyond": "above"}
STAKE_WORDS = {"stake", "holding", "shareholding", "own", "owned", "interest", "control"}
# measures given in percent: the standard three and whatever the lexicon names a margin,
# ratio, share or rate ("net_interest_margin", "cet1_ratio", "cost_to_income")
PERCENT_MEASURES = {"operating_margin", "market_share", "sales_share"} | {
    m for m in MEASURES.values() if m.endswith(("margin", "ratio", "share", "rate", "to_income", "factor",
                                                "occupancy", "utilization", "on_equity", "_growth"))}
STANDARD_MEASURES = {"employees", "vehicle_sales", "ev_sales", "hybrid_sales", "sales_share", "revenue",
                     "operating_margin", "profit", "breakeven", "market_share", "investment",
                     "production_capacity", "price", "sales"}
GENERIC_COUNTED = {"unit", "vehicle", "car", "truck"}
SIZE_UNITS = {"MW", "GW", "barrels"}       # units a site's capacity is given in
PRODUCT_NOUNS = lx.words("product_nouns")
STAFF_NOUNS = lx.words("staff_nouns")
FLEET_NOUNS = lx.words("fleet_nouns")
PERIOD_WORDS = lx.words("period_words")
SELLING_VERBS = {"sell", "deliver", "ship", "register", "produce", "build", "make", "manufacture", "move"}


@extractor("metric")
def extract(ctx, facts_so_far=()) -> list[Fact]:
    facts = goal_figures(ctx) + breakeven_figures(ctx)
    quantities = [q for q in ctx.doc.spans.get("quantities", []) if not ctx.skip(q[0])]
    readings = [r for r in (read_figure(ctx, q) for q in quantities) if r]
    readings = ranges(quantities, readings)
    merged: set[int] = set()
    for r in readings:      # a stated change next to a value of the same measure is its change
        if r["value"] is None:
            continue
        for o in readings:
            if o is not r and o["value"] is None and o["measure"] == r.get("family", r["measure"]) and \
                    o["sent"] == r["sent"] and o["entity"] == r["entity"]:
                if r.get("change_pct") is None:
                    r["change_pct"] = o["change_pct"]
                merged.add(id(o))
    read = {id(r["q"]) for r in readings}
    for q in quantities:    # "revenue of 4.2 billion euros for 2025, up 6%": a change set off after a value
        if id(q) in read or q._.change_pct is None or q._.quantity.unit != "%":
            continue
        before = [r for r in readings if r["sent"] == q.sent.start and r["q"].end <= q.start
                  and r["value"] is not None and r.get("change_pct") is None and id(r) not in merged]
        if not before:
            continue
        gap = q.doc[before[-1]["q"].end:q.start]
        lead = [t.lower_ for t in gap[-2:]]
        if len(gap) <= 10 and any(t.text == "," for t in gap) and not any(R.is_verb(t) for t in gap) and (
                lead[-1:] in (["up"], ["down"]) or lead in (["up", "by"], ["down", "by"])):
            before[-1]["change_pct"] = q._.change_pct
    facts.extend(_fact(ctx, r) for r in readings if id(r) not in merged)
    facts.extend(_fact(ctx, r) for r in earlier_values(ctx, quantities, readings))
    facts.extend(_fact(ctx, r) for r in part_values(quantities, readings))
    return facts


def ranges(quantities: list[Span], readings: list[dict]) -> list[dict]:
    """'growth of 3% to 5%', 'EBIT of between $2 billion and $3 billion': two figures in
    the same unit joined by "to" (or "between ... and") are one figure, a range, given by
    its low end with the qualifier "between" (not
    "rose from 3% to 5%", "cut by 2% to 4%": a change and where it ends)."""
    by_q = {id(r["q"]): r for r in readings}
    out = list(readings)
    for a, b in zip(quantities, quantities[1:]):
        qa, qb = a._.quantity, b._.quantity
        # (a bare low end takes the high end's currency: "between 8.2 billion and 8.6 billion francs")
        bare = qa.kind == "count" and qa.unit is None and not qa.unit_noun and qb.kind == "money"
        if a.sent.start != b.sent.start or (qa.unit != qb.unit or qa.kind != qb.kind) and not bare or \
                qa.value is None or qb.value is None or qa.value >= qb.value:
            continue
        gap = [t.lower_ for t in a.doc[a.end:b.start]]
        before = a.doc[a.start - 1].lower_ if a.start > 0 else ""
        if not (gap == ["to"] or gap in (["-"], ["–"]) or gap == ["and"] and before == "between"):
            continue
        if before in ("from", "by") or R.is_verb(a.root.head) and a.root.dep_ != "pobj":
            continue        # ("margin rose 2% to 14%": a change, then a level)
        ra, rb = by_q.get(id(a)), by_q.get(id(b))
        keep = ra or rb
        if keep is None or not isinstance(keep["value"], (int, float)) or not keep["q"]._.quantity.value:
            continue
        # (the range's low end, "between": one figure, not two)
        factor = keep["value"] / keep["q"]._.quantity.value     # (a unit scaled, a loss's sign)
        keep["value"] = round(qa.value * factor, 6)
        if bare and keep is rb:
            keep["unit"] = qb.unit
        keep["qualifier"] = keep.get("qualifier") or "between"
        if ra is not None and rb is not None:
            out.remove(rb)
    return out


def part_values(quantities: list[Span], readings: list[dict]) -> list[dict]:
    """'owns about 19,000 towers in Spain and Portugal, 17,500 of them in Spain': a part
    of a counted figure ("N of them") is the same measure, scoped by its own phrase."""
    read = {id(r["q"]) for r in readings}
    out = []
    for q in quantities:
        root = q.root
        if id(q) in read or q._.quantity.kind != "count" or not _part(root):
            continue
        if root.dep_ == "dobj" and root.head.lemma_.lower() in CLOSING_VERBS:
            continue        # ("will close 40 of them": closures, no part of the network)
        same = [r for r in readings if r["sent"] == root.sent.start and r["q"].start < q.start
                and r["value"] is not None and r["q"]._.quantity.kind == "count"]
        if not same:
            continue
        after = root.doc[root.right_edge.i + 1] if root.right_edge.i + 1 < len(root.doc) else None
        scope = _scope(None, None, root)
        if scope is None and after is not None and after.lower_ in ("in", "across") and after.dep_ == "prep":
            places = [o for o in R.children(after, "pobj") if o._.ent == "place" or o.ent_type_ in ("GPE", "LOC")]
            scope = places[0].doc[places[0].left_edge.i:places[0].i + 1].text if places else None
        out.append(dict(same[-1], q=q, value=q._.quantity.value, qualifier=q._.quantity.qualifier,
                        change_pct=None, anchor=root, noun=None, scope=scope))
    return out


COMPARING = {"up", "down", "compare", "versus", "against", "vs", "from", "increase", "decrease", "rise", "fall"}


def earlier_values(ctx, quantities: list[Span], readings: list[dict]) -> list[dict]:
    """'an operating margin of 30% by 2028, up from 24% in 2025': the figure the first one is
    compared with is the same measure of the same company at another time."""
    read = {id(r["q"]) for r in readings}
    out = []
    for q in quantities:
        if id(q) in read:
            continue
        root = q.root
        prep = root.head
        if root.dep_ != "pobj" or prep.lower_ not in ("from", "than", "with", "against"):
            continue
        if prep.head.lemma_.lower() not in COMPARING and prep.lower_ != "from":
            continue
        # (a bare number takes the unit of the figure it is compared with: "to 400,000
        # barrels per day, up from about 310,000 now")
        bare = q._.quantity.kind == "count" and q._.quantity.unit is None and not q._.quantity.unit_noun
        same = [r for r in readings if r["sent"] == root.sent.start and r["q"].start < q.start
                and (r["unit"] == q._.quantity.unit or r["value"] is None or bare and r["value"] is not None
                     and r["q"]._.quantity.kind == "count")]
        if not same:
            continue
        base = same[-1]
        out.append(dict(base, q=q, value=q._.quantity.value, qualifier=q._.quantity.qualifier,
                        change_pct=None, anchor=root, noun=None, status="actual", own_time=True))
    return out


# ---------------------------------------------------------------- reading one figure

def _figure_root(q: Span) -> Token:
    """The figure's own head word: a qualifier the parser read as a preposition ("manages
    about S$38 billion", "about" taking "billion" as its object) is no head of the figure."""
    root = q.root
    if root.dep_ == "prep" and root.i == q.start and root.lower_ not in MEASURE_PREPOSITIONS:
        inner = [o for o in R.children(root, "pobj") if q.start <= o.i < q.end]
        if len(inner) == 1:
            return inner[0]
    return root


def read_figure(ctx, q: Span) -> dict | None:
    quantity = q._.quantity
    root = _figure_root(q)
    if quantity.kind == "multiple" or (_is_stake(root) and quantity.unit_noun in (None, "shares")
                                       and _market_of(root, quantity) is None and _held_sales(root, quantity) is None):
        return None         # ("owns about 19,000 towers" counts towers: no stake)
    measure, noun, verb = _measure(root, quantity)
    if measure is None:
        return None
    if verb is not None and R.is_verb(verb):
        subjects = R.subjects(verb)
        above = verb.head if verb.dep_ in ("xcomp", "ccomp") and R.is_verb(verb.head) else None
        if any(s.lemma_.lower() in FORECASTER_NOUNS and s.head.lemma_.lower() in ESTIMATING_VERBS
               for s in subjects + (R.subjects(above) if above is not None else [])):
            return None     # "Analysts polled by LSEG had expected revenue of ...", "Analysts expect X to post
                            # revenue of ...": an estimate, no company's figure
        if measure == "profit" and verb.lemma_.lower() in ("earn", "make", "receive", "take") and any(
                s._.ent == "person" or s.pos_ == "NOUN" and s.lemma_.lower() in PERSON_NOUNS for s in subjects):
            return None     # "its chief executive earned 3.1 million euros": pay, not profit
    # ("revenue growth of 5% to 7%": a figure of a change noun is a change, stated or not)
    of_change = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in CHANGE_NOUNS \
        and noun is not root.head.head
    is_change = (q._.change_pct is not None or of_change) and quantity.unit == "%" and measure not in PERCENT_MEASURES
    if quantity.unit == "%" and not is_change and measure not in PERCENT_MEASURES:
        return None         # a percentage that is neither a change nor a share
    if quantity.unit != "%" and measure in PERCENT_MEASURES:
        return None
    if measure in MONEY_MEASURES and quantity.kind == "count" and quantity.unit_noun:
        return None         # "with the loss of around 450 jobs" is no loss of money
    if measure == "employees" and _cut_context(noun if noun is not None else root) and not any(
            c.lower_ == "all" for c in list(root.children) + (list(noun.children) if noun is not None else [])):
        return None         # "cut 1,200 jobs", "300 people will lose their jobs": job cuts, not a head count
                            # (but "all 240 employees of the site are affected" counts them all)
    if measure in ("debt", "net_debt") and verb is not None and verb.lemma_.lower() in DEBT_PAYING_VERBS:
        return None         # "repaid 300 million euros of debt": a repayment, not what is owed
    if noun is not None and noun.dep_ == "dobj" and verb is not None and noun.head == verb \
            and verb.lemma_.lower() in CLOSING_VERBS and quantity.kind == "count" \
            and noun.lemma_.lower() in SITE_COUNT_NOUNS:
        return None         # "will close 40 branches": closures, not the size of the network
    if measure == "costs" and noun is not None and noun.lemma_.lower() == "cost" and noun.dep_ == "pobj" \
            and noun.head.lower_ == "at" and R.is_verb(noun.head.head) \
            and noun.head.head.lemma_.lower() in BUILDING_VERBS:
        measure = "investment"  # "expanded the plant last year at a cost of €140 million": a sum spent on it
    owner = _product_share(verb) if measure in SHARE_MEASURES else None
    if owner is None and measure == "investment" and verb is not None:
        owner = _invested_site(verb)
    if owner is None and measure == "production_capacity" and noun is not None and noun._.ent == "facility":
        owner = noun._.ref      # "a 500-megawatt plant at Hestvik": the plant's capacity
    owner = owner if owner is not None else _owner(ctx, noun, verb, root)
    if owner is not None and verb is not None:
        owner = _bare_description(ctx, verb, owner)
    if measure == "employees" and verb is not None and (owner is None or ctx.clusters[owner].type != "facility") \
            and any(x.pos_ == "NOUN" and x.lemma_.lower() in SITE_WORDS for x in R.subjects(verb)):
        return None         # "its workshop in Pantin, which employs about 450 artisans": a site's, not the company's
    if measure == "production" and verb is not None and verb.tag_ != "VBD" and _per_period(root) and (
            owner is not None and ctx.clusters[owner].type == "facility"
            or any(s.pos_ == "NOUN" and s.lemma_.lower() in BUILT_NOUNS for s in R.subjects(verb))):
        # ("a refinery at Kokkola that will produce about 25,000 tonnes a year")
        measure = "production_capacity"     # "The Tilburg plant makes about 40 million litres a year": a site's rate
    if owner is not None and owner in _figure_words(ctx):
        owner = None        # "dropped 28% to A$1.3 billion", "1.4 million TEU", "GMV reached ...": no company
    entity = owner if owner is not None else ctx.topic
    if entity is not None and entity in _figure_words(ctx):
        return None
    if entity is None or ctx.clusters[entity].type not in ("organization", "facility") and entity != owner:
        return None
    out = {"q": q, "measure": measure, "entity": entity, "sent": root.sent.start,
           "anchor": verb if verb is not None else noun if noun is not None else root, "noun": noun,
           "value": None if is_change else quantity.value,
           "unit": None if is_change else quantity.unit,
           "qualifier": quantity.qualifier or (MEASURE_PREPOSITIONS.get(root.head.lower_) if root.dep_ == "pobj" else None),
           "change_pct": (q._.change_pct if q._.change_pct is not None else quantity.value) if is_change else None,
           "scope": _scope(noun, verb, root)}
    if measure == "market_share" and noun is not None and noun.lemma_.lower() == "market":
        words = [t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("det", "poss", "case")]
        if len(words) > 1:      # "18% of the Norwegian cheese market": the market is the scope
            out["scope"] = noun.doc[words[0].i:noun.i + 1].text
    if root.dep_ == "nummod" and noun is not None and measure == "employees" and (
            noun.dep_ in ("pobj", "nsubj", "nsubjpass") or R.children(noun, "poss")):
        # "no layoffs among Orchard's 22,000 employees", "its 11,000 employees are not
        # expected to face cuts": a head count as it is, whatever is said of its future
        out["status"] = "actual"
    if out["unit"] is None and not is_change and (quantity.unit_noun or "").lower() in PHYSICAL_UNITS:
        out["unit"] = PHYSICAL_UNITS[quantity.unit_noun.lower()]     # "68 million tonnes"
        if out["unit"] in UNIT_SCALES and out["value"] is not None:   # "1.5 gigawatts": 1,500 MW
            factor, _, unit = UNIT_SCALES[out["unit"]].partition(" ")
            out["value"], out["unit"] = round(out["value"] * float(factor), 6), unit
    if not is_change and q._.change_pct is not None and quantity.unit != "%":
        out["change_pct"] = q._.change_pct
    if quantity.kind == "money" and measure in PER_SHARE and _per_share(root):
        out["measure"] = PER_SHARE[measure]     # "a dividend of 1.45 pounds a share"
        out["family"] = measure
    if out["value"] and measure == "profit" and _is_loss(noun, verb):
        out["value"] = -abs(out["value"])       # "a net loss of €48 million", "lost $10 billion"
    return out


PER_SHARE = {"dividend": "dividend_per_share", "profit": "earnings_per_share"}
SITE_WORDS = lx.words("facility_nouns") | {"workshop", "atelier"}
SITE_COUNT_NOUNS = SITE_WORDS | {"branch", "store", "shop", "outlet", "office", "restaurant", "pub", "cinema", "hotel",
                                 "clinic", "centre", "center", "tower", "mast", "dealership", "showroom"}
# what is built: a site, a project, an installation ("the furnace will cost €1.8bn")
BUILT_NOUNS = lx.words("facility_nouns") | lx.words("holding_nouns") | {
    "furnace", "line", "expansion", "upgrade", "extension", "pipeline", "terminal", "reactor", "electrolyser",
    "electrolyzer", "smelter", "refinery", "tunnel", "bridge", "railway", "network"}
CONSTRUCTION_NOUNS = BUILT_NOUNS - {"venture", "asset", "business", "portfolio", "deposit", "network"}
# verbs that build or improve a site: what they are done "at a cost of" is invested
BUILDING_VERBS = lx.words("building_verbs")


def _per_share(root: Token) -> bool:
    """'1.45 pounds a share', '$2 per share': a sum for each share."""
    money = root.head if root.dep_ == "nummod" and root.head.pos_ == "NOUN" else root
    for c in money.children:
        if c.lemma_.lower() == "share" and c.dep_ == "npadvmod":
            return True
        if c.lower_ == "per" and any(o.lemma_.lower() == "share" for o in R.children(c, "pobj")):
            return True
    return False


SEVERANCE_NOUNS = {"redundancy", "redundancies", "layoff", "buyout", "severance", "retirement", "notice"}
# sites a verb takes away: "will close 40 branches" counts closures, not the network
CLOSING_VERBS = {"close", "shut", "shutter", "sell", "divest", "mothball", "axe", "scrap", "demolish"}
DEBT_PAYING_VERBS = {"repay", "refinance", "pay", "retire", "redeem", "buy", "issue", "raise", "sell"}
FORECASTER_NOUNS = {"analyst", "economist", "consensus", "forecaster", "strategist"}
ESTIMATING_VERBS = {"expect", "forecast", "estimate", "predict", "project", "anticipate", "see", "pencil", "model"}
PERSON_NOUNS = lx.words("person_nouns") | lx.words("role_heads")
CUT_VERBS = {"cut", "eliminate", "shed", "axe", "slash", "lay", "reduce", "trim", "affect"}
LEAVING_VERBS = {"lose", "go", "leave", "face"}
LAY_FORMS = {"lay", "lays", "laid", "laying"}     # ("lay off": the model lemmatises "lay" as "lie")


def _cut_context(t: Token) -> bool:
    """'cut 1,200 jobs' (the count is what is cut), '300 people will lose their jobs',
    'about 420 jobs will go': a number of job cuts, not a head count."""
    head = t.head
    if t.dep_ == "pobj" and head.lower_ in ("to", "for") and any(
            x.lemma_.lower() in SEVERANCE_NOUNS for x in [head.head] + R.children(head.head, "dobj")):
        return True     # "offered voluntary redundancy to 300 employees": those who may leave, no head count
    if "redundant" in (t.lower_, head.lower_):
        return True     # "will make 300 staff redundant" read as a noun "redundant" the figure counts
    if t.dep_ in ("dobj", "nsubjpass") and (head.lemma_.lower() in CUT_VERBS or head.lower_ in LAY_FORMS):
        return True
    if t.dep_ in ("nsubj", "nsubjpass") and "redundant" in (head.lower_, *(c.lower_ for c in head.children)):
        return True     # "will make 300 staff redundant", "90 staff were made redundant"
    if t.dep_ == "nsubj" and head.lemma_.lower() in LEAVING_VERBS:
        return not any(c.dep_ == "dobj" and c.lemma_.lower() not in ("job", "position", "role") for c in head.children)
    return t.lemma_.lower() in ("job", "position", "role")


def _is_loss(noun: Token | None, verb: Token | None) -> bool:
    if noun is not None and noun.lemma_.lower() in ("loss", "deficit"):
        return True
    return verb is not None and verb.lemma_.lower() == "lose" and noun is None


def _market_of(root: Token, quantity) -> Token | None:
    """The market a percentage is a part of ('18% of the cheese market')."""
    if quantity.unit != "%":
        return None
    whole = _of_noun(root)
    return whole if whole is not None and whole.lemma_.lower() == "market" else None


def _held_sales(root: Token, quantity) -> Token | None:
    """'holds around 22% of take-home sales in Belgium', 'controls 30% of cheese sales': a
    share a company holds of sales that are not its own is its share of the market (the
    sales word, else None)."""
    if quantity.unit != "%" or root.dep_ != "dobj" or root.head.lemma_.lower() not in MARKET_HOLDING_VERBS:
        return None
    whole = _of_noun(root)
    if whole is None or not _sales_whole(whole) or R.children(whole, "poss") or \
            any(c.lower_ in ("its", "their") for c in whole.children):
        return None
    return whole


def _is_stake(root: Token) -> bool:
    """'a 15% stake', 'owns 15% of', '15% owned by': a stake, not a figure."""
    for t in [root, root.head, root.head.head]:
        if t.lemma_.lower() in STAKE_WORDS:
            return True
    return any(c.lemma_.lower() in STAKE_WORDS for c in root.head.children)


DEAL_WORDS = {"sell", "buy", "acquire", "purchase", "pay", "agree", "offer", "bid", "take", "deal", "acquisition",
              "takeover", "purchase", "sale", "offer", "bid", "transaction", "merger", "value", "valuation"}


def deal_price(root: Token, quantity) -> Token | None:
    """'sell a 40% stake in X to Y for 1.9 billion euros', 'its $3.1 billion acquisition of X',
    'a deal valued at $2.4 billion', 'values X at $3.1 billion': the price of what is
    bought -- the token that names it, or None when the money is no price."""
    if quantity.kind != "money":
        return None
    head = root.head
    if root.dep_ == "pobj" and head.lower_ in ("for", "at") and head.head.lemma_.lower() in DEAL_WORDS:
        return head.head
    if head.lower_ == "worth" and head.head.lemma_.lower() in DEAL_WORDS:
        return head.head        # "in a deal worth €1.9 billion"
    if root.dep_ in ("nummod", "compound", "amod", "quantmod") and head.lemma_.lower() in DEAL_WORDS:
        return head
    if root.dep_ == "dobj" and head.lemma_.lower() in PAYING_VERBS and R.prep_objects(head, ("for",)):
        return head         # "will pay €1.9bn for 40% of Telvia Fibra"
    return None


PAYING_VERBS = lx.words("paying_verbs")
SALES_GROWTH_WORDS = {"organic", "like-for-like", "like for like", "comparable"}
MARKET_HOLDING_VERBS = {"hold", "control", "command", "capture", "have"}
COST_CUTTING_VERBS = {"cut", "reduce", "lower", "trim", "slash", "shrink", "lop"}
# (a goal or level a verb moves its object past: "bring net debt below €25bn")
BOUND_PREPOSITIONS = ("below", "under", "above", "beyond")


def _bought(deal: Token) -> list[Token]:
    """What a deal word is about: the object of buying or selling, what an acquisition is
    of, what a valuation values."""
    if not R.is_verb(deal) and deal.dep_ == "pobj" and deal.head.lower_ == "in" and R.is_verb(deal.head.head):
        return _bought(deal.head.head)     # "bought 40% of X in a deal worth €1.9 billion"
    if R.is_verb(deal) and deal.lemma_.lower() in PAYING_VERBS:
        found = R.prep_objects(deal, ("for",))      # what is paid for, not the money paid
    elif R.is_verb(deal):
        found = R.patients(deal) or R.subjects(deal) if deal.lemma_.lower() == "value" else R.patients(deal)
    else:
        found = R.prep_objects(deal, ("of", "for"))
        # "the $2.4 billion Veyra deal": the name before the noun
        found = found or [c for c in deal.lefts if c.dep_ in ("compound", "nmod") and c._.ref >= 0]
        if not found and deal.dep_ == "appos" and deal.i > deal.head.i:
            found = [deal.head]     # "the acquisition of Brood & Co, a 95 million euro deal": what it sets off
        if not found and R.is_verb(deal.head) and deal.dep_ in ("dobj", "nsubj", "nsubjpass"):
            return _bought(deal.head)
    out = []
    for t in found:     # "a 40% stake in Telvia Fibra", "40% of Telvia Fibra": the company, not the stake
        part = t.lemma_.lower() in ("stake", "share", "holding", "interest") or t.text == "%" or t.like_num
        out.extend(R.prep_objects(t, ("in", "of")) if part else [t])
    return out


def _measure(root: Token, quantity) -> tuple[str | None, Token | None, Token | None]:
    """(measure, the measure noun, the verb) of the figure whose root token is given."""
    if quantity.kind == "money" and root.dep_ == "nummod" and root.head.pos_ == "NOUN" \
            and root.head.idx < root.sent.start_char + quantity.end:     # (quantity offsets are the sentence's)
        root = root.head        # "below 25 billion euros": the currency word carries the phrase
    head = root.head
    verb = _verb_above(root)
    # "revenue reached 4.1 billion euros and net profit 310 million euros": a measure noun set
    # before a figure whose verb is left out names it
    if root.dep_ == "conj" and quantity.kind == "money":
        for c in root.lefts:
            if c.dep_ in ("nmod", "compound", "npadvmod") and c.pos_ == "NOUN":
                m = _noun_measure(c, quantity)
                if m:
                    return m, c, verb
    deal = deal_price(root, quantity)
    if deal is not None:
        if deal.lemma_.lower() == "value" and R.is_verb(deal) and \
                _share_trading(deal.head if deal.dep_ in ("advcl", "conj", "xcomp") else None):
            return "market_value", deal, None   # "shares opened at 41.20 euros, valuing the group at 14 billion euros"
        return "price", deal, None
    # "a 500-megawatt electrolyser plant", "a 200,000-barrel-a-day refinery": a site's size
    # in a unit of capacity is its capacity
    if PHYSICAL_UNITS.get((quantity.unit_noun or "").lower()) in SIZE_UNITS:
        unit_word = head if root.dep_ == "nummod" and head.idx < root.idx + 40 and head.pos_ in ("NOUN", "PROPN") else None
        site = unit_word.head if unit_word is not None and unit_word.dep_ in ("nmod", "compound", "amod") else None
        if site is not None and site.pos_ == "NOUN" and site.i > unit_word.i and MEASURES.get(site.lemma_.lower()) is None:
            return "production_capacity", site, _verb_above(site)
    # "EV sales jumped 72% in 2025 to 151,939 units": a bare unit word counts the subject
    if root.dep_ == "nummod" and head.lemma_.lower() in GENERIC_COUNTED and verb is not None \
            and verb.lemma_.lower() in CHANGE_VERBS:
        for s in _with_appositions(R.subjects(verb)):
            m = _noun_measure(s, quantity)
            if m:
                return m, s, verb
    if head.lemma_.lower() in GENERIC_COUNTED and not (verb is not None and verb.lemma_.lower() in SELLING_VERBS
                                                        or _in_sales_phrase(head) or (quantity.value or 0) >= 1000):
        return None, None, None     # "split into two units": a count, not sales
    # "11,000 employees", "194,000 battery-electric vehicles", "$2.4 billion investment"
    # (not a unit of measure: "a capacity of 600,000 twenty-foot equivalent units")
    if root.dep_ in ("nummod", "compound", "quantmod", "amod") and head.pos_ in ("NOUN", "PROPN") \
            and (quantity.unit_noun or "").lower() not in PHYSICAL_UNITS:
        m = _noun_measure(head, quantity)
        if m:
            return m, head, _verb_above(head)
    # "the 1.2 billion pound Aire Valley pipeline", "a €500 million electric arc furnace":
    # a sum set on something built is what building it costs
    built = root
    for _ in range(4):      # (through the name between: "the 1.2 billion pound Aire Valley pipeline")
        if built.dep_ not in ("nummod", "compound", "amod", "quantmod", "nmod") or built.head.i < built.i:
            break
        built = built.head
    if quantity.kind == "money" and built is not root and built.pos_ == "NOUN" \
            and built.lemma_.lower() in CONSTRUCTION_NOUNS and not (
                verb is not None and verb.lemma_.lower() in DEAL_WORDS | PAYING_VERBS):
        return "investment", built, _verb_above(built)   # (not "agreed to buy a $300 million plant": a price)
    # "About 6,200 of Crestline's employees work in the state": a part of a head count
    if root.dep_ in ("nsubj", "nsubjpass"):     # (as an object, its verb says whose: "which employs 900 of ...")
        for counted in R.prep_objects(root, ("of",)):
            m = _noun_measure(counted, quantity)
            if m == "employees":
                return m, counted, _verb_above(root)
    # "a 6% fall in pretax profit": the change noun's "in" phrase is what moved
    if root.dep_ in ("nummod", "compound", "quantmod", "amod") and head.lemma_.lower() in CHANGE_NOUNS:
        # (or the noun before it: "a 7% profit decline", "a 24-percent sales slump")
        for moved in R.prep_objects(head, ("in", "of")) + [c for c in R.children(head, "compound")
                                                           if c != root and c.i > root.i]:
            m = _noun_measure(moved, quantity)
            if m:
                return m, moved, _verb_above(head)
    # "organic revenue growth of 7% to 9%": a change noun's figure is a change of the measure
    # compounded before it (or named in its "in" phrase: "growth in revenue of 6%")
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in CHANGE_NOUNS \
            and quantity.unit == "%" and not _noun_measure(head.head, quantity):
        change = head.head      # (not a growth measured as such: "underlying sales growth of 3.1%")
        for moved in [c for c in change.lefts if c.dep_ in ("compound", "nmod")] + R.prep_objects(change, ("in",)):
            m = _noun_measure(moved, quantity)
            if m and m not in PERCENT_MEASURES:
                return m, moved, _verb_above(change)
        # ("guided to organic growth of 7-9%": growth said to be organic or like-for-like is
        # a company's sales growth, whatever else it leaves unnamed)
        if any(change.doc[c.left_edge.i:c.right_edge.i + 1].text.lower() in SALES_GROWTH_WORDS
               for c in change.lefts if c.dep_ in ("amod", "nmod", "compound")):
            return "revenue", change, _verb_above(change)
    # "revenue of over €10 billion", "a cost-to-income ratio below 55%"
    if root.dep_ == "pobj" and head.lower_ in MEASURE_PREPOSITIONS and head.head.pos_ == "NOUN":
        m = _noun_measure(head.head, quantity)
        if m:
            return m, head.head, _verb_above(head.head)
    # "a capacity of around 68 million tonnes": the figure counts a unit of the measure
    # (a capacity "for": "a refinery with capacity for 40,000 tonnes a year")
    if root.dep_ == "nummod" and head.dep_ == "pobj" and head.head.head.pos_ == "NOUN" and quantity.unit_noun and (
            head.head.lower_ in MEASURE_PREPOSITIONS
            or head.head.lower_ == "for" and MEASURES.get(head.head.head.lemma_.lower()) == "production_capacity"):
        m = _noun_measure(head.head.head, quantity)
        if m and m != "employees":
            return m, head.head.head, _verb_above(head.head.head)
    if root.dep_ == "prep" and root.lower_ in MEASURE_PREPOSITIONS and head.pos_ == "NOUN":
        m = _noun_measure(head, quantity)       # (the quantity took the preposition: "below 55%")
        if m:
            return m, head, _verb_above(head)
    # "aims to lift its operating margin to 12% by 2028": what the verb moves (the "from 9%
    # now" of such a sentence is left alone: its date is not the goal's)
    if root.dep_ == "prep" and root.lower_ in BOUND_PREPOSITIONS and R.is_verb(head):
        for moved in R.children(head, "dobj"):   # (the figure took its preposition: "bring net debt below €25bn")
            m = _noun_measure(moved, quantity)
            if m:
                return m, moved, head
    # ("aims to cut leakage by 20%": the change the verb makes to its object; "cut costs by
    # €200 million" is a sum saved, not the costs)
    # (an amount in a unit is the unit's phrase: "raise output to 400,000 barrels per day")
    fig = head if root.dep_ == "nummod" and head.dep_ == "pobj" and quantity.unit_noun \
        and head.lower_ == quantity.unit_noun.lower() else root
    via = fig.head.lower_ if fig.dep_ == "pobj" else ""
    if via == "by" and any(t.lower_ == "to" and t.dep_ == "quantmod" for t in fig.subtree):
        via = "to"      # ("raised its dividend by 7% to 1.45 pounds" read as one phrase after "by")
    if via == "to" and fig.head.head.dep_ == "dobj" and R.is_verb(fig.head.head.head):
        m = _noun_measure(fig.head.head, quantity)      # ("lifts capacity at its plant to 450 million
        if m:                                           # litres": the "to" hung on the object)
            return m, fig.head.head, fig.head.head.head
    if via == "by" and quantity.kind == "money" and R.is_verb(fig.head.head) \
            and fig.head.head.lemma_.lower() in COST_CUTTING_VERBS:
        for moved in R.children(fig.head.head, "dobj"):     # "to cut annual costs by 45 million pounds":
            if moved.lemma_.lower() in ("cost", "expense", "overhead"):    # the sum saved
                return "cost_savings", moved, fig.head.head
    if via and ((via == "to" or via in BOUND_PREPOSITIONS) or
                via == "by" and quantity.unit == "%") and R.is_verb(fig.head.head):
        for moved in R.children(fig.head.head, "dobj"):
            m = _noun_measure(moved, quantity)
            if m:
                return m, moved, fig.head.head
            if moved.lemma_.lower() in TARGET_WORDS:    # "raised its full-year sales forecast to 9 billion
                for c in moved.lefts:                   # francs": the measure the forecast is of
                    m = _noun_measure(c, quantity) if c.dep_ in ("compound", "nmod") and c.pos_ == "NOUN" else None
                    if m:
                        return m, c, fig.head.head
    # "reported a 6% fall in pretax profit ... to 1.21 billion pounds"
    # (or the "to" hung on the change noun itself: "reported an 8% rise in 2025 revenue to
    # £2.1 billion", "a 5% drop in output to 61,000 tonnes")
    amount = head if root.dep_ == "nummod" and head.dep_ == "pobj" and quantity.unit_noun \
        and head.lower_ == quantity.unit_noun.lower() else root
    to = amount.head
    if amount.dep_ == "pobj" and to.lower_ == "to" and to.head.pos_ == "NOUN" and to.head.lemma_.lower() in CHANGE_NOUNS:
        for moved in R.prep_objects(to.head, ("in", "of")):
            m = _noun_measure(moved, quantity)
            if m:
                return m, moved, _verb_above(to.head)
    if root.dep_ == "pobj" and head.lower_ == "to" and R.is_verb(head.head):
        verb_ = head.head       # (or "contributing to a plunge in net profits to €1.13bn")
        for change in R.children(verb_, "dobj") + [o for p in R.children(verb_, "prep") if p != head
                                                    for o in R.children(p, "pobj")]:
            if change.lemma_.lower() in CHANGE_NOUNS:
                for moved in R.prep_objects(change, ("in", "of")):
                    m = _noun_measure(moved, quantity)
                    if m:
                        return m, moved, head.head
    # "holds 18% of the cheese market", "controls a quarter of the global market for X"
    market = _market_of(root, quantity)
    if market is not None:
        return "market_share", market, verb
    whole = _held_sales(root, quantity)
    if whole is not None:
        return "market_share", whole, verb
    # "accounted for 20.2% of sales", "represented a quarter of deliveries"
    if quantity.unit == "%" and verb is not None and verb.lemma_.lower() in SHARE_OF_VERBS and (
            head == verb or head.head == verb and head.lower_ == "for"):
        whole = _of_noun(root)
        if whole is not None and not _sales_whole(whole):
            return None, None, None     # "accounts for 7% of global carbon emissions"
        return "sales_share", whole, verb
    # "generated £412m in sales", "$3 billion in savings": the "in" phrase names the measure
    # (also when the parser hangs the figure on the verb as an adverb: "generated £412m")
    for p in R.children(root, "prep") + (R.children(verb, "prep") if verb is not None and root.dep_ in
                                         ("dobj", "npadvmod") and root.head == verb else []):
        if p.lower_ == "in" and p.i > root.i:
            for o in R.children(p, "pobj"):
                m = _noun_measure(o, quantity)
                if m:
                    return m, o, verb
    # "68 million tonnes of annual clinker and cement capacity", "$3 billion of debt": a sum
    # or an amount in a unit, of the measure it amounts to (not "1,200 of its staff"; not a
    # figure that is itself another noun's: "a refinancing of $1.3 billion of debt")
    amount = head if root.dep_ == "nummod" else root        # (the unit counted)
    if (quantity.kind == "money" or (quantity.unit_noun or "").lower() in PHYSICAL_UNITS) and not (
            amount.dep_ == "pobj" and amount.head.lower_ == "of"):
        for o in R.prep_objects(amount, ("of",)):
            for x in [o] + list(o.conjuncts):
                m = _noun_measure(x, quantity)
                if m and m != "employees":
                    return m, x, verb
    if verb is not None:
        # "revenue rose 5% to $10 billion"
        for s in _with_appositions(R.subjects(verb)):
            m = _noun_measure(s, quantity)
            if m and (verb.lemma_.lower() in CHANGE_VERBS or verb.lemma_ == "be"):
                return m, s, verb
        # "employs 3,000", "sold over 2.3 million vehicles", "invested $2.4 billion"
        particle = next((c.lower_ for c in verb.children if c.dep_ in ("prt", "advmod") and c.i == verb.i + 1), "")
        m = MEASURE_VERBS.get(f"{verb.lemma_.lower()} {particle}") or MEASURE_VERBS.get(verb.lemma_.lower())
        if verb.lemma_.lower() == "cost" and quantity.kind == "money" and any(
                s.lemma_.lower() in BUILT_NOUNS or s._.ent == "facility" and s.pos_ != "PRON"
                for s in R.subjects(verb) or _described(verb)):
            m = "investment"    # "The new furnace, which will cost 1.8 billion euros": what building it takes
        if m in MONEY_MEASURES and quantity.kind != "money" or m == "production" and quantity.kind != "count":
            m = None        # "raise output to 400,000 barrels": only a sum is raised as funding
        if m == "price" and verb.lemma_.lower() == "value" and _share_trading(verb.head if verb.dep_ in ("advcl", "conj", "xcomp") else None):
            m = "market_value"      # "shares opened at 41.20 euros, valuing the group at 14 billion euros"
        if m == "production" and verb.lemma_.lower() in GENERAL_MAKING_VERBS and not (
                (quantity.unit_noun or "").lower() in PHYSICAL_UNITS or _per_period(root)):
            m = None        # "makes 12 kinds of cheese" is no output; "makes 40 million litres a year" is
        if m == "production" and _able(verb):
            m = "production_capacity"   # "can process 180,000 barrels a day": what it is able to make
        if m and root in _objects_and_preps(verb):
            counted = head if root.dep_ == "nummod" else None
            if counted is not None and not _counts_for(counted, m):
                return None, None, None     # "employs 31,000 people at 52 plants", "sold in 40 countries"
            if m == "sales":
                m = _sales_kind(counted or root, quantity)
            return m, counted, verb
    if quantity.unit_noun:     # the counted noun numbers.py saw ("3,000 people")
        m = MEASURES.get(quantity.unit_noun.rstrip("s")) or MEASURES.get(quantity.unit_noun)
        if quantity.unit_noun in ("people", "persons") and not _staffing_verb(verb):
            m = None
        if m and m != "sales":
            return m, None, verb
    return None, None, None


TRADING_VERBS = lx.words("trading_verbs")


def _share_trading(v: Token | None) -> bool:
    """Is the clause a share price moving or trading ('shares opened at', 'were up 3.1%')?"""
    if v is None or not R.is_verb(v):
        return False
    subjects = {s.lemma_.lower() for s in R.subjects(v)}
    return v.lemma_.lower() in TRADING_VERBS or bool(subjects & {"share", "stock"})


GENERAL_MAKING_VERBS = {"make", "manufacture"}
PERIOD_NOUNS = {"year", "day", "month", "week", "annum", "hour"}
RATE_ADVERBS = {"annually", "yearly", "daily", "monthly", "weekly"}


def _per_period(root: Token) -> bool:
    """'40 million litres a year', '85,000 barrels per day', 'produces 2 million tonnes
    annually': a figure given as a rate, in the figure's phrase or on its verb."""
    amount = root.head if root.dep_ == "nummod" else root
    hosts = [amount] + ([amount.head] if R.is_verb(amount.head) else [])
    for h in hosts:     # (or set before a date: "25,000 tons a year from 2028")
        for c in list(h.children) + [x for p in R.children(h, "prep") for x in p.children if x.dep_ == "npadvmod"]:
            if c.lower_ in RATE_ADVERBS:
                return True
            if c.lemma_.lower() in PERIOD_NOUNS and c.dep_ in ("npadvmod", "nmod", "dobj") \
                    and any(d.lower_ in ("a", "an", "per", "each", "every") for d in c.children):
                return True
            if c.lower_ in ("per", "a") and c.dep_ == "prep" and any(
                    o.lemma_.lower() in PERIOD_NOUNS for o in R.children(c, "pobj")):
                return True
    return False


def _described(verb: Token) -> list[Token]:
    """The noun a participle clause describes, for a verb it governs: 'The refinery,
    estimated to cost about €1.1 billion' (cost -> estimated -> refinery)."""
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acl" and verb.head.head.pos_ in ("NOUN", "PROPN"):
        return [verb.head.head]
    return []


def _able(verb: Token) -> bool:
    """'can process', 'would be able to produce', 'is capable of making': a capacity."""
    if any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in verb.children):
        return True
    up = verb.head if verb.dep_ in ("xcomp", "pcomp") else None
    if up is not None and up.dep_ == "pobj":
        up = up.head.head
    return up is not None and up.lemma_.lower() in ("able", "capable", "design", "equip")   # ("is designed to produce")


def _counts_for(counted: Token, measure: str) -> bool:
    """Does a counted noun count what its verb measures?  'employs 3,000 people' and 'sold
    2 million vehicles' do; '52 plants' after 'employs ... at' and 'sold in 40 countries'
    count something else (a noun the lexicon gives another measure, or none at all)."""
    if measure == "fleet":
        return counted.lemma_.lower() in FLEET_NOUNS or counted.lower_ in FLEET_NOUNS   # ("operates 52 plants": no fleet)
    if counted.lemma_.lower() in ("people", "person"):
        return True         # (people are staff, customers or passengers: the verb says which)
    own = MEASURES.get(counted.lemma_.lower()) or MEASURES.get(counted.lower_)
    if measure in ("production", "production_capacity"):
        return own is None or own in ("sales", "vehicle_sales")    # any goods made, never staff
    if own is not None:
        return own == measure or (measure == "sales" and own in ("sales", "vehicle_sales"))
    if measure in ("employees", "hires", "sales", "vehicle_sales"):
        return counted.lemma_.lower() in PRODUCT_NOUNS or counted.lemma_.lower() in GENERIC_COUNTED \
            or measure in ("employees", "hires") and counted.lemma_.lower() in STAFF_NOUNS
    return True


def _with_appositions(toks: list[Token]) -> list[Token]:
    """Subjects and what stands in apposition to them; with every subject the parser gave
    the verb (a misparsed fronted phrase can take the subject's place)."""
    verbs = {t.head for t in toks}
    toks = toks + [c for v in verbs for c in R.children(v, "nsubj", "nsubjpass") if c not in toks]
    return [x for t in toks for x in [t] + R.children(t, "appos")]


def _in_sales_phrase(noun: Token) -> bool:
    """'sales of 2.3 million vehicles', 'deliveries of 400,000 cars'."""
    up = noun.head.head if noun.dep_ == "pobj" else noun.head
    return up.lemma_.lower() in ("sale", "delivery", "registration", "shipment")


def _modifier_words(noun: Token) -> list[str]:
    """The words right before a noun that make one name with it ("net interest margin",
    "cost-to-income ratio", "CET1 ratio"), hyphens read as spaces."""
    start = noun.i
    while start > noun.sent.start:
        prev = noun.doc[start - 1]
        glued = prev.text == "-" or (not prev.whitespace_ and not prev.is_punct) or (
            prev.i > 0 and prev.doc[prev.i - 1].text == "-" and not prev.doc[prev.i - 1].whitespace_)
        if (glued and prev._.ref < 0) or (prev.dep_ in ("compound", "amod", "nmod", "npadvmod", "prep", "pobj")
                                and prev.head.i > prev.i and prev.head.i <= noun.i and not prev.like_num
                                and prev._.ref < 0 and not prev.is_punct):
            start -= 1
        else:
            break
    return [t.lower_ for t in noun.doc[start:noun.i] if t.text != "-"]


def _surface_measure(noun: Token) -> str | None:
    """A measure named by several words the parser split up ("common equity tier 1 ratio"
    read as "tier" with "1 ratio" beside it): the longest lexicon name ending at the noun."""
    start = max(noun.sent.start, noun.i - 6)
    words = [t.lower_ for t in noun.doc[start:noun.i + 1]]
    for i in range(len(words) - 1):         # (two words at least: one is the lemma's business)
        phrase = " ".join(words[i:])
        if phrase in MEASURES:
            return MEASURES[phrase]
    return None


def _noun_measure(noun: Token, quantity) -> str | None:
    lemma = noun.lemma_.lower()
    words = _modifier_words(noun)
    # the longest name the lexicon knows wins: "net interest margin" before "margin"
    phrase = next((MEASURES[k] for k in (" ".join(words[i:] + [lemma]) for i in range(len(words)))
                   if k in MEASURES), None) or _surface_measure(noun)
    if phrase is not None and phrase not in ("sales", "vehicle_sales"):
        return phrase
    m = phrase or MEASURES.get(lemma)
    if lemma == "share" and any(o.lemma_.lower() == "market" for o in R.prep_objects(noun, ("of", "in"))):
        m = "market_share"      # "its share of the Nordic snacks market"
    if m is None:
        return None
    if m in ("sales", "vehicle_sales"):
        return _sales_kind(noun, quantity)
    if m == "employees" and quantity.kind != "count":
        return None
    if lemma in ("people", "person") and not _staffing(noun):
        return None     # "supplies water to 5.4 million people" counts no staff
    if m not in STANDARD_MEASURES and m == noun.lower_:   # "daily active viewers": named by its own words
        words = [c.lower_ for c in noun.lefts if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN")
                 and c.lower_ not in SCOPE_WORDS and c.lower_ not in PERIOD_WORDS and not _segment(c)]
        # ("adjusted EBITDA", "annual savings": the scope and the period are no part of the name)
        return "_".join(words + [noun.lower_])
    return m


STAFFING_VERBS = lx.words("staffing_verbs")


def _staffing(people: Token) -> bool:
    """'employs 400 people', '3,000 people work there', 'a workforce of 31,000 people':
    a number of people that is a head count."""
    if people.dep_ == "pobj" and people.head.head.lemma_.lower() in ("workforce", "staff", "headcount"):
        return True
    if any(c.dep_ == "acl" and c.lemma_.lower() in STAFFING_VERBS for c in people.children):
        return True     # "the 11,000 people working for the division"
    return _staffing_verb(_verb_above(people))


def _staffing_verb(verb: Token | None) -> bool:
    return verb is not None and verb.lemma_.lower() in STAFFING_VERBS


def _sales_kind(noun: Token, quantity) -> str:
    """Sales in money are revenue; counted, they are vehicle, EV or hybrid sales (by the
    words that modify what is counted: "battery-electric vehicles", "EV sales")."""
    if quantity.kind == "money":
        return "revenue"
    vehicle_words = {"vehicle", "car", "unit", "truck", "model", "suv", "ev", "bev", "hybrid", "van"}
    if quantity.kind != "count" and noun.lemma_.lower() == "sale" and not (
            {t.lemma_.lower() for t in noun.subtree} & vehicle_words):
        return "revenue"        # "Gucci sales fell by 23 percent": sales in money
    words = {t.lower_ for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod") for t in c.subtree}
    words |= {t.lower_ for c in noun.rights if c.dep_ == "appos" for t in c.subtree}   # "vehicles (BEV)"
    if noun.dep_ == "compound":
        words |= {t.lower_ for c in noun.head.lefts if c.dep_ in ("amod", "compound") for t in c.subtree}
    if words & HYBRID_WORDS:
        return "hybrid_sales"
    if words & EV_WORDS or any("electric" in w for w in words):
        return "ev_sales"
    return "vehicle_sales"


def _verb_above(t: Token) -> Token | None:
    cur = t
    for _ in range(4):
        if cur.head == cur:
            return cur if R.is_verb(cur) else None
        cur = cur.head
        if R.is_verb(cur) and cur.dep_ != "prep":
            return cur
    return None


def _objects_and_preps(verb: Token) -> set[Token]:
    out = set(R.children(verb, "dobj", "attr", "npadvmod"))
    for p in R.children(verb, "prep"):
        out.update(R.children(p, "pobj"))
    for o in list(out):
        out.update(c for c in o.children if c.dep_ in ("nummod", "quantmod"))
    return out


SHARE_WHOLES = lx.words("share_wholes")
SALES_FAMILY = {"sales", "vehicle_sales", "revenue", "ev_sales", "hybrid_sales"}


def _sales_whole(whole: Token) -> bool:
    """Is what a share is taken of a company's sales ('of its overall sales', 'of
    deliveries', 'of the brand's European total')?"""
    lemma = whole.lemma_.lower()
    return MEASURES.get(lemma) in SALES_FAMILY or MEASURES.get(whole.lower_) in SALES_FAMILY or lemma in SHARE_WHOLES


def _of_noun(root: Token) -> Token | None:
    for p in R.children(root, "prep"):
        if p.lower_ == "of":
            objs = R.children(p, "pobj")
            return objs[0] if objs else None
    return None


# ---------------------------------------------------------------- whose, where

def _org_ref(t: Token | None, ctx=None) -> int | None:
    if t is None or t._.ref < 0 or t._.ent != "organization" or (ctx is not None and ctx.only_a_source(t._.ref)):
        return None
    return t._.ref


def _invested_site(verb: Token) -> int | None:
    """'invest 1.2 billion euros in a plant at Hestvik': a sum put into a site is the site's."""
    for o in R.prep_objects(verb, ("in", "into")):
        for t in [o] + R.children(o, "compound"):     # ("in its Rotherham plant")
            if t._.ref >= 0 and t._.ent == "facility":
                return t._.ref
    return None


FACILITY_NOUNS = lx.words("facility_nouns")


def _the_site(t: Token, ctx) -> int | None:
    """'the plant' when the article names one site of that kind ('the Hestvik plant'): that site."""
    # (a site noun never describes a company, whatever the references made of it)
    if t._.ent == "facility" or t.lemma_.lower() not in FACILITY_NOUNS or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in t.children):
        return None
    sites = {i for i, c in enumerate(ctx.clusters) if c.type == "facility"
             and c.name.lower().split()[-1].rstrip("s") == t.lemma_.lower()}
    return sites.pop() if len(sites) == 1 else None


def _name_within(t: Token, ctx) -> int | None:
    """The one company named inside a noun phrase the parser broke up ("rail signaling firm
    Signatec" read as "rail" modified by "signaling ... Signatec"): through modifiers and a
    verb's object only, never into a preposition or a clause of its own."""
    todo, found = [t], set()
    while todo:
        for c in todo.pop().children:
            if c.dep_ in ("compound", "amod", "acl", "dobj", "appos", "nmod") and c.sent == t.sent:
                if _org_ref(c, ctx) is not None:
                    found.add(_org_ref(c, ctx))
                else:
                    todo.append(c)
    return found.pop() if len(found) == 1 else None


BARE_COMPANY_NOUNS = {"group", "company", "firm"}


def _bare_description(ctx, verb: Token, owner: int) -> int:
    """'Saxby will invest ... . The group, which employs 40,000 people, ...': a bare "the
    group" opening a sentence is the company the sentence before is about -- its one named
    company subject -- whatever an earlier "the Polish group" made of the word."""
    subj = [s for s in R.subjects(verb) if s._.ref == owner and s._.kind == "description"
            and s.lemma_.lower() in BARE_COMPANY_NOUNS and s.i == s.sent.start + 1
            and [c.lower_ for c in s.lefts] == ["the"]]
    if not subj or subj[0].sent.start == 0:
        return owner
    prev = subj[0].doc[subj[0].sent.start - 1].sent
    named = {t._.ref for t in prev if t._.ref >= 0 and t._.kind == "name" and t._.ent == "organization"
             and t.dep_ in ("nsubj", "nsubjpass", "poss", "compound") and not ctx.clusters[t._.ref].agency
             and (t.dep_ != "compound" or t.head.dep_ in ("nsubj", "nsubjpass", "poss"))}
    return named.pop() if len(named) == 1 else owner


def _figure_words(ctx) -> set[int]:
    """Names that are part of figures, not companies: a currency or unit some figure is
    written with ("A$1.3 billion", "1.4 million TEU") or a measure's own name ("GMV")."""
    if getattr(ctx, "_figure_words", None) is None:
        inside = {t.i for q in ctx.doc.spans.get("quantities", []) for t in q}
        units = {(q._.quantity.unit_noun or "").lower() for q in ctx.doc.spans.get("quantities", [])} - {""}
        out = set()
        for m in ctx.doc.spans.get("mentions", []):
            if m._.ref is None or m._.kind != "name":
                continue
            # (or the abbreviation set off after a unit: "600,000 twenty-foot equivalent units (TEU)")
            unit_word = m.root.dep_ == "appos" and m.root.head.lower_ in {u.split()[-1] for u in units}
            if all(t.i in inside for t in m) or m.text.lower() in MEASURES or m.text.lower() in units or unit_word:
                out.add(m._.ref)
        ctx._figure_words = out
    return ctx._figure_words


def _named_holding(t: Token, ctx) -> int | None:
    """'the Ventana copper project', 'Halvard's Ostby zinc project': a business a deal buys
    into, named by a name no reading typed as a person or a place (a project, a mine)."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in HOLDING_NOUNS:
        return None
    names, todo = [], [t]     # the words compounded before the noun ("Ostby zinc project"), not a possessor's
    while todo:
        for c in todo.pop().children:
            if c.dep_ in ("compound", "nmod", "amod") and c.i < t.i:
                todo.append(c)
                if c.text[:1].isupper():
                    names.append(c)
    for m in ctx.doc.spans.get("mentions", []):
        if m._.kind != "name" or not any(m.start <= c.i < m.end for c in names):
            continue
        # (a name no reading typed carries no reference on its tokens: its cluster by name)
        refs = [m._.ref] if m._.ref is not None else [c.idx for c in ctx.clusters if m.text in c.names]
        for ref in refs:
            c = ctx.clusters[ref]
            if c.type in ("", "organization", "facility") and not ctx.only_a_source(ref):
                if c.type == "":
                    c.type, c.weak = "organization", False
                return ref
    return None


HOLDING_NOUNS = lx.words("holding_nouns")


def _weak_name(t: Token, ctx) -> bool:
    """A name whose type rests on no firm evidence (the model's vote alone), not a person's."""
    return t._.ref >= 0 and t._.kind == "name" and ctx.clusters[t._.ref].weak and t._.ent != "person"


def _owner(ctx, noun: Token | None, verb: Token | None, root: Token) -> int | None:
    """Whose figure it is (a price is the price of what is bought)."""
    if noun is not None and noun.lemma_.lower() in DEAL_WORDS and noun.lower_ != "sales":   # (sales: revenue)
        deals = [noun]
        if R.is_verb(noun) and noun.dep_ in ("advcl", "conj") and noun.head.lemma_.lower() in DEAL_WORDS:
            deals.append(noun.head)     # "would buy X, valuing the target at $1.2 billion": what the deal buys
        for deal in deals:
            bought = _bought(deal)
            for t in bought + [c for b in bought for c in b.conjuncts]:   # ("buy Cambridge, Mass.-based Lumetra")
                if _org_ref(t, ctx) is not None:
                    return _org_ref(t, ctx)
                # "sell its Silkara haircare brand ... for £1.35bn": the name the noun carries
                named = [r.ref for r in A.refs_at(t, "organization") if _org_ref(t.doc[r.start], ctx) is not None]
                if named:
                    return named[0]
            for t in bought:    # "its bid for rail signaling firm Signatec" (misparsed): the name inside the phrase
                inner = _name_within(t, ctx)
                if inner is not None:
                    return inner
            for t in bought:    # "pay $300 million for 40% of the Ventana copper project": the named project
                named = _named_holding(t, ctx)
                if named is not None:
                    return named
        return None
    if noun is not None:     # "a EUR300 million dividend paid by Brightvale"
        for v in R.children(noun, "acl"):
            for a in R.agents(v):
                if _org_ref(a, ctx) is not None:
                    return _org_ref(a, ctx)
    cur = noun if noun is not None else root
    for _ in range(6):
        verbal = R.is_verb(cur) and cur.dep_ != "prep"
        if not verbal:
            for c in cur.children:      # (not the unit a figure is written in: "a 500 MW electrolyser")
                if c.dep_ in ("poss", "compound") and _org_ref(c, ctx) is not None \
                        and _org_ref(c, ctx) not in _figure_words(ctx):
                    return _org_ref(c, ctx)
        for p in R.children(cur, "prep"):
            if p.lower_ in (("for",) if verbal else ("for", "at", "of")):
                for o in R.children(p, "pobj"):
                    # "income at Kappa's freight unit, Kappa Rail": the name beside the noun
                    if p.lower_ == "of" and not verbal and cur == noun and o._.ref >= 0 and o._.ent == "facility":
                        return o._.ref      # "all 240 employees of the site in Vejle": the site's
                    if p.lower_ == "at" and not verbal and cur == noun and root.head != noun:
                        # "capacity at Ballycastle's Cork plant": the site's (not "employs 3,100
                        # people at its plant": the figure counts the noun, its verb says whose)
                        site = [x for x in [o] + R.children(o, "compound") if x._.ref >= 0 and x._.ent == "facility"]
                        if site:
                            return site[0]._.ref
                    for x in R.children(o, "appos") + [o]:
                        if _org_ref(x, ctx) is not None:
                            return _org_ref(x, ctx)
        if cur.head == cur or verbal and (R.children(cur, "nsubj", "nsubjpass") or cur.dep_ == "ROOT"):
            break
        cur = cur.head
    if verb is not None:
        subjects = R.subjects(verb)
        if not subjects and verb.dep_ == "xcomp" and verb.head.dep_ == "acomp":
            subjects = R.subjects(verb.head.head)   # "the plant would be able to produce": the plant
        subjects = subjects or _described(verb)     # ("The refinery, estimated to cost ...": the refinery)
        for s in subjects:
            s = _site_of_place(s)
            listed = _sites_owner(s, ctx)
            if listed is not None:
                return listed           # "owns the A, B and C mines in X, which together produced ..."
            if s._.ref >= 0 and s._.ent == "facility":
                return s._.ref          # "its factory in Lodi, which employs 400 people"
            site = [c for c in R.children(s, "compound") if c._.ref >= 0 and c._.ent == "facility"]
            if site and s.pos_ == "NOUN":
                return site[0]._.ref    # "its Preston missile factory, which employs 1,100 people"
            site = _the_site(s, ctx)
            if site is not None:
                return site             # "The plant, which will run on hydropower, could produce ..."
            named = [a for a in R.children(s, "appos") if _org_ref(a, ctx) is not None]
            if named and s.pos_ == "NOUN":
                return _org_ref(named[0], ctx)      # "The unit, Veyra Asia, is expected to employ 300 people"
            if _org_ref(s, ctx) is not None:
                return _org_ref(s, ctx)
            if _weak_name(s, ctx) and s.head == verb and s.dep_ == "nsubj" and (R.is_verb(verb) and MEASURE_VERBS.get(verb.lemma_.lower())
                                       or noun is not None and noun in _objects_and_preps(verb)):
                # "Nordkap Ferries carried 3.2 million passengers": a name only weakly typed
                # (a place by the model's vote) that reports a business figure is a company
                ctx.clusters[s._.ref].type, ctx.clusters[s._.ref].weak = "organization", False
                return s._.ref
            for c in s.children:        # "the Kijkbox streaming service, which has ..."
                if c.dep_ in ("poss", "compound", "nmod") and _org_ref(c, ctx) is not None:
                    return _org_ref(c, ctx)
    sent_orgs = {t._.ref for t in root.sent if t._.ent == "organization" and not ctx.clusters[t._.ref].agency}
    if len(sent_orgs) == 1:
        return sent_orgs.pop()
    return None


SHARE_MEASURES = {"sales_share", "market_share"}


def _product_share(verb: Token | None) -> int | None:
    """'its drug Trevessa, which accounted for about 15% of sales': the share is the
    product's, when a product is the verb's own subject (not one a coordinated verb
    inherits: "Spurred by the 5 E-Tech, EV sales jumped ... and accounted for 20%")."""
    if verb is None or not R.children(verb, "nsubj"):
        return None
    for s in R.subjects(verb):
        if s._.ref >= 0 and s._.ent == "product":
            return s._.ref
    return None


def _sites_owner(t: Token, ctx) -> int | None:
    """The company a list of sites belongs to ('Ardmore Coal will own the Moorabee, Carrow
    Creek and Belmont Ridge mines, which together produced ...'): a figure of several sites
    at once is their owner's -- the possessor of the list, or the subject of the verb that
    takes it as its object."""
    if not (t._.ent == "facility" or t.pos_ == "NOUN" and t.lemma_.lower() in SITE_WORDS):
        return None
    first = t
    while first.dep_ == "conj" and first.head != first:
        first = first.head
    if not first.conjuncts:
        return None
    for x in [first, *first.conjuncts]:
        for c in R.children(x, "poss"):
            if _org_ref(c, ctx) is not None:
                return _org_ref(c, ctx)
    if first.dep_ in ("dobj", "nsubjpass") and R.is_verb(first.head):
        for a in (R.agents(first.head) if first.dep_ == "nsubjpass" else R.subjects(first.head)):
            if _org_ref(a, ctx) is not None:
                return _org_ref(a, ctx)
    return None


def _site_of_place(t: Token) -> Token:
    """The site a place names in 'the factory in Lodi' (a relative clause after it hangs
    on the place), else the token itself."""
    if t._.ent == "place" and t.dep_ == "pobj" and t.head.dep_ == "prep":
        site = t.head.head
        if site._.ref >= 0 and site._.ent == "facility":
            return site
        # (through one more place phrase: "the Duna field off the coast of Gabon, which pumped ...")
        if site.pos_ == "NOUN" and site.dep_ == "pobj" and site.head.dep_ == "prep" and site._.ref < 0:
            up = site.head.head     # (the phrase hung on the verb: the site is its object)
            for x in [up] + (R.children(up, "dobj") if R.is_verb(up) else []):
                if x._.ref >= 0 and x._.ent == "facility":
                    return x
    # (a name after "mines in" is where they are, whatever else the article made of it:
    # "the Moorabee and Belmont Ridge mines in the Bowen Basin, which together produced")
    if t._.kind == "name" and t.dep_ == "pobj" and t.head.lower_ == "in" and t.head.dep_ == "prep":
        site = t.head.head
        if site._.ent == "facility" and site.conjuncts:
            return site
    return t


# measures of what is made, carried or served, by product or segment ("copper production")
SEGMENTED = {"production", "passengers", "customers", "subscribers", "users", "viewers", "shipments"}


def _segment(c: Token) -> bool:
    """A noun naming what a self-named measure is of ('copper production', 'bus passengers'):
    the figure's scope, no part of the measure's name."""
    return c.dep_ == "compound" and c.pos_ == "NOUN" and (c._.ref < 0 or not c._.ent) and MEASURES.get(c.head.lemma_.lower()) in SEGMENTED \
        and MEASURES[c.head.lemma_.lower()] == c.head.lower_ \
        and f"{c.lower_} {c.head.lower_}" not in MEASURES and f"{c.lemma_.lower()} {c.head.lemma_.lower()}" not in MEASURES


def _scope(noun: Token | None, verb: Token | None, root: Token) -> str | None:
    if noun is not None:
        segment = [c for c in noun.lefts if _segment(c)]
        if segment:
            return " ".join(c.lower_ for c in segment)
    for host in [x for x in (noun, verb, root) if x is not None]:
        for c in host.children:
            low = c.lower_
            if low in SCOPE_WORDS and c.dep_ in ("advmod", "amod", "npadvmod"):
                return SCOPE_WORDS[low]
            if c.dep_ == "prep" and low in ("in", "across", "within") and not _after_part(c, root):
                for o in R.children(c, "pobj"):
                    if o._.ent == "place" or o.ent_type_ in ("GPE", "LOC"):
                        end = max(x.i for x in [o, *o.conjuncts])      # "in Spain and Portugal"
                        return o.doc[o.left_edge.i:end + 1].text.removeprefix("the ")
    return None


def _part(t: Token) -> bool:
    """'17,500 of them': a part of a figure just given."""
    return t.like_num and any(o.lemma_.lower() in ("they", "these", "those") and o.pos_ == "PRON"
                              for o in R.prep_objects(t, ("of",)))


def _after_part(prep: Token, root: Token) -> bool:
    """Does a place phrase come right after a part of the figure ('640 stores, 120 of them
    in Ireland'), and so belong to the part, not to the figure?"""
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    part = before.head.head if before is not None and before.dep_ == "pobj" else None
    return part is not None and part != root and _part(part) and not root.is_ancestor(prep)


# ---------------------------------------------------------------- facts

# figures fixed by a deal; figures of how a business performs (a future one is a goal)
AGREED_MEASURES = {"price", "termination_fee"}
MONEY_MEASURES = {"profit", "revenue", "price", "market_value", "investment", "provision", "ebitda", "net_debt", "debt",
                  "termination_fee", "dividend", "share_buyback", "impairment", "assets_under_management"}
PERFORMANCE_MEASURES = STANDARD_MEASURES - {"investment", "price"} | PERCENT_MEASURES | {
    "ebitda", "net_debt", "cost_to_income", "production", "customers", "subscribers", "passengers", "users",
    "cost_savings"}


def _future(t: Token) -> bool:
    """Told in the future: 'will pay', 'would pay' (not 'agreed to buy': the terms are set)."""
    verb = t if R.is_verb(t) else _verb_above(t)
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll")
                                    for c in verb.children)


def _fact(ctx, r: dict) -> Fact:
    anchor: Token = r["anchor"]
    q: Span = r["q"]
    status = r.get("status")
    if status is None:      # a goal when planned or set as a target, else a result
        ahead = modality.status_of(anchor, event=False) == "planned"
        if r["measure"] in AGREED_MEASURES:
            # "agreed to sell it for $2bn": the terms are set; "will pay a $69 million fee": to
            # come (a price is no goal: "valuing the target at $1.2 billion")
            status = "planned" if _future(anchor) else "actual"
        elif _targeted(anchor):
            status = "target"       # "guided to revenue of", "aims for a margin of"
        elif ahead:
            # a result still to come is a goal ("revenue will grow to 25 billion in 2031"); a
            # sum to spend or pay, or stores to open, is a plan ("will invest £14.1 billion")
            status = "target" if r["measure"] in PERFORMANCE_MEASURES else "planned"
        else:
            status = "actual"
    span = timing.adjacent_time(q.end, ctx.doc, q.sent)
    if span is None and not r.get("own_time"):     # (an earlier value has only its own date)
        span = timing.attached_time(anchor, [q.root] + ([r["noun"]] if r["noun"] is not None else []))
    time = timing.as_timespan(span) if span is not None else TimeSpan()
    starting = span is not None and any(t.lower_ in timing.EFFECTIVE_WORDS for t in ctx.doc[max(0, span.start - 1):span.start + 1])
    if status in ("target", "planned") or starting:     # ("a share buyback starting in July": next July)
        time = timing.future_of(time, ctx.document.published)
    args = {"entity": ctx.name(r["entity"]), "measure": r["measure"], "value": r["value"]}
    for k in ("unit", "scope", "change_pct", "qualifier"):
        if r.get(k) is not None:
            args[k] = r[k]
    sent = q.sent
    toks = [i for i in [q.start, q.end - 1, anchor.i] + ([r["noun"].i] if r["noun"] is not None else [])
            if sent.start <= i < sent.end]
    start, end = ctx.doc[min(toks)].idx, ctx.doc[max(toks)].idx + len(ctx.doc[max(toks)].text)
    return Fact(ctx.document.doc_id, "metric", args, Evidence.of(ctx.document.text, start, end),
                time, status, confidence=0.7)


def _targeted(t: Token) -> bool:
    """'targets revenue of ...', 'aims to reach', 'its goal of': a figure set as a goal
    (what the goal word governs, not its subject: "employees are not expected to ...")."""
    cur = t
    for _ in range(5):
        if cur.lemma_.lower() in TARGET_WORDS:
            return True
        if cur.head == cur or cur.dep_ in ("nsubj", "nsubjpass", "csubj"):
            break
        cur = cur.head
    # (not a coordinated verb: "reported revenue of X for 2024 and is targeting a margin of Y")
    return any(c.lemma_.lower() in TARGET_WORDS for c in t.children if c.dep_ not in ("conj", "cc", "advcl", "parataxis"))


def goal_figures(ctx) -> list[Fact]:
    """Goals without a figure ('breakeven in 2026'): a target measure with its date."""
    out = []
    for t in ctx.doc:
        measure = GOAL_MEASURES.get(t.lemma_.lower())
        if measure is None or t.pos_ != "NOUN" or ctx.skip(t):
            continue
        span = timing.attached_time(t, (), False)
        if span is None or not (_targeted(t) or modality.status_of(t) == "planned"):
            continue
        owner = _owner(ctx, t, _verb_above(t), t)
        owner = owner if owner is not None else ctx.topic
        if owner is None:
            continue
        time = timing.future_of(timing.as_timespan(span), ctx.document.published)
        ev = Evidence.of(ctx.document.text, t.idx, span.end_char)
        out.append(Fact(ctx.document.doc_id, "metric", {"entity": ctx.name(owner), "measure": measure, "value": None},
                        ev, time, "target", confidence=0.6))
    return out


PROFIT_NOUNS = {"profit", "ebitda", "ebit", "earnings", "profitability"}
# verbs that report a result ("posted its first profit", "turned a profit for the first time")
RESULT_VERBS = {"report", "post", "record", "turn", "achieve", "make", "book", "deliver", "swing", "log"}


def breakeven_figures(ctx) -> list[Fact]:
    """A profit reached for the first time or returned to, with no figure: breakeven
    ('reported its first positive adjusted EBITDA in the third quarter', 'turned a profit
    for the first time', 'targets a return to a full-year profit in 2026')."""
    out = []
    for t in ctx.doc:
        if t.pos_ not in ("NOUN", "PROPN") or t.lemma_.lower() not in PROFIT_NOUNS or ctx.skip(t):
            continue
        if any(x.pos_ in ("NUM", "SYM") or x.lower_ in ("loss", "losses") for x in t.subtree):
            continue        # ("a first profit of $5 million": the figure is the fact)
        verb = t.head if t.dep_ == "dobj" and R.is_verb(t.head) else None
        returned = t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lemma_.lower() == "return"
        first = any(c.lower_ == "first" and c.dep_ == "amod" for c in t.children) or verb is not None and any(
            p.lower_ == "for" and any(o.lower_ == "time" and any(c.lower_ == "first" for c in o.children)
                                      for o in R.children(p, "pobj")) for p in R.children(verb, "prep"))
        if not (returned or first and verb is not None and verb.lemma_.lower() in RESULT_VERBS):
            continue
        anchor = verb if verb is not None else t.head.head
        owner = _owner(ctx, t, anchor if R.is_verb(anchor) else _verb_above(anchor), t)
        owner = owner if owner is not None else ctx.topic
        if owner is None or owner in _figure_words(ctx):
            continue
        span = timing.attached_time(anchor, [t], False)
        time = timing.as_timespan(span) if span is not None else TimeSpan()
        status = "target" if _targeted(anchor) or modality.status_of(anchor, event=False) == "planned" else "actual"
        if status == "target":
            time = timing.future_of(time, ctx.document.published)
        start = min(anchor.idx, t.idx)
        end = max(t.idx + len(t.text), span.end_char if span is not None else 0)
        out.append(Fact(ctx.document.doc_id, "metric", {"entity": ctx.name(owner), "measure": "breakeven", "value": None},
                        Evidence.of(ctx.document.text, start, end), time, status, confidence=0.6))
    return out
