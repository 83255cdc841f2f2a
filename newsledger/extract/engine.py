"""The relation engine: fact patterns as data, matched over lemmas and dependencies.

Each fact type has a pattern file, `patterns/<type>.json`:

    {"type": "merged_into",
     "patterns": [
       {"id": "fold-into",
        "example": "Renault will fold Ampere back into the group.",
        "trigger": {"LEMMA": {"IN": ["fold", "reintegrate", "absorb"]}, "POS": "VERB"},
        "args": {"org": ["patient"], "into": ["prep:into", "agent"]}}]}

A pattern has one of three shapes, all read by this one engine:

* `trigger` + `args` (a *frame*): a spaCy `Matcher` token pattern (or a list of them
  for several words) finds the trigger word; each argument names the roles that may
  fill it, tried in order ("agent", "patient", "prep:into|with", "holder", "poss",
  "compound", "gov.agent", "topic", ...; roles.py reads them off the parse for every
  voice and clause type at once);
* `surface`: a `Matcher` pattern over tokens whose items may carry "arg": NAME (token
  extensions such as {"_": {"ent": "person"}} select entity mentions) and one item
  "trigger": true (the word status and time are read from);
* `dep`: a `DependencyMatcher` pattern whose node names are argument names, with
  "trigger" for the word the status and time are read from.

Lexicons are referred to as "@name" inside token patterns ({"LEMMA": {"IN":
"@unit_nouns"}}).  Other keys: "set" (fixed argument values; "@lemma" puts in the
trigger's lemma through the "forms" table of the file), "values" (plain values read
near the trigger: "title", "percent", "count", "share_word"), "status" (a fixed
status), "time" ("start" or "end": where the attached date goes), "event" (false for
states, whose progressive is no plan), "goods" (arguments a common noun may fill:
"makes cement", "a documentary maker"), "example" (the sentence that motivated the
pattern; tests/cases/ holds it as a test).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, Iterator

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.matcher import DependencyMatcher, Matcher
from spacy.tokens import Doc, Token

from .. import lexicon as lx
from ..nlp.extensions import sentence_starts
from ..schema import TYPES
from . import arguments as A
from . import roles as R


@dataclass
class Pattern:
    id: str
    type: str
    shape: str                         # frame | surface | dep
    spec: Any                          # the token pattern(s) for the matcher
    args: dict[str, list[str]]         # frame: arg -> role paths; surface/dep: arg -> [node name]
    example: str = ""
    set: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    status: str | None = None
    time: str | None = None
    event: bool = True
    forms: dict[str, str] = field(default_factory=dict)
    want: dict[str, str | None] = field(default_factory=dict)   # arg -> entity type
    when: dict[str, Any] = field(default_factory=dict)          # conditions on the trigger
    clausal: bool | None = None        # force (or forbid) reading the status off the clause
    goods: tuple[str, ...] = ()        # args a common noun may fill ("makes cement", "a cement maker")
    actual_as: str | None = None       # what an `actual` reading is instead ("made a bid for X": planned)


@dataclass
class Candidate:
    """One match: the trigger, the tokens that fill each argument, and fixed values."""
    pattern: Pattern
    trigger: Token
    arg_tokens: dict[str, list[Token]]
    values: dict[str, Any] = field(default_factory=dict)
    arg_paths: dict[str, str] = field(default_factory=dict)   # frames: the role path that filled each

    @property
    def clausal(self) -> bool:
        """Did the clause, not the noun phrase, supply an argument ('resume control of its
        plants': the verb's subject runs the plants)?  Then the clause's status applies."""
        if self.pattern.clausal is not None:
            return self.pattern.clausal
        return any(p.split(".")[0] in ("gov", "head", "agent", "patient", "subject") for p in self.arg_paths.values())


# ---------------------------------------------------------------- loading

def _expand_lexicons(obj: Any) -> Any:
    """Replace "@name" strings inside IN/NOT_IN lists by the lexicon's entries."""
    if isinstance(obj, dict):
        out = {}
        for k, v in obj.items():
            if k in ("IN", "NOT_IN") and isinstance(v, str) and v.startswith("@"):
                out[k] = sorted(lx.words(v[1:]))
            elif k in ("IN", "NOT_IN") and isinstance(v, list):
                vals = []
                for x in v:
                    vals.extend(sorted(lx.words(x[1:])) if isinstance(x, str) and x.startswith("@") else [x])
                out[k] = vals
            else:
                out[k] = _expand_lexicons(v)
        return out
    if isinstance(obj, list):
        return [_expand_lexicons(x) for x in obj]
    return obj


