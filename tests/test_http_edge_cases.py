"""Edge cases of ``lawgraph serve`` over HTTP found by an outside tester (each test failed first).

Runs against the session's real ``lawgraph serve`` over the embedded sample store.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import http.client
import json
import socket
import time
import tracemalloc
from pathlib import Path

import httpx
import pytest
from backends import LAWGRAPH_ENV, MAX_REQUEST_BYTES, Server, start_lawgraph
from test_sparql_security import Listener, listener  # noqa: F401 (a fixture)

from lawgraph.errors import ForbiddenQuery, LawgraphError
from lawgraph.sparql import Job, inspect_query, undeclared_prefixes

# pyoxigraph reads ``\u0022`` in a string as an escaped quote, while a reading that decodes the
# escapes first sees ``"""`` (a long string): what follows was hidden from the guard. And
# pyoxigraph reads a keyword glued to the token next to it.
HIDDEN_SERVICE = [
    'SELECT * {{ BIND("\\u0022" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} BIND("""y""" AS ?y) }}',
    'SELECT * {{ BIND("\\u005c" AS ?x) SERVICE <{url}> {{ ?s ?p ?o }} BIND("y" AS ?y) }}',
    "SELECT * {{ BIND('\\u0027' AS ?x) SERVICE SILENT <{url}> {{ }} BIND('''y''' AS ?y) }}",
    'SELECT * {{ BIND("\\u0022" AS ?x) ?s ?p <http://x\\u0041#> . SERVICE <{url}> {{ }} '
    'BIND("""y""" AS ?y) }}',
    "SELECT * {{ ?s ?p 1SERVICE <{url}> {{ }} }}",
    "SELECT * {{ ?s ?p trueSERVICE <{url}> {{ }} }}",
    "SELECT * {{ SERVICESILENT <{url}> {{ }} }}",
    "PREFIX : <{url}#> SELECT * {{ SERVICE:x {{ }} }}",
]


def test_service_hidden_by_escapes_or_glued_to_a_token_is_refused_and_never_fetched(
    lawgraph: Server,
    listener: Listener,  # noqa: F811
) -> None:
    for template in HIDDEN_SERVICE:
        query = template.format(url=listener.url)
        response = httpx.get(lawgraph.query_url, params={"query": query})
        assert response.status_code == 403, (query, response.text)
        assert "SERVICE" in response.json()["error"]
    time.sleep(0.3)
    assert listener.hits == []


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service WHERE { ?service ?p $service_2 }",
        "PREFIX ex: <http://e/> SELECT * { ex:service ex:Service_x _:service }",
        'SELECT * { ?s ?p "SERVICE"@en-service }',
        "SELECT * { ?s <http://e/\\u0041SERVICE> ?o }",
    ],
)
def test_service_in_names_is_not_a_false_alarm(query: str) -> None:
    assert inspect_query(query).form == "SELECT"


def test_a_prefix_named_service_is_refused() -> None:
    with pytest.raises(ForbiddenQuery, match="prefix named service"):
        inspect_query("PREFIX service: <http://e/> SELECT * { ?s service:p ?o }")


@pytest.mark.parametrize("path", ["/", "/queries", "/questions", "/export?format=csv"])
def test_head_is_answered_wherever_get_is(lawgraph: Server, path: str) -> None:
    get = httpx.get(lawgraph.base + path, timeout=30)
    head = httpx.head(lawgraph.base + path, timeout=30)
    assert get.status_code == 200, get.text
    assert head.status_code == 200, head.text
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.content == b""


def test_a_405_lists_every_method_the_route_allows(lawgraph: Server) -> None:
    for path, allowed in [("/sparql", {"GET", "HEAD", "POST"}), ("/queries", {"GET", "HEAD"})]:
        response = httpx.put(lawgraph.base + path, content=b"x")
        assert response.status_code == 405
        assert {m.strip() for m in response.headers["allow"].split(",")} == allowed
        assert response.json()["status"] == 405


def test_a_refused_cors_preflight_is_in_the_json_error_shape(lawgraph: Server) -> None:
    response = httpx.options(
        lawgraph.query_url,
        headers={"Origin": "https://example.net", "Access-Control-Request-Method": "PUT"},
    )
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False and body["status"] == 400
    assert "method" in body["error"]


