"""The export formats: names (and aliases), media types, file extensions and families."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lawgraph.errors import InputError

Family = Literal["network", "rdf", "picture"]


@dataclass(frozen=True)
class Format:
    """An export format.

    :param family: ``network`` formats are written from the entity graph, ``rdf`` ones straight
        from the store, ``picture`` ones are drawings of the entity graph.
    """

    name: str
    media_type: str
    extension: str
    family: Family
    summary: str
    aliases: tuple[str, ...] = ()


FORMATS: tuple[Format, ...] = (
    Format("graphml", "application/graphml+xml", ".graphml", "network", "GraphML (yEd, Cytoscape, igraph, Gephi)"),
    Format("gexf", "application/gexf+xml", ".gexf", "network", "GEXF 1.3 with dates for Gephi's timeline"),
    Format("cytoscape", "application/json", ".cyjs", "network", "Cytoscape.js JSON (elements)", ("cyjs",)),
    Format("node-link", "application/json", ".json", "network", "node-link JSON (D3; networkx)", ("d3", "json")),
    Format("csv", "application/zip", ".zip", "network", "nodes.csv and edges.csv in a ZIP file", ("zip",)),
    Format("csv-nodes", "text/csv; charset=utf-8", ".nodes.csv", "network", "the node list (CSV)"),
    Format("csv-edges", "text/csv; charset=utf-8", ".edges.csv", "network", "the edge list (CSV)"),
    Format("dot", "text/vnd.graphviz; charset=utf-8", ".dot", "network", "DOT (Graphviz)", ("gv",)),
    Format("turtle", "text/turtle; charset=utf-8", ".ttl", "rdf", "Turtle (graphs merged)", ("ttl",)),
    Format("trig", "application/trig", ".trig", "rdf", "TriG (named graphs kept)"),
    Format("nquads", "application/n-quads", ".nq", "rdf", "N-Quads (named graphs kept)", ("nq", "n-quads")),
    Format("jsonld", "application/ld+json", ".jsonld", "rdf", "JSON-LD (named graphs kept)", ("json-ld",)),
    Format("png", "image/png", ".png", "picture", "a drawing (PNG)"),
    Format("svg", "image/svg+xml", ".svg", "picture", "a drawing (SVG)"),
)  # fmt: skip

_BY_NAME = {n: f for f in FORMATS for n in (f.name, *f.aliases)}


def format_names() -> list[str]:
    """The formats' names (without aliases), in the order of :data:`FORMATS`."""
    return [f.name for f in FORMATS]


def get_format(name: str) -> Format:
    """The format called ``name`` (or one of its aliases, in any case).

    :raises InputError: there is none.

    >>> get_format("GEXF").media_type
    'application/gexf+xml'
    """
    found = _BY_NAME.get(name.strip().lower())
    if found is None:
        raise InputError(f"unknown export format {name!r}; formats: {', '.join(format_names())}")
    return found


def format_for_path(path: str | Path) -> Format:
    """The format a file name asks for by its extension (``.nodes.csv`` before ``.csv``).

    :raises InputError: the extension names no format.

    >>> format_for_path("out/seed.edges.csv").name
    'csv-edges'
    """
    name = Path(path).name.lower()
    for f in sorted(FORMATS, key=lambda f: -len(f.extension)):
        if name.endswith(f.extension):
            return f
    if name.endswith(".csv"):
        raise InputError(
            f"{path}: a .csv file is one list: name it FILE.nodes.csv or FILE.edges.csv, "
            "or write both with --format csv to a .zip file"
        )
    known = ", ".join(sorted({f.extension for f in FORMATS}))
    raise InputError(f"{path}: cannot tell the format from the extension; give --format ({known})")
