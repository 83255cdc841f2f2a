"""Who does what to whom: the semantic roles of a trigger word, read off the parse.

Pattern files name roles ("agent", "patient", "prep:into", "holder", "poss", ...); this
module finds the tokens that fill them, once for every fact type.  English hides roles
in many constructions, and each is handled here, not per pattern:

* voice: "Y acquired X" / "X was acquired by Y" / "X, acquired by Y in 2020";
* relative clauses: "Kering, which owns Gucci" (the relative pronoun stands for Kering);
* control and coordination: "GM plans to combine X" and "GM will stop funding X and
  combine it ..." (the subject is shared);
* participles: "..., creating two units" (the main clause's subject acts);
* relational nouns: "its Cruise unit", "Cruise, GM's unit", "the unit, Cruise",
  "Cruise is a unit of GM", "named X as CEO", "X will serve as CEO" (the *holder* is
  the thing the noun describes; the *anchor* is whose it is).

Every function takes and returns spaCy tokens; mapping tokens to entities is
arguments.py's job.
"""
from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from ..nlp.extensions import spans_in_sentence

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
RELATIVE_PRONOUNS = ("which", "who", "that", "whom", "whose")
COPULAS = ("be", "become", "remain", "serve", "act", "stay", "continue", "join", "return", "take")
NAMING_VERBS = ("name", "appoint", "make", "elect", "choose", "pick", "promote", "tap", "hire",
                "install", "designate", "confirm", "call", "select", "nominate", "crown")
CLAUSE_DEPS = ("ROOT", "ccomp", "advcl", "relcl", "xcomp", "conj", "acl", "pcomp", "csubj",
               "parataxis", "csubjpass")


def children(t: Token, *deps: str) -> list[Token]:
    return [c for c in t.children if c.dep_ in deps]


def is_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX")


def misread_predicate(v: Token) -> bool:
    """'Corvel Group named Ines Varga as chief executive': the small model reads the
    verb as a participle on the name before it ('a company named Corvel').  A past
    form right after a name, with no comma between, taking a name as its object and no
    by-phrase, is that name's predicate.  ('Hughes, named CEO in 2020' keeps its comma;
    'a company named Corvel' hangs from a common noun.)"""
    if v.dep_ != "acl" or v.tag_ not in ("VBN", "VBD") or v.i == 0:
        return False
    head = v.head
    if head.pos_ != "PROPN" or head._.kind != "name" or head.i > v.i or v.doc[v.i - 1].is_punct:
        return False
    if children(v, "agent"):
        return False
    return any(c._.kind == "name" for c in children(v, "oprd", "dobj"))


def is_passive(v: Token) -> bool:
    if misread_predicate(v):
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children):
        return True
    if v.tag_ == "VBN" and v.dep_ in ("acomp", "attr", "xcomp") and v.head.lemma_ in ("be", "become", "remain", "get"):
        return True         # "Baltavia is 36% owned by the Latvian state" (read as an adjective)
    if v.dep_ in ("acl", "advcl") and v.tag_ == "VBN":
        return True
    if v.dep_ == "acl" and v.tag_ == "VBD" and not children(v, "nsubj", "dobj") and v.head.pos_ in ("NOUN", "PROPN"):
        return True         # "a subsidiary set up last month": a participle tagged as a past tense
    if coordinated_participle(v):
        return True         # "Silkara, founded in 1986 ... and bought by Penrose in 2011"
    return reduced_relative_subject(v) is not None


def coordinated_participle(v: Token) -> bool:
    """A participle with no subject of its own coordinated with a passive one ('X, founded
    in 1986 by Y and bought by Z in 2011'): it is passive and shares its patient."""
    return (v.dep_ == "conj" and v.tag_ == "VBN" and v.head.tag_ == "VBN" and v.head != v
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in v.children)
            and is_passive(v.head))


