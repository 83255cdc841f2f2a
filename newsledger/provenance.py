"""Provenance: which original report a document, or one of its sentences, rests on.

Copies and rewrites of one report must count once when claims count their
independent sources (reconcile).  This module reads, from a document's own text and
metadata, the reports it says it draws on:

* a wire copy: a dateline ("PARIS (Reuters) -", "Tokyo, Feb. 6 (Jiji Press)--", any
  "CITY, date (Name) -" opening), a byline ("By Associated Press"), a copyright line,
  Reuters' "Reporting by ...; Editing by" trailer, or an outlet named like
  "Glance (Reuters)" / "PR Chief (CNBC copy)" / "Republic World (citing CNBC)";
* credits in the text: "citing Reuters", "according to a Reuters report",
  "(With Reuters inputs)", "The Associated Press contributed to this report",
  "Source: Reuters", "staff, with AFP", "Le Figaro reported", "reported by Variety",
  "told Bloomberg", "reports from Le Figaro", "cited by the Asahi Shimbun".

A credit of a wire agency (whose business is supplying other outlets) makes the whole
document draw on that agency, wherever the credit stands: an article that says
"according to Reuters" once is a rewrite of the Reuters story.  A credit of another
news organisation (a newspaper, a broadcaster) does so only when the document marks
itself (outlet, credit line) or credits it more than once; a single mention covers
just its own sentence ("According to Le Figaro, X will become CEO" makes that fact
Le Figaro's, not the whole article).  A document never rests on itself ("told
TheWrap" in TheWrap).

Uncredited rewrites are found by near-duplicate sentences (`sentence_words` /
`similar_sentences`): two sources whose evidence sentences share most of their
content words (quotations left out: two reporters quoting one press release wrote
their own stories) rest on one text.

Everything here is a pure function of the document (cached per text), so claims
built from it are the same whatever order documents arrive in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping

from . import lexicon as lx
from .models import Document, slug
from .names import fold

__all__ = ["agency_key", "agency_display", "wire_agency", "credits", "DocCredits",
           "sentence_span", "sentence_words", "similar_sentences", "WIRE_AGENCIES"]


def _fold(s: Any) -> str:
    """A name or a sentence folded as names are (names.fold), without its cache: whole
    sentences pass through here."""
    return fold.__wrapped__(str(s))


# ----------------------------------------------------------------- news organisations

# Wire agencies and other original reports: key -> (display name, spellings).
_AGENCIES: dict[str, tuple[str, list[str]]] = {
    "reuters": ("Reuters", ["reuters", "thomson reuters", "reuters news"]),
    "ap": ("Associated Press", ["ap", "associated press", "the associated press"]),
    "afp": ("AFP", ["afp", "agence france presse", "agence france-presse"]),
    "jiji": ("Jiji Press", ["jiji", "jiji press"]),
    "kyodo": ("Kyodo News", ["kyodo", "kyodo news"]),
    "bloomberg": ("Bloomberg", ["bloomberg", "bloomberg news"]),
    "dowjones": ("Dow Jones Newswires", ["dow jones newswires", "dow jones"]),
    "dpa": ("dpa", ["dpa", "deutsche presse agentur"]),
    "yonhap": ("Yonhap", ["yonhap", "yonhap news agency"]),
    "xinhua": ("Xinhua", ["xinhua"]),
    "ansa": ("ANSA", ["ansa"]),
    "efe": ("EFE", ["efe"]),
    "pti": ("PTI", ["pti", "press trust of india"]),
    "upi": ("UPI", ["upi", "united press international"]),
}
_AGENCY_INDEX = {_fold(w): key for key, (_, words) in _AGENCIES.items() for w in words}
# Agencies sell their stories to other outlets: one credit makes the article theirs.
WIRE_AGENCIES = frozenset(_AGENCIES)
# Attributions that name no particular report: collapsing every fact "according to
# sources" into one origin would wrongly merge unrelated reporting.
_VAGUE_ATTRIBUTIONS = {"sources", "source", "a source", "people familiar with the matter",
                       "people familiar", "insiders", "analysts", "officials", "reports",
                       "media reports", "local media", "unnamed sources", "french media",
                       "the company", "the group"}


def agency_key(name: str | None) -> str | None:
    """'Thomson Reuters' -> 'reuters', 'The Associated Press' -> 'ap'; other names are
    slugged ('Asahi Shimbun' -> 'asahi_shimbun'); vague ones ('sources') -> None."""
    if not name or not str(name).strip():
        return None
    t = _fold(name)
    if not t or t in _VAGUE_ATTRIBUTIONS:
        return None
    return _AGENCY_INDEX.get(t, slug(re.sub(r"^\s*the\s+", "", str(name), flags=re.I)))


def agency_display(key: str, seen: Iterable[str] = ()) -> str:
    if key in _AGENCIES:
        return _AGENCIES[key][0]
    names = sorted(n.strip() for n in seen if n and agency_key(n) == key)
    return names[0] if names else key.replace("_", " ")


@lru_cache(maxsize=1)
def _news_names() -> tuple[str, ...]:
    """Spellings of news organisations (lexicon + agencies), longest first."""
    names = set(lx.words("news_agencies")) | {w for _, words in _AGENCIES.values() for w in words}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def _news_rx() -> re.Pattern[str]:
    alts = "|".join(re.escape(n).replace(r"\ ", r"[\s-]+") for n in _news_names())
    # a name as written: capitalised (never "ap" or "ft" as ordinary words)
    return re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(?=[A-Z])(?i:" + alts + r")(?![\w-])")


# ----------------------------------------------------------------- wire copies

# Dateline: "PARIS (Reuters) -", "Tokyo, Feb. 6 (Jiji Press)--", "DETROIT (AP) —",
# "ZURICH, January 29 (Alpine Wire) -": a place (and date), the agency in brackets, a dash.
_DATELINE = re.compile(
    r"^\W{0,3}[A-Z][A-Za-z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.'\- ]{1,30})?"
    r"(?:,\s*(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,9}\.?))?"
    r"\s*\(([A-Z][^()\n]{1,40})\)\s*(?:-|–|—|--)")
_DATELINE_ANYWHERE = re.compile(r"\((Reuters|AP|AFP|Jiji Press|Jiji|Kyodo|Bloomberg|dpa|Yonhap|"
                                r"Xinhua|ANSA|EFE|PTI|UPI)\)")
# Byline "By Associated Press", "By Reuters Staff" (capital B: not "reported by Reuters").
_BYLINE = re.compile(r"\bBy (?:The )?(Associated Press|Reuters|AFP|Agence France-Presse|"
                     r"Bloomberg News|Kyodo News|Jiji Press)\b")
# "Copyright © 2024 by The Associated Press."  Bloomberg is left out on purpose: its
# name shows up in photo credits ("© 2022 Bloomberg Finance LP") of unrelated stories.
_COPYRIGHT = re.compile(r"(?:Copyright|©)[^\n]{0,40}?\b(Associated Press|Reuters|AFP|"
                        r"Agence France-Presse|Jiji Press|Kyodo)\b")
# Reuters' trailer: "Reporting by X; Editing by Y".
_REUTERS_TRAILER = re.compile(r"Reporting by [^\n;]{1,80};[^\n]{0,120}?[Ee]diting by")
_OUTLET_PAREN = re.compile(r"\(([^()]*)\)")


def _dateline_agency(text: str) -> str | None:
    head = text.lstrip()[:200]
    m = _DATELINE.match(head)
    if m and len(m.group(1).split()) <= 5:
        return m.group(1).strip()
    m = _DATELINE_ANYWHERE.search(text[:300])
    return m.group(1) if m else None


def wire_agency(doc: Document) -> str | None:
    """The agency a document says it is a copy of, from its own text (dateline, byline,
    copyright line, Reuters trailer) or, failing that, its outlet ('Glance (Reuters)')."""
    text = doc.text or ""
    hits: list[tuple[int, str]] = []
    dateline = _dateline_agency(text)
    if dateline:
        hits.append((-1, dateline))
    for rx in (_BYLINE, _COPYRIGHT):
        hits += [(m.start(), m.group(1)) for m in rx.finditer(text)]
    hits += [(m.start(), "Reuters") for m in _REUTERS_TRAILER.finditer(text)]
    if hits:
        return agency_key(min(hits)[1])      # the earliest marker in the text wins
    return _outlet_wire(doc.outlet)


def _outlet_wire(outlet: str | None) -> str | None:
    """'Glance (Reuters)', 'ABC11 (AP)': a wire agency alone in the outlet's brackets;
    'Dow Jones Newswires': the agency's own story (its dateline names no agency:
    'AMSTERDAM--Shares in ...')."""
    own = _AGENCY_INDEX.get(_fold(outlet or ""))
    if own:
        return own
    for m in _OUTLET_PAREN.finditer(outlet or ""):
        key = _AGENCY_INDEX.get(_fold(m.group(1)))
        if key:
            return key
    return None


# ----------------------------------------------------------------- credits

_REPORT_NOUN = r"(?:report|reports|article|story|stories|newspaper|daily|paper|news\s+agency|agency|website|broadcaster|interview)"
_VERB_AFTER = (r"(?:has\s+|had\s+|have\s+)?(?:previously\s+|first\s+|also\s+|earlier\s+|exclusively\s+)?"
               r"(?:reported|reports|quoted|revealed|wrote|writes)\b")
_BEFORE = [
    re.compile(r"\baccording\s+to\s+(?:an?\s+|the\s+)?(?:earlier\s+|exclusive\s+)?$", re.I),
    re.compile(r"\b(?:citing|cited\s+by|quoted\s+by|reported\s+by|revealed\s+by|first\s+reported\s+by|"
               r"confirmed\s+to|told|telling|said\s+to|speaking\s+to|interview\s+with)\s+(?:the\s+)?$", re.I),
    re.compile(r"\b(?:reports?|reporting|story|article|stories)\s+(?:from|by|in)\s+(?:the\s+)?$", re.I),
    re.compile(r"\b(?:newspaper|daily|broadcaster|news\s+agency|agency)\s+$", re.I),
    re.compile(r"\bSource:\s*$"),
    # "This story was originally published by Bloomberg", "Written by AFP staff"
    re.compile(r"\b(?:(?:originally|first)\s+)?(?:published|written|produced|distributed)\s+by\s+(?:the\s+)?$", re.I),
    # a signature line: "— Reuters", "-- AFP"
    re.compile(r"(?:^|\n)[ \t]*(?:-|–|—|--)[ \t]*$"),
    re.compile(r"\bwith\s+(?:additional\s+)?(?:reporting|inputs?)\s+(?:from|by)\s+$", re.I),
    re.compile(r"(?:\(|^|\n|staff,?\s+|·\s*)\s*[Ww]ith\s+$"),
]
_AFTER = [
    re.compile(r"^(?:'s|’s)?\s+" + _VERB_AFTER, re.I),
    re.compile(r"^(?:'s|’s)?\s+(?:\w+\s+){0,2}" + _REPORT_NOUN + r"\b", re.I),
    re.compile(r"^\s+(?:contributed|contributes)\s+(?:to\s+(?:this|the)\s+(?:report|story|article)|reporting)", re.I),
    # "Bloomberg News said, citing people familiar with the matter"
    re.compile(r"^(?:'s|’s)?\s+(?:said|says|reported|reports),?\s+citing\b", re.I),
    re.compile(r"^\s+inputs?\b", re.I),
    re.compile(r"^\s+(?:says|said)\s*$|^\s+(?:says|said)\s*\n", re.I),      # headline: "..., Bloomberg says"
]
# Lines that credit the whole article: contributed, inputs, Source:, "staff, with AFP".
_CREDIT_LINE = re.compile(r"contribut|inputs?\b|Source:|published\s+by|written\s+by|(?:^|\n)[ \t]*(?:-|–|—|--)[ \t]*$|"
                          r"(?:\(|^|\n|staff,?\s+|·\s*)\s*[Ww]ith\s+$", re.I)


# Reports by organisations the lexicon does not know, named with a strong cue only:
# "newspaper Le Petit Journal", "the Daily Bugle newspaper", "reports from Variety",
# "first reported by Variety", "told the Daily Bugle." (a company "reported" results, so
# "X reported" alone is no credit for an unknown X).
_NAME = r"(?P<name>(?:[A-Z][\w&.'’-]*)(?:[ \t]+(?:[A-Z][\w&.'’-]*|of|de|du|des|la|le|di))*)"
_GENERIC = [
    re.compile(r"\b(?:newspaper|daily|broadcaster|news\s+agency|magazine|news\s+site|website)\s+(?:the\s+)?" + _NAME),
    re.compile(r"\b" + _NAME + r"(?:'s|’s)?\s+(?:newspaper|daily|magazine)\b"),
    re.compile(r"\baccording\s+to\s+(?:an?\s+|the\s+)?" + _NAME + r"(?:'s|’s)?\s+(?:report|article|story)\b"),
    re.compile(r"\breports?\s+(?:from|by|in)\s+(?:the\s+)?" + _NAME),
    re.compile(r"\b(?:first\s+)?reported\s+by\s+(?:the\s+)?" + _NAME),
    re.compile(r"\btold\s+(?:the\s+)?" + _NAME + r"(?=[ \t]*(?:[.,;)](?:\s|$)|on\s+[A-Z]|in\s+an\s+interview|last\s+\w+|earlier|this\s+week))"),
]
# Capitalised words those cues also meet that are no news organisation.
_NOT_REPORTS = {"reuters", "parliament", "congress", "the", "it", "he", "she", "they", "we",
                "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_LEGAL_ENDINGS = {"co", "corp", "inc", "ltd", "plc", "llc", "sa", "ag", "nv", "se", "group",
                  "motor", "motors", "bank", "holdings"}


def _could_be_outlet(name: str) -> bool:
    """A name a strong cue met that may be a news organisation: not a weekday, not a
    nationality ('French newspaper Le Figaro'), not a company's legal name."""
    f = _fold(name)
    words = f.split()
    if not words or f in _NOT_REPORTS or f in lx.words("demonyms") or f in lx.words("countries"):
        return False
    return words[-1] not in _LEGAL_ENDINGS


