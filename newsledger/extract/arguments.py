"""From tokens to what a fact holds: the entities a token stands for, and plain values
(a job title, a share, a head count) read from the words around a trigger.

A token stands for an entity when it is inside a resolved mention (a name, "the
carmaker", "its"), or when it heads a noun phrase that names one inside it: "its Cruise
unit" (Cruise), "businesses called Ford Blue and Ford Model e" (both), "Cruise's
technical team" (Cruise, when a part stands for the whole), "Renault, a company 15%
owned by ..." (the company in apposition is Renault).  Lists are read through the
parse's coordination: "owner of Gucci, Yves Saint Laurent and Balenciaga" is three.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .. import lexicon as lx
from ..names import fold
from . import roles as R
from ..nlp.extensions import sentence_starts, spans_in_sentence
from ..nlp.mentions import is_ticker

UNIT_NOUNS = lx.words("unit_nouns")
COMPANY_NOUNS = lx.words("company_nouns")
FACILITY_NOUNS = lx.words("facility_nouns")
PRODUCT_NOUNS = lx.words("product_nouns")
PERSON_NOUNS = lx.words("person_nouns")
PART_NOUNS = lx.words("part_nouns") | {"division", "unit", "arm", "business", "initiative", "program", "programme"}
TITLE_WORDS = lx.words("title_words")
DEPARTMENTS = lx.words("departments")
ROLE_HEADS = lx.words("role_heads")
ROLE_NAMES = lx.table("role_names")
ROLE_QUALIFIERS = lx.words("role_qualifiers")
FORMER_WORDS = lx.words("former_words")
# nouns whose noun phrase can carry the name of what they are ("its Cruise unit")
NAMING_NOUNS = UNIT_NOUNS | COMPANY_NOUNS | FACILITY_NOUNS | PRODUCT_NOUNS
# nouns for a shareholder, which stand for the name in apposition with them; a body that
# holds shares is also named by the words before it ("the Ehlers family foundation")
HOLDER_BODIES = lx.words("holder_bodies")
GOODS_HEADS = lx.words("goods_heads")
HOLDER_NOUNS = lx.words("holder_nouns") | HOLDER_BODIES
# nouns for a business a stake or a deal buys into, named by a name before them ("the
# Kettujarvi nickel project"); "venture", "business" and "asset" name companies already
HOLDING_NOUNS = lx.words("holding_nouns") - {"venture", "business", "asset", "portfolio"}
EXAMPLE_PREPS = ("like", "including", "include", "as")


@dataclass(frozen=True)
class EntityRef:
    """One entity an argument holds, and the tokens that name it in this sentence."""
    ref: int
    start: int      # token range [start, end) of the words that name it
    end: int


def mention_span(tok: Token) -> tuple[int, int]:
    """The token range of the mention covering tok (the token itself if none)."""
    return tok._.mention or (tok.i, tok.i + 1)


def _accepts(etype: str, want: str | None) -> bool:
    if want is None:
        return bool(etype)
    return etype in want.split("|")


def refs_at(tok: Token, want: str | None, *, depth: int = 0) -> list[EntityRef]:
    """The entities one token stands for (coordinated ones not included)."""
    if tok._.group and want and {"organization", "facility"} & set(want.split("|")):
        return [EntityRef(r, tok.i, tok.i + 1) for r in tok._.group
                if _accepts(tok.doc._.entities[r].type, want)]
    if tok._.ref >= 0 and tok._.kind == "description" and tok.lemma_.lower() in FACILITY_NOUNS \
            and tok.doc._.entities[tok._.ref].type == "organization" and tok.dep_ != "nsubj":
        # ("would shut the fuselage plant": what is done to a site is not done to its company;
        # what "the plant will assemble" its company makes)
        return []
    if tok._.ref >= 0:
        cluster = tok.doc._.entities[tok._.ref]
        if _accepts(cluster.type, want) or (want and {"organization", "product"} & set(want.split("|"))
                                            and tok._.kind == "name" and cluster.weak):
            # (a name nothing typed firmly: filling a company's place in a relation types it)
            return [EntityRef(tok._.ref, *mention_span(tok))]
        return []
    if depth > 2 or tok.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        return []
    if tok.lower_ == "own":       # "combine X's team with its own": the owner
        owners = [c for c in tok.children if c.dep_ == "poss" and c._.ref >= 0]
        return refs_at(owners[0], want, depth=depth + 1) if owners else []
    if is_ticker(tok.text):     # "Gucci-owner Kering PRTP.PA": the parser heads the phrase on the code
        named = [c for c in tok.children if c.dep_ == "compound" and c._.ref >= 0]
        return refs_at(named[-1], want, depth=depth + 1) if named else []
    lemma = tok.lemma_.lower()
    out: list[EntityRef] = []
    # "Renault, a 126-year-old company 15% owned by ...": a noun in apposition to a name
    if tok.dep_ == "appos" and (lemma in NAMING_NOUNS or lemma in HOLDER_NOUNS):
        out = refs_at(tok.head, want, depth=depth + 1)
    if not out and (lemma in NAMING_NOUNS or lemma in HOLDER_NOUNS):
        for c in tok.children:
            if c.dep_ == "appos" and c.i > tok.i:           # "the unit, Cruise"
                out.extend(r for x in [c] + list(c.conjuncts) for r in refs_at(x, want, depth=depth + 1))
            elif c.dep_ == "acl" and c.lemma_ in ("call", "name", "dub", "know", "brand"):
                for o in c.children:                        # "two units called Ford Blue and Ford Model e"
                    if o.dep_ in ("oprd", "dobj", "attr", "xcomp") or (o.dep_ == "prep" and o.lower_ == "as"):
                        targets = [o] if o.dep_ != "prep" else R.children(o, "pobj")
                        for x in targets:
                            out.extend(r for y in [x] + list(x.conjuncts) for r in refs_at(y, want, depth=depth + 1))
    if not out and (lemma in NAMING_NOUNS or lemma in HOLDER_BODIES):
        out = premodifier_refs(tok, want)               # "its Cruise autonomous vehicle unit"
    if not out and lemma in HOLDING_NOUNS and tok.pos_ == "NOUN":
        out = named_holding(tok, want)                  # "a 30% stake in the Kettujarvi nickel project"
    if not out and lemma in NAMING_NOUNS:
        out = called_after(tok, want)                   # "the venture, to be called Boreal Hydrogen"
    if not out and lemma in NAMING_NOUNS:
        out = counted_names(tok, want)                  # "into two units, with A ... and B ..."
    if not out and lemma in UNIT_NOUNS | PART_NOUNS and depth < 2:
        out = set_off_name(tok, want)                   # "into its retail business, Halcombe Direct, last year"
    if not out and lemma in NAMING_NOUNS and tok.i + 1 < len(tok.doc):
        nxt = tok.doc[tok.i + 1]                        # "its long-term ally Kaito Motors", "unit Mobilize"
        if nxt._.ref >= 0 and nxt._.kind == "name" and nxt.dep_ != "poss" and depth < 2:
            out = refs_at(nxt, want, depth=depth + 1)
    if not out and (lemma in PERSON_NOUNS or lemma in ROLE_HEADS) and want and "person" in want.split("|"):
        # "Her predecessor as CFO, Declan Moore, left": the name set beside the noun
        for t in tok.subtree:
            if t.dep_ == "appos" and t._.ref >= 0 and t._.ent == "person":
                return [EntityRef(t._.ref, *mention_span(t))]
    if not out and lemma in PART_NOUNS and not _regional(tok):
        for c in tok.children:                              # "Cruise's technical team"
            if c.dep_ in ("poss", "compound") and c._.ref >= 0:
                out.extend(refs_at(c, want, depth=depth + 1))
    return out


def _regional(part: Token) -> bool:
    """'Vellmar's Polish operations': a company's part in one country is no stand-in for the
    company (selling it sells a part, not the company)."""
    return any(c.dep_ in ("amod", "compound", "nmod") and (c.ent_type_ in ("NORP", "GPE") or c._.ent == "place")
               for c in part.children)


CALLING_WORDS = ("called", "named", "dubbed", "branded", "renamed", "known")


def called_after(noun: Token, want: str | None) -> list[EntityRef]:
    """'a venture, to be called Boreal Hydrogen', 'a new unit named Sorrel Green': the name
    given right after the noun, however the parser attached it."""
    doc = noun.doc
    for k in range(noun.i + 1, min(len(doc), noun.i + 7)):
        t = doc[k]
        if t.lower_ in CALLING_WORDS:
            nxt = k + 1 + (doc[k + 1].lower_ == "as" if k + 1 < len(doc) else 0)
            if nxt < len(doc) and doc[nxt]._.ref >= 0 and doc[nxt]._.kind == "name":
                return [r for r in refs_at(doc[nxt], want, depth=2)]
            return []
        if t.lower_ not in (",", "to", "be", "which", "will", "is", "was", "now", "provisionally", "tentatively"):
            return []
    return []


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}


def counted_names(noun: Token, want: str | None) -> list[EntityRef]:
    """'split into two business units ..., with "Ford Model e" heading up EV development and
    "Ford Blue" driving traditional vehicles': a plural noun counted (two, three) but not
    named where it stands is named by exactly that many names later in its sentence."""
    count = next((NUMBER_WORDS[c.lower_] for c in noun.children if c.dep_ == "nummod" and c.lower_ in NUMBER_WORDS), 0)
    if not count or noun.tag_ not in ("NNS", "NNPS"):
        return []
    out: list[EntityRef] = []
    seen: set[int] = set()
    for t in noun.doc[noun.i + 1:noun.sent.end]:
        if t._.ref >= 0 and t._.kind == "name" and t._.ref not in seen:
            seen.add(t._.ref)
            out.extend(refs_at(t, want, depth=3))
    return out if len(out) == count else []


def set_off_name(noun: Token, want: str | None) -> list[EntityRef]:
    """'its retail business, Halcombe Direct, last year': a name set off by commas right after a
    unit's noun, which the parser hung elsewhere (an apposition it missed), is the unit."""
    doc = noun.doc
    # ("a separate subsidiary for logistics, Pasarly Express": hung on the phrase's last noun)
    for p in R.children(noun, "prep"):
        for o in R.children(p, "pobj"):
            if o._.ref < 0 and o.lemma_.lower() not in NAMING_NOUNS and not R.children(o, "prep"):
                named = [a for a in R.children(o, "appos") if a._.kind == "name" and a._.ref >= 0]
                if named:
                    return refs_at(named[0], want, depth=2)
    k = max([t.i for t in noun.subtree if t.i > noun.i] or [noun.i]) + 1
    if k + 1 >= len(doc) or doc[k].text != "," or doc[k + 1]._.kind != "name" or doc[k + 1]._.ref < 0:
        return []
    start, end = mention_span(doc[k + 1])
    if end < len(doc) and doc[end].text not in (",", ".", ";") or doc[k + 1].sent != noun.sent:
        return []
    return refs_at(doc[k + 1], want, depth=2)


