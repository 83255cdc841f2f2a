"""Find time expressions in English news text and resolve them against the publication date.

How it works, in three passes over a sentence or paragraph:

1. *Cores.*  Every rule in `_RULES` is a small regex for one family of expressions
   ("July 31, 2025", "Q3 2025", "last July", "two years ago", "for five years", ...).
   All rules are run; overlapping hits are settled longest first, so "late last year"
   beats "last year" and "July 31, 2025" beats "July 31".
2. *Assembly.*  Neighbouring cores are joined into ranges ("from 2005 to 2008",
   "between X and Y") or offsets ("a month after July 2025"); the words just before a
   core are read as a modifier ("early", "the end of", "mid-") and a preposition that
   gives the role ("since", "by", "until", "from", "in" ...); "onward" after it makes
   the role 'from'.
3. *Resolution.*  Each expression becomes a `TimeSpan` in FORMAT.md notation
   (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn).  Relative expressions are resolved
   against the publication date; without one they stay unresolved; we never guess.

Choices that a reader could make differently (all generic, none tuned to an article):

* A bare month ("in September", "early September") is its most recent occurrence on
  or before the anchor's month; after "by"/"until" (a deadline) it is the next
  occurrence on or after it.  "last July" is strictly before the anchor's month,
  "next July" strictly after it.
* A month-day without a year ("July 31") is the occurrence nearest to the anchor
  (past after "since", future after "by"/"until").
* "the first/last day of <month>" is the next such day on or after the anchor: the
  phrase is nearly always about a schedule.
* Bare weekdays ("on Wednesday") are the most recent such day, the anchor's own day
  included; after "by"/"until" the next one.
* Bare quarters and halves ("the fourth quarter", "first-half") are the latest one
  that has already begun.
* "early <year>" = first half, "late <year>" = fourth quarter, "mid-<year>" = its
  middle (June), "the start/end of <year>" = its first/last month; all approx.
* "N years ago" keeps the anchor's month ("two years ago" = 2024-01) and is approx
  unless it says "exactly".  Weeks ("this week", "last week") resolve to their Monday,
  approx.
* Event-relative words ("a month after", "the previous year", "for five years") are
  returned with role 'duration' and an unresolved span; callers combine them with
  another date through `parse_offset` and `shift`.
* "a month after July 2025" is applied (2025-08, approx); offsets in days are exact.
* Seasons are the quarter they mostly cover (summer = Q3), approx.
* "until X" / "through X" / "before X" put X in `end`; every other role uses `start`.
* Two-digit years ("3Q25", "FY25") are 20yy below 70, else 19yy.  Slash dates like
  01/02/2025 are skipped (day/month order is unknowable).

`find_times` returns its matches in text order.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from typing import Callable, Optional, Union

from .models import TimeSpan

__all__ = ["TimeMatch", "find_times", "resolve", "parse_published", "shift", "parse_offset",
           "fiscal_year_end", "as_fiscal_year", "ROLES"]

ROLES = ("point", "since", "until", "by", "from", "range", "duration")


@dataclass
class TimeMatch:
    start: int          # char offsets into the text passed in
    end: int
    text: str           # text[start:end], the whole expression incl. its preposition
    span: TimeSpan      # resolved value (TimeSpan.resolved=False when relative and no anchor)
    role: str           # 'point' | 'since' | 'until' | 'by' | 'from' | 'range' | 'duration'


# ============================================================== values and arithmetic

@dataclass(frozen=True)
class Period:
    """A run of whole calendar months: a year (12), a half (6), a quarter (3) or a month (1).

    `month` is the first month and is always aligned (halves start in 1/7, quarters in
    1/4/7/10), so the period can be written in FORMAT.md notation.
    """
    year: int
    month: int
    months: int

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        y, m = _add_months(self.year, self.month, self.months - 1)
        return dt.date(y, m, calendar.monthrange(y, m)[1])

    def format(self) -> str:
        if self.months == 12:
            return f"{self.year:04d}"
        if self.months == 6:
            return f"{self.year:04d}-H{(self.month + 5) // 6}"
        if self.months == 3:
            return f"{self.year:04d}-Q{(self.month + 2) // 3}"
        return f"{self.year:04d}-{self.month:02d}"

    def shifted(self, months: int) -> "Period":
        y, m = _add_months(self.year, self.month, months)
        return Period(y, m, self.months)


Value = Union[Period, dt.date]


def _year(y: int) -> Period:
    return Period(y, 1, 12)


def _month(y: int, m: int) -> Period:
    return Period(y, m, 1)


def _quarter(y: int, q: int) -> Period:
    return Period(y, 3 * q - 2, 3)


def _half(y: int, h: int) -> Period:
    return Period(y, 6 * h - 5, 6)


def _period_containing(d: dt.date, months: int) -> Period:
    return Period(d.year, (d.month - 1) // months * months + 1, months)


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def _add_months_to_date(d: dt.date, n: int) -> dt.date:
    """Same day n months later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29)."""
    y, m = _add_months(d.year, d.month, n)
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _fmt(v: Value | None) -> str | None:
    if v is None:
        return None
    if isinstance(v, Period):
        return v.format()
    return v.isoformat()


def _first_day(v: Value) -> dt.date:
    return v.first_day if isinstance(v, Period) else v


def _last_day(v: Value) -> dt.date:
    return v.last_day if isinstance(v, Period) else v


_VALUE_FORMS = (
    (re.compile(r"(\d{4})"), lambda g: _year(int(g[0]))),
    (re.compile(r"(\d{4})-[Hh]([12])"), lambda g: _half(int(g[0]), int(g[1]))),
    (re.compile(r"(\d{4})-[Qq]([1-4])"), lambda g: _quarter(int(g[0]), int(g[1]))),
    (re.compile(r"(\d{4})-(0[1-9]|1[0-2])"), lambda g: _month(int(g[0]), int(g[1]))),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), lambda g: dt.date(int(g[0]), int(g[1]), int(g[2]))),
)


def _parse_value(s: str | None) -> Value | None:
    """Read back a FORMAT.md string ('2025', '2025-Q3', '2025-07-31' ...)."""
    if not s:
        return None
    for rx, build in _VALUE_FORMS:
        m = rx.fullmatch(s.strip())
        if m:
            try:
                return build(m.groups())
            except ValueError:
                return None
    return None


def first_day(s: str | None) -> str | None:
    """The first day of a FORMAT.md value, ISO ('2025-Q4' -> '2025-10-01')."""
    v = _parse_value(s)
    return _first_day(v).isoformat() if v is not None else None


def shift(span: TimeSpan, months: int = 0, days: int = 0) -> TimeSpan:
    """Move a resolved span by an offset, for "a month after <date>" and the like.

    Periods keep their precision: "2025-07" + 1 month = "2025-08", "2025-Q3" + 3 months
    = "2025-Q4".  When the offset does not fit the precision (a week after July 2025)
    the result is the period of the same size that holds the moved midpoint, and
    `approx` is set.  Unresolved spans come back unchanged.
    """
    if not span.resolved:
        return replace(span)
    inexact = False

    def move(s: str | None) -> str | None:
        nonlocal inexact
        v = _parse_value(s)
        if v is None:
            return s
        if isinstance(v, dt.date):
            return (_add_months_to_date(v, months) + dt.timedelta(days=days)).isoformat()
        if days == 0 and months % v.months == 0:
            return v.shifted(months).format()
        inexact = True
        mid = v.first_day + (v.last_day - v.first_day) / 2
        moved = _add_months_to_date(mid, months) + dt.timedelta(days=days)
        return _period_containing(moved, v.months).format()

    start, end = move(span.start), move(span.end)
    return replace(span, start=start, end=end, approx=span.approx or inexact)


# ============================================================== vocabulary

_MONTH_NUMBERS = {name: i for i, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4}
_SMALL_NUMBERS = ("zero one two three four five six seven eight nine ten eleven twelve "
                  "thirteen fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
# Seasons as the quarter they mostly cover (northern hemisphere), always approx.
_SEASONS = {"spring": 2, "summer": 3, "autumn": 4, "fall": 4, "winter": 1}


def _month_number(word: str) -> int:
    return _MONTH_NUMBERS[word[:3].lower()]


def _number(word: str) -> int | None:
    """'two' -> 2, '12' -> 12, 'twenty-five' -> 25, 'a couple of' -> 2; vague words -> None."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w.isdigit():
        return int(w)
    if w in ("a", "an", "the"):
        return 1
    if w == "a couple of":
        return 2
    if w == "a dozen":
        return 12
    if w in _SMALL_NUMBERS:
        return _SMALL_NUMBERS.index(w)
    parts = w.split()
    if parts and parts[0] in _TENS:
        if len(parts) == 1:
            return _TENS[parts[0]]
        if len(parts) == 2 and parts[1] in _SMALL_NUMBERS[1:10]:
            return _TENS[parts[0]] + _SMALL_NUMBERS.index(parts[1])
    return None  # "a few", "several": we do not invent a number


