"""newsledger_mentions: the stretches of an article that name, describe or stand for an entity.

Three kinds go into doc.spans["mentions"] (span._.kind):

* names -- runs of proper-noun-like tokens with their inner connectors ("Luca de Meo",
  "Bank of America", "Renault 5 E-Tech"); titles ("Chief Executive Officer"),
  demonyms ("Brit") and honorifics stay outside;
* descriptions -- "the carmaker", "the French group", "the unit", "the 57-year-old";
* pronouns -- "it", "its", "he", "their" (pronouns.tsv).

Each name carries the evidence for what it is (span._.info.votes): its own shape
(legal suffixes, given names, model numbers), the words around it (a role before a
person, "unit" after a company, "plant" after a site, "owns" before a business), and
the small model's label as one weak hint -- the model alone calls "Ampere" a
nationality.  references.py adds the votes of every mention of one name and decides.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Span

from .. import lexicon as lx
from ..numbers import is_currency_token

ORG_SUFFIXES = lx.words("org_suffixes")
ORG_PREFIXES = lx.words("org_prefixes")
GENERIC_ORG_WORDS = lx.words("generic_org_words")
NON_NAMES = lx.words("non_names")
DEMONYMS = lx.words("demonyms")
PLACES = lx.words("places")
PLACE_HEADS = lx.words("place_heads")
KNOWN_ORGS = lx.words("known_orgs") | lx.words("news_agencies")
GIVEN_NAMES = lx.words("given_names")
HONORIFICS = lx.words("honorifics")
CONNECTORS = lx.words("name_connectors")
PARTICLES = lx.words("name_particles")
TITLE_WORDS = lx.words("title_words")
DEPARTMENTS = lx.words("departments")
ROLE_HEADS = lx.words("role_heads")
ROLE_QUALIFIERS = lx.words("role_qualifiers")
UNIT_NOUNS = lx.words("unit_nouns")
COMPANY_NOUNS = lx.words("company_nouns")
PERSON_NOUNS = lx.words("person_nouns")
FACILITY_NOUNS = lx.words("facility_nouns")
PRODUCT_NOUNS = lx.words("product_nouns")
GENERIC_PRODUCT_NOUNS = lx.words("generic_product_nouns")
COMBINING_FORMS = lx.words("combining_forms")
OWNING_WORDS = lx.words("owning_words")
SPEECH_VERBS = lx.words("speech_verbs")
PRONOUNS = {k: v.split(",") for k, v in lx.table("pronouns").items()}
PLAN_NAME_HEADS = lx.words("plan_name_heads")
STATE_NOUNS = lx.words("state_nouns")
COMPANY_POSSESSIONS = lx.words("company_possessions")
# what a name can be the modifier of: "Douai plant", "Ampere unit", "Scenic SUV"
STRICT_UNIT_NOUNS = UNIT_NOUNS - {"business", "brand", "operation", "venture", "startup", "segment", "entity"}
NAMED_UNIT_NOUNS = STRICT_UNIT_NOUNS | {"sector"}     # ("its Air sector")
ORG_HEADS = STRICT_UNIT_NOUNS | {"union", "newspaper", "agency", "group", "company", "brand", "alliance", "consortium"}
DESCRIPTION_HEADS = ((COMPANY_NOUNS | UNIT_NOUNS | PERSON_NOUNS | {"plant", "factory", "facility"})
                     - {"operation", "segment"})


@dataclass
class MentionInfo:
    """What the mention component learned about one mention."""
    votes: Counter = field(default_factory=Counter)   # names: evidence per entity type
    head: str = ""              # descriptions: head noun ("carmaker"); pronouns: the pronoun
    type: str = ""              # descriptions and pronouns: the type they ask for
    possessive: bool = False    # followed by 's, or a possessive pronoun
    plural: bool = False
    unitish: bool = False       # spoken of as a unit/division/subsidiary here
    subject: bool = False       # the grammatical subject of its clause
    mid_sentence: bool = False  # not the sentence's first word (a capital that means a name)
    described: set = field(default_factory=set)   # nouns the text calls it: "carmaker Norvik"
    gender: str = ""
    modifies: str = ""          # names: the noun it modifies ("the CFE-CGC union" -> union)
    origins: set = field(default_factory=set)     # demonyms the text gives it: "Dutch rival Veldhuis"


@lru_cache(maxsize=65536)     # (asked of every token several times per article)
def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u2019", "'")).strip().casefold()


def bare(s: str) -> str:
    """norm() without a trailing full stop, for look-ups ('Feb.' -> 'feb')."""
    return norm(s).rstrip(".")


def plain(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# ---------------------------------------------------------------- given names

_NAME_DICTIONARY = None


def _dictionary():
    global _NAME_DICTIONARY
    if _NAME_DICTIONARY is None:
        import gender_guesser.detector as gd
        _NAME_DICTIONARY = gd.Detector(case_sensitive=False)
    return _NAME_DICTIONARY


def is_given_name(word: str) -> bool:
    """A first name in our list or in gender-guesser's international dictionary (40,000
    first names, loaded on first use)."""
    low = norm(word)
    if low in GIVEN_NAMES:
        return True
    if not word[:1].isupper() or not word.isalpha() or low in NON_NAMES or low in KNOWN_ORGS:
        return False
    return _dictionary().get_gender(plain(word)) != "unknown"


def gender_of(full_name: str) -> str | None:
    """'male' / 'female' from a person's first name when the dictionary is sure enough."""
    first = full_name.split()[0] if full_name.split() else ""
    if not is_given_name(first):
        return None
    g = _dictionary().get_gender(plain(first.split("-")[0]))
    return {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}.get(g)


# ---------------------------------------------------------------- common words

_WORD_FREQUENCY = None
COMMON_WORD_COUNT = 2000        # in pyspellchecker's English word list: "operations" 14708, "veteran" 4482,
                                # "ford" 861, "renault" 259 (a company name is rarely a common word)


def common_word(word: str) -> bool:
    """Is this an everyday English word (so a capital at a sentence's start says nothing)?"""
    global _WORD_FREQUENCY
    if _WORD_FREQUENCY is None:
        from spellchecker import SpellChecker
        _WORD_FREQUENCY = SpellChecker(language="en").word_frequency
    return _WORD_FREQUENCY[word.lower()] >= COMMON_WORD_COUNT


# ---------------------------------------------------------------- names

def opens_quotation(tok) -> bool:
    """The first word inside quotation marks at the start of a sentence or clause."""
    doc, i = tok.doc, tok.i
    return i > 0 and doc[i - 1].text in ('"', "'") and (
        i == 1 or doc[i - 1].is_sent_start or doc[i - 2].text in (".", ",", ":", "(", "-"))


def title_case_tokens(doc) -> set[int]:
    """Tokens of lines written in title case ("Penrose to Sell Silkara Haircare Brand to
    Greyfell"): there a capital says no more than at a sentence's start."""
    found = doc.user_data.get("newsledger_title_case")
    if found is None:
        found = set()
        line: list = []
        for t in list(doc) + [None]:
            if t is None or (t.is_space and "\n" in t.text):
                words = [w for w in line if w.is_alpha and len(w.text) >= 4]
                if len(words) >= 3 and sum(w.text[:1].isupper() for w in words) >= 0.75 * len(words) \
                        and not (line and line[-1].text in (".", "!", "?")):
                    found.update(w.i for w in line)
                line = []
            else:
                line.append(t)
        doc.user_data["newsledger_title_case"] = found
    return found


