"""Hostile SPARQL: deep nesting, huge literals, pathological property paths, cartesian products,
huge VALUES, many OPTIONALs, regex bombs. Each is answered correctly, refused with a 4xx naming
the problem, or stopped by the timeout (503); never a 500, never a crashed server; and while one
runs, another client's cheap query is answered at once.

Runs against a real ``lawgraph serve`` over the embedded sample store, with a 1.5 s timeout and
the default query length limit (the deep queries below fit in it).
"""

from __future__ import annotations

import concurrent.futures
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from backends import LAWGRAPH_ENV, Server, start_lawgraph

TIMEOUT = 1.5
HEAVY = 0.5
P, Q = "<http://example.org/lawgraph-test/promotesLaw>", "<http://example.org/lawgraph-test/x>"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, embedded_store: Path) -> Iterator[Server]:
    env = {
        **LAWGRAPH_ENV,  # two workers: at most one heavy query at a time (max_heavy_queries)
        "LAWGRAPH_QUERY_TIMEOUT": str(TIMEOUT),
        "LAWGRAPH_HEAVY_QUERY_SECONDS": str(HEAVY),
    }
    del env["LAWGRAPH_MAX_QUERY_LENGTH"], env["LAWGRAPH_MAX_REQUEST_BYTES"]  # the defaults
    started = start_lawgraph(tmp_path_factory.mktemp("hostile"), store=embedded_store, env=env)
    yield started
    started.stop()


@pytest.fixture(scope="module")
def reference(sparql_quads: list[ox.Quad]) -> ox.Store:
    """The same data in memory, to check answers against (union default graph, as served)."""
    store = ox.Store()
    store.extend(sparql_quads)
    return store


def ask(server: Server, query: str) -> httpx.Response:
    return httpx.post(
        server.query_url,
        content=query.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
        timeout=60,
    )


def number(response: httpx.Response) -> int:
    """The single number a ``SELECT (… AS ?n)`` answered."""
    assert response.status_code == 200, response.text
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def expected(reference: ox.Store, query: str) -> int:
    solutions = reference.query(query, use_default_graph_as_union=True)
    return int(next(iter(solutions))["n"].value)  # type: ignore[arg-type,index]


@dataclass
class Hostile:
    name: str
    query: str
    statuses: tuple[int, ...]
    "what may come back: 200 (answered), 400/413 (refused, naming why), 503 (timed out)"
    answer: int | bool | None = None
    "for a 200: the number (``?n``) or boolean it must be"
    same_as: str | None = None
    "for a 200: a harmless query that must give the same number"


