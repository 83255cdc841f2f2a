"""Property tests (hypothesis) on the input handlers the other test files fuzz less.

tests/test_dates.py, test_numbers.py and test_ingest.py already check that the date
finder, the number finder and the text cleaner never raise on arbitrary text and that
their offsets are exact.  Here: the same guarantees with hostile characters mixed in
(zero-width, right-to-left, NUL, combining marks, other scripts); idempotence where a
function's output is again valid input (publication dates, normalised periods, parsed
numbers, cleaned text); the money parser on generated amounts; the bytes decoder; the
HTML cleaner on generated tag soup; and the manifest reader on generated manifests.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import tempfile

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsledger.dates import find_times, parse_published, resolve
from newsledger.ingest.clean import clean_html, clean_text
from newsledger.ingest.pubdate import normalise_date
from newsledger.ingest.sources import Bad, IngestError, IngestOptions, decode_bytes, read_manifest
from newsledger.models import Document
from newsledger.numbers import find_quantities, parse_number

# Characters that break naive text handling: invisible, bidirectional, NUL and other
# controls, combining marks, non-Latin scripts, astral characters, odd spaces.
NASTY_CHARS = ("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
               "\u2066\u2067\u2068\u2069\x00\x01\x1b\x7f\u0301\u0308\u20dd"
               "\u05e9\u05dc\u05d5\u05dd\u0645\u0631\u062d\u0628\u0627\u4e2d\u6587\u0416\u0434"
               "\U0001f4b0\U0001d7d9\u00a0\u2009\u202f\u3000\u2028\u2029\r\t\n")
nasty_text = st.text(alphabet=st.sampled_from(NASTY_CHARS) | st.characters(codec="utf-8"),
                     max_size=60)
NEWSY_WORDS = ["Renault", "said", "on", "Monday", "revenue", "rose", "5%", "to", "€2.3 billion",
               "in", "2024", "last", "July", "since", "March", "three", "years", "ago", "by",
               "the", "end", "of", "2026", "Q3", "jobs", "11,000", "$450m", ".", ","]
mixed_text = st.lists(st.one_of(st.sampled_from(NEWSY_WORDS), nasty_text), max_size=25).map(
    lambda parts: " ".join(parts))
anchors = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# ------------------------------------------------------------------ publication dates

@settings(max_examples=500)
@given(st.one_of(st.text(), mixed_text, st.integers(), st.floats(), st.none(),
                 st.binary(), st.lists(st.integers(), max_size=3)))
def test_normalise_date_is_total_valid_and_idempotent(value):
    out = normalise_date(value)
    assert out is None or (ISO_DAY.fullmatch(out) and dt.date.fromisoformat(out))
    if out is not None:
        assert normalise_date(out) == out
        assert normalise_date(dt.date.fromisoformat(out)) == out


@settings(max_examples=300)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.sampled_from(["{iso}", "{iso}T23:59:59-05:00", "  {iso}Z", "{y}/{m}/{d}",
                        "{y}{m:02d}{d:02d}", "{wd}, {d} {mon} {y} 10:00:00 GMT",
                        "{month} {d}, {y}", "{d} {month} {y}"]),
       nasty_text.filter(lambda s: not re.search(r"\d", s)))
def test_normalise_date_reads_every_form_it_documents(day, form, junk):
    text = form.format(iso=day.isoformat(), y=f"{day.year:04d}", m=day.month, d=day.day,
                       wd=day.strftime("%a"), mon=MONTHS[day.month - 1][:3],
                       month=MONTHS[day.month - 1])
    if not form.startswith(("{iso}", "  {iso}", "{y}")):
        text = text + " " + junk                   # trailing junk after a written date
    assert normalise_date(text) == day.isoformat(), text
    assert parse_published(day.isoformat()) == day


@settings(max_examples=300)
@given(st.one_of(st.text(max_size=40), mixed_text))
def test_parse_published_is_idempotent(value):
    day = parse_published(value)
    if day is not None:
        assert parse_published(day.isoformat()) == day
        assert parse_published(day) == day


# ------------------------------------------------------------------ dates in text

def _check_matches(text, matches):
    end = -1
    for m in matches:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
        assert m.start >= end
        end = m.end


@settings(max_examples=400, deadline=None)
@given(mixed_text, st.one_of(st.none(), anchors))
def test_find_times_offsets_stay_inside_hostile_text(text, anchor):
    _check_matches(text, find_times(text, anchor))


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
                 .map(dt.date.isoformat),
                 st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(1900, 2100),
                           st.integers(1, 12)),
                 st.integers(1900, 2100).map(str)),
       anchors)
def test_a_normalised_date_resolves_to_itself(value, anchor):
    """Idempotence: what the resolver outputs (YYYY, YYYY-MM, YYYY-MM-DD) reads back as is."""
    span = resolve(f"in {value}", anchor)
    year, _, month = value.partition("-")
    if len(value) == 7 and int(month) > int(year) % 100:
        # the prose convention (dates.py): "2005-08" is the years 2005 to 2008, so a
        # year-month reads back as itself only when it cannot be such a range
        assert (span.start, span.end) == (year, str(int(year) // 100 * 100 + int(month)))
        return
    assert span is not None and span.start == value, (value, span)
    again = resolve(f"in {span.start}", anchor)
    assert again.start == span.start


# ------------------------------------------------------------------ numbers and money

SCALES = {"": 1, " million": 1e6, " billion": 1e9, "m": 1e6, "bn": 1e9}
CURRENCIES = {"€": "EUR", "$": "USD", "£": "GBP"}


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=1, max_value=999_999), st.integers(min_value=0, max_value=99),
       st.sampled_from(sorted(SCALES)), st.sampled_from(sorted(CURRENCIES)),
       nasty_text, nasty_text)
def test_money_is_found_with_exact_offsets_inside_hostile_text(whole, cents, scale, symbol,
                                                              before, after):
    before = re.sub(r"[\w$€£¥%.,+\-]", "", before)      # nothing that could glue onto it
    after = re.sub(r"[\w$€£¥%.,+\-/]", "", after)
    amount = f"{symbol}{whole:,}.{cents:02d}{scale}"
    text = f"{before} Revenue was {amount} last year. {after}"
    found = [q for q in find_quantities(text) if q.kind == "money"]
    assert len(found) == 1, (text, found)
    q = found[0]
    assert text[q.start:q.end] == q.text and amount in q.text
    assert q.unit == CURRENCIES[symbol]
    assert math.isclose(q.value, (whole + cents / 100) * SCALES[scale], rel_tol=1e-9)


@settings(max_examples=400)
@given(st.one_of(mixed_text, st.text(alphabet="0123456789,. -€$£kmbnillo", max_size=30)))
def test_find_quantities_is_total_on_hostile_text(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text


@settings(max_examples=400)
@given(st.one_of(st.text(alphabet="0123456789,. -€$£kmbnillo", max_size=30), mixed_text,
                 st.floats(min_value=0, max_value=1e15).map(lambda f: f"{f:,.2f}")))
def test_parse_number_is_idempotent_on_its_own_output(text):
    value = parse_number(text)
    if value is not None and math.isfinite(value) and value >= 0:
        assert math.isclose(parse_number(f"{value:f}"), value, rel_tol=1e-9, abs_tol=1e-9)


# ------------------------------------------------------------------ bytes and text

@settings(max_examples=500)
@given(st.one_of(st.binary(max_size=300),
                 st.text(max_size=200).map(lambda s: s.encode("utf-8")),
                 nasty_text.map(lambda s: s.encode("utf-8")),
                 st.text(max_size=100).map(lambda s: s.encode("utf-16")),
                 st.text(alphabet=st.characters(max_codepoint=255), max_size=100)
                 .map(lambda s: s.encode("latin-1"))))
def test_decode_bytes_gives_text_or_one_clear_reason(data):
    try:
        text, notes = decode_bytes(data)
    except Bad as exc:
        assert exc.reason and "\n" not in exc.reason
        return
    assert isinstance(text, str) and text.strip()
    try:
        exact = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        exact = None
    if exact is not None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        assert text == exact                      # valid UTF-8 is never re-interpreted


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(mixed_text, nasty_text), max_size=20).map("\n".join))
def test_clean_text_on_hostile_text_keeps_lines_verbatim_and_is_idempotent(text):
    out = clean_text(text)
    assert clean_text(out) == out
    for line in out.split("\n"):
        assert line in text


TAGS = ["div", "p", "span", "article", "section", "b", "i", "table", "tr", "td", "ul", "li",
        "nav", "footer", "h1", "a", "font", "svg", "math"]
MARKER = "SCRIPTBODYMARKER"


def _soup() -> st.SearchStrategy[str]:
    leaf = st.one_of(mixed_text.map(lambda s: s.replace("<", " ")),
                     st.just(f"<script>var x = '{MARKER}';</script>"),
                     st.just(f"<style>.a{{content:'{MARKER}'}}</style>"),
                     st.just("<br>"), st.just("<!-- c -->"), st.just("</div>"), st.just("<p>"),
                     st.just("</>"), st.just("<>"), st.just("</p></p>"),
                     st.just("&amp;&lt;&#0;&#x110000;&bogus;"))
    return st.recursive(leaf, lambda inner: st.builds(
        lambda tag, kids, attr: f"<{tag}{attr}>{''.join(kids)}</{tag}>",
        st.sampled_from(TAGS), st.lists(inner, max_size=4),
        st.sampled_from(["", ' class="x"', ' dir="rtl"', " onclick='alert(1)'",
                         ' style="display:none"'])), max_leaves=25)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_soup())
def test_clean_html_on_tag_soup_never_raises_and_drops_scripts(html):
    text, meta = clean_html("<html><body>" + html + "</body></html>")
    assert isinstance(text, str) and isinstance(meta, dict)
    assert MARKER not in text


# ------------------------------------------------------------------ manifests

GOOD_TEXT = ("Halvorsen Motors said on Tuesday it had created Lumen, a battery unit that "
             "will employ about 1,400 people at its Fredrikstad plant by the end of next "
             "year, and named Ines Varga to lead it. ") * 2
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3), max_leaves=8)
record = st.fixed_dictionaries({}, optional={
    "id": st.one_of(st.text(max_size=20), st.integers(), json_values),
    "path": st.one_of(st.sampled_from(["good.txt", "missing.txt", "bin.dat", ".", "../",
                                       "/dev/null", "good.txt\x00", ""]), json_values),
    "text": st.one_of(st.just(GOOD_TEXT), mixed_text, json_values),
    "published": st.one_of(st.text(max_size=30), json_values),
    "outlet": st.one_of(nasty_text, json_values),
    "title": st.one_of(nasty_text, json_values),
    "url": st.one_of(st.sampled_from(["file:///etc/passwd", "javascript:alert(1)",
                                      "https://example.com/a"]), json_values),
})
line = st.one_of(record.map(lambda r: json.dumps(r).encode()),
                 record.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8")),
                 json_values.map(lambda v: json.dumps(v).encode()),
                 st.binary(max_size=60).map(lambda b: b.replace(b"\n", b" ")),
                 st.just(b"\xef\xbb\xbf" + json.dumps({"text": GOOD_TEXT}).encode()),
                 st.sampled_from(["\u0000", "\ud800", "\udfff"]).map(      # JSON escapes
                     lambda c: json.dumps({"text": GOOD_TEXT + c, "title": c, "id": c}).encode()),
                 st.integers(1, 5000).map(lambda n: b"[" * n + b"]" * n),
                 st.integers(1, 5000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n),
                 st.just(b"   "))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line, max_size=12))
@example([b'{"path": "0\\n"}'])          # a path holding a line break: the error stays one line
def test_manifest_reader_gives_one_clear_result_per_line(lines):
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "good.txt"), "w", encoding="utf-8") as f:
            f.write(GOOD_TEXT)
        with open(os.path.join(folder, "bin.dat"), "wb") as f:
            f.write(b"\x00\x01\x02" * 100)
        manifest = os.path.join(folder, "m.jsonl")
        with open(manifest, "wb") as f:
            f.write(b"\n".join(lines))
        items = list(read_manifest(manifest, IngestOptions(min_chars=50)))
    wanted = [n for n, raw in enumerate(lines, start=1) if raw.strip()]
    if not b"\n".join(lines):
        assert [(e.input, e.reason) for e in items] == [(manifest, "empty file")]
        return
    got = []
    for item in items:
        assert isinstance(item, (Document, IngestError))
        if isinstance(item, IngestError):
            assert item.reason.strip() and "\n" not in item.reason, item
            assert "unexpected error" not in item.reason, item
            got.append(int(item.input.rsplit(":", 1)[1]))
        else:
            assert len(item.text) >= 50 and item.text.strip() == item.text
            assert item.published is None or dt.date.fromisoformat(item.published)
            got.append(int(item.source.rsplit(":", 1)[1]) if item.source.startswith(manifest)
                       else None)
    assert len(items) == len(wanted)               # one Document or one error per line
    assert [g for g in got if g is not None] == [w for w, g in zip(wanted, got) if g is not None]