def sentence_initial(tok) -> bool:
    doc = tok.doc
    if tok.is_sent_start or tok.i == 0 or opens_quotation(tok) or tok.i in title_case_tokens(doc):
        return True
    k = tok.i - 1
    while k >= 0 and (doc[k].is_space or doc[k].text in ('"', "(", "-", "\u2022", "*")):
        if doc[k].is_sent_start:
            return True
        k -= 1
    return k < 0


def is_demonym_compound(word: str) -> bool:
    """'Franco-German', 'Sino-Japanese', 'Swiss-based': an adjective of origin, not a name."""
    parts = [p for p in norm(word).split("-") if p]
    return len(parts) > 1 and all(p in DEMONYMS or p in COMBINING_FORMS or p == "based" for p in parts)


def _based(doc, i: int) -> bool:
    """'Mich.-based', 'Gothenburg-based': a place used as an adjective."""
    return i + 2 < len(doc) and doc[i + 1].text == "-" and doc[i + 2].lower_ in (
        "based", "headquartered", "born", "listed")


def is_ticker(text: str) -> bool:
    """A stock code with its exchange suffix ('RENA.PA', 'GM.N', '7203.T')."""
    code, dot, market = text.partition(".")
    return bool(dot) and 1 <= len(code) <= 6 and (code.isupper() or code.isdigit()) and code.isalnum() \
        and 1 <= len(market) <= 2 and market.isupper() and market.isalpha()


def _based_after_comma(doc, j: int) -> bool:
    """'Dearborn, Mich.-based': a town before its state's '-based' adjective."""
    return j + 1 < len(doc) and doc[j].text == "," and (doc[j + 1].lower_.endswith("-based") or _based(doc, j + 1))


def phrase_abbreviations(doc) -> set[str]:
    """Acronyms the article introduces for a common phrase ('twenty-foot equivalent units
    (TEU)', 'liquefied natural gas (LNG)'): the initials of the lower-case words before
    the brackets; they abbreviate a thing, never a name."""
    if "phrase_abbreviations" not in doc.user_data:
        out = set()
        for t in doc[2:len(doc) - 1]:
            if doc[t.i - 1].text != "(" or doc[t.i + 1].text != ")" or not t.text.isupper() \
                    or not t.text.isalpha() or not 2 <= len(t.text) <= 6:
                continue
            words = [w for w in doc[max(0, t.i - 12):t.i - 1] if w.is_alpha]
            for glued in (False, True):     # ("twenty-foot": one initial or two)
                initials = ""
                for w in reversed(words):
                    if not w.text.islower():
                        break
                    if glued and w.i > 1 and doc[w.i - 1].text == "-" and not doc[w.i - 2].whitespace_:
                        continue
                    initials = w.text[0].upper() + initials
                    if initials == t.text:
                        out.add(t.text)
                        break
        doc.user_data["phrase_abbreviations"] = out
    return doc.user_data["phrase_abbreviations"]


def name_token(tok, caps: set[str]) -> bool:
    """Could this token be part of a proper name?"""
    t = tok.text
    low = norm(t)
    if t[:1].isupper() and t.isalpha() and not t.isupper() \
            and (tok.like_num or (low in NON_NAMES and tok.pos_ == "ADJ")) \
            and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL") and not sentence_initial(tok) \
            and _opens_company_name(tok):
        return True                 # "and First Prairie Financial agreed": a word that opens a company's name
    if not t or not t[0].isupper() or tok.like_num or tok.is_punct or tok.is_space:
        return False
    if t.isupper() and t in phrase_abbreviations(tok.doc):
        return False                # "twenty-foot equivalent units (TEU)": a unit, not a company
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() and nxt.pos_ == "PROPN" and \
            low in GIVEN_NAMES and tok.pos_ not in ("PROPN", "NOUN"):
        return True     # "Per Olsen", "Will Smith": a given name the tagger read as a function word
    if sentence_initial(tok) and tok.i not in title_case_tokens(tok.doc) and _hyphen_leads_company(tok, caps):
        return True     # "Mid-Sea Shipping will invest ...": a hyphened start of a company's name
    if low in NON_NAMES or bare(t) in NON_NAMES or is_demonym_compound(t) or is_currency_token(t):
        return False                # "EV", "Franco-German", "S$870", "US$", "EUR140"
    if "@" in t or t.lower().startswith(("http", "www.")):
        return False                # addresses are not names
    if is_ticker(t):
        return False                # "Kering PRTP.PA": a stock code follows a name, it is no part of it
    if low.endswith(("-based", "-owned", "-listed", "-headquartered", "-born", "-controlled", "-backed")):
        return False                # "Mich.-based" (one token): an adjective, the place inside it no name
    if sentence_initial(tok):
        # a capital at a sentence's start says nothing: trust the word's capitalised use
        # elsewhere in the article, a lexicon, or the tagger on a word that is no everyday word
        # (in a title-case headline only the article's own use or a lexicon: "Penrose Agrees
        # to Sell Silkara Haircare Brand" capitalises every word)
        titled = tok.i in title_case_tokens(tok.doc)
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.text[:1].isupper() and low in DESCRIPTION_HEADS and low not in ORG_SUFFIXES \
                and t not in caps:
            return False    # "Drugmaker Solenne plans ...": the description before a name, not part of it
        if t in caps or low in KNOWN_ORGS or low in PLACES or (is_given_name(t) and not titled):
            return True
        if nxt is not None and nxt.text[:1].isupper() and norm(nxt.text) in ORG_SUFFIXES:
            return True     # "Quarry Mining is ...": a company word makes even an everyday word a name
        if not titled and _leads_name(tok, caps):
            return True     # "Sable Rock Energy said ...": a word no dictionary knows, compounded into the name after it
        return not titled and tok.pos_ == "PROPN" and tok.ent_type_ in ("ORG", "PERSON", "GPE", "PRODUCT", "FAC") \
            and not common_word(t)
    return tok.pos_ in ("PROPN", "NOUN", "ADJ", "X", "VERB", "ADV", "NUM", "PRON") or t.isupper()


def _opens_company_name(tok) -> bool:
    """Is the word followed by capitalised words, glued to it, that end in a company word
    ('First Prairie Financial', 'National Coal Mining')?"""
    doc = tok.doc
    k = tok.i + 1
    while k < len(doc) and k - tok.i <= 3 and doc[k].is_alpha and doc[k].text[:1].isupper() \
            and not doc[k].is_sent_start and norm(doc[k].text) not in NON_NAMES:
        if norm(doc[k].text) in ORG_SUFFIXES and k > tok.i + 1:
            return True
        k += 1
    return False


def _leads_name(tok, caps: set[str]) -> bool:
    """A sentence-initial word that is no everyday word and modifies the capitalised words
    right after it, which end a name ('Sable Rock Energy', 'Tethys LNG', 'Nordlys Tankers'):
    the first word of that name."""
    if common_word(tok.text) or tok.pos_ not in ("PROPN", "NOUN") or tok.dep_ != "compound":
        return False
    head = tok.head
    if not (tok.i < head.i <= tok.i + 3) or head.pos_ != "PROPN":
        return False
    between = tok.doc[tok.i + 1:head.i + 1]
    return all(w.is_alpha and w.text[:1].isupper() and name_token(w, caps) for w in between)


