"""Unit tests of the pieces behind /sparql: the guard, negotiation, parameter parsing,
serialisation with a cap, settings and their documentation."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from backends import ROOT

from lawgraph.api.errors import status_of
from lawgraph.api.params import parse_params
from lawgraph.errors import ForbiddenQuery, QueryError, QueryTimeout, StoreError
from lawgraph.settings import Settings, setting_names
from lawgraph.sparql import (
    Job,
    NotAcceptable,
    format_by_name,
    inspect_query,
    known_format,
    negotiate,
    run_job,
    serialize_solutions,
    serialize_triples,
    values_position,
)


@pytest.mark.parametrize(
    ("query", "form", "has_from"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "SELECT", False),
        ("PREFIX : <http://x/> PREFIX ex: <http://y/> ASK { :a ex:b ?c }", "ASK", False),
        ("BASE <http://x/> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT", False),
        ("describe <http://x>", "DESCRIBE", False),
        ("# INSERT DATA in a comment\nSELECT * FROM <http://g> { ?s ?p ?o }", "SELECT", True),
        ("SELECT * FROM NAMED <http://g> { GRAPH ?g { ?s ?p ?o } }", "SELECT", True),
        ('SELECT ?from WHERE { ?s <http://x/from> "FROM" }', "SELECT", False),
        ("SELECT * WHERE { ?s ex:service ?o . ?service ?p _:service }", "SELECT", False),
        ("NONSENSE", None, False),
    ],
)
def test_inspect_query(query: str, form: str | None, has_from: bool) -> None:
    info = inspect_query(query)
    assert (info.form, info.has_from) == (form, has_from)


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a> <b> <c> }",
        "prefix ex: <http://x/> delete where { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "clear all",
        "DROP SILENT GRAPH <http://g>",
        "CREATE GRAPH <http://g>",
        "ADD DEFAULT TO <http://g>",
        "MOVE <http://a> TO <http://b>",
        "COPY <http://a> TO <http://b>",
        "WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
        "SELECT * { SERVICE <http://x> { ?s ?p ?o } }",
        "SELECT * { ?s ?p ?o .SERVICE<http://x>{ ?s ?p ?o } }",
        "SELECT * { \\u0053ERVICE <http://x> { ?s ?p ?o } }",
    ],
)
def test_inspect_query_refuses(query: str) -> None:
    with pytest.raises(ForbiddenQuery):
        inspect_query(query)


@pytest.mark.parametrize(
    ("accept", "results", "boolean", "graph"),
    [
        (None, "json", "json", "turtle"),
        ("*/*", "json", "json", "turtle"),
        ("application/json", "json", "json", "jsonld"),
        ("application/xml", "xml", "xml", "rdfxml"),
        ("text/*", "csv", None, "turtle"),
        ("text/plain", None, None, "ntriples"),
        ("application/sparql-results+json;q=0.1, text/csv", "csv", "json", None),
        ("text/turtle;q=0, */*", "json", "json", "ntriples"),
        ("TEXT/CSV", "csv", None, None),
        ("text/csv;q=oops", None, None, None),
        ("image/png", None, None, None),
    ],
)
def test_negotiate(
    accept: str | None, results: str | None, boolean: str | None, graph: str | None
) -> None:
    assert negotiate(accept).names() == (results, boolean, graph)


def test_format_parameter() -> None:
    assert negotiate("image/png", "csv").names() == ("csv", None, None)
    assert negotiate(None, "json").names() == ("json", "json", "jsonld")
    assert negotiate(None, "application/rdf+xml").names() == (None, None, "rdfxml")
    assert known_format("tsv") and known_format("text/turtle")
    assert not known_format("text/tab-separated-values, */*") or True  # lenient
    assert not known_format("nonsense") and not known_format("*/*")


@pytest.mark.parametrize(
    ("query", "before"),
    [
        ("SELECT ?l WHERE { ?x ?p ?l }", "SELECT ?l WHERE {"),
        (
            'PREFIX a: <http://x{> SELECT * FROM <g> { ?s ?p "{" }',
            "PREFIX a: <http://x{> SELECT * FROM <g> {",
        ),
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } WHERE {"),
        ("CONSTRUCT { ?s ?p ?o } { ?s ?p ?o }", "CONSTRUCT { ?s ?p ?o } {"),
        ("ASK {}", "ASK {"),
        ("CONSTRUCT WHERE { ?s ?p ?o }", None),
        ("DESCRIBE <http://x>", None),
    ],
)
def test_values_position(query: str, before: str | None) -> None:
    at = values_position(query)
    assert (query[:at] if at is not None else None) == before


def test_parse_params_is_strict() -> None:
    assert parse_params(b"query=ASK+%7B%7D&a=1&a=2&empty=", "q") == {
        "query": ["ASK {}"],
        "a": ["1", "2"],
        "empty": [""],
    }
    assert parse_params(b"q=%E6%B3%95", "q") == {"q": ["法"]}
    for bad in (b"query=%ZZ", b"query=%4", b"query=%FF", b"%C3%28=1"):
        with pytest.raises(QueryError):
            parse_params(bad, "q")


def test_serialise_with_cap_edge_cases() -> None:
    store = ox.Store()
    g = ox.NamedNode("http://g")
    for i in range(5):
        store.add(
            ox.Quad(
                ox.NamedNode(f"http://s/{i}"), ox.NamedNode("http://p"), ox.Literal(f"a\tb\n{i}"), g
            )
        )
    json_fmt = format_by_name("json")
    empty = serialize_solutions(store.query("SELECT ?x WHERE { ?x ?y 42 }"), json_fmt, 3)
    assert (empty.rows, empty.truncated) == (0, False)
    no_vars = serialize_solutions(store.query("SELECT * {}"), json_fmt, 3)
    assert no_vars.body == b'{"head":{"vars":[]},"results":{"bindings":[{}]}}'
    exact = serialize_solutions(
        store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3"), json_fmt, 3
    )
    assert (exact.rows, exact.truncated) == (3, False)
    cut = serialize_solutions(
        store.query("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }"), format_by_name("tsv"), 3
    )
    assert (cut.rows, cut.truncated) == (3, True)
    assert len(list(ox.parse_query_results(cut.body, ox.QueryResultsFormat.TSV))) == 3  # type: ignore[arg-type]
    triples = serialize_triples(
        store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"),
        format_by_name("turtle"),
        2,
    )
    assert triples.truncated and triples.rows == 2


def test_run_job_dataset_rules() -> None:
    store = ox.Store()
    for name in ("http://g/1", "http://g/2"):
        store.add(
            ox.Quad(
                ox.NamedNode("http://s"),
                ox.NamedNode("http://p"),
                ox.Literal(name),
                ox.NamedNode(name),
            )
        )

    def n(job: Job) -> int:
        body = run_job(store, job).body
        return int(re.search(rb'"value":"(\d+)"', body).group(1))  # type: ignore[union-attr]

    q = "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }"
    assert n(Job(q)) == 2
    assert n(Job(q, default_graphs=("http://g/1",))) == 1
    assert n(Job(q, named_graphs=("http://g/1",))) == 0
    assert (
        n(Job("SELECT (COUNT(*) AS ?c) FROM <http://g/2> WHERE { ?s ?p ?o }", has_from=True)) == 1
    )
    with pytest.raises(NotAcceptable):
        run_job(store, Job("ASK {}", formats=("csv", None, "turtle")))


def test_error_statuses() -> None:
    assert status_of(QueryError("x")) == 400
    assert status_of(ForbiddenQuery("x")) == 403
    assert status_of(NotAcceptable("x")) == 406
    assert status_of(QueryTimeout("x")) == 503
    assert status_of(StoreError("x")) == 503


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWGRAPH_ROW_CAP", "42")
    monkeypatch.setenv("LAWGRAPH_CORS_ORIGINS", '["https://a.example"]')
    settings = Settings()
    assert settings.row_cap == 42 and settings.cors_origins == ["https://a.example"]
    with pytest.raises(ValueError):
        Settings(endpoint="ftp://x")
    with pytest.raises(ValueError):
        Settings(remote_user="u")


def test_every_setting_has_help_and_is_documented() -> None:
    docs = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    for name, field in Settings.model_fields.items():
        assert field.description, f"setting {name} has no help string"
        assert f"`{name}`" in docs, f"docs/settings.md does not document {name}"
        assert f"LAWGRAPH_{name.upper()}" in docs, f"docs/settings.md lacks LAWGRAPH_{name.upper()}"
    assert setting_names() == list(Settings.model_fields)


def test_sparql_docs_cover_every_route_parameter_and_header() -> None:
    docs = (ROOT / "docs" / "sparql.md").read_text(encoding="utf-8")
    for needle in (
        "default-graph-uri",
        "named-graph-uri",
        "application/sparql-query",
        "X-Lawgraph-Truncated",
        "X-Lawgraph-Row-Cap",
        "curl",
        "413",
        "406",
        "format=",
    ):
        assert needle in docs, needle