def reduced_relative_subject(v: Token) -> Token | None:
    """The noun a participle set off by commas describes, when the small model made the
    participle the clause's verb and the noun its subject ("Its old quarry at Limhamn,
    closed in 1994, is now a reserve": *closed* read as the root with *quarry* as nsubj).
    A past tense needs no comma between its subject and itself; a participle does."""
    if v.tag_ != "VBN" or v.i < 2 or v.doc[v.i - 1].text != ",":
        return None
    if any(c.dep_ in ("aux", "auxpass", "nsubjpass") for c in v.children):
        return None
    subj = [c for c in v.children if c.dep_ == "nsubj" and c.i < v.i]
    if len(subj) == 1 and subj[0].right_edge.i in (v.i - 2, v.i - 1) and subj[0].pos_ in ("NOUN", "PROPN"):
        return subj[0]
    return None


def stranded_subject(v: Token) -> Token | None:
    """The subject of a coordinated clause that the parser joined to the clause before
    ('revenue rose 4% to €1.9bn and EBITDA reached €1.1bn': *EBITDA* read as a conjunct of
    *euros*, *reached* as a verb sharing *revenue*).  A noun right before the verb (only
    auxiliaries or adverbs between), made a conjunct of an earlier word, is the subject
    the verb's clause starts with; coordinated objects stop at a conjunction of their own
    ('makes cars and trucks and sells them')."""
    i = v.i - 1
    while i > v.sent.start and v.doc[i].dep_ in ("aux", "auxpass", "advmod", "neg") and v.doc[i].head == v:
        i -= 1
    t = v.doc[i]
    if t.dep_ == "conj" and t.pos_ in ("NOUN", "PROPN") and t.head.i < t.i and t.head != v.head \
            and not any(c.dep_ == "cc" and t.i < c.i < v.i for c in v.children):
        return t
    return None


def clause_head(t: Token) -> Token:
    """The verb (or root) of the clause a token belongs to."""
    cur = t
    for _ in range(12):
        if is_verb(cur) and (cur.dep_ in CLAUSE_DEPS or cur.head == cur):
            return cur
        if cur.head == cur:
            return cur
        cur = cur.head
    return cur


def verb_chain(v: Token) -> list[Token]:
    """A verb and the verbs it hangs from within the sentence, nearest first
    ('plans to combine' -> combine, plans)."""
    out = [v]
    cur = v
    while cur.dep_ in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "acl", "relcl") and cur.head != cur:
        cur = cur.head
        if cur.pos_ in ("ADP", "SCONJ"):   # "after leaving Tesla": the verb the preposition hangs from
            cur = cur.head
        out.append(cur)
        if len(out) > 6:
            break
    return out


# ---------------------------------------------------------------- verbs

