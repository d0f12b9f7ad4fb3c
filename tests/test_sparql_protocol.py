"""/sparql speaks the SPARQL 1.1 Protocol: methods, dataset, negotiation, errors, limits, CORS.

Runs against a real ``lawgraph serve`` over the embedded sample store (see ``conftest.py``).
"""

from __future__ import annotations

import json
import urllib.parse

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from backends import BIG, BIG_ROWS, EX, G1, G2, MAX_REQUEST_BYTES, ROW_CAP, Server

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
LABELS = f"SELECT ?label WHERE {{ <{EX}law/civil-code> <http://www.w3.org/2000/01/rdf-schema#label> ?label }} ORDER BY ?label"
CONSTRUCT_LAW = f"CONSTRUCT {{ <{EX}law/civil-code> ?p ?o }} WHERE {{ <{EX}law/civil-code> ?p ?o }}"


def get(
    server: Server, params: dict[str, str] | list[tuple[str, str]], **kw: object
) -> httpx.Response:
    return httpx.get(server.query_url, params=params, timeout=30, **kw)  # type: ignore[arg-type]


def post_form(
    server: Server, data: list[tuple[str, str]] | dict[str, str], **kw: object
) -> httpx.Response:
    body = urllib.parse.urlencode(data)
    headers = {"Content-Type": "application/x-www-form-urlencoded", **kw.pop("headers", {})}  # type: ignore[dict-item]
    return httpx.post(server.query_url, content=body, headers=headers, timeout=30, **kw)  # type: ignore[arg-type]


def post_direct(
    server: Server, query: str, params: dict[str, str] | None = None, **kw: object
) -> httpx.Response:
    headers = {"Content-Type": "application/sparql-query", **kw.pop("headers", {})}  # type: ignore[dict-item]
    return httpx.post(
        server.query_url, content=query.encode(), params=params, headers=headers, timeout=30, **kw
    )  # type: ignore[arg-type]


