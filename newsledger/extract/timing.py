"""When: the time expression that belongs to a fact's trigger, read off the parse.

A time expression (doc.spans["times"]) dates a fact when it hangs from the trigger or
from the verbs the trigger's clause hangs from, without passing through another
clause: in "Doug Field, who joined Ford in 2021, will head Ford Model e", 2021 dates
the joining, not the heading.  The nearest such expression wins, an exact one before a
vague one hanging as near.  Its preposition
gives its place: "since"/"from" a start, "until" an end, "from 2005 to 2008" both.

Plans dated by a month without a year look forward ("will close at the end of June",
published in January, is next June).  Events an article reports as news (schema.py
says which) with no date of their own take the day the text says they were reported
("the carmaker said on Wednesday"), approximately.
"""
from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re

from spacy.tokens import Span, Token

from .. import dates, lexicon as lx
from ..models import STORY_DAY, TimeSpan
from . import modality
from ..nlp.extensions import spans_in_sentence
from . import roles as R

SPEECH_VERBS = lx.words("speech_verbs")
ESTABLISHING_VERBS = lx.words("establishing_verbs")
TIME_CLAUSE_WORDS = lx.words("time_clause_words")
GAINING_VERBS = lx.words("gaining_verbs")
HELD_STATE_NOUNS = lx.words("held_state_nouns")
HOLDING_VERBS = lx.words("ownership_verbs") | {"hold", "have"}   # "has held a 9.9% stake in X since 2022"
BLOCKING = ("relcl", "advcl", "parataxis", "acl")


def _path_up(t: Token, limit: int = 8) -> list[Token]:
    out = [t]
    cur = t
    for _ in range(limit):
        if cur.head == cur:
            break
        cur = cur.head
        out.append(cur)
    return out


def _anchors(trigger: Token, event: bool) -> dict[int, int]:
    """Tokens a time may hang from to date this trigger, with their distance: the trigger
    and the words and verbs above it up to its clause's speech verb.  A state named in a
    noun phrase ("its chief procurement officer", in "named X, its chief procurement
    officer, as CEO on Wednesday") is dated only by what hangs from the noun itself."""
    out = {trigger.i: 0}
    if not event and trigger.pos_ in ("NOUN", "PROPN") and not modality.is_predicate(trigger):
        if trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in ESTABLISHING_VERBS | GAINING_VERBS | HOLDING_VERBS:
            out[trigger.head.i] = 1     # "in January it signed a loyalty tie-up", "bought a 19.5% stake on Wednesday": when it began
        if trigger.dep_ == "pobj" and trigger.head.lower_ == "under" and R.is_verb(trigger.head.head):
            out[trigger.head.head.i] = 2    # "will share vessels from February under a new agreement": what it is for
        return out
    cur, d = trigger, 0
    for _ in range(6):
        if cur.head == cur or (cur.dep_ in BLOCKING and not _result_participle(cur)):
            break
        if R.is_verb(cur) and modality.looking_back(cur):
            break       # "became CEO in 2018 after serving as COO": 2018 dates the becoming
        if cur.dep_ == "pobj" and cur.head.lower_ in ("after", "before", "following"):
            break       # "shut down in May 2025, six months after its launch": May dates the shutdown
        nxt = cur.head
        if R.is_verb(nxt) and nxt.lemma_.lower() in SPEECH_VERBS and cur.dep_ == "ccomp":
            break
        d += 1
        cur = nxt
        out.setdefault(cur.i, d)
    return out


def _result_participle(v: Token) -> bool:
    """'completed the merger on March 3, creating X': a participle clause after its verb,
    with no subject or conjunction of its own, tells what that event brought about, then."""
    return v.dep_ == "advcl" and v.tag_ == "VBG" and v.i > v.head.i and R.is_verb(v.head) and \
        not any(c.dep_ in ("mark", "nsubj", "nsubjpass", "aux", "auxpass") for c in v.children)


def attached_time(trigger: Token, extra: list[Token] = (), event: bool = True,
                  durations: bool = False) -> Span | None:
    """The time expression hanging from the trigger's clause, nearest first (with
    `durations`, the length of time hanging there instead: "for 20 years")."""
    doc = trigger.doc
    sent = trigger.sent
    anchors = _anchors(trigger, event)
    for t in extra:
        anchors[t.i] = 0       # (the figure's own noun first: "second-quarter revenue of $1.38bn ... and forecast third-quarter revenue")
    best, best_key = None, None
    for span in spans_in_sentence(doc, "times", sent.start):
        if (span._.time_role == "duration") != durations:
            continue
        if span.start <= trigger.i < span.end:
            continue
        if _dates_the_saying(span):
            continue
        hops = 0
        for node in _path_up(span.root):
            if node.i in anchors:
                # (at the same remove an exact date beats a vague one: "launched less than
                # a month ago on March 29" is March 29)
                key = (anchors[node.i] + hops, bool(span._.time.approx), abs(span.start - trigger.i))
                if best_key is None or key < best_key:
                    best, best_key = span, key
                break
            if node.dep_ in BLOCKING and node != span.root and not (
                    node.dep_ == "acl" and node.head == trigger and node.lemma_.lower() in ESTABLISHING_VERBS):
                break       # (but "an agreement signed in June" is dated by its signing)
            if node.dep_ == "pcomp" and node.head.lower_ in TIME_CLAUSE_WORDS:
                break       # "Since taking charge in August 2025, X has closed ...": August dates the taking charge
            hops += 1
    return best


def _dates_the_saying(span: Span) -> bool:
    """'X said on Wednesday it would wind up its arm by the end of next year': a date between
    a speech verb and the subject of what was said dates the saying, wherever the parser
    hangs it."""
    for node in _path_up(span.root):
        if node.dep_ == "ccomp" and R.is_verb(node) and node.head.lemma_.lower() in SPEECH_VERBS:
            subjects = [c.i for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
            return bool(subjects) and node.head.i < span.start and span.end <= min(subjects)
        if node.dep_ in BLOCKING:
            return False
    return False


def _present_perfect(v: Token) -> bool:
    """'has led', 'has been leading', 'have been partners': begun before now, still going."""
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in v.children)


