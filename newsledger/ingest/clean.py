"""Boilerplate removal: HTML pages through trafilatura, pasted page text line by line.

`clean_text` only ever DROPS whole lines.  Every kept line is the user's line with
its leading/trailing whitespace stripped, character for character, so fact evidence
taken from the cleaned text is a verbatim slice of what the user gave.  When a rule
is unsure, the line stays.
"""
from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from urllib.parse import urlsplit

__all__ = ["clean_html", "clean_text", "looks_like_html", "looks_like_feed", "strip_tags",
           "html_metadata"]

# ---------------------------------------------------------------------------- text

_FINAL = re.compile(r"[.!?…。！？][\"'”’»)\]]*$")          # ends a sentence
_WORDS = re.compile(r"\S+")
_DQUOTES = re.compile(r"[\"“”«»„]")

# Lines that are nothing but a navigation/CTA label (casefolded, trailing ":|›»>→" cut).
_LABELS = frozenset("""
advertisement|advertising|ad|ads|sponsored|sponsored content|paid content|promoted
share|share this|share this article|share this story|share this post|share article
share on facebook|share on twitter|share on x|share on linkedin|tweet|email|e-mail|print
comments|comment|view comments|show comments|leave a comment|post a comment|join the conversation
read more|read next|read also|also read|see also|more|more news|more stories|more from
related|related articles|related article|related stories|related news|related topics|related posts
related content|recommended|recommended for you|recommended stories|you might also like
you may also like|you might be interested in|you may be interested in|don't miss|dont miss
most read|most popular|most viewed|popular|trending|trending now|latest|latest news|top stories
editor's picks|editors' picks|editors picks|skip to content|skip to main content|back to top
menu|search|home|homepage|subscribe|subscribe now|sign up|sign in|log in|login|register
newsletter|follow us|close|loading|next article|previous article|next story|previous story
continue reading|show more|load more|listen to this article|listen|tags|topics|image|photo
photos|video|videos|watch|gallery|view gallery|open gallery|enlarge|expand|copy link
""".replace("\n", "|").strip("|").split("|"))

# Short label prefix such as "MORE: Explore ..." or "Related: Other story".
_LABEL_PREFIX = re.compile(
    r"^(more|read more|read also|also read|see also|related|related articles?|related stories|"
    r"recommended|read next|watch|listen|sponsored|advertisement|trending|editor'?s picks?|"
    r"latest|don'?t miss|also on [\w .-]{1,30})\s*[:|»›>–—]", re.I)
_CTA = [
    re.compile(r"\bclick\s+here\b", re.I),
    re.compile(r"^(sign\s+up|subscribe|register)\s.{0,100}\b(newsletter|inbox|free|today|now|"
               r"updates|alerts|our|here)\b", re.I),
    re.compile(r"^(join|download|follow|get)\s.{0,100}\b(our|us|newsletter|inbox|the app|"
               r"for free|free trial)\b", re.I),
    re.compile(r"^(share|follow)\s+(this|us|on)\b", re.I),
    re.compile(r"^(image|photo|picture|photograph|video|credit|image credit|photo credit|"
               r"images|photos)\s*(credit)?\s*:", re.I),
    re.compile(r"^[(\[]\s*(photo|image|picture|photograph|video|credit)s?\b.*[)\]]$", re.I),
]
_CTA_MAX = 220
# "Fast Answers, Honest Reviews, Better Prices": three or more Title-Case fragments.
_TC = r"[A-Z][\w'’&-]*"
_TC_PHRASE = rf"{_TC}(?:\s+(?:{_TC}|&|and|of|the|for|to)){{0,3}}"
_SLOGAN = re.compile(rf"^{_TC_PHRASE}(?:\s*,\s*{_TC_PHRASE}){{2,}}[.!]?$")
# "News | Reviews | Deals" menus.
_MENU = re.compile(r"^(?:[^|•·]{1,30}\s*[|•·]\s*){2,}[^|•·]{1,30}$")
_BREADCRUMB = re.compile(r"^(home|homepage|start)\s*(/|>|»|›|\||&gt;|→|•)", re.I)
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s*(\S.*)$")
_NAV_WORDS = frozenset({"home", "homepage", "news", "start", "index", "front page", "latest"})

