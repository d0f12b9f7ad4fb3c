"""lawgraph at scale, as a user runs it: facts files → ``lawgraph load`` → ``lawgraph serve``.

Issue 8's check that "the 10M-triple store loads and answers every canned query", in well under
the machine's 24 GiB. One run:

1. writes about ``--triples`` quads of synthetic reports as facts files and texts
   (``bench/synth.py``, deterministic for ``--seed``) under ``--data``;
2. loads them with ``lawgraph load --store …`` (an on-disk store; ``--no-shacl`` is passed on if
   given), timing it and sampling the loader's peak memory;
3. starts ``lawgraph serve --store … --no-seed --timeout T`` on 127.0.0.1 on a free port and times
   its start-up (the zygote copies the store into its in-memory snapshot);
4. asks every canned query of ``queries/`` through ``GET /queries/NAME``, with parameters about
   the entities of the first synthetic report (whose officials, agencies, laws and campaigns
   recur across that city's reports), plus two cases whose first page is full (so the API counts
   the total too); each is asked ``--repeat`` times: the first answer and the median are printed,
   with the rows on the page, the total and the HTTP status (504 = past the query timeout);
5. samples the memory of the server's whole process tree (front, zygote, workers) from start-up
   to the end: the peak of the summed RSS (shared copy-on-write pages counted once per process:
   an upper bound) and of the summed PSS (shared pages split: what the tree really holds).

    .venv/bin/python bench/bench_scale.py --triples 1000000 --data /tmp/scale [--no-shacl]
    .venv/bin/python bench/bench_scale.py --triples 10000000 --data /tmp/scale --no-shacl
    .venv/bin/python bench/bench_scale.py --triples 10000000 --data /tmp/scale --from-nquads

``--from-nquads`` skips the facts files and ``lawgraph load`` (an hour at 10M): the same reports'
quads (the loader's ``report_quads``) are written as N-Quads and bulk-loaded by pyoxigraph into
the on-disk store, in minutes; the serving and the queries are the same.

With ``--data`` the facts files and the loaded store are kept and reused by the next run with
the same ``--triples`` and ``--seed`` (the load figures of the run that made the store are printed
again, marked as such); without it everything goes in a temp dir, removed at the end. The 10M set
is about 9,000 facts files (~130 MiB) and is never committed. The server is stopped by its PID at
the end, on errors and on Ctrl-C / SIGTERM. Prints figures; asserts nothing; not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/: helpers of the benchmarks
from bench_queries import cases_for, cpu_model, data_folder, machine, versions
from bench_sparql import free_port, median, wait_http
from memory import TreePeak, mib
from synth import as_facts, iter_quads, iter_reports, write_facts

from lawgraph.rdf import report_quads
from lawgraph.store import EmbeddedStore

VENV_BIN = Path(sys.executable).parent
LG = "https://w3id.org/lawgraph/ns#"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
BUDGET = 24 * 2**30  # the machine's memory


def du(path: Path) -> int:
    """Bytes of the files under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def facts_files(folder: Path, triples: int, seed: int) -> Path:
    """The synthetic facts files of about ``triples`` quads, written once under ``folder``."""
    out = folder / f"facts-{triples}-seed{seed}"
    done = out / "bench-complete"
    if done.exists():
        print(f"facts: reusing {out}")
        return out / "facts"
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    files = write_facts(out, triples, seed)
    seconds = time.perf_counter() - started
    done.write_text(f"{len(files)}\n", encoding="utf-8")
    print(
        f"facts: {len(files):,} facts files ({du(out) / 2**20:,.0f} MiB with the texts) "
        f"written in {seconds:.1f} s"
    )
    return out / "facts"