def premodifier_refs(noun: Token, want: str | None) -> list[EntityRef]:
    """The name among a noun's modifiers before it ('its money-losing Cruise robotaxi unit'):
    the leftmost one, owners ('its', "Renault's") left out."""
    for c in noun.lefts:
        if c.dep_ in ("det", "poss", "predet", "nummod", "case", "punct", "cc") \
                and not (c.dep_ == "nummod" and c._.ref >= 0 and c._.kind == "name"):   # ("its V-40 drone")
            continue
        for t in c.subtree:
            if t._.ref >= 0 and t.dep_ != "poss" and _accepts(t._.ent, want):
                if noun.lemma_.lower() in FACILITY_NOUNS and t._.ent == "organization":
                    continue    # "any Orchard distribution centers": the company owns the sites
                return [EntityRef(t._.ref, *mention_span(t))]
    return []


def named_holding(noun: Token, want: str | None) -> list[EntityRef]:
    """'the Kettujarvi nickel project', "Nordkapp's Salar de Tamarugo project": a project or a
    mine a stake or a deal is in, named by the name compounded before the noun.  A name
    before "project" votes for no type (it may be a plan's: "the Apollo project"), so the
    name is found among the sentence's mentions; a deal or a stake in it makes it a
    business (as a price paid for it does in metric)."""
    if not want or "organization" not in want.split("|") and "facility" not in want.split("|"):
        return []
    names = [t for c in noun.lefts if c.dep_ in ("compound", "nmod", "amod")
             for t in c.subtree if t.i < noun.i and t.text[:1].isupper() and t.dep_ != "poss"]
    if not names:
        return []
    doc = noun.doc
    for t in names:
        if t._.ref >= 0:
            return [EntityRef(t._.ref, *mention_span(t))] if _accepts(doc._.entities[t._.ref].type, want) else []
    inside = {t.i for t in names}
    for m in spans_in_sentence(doc, "mentions", noun.sent.start):
        if m._.kind != "name" or not any(k in inside for k in range(m.start, m.end)):
            continue
        for c in doc._.entities:
            if m.text in c.names and (c.type == "" or _accepts(c.type, want)):
                if c.type == "":
                    c.type, c.weak = "organization", False
                return [EntityRef(c.idx, m.start, m.end)]
    return []


