"""Throughput of lawgraph's /sparql beside `oxigraph serve` and rdflib-endpoint, like for like.

One run builds a synthetic lawgraph-shaped dataset of ~100k triples (reports as named graphs:
agencies, laws, campaigns, events with dates, organisers, promoted laws and participations),
starts the three servers on 127.0.0.1 on free ports with the same data and the union of the
graphs as the default graph, and drives each with the same queries, the same Accept header and
8 concurrent keep-alive clients (`wrk`; Debian package `wrk`). No server caches answers.

    .venv/bin/python bench/bench_sparql.py [--seconds 8] [--clients 8] [--skip-rdflib]

It prints requests per second, p50 and p99 latency per server and query, and the ratios the
issue asks about. Not a test: it asserts nothing. rdflib-endpoint is optional
(`pip install rdflib-endpoint`); it is slow, so it is driven for a shorter time.
"""

from __future__ import annotations

import argparse
import contextlib
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
            f"-d{seconds:g}s",
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=4.0, help="seconds per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (median kept)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections")
    parser.add_argument("--skip-rdflib", action="store_true", help="leave out rdflib-endpoint")
    parser.add_argument("--workers", type=int, default=None, help="lawgraph query workers")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="lawgraph-bench-"))
    data = tmp / "data.nq"
    quads = list(synthetic_quads())
    ox.serialize(quads, str(data), ox.RdfFormat.N_QUADS)
    print(f"dataset: {len(quads)} quads in {len({q.graph_name for q in quads})} graphs")

    sys.path.insert(0, str(ROOT / "src"))
    from lawgraph.store import EmbeddedStore

    store_dir = tmp / "lawgraph-store"
    with EmbeddedStore(store_dir) as store:
        store.oxigraph.bulk_extend(quads)
        store.oxigraph.flush()
    ox_dir = tmp / "oxigraph"
    subprocess.run(
        [str(VENV_BIN / "oxigraph"), "load", "--location", str(ox_dir), "--file", str(data)],
        check=True,
        capture_output=True,
    )

    ports = {name: free_port() for name in ("lawgraph", "oxigraph", "oxigraph-mem", "rdflib")}
    lawgraph_cmd = [
        sys.executable,
        "-c",
        "from lawgraph.api.command import serve; serve()",
        "--store",
        str(store_dir),
        "--port",
        str(ports["lawgraph"]),
        "--no-seed",
    ]
    if args.workers:
        lawgraph_cmd += ["--workers", str(args.workers)]
    specs: dict[str, tuple[list[str], str, dict[str, str] | None]] = {
        "lawgraph": (
            lawgraph_cmd,
            f"http://127.0.0.1:{ports['lawgraph']}/sparql",
            {"PYTHONPATH": str(ROOT / "src")},
        ),
        "oxigraph": (
            [
                str(VENV_BIN / "oxigraph"),
                "serve",
                "--location",
                str(ox_dir),
                "--bind",
                f"127.0.0.1:{ports['oxigraph']}",
                "--union-default-graph",
            ],
            f"http://127.0.0.1:{ports['oxigraph']}/query",
            None,
        ),
        "oxigraph-mem": (
            [
                str(VENV_BIN / "oxigraph"),
                "serve",
                "--bind",
                f"127.0.0.1:{ports['oxigraph-mem']}",
                "--union-default-graph",
            ],
            f"http://127.0.0.1:{ports['oxigraph-mem']}/query",
            None,
        ),
    }
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
    results: dict[str, dict[str, list[dict[str, float]]]] = {n: {} for n in specs}
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
        check_answers({n: spec[1] for n, spec in specs.items() if n != "rdflib"})
        # interleaved: every server in turn for each query and round, so that noise on the
        # machine hits them alike; the median of the rounds is kept
        for qname, query in QUERIES.items():
            accept = ACCEPT.get(qname, DEFAULT_ACCEPT)
            for _cmd, base, _env in specs.values():
                drive(query_url(base, query), accept, 1, args.clients)  # warm up
            for _ in range(args.rounds):
                for name, (_cmd, base, _env) in specs.items():
                    seconds = args.seconds if name != "rdflib" else max(2.0, args.seconds / 2)
                    r = drive(query_url(base, query), accept, seconds, args.clients)
                    results[name].setdefault(qname, []).append(r)
                    drain(pids[name])
            line = "  ".join(
                f"{n} {median([r['rps'] for r in results[n][qname]]):.0f}/s" for n in specs
            )
            print(f"{qname:18} {line}")

    summary = {
        n: {
            q: {k: median([r[k] for r in runs]) for k in ("rps", "p50", "p99", "errors")}
            for q, runs in per_q.items()
        }
        for n, per_q in results.items()
    }
    names = list(summary)
    print(
        f"\nrequests/s (p50 ms / p99 ms), {args.clients} clients, median of {args.rounds} rounds:"
    )
    print(f"{'query':18} " + " ".join(f"{n:>27}" for n in names))
    for qname in QUERIES:
        cells = []
        for n in names:
            r = summary[n][qname]
            cells.append(f"{r['rps']:9.1f} ({r['p50']:7.2f}/{r['p99']:7.2f})")
        print(f"{qname:18} " + " ".join(f"{c:>27}" for c in cells))

    def mix(n: str) -> float:
        # every query equally often: the harmonic mean of the per-query rates
        return len(QUERIES) / sum(1.0 / max(summary[n][q]["rps"], 1e-9) for q in QUERIES)

    print("\nmix (each query equally often):")
    for n in names:
        print(f"  {n:14} {mix(n):9.1f} req/s")
    lg = mix("lawgraph")
    print(f"\nlawgraph / oxigraph serve (disk):   {lg / mix('oxigraph'):.2f}x  (target >= 0.9)")
    print(f"lawgraph / oxigraph serve (memory): {lg / mix('oxigraph-mem'):.2f}x")
    if "rdflib" in summary:
        print(f"lawgraph / rdflib-endpoint:         {lg / mix('rdflib'):.1f}x  (target >= 50)")
    for q in QUERIES:
        ratio = summary["lawgraph"][q]["rps"] / max(summary["oxigraph"][q]["rps"], 1e-9)
        p = summary["lawgraph"][q]
        print(
            f"  {q:18} lawgraph/oxigraph {ratio:5.2f}x   lawgraph p99/p50 {p['p99'] / max(p['p50'], 1e-9):.2f}"
        )
    errors = sum(summary[n][q]["errors"] for n in names for q in QUERIES)
    print(f"non-2xx responses: {errors:g}")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