def count(response: httpx.Response) -> int:
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def assert_error(response: httpx.Response, status: int) -> dict[str, object]:
    """The one error shape: {ok: false, error, errors: [...], status}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]
    assert (
        isinstance(body["errors"], list) and body["errors"] and body["error"] == body["errors"][0]
    )
    return body


# --- the three ways to send a query ---------------------------------------------------------------


def test_get_form_post_and_direct_post_give_the_same_answer(
    lawgraph: Server, sparql_quads: list[ox.Quad]
) -> None:
    total = len(sparql_quads)
    assert count(get(lawgraph, {"query": COUNT_ALL})) == total
    assert count(post_form(lawgraph, {"query": COUNT_ALL})) == total
    assert count(post_direct(lawgraph, COUNT_ALL)) == total
    assert (
        count(
            post_direct(
                lawgraph,
                COUNT_ALL,
                headers={"Content-Type": "application/sparql-query; charset=utf-8"},
            )
        )
        == total
    )


def test_default_graph_is_the_union_and_named_graphs_are_there(lawgraph: Server) -> None:
    response = get(
        lawgraph, {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "format": "json"}
    )
    graphs = {b["g"]["value"] for b in response.json()["results"]["bindings"]}
    assert {G1, G2, BIG} <= graphs


def test_protocol_dataset(lawgraph: Server) -> None:
    only_g1 = get(lawgraph, [("query", COUNT_ALL), ("default-graph-uri", G1)])
    assert count(only_g1) == 5
    both = post_form(
        lawgraph, [("query", COUNT_ALL), ("default-graph-uri", G1), ("default-graph-uri", G2)]
    )
    assert count(both) == 15
    # named graphs only: the default graph is empty, GRAPH sees the named ones
    named = post_direct(
        lawgraph,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        params={"named-graph-uri": G1},
    )
    assert count(named) == 5
    assert count(post_direct(lawgraph, COUNT_ALL, params={"named-graph-uri": G1})) == 0
    # a graph the store does not hold is an empty graph (never fetched)
    assert (
        count(
            get(
                lawgraph,
                [("query", COUNT_ALL), ("default-graph-uri", "http://example.org/nowhere")],
            )
        )
        == 0
    )


def test_from_in_the_query_and_protocol_precedence(lawgraph: Server) -> None:
    assert (
        count(get(lawgraph, {"query": f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s ?p ?o }}"}))
        == 5
    )
    # protocol dataset wins over FROM
    response = get(
        lawgraph,
        [
            ("query", f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s ?p ?o }}"),
            ("default-graph-uri", G2),
        ],
    )
    assert count(response) == 10


def test_relative_iris_resolve_against_the_endpoint(lawgraph: Server) -> None:
    response = post_direct(
        lawgraph, "CONSTRUCT { <s> <p> 1 } WHERE {}", headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200
    assert response.text.startswith(f"<{lawgraph.query_url.rsplit('/', 1)[0]}/s>")


def test_trailing_slash_and_head(lawgraph: Server) -> None:
    assert count(httpx.get(lawgraph.query_url + "/", params={"query": COUNT_ALL})) > 0
    head = httpx.head(lawgraph.query_url, params={"query": COUNT_ALL})
    assert head.status_code == 200 and head.content == b""


# --- content negotiation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        (None, "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
        ("text/csv;q=0.9, text/tab-separated-values;q=0.5", "text/csv"),
        ("image/png, text/*;q=0.3", "text/csv"),
        (
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            "application/sparql-results+xml",
        ),
        ("application/sparql-results+json;q=0, */*;q=0.1", "application/sparql-results+xml"),
    ],
)
def test_select_negotiation(lawgraph: Server, accept: str | None, content_type: str) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = get(lawgraph, {"query": LABELS}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == content_type
    assert response.headers["vary"].startswith("Accept")


def test_every_results_format_parses_to_the_same_rows(lawgraph: Server) -> None:
    expected = {"民法典", "Civil Code"}
    for fmt, media in [
        (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
        (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
        (ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
    ]:
        response = get(lawgraph, {"query": LABELS}, headers={"Accept": media})
        rows = ox.parse_query_results(response.content, fmt)
        assert {row["label"].value for row in rows} == expected, media  # type: ignore[union-attr]
    import csv
    import io

    text = get(lawgraph, {"query": LABELS}, headers={"Accept": "text/csv"}).text
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["label"] and {r[0] for r in table[1:]} == expected


def test_tricky_literals_survive_every_format(lawgraph: Server) -> None:
    query = f"SELECT ?label ?note WHERE {{ <{EX}event/1> <http://www.w3.org/2000/01/rdf-schema#label> ?label ; <{EX}note> ?note }}"
    for fmt, media in [
        (ox.QueryResultsFormat.JSON, "application/sparql-results+json"),
        (ox.QueryResultsFormat.XML, "application/sparql-results+xml"),
        (ox.QueryResultsFormat.TSV, "text/tab-separated-values"),
    ]:
        rows = list(
            ox.parse_query_results(
                get(lawgraph, {"query": query}, headers={"Accept": media}).content, fmt
            )
        )  # type: ignore[arg-type]
        assert rows[0]["label"] == ox.Literal('宪法宣传周 "法治"\n第二行', language="zh")
        assert rows[0]["note"] == ox.Literal("plain, with a comma\tand a tab")


def test_ask_negotiation(lawgraph: Server) -> None:
    assert get(lawgraph, {"query": "ASK {}"}).json() == {"head": {}, "boolean": True}
    xml = get(
        lawgraph,
        {"query": "ASK { ?s ?p 4242 }"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert xml.headers["content-type"].startswith("application/sparql-results+xml")
    assert bool(ox.parse_query_results(xml.content, ox.QueryResultsFormat.XML)) is False
    assert_error(get(lawgraph, {"query": "ASK {}"}, headers={"Accept": "text/turtle"}), 406)


@pytest.mark.parametrize(
    ("accept", "content_type", "rdflib_format"),
    [
        (None, "text/turtle", "turtle"),
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("text/plain", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-quads", "application/n-quads", "nquads"),
        ("application/trig", "application/trig", "trig"),
        ("application/sparql-results+json;q=1, text/turtle;q=0.1", "text/turtle", "turtle"),
    ],
)
def test_graph_negotiation(
    lawgraph: Server, accept: str | None, content_type: str, rdflib_format: str
) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    for send in (
        lambda: get(lawgraph, {"query": CONSTRUCT_LAW}, headers=headers),
        lambda: post_direct(lawgraph, CONSTRUCT_LAW, headers=headers),
    ):
        response = send()
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == content_type
        if rdflib_format in ("nquads", "trig"):
            dataset = rdflib.Dataset()
            dataset.parse(data=response.content, format=rdflib_format)
            triples = [q[:3] for q in dataset.quads((None, None, None, None))]
        else:
            triples = list(rdflib.Graph().parse(data=response.content, format=rdflib_format))
        assert len(triples) == 3
        labels = {str(o) for _, p, o in triples if str(p).endswith("#label")}
        assert labels == {"民法典", "Civil Code"}


def test_describe(lawgraph: Server) -> None:
    response = get(
        lawgraph,
        {"query": f"DESCRIBE <{EX}law/civil-code>"},
        headers={"Accept": "application/n-triples"},
    )
    assert response.status_code == 200
    assert "民法典" in response.text


def test_format_parameter_overrides_accept(lawgraph: Server) -> None:
    response = get(
        lawgraph,
        {"query": LABELS, "format": "csv"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert response.headers["content-type"].startswith("text/csv")
    response = get(lawgraph, {"query": CONSTRUCT_LAW, "format": "json"})
    assert response.headers["content-type"].startswith("application/ld+json")
    # values meant for other servers are ignored
    response = get(
        lawgraph,
        {"query": LABELS, "format": "nonsense"},
        headers={"Accept": "text/tab-separated-values"},
    )
    assert response.headers["content-type"].startswith("text/tab-separated-values")


def test_unsatisfiable_accept_is_406(lawgraph: Server) -> None:
    body = assert_error(get(lawgraph, {"query": LABELS}, headers={"Accept": "image/png"}), 406)
    assert "application/sparql-results+json" in str(body["error"])
    assert_error(get(lawgraph, {"query": LABELS}, headers={"Accept": "text/turtle"}), 406)
    assert_error(get(lawgraph, {"query": CONSTRUCT_LAW}, headers={"Accept": "text/csv"}), 406)


# --- service description ------------------------------------------------------------------------


def test_service_description_on_a_bare_get(lawgraph: Server) -> None:
    response = httpx.get(lawgraph.query_url)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    service = rdflib.URIRef(lawgraph.query_url)
    assert (service, rdflib.RDF.type, sd.Service) in graph
    assert (service, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (service, sd.feature, sd.UnionDefaultGraph) in graph
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert {G1, G2, BIG} <= names
    jsonld = httpx.get(lawgraph.query_url, headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    json.loads(jsonld.text)


# --- the row cap ------------------------------------------------------------------------------------


def test_row_cap_is_reported_never_silent(lawgraph: Server) -> None:
    query = f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}"
    response = get(lawgraph, {"query": query})
    assert response.headers["x-lawgraph-truncated"] == "true"
    assert response.headers["x-lawgraph-row-cap"] == str(ROW_CAP)
    assert response.headers["x-lawgraph-rows"] == str(ROW_CAP)
    body = response.json()
    assert body["truncated"] is True and body["rowCap"] == ROW_CAP
    assert len(body["results"]["bindings"]) == ROW_CAP
    for media in ("text/csv", "text/tab-separated-values", "application/sparql-results+xml"):
        capped = get(lawgraph, {"query": query}, headers={"Accept": media})
        assert capped.headers["x-lawgraph-truncated"] == "true"
        assert capped.headers["x-lawgraph-rows"] == str(ROW_CAP)
    construct = get(
        lawgraph,
        {"query": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}"},
        headers={"Accept": "application/n-triples"},
    )
    assert construct.headers["x-lawgraph-truncated"] == "true"
    assert construct.text.count("\n") == ROW_CAP
    small = get(lawgraph, {"query": query + f" LIMIT {ROW_CAP}"})
    assert small.headers["x-lawgraph-truncated"] == "false"
    assert "truncated" not in small.json()
    assert BIG_ROWS > ROW_CAP


# --- errors -------------------------------------------------------------------------------------------


def test_syntax_error_is_400_with_a_message(lawgraph: Server) -> None:
    body = assert_error(get(lawgraph, {"query": "SELECT * WHERE { ?s ?p "}), 400)
    assert "1:" in str(body["error"])  # the parser says where


def test_missing_and_duplicate_query(lawgraph: Server) -> None:
    assert_error(get(lawgraph, {"default-graph-uri": G1}), 400)
    assert_error(post_form(lawgraph, {"default-graph-uri": G1}), 400)
    assert_error(get(lawgraph, [("query", "ASK {}"), ("query", "ASK {}")]), 400)
    assert_error(post_form(lawgraph, [("query", "ASK {}"), ("query", "SELECT * {}")]), 400)
    assert_error(post_direct(lawgraph, "ASK {}", params={"query": "ASK {}"}), 400)
    assert_error(get(lawgraph, {"query": "  "}), 400)


def test_malformed_encoding_is_400(lawgraph: Server) -> None:
    base = lawgraph.query_url
    assert_error(httpx.get(base + "?query=ASK%20%7B%7D%ZZ"), 400)
    assert_error(httpx.get(base + "?query=ASK%20%7B%7D%2"), 400)
    assert_error(httpx.get(base + "?query=%FF%FEASK%7B%7D"), 400)
    assert_error(
        httpx.post(
            base,
            content=b"query=%C3%28",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        400,
    )
    assert_error(
        httpx.post(
            base, content=b"ASK {} #\xff\xfe", headers={"Content-Type": "application/sparql-query"}
        ),
        400,
    )
    assert_error(
        httpx.post(
            base,
            content="ASK {}".encode("utf-16"),
            headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
        ),
        415,
    )
    assert_error(
        httpx.get(base, params={"query": "ASK {}", "default-graph-uri": "not an iri"}), 400
    )


def test_wrong_media_type_and_method(lawgraph: Server) -> None:
    assert_error(
        httpx.post(lawgraph.query_url, content=b"ASK {}", headers={"Content-Type": "text/plain"}),
        415,
    )
    assert_error(httpx.post(lawgraph.query_url, content=b"query=ASK%20%7B%7D"), 415)
    assert_error(httpx.put(lawgraph.query_url, content=b"ASK {}"), 405)
    assert_error(httpx.delete(lawgraph.query_url), 405)
    assert_error(httpx.get(lawgraph.base + "/no/such/route"), 404)


def test_oversized_requests_are_413(lawgraph: Server) -> None:
    big = "ASK {} #" + "x" * (MAX_REQUEST_BYTES + 10)
    assert_error(post_direct(lawgraph, big), 413)
    assert_error(post_form(lawgraph, {"query": big}), 413)

    def chunks():  # no Content-Length: a chunked upload past the limit
        for _ in range(MAX_REQUEST_BYTES // 4096 + 4):
            yield b"#" + b"x" * 4095

    streamed = httpx.post(
        lawgraph.query_url, content=chunks(), headers={"Content-Type": "application/sparql-query"}
    )
    assert_error(streamed, 413)
    long_get = httpx.get(lawgraph.query_url, params={"query": "ASK {} #" + "y" * 20_001})
    assert_error(long_get, 413)
    # and the server is fine afterwards
    assert count(get(lawgraph, {"query": COUNT_ALL})) > 0


# --- CORS ---------------------------------------------------------------------------------------------


def test_cors_preflight_and_simple_requests(lawgraph: Server) -> None:
    preflight = httpx.options(
        lawgraph.query_url,
        headers={
            "Origin": "https://example.net",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] in ("*", "https://example.net")
    assert "POST" in preflight.headers["access-control-allow-methods"]
    simple = get(lawgraph, {"query": "ASK {}"}, headers={"Origin": "https://example.net"})
    assert simple.headers["access-control-allow-origin"] == "*"
    assert "X-Lawgraph-Truncated" in simple.headers["access-control-expose-headers"]
    error = get(lawgraph, {"query": "ASK {"}, headers={"Origin": "https://example.net"})
    assert error.status_code == 400 and error.headers["access-control-allow-origin"] == "*"


def test_concurrent_requests_are_all_answered(lawgraph: Server) -> None:
    import concurrent.futures

    with httpx.Client(timeout=30) as client, concurrent.futures.ThreadPoolExecutor(8) as pool:
        futures = [
            pool.submit(client.get, lawgraph.query_url, params={"query": COUNT_ALL})
            for _ in range(64)
        ]
        results = [f.result() for f in futures]
    assert all(r.status_code == 200 for r in results)
    assert len({r.content for r in results}) == 1


def test_a_strange_host_header_is_not_trusted_as_base_iri(served: Server) -> None:
    response = httpx.post(
        served.query_url,
        content=b"CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers={
            "Content-Type": "application/sparql-query",
            "Accept": "application/n-triples",
            "Host": 'evil"> } INSERT',
        },
    )
    if response.status_code == 400 and "ok" not in response.text:
        pytest.skip("the HTTP server refused the Host header itself")
    assert response.status_code == 200, response.text
    assert response.text.startswith("<http://localhost/s> <http://localhost/p>")


def _raw(server: Server, request: bytes) -> tuple[int, dict[str, object]]:
    import socket

    host, port = server.base.rsplit("//", 1)[1].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split()[1]), json.loads(body)


def test_requests_the_http_parser_refuses_get_the_error_shape_too(lawgraph: Server) -> None:
    long_url = (
        b"GET /sparql?query=ASK%20%7B%7D%20%23" + b"x" * 70_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    status, body = _raw(lawgraph, long_url)
    assert status == 413 and body["status"] == 413 and "POST" in str(body["error"])
    status, body = _raw(lawgraph, b"NONSENSE \x00 HTTP/1.1\r\n\r\n")
    assert status == 400 and body["ok"] is False
