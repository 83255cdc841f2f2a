"""Extraction: from one article to its facts and the entities they name.

`extract_document(doc, nlp)` parses the article into one annotated spaCy `Doc`
(newsledger.nlp: mentions, references, times, figures), runs the relation engine
(engine.py) over every fact type's patterns (patterns/<type>.json), and turns each
match into facts: the entities its arguments stand for (arguments.py), its status
(modality.py), its time (timing.py), the words it came from and who the article says
it rests on.  A few types need Python the patterns cannot say (metric.py reads every
figure); they register under their type's name with `@extractor`.

`Extractor` is the interface ingest calls: anything with `extract(document, nlp) ->
Extraction` can stand in for this rule engine (a trained component, another backend).
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Iterable, Protocol

from spacy.tokens import Doc, Span, Token

from .. import lexicon as lx
from .. import nlp as N
from ..models import Document, Entity, Evidence, Fact, TimeSpan
from ..names import fold
from ..nlp.extensions import sentence_starts, spans_in_sentence
from ..nlp.text import is_heading
from ..schema import ENTITY_ARGS, TYPES, is_reported_event
from . import arguments as A
from . import attribution as attr
from . import modality, timing
from . import roles as R
from .engine import Candidate, Engine

__all__ = ["Extraction", "Extractor", "RuleExtractor", "extract_document", "extractor", "EXTRACTORS"]


@dataclass
class Extraction:
    facts: list[Fact] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    doc: Doc | None = None


class Extractor(Protocol):
    """What ingest needs from an extraction backend."""
    def extract(self, document: Document, nlp) -> Extraction: ...


# Python per fact type, for what patterns cannot say: name -> fn(ctx, facts so far) -> new facts
EXTRACTORS: dict[str, Callable[["Context", list[Fact]], Iterable[Fact]]] = {}


def extractor(name: str):
    """Register Python extraction for a fact type (in a module named after it)."""
    def wrap(fn):
        EXTRACTORS[name] = fn
        return fn
    return wrap


from . import metric, position, stake  # noqa: E402,F401  (register their extractors)


@lru_cache(maxsize=4)
def _engine(vocab) -> Engine:
    return Engine(vocab)


class RuleExtractor:
    """The default backend: patterns as data over the parse."""

    def extract(self, document: Document, nlp) -> Extraction:
        return extract_document(document, nlp)


def extract_document(document: Document, nlp, types: list[str] | None = None,
                     engine: Engine | None = None) -> Extraction:
    doc = N.parse(document.text, nlp, document.published)
    ctx = Context(document, doc)
    facts: list[Fact] = []
    for cand in (engine or _engine(nlp.vocab)).candidates(doc, ctx.skip):
        if types and cand.pattern.type not in types:
            continue
        facts.extend(ctx.facts_of(cand))
    # ("The listing, originally pencilled in for November": an event named without its
    # company is the story's one event of that kind, known once every sentence is read)
    ctx.learn_story_events(facts)
    for cand in ctx.deferred:
        facts.extend(ctx.facts_of(cand))
    for name, run in EXTRACTORS.items():
        if not types or name in types:
            facts.extend(run(ctx, list(facts)))
    facts += ctx.plans_called_off(facts)     # ("... pulled the plug on the idea in early 2024")
    facts = stake.investors_hold_stakes(ctx, ctx.known_employers(ctx.earlier_events(facts)))
    facts = timing.periods_of_figures(doc, facts, document.published)     # ("..., while profit rose to $2m": the report's period)
    facts = timing.story_event_dates(ctx, facts)    # ("... The closure is scheduled for July 2026")
    facts = dedupe(specific_roles(ctx.drop_guesses(fill_roles(facts))), ctx)
    facts = one_tenure(position.tenure_lengths(ctx, facts))     # ("in his five years at the helm")
    facts = position.handovers(facts, document.published)     # ("X will take over on 1 May" ... "succeed Y")
    attr.attribute(ctx, facts)
    return Extraction(facts, ctx.entities(facts), doc)


PLAN_ANAPHORS = lx.words("plan_anaphors")


def _refers_back(noun: Token) -> bool:
    """'the idea', 'those plans', 'its plan' with nothing saying what it is ('the plan to
    close X', 'the IPO plan' and 'plans for a listing' are read by the patterns)."""
    if any(c.dep_ in ("prep", "acl", "relcl", "compound", "nmod", "amod") and c.lower_ not in ("original", "earlier", "initial")
           for c in noun.children):
        return False
    return any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "that", "this", "those", "these", "its", "their")
               for c in noun.children)


# ---------------------------------------------------------------- the article being read

