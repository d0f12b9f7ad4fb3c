"""Names and looks of the graph's terms: labels of classes and properties (from the ontology, in
zh and en), the kind of an entity for colours, and the local path of a lawgraph IRI.

>>> local_path("https://w3id.org/lawgraph/id/official/daixiaomei-69c28891")
'/id/official/daixiaomei-69c28891'
>>> local_path("https://example.org/x")
'https://example.org/x'
>>> iri_of_path("official/daixiaomei-69c28891")
'https://w3id.org/lawgraph/id/official/daixiaomei-69c28891'
>>> iri_of_path("../../etc/passwd") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

import pyoxigraph as ox

from lawgraph.ids import BASE, NS
from lawgraph.vocab import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"

FACT_TYPES = ("Tenure", "Participation", "Promotion", "Measure")
"""The n-ary fact classes (local names in lg:)."""
KINDS = (
    "Official",
    "Agency",
    "Law",
    "Campaign",
    "Meeting",
    "Event",
    "Division",
    "Place",
    "Document",
    "Report",
    "Measure",
    "Tenure",
    "Participation",
    "Promotion",
    "Evidence",
    "Concept",
)
"""Kinds of node, most specific first: a node's kind is the first of its classes here."""
COLOURS: Mapping[str, str] = {
    "Official": "#c2185b",
    "Agency": "#1565c0",
    "Law": "#2e7d32",
    "Campaign": "#ef6c00",
    "Meeting": "#6a1b9a",
    "Event": "#6a1b9a",
    "Division": "#00838f",
    "Place": "#00838f",
    "Document": "#5d4037",
    "Report": "#37474f",
    "Measure": "#ad1457",
    "Literal": "#757575",
    "Other": "#546e7a",
}
"""One colour per kind (graphs, highlights, legends); text on white stays readable (≥ 4.5:1)."""

_BUILT_IN: Mapping[str, Mapping[str, str]] = {
    RDF_TYPE: {"zh": "类型", "en": "type"},
    RDFS_LABEL: {"zh": "名称", "en": "label"},
    SKOS + "prefLabel": {"zh": "首选名称", "en": "preferred label"},
    SKOS + "altLabel": {"zh": "其他写法", "en": "also written"},
    SKOS + "hiddenLabel": {"zh": "拼音", "en": "pinyin"},
    "http://www.w3.org/ns/org#memberOf": {"zh": "成员", "en": "member of"},
    "https://schema.org/attendee": {"zh": "出席者", "en": "attendee"},
    "https://schema.org/organizer": {"zh": "主办者", "en": "organizer"},
    "http://www.w3.org/ns/prov#hadPrimarySource": {"zh": "原始来源", "en": "primary source"},
    "http://www.w3.org/ns/prov#wasDerivedFrom": {"zh": "来源", "en": "derived from"},
    "http://www.w3.org/ns/prov#generatedAtTime": {"zh": "生成时间", "en": "generated at"},
}
_SLUG_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~-]*(?:/[A-Za-z0-9][A-Za-z0-9._~-]*){1,5}$")


@cache
def ontology_labels() -> dict[str, dict[str, str]]:
    """``{iri: {"zh": …, "en": …}}`` for every term of the ontology that has labels."""
    from lawgraph.resources import ontology_path

    labels: dict[str, dict[str, str]] = {k: dict(v) for k, v in _BUILT_IN.items()}
    with open(ontology_path(), "rb") as f:
        for triple in ox.parse(f, ox.RdfFormat.TURTLE):
            s, p, o = triple.subject, triple.predicate, triple.object
            if (
                p.value == RDFS_LABEL
                and isinstance(s, ox.NamedNode)
                and isinstance(o, ox.Literal)
                and o.language in ("zh", "en")
            ):
                labels.setdefault(s.value, {})[o.language] = o.value
    return labels


def term_label(iri: str, lang: str) -> str:
    """A class's, property's or concept's label in ``lang`` (else the other language, else a
    short form of the IRI)."""
    found = ontology_labels().get(iri)
    if found:
        return found.get(lang) or next(iter(found.values()))
    return shorten(iri)


def shorten(iri: str) -> str:
    """``lg:Law`` for a term of a known vocabulary; the IRI otherwise.

    >>> shorten("https://w3id.org/lawgraph/ns#Law")
    'lg:Law'
    """
    for prefix, base in PREFIXES.items():
        if iri.startswith(base) and len(iri) > len(base) and prefix != "id":
            return f"{prefix}:{iri[len(base) :]}"
    return iri


def kind_of(classes: Iterable[str]) -> str:
    """The kind of a node (a key of :data:`COLOURS`) from its classes' IRIs."""
    names = {c[len(NS) :] for c in classes if c.startswith(NS)}
    for kind in KINDS:
        if kind in names:
            return kind
    return "Other"


def local_path(iri: str) -> str:
    """Where this app serves a lawgraph IRI (``/id/…``); any other IRI unchanged."""
    if iri.startswith(BASE) and iri_of_path(iri[len(BASE) :]) is not None:
        return "/id/" + iri[len(BASE) :]
    return iri


def iri_of_path(path: str) -> str | None:
    """The lawgraph IRI served at ``/id/{path}``, or None if ``path`` cannot be one (only
    ASCII slug segments: no dots alone, no percent-escapes, at most six segments)."""
    if not _SLUG_PATH.match(path) or any(seg in (".", "..") for seg in path.split("/")):
        return None
    return BASE + path
