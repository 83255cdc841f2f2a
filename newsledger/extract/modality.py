"""Status from the parse: did it happen, is it planned, called off, denied, or over?

Starting at a fact's trigger, the words it hangs from are read upwards through its
clause and the verbs that govern it ("Nissan to end talks on a proposed business
integration": integration <- talks <- end):

* a word that calls things off above the trigger ("end", "scrap", "called off",
  "rejected", "the collapse of") makes it `cancelled`;
* a negation ("not", "never", "no plans", "decided against", "ruled out") `negated`;
* a plan word ("plans to", "talks", "proposal", "agreed to"), a future auxiliary
  ("will", "is to"), a scheduling word ("set to", "due to", "expected to") or a
  progressive ("is shutting down") makes it `planned`;
* otherwise it is `actual`.

The first strong cue on the way up decides, and calling off outranks the plan it
calls off.  A pattern may fix a status instead (a departure verb makes a role
`former`).  Nothing here looks at word order; only at the tree.
"""
from __future__ import annotations

from spacy.tokens import Token

from .. import lexicon as lx
from . import roles as R

PLAN_VERBS = lx.words("plan_verbs")
PLAN_NOUNS = lx.words("plan_nouns")
ATTEMPT_NOUNS = lx.words("attempt_nouns")
CANCEL_WORDS = lx.words("cancel_words")
CANCEL_PHRASES = {k: set(v.split("|")) for k, v in lx.table("cancel_phrases").items()}
NEGATION_WORDS = lx.words("negation_words")
NEGATING_VERBS = lx.table("negating_verbs")
PROCEEDING_VERBS = {k: set(v.split("|")) for k, v in lx.table("proceeding_verbs").items()}
FUTURE_AUX = lx.words("future_auxiliaries")
DEPARTURE_VERBS = lx.words("departure_verbs") | {"step"}
REPLACING_VERBS = lx.words("replacing_verbs")
STAYING_VERBS = lx.words("staying_verbs")
SCHEDULE_WORDS = lx.words("schedule_adjectives")
POST_NOUNS = lx.words("post_nouns")
ENDING_VERBS = lx.words("ending_verbs") | lx.words("selling_verbs")
FORMER_ADVERBS = lx.words("former_adverbs")
NEARING_WORDS = lx.words("nearing_words")
BECOMING_VERBS = lx.words("becoming_verbs")
# dependencies the walk up may follow: from a word to what it hangs from
UPWARD = ("xcomp", "ccomp", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "acl", "compound", "amod",
          "attr", "oprd", "pcomp", "advcl", "appos", "npadvmod", "conj", "dep", "nmod", "poss")
MAX_STEPS = 6


def _particle(t: Token) -> str:
    prt = R.children(t, "prt")
    return prt[0].lower_ if prt else "-"


def _for_now(t: Token) -> bool:
    """'shelved, for now', 'suspended until markets recover', 'put on hold': a halt meant to
    end, so what it halts is still a plan (postponed), not called off."""
    # (the parser hangs "for now" on the verb or on its object: the whole clause counts)
    for c in (R.descendants_within(t) if R.is_verb(t) else t.children):
        if c.lower_ in ("temporarily", "provisionally"):
            return True
        if c.dep_ == "prep" and c.lower_ in ("until", "till", "pending"):
            return True
        if c.dep_ == "prep" and c.lower_ == "for" and any(g.lower_ in ("now", "time", "moment") for g in c.subtree):
            return True
        if c.dep_ == "prep" and c.lower_ == "on" and any(g.lower_ in ("hold", "ice") for g in c.children):
            return True
    return False


def _reported(v: Token) -> bool:
    """A past tense that only follows a past speech verb ("said he was CEO"): still now."""
    return v.dep_ == "ccomp" and v.head.lemma_.lower() in lx.words("speech_verbs")


def _past_perfect(v: Token) -> bool:
    """'had run', 'had been CEO': over by the time the story speaks of."""
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") and c.tag_ == "VBD" for c in v.children)


def _no_longer(t: Token) -> bool:
    return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in t.children)


