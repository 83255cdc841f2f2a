"""Date expressions: finding them in text and resolving them against the publication date."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsledger.dates import (TimeMatch, as_fiscal_year, find_times, fiscal_year_end, parse_offset,
                              parse_published, resolve, shift)
from newsledger.models import TimeSpan

# The value forms FORMAT.md allows.
FORMAT_RE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-Q[1-4]|-H[12])?")

THU = "2026-01-22"      # Thursday, the guidelines' example anchor
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def only(text: str, published=THU) -> TimeMatch:
    """The single match in `text`, which must cover the whole of it."""
    matches = find_times(text, published)
    assert len(matches) == 1, matches
    m = matches[0]
    assert (m.start, m.end) == (0, len(text)), m
    return m


def value(text: str, published=THU) -> tuple:
    m = only(text, published)
    return m.span.start, m.span.end, m.span.approx, m.role


def assert_format(span: TimeSpan) -> None:
    for v in (span.start, span.end):
        assert v is None or FORMAT_RE.fullmatch(v), v


# ---------------------------------------------------------------- the guidelines' own examples

@pytest.mark.parametrize("text, expected", [
    ("last year", ("2025", None, False, "point")),
    ("last July", ("2025-07", None, False, "point")),
    ("on Wednesday", ("2026-01-21", None, False, "point")),
    ("exactly two years ago", ("2024-01", None, False, "point")),
    ("late last year", ("2025-Q4", None, True, "point")),
    ("early 2024", ("2024-H1", None, True, "point")),
    ("by July", ("2026-07", None, False, "by")),
    ("in 2023", ("2023", None, False, "point")),
])
def test_guideline_examples(text, expected):
    assert value(text) == expected


def test_seed_sentences():
    text = ("Renault Group will shut down its Ampere unit on the first day of July, two sources "
            "told Reuters on Wednesday. The report comes a month after the French Group dismantled "
            "Mobilize. François Provost, Renault's CEO since last July, unveiled the plan. "
            "Revenue of over €10 billion by 2025, breakeven in 2026, and a margin of at least 10% "
            "from 2030 onward. Renault sold over 2.3 million vehicles worldwide last year – a 3.2% "
            "increase compared to 2024. Hybrids were a quarter of its overall 2025 deliveries, "
            "with 194,000 battery-electric vehicles.")
    got = [(m.text, m.role, m.span.start, m.span.end) for m in find_times(text, THU)]
    assert got == [
        ("on the first day of July", "point", "2026-07-01", None),
        ("on Wednesday", "point", "2026-01-21", None),
        ("a month after", "duration", None, None),
        ("since last July", "since", "2025-07", None),
        ("by 2025", "by", "2025", None),
        ("in 2026", "point", "2026", None),
        ("from 2030 onward", "from", "2030", None),
        ("last year", "point", "2025", None),
        ("2024", "point", "2024", None),
        ("2025", "point", "2025", None),
    ]


# ---------------------------------------------------------------- absolute dates

@pytest.mark.parametrize("text, expected", [
    ("2023", "2023"),
    ("in 1999", "1999"),
    ("November 2023", "2023-11"),
    ("back in November 2023", "2023-11"),
    ("July of 2025", "2025-07"),
    ("Nov. 2023", "2023-11"),
    ("July 31, 2025", "2025-07-31"),
    ("July 31 2025", "2025-07-31"),
    ("Feb. 6, 2025", "2025-02-06"),
    ("Feb 6, 2025", "2025-02-06"),
    ("Sept. 3, 2024", "2024-09-03"),
    ("31 July 2025", "2025-07-31"),
    ("the 1st of July, 2025", "2025-07-01"),
    ("January 22nd, 2026", "2026-01-22"),
    ("Wednesday, January 21, 2026", "2026-01-21"),
    ("2026-01-22", "2026-01-22"),
    ("2026/01/22", "2026-01-22"),
    ("February 29, 2024", "2024-02-29"),
    ("the first day of July 2027", "2027-07-01"),
    ("the last day of February 2024", "2024-02-29"),
    ("the third quarter of 2025", "2025-Q3"),
    ("third-quarter 2025", "2025-Q3"),
    ("the fourth quarter of fiscal 2025", "2025-Q4"),
    ("Q3 2025", "2025-Q3"),
    ("Q3-2025", "2025-Q3"),
    ("H1-2024", "2024-H1"),
    ("Q3'25", "2025-Q3"),
    ("3Q25", "2025-Q3"),
    ("3Q 2025", "2025-Q3"),
    ("2025-Q3", "2025-Q3"),
    ("2025 Q3", "2025-Q3"),
    ("the first half of 2024", "2024-H1"),
    ("first-half 2024", "2024-H1"),
    ("H1 2024", "2024-H1"),
    ("H2'24", "2024-H2"),
    ("1H24", "2024-H1"),
    ("2024-H2", "2024-H2"),
])
def test_absolute(text, expected):
    m = only(text, None)          # absolute dates need no anchor
    assert (m.span.start, m.span.end, m.span.approx, m.span.resolved) == (expected, None, False, True)
    assert m.role == "point"


def test_iso_datetime_inside_junk():
    (m,) = find_times("2025-04-20 07:322818 view", None)
    assert (m.text, m.span.start) == ("2025-04-20", "2025-04-20")


@pytest.mark.parametrize("text", [
    "It sold 2023 vehicles.", "He paid $2023.", "It costs €2023.", "some 2,300 staff",
    "194,000 battery-electric vehicles", "at 07:32 GMT", "the Q5 results", "the Audi Q3",
    "an 18-month low", "a 3.2% increase", "year-on-year growth", "a 2023% rise", "the 1990s",
    "No. 2023", "2023.5 points", "Renault 5 E-Tech", "Theresa May said", "Black Friday sales",
    "It may rise in value", "H2 production", "2.3 million cars a year", "20 per cent",
    "the 2023 employees", "a four-year term", "his 57-year-old successor", "ID.3 and ID.4",
    "at 10:00 on", "call 555-2023", "the 2025-26 ratio of 3.5", "version 2.2025",
])
def test_not_dates(text):
    found = [m.text for m in find_times(text, THU)]
    if text == "the 2025-26 ratio of 3.5":
        assert found == ["2025-26"]     # a season-style year range, the rest is not a date
    else:
        assert found == []


def test_invalid_day_falls_back_to_the_year():
    (m,) = find_times("February 30, 2025 was a typo", THU)
    assert (m.text, m.span.start) == ("2025", "2025")


def test_year_that_modifies_a_noun_is_a_year():
    # "2025 deliveries" are deliveries made in 2025; "2023 vehicles" is a count.
    (m,) = find_times("its overall 2025 deliveries", THU)
    assert m.span.start == "2025"
    assert find_times("2023 vehicles", THU) == []


# ---------------------------------------------------------------- year-less days and months

@pytest.mark.parametrize("text, published, expected", [
    ("July 31", "2026-01-22", "2025-07-31"),        # 175 days back beats 190 ahead
    ("on July 31", "2025-07-30", "2025-07-31"),
    ("31 July", "2025-12-01", "2025-07-31"),
    ("on 1 July", "2026-01-22", "2026-07-01"),       # 160 days ahead beats 205 back
    ("Feb. 6", "2025-02-06", "2025-02-06"),
    ("Dec. 30", "2026-01-02", "2025-12-30"),         # across the year boundary
    ("Jan. 3", "2025-12-30", "2026-01-03"),
    ("February 29", "2026-01-22", "2024-02-29"),     # nearest leap day
    ("February 29", "2027-12-01", "2028-02-29"),
    ("Wednesday, July 30", "2026-01-22", "2025-07-30"),   # the weekday picks the year
])
def test_month_day_nearest(text, published, expected):
    assert only(text, published).span.start == expected


@pytest.mark.parametrize("text, published, expected", [
    ("since July 31", "2026-01-22", "2025-07-31"),
    ("by July 31", "2026-01-22", "2026-07-31"),
    ("until March 1", "2026-03-02", "2027-03-01"),
    ("effective from July 31", "2025-07-30", "2025-07-31"),
])
def test_month_day_follows_the_role(text, published, expected):
    m = only(text, published)
    assert (m.span.start or m.span.end) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("on the first day of July", "2026-01-22", "2026-07-01"),
    ("on the first day of July", "2026-07-01", "2026-07-01"),
    ("on the first day of July", "2026-07-02", "2027-07-01"),
    ("the last day of February", "2027-12-31", "2028-02-29"),
    ("since the first day of July", "2026-01-22", "2025-07-01"),
])
def test_first_day_of_month_is_a_schedule(text, published, expected):
    assert only(text, published).span.start == expected


@pytest.mark.parametrize("text, published, expected, approx", [
    ("in September", "2026-01-22", "2025-09", False),
    ("In early September", "2026-01-22", "2025-09", True),
    ("in mid-February", "2025-02-06", "2025-02", True),
    ("in January", "2026-01-22", "2026-01", False),       # the anchor's own month
    ("in December", "2025-12-31", "2025-12", False),
    ("in December", "2026-01-01", "2025-12", False),
    ("in the middle of July", "2025-07-30", "2025-07", True),
    ("at the end of March", "2026-01-22", "2025-03", True),
    ("last December", "2025-02-06", "2024-12", False),
    ("last July", "2026-09-15", "2026-07", False),
    ("last January", "2026-01-22", "2025-01", False),    # strictly before the anchor's month
    ("last December", "2026-12-05", "2025-12", False),
    ("next July", "2026-01-22", "2026-07", False),
    ("next January", "2026-01-22", "2027-01", False),
    ("this July", "2026-01-22", "2026-07", False),
    ("coming March", "2026-01-22", "2026-03", False),
    ("by July", "2026-01-22", "2026-07", False),
    ("by January", "2026-01-22", "2026-01", False),
    ("by mid-February", "2025-02-05", "2025-02", True),
])
def test_bare_months(text, published, expected, approx):
    m = only(text, published)
    assert ((m.span.start or m.span.end), m.span.approx) == (expected, approx)


def test_until_month_sets_the_end():
    assert value("until July") == (None, "2026-07", False, "until")


def test_month_range_without_year():
    assert value("from November to February") == ("2025-11", "2026-02", False, "range")


# ---------------------------------------------------------------- modifiers on years

@pytest.mark.parametrize("text, expected", [
    ("early 2024", "2024-H1"),
    ("in early 2024", "2024-H1"),
    ("late 2024", "2024-Q4"),
    ("mid-2024", "2024-06"),
    ("mid 2024", "2024-06"),
    ("the start of 2025", "2025-01"),
    ("the beginning of 2025", "2025-01"),
    ("at the end of 2026", "2026-12"),
    ("end-2025", "2025-12"),
    ("year-end 2025", "2025-12"),
    ("later in 2025", "2025"),
    ("summer 2026", "2026-Q3"),
    ("FY25", "2025"),
    ("fiscal 2024", "2024"),
    ("FY2023", "2023"),
    ("around 2020", "2020"),
    ("circa 1999", "1999"),
])
def test_vague_years_are_approx(text, expected):
    m = only(text, None)
    assert (m.span.start, m.span.approx) == (expected, True)


def test_as_early_as_is_not_early():
    assert value("as early as 2025") == ("2025", None, False, "point")


@pytest.mark.parametrize("text, published, expected", [
    ("late last year", "2026-01-22", "2025-Q4"),
    ("early last year", "2026-01-22", "2025-H1"),
    ("early next year", "2026-01-22", "2027-H1"),
    ("late this year", "2026-01-22", "2026-Q4"),
    ("earlier this year", "2026-01-22", "2026-H1"),     # (a story of the first half: that half)
    ("earlier this year", "2026-10-02", "2026"),
    ("later this year", "2026-06-30", "2026"),
    ("later this year", "2026-10-02", "2026-H2"),
    ("earlier this month", "2026-01-22", "2026-01"),
    ("by the end of the year", "2026-01-22", "2026-12"),
    ("at the end of last year", "2026-01-22", "2025-12"),
    ("by year-end", "2025-11-03", "2025-12"),
    ("later in the year", "2025-03-01", "2025"),
    ("last summer", "2026-01-22", "2025-Q3"),       # seasons are quarters, roughly
    ("next summer", "2025-07-01", "2026-Q3"),
])
def test_vague_relative_periods(text, published, expected):
    m = only(text, published)
    assert (m.span.start, m.span.approx) == (expected, True)


# ---------------------------------------------------------------- relative periods

@pytest.mark.parametrize("text, published, expected", [
    ("last year", "2026-01-22", "2025"),
    ("Last year", "2026-12-31", "2025"),
    ("this year", "2026-01-22", "2026"),
    ("next year", "2026-01-22", "2027"),
    ("last month", "2026-01-22", "2025-12"),
    ("last month", "2024-03-31", "2024-02"),
    ("this month", "2026-01-22", "2026-01"),
    ("next month", "2025-12-15", "2026-01"),
    ("last quarter", "2026-01-22", "2025-Q4"),
    ("this quarter", "2026-05-01", "2026-Q2"),
    ("the fourth quarter of last year", "2026-01-22", "2025-Q4"),
    ("the second half of next year", "2026-01-22", "2027-H2"),
    ("the first half of this year", "2026-01-22", "2026-H1"),
    ("the fourth quarter", "2026-01-22", "2025-Q4"),      # latest quarter already begun
    ("the first quarter", "2026-01-22", "2026-Q1"),
    ("in Q3", "2026-01-22", "2025-Q3"),
    ("first-half", "2026-01-22", "2026-H1"),
    ("the second half", "2025-07-30", "2025-H2"),
    ("by the fourth quarter", "2026-01-22", "2026-Q4"),
    ("yesterday", "2026-01-22", "2026-01-21"),
    ("yesterday", "2024-03-01", "2024-02-29"),
    ("today", "2026-01-22", "2026-01-22"),
    ("tomorrow", "2025-12-31", "2026-01-01"),
])
def test_relative_periods(text, published, expected):
    m = only(text, published)
    assert (m.span.start, m.span.approx, m.span.resolved) == (expected, False, True)


@pytest.mark.parametrize("text, published, expected", [
    ("this week", "2026-01-22", "2026-01-19"),
    ("earlier this week", "2026-01-23", "2026-01-19"),
    ("earlier this week", "2026-01-19", "2026-01-19"),    # Monday anchor: its own week
    ("last week", "2026-01-22", "2026-01-12"),
    ("last week", "2026-01-01", "2025-12-22"),
    ("next week", "2025-12-31", "2026-01-05"),
])
def test_weeks_are_their_monday_approx(text, published, expected):
    m = only(text, published)
    assert (m.span.start, m.span.approx) == (expected, True)


# ---------------------------------------------------------------- weekdays

@pytest.mark.parametrize("text, published, expected", [
    ("on Wednesday", "2026-01-22", "2026-01-21"),     # Thursday anchor
    ("on Thursday", "2026-01-22", "2026-01-22"),      # the anchor's own day counts
    ("on Friday", "2026-01-22", "2026-01-16"),
    ("Tuesday", "2024-12-10", "2024-12-10"),
    ("on Sunday", "2026-01-01", "2025-12-28"),        # across the year boundary
    ("on Wednesday", "2024-03-01", "2024-02-28"),     # leap-year February
    ("last Wednesday", "2026-01-21", "2026-01-14"),   # strictly before
    ("next Wednesday", "2026-01-21", "2026-01-28"),   # strictly after
    ("by Friday", "2026-01-22", "2026-01-23"),
    ("until Monday", "2026-01-22", "2026-01-26"),
])
def test_weekdays(text, published, expected):
    m = only(text, published)
    assert ((m.span.start or m.span.end), m.span.approx) == (expected, False)


def test_weekday_before_a_holiday_name_is_not_a_date():
    assert find_times("Black Friday and Cyber Monday sales", THU) == []


# ---------------------------------------------------------------- N units ago

@pytest.mark.parametrize("text, published, expected, approx", [
    ("exactly two years ago", "2026-01-22", "2024-01", False),
    ("two years ago", "2026-01-22", "2024-01", True),
    ("a year ago", "2024-02-29", "2023-02", True),
    ("three months ago", "2026-01-22", "2025-10", True),
    ("18 months ago", "2026-01-22", "2024-07", True),
    ("a decade ago", "2026-01-22", "2016", True),
    ("two weeks ago", "2026-01-22", "2026-01-08", True),
    ("10 days ago", "2026-01-05", "2025-12-26", False),
    ("about 10 days ago", "2026-01-05", "2025-12-26", True),
    ("twenty-five years ago", "2026-01-22", "2001-01", True),
    ("five years from now", "2026-01-22", "2031-01", True),
    ("in two years' time", "2026-01-22", "2028-01", True),
])
def test_ago(text, published, expected, approx):
    m = only(text, published)
    assert (m.span.start, m.span.approx) == (expected, approx)


# ---------------------------------------------------------------- roles and ranges

@pytest.mark.parametrize("text, expected", [
    ("since last July", ("2025-07", None, False, "since")),
    ("ever since 2001", ("2001", None, False, "since")),
    ("from 2005 to 2008", ("2005", "2008", False, "range")),
    ("between 2005 and 2008", ("2005", "2008", False, "range")),
    ("2005-2008", ("2005", "2008", False, "range")),
    ("2005–08", ("2005", "2008", False, "range")),
    ("2005 to 2008", ("2005", "2008", False, "range")),
    ("2024/25", ("2024", "2025", False, "range")),
    ("from July 2025 to March 2026", ("2025-07", "2026-03", False, "range")),
    ("from July to September 2025", ("2025-07", "2025-09", False, "range")),
    ("July–September 2025", ("2025-07", "2025-09", False, "range")),
    ("December to February 2025", ("2024-12", "2025-02", False, "range")),
    ("from March 2025 through next month", ("2025-03", "2026-02", False, "range")),
    ("from 2030 onward", ("2030", None, False, "from")),
    ("from 2030 onwards", ("2030", None, False, "from")),
    ("2030 and beyond", ("2030", None, False, "from")),
    ("from 2030", ("2030", None, False, "from")),
    ("starting in 2026", ("2026", None, False, "from")),
    ("as of July 31, 2025", ("2025-07-31", None, False, "from")),
    ("effective from July 31", ("2025-07-31", None, False, "from")),
    ("after 2025", ("2025", None, False, "from")),
    ("by 2025", ("2025", None, False, "by")),
    ("by the end of 2026", ("2026-12", None, True, "by")),
    ("no later than March 2027", ("2027-03", None, False, "by")),
    ("until 2027", (None, "2027", False, "until")),
    ("through 2027", (None, "2027", False, "until")),
    ("before 2025", (None, "2025", False, "until")),
    ("during the first half of 2024", ("2024-H1", None, False, "point")),
    ("in 2023", ("2023", None, False, "point")),
    ("on Wednesday", ("2026-01-21", None, False, "point")),
    ("around July 2025", ("2025-07", None, True, "point")),
    ("roughly 2020", ("2020", None, True, "point")),
])
def test_roles(text, expected):
    assert value(text) == expected


def test_and_makes_a_range_only_after_between():
    got = [(m.text, m.role) for m in find_times("in 2024 and 2025", THU)]
    assert got == [("in 2024", "point"), ("2025", "point")]


def test_lone_between_is_left_out():
    (m,) = find_times("between 2024", THU)
    assert m.text == "2024"


# ---------------------------------------------------------------- durations and offsets

@pytest.mark.parametrize("text", [
    "a month after", "a month later", "a month before", "two years after", "a year earlier",
    "the previous year", "the following year", "the year before", "the past eight years",
    "over the past eight years", "for five years", "in just two months", "within three years",
    "the past 23 years", "over the last year", "in recent years", "the coming months",
    "just two weeks after", "a day before", "for a year", "in the first two years",
])
def test_durations_are_unresolved(text):
    m = only(text)
    assert m.role == "duration"
    assert (m.span.start, m.span.end, m.span.resolved, m.span.text) == (None, None, False, text)
    assert resolve(text, THU) == m.span


def test_rate_is_not_a_duration():
    assert find_times("2.3 million cars a year", THU) == []


@pytest.mark.parametrize("text, expected", [
    ("a month after", (1, 0, 1)),
    ("a month later", (1, 0, 1)),
    ("a month before", (1, 0, -1)),
    ("two years after", (24, 0, 1)),
    ("a year earlier", (12, 0, -1)),
    ("three weeks earlier", (0, 21, -1)),
    ("10 days later", (0, 10, 1)),
    ("the previous year", (12, 0, -1)),
    ("the following month", (1, 0, 1)),
    ("the year before", (12, 0, -1)),
    ("the past eight years", (96, 0, -1)),
    ("for five years", (60, 0, 0)),
    ("two quarters later", (6, 0, 1)),
    ("a decade ago", (120, 0, -1)),
    ("a few months later", None),
    ("several years", None),
    ("nothing here", None),
])
def test_parse_offset(text, expected):
    assert parse_offset(text) == expected


@pytest.mark.parametrize("start, months, days, expected, approx", [
    ("2025-12", 1, 0, "2026-01", False),
    ("2025-07", -1, 0, "2025-06", False),
    ("2025", 12, 0, "2026", False),
    ("2025-Q3", 3, 0, "2025-Q4", False),
    ("2025-Q4", 3, 0, "2026-Q1", False),
    ("2024-H2", 6, 0, "2025-H1", False),
    ("2025-07-31", 1, 0, "2025-08-31", False),
    ("2024-01-31", 1, 0, "2024-02-29", False),   # clamped to the month's end
    ("2024-02-29", 12, 0, "2025-02-28", False),
    ("2025-12-31", 0, 1, "2026-01-01", False),
    ("2025-07", 0, 7, "2025-07", True),          # a week after July: still July, roughly
    ("2025-07", 0, 30, "2025-08", True),
    ("2025-Q3", 1, 0, "2025-Q3", True),
    ("2023", 1, 0, "2023", True),
])
def test_shift(start, months, days, expected, approx):
    got = shift(TimeSpan(start), months=months, days=days)
    assert (got.start, got.approx) == (expected, approx)


def test_shift_moves_both_ends_and_leaves_unresolved_alone():
    assert shift(TimeSpan("2005", "2008"), months=12) == TimeSpan("2006", "2009")
    loose = TimeSpan(text="last July", resolved=False)
    assert shift(loose, months=1) == loose


def test_offset_before_a_date_is_applied():
    assert value("a month after July 2025") == ("2025-08", None, True, "point")
    assert value("two weeks after March 3, 2025") == ("2025-03-17", None, False, "point")
    assert value("the day before yesterday") == ("2026-01-20", None, False, "point")


# ---------------------------------------------------------------- no publication date

@pytest.mark.parametrize("text", [
    "last year", "last July", "on Wednesday", "exactly two years ago", "late last year",
    "by July", "since last July", "July 31", "yesterday", "earlier this week", "in Q3",
    "the fourth quarter", "on the first day of July", "next month",
])
def test_relative_without_anchor_is_unresolved(text):
    m = only(text, None)
    assert (m.span.start, m.span.end, m.span.resolved, m.span.text) == (None, None, False, text)
    assert m.span.to_json()["unresolved"] == text


def test_absolute_part_of_a_mixed_range_survives_without_anchor():
    m = only("from 2020 to next year", None)
    assert (m.span.start, m.span.end, m.span.resolved, m.role) == ("2020", None, False, "range")


def test_unreadable_publication_is_no_anchor():
    assert only("last year", "sometime").span.resolved is False


# ---------------------------------------------------------------- publication dates

@pytest.mark.parametrize("raw, expected", [
    ("2026-01-22", dt.date(2026, 1, 22)),
    ("2026-01-22T10:00:00Z", dt.date(2026, 1, 22)),
    ("2026-01-22T23:30:00-05:00", dt.date(2026, 1, 22)),   # the date as the publisher wrote it
    ("2026/01/22", dt.date(2026, 1, 22)),
    ("20260122", dt.date(2026, 1, 22)),
    ("January 22, 2026", dt.date(2026, 1, 22)),
    ("22 January 2026", dt.date(2026, 1, 22)),
    ("Jan. 22, 2026", dt.date(2026, 1, 22)),
    ("Thu, 22 Jan 2026 10:00:00 GMT", dt.date(2026, 1, 22)),
    ("Wed, 31 Dec 2025 23:59:59 +0100", dt.date(2025, 12, 31)),
    ("Thursday, January 22, 2026 10:00 AM", dt.date(2026, 1, 22)),
    (dt.date(2026, 1, 22), dt.date(2026, 1, 22)),
    (dt.datetime(2026, 1, 22, 10, 0), dt.date(2026, 1, 22)),
    ("January 2026", None),
    ("2026-02-30", None),
    ("garbage", None),
    ("", None),
    (None, None),
])
def test_parse_published(raw, expected):
    assert parse_published(raw) == expected


def test_date_object_as_anchor():
    assert resolve("last July", dt.date(2026, 1, 22)) == resolve("last July", THU)


# ---------------------------------------------------------------- resolve()

def test_resolve():
    assert resolve("last July", THU) == TimeSpan("2025-07", None, False, "last July", True)
    assert resolve("by the end of 2026", THU).start == "2026-12"
    assert resolve("until 2027", THU) == TimeSpan(None, "2027", False, "until 2027", True)
    assert resolve("nothing to see", THU) is None
    assert resolve("", THU) is None
    assert resolve("at the time", THU) is None


# ---------------------------------------------------------------- matching in running text

def test_offsets_and_longest_first():
    text = "Sales fell late last year, then rose from July 2025 to March 2026 and in Q3 2026."
    matches = find_times(text, THU)
    assert [m.text for m in matches] == ["late last year", "from July 2025 to March 2026",
                                         "in Q3 2026"]
    for m in matches:
        assert text[m.start:m.end] == m.text


def test_paragraph_with_many_forms():
    text = ("Nissan's president on Thursday told Honda that the talks, which began last "
            "December, would end. The firms plan an announcement in mid-February and aimed "
            "to set up a holding company in summer 2026. Provost joined in 2002 and was CEO "
            "of Renault-Nissan Portugal from 2005 to 2008. In 2010 he moved for five years.")
    got = [(m.text, m.role, m.span.start, m.span.end, m.span.approx)
           for m in find_times(text, "2025-02-06")]
    assert got == [
        ("on Thursday", "point", "2025-02-06", None, False),
        ("last December", "point", "2024-12", None, False),
        ("in mid-February", "point", "2025-02", None, True),
        ("in summer 2026", "point", "2026-Q3", None, True),
        ("in 2002", "point", "2002", None, False),
        ("from 2005 to 2008", "range", "2005", "2008", False),
        ("In 2010", "point", "2010", None, False),
        ("for five years", "duration", None, None, False),
    ]


# ================================================================ properties

anchors = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 12, 31))
years = st.integers(min_value=1900, max_value=2100)
month_idx = st.integers(min_value=0, max_value=11)


def one_span(text: str, anchor: dt.date) -> TimeSpan:
    m = only(text, anchor.isoformat())
    assert_format(m.span)
    assert m.span.resolved
    return m.span


@given(anchors, st.sampled_from(WEEKDAYS))
def test_prop_on_weekday(anchor, day):
    d = dt.date.fromisoformat(one_span(f"on {day}", anchor).start)
    assert 0 <= (anchor - d).days <= 6
    assert d.weekday() == WEEKDAYS.index(day)


@given(anchors, month_idx)
def test_prop_last_month_name(anchor, i):
    start = one_span(f"last {MONTHS[i]}", anchor).start
    y, mo = map(int, start.split("-"))
    assert mo == i + 1
    months_back = (anchor.year - y) * 12 + anchor.month - mo
    assert 1 <= months_back <= 12


@given(anchors, month_idx)
def test_prop_bare_month_is_latest_past(anchor, i):
    start = one_span(f"in {MONTHS[i]}", anchor).start
    y, mo = map(int, start.split("-"))
    months_back = (anchor.year - y) * 12 + anchor.month - mo
    assert mo == i + 1 and 0 <= months_back <= 11


@given(anchors, month_idx)
def test_prop_by_month_is_next(anchor, i):
    start = one_span(f"by {MONTHS[i]}", anchor).start
    y, mo = map(int, start.split("-"))
    months_ahead = (y - anchor.year) * 12 + mo - anchor.month
    assert mo == i + 1 and 0 <= months_ahead <= 11


@given(anchors, st.integers(min_value=1, max_value=10), st.booleans())
def test_prop_years_ago(anchor, n, words):
    count = NUMBER_WORDS[n - 1] if words else str(n)
    span = one_span(f"{count} years ago", anchor)
    assert span.start == f"{anchor.year - n:04d}-{anchor.month:02d}"
    assert span.approx


@given(anchors, month_idx, years)
def test_prop_month_year(anchor, i, year):
    assert one_span(f"{MONTHS[i]} {year}", anchor).start == f"{year}-{i + 1:02d}"


@given(anchors, years)
def test_prop_in_year(anchor, year):
    span = one_span(f"in {year}", anchor)
    assert (span.start, span.approx) == (str(year), False)


@given(anchors, st.integers(min_value=1, max_value=4), years)
def test_prop_quarter(anchor, q, year):
    assert one_span(f"Q{q} {year}", anchor).start == f"{year}-Q{q}"


@given(anchors, years, st.sampled_from(["early", "late"]))
def test_prop_early_late_year(anchor, year, mod):
    span = one_span(f"{mod} {year}", anchor)
    assert span.start == (f"{year}-H1" if mod == "early" else f"{year}-Q4")
    assert span.approx


@given(anchors, st.integers(min_value=1, max_value=31), month_idx)
def test_prop_year_less_day_within_half_a_year(anchor, day, i):
    assume(day <= [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][i])
    d = dt.date.fromisoformat(one_span(f"{MONTHS[i]} {day}", anchor).start)
    assert (d.month, d.day) == (i + 1, day)
    assert abs((d - anchor).days) <= (366 if (i, day) != (1, 29) else 4 * 366)


RELATIVE = ["last year", "last July", "on Wednesday", "two years ago", "late last year",
            "by July", "since last July", "July 31", "yesterday", "this week", "next month",
            "in Q3", "earlier this year", "the fourth quarter", "last summer", "31 July"]


@given(st.sampled_from(RELATIVE))
def test_prop_relative_needs_anchor(expr):
    span = only(expr, None).span
    assert span.resolved is False and span.start is None and span.end is None


@given(anchors, st.sampled_from(RELATIVE))
def test_prop_relative_resolves_with_anchor(anchor, expr):
    span = one_span(expr, anchor)
    assert span.start or span.end


# Building blocks for generated sentences: real expressions mixed with filler and numbers.
expressions = st.one_of(
    st.sampled_from(RELATIVE + ["in 2023", "from 2005 to 2008", "a month after", "Q3 2025",
                                "by the end of 2026", "for five years", "mid-February",
                                "2,300", "194,000 units", "07:32", "$2023", "2023 vehicles"]),
    st.builds(lambda i, y: f"{MONTHS[i]} {y}", month_idx, years),
    st.builds(lambda d: f"on {d}", st.sampled_from(WEEKDAYS)),
)
fillers = st.sampled_from(["the company said", "and", ",", "Renault", "sales rose 5%", "",
                           "(Reuters)", "—", "then", "in", "by", "from", "to"])
sentences = st.lists(st.one_of(expressions, fillers), max_size=12).map(" ".join)


def check_matches(text: str, matches: list[TimeMatch]) -> None:
    previous_end = -1
    for m in matches:
        assert text[m.start:m.end] == m.text
        assert m.start >= previous_end            # in order, no overlap
        previous_end = m.end
        assert m.role in ("point", "since", "until", "by", "from", "range", "duration")
        assert_format(m.span)
        if m.role == "duration":
            assert not m.span.resolved


@settings(max_examples=300)
@given(sentences, st.one_of(st.none(), anchors))
def test_prop_generated_sentences(text, anchor):
    check_matches(text, find_times(text, anchor))


@settings(max_examples=300)
@given(st.text(), st.one_of(st.none(), anchors, st.text(max_size=30)))
def test_prop_never_raises_on_arbitrary_text(text, published):
    check_matches(text, find_times(text, published))
    resolve(text, published)
    parse_offset(text)
    parse_published(published)


@given(st.text(alphabet="0123456789-/:., QHqhJulyMarchFeb'’–", max_size=40), anchors)
def test_prop_never_raises_on_date_like_noise(text, anchor):
    check_matches(text, find_times(text, anchor))


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_prop_calendar_edges_do_not_raise(anchor):
    text = "yesterday, tomorrow, next week, 99 years ago, 999 days from now, next year, last July"
    check_matches(text, find_times(text, anchor))


@pytest.mark.parametrize("text, expected", [
    ("Orvell, founded in Bergen in 1871, makes rope.", "1871"),
    ("The brewer has stood on the site since 1799.", "1799"),
])
def test_older_years_after_in_or_since(text, expected):
    (m,) = find_times(text, THU)
    assert m.span.start == expected


@pytest.mark.parametrize("text", ["It sold 1850 vans.", "a rise in 1850 employees", "page 1871"])
def test_older_numbers_are_not_years(text):
    assert find_times(text, THU) == []


@pytest.mark.parametrize("text, expected", [
    ("agreed to buy it in March of last year", "2025-03"),
    ("in July of this year", "2026-07"),
    ("by March of next year", "2027-03"),
])
def test_month_of_a_relative_year(text, expected):
    (m,) = find_times(text, THU)
    assert m.span.start == expected


@pytest.mark.parametrize("text, published, expected", [
    ("the nine months to September", "2025-10-22", ("2025-01", "2025-09")),
    ("the year to March 31", "2025-06-10", ("2024-04", "2025-03")),
    ("the year ended March 31, 2024", THU, ("2023-04", "2024-03")),
    ("the fiscal year ended March 2024", THU, ("2023-04", "2024-03")),
    ("the financial year to June 30, 2025", THU, ("2024-07", "2025-06")),
    ("the five years to March 2030", "2025-06-10", ("2025-04", "2030-03")),
    ("the six months ended 30 June 2025", THU, ("2025-01", "2025-06")),
    ("the quarter to June", "2025-08-01", ("2025-04", "2025-06")),
    ("the 12 months to the end of June", "2025-08-01", ("2024-07", "2025-06")),
    ("the month to May", THU, ("2025-05", None)),
    ("the first nine months of the year", "2025-10-22", ("2025-01", "2025-09")),
    ("the first nine months of 2024", THU, ("2024-01", "2024-09")),
    ("the first four months of last year", THU, ("2025-01", "2025-04")),
])
def test_a_period_ending_with_a_month(text, published, expected):
    m = only(text, published)
    assert (m.span.start, m.span.end) == expected
    assert m.role == ("range" if expected[1] else "point")
    assert_format(m.span)


def test_a_delay_to_a_month_is_not_a_period():
    """'delayed by six months to September' moves a date; it names no reporting period."""
    assert [m.role for m in find_times("The launch was delayed by six months to September.", THU)] == ["duration"]


@given(st.integers(1, 10), st.sampled_from(["year", "month", "quarter"]), st.integers(0, 11),
       st.integers(2000, 2090))
def test_a_period_to_a_month_ends_there_and_lasts_its_length(n, unit, month, year):
    text = f"the {n} {unit}s to {MONTHS[month]} {year}"
    m = only(text, THU)
    months = n * {"year": 12, "month": 1, "quarter": 3}[unit]
    end = m.span.end or m.span.start
    assert end == f"{year:04d}-{month + 1:02d}"
    y0, m0 = divmod(year * 12 + month - (months - 1), 12)
    assert m.span.start == f"{y0:04d}-{m0 + 1:02d}"


@pytest.mark.parametrize("text, expected", [
    ("for the July-to-September quarter", ("2025-07", "2025-09")),
    ("in the October-December quarter", ("2025-10", "2025-12")),
    ("the November to January period", ("2025-11", "2026-01")),
])
def test_a_month_range_naming_a_period(text, expected):
    (m,) = find_times(text, THU)
    assert (m.span.start, m.span.end) == expected


@pytest.mark.parametrize("texts, expected", [
    (["For the year to March 31, sales rose."], 3),
    (["It will spend more in the five years to March 2030."], 3),
    (["In the year ended June 30, 2025, profit fell."], 6),
    (["In the nine months to September, sales rose."], None),      # not whole years
    (["In the year to December 31, sales rose."], None),           # the calendar year
    (["For the year to March 31, sales rose.", "In the year to June 30 they fell."], None),
])
def test_a_financial_year_end_from_a_reporting_period(texts, expected):
    spans = [m.span for t in texts for m in find_times(t, "2025-06-10")]
    assert fiscal_year_end(spans) == expected


@pytest.mark.parametrize("text, end_month, expected", [
    ("Revenue for 2024-25 was higher", 3, ("2024-04", "2025-03")),
    ("by the 2029/30 financial year", 3, ("2029-04", "2030-03")),
    ("in 2024-2025", 6, ("2024-07", "2025-06")),
    ("from 2021 to 2023", 3, ("2021", "2023")),        # two years apart: a plain range
    ("in 2023", 3, ("2023", None)),
])
def test_a_split_year_read_as_a_financial_year(text, end_month, expected):
    (m,) = find_times(text, "2025-06-10")
    span = as_fiscal_year(m.span, end_month)
    assert (span.start, span.end) == expected
    assert_format(span)


def test_an_article_naming_its_financial_year_reads_split_years_by_it():
    from newsledger import nlp as N
    doc = N.parse("For the year to March 31, revenue at Brackwater Mills rose 4%. "
                  "It expects revenue of 3 billion pounds in 2027-28.", N.load(), "2025-06-10")
    values = [(s.text, s._.time.start, s._.time.end) for s in doc.spans["times"]]
    assert ("in 2027-28", "2027-04", "2028-03") in values
