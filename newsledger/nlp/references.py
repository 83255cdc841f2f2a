"""newsledger_references: which entity each mention refers to, and what each entity is.

1. Names are clustered: "Renault Group" / "Renault" (corporate words aside), "GM" /
   "General Motors" (acronyms), "Provost" / "François Provost" (surnames), "Keystone"
   / "Keystone Mortgages" (a company's leading word when nothing else starts so).
2. Each cluster's type is the sum of its mentions' votes -- with a precision gate: a
   name becomes an organisation or a person only on positive evidence (its own shape,
   a lexicon, what the text says around it, or the model agreeing with context).  A
   capitalised word with none ("Note", "Planning", an acronym for a document) is no
   entity at all.
3. Descriptions and pronouns point to the cluster they refer to, chosen by the type
   they ask for, what the article called each candidate ("the carmaker" after
   "carmaker Norvik"), grammatical role (a pronoun subject continues the previous
   subject) and recency.

The result is doc._.entities (one EntityCluster per entity), span._.ref on every
resolved mention, and token._.ent / token._.ref on the tokens they cover.
"""
from __future__ import annotations

import re
import bisect

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.language import Language

from .. import lexicon as lx
from ..names import acronym_of, fold, name_key
from .extensions import ref_of
from .mentions import (common_word, unit_named_with_noun, COMPANY_NOUNS, ORG_PREFIXES, DEMONYMS, FACILITY_NOUNS, KNOWN_ORGS, ORG_SUFFIXES, PLACES, PRODUCT_NOUNS, gender_of, resolve_brand,
                       is_given_name)

NEWS_AGENCIES = lx.words("news_agencies")
COUNTRIES = lx.words("countries")
SITE_GROUP_NOUNS = lx.words("site_group_nouns")
DROPPABLE = lx.words("generic_org_words") | lx.words("legal_suffixes")     # "Nissan Motor Co." -> "Nissan"
NEWS_HEADS = lx.words("news_heads")
COMMON_NAME_WORDS = lx.words("common_name_words")
CORPORATE_VERBS = lx.words("corporate_verbs")
RELATION_NOUNS = lx.words("relation_nouns")
WHOLE_COMPANY_HEADS = COMPANY_NOUNS - {"owner", "parent", "partner", "ally", "rival", "supplier", "brand",
                                       "agency", "newspaper", "outlet", "publication", "broadcaster"}
# How much evidence a type needs, per mention, before a name counts as one.
MIN_EVIDENCE = 1.0


@dataclass
class EntityCluster:
    idx: int
    type: str = ""
    names: Counter = field(default_factory=Counter)     # surface form -> mentions
    votes: Counter = field(default_factory=Counter)
    unit: bool = False          # spoken of as a unit/division/subsidiary somewhere
    agency: bool = False        # a news organisation
    union: bool = False
    mentions: int = 0
    described: set = field(default_factory=set)         # "carmaker", "group": what the article calls it
    origins: set = field(default_factory=set)           # "dutch": the demonyms the article gives it
    first: int = 0              # token index of its first mention
    weak: bool = False          # typed on thin evidence: a relation's slot may retype it

    @property
    def name(self) -> str:
        forms = list(self.names)
        if self.type == "person":
            return max(forms, key=lambda f: (len(f.split()), self.names[f], len(f)))
        full = [f for f in forms if not (f.isupper() and len(f) <= 5)] or forms
        # the full name a story introduces it by ("Fenwick Mutual", later "Fenwick")
        return max(full, key=lambda f: (len(f.split()), self.names[f], len(f)))


# ---------------------------------------------------------------- clustering names

def _votes_of(span) -> Counter:
    return span._.info.votes


def cluster_names(names: list) -> tuple[list[EntityCluster], dict[str, int]]:
    """Clusters of name mentions; returns the clusters and form -> cluster index."""
    forms: dict[str, Counter] = defaultdict(Counter)
    surface: dict[str, Counter] = defaultdict(Counter)
    unit_forms = {fold(m.text) for m in names if m._.info.unitish}
    first: dict[str, int] = {}
    positions: dict[str, list[int]] = defaultdict(list)
    sentences: dict[str, set[int]] = defaultdict(set)   # form -> sentences naming it plainly
    placed: dict[tuple[str, int], tuple[int, bool]] = {}
    for m in names:
        f = fold(m.text)
        nxt = m.doc[m.end] if m.end < len(m.doc) else None
        if not (m.start > 0 and m.doc[m.start - 1].text in "(\"'\u201c\u2018") and not (
                nxt is not None and nxt.pos_ == "NOUN" and nxt.text.islower()):   # ("the Kite app")
            sentences[f].add(m.sent.start)
            # (as an owner, "Telvia Torres, Telvia's tower unit", "Pasarly Express, led by Pasarly's
            # operations chief", or a modifier, "Frostvik Zero": another thing)
            poss = m.end < len(m.doc) and (m.doc[m.end].text in ("'s", "'", "\u2019s") or (
                m.root.dep_ in ("compound", "nmod", "amod") and m.root.head.i == m.end
                and m.doc[m.end].pos_ in ("PROPN", "NOUN")))
            # where the sentence first names it, and whether as an owner ("Telvia's tower unit")
            at = placed.setdefault((f, m.sent.start), (m.start, poss))
            if m.start < at[0]:
                placed[(f, m.sent.start)] = (m.start, poss)
            elif poss:
                placed[(f, m.sent.start)] = (at[0], True)
        forms[f].update(_votes_of(m))
        surface[f][m.text.replace("\u2019", "'")] += 1
        first[f] = min(first.get(f, m.start), m.start)
        positions[f].append(m.start)
    for votes in forms.values():
        resolve_brand(votes)
    companies_named_short(forms)
    org_tails = {f.split()[-1] for f, v in forms.items() if " " in f and _leading(v) == "organization"}
    clusters: list[EntityCluster] = []
    form_cluster: dict[str, int] = {}
    starts: dict[int, int] = {}         # cluster -> where the article first names it
    for f in sorted(forms, key=lambda x: (-len(x.split()), -len(x))):   # long names anchor short ones
        votes = forms[f]
        count = sum(surface[f].values())
        typ = _leading(votes)
        # ("Varenne" voted a company where "Maison Varenne" is one: not the surname of "Claude Varenne")
        tail = typ == "organization" and f in org_tails
        matches = [c for c in clusters if _same_entity(f, typ, c, votes, count, tail)]
        if matches and typ == "organization" and not any(
                f in {fold(n) for n in c.names} or any(name_key(n) == name_key(f) for n in c.names) for c in matches):
            # "Vellmar" beside "Vellmar Baustoffe" and "Halvard-Vellmar": a company-voted form is
            # the short form of a company it starts, before a surname of a name it ends
            short = [c for c in clusters if _short_form_of(f, votes, count, c, clusters, unit_forms, first, positions)
                     and not _named_apart(f, c, sentences, placed, unit_forms)]
            matches = short or matches
        if not matches:
            matches = [c for c in clusters if _short_form_of(f, votes, count, c, clusters, unit_forms, first, positions)
                       and not _named_apart(f, c, sentences, placed, unit_forms)]
        if not matches:
            matches = [c for c in clusters if _parent_dropped(f, c, forms)]
        if not matches and typ != "person":
            # "Varenne" for "Maison Varenne", "Ardente" for "Grupo Ardente": the company word that
            # opens a name is dropped as "Group" is at its end
            matches = [c for c in clusters if _leading(c.votes) == "organization" and any(
                len(fold(n).split()) >= 2 and fold(n).split()[0] in ORG_PREFIXES
                and " ".join(fold(n).split()[1:]) == f for n in c.names)]
        # a short form stands for the full name the story introduced first ("Aurel Gas ...
        # Aurel" before "its subsidiary Aurel Idrogeno")
        target = min(matches, key=lambda c: starts[c.idx]) if matches else None
        if target is None:
            target = EntityCluster(len(clusters))
            clusters.append(target)
            starts[target.idx] = first[f]
        starts[target.idx] = min(starts[target.idx], first[f])
        target.names.update(surface[f])
        target.votes.update(votes)
        form_cluster[f] = target.idx
    return clusters, form_cluster


