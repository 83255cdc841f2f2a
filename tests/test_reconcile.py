"""Tests for newsledger.reconcile: merging per-article facts into cross-outlet claims.

Every document and fact here is synthetic and built by hand, so each test shows
exactly which judgment it checks.
"""
from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.models import Claim, Document, Evidence, Fact, TimeSpan
from newsledger.reconcile import (build_claims, claim_key, keys_touched, normalise_role,
                                  origin_groups)

# ------------------------------------------------------------------ helpers

# Distinct texts, so no two test documents look like copies of each other.
TEXTS = {
    "a": "Acme Motors said on Monday it would deepen its alliance with Borealis Energy. "
         "The carmaker has been looking for battery partners for several years now.",
    "b": "Borealis Energy and Acme Motors extend cooperation, a spokesperson for the "
         "Nordic supplier confirmed in an emailed statement to our newsroom.",
    "c": "Industry analysts in Frankfurt welcomed the tie-up between the two groups, "
         "citing falling cell prices and a tougher regulatory climate in Europe.",
    "d": "A fourth outlet covered the story with its own reporting from the factory "
         "floor, interviewing workers about shifts, pay and the new production line.",
}


def doc(doc_id: str, text: str | None = None, published: str | None = "2025-08-01",
        outlet: str | None = None) -> Document:
    return Document(doc_id=doc_id, text=text if text is not None else TEXTS[doc_id],
                    outlet=outlet or f"Outlet {doc_id.upper()}", published=published)


def fact(d: Document, type_: str, args: dict, start: str | None = None, end: str | None = None,
         approx: bool = False, status: str | None = "actual", attributed_to: str | None = None,
         evidence: str | None = None) -> Fact:
    """A fact whose evidence is a verbatim slice of the document (the first 30 chars by default)."""
    ev_text = evidence if evidence is not None else d.text[:30]
    i = d.text.find(ev_text)
    assert i >= 0, "evidence must be a slice of the document"
    return Fact(doc_id=d.doc_id, type=type_, args=args, evidence=Evidence.of(d.text, i, i + len(ev_text)),
                time=TimeSpan(start, end, approx), status=status, attributed_to=attributed_to)


def docs_of(*documents: Document) -> dict[str, Document]:
    return {x.doc_id: x for x in documents}


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [c.to_json() for c in claims]
    return claims[0]


def fields(claim: Claim) -> list[str]:
    return [c.field for c in claim.conflicts]


def as_json(claims: list[Claim]) -> list[dict]:
    return [c.to_json() for c in claims]


CEO = lambda role="CEO": {"person": "Jeanne Dupré", "org": "Acme Motors", "role": role}  # noqa: E731
PARTNER = {"org": "Acme Motors", "partner": "Borealis Energy"}


# ------------------------------------------------------------------ agreement

def test_agreeing_outlets_make_one_claim_with_two_independent_sources():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "partner", PARTNER), fact(b, "partner", PARTNER)], docs_of(a, b)))
    assert {s.doc_id for s in claim.sources} == {"a", "b"}
    assert claim.independent_sources == 2
    assert claim.conflicts == []
    assert claim.based_on == []
    assert {s.outlet for s in claim.sources} == {"Outlet A", "Outlet B"}


def test_entity_names_compare_after_accent_folding():
    a, b = doc("a"), doc("b")
    f1 = fact(a, "position", {"person": "François Provost", "org": "Renault Group", "role": "CEO"})
    f2 = fact(b, "position", {"person": "Francois Provost", "org": "renault group", "role": "chief executive"})
    assert claim_key(f1) == claim_key(f2)
    assert only(build_claims([f1, f2], docs_of(a, b))).independent_sources == 2


def test_partner_pair_is_unordered():
    a, b = doc("a"), doc("b")
    f1 = fact(a, "partner", {"org": "Acme Motors", "partner": "Borealis Energy"})
    f2 = fact(b, "partner", {"org": "Borealis Energy", "partner": "Acme Motors"})
    assert claim_key(f1) == claim_key(f2)
    assert len(only(build_claims([f1, f2], docs_of(a, b))).sources) == 2


def test_ordered_types_keep_their_direction():
    a, b = doc("a"), doc("b")
    f1 = fact(a, "part_of", {"org": "Ampere", "parent": "Renault Group"})
    f2 = fact(b, "part_of", {"org": "Renault Group", "parent": "Ampere"})
    assert len(build_claims([f1, f2], docs_of(a, b))) == 2


# ------------------------------------------------------------------ time

def test_time_conflict_july_vs_august_lists_both_values_with_doc_ids():
    a, b = doc("a", published="2026-01-22"), doc("b", published="2026-01-23")
    claim = only(build_claims([fact(a, "position", CEO(), start="2025-07"),
                               fact(b, "position", CEO(), start="2025-08")], docs_of(a, b)))
    assert fields(claim) == ["time"]
    assert claim.conflicts[0].values == [{"value": {"start": "2025-07"}, "doc_ids": ["a"]},
                                         {"value": {"start": "2025-08"}, "doc_ids": ["b"]}]
    assert claim.time.start == "2025-07"          # a tie goes to the earliest published


@pytest.mark.parametrize("t1, t2, expected_start", [
    (("2025", False), ("2025-07", False), "2025-07"),          # coarser year holds the month
    (("2024-01", False), ("2024-H1", True), "2024-01"),        # "early 2024" (approx)
    (("2025-09", False), ("2025-Q4", True), "2025-09"),        # overlaps within a month's slack
    (("2025-07", False), ("2025-07-31", False), "2025-07-31"),
])
def test_compatible_precision_is_not_a_conflict(t1, t2, expected_start):
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "position", CEO(), start=t1[0], approx=t1[1]),
                               fact(b, "position", CEO(), start=t2[0], approx=t2[1])], docs_of(a, b)))
    assert claim.conflicts == []
    assert claim.time.start == expected_start      # the most precise of the agreeing times