class Context:
    """One parsed article and what every fact of it shares."""

    def __init__(self, document: Document, doc: Doc):
        self.document = document
        self.doc = doc
        self.clusters = doc._.entities or []
        self._skip_sents = {s.start for s in doc.sents if _not_story(s)}
        self._topic: int | None | bool = False
        self.guessed: dict[int, str] = {}      # id(fact) -> the argument filled by the topic
        self._sources: dict[int, bool] = {}
        self.story: dict[str, dict[str, int]] | None = None   # type -> the story's one event of it
        self.deferred: list[Candidate] = []

    def skip(self, tok: Token) -> bool:
        return tok._.boilerplate or sentence_starts(self.doc)[tok.i] in self._skip_sents

    def name(self, ref: int) -> str:
        return self.clusters[ref].name

    # -------------------------------------------------------------- the article's company
    @property
    def topic(self) -> int | None:
        """The company the article is mostly about: the most mentioned whole company, the
        one it opens with and the one its headline names weighing more."""
        if self._topic is not False:
            return self._topic
        counts: Counter = Counter()
        # (a name said once on thin evidence -- a masthead over the story, "STEELFOCUS
        # EUROPE" -- takes no bonus for opening the text or heading it)
        once = {r for r, n in Counter(m._.ref for m in self.doc.spans["mentions"] if m._.ref is not None).items()
                if n == 1 and self.clusters[r].weak}
        units: Counter = Counter()
        for m in self.doc.spans["mentions"]:
            ref = m._.ref
            if ref is None:
                continue
            c = self.clusters[ref]
            if c.type == "organization" and not c.agency and not c.union and not c.unit:
                counts[ref] += 1 + (2.5 if not counts and ref not in once else 0)
            elif c.type == "organization" and c.unit and not c.agency:
                units[ref] += 1
        head = self._headline_company()
        if head in counts and head not in once:
            counts[head] += 3
        # a company spoken of once as a unit ("its joint venture") is still the story's
        # company when it is named far more than any other
        for ref, n in units.items():
            if n >= 8 and n >= 2 * max(counts.values(), default=0):
                counts[ref] = n
        if not counts:      # no company typed yet: the name the story keeps returning to
            for m in self.doc.spans["mentions"]:
                if m._.ref is not None and m._.kind == "name" and self.clusters[m._.ref].weak:
                    counts[m._.ref] += 1
        self._topic = counts.most_common(1)[0][0] if counts else None
        return self._topic

    @property
    def topic_unit(self) -> int | None:
        """The unit the article is about: the most mentioned organisation spoken of as a unit."""
        counts = Counter(m._.ref for m in self.doc.spans["mentions"]
                         if m._.ref is not None and self.clusters[m._.ref].unit and self.clusters[m._.ref].type == "organization")
        return counts.most_common(1)[0][0] if counts else None

    def _headline_company(self) -> int | None:
        lines = [self.document.title or ""]
        first = self.document.text.lstrip().split("\n", 1)[0]
        if is_heading(first.strip()):
            lines.append(first)
        best = None
        for c in self.clusters:
            if c.type != "organization" or c.agency:
                continue
            for line in lines:
                for n in c.names:
                    at = line.find(n)
                    if at >= 0 and (best is None or at < best[0]):
                        best = (at, c.idx)
        return best[1] if best else None

    # -------------------------------------------------------------- candidates -> facts
    def facts_of(self, cand: Candidate) -> list[Fact]:
        p = cand.pattern
        ftype = TYPES[p.type]
        refs: dict[str, list[A.EntityRef]] = {}
        for a, toks in cand.arg_tokens.items():
            want = p.want.get(a)
            if want is None:
                continue
            found: list[A.EntityRef] = []
            for t in toks:
                # (a news agency reports facts, it takes no part in them: "..., Reuters reported")
                found.extend(r for r in A.expand(t, want) if r.ref not in {x.ref for x in found}
                             and not self.only_a_source(r.ref))
            if not found and a in p.goods and not (cand.trigger.dep_ in ("acl", "advcl") and cand.trigger.tag_ == "VB"):
                # (goods named in a purpose: "set up a venture to make battery packs" says
                # what a plan is for, not who makes them)
                for t in toks:
                    found.extend(A.goods_refs(t, self.clusters))
            if found:
                refs[a] = found
        guessed = None
        for a, paths in p.args.items():
            # "the Mobilize division": the name is the unit's own, not its parent's; the
            # parent is then the story's company
            others = {r.ref for b, found in refs.items() if b != a for r in found}
            if a in refs and "topic" in paths and cand.arg_paths.get(a) == "compound" and others \
                    and {r.ref for r in refs[a]} <= others \
                    and all(t._.kind == "name" for t in cand.arg_tokens[a] if t._.ref >= 0):
                del refs[a]
            if a not in refs and "topic_unit" in paths and self.topic_unit is not None and \
                    self.topic_unit not in {r.ref for found in refs.values() for r in found}:
                # "Renault is reintegrating everything": what a story about a unit folds back is that unit
                refs[a] = [A.EntityRef(self.topic_unit, cand.trigger.i, cand.trigger.i + 1)]
                guessed = a
            if a not in refs and ftype.unordered and any(len(found) >= 2 for found in refs.values()):
                continue    # "the merger of X and Y": both sides are read, the story's company is neither
            if a not in refs and "story" in paths and A.definite(cand.trigger):
                if self.story is None:      # (the article's other facts are not all read yet)
                    if not refs:
                        self.deferred.append(cand)
                        return []
                else:
                    ref = self._story_arg(p.type, a, refs)
                    if ref is not None:
                        refs[a] = [A.EntityRef(ref, cand.trigger.i, cand.trigger.i + 1)]
                        guessed = a
            if a not in refs and "topic" in paths and self.topic is not None and not _anchored_elsewhere(cand.trigger):
                refs[a] = [A.EntityRef(self.topic, cand.trigger.i, cand.trigger.i + 1)]
                guessed = a
                if self.clusters[self.topic].weak:
                    self.clusters[self.topic].type = "organization"
        if ftype.unordered:
            refs = _pair_up(refs)
        needed = [a.name for a in ftype.args if a.key and a.entity]
        if any(a not in refs for a in needed):
            return []
        values = self._values(cand)
        if values is None:
            return []
        for a, found in refs.items():
            for r in found:
                c = self.clusters[r.ref]
                wanted = (p.want.get(a) or "").split("|")
                if c.weak and c.type not in wanted:
                    c.type = "organization" if "organization" in wanted else "product"
                    c.weak = False      # typed by the relation it fills
        status = p.status or modality.status_of(cand.trigger, event=p.event, clausal=cand.clausal)
        if status == "actual" and p.actual_as:
            status = p.actual_as    # an offer or bid made is a deal planned, not done
        if values.pop("_done_only", False) and status != "actual":
            return []       # ("completed the spin-off of X": X's link to its parent is over;
                            # a spin-off still planned says nothing yet)
        if values.pop("_former", False) and status == "actual":
            status = "former"
        if values.pop("_incoming", False) and status == "actual":
            status = "planned"
        if values.pop("_outgoing", False):
            # ("took over the terminal from Y": Y ran it; "will sell the mine to Z": the
            # seller runs it until then)
            status = {"actual": "former", "planned": "actual", "cancelled": "actual"}.get(status, status)
        if status not in ftype.statuses:
            return []
        opening = timing.opening_of(cand.arg_tokens.get("facility") or []) if not p.event else None
        if opening is not None and status == "actual" and modality.status_of(opening) == "planned":
            status = "planned"      # "a training center in Aurora, which is due to open in 2026"
        time = self._time(cand, status)
        if status == "actual" and not p.event and not time.end:
            later = timing.leaving_later(cand.trigger, self.document.published)
            if later.end:       # "X, who has led Y since 2019, will step down next year"
                time = TimeSpan(time.start, later.end, time.approx or later.approx, time.text or later.text, time.resolved)
        if time.is_empty() and opening is not None and status in ("actual", "planned"):
            span = timing.attached_time(opening, (), True)
            if span is not None:
                time = timing.as_timespan(span, "start")     # "..., which went live in March"
        published = self.document.published
        if status == "actual" and (not p.event or p.type == "position") and time.start and published and \
                time.start > published[:len(time.start)]:
            status = "planned"      # a post taken up after the story's date ("effective Jan. 1", "takes over on March 17")
        if status == "actual" and "former" in ftype.statuses and time.end and published and \
                time.end < published[:len(time.end)]:
            status = "former"       # "ran Orrell from 2014 to 2022": over before the story
        statuses = [status]
        if status == "cancelled" and ftype.status_keyed and modality.called_off_plan(cand.trigger):
            statuses.append("planned")      # "shelved plans to list": the plan is news too
        out = []
        entity_args = list(refs)
        role_list = values.pop("role", None)
        if isinstance(role_list, str):
            role_list = [role_list]
        lists = self.doc._.lists or {}
        pairs = set()
        for combo in itertools.product(*(refs[a] for a in entity_args)):
            if len({r.ref for r in combo}) < len(combo):
                continue            # nothing is its own unit, partner or owner
            if ftype.unordered:
                pair = frozenset(r.ref for r in combo)
                if pair in pairs:
                    continue        # "the merger of X and Y" read on both sides: one pair, once
                pairs.add(pair)
            groups = [tuple(lists[r.start]) for r in combo if r.start in lists]
            if len(groups) != len(set(groups)) and not ftype.unordered:
                continue            # names listed together are not each other's owner or unit
            args = {a: self.name(r.ref) for a, r in zip(entity_args, combo)}
            args.update(values)
            for role in (role_list or [None]):
                if role is not None:
                    args = dict(args, role=role)
                ev = self._evidence(cand, combo)
                for st in statuses:
                    fact = Fact(self.document.doc_id, p.type, args, ev, time if st == status else TimeSpan(),
                                st, confidence=0.5 if guessed else 0.8)
                    if guessed:
                        self.guessed[id(fact)] = guessed
                    out.append(fact)
        return out

    def learn_story_events(self, facts: list[Fact]) -> None:
        """The events of each kind the article reads with their parties: when all of them
        are one event (one listed company, one pair merging), it is the one a sentence
        names without them ('the flotation', 'the tie-up')."""
        refs = {c.name: c.idx for c in self.clusters}
        seen: dict[str, set] = {}
        for f in facts:
            if id(f) in self.guessed:
                continue
            ftype = TYPES[f.type]
            keys = [a.name for a in ftype.args if a.key and a.entity]
            if any(refs.get(f.args.get(k)) is None for k in keys):
                continue
            combo = tuple((k, refs[f.args[k]]) for k in keys)
            if ftype.unordered:
                combo = tuple(sorted(r for _, r in combo))
            seen.setdefault(f.type, set()).add(combo)
        self.story = {}
        for t, combos in seen.items():
            if len(combos) != 1:
                continue
            (combo,), ftype = combos, TYPES[t]
            keys = [a.name for a in ftype.args if a.key and a.entity]
            self.story[t] = dict(zip(keys, combo)) if ftype.unordered else dict(combo)

    def _story_arg(self, ftype: str, arg: str, refs: dict[str, list[A.EntityRef]]) -> int | None:
        """The story's one event's `arg`, when what the sentence read of it agrees."""
        one = (self.story or {}).get(ftype)
        if one is None:
            return None
        read = {r.ref for found in refs.values() for r in found}
        if TYPES[ftype].unordered:
            rest = [v for v in one.values() if v not in read]
            if not read <= set(one.values()) or not rest:
                return None
            return rest[0]
        if any(one.get(b) not in {r.ref for r in found} for b, found in refs.items()):
            return None
        return one.get(arg)

    def plans_called_off(self, facts: list[Fact]) -> list[Fact]:
        """'Halvard planned to list Lumora in 2024 ... but pulled the plug on the idea in
        early 2024': a plan noun with nothing of its own ('the idea', 'those plans'), called
        off, is the plan the article told last before it, called off then (when the
        sentence telling it told one plan only)."""
        planned = [f for f in facts if f.status == "planned" and "cancelled" in TYPES[f.type].statuses]
        out = []
        for t in self.doc if planned else ():
            if t.pos_ != "NOUN" or t.lemma_.lower() not in PLAN_ANAPHORS or self.skip(t) or not _refers_back(t):
                continue
            if modality.status_of(t) != "cancelled":
                continue
            if any(w.lemma_.lower() in modality.PLAN_VERBS and w.pos_ == "VERB" and (
                    R.children(w, "xcomp", "ccomp") or any(o.tag_ == "VBG" for o in R.children(w, "dobj")))
                   for w in self.doc[t.sent.start:t.i]) or any(
                    self.sentence_of(f) == t.sent.start and f.evidence.start < t.idx for f in facts):
                continue            # ("considered spinning off X before shelving the plan": this sentence's)
            before = [f for f in planned if self.sentence_of(f) < t.sent.start]
            if not before:
                continue
            last = max(before, key=lambda f: f.evidence.start)
            told = {(f.type, tuple(sorted(map(str, f.args.items())))) for f in before
                    if self.sentence_of(f) == self.sentence_of(last)}
            if len(told) > 1:
                continue            # ("plans to list X and to sell Y ... dropped the idea": which?)
            stop = modality.cancelled_by(t, event=True)
            span = timing.attached_time(t, [stop] if stop is not None else (), True)
            time = timing.as_timespan(span) if span is not None else TimeSpan()
            first = min(t.i, stop.i) if stop is not None else t.i
            evidence = Evidence.of(self.document.text, self.doc[first].idx, t.idx + len(t.text))
            out.append(Fact(self.document.doc_id, last.type, dict(last.args), evidence, time,
                            "cancelled", confidence=0.5))
        return out

    def sentence_of(self, fact: Fact) -> int:
        span = self.doc.char_span(fact.evidence.start, fact.evidence.start + 1, alignment_mode="expand")
        return span[0].sent.start if span is not None else -1

    def known_employers(self, facts: list[Fact]) -> list[Fact]:
        """A title with no company named ('chief executive Paolo Ferrante told analysts')
        is at the company the article ties the same person to elsewhere ('Ferrante, who has
        led Aurel since 2022', 'founded in 2014 by Marcus Oyelaran') before it is at the
        story's company."""
        ties: dict[str, Counter] = {}
        left: set[tuple[str, str]] = set()      # (person, org) the article says they left
        beside: set[tuple[str, str, str, int]] = set()   # (person, org, role, sentence): a post read there
        for f in facts:
            if id(f) in self.guessed:
                continue
            if f.type == "position" and f.args.get("role") not in GENERIC_ROLES + (UNKNOWN_ROLE,):
                beside.add((f.args["person"], f.args["org"], f.args["role"], self.sentence_of(f)))
            if f.type == "position" and f.status == "former":
                left.add((f.args["person"], f.args["org"]))
            elif f.type == "position":     # ("a former Pellman finance chief")
                ties.setdefault(f.args["person"], Counter())[f.args["org"]] += 1
            elif f.type == "founded" and f.args.get("by"):
                ties.setdefault(f.args["by"], Counter())[f.args["org"]] += 1
        # a story of a company's debut out of the story's company, which keeps a stake in it
        # or was its parent ("Shares in Brightvale rose on their first day of trading ...
        # Castellan retains a 20% stake"): a title with no company is at the new company
        topic = self.name(self.topic) if self.topic is not None else None
        listed = {f.args["org"] for f in facts if f.type == "ipo" and f.status == "actual"
                  and id(f) not in self.guessed and f.args.get("org") != topic}
        spun_off = sorted({f.args["org"] for f in facts if id(f) not in self.guessed and f.args.get("org") in listed
                           and ((f.type == "stake" and f.args.get("owner") == topic)
                                or (f.type == "part_of" and f.args.get("parent") == topic))})
        spun_off = spun_off if len(spun_off) == 1 else []
        out = []
        for f in facts:
            # (a departure with no company named is from the story's company, not from where
            # the article says the person is going; nor is a title at a company the person
            # has left -- "Chief executive Maja Lindqvist, Halvard's former boss" -- or one
            # its own sentence names beside it: "X, Vellmar's long-time CEO, is chairman of
            # the board" is not chairman of Vellmar -- unless the title is only a generic word
            # for the person: "Veteran executive X will serve as president of Ford Blue";
            # "Castellan is led by chief executive Laura Kim" is one post)
            person = f.args.get("person")
            elsewhere = {o for p, o, r, at in beside if p == person and at == self.sentence_of(f)
                         and r != f.args.get("role")} if f.args.get("role") not in GENERIC_ROLES else set()
            known = [(org, n) for org, n in ties.get(person, Counter()).most_common()
                     if (person, org) not in left and org not in elsewhere] \
                if f.type == "position" else []
            if f.type == "position" and self.guessed.get(id(f)) == "org" and f.status != "former" and \
                    (known or (spun_off and f.args["org"] == topic)):
                org = known[0][0] if known else spun_off[0]
                if org != f.args["org"]:
                    f = Fact(f.doc_id, f.type, dict(f.args, org=org), f.evidence, f.time, f.status,
                             f.attributed_to, f.confidence)
            out.append(f)
        return out

    def only_a_source(self, ref: int) -> bool:
        """A news organisation the article only cites ("..., Reuters reported", "according
        to Reuters", "(Reuters)"), as opposed to one the story is about (CNN shutting down
        CNN+): every mention of it is a citation."""
        c = self.clusters[ref]
        if not c.agency or ref == self.topic:
            return False
        cached = self._sources.get(ref)
        if cached is None:
            heads = [m.root for m in self.doc.spans["mentions"] if m._.ref == ref and m._.kind == "name"]
            cached = self._sources[ref] = all(_cites(t) for t in heads)
        return cached

    def earlier_events(self, facts: list[Fact]) -> list[Fact]:
        """'The listing, originally planned for November, will not take place before 2026':
        an event named with no company (the listing, the cuts, the closure) is the one of
        its kind the article last gave a company to, before it is the story's company."""
        read = sorted((f for f in facts if id(f) not in self.guessed and f.type in ANAPHORIC_EVENTS),
                      key=lambda f: f.evidence.start)
        out = []
        for f in facts:
            arg = self.guessed.get(id(f))
            if arg and f.type in ANAPHORIC_EVENTS:
                before = [r for r in read if r.type == f.type and r.evidence.start < f.evidence.start]
                if before and before[-1].args.get(arg) != f.args.get(arg):
                    g = Fact(f.doc_id, f.type, dict(f.args, **{arg: before[-1].args[arg]}), f.evidence, f.time,
                             f.status, f.attributed_to, f.confidence)
                    self.guessed[id(g)] = arg
                    f = g
            out.append(f)
        return out

    def drop_guesses(self, facts: list[Fact]) -> list[Fact]:
        """A fact whose argument was guessed from the story's company loses to one of the
        same sentence that read that argument from the text."""
        read = {}
        for f in facts:
            if id(f) not in self.guessed:
                read.setdefault((f.type, self.sentence_of(f)), []).append(f)
        out = []
        for f in facts:
            arg = self.guessed.get(id(f))
            rivals = read.get((f.type, self.sentence_of(f)), []) if arg else []
            # (key arguments only: "brands like Gucci" guesses form "unit", the read fact has none)
            keys = [k for k in TYPES[f.type].key_args if k != arg]
            same_rest = [r for r in rivals if all(r.args.get(k) == f.args.get(k) for k in keys)
                         and {r.status, f.status} != {"former", "actual"}]    # ("Chief executive X,
            # Y's former boss": a post held now beside one held before)
            if not same_rest:
                out.append(f)
        return out

    def _values(self, cand: Candidate) -> dict | None:
        p = cand.pattern
        out: dict = {}
        for k, v in p.set.items():
            out[k] = p.forms.get(cand.trigger.lemma_.lower(), cand.trigger.lemma_.lower()) if v == "@lemma" else v
        for k, how in p.values.items():
            if how == "title" and not cand.arg_tokens.get(k) and k in p.args and \
                    ("known" in p.args[k] or "known_or_head" in p.args[k]):
                out["role"] = [UNKNOWN_ROLE]     # filled in from the article (fill_roles)
                if "known" in p.args[k]:
                    out["_strict"] = True
            elif how == "title":
                toks = cand.arg_tokens.get(k) or [cand.trigger]
                span = Span(self.doc, *A.title_span(toks[0]))
                names = A.role_names(span)
                if not names:
                    return None
                out["role"] = names
                cand.values["title"] = span
                if A.is_former_title(span):
                    out["_former"] = True
                elif A.is_incoming_title(span):
                    out["_incoming"] = True
            elif how == "percent":
                q = A.percent_near(cand.trigger)
                if q is not None:
                    out[k] = f"{q._.quantity.value:g}%"
                    cand.values["percent"] = q
                elif A.share_word(cand.trigger):
                    out[k] = A.share_word(cand.trigger)
            elif how == "ownership":
                word = A.ownership_word(cand.trigger)
                if word:
                    out[k] = word
            elif how == "count":
                q = _count_near(cand.trigger)
                if q is not None:
                    out[k] = int(q._.quantity.value)
                    cand.values["count"] = q
        return out

    def _time(self, cand: Candidate, status: str) -> TimeSpan:
        p = cand.pattern
        leaving = (modality.departure_of(cand.trigger) or modality.ended_by(cand.trigger)) \
            if status == "former" and not p.event else None
        if leaving is not None:     # "its CEO, Luca de Meo, will step down in mid-July": the end
            ahead = modality.status_of(leaving) == "planned"
            span = timing.attached_time(leaving, (), True)
            time = timing.as_timespan(span, "end") if span is not None else TimeSpan()
            if time.is_empty() and not ahead:   # "reported in June that de Meo had stepped down": about then
                said = timing.report_time(leaving, precision=7)
                if said.start:
                    time = TimeSpan(None, said.start, True, said.text, said.resolved)
            if time.is_empty() and not ahead and leaving.lemma_.lower() in modality.DEPARTURE_VERBS and \
                    leaving.dep_ != "advcl" and timing.left_by_now(leaving) and (timing.in_lead(leaving) or timing.told_as_news(leaving)) and \
                    not timing.over_a_stretch(leaving):
                # ("X has resigned with immediate effect": the post ended with the news)
                day = timing.news_day(self.doc, self.document.published)
                if day.is_empty():
                    day = timing.publication_day(self.document.published)
                if day.start:
                    time = TimeSpan(None, day.start, True, day.text, day.resolved)
            # ("X is leaving, the company said on Sunday": the day of the news, not of the end)
            time = timing.future_of(time, self.document.published) if ahead else timing.lasted(cand.trigger, time)
            return timing.served_for(leaving, time)     # "will retire in May after nine years in the job"
        # (a cancellation is dated by the word that calls it off: "dropped plans last year to list X")
        stop = modality.cancelled_by(cand.trigger, event=p.event) if status == "cancelled" else None
        span = timing.attached_time(cand.trigger, [stop] if stop is not None else (), p.event)
        time = timing.as_timespan(span, p.time) if span is not None else TimeSpan()
        if status in ("planned", "target") or (p.status and p.status != "actual"
                                               and modality.status_of(cand.trigger) == "planned") or \
                span is not None and timing.said_ahead(span):     # ("will share vessels from March under a new agreement")
            time = timing.future_of(time, self.document.published)
        if p.type == "position" and status == "former" and R.is_verb(cand.trigger):
            time = timing.served_for(cand.trigger, time)    # "will retire in June after eleven years"
        if time.is_empty() and p.event and status == "actual":
            time = timing.before_main(cand.trigger, self.document.published)  # "one month after its launch"
        if time.is_empty() and p.type == "position" and status in ("actual", "planned"):
            time = timing.effective_date(cand.trigger)     # "named X CEO, effective May 1"
        if time.is_empty() and p.type == "position" and status == "actual":
            time = timing.taken_up(cand.trigger, cand.arg_tokens.get("person") or [], cand.arg_tokens.get("org") or [],
                                   self.document.published)     # "CEO X, who joined in 2022"
        if time.is_empty() and not p.event and status == "actual":
            time = timing.until_clause(cand.trigger)       # "ran the mine until it was mothballed in 2023"
        if time.is_empty() and not p.event and status == "actual":
            time = timing.lasting_since(cand.trigger, self.document.published)  # "has led it for 20 years"
        if time.is_empty() and not p.event and status == "actual":
            time = timing.restated_since(cand.trigger)     # "owns 9.9% of X, a stake it bought in 2022"
        if time.is_empty() and p.type == "position" and status == "former":
            time = timing.left_org(cand.arg_tokens.get("org") or [])    # "X, which she left in 2023 after six years"
        if time.is_empty() and not p.event and status == "former":
            time = timing.left_from(cand.trigger)      # "joined X in 2021 from Y, where she was treasurer"
        if time.is_empty() and p.event and status in ("actual", "planned", "former"):
            main = timing.when_clause_time(cand.trigger)    # ("on June 1, when Ames retires")
            if main is not None:
                time = timing.as_timespan(main, p.time)
                if status in ("planned", "former") and timing.said_ahead(main):
                    time = timing.future_of(time, self.document.published)
        if time.is_empty() and is_reported_event(p.type, status):
            time = timing.report_time(cand.trigger)
        if time.is_empty() and p.event and status in ("actual", "former", "cancelled") and \
                not (p.status and modality.status_of(cand.trigger) == "planned"):
            # (a departure announced, "will step down, it said on Monday", ends later)
            said = timing.report_time(cand.trigger, precision=7)   # "reported in June that X had quit"
            if said.start:
                time = TimeSpan(None, said.start, True, said.text, said.resolved) if p.time == "end" else said
        if time.is_empty():
            time = timing.relative_to_report(cand.trigger, self.document.published)
        if time.is_empty() and (p.event and is_reported_event(p.type, status) and (
                timing.in_lead(cand.trigger) or timing.told_as_news(cand.trigger)) or
                p.type == "position" and status in ("actual", "planned") and timing.post_taken_as_news(cand.trigger)):
            time = timing.news_day(self.doc, self.document.published)    # the lead's news: the day it was given
            if time.is_empty() and not timing.over_a_stretch(cand.trigger):
                # ("X has dropped plans to ...", no day said: the story's day)
                time = timing.publication_day(self.document.published)
        if time.is_empty() and p.type == "position" and status == "former" and timing.post_left_as_news(cand.trigger):
            day = timing.news_day(self.doc, self.document.published)    # ("X has left the board of Y")
            if day.is_empty():
                day = timing.publication_day(self.document.published)
            time = TimeSpan(None, day.start, True, day.text, day.resolved) if day.start else time
        return time

    def _evidence(self, cand: Candidate, combo) -> Evidence:
        sent = cand.trigger.sent
        idx = [cand.trigger.i] + [r.start for r in combo] + [r.end - 1 for r in combo]
        idx += [t.i for toks in cand.arg_tokens.values() for t in toks]
        for v in cand.values.values():
            if isinstance(v, Span):
                idx += [v.start, v.end - 1]
        idx = [i for i in idx if sent.start <= i < sent.end] or [cand.trigger.i]
        start, end = self.doc[min(idx)].idx, self.doc[max(idx)].idx + len(self.doc[max(idx)].text)
        return Evidence.of(self.document.text, start, end)

    # -------------------------------------------------------------- entities
    def entities(self, facts: list[Fact]) -> list[Entity]:
        """Every typed entity the article names, with all the names it used for it."""
        used = {v for f in facts for k, v in f.args.items() if k in ENTITY_ARGS and isinstance(v, str)}
        used |= {f.attributed_to for f in facts if f.attributed_to}
        out = []
        for c in self.clusters:
            if not c.type or not c.names:
                continue
            if c.name not in used and c.type not in ("organization", "person"):
                continue
            out.append(Entity(c.name, c.type, sorted(c.names, key=lambda n: -c.names[n])))
        return out


