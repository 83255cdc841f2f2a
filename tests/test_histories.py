"""Claims as histories (issue 11): observations, histories, succession, conflicts by
meaning and independence by provenance.

Every article here is a short text written for the test; each rule is checked on the
case that motivated it (see docs/query.md, "Histories, succession, conflicts").
"""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger import export, provenance, query
from newsledger.agreement import dates_agree, figure_range, figures_agree, parse_span
from newsledger.api import Ledger
from newsledger.histories import holds_at, life_of, settle
from newsledger.models import Claim, Document, Entity, Evidence, Fact, TimeSpan
from newsledger.reconcile import CLAIMS_VERSION, build_claims, claim_key
from newsledger.store import Store
from newsledger.web import create_app
from test_scale import ledger_url  # noqa: F401  (the fixture: a fresh ledger on each engine)

# ------------------------------------------------------------------ helpers

FILLER = ["The company gave no further details in its statement to the stock exchange.",
          "Analysts at two brokers said the move had been expected for several weeks.",
          "Shares in the group closed slightly lower in a falling market on the day.",
          "The board met twice last week to discuss the plans, a spokeswoman said.",
          "Trade unions asked for a meeting with management before the end of the month.",
          "The group employs people in a dozen countries across three continents."]


def doc(doc_id: str, text: str, published: str | None = "2025-08-01", outlet: str | None = None) -> Document:
    return Document(doc_id=doc_id, text=text, outlet=outlet or f"Outlet {doc_id}", published=published)


def fact(d: Document, type_: str, args: dict, evidence: str, start: str | None = None,
         end: str | None = None, status: str | None = "actual", approx: bool = False,
         attributed_to: str | None = None) -> Fact:
    i = d.text.index(evidence)
    return Fact(d.doc_id, type_, args, Evidence.of(d.text, i, i + len(evidence)),
                TimeSpan(start, end, approx, evidence if (start or end) else None), status,
                attributed_to=attributed_to)


def docs_of(*documents: Document) -> dict[str, Document]:
    return {d.doc_id: d for d in documents}


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [c.to_json() for c in claims]
    return claims[0]


def by_person(claims: list[Claim]) -> dict[str, Claim]:
    return {c.args["person"]: c for c in claims}


def text(i: int, sentence: str) -> str:
    """A short article: the sentence under test among filler of its own."""
    return " ".join([FILLER[i % len(FILLER)], sentence, FILLER[(i + 1) % len(FILLER)]])


# ------------------------------------------------------------------ agreement of dates

def test_dates_agree_at_the_precision_both_give():
    assert dates_agree("2025-07", "2025-07-15")                  # July and 15 July
    assert dates_agree("2025-07", "2025-07", False, True)        # July and mid-July
    assert not dates_agree("2025-07", "2025-08")
    assert not dates_agree("2025-10-22", "2025-10-23")           # a resignation a day apart
    assert not dates_agree("2025-10-22", "2025-10-23", True, True)   # vague words, one day each
    assert dates_agree("2025-09", "2025-Q4", True, True)         # early September / late 2025
    assert dates_agree(None, "2025")                             # no date says nothing


DATES = st.one_of(
    st.builds(lambda y: f"{y}", st.integers(2019, 2027)),
    st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2019, 2027), st.integers(1, 12)),
    st.builds(lambda y, q: f"{y}-Q{q}", st.integers(2019, 2027), st.integers(1, 4)),
    st.builds(lambda y, h: f"{y}-H{h}", st.integers(2019, 2027), st.integers(1, 2)),
    st.builds(lambda d: d.isoformat(), st.dates(dt.date(2019, 1, 1), dt.date(2027, 12, 31))))


@settings(max_examples=200, deadline=None)
@given(DATES, DATES, st.booleans(), st.booleans())
def test_date_agreement_is_symmetric_and_vagueness_only_widens(a, b, va, vb):
    assert dates_agree(a, b, va, vb) == dates_agree(b, a, vb, va)
    assert dates_agree(a, a, va, va)
    if dates_agree(a, b):
        assert dates_agree(a, b, va, vb)                         # approx never narrows
    pa, pb = parse_span(a), parse_span(b)
    if pa[0] <= pb[0] and pb[1] <= pa[1]:
        assert dates_agree(a, b)                                 # a coarser date holds the finer


# ------------------------------------------------------------------ agreement of figures

@pytest.mark.parametrize("a, qa, b, qb, agree", [
    (1100, "about", 1300, "around", False),
    (10e9, "at least", 11e9, "almost", True),
    (20000, None, 19000, None, False),
    (3e9, None, 3.3e9, None, False),
    (450, "about", 500, "around", False),
    (2_300_000, None, 2_320_000, None, True),
    (10000, "fewer than", 9500, None, True),
    (10000, "fewer than", 12000, None, False),
    (4.6e9, "about", 4.7e9, "about", True),
])
def test_figures_agree_within_their_qualifiers(a, qa, b, qb, agree):
    assert figures_agree(a, qa, b, qb) is agree


QUALIFIERS = st.sampled_from([None, "about", "around", "over", "more than", "at least", "nearly",
                              "almost", "up to", "under", "fewer than", "roughly"])


