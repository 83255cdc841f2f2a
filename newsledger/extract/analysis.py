"""Read one article: parse its paragraphs, find and type the mentions, resolve them.

The result, an `Analysis`, is what every fact extractor reads: the parsed sentences
and, for each, the mentions in it with the document-level entity they stand for.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from spacy.language import Language

from .. import lexicon as lx
from ..names import acronym_of, fold, name_key
from . import mentions as mx
from .text import Paragraph, paragraphs, parser_form

ABBREVIATIONS = {"co.", "corp.", "inc.", "ltd.", "mr.", "ms.", "mrs.", "dr.", "st.", "no.",
                 "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.",
                 "oct.", "nov.", "dec.", "u.s.", "u.k.", "vs.", "approx.", "est.", "gov.",
                 "sen.", "rep.", "jr.", "sr.", "bros.", "plc.", "s.a."}


@Language.component("newsledger_boundaries")
def keep_abbreviations_inside(doc):
    """'Nissan Motor Co. President Makoto Uchida' is one sentence, not two."""
    for t in doc[1:]:
        if doc[t.i - 1].lower_ in ABBREVIATIONS and not t.text[:1] in ('"',):
            t.is_sent_start = False
    return doc


# Page text sometimes glues a credit to the next name ("Finance LPGeneral Motors").
GLUED_CAPITALS = r"(?<=[A-Z]{2})(?=[A-Z][a-z]{2,})"


def ensure_components(nlp) -> None:
    if "newsledger_boundaries" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("newsledger_boundaries", before="parser")
    if not nlp.meta.get("_newsledger_infixes"):
        from spacy.util import compile_infix_regex
        infixes = list(nlp.Defaults.infixes) + [GLUED_CAPITALS]
        nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        nlp.meta["_newsledger_infixes"] = True


@dataclass
class Sentence:
    idx: int
    para: int
    start: int            # char offsets into the document text
    end: int
    span: object          # the spaCy Span (offsets relative to its paragraph)
    offset: int           # char offset of its paragraph in the document


@dataclass
class Cluster:
    idx: int
    type: str
    names: Counter = field(default_factory=Counter)
    votes: Counter = field(default_factory=Counter)
    unit: bool = False        # spoken of as a unit/division/subsidiary somewhere
    agency: bool = False      # a news organisation
    union: bool = False
    mentions: int = 0
    described: set = field(default_factory=set)   # "carmaker", "group": what the article calls it

    @property
    def name(self) -> str:
        forms = list(self.names)
        if self.type == "person":
            return max(forms, key=lambda f: (len(f.split()), self.names[f], len(f)))
        full = [f for f in forms if not (f.isupper() and len(f) <= 5)] or forms
        return max(full, key=lambda f: (self.names[f] + 0.5 * len(f.split()), len(f)))


@dataclass
class Analysis:
    text: str
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    mentions: list[mx.Mention]
    clusters: list[Cluster]

    def entity_name(self, m: mx.Mention) -> str | None:
        return self.clusters[m.cluster].name if m.cluster is not None else None

    def cluster_of(self, m: mx.Mention) -> Cluster | None:
        return self.clusters[m.cluster] if m.cluster is not None else None

    def in_sentence(self, s: Sentence) -> list[mx.Mention]:
        return [m for m in self.mentions if m.sent == s.idx]


def analyse(text: str, nlp) -> Analysis:
    ensure_components(nlp)
    paras = [p for p in paragraphs(text) if not p.heading]
    docs = list(nlp.pipe([parser_form(p.text) for p in paras]))
    caps = mx.capital_vocabulary(docs)
    sentences: list[Sentence] = []
    mentions: list[mx.Mention] = []
    for pi, (p, d) in enumerate(zip(paras, docs)):
        sent_of_token = {}
        for s in d.sents:
            sentences.append(Sentence(len(sentences), pi, p.start + s.start_char,
                                      p.start + s.end_char, s, p.start))
            for t in s:
                sent_of_token[t.i] = len(sentences) - 1
        mentions.extend(_paragraph_mentions(d, p, pi, caps, sent_of_token))
    mentions.sort(key=lambda m: (m.start, -m.end))
    clusters = _cluster_names(mentions)
    _mark_dateline_agency(text, mentions, clusters)
    _resolve_references(mentions, clusters, sentences, text)
    return Analysis(text, paras, sentences, mentions, clusters)


def _paragraph_mentions(d, p: Paragraph, pi: int, caps, sent_of_token) -> list[mx.Mention]:
    out = []
    runs = mx.name_runs(d, caps)
    covered = set()
    for i, j in runs:
        covered.update(range(i, j))
    for i, j in mx.digit_led_products(d):
        if (i + 1, j) in runs:          # "the 5 E-Tech": the number belongs to the model name
            runs.remove((i + 1, j))
            covered.difference_update(range(i + 1, j))
        if not covered.intersection(range(i, j)):
            runs.append((i, j))
            covered.update(range(i, j))
    runs.sort()
    votes = [mx.mention_votes(d, i, j, d[i:j].text) for i, j in runs]
    _share_votes_in_lists(d, runs, votes)
    unit_runs = {k for k, (i, j) in enumerate(runs) if mx.unit_context(d, i, j)}
    for g in _list_groups(d, runs):        # "subsidiaries: Ampere Energy and Ampere Software"
        if unit_runs.intersection(g):
            unit_runs.update(g)
    for k, ((i, j), v) in enumerate(zip(runs, votes)):
        unitish = k in unit_runs
        if unitish:
            v["organization"] += 3      # whatever is called a unit is an organisation
        span = d[i:j]
        start = p.start + span.start_char
        end = p.start + span.end_char
        text = p.text[span.start_char:span.end_char]
        poss = j < len(d) and d[j].text in ("'s", "'")
        out.append(mx.Mention(start, end, text, None, "name", sent_of_token.get(i, -1), (i, j),
                              pi, possessive=poss, votes=v, unitish=unitish,
                              mid_sentence=not (d[i].is_sent_start or mx.opens_quotation(d[i])),
                              described=mx.descriptor_nouns(d, i, j),
                              subject=any(t.dep_ in ("nsubj", "nsubjpass") for t in span)))
    for i, j, head in mx.descriptions(d):
        inside = covered.intersection(range(i, j))
        # "the Gothenburg-based group" is a description even though it holds a place name
        if inside and not all(mx.norm(d[k].text) in lx.PLACES or d[k + 1:k + 3].text.replace(" ", "").startswith("-based")
                              for k in inside):
            continue
        span = d[i:j]
        plural = d[j - 1].tag_ in ("NNS", "NNPS")
        poss = j < len(d) and d[j].text in ("'s", "'")
        out.append(mx.Mention(p.start + span.start_char, p.start + span.end_char,
                              p.text[span.start_char:span.end_char], mx.head_class(head),
                              "description", sent_of_token.get(i, -1), (i, j), pi, head=head,
                              possessive=poss, plural=plural))
    for m in out:
        if m.kind == "description":
            m.subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in d[m.tok[0]:m.tok[1]])
    for t in d:
        low = t.lower_
        if low in mx.PRONOUNS and t.pos_ == "PRON" or low in ("its", "his", "her") and t.i not in covered:
            typ, poss = mx.PRONOUNS.get(low, ("organization", True))
            out.append(mx.Mention(p.start + t.idx, p.start + t.idx + len(t.text), t.text, typ,
                                  "pronoun", sent_of_token.get(t.i, -1), (t.i, t.i + 1), pi,
                                  head=low, possessive=poss,
                                  subject=t.dep_ in ("nsubj", "nsubjpass")))
        elif low in ("their", "they", "them"):
            out.append(mx.Mention(p.start + t.idx, p.start + t.idx + len(t.text), t.text,
                                  "organization", "pronoun", sent_of_token.get(t.i, -1),
                                  (t.i, t.i + 1), pi, head=low, possessive=low == "their",
                                  plural=True))
    return out


def _list_groups(d, runs) -> list[list[int]]:
    """Indices of runs coordinated in one list ('Douai, Maubeuge, and Ruitz')."""
    groups: list[list[int]] = []
    closed: list[bool] = []
    for k, (i, j) in enumerate(runs):
        if groups and not closed[-1]:
            pi, pj = runs[groups[-1][-1]]
            between = [t.lower_ for t in d[pj:i]]
            if between and all(w in (",", "and", "or", "&", "as", "well") for w in between):
                groups[-1].append(k)
                closed[-1] = any(w in ("and", "or", "&") for w in between)
                continue
        groups.append([k])
        closed.append(False)
    # "X, Y's CEO" is an apposition, not a list
    return [g for g, done in zip(groups, closed) if len(g) >= 2 and done]


def _share_votes_in_lists(d, runs, votes) -> None:
    """Names in one coordination ('Douai, Maubeuge, and Ruitz') are things of one kind."""
    for g in _list_groups(d, runs):
        # the kind of thing is shared; a person is known by their own name, never by a list
        shared = mx.context_votes(d, runs[g[0]][0], runs[g[-1]][1])
        org_votes = max(votes[k].get("organization", 0) for k in g)
        for k in g:
            if votes[k].get("organization", 0) < org_votes * 0.75:
                votes[k]["organization"] = org_votes * 0.75
            own = mx.context_votes(d, *runs[k])
            for t, v in shared.items():
                votes[k][t] += max(0, v - own.get(t, 0))


def _cluster_names(mentions: list[mx.Mention]) -> list[Cluster]:
    forms: dict[str, Counter] = defaultdict(Counter)
    surface: dict[str, Counter] = defaultdict(Counter)
    unit_forms = {fold(m.text) for m in mentions if m.kind == "name" and m.unitish}
    for m in mentions:
        if m.kind != "name":
            continue
        f = fold(m.text)
        forms[f].update(m.votes)
        surface[f][m.text.replace("\u2019", "'")] += 1
    clusters: list[Cluster] = []
    form_cluster: dict[str, int] = {}
    # longest names first: they anchor the short forms that follow
    for f in sorted(forms, key=lambda x: (-len(x.split()), -len(x))):
        votes = forms[f]
        typ = votes.most_common(1)[0][0] if votes and votes.most_common(1)[0][1] > 0 else None
        target = None
        for c in clusters:
            if _same_entity(f, typ, c, votes, sum(surface[f].values())) or _short_form_of(
                    f, votes, sum(surface[f].values()), c, clusters, unit_forms):
                target = c
                break
        if target is None:
            target = Cluster(len(clusters), typ or "")
            clusters.append(target)
        target.names.update(surface[f])
        target.votes.update(votes)
        form_cluster[f] = target.idx
    mid_sentence = {fold(m.text) for m in mentions if m.kind == "name" and m.mid_sentence}
    for c in clusters:
        c.type = c.votes.most_common(1)[0][0] if c.votes and c.votes.most_common(1)[0][1] > 0 else ""
        c.type = _fallback_type(c, surface, mid_sentence)
        c.agency = any(fold(n) in lx.NEWS_AGENCIES for n in c.names)
    for m in mentions:
        if m.kind == "name":
            c = clusters[form_cluster[fold(m.text)]]
            c.described |= m.described
            if c.type:
                m.cluster = c.idx
                m.type = c.type
                c.mentions += 1
    return clusters


def _fallback_type(c: Cluster, surface: dict[str, Counter], mid_sentence: set[str]) -> str:
    """An unknown capitalised word used mid-sentence, with no sign of being a person
    ('Lindgate', 'Fjallair', 'Motores Ibéricos'), names a company in business news."""
    forms = [f for f in surface if any(fold(n) == f for n in c.names)]
    count = sum(sum(surface[f].values()) for f in forms) or 1
    if c.type == "place" and not any(f in lx.PLACES for f in forms) and (
            c.votes.get("place", 0) / count < 1.5 and c.votes.get("organization", 0) > 0) and (
            count >= 2 or c.votes.get("organization", 0) > c.votes.get("place", 0)):
        return "organization"        # the model's GPE guess for an unknown company name
    if c.type not in ("", "person"):
        return c.type
    if c.type == "person" and c.votes.get("person", 0) / count >= 1.5:
        return c.type
    if not any(f in mid_sentence for f in forms):
        return c.type
    if c.votes.get("place", 0) > c.votes.get("organization", 0):
        return "place"               # only ever "in Umeå", "near Kolding"
    if any(mx.is_given_name(n.split()[0]) for n in c.names):
        return c.type
    return "organization"


# "ZURICH, January 29 (Alpine Wire) -": whoever is in the dateline's brackets is the news outlet
DATELINE_CREDIT = re.compile(r"\s*[A-Z][\w .,'/-]{1,40}?\s*\(([A-Z][\w .&'-]{1,40})\)\s*[-\u2013\u2014]")


def _mark_dateline_agency(text: str, mentions, clusters) -> None:
    for line in text.splitlines()[:4]:
        m = DATELINE_CREDIT.match(line)
        if not m:
            continue
        offset = text.index(line) + m.start(1)
        for mention in mentions:
            if mention.kind == "name" and mention.cluster is not None and offset <= mention.start < offset + len(m.group(1)):
                clusters[mention.cluster].agency = True
        return


def _short_form_of(form: str, votes: Counter, count: int, c: Cluster, clusters: list[Cluster],
                   unit_forms: set[str] = frozenset()) -> bool:
    """'Keystone' after 'Keystone Mortgages', 'Alder' after 'Alder Building Society': a
    company's leading name word(s) with only company words dropped stand for it, unless
    the short form reads as a person on its own or another company starts the same way."""
    if c.votes.get("organization", 0) <= max(c.votes.get("person", 0), c.votes.get("place", 0)):
        return False
    if votes.get("person", 0) >= 2.5 * count or votes.get("place", 0) >= 3.5 * count:
        return False

    def expands(name: str) -> bool:
        words = name.split()
        n = len(form.split())
        # ("Luftwerk UAS", Luftwerk's drone division: a unit named after its parent is not it)
        return (len(words) > n and " ".join(words[:n]) == form
                and (all(w in lx.ORG_SUFFIXES for w in words[n:])
                     or (n == 1 and form not in lx.COMMON_NAME_WORDS and form not in lx.PLACES
                         and name not in unit_forms
                         and not any(w in lx.PLACES or w in lx.DEMONYMS for w in words[n:]))))

    if not any(expands(fold(n)) for n in c.names):
        return False
    candidates = [o for o in clusters if any(expands(fold(n)) for n in o.names)]
    if len(candidates) > 1:
        # "Aurelia" beside "Aurelia Airlines", its subsidiary "Aurelia Express" and its arm
        # "Aurelia Technics": the one that is not called a unit
        candidates = [o for o in candidates if not any(fold(n) in unit_forms for n in o.names)]
    return candidates == [c]


def weak_or_person(typ: str | None, votes: Counter | None, count: int) -> bool:
    """A form typed person, or whose other readings rest on weak hints only."""
    return typ in (None, "person") or (votes is not None and max(votes.values(), default=0) < 2 * count)


def _same_entity(form: str, typ: str | None, c: Cluster, votes: Counter | None = None,
                 count: int = 1) -> bool:
    canon = [fold(n) for n in c.names]
    if typ == "person" or c.type == "person" or c.votes.get("person", 0) > max(
            [v for k, v in c.votes.items() if k != "person"] + [0]):
        # a full name's surname ("Petrov") unless it clearly reads as something else here
        if not weak_or_person(typ, votes, count):
            return False
        words = form.split()
        if any(n == form or (len(words) <= 2 and len(n.split()) > len(words)
                             and n.endswith(" " + form)) for n in canon):
            return True
        # "Matteo" for "Matteo Ferrante" (only a given name, and only when one person has it)
        return (len(words) == 1 and weak_or_person(typ, votes, count) and mx.is_given_name(form.title())
                and any(n.startswith(form + " ") for n in canon))
    if typ == "place" or c.type == "place":
        return form in canon
    for n in canon:
        if n == form or name_key(n) == name_key(form):
            return True
        if form.upper() == form.replace(" ", "").upper() and len(form) <= 5:
            pass
    # acronyms: 'GM' for 'General Motors'
    raw_forms = list(c.names)
    if len(form) <= 5 and " " not in form:
        return any(acronym_of(n).casefold() == form for n in raw_forms if " " in n)
    return False


# ---------------------------------------------------------------- references

COMPANY_HEADS = {"group", "automaker", "carmaker", "maker", "manufacturer", "conglomerate",
                 "corporation", "giant", "car maker", "auto maker", "mothership", "parent",
                 "owner", "parent company", "holding company", "company", "firm"}
NEWS_HEADS = {"outlet", "newspaper", "agency", "publication", "broadcaster", "paper"}


def _resolve_references(mentions, clusters, sentences, text: str = "") -> None:
    """Point each description and pronoun to the cluster it refers to (or leave it alone)."""
    _mark_units(mentions, clusters)
    freq = Counter(m.cluster for m in mentions if m.cluster is not None)
    seen: list[mx.Mention] = []
    for m in mentions:
        if m.kind == "name":
            if m.cluster is not None:
                seen.append(m)
            continue
        m.related = bool(RELATION_BEFORE.search(text[max(0, m.start - 40):m.start]))
        target = _coordinated_owner(m, seen, text)
        if target is None:
            target = _antecedent(m, seen, clusters, freq)
        if target is not None:
            m.cluster = target
            m.type = clusters[target].type
            seen.append(m)


def _mark_units(mentions, clusters) -> None:
    by_para = defaultdict(list)
    for m in mentions:
        by_para[m.para].append(m)
    for c in clusters:
        c.union = any("union" in fold(n).split() for n in c.names)
    for m in mentions:
        if m.kind == "name" and m.cluster is not None and m.unitish:
            clusters[m.cluster].unit = True


# "a subsidiary of", "owned by", "merge with", "sold to": the other side of a relation
RELATION_BEFORE = re.compile(r"\b(?:subsidiary|unit|division|arm|part|owned|acquired|bought|taken over|merged?|combined|"
                             r"sold|sell|rival|competitor|partner|ally) (?:of|by|with|to|into) $", re.I)


def _coordinated_owner(m: mx.Mention, seen: list[mx.Mention], text: str) -> int | None:
    """'by Arvelle and its then-chief executive': a possessive right after 'X and' is X's."""
    if m.kind != "pronoun" or not m.possessive or not seen:
        return None
    last = seen[-1]
    if last.sent == m.sent and re.fullmatch(r"\s*(?:'s\s*)?(?:,\s*)?and\s+", text[last.end:m.start]):
        expected = "person" if m.type == "person" else "organization"
        if last.type == expected:
            return last.cluster
    return None


