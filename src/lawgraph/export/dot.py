"""DOT (Graphviz), written line by line.

Every id and value is a double-quoted string; each node carries its attributes, its ``label`` and
a fill colour by entity type, each edge its attributes and label. ``charset=UTF-8`` and a CJK font
name make ``dot -Tsvg`` draw the Chinese labels.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import networkx as nx

from lawgraph.export import style
from lawgraph.export.values import edges, text

FONT = "WenQuanYi Micro Hei"
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def quote(value: Any) -> str:
    r"""A DOT double-quoted string.

    >>> print(quote('a "b" \\ c\nd'))
    "a \"b\" \\ c\nd"
    """
    escaped = text(value).replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")
    return f'"{escaped}"'


def _name(key: str) -> str:
    """An attribute name: bare when it is a DOT identifier, else quoted."""
    return key if _ID.match(key) else quote(key)


def _attributes(data: dict[str, Any]) -> str:
    return ", ".join(f"{_name(k)}={quote(val)}" for k, val in data.items())


def dot(graph: nx.MultiDiGraph) -> Iterator[str]:
    """The graph as DOT text, in parts."""
    name = graph.graph.get("name", "lawgraph")
    yield f"digraph {quote(name)} {{\n"
    yield '  graph [charset="UTF-8", overlap="false", splines="true"];\n'
    yield f'  node [fontname={quote(FONT)}, style="filled", shape="box"];\n'
    yield f'  edge [fontname={quote(FONT)}, fontsize="9"];\n'
    for node, data in graph.nodes(data=True):
        extra = {"fillcolor": style.color(str(data.get("type", "")))}
        yield f"  {quote(node)} [{_attributes({**data, **extra})}];\n"
    for u, w, key, data in edges(graph):
        yield f"  {quote(u)} -> {quote(w)} [{_attributes({'key': key, **data})}];\n"
    yield "}\n"
