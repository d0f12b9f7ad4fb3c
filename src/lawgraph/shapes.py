"""SHACL validation compiled to Python tests: the loader's gate on every report.

pySHACL validates a 1,000-triple report graph in about 90 ms; loading thousands of reports needs
the same check in about one. :func:`compile_shapes` turns the shapes of ``ontology/shapes.ttl``
into one test per constraint (:class:`Check`), run on each focus node of the shape's target
classes; :meth:`Shapes.violations_of` indexes one graph's triples by subject and runs them. Each
graph is checked on its own (its triples only): :meth:`Shapes.violations_by_graph` judges a batch
of graphs and tells which of them fail. The ontology's class hierarchy is applied by expanding
each class to its subclasses (targets and ``sh:class``), not by adding triples.

It covers the SHACL Core subset lawgraph's shapes use — targets by class; node constraints
``sh:nodeKind sh:IRI`` and ``sh:pattern``; property shapes on a predicate path with
``sh:minCount``, ``sh:maxCount``, ``sh:class``, ``sh:datatype``, ``sh:in``, ``sh:pattern``,
``sh:minLength``, ``sh:languageIn``, ``sh:uniqueLang``, ``sh:lessThan``, ``sh:node`` and ``sh:or``
of value constraints — and refuses any other construct when it compiles, so a shape it cannot
check is never silently passed. The test suite checks that it agrees with pySHACL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib.collection import Collection

from lawgraph.resources import ontology_path, shapes_path

SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
Term = ox.NamedNode | ox.BlankNode | ox.Literal

# Property-shape parameters compiled as conditions on each value.
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


Types = dict[Term, set[Term]]
Condition = Callable[[Term, Types], bool]
"""A value constraint: true when the value conforms, given the graph's ``rdf:type`` index."""
Properties = dict[Term, dict[ox.NamedNode, list[Term]]]


@dataclass(frozen=True)
class Check:
    """One compiled constraint of a shape, on the shape's focus nodes (on a path, for property
    shapes): ``violated(focus, its values, the focus's properties, types)`` tells a violation."""

    shape: str
    targets: frozenset[ox.NamedNode]
    path: str | None
    constraint: str
    message: str
    violated: Callable[[Term, list[Term], dict[ox.NamedNode, list[Term]], Types], bool]


def _ox(term: rdflib.term.Node) -> Term:
    if isinstance(term, rdflib.Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD_STRING)))
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    raise ShapesError(f"a blank node {term} as a constraint value is not supported")


def _string(term: Term) -> str | None:
    """SPARQL's STR: the IRI or the lexical form; None for a blank node."""
    return None if isinstance(term, ox.BlankNode) else term.value


def _xpath_regex(pattern: str) -> re.Pattern[str]:
    """An XPath (SPARQL REGEX) pattern as a Python one: ``$`` matches only at the very end."""
    out, escaped, in_class = [], False, False
    for c in pattern:
        if escaped:
            escaped = False
        elif c == "\\":
            escaped = True
        elif c == "[":
            in_class = True
        elif c == "]":
            in_class = False
        elif c == "$" and not in_class:
            c = r"\Z"
        out.append(c)
    return re.compile("".join(out))