def companies_named_short(forms: dict[str, Counter]) -> None:
    """'Valdor Acier confirmed ...' then 'Valdor cut output': a two-word name that reads as a
    person only by its first word, when the article calls a company by that first word and
    never uses the second on its own (as it would a surname), is that company's full name
    (an everyday second word names no company: "Ampere History" is a section's heading)."""
    short_orgs = {f for f, v in forms.items() if " " not in f and _leading(v) == "organization"}
    singles = {f for f in forms if " " not in f}
    # ("brothers Matteo and Luca Ferrante ... Matteo Ferrante": a surname two people share)
    surnames = Counter(f.split()[-1] for f, v in forms.items() if " " in f and _leading(v) == "person")
    for f, votes in forms.items():
        words = f.split()
        if len(words) == 2 and _leading(votes) == "person" and words[0] in short_orgs \
                and words[1] not in singles and surnames[words[1]] == 1 and not common_word(words[1]):
            votes["organization"] = votes["person"] + 1


def _parent_dropped(form: str, c: EntityCluster, forms) -> bool:
    """'Model E' for 'Ford Model E': a unit's name without its parent's, when the article
    names the parent on its own too (two words at least: 'Blue' alone names nothing)."""
    if len(form.split()) < 2:
        return False
    for n in c.names:
        name = fold(n)
        if name.endswith(" " + form) and name[:-len(form) - 1] in forms:
            return True
    return False


def _named_apart(form: str, c: EntityCluster, sentences: dict[str, set[int]],
                 placed: dict[tuple[str, int], tuple[int, bool]] | None = None,
                 unit_forms: set[str] | None = None) -> bool:
    """'Telvia has delayed the listing of Telvia Torres': a sentence naming both the short
    and the long form plainly (not "(Telvia)" introducing it) speaks of two companies -- unless
    it names the long form first and then the short one, not as an owner ("Trident Line and
    Oceanis will end their alliance, with Trident teaming up instead with Kaito")."""
    for n in c.names:
        for sent in sentences[form] & sentences[fold(n)]:
            if placed is None or fold(n) in (unit_forms or ()):
                return True     # (a unit and its parent's name: "Pasarly Express ... Pasarly's centres")
            short, long_ = placed.get((form, sent)), placed.get((fold(n), sent))
            if short is None or long_ is None or short[0] < long_[0] or short[1]:
                return True
    return False


def _leading(votes: Counter) -> str | None:
    if not votes:
        return None
    typ, v = votes.most_common(1)[0]
    return typ if v > 0 else None


def weak_or_person(typ: str | None, votes: Counter | None, count: int) -> bool:
    """A form typed person, or whose other readings rest on weak hints only."""
    return typ in (None, "person") or (votes is not None and max(votes.values(), default=0) < 2 * count)


def _same_entity(form: str, typ: str | None, c: EntityCluster, votes: Counter, count: int,
                 company_tail: bool = False) -> bool:
    canon = [fold(n) for n in c.names]
    personish = c.votes.get("person", 0) > max([v for k, v in c.votes.items() if k != "person"] + [0])
    if typ == "person" or personish:
        if company_tail and typ != "person":
            return False
        words = form.split()
        if not weak_or_person(typ, votes, count):
            # ("Kwek remains chairman, and Hartono president": a role noun after a bare surname,
            # the model's label, are weak hints; "Hartono's chief executive" is not)
            if not (len(words) == 1 and count == 1 and personish and max(votes.values(), default=0) < 3
                    and any(len(n.split()) == 2 and n.endswith(" " + form) for n in canon)):
                return False
        if any(n == form or (len(words) <= 2 and len(n.split()) > len(words) and n.endswith(" " + form))
               for n in canon):
            return True     # a full name's surname ("Petrov", "de Meo")
        # "Matteo" for "Matteo Ferrante" (only a given name, only when one person has it, and
        # never for a company whose name starts like one: "Aurel" is not "Aurel Idrogeno")
        return (len(words) == 1 and typ == "person" and personish and is_given_name(form.title())
                and any(n.startswith(form + " ") for n in canon))
    if typ == "place" or _leading(c.votes) == "place":
        return form in canon
    if any(n == form or name_key(n) == name_key(form) for n in canon):
        return True
    if len(form) <= 5 and " " not in form:      # acronyms: 'GM' for 'General Motors'
        return any(acronym_of(n).casefold() == form for n in c.names if " " in n)
    return False


def _short_form_of(form: str, votes: Counter, count: int, c: EntityCluster, clusters: list[EntityCluster],
                   unit_forms: set[str], first: dict[str, int] | None = None,
                   positions: dict[str, list[int]] | None = None) -> bool:
    """'Keystone' after 'Keystone Mortgages': a company's leading word(s) with only company
    words dropped stand for it, unless the short form reads as a person on its own or
    another company starts the same way."""
    if c.votes.get("organization", 0) <= max(c.votes.get("person", 0), c.votes.get("place", 0)):
        return False
    if votes.get("person", 0) >= 2.5 * count or votes.get("place", 0) >= 3.5 * count:
        return False
    n = len(form.split())

    def expands(name: str) -> bool:
        words = name.split()
        # ("Luftwerk UAS", Luftwerk's drone division: a unit named after its parent, named after
        # it, is not it; "Kite Money ... Kite": a unit's own short form comes after its name)
        # ("Renault 4 E-Tech" is a car, not a longer name of Renault: a number names a model)
        return (len(words) > n and " ".join(words[:n]) == form
                and not any(w[:1].isdigit() for w in words[n:])
                and (all(w in DROPPABLE for w in words[n:])
                     or (n == 1 and form not in COMMON_NAME_WORDS and form not in PLACES
                         and (name not in unit_forms or (first is not None and first.get(name, 0) < first.get(form, 0)))
                         and not any(w in PLACES or w in DEMONYMS for w in words[n:]))))

    if not any(expands(fold(x)) for x in c.names):
        return False
    candidates = [o for o in clusters if any(expands(fold(x)) for x in o.names)
                  and o.votes.get("organization", 0) > max(o.votes.get("person", 0), o.votes.get("place", 0))]
    if len(candidates) > 1:
        candidates = [o for o in candidates if not any(fold(x) in unit_forms for x in o.names)]
    if len(candidates) > 1:
        # "Brightwater" among Brightwater Re, Brightwater Digital: the name it shortens by
        # dropping only corporate words ("Re", "Group", "Inc")
        plain = [o for o in candidates if any(all(w in DROPPABLE for w in fold(x).split()[n:])
                                              and len(fold(x).split()) > n and " ".join(fold(x).split()[:n]) == form
                                              for x in o.names)]
        candidates = plain or candidates
    if len(candidates) > 1 and first is not None and positions is not None:
        # "Harlow Transit Technologies ... Harlow withdrew ... Harlow Rail UK": a short form the
        # article used before it named any other company starting so stands for the one it had named
        def intro(o: EntityCluster) -> int:
            return min(first.get(fold(x), len(first) + 10 ** 9) for x in o.names)
        earliest = min(candidates, key=intro)
        later = min(intro(o) for o in candidates if o is not earliest)
        if any(intro(earliest) < p < later for p in positions.get(form, ())):
            candidates = [earliest]
    return candidates == [c]


# ---------------------------------------------------------------- typing with a precision gate

