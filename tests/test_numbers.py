"""Tests for newsledger.numbers: figures, their values, and stated changes.

All sample sentences are made up for these tests.
"""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings, strategies as st

from newsledger.numbers import Change, Quantity, find_changes, find_quantities, parse_number


def texts(sentence: str) -> list[str]:
    return [q.text for q in find_quantities(sentence)]


def only(sentence: str, text: str) -> Quantity:
    """The one quantity in sentence whose text is `text`."""
    found = [q for q in find_quantities(sentence) if q.text == text]
    assert len(found) == 1, (text, find_quantities(sentence))
    return found[0]


def close(a: float | None, b: float, rel: float = 1e-9) -> bool:
    return a is not None and abs(a - b) <= rel * max(1.0, abs(b))


# ---------------------------------------------------------------------------
# parse_number
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("s, expected", [
    ("11,000", 11_000),
    ("151,939", 151_939),
    ("2,300,000", 2_300_000),
    ("2.3", 2.3),
    ("0", 0),
    ("2.3 million", 2_300_000),
    ("1.5bn", 1.5e9),
    ("1.5 bn", 1.5e9),
    ("3 mln", 3e6),
    ("4.2 bln", 4.2e9),
    ("7 mn", 7e6),
    ("1.2 trillion", 1.2e12),
    ("2tn", 2e12),
    ("10m", 1e7),
    ("5k", 5e3),
    ("25 thousand", 25_000),
    ("500 crore", 5e9),
    ("3 lakh", 3e5),
    ("$2-billion", 2e9),
    ("three", 3),
    ("one", 1),
    ("twelve", 12),
    ("twenty-five", 25),
    ("ninety nine", 99),
    ("a hundred", 100),
    ("two hundred and fifty", 250),
    ("a dozen", 12),
    ("a million", 1e6),
    ("twenty-five thousand", 25_000),
    ("half a million", 500_000),
    ("€10 billion", 1e10),
    ("$27 billion", 27e9),
    ("USD 5m", 5e6),
    ("10 billion euros", 1e10),
    ("10%", 10),
    ("72 per cent", 72),
    ("minus 5", -5),
    ("over €10 billion", 1e10),
    ("a quarter", 0.25),
    ("half", 0.5),
    ("two-thirds", 2 / 3),
    ("a third", 1 / 3),
    ("twice", 2),
    ("five times", 5),
])
def test_parse_number(s, expected):
    assert close(parse_number(s), expected), (s, parse_number(s))


@pytest.mark.parametrize("s", ["", "hello", "a", "million", "1,5", "five apples", "€", "%"])
def test_parse_number_rejects_non_numbers(s):
    assert parse_number(s) is None


# ---------------------------------------------------------------------------
# find_quantities: money
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, text, value, unit", [
    ("The group will invest €10 billion in France.", "€10 billion", 1e10, "EUR"),
    ("It raised EUR 10 billion from banks.", "EUR 10 billion", 1e10, "EUR"),
    ("It raised EUR10bn from banks.", "EUR10bn", 1e10, "EUR"),
    ("The plan costs 10 billion euros over five years.", "10 billion euros", 1e10, "EUR"),
    ("The deal is worth $27 billion.", "$27 billion", 27e9, "USD"),
    ("The deal is worth US$27 billion.", "US$27 billion", 27e9, "USD"),
    ("A bond of USD 5m was placed.", "USD 5m", 5e6, "USD"),
    ("They paid 40 million dollars for it.", "40 million dollars", 4e7, "USD"),
    ("They paid 40 million US dollars for it.", "40 million US dollars", 4e7, "USD"),
    ("A C$3bn battery plant is planned.", "C$3bn", 3e9, "CAD"),
    ("It owes A$120 million.", "A$120 million", 1.2e8, "AUD"),
    ("A HK$2.5 billion listing is planned.", "HK$2.5 billion", 2.5e9, "HKD"),
    ("Losses reached £4.5bn last year.", "£4.5bn", 4.5e9, "GBP"),
    ("Losses reached 300 million pounds.", "300 million pounds", 3e8, "GBP"),
    ("Sales hit ¥1.2 trillion.", "¥1.2 trillion", 1.2e12, "JPY"),
    ("Sales hit 45 trillion yen.", "45 trillion yen", 45e12, "JPY"),
    ("Sales hit 300 million yuan.", "300 million yuan", 3e8, "CNY"),
    ("It spent RMB 8 billion on chips.", "RMB 8 billion", 8e9, "CNY"),
    ("It plans to spend 5 trillion won.", "5 trillion won", 5e12, "KRW"),
    ("The investment is Rs 500 crore.", "Rs 500 crore", 5e9, "INR"),
    ("The investment is ₹2,000 crore.", "₹2,000 crore", 2e10, "INR"),
    ("Fees of CHF 12 million were paid.", "CHF 12 million", 1.2e7, "CHF"),
    ("Fees of 12 million Swiss francs were paid.", "12 million Swiss francs", 1.2e7, "CHF"),
    ("It earned $3b in the quarter.", "$3b", 3e9, "USD"),
    ("Each share costs €1.20 now.", "€1.20", 1.2, "EUR"),
    ("A $2-billion deal was signed.", "$2-billion", 2e9, "USD"),
    ("Fees are $5k per car.", "$5k", 5e3, "USD"),
])
def test_money(sentence, text, value, unit):
    q = only(sentence, text)
    assert q.kind == "money"
    assert q.unit == unit
    assert close(q.value, value)