def _antecedent(m: mx.Mention, seen: list[mx.Mention], clusters, freq) -> int | None:
    window = [s for s in reversed(seen) if 0 <= m.sent - s.sent <= 3 and s.start < m.start]
    if m.type == "person":
        people = [s for s in window if clusters[s.cluster].type == "person"]
        # "appointed Karin Blom as his successor": "his" is not Karin
        wanted = {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female"}.get(m.text.lower())
        if wanted:
            people = [s for s in people if mx.gender_of(clusters[s.cluster].name) in (None, wanted)]
        same = [s for s in people if s.sent == m.sent]
        if same:
            return same[0].cluster
        # "X had stepped down ... which owns Gucci, Yves Saint Laurent ... He was replaced":
        # the subject of the sentence before, not the last name in it
        subjects = [s for s in people if s.subject] if m.kind == "pronoun" else []
        return (subjects or people)[0].cluster if (subjects or people) else None
    if m.head in NEWS_HEADS:
        for s in window:
            if clusters[s.cluster].agency:
                return s.cluster
        return None
    orgs = [s for s in window if clusters[s.cluster].type == "organization"
            and not clusters[s.cluster].agency and not clusters[s.cluster].union]
    if not orgs:
        return None
    if m.kind == "pronoun":
        # "its" after a company in the same sentence is that company; otherwise the subject
        # of the sentence before ("Ampere houses ... It also operates ...")
        same = [s for s in orgs if s.sent == m.sent]
        if same:
            subjects = [s for s in same if s.subject]
            if not m.possessive and not m.subject and subjects:
                # "GM ... is ending the subsidiary's efforts and will combine it with ...": an
                # object pronoun is not its own clause's subject; the latest other company is
                others = [s for s in same if s.cluster not in {x.cluster for x in subjects}]
                if others:
                    return others[0].cluster
            # "X will combine Y's team with its own": the clause's subject, not the nearest name
            return (subjects or same)[0].cluster
        subjects = [s for s in orgs if s.subject]
        return (subjects or orgs)[0].cluster
    if m.type == "unit":
        units = [s for s in orgs if clusters[s.cluster].unit]
        return (units or orgs)[0].cluster
    if m.kind == "description" and m.head not in ("parent", "parent company", "owner", "mothership") and m.related:
        # "Helix ... will become a subsidiary of the Gothenburg-based group": not its own subject
        subjects_here = {s.cluster for s in orgs if s.sent == m.sent and s.subject}
        orgs = [s for s in orgs if s.cluster not in subjects_here] or orgs
    described = [s for s in orgs if m.head in clusters[s.cluster].described]
    if described and len({s.cluster for s in described}) == 1:
        return described[0].cluster     # "the carmaker" after "Gothenburg-based carmaker Norvik"
    if m.head in COMPANY_HEADS:
        # "the French group", "the automaker": a whole company, the most talked-about one
        whole = [s for s in orgs if not clusters[s.cluster].unit] or orgs
        if m.head in ("company", "firm"):
            # "Helix raised money from Tamarack, which now holds a stake in the company":
            # within one sentence, the company is the one the sentence is about
            subject = [s for s in whole if s.sent == m.sent and s.subject]
            if subject and whole[0].sent == m.sent and not whole[0].subject:
                return subject[-1].cluster
            return whole[0].cluster if whole is not orgs else orgs[0].cluster
        best = max({s.cluster for s in whole}, key=lambda c: (freq[c], -_first_pos(whole, c)))
        return best
    return orgs[0].cluster


def _first_pos(window, c) -> int:
    for k, s in enumerate(window):
        if s.cluster == c:
            return k
    return 99