def test_a_source_without_time_conflicts_with_nothing():
    a, b, c = doc("a"), doc("b"), doc("c")
    claim = only(build_claims([fact(a, "founded", {"org": "Ampere"}, start="2023"),
                               fact(b, "founded", {"org": "Ampere"}),
                               fact(c, "founded", {"org": "Ampere"}, start="2023-11")], docs_of(a, b, c)))
    assert claim.conflicts == []
    assert claim.time.start == "2023-11"


def test_end_dates_are_compared_too():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "position", CEO(), end="2025-06", status="former"),
                               fact(b, "position", CEO(), end="2024-02", status="former")], docs_of(a, b)))
    assert fields(claim) == ["time"]


# ------------------------------------------------------------------ status

def test_planned_and_cancelled_ipo_are_two_claims():
    a, b = doc("a"), doc("b")
    claims = build_claims([fact(a, "ipo", {"org": "Ampere"}, status="planned", start="2024-H1"),
                           fact(b, "ipo", {"org": "Ampere"}, status="cancelled", start="2024-01")],
                          docs_of(a, b))
    assert sorted(c.status for c in claims) == ["cancelled", "planned"]
    assert len({c.claim_id for c in claims}) == 2
    assert all(c.conflicts == [] for c in claims)


def test_one_site_named_plant_or_factory_is_one_claim_another_kind_of_site_is_not():
    a, b, c = doc("a"), doc("b"), doc("c")
    runs = lambda site: {"org": "Greyfell Capital", "facility": site}  # noqa: E731
    claim = only(build_claims([fact(a, "operates", runs("Lodi plant")),
                               fact(b, "operates", runs("Lodi factory")),
                               fact(c, "operates", runs("Lodi manufacturing site"))], docs_of(a, b, c)))
    assert claim.independent_sources == 3
    assert len(build_claims([fact(a, "operates", runs("Lodi plant")),
                             fact(b, "operates", runs("Lodi mine"))], docs_of(a, b))) == 2


def test_missing_status_counts_as_actual_for_status_keyed_types():
    a, b = doc("a"), doc("b")
    f1 = fact(a, "acquisition", {"acquirer": "Honda", "target": "Nissan"}, status=None)
    f2 = fact(b, "acquisition", {"acquirer": "Honda", "target": "Nissan"}, status="actual")
    assert claim_key(f1) == claim_key(f2)


def test_closed_planned_vs_actual_on_the_same_day_is_a_status_conflict():
    """'Will close' against 'closed on 9 January', reported the same day."""
    a, b = doc("a", published="2026-01-22"), doc("b", published="2026-01-22")
    claim = only(build_claims([fact(a, "closed", {"org": "Mobilize"}, status="planned"),
                               fact(b, "closed", {"org": "Mobilize"}, status="actual", start="2026-01-09")],
                              docs_of(a, b)))
    assert fields(claim) == ["status"]
    assert claim.conflicts[0].values == [{"value": "actual", "doc_ids": ["b"]},
                                         {"value": "planned", "doc_ids": ["a"]}]


@pytest.mark.parametrize("start, approx", [(None, False), ("2026-01-21", True)])
def test_an_undated_or_announcement_dated_done_does_not_contradict_planned(start, approx):
    """'Cutting 380 jobs' / 'is to be merged' read as done, undated or dated only by the
    announcement ('..., the company said on Wednesday'), against 'will cut 380 jobs' the
    same day: the news present of one announcement, not a disagreement."""
    a, b = doc("a", published="2026-01-22"), doc("b", published="2026-01-22")
    claim = only(build_claims([fact(a, "job_cuts", {"org": "Meridel", "count": 380}, status="planned"),
                               fact(b, "job_cuts", {"org": "Meridel", "count": 380}, status="actual",
                                    start=start, approx=approx)], docs_of(a, b)))
    assert claim.conflicts == []


def test_an_undated_done_beside_its_own_will_is_the_plan_told_twice():
    """'Cruise is absorbed into GM' and 'Cruise would be integrated into GM' in one
    article: the plan, told twice; it takes no 'done' side against another outlet."""
    a, b = doc("a", published="2026-01-22"), doc("b", published="2026-01-22")
    into = {"org": "Cruise", "into": "General Motors"}
    claim = only(build_claims([fact(a, "merged_into", into, status="actual"),
                               fact(a, "merged_into", into, status="planned", evidence=a.text[30:60]),
                               fact(b, "merged_into", into, status="cancelled")], docs_of(a, b)))
    assert claim.conflicts == []
    # nor a side against a dated 'done' elsewhere: it told a change itself
    c = doc("c", published="2026-01-22")
    claim = only(build_claims([fact(a, "merged_into", into, status="actual"),
                               fact(a, "merged_into", into, status="planned", evidence=a.text[30:60]),
                               fact(c, "merged_into", into, status="actual", start="2026-01-05")],
                              docs_of(a, c)))
    assert claim.conflicts == []


def test_an_undated_done_still_contradicts_called_off():
    a, b = doc("a", published="2026-01-22"), doc("b", published="2026-01-22")
    claim = only(build_claims([fact(a, "closed", {"org": "Mobilize"}, status="cancelled"),
                               fact(b, "closed", {"org": "Mobilize"}, status="actual")], docs_of(a, b)))
    assert fields(claim) == ["status"]
    assert claim.conflicts[0].values == [{"value": "actual", "doc_ids": ["b"]},
                                         {"value": "cancelled", "doc_ids": ["a"]}]


def test_a_price_paid_and_a_price_to_be_paid_are_one_figure():
    a, b = doc("a", published="2026-01-22"), doc("b", published="2026-01-22")
    price = {"entity": "Kettujarvi", "measure": "price", "value": 180_000_000, "unit": "USD"}
    claim = only(build_claims([fact(a, "metric", price, status="actual"),
                               fact(b, "metric", price, status="planned")], docs_of(a, b)))
    assert claim.conflicts == []