def _site_example(t: Token) -> list[EntityRef]:
    """An example given of sites ('runs three mines, including Moorabee', 'including the
    Moorabee open-cut operation') is a site: its name, or the name before its noun, when no
    reading typed it firmly (the model's vote alone, or none)."""
    doc = t.doc
    names = [t] if t._.kind == "name" or t.pos_ == "PROPN" else \
        [c for c in t.lefts if c.dep_ in ("compound", "nmod", "amod") and c.text[:1].isupper()]
    for n in names:
        if n._.ref >= 0:
            c = doc._.entities[n._.ref]
            if c.type == "facility" or c.weak and c.type in ("organization", "place", ""):
                c.type, c.weak = "facility", False
                return [EntityRef(c.idx, *mention_span(n))]
            return []
        for m in spans_in_sentence(doc, "mentions", t.sent.start):
            if m._.kind == "name" and m.start <= n.i < m.end:
                for c in doc._.entities:
                    if m.text in c.names and c.type in ("", "facility"):
                        c.type, c.weak = "facility", False
                        return [EntityRef(c.idx, m.start, m.end)]
    return []


def listed_with(r: EntityRef, doc, want: str | None) -> list[EntityRef]:
    """The names listed together with a name on the surface ('Douai, Maubeuge, and Ruitz')."""
    out = []
    for start, end in (doc._.lists or {}).get(r.start, []):
        t = doc[start]
        if t._.ref >= 0 and _accepts(doc._.entities[t._.ref].type, want):
            out.append(EntityRef(t._.ref, start, end))
    return out


