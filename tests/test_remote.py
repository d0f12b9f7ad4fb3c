"""The remote backend: RemoteStore over Oxigraph server and Virtuoso.

* the same answers through /sparql from the embedded store, Oxigraph and Virtuoso (their
  differences normalised: default graph, system graphs, typed-literal, silent row caps);
* RemoteStore's write methods (Graph Store Protocol and SPARQL Update), as the loader uses them.
"""

from __future__ import annotations

import gc
import json
import urllib.parse
import weakref
from collections import Counter
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from backends import BIG, EX, G1, G2, KASEI, ROW_CAP, Server, sample_quads

from lawgraph.errors import QueryError
from lawgraph.remote import (
    EMPTY_GRAPH,
    REMOTE_MAX_DEPTH,
    REMOTE_MAX_OPERATORS,
    RemoteStore,
    check_remote_query,
)
from lawgraph.resources import queries_dir
from lawgraph.sparql import Job, PageJob, run_page_job

WRITE_G = EX + "write/"

PARITY_QUERIES: list[tuple[str, dict[str, list[str]]]] = [
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}),
    ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", {}),
    ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", {}),
    (
        "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = 'zh') }",
        {},
    ),
    (f"SELECT ?p ?o WHERE {{ <{EX}event/1> ?p ?o }}", {}),
    (
        f"SELECT ?o (DATATYPE(?o) AS ?dt) WHERE {{ <{EX}event/1> ?p ?o FILTER(isLiteral(?o) && lang(?o) = '') }}",
        {},
    ),
    (f"SELECT (COUNT(*) AS ?n) FROM <{G1}> WHERE {{ ?s ?p ?o }}", {}),
    ("SELECT ?s WHERE { GRAPH ?g { ?s a ?t } }", {"named-graph-uri": [G1]}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {"default-graph-uri": [G2]}),
    ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {"default-graph-uri": [G1, G2]}),
    (
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        {"default-graph-uri": ["http://example.org/not-a-graph"]},
    ),
    ("SELECT (COUNT(*) AS ?n) FROM <http://example.org/not-a-graph> WHERE { ?s ?p ?o }", {}),
    (f"SELECT ?i WHERE {{ ?s <{EX}index> ?i FILTER(?i < 5) }} ORDER BY ?i", {}),
    (f"SELECT ?law WHERE {{ <{EX}event/1> <{EX}promotesLaw> ?law }} ORDER BY ?law", {}),
    ("ASK { ?s ?p ?o }", {}),
    (f"ASK {{ <{EX}law/civil-code> ?p 'nothing' }}", {}),
    (f"ASK {{ <{KASEI}data1.rdf> a ?type }}", {"default-graph-uri": [KASEI + "data1.rdf"]}),
]


def ask(
    server: Server,
    query: str,
    params: dict[str, list[str]],
    accept: str = "text/tab-separated-values",
) -> httpx.Response:
    """POST a query as a form, with repeatable dataset parameters."""
    data = [("query", query)] + [(k, v) for k, vs in params.items() for v in vs]
    return httpx.post(
        server.query_url,
        content=urllib.parse.urlencode(data).encode(),
        headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        timeout=30,
    )


def rows(response: httpx.Response) -> Counter[tuple[str, ...]] | bool:
    assert response.status_code == 200, response.text
    result = ox.parse_query_results(response.content, ox.QueryResultsFormat.TSV)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    names = [v.value for v in result.variables]
    return Counter(
        tuple(str(row[n]) if row[n] is not None else "" for n in names) for row in result
    )


@pytest.mark.parametrize(("query", "params"), PARITY_QUERIES, ids=range(len(PARITY_QUERIES)))
def test_same_answers_from_every_backend(
    lawgraph: Server,
    lawgraph_over_oxigraph: Server,
    lawgraph_over_virtuoso: Server,
    query: str,
    params: dict[str, list[str]],
) -> None:
    accept = (
        "application/sparql-results+xml" if query.startswith("ASK") else "text/tab-separated-values"
    )

    def answer(server: Server) -> object:
        response = ask(server, query, params, accept)
        if query.startswith("ASK"):
            assert response.status_code == 200, response.text
            return bool(ox.parse_query_results(response.content, ox.QueryResultsFormat.XML))
        return rows(response)

    expected = answer(lawgraph)
    assert answer(lawgraph_over_oxigraph) == expected
    assert answer(lawgraph_over_virtuoso) == expected


