"""The catalog: query files → typed queries, parameter validation, safe binding, honest paging."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib

from lawgraph.catalog import (
    MAX_LIMIT,
    BadParameter,
    Binding,
    Param,
    QueryFileError,
    UnknownQuery,
    check_iri,
    load_catalog,
    load_query,
    paging,
    plan,
    run,
    sparql_term,
    values_block,
)
from lawgraph.resources import queries_dir
from lawgraph.store import EmbeddedStore

LG = "https://w3id.org/lawgraph/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"

GOOD = """\
#+ name: things
#+ summary: {zh: 东西, en: Things}
#+ params:
#+   thing: {type: iri, class: lg:Agency, summary: {zh: 东西, en: a thing}}
#+   label: {type: string, summary: {zh: 名称, en: a label}}
#+   n: {type: integer, min: 1, max: 9, default: 3, summary: {zh: 数, en: a number}}
PREFIX lg: <https://w3id.org/lawgraph/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?thing ?label ?n WHERE {
  ?thing a lg:Agency ; rdfs:label ?label .
  FILTER(COALESCE(?n > 0, true))
}
ORDER BY ?label ?thing
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


def things_store(count: int) -> EmbeddedStore:
    """An in-memory store of ``count`` agencies labelled a000, a001 … in one graph, plus
    a000 repeated in a second graph (the union must not count it twice)."""
    store = EmbeddedStore()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    kind = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    quads = []
    for i in range(count):
        node = ox.NamedNode(f"https://example.org/thing/{i}")
        for g in ("https://example.org/g1", "https://example.org/g2")[: 2 if i == 0 else 1]:
            graph = ox.NamedNode(g)
            quads.append(ox.Quad(node, kind, ox.NamedNode(LG + "Agency"), graph))
            quads.append(ox.Quad(node, label, ox.Literal(f"a{i:03d}"), graph))
    store.oxigraph.extend(quads)
    return store


# --- query files ------------------------------------------------------------------------------


def test_a_good_file_becomes_a_typed_query(tmp_path: Path) -> None:
    q = load_query(write(tmp_path, "things", GOOD))
    assert q.name == "things"
    assert q.summary == {"zh": "东西", "en": "Things"}
    assert [(p.name, p.type, p.required, p.default) for p in q.params] == [
        ("thing", "iri", False, None),
        ("label", "string", False, None),
        ("n", "integer", False, "3"),
    ]
    assert q.params[0].classes == (LG + "Agency",)
    assert q.columns == ("thing", "label", "n")
    described = q.describe()
    assert described["params"][0]["class"] == ["lg:Agency"]
    assert json.dumps(described)  # plain data
    openapi = {p["name"]: p for p in q.openapi_parameters()}
    assert openapi["thing"]["schema"] == {"type": "string", "format": "iri"}
    assert openapi["n"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 9, "default": 3}
    assert openapi["label"]["in"] == "query" and openapi["label"]["required"] is False


@pytest.mark.parametrize(
    ("edit", "line", "expected"),
    [
        (("#+ name: things", "#+ name: other"), 1, "name: 'other' differs from the file name"),
        (
            ("#+ summary: {zh: 东西, en: Things}", "#+ summary: {zh: 东西}"),
            2,
            "summary.en: Field required",
        ),
        (("type: iri, class", "type: uri, class"), 4, "params.thing.type: Input should be"),
        (("default: 3", "default: 30"), 6, "params.n.default: 30 is more than 9"),
        (("#+ params:", "#+ parms:"), 3, "parms: unknown field"),
        (
            ("#+   label: {type: string,", "#+   label: {type: string, class: lg:Law,"),
            5,
            "only iri parameters have a class",
        ),
        (("#+   label: {type", "#+   limit: {type"), 5, "'limit' cannot be a parameter name"),
        # the SPARQL parser names the line where it stopped: the error's line or the next
        (("rdfs:label ?label .", "rdfs:label ?label ) ."), (10, 11), "SPARQL syntax error"),
        (("SELECT DISTINCT", "SELECT"), 9, "use SELECT DISTINCT or GROUP BY"),
        (
            ("ORDER BY ?label ?thing", "ORDER BY ?label ?thing LIMIT 5"),
            13,
            "no LIMIT in a canned query",
        ),
        (("#+ name: things", "#+ name: things: more"), 1, "not valid YAML"),
    ],
)
def test_a_malformed_file_is_refused_naming_file_line_and_field(
    tmp_path: Path, edit: tuple[str, str], line: int | tuple[int, ...], expected: str
) -> None:
    old, new = edit
    assert old in GOOD
    path = write(tmp_path, "things", GOOD.replace(old, new, 1))
    with pytest.raises(QueryFileError) as err:
        load_query(path)
    message = str(err.value)
    lines = line if isinstance(line, tuple) else (line,)
    assert any(f"{path}:{n}:" in message for n in lines), message
    assert expected in message


