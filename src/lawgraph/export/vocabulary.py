"""What the export knows of lawgraph's vocabulary: which classes are entities, which are n-ary
facts, which predicates are shortcuts or mirrors, and the zh / en labels of every term.

Labels are read once from ``ontology/lawgraph.ttl`` (with pyoxigraph); a term the ontology does
not label falls back to its local name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox

from lawgraph.ids import NS

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SKOS_PREF = SKOS + "prefLabel"
SKOS_ALT = SKOS + "altLabel"
SKOS_HIDDEN = SKOS + "hiddenLabel"
SKOS_CONCEPT = SKOS + "Concept"
XSD = "http://www.w3.org/2001/XMLSchema#"


def lg(name: str) -> str:
    """The IRI of a lawgraph term."""
    return NS + name


ENTITY_TYPES: tuple[str, ...] = tuple(
    lg(n)
    for n in (
        "Meeting",
        "Event",
        "Campaign",
        "Official",
        "Agency",
        "Law",
        "Document",
        "Place",
        "Division",
        "Report",
    )
)
"""Entity classes, most specific first: a node's ``type`` is the first of these it has."""

TENURE, PARTICIPATION, PROMOTION, MEASURE = (
    lg("Tenure"),
    lg("Participation"),
    lg("Promotion"),
    lg("Measure"),
)
NARY_TYPES: tuple[str, ...] = (TENURE, PARTICIPATION, PROMOTION, MEASURE)
"""Classes of n-ary fact nodes: kept as nodes, or collapsed into edges (measures: into the
attribute ``measures`` of what they count)."""

EVIDENCE = lg("Evidence")
CONCEPT_TYPES = frozenset({lg("Concept"), SKOS_CONCEPT})

EVIDENCE_LINK = lg("evidence")
EVIDENCE_DETAILS = frozenset(
    lg(n) for n in ("quote", "charStart", "charEnd", "sentence", "sentenceStart", "fromReport")
)
"""Predicates of evidence nodes: folded into counts and quotes, never attributes."""

CONCEPT_LINKS = frozenset(lg(n) for n in ("agencyKind", "eventKind", "role", "qualifier"))
"""Predicates whose object is a concept of a controlled vocabulary: attributes, not edges."""

VALUE_LINKS = frozenset({"http://www.w3.org/ns/prov#hadPrimarySource"})
"""Predicates whose IRI object is a value (a web address), not an entity."""

MIRRORS = frozenset({"https://schema.org/organizer", "https://schema.org/attendee"})
"""schema.org copies of lawgraph's own relations, written for outside tools: never exported."""

INVERSES = frozenset({lg("participation")})
"""Inverses of other predicates (event → participation is participation → event reversed)."""

SHORTCUTS = frozenset({lg("promotesLaw"), lg("organizer"), "http://www.w3.org/ns/org#memberOf"})
"""Direct triples lawgraph adds beside n-ary facts; dropped where a collapsed fact links the
same two entities."""

SKIPPED_LITERALS = frozenset({lg("fullText"), SKOS_PREF})
"""Literal predicates left out of node attributes (the report's full text; prefLabel repeats
rdfs:label)."""

NARY_ENDS: dict[str, tuple[str, str]] = {
    TENURE: (lg("tenureOf"), lg("inAgency")),
    PARTICIPATION: (lg("participant"), lg("inEvent")),
    PROMOTION: (lg("promoter"), lg("promotedLaw")),
}
"""For each collapsible n-ary class, the predicates of the edge's source and target."""

MEASURE_OF = lg("measureOf")
ROLE = lg("role")
DATE_PREDICATES = (lg("date"), lg("year"), lg("published"))
"""Where a node's start on a timeline comes from, in order of preference."""


@dataclass(frozen=True)
class Labels:
    """The zh and en labels of a term (either may be empty)."""

    zh: str
    en: str


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/lawgraph/ns#partOfCampaign")
    'partOfCampaign'
    """
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[cut + 1 :] or iri


@cache
def _ontology() -> tuple[dict[str, Labels], frozenset[str]]:
    from lawgraph.resources import ontology_path

    zh: dict[str, str] = {}
    en: dict[str, str] = {}
    concepts: set[str] = set()
    for quad in ox.parse(path=str(ontology_path()), format=ox.RdfFormat.TURTLE):
        s, p, o = quad.subject, quad.predicate.value, quad.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == RDFS_LABEL and isinstance(o, ox.Literal):
            if o.language == "zh":
                zh[s.value] = o.value
            elif o.language == "en":
                en[s.value] = o.value
        elif p == RDF_TYPE and isinstance(o, ox.NamedNode) and o.value in CONCEPT_TYPES:
            concepts.add(s.value)
    labels = {iri: Labels(zh.get(iri, ""), en.get(iri, "")) for iri in zh.keys() | en.keys()}
    return labels, frozenset(concepts)


def labels(iri: str) -> Labels:
    """The ontology's zh / en labels of a term; its local name for both when it has none.

    >>> labels("https://w3id.org/lawgraph/ns#partOfCampaign")
    Labels(zh='属于活动', en='part of campaign')
    """
    found = _ontology()[0].get(iri)
    if found is None:
        name = local_name(iri)
        return Labels(name, name)
    return Labels(found.zh or found.en, found.en or found.zh)


def concepts() -> frozenset[str]:
    """The IRIs of the concepts of lawgraph's controlled vocabularies (roles, kinds …)."""
    return _ontology()[1]
