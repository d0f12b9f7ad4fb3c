"""Export: the graph, or part of it, as a network for Gephi, Cytoscape, D3, spreadsheets and
Graphviz, as RDF, or as a picture.

- :mod:`~lawgraph.export.entities` — RDF → networkx ``MultiDiGraph`` of entities (n-ary facts
  kept or collapsed into labelled edges);
- :mod:`~lawgraph.export.networks` — canned SELECT answers (pairs of entities) → network;
- :mod:`~lawgraph.export.scopes` — ``all``, ``report:…``, ``construct:…``, ``query:…``;
- writers: :mod:`~lawgraph.export.xmlgraphs` (GraphML, GEXF), :mod:`~lawgraph.export.jsongraphs`
  (Cytoscape.js, node-link), :mod:`~lawgraph.export.tables` (CSV), :mod:`~lawgraph.export.dot`,
  :mod:`~lawgraph.export.rdfdump` (Turtle, TriG, N-Quads, JSON-LD),
  :mod:`~lawgraph.export.drawing` (PNG, SVG);
- :mod:`~lawgraph.export.service` — :func:`export`, which the CLI and the HTTP route call;
- :mod:`~lawgraph.export.command` — the ``lawgraph export`` command.

The names below are imported on first use, so that importing the command stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "EntityGraphBuilder": "entities",
    "entity_graph": "entities",
    "FORMATS": "formats",
    "Format": "formats",
    "format_for_path": "formats",
    "get_format": "formats",
    "network_from_rows": "networks",
    "Scope": "scopes",
    "Selection": "scopes",
    "parse_scope": "scopes",
    "select": "scopes",
    "Export": "service",
    "export": "service",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'lawgraph.export' has no attribute {name!r}")
    return getattr(importlib.import_module(f"lawgraph.export.{module}"), name)
