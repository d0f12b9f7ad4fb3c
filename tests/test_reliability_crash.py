"""Crash safety: a load killed with SIGKILL at any moment leaves every report whole or absent.

A multi-report ``lawgraph load`` (synthetic reports from ``bench/synth.py``, in batches of four:
new reports through the bulk loader and ``incomplete.json``, reloads in one transaction per
batch) runs as a subprocess and is killed at seeded random moments. After each kill the store must open without repair, and
every report graph must hold exactly the quads the loader makes for its facts file, or nothing.
A streamed RDF load (more quads than ``transaction_limit``) killed half-way must leave its graph
absent after the next open (the ``incomplete.json`` roll-back).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from lawgraph.facts import read_facts
from lawgraph.rdf import report_graph, report_quads
from lawgraph.store import EmbeddedStore

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

SEED = 20261129
KILLS = 15
REPORT_TRIPLES = 24 * 1100  # about 24 synthetic reports (a load of ~2.5 s)
LAWGRAPH = [sys.executable, "-c", "from lawgraph.cli import main; main()"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), env.get("PYTHONPATH")]))
    return env


def _kill(process: subprocess.Popen[bytes]) -> int:
    """SIGKILL the process this test started (by its PID) and reap it."""
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    return process.wait(timeout=30)


def _graph_set(store: EmbeddedStore, graph: str) -> set[str]:
    return {str(q) for q in store.quads(graph)}


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    """Synthetic facts files, and the exact N-Quads set the loader makes for each report."""
    out = tmp_path_factory.mktemp("synth")
    files = synth.write_facts(out, REPORT_TRIPLES, seed=SEED % 1000)
    expected: dict[str, set[str]] = {}
    for path in files:
        facts = read_facts(path)
        expected[report_graph(facts)] = {str(q) for q in report_quads(facts)}
    assert len(expected) == len(files) >= 20
    return out / "facts", expected


def _check_whole_or_absent(store_dir: Path, expected: dict[str, set[str]]) -> tuple[int, int]:
    """Open the store as a writer would (no repair) and check every report graph.

    :returns: (reports present, reports absent).
    """
    present = absent = 0
    with EmbeddedStore(store_dir, lock_wait=5) as store:
        unexpected = set(store.graphs()) - set(expected)
        assert not unexpected, f"graphs no load should have made: {sorted(unexpected)[:5]}"
        for graph, quads in expected.items():
            got = _graph_set(store, graph)
            if not got:
                absent += 1
                continue
            missing, extra = quads - got, got - quads
            assert not missing and not extra, (
                f"{graph}: partial report after a kill: {len(got)} quads, "
                f"{len(missing)} missing, {len(extra)} extra"
            )
            present += 1
    assert not (store_dir / "incomplete.json").exists()
    return present, absent


def test_killed_multi_report_load_leaves_reports_whole_or_absent(
    tmp_path: Path, reports: tuple[Path, dict[str, set[str]]]
) -> None:
    facts_dir, expected = reports
    store_dir = tmp_path / "store"
    rng = random.Random(SEED)
    survived = finished = 0
    seen_present = seen_absent = 0
    load = [*LAWGRAPH, "load", str(facts_dir), "--batch", "4", "--store"]
    # the kills land within the time a whole load takes on this machine (start-up included)
    started = time.monotonic()
    subprocess.run([*load, str(tmp_path / "timed")], env=_env(), check=True, capture_output=True)
    whole = time.monotonic() - started
    started = time.monotonic()
    for _ in range(KILLS):
        delay = rng.uniform(0.3, 1.1) * whole
        process = subprocess.Popen(
            [*load, str(store_dir)], env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        rc = _kill(process)
        if rc == -signal.SIGKILL:
            survived += 1
        else:
            # the load ended before the kill: it must have succeeded (the store was writable)
            assert rc == 0, process.stderr.read().decode() if process.stderr else rc
            finished += 1
        if process.stderr:
            process.stderr.close()
        present, absent = _check_whole_or_absent(store_dir, expected)
        seen_present += present
        seen_absent += absent
        assert time.monotonic() - started < 120, "crash test ran past its time bound"
    # the kills landed mid-load: some reports were there, some not yet
    assert seen_present > 0 and seen_absent > 0
    # a normal reload completes and leaves every report whole
    result = subprocess.run(
        [*LAWGRAPH, "load", str(facts_dir), "--store", str(store_dir)],
        env=_env(),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode()
    present, absent = _check_whole_or_absent(store_dir, expected)
    assert (present, absent) == (len(expected), 0)
    print(
        f"\ncrash: {survived} kills survived, {finished} loads finished before their kill, "
        f"{seen_present + seen_absent} report graphs checked ({seen_present} whole, "
        f"{seen_absent} absent, 0 partial), {len(expected)} reports reloaded"
    )


STREAM_SCRIPT = """
import sys
from pathlib import Path
from lawgraph.store import EmbeddedStore
store = EmbeddedStore(sys.argv[1], transaction_limit=1000)
store.load_rdf(Path(sys.argv[2]), sys.argv[3])
store.close()
"""


def test_killed_streamed_rdf_load_is_rolled_back(tmp_path: Path) -> None:
    big = tmp_path / "big.nt"
    with big.open("wb") as f:
        ox.serialize(
            (ox.Triple(q.subject, q.predicate, q.object) for q in synth.iter_quads(150_000, SEED)),
            f,
            ox.RdfFormat.N_TRIPLES,
        )
    graph = "https://example.org/reliability/streamed"
    store_dir = tmp_path / "store"
    rng = random.Random(SEED + 1)
    kills = 0
    for _ in range(3):
        process = subprocess.Popen(
            [sys.executable, "-c", STREAM_SCRIPT, str(store_dir), str(big), graph],
            env=_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        marker = store_dir / "incomplete.json"
        deadline = time.monotonic() + 60
        while not marker.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert process.poll() is None, "the streamed load ended before it could be killed"
        time.sleep(rng.uniform(0.0, 0.3))
        if process.poll() is None:
            _kill(process)
            kills += 1
        else:
            continue
        with EmbeddedStore(store_dir, lock_wait=5) as store:
            assert not marker.exists()
            assert graph not in store.graphs()
            assert next(store.quads(graph), None) is None
    assert kills >= 1
    # a normal streamed load then completes
    with EmbeddedStore(store_dir, transaction_limit=1000) as store:
        graphs, count = store.load_rdf(big, graph)
        assert graphs == [graph]
        distinct = {line for line in big.read_text(encoding="utf-8").splitlines() if line}
        assert count >= len(distinct) == sum(1 for _ in store.quads(graph))
    print(f"\nstreamed: {kills} kills mid-stream rolled back, then {count} quads loaded")
