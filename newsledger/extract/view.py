"""A sentence as the extractors see it: words, with each resolved mention as a placeholder.

"François Provost, Renault's CEO since last July, unveiled ..." becomes
"⟨p4⟩ , ⟨o6⟩ 's CEO since last July , unveiled ...": tokens joined by single
spaces, every mention of a known entity replaced by ⟨ + type letter + mention
number ⟩, and "its"/"his" by the entity they stand for plus "'s".  Fact patterns
are regular expressions over this string; every match maps back to exact
character offsets in the stored text, so evidence is always a verbatim slice.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from .. import dates, numbers
from ..models import Evidence, TimeSpan
from .analysis import Analysis, Sentence
from .mentions import TYPE_LETTER, Mention

ORG = r"⟨o(\d+)⟩"
PER = r"⟨p(\d+)⟩"
FAC = r"⟨f(\d+)⟩"
PROD = r"⟨d(\d+)⟩"
ENT = r"⟨[a-z](\d+)⟩"
POSS = r"(?:'s|')"


@dataclass
class View:
    analysis: Analysis
    sentence: Sentence
    published: str | None
    doc_id: str
    sig: str = ""
    pieces: list[tuple[int, int, int, int]] = field(default_factory=list)  # sig s,e -> char s,e
    starts: list[int] = field(default_factory=list)
    mention_at: dict[int, Mention] = field(default_factory=dict)
    attribution: str | None = None

    # ------------------------------------------------------------ building
    @classmethod
    def of(cls, analysis: Analysis, sentence: Sentence, published: str | None, doc_id: str) -> "View":
        v = cls(analysis, sentence, published, doc_id)
        v._build()
        v.attribution = attribution(v)
        return v

    def _build(self) -> None:
        a, s = self.analysis, self.sentence
        ments = sorted((m for m in a.mentions if m.sent == s.idx and m.cluster is not None),
                       key=lambda m: m.start)
        by_start = {m.start: m for m in ments}
        parts: list[str] = []
        skip_until = -1
        for tok in s.span:
            cs = s.offset + tok.idx
            ce = cs + len(tok.text)
            if cs < skip_until:
                continue
            m = by_start.get(cs)
            if m is not None:
                letter = TYPE_LETTER.get(a.clusters[m.cluster].type, "x")
                idx = a.mentions.index(m)
                self.mention_at[idx] = m
                self._add(parts, f"⟨{letter}{idx}⟩", m.start, m.end)
                if m.kind == "pronoun" and m.possessive:
                    self._add(parts, "'s", m.start, m.end)
                skip_until = m.end
                continue
            self._add(parts, tok.text.replace("\u2019", "'"), cs, ce)
        self.sig = " ".join(parts)
        self.starts = [p[0] for p in self.pieces]

    def _add(self, parts: list[str], text: str, cs: int, ce: int) -> None:
        start = sum(len(p) + 1 for p in parts)
        parts.append(text)
        self.pieces.append((start, start + len(text), cs, ce))

    # ------------------------------------------------------------ mapping back
    def char_span(self, sig_start: int, sig_end: int) -> tuple[int, int]:
        i = max(0, bisect.bisect_right(self.starts, sig_start) - 1)
        j = max(0, bisect.bisect_right(self.starts, max(sig_start, sig_end - 1)) - 1)
        return self.pieces[i][2], self.pieces[j][3]

    def evidence(self, sig_start: int, sig_end: int) -> Evidence:
        cs, ce = self.char_span(sig_start, sig_end)
        return Evidence.of(self.analysis.text, cs, ce)

    def name(self, idx: str | int) -> str | None:
        m = self.analysis.mentions[int(idx)]
        return self.analysis.entity_name(m)

    def etype(self, idx: str | int) -> str:
        m = self.analysis.mentions[int(idx)]
        return self.analysis.clusters[m.cluster].type if m.cluster is not None else ""

    def is_unit(self, idx: str | int) -> bool:
        m = self.analysis.mentions[int(idx)]
        return m.cluster is not None and self.analysis.clusters[m.cluster].unit

    def is_agency(self, idx: str | int) -> bool:
        m = self.analysis.mentions[int(idx)]
        return m.cluster is not None and self.analysis.clusters[m.cluster].agency

    def ids(self, text: str, kind: str = ENT) -> list[str]:
        return re.findall(kind, text)

    @property
    def text(self) -> str:
        return self.analysis.text[self.sentence.start:self.sentence.end]

    # ------------------------------------------------------------ times and figures
    @cached_property
    def times(self) -> list[dates.TimeMatch]:
        found = dates.find_times(self.text, self.published)
        base = self.sentence.start
        for t in found:
            t.start += base
            t.end += base
        return found

    @cached_property
    def quantities(self) -> list[numbers.Quantity]:
        found = numbers.find_quantities(self.text)
        for q in found:
            q.start += self.sentence.start
            q.end += self.sentence.start
        return found

    @cached_property
    def changes(self) -> list[numbers.Change]:
        found = numbers.find_changes(self.text)
        for c in found:
            c.start += self.sentence.start
            c.end += self.sentence.start
            c.quantity_start += self.sentence.start
        return found

    def sig_to_char(self, sig_pos: int) -> int:
        return self.char_span(sig_pos, sig_pos + 1)[0]

    def time_near(self, sig_start: int, sig_end: int, *, max_gap: int = 80,
                  roles: tuple[str, ...] = ("point", "since", "from", "range", "by", "until"),
                  after_only: bool = False) -> TimeSpan:
        """The time expression closest to a stretch of the sentence, as a TimeSpan
        (after_only: only one that ends after the stretch starts)."""
        cs, ce = self.char_span(sig_start, sig_end)
        fronted_end = self._fronted_clause_end()
        dateline_end = self.dateline_end()
        best, best_gap = None, None
        for t in self.times:
            if t.role not in roles or t.span is None:
                continue
            fronted = t.start - self.sentence.start <= 3       # "In 2023, Provost became ..."
            if self._in_other_relative_clause(t, cs, ce):
                continue        # "Keller, who has led the board since 2019, said ... no listing"
            if t.end <= dateline_end or (after_only and t.end <= cs and not fronted):
                continue        # "PARIS, March 10 (Reuters) -" dates the report, not the events
            if fronted_end and t.end <= fronted_end <= cs:
                continue        # "Since taking charge in August, X closed Y": August dates the charge
            gap = 0 if (t.start < ce and cs < t.end) else (t.start - ce if t.start >= ce else cs - t.end)
            between = self.analysis.text[ce:t.start] if t.start >= ce else self.analysis.text[t.end:cs]
            if gap and CLAUSE_BREAK.search(between):
                continue        # "Folding X back into Y is no surprise, as late last year ...": another clause's date
            if gap <= max_gap and (best_gap is None or gap < best_gap):
                best, best_gap = t, gap
        if best:
            return span_of(best)
        return self.relative_to_publication(sig_start)

    def report_time(self) -> TimeSpan:
        """When the sentence says the news was given: '..., the carrier said on Wednesday',
        'announced on Tuesday' (approximate as an event date: the report may trail it)."""
        for t in self.times:
            if t.role != "point" or t.span is None or not t.span.start or len(t.span.start) < 10:
                continue
            before = self.analysis.text[max(self.sentence.start, t.start - 40):t.start]
            if re.search(r"\b(?:said|says|announced|confirmed|told [\w ]{1,30}|reported|disclosed|unveiled)\s*$",
                         before, re.I):
                return TimeSpan(t.span.start, None, True, t.text, t.span.resolved)
        return TimeSpan()

    def _in_other_relative_clause(self, t, cs: int, ce: int) -> bool:
        for m in RELATIVE_CLAUSE.finditer(self.text):
            lo, hi = self.sentence.start + m.start(), self.sentence.start + m.end()
            if lo <= t.start and t.end <= hi and (ce <= lo or cs >= hi):
                return True
        return False

    def dateline_end(self) -> int:
        """End of a dateline opening the article ('OSLO, Jan 8 (Reuters) -'), else 0."""
        if self.sentence.idx != 0:
            return 0
        m = DATELINE.match(self.text)
        return self.sentence.start + m.end() if m else 0

    def _fronted_clause_end(self) -> int | None:
        """End (char offset) of a sentence-initial adverbial clause ('Since taking charge in 2025,')."""
        m = re.match(r"(?:since|after|before|following|when|while|upon|once) [^,]{3,80}?,", self.text, re.I)
        return self.sentence.start + m.end() if m else None

    def relative_to_publication(self, sig_pos: int) -> TimeSpan:
        """'The report comes a month after X dismantled Y': X happened a month before publication."""
        before = self.sig[max(0, sig_pos - 120):sig_pos]
        m = re.search(r"\b(?:comes?|came|follows?|followed|arrives?|arrived) (a|an|one|two|three|four|six|\d+) "
                      r"(day|week|month|year)s? (?:after|since)\b[^.]*$", before, re.I)
        if not m or not self.published:
            return TimeSpan()
        n = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "six": 6}.get(m.group(1).lower())
        n = n if n is not None else int(m.group(1))
        unit = m.group(2).lower()
        months = n if unit == "month" else 12 * n if unit == "year" else 0
        days = n if unit == "day" else 7 * n if unit == "week" else 0
        base = TimeSpan(self.published[:7] if months else self.published, None, False, m.group(0))
        shifted = dates.shift(base, months=-months, days=-days)
        return TimeSpan(shifted.start, None, True, m.group(0))

    def status_before(self, sig_pos: int, *, window: int = 60) -> str:
        status = modality(self.sig[max(0, sig_pos - window):sig_pos])
        if status == "actual" and SHARED_FUTURE.search(self.sig[max(0, sig_pos - 160):sig_pos]):
            return "planned"    # "will close its plant ... and cut 1,200 jobs": the cut is planned too
        return status


# words that open a clause of its own, whose dates are not the main event's
# ("as" only when it is not a preposition: "as an interim appointment in July" keeps July)
CLAUSE_BREAK = re.compile(r"\b(?:because|while|although|though|whereas|but|however)\b|"
                          r"\bas\b(?! (?:a|an|the|its|his|her|their|part|well|of|soon|long|interim|acting|chief|head)\b)",
                          re.I)


RELATIVE_CLAUSE = re.compile(r", (?:who|which|whose|where) [^,;]{3,120}?,")
DATELINE = re.compile(r"[A-Z][A-Za-z .'-]{1,40}, [^\n]{0,40}?(?:\s[-\u2013\u2014]{1,2}\s)")


SHARED_FUTURE = re.compile(r"\b(?:will|would|plans? to|set to|is to|are to|aims? to|intends? to)\b[^.;]{0,140}? and "
                           r"(?:then |also |later )?(?:[a-z]+ )?$", re.I)


def span_of(t) -> TimeSpan:
    s = t.span
    if t.role == "until" and s.start and not s.end:
        return TimeSpan(None, s.start, s.approx, t.text, s.resolved)
    return TimeSpan(s.start, s.end, s.approx, t.text, s.resolved)


# ---------------------------------------------------------------- modality

_NEG = re.compile(r"\b(?:not|n't|never|no longer|no)\b(?:\s+\w+){0,3}\s*$|\bnot\s+(?:\w+\s+){0,4}(?:to|include|any)\b", re.I)
_PLANNED = re.compile(
    r"\b(?:will|would|'ll|shall|to be|is to|are to|was to|were to|set to|plans? to|planned to|"
    r"planning to|expected to|expects to|aims? to|aiming to|intends? to|intending to|"
    r"proposed|proposes|proposal|could|may|might|going to|prepares? to|preparing to|"
    r"considering|consider|agreed to|agrees to|seeks? to|wants? to|hopes? to|had planned|"
    r"would see|in talks|talks to|memorandum|looking to|on track to|poised to|slated to|"
    r"scheduled to|due to)\b[^.;]*$", re.I)


def modality(before: str) -> str:
    """Status of an event from the words just before its trigger."""
    clause = re.split(r"\s(?:;|but|while|whereas|although|which|who|that)\s", before)[-1]
    if _NEG.search(clause):
        return "negated"
    if _PLANNED.search(clause):
        return "planned"
    return "actual"


# ---------------------------------------------------------------- attribution

_ATTR = [
    re.compile(r"\b(?:told|according to|cited by|reported by|said to|per)\s+(?:the\s+)?(" + ENT + r")", re.I),
    re.compile(r"(" + ENT + r")\s+(?:reported|reports|said|says|cited|quoted|wrote)\b", re.I),
    re.compile(r"\b(?:sources?|people|persons?|insiders?)\b[^.]{0,60}\b(?:told|cited by)\s+(?:the\s+)?(" + ENT + r")", re.I),
]


def attribution(v: View) -> str | None:
    """The news organisation this sentence rests on ('told Reuters', 'according to Reuters')."""
    for rx in _ATTR:
        for m in rx.finditer(v.sig):
            idx = re.findall(r"\d+", m.group(1))[0]
            if v.is_agency(idx):
                return v.name(idx)
    return None