def test_money_and_its_conversion_are_two_quantities():
    s = "It will spend €10 billion – equivalent to $11.7 billion – on the plan."
    qs = find_quantities(s)
    assert [(q.text, q.unit, q.value) for q in qs] == [
        ("€10 billion", "EUR", 1e10), ("$11.7 billion", "USD", 11.7e9)]


# ---------------------------------------------------------------------------
# find_quantities: percentages, fractions, multiples
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, text, value, unit", [
    ("The margin was 10% last year.", "10%", 10, "%"),
    ("The margin was 10 % last year.", "10 %", 10, "%"),
    ("Sales jumped 72 per cent in May.", "72 per cent", 72, "%"),
    ("EVs made up 20.2 percent of sales.", "20.2 percent", 20.2, "%"),
    ("Orders grew 35.1 pct on the year.", "35.1 pct", 35.1, "%"),
    ("It holds a 5-per-cent stake.", "5-per-cent", 5, "%"),
    ("The share fell by five percent.", "five percent", 5, "%"),
    ("Its share rose 10 percentage points.", "10 percentage points", 10, "pp"),
    ("Its share rose 1.5pp in a year.", "1.5pp", 1.5, "pp"),
    ("Rates rose 25 basis points.", "25 basis points", 25, "bp"),
    ("Rates rose 25bp.", "25bp", 25, "bp"),
    ("Staff will shrink by a quarter.", "a quarter", 25, "%"),
    ("Staff will shrink by half.", "half", 50, "%"),
    ("Staff will shrink by more than a third.", "more than a third", 33.33, "%"),
    ("Hybrids were a quarter of its sales.", "a quarter", 25, "%"),
    ("Hybrids were one quarter of its sales.", "one quarter", 25, "%"),
    ("EVs were half of its sales.", "half", 50, "%"),
    ("The plan cuts half the workforce.", "half", 50, "%"),
    ("EVs were a third of its sales.", "a third", 33.33, "%"),
    ("EVs were two-thirds of its sales.", "two-thirds", 66.67, "%"),
    ("EVs were three quarters of its sales.", "three quarters", 75, "%"),
    ("A fifth of the plants will close.", "A fifth", 20, "%"),
])
def test_percentages(sentence, text, value, unit):
    q = only(sentence, text)
    assert q.kind == "percent"
    assert q.unit == unit
    assert close(q.value, value)


@pytest.mark.parametrize("sentence, text, value", [
    ("Output is five times higher.", "five times", 5),
    ("Output is 3 times higher.", "3 times", 3),
    ("Orders rose tenfold.", "tenfold", 10),
    ("Orders rose 10-fold.", "10-fold", 10),
    ("Orders rose three-fold.", "three-fold", 3),
    ("It sold twice as many cars.", "twice", 2),
])
def test_multiples(sentence, text, value):
    q = only(sentence, text)
    assert q.kind == "multiple"
    assert q.unit is None
    assert close(q.value, value)


