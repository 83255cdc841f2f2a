"""The core records every stage speaks: plain dataclasses with character intervals.

Data flows one way: ingest makes Documents, nlp/extract make Mentions and Facts,
resolve turns mentions into Entities, reconcile merges Facts into Claims, and the
store keeps them all.  Every Fact carries the Evidence it came from: a verbatim
slice of its Document's stored text.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any



# TimeSpan.text of times no words of the fact gave: the story's day (news told with no
# date of its own) and a date carried over from a successor's start or a predecessor's end
STORY_DAY = "(the story's day)"
HANDED_OVER = "(the handover)"


@dataclass
class TimeSpan:
    """A time as FORMAT.md writes it: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Hn.

    `text` keeps the words it was read from; `resolved` is False when the words were
    relative ("last July") and there was no publication date to anchor them on.
    """
    start: str | None = None
    end: str | None = None
    approx: bool = False
    text: str | None = None
    resolved: bool = True

    def is_empty(self) -> bool:
        return self.start is None and self.end is None

    @property
    def unstated(self) -> bool:
        """Dated by no words of the fact: the day its article was published (news told
        with no date of its own) or the other side of a handover (extract/timing.py,
        extract/position.py).  Scored as the fact's time, but across articles never a
        stated date: two outlets publishing a day apart do not disagree, and a
        successor's start does not dispute the day another outlet says the predecessor left."""
        return self.text in (STORY_DAY, HANDED_OVER)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"start": self.start, "end": self.end}
        if self.approx:
            out["approx"] = True
        if not self.resolved:
            out["unresolved"] = self.text
        return out


@dataclass
class Evidence:
    """A verbatim slice [start, end) of a document's stored text."""
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Evidence":
        return cls(start, end, text[start:end])

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


# A note starting so says the stored text differs from the input's bytes (replaced or
# re-decoded characters); ingest shows such notes as warnings.
ENCODING_NOTE = "encoding: "


@dataclass
class Document:
    """One article as stored: `text` is the cleaned body, in the words the user gave."""
    doc_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None      # YYYY-MM-DD, or None when unknown
    language: str | None = None
    source: str | None = None         # path or URL it was read from
    content_hash: str = ""
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = content_hash(self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "title": self.title, "outlet": self.outlet, "url": self.url,
            "published": self.published, "language": self.language, "source": self.source,
            "content_hash": self.content_hash, "chars": len(self.text), "notes": self.notes,
        }


@dataclass
class Entity:
    """A real-world thing: one canonical name, its type and every alias seen."""
    name: str
    type: str                          # one of schema.ENTITY_TYPES
    aliases: list[str] = field(default_factory=list)
    entity_id: str = ""

    def __post_init__(self) -> None:
        if not self.entity_id:
            self.entity_id = slug(self.name)
        if self.name not in self.aliases:
            self.aliases.insert(0, self.name)

    def to_json(self) -> dict[str, Any]:
        return {"entity_id": self.entity_id, "name": self.name, "type": self.type,
                "aliases": sorted(set(self.aliases))}


@dataclass
class Mention:
    """A stretch of a document that names or refers to an entity."""
    start: int
    end: int
    text: str
    type: str                          # entity type
    entity: str | None = None          # canonical name once resolved
    kind: str = "name"                 # name | description | pronoun


@dataclass
class Fact:
    """One fact stated in one document (one line per mention in the facts export)."""
    doc_id: str
    type: str
    args: dict[str, Any]
    evidence: Evidence
    time: TimeSpan = field(default_factory=TimeSpan)
    status: str | None = "actual"
    attributed_to: str | None = None
    confidence: float = 0.8
    fact_id: str = ""

    def __post_init__(self) -> None:
        if not self.fact_id:
            self.fact_id = stable_id(self.doc_id, self.type, self.args, self.evidence.start,
                                     self.evidence.end, self.status)

    def to_json(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "fact_id": self.fact_id, "type": self.type, "args": self.args,
            "time": self.time.to_json(), "status": self.status,
            "evidence": self.evidence.to_json(), "attributed_to": self.attributed_to,
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> "Fact":
        t = d.get("time") or {}
        ev = d["evidence"]
        return cls(
            doc_id=d["doc_id"], type=d["type"], args=d["args"],
            evidence=Evidence(ev["start"], ev["end"], ev["text"]),
            time=TimeSpan(t.get("start"), t.get("end"), bool(t.get("approx")),
                          t.get("unresolved"), "unresolved" not in t),
            status=d.get("status"), attributed_to=d.get("attributed_to"),
            confidence=d.get("confidence", 0.8), fact_id=d.get("fact_id", ""),
        )


@dataclass
class Source:
    """One document's support for a claim."""
    doc_id: str
    fact_id: str
    evidence: Evidence
    outlet: str | None = None
    time: TimeSpan = field(default_factory=TimeSpan)
    status: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    attributed_to: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "fact_id": self.fact_id, "outlet": self.outlet,
                "evidence": self.evidence.to_json(), "time": self.time.to_json(),
                "status": self.status, "attributed_to": self.attributed_to}


@dataclass
class Conflict:
    """Sources disagree on `field`: each distinct value with the documents that give it."""
    field: str                         # time | status | value | role | share | scope | args
    values: list[dict[str, Any]]       # [{"value": ..., "doc_ids": [...]}, ...]

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "values": self.values}