def subjects(v: Token) -> list[Token]:
    """The surface subject of a verb, inherited where English leaves it out."""
    found = children(v, *SUBJECT_DEPS)
    if found:
        # several subjects means a misparse ("Spurred by ..., Renault's sales jumped"):
        # the nominal one nearest the verb is the subject
        nominal = [c for c in found if c.pos_ in ("NOUN", "PROPN", "PRON", "NUM")] or found
        # ("X and Y each own 50% of Z": a floating quantifier is no subject of its own)
        nominal = [c for c in nominal if c.lower_ not in ("each", "both", "all")] or nominal
        # a noun right after a preposition is its object, whatever the parser says
        # ("talks to merge with Finnish rival Saarinen Motors had collapsed")
        clean = [c for c in nominal if not (c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].pos_ == "ADP")] or nominal
        s = max(clean, key=lambda c: c.i if c.i < v.i else -c.i)
        if s.lower_ in RELATIVE_PRONOUNS and v.dep_ == "relcl":
            return [relative_antecedent(s, v)]  # "Kering, which owns Gucci"
        return [s]
    # ("close to a deal to buy X": an infinitive the parser hung as a relative clause is the
    # noun's purpose, as an "acl" is)
    to_relcl = v.dep_ == "relcl" and v.tag_ == "VB" and v.head.pos_ == "NOUN" and v.head._.kind != "name" \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
    if (v.dep_ == "relcl" and not to_relcl) or misread_predicate(v):
        return [v.head]                     # "the unit making the Duo"
    if (v.dep_ == "acl" or to_relcl) and v.tag_ == "VB" and v.head.pos_ == "NOUN":
        # "X is in talks to merge with Y", "X's plan to sell Z": whoever holds the plan
        noun = v.head
        owners = children(noun, "poss")
        if owners:
            return owners
        gov = governor(noun)
        if gov is None or gov == v:
            return []
        if noun.dep_ in ("nsubj", "nsubjpass") and gov.dep_ == "ccomp" and gov.head.lemma_.lower() in SPEECH_VERBS:
            return subjects(gov.head)       # "X said talks to merge with Y had ended": X's talks
        return subjects(gov)
    if v.dep_ == "xcomp" and v.head.pos_ == "ADJ" and v.head.dep_ == "acomp" and v.head.head != v.head:
        return subjects(v.head.head)        # "X would be able to produce", "X is due to open", "keen to sell"
    if v.dep_ == "xcomp" and children(v.head, "dobj"):
        return children(v.head, "dobj")     # "planned Ampere to go public", "asked X to buy"
    if v.dep_ == "acomp" and is_verb(v.head):
        return subjects(v.head)             # "X is majority-owned by Y"
    if v.dep_ in ("xcomp", "conj", "advcl") and v.head != v and is_verb(v.head):
        if v.dep_ == "advcl" and children(v, "mark"):
            return []                       # "because X ...": a clause with its own subject
        if v.dep_ == "conj":
            own = stranded_subject(v)
            if own is not None:
                return [own]                # "revenue rose to €1.9bn and EBITDA reached €1.1bn"
        return subjects(v.head)             # "GM plans to combine", "... and combine it"
    if v.dep_ == "pcomp" and (v.head.pos_ in ("ADP", "SCONJ") or v.head.dep_ == "prep") and is_verb(v.head.head):
        return subjects(v.head.head)        # "after leaving Tesla", "including serving as CEO of"
    if v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.dep_ == "prep" and v.head.head.pos_ == "NOUN" \
            and possessors(v.head.head):
        return possessors(v.head.head)      # "refocus its efforts on enhancing X": whose efforts
    if v.dep_ == "acl" and v.tag_ == "VBG":
        return [v.head]                     # "Renault, having bought X"
    # "Geely and Renault also have equal shares": the small model reads a name it does not
    # know as an adverb; a named entity before a subjectless verb is its subject
    lead = [c for c in v.children if c.i < v.i and c._.ref >= 0
            and c.dep_ in ("advmod", "npadvmod", "dep", "nmod", "meta", "intj")]
    return lead[:1]


SPEECH_VERBS = lx.words("speech_verbs")
COMPANY_POSSESSIONS = lx.words("company_possessions")
OWNERSHIP_VERBS = lx.words("ownership_verbs")
TIME_PREPOSITIONS = {"after", "before", "since", "until", "following", "during", "amid", "pending"}
POST_NOUNS = {"role", "post", "position", "job", "title", "office", "seat"}
# verbs whose complement clause reports what happens to its subject: "see X sold"
PERCEPTION_VERBS = {"see", "have", "get", "want", "leave", "watch", "need"}


def relative_antecedent(pronoun: Token, v: Token) -> Token:
    """What 'which'/'who' stands for: the noun the clause hangs on, unless that is no entity
    and an entity's name ends right before the comma ("its partnership with Geely, which
    has a stake in ..." is Geely's stake, however the parser attached the clause)."""
    k = pronoun.i - 1
    if k >= 0 and pronoun.doc[k].text == ",":
        k -= 1
    before = pronoun.doc[k] if k >= 0 else None
    if (before is not None and before != v.head and v.head._.ref < 0 and before.i > v.head.i
            and (before._.ref >= 0 or before.pos_ == "NOUN" and any(
                c.dep_ == "compound" and c._.ref >= 0 and c._.kind == "name" for c in before.lefts))):
        return before       # (or a noun a name qualifies: "the Tarn smelter, which ...")
    # ("Luis Ortega, a former strategy director, who will stay on as chief executive": Ortega)
    return described(v.head) if pronoun.lower_ in ("who", "whom") else site_of_place(v.head)