def test_a_byte_order_mark_before_the_query_is_ignored(lawgraph: Server) -> None:
    # editors on Windows save query.rq with one; `curl --data-binary @query.rq` sends it
    direct = httpx.post(
        lawgraph.query_url,
        content="\ufeffASK { }".encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    form = httpx.post(lawgraph.query_url, data={"query": "\ufeffASK { }"})
    for response in (direct, form):
        assert response.status_code == 200, response.text
        assert response.json()["boolean"] is True


def _raw(server: Server, data: bytes) -> bytes:
    """Send raw bytes, return everything the server answers until it closes."""
    port = int(server.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_a_body_sent_with_an_upgrade_offer_is_read(lawgraph: Server) -> None:
    # curl --http2 offers h2c on a first request, body and all; the server
    # ignores the offer (HTTP allows it) but must still read the body
    upgrade = b"Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABk\r\n"
    ask = b"ASK { }"
    form = b"query=ASK+%7B+%7D"
    request = (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\n%sContent-Type: application/sparql-query\r\n"
        b"Content-Length: %d\r\n\r\n%s" % (upgrade, len(ask), ask)
    )
    # the second request follows on the same connection
    request += (
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s"
        % (len(form), form)
    )
    # and a request without a body that offers it is not the connection's last
    request = b"GET /sparql?query=ASK%%7B%%7D HTTP/1.1\r\nHost: x\r\n%s\r\n" % upgrade + request
    answer = _raw(lawgraph, request)
    assert answer.count(b"HTTP/1.1 200 OK") == 3, answer
    assert answer.count(b'"boolean":true') == 3, answer


def test_a_query_worker_cannot_connect_anywhere(embedded_store: Path, listener: Listener) -> None:  # noqa: F811
    # defence in depth: a SERVICE the guard would miss finds no network in the worker
    from lawgraph.executor import Pool

    async def run() -> None:
        pool = Pool(embedded_store, workers=1, timeout=10)
        await pool.start()
        try:
            with contextlib.suppress(LawgraphError):
                await pool.run(Job(f"SELECT * {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"))
            answer = await pool.run(Job("ASK { ?s ?p ?o }"))  # the worker still answers
            assert b"true" in answer.body
        finally:
            await pool.close()

    asyncio.run(run())
    time.sleep(0.3)
    assert listener.hits == []


def test_checking_long_queries_retains_nothing() -> None:
    # the guard's cache kept every query it saw: 2,100 requests of 99,000 emoji (each under every
    # limit) left the server holding 1.4 GB
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(20):
            inspect_query(f"ASK {{}} # {i} " + "\U0001f600" * 99_000)
        retained = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert retained < 1_000_000, retained


def test_oversized_request_headers_are_refused(lawgraph: Server) -> None:
    # headers had no limit: a 10 MB Accept header was buffered, then its 2.5 million ranges
    # parsed on the event loop, holding every other client for 3.5 s
    accept = b"Accept: " + b"a/b," * 250_000 + b"*/*\r\n"
    answer = _raw(
        lawgraph, b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n" + accept + b"\r\n"
    )
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 431 "), head
    assert json.loads(body)["status"] == 431
    # usual headers still pass
    cookie = {"Cookie": "c=" + "x" * 8000, "Accept": ", ".join(["text/csv"] * 500)}
    assert httpx.get(lawgraph.query_url, params={"query": "SELECT * {}"}, headers=cookie).is_success


def test_a_client_sending_a_whole_oversized_body_gets_the_413(lawgraph: Server) -> None:
    # the server answered 413 and closed while the client was still sending: the unread body
    # made the close a reset, and a client that reads after sending (http.client) lost the 413
    port = int(lawgraph.base.rsplit(":", 1)[1])
    for _ in range(3):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request(
            "POST",
            "/sparql",
            body=b"query=ASK%7B%7D&x=" + b"x" * 8_000_000,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        assert response.status == 413
        assert json.loads(response.read())["status"] == 413
        connection.close()


@pytest.mark.parametrize("host", ["a:b:c", "[zz]", "::::"])
def test_a_malformed_host_header_does_not_become_the_base_iri(lawgraph: Server, host: str) -> None:
    # the service description was a 500 and a query an "Invalid base IRI" 400
    description = httpx.get(lawgraph.query_url, headers={"Host": host})
    assert description.status_code == 200, description.text
    relative = httpx.get(
        lawgraph.query_url, params={"query": "SELECT (<x> AS ?x) {}"}, headers={"Host": host}
    )
    assert relative.status_code == 200, relative.text
    assert relative.json()["results"]["bindings"][0]["x"]["value"] == "http://localhost/x"


def test_a_form_of_countless_empty_parameters_is_refused(lawgraph: Server) -> None:
    # each parameter was decoded on the event loop: four clients posting 1 MB forms of 340,000
    # empty parameters in a loop made every other client's ASK {} take 0.7 s instead of 1 ms
    body = b"query=ASK%7B%7D&" + b"a=&" * 20_000  # within the test server's body limit
    response = httpx.post(
        lawgraph.query_url,
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 400
    assert "too many parameters" in response.json()["error"]
    assert httpx.get(lawgraph.query_url + "?query=ASK%7B%7D" + "&a=" * 999).is_success


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        # a 来 cut short: was searched for as U+FFFD, 200 and no rows
        (b"/queries/search?text=%E6%9D", b"not valid UTF-8"),
        (b"/queries/search?text=%ZZ", b"malformed percent-encoding"),  # was searched as "%ZZ"
        (b"/queries/search.csv?text=%E6%9D", b"not valid UTF-8"),
        (b"/questions/search?text=%E6%9D", b"not valid UTF-8"),  # the page: an HTML 400
        # a construct: with a damaged literal was run as another query (200, empty)
        (
            b"/export?format=nquads&scope=construct:CONSTRUCT%20WHERE%20%7B%3Fs%20%3Fp%20%22%E6%9D%22%7D",
            b"not valid UTF-8",
        ),
    ],
)
def test_a_damaged_query_string_is_a_400_on_every_route_that_reads_one(
    lawgraph: Server, target: bytes, problem: bytes
) -> None:
    # as on /sparql: Starlette's lenient parser had answered another question than the one sent
    answer = _raw(lawgraph, b"GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % target)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 "), answer
    assert problem in body and b"URL query string" in body, body


def _read_all(sock: socket.socket) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_client_has_client_timeout_seconds_to_send_a_whole_request(
    tmp_path: Path, embedded_store: Path
) -> None:
    # uvicorn waited for ever on a connection that sent nothing, half a head or part of a body:
    # a few thousand of them use up the server's file descriptors
    env = {**LAWGRAPH_ENV, "LAWGRAPH_CLIENT_TIMEOUT": "1", "LAWGRAPH_QUERY_TIMEOUT": "2.5"}
    server = start_lawgraph(tmp_path, store=embedded_store, env={**env, "LAWGRAPH_WORKERS": "1"})
    try:
        port = int(server.base.rsplit(":", 1)[1])
        sent = {
            "nothing": b"",
            "half a head": b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n",
            "part of a body": b"POST /sparql HTTP/1.1\r\nHost: x\r\n"
            b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK",
            # answered before its body came: the connection closes, with no second answer
            "a body after its answer": b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n"
            b"Content-Length: 100\r\n\r\n0123456789",
            # the server at work past the deadline is not the client's fault: the query's own
            # timeout (2.5 s) ends it
            "a long query": b"GET /sparql?query=SELECT%20(COUNT(*)%20AS%20?n)%20%7B?a%20?b%20?c"
            b"%20.%20?d%20?e%20?f%20.%20?g%20?h%20?i%20.%20?j%20?k%20?l%7D HTTP/1.1\r\n"
            b"Host: x\r\n\r\n",
        }
        socks = {}
        for name, data in sent.items():
            socks[name] = socket.create_connection(("127.0.0.1", port), timeout=15)
            socks[name].sendall(data)
        started = time.monotonic()
        answers = {name: _read_all(sock) for name, sock in socks.items()}
        assert time.monotonic() - started < 10
        for sock in socks.values():
            sock.close()
        assert answers["nothing"] == b""
        for name in ("half a head", "part of a body"):
            head, _, body = answers[name].partition(b"\r\n\r\n")
            assert head.startswith(b"HTTP/1.1 408 "), (name, answers[name])
            assert json.loads(body)["status"] == 408
            assert "client_timeout" in json.loads(body)["error"]
        assert answers["a body after its answer"].count(b"HTTP/1.1 ") == 1
        assert answers["a body after its answer"].startswith(b"HTTP/1.1 200 ")
        assert answers["a long query"].startswith(b"HTTP/1.1 503 "), answers["a long query"]
        # and the server goes on answering
        assert httpx.get(server.query_url, params={"query": "ASK {}"}).json()["boolean"] is True
    finally:
        server.stop()


@pytest.mark.parametrize(
    "target", [b"/sparql?query=ASK%7B%7D", b"/queries/search?text=a", b"/queries"]
)
def test_a_get_with_a_body_too_large_is_a_413_on_fast_paths_too(
    lawgraph: Server, target: bytes
) -> None:
    # the middleware refused it on /queries (413), the fast paths answered 200: they applied
    # the body limit to POST only
    body = b"x" * (MAX_REQUEST_BYTES + 1)
    answer = _raw(
        lawgraph,
        b"GET %s HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s" % (target, len(body), body),
    )
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413 "), head
    assert json.loads(payload)["status"] == 413


@pytest.mark.parametrize(
    "query",
    ["DROP ALL", "CONSTRUCT WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"],
)
def test_an_update_or_service_in_an_export_is_refused_as_on_sparql(
    lawgraph: Server, query: str
) -> None:
    # /sparql refuses them with 403; /export said 400, as for a typo
    response = httpx.get(
        lawgraph.base + "/export", params={"scope": "construct:" + query, "format": "nquads"}
    )
    assert response.status_code == 403, response.text
    assert response.json()["error"].startswith("construct: ")
    assert httpx.get(lawgraph.query_url, params={"query": query}).status_code == 403


@pytest.mark.parametrize(
    ("query", "accept", "named"),
    [
        ("SELECT * {}", "text/turtle", "SELECT"),
        ("ASK {}", "text/csv", "ASK"),
        ("CONSTRUCT WHERE {}", "text/csv", "CONSTRUCT"),
    ],
)
def test_a_406_names_the_kind_of_query_it_cannot_answer_so(
    lawgraph: Server, query: str, accept: str, named: str
) -> None:
    # it said "no acceptable format for results results"
    response = httpx.get(lawgraph.query_url, params={"query": query}, headers={"Accept": accept})
    assert response.status_code == 406
    assert named in response.json()["error"], response.text


def test_a_406_for_the_service_description_names_it(lawgraph: Server) -> None:
    response = httpx.get(lawgraph.query_url, headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 406
    assert "service description" in response.json()["error"], response.text


def test_a_header_sent_on_two_lines_is_read_as_one_list(lawgraph: Server) -> None:
    # the last line won: two Accept lines asked for CSV first and got XML, and a direct query
    # with a second Content-Type line was read as a form ("missing the query parameter")
    query = b"/sparql?query=SELECT%20*%20%7B%7D"
    accept = b"Accept: text/csv\r\nAccept: application/sparql-results+xml;q=0.5\r\n"
    answer = _raw(
        lawgraph, b"GET %s HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n" % (query, accept)
    )
    assert b"\r\ncontent-type: text/csv" in answer, answer
    types = (
        b"Content-Type: application/sparql-query\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
    )
    answer = _raw(
        lawgraph,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\n%sContent-Length: 6\r\nConnection: close\r\n\r\n"
        b"ASK {}" % types,
    )
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 415 "), answer
    assert b"application/sparql-query, application/x-www-form-urlencoded" in body


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_a_compressed_body_is_a_415_not_read_as_text(lawgraph: Server, coding: str) -> None:
    # a gzip form was "not valid UTF-8"; a body said to be br but sent plain was answered
    body = gzip.compress(b"query=ASK%7B%7D") if coding == "gzip" else b"query=ASK%7B%7D"
    response = httpx.post(
        lawgraph.query_url,
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": coding},
    )
    assert response.status_code == 415, response.text
    assert f"Content-Encoding {coding}" in response.json()["error"]
    assert response.headers["accept-encoding"] == "identity"


def test_a_transfer_coding_other_than_chunked_is_a_400(lawgraph: Server) -> None:
    # the parser undid the chunked coding only: the gzip bytes were read as the query's text
    body = gzip.compress(b"ASK {}")
    answer = _raw(
        lawgraph,
        b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
        b"Transfer-Encoding: gzip, chunked\r\nConnection: close\r\n\r\n%x\r\n%s\r\n0\r\n\r\n"
        % (len(body), body),
    )
    head, _, payload = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 "), answer
    assert "Transfer-Encoding gzip" in json.loads(payload)["error"]


@pytest.mark.parametrize(
    ("request_head", "problem"),
    [
        (b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nBad header\r\n", b"Invalid header token"),
        (b"GET /sparql?query=ASK\xe6\xb3\x95 HTTP/1.1\r\nHost: x\r\n", b"percent-encode"),
        (b"POST /sparql HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n", b"Duplicate"),
    ],
)
def test_a_request_the_http_parser_refuses_gets_the_parsers_reason(
    lawgraph: Server, request_head: bytes, problem: bytes
) -> None:
    # every such request got the same "malformed HTTP request: Invalid HTTP request received."
    head, _, body = _raw(lawgraph, request_head + b"\r\n").partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 "), head
    assert problem in body, body


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("SELECT * { ?s rdfs:label ?o }", "rdfs:"),
        # the parser only said "error at 1:46: expected [_]"
        ("SELECT * { ?s ?p ?o FILTER(?o = xsd:string) }", "xsd:"),
        ('PREFIX ex: <http://e/> SELECT * { ?s ex:p "a:b" ; skos:x ?o }', "skos:"),
    ],
)
def test_a_syntax_error_from_an_undeclared_prefix_names_the_prefix(
    lawgraph: Server, query: str, named: str
) -> None:
    response = httpx.get(lawgraph.query_url, params={"query": query})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error.startswith(f"prefix not declared: {named} "), error
    assert "error at 1:" in error  # and what the parser said


def test_undeclared_prefixes_ignores_strings_iris_comments_and_blank_nodes() -> None:
    query = 'PREFIX : <http://e/> SELECT * { :a :b _:c ; :d "x:y"@en , <http://h:1/> } # z:w'
    assert undeclared_prefixes(query) == []
    assert undeclared_prefixes('SELECT * { ?s ?p "1"^^xsd:int . ?s a :C }') == ["xsd", ""]
