"""Cytoscape.js JSON and node-link JSON (D3), written element by element.

Both follow networkx's own layouts, so ``networkx.cytoscape_graph`` and
``networkx.node_link_graph(data, edges="edges")`` read them back:

- Cytoscape.js: ``{"data": {…}, "directed": true, "multigraph": true, "elements": {"nodes":
  [{"data": {"id", "value", "name", …}}], "edges": [{"data": {"id", "source", "target", "key",
  …}}]}}`` — load it with ``cy.add(json.elements)`` or import it into Cytoscape desktop;
- node-link: ``{"directed": true, "multigraph": true, "graph": {…}, "nodes": [{"id", …}],
  "edges": [{"source", "target", "key", …}]}`` — the key is ``edges`` (networkx ≥ 3.4's name;
  D3 examples call it ``links``).

An attribute whose name is taken by the layout (``id``, ``source``, ``target``, ``key`` …) is
written with a trailing underscore.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import networkx as nx

from lawgraph.export.values import edges


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _merge(own: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
    out = dict(own)
    for name, value in data.items():
        while name in own:
            name += "_"
        out[name] = value
    return out


def cytoscape(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The graph as Cytoscape.js JSON, in parts."""
    yield f'{{"data":{_dumps(dict(graph.graph))},"directed":true,"multigraph":true,'
    yield '"elements":{"nodes":['
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        own = {"id": str(node), "value": node, "name": str(data.get("label", node))}
        yield ("," if i else "") + "\n" + _dumps({"data": _merge(own, data)})
    yield '\n],"edges":['
    for i, (u, w, key, data) in enumerate(edges(graph)):
        own = {"id": f"e{i}", "source": str(u), "target": str(w), "key": key}
        yield ("," if i else "") + "\n" + _dumps({"data": _merge(own, data)})
    yield "\n]}}\n"


def node_link(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The graph as node-link JSON (D3), in parts."""
    yield f'{{"directed":true,"multigraph":true,"graph":{_dumps(dict(graph.graph))},"nodes":['
    for i, (node, data) in enumerate(graph.nodes(data=True)):
        yield ("," if i else "") + "\n" + _dumps(_merge({"id": node}, data))
    yield '\n],"edges":['
    for i, (u, w, key, data) in enumerate(edges(graph)):
        own = {"source": u, "target": w, "key": key}
        yield ("," if i else "") + "\n" + _dumps(_merge(own, data))
    yield "\n]}\n"
