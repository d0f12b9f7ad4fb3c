"""``GET /export`` on a real server over the seed: files that independent readers take back."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import networkx as nx
import pytest
import rdflib
from backends import Server, start_lawgraph
from seed import SEED_FACTS

from lawgraph.loader import load_paths
from lawgraph.store import EmbeddedStore


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    work = tmp_path_factory.mktemp("export-http")
    with EmbeddedStore(work / "store") as store:
        load_paths(store, [SEED_FACTS])
    running = start_lawgraph(work, store=work / "store", args=["--no-seed"])
    yield running
    running.stop()


def get(server: Server, **params: str) -> httpx.Response:
    return httpx.get(f"{server.base}/export", params=params, timeout=60)


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
