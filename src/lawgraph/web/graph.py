"""Graphs for the pages, as Cytoscape.js elements: an entity's neighbours, or the network in a
canned query's answer (rows linking two or more entity columns)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lawgraph.ids import BASE
from lawgraph.web.data import Node
from lawgraph.web.terms import local_path

MAX_NODES = 150
"""Most nodes drawn from a query's answer (the table has every row)."""

_KIND_OF_SEGMENT = {
    "official": "Official",
    "agency": "Agency",
    "law": "Law",
    "campaign": "Campaign",
    "event": "Event",
    "place": "Division",
    "document": "Document",
    "report": "Report",
    "tenure": "Tenure",
    "participation": "Participation",
    "promotion": "Promotion",
}


def kind_of_iri(iri: str) -> str:
    """A lawgraph node's kind from its IRI (``…/id/official/…`` → Official).

    >>> kind_of_iri("https://w3id.org/lawgraph/id/law/xianfa-1")
    'Law'
    """
    if iri.startswith(BASE):
        return _KIND_OF_SEGMENT.get(iri[len(BASE) :].split("/", 1)[0], "Other")
    return "Other"


class GraphBuilder:
    """Collects nodes and edges, each once."""

    def __init__(self, center: str | None = None) -> None:
        self.center = center
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: dict[tuple[str, str, str], dict[str, Any]] = {}

    def node(self, node: Node) -> str:
        if node.iri not in self.nodes:
            kind = node.kind if node.kind != "Other" else kind_of_iri(node.iri)
            self.nodes[node.iri] = {
                "id": node.iri,
                "label": node.name,
                "kind": kind,
                "href": local_path(node.iri),
                "center": node.iri == self.center,
            }
        return node.iri

    def edge(self, source: Node, target: Node, label: str = "", weight: float = 1) -> None:
        s, t = self.node(source), self.node(target)
        key = (s, t, label)
        if key in self.edges:
            self.edges[key]["weight"] += weight
            return
        self.edges[key] = {
            "id": f"e{len(self.edges)}",
            "source": s,
            "target": t,
            "label": label,
            "weight": weight,
        }

    def elements(self) -> dict[str, list[dict[str, Any]]]:
        return {
            "nodes": [{"data": d} for d in self.nodes.values()],
            "edges": [{"data": d} for d in self.edges.values()],
        }


_EDGE_LABELS = ("roleLabel", "role", "title")
_WEIGHTS = ("events", "together", "mentions")


def entity_columns(columns: Sequence[str]) -> list[str]:
    """Columns holding entities: those with a ``…Label`` column beside them.

    >>> entity_columns(["campaign", "campaignLabel", "year", "law", "lawLabel", "events"])
    ['campaign', 'law']
    """
    return [c for c in columns if f"{c}Label" in columns]


def answer_graph(
    columns: Sequence[str], records: Sequence[dict[str, Any]], lang: str
) -> dict[str, list[dict[str, Any]]] | None:
    """The network in a canned query's answer, or None when it is not one (fewer than two entity
    columns). Each row links its first entity to each other entity; the edge carries the row's
    role or title, and its count (events, together, mentions) as a weight."""
    ends = entity_columns(columns)
    if len(ends) < 2:
        return None
    label_column = next((c for c in _EDGE_LABELS if c in columns), None)
    if lang == "en" and label_column == "roleLabel" and "role" in columns:
        label_column = "role"
    weight_column = next((c for c in _WEIGHTS if c in columns), None)
    g = GraphBuilder()
    for record in records:
        values = [(c, record.get(c)) for c in ends]
        present = [(c, v) for c, v in values if isinstance(v, str) and v]
        if len(present) < 2:
            continue
        if len(g.nodes) >= MAX_NODES and not all(v in g.nodes for _, v in present):
            continue
        first_column, first = present[0]
        source = Node(first, str(record.get(f"{first_column}Label") or ""))
        label = str(record.get(label_column) or "") if label_column else ""
        weight = record.get(weight_column) if weight_column else 1
        if not isinstance(weight, int | float) or weight <= 0:
            weight = 1
        for column, value in present[1:]:
            target = Node(value, str(record.get(f"{column}Label") or ""))
            g.edge(source, target, label, weight)
    if not g.edges:
        return None
    return g.elements()