def _cancels(t: Token) -> bool:
    lemma = t.lemma_.lower()
    if _for_now(t):
        return False
    if lemma in CANCEL_WORDS:
        return True
    ways = CANCEL_PHRASES.get(lemma, ())
    return _particle(t) in ways or any(c.lower_ in ways for c in t.children)


def _not_until(t: Token) -> bool:
    """'will not take place before 2026', 'won't list until the spring': put off to then,
    not denied."""
    return any(c.dep_ == "neg" for c in t.children) and bool(R.prep_objects(t, NOT_UNTIL))


NOT_UNTIL = ("before", "until", "till")


def _negates(t: Token) -> bool:
    if _not_until(t):
        return False
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
        return True
    if any(c.dep_ == "prep" and c.lower_ in ("against", "without") for c in t.children):
        return False
    lemma = t.lemma_.lower()
    return lemma in NEGATING_VERBS and NEGATING_VERBS[lemma] in (_particle(t), "-")


def _proceeds(t: Token) -> bool:
    """'go ahead with', 'proceed with', 'press ahead with': carrying a plan forward."""
    ways = PROCEEDING_VERBS.get(t.lemma_.lower()) if R.is_verb(t) else None
    if not ways:
        return False
    return "-" in ways or any(c.dep_ in ("prt", "advmod") and c.lower_ in ways for c in t.children)


def _plans(t: Token, is_trigger: bool) -> bool:
    lemma = t.lemma_.lower()
    if not is_trigger and (R.is_verb(t) and lemma in PLAN_VERBS or t.pos_ == "NOUN" and lemma in PLAN_NOUNS):
        return True
    if not is_trigger and R.is_verb(t) and _for_now(t):
        return True         # postponed: still a plan
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in t.children):
        # "confirmed ... he would leave the business immediately": a future seen from the
        # past that takes effect at once is done by the time of the report
        return not any(c.lower_ in ("immediately", "forthwith") for c in t.children)
    if any(c.dep_ == "amod" and c.lower_ in SCHEDULE_WORDS and c.i < t.i for c in t.children):
        return True         # "the planned IPO", "a proposed business integration"
    if lemma in SCHEDULE_WORDS and t.pos_ in ("VERB", "ADJ") and R.children(t, "xcomp"):
        return True         # "is set to cease", "is expected to close"
    # "stepped down in order to take control at Kering": a purpose is still ahead
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and t.head.lower_ in ("order", "as") \
            and t.head.head.lower_ in ("in", "so"):
        return True
    # "'A dark day': Meridel to close Leuven plant": in a heading line with no finite verb,
    # 'to' + verb is the headline's future, however the small model hangs it
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and _heading_line(t.sent):
        return True
    # "it is to close", "Nissan to end talks" (a headline's future)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children) and t.dep_ in ("ROOT", "ccomp", "conj") and \
            any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
        return True
    return False


def called_off_plan(trigger: Token) -> bool:
    """Was what is called off a plan ('shelved plans to list', 'ended merger talks')?  Not
    an attempt ('an attempt to float the business was called off': one try, ended)."""
    if any(c.dep_ == "amod" and c.lower_ in SCHEDULE_WORDS and c.i < trigger.i for c in trigger.children):
        return True     # "pulled its planned initial public offering": the plan is news too
    cur = trigger
    for _ in range(MAX_STEPS):
        lemma = cur.lemma_.lower()
        if cur != trigger and cur.pos_ == "NOUN" and lemma in ATTEMPT_NOUNS:
            return False
        if _cancels(cur) and cur != trigger:     # (first: "the failed attempt to combine" is one
            # thing, an attempt that came to nothing, not a plan reported besides its end)
            return any(c.lemma_.lower() in PLAN_NOUNS for c in cur.children if c.dep_ in ("dobj", "nsubjpass", "nsubj"))
        if cur != trigger and (cur.pos_ == "NOUN" and lemma in PLAN_NOUNS or R.is_verb(cur) and lemma in PLAN_VERBS):
            return True
        if cur.head == cur:
            return False
        cur = cur.head
    return False


