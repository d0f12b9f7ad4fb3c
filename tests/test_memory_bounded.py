"""No request materialises more than its row cap (issue 8, point 4).

A store of ~200k synthetic quads is served with a row cap of 100; a ``SELECT *`` and a
``CONSTRUCT`` over everything then match ~200k rows (~47 MiB as SPARQL JSON). The server's peak
memory — front, zygote and workers, each process's high-water mark ``VmHWM`` — may grow by a few
MiB for such a request, not by the size of the whole answer.
"""

from __future__ import annotations

import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from backends import ROOT, Server, descendants, start_lawgraph

from lawgraph.store import EmbeddedStore

sys.path.insert(0, str(ROOT / "bench"))
import synth
from memory import peak

QUADS = 200_000
CAP = 100
EVERYTHING = "SELECT * WHERE { ?s ?p ?o }"
GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


class _Counter:
    """A write target that only counts bytes."""

    size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, int]]:
    """The server over ~200k quads with a row cap of 100, and the size of the full answer of
    ``EVERYTHING`` as SPARQL JSON (bytes)."""
    folder = tmp_path_factory.mktemp("big")
    with EmbeddedStore(folder / "store") as store:
        store.oxigraph.bulk_extend(synth.iter_quads(QUADS))
        store.oxigraph.flush()
        full = _Counter()
        answer = store.oxigraph.query(EVERYTHING, use_default_graph_as_union=True)
        assert isinstance(answer, ox.QuerySolutions)
        answer.serialize(full, ox.QueryResultsFormat.JSON)
    server = start_lawgraph(
        folder / "server",
        store=folder / "store",
        args=["--no-seed", "--workers", "1", "--row-cap", str(CAP)],
        ready_seconds=120,
    )
    try:
        yield server, full.size
    finally:
        server.stop()


def _peaks(server: Server) -> dict[int, int]:
    """VmHWM of the front and of each process below it (zygote, workers), by PID."""
    return {pid: peak(pid) for pid in [server.pid, *descendants(server.pid)]}


def _get(server: Server, query: str, accept: str) -> bytes:
    url = f"{server.base}/sparql?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return response.read()


@pytest.mark.parametrize(
    ("query", "accept", "lines"),
    [
        (EVERYTHING, "text/tab-separated-values", CAP + 1),  # the header, then the rows
        (EVERYTHING, "application/sparql-results+json", None),
        (GRAPH, "application/n-triples", CAP),
    ],
)
def test_an_answer_far_over_the_cap_costs_the_cap_not_the_answer(
    big: tuple[Server, int], query: str, accept: str, lines: int | None
) -> None:
    server, full = big
    assert full > 40 * 2**20, "the full answer must dwarf the noise for this test to mean much"
    _get(server, query + " LIMIT 5", accept)  # warm the worker up
    before = _peaks(server)
    body = _get(server, query, accept)
    after = _peaks(server)

    if lines is not None:
        assert body.count(b"\n") == lines
    else:
        assert body.startswith(b'{"truncated":true,"rowCap":100,')
    assert len(body) < full / 1000
    assert after.keys() == before.keys(), "a worker died or was replaced during the request"
    grown = {pid: after[pid] - before[pid] for pid in after}
    assert sum(grown.values()) < full / 8, (
        f"the server's peak memory grew by {sum(grown.values()) / 2**20:.0f} MiB "
        f"(per process {grown}) for a capped answer; the full answer is {full / 2**20:.0f} MiB"
    )
