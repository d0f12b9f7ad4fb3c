"""``/sparql``: the SPARQL 1.1 Protocol for queries (read-only).

* ``GET /sparql?query=…`` and ``POST /sparql`` with an URL-encoded form (``query=…``) or a
  direct body (``Content-Type: application/sparql-query``);
* ``default-graph-uri`` / ``named-graph-uri`` (repeatable) set the dataset;
* the response format follows ``Accept`` (q-values, wildcards) or a ``format=`` parameter;
* ``GET /sparql`` with no parameters returns the service description.

Parameters are parsed strictly (:mod:`lawgraph.api.params`: malformed percent-encoding, bad
UTF-8, a duplicate or missing ``query`` are 400s), then checked by :func:`lawgraph.sparql.inspect_query` (updates and
``SERVICE`` are refused) before the backend runs anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from fastapi import APIRouter, Request
from starlette.responses import Response
from starlette.types import Receive, Scope

from lawgraph.api import openapi
from lawgraph.api.backend import Backend
from lawgraph.api.errors import HTTPProblem, response_for
from lawgraph.api.fast import FastPath, RawHeaders, header_fields, raw
from lawgraph.api.limits import too_large
from lawgraph.api.params import parse_params
from lawgraph.errors import ForbiddenQuery, LawgraphError, QueryError
from lawgraph.settings import Settings
from lawgraph.sparql import (
    GRAPH_FORMATS,
    GRAPH_OX,
    RESULTS_FORMATS,
    Job,
    NotAcceptable,
    check_graph_iri,
    inspect_query,
    known_format,
    negotiate,
    undeclared_prefixes,
)

router = APIRouter()
EXPOSED_HEADERS = ["X-Lawgraph-Row-Cap", "X-Lawgraph-Truncated", "X-Lawgraph-Rows"]

FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"
UPDATE = "application/sparql-update"
_UPDATE_REFUSED = (
    "this endpoint is read-only: SPARQL Update is refused on every route. "
    "Load data with `lawgraph load`."
)


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    """The media type and charset of a Content-Type header."""
    if not header:
        return None, None
    fields = header.split(";")
    charset = None
    for param in fields[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return fields[0].strip().lower(), charset


@dataclass
class SparqlRequest:
    """What the handler needs of an HTTP request (from FastAPI or straight from ASGI)."""

    method: str
    query_string: bytes
    headers: dict[str, str]
    body: bytes
    url: str
    "the URL of the route, without the query string (the default base IRI)"


@dataclass
class Reply:
    """An HTTP response: status, content type, extra headers, body."""

    status: int
    content_type: str
    headers: dict[str, str]
    body: bytes

    def response(self) -> Response:
        return Response(
            self.body, status_code=self.status, media_type=self.content_type, headers=self.headers
        )


def _one_query(params: dict[str, list[str]], settings: Settings) -> str:
    values = params.get("query")
    if values is None:
        if "update" in params:
            raise ForbiddenQuery(_UPDATE_REFUSED)
        raise QueryError("missing the query parameter: send query=… (GET or form POST)")
    if len(values) > 1:
        raise QueryError(f"the query parameter is given {len(values)} times; send it once")
    query = values[0].removeprefix("\ufeff")  # a byte order mark, as editors save files
    if not query.strip():
        raise QueryError("the query is empty")
    if "update" in params:
        raise QueryError("send either query or update, not both (and updates are refused here)")
    if len(query) > settings.max_query_length:
        raise HTTPProblem(
            413,
            f"query too long: {len(query)} characters, the limit is "
            f"{settings.max_query_length} (setting max_query_length)",
        )
    return query


def _graphs(params: dict[str, list[str]], name: str) -> tuple[str, ...] | None:
    values = params.get(name)
    if values is None:
        return None
    return tuple(check_graph_iri(v, name) for v in values)


class SparqlService:
    """The ``/sparql`` protocol handler, independent of the web framework.

    :param settings: the settings (limits, row cap, base IRI).
    :param backend: the store to query.
    """

    def __init__(self, settings: Settings, backend: Backend) -> None:
        self.settings = settings
        self.backend = backend
        self._row_cap = str(settings.row_cap)

    async def handle(self, request: SparqlRequest) -> Reply:
        """Answer one request; errors become the JSON error shape."""
        try:
            if request.method in ("GET", "HEAD"):
                return await self._get(request)
            if request.method == "POST":
                return await self._post(request)
            raise HTTPProblem(
                405, f"method {request.method} not allowed on /sparql", {"Allow": "GET, POST"}
            )
        except LawgraphError as exc:
            response = response_for(exc)
            return Reply(
                response.status_code,
                "application/json",
                {
                    k: v
                    for k, v in response.headers.items()
                    if k.lower() not in ("content-length", "content-type")
                },
                bytes(response.body),
            )

    async def service_description(self, request: SparqlRequest) -> Reply:
        """The service description (RDF, negotiated)."""
        return await _service_description(self, request)

    async def _get(self, request: SparqlRequest) -> Reply:
        params = parse_params(request.query_string, "URL query string")
        if not params:
            return await self.service_description(request)
        if "update" in params and "query" not in params:
            raise ForbiddenQuery(_UPDATE_REFUSED)
        return await self._answer(request, params)

    async def _post(self, request: SparqlRequest) -> Reply:
        coding = request.headers.get("content-encoding", "identity").strip().lower()
        if coding != "identity":  # else a compressed body would be read as text
            raise HTTPProblem(
                415,
                f"Content-Encoding {coding} is not supported: send the body uncompressed",
                {"Accept-Encoding": "identity"},
            )
        transfer = request.headers.get("transfer-encoding", "").lower().split(",")
        unknown = [c.strip() for c in transfer if c.strip() not in ("", "chunked")]
        if unknown:  # the HTTP parser undoes chunked only: the rest would be read as text
            raise HTTPProblem(
                400,  # a client's request: no 5xx (HTTP suggests 501)
                f"Transfer-Encoding {unknown[0]} is not supported: send the body as it is, "
                "or chunked",
            )
        media, charset = _media_type(request.headers.get("content-type"))
        url_params = parse_params(request.query_string, "URL query string")
        if media == FORM:
            params = parse_params(request.body, "form body")
            for key, values in url_params.items():
                params.setdefault(key, []).extend(values)
            if "update" in params and "query" not in params:
                raise ForbiddenQuery(_UPDATE_REFUSED)
            return await self._answer(request, params)
        if media == DIRECT:
            if charset not in (None, "utf-8", "utf8"):
                raise HTTPProblem(415, f"the query must be sent as UTF-8, not {charset}")
            try:
                text = request.body.decode("utf-8")
            except UnicodeDecodeError:
                raise QueryError("the query body is not valid UTF-8") from None
            if "query" in url_params:
                raise QueryError(
                    "the query is given twice: in the body and in the URL; send it once"
                )
            url_params["query"] = [text]
            return await self._answer(request, url_params)
        if media == UPDATE or "update" in url_params:
            raise ForbiddenQuery(_UPDATE_REFUSED)
        if media is None:
            raise HTTPProblem(
                415,
                f"a POST to /sparql needs Content-Type {FORM} (query=…) or {DIRECT} (the "
                "query as the body)",
            )
        raise HTTPProblem(415, f"unsupported Content-Type {media}: use {FORM} or {DIRECT}")

    async def _answer(self, request: SparqlRequest, params: dict[str, list[str]]) -> Reply:
        settings = self.settings
        query = _one_query(params, settings)
        info = inspect_query(query)
        format_param = next((v for v in params.get("format", ()) if known_format(v)), None)
        choice = negotiate(request.headers.get("accept"), format_param)
        if choice.none_acceptable:
            raise NotAcceptable(
                "no acceptable format: this endpoint offers "
                + ", ".join(
                    f.content_type.split(";")[0] for f in (*RESULTS_FORMATS, *GRAPH_FORMATS)
                )
            )
        job = Job(
            query=query,
            default_graphs=_graphs(params, "default-graph-uri"),
            named_graphs=_graphs(params, "named-graph-uri"),
            has_from=info.has_from,
            formats=choice.names(),
            base_iri=settings.base_iri or request.url,
            cap=settings.row_cap,
        )
        try:
            answer = await self.backend.run(job)
        except QueryError as exc:
            missing = undeclared_prefixes(query) if type(exc) is QueryError else []
            if not missing:
                raise
            names = ", ".join(f"{p}:" for p in missing)
            raise QueryError(
                f"prefix not declared: {names} (start the query with PREFIX {missing[0]}: <…>); "
                f"the parser says: {exc}"
            ) from None
        headers = {
            "X-Lawgraph-Row-Cap": self._row_cap,
            "X-Lawgraph-Truncated": "true" if answer.truncated else "false",
            "Vary": "Accept",
        }
        if answer.rows is not None:
            headers["X-Lawgraph-Rows"] = str(answer.rows)
        return Reply(200, answer.content_type, headers, answer.body)


# --- the service description --------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "rdfxml": "RDF_XML",
    "jsonld": "JSON-LD",
    "nquads": "N-Quads",
    "trig": "TriG",
}


def _iri(value: str) -> ox.NamedNode:
    return ox.NamedNode(value)


async def _service_description(service: SparqlService, request: SparqlRequest) -> Reply:
    """The SPARQL service description of this endpoint (RDF, negotiated; Turtle by default)."""
    settings = service.settings
    choice = negotiate(request.headers.get("accept"), None)
    fmt = choice.graph
    if fmt is None:
        raise NotAcceptable.for_kind("graph", "the service description (RDF)")
    backend = service.backend
    graphs = await backend.graphs()
    size = await backend.size()
    endpoint = _iri(settings.base_iri or request.url)
    a = _iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    rdfs_comment = _iri("http://www.w3.org/2000/01/rdf-schema#comment")
    triples = [
        ox.Triple(endpoint, a, _iri(SD + "Service")),
        ox.Triple(endpoint, _iri(SD + "endpoint"), endpoint),
        ox.Triple(endpoint, _iri(SD + "supportedLanguage"), _iri(SD + "SPARQL11Query")),
        ox.Triple(endpoint, _iri(SD + "feature"), _iri(SD + "UnionDefaultGraph")),
        ox.Triple(
            endpoint,
            rdfs_comment,
            ox.Literal(
                f"lawgraph SPARQL endpoint ({backend.kind} store). Read-only: SPARQL Update, "
                f"SERVICE and remote fetches are refused. Query timeout "
                f"{settings.query_timeout:g} s; at most {settings.row_cap} rows per response "
                "(a cut is reported in the X-Lawgraph-Truncated header)."
            ),
        ),
    ]
    for name in _FORMAT_IRIS.values():
        triples.append(ox.Triple(endpoint, _iri(SD + "resultFormat"), _iri(FORMATS_NS + name)))
    dataset = ox.BlankNode()
    default = ox.BlankNode()
    triples += [
        ox.Triple(endpoint, _iri(SD + "defaultDataset"), dataset),
        ox.Triple(dataset, a, _iri(SD + "Dataset")),
        ox.Triple(dataset, _iri(SD + "defaultGraph"), default),
        ox.Triple(default, a, _iri(SD + "Graph")),
    ]
    if size is not None:
        triples.append(
            ox.Triple(
                default,
                _iri("http://rdfs.org/ns/void#triples"),
                ox.Literal(str(size), datatype=_iri("http://www.w3.org/2001/XMLSchema#integer")),
            )
        )
    for graph in graphs:
        named = ox.BlankNode()
        triples += [
            ox.Triple(dataset, _iri(SD + "namedGraph"), named),
            ox.Triple(named, a, _iri(SD + "NamedGraph")),
            ox.Triple(named, _iri(SD + "name"), _iri(graph)),
        ]
    items: list[ox.Triple] | list[ox.Quad] = triples
    if fmt.name in ("trig", "nquads"):
        items = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    options = (
        {"prefixes": {"sd": SD, "formats": FORMATS_NS}} if fmt.name in ("turtle", "trig") else {}
    )
    body = ox.serialize(items, format=GRAPH_OX[fmt.name], **options)
    assert body is not None
    return Reply(200, fmt.content_type, {"Vary": "Accept"}, body)


# --- HTTP glue ------------------------------------------------------------------------------------


_HOST = re.compile(r"[A-Za-z0-9.\-_:\[\]]{1,255}")


def _route_url(scope: Scope, host: str | None) -> str:
    """The URL of the route (the default base IRI); a Host header that is not a plain host
    name, or that makes no valid IRI, is not trusted."""
    scheme, route = scope.get("scheme", "http"), f"{scope.get('root_path', '')}{scope['path']}"
    if host is not None and _HOST.fullmatch(host):
        url = f"{scheme}://{host}{route}"
        try:
            return ox.NamedNode(url).value
        except ValueError:  # e.g. "a:b:c", "[zz]"
            pass
    return f"{scheme}://localhost{route}"


def _service(request: Request) -> SparqlService:
    return request.app.state.sparql  # type: ignore[no-any-return]


async def _from_fastapi(request: Request) -> SparqlRequest:
    headers = header_fields(request.scope["headers"])
    body = await request.body() if request.method == "POST" else b""
    return SparqlRequest(
        request.method,
        request.scope["query_string"],
        headers,
        body,
        _route_url(request.scope, headers.get("host")),
    )


@router.get("/sparql/", include_in_schema=False)
@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the service description",
    responses=openapi.SPARQL_RESPONSES,
    openapi_extra=openapi.SPARQL_GET,
)
async def sparql_get(request: Request) -> Response:
    """Run ``query`` (SPARQL 1.1 Protocol, GET). With no parameters: the service description
    (Turtle by default).

    Parameters: ``query`` (once), ``default-graph-uri`` and ``named-graph-uri`` (repeatable),
    ``format`` (optional: json, xml, csv, tsv, turtle, nt, jsonld, nq, trig — overrides
    ``Accept``).
    """
    reply = await _service(request).handle(await _from_fastapi(request))
    return reply.response()


@router.post("/sparql/", include_in_schema=False)
@router.post(
    "/sparql",
    summary="SPARQL query (POST: URL-encoded form, or application/sparql-query)",
    responses=openapi.SPARQL_RESPONSES,
    openapi_extra=openapi.SPARQL_POST,
)
async def sparql_post(request: Request) -> Response:
    """Run a query sent by POST, as a form (``query=…``) or as the body
    (``Content-Type: application/sparql-query``). Updates are refused (403)."""
    reply = await _service(request).handle(await _from_fastapi(request))
    return reply.response()


class SparqlFastPath(FastPath):
    """``GET``/``POST /sparql`` as a :class:`~lawgraph.api.fast.FastPath`: the body limit of
    the middleware, then :class:`SparqlService`."""

    def __init__(self, service: SparqlService, expose: list[str], path: str = "/sparql") -> None:
        super().__init__(service.settings, expose)
        self.service = service
        self.paths = (path, path + "/")

    def matches(self, scope: Scope) -> bool:
        return (
            scope["type"] == "http"
            and scope["path"] in self.paths
            and scope["method"] in ("GET", "POST", "HEAD")
        )

    async def respond(
        self, scope: Scope, receive: Receive, headers: dict[str, str]
    ) -> tuple[int, RawHeaders, bytes] | None:
        body = b""
        if scope["method"] == "POST":
            chunks = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return None
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_bytes:  # streamed (a length too large is refused before)
                    return raw(too_large(self.max_bytes))
                chunks.append(chunk)
                more = message.get("more_body", False)
            body = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        request = SparqlRequest(
            scope["method"],
            scope["query_string"],
            headers,
            body,
            _route_url(scope, headers.get("host")),
        )
        reply = await self.service.handle(request)
        raw_headers = [
            (b"content-type", reply.content_type.encode("latin-1")),
            (b"content-length", str(len(reply.body)).encode("latin-1")),
        ]
        raw_headers += [
            (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in reply.headers.items()
        ]
        return reply.status, raw_headers, reply.body
