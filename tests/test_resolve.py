"""Entity resolution: name keys, acronyms, surnames, and canonicalisation across articles."""
from hypothesis import given, strategies as st

from newsledger.extract import Extraction
from newsledger.models import Entity, Evidence, Fact
from newsledger.names import acronym_of, fold, name_key, surname_of
from newsledger.resolve import canonicalise


def test_corporate_words_and_legal_forms_do_not_change_the_key():
    assert name_key("Renault Group") == name_key("Renault") == name_key("Renault SA")
    assert name_key("Nissan Motor Co.") == name_key("Nissan")
    assert name_key("Mitsubishi Motors") == name_key("Mitsubishi")


def test_a_common_word_left_alone_keeps_its_corporate_word():
    # "General Motors" must not collapse to "general"
    assert name_key("General Motors") != name_key("General Electric")
    assert name_key("General Motors") == "general motors"


def test_different_companies_sharing_a_brand_stay_apart():
    assert name_key("Renault Korea") != name_key("Renault")
    assert name_key("Ampere Energy") != name_key("Ampere")


def test_country_short_forms_unify_names():
    assert name_key("Renault South Korea") == name_key("Renault Korea")


def test_accents_and_case_fold():
    assert fold("François Provost") == fold("Francois PROVOST")


def test_acronyms_and_surnames():
    assert acronym_of("General Motors") == "GM"
    assert acronym_of("Nissan Motor Co.") == "NM"
    assert surname_of("Luca de Meo") == "de meo"
    assert surname_of("François Provost") == "provost"


def _fact(doc, person, org):
    return Fact(doc, "position", {"person": person, "org": org, "role": "CEO"}, Evidence(0, 1, "x"))


def test_canonicalise_maps_a_new_article_onto_known_entities():
    known = [Entity("Renault Group", "organization", ["Renault Group", "Renault"]),
             Entity("François Provost", "person", ["François Provost"])]
    ex = Extraction([_fact("d2", "Francois Provost", "Renault")],
                    [Entity("Renault", "organization", ["Renault"]),
                     Entity("Francois Provost", "person", ["Francois Provost", "Provost"])])
    facts, upserts = canonicalise(ex, known)
    assert facts[0].args == {"person": "François Provost", "org": "Renault Group", "role": "CEO"}
    # the person gained the spelling and the surname as aliases
    person = next(e for e in upserts if e.type == "person")
    assert {"Francois Provost", "Provost"} <= set(person.aliases)


def test_canonicalise_never_merges_a_person_with_a_company():
    known = [Entity("Ford", "organization", ["Ford"])]
    ex = Extraction([], [Entity("Ford", "person", ["Ford"])])
    _, upserts = canonicalise(ex, known)
    assert [e.type for e in upserts] == ["person"]


@given(st.text(min_size=1, max_size=40))
def test_name_key_is_idempotent_on_its_output(name):
    k = name_key(name)
    assert name_key(k) == name_key(k)
