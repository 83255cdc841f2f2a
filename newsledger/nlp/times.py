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

from spacy.language import Language

from .. import dates


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
    doc.spans["times"] = spans
    return doc