def _hyphen_leads_company(tok, caps: set[str]) -> bool:
    """'Mid-Sea Shipping', 'Trans-Pacific Freight Lines': a sentence-initial word glued by a
    hyphen to capitalised words that end in a company word."""
    doc = tok.doc
    k = tok.i + 1
    if not (k + 1 < len(doc) and doc[k].text == "-" and not tok.whitespace_ and not doc[k].whitespace_):
        return False
    k += 1
    while k < len(doc) and doc[k].is_alpha and doc[k].text[:1].isupper() and not doc[k].is_sent_start \
            and name_token(doc[k], caps):
        if norm(doc[k].text) in ORG_SUFFIXES and k > tok.i + 2:
            return True
        k += 1
    return False


def capital_vocabulary(doc) -> set[str]:
    """Words that are names in this article: written with a capital in mid-sentence, or
    opening sentences but never written in lower case, and then acting as a subject or an
    owner ('Hoshino sold 3.7 million vehicles', "Hoshino's board") or carrying a company
    word ('Hoshino Motor Co.')."""
    caps = set()
    lower = {t.text for t in doc if t.is_alpha and t.text[:1].islower()}
    for t in doc:
        if not (t.is_alpha and t.text[:1].isupper()) or norm(t.text) in NON_NAMES:
            continue
        if t.i > 0 and not sentence_initial(t):
            caps.add(t.text)
        elif t.text.lower() not in lower and t.i + 1 < len(doc) and t.pos_ in ("PROPN", "NOUN", "ADJ"):
            nxt = doc[t.i + 1]
            # set apart by a description, a relative clause or an age even an everyday word is
            # a name ("Freshly, which Sunmark launched ..."); acting as a subject or an owner
            # only a word that is no everyday word ("Hoshino sold", but not "Operations will")
            if _described_after(doc, t.i) or _aged(doc, t.i + 1) or \
                    nxt.text == "," and t.i + 2 < len(doc) and doc[t.i + 2].lower_ in ("which", "who"):
                caps.add(t.text)
            elif not common_word(t.text) and (nxt.pos_ in ("VERB", "AUX") or nxt.text in ("'s", "'")
                                               or norm(nxt.text) in ORG_SUFFIXES or nxt.lower_ in ROLE_HEADS):
                caps.add(t.text)    # "Hoshino sold", "Orsay president and CEO ..."
    return caps


def _aged(doc, j: int) -> bool:
    """'Weber, 61, ran ...': a name followed by an age is a person's."""
    return j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].like_num and doc[j + 2].text == "," \
        and doc[j + 1].text.isdigit() and 18 <= int(doc[j + 1].text) <= 99


def _described_after(doc, i: int) -> bool:
    """'Skylark, a 40-year-old carrier ...': a word followed by a description of a company."""
    if i + 2 >= len(doc) or doc[i + 1].text != ",":
        return False
    for t in doc[i + 2:i + 10]:
        if t.lemma_.lower() in COMPANY_NOUNS | UNIT_NOUNS and t.pos_ == "NOUN":
            # (not a list: "Unions, suppliers and local officials urged ...")
            listed = t.dep_ == "conj" or any(c.dep_ in ("cc", "conj") for c in t.children)
            return not listed or any(w.pos_ == "DET" or w.dep_ == "poss" for w in doc[i + 2:t.i])
        if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX"):
            return False
    return False


def title_case_roles(doc) -> set[int]:
    """Token indices of capitalised job titles ('Chief Financial Officer', 'President and
    Chief Operating Officer'), which the model likes to read as names."""
    out: set[int] = set()
    starters = {"Chief", "Vice", "Senior", "Deputy", "Managing", "Executive", "President",
                "Chairman", "Chairwoman", "General", "Director", "Head"}
    for t in doc:
        if t.text not in starters:
            continue
        j = t.i
        while j < len(doc) and norm(doc[j].text) in TITLE_WORDS and (
                doc[j].text[:1].isupper() or doc[j].text in ("and", "&", "of", "the")):
            j += 1
        while j > t.i and doc[j - 1].text in ("and", "&", "of", "the"):
            j -= 1
        if j > t.i and norm(doc[j - 1].text) in ("officer", "executive", "president", "chairman",
                                                 "chairwoman", "director", "manager", "chair", "head"):
            out.update(range(t.i, j))
    return out


def name_runs(doc, caps: set[str]) -> list[tuple[int, int]]:
    """Maximal token runs that look like one proper name (with inner connectors)."""
    runs = []
    i, n = 0, len(doc)
    titles = title_case_roles(doc)
    while i < n:
        if i in titles or not (name_token(doc[i], caps) or _name_start(doc, i)) or norm(doc[i].text) in HONORIFICS:
            i += 1
            continue
        j = i + 1
        while j < n and j not in titles:
            t = doc[j]
            if t.is_sent_start:
                break
            if name_token(t, caps):
                j += 1
                continue
            if re.fullmatch(r"[b-hj-z]\.?", t.text) and doc[j - 1].text[:1].isupper() \
                    and not doc[j - 1].is_sent_start:
                j += 1          # "Ford Model e": a model letter in lower case
                continue
            # "Ontario Teachers' Pension Plan": a plural possessive inside a name
            if (t.text == "'" and doc[j - 1].text.endswith("s") and j + 1 < n
                    and name_token(doc[j + 1], caps) and t.whitespace_
                    and norm(doc[j - 1].text) not in ORG_SUFFIXES):   # ("Halvorsen Motors' Drammen plant")
                j += 1
                continue
            low = t.text.lower()
            # "Luca de Meo", "Bank of America", "CFE-CGC", "Mercedes-Benz", "AT&T"
            if (low in CONNECTORS and low != "and" and j + 1 < n and name_token(doc[j + 1], caps)
                    and not (low == "-" and t.whitespace_) and not doc[j + 1].is_sent_start
                    and not (low == "of" and norm(doc[j + 1].text) in PLACES)):
                j += 2
                continue
            if (low == "-" and j + 3 < n and not doc[j - 1].whitespace_ and not t.whitespace_
                    and doc[j + 1].text.islower() and doc[j + 1].text in CONNECTORS
                    and doc[j + 2].text == "-" and not doc[j + 1].whitespace_ and not doc[j + 2].whitespace_
                    and name_token(doc[j + 3], caps) and not doc[j + 3].is_sent_start):
                j += 4          # "Fos-sur-Mer", "Stratford-upon-Avon": a lower-case particle glued by hyphens
                continue
            if (low == "-" and j + 1 < n and j - i >= 2 and not doc[j - 1].whitespace_ and not t.whitespace_
                    and doc[j + 1].is_alpha and doc[j + 1].text.islower() and len(doc[j + 1].text) <= 5
                    and not common_word(doc[j + 1].text) and doc[j - 1].text[:1].isupper()
                    and not (j + 2 < n and doc[j + 2].text == "-")):
                j += 2          # "Chen Wei-lun", "Lee Jae-yong": a given name's second syllable
                continue
            if low in ORG_SUFFIXES and t.text[:1].isupper():
                j += 1          # "Co." / "Corp." / "Inc." after the name
                continue
            break
        # "CNN+": a plus glued to a name is part of it
        if j < n and doc[j].text == "+" and not doc[j - 1].whitespace_:
            j += 1
        # product names: "Renault 5", "Model 3", "F-150"
        if j < n and doc[j].text.isdigit() and len(doc[j].text) <= 3:
            k = j + 1
            if k < n and (doc[k].text[:1].isupper() and not doc[k].is_sent_start):
                j = k
                while j < n and not doc[j].is_sent_start:
                    if name_token(doc[j], caps):
                        j += 1
                    elif (doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_
                          and j + 1 < n and name_token(doc[j + 1], caps)):
                        j += 2      # "Renault 4 E-Tech"
                    else:
                        break
            elif not (k < n and doc[k].pos_ == "NOUN" and norm(doc[k].text) not in PRODUCT_NOUNS) \
                    and not (k < n and doc[k].lower_ in ("%", "percent", "per", "million", "billion")):
                j = k
        # "de Meo had stepped down": the particle belongs to the surname
        start = i - 1 if i > 0 and doc[i - 1].text in PARTICLES and (
            i < 2 or not doc[i - 2].text[:1].isupper()) and j - i == 1 else i
        if not all(norm(t.text) in GENERIC_ORG_WORDS for t in doc[i:j]):
            runs.append((start, j))
        i = j
    return _trim_runs(doc, runs)


