"""newsledger_times: time expressions, resolved against the publication date.

`dates.find_times` reads each sentence ("since last July", "from 2005 to 2008", "on
Wednesday"); each expression becomes a span in doc.spans["times"] with its resolved
TimeSpan (span._.time) and its role (span._.time_role: point, since, until, by, from,
range, duration).  The preposition is inside the span, so "since" and "until" can be
read off the role without looking at the words again.
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
    doc.spans["times"] = spans
    return doc
