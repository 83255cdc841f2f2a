"""The pieces of extraction on their own: the Doc the components annotate, job titles,
status and time read off the parse, the pattern files."""
import json

import pytest
from spacy.tokens import Span

from newsledger import lexicon as lx
from newsledger.extract import arguments as A
from newsledger.extract import engine, modality, roles, timing
from newsledger.nlp import COMPONENTS, load, parse, split_chunks
from newsledger.nlp.text import parser_form


@pytest.fixture(scope="module")
def nlp():
    return load()


def token(doc, text, nth=0):
    return [t for t in doc if t.text == text][nth]


# ---------------------------------------------------------------- the pipeline

def test_components_are_registered_by_name_and_loaded_once(nlp):
    assert all(name in nlp.pipe_names for name in COMPONENTS)
    assert load() is nlp


def test_the_doc_keeps_every_offset_of_the_stored_text(nlp):
    text = "Renault\u2019s \u201cplan\u201d \u2013 Douai\u2014Ruitz.\n\nAmpere, Renault\u2019s EV unit, employs 11,000 people."
    doc = parse(text, nlp, "2026-01-22")
    assert len(doc.text) == len(text) == len(parser_form(text))
    for m in doc.spans["mentions"]:
        assert text[m.start_char:m.end_char].replace("\u2019", "'") == m.text.replace("\u2019", "'")


def test_long_articles_are_read_in_chunks_that_join_back_exactly():
    text = ("A line of words. " * 30 + "\n") * 50 + "x" * 20_000 + ". Tail."
    pieces = list(split_chunks(text, size=500))
    assert "".join(pieces) == text
    assert max(map(len, pieces)) < 25_000 and len(pieces) > 10


def test_a_line_break_and_a_dateline_end_sentences(nlp):
    doc = parse("SAN JOSE, Calif. (Bloomberg) -- Kestrel Semiconductor Inc. has agreed to buy Lumora.\n"
                "Ampere History\nThe unit employs 11,000 people.", nlp, None)
    starts = [s[0].text for s in doc.sents if not s[0].is_space]
    assert starts[:4] == ["SAN", "Kestrel", "Ampere", "The"]


@pytest.mark.parametrize("opening", ["MILAN, April 2 \u2013 ", "PARIS (Reuters) -", "PARIS (Reuters) - ", "AMSTERDAM--",
                                     "TOKYO, Nov 7 (Kyodo) - ", "LONDON (AP) \u2014 "])
def test_every_dateline_dash_ends_the_dateline(nlp, opening):
    doc = parse(opening + "Shares in Orsay jumped 18% on Wednesday.", nlp, None)
    story = [s for s in doc.sents if "Orsay" in s.text][0]
    assert story[0].text == "Shares"
    assert "Shares" not in {n for c in doc._.entities for n in c.names}


def test_boilerplate_is_marked_not_removed(nlp):
    text = ("Renault named Francois Provost as CEO on Wednesday.\n"
            "(Reporting by Gilles Guillaume; Editing by Elaine Hardcastle)\n"
            "Reuters, the news and media division of Thomson Reuters, is the world's largest multimedia news provider.")
    doc = parse(text, nlp, "2025-07-31")
    marked = [s.text for s in doc.spans["boilerplate"]]
    assert len(marked) == 2 and marked[0].startswith("(Reporting by")
    assert doc.text == parser_form(text)


def test_names_are_typed_from_context_not_only_the_model(nlp):
    text = ("Renault Group will shut down its Ampere electric vehicle unit. The automotive group "
            "will resume control of its plants - Douai, Maubeuge and Ruitz - building the "
            "Renault 5 supermini. Note that the MOU was signed.")
    doc = parse(text, nlp, None)
    types = {c.name: c.type for c in doc._.entities}
    assert types["Ampere"] == "organization"
    assert types["Douai"] == types["Maubeuge"] == types["Ruitz"] == "facility"
    assert {n: c.type for c in doc._.entities for n in c.names}["Renault 5"] == "product"   # ("Renault 5 supermini")
    assert not types.get("Note") and not types.get("MOU")     # no entity without evidence


def test_a_plan_named_after_a_company_is_no_company(nlp):
    doc = parse("Ford said its Ford+ plan would lift margins.", nlp, None)
    assert "Ford+" not in {c.name for c in doc._.entities if c.type}