def lasting_since(trigger: Token, published: str | None) -> TimeSpan:
    """'Pinault, who has been leading it for 20 years': a state the clause says has lasted
    N years up to now (present perfect) began N years before publication, approximately
    (as "N years ago" does: the publication month moved back)."""
    if not published:
        return TimeSpan()
    span = attached_time(trigger, (), False, durations=True)
    if span is None:
        return TimeSpan()
    verb = next((t for t in _path_up(span.root) if R.is_verb(t) or t.lemma_ == "be"), None)
    if verb is None or verb.i not in _anchors(trigger, False) or not _present_perfect(verb):
        return TimeSpan()
    offset = dates.parse_offset(span.text)
    if not offset or offset[2] > 0 or not (offset[0] or offset[1]):
        return TimeSpan()       # ("for the next five years" is ahead, not behind)
    months, days, _ = offset
    base = TimeSpan(published[:7] if months else published[:10], None, False, span.text)
    moved = dates.shift(base, months=-months, days=-days)
    return TimeSpan(moved.start, None, True, span.text, moved.resolved)


def restated_since(trigger: Token) -> TimeSpan:
    """'Corvane owns 9.9% of Lumetra, a stake it bought in 2022': a state whose phrase
    restates it by a noun in apposition (a stake, a post), with a relative clause saying how it was gained
    (bought, took up, set up), began when that clause is dated.  (A noun naming one of the
    parties -- 'Lumetra, a drugmaker it set up in 2010' -- dates the party, not the state.)"""
    for tok in trigger.subtree:
        if tok.dep_ != "appos" or tok.lemma_.lower() not in HELD_STATE_NOUNS or tok._.ref >= 0:
            continue
        for rc in tok.children:
            if rc.dep_ == "relcl" and rc.lemma_.lower() in GAINING_VERBS | ESTABLISHING_VERBS \
                    and not R.children(rc, "dobj"):
                span = attached_time(rc, (), True)
                if span is not None and span._.time.start:
                    t = span._.time
                    return TimeSpan(t.start, None, t.approx, span.text, t.resolved)
    return TimeSpan()


def left_from(trigger: Token) -> TimeSpan:
    """'She joined Crestline in 2021 from Harbor Jet, where she was treasurer': a post at the
    place someone came from ended when they came (the end, dated by the verb 'from' hangs from)."""
    clause = trigger if trigger.dep_ == "relcl" else trigger.head if trigger.dep_ in ("attr", "dobj", "pobj") else None
    if clause is not None and clause.dep_ == "prep":
        clause = clause.head        # "where she worked as treasurer"
    if clause is None or clause.dep_ != "relcl":
        return TimeSpan()
    place = clause.head
    if not (place.dep_ == "pobj" and place.head.lower_ == "from" and R.is_verb(place.head.head)):
        return TimeSpan()
    span = attached_time(place.head.head, (), True)
    return as_timespan(span, "end") if span is not None else TimeSpan()


OPENING_VERBS = lx.words("opening_verbs")
RUNNING_WORDS = lx.words("running_words")


def opening_of(site_tokens: list[Token]) -> Token | None:
    """'its Frankfurt data centre, which went live in March', 'a training center in Aurora,
    which is due to open in 2026': the verb of a relative clause on a site saying when it
    opened (or is to open)."""
    for t in site_tokens:
        nouns = [t, t.head] if t.dep_ in ("compound", "pobj") else [t]
        nouns += [o for n in list(nouns) for p in n.children if p.dep_ == "prep" and p.lower_ in ("in", "at")
                  for o in p.children if o.dep_ == "pobj"]
        for n in nouns:
            for rc in n.children:
                if rc.dep_ != "relcl":
                    continue
                verbs = [rc] + [c for c in rc.children if c.dep_ in ("acomp", "xcomp")]
                verbs += [g for v in verbs[1:] for g in v.children if g.dep_ == "xcomp"]
                for v in verbs:
                    lemma = v.lemma_.lower()
                    done = [c for c in v.children if c.dep_ in ("dobj", "xcomp")]
                    if lemma in ("start", "begin") and any(c.lemma_.lower() not in RUNNING_WORDS for c in done):
                        continue    # ("which began cutting jobs in 2020" says nothing of its opening)
                    if lemma in OPENING_VERBS or lemma in ("go", "come") and any(
                            c.lower_ in ("live", "online", "onstream") for c in v.children):
                        return v
    return None


def leaving_later(trigger: Token, published: str | None) -> TimeSpan:
    """'Estrada, who has led Petronorte as chief executive since 2019, will step down next
    year': a post held now, in a relative clause on someone the main clause says is to
    leave, ends when the leaving is dated."""
    cur = trigger
    for _ in range(4):
        if cur.dep_ == "relcl" or cur.head == cur:
            break
        cur = cur.head
    if cur.dep_ != "relcl" or cur.head.dep_ not in ("nsubj", "nsubjpass"):
        return TimeSpan()
    verb = cur.head.head
    lemma = verb.lemma_.lower()
    if lemma not in modality.DEPARTURE_VERBS or lemma == "step" and not any(
            c.lower_ in ("down", "aside") for c in verb.children) or modality.status_of(verb) != "planned":
        return TimeSpan()
    span = attached_time(verb, (), True)
    if span is None or not span._.time.start:
        return TimeSpan()
    t = future_of(as_timespan(span, "end"), published)
    return TimeSpan(None, t.end, t.approx, span.text, t.resolved)