def unit_named_with_noun(doc, i: int, j: int) -> str | None:
    """"Saxby's Air sector", "its Consumer division": an everyday word names a unit only with
    its noun ("Air sector"), the name reports give it (the run stays the word: the noun is read
    as the unit noun it is)."""
    if j - i == 1 and j < len(doc) and common_word(doc[i].text) and doc[j].pos_ == "NOUN" and doc[j].tag_ == "NN" \
            and doc[j].lemma_.lower() in NAMED_UNIT_NOUNS and doc[j].text.islower() and i > 0 \
            and (doc[i - 1].text in ("'s", "'") or doc[i - 1].lower_ in ("its", "their")):
        return f"{doc[i].text} {doc[j].text}"
    return None


def split_paired_names(doc, runs):
    """'the Harlow-Signatec tie-up', 'the Trident-Kaito network': two names the article uses
    on their own, glued by a hyphen, are two names (a pair), not one ("Mercedes-Benz" is one:
    its halves are not names elsewhere)."""
    whole = Counter(doc[a:b].text for a, b in runs)
    firsts = Counter(doc[a].text for a, b in runs if b - a > 1)
    out = []
    for i, j in runs:
        cut = next((h for h in range(i + 1, j - 1) if doc[h].text == "-" and not doc[h - 1].whitespace_
                    and not doc[h].whitespace_), None)
        if cut is not None:
            left, right = doc[i:cut].text, doc[cut + 1:j].text
            if (whole[left] or firsts[left]) and (whole[right] or firsts[right]) \
                    and not (is_given_name(left) and is_given_name(doc[cut + 1].text)) and doc[cut + 1].text[:1].isupper():
                out += [(i, cut), (cut + 1, j)]
                continue
        out.append((i, j))
    return out