def test_descriptions_and_pronouns_resolve_to_what_they_describe(nlp):
    text = ("Halvorsen Motors said it will fold its Lumen battery unit back into the group. "
            "The unit employs 1,600 people. The automaker sold 300,000 cars last year. "
            "Kering, the luxury conglomerate, named a new chief.")
    doc = parse(text, nlp, None)
    resolved = {m.text: doc._.entities[m._.ref].name for m in doc.spans["mentions"]
                if m._.kind != "name" and m._.ref is not None}
    assert resolved["The unit"] == "Lumen"
    assert resolved["The automaker"].startswith("Halvorsen")
    assert resolved["the luxury conglomerate"] == "Kering"       # an apposition is what it stands beside


def test_a_short_form_is_the_long_name_unless_a_sentence_names_both(nlp):
    same = parse("Keystone Mortgages cut rates. Keystone said demand rose.", nlp, None)
    assert [c.name for c in same._.entities if c.type == "organization"] == ["Keystone Mortgages"]
    # (the spin-off is named first here, the parent only by its short form)
    apart = parse("Marlow Fibre will list in May. Marlow has delayed the listing of Marlow Fibre "
                  "twice. Marlow owns 14,000 towers.", nlp, None)
    assert {"Marlow", "Marlow Fibre"} <= {c.name for c in apart._.entities if c.type == "organization"}


def test_a_short_form_naming_a_product_in_the_same_sentence_is_still_the_company(nlp):
    doc = parse("Kite Money, which Harlow Bank launched in 2021, will be merged into its retail division "
                "and the Kite app will be switched off. Kite lost 61 million pounds.", nlp, None)
    kite = [c for c in doc._.entities if "Kite" in c.names]
    assert kite and "Kite Money" in kite[0].names


def test_a_model_number_makes_a_product_not_a_longer_company_name(nlp):
    doc = parse("Halvorsen 4 E-Line\n\nHalvorsen said sales of the Halvorsen 4 E-Line rose. "
                "Halvorsen will build it in Drammen.", nlp, None)
    types = {c.name: c.type for c in doc._.entities if c.type}
    assert types.get("Halvorsen 4 E-Line") == "product"
    assert types.get("Halvorsen") == "organization"


def _resolved(doc) -> dict[str, str]:
    return {m.text: doc._.entities[m._.ref].name for m in doc.spans["mentions"]
            if m._.kind == "description" and m._.ref is not None}


def test_a_description_prefers_what_its_own_paragraph_is_about(nlp):
    text = ("Halvorsen Motors said on Sunday that its chief executive would step down.\n\n"
            "The Norwegian state holds a 15% stake in Halvorsen Motors.\n\n"
            "He is set to become chief executive of Orsay, the luxury conglomerate behind brands like "
            "Vidora and Calder. He would succeed Marc Tellier, who has led the group for 20 years.")
    assert _resolved(parse(text, nlp, None))["the group"] == "Orsay"


def test_what_a_company_folds_back_into_itself_is_its_unit_and_keeps_its_short_form(nlp):
    text = ("Harlow Bank, the British lender, said it would fold Kite Money, the app-only bank it launched "
            "in 2021, back into its retail division. Kite, which had about a million customers, never made "
            "a profit.")
    doc = parse(text, nlp, None)
    kite = [c for c in doc._.entities if "Kite" in c.names]
    assert kite and "Kite Money" in kite[0].names and kite[0].unit


def test_a_plural_description_with_no_pair_in_view_is_no_one_company(nlp):
    doc = parse("Marlow Foods agreed to sell its Pellina pasta brand to Osgood Capital. "
                "The remaining pasta brands will stay with Marlow.", nlp, None)
    assert "The remaining pasta brands" not in _resolved(doc)


def test_a_name_in_an_opening_phrase_is_no_apposition_to_the_subject(nlp):
    doc = parse("The merger of Tarvik Steel and Omsa Metals closed on Monday, creating Norsa Materials. "
                "According to Reuters, the combined company has about 12,000 employees.", nlp, None)
    assert _resolved(doc).get("the combined company") == "Norsa Materials"