def following_list(noun: Token, want: str | None) -> list[EntityRef]:
    """Names set after a noun by a colon, dash or comma ('two subsidiaries: Ampere Energy and
    Ampere Software', 'its plants - Douai, Maubeuge and Ruitz')."""
    doc = noun.doc
    k = noun.i + 1
    if k + 1 >= len(doc) or doc[k].text not in (":", ",", "-", "\u2013", "\u2014", "(") or doc[k + 1]._.ref < 0:
        return []
    first = doc[k + 1]
    if not _accepts(first._.ent, want):
        return []
    r = EntityRef(first._.ref, *mention_span(first))
    listed = listed_with(r, doc, want)
    if not listed and noun.tag_ == "NNS" and doc[k].text == ",":
        return []           # "the carmakers, Renault said": no list, no apposition
    return listed or [r]


def expand(tok: Token, want: str | None) -> list[EntityRef]:
    """The entities a token and the tokens coordinated with it stand for
    ("Gucci, Yves Saint Laurent and Balenciaga")."""
    out: list[EntityRef] = []
    seen = set()
    listed = [c for c in tok.conjuncts if c.i > tok.i and not (want == "person" and tok._.kind == "name" and _own_title(c))]
    if tok._.kind == "name" and _headline(tok.sent):
        # "Hartley Mining, Coppergate agree $30 bln merger": in a headline a comma between
        # two names is "and" (the parser reads the second as an apposition)
        listed += [c for c in tok.children if c.dep_ == "appos" and c._.kind == "name" and c._.ref >= 0
                   and c._.ref != tok._.ref and c._.ent != "person"]
    for t in [tok] + listed:
        found = refs_at(t, want)
        if not found and t.pos_ == "NOUN" and t.lemma_.lower() in NAMING_NOUNS:
            found = following_list(t, want)
        for r in found:
            # ("chairman Paul Grady and chief executive Sara Holm": a name listed with its own
            # title is not under the first one's)
            listed = [y for y in listed_with(r, tok.doc, want)
                      if not (want == "person" and _titled(tok.doc, y.start, y.end))]
            for x in [r] + listed:
                if x.ref not in seen:
                    seen.add(x.ref)
                    out.append(x)
    if tok.pos_ == "NOUN" and (not out or tok._.kind != "name"):
        # "products like the Mustang Mach-E and F-150 Lightning", "brands including Gucci",
        # "the rest of the portfolio, including cosmetics line Velour": the examples given
        # of a common noun (any noun for "including": it only introduces members), before
        # whatever the noun itself was resolved to ("the other brands, including X")
        examples: list[EntityRef] = []
        for p in tok.children:
            if p.dep_ == "prep" and (p.lower_ in ("including", "include") or p.lower_ in EXAMPLE_PREPS
                                     and tok.lemma_.lower() in PRODUCT_NOUNS | UNIT_NOUNS):
                for o in R.children(p, "pobj") or _first_name_after(p):
                    for t in [o] + list(o.conjuncts):
                        found = refs_at(t, want)
                        if not found and t.pos_ == "NOUN":
                            # "cosmetics line Velour", "Velour cosmetics": the name beside a common noun
                            found = [r for a in R.children(t, "appos") for r in refs_at(a, want)] \
                                or premodifier_refs(t, want)
                        if not found and tok.lemma_.lower() in FACILITY_NOUNS and want and "facility" in want.split("|"):
                            found = _site_example(t)    # "three mines, including Moorabee and Tarrawong"
                        examples.extend(r for r in found if r.ref not in {x.ref for x in examples})
        if examples:
            out = examples
    return out


def _headline(sent: Span) -> bool:
    """A line of its own that does not end like a sentence (a headline)."""
    doc = sent.doc
    starts = sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws
    ends = sent.end >= len(doc) or "\n" in doc[sent.end - 1].text_with_ws or doc[sent.end - 1].is_space
    last = [t for t in sent if not t.is_space]
    return starts and ends and bool(last) and last[-1].text not in (".", "!", "?", '"', "”")


ROLE_WORDS = lx.words("role_words")


def _own_title(t: Token) -> bool:
    """A person listed after another with a title of their own ('CEO Sara Holm and CFO Paul
    Grady'): the first title is not theirs."""
    return _titled(t.doc, *mention_span(t))


