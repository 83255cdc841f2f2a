"""position: what the patterns cannot say sentence by sentence -- successions.

"The board has appointed finance chief Karin Blom as his successor", "Provost succeeds
de Meo", "The Italian will replace Pinault": the newcomer takes the role the article
gives the person they succeed, at the same organisation.  The role comes from the
other position facts of the article (patterns/position.json finds those).
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Token

from .. import dates, lexicon as lx
from ..models import HANDED_OVER, Evidence, Fact, TimeSpan
from . import arguments as A
from . import extractor, modality, timing
from . import roles as R

SUCCESSION_NOUNS = ("successor", "replacement")
SUCCESSION_VERBS = ("succeed", "replace")
GENERIC = ("executive", "leader", "founder")


@extractor("position")
def successions(ctx, facts: list[Fact]) -> list[Fact]:
    held: dict[str, list[Fact]] = {}
    for f in facts:
        if f.type == "position" and f.args.get("role") not in GENERIC:
            held.setdefault(f.args["person"], []).append(f)
    out = []
    for t in ctx.doc:
        if ctx.skip(t):
            continue
        pair = _succession(t)
        if pair is None:
            continue
        newcomers, predecessors = pair
        # (a successor still to come: the predecessor holds the post until then)
        ends = modality.status_of(t) != "planned"
        for new in _people(newcomers):
            for old in _people(predecessors):
                if new == old:
                    continue
                # (a post still to be taken over is not one the newcomer holds now: "will hand
                # over to Y, currently head of the container business")
                taken = [f for f in held.get(ctx.name(new), []) if ctx.sentence_of(f) == t.sent.start
                         and f.status in (("actual", "planned") if ends else ("planned",))]
                named = _post_named(t)
                if named:       # "finance chief X will succeed Y as CEO": the post taken is the CEO's
                    taken = [f for f in taken if f.args.get("role") in named] or taken
                if taken:       # "named X as CEO, replacing Y": Y held that post
                    # (a successor still to come: Y holds it until then -- "X will succeed Y as
                    # CEO on April 1" -- and the post ends when X's starts)
                    out.extend(_leaving(ctx, t, old, f, "former" if ends else "actual")
                               for f in taken if ends or f.status == "planned")
                else:           # "X as his successor": X takes Y's post, and Y's is over
                    # (a post Y is only to take is not the one X takes over from Y)
                    posts = [p for p in held.get(ctx.name(old), []) if p.status in ("actual", "former")]
                    # (the post Y is said to leave, when the article says which: "Hale will
                    # retire ... and will be succeeded by X", not another Y holds on)
                    posts = [p for p in posts if p.status == "former"] or posts
                    for f in posts:
                        out.append(_taking_over(ctx, t, new, f))
                        if f.status == "actual" and ends:
                            out.append(_leaving(ctx, t, old, f))
    return out


def _succession(t: Token) -> tuple[list[Token], list[Token]] | None:
    lemma = t.lemma_.lower()
    if t.pos_ == "NOUN" and lemma in SUCCESSION_NOUNS:
        before = R.possessors(t) + R.prep_objects(t, ("to", "of", "for"))
        return R.holders(t), before
    if t.pos_ == "VERB" and lemma in SUCCESSION_VERBS:
        newcomers = R.agents(t)
        if t.dep_ == "advcl" and not _people(newcomers):
            newcomers = R.children(t.head, "dobj")     # "named X as CEO, replacing Y": X replaces
        return newcomers, R.patients(t)
    return None


def _post_named(t: Token) -> list[str]:
    """The roles a succession verb names with "as" ('succeed Y as chief executive'), or the
    appointment it qualifies ('named X as CEO, replacing Y')."""
    out = []
    verbs = [t] + ([t.head] if t.dep_ in ("advcl", "xcomp", "conj") and R.is_verb(t.head) else [])
    for o in [o for v in verbs for o in R.prep_objects(v, ("as",))]:
        out.extend(A.role_names(o.doc[slice(*A.title_span(o))]))
    return out


def _people(tokens: list[Token]) -> list[int]:
    refs = []
    for tok in tokens:
        refs.extend(r.ref for r in A.expand(tok, "person") if r.ref not in refs)
    return refs


def _leaving(ctx, trigger: Token, predecessor: int, post: Fact, status: str = "former") -> Fact:
    """The post a newcomer takes was the predecessor's: now over (ending when the
    newcomer's starts, when the article says)."""
    args = {"person": ctx.name(predecessor), "org": post.args["org"], "role": post.args["role"]}
    time = TimeSpan(None, post.time.start, post.time.approx, post.time.text, post.time.resolved) \
        if post.time.start else TimeSpan()
    return Fact(ctx.document.doc_id, "position", args, _evidence(ctx, trigger), time, status, confidence=0.45)


def _evidence(ctx, trigger: Token) -> Evidence:
    sent = trigger.sent
    words = [i for i in (trigger.i, trigger.head.i) if sent.start <= i < sent.end]
    start, end = ctx.doc[min(words)].idx, ctx.doc[max(words)].idx + len(ctx.doc[max(words)].text)
    return Evidence.of(ctx.document.text, start, end)


def _taking_over(ctx, trigger: Token, newcomer: int, held: Fact) -> Fact:
    status = modality.status_of(trigger)
    status = "planned" if status == "planned" else "actual"
    span = timing.attached_time(trigger, (), True)
    time = timing.as_timespan(span, "start") if span is not None else TimeSpan()
    if status == "planned":
        time = timing.future_of(time, ctx.document.published)
    args = {"person": ctx.name(newcomer), "org": held.args["org"], "role": held.args["role"]}
    return Fact(ctx.document.doc_id, "position", args, _evidence(ctx, trigger), time, status, confidence=0.6)