def test_what_a_merger_gives_birth_to_is_the_new_company(nlp):
    doc = parse("The merger of Tarvik Steel and Omsa Metals was completed on Monday, giving birth to "
                "Norsa Group. The combined company has about 12,000 employees.", nlp, None)
    assert _resolved(doc).get("The combined company") == "Norsa Group"


def test_the_company_of_a_past_role_is_not_what_the_sentence_is_about(nlp):
    doc = parse("The merger of Tarvik Steel and Omsa Metals closed on Monday, creating Norsa Materials. "
                "Shares in Norsa rose. Chief executive Ida Berg, Tarvik's former boss, said there were no "
                "plans to cut jobs at the group's plants.", nlp, None)
    assert _resolved(doc).get("the group") == "Norsa Materials"


def test_a_name_after_a_company_noun_is_a_company_even_if_it_reads_as_a_person(nlp):
    doc = parse("Brantley Water and engineering group Ansel Hardy have formed a joint venture to build a "
                "pipeline.", nlp, None)
    assert {c.name: c.type for c in doc._.entities if c.type}.get("Ansel Hardy") == "organization"


def test_a_town_and_state_based_description_is_one_description(nlp):
    doc = parse("Halvorsen Motors makes vans. The Drammen, Buskerud-based automaker this morning "
                "confirmed the plan.", nlp, None)
    assert _resolved(doc).get("The Drammen, Buskerud-based automaker") == "Halvorsen Motors"
    assert "Buskerud-based" not in {n for c in doc._.entities for n in c.names}


def test_a_brand_named_after_a_person_in_a_list_of_brands_is_a_company(nlp):
    doc = parse("Marc Tellier will run Orsay, owner of Vidora, Jean Maren, Calder and other premium brands.", nlp, None)
    types = {c.name: c.type for c in doc._.entities if c.type}
    assert types.get("Jean Maren") == "organization" and types.get("Marc Tellier") == "person"


def test_a_country_owning_a_list_member_is_no_member_of_the_list(nlp):
    doc = parse("Kaneda's alliance partners, Sanwa Motors and France's Delorme Automobiles, may join.", nlp, None)
    types = {c.name: c.type for c in doc._.entities if c.type}
    assert types.get("France") == "place" and types.get("Delorme Automobiles") == "organization"


def test_their_stands_for_two_companies_even_when_one_is_owned_by_a_country_name(nlp):
    doc = parse("Swedish cement maker Halvard Cement and Germany's Vellmar Baustoffe completed their merger. "
                "Vellmar Polska was sold. Vellmar had agreed to it.", nlp, None)
    their = token(doc, "their")
    assert sorted(doc._.entities[r].name for r in their._.group) == ["Halvard Cement", "Vellmar Baustoffe"]
    vellmar = [c for c in doc._.entities if "Vellmar" in c.names][0]
    assert "Vellmar Baustoffe" in vellmar.names     # "Polska" is a country's own name: an arm


def test_towns_listed_after_plural_site_nouns_name_one_site_each(nlp):
    doc = parse("Halvard Cement brings three integrated plants, at Klintehamn, Degerhamn and Koping. "
                "Its plants in France and Spain are busy.", nlp, None)
    sites = sorted(c.name for c in doc._.entities if c.type == "facility")
    assert sites == ["Degerhamn plant", "Klintehamn plant", "Koping plant"]
    plants = token(doc, "plants")
    assert sorted(doc._.entities[r].name for r in plants._.group) == sites


def test_they_and_their_stand_for_the_companies_named_together(nlp):
    doc = parse("Alder Building Society and Fenwick Mutual completed their merger.", nlp, None)
    their = token(doc, "their")
    assert sorted(doc._.entities[r].name for r in their._.group) == ["Alder Building Society", "Fenwick Mutual"]


def test_a_site_named_by_its_town_is_one_facility(nlp):
    doc = parse("Norvik will close its plant in Umeå. The plant in Umeå employs 900 people.", nlp, None)
    sites = [c.name for c in doc._.entities if c.type == "facility"]
    assert sites == ["Umeå plant"]


# ---------------------------------------------------------------- roles and titles

