"""Networks from tables: the hook for canned queries that answer with pairs of entities.

A canned query that returns a network is a SELECT whose rows each name two entities (co-organisers
of an event, two officials at the same meeting, a campaign and a law it promoted).
:func:`network_from_rows` turns such an answer into the same kind of graph as
:mod:`lawgraph.export.entities` makes:

- the first two columns whose values are all IRIs (or blank nodes) are the edge's source and
  target; rows where either is unbound are skipped;
- a literal column named after an entity column plus ``Label`` / ``_label`` (``?lawLabel`` for
  ``?law``) labels that column's nodes;
- a numeric column named ``weight``, ``count`` or ``n`` gives the edge's ``weight`` (summed over
  repeated pairs); without one (or a value), ``weight`` is the number of rows naming the pair;
- every other column becomes an edge attribute (distinct values joined by ``;``).

One edge per distinct (source, target) pair, keyed and ``relation``-named after the query.
:func:`describe_nodes` then fills in each node's type, labels and dates from the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx
import pyoxigraph as ox

from lawgraph.errors import InputError
from lawgraph.export.entities import (
    EntityGraphBuilder,
    Lang,
    Value,
    flatten,
    literal_value,
    node_id,
)
from lawgraph.export.vocabulary import local_name

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
WEIGHT_COLUMNS = ("weight", "count", "n")


def _label_of(column: str, entities: Sequence[str]) -> str | None:
    for entity in entities:
        if column in (entity + "Label", entity + "_label", entity + "label"):
            return entity
    return None


def network_from_rows(
    columns: Sequence[str],
    rows: Iterable[Sequence[Term | None]],
    *,
    relation: str,
    name: str | None = None,
) -> nx.MultiDiGraph:
    """A network of the entity pairs in the rows of a SELECT (see the module's description).

    :param columns: the variable names, in the order of each row's values.
    :param relation: the edges' ``relation`` (and key): the query's name.
    :raises InputError: the answer has rows, but fewer than two columns of entities (an empty
        answer is an empty network).

    >>> e = ox.NamedNode
    >>> g = network_from_rows(
    ...     ["a", "b", "aLabel"],
    ...     [(e("http://e/x"), e("http://e/y"), ox.Literal("甲", language="zh"))] * 2,
    ...     relation="pair",
    ... )
    >>> g.nodes["http://e/x"]["label"], g.edges["http://e/x", "http://e/y", "pair"]["weight"]
    ('甲', 2)
    """
    table = [tuple(row) for row in rows]
    width = len(columns)
    entities = [
        c
        for i, c in enumerate(columns)
        if any(row[i] is not None for row in table)
        and all(row[i] is None or isinstance(row[i], ox.NamedNode | ox.BlankNode) for row in table)
    ]
    if len(entities) < 2 and table:
        found = ", ".join(f"?{c}" for c in entities) or "none"
        raise InputError(
            f"{relation}: not a network: a network query needs two columns of entities (IRIs) "
            f"in every row, and its answer has {len(table)} rows with entity columns: {found}"
        )
    graph = nx.MultiDiGraph(name=name or relation, nary="collapse", pairs=True)
    if not table:
        return graph
    source_i, target_i = columns.index(entities[0]), columns.index(entities[1])
    label_cols = {i: _label_of(c, entities) for i, c in enumerate(columns)}
    weight_i = next((i for i, c in enumerate(columns) if c in WEIGHT_COLUMNS), None)
    pairs: dict[tuple[str, str], dict[str, Any]] = {}
    node_labels: dict[str, set[Value]] = {}
    for row in table:
        if len(row) != width:
            raise InputError(f"{relation}: a row has {len(row)} values for {width} columns")
        source, target = row[source_i], row[target_i]
        if source is None or target is None:
            continue
        u, w = node_id(source), node_id(target)
        edge = pairs.setdefault((u, w), {"rows": 0, "weight": None, "attrs": {}})
        edge["rows"] += 1
        for i, term in enumerate(row):
            if term is None or i in (source_i, target_i):
                continue
            labelled = label_cols[i]
            if labelled is not None and isinstance(term, ox.Literal):
                entity = row[columns.index(labelled)]
                if entity is not None:
                    node_labels.setdefault(node_id(entity), set()).add(term.value)
                continue
            value = literal_value(term) if isinstance(term, ox.Literal) else node_id(term)
            if i == weight_i and isinstance(value, int | float) and not isinstance(value, bool):
                edge["weight"] = (edge["weight"] or 0) + value
                continue
            edge["attrs"].setdefault(columns[i], set()).add(value)
    for (u, w), edge in pairs.items():
        for node in (u, w):
            if node not in graph:
                graph.add_node(node)
        weight = edge["rows"] if edge["weight"] is None else edge["weight"]
        if isinstance(weight, float) and weight.is_integer():
            weight = int(weight)
        attrs: dict[str, Value] = {"relation": relation, "label": relation, "weight": weight}
        attrs.update({k: flatten(vals) for k, vals in sorted(edge["attrs"].items())})
        graph.add_edge(u, w, key=relation, **attrs)
    for node, labels in node_labels.items():
        if node in graph:
            graph.nodes[node]["label"] = str(flatten(labels))
    for node, data in graph.nodes(data=True):
        data.setdefault("type", "Resource")
        data.setdefault("label", local_name(node))
    return graph


def merge_node_attributes(graph: nx.MultiDiGraph, described: nx.MultiDiGraph) -> None:
    """Copy the attributes of ``described``'s nodes onto the same nodes of ``graph``; a label
    the query itself gave wins over the store's."""
    for node, data in graph.nodes(data=True):
        if node not in described:
            continue
        given = data.get("label")
        data.update(described.nodes[node])
        if given and given != local_name(node):
            data["label"] = given


def describe_nodes(triples: Iterable[ox.Triple | ox.Quad], *, lang: Lang = "zh") -> nx.MultiDiGraph:
    """A graph of just the nodes the triples describe (their types, labels, dates …)."""
    return EntityGraphBuilder(nary="keep", lang=lang).add(triples).build()
