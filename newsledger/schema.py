"""The fact types: the one place that says what each type holds.

Every other module asks this registry: which arguments a type has, which of them
identify the fact (its key), which name an entity and of what kind, which statuses
it may take, and whether it is an event an article reports as news (and so may be
dated by "said on Monday").  FORMAT.md in the evaluation folder is the contract this
mirrors.

To add a fact type: add its `FactType` here, its patterns under
`newsledger/extract/patterns/`, and a case file under `tests/cases/`.
"""
from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("actual", "planned", "target", "cancelled", "negated", "former")
ENTITY_TYPES = ("organization", "person", "facility", "product", "place")


@dataclass(frozen=True)
class Arg:
    """One argument of a fact type.

    key       -- the argument identifies the fact (FORMAT.md's bold arguments)
    entity    -- the entity type it names ("organization|person": either), or None for a plain value
    contested -- part of the fact's identity, but sources may disagree on it (a role's
                 wording, a figure's value): claims merge across it and report the
                 difference instead of splitting on it
    """
    name: str
    key: bool = False
    entity: str | None = None
    contested: bool = False


@dataclass(frozen=True)
class FactType:
    name: str
    args: tuple[Arg, ...]
    statuses: tuple[str, ...]
    reported: tuple[str, ...] = ()      # statuses in which it is news of the day
    status_keyed: bool = False          # each reported state is its own fact
    unordered: bool = False             # (org, partner) == (partner, org)
    doc: str = ""

    @property
    def key_args(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.args if a.key)

    @property
    def merge_args(self) -> tuple[str, ...]:
        """Key arguments claims merge on (contested ones left out)."""
        return tuple(a.name for a in self.args if a.key and not a.contested)

    @property
    def entity_args(self) -> dict[str, str]:
        return {a.name: a.entity for a in self.args if a.entity}

    def arg(self, name: str) -> Arg | None:
        return next((a for a in self.args if a.name == name), None)


ORG, PER, FAC, PROD = "organization", "person", "facility", "product"
_ALL = STATUSES

TYPES: dict[str, FactType] = {t.name: t for t in (
    FactType("part_of", (Arg("org", True, ORG), Arg("parent", True, ORG), Arg("form"), Arg("ownership")),
             ("actual", "planned", "former", "negated"),
             doc="org is a unit or subsidiary of parent"),
    FactType("stake", (Arg("owner", True, ORG), Arg("org", True, ORG + "|" + FAC), Arg("share")),
             ("actual", "planned", "former", "cancelled", "negated"), reported=("cancelled",),
             doc="owner holds a stake in org (a company, or a site: a wind farm, a mine)"),
    FactType("position", (Arg("person", True, PER), Arg("org", True, ORG), Arg("role", True, contested=True)),
             ("actual", "planned", "former", "negated"), reported=("actual",),
             doc="person holds role at org (time = tenure)"),
    FactType("operates", (Arg("org", True, ORG), Arg("facility", True, FAC)),
             ("actual", "planned", "former", "cancelled", "negated"),
             doc="org runs or controls the plant or site"),
    FactType("produces", (Arg("maker", True, ORG + "|" + FAC), Arg("product", True, PROD)),
             ("actual", "planned", "former", "negated"),
             doc="an org or plant makes a product"),
    FactType("partner", (Arg("org", True, ORG), Arg("partner", True, ORG)),
             ("actual", "planned", "former", "cancelled", "negated"), reported=("actual",), unordered=True,
             doc="partnership or alliance"),
    FactType("founded", (Arg("org", True, ORG), Arg("by", entity=ORG + "|" + PER)),
             ("actual", "planned", "cancelled", "negated"),
             doc="org created (time = when)"),
    FactType("closed", (Arg("org", True, ORG + "|" + FAC),),
             ("actual", "planned", "cancelled", "negated"), reported=("actual", "cancelled"),
             doc="org or unit shut down, dismantled, wound down"),
    FactType("merged_into", (Arg("org", True, ORG), Arg("into", True, ORG)),
             ("actual", "planned", "cancelled", "negated"), reported=("actual",),
             doc="org absorbed / reintegrated / folded into another"),
    FactType("ipo", (Arg("org", True, ORG),),
             ("actual", "planned", "cancelled", "negated"), reported=("cancelled", "actual"), status_keyed=True,
             doc="listing planned, cancelled or completed"),
    FactType("job_cuts", (Arg("org", True, ORG), Arg("count")),
             ("actual", "planned", "cancelled", "negated", "target"), reported=("actual", "planned"),
             doc="job cuts announced, done, or explicitly ruled out"),
    FactType("metric", (Arg("entity", True, ORG), Arg("measure", True), Arg("value", True, contested=True),
                        Arg("unit"), Arg("scope"), Arg("change_pct"), Arg("qualifier")),
             ("actual", "target", "planned"),
             doc="a figure (time = the period it covers)"),
    FactType("acquisition", (Arg("acquirer", True, ORG), Arg("target", True, ORG), Arg("share")),
             ("actual", "planned", "cancelled", "negated"), reported=("actual", "cancelled", "planned"),
             status_keyed=True, doc="a takeover or purchase of a company or a controlling stake"),
    FactType("merger", (Arg("org", True, ORG), Arg("partner", True, ORG)),
             ("actual", "planned", "cancelled", "negated"), reported=("cancelled", "actual"),
             status_keyed=True, unordered=True, doc="a merger or business integration of two companies"),
)}

FACT_TYPES = tuple(TYPES)
# Every argument name that holds an entity, whatever the type.
ENTITY_ARGS = frozenset(a.name for t in TYPES.values() for a in t.args if a.entity)


def fact_type(name: str) -> FactType:
    try:
        return TYPES[name]
    except KeyError:
        raise KeyError(f"unknown fact type {name!r}; known: {', '.join(FACT_TYPES)}") from None


def key_args(type_name: str) -> tuple[str, ...]:
    return TYPES[type_name].key_args if type_name in TYPES else ()


def is_reported_event(type_name: str, status: str | None) -> bool:
    t = TYPES.get(type_name)
    return bool(t and status in t.reported)