def syntactic_votes(span) -> Counter:
    """What the clause does with a name: the subject or object of a verb that mostly takes
    companies ("Lindgate acquired ...", "... sold to Fjallair") is evidence of one."""
    votes: Counter = Counter()
    root = span.root
    head = root.head
    verbs = [head] + [c for c in head.children if c.dep_ in ("acomp", "xcomp", "conj") and c.pos_ == "VERB"]
    if root.dep_ in ("nsubj", "nsubjpass", "dobj") and any(v.lemma_.lower() in CORPORATE_VERBS for v in verbs):
        votes["organization"] += 1
    if root.dep_ == "pobj" and head.head.lemma_.lower() in CORPORATE_VERBS and head.lower_ in ("to", "from", "by", "with"):
        votes["organization"] += 1
    # "Aurel Idrogeno, a wholly owned subsidiary": what stands beside a name says what it is
    beside = [c for c in root.children if c.dep_ == "appos"] + ([head] if root.dep_ == "appos" else [])
    # ("engineering group Morwen Civils": so does the company noun the name follows)
    before = span.doc[span.start - 1] if span.start > 0 else None
    if any(b.pos_ == "NOUN" and b.lemma_.lower() in APPOSED_COMPANY_NOUNS for b in beside) or (
            before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in APPOSED_COMPANY_NOUNS):
        votes["organization"] += 5      # (more than a given name and the model's label)
    elif _seated_after(span):
        votes["organization"] += 5      # "Pasarly, the Singapore-headquartered marketplace": people have no seat
    return votes


SEATED_WORDS = {"headquartered", "based", "listed"}


def _seated_after(span) -> bool:
    """'X, the Singapore-headquartered marketplace' / 'X, a London-listed miner': a description
    after the name that gives it a seat or a listing (read on the surface: the parser often
    loses the apposition)."""
    doc = span.doc
    k = span.end
    if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("the", "a", "an"):
        return False
    for w in doc[k + 2:k + 8]:
        if w.is_punct and w.text != "-" or w.lower_ in ("that", "which", "who"):
            return False
        if w.lower_ in SEATED_WORDS and w.nbor(-1).text == "-" and not w.nbor(-1).whitespace_:
            return True
    return False


# (nouns a person can be too -- "Tomás Reyes, a partner at Greyfell" -- say nothing)
APPOSED_COMPANY_NOUNS = (lx.words("company_nouns") | lx.words("unit_nouns")) - {
    "owner", "founder", "partner", "ally", "rival", "supplier", "customer", "client", "investor",
    "shareholder", "member", "backer", "buyer", "seller", "lender"}


def decide_type(c: EntityCluster, mid_sentence_forms: set[str]) -> str:
    """The cluster's type, or "" when nothing positively says what it is."""
    count = sum(c.names.values()) or 1
    typ = _leading(c.votes) or ""
    if typ == "none":
        return ""
    top = c.votes.get(typ, 0)
    forms = {fold(n) for n in c.names}
    if typ == "place" and not forms & PLACES and c.votes.get("organization", 0) > 0 and (
            c.votes.get("place", 0) / count < 1.5) and (count >= 2 or c.votes.get("organization", 0) > c.votes.get("place", 0)):
        return "organization"        # the model's GPE guess for an unknown company name
    if typ == "product" and c.votes.get("organization", 0) > 0 and top / count <= 1.0 and not any(
            ch.isdigit() for n in c.names for ch in n):
        return "organization"        # the model's PRODUCT guess for a company nothing calls a product
    if typ == "person" and top / count < 1.0 and not any(is_given_name(n.split()[0]) for n in c.names):
        typ = "organization" if c.votes.get("organization", 0) > 0 else ""
    if typ and top >= MIN_EVIDENCE:
        return typ
    # nothing strong: a capitalised word used mid-sentence that the model, a verb or a
    # list calls a company is one; anything else is no entity
    if forms & mid_sentence_forms and c.votes.get("organization", 0) >= 0.5 and not any(
            is_given_name(n.split()[0]) and len(n.split()) > 1 for n in c.names):
        return "organization"
    return ""


def named_after_parent(clusters: list[EntityCluster]) -> None:
    """'Aurel Idrogeno' beside 'Aurel Gas ... Aurel': a name that starts with a company's
    own short name, and that something calls a company, is a company (its unit), not a
    person whose given name happens to be the same word."""
    shorts = {fold(n) for c in clusters if c.type == "organization" for n in c.names if " " not in n}
    for c in clusters:
        if c.type == "person" and c.votes.get("organization", 0) > 0 and any(
                len(n.split()) > 1 and fold(n.split()[0]) in shorts for n in c.names):
            c.type = "organization"


def regional_arms(clusters: list[EntityCluster]) -> None:
    """'Renault South Korea', 'Halvorsen Korea': a company of the article followed by a
    place is that company's arm there, not the place (the model votes for the country);
    and an unknown 'place' the article's companies are named after is their parent."""
    org_words = {fold(n).split()[0] for c in clusters if c.type == "organization" for n in c.names}
    org_names = [fold(n) for c in clusters if c.type == "organization" for n in c.names]
    for c in clusters:
        if c.type != "place":
            continue
        forms = {fold(n) for n in c.names}
        # "Telvia" (the model's GPE) beside "Telvia Torres" and "Telvia Fibra": a name the
        # article's companies are named after, and no known place, is their parent company
        if not forms & PLACES and any(o.startswith(f + " ") for f in forms for o in org_names):
            c.type = "organization"
            continue
        if c.votes.get("organization", 0) <= 0:
            continue
        for n in c.names:
            words = fold(n).split()
            if len(words) >= 2 and words[0] in org_words and " ".join(words[1:]) in PLACES:
                c.type = "organization"
                break


# ---------------------------------------------------------------- descriptions and pronouns

def related_description(span) -> bool:
    """'a subsidiary of the group', 'sold to the company': the description is the far side
    of a relation, so not its own clause's subject."""
    head = span.root.head
    if span.root.dep_ == "pobj" and head.dep_ == "prep":
        gov = head.head
        return gov.lemma_.lower() in RELATION_NOUNS or gov.pos_ == "VERB" and gov.lemma_.lower() in CORPORATE_VERBS
    return False


def _coordinated_owner(m, seen: list) -> int | None:
    """'by Arvelle and its then-chief executive': a possessive right after 'X and' is X's."""
    if m._.kind != "pronoun" or not m._.info.possessive or not seen:
        return None
    last = seen[-1]
    doc = m.doc
    between = [t.lower_ for t in doc[last.end:m.start]]
    if last.sent == m.sent and between and between[-1] == "and" and all(w in ("'s", ",", "and") for w in between):
        want = "person" if m._.info.type == "person" else "organization"
        if doc._.entities[last._.ref].type == want:
            return last._.ref
    return None


