"""The ledger the query, web and browser tests share (built once per test session).

Two made-up companies:

* Valdora Motors: four short articles in this folder, ingested through the real
  pipeline (`Ledger(db).ingest`, real spaCy extractor).  Tests assert only the few
  things the extractor is expected to get (a unit created in 2021 and merged in 2025,
  a founding date two articles disagree on).
* Orbis Group: documents and facts inserted directly (`Store.add_document_with_facts`),
  so query semantics are tested on exactly known facts:

  - Orbis Labs: unit founded 2021-02, closed 2025-01
  - Linz plant: run since the 2021-02-15 article; a closure is planned, no date
  - Helix Cells: 30% stake (from the 2021-02-15 article)
  - Ana Ruiz CEO since 2016, former from 2024-02; Tom Berg CEO from 2024-02
  - Nova Robotics: acquired 2023-06 (a subsidiary from then)
  - Graz plant: planned, from 2026-07;  Kiel depot: planned, no date (2025-01-20 article)
  - founded 2005 says one outlet, 2006 another: a conflict

plus a hostile document full of markup and script, and an entity with a hostile name.
"""
from __future__ import annotations

from pathlib import Path

from newsledger.api import Ledger
from newsledger.models import Document, Entity, Evidence, Fact, TimeSpan
from newsledger.reconcile import claim_key

HERE = Path(__file__).parent
MANIFEST = HERE / "manifest.jsonl"

O1 = """Orbis Group sets up Orbis Labs

Orbis Group founded Orbis Labs, a research unit, in February 2021. Orbis Labs is a unit of Orbis Group.
Orbis Group runs the Linz plant, which makes gearboxes. Orbis Group owns 30% of Helix Cells.
Ana Ruiz has been chief executive of Orbis Group since 2016. Orbis Group was founded in 2005, the company says.
"""
O2 = """Orbis Group changes chief executive

Ana Ruiz stepped down as chief executive of Orbis Group in February 2024. Tom Berg became CEO of Orbis Group in February 2024.
Orbis Group completed the purchase of Nova Robotics in June 2023. Orbis Group had 12,000 employees in 2023.
Records show Orbis Group was founded in 2006.
"""
O3 = """Orbis Group shuts its research unit

Orbis Group closed Orbis Labs in January 2025. Orbis Group plans to run the Graz plant from July 2026.
The group also plans to run a Kiel depot. A closure of the Linz plant is planned.
"""
HOSTILE = """Hostile <script>alert(1)</script> article

Orbis Group <script>alert(1)</script> hired staff. <img src=x onerror=alert(1)> See <a href="javascript:alert(1)">this link</a>.
It said "quotes" & 'apostrophes' and '; DROP TABLE facts; -- and ../../etc/passwd.
=cmd|' /C calc'!A0 is a spreadsheet formula.
<script>document.title='pwned'</script><svg onload=alert(2)></svg>
"""
HOSTILE_NAME = "Evil <img src=x onerror=alert(4)> Unit"
HOSTILE_PARENT = "Hostile & Co <script>alert(6)</script>"

ORBIS_OUTLETS = {"o1": "ledgerpost.example", "o2": "wire.example", "o3": "ledgerpost.example"}


def _fact(doc: Document, type_: str, args: dict, quote: str, start: str | None = None,
          end: str | None = None, status: str = "actual") -> Fact:
    at = doc.text.index(quote)
    return Fact(doc.doc_id, type_, args, Evidence.of(doc.text, at, at + len(quote)),
                TimeSpan(start, end), status, confidence=0.9)


def _entities(facts: list[Fact], types: dict[str, str]) -> list[Entity]:
    names = {v for f in facts for v in f.args.values() if isinstance(v, str) and v in types}
    return [Entity(n, types[n]) for n in sorted(names)]


TYPES = {"Orbis Group": "organization", "Orbis Labs": "organization",
         "Linz plant": "facility", "Graz plant": "facility", "Kiel depot": "facility",
         "Helix Cells": "organization", "Ana Ruiz": "person", "Tom Berg": "person",
         "Nova Robotics": "organization", HOSTILE_NAME: "organization",
         HOSTILE_PARENT: "organization"}


