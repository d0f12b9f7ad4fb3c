"""Real SPARQL clients against /sparql: SPARQLWrapper (every return format) and rdflib's
SPARQLStore, over each backend (embedded, Oxigraph server, Virtuoso)."""

from __future__ import annotations

import csv
import io
import warnings
import xml.dom.minidom

import pyoxigraph as ox
import pytest
import rdflib
from backends import EX, G1, Server
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

LABELS = f"SELECT ?label WHERE {{ <{EX}law/civil-code> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
CONSTRUCT = f"CONSTRUCT {{ <{EX}law/civil-code> ?p ?o }} WHERE {{ <{EX}law/civil-code> ?p ?o }}"
EXPECTED = {"民法典", "Civil Code"}


def wrapper(server: Server, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    sw = SPARQLWrapper(server.query_url)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sw.setQuery(query)
    return sw


@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_select_in_every_results_format(served: Server, method: str) -> None:
    rows = wrapper(served, LABELS, JSON, method).query().convert()
    assert {b["label"]["value"] for b in rows["results"]["bindings"]} == EXPECTED  # type: ignore[index]
    assert {b["label"].get("xml:lang") for b in rows["results"]["bindings"]} == {"zh", "en"}  # type: ignore[index]
    doc = wrapper(served, LABELS, XML, method).query().convert()
    assert isinstance(doc, xml.dom.minidom.Document)
    assert {n.firstChild.data for n in doc.getElementsByTagName("literal")} == EXPECTED
    raw = wrapper(served, LABELS, CSV, method).query().convert()
    table = list(csv.reader(io.StringIO(raw.decode())))  # type: ignore[union-attr]
    assert table[0] == ["label"] and {row[0] for row in table[1:]} == EXPECTED
    raw = wrapper(served, LABELS, TSV, method).query().convert()
    rows = ox.parse_query_results(raw, ox.QueryResultsFormat.TSV)  # type: ignore[arg-type]
    assert {row["label"] for row in rows} == {  # type: ignore[union-attr]
        ox.Literal("民法典", language="zh"),
        ox.Literal("Civil Code", language="en"),
    }


def test_sparqlwrapper_ask(served: Server) -> None:
    assert wrapper(served, "ASK { ?s ?p ?o }", JSON).query().convert()["boolean"] is True  # type: ignore[index]
    doc = wrapper(served, "ASK { ?s ?p 4242 }", XML).query().convert()
    assert doc.getElementsByTagName("boolean")[0].firstChild.data == "false"  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, XML, JSONLD])
def test_sparqlwrapper_construct_in_every_graph_format(served: Server, fmt: str) -> None:
    result = wrapper(served, CONSTRUCT, fmt).query().convert()
    if isinstance(result, bytes):
        graph = rdflib.Graph().parse(data=result, format="turtle")
    else:
        graph = result
    assert isinstance(graph, rdflib.Graph)
    labels = {str(o) for o in graph.objects(None, rdflib.RDFS.label)}
    assert labels == EXPECTED


def test_sparqlwrapper_describe(served: Server) -> None:
    graph = wrapper(served, f"DESCRIBE <{EX}law/civil-code>", RDFXML).query().convert()
    assert {str(o) for o in graph.objects(None, rdflib.RDFS.label)} >= EXPECTED  # type: ignore[union-attr]


def test_sparqlwrapper_dataset_parameters(served: Server) -> None:
    sw = wrapper(served, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", JSON)
    sw.addDefaultGraph(G1)
    result = sw.query().convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "5"  # type: ignore[index]


def test_rdflib_sparqlstore(served: Server) -> None:
    store = SPARQLStore(served.query_url, returnFormat="json")
    graph = rdflib.Graph(store)
    rows = list(graph.query(LABELS))
    assert {str(r[0]) for r in rows} == EXPECTED
    assert {r[0].language for r in rows} == {"zh", "en"}  # type: ignore[attr-defined]
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    default_store = SPARQLStore(served.query_url)  # XML: SPARQL results, or RDF/XML for graphs
    constructed = rdflib.Graph(default_store).query(CONSTRUCT).graph
    default_store.close()
    assert (
        constructed is not None
        and {str(o) for o in constructed.objects(None, rdflib.RDFS.label)} == EXPECTED
    )
    # triple patterns go through SELECTs the store writes itself
    law = rdflib.URIRef(f"{EX}law/civil-code")
    assert {str(o) for o in graph.objects(law, rdflib.RDFS.label)} == EXPECTED
    store.close()


def test_rdflib_sparqlstore_refuses_writes(served: Server) -> None:
    store = SPARQLStore(served.query_url)
    with pytest.raises(TypeError):
        store.add((rdflib.URIRef("http://a"), rdflib.URIRef("http://b"), rdflib.Literal(1)))
