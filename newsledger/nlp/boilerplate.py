"""newsledger_boilerplate: sentences that are not the story.

Wire credits ("(Reporting by ...; Editing by ...)"), "Refiles to ..." notes, a wire
agency describing itself, promotion and contact lines carry no facts about the
companies in the story; worse, they read like facts ("a multimedia news provider
reaching more than one billion people").  They stay in the stored text (evidence
offsets never move) but are marked, and extraction skips them.

A sentence is boilerplate when its line opens with one of `boilerplate_openers`, when
it holds one of `boilerplate_phrases`, or when it holds an e-mail address.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from .. import lexicon as lx

OPENERS = lx.longest_first("boilerplate_openers")
PHRASES = lx.longest_first("boilerplate_phrases")
_STRIP = " \t([{\"'\u201c\u2018*-\u2013\u2014"


def is_boilerplate(sentence: str) -> bool:
    low = sentence.strip().lstrip(_STRIP).casefold().replace("\u2019", "'")
    if any(low.startswith(o) for o in OPENERS):
        return True
    if any(p in low for p in PHRASES):
        return True
    return "@" in low and _has_email(low)


def _has_email(low: str) -> bool:
    for word in low.split():
        at = word.find("@")
        if 0 < at < len(word) - 3 and "." in word[at:]:
            return True
    return False


@Language.component("newsledger_boilerplate")
def mark_boilerplate(doc):
    spans = []
    for sent in doc.sents:
        if is_boilerplate(sent.text):
            spans.append(Span(doc, sent.start, sent.end, label="boilerplate"))
            for t in sent:
                t._.boilerplate = True
    doc.spans["boilerplate"] = spans
    return doc
