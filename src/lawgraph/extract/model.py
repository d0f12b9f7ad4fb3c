"""What the extractor finds: mentions, entities and relations, before they are written out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lawgraph.gazetteer import Division

# The entity types of docs/extraction.md (the interchange format's §3), plus Document, which the
# facts file has and the interchange format does not score.
ENTITY_TYPES = (
    "Law",
    "Document",
    "Official",
    "Agency",
    "Place",
    "Event",
    "Campaign",
    "Quantity",
    "Date",
)


@dataclass(frozen=True, order=True)
class Mention:
    """A span of the report text, half-open: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str

    def overlaps(self, other: Mention) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Entity:
    """One referent of the report, with every naming mention found for it.

    ``norm`` is a string for every type but Quantity, whose norm is a dict
    (``value``, ``unit``, ``qualifier``, ``counted``). ``attrs`` holds what the writers need beside
    the norm (an agency's kind and place, an event's date and kind, a law's category …).
    ``implicit`` entities are named only inside a longer span: they are relation arguments only.
    """

    type: str
    norm: Any
    mentions: list[Mention] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)
    implicit: bool = False
    id: str = ""

    @property
    def first(self) -> int:
        return self.mentions[0].start if self.mentions else 1 << 30


@dataclass
class Relation:
    """A relation between two entities (``object`` is None for holdsPosition).

    ``evidence`` lists the spans that state it; ``attrs`` carries holdsPosition's title and agency.
    """

    type: str
    subject: Entity
    object: Entity | None = None
    evidence: list[Mention] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)

    def key(self) -> tuple[Any, ...]:
        obj = id(self.object) if self.object is not None else None
        extra = (self.attrs.get("title"), self.attrs.get("agency_norm"))
        return (self.type, id(self.subject), obj, extra)


@dataclass
class Extraction:
    """Everything found in one report."""

    text: str
    doc_id: str
    entities: list[Entity]
    relations: list[Relation]
    doc_year: int | None
    year_basis: str | None
    place: Division | None  # the reporting jurisdiction, if known
    published: str | None  # YYYY[-MM[-DD]] stated in the text, if any
    title: str
    issuer: Entity | None = None
    juris: Any = None  # the Jurisdiction used to expand names (for the facts file)
    years: Any = None  # the year resolver (for the facts file)

    def of_type(self, type_: str) -> list[Entity]:
        return [e for e in self.entities if e.type == type_]