# ---------------------------------------------------------------------------
# find_quantities: counts and unit nouns
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, text, value, unit_noun", [
    ("The group has 11,000 employees worldwide.", "11,000", 11_000, "employees"),
    ("It sold 194,000 battery-electric vehicles.", "194,000", 194_000, "battery-electric vehicles"),
    ("It delivered 151,939 units in Europe.", "151,939", 151_939, "units"),
    ("It sold 2.3 million vehicles.", "2.3 million", 2.3e6, "vehicles"),
    ("It sold 10.3m vehicles.", "10.3m", 10.3e6, "vehicles"),
    ("The maker runs three factories in Spain.", "three", 3, "factories"),
    ("It has two wholly-owned subsidiaries.", "two", 2, "wholly-owned subsidiaries"),
    ("Twenty-five thousand jobs are at risk.", "Twenty-five thousand", 25_000, "jobs"),
    ("A million vehicles were recalled.", "A million", 1e6, "vehicles"),
    ("It will hire a hundred engineers.", "a hundred", 100, "engineers"),
    ("It runs a dozen plants.", "a dozen", 12, "plants"),
    ("It sold half a million cars.", "half a million", 5e5, "cars"),
    ("It sold 5,000+ cars.", "5,000+", 5_000, "cars"),
    ("It employs 2000 employees.", "2000", 2_000, "employees"),
    ("It has a 1,000-strong workforce.", "1,000", 1_000, "workforce"),
    ("The Renault 5 plants are busy.", "5", 5, "plants"),
    ("It employs 11,000.", "11,000", 11_000, None),
    ("Sales reached 300,000 in Europe.", "300,000", 300_000, None),
    ("It sold 4,000 new electric cars.", "4,000", 4_000, "new electric cars"),
    ("It owns 5 BP stations.", "5", 5, "bp stations"),
    ("Two sovereign funds led the round.", "Two", 2, "sovereign funds"),
    ("Ford To Cut 800 Jobs.", "800", 800, "jobs"),
    ("It has 400,000 cars a year of capacity.", "400,000", 400_000, "cars"),
])
def test_counts(sentence, text, value, unit_noun):
    q = only(sentence, text)
    assert q.kind == "count"
    assert q.unit is None
    assert close(q.value, value)
    assert q.unit_noun == unit_noun


# ---------------------------------------------------------------------------
# find_quantities: qualifiers
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, text, qualifier", [
    ("It will invest over €10 billion.", "over €10 billion", "over"),
    ("It will invest more than $1 billion.", "more than $1 billion", "over"),
    ("Sales were above 5% of the total.", "above 5%", "over"),
    ("Costs exceeding €2bn were booked.", "exceeding €2bn", "over"),
    ("It has upwards of 3,000 dealers.", "upwards of 3,000", "over"),
    ("It spent in excess of £1bn.", "in excess of £1bn", "over"),
    ("It spent just over €1bn.", "just over €1bn", "over"),
    ("It employs roughly 11,000 people.", "roughly 11,000", "about"),
    ("It employs about 11,000 people.", "about 11,000", "about"),
    ("It employs around 11,000 people.", "around 11,000", "about"),
    ("It built approximately 400,000 cars.", "approximately 400,000", "about"),
    ("It employs some 3,000 workers.", "some 3,000", "about"),
    ("It employs an estimated 3,000 workers.", "an estimated 3,000", "about"),
    ("It sold nearly 5,000 cars.", "nearly 5,000", "nearly"),
    ("It sold almost 5,000 cars.", "almost 5,000", "nearly"),
    ("It sold close to 5,000 cars.", "close to 5,000", "nearly"),
    ("Margins of at least 10% are targeted.", "at least 10%", "at least"),
    ("It will cut up to 2,000 jobs.", "up to 2,000", "up to"),
    ("It will cut as many as 2,000 jobs.", "as many as 2,000", "up to"),
    ("It has under 2,000 staff.", "under 2,000", "under"),
    ("It has less than 2,000 staff.", "less than 2,000", "under"),
    ("It has fewer than 2,000 staff.", "fewer than 2,000", "under"),
    ("Margins fell below 3%.", "below 3%", "under"),
    ("More than half of its sales are EVs.", "More than half", "over"),
    ("Nearly two-thirds of sales are EVs.", "Nearly two-thirds", "nearly"),
    ("It sold 5,000+ cars.", "5,000+", "over"),
    ("It sold 5,000 cars.", "5,000", None),
])
def test_qualifiers(sentence, text, qualifier):
    assert only(sentence, text).qualifier == qualifier