def site_of_place(t: Token) -> Token:
    """The site a place names in 'a plant in Lodi, Italy, which ...' (the parser hangs the
    clause on the place), else the token itself."""
    if t._.ent == "place" and t.dep_ == "appos" and t.head._.ent == "place":
        t = t.head
    if t._.ent == "place" and t.dep_ == "pobj" and t.head.dep_ == "prep" and t.head.lower_ in ("in", "at", "near") \
            and t.head.head._.ref >= 0 and t.head.head._.ent == "facility":
        return t.head.head
    return t


def described(n: Token) -> Token:
    """What a noun a relative clause hangs on stands for: the name it is set beside when it
    is an apposition naming nothing itself ("Kite Money, the digital-only challenger it set
    up": the challenger is Kite Money)."""
    if n.dep_ == "appos" and n._.ref < 0 and n.pos_ == "NOUN" and n.head.pos_ == "PROPN" and n.head._.ref >= 0 \
            and n.lemma_.lower() not in COMPANY_POSSESSIONS:
        return n.head       # (not "owns 9.9% of Lumetra, a stake it bought in 2022": what it has)
    return n


def owned_above(v: Token) -> list[Token]:
    """What an owning clause above a relative clause owns: "Caldervale is owned by a
    consortium led by Lakeland, which holds 40%" (40% of Caldervale)."""
    if v.dep_ != "relcl":
        return []
    cur = v.head
    for _ in range(8):
        if cur.head == cur:
            break
        cur = cur.head
        if is_verb(cur) and cur.lemma_.lower() in OWNERSHIP_VERBS:
            return patients(cur)
    return []


def agents(v: Token) -> list[Token]:
    """Who acts: the subject of an active verb, the by-phrase of a passive one."""
    if is_passive(v):
        return [p for a in children(v, "agent") for p in children(a, "pobj")]
    return subjects(v)


def patients(v: Token) -> list[Token]:
    """What is acted on: the object of an active verb, the subject of a passive one."""
    if is_passive(v):
        if coordinated_participle(v):
            return patients(v.head)
        if v.dep_ in ("acl", "advcl", "acomp", "attr", "xcomp") and (v.tag_ == "VBN" or v.dep_ == "acl") \
                and not children(v, "nsubjpass"):
            # "Cruise, acquired by GM"; "Ostra, the brewer owned by X": the name the noun describes
            return [described(v.head)] if v.dep_ == "acl" else subjects(v.head)
        return subjects(v)
    if (v.tag_ in ("VBN", "VBD") and v.dep_ == "ccomp" and v.head.lemma_ in PERCEPTION_VERBS
            and children(v, "nsubj") and not children(v, "dobj")):
        return children(v, "nsubj")         # "see Lumen reintegrated" read as a past tense
    if v.tag_ == "VBN" and v.dep_ in ("ccomp", "xcomp", "oprd") and not children(v, "nsubj", "dobj"):
        # "will see Ampere reintegrated into Renault", "wants the unit sold": the noun the
        # matrix verb puts before the participle is what the participle acts on
        before = [c for c in v.head.children if v.head.i < c.i < v.i and c.dep_ in ("dobj", "nsubj", "advmod", "npadvmod")
                  and c.pos_ in ("PROPN", "NOUN")]
        if before:
            return before[-1:]
    objs = children(v, "dobj", "obj") or up_to_object(v)
    if objs:
        if v.dep_ == "relcl" and objs[0].lower_ in RELATIVE_PRONOUNS:
            # "Freshly, which Sunmark launched in 2021"; "output at the Tarn smelter, which
            # Brask has run since 2015" (the clause hung on 'output')
            return [described(relative_antecedent(objs[0], v))]
        return objs
    if v.dep_ == "relcl":
        rel = [c for c in v.children if c.lower_ in RELATIVE_PRONOUNS and c.dep_ in ("dobj", "pobj")]
        if rel:
            return [described(v.head)]                 # "the unit that GM bought"
        subj = children(v, "nsubj")
        if subj and subj[0].lower_ not in RELATIVE_PRONOUNS and not children(v, "ccomp", "xcomp"):
            return [described(v.head)]                 # "the e-commerce site it bought in 2016" (no "that")
    named = [p for p in children(v, "prep", "oprd") if p._.kind == "name"]
    if named:                               # ("named Nadia Rusk, its CFO, as CEO": the name read as oprd)
        return named                        # "succeeds Per Olsen" (a given name parsed as a preposition)
    # ("would fold Ampere, its EV unit, back into the group": a name the small model does
    # not know read as an adverb of the verb): a name right after a verb with no object
    after = [c for c in children(v, "advmod", "npadvmod") if c._.kind == "name" and c.i == v.i + 1]
    if after:
        return after
    # "make Nissan a subsidiary", "turn X into": the small clause's subject
    for c in children(v, "ccomp", "oprd", "xcomp"):
        if not is_verb(c):
            subj = children(c, "nsubj")
            if subj:
                return subj
    return []