def _not_story(sent: Span) -> bool:
    """Headings, bylines and other lines that are not sentences of the story."""
    text = sent.text.strip()
    if not text:
        return True
    starts_line = sent.start == 0 or "\n" in sent.doc[sent.start - 1].text_with_ws
    ends_line = sent.end >= len(sent.doc) or "\n" in sent.doc[sent.end - 1].text_with_ws or sent.doc[sent.end - 1].is_space
    return starts_line and ends_line and is_heading(text) and not _headline_clause(sent)


CORPORATE_OR_APPOINTING = lx.words("corporate_verbs") | lx.words("appointing_verbs")


def _headline_clause(sent: Span) -> bool:
    """The text's headline, a line in headline grammar ("Telvia to shut streaming service",
    "Orvik Foods names Sara Holm CEO"), is read; it comes before any sentence of the story,
    after banners and section titles at most.  Section titles ("Ampere History", "Key
    takeaways:") and later short lines (subheads, "Related" links to other stories) stay
    unread."""
    if not _headline_grammar(sent):
        return False
    for s in sent.doc.sents:
        if s.start >= sent.start:
            return True
        text = s.text.strip()
        if text and (not is_heading(text) or _headline_grammar(s)):
            return False
    return True


def _headline_grammar(sent: Span) -> bool:
    """A clause with a subject and a present or 'to' verb ("Orlan picks banks for
    listing"), or a company named at its start, then a verb (or a word the small model
    reads as a noun where a headline's verb stands: "names", "buys")."""
    root = sent.root
    if R.is_verb(root) and any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) and \
            (root.tag_ in ("VBZ", "VBP") or any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children)):
        return True
    toks = [t for t in sent if not t.is_space]
    k = 0
    while k < len(toks) and toks[k]._.ent == "organization" and toks[k]._.kind == "name":
        k += 1
    if k == 0 or k >= len(toks):
        return False
    nxt = toks[k]
    if nxt.lower_ == "to" and k + 1 < len(toks):
        nxt = toks[k + 1]
    return nxt.pos_ in ("VERB", "AUX") or nxt.tag_ in ("VBZ", "VBD", "VB") or \
        nxt.lower_.endswith("s") and nxt.lemma_.lower() in CORPORATE_OR_APPOINTING


