"""The interchange format of docs/extraction.md: entities with spans and norms, and relations."""

from __future__ import annotations

import json
from typing import Any

from lawgraph.extract.campaigns import RESPONSIBILITY, RESPONSIBILITY_SYSTEM
from lawgraph.extract.model import Entity, Extraction

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


def _system(e: Entity) -> bool:
    """Whether ``e`` is the responsibility system, which the facts file names
    :data:`~lawgraph.extract.campaigns.RESPONSIBILITY_SYSTEM` and the interchange by its slogan."""
    return e.attrs.get("name") == RESPONSIBILITY_SYSTEM


def _mentions(e: Entity) -> list[dict[str, Any]]:
    """An entity's mentions as the interchange writes them (the system's: its slogan's words)."""
    if _system(e):
        at = [(m.start + m.surface.find(RESPONSIBILITY), m) for m in e.mentions]
        return [
            {"text": RESPONSIBILITY, "start": s, "end": s + len(RESPONSIBILITY)}
            for s, m in at
            if s >= m.start
        ]
    anaphors = e.attrs.get("anaphors", ())
    return [
        {"text": m.surface, "start": m.start, "end": m.end} for m in e.mentions if m not in anaphors
    ]


def to_dict(x: Extraction) -> dict[str, Any]:
    """The extraction as the interchange format's JSON object."""
    ents = [
        e for e in x.entities if e.type in TYPES and (not e.attrs.get("facts_only") or _system(e))
    ]
    # the responsibility system is the subject of no relation there (the extractor's are those
    # of a system that frames nothing, and annotators' are few), only what is part of it
    ids = {id(e) for e in ents if not e.attrs.get("facts_only")}
    holds = {id(r.object) for r in x.relations if r.type == "partOf"}
    written = set(ids)
    entities = []
    for e in ents:
        mentions = _mentions(e)
        if _system(e) and not mentions and id(e) not in holds:
            continue  # 普法责任制 alone
        written.add(id(e))
        norm = RESPONSIBILITY if _system(e) else _norm(e.norm)
        item: dict[str, Any] = {"id": e.id, "type": e.type, "norm": norm}
        if e.implicit or not mentions:
            item["implicit"] = True
        item["mentions"] = mentions
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
        elif r.object is not None and (
            id(r.object) in ids or (r.type == "partOf" and id(r.object) in written)
        ):
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