def _trim_runs(doc, runs):
    """'President Makoto Uchida', 'Brit Duncan Minto', 'Director of Purchasing Maxime
    Picat': titles, demonyms and honorifics stay outside names; so does a glued "-based"."""
    out = []
    for i, j in runs:
        while j - i > 1 and (norm(doc[i].text) in DEMONYMS or norm(doc[i].text) in HONORIFICS):
            if norm(doc[i].text) in DEMONYMS and i > 0 and doc[i - 1].is_lower and (
                    doc[i - 1].lemma_.lower() in DESCRIPTION_HEADS | COMPANY_NOUNS or doc[i - 1].lower_ in COMPANY_NOUNS):
                break       # "Danish biotech Nordic Peptide": after its description the word opens the name
            i += 1
        while j - i > 1 and doc[j - 1].text in ("'s", "'", "-"):
            j -= 1
        if (j - i >= 3 and i >= 2 and doc[i - 1].lower_ == "of"
                and norm(doc[i - 2].text) in ROLE_HEADS and norm(doc[i].text) in DEPARTMENTS):
            i += 1
        words = [norm(t.text) for t in doc[i:j]]
        if (j - i == 1 and _based(doc, i)) or _based_after_comma(doc, j):
            continue            # "Gothenburg-based", "Dearborn, Mich.-based": where a company sits
        if (j > i and not all(w in GENERIC_ORG_WORDS for w in words) and " ".join(words) not in DEMONYMS
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
    """'the 5 E-Tech': a model number followed by a capitalised hyphenated model line."""
    out = []
    for t in doc:
        if not (t.text.isdigit() and len(t.text) <= 2 and t.i + 1 < len(doc)
                and doc[t.i + 1].text[:1].isupper()):
            continue
        j = t.i + 1
        while j + 1 < len(doc) and not doc[j].whitespace_ and (doc[j + 1].text == "-" or doc[j].text == "-"):
            j += 1
        if "-" in doc[t.i + 1:j + 1].text:
            out.append((t.i, j + 1))
    return out


# ---------------------------------------------------------------- evidence for a name's type

def head_after(doc, j: int) -> str:
    """The noun a name is a modifier of: the last lexicon noun of the compound that
    follows, skipping adjectives and acronyms ("Ampere EV and software unit")."""
    found = ""
    k = j
    while k < len(doc) and k - j <= 9:
        t = doc[k]
        low = t.lemma_.lower() if t.pos_ == "NOUN" else norm(t.text)
        if low in FACILITY_NOUNS or low in ORG_HEADS or low in PRODUCT_NOUNS:
            found = low
        elif not (t.text in ("(", ")", "-") or t.pos_ in ("ADJ", "NOUN", "NUM")
                  or (t.tag_ == "VBG" and t.dep_ in ("amod", "compound") and t.head.i > t.i)  # "bottling plant"
                  or (t.pos_ == "PROPN" and t.text.isupper())
                  or (low == "and" and k + 1 < len(doc) and doc[k + 1].pos_ in ("NOUN", "ADJ"))):
            break
        k += 1
    return found


def context_votes(doc, i: int, j: int) -> Counter:
    """Votes from the noun a name (or a list of names) modifies ("Douai plant") and the
    noun that introduces it ("plants - Douai, Maubeuge", "subsidiaries: A and B")."""
    votes: Counter = Counter()
    plan_at = j if j < len(doc) and doc[j].lemma_.lower() in PLAN_NAME_HEADS else \
        j + 1 if j + 1 < len(doc) and doc[j].pos_ in ("ADJ", "NOUN") and doc[j + 1].lemma_.lower() in PLAN_NAME_HEADS else None
    if plan_at is not None and doc[plan_at].pos_ == "NOUN" and not (
            plan_at + 1 < len(doc) and doc[plan_at + 1].pos_ in ("NOUN", "PROPN")):   # ("strategy director")
        votes["none"] += 6      # "the Ford+ plan", "its Re:Nissan turnaround plan": a plan's name
    head = head_after(doc, j)
    if head in FACILITY_NOUNS:
        near = any(doc[k].lemma_.lower() == head for k in range(j, min(j + 3, len(doc))))
        votes["facility"] += 7 if near else 3
    if head in ORG_HEADS:
        votes["organization"] += 3
    if head in PRODUCT_NOUNS and head not in GENERIC_PRODUCT_NOUNS:
        votes["product"] += 2
    k = i - 1
    while k >= 0 and doc[k].text in (",", ":", "-", "\u2013", "\u2014", "(") and i - k <= 2:
        k -= 1
    if 0 <= k < i - 1:
        intro = doc[k].lemma_.lower()
        if intro in FACILITY_NOUNS:
            votes["facility"] += 3
        elif intro == "brand":
            votes["brand"] += 3         # a product line or a unit: see resolve_brand
        elif intro in STRICT_UNIT_NOUNS or intro in ("company", "partner", "ally", "rival", "label"):
            votes["organization"] += 3
        elif intro in PRODUCT_NOUNS:
            votes["product"] += 2
    return votes


def example_votes(doc, i: int) -> Counter:
    """Examples of a kind of thing: "EVs such as the Renault 5", "systems like its Super
    Cruise" are products, "units such as Ford Pro" companies; "brands like Bronco" are
    brands, a product line or a unit (see resolve_brand)."""
    votes: Counter = Counter()
    k = i - 1
    while k >= 0 and doc[k].lower_ in ("the", "its", "their", "his", "her", "a", "an"):
        k -= 1
    if k >= 1 and (doc[k].lower_ in ("like", "including") or (doc[k].lower_ == "as" and doc[k - 1].lower_ == "such")):
        k2 = k - 1 if doc[k].lower_ != "as" else k - 2
        while k2 >= 0 and doc[k2].text == ",":
            k2 -= 1
        kind = doc[k2].lemma_.lower() if k2 >= 0 else ""
        if kind == "brand":
            votes["brand"] += 3
        elif kind in PRODUCT_NOUNS:
            votes["product"] += 3
        elif kind in UNIT_NOUNS | COMPANY_NOUNS | {"label"}:
            votes["organization"] += 3
    return votes


def resolve_brand(votes: Counter) -> Counter:
    """A brand is a product line ("Bronco", listed among a carmaker's vehicles) or a unit
    ("Gucci"): its brand votes go to the product when anything else says product, to the
    organisation otherwise."""
    b = votes.pop("brand", 0)
    if b:
        if votes.get("product", 0) > 0 and votes["product"] >= votes.get("organization", 0):
            votes["product"] += b
        else:
            votes["organization"] += b
    return votes


def _after_compass(doc) -> dict[str, set[int]]:
    """Word -> where it follows a capitalised compass word ('North Yorkshire'), read once
    per document (every one-word name asks: a scan per name made long articles quadratic)."""
    found = doc.user_data.get("newsledger_after_compass")
    if found is None:
        found = {}
        for t in doc[1:]:
            before = doc[t.i - 1]
            if before.lower_ in COMPASS_WORDS and before.text[:1].isupper():
                found.setdefault(t.text, set()).add(t.i)
        doc.user_data["newsledger_after_compass"] = found
    return found


def mention_votes(doc, i: int, j: int) -> Counter:
    """Evidence for each entity type from the name itself and its neighbours."""
    votes: Counter = Counter()
    text = doc[i:j].text
    words = [norm(t.text) for t in doc[i:j]]
    low = " ".join(words)
    nxt = norm(doc[j].text) if j < len(doc) else ""
    nxt2 = norm(doc[j + 1].text) if j + 1 < len(doc) else ""
    prev = norm(doc[i - 1].text) if i > 0 else ""
    prev2 = norm(doc[i - 2].text) if i > 1 else ""
    prev_lemma = doc[i - 1].lemma_.lower() if i > 0 else ""
    label = doc[i].ent_type_ or doc[j - 1].ent_type_

    if low in KNOWN_ORGS:
        votes["organization"] += 3
    if low in PLACES:
        votes["place"] += 4
    if len(words) >= 2 and words[-1] in PLACE_HEADS and words[0] not in PLACE_HEADS:
        votes["place"] += 4                 # "Bowen Basin", "Loire Valley": a region, whatever its first word
    if words[-1] in ORG_SUFFIXES and len(words) > 1:
        votes["organization"] += 3
    elif "&" in words[1:-1] and any(w in ORG_SUFFIXES for w in words[1:]):
        votes["organization"] += 3          # "Saxby Aerospace & Defence": a company word inside the name
    if len(words) == 1 and _after_compass(doc).get(text, set()) - {i}:
        votes["place"] += 3                 # "Yorkshire" after "North Yorkshire": the region named short
    if len(words) == 1 and text.isupper() and 2 <= len(text) <= 6:
        votes["organization"] += 1          # acronyms are mostly companies and agencies
    if text.endswith("+") or ".com" in low:
        votes["organization"] += 2          # "CNN+", "Jet.com": services
    if len(words) >= 2 and words[0] in ORG_PREFIXES:
        votes["organization"] += 3          # "Grupo Ardente", "Minera Quilpué": a company word opens the name
    elif words[0] in GIVEN_NAMES and len(words) >= 2:
        votes["person"] += 3
    elif (len(words) in (2, 3, 4) and words[-1] not in ORG_SUFFIXES and words[-1] not in PLACES
          and low not in KNOWN_ORGS and is_given_name(doc[i].text.split("-")[0])):
        votes["person"] += 2
    if prev in HONORIFICS or _aged(doc, j):
        votes["person"] += 4
    if any(c.isdigit() for c in text) and len(words) >= 2 and words[0] in FACILITY_NOUNS:
        votes["facility"] += 4              # "Fab 7", "Terminal 2", "Mill 3": a site numbered
    elif any(c.isdigit() for c in text) or "e-tech" in low or "e-tron" in low:
        votes["product"] += 3
    votes.update(context_votes(doc, i, j))
    root = doc[i:j].root
    if root.dep_ == "poss" and root.head.lemma_.lower() in COMPANY_POSSESSIONS:
        votes["organization"] += 2          # "Telvia's first-half revenue", "Norvik's plant"
    if nxt == "," and j + 1 < len(doc) and doc[j + 1].lower_ == "who":
        votes["person"] += 3                # "Ibarguren, who became chief executive"
    if nxt == "'s":
        k = j + 1
        while k < len(doc) and norm(doc[k].text) in ROLE_QUALIFIERS:
            k += 1
        after = doc[k].lemma_.lower() if k < len(doc) else ""
        if after in ROLE_HEADS or after in ("ceo", "cfo", "cto", "coo", "cpo", "chair", "board"):
            votes["organization"] += 3      # people do not have chief executives
        elif after in ("share", "sale", "revenue", "profit", "unit", "division", "plant", "factory",
                       "subsidiary", "stake", "brand", "worker", "employee", "engineer",
                       "headquarters", "alliance", "partner", "ally", "model", "car", "ev",
                       "ownership", "strategy", "value", "union", "customer", "shareholder",
                       "investor", "market", "business", "operation", "service", "product"):
            votes["organization"] += 2
    if (nxt in ROLE_HEADS or nxt in ("ceo", "cfo", "cto", "coo", "chair")) and j + 1 < len(doc) \
            and doc[j + 1].text[:1].isupper() and doc[j + 1].pos_ == "PROPN":
        votes["organization"] += 3          # "Alder CEO Morag Baird"
    elif nxt in ROLE_HEADS and len(words) <= 3 and not is_given_name(doc[i].text):
        votes["organization"] += 2          # "Orsay president and CEO Julien Marchetti"
    if prev == "manager" and prev2 in ("asset", "fund", "investment", "money", "wealth", "portfolio",
                                       "property", "hedge"):
        votes["organization"] += 3          # "asset manager Lindgate" is a firm
    elif prev in ROLE_HEADS or prev in ("officer", "ceo", "cfo", "cto", "coo", "cpo", "chair"):
        votes["person"] += 2
    if prev_lemma in COMPANY_NOUNS | UNIT_NOUNS and prev_lemma not in ("owner", "parent", "partner"):
        votes["organization"] += 3          # "gas grid operator Aurel Gas", "carmaker Norvik"
    elif i > 0 and doc[i - 1].pos_ == "NOUN" and prev_lemma in PRODUCT_NOUNS and prev_lemma not in GENERIC_PRODUCT_NOUNS:
        votes["product"] += 2       # "its obesity drug Slimora", "the crossover Vega"
    if prev in OWNING_WORDS or prev_lemma in OWNING_WORDS:
        votes["organization"] += 4          # what a company owns or buys is a business
    if prev in ("in", "across", "from", "to") and label in ("GPE", "LOC"):
        votes["place"] += 1
    elif prev == "of" and i > 1 and doc[i - 2].lower_ in COMPASS_WORDS:
        votes["place"] += 3                 # "north of Bergen", "west of the capital"
    elif prev == "of" and i > 1 and doc[i - 2].lemma_.lower() in SETTLEMENT_NOUNS and doc[i - 2].text.islower():
        votes["place"] += 3                 # "the port city of Kokkola", "the town of Hagondange"
    elif prev in ("in", "near", "outside") and len(text.split()) <= 2:
        votes["place"] += 1                 # "a plant in Umeå": an unknown town
        if i > 1 and doc[i - 2].lemma_.lower() in FACILITY_NOUNS:
            votes["place"] += 2             # (a site's town, whatever it is listed with)
    votes.update(example_votes(doc, i))
    # the model's label, as one more hint (it calls many unknown company names people)
    if label == "PERSON":
        votes["person"] += (2 if is_given_name(doc[i].text) else 0.5) if len(words) >= 2 else 0.5
    elif label == "ORG":
        votes["organization"] += 1
    elif label in ("GPE", "LOC"):
        votes["place"] += 2 if low in PLACES else 1
    elif label == "FAC":
        votes["facility"] += 0.5    # (a site needs a site word: the model calls airlines "Harbor Jet" one)
    elif label == "PRODUCT":
        votes["product"] += 1
    elif label == "NORP":
        votes["organization"] += 0.5
    # "Ines Varga, Halvorsen's chief technology officer": a role in the apposition
    if nxt == "," and len(words) >= 2:
        for t in doc[j + 1:j + 7]:
            w = t.lemma_.lower()
            if w in (",", ".", ";"):
                break
            if w in ROLE_HEADS or w in ("ceo", "cfo", "cto", "coo", "cpo"):
                votes["person"] += 3
                break
            if w in COMPANY_NOUNS and w not in ("partner", "ally", "owner", "parent"):
                if t.i + 1 < len(doc) and doc[t.i + 1].text in ("'s", "'"):
                    continue    # "Nadia Hartono, now the company's president": whose role it is
                votes["organization"] += 3
                break
    # "a stake in X", "partnership with X", "merger with X"
    if prev in ("in", "with", "of", "between") and prev2 in (
            "stake", "stakes", "shares", "ownership", "partnership", "alliance", "merger", "talks",
            "memorandum", "agreement", "deal", "integration", "venture", "acquisition", "takeover"):
        votes["organization"] += 2
    # a dateline: "OSLO -", "DETROIT --"
    if i == 0 and text.isupper() and nxt in ("-", "--", ",", "(", "\u2013", "\u2014"):
        votes["place"] += 4
    if nxt in SPEECH_VERBS or doc[j].lemma_ in SPEECH_VERBS if j < len(doc) else False:
        if len(words) in (2, 3) and words[-1] not in ORG_SUFFIXES and votes["person"] > 0:
            votes["person"] += 1
    if low in DEMONYMS:
        votes.clear()
    return votes


FOLDING_VERBS = {"fold", "reintegrate", "reabsorb", "absorb", "merge", "integrate", "fuse"}


def unit_context(doc, i: int, j: int) -> bool:
    """Is the name at [i, j) called a unit here? ('its Ampere EV unit', 'unit Mobilize',
    'Ampere, the ... division', 'the Mobilize division')."""
    k = j
    while k < len(doc) and k - j <= 9:
        t = doc[k]
        if t.lemma_.lower() in STRICT_UNIT_NOUNS and t.pos_ == "NOUN":
            # ("Falco Difesa, a Saxby subsidiary": one of Saxby's units; Saxby names the parent)
            return t.tag_ != "NNS" and not (i > 0 and doc[i - 1].lower_ in ("a", "an", "another"))
        if t.text in ("'s", "'") or t.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "SCONJ") \
                or t.text in (",", ".", ";", ":"):
            break
        k += 1
    k = i - 1
    if k >= 0 and doc[k].text in (":", ","):      # "its agricultural unit, Brandel Crop Science"
        k -= 1
    if k >= 1 and (doc[k].lower_ in ("like", "including") or (doc[k].lower_ == "as" and doc[k - 1].lower_ == "such")):
        k -= 2 if doc[k].lower_ == "as" else 1     # "brands like Gucci", "units such as Ford Pro"
        return k >= 0 and doc[k].lemma_.lower() in UNIT_NOUNS and doc[k].tag_ == "NNS"
    while k >= 0 and i - k <= 3:
        t = doc[k]
        if t.lemma_.lower() in STRICT_UNIT_NOUNS and t.pos_ == "NOUN":
            return True
        if t.pos_ not in ("NOUN", "ADJ", "PROPN"):
            break
        k -= 1
    if j + 1 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("the", "a", "an", "its"):
        for t in doc[j + 2: j + 8]:               # "Ampere, the ... division responsible for"
            if t.lemma_.lower() in STRICT_UNIT_NOUNS and t.pos_ == "NOUN":
                return True
            if t.pos_ == "NOUN" and _noun_lemma(t) in UNIT_NOUNS | COMPANY_NOUNS and _made_by_another(t):
                return True     # "Brightwater Digital, the online insurance start-up it founded"
            if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX"):
                break
    return folded_back(doc[j - 1])


