"""What IPOs, mergers and acquisitions share: whether a plan is on, off, or done.

Each reported state is its own fact: "had planned ... but abandoned" gives a planned
and a cancelled fact.  A call-off can name the plan only by a noun ("the operation
was abandoned", "pulled the plug on the idea"): it then cancels the most recent plan
of that kind in the article.
"""
from __future__ import annotations

import re

CANCEL = (r"(?:abandon(?:s|ed|ing)?|scrap(?:s|ped|ping)?|call(?:s|ed|ing)? off|called off|"
          r"cancel(?:s|led|ed|ling|ing)?|shelv(?:e|es|ed|ing)|drop(?:s|ped|ping)?|"
          r"pull(?:s|ed|ing)? the plug on|pulled the plug on|end(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|"
          r"withdr(?:aw|ew|awn|awing|aws)|reject(?:s|ed|ing)?|collaps(?:e|es|ed|ing)|"
          r"broke(?:n)? down|break(?:s|ing)? down|fell through|falls? through|"
          r"break(?:s|ing)? off|broke off|halt(?:s|ed|ing)?|no longer|"
          r"walk(?:s|ed|ing)? away from|gave up|give(?:s)? up on|put on hold|postpone[sd]?)")
CANCELLED_STATE = re.compile(rf"\b{CANCEL}\b", re.I)
PLAN_WORDS = re.compile(
    r"\b(?:plan|plans|planned|planning|proposed|proposal|propose|proposes|talks|negotiations|"
    r"discussions|considering|consider|explore|exploring|memorandum|intends?|intention|aim|aims|"
    r"aimed|set to|will|would|expected|prepar\w+|seek\w*|agreed to|agreement to|bid|offer|idea)\b",
    re.I)
DONE_WORDS = re.compile(
    r"\b(?:completed|completes|closed the deal|finalized|finalised|went public|debuted|listed on|"
    r"began trading|started trading|has acquired|acquired|bought|took over|merged)\b", re.I)
EVENT_ANAPHORS = r"(?:the|this|that|its|their) (?:operation|idea|plan|plans|project|deal|move|listing|offering|bid|proposal|transaction|talks|negotiations|discussions|process|flotation)"


NEGATED_PLAN = re.compile(r"\b(?:no plans?|not plan\w*|no intention|not intend\w*|ruled out|rules? out|ruling out|"
                          r"not considering|is not considering|has no interest|not seeking|will not|won't|would not)\b"
                          r"[^.;]{0,60}$", re.I)


def state_of(before: str, trigger_and_after: str) -> str:
    """planned / cancelled / negated / actual for an event mention, from the words around its trigger."""
    window = before[-80:] + " " + trigger_and_after[:40]
    if NEGATED_PLAN.search(before[-80:]) and not re.search(r"\b(?:but|however|although)\b", before[-60:], re.I):
        return "negated"            # "had no plans to seek a separate listing", "ruled out a listing"
    # "talks to merge with X had collapsed": the call-off closes the clause
    clause_end = re.split(r" (?:;|\.|, (?:and|but|while|which|who))\b", trigger_and_after[:90])[0]
    if CANCELLED_STATE.search(window) or re.search(rf"\b(?:had|has|have|were|was) {CANCEL}\b", clause_end, re.I):
        return "cancelled"
    if PLAN_WORDS.search(window):
        return "planned"
    if DONE_WORDS.search(window):
        return "actual"
    return "planned"