def pattern_files() -> list[str]:
    folder = resources.files("newsledger.extract").joinpath("patterns")
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".json"))


def read_patterns(name: str) -> list[Pattern]:
    data = json.loads(resources.files("newsledger.extract").joinpath("patterns", name).read_text(encoding="utf-8"))
    type_ = data["type"]
    if type_ not in TYPES:
        raise ValueError(f"{name}: unknown fact type {type_!r}")
    ftype = TYPES[type_]
    forms = data.get("forms", {})
    out = []
    for p in data["patterns"]:
        shape = "frame" if "trigger" in p else "surface" if "surface" in p else "dep" if "dep" in p else None
        if shape is None:
            raise ValueError(f"{name}: pattern {p.get('id')!r} has no trigger, surface or dep")
        if shape == "frame":
            spec = _trigger_sequences(p["trigger"])
            args = {k: (v if isinstance(v, list) else [v]) for k, v in p.get("args", {}).items()}
        elif shape == "surface":
            spec = [{k: v for k, v in tok.items() if k not in ("arg", "trigger")} for tok in p["surface"]]
            args = {}
            for k, tok in enumerate(p["surface"]):
                if "arg" in tok:
                    args.setdefault(tok["arg"], []).append(str(k))
                if tok.get("trigger"):
                    args.setdefault("__trigger__", []).append(str(k))
        else:
            spec = p["dep"]
            args = {n["RIGHT_ID"]: [n["RIGHT_ID"]] for n in spec if n["RIGHT_ID"] in {a.name for a in ftype.args}}
        for a in args:
            if ftype.arg(a) is None and a != "__trigger__":
                raise ValueError(f"{name}: pattern {p['id']!r} fills {a!r}, which {type_} has not")
        if shape == "frame":
            for paths in args.values():
                for path in paths:
                    bad = [s for s in path.split(".") if path not in GUESSED_PATHS and not _known_step(s)]
                    if bad:
                        raise ValueError(f"{name}: pattern {p['id']!r} uses unknown role {bad[0]!r}")
        out.append(Pattern(
            id=f"{type_}/{p['id']}", type=type_, shape=shape, spec=_expand_lexicons(spec), args=args,
            example=p.get("example", ""), set=p.get("set", {}), values=p.get("values", {}),
            status=p.get("status"), time=p.get("time"), event=p.get("event", True), forms=forms,
            want={a.name: a.entity for a in ftype.args}, when=_expand_lexicon_list(p.get("when", {})),
            clausal=p.get("clausal"), goods=tuple(p.get("goods", ())),
            actual_as=p.get("actual_as")))
    return out


def _trigger_sequences(trigger: Any) -> list[list[dict]]:
    """A trigger is one token pattern, a sequence of them, or {"any": [...]} of either."""
    if isinstance(trigger, dict) and "any" in trigger:
        return [seq for alt in trigger["any"] for seq in _trigger_sequences(alt)]
    if isinstance(trigger, dict):
        return [[trigger]]
    return [trigger]