def departure_of(noun: Token) -> Token | None:
    """The verb that ends the post a title names, when the title's noun phrase is the one
    leaving ('CNN+ head Andrew Morse is leaving', 'its CEO, Luca de Meo, will step down in
    mid-July', 'the head of Renault, Luca de Meo, is to quit') or being replaced ('to
    replace its CEO, Luca de Meo')."""
    np = noun
    while np.head != np and (np.dep_ in ("compound", "appos", "conj", "amod", "nmod", "poss")
                                 or np.dep_ == "pobj" and np.head.lower_ == "as" and np.head.head.pos_ == "NOUN"):
        np = np.head if np.dep_ != "pobj" else np.head.head     # "her predecessor as CFO"
    if np.dep_ in ("nsubj", "nsubjpass") and R.is_verb(np.head):
        for v in [np.head] + [x for x in np.head.children if x.dep_ == "xcomp"] + \
                [y for x in np.head.children if x.dep_ == "xcomp" for y in x.children if y.dep_ == "xcomp"]:
            if v.lemma_.lower() in DEPARTURE_VERBS and (v.lemma_.lower() != "step" or any(
                    c.lower_ in ("down", "aside") for c in v.children)):
                return v
    if np.dep_ == "dobj" and np.head.lemma_.lower() in REPLACING_VERBS:
        return np.head
    return None


def ended_by(noun: Token) -> Token | None:
    """The verb that ends the state a noun names, when its noun phrase is that verb's
    object ('ended its 15-year partnership with X', 'sold its tower unit, X, to Y',
    'absorbed its trading arm X in 2021') and the ending is done, not planned or denied."""
    np = noun
    while np.head != np and np.dep_ in ("compound", "appos", "amod", "nmod"):
        np = np.head
    if np.dep_ == "pobj" and np.head.lower_ == "of" and R.is_verb(np.head.head):
        verb = np.head.head        # "disposed of its unit"
    elif np.dep_ == "dobj" and R.is_verb(np.head):
        verb = np.head
    else:
        return None
    if verb.lemma_.lower() not in ENDING_VERBS or _status_of(verb) != "actual":
        return None
    return verb


def _plan_for(noun: Token) -> Token | None:
    """The plan noun a state's noun phrase is the object of ('plans for a smaller hydrogen
    plant in Esbjerg', 'a proposal for a joint venture with X')."""
    np = noun
    while np.head != np and np.dep_ in ("compound", "amod", "nmod"):
        np = np.head
    if np.dep_ == "pobj" and np.head.lower_ in ("for", "of") and np.head.head.pos_ == "NOUN" \
            and np.head.head.lemma_.lower() in PLAN_NOUNS:
        return np.head.head
    return None


def replaced_later(verb: Token) -> bool:
    """'The Italian will replace Kering CEO Pinault', 'the board is to oust its chairman':
    a replacement still to come leaves the post with its holder until then (a done one,
    'replaced its CEO, X', ends it; so does leaving by one's own verb, 'will step down')."""
    return verb.lemma_.lower() in REPLACING_VERBS and status_of(verb) == "planned"


def is_predicate(t: Token) -> bool:
    """Is a noun the predicate of its clause ('is CEO', 'named CEO', 'serve as CEO')?"""
    if t.dep_ in ("attr", "oprd", "acomp", "xcomp", "ccomp", "ROOT"):
        return True
    if t.dep_ == "pobj" and t.head.lower_ in ("as", "to") and R.is_verb(t.head.head):
        return True
    if t.dep_ == "pobj" and t.head.lower_ == "into" and t.head.head.lemma_.lower() in BECOMING_VERBS:
        return True         # ("would turn its arm into a separate subsidiary": what it is to become)
    if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in POST_NOUNS:
        post = t.head.head      # "took on the role of deputy CEO": the title is what was taken
        return post.dep_ in ("dobj", "nsubjpass") and R.is_verb(post.head) or is_predicate(post)
    return t.dep_ == "conj" and is_predicate(t.head)


def _progressive(t: Token) -> bool:
    """'is shutting down', 'was splitting into': an announced change still to come."""
    return t.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in t.children)


def looking_back(v: Token) -> bool:
    """'having served as', 'after serving as': a clause about what came before the main one."""
    if any(c.dep_ == "aux" and c.lower_ == "having" for c in v.children):
        return True
    return v.tag_ == "VBG" and v.dep_ == "pcomp" and v.head.lower_ == "after"