@pytest.mark.parametrize("phrase,role", [
    ("Chief Executive Officer", "CEO"), ("chief executive", "CEO"), ("boss", "CEO"),
    ("chairman of the board of directors", "chair"), ("procurement chief", "CPO"),
    ("chief procurement , partnerships and public affairs officer", "CPO"),
    ("chief technology officer", "CTO"), ("head of engineering", "head of engineering"),
    ("head of international development", "head of international development"),
    ("deputy CEO", "deputy CEO"), ("finance chief", "CFO"), ("interim finance chief", "CFO"),
])
def test_role_names(phrase, role):
    assert A.role_name(phrase.casefold()) == role


def test_a_title_is_read_whole_and_split_into_roles(nlp):
    doc = parse("Mary Barra, GM's chair and CEO, said so.", nlp, None)
    span = Span(doc, *A.title_span(token(doc, "CEO")))
    assert span.text == "chair and CEO"
    assert A.role_names(span) == ["chair", "CEO"]


@pytest.mark.parametrize("sentence,word,role,who", [
    ("Cruise, GM's self-driving unit, said so.", "unit", "holder", "Cruise"),
    ("Renault named Francois Provost as CEO.", "CEO", "holder", "Provost"),
    ("Doug Field will serve as president.", "president", "holder", "Field"),
    ("Kering, which owns Gucci, named him.", "owns", "agent", "Kering"),
    ("Cruise was acquired by GM in 2016.", "acquired", "agent", "GM"),
    ("Cruise was acquired by GM in 2016.", "acquired", "patient", "Cruise"),
    ("GM plans to combine Cruise with its own team.", "combine", "agent", "GM"),
    ("Renault had planned Ampere to go public.", "go", "subject", "Ampere"),
    ("Baltavia is 36% owned by the Latvian state.", "owned", "patient", "Baltavia"),
])
def test_roles_read_off_the_parse(nlp, sentence, word, role, who):
    doc = parse(sentence, nlp, None)
    found = engine.ROLE_STEPS[role](token(doc, word))
    assert who in {t.text for t in found}


# ---------------------------------------------------------------- status and time

@pytest.mark.parametrize("sentence,word,status", [
    ("Renault Group will shut down Ampere.", "shut", "planned"),
    ("Renault scrapped plans for an IPO of Ampere.", "IPO", "cancelled"),
    ("Nissan to end talks on a proposed business integration.", "integration", "cancelled"),
    ("The automaker decided against trying to spin off the unit.", "spin", "negated"),
    ("Ampere's employees are not expected to face job cuts.", "cuts", "negated"),
    ("CNN+ is shutting down one month after its launch.", "shutting", "planned"),
    ("Renault dismantled its Mobilize unit.", "dismantled", "actual"),
])
def test_status_read_off_the_parse(nlp, sentence, word, status):
    doc = parse(sentence, nlp, "2026-01-22")
    assert modality.status_of(token(doc, word)) == status


def test_a_title_in_a_subject_holds_whatever_the_clause_says(nlp):
    doc = parse("Ford president and CEO Jim Farley will serve as president of the unit.", nlp, None)
    assert modality.status_of(token(doc, "president"), event=False) == "actual"
    assert modality.status_of(token(doc, "president", 1), event=False) == "planned"


def test_a_leaving_subject_ends_the_title_it_carries(nlp):
    doc = parse("CNN+ head Andrew Morse is leaving Warner Bros. Discovery.", nlp, None)
    assert modality.departure_of(token(doc, "head")).lemma_ == "leave"


def test_time_belongs_to_its_own_clause(nlp):
    doc = parse("Doug Field, who joined Ford in 2021, will head up Ford Model e in March.", nlp, "2022-03-02")
    assert timing.attached_time(token(doc, "head", 0), (), True).text == "in March"
    assert timing.attached_time(token(doc, "joined"), (), True).text == "in 2021"


def test_a_plan_dated_by_a_month_looks_forward(nlp):
    doc = parse("Renault will close the unit in June.", nlp, "2026-01-22")
    span = timing.attached_time(token(doc, "close"), (), True)
    assert timing.future_of(timing.as_timespan(span), "2026-01-22").start == "2026-06"


# ---------------------------------------------------------------- patterns as data