def _expand_lexicon_list(when: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in when.items():
        if isinstance(v, str) and v.startswith("@"):
            v = [v]
        if isinstance(v, list):
            vals: list[str] = []
            for x in v:
                vals.extend(sorted(lx.words(x[1:])) if isinstance(x, str) and x.startswith("@") else [x])
            out[k] = set(vals)
        else:
            out[k] = v
    return out


def conditions_hold(trigger: Token, when: dict[str, Any]) -> bool:
    """The optional `when` conditions of a pattern: the trigger's head lemma in / not in a
    list, a child lemma present / absent, the noun its prepositional phrase belongs to,
    no percentage inside its phrase, no patient (an intransitive use)."""
    if "head_lemma" in when and trigger.head.lemma_.lower() not in when["head_lemma"]:
        return False
    if "not_head_lemma" in when and trigger.head.lemma_.lower() in when["not_head_lemma"]:
        return False
    if "head_prep" in when and not (trigger.head.dep_ == "pobj" and trigger.head.head.lower_ in when["head_prep"]):
        return False        # "spin off X into a separately listed company": the noun a verb turns X into
    if "not_patient_of" in when and trigger.dep_ in ("dobj", "nsubjpass") and \
            trigger.head.lemma_.lower() in when["not_patient_of"]:
        return False        # "will build a plant": what a verb acts on, read by its own pattern
    lemmas = {c.lemma_.lower() for c in trigger.children}
    if "child_lemma" in when and not lemmas & when["child_lemma"] and R.is_verb(trigger):
        lemmas = lemmas | {t.lemma_.lower() for t in R.up_to_object(trigger)}   # "cut up to 600 roles"
    if "child_lemma" in when and not lemmas & when["child_lemma"] and R.is_verb(trigger):
        lemmas = lemmas | {t.lemma_.lower() for t in R.share_of_whole(trigger)}   # "cut 8% of its staff"
    if "child_lemma" in when and not lemmas & when["child_lemma"]:
        return False
    if "not_child_lemma" in when and lemmas & when["not_child_lemma"]:
        return False
    deps = {c.dep_ for c in trigger.children}
    if "child_dep" in when and not deps & when["child_dep"]:
        return False
    if "not_child_dep" in when and deps & when["not_child_dep"]:
        return False
    if "not_of_lemma" in when and trigger.dep_ == "pobj" and trigger.head.head.lemma_.lower() in when["not_of_lemma"]:
        return False        # "a 25% stake in the Skagen wind farm": the noun a phrase is of
    if "sentence_lemma" in when and not any(t.lemma_.lower() in when["sentence_lemma"] for t in trigger.sent):
        return False        # "shares jumped on their debut": a debut is a listing where shares trade
    if "not_sentence_lemma" in when and any(t.lemma_.lower() in when["not_sentence_lemma"] for t in trigger.sent):
        return False        # "signed a memorandum ... to pursue a business integration": that deal, not a tie
    if "purpose" in when and when["purpose"] != (trigger.dep_ == "pobj" and trigger.head.lower_ == "for"
                                                 and R.is_verb(trigger.head.head)):
        return False        # "filed for an IPO", "hired banks for a listing": what a verb is done for
    if when.get("controlling") and not _controlling(trigger):
        return False        # "bought a 51% stake in X", "took a controlling stake": X is now its subsidiary
    if when.get("object_unnamed") and any(o._.ref >= 0 and o._.kind == "name" or any(a._.ref >= 0 for a in R.children(o, "appos"))
                                          for o in R.children(trigger, "dobj")):
        return False        # "winding down its meal-kit business, Dinnerly Box": that unit, not the company
    if when.get("no_patient") and R.patients(trigger):
        return False        # "the bank it launched in 2021": a relative clause's gap is its object
    if "not_dep" in when and trigger.dep_ in when["not_dep"]:
        return False
    if "dep" in when and trigger.dep_ not in when["dep"]:
        return False
    if when.get("no_percent") and A.percent_near(trigger) is not None:
        return False
    if when.get("has_percent") and A.percent_near(trigger) is None:
        return False
    if when.get("has_share") and A.percent_near(trigger) is None and A.share_word(trigger) is None:
        return False
    if when.get("no_share") and (A.percent_near(trigger) is not None or A.share_word(trigger) is not None):
        return False
    return True


def _controlling(trigger: Token) -> bool:
    """A stake that gives control: over half, or said so in words ('majority', 'controlling')."""
    q = A.percent_near(trigger)
    if q is not None:
        return q._.quantity.value > 50
    return A.share_word(trigger) in ("majority", "controlling", "wholly-owned")


@lru_cache(maxsize=1)
def all_patterns() -> tuple[Pattern, ...]:
    return tuple(p for name in pattern_files() for p in read_patterns(name))


# Token attributes a trigger's first word may be pinned by (TEXT and ORTH are one).
_ANCHOR_ATTRS = {"LEMMA": LEMMA, "LOWER": LOWER, "TEXT": ORTH, "ORTH": ORTH}


def _anchor_keys(first: dict) -> list[tuple[Any, str]] | None:
    """The (attribute, value) pairs one of which the first word of a trigger must have, or
    None when the word is not pinned to a word list (then the pattern is tried everywhere)."""
    if first.get("OP") in ("?", "*", "!"):
        return None
    for attr in _ANCHOR_ATTRS:
        value = first.get(attr)
        if isinstance(value, str):
            return [(_ANCHOR_ATTRS[attr], value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(_ANCHOR_ATTRS[attr], v) for v in value["IN"]]
    ent = first.get("_", {}).get("ent")
    if isinstance(ent, str) and len(first["_"]) == 1:
        return [("ent", ent)]                       # a kind of entity: found among the mentions
    return None


class AnchoredMatcher:
    """A spaCy `Matcher` per pattern, run only on the sentences holding one of the words
    its trigger must start with.

    One `Matcher` over every pattern checks each pattern's predicates at every token of
    the article (over a hundred word-list tests per token, about a third of what newsledger
    adds to spaCy's own time); almost every pattern is pinned to a few lemmas, so a
    dictionary from those words to patterns finds the few sentences worth matching.
    Matches are the ones the one `Matcher` would give, in reading order."""

    def __init__(self, vocab, patterns: list[Pattern]):
        self.matchers: dict[str, Matcher] = {}
        self.anywhere: set[str] = set()                # patterns not pinned to a word
        self.index: dict[tuple[int, int], set[str]] = {}     # (attribute id, word's hash) -> patterns
        self.by_ent: dict[str, set[str]] = {}
        for p in patterns:
            m = Matcher(vocab)
            m.add(p.id, p.spec)
            self.matchers[p.id] = m
            keys = [_anchor_keys(seq[0]) for seq in p.spec]
            if any(k is None for k in keys):
                self.anywhere.add(p.id)
                continue
            for k in keys:
                for attr, word in k:
                    if attr == "ent":
                        self.by_ent.setdefault(word, set()).add(p.id)
                    else:
                        self.index.setdefault((attr, vocab.strings.add(word)), set()).add(p.id)
        self.attrs = sorted({attr for attr, _ in self.index})

    def __len__(self) -> int:
        return len(self.matchers)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        sentence_of = sentence_starts(doc)
        wanted: dict[str, set[int]] = {}              # pattern -> starts of sentences to match
        if self.attrs:
            for i, row in enumerate(doc.to_array(self.attrs).tolist()):
                for attr, word in zip(self.attrs, row):
                    for pid in self.index.get((attr, word), ()):
                        wanted.setdefault(pid, set()).add(sentence_of[i])
        if self.by_ent:
            for span in doc.spans.get("mentions", ()):
                for tok in span:
                    for pid in self.by_ent.get(tok._.ent, ()):
                        wanted.setdefault(pid, set()).add(sentence_of[tok.i])
        ends = {s.start: s.end for s in doc.sents}
        found: list[tuple[int, int, int, int]] = []
        for order, (pid, matcher) in enumerate(self.matchers.items()):
            if pid in self.anywhere:
                found.extend((s, e, order, mid) for mid, s, e in matcher(doc))
                continue
            for start in sorted(wanted.get(pid, ())):
                found.extend((start + s, start + e, order, mid) for mid, s, e in matcher(doc[start:ends[start]]))
        found.sort()        # in reading order; patterns on the same words in the files' order
        return [(mid, s, e) for s, e, _, mid in found]


class Engine:
    """Every pattern compiled into three matchers over one vocabulary."""

    def __init__(self, vocab, patterns: tuple[Pattern, ...] | None = None):
        self.patterns = {p.id: p for p in (patterns if patterns is not None else all_patterns())}
        self.frames = AnchoredMatcher(vocab, [p for p in self.patterns.values() if p.shape == "frame"])
        self.surface = Matcher(vocab)
        self.deps = DependencyMatcher(vocab)
        for p in self.patterns.values():
            if p.shape == "frame":
                continue
            elif p.shape == "surface":
                self.surface.add(p.id, [p.spec], greedy="LONGEST")
            else:
                self.deps.add(p.id, [p.spec])

    def candidates(self, doc: Doc, skip: Callable[[Token], bool]) -> Iterator[Candidate]:
        strings = doc.vocab.strings
        for match_id, start, end in self.frames(doc):
            p = self.patterns[strings[match_id]]
            trigger = _head_of(doc[start:end])
            if skip(trigger) or not conditions_hold(trigger, p.when):
                continue
            found = {a: _frame_role(trigger, roles, p.want.get(a), a in p.goods) for a, roles in p.args.items()}
            yield Candidate(p, trigger, {a: toks for a, (toks, _) in found.items()},
                            arg_paths={a: path for a, (toks, path) in found.items() if toks})
        for match_id, start, end, align in self.surface(doc, with_alignments=True):
            p = self.patterns[strings[match_id]]
            if skip(doc[start]):
                continue
            arg_tokens: dict[str, list[Token]] = {}
            for a, positions in p.args.items():
                arg_tokens[a] = [doc[start + k] for k, pos in enumerate(align) if str(pos) in positions]
            marked = arg_tokens.pop("__trigger__", [])
            trigger = marked[-1] if marked else _surface_trigger(doc[start:end], arg_tokens)
            yield Candidate(p, trigger, arg_tokens)
        for match_id, token_ids in (self.deps(doc) if len(self.deps) else ()):
            p = self.patterns[strings[match_id]]
            names = [n["RIGHT_ID"] for n in p.spec]
            nodes = dict(zip(names, (doc[i] for i in token_ids)))
            trigger = nodes.get("trigger") or doc[token_ids[0]]
            if skip(trigger):
                continue
            yield Candidate(p, trigger, {a: [nodes[a]] for a in p.args if a in nodes})


def _head_of(span) -> Token:
    """The word of a multi-word trigger that the rest hangs from ('step down' -> step)."""
    for t in span:
        if t.head.i < span.start or t.head.i >= span.end or t.head == t:
            return t
    return span[0]


def _surface_trigger(span, arg_tokens: dict[str, list[Token]]) -> Token:
    used = {t.i for toks in arg_tokens.values() for t in toks}
    rest = [t for t in span if t.i not in used and not t.is_punct]
    return _head_of(span) if not rest else max(rest, key=lambda t: t.i)


# ---------------------------------------------------------------- roles

def _known_step(step: str) -> bool:
    return step.startswith("prep:") or step in ("gov", "head") or step in ROLE_STEPS


def _one_step(toks: list[Token], step: str) -> list[Token]:
    out: list[Token] = []
    for t in toks:
        if step.startswith("prep:"):
            out.extend(R.prep_objects(t, tuple(step[5:].split("|"))))
        elif step == "gov":
            g = R.governor(t)
            out.extend([g] if g is not None else [])
        elif step == "head":
            out.append(t.head)
        else:
            fn = ROLE_STEPS.get(step)
            if fn is None:
                raise ValueError(f"unknown role {step!r}")
            out.extend(fn(t))
    return out


ROLE_STEPS: dict[str, Callable[[Token], list[Token]]] = {
    "self": lambda t: [t],
    # the noun phrase's own name, not what a description ("the unit") was resolved to
    "named": lambda t: [t] if t._.kind in ("", "name") else [c for c in t.lefts if c._.kind == "name"],
    # a name only, or the name set beside a noun ("its coal business, Ardell Coal,"), not a
    # noun a part-for-the-whole reading would turn into its owner ("its coal business")
    "name": lambda t: [t] if t._.kind == "name" else [c for c in R.children(t, "appos") if c._.kind == "name"]
    or [t.doc[r.start] for r in A.set_off_name(t, None)],
    "agent": R.agents,
    "patient": R.patients,
    "subject": R.subjects,
    "object": lambda t: R.children(t, "dobj"),
    "pobj": lambda t: R.children(t, "pobj"),
    "poss": R.possessors,
    "compound": R.compounds,
    "holder": R.holders,
    "appos": R.appositions,
    "employer": R.employers,
    "conj": lambda t: list(t.conjuncts),
    "owned_above": R.owned_above,
    "attr": lambda t: R.children(t, "attr", "oprd"),
    # where a verb's action takes place: its first "at" phrase ("is made at Penrose's plant
    # in Warrington"; a second one belongs to a gapped clause: "... and Y at its factory")
    "site": lambda t: R.prep_objects(t, ("at",))[:1] or [
        o for o in R.prep_objects(t, ("in",)) if o.lemma_.lower() in A.FACILITY_NOUNS][:1],   # ("made in its workshop in Pantin")
    # who acts through a noun: "Brightvale makes dramas through labels including X" (its labels)
    "through_agent": lambda t: R.agents(g) if t.dep_ == "pobj" and t.head.lower_ in ("through", "via")
    and (g := R.governor(t)) is not None else [],
    # the place a "where" clause stands for: "joined from Harbor Jet, where she was treasurer"
    "where": lambda t: [v.head for v in [t.head, t.head.head] if v.dep_ == "relcl"
                        and any(c.lower_ == "where" for c in v.children)][:1],
    # the verb a predicate noun hangs from through "as" ("joined Mirabel as COO")
    "as_verb": lambda t: [t.head.head] if t.dep_ == "pobj" and t.head.lower_ == "as" and R.is_verb(t.head.head) else [],
}


# paths the caller fills from the article, not from the parse: its one event of the kind,
# its company, its unit, a role known elsewhere
GUESSED_PATHS = ("story", "topic", "topic_unit", "known", "known_or_head")


def _frame_role(trigger: Token, paths: list[str], want: str | None, goods: bool = False) -> tuple[list[Token], str]:
    """The tokens of the first role path that reaches an entity of the wanted type (or,
    for plain values, the first path that reaches anything; for goods, a common noun
    naming them), and that path."""
    for path in paths:
        if path in GUESSED_PATHS:
            break           # the story's company, a role known elsewhere: filled in by the caller
        toks = [trigger]
        for step in path.split("."):
            toks = _one_step(toks, step)
            if not toks:
                break
        if not toks:
            continue
        if want is None or any(A.expand(t, want) for t in toks):
            return toks, path
        if goods and any(A.goods_phrase(t) for t in toks):
            return toks, path
    return [], ""