FOUNDING_VERBS = lx.words("creation_words") | {"found", "set", "start", "build"}


def _noun_lemma(t) -> str:
    """A noun's lemma, 'start-up' whole however the tokenizer split it."""
    if t.lower_ == "up" and t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ == "start":
        return "start-up"
    return t.lemma_.lower()


def _made_by_another(noun) -> bool:
    """'the start-up it founded', 'the venture it set up': a company another one created
    (a relative clause whose subject is a company pronoun and whose verb creates; read off
    the words too, as the small model often hangs "it" on the name instead)."""
    for v in noun.children:
        if v.dep_ == "relcl" and v.lemma_.lower() in FOUNDING_VERBS and any(
                c.dep_ == "nsubj" and c.lower_ in ("it", "they") for c in v.children):
            return True
    doc = noun.doc
    return noun.i + 2 < len(doc) and doc[noun.i + 1].lower_ in ("it", "they") \
        and doc[noun.i + 2].lemma_.lower() in FOUNDING_VERBS


def folded_back(tok) -> bool:
    """'fold Kite Money ... back into its division', 'reintegrate Ampere into the group':
    what a company folds back into itself is one of its units."""
    verb = tok.head
    if tok.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in FOLDING_VERBS:
        return False
    return any(t.lower_ in ("into", "within") for t in verb.subtree if t.i > tok.i)


