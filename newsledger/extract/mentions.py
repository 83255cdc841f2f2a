"""Find the stretches of text that name or describe an entity, and type them.

The small spaCy model's labels are one hint among several ("Ampere" comes out as a
nationality, "EV" as an organisation).  A name is a run of proper-noun-like tokens;
its type is voted from its own shape (corporate suffixes, given names, product
numbers), the words around it (a role before a person, "unit" after a company,
"plant" after a site) and the model's label, and then agreed across the document:
every mention of one name gets the type the whole article supports.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import lexicon as lx

CONNECTORS = {"de", "da", "di", "del", "della", "van", "von", "der", "le", "la", "du", "des",
              "of", "&", "-", "and", "y", "bin", "al", "ibn", "st", "st.", "i", "am", "upon", "sur", "en"}
HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "sir", "dame", "prof",
              "prof.", "monsieur", "madame"}
TYPE_LETTER = {"organization": "o", "person": "p", "facility": "f", "product": "d",
               "place": "g"}


@dataclass
class Mention:
    start: int                  # char offsets into the document text
    end: int
    text: str
    type: str | None            # organization | person | facility | product | place
    kind: str = "name"          # name | description | pronoun
    sent: int = -1              # sentence number in the document
    tok: tuple[int, int] = (0, 0)   # token range within its paragraph doc
    para: int = 0
    head: str = ""              # head noun of a description ("automaker", "unit")
    possessive: bool = False    # followed by 's / is "its", "his"
    plural: bool = False
    votes: Counter = field(default_factory=Counter)
    unitish: bool = False       # spoken of as a unit/division/subsidiary here
    subject: bool = False       # the grammatical subject of its clause
    mid_sentence: bool = False  # not the sentence's first word (a capital that means a name)
    described: set = field(default_factory=set)  # nouns the article calls it: "carmaker Norvik"
    related: bool = False       # a description on the far side of a relation ("a subsidiary of the group")
    cluster: int | None = None  # set by resolution
    name: str | None = None     # resolved document-level name


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2019", "'")).strip().casefold()


def bare(s: str) -> str:
    """norm() without a trailing full stop, for lexicon look-ups ('Feb.' -> 'feb')."""
    return norm(s).rstrip(".")


def is_capitalised(tok) -> bool:
    t = tok.text
    return bool(t) and (t[0].isupper() or (t[0].isdigit() and False))


def opens_quotation(tok) -> bool:
    """The first word inside quotation marks at the start of a sentence or clause."""
    doc, i = tok.doc, tok.i
    return i > 0 and doc[i - 1].text in ('"', "\u201c", "'") and (
        i == 1 or doc[i - 1].is_sent_start or doc[i - 2].text in (".", ",", ":", "(", "-"))


COMBINING_FORMS = {"franco", "anglo", "sino", "russo", "italo", "hispano", "luso", "indo", "austro",
                   "turco", "greco", "nippo", "euro", "afro", "judeo", "swiss", "german", "dutch"}


def is_demonym_compound(word: str) -> bool:
    """'Franco-German', 'Sino-Japanese', 'Swiss-based': an adjective of origin, not a name."""
    parts = [p for p in norm(word).split("-") if p]
    return len(parts) > 1 and all(p in lx.DEMONYMS or p in COMBINING_FORMS or p == "based" for p in parts)


def name_token(tok, doc_caps: set[str]) -> bool:
    """Could this token be part of a proper name?"""
    t = tok.text
    low = norm(t)
    if is_demonym_compound(t) or re.match(r"[A-Z]{1,3}\$\d", t):
        return False                # "Franco-German", "S$870" 
    if not t or not (t[0].isupper()) or low in lx.NON_NAMES or bare(t) in lx.NON_NAMES:
        return False
    if tok.like_num or tok.is_punct:
        return False
    if tok.is_sent_start or tok.i == 0 or opens_quotation(tok):
        # Sentence-initial capitals (also the first word of a quotation): trust the tagger,
        # or the word's use elsewhere.
        return tok.pos_ == "PROPN" or t in doc_caps or low in lx.KNOWN_ORGS
    return tok.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB", "ADV", "NUM") or t.isupper()


def capital_vocabulary(docs) -> set[str]:
    """Words written with a capital in mid-sentence somewhere in the article."""
    caps = set()
    for d in docs:
        for t in d:
            if t.i > 0 and not t.is_sent_start and t.text[:1].isupper() and t.is_alpha:
                prev = d[t.i - 1]
                if prev.text not in ('"', "'", ":", "(", "\u201c") and norm(t.text) not in lx.NON_NAMES:
                    caps.add(t.text)
    return caps


TITLE_WORDS = {"chief", "executive", "officer", "financial", "operating", "technology",
               "technical", "marketing", "commercial", "information", "procurement", "legal",
               "strategy", "product", "people", "president", "vice", "senior", "chairman",
               "chairwoman", "chair", "director", "managing", "general", "manager", "deputy",
               "executive", "head", "founder", "co-founder", "and", "&", "of", "the", "board",
               "group", "global", "finance", "sustainability", "digital", "data", "revenue",
               "growth", "investment", "risk", "compliance", "human", "resources", "communications"}


def title_case_roles(doc) -> set[int]:
    """Token indices of capitalised job titles ('Chief Financial Officer', 'President and
    Chief Operating Officer'), which the model likes to read as names."""
    out: set[int] = set()
    for t in doc:
        if t.text not in ("Chief", "Vice", "Senior", "Deputy", "Managing", "Executive", "President",
                          "Chairman", "Chairwoman", "General"):
            continue
        j = t.i
        while j < len(doc) and (norm(doc[j].text) in TITLE_WORDS) and (doc[j].text[:1].isupper() or doc[j].text in ("and", "&", "of", "the")):
            j += 1
        while j > t.i and doc[j - 1].text in ("and", "&", "of", "the"):
            j -= 1
        last = norm(doc[j - 1].text)
        if last in ("officer", "executive", "president", "chairman", "chairwoman", "director",
                    "manager", "chair") or j - t.i == 1 and last == "president":
            out.update(range(t.i, j))
    return out


def name_runs(doc, doc_caps: set[str]) -> list[tuple[int, int]]:
    """Maximal token runs that look like one proper name (with inner connectors)."""
    runs = []
    i, n = 0, len(doc)
    titles = title_case_roles(doc)
    while i < n:
        if i in titles:
            i += 1
            continue
        if not (name_token(doc[i], doc_caps) or _name_start(doc, i)) or norm(doc[i].text) in HONORIFICS:
            i += 1
            continue
        j = i + 1
        while j < n and j not in titles:
            t = doc[j]
            if name_token(t, doc_caps) and not t.is_sent_start:
                j += 1
                continue
            # "Ontario Teachers' Pension Plan": a plural possessive inside a name
            if (t.text in ("'", "\u2019") and doc[j - 1].text.endswith("s") and j + 1 < n
                    and name_token(doc[j + 1], doc_caps) and not t.whitespace_ == "" ):
                j += 1
                continue
            low = t.text.lower()
            # "Luca de Meo", "Bank of America", "CFE-CGC", "Mercedes-Benz"
            if (low in CONNECTORS and j + 1 < n and name_token(doc[j + 1], doc_caps)
                    and not (low == "and") and not (low == "-" and t.whitespace_)
                    and not (low == "of" and norm(doc[j + 1].text) in lx.PLACES)):
                j += 2
                continue
            # "Co." / "Corp." / "Inc." written after the name
            if low in lx.ORG_SUFFIXES and t.text[:1].isupper():
                j += 1
                continue
            break
        # product names: "Renault 5", "Model 3", "5 E-Tech"
        if j < n and doc[j].like_num and len(doc[j].text) <= 3 and doc[j].text.isdigit():
            k = j + 1
            if k < n and (doc[k].text[:1].isupper() or norm(doc[k].text) in lx.PRODUCT_NOUNS):
                j = k
                while j < n and name_token(doc[j], doc_caps) and not doc[j].is_sent_start:
                    j += 1
            elif not (k < n and doc[k].pos_ in ("NOUN",) and norm(doc[k].text) not in lx.PRODUCT_NOUNS):
                j = k
        # "de Meo had stepped down": the particle belongs to the surname
        start = i - 1 if i > 0 and doc[i - 1].text in PARTICLES and (
            i < 2 or not doc[i - 2].text[:1].isupper()) and j - i == 1 else i
        if not all(norm(t.text) in lx.GENERIC_ORG_WORDS for t in doc[i:j]):
            runs.append((start, j))
        i = j
    return _split_role_prefix(doc, runs)


DEPARTMENTS = {"purchasing", "procurement", "sales", "marketing", "engineering", "finance",
               "operations", "strategy", "communications", "design", "research", "development",
               "manufacturing", "production", "technology", "software", "product", "products",
               "legal", "compliance", "investor", "relations", "human", "resources", "people",
               "quality", "digital", "innovation", "partnerships", "international", "europe",
               "americas", "asia", "china"}
PARTICLES = {"de", "van", "von", "le", "la", "da", "di", "du", "del", "della", "der"}


def _split_role_prefix(doc, runs):
    """'President Makoto Uchida' and 'Brit Duncan Minto': titles and demonyms stay outside names."""
    out = []
    for i, j in runs:
        while j - i > 1 and (norm(doc[i].text) in lx.DEMONYMS or norm(doc[i].text) in HONORIFICS):
            i += 1
        # strip trailing possessive pieces that the tokenizer kept
        while j - i > 1 and doc[j - 1].text in ("'s", "\u2019s", "'", "\u2019"):
            j -= 1
        # "Director of Purchasing Maxime Picat": the role's last word is not the name
        if (j - i >= 3 and i >= 2 and doc[i - 1].lower_ == "of"
                and norm(doc[i - 2].text) in lx.ROLE_HEADS and norm(doc[i].text) in DEPARTMENTS):
            i += 1
        words = [norm(t.text) for t in doc[i:j]]
        if (j > i and not all(w in lx.GENERIC_ORG_WORDS for w in words) and " ".join(words) not in lx.DEMONYMS
                and not is_demonym_compound(doc[i:j].text.replace(" ", ""))):
            out.append((i, j))
    return out


def _name_start(doc, i: int) -> bool:
    """A sentence-initial given name ('Jean-Dominique Senard, chairman of ...')."""
    t = doc[i]
    if not t.text[:1].isupper() or i + 1 >= len(doc):
        return False
    return norm(t.text) in GIVEN_NAMES and (doc[i + 1].text == "-" or doc[i + 1].text[:1].isupper())


def digit_led_products(doc) -> list[tuple[int, int]]:
    """'the 5 E-Tech': a model number followed by a capitalised model line."""
    out = []
    for t in doc:
        if not (t.text.isdigit() and len(t.text) <= 2 and t.i + 1 < len(doc)
                and doc[t.i + 1].text[:1].isupper()):
            continue
        # the model line is one hyphenated word, however the tokenizer cut it ("E-Tech")
        j = t.i + 1
        while j + 1 < len(doc) and not doc[j].whitespace_ and (doc[j + 1].text == "-" or doc[j].text == "-"):
            j += 1
        if "-" in doc[t.i + 1:j + 1].text:
            out.append((t.i, j + 1))
    return out


# ---------------------------------------------------------------- typing

GIVEN_NAMES = set("""
aaron adam adrian ahmed akio akira alain alan albert alberto alex alexander alexandre
alfred ali alice alison amanda amy ana andre andrea andreas andrew andy angela anna anne
anthony antoine antonio arnaud arthur ashley barbara ben benjamin benoit bernard bill
bob brian bruce bruno camille carl carlos carlo caroline catherine charles charlotte chris
christian christine christophe christopher claire claude clement daniel david denis
diane didier dominique donald doug douglas duncan ed edward elaine elena elizabeth elon
emily emma emmanuel eric erik etienne fabrice felix fernando florence florian francesco
francis francisco francois françois frank fred frederic gabriel george georges gerard
gilles giovanni giuseppe greg guillaume hans harry helen henri henry herbert hiroshi
hiroto hugo ian isabelle jack jacques james jan jane jason jean jean-dominique
jean-marc jean-philippe jean-pierre jeff jennifer jens jim joe johann john jonathan jorge
jose josé joseph julia julie julien jurgen jürgen karl kate katherine kathy keith ken
kenji kevin koji kyle laura laurent lee leo linda lisa louis luc luca lucas luis
luke manuel marc marcel marco marek margaret maria marie mark martin mary mathieu
matthew matthias maxime michael michel michele mike moritz nadia natalie nathalie
nicolas nick nicola oliver olivier pablo pascal patricia patrick paul pedro peter
philippe pierre rachel rafael ralph raymond richard rick robert roberto roger ronald
ryan sam samuel sandra sara sarah satoshi sebastian sebastien sergio shinji simon
sophie stefan stefano stephane stephen steve steven susan sylvie takao takashi takeshi
thierry thomas tim timothy todd tom tony toshihiro uwe valerie vincent walter wei
william xavier yann yoshi yuki yves zhang makoto hiro kazuo tadashi masato satoru
ola oliver mary carlos akio koji makoto marc kyle fabrice denis maxime gilles dominique
richard elaine jean marie herbert ola markus oliver rita olaf kenichiro hidetoshi
shigeru yasuhiro masahiro yoichi ryo daisuke kazuhiro toshiyuki takahiro ivan sergei
vladimir dmitri mohammed mohamed abdul raj rahul anand ratan mukesh vinod sunil
""".split())

_NAME_DICTIONARY = None


def _load_names() -> None:
    global _NAME_DICTIONARY
    if _NAME_DICTIONARY is None:
        import gender_guesser.detector as gd
        _NAME_DICTIONARY = gd.Detector(case_sensitive=False)


def gender_of(full_name: str) -> str | None:
    """'male' / 'female' from a person's first name when the name dictionary is sure enough."""
    first = full_name.split()[0] if full_name.split() else ""
    if not is_given_name(first):
        return None
    import unicodedata
    plain = "".join(c for c in unicodedata.normalize("NFKD", first) if not unicodedata.combining(c))
    g = _NAME_DICTIONARY.get_gender(plain) if _NAME_DICTIONARY is not None else "unknown"
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(g)


def is_given_name(word: str) -> bool:
    """A first name in our list or in gender-guesser's international dictionary
    (40,000 first names; loaded on first use). Used only for two-word names whose last
    word is not a company word, so "Nissan Motor" or "Calder Wealth" never count."""
    global _NAME_DICTIONARY
    low = norm(word)
    if low in GIVEN_NAMES:
        return True
    if not word[:1].isupper() or not word.isalpha() or low in lx.NON_NAMES or low in lx.KNOWN_ORGS:
        return False
    _load_names()
    import unicodedata
    plain = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return _NAME_DICTIONARY.get_gender(plain) != "unknown"


GENERIC_PRODUCT_NOUNS = {"evs", "ev", "vehicles", "vehicle", "cars", "car", "models", "systems",
                         "system", "software", "service", "platform", "engine", "battery"}


def context_votes(doc, i: int, j: int) -> Counter:
    """Votes from the words around a name or a list of names: the noun they modify
    ("Douai plant", "Scenic long-range SUV") and the noun that introduces them
    ("plants - Douai, Maubeuge", "subsidiaries: A and B")."""
    votes: Counter = Counter()
    # the noun the name modifies: "Douai plant", "Ampere EV unit", "Scenic long-range SUV"
    head = head_after(doc, j)
    if head in lx.FACILITY_NOUNS:
        # a name right before "plant" / "assembly site" is that site, even when it is also a town
        near = any(norm(doc[k].text) == head for k in range(j, min(j + 3, len(doc))))
        votes["facility"] += 7 if near else 3
    if head in UNIT_HEADS or head in ("union", "newspaper", "agency", "group", "company", "brand"):
        votes["organization"] += 3
    if head in lx.PRODUCT_NOUNS and head not in GENERIC_PRODUCT_NOUNS:
        votes["product"] += 2
    # a list introduced by a noun: "plants - Douai, Maubeuge", "subsidiaries: A and B"
    k = i - 1
    while k >= 0 and doc[k].text in (",", ":", "-", "\u2013", "\u2014", "(") and i - k <= 2:
        k -= 1
    if k < i - 1 and k >= 0:
        intro = norm(doc[k].text)
        if intro in lx.FACILITY_NOUNS:
            votes["facility"] += 3
        elif intro in UNIT_HEADS or intro in ("companies", "partners", "allies", "brands", "rivals"):
            votes["organization"] += 3
        elif intro in lx.PRODUCT_NOUNS:
            votes["product"] += 2
    return votes


def head_after(doc, j: int) -> str:
    """The noun a name is a modifier of: the last lexicon noun of the compound that follows,
    skipping adjectives, acronyms in brackets and "and" ("Ampere EV and software unit")."""
    found = ""
    k = j
    while k < len(doc) and k - j <= 9:
        t = doc[k]
        low = norm(t.text)
        if low in lx.FACILITY_NOUNS or low in UNIT_HEADS or low in lx.PRODUCT_NOUNS or low in (
                "union", "newspaper", "agency", "group", "company", "brand"):
            found = low
        elif not (t.text in ("(", ")", "-") or t.pos_ in ("ADJ", "NOUN", "NUM") or
                  (t.pos_ == "PROPN" and t.text.isupper()) or
                  (low == "and" and k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "ADJ"))):
            break
        k += 1
    return found