def test_planned_then_actual_in_a_later_article_is_progress_not_conflict():
    a, b = doc("a", published="2026-01-22"), doc("b", published="2026-07-02")
    claim = only(build_claims([fact(a, "closed", {"org": "Mobilize"}, status="planned"),
                               fact(b, "closed", {"org": "Mobilize"}, status="actual")], docs_of(a, b)))
    assert claim.conflicts == []
    assert claim.status == "actual"                # the later report is the current state


def test_position_actual_then_former_is_a_change_over_time():
    a, b = doc("a", published="2025-03-01"), doc("b", published="2025-08-01")
    claim = only(build_claims([fact(a, "position", CEO(), status="actual"),
                               fact(b, "position", CEO("former CEO"), status="former")], docs_of(a, b)))
    assert claim.conflicts == []
    assert claim.status == "former"


def test_position_ended_on_a_stated_date_then_reported_in_office_later_is_a_conflict():
    """One outlet says she stepped down in February; another, in August, calls her the
    CEO: both cannot be true on the same day."""
    a, b = doc("a", published="2025-03-01"), doc("b", published="2025-08-01")
    claim = only(build_claims([fact(a, "position", CEO(), status="former", end="2025-02"),
                               fact(b, "position", CEO(), status="actual")], docs_of(a, b)))
    assert fields(claim) == ["status"]
    assert claim.conflicts[0].values == [{"value": "actual", "doc_ids": ["b"]},
                                         {"value": "former", "doc_ids": ["a"]}]


def test_a_title_in_an_article_that_reports_the_exit_is_no_claim_he_still_holds_it():
    """'Brenmoor boss Fenwick' in an article that also reports his exit names him by the
    title of the story it tells: no disagreement with an earlier report of an earlier end."""
    a, b = doc("a", published="2025-10-22"), doc("b", published="2025-10-23")
    claim = only(build_claims([fact(a, "position", CEO(), status="former", end="2025-05"),
                               fact(b, "position", CEO("boss"), status="actual"),
                               fact(b, "position", CEO(), status="former", end="2025")],
                              docs_of(a, b)))
    assert claim.conflicts == []


def test_former_without_a_date_then_in_office_later_is_no_conflict():
    """'Former CEO' in March and 'CEO' in August say nothing about the same day (she may
    have come back); only dates that exclude each other conflict."""
    a, b = doc("a", published="2025-03-01"), doc("b", published="2025-08-01")
    claim = only(build_claims([fact(a, "position", CEO(), status="former"),
                               fact(b, "position", CEO(), status="actual")], docs_of(a, b)))
    assert claim.conflicts == []


def test_unknown_status_disagrees_with_nothing():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "position", CEO("CPO"), status=None),
                               fact(b, "position", CEO("chief procurement officer"), status="former")],
                              docs_of(a, b)))
    assert claim.conflicts == []
    assert claim.status == "former"


# ------------------------------------------------------------------ metrics

REVENUE = lambda value, **kw: {"entity": "Ampere", "measure": "revenue", "value": value,  # noqa: E731
                               "unit": "EUR", **kw}


def test_value_conflict_for_the_same_measure_scope_and_period():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "metric", REVENUE(10_000_000_000), start="2025"),
                               fact(b, "metric", REVENUE(11_000_000_000), start="2025")], docs_of(a, b)))
    assert fields(claim) == ["value"]
    assert claim.conflicts[0].values == [{"value": 10_000_000_000, "doc_ids": ["a"]},
                                         {"value": 11_000_000_000, "doc_ids": ["b"]}]


def test_values_within_two_percent_agree():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "metric", REVENUE(2_300_000)),
                               fact(b, "metric", REVENUE("2,320,000"))], docs_of(a, b)))
    assert claim.conflicts == []


def test_figures_their_qualifiers_reconcile_but_not_one_figure_are_two_claims():
    """'More than 30,000' and 'about 31,000' staff can both be true but are not one
    figure: two claims, no conflict, and the two copies of 'about 31,000' count once
    each way."""
    a, b, c = doc("a"), doc("b"), doc("c")
    staff = lambda v, q: {"entity": "Arkwell", "measure": "employees", "value": v, "qualifier": q}  # noqa: E731
    claims = build_claims([fact(a, "metric", staff(31000, "about")),
                           fact(b, "metric", staff(31000, "about")),
                           fact(c, "metric", staff(30000, "over"))], docs_of(a, b, c))
    assert sorted(sorted(s.doc_id for s in x.sources) for x in claims) == [["a", "b"], ["c"]]
    assert all(x.conflicts == [] for x in claims)


def test_figures_within_rounding_stay_one_claim_and_disagreeing_ones_one_conflict():
    a, b, c = doc("a"), doc("b"), doc("c")
    claim = only(build_claims([fact(a, "metric", REVENUE(2_100_000_000, qualifier="about")),
                               fact(b, "metric", REVENUE(2_080_000_000)),
                               fact(c, "metric", REVENUE(2_100_000_000))], docs_of(a, b, c)))
    assert claim.conflicts == []
    claim = only(build_claims([fact(a, "metric", REVENUE(2_100_000_000)),
                               fact(b, "metric", REVENUE(2_300_000_000))], docs_of(a, b)))
    assert fields(claim) == ["value"]


def test_a_figure_given_approximately_and_bare_in_one_article_is_approximate():
    """'For roughly $4.6bn' and 'the $4.6bn deal' in one article, 'about $4.8bn' in
    another: about 4.6 and about 4.8 can be one price, so no conflict (and, not one
    figure, two claims)."""
    a, b = doc("a"), doc("b")
    price = lambda v, q=None: {"entity": "Lumetra", "measure": "price", "value": v,  # noqa: E731
                               "unit": "USD", "qualifier": q}
    claims = build_claims([fact(a, "metric", price(4.6e9, "roughly")),
                           fact(a, "metric", price(4.6e9), evidence=a.text[30:60]),
                           fact(b, "metric", price(4.8e9, "about"))], docs_of(a, b))
    assert [x.field for c in claims for x in c.conflicts] == []
    # bare in both places, the figures disagree
    claim = only(build_claims([fact(a, "metric", price(4.6e9)), fact(b, "metric", price(4.8e9, "about"))],
                              docs_of(a, b)))
    assert fields(claim) == ["value"]


