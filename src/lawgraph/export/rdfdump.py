"""RDF dumps — Turtle, TriG, N-Quads, JSON-LD — streamed from the store by pyoxigraph.

TriG, N-Quads and JSON-LD keep the named graphs (one per report); Turtle has no graphs, so it
holds the union, each triple once. A CONSTRUCT answer has no graphs: it is written to the default
graph. The serialiser runs in a thread of its own (:func:`lawgraph.export.streams.threaded`), so
the dump is never held in memory and the consumer may be any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from lawgraph.export.scopes import Selection, Statement
from lawgraph.export.streams import QueueWriter, threaded
from lawgraph.vocab import PREFIXES

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}


def _as_quads(statements: Iterable[Statement]) -> Iterator[ox.Quad]:
    default = ox.DefaultGraph()
    for st in statements:
        if isinstance(st, ox.Quad):
            yield st
        else:
            yield ox.Quad(st.subject, st.predicate, st.object, default)


def rdf_dump(selection: Selection, name: str) -> Iterator[bytes]:
    """The scope's RDF in the format called ``name`` (a key of :data:`RDF_FORMATS`), in chunks.

    :raises InputError: (when iterated) the scope is a table, not RDF.
    """
    fmt = RDF_FORMATS[name]

    def produce(out: QueueWriter) -> None:
        if fmt == ox.RdfFormat.TURTLE:
            ox.serialize(selection.triples(), out, fmt, prefixes=PREFIXES)
        else:
            ox.serialize(_as_quads(selection.statements()), out, fmt, prefixes=PREFIXES)

    return threaded(produce)