_SECOND_PERSON = re.compile(r"\b(you|your|yours|you're|you’re|you'll|you’ll|you've|you’ve)\b", re.I)
_PROMO_CUES = re.compile(
    r"\b(save|saves|saving|savings|deals?|offers?|trusted|advice|prices?|discounts?|free|"
    r"newsletters?|subscribe|subscription|sign up|click|download|app|experts?|exclusive|"
    r"unlock|membership|premium|inbox|personali[sz]ed|guaranteed|shop|shopping|buying|"
    r"quotes?|best|smarter|cheaper|today)\b", re.I)
_PROMO_MIN_CUES = 3

_BIO_CUES = [
    re.compile(r"\b(in|during)\s+(his|her|their)\s+(spare|free|down)\s*time\b", re.I),
    re.compile(r"\b(he|she)\s+(loves|enjoys|adores)\b", re.I),
    re.compile(r"\bloves\s+(to\s+\w+|\w+ing)\b", re.I),
    re.compile(r"\bbased\s+in\b", re.I),
    re.compile(r"\bwould\s+love\s+to\s+tell\s+you\b", re.I),
    re.compile(r"\b(his|her|their)\s+(work|writing|articles?|reporting|bylines?)\s+"
               r"(has|have)\s+(appeared|been\s+published|featured)\b", re.I),
    re.compile(r"\bis\s+an?\s+(\w+\s+){0,2}(journalist|writer|reporter|editor|correspondent|"
               r"contributor|columnist|freelancer|blogger)\b", re.I),
    re.compile(r"\b(has|have)\s+been\s+(writing|covering|reporting|blogging)\b", re.I),
    re.compile(r"\bwhen\s+(he|she|they)\s*('s|’s|is|are|'re|’re)?\s*not\s+"
               r"(writing|reporting|covering|working)\b", re.I),
    re.compile(r"\b(follow|reach|contact)\s+(him|her|them)\s+(on|at|via)\b", re.I),
    re.compile(r"\b(his|her|their)\s+(passion|love)\s+for\b", re.I),
]
_BIO_MIN_SCORE = 2

_ROLE_LINES = frozenset("""journalist reporter editor writer author contributor correspondent
columnist photographer producer""".split()) | {
    "senior editor", "staff writer", "senior reporter", "news editor", "contributing writer",
    "contributing editor", "staff reporter", "guest author", "senior journalist",
    "deputy editor", "managing editor", "editor-in-chief", "business reporter",
    "senior correspondent", "freelance journalist", "freelance writer",
}
_BYLINE = re.compile(r"^(?i:by|written by|words by|posted by|author:)\s+[A-Z][\w.'’-]*"
                     r"(\s+[A-Z][\w.'’-]*){0,4}\s*([,|·•–—-].{0,60})?$")

_META_WORDS = re.compile(
    r"\b(views?|reads?|hits|comments?|shares?|likes?|min|mins|minutes?|hours?|hrs?|secs?|"
    r"seconds?|days?|ago|read|am|pm|a\.m\.|p\.m\.|gmt|utc|est|edt|cet|cest|bst|pst|pdt|ist|"
    r"jst|kst|updated|published|posted|last|on|at|jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|"
    r"may|june?|july?|aug(ust)?|sep(t|tember)?|oct(ober)?|nov(ember)?|dec(ember)?|"
    r"mon(day)?|tue(s|sday)?|wed(nesday)?|thu(rs|rsday)?|fri(day)?|sat(urday)?|sun(day)?)\b",
    re.I)
_LETTER = re.compile(r"[^\W\d_]")

_COPYRIGHT_START = re.compile(r"^(copyright\b|©|\(c\)\s*\d{4})", re.I)
_RIGHTS = re.compile(r"\ball\s+rights\s+reserved\b", re.I)
_DEVELOPING = re.compile(
    r"^[(\[]?\s*(this\s+(is\s+a\s+)?developing\s+story|this\s+story\s+is\s+developing|"
    r"developing\s+story|breaking\s*:?\s*this\s+story|this\s+(story|article|report)\s+"
    r"(has\s+been|will\s+be|is\s+being|was|may\s+be)\s+updated|updates?\s+to\s+follow|"
    r"more\s+to\s+follow|check\s+back\s+(later|for\s+updates))", re.I)


