"""The interchange format of docs/extraction.md: entities with spans and norms, and relations."""

from __future__ import annotations

import json
from typing import Any

from lawgraph.extract.model import Extraction

# Types the interchange format has (Document is a facts-file section only).
TYPES = ("Law", "Official", "Agency", "Place", "Event", "Campaign", "Quantity", "Date")
# Relation types the interchange format has (§4); the extractor's others (agencyAttended: an agency
# among those at an event) are facts-file records only.
RELATION_TYPES = (
    "holdsPosition",
    "date",
    "organizedBy",
    "chaired",
    "attended",
    "spokeAt",
    "promotes",
    "partOf",
    "heldAt",
    "quantity",
)


def _norm(value: Any) -> Any:
    if isinstance(value, dict):
        out = dict(value)
        v = out.get("value")
        if isinstance(v, float) and v.is_integer():
            out["value"] = int(v)
        return out
    return value


def to_dict(x: Extraction) -> dict[str, Any]:
    """The extraction as the interchange format's JSON object."""
    ents = [e for e in x.entities if e.type in TYPES and not e.attrs.get("facts_only")]
    ids = {id(e) for e in ents}
    entities = []
    for e in ents:
        item: dict[str, Any] = {"id": e.id, "type": e.type, "norm": _norm(e.norm)}
        if e.implicit:
            item["implicit"] = True
        item["mentions"] = [{"text": m.surface, "start": m.start, "end": m.end} for m in e.mentions]
        entities.append(item)
    relations = []
    for r in x.relations:
        if id(r.subject) not in ids or r.type not in RELATION_TYPES:
            continue
        if r.type == "holdsPosition":
            relations.append(
                {
                    "type": r.type,
                    "subject": r.subject.id,
                    "title": r.attrs.get("title"),
                    "agency": r.attrs.get("agency_norm"),
                }
            )
        elif r.object is not None and id(r.object) in ids:
            relations.append({"type": r.type, "subject": r.subject.id, "object": r.object.id})
    return {
        "doc_id": x.doc_id,
        "doc_year": x.doc_year,
        "year_basis": x.year_basis,
        "entities": entities,
        "relations": relations,
    }


def dumps(x: Extraction) -> str:
    """Deterministic JSON text (same input, same bytes), one entity or relation per line."""
    d = to_dict(x)

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    head = ", ".join(f"{one(k)}: {one(d[k])}" for k in ("doc_id", "doc_year", "year_basis"))
    entities = ",\n  ".join(one(e) for e in d["entities"])
    relations = ",\n  ".join(one(r) for r in d["relations"])
    return (
        "{" + head + ",\n"
        ' "entities": [\n  ' + entities + "\n ],\n"
        ' "relations": [\n  ' + relations + "\n ]}\n"
    )