def test_a_parameter_the_select_does_not_project_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "things",
        GOOD.replace("SELECT DISTINCT ?thing ?label ?n", "SELECT DISTINCT ?thing ?label"),
    )
    with pytest.raises(
        QueryFileError, match=r"things\.rq:6: params\.n: the SELECT must project \?n"
    ):
        load_query(path)


def test_a_parameter_missing_from_the_where_clause_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "things",
        GOOD.replace(
            "#+ params:", "#+ params:\n#+   ghost: {type: year, summary: {zh: 无, en: none}}"
        ),
    )
    with pytest.raises(QueryFileError, match=r"params\.ghost: \?ghost does not occur in the WHERE"):
        load_query(path)


def test_a_file_without_front_matter_or_not_a_select_is_refused(tmp_path: Path) -> None:
    with pytest.raises(QueryFileError, match=r"bare\.rq:1: no front matter"):
        load_query(write(tmp_path, "bare", "SELECT * WHERE { ?s ?p ?o }"))
    ask = GOOD.split("PREFIX")[0] + "ASK { ?s ?p ?o }\n"
    with pytest.raises(QueryFileError, match=r"things\.rq:7: a canned query is a SELECT query"):
        load_query(write(tmp_path, "things", ask))


def test_a_bad_file_stops_the_whole_catalog_and_names_it(tmp_path: Path) -> None:
    write(tmp_path, "things", GOOD)
    bad = write(tmp_path, "broken", GOOD.replace("things", "broken").replace("WHERE {", "WHERE {{"))
    (tmp_path / "notes.txt").write_text("not a query", encoding="utf-8")
    with pytest.raises(QueryFileError) as err:
        load_catalog(tmp_path)
    assert str(bad) in str(err.value)
    bad.unlink()
    catalog = load_catalog(tmp_path)
    assert [q.name for q in catalog] == ["things"]
    with pytest.raises(UnknownQuery, match="no canned query named 'nope'; known: things"):
        catalog.get("nope")


def test_the_project_catalog_loads_and_every_query_is_described() -> None:
    catalog = load_catalog(queries_dir())
    assert len(catalog) >= 11
    for q in catalog:
        assert q.summary["zh"] and q.summary["en"]
        assert q.columns
        for p in q.params:
            assert p.summary["zh"] and p.summary["en"], (q.name, p.name)
    json.dumps(catalog.describe(), ensure_ascii=False)


# --- parameter values -------------------------------------------------------------------------


def test_iri_values_are_validated_and_prefixed_names_expanded() -> None:
    p = Param("law", "iri", {"zh": "法", "en": "law"})
    assert p.parse(" lg:Law ") == ox.NamedNode(LG + "Law")
    assert p.parse("urn:isbn:123") == ox.NamedNode("urn:isbn:123")
    for bad, problem in [
        ("宪法", "not an absolute IRI"),
        ("relative/path", "not an absolute IRI"),
        ("https://e.org/a b", "may not contain U+0020"),
        ("https://e.org/a>} ; DROP ALL", "may not contain '>'"),
        ('https://e.org/"', "may not contain '\"'"),
        ("https://e.org/{x}", "may not contain '{'"),
        ("https://e.org/a|b", "may not contain '|'"),
        ("https://e.org/a^b", "may not contain '^'"),
        ("https://e.org/a`b", "may not contain '`'"),
        ("https://e.org/a\\b", "may not contain '\\\\'"),
        ("https://e.org/a\nb", "may not contain U+000A"),
        ("https://e.org/<", "may not contain '<'"),
    ]:
        with pytest.raises(BadParameter) as err:
            p.parse(bad)
        assert err.value.param == "law"
        assert str(err.value).startswith("law: ")
        assert problem in str(err.value), (bad, str(err.value))


