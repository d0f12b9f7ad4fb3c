"""GraphML and GEXF 1.3, written element by element from the graph (no XML tree in memory).

GraphML (yEd, Cytoscape, igraph, networkx): every attribute is a typed ``<key>``; node ids are
the entities' IRIs; edges get unique ids ``e0, e1 …`` and carry their ``relation``.

GEXF 1.3 (Gephi): ``label`` is the node's label; ``start`` / ``end`` (xsd:dates) make the graph
dynamic (``mode="dynamic" timeformat="date"``) so Gephi's timeline plays events, campaigns and
reports in order; edges carry ``kind`` (their relation, so that Gephi keeps parallel edges of
different relations apart) and nodes a ``viz:color`` by entity type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator, Iterator
from typing import Any

import networkx as nx

from lawgraph.export import style
from lawgraph.export.values import Kind, attribute_kinds, edges, is_date, text, xml_attr, xml_text

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"

_GRAPHML_TYPES: dict[Kind, str] = {
    "boolean": "boolean",
    "integer": "long",
    "float": "double",
    "string": "string",
}
_GEXF_TYPES: dict[Kind, str] = {
    "boolean": "boolean",
    "integer": "long",
    "float": "double",
    "string": "string",
}


# --- GraphML ------------------------------------------------------------------------------------


def graphml(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The graph as GraphML text, in parts."""
    node_kinds = attribute_kinds(d for _, d in graph.nodes(data=True))
    edge_kinds = attribute_kinds(d for *_, d in edges(graph))
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">\n'
    )
    node_ids: dict[str, str] = {}
    edge_ids: dict[str, str] = {}
    for ids, kinds, domain, prefix in (
        (node_ids, node_kinds, "node", "n"),
        (edge_ids, edge_kinds, "edge", "e"),
    ):
        for i, (name, kind) in enumerate(kinds.items()):
            ids[name] = f"{prefix}{i}"
            yield (
                f'<key id="{prefix}{i}" for="{domain}" attr.name="{xml_attr(name)}" '
                f'attr.type="{_GRAPHML_TYPES[kind]}"/>\n'
            )
    yield '<graph id="G" edgedefault="directed">\n'
    for node, data in graph.nodes(data=True):
        yield f'<node id="{xml_attr(str(node))}">{_graphml_data(data, node_ids)}</node>\n'
    for i, (u, w, _, data) in enumerate(edges(graph)):
        yield (
            f'<edge id="e{i}" source="{xml_attr(str(u))}" target="{xml_attr(str(w))}">'
            f"{_graphml_data(data, edge_ids)}</edge>\n"
        )
    yield "</graph>\n</graphml>\n"


def _graphml_data(data: dict[str, Any], keys: dict[str, str]) -> str:
    return "".join(
        f'<data key="{keys[name]}">{xml_text(text(value))}</data>' for name, value in data.items()
    )


# --- GEXF ------------------------------------------------------------------------------------------

_GEXF_NODE_OWN = ("label", "start", "end")
_GEXF_EDGE_OWN = ("label", "start", "end", "weight")


def _times(data: dict[str, Any]) -> tuple[str | None, str | None]:
    start = data.get("start")
    end = data.get("end")
    start = start if is_date(start) else None
    end = end if is_date(end) else None
    if start and end and end < start:
        end = None
    return start, end


def gexf(graph: nx.MultiDiGraph, *, description: str = "") -> Iterator[str]:
    """The graph as GEXF 1.3 text, in parts (dynamic when any node or edge has a date)."""
    from lawgraph import __version__

    node_kinds = attribute_kinds(
        (d for _, d in graph.nodes(data=True)), skip=("label", "start", "end")
    )
    edge_kinds = attribute_kinds(
        (d for *_, d in edges(graph)), skip=("label", "start", "end", "weight")
    )
    dynamic = any(_times(d) != (None, None) for _, d in graph.nodes(data=True)) or any(
        _times(d) != (None, None) for *_, d in edges(graph)
    )
    time_attrs = ' mode="dynamic" timeformat="date"' if dynamic else ' mode="static"'
    today = dt.date.today().isoformat()
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{GEXF_VIZ_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
        f'<meta lastmodifieddate="{today}"><creator>lawgraph {xml_text(__version__)}</creator>'
        f"<description>{xml_text(description or str(graph.graph.get('name', '')))}</description>"
        "</meta>\n"
        f'<graph defaultedgetype="directed"{time_attrs}>\n'
    )
    node_ids = yield from _gexf_attributes("node", node_kinds)
    edge_ids = yield from _gexf_attributes("edge", edge_kinds)
    yield "<nodes>\n"
    for node, data in graph.nodes(data=True):
        start, end = _times(data)
        label = data.get("label", node)
        head = f'<node id="{xml_attr(str(node))}" label="{xml_attr(text(label))}"'
        head += f' start="{start}"' if start else ""
        head += f' end="{end}"' if end else ""
        r, g, b = style.rgb(str(data.get("type", "")))
        yield (
            f"{head}>{_attvalues(data, node_ids, _GEXF_NODE_OWN)}"
            f'<viz:color r="{r}" g="{g}" b="{b}"/></node>\n'
        )
    yield "</nodes>\n<edges>\n"
    for i, (u, w, key, data) in enumerate(edges(graph)):
        start, end = _times(data)
        head = f'<edge id="{i}" source="{xml_attr(str(u))}" target="{xml_attr(str(w))}"'
        kind = data.get("relation", key)
        head += f' kind="{xml_attr(text(kind))}"'
        if "label" in data:
            head += f' label="{xml_attr(text(data["label"]))}"'
        weight = data.get("weight")
        if isinstance(weight, int | float) and not isinstance(weight, bool):
            head += f' weight="{float(weight)}"'
        head += f' start="{start}"' if start else ""
        head += f' end="{end}"' if end else ""
        yield f"{head}>{_attvalues(data, edge_ids, _GEXF_EDGE_OWN)}</edge>\n"
    yield "</edges>\n</graph>\n</gexf>\n"


def _gexf_attributes(domain: str, kinds: dict[str, Kind]) -> Generator[str, None, dict[str, str]]:
    """Declare the attributes of nodes or edges; returns their ids by name."""
    ids: dict[str, str] = {}
    if not kinds:
        return ids
    parts = [f'<attributes class="{domain}" mode="static">\n']
    for i, (name, kind) in enumerate(kinds.items()):
        ids[name] = str(i)
        parts.append(f'<attribute id="{i}" title="{xml_attr(name)}" type="{_GEXF_TYPES[kind]}"/>\n')
    parts.append("</attributes>\n")
    yield "".join(parts)
    return ids


def _attvalues(data: dict[str, Any], ids: dict[str, str], own: tuple[str, ...]) -> str:
    values = [
        f'<attvalue for="{ids[name]}" value="{xml_attr(text(value))}"/>'
        for name, value in data.items()
        if name not in own and name in ids
    ]
    return f"<attvalues>{''.join(values)}</attvalues>" if values else ""