def _antecedent(m, seen: list, clusters: list[EntityCluster], freq: Counter, sent_index: dict) -> int | None:
    info = m._.info
    here = sent_index[m.start]
    window = [s for s in reversed(seen) if 0 <= here - sent_index[s.start] <= 3 and s.start < m.start]
    if info.type == "person":
        people = [s for s in window if clusters[s._.ref].type == "person"]
        if info.gender:      # "appointed Karin Blom as his successor": "his" is not Karin
            people = [s for s in people if gender_of(clusters[s._.ref].name) in (None, info.gender)]
        same = [s for s in people if sent_index[s.start] == here]
        if same:
            return same[0]._.ref
        subjects = [s for s in people if s._.info.subject] if m._.kind == "pronoun" else []
        pick = subjects or people
        return pick[0]._.ref if pick else None
    if info.head in NEWS_HEADS:
        return next((s._.ref for s in window if clusters[s._.ref].agency), None)
    if info.type == "facility":
        # "the plant" is a site in view ("its Thionville steelworks ... The plant opened in 1964"),
        # never the company that runs it
        return _site_in_view(m, clusters, sent_index)
    orgs = [s for s in window if clusters[s._.ref].type == "organization"
            and not clusters[s._.ref].agency and not clusters[s._.ref].union]
    if not orgs:
        return None
    if m._.kind == "pronoun":
        same = [s for s in orgs if sent_index[s.start] == here]
        gap = _relative_gap_noun(m)
        if gap is not None:
            # "Maison Ardent, the French skincare label it bought in 2022": the subject of a
            # relative clause is not the noun the clause is about, nor the name set beside it
            named = {gap.i} | ({gap.head.i} if gap.dep_ == "appos" else set())
            same = [s for s in same if not any(s.start <= i < s.end for i in named)]
            if not same:
                orgs = [s for s in orgs if sent_index[s.start] != here]
                if not orgs:
                    return None
        if same:
            # the subject, or whose the subject is ("Its codeshare with Atlantica ... and in
            # January it signed"): what the sentence is about
            subjects = [s for s in same if s._.info.subject or (
                s.root.dep_ in ("poss", "compound") and s.root.head.dep_ in ("nsubj", "nsubjpass"))]
            verb = m.root.head
            own = [x for x in subjects if (x.root.head if x._.info.subject else x.root.head.head) in (verb,) + verb.conjuncts]
            if not info.possessive and not info.subject and own:
                # an object pronoun is not its own clause's subject: "GM ... will combine it with"
                # (one in a clause of its own may be: "X is raising money from Y in a round that values it")
                others = [s for s in same if s._.ref not in {x._.ref for x in own}]
                if others:
                    return others[0]._.ref
            return (subjects or same)[0]._.ref
        centre = _previous_centre(orgs, sent_index)
        if centre is not None:
            return centre
        subjects = [s for s in orgs if s._.info.subject or _owns_subject(s)]
        return (subjects or orgs)[0]._.ref
    if info.head in WHOLE_COMPANY_HEADS and all(clusters[s._.ref].unit for s in orgs):
        # "the French automaker" three captions after the group was last named, with only
        # its units in view: a whole company's description reaches further back
        orgs += [s for s in reversed(seen) if s.start < m.start and here - sent_index[s.start] > 3
                 and clusters[s._.ref].type == "organization" and not clusters[s._.ref].unit
                 and not clusters[s._.ref].agency and not clusters[s._.ref].union]
    if info.type == "organization" and (any(t.lower_ in NEW_ENTITY_WORDS for t in m[1:]) or (
            m.root.dep_ in ("dobj", "attr", "oprd") and _creation(m.root.head))):
        # ("a deal that would create the world's fourth-largest automaker": what a verb creates)
        # "the new company's chair": the company the article brought into being, or none
        # (never simply the nearest party to the merger or spin-off)
        made = [s for s in reversed(seen) if s.start < m.start and clusters[s._.ref].type == "organization"
                and _created(clusters[s._.ref], s.doc)]
        return made[0]._.ref if made else None
    inside = _own_clause_names(m) | _described_names(m)
    if inside:
        # "the unit, which was carved out of Telvia": a company named as a party in the
        # description's own relative clause is the other side of what it says, not the unit
        orgs = [s for s in orgs if s._.ref not in inside]
        if not orgs:
            return None
    return _best_description_antecedent(m, orgs, clusters, freq, sent_index)


def _site_in_view(m, clusters: list[EntityCluster], sent_index: dict) -> int | None:
    """The site last named before a description of one, in its sentence or the three before
    ('its plant in Blagnac ... The plant will also assemble'); sites are named on tokens
    (name_sites), so the words are read back, a few sentences at most."""
    doc = m.doc
    here = sent_index[m.start]
    k = m.start - 1
    while k >= 0 and here - sent_index.get(k, here) <= 3:
        r = doc[k]._.ref
        if r >= 0 and clusters[r].type == "facility" and not doc[k]._.boilerplate:
            return r
        k -= 1
    return None


NAMING_DEPS = ("attr", "oprd", "appos")


def _own_clause_names(m) -> set[int]:
    """The entities of the names a description's own relative or participial clause
    ('the unit, which was carved out of X', 'the company that X bought') takes as its
    parties; a name the clause calls it ('which was renamed X', 'known as X') is not one."""
    out: set[int] = set()
    for clause in m.root.children:
        if clause.dep_ not in ("relcl", "acl") or clause.lower_ in CALLING_WORDS:
            continue
        for t in clause.subtree:
            if t._.kind == "name" and t.dep_ not in NAMING_DEPS and not (
                    t.dep_ == "pobj" and t.head.lower_ == "as"):
                out.add(t._.ref)
    return out - {-1}


def _described_names(m) -> set[int]:
    """The names whose own description or relative clause holds the mention ('Rhenania
    Digital GmbH, a subsidiary staffed from across the group': the group is not the unit)."""
    out: set[int] = set()
    t = m.root
    for _ in range(8):
        if t.head == t:
            break
        if t is not m.root and t.dep_ in ("appos", "relcl", "acl") and t.head._.ref >= 0 \
                and t.head._.kind == "name":
            out.add(t.head._.ref)
        t = t.head
    return out


SUBORDINATE_CLAUSES = ("advcl", "relcl", "acl")


def _subordinate(s) -> bool:
    """Is the mention's clause an adverbial or relative one ('when Castellan merged its
    units', 'which Lindgate bought'), not the sentence's main clause?"""
    t = s.root
    for _ in range(12):
        if t.dep_ in SUBORDINATE_CLAUSES:
            return True
        if t.head == t:
            return False
        t = t.head
    return False


def _previous_centre(orgs: list, sent_index: dict) -> int | None:
    """What the last sentence naming a company was about, for a pronoun in a sentence
    naming none: its main clause's subject before a subordinate clause's ("Brightvale
    was founded when Castellan merged its units. It now owns eleven labels"); with no
    company subject, the company it spoke of as "it"/"its" ("For Castellan, the split
    leaves a broadcaster focused on its channels. It plans to cut jobs")."""
    last = sent_index[orgs[0].start]
    prev = [s for s in orgs if sent_index[s.start] == last]
    # (the subject, or whose the subject is: "Rhenania's net income rose 12%. Its combined ratio ...")
    subjects = [s for s in prev if s._.info.subject or _owns_subject(s)]
    if subjects:
        main = [s for s in subjects if not _subordinate(s)]
        return (main or subjects)[-1]._.ref if main and len(main) < len(subjects) else None
    pronouns = {s._.ref for s in prev if s._.kind == "pronoun"}
    return pronouns.pop() if len(pronouns) == 1 else None


def _owns_subject(s) -> bool:
    """Is the mention whose its clause's subject is ("Rhenania's net income rose")?"""
    return s._.kind == "name" and s.root.dep_ == "poss" and s.root.head.dep_ in ("nsubj", "nsubjpass")


NEW_ENTITY_WORDS = lx.words("new_entity_words")
CREATION_WORDS = lx.words("creation_words")


def _created(c: EntityCluster, doc) -> bool:
    """Is the cluster something the article says was created ('completed the spin-off of
    Brightvale', 'to create Alder Fenwick', 'will list X')?  (Read once per article.)"""
    made = doc.user_data.get("newsledger_created")
    if made is None:
        made = {t._.ref for t in doc if t._.ref >= 0 and t._.kind == "name" and _names_a_creation(t)}
        doc.user_data["newsledger_created"] = made
    return c.idx in made


def _names_a_creation(t) -> bool:
    head = t.head
    if t.dep_ in ("dobj", "nsubjpass", "oprd", "attr", "appos") and _creation(head):
        return True
    if t.dep_ == "pobj" and head.lower_ == "of" and _creation(head.head):
        return True
    if t.dep_ == "appos" and head.dep_ == "pobj" and head.head.lower_ == "of" and _creation(head.head.head):
        return True     # "the spin-off of its production business, Brightvale Studios"
    return t.dep_ == "pobj" and head.lower_ == "to" and any(
        x.dep_ == "dobj" and x.pos_ == "NOUN" and _creation(x) for x in head.head.children)
    # ("giving birth to Arkwell Materials")