_BRACKETED = re.compile(r"^\(.*\)$|^\[.*\]$")   # credit lines: (Reporting by ...)


def _key(line: str) -> str:
    return " ".join(line.casefold().split())


def _is_final(line: str) -> bool:
    return bool(_FINAL.search(line))


def _n_words(line: str) -> int:
    return len(_WORDS.findall(line))


def _is_short(line: str) -> bool:
    return len(line) <= 100 and _n_words(line) <= 12 and not _is_final(line)


def _label(line: str) -> str:
    return _key(line).rstrip(":|›»>→.…-– ").strip()


def _is_nav_item(line: str) -> str | None:
    """The label of a numbered menu/breadcrumb item ("1. Home"), else None."""
    m = _NUMBERED.match(line)
    if not m or _is_final(line) or len(line) > 40 or _n_words(m.group(2)) > 5:
        return None
    return _key(m.group(2))


def _is_meta_junk(line: str) -> bool:
    """Timestamps, view counters, read times: digits and meta words only."""
    if len(line) > 80 or not any(c.isdigit() for c in line):
        return False
    return not _LETTER.search(_META_WORDS.sub(" ", line))


def _is_label_line(line: str) -> bool:
    if len(line) > _CTA_MAX:
        return False
    if _label(line) in _LABELS:
        return True
    if len(line) <= 120 and _LABEL_PREFIX.match(line):
        return True
    if any(p.search(line) for p in _CTA):
        return True
    if len(line) <= 120 and _SLOGAN.match(line):
        return True
    if not _is_final(line) and len(line) <= 200 and _MENU.match(line) \
            and _n_words(line) <= 20:
        return True
    if not _is_final(line) and len(line) <= 120 and _BREADCRUMB.match(line):
        return True
    return False


def _is_promo(line: str) -> bool:
    if _DQUOTES.search(line) or not _SECOND_PERSON.search(line):
        return False
    cues = {m.group(0).casefold() for m in _PROMO_CUES.finditer(line)}
    return len(cues) >= _PROMO_MIN_CUES


def _is_copyright(line: str) -> bool:
    if _COPYRIGHT_START.match(line) and len(line) <= 120 and _n_words(line) <= 16:
        return True
    return bool(_RIGHTS.search(line)) and len(line) <= 250


def _is_role_or_byline(line: str) -> bool:
    if _label(line) in _ROLE_LINES:
        return True
    return len(line) <= 100 and not _is_final(line) and bool(_BYLINE.match(line))


def _bio_score(line: str, authors: set[str]) -> int:
    score = sum(1 for p in _BIO_CUES if p.search(line))
    if score and any(line.casefold().startswith(a) for a in authors):
        score += 1
    return score


def _filter_once(lines: list[str]) -> list[int]:
    """Indices of the lines one pass of the rules keeps."""
    n = len(lines)
    drop = [False] * n
    keys = [_key(l) for l in lines]
    counts = Counter(keys)

    # Short lines seen more than once (author boxes, duplicated captions, labels).
    repeated_short = {k for k, c in counts.items() if c >= 2}
    authors: set[str] = set()
    for i, line in enumerate(lines):
        if keys[i] in repeated_short and _is_short(line):
            drop[i] = True
            if 1 <= _n_words(line) <= 4 and line[:1].isupper():
                authors.add(keys[i])
        elif i > 0 and keys[i] == keys[i - 1]:
            drop[i] = True                      # a longer line pasted twice in a row

    # Numbered navigation runs ("1. Home", "2. Car News", ...).
    first_prose = next((i for i, l in enumerate(lines)
                        if _is_final(l) and _n_words(l) >= 8), n)
    i = 0
    while i < n:
        if _is_nav_item(lines[i]) is None:
            i += 1
            continue
        j = i
        while j < n and _is_nav_item(lines[j]) is not None:
            j += 1
        labels = [_is_nav_item(lines[k]) for k in range(i, j)]
        if (j - i >= 2 and (i < first_prose or any(lab in _NAV_WORDS for lab in labels))) \
                or (j - i == 1 and labels[0] in _NAV_WORDS):
            for k in range(i, j):
                drop[k] = True
        i = j

    for i, line in enumerate(lines):
        if drop[i]:
            continue
        if (_is_label_line(line) or _is_promo(line) or _is_meta_junk(line)
                or _is_copyright(line) or _DEVELOPING.match(line)
                or _is_role_or_byline(line) or _bio_score(line, authors) >= _BIO_MIN_SCORE):
            drop[i] = True

    # Teasers of other stories after the article's last sentence: long lines cut off
    # without sentence-final punctuation.
    last = max((i for i in range(n) if not drop[i] and _is_final(lines[i])
                and _n_words(lines[i]) >= 3), default=None)
    if last is not None:
        for i in range(last + 1, n):
            line = lines[i]
            if not drop[i] and len(line) >= 40 and not _is_final(line) \
                    and not _BRACKETED.match(line):
                drop[i] = True

    return [i for i, d in enumerate(drop) if not d]