def _two_digit_year(yy: str) -> int:
    n = int(yy)
    return 2000 + n if n < 70 else 1900 + n


# ---------------------------------------------------------------- regex fragments
#
# Rules are written with {NAME} placeholders for these fragments (see `_expand`) and
# compiled with re.IGNORECASE | re.VERBOSE, so literal spaces must be written \s.
# Month and weekday names are matched case-sensitively ((?-i:...)): English always
# capitalises them, and that keeps the modal "may" and the verb "march" out.

_FRAGMENTS = {
    # January ... December, Jan / Jan. / Sept. ...
    "MONTH": r"(?-i:January|February|March|April|May|June|July|August|September|October"
             r"|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?!\w)",
    "WEEKDAY": r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)",
    # Day of month 1-31 with an optional ordinal suffix; not part of a longer number
    # ("1,200") nor a time of day ("4:30").
    "DAY": r"(?<![\d.,])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)",
    # A plausible year, 1900-2100, that is not glued to a word, a currency sign or a
    # larger number ("$2023", "2,023", "555-2023", "FY2023", "1990s", "2023%").
    "YEAR": r"(?<![\w$€£¥#/])(?<!\d[.,-])(?:19\d\d|20\d\d|2100)(?![\w%]|[.,]\d)",
    # The same without the right-hand guard, for forms like "2025Q3".
    "YEAR_OPEN": r"(?<![\w$€£¥#/])(?<!\d[.,-])(?:19\d\d|20\d\d|2100)",
    # Bare year digits, for prefixes that glue onto them ("FY2025"), and the same with
    # the right-hand guard ("Q3-2025").
    "YEAR_DIGITS": r"(?:19\d\d|20\d\d|2100)",
    "YEAR_GLUED": r"(?:19\d\d|20\d\d|2100)(?![\w%]|[.,]\d)",
    "ORDQ": r"(?:first|second|third|fourth|1st|2nd|3rd|4th)",
    "ORDH": r"(?:first|second|1st|2nd)",
    # Counts for "two years ago", "for 18 months": digits or number words.
    "NUM": r"(?:\d{1,3}(?![\d,.])|a\s+couple\s+of|a\s+dozen|an|a|one|two|three|four|five|six|seven"
           r"|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
           r"|eighteen|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
           r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine))?)\b",
    "UNIT": r"(?:decade|year|month|week|day|quarter)s?\b",
}
_FRAGMENTS["VAGUE_NUM"] = r"(?:" + _FRAGMENTS["NUM"] + r"|a\s+few|few|several|many|some)"
_FRAGMENTS["WD_PREFIX"] = r"(?:" + _FRAGMENTS["WEEKDAY"] + r",?\s+)?"


def _expand(pattern: str) -> str:
    return re.sub(r"\{([A-Z_]+)\}", lambda m: _FRAGMENTS[m.group(1)], pattern)


# ---------------------------------------------------------------- context words
#
# Both are read right-to-left from the start of a core: "[PREP] [MOD] core".

# A modifier that makes a period vaguer or picks a part of it.
_MOD_RE = re.compile(r"""
    (?:
        (?:the\s+)?(?:very\s+)?(?P<of>end|start|beginning|middle|close)\s+of\s+   # the end of
      | (?P<word>early|late|mid|earlier|later)(?:\s+in)?\s+                      # early, later in
      | (?P<hyph>early|late|mid|end|start)[-\u2010\u2011]                          # mid-2024, end-March
    )$""", re.I | re.X)

_MOD_MEANING = {"end": "end", "close": "end", "start": "start", "beginning": "start",
                "middle": "mid", "mid": "mid", "early": "early", "late": "late",
                "earlier": "earlier", "later": "later"}

# A preposition that gives the expression its role.
_PREP_RE = re.compile(r"""
    \b(?P<prep>
        ever\s+since | since
      | up\s+until | until | till | through | thru | before
      | no\s+later\s+than | not\s+later\s+than | by
      | effective(?:\s+(?:from|as\s+of|on))? | as\s+(?:of|from)
      | starting(?:\s+(?:in|from|on))? | beginning(?:\s+(?:in|from|on))? | from | after
      | between
      | back\s+in | as\s+(?:early|late|recently|soon)\s+as
      | in | on | during | throughout | at | for
      | around | about | circa | ca\. | roughly | approximately
    )\s+$""", re.I | re.X)

_APPROX_PREPS = {"around", "about", "circa", "ca.", "roughly", "approximately"}

_SUFFIX_FROM_RE = re.compile(r"\s*(?:onwards?|and\s+beyond|forward)\b", re.I)
_RANGE_GAP_RE = re.compile(r"\s*(?:-|\u2013|\u2014|to|through|thru|until|till|and)\s*", re.I)

_WINDOW = 48  # how far back we look for a preposition and a modifier


# The role a preposition gives, by its first words (checked in this order).
_PREP_ROLES = (
    ("ever since", "since"), ("since", "since"),
    ("up until", "until"), ("until", "until"), ("till", "until"), ("through", "until"),
    ("thru", "until"), ("before", "until"),
    ("no later than", "by"), ("not later than", "by"), ("by", "by"),
    ("effective", "from"), ("as of", "from"), ("as from", "from"), ("starting", "from"),
    ("beginning", "from"), ("from", "from"), ("after", "from"),
    ("between", "range"),
)


def _prep_role(prep: str) -> str:
    p = " ".join(prep.lower().split())
    for words, role in _PREP_ROLES:
        if p == words or p.startswith(words + " "):
            return role
    return "point"   # in, on, during, at, around ...


def _has_cue(text: str, start: int) -> bool:
    """Is a core at `start` introduced by a preposition or a modifier?"""
    window = text[max(0, start - _WINDOW):start]
    return bool(_MOD_RE.search(window) or _PREP_RE.search(window))


def _has_mod(text: str, start: int) -> bool:
    return bool(_MOD_RE.search(text[max(0, start - _WINDOW):start]))


# ============================================================== core rules

@dataclass
class _Val:
    """What a core denotes: one value, or a range when `end` is set."""
    start: Value | None
    end: Value | None = None
    approx: bool = False


Handler = Callable[[re.Match, Optional[dt.date], str], Optional[_Val]]


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern
    handler: Handler | None        # None for durations: nothing to resolve
    relative: bool                 # needs the publication date
    kind: str                      # 'date' | 'duration' | 'offset' (a duration that can lead a date)
    accept: Callable[[re.Match], bool] | None


_RULES: list[_Rule] = []


