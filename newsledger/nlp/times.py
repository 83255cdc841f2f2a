"""newsledger_times: time expressions, resolved against the publication date.

`dates.find_times` reads each sentence ("since last July", "from 2005 to 2008", "on
Wednesday"); each expression becomes a span in doc.spans["times"] with its resolved
TimeSpan (span._.time) and its role (span._.time_role: point, since, until, by, from,
range, duration).  The preposition is inside the span, so "since" and "until" can be
read off the role without looking at the words again.

A split year ("2024-25") is a financial year: when the article names a reporting period
that tells when its years end ("for the year to March 31"), it runs April to March.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language

from .. import dates, lexicon as lx
from ..models import TimeSpan


@Language.component("newsledger_times")
def mark_times(doc):
    spans = []
    published = doc._.published
    for sent in doc.sents:
        if sent[0]._.boilerplate:
            continue
        for m in dates.find_times(sent.text, published):
            span = doc.char_span(sent.start_char + m.start, sent.start_char + m.end,
                                 label="time", alignment_mode="expand")
            if span is None:
                continue
            span._.time = m.span
            span._.time_role = m.role
            spans.append(span)
    end_month = dates.fiscal_year_end([s._.time for s in spans])
    if end_month is not None:
        for span in spans:
            span._.time = dates.as_fiscal_year(span._.time, end_month)
    else:
        # ("revenue for 2024-25": a year split with two digits names a financial year; with
        # no period in the text to say when its years end, the commonest, April to March)
        for span in spans:
            if dates.has_short_split_year(span.text):
                moved = dates.as_fiscal_year(span._.time, 3)
                if moved is not span._.time:
                    span._.time = replace(moved, approx=True)
    for span in spans:
        _from_sibling(span, spans)
        _ahead_of_publication(span, published)
        _behind_publication(span, published)
    doc.spans["times"] = spans
    return doc


ANCHORED_WORDS = lx.words("anchored_words")


def _from_sibling(span, spans) -> None:
    """'narrowed to 9.8% in the first half from 11.2% a year earlier': an offset with no
    date of its own ("a year earlier", "two quarters later") counts from the date the
    sentence gave last (or next), not from publication."""
    t = span._.time
    if t is None or t.resolved or t.start or t.end:
        return
    words = span.text.lower().split()
    if not words or not any(w in ANCHORED_WORDS for w in words) or "ago" in words:
        return
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.pos_ in ("DET", "NOUN", "PROPN", "PRON", "VERB"):
        return      # "two years before the merger": counted from an event, not a date
    offset = dates.parse_offset(span.text)
    if not offset or offset[2] == 0:
        return
    months, days, direction = offset
    sent = span.sent
    dated = [s for s in spans if s is not span and s.sent == sent and s._.time is not None
             and s._.time.resolved and s._.time.start and s._.time_role != "duration"]
    dated = [s for s in dated if not _dates_saying(s)]
    if not dated:
        return
    before = [s for s in dated if s.end <= span.start]
    anchor = before[-1] if before else dated[0]
    a = anchor._.time
    moved = dates.shift(TimeSpan(a.start, a.end, a.approx, span.text), months=direction * months, days=direction * days)
    span._.time = moved
    span._.time_role = "point"


SPEECH_VERBS = lx.words("speech_verbs")


def _dates_saying(span) -> bool:
    """'..., the company said on Tuesday': the day of the report, no anchor for a figure's
    'a year earlier'."""
    head = span.root.head
    while head.pos_ == "ADP" and head.head != head:
        head = head.head
    return head.lemma_.lower() in SPEECH_VERBS


_AHEAD = re.compile(r"^(?:over|in|within|during)\s+the\s+(?P<way>next|coming|past|last)\s+\S+\s+(?:years?|months?|quarters?)$", re.I)
_SPREAD = re.compile(r"^(?:over|within)\s+(?:a|\S+)\s+(?:years?|months?)$", re.I)
_FUTURE_AUX = ("will", "shall", "'ll", "would")
PLAN_VERBS = lx.words("plan_verbs")


def _spread_ahead(span) -> bool:
    """'will invest $1.8bn over five years': a plain stretch on a verb that speaks of the
    future (a future auxiliary, or 'plans to'/'aims to' above it) runs from now."""
    if not _SPREAD.match(span.text):
        return False
    verb = span.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
        verb = verb.head
    for v in (verb, verb.head):
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in _FUTURE_AUX for c in v.children):
            return True
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
        and verb.head.lemma_.lower() in PLAN_VERBS


def _ahead_of_publication(span, published) -> None:
    """'will cut 2,400 jobs over the next two years': a stretch counted forward from the
    story's date runs from its month to that far ahead, approximately ('over the past
    two years' as far back)."""
    t = span._.time
    if not published or t is None or t.resolved or t.start or t.end:
        return
    ahead = _AHEAD.match(span.text)
    if not ahead and not _spread_ahead(span):
        return
    offset = dates.parse_offset(span.text)
    if not offset or not offset[0]:
        return
    base = TimeSpan(published[:7], None, True, span.text)
    if ahead and ahead["way"].lower() in ("past", "last"):     # ("over the past two years")
        start = dates.shift(base, months=-offset[0])
        span._.time = TimeSpan(start.start, published[:7], True, span.text, True)
    else:
        end = dates.shift(base, months=offset[0])
        span._.time = TimeSpan(published[:7], end.start, True, span.text, True)
    span._.time_role = "range"


_NAMED_YEAR = re.compile(r"\b(?:\d{4}|next|coming|following)\b", re.I)


def _behind_publication(span, published) -> None:
    """'the backlog reached a record at the end of the year', published in February: a past
    told in the past tense with no year of its own ('the year', 'in the fourth quarter') is
    not after the story -- it is the last such period before it."""
    t = span._.time
    if not published or t is None or not t.resolved or not t.start or span._.time_role not in ("point", "range"):
        return
    first = dates.first_day(t.start)
    if first is None or _NAMED_YEAR.search(span.text) or first <= published[:10]:
        return
    verb = span.root.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head == verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ != "VBD" or any(
            c.dep_ in ("aux", "auxpass") and (c.tag_ == "MD" or c.lower_ in ("is", "are", "will")) for c in verb.children):
        return
    moved = dates.shift(t, months=-12)
    if moved.start:
        span._.time = replace(moved, text=t.text)
