"""Text preparation for the parser: paragraphs, headings, and a same-length normal form.

The parser reads a copy of the text in which typographic quotes and dashes are
replaced one character for one character, so every offset it gives is still an
offset into the stored text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# One-for-one replacements: curly quotes confuse the small model's tagger ("Ampere’s"
# read as a verb), and dashes glued to words ("Ruitz—") stay inside tokens.
_SAME_LENGTH = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                              "\u00a0": " ", "\u2032": "'", "\u02bc": "'"})
_DASH_BETWEEN_WORDS = re.compile(r"(?<!\d)[\u2013\u2014](?!\d)")
_DOUBLE_HYPHEN = re.compile(r"(?<=\S)--(?=\S)")
# "PARIS (Reuters) -Renault named ...": a dateline's dash glued to the story's first word
# would make "-Renault" one token; the parser sees a blank there
_GLUED_DATELINE_DASH = re.compile(r"(?<=\)) ?[-\u2013\u2014](?=[A-Z])")
# A photo credit pasted onto the story's first words ("© 2022 Bloomberg Finance LPGeneral
# Motors, after ..."): the parser sees blanks in its place.
_CREDIT = re.compile(r"(?:©|\(c\)|Copyright)\s*(?:\d{4}\s+)?[A-Z][\w&.,' -]{0,60}?"
                     r"(?:LP|L\.P\.|LLC|Inc\.?|Ltd\.?|Limited|plc|AG|SA|GmbH|Corp\.?|Images|Photos?|Press|"
                     r"Reuters|AFP|AP)(?=[A-Z][a-z]|\s|$)")


def parser_form(text: str) -> str:
    """The text the parser sees: same length, plainer punctuation."""
    out = text.translate(_SAME_LENGTH)
    out = _DASH_BETWEEN_WORDS.sub(",", out)
    out = _DOUBLE_HYPHEN.sub(" ,", out)       # (a blank before the comma marks it as a dash's)
    out = _GLUED_DATELINE_DASH.sub(lambda m: " " * len(m.group(0)), out)
    out = _CREDIT.sub(lambda m: " " * len(m.group(0)), out)
    return out


@dataclass
class Paragraph:
    start: int
    end: int
    text: str
    heading: bool


def paragraphs(text: str) -> list[Paragraph]:
    """Split on line breaks; a short line without a verb-like ending is a heading."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = _CREDIT.sub(lambda c: " " * len(c.group(0)), m.group(0))
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        start = m.start() + lead
        out.append(Paragraph(start, start + len(stripped), stripped, is_heading(stripped)))
    return out


def is_heading(line: str) -> bool:
    """Section titles and list labels ("Ampere History", "Key takeaways:") carry no facts."""
    words = line.split()
    if line.endswith((".", "!", "?", '"', "”", ")")) or len(words) > 9:
        return False
    return True