def once(store: Path, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """The figures of building ``store``: ``build()``'s, kept beside the store, or those kept
    by the run that built it (then the store is reused)."""
    record = store.parent / (store.name + ".json")
    if record.exists():
        figures: dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
        print(f"reusing {store}: figures of the run that built it")
        return figures
    shutil.rmtree(store, ignore_errors=True)
    figures = build()
    record.write_text(json.dumps(figures), encoding="utf-8")
    return figures


def load(folder: Path, facts: Path, triples: int, seed: int, no_shacl: bool) -> Path:
    """``lawgraph load`` of every facts file into an on-disk store, once (see :func:`once`)."""
    store = folder / f"store-{triples}-seed{seed}{'-noshacl' if no_shacl else ''}"

    def build() -> dict[str, Any]:
        cmd = [str(VENV_BIN / "lawgraph"), "load", "--store", str(store), str(facts)]
        if no_shacl:
            cmd.insert(2, "--no-shacl")
        print(f"load: {' '.join(cmd)}", flush=True)
        started = time.perf_counter()
        log = folder / "load.log"
        with log.open("wb") as out:
            process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
            with TreePeak(process.pid, interval=1.0) as tree:
                code = process.wait()
        seconds = time.perf_counter() - started
        if code != 0:
            raise SystemExit(f"lawgraph load failed ({code}); see {log}")
        last = log.read_text(encoding="utf-8").strip().splitlines()[-1]
        return {
            "command": " ".join(cmd),
            "seconds": seconds,
            "quads": int(last.rsplit("holds ", 1)[1].split()[0]),
            "files": sum(1 for _ in facts.glob("*.yaml")),
            "peak_rss": tree.peak_rss,
        }

    figures = once(store, build)
    print(
        f"  {figures['files']:,} files, {figures['quads']:,} quads in {figures['seconds']:.0f} s: "
        f"{figures['quads'] / figures['seconds']:,.0f} quads/s, "
        f"{figures['files'] / figures['seconds']:.1f} reports/s; "
        f"loader peak RSS {mib(figures['peak_rss'])}; store on disk {mib(du(store))}"
    )
    return store


def bulk_store(folder: Path, triples: int, seed: int) -> Path:
    """The same store built the fast way, once (see :func:`once`): the loader's quads of the
    synthetic reports written as N-Quads (``synth.iter_quads``: ``report_quads``, so with the
    search keys), then pyoxigraph's ``bulk_load`` into an on-disk lawgraph store (the N-Quads
    file is removed)."""
    store = folder / f"store-{triples}-seed{seed}-bulk"

    def build() -> dict[str, Any]:
        nquads = folder / f"synth-{triples}-seed{seed}.nq"
        started = time.perf_counter()
        with nquads.open("wb") as out:
            ox.serialize(iter_quads(triples, seed), out, ox.RdfFormat.N_QUADS)
        written = time.perf_counter() - started
        print(
            f"bulk load: {nquads} ({nquads.stat().st_size / 2**20:,.0f} MiB) written in {written:.0f} s"
        )
        started = time.perf_counter()
        with EmbeddedStore(store) as embedded:
            embedded.oxigraph.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
            quads = len(embedded)
        nquads.unlink()
        return {"seconds": time.perf_counter() - started, "quads": quads}

    figures = once(store, build)
    print(
        f"  {figures['quads']:,} quads bulk-loaded in {figures['seconds']:.0f} s; "
        f"store on disk {mib(du(store))}"
    )
    return store


def entities(seed: int) -> tuple[str, str, str, str, str, str, str]:
    """(campaign, law, official, agency, event, year, official's name) of the first synthetic
    report: the parameters of the canned queries."""
    facts, text = next(iter_reports(seed))
    quads = report_quads(as_facts(facts, text))
    first: dict[str, str] = {}
    for q in quads:
        if q.predicate.value.endswith("#type") and q.object.value.startswith(LG):
            first.setdefault(q.object.value.removeprefix(LG), q.subject.value)
    official = first["Official"]
    name = next(
        q.object.value for q in quads if q.subject.value == official and q.predicate.value == LABEL
    )
    report = facts["report"]
    assert isinstance(report, dict)
    return (
        first["Campaign"],
        first["Law"],
        official,
        first["Agency"],
        first["Event"],
        str(report["published"]),
        name,
    )


def ask(client: httpx.Client, name: str, params: dict[str, str]) -> tuple[float, int, str]:
    """One ``GET /queries/NAME``: (seconds, HTTP status, "rows/total" or the error)."""
    started = time.perf_counter()
    response = client.get(f"/queries/{name}", params=params)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        return seconds, response.status_code, response.text[:200]
    body = response.json()
    return seconds, 200, f"{len(body['rows'])}/{body['total']}"


@contextlib.contextmanager
def serving(cmd: list[str], ready_url: str) -> Iterator[TreePeak]:
    """``cmd`` running in its own process group until the block ends (stopped by its PID), its
    process tree's memory sampled from the start; the snapshot of a big store takes minutes, so
    readiness is awaited for up to an hour."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        with TreePeak(proc.pid) as tree:
            wait_http(ready_url, proc, 3600)
            yield tree
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def serve_and_ask(store: Path, seed: int, timeout: float, repeat: int) -> int:
    """Start the server, ask every canned query, print the table; the number of failures."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [str(VENV_BIN / "lawgraph"), "serve", "--store", str(store), "--no-seed"]
    cmd += ["--host", "127.0.0.1", "--port", str(port), "--timeout", f"{timeout:g}"]
    print(f"serve: {' '.join(cmd)}", flush=True)
    cases = cases_for(*entities(seed))
    started = time.perf_counter()
    failures = 0
    with serving(cmd, base + "/sparql?query=ASK%7B%7D") as tree:
        ready = time.perf_counter() - started
        print(f"  ready in {ready:.1f} s (the zygote's in-memory snapshot of the store)")
        rss, pss = tree.sample()
        print(f"  memory when ready: RSS {mib(rss)} summed, PSS {mib(pss)}")
        print(
            f"\n{'query':24} {'status':>6} {'rows/total':>12} {'first ms':>9} "
            f"{f'median of {repeat}':>13}"
        )
        with httpx.Client(base_url=base, timeout=timeout + 60) as client:
            for name, label, params in cases:
                runs = [ask(client, name, params) for _ in range(repeat)]
                status, answer = runs[0][1], runs[0][2]
                failures += status != 200
                shown = answer if status == 200 else answer.replace("\n", " ")[:60]
                print(
                    f"{label:24} {status:>6} {shown:>12} {runs[0][0] * 1000:9.0f} "
                    f"{median([r[0] for r in runs]) * 1000:13.0f}",
                    flush=True,
                )
        tree.sample()
    print(
        f"\nserver process tree ({tree.most_processes} processes: front, zygote, workers), "
        f"peak over the run:\n  RSS summed {mib(tree.peak_rss)} (upper bound: shared pages "
        f"counted in every process)\n  PSS summed {mib(tree.peak_pss)} "
        f"({tree.peak_pss / BUDGET:.0%} of the machine's 24 GiB)"
    )
    print(f"canned queries answered: {len(cases) - failures} of {len(cases)}")
    return failures


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # run the finally blocks: the server is stopped by its PID


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many quads")
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic data")
    parser.add_argument("--data", type=Path, help="folder to keep the files and store in")
    parser.add_argument("--keep", action="store_true", help="keep the temp data folder")
    parser.add_argument("--no-shacl", action="store_true", help="load with lawgraph's --no-shacl")
    parser.add_argument(
        "--from-nquads",
        action="store_true",
        help="build the store from the loader's quads with pyoxigraph's bulk_load (minutes at "
        "10M) instead of `lawgraph load` of facts files (an hour); only the serving is timed",
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="the server's query timeout")
    parser.add_argument("--repeat", type=int, default=3, help="times each query is asked")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _terminate)

    print(f"machine: {os.cpu_count()} cores ({cpu_model()})")
    print(machine("at start"))
    print(f"versions: {versions()}")
    with data_folder(args.data, args.keep) as folder:
        if args.from_nquads:
            store = bulk_store(folder, args.triples, args.seed)
        else:
            facts = facts_files(folder, args.triples, args.seed)
            store = load(folder, facts, args.triples, args.seed, args.no_shacl)
        failures = serve_and_ask(store, args.seed, args.timeout, args.repeat)
    print(machine("at end"))
    return 1 if failures else 0


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    print("interrupted: the server was stopped", file=sys.stderr)
    sys.exit(130)