def descriptor_nouns(doc, i: int, j: int) -> set[str]:
    """What the text calls the name at [i, j): 'Gothenburg-based carmaker Norvik',
    'Helix, a battery maker', 'Norvik, the Swedish group'."""
    found = set()
    k = i - 1
    while k >= 0 and i - k <= 4 and not doc[k + 1].is_sent_start:
        w = doc[k].lemma_.lower()
        if w in DESCRIPTION_HEADS and doc[k].pos_ in ("NOUN", "PROPN"):
            found.add(w)
            break
        if doc[k].pos_ not in ("ADJ", "NOUN", "PROPN", "PUNCT", "VERB") or doc[k].text in (
                ",", "(", ":", ".", ";", "!", "?"):
            break
        k -= 1
    # "formed a joint venture, Calder Delivery": a noun the name is set in apposition to
    for t in doc[i:j]:
        if t.dep_ == "appos" and t.head.i < i and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in DESCRIPTION_HEADS \
                and doc[i - 1].text == ",":
            found.add(t.head.lemma_.lower())
    if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("a", "an", "the"):
        for t in doc[j + 2:j + 8]:
            w = t.lemma_.lower()
            # ("Vidora, a streaming service": a participle modifying the noun is no verb)
            if t.text in (",", ".", ";") or t.pos_ in ("AUX", "ADP") or (
                    t.pos_ == "VERB" and not (t.dep_ in ("amod", "compound") and t.head.i > t.i)):
                break
            if w in DESCRIPTION_HEADS and t.pos_ == "NOUN":
                found.add(w)
    return found


def origin_words(doc, i: int, j: int) -> set[str]:
    """The demonyms the text gives the name at [i, j): 'Dutch rival Veldhuis', 'Latvian carrier
    Baltavia', 'Veldhuis, the Dutch insurer' (so that "the Dutch company" can find it)."""
    found = set()
    k = i - 1
    while k >= 0 and i - k <= 4 and not doc[k + 1].is_sent_start and doc[k].pos_ in ("ADJ", "NOUN", "PROPN") \
            and doc[k].text not in (",", "(", ":"):
        if norm(doc[k].text) in DEMONYMS and doc[k].text[:1].isupper():
            found.add(norm(doc[k].text))
        k -= 1
    if j + 2 < len(doc) and doc[j].text == "," and doc[j + 1].lower_ in ("a", "an", "the"):
        for t in doc[j + 2:j + 6]:
            if t.text in (",", ".", ";") or t.pos_ in ("VERB", "AUX", "ADP"):
                break
            if norm(t.text) in DEMONYMS and t.text[:1].isupper():
                found.add(norm(t.text))
    return found


# ---------------------------------------------------------------- lists

def list_groups(doc, runs) -> list[list[int]]:
    """Indices of runs coordinated in one list ('Douai, Maubeuge, and Ruitz')."""
    groups: list[list[int]] = []
    closed: list[bool] = []
    # "Sanwa Motors and France's Delorme Automobiles": a possessor is no member of the list
    starts = {i for i, _ in runs}
    possessor = {k for k, (i, j) in enumerate(runs)
                 if j + 1 < len(doc) and doc[j].text in ("'s", "'") and j + 1 in starts}
    skipped = {t for k in possessor for t in range(runs[k][0], runs[k][1] + 1)}
    for k, (i, j) in enumerate(runs):
        if k in possessor:
            continue
        if groups and not closed[-1]:
            pi, pj = runs[groups[-1][-1]]
            between = [t.lower_ for t in doc[pj:i] if t.i not in skipped]
            if between and all(w in (",", "and", "or", "&", "as", "well", "the") for w in between) \
                    and any(w != "the" for w in between):       # ("the F-150, the Bronco, the Mustang")
                groups[-1].append(k)
                closed[-1] = any(w in ("and", "or", "&") for w in between)
                continue
        groups.append([k])
        closed.append(False)
    # "X, Y's CEO" is no list; three names in a row are one ("Gucci, Yves Saint-Laurent,
    # Balenciaga and other brands")
    return [g for g, done in zip(groups, closed) if (len(g) >= 2 and done) or len(g) >= 3]


def share_votes_in_lists(doc, runs, votes) -> None:
    """Names in one coordination ('Douai, Maubeuge, and Ruitz') are things of one kind."""
    for g in list_groups(doc, runs):
        shared = context_votes(doc, runs[g[0]][0], runs[g[-1]][1])
        shared.update(example_votes(doc, runs[g[0]][0]))    # "vehicles like the F-150, the Bronco"
        org_votes = max(votes[k].get("organization", 0) for k in g)
        org_led = [k for k in g if votes[k].get("organization", 0) > votes[k].get("person", 0)]
        for k in g:
            if votes[k].get("organization", 0) < org_votes * 0.75:
                votes[k]["organization"] = org_votes * 0.75
            own = context_votes(doc, *runs[k]) + example_votes(doc, runs[k][0])
            # "Gucci, Yves Saint-Laurent, Balenciaga": among companies, a name that reads as a
            # person only by its given name (nothing around it says person) is a brand
            if len(org_led) >= 2 and k not in org_led and not own.get("person"):
                votes[k]["organization"] = max(votes[k]["organization"], votes[k].get("person", 0) + 0.5)
            for t, v in shared.items():
                votes[k][t] += max(0, v - own.get(t, 0))


# ---------------------------------------------------------------- descriptions

def head_class(head: str) -> str:
    """The kind of thing a description's head noun asks for."""
    if head == "business":
        return "unit"
    if head in PERSON_NOUNS and head not in COMPANY_NOUNS:
        return "person"
    if head in ("plant", "factory", "facility"):
        return "facility"
    if head in UNIT_NOUNS and head not in ("business", "brand", "startup"):
        return "unit"
    return "organization"