@settings(max_examples=200, deadline=None)
@given(st.floats(1, 1e12), QUALIFIERS, st.floats(1, 1e12), QUALIFIERS)
def test_figure_agreement_is_symmetric_and_a_figure_agrees_with_itself(a, qa, b, qb):
    assert figures_agree(a, qa, b, qb) == figures_agree(b, qb, a, qa)
    assert figures_agree(a, qa, a, qb)
    lo, hi = figure_range(a, qa)
    assert lo <= a <= hi


# ------------------------------------------------------------------ observations, histories

CHAIR = {"person": "Ines Varga", "org": "Corvia Bank", "role": "chair"}


def test_a_report_without_a_start_says_held_at_least_from_not_started():
    """A chair named in an article of 2025-07-30 was chair by then; nothing says he
    started then, so his start stays unknown."""
    d = doc("a", text(0, "Corvia Bank chair Ines Varga opened the meeting."), published="2025-07-30")
    claim = only(build_claims([fact(d, "position", CHAIR, "Corvia Bank chair Ines Varga")], docs_of(d)))
    h = claim.history
    assert h.started is None and claim.time.start is None
    assert (h.held_from.date, h.held_from.basis, h.held_from.doc_ids) == ("2025-07-30", "reported", ["a"])
    assert h.state == "holds"
    assert holds_at(h, dt.date(2024, 6, 1))                      # nothing excludes him then


def test_former_without_a_date_ended_by_the_report_and_a_dated_departure_holds_until_then():
    a = doc("a", text(1, "Its former chair Ines Varga spoke at the event."), published="2025-09-10")
    b = doc("b", text(2, "Ines Varga will step down as chair of Corvia Bank on October 31."),
            published="2025-09-01")
    former = only(build_claims([fact(a, "position", CHAIR, "former chair Ines Varga", status="former")],
                               docs_of(a))).history
    assert former.started is None and former.ended is None
    assert (former.ended_by.date, former.ended_by.basis, former.state) == ("2025-09-10", "reported", "ended")
    leaving = only(build_claims([fact(b, "position", CHAIR, "Ines Varga will step down as chair",
                                      end="2025-10-31", status="former")], docs_of(b))).history
    assert leaving.ended.date == "2025-10-31" and leaving.held_until.date == "2025-09-01"
    assert leaving.state == "holds"


def test_in_office_then_former_across_time_is_a_history_not_a_conflict():
    """A CEO reported in office by 2024 articles and as 'former' by 2026 articles."""
    ceo = {"person": "Tomas Ekdal", "org": "Ostra Motors", "role": "CEO"}
    a = doc("a", text(0, "Ostra Motors chief executive Tomas Ekdal said demand was strong."),
            published="2024-03-05")
    b = doc("b", text(3, "Former Ostra Motors CEO Tomas Ekdal joined a start-up."), published="2026-02-11")
    claim = only(build_claims([fact(a, "position", ceo, "Ostra Motors chief executive Tomas Ekdal"),
                               fact(b, "position", ceo, "Former Ostra Motors CEO Tomas Ekdal",
                                    status="former")], docs_of(a, b)))
    assert claim.conflicts == []
    h = claim.history
    assert (h.held_until.date, h.ended_by.date, h.state) == ("2024-03-05", "2026-02-11", "ended")
    assert claim.status == "former"


# ------------------------------------------------------------------ succession

def ceo_facts(d: Document, person: str, sentence: str, **kw) -> Fact:
    return fact(d, "position", {"person": person, "org": "Ostra Motors", "role": kw.pop("role", "CEO")},
                sentence, **kw)


def test_a_successors_start_ends_the_predecessors_tenure_inferred():
    a = doc("a", text(0, "Ana Ruiz has been chief executive of Ostra Motors since 2016."), published="2021-02-15")
    b = doc("b", text(1, "Tom Berg became CEO of Ostra Motors in February 2024."), published="2024-03-01")
    claims = by_person(build_claims([
        ceo_facts(a, "Ana Ruiz", "Ana Ruiz has been chief executive of Ostra Motors since 2016", start="2016"),
        ceo_facts(b, "Tom Berg", "Tom Berg became CEO of Ostra Motors in February 2024", start="2024-02"),
    ], docs_of(a, b)))
    ana = claims["Ana Ruiz"].history
    assert (ana.ended.date, ana.ended.basis, ana.ended.note) == ("2024-02", "inferred", "succeeded by Tom Berg")
    assert ana.ended.doc_ids == ["b"]
    assert claims["Ana Ruiz"].time.end is None                   # the claim's stated time is untouched
    assert not holds_at(ana, dt.date(2024, 2, 1)) and holds_at(ana, dt.date(2024, 1, 31))
    assert claims["Tom Berg"].history.ended is None