UNKNOWN_ROLE = "?"


def fill_roles(facts: list[Fact]) -> list[Fact]:
    """A position whose role the sentence leaves out ('De Meo will leave Renault in
    mid-July', 'since taking charge in August') has the role the article gives the same
    person at the same organisation elsewhere; without one, they head it (taking charge
    and leaving are said of heads)."""
    known: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for f in facts:
        if f.type == "position" and f.args.get("role") != UNKNOWN_ROLE:
            known.setdefault((f.args["person"], f.args["org"]), []).append((f.args["role"], f.status))
    # (a role that must be known, "until his departure", may be one the article gives only
    # as heading the company: "De Meo is leaving Renault ... until his departure on 15 July")
    # (posts the article says someone leaves: what a newcomer "will take over" at that place)
    # (and the post a newcomer comes to: what someone leaving "when X takes over" held)
    left: dict[str, set] = {}
    coming: dict[str, set] = {}
    for f in facts:
        if f.type == "position" and f.status in ("former", "planned") and \
                f.args.get("role") not in GENERIC_ROLES + (UNKNOWN_ROLE,):
            (left if f.status == "former" else coming).setdefault(f.args["org"], set()).add(
                (f.args["person"], f.args["role"]))
    filled = {id(f): _fill_role(f, known, left, coming) for f in facts if _unknown_role(f) and not f.args.get("_strict")}
    for f in filled.values():
        if f is not None and f.args["role"] not in [r for r, _ in known.get((f.args["person"], f.args["org"]), [])]:
            known.setdefault((f.args["person"], f.args["org"]), []).append((f.args["role"], f.status))
    out = []
    for f in facts:
        if _unknown_role(f):
            f = filled[id(f)] if id(f) in filled else _fill_role(f, known, left, coming)
            if f is None:
                continue
        out.append(f)
    return out