def test_every_fact_type_is_extracted_somewhere_and_pattern_files_name_real_lexicons():
    from newsledger.extract import EXTRACTORS
    from newsledger.schema import FACT_TYPES
    patterns = engine.all_patterns()
    assert set(FACT_TYPES) == {p.type for p in patterns} | set(EXTRACTORS)
    for name in engine.pattern_files():
        data = json.loads((engine.resources.files("newsledger.extract") / "patterns" / name).read_text("utf-8"))
        for p in data["patterns"]:
            for ref in _lexicon_refs(p):
                assert ref in lx.available(), (name, p["id"], ref)


def _lexicon_refs(obj):
    if isinstance(obj, str):
        return [obj[1:]] if obj.startswith("@") and obj != "@lemma" else []
    if isinstance(obj, dict):
        return [r for v in obj.values() for r in _lexicon_refs(v)]
    if isinstance(obj, list):
        return [r for v in obj for r in _lexicon_refs(v)]
    return []


def test_a_pattern_with_an_unknown_role_is_refused(tmp_path, monkeypatch):
    bad = {"type": "closed", "patterns": [{"id": "x", "trigger": {"LEMMA": "shut"}, "args": {"org": ["objet"]}}]}
    folder = tmp_path / "patterns"
    folder.mkdir()
    (folder / "closed.json").write_text(json.dumps(bad), encoding="utf-8")
    monkeypatch.setattr(engine.resources, "files", lambda pkg: tmp_path)
    with pytest.raises(ValueError, match="unknown role 'objet'"):
        engine.read_patterns("closed.json")


# ---------------------------------------------------------------- misparses the roles survive

def parsed(nlp, words, heads, deps, pos):
    """A Doc with the parse the small model gave a real sentence (to test the repair)."""
    from spacy.tokens import Doc
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos)