def clean_text(text: str) -> str:
    """Drop boilerplate lines from text pasted from a web page; keep the rest verbatim.

    Kept lines are stripped of surrounding whitespace and joined with "\\n".  Between two
    kept lines that were neighbours in the input, the blank lines of the input are kept
    as they were (so an article that needs no cleaning comes back as given, and offsets
    into it stay valid); where lines were dropped, one blank line stands for any.  The
    rules are applied until nothing more drops, so cleaning a cleaned text changes nothing.
    """
    raw = [l.strip() for l in text.splitlines()]
    where = [i for i, l in enumerate(raw) if l]          # raw index of each non-blank line
    lines = [raw[i] for i in where]
    current = list(range(len(lines)))
    while True:
        kept = _filter_once([lines[p] for p in current])
        if len(kept) == len(current):
            break
        current = [current[k] for k in kept]
    if not current:
        return ""
    blanks_before = [0] * (len(raw) + 1)                 # blank lines among raw[:i]
    for i, l in enumerate(raw):
        blanks_before[i + 1] = blanks_before[i] + (not l)
    out = [lines[current[0]]]
    for p, q in zip(current, current[1:]):
        a, b = where[p], where[q]
        blanks = blanks_before[b] - blanks_before[a + 1]
        dropped = q - p - 1
        out.append("\n" * (blanks + 1) if not dropped else ("\n\n" if blanks else "\n"))
        out.append(lines[q])
    return "".join(out)


# ---------------------------------------------------------------------------- sniffing

_HTML_START = re.compile(r"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"<(/?)(html|head|body|div|p|br|span|a|img|meta|title|script|style|"
                       r"link|article|section|main|header|footer|nav|aside|h[1-6]|ul|ol|li|"
                       r"table|tr|td|figure|figcaption|strong|em|b|i|blockquote)\b[^<>]{0,500}>",
                       re.I)
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)[\s>]", re.I)


def looks_like_html(text: str) -> bool:
    """True when the text is markup (a page or a fragment), not prose."""
    head = text[:20_000].lstrip("\ufeff")
    if _HTML_START.match(head):
        return True
    tags = _HTML_TAG.findall(head)
    return len(tags) >= 3 and len({t[1].lower() for t in tags}) >= 2


def looks_like_feed(text: str) -> bool:
    """True when the text is an RSS/Atom/RDF document."""
    head = text[:4000].lstrip("\ufeff \t\r\n")
    head = re.sub(r"^(<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*", "", head, flags=re.S | re.I)
    return bool(_FEED_ROOT.match(head))


# ---------------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset("script style noscript template svg nav header footer aside form "
                       "iframe button select textarea head object canvas".split())
_ALWAYS_SKIP = frozenset("script style noscript template svg head".split())
_BLOCK_TAGS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table article section "
                        "blockquote pre dd dt dl figcaption figure main body hr".split())


class _Stripper(HTMLParser):
    def __init__(self, skip: frozenset[str]):
        super().__init__(convert_charrefs=True)
        self.skip_tags = skip
        self.depth: Counter[str] = Counter()
        self.parts: list[str] = []

    def _skipping(self) -> bool:
        return any(self.depth[t] > 0 for t in self.skip_tags)

    def handle_starttag(self, tag, attrs):
        if tag in self.skip_tags:
            self.depth[tag] += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.skip_tags:
            if self.depth[tag] > 0:
                self.depth[tag] -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skipping():
            self.parts.append(data)