def _titled(doc, start: int, end: int) -> bool:
    """Does the name at [start, end) carry its own title, before it ('CFO Lise Moen') or set
    after it by a comma ('Per Dahl, its general counsel')?"""
    if start > 0 and _is_title_word(doc[start - 1]):
        return True
    if end < len(doc) and doc[end].text == ",":
        for t in doc[end + 1:min(len(doc), end + 6)]:
            if t.is_punct or t._.kind == "name":
                return False
            if _is_title_word(t):
                return True
    return False


def _is_title_word(t: Token) -> bool:
    return t.lower_ in ROLE_HEADS or t.lower_ in ROLE_WORDS


def _first_name_after(prep: Token) -> list[Token]:
    """'brands including struggling Italian fashion label Gucci' read with 'struggling' as a
    verb: the first name after the word, before any punctuation, is what it introduces."""
    for t in prep.doc[prep.i + 1:min(len(prep.doc), prep.i + 8)]:
        if t.is_punct:
            break
        if t._.ref >= 0 and t._.kind == "name":
            return [t]
    return []


# ---------------------------------------------------------------- goods named by common nouns

NOT_GOODS = lx.words("not_goods")


MASS_GOODS = lx.words("mass_goods")
MAKER_NOUNS = ("maker", "producer", "manufacturer", "builder")


def _named(tok: Token) -> bool:
    """Part of a name or a pronoun ('the software maker' is a description: its words are no name)."""
    return tok._.ref >= 0 and tok._.kind != "description"


def goods_name(tok: Token, words: str) -> str:
    """Goods as a kind: 'a drone maker' makes drones (a countable noun for goods is named in
    the plural), 'a software maker' software."""
    low = tok.lemma_.lower()
    if tok.dep_ != "compound" or tok.head.lemma_.lower() not in MAKER_NOUNS or tok.tag_ != "NN" \
            or low not in PRODUCT_NOUNS or low in MASS_GOODS or not words.endswith(tok.text):
        return words
    last = tok.text
    plural = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else \
        last + "es" if last.endswith(("s", "x", "ch", "sh")) else last + "s"
    return words[:len(words) - len(last)] + plural


def goods_phrase(tok: Token) -> tuple[int, int] | None:
    """The words naming goods a company makes, when they are a common noun ('cement',
    'power-management chips', 'scripted dramas'): the noun with the modifiers that make it
    a kind of thing, none of what only counts, rates or points at it."""
    if tok.pos_ != "NOUN" or _named(tok):
        return None
    if tok.lemma_.lower() in NOT_GOODS or tok.lower_ in NOT_GOODS:
        # ("leather goods", "dairy products": a generic head with the kind of goods before it)
        kinds = [c for c in tok.children if c.i < tok.i and not _named(c) and c.lower_ not in NOT_GOODS and (
            c.dep_ == "compound" and c.pos_ == "NOUN" or c.dep_ == "amod" and c.tag_ in ("VBN", "VBG"))]
        if not (kinds and (tok.lemma_.lower() in GOODS_HEADS or tok.lower_ in GOODS_HEADS)):
            return None
    if tok.lemma_.lower() in FACILITY_NOUNS:
        return None         # ("to build one of Europe's largest hydrogen plants": a site, not goods)
    if any(c.dep_ == "poss" and c._.ref >= 0 and c._.kind == "name" for c in tok.children):
        return None         # ("will make some of Kestrel's chips": another company's goods)
    if any(c.i < tok.i and c._.ref >= 0 and c._.ent == "product" for c in tok.subtree):
        return None         # ("its V-40 surveillance drone": a named product, not a kind of goods)
    start = tok.i
    while start > 0:
        prev = tok.doc[start - 1]
        # ("platinum-group metals", "own-brand sauces": half a hyphenated word is no word of its own)
        halved = prev.i >= 2 and tok.doc[prev.i - 1].text == "-" and not tok.doc[prev.i - 1].whitespace_ \
            and not tok.doc[prev.i - 2].whitespace_ and tok.doc[prev.i - 2].is_alpha \
            or not prev.whitespace_ and tok.doc[prev.i + 1].text == "-" and prev.i + 1 < tok.i
        if prev.head.i > tok.i or _named(prev) or prev.like_num or prev.lower_ in NOT_GOODS and not halved:
            break
        if prev.dep_ in ("compound", "amod", "nmod") and prev.pos_ in ("NOUN", "ADJ", "PROPN", "VERB") \
                or prev.text == "-" or (start >= 2 and tok.doc[start - 2].text == "-" and not prev.whitespace_ == ""):
            start -= 1
            continue
        break
    while start < tok.i and (tok.doc[start].text == "-" or tok.doc[start].pos_ == "ADJ"
                             and tok.doc[start].lower_ in NOT_GOODS
                             and not (not tok.doc[start].whitespace_ and tok.doc[start + 1].text == "-")):
        start += 1
    return start, tok.i + 1