def _unknown_role(f: Fact) -> bool:
    return f.type == "position" and f.args.get("role") == UNKNOWN_ROLE


def _fill_role(f: Fact, known: dict[tuple[str, str], list[tuple[str, str]]],
               left: dict[str, set] | None = None, coming: dict[str, set] | None = None) -> Fact | None:
    # (a post still to come says nothing of one taken before: "Delgado would run the
    # airline ... She joined Crestline in 2021"; nor is a post held now the one still to
    # be taken over: "X, the group's operating chief, will take over on 1 May when Y
    # retires" takes over the post Y leaves, when the article names one)
    roles = [r for r, status in known.get((f.args["person"], f.args["org"]), [])
             if f.status != "actual" or status != "planned"]
    vacated = {r for p, r in (left or {}).get(f.args["org"], ()) if p != f.args["person"]}
    if f.status == "planned" and not f.args.get("_strict") and len(vacated) == 1:
        roles = sorted(vacated)
    elif f.status == "planned":
        # ("has asked its finance chief to run the airline ... She takes over on March 17": the
        # post still to come, not the one held now)
        roles = [r for r, status in known.get((f.args["person"], f.args["org"]), []) if status == "planned"] or roles
    handed = {r for p, r in (coming or {}).get(f.args["org"], ()) if p != f.args["person"]}
    if f.status == "former" and not roles and not f.args.get("_strict") and len(handed) == 1:
        roles = sorted(handed)      # ("X will take over as CEO in March, when Y steps down")
    roles = roles or ([] if f.args.get("_strict") else ["head"])
    if not roles:
        return None
    # (ties broken by the text, never by set order: results must not vary by run)
    top = max(sorted(set(roles)), key=lambda r: (r in SENIOR_ROLES, r not in GENERIC_ROLES, roles.count(r)))
    args = {k: v for k, v in f.args.items() if k != "_strict"}
    return Fact(f.doc_id, f.type, dict(args, role=top), f.evidence, f.time, f.status,
                f.attributed_to, f.confidence)