def share_of_whole(v: Token) -> list[Token]:
    """The whole a share object is a share of ('laid off 8% of its workforce', 'shed a third
    of its staff': what is cut is the workforce)."""
    shares = {t.i for q in spans_in_sentence(v.doc, "quantities", v.sent.start)
              if q._.quantity.unit == "%" for t in q}
    return [o for c in children(v, "dobj", "nsubjpass") if c.i in shares
            for p in children(c, "prep") if p.lower_ == "of" for o in children(p, "pobj")]


def up_to_object(v: Token) -> list[Token]:
    """The object behind a limit the parser read as a particle and a preposition ('cut up to
    600 roles', 'buy up to 30% of X': *up* a particle, *roles* the object of *to*)."""
    hosts = [v] + [c for c in v.children if c.lower_ == "up" and c.dep_ in ("prt", "advmod")]
    if not any(c.lower_ == "up" and c.dep_ in ("prt", "advmod") for c in v.children):
        return []
    for h in hosts:
        for p in h.children:
            if p.dep_ == "prep" and p.lower_ == "to" and p.i > v.i and p.i == p.doc[p.i - 1].i + 1 \
                    and p.doc[p.i - 1].lower_ == "up":
                objs = [o for o in children(p, "pobj") if any(c.like_num for c in o.subtree if c.i < o.i)]
                if objs:
                    return objs
    return []


def prep_objects(t: Token, preps: set[str] | tuple[str, ...]) -> list[Token]:
    """Objects of the given prepositions attached to t (also through a particle:
    'fold back into', 'split up into'); "by" includes a passive's agent phrase."""
    out = []
    hosts = [t] + children(t, "prt", "advmod")
    # "carved out of X", "away from X": a preposition with no object of its own hosts the next
    hosts += [p for p in children(t, "prep") if not children(p, "pobj", "pcomp") and children(p, "prep")]
    # "the creation of Lumen by Halvorsen": the parser often hangs the second phrase on the
    # first one's object; it still belongs to the noun
    if t.pos_ == "NOUN":
        hosts += [o for p in t.children if p.dep_ == "prep" and p.lower_ == "of" for o in children(p, "pobj")]
    for h in hosts:
        for p in h.children:
            if p.dep_ in ("prep", "agent", "dative") and p.lower_ in preps:
                for q in [p] + [c for c in p.conjuncts if c.pos_ == "ADP"]:     # "of X and of Y"
                    for o in children(q, "pobj", "pcomp"):
                        if o.lower_ in ("which", "whom") and h.dep_ == "relcl":
                            o = relative_antecedent(o, h)   # "X, in which Y holds a stake": in X
                        # "as acting CEO" read as a verb "acting" with an object: the object
                        out.extend(children(o, "dobj") if o.dep_ == "pcomp" and o.lower_ == "acting"
                                   and children(o, "dobj") else [o])
                # "between X and Y" / "in X" where the object is a compound chain
    return out


