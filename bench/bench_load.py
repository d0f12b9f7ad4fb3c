"""Loading benchmark: facts files → store, beside pyoxigraph's bulk_load of the same quads (the
physical limit here) and rdflib's parser, in one run, on synthetic reports (bench/synth.py).

    python bench/bench_load.py --triples 100000 [--rounds 3] [--batch 64]
    python bench/bench_load.py --triples 10000000 --rounds 1 --skip rdflib   # made on the fly

Prints quads per second (medians over the rounds), each method's ratio to bulk_load in the same
storage mode, its CPU time and its peak memory. Every method runs in a child process of its own,
one at a time, so that its peak resident memory (``ru_maxrss``) is its own; lawgraph's worker
processes (which read, build and check the facts files while the loading process writes) count
in its CPU time, and the largest of them in its peak memory. The clock covers the load
only: not starting Python, imports, or lawgraph's one-time set-up (compiling the SHACL shapes,
reading the gazetteers), which is shown apart. lawgraph's figure includes everything a real load
does: reading and validating each facts file (schema, spans, references, gazetteers), building
its quads, the SHACL gate, and writing the reports in all-or-nothing transactions (``--batch``
reports each). The synthetic data (facts files and the same quads as N-Quads) is written to a
temporary folder and removed at the end, unless ``--data`` names a folder to keep it in (and to
reuse it from, for the same --triples and --seed).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

BENCH = Path(__file__).resolve().parent

METHODS = {
    "bulk-memory": "pyoxigraph bulk_load (memory)",
    "lawgraph-memory": "lawgraph load (memory)",
    "lawgraph-memory-noshacl": "lawgraph load, no SHACL (memory)",
    "bulk-disk": "pyoxigraph bulk_load (disk)",
    "lawgraph-disk": "lawgraph load (disk)",
    "rdflib": "rdflib parse (memory)",
}


def _child(method: str, data: Path, folder: Path, batch: int) -> dict[str, float]:
    """Run one method in this process; its time, CPU time, quads and peak memory."""
    facts, nquads = data / "synth" / "facts", data / "synth.nq"
    setup = 0.0
    run: Callable[[], int]
    if method.startswith("lawgraph"):
        from lawgraph.gazetteer import divisions, laws
        from lawgraph.loader import load_paths
        from lawgraph.shapes import default_shapes
        from lawgraph.store import EmbeddedStore

        start = time.perf_counter()
        default_shapes(), divisions(), laws()
        setup = time.perf_counter() - start
        path = None if "memory" in method else folder
        shacl = not method.endswith("noshacl")

        def run() -> int:
            with EmbeddedStore(path) as store:
                load_paths(store, [facts], shacl=shacl, batch=batch)
                return len(store)

    elif method.startswith("bulk"):

        def run() -> int:
            store = ox.Store() if method == "bulk-memory" else ox.Store(str(folder))
            store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            return len(store)

    else:
        import rdflib

        def run() -> int:
            dataset = rdflib.Dataset()
            dataset.parse(str(nquads), format="nquads")
            return sum(1 for _ in dataset.quads((None, None, None, None)))

    def cpu_time() -> float:  # this process's and its ended children's (lawgraph's workers)
        times = os.times()
        return times.user + times.system + times.children_user + times.children_system

    wall, cpu = time.perf_counter(), cpu_time()
    quads = run()
    wall, cpu = time.perf_counter() - wall, cpu_time() - cpu
    peak = (
        sum(  # KiB on Linux: this process's peak and its largest child's
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024
    )
    return {"seconds": wall, "cpu": cpu, "quads": quads, "setup": setup, "peak_mib": peak}


def _make_data(data: Path, triples: int, seed: int) -> int:
    """Synthetic facts files and their quads as N-Quads under ``data``; the number of reports."""
    stamp = data / "made.json"
    wanted = {"triples": triples, "seed": seed}
    if stamp.exists():
        made = json.loads(stamp.read_text(encoding="utf-8"))
        if {k: made.get(k) for k in wanted} == wanted:
            return int(made["reports"])
        raise SystemExit(f"{data} holds other data ({made}); name an empty folder")
    sys.path.insert(0, str(BENCH))
    from synth import write_facts

    with (data / "synth.nq").open("wb") as nquads:
        files = write_facts(data / "synth", triples, seed, nquads)
    stamp.write_text(json.dumps({**wanted, "reports": len(files)}), encoding="utf-8")
    return len(files)


def _spawn(method: str, data: Path, folder: Path, batch: int) -> dict[str, float]:
    args = ["--child", method, "--data", str(data), "--folder", str(folder), "--batch", str(batch)]
    result = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"{method} failed:\n{result.stderr}")
    return json.loads(result.stdout.splitlines()[-1])


def _versions() -> str:
    import pyoxigraph
    import rdflib

    return f"python {platform.python_version()}, pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=64, help="lawgraph load --batch")
    parser.add_argument("--data", type=Path, help="keep the synthetic data in this folder")
    parser.add_argument(
        "--skip", action="append", default=[], choices=sorted(METHODS), help="leave a method out"
    )
    parser.add_argument("--child", choices=sorted(METHODS), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.data, args.folder, args.batch)))
        return 0

    with tempfile.TemporaryDirectory(prefix="lawgraph-bench-load-") as tmp:
        data = args.data or Path(tmp) / "data"
        data.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        reports = _make_data(data, args.triples, args.seed)
        made = time.perf_counter() - start
        methods = [m for m in METHODS if m not in args.skip]
        runs: dict[str, list[dict[str, float]]] = {m: [] for m in methods}
        for i in range(args.rounds):
            for method in methods:
                folder = Path(tmp) / f"store-{method}-{i}"
                runs[method].append(_spawn(method, data, folder, args.batch))

    def median(method: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[method])

    print(
        f"# load benchmark: {reports} synthetic reports (--triples {args.triples}, data made in "
        f"{made:.0f} s), {args.rounds} round(s), medians; lawgraph --batch {args.batch}"
    )
    print(
        f"# {platform.node()}: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; "
        f"{_versions()}"
    )
    header = f"{'method':34} {'quads':>9} {'seconds':>8} {'cpu s':>7} {'quads/s':>9}"
    print(f"{header} {'vs bulk_load':>12} {'peak MiB':>9}")
    for method in methods:
        seconds, quads = median(method, "seconds"), median(method, "quads")
        base = "bulk-disk" if method.endswith("disk") else "bulk-memory"
        ratio = (
            f"{(quads / seconds) / (median(base, 'quads') / median(base, 'seconds')):.0%}"
            if base in runs
            else "-"
        )
        print(
            f"{METHODS[method]:34} {quads:>9.0f} {seconds:>8.2f} {median(method, 'cpu'):>7.2f} "
            f"{quads / seconds:>9.0f} {ratio:>12} {median(method, 'peak_mib'):>9.0f}"
        )
    setups = [r["setup"] for m in methods if m.startswith("lawgraph") for r in runs[m]]
    if setups:
        print(
            f"# lawgraph's one-time set-up (not in its seconds): {statistics.median(setups):.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