GENERIC_ROLES = ("head", "executive", "leader")


def specific_roles(facts: list[Fact]) -> list[Fact]:
    """'Morag Baird, who leads the group' says no more than 'Alder CEO Morag Baird': a
    generic role (head) gives way to a specific one of the same person at the same place --
    except a head still to come beside a lesser post held now ("its finance chief, Rosa
    Delgado, to run the airline on an interim basis" is a new post)."""
    def redundant(f: Fact) -> bool:
        if f.type != "position" or f.args.get("role") not in GENERIC_ROLES:
            return False
        # (a board seat is no way of running the company: "Pinault, who has led the group
        # for 20 years ... would remain as chairman" heads it and chairs it)
        others = [g for g in facts if g.type == "position" and g.args.get("role") not in GENERIC_ROLES
                  and g.args.get("role") not in BOARD_ROLES
                  and (g.args["person"], g.args["org"]) == (f.args["person"], f.args["org"])]
        if not others or f.status != "planned":
            return bool(others)
        return any(g.status == "planned" or g.args.get("role") in SENIOR_ROLES for g in others)
    kept = [f for f in facts if not redundant(f)]
    # (what the generic mention dated is the same post: "Alder CEO Morag Baird, who has led
    # the group since 2019" is CEO since 2019)
    dated = {}
    for f in facts:
        if f.type == "position" and f.args.get("role") in GENERIC_ROLES and not f.time.is_empty() and redundant(f):
            dated.setdefault((f.args["person"], f.args["org"], f.status), f.time)
    out = []
    for g in kept:
        time = dated.get((g.args.get("person"), g.args.get("org"), g.status)) if g.type == "position" else None
        if time is not None and g.time.is_empty():
            g = Fact(g.doc_id, g.type, g.args, g.evidence, time, g.status, g.attributed_to, g.confidence)
        out.append(g)
    return out