def served_for(leaving: Token, time: TimeSpan) -> TimeSpan:
    """'will retire in May after nine years in the job', 'stepped down in 2024 after six
    years as chair': a post left at a known date after N years began that long before
    (the year, approximately)."""
    if not time.end or time.start:
        return time
    for d in spans_in_sentence(leaving.doc, "times", leaving.sent.start):
        if d._.time_role != "duration" or d.root.lower_ not in ("after", "following") or d.root.head != leaving:
            continue
        offset = dates.parse_offset(re.sub(r"^(after|following)\s+", "", d.text, flags=re.I))
        if offset and offset[0] and not offset[1] and offset[2] <= 0:
            begun = dates.shift(TimeSpan(time.end[:4], None, True, d.text), months=-offset[0])
            return TimeSpan(begun.start, time.end, True, time.text, time.resolved)
    return time


def until_clause(trigger: Token) -> TimeSpan:
    """'ran the Emu Creek mine until it was mothballed in 2023': a state its clause says
    lasted until something happened ends when that is dated."""
    for i in _anchors(trigger, False):
        v = trigger.doc[i]
        for c in v.children:
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("until", "till") for m in c.children):
                span = attached_time(c, (), True)
                if span is not None and span._.time_role == "point" and span._.time.start:
                    t = span._.time
                    return TimeSpan(None, t.end or t.start, t.approx, span.text, t.resolved)
    return TimeSpan()


def lasted(noun: Token, time: TimeSpan) -> TimeSpan:
    """'ended its 15-year partnership with X in January': a state whose noun says how long it
    lasted, ended at a known date, began that long before (approximately)."""
    if not time.end or time.start:
        return time
    for c in noun.children:
        if c.dep_ not in ("compound", "amod", "nmod") or c.lemma_.lower() not in ("year", "month", "decade"):
            continue
        count = [n for n in c.children if n.dep_ == "nummod" and n.like_num]
        offset = dates.parse_offset(f"{count[0].text} {c.lemma_.lower()}s") if count else None
        if offset and offset[0]:
            begun = dates.shift(TimeSpan(time.end, None, True, time.text), months=-offset[0])
            return TimeSpan(begun.start, time.end, True, time.text, time.resolved)
    return time


def as_timespan(span: Span, place: str | None = None) -> TimeSpan:
    """A time expression's value, with its start or end set by its role (or `place`)."""
    t: TimeSpan = span._.time
    role = span._.time_role
    if role == "until" and place != "end" and _put_off_to(span):
        return TimeSpan(t.end or t.start, None, t.approx, span.text, t.resolved)   # "not before 2026": from then
    if role == "until" or place == "end":
        value = t.end or t.start
        return TimeSpan(None, value, t.approx, span.text, t.resolved)
    return TimeSpan(t.start, t.end, t.approx, span.text, t.resolved)


def _put_off_to(span: Span) -> bool:
    """'will not take place before the first half of 2026': the time hangs by its
    preposition from a negated verb, so it is the earliest it will happen."""
    from .modality import NOT_UNTIL
    prep = next((t for t in span if t.dep_ == "prep" and t.lower_ in NOT_UNTIL), None)
    return prep is not None and any(c.dep_ == "neg" for c in prep.head.children)


EFFECTIVE_WORDS = ("effective", "starting", "beginning")


def effective_date(trigger: Token) -> TimeSpan:
    """'..., effective May 1', 'with effect from January': when an appointment in this
    sentence takes effect (its start)."""
    sent = trigger.sent
    doc = trigger.doc
    for span in spans_in_sentence(doc, "times", sent.start):
        if span._.time_role == "duration":
            continue
        before = doc[max(sent.start, span.start - 3):span.start + 1]
        if any(t.lower_ in EFFECTIVE_WORDS for t in before) or "with effect" in before.text.lower():
            t = span._.time
            return TimeSpan(t.start, None, t.approx, span.text, t.resolved)
    return TimeSpan()


def report_time(trigger: Token, precision: int = 10) -> TimeSpan:
    """When the sentence says the news was given: '..., the carrier said on Wednesday'
    (to the day; `precision` 7 also takes a month: 'reported in June that ...')."""
    sent = trigger.sent
    for span in spans_in_sentence(trigger.doc, "times", sent.start):
        if span._.time_role != "point":
            continue
        t = span._.time
        if not t.start or len(t.start) < precision:
            continue
        head = span.root.head
        while head.pos_ == "ADP" and head.head != head:
            head = head.head
        if R.is_verb(head) and head.lemma_.lower() in SPEECH_VERBS or _dates_the_saying(span):
            return TimeSpan(t.start, None, True, span.text, t.resolved)
    return TimeSpan()


REPORT_NOUNS = {"report", "news", "announcement", "decision", "move", "statement", "memo", "plan", "warning"}


def relative_to_report(trigger: Token, published: str | None) -> TimeSpan:
    """'The report comes a month after the group dismantled Mobilize': the event happened
    that long before the report, i.e. before publication (approximately)."""
    if not published:
        return TimeSpan()
    cur = trigger
    for _ in range(6):
        if cur.head == cur:
            return TimeSpan()
        head = cur.head
        if head.lower_ in ("after", "since") and head.dep_ in ("prep", "mark", "advmod") and \
                head.head.lemma_.lower() in ("come", "follow", "arrive"):
            verb = head.head
            if not any(s.lemma_.lower() in REPORT_NOUNS for s in R.subjects(verb)):
                return TimeSpan()
            for span in spans_in_sentence(trigger.doc, "times", trigger.sent.start):
                if span._.time_role == "duration" and span.end <= head.i + 2 and span.start >= verb.i:
                    offset = dates.parse_offset(span.text)
                    if offset:
                        months, days, _ = offset
                        base = TimeSpan(published[:7] if months else published, None, False, span.text)
                        moved = dates.shift(base, months=-months, days=-days)
                        return TimeSpan(moved.start, None, True, span.text)
            return TimeSpan()
        cur = head
    return TimeSpan()