PERSON_VERBS = {"said", "says", "told", "added", "noted", "explained", "stepped", "resigned",
                "joined", "retired", "quit", "became", "served", "wrote"}


def mention_votes(doc, i: int, j: int, text: str) -> Counter:
    """Evidence for each entity type from the name itself and its neighbours."""
    votes: Counter = Counter()
    words = [norm(t.text) for t in doc[i:j]]
    low = " ".join(words)
    nxt = norm(doc[j].text) if j < len(doc) else ""
    nxt2 = norm(doc[j + 1].text) if j + 1 < len(doc) else ""
    prev = norm(doc[i - 1].text) if i > 0 else ""
    prev2 = norm(doc[i - 2].text) if i > 1 else ""
    label = doc[i].ent_type_

    if low in lx.KNOWN_ORGS:
        votes["organization"] += 3
    if low in lx.PLACES:
        votes["place"] += 4
    if words[-1] in lx.ORG_SUFFIXES and len(words) > 1:
        votes["organization"] += 3
    if len(words) == 1 and text.isupper() and 2 <= len(text) <= 6:
        votes["organization"] += 1          # acronyms are mostly companies and agencies
    if words[0] in GIVEN_NAMES and len(words) >= 2:
        votes["person"] += 3
    elif (len(words) in (2, 3) and words[-1] not in lx.ORG_SUFFIXES and words[-1] not in lx.PLACES
          and low not in lx.KNOWN_ORGS and is_given_name(doc[i].text)):
        votes["person"] += 2
    if prev in HONORIFICS:
        votes["person"] += 4
    if any(c.isdigit() for c in text) or "e-tech" in low or "e-tron" in low:
        votes["product"] += 3
    votes.update(context_votes(doc, i, j))
    after = nxt2 if nxt == "'s" else nxt
    if nxt == "'s":
        k = j + 1
        while k < len(doc) and norm(doc[k].text) in lx.ROLE_QUALIFIERS:
            k += 1
        if k < len(doc) and norm(doc[k].text) in lx.ROLE_HEADS | {"ceo", "cfo", "cto", "coo", "chair"}:
            votes["organization"] += 3      # people do not have chief executives
    if (nxt in ("ceo", "cfo", "cto", "coo", "chairman", "chairwoman", "chair", "president", "boss")
            and j + 1 < len(doc) and doc[j + 1].text[:1].isupper() and doc[j + 1].pos_ == "PROPN"):
        votes["organization"] += 3          # "Alder CEO Morag Baird"
    if nxt == "'s" and after in ("ceo", "chief", "chairman", "president", "board", "shares",
                                 "sales", "revenue", "profit", "unit", "division", "plant",
                                 "factory", "subsidiary", "stake", "brand", "workers",
                                 "employees", "engineers", "headquarters", "alliance",
                                 "partners", "partner", "ally", "models", "cars", "evs",
                                 "ownership", "strategy", "value", "unions"):
        votes["organization"] += 2
    # words before the name: "CEO Marc Whitten", "company Ampere"
    if prev == "manager" and prev2 in ("asset", "fund", "investment", "money", "wealth", "portfolio",
                                       "property", "hedge"):
        votes["organization"] += 3          # "asset manager Lindgate" is a firm
    elif prev in lx.ROLE_HEADS or prev in ("officer",) or (prev in ("executive",) and prev2 == "chief"):
        votes["person"] += 2
    if prev in ("company", "firm", "automaker", "carmaker", "group", "startup", "rival",
                "partner", "partners", "ally", "subsidiary", "unit", "division", "brand"):
        votes["organization"] += 2
    # what a company owns or buys is a business, not a person: "Kering, which owns Gucci,
    # Yves Saint Laurent and Balenciaga" (the list shares this with its later members)
    if prev in ("owns", "own", "owned", "acquired", "acquires", "bought", "buys", "brands", "labels"):
        votes["organization"] += 4
    if prev in ("in", "across", "from", "to") and label in ("GPE", "LOC"):
        votes["place"] += 1
    elif prev in ("in", "near", "outside") and len(words) == 1:
        votes["place"] += 1          # "a plant in Umeå": an unknown town
    # examples of a kind of product: "EVs such as the Renault 5", "systems like its Super Cruise"
    k = i - 1
    while k >= 0 and doc[k].lower_ in ("the", "its", "their", "his", "her", "a", "an"):
        k -= 1
    if k >= 1 and (doc[k].lower_ in ("like", "including") or
                   (doc[k].lower_ == "as" and doc[k - 1].lower_ == "such")):
        k2 = k - 1 if doc[k].lower_ != "as" else k - 2
        while k2 >= 0 and doc[k2].text in (",",):
            k2 -= 1
        if k2 >= 0 and norm(doc[k2].text) in lx.PRODUCT_NOUNS:
            votes["product"] += 3
    if nxt in PERSON_VERBS and len(words) >= 2 and label == "PERSON":
        votes["person"] += 1
    # the model's label, as one more hint
    # (the small model calls many unknown company names people: "Orchard Market")
    if label == "PERSON" and len(words) >= 2:
        votes["person"] += 2 if is_given_name(doc[i].text) else 0.5
    elif label == "PERSON":
        votes["person"] += 0.5
    elif label == "ORG":
        votes["organization"] += 1
    elif label in ("GPE", "LOC"):
        votes["place"] += 2 if low in lx.PLACES else 1
    elif label == "FAC":
        votes["facility"] += 1
    elif label == "PRODUCT":
        votes["product"] += 1
    elif label == "NORP":
        votes["organization"] += 0.5
    # "Ines Varga, Halvorsen's chief technology officer": a role in the apposition
    if nxt == "," and len(words) >= 2:
        for t in doc[j + 1:j + 7]:
            w = norm(t.text)
            if w in (",", ".", ";"):
                break
            if w in lx.ROLE_HEADS or w in ("ceo", "cfo", "cto", "coo", "cpo"):
                votes["person"] += 3
                break
            if w in lx.COMPANY_NOUNS and w not in ("partner", "ally", "owner", "parent"):
                votes["organization"] += 3
                break
    # "a stake in X", "partnership with X", "merger with X"
    if prev in ("in", "with", "of") and prev2 in ("stake", "stakes", "shares", "ownership",
                                                 "partnership", "alliance", "merger", "talks",
                                                 "memorandum", "agreement", "deal", "integration",
                                                 "venture", "acquisition", "takeover"):
        votes["organization"] += 2
    # a dateline: "OSLO -", "DETROIT --"
    if i == 0 and text.isupper() and nxt in ("-", "--", ",", "(", "\u2013", "\u2014"):
        votes["place"] += 4
    if nxt in ("said", "says", "told", "added") and len(words) in (2, 3) and not (
            words[-1] in lx.ORG_SUFFIXES):
        votes["person"] += 1
    if low in lx.DEMONYMS:
        votes.clear()
    return votes


