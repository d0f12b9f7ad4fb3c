"""HTTP throughput of lawgraph's /sparql and /queries/* beside `oxigraph serve` and
rdflib-endpoint, like for like, at 1, 8 and 32 concurrent clients.

One run builds a synthetic dataset: ~100k triples for /sparql (reports as named graphs:
agencies, laws, campaigns, events with dates, organisers, promoted laws and participations) plus
``--canned-triples`` lawgraph-shaped quads from ``bench/synth.py`` for the canned questions. It
starts the servers on 127.0.0.1 on free ports with the same data and the union of the graphs as
the default graph:

* ``lawgraph`` — ``lawgraph serve`` over a disk store; it always answers from an in-memory
  snapshot of that store (its like for like is therefore ``oxigraph-mem``); answer cache off;
* ``lawgraph-cached`` — the same with the answer cache of ``/queries`` on (the default);
* ``oxigraph`` — ``oxigraph serve`` on its disk store (RocksDB);
* ``oxigraph-mem`` — ``oxigraph serve`` in memory;
* ``rdflib`` — rdflib-endpoint (in memory; /sparql only and at most 8 clients: it answers one
  query at a time and is too slow for the canned questions; optional:
  ``pip install rdflib-endpoint``).

Each is driven with the same requests and Accept headers by ``wrk`` (Debian package ``wrk``)
from each count of keep-alive clients in ``--clients``: the six /sparql queries below, then each
canned question of ``--canned`` — ``GET /queries/{name}?…`` to lawgraph with the cache off and
on, and the page's SPARQL to the Oxigraph servers. Rounds are interleaved; medians are kept.

    .venv/bin/python bench/bench_sparql.py [--seconds 3] [--rounds 3] [--clients 1,8,32]
        [--canned events,co-attendance,search] [--skip-rdflib]

It prints requests per second, p50 and p99 latency per server and case, the mixes (every case
equally often) and their ratios (issue 8: uncached /sparql >= 0.9x `oxigraph serve` in the same
storage mode and >= 50x rdflib-endpoint at 8 clients; repeated canned questions >= 10x uncached
with the answer cache), and the memory of each server's process tree (PSS, sampled every
second by ``bench/memory.py``: after start and peak). Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
EX = "https://w3id.org/lawgraph/bench/"
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD_DATE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")

PREFIXES = f"PREFIX ex: <{EX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
QUERIES: dict[str, str] = {
    # a selective lookup: an entity's labels
    "lookup": PREFIXES + "SELECT ?label WHERE { ex:agency-17 rdfs:label ?label }",
    # events of one agency in a date range, in date order
    "agency_events": PREFIXES
    + 'SELECT ?event ?date WHERE { ?event ex:organizer ex:agency-17 ; ex:date ?date . FILTER(?date >= "2020-03-01"^^xsd:date && ?date < "2020-10-01"^^xsd:date) } ORDER BY ?date',
    # who chaired what: a three-step join for one official
    "official_roles": PREFIXES
    + "SELECT ?event ?role ?label WHERE { ?p ex:participant ex:official-42 ; ex:role ?role . ?event ex:participation ?p ; rdfs:label ?label }",
    # laws promoted per campaign: an aggregate over every event
    "laws_per_campaign": PREFIXES
    + "SELECT ?campaign (COUNT(DISTINCT ?law) AS ?laws) WHERE { ?event ex:partOfCampaign ?campaign ; ex:promotesLaw ?law } GROUP BY ?campaign ORDER BY DESC(?laws) ?campaign",
    # the ten busiest agencies
    "top_agencies": PREFIXES
    + "SELECT ?agency (COUNT(?event) AS ?events) WHERE { ?event ex:organizer ?agency } GROUP BY ?agency ORDER BY DESC(?events) ?agency LIMIT 10",
    # a CONSTRUCT: one event and its participations, as Turtle
    "construct_event": PREFIXES
    + "CONSTRUCT { ex:event-1234 ?p ?o . ?part ?pp ?oo } WHERE { { ex:event-1234 ?p ?o } UNION { ex:event-1234 ex:participation ?part . ?part ?pp ?oo } }",
}
ACCEPT = {"construct_event": "text/turtle"}
DEFAULT_ACCEPT = "application/sparql-results+json"


def iri(local: str) -> ox.NamedNode:
    return ox.NamedNode(EX + local)


def synthetic_quads(seed: int = 7) -> Iterator[ox.Quad]:
    """~100k quads shaped like lawgraph's: one named graph per report."""
    rng = random.Random(seed)
    n_agencies, n_laws, n_campaigns, n_officials, n_reports = 200, 120, 40, 1000, 100
    n_events = 7475
    meta = iri("graph/meta")
    for i in range(n_agencies):
        yield ox.Quad(iri(f"agency-{i}"), RDF_TYPE, iri("Agency"), meta)
        yield ox.Quad(
            iri(f"agency-{i}"), RDFS_LABEL, ox.Literal(f"第{i}司法局", language="zh"), meta
        )
        yield ox.Quad(
            iri(f"agency-{i}"), RDFS_LABEL, ox.Literal(f"Justice bureau {i}", language="en"), meta
        )
    for i in range(n_laws):
        yield ox.Quad(iri(f"law-{i}"), RDF_TYPE, iri("Law"), meta)
        yield ox.Quad(iri(f"law-{i}"), RDFS_LABEL, ox.Literal(f"法律{i}", language="zh"), meta)
    for i in range(n_officials):
        yield ox.Quad(iri(f"official-{i}"), RDF_TYPE, iri("Official"), meta)
        yield ox.Quad(iri(f"official-{i}"), RDFS_LABEL, ox.Literal(f"官员{i}", language="zh"), meta)
    roles = ["chaired", "attended", "spoke", "organised"]
    for e in range(n_events):
        g = iri(f"report/{e % n_reports}")
        ev = iri(f"event-{e}")
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        yield ox.Quad(ev, RDF_TYPE, iri("Event"), g)
        yield ox.Quad(ev, RDFS_LABEL, ox.Literal(f"普法活动{e}", language="zh"), g)
        yield ox.Quad(
            ev, iri("date"), ox.Literal(f"2020-{month:02d}-{day:02d}", datatype=XSD_DATE), g
        )
        yield ox.Quad(
            ev, iri("organizer"), iri(f"agency-{int(rng.paretovariate(1.2)) % n_agencies}"), g
        )
        yield ox.Quad(ev, iri("partOfCampaign"), iri(f"campaign-{rng.randrange(n_campaigns)}"), g)
        for law in rng.sample(range(n_laws), 2):
            yield ox.Quad(ev, iri("promotesLaw"), iri(f"law-{law}"), g)
        for k in range(2):
            part = iri(f"event-{e}/participation-{k}")
            yield ox.Quad(ev, iri("participation"), part, g)
            yield ox.Quad(
                part, iri("participant"), iri(f"official-{rng.randrange(n_officials)}"), g
            )
            yield ox.Quad(part, iri("role"), iri(rng.choice(roles)), g)


