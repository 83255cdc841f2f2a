"""newsledger_quantities: figures (money, percentages, counts) and stated changes.

`numbers.find_quantities` reads each sentence; each figure becomes a span in
doc.spans["quantities"] with its value (span._.quantity).  A stated change that the
figure expresses ("rose 5%", "a 24-percent slump") is span._.change_pct, signed.
"""
from __future__ import annotations

from spacy.language import Language

from .. import numbers


@Language.component("newsledger_quantities")
def mark_quantities(doc):
    spans = []
    for sent in doc.sents:
        if sent[0]._.boilerplate:
            continue
        text = sent.text
        quantities = numbers.find_quantities(text)
        changes = {c.quantity_start: c.pct for c in numbers.find_changes(text, quantities)}
        for q in quantities:
            span = doc.char_span(sent.start_char + q.start, sent.start_char + q.end,
                                 label=q.kind, alignment_mode="expand")
            if span is None:
                continue
            span._.quantity = q
            span._.change_pct = changes.get(q.start)
            spans.append(span)
    doc.spans["quantities"] = spans
    return doc