def _creation(t) -> bool:
    """A creation word, also "spin-off" as the model splits it ("spin", "-", "off")."""
    return t.lemma_.lower() in CREATION_WORDS or (
        t.lower_ == "off" and t.i >= 2 and t.doc[t.i - 2].lower_ == "spin")


def _paragraph(span) -> int:
    """How many line breaks come before the span (its paragraph's number)."""
    doc = span.doc
    breaks = doc.user_data.get("newsledger_line_breaks")
    if breaks is None:
        text = doc.text
        breaks = [i for i, ch in enumerate(text) if ch == "\n"]
        doc.user_data["newsledger_line_breaks"] = breaks
    return bisect.bisect_left(breaks, span.start_char)


def _best_description_antecedent(m, orgs: list, clusters: list[EntityCluster], freq: Counter,
                                 sent_index: dict) -> int | None:
    """Score the companies in view for a description ('the group', 'the unit'): what the
    article called each one, whether it is what the text is about (the subject of its
    clause, often mentioned), and how recently it was named."""
    info = m._.info
    here = sent_index[m.start]
    related = info.head not in ("parent", "owner", "mothership") and related_description(m)
    listed = m.doc._.lists or {}
    scores: dict[int, float] = {}
    for s in orgs:              # newest first
        ref = s._.ref
        c = clusters[ref]
        dist = here - sent_index[s.start]
        if _past_tie(s):
            continue            # "Lindqvist, Halvard's former boss, ... the group's plants"
        if s._.kind == "name" and s.start in listed:
            score_cut = 2.0     # one of several named together: none of them stands out
        else:
            score_cut = 0.0
        score = 2.0 / (1 + dist) + (1.0 if dist == 0 else 0) + 0.3 * min(freq[ref], 5)
        if info.head in c.described and info.head not in GENERIC_COMPANY_NOUNS:
            score += 4
        elif info.head in SERVICE_NOUNS and c.described & SERVICE_NOUNS:
            score += 4          # "the platform" for what the article called "the streaming service"
        elif info.head not in GENERIC_COMPANY_NOUNS and any(
                info.head in NAME_WORD_NOUNS.get(w, ()) for n in c.names for w in fold(n).split()) \
                and not _named_after_another(c, clusters, m.doc):     # (an arm's name says what its parent is)
            score += 4          # "the steelmaker" for "Valdor Acier", "the house" for "Maison Varenne"
        elif any(fold(n).split()[-1] in (info.head, info.head + "s") for n in c.names):
            score += 2          # "the bank" for "Harlow Bank": a name can say what it is
        if info.origins and c.origins:
            # "the Dutch insurer" after "German insurer Rhenania and Dutch rival Veldhuis"
            score += 4 if info.origins & c.origins else -4
        if s._.info.subject:        # a subject stays salient, less so as the text moves on
            score += 0.5 if dist == 0 else 1.5 / dist
        elif dist == 0 and _within_subject(s, m):
            score += 1.0        # "The head of CNN+, Andrew Morse, is set to exit the company"
        elif dist == 0 and _example_in_subject(s, m):
            score -= 3.0        # "the other brands, including Plume, will be folded into the group's unit"
        if _paragraph(m) != _paragraph(s):
            score -= 1.0        # a new paragraph moves on: what it names weighs more
        if info.type == "unit":
            score += 3 if c.unit else -1
        elif info.head in WHOLE_COMPANY_HEADS and (c.unit or (
                info.head not in GENERIC_COMPANY_NOUNS and _named_after_another(c, clusters, m.doc))):
            score -= 2          # ("Renault Samsung Motors", Renault's arm, is not "the French automaker")
        if related and dist == 0 and s._.info.subject:
            score -= 5          # "Helix ... a subsidiary of the group": not its own subject
        scores[ref] = max(scores.get(ref, float("-inf")), score - score_cut)
    return max(scores, key=scores.get) if scores else None


FORMER_WORDS = lx.words("former_words")
GENERIC_COMPANY_NOUNS = lx.words("generic_company_nouns")
NAME_WORD_NOUNS = {k: set(v.split(",")) for k, v in lx.table("name_word_nouns").items()}
SERVICE_NOUNS = lx.words("service_nouns")


def _named_after_another(c: EntityCluster, clusters: list[EntityCluster], doc) -> bool:
    """Does the company's name start with another company's name of the article ("Renault
    Samsung Motors" beside "Renault Group ... Renault")?  Then it is that company's arm.
    (Every company's leading words are looked up once per article, not per description.)"""
    arms = doc.user_data.get("newsledger_arms")
    if arms is None:
        owners: dict[str, set[int]] = defaultdict(set)
        for o in clusters:
            if o.type == "organization":
                for n in o.names:
                    for short in (fold(n), name_key(n)):
                        if short:
                            owners[short].add(o.idx)
        arms = set()
        for c2 in clusters:
            for n in c2.names:
                words = fold(n).split()
                if any(owners.get(" ".join(words[:k]), set()) - {c2.idx} for k in range(1, len(words))):
                    arms.add(c2.idx)
                    break
        doc.user_data["newsledger_arms"] = arms
    return c.idx in arms


def _past_tie(s) -> bool:
    """Is the mention the company of someone's past role ("Halvard's former boss", "former
    Vellmar boss")?  That is background to the sentence, not what it is about."""
    noun = s.root.head
    if s.root.dep_ not in ("poss", "compound") or noun.pos_ != "NOUN":
        return False
    before = s.doc[s.start - 1] if s.start > 0 else None
    return any(c.dep_ == "amod" and c.lower_.rstrip("-") in FORMER_WORDS for c in noun.children) or (
        before is not None and before.lower_.rstrip("-") in FORMER_WORDS)


def _relative_gap_noun(m):
    """The noun a relative clause is about when the pronoun `m` is that clause's subject
    and the noun its object ('the label it bought', 'the unit that it set up')."""
    t = m.root
    v = t.head
    if t.dep_ != "nsubj" or v.dep_ != "relcl" or not m._.info.subject:
        return None
    if any(c.dep_ in ("dobj", "nsubj") and c.i != t.i and c.lower_ not in ("which", "that", "whom") for c in v.children):
        return None         # the clause has its own object: "the firm whose stake it sold"
    return v.head


def _within_subject(s, m) -> bool:
    """Is a name part of the subject phrase ('the head of CNN+', "CNN+'s head") of the
    clause the description `m` is an object in?"""
    t = s.root
    for _ in range(4):
        if t.dep_ not in ("pobj", "prep", "poss", "compound", "appos", "nmod") or t.head == t:
            return False
        t = t.head
        if t.dep_ in ("nsubj", "nsubjpass"):
            return _object_of(m.root, t.head)
    return False


EXAMPLE_PREPOSITIONS = lx.words("example_prepositions")


def _example_in_subject(s, m) -> bool:
    """Is a name one of the examples the subject phrase lists ('the other brands, including
    Plume cosmetics, ...') of the clause the description `m` (or what it owns: 'the group's
    unit') is an object in?  Then it is that clause's subject, not its object."""
    t = s.root
    example = False
    for _ in range(5):
        if t.dep_ not in ("pobj", "prep", "compound", "appos", "conj") or t.head == t:
            return False
        if t.dep_ == "prep":
            words = {t.lower_} | ({f"{t.doc[t.i - 1].lower_} {t.lower_}"} if t.i > 0 else set())
            example = example or bool(words & EXAMPLE_PREPOSITIONS)
        t = t.head
        if t.dep_ in ("nsubj", "nsubjpass"):
            if not example:
                return False
            target = m.root.head if m.root.dep_ == "poss" else m.root
            return _object_of(target, t.head)
    return False


def _object_of(t, verb) -> bool:
    """Is `t` in the verb's own clause (through objects and 'set to' verbs, not through a
    relative or adverbial clause: "X's CEO ... reporting to Y, who leads the new group")?"""
    for _ in range(6):
        if t == verb:
            return True
        if t.head == t or t.dep_ not in ("dobj", "pobj", "prep", "xcomp", "attr", "dative"):
            return False
        t = t.head
    return False


