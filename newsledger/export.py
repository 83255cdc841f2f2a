"""Writers for the ledger's exports.

Each export kind is a stream of JSON-ready dicts taken from the store (`records`);
each format is a writer of such a stream (`FORMATS`).  Keeping the two apart lets
the library, the CLI and later formats (CSV, JSON-LD) share one definition of what
a "facts export" contains: facts exactly as FORMAT.md specifies (`Fact.to_json`),
claims as `Claim.to_json`, documents and entities as their `to_json`.
"""
from __future__ import annotations

import json
from typing import Any, Callable, Iterable, Iterator, TextIO

from .store import Store

KINDS = ("facts", "claims", "documents", "entities")


def records(store: Store, kind: str, *, doc_id: str | None = None, type: str | None = None,
            entity: str | None = None) -> Iterator[dict[str, Any]]:
    """The JSON objects of one export kind; filters apply where the kind has them."""
    if kind == "facts":
        items: Iterable[Any] = store.facts(doc_id=doc_id, type=type, entity=entity)
    elif kind == "claims":
        from .query import settled_claims     # the histories every view shows
        items = settled_claims(store, [c for c in store.claims(entity=entity)
                                       if type is None or c.type == type])
    elif kind == "documents":
        items = [d for d in store.documents() if doc_id is None or d.doc_id == doc_id]
    elif kind == "entities":
        items = [e for e in store.entities() if type is None or e.type == type]
    else:
        raise ValueError(f"unknown export kind {kind!r}; choose from {', '.join(KINDS)}")
    for item in items:
        yield item.to_json()


