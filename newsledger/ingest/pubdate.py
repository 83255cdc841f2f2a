"""Publication dates as written in manifests, page metadata and feeds -> YYYY-MM-DD.

A tiny local parser (ISO 8601 and RFC 822 style), kept apart from the project's
general date module on purpose.  The date is taken as written: "2024-12-10T23:30-05:00"
is 2024-12-10, not converted to UTC.
"""
from __future__ import annotations

import datetime as _dt
import re
import time

_MONTH_NAMES = ("january february march april may june july august september october "
                "november december").split()
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_]|[+-]\d|Z)", re.I)
_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\b")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4}|\d{2})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def _make(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _month(name: str) -> int | None:
    """1-12 for "Dec", "December", "Sept"; None otherwise."""
    return _MONTHS.get(name.casefold())


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD for a date/datetime/struct_time or a date string, else None."""
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        return _make(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    for pat in (_ISO, _SLASH, _COMPACT):
        m = pat.match(s)
        if m:
            return _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DAY_MONTH_YEAR.search(s)                    # RFC 822: "Tue, 10 Dec 2024 17:02 GMT"
    if m and _month(m.group(2)):
        year = int(m.group(3))
        if year < 100:
            year += 2000 if year < 70 else 1900
        return _make(year, _month(m.group(2)), int(m.group(1)))
    m = _MONTH_DAY_YEAR.search(s)                    # "December 10, 2024"
    if m and _month(m.group(1)):
        return _make(int(m.group(3)), _month(m.group(1)), int(m.group(2)))
    return None


# 01/03/2024, 1.3.2024, 01-03-24: the first two numbers could be day-month or month-day.
_NUMERIC_DAY_MONTH = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\s*$")
_ISO_SHAPE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")


def published_problem(value: str) -> str | None:
    """Why a publication date given by the user cannot be used; None if it can.

    Day/month forms are refused rather than guessed: 01/03/2024 is 1 March in Paris and
    3 January in New York, and a wrong guess would silently shift every relative date.
    """
    numeric = _NUMERIC_DAY_MONTH.match(value)
    if numeric:
        ambiguous = int(numeric[1]) <= 12 and int(numeric[2]) <= 12
        why = "is ambiguous (day/month or month/day?)" if ambiguous else \
            "gives day and month as numbers, which reads differently by country"
        return f"published date {value!r} {why}: write it as YYYY-MM-DD"
    if normalise_date(value) is not None:
        return None
    if _ISO_SHAPE.match(value):
        return f"published date {value!r} is not a real date: write it as YYYY-MM-DD"
    return f"published date {value!r} not understood: write it as YYYY-MM-DD"