# In an outlet's brackets: "(citing CNBC)", "(via The Daily Bugle)", "(Daily Bugle copy)".
_OUTLET_CITES = re.compile(r"(?:citing|via|copy\s+of|from)\s+(?P<name>[A-Z][\w&.'’ -]{1,40}?)\s*(?:;|,|$)"
                           r"|(?P<n2>[A-Z][\w&.'’ -]{1,40}?)\s+copy\b")


@dataclass(frozen=True)
class DocCredits:
    """What one document says it rests on.

    whole      -- report key -> how ("wire copy", "outlet", "credit", "credits"): the
                  whole document draws on that report
    sentences  -- (start, end, key) for a credit that covers only its own sentence
    names      -- key -> a spelling seen (for display)
    """
    whole: Mapping[str, str] = field(default_factory=dict)
    sentences: tuple[tuple[int, int, str], ...] = ()
    names: Mapping[str, str] = field(default_factory=dict)

    def of_span(self, start: int, end: int) -> set[str]:
        """Report keys covering a stretch of the text: the whole-document ones plus the
        credits of the sentences it overlaps."""
        keys = set(self.whole)
        keys |= {k for s, e, k in self.sentences if s < end and start < e}
        return keys


def credits(doc: Document) -> DocCredits:
    """The reports a document draws on (see the module doc); cached per text."""
    return _credits(doc.text or "", doc.outlet or "")