def _rule(name: str, pattern: str, *, relative: bool = False, kind: str = "date",
          accept: Callable[[re.Match], bool] | None = None):
    """Register a core rule; the decorated function resolves a match.

    Handlers get (match, anchor, mode).  `anchor` is never None for relative rules.
    `mode` is 'default', 'past' (after "since") or 'future' (after "by"/"until").
    They return None when the words do not make a real date (February 30).
    """
    def register(fn: Handler | None):
        _RULES.append(_Rule(name, re.compile(_expand(pattern), re.I | re.X), fn, relative,
                            kind, accept))
        return fn
    return register


def _duration_rule(name: str, pattern: str, *, kind: str = "duration",
                   accept: Callable[[re.Match], bool] | None = None) -> None:
    _rule(name, pattern, kind=kind, accept=accept)(None)


# ---------------------------------------------------------------- occurrences

def _month_occurrence(month: int, anchor: dt.date, how: str) -> Period:
    """Pick the year of a month named without one.

    how: 'last' strictly before the anchor's month, 'next' strictly after, 'this' in the
    anchor's year, 'past' on or before the anchor's month, 'future' on or after it.
    """
    y, am = anchor.year, anchor.month
    if how == "last":
        return _month(y if month < am else y - 1, month)
    if how == "next":
        return _month(y if month > am else y + 1, month)
    if how == "this":
        return _month(y, month)
    if how == "future":
        return _month(y if month >= am else y + 1, month)
    return _month(y if month <= am else y - 1, month)


def _month_how(rel: str | None, mode: str) -> str:
    rel = (rel or "").lower()
    if rel in ("last", "past"):
        return "last"
    if rel in ("next", "coming"):
        return "next"
    if rel == "this":
        return "this"
    return "future" if mode == "future" else "past"


def _month_day(month: int, day: int, anchor: dt.date, mode: str,
               weekday: int | None = None) -> dt.date | None:
    """The year-less date nearest to the anchor (past/future only when the role says so)."""
    candidates = []
    for y in range(anchor.year - 4, anchor.year + 5):  # wide enough to find a Feb 29
        try:
            candidates.append(dt.date(y, month, day))
        except ValueError:
            continue
    if weekday is not None and any(d.weekday() == weekday for d in candidates):
        candidates = [d for d in candidates if d.weekday() == weekday]
    if mode == "past":
        candidates = [d for d in candidates if d <= anchor] or candidates
    elif mode == "future":
        candidates = [d for d in candidates if d >= anchor] or candidates
    if not candidates:
        return None
    # nearest first; on a tie the past one (news mostly reports what happened)
    return min(candidates, key=lambda d: (abs((d - anchor).days), d > anchor))


def _weekday_occurrence(weekday: int, anchor: dt.date, how: str) -> dt.date:
    back = (anchor.weekday() - weekday) % 7            # 0..6 days back
    ahead = (weekday - anchor.weekday()) % 7           # 0..6 days ahead
    if how == "last":
        return anchor - dt.timedelta(days=back or 7)
    if how == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if how == "this":   # the one in the anchor's own Monday-Sunday week
        return anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(days=weekday)
    if how == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _period_occurrence(index: int, size: int, anchor: dt.date, how: str) -> Period:
    """Quarter/half/season `index` (1-based) of unknown year: the latest one already begun,
    or for how='future' the first one not yet over."""
    p = Period(anchor.year, (index - 1) * size + 1, size)
    if how == "future":
        return p if p.last_day >= anchor else p.shifted(12)
    return p if p.first_day <= anchor else p.shifted(-12)


def _relative_year(rel: str, anchor: dt.date) -> int:
    rel = " ".join(rel.lower().split())
    if rel == "last":
        return anchor.year - 1
    if rel in ("next", "the next"):
        return anchor.year + 1
    return anchor.year   # this, the current, the


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- absolute days

@_rule("iso_date", r"(?<![\w/-])(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?![\d/])")
def _iso_date(m, anchor, mode):
    # 2026-01-22 or 2026/01/22; a trailing "T10:00:00Z" is left alone.
    d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _Val(d) if d else None


@_rule("month_day_year", r"{WD_PREFIX}(?P<mon>{MONTH})\s+(?P<d>{DAY}),?\s+(?P<y>{YEAR})")
def _month_day_year(m, anchor, mode):
    # July 31, 2025 / Feb. 6 2025 / Wednesday, January 21, 2026
    d = _safe_date(int(m["y"]), _month_number(m["mon"]), int(re.match(r"\d+", m["d"])[0]))
    return _Val(d) if d else None


@_rule("day_month_year", r"{WD_PREFIX}(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH}),?\s+(?P<y>{YEAR})")
def _day_month_year(m, anchor, mode):
    # 31 July 2025 / the 1st of July, 2025
    d = _safe_date(int(m["y"]), _month_number(m["mon"]), int(re.match(r"\d+", m["d"])[0]))
    return _Val(d) if d else None


@_rule("first_day_of_year", r"the\s+(?P<which>first|1st|last|final)\s+day\s+of\s+(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})")
def _first_day_of_year(m, anchor, mode):
    p = _month(int(m["y"]), _month_number(m["mon"]))
    return _Val(p.first_day if m["which"].lower() in ("first", "1st") else p.last_day)


# ---------------------------------------------------------------- days without a year

def _valid_month_day(m: re.Match) -> bool:
    day = int(re.match(r"\d+", m["d"])[0])
    return day <= calendar.monthrange(2000, _month_number(m["mon"]))[1]  # 2000: leap year


def _leading_weekday(m: re.Match) -> int | None:
    w = re.match(r"\s*([A-Z][a-z]+day)\b", m.group(0))
    return _WEEKDAYS.index(w.group(1).lower()) if w and w.group(1).lower() in _WEEKDAYS else None


@_rule("month_day", r"{WD_PREFIX}(?P<mon>{MONTH})\s+(?P<d>{DAY})", relative=True,
       accept=_valid_month_day)
def _month_day_rule(m, anchor, mode):
    # July 31 / Feb. 6 / Wednesday, January 21
    day = int(re.match(r"\d+", m["d"])[0])
    d = _month_day(_month_number(m["mon"]), day, anchor, mode, _leading_weekday(m))
    return _Val(d) if d else None


@_rule("day_month", r"{WD_PREFIX}(?:the\s+)?(?P<d>{DAY})\s+(?:of\s+)?(?P<mon>{MONTH})", relative=True,
       accept=_valid_month_day)
def _day_month_rule(m, anchor, mode):
    # 31 July / the 1st of July
    return _month_day_rule(m, anchor, mode)


@_rule("first_day_of", r"the\s+(?P<which>first|1st|last|final)\s+day\s+of\s+(?P<mon>{MONTH})", relative=True)
def _first_day_of(m, anchor, mode):
    # A schedule phrase: the next such day (the most recent one after "since").
    month = _month_number(m["mon"])
    first = m["which"].lower() in ("first", "1st")
    for y in ((anchor.year, anchor.year - 1) if mode == "past" else (anchor.year, anchor.year + 1)):
        p = _month(y, month)
        d = p.first_day if first else p.last_day
        if (d <= anchor) if mode == "past" else (d >= anchor):
            return _Val(d)
    return None


# ---------------------------------------------------------------- months

@_rule("month_year", r"(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>{YEAR})")
def _month_year(m, anchor, mode):
    # November 2023 / July of 2025
    return _Val(_month(int(m["y"]), _month_number(m["mon"])))


@_rule("month_of_relative_year", r"(?P<mon>{MONTH}),?\s+of\s+(?P<rel>last|this|next)\s+year", relative=True)
def _month_of_relative_year(m, anchor, mode):
    # "in March of last year" (published 2025: March 2024)
    year = anchor.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
    return _Val(_month(year, _month_number(m["mon"])))


