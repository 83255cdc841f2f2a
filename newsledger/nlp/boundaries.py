"""newsledger_boundaries: sentence starts the parser should respect (runs before it).

A line break ends a sentence (paragraphs, headings and list items are never one
sentence with the next line), and an abbreviation does not ("Nissan Motor Co.
President Makoto Uchida" is one sentence); nor does a bare word (no stop, no line break).
"""
from __future__ import annotations

import re

from spacy.language import Language

from .. import lexicon as lx

ABBREVIATIONS = lx.words("abbreviations")
# A wire dateline opening a line: "PARIS, Jan 8 (Reuters) - ", "SAN JOSE, Calif. (Bloomberg) -- ",
# "TOKYO, Nov 7 (Kyodo) - ", "EDINBURGH, Feb 11 - ".  A format, not a phrasing: place in
# capitals, optional date or state, optional credit in brackets, then a dash.
DATELINE = re.compile(r"[A-Z][A-Z.' -]{1,40}(?:,\s*[A-Z][a-z]{1,9}\.?(?:\s+\d{1,2})?(?:,\s*\d{4})?)?"
                      r"\s*(?:\([^()\n]{1,40}\)\s*(?:(?:-{1,2}|–|—|,)\s*)?|(?:-{1,2}|–|—)\s+|(?<=\s),\s*)(?=\S)")
# (" , " is the parser's form of a spaced en dash: "MILAN, April 2 – Shares in ..." -- a
# comma after a blank is no writer's comma)


def dateline_end(doc, line_start: int, text: str | None = None) -> int | None:
    """Token index where the story starts after a dateline opening the line at `line_start`
    (`text` is doc.text, which spaCy rebuilds on every access: pass it when looping)."""
    text = doc.text if text is None else text
    start_char = doc[line_start].idx
    m = DATELINE.match(text, start_char, min(len(text), start_char + 120))
    if not m:
        return None
    span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
    return span.start if span is not None else None


@Language.component("newsledger_boundaries")
def set_boundaries(doc):
    # a dateline is not the first sentence's subject ("EDINBURGH, Feb 11 - Alder ... completed")
    text = doc.text
    for i in [0] + [t.i + 1 for t in doc[:-1] if t.is_space and "\n" in t.text]:
        if i < len(doc):
            end = dateline_end(doc, i, text)
            if end is not None and end > i:
                doc[end].is_sent_start = True
                for t in doc[i + 1:end]:
                    t.is_sent_start = False
    for t in doc[1:]:
        prev = doc[t.i - 1]
        if prev.is_space and "\n" in prev.text or "\n" in prev.whitespace_:
            t.is_sent_start = True
        elif prev.lower_ in ABBREVIATIONS and not t.is_space and t.text[:1] not in ('"', "\u201c"):
            t.is_sent_start = False
        elif prev.is_alpha and t.is_alpha and prev.whitespace_ == " " and t.is_sent_start is None:
            # no sentence starts right after a word, with neither a stop nor a line break
            # between ("Valdor Acier will close ...": not "Valdor" and "Acier will close ...")
            t.is_sent_start = False
    return doc