# ---------------------------------------------------------------- nouns

def possessors(n: Token) -> list[Token]:
    """'Ford's CEO'; also a possessive the parser hung on a modifier inside the same noun
    phrase ("Ford Model E's chief EV and digital systems officer")."""
    found = children(n, "poss")
    if not found:
        found = [p for m in n.lefts if m.dep_ in ("nmod", "compound", "amod") for p in children(m, "poss")]
    if found and found[0].lower_ == "whose" and found[0]._.ref < 0:
        # "Ferro Cement, whose Kiruna plant employs 300 people": whose stands for what the
        # relative clause hangs on
        clause = n
        while clause.dep_ != "relcl" and clause.head != clause:
            clause = clause.head
        return [clause.head] if clause.dep_ == "relcl" else []
    return found


def compounds(n: Token) -> list[Token]:
    """Nominal modifiers before a noun ('Renault CEO', 'Cruise unit', 'the Honda-Nissan merger');
    a name right before the noun counts whatever the parser made of it (a headline's
    "puts Telvia Torres IPO on hold" reads "Torres" as a verb)."""
    found = [c for c in n.children if c.dep_ in ("compound", "nmod", "amod") and c.i < n.i]
    prev = n.doc[n.i - 1] if n.i > 0 else None
    if not found and n.pos_ in ("NOUN", "PROPN") and prev is not None and prev._.kind == "name" \
            and prev._.ref >= 0 and prev.whitespace_ != "":
        found = [prev]
    return found


def holders(n: Token) -> list[Token]:
    """The thing a relational noun describes: 'Cruise, GM's unit' / 'the unit, Cruise' /
    'its Cruise unit' / 'CEO Luca de Meo' / 'Cruise is a unit of GM' / 'X will serve as CEO'
    / 'named X (as) CEO' / 'make Nissan a subsidiary'."""
    after = _name_after_title(n)
    if after is not None:
        return [after]          # "Stellantis' Director of Purchasing Maxime Picat", however parsed
    out: list[Token] = []
    head = n.head
    if n.dep_ == "appos":
        out.append(head)
    elif apposed_to(n) is not None:
        out.append(apposed_to(n))
    out.extend(c for c in children(n, "appos") if c.i > n.i)
    if n.dep_ == "compound" and head.i > n.i:
        out.append(head)                                    # "CEO Luca de Meo"
    if n.dep_ in ("attr", "acomp") and is_verb(head) and head.lemma_ in COPULAS:
        out.extend(subjects(head))                          # "X is a unit of GM"
    if n.dep_ == "oprd" and is_verb(head):
        out.extend(children(head, "dobj") or subjects(head))   # "named X CEO" / "X was named CEO"
    if n.dep_ == "pobj" and head.lower_ == "as" and is_verb(head.head):
        verb = head.head
        if verb.lemma_ in NAMING_VERBS and not is_passive(verb):
            out.extend(children(verb, "dobj"))              # "named X as CEO"
        else:
            out.extend(subjects(verb))                      # "X will serve as CEO", "X was named as CEO"
    if n.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in POST_NOUNS:
        post = head.head                    # "took on the role of deputy CEO": who took the role
        out.extend(holders(post) or (subjects(governor(post)) if governor(post) is not None else []))
    if n.dep_ in ("ccomp", "xcomp") and not is_verb(n):
        out.extend(children(n, "nsubj"))                    # "make Nissan a subsidiary"
    if n.dep_ in ("nsubj",) and is_verb(head) and head.lemma_ == "be":
        out.extend(children(head, "attr"))                  # "Kering's chief executive is X"
    if n.dep_ == "conj" and head.dep_ == "appos":
        out.append(head.head)                               # "X, chairman and CEO of Y"
    if n.dep_ == "conj" and not out:
        top = head
        while top.dep_ == "conj" and top.head != top:
            top = top.head
        if top.dep_ in ("attr", "acomp") and is_verb(top.head) and top.head.lemma_ in COPULAS:
            # "X is chairman and CEO", "X became chief procurement, partnerships and public
            # affairs officer" (the title's words read as a list)
            out.extend(subjects(top.head))
    nxt = n.doc[n.i + 1] if n.i + 1 < len(n.doc) else None
    if not out and nxt is not None and nxt._.kind == "name" and nxt.dep_ != "poss":
        out.append(nxt)                                     # "its chief executive Dana Whitcombe said"
    return [t for t in out if t != n]


