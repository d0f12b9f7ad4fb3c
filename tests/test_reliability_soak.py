"""Soak: ``lawgraph serve`` on the seed answers a long mixed load from 32 clients without one
error and with flat memory (issue 9, point 5).

The server runs as a subprocess on 127.0.0.1 (``tests/backends.py``) over an on-disk store
holding the seed report, with 2 query workers and a small answer cache (8 entries, so that the
``/queries`` answers are both computed and served from the cache). :func:`loadgen.run_load`
sends the mix below in turn — ``/sparql`` SELECT and CONSTRUCT in several formats by GET and
POST, ``/queries/*`` with parameters, pages and CSV, and bad requests that must get their 4xx —
first a warm-up, then ``SOAK_REQUESTS`` requests (default 20,000; the environment variable
``LAWGRAPH_SOAK_REQUESTS`` changes it). Every response must have its expected status; the
memory of the server's process tree (PSS of the server and its workers, sampled 4 times a
second) in the last quarter of the run must stay within ``MEMORY_MARGIN`` of the first quarter's
peak. It prints the requests served, requests/s, p50 and p99.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from backends import Server, start_lawgraph
from loadgen import Call, run_load
from seed import seed_store_at
from test_catalog_two_reports import FUSHUN, XIANFA

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from memory import TreePeak

SOAK_REQUESTS = int(os.environ.get("LAWGRAPH_SOAK_REQUESTS", "20000"))
WARM_UP = 1000
CLIENTS = 32
MEMORY_MARGIN = 0.10
"""The last quarter's peak may exceed the first quarter's by this share (or by MEMORY_SLACK)."""
MEMORY_SLACK = 16 << 20

JSON = "application/sparql-results+json"
EVENTS = (
    "PREFIX lg: <https://w3id.org/lawgraph/ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
    "SELECT ?e ?label ?date WHERE { ?e a lg:Event ; rdfs:label ?label . "
    "OPTIONAL { ?e lg:date ?date } } ORDER BY ?date ?e"
)
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
LAW = f"CONSTRUCT {{ <{XIANFA}> ?p ?o }} WHERE {{ <{XIANFA}> ?p ?o }}"
MENTIONS = f"CONSTRUCT {{ ?s ?p <{XIANFA}> }} WHERE {{ ?s ?p <{XIANFA}> }}"
FORM = "application/x-www-form-urlencoded"


def mix() -> list[Call]:
    """The requests of the soak, each with the status it must get."""
    form = urlencode({"query": EVENTS})
    return [
        Call.get("select json", "/sparql", {"query": EVENTS}, JSON),
        Call.get("select csv", "/sparql", {"query": EVENTS}, "text/csv"),
        Call.get("select tsv", "/sparql", {"query": COUNT}, "text/tab-separated-values"),
        Call.get("select xml", "/sparql", {"query": COUNT}, "application/sparql-results+xml"),
        Call.post("select form post", "/sparql", form, FORM, JSON),
        Call.post("select direct post", "/sparql", COUNT, "application/sparql-query", JSON),
        Call.get("construct turtle", "/sparql", {"query": LAW}, "text/turtle"),
        Call.get("construct n-triples", "/sparql", {"query": MENTIONS}, "application/n-triples"),
        Call.post(
            "construct json-ld",
            "/sparql",
            MENTIONS,
            "application/sparql-query",
            "application/ld+json",
        ),
        Call.get("search", "/queries/search", {"text": "宪法"}),
        Call.get("search pinyin", "/queries/search", {"text": "daixiaomei"}),
        Call.get("campaigns by law", "/queries/campaigns-by-law", {"law": XIANFA}),
        Call.get("events of a city", "/queries/events", {"place": FUSHUN, "to": "2020-12-31"}),
        *(
            Call.get(f"events page {o}", "/queries/events.csv", {"limit": "2", "offset": str(o)})
            for o in range(0, 10, 2)
        ),
        Call.get("law mentions", "/queries/law-mentions", {}, "text/csv"),
        Call.get("laws by campaign year", "/queries/laws-by-campaign", {"year": "2020"}),
        Call.get("bad sparql", "/sparql", {"query": "SELEC ?s WHERE {"}, JSON, expect=400),
        Call.post(
            "update refused",
            "/sparql",
            "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            "application/sparql-update",
            JSON,
            expect=403,
        ),
        Call.get("unknown query", "/queries/no-such-question", expect=404),
        Call.get("bad date", "/queries/events", {"from": "2020-13-45"}, expect=400),
        Call.get("bad limit", "/queries/events", {"limit": "0"}, expect=400),
        Call.get("no format", "/queries/events", {}, "image/png", expect=406),
    ]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("soak")
    seed_store_at(workdir / "store")
    env = {
        "LAWGRAPH_WORKERS": "2",
        "LAWGRAPH_SEED": "false",
        "LAWGRAPH_ANSWER_CACHE_ENTRIES": "8",
    }
    server = start_lawgraph(workdir / "server", store=workdir / "store", env=env)
    yield server
    server.stop()


def peak(samples: list[tuple[float, int]], start: float, end: float) -> int:
    return max(b for t, b in samples if start <= t <= end)


def test_a_long_mixed_load_gets_no_error_and_memory_stays_flat(server: Server) -> None:
    port = int(server.base.rsplit(":", 1)[1])
    calls = mix()
    warm = asyncio.run(run_load("127.0.0.1", port, calls, total=WARM_UP, clients=CLIENTS))
    assert warm.errors == [], warm.errors[:5]
    with TreePeak(server.pid, interval=0.25) as memory:
        result = asyncio.run(
            run_load("127.0.0.1", port, calls, total=SOAK_REQUESTS, clients=CLIENTS)
        )
    print(f"\nsoak: {result.summary()}")
    span = memory.samples[-1][0]
    first, last = peak(memory.samples, 0, span / 4), peak(memory.samples, span * 3 / 4, span)
    print(
        f"soak: memory of the server's process tree (PSS), peak of the first quarter "
        f"{first / 2**20:.0f} MiB, of the last quarter {last / 2**20:.0f} MiB "
        f"({len(memory.samples)} samples)"
    )
    assert result.errors == [], f"{len(result.errors)} errors, the first: {result.errors[:5]}"
    assert result.count == SOAK_REQUESTS
    assert set(result.by_label) == {c.label for c in calls}
    assert server.process.poll() is None, "the server died"
    assert last <= max(first * (1 + MEMORY_MARGIN), first + MEMORY_SLACK), (first, last)