def test_json_is_normalised(served: Server) -> None:
    """No ``typed-literal`` (Virtuoso), datatypes and language tags as SPARQL 1.1 JSON has them."""
    response = ask(
        served,
        f"SELECT ?o WHERE {{ <{EX}event/1> ?p ?o FILTER(isLiteral(?o)) }}",
        {},
        "application/sparql-results+json",
    )
    bindings = [b["o"] for b in response.json()["results"]["bindings"]]
    assert {b["type"] for b in bindings} == {"literal"}
    datatypes = {b.get("datatype") for b in bindings}
    assert {
        "http://www.w3.org/2001/XMLSchema#date",
        "http://www.w3.org/2001/XMLSchema#integer",
        "http://www.w3.org/2001/XMLSchema#decimal",
    } <= datatypes
    assert any(b.get("xml:lang") == "zh" and b["value"].startswith("宪法宣传周") for b in bindings)


def test_system_graphs_are_hidden(served: Server) -> None:
    response = ask(
        served,
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        {},
        "application/sparql-results+json",
    )
    graphs = {b["g"]["value"] for b in response.json()["results"]["bindings"]}
    assert graphs == {G1, G2, BIG, KASEI + "data1.rdf", KASEI + "data2.rdf", KASEI + "data3.rdf"}


def test_construct_is_the_same_graph(served: Server, lawgraph: Server) -> None:
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{G2}> {{ ?s ?p ?o }} }}"
    mine = ask(served, query, {}, "application/n-triples")
    reference = ask(lawgraph, query, {}, "application/n-triples")
    assert mine.status_code == 200, mine.text
    assert sorted(mine.text.splitlines()) == sorted(reference.text.splitlines())
    turtle = ask(served, query, {}, "text/turtle")
    assert "宪法宣传周" in turtle.text  # raw UTF-8, not \\u escapes (Virtuoso escapes them)


def test_row_cap_and_refusals_through_every_backend(served: Server) -> None:
    capped = ask(
        served,
        f"SELECT ?s WHERE {{ GRAPH <{BIG}> {{ ?s ?p ?o }} }}",
        {},
        "application/sparql-results+json",
    )
    assert capped.headers["x-lawgraph-truncated"] == "true"
    assert len(capped.json()["results"]["bindings"]) == ROW_CAP
    for query, status in [
        ("SELECT * WHERE { ?s ?p", 400),
        ("INSERT DATA { <http://a> <http://b> <http://c> }", 403),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", 403),
    ]:
        response = ask(served, query, {}, "application/sparql-results+json")
        assert response.status_code == status, response.text
        assert response.json()["ok"] is False


def test_server_specific_syntax_is_refused_before_the_server_sees_it(
    lawgraph_over_virtuoso: Server,
) -> None:
    for query in [
        'DEFINE get:soft "replace" SELECT * FROM <http://127.0.0.1:9/data> WHERE { ?s ?p ?o }',
        'PREFIX bif: <http://www.openlinksw.com/schemas/bif#> SELECT (bif:http_get("http://127.0.0.1:9/") AS ?x) WHERE {}',
    ]:
        response = ask(lawgraph_over_virtuoso, query, {}, "application/sparql-results+json")
        assert 400 <= response.status_code < 500, response.text


def test_check_remote_query_reads_the_dataset_clause() -> None:
    info = check_remote_query(f"SELECT * FROM <{G1}> FROM NAMED <{G2}> WHERE {{ ?s ?p ?o }}", None)
    assert info.form == "SELECT" and info.from_graphs == [G1] and info.from_named == [G2]
    assert check_remote_query("ASK {}", None).from_graphs is None


def test_parsing_a_query_keeps_no_frame_of_its_caller_alive() -> None:
    """pyparsing leaves reference cycles holding the frames of the stack it ran on; a caller's
    pyoxigraph results kept alive by them would be freed by the garbage collector on another
    thread, which pyoxigraph refuses (the results leak). What the caller holds after parsing
    is freed when the caller returns."""

    class Held:
        pass

    def caller() -> weakref.ref[Held]:
        check_remote_query("SELECT ?s WHERE { ?s ?p ?o OPTIONAL { ?s ?q ?z } } LIMIT 5", None)
        held = Held()
        return weakref.ref(held)

    gc.disable()
    try:
        assert caller()() is None
    finally:
        gc.enable()


