"""The search keys written at load time, and the rewritten canned queries that start from the
parameter they are given: the same answers as the straightforward queries they replace.

``tests/data/queries-reference/`` keeps the straightforward form of each rewritten query (the
form before the rewrite: every campaign or label of the store read in a subquery before
the parameter restricts it; search comparing every label with REPLACE/LCASE). On the seed and
on a synthetic store the faster queries of ``queries/`` must give the very same pages.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from seed import SEED_FACTS, seed_store
from test_catalog_two_reports import comparable

from lawgraph.catalog import Catalog, load_catalog, run
from lawgraph.executor import _snapshot
from lawgraph.loader import add_missing_search_keys, lacks_search_keys, load_paths
from lawgraph.rdf import search_key, search_key_triples, search_keys_update
from lawgraph.store import EmbeddedStore
from lawgraph.vocab import LG, RDFS, SKOS

REFERENCE = Path(__file__).parent / "data" / "queries-reference"
REWRITTEN = sorted(p.stem for p in REFERENCE.glob("*.rq"))


@cache
def catalogs() -> tuple[Catalog, Catalog]:
    return load_catalog(), load_catalog(REFERENCE)


@cache
def synthetic() -> EmbeddedStore:
    """About 10k quads of synthetic reports (bench/synth.py: the loader's own quads)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import synth

    store = EmbeddedStore()
    store.oxigraph.extend(synth.iter_quads(10_000, seed=5))
    return store


def first(store: EmbeddedStore, sparql: str) -> str:
    """The first value a SELECT gives (prefixes lg:, rdfs: declared)."""
    prologue = "PREFIX lg: <https://w3id.org/lawgraph/ns#>\n"
    prologue += "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
    solutions = store.query(prologue + sparql)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        return row[0].value  # type: ignore[union-attr]
    raise AssertionError(f"nothing found by {sparql}")


def cases(store: EmbeddedStore) -> list[tuple[str, dict[str, str]]]:
    """Each rewritten query with no parameter (its whole answer) and with each parameter it
    takes, the values taken from the store: the busiest entities, so the answers are not empty."""
    busiest = "SELECT ?x (COUNT(*) AS ?n) WHERE {{ {} }} GROUP BY ?x ORDER BY DESC(?n) ?x"
    campaign = first(store, busiest.format("?m lg:measureOf/lg:partOfCampaign* ?x"))
    law = first(store, busiest.format("?p lg:promotedLaw ?x"))
    city = first(store, busiest.format("?c a lg:Campaign ; lg:jurisdiction ?x"))
    year = first(store, busiest.format("?c lg:year ?y BIND(STR(?y) AS ?x)"))
    name = first(store, busiest.format("?p lg:participant ?o . ?o rdfs:label ?x"))
    return [
        *((q, {}) for q in REWRITTEN if q != "search"),
        ("campaign-measures", {"campaign": campaign}),
        ("campaign-measures", {"kind": "people"}),
        ("campaign-measures", {"campaign": campaign, "kind": "materials"}),
        ("campaigns-by-law", {"law": law}),
        ("campaigns-by-law", {"city": city, "year": year}),
        ("search", {"text": name}),
        ("search", {"text": name[:1]}),
        ("search", {"text": "市"}),
        ("search", {"text": "中华人民"}),
        ("search", {"text": "法", "type": "lg:Law"}),
        ("search", {"text": "SHI"}),
        ("search", {"text": " - "}),
        ("search", {"text": "no such name"}),
    ]


def same_pages(store: EmbeddedStore, name: str, params: dict[str, str]) -> int:
    """Assert the rewritten query answers as its reference does, both ways of binding; the
    number of rows."""
    new, reference = (c.get(name) for c in catalogs())
    expected = run(store, reference, params, limit=10_000)
    for binding in ("values", "substitutions"):
        page = run(store, new, params, limit=10_000, binding=binding)  # type: ignore[arg-type]
        assert page.columns == expected.columns
        assert comparable(page) == comparable(expected), (name, params, binding)
        assert page.total == expected.total
    return len(expected.rows)


def test_the_rewritten_queries_answer_as_before_on_synthetic_reports() -> None:
    store = synthetic()
    answered = [(name, params, same_pages(store, name, params)) for name, params in cases(store)]
    empty = [params for _, params, rows in answered if not rows]
    assert empty == [{"text": " - "}, {"text": "no such name"}]


def test_the_rewritten_queries_answer_as_before_on_the_seed() -> None:
    store = seed_store()
    for name, params in cases(store):
        same_pages(store, name, params)


# --- the keys ----------------------------------------------------------------------------------


def test_the_key_is_what_sparql_makes_of_the_label() -> None:
    """search_key (Python, at load time) and LCASE(REPLACE(…)) (SPARQL, in the update that adds
    keys to old stores) agree, on the seed's and the synthetic labels and on every character
    search ignores."""
    odd = "Ａ\u3000B-c_d·e・F\u00a0G\tH\u2003I\u200aJ\u205fK\u0085L\nM\u1680N\u202fO-Ⅻ-ÉSS"
    assert search_key(odd) == "ａbcdefghijklmnoⅻéss"
    graph = ox.NamedNode("https://example.org/graph/odd")
    node = ox.NamedNode("https://example.org/odd")
    labels = [ox.Quad(node, SKOS.altLabel, ox.Literal(odd, language="zh"), graph)]
    for store in (seed_store(), synthetic()):
        labels += [
            q
            for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
            for q in store.oxigraph.quads_for_pattern(None, p, None, None)
        ]
    bare = ox.Store()
    bare.extend(labels)
    bare.update(search_keys_update())
    by_sparql = set(bare.quads_for_pattern(None, LG.searchKey, None, None))
    by_graph: dict[Any, list[Any]] = {}
    for q in labels:
        by_graph.setdefault(q.graph_name, []).append((q.subject, q.predicate, q.object))
    by_python = {
        ox.Quad(*key, graph)
        for graph, triples in by_graph.items()
        for key in search_key_triples(triples)
    }
    assert by_sparql == by_python
    assert len(by_sparql) > 1000


def test_an_old_store_gets_its_keys(tmp_path: Path) -> None:
    """A store written before the keys: `lawgraph query search` says so, the server's snapshot
    makes them, and the next load adds them to the store."""
    from click.testing import CliRunner

    from lawgraph.cli import main

    with EmbeddedStore(tmp_path / "store") as store:
        load_paths(store, [SEED_FACTS])
        keys = list(store.oxigraph.quads_for_pattern(None, LG.searchKey, None, None))
        for q in keys:
            store.oxigraph.remove(q)
        assert lacks_search_keys(store)
    runner = CliRunner()
    refused = runner.invoke(
        main, ["query", "search", "--store", str(tmp_path / "store"), "--text", "戴小梅"]
    )
    assert refused.exit_code != 0 and "older lawgraph" in refused.output, refused.output
    snapshot, *_ = _snapshot(str(tmp_path / "store"))
    assert set(snapshot.quads_for_pattern(None, LG.searchKey, None, None)) == set(keys)
    with EmbeddedStore(tmp_path / "store") as store:
        assert add_missing_search_keys(store) is True
        assert set(store.oxigraph.quads_for_pattern(None, LG.searchKey, None, None)) == set(keys)
        assert add_missing_search_keys(store) is False and not lacks_search_keys(store)
    answered = runner.invoke(
        main, ["query", "search", "--store", str(tmp_path / "store"), "--text", "戴小梅"]
    )
    assert answered.exit_code == 0 and "戴小梅" in answered.output, answered.output


def test_reports_carry_the_keys_of_their_labels() -> None:
    store = seed_store()
    dai = first(store, 'SELECT ?x WHERE { ?x rdfs:label "戴小梅"@zh }')
    keys = {
        q.object.value
        for q in store.oxigraph.quads_for_pattern(ox.NamedNode(dai), LG.searchKey, None, None)
    }
    assert keys == {"戴小梅", "daixiaomei"}


@pytest.mark.parametrize("text", ["Dai Xiao-Mei", "dai·xiaomei", "DAIXIAOMEI", "小梅"])
def test_search_ignores_case_spaces_hyphens_and_dots(text: str) -> None:
    query = catalogs()[0].get("search")
    rows: list[dict[str, Any]] = run(seed_store(), query, {"text": text}).records()
    assert rows[0]["label"] == "戴小梅"