@_rule("month_range_year",
       r"(?P<m1>{MONTH})\s*(?:-|\u2013|\u2014|\bto\b|\bthrough\b|\bthru\b|\buntil\b|\btill\b|\band\b)\s*"
       r"(?P<m2>{MONTH}),?\s+(?P<y>{YEAR})")
def _month_range_year(m, anchor, mode):
    # July-September 2025; "December to February 2025" starts in the year before.
    y, m1, m2 = int(m["y"]), _month_number(m["m1"]), _month_number(m["m2"])
    return _Val(_month(y if m1 <= m2 else y - 1, m1), _month(y, m2))


# "the nine months to September", "the year ended March 31, 2025", "the five years to
# March 2030": a run of months that ends with the month named (a reporting period).
# "the" is required: "delayed by six months to September" is a move, not a period.
_PERIOD_UNIT_MONTHS = {"year": 12, "month": 1, "quarter": 3, "half year": 6, "half-year": 6}
_PERIOD_TO = (r"\bthe\s+(?:(?P<n>{NUM})[-\s]+)?(?:(?:fiscal|financial|business)\s+)?(?P<unit>years?|months?|quarters?|half[-\s]years?)\s+"
              r"(?:to|ended|ending|through)\s+(?:the\s+end\s+of\s+)?")


def _period_to(m: re.Match, end: Period) -> _Val | None:
    unit = " ".join(m["unit"].lower().split()).rstrip("s")
    n = _number(m["n"]) if m["n"] else 1
    months = (n or 0) * _PERIOD_UNIT_MONTHS[unit]
    if not 1 <= months <= 120:
        return None
    first = end.shifted(-(months - 1))
    return _Val(first, end) if months > 1 else _Val(end)


@_rule("period_to_year", _PERIOD_TO + r"(?:(?P<mon>{MONTH})(?:\s+{DAY})?|(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<mon2>{MONTH})),?"
                         r"\s+(?P<y>{YEAR})")
def _period_to_year(m, anchor, mode):
    return _period_to(m, _month(int(m["y"]), _month_number(m["mon"] or m["mon2"])))


@_rule("period_to", _PERIOD_TO + r"(?:(?P<mon>{MONTH})(?:\s+{DAY})?|(?:the\s+)?{DAY}\s+(?:of\s+)?(?P<mon2>{MONTH}))",
       relative=True)
def _period_to_rel(m, anchor, mode):
    # the month without a year: its latest occurrence (a period reported on has ended)
    return _period_to(m, _month_occurrence(_month_number(m["mon"] or m["mon2"]), anchor, "past"))


@_rule("month_range_period",
       r"(?P<m1>{MONTH})(?:\s*(?:-|\u2013|\u2014)\s*|\s*-?\bto\b-?\s*|\s+through\s+)(?P<m2>{MONTH})"
       r"(?=[-\s]+(?:quarter|period|half|months)\b)", relative=True)
def _month_range_period(m, anchor, mode):
    # "the July-to-September quarter": a reporting period without a year, the latest one
    # that has ended by the anchor's month
    m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
    end = _month_occurrence(m2, anchor, "past")
    return _Val(end.shifted(-((m2 - m1) % 12)), end)


_MONTH_RANGE_CUE_RE = re.compile(_expand(r"{MONTH}\s*(?:-|\u2013|\u2014|to|through|thru|until|till|and)\s*$"),
                                 re.I | re.X)


def _bare_month_ok(m: re.Match) -> bool:
    # A lone month name needs a cue ("in May", "last July", "early September", the end
    # of a range "November to February"): without one, "May" and "June" are as likely to
    # be names.  A following capitalised word ("by May Mobility") also says it is a name.
    if m["rel"]:
        return True
    if re.match(r"\s+(?-i:[A-Z][a-z])", m.string[m.end():]):
        return False
    window = m.string[max(0, m.start() - _WINDOW):m.start()]
    return _has_cue(m.string, m.start()) or bool(_MONTH_RANGE_CUE_RE.search(window))


@_rule("bare_month", r"\b(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<mon>{MONTH})", relative=True,
       accept=_bare_month_ok)
def _bare_month(m, anchor, mode):
    return _Val(_month_occurrence(_month_number(m["mon"]), anchor, _month_how(m["rel"], mode)))


# ---------------------------------------------------------------- years

_QUANTITY_NOUNS = (
    "vehicles|cars|units|trucks|buses|bikes|motorcycles|people|persons|employees|workers|staff"
    "|jobs|positions|engineers|members|customers|users|households|homes|shares|orders|patents"
    "|tons|tonnes|km|kilometres|kilometers|miles|metres|meters|kg|kilograms|kw|kwh|mw|mwh|gw|gwh"
    "|hp|horsepower|points|stores|shops|dealers|dealerships|outlets|plants|factories|sites"
    "|models|robots|robotaxis|chargers|stations|batteries|cells|euros|dollars|yen|yuan|pounds"
    "|won|rupees|percent|per\\s+cent")
_QUANTITY_AFTER_RE = re.compile(
    r"\s+(?:(?:new|more|additional|extra|fewer|full-time|part-time|electric|hybrid)\s+)?"
    r"(?:" + _QUANTITY_NOUNS + r")\b", re.I)


def _is_year_not_quantity(m: re.Match) -> bool:
    # "2023 vehicles" is a count; "2025 deliveries" is a year (deliveries made in 2025),
    # so only nouns that are counted units make the number a quantity.
    if _QUANTITY_AFTER_RE.match(m.string, m.end()):
        return False
    return not re.search(r"\b(?:No\.|number|Nos?\.)\s*$", m.string[max(0, m.start() - 8):m.start()], re.I)


@_rule("year", r"{YEAR}", accept=_is_year_not_quantity)
def _year_rule(m, anchor, mode):
    return _Val(_year(int(m.group(0))))


# An older year only after "in"/"since" ("founded in Malmo in 1871"): bare four-digit
# numbers below 1900 are more often counts than years.
@_rule("old_year", r"(?:(?<=\bin\s)|(?<=\bsince\s))(?:1[6-8]\d\d)(?![\w%]|[.,]\d)", accept=_is_year_not_quantity)
def _old_year_rule(m, anchor, mode):
    return _Val(_year(int(m.group(0))))


@_rule("year_range", r"(?P<y1>{YEAR_OPEN})(?P<gap>\s*(?:[-/\u2013\u2014])\s*)(?P<y2>\d{4}|\d{2})(?![\w%]|[.,]\d)")
def _year_range(m, anchor, mode):
    # 2005-2008, 2005–08, 2024/25.  A bare "2025-07" is ISO year-month, not a range
    # back in time; "2005-08" reads as a range (the prose convention).
    y1, tail = int(m["y1"]), m["y2"]
    if len(tail) == 4:
        y2 = int(tail)
        return _Val(_year(y1), _year(y2)) if y1 < y2 <= 2100 else None
    y2 = y1 // 100 * 100 + int(tail)
    if y2 > y1:
        return _Val(_year(y1), _year(y2))
    if m["gap"] == "-" and 1 <= int(tail) <= 12:
        return _Val(_month(y1, int(tail)))
    return None


@_rule("fiscal_year", r"\b(?:FY\s?['\u2019]?(?P<yy>\d{2})(?!\d)|FY\s?(?P<y>{YEAR_DIGITS})|fiscal\s+(?:year\s+)?(?P<y2>{YEAR_OPEN}))(?![\w%])")
def _fiscal_year(m, anchor, mode):
    # Fiscal years start in different months per company (Japan: April), hence approx.
    y = int(m["y"] or m["y2"]) if (m["y"] or m["y2"]) else _two_digit_year(m["yy"])
    return _Val(_year(y), approx=True)