def strip_tags(html: str) -> str:
    """Plain text of an HTML document, chrome (nav, header, footer, aside) left out.

    Never raises on malformed markup; when an unclosed chrome tag swallows everything,
    only scripts and styles are left out instead.
    """
    for skip in (_SKIP_TAGS, _ALWAYS_SKIP):
        parser = _Stripper(skip)
        try:
            parser.feed(html)
            parser.close()
        except Exception:  # noqa: BLE001 - html.parser is lenient, but never crash here
            pass
        lines = [" ".join(l.split()) for l in "".join(parser.parts).splitlines()]
        text = "\n".join(l for l in lines if l)
        if text:
            return text
    return ""


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.lang: str | None = None
        self.canonical: str | None = None
        self.title_parts: list[str] = []
        self._in_title = False
        self.done = False

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs if k}
        if tag == "html" and self.lang is None and a.get("lang", "").strip():
            self.lang = a["lang"].strip()
        elif tag == "meta":
            name = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            content = a.get("content", "").strip()
            if name and content and name not in self.meta:
                self.meta[name] = content
        elif tag == "link" and "canonical" in a.get("rel", "").lower() and a.get("href"):
            self.canonical = self.canonical or a["href"].strip()
        elif tag == "title" and not self.title_parts:
            self._in_title = True
        elif tag == "body":
            self.done = True

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title_parts.append(data)


def _first(*values: str | None) -> str | None:
    for v in values:
        if isinstance(v, str) and v.strip():
            return " ".join(v.split())
    return None


def _hostname(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def html_metadata(html: str, url: str | None = None) -> dict[str, str | None]:
    """title, date (as written), sitename, hostname, url and lang of a page.

    The page's explicit tags (og:*, article:published_time, <html lang>) come first,
    then what trafilatura finds.  The date is never guessed from the page's text.
    """
    p = _MetaParser()
    try:
        head_end = re.search(r"<body[\s>]", html, re.I)
        p.feed(html[: head_end.start()] if head_end else html[:200_000])
        p.close()
    except Exception:  # noqa: BLE001
        pass
    m = p.meta
    tmeta = None
    try:
        import trafilatura
        tmeta = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    except Exception:  # noqa: BLE001 - metadata is best-effort
        tmeta = None
    t = (lambda k: getattr(tmeta, k, None)) if tmeta is not None else (lambda k: None)
    page_url = _first(m.get("og:url"), p.canonical, t("url"), url)
    if page_url and not re.match(r"^https?://", page_url, re.I):
        page_url = url
    date = _first(m.get("article:published_time"), m.get("og:published_time"),
                  m.get("datepublished"), m.get("pubdate"), m.get("publish-date"),
                  m.get("date"), m.get("dc.date"), m.get("dc.date.issued"), t("date"))
    return {
        "title": _first(m.get("og:title"), m.get("twitter:title"), t("title"),
                        "".join(p.title_parts)),
        "date": date,
        "sitename": _first(m.get("og:site_name"), m.get("application-name"), t("sitename")),
        "hostname": _first(_hostname(page_url), _hostname(url), t("hostname")),
        "url": page_url,
        "lang": p.lang,
    }


_MIN_GOOD = 200


def _trafilatura_text(html: str, url: str | None, precise: bool) -> str:
    try:
        import trafilatura
        out = trafilatura.extract(
            html, url=url, favor_precision=precise, include_comments=False,
            include_tables=False, include_images=False, include_links=False,
            include_formatting=False, deduplicate=False, output_format="txt",
            with_metadata=False)
    except Exception:  # noqa: BLE001 - broken or hostile markup must not crash ingest
        return ""
    return out or ""


def clean_html(html: str, url: str | None = None) -> tuple[str, dict[str, str | None]]:
    """(article text, metadata) of an HTML page.

    trafilatura (precision first, then its default), else a plain tag stripper; the
    result then goes through `clean_text`.  Returns "" when no text is found.
    """
    meta = html_metadata(html, url)
    best = ""
    for attempt in ("precise", "default", "strip"):
        if attempt == "strip":
            raw = strip_tags(html)
        else:
            raw = _trafilatura_text(html, url, precise=attempt == "precise")
        text = clean_text(raw) if raw else ""
        if len(text) >= _MIN_GOOD:
            return text, meta
        if len(text) > len(best):
            best = text
    return best, meta

