"""newsledger_boundaries: sentence starts the parser should respect (runs before it).

A line break ends a sentence (paragraphs, headings and list items are never one
sentence with the next line), and an abbreviation does not ("Nissan Motor Co.
President Makoto Uchida" is one sentence).
"""
from __future__ import annotations

from spacy.language import Language

from .. import lexicon as lx

ABBREVIATIONS = lx.words("abbreviations")


@Language.component("newsledger_boundaries")
def set_boundaries(doc):
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            t.is_sent_start = True
        elif prev.lower_ in ABBREVIATIONS and not t.is_space and t.text[:1] not in ('"', "\u201c"):
            t.is_sent_start = False
    return doc
