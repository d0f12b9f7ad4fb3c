"""The vocabularies lawgraph writes, as pyoxigraph terms.

``LG`` is closed: it has exactly the terms ``ontology/lawgraph.ttl`` defines (a test checks that
the two agree), so a misspelt term fails at import, not silently in the graph.
"""

from __future__ import annotations

import pyoxigraph as ox

from lawgraph.ids import NS

LG_TERMS = (
    "Agency",
    "AgencyKinds",
    "Approx",
    "Attended",
    "Campaign",
    "Ceremony",
    "Chaired",
    "CoOrganised",
    "Concept",
    "Congress",
    "Coordination",
    "Court",
    "Cppcc",
    "Division",
    "Document",
    "Enterprise",
    "Event",
    "EventKinds",
    "Evidence",
    "Exact",
    "Government",
    "Hosted",
    "Institution",
    "Law",
    "Lecture",
    "Measure",
    "Meeting",
    "MeetingKind",
    "Official",
    "Organised",
    "OtherAgency",
    "OtherEvent",
    "Over",
    "Participation",
    "Party",
    "Place",
    "Procuratorate",
    "Promotion",
    "Publicity",
    "Qualifiers",
    "Report",
    "Roles",
    "School",
    "Spoke",
    "Team",
    "Tenure",
    "Training",
    "Under",
    "University",
    "agencyKind",
    "charEnd",
    "charStart",
    "counted",
    "curatedBy",
    "date",
    "divisionCode",
    "divisionLevel",
    "endDate",
    "eventKind",
    "evidence",
    "fromReport",
    "fullText",
    "inAgency",
    "inEvent",
    "issuer",
    "jurisdiction",
    "lawCategory",
    "marker",
    "measureOf",
    "mentions",
    "organizer",
    "partOfCampaign",
    "participant",
    "participation",
    "period",
    "promotedLaw",
    "promoter",
    "promotesLaw",
    "published",
    "qualifier",
    "quote",
    "role",
    "searchKey",
    "sentence",
    "sentenceStart",
    "sha256",
    "sourceUrl",
    "subEventOf",
    "subOrganizationOf",
    "tenureOf",
    "title",
    "unit",
    "value",
    "venue",
    "within",
    "year",
)


class _Namespace:
    """A closed namespace: attribute access for its terms only."""

    def __init__(self, base: str, terms: tuple[str, ...] | None = None) -> None:
        self._base = base
        self._terms = frozenset(terms) if terms is not None else None

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_") or (self._terms is not None and name not in self._terms):
            raise AttributeError(f"{self._base} has no term {name!r}")
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return getattr(self, name)


LG = _Namespace(NS, LG_TERMS)
RDF = _Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", ("type",))
RDFS = _Namespace("http://www.w3.org/2000/01/rdf-schema#", ("label",))
SKOS = _Namespace(
    "http://www.w3.org/2004/02/skos/core#", ("prefLabel", "altLabel", "hiddenLabel", "inScheme")
)
ORG = _Namespace("http://www.w3.org/ns/org#", ("memberOf",))
SCHEMA = _Namespace("https://schema.org/", ("attendee", "organizer"))
PROV = _Namespace("http://www.w3.org/ns/prov#", ("wasDerivedFrom", "hadPrimarySource"))
XSD = _Namespace(
    "http://www.w3.org/2001/XMLSchema#",
    ("string", "integer", "decimal", "date", "gYear", "gYearMonth", "anyURI"),
)

PREFIXES = {
    "lg": NS,
    "id": "https://w3id.org/lawgraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "org": "http://www.w3.org/ns/org#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "oa": "http://www.w3.org/ns/oa#",
    "dcterms": "http://purl.org/dc/terms/",
}
