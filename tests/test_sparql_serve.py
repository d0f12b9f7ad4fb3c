"""``lawgraph serve`` as a whole: the seed on first start, fresh snapshots after a load while
queries go on, worker memory limits, and in-process use of the app factory."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Annotated

import httpx
import pyoxigraph as ox
import pytest
from backends import LAWGRAPH_ENV, ROOT, descendants, start_lawgraph
from fastapi import Body

from lawgraph.store import EmbeddedStore

SEED_DIR = ROOT / "data" / "facts"
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <%s> { ?s ?p ?o } }"


def count(url: str, graph: str) -> int:
    response = httpx.get(url, params={"query": COUNT % graph}, timeout=30)
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def version(graph: str, n: int) -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    return [
        ox.Quad(
            ox.NamedNode(f"{graph}/{i}"),
            ox.NamedNode("http://example.org/v"),
            ox.Literal(str(n)),
            g,
        )
        for i in range(n)
    ]


@pytest.mark.skipif(not any(SEED_DIR.glob("*.yaml")), reason="no bundled seed in data/facts yet")
def test_serve_loads_the_seed_into_an_empty_store(tmp_path: Path) -> None:
    env = {**LAWGRAPH_ENV, "LAWGRAPH_SEED": "true"}
    server = start_lawgraph(tmp_path / "run", store=tmp_path / "store", env=env, ready_seconds=120)
    try:
        response = httpx.get(
            server.query_url, params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
        )
        graphs = {b["g"]["value"] for b in response.json()["results"]["bindings"]}
        assert any("fushun" in g for g in graphs), graphs
    finally:
        server.stop()
    with EmbeddedStore(tmp_path / "store") as store:  # the seed stays in the store, on disk
        assert len(store) > 0


def test_a_load_while_serving_is_seen_whole_and_queries_go_on(tmp_path: Path) -> None:
    store_path = tmp_path / "store"
    graph = "http://example.org/refresh/g"
    with EmbeddedStore(store_path) as store:
        store.replace_graph(graph, version(graph, 1000))
    server = start_lawgraph(tmp_path / "run", store=store_path, env=LAWGRAPH_ENV)
    seen: list[int] = []
    errors: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        with httpx.Client(timeout=30) as client:
            while not stop.is_set():
                response = client.get(server.query_url, params={"query": COUNT % graph})
                if response.status_code != 200:
                    errors.append(response.text)
                else:
                    seen.append(int(response.json()["results"]["bindings"][0]["n"]["value"]))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert count(server.query_url, graph) == 1000
        for n in (20_000, 3000):  # `lawgraph load` runs beside the server: the lock is free
            with EmbeddedStore(store_path) as store:
                store.replace_graph(graph, version(graph, n))
            deadline = time.monotonic() + 15
            while count(server.query_url, graph) != n:
                assert time.monotonic() < deadline, f"the server never showed the load of {n}"
                time.sleep(0.1)
    finally:
        stop.set()
        thread.join()
        server.stop()
    assert not errors, errors[:3]
    assert set(seen) <= {1000, 20_000, 3000}, "a reader saw half a load"
    assert len(seen) > 10


def test_a_query_that_needs_too_much_memory_is_stopped(
    tmp_path: Path, embedded_store: Path
) -> None:
    env = {**LAWGRAPH_ENV, "LAWGRAPH_WORKER_MEMORY_MB": "128", "LAWGRAPH_QUERY_TIMEOUT": "30"}
    server = start_lawgraph(tmp_path / "run", store=embedded_store, env=env)
    try:
        hog = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?c ?f ?i"
        started = time.monotonic()
        response = httpx.get(server.query_url, params={"query": hog}, timeout=60)
        assert response.status_code == 503, response.text[:300]
        assert "memory" in response.json()["error"]
        assert time.monotonic() - started < 25
        assert httpx.get(server.query_url, params={"query": "ASK {}"}).json()["boolean"] is True
    finally:
        server.stop()


def test_the_server_recovers_when_its_snapshot_process_dies(
    tmp_path: Path, embedded_store: Path
) -> None:
    import os
    import signal

    server = start_lawgraph(tmp_path / "run", store=embedded_store, env=LAWGRAPH_ENV)
    try:
        zygotes = [  # the zygote is the server's child; its forked workers are grandchildren
            pid
            for pid in descendants(server.pid)
            if b"_zygote_entry" in Path(f"/proc/{pid}/cmdline").read_bytes()
            and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
            == str(server.pid)
        ]
        assert len(zygotes) == 1
        os.kill(zygotes[0], signal.SIGKILL)  # its workers die with it
        deadline = time.monotonic() + 15
        while True:
            response = httpx.get(server.query_url, params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
            if response.status_code == 200:
                break
            assert response.status_code == 503, response.text  # never a 500
            assert time.monotonic() < deadline, "the server did not recover"
            time.sleep(0.2)
        assert response.json()["boolean"] is True
    finally:
        server.stop()


def test_app_factory_in_process(embedded_store: Path) -> None:
    """create_app(settings) works under any ASGI server (here Starlette's TestClient)."""
    from fastapi.testclient import TestClient

    from lawgraph.api import create_app
    from lawgraph.settings import Settings

    app = create_app(Settings(store=embedded_store, seed=False, workers=1, row_cap=7))
    with TestClient(app) as client:
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert response.status_code == 200
        assert response.headers["x-lawgraph-truncated"] == "true"
        assert len(response.json()["results"]["bindings"]) == 7
        assert client.get("/sparql").headers["content-type"].startswith("text/turtle")
        assert "/sparql" in client.get("/openapi.json").json()["paths"]
        assert (
            client.post(
                "/sparql", content=b"ASK {}", headers={"Content-Type": "application/sparql-query"}
            ).json()["boolean"]
            is True
        )


def test_serve_command_rejects_store_and_endpoint_together() -> None:
    from click.testing import CliRunner

    from lawgraph.api.command import serve

    result = CliRunner().invoke(serve, ["--store", "x", "--endpoint", "http://127.0.0.1:9/sparql"])
    assert result.exit_code == 2
    assert "not both" in result.output
    result = CliRunner().invoke(serve, ["--endpoint", "ftp://x"])
    assert result.exit_code == 2 and "http" in result.output


def test_other_routes_get_the_body_limit_and_error_shape() -> None:
    """Routes added to the app later (the canned queries, the exports) are covered too."""
    from fastapi.testclient import TestClient

    from lawgraph.api import create_app
    from lawgraph.settings import Settings

    class NoStore:
        kind = "none"

        async def start(self) -> None: ...

        async def close(self) -> None: ...

    app = create_app(Settings(max_request_bytes=2048), backend=NoStore())  # type: ignore[arg-type]

    @app.post("/echo")
    async def echo(payload: Annotated[dict, Body()]) -> dict:  # type: ignore[type-arg]
        return payload

    def chunks():  # streamed, no Content-Length
        for _ in range(10):
            yield b'{"a":"' + b"x" * 1000 + b'"}'

    with TestClient(app) as client:
        assert client.post("/echo", json={"a": 1}).json() == {"a": 1}
        for response in (
            client.post("/echo", content=chunks(), headers={"Content-Type": "application/json"}),
            client.post("/echo", content=b"x" * 5000, headers={"Content-Type": "application/json"}),
        ):
            assert response.status_code == 413
            assert response.json()["status"] == 413 and response.json()["ok"] is False
        invalid = client.post("/echo", content=b"{", headers={"Content-Type": "application/json"})
        assert invalid.status_code == 400 and invalid.json()["ok"] is False
