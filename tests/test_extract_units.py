"""The extraction pieces on their own: roles, modality, the sentence view, mention typing."""
import pytest

from newsledger.extract.analysis import analyse
from newsledger.extract.roles import role_name, split_roles
from newsledger.extract.text import parser_form
from newsledger.extract.view import View, modality
from newsledger.nlp import load


@pytest.fixture(scope="module")
def nlp():
    return load()


@pytest.mark.parametrize("phrase,role", [
    ("Chief Executive Officer", "CEO"), ("chief executive", "CEO"), ("boss", "CEO"),
    ("chairman of the board of directors", "chair"), ("procurement chief", "CPO"),
    ("chief procurement, partnerships and public affairs officer", "CPO"),
    ("chief technology officer", "CTO"), ("head of engineering", "head of engineering"),
    ("head of international development", "head of international development"),
    ("deputy CEO", "deputy CEO"), ("finance chief", "CFO"),
])
def test_role_names(phrase, role):
    assert role_name(phrase) == role


def test_two_roles_joined_by_and_are_two_roles():
    assert split_roles("chair and CEO") == ["chair", "CEO"]
    assert split_roles("Chairman and CEO") == ["chair", "CEO"]


@pytest.mark.parametrize("before,status", [
    ("Renault Group will", "planned"), ("the plan does not include any", "negated"),
    ("employees are not expected to face", "negated"), ("the company", "actual"),
    ("The former executive had planned Ampere to", "planned"),
    ("Lumen will take over the plant , which currently", "actual"),
])
def test_modality(before, status):
    assert modality(before) == status


def test_parser_form_keeps_every_offset():
    text = "Renault\u2019s \u201cplan\u201d \u2013 Douai\u2014Ruitz, (Jiji Press)--Nissan"
    assert len(parser_form(text)) == len(text)


def test_view_maps_placeholders_back_to_exact_words(nlp):
    text = "François Provost, Renault\u2019s CEO since last July, unveiled the plan to unions."
    a = analyse(text, nlp)
    v = View.of(a, a.sentences[0], "2026-01-22", "d")
    assert v.sig.startswith("⟨p")
    ev = v.evidence(0, v.sig.index("CEO") + 3)
    assert ev.text == text[ev.start:ev.end] == "François Provost, Renault\u2019s CEO"


def test_mentions_are_typed_from_context_not_only_the_model(nlp):
    text = ("Renault Group will shut down its Ampere electric vehicle unit. The automotive group "
            "will resume control of its plants - Douai, Maubeuge and Ruitz - building the "
            "Renault 5 supermini.")
    a = analyse(text, nlp)
    types = {c.name: c.type for c in a.clusters if c.type}
    assert types["Ampere"] == "organization"
    assert types["Douai"] == types["Maubeuge"] == types["Ruitz"] == "facility"
    assert types["Renault 5"] == "product"


def test_descriptions_resolve_to_the_company_or_unit_they_describe(nlp):
    text = ("Halvorsen Motors said it will fold its Lumen battery unit back into the group. "
            "The unit employs 1,600 people. The automaker sold 300,000 cars last year.")
    a = analyse(text, nlp)
    resolved = {m.text: a.entity_name(m) for m in a.mentions if m.kind != "name"}
    assert resolved["The unit"] == "Lumen"
    assert resolved["The automaker"].startswith("Halvorsen")
