"""What to export: a scope, parsed from text and checked against a store.

Scopes, as the CLI's ``--scope`` and the HTTP ``scope=`` parameter write them:

``all``
    every graph in the store (RDF dumps keep the named graphs, one per report);
``report:<id or IRI>``
    one report's named graph (``report:fushun-2020-rule-of-law``, or its full IRI);
``construct:<query>``
    the answer of a CONSTRUCT (or DESCRIBE) query, run on the union of all graphs with lawgraph's
    prefixes predeclared; from the command line the query may be a ``.rq`` / ``.sparql`` file.
    The entity graph adds the type, labels and dates of every entity the answer names, from the
    store, so a query need only say how entities are linked;
``query:<name>[?param=value&…]``
    a canned query of ``queries/*.rq`` (see :mod:`lawgraph.catalog`) that answers with pairs of
    entities, as a network (:func:`lawgraph.export.networks.network_from_rows`).

:func:`select` checks a scope against a store up front — an unknown report, a query that does
not parse or is not a CONSTRUCT, an unknown canned query or parameter raise
:class:`~lawgraph.errors.InputError` before a byte is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import parse_qsl

import networkx as nx
import pyoxigraph as ox

from lawgraph import ids
from lawgraph.errors import ForbiddenQuery, InputError
from lawgraph.export import vocabulary as v
from lawgraph.export.entities import EntityGraphBuilder, Lang, Nary
from lawgraph.export.networks import describe_nodes, merge_node_attributes, network_from_rows
from lawgraph.store import EmbeddedStore
from lawgraph.vocab import PREFIXES

ScopeKind = Literal["all", "report", "construct", "query"]
Statement = ox.Quad | ox.Triple

SCOPE_FORMS = (
    "all",
    "report:<id or IRI>",
    "construct:<CONSTRUCT query>",
    "query:<canned query name>[?param=value&…]",
)
_QUERY_FILE_SUFFIXES = (".rq", ".sparql")
_SLUG = re.compile(r"[^A-Za-z0-9._-]+")
_DESCRIBE_BATCH = 400


class ExportStore(Protocol):
    """What exporting needs of a store (:class:`lawgraph.store.EmbeddedStore` has it all)."""

    def query(self, sparql: str, **options: Any) -> Any: ...

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]: ...

    def graphs(self) -> list[str]: ...


@dataclass(frozen=True)
class Scope:
    """A parsed scope: its kind and its argument (a report IRI, query text, or canned name)."""

    kind: ScopeKind
    value: str = ""
    params: tuple[tuple[str, str], ...] = ()

    @property
    def slug(self) -> str:
        """A short ASCII name for file names.

        >>> parse_scope("report:fushun-2020-rule-of-law").slug
        'report-fushun-2020-rule-of-law'
        """
        if self.kind == "all":
            return "all"
        if self.kind == "report":
            tail = self.value.rstrip("/").rsplit("/", 1)[-1]
            return "report-" + (_SLUG.sub("-", tail).strip("-") or "graph")
        if self.kind == "query":
            return "query-" + (_SLUG.sub("-", self.value).strip("-") or "query")
        return "construct"

    def __str__(self) -> str:
        if self.kind == "all":
            return "all"
        if self.kind == "construct":
            return "construct query"
        text = f"{self.kind}:{self.value}"
        if self.params:
            text += "?" + "&".join(f"{k}={val}" for k, val in self.params)
        return text


def parse_scope(text: str, *, allow_files: bool = False) -> Scope:
    """Parse a scope (see the module's description).

    :param allow_files: let ``construct:`` name a ``.rq`` file (the CLI does; a web route must
        not, or a request could read the server's files).
    :raises InputError: the text is no scope.

    >>> parse_scope("report:https://w3id.org/lawgraph/id/report/x").value
    'https://w3id.org/lawgraph/id/report/x'
    >>> parse_scope("query:co-attendance?year=2020").params
    (('year', '2020'),)
    """
    text = text.strip()
    if text == "all":
        return Scope("all")
    kind, sep, value = text.partition(":")
    value = value.strip()
    if not sep or kind not in ("report", "construct", "query"):
        raise InputError(
            f"unknown scope {text[:80]!r}; a scope is one of: {', '.join(SCOPE_FORMS)}"
        )
    if not value:
        raise InputError(f"scope {kind}: needs a value ({kind}:…)")
    if kind == "report":
        iri = value if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", value) else ids.report(value)
        return Scope("report", iri)
    if kind == "construct":
        if allow_files and value.endswith(_QUERY_FILE_SUFFIXES) and "\n" not in value:
            path = Path(value)
            if not path.is_file():
                raise InputError(f"construct: no such query file: {path}")
            try:
                value = path.read_text(encoding="utf-8-sig")  # a byte order mark, as editors save
            except (OSError, UnicodeDecodeError) as exc:
                raise InputError(f"construct: cannot read {path}: {exc}") from None
        return Scope("construct", value)
    name, _, query_string = value.partition("?")
    try:
        params = tuple(parse_qsl(query_string, keep_blank_values=True, strict_parsing=False))
    except ValueError as exc:
        raise InputError(f"query:{name}: bad parameters {query_string!r}: {exc}") from None
    seen: set[str] = set()
    for n, _ in params:
        if n in seen:  # as /queries/{name} and `lawgraph query` refuse it
            raise InputError(f"{n}: given more than once")
        seen.add(n)
    return Scope("query", name.strip(), params)


# --- selections ------------------------------------------------------------------------------


CatalogLookup = Callable[[str], Any]
"""Finds a canned query by name (``lawgraph.catalog.Catalog.get``); raises InputError if none."""


@dataclass
class Selection:
    """A scope checked against a store: it can give its RDF statements and its entity graph."""

    store: ExportStore
    scope: Scope
    rows: tuple[Sequence[str], list[tuple[Any, ...]]] | None = None
    summary: dict[str, str] | None = None

    @property
    def is_dataset(self) -> bool:
        """Whether the statements are quads in named graphs (all, report) or bare triples."""
        return self.scope.kind in ("all", "report")

    @property
    def is_table(self) -> bool:
        """Whether the scope is a table of entity pairs (a canned query), which has no RDF."""
        return self.rows is not None

    def statements(self) -> Iterator[Statement]:
        """The RDF the scope selects. Call it in the thread that consumes the iterator:
        pyoxigraph iterators cannot move between threads.

        :raises InputError: the scope is a canned query's table, not RDF.
        """
        scope = self.scope
        if scope.kind == "all":
            return self.store.quads()
        if scope.kind == "report":
            return self.store.quads(scope.value)
        if scope.kind == "construct":
            return iter(_construct(self.store, scope.value))
        raise InputError(
            f"{scope}: a canned query answers with a table, not RDF: export it as a network "
            "(graphml, gexf, cytoscape, node-link, csv, dot, png, svg), or use construct:"
        )

    def triples(self) -> Iterator[ox.Triple]:
        """The scope's triples, graphs merged and repeats dropped (for Turtle)."""
        if self.scope.kind == "all":
            return iter(_construct(self.store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"))
        if self.scope.kind == "report":
            return (q.triple for q in self.store.quads(self.scope.value))
        return (st if isinstance(st, ox.Triple) else st.triple for st in self.statements())

    def entity_graph(self, *, nary: Nary = "collapse", lang: Lang = "zh") -> nx.MultiDiGraph:
        """The scope's entity graph (or network, for a canned query), with a ``title``."""
        graph = self._graph(nary, lang)
        graph.graph["title"] = self._title(graph, lang)
        return graph

    def _title(self, graph: nx.MultiDiGraph, lang: Lang) -> str:
        scope = self.scope
        if scope.kind == "report" and scope.value in graph:
            return f"{graph.nodes[scope.value].get('label', scope.value)} ({scope.slug})"
        if scope.kind == "construct":
            for line in scope.value.splitlines():
                line = line.strip()
                if line and not line.startswith("#"):
                    break
                if line.lstrip("#+ ").strip():
                    return line.lstrip("#+ ").strip()
            return "CONSTRUCT"
        if scope.kind == "query" and self.summary:
            return f"{self.summary.get(lang) or scope.value} ({scope})"
        return f"lawgraph: {scope}"

    def _graph(self, nary: Nary, lang: Lang) -> nx.MultiDiGraph:
        name = f"lawgraph {self.scope}"
        if self.rows is not None:
            columns, rows = self.rows
            graph = network_from_rows(columns, rows, relation=self.scope.value, name=name)
            described = describe_nodes(describe(self.store, list(graph)), lang=lang)
            merge_node_attributes(graph, described)
            return graph
        builder = EntityGraphBuilder(nary=nary, lang=lang)
        if self.scope.kind == "construct":
            answer = list(self.statements())
            builder.add(answer)
            named = {
                t.value
                for st in answer
                for t in (st.subject, st.object)
                if isinstance(t, ox.NamedNode)
            }
            builder.add(describe(self.store, sorted(named)))
        else:
            builder.add(self.statements())
        return builder.build(name)


def select(
    store: ExportStore, scope: Scope | str, *, catalog: CatalogLookup | None = None
) -> Selection:
    """Check ``scope`` against ``store``.

    :param catalog: finds canned queries by name (default: ``lawgraph.catalog.load_catalog()``).
    :raises InputError: the report is not in the store, the query is bad or not a CONSTRUCT,
        the canned query or one of its parameters is unknown, or its answer is no network.
    """
    if isinstance(scope, str):
        scope = parse_scope(scope)
    if scope.kind == "report":
        graphs = store.graphs()
        if scope.value not in graphs:
            reports = [
                g.removeprefix(ids.report("")) for g in graphs if g.startswith(ids.report(""))
            ]
            known = ", ".join(reports[:10]) + (" …" if len(reports) > 10 else "")
            raise InputError(
                f"no report {scope.value.removeprefix(ids.report(''))!r} in the store "
                f"(reports: {known or 'none'})"
            )
    elif scope.kind == "construct":
        _check_construct(store, scope.value)
    elif scope.kind == "query":
        columns, rows, summary = _run_canned(store, scope, catalog)
        return Selection(store, scope, (columns, rows), summary)
    return Selection(store, scope)


def _check_construct(store: ExportStore, text: str) -> None:
    from lawgraph.sparql import inspect_query

    try:
        info = inspect_query(text)
    except ForbiddenQuery as exc:  # an update or SERVICE: refused (403), as on /sparql
        raise ForbiddenQuery(f"construct: {exc}") from None
    if info.form not in (None, "CONSTRUCT", "DESCRIBE"):
        raise InputError(
            f"construct: needs a CONSTRUCT or DESCRIBE query; this is {info.form}. A network from "
            "a SELECT of entity pairs is a canned query (query:<name>)"
        )
    _construct(store, text)  # parses it: a syntax error is raised here, before any output


def _construct(store: ExportStore, text: str) -> ox.QueryTriples:
    try:
        result = store.query(text, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise InputError(f"construct: bad query: {exc}") from None
    if not isinstance(result, ox.QueryTriples):
        kind = "SELECT" if isinstance(result, ox.QuerySolutions) else "ASK"
        raise InputError(f"construct: needs a CONSTRUCT or DESCRIBE query; this is {kind}")
    return result


def _run_canned(
    store: ExportStore, scope: Scope, catalog: CatalogLookup | None
) -> tuple[tuple[str, ...], list[tuple[Any, ...]], dict[str, str] | None]:
    if catalog is None:
        from lawgraph.catalog import load_catalog

        catalog = load_catalog().get
    query = catalog(scope.value)
    values = query.bind(dict(scope.params))
    if isinstance(store, EmbeddedStore) or getattr(store, "supports_substitutions", False):
        substitutions = {ox.Variable(k): term for k, term in values.items()}
        result = store.query(query.text, substitutions=substitutions)
    else:
        result = store.query(query.sparql(values))
    if not isinstance(result, ox.QuerySolutions):
        raise InputError(f"query:{scope.value}: answers with no table")
    columns = tuple(var.value for var in result.variables)
    rows = [tuple(solution[c] for c in columns) for solution in result]
    summary = getattr(query, "summary", None)
    return columns, rows, dict(summary) if summary else None


def describe(store: ExportStore, iris: Iterable[str]) -> Iterator[ox.Triple]:
    """What the export shows of each entity, from the store: its types, literals (labels,
    dates …), controlled-vocabulary concepts and evidence (with its quotes), but none of its
    links to other entities."""
    kept = ", ".join(f"<{p}>" for p in (v.RDF_TYPE, v.EVIDENCE_LINK, *sorted(v.CONCEPT_LINKS)))
    shallow = (
        "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { %s } ?s ?p ?o . "
        f"FILTER(isLiteral(?o) || ?p IN ({kept})) }}"
    )
    quotes = (
        "CONSTRUCT { ?s ?p ?o } WHERE { VALUES ?s { %s } VALUES ?p { "
        f"<{v.lg('quote')}> <{v.lg('charStart')}> }} ?s ?p ?o }}"
    )
    batch: list[str] = []
    for iri in iris:
        if iri.startswith("_:"):
            continue
        batch.append(str(ox.NamedNode(iri)))
        if len(batch) >= _DESCRIBE_BATCH:
            yield from _shallow(store, shallow, quotes, batch)
            batch = []
    if batch:
        yield from _shallow(store, shallow, quotes, batch)


def _shallow(
    store: ExportStore, shallow: str, quotes: str, batch: list[str]
) -> Iterator[ox.Triple]:
    evidence: list[str] = []
    for triple in store.query(shallow % " ".join(batch)):
        if triple.predicate.value == v.EVIDENCE_LINK:
            evidence.append(str(triple.object))
        yield triple
    for start in range(0, len(evidence), _DESCRIBE_BATCH):
        yield from store.query(quotes % " ".join(evidence[start : start + _DESCRIBE_BATCH]))