@_rule("year_end_of", r"\byear[-\s]end\s+(?P<y>{YEAR})")
def _year_end_of(m, anchor, mode):
    return _Val(_month(int(m["y"]), 12), approx=True)


@_rule("year_end", r"\byear[-\s]end\b", relative=True)
def _year_end(m, anchor, mode):
    # "by year-end": the end of the anchor's year.
    return _Val(_month(anchor.year, 12), approx=True)


@_rule("season_year", r"\b(?P<s>spring|summer|autumn|fall|winter)(?:\s+of)?,?\s+(?P<y>{YEAR})")
def _season_year(m, anchor, mode):
    return _Val(_quarter(int(m["y"]), _SEASONS[m["s"].lower()]), approx=True)


@_rule("season", r"\b(?P<rel>last|this|next|the|coming|past)\s+(?P<s>spring|summer|autumn|fall|winter)\b",
       relative=True)
def _season(m, anchor, mode):
    # "last summer" = the latest one already over, "next summer" the first not yet begun,
    # "this summer" the anchor year's, "the summer" like a bare month.
    rel = m["rel"].lower()
    this_year = _quarter(anchor.year, _SEASONS[m["s"].lower()])
    if rel in ("last", "past"):
        p = this_year if this_year.last_day < anchor else this_year.shifted(-12)
    elif rel in ("next", "coming"):
        p = this_year if this_year.first_day > anchor else this_year.shifted(12)
    elif rel == "this":
        p = this_year
    else:
        p = _period_occurrence(_SEASONS[m["s"].lower()], 3, anchor,
                               "future" if mode == "future" else "past")
    return _Val(p, approx=True)


# ---------------------------------------------------------------- quarters and halves

_OF_FISCAL = r"(?:\s+of)?(?:\s+(?:the\s+)?(?:fiscal|financial)(?:\s+year)?)?,?\s+"


@_rule("quarter_words_year", r"(?:\bthe\s+)?\b(?P<q>{ORDQ})[-\s]+quarter" + _OF_FISCAL + r"(?P<y>{YEAR})")
def _quarter_words_year(m, anchor, mode):
    # the third quarter of 2025 / third-quarter 2025
    return _Val(_quarter(int(m["y"]), _ORDINALS[m["q"].lower()]))


@_rule("quarter_code_year", r"\bQ(?P<q>[1-4])(?:\s*[-/]\s*|\s+(?:of\s+)?)(?P<y>{YEAR_GLUED})")
def _quarter_code_year(m, anchor, mode):
    # Q3 2025 / Q3-2025 / Q3 of 2025
    return _Val(_quarter(int(m["y"]), int(m["q"])))


@_rule("quarter_code_short", r"\b(?:Q(?P<q>[1-4])\s*['\u2019](?P<yy>\d{2})|(?P<q2>[1-4])Q\s*['\u2019]?(?P<yy2>\d{2}))(?![\w%])")
def _quarter_code_short(m, anchor, mode):
    # Q3'25 / 3Q25 / 3Q'25
    return _Val(_quarter(_two_digit_year(m["yy"] or m["yy2"]), int(m["q"] or m["q2"])))


@_rule("quarter_code_long", r"\b(?P<q>[1-4])Q\s+(?P<y>{YEAR})|(?P<y2>{YEAR_OPEN})[-\s]?Q(?P<q2>[1-4])(?!\w)")
def _quarter_code_long(m, anchor, mode):
    # 3Q 2025 / 2025-Q3 / 2025 Q3
    return _Val(_quarter(int(m["y"] or m["y2"]), int(m["q"] or m["q2"])))


@_rule("half_words_year", r"(?:\bthe\s+)?\b(?P<h>{ORDH})[-\s]+half" + _OF_FISCAL + r"(?P<y>{YEAR})")
def _half_words_year(m, anchor, mode):
    # the first half of 2024 / first-half 2024
    return _Val(_half(int(m["y"]), _ORDINALS[m["h"].lower()]))


@_rule("half_code", r"\b(?:H(?P<h>[12])(?:\s*[-/]\s*|\s+(?:of\s+)?)(?P<y>{YEAR_GLUED})|H(?P<h2>[12])\s*['\u2019](?P<yy>\d{2})"
                    r"|(?P<h3>[12])H\s*['\u2019]?(?P<yy3>\d{2})(?![\w%])|(?P<h4>[12])H\s+(?P<y4>{YEAR})"
                    r"|(?P<y5>{YEAR_OPEN})[-\s]?H(?P<h5>[12])(?!\w))")
def _half_code(m, anchor, mode):
    # H1 2024 / H1'24 / 1H24 / 1H 2024 / 2024-H1.  A bare "H2" is hydrogen, never a half.
    h = int(m["h"] or m["h2"] or m["h3"] or m["h4"] or m["h5"])
    if m["y"] or m["y4"] or m["y5"]:
        y = int(m["y"] or m["y4"] or m["y5"])
    else:
        y = _two_digit_year(m["yy"] or m["yy3"])
    return _Val(_half(y, h))


# "of last year", "of the year", "of the current year".  Not "of the previous year":
# like every "previous", that is relative to some other event (see the durations).
_OF_REL_YEAR = (r"(?:\s+of)?\s+(?:(?P<rel>last|this|next)\s+year"
                r"|the\s+(?:(?P<rel2>current|next)\s+)?year)\b")


def _rel_year_of(m: re.Match, anchor: dt.date) -> int:
    if m["rel"]:
        return _relative_year(m["rel"], anchor)
    return _relative_year("the " + (m["rel2"] or "current"), anchor)


@_rule("quarter_words_rel", r"(?:\bthe\s+)?\b(?P<q>{ORDQ})[-\s]+quarter" + _OF_REL_YEAR, relative=True)
def _quarter_words_rel(m, anchor, mode):
    # the fourth quarter of last year / the second quarter of the year
    return _Val(_quarter(_rel_year_of(m, anchor), _ORDINALS[m["q"].lower()]))


@_rule("half_words_rel", r"(?:\bthe\s+)?\b(?P<h>{ORDH})[-\s]+half" + _OF_REL_YEAR, relative=True)
def _half_words_rel(m, anchor, mode):
    return _Val(_half(_rel_year_of(m, anchor), _ORDINALS[m["h"].lower()]))


def _first_months(m: re.Match, y: int) -> _Val | None:
    # "the first nine months of the year" = January to September
    n = _number(m["n"])
    if not n or not 2 <= n <= 11:
        return None
    return _Val(_month(y, 1), _month(y, n))


@_rule("first_months_of_year", r"\bthe\s+first\s+(?P<n>{NUM})\s+months" + _OF_FISCAL + r"(?P<y>{YEAR})")
def _first_months_of_year(m, anchor, mode):
    return _first_months(m, int(m["y"]))


@_rule("first_months_of", r"\bthe\s+first\s+(?P<n>{NUM})\s+months" + _OF_REL_YEAR, relative=True)
def _first_months_of(m, anchor, mode):
    return _first_months(m, _rel_year_of(m, anchor))


@_rule("first_months_bare", r"\bthe\s+first\s+(?P<n>{NUM})\s+months\b(?!\s+(?:of|after|since|following)\b)", relative=True)
def _first_months_bare(m, anchor, mode):
    # "net profit for the first nine months rose": the latest such stretch of a year already
    # over (reported in November, this year's; in February, last year's) -- or, of what is
    # to come, the next one not over yet
    n = _number(m["n"])
    if not n or not 2 <= n <= 11:
        return None
    y = anchor.year
    if mode == "future":
        y = y if anchor.month <= n else y + 1
    else:
        y = y if anchor.month > n else y - 1
    return _first_months(m, y)


