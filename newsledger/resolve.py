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

from dataclasses import dataclass, field

from .models import Entity, Fact
from .names import fold, name_key
from .schema import ENTITY_ARGS


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




def rename_fact(fact: Fact, rename: dict[str, str]) -> Fact:
    args = dict(fact.args)
    for k, v in args.items():
        if k in ENTITY_ARGS and isinstance(v, str):
            args[k] = rename.get(v, v)
    attributed = rename.get(fact.attributed_to, fact.attributed_to) if fact.attributed_to else None
    return Fact(fact.doc_id, fact.type, args, fact.evidence, fact.time, fact.status,
                attributed, fact.confidence)
