"""Concurrency: loads into one store are serialised or refused, never interleaved, and a running
``lawgraph serve`` keeps answering with whole reports only while a load runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from backends import LAWGRAPH_ENV, ROOT, Server, start_lawgraph

from lawgraph.errors import LoadBusy
from lawgraph.facts import read_facts
from lawgraph.loader import load_file
from lawgraph.rdf import report_graph, report_quads
from lawgraph.store import EmbeddedStore

sys.path.insert(0, str(ROOT / "bench"))
import synth

SEED = 11
LAWGRAPH = [sys.executable, "-c", "from lawgraph.cli import main; main()"]
COUNTS = """SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"""


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[str, int]]:
    """About 20 synthetic facts files, and the quad count of each report graph."""
    out = tmp_path_factory.mktemp("synth")
    files = synth.write_facts(out, 20 * 1100, seed=SEED)
    expected = {}
    for path in files:
        facts = read_facts(path)
        expected[report_graph(facts)] = len(report_quads(facts))
    return files, expected


def test_second_writer_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir), pytest.raises(LoadBusy) as caught:
        EmbeddedStore(store_dir, lock_wait=0.3)
    message = str(caught.value)
    assert f"the store at {store_dir} is in use by lawgraph pid {os.getpid()}" in message
    assert "wait for it to finish, or stop it" in message
    # the lock is released with the store: the next writer gets in
    with EmbeddedStore(store_dir, lock_wait=0.3):
        pass


def test_load_refused_while_another_writer_holds_the_store(
    tmp_path: Path, reports: tuple[list[Path], dict[str, int]]
) -> None:
    """``lawgraph load`` waits (10 s), then stops with exit 1 and the LoadBusy text; no write."""
    files, _ = reports
    store_dir = tmp_path / "store"
    with EmbeddedStore(store_dir) as store:
        load_file(store, files[0])
        before = {str(q) for q in store.quads()}
        result = subprocess.run(
            [*LAWGRAPH, "load", str(files[1]), "--store", str(store_dir)],
            env=_env(),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert {str(q) for q in store.quads()} == before
    assert result.returncode == 1, result.stderr
    assert result.stderr == (
        f"Error: the store at {store_dir} is in use by lawgraph pid {os.getpid()}; "
        "wait for it to finish, or stop it\n"
    )


def _counts(server: Server) -> dict[str, int]:
    url = server.query_url + "?" + urllib.parse.urlencode({"query": COUNTS})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = json.load(response)
    return {row["g"]["value"]: int(row["n"]["value"]) for row in body["results"]["bindings"]}


def _whole(counts: dict[str, int], expected: dict[str, int]) -> int:
    """Check that every graph seen is a whole report; return how many reports are seen."""
    for graph, n in counts.items():
        assert graph in expected, f"unexpected graph {graph}"
        assert n == expected[graph], f"{graph}: partial report: {n} of {expected[graph]} quads"
    return len(counts)


def test_two_loads_while_serving(
    tmp_path: Path, reports: tuple[list[Path], dict[str, int]]
) -> None:
    files, expected = reports
    store_dir = tmp_path / "store"
    first = files[:5]
    with EmbeddedStore(store_dir) as store:
        for path in first:
            load_file(store, path)
    facts_dir = files[0].parent
    server = start_lawgraph(tmp_path / "serve", store=store_dir, env=LAWGRAPH_ENV)
    try:
        seen = [_whole(_counts(server), expected)]
        assert seen[0] == len(first)
        loads = [
            subprocess.Popen(
                [*LAWGRAPH, "load", str(facts_dir), "--store", str(store_dir)],
                env=_env(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        queries = 0
        deadline = time.monotonic() + 90
        while any(p.poll() is None for p in loads) or seen[-1] < len(expected):
            assert time.monotonic() < deadline, f"loads or refresh too slow; seen {seen[-5:]}"
            seen.append(_whole(_counts(server), expected))
            queries += 1
            time.sleep(0.05)
        outcomes = []
        for p in loads:
            err = p.stderr.read().decode() if p.stderr else ""
            if p.stderr:
                p.stderr.close()
            if p.returncode == 0:
                outcomes.append("loaded")
            else:
                # refused: the LoadBusy message, not a traceback or a half-written store
                assert p.returncode == 1, err
                assert "is in use by lawgraph pid" in err, err
                assert "Traceback" not in err, err
                outcomes.append("refused")
        assert "loaded" in outcomes
        # the count of reports seen only ever moves forward, from before to after
        assert seen == sorted(seen), seen
        assert seen[0] == len(first) and seen[-1] == len(expected)
        # a load holds the store for all its files, so no snapshot falls between two of them
        assert set(seen) == {len(first), len(expected)}, sorted(set(seen))
    finally:
        server.stop()
    with EmbeddedStore(store_dir) as store:
        for graph, n in expected.items():
            assert sum(1 for _ in store.quads(graph)) == n
    print(
        f"\nconcurrency: loads {outcomes}, {queries} queries during the loads, reports seen "
        f"{sorted(set(seen))} (before {len(first)}, after {len(expected)}), never partial"
    )