def write_jsonl(rows: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """One JSON object per line, UTF-8 text kept readable (no \\u escapes); returns the count."""
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _flatten_row(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become dotted columns (time.start, args.org); lists stay JSON text."""
    out: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten_row(value, name + "."))
        elif isinstance(value, list):
            out[name] = json.dumps(value, ensure_ascii=False)
        else:
            out[name] = value
    return out


# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value      # OWASP's advice against CSV formula injection
    return value


_CSV_FIRST = ("doc_id", "fact_id", "claim_id", "entity_id", "type", "status", "time.start",
              "time.end")


def write_csv(rows: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """RFC 4180 CSV with a header; nested fields flattened to dotted column names.

    Columns are the union over all rows (known leading ones first); a text cell that
    a spreadsheet would run as a formula (=, +, -, @) is prefixed with a quote.
    """
    import csv
    flat = [_flatten_row(r) for r in rows]
    columns: dict[str, None] = {c: None for c in _CSV_FIRST if any(c in r for r in flat)}
    for r in flat:                        # then args.* together, then the rest
        columns.update(dict.fromkeys(c for c in r if c.startswith("args.")))
    for r in flat:
        columns.update(dict.fromkeys(r))
    writer = csv.writer(fh, lineterminator="\r\n")
    writer.writerow(list(columns))
    for r in flat:
        writer.writerow([_csv_cell(r.get(c)) for c in columns])
    return len(flat)


FORMATS: dict[str, Callable[[Iterable[dict[str, Any]], TextIO], int]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
}


def write(store: Store, kind: str, fh: TextIO, *, format: str = "jsonl", **filters: Any) -> int:
    """Write one export kind to `fh` in `format`; returns the number of records written."""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}; choose from {', '.join(KINDS)}")
    if format in STORE_FORMATS:          # formats that need more than the records (JSON-LD)
        return STORE_FORMATS[format](store, kind, fh, **filters)
    try:
        writer = FORMATS[format]
    except KeyError:
        raise ValueError(f"unknown export format {format!r}; choose from "
                         f"{', '.join([*FORMATS, *STORE_FORMATS])}")
    return writer(records(store, kind, **filters), fh)


# ------------------------------------------------------------------------- JSON-LD

# Linked data with W3C PROV provenance.  Every fact (or claim) is an rdf:Statement
# whose subject, predicate and object say what it states; the predicate is a
# Wikidata property where one exists (P169 CEO, P749 parent organization, P127 owned
# by, P137 operator, P1056 product, P571 inception, P576 dissolved, P7888 merged
# into, P1128 employees, P2139 revenue, P2295 net profit), else a term of the
# newsledger: vocabulary.  Times are Wikidata qualifiers (pq:P580 start time,
# pq:P582 end time, pq:P585 point in time).  Each statement prov:wasDerivedFrom the
# article it was read in, and carries its evidence: the quoted span as prov:value with
# W3C Web Annotation selectors (character offsets into the stored text, exact quote).
# Actual parent/child ties are also asserted directly on the entities (wdt:P749 on
# the unit, wdt:P355 subsidiary on the parent).

VOCAB = "urn:newsledger:vocab:"
JSONLD_CONTEXT: dict[str, Any] = {
    "newsledger": VOCAB,
    "wd": "http://www.wikidata.org/entity/",
    "wdt": "http://www.wikidata.org/prop/direct/",
    "pq": "http://www.wikidata.org/prop/qualifier/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "schema": "https://schema.org/",
}
WIKIDATA = {
    "ceo": "wdt:P169", "chair": "wdt:P488", "parent": "wdt:P749", "subsidiary": "wdt:P355",
    "owned_by": "wdt:P127", "operator": "wdt:P137", "product": "wdt:P1056",
    "inception": "wdt:P571", "dissolved": "wdt:P576", "merged_into": "wdt:P7888",
    "founded_by": "wdt:P112", "employees": "wdt:P1128", "revenue": "wdt:P2139",
    "profit": "wdt:P2295", "start": "pq:P580", "end": "pq:P582", "point": "pq:P585",
    "proportion": "pq:P1107",
}
_ROLE_PROPERTY = {"ceo": "ceo", "chief executive": "ceo", "chief executive officer": "ceo",
                  "chair": "chair", "chairman": "chair", "chairwoman": "chair",
                  "chairperson": "chair"}
_SCHEMA_TYPE = {"organization": "schema:Organization", "person": "schema:Person",
                "facility": "schema:Place", "place": "schema:Place", "product": "schema:Product"}
_EVENT_DATE_TYPES = {"founded", "closed"}
_TIE_TYPES = {"part_of", "stake", "position", "operates", "produces", "partner"}


def _iri(kind: str, ident: str) -> str:
    from urllib.parse import quote
    return f"urn:newsledger:{kind}:{quote(str(ident), safe='')}"


def _date_literal(value: str | None) -> dict[str, str] | None:
    import re
    if not value:
        return None
    for rx, xsd in ((r"\d{4}", "xsd:gYear"), (r"\d{4}-\d{2}", "xsd:gYearMonth"),
                    (r"\d{4}-\d{2}-\d{2}", "xsd:date")):
        if re.fullmatch(rx, value):
            return {"@value": value, "@type": xsd}
    return {"@value": value}


def _number_literal(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    return {"@value": str(int(value)) if float(value).is_integer() else repr(float(value)),
            "@type": "xsd:decimal"}


class _Graph:
    """Builds the @graph: statements plus the entity and article nodes they point to."""

    def __init__(self, store: Store):
        self.store = store
        self.nodes: dict[str, dict[str, Any]] = {}
        self.entity_cache: dict[str, Any] = {}

    def entity(self, name: Any) -> dict[str, str]:
        from .models import slug
        name = str(name)
        if name not in self.entity_cache:
            self.entity_cache[name] = self.store.find_entity(name)
        found = self.entity_cache[name]
        iri = _iri("entity", found.entity_id if found else slug(name))
        if iri not in self.nodes:
            node: dict[str, Any] = {"@id": iri, "rdfs:label": found.name if found else name}
            if found is not None:
                node["@type"] = _SCHEMA_TYPE.get(found.type, "schema:Thing")
                others = sorted(set(found.aliases) - {found.name})
                if others:
                    node["schema:alternateName"] = others
            self.nodes[iri] = node
        return {"@id": iri}

    def document(self, doc_id: str) -> dict[str, str]:
        iri = _iri("doc", doc_id)
        if iri not in self.nodes:
            doc = self.store.get_document_by_id(doc_id)
            node: dict[str, Any] = {"@id": iri, "@type": ["prov:Entity", "schema:NewsArticle"],
                                    "newsledger:docId": doc_id}
            if doc is not None:
                if doc.title:
                    node["schema:headline"] = doc.title
                if doc.outlet:
                    node["schema:publisher"] = {"@type": "schema:Organization",
                                                "schema:name": doc.outlet}
                if doc.published:
                    node["schema:datePublished"] = _date_literal(doc.published)
                if doc.url:
                    node["schema:url"] = {"@id": doc.url}
                if doc.language:
                    node["schema:inLanguage"] = doc.language
            self.nodes[iri] = node
        return {"@id": iri}

    def assert_direct(self, subject: dict[str, str], prop: str, obj: dict[str, str]) -> None:
        node = self.nodes[subject["@id"]]
        values = node.setdefault(prop, [])
        if obj not in values:
            values.append(obj)

    def evidence(self, doc_id: str, ev: dict[str, Any]) -> dict[str, Any]:
        return {"@type": "oa:SpecificResource", "oa:hasSource": self.document(doc_id),
                "prov:value": ev.get("text"),
                "oa:hasSelector": [
                    {"@type": "oa:TextPositionSelector", "oa:start": ev.get("start"),
                     "oa:end": ev.get("end")},
                    {"@type": "oa:TextQuoteSelector", "oa:exact": ev.get("text")}]}

    def statement(self, iri: str, type_: str, args: dict[str, Any], time: dict[str, Any],
                  status: str | None) -> dict[str, Any]:
        """An rdf:Statement node: subject, Wikidata (or newsledger:) predicate, object."""
        a = {k: v for k, v in args.items() if v not in (None, "")}
        start, end = time.get("start"), time.get("end")
        quals: dict[str, Any] = {}
        subject = obj = None
        pred = f"newsledger:{type_}"
        if type_ == "part_of":
            subject, pred, obj = a.get("org"), WIKIDATA["parent"], a.get("parent")
            for k in ("form", "ownership"):
                if k in a:
                    quals[f"newsledger:{k}"] = a[k]
        elif type_ == "stake":
            subject, pred, obj = a.get("org"), WIKIDATA["owned_by"], a.get("owner")
            share = str(a.get("share", ""))
            if share:
                quals["newsledger:share"] = share
                if share.endswith("%"):
                    try:
                        quals[WIKIDATA["proportion"]] = _number_literal(float(share[:-1]) / 100)
                    except ValueError:
                        pass
        elif type_ == "position":
            role = str(a.get("role") or "")
            key = _ROLE_PROPERTY.get(" ".join(role.casefold().split()))
            if key:
                subject, pred, obj = a.get("org"), WIKIDATA[key], a.get("person")
            else:
                subject, pred, obj = a.get("person"), "newsledger:position", a.get("org")
            quals["newsledger:role"] = role or None
        elif type_ == "operates":
            subject, pred, obj = a.get("facility"), WIKIDATA["operator"], a.get("org")
        elif type_ == "produces":
            subject, pred, obj = a.get("maker"), WIKIDATA["product"], a.get("product")
        elif type_ == "partner":
            subject, obj = a.get("org"), a.get("partner")
        elif type_ == "founded":
            subject = a.get("org")
            if a.get("by"):
                quals[WIKIDATA["founded_by"]] = self.entity(a["by"])
            pred = WIKIDATA["inception"] if start else "newsledger:founded"
        elif type_ == "closed":
            subject = a.get("org")
            pred = WIKIDATA["dissolved"] if start else "newsledger:closed"
        elif type_ == "merged_into":
            subject, pred, obj = a.get("org"), WIKIDATA["merged_into"], a.get("into")
        elif type_ == "merger":
            subject, pred, obj = a.get("org"), "newsledger:mergerWith", a.get("partner")
        elif type_ == "acquisition":
            subject, pred, obj = a.get("acquirer"), "newsledger:acquired", a.get("target")
            if a.get("share"):
                quals["newsledger:share"] = a["share"]
        elif type_ == "ipo":
            subject = a.get("org")
        elif type_ == "job_cuts":
            subject = a.get("org")
            if "count" in a:
                quals["newsledger:count"] = _number_literal(a["count"])
        elif type_ == "metric":
            subject = a.get("entity")
            measure = str(a.get("measure") or "figure")
            pred = WIKIDATA.get(measure) if measure in ("employees", "revenue", "profit") \
                else f"newsledger:{measure}"
            for k in ("unit", "scope", "qualifier"):
                if k in a:
                    quals[f"newsledger:{k}"] = a[k]
            if "change_pct" in a:
                quals["newsledger:changePct"] = _number_literal(a["change_pct"])
        node: dict[str, Any] = {"@id": iri, "@type": ["rdf:Statement", "prov:Entity"],
                                "newsledger:factType": type_, "newsledger:status": status}
        if subject is not None:
            node["rdf:subject"] = self.entity(subject)
        node["rdf:predicate"] = {"@id": pred}
        if type_ in _EVENT_DATE_TYPES:
            node["rdf:object"] = _date_literal(start) if start else True
        elif type_ == "metric":
            node["rdf:object"] = _number_literal(a.get("value"))
        elif obj is not None:
            node["rdf:object"] = self.entity(obj)
        else:
            node["rdf:object"] = True
        if type_ in _TIE_TYPES:
            if start:
                quals[WIKIDATA["start"]] = _date_literal(start)
            if end:
                quals[WIKIDATA["end"]] = _date_literal(end)
        elif type_ not in _EVENT_DATE_TYPES:
            if start and end:
                quals[WIKIDATA["start"]], quals[WIKIDATA["end"]] = \
                    _date_literal(start), _date_literal(end)
            elif start or end:
                quals[WIKIDATA["point"]] = _date_literal(start or end)
        node.update({k: v for k, v in quals.items() if v is not None})
        if type_ == "part_of" and status in ("actual", None) and subject and obj:
            self.assert_direct(node["rdf:subject"], WIKIDATA["parent"], node["rdf:object"])
            self.assert_direct(node["rdf:object"], WIKIDATA["subsidiary"], node["rdf:subject"])
        return node


def jsonld_document(store: Store, kind: str, **filters: Any) -> dict[str, Any]:
    """The whole export as one JSON-LD document ({"@context", "@graph"})."""
    graph = _Graph(store)
    statements: list[dict[str, Any]] = []
    for row in records(store, kind, **filters):
        if kind == "facts":
            node = graph.statement(_iri("fact", row["fact_id"]), row["type"], row["args"],
                                   row.get("time") or {}, row.get("status"))
            node["prov:wasDerivedFrom"] = graph.document(row["doc_id"])
            node["newsledger:evidence"] = graph.evidence(row["doc_id"], row["evidence"])
            node["newsledger:confidence"] = row.get("confidence")
            if row.get("attributed_to"):
                node["newsledger:attributedTo"] = graph.entity(row["attributed_to"])
            statements.append(node)
        elif kind == "claims":
            node = graph.statement(_iri("claim", row["claim_id"]), row["type"], row["args"],
                                   row.get("time") or {}, row.get("status"))
            node["prov:wasDerivedFrom"] = [graph.document(s["doc_id"]) for s in row["sources"]]
            node["newsledger:evidence"] = [graph.evidence(s["doc_id"], s["evidence"])
                                           for s in row["sources"]]
            node["newsledger:independentSources"] = row.get("independent_sources")
            if row.get("conflicts"):
                node["newsledger:conflicts"] = {"@value": row["conflicts"], "@type": "@json"}
            statements.append(node)
        elif kind == "documents":
            graph.document(row["doc_id"])
        elif kind == "entities":
            graph.entity(row["name"])
    return {"@context": JSONLD_CONTEXT, "@graph": [*graph.nodes.values(), *statements]}


def write_jsonld(store: Store, kind: str, fh: TextIO, **filters: Any) -> int:
    """One JSON-LD document; returns the number of statements (or nodes) written."""
    doc = jsonld_document(store, kind, **filters)
    fh.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return len(doc["@graph"])


STORE_FORMATS: dict[str, Callable[..., int]] = {"jsonld": write_jsonld}