def test_an_interim_holder_ends_when_the_permanent_one_starts():
    a = doc("a", text(2, "Finance chief Lea Moss was named interim CEO of Ostra Motors on Monday."),
            published="2025-10-22")
    b = doc("b", text(4, "Ostra Motors named Karl Dahl chief executive, effective January 5."),
            published="2025-12-01")
    claims = by_person(build_claims([
        ceo_facts(a, "Lea Moss", "Lea Moss was named interim CEO", role="interim CEO", start="2025-10-20"),
        ceo_facts(b, "Karl Dahl", "Ostra Motors named Karl Dahl chief executive", start="2026-01-05",
                  status="planned"),
    ], docs_of(a, b)))
    # a planned start is not yet a succession ...
    assert claims["Lea Moss"].history.ended is None and claims["Lea Moss"].history.interim
    c = doc("c", text(5, "Karl Dahl took over as chief executive of Ostra Motors on January 5."),
            published="2026-01-06")
    claims = by_person(build_claims([
        ceo_facts(a, "Lea Moss", "Lea Moss was named interim CEO", role="interim CEO", start="2025-10-20"),
        ceo_facts(c, "Karl Dahl", "Karl Dahl took over as chief executive", start="2026-01-05"),
    ], docs_of(a, c)))
    # ... a start is
    lea = claims["Lea Moss"].history
    assert (lea.ended.date, lea.ended.note) == ("2026-01-05", "succeeded by Karl Dahl")


def test_a_new_holder_reported_after_the_last_report_of_the_old_one_bounds_both():
    a = doc("a", text(0, "Ostra Motors CEO Ana Ruiz opened the plant."), published="2023-05-02")
    b = doc("b", text(1, "Ostra Motors CEO Tom Berg opened the plant."), published="2024-09-10")
    claims = by_person(build_claims([ceo_facts(a, "Ana Ruiz", "Ostra Motors CEO Ana Ruiz"),
                                     ceo_facts(b, "Tom Berg", "Ostra Motors CEO Tom Berg")], docs_of(a, b)))
    ana, tom = claims["Ana Ruiz"].history, claims["Tom Berg"].history
    assert (ana.ended_by.date, ana.ended_by.basis) == ("2024-09-10", "inferred")
    assert (tom.not_before.date, tom.started) == ("2023-05-02", None)
    assert not holds_at(tom, dt.date(2022, 1, 1)) and not holds_at(ana, dt.date(2025, 1, 1))


def test_a_holder_first_reported_after_a_tenure_ended_started_after_it():
    a = doc("a", text(0, "Ana Ruiz will leave Ostra Motors in mid-July."), published="2025-06-16")
    b = doc("b", text(1, "Ostra Motors named Tom Berg as its new CEO."), published="2025-08-01")
    claims = by_person(build_claims([
        ceo_facts(a, "Ana Ruiz", "Ana Ruiz will leave Ostra Motors", end="2025-07", approx=True, status="former"),
        ceo_facts(b, "Tom Berg", "Ostra Motors named Tom Berg as its new CEO"),
    ], docs_of(a, b)))
    tom = claims["Tom Berg"].history
    assert (tom.not_before.date, tom.not_before.note) == ("2025-07", "after Ana Ruiz left")
    assert not holds_at(tom, dt.date(2025, 6, 30)) and holds_at(tom, dt.date(2025, 7, 20))


def test_a_move_to_a_new_role_ends_the_old_one_when_the_article_says_so():
    """'Finance chief, now CEO': former CFO and CEO from a date, in one article."""
    a = doc("a", text(0, "Lea Moss, the finance chief of Ostra Motors, arrived in 2019."), published="2022-01-10")
    b = doc("b", text(3, "Lea Moss, formerly finance chief, became CEO of Ostra Motors in March 2025."),
            published="2025-03-20")
    claims = build_claims([
        ceo_facts(a, "Lea Moss", "the finance chief of Ostra Motors", role="finance chief", start="2019"),
        ceo_facts(b, "Lea Moss", "formerly finance chief", role="finance chief", status="former"),
        ceo_facts(b, "Lea Moss", "became CEO of Ostra Motors in March 2025", start="2025-03"),
    ], docs_of(a, b))
    cfo = next(c for c in claims if c.args["role"] == "CFO").history
    assert (cfo.ended.date, cfo.ended.basis, cfo.ended.note) == ("2025-03", "inferred", "moved to ceo")
    assert next(c for c in claims if c.args["role"] == "CEO").history.ended is None


# ------------------------------------------------------------------ entity life

def test_a_units_founding_and_closure_bound_its_tie_in_every_view():
    a = doc("a", text(0, "Ostra Motors created its battery unit Voltcell in November 2023."), published="2023-11-20")
    b = doc("b", text(1, "Voltcell, the battery unit of Ostra Motors, hired engineers."), published="2025-02-01")
    c = doc("c", text(2, "Ostra Motors closed Voltcell in June 2025."), published="2025-07-01")
    claims = build_claims([
        fact(a, "founded", {"org": "Voltcell", "by": "Ostra Motors"}, "Ostra Motors created its battery unit Voltcell",
             start="2023-11"),
        fact(b, "part_of", {"org": "Voltcell", "parent": "Ostra Motors", "form": "unit"},
             "Voltcell, the battery unit of Ostra Motors"),
        fact(c, "closed", {"org": "Voltcell"}, "Ostra Motors closed Voltcell", start="2025-06"),
    ], docs_of(a, b, c))
    life = life_of(claims, str.casefold)
    tie = settle(next(c for c in claims if c.type == "part_of"), life, str.casefold)
    # set up by its parent: its unit from its founding (inferred), until its closure
    assert (tie.started.date, tie.started.basis, tie.ended.date) == ("2023-11", "inferred", "2025-06")
    assert tie.ended.note == "Voltcell closed"
    assert not holds_at(tie, dt.date(2023, 10, 1))
    assert holds_at(tie, dt.date(2023, 12, 15))                  # before its first report
    assert not holds_at(tie, dt.date(2025, 6, 1))