def plural_antecedents(m, doc, clusters: list[EntityCluster], sent_index: dict) -> list[int] | None:
    """'their merger', 'the two companies', 'both carmakers': the companies last named
    together ('Honda and Nissan'), in this sentence or the two before."""
    here = sent_index[m.start]
    best = None
    for start, spans in (doc._.lists or {}).items():
        if start != spans[0][0] or spans[-1][1] > m.start or here - sent_index[start] > 2:
            continue
        refs = [doc[s]._.ref for s, _ in spans]
        refs = [r for r in dict.fromkeys(refs) if r >= 0 and clusters[r].type == "organization"]
        if m._.info.type == "unit" and not all(clusters[r].unit for r in refs):
            continue    # "both units" are no pair of companies ("a career with Apple and Tesla")
        if len(refs) >= 2 and (best is None or start > best[0]):
            best = (start, refs)
    return best[1] if best else None


CALLING_WORDS = ("called", "named", "dubbed", "branded", "known")


def called_name(m) -> int | None:
    """'The venture, to be called Boreal Hydrogen, ...': a description named right after."""
    doc = m.doc
    for k in range(m.end, min(len(doc), m.end + 6)):
        t = doc[k]
        if t.lower_ in CALLING_WORDS:
            nxt = k + 1 + (k + 1 < len(doc) and doc[k + 1].lower_ == "as")
            if nxt < len(doc) and doc[nxt]._.ref >= 0 and doc[nxt]._.kind == "name":
                c = doc._.entities[doc[nxt]._.ref]
                c.type = c.type or "organization"
                return c.idx
            return None
        if t.lower_ not in (",", "to", "be", "which", "will", "is", "was", "now", "provisionally", "tentatively"):
            return None
    return None


def appositive_name(m) -> int | None:
    """'Kering, the luxury conglomerate, ...': a description in apposition to a name is it
    (read off the surface first -- the name right before the comma -- then the parse)."""
    doc = m.doc
    nxt = doc[m.end] if m.end < len(doc) else None
    if nxt is not None and nxt._.ref >= 0 and nxt._.kind == "name" and nxt._.mention and not m._.info.plural \
            and m._.info.type in ("organization", "unit") and doc[m.end - 1].pos_ == "NOUN":
        end = nxt._.mention[1]
        c = doc._.entities[nxt._.ref]
        if c.type in ("organization", "") and not (end < len(doc) and doc[end].text in ("'s", "'")):
            c.type = c.type or "organization"
            return c.idx        # "the Paris fashion house Maison Elise": the name the noun introduces
    if m.start >= 2 and doc[m.start - 1].text == "," and doc[m.start - 2]._.ref >= 0 \
            and doc[m.start - 2]._.kind == "name" and m._.info.type in ("organization", "unit") \
            and not _opening_phrase(doc[m.start - 2], m):
        c = doc._.entities[doc[m.start - 2]._.ref]
        if c.type in ("organization", "") :
            c.type = c.type or "organization"
            return c.idx
    root = m.root
    for t in ([root.head] if root.dep_ == "appos" else []) + [c for c in root.children if c.dep_ == "appos"]:
        if t._.ref >= 0:
            c = t.doc._.entities[t._.ref]
            if not c.type and m._.info.type in ("organization", "unit"):
                c.type = "organization"      # "Spire Networks, the tower company": described as one
            if c.type:
                return t._.ref
    return None


def _opening_phrase(name, m) -> bool:
    """'According to Reuters, the combined company had sales ...': a name in a phrase that
    opens the clause whose subject the description is, set off by a comma, is no apposition."""
    if m.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    t = name
    for _ in range(6):
        if t.dep_ == "prep" and t.head == m.root.head and t.i < m.start:
            return True
        if t.dep_ not in ("pobj", "prep", "compound", "pcomp") or t.head == t:
            return False
        t = t.head
    return False


def dateline_agency(doc) -> str | None:
    """'ZURICH, January 29 (Alpine Wire) -': whoever is in the dateline's brackets."""
    for sent in list(doc.sents)[:3]:
        toks = [t for t in sent if not t.is_space]
        for k, t in enumerate(toks[:14]):
            if t.text == "(" and k + 2 < len(toks):
                close = next((x for x in toks[k + 1:k + 8] if x.text == ")"), None)
                if close is not None and close.i + 1 < len(doc) and doc[close.i + 1].text in ("-", "--", "\u2013", "\u2014"):
                    return doc[t.i + 1:close.i].text
        break
    return None


LIST_WORDS = {",", "and", "or", "&", "as", "well", "plus", "both", "either"}


def _list_gap(tokens) -> tuple[bool, bool]:
    """Can these tokens stand between two names of one list, and do they close it with
    'and'/'or'?  Separators, plus a lower-case description of the next name ('shipping line
    Nordvik Lines, salmon farmer Aqualis and engineering group Fjordtek')."""
    words = [t.lower_ for t in tokens]
    if not words or not any(w in (",", "and", "or", "&", "plus") for w in words):
        return False, False
    last_sep = max(k for k, w in enumerate(words) if w in LIST_WORDS)
    head_ok = all(w in LIST_WORDS for w in words[:last_sep + 1])
    tail = [t for t in tokens[last_sep + 1:] if t.text not in ("'s", "'")
            and not (t.i + 1 < len(t.doc) and t.doc[t.i + 1].text in ("'s", "'"))]   # ("Germany's")
    tail_ok = all(t.pos_ in ("NOUN", "ADJ", "DET") and (t.text[:1].islower() or t.lower_ in DEMONYMS)
                  for t in tail)
    return head_ok and tail_ok and len(words) - last_sep <= 6, any(w in ("and", "or", "&", "plus") for w in words)


def coordinated_names(doc, names: list) -> dict[int, list[tuple[int, int]]]:
    """Names listed together on the surface ('Douai, Maubeuge, and Ruitz', 'both Ampere and
    Renault Group'), whatever the parser made of the list: each name's start -> the list."""
    groups: list[list] = []
    open_group: list = []
    closed = False
    # "Halvard Cement and Germany's Vellmar Baustoffe": the possessor is no member; the name
    # it owns takes its place in the list
    starts = {m.start for m in names}
    ordered = [m for m in sorted(names, key=lambda m: m.start)
               if not (m.end + 1 < len(doc) and doc[m.end].text in ("'s", "'") and m.end + 1 in starts)]
    for m in ordered:
        if open_group:
            gap = doc[open_group[-1].end:m.start]
            fits, closes = _list_gap(gap)
            if fits and not any(t.is_sent_start for t in doc[open_group[-1].end:m.end]):
                open_group.append(m)
                closed = closed or closes
                continue
            if len(open_group) >= 2 and closed:
                groups.append(open_group)
        open_group, closed = [m], False
    if len(open_group) >= 2 and closed:
        groups.append(open_group)
    out: dict[int, list[tuple[int, int]]] = {}
    for g in groups:
        spans = [(m.start, m.end) for m in g]
        for m in g:
            out[m.start] = spans
    return out


