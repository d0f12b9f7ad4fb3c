"""Latency of the canned queries through the API beside the same SPARQL run in-process.

Issue 4's check: on a 1M-triple synthetic graph, each canned query's median latency through the
API (``GET /queries/{name}``) is within 1.3x of the same SPARQL run directly on pyoxigraph
in-process.

One run builds (or reuses, under ``--data``) an on-disk store of about ``--triples`` synthetic
quads (``bench/synth.py``: the loader's own quads for synthetic reports), copies it into an
in-memory pyoxigraph store in this process (as the server's workers do), starts
``lawgraph serve --store … --no-seed`` on 127.0.0.1 on a free port, picks realistic parameters
for every query of ``queries/`` from the data (a typical campaign, law, official, agency and event:
the median one by activity; a year its events have; a name that exists) plus two cases whose first
page is full, so that the total needs the count query too, and times, interleaved in rounds so
that noise on the machine hits all sides alike, each side ``--burst`` times in a row (5: the
figures are those of a server in use; with 1 every API request comes to a server that sat idle
while the other sides ran, and pays ~0.5 ms more to wake its processes):

* **direct**: the very SPARQL the API runs for the page, on the in-memory copy, in this
  process, with the union of the graphs as the default graph: the class checks of IRI parameters,
  the page query (``LIMIT``/``OFFSET``, values in a ``VALUES`` block) and, when the page is full,
  the count query; every solution read into Python terms.
* **in-proc API path**: the same SPARQL, plus what the API does around it, still in this
  process: each answer serialised as TSV (as the workers do), parsed back, made into a
  :class:`~lawgraph.catalog.Page` and rendered as the JSON body — no HTTP, no worker IPC.
* **API**: ``GET /queries/{name}?…`` over one keep-alive connection of the stdlib's
  ``http.client`` (body read, not parsed; a lean client, so that the figure is the server's
  latency, not a client library's: httpx alone takes ~0.5–2 ms a request here), the server's
  answer cache turned off (``LAWGRAPH_ANSWER_CACHE_ENTRIES=0``);
* **cached**: the same request to a second server with the answer cache on (the default),
  repeated, so every timed request is a hit (``X-Lawgraph-Cache: hit``, checked).

Each round also times a few probes of the API's fixed costs: a 400 answered before any worker
job, a 400 after one class-check job, and ``/sparql?query=ASK{}``.

With ``--scales 10000,100000,1000000`` it does all this at each scale in turn. At scales up to
``--rdflib-max`` (100k) the same SPARQL of the direct side (class checks, page, count) also runs
on **rdflib's engine** (the engine rdflib-endpoint's users get: a ``Dataset`` whose default graph
is the union of the graphs), in a child process of its own, ``--rdflib-rounds`` times (a case
still running after ``--rdflib-budget`` seconds is stopped and reported so). Peak
memory is printed for each side: the server's whole process tree (PSS and summed RSS, sampled),
this process (which holds the direct side's in-memory store) and rdflib's child (VmHWM).

    .venv/bin/python bench/bench_queries.py [--triples 1000000] [--rounds 15] [--burst 5]
        [--data DIR] [--keep]
    .venv/bin/python bench/bench_queries.py --scales 10000,100000,1000000 --data /tmp/bq

``--data DIR`` keeps the store there and reuses it on the next run (same ``--triples`` and
``--seed``); without it the store goes in a temp dir, removed at the end unless ``--keep``. The
server is stopped by its PID at the end, on errors and on Ctrl-C / SIGTERM.

It prints a table (rows, total, medians and p90s, the API/direct ratio), where the API's extra
time goes (conversions in-process vs HTTP + worker IPC), the worst ratio and how many queries are
within 1.3x, and the answer cache's speed-up (uncached API / cached API, issue 8's target: at
least 10x). Not a test: it asserts nothing (beyond the API and direct answers agreeing).
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import math
import multiprocessing
import os
import platform
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/: helpers of the benchmarks
from bench_sparql import free_port, median, server
from memory import TreePeak, baseline, mib, peak
from synth import iter_quads

from lawgraph import executor
from lawgraph.catalog import (
    CannedQuery,
    Plan,
    SolutionList,
    load_catalog,
    plan,
    read_total,
)
from lawgraph.sparql import Job, run_job
from lawgraph.store import EmbeddedStore

VENV_BIN = Path(sys.executable).parent
TARGET = 1.3
CACHE_TARGET = 10.0
ROW_CAP = Job.cap  # the server's default row cap (``--row-cap`` is not passed)
PREFIXES = (
    "PREFIX lg: <https://w3id.org/lawgraph/ns#> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)

# --- data --------------------------------------------------------------------------------------


def build_store(folder: Path, triples: int, seed: int) -> Path:
    """An on-disk lawgraph store of about ``triples`` synthetic quads under ``folder``, built
    once: a complete one (marked by ``bench-complete``) is reused."""
    store_dir = folder / f"store-{triples}-seed{seed}"
    done = store_dir / "bench-complete"
    if done.exists():
        print(f"store: reusing {store_dir}")
        return store_dir
    if store_dir.exists():
        shutil.rmtree(store_dir)  # a build that did not finish
    started = time.perf_counter()
    with EmbeddedStore(store_dir) as store:
        store.oxigraph.bulk_extend(iter_quads(triples, seed))
        store.oxigraph.flush()
    done.write_text(f"{triples} {seed}\n", encoding="utf-8")
    print(f"store: built {store_dir} in {time.perf_counter() - started:.1f} s")
    return store_dir


def memory_copy(store_dir: Path) -> ox.Store:
    """The store copied into memory, as the server's zygote copies it for its workers (the
    same layout: like for like)."""
    with EmbeddedStore(store_dir) as disk:
        return executor.memory_copy(disk.oxigraph)


def select(store: ox.Store, text: str) -> ox.QuerySolutions:
    result = store.query(text, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions)
    return result


# --- parameters ------------------------------------------------------------------------------------

# candidates of each kind with a measure of their activity; the median one is picked
CANDIDATES = {
    "campaign": """SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?x a lg:Campaign . ?of (lg:partOfCampaign|lg:subEventOf)* ?x .
        { ?m lg:promoter ?of } UNION { ?m lg:measureOf ?of } } GROUP BY ?x""",
    "law": "SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m lg:promotedLaw ?x } GROUP BY ?x",
    "official": """SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m a lg:Participation ; lg:participant ?x . ?x a lg:Official } GROUP BY ?x""",
    "agency": """SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m a lg:Event ; lg:organizer ?x . ?x a lg:Agency } GROUP BY ?x""",
    "event": """SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m lg:inEvent ?x . ?x a lg:Event } GROUP BY ?x""",
}


def typical(store: ox.Store, kind: str) -> str:
    """The IRI of the median entity of ``kind`` by activity (ties by IRI): neither the busiest
    nor an idle one."""
    found = sorted(
        (int(s["n"].value), s["x"].value)  # type: ignore[union-attr]
        for s in select(store, PREFIXES + CANDIDATES[kind])
    )
    if not found:
        raise SystemExit(f"no {kind} in the store")
    return found[len(found) // 2][1]


def first_value(store: ox.Store, text: str) -> str:
    for solution in select(store, PREFIXES + text):
        term = solution[0]
        if term is not None:
            return term.value  # type: ignore[union-attr]
    raise SystemExit(f"nothing found by: {text}")


def pick_params(store: ox.Store) -> list[tuple[str, str, dict[str, str]]]:
    """(query, label, parameters): one case per canned query with parameters taken from the
    data, then a few cases whose first page is full, so that the API counts the total too."""
    campaign = typical(store, "campaign")
    law = typical(store, "law")
    official = typical(store, "official")
    agency = typical(store, "agency")
    event = typical(store, "event")
    dates = [
        s["d"].value  # type: ignore[union-attr]
        for s in select(
            store,
            PREFIXES
            + f"SELECT DISTINCT ?d WHERE {{ ?e lg:organizer <{agency}> ; lg:date ?d }} ORDER BY ?d",
        )
    ]
    year = dates[len(dates) // 2][:4] if dates else "2020"
    name = first_value(
        store, f'SELECT ?l WHERE {{ <{official}> rdfs:label ?l FILTER(LANG(?l) = "zh") }}'
    )
    return cases_for(campaign, law, official, agency, event, year, name)


def cases_for(
    campaign: str, law: str, official: str, agency: str, event: str, year: str, name: str
) -> list[tuple[str, str, dict[str, str]]]:
    """(query, label, parameters) for every canned query, given the entities to ask about, then
    two cases whose first page is full, so that the API counts the total too."""
    one = {
        "campaign-measures": {"campaign": campaign},
        "campaigns-by-law": {"law": law},
        "co-attendance": {"official": official},
        "co-organisers": {"agency": agency},
        "event-participants": {"event": event},
        "events": {"agency": agency, "from": f"{year}-01-01", "to": f"{year}-12-31"},
        "evidence": {"entity": official},
        "law-mentions": {"law": law},
        "laws-by-campaign": {"campaign": campaign},
        "official-events": {"official": official},
        "official-posts": {"official": official},
        "search": {"text": name},
    }
    cases = [(q, q, params) for q, params in one.items()]
    cases += [
        ("laws-by-campaign", "laws-by-campaign/year", {"year": year}),
        ("campaign-measures", "campaign-measures/kind", {"kind": "people"}),
    ]
    return cases


# --- the three ways of answering ---------------------------------------------------------------------


@dataclass
class Answer:
    rows: int
    total: int
    queries: int  # SPARQL queries run: class checks, the page, the count
    counted: bool  # whether the total needed the count query


def direct(store: ox.Store, p: Plan, parts: dict[str, float] | None = None) -> Answer:
    """The API's SPARQL for one page, run in-process; every solution read into Python terms.
    ``parts`` receives the seconds of the class checks, the page and the count."""
    clock = time.perf_counter
    t0 = clock()
    checks = p.class_checks()
    for name, text in checks:
        if not [tuple(s) for s in select(store, text)]:
            raise p.class_error(name)
    t1 = clock()
    rows = [tuple(s) for s in select(store, p.page_sparql())]
    t2 = clock()
    total = p.total_from_page(len(rows))
    counted = total is None
    if total is None:
        total = read_total(select(store, p.count_sparql()))
    t3 = clock()
    if parts is not None:
        parts["checks"], parts["page"], parts["count"] = t1 - t0, t2 - t1, t3 - t2
    return Answer(len(rows), total, len(checks) + 1 + counted, counted)


def api_path_in_process(store: ox.Store, p: Plan) -> bytes:
    """What the API does for one page, minus HTTP and the worker IPC: each query answered as TSV
    by the workers' own ``run_job``, parsed back as ``lawgraph.api.queries.select`` does, read
    into a Page by ``catalog.arun``'s steps and rendered as Starlette's JSONResponse would."""

    def run(text: str) -> SolutionList:
        answer = run_job(store, Job(query=text, formats=("tsv", None, None), cap=ROW_CAP))
        parsed = ox.parse_query_results(answer.body, ox.QueryResultsFormat.TSV)
        assert isinstance(parsed, ox.QuerySolutions)
        return SolutionList.of(parsed)

    for name, text in p.class_checks():
        if not list(run(text)):
            raise p.class_error(name)
    solutions = run(p.page_sparql())
    rows = list(solutions)
    total = p.total_from_page(len(rows))
    if total is None:
        total = read_total(run(p.count_sparql()))  # type: ignore[arg-type]
    page = p.page(SolutionList(list(solutions.variables), rows), total)
    return json.dumps(
        page.as_json(), ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")
    ).encode("utf-8")


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


class Connection:
    """One keep-alive HTTP/1.1 connection (the stdlib's ``http.client``), reopened when the
    server has closed it while idle."""

    def __init__(self, port: int) -> None:
        self.http = http.client.HTTPConnection("127.0.0.1", port, timeout=600)

    def get(self, path: str, params: Mapping[str, str]) -> Reply:
        """``GET path?params``, the body read."""
        url = f"{path}?{urlencode(params)}" if params else path
        try:
            self.http.request("GET", url)
            response = self.http.getresponse()
        except (http.client.RemoteDisconnected, ConnectionError):
            self.http.close()
            self.http.request("GET", url)
            response = self.http.getresponse()
        return Reply(response.status, response.headers, response.read())

    def close(self) -> None:
        self.http.close()


def api_call(client: Connection, name: str, params: Mapping[str, str], cache: str = "off") -> Reply:
    """``GET /queries/{name}``, checking the status and the answer cache's header."""
    response = client.get(f"/queries/{name}", params)
    if response.status != 200:
        body = response.body.decode(errors="replace")
        raise RuntimeError(f"{name}: HTTP {response.status}: {body[:500]}")
    if response.headers.get("x-lawgraph-cache") != cache:
        raise RuntimeError(f"{name}: X-Lawgraph-Cache is not {cache!r}")
    return response


# --- measuring ---------------------------------------------------------------------------------------


@dataclass
class Case:
    label: str
    query: CannedQuery
    params: dict[str, str]
    plan: Plan
    answer: Answer
    times: dict[str, list[float]] = field(
        default_factory=lambda: {"direct": [], "inproc": [], "api": [], "cached": []}
    )
    parts: dict[str, list[float]] = field(
        default_factory=lambda: {"checks": [], "page": [], "count": []}
    )


def p90(values: list[float]) -> float:
    """The 90th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(math.ceil(0.9 * len(ordered)) - 1, 0)]


def timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


@dataclass
class Probe:
    """A request that shows the API's fixed costs (next to no query work)."""

    label: str
    url: str
    params: dict[str, str]
    status: int
    times: list[float] = field(default_factory=list)


def probes(agency: str) -> list[Probe]:
    no_job = ("/queries/evidence", {}, 400)
    return [
        Probe("/queries/evidence, no entity: 400 before any worker job", *no_job),
        Probe(
            "/queries/official-posts?official=<an agency>: 400 after 1 class-check job",
            "/queries/official-posts",
            {"official": agency},
            400,
        ),
        Probe(
            "/sparql?query=ASK{} (the /sparql fast path): 1 job", "/sparql", {"query": "ASK{}"}, 200
        ),
    ]


class Clients:
    """A connection to the server with the answer cache off (what is measured, and the probes)
    and one to the server with the answer cache on."""

    def __init__(self, port: int, cached_port: int) -> None:
        self.uncached = Connection(port)
        self.cached = Connection(cached_port)

    def close(self) -> None:
        self.uncached.close()
        self.cached.close()


def probe(clients: Clients, item: Probe) -> None:
    status = clients.uncached.get(item.url, item.params).status
    if status != item.status:
        raise RuntimeError(f"{item.url}: HTTP {status}, not {item.status}")


def measure(
    cases: list[Case],
    store: ox.Store,
    clients: Clients,
    rounds: int,
    extra: list[Probe],
    burst: int,
) -> None:
    """Interleaved rounds: in each round every query is run the four ways, in an order that
    rotates from round to round, ``burst`` times in a row each; then the probes."""
    sides = ["direct", "inproc", "api", "cached"]
    for r in range(rounds):
        for item in extra:
            probe(clients, item)  # untimed: reopens a connection the server closed while idle
            for _ in range(3):
                item.times.append(timed(lambda i=item: probe(clients, i)))
        for case in cases:
            order = sides[r % len(sides) :] + sides[: r % len(sides)]
            for side in [side for side in order for _ in range(burst)]:
                if side == "direct":
                    parts: dict[str, float] = {}
                    seconds = timed(lambda c=case, d=parts: direct(store, c.plan, d))
                    for k, v in parts.items():
                        case.parts[k].append(v)
                elif side == "inproc":
                    seconds = timed(lambda c=case: api_path_in_process(store, c.plan))
                elif side == "api":
                    seconds = timed(
                        lambda c=case: api_call(clients.uncached, c.query.name, c.params)
                    )
                else:
                    seconds = timed(
                        lambda c=case: api_call(clients.cached, c.query.name, c.params, "hit")
                    )
                case.times[side].append(seconds)
        print(f"  round {r + 1}/{rounds} done", file=sys.stderr)


# --- reporting ---------------------------------------------------------------------------------------


def machine(label: str) -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {label}: {one:.2f} {five:.2f} {fifteen:.2f}"


def cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def versions() -> str:
    out = [f"python {platform.python_version()}"]
    for package in ("pyoxigraph", "lawgraph", "uvicorn", "fastapi", "rdflib"):
        with contextlib.suppress(PackageNotFoundError):
            out.append(f"{package} {version(package)}")
    return ", ".join(out)


def report(cases: list[Case], rounds: int, burst: int, extra: list[Probe]) -> None:
    ms = 1000.0
    print(
        f"\nmedian and p90 of {rounds} interleaved rounds of {burst} runs a side, ms "
        f"(direct = the same SPARQL in-process; API = GET /queries/{{name}}):"
    )
    head = (
        f"{'query':22} {'rows':>5} {'total':>6} {'sparql':>6} "
        f"{'direct':>9} {'API':>9} {'API/dir':>8}   {'p90 dir':>9} {'p90 API':>9}"
    )
    print(head)
    print("-" * len(head))
    ratios = {}
    for c in cases:
        d, a = median(c.times["direct"]), median(c.times["api"])
        ratios[c.label] = a / d
        sparql = f"{c.answer.queries}{'c' if c.answer.counted else ''}"
        print(
            f"{c.label:22} {c.answer.rows:5d} {c.answer.total:6d} {sparql:>6} "
            f"{d * ms:9.2f} {a * ms:9.2f} {a / d:7.2f}x   "
            f"{p90(c.times['direct']) * ms:9.2f} {p90(c.times['api']) * ms:9.2f}"
        )
    print("(sparql: queries run per page — class checks + page (+ count, marked c))")

    print("\nwhere the time goes, medians in ms:")
    head = (
        f"{'query':22} {'checks':>8} {'page':>8} {'count':>8} {'direct':>8} "
        f"{'in-proc':>8} {'conv':>7} {'HTTP+IPC':>9}"
    )
    print(head)
    print("-" * len(head))
    for c in cases:
        d, i, a = (median(c.times[k]) for k in ("direct", "inproc", "api"))
        parts = [median(c.parts[k]) * ms for k in ("checks", "page", "count")]
        print(
            f"{c.label:22} {parts[0]:8.2f} {parts[1]:8.2f} {parts[2]:8.2f} {d * ms:8.2f} "
            f"{i * ms:8.2f} {(i - d) * ms:+7.2f} {(a - i) * ms:+9.2f}"
        )
    print(
        "(in-proc: the API's own steps without HTTP and IPC — TSV out of run_job, parsed back,\n"
        " Page, JSON body; conv = in-proc − direct; HTTP+IPC = API − in-proc: request routing,\n"
        " the job's trip to a worker process and back, the response; for queries of more than\n"
        " ~50 ms both differences are smaller than the round-to-round noise of the query itself)"
    )

    print("\nfixed costs of the API (median / p90 ms, 3 per round):")
    for item in extra:
        print(f"  {median(item.times) * ms:6.2f} / {p90(item.times) * ms:6.2f}  {item.label}")

    worst = max(ratios, key=ratios.__getitem__)
    within = sum(1 for r in ratios.values() if r <= TARGET)
    print(f"\nworst ratio: {ratios[worst]:.2f}x ({worst})")
    print(f"within {TARGET}x: {within} of {len(ratios)}")
    over = [n for n, r in ratios.items() if r > TARGET]
    if over:
        print(f"over {TARGET}x: {', '.join(over)}")

    print("\nanswer cache: the same request, uncached (cache off) and repeated (a hit), median ms:")
    head = f"{'query':22} {'uncached':>9} {'cached':>9} {'speed-up':>9}"
    print(head)
    print("-" * len(head))
    speedups = {}
    for c in cases:
        a, h = median(c.times["api"]), median(c.times["cached"])
        speedups[c.label] = a / h
        print(f"{c.label:22} {a * ms:9.2f} {h * ms:9.2f} {a / h:8.1f}x")
    least = min(speedups, key=speedups.__getitem__)
    print(
        f"least speed-up: {speedups[least]:.1f}x ({least}); median {median(list(speedups.values())):.1f}x;"
        f" at least {CACHE_TARGET:g}x: {sum(1 for v in speedups.values() if v >= CACHE_TARGET)}"
        f" of {len(speedups)}"
    )


# --- main --------------------------------------------------------------------------------------------


def _terminate(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # run the finally blocks: the server is stopped by its PID


@contextlib.contextmanager
def data_folder(given: Path | None, keep: bool) -> Iterator[Path]:
    if given is not None:
        given.mkdir(parents=True, exist_ok=True)
        yield given  # a cache: kept
        return
    tmp = Path(tempfile.mkdtemp(prefix="lawgraph-bench-queries-"))
    try:
        yield tmp
    finally:
        if keep:
            print(f"data kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


# --- rdflib's engine -----------------------------------------------------------------------------


def _rdflib_child(
    nquads: str, plans: list[tuple[str, list[str], int]], rounds: int, budget: float, conn: Any
) -> None:
    """rdflib's side, in a child process: parse the quads, then send each case's figures (its
    times and page rows, or its error) and the child's peak memory as soon as they are known."""
    import rdflib

    clock = time.perf_counter
    started = clock()
    dataset = rdflib.Dataset(default_union=True)
    dataset.parse(nquads, format="nquads")
    conn.send(("parsed", clock() - started, peak()))
    for label, texts, page_index in plans:
        got: dict[str, Any] = {"times": []}
        while len(got["times"]) < rounds and sum(got["times"]) < budget / 2:
            t0 = clock()
            try:
                answers = [list(dataset.query(text)) for text in texts]
            except Exception as exc:  # an engine error is a result to print, not a crash
                got = {"error": f"{type(exc).__name__}: {exc}"[:100]}
                break
            got["times"].append(clock() - t0)
            got["rows"] = len(answers[page_index])
        conn.send((label, got, peak()))
    conn.close()


def rdflib_side(
    nquads: str, plans: list[tuple[str, list[str], int]], rounds: int, budget: float
) -> tuple[float, dict[str, dict[str, Any]], int]:
    """rdflib's SPARQL engine on the same quads (a ``Dataset`` whose default graph is the union
    of the graphs, as rdflib-endpoint serves it) running the very SPARQL of the direct side
    (class checks, page, count), in a child process of its own (spawned: its memory is its own).
    A case still running after ``budget`` seconds is stopped (its child killed, by PID) and the
    rest go on in a new child. Returns the parse time, each case's figures and the children's
    peak RSS."""
    ctx = multiprocessing.get_context("spawn")
    todo = list(plans)
    cases: dict[str, dict[str, Any]] = {}
    parse, top = 0.0, 0
    while todo:
        ours, theirs = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_rdflib_child, args=(nquads, todo, rounds, budget, theirs))
        child.start()
        theirs.close()
        parsed = False
        while todo:
            if not ours.poll(budget if parsed else 1800):
                top = max(top, peak(child.pid))
                child.kill()
                cases[todo.pop(0)[0]] = {"error": f"stopped after {budget:g} s"}
                break
            try:
                message = ours.recv()
            except EOFError:
                cases[todo.pop(0)[0]] = {"error": f"the child died ({child.exitcode})"}
                break
            top = max(top, message[2])
            if message[0] == "parsed":
                parse, parsed = message[1], True
            else:
                cases[message[0]] = message[1]
                todo.pop(0)
        child.join()
    return parse, cases, top


def rdflib_report(
    cases: list[Case], parse: float, side: dict[str, dict[str, Any]], peak_bytes: int, base: int
) -> None:
    ms = 1000.0
    print(
        f"\nrdflib {version('rdflib')} engine on the same quads (parsed in {parse:.1f} s, "
        f"not counted; child peak RSS {mib(peak_bytes)}, of which {mib(base)} is the bare child):"
    )
    head = f"{'query':22} {'rows':>5} {'rdflib':>10} {'direct':>9} {'rdflib/dir':>11}"
    print(head)
    print("-" * len(head))
    for c in cases:
        got = side[c.label]
        if "error" in got:
            print(f"{c.label:22} {'':>5} {got['error']}")
            continue
        r, d = median(got["times"]), median(c.times["direct"])
        same = "" if got["rows"] == c.answer.rows else f"  (direct: {c.answer.rows} rows)"
        print(f"{c.label:22} {got['rows']:5d} {r * ms:10.1f} {d * ms:9.2f} {r / d:10.0f}x{same}")


# --- main --------------------------------------------------------------------------------------------


def run_scale(args: argparse.Namespace, folder: Path, triples: int) -> None:
    """Every measure of this benchmark at one scale."""
    print(f"\n=== {triples:,} quads ===")
    store_dir = build_store(folder, triples, args.seed)
    started = time.perf_counter()
    store = memory_copy(store_dir)
    graphs = sum(1 for _ in store.named_graphs())
    print(
        f"in-memory copy: {len(store)} quads in {graphs} graphs "
        f"({time.perf_counter() - started:.1f} s)"
    )

    catalog = load_catalog()
    picked = pick_params(store)
    missing = sorted({q.name for q in catalog} - {name for name, _, _ in picked})
    picked += [(name, name, {}) for name in missing]  # a query added since: no parameters
    cases = []
    for name, label, params in picked:
        if args.only and not {name, label} & set(args.only):
            continue
        query = catalog.get(name)
        p = plan(query, params)
        cases.append(Case(label, query, params, p, direct(store, p)))
        print(f"  {label}: {params}")

    port, cached_port = free_port(), free_port()
    base, cached_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{cached_port}"

    def serve_cmd(port: int) -> list[str]:
        return [
            str(VENV_BIN / "lawgraph"),
            "serve",
            "--store",
            str(store_dir),
            "--no-seed",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--timeout",
            "600",
        ]

    started = time.perf_counter()
    with (
        server(
            serve_cmd(port),
            base + "/sparql?query=ASK%7B%7D",
            {"LAWGRAPH_ANSWER_CACHE_ENTRIES": "0"},
        ) as pid,
        TreePeak(pid) as tree,
        server(serve_cmd(cached_port), cached_base + "/sparql?query=ASK%7B%7D") as cached_pid,
        contextlib.closing(Clients(port, cached_port)) as clients,
    ):
        print(
            f"servers: pid {pid}, {base} (answer cache off); pid {cached_pid}, {cached_base} "
            f"(answer cache on); ready in {time.perf_counter() - started:.1f} s"
        )
        for case in cases:  # warm up, and check that both sides give the same answer
            api_call(clients.cached, case.query.name, case.params, "miss")
            for _ in range(3):
                body = json.loads(api_call(clients.uncached, case.query.name, case.params).body)
                api_call(clients.cached, case.query.name, case.params, "hit")
                direct(store, case.plan)
                api_path_in_process(store, case.plan)
            if (len(body["rows"]), body["total"]) != (case.answer.rows, case.answer.total):
                raise SystemExit(
                    f"{case.label}: the API answered {len(body['rows'])} rows of "
                    f"{body['total']}, direct {case.answer.rows} of {case.answer.total}"
                )
        agency = next(params["agency"] for _, label, params in picked if label == "events")
        extra = probes(agency)
        for item in extra:
            probe(clients, item)
        measure(cases, store, clients, args.rounds, extra, args.burst)
    report(cases, args.rounds, args.burst, extra)
    print(
        f"\npeak memory: server process tree (front, zygote, workers) PSS {mib(tree.peak_pss)}, "
        f"RSS summed {mib(tree.peak_rss)}; this process (holding the direct side's in-memory "
        f"store) {mib(peak())}"
    )

    if triples <= args.rdflib_max:
        nquads = folder / f"store-{triples}-seed{args.seed}.nq"
        if not nquads.exists():
            store.dump(str(nquads), ox.RdfFormat.N_QUADS)
        plans = []
        for c in cases:
            texts = [text for _, text in c.plan.class_checks()] + [c.plan.page_sparql()]
            if c.answer.counted:
                texts.append(c.plan.count_sparql())
            plans.append((c.label, texts, len(c.plan.class_checks())))
        parse, side, peak_bytes = rdflib_side(
            str(nquads), plans, args.rdflib_rounds, args.rdflib_budget
        )
        rdflib_report(cases, parse, side, peak_bytes, baseline())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--triples", type=int, default=1_000_000, help="about how many quads")
    parser.add_argument(
        "--scales",
        help="comma-separated quad counts to run one after the other (instead of --triples), "
        "e.g. 10000,100000,1000000",
    )
    parser.add_argument("--rounds", type=int, default=15, help="interleaved timed rounds")
    parser.add_argument(
        "--burst",
        type=int,
        default=5,
        help="runs of each side in a row in a round (1: every API request comes to an idle server)",
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the synthetic data")
    parser.add_argument(
        "--rdflib-max",
        type=int,
        default=100_000,
        help="run rdflib's engine at scales up to this many quads (0: never) [100000]",
    )
    parser.add_argument("--rdflib-rounds", type=int, default=3, help="rounds of rdflib's engine")
    parser.add_argument(
        "--rdflib-budget",
        type=float,
        default=120.0,
        help="seconds after which rdflib's engine is stopped on a case [120]",
    )
    parser.add_argument(
        "--data",
        type=Path,
        help="folder to build the store in and reuse it from (default: a temp dir, removed)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temp data folder")
    parser.add_argument(
        "--only", action="append", help="run only this query (repeatable; for debugging)"
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it
    scales = [int(n) for n in args.scales.split(",")] if args.scales else [args.triples]

    print(f"machine: {os.cpu_count()} cores ({cpu_model()}), {platform.platform()}")
    print(machine("at start"))
    print(f"versions: {versions()}")
    with data_folder(args.data, args.keep) as folder:
        for triples in scales:
            run_scale(args, folder, triples)
    print(machine("at end"))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        print("interrupted: the server was stopped", file=sys.stderr)
        sys.exit(130)
