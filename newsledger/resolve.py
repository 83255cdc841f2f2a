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

import hashlib
import inspect
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Mapping, Protocol

from . import lexicon as lx
from . import names
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

    @classmethod
    def prefetched(cls, hits: Mapping[tuple[str, str], Entity]) -> "EntityIndex":
        """An index holding only the given keys (looked up in a store beforehand): the
        same answers as `of(every stored entity)` for lookups of those keys."""
        idx = cls()
        for k, e in sorted(hits.items()):
            idx.by_key[k] = e.name
            idx.entities.setdefault(e.name, e)
        return idx

    @staticmethod
    @lru_cache(maxsize=65536)
    def keys_for(name: str, type_: str) -> list[tuple[str, str]]:
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


def entity_keys(entity: Entity) -> set[tuple[str, str]]:
    """Every key under which `EntityIndex` finds the entity: a store keeps these indexed."""
    return {k for a in entity.aliases for k in EntityIndex.keys_for(a, entity.type)}


@lru_cache(maxsize=1)
def entity_keys_version() -> str:
    """Changes whenever the keys `entity_keys` computes may change (the code that folds
    names, or the lexicons it reads), so a store knows to recompute the ones it keeps.
    Whole modules are hashed: coarse (any lexicon edit recomputes the keys once) but
    it cannot miss a change."""
    parts = [inspect.getsource(names), inspect.getsource(lx),
             inspect.getsource(EntityIndex.keys_for)]
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()[:16]


class EntityStore(Protocol):
    """What canonicalising needs from a store (see store.Store)."""
    def entity_ids_by_key(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]: ...
    def entities_by_id(self, entity_ids: Iterable[str]) -> dict[str, Entity]: ...


@dataclass
class StoredEntities:
    """The known entities of a store, looked up by key for one article at a time."""
    store: EntityStore

    def index_for(self, extraction: Any) -> EntityIndex:
        """An index answering every lookup `canonicalise` makes for this extraction."""
        wanted = {k for ent in extraction.entities for n in [ent.name, *ent.aliases]
                  for k in EntityIndex.keys_for(n, ent.type)}
        ids = self.store.entity_ids_by_key(wanted)
        entities = self.store.entities_by_id(set(ids.values()))
        return EntityIndex.prefetched({k: entities[i] for k, i in ids.items() if i in entities})


def canonicalise(extraction, known: "list[Entity] | StoredEntities"
                 ) -> tuple[list[Fact], list[Entity]]:
    """Map an article's entities onto the known ones; rewrite its facts with canonical names.

    `known`: every known entity, or a store's (`StoredEntities`), looked up by key.
    Returns the rewritten facts and the entities to upsert (new ones, and known ones
    that gained aliases)."""
    index = known.index_for(extraction) if isinstance(known, StoredEntities) \
        else EntityIndex.of(known)
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