N = 5000
CASES = [
    # deep nesting: pyoxigraph parses and evaluates recursively
    Hostile(
        "groups",
        "SELECT (COUNT(*) AS ?n) WHERE " + "{" * N + "?s ?p ?o" + "}" * N,
        (200,),
        same_as=COUNT_ALL,
    ),
    Hostile(
        "parentheses",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER("
        + "(" * 20_000
        + "1"
        + ")" * 20_000
        + ")}",
        (200,),
        same_as=COUNT_ALL,
    ),
    Hostile(
        "expression",
        "SELECT (" + "(" * 40_000 + "7" + ")" * 40_000 + " AS ?n) WHERE {}",
        (200,),
        answer=7,
    ),
    Hostile("negations", "ASK { FILTER(" + "!" * 40_000 + "true) }", (200,), answer=True),
    Hostile("conjunction", "ASK { FILTER(" + " && ".join(["true"] * 12_000) + ") }", (200,), True),
    Hostile(
        "function calls",
        "SELECT (STRLEN(" + "STR(" * 10_000 + '"abc"' + ")" * 10_000 + ") AS ?n) WHERE {}",
        (200,),
        answer=3,
    ),
    Hostile(
        "subqueries",
        "SELECT (COUNT(*) AS ?n) WHERE { "
        + "{ SELECT * WHERE " * 3000
        + "{ ?s ?p ?o }"
        + "}" * 3000
        + "}",
        (200,),
        same_as=COUNT_ALL,
    ),
    Hostile(
        "unions",
        "SELECT (COUNT(*) AS ?n) WHERE { " + "{ } UNION " * 8000 + "{ } }",
        (200, 503),
        answer=8001,
    ),
    Hostile(
        "nested optionals",
        "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 3000 + "}" * 3000 + "}",
        (200, 503),
    ),
    Hostile(
        "nested collections",
        "SELECT * WHERE { ?s ?p " + "(" * 2000 + "1" + ")" * 2000 + "}",
        (200, 503),
    ),
    Hostile(
        "nested blank nodes",
        "SELECT * WHERE { ?s ?p " + "[ a " * 5000 + "1" + "]" * 5000 + "}",
        (200, 503),
    ),
    # huge literals and lists
    Hostile(
        "huge literal",
        'SELECT (STRLEN("' + "法" * 90_000 + '") AS ?n) WHERE {}',
        (200,),
        answer=90_000,
    ),
    Hostile("literal over the limit", 'ASK { FILTER("' + "x" * 120_000 + '") }', (413,)),
    Hostile(
        "huge VALUES",
        "SELECT (COUNT(*) AS ?n) WHERE { VALUES ?x { "
        + " ".join(str(i) for i in range(15_000))
        + " } }",
        (200,),
        answer=15_000,
    ),
    # pathological property paths
    Hostile(
        "(p|q)* over everything",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s ({P}|!{Q})* ?o }}",
        (200, 503),
    ),
    Hostile(
        "negated inverse star",
        f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s !(^{Q})* ?o }}",
        (200, 503),
    ),
    Hostile("!()* (not SPARQL)", "SELECT * WHERE { ?s !()* ?o }", (400,)),
    Hostile(
        "nested path stars",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s " + "(" * 500 + f"{P}*" + ")*" * 500 + " ?o }",
        (200, 503),
    ),
    # blow-ups in the result size
    Hostile(
        "cartesian product",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?x ?y }",
        (503,),
    ),
    Hostile(
        "many OPTIONALs",
        "SELECT * WHERE { ?s ?p ?o "
        + " ".join(f"OPTIONAL {{ ?s{i} ?p{i} ?o{i} }}" for i in range(300))
        + "}",
        (200, 503),
    ),
    Hostile(
        "string doubling",
        'SELECT (STRLEN(?z) AS ?n) WHERE { BIND("ab" AS ?a0) '
        + " ".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1})" for i in range(40))
        + " BIND(?a40 AS ?z) }",
        (200, 503),
    ),
    # regular expressions
    Hostile(
        "catastrophic backtracking",
        'ASK { FILTER(REGEX("' + "a" * 5000 + '!", "^(a+)+$")) }',
        (200,),
        answer=False,
    ),
    Hostile(
        "regex over every literal",
        'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(REGEX(STR(?o), "(x+x+)+y")) }',
        (200,),
        answer=0,
    ),
    Hostile(
        "huge repetition", 'ASK { FILTER(REGEX("a", "((a{1000}){1000}){1000}")) }', (200,), False
    ),
    Hostile("broken regex", 'ASK { FILTER(REGEX("a", "(")) }', (200,), answer=False),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_query_is_answered_refused_or_stopped(
    server: Server, reference: ox.Store, case: Hostile
) -> None:
    started = time.monotonic()
    response = ask(server, case.query)
    elapsed = time.monotonic() - started
    assert response.status_code in case.statuses, (response.status_code, response.text[:300])
    assert server.process.poll() is None, "the server died"
    if response.status_code != 200:
        body = response.json()
        assert body["ok"] is False and body["status"] == response.status_code
        if response.status_code == 503:  # stopped by the time limit or the memory cap
            assert f"{TIMEOUT:g} s limit" in body["error"] or "worker_memory_mb" in body["error"]
            assert elapsed < TIMEOUT + 3
        elif response.status_code == 413:
            assert "max_query_length" in body["error"]
        else:
            assert "error at" in body["error"]  # the parser's position of the problem
        return
    if case.same_as is not None:
        assert number(response) == number(ask(server, case.same_as))
    elif isinstance(case.answer, bool):
        assert response.json()["boolean"] is case.answer
    elif case.answer is not None:
        assert number(response) == case.answer
    elif "COUNT" in case.query and len(case.query) < 2000:
        assert number(response) == expected(reference, case.query)


SLOW = [c for c in CASES if 503 in c.statuses]


@pytest.mark.parametrize("case", SLOW[:3] + SLOW[-2:], ids=lambda c: c.name)
def test_a_cheap_query_is_answered_while_a_hostile_one_runs(server: Server, case: Hostile) -> None:
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        hostile = pool.submit(ask, server, case.query)
        time.sleep(0.3)
        started = time.monotonic()
        cheap = ask(server, COUNT_ALL)
        elapsed = time.monotonic() - started
        assert cheap.status_code == 200, cheap.text
        assert elapsed < 0.5, f"a cheap query took {elapsed:.2f} s while {case.name} ran"
        assert hostile.result().status_code in case.statuses
    assert number(ask(server, COUNT_ALL)) > 0


def test_a_second_heavy_query_is_stopped_early_and_cheap_ones_still_run(server: Server) -> None:
    runaway = next(c for c in CASES if c.name == "cartesian product").query
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        first = pool.submit(ask, server, runaway)
        time.sleep(HEAVY + 0.3)  # the first one is heavy now
        started = time.monotonic()
        second = ask(server, runaway)
        stopped_after = time.monotonic() - started
        cheap_started = time.monotonic()
        cheap = ask(server, COUNT_ALL)
        cheap_took = time.monotonic() - cheap_started
        first_body = first.result().json()
    assert second.status_code == 503
    assert "max_heavy_queries" in second.json()["error"], second.text
    assert HEAVY - 0.1 < stopped_after < HEAVY + 0.5
    assert cheap.status_code == 200 and cheap_took < 0.5
    assert first_body["status"] == 503 and f"{TIMEOUT:g} s limit" in first_body["error"]
