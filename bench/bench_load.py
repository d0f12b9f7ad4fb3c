"""Loading benchmark: facts files → store, beside pyoxigraph's bulk_load of the same quads (the
physical limit here) and rdflib's parser, in one run, on synthetic reports (bench/synth.py).

    python bench/bench_load.py --triples 100000 [--rounds 3]

Prints quads per second (medians over the rounds) and each method's ratio to bulk_load, for the
store in memory and on disk. lawgraph's figure includes everything a real load does: reading and
validating each facts file (schema, spans, references, gazetteers), building its quads, the SHACL
gate, and one all-or-nothing transaction per report.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import rdflib

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import iter_quads, write_facts

from lawgraph.loader import load_paths
from lawgraph.store import EmbeddedStore


def _timed(run: Callable[[Path], int], rounds: int, scratch: Path) -> tuple[float, int]:
    """Median seconds over ``rounds`` runs (each in a fresh folder) and the quads loaded."""
    seconds, count = [], 0
    for i in range(rounds):
        folder = scratch / f"r{i}-{time.monotonic_ns()}"
        start = time.perf_counter()
        count = run(folder)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="lawgraph-bench-load-") as tmp:
        root = Path(tmp)
        files = write_facts(root / "synth", args.triples, args.seed)
        nquads = root / "synth.nq"
        with nquads.open("wb") as f:
            ox.serialize(iter_quads(args.triples, args.seed), f, ox.RdfFormat.N_QUADS)
        scratch = root / "runs"
        scratch.mkdir()

        def lawgraph(memory: bool) -> Callable[[Path], int]:
            def run(folder: Path) -> int:
                with EmbeddedStore(None if memory else folder) as store:
                    load_paths(store, [root / "synth" / "facts"])
                    return len(store)

            return run

        def lawgraph_no_shacl(folder: Path) -> int:
            with EmbeddedStore() as store:
                load_paths(store, [root / "synth" / "facts"], shacl=False)
                return len(store)

        def bulk(memory: bool) -> Callable[[Path], int]:
            def run(folder: Path) -> int:
                store = ox.Store() if memory else ox.Store(str(folder))
                store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
                return len(store)

            return run

        def rdflib_parse(folder: Path) -> int:
            dataset = rdflib.Dataset()
            dataset.parse(str(nquads), format="nquads")
            return len(dataset)

        runs = [
            ("pyoxigraph bulk_load (memory)", bulk(True)),
            ("lawgraph load (memory)", lawgraph(True)),
            ("lawgraph load, no SHACL (memory)", lawgraph_no_shacl),
            ("pyoxigraph bulk_load (disk)", bulk(False)),
            ("lawgraph load (disk)", lawgraph(False)),
            ("rdflib parse (memory)", rdflib_parse),
        ]
        results = {name: _timed(run, args.rounds, scratch) for name, run in runs}

    print(f"# load benchmark: {len(files)} synthetic reports, {args.rounds} rounds (medians)")
    print(
        f"# {platform.node()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; "
        f"python {platform.python_version()}, pyoxigraph {ox.__version__}, rdflib {rdflib.__version__}"
    )
    print(f"{'method':36} {'quads':>9} {'seconds':>8} {'quads/s':>10} {'vs bulk_load':>13}")
    for name, (seconds, count) in results.items():
        limit = "(disk)" if "(disk)" in name else "(memory)"
        base_s, base_n = results[f"pyoxigraph bulk_load {limit}"]
        ratio = (count / seconds) / (base_n / base_s)
        print(f"{name:36} {count:>9} {seconds:>8.2f} {count / seconds:>10.0f} {ratio:>12.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
