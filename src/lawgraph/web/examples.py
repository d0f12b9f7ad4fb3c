"""Example queries for the SPARQL editor (titles in zh and en)."""

from __future__ import annotations

from typing import Any

from lawgraph.catalog import Catalog

PREFIXES = """PREFIX lg: <https://w3id.org/lawgraph/ns#>
PREFIX id: <https://w3id.org/lawgraph/id/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""

EXAMPLES: list[dict[str, Any]] = [
    {
        "id": "laws-by-campaign",
        "title": {"zh": "各活动宣传的法律", "en": "Laws each campaign promoted"},
        "query": PREFIXES
        + """
SELECT DISTINCT ?campaign ?campaignLabel ?law ?lawLabel WHERE {
  ?campaign a lg:Campaign ; rdfs:label ?campaignLabel ; lg:promotesLaw ?law .
  ?law rdfs:label ?lawLabel .
}
ORDER BY ?campaignLabel ?lawLabel
""",
    },
    {
        "id": "posts",
        "title": {"zh": "官员的职务", "en": "Officials and their posts"},
        "query": PREFIXES
        + """
SELECT DISTINCT ?officialLabel ?title ?agencyLabel WHERE {
  ?tenure a lg:Tenure ; lg:tenureOf ?official ; lg:title ?title ; lg:inAgency ?agency .
  ?official rdfs:label ?officialLabel .
  ?agency rdfs:label ?agencyLabel .
}
ORDER BY ?officialLabel
""",
    },
    {
        "id": "officials-events",
        "title": {
            "zh": "官员与事件（两列：关系图）",
            "en": "Officials and events (two columns: a graph)",
        },
        "query": PREFIXES
        + """
SELECT DISTINCT ?official ?event WHERE {
  ?p a lg:Participation ; lg:participant ?official ; lg:inEvent ?event .
  ?official a lg:Official .
}
""",
    },
    {
        "id": "organisers",
        "title": {
            "zh": "机构与其主办的活动（CONSTRUCT：关系图）",
            "en": "Agencies and what they organised (CONSTRUCT: a graph)",
        },
        "query": PREFIXES
        + """
CONSTRUCT {
  ?activity lg:organizer ?agency .
  ?activity rdfs:label ?activityLabel .
  ?agency rdfs:label ?agencyLabel .
} WHERE {
  ?activity lg:organizer ?agency ; rdfs:label ?activityLabel .
  ?agency a lg:Agency ; rdfs:label ?agencyLabel .
}
""",
    },
    {
        "id": "mentions",
        "title": {
            "zh": "报告提及的实体（按类型计数）",
            "en": "Entities each report mentions, by type",
        },
        "query": PREFIXES
        + """
SELECT ?report ?type (COUNT(DISTINCT ?entity) AS ?entities) WHERE {
  ?report a lg:Report ; lg:mentions ?entity .
  ?entity a ?type .
  FILTER(STRSTARTS(STR(?type), STR(lg:)))
}
GROUP BY ?report ?type
ORDER BY ?report DESC(?entities)
""",
    },
]


def editor_examples(catalog: Catalog) -> list[dict[str, Any]]:
    """The hand-written examples, then each canned question's SPARQL (parameters unbound)."""
    canned = [
        {"id": f"canned-{q.name}", "title": dict(q.summary), "query": q.text, "canned": True}
        for q in catalog
    ]
    return [*({**e, "canned": False} for e in EXAMPLES), *canned]
