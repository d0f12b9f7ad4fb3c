"""What an extraction holds, as plain strings: the helpers of the extractor's rule tests."""

from __future__ import annotations

from lawgraph.extract.model import Entity, Extraction


def name(ent: Entity) -> str:
    """An entity's first mention as written, or its norm when it has none."""
    return ent.mentions[0].surface if ent.mentions else str(ent.norm)


def mentions(x: Extraction, type_: str) -> list[str]:
    """The mentions of every entity of a type, entity by entity."""
    return [m.surface for e in x.entities if e.type == type_ for m in e.mentions]


def spans(x: Extraction, type_: str) -> list[str]:
    """The mentions of a type, sorted."""
    return sorted(mentions(x, type_))


def rels(x: Extraction, type_: str) -> set[tuple[str, str]]:
    """The (subject, object) names of the relations of a type."""
    return {(name(r.subject), name(r.object)) for r in x.relations if r.type == type_ and r.object}


def quantities(x: Extraction) -> dict[str, str]:
    """Each count as written → the name of what it is attached to."""
    return {name(r.object): name(r.subject) for r in x.relations if r.type == "quantity"}