def test_check_remote_query_refuses_what_would_overwhelm_a_parser() -> None:
    """A deep or long query is refused at once, before rdflib's recursive parser (which takes
    seconds on a 1,000-term chain) or the remote server (a 12,000-term ``&&`` chain crashes an
    Oxigraph server) sees it; strings and IRIs full of brackets do not count."""
    chain = "SELECT * WHERE { ?s ?p ?o FILTER(" + " && ".join(["?o = 1"] * 12_000) + ") }"
    nested = "SELECT * WHERE " + "{" * 3_000 + "?s ?p ?o" + "}" * 3_000
    unions = "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 8_000) + " }"
    for query, problem in [
        (chain, f"at most {REMOTE_MAX_OPERATORS}"),
        (nested, f"nest at most {REMOTE_MAX_DEPTH}"),
        (unions, f"at most {REMOTE_MAX_OPERATORS}"),
    ]:
        with pytest.raises(QueryError, match=problem):
            check_remote_query(query, None)
    patterns = [f"?s <urn:p{i}> ?o{i}" for i in range(240)]
    with pytest.raises(QueryError, match="recurses once per triple pattern"):
        check_remote_query("SELECT * WHERE { " + " . ".join(patterns) + " }", None)
    groups = [" . ".join(patterns[i : i + 40]) for i in range(0, len(patterns), 40)]
    split = "SELECT * WHERE { " + " ".join(f"{{ {g} }}" for g in groups) + " }"
    assert check_remote_query(split, None).form == "SELECT"  # the advice of the message works
    brackets = '"' + "(" * 5_000 + '"'
    assert check_remote_query(f"SELECT * WHERE {{ ?s <urn:x((((> {brackets} }}", None).form
    for path in sorted(queries_dir().glob("*.rq")):  # every canned question passes
        check_remote_query(path.read_text(encoding="utf-8"), None)


# --- the Virtuoso 10,000-row cap ------------------------------------------------------------------


def test_virtuoso_silent_cap_is_reported(virtuoso_server: Server) -> None:
    store = RemoteStore(
        virtuoso_server.query_url,
        gsp_endpoint=virtuoso_server.gsp_url,
        user="dba",
        password="dba",
        graphs_ttl=0,
    )
    graph = WRITE_G + "ten-thousand"
    quads = [
        ox.Quad(
            ox.NamedNode(f"{EX}many/{i}"),
            ox.NamedNode(EX + "n"),
            ox.Literal(str(i)),
            ox.NamedNode(graph),
        )
        for i in range(10_050)
    ]
    store.replace_graph(graph, quads)
    try:
        answer = store.run_job(
            Job(
                f"SELECT ?s WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
                formats=("json", "json", "turtle"),
                cap=20_000,
            )
        )
        assert answer.rows == 10_000
        assert answer.truncated is True
        body = json.loads(answer.body)
        assert body["truncated"] is True and body["rowCap"] == 10_000
    finally:
        assert store.drop_graph(graph)


# --- writes -----------------------------------------------------------------------------------------


@pytest.fixture(params=["oxigraph-gsp", "oxigraph-update", "virtuoso-gsp", "virtuoso-update"])
def writable(request: pytest.FixtureRequest) -> RemoteStore:
    name, method = request.param.split("-")
    server: Server = request.getfixturevalue(f"{name}_server")
    return RemoteStore(
        server.query_url,
        update_endpoint=server.update_url,
        gsp_endpoint=server.gsp_url if method == "gsp" else None,
        user=server.user,
        password=server.password,
        auth=server.auth,
        graphs_ttl=0,
    )


