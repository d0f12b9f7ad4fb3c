"""No request materialises more than its row cap (issue 8, point 4), and ``/export`` streams.

A store of ~200k synthetic quads is served with a row cap of 100; a ``SELECT *`` and a
``CONSTRUCT`` over everything then match ~200k rows (~47 MiB as SPARQL JSON). The server's peak
memory — front, zygote and workers, each process's high-water mark ``VmHWM`` — may grow by a few
MiB for such a request, not by the size of the whole answer.

``/export?scope=all`` has no row cap: the whole store as N-Quads (~41 MiB) is streamed from the
worker through the front, so their memory grows by a few chunks, not by the file; a client that
stops reading holds the worker until the query timeout at most, and then sees a body cut short;
one that goes away frees the worker at once.
"""

from __future__ import annotations

import hashlib
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from backends import ROOT, Server, descendants, start_lawgraph

from lawgraph.executor import _snapshot
from lawgraph.export.service import export
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
def big_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A store of ~200k quads, and the size of the full answer of ``EVERYTHING`` as SPARQL
    JSON (bytes)."""
    folder = tmp_path_factory.mktemp("big")
    with EmbeddedStore(folder / "store") as store:
        store.oxigraph.bulk_extend(synth.iter_quads(QUADS))
        store.oxigraph.flush()
        full = _Counter()
        answer = store.oxigraph.query(EVERYTHING, use_default_graph_as_union=True)
        assert isinstance(answer, ox.QuerySolutions)
        answer.serialize(full, ox.QueryResultsFormat.JSON)
    return folder / "store", full.size


def _serve(store: Path, *args: str) -> Server:
    return start_lawgraph(
        store.parent / f"server{len(list(store.parent.glob('server*')))}",
        store=store,
        args=["--no-seed", "--workers", "1", "--row-cap", str(CAP), *args],
        ready_seconds=120,
    )


@pytest.fixture(scope="module")
def big(big_store: tuple[Path, int]) -> Iterator[tuple[Server, int]]:
    """The server over ~200k quads with a row cap of 100, and the size of the full answer of
    ``EVERYTHING`` as SPARQL JSON (bytes)."""
    store, full = big_store
    server = _serve(store)
    try:
        yield server, full
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


def test_export_streams_the_whole_store_in_bounded_memory(
    big: tuple[Server, int], big_store: tuple[Path, int]
) -> None:
    server, _ = big
    url = f"{server.base}/export?scope=all&format=nquads"
    warm = httpx.get(
        f"{server.base}/export", params={"scope": f"construct:{GRAPH} LIMIT 5", "format": "nq"}
    )
    assert warm.status_code == 200 and warm.text.count("\n") == 5  # the same path, warmed up
    before = _peaks(server)
    digest = hashlib.sha256()
    size = 0
    with httpx.stream("GET", url, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "application/n-quads"
        assert "content-length" not in response.headers  # chunked: sent as it is made
        for chunk in response.iter_raw():
            digest.update(chunk)
            size += len(chunk)
    after = _peaks(server)

    snapshot = _snapshot(str(big_store[0]))[0]  # what the server's workers read
    expected = hashlib.sha256()
    for chunk in export(EmbeddedStore(memory=snapshot), "all", "nquads").chunks:
        expected.update(chunk)
    del snapshot
    assert digest.hexdigest() == expected.hexdigest(), "not the bytes export() makes"
    assert size > 40 * 2**20, "the export must dwarf the noise for this test to mean much"
    assert after.keys() == before.keys(), "a worker died or was replaced during the request"
    grown = {pid: after[pid] - before[pid] for pid in after}
    assert max(grown.values()) < size / 16 and sum(grown.values()) < size / 8, (
        f"the server's peak memory grew by {sum(grown.values()) / 2**20:.0f} MiB "
        f"(per process {grown}) for a {size / 2**20:.0f} MiB export"
    )


@pytest.fixture(scope="module")
def impatient(big_store: tuple[Path, int]) -> Iterator[Server]:
    """The server over ~200k quads with a query timeout of 2 s."""
    server = _serve(big_store[0], "--timeout", "2")
    try:
        yield server
    finally:
        server.stop()


def _workers(server: Server) -> set[int]:
    """The PIDs of the query workers (the zygote's children; it is the front's)."""
    zygotes = {p for p in descendants(server.pid) if _parent(p) == server.pid}
    return {p for z in zygotes for p in descendants(z)}


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat[stat.rindex(")") + 2 :].split()[1])


def test_a_client_that_stops_reading_sees_a_body_cut_short_at_the_timeout(
    impatient: Server,
) -> None:
    url = f"{impatient.base}/export?scope=all&format=nquads"
    got = 0
    with httpx.stream("GET", url, timeout=60) as response:
        assert response.status_code == 200
        chunks = response.iter_raw()
        got += len(next(chunks))
        time.sleep(3)  # the worker waits on us past the 2 s timeout and is stopped
        with pytest.raises(httpx.RemoteProtocolError, match="incomplete chunked read"):
            for chunk in chunks:
                got += len(chunk)
    assert 0 < got < 40 * 2**20
    assert "the body was cut short after" in impatient.log()
    assert "ran past the 2 s limit" in impatient.log()
    answer = httpx.get(f"{impatient.base}/export?scope=report:none", timeout=60)
    assert answer.status_code == 400, "the next request is served by a new worker"


def test_a_timeout_before_the_first_byte_is_a_json_503(impatient: Server) -> None:
    # a network format needs the whole entity graph before its first byte: here a cross product
    scope = "construct:CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . ?x ?y ?z }"
    answer = httpx.get(f"{impatient.base}/export", params={"scope": scope}, timeout=60)
    assert answer.status_code == 503, answer.text
    assert answer.json()["ok"] is False and "ran past the 2 s limit" in answer.json()["error"]


def test_a_client_that_goes_away_frees_the_worker(big: tuple[Server, int]) -> None:
    server, _ = big
    workers = _workers(server)
    url = f"{server.base}/export?scope=all&format=nquads"
    with httpx.stream("GET", url, timeout=60) as response:
        assert response.status_code == 200
        next(response.iter_raw())
    # the connection is closed with most of the body unread; the only worker is free again
    # long before the 10 s query timeout would have freed it
    start = time.monotonic()
    answer = httpx.get(f"{server.base}/export?scope=report:none", timeout=60)
    assert answer.status_code == 400, answer.text
    assert time.monotonic() - start < 5, "the next request waited for the query timeout"
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers), "the worker still runs"