@Language.component("newsledger_references")
def resolve_references(doc):
    mentions = list(doc.spans["mentions"])
    names = [m for m in mentions if m._.kind == "name"]
    for m in names:
        m._.info.votes.update(syntactic_votes(m))
    clusters, form_cluster = cluster_names(names)
    mid = {fold(m.text) for m in names if m._.info.mid_sentence}
    for c in clusters:
        c.type = decide_type(c, mid)
    regional_arms(clusters)
    named_after_parent(clusters)
    for c in clusters:
        c.weak = not c.type or (c.votes.get(c.type, 0) < 2 and not {fold(n) for n in c.names} & (PLACES | KNOWN_ORGS))
        c.agency = any(fold(n) in NEWS_AGENCIES for n in c.names)
        c.union = any("union" in fold(n).split() for n in c.names)
    lead = len(doc.text) - len(doc.text.lstrip())
    masthead = doc.text[lead:].split("\n", 1)[0].strip()
    if masthead.isupper() and re.fullmatch(r"[A-Z][A-Z &'.-]+", masthead) and "\n" in doc.text.strip():
        # "STEELFOCUS EUROPE" alone on the first line: the publication's masthead names the
        # outlet, never a party ("THE DENVER LEDGER", "NORTHSEA ENERGY WEEKLY" too)
        for m in names:
            if m.end_char <= lead + len(masthead):
                clusters[form_cluster[fold(m.text)]].agency = True
    agency = dateline_agency(doc)
    if agency:
        for c in clusters:
            if any(fold(n) == fold(agency) for n in c.names):
                c.agency = True
    doc._.entities = clusters
    doc._.lists = coordinated_names(doc, [m for m in names if clusters[form_cluster[fold(m.text)]].type])
    for m in names:
        c = clusters[form_cluster[fold(m.text)]]
        c.described |= m._.info.described
        c.origins |= m._.info.origins
        c.unit = c.unit or m._.info.unitish
        c.union = c.union or m._.info.modifies in ("union", "federation", "confederation")
        if c.type:
            m._.ref = c.idx
            c.mentions += 1
        elif not c.type and not c.votes.get("none"):
            m._.ref = c.idx     # a name nothing types yet: a relation may (extract.arguments)
    _mark_tokens(names, clusters)
    for m in names:
        full = unit_named_with_noun(doc, m.start, m.end) if m._.ref is not None else None
        if full:
            clusters[m._.ref].names[full] += 1      # "Saxby's Air sector": the unit is the "Air sector"
    name_sites(doc, clusters)
    name_products(doc, clusters)
    for c in clusters:
        firsts = [m.start for m in names if m._.ref == c.idx]
        c.first = min(firsts) if firsts else 0
    sent_index = {}
    for k, sent in enumerate(doc.sents):
        for t in sent:
            sent_index[t.i] = k
    freq = Counter(m._.ref for m in names if m._.ref is not None and clusters[m._.ref].type)
    seen = []
    for m in mentions:
        if m._.kind == "name":
            if m._.ref is not None and clusters[m._.ref].type:
                seen.append(m)
            continue
        if m._.info.plural and m._.info.type != "person":
            group = plural_antecedents(m, doc, clusters, sent_index)
            if group:
                for t in m:
                    t._.group = group
                continue
            if m._.kind == "description":
                continue    # "the remaining beauty brands": several things, no one company
        target = _coordinated_owner(m, seen)
        if target is None and m._.kind == "description":
            target = appositive_name(m) or called_name(m)
        if target is None:
            target = _antecedent(m, seen, clusters, freq, sent_index)
        if target is not None:
            m._.ref = target
            seen.append(m)
            if m._.kind == "description":    # what it was called once, it may be called again
                clusters[target].described.add(m._.info.head)
                clusters[target].origins |= m._.info.origins
    _mark_tokens([m for m in mentions if m._.kind != "name"], clusters)
    bridge_unnamed(doc, mentions, sent_index)
    return doc


BRIDGED_NOUNS = {"venture", "company", "subsidiary", "unit", "entity", "business", "startup", "start-up", "firm", "vehicle", "arm"}


def bridge_unnamed(doc, mentions, sent_index: dict) -> None:
    """'X and Y will set up a joint venture ... The venture, to be called Boreal Hydrogen, ...':
    a company introduced without a name ("a joint venture") is the one the next sentences
    name with the same noun."""
    named = [m for m in mentions if m._.kind == "description" and m._.ref is not None]
    for t in doc:
        if t.pos_ != "NOUN" or t.lemma_.lower() not in BRIDGED_NOUNS or t._.ref >= 0 or t._.boilerplate:
            continue
        if not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children):
            continue
        here = sent_index.get(t.i, -1)
        later = [m for m in named if m.start > t.i and 0 <= sent_index.get(m.start, -1) - here <= 2
                 and m._.info.head == t.lemma_.lower()]
        if later:
            t._.ref, t._.mention, t._.kind = later[0]._.ref, (t.i, t.i + 1), "description"


def name_sites(doc, clusters: list[EntityCluster]) -> None:
    """A site named by where it is: 'its plant in Umeå', 'the Mo i Rana plant' become the
    facility 'Umeå plant' / 'Mo i Rana plant' (one entity however often it is named)."""
    by_name = {c.name: c for c in clusters if c.type == "facility"}
    for t in doc:
        if t.pos_ == "NOUN" and t.tag_ == "NNS" and t.lemma_.lower() in FACILITY_NOUNS and not t._.boilerplate:
            sites_listed(doc, t, clusters)
        if t.pos_ == "NOUN" and t.lemma_.lower() in SITE_GROUP_NOUNS and not t._.boilerplate:
            sites_listed(doc, t, clusters, group=True)     # "its network of Lengerich, Geseke and ..."
        common = t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.text.islower())   # ("Bolton bakery" read as a name)
        if not common or t.lemma_.lower() not in FACILITY_NOUNS or t._.ref >= 0 or t._.boilerplate \
                or t.tag_ == "NNS":
            continue            # ("its plants in France": several sites, none named)
        # the name before the noun and its kind ("the Kestrel Bay container terminal",
        # "its Kinross solvent recovery site": Kinross hangs on 'solvent')
        named = [c for c in doc[t.left_edge.i:t.i] if c._.ref >= 0 and c._.ent == "facility" and c._.mention
                 and c._.mention[1] <= t.i and _modifiers(doc, c._.mention[1], t) is not None]
        if named:
            m0, m1 = named[-1]._.mention
            between = _modifiers(doc, m1, t)
            if between:         # its full name
                clusters[named[-1]._.ref].names[full_site_name(doc[m0:m1].text, t, between)] += 1
        site = next((c for c in t.lefts if c._.ref >= 0 and c._.ent == "facility"), None)
        if site is not None:    # "the Douai plant": the name already is the site, and so is
            t._.ref = site._.ref    # the noun (never what an apposition after it names:
            continue                # "at X's Bolton bakery, its new owner Y said")
        place, span = None, None
        preps = [p for p in t.rights if p.dep_ == "prep"]
        if t.dep_ == "dobj":        # "close its research site in Basel": the place hangs on the verb
            preps += [p for p in t.head.rights if p.dep_ == "prep" and p.i > t.i]
        for c in t.lefts:
            if c.dep_ in ("compound", "nmod", "amod") and c._.ref >= 0 and c._.ent == "place":
                place, span = c, (c._.mention[0], t.i + 1)
        if place is None:
            place, span = _site_place(doc, t, preps)
        if place is None:
            continue
        where = doc[place._.mention[0]:place._.mention[1]].text
        if fold(where) in COUNTRIES:
            continue            # "its France plant": a country names no single site
        noun = t.lemma_.lower() if t.lemma_.lower() not in ("facility",) else t.lower_
        name = site_name(where, noun)
        between = _modifiers(doc, place._.mention[1], t) if span[0] == place._.mention[0] else \
            ([] if noun in NAMING_SITE_NOUNS else site_kind(t))
        full = full_site_name(where, t, between) if between else name
        c = by_name.get(name)
        own = clusters[place._.ref]
        if c is None and not own.type:
            # "a new reservoir at Rawdon Beck": a name nothing else types is the site itself
            own.type, own.weak = "facility", False
            own.names[name] += sum(own.names.values()) + 1
            by_name[name] = c = own
        if c is None:
            c = EntityCluster(len(clusters), "facility", Counter({name: 1}))
            clusters.append(c)
            by_name[name] = c
        else:
            c.names[name] += 1
        if len(full.split()) > len(name.split()):
            c.names[full] += 1
        t._.ref, t._.mention, t._.kind = c.idx, span, "name"