def _quads(graph: str, n: int, tag: str = "") -> list[ox.Quad]:
    g = ox.NamedNode(graph)
    out = [
        ox.Quad(
            ox.NamedNode(f"{graph}/s{i}"),
            ox.NamedNode(EX + "p"),
            ox.Literal(f"值{tag}{i}", language="zh"),
            g,
        )
        for i in range(n)
    ]
    out.append(ox.Quad(ox.NamedNode(f"{graph}/s0"), ox.NamedNode(EX + "b"), ox.BlankNode("x"), g))
    out.append(
        ox.Quad(
            ox.BlankNode("x"),
            ox.NamedNode(EX + "n"),
            ox.Literal("7", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            g,
        )
    )
    return out


def _graph_count(store: RemoteStore, graph: str) -> int:
    answer = store.run_job(
        Job(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
            formats=("json", "json", "turtle"),
        )
    )
    return int(json.loads(answer.body)["results"]["bindings"][0]["n"]["value"])


def test_replace_drop_and_count(writable: RemoteStore) -> None:
    a, b = WRITE_G + "a", WRITE_G + "b"
    before = len(writable)
    writable.replace_graph(a, _quads(a, 5))
    assert a in writable.graphs()
    assert _graph_count(writable, a) == 7
    writable.replace_graph(a, _quads(a, 3, "v2"))  # replaces, not adds
    assert _graph_count(writable, a) == 5
    blank = writable.run_job(
        Job(
            f"SELECT ?n WHERE {{ GRAPH <{a}> {{ <{a}/s0> <{EX}b> ?x . ?x <{EX}n> ?n }} }}",
            formats=("tsv", "json", "turtle"),
        )
    )
    assert blank.body.splitlines()[1] == b"7"  # the blank node still links the two triples
    writable.replace_graphs([a, b], _quads(b, 2))  # drops a, writes b
    assert a not in writable.graphs() and b in writable.graphs()
    assert len(writable) == before + 4
    assert writable.drop_graph(b) is True
    assert writable.drop_graph(b) is False
    assert len(writable) == before


def test_load_rdf_and_the_loader(writable: RemoteStore, tmp_path: Path) -> None:
    ttl = tmp_path / "laws.ttl"
    ttl.write_text(
        f'<{EX}x> <http://www.w3.org/2000/01/rdf-schema#label> "刑法"@zh .\n<{EX}y> <{EX}p> <{EX}x> .\n',
        encoding="utf-8",
    )
    graphs, count = writable.load_rdf(ttl, WRITE_G + "file")
    assert (graphs, count) == ([WRITE_G + "file"], 2)
    trig = tmp_path / "two.trig"
    trig.write_text(
        f"<{WRITE_G}t1> {{ <{EX}a> <{EX}p> 1 . }}\n<{WRITE_G}t2> {{ <{EX}b> <{EX}p> 2 . <{EX}c> <{EX}p> 3 . }}\n",
        encoding="utf-8",
    )
    graphs, count = writable.load_rdf(trig, WRITE_G + "unused")
    assert graphs == [WRITE_G + "t1", WRITE_G + "t2"] and count == 3
    assert _graph_count(writable, WRITE_G + "t2") == 2
    label = writable.run_job(
        Job(f"SELECT ?l WHERE {{ <{EX}x> ?p ?l }}", formats=("tsv", "json", "turtle"))
    )
    assert "刑法" in label.body.decode()
    try:
        from lawgraph.loader import load_paths
    except ImportError:  # pragma: no cover - the loader lands separately
        pytest.skip("lawgraph.loader is not there yet")
    loaded = load_paths(writable, [ttl])
    assert [item.quads for item in loaded] == [2]
    for graph in {*graphs, WRITE_G + "file", *(g for item in loaded for g in item.graphs)}:
        writable.drop_graph(graph)
    assert not [g for g in writable.graphs() if g.startswith(WRITE_G)]


def test_empty_dataset_never_reaches_other_graphs(oxigraph_server: Server) -> None:
    store = RemoteStore(oxigraph_server.query_url, graphs_ttl=0)
    assert store.dataset(["http://example.org/unknown"], None) == ([EMPTY_GRAPH], [EMPTY_GRAPH])
    default, named = store.dataset(None, None)
    assert default == named and G1 in default and EMPTY_GRAPH not in default


def test_unreachable_endpoint_is_a_store_error() -> None:
    from lawgraph.errors import StoreError

    store = RemoteStore("http://127.0.0.1:9/sparql", timeout=2)
    with pytest.raises(StoreError):
        store.check()


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
@pytest.mark.parametrize("gsp", [True, False])
def test_query_and_quads_work_like_the_embedded_store(
    request: pytest.FixtureRequest, name: str, gsp: bool, sparql_quads: list[ox.Quad]
) -> None:
    """The reading API the catalog and the exports use: query(prefixes=, substitutions=)
    and quads(graph)."""
    server: Server = request.getfixturevalue(f"{name}_server")
    store = RemoteStore(
        server.query_url,
        gsp_endpoint=server.gsp_url if gsp else None,
        user=server.user,
        password=server.password,
        graphs_ttl=0,
    )
    rdfs = {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    law = ox.NamedNode(f"{EX}law/civil-code")
    rows = store.query(
        "SELECT ?label WHERE { ?law rdfs:label ?label }",
        prefixes=rdfs,
        substitutions={ox.Variable("law"): law},
    )
    assert {r["label"] for r in rows} == {  # type: ignore[union-attr]
        ox.Literal("民法典", language="zh"),
        ox.Literal("Civil Code", language="en"),
    }
    assert bool(store.query("ASK { ?s ?p ?o }")) is True
    nothing = store.query(
        "SELECT * WHERE { ?s ?p ?o }", default_graph=[ox.NamedNode("http://example.org/none")]
    )
    assert list(nothing) == []  # type: ignore[arg-type]
    triples = store.query(
        "CONSTRUCT { ?law rdfs:label ?label } WHERE { ?law rdfs:label ?label }",
        prefixes=rdfs,
        substitutions={ox.Variable("law"): law},
    )
    assert len(triples) == 2  # type: ignore[arg-type]
    expected = sorted(str(q) for q in sparql_quads if q.graph_name == ox.NamedNode(G1))
    assert sorted(str(q) for q in store.quads(G1)) == expected
    assert sum(1 for _ in store.quads()) == len(sparql_quads)


@pytest.mark.parametrize("name", ["oxigraph", "virtuoso"])
def test_a_canned_page_job_gives_the_embedded_answer(
    request: pytest.FixtureRequest, name: str, sparql_quads: list[ox.Quad]
) -> None:
    """What a RemoteBackend runs for a page of /queries: class checks, page and count in one go,
    with the embedded store's answers (a failed check stops the job)."""
    server: Server = request.getfixturevalue(f"{name}_server")
    remote = RemoteStore(server.query_url, graphs_ttl=0)
    embedded = ox.Store()
    embedded.extend(sparql_quads)
    where = f"WHERE {{ ?s <{EX}index> ?i FILTER(?i < 5) }}"
    check = f"SELECT ?x WHERE {{ VALUES ?x {{ <{EX}event/1> }} ?x ?p ?o }} LIMIT 1"
    missing = f"SELECT ?x WHERE {{ VALUES ?x {{ <{EX}nothing> }} ?x ?p ?o }} LIMIT 1"
    count = f"SELECT (COUNT(*) AS ?n) {where}"
    for limit in (2, 100):  # a full page needs the count; a short one tells the total
        page = f"SELECT ?i {where} ORDER BY ?i LIMIT {limit}"
        job = PageJob((check,), page, count, limit, 0)
        answers = [run_page_job(store, job) for store in (embedded, remote)]
        assert answers[0].failed_check is None and answers[0].total == 5
        assert [(a.body, a.total, a.failed_check) for a in answers[1:]] == [
            (answers[0].body, 5, None)
        ]
    refused = run_page_job(remote, PageJob((check, missing), "unused", "unused", 2, 0))
    assert refused.failed_check == 1 and refused.body == b""


@pytest.mark.parametrize("fmt", ["nquads", "graphml"])
def test_export_through_a_remote_endpoint(
    lawgraph_over_oxigraph: Server, oxigraph_server: Server, fmt: str
) -> None:
    """``/export`` over a remote endpoint: made in a thread as it is read, and the bytes that
    :func:`export` makes from the same endpoint."""
    from lawgraph.export.service import export

    url = f"{lawgraph_over_oxigraph.base}/export"
    with httpx.stream("GET", url, params={"scope": "all", "format": fmt}, timeout=60) as response:
        assert response.status_code == 200
        assert response.headers.get("transfer-encoding") == "chunked"
        body = response.read()
    remote = RemoteStore(oxigraph_server.query_url, gsp_endpoint=oxigraph_server.gsp_url)
    assert body == b"".join(export(remote, "all", fmt).chunks)
    assert body.count(b"\n") >= (len(sample_quads()) if fmt == "nquads" else 1)
    refused = httpx.get(url, params={"scope": "report:nowhere"}, timeout=60)
    assert refused.status_code == 400 and "nowhere" in refused.json()["error"]