@lru_cache(maxsize=512)
def _credits(text: str, outlet: str) -> DocCredits:
    own = _fold(re.sub(r"\(.*?\)", " ", outlet))
    whole: dict[str, str] = {}
    names: dict[str, str] = {}
    found: dict[str, list[tuple[int, int, bool]]] = {}    # key -> (sentence start, end, credit line)

    def is_self(name: str) -> bool:
        f = _fold(name)
        if not own or len(f) < 3:
            return False
        return bool(re.search(rf"\b{re.escape(f)}\b", own) or re.search(rf"\b{re.escape(own)}\b", f))

    wire = wire_agency(Document("_", text, outlet=outlet))
    if wire:
        whole[wire] = "wire copy"
        names.setdefault(wire, agency_display(wire))
    for m in _OUTLET_PAREN.finditer(outlet):
        inside = m.group(1)
        spots = [n.group(0) for n in _news_rx().finditer(inside)]
        spots += [n.group("name") or n.group("n2") for n in _OUTLET_CITES.finditer(inside)]
        for name in spots:
            key = agency_key(name)
            if key:
                whole.setdefault(key, "outlet")
                names.setdefault(key, re.sub(r"^[Tt]he\s+", "", name).strip())
    for m in _news_rx().finditer(text):
        name = m.group(0)
        if is_self(name):
            continue
        before, after = text[max(0, m.start() - 60):m.start()], text[m.end():m.end() + 60]
        if not (any(rx.search(before) for rx in _BEFORE) or any(rx.match(after) for rx in _AFTER)):
            continue
        key = agency_key(name)
        if not key:
            continue
        names.setdefault(key, re.sub(r"^[Tt]he\s+", "", name).strip())
        s, e = sentence_span(text, m.start(), m.end())
        line = bool(_CREDIT_LINE.search(before[-25:]) or re.match(r"^\s+(?:contribut|inputs?\b)", after, re.I))
        found.setdefault(key, []).append((s, e, line))
    for rx in _GENERIC:
        for m in rx.finditer(text):
            name = m.group("name").strip()
            key = agency_key(name)
            if not key or is_self(name) or key in found or not _could_be_outlet(name):
                continue
            names.setdefault(key, name)
            s, e = sentence_span(text, m.start(), m.end())
            found.setdefault(key, []).append((s, e, False))
    sentences = []
    for key, spots in found.items():
        if key in whole:
            continue
        if key in WIRE_AGENCIES or any(line for _, _, line in spots) or len({s for s, _, _ in spots}) > 1:
            whole[key] = "credits" if len(spots) > 1 else "credit"
        else:
            sentences += [(s, e, key) for s, e, _ in spots]
    return DocCredits(whole, tuple(sorted(set(sentences))), names)