def name_products(doc, clusters: list[EntityCluster]) -> None:
    """A product named with its kind: 'the Aurora satellite modem', 'its KX-9 turbofan
    engine' are the products "Aurora satellite modem", "KX-9 turbofan engine" (the name
    alone stays an alias), when the words after the name are its kind and end in a noun
    for goods that the name modifies."""
    done = set()
    for t in doc:
        if ref_of(t) < 0 or t._.ent != "product" or not t._.mention or t._.mention in done:
            continue
        m0, m1 = t._.mention
        done.add((m0, m1))
        k, last = m1, None
        while k < len(doc) and (doc[k].pos_ in ("NOUN", "ADJ") or doc[k].tag_ == "VBG") and doc[k]._.ref < 0 \
                and not doc[k]._.boilerplate:
            if doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in PRODUCT_NOUNS:
                last = k
            k += 1
        if last is None or (last + 1 < len(doc) and doc[last + 1].pos_ in ("NOUN", "PROPN")):
            continue
        root = doc[m1 - 1]
        if not (root.head.i == last or root.head.i in range(m1, last + 1)):
            continue            # ("sold its Fjord SUV business": the name modifies something else)
        clusters[t._.ref].names[doc[m0:last + 1].text] += 1


NAMING_SITE_NOUNS = ("plant", "factory")


def site_name(where: str, noun: str) -> str:
    """A site's name: 'Douai plant', 'Lodi factory'; other sites go by their place alone
    ('Heaton Moor' for its treatment works, 'Rawdon Beck' for its reservoir), which is
    what reports call them across outlets."""
    return f"{where} {noun}" if noun in NAMING_SITE_NOUNS else where


def _modifiers(doc, start: int, noun) -> list | None:
    """The words between a site's place and its noun when all modify it ('Larissa
    *bottling* plant', 'Halbrook *gas storage* site'); None when something else is there."""
    words = doc[start:noun.i]
    if all(w.pos_ in ("NOUN", "ADJ") or w.tag_ == "VBG" for w in words):
        return [w.text for w in words]
    return None


def site_kind(noun) -> list:
    """The nouns a site noun is a compound of, with it ('data centre', 'gas storage site',
    'container terminal'): the kind of site, which its full name keeps ("the Kestrel Bay
    container terminal", "data centres in Nairobi": "Nairobi data centre")."""
    words, k = [], noun.i - 1
    while k >= 0 and noun.doc[k].dep_ == "compound" and noun.doc[k].pos_ == "NOUN" \
            and noun.doc[k].head.i > k and noun.doc[k].head.i <= noun.i:
        words.insert(0, noun.doc[k].text)
        k -= 1
    return words


def full_site_name(where: str, noun, between=None) -> str:
    """A site's full name, as reports write it: its place, the words between the place
    and the site noun ("the Larissa bottling plant"), the noun in the singular ("data
    centres in Kigali": "Kigali data centre"); a plant or factory named after its place
    keeps no words ('a wing assembly plant in Queretaro' is the "Queretaro plant")."""
    lemma = noun.lemma_.lower() if noun.tag_ == "NNS" else noun.lower_
    if between is None:
        between = [] if noun.lemma_.lower() in NAMING_SITE_NOUNS else site_kind(noun)
    return " ".join([where] + list(between) + [lemma])


SITE_PREPOSITIONS = ("in", "at", "near", "outside")     # by preference: "factory in Lodi, near Milan" is in Lodi


def _site_place(doc, noun, preps):
    """The place a site noun's preposition names, and the span 'plant in Umeå' covers.  The
    word right after the preposition counts too, as the small model sometimes hangs it
    elsewhere ("Penrose's plant in Warrington and Hartwell toothpaste at ...")."""
    for word in SITE_PREPOSITIONS:
        for p in preps:
            if p.lower_ != word:
                continue
            objects = [o for o in p.children if o.dep_ == "pobj"]
            if p.i + 1 < len(doc):
                objects.append(doc[p.i + 1])
            for o in objects:
                # (a name nothing else types, right at a site: "a new reservoir at Rawdon Beck")
                if o._.ref >= 0 and (o._.ent == "place" or (o._.ent == "" and word == "at" and o._.mention)):
                    return o, (noun.i, o._.mention[1])
    return None, None


def sites_listed(doc, noun, clusters: list[EntityCluster], group: bool = False) -> None:
    """'three plants, at Klintehamn, Degerhamn and Koping', 'plants in Slite and Visby':
    each town listed after a plural site noun names one site ("Klintehamn plant"); a
    country or region names none ('its plants in France')."""
    k = noun.i + 1
    if k < len(doc) and doc[k].text == ",":
        k += 1
    if not (k + 1 < len(doc) and doc[k].lower_ in (("of",) if group else ("in", "at")) and doc[k + 1]._.ref >= 0):
        return
    first = doc[k + 1]
    start = first._.mention[0] if first._.mention else first.i
    listed = [first] + [doc[s] for s, _ in (doc._.lists or {}).get(start, []) if s != start]
    listed += [c for c in first.head.conjuncts if c._.ref >= 0 and c not in listed] if first.dep_ != "pobj" else \
        [c for c in first.conjuncts if c._.ref >= 0 and c not in listed]
    # "kilns, at Klintehamn on Gotland and at Lengerich in Germany": a second "at" phrase
    # coordinated with the noun's own prepositions lists one more site
    listed += [o for p in _site_ats(noun) for o in p.children
               if o.dep_ == "pobj" and o._.ref >= 0 and o not in listed]
    kind = noun.lemma_.lower() if noun.lemma_.lower() != "facility" else "site"
    inside = {t.i for t in noun.subtree}
    towns = [t for t in listed if fold(clusters[t._.ref].name) not in COUNTRIES and (
        t.i in inside or clusters[t._.ref].type in ("place", "", "facility") or clusters[t._.ref].weak)]
    if not group and len(towns) == 1 and noun.lower_ != noun.lemma_.lower():
        return      # ("its call centres in Manila": several sites in one town, none named)
    if group and any(clusters[tok._.ref].type not in ("place", "", "organization", "facility")
                     or (clusters[tok._.ref].type == "organization" and not clusters[tok._.ref].weak)
                     for tok in listed):
        return      # ("its network of Orrin Autos and Tessel Cars": a list with a company lists no sites)
    sites = []
    for tok in listed:
        c = clusters[tok._.ref]
        where = c.name
        if c.type not in ("place", "", "organization") or fold(where) in COUNTRIES or \
                (c.type == "organization" and not c.weak):
            continue
        c.type, c.weak = "facility", False
        c.names[site_name(where, kind)] += sum(c.names.values()) + 1   # the site's name: "Klintehamn plant"
        if not group and site_kind(noun) and kind not in NAMING_SITE_NOUNS:
            c.names[full_site_name(where, noun)] += 1                  # "data centres in Kigali"
        sites.append(c.idx)
    if sites:
        noun._.group = sites        # "the plants" stands for them (as "their" for companies)


def _site_ats(noun) -> list:
    """The 'at' phrases of a site noun: its own, and one coordinated with a preposition
    within its phrase ('kilns, at X on Gotland and at Y in Germany'; no verb between)."""
    out = []
    for t in noun.subtree:
        if t.i <= noun.i or t.lower_ != "at" or t.pos_ != "ADP":
            continue
        if not ((t.dep_ == "prep" and t.head == noun) or t.dep_ == "conj"):
            continue
        h = t.head
        while h != noun and h.pos_ not in ("VERB", "AUX"):
            h = h.head
        if h == noun:
            out.append(t)
    return out


def _mark_tokens(mentions, clusters) -> None:
    for m in mentions:
        if m._.ref is None:
            continue
        for t in m:
            t._.ref = m._.ref
            t._.mention = (m.start, m.end)
            t._.kind = m._.kind