def _against(t: Token) -> bool:
    """'decided against trying to spin off': the trigger hangs from 'against'."""
    return t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("against",)


def cancelled_by(trigger: Token, *, event: bool = True) -> Token | None:
    """The word that calls the trigger off ('dropped plans last year to list X' -> dropped):
    what dates a cancellation."""
    found: list[Token] = []
    status_of(trigger, event=event, clausal=True, on_cancel=lambda t: found.append(t) or "cancelled")
    return found[0] if found else None


def status_of(trigger: Token, *, event: bool = True, clausal: bool = False, on_cancel=None) -> str:
    status = _status_of(trigger, event=event, clausal=clausal, on_cancel=on_cancel)
    if event and status in ("negated", "cancelled") and trigger.pos_ in ("NOUN", "PROPN") and \
            trigger.dep_ == "pobj" and trigger.head.lower_ in ("before", "until", "till", "pending"):
        # ("ruled out selling a stake before the IPO": what is ruled out is the selling; the
        # event only times it, and is still to come)
        return "planned"
    return status


def _status_of(trigger: Token, *, event: bool = True, clausal: bool = False, on_cancel=None) -> str:
    """The status the parse gives a trigger: cancelled, negated, planned or actual.
    `event` triggers (a closure, a listing) are planned when progressive.  A state (a
    role, a unit) named inside a noun phrase that is the clause's subject or object
    ("Ford president Jim Farley will serve as ...") holds now, whatever the clause says
    of its subject; only a state that is the clause's predicate ("will serve as
    president", "will step down as CEO"), or whose parties the clause names (`clausal`:
    "the group will resume control of its plants"), takes the clause's status."""
    if event and trigger.pos_ == "NOUN" and trigger.dep_ == "pobj" and trigger.head.lower_ in ("after", "since", "following") \
            and not _plans(trigger, True):
        # "is shutting down one month after its launch": the launch is behind it -- unless
        # what follows it is itself still to come ("will keep a stake after the listing")
        after = trigger.head.head
        if after != trigger.head and R.is_verb(after) and _plans(after, False):
            return "planned"
        return "actual"
    if not event and trigger.pos_ == "NOUN" and ended_by(trigger) is not None:
        return "former"     # "sold its tower unit, X, last year": the tie is over
    if not event and not clausal and trigger.pos_ in ("NOUN", "PROPN") and not is_predicate(trigger):
        if _negates(trigger):
            return "negated"
        leaving = departure_of(trigger)
        if leaving is not None:
            return "actual" if replaced_later(leaving) else "former"
        plan = _plan_for(trigger)
        if plan is not None:    # "scrapped plans for a hydrogen plant in Esbjerg": as the plan goes
            status = _status_of(plan, event=True, on_cancel=on_cancel)
            return "planned" if status == "actual" else status
        return "planned" if _plans(trigger, True) else "actual"
    cur = trigger
    found = None
    came_by = ""
    for step in range(MAX_STEPS):
        is_trigger = step == 0
        if not is_trigger and _cancels(cur) and not (came_by == "nsubj" and R.children(cur, "dobj")):
            # (not the subject of a verb that calls off something else: "its then-CEO had
            # rejected an approach", "the deal ended a rivalry"; "talks collapsed" are off)
            return "cancelled" if on_cancel is None else on_cancel(cur)   # (cancelled_by: which word)
        if not event and not is_trigger and R.is_verb(cur) and cur.lemma_.lower() in DEPARTURE_VERBS \
                and came_by != "xcomp":
            return "former"         # "will step down as chief executive" (not "left to run Eirwave")
        if not event and not is_trigger and R.is_verb(cur) and cur.lemma_.lower() in STAYING_VERBS:
            return "actual"         # "would remain Kering's chairman": it holds and goes on
        if not event and not is_trigger and cur.lemma_ == "be" and cur.tag_ == "VBD" and came_by == "attr" \
                and not _reported(cur):
            return "former"         # "Ramsauer, who was Vellmar's chief executive for 14 years"
        if not event and (is_trigger and R.is_verb(cur) or cur.lemma_ == "be" and came_by == "attr") \
                and _past_perfect(cur) and not _reported(cur):
            return "former"         # "Maja Lindqvist, who had run Halvard since 2019" (before the story's now)
        if not event and is_trigger and R.is_verb(cur) and any(
                c.dep_ == "advmod" and c.lower_ in FORMER_ADVERBS and c.i < cur.i for c in cur.children):
            return "former"         # "the network formerly owned by AT&T", "which previously ran the plant"
        if not event and is_trigger and R.is_verb(cur) and cur.tag_ == "VBD" and not _reported(cur) \
                and R.prep_objects(cur, ("before",)):
            return "former"         # "Ferrante, who ran Castellan's content division before the separation"
        if not event and not is_trigger and R.is_verb(cur) and looking_back(cur):
            return "former"         # "having spent six years as COO at Harbor Jet", "after serving as CFO"
        if _no_longer(cur):
            return "cancelled" if event else "former"   # "a merger ... is no longer on the table"
        if not is_trigger and _proceeds(cur) and _negates(cur):
            # "would not go ahead with plans to close its site", "the sale will not go ahead":
            # what goes ahead or not was planned, and is now dropped
            return "cancelled" if on_cancel is None else on_cancel(cur)
        if _negates(cur) or _against(cur):
            return "negated"
        if found is None and not is_trigger and cur.pos_ in ("ADJ", "ADV") and cur.lemma_.lower() in NEARING_WORDS \
                and came_by == "prep":
            found = "planned"       # "is close to a payments partnership with X"
        agreed_state = not event and came_by == "dobj" and cur.lemma_.lower() == "agree" and not _plans(cur, True)
        # ("has agreed a partnership with X": a tie agreed holds; "agreed to buy" is a plan)
        if found is None and not agreed_state and (_plans(cur, is_trigger) or (event and R.is_verb(cur) and _progressive(cur)
                                                           and (is_trigger or cur.dep_ in ("ROOT", "ccomp")))):
            found = "planned"
        if cur.head == cur or cur.dep_ not in UPWARD and not (
                cur.dep_ == "advmod" and came_by == "prep" and R.is_verb(cur.head)) and not (
                cur.dep_ == "relcl" and cur.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)):
            # (but "a deal to buy X", an infinitive read as a relative clause, is the noun's purpose)
            break           # (but "walked away from a plan to buy": the adverb's phrase hangs on the verb)
        if cur.dep_ == "conj" and not R.is_verb(cur):
            cur = cur.head
            continue
        if cur.dep_ == "conj" and R.children(cur, "nsubj", "nsubjpass"):
            break           # "X is leaving, and the carrier has asked Y to run it": its own clause
        if cur.dep_ == "conj" and R.is_verb(cur) and R.is_verb(cur.head) and _own_tense(cur):
            break           # "will invest £45m and has agreed a partnership": its own tense, its own status
        if event and is_trigger and cur.dep_ == "acl" and cur.tag_ in ("VBN", "VBD") and R.is_passive(cur):
            break           # "Selwyn Verde, a subsidiary set up last month": a participle keeps its own time
        if cur.dep_ in ("advcl",) and (R.children(cur, "mark") or not event):
            break           # "because ...", "while ...", "..., producing EVs": another clause's status
        nxt = cur.head
        if R.is_verb(cur) and R.is_verb(nxt) and nxt.lemma_.lower() in lx.words("speech_verbs") and cur.dep_ == "ccomp":
            break           # "X said it would ...": the saying is not a plan
        came_by = cur.dep_
        cur = nxt
    return found or "actual"


def _own_tense(v: Token) -> bool:
    """A conjoined verb that says its own tense by an auxiliary of its own ('and has
    agreed', 'and is hiring'); a bare form ('will shut stores and lay off staff', which the
    small model may tag as a past) shares the first verb's."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ != "to" and c.tag_ != "MD" for c in v.children)


def _heading_line(sent) -> bool:
    """A line of its own with no finite verb (a headline: 'X to close Y plant')."""
    doc = sent.doc
    starts = sent.start == 0 or "\n" in doc[sent.start - 1].text_with_ws
    ends = sent.end >= len(doc) or "\n" in doc[sent.end - 1].text_with_ws or doc[sent.end - 1].is_space
    return starts and ends and not any(t.tag_ in ("VBD", "VBZ", "VBP") for t in sent)