def before_main(trigger: Token, published: str | None) -> TimeSpan:
    """'is shutting down one month after its launch', 'will close the unit two years after
    it opened': the event that far before the main clause's date -- or before publication,
    when the main clause speaks of now or of what is to come."""
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "after":
        after, main = trigger.head, trigger.head.head
    else:
        marks = [c for c in trigger.children if c.dep_ == "mark" and c.lower_ == "after"]
        if not marks or trigger.head == trigger:
            return TimeSpan()
        after, main = marks[0], trigger.head
    for span in spans_in_sentence(trigger.doc, "times", trigger.sent.start):
        r = span.root
        if span._.time_role != "duration" or not (
                r == after or r.head in (after, trigger) or (r.head == main and r.i < after.i)):
            continue
        offset = dates.parse_offset(span.text)
        if not offset:
            continue
        months, days, _ = offset
        own = attached_time(main, (), True)
        if own is not None and own._.time.start:
            base = own._.time.start
        elif published and _speaks_of_now(main):
            base = published
        else:
            return TimeSpan()
        moved = dates.shift(TimeSpan(base[:7] if months else base, None, False, span.text), months=-months, days=-days)
        return TimeSpan(moved.start, None, True, span.text)
    return TimeSpan()


def _speaks_of_now(verb: Token) -> bool:
    """A clause in the present, the progressive or the future ('is shutting down', 'will
    close', 'closes'): its event is about the day of the story."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in aux):
        return True
    return verb.tag_ in ("VBZ", "VBP") and not aux


def adjacent_time(tokens_end: int, doc, sent) -> Span | None:
    """A time expression right after a phrase ('revenue of $27 billion by 2031'), before any
    comma: in lists of goals each item carries its own date."""
    for span in spans_in_sentence(doc, "times", sent.start):
        if tokens_end <= span.start <= tokens_end + 2 and \
                not any(t.is_punct for t in doc[tokens_end:span.start]):
            return span
    return None


def future_of(time: TimeSpan, published: str | None) -> TimeSpan:
    """A plan dated by a month without a year ('will close at the end of June', published
    in January 2026) is the next such month, not the one before publication."""
    value = time.start or time.end
    if not (value and published and time.text) or re.search(r"\b\d{4}\b|\b(?:last|ago|previous)\b", time.text, re.I):
        return time
    if value[:7] >= published[:7] or len(value) < 7:
        return time
    return dates.shift(time, months=12)


# ---------------------------------------------------------------- periods of figures

# figures of a stock, not of a period: a head count, a price, a value, a capacity
STOCK_MEASURES = {"employees", "market_value", "price", "production_capacity", "customers", "subscribers",
                  "users", "net_debt", "debt", "stores", "termination_fee", "investment"}
# stocks a figure gives as they stand on a day ("valuing the group at €14bn", "employs 3,000")
AS_OF_MEASURES = STOCK_MEASURES - {"price", "termination_fee", "investment"}


def _told_as_now(verb: Token) -> bool:
    """'employs 3,000 people', 'has 4.2 million customers', 'valuing the group at €14bn':
    a stock told in the present (or by a participle of the story's deal) stands on the
    story's day; one told in the past may be of any time."""
    if verb.tag_ in ("VBZ", "VBP", "VBG") and not any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "MD") for c in verb.children):
        return True
    return _present_perfect(verb)


# clause links that do not share a time: "rose after it cut prices", "until", "since"
TIME_MARKS = lx.words("time_marks")


def _figure_verb(t: Token) -> Token | None:
    cur = t
    for _ in range(6):
        if R.is_verb(cur):
            return cur
        if cur.head == cur:
            return None
        cur = cur.head
    return None


def _linked_clauses(verb: Token, hops: int = 3) -> list[Token]:
    """Clauses of one sentence told as one report: 'revenue rose to X in 2025, while profit
    increased to Y, giving a margin of Z', 'lost $2m last year as revenue fell to $4bn'."""
    def links(v: Token):
        out = []
        if v.dep_ in ("conj", "advcl") and v.head != v and R.is_verb(v.head) and _plain_link(v):
            out.append(v.head)
        out += [c for c in v.children if c.dep_ in ("conj", "advcl") and R.is_verb(c) and _plain_link(c)]
        return out
    seen, frontier, order = {verb.i}, [verb], []
    for _ in range(hops):
        nxt = []
        for v in frontier:
            for w in links(v):
                if w.i not in seen:
                    seen.add(w.i)
                    order.append(w)
                    nxt.append(w)
        frontier = nxt
    return order


def _plain_link(v: Token) -> bool:
    return not any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in v.children)


def _earlier_value(q: Span) -> bool:
    """'improved to 14.2% from 13.6%', 'up 6% on 2024': the value compared with."""
    head = q.root.head
    return head.lower_ in ("from", "against", "versus", "vs", "vs.", "on") and head.dep_ == "prep"


def _quantities_by_start(doc) -> tuple[list[int], list[Span]]:
    """The document's quantities sorted by where they start (looked up by bisection: a
    scan per fact made long articles quadratic)."""
    qs = sorted(doc.spans.get("quantities", []), key=lambda q: q.start_char)
    return [q.start_char for q in qs], qs


def _figure_quantity(doc, fact, index: tuple[list[int], list[Span]] | None = None) -> Span | None:
    value = fact.args.get("value")
    found = None
    starts, qs = index or _quantities_by_start(doc)
    for q in qs[bisect.bisect_left(starts, fact.evidence.start):bisect.bisect_right(starts, fact.evidence.end)]:
        if q.end_char > fact.evidence.end:
            continue
        qv = getattr(q._.quantity, "value", None)
        if isinstance(value, (int, float)) and isinstance(qv, (int, float)) and abs(qv - value) <= 1e-6 * max(1, abs(value)):
            found = q
    return found


