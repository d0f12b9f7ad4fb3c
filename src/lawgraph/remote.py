"""A remote store: any SPARQL 1.1 endpoint, read through SPARQLWrapper, written through the
Graph Store Protocol or SPARQL Update.

:class:`RemoteStore` has the same write methods as :class:`lawgraph.store.EmbeddedStore`
(``replace_graph``, ``replace_graphs``, ``replace_batch``, ``drop_graph``, ``load_rdf``,
``graphs``, ``len``), so ``lawgraph load --endpoint URL`` works unchanged, and
:meth:`RemoteStore.run_job` answers the API's queries with the same bytes the embedded store
gives. The differences between servers are normalised here:

* **Dataset.** The embedded store's default graph is the union of its graphs. Virtuoso's default
  graph also holds its system graphs; Oxigraph's holds none of the named graphs. So every query
  is sent with an explicit dataset (``default-graph-uri`` / ``named-graph-uri``): the store's
  graphs, or the graphs the request names, less any that are not graphs of the store (they are
  never fetched; a dataset left empty points at a graph that does not exist).
* **Safety.** The query is parsed here first (rdflib's parser): anything that is not standard
  SPARQL 1.1 (Virtuoso's ``DEFINE`` pragmas, which can make it fetch the web), ``SERVICE``, and
  calls to server-specific functions (Virtuoso's ``bif:`` / ``sql:``) are refused before the
  server sees them.
* **Results.** SELECT / ASK come back as SPARQL XML (so Virtuoso's JSON ``typed-literal`` never
  appears), CONSTRUCT / DESCRIBE as Turtle; both are parsed by pyoxigraph and serialised in the
  format the client asked for, with the row cap applied. Virtuoso's silent 10,000-row cap
  (``X-SPARQL-MaxRows``) is reported as a truncation.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import threading
import time
import urllib.error
import warnings
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
from SPARQLWrapper import DIGEST, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper import SPARQLExceptions as sw_errors

from lawgraph.errors import ForbiddenQuery, InputError, QueryError, QueryTimeout, StoreError
from lawgraph.rdf import search_keys_update
from lawgraph.sparql import (
    Answer,
    Job,
    NotAcceptable,
    format_by_name,
    inspect_query,
    query_code,
    serialize_boolean,
    serialize_solutions,
    serialize_triples,
    values_position,
)
from lawgraph.store import insert_data, rdf_format

EMPTY_GRAPH = "urn:x-lawgraph:empty"
"A graph IRI no store holds: a dataset left empty is sent as this one graph."

SYSTEM_GRAPH_PREFIXES: tuple[str, ...] = (
    "http://www.openlinksw.com/",  # Virtuoso's virtrdf# and friends
    "http://www.w3.org/ns/ldp",
    "http://localhost:8890/",  # Virtuoso's DefaultHost graphs (/sparql, /DAV/)
    EMPTY_GRAPH,
)
FORBIDDEN_FUNCTION_PREFIXES: tuple[str, ...] = ("http://www.openlinksw.com/",)
_SAFE_IRI = re.compile(r"[a-z][a-z0-9+.\-]*:[^\x00-\x20<>\"{}|^`\\]*", re.IGNORECASE)
_BNODE_XML = re.compile(rb"<bnode>([^<]*)</bnode>")
_UPDATE_CHUNK = 5_000
REMOTE_MAX_DEPTH = 64
"""Deepest nesting of ``{`` / ``(`` / ``[`` a query sent to a remote server may have."""
REMOTE_MAX_OPERATORS = 1000
"""Most operators (``&&``, ``||``, ``UNION``, ``+``, ``*``, ``/``, ``|``, groups and calls) a
query sent to a remote server may have."""
_OPERATOR = re.compile(r"&&|\|\||[{(\[+*/|]|\bUNION\b|[)}\]]", re.IGNORECASE)


def check_complexity(code: str) -> None:
    """Refuse a query too deeply nested or with too many operators for the remote path.

    rdflib's parser (which vets every remote query) and some servers recurse on the query's
    structure: a 1,000-term ``&&`` chain takes rdflib seconds, outside any timeout, and a
    12,000-term one crashes an Oxigraph server. Real questions stay far below both limits.

    :param code: the query with comments, IRIs and strings blanked out.
    :raises QueryError: naming the limit passed.
    """
    depth = deepest = operators = 0
    for match in _OPERATOR.finditer(code):
        token = match.group()
        if token in ")}]":
            depth -= 1
            continue
        operators += 1
        if token in "{([":
            depth += 1
            deepest = max(deepest, depth)
    if deepest > REMOTE_MAX_DEPTH:
        raise QueryError(
            f"the query is nested {deepest} levels deep; queries sent to the remote endpoint "
            f"may nest at most {REMOTE_MAX_DEPTH}"
        )
    if operators > REMOTE_MAX_OPERATORS:
        raise QueryError(
            f"the query has {operators} operators and groups; queries sent to the remote "
            f"endpoint may have at most {REMOTE_MAX_OPERATORS}"
        )


def _safe_bnode(match: re.Match[bytes]) -> bytes:
    label = match.group(1)
    if re.fullmatch(rb"[A-Za-z0-9_]+", label):
        return match.group(0)
    return b"<bnode>b" + hashlib.sha1(label).hexdigest()[:24].encode() + b"</bnode>"


def _walk(node: Any, seen: set[int] | None = None) -> Iterable[Any]:
    """Every node of an rdflib parse tree (CompValues, lists, dicts)."""
    seen = seen if seen is not None else set()
    if id(node) in seen:
        return
    seen.add(id(node))
    yield node
    if isinstance(node, dict):
        for value in node.values():
            yield from _walk(value, seen)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _walk(value, seen)


class RemoteQuery:
    """What the remote path learnt about a query from parsing it."""

    def __init__(self, form: str, from_graphs: list[str] | None, from_named: list[str] | None):
        self.form = form
        self.from_graphs = from_graphs
        self.from_named = from_named


def _parse(query: str, base_iri: str | None) -> tuple[Any, Any]:
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.algebra import translateQuery

    parsed = parser.parseQuery(query)
    return parsed, translateQuery(parsed, base=base_iri)


_parser: ThreadPoolExecutor
"""The thread rdflib parses queries in. pyparsing leaves reference cycles (exceptions with their
tracebacks) that hold the frames of every caller up the stack. Parsed on the caller's thread, the
pyoxigraph results a caller holds later (which must be freed on the thread that made them) would
be freed by the garbage collector on whichever thread it next runs, and leak. Here the cycles hold
only this thread's frames."""


def _new_parser() -> None:  # at import, and in a forked child (which has no such thread)
    global _parser
    _parser = ThreadPoolExecutor(1, thread_name_prefix="lawgraph-sparql-parser")


_new_parser()
os.register_at_fork(after_in_child=_new_parser)


def check_remote_query(query: str, base_iri: str | None) -> RemoteQuery:
    """Parse ``query`` as standard SPARQL 1.1 and refuse what a remote server must not see.

    :raises QueryError: the text is not a SPARQL 1.1 query.
    :raises ForbiddenQuery: SERVICE, or a server-specific function.
    """
    from pyparsing import ParseException

    inspect_query(query)
    check_complexity(query_code(query))
    try:
        parsed, translated = _parser.submit(_parse, query, base_iri).result()
    except ParseException as exc:
        raise QueryError(f"syntax error: {exc}") from None
    except RecursionError:
        raise QueryError(
            "the query is too long for the remote path: rdflib's parser, which vets every query "
            "sent to the remote endpoint, recurses once per triple pattern of a group and gives "
            "up past about 80 (split the group into { … } { … }, or "
            "write the patterns of one subject as a ; list)"
        ) from None
    except Exception as exc:  # rdflib raises assorted errors on bad queries
        raise QueryError(f"cannot parse the query: {exc}") from None
    from rdflib.term import URIRef

    for node in _walk(parsed):
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise ForbiddenQuery("SERVICE is refused: this endpoint never fetches from elsewhere")
        if name == "Function":
            iri = node.get("iri") if hasattr(node, "get") else None
            if isinstance(iri, URIRef) and str(iri).startswith(FORBIDDEN_FUNCTION_PREFIXES):
                raise ForbiddenQuery(f"the server-specific function <{iri}> is refused")
    algebra = translated.algebra
    form = {
        "SelectQuery": "SELECT",
        "AskQuery": "ASK",
        "ConstructQuery": "CONSTRUCT",
        "DescribeQuery": "DESCRIBE",
    }.get(algebra.name, "SELECT")
    from_graphs: list[str] | None = None
    from_named: list[str] | None = None
    datasets = algebra.get("datasetClause") or []
    for clause in datasets:
        if "default" in clause:
            from_graphs = [*(from_graphs or []), str(clause["default"])]
        if "named" in clause:
            from_named = [*(from_named or []), str(clause["named"])]
    return RemoteQuery(form, from_graphs, from_named)


class RemoteStore:
    """A SPARQL 1.1 endpoint used as lawgraph's store.

    :param endpoint: the query endpoint URL.
    :param update_endpoint: the SPARQL Update endpoint (default: ``endpoint``).
    :param gsp_endpoint: the Graph Store Protocol endpoint; when given, writes use it.
    :param user: user name for writes; ``password`` and ``auth`` (``digest`` / ``basic``) go
        with it.
    :param graph_prefix: only graphs whose IRI starts with this are the store's.
    :param graphs_ttl: seconds the graph list is cached.
    :param timeout: seconds a request may take.
    """

    def __init__(
        self,
        endpoint: str,
        *,
        update_endpoint: str | None = None,
        gsp_endpoint: str | None = None,
        user: str | None = None,
        password: str | None = None,
        auth: str = "digest",
        graph_prefix: str = "",
        graphs_ttl: float = 5.0,
        timeout: float = 10.0,
    ) -> None:
        self.endpoint = endpoint
        self.update_endpoint = update_endpoint or endpoint
        self.gsp_endpoint = gsp_endpoint
        self.user = user
        self.password = password
        self.auth = auth
        self.graph_prefix = graph_prefix
        self.graphs_ttl = graphs_ttl
        self.timeout = timeout
        self._graphs: tuple[float, list[str]] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Any) -> RemoteStore:
        """A remote store as :class:`lawgraph.settings.Settings` describe it."""
        if not settings.endpoint:
            raise StoreError("no remote endpoint: set --endpoint or LAWGRAPH_ENDPOINT")
        password = settings.remote_password.get_secret_value() if settings.remote_password else None
        return cls(
            settings.endpoint,
            update_endpoint=settings.update_endpoint,
            gsp_endpoint=settings.gsp_endpoint,
            user=settings.remote_user,
            password=password,
            auth=settings.remote_auth,
            graph_prefix=settings.remote_graph_prefix,
            graphs_ttl=settings.remote_graphs_ttl,
            timeout=settings.query_timeout,
        )

    # --- low-level requests --------------------------------------------------------------

    def _wrapper(self, query: str, return_format: str) -> SPARQLWrapper:
        sw = SPARQLWrapper(self.endpoint)
        sw.setMethod(POST)
        sw.setOnlyConneg(True)
        sw.setTimeout(max(1, round(self.timeout)))
        sw.setReturnFormat(return_format)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # "not detected query type"
            sw.setQuery(query)
        return sw

    def _request(
        self, query: str, form: str, dataset: tuple[list[str], list[str]]
    ) -> tuple[bytes, dict[str, str]]:
        """Send a query with an explicit dataset; the raw body and the headers."""
        sw = self._wrapper(query, XML if form in ("SELECT", "ASK") else TURTLE)
        sw.queryType = form  # SPARQLWrapper's own guess stumbles on PREFIX-heavy queries
        for graph in dataset[0]:
            sw.addDefaultGraph(graph)
        for graph in dataset[1]:
            sw.addNamedGraph(graph)
        try:
            result = sw.query()
            body = result.response.read()
            headers = {k.lower(): v for k, v in result.info().items()}
        except sw_errors.QueryBadFormed as exc:
            raise QueryError(f"the remote endpoint refused the query: {_short(exc)}") from None
        except (sw_errors.EndPointNotFound, sw_errors.Unauthorized) as exc:
            raise StoreError(
                f"the remote endpoint {self.endpoint} refused: {_short(exc)}"
            ) from None
        except sw_errors.EndPointInternalError as exc:
            raise StoreError(f"the remote endpoint failed: {_short(exc)}") from None
        except sw_errors.SPARQLWrapperException as exc:
            raise StoreError(f"the remote endpoint failed: {_short(exc)}") from None
        except TimeoutError as exc:
            raise QueryTimeout(
                f"the remote endpoint did not answer within {self.timeout:g} s"
            ) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise QueryTimeout(
                    f"the remote endpoint did not answer within {self.timeout:g} s"
                ) from None
            raise StoreError(f"cannot reach {self.endpoint}: {exc.reason}") from None
        except OSError as exc:
            raise StoreError(f"cannot reach {self.endpoint}: {exc}") from None
        return body, headers

    def check(self) -> None:
        """Check that the endpoint answers (``ASK {}``).

        :raises StoreError: it does not.
        """
        self._request("ASK {}", "ASK", ([EMPTY_GRAPH], [EMPTY_GRAPH]))

    # --- reads -----------------------------------------------------------------------------

    def graphs(self) -> list[str]:
        """The store's named graphs, sorted (system graphs and others left out)."""
        with self._lock:
            cached = self._graphs
            if cached is not None and time.monotonic() - cached[0] < self.graphs_ttl:
                return list(cached[1])
        body, _ = self._request(
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "SELECT", ([], [])
        )
        solutions = ox.parse_query_results(_normalise_xml(body), ox.QueryResultsFormat.XML)
        found = sorted(
            {
                row["g"].value
                for row in solutions  # type: ignore[union-attr]
                if isinstance(row["g"], ox.NamedNode)
            }
        )
        graphs = [
            g
            for g in found
            if g.startswith(self.graph_prefix) and not g.startswith(SYSTEM_GRAPH_PREFIXES)
        ]
        with self._lock:
            self._graphs = (time.monotonic(), graphs)
        return list(graphs)

    def _forget_graphs(self) -> None:
        with self._lock:
            self._graphs = None

    def __len__(self) -> int:
        graphs = self.graphs()
        if not graphs:
            return 0
        body, _ = self._request(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "SELECT",
            ([EMPTY_GRAPH], graphs),
        )
        solutions = ox.parse_query_results(_normalise_xml(body), ox.QueryResultsFormat.XML)
        for row in solutions:  # type: ignore[union-attr]
            return int(row["n"].value)
        return 0

    def dataset(
        self, default: Sequence[str] | None, named: Sequence[str] | None
    ) -> tuple[list[str], list[str]]:
        """The explicit dataset to send: ``None`` for both means every graph of the store as
        the default graph and as named graphs; graphs not in the store are dropped."""
        graphs = self.graphs()
        if default is None and named is None:
            return (graphs or [EMPTY_GRAPH], graphs or [EMPTY_GRAPH])
        known = set(graphs)
        keep_default = [g for g in default or () if g in known]
        keep_named = [g for g in named or () if g in known]
        return (keep_default or [EMPTY_GRAPH], keep_named or [EMPTY_GRAPH])

    def run_job(self, job: Job) -> Answer:
        """Answer ``job`` from the remote endpoint, as the embedded store would.

        :raises QueryError: a malformed query. :raises ForbiddenQuery: a refused one.
        :raises QueryTimeout: no answer in time. :raises StoreError: the endpoint failed.
        """
        info = check_remote_query(job.query, job.base_iri)
        if job.protocol_dataset:
            dataset = self.dataset(job.default_graphs or [], job.named_graphs or [])
        elif info.from_graphs is not None or info.from_named is not None:
            dataset = self.dataset(info.from_graphs or [], info.from_named or [])
        else:
            dataset = self.dataset(None, None)
        query = job.query
        if job.base_iri and _SAFE_IRI.fullmatch(job.base_iri):
            query = f"BASE <{job.base_iri}>\n{query}"  # a later BASE in the query wins
        results_name, boolean_name, graph_name = job.formats
        if info.form == "SELECT" and results_name is None:
            raise NotAcceptable.for_kind("results")
        if info.form == "ASK" and boolean_name is None:
            raise NotAcceptable.for_kind("boolean")
        if info.form in ("CONSTRUCT", "DESCRIBE") and graph_name is None:
            raise NotAcceptable.for_kind("graph")
        body, headers = self._request(query, info.form, dataset)
        try:
            if info.form in ("SELECT", "ASK"):
                parsed = ox.parse_query_results(_normalise_xml(body), ox.QueryResultsFormat.XML)
                if isinstance(parsed, ox.QueryBoolean):
                    assert boolean_name is not None
                    return serialize_boolean(bool(parsed), format_by_name(boolean_name))
                assert results_name is not None
                answer = serialize_solutions(parsed, format_by_name(results_name), job.cap)
                server_cap = headers.get("x-sparql-maxrows", "")
                rows = answer.rows or 0
                if server_cap.isdigit() and rows >= int(server_cap):
                    answer.mark_truncated(int(server_cap))  # the server cut it silently
                return answer
            triples = ox.parse(body, ox.RdfFormat.TURTLE, base_iri=job.base_iri)
            assert graph_name is not None
            return serialize_triples(
                (q.triple for q in triples), format_by_name(graph_name), job.cap
            )
        except SyntaxError as exc:
            raise StoreError(
                f"the remote endpoint sent a result that does not parse: {exc}"
            ) from None

    def query(
        self,
        sparql: str,
        *,
        prefixes: dict[str, str] | None = None,
        substitutions: dict[ox.Variable, Any] | None = None,
        base_iri: str | None = None,
        default_graph: Any = None,
        named_graphs: Sequence[ox.NamedNode] | None = None,
        use_default_graph_as_union: bool | None = None,
    ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
        """Run a read query as :meth:`lawgraph.store.EmbeddedStore.query` does: the union of
        the store's graphs as the default graph unless the query or ``default_graph`` /
        ``named_graphs`` say otherwise. ``prefixes`` become PREFIX declarations;
        ``substitutions`` become a ``VALUES`` block opening the WHERE group (terms serialised by
        pyoxigraph, so they are escaped).

        :returns: pyoxigraph solutions or boolean for SELECT / ASK, a list of triples for
            CONSTRUCT / DESCRIBE.
        """
        text = sparql
        if prefixes:
            declared = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in prefixes.items())
            text = declared + text
        if substitutions:
            names = " ".join(f"?{var.value}" for var in substitutions)
            values = " ".join(str(term) for term in substitutions.values())
            block = f"VALUES ({names}) {{ ({values}) }}"
            at = values_position(text)
            # inside the WHERE group (Virtuoso mishandles a trailing VALUES on variables that
            # are not projected); at the end where the group takes no VALUES
            text = f"{text[:at]} {block} {text[at:]}" if at is not None else f"{text}\n{block}"
        info = check_remote_query(text, base_iri)
        if default_graph is not None or named_graphs is not None:
            defaults = default_graph if isinstance(default_graph, list) else [default_graph]
            dataset = self.dataset(
                [g.value for g in defaults if isinstance(g, ox.NamedNode)],
                [g.value for g in named_graphs or () if isinstance(g, ox.NamedNode)],
            )
        elif info.from_graphs is not None or info.from_named is not None:
            dataset = self.dataset(info.from_graphs or [], info.from_named or [])
        else:
            dataset = self.dataset(None, None)
        if base_iri and _SAFE_IRI.fullmatch(base_iri):
            text = f"BASE <{base_iri}>\n{text}"
        body, _ = self._request(text, info.form, dataset)
        try:
            if info.form in ("SELECT", "ASK"):
                return ox.parse_query_results(_normalise_xml(body), ox.QueryResultsFormat.XML)  # type: ignore[return-value]
            return [q.triple for q in ox.parse(body, ox.RdfFormat.TURTLE, base_iri=base_iri)]
        except SyntaxError as exc:
            raise StoreError(
                f"the remote endpoint sent a result that does not parse: {exc}"
            ) from None

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad of the store's graphs, or those of one graph (through the Graph Store
        Protocol when it is configured, else a CONSTRUCT per graph)."""
        for name in [graph] if graph is not None else self.graphs():
            node = ox.NamedNode(name)
            if self.gsp_endpoint:
                body = self._gsp_get(name)
                triples = [q.triple for q in ox.parse(body, ox.RdfFormat.TURTLE)] if body else []
            else:
                result = self.query(
                    f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
                )
                triples = result  # type: ignore[assignment]
            for triple in triples:
                yield ox.Quad(triple.subject, triple.predicate, triple.object, node)

    def _gsp_get(self, graph: str) -> bytes:
        assert self.gsp_endpoint is not None
        try:
            response = httpx.get(
                self.gsp_endpoint,
                params={"graph": graph},
                headers={"Accept": "text/turtle"},
                auth=self._auth(),
                timeout=max(30.0, self.timeout),
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach {self.gsp_endpoint}: {exc}") from None
        if response.status_code == 404:
            return b""
        if response.status_code >= 400:
            raise StoreError(f"GET {self.gsp_endpoint}?graph={graph}: HTTP {response.status_code}")
        return response.content

    def close(self) -> None:
        """Nothing to release (for symmetry with the embedded store)."""

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writes ----------------------------------------------------------------------------

    def _auth(self) -> httpx.Auth | None:
        if not self.user:
            return None
        if self.auth == "basic":
            return httpx.BasicAuth(self.user, self.password or "")
        return httpx.DigestAuth(self.user, self.password or "")

    def _update(self, update: str) -> None:
        sw = SPARQLWrapper(self.endpoint, updateEndpoint=self.update_endpoint)
        sw.setMethod(POST)
        sw.setRequestMethod(POSTDIRECTLY)
        sw.setTimeout(max(30, round(self.timeout)))
        if self.user:
            sw.setHTTPAuth(DIGEST if self.auth == "digest" else "BASIC")
            sw.setCredentials(self.user, self.password or "")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            sw.setQuery(update)
        try:
            sw.query().response.read()
        except sw_errors.QueryBadFormed as exc:
            raise StoreError(f"the remote endpoint refused the update: {_short(exc)}") from None
        except (sw_errors.SPARQLWrapperException, urllib.error.URLError, OSError) as exc:
            raise StoreError(
                f"the update failed at {self.update_endpoint}: {_short(exc)}"
            ) from None

    def _gsp(self, method: str, graph: str, body: bytes | None = None) -> int:
        assert self.gsp_endpoint is not None
        headers = {"Content-Type": "text/turtle"} if body is not None else {}
        try:
            response = httpx.request(
                method,
                self.gsp_endpoint,
                params={"graph": graph},
                content=body,
                headers=headers,
                auth=self._auth(),
                timeout=max(30.0, self.timeout),
            )
        except httpx.HTTPError as exc:
            raise StoreError(f"cannot reach {self.gsp_endpoint}: {exc}") from None
        if response.status_code == 404 and method == "DELETE":
            return 404
        if response.status_code >= 400:
            raise StoreError(
                f"{method} {self.gsp_endpoint}?graph={graph} failed: HTTP "
                f"{response.status_code} {response.text[:300]}"
            )
        return response.status_code

    def replace_graph(self, graph: str, quads: Sequence[ox.Quad]) -> None:
        """Make ``graph`` hold exactly ``quads`` (one Graph Store PUT, or one update)."""
        self.replace_graphs([graph], quads)

    def replace_batch(self, batch: Sequence[tuple[str, bytes]]) -> None:
        """Make each graph of ``batch`` hold exactly the quads of its N-Quads, each graph
        all or nothing."""
        for graph, text in batch:
            self.replace_graph(graph, list(ox.parse(text, format=ox.RdfFormat.N_QUADS)))

    def replace_graphs(self, graphs: Sequence[str], quads: Sequence[ox.Quad]) -> None:
        """Drop ``graphs`` and insert ``quads``: all or nothing per graph with the Graph Store
        Protocol (one PUT each), in one request with SPARQL Update when it fits."""
        by_graph: dict[str, list[ox.Triple]] = {g: [] for g in graphs}
        for quad in quads:
            name = quad.graph_name
            if not isinstance(name, ox.NamedNode):
                raise InputError("a remote store holds named graphs only: every quad needs one")
            by_graph.setdefault(name.value, []).append(quad.triple)
        try:
            if self.gsp_endpoint:
                for graph, triples in by_graph.items():
                    if triples:
                        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
                        self._gsp("PUT", graph, body or b"")
                    else:
                        self._gsp("DELETE", graph)
                return
            # INSERT {…} WHERE {} rather than INSERT DATA: Virtuoso refuses blank nodes in
            # INSERT DATA. Small writes go in one request (atomic where the server makes one
            # request one transaction, as Oxigraph does); large ones in chunks.
            drops = [f"DROP SILENT GRAPH <{g}>" for g in by_graph]
            if len(quads) <= _UPDATE_CHUNK:
                inserts = [f"INSERT {{\n{insert_data(quads)}\n}} WHERE {{}}"] if quads else []
                self._update(" ;\n".join([*drops, *inserts]))
                return
            self._update(" ;\n".join(drops))
            for start in range(0, len(quads), _UPDATE_CHUNK):
                chunk = quads[start : start + _UPDATE_CHUNK]
                self._update(f"INSERT {{\n{insert_data(chunk)}\n}} WHERE {{}}")
        finally:
            self._forget_graphs()

    def add_search_keys(self, graphs: Sequence[str] | None = None) -> None:
        """Add the search keys of the labels of ``graphs`` (default: every graph) that lack them
        (:func:`lawgraph.rdf.search_keys_update`), in one update."""
        self._update(search_keys_update(graphs))

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; False if there was none."""
        if graph not in self.graphs():
            self._forget_graphs()
            if graph not in self.graphs():
                return False
        try:
            if self.gsp_endpoint:
                return self._gsp("DELETE", graph) != 404
            self._update(f"DROP SILENT GRAPH <{graph}>")
            return True
        finally:
            self._forget_graphs()

    def load_rdf(self, path: Path, graph: str) -> tuple[list[str], int]:
        """Load an RDF file as :meth:`lawgraph.store.EmbeddedStore.load_rdf` does: its triples
        into ``graph``, its quads into their graphs, each graph replaced.

        :returns: the graphs written and the number of quads.
        """
        from lawgraph.store import parse_rdf

        fmt = rdf_format(path)
        quads = list(parse_rdf(path, fmt, ox.NamedNode(graph)))
        graphs = sorted({q.graph_name.value for q in quads}) or [graph]  # type: ignore[union-attr]
        self.replace_graphs(graphs, quads)
        return graphs, len(quads)


def _normalise_xml(body: bytes) -> bytes:
    """Make a SPARQL XML result parseable by pyoxigraph (Virtuoso's ``nodeID://`` blank
    nodes become plain labels)."""
    if b"<bnode>" in body:
        body = _BNODE_XML.sub(_safe_bnode, body)
    return body


def _short(exc: BaseException) -> str:
    text = str(exc).strip().replace("\n", " ")
    with contextlib.suppress(Exception):
        text = re.sub(r"\s+", " ", text)
    return text[:500]
