"""``GET /export`` on a real server over the seed: files that independent readers take back,
streamed, and byte for byte what :func:`lawgraph.export.service.export` makes of the same store."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
import rdflib
from backends import ROOT, Server, start_lawgraph
from seed import seed_store_at

from lawgraph.export.formats import format_names

REPEATABLE = {"PYTHONHASHSEED": "0", "SOURCE_DATE_EPOCH": "0"}
"""An SVG drawing names its clip paths from a random salt (fixed by a ``matplotlibrc`` beside
the store), carries the time it was made, and orders some elements by Python's string hashes:
the server and the process that makes the expected files run with these, so that two drawings
of the same graph are the same bytes."""

SCOPES = {"png": "query:laws-by-campaign", "svg": "query:laws-by-campaign"}
"""The scope each format is exported with (default: ``all``)."""


def _env(store: Path) -> dict[str, str]:
    return {**REPEATABLE, "MATPLOTLIBRC": str(store.parent)}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-http") / "store"
    seed_store_at(path)
    (path.parent / "matplotlibrc").write_text("svg.hashsalt: lawgraph-test\n")
    return path


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    running = start_lawgraph(store.parent, store=store, args=["--no-seed"], env=_env(store))
    yield running
    running.stop()


_MAKE = """
import hashlib, json, sys
from lawgraph.executor import _snapshot
from lawgraph.export.formats import FORMATS
from lawgraph.export.service import export
from lawgraph.store import EmbeddedStore

store = EmbeddedStore(memory=_snapshot(sys.argv[1])[0])  # what the server's workers read
made = {}
for form in FORMATS:
    result = export(store, json.loads(sys.argv[2]).get(form.name, "all"), form.name)
    digest = hashlib.sha256()
    for chunk in result.chunks:
        digest.update(chunk)
    made[form.name] = [digest.hexdigest(), result.media_type, result.content_disposition]
print(json.dumps(made))
"""


@pytest.fixture(scope="module")
def made(store: Path) -> dict[str, list[str]]:
    """Each format's export of the store made by :func:`export` in a process of its own: the
    SHA-256 of its bytes, its media type and its ``Content-Disposition``."""
    env = {**os.environ, **_env(store), "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _MAKE, str(store), json.dumps(SCOPES)],
        env=env,
        capture_output=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def get(server: Server, **params: str) -> httpx.Response:
    return httpx.get(f"{server.base}/export", params=params, timeout=60)


@pytest.mark.parametrize("name", format_names())
def test_every_format_is_streamed_with_the_bytes_export_makes(
    server: Server, made: dict[str, list[str]], name: str
) -> None:
    params = {"scope": SCOPES.get(name, "all"), "format": name}
    with httpx.stream("GET", f"{server.base}/export", params=params, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers.get("transfer-encoding") == "chunked"
        assert "content-length" not in response.headers
        body = response.read()
    digest, media_type, disposition = made[name]
    assert hashlib.sha256(body).hexdigest() == digest
    assert response.headers["content-type"] == media_type
    assert response.headers["content-disposition"] == disposition


def test_graphml_of_the_whole_graph(server: Server) -> None:
    response = get(server, scope="all", format="graphml")
    assert response.status_code == 200, response.text
    assert "graphml" in response.headers["content-type"]
    assert 'filename="lawgraph-all.graphml"' in response.headers["content-disposition"]
    graph = nx.read_graphml(io.BytesIO(response.content))
    labels = {data.get("label") for _, data in graph.nodes(data=True)}
    assert {"戴小梅", "来鹤", "中华人民共和国宪法", "中华人民共和国核安全法"} <= labels


def test_a_canned_network_as_gexf(server: Server) -> None:
    response = get(server, scope="query:laws-by-campaign", format="gexf")
    assert response.status_code == 200, response.text
    graph = nx.read_gexf(io.BytesIO(response.content))
    assert graph.number_of_edges() >= 11


def test_a_report_as_trig_keeps_its_named_graph(server: Server) -> None:
    response = get(server, scope="report:fushun-2020-rule-of-law", format="trig")
    assert response.status_code == 200, response.text
    dataset = rdflib.Dataset()
    dataset.parse(data=response.content, format="trig")
    graphs = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert "https://w3id.org/lawgraph/id/report/fushun-2020-rule-of-law" in graphs


@pytest.mark.parametrize(
    ("params", "needle"),
    [
        ({"scope": "nowhere"}, "scope"),
        ({"scope": "report:no-such-report"}, "no-such-report"),
        ({"format": "docx"}, "docx"),
        ({"scope": "construct:SELECT * WHERE { ?s ?p ?o }"}, "CONSTRUCT"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_requests_get_400_naming_the_problem(
    server: Server, params: dict[str, str], needle: str
) -> None:
    response = get(server, **params)
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == 400
    assert needle.lower() in body["error"].lower()


def test_the_store_is_untouched(server: Server, tmp_path: Path) -> None:
    before = httpx.get(
        f"{server.base}/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "text/csv"},
    ).text
    get(server, scope="construct:CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", format="nquads")
    after = httpx.get(
        f"{server.base}/sparql",
        params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "text/csv"},
    ).text
    assert before == after
