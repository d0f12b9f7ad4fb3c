"""The W3C SPARQL 1.1 Protocol test manifest, run against ``lawgraph serve``.

The manifest is ``tests/data/w3c-protocol/manifest.ttl`` (copied from the W3C test suite, see
SOURCE.md there). Its query tests must pass as written. Its update tests expect updates to
succeed; this endpoint is read-only on purpose, so for those the test asserts the opposite: the
update is refused with a 4xx and the data is untouched (the manifest's ``bad_update_*`` cases
expect a 4xx anyway).
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from backends import W3C_PROTOCOL, Server

MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
HTS = rdflib.Namespace("http://www.w3.org/2011/http-statusCodes#")
MANIFEST = W3C_PROTOCOL / "manifest.ttl"


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[str]
    expected_format: str | None
    expected_boolean: bool | None


@dataclass
class Case:
    name: str
    requests: list[Request]

    @property
    def is_update(self) -> bool:
        return "update" in self.name


def _list(graph: rdflib.Graph, head: rdflib.term.Node) -> list[rdflib.term.Node]:
    return list(rdflib.collection.Collection(graph, head))


def load_cases() -> list[Case]:
    if not MANIFEST.exists():
        return []
    graph = rdflib.Graph().parse(MANIFEST, format="turtle")
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    cases = []
    for entry in _list(graph, graph.value(manifest, MF.entries)):
        name = str(entry).rsplit("#", 1)[-1]
        action = graph.value(entry, MF.action)
        requests = []
        for req in _list(graph, graph.value(action, HT.requests)):
            headers = {}
            header_list = graph.value(req, HT.headers)
            if header_list is not None:
                for header in _list(graph, header_list):
                    headers[str(graph.value(header, HT.fieldName))] = str(
                        graph.value(header, HT.fieldValue)
                    )
            body = None
            body_node = graph.value(req, HT.body)
            if body_node is not None:
                encoding = str(graph.value(body_node, CNT.characterEncoding) or "UTF-8")
                body = str(graph.value(body_node, CNT.chars)).encode(encoding.lower())
            response = graph.value(req, HT.resp)
            statuses = {
                str(s).rsplit("#", 1)[-1] for s in graph.objects(response, MF.expectedStatus)
            }
            fmt = graph.value(response, MF.expectedFormat)
            boolean = graph.value(response, MF.expectedBoolean)
            requests.append(
                Request(
                    str(graph.value(req, HT.methodName)),
                    str(graph.value(req, HT.absolutePath)),
                    headers,
                    body,
                    statuses,
                    str(fmt) if fmt is not None else None,
                    boolean.toPython() if boolean is not None else None,
                )
            )
        cases.append(Case(name, requests))
    return cases


CASES = load_cases()


def send(server: Server, request: Request) -> httpx.Response:
    path = request.path
    assert path.startswith("/sparql/")
    url = server.base + "/sparql" + path[len("/sparql/") :]
    return httpx.request(
        request.method, url, headers=request.headers, content=request.body, timeout=30
    )


def status_class(code: int) -> str:
    return f"StatusCode{code // 100}xx"


def check_format(response: httpx.Response, request: Request) -> None:
    ctype = response.headers["content-type"].split(";")[0]
    if request.expected_format == "boolean":
        formats = {
            "application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
        }
        assert ctype in formats, ctype
        result = ox.parse_query_results(response.content, formats[ctype])
        assert isinstance(result, ox.QueryBoolean)
        if request.expected_boolean is not None:
            assert bool(result) is request.expected_boolean
    elif request.expected_format == "tabular":
        assert ctype in {
            "application/sparql-results+json",
            "application/sparql-results+xml",
            "text/csv",
            "text/tab-separated-values",
        }, ctype
    elif request.expected_format == "RDF":
        rdf = {"application/rdf+xml": "xml", "text/turtle": "turtle", "application/n-triples": "nt"}
        assert ctype in rdf, ctype
        rdflib.Graph().parse(data=response.content, format=rdf[ctype])


def test_the_manifest_was_read() -> None:
    assert len(CASES) == 34
    assert sum(not c.is_update for c in CASES) >= 19


@pytest.mark.parametrize("case", [c for c in CASES if not c.is_update], ids=lambda c: c.name)
def test_query_protocol_case(lawgraph: Server, case: Case) -> None:
    for request in case.requests:
        response = send(lawgraph, request)
        assert status_class(response.status_code) in request.statuses, (
            response.status_code,
            response.text,
        )
        if response.status_code < 300:
            check_format(response, request)
        else:
            assert response.json()["ok"] is False


@pytest.mark.parametrize("case", [c for c in CASES if c.is_update], ids=lambda c: c.name)
def test_update_protocol_case_is_refused(lawgraph: Server, case: Case) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    before = httpx.get(lawgraph.query_url, params={"query": count}).json()
    first = case.requests[0]
    response = send(lawgraph, first)
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    assert response.json()["ok"] is False
    assert httpx.get(lawgraph.query_url, params={"query": count}).json() == before