# ------------------------------------------------------------------ conflicts by meaning

def test_outlets_dating_one_resignation_a_day_apart_conflict():
    ceo = {"person": "Ana Ruiz", "org": "Ostra Motors", "role": "CEO"}
    a = doc("a", text(0, "Ana Ruiz resigned as chief executive of Ostra Motors on Sunday."), published="2025-10-20")
    b = doc("b", text(1, "Ostra Motors said Ana Ruiz had resigned as CEO on Saturday."), published="2025-10-20")
    claim = only(build_claims([
        fact(a, "position", ceo, "Ana Ruiz resigned as chief executive", end="2025-10-19", status="former"),
        fact(b, "position", ceo, "Ana Ruiz had resigned as CEO", end="2025-10-18", status="former", approx=True),
    ], docs_of(a, b)))
    assert [c.field for c in claim.conflicts] == ["time"]
    assert [v["doc_ids"] for v in claim.conflicts[0].values] == [["b"], ["a"]]


def test_july_and_mid_july_agree():
    a = doc("a", text(0, "Ana Ruiz will leave Ostra Motors in July."), published="2025-06-02")
    b = doc("b", text(1, "Ana Ruiz leaves Ostra Motors in mid-July."), published="2025-06-02")
    ceo = {"person": "Ana Ruiz", "org": "Ostra Motors", "role": "CEO"}
    claim = only(build_claims([fact(a, "position", ceo, "Ana Ruiz will leave", end="2025-07", status="former"),
                               fact(b, "position", ceo, "Ana Ruiz leaves", end="2025-07", approx=True,
                                    status="former")], docs_of(a, b)))
    assert claim.conflicts == []


GOALS = ["Ostra Motors targets revenue of 27 billion euros by {}.", "Ostra aims for sales of 27 billion euros in {}.",
         "By {} the group wants to reach 27 billion euros in revenue."]


def revenue_goal(d: Document, year: str, value: float = 27e9) -> Fact:
    sentence = next(g.format(year) for g in GOALS if g.format(year) in d.text)
    return fact(d, "metric", {"entity": "Ostra Motors", "measure": "revenue", "value": value, "unit": "EUR"},
                sentence[:-1], start=year, status="target")


def test_one_goal_dated_2029_by_one_report_and_2031_by_two_is_a_time_conflict():
    a, b, c = (doc(x, text(i, GOALS[i].format(y))) for i, (x, y) in enumerate(zip("abc", ["2029", "2031", "2031"])))
    claim = only(build_claims([revenue_goal(a, "2029"), revenue_goal(b, "2031"), revenue_goal(c, "2031")],
                              docs_of(a, b, c)))
    assert [c.field for c in claim.conflicts] == ["time"]
    assert claim.conflicts[0].values == [{"value": {"start": "2029"}, "doc_ids": ["a"]},
                                         {"value": {"start": "2031"}, "doc_ids": ["b", "c"]}]


def test_goals_of_different_figures_for_different_years_are_a_series():
    a, b = (doc(x, text(i, GOALS[i].format(y))) for i, (x, y) in enumerate(zip("ab", ["2027", "2031"])))
    claims = build_claims([revenue_goal(a, "2027", 20e9), revenue_goal(b, "2031", 27e9)], docs_of(a, b))
    assert len(claims) == 2 and all(c.conflicts == [] for c in claims)


def test_figures_for_different_periods_are_a_series_not_a_conflict():
    a, b = (doc(x, text(i, "Ostra Motors had revenue of 10 billion euros.")) for i, x in enumerate("ab"))
    rev = lambda v: {"entity": "Ostra Motors", "measure": "revenue", "value": v, "unit": "EUR"}  # noqa: E731
    claims = build_claims([fact(a, "metric", rev(10e9), "revenue of", start="2024"),
                           fact(b, "metric", rev(12e9), "revenue of", start="2025")], docs_of(a, b))
    assert sorted(c.time.start for c in claims) == ["2024", "2025"]
    assert all(c.conflicts == [] for c in claims)