@_rule("quarter_words", r"(?:\bthe\s+)?\b(?P<q>{ORDQ})[-\s]+quarter\b(?!\s+of\b|[-\s]+\d)", relative=True)
def _quarter_words(m, anchor, mode):
    # "the fourth quarter", "first-quarter profit": the latest one already begun.
    how = "future" if mode == "future" else "past"
    return _Val(_period_occurrence(_ORDINALS[m["q"].lower()], 3, anchor, how))


def _q_code_ok(m: re.Match) -> bool:
    # "Audi Q3" is a car: a bare Q-code needs a cue ("in Q3", "the Q3 results").
    window = m.string[max(0, m.start() - _WINDOW):m.start()]
    return bool(_PREP_RE.search(window) or re.search(r"\bthe\s+$", window, re.I))


@_rule("quarter_code", r"\bQ(?P<q>[1-4])\b(?!\s*[-/'\u2019]?\s*\d)", relative=True, accept=_q_code_ok)
def _quarter_code(m, anchor, mode):
    how = "future" if mode == "future" else "past"
    return _Val(_period_occurrence(int(m["q"]), 3, anchor, how))


@_rule("half_words", r"(?:\bthe\s+)?\b(?P<h>{ORDH})[-\s]+half\b(?!\s+of\b|[-\s]+\d)", relative=True)
def _half_words(m, anchor, mode):
    how = "future" if mode == "future" else "past"
    return _Val(_period_occurrence(_ORDINALS[m["h"].lower()], 6, anchor, how))


@_rule("rel_quarter", r"\b(?P<rel>last|this|next|the\s+current)\s+quarter\b", relative=True)
def _rel_quarter(m, anchor, mode):
    current = _period_containing(anchor, 3)
    step = {"last": -3, "next": 3}.get(m["rel"].lower(), 0)
    return _Val(current.shifted(step))


# ---------------------------------------------------------------- relative years, months, weeks, days

@_rule("rel_year", r"\b(?P<rel>last|this|next|the\s+current)\s+year\b(?![-\s]+(?:on|over|to)[-\s]+year)",
       relative=True)
def _rel_year(m, anchor, mode):
    # last year = 2025, this year = 2026, next year = 2027 (anchor 2026-01-22)
    return _Val(_year(_relative_year(m["rel"], anchor)))


@_rule("the_year", r"\bthe\s+year\b(?![-\s]+(?:on|over|to)[-\s]+year)", relative=True,
       accept=lambda m: _has_mod(m.string, m.start()))
def _the_year(m, anchor, mode):
    # only after a modifier: "by the end of the year", "later in the year"
    return _Val(_year(anchor.year))


@_rule("rel_month", r"\b(?P<rel>last|this|next)\s+month\b", relative=True)
def _rel_month(m, anchor, mode):
    step = {"last": -1, "next": 1}.get(m["rel"].lower(), 0)
    return _Val(_month(anchor.year, anchor.month).shifted(step))


@_rule("the_month", r"\bthe\s+month\b", relative=True, accept=lambda m: _has_mod(m.string, m.start()))
def _the_month(m, anchor, mode):
    return _Val(_month(anchor.year, anchor.month))


@_rule("rel_week", r"\b(?P<rel>last|this|next)\s+week\b", relative=True)
def _rel_week(m, anchor, mode):
    # A week has no FORMAT.md form: we give its Monday and say it is approximate.
    step = {"last": -7, "next": 7}.get(m["rel"].lower(), 0)
    return _Val(_monday(anchor) + dt.timedelta(days=step), approx=True)


@_rule("the_week", r"\bthe\s+week\b", relative=True, accept=lambda m: _has_mod(m.string, m.start()))
def _the_week(m, anchor, mode):
    return _Val(_monday(anchor), approx=True)


_DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1,
              "this morning": 0, "this afternoon": 0, "this evening": 0}


@_rule("rel_day", r"\b(?:yesterday|today|tonight|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))\b",
       relative=True)
def _rel_day(m, anchor, mode):
    return _Val(anchor + dt.timedelta(days=_DAY_WORDS[" ".join(m.group(0).lower().split())]))


def _not_holiday(m: re.Match) -> bool:
    # "Black Friday", "Super Tuesday" ... are events, not the last such weekday.
    before = m.string[max(0, m.start() - 12):m.start()]
    return not re.search(r"\b(?:Black|Cyber|Good|Super|Ash|Easter|Palm|Holy|Maundy|Shrove|Giving|"
                         r"Bloody|Manic|Blue)\s+$", before)


@_rule("weekday", r"\b(?:(?P<rel>last|next|this|past)\s+)?(?P<wd>{WEEKDAY})", relative=True,
       accept=_not_holiday)
def _weekday(m, anchor, mode):
    # "on Wednesday": the most recent Wednesday, today included.
    wd = _WEEKDAYS.index(m["wd"].lower())
    rel = (m["rel"] or "").lower()
    how = {"last": "last", "past": "last", "next": "next", "this": "this"}.get(rel)
    return _Val(_weekday_occurrence(wd, anchor, how or ("future" if mode == "future" else "past")))


_AGO_QUALIFIERS = (r"exactly|precisely|about|around|roughly|approximately|some|nearly|almost"
                   r"|more\s+than|over|less\s+than|just|only|barely")
_VAGUE_QUALIFIERS = {"about", "around", "roughly", "approximately", "some", "nearly", "almost",
                     "more than", "over", "less than"}


@_rule("ago", r"\b(?:(?P<q>" + _AGO_QUALIFIERS + r")\s+)?(?P<n>{NUM})\s+(?P<unit>{UNIT})\s+"
              r"(?P<dir>ago|from\s+now|hence)\b", relative=True)
def _ago(m, anchor, mode):
    return _anchor_offset(m, anchor, -1 if m["dir"].lower() == "ago" else 1)


@_rule("in_time", r"\bin\s+(?:(?P<q>" + _AGO_QUALIFIERS + r")\s+)?(?P<n>{NUM})\s+(?P<unit>{UNIT})['\u2019]?"
                  r"\s+time\b", relative=True)
def _in_time(m, anchor, mode):
    # "in two years' time" = two years from now
    return _anchor_offset(m, anchor, 1)


def _anchor_offset(m: re.Match, anchor: dt.date, sign: int) -> _Val | None:
    """N units ago (sign -1) / from now (+1), at the unit's own precision.

    "two years ago" keeps the month (2024-01 from 2026-01-22, as the guidelines write
    it); weeks give a day.  Approximate unless "exactly": nobody counts years to the day.
    """
    n = _number(m["n"])
    if n is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    q = " ".join((m["q"] or "").lower().split())
    exact = q in ("exactly", "precisely")
    vague = q in _VAGUE_QUALIFIERS
    if unit == "decade":
        return _Val(_year(anchor.year + sign * 10 * n), approx=not exact)
    if unit == "year":
        return _Val(_month(anchor.year, anchor.month).shifted(sign * 12 * n), approx=not exact)
    if unit == "quarter":
        return _Val(_period_containing(anchor, 3).shifted(sign * 3 * n), approx=not exact)
    if unit == "month":
        return _Val(_month(anchor.year, anchor.month).shifted(sign * n), approx=not exact)
    if unit == "week":
        return _Val(anchor + dt.timedelta(days=sign * 7 * n), approx=not exact)
    return _Val(anchor + dt.timedelta(days=sign * n), approx=vague)


# ---------------------------------------------------------------- durations and event-relative offsets
#
# These have no date of their own; they are found so that callers know the words are
# about time (and so that "for five years" is not misread), and come back unresolved.

_OFFSET_DIRECTIONS = r"after|later|before|earlier|prior(?:\s+to)?|following|previously"


def _count_ok(m: re.Match) -> bool:
    # "200,000 cars a year" is a rate: "a year" alone needs a lead-in ("for a year").
    return bool(m["lead"] or m["rel"]) or m["n"].lower() not in ("a", "an")


