"""What the pages read from the store: SELECTs run through the app's backend (its timeout and
row cap apply), and the small value types the templates show.

IRIs from requests reach a query only through :func:`iri_term` (validated, then written by
:func:`lawgraph.catalog.sparql_term`), never spliced raw.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from fastapi import FastAPI

from lawgraph.api.queries import select
from lawgraph.catalog import check_iri, sparql_term
from lawgraph.ids import BASE
from lawgraph.vocab import PREFIXES
from lawgraph.web.terms import XSD, kind_of

PROLOGUE = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())
Row = dict[str, ox.NamedNode | ox.BlankNode | ox.Literal | None]


def iri_term(iri: str) -> str:
    """An IRI written for a query, once checked (``ValueError`` if it cannot be written safely)."""
    problem = check_iri(iri)
    if problem:
        raise ValueError(f"IRI {iri!r} {problem}")
    return sparql_term(ox.NamedNode(iri))


async def rows(app: FastAPI, query: str) -> list[Row]:
    """The rows of a SELECT (the prefixes of :data:`lawgraph.vocab.PREFIXES` declared)."""
    solutions = await select(app, PROLOGUE + query)
    names = [v.value for v in solutions.variables]
    return [{n: s[n] for n in names} for s in solutions]  # type: ignore[misc]


def text(term: object) -> str:
    """The lexical value of a term ("" for None)."""
    return "" if term is None else str(getattr(term, "value", term))


def integer(term: object, default: int = 0) -> int:
    try:
        return int(text(term))
    except ValueError:
        return default


@dataclass
class Node:
    """An IRI node with what a page shows of it: its Chinese label and its kind."""

    iri: str
    label: str = ""
    classes: set[str] = field(default_factory=set)

    @property
    def kind(self) -> str:
        return kind_of(self.classes)

    @property
    def name(self) -> str:
        """The label, else the last segment of the IRI."""
        return self.label or self.iri.rstrip("/").rsplit("/", 1)[-1]

    @property
    def local(self) -> bool:
        return self.iri.startswith(BASE)


@dataclass(frozen=True)
class Lit:
    """A literal as shown: its text, language and datatype (local name, for dates)."""

    value: str
    language: str | None = None
    datatype: str | None = None


Value = Node | Lit


def value_of(term: object, label: object = None, nodes: dict[str, Node] | None = None) -> Value:
    """A term as a :class:`Node` (kept unique in ``nodes``) or a :class:`Lit`."""
    if isinstance(term, ox.NamedNode):
        if nodes is None:
            return Node(term.value, text(label))
        node = nodes.setdefault(term.value, Node(term.value))
        if label is not None and not node.label:
            node.label = text(label)
        return node
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value
        short = datatype[len(XSD) :] if datatype.startswith(XSD) else datatype
        return Lit(term.value, term.language, None if term.language else short)
    return Lit(text(term))


def add_class(nodes: dict[str, Node], iri: str, cls: object) -> None:
    if isinstance(cls, ox.NamedNode) and iri in nodes:
        nodes[iri].classes.add(cls.value)


def distinct(values: Iterable[Value]) -> list[Value]:
    """Values in first-seen order, each once."""
    seen: set[tuple[str, str]] = set()
    out: list[Value] = []
    for v in values:
        key = ("n", v.iri) if isinstance(v, Node) else ("l", f"{v.value}@{v.language}^{v.datatype}")
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out