SENIOR_ROLES = ("CEO", "chair", "president", "head")
BOARD_ROLES = ("chair", "deputy chair", "vice chair", "director", "board member")


def one_tenure(facts: list[Fact]) -> list[Fact]:
    """'Whitcomb became chief executive in 2018' ... 'CEO Daniel Whitcomb will step down at
    the end of March': every mention of one person's post at one organisation in an
    article is the same tenure, so a start or end the article gives once dates the others
    that have none (held or over, not a post still to come; never when the article gives
    two different starts, nor an end before the start)."""
    starts: dict[tuple, set] = {}
    ends: dict[tuple, set] = {}
    spans: dict[tuple, TimeSpan] = {}
    for f in facts:
        if f.type != "position" or f.status not in ("actual", "former"):
            continue
        key = (f.args["person"], f.args["org"], f.args["role"])
        if f.time.start:
            starts.setdefault(key, set()).add(f.time.start)
            spans.setdefault(key + ("start",), f.time)
        if f.time.end and f.status == "former":
            ends.setdefault(key, set()).add(f.time.end)
            spans.setdefault(key + ("end",), f.time)
    out = []
    for f in facts:
        key = (f.args.get("person"), f.args.get("org"), f.args.get("role"))
        if f.type == "position" and f.status in ("actual", "former"):
            start, end, approx = f.time.start, f.time.end, f.time.approx
            if not start and len(starts.get(key, ())) == 1:
                start = next(iter(starts[key]))
                approx = approx or spans[key + ("start",)].approx
            if not end and f.status == "former" and len(ends.get(key, ())) == 1:
                end = next(iter(ends[key]))
                approx = approx or spans[key + ("end",)].approx
            if start and end and end[:4] < start[:4]:
                start, end, approx = f.time.start, f.time.end, f.time.approx
            if (start, end) != (f.time.start, f.time.end):
                f = Fact(f.doc_id, f.type, f.args, f.evidence, TimeSpan(start, end, approx, f.time.text, f.time.resolved),
                         f.status, f.attributed_to, f.confidence)
        out.append(f)
    return out