def _listed_goods(doc, j: int) -> list[tuple[int, int]]:
    """The common-noun phrases listed on the surface after one ending at token j
    ('scripted dramas, game shows and documentaries')."""
    out = []
    while j < len(doc):
        k = j
        while k < len(doc) and doc[k].lower_ in (",", "and", "or"):
            k += 1
        if k == j:
            break
        start = k
        while k < len(doc) and (doc[k].pos_ in ("NOUN", "ADJ") or doc[k].text == "-"
                                or doc[k].tag_ in ("VBG", "VBN") and k + 1 < len(doc) and doc[k + 1].pos_ == "NOUN") \
                and doc[k]._.ref < 0 \
                and doc[k].text[:1].islower() or (k < len(doc) and doc[k].text == "-"):
            k += 1
        if k == start or doc[k - 1].pos_ != "NOUN" or doc[k - 1].lemma_.lower() in NOT_GOODS:
            break
        out.append((start, k))
        j = k
    return out


def goods_refs(tok: Token, clusters: list) -> list[EntityRef]:
    """Product entities for goods named by common nouns (and those coordinated with them:
    'scripted dramas, game shows and documentaries'), one per kind in the article."""
    from ..nlp.references import EntityCluster
    out = []
    spans = [goods_phrase(t) for t in [tok] + [c for c in tok.conjuncts if c.i > tok.i]]
    if spans[0] is not None and len(spans) == 1:
        spans += _listed_goods(tok.doc, spans[0][1])      # (the parser often breaks such lists)
    for span in spans:
        if span is None:
            continue
        words = tok.doc[span[0]:span[1]].text
        if span[1] == tok.i + 1:
            words = goods_name(tok, words)
        key = fold(words)
        found = next((c for c in clusters if c.type == "product" and any(fold(n) == key for n in c.names)), None)
        if found is None:
            found = EntityCluster(len(clusters), "product")
            found.names[words] = 1
            clusters.append(found)
        out.append(EntityRef(found.idx, *span))
    return out


# ---------------------------------------------------------------- job titles

def _title_word(t: Token) -> bool:
    low = t.lower_.replace("\u2019", "'")
    return (low in TITLE_WORDS or low in DEPARTMENTS or low in ROLE_HEADS or low in ("-", ",")
            ) and (t._.ref < 0 or t._.kind == "description") and not t.is_space   # ("the new chief executive")


def title_span(trigger: Token) -> tuple[int, int]:
    """The whole job title around a role word: 'chief procurement, partnerships and public
    affairs officer', 'head of international development', 'chairman of the board'."""
    doc = trigger.doc
    i = trigger.i
    while i > 0 and _title_word(doc[i - 1]) and doc[i - 1].lower_ not in (",",) and not doc[i].is_sent_start:
        i -= 1
    # "chief procurement, partnerships and public affairs officer": commas inside a title
    k = i - 1
    while k > 0 and doc[k].text == "," and _title_word(doc[k - 1]) and doc[k - 1].lower_ in DEPARTMENTS | TITLE_WORDS \
            and doc[k - 1].lower_ not in ROLE_HEADS and not doc[k].is_sent_start:
        k -= 1
        while k > 0 and _title_word(doc[k - 1]) and doc[k - 1].text != ",":
            k -= 1
        i = k
        k = i - 1
    j = trigger.i + 1
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        m = j + 1
        if doc[m].lower_ == "the" and m + 1 < len(doc) and doc[m + 1].lower_ == "board":
            m += 2
            if m + 2 < len(doc) and doc[m].lower_ == "of" and doc[m + 1].lower_ == "directors":
                m += 2
            j = m
        else:
            while m < len(doc) and (doc[m].lower_ in DEPARTMENTS or (doc[m].lower_ in ("and", "&") and m + 1 < len(doc)
                                                                      and doc[m + 1].lower_ in DEPARTMENTS)):
                m += 1
            if m > j + 1:
                j = m
            j = max(j, _field_after_of(trigger))
    if trigger.lower_ == "officer" and doc[i].lower_ != "chief":
        # "chief EV and digital systems officer": any field words between "chief" and "officer"
        k = trigger.i - 1
        while k >= max(0, trigger.i - 8) and doc[k]._.ref < 0 and not doc[k].is_sent_start and (
                doc[k].is_alpha or doc[k].text in (",", "-", "&")) and doc[k].lower_ != "chief":
            k -= 1
        if k >= 0 and doc[k].lower_ == "chief" and doc[k]._.ref < 0:
            i = k
    while i < trigger.i and (doc[i].lower_ in ("and", "&", ",", "-") or doc[i].lower_ in ROLE_QUALIFIERS):
        i += 1
    return i, j