def test_dates_years_integers_and_choices_are_validated() -> None:
    date = Param("from", "date", {})
    assert date.parse("2019-12-06") == ox.Literal("2019-12-06", datatype=ox.NamedNode(XSD + "date"))
    for bad in [
        "2019-02-30",
        "2019-13-01",
        "2019-1-1",
        "20191206",
        "yesterday",
        "2019-12-06T00:00",
    ]:
        with pytest.raises(BadParameter, match=r"^from: .* is not a date: write YYYY-MM-DD"):
            date.parse(bad)
    year = Param("year", "year", {})
    assert year.parse("2020") == ox.Literal("2020", datatype=ox.NamedNode(XSD + "gYear"))
    for bad in ["20", "2020-01", "二〇二〇", "-2020", "2020 OR 1=1"]:
        with pytest.raises(BadParameter, match=r"^year: .* is not a year"):
            year.parse(bad)
    n = Param("n", "integer", {}, minimum=1, maximum=10)
    assert n.parse("+7").value == "7"
    with pytest.raises(BadParameter, match=r"^n: 0 is less than 1"):
        n.parse("0")
    with pytest.raises(BadParameter, match=r"^n: '1\.5' is not an integer"):
        n.parse("1.5")
    role = Param("role", "string", {}, choices=("chaired", "spoke"))
    assert role.parse("spoke") == ox.Literal("spoke")
    with pytest.raises(BadParameter, match=r"^role: 'sang' is not one of: chaired, spoke"):
        role.parse("sang")
    with pytest.raises(BadParameter, match=r"^text: too long"):
        Param("text", "string", {}).parse("x" * 5000)


def test_bind_refuses_unknown_and_missing_parameters_and_applies_defaults(tmp_path: Path) -> None:
    q = load_query(
        write(
            tmp_path,
            "things",
            GOOD.replace(
                "summary: {zh: 名称, en: a label}}",
                "required: true, summary: {zh: 名称, en: a label}}",
            ),
        )
    )
    with pytest.raises(
        BadParameter, match=r"^colour: unknown parameter of things \(known: thing, label, n\)"
    ):
        q.bind({"label": "x", "colour": "red"})
    with pytest.raises(BadParameter, match=r"^label: required"):
        q.bind({"thing": "lg:X"})
    with pytest.raises(BadParameter, match=r"^label: required"):
        q.bind({"label": "   "})  # empty counts as not given
    bound = q.bind({"label": "x", "thing": ""})
    assert bound == {
        "label": ox.Literal("x"),
        "n": ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")),
    }


def test_paging_is_validated() -> None:
    assert paging(None, None) == (100, 0)
    assert paging("5", "10") == (5, 10)
    assert paging(None, None, max_limit=20) == (20, 0)
    for limit, offset, message in [
        ("0", None, "^limit: 0 is out of range"),
        (str(MAX_LIMIT + 1), None, "^limit: .* out of range"),
        ("ten", None, "^limit: 'ten' is not an integer"),
        (None, "-1", "^offset: -1 is negative"),
        (None, "1e3", "^offset: '1e3' is not an integer"),
    ]:
        with pytest.raises(BadParameter, match=message):
            paging(limit, offset)


# --- serialising values: hostile strings stay data ------------------------------------------------