def _period(span: Span) -> TimeSpan | None:
    if span._.time_role not in ("point", "range"):
        return None
    t = as_timespan(span)
    return t if t.start else None


def periods_of_figures(doc, facts: list, published: str | None = None) -> list:
    """A result figure told without its period takes the period of the report it is part
    of: a clause joined to a dated figure ('revenue rose 11% to £6.8bn in 2025, while
    operating profit increased to £742m'), else a dated figure of the same company in the
    sentence before, in the same paragraph, when its own sentence names no time ('For the
    six months to June 30, sales rose to ... . Net profit was ...').  A figure called
    'full-year' or 'half-year' in a report of the first half of a year is of the last year
    or half-year completed."""
    out = list(facts)
    dated_by_sent: dict[int, list[tuple[str, TimeSpan, int]]] = {}
    order = sorted(range(len(out)), key=lambda i: out[i].evidence.start)
    index = _quantities_by_start(doc)
    by_sentence: dict[int, list[Span]] = {}
    for o in index[1]:
        by_sentence.setdefault(o.sent.start, []).append(o)
    for i in order:
        f = out[i]
        stock = False
        if f.type == "metric" and f.status == "actual" and f.time.is_empty() and f.args.get("measure") in AS_OF_MEASURES:
            q = _figure_quantity(doc, f, index)
            verb = _figure_verb(q.root) if q is not None else None
            if verb is not None and _told_as_now(verb):
                out[i] = dataclasses.replace(f, time=publication_day(published))
                continue
            # (a stock told in the past beside a dated result stands at that period's end:
            # "EBITDA came in at $742m in the first half, while net debt fell to $2.05bn")
            stock = True
        elif f.type != "metric" or f.status != "actual" or f.args.get("measure") in STOCK_MEASURES:
            continue
        q = _figure_quantity(doc, f, index)
        if q is None:
            continue
        sent = q.sent
        verb = _figure_verb(q.root)
        if not f.time.is_empty():
            dated_by_sent.setdefault(sent.start, []).append((f.args.get("entity"), f.time, verb.i if verb is not None else -1))
            continue
        if _earlier_value(q):
            continue
        time = _year_word_period(q, verb, published) if not stock else None
        if time is None and verb is not None:
            for linked in _linked_clauses(verb):
                if not any(_figure_verb(o.root) == linked for o in by_sentence.get(sent.start, [])):
                    continue
                known = [t for e, t, v in dated_by_sent.get(sent.start, []) if v == linked.i]
                span = attached_time(linked, (), True) if not known else None
                if known:
                    time = known[-1]
                elif span is not None:
                    time = _period(span)
                if time is not None:
                    break
        if time is None and not stock and sent.start > 0 and not any(
                s._.time.start for s in spans_in_sentence(doc, "times", sent.start)):
            before = doc[sent.start - 1].sent
            gap = doc_text(doc)[before.end_char:sent.start_char]
            if "\n\n" not in gap:       # (one paragraph)
                same = [t for e, t, _ in dated_by_sent.get(before.start, []) if e == f.args.get("entity")]
                if same:
                    time = same[-1]
        if time is not None:
            out[i] = dataclasses.replace(f, time=TimeSpan(time.start, time.end, time.approx, time.text, time.resolved))
            dated_by_sent.setdefault(sent.start, []).append((f.args.get("entity"), out[i].time, verb.i if verb is not None else -1))
    return out


# ---------------------------------------------------------------- when a post was taken up

TAKING_UP_VERBS = lx.words("taking_up_verbs")
APPOINTING_VERBS = lx.words("appointing_verbs")
LEADING_VERBS = lx.words("leading_verbs")
TAKEN_NOUNS = lx.words("taken_nouns")


def _takes_up(v: Token, trigger: Token, org_refs: set[int]) -> bool:
    """'joined (the company)', 'took over', 'took charge', 'stepped in', 'became CEO',
    'was appointed': the verb says a post (or the tie to the company) began."""
    lemma = v.lemma_.lower()
    prts = {c.lower_ for c in v.children if c.dep_ == "prt"}
    objs = [c for c in v.children if c.dep_ in ("dobj", "attr")]
    if lemma in APPOINTING_VERBS:
        return R.is_passive(v)
    if lemma not in TAKING_UP_VERBS:
        return False
    if lemma == "take":
        return bool(prts & {"over", "up"}) or any(o.lemma_.lower() in TAKEN_NOUNS for o in objs)
    if lemma == "step":
        return bool(prts & {"in", "up"})
    if lemma in ("become", "assume"):
        return any(o.lemma_.lower() == trigger.lemma_.lower() or o.lemma_.lower() in TAKEN_NOUNS for o in objs)
    if lemma == "join":
        # (joining another company says nothing of this post; joining this one named is the
        # pattern position/joined's)
        return all(o._.ref < 0 for o in objs)
    return lemma == "arrive"


def _start_of(span: Span | None) -> TimeSpan:
    if span is None or span._.time_role not in ("point", "since") or not span._.time.start:
        return TimeSpan()
    t = span._.time
    return TimeSpan(t.start, None, t.approx, span.text, t.resolved)