# ---------------------------------------------------------------- descriptions and pronouns

DESCRIPTION_HEADS = {"business"} | ((lx.COMPANY_NOUNS | lx.UNIT_NOUNS | lx.PERSON_NOUNS
                                     | {"plant", "factory", "facility"})
                                    - {"operation", "operations", "business", "businesses",
                                       "venture", "segment"})
PRONOUNS = {"it": ("organization", False), "its": ("organization", True),
            "he": ("person", False), "his": ("person", True), "she": ("person", False),
            "her": ("person", True), "him": ("person", False)}


def descriptions(doc) -> list[tuple[int, int, str]]:
    """'the French Group', 'the automaker', 'the electric car division', 'the executive',
    'the 57-year-old'."""
    out = []
    for t in doc:
        if t.lower_ == "the" and t.i + 1 < len(doc):
            m = re.match(r"\d+-year-old$", doc[t.i + 1].text)
            if m or (t.i + 5 < len(doc) and doc[t.i + 1].like_num and doc[t.i + 2].text == "-"
                     and doc[t.i + 3].lower_ == "year" and doc[t.i + 5].lower_ == "old"):
                end = t.i + 2 if m else t.i + 6
                out.append((t.i, end, "executive"))
    for t in doc:
        low = norm(t.text)
        if t.lower_ not in ("the", "this", "that") or t.i + 1 >= len(doc):
            continue
        # the head is the last noun of the phrase, within five tokens
        j = t.i + 1
        head_idx = None
        while j < len(doc) and j - t.i <= 6:
            w = doc[j]
            wl = norm(w.text)
            if w.is_punct and w.text not in ("-",):
                break
            if wl in DESCRIPTION_HEADS and w.pos_ in ("NOUN", "PROPN"):
                head_idx = j
                nxt = doc[j + 1] if j + 1 < len(doc) else None
                if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and norm(nxt.text) in DESCRIPTION_HEADS:
                    j += 1
                    continue
                break
            compound = doc[j - 1].text == "-" and wl in ("based", "owned", "controlled", "listed", "backed", "run")
            if w.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ") and wl not in ("-",) and not compound:
                break               # ("the Gothenburg-based group" goes on past "based")
            j += 1
        if head_idx is None:
            continue
        head = norm(doc[head_idx].text)
        if head == "business" and head_idx != t.i + 1:
            continue            # "the robotaxi business" is an activity; bare "the business" a unit
        out.append((t.i, head_idx + 1, head))
        del low
    return out