# ----------------------------------------------------------------- sentences

_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) of `text` the stretch [start, end) lies in."""
    s = 0
    for m in _SENT_END.finditer(text, 0, max(0, start)):
        s = m.end()
    m = _SENT_END.search(text, max(end, start))
    return s, (m.start() if m else len(text))


_STOP = frozenset("""a an the of to in on at for by with from and or but as is are was were be been
being has have had it its this that these those which who whom whose he she they his her their them
him we our us you your i said says say will would could should may might can also not no than then
there here after before over into about more most such other up out new per cent percent one""".split())
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"|«[^»]*»")
_MIN_WORDS = 6
SIMILAR = 0.6


def _stem(w: str) -> str:
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > 4 and w.endswith(suf):
            return w[:-len(suf)]
    return w


@lru_cache(maxsize=4096)
def _content_words(sentence: str) -> frozenset[str]:
    narrative = _QUOTED.sub(" ", sentence)
    words = re.findall(r"[a-z0-9%]+(?:[.,][0-9]+)*", _fold(narrative).replace("_", " "))
    return frozenset(_stem(w) for w in words if w not in _STOP)


def sentence_words(text: str, start: int, end: int) -> frozenset[str]:
    """The content words of the sentence around [start, end), quotations left out."""
    s, e = sentence_span(text, start, end)
    return _content_words(text[s:e])


def similar_sentences(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two sentences are one text reworded: enough content words, most of them shared."""
    if min(len(a), len(b)) < _MIN_WORDS:
        return False
    return len(a & b) / len(a | b) >= SIMILAR
