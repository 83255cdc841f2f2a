"""Entity resolution: which mentions are the same thing, within an article and across them.

Within an article: names that differ only by corporate words ("Renault Group" /
"Renault"), acronyms ("GM" / "General Motors") and surnames ("Provost") join one
cluster; descriptions ("the French group", "the unit", "the executive") and
pronouns ("its", "his") point to the cluster they refer to, chosen by type, role
(a whole company or a unit of one) and recency.  Across articles: a cluster joins a
known entity when one of its aliases has the same key (accents, legal suffixes and
corporate words aside); a name that cannot be resolved is left out, never guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from . import lexicon as lx
from .models import Entity, Fact

LEGAL_SUFFIXES = {"inc", "corp", "corporation", "co", "ltd", "limited", "plc", "sa", "ag",
                  "nv", "se", "llc", "gmbh", "spa", "bv", "sas", "ab", "asa", "kk", "s a"}


def fold(s: str) -> str:
    """Accent-free, case-free, punctuation-light form of a name."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).casefold()
    s = s.replace("\u2019", "'").replace("&", " and ")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w%+]+", " ", s).strip()
    s = re.sub(r"^the ", "", s)
    return s


def name_key(name: str) -> str:
    """The comparison key of an organisation's name: corporate words and legal forms dropped,
    place names in their short form ("Renault South Korea" ~ "Renault Korea")."""
    words = fold(name).split()
    text = " ".join(words)
    for long, short in lx.PLACE_SHORT_FORMS.items():
        text = re.sub(rf"\b{re.escape(fold(long))}\b", short, text)
    words = text.split()
    core = [w for w in words if w not in lx.GENERIC_ORG_WORDS and w not in LEGAL_SUFFIXES]
    if not core or " ".join(core) in lx.COMMON_NAME_WORDS or (len(core) == 1 and core[0] in lx.COMMON_NAME_WORDS):
        core = [w for w in words if w not in LEGAL_SUFFIXES] or words
    return " ".join(core)


def acronym_of(name: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper()
             and fold(w) not in LEGAL_SUFFIXES]
    return "".join(w[0] for w in words)


def person_key(name: str) -> str:
    return fold(name)


def surname_of(name: str) -> str:
    """'Luca de Meo' -> 'de meo'; 'Denis Le Vot' -> 'le vot'; 'François Provost' -> 'provost'."""
    words = fold(name).split()
    if len(words) >= 3 and words[-2] in ("de", "le", "van", "von", "da", "di", "la", "du", "del"):
        return " ".join(words[-2:])
    return words[-1] if words else ""


# ---------------------------------------------------------------- across articles

@dataclass
class EntityIndex:
    """Known entities, looked up by alias keys."""
    entities: dict[str, Entity] = field(default_factory=dict)   # canonical name -> Entity
    by_key: dict[tuple[str, str], str] = field(default_factory=dict)

    @classmethod
    def of(cls, known: list[Entity]) -> "EntityIndex":
        idx = cls()
        for e in known:
            idx.add(e)
        return idx

    def keys_for(self, name: str, type_: str) -> list[tuple[str, str]]:
        group = "person" if type_ == "person" else "thing"
        keys = [(group, fold(name))]
        if type_ == "organization":
            keys.append((group, name_key(name)))
        return keys

    def add(self, e: Entity) -> None:
        self.entities[e.name] = e
        for a in e.aliases:
            for k in self.keys_for(a, e.type):
                self.by_key.setdefault(k, e.name)

    def lookup(self, names: list[str], type_: str) -> Entity | None:
        for n in names:
            for k in self.keys_for(n, type_):
                hit = self.by_key.get(k)
                if hit:
                    return self.entities[hit]
        if type_ == "person":
            # 'Francois Provost' and 'François Provost' fold the same; a lone surname never
            # joins a known person across articles (too many Smiths).
            return None
        return None


def canonicalise(extraction, known: list[Entity]) -> tuple[list[Fact], list[Entity]]:
    """Map an article's entities onto the known ones; rewrite its facts with canonical names.

    Returns the rewritten facts and the entities to upsert (new ones, and known ones
    that gained aliases)."""
    index = EntityIndex.of(known)
    rename: dict[str, str] = {}
    upserts: dict[str, Entity] = {}
    for ent in extraction.entities:
        hit = index.lookup([ent.name] + list(ent.aliases), ent.type)
        if hit is None:
            new = Entity(ent.name, ent.type, list(dict.fromkeys(ent.aliases)))
            index.add(new)
            upserts[new.name] = new
            rename[ent.name] = new.name
            continue
        merged = list(dict.fromkeys(hit.aliases + [a for a in ent.aliases if a not in hit.aliases]))
        if merged != hit.aliases:
            hit = Entity(hit.name, hit.type, merged, hit.entity_id)
            index.add(hit)
            upserts[hit.name] = hit
        rename[ent.name] = hit.name
    facts = [rename_fact(f, rename) for f in extraction.facts]
    return facts, list(upserts.values())


ENTITY_ARGS = {"org", "parent", "owner", "person", "facility", "maker", "product", "partner",
               "into", "entity", "by", "acquirer", "target"}


def rename_fact(fact: Fact, rename: dict[str, str]) -> Fact:
    args = dict(fact.args)
    for k, v in args.items():
        if k in ENTITY_ARGS and isinstance(v, str):
            args[k] = rename.get(v, v)
    attributed = rename.get(fact.attributed_to, fact.attributed_to) if fact.attributed_to else None
    return Fact(fact.doc_id, fact.type, args, fact.evidence, fact.time, fact.status,
                attributed, fact.confidence)