def descriptor_nouns(doc, i: int, j: int) -> set[str]:
    """What the text calls the name at [i, j): 'Gothenburg-based carmaker Norvik',
    'Helix, a battery maker', 'Norvik, the Swedish group'."""
    found = set()
    k = i - 1
    while k >= 0 and i - k <= 4 and not doc[k + 1].is_sent_start:     # a noun right before the name
        w = norm(doc[k].text)
        if w in DESCRIPTION_HEADS and doc[k].pos_ in ("NOUN", "PROPN"):
            found.add(w)
            break
        if (doc[k].pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB") or doc[k].text in (",", "(", ":", ".", ";", "!", "?")
                or doc[k + 1].is_sent_start):
            break
        k -= 1
    if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("a", "an", "the"):
        for t in doc[j + 2:j + 8]:               # an apposition after it
            w = norm(t.text)
            if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX", "ADP"):
                break
            if w in DESCRIPTION_HEADS and t.pos_ == "NOUN":
                found.add(w)
    return found


def head_class(head: str) -> str:
    if head == "business":
        return "unit"
    if head in lx.PERSON_NOUNS and head not in lx.COMPANY_NOUNS:
        return "person"
    if head in ("plant", "factory", "facility"):
        return "facility"
    if head in lx.UNIT_NOUNS and head not in ("business", "brand", "startup"):
        return "unit"
    return "organization"


UNIT_HEADS = {"unit", "division", "subsidiary", "arm", "entity", "offshoot", "spin-off",
              "spinoff", "affiliate", "subsidiaries", "units", "divisions"}


SINGULAR_UNIT_HEADS = {"unit", "division", "subsidiary", "arm", "entity", "offshoot", "spin-off",
                       "spinoff", "affiliate"}


def unit_context(doc, i: int, j: int) -> bool:
    """Is the name at [i, j) called a unit here? ('its Ampere EV unit', 'unit Mobilize',
    'Ampere, the ... division', 'the Mobilize division')."""
    # the noun phrase it heads: "Cruise autonomous vehicle unit"
    k = j
    while k < len(doc) and k - j <= 9:
        t = doc[k]
        if norm(t.text) in UNIT_HEADS:
            return norm(t.text) in SINGULAR_UNIT_HEADS
        if t.text in ("'s", "'"):      # "Renault's EV division": Renault is the parent
            break
        if t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "SCONJ") or t.text in (",", ".", ";", ":"):
            break
        k += 1
    # "its mobility services unit Mobilize", "subsidiaries: A and B"
    k = i - 1
    if k >= 0 and doc[k].text in (":", ","):      # "its agricultural unit, Brandel Crop Science"
        k -= 1
    while k >= 0 and i - k <= 3:
        t = doc[k]
        if norm(t.text) in UNIT_HEADS:
            return True
        if t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            break
        k -= 1
    # apposition "Ampere, the semi-autonomous division responsible for ..."
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("the", "a", "an", "its"):
        for t in doc[j + 2: j + 8]:
            if norm(t.text) in UNIT_HEADS:
                return True
            if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX"):
                break
    return False