def test_measures_named_in_other_words_merge_and_keep_the_words_of_their_source():
    a, b = doc("a"), doc("b")
    save = lambda m: {"entity": "Arkwell", "measure": m, "value": 350e6, "unit": "EUR"}  # noqa: E731
    claim = only(build_claims([fact(a, "metric", save("cost_savings"), start="2028", status="target"),
                               fact(b, "metric", save("synergies"), start="2028", status="target")],
                              docs_of(a, b)))
    assert claim.independent_sources == 2 and claim.args["measure"] == "cost_savings"
    fee = lambda m: {"entity": "Harlow", "measure": m, "value": 150e6, "unit": "USD"}  # noqa: E731
    assert len(build_claims([fact(a, "metric", fee("break fee")), fact(b, "metric", fee("termination_fee"))],
                            docs_of(a, b))) == 1
    assert len(build_claims([fact(a, "metric", fee("termination_fee")), fact(b, "metric", save("savings"))],
                            docs_of(a, b))) == 2


def test_scope_difference_is_two_claims_not_a_conflict():
    a, b = doc("a"), doc("b")
    world = {"entity": "Renault Group", "measure": "ev_sales", "value": 194000, "scope": "worldwide"}
    europe = {"entity": "Renault Group", "measure": "ev_sales", "value": 151939, "scope": "Europe"}
    claims = build_claims([fact(a, "metric", world, start="2025"), fact(b, "metric", europe, start="2025")],
                          docs_of(a, b))
    assert len(claims) == 2
    assert all(c.conflicts == [] for c in claims)


def test_scope_synonyms_merge_and_a_figure_without_scope_joins_the_scope_it_repeats():
    a, b, c = doc("a"), doc("b"), doc("c")
    m = lambda scope, v=2_300_000: {"entity": "Acme Motors", "measure": "sales", "value": v,  # noqa: E731
                                    "scope": scope}
    claim = only(build_claims([fact(a, "metric", m("worldwide"), start="2025"),
                               fact(b, "metric", m("global"), start="2025"),
                               fact(c, "metric", m(None), start="2025")], docs_of(a, b, c)))
    assert len(claim.sources) == 3 and claim.conflicts == []
    assert claim.args["measure"] == "vehicle_sales"         # synonyms of one measure merge
    assert claim.args["scope"] in ("worldwide", "global")
    # another figure without a scope is a claim of its own, and so is one that two
    # scopes could own
    claims = build_claims([fact(a, "metric", m("worldwide"), start="2025"),
                           fact(b, "metric", m("Europe"), start="2025"),
                           fact(c, "metric", m(None), start="2025")], docs_of(a, b, c))
    assert sorted(len(x.sources) for x in claims) == [1, 1, 1]


def test_different_measure_unit_family_or_period_are_different_claims():
    a, b = doc("a"), doc("b")
    claims = build_claims([
        fact(a, "metric", REVENUE(10), start="2025"),
        fact(b, "metric", {"entity": "Ampere", "measure": "revenue", "value": 10, "unit": "%"}, start="2025"),
        fact(a, "metric", {"entity": "Ampere", "measure": "profit", "value": 10, "unit": "EUR"}, start="2025"),
        fact(b, "metric", REVENUE(12), start="2024"),
    ], docs_of(a, b))
    assert len(claims) == 4
    assert all(c.conflicts == [] for c in claims)


def test_a_target_is_not_contradicted_by_the_reported_figure():
    a, b = doc("a", published="2024-02-01"), doc("b", published="2026-02-01")
    claims = build_claims([fact(a, "metric", REVENUE(10e9), start="2025", status="target"),
                           fact(b, "metric", REVENUE(3e9), start="2025", status="actual")], docs_of(a, b))
    assert len(claims) == 2
    assert all(c.conflicts == [] for c in claims)


def test_an_undated_figure_joins_the_dated_claim_it_matches():
    a, b = doc("a"), doc("b")
    emp = lambda v: {"entity": "Ampere", "measure": "employees", "value": v}  # noqa: E731
    claim = only(build_claims([fact(a, "metric", emp(11000), start="2025"),
                               fact(b, "metric", emp(11000))], docs_of(a, b)))
    assert claim.independent_sources == 2


def test_figures_in_different_currencies_are_not_a_value_conflict():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "metric", REVENUE(10e9), start="2025"),
                               fact(b, "metric", dict(REVENUE(11.7e9), unit="USD"), start="2025")],
                              docs_of(a, b)))
    assert claim.conflicts == []


def test_job_cut_counts_that_differ_are_a_value_conflict():
    """20,000 vs 19,000 cuts: one plan, two counts."""
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "job_cuts", {"org": "Ampere", "count": 20000}, status="planned"),
                               fact(b, "job_cuts", {"org": "Ampere", "count": 19000}, status="planned")],
                              docs_of(a, b)))
    assert fields(claim) == ["value"]


def test_job_cut_counts_far_apart_are_no_dispute_over_one_figure():
    """1,000 and 3,000 cuts at one company: two rounds or two scopes, not two counts of
    one plan.  The claim (job cuts at Ampere) keeps both sources and reports no conflict."""
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "job_cuts", {"org": "Ampere", "count": 1000}, status="planned"),
                               fact(b, "job_cuts", {"org": "Ampere", "count": 3000}, status="planned")],
                              docs_of(a, b)))
    assert claim.conflicts == []


def test_a_denial_of_cuts_is_no_source_of_the_cuts_reported_beside_it():
    """'The airline cut about 1,100 jobs last year' (a) and 'there were no plans for
    further layoffs' (b): two claims, and neither counts the other's outlet."""
    a, b = doc("a"), doc("b")
    claims = build_claims([fact(a, "job_cuts", {"org": "Acme Motors", "count": 1100}),
                           fact(b, "job_cuts", {"org": "Acme Motors"}, status="negated")],
                          docs_of(a, b))
    assert sorted(c.status for c in claims) == ["actual", "negated"], as_json(claims)
    assert all(c.independent_sources == 1 and not c.conflicts for c in claims)


