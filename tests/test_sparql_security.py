"""/sparql is safe to expose: read-only everywhere, never fetches, stops runaway queries.

Runs against a real ``lawgraph serve`` over the embedded sample store (timeout 3 s).
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from collections.abc import Iterator

import httpx
import pytest
from backends import QUERY_TIMEOUT, Server, descendants, process_tree_cpu

COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            conn.settimeout(0.5)
            try:
                self.hits.append(conn.recv(4096))
            except OSError:
                self.hits.append(b"")
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


def total(server: Server) -> int:
    response = httpx.get(server.query_url, params={"query": COUNT_ALL}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def assert_refused(response: httpx.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text)
    body = response.json()
    assert body["ok"] is False and body["status"] == response.status_code


UPDATES = [
    "INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "WITH <http://example.org/lawgraph-test/graph/laws> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "CLEAR DEFAULT",
    "DROP ALL",
    "DROP GRAPH <http://example.org/lawgraph-test/graph/laws>",
    "CREATE GRAPH <http://example.org/new>",
    "ADD <http://example.org/lawgraph-test/graph/laws> TO <http://example.org/new>",
    "MOVE <http://example.org/lawgraph-test/graph/laws> TO <http://example.org/new>",
    "COPY <http://example.org/lawgraph-test/graph/laws> TO DEFAULT",
    "PREFIX ex: <http://example.org/> # a comment\n insert data { ex:a ex:b ex:c }",
    "SELECT * {} ; INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }",
]


def test_every_update_is_refused_on_every_route_and_data_is_untouched(
    lawgraph: Server, listener: Listener
) -> None:
    before = total(lawgraph)
    updates = [
        *UPDATES,
        f"LOAD <{listener.url}>",
        f"LOAD SILENT <{listener.url}> INTO GRAPH <http://example.org/g>",
    ]
    url = lawgraph.query_url
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for update in updates:
        requests = [
            lambda u=update: httpx.get(url, params={"update": u}),
            lambda u=update: httpx.get(url, params={"query": u}),
            lambda u=update: httpx.post(
                url, content=urllib.parse.urlencode({"update": u}), headers=form
            ),
            lambda u=update: httpx.post(
                url, content=urllib.parse.urlencode({"query": u}), headers=form
            ),
            lambda u=update: httpx.post(
                url, content=u.encode(), headers={"Content-Type": "application/sparql-update"}
            ),
            lambda u=update: httpx.post(
                url, content=u.encode(), headers={"Content-Type": "application/sparql-query"}
            ),
            lambda u=update: httpx.post(
                url, params={"update": u}, content=b"", headers={"Content-Type": "text/plain"}
            ),
        ]
        for send in requests:
            assert_refused(send())
    # other methods and the rest of the API do not write either
    for method in ("PUT", "DELETE", "PATCH"):
        assert_refused(httpx.request(method, url, content=b"<http://a> <http://b> <http://c> ."))
    assert total(lawgraph) == before
    time.sleep(0.3)
    assert listener.hits == []


def test_update_is_refused_with_a_clear_message(lawgraph: Server) -> None:
    response = httpx.get(lawgraph.query_url, params={"query": "DROP ALL"})
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "select * where {{ ?x ?y ?z .service <{url}> {{ ?s ?p ?o }} }}",
        "PREFIX r: <{url}#> SELECT * WHERE {{ OPTIONAL {{ SeRvIcE r:x {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ BIND(<{url}> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ # SERVICE in a comment, then for real\n SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_nothing_is_fetched(
    lawgraph: Server, listener: Listener, template: str
) -> None:
    query = template.format(url=listener.url)
    for response in (
        httpx.get(lawgraph.query_url, params={"query": query}),
        httpx.post(
            lawgraph.query_url,
            content=query.encode(),
            headers={"Content-Type": "application/sparql-query"},
        ),
    ):
        assert_refused(response)
    time.sleep(0.3)
    assert listener.hits == []


def test_service_mentioned_in_strings_and_iris_is_not_a_false_alarm(lawgraph: Server) -> None:
    query = 'SELECT ?x WHERE { BIND("SERVICE <http://x>" AS ?x) FILTER(?x != <http://example.org/SERVICE>) }'
    response = httpx.get(lawgraph.query_url, params={"query": query})
    assert response.status_code == 200, response.text


def test_remote_from_and_graph_uris_never_fetch(lawgraph: Server, listener: Listener) -> None:
    url = lawgraph.query_url
    responses = [
        httpx.get(url, params={"query": f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}"}),
        httpx.get(
            url,
            params={
                "query": f"SELECT * FROM NAMED <{listener.url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
            },
        ),
        httpx.get(
            url, params={"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": listener.url}
        ),
        httpx.get(
            url,
            params={
                "query": "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                "named-graph-uri": listener.url,
            },
        ),
        httpx.get(url, params={"query": f"DESCRIBE <{listener.url}>"}),
    ]
    for response in responses:
        assert response.status_code == 200, response.text
    assert responses[0].json()["results"]["bindings"] == []
    time.sleep(0.3)
    assert listener.hits == []


def test_runaway_query_is_stopped_and_the_cpu_goes_idle(lawgraph: Server) -> None:
    workers_before = set(descendants(lawgraph.pid))
    started = time.monotonic()
    response = httpx.get(lawgraph.query_url, params={"query": RUNAWAY}, timeout=60)
    elapsed = time.monotonic() - started
    assert response.status_code == 503, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == 503 and "limit" in body["error"]
    assert QUERY_TIMEOUT - 0.2 <= elapsed < QUERY_TIMEOUT + 2.0
    # the next query is answered at once
    started = time.monotonic()
    assert total(lawgraph) > 0
    assert time.monotonic() - started < 1.0
    # the killed worker is gone, a fresh one took its place, and nothing burns CPU
    time.sleep(0.5)
    cpu_before = process_tree_cpu(lawgraph.pid)
    time.sleep(1.5)
    busy = process_tree_cpu(lawgraph.pid) - cpu_before
    assert busy < 0.3, f"the server used {busy:.2f} s of CPU in 1.5 s after the timeout"
    workers_after = set(descendants(lawgraph.pid))
    assert workers_before - workers_after, "the worker that ran the runaway query was not killed"
    assert len(workers_after) == len(workers_before)


def test_a_runaway_asked_again_is_refused_at_once(lawgraph: Server) -> None:
    """A client that repeats a query the timeout stopped does not hold a worker again until
    the timeout has passed once more (Retry-After says when); other queries run meanwhile."""
    runaway = RUNAWAY.replace("?o }", "?o . ?q ?r ?t }")
    first = httpx.get(lawgraph.query_url, params={"query": runaway}, timeout=60)
    assert first.status_code == 503 and "limit" in first.json()["error"]
    started = time.monotonic()
    again = httpx.get(lawgraph.query_url, params={"query": runaway}, timeout=60)
    assert time.monotonic() - started < 1.0
    assert again.status_code == 503 and "it was not run" in again.json()["error"], again.text
    assert 1 <= int(again.headers["retry-after"]) <= QUERY_TIMEOUT
    assert total(lawgraph) > 0  # another query runs


def test_concurrent_runaways_do_not_starve_the_server(lawgraph: Server) -> None:
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        runaways = [
            pool.submit(httpx.get, lawgraph.query_url, params={"query": RUNAWAY}, timeout=60)
            for _ in range(2)
        ]
        time.sleep(0.5)
        quick = pool.submit(httpx.get, lawgraph.query_url, params={"query": "ASK {}"}, timeout=60)
        results = [f.result() for f in runaways]
        answer = quick.result()
    assert [r.status_code for r in results] == [503, 503]
    # with every worker busy, a quick query waits for one to be free, then is answered
    assert answer.status_code in (200, 503)
    assert total(lawgraph) > 0


def test_error_shape_on_every_error_route(lawgraph: Server) -> None:
    url = lawgraph.query_url
    cases = [
        httpx.get(url, params={"query": "SELECT * {"}),
        httpx.get(url, params={"default-graph-uri": "http://example.org/"}),
        httpx.get(url, params=[("query", "ASK {}"), ("query", "ASK {}")]),
        httpx.get(url + "?query=%GG"),
        httpx.get(url + "?query=%C0%AF"),
        httpx.get(url, params={"query": "DROP ALL"}),
        httpx.get(url, params={"update": "DROP ALL"}),
        httpx.get(url, params={"query": "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}),
        httpx.get(url, params={"query": "ASK {}"}, headers={"Accept": "image/png"}),
        httpx.post(url, content=b"ASK {}", headers={"Content-Type": "text/plain"}),
        httpx.post(
            url, content=b"x" * 70_000, headers={"Content-Type": "application/sparql-query"}
        ),
        httpx.put(url, content=b"ASK {}"),
        httpx.get(lawgraph.base + "/nowhere"),
        httpx.get(url, params={"query": RUNAWAY}, timeout=60),
    ]
    statuses = set()
    for response in cases:
        assert response.status_code >= 400
        assert response.headers["content-type"].startswith("application/json"), response.text
        body = response.json()
        assert set(body) == {"ok", "error", "errors", "status"}
        assert body["ok"] is False and body["status"] == response.status_code
        assert body["errors"][0] == body["error"]
        statuses.add(response.status_code)
    assert statuses == {400, 403, 404, 405, 406, 413, 415, 503}