def test_a_name_read_as_an_adverb_is_the_subject_of_a_subjectless_verb(nlp):
    # the model's parse of "Geely and Renault also have equal shares in Horse Powertrain"
    # after a paragraph about Geely: Geely an adverb, Renault its conjunct, no subject
    doc = parsed(nlp, ["Geely", "and", "Renault", "also", "have", "equal", "shares", "in", "Horse", "."],
                 [4, 0, 0, 4, 4, 6, 4, 6, 7, 4],
                 ["advmod", "cc", "conj", "advmod", "ROOT", "amod", "dobj", "prep", "pobj", "punct"],
                 ["ADV", "CCONJ", "PROPN", "ADV", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"])
    assert roles.subjects(doc[4]) == []
    doc[0]._.ref, doc[2]._.ref = 0, 1
    assert [t.text for t in roles.subjects(doc[4])] == ["Geely"]


def test_a_noun_set_off_by_a_comma_describes_the_object_and_is_no_argument(nlp):
    # "has closed down the Mobilize division, another creation of his predecessor": the
    # model hangs "creation" on the verb as a loose dep
    words = ["Provost", "has", "closed", "the", "Mobilize", "division", ",", "another", "creation", "of", "his", "predecessor"]
    doc = parsed(nlp, words, [2, 2, 2, 5, 5, 2, 2, 8, 2, 8, 11, 9],
                 ["nsubj", "aux", "ROOT", "det", "compound", "dobj", "punct", "det", "dep", "prep", "poss", "pobj"],
                 ["PROPN", "AUX", "VERB", "DET", "PROPN", "NOUN", "PUNCT", "DET", "NOUN", "ADP", "PRON", "NOUN"])
    creation = doc[8]
    assert roles.apposed_to(creation) == doc[5]
    assert roles.governor(creation) is None          # so no "by Provost" through the verb
    assert roles.holders(creation) == [doc[5]]


@pytest.mark.parametrize("text, ticker", [("RENA.PA", True), ("GM.N", True), ("7203.T", True), ("PRTP.PA", True),
                                          ("U.S.", False), ("Inc.", False), ("St.Louis", False), ("A.B.C", False)])
def test_stock_codes_are_told_from_names_and_abbreviations(text, ticker):
    from newsledger.nlp.mentions import is_ticker
    assert is_ticker(text) is ticker


def test_extraction_does_not_depend_on_the_hash_seed():
    """Set order changes with PYTHONHASHSEED: a tie broken by it once made a role flip
    between runs of the same article (brandel_crop_spinoff: CEO or head)."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from newsledger.nlp import load\n"
        "from newsledger.extract import extract_document\n"
        "from newsledger.models import Document\n"
        "nlp = load()\n"
        "for p in sys.argv[1:]:\n"
        "    p = Path(p); meta = json.loads(p.with_suffix('.json').read_text())\n"
        "    doc = Document(p.stem, p.read_text(), published=meta.get('published'))\n"
        "    print(sorted(json.dumps(f.to_json(), sort_keys=True) for f in extract_document(doc, nlp).facts))\n")
    golden = Path(__file__).parent / "golden"
    articles = [str(golden / f"{n}.txt") for n in ("brandel_crop_spinoff", "alder_fenwick_merger", "norvik_trucks_cuts")]
    outputs = []
    for seed in ("1", "13"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", script, *articles], env=env, capture_output=True, text=True, check=True)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1]


def test_a_place_the_article_names_companies_after_is_their_parent_company():
    from collections import Counter
    from newsledger.nlp.references import EntityCluster, regional_arms
    parent = EntityCluster(0, "place", Counter({"Telvia": 6}), Counter(place=6))
    units = [EntityCluster(1, "organization", Counter({"Telvia Torres": 2}), Counter(organization=4)),
             EntityCluster(2, "organization", Counter({"Telvia Fibra": 1}), Counter(organization=7))]
    city = EntityCluster(3, "place", Counter({"Madrid": 1}), Counter(place=6))
    regional_arms([parent, *units, city])
    assert parent.type == "organization"        # the model's GPE on an unknown company name
    assert city.type == "place"                 # a known place stays one


def test_a_successor_still_to_come_leaves_the_predecessor_in_office(nlp):
    """'X will succeed Y': Y holds the post until X takes it (no former post for Y yet)."""
    from newsledger.extract import extract_document
    from newsledger.models import Document
    doc = Document("t", "Brenna Holt will succeed Jonas Eld as chief executive of Pellow Foods in May. "
                   "Jonas Eld is chief executive of Pellow Foods.", published="2026-03-12")
    facts = [(f.args["person"], f.status) for f in extract_document(doc, nlp).facts if f.type == "position"]
    assert ("Brenna Holt", "planned") in facts
    assert ("Jonas Eld", "former") not in facts


def test_a_company_word_inside_an_ampersand_name_and_a_region_named_short(nlp):
    # "Tadley Aerospace & Security": people's names never join words with "&"; "Cumbria"
    # after "West Cumbria" is the region named short, not a company a headline "backs"
    doc = parse("Respite for Kendal as new boss backs Cumbria\n\nTadley Aerospace & Security has given up "
                "plans to shut its Kendal yard, keeping about 900 jobs in West Cumbria.", nlp, "2026-01-22")
    types = {n: c.type for c in doc._.entities for n in c.names}
    assert types["Tadley Aerospace & Security"] == "organization"
    assert types["Cumbria"] == "place"


def test_currency_marks_pronouns_and_councils_are_typed_right(nlp):
    doc = parse("Dunmore Mining will pay US$ 300 million for the mine. \"You cannot run a mine on hope,\" "
                "said Owen Price of the Gwydir Valley Irrigators Council. The site cost EUR250 million.", nlp, "2026-01-22")
    types = {n: c.type for c in doc._.entities for n in c.names}
    assert "US$" not in types and "You" not in types and "EUR250" not in types
    assert types["Gwydir Valley Irrigators Council"] == "organization"


def test_a_name_given_a_seat_after_a_comma_is_a_company(nlp):
    # the parser reads "Kelvari" as an adverb and loses the apposition; the seat says company
    doc = parse("Kelvari, the Jakarta-headquartered marketplace that had been one of the most watched listing "
                "candidates in Asia, has abandoned its plan to go public. Kelvari has been on a long road to "
                "profitability.", nlp, "2026-01-22")
    kelvari = next(c for c in doc._.entities if "Kelvari" in c.names)
    assert kelvari.type == "organization" and not kelvari.weak


def test_a_name_ending_in_a_geographic_word_is_a_place(nlp):
    # ("Bowen" and "Hunter" are given names; "Basin" and "Valley" make them regions)
    doc = parse("Union leaders in the Bowen Basin said Carrick Coal would keep its mine open. "
                "Murray Valley Dairies will close a plant in the Hunter Valley.", nlp, "2026-01-22")
    types = {n: c.type for c in doc._.entities for n in c.names}
    assert types["Bowen Basin"] == types["Hunter Valley"] == "place"
    assert types["Murray Valley Dairies"] == "organization"


# ---------------------------------------------------------------- matching only where a trigger's word is

def test_anchored_matching_finds_what_one_matcher_over_every_pattern_finds(nlp):
    from spacy.matcher import Matcher
    text = ("Halvorsen Motors agreed to buy Lumen Batteries in March. Its Fjord SUV sold well.\n\n"
            "Brask Foods will shut down the Kolding plant and lay off 300 workers. "
            "The listing was called off. Chief executive Ines Varga stepped down on Monday.")
    doc = parse(text, nlp, "2026-01-22")
    patterns = [p for p in engine.all_patterns() if p.shape == "frame"]
    one = Matcher(nlp.vocab)
    for p in patterns:
        one.add(p.id, p.spec)
    anchored = engine.AnchoredMatcher(nlp.vocab, patterns)
    found = anchored(doc)
    assert sorted(found) == sorted(one(doc))
    ids = {nlp.vocab.strings[m] for m, _, _ in found}
    # pinned to lemmas ("buy"), to a word pair ("lay off") and to a kind of entity (a product)
    assert {"acquisition/acquire", "job_cuts/cut-jobs", "produces/possessed-product"} <= ids
    assert [s for _, s, _ in found] == sorted(s for _, s, _ in found)


def test_a_trigger_not_pinned_to_words_is_tried_everywhere():
    pinned = {"LEMMA": {"IN": ["buy", "acquire"]}, "POS": "VERB"}
    assert engine._anchor_keys(pinned) is not None and len(engine._anchor_keys(pinned)) == 2
    assert engine._anchor_keys({"LEMMA": "buy", "OP": "?"}) is None
    assert engine._anchor_keys({"POS": "VERB"}) is None
    assert engine._anchor_keys({"_": {"ent": "product"}}) == [("ent", "product")]


def test_a_tokens_entity_type_is_read_from_its_entity_at_the_time_of_asking(nlp):
    doc = parse("Brask Foods will close its Kolding plant, chief executive Ines Varga said.", nlp, "2026-01-22")
    brask, ines, will = token(doc, "Brask"), token(doc, "Ines"), token(doc, "will")
    assert will._.ent == ""
    assert brask._.ent == doc._.entities[brask._.ref].type != ""
    assert ines._.ent == "person"
    doc._.entities[brask._.ref].type = "product"     # a type decided later shows everywhere
    assert brask._.ent == token(doc, "Foods")._.ent == "product"
def test_a_company_word_opening_a_name_makes_it_a_company(nlp):
    # ("Minera", "Grupo", "Banco", "Maison" open company names as "Mining" and "Group" end them)
    doc = parse("Pradera Mining will buy 60% of the Loma project. Minera Quilpo, which owns the rest, "
                "said Rosa Ibarra would remain chair.", nlp, "2026-03-12")
    types = {n: c.type for c in doc._.entities for n in c.names}
    assert types["Minera Quilpo"] == "organization" and types["Rosa Ibarra"] == "person"


def test_two_names_of_the_article_glued_by_a_hyphen_are_a_pair(nlp):
    # ("the Harlow-Tessix tie-up" is no person; "Jean-Pierre Lamont" stays one name)
    doc = parse("Brussels veto ends Harlow-Tessix tie-up\n\nThe decision to prohibit Harlow Transit Systems' "
                "takeover of Tessix ends a long attempt. Harlow, which had agreed to buy the company in 2024, "
                "withdrew the same day.\n\nHarlow must pay Tessix a break fee of $90 million.", nlp, "2026-03-12")
    names = {n for c in doc._.entities for n in c.names}
    assert "Harlow-Tessix" not in names
    jp = parse("Jean-Pierre Lamont left. Jean Dupont and Pierre Lamont stayed.", nlp, "2026-03-12")
    assert "Jean-Pierre Lamont" in {n for c in jp._.entities for n in c.names}


def test_a_bare_surname_with_only_weak_company_hints_is_the_person(nlp):
    # ("and Brandt president": a role noun after the word and the model's label are weak hints)
    doc = parse("Tarlo was founded by Omar Quist and Lena Brandt in 2015. Quist remains chief executive, "
                "and Brandt president.", nlp, "2026-03-12")
    brandt = [c for c in doc._.entities if "Brandt" in c.names][0]
    assert brandt.type == "person" and "Lena Brandt" in brandt.names


def test_a_name_after_the_city_of_is_a_place(nlp):
    # ("the port city of Kokkola": the model's ORG label on an unknown town is no company)
    doc = parse("Ostra Metals will build a nickel refinery in the port city of Kokkola. Kokkola said the "
                "plant would employ 300 people.", nlp, "2026-03-12")
    assert {n: c.type for c in doc._.entities for n in c.names}["Kokkola"] == "place"


def test_a_product_only_by_the_models_label_is_a_company_when_anything_calls_it_one():
    # (the model labels unknown insurers, shipping lines PRODUCT: one weak vote a mention)
    from collections import Counter
    from newsledger.nlp.references import EntityCluster, decide_type
    insurer = EntityCluster(0, names=Counter({"Vanhout": 5}), votes=Counter({"product": 4, "organization": 3.75}))
    assert decide_type(insurer, {"vanhout"}) == "organization"
    drug = EntityCluster(1, names=Counter({"Slimora": 2}), votes=Counter({"product": 5, "organization": 1}))
    assert decide_type(drug, {"slimora"}) == "product"


def test_no_sentence_starts_right_after_a_bare_word(nlp):
    # (the model split "Corvel" from "Acier will close ..." after a byline)
    doc = parse("Thionville: end of the line for Corvel's steelworks\n\nFriday 13 June 2025 | Economy | By Anne Morel"
                "\n\nCorvel Acier will close its Thionville steelworks by the end of 2026 with the loss of 1,100 "
                "jobs, AFP reported on Thursday.", nlp, "2026-03-12")
    assert "Corvel Acier" in {n for c in doc._.entities for n in c.names}


def test_a_site_description_is_the_site_in_view_never_the_company(nlp):
    doc = parse("Orvane Foods runs a bottling plant in Larissa, Greece. Analysts expect Orvane Foods to report "
                "weaker sales. The plant will close in 2027.", nlp, "2026-03-12")
    plant = [m for m in doc.spans["mentions"] if m.text == "The plant"][0]
    assert plant._.ref is not None and doc._.entities[plant._.ref].type == "facility"
    alone = parse("Orvane Foods sold a 20% stake to Delta Pack. The plant will close in 2027.", nlp, "2026-03-12")
    assert [m for m in alone.spans["mentions"] if m.text == "The plant"][0]._.ref is None


def test_a_name_before_alliance_is_an_organisation(nlp):
    doc = parse("Borealis Line and Kestrel Marine will end their Orion shipping alliance in February. "
                "The Orion alliance deploys about 240 ships.", nlp, "2026-03-12")
    assert {n: c.type for c in doc._.entities for n in c.names}["Orion"] == "organization"


def test_a_description_inside_a_names_own_apposition_is_not_that_name(nlp):
    doc = parse("Rhenwald's chief executive said the talks had ended. He wants smaller deals instead. Costs will "
                "fall as IT is centralised. Analysts welcomed the plan. Shares rose 2%. Rhenwald Digital GmbH, a "
                "subsidiary founded in October with 1,200 specialists drawn from across the group, will run it.",
                nlp, "2026-03-12")
    group = [m for m in doc.spans["mentions"] if m.text == "the group"][0]
    assert group._.ref is None or doc._.entities[group._.ref].name == "Rhenwald"


def test_a_company_voted_surname_of_a_company_name_is_not_the_founders_surname(nlp):
    # ("Maison Orval ... Claude Orval ... and Orval has become its fastest-growing brand")
    doc = parse("Levant Group owns 60% of Maison Orval, the fashion house founded by Claude Orval. It also owns "
                "shoemaker Castel and jeweller Orsani, and Orval has become its fastest-growing brand.", nlp, "2026-03-12")
    claude = [c for c in doc._.entities if "Claude Orval" in c.names][0]
    assert claude.type == "person" and "Orval" not in claude.names