@pytest.mark.parametrize("v1, q1, v2, q2, conflict", [
    (3e9, None, 3.3e9, None, True),                      # $3bn vs $3.3bn paid
    (1100, "about", 1300, "around", True),
    (10e9, "at least", 11e9, "almost", False),
])
def test_figures_conflict_beyond_their_qualifiers(v1, q1, v2, q2, conflict):
    a = doc("a", text(0, "Ostra Motors paid for Voltcell in cash."))
    b = doc("b", text(1, "The deal for Voltcell was worth that much."))
    price = lambda v, q: {"entity": "Voltcell", "measure": "price", "value": v, "unit": "USD",  # noqa: E731
                          "qualifier": q}
    claims = build_claims([fact(a, "metric", price(v1, q1), "Ostra Motors paid"),
                           fact(b, "metric", price(v2, q2), "The deal for Voltcell")], docs_of(a, b))
    assert [x.field for c in claims for x in c.conflicts] == (["value"] if conflict else [])
    # figures in dispute are one claim; figures that agree without being one figure two
    assert len(claims) == (1 if conflict else 2)


def test_a_qualifier_left_out_of_the_args_is_read_off_the_evidence():
    a = doc("a", text(0, "Ostra Motors will cut at least 450 jobs."))
    b = doc("b", text(1, "Ostra Motors will cut 500 jobs."))
    claim = only(build_claims([fact(a, "job_cuts", {"org": "Ostra Motors", "count": 450}, "cut at least 450 jobs",
                                    status="planned"),
                               fact(b, "job_cuts", {"org": "Ostra Motors", "count": 500}, "cut 500 jobs",
                                    status="planned")], docs_of(a, b)))
    assert claim.conflicts == []                          # "at least 450" allows 500


def test_no_conflict_quotes_the_same_words_on_both_sides():
    """A copy resolving 'on Thursday' against another publication date reads the same
    sentence differently: that is not two sources disagreeing."""
    sentence = "Ostra Motors said on Thursday it had dropped its bid for Voltcell."
    a, b = doc("a", text(0, sentence), published="2025-08-08"), doc("b", text(5, sentence), published="2025-08-15")
    args = {"acquirer": "Ostra Motors", "target": "Voltcell"}
    claim = only(build_claims([fact(a, "acquisition", args, sentence, start="2025-08-07", status="cancelled"),
                               fact(b, "acquisition", args, sentence, start="2025-08-14", status="cancelled")],
                              docs_of(a, b)))
    assert claim.conflicts == []


def test_one_document_stating_both_values_takes_no_side():
    a = doc("a", text(0, "Voltcell was founded in 2021, or in April 2021 by other accounts."))
    b = doc("b", text(1, "Voltcell was set up in 2022."))
    founded = lambda d, ev, t: fact(d, "founded", {"org": "Voltcell"}, ev, start=t)  # noqa: E731
    claim = only(build_claims([founded(a, "Voltcell was founded in 2021", "2021"),
                               founded(a, "in April 2021", "2021-04"),
                               founded(b, "Voltcell was set up in 2022", "2022")], docs_of(a, b)))
    values = claim.conflicts[0].values
    assert sorted(d for v in values for d in v["doc_ids"]) == ["a", "b"]     # each document once


# ------------------------------------------------------------------ independence by provenance

MERGE = {"org": "Voltcell", "into": "Ostra Motors"}


def merged(d: Document, evidence: str, **kw) -> Fact:
    return fact(d, "merged_into", MERGE, evidence, status="planned", **kw)


@pytest.mark.parametrize("credit", [
    "Ostra Motors will fold Voltcell into its core business, citing Reuters.",
    "Ostra Motors will fold Voltcell into its core business. (With Reuters inputs)",
    "Ostra Motors will fold Voltcell into its core business, according to a Reuters report.",
    "Ostra Motors will fold Voltcell into its core business, a person familiar told Reuters.",
    "Ostra Motors will fold Voltcell into its core business.\nSource: Reuters",
])
def test_a_rewrite_crediting_a_wire_story_counts_once_with_it(credit):
    wire = doc("w", "STOCKHOLM (Reuters) - Ostra Motors plans to reintegrate its Voltcell battery unit "
                    "by July, the carmaker said on Tuesday.", published="2025-08-05")
    rewrite = doc("r", text(2, credit), published="2025-08-06")
    other = doc("o", text(4, "In a statement, Ostra said Voltcell would be merged into the group."),
                published="2025-08-05")
    claim = only(build_claims([merged(wire, "reintegrate its Voltcell battery unit"),
                               merged(rewrite, "fold Voltcell into its core business"),
                               merged(other, "Voltcell would be merged into the group")],
                              docs_of(wire, rewrite, other)))
    assert claim.independent_sources == 2
    assert claim.based_on == ["Reuters"]
    reports = {o.report: o.doc_ids for o in claim.origins}
    assert reports == {"Reuters": ["w", "r"], None: ["o"]}


def test_told_bloomberg_and_the_bloomberg_story_are_one_source():
    original = doc("b", "(Bloomberg) -- Ostra Motors is in talks to fold Voltcell into the group, "
                        "people familiar with the matter said.", published="2025-08-05")
    rewrite = doc("r", text(1, "Ostra Motors chief Ana Ruiz told Bloomberg that Voltcell would be folded in."),
                  published="2025-08-06")
    claim = only(build_claims([merged(original, "fold Voltcell into the group"),
                               merged(rewrite, "Voltcell would be folded in")], docs_of(original, rewrite)))
    assert claim.independent_sources == 1 and claim.based_on == ["Bloomberg"]