def test_negative_only_when_the_text_says_minus():
    assert only("Growth was minus 5% in May.", "minus 5%").value == -5
    assert only("Growth was \u22123% in May.", "\u22123%").value == -3
    assert only("Growth was -2.5% in May.", "-2.5%").value == -2.5
    assert only("It lost $5 billion.", "$5 billion").value == 5e9


# ---------------------------------------------------------------------------
# find_quantities: things that only look like figures
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "The unit was created in 2023.",
    "The talks began in November 2023.",
    "The plan runs from 2024 until 2030.",
    "Its 2025 deliveries beat the 2030 target.",
    "The results were published on July 31.",
    "The results were published on 31 July.",
    "Trading opened at 07:32 in Paris.",
    "The call is at 7.30 pm or 10 a.m.",
    "The Renault 5 E-Tech went on sale.",
    "The 5 E-Tech went on sale.",
    "Sales of the Peugeot 208 rose.",
    "The Model 3 is popular.",
    "It raced at Le Mans 24 Hours.",
    "Q3 results beat H1 results.",
    "The third quarter beat the first half.",
    "Shares hit an 18-month low.",
    "Two sources said the plan is off.",
    "Three people familiar with the matter said so.",
    "The unit was founded two years ago.",
    "The talks lasted 18 months.",
    "It is a five-year plan with a one-off charge.",
    "It has an 800-volt system and a 7-seater.",
    "Call +33 1 23 45 67 89 for details.",
    "Call 020 7946 0958 for details.",
    "See www.example.com/2023/05/news for details.",
    "Write to ir2024@example.com now.",
    "Its A320 and 5G and 4K and 3M products.",
    "The COVID-19 crisis hit in the 1990s and FY2025.",
    "The 2024-2025 season and 2023/24 and 24/7 support.",
    "It is the No. 1 maker and #2 brand.",
    "Version 1.2.3 runs on 192.168.1.1 today.",
    "It was a quarter-century ago, last quarter.",
    "It took a quarter of a century.",
    "One of its plants and one of the others left.",
    "Dozens of hundreds of thousands of workers.",
    "He filed under Chapter 11 as the CAC 40 fell.",
    "Order 12345678 was shipped.",
    "The iPhone 15 Pro and the BMW 3 Series sold well.",
    "It is a third plant, in the first half.",
    "He was aged twenty-five at the time.",
])
def test_not_figures(sentence):
    assert find_quantities(sentence) == []


def test_year_with_count_noun_is_a_count_but_after_in_it_is_a_year():
    assert texts("It sold 2025 cars.") == ["2025"]
    assert texts("Prices for cars in 2025 cars rose.") == []


def test_counts_next_to_skipped_things_survive():
    s = "In November 2023, Stellantis said it had cut 5,000 jobs since 2019."
    assert texts(s) == ["5,000"]