def test_a_person_named_by_surname_is_the_one_person_of_that_name_at_the_org():
    """'Ibarguren, who became chief executive in January 2023' (b) is the 'Marta
    Ibarguren' (a) names as Telvia's chief executive; two Ibargurens would stay apart."""
    a, b, c = doc("a"), doc("b"), doc("c")
    one = only(build_claims([fact(a, "position", {"person": "Marta Ibarguren", "org": "Telvia", "role": "CEO"}),
                             fact(b, "position", {"person": "Ibarguren", "org": "Telvia", "role": "CEO"})],
                            docs_of(a, b)))
    assert one.args["person"] == "Marta Ibarguren" and one.independent_sources == 2
    two = build_claims([fact(a, "position", {"person": "Marta Ibarguren", "org": "Telvia", "role": "CEO"}),
                        fact(c, "position", {"person": "Pablo Ibarguren", "org": "Telvia", "role": "CEO"}),
                        fact(b, "position", {"person": "Ibarguren", "org": "Telvia", "role": "CEO"})],
                       docs_of(a, b, c))
    assert len(two) == 3, as_json(two)


# ------------------------------------------------------------------ stakes

@pytest.mark.parametrize("s1, s2, conflict", [
    ("50%", "minority", True),
    ("minority", "49%", False),
    ("equal shares", "50 %", False),
    ("wholly-owned", "100%", False),
    ("30%", "45%", True),
    ("19.9%", "20%", False),             # rounding, not a disagreement
    ("19.9%", "16%", True),
])
def test_share_conflicts(s1, s2, conflict):
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "stake", {"owner": "Geely", "org": "Horse", "share": s1}),
                               fact(b, "stake", {"owner": "Geely", "org": "Horse", "share": s2})],
                              docs_of(a, b)))
    assert fields(claim) == (["share"] if conflict else [])


def test_a_stake_changing_over_time_is_a_history_not_a_conflict():
    """15 % in one year's reports, 10 % a year later: the stake was cut."""
    a, b = doc("a", published="2024-03-01"), doc("b", published="2025-04-01")
    claim = only(build_claims([fact(a, "stake", {"owner": "Nissan", "org": "Renault", "share": "15%"}),
                               fact(b, "stake", {"owner": "Nissan", "org": "Renault", "share": "10%"})],
                              docs_of(a, b)))
    assert claim.conflicts == []
    assert claim.args["share"] == "10%"                      # as it stands now


# ------------------------------------------------------------------ roles

@pytest.mark.parametrize("written, canonical", [
    ("CEO", "ceo"), ("Chief Executive Officer", "ceo"), ("chief executive", "ceo"), ("boss", "ceo"),
    ("top executive", "ceo"), ("then-CEO", "ceo"), ("interim CEO", "ceo"), ("former CEO", "ceo"),
    ("new permanent CEO", "ceo"), ("Deputy CEO", "deputy_ceo"),
    ("chairman", "chair"), ("Chairwoman", "chair"),
    ("chief technology officer", "cto"), ("finance chief", "cfo"),
    ("chief procurement, partnerships and public affairs officer", "cpo"),
    ("head of purchasing", "cpo"), ("procurement chief", "cpo"),
    ("chief operating officer", "coo"), ("President", "president"),
    ("head of engineering", "head_of_engineering"), ("in charge of engineering", "head_of_engineering"),
    ("head", "head"), ("in charge of", "head"), ("in charge", "head"),
    ("co-founder", "founder"), ("head of international development", "head_of_international_development"),
])
def test_normalise_role(written, canonical):
    assert normalise_role(written) == canonical


def test_generic_head_merges_with_the_specific_head_role():
    a, b = doc("a"), doc("b")
    role = lambda r: {"person": "Philippe Brunet", "org": "Ampere", "role": r}  # noqa: E731
    claim = only(build_claims([fact(a, "position", role("head of engineering"), start="2025-09"),
                               fact(b, "position", role("in charge of"), start="2025-Q4", approx=True)],
                              docs_of(a, b)))
    assert claim.args["role"] == "head of engineering"
    assert claim.conflicts == []


def test_ceo_and_cto_never_merge():
    a, b = doc("a"), doc("b")
    claims = build_claims([fact(a, "position", CEO("CEO")), fact(b, "position", CEO("CTO"))], docs_of(a, b))
    assert sorted(c.args["role"] for c in claims) == ["CEO", "CTO"]
    assert all(c.conflicts == [] for c in claims)


def test_deputy_ceo_is_not_ceo():
    a, b = doc("a"), doc("b")
    assert len(build_claims([fact(a, "position", CEO("CEO")), fact(b, "position", CEO("deputy CEO"))],
                            docs_of(a, b))) == 2


def test_generic_head_of_a_chair_and_ceo_is_the_ceo():
    """'The head of Acme Motors' who is its chairman and CEO: the head of a company is its
    chief executive."""
    a, b, c = doc("a"), doc("b"), doc("c")
    claims = build_claims([fact(a, "position", CEO("CEO")), fact(b, "position", CEO("chairman")),
                           fact(c, "position", CEO("head"))], docs_of(a, b, c))
    assert sorted((c.args["role"], len(c.sources)) for c in claims) == [("CEO", 2), ("chair", 1)]


def test_ambiguous_generic_head_stays_its_own_claim():
    a, b, c = doc("a"), doc("b"), doc("c")
    claims = build_claims([fact(a, "position", CEO("president")), fact(b, "position", CEO("chairman")),
                           fact(c, "position", CEO("head"))], docs_of(a, b, c))
    assert sorted(c.args["role"] for c in claims) == ["chair", "head", "president"]


def test_the_head_of_a_company_is_not_its_finance_chief():
    """'Duncan Minto, who replaced de Meo' as head of the company is not its CFO role."""
    a, b = doc("a"), doc("b")
    claims = build_claims([fact(a, "position", CEO("chief financial officer")),
                           fact(b, "position", CEO("head"))], docs_of(a, b))
    assert sorted(c.args["role"] for c in claims) == ["CFO", "head"]


