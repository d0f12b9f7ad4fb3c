"""Scopes: the whole graph, one report, a CONSTRUCT answer, a canned network — and bad ones."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pyoxigraph as ox
import pytest
from seed import SEED_REPORT, seed_store

from lawgraph.errors import ForbiddenQuery, InputError
from lawgraph.export import export, network_from_rows, parse_scope, select

CAMPAIGN_LAWS = """
# Campaigns and the laws they promoted
CONSTRUCT { ?p a lg:Promotion ; lg:promoter ?c ; lg:promotedLaw ?l ; lg:evidence ?e }
WHERE {
  ?p a lg:Promotion ; lg:promoter ?c ; lg:promotedLaw ?l .
  ?c a lg:Campaign .
  OPTIONAL { ?p lg:evidence ?e }
}
"""
PAIRS = """
PREFIX lg: <https://w3id.org/lawgraph/ns#>
SELECT DISTINCT ?campaign ?law WHERE { ?campaign a lg:Campaign ; lg:promotesLaw ?law }
"""


def types(graph: nx.MultiDiGraph) -> Counter[str]:
    return Counter(str(d["type"]) for _, d in graph.nodes(data=True))


def test_parse_scope() -> None:
    assert parse_scope("all").kind == "all"
    assert parse_scope(" report:fushun-2020-rule-of-law ").value == SEED_REPORT
    assert parse_scope(f"report:{SEED_REPORT}").value == SEED_REPORT
    scope = parse_scope("query:co-attendance?official=id:official/x&year=2020")
    assert (scope.kind, scope.value) == ("query", "co-attendance")
    assert dict(scope.params) == {"official": "id:official/x", "year": "2020"}
    assert parse_scope("construct:CONSTRUCT WHERE { ?s ?p ?o }").slug == "construct"
    for bad, message in [
        ("everything", "unknown scope"),
        ("graph:x", "unknown scope"),
        ("report:", "needs a value"),
        ("", "unknown scope"),
    ]:
        with pytest.raises(InputError, match=message):
            parse_scope(bad)


def test_a_report_by_id_or_iri_is_its_named_graph() -> None:
    by_id = select(seed_store(), "report:fushun-2020-rule-of-law")
    by_iri = select(seed_store(), f"report:{SEED_REPORT}")
    assert len(list(by_id.statements())) == len(list(seed_store().quads(SEED_REPORT)))
    one, other = by_id.entity_graph(), by_iri.entity_graph()
    assert set(one) == set(other) and types(one)["Official"] == 7
    assert one.graph["title"].startswith("全面依法治市工作推进会议")


def test_a_report_that_is_not_there() -> None:
    with pytest.raises(InputError, match=r"no report 'fushun-2099' in the store \(reports: fushun"):
        select(seed_store(), "report:fushun-2099")


def test_a_construct_answer_is_filled_in_from_the_store() -> None:
    graph = select(seed_store(), parse_scope("construct:" + CAMPAIGN_LAWS)).entity_graph()
    assert types(graph) == {"Campaign": 5, "Law": 11}
    assert graph.graph["title"] == "Campaigns and the laws they promoted"
    laws = {d["label"] for _, d in graph.nodes(data=True) if d["type"] == "Law"}
    assert "中华人民共和国宪法" in laws  # labels come from the store, not the query
    edges = [d for *_, d in graph.edges(data=True)]
    assert len(edges) == 16 and {d["relation"] for d in edges} == {"promotesLaw"}
    assert all(d["evidence_count"] >= 1 and d["quote"] for d in edges)  # evidence, from the store


def test_construct_from_a_file_only_where_files_are_allowed(tmp_path: Path) -> None:
    query = tmp_path / "campaign-laws.rq"
    query.write_text(CAMPAIGN_LAWS, encoding="utf-8")
    assert parse_scope(f"construct:{query}", allow_files=True).value == CAMPAIGN_LAWS
    with pytest.raises(InputError, match="bad query"):
        select(seed_store(), parse_scope(f"construct:{query}"))  # a path is no query
    with pytest.raises(InputError, match="no such query file"):
        parse_scope(f"construct:{tmp_path / 'missing.rq'}", allow_files=True)


@pytest.mark.parametrize(
    "query, error, message",
    [
        ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p }", InputError, "construct: bad query"),
        (
            "SELECT * WHERE { ?s ?p ?o }",
            InputError,
            "needs a CONSTRUCT or DESCRIBE query; this is SELECT",
        ),
        ("ASK { ?s ?p ?o }", InputError, "needs a CONSTRUCT or DESCRIBE query"),
        ("DROP ALL", ForbiddenQuery, "construct: .*read-only"),
        ("CONSTRUCT WHERE { SERVICE <http://e/> { ?s ?p ?o } }", ForbiddenQuery, "SERVICE"),
    ],
)
def test_bad_construct_queries(query: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        export(seed_store(), "construct:" + query, "graphml")


def canned(text: str, summary: dict[str, str] | None = None) -> SimpleNamespace:
    """A stand-in for lawgraph.catalog.CannedQuery: what the query: scope uses of it."""
    return SimpleNamespace(
        text=text, summary=summary or {}, bind=lambda raw: {}, sparql=lambda v: text
    )


def test_a_canned_select_of_pairs_is_a_network() -> None:
    lookup = {"campaign-laws": canned(PAIRS, {"zh": "活动与法律", "en": "campaigns and laws"})}
    selection = select(seed_store(), "query:campaign-laws", catalog=lookup.__getitem__)
    graph = selection.entity_graph()
    assert types(graph) == {"Campaign": 5, "Law": 11}
    assert graph.number_of_edges() == 16
    assert graph.graph["title"] == "活动与法律 (query:campaign-laws)"
    law = next(d for _, d in graph.nodes(data=True) if d["type"] == "Law")
    assert law["label_zh"] == law["label"] and law["pinyin"]
    with pytest.raises(InputError, match="answers with a table, not RDF"):
        export(seed_store(), "query:campaign-laws", "turtle", catalog=lookup.__getitem__)


def test_the_project_canned_networks(tmp_path: Path) -> None:
    catalog = pytest.importorskip("lawgraph.catalog")
    try:
        queries = catalog.load_catalog()
    except InputError as exc:  # the catalog is being written beside this module
        pytest.skip(f"queries/ does not load: {exc}")
    for name in ("laws-by-campaign", "co-attendance", "co-organisers"):
        if name not in queries:
            continue
        graph = select(seed_store(), f"query:{name}").entity_graph()
        assert graph.number_of_edges() > 0
        assert all(d.get("label") for _, d in graph.nodes(data=True))
        if name == "laws-by-campaign":
            assert types(graph) == {"Campaign": 5, "Law": 11}
    with pytest.raises(InputError, match="no canned query named 'nonesuch'"):
        select(seed_store(), "query:nonesuch")


def test_network_rows_weights_labels_and_refusals() -> None:
    e = ox.NamedNode
    a, b, c = e("http://e/a"), e("http://e/b"), e("http://e/c")
    rows = [
        (a, b, ox.Literal("2", datatype=e("http://www.w3.org/2001/XMLSchema#integer")), None),
        (a, b, ox.Literal("3", datatype=e("http://www.w3.org/2001/XMLSchema#integer")), None),
        (b, c, None, ox.Literal("note")),
        (a, None, None, None),
    ]
    graph = network_from_rows(["x", "y", "weight", "comment"], rows, relation="r")
    assert graph["http://e/a"]["http://e/b"]["r"]["weight"] == 5
    assert graph["http://e/b"]["http://e/c"]["r"] == {
        "relation": "r",
        "label": "r",
        "weight": 1,
        "comment": "note",
    }
    with pytest.raises(InputError, match="not a network"):
        network_from_rows(["x", "label"], [(a, ox.Literal("甲"))], relation="r")
    assert network_from_rows(["x", "y"], [], relation="r").number_of_nodes() == 0