@dataclass
class Bound:
    """One end of a claim's history: a date at the precision it is known, how it is known,
    and the documents whose evidence gives it.

    basis: "stated"   -- the text dates it ("since 2016", "on Sunday", "effective May 1")
           "reported" -- an article published then says it held / was over by then
                         (a publication date bounds it; it never dates it)
           "inferred" -- from another claim: a successor's start, a move to a new role,
                         a unit's founding or closure (`note` says which)
    """
    date: str | None
    basis: str
    approx: bool = False
    doc_ids: list[str] = field(default_factory=list)
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"date": self.date, "basis": self.basis,
                               "precision": date_precision(self.date)}
        if self.approx:
            out["approx"] = True
        out["doc_ids"] = list(self.doc_ids)
        if self.note:
            out["note"] = self.note
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> "Bound | None":
        if not d:
            return None
        return cls(d.get("date"), d.get("basis", "stated"), bool(d.get("approx")),
                   list(d.get("doc_ids") or []), d.get("note"))


@dataclass
class History:
    """What held when, assembled from a claim's observations (its sources).

    Each source is an observation made on its article's publication date.  `started` /
    `ended` are the bounds the texts state (or that are inferred from other claims);
    `held_from` / `held_until` are the first and last reports saying it held ("held at
    least from", not "started"); `ended_by` is the first report saying it was over; and
    `not_before` a lower bound on an unknown start (a predecessor still reported in
    the seat).  `state` is what the latest reports say: holds, ended, planned,
    cancelled or negated.  For an event (founded, closed, ...) `started` is when it
    happened or is to happen.
    """
    started: Bound | None = None
    ended: Bound | None = None
    held_from: Bound | None = None
    held_until: Bound | None = None
    ended_by: Bound | None = None
    not_before: Bound | None = None
    state: str | None = None
    interim: bool = False

    BOUNDS = ("started", "ended", "held_from", "held_until", "ended_by", "not_before")

    @property
    def valid_from(self) -> Bound | None:
        """Where the claim's validity starts: its start; else, open (None)."""
        return self.started

    @property
    def valid_to(self) -> Bound | None:
        """Where it ends: its end; else the first report calling it over; else open."""
        return self.ended or self.ended_by

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: (b.to_json() if (b := getattr(self, name)) else None)
                               for name in self.BOUNDS}
        out["valid_from"] = self.valid_from.date if self.valid_from else None
        out["valid_to"] = self.valid_to.date if self.valid_to else None
        out["state"] = self.state
        if self.interim:
            out["interim"] = True
        return out

    @classmethod
    def from_json(cls, d: dict[str, Any] | None) -> "History | None":
        if not d:
            return None
        return cls(**{name: Bound.from_json(d.get(name)) for name in cls.BOUNDS},
                   state=d.get("state"), interim=bool(d.get("interim")))


@dataclass
class Origin:
    """One independent origin behind a claim: the report its sources rest on (None: the
    outlet's own reporting), the documents that carry it, and how that was seen
    ("wire copy", "credit", "near-duplicate", "attribution", "own reporting")."""
    report: str | None
    doc_ids: list[str]
    how: str = "own reporting"

    def to_json(self) -> dict[str, Any]:
        return {"report": self.report, "doc_ids": list(self.doc_ids), "how": self.how}


@dataclass
class Claim:
    """One fact merged across every document that states it."""
    claim_id: str
    type: str
    args: dict[str, Any]
    time: TimeSpan
    status: str | None
    sources: list[Source]
    independent_sources: int
    conflicts: list[Conflict] = field(default_factory=list)
    based_on: list[str] = field(default_factory=list)   # original reports the sources rest on
    history: History | None = None                      # what held when (ties and events)
    origins: list[Origin] = field(default_factory=list)  # the independent origins, one each

    def to_json(self) -> dict[str, Any]:
        return {
            "claim_id": self.claim_id, "type": self.type, "args": self.args,
            "time": self.time.to_json(), "status": self.status,
            "sources": [s.to_json() for s in self.sources],
            "independent_sources": self.independent_sources,
            "conflicts": [c.to_json() for c in self.conflicts],
            "based_on": self.based_on,
            "origins": [o.to_json() for o in self.origins],
            "history": self.history.to_json() if self.history else None,
        }


def date_precision(value: str | None) -> str | None:
    """'2025' -> 'year', '2025-H1' -> 'half', '2025-Q3' -> 'quarter', '2025-07' -> 'month',
    '2025-07-15' -> 'day'; None for no date."""
    if not value:
        return None
    v = str(value)
    if "-H" in v.upper():
        return "half"
    if "-Q" in v.upper():
        return "quarter"
    return {4: "year", 7: "month"}.get(len(v), "day")


def content_hash(text: str) -> str:
    """Hash of the text with whitespace squashed, so re-ingesting the same words is a no-op."""
    squashed = " ".join(text.split())
    return hashlib.sha256(squashed.encode("utf-8")).hexdigest()


def stable_id(*parts: Any) -> str:
    raw = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def slug(name: str) -> str:
    import re
    import unicodedata
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("+", " plus ").replace("&", " and ")      # "CNN+" is not "CNN"
    return re.sub(r"[^a-z0-9]+", "_", s).strip("_") or "entity"


def to_dict(obj: Any) -> dict[str, Any]:
    return asdict(obj)