def test_role_synonyms_merge_and_the_claim_shows_the_canonical_role():
    a, b, c = doc("a"), doc("b"), doc("c")
    claim = only(build_claims([fact(a, "position", CEO("chief executive")), fact(b, "position", CEO("boss")),
                               fact(c, "position", CEO("CEO"))], docs_of(a, b, c)))
    assert claim.args["role"] == "CEO"
    assert sorted(s.args["role"] for s in claim.sources) == ["CEO", "boss", "chief executive"]


# ------------------------------------------------------------------ independence

def test_two_outlets_citing_the_same_wire_report_count_once():
    a, b = doc("a"), doc("b")
    args = {"org": "Ampere", "into": "Renault Group"}
    claim = only(build_claims([fact(a, "merged_into", args, status="planned", attributed_to="Reuters"),
                               fact(b, "merged_into", args, status="planned", attributed_to="Reuters")],
                              docs_of(a, b)))
    assert claim.independent_sources == 1
    assert claim.based_on == ["Reuters"]


def test_attribution_meets_a_document_that_is_itself_the_wire_copy():
    wire = doc("w", text="PARIS (Reuters) - Renault named its procurement chief as chief executive on "
                         "Wednesday, picking an insider to steer the carmaker through a price war.")
    b, c = doc("b"), doc("c")
    args = CEO()
    claim = only(build_claims([fact(wire, "position", args), fact(b, "position", args, attributed_to="Reuters"),
                               fact(c, "position", args)], docs_of(wire, b, c)))
    assert claim.independent_sources == 2
    assert claim.based_on == ["Reuters"]


def test_vague_attributions_do_not_collapse_sources():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "partner", PARTNER, attributed_to="sources"),
                               fact(b, "partner", PARTNER, attributed_to="sources")], docs_of(a, b)))
    assert claim.independent_sources == 2


AP_STORY = ("DETROIT (AP) — General Motors said Tuesday it will retreat from the robotaxi business and "
            "stop funding its money-losing Cruise autonomous vehicle unit. Instead, the Detroit automaker "
            "will focus on development of partially automated driver-assist systems for personal vehicles "
            "like its Super Cruise, which allows drivers to take their hands off the steering wheel. "
            "The company said it will combine Cruise's technical team with its own to work on advanced "
            "systems to assist drivers.")


def test_a_verbatim_copy_counts_once_and_a_third_outlet_makes_two():
    original = doc("ap", text=AP_STORY, published="2024-12-10")
    # A scraper page: the same story minus the dateline, plus its own page furniture.
    copy_text = AP_STORY.replace("DETROIT (AP) — ", "DETROIT -- ") + "\n2025-04-20 07:32 2818 views\nShare this"
    copy = doc("copy", text=copy_text, published=None)
    other = doc("d", published="2024-12-10")
    assert origin_groups(docs_of(original, copy, other)) == {
        "ap": "wire:ap", "copy": "wire:ap", "d": "doc:d"}
    args = {"org": "Cruise", "parent": "General Motors"}
    ev = "Cruise autonomous vehicle unit"
    claim = only(build_claims([fact(original, "part_of", args, status=None, evidence=ev),
                               fact(copy, "part_of", args, status=None, evidence=ev),
                               fact(other, "part_of", args, status=None)], docs_of(original, copy, other)))
    assert claim.independent_sources == 2
    assert claim.based_on == ["Associated Press"]


def test_near_duplicates_without_a_wire_marker_share_a_dup_origin():
    text = TEXTS["d"] + " " + TEXTS["c"]
    groups = origin_groups(docs_of(doc("x", text=text), doc("y", text=text + " Updated at noon."), doc("a")))
    assert groups["x"] == groups["y"] == "dup:x"
    assert groups["a"] == "doc:a"


@pytest.mark.parametrize("text, agency", [
    ("Tokyo, Feb. 6 (Jiji Press)--Nissan Motor Co. President Makoto Uchida on Thursday told Honda.", "jiji"),
    ("GM to retreat from robotaxis\nBy Associated Press · Tuesday, December 10, 2024\nGeneral Motors said.", "ap"),
    ("General Motors said it will combine teams.\nCopyright © 2024 by The Associated Press. All Rights Reserved.",
     "ap"),
    ("Renault cut its outlook.\n(Reporting by Gilles Guillaume; Editing by Mark Potter)", "reuters"),
])
def test_wire_copies_are_recognised_from_their_own_text(text, agency):
    assert origin_groups({"x": doc("x", text=text)}) == {"x": f"wire:{agency}"}


def test_photo_credits_and_citations_do_not_make_a_wire_copy():
    text = ("A Cruise vehicle leaves a lot in San Francisco.\n© 2022 Bloomberg Finance LP\n"
            "General Motors said it is ending the unit, as first reported by Reuters.")
    assert origin_groups({"x": doc("x", text=text)}) == {"x": "doc:x"}


def test_outlet_naming_the_wire_marks_a_copy():
    assert origin_groups(docs_of(doc("a", outlet="Glance (Reuters)"))) == {"a": "wire:reuters"}


def test_the_agencys_own_story_and_a_rewrite_crediting_it_count_once():
    """A Dow Jones story carries its outlet, not '(Dow Jones)', in its dateline
    ('AMSTERDAM--Shares in ...'); the paper that says 'Dow Jones Newswires reported'
    rewrote it."""
    wire = doc("w", text="AMSTERDAM--Shares in Brightvale rose 8% on their debut on Monday after the "
                         "spin-off from its former parent was completed.", outlet="Dow Jones Newswires")
    paper = doc("p", text="Brightvale shares jumped on their first day of trading, Dow Jones Newswires "
                          "reported, after the broadcaster completed the spin-off.", outlet="Holland Daily")
    assert origin_groups(docs_of(wire, paper)) == {"w": "wire:dowjones", "p": "doc:p"}
    args = {"org": "Brightvale"}
    claim = only(build_claims([fact(wire, "ipo", args), fact(paper, "ipo", args)], docs_of(wire, paper)))
    assert claim.independent_sources == 1
    assert claim.based_on == ["Dow Jones Newswires"]