def test_an_uncredited_rewrite_is_found_by_its_near_duplicate_sentence():
    a = doc("a", text(0, "The Swedish state currently holds a 15% stake in Ostra Motors."))
    b = doc("b", text(3, "The Swedish state holds a 15% stake in the carmaker Ostra Motors, records show."))
    c = doc("c", text(4, "Stockholm owns part of Ostra: its share has stood at 15% since the bailout."))
    stake = {"owner": "Swedish state", "org": "Ostra Motors", "share": "15%"}
    claim = only(build_claims([fact(a, "stake", stake, "holds a 15% stake"),
                               fact(b, "stake", stake, "holds a 15% stake"),
                               fact(c, "stake", stake, "its share has stood at 15%")], docs_of(a, b, c)))
    assert claim.independent_sources == 2
    assert [o.how for o in claim.origins if len(o.doc_ids) == 2] == ["near-duplicate"]


def test_a_newspaper_credited_once_covers_its_sentence_only():
    d = doc("d", "Ostra Motors will fold Voltcell into the group, the company said. According to the "
                 "newspaper Dagens Blad, Ana Ruiz will chair the merged business. Ostra employs 9,000 people.")
    credits = provenance.credits(d)
    assert credits.whole == {}
    (start, end, key), = credits.sentences
    assert key == "dagens_blad" and "Ana Ruiz will chair" in d.text[start:end]


def test_a_document_never_rests_on_itself():
    d = doc("d", text(0, "Ana Ruiz told The Daily Ledger on Monday that Voltcell would be merged."),
            outlet="The Daily Ledger")
    assert provenance.credits(d).whole == {} and provenance.credits(d).sentences == ()


@pytest.mark.parametrize("outlet, key", [("Glance (Reuters)", "reuters"), ("PR Chief (CNBC copy)", "cnbc"),
                                         ("Republic World (citing CNBC)", "cnbc"),
                                         ("Le Quotidien (English; AFP)", "afp")])
def test_an_outlet_named_after_the_report_it_carries(outlet, key):
    d = doc("d", text(0, "Ostra Motors will merge Voltcell into the group."), outlet=outlet)
    assert key in provenance.credits(d).whole


def test_a_generic_dateline_names_the_wire():
    d = doc("d", "ZURICH, January 29 (Alpine Wire) - Ostra Motors said it would merge Voltcell.")
    assert provenance.wire_agency(d) == "alpine_wire"


# ------------------------------------------------------------------ one truth for every view


V1 = ("Ostra Motors sets up Voltcell\n\nOstra Motors created Voltcell, its battery subsidiary, in "
      "November 2023. Lea Moss, head of operations at Ostra Motors, will run the launch.")
V2 = ("Ostra Motors chair speaks\n\nOstra Motors chair Ines Varga told shareholders the plan was on "
      "track. Chief operating officer Lea Moss presented the figures.")
V3 = ("Finance chief at Ostra\n\nOstra Motors finance chief Per Holm presented the results, which "
      "beat forecasts. Tom Berg became CEO of Ostra Motors in February 2024.")
V4 = ("Ostra names new CEO\n\nAna Ruiz has been chief executive of Ostra Motors since 2016, the "
      "company said in its annual report, which was published on Tuesday morning.")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    db = tmp_path_factory.mktemp("views") / "views.db"
    docs = [Document("v1", V1, title="Ostra Motors sets up Voltcell", outlet="one.example",
                     published="2023-11-20", language="en"),
            Document("v2", V2, title="Ostra Motors chair speaks", outlet="two.example",
                     published="2025-07-30", language="en"),
            Document("v3", V3, title="Finance chief at Ostra", outlet="three.example",
                     published="2024-03-01", language="en"),
            Document("v4", V4, title="Ostra names new CEO", outlet="four.example",
                     published="2021-05-04", language="en")]
    d1, d2, d3, d4 = docs
    facts = {
        "v1": [fact(d1, "founded", {"org": "Voltcell", "by": "Ostra Motors"}, "Ostra Motors created Voltcell",
                    start="2023-11"),
               fact(d1, "part_of", {"org": "Voltcell", "parent": "Ostra Motors", "form": "subsidiary"},
                    "Voltcell, its battery subsidiary"),
               fact(d1, "position", {"person": "Lea Moss", "org": "Ostra Motors", "role": "head of operations"},
                    "Lea Moss, head of operations at Ostra Motors")],
        "v2": [fact(d2, "position", {"person": "Ines Varga", "org": "Ostra Motors", "role": "chair"},
                    "Ostra Motors chair Ines Varga"),
               fact(d2, "position", {"person": "Lea Moss", "org": "Ostra Motors", "role": "chief operating officer"},
                    "Chief operating officer Lea Moss")],
        "v3": [fact(d3, "position", {"person": "Per Holm", "org": "Ostra Motors", "role": "finance chief"},
                    "Ostra Motors finance chief Per Holm"),
               fact(d3, "position", {"person": "Tom Berg", "org": "Ostra Motors", "role": "CEO"},
                    "Tom Berg became CEO of Ostra Motors in February 2024", start="2024-02")],
        "v4": [fact(d4, "position", {"person": "Ana Ruiz", "org": "Ostra Motors", "role": "CEO"},
                    "Ana Ruiz has been chief executive of Ostra Motors since 2016", start="2016")],
    }
    types = {"Ostra Motors": "organization", "Voltcell": "organization", "Lea Moss": "person",
             "Ines Varga": "person", "Per Holm": "person", "Tom Berg": "person", "Ana Ruiz": "person"}
    with Ledger(db) as led:
        for d in docs:
            names = {v for f in facts[d.doc_id] for v in f.args.values() if v in types}
            led.store.add_document_with_facts(d, facts[d.doc_id], [Entity(n, types[n]) for n in sorted(names)],
                                              claim_key=claim_key)
        led.rebuild_claims()
    s = Store.open(str(db), create=False)
    yield s
    s.close()