SPEECH_VERBS = lx.words("speech_verbs") | {"report", "cite", "quote"}


def _cites(t: Token) -> bool:
    """Is this mention of a news organisation a citation of it?"""
    head = t.head
    if t.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in SPEECH_VERBS:
        return True                             # "Reuters reported", "told Bloomberg"
    if t.dep_ in ("dobj", "dative", "pobj") and (head.lemma_.lower() in SPEECH_VERBS or (
            head.dep_ in ("prep", "dative") and head.head.lemma_.lower() in SPEECH_VERBS | {"accord"})):
        return True                             # "according to Reuters", "citing Reuters", "told Reuters"
    prev = t.doc[t.left_edge.i - 1] if t.left_edge.i > 0 else None
    return prev is not None and prev.text == "(" or t.sent.start == t.i and t._.boilerplate
# events an article names again without their company ("the listing", "the cuts")
ANAPHORIC_EVENTS = {"ipo", "job_cuts", "closed"}


def _anchored_elsewhere(trigger: Token) -> bool:
    """'U.S. President Donald Trump', 'French President': a title tied to a country is no
    title at the story's company."""
    doc = trigger.doc
    for t in doc[max(trigger.sent.start, trigger.i - 3):trigger.i]:
        if t._.ent in ("person", "organization", "product", "facility"):
            continue        # (the model's GPE on a surname the article resolved as a person)
        if R.is_verb(trigger) and t.head != trigger:
            continue        # ("150 positions at its centre in Manila will be eliminated": the place is the site's)
        if t._.ent == "place" or t.ent_type_ in ("GPE", "NORP") or t.lower_.rstrip(".") in ("u.s", "us", "uk", "u.k", "eu"):
            return True
    return False


def _pair_up(refs: dict[str, list[A.EntityRef]]) -> dict[str, list[A.EntityRef]]:
    """'Honda and Nissan merge': two coordinated entities fill both sides of an unordered
    relation when only one side was found."""
    if len(refs) == 1:
        (only, found), = refs.items()
        if len(found) >= 2:
            other = "partner" if only == "org" else "org"
            return {only: found[:1], other: found[1:2]}
    return refs


def _count_near(trigger: Token) -> Span | None:
    """The head count of a job cut: the figure on what is cut ('cut 600 jobs'), else one
    next to the trigger ('1,500 job cuts'), never one inside a relative clause."""
    sent = trigger.sent
    counts = [q for q in spans_in_sentence(trigger.doc, "quantities", sent.start) if q._.quantity.kind == "count"]
    for zone in ([t.i for o in trigger.children if o.dep_ in ("dobj", "nsubjpass", "nsubj") for t in o.subtree],
                 [t.i for t in trigger.subtree] + [t.i for t in trigger.head.subtree if abs(t.i - trigger.i) <= 4]):
        near = set(zone)
        for q in counts:
            # (never a relative clause's figure, nor the workforce the cuts come out of:
            # "no layoffs among Orchard's 22,000 employees", "600 of its 5,000 jobs")
            if any(t.i in near for t in q) and not any(
                    t.dep_ == "relcl" or (t.dep_ == "prep" and t.lower_ in ("among", "of")
                                          and not (t.lower_ == "of" and t.head == trigger))   # ("the loss of 450 jobs")
                    for t in q.root.ancestors if t.i in near):
                return q
    return None


def dedupe(facts: list[Fact], ctx: "Context") -> list[Fact]:
    """One fact per (type, args, status, sentence); the most informative reading wins."""
    best: dict[tuple, Fact] = {}
    dated: dict[tuple, TimeSpan] = {}
    for f in facts:
        key = (f.type, tuple(sorted((k, str(v)) for k, v in f.args.items())), f.status, ctx.sentence_of(f))
        if key not in best or _rank(f) > _rank(best[key]):
            best[key] = f
        if not f.time.is_empty():
            dated.setdefault(key, f.time)
    # ("Varden chief executive Ilse Korhonen ... since she took over two years ago": the
    # reading that wins has the date another reading of the same fact gave)
    kept = {k: Fact(f.doc_id, f.type, f.args, f.evidence, dated[k], f.status, f.attributed_to, f.confidence)
            if f.time.is_empty() and k in dated else f for k, f in best.items()}
    # ("agreed to buy a plant in Vestby", "sold its Hamburg data centre": a site a sentence
    # says a company will run, will not after all, or no longer runs, is not also one it runs)
    ahead = {(k[0], k[1], k[3]) for k in best if k[0] in AHEAD_WINS and k[2] in ("planned", "cancelled", "former")}
    # ("X, which ran the mine until it was mothballed in 2023": a reading with no date that
    # calls the state current yields to the one that dates its end)
    ended = {(k[0], k[1], k[3]) for k, f in best.items() if f.status == "former" and f.time.end}
    out = [f for k, f in kept.items()
           if not (k[2] == "actual" and ((k[0], k[1], k[3]) in ahead or
                                         ((k[0], k[1], k[3]) in ended and f.time.is_empty())))]
    return sorted(out, key=lambda f: (f.evidence.start, f.type))


AHEAD_WINS = ("operates",)


def _rank(f: Fact) -> tuple:
    return (f.confidence, bool(f.time.start or f.time.end), f.evidence.end - f.evidence.start)


def same_name(a: str, b: str) -> bool:
    return fold(a) == fold(b)