# ---------------------------------------------------------------------------
# find_changes
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("sentence, expected", [
    ("Revenue rose 5% in May.", [("rose 5%", 5)]),
    ("Sales jumped 72 per cent.", [("jumped 72 per cent", 72)]),
    ("Orders climbed 8.5%.", [("climbed 8.5%", 8.5)]),
    ("Revenue grew by 4%.", [("grew by 4%", 4)]),
    ("Revenue increased 3%.", [("increased 3%", 3)]),
    ("The stock gained 2%.", [("gained 2%", 2)]),
    ("Orders surged 40%.", [("surged 40%", 40)]),
    ("Profit fell 5%.", [("fell 5%", -5)]),
    ("Profit dropped 6 percent.", [("dropped 6 percent", -6)]),
    ("Profit declined 7%.", [("declined 7%", -7)]),
    ("Profit slumped 20 pct.", [("slumped 20 pct", -20)]),
    ("Sales were down 12 percent.", [("down 12 percent", -12)]),
    ("Sales were up 9%.", [("up 9%", 9)]),
    ("Sales rose more than 5%.", [("rose more than 5%", 5)]),
    ("Sales fell by about 3%.", [("fell by about 3%", -3)]),
    ("Sales fell sharply by 3%.", [("fell sharply by 3%", -3)]),
    ("It cut its forecast by 10%.", [("cut its forecast by 10%", -10)]),
    ("It increased prices by 3.5 per cent.", [("increased prices by 3.5 per cent", 3.5)]),
    ("It posted a 3.2% increase.", [("3.2% increase", 3.2)]),
    ("It posted a 5% drop in sales.", [("5% drop", -5)]),
    ("It posted a 10 percent year-on-year rise.", [("10 percent year-on-year rise", 10)]),
    ("Shares closed 3% lower.", [("3% lower", -3)]),
    ("It posted an increase of 6%.", [("increase of 6%", 6)]),
    ("It posted a decline of 4%.", [("decline of 4%", -4)]),
    ("It posted an increase in revenue of 6%.", [("increase in revenue of 6%", 6)]),
    ("Sales showed a year-on-year increase of 35.1%.", [("increase of 35.1%", 35.1)]),
    ("It posted a year-on-year increase of 35.1% for hybrids and of 20.2% for EVs.",
     [("increase of 35.1%", 35.1), ("20.2%", 20.2)]),
    ("Sales rose 5% in Europe and 7% in China.", [("rose 5%", 5), ("7%", 7)]),
    ("It posted a 5% rise in Europe and 7% in China.", [("5% rise", 5), ("7%", 7)]),
    ("Headcount will shrink by a quarter.", [("shrink by a quarter", -25)]),
    ("Costs were cut by half.", [("cut by half", -50)]),
    ("Shares rose as much as 6.1%.", [("rose as much as 6.1%", 6.1)]),
    ("Operating profit was up 17.6% at ¥5 trillion.", [("up 17.6%", 17.6)]),
    ("Revenue slipped 3% to 41.2 billion euros.", [("slipped 3%", -3)]),
    ("A change of -3% was booked.", [("change of -3%", -3)]),
    ("Sales fell 5% in Europe, 7% in China and 2% in the US.",
     [("fell 5%", -5), ("7%", -7), ("2%", -2)]),
    ("Sales rose 5%, while margins fell 2%.", [("rose 5%", 5), ("fell 2%", -2)]),
    ("Sales rose 5%, and 40% of them were EVs.", [("rose 5%", 5)]),
    ("EV sales doubled in 2024.", [("doubled", 100)]),
    ("Profit more than tripled.", [("more than tripled", 200)]),
    ("Output halved.", [("halved", -50)]),
    ("Sales fell by a third.", [("fell by a third", -33.33)]),
])
def test_changes(sentence, expected):
    got = find_changes(sentence)
    assert [(c.text, c.pct) for c in got] == [(t, pytest.approx(p)) for t, p in expected]
    for c in got:
        assert sentence[c.start:c.end] == c.text
        assert c.start <= c.quantity_start < c.end


def test_change_points_at_its_quantity():
    s = "Sales jumped 72 per cent."
    (c,) = find_changes(s)
    (q,) = find_quantities(s)
    assert c.quantity_start == q.start


@pytest.mark.parametrize("sentence", [
    "It holds a 50% stake.",
    "The share rose to 12%, up from 10%.",
    "The share went from 5% to 7%.",
    "Its margin narrowed to 5.5% from 7.2% a year earlier.",
    "It will shed 4,500 jobs, or roughly 7% of its workforce.",
    "EVs are 40% of its sales.",
    "It will cut 5% of its workforce.",
    "Its share rose 2 percentage points.",
    "It doubled down on hybrids.",
    "Margins of at least 10% are targeted.",
])
def test_no_change(sentence):
    assert find_changes(sentence) == []


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

SCALES = {
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "bn": 10**9, "mn": 10**6, "tn": 10**12, "mln": 10**6, "bln": 10**9,
}
GLUED_ONLY = {"k": 10**3, "m": 10**6}


@given(st.integers(min_value=0, max_value=10**15))
def test_parse_number_round_trips_integers(n):
    assert parse_number(f"{n:,}") == n
    assert parse_number(str(n)) == n


