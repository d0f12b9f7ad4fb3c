"""Shared fixtures.

SPARQL service fixtures (see ``tests/backends.py`` for the server helpers):

* ``sparql_quads`` — the small dataset the SPARQL tests serve (also the W3C protocol graphs);
* ``embedded_store`` — an on-disk embedded store holding it;
* ``lawgraph`` — ``lawgraph serve`` over that store (session-wide, low limits for the tests);
* ``oxigraph_server`` / ``virtuoso_server`` — real remote servers loaded with the same data;
* ``served`` — a lawgraph server over each of embedded, Oxigraph and Virtuoso in turn.

And ``facts_copy``: a copy of the seed's facts file and text, for a test to corrupt.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from backends import (
    LAWGRAPH_ENV,
    OXIGRAPH,
    VIRTUOSO,
    Server,
    sample_quads,
    start_lawgraph,
    start_oxigraph,
    start_virtuoso,
)
from seed import SEED_FACTS, SEED_TEXT


@pytest.fixture(scope="session")
def sparql_quads() -> list[ox.Quad]:
    return sample_quads()


def _load(store: object, quads: list[ox.Quad]) -> None:
    graphs = sorted({q.graph_name.value for q in quads})  # type: ignore[union-attr]
    store.replace_graphs(graphs, quads)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def embedded_store(tmp_path_factory: pytest.TempPathFactory, sparql_quads: list[ox.Quad]) -> Path:
    """An on-disk embedded store with the sample data (served read-only by ``lawgraph``)."""
    from lawgraph.store import EmbeddedStore

    path = tmp_path_factory.mktemp("embedded") / "store"
    with EmbeddedStore(path) as store:
        _load(store, sparql_quads)
    return path


@pytest.fixture(scope="session")
def lawgraph(tmp_path_factory: pytest.TempPathFactory, embedded_store: Path) -> Iterator[Server]:
    """``lawgraph serve`` over the embedded sample store (row cap 100, timeout 3 s)."""
    server = start_lawgraph(
        tmp_path_factory.mktemp("lawgraph"), store=embedded_store, env=LAWGRAPH_ENV
    )
    yield server
    server.stop()


def _remote_store(server: Server, *, gsp: bool = True):  # type: ignore[no-untyped-def]
    from lawgraph.remote import RemoteStore

    return RemoteStore(
        server.query_url,
        update_endpoint=server.update_url,
        gsp_endpoint=server.gsp_url if gsp else None,
        user=server.user,
        password=server.password,
        auth=server.auth,
        graphs_ttl=0,
    )


@pytest.fixture(scope="session")
def oxigraph_server(
    tmp_path_factory: pytest.TempPathFactory, sparql_quads: list[ox.Quad]
) -> Iterator[Server]:
    """``oxigraph serve`` on a free port, loaded with the sample data."""
    if OXIGRAPH is None:
        pytest.skip("oxigraph server not installed (pip install oxigraph)")
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        _load(_remote_store(server), sparql_quads)
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(
    tmp_path_factory: pytest.TempPathFactory, sparql_quads: list[ox.Quad]
) -> Iterator[Server]:
    """Virtuoso on free ports with a throwaway DB, loaded with the sample data."""
    if VIRTUOSO is None:
        if os.environ.get("CI"):
            pytest.fail("Virtuoso is missing on CI: install virtuoso-opensource in .ci/run")
        pytest.skip("Virtuoso not installed (Debian package virtuoso-opensource)")
    workdir = tmp_path_factory.mktemp("virtuoso")
    server = start_virtuoso(workdir)
    try:
        _load(_remote_store(server), sparql_quads)
        yield server
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def lawgraph_over_oxigraph(
    tmp_path_factory: pytest.TempPathFactory, oxigraph_server: Server
) -> Iterator[Server]:
    server = start_lawgraph(
        tmp_path_factory.mktemp("lg-ox"), endpoint=oxigraph_server, env=LAWGRAPH_ENV
    )
    yield server
    server.stop()


@pytest.fixture(scope="session")
def lawgraph_over_virtuoso(
    tmp_path_factory: pytest.TempPathFactory, virtuoso_server: Server
) -> Iterator[Server]:
    server = start_lawgraph(
        tmp_path_factory.mktemp("lg-virt"), endpoint=virtuoso_server, env=LAWGRAPH_ENV
    )
    yield server
    server.stop()


@pytest.fixture(params=["embedded", "oxigraph", "virtuoso"])
def served(request: pytest.FixtureRequest) -> Server:
    """lawgraph serving the sample data from each backend in turn."""
    name = {
        "embedded": "lawgraph",
        "oxigraph": "lawgraph_over_oxigraph",
        "virtuoso": "lawgraph_over_virtuoso",
    }[request.param]
    server: Server = request.getfixturevalue(name)
    server.extra["backend"] = request.param
    return server


@pytest.fixture
def facts_copy(tmp_path: Path) -> Path:
    """A copy of the seed facts file and its text, free to corrupt."""
    (tmp_path / "reports").mkdir()
    (tmp_path / "facts").mkdir()
    shutil.copy(SEED_TEXT, tmp_path / "reports" / SEED_TEXT.name)
    target = tmp_path / "facts" / SEED_FACTS.name
    shutil.copy(SEED_FACTS, target)
    return target