def taken_up(trigger: Token, person: list[Token], org: list[Token], published: str | None) -> TimeSpan:
    """When the person in a post held now took it up, told in a clause on the person:
    'Chief executive Fiona Ortiz, who joined in 2022', '..., who was appointed in May',
    '..., who has run it since 2019' (or 'for 20 years'), 'Chief executive X, in the job
    since 2021', 'CEO X has closed nine plants since taking over in 2021'."""
    if not person:
        return TimeSpan()
    names = {t.i for t in person}
    p = next((t for t in person if t.head.i not in names or t.head == t), person[-1])
    doc = p.doc
    org_refs = {t._.ref for t in org if t._.ref >= 0}
    clauses = [rc for rc in p.children if rc.dep_ == "relcl" and R.is_verb(rc)]
    # ("X, whose family controls it and who has been leading it for 20 years")
    clauses += [c for rc in clauses for c in rc.children if c.dep_ == "conj" and R.is_verb(c)]
    for rc in clauses:
        if _takes_up(rc, trigger, org_refs):
            got = _start_of(attached_time(rc, (), True))
            if got.start:
                return got
        if rc.lemma_.lower() in LEADING_VERBS and _present_perfect(rc):
            span = attached_time(rc, (), False)
            if span is not None and span._.time_role == "since":
                return _start_of(span)
            got = lasting_since(rc, published)
            if got.start:
                return got
    # "X, in the job since 2021," (set off by commas after the name)
    end = max(names) + 1
    if end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "in":
        near = doc[end + 1:min(len(doc), end + 6)]
        if any(t.lemma_.lower() in TAKEN_NOUNS for t in near):
            for span in spans_in_sentence(doc, "times", p.sent.start):
                if span._.time_role == "since" and near.start < span.start <= near.end:
                    return _start_of(span)
    # "X has closed nine plants since taking over in 2021"
    for v in _verbs_of_subject(p):
        for c in v.children:
            verb = None
            if c.dep_ == "prep" and c.lower_ in ("since", "after", "upon"):
                verb = next((g for g in c.children if g.dep_ == "pcomp" and R.is_verb(g)), None)
            elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("since", "after", "when") for m in c.children) \
                    and not R.subjects(c):
                verb = c
            if verb is not None and _takes_up(verb, trigger, org_refs):
                got = _start_of(attached_time(verb, (), True))
                if got.start:
                    return got
    return TimeSpan()


def _verbs_of_subject(p: Token) -> list[Token]:
    """The verbs a name is the subject of, with their conjuncts ('X has closed or sold'); the
    small model hangs 'Meridel, whose chief executive X has closed ...' as an apposition, so
    a verb right after the name (past auxiliaries and adverbs) counts too."""
    base = p.head if p.dep_ in ("nsubj", "nsubjpass") and R.is_verb(p.head) else None
    if base is None and p.dep_ == "appos":
        for t in p.doc[p.i + 1:min(len(p.doc), p.i + 5)]:
            if t.dep_ in ("aux", "neg", "advmod"):
                continue
            if t.pos_ == "VERB" and t.sent == p.sent:
                base = t
            break
    if base is None:
        return []
    return [base] + [c for c in base.children if c.dep_ == "conj" and R.is_verb(c)]


# ---------------------------------------------------------------- the news of the day

def in_lead(trigger: Token) -> bool:
    """The trigger is in the story's headline or its lead paragraph (the first two lines
    of text), and in its main clauses, not a relative or 'after' clause."""
    if _lines_before(trigger.sent) > 1:
        return False
    cur = trigger
    for _ in range(10):
        if cur.dep_ in ("relcl", "acl") or cur.dep_ in ("pcomp", "pobj") and cur.head.lower_ in TIME_MARKS | {"following", "upon"}:
            return False
        if any(c.dep_ == "mark" and c.lower_ in TIME_MARKS for c in cur.children):
            return False
        if cur.head == cur:
            return True
        cur = cur.head
    return True


def clause_verb(trigger: Token) -> Token | None:
    """The verb of the main clause (or of what a speech verb reports) the trigger is told
    in, through 'plans to close' and 'agreed to buy' -- none for a relative, 'after' or
    'if' clause."""
    return _clause_verbs(trigger)[1]


def _clause_verbs(trigger: Token) -> tuple[Token | None, Token | None]:
    """(the first verb above the trigger, the main clause's verb), or (None, None) when the
    trigger is told in a relative, 'after' or 'if' clause; (None, None) too when it lies in
    the subject of the first verb ('Finance chief X will run the bank')."""
    cur = trigger
    first = None
    for _ in range(10):
        if cur.dep_ in ("relcl", "advcl") or cur.dep_ == "acl" and not _to_clause(cur) or \
                cur.dep_ in ("pcomp", "pobj") and cur.head.lower_ in TIME_MARKS | {"following", "upon", "after", "before"}:
            return None, None
        if any(c.dep_ == "mark" and c.lower_ in TIME_MARKS | {"if", "after", "before"} for c in cur.children):
            return None, None
        if first is None and cur.dep_ in ("nsubj", "nsubjpass"):
            return None, None
        if R.is_verb(cur) and cur.dep_ != "aux" and first is None:
            first = cur
        if R.is_verb(cur) and cur.dep_ not in ("xcomp", "conj", "aux") and not _to_clause(cur):
            break       # (through "plans to close", "agreed to buy", "X quit and Y was named")
        if cur.head == cur:
            break
        cur = cur.head
    if not R.is_verb(cur) or cur.dep_ not in ("ROOT", "ccomp"):
        return None, None
    if cur.dep_ == "ccomp" and not (R.is_verb(cur.head) and cur.head.lemma_.lower() in SPEECH_VERBS):
        return None, None
    return first, cur


def news_clause(trigger: Token) -> Token | None:
    """The verb of the clause the trigger tells the story's news in, if it does: a main
    clause (or what a speech verb reports) in the present, the present perfect or the
    future -- 'Saxby has dropped plans to close ...', 'X becomes chairman', 'the group will
    be led by Y' -- not a past told without a date ('resigned'), which may be of any time,
    nor a relative, 'after' or 'if' clause.  In the story's lead, any main clause."""
    cur = clause_verb(trigger)
    if cur is None:
        return None
    return cur if _speaks_of_now(cur) or _present_perfect(cur) or in_lead(trigger) else None


def _to_clause(v: Token) -> bool:
    return v.dep_ == "acl" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in v.children)


def told_as_news(trigger: Token) -> bool:
    return news_clause(trigger) is not None


POST_TAKING_VERBS = lx.words("appointing_verbs") | lx.words("taking_up_verbs") | lx.words("leading_verbs")