HOSTILE = [
    "",
    "plain",
    'a "quoted" word',
    "it's",
    '"""',
    "'''",
    "ends with a backslash \\",
    "\\",
    '\\"',
    "\\u0022",
    "\\U00000022",
    "\\u0022) } ; DROP ALL #",
    '"} ; DROP ALL ; INSERT DATA { <urn:a> <urn:b> <urn:c> } #',
    "> } ; DROP ALL",
    "\\\\u0022 two backslashes",
    "line\nbreak",
    "cr\r\nlf",
    "tab\there",
    "bell\x07 and escape\x1b[31m",
    "\x00nul",
    "\u2028line separator\u2029",
    '宪法"} UNION { ?s ?p ?o }',
    "emoji 😀 and 𠀀",
    "?var $var <urn:x> # comment",
    "\ufeffbom",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_round_trip_through_two_sparql_parsers(text: str) -> None:
    term = ox.Literal(text)
    query = f"SELECT ?v WHERE {{ {values_block({'v': term})} }}"
    [row] = list(ox.Store().query(query))  # type: ignore[union-attr]
    assert row["v"] == term
    [(value,)] = list(rdflib.Graph().query(query))  # type: ignore[misc]
    assert str(value) == text


def test_typed_and_tagged_literals_and_iris_are_written_as_sparql() -> None:
    assert sparql_term(ox.Literal("2020", datatype=ox.NamedNode(XSD + "gYear"))) == (
        f'"2020"^^<{XSD}gYear>'
    )
    assert sparql_term(ox.Literal("宪法", language="zh-Hans")) == '"宪法"@zh-hans'
    assert sparql_term(ox.NamedNode("https://w3id.org/lawgraph/id/law/x")) == (
        "<https://w3id.org/lawgraph/id/law/x>"
    )
    assert check_iri("https://e.org/宪法") is None  # IRIs may hold any Unicode letter
    with pytest.raises(ValueError, match="bad variable name"):
        values_block({"x } ; DROP ALL": ox.Literal("x")})


# --- running: binding both ways, honest totals --------------------------------------------------


class TextOnly:
    """A store seen through text only (as a remote endpoint is): no substitutions."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store
        self.sent: list[str] = []

    def query(self, sparql: str, **options: object) -> object:
        assert not options, options
        self.sent.append(sparql)
        return self.store.query(sparql)


def ways(store: EmbeddedStore) -> list[tuple[Any, Binding]]:
    """The store with substitutions, with a VALUES block, and seen through text only."""
    return [(store, "substitutions"), (store, "values"), (TextOnly(store), "values")]


def test_pages_and_totals_are_exact_every_way(tmp_path: Path) -> None:
    q = load_query(write(tmp_path, "things", GOOD))
    store = things_store(25)
    for target, binding in ways(store):
        go = partial(run, target, q, binding=binding)
        first = go({}, limit=10)
        assert first.total == 25  # a000 is in two graphs: counted once
        assert first.next_offset == 10
        assert [r[1].value for r in first.rows] == [f"a{i:03d}" for i in range(10)]  # type: ignore[union-attr]
        last = go({}, limit=10, offset=20)
        assert len(last.rows) == 5 and last.total == 25 and last.next_offset is None
        past = go({}, limit=10, offset=40)
        assert past.rows == () and past.total == 25
        exact = go({}, limit=25)
        assert exact.total == 25 and exact.next_offset is None
        one = go({"label": "a007"})
        assert one.total == 1 and one.rows[0][0] == ox.NamedNode("https://example.org/thing/7")
        assert one.params == {"label": "a007", "n": "3"}
        none = go({"label": "a007", "thing": "https://example.org/thing/8"}, check_classes=False)
        assert none.total == 0


def test_values_are_sent_in_a_values_block_unless_substituted(tmp_path: Path) -> None:
    q = load_query(write(tmp_path, "things", GOOD))
    p = plan(q, {"label": 'x"} ; DROP ALL #'}, limit=5)
    assert "DROP ALL" not in p.page_sparql(inline=False)
    inline = p.page_sparql()
    assert 'VALUES (?label ?n) { ("x\\"} ; DROP ALL #" 3) }' in inline.replace(
        f'"3"^^<{XSD}integer>', "3"
    )
    store = things_store(3)
    text = TextOnly(store)
    before = len(store)
    page = run(text, q, {"label": 'x"} ; DROP ALL #'})
    assert page.total == 0 and len(store) == before
    assert all("DROP ALL" not in s.split('"')[0] for s in text.sent)


def test_an_iri_of_the_wrong_class_is_refused_naming_the_parameter(tmp_path: Path) -> None:
    q = load_query(write(tmp_path, "things", GOOD))
    store = things_store(3)
    for target, binding in ways(store):
        with pytest.raises(
            BadParameter, match=r"^thing: <https://example.org/nothing> is not a lg:Agency"
        ):
            run(target, q, {"thing": "https://example.org/nothing"}, binding=binding)
        assert run(target, q, {"thing": "https://example.org/thing/1"}, binding=binding).total == 1


def test_pages_serialise_as_json_and_csv(tmp_path: Path) -> None:
    q = load_query(write(tmp_path, "things", GOOD))
    page = run(things_store(3), q, {}, limit=2)
    body = page.as_json()
    assert body["columns"] == ["thing", "label", "n"]
    assert body["rows"][0] == {"thing": "https://example.org/thing/0", "label": "a000", "n": 3}
    assert (body["total"], body["limit"], body["offset"], body["next"]) == (3, 2, 0, 2)
    assert page.to_csv().splitlines() == [
        "thing,label,n",
        "https://example.org/thing/0,a000,3",
        "https://example.org/thing/1,a001,3",
    ]
