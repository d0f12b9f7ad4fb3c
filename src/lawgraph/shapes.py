"""SHACL validation compiled to SPARQL, run by pyoxigraph: the loader's gate on every report.

pySHACL validates a 1,000-triple report graph in about 90 ms; loading thousands of reports needs
the same check in a few. :func:`compile_shapes` turns the shapes of ``ontology/shapes.ttl`` into
one SPARQL query per constraint that selects, in every named graph ``?g``, the focus nodes
violating it; :class:`Shapes` runs them on an in-memory store holding the graphs to check. Each
graph is checked on its own (its triples only), so one run of the queries checks a whole batch
of reports and tells which of them fail. The ontology's class hierarchy is applied by listing
each class's subclasses in the queries (targets and ``sh:class``), not by adding triples.

It covers the SHACL Core subset lawgraph's shapes use — targets by class; node constraints
``sh:nodeKind sh:IRI`` and ``sh:pattern``; property shapes on a predicate path with
``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:in``, ``sh:pattern``,
``sh:minLength``, ``sh:languageIn``, ``sh:uniqueLang``, ``sh:lessThan``, ``sh:node`` and ``sh:or``
of value constraints — and refuses any other construct when it compiles, so a shape it cannot
check is never silently passed. The test suite checks that it agrees with pySHACL.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection

from lawgraph.resources import ontology_path, shapes_path

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")

# Property-shape parameters compiled as conditions on each value ?v.
_VALUE_PARAMS = {SH["class"], SH.datatype, SH["in"], SH.pattern, SH.minLength, SH["or"], SH.node}
_KNOWN_PROPERTY_PARAMS = _VALUE_PARAMS | {
    SH.path,
    SH.minCount,
    SH.maxCount,
    SH.languageIn,
    SH.uniqueLang,
    SH.lessThan,
    SH.message,
    SH.name,
    SH.description,
}
_KNOWN_NODE_PARAMS = {
    SH.targetClass,
    SH.property,
    SH.nodeKind,
    SH.pattern,
    rdflib.RDF.type,
    SH["or"],
}


@dataclass(frozen=True)
class Violation:
    """A focus node that violates a constraint (on a path, for property shapes)."""

    focus: str
    path: str | None
    message: str
    constraint: str

    def __str__(self) -> str:
        path = f"{self.path}: " if self.path else ""
        return f"{self.focus}: {path}{self.message} ({self.constraint})"


class ShapesError(ValueError):
    """The shapes use a SHACL construct this validator does not implement."""


@dataclass(frozen=True)
class Check:
    """One compiled constraint: a query selecting ``?focus`` (and ``?v``) that violate it."""

    shape: str
    path: str | None
    constraint: str
    message: str
    query: str


def _n3(term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.Literal):
        return term.n3()
    return f"<{term}>"


def _string(literal: rdflib.term.Node) -> str:
    return rdflib.Literal(str(literal)).n3()


class _Compiler:
    def __init__(self, graph: rdflib.Graph, hierarchy: rdflib.Graph | None) -> None:
        self.g = graph
        self.hierarchy = hierarchy if hierarchy is not None else rdflib.Graph()

    def classes(self, *classes: rdflib.term.Node) -> str:
        """``classes`` and all their subclasses, as the terms of a VALUES block."""
        found: set[rdflib.term.Node] = set()
        for cls in classes:
            found.update(self.hierarchy.transitive_subjects(rdflib.RDFS.subClassOf, cls))
        return " ".join(_n3(c) for c in sorted(found))

    def value_condition(self, node: rdflib.term.Node, var: str = "?v") -> str | None:
        """A SPARQL expression true when ``var`` satisfies the value constraints of ``node``
        (a property shape or a node shape); None when it has none."""
        parts: list[str] = []
        for p, o in self.g.predicate_objects(node):
            if p == SH["class"]:
                parts.append(
                    f"EXISTS {{ VALUES ?c {{ {self.classes(o)} }} GRAPH ?g {{ {var} a ?c }} }}"
                )
            elif p == SH.datatype:
                parts.append(f"(isLiteral({var}) && DATATYPE({var}) = {_n3(o)})")
            elif p == SH["in"]:
                members = ", ".join(_n3(m) for m in Collection(self.g, o))
                parts.append(f"({var} IN ({members}))")
            elif p == SH.pattern:
                parts.append(f"REGEX(STR({var}), {_string(o)})")
            elif p == SH.minLength:
                parts.append(f"(STRLEN(STR({var})) >= {int(o)})")
            elif p == SH["or"]:
                options = [self.value_condition(m, var) for m in Collection(self.g, o)]
                if any(opt is None for opt in options):
                    raise ShapesError(f"sh:or member without a value constraint in {node}")
                parts.append("(" + " || ".join(options) + ")")  # type: ignore[arg-type]
            elif p == SH.node:
                inner = self.value_condition(o, var)
                if inner is None:
                    raise ShapesError(f"sh:node {o} has no value constraint")
                parts.append(inner)
            elif p == SH.nodeKind:
                if o != SH.IRI:
                    raise ShapesError(f"sh:nodeKind {o} is not supported")
                parts.append(f"isIRI({var})")
        return " && ".join(parts) if parts else None

    def compile(self) -> list[Check]:
        checks: list[Check] = []
        for shape in sorted(set(self.g.subjects(SH.targetClass, None))):
            unknown = set(self.g.predicates(shape)) - _KNOWN_NODE_PARAMS
            if unknown:
                raise ShapesError(f"{shape}: unsupported parameters {sorted(map(str, unknown))}")
            targets = self.classes(*self.g.objects(shape, SH.targetClass))
            focus = f"VALUES ?class {{ {targets} }} GRAPH ?g {{ ?focus a ?class }}"
            node_condition = self.value_condition(shape, "?focus")
            if node_condition:
                checks.append(
                    Check(
                        str(shape),
                        None,
                        "node",
                        f"the node does not conform to {shape}",
                        f"SELECT DISTINCT ?g ?focus WHERE {{ {focus} FILTER(!({node_condition})) }}",
                    )
                )
            for prop in self.g.objects(shape, SH.property):
                checks.extend(self.property_checks(shape, focus, prop))
        return checks

    def property_checks(
        self, shape: rdflib.term.Node, focus: str, prop: rdflib.term.Node
    ) -> list[Check]:
        unknown = set(self.g.predicates(prop)) - _KNOWN_PROPERTY_PARAMS
        if unknown:
            raise ShapesError(
                f"{shape}: unsupported property parameters {sorted(map(str, unknown))}"
            )
        path = self.g.value(prop, SH.path)
        if not isinstance(path, rdflib.URIRef):
            raise ShapesError(f"{shape}: only predicate paths are supported, not {path}")
        p = _n3(path)
        given = self.g.value(prop, SH.message)
        out: list[Check] = []

        def add(constraint: str, default: str, where: str) -> None:
            message = str(given) if given is not None else default
            query = f"SELECT DISTINCT ?g ?focus WHERE {{ {focus} {where} }}"
            out.append(Check(str(shape), str(path), constraint, message, query))

        # the values of ?focus counted in its graph (distinct terms), for minCount and maxCount
        counted = (
            f"{{ SELECT ?g ?focus (COUNT(DISTINCT ?m) AS ?n) "
            f"WHERE {{ GRAPH ?g {{ ?focus {p} ?m }} }} GROUP BY ?g ?focus }}"
        )
        min_count = self.g.value(prop, SH.minCount)
        if min_count is not None and int(min_count) > 0:
            n = int(min_count)
            add(
                "minCount",
                f"fewer than {n} values",
                f"FILTER NOT EXISTS {{ GRAPH ?g {{ ?focus {p} ?m }} }}"
                if n == 1
                else f"OPTIONAL {counted} FILTER(!BOUND(?n) || ?n < {n})",
            )
        max_count = self.g.value(prop, SH.maxCount)
        if max_count is not None:
            n = int(max_count)
            add(
                "maxCount",
                f"more than {n} values",
                f"GRAPH ?g {{ ?focus {p} ?m , ?o }} FILTER(!sameTerm(?m, ?o))"
                if n == 1
                else f"{counted} FILTER(?n > {n})",
            )
        condition = self.value_condition(prop)
        if condition is not None:
            add(
                "value",
                "a value does not conform",
                f"GRAPH ?g {{ ?focus {p} ?v }} FILTER(!({condition}))",
            )
        languages = self.g.value(prop, SH.languageIn)
        if languages is not None:
            ranges = " || ".join(
                f"langMatches(LANG(?v), {_string(tag)})" for tag in Collection(self.g, languages)
            )
            add(
                "languageIn",
                "a value has a language not allowed",
                f"GRAPH ?g {{ ?focus {p} ?v }} FILTER(!({ranges}))",
            )
        if self.g.value(prop, SH.uniqueLang) == rdflib.Literal(True):
            add(
                "uniqueLang",
                "two values share a language",
                f"GRAPH ?g {{ ?focus {p} ?a , ?b }} "
                "FILTER(?a != ?b && LANG(?a) != '' && LANG(?a) = LANG(?b))",
            )
        other = self.g.value(prop, SH.lessThan)
        if other is not None:
            add(
                "lessThan",
                f"a value is not less than {other}",
                f"GRAPH ?g {{ ?focus {p} ?v ; {_n3(other)} ?w }} FILTER(!(?v < ?w))",
            )
        return out


def compile_shapes(graph: rdflib.Graph, hierarchy: rdflib.Graph | None = None) -> list[Check]:
    """The checks of a shapes graph, with the ``rdfs:subClassOf`` triples of ``hierarchy`` (the
    ontology) deciding which classes a target or an ``sh:class`` takes in.

    :raises ShapesError: the shapes use a construct this validator does not implement.
    """
    return _Compiler(graph, hierarchy).compile()


_MERGED = ox.NamedNode("urn:x-lawgraph:shapes:merged")


class Shapes:
    """Compiled shapes, checked against the ontology's class hierarchy."""

    def __init__(self, shapes: Path, ontology: Path) -> None:
        self.checks = compile_shapes(rdflib.Graph().parse(shapes), rdflib.Graph().parse(ontology))

    def violations_by_graph(self, quads: Iterable[ox.Quad]) -> dict[str, list[Violation]]:
        """The violations of each named graph of ``quads``, each graph checked on its own.

        :returns: the graphs that have violations, each with its violations sorted. Quads in the
            default graph are not checked.
        """
        store = ox.Store()
        store.extend(quads)
        found: dict[str, set[Violation]] = {}
        for check in self.checks:
            for row in store.query(check.query):  # type: ignore[union-attr]
                violation = Violation(
                    row["focus"].value, check.path, check.message, check.constraint
                )
                found.setdefault(row["g"].value, set()).add(violation)
        return {g: sorted(v, key=str) for g, v in found.items()}

    def violations(self, quads: Iterable[ox.Quad]) -> list[Violation]:
        """The violations of the triples of ``quads`` (their graphs merged), sorted."""
        merged = (ox.Quad(q.subject, q.predicate, q.object, _MERGED) for q in quads)
        return self.violations_by_graph(merged).get(_MERGED.value, [])

    def problems(self, quads: Iterable[ox.Quad]) -> list[str]:
        """The violations as one line each."""
        return [str(v) for v in self.violations(quads)]


@cache
def default_shapes() -> Shapes:
    """lawgraph's own shapes (``ontology/shapes.ttl``), compiled once."""
    return Shapes(shapes_path(), ontology_path())