# --- servers --------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {url}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=5).read()
            return
        time.sleep(0.2)
    raise RuntimeError(f"server not ready: {url}")


@contextlib.contextmanager
def server(cmd: list[str], ready_url: str, env: dict[str, str] | None = None) -> Iterator[int]:
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    try:
        wait_http(ready_url, proc)
        yield proc.pid
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)  # the server's own process group, by its PID
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


# --- load generation --------------------------------------------------------------------------------

_WRK_RPS = re.compile(r"Requests/sec:\s+([\d.]+)")
_WRK_LAT = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_WRK_BAD = re.compile(r"Non-2xx or 3xx responses: (\d+)")


def drive(url: str, accept: str, seconds: float, clients: int) -> dict[str, float]:
    """Drive ``url`` with ``clients`` keep-alive connections; rps, p50 and p99 in ms."""
    if shutil.which("wrk") is None:
        raise SystemExit("this benchmark needs wrk (Debian package `wrk`)")
    out = subprocess.run(
        [
            "wrk",
            f"-t{min(2, clients)}",
            f"-c{clients}",
            f"-d{max(1, math.ceil(seconds))}s",  # wrk takes whole seconds
            "--latency",
            "--timeout",
            "30s",
            "-H",
            f"Accept: {accept}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = {"rps": float(_WRK_RPS.search(out).group(1))}  # type: ignore[union-attr]
    for pct, value, unit in _WRK_LAT.findall(out):
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
        result[f"p{pct}"] = float(value) * scale
    bad = _WRK_BAD.search(out)
    result["errors"] = float(bad.group(1)) if bad else 0.0
    return result


def tree_cpu(pid: int) -> float:
    """CPU seconds used by ``pid`` and its live descendants."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                raw = (entry / "stat").read_text()
            except OSError:
                continue
            fields = raw[raw.rindex(")") + 2 :].split()
            children.setdefault(int(fields[1]), []).append(int(entry.name))
            used[int(entry.name)] = (int(fields[11]) + int(fields[12])) / ticks
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        total += used.get(current, 0.0)
        todo.extend(children.get(current, []))
    return total


def drain(pid: int, limit: float = 600.0) -> None:
    """Wait until a server is idle again: a slow server goes on computing what wrk left queued
    after wrk stops, and would steal the CPU from the next measurement."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        before = tree_cpu(pid)
        time.sleep(0.25)
        if tree_cpu(pid) - before < 0.02:
            return


def query_url(base: str, query: str) -> str:
    return base + "?" + urllib.parse.urlencode({"query": query})


def check_answers(bases: dict[str, str]) -> None:
    """Every server gives the same number of rows for every SELECT (like for like)."""
    for name, query in QUERIES.items():
        if name == "construct_event":
            continue
        counts = {}
        for server_name, base in bases.items():
            req = urllib.request.Request(
                query_url(base, query), headers={"Accept": "text/tab-separated-values"}
            )
            with urllib.request.urlopen(req, timeout=300) as response:
                counts[server_name] = response.read().count(b"\n") - 1
        same = "ok" if len(set(counts.values())) == 1 else "DIFFERENT"
        print(f"  rows for {name:18} {counts} {same}")


def median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@dataclass
class Target:
    """One column of a table: what a server is asked for one case."""

    url: str
    accept: str


def canned_cases(
    lawgraph: str, cached: str, oxigraphs: dict[str, str], labels: list[str], data: ox.Store
) -> dict[str, dict[str, Target]]:
    """Canned questions (``/queries/{name}``) with parameters picked from the data (the median
    entity by activity, as ``bench_queries.py`` does), asked of lawgraph with the answer cache
    off and on, and their page SPARQL asked of the Oxigraph servers."""
    from bench_queries import pick_params

    from lawgraph.catalog import load_catalog, plan

    catalog = load_catalog()
    picked = {label: (name, params) for name, label, params in pick_params(data)}
    cases = {}
    for label in labels:
        if label not in picked:
            raise SystemExit(f"--canned: no case {label!r}; known: {', '.join(picked)}")
        name, params = picked[label]
        path = f"/queries/{name}?{urllib.parse.urlencode(params)}"
        sparql = plan(catalog.get(name), params).page_sparql()
        cases[label] = {
            "lawgraph": Target(lawgraph + path, "application/json"),
            "lawgraph-cached": Target(cached + path, "application/json"),
            **{n: Target(query_url(base, sparql), DEFAULT_ACCEPT) for n, base in oxigraphs.items()},
        }
    return cases


def check_canned(cases: dict[str, dict[str, Target]]) -> None:
    """lawgraph's page and the Oxigraph servers' answer to its SPARQL have as many rows."""
    for label, targets in cases.items():
        counts = {}
        for name, target in targets.items():
            req = urllib.request.Request(target.url, headers={"Accept": target.accept})
            with urllib.request.urlopen(req, timeout=300) as response:
                body = json.loads(response.read())
            rows = body["rows"] if "rows" in body else body["results"]["bindings"]
            counts[name] = len(rows)
        same = "ok" if len(set(counts.values())) == 1 else "DIFFERENT"
        print(f"  rows for {label:18} {counts} {same}")


RDFLIB_CLIENTS = 8
"""rdflib-endpoint is driven by at most this many clients."""

Runs = dict[str, dict[str, list[dict[str, float]]]]
"""case -> column -> one wrk result per round."""


def run_matrix(
    cases: dict[str, dict[str, Target]],
    pids: dict[str, int],
    clients: int,
    rounds: int,
    seconds: float,
) -> Runs:
    """Interleaved: every column in turn for each case and round, so that noise on the machine
    hits them alike; each server drained before the next measurement."""
    results: Runs = {}
    for case, targets in cases.items():
        for target in targets.values():
            drive(target.url, target.accept, 1, clients)  # warm up (and fill the answer cache)
        for _ in range(rounds):
            for name, target in targets.items():
                # rdflib-endpoint answers one query at a time: its slowest (~1 s) need time
                # for the queued requests of every client to complete
                secs = seconds if name != "rdflib" else max(2.0, seconds / 2, 1.5 * clients)
                r = drive(target.url, target.accept, secs, clients)
                results.setdefault(case, {}).setdefault(name, []).append(r)
                drain(pids[name])
        line = "  ".join(
            f"{n} {median([r['rps'] for r in results[case][n]]):.0f}/s" for n in targets
        )
        print(f"  {clients:2d} clients  {case:22} {line}", flush=True)
    return results


def medians(results: Runs) -> dict[str, dict[str, dict[str, float]]]:
    """column -> case -> the median rps, p50, p99 and errors of the rounds."""
    out: dict[str, dict[str, dict[str, float]]] = {}
    for case, per_name in results.items():
        for name, runs in per_name.items():
            out.setdefault(name, {})[case] = {
                k: median([r[k] for r in runs]) for k in ("rps", "p50", "p99", "errors")
            }
    return out


def mix(rates: dict[str, dict[str, float]]) -> float:
    """Every case equally often: the harmonic mean of the per-case rates (0 when a case
    completed no request in its time: too slow to measure, raise ``--seconds``)."""
    if any(r["rps"] <= 0 for r in rates.values()):
        return 0.0
    return len(rates) / sum(1.0 / r["rps"] for r in rates.values())


def table(title: str, summary: dict[str, dict[str, dict[str, float]]]) -> None:
    names = list(summary)
    cases = list(summary[names[0]])
    print(f"\n{title}")
    print(f"{'case':22} " + " ".join(f"{n:>27}" for n in names))
    for case in cases:
        cells = []
        for n in names:
            r = summary[n][case]
            cells.append(f"{r['rps']:9.1f} ({r['p50']:7.2f}/{r['p99']:7.2f})")
        print(f"{case:22} " + " ".join(f"{c:>27}" for c in cells))
    print(f"{'mix':22} " + " ".join(f"{mix(summary[n]):>27.1f}" for n in names))


def ratio(a: float, b: float) -> str:
    """``a / b``, or "-" when either could not be measured."""
    return f"{a / b:.2f}x" if a > 0 and b > 0 else "-"


def ox_store(quads: list[ox.Quad]) -> ox.Store:
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=3.0, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median kept)")
    parser.add_argument(
        "--clients", default="1,8,32", help="concurrent connections, a comma-separated list"
    )
    parser.add_argument("--skip-rdflib", action="store_true", help="leave out rdflib-endpoint")
    parser.add_argument("--workers", type=int, default=None, help="lawgraph query workers")
    parser.add_argument(
        "--canned",
        default="events,co-attendance,search",
        help="canned questions to drive (bench_queries.py case labels; '' = none)",
    )
    parser.add_argument(
        "--canned-triples",
        type=int,
        default=50_000,
        help="lawgraph-shaped synthetic quads (bench/synth.py) added for the canned questions",
    )
    args = parser.parse_args()
    client_counts = [int(c) for c in args.clients.split(",")]
    labels = [c for c in args.canned.split(",") if c]

    sys.path.insert(0, str(ROOT / "src"))
    from memory import TreePeak
    from synth import iter_quads

    from lawgraph.store import EmbeddedStore

    tmp = Path(tempfile.mkdtemp(prefix="lawgraph-bench-"))
    data = tmp / "data.nq"
    quads = list(synthetic_quads())
    shaped = list(iter_quads(args.canned_triples)) if labels else []
    ox.serialize(quads + shaped, str(data), ox.RdfFormat.N_QUADS)
    print(
        f"dataset: {len(quads)} quads for /sparql + {len(shaped)} lawgraph-shaped quads for "
        f"/queries, in {len({q.graph_name for q in quads + shaped})} graphs"
    )

    store_dir = tmp / "lawgraph-store"
    with EmbeddedStore(store_dir) as store:
        store.oxigraph.bulk_extend(quads + shaped)
        store.oxigraph.flush()
    ox_dir = tmp / "oxigraph"
    subprocess.run(
        [str(VENV_BIN / "oxigraph"), "load", "--location", str(ox_dir), "--file", str(data)],
        check=True,
        capture_output=True,
    )

    names = ["lawgraph", "lawgraph-cached", "oxigraph", "oxigraph-mem", "rdflib"]
    ports = {name: free_port() for name in names}

    def lawgraph_cmd(port: int) -> list[str]:
        cmd = [
            sys.executable,
            "-c",
            "from lawgraph.api.command import serve; serve()",
            "--store",
            str(store_dir),
            "--port",
            str(port),
            "--no-seed",
        ]
        return cmd + (["--workers", str(args.workers)] if args.workers else [])

    def oxigraph_cmd(port: int, location: list[str]) -> list[str]:
        bind = ["--bind", f"127.0.0.1:{port}", "--union-default-graph"]
        return [str(VENV_BIN / "oxigraph"), "serve", *location, *bind]

    lawgraph_env = {"PYTHONPATH": str(ROOT / "src")}
    specs: dict[str, tuple[list[str], str, dict[str, str] | None]] = {
        "lawgraph": (
            lawgraph_cmd(ports["lawgraph"]),
            f"http://127.0.0.1:{ports['lawgraph']}/sparql",
            {**lawgraph_env, "LAWGRAPH_ANSWER_CACHE_ENTRIES": "0"},
        ),
        "oxigraph": (
            oxigraph_cmd(ports["oxigraph"], ["--location", str(ox_dir)]),
            f"http://127.0.0.1:{ports['oxigraph']}/query",
            None,
        ),
        "oxigraph-mem": (
            oxigraph_cmd(ports["oxigraph-mem"], []),
            f"http://127.0.0.1:{ports['oxigraph-mem']}/query",
            None,
        ),
    }
    if labels:
        specs["lawgraph-cached"] = (
            lawgraph_cmd(ports["lawgraph-cached"]),
            f"http://127.0.0.1:{ports['lawgraph-cached']}/sparql",
            lawgraph_env,
        )
    if not args.skip_rdflib and (VENV_BIN / "rdflib-endpoint").exists():
        specs["rdflib"] = (
            [
                str(VENV_BIN / "rdflib-endpoint"),
                "serve",
                str(data),
                "--host",
                "127.0.0.1",
                "--port",
                str(ports["rdflib"]),
            ],
            f"http://127.0.0.1:{ports['rdflib']}/",
            None,
        )
    runs: dict[int, dict[str, Runs]] = {}
    with contextlib.ExitStack() as stack:
        pids = {}
        for name, (cmd, base, env) in specs.items():
            pids[name] = stack.enter_context(server(cmd, base + "?query=ASK%7B%7D", env))
        mem = specs["oxigraph-mem"][1].rsplit("/", 1)[0]
        req = urllib.request.Request(
            mem + "/store",
            data=data.read_bytes(),
            headers={"Content-Type": "application/n-quads"},
            method="POST",
        )
        urllib.request.urlopen(req, timeout=300).read()
        samplers = {n: stack.enter_context(TreePeak(pid, 1.0)) for n, pid in pids.items()}
        after_start = {n: tree.sample()[1] for n, tree in samplers.items()}
        sparql_servers = [n for n in specs if n != "lawgraph-cached"]
        check_answers({n: specs[n][1] for n in sparql_servers if n != "rdflib"})
        sparql_cases = {
            q: {
                n: Target(query_url(specs[n][1], text), ACCEPT.get(q, DEFAULT_ACCEPT))
                for n in sparql_servers
            }
            for q, text in QUERIES.items()
        }
        canned = {}
        if labels:
            lawgraph_base = specs["lawgraph"][1].rsplit("/", 1)[0]
            cached_base = specs["lawgraph-cached"][1].rsplit("/", 1)[0]
            oxigraphs = {n: specs[n][1] for n in ("oxigraph", "oxigraph-mem")}
            canned = canned_cases(lawgraph_base, cached_base, oxigraphs, labels, ox_store(shaped))
            check_canned(canned)
        for clients in client_counts:
            cases = {
                q: {n: t for n, t in targets.items() if n != "rdflib" or clients <= RDFLIB_CLIENTS}
                for q, targets in sparql_cases.items()
            }
            runs[clients] = {
                "sparql": run_matrix(cases, pids, clients, args.rounds, args.seconds),
                "canned": run_matrix(canned, pids, clients, args.rounds, args.seconds),
            }
        memory = {n: (after_start[n], tree.peak_pss) for n, tree in samplers.items()}

    print(
        "\nlawgraph always answers from an in-memory snapshot of its store: `lawgraph` reads a "
        "disk store\n(pyoxigraph/RocksDB) into memory at start; its like for like is `oxigraph-mem` "
        "(in memory).\n`oxigraph` is `oxigraph serve` on its disk store; rdflib-endpoint holds the "
        "data in memory (rdflib)."
    )
    for clients, parts in runs.items():
        sparql = medians(parts["sparql"])
        table(
            f"/sparql, {clients} clients: requests/s (p50 ms / p99 ms), median of {args.rounds} rounds",
            sparql,
        )
        lg = mix(sparql["lawgraph"])
        print(f"lawgraph / oxigraph serve (disk):   {ratio(lg, mix(sparql['oxigraph']))}")
        print(f"lawgraph / oxigraph serve (memory): {ratio(lg, mix(sparql['oxigraph-mem']))}")
        if "rdflib" in sparql:
            print(f"lawgraph / rdflib-endpoint:         {ratio(lg, mix(sparql['rdflib']))}")
        if parts["canned"]:
            canned_summary = medians(parts["canned"])
            table(
                f"/queries/*, {clients} clients (lawgraph = answer cache off; the Oxigraph servers "
                "get the page's SPARQL)",
                canned_summary,
            )
            for case in canned_summary["lawgraph"]:
                off = canned_summary["lawgraph"][case]["rps"]
                on = canned_summary["lawgraph-cached"][case]["rps"]
                mem_rps = canned_summary["oxigraph-mem"][case]["rps"]
                print(
                    f"  {case:22} cached/uncached {ratio(on, off):>8}   "
                    f"uncached lawgraph/oxigraph-mem {ratio(off, mem_rps):>7}"
                )

    print("\nmix of /sparql (req/s) by clients:")
    print(f"{'server':16} " + " ".join(f"{c:>9}" for c in runs))
    for name in sparql_servers:
        cells = [medians(parts["sparql"]).get(name) for parts in runs.values()]
        print(f"{name:16} " + " ".join(f"{mix(c):9.1f}" if c else f"{'-':>9}" for c in cells))
    if "rdflib" in sparql_servers and max(client_counts) > RDFLIB_CLIENTS:
        print(
            f"(rdflib-endpoint is not driven by more than {RDFLIB_CLIENTS} clients: it answers one "
            "query at a time,\n so the aggregates' queued requests would pass wrk's 30 s timeout)"
        )
    print("\nmemory of each server's process tree (PSS, MiB): after start / peak")
    for name, (idle, peak) in memory.items():
        print(f"  {name:16} {idle / 2**20:8.0f} / {peak / 2**20:8.0f}")
    errors = sum(
        r["errors"]
        for parts in runs.values()
        for per_case in parts.values()
        for per_name in per_case.values()
        for rs in per_name.values()
        for r in rs
    )
    print(f"non-2xx responses: {errors:g}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
