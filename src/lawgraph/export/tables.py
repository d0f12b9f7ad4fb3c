"""CSV node and edge lists, alone or together in a ZIP file.

``nodes.csv``: ``id, type, label, label_zh, label_en, …`` then every other attribute (sorted);
``edges.csv``: ``source, target, key, relation, label, …`` likewise. UTF-8 without a byte-order
mark; several values in one cell are joined by ``;``. The ZIP is written as it streams (no
seeking), so it too is never held whole in memory.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import Any

import networkx as nx

from lawgraph.export.values import attribute_kinds, edges, text

NODE_COLUMNS = (
    "type",
    "label",
    "label_zh",
    "label_en",
    "pinyin",
    "aliases",
    "start",
    "end",
    "evidence_count",
)
EDGE_COLUMNS = (
    "relation",
    "label",
    "label_zh",
    "label_en",
    "start",
    "end",
    "weight",
    "evidence_count",
    "quote",
    "fact",
)
_ROWS_PER_CHUNK = 2000


def _order(names: dict[str, Any], first: tuple[str, ...]) -> list[str]:
    return [c for c in first if c in names] + sorted(c for c in names if c not in first)


def node_columns(graph: nx.MultiDiGraph) -> list[str]:
    """The columns of ``nodes.csv``."""
    return ["id", *_order(attribute_kinds(d for _, d in graph.nodes(data=True)), NODE_COLUMNS)]


def edge_columns(graph: nx.MultiDiGraph) -> list[str]:
    """The columns of ``edges.csv``."""
    names = attribute_kinds(d for *_, d in edges(graph))
    return ["source", "target", "key", *_order(names, EDGE_COLUMNS)]


def _cell(value: Any) -> str:
    return "" if value is None else text(value)


def _rows(header: list[str], rows: Iterator[list[str]]) -> Iterator[str]:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for i, row in enumerate(rows, 1):
        writer.writerow(row)
        if i % _ROWS_PER_CHUNK == 0:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def nodes_csv(graph: nx.MultiDiGraph) -> Iterator[str]:
    """``nodes.csv``, in parts."""
    columns = node_columns(graph)
    attrs = columns[1:]
    rows = ([str(n), *(_cell(d.get(c)) for c in attrs)] for n, d in graph.nodes(data=True))
    return _rows(columns, rows)


def edges_csv(graph: nx.MultiDiGraph) -> Iterator[str]:
    """``edges.csv``, in parts."""
    columns = edge_columns(graph)
    attrs = columns[3:]
    rows = (
        [str(u), str(w), str(k), *(_cell(d.get(c)) for c in attrs)] for u, w, k, d in edges(graph)
    )
    return _rows(columns, rows)


class _Sink:
    """A write-only stream whose bytes are taken out as they come."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def csv_zip(graph: nx.MultiDiGraph, *, prefix: str = "") -> Iterator[bytes]:
    """A ZIP file holding ``nodes.csv`` and ``edges.csv`` (named ``prefix…`` if given), in
    chunks."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:  # type: ignore[arg-type]
        for name, parts in (("nodes.csv", nodes_csv(graph)), ("edges.csv", edges_csv(graph))):
            with archive.open(prefix + name, "w", force_zip64=True) as member:
                for part in parts:
                    member.write(part.encode("utf-8"))
                    if sink.parts:
                        yield sink.take()
    yield sink.take()