@pytest.mark.parametrize("credit", [
    "This story was originally published by Bloomberg.",
    "Written by Bloomberg staff.",
    "Bloomberg News contributed reporting.",
    "Bloomberg News said, citing people familiar with the matter.",
    "\n— Bloomberg",
])
def test_a_rewrite_crediting_the_agency_in_other_words_counts_once_with_it(credit):
    wire = doc("w", text="LONDON (Bloomberg) -- Acme Motors will shut its Lodi plant next year, people "
                         "familiar with the matter said, ending car production at the site.")
    paper = doc("p", text="Acme Motors is preparing to close its factory in Lodi in 2026, putting four "
                          "hundred jobs at risk in the region. " + credit, outlet="Lodi Evening Post")
    args = {"org": "Acme Motors", "facility": "Lodi plant"}
    claim = only(build_claims([fact(wire, "operates", args, status="planned"),
                               fact(paper, "operates", args, status="planned")], docs_of(wire, paper)))
    assert claim.independent_sources == 1


def test_the_outlets_own_reporting_is_no_credit_of_an_agency():
    a = doc("a", text="Acme Motors will shut its Lodi plant next year. The report was published by the "
                      "company on Monday. Bloomberg said it had no comment on its own terminal sales.")
    b = doc("b")
    args = {"org": "Acme Motors", "facility": "Lodi plant"}
    claim = only(build_claims([fact(a, "operates", args), fact(b, "operates", args)], docs_of(a, b)))
    assert claim.independent_sources == 2


QUOTE = "“We will keep every one of our engineers and build the next generation of cars here,” "


def test_two_reporters_quoting_one_statement_are_two_sources():
    """Both outlets quote the chief executive's press conference: each reported it."""
    a = doc("a", text="Speaking in Paris, the chief executive said: " + QUOTE + "adding more later.")
    b = doc("b", text="Asked about jobs, " + QUOTE + "the boss told a press conference in Guyancourt.")
    ev = "We will keep every one of our engineers"
    claim = only(build_claims([fact(a, "job_cuts", {"org": "Ampere"}, status="negated", evidence=ev),
                               fact(b, "job_cuts", {"org": "Ampere"}, status="negated", evidence=ev)],
                              docs_of(a, b)))
    assert claim.independent_sources == 2


def test_a_short_shared_quotation_does_not_collapse_sources():
    short = "“No job cuts are planned,”"
    a = doc("a", text="Speaking in Paris, the chief executive said: " + short + " adding more later.")
    b = doc("b", text="Asked about jobs, " + short + " the boss told a press conference in Guyancourt.")
    claim = only(build_claims([fact(a, "job_cuts", {"org": "Ampere"}, status="negated", evidence="No job cuts"),
                               fact(b, "job_cuts", {"org": "Ampere"}, status="negated", evidence="No job cuts")],
                              docs_of(a, b)))
    assert claim.independent_sources == 2


def test_two_mentions_in_one_document_are_one_origin():
    a, b = doc("a"), doc("b")
    claim = only(build_claims([fact(a, "partner", PARTNER), fact(a, "partner", PARTNER, evidence="Borealis"),
                               fact(b, "partner", PARTNER)], docs_of(a, b)))
    assert len(claim.sources) == 3
    assert claim.independent_sources == 2


# ------------------------------------------------------------------ ids and incremental updates

def corpus() -> tuple[dict[str, Document], dict[str, list[Fact]]]:
    a, b, c = doc("a", published="2026-01-22"), doc("b", published="2026-01-23"), doc("c", published="2026-02-01")
    facts = {
        "a": [fact(a, "position", CEO(), start="2025-07"), fact(a, "partner", PARTNER),
              fact(a, "metric", REVENUE(10e9), start="2025"), fact(a, "ipo", {"org": "Ampere"}, status="planned")],
        "b": [fact(b, "position", CEO("chief executive"), start="2025-07"),
              fact(b, "partner", {"org": "Borealis Energy", "partner": "Acme Motors"}),
              fact(b, "closed", {"org": "Mobilize"})],
        "c": [fact(c, "position", CEO("boss"), start="2025-08"), fact(c, "metric", REVENUE(12e9), start="2025"),
              fact(c, "ipo", {"org": "Ampere"}, status="cancelled")],
    }
    return docs_of(a, b, c), facts


def key_of_claim(claim: Claim, facts: list[Fact]) -> str:
    by_id = {(f.doc_id, f.fact_id): f for f in facts}
    return claim_key(by_id[(claim.sources[0].doc_id, claim.sources[0].fact_id)])


def test_incremental_update_matches_a_full_rebuild():
    documents, facts = corpus()
    old_facts = facts["a"] + facts["b"]
    all_facts = old_facts + facts["c"]
    before = build_claims(old_facts, documents)
    full = build_claims(all_facts, documents)

    touched = keys_touched(facts["c"])
    rebuilt = build_claims([f for f in all_facts if claim_key(f) in touched], documents)
    kept = [c for c in before if key_of_claim(c, old_facts) not in touched]

    assert as_json(kept) == as_json([c for c in full if key_of_claim(c, all_facts) not in touched])
    assert as_json(rebuilt) == as_json([c for c in full if key_of_claim(c, all_facts) in touched])
    assert sorted(c.claim_id for c in kept + rebuilt) == sorted(c.claim_id for c in full)
    # the new article created a time conflict, a value conflict and a new ipo claim
    ceo = next(c for c in full if c.type == "position")
    assert fields(ceo) == ["time"] and ceo.independent_sources == 3