def people(org: dict) -> list[tuple[str, str]]:
    return sorted((p["name"], p["detail"]["role"]) for p in org["people"])


def test_both_ends_of_a_link_show_the_same_link(ledger):
    """The parent's view and the unit's view of one part_of agree at every date."""
    for day in ("2023-10-31", "2023-12-15", "2026-01-01"):
        down = [u for u in query.org_at(ledger, "Ostra Motors", day)["subsidiaries"] if u["name"] == "Voltcell"]
        up = [p for p in query.org_at(ledger, "Voltcell", day)["parents"] if p["name"] == "Ostra Motors"]
        assert bool(down) == bool(up) == (day != "2023-10-31")
        if down:
            assert (down[0]["since"], down[0]["until"]) == (up[0]["since"], up[0]["until"]) == ("2023-11", None)


def test_a_chair_reported_in_2025_is_in_the_chart_of_2024(ledger):
    assert ("Ines Varga", "chair") in people(query.org_at(ledger, "Ostra Motors", "2024-06-01"))


def test_one_role_one_label_in_every_view(ledger):
    """'head of operations' and 'chief operating officer' are one role, shown as COO."""
    org = people(query.org_at(ledger, "Ostra Motors", "2025-08-01"))
    assert ("Lea Moss", "COO") in org
    profile = query.entity_profile(ledger, "Lea Moss")
    assert [ln["args"]["role"] for ln in profile["facts"]["position"]] == ["COO"]


def test_a_finance_chief_is_never_a_ceo_until_his_report(ledger):
    at = query.org_at(ledger, "Ostra Motors", "2024-02-15")
    assert ("Per Holm", "CFO") in people(at)
    assert all(p["until"] is None for p in at["people"] if p["name"] == "Per Holm")


def test_succession_reads_the_same_in_org_timeline_and_entity(ledger):
    ceo = lambda day: [n for n, r in people(query.org_at(ledger, "Ostra Motors", day)) if r == "CEO"]  # noqa: E731
    assert ceo("2024-01-31") == ["Ana Ruiz"] and ceo("2024-02-01") == ["Tom Berg"]
    ends = [ln for ln in query.timeline(ledger, "Ana Ruiz")["lines"] if ln["kind"] == "end"]
    assert [(ln["date"], ln["basis"], ln["note"]) for ln in ends] == [("2024-02", "inferred", "succeeded by Tom Berg")]
    line, = query.entity_profile(ledger, "Ana Ruiz")["facts"]["position"]
    assert line["history"]["ended"]["note"] == "succeeded by Tom Berg"
    assert line["history_text"] == "2016 – 2024-02 (succeeded by Tom Berg)"
    d = query.diff(ledger, "Ostra Motors", "2023-06", "2024-06")
    assert ("people", "Ana Ruiz") in {(i["category"], i["name"]) for i in d["removed"]}


def test_the_claims_export_carries_the_same_histories(ledger):
    buf = io.StringIO()
    export.write(ledger, "claims", buf)
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    tie = next(r for r in rows if r["type"] == "part_of")
    assert tie["history"]["started"]["date"] == "2023-11" and tie["history"]["started"]["basis"] == "inferred"
    assert all("origins" in r and r["independent_sources"] == len(r["origins"]) for r in rows)