def _field_after_of(trigger: Token) -> int:
    """The end of the part of a company a title is 'of' when a determined common noun phrase
    names it ('head of the container business', 'head of its Peruvian business'), not the
    company itself ('chief executive of the bank', 'head of Renault'); a bare field is one
    of the departments ('head of marketing') or none ('head of renewables' is a head)."""
    of = next((c for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == trigger.i + 1), None)
    objs = R.children(of, "pobj") if of is not None else []
    if not objs or objs[0].pos_ != "NOUN" or objs[0]._.ref >= 0 or objs[0].lemma_.lower() in COMPANY_NOUNS \
            or trigger.lower_ not in ("head", "chief", "director", "president", "manager", "leader", "boss"):
        return trigger.i + 1    # ("founder of the software firm Quistly": the company)
    obj = objs[0]
    words = trigger.doc[of.i + 1:obj.i + 1]
    if not (words[0].pos_ == "DET" and words[0].lower_ == "the" or words[0].dep_ == "poss" and words[0].pos_ == "PRON"):
        return trigger.i + 1
    if len(words) > 5 or any(t.is_punct or t._.kind == "name" or t._.ref >= 0 and t.pos_ != "PRON"
                             or t.pos_ not in ("DET", "ADJ", "NOUN", "PRON", "PROPN") for t in words):
        return trigger.i + 1
    return obj.i + 1


def role_names(span: Span) -> list[str]:
    """The stored role names of a title ('chairman and CEO' -> ['chair', 'CEO']; 'two
    independent directors, X and Y' -> each an 'independent director')."""
    text = "".join((t.lemma_ if t.tag_ == "NNS" and t.lemma_.lower() in ROLE_HEADS else t.text) + t.whitespace_
                   for t in span)
    text = re.sub(r"\s*-\s*", "-", text.casefold().replace("\u2019", "'"))
    text = re.sub(r"\s+", " ", text).strip(" ,")
    whole = role_name(text)
    if whole and " and " not in text and " & " not in text:
        return [whole]
    parts = [p.strip(" ,") for p in re.split(r"\s+(?:and|&)\s+|,\s+", text) if p.strip(" ,")]
    names = [role_name(p) for p in parts]
    if parts and all(names):
        return list(dict.fromkeys(n for n in names if n))
    return [whole] if whole else []


def role_name(phrase: str) -> str | None:
    """The stored role for one title ('Chief Executive Officer' -> 'CEO')."""
    p = phrase.strip().casefold()
    words = [w for w in p.split() if w not in ROLE_QUALIFIERS and w not in FORMER_WORDS]
    p = " ".join(words)
    if p in ROLE_NAMES:
        return ROLE_NAMES[p]
    m = re.match(r"chief ([a-z]+)(?: ?,| and| [a-z]+)* officer$", p)
    if m:       # "chief procurement, partnerships and public affairs officer": the first field names it
        return ROLE_NAMES.get(f"chief {m.group(1)} officer", p)     # (an unknown title: its own words)
    m = re.match(r"(head|chief|director|vice president|president|chairman|chair) of ((?:[a-z&]+ ?){1,4})$", p)
    if m:
        if m.group(2).startswith("the board"):
            return "chair" if m.group(1) in ("chairman", "chair") else m.group(1)
        return ROLE_NAMES.get(p) or f"head of {m.group(2).strip()}"
    for n in range(1, len(words)):          # "streaming executive", "business-turnaround CEO"
        tail = " ".join(words[n:])
        if tail in ROLE_NAMES:
            return ROLE_NAMES[tail]
    if re.match(r"(?:[a-z-]+ ){1,3}(?:head|director|president|manager|officer) of (?:[a-z&]+ ?){1,4}$", p):
        return p        # "senior vice president of sales": a known title head's field, in its own words
    return None


def is_former_title(span: Span) -> bool:
    """'former CEO', 'then-chief executive', 'ex-boss', 'outgoing CEO'."""
    doc = span.doc
    start = span.start
    for k in range(max(0, start - 3), start + 1):
        low = doc[k].lower_.rstrip("-")
        if low in FORMER_WORDS and _modifier_word(doc[k]):
            return True
    # "Former Tesla and Apple executive Doug Field": the word opens the whole noun phrase,
    # past the companies named before the title
    k = start - 1
    while k >= 0 and (doc[k]._.ref >= 0 and doc[k]._.kind == "name" or doc[k].lower_ in ("and", ",", "'s", "&")):
        k -= 1
    if k >= 0 and k < start - 1 and doc[k].lower_.rstrip("-") in FORMER_WORDS:
        return True
    return any(t.lower_.startswith(("ex-", "then-")) for t in span)


INCOMING_WORDS = lx.words("incoming_words")


def is_incoming_title(span: Span) -> bool:
    """'incoming CEO', 'CEO-designate': a post still to be taken."""
    doc = span.doc
    for k in range(max(0, span.start - 3), min(len(doc), span.end + 2)):
        if doc[k].lower_ in INCOMING_WORDS and _modifier_word(doc[k]) and (
                k < span.start and all(t.pos_ in ("ADJ", "DET", "ADV", "PRON") for t in doc[k + 1:span.start])
                or "designate" in doc[k].lower_):
            # (after the title only "-designate": "CEO next year" is no incoming CEO; before
            # it, a word of the title's own phrase: not "... next year, chief executive X said")
            return True
    return False


