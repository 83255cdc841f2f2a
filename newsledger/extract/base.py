"""What every fact extractor shares: the registry, the document context, fact building."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable

from .. import dates
from ..models import Document, Fact, TimeSpan
from .analysis import Analysis
from .text import is_heading
from .view import View

Extractor = Callable[["DocContext"], Iterable[Fact]]
EXTRACTORS: dict[str, Extractor] = {}


def extractor(name: str):
    """Register a fact type's extractor under its name (one module per type)."""
    def wrap(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = fn
        return fn
    return wrap


@dataclass
class DocContext:
    document: Document
    analysis: Analysis
    views: list[View]
    extra: dict = field(default_factory=dict)

    @property
    def main_org(self) -> str | None:
        """The company the article is mostly about: the most mentioned whole company, the one
        the story opens with and its headline names weighing more."""
        if "main_org" in self.extra:
            return self.extra["main_org"]
        counts: Counter = Counter()
        for m in self.analysis.mentions:
            c = self.analysis.cluster_of(m)
            if c and c.type == "organization" and not c.agency and not c.union and not c.unit:
                # the company a news story opens with is its protagonist ("Norvik agreed to
                # buy 60% of Helix ..."), even if the target is named more often after that
                counts[c.name] += 1 + (2.5 if not counts else 0)
        headline = self._headline_company()
        if headline in counts:
            counts[headline] += 3       # "Norvik grabs majority of Helix Cells ..."
        self.extra["main_org"] = counts.most_common(1)[0][0] if counts else None
        return self.extra["main_org"]

    def _headline_company(self) -> str | None:
        """The company named first in the headline (the title, or the text's heading line)."""
        lines = [self.document.title or ""]
        first = self.analysis.text.lstrip().split("\n", 1)[0]
        if is_heading(first.strip()):
            lines.append(first)
        best = None
        for c in self.analysis.clusters:
            if c.type != "organization" or c.agency:
                continue
            for line in lines:
                for n in c.names:
                    at = line.find(n)
                    if at >= 0 and (best is None or at < best[0]):
                        best = (at, c.name)
        return best[1] if best else None

    def fact(self, view: View, type_: str, args: dict, start: int, end: int, *,
             time: TimeSpan | None = None, status: str | None = "actual",
             confidence: float = 0.8) -> Fact | None:
        """A fact whose evidence is the sentence stretch [start, end) of the view's signature."""
        if any(v is None or v == "" for k, v in args.items() if k in KEY_ARGS.get(type_, ())):
            return None
        ev = view.evidence(start, end)
        time = time or TimeSpan()
        if status in ("planned", "target"):
            time = future_of(time, self.document.published)
        if not (time.start or time.end) and dated_by_report(type_, status, view.sig[start:end]):
            time = view.report_time()
        return Fact(self.document.doc_id, type_, args, ev, time, status, view.attribution, confidence)


# Events an article reports as news on the day it says them ("X named Y chief executive,
# the company said on Wednesday"); states of affairs (a stake held, a unit) are not dated so.
REPORTED_EVENTS = {"merger": ("cancelled", "actual"), "acquisition": ("actual", "cancelled", "planned"),
                   "ipo": ("cancelled", "actual"), "closed": ("actual",), "merged_into": ("actual",),
                   "partner": ("actual",), "stake": ("cancelled",), "job_cuts": ("actual", "planned"),
                   "position": ("actual",)}
APPOINTMENT = re.compile(r"\b(?:named|appointed|appoints|names|promoted|picked|tapped|chose|hired|elected)\b", re.I)


def dated_by_report(type_: str, status: str | None, evidence_sig: str) -> bool:
    if status not in REPORTED_EVENTS.get(type_, ()):
        return False
    if type_ == "position":
        return bool(APPOINTMENT.search(evidence_sig))
    if type_ == "partner":
        return bool(re.search(r"\b(?:formed|signed|struck|agreed|sealed|forged|announced|set up|teamed up)\b",
                              evidence_sig, re.I))
    return True


def future_of(time: TimeSpan, published: str | None) -> TimeSpan:
    """A plan dated by a month without a year ('will close at the end of June', published in
    January 2026) is the next such month, not the one before publication."""
    if not (time.start and published and time.text) or re.search(r"\b\d{4}\b|\b(?:last|ago|previous)\b", time.text, re.I):
        return time
    if time.start[:len(published[:7])] >= published[:7] or len(time.start) < 7:
        return time
    return dates.shift(time, months=12)


KEY_ARGS = {
    "part_of": ("org", "parent"), "stake": ("owner", "org"), "position": ("person", "org", "role"),
    "operates": ("org", "facility"), "produces": ("maker", "product"), "partner": ("org", "partner"),
    "founded": ("org",), "closed": ("org",), "merged_into": ("org", "into"), "ipo": ("org",),
    "job_cuts": ("org",), "metric": ("entity", "measure"), "acquisition": ("acquirer", "target"),
    "merger": ("org", "partner"),
}


def last_two_orgs(ctx: "DocContext", view: View, pos: int) -> tuple[str, str] | None:
    """'the two companies', 'either airline', 'their companies': the last two companies named
    (in this sentence before `pos`, or the one before it)."""
    names: list[str] = []
    k = ctx.views.index(view)
    for w in reversed(ctx.views[max(0, k - 1):k + 1]):
        text = w.sig[:pos] if w is view else w.sig
        for idx in reversed(re.findall(r"⟨o(\d+)⟩", text)):
            n = w.name(idx)
            if not w.is_agency(idx) and n not in names:
                names.append(n)
    return (names[1], names[0]) if len(names) >= 2 else None


def last_pair_named(ctx: "DocContext", view: View, pos: int) -> tuple[str, str] | None:
    """'either airline': the last two companies named together ('Norrland Air and Latvian
    carrier Baltavia'), else the last two named."""
    k = ctx.views.index(view)
    for w in reversed(ctx.views[:k + 1]):
        text = w.sig[:pos] if w is view else w.sig
        for m in reversed(list(re.finditer(r"⟨o(\d+)⟩ (?:and|&) (?:[\w-]+ ){0,3}?⟨o(\d+)⟩", text))):
            a, b = w.name(m.group(1)), w.name(m.group(2))
            if a != b and not w.is_agency(m.group(1)) and not w.is_agency(m.group(2)):
                return a, b
    return last_two_orgs(ctx, view, pos)


def matches(ctx: "DocContext", patterns) -> Iterable[tuple[View, "re.Match[str]"]]:
    """Every (sentence view, match) of a fact type's patterns, sentence by sentence."""
    for v in ctx.views:
        for rx in patterns:
            for m in rx.finditer(v.sig):
                yield v, m


def words(*alternatives: str) -> str:
    """A regex alternation of phrases, longest first, spaces matching single spaces."""
    alts = sorted(set(alternatives), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(a).replace(r"\ ", " ") for a in alts) + ")"


def verb_forms(*lemmas: str) -> str:
    """'shut down' -> shut down|shuts down|shutting down ...; regular English inflection."""
    forms = set()
    for lemma in lemmas:
        head, _, rest = lemma.partition(" ")
        tail = (" " + rest) if rest else ""
        for f in inflect(head):
            forms.add(f + tail)
    return words(*forms)


IRREGULAR = {"shut": ["shut", "shuts", "shutting"], "wind": ["wind", "winds", "winding", "wound"],
             "take": ["take", "takes", "taking", "took", "taken"], "buy": ["buy", "buys", "buying", "bought"],
             "sell": ["sell", "sells", "selling", "sold"], "make": ["make", "makes", "making", "made"],
             "build": ["build", "builds", "building", "built"], "set": ["set", "sets", "setting"],
             "pull": ["pull", "pulls", "pulling", "pulled"], "fold": ["fold", "folds", "folding", "folded"],
             "spin": ["spin", "spins", "spinning", "spun"], "bring": ["bring", "brings", "bringing", "brought"],
             "become": ["become", "becomes", "becoming", "became"], "lay": ["lay", "lays", "laying", "laid"],
             "cut": ["cut", "cuts", "cutting"], "put": ["put", "puts", "putting"],
             "run": ["run", "runs", "running", "ran"], "hold": ["hold", "holds", "holding", "held"],
             "drop": ["drop", "drops", "dropping", "dropped"], "scrap": ["scrap", "scraps", "scrapping", "scrapped"],
             "shelve": ["shelve", "shelves", "shelving", "shelved"], "quit": ["quit", "quits", "quitting"],
             "leave": ["leave", "leaves", "leaving", "left"], "step": ["step", "steps", "stepping", "stepped"],
             "begin": ["begin", "begins", "beginning", "began", "begun"], "win": ["win", "wins", "winning", "won"],
             "plan": ["plan", "plans", "planning", "planned"], "stop": ["stop", "stops", "stopping", "stopped"],
             "split": ["split", "splits", "splitting"], "found": ["found", "founds", "founding", "founded"],
             "pay": ["pay", "pays", "paying", "paid"], "seek": ["seek", "seeks", "seeking", "sought"]}


def inflect(verb: str) -> list[str]:
    if verb in IRREGULAR:
        return IRREGULAR[verb]
    if verb.endswith("e"):
        return [verb, verb + "s", verb[:-1] + "ing", verb + "d"]
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return [verb, verb[:-1] + "ies", verb + "ing", verb[:-1] + "ied"]
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return [verb, verb + "es", verb + "ing", verb + "ed"]
    return [verb, verb + "s", verb + "ing", verb + "ed"]


def coordinated(view: View, text_after: str, kind: str, limit: int = 6) -> list[str]:
    """Entity ids of a coordination at the start of `text_after`: 'A , B and C', 'both A and B'."""
    m = re.match(r"\s*(?:both |either )?((?:" + kind + r")(?:\s*(?:,|and|or|&|, and)\s*(?:the )?(?:"
                 + kind + r"))*)", text_after)
    if not m:
        return []
    return re.findall(r"⟨[a-z](\d+)⟩", m.group(1))[:limit]


# A site named by where it is: "its plant in Blagnac", "the assembly site at Leeds"
SITE = r"(?P<noun>plant|factory|fab|works|site|facility|mill|refinery|smelter|assembly plant|assembly site|yard|shipyard)"
IN_PLACE = r"(?:in|at|near|outside) (?:(?P<place>⟨[gfo]\d+⟩)|(?P<word>[A-Z][\w-]+(?: [A-Z][\w-]+)?))"


def site_name(view: View, m: "re.Match[str]") -> str | None:
    """'Blagnac plant' from a match of SITE followed by IN_PLACE."""
    where = view.name(m.group("place")[2:-1]) if m.group("place") else m.group("word")
    return f"{where} {m.group('noun').lower().split()[-1]}" if where else None


def object_entity(view: View, obj: str) -> tuple[str, int] | None:
    """The organisation a verb acts on, from the words after the verb, and where it ends:
    'its Ampere unit' -> Ampere, 'its unit Mobilize' -> Mobilize, "Cruise's team" -> Cruise."""
    obj = re.split(r" (?:;|, which|, who|, but|, while|, after|, as|because|in order to)\b", obj)[0]
    found = list(re.finditer(r"⟨([of])(\d+)⟩( '?s?)?", obj))
    for k, m in enumerate(found):
        idx = m.group(2)
        possessor = (m.group(3) or "").strip() in ("'s", "'")
        if view.is_agency(idx):
            continue
        if re.match(r"\s*(?:'s )?(?:IPO|listing|plan|plans|deal|bid|offer|merger|talks|project|stake|shares|"
                    r"proposal|takeover|acquisition|idea)\b", obj[m.end():], re.I):
            return None         # "scraps Lumen IPO": the IPO is the object, not Lumen
        if possessor and k + 1 < len(found) and len(obj[m.end():found[k + 1].start()].split()) <= 8:
            continue            # "its Ampere unit": the owned thing follows its owner
        if possessor and re.match(r"\s*(?:[\w-]+ ){0,2}?(?:plant|plants|factory|factories|site|sites|works|mill|"
                                  r"fab|facility|facilities|refinery|yard|shipyard|store|stores|branch|branches|"
                                  r"office|offices|line|lines)\b", obj[m.end():], re.I):
            return None         # "close its assembly plant in Umeå": a site, not the company
        return idx, m.end(2) + 1
    return None