def test_the_web_timeline_draws_each_tie_from_its_history(ledger):
    """Bars: open where the start is unknown, dashed where the end is inferred, and a tick
    at each dated end linking to its evidence."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    with TestClient(create_app(ledger.location), base_url="http://127.0.0.1") as client:
        page = client.get("/entity", params={"name": "Ostra Motors"}).text
    svg = page[page.index('id="timeline-chart"'):]
    svg = svg[:svg.index("</svg>")]
    marks = re.findall(r'<g class="mark bar[^"]*" data-lane="people">(.*?)</g>', svg, re.S)
    ana = next(m for m in marks if "Ana Ruiz" in m)
    assert 'class="inferred-end"' in ana and "succeeded by Tom Berg" in ana
    assert re.search(r'class="start-tick"', ana)                         # "since 2016": evidence
    assert re.search(r'href="/doc\?id=v4#ev-\w+"><line class="start-tick"', ana)
    assert re.search(r'href="/doc\?id=v3"><line class="end-tick"', ana)   # the successor's article
    varga = next(m for m in marks if "Ines Varga" in m)
    assert 'class="open-start"' in varga and 'class="open-end"' in varga
    assert 'rx="0"' in varga                                             # no start: an open left edge
    assert 'class="start-tick"' not in varga


def test_a_start_dated_by_an_announcement_is_weaker_than_a_stated_one():
    """'Finance director Lea Moss, who joined in 2022' and, next day, 'chief financial
    officer Lea Moss taking over as acting CEO, the bank said on Wednesday': the CFO
    post started in 2022; the announcement dates the acting CEO post, not the CFO's."""
    a = doc("a", text(0, "Finance director Lea Moss, who joined Ostra Motors in 2022, stays."),
            published="2025-10-23")
    b = doc("b", text(1, "Ostra Motors said on Wednesday chief financial officer Lea Moss takes over."),
            published="2025-10-23")
    cfo = {"person": "Lea Moss", "org": "Ostra Motors", "role": "CFO"}
    claim = only(build_claims([fact(a, "position", cfo, "Lea Moss, who joined Ostra Motors in 2022", start="2022"),
                               fact(b, "position", cfo, "chief financial officer Lea Moss", start="2025-10-22",
                                    approx=True)], docs_of(a, b)))
    assert claim.conflicts == []
    assert (claim.history.started.date, claim.history.started.doc_ids) == ("2022", ["a"])


def test_a_copy_read_differently_takes_no_side_even_among_other_sources():
    """Two pages carry one sentence and read its date differently; a third source gives
    a date of its own: the conflict is between the third and the first, never between
    the two copies' identical words."""
    sentence = "Ostra Motors said on Thursday it had dropped its bid for Voltcell."
    a, b = doc("a", text(0, sentence), published="2025-08-08"), doc("b", text(5, sentence), published="2025-08-15")
    c = doc("c", text(2, "The bid for Voltcell was withdrawn on August 1."), published="2025-08-08")
    args = {"acquirer": "Ostra Motors", "target": "Voltcell"}
    claim = only(build_claims([fact(a, "acquisition", args, sentence, start="2025-08-07", status="cancelled"),
                               fact(b, "acquisition", args, sentence, start="2025-08-14", status="cancelled"),
                               fact(c, "acquisition", args, "The bid for Voltcell was withdrawn", start="2025-08-01",
                                    status="cancelled")], docs_of(a, b, c)))
    assert [v["doc_ids"] for v in claim.conflicts[0].values] == [["c"], ["a"]]
    quoted = [{s.evidence.text for s in claim.sources if s.doc_id in v["doc_ids"]} for v in claim.conflicts[0].values]
    assert not set.intersection(*quoted)


# ------------------------------------------------------------------ older ledgers

def test_claims_an_older_version_built_are_rebuilt_when_the_ledger_is_opened(ledger_url):
    """A ledger whose claims carry no histories (built before claims_version 5) gets
    them rebuilt once, on the first open for writing; the facts stay as they were."""
    a = doc("a", text(0, "Ana Ruiz has been chief executive of Ostra Motors since 2016."), published="2021-02-15")
    b = doc("b", text(1, "Tom Berg became CEO of Ostra Motors in February 2024."), published="2024-03-01")
    facts = [ceo_facts(a, "Ana Ruiz", "Ana Ruiz has been chief executive of Ostra Motors since 2016", start="2016"),
             ceo_facts(b, "Tom Berg", "Tom Berg became CEO of Ostra Motors in February 2024", start="2024-02")]
    with Ledger(ledger_url) as led:
        for d, f in ((a, facts[0]), (b, facts[1])):
            led.store.add_document_with_facts(
                d, [f], [Entity("Ostra Motors", "organization"), Entity(f.args["person"], "person")],
                claim_key=claim_key)
        led.rebuild_claims()
        fresh = [c.to_json() for c in led.claims()]
        # make it look like a ledger of the previous version: old meta, claims without histories
        with led.store.transaction():
            led.store.set_meta("claims_version", "4")
            for row in led.store._rows("SELECT claim_id, data FROM claims"):
                data = json.loads(row[1])
                data.pop("history", None), data.pop("origins", None)
                led.store._execute("UPDATE claims SET data = ? WHERE claim_id = ?", (json.dumps(data), row[0]))
        assert all(c.history is None for c in led.store.claims())
    with Ledger(ledger_url, upgrade=False) as untouched:          # the web app's requests
        assert all(c.history is None for c in untouched.claims())
        # views still read them: the history comes from the sources
        ceo = [p["name"] for p in query.org_at(untouched.store, "Ostra Motors", "2024-02-01")["people"]]
        assert ceo == ["Tom Berg"]
    with Ledger(ledger_url) as upgraded:
        assert upgraded.store.meta("claims_version") == CLAIMS_VERSION
        assert [c.to_json() for c in upgraded.claims()] == fresh
        ana = next(c for c in upgraded.claims() if c.args["person"] == "Ana Ruiz")
        assert ana.history.ended.note == "succeeded by Tom Berg"