def handovers(facts: list[Fact], published: str | None) -> list[Fact]:
    """'Dunmore will take over on 1 May', '... to succeed chief executive Richard Hale': one
    post at one organisation handed from one person to another in the article -- the
    holder leaving (their post over, or ending) lacks an end, the newcomer's start is
    dated (a post still to come, or taken up in the story's year) -- ends when the other
    starts; and a newcomer still to come with no date starts when the leaving holder's
    dated end is.  Only with one newcomer and one leaver of that post, each with one date."""
    starts: dict[tuple, set] = {}
    ends: dict[tuple, set] = {}
    comers: dict[tuple, set] = {}
    leavers: dict[tuple, set] = {}
    year = (published or "")[:4]
    for f in facts:
        if f.type != "position" or f.args.get("role") in GENERIC:
            continue
        key = (f.args.get("org"), f.args.get("role"))
        if f.status == "planned" or f.status == "actual" and f.time.start and year and f.time.start[:4] >= year:
            comers.setdefault(key, set()).add(f.args["person"])
            if f.time.start and f.time.text != timing.STORY_DAY:
                starts.setdefault(key, set()).add(f.time.start)
        elif f.status == "former" or f.status == "actual" and f.time.end:
            leavers.setdefault(key, set()).add(f.args["person"])
            if f.time.end:
                ends.setdefault(key, set()).add(f.time.end)
    out = []
    for f in facts:
        key = (f.args.get("org"), f.args.get("role"))
        if f.type == "position" and len(comers.get(key, ())) == 1 and len(leavers.get(key, ())) == 1 \
                and comers[key] != leavers[key] and (f.time.is_empty() or f.time.text == timing.STORY_DAY):
            person = f.args["person"]
            if person in leavers[key] and f.status == "former" and len(starts.get(key, ())) == 1:
                f = dataclasses.replace(f, time=TimeSpan(None, next(iter(starts[key])), True, HANDED_OVER))
            elif person in comers[key] and f.status == "planned" and len(ends.get(key, ())) == 1 and \
                    published and next(iter(ends[key])) >= published[:len(next(iter(ends[key])))]:
                f = dataclasses.replace(f, time=TimeSpan(next(iter(ends[key])), None, True, HANDED_OVER))
        out.append(f)
    return out


TENURE_NOUNS = lx.words("tenure_nouns")
SENIOR = ("CEO", "chair", "head", "president")


def tenure_lengths(ctx, facts: list[Fact]) -> list[Fact]:
    """'De Meo turned the carmaker around in his five years at the helm', "Hale's nine years
    at the top", 'in her three years as chief executive': a person's tenure said to have
    lasted N years began N years before it ended (or, held now, before the story), the
    year approximately.  The post is the one named ('as chief executive'), else the
    person's senior post in the article, when there is one."""
    doc = ctx.doc
    published = ctx.document.published
    lengths: dict[str, list[tuple[int, list[str]]]] = {}
    for span in doc.spans.get("times", []):
        root = span.root
        if span._.time_role != "duration":
            continue
        if root.lower_ in ("after", "following") and root.head.lemma_.lower() in modality.DEPARTURE_VERBS:
            # "when Ellery retires after 11 years in the role": the leaver's whole tenure
            owners = [s for s in R.subjects(root.head) if s._.ref >= 0 and ctx.clusters[s._.ref].type == "person"]
            offset = dates.parse_offset(span.text.split(None, 1)[-1])
            if owners and offset and offset[0] and not offset[1]:
                lengths.setdefault(ctx.name(owners[0]._.ref), []).append((offset[0], []))
            continue
        if root.lemma_.lower() != "year":
            continue
        owners = [c for c in root.children if c.dep_ == "poss" and c._.ref >= 0
                  and ctx.clusters[c._.ref].type == "person"]
        if not owners:
            continue
        roles: list[str] | None = None
        for prep in root.children:
            if prep.dep_ != "prep":
                continue
            # ("at the top", which the small model may hang as a modifier of what follows)
            if prep.lower_ in ("at", "in") and any(t.lemma_.lower() in TENURE_NOUNS and not t.is_sent_start
                                                   for t in doc[prep.i + 1:prep.i + 3]):
                roles = []
            for o in R.children(prep, "pobj"):
                if prep.lower_ == "as":
                    roles = A.role_names(doc[slice(*A.title_span(o))]) or None
        offset = dates.parse_offset(span.text)
        if roles is None or not offset or not offset[0] or offset[1]:
            continue
        lengths.setdefault(ctx.name(owners[0]._.ref), []).append((offset[0], roles))
    if not lengths:
        return facts
    out = []
    for f in facts:
        said = lengths.get(f.args.get("person")) if f.type == "position" else None
        if said and not f.time.start and f.status in ("actual", "former") and len(said) == 1:
            months, roles = said[0]
            mine = {g.args.get("role") for g in facts if g.type == "position" and g.args.get("person") == f.args["person"]
                    and g.args.get("org") == f.args.get("org")}
            fits = f.args.get("role") in roles if roles else (
                f.args.get("role") in SENIOR and len(mine & set(SENIOR)) == 1)
            base = f.time.end if f.status == "former" else (published or "")[:4] or None
            if fits and base:
                begun = dates.shift(TimeSpan(base[:4], None, True), months=-months)
                f = dataclasses.replace(f, time=TimeSpan(begun.start, f.time.end, True, f.time.text, f.time.resolved))
        out.append(f)
    return out
