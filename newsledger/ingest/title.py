"""A plain-text article's title, when its first line reads as a headline.

Pasted or saved articles usually start with the headline: a short line with no
closing full stop, followed by the body.  Taking it as the title (when nothing
better, such as a manifest's `title`, names the article) lets pages and tables show
"Halvorsen scraps Lumen IPO" instead of a file name.  The text itself is unchanged.
"""
from __future__ import annotations

import re

MAX_TITLE_CHARS = 150
MAX_TITLE_WORDS = 24
MIN_BODY_CHARS = 80
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_EMPHASIS = re.compile(r"^[*_]{1,3}(.+?)[*_]{1,3}$")


def headline_of(text: str) -> str | None:
    """The first line of `text` if it reads as a headline, else None."""
    first, _, rest = text.lstrip().partition("\n")
    line = _plain(first)
    if not line or not rest.strip() or len(rest.strip()) < MIN_BODY_CHARS:
        return None
    words = line.split()
    if len(line) > MAX_TITLE_CHARS or not 2 <= len(words) <= MAX_TITLE_WORDS:
        return None
    if line[-1] in ".,;:" or not (line[0].isupper() or line[0].isdigit()):
        return None
    return line


def _plain(line: str) -> str:
    """The line without Markdown heading marks or emphasis around it."""
    line = _MARKDOWN_HEADING.sub("", line.strip())
    match = _EMPHASIS.match(line)
    return " ".join((match.group(1) if match else line).split())