def descriptions(doc) -> list[tuple[int, int, str]]:
    """'the French Group', 'the automaker', 'the electric car division', 'the 57-year-old'."""
    out = []
    n = len(doc)
    for t in doc:
        if t.lower_ not in ("the", "this", "that", "both") or t.i + 1 >= n:
            continue
        if re.match(r"\d+-year-old$", doc[t.i + 1].text):
            out.append((t.i, t.i + 2, "executive"))
            continue
        if t.i + 5 < n and doc[t.i + 1].like_num and doc[t.i + 2].text == "-" and \
                doc[t.i + 3].lower_ == "year" and doc[t.i + 5].lower_ == "old":
            out.append((t.i, t.i + 6, "executive"))
            continue
        j, head_idx = t.i + 1, None
        while j < n and j - t.i <= 6:
            w = doc[j]
            wl = w.lemma_.lower() if w.pos_ == "NOUN" else norm(w.text)
            if w.is_punct and w.text != "-" and not _based_after_comma(doc, j):
                break           # ("The Dearborn, Mich.-based automaker" goes on past the comma)
            if wl in DESCRIPTION_HEADS and w.pos_ in ("NOUN", "PROPN"):
                head_idx = j
                nxt = doc[j + 1] if j + 1 < n else None
                if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and nxt.lemma_.lower() in DESCRIPTION_HEADS:
                    j += 1
                    continue
                break
            compound = doc[j - 1].text == "-" and wl in ("based", "owned", "controlled", "listed", "backed", "run")
            # ("the combined group" after a merger is neither party: a past participle still ends it)
            modifier = w.pos_ == "VERB" and w.tag_ == "VBG" and w.dep_ in ("amod", "compound")
            if w.pos_ in ("VERB", "AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ") and not (compound or modifier):
                break           # ("the Gothenburg-based group", "the streaming service" go on)
            j += 1
        if head_idx is None:
            continue
        head = doc[head_idx].lemma_.lower()
        if head == "business" and head_idx != t.i + 1:
            continue            # "the robotaxi business" is an activity; bare "the business" a unit
        out.append((t.i, head_idx + 1, head))
    return out


def states(doc) -> list[tuple[int, int]]:
    """'the French state', 'the German government': a state named by its country's adjective."""
    out = []
    for t in doc:
        if t.lemma_.lower() in STATE_NOUNS and t.pos_ == "NOUN" and t.i > 0 and norm(doc[t.i - 1].text) in DEMONYMS:
            out.append((t.i - 1, t.i + 1))
    return out


# ---------------------------------------------------------------- the component

LOCATED_HEADS = lx.words("located_heads")
SETTLEMENT_NOUNS = lx.words("settlement_nouns")
COMPASS_WORDS = lx.words("compass_words")


def repair_lemmas(doc) -> None:
    """'treatment works', 'the steel works': 'works' naming a site is its own lemma (the
    model's 'work' would hide it from the facility nouns)."""
    for t in doc:
        if t.lower_ == "works" and t.pos_ == "NOUN" and t.i > 0 and doc[t.i - 1].pos_ in ("NOUN", "PROPN", "ADJ") \
                and doc[t.i - 1].dep_ in ("compound", "amod", "nmod"):
            t.lemma_ = "works"
        elif t.lower_ in FACILITY_NOUNS and t.lower_.endswith("works") and t.pos_ in ("NOUN", "PROPN"):
            t.lemma_ = t.lower_     # "its Thionville steelworks" (not the model's "steelwork")


@Language.component("newsledger_mentions")
def mark_mentions(doc):
    repair_lemmas(doc)
    caps = capital_vocabulary(doc)
    spans: list[Span] = []
    runs = split_paired_names(doc, [r for r in name_runs(doc, caps) if not doc[r[0]]._.boilerplate])
    covered = set()
    for i, j in runs:
        covered.update(range(i, j))
    for i, j in digit_led_products(doc):
        if (i + 1, j) in runs:          # "the 5 E-Tech": the number belongs to the model name
            runs.remove((i + 1, j))
            covered.difference_update(range(i + 1, j))
        if not covered.intersection(range(i, j)) and not doc[i]._.boilerplate:
            runs.append((i, j))
            covered.update(range(i, j))
    state_runs = [r for r in states(doc) if not covered.intersection(range(*r))]
    runs.extend(state_runs)
    covered.update(k for r in state_runs for k in range(*r))
    runs.sort()
    votes = [mention_votes(doc, i, j) for i, j in runs]
    for k, r in enumerate(runs):
        if r in state_runs:
            votes[k] = Counter(organization=5)
    share_votes_in_lists(doc, runs, votes)
    unit_runs = {k for k, (i, j) in enumerate(runs) if unit_context(doc, i, j)}
    brand_runs = {k for k in unit_runs if example_votes(doc, runs[k][0]).get("brand")}
    for g in list_groups(doc, runs):        # "subsidiaries: Ampere Energy and Ampere Software"
        if unit_runs.intersection(g):
            unit_runs.update(g)
        if brand_runs.intersection(g):
            brand_runs.update(g)
    for k, ((i, j), v) in enumerate(zip(runs, votes)):
        if k in unit_runs:
            # whatever is called a unit is an organisation ("brands like X": perhaps)
            v["brand" if k in brand_runs else "organization"] += 3
        if v.get("brand") and head_after(doc, j) in PRODUCT_NOUNS:
            v["organization"] += v.pop("brand")     # "brands including Plume cosmetics": the goods' brand
        span = Span(doc, i, j, label="name")
        span._.kind = "name"
        span._.info = MentionInfo(
            votes=v, possessive=j < len(doc) and doc[j].text in ("'s", "'"), unitish=k in unit_runs,
            subject=any(t.dep_ in ("nsubj", "nsubjpass") for t in span),
            mid_sentence=not sentence_initial(doc[i]), described=descriptor_nouns(doc, i, j),
            origins=origin_words(doc, i, j),
            modifies=doc[j].lemma_.lower() if j < len(doc) and doc[j].pos_ == "NOUN" else "")
        spans.append(span)
    forms = Counter(norm(doc[a:b].text) for a, b in runs)
    for i, j, head in descriptions(doc):
        inside = [r for r in runs if r[0] < j and r[1] > i]
        # "the Gothenburg-based group", "the San Jose-based maker" are descriptions even
        # though they hold a place name; so is "the Bradford company" when "Bradford" names
        # nothing else in the article (a company is named on its own somewhere)
        located = [r for r in inside if r == (i + 1, i + 2) and forms[norm(doc[r[0]:r[1]].text)] == 1
                   and head in LOCATED_HEADS and doc[i].lower_ == "the"]
        if inside and not all(norm(doc[a:b].text) in PLACES or _based(doc, b - 1) or _based_after_comma(doc, b)
                              or (a, b) in located for a, b in inside):
            continue
        for k, r in enumerate(runs):
            if r in located:
                votes[k] = Counter(place=5)
                spans[k]._.info.votes = votes[k]
        if doc[i]._.boilerplate:
            continue
        span = Span(doc, i, j, label="description")
        span._.kind = "description"
        span._.info = MentionInfo(head=head, type=head_class(head), possessive=j < len(doc) and doc[j].text in ("'s", "'"),
                                  origins={norm(w.text) for w in doc[i + 1:j] if norm(w.text) in DEMONYMS
                                           and w.text[:1].isupper()},
                                  plural=doc[j - 1].tag_ in ("NNS", "NNPS"),
                                  subject=any(t.dep_ in ("nsubj", "nsubjpass") for t in span))
        spans.append(span)
    for t in doc:
        low = t.lower_
        if low not in PRONOUNS or t.i in covered or t._.boilerplate:
            continue
        if low in ("it", "they", "them", "he", "him", "she") and t.pos_ != "PRON":
            continue
        typ, poss, gender, number = PRONOUNS[low]
        span = Span(doc, t.i, t.i + 1, label="pronoun")
        span._.kind = "pronoun"
        span._.info = MentionInfo(head=low, type=typ, possessive=poss == "yes", plural=number == "pl",
                                  subject=t.dep_ in ("nsubj", "nsubjpass"), gender="" if gender == "-" else gender)
        spans.append(span)
    spans.sort(key=lambda s: (s.start, -s.end))
    doc.spans["mentions"] = spans
    return doc