def _name_after_title(n: Token) -> Token | None:
    """A person's name right after a title and its 'of ...' words ('Director of Purchasing
    Maxime Picat'): the title is theirs, whatever the parser hung where."""
    doc = n.doc
    k = n.i + 1
    if k < len(doc) and doc[k].lower_ == "of":
        k += 1
        while k < len(doc) and k - n.i <= 4 and doc[k]._.ent != "person" and doc[k].pos_ in ("PROPN", "NOUN") \
                and not doc[k].is_punct:
            k += 1
        if k < len(doc) and doc[k]._.ent == "person" and doc[k]._.kind == "name" and k - n.i <= 5:
            return doc[k]
    return None


def employers(n: Token) -> list[Token]:
    """Who a staff noun works for: 'the 2,400 people working for the battery unit',
    'workers employed at the Tarn plant', 'employees of Brask', 'staff at Brask',
    'Brask's 900 staff'."""
    out = prep_objects(n, ("at", "of"))
    for v in children(n, "acl", "relcl"):
        if v.lemma_.lower() in ("work", "employ"):
            out += prep_objects(v, ("for", "at", "in", "by"))
    return out or possessors(n)


def appositions(t: Token) -> list[Token]:
    """Tokens in apposition with t, either way round."""
    out = children(t, "appos")
    if t.dep_ == "appos":
        out.append(t.head)
    return out


def apposed_to(n: Token) -> Token | None:
    """The noun a noun phrase set off by a comma describes: the parser's apposition, or
    its loose 'dep' after a verb's object ("closed the X division, another creation of ...")."""
    if n.dep_ == "appos":
        return n.head
    if n.dep_ == "dep" and n.pos_ == "NOUN" and n.left_edge.i > 1 and n.doc[n.left_edge.i - 1].text == ",":
        before = n.doc[n.left_edge.i - 2]
        while before.dep_ in ("compound", "amod", "det", "poss", "nummod") and before.head.i > before.i:
            before = before.head
        if before.pos_ in ("NOUN", "PROPN") and before.head == n.head:
            return before
    return None


def governor(n: Token) -> Token | None:
    """The verb a noun is an argument of ('Honda proposed a merger' -> proposed), through
    prepositions ('talks on a merger' -> the verb of 'talks')."""
    cur = n
    for _ in range(6):
        if cur.head == cur or apposed_to(cur) is not None:
            return None     # ("closed the X division, another creation of his predecessor": a
                            # noun beside another describes it, it is no argument of the verb)
        if cur.dep_ == "pobj" and cur.head.lower_ in TIME_PREPOSITIONS:
            return None     # "kept 22% of the company after the IPO": a time, not a party
        cur = cur.head
        if is_verb(cur):
            return cur
    return None


def descendants_within(t: Token, limit_deps=("relcl", "advcl", "ccomp", "acl", "parataxis")) -> list[Token]:
    """The tokens under t without entering another clause."""
    out = []
    stack = list(t.children)
    while stack:
        c = stack.pop()
        if c.dep_ in limit_deps and is_verb(c):
            continue
        out.append(c)
        stack.extend(c.children)
    return out