def test_claim_ids_are_stable_across_runs_and_corpora():
    documents, facts = corpus()
    everything = facts["a"] + facts["b"] + facts["c"]
    first, second = build_claims(everything, documents), build_claims(list(reversed(everything)), documents)
    assert as_json(first) == as_json(second)
    assert all(re.fullmatch(r"c[0-9a-f]{10}", c.claim_id) for c in first)
    assert len({c.claim_id for c in first}) == len(first)
    partner_alone = only(build_claims(facts["a"][1:2], documents))
    assert partner_alone.claim_id == next(c.claim_id for c in first if c.type == "partner")


# ------------------------------------------------------------------ properties

DOCS = {
    "p1": doc("p1", text=TEXTS["a"], published="2025-01-10"),
    "p2": doc("p2", text=TEXTS["b"], published="2025-01-10"),
    "p3": doc("p3", text=TEXTS["c"], published="2025-03-05"),
    "p4": doc("p4", text=TEXTS["d"], published=None),
}
NAMES = ["Acme Motors", "Borealis Energy", "Ampère", "ampere"]
TIMES = [None, "2024", "2024-H1", "2024-01", "2024-02", "2024-Q3", "2025-07-31"]
ROLES = ["CEO", "chief executive", "CTO", "head", "in charge of engineering", "head of engineering", "deputy CEO"]


@st.composite
def facts_strategy(draw) -> Fact:
    d = DOCS[draw(st.sampled_from(sorted(DOCS)))]
    kind = draw(st.sampled_from(["position", "metric", "partner", "ipo", "closed", "stake"]))
    name, other = draw(st.sampled_from(NAMES)), draw(st.sampled_from(NAMES))
    args = {
        "position": lambda: {"person": "Jeanne Dupré", "org": name, "role": draw(st.sampled_from(ROLES))},
        "metric": lambda: {"entity": name, "measure": draw(st.sampled_from(["revenue", "turnover", "employees"])),
                           "value": draw(st.sampled_from([100, 101, 120, None])),
                           "unit": draw(st.sampled_from([None, "EUR", "USD", "%"])),
                           "scope": draw(st.sampled_from([None, "Europe", "global"]))},
        "partner": lambda: {"org": name, "partner": other},
        "ipo": lambda: {"org": name},
        "closed": lambda: {"org": name},
        "stake": lambda: {"owner": name, "org": other,
                          "share": draw(st.sampled_from([None, "50%", "minority", "majority", "49%"]))},
    }[kind]()
    start = draw(st.integers(0, len(d.text) - 10))
    return Fact(doc_id=d.doc_id, type=kind, args=args, evidence=Evidence.of(d.text, start, start + 10),
                time=TimeSpan(draw(st.sampled_from(TIMES)), None, draw(st.booleans())),
                status=draw(st.sampled_from([None, "actual", "planned", "cancelled", "former", "target"])),
                attributed_to=draw(st.sampled_from([None, None, "Reuters", "AP"])))


PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY_SETTINGS
@given(st.lists(facts_strategy(), max_size=25))
def test_every_fact_lands_in_exactly_one_claim(facts):
    claims = build_claims(facts, DOCS)
    seen = [(s.doc_id, s.fact_id) for c in claims for s in c.sources]
    assert sorted(seen) == sorted({(f.doc_id, f.fact_id) for f in facts})
    for c in claims:
        assert 1 <= c.independent_sources <= len({s.doc_id for s in c.sources})
        for conflict in c.conflicts:
            assert len(conflict.values) >= 2


@PROPERTY_SETTINGS
@given(st.lists(facts_strategy(), max_size=25), st.randoms(use_true_random=False))
def test_claims_do_not_depend_on_input_order(facts, rnd: random.Random):
    shuffled = list(facts)
    rnd.shuffle(shuffled)
    assert as_json(build_claims(facts, DOCS)) == as_json(build_claims(shuffled, DOCS))


@PROPERTY_SETTINGS
@given(st.lists(facts_strategy(), max_size=20), st.lists(facts_strategy(), max_size=8))
def test_rebuilding_touched_keys_equals_a_full_rebuild(old, new):
    everything = old + new
    touched = keys_touched(new)
    full = build_claims(everything, DOCS)
    before = build_claims(old, DOCS)
    rebuilt = build_claims([f for f in everything if claim_key(f) in touched], DOCS)
    kept = [c for c in before if key_of_claim(c, old) not in touched]
    assert sorted(as_json(kept + rebuilt), key=lambda c: c["claim_id"]) == \
        sorted(as_json(full), key=lambda c: c["claim_id"])


def test_the_days_two_stories_were_told_on_are_no_dates_to_dispute():
    """News told without a date takes its story's day (extract/timing.py); two outlets
    publishing a day apart then give two days that nobody stated: no time conflict, while
    two days the texts state ('on Sunday' / 'on Monday') still disagree."""
    from dataclasses import replace
    from newsledger.models import HANDED_OVER, STORY_DAY
    a, b = doc("a", published="2025-08-01"), doc("b", published="2025-08-02")
    told = [replace(fact(a, "closed", {"org": "Kolding brewery"}, start="2025-08-01", approx=True),
                    time=TimeSpan("2025-08-01", None, True, STORY_DAY)),
            replace(fact(b, "closed", {"org": "Kolding brewery"}, start="2025-08-02", approx=True),
                    time=TimeSpan("2025-08-02", None, True, STORY_DAY))]
    claim = only(build_claims(told, docs_of(a, b)))
    assert fields(claim) == [] and claim.independent_sources == 2
    stated = [fact(a, "closed", {"org": "Kolding brewery"}, start="2025-07-27"),
              fact(b, "closed", {"org": "Kolding brewery"}, start="2025-07-28")]
    assert fields(only(build_claims(stated, docs_of(a, b)))) == ["time"]
    # a predecessor's end carried over from the successor's start in one article does not
    # dispute the day another article says the predecessor left
    ceo = {"person": "Ana Ruiz", "org": "Ostra Motors", "role": "CEO"}
    left = [replace(fact(a, "position", ceo, status="former"), time=TimeSpan(None, "2025-07-30", True, HANDED_OVER)),
            fact(b, "position", ceo, end="2025-07-15", status="former")]
    assert [c for c in build_claims(left, docs_of(a, b)) if fields(c)] == []