def post_taken_as_news(trigger: Token) -> bool:
    """'X becomes chairman', 'Y will run the bank as interim CEO', 'has named Z its CEO':
    a post given or taken up in a clause telling the story's news."""
    first, _ = _clause_verbs(trigger)
    # (not a post its subject already holds: "Finance chief X will run the bank")
    if news_clause(trigger) is None or first is None or over_a_stretch(trigger):
        return False
    lemma = first.lemma_.lower()
    return lemma in POST_TAKING_VERBS or lemma in SERVING_VERBS and trigger.dep_ == "pobj" and \
        trigger.head.lower_ == "as"     # ("has asked X to act as chief executive")


SERVING_VERBS = lx.words("serving_verbs")


def over_a_stretch(trigger: Token) -> bool:
    """'Since taking charge in August 2025, X has closed ...', 'has cut 900 jobs over three
    years': the sentence tells of a stretch of time, not of the day's news."""
    if attached_time(trigger, (), True, durations=True) is not None:
        return True     # (in the trigger's own clause: "X, who was CEO for 14 years, becomes chairman" is news)
    doc = trigger.doc
    return any(c.lower_ == "since" and c.dep_ in ("prep", "mark")
               for i in _anchors(trigger, True) for c in doc[i].children)


def said_ahead(span: Span) -> bool:
    """'will share vessels from March': a date hanging from a verb in the future."""
    verb = span.root.head
    for _ in range(3):
        if R.is_verb(verb) or verb.head == verb:
            break
        verb = verb.head
    return R.is_verb(verb) and any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children)


def when_clause_time(trigger: Token) -> Span | None:
    """'will take over on June 1, when Ames retires': a 'when' clause happens at the time
    of the clause it hangs from."""
    if not any(c.dep_ in ("mark", "advmod") and c.lower_ == "when" for c in trigger.children):
        return None
    if trigger.dep_ == "advcl" and R.is_verb(trigger.head):
        return attached_time(trigger.head, (), True)
    if trigger.dep_ == "relcl":     # ("in March, when Frey steps down": the clause on the date)
        head = trigger.head
        return next((s for s in spans_in_sentence(trigger.doc, "times", trigger.sent.start)
                     if s.start <= head.i < s.end and s._.time_role != "duration"), None)
    return None


def post_left_as_news(trigger: Token) -> bool:
    """'X has left the board of Y', 'Z resigned as chair' (in the lead): a post given up in a
    clause telling the story's news."""
    from .modality import DEPARTURE_VERBS
    first, _ = _clause_verbs(trigger)
    return news_clause(trigger) is not None and first is not None and first.lemma_.lower() in DEPARTURE_VERBS \
        and left_by_now(first) and not over_a_stretch(trigger)


def left_by_now(v: Token) -> bool:
    """'has resigned', 'quit' (not 'is leaving', 'will step down': a leaving still to come)."""
    if any(c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lemma_ == "be") for c in v.children):
        return False
    return v.tag_ == "VBD" or _present_perfect(v)


def publication_day(published: str | None) -> TimeSpan:
    """The story's own date, for news it tells without one (approximately: the news may be
    a day older than the story)."""
    if not published or len(published) < 10:
        return TimeSpan()
    return TimeSpan(published[:10], None, True, STORY_DAY, True)


# (a time no words gave: a date the article states wins over it)


def news_day(doc, published: str | None) -> TimeSpan:
    """The day the story's news was given: a day in the lead ('completed their merger on
    Tuesday') or the first 'said on Thursday' of the story's first lines, within a week
    before publication."""
    if not published or len(published) < 10:
        return TimeSpan()
    try:
        pub = dt.date.fromisoformat(published[:10])
    except ValueError:
        return TimeSpan()
    lead_day = None     # (a day the lead names beside the saying's: "RIGA, March 26 - ... said on
    # Wednesday" -- the news was given on Wednesday; a dateline's day is the last resort)
    dateline = None
    for k, sent in enumerate(doc.sents):
        if k > 6 or lead_day is not None:
            break       # (a saying's day wins over the lead's only in the same sentence)
        for span in spans_in_sentence(doc, "times", sent.start):
            t = span._.time
            if span._.time_role != "point" or not t.start or len(t.start) != 10:
                continue
            try:
                day = dt.date.fromisoformat(t.start)
            except ValueError:
                continue
            if not (0 <= (pub - day).days <= 7):
                continue
            head = span.root.head
            for _ in range(4):      # ("said in a statement on Thursday")
                if R.is_verb(head) or head.head == head:
                    break
                head = head.head
            said = R.is_verb(head) and head.lemma_.lower() in SPEECH_VERBS or _dates_the_saying(span)
            lead = _lines_before(sent) <= 1
            if said:
                return TimeSpan(t.start, None, True, span.text, t.resolved)
            if lead and not any(R.is_verb(w) for w in sent):
                dateline = dateline or TimeSpan(t.start, None, True, span.text, t.resolved)
            elif lead and lead_day is None:
                lead_day = TimeSpan(t.start, None, True, span.text, t.resolved)
    return lead_day or dateline or TimeSpan()


def doc_text(doc) -> str:
    """The Doc's text, built once (spaCy joins every token each time `doc.text` is read)."""
    text = doc.user_data.get("newsledger_text")
    if text is None:
        text = doc.user_data["newsledger_text"] = doc.text
    return text


def _lines_before(sent: Span, cap: int = 2) -> int:
    """Lines of text ended before the line the sentence starts on ('(Bloomberg) -- X ...'
    is on the lead's line), counted up to `cap` (callers ask only whether it is the lead:
    reading on from the top of the text stops there, so a long article costs no more)."""
    text = doc_text(sent.doc)
    end = sent.start_char
    count, pos = 0, 0
    while count < cap:
        nl = text.find("\n", pos, end)
        if nl < 0:
            break
        if text[pos:nl].strip():
            count += 1
        pos = nl + 1
    return count