_duration_rule(
    "duration_count",
    r"\b(?:(?P<lead>for|over|in|within|during|throughout|after|under|up\s+to|at\s+least)\s+)?"
    # ("for the first nine months" of a year is a period, first_months_bare)
    r"(?!the\s+first\s+{NUM}\s+months\b(?!\s+(?:of|after|since|following)\b))"
    r"(?:(?:the\s+)?(?P<rel>past|last|next|previous|coming|following|recent|first)\s+)?"
    r"(?:(?:just|only|about|around|nearly|almost|roughly|more\s+than|less\s+than|fewer\s+than"
    r"|at\s+least|another|some|over)\s+)?"
    r"(?P<n>{VAGUE_NUM})\s+(?P<unit>{UNIT})(?![-\u2010\u2011'\u2019])",
    accept=_count_ok)

_duration_rule(
    "duration_the",
    r"\b(?:(?:for|over|in|within|during|throughout)\s+)?the\s+"
    r"(?:past|last|next|previous|coming|following|preceding|same)\s+"
    r"(?:(?:few|several|couple\s+of)\s+)?{UNIT}")

_duration_rule(
    "duration_recent",
    r"\b(?:(?:in|over|during|for)\s+)?(?:recent|coming|past)\s+(?:decade|year|month|week|day|quarter)s\b")

_duration_rule(
    "offset",
    r"\b(?:(?:just|only|about|around|nearly|almost|roughly|some|exactly|more\s+than|less\s+than"
    r"|barely)\s+)?(?P<n>{VAGUE_NUM}|the)\s+(?P<unit>{UNIT})\s+(?P<dir>" + _OFFSET_DIRECTIONS + r")\b",
    kind="offset")


_OFFSET_RE = re.compile(_expand(
    r"\b(?:(?P<the>the)\s+(?P<rel>past|last|next|previous|coming|following|preceding)\s+)?"
    r"(?:(?:just|only|about|around|nearly|almost|roughly|some|exactly|more\s+than|less\s+than"
    r"|barely|another|over)\s+)?(?:(?P<n>{VAGUE_NUM}|the)\s+)?(?P<unit>{UNIT})"
    r"(?:\s+(?P<dir>" + _OFFSET_DIRECTIONS + r"|ago|from\s+now|hence))?"), re.I | re.X)

_BACKWARD = {"before", "earlier", "prior", "prior to", "previously", "ago", "past", "last",
             "previous", "preceding"}
_FORWARD = {"after", "later", "following", "from now", "hence", "next", "coming"}


def parse_offset(expression: str) -> tuple[int, int, int] | None:
    """Read an offset: "a month after" -> (1, 0, 1); "three weeks earlier" -> (0, 21, -1).

    Returns (months, days, direction) with direction +1 (after, later, from now), -1
    (before, earlier, ago, the past ...) or 0 (a plain length: "for five years").
    Years count as 12 months, quarters 3, decades 120; weeks as 7 days.  None when
    there is no unit or the count is vague ("a few months").
    """
    m = _OFFSET_RE.search(expression or "")
    if not m:
        return None
    count = m["n"] or ("one" if m["the"] else None)
    if count is None:
        return None
    n = _number(count)
    if n is None:
        return None
    unit = m["unit"].lower().rstrip("s")
    months = {"decade": 120, "year": 12, "quarter": 3, "month": 1}.get(unit, 0) * n
    days = {"week": 7, "day": 1}.get(unit, 0) * n
    word = " ".join((m["dir"] or m["rel"] or "").lower().split())
    direction = -1 if word in _BACKWARD else 1 if word in _FORWARD else 0
    return months, days, direction


# ============================================================== finding

@dataclass
class _Core:
    start: int
    end: int
    rule: _Rule
    match: re.Match
    priority: int


@dataclass
class _Expr:
    start: int
    end: int
    cores: list[_Core]
    role: str = "point"
    mod: str | None = None
    approx: bool = False
    offset: tuple[int, int, int] | None = None


def _cores(text: str, anchor: dt.date | None) -> list[_Core]:
    """Every rule's hits, overlaps settled longest first (then by rule order)."""
    found: list[_Core] = []
    for priority, rule in enumerate(_RULES):
        for m in rule.regex.finditer(text):
            if m.end() == m.start():
                continue
            if rule.accept and not rule.accept(m):
                continue
            if rule.handler is not None:
                probe_anchor = anchor if rule.relative else None
                if (not rule.relative or anchor is not None) and _call(rule, m, probe_anchor, "default") is None:
                    continue  # not a real date (February 30, 2025-2003)
            found.append(_Core(m.start(), m.end(), rule, m, priority))
    found.sort(key=lambda c: (-(c.end - c.start), c.priority, c.start))
    chosen: list[_Core] = []
    for c in found:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _call(rule: _Rule, m: re.Match, anchor: dt.date | None, mode: str) -> _Val | None:
    try:
        v = rule.handler(m, anchor, mode)
    except (ValueError, OverflowError):   # date arithmetic off the calendar's edge
        return None
    if v is None or not all(_on_calendar(x) for x in (v.start, v.end)):
        return None
    return v


def _on_calendar(v: Value | None) -> bool:
    """Periods are plain numbers until formatted: keep them on the 4-digit calendar."""
    return v is None or 1 <= v.year <= 9999


def _assemble(text: str, cores: list[_Core]) -> list[_Expr]:
    """Join cores into ranges and offsets, and read the words around each expression."""
    exprs: list[_Expr] = []
    i = 0
    while i < len(cores):
        c = cores[i]
        nxt = cores[i + 1] if i + 1 < len(cores) else None
        gap = text[c.end:nxt.start] if nxt else ""
        prev_end = exprs[-1].end if exprs else 0
        window_start = max(prev_end, c.start - _WINDOW)
        if (nxt and c.rule.kind == "offset" and nxt.rule.kind == "date" and gap.isspace()
                and re.search(r"(?:after|before|prior\s+to|following)$", c.match.group(0), re.I)):
            # "a month after July 2025": the offset applied to the date
            exprs.append(_Expr(c.start, nxt.end, [nxt], offset=parse_offset(c.match.group(0))))
            i += 2
        elif (nxt and c.rule.kind == nxt.rule.kind == "date" and _RANGE_GAP_RE.fullmatch(gap)
              and not _is_range_rule(c) and not _is_range_rule(nxt)
              and (not re.search(r"\band\b", gap, re.I)
                   or re.search(r"\bbetween\s+$", text[window_start:c.start], re.I))):
            # "2005 to 2008", "from July 2025 to March 2026", "between 2005 and 2008"
            exprs.append(_Expr(c.start, nxt.end, [c, nxt], role="range"))
            i += 2
        else:
            exprs.append(_Expr(c.start, c.end, [c],
                               role="duration" if c.rule.kind != "date" else "point"))
            i += 1
        e = exprs[-1]
        if e.role != "duration":
            _read_context(text, e, window_start)
    return exprs


def _is_range_rule(c: _Core) -> bool:
    return c.rule.name in ("year_range", "month_range_year")


def _read_context(text: str, e: _Expr, floor: int) -> None:
    """Extend `e` leftwards over a modifier and a preposition, rightwards over "onward"."""
    window = text[max(floor, e.start - _WINDOW):e.start]
    if len(e.cores) == 1 and e.offset is None:
        mod = _MOD_RE.search(window)
        if mod:
            word = (mod["of"] or mod["word"] or mod["hyph"]).lower()
            e.mod = _MOD_MEANING[word]
            e.start -= len(window) - mod.start()
            window = window[:mod.start()]
    prep = _PREP_RE.search(window)
    if prep:
        role = _prep_role(prep["prep"])
        if role == "range" and e.role != "range":
            pass  # a lone "between" is not ours
        else:
            e.start -= len(window) - prep.start()
            if e.role != "range":
                e.role = role
            e.approx = prep["prep"].lower() in _APPROX_PREPS
    suffix = _SUFFIX_FROM_RE.match(text, e.end)
    if suffix and e.role in ("point", "from"):
        e.role = "from"
        e.end = suffix.end()