@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=999_999))
def test_parse_number_round_trips_decimals(whole, frac):
    s = f"{whole:,}.{frac}"
    expected = float(Decimal(f"{whole}.{frac}"))
    assert close(parse_number(s), expected)


@given(st.integers(min_value=0, max_value=999_999), st.integers(min_value=0, max_value=99),
       st.sampled_from(sorted(SCALES)), st.sampled_from([" ", ""]))
def test_parse_number_round_trips_scale_words(whole, frac, scale, space):
    if len(scale) > 3 and not space:
        space = " "                      # "2.3million" is not how anyone writes it
    s = f"{whole:,}.{frac}{space}{scale}"
    expected = float(Decimal(f"{whole}.{frac}") * SCALES[scale])
    assert close(parse_number(s), expected), s


@given(st.integers(min_value=0, max_value=999_999), st.sampled_from(sorted(GLUED_ONLY)),
       st.sampled_from(["", "€", "$", "£"]))
def test_parse_number_round_trips_glued_scales(n, scale, currency):
    s = f"{currency}{n:,}{scale}"
    assert close(parse_number(s), n * GLUED_ONLY[scale]), s


def check_spans(text: str, items) -> None:
    last_end = 0
    for item in items:
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start:item.end] == item.text
        assert item.start >= last_end, "matches overlap or are out of order"
        last_end = item.end


NEWSY = st.lists(st.sampled_from([
    "Renault", "sold", "2.3 million", "vehicles", "in", "2023", "over", "€10 billion",
    "rose", "5%", "and", "of", "7 per cent", "fell", "by", "a quarter", "half", "the",
    "July", "31", "two", "sources", "said", "11,000", "employees", "-", "+", "$", "up",
    "down", "roughly", "doubled", "increase", "Model", "3", ",", ".", "18-month", "low",
    "07:32", "Q3", "five times", "bn", "m", "per", "cent", "—", "–", "(", ")", "at least",
]), max_size=30).map(" ".join)

ANY_TEXT = st.one_of(st.text(), NEWSY, st.text(alphabet="0123456789,.%$€ -+:/mkbnMof", max_size=40))
PREFIX = "Unrelated words come first here. "


@settings(max_examples=400)
@given(ANY_TEXT)
def test_find_quantities_is_total_and_spans_are_exact(text):
    qs = find_quantities(text)
    check_spans(text, qs)
    for q in qs:
        assert q.kind in ("money", "percent", "count", "multiple")


@settings(max_examples=400)
@given(ANY_TEXT)
def test_find_changes_is_total_and_spans_are_exact(text):
    changes = find_changes(text)
    check_spans(text, changes)
    for c in changes:
        assert c.start <= c.quantity_start < c.end
        assert isinstance(c.pct, float)


@settings(max_examples=400)
@given(ANY_TEXT)
def test_parse_number_is_total(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)


def shifted(items, n):
    return [type(i)(**{**i.__dict__, "start": i.start + n, "end": i.end + n,
                       **({"quantity_start": i.quantity_start + n} if isinstance(i, Change) else {})})
            for i in items]


@settings(max_examples=400)
@given(ANY_TEXT)
def test_unrelated_prefix_only_shifts_offsets(text):
    n = len(PREFIX)
    assert find_quantities(PREFIX + text) == shifted(find_quantities(text), n)
    assert find_changes(PREFIX + text) == shifted(find_changes(text), n)


@pytest.mark.parametrize("sentence, text, value, unit", [
    ("It guided to organic growth of 7-9% this year.", "7-9%", 7.0, "%"),
    ("It expects EBIT of $2-3 billion.", "$2-3 billion", 2_000_000_000, "USD"),
    ("Sales should rise 3–4 per cent.", "3–4 per cent", 3.0, "%"),
])
def test_dash_ranges_read_by_their_low_end(sentence, text, value, unit):
    q = only(sentence, text)
    assert close(q.value, value) and q.unit == unit and q.qualifier == "between"


@pytest.mark.parametrize("sentence", ["The 2024-25 season was long.", "It flies the 747-8 jet.",
                                      "Between 5-10 employees left."])
def test_dashes_that_are_no_ranges(sentence):
    assert not [q for q in find_quantities(sentence) if q.qualifier == "between"]