def _modifier_word(tok: Token) -> bool:
    """A word that may qualify a title: not part of a name ("Future Holdings"), but it may
    be inside a description of the person ("Chris Licht, the incoming chairman of CNN",
    where the appositive is a mention of Licht)."""
    return tok._.kind != "name"


# ---------------------------------------------------------------- figures near a word

def quantities_in(tokens: list[Token]) -> list[Span]:
    """Figures (doc.spans['quantities']) among the given tokens."""
    idx = {t.i for t in tokens}
    doc = tokens[0].doc
    sents = {sentence_starts(doc)[i] for i in idx}
    return [q for s in sorted(sents) for q in spans_in_sentence(doc, "quantities", s)
            if q.root.i in idx or any(t.i in idx for t in q)]


SHARE_WORDS = lx.table("share_words")


def share_word(trigger: Token) -> str | None:
    """'a minority stake', 'equal shares', 'wholly-owned': a share given in words; an even
    split written as two figures ('a 50-50 joint venture'); the shares a thing is owned in
    ('is owned in equal shares by X and Y')."""
    for c in trigger.children:
        word = c.lower_.replace(" ", "")
        if c.dep_ in ("amod", "compound", "nmod", "npadvmod", "advmod") and (word in SHARE_WORDS or c.lemma_.lower() in SHARE_WORDS):
            return SHARE_WORDS.get(word) or SHARE_WORDS[c.lemma_.lower()]
        if c.dep_ in ("nummod", "amod", "compound", "nmod") and c.i < trigger.i:
            split = "".join(x.lower_ for x in c.subtree)
            if split in SHARE_WORDS:
                return SHARE_WORDS[split]
    if R.is_verb(trigger):
        for o in R.prep_objects(trigger, ("in",)):
            if o.lemma_.lower() in ("share", "part", "proportion"):
                return share_word(o)
    return None


def ownership_word(noun: Token) -> str | None:
    """'wholly-owned subsidiaries', 'a majority-owned unit': how much of it its parent owns
    ('is wholly owned by Y': the owning verb's own adverb)."""
    for c in ([noun] if noun.lemma_.lower() == "own" and R.is_verb(noun) else []) + list(noun.children):
        if c.lemma_.lower() == "own" or c.lower_.endswith("-owned"):
            words = {x.lower_ for x in c.subtree}
            text = " ".join(x.lower_ for x in c.subtree)
            if words & {"wholly", "fully", "100%", "wholly-owned", "fully-owned"} or "wholly" in text:
                return "wholly-owned"
            if "majority" in text:
                return "majority"
            if "minority" in text:
                return "minority"
    return None


def percent_near(trigger: Token) -> Span | None:
    """The percentage a stake word carries: 'a 15% stake', 'owns 15% of', '15% owned by';
    a stake changed is the size it was changed to ('raised its holding in X to 24.1% from
    20.3%': 24.1%; stake_changed_from gives what it was)."""
    doc = trigger.doc
    changed = stake_changed(trigger, "to")
    if changed is not None:
        return changed
    window = [t for t in trigger.subtree] + list(trigger.children)
    sent = trigger.sent
    for c in list(trigger.children) + list(trigger.head.children) + [trigger.head]:
        window.extend(c.subtree)
    for q in spans_in_sentence(doc, "quantities", sent.start):
        if q._.quantity.unit != "%":
            continue
        if any(t in window for t in q) and abs(q.start - trigger.i) <= 8:
            return q
    return None


STAKE_CHANGE_VERBS = lx.words("stake_change_verbs")


def stake_changed(trigger: Token, prep: str) -> Span | None:
    """The percentage a stake was changed to ("to") or from ("from") when the stake word
    is the object of a verb that raises or cuts it ('cut its stake in X to 5% from 9%')."""
    verb = trigger.head
    if trigger.dep_ not in ("dobj", "nsubjpass") or verb.lemma_.lower() not in STAKE_CHANGE_VERBS:
        return None
    doc = trigger.doc
    for o in R.prep_objects(verb, (prep,)):
        for q in spans_in_sentence(doc, "quantities", trigger.sent.start):
            if q._.quantity.unit == "%" and o in q:
                return q
    return None


DEFINITE_DETS = ("the", "this", "that")


def definite(noun: Token) -> bool:
    """'The listing', 'the flotation in Madrid', 'its IPO': one event already known to the
    reader -- a singular noun of its own (not 'the IPO market', 'two flotations', 'a listing')
    with a definite determiner or a possessive pronoun."""
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ in ("compound", "amod", "nmod") or noun.tag_ in ("NNS", "NNPS"):
        return False
    return any((c.dep_ == "det" and c.lower_ in DEFINITE_DETS) or (c.dep_ == "poss" and c.pos_ == "PRON")
               for c in noun.children)
