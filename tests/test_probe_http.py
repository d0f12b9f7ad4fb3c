"""What an outside tester found wrong with ``lawgraph serve`` over HTTP (each test failed first).

Runs against the session's real ``lawgraph serve`` over the embedded sample store.
"""

from __future__ import annotations

import time

import httpx
import pytest
from backends import Server
from test_sparql_security import Listener, listener  # noqa: F401 (a fixture)

from lawgraph.errors import ForbiddenQuery
from lawgraph.sparql import inspect_query

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
