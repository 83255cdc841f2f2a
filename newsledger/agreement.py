"""When two statements can both be true: dates at their precision, figures within their
qualifiers.  Reconcile reports a conflict only where these say two sources cannot agree.

Dates
-----
A date stands for the span it names at the precision the text gives: "2025" is the
whole year, "2025-07" the month, "2025-Q4" the quarter, "2025-07-15" one day.  Two
dates agree when their spans overlap ("July" and "15 July" agree; "July" and "August"
do not).  A date the text gives vaguely ("mid-July", "early 2024", "around 2020":
`approx`) is widened by a share of its own span -- half a month for a month, a quarter
of a year for a half-year, half a year for a year -- never for a single day: two
outlets dating one resignation a day apart disagree, whatever words they used.

Figures
-------
A figure with its qualifier is a range: "about 450" is 450 +- 3 %, "nearly 11bn" is
9.9bn-11bn, "at least 10bn" / "more than 10bn" is 10bn and up, "up to" / "under" /
"fewer than" is up to the figure; a plain figure is itself give or take 1 % (so two
plain figures agree within about 2 %, the rounding the scorer allows).
"around 1,300" do not, "at least 10bn" and "almost 11bn" do.
"""
from __future__ import annotations

import calendar
import datetime as dt
import math
import re
from functools import lru_cache
from typing import Any

__all__ = ["parse_span", "precision_days", "dates_agree", "figure_range", "figures_agree",
           "normalise_qualifier", "PLAIN_TOLERANCE", "ABOUT_TOLERANCE"]

PLAIN_TOLERANCE = 0.01       # a plain figure: itself, give or take rounding (two agree within ~2 %)
ABOUT_TOLERANCE = 0.03       # "about", "around", "roughly", "some"
NEARLY_SPAN = 0.10           # "nearly 11bn": from 10 % below up to the figure


@lru_cache(maxsize=65536)
def parse_span(s: str | None) -> tuple[dt.date, dt.date] | None:
    """'2025', '2025-07', '2025-07-31', '2025-Q3', '2025-H1' -> (first day, last day)."""
    if not s or not isinstance(s, str):
        return None
    s = s.strip()
    try:
        if m := re.fullmatch(r"(\d{4})", s):
            y = int(m.group(1))
            return dt.date(y, 1, 1), dt.date(y, 12, 31)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", s, re.I):
            y, q = int(m.group(1)), int(m.group(2))
            return dt.date(y, 3 * q - 2, 1), dt.date(y, 3 * q, calendar.monthrange(y, 3 * q)[1])
        if m := re.fullmatch(r"(\d{4})-H([12])", s, re.I):
            y = int(m.group(1))
            return (dt.date(y, 1, 1), dt.date(y, 6, 30)) if m.group(2) == "1" \
                else (dt.date(y, 7, 1), dt.date(y, 12, 31))
        if m := re.fullmatch(r"(\d{4})-(\d{2})", s):
            y, mo = int(m.group(1)), int(m.group(2))
            return dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1])
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", s):
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
    except ValueError:
        return None
    return None


def precision_days(s: str | None) -> int | None:
    """How many days the date names (1 for a day, ~30 for a month, 365 for a year)."""
    p = parse_span(s)
    return None if p is None else (p[1] - p[0]).days + 1


def _slack(days: int) -> dt.timedelta:
    """How far a vague date reaches past its span: nothing for a day, half a month for a
    month, a quarter of a year for a half-year or a quarter, half a year for a year."""
    if days <= 1:
        return dt.timedelta(0)
    if days <= 31:
        return dt.timedelta(days=15)
    if days <= 184:
        return dt.timedelta(days=45 if days <= 92 else 91)
    return dt.timedelta(days=182)


def widened(s: str | None, approx: bool) -> tuple[dt.date, dt.date] | None:
    p = parse_span(s)
    if p is None or not approx:
        return p
    pad = _slack((p[1] - p[0]).days + 1)
    try:
        return p[0] - pad, p[1] + pad
    except OverflowError:
        return p


def dates_agree(a: str | None, b: str | None, approx_a: bool = False, approx_b: bool = False) -> bool:
    """Both dates can name the same moment (see the module doc).  A missing or unreadable
    date agrees with anything: it says nothing."""
    pa, pb = widened(a, approx_a), widened(b, approx_b)
    if pa is None or pb is None:
        return True
    return pa[0] <= pb[1] and pb[0] <= pa[1]


# ------------------------------------------------------------------ figures

_QUALIFIER_WORDS = {
    "over": ("over", "more than", "above", "exceeding", "upwards of", "in excess of", "north of",
             "greater than", "higher than", "beyond", "plus", "over and above"),
    "at least": ("at least", "no less than", "not less than", "no fewer than", "a minimum of",
                 "minimum"),
    "about": ("about", "around", "roughly", "approximately", "approx", "approx.", "some",
              "an estimated", "estimated", "circa", "near", "nearly about", "close to about"),
    "nearly": ("nearly", "almost", "close to", "just shy of", "just under", "near to"),
    "up to": ("up to", "as many as", "as much as", "at most", "no more than", "a maximum of",
              "maximum"),
    "under": ("under", "less than", "fewer than", "below", "lower than"),
}
_QUALIFIER_INDEX = {w: q for q, words in _QUALIFIER_WORDS.items() for w in words}


def normalise_qualifier(q: Any) -> str | None:
    """'around' -> 'about', 'more than' -> 'over', 'fewer than' -> 'under'; None if none."""
    if q is None:
        return None
    t = re.sub(r"\s+", " ", str(q).strip().lower())
    t = re.sub(r"^(?:well|just|slightly|far|much|comfortably) (?=over|above|under|below|more|less)", "", t)
    return _QUALIFIER_INDEX.get(t, _QUALIFIER_INDEX.get(t.rstrip("."), None))


def figure_range(value: float, qualifier: Any = None) -> tuple[float, float]:
    """The figures a value with its qualifier allows (see the module doc)."""
    q = normalise_qualifier(qualifier)
    v, mag = float(value), abs(float(value))
    if q == "about":
        return v - ABOUT_TOLERANCE * mag, v + ABOUT_TOLERANCE * mag
    if q == "nearly":
        return v - NEARLY_SPAN * mag, v
    if q in ("over", "at least"):
        return v, math.inf
    if q in ("up to", "under"):
        return (-math.inf if v < 0 else 0.0), v
    return v - PLAIN_TOLERANCE * mag, v + PLAIN_TOLERANCE * mag


def figures_agree(a: float, qa: Any, b: float, qb: Any) -> bool:
    """Both figures can be the same quantity given what their qualifiers allow."""
    ra, rb = figure_range(a, qa), figure_range(b, qb)
    return ra[0] <= rb[1] and rb[0] <= ra[1]