def _year_word_period(q: Span, verb: Token | None, published: str | None) -> TimeSpan | None:
    """'Full-year revenue rose to ...', 'half-year profit rose to ...' (no date said): the
    last full year -- in a story of the year's first half -- or the last half-year done."""
    if not published or len(published) < 7 or verb is None:
        return None
    nouns = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    words = " ".join(t.lower_ for n in nouns for t in n.subtree if t.i < n.i)
    words = words.replace(" - ", "-")
    year, month = int(published[:4]), int(published[5:7])
    if "full-year" in words or "full year" in words or "annual" in words:
        return TimeSpan(str(year - 1), None, False, "full-year") if month <= 6 else None
    if "half-year" in words or "half year" in words or "interim" in words:
        label = f"{year - 1}-H2" if month <= 6 else f"{year}-H1"
        return TimeSpan(label, None, False, "half-year")
    return None


def left_org(org: list[Token]) -> TimeSpan:
    """'She was finance director of Corlay, which she left in 2022 after seven years': a post
    at a company a relative clause says its holder left ended then (and, told how long it
    lasted, began that long before, approximately)."""
    from .modality import DEPARTURE_VERBS
    for o in org:
        for rc in o.children:
            if rc.dep_ != "relcl" or rc.lemma_.lower() not in DEPARTURE_VERBS:
                continue
            span = attached_time(rc, (), True)
            if span is None or span._.time_role != "point" or not span._.time.start:
                continue
            t = span._.time
            end = t.end or t.start
            for d in spans_in_sentence(o.doc, "times", o.sent.start):
                if d.root.head == rc or d.root == rc or d.root.head.head == rc:
                    offset = dates.parse_offset(re.sub(r"^(after|following)\s+", "", d.text, flags=re.I))
                    if offset and offset[0] and d is not span:
                        begun = dates.shift(TimeSpan(end[:4], None, True, d.text), months=-offset[0])
                        return TimeSpan(begun.start, end, True, span.text, t.resolved)
            return TimeSpan(None, end, t.approx, span.text, t.resolved)
    return TimeSpan()


# ---------------------------------------------------------------- the story's event named again

EVENT_NOUNS = {k: tuple(v.split(",")) for k, v in lx.table("event_nouns").items()}
DATING_VERBS = ESTABLISHING_VERBS | lx.words("event_dating_verbs")


def story_event_dates(ctx, facts: list) -> list:
    """'Meridel will shut its Leuven plant ... The closure is scheduled for July 2026', 'ended
    talks on a combination ... The discussions, which began in July, ...': an article's one
    event of a kind, dated nowhere in the sentences that name its parties, takes the date of
    a sentence that names it again by its noun ('the closure', 'the deal', 'its listing') --
    when the article dates that noun once, and the noun names no other party.  A plan takes
    a date to come or any; an event done, one not after the story; a cancellation none (its
    date is when it was called off)."""
    doc = ctx.doc
    published = ctx.document.published
    from ..schema import TYPES
    entity_keys = {t: tuple(a.name for a in TYPES[t].args if a.key and a.entity) for t in TYPES_DATED_BY_NOUN}
    keys: dict[str, set] = {}
    for f in facts:
        if f.type in TYPES_DATED_BY_NOUN:
            parties = [str(f.args.get(k)) for k in entity_keys[f.type]]
            keys.setdefault(f.type, set()).add(tuple(sorted(parties) if TYPES[f.type].unordered else parties))
    def undated(f) -> bool:
        return f.time.is_empty() or f.time.text == STORY_DAY

    wanted = {t for t, k in keys.items() if len(k) == 1 and any(
        f.type == t and undated(f) and f.status in ("planned", "actual") for f in facts)}
    if not wanted:
        return facts
    names = {t: {str(f.args.get(k)) for f in facts if f.type == t for k in entity_keys[t]} for t in wanted}
    found: dict[str, set] = {}
    for tok in doc:
        types = EVENT_NOUNS.get(tok.lemma_.lower()) if tok.pos_ in ("NOUN", "PROPN") else None
        if not types or not set(types) & wanted or ctx.skip(tok):
            continue
        if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "this") for c in tok.children):
            continue    # ("a closure", "any deal": not the story's one)
        parties = {ctx.name(t._.ref) for t in tok.subtree if t._.ref >= 0 and t._.kind == "name"
                   and ctx.clusters[t._.ref].type in ("organization", "facility")}
        span = attached_time(tok, (), True)
        verb = _figure_verb(tok)
        if span is None:
            for rc in tok.children:
                if rc.dep_ in ("relcl", "acl") and rc.lemma_.lower() in DATING_VERBS:
                    span = attached_time(rc, (), True)      # "the talks, which began in July"
                    verb = rc
                    break
        # ("began in July", "the deal, announced in March": not next July, next March)
        past = verb is not None and (verb.tag_ == "VBD" or verb.tag_ == "VBN" and verb.dep_ == "acl")
        if span is None or span._.time_role not in ("point", "by") or not span._.time.start:
            continue
        for t in types:
            if t in wanted and parties <= names[t]:
                found.setdefault(t, set()).add((span._.time.start, span._.time.approx, span.text, past))
    out = []
    for f in facts:
        dated = found.get(f.type) if f.type in wanted else None
        if dated and len({d[0] for d in dated}) == 1 and undated(f) and f.status in ("planned", "actual"):
            start, approx, text, past = next(iter(dated))
            time = TimeSpan(start, None, approx, text)
            if f.status == "planned" and not past:
                time = future_of(time, published)
            if f.status == "planned" or not published or (time.start or "") <= published[:len(time.start or "")]:
                f = dataclasses.replace(f, time=time)
        out.append(f)
    return out


TYPES_DATED_BY_NOUN = ("closed", "merger", "acquisition", "ipo", "partner", "founded", "stake")