# ============================================================== resolving

_MODE_OF_ROLE = {"by": "future", "until": "future", "since": "past"}


def _apply_mod(v: _Val, mod: str | None, anchor: dt.date | None = None) -> _Val:
    """Pick the part of a period the modifier names; all such results are approx.  'Earlier
    this year' in a story of the year's first half is of that half; 'later this year' in a
    story of its second half, of that one (either way, no further off than that)."""
    if mod is None:
        return v
    p = v.start
    if isinstance(p, Period) and v.end is None and p.months == 12 and anchor is not None and \
            p.year == anchor.year and mod in ("earlier", "later"):
        half = 1 if anchor.month <= 6 else 2
        if (mod == "earlier") == (half == 1):
            return _Val(_half(p.year, half), None, True)
        return _Val(p, None, True)
    if isinstance(p, Period) and v.end is None:
        if p.months == 12 and mod == "early":
            p = _half(p.year, 1)                           # early 2024 = 2024-H1
        elif p.months == 12 and mod == "late":
            p = _quarter(p.year, 4)                        # late 2024 = 2024-Q4
        elif p.months == 12 and mod == "mid":
            p = _month(p.year, 6)                          # mid-2026 = around 2026-06
        elif mod == "start":
            p = _month(p.year, p.month)                    # the start of 2025 = 2025-01
        elif mod == "end":
            p = _month(*_add_months(p.year, p.month, p.months - 1))   # the end of 2026 = 2026-12
        return _Val(p, None, True)
    if isinstance(p, dt.date):
        return v        # "late Wednesday" is still Wednesday
    return replace(v, approx=True)


def _resolve_expr(text: str, e: _Expr, anchor: dt.date | None) -> TimeSpan:
    words = text[e.start:e.end]
    if e.role == "duration":
        return TimeSpan(text=words, resolved=False)
    mode = _MODE_OF_ROLE.get(e.role, "default")
    vals: list[_Val | None] = []
    for c in e.cores:
        if c.rule.relative and anchor is None:
            vals.append(None)
        else:
            vals.append(_call(c.rule, c.match, anchor, mode))
    resolved = all(v is not None for v in vals)

    if e.role == "range":
        first, last = vals[0], vals[-1]
        start = first.start if first else None
        end = (last.end or last.start) if last else None
        if (len(vals) == 2 and start is not None and end is not None
                and _first_day(start) > _last_day(end) and e.cores[1].rule.relative):
            # "from November to February": the end is the February after that November
            end = _parse_value(shift(TimeSpan(_fmt(end)), months=12).start)
        approx = e.approx or any(v.approx for v in vals if v)
        return TimeSpan(_fmt(start), _fmt(end), approx, words, resolved)

    v = vals[0]
    if v is None:
        return TimeSpan(approx=e.approx or e.mod is not None, text=words, resolved=False)
    v = _apply_mod(v, e.mod, anchor)
    span = TimeSpan(_fmt(v.start), _fmt(v.end), v.approx or e.approx, words, True)
    if e.offset is not None:
        months, days, direction = e.offset
        # "a month after" is a round figure (approx); counted days are exact.
        span = shift(span, months=months * direction, days=days * direction)
        span = replace(span, approx=span.approx or months != 0)
    if e.role == "until" and span.end is None:
        span = replace(span, start=None, end=span.start)
    return span


def _role_of(e: _Expr, span: TimeSpan) -> str:
    if e.role not in ("range", "duration", "until") and span.end is not None:
        return "range"   # a range core such as "2005-2008" or "July-September 2025"
    return e.role


# ============================================================== public API

def parse_published(value: str | dt.date | None) -> dt.date | None:
    """A publication date from the forms feeds and pages use; None when it cannot be read.

    '2026-01-22', '2026-01-22T10:00:00Z', '2026/01/22', '20260122', 'January 22, 2026',
    '22 Jan 2026', 'Thu, 22 Jan 2026 10:00:00 GMT'.  The calendar date is taken as
    written, in the publisher's own time zone.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    if not s:
        return None
    m = re.match(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)", s) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", s)
    if m:
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    try:
        return parsedate_to_datetime(s).date()      # RFC 2822, as in RSS
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    for match in find_times(s, None):
        v = _parse_value(match.span.start)
        if isinstance(v, dt.date) and match.span.resolved:
            return v
    return None


def find_times(text: str, published: str | dt.date | None) -> list[TimeMatch]:
    """All time expressions in `text`, in text order, without overlaps.

    Where candidates overlap the longest wins.  Relative expressions are resolved
    against `published`; without it they come back with `span.resolved` False.
    """
    if not text:
        return []
    anchor = parse_published(published)
    out = []
    for e in _assemble(text, _cores(text, anchor)):
        try:
            span = _resolve_expr(text, e, anchor)
        except (ValueError, OverflowError):   # only for anchors at the calendar's edge
            span = TimeSpan(text=text[e.start:e.end], resolved=False)
        out.append(TimeMatch(e.start, e.end, text[e.start:e.end], span, _role_of(e, span)))
    return out


def fiscal_year_end(spans: list[TimeSpan]) -> int | None:
    """The month a text's financial year ends in, from a reporting period it names: "the
    year to March 31" or "the five years to March 2030" (whole years, resolved to months,
    ending in a month other than December) say its years run April to March.  None when
    no such period is named, or when the text names periods ending in different months."""
    ends = set()
    for t in spans:
        first, last = _parse_value(t.start), _parse_value(t.end)
        if not (isinstance(first, Period) and isinstance(last, Period) and first.months == last.months == 1):
            continue
        months = (last.year * 12 + last.month) - (first.year * 12 + first.month) + 1
        if months % 12 == 0 and last.month != 12:
            ends.add(last.month)
    return ends.pop() if len(ends) == 1 else None


_SPLIT_YEAR_RE = re.compile(r"(?<!\d)(?P<y1>\d{4})\s*[-/\u2013\u2014]\s*(?P<y2>\d{2}|\d{4})(?!\d)")


def has_short_split_year(text: str) -> bool:
    """'2024-25', '2029/30': a year split with two digits, the way financial years are named."""
    m = _SPLIT_YEAR_RE.search(text or "")
    return bool(m) and len(m["y2"]) == 2


def as_fiscal_year(span: TimeSpan, end_month: int) -> TimeSpan:
    """A split year ("2024-25", "2029/30") read as the financial year it names, once the
    text says its years end in `end_month`: with March, 2024-25 is April 2024 to March 2025.
    Any other span comes back unchanged."""
    m = _SPLIT_YEAR_RE.search(span.text or "")
    if not m or not 1 <= end_month <= 11 or not span.resolved:
        return span
    y1 = int(m["y1"])
    y2 = int(m["y2"]) if len(m["y2"]) == 4 else y1 // 100 * 100 + int(m["y2"])
    if y2 != y1 + 1 or span.start != f"{y1:04d}" or span.end != f"{y2:04d}":
        return span
    return replace(span, start=_month(y1, end_month + 1).format(), end=_month(y2, end_month).format())


def resolve(expression: str, published: str | dt.date | None) -> TimeSpan | None:
    """Resolve one expression ("last July", "by the end of 2026"); None if it holds no time.

    When the string holds several, the longest one is used.
    """
    matches = find_times(expression or "", published)
    if not matches:
        return None
    best = max(matches, key=lambda m: (m.end - m.start, -m.start))
    return best.span