def orbis_documents() -> list[tuple[Document, list[Fact]]]:
    o1 = Document("o1", O1, title="Orbis Group sets up Orbis Labs", outlet=ORBIS_OUTLETS["o1"],
                  published="2021-02-15", language="en")
    o2 = Document("o2", O2, title="Orbis Group changes chief executive", outlet=ORBIS_OUTLETS["o2"],
                  published="2024-03-01", language="en")
    o3 = Document("o3", O3, title="Orbis Group shuts its research unit", outlet=ORBIS_OUTLETS["o3"],
                  published="2025-01-20", language="en")
    hostile = Document("hostile", HOSTILE, title="Hostile <script>alert(1)</script> title",
                       outlet='evil"><script>alert(2)</script>', url="javascript:alert(3)",
                       published="2025-03-01", language="en")
    G = "Orbis Group"
    return [
        (o1, [
            _fact(o1, "founded", {"org": "Orbis Labs", "by": G},
                  "Orbis Group founded Orbis Labs", "2021-02"),
            _fact(o1, "part_of", {"org": "Orbis Labs", "parent": G, "form": "unit"},
                  "Orbis Labs is a unit of Orbis Group"),
            _fact(o1, "operates", {"org": G, "facility": "Linz plant"},
                  "Orbis Group runs the Linz plant"),
            _fact(o1, "stake", {"owner": G, "org": "Helix Cells", "share": "30%"},
                  "Orbis Group owns 30% of Helix Cells"),
            _fact(o1, "position", {"person": "Ana Ruiz", "org": G, "role": "CEO"},
                  "Ana Ruiz has been chief executive of Orbis Group since 2016", "2016"),
            _fact(o1, "founded", {"org": G}, "Orbis Group was founded in 2005", "2005"),
        ]),
        (o2, [
            _fact(o2, "position", {"person": "Ana Ruiz", "org": G, "role": "CEO"},
                  "Ana Ruiz stepped down as chief executive of Orbis Group in February 2024",
                  None, "2024-02", "former"),
            _fact(o2, "position", {"person": "Tom Berg", "org": G, "role": "CEO"},
                  "Tom Berg became CEO of Orbis Group in February 2024", "2024-02"),
            _fact(o2, "acquisition", {"acquirer": G, "target": "Nova Robotics"},
                  "Orbis Group completed the purchase of Nova Robotics in June 2023", "2023-06"),
            _fact(o2, "metric", {"entity": G, "measure": "employees", "value": 12000},
                  "Orbis Group had 12,000 employees in 2023", "2023"),
            _fact(o2, "founded", {"org": G}, "Orbis Group was founded in 2006", "2006"),
        ]),
        (o3, [
            _fact(o3, "closed", {"org": "Orbis Labs"}, "Orbis Group closed Orbis Labs in January 2025",
                  "2025-01"),
            _fact(o3, "operates", {"org": G, "facility": "Graz plant"},
                  "Orbis Group plans to run the Graz plant from July 2026", "2026-07",
                  status="planned"),
            _fact(o3, "operates", {"org": G, "facility": "Kiel depot"},
                  "plans to run a Kiel depot", status="planned"),
            _fact(o3, "closed", {"org": "Linz plant"}, "A closure of the Linz plant is planned",
                  status="planned"),
        ]),
        (hostile, [
            _fact(hostile, "job_cuts", {"org": G},
                  "Orbis Group <script>alert(1)</script> hired staff", "2025-02", status="negated"),
            _fact(hostile, "part_of", {"org": HOSTILE_NAME, "parent": HOSTILE_PARENT,
                                       "form": "unit"}, '<img src=x onerror=alert(1)>'),
            _fact(hostile, "partner", {"org": HOSTILE_PARENT, "partner": G},
                  "=cmd|' /C calc'!A0"),
        ]),
    ]


def build(db: Path) -> Path:
    """Ingest the Valdora articles (real pipeline), then add the Orbis facts directly."""
    with Ledger(db) as ledger:
        report = ledger.ingest([str(MANIFEST)])
        assert report.new == 4 and not report.failed, report
        for doc, facts in orbis_documents():
            stored = ledger.store.add_document_with_facts(doc, facts, _entities(facts, TYPES),
                                                          claim_key=claim_key)
            assert stored is not None
        ledger.rebuild_claims()
    return db


_BUILT: dict[str, Path] = {}


def shared_db(tmp_path_factory) -> Path:
    """The ledger, built on first use and shared by every test module (treat as read-only)."""
    if "db" not in _BUILT:
        _BUILT["db"] = build(tmp_path_factory.mktemp("query-ledger") / "ledger.db")
    return _BUILT["db"]
