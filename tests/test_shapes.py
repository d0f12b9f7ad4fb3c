"""The loader's SHACL gate (shapes compiled to SPARQL) agrees with pySHACL, the reference."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate
from seed import SEED_REPORT, seed_store

from lawgraph.resources import ontology_path, shapes_path
from lawgraph.shapes import Shapes, ShapesError, compile_shapes, default_shapes

LG = "https://w3id.org/lawgraph/ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
Quads = list[ox.Quad]


def seed_quads() -> Quads:
    return list(seed_store().quads(SEED_REPORT))


def reference(quads: Quads) -> set[tuple[str, str | None]]:
    """(focus, path) of each violation pySHACL finds."""
    data = rdflib.Graph().parse(
        data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES), format="nt"
    )
    _, results, _ = validate(
        data,
        shacl_graph=rdflib.Graph().parse(shapes_path()),
        ont_graph=rdflib.Graph().parse(ontology_path()),
        inference="none",
    )
    found = set()
    for result in results.objects(None, SH.result):  # top-level results, not sh:detail
        path = results.value(result, SH.resultPath)
        found.add((str(results.value(result, SH.focusNode)), str(path) if path else None))
    return found


def ours(quads: Quads) -> set[tuple[str, str | None]]:
    return {(v.focus, v.path) for v in default_shapes().violations(quads)}


def first(quads: Quads, predicate: str) -> ox.Quad:
    return next(q for q in quads if q.predicate.value == LG + predicate)


def replace(predicate: str, make: Callable[[ox.Quad], ox.Quad | None]) -> Callable[[Quads], Quads]:
    """A mutation that replaces (or drops, when make returns None) the first quad of a predicate."""

    def mutate(quads: Quads) -> Quads:
        target = first(quads, predicate)
        new = make(target)
        return [q for q in quads if q != target] + ([new] if new is not None else [])

    return mutate


def with_object(q: ox.Quad, obj: ox.NamedNode | ox.Literal) -> ox.Quad:
    return ox.Quad(q.subject, q.predicate, obj, q.graph_name)


def add_to_first(
    predicate: str,
    obj: ox.NamedNode | ox.Literal,
    new_predicate: str | None = None,
    *,
    on_object: bool = False,
) -> Callable[[Quads], Quads]:
    """A mutation that adds a triple to the subject (or object) of the first quad of a predicate."""

    def mutate(quads: Quads) -> Quads:
        q = first(quads, predicate)
        p = ox.NamedNode(new_predicate) if new_predicate else q.predicate
        node = q.object if on_object else q.subject
        return [*quads, ox.Quad(node, p, obj, q.graph_name)]

    return mutate


def rename_first_official(quads: Quads) -> Quads:
    official = next(
        q.subject
        for q in quads
        if q.predicate.value.endswith("#type") and q.object.value == LG + "Official"
    )
    bad = ox.NamedNode("https://w3id.org/lawgraph/id/official/戴小梅")
    return [
        ox.Quad(bad if q.subject == official else q.subject, q.predicate, q.object, q.graph_name)
        for q in quads
    ]


MUTATIONS: dict[str, Callable[[Quads], Quads]] = {
    "minCount": lambda quads: [q for q in quads if q.predicate.value != LG + "inAgency"],
    "maxCount": add_to_first("inAgency", ox.NamedNode("https://w3id.org/lawgraph/id/agency/x")),
    "datatype": replace("charStart", lambda q: with_object(q, ox.Literal("12"))),
    "in": replace("role", lambda q: with_object(q, ox.NamedNode(LG + "Exact"))),
    "class": replace(
        "measureOf", lambda q: with_object(q, first(seed_quads(), "promotedLaw").object)
    ),
    "node (date)": replace("date", lambda q: with_object(q, ox.Literal("去年12月"))),
    "pattern": replace("sha256", lambda q: with_object(q, ox.Literal("abc"))),
    "minLength": replace("quote", lambda q: with_object(q, ox.Literal(""))),
    "lessThan": replace(
        "charEnd", lambda q: with_object(q, ox.Literal("0", datatype=ox.NamedNode(XSD + "integer")))
    ),
    "languageIn": add_to_first(
        "inAgency",
        ox.Literal("Agency", language="fr"),
        "http://www.w3.org/2000/01/rdf-schema#label",
        on_object=True,
    ),
    "uniqueLang": replace(
        "lawCategory",
        lambda q: ox.Quad(
            q.subject,
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
            ox.Literal("又一个", language="zh"),
            q.graph_name,
        ),
    ),
    "node pattern": rename_first_official,
}


def test_the_seed_conforms_for_both() -> None:
    quads = seed_quads()
    assert ours(quads) == set() == reference(quads)


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_broken_graph_gives_the_same_violations(name: str) -> None:
    quads = MUTATIONS[name](seed_quads())
    expected = reference(quads)
    assert expected, f"the mutation {name} broke nothing: the test is wrong"
    assert ours(quads) == expected


def test_a_batch_judges_each_graph_on_its_own() -> None:
    """One run over many report graphs (the loader's batches) finds, for each graph, what a
    run over that graph alone finds, though the graphs share every IRI: the intact seed's
    triples neither hide a mutant's missing value nor add to its counts."""
    graphs = {"https://example.org/intact": seed_quads()}
    for name, mutate in MUTATIONS.items():
        graphs[f"https://example.org/{name.replace(' ', '-')}"] = mutate(seed_quads())
    batch = [
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(graph))
        for graph, quads in graphs.items()
        for q in quads
    ]
    found = default_shapes().violations_by_graph(batch)
    alone = {graph: default_shapes().violations(quads) for graph, quads in graphs.items()}
    assert found == {graph: v for graph, v in alone.items() if v}
    assert set(found) == set(graphs) - {"https://example.org/intact"}


def test_counts_above_one_are_checked_per_graph(tmp_path: Path) -> None:
    """sh:minCount / sh:maxCount other than 1 (not in lawgraph's shapes) count each graph's
    distinct values, and a target takes in the subclasses the ontology declares."""
    (tmp_path / "shapes.ttl").write_text(
        """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 2 ] .""",
        encoding="utf-8",
    )
    (tmp_path / "ontology.ttl").write_text(
        """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <http://example.org/> .
        ex:D rdfs:subClassOf ex:C .""",
        encoding="utf-8",
    )
    shapes = Shapes(tmp_path / "shapes.ttl", tmp_path / "ontology.ttl")
    ex = "http://example.org/"
    x = ox.NamedNode(ex + "x")

    def graph(name: str, cls: str, values: int) -> list[ox.Quad]:
        g = ox.NamedNode(ex + name)
        typed = ox.Quad(x, ox.NamedNode(RDF_TYPE), ox.NamedNode(ex + cls), g)
        return [typed] + [
            ox.Quad(x, ox.NamedNode(ex + "p"), ox.Literal(str(i)), g) for i in range(values)
        ]

    found = shapes.violations_by_graph(
        graph("one", "C", 1) + graph("two", "D", 2) + graph("three", "D", 3) + graph("none", "E", 0)
    )
    assert {g: [v.constraint for v in vs] for g, vs in found.items()} == {
        ex + "one": ["minCount"],
        ex + "three": ["maxCount"],
    }


def test_unsupported_shapes_are_refused_not_ignored() -> None:
    shapes = rdflib.Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ] .""",
        format="turtle",
    )
    with pytest.raises(ShapesError, match="qualifiedValueShape"):
        compile_shapes(shapes)
