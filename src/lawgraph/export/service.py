"""One call for the CLI and the HTTP route: a scope and a format in, a named byte stream out.

:func:`export` checks everything that can be wrong with the request first — the scope (report,
query), the format, a table asked for as RDF, a drawing without matplotlib or a CJK font — and
raises :class:`~lawgraph.errors.InputError` (or :class:`~lawgraph.export.drawing.DrawingError`)
before a byte is produced. The entity graph, when the format needs one, is built then too; the
bytes are produced as the caller iterates, with no second copy of the export in memory. The
iterator may be consumed from any thread (the store is only read in the calling thread, or in a
thread of its own for RDF dumps).

The HTTP route (``GET /export?scope=…&format=…``) is then::

    result = export(store, scope, fmt)                      # InputError → 400
    return StreamingResponse(result.chunks, media_type=result.media_type,
                             headers={"Content-Disposition": result.content_disposition})
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote

import networkx as nx

from lawgraph.errors import InputError
from lawgraph.export import dot, drawing, jsongraphs, tables, xmlgraphs
from lawgraph.export.entities import Lang, Nary
from lawgraph.export.formats import Format, get_format
from lawgraph.export.rdfdump import rdf_dump
from lawgraph.export.scopes import CatalogLookup, ExportStore, Scope, parse_scope, select
from lawgraph.export.streams import chunked


@dataclass
class Export:
    """An export ready to stream: what it is, what to call it, and its bytes (iterate once)."""

    media_type: str
    filename: str
    chunks: Iterator[bytes]
    format: Format
    nodes: int | None = None
    edges: int | None = None

    @property
    def content_disposition(self) -> str:
        """The ``Content-Disposition`` header value that names the download."""
        return f"attachment; filename=\"{self.filename}\"; filename*=UTF-8''{quote(self.filename)}"


def export(
    store: ExportStore,
    scope: str | Scope,
    fmt: str,
    *,
    nary: Nary = "collapse",
    lang: Lang = "zh",
    catalog: CatalogLookup | None = None,
    allow_files: bool = False,
) -> Export:
    """Export a scope of the store in a format.

    :param scope: ``all``, ``report:<id>``, ``construct:<query>`` or ``query:<name>?…`` (see
        :mod:`lawgraph.export.scopes`).
    :param fmt: a format name or alias (see :data:`lawgraph.export.formats.FORMATS`).
    :param nary: ``collapse`` n-ary facts into labelled edges, or ``keep`` them as nodes.
    :param lang: the language of the ``label`` attributes and of the drawing's legend.
    :param catalog: finds canned queries by name (default: the project's ``queries/``).
    :param allow_files: let ``construct:`` read a ``.rq`` file (the CLI only).
    :raises InputError: bad scope, unknown report, bad or non-CONSTRUCT query, unknown canned
        query or parameter, unknown format, RDF asked of a table, bad ``nary`` / ``lang``.
    :raises DrawingError: a picture without matplotlib or a CJK font, or of too many nodes.
    """
    form = get_format(fmt)
    if nary not in ("collapse", "keep"):
        raise InputError(f"nary must be 'collapse' or 'keep', not {nary!r}")
    if lang not in ("zh", "en"):
        raise InputError(f"lang must be 'zh' or 'en', not {lang!r}")
    parsed = parse_scope(scope, allow_files=allow_files) if isinstance(scope, str) else scope
    selection = select(store, parsed, catalog=catalog)
    filename = f"lawgraph-{parsed.slug}{form.extension}"

    if form.family == "rdf":
        if selection.is_table:
            selection.statements()  # raises the InputError that explains why
        return Export(form.media_type, filename, rdf_dump(selection, form.name), form)

    if form.family == "picture":
        drawing.cjk_font()  # fail now, not half-way through a response
    graph = selection.entity_graph(nary=nary, lang=lang)
    if form.family == "picture":
        data = drawing.draw(graph, fmt=form.name, lang=lang)
        return Export(form.media_type, filename, iter([data]), form, *_size(graph))
    description = f"lawgraph export of {parsed}"
    writers = {
        "graphml": lambda: chunked(xmlgraphs.graphml(graph)),
        "gexf": lambda: chunked(xmlgraphs.gexf(graph, description=description)),
        "cytoscape": lambda: chunked(jsongraphs.cytoscape(graph)),
        "node-link": lambda: chunked(jsongraphs.node_link(graph)),
        "csv": lambda: tables.csv_zip(graph, prefix=f"lawgraph-{parsed.slug}."),
        "csv-nodes": lambda: chunked(tables.nodes_csv(graph)),
        "csv-edges": lambda: chunked(tables.edges_csv(graph)),
        "dot": lambda: chunked(dot.dot(graph)),
    }
    return Export(form.media_type, filename, writers[form.name](), form, *_size(graph))


def _size(graph: nx.MultiDiGraph) -> tuple[int, int]:
    return graph.number_of_nodes(), graph.number_of_edges()