_NUMERIC = {
    XSD + t
    for t in [
        "integer",
        "decimal",
        "double",
        "float",
        "long",
        "int",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
}


def _less(a: Term, b: Term) -> bool:
    """SPARQL's ``a < b`` for the literals SHACL's sh:lessThan compares: numbers by value,
    strings and other literals of one datatype by lexical form; anything else is not less."""
    if not (isinstance(a, ox.Literal) and isinstance(b, ox.Literal)) or a.language or b.language:
        return False
    da, db = a.datatype.value, b.datatype.value
    if da in _NUMERIC and db in _NUMERIC:
        try:
            return Decimal(a.value) < Decimal(b.value)
        except InvalidOperation:
            return False
    return da == db and a.value < b.value


def _lang_matches(tag: str, ranges: list[str]) -> bool:
    tag = tag.lower()
    return bool(tag) and any(
        r == "*" or tag == r or tag.startswith(r + "-") for r in (x.lower() for x in ranges)
    )


class _Compiler:
    def __init__(self, graph: rdflib.Graph, hierarchy: rdflib.Graph | None) -> None:
        self.g = graph
        self.hierarchy = hierarchy if hierarchy is not None else rdflib.Graph()

    def classes(self, *classes: rdflib.term.Node) -> frozenset[ox.NamedNode]:
        """``classes`` and all their subclasses."""
        found: set[rdflib.term.Node] = set()
        for cls in classes:
            found.update(self.hierarchy.transitive_subjects(rdflib.RDFS.subClassOf, cls))
        return frozenset(ox.NamedNode(str(c)) for c in found)

    def value_condition(self, node: rdflib.term.Node) -> Condition | None:
        """A test true when a value satisfies the value constraints of ``node`` (a property
        shape or a node shape); None when it has none."""
        parts: list[Condition] = []
        for p, o in self.g.predicate_objects(node):
            parts.extend(self._condition(node, p, o))
        if not parts:
            return None
        if len(parts) == 1:
            return parts[0]
        return lambda v, types: all(part(v, types) for part in parts)

    def _condition(
        self, node: rdflib.term.Node, p: rdflib.term.Node, o: rdflib.term.Node
    ) -> list[Condition]:
        if p == SH["class"]:
            classes = self.classes(o)
            return [lambda v, types: not types.get(v, _NONE).isdisjoint(classes)]
        if p == SH.datatype:
            datatype = ox.NamedNode(str(o))
            return [lambda v, types: isinstance(v, ox.Literal) and v.datatype == datatype]
        if p == SH["in"]:
            members = frozenset(_ox(m) for m in Collection(self.g, o))
            return [lambda v, types: v in members]
        if p == SH.pattern:
            regex = _xpath_regex(str(o))

            def matches(v: Term, types: Types) -> bool:
                text = _string(v)
                return text is not None and regex.search(text) is not None

            return [matches]
        if p == SH.minLength:
            n = int(o)

            def long_enough(v: Term, types: Types) -> bool:
                text = _string(v)
                return text is not None and len(text) >= n

            return [long_enough]
        if p == SH["or"]:
            options = [self.value_condition(m) for m in Collection(self.g, o)]
            if any(opt is None for opt in options):
                raise ShapesError(f"sh:or member without a value constraint in {node}")
            return [lambda v, types: any(opt(v, types) for opt in options)]  # type: ignore[misc]
        if p == SH.node:
            inner = self.value_condition(o)
            if inner is None:
                raise ShapesError(f"sh:node {o} has no value constraint")
            return [inner]
        if p == SH.nodeKind:
            if o != SH.IRI:
                raise ShapesError(f"sh:nodeKind {o} is not supported")
            return [lambda v, types: isinstance(v, ox.NamedNode)]
        return []

    def compile(self) -> list[Check]:
        checks: list[Check] = []
        for shape in sorted(set(self.g.subjects(SH.targetClass, None))):
            unknown = set(self.g.predicates(shape)) - _KNOWN_NODE_PARAMS
            if unknown:
                raise ShapesError(f"{shape}: unsupported parameters {sorted(map(str, unknown))}")
            targets = self.classes(*self.g.objects(shape, SH.targetClass))
            node_condition = self.value_condition(shape)
            if node_condition is not None:
                checks.append(
                    Check(
                        str(shape),
                        targets,
                        None,
                        "node",
                        f"the node does not conform to {shape}",
                        lambda focus, values, props, types, ok=node_condition: not ok(focus, types),
                    )
                )
            for prop in self.g.objects(shape, SH.property):
                checks.extend(self.property_checks(shape, targets, prop))
        return checks

    def property_checks(
        self, shape: rdflib.term.Node, targets: frozenset[ox.NamedNode], prop: rdflib.term.Node
    ) -> list[Check]:
        unknown = set(self.g.predicates(prop)) - _KNOWN_PROPERTY_PARAMS
        if unknown:
            raise ShapesError(
                f"{shape}: unsupported property parameters {sorted(map(str, unknown))}"
            )
        path = self.g.value(prop, SH.path)
        if not isinstance(path, rdflib.URIRef):
            raise ShapesError(f"{shape}: only predicate paths are supported, not {path}")
        given = self.g.value(prop, SH.message)
        out: list[Check] = []

        def add(
            constraint: str,
            default: str,
            violated: Callable[[Term, list[Term], dict[ox.NamedNode, list[Term]], Types], bool],
        ) -> None:
            message = str(given) if given is not None else default
            out.append(Check(str(shape), targets, str(path), constraint, message, violated))

        # the values of a focus are counted as distinct terms
        min_count = self.g.value(prop, SH.minCount)
        if min_count is not None and int(min_count) > 0:
            least = int(min_count)
            add(
                "minCount",
                f"fewer than {least} values",
                lambda f, values, props, types: len(set(values)) < least,
            )
        max_count = self.g.value(prop, SH.maxCount)
        if max_count is not None:
            most = int(max_count)
            add(
                "maxCount",
                f"more than {most} values",
                lambda f, values, props, types: len(set(values)) > most,
            )
        condition = self.value_condition(prop)
        if condition is not None:
            ok = condition

            def bad_value(f: Term, values: list[Term], props: object, types: Types) -> bool:
                # a loop, not any(…): no generator made for each focus node
                for v in values:  # noqa: SIM110
                    if not ok(v, types):
                        return True
                return False

            add("value", "a value does not conform", bad_value)
        languages = self.g.value(prop, SH.languageIn)
        if languages is not None:
            ranges = [str(tag) for tag in Collection(self.g, languages)]
            add(
                "languageIn",
                "a value has a language not allowed",
                lambda f, values, props, types: (
                    not all(
                        isinstance(v, ox.Literal) and _lang_matches(v.language or "", ranges)
                        for v in values
                    )
                ),
            )
        if self.g.value(prop, SH.uniqueLang) == rdflib.Literal(True):

            def shared_language(f: Term, values: list[Term], props: object, types: Types) -> bool:
                tags = [
                    v.language.lower()
                    for v in set(values)
                    if isinstance(v, ox.Literal) and v.language
                ]
                return len(tags) != len(set(tags))

            add("uniqueLang", "two values share a language", shared_language)
        other = self.g.value(prop, SH.lessThan)
        if other is not None:
            than = ox.NamedNode(str(other))
            add(
                "lessThan",
                f"a value is not less than {other}",
                lambda f, values, props, types: any(
                    not _less(v, w) for v in values for w in props.get(than, ())
                ),
            )
        return out


def compile_shapes(graph: rdflib.Graph, hierarchy: rdflib.Graph | None = None) -> list[Check]:
    """The checks of a shapes graph, with the ``rdfs:subClassOf`` triples of ``hierarchy`` (the
    ontology) deciding which classes a target or an ``sh:class`` takes in.

    :raises ShapesError: the shapes use a construct this validator does not implement.
    """
    return _Compiler(graph, hierarchy).compile()


_NONE: frozenset[Term] = frozenset()
_NO_VALUES: list[Term] = []
_RDF_TYPE = ox.NamedNode(str(rdflib.RDF.type))


class Shapes:
    """Compiled shapes, checked against the ontology's class hierarchy."""

    def __init__(self, shapes: Path, ontology: Path) -> None:
        self.checks = compile_shapes(rdflib.Graph().parse(shapes), rdflib.Graph().parse(ontology))
        self._by_targets: dict[frozenset[ox.NamedNode], list[Check]] = {}
        self._paths: dict[str | None, ox.NamedNode | None] = {None: None}
        for check in self.checks:
            self._by_targets.setdefault(check.targets, []).append(check)
            if check.path is not None:
                self._paths[check.path] = ox.NamedNode(check.path)

    def violations_of(self, triples: Iterable[tuple[Term, Term, Term]]) -> list[Violation]:
        """The violations of one graph's triples, sorted."""
        props: Properties = {}
        for s, p, o in triples:
            by_predicate = props.get(s)
            if by_predicate is None:
                by_predicate = props[s] = {}
            values = by_predicate.get(p)  # type: ignore[call-overload]
            if values is None:
                by_predicate[p] = [o]  # type: ignore[index]
            else:
                values.append(o)
        types: Types = {}
        of_class: dict[Term, list[Term]] = {}
        for s, by in props.items():
            classes = by.get(_RDF_TYPE)  # type: ignore[call-overload]
            if classes:
                types[s] = set(classes)
                for c in classes:
                    of_class.setdefault(c, []).append(s)
        found: set[Violation] = set()
        for targets, checks in self._by_targets.items():
            focused = dict.fromkeys(s for c in targets for s in of_class.get(c, ()))
            focuses = [(s, props[s]) for s in focused]
            for check in checks:
                path = self._paths[check.path]
                for focus, focus_props in focuses:
                    values = focus_props.get(path, _NO_VALUES) if path is not None else _NO_VALUES
                    if check.violated(focus, values, focus_props, types):
                        found.add(
                            Violation(focus.value, check.path, check.message, check.constraint)
                        )
        return sorted(found, key=str)

    def violations_by_graph(self, quads: Iterable[ox.Quad]) -> dict[str, list[Violation]]:
        """The violations of each named graph of ``quads``, each graph checked on its own.

        :returns: the graphs that have violations, each with its violations sorted. Quads in the
            default graph are not checked.
        """
        graphs: dict[str, list[tuple[Term, Term, Term]]] = {}
        for q in quads:
            if not isinstance(q.graph_name, ox.DefaultGraph):
                graphs.setdefault(q.graph_name.value, []).append((q.subject, q.predicate, q.object))
        found = {g: self.violations_of(triples) for g, triples in graphs.items()}
        return {g: v for g, v in found.items() if v}

    def violations(self, quads: Iterable[ox.Quad]) -> list[Violation]:
        """The violations of the triples of ``quads`` (their graphs merged), sorted."""
        return self.violations_of((q.subject, q.predicate, q.object) for q in quads)

    def problems(self, quads: Iterable[ox.Quad]) -> list[str]:
        """The violations as one line each."""
        return [str(v) for v in self.violations(quads)]


@cache
def default_shapes() -> Shapes:
    """lawgraph's own shapes (``ontology/shapes.ttl``), compiled once."""
    return Shapes(shapes_path(), ontology_path())
