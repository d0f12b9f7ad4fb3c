"""``/queries``: the canned questions of ``queries/*.rq`` over HTTP.

* ``GET /queries`` lists them: name, summaries (zh / en), parameters, columns, URL;
* ``GET /queries/{name}?param=…&limit=…&offset=…`` answers one page as JSON
  (``{"rows", "columns", "total", "next", …}``) or as CSV (``Accept: text/csv``, ``format=csv``,
  or ``/queries/{name}.csv``).

Parameter values are validated and bound as RDF terms by :mod:`lawgraph.catalog` (a ``VALUES``
block with escaped terms), then run through the app's backend like any ``/sparql`` query, so
the backend's timeout applies. Pages are at most ``row_cap`` rows (``limit`` above it is a 400),
so a page is never cut; ``total`` is counted. An unknown or ill-typed parameter is a 400 naming
it; an unknown query a 404 (both in the JSON error shape of :mod:`lawgraph.api.errors`).

A page asked again of the same snapshot is served from the answer cache
(:mod:`lawgraph.api.cache`, ``app.state.answers``), which a load invalidates.

:func:`install` adds the routes, the answer cache and one OpenAPI operation per query (with its
typed parameters), so ``/docs`` shows a form for each question.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, FastAPI, Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope

from lawgraph.api.cache import AnswerCache
from lawgraph.api.errors import HTTPProblem
from lawgraph.api.fast import FastPath, RawHeaders, raw
from lawgraph.api.openapi import ERROR_REF, ERROR_SCHEMA
from lawgraph.api.params import param_items
from lawgraph.catalog import (
    MAX_LIMIT,
    BadParameter,
    CannedQuery,
    Catalog,
    Page,
    SolutionList,
    UnknownQuery,
    load_catalog,
    plan,
)
from lawgraph.settings import Settings
from lawgraph.sparql import Job

router = APIRouter(tags=["canned queries"])

PAGING = ("limit", "offset", "format")
"""Request parameters of the route itself (not the query's)."""
_SUFFIXES = {".csv": "csv", ".json": "json"}
_CSV = "text/csv; charset=utf-8"


# --- running ----------------------------------------------------------------------------------------


def catalog_of(app: FastAPI) -> Catalog:
    """The app's catalog of canned queries (read once, at :func:`install`)."""
    found = getattr(app.state, "catalog", None)
    if found is None:
        found = app.state.catalog = load_catalog()
    return found  # type: ignore[no-any-return]


def max_limit(settings: Settings) -> int:
    """The largest page: the backend's row cap (so a page is never cut), at most MAX_LIMIT."""
    return min(MAX_LIMIT, settings.row_cap)


async def select(app: FastAPI, text: str) -> SolutionList:
    """Run one SELECT through the app's backend (its timeout and row cap apply) and read the
    solutions. TSV is asked for: lossless, and the cap never rewrites its body."""
    settings: Settings = app.state.settings
    job = Job(query=text, formats=("tsv", None, None), cap=settings.row_cap)
    answer = await app.state.backend.run(job)
    solutions = ox.parse_query_results(answer.body, ox.QueryResultsFormat.TSV)
    if not isinstance(solutions, ox.QuerySolutions):  # pragma: no cover - a SELECT gives rows
        raise TypeError("the backend answered a SELECT without solutions")
    return SolutionList.of(solutions)


async def run_page(
    app: FastAPI,
    query: CannedQuery,
    params: Mapping[str, str | None],
    *,
    limit: int | str | None = None,
    offset: int | str | None = None,
) -> Page:
    """One page of a canned query, run through the app's backend as one job (class checks,
    page and count in one trip to a query worker, within one query timeout).

    :raises BadParameter: an unknown, missing or ill-typed parameter, or bad paging, or an IRI
        of the wrong class.
    """
    settings: Settings = app.state.settings
    p = plan(query, params, limit=limit, offset=offset, max_limit=max_limit(settings))
    return p.read(await app.state.backend.page(p.job(settings.row_cap)))


def split_params(items: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, str]]:
    """A request's parameters as (the query's, the route's ``limit``/``offset``/``format``).

    :raises BadParameter: a parameter given twice.
    """
    own: dict[str, str] = {}
    route: dict[str, str] = {}
    for name, value in items:
        target = route if name in PAGING else own
        if name in target:
            raise BadParameter(name, "given more than once")
        target[name] = value
    return own, route


# --- formats ---------------------------------------------------------------------------------------


def quality(accept: str, media: str) -> float:
    """The q-value an ``Accept`` header gives ``media`` (the most specific range decides)."""
    main = media.split("/")[0]
    best, specificity = 0.0, -1
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        kind = fields[0].lower()
        q = 1.0
        for f in fields[1:]:
            key, _, value = f.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        level = {media: 2, f"{main}/*": 1, "*/*": 0}.get(kind, -1)
        if level > specificity:
            best, specificity = q, level
    return best


def pick_format(accept: str | None, format_param: str | None, suffix: str | None) -> str:
    """``json`` or ``csv``: the suffix, then ``format=``, then ``Accept`` (JSON on ties).

    :raises HTTPProblem: 406 when the client accepts neither, 400 for an unknown ``format``.
    """
    if suffix:
        return suffix
    if format_param:
        value = format_param.strip().lower()
        if value in ("json", "application/json"):
            return "json"
        if value in ("csv", "text/csv"):
            return "csv"
        raise BadParameter("format", f"{format_param!r} is not json or csv")
    if not accept or not accept.strip():
        return "json"
    json_q, csv_q = quality(accept, "application/json"), quality(accept, "text/csv")
    if json_q == 0 and csv_q == 0:
        raise HTTPProblem(406, "no acceptable format: /queries offers application/json, text/csv")
    return "csv" if csv_q > json_q else "json"


def page_url(request: Request, offset: int | None) -> str | None:
    """The URL of the page at ``offset`` (same parameters), or None."""
    if offset is None:
        return None
    items = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    items.append(("offset", str(offset)))
    return f"{request.url.replace(query='')}?{urlencode(items)}"


def page_body(page: Page, request: Request) -> dict[str, Any]:
    """The JSON body: the page (rows, columns, total, limit, offset) with ``next``/``previous``
    as URLs (null at the ends)."""
    body = page.as_json()
    previous = max(page.offset - page.limit, 0) if page.offset > 0 else None
    body["next"] = page_url(request, page.next_offset)
    body["previous"] = page_url(request, previous)
    body["truncated"] = False
    return body


# --- routes --------------------------------------------------------------------------------------


@router.get("/queries", summary="The canned questions, with their parameters")
async def list_queries(request: Request) -> dict[str, Any]:
    """Every canned question: name, summaries in Chinese and English, typed parameters, columns
    and the URL that answers it."""
    base = str(request.url.replace(query="")).rstrip("/")
    out = []
    for q in catalog_of(request.app):
        item = q.describe()
        item["url"] = f"{base}/{q.name}"
        out.append(item)
    return {"queries": out, "count": len(out)}


@router.get("/queries/{name}", include_in_schema=False)
async def answer_query(name: str, request: Request) -> Response:
    """One page of a canned question (documented per question in OpenAPI)."""
    suffix = None
    for ending, fmt in _SUFFIXES.items():
        if name.endswith(ending):
            name, suffix = name[: -len(ending)], fmt
    try:
        query = catalog_of(request.app).get(name)
    except UnknownQuery as exc:
        raise HTTPProblem(404, str(exc)) from None
    own, route = split_params(param_items(request.scope["query_string"], "URL query string"))
    fmt = pick_format(request.headers.get("accept"), route.get("format"), suffix)
    return await request.app.state.answers.serve(
        answer_key(request.scope), lambda: render(request, query, own, route, fmt)
    )


def answer_key(scope: Scope) -> tuple[Any, ...]:
    """The answer cache's key of a request to ``/queries/{name}``: what its answer depends on
    besides the store's version, as the request gave it — the path (query and format), the
    query string (parameters, paging, format), ``Accept`` (format) and what the paging links
    are built from (scheme, ``Host``, server address, root path). Two spellings of one
    question are two entries; a hit needs no parsing at all."""
    accept = host = None
    for name, value in scope["headers"]:
        if name == b"accept" and accept is None:
            accept = value
        elif name == b"host" and host is None:
            host = value
    server = scope.get("server")
    return (
        scope["path"],
        scope["query_string"],
        accept,
        scope.get("scheme"),
        host,
        None if server is None else tuple(server),
        scope.get("root_path"),
    )


async def render(
    request: Request, query: CannedQuery, own: dict[str, str], route: dict[str, str], fmt: str
) -> Response:
    """The response of one page of ``query``, run through the app's backend."""
    page = await run_page(
        request.app, query, own, limit=route.get("limit"), offset=route.get("offset")
    )
    headers = {"X-Lawgraph-Total": str(page.total), "Vary": "Accept"}
    following = page_url(request, page.next_offset)
    if following:
        headers["Link"] = f'<{following}>; rel="next"'
    if fmt == "csv":
        headers["Content-Disposition"] = f'inline; filename="{query.name}.csv"'
        return Response(page.to_csv().encode(), media_type=_CSV, headers=headers)
    return JSONResponse(page_body(page, request), headers=headers)


class QueriesFastPath(FastPath):
    """``GET /queries/{name}`` as a :class:`~lawgraph.api.fast.FastPath`: the route's own
    handler, :func:`answer_query`, without the middleware stack in front."""

    prefix = "/queries/"

    def matches(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return False
        path: str = scope["path"]
        name = path[len(self.prefix) :]
        return path.startswith(self.prefix) and bool(name) and "/" not in name

    def __init__(self, settings: Settings, expose: list[str], answers: AnswerCache) -> None:
        super().__init__(settings, expose)
        self.answers = answers

    async def respond(
        self, scope: Scope, receive: Receive, headers: dict[str, str]
    ) -> tuple[int, RawHeaders, bytes]:
        kept = self.answers.hit(answer_key(scope))
        if kept is not None:  # the common case of a repeated question: nothing to parse
            return 200, list(kept.raw_headers), kept.body
        name = scope["path"][len(self.prefix) :]
        return raw(await answer_query(name, Request(scope, receive)))


# --- OpenAPI -------------------------------------------------------------------------------------


def _paging_parameters(settings: Settings) -> list[dict[str, Any]]:
    return [
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "allowEmptyValue": True,
            "description": "Rows in the page / 每页行数",
            "schema": {"type": "integer", "minimum": 1, "maximum": max_limit(settings)},
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "allowEmptyValue": True,
            "description": "Rows to skip / 跳过的行数",
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
        {
            "name": "format",
            "in": "query",
            "required": False,
            "allowEmptyValue": True,
            "description": "json or csv (overrides Accept)",
            "schema": {"type": "string", "enum": ["json", "csv"]},
        },
    ]


def _page_schema(query: CannedQuery) -> dict[str, Any]:
    row = {
        "type": "object",
        "properties": {c: {"type": ["string", "number", "integer", "null"]} for c in query.columns},
    }
    return {
        "type": "object",
        "properties": {
            "query": {"type": "string", "const": query.name},
            "params": {"type": "object", "additionalProperties": {"type": "string"}},
            "columns": {"type": "array", "items": {"type": "string"}},
            "rows": {"type": "array", "items": row},
            "total": {"type": "integer"},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "next": {"type": ["string", "null"], "format": "uri"},
            "previous": {"type": ["string", "null"], "format": "uri"},
            "truncated": {"type": "boolean"},
        },
    }


def query_operation(query: CannedQuery, settings: Settings) -> dict[str, Any]:
    """The OpenAPI operation of ``GET /queries/{query.name}``."""
    description = query.description or query.summary
    return {
        "tags": ["canned queries"],
        "summary": f"{query.summary['en']} / {query.summary['zh']}",
        "description": f"{description['en']}\n\n{description['zh']}",
        "operationId": "query_" + query.name.replace("-", "_"),
        "parameters": query.openapi_parameters() + _paging_parameters(settings),
        "responses": {
            "200": {
                "description": "One page of the answer",
                "content": {
                    "application/json": {"schema": _page_schema(query)},
                    "text/csv": {"schema": {"type": "string"}},
                },
            },
            "400": {
                "description": "An unknown, missing or ill-typed parameter (named)",
                "content": {"application/json": {"schema": ERROR_REF}},
            },
            "503": {
                "description": "The query timed out or the store is unavailable",
                "content": {"application/json": {"schema": ERROR_REF}},
            },
        },
    }


def add_query_paths(schema: dict[str, Any], catalog: Catalog, settings: Settings) -> None:
    """Add one operation per canned query to an OpenAPI document (in place)."""
    paths = schema.setdefault("paths", {})
    for query in catalog:
        paths[f"/queries/{query.name}"] = {"get": query_operation(query, settings)}
    schemas = schema.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("LawgraphError", copy.deepcopy(ERROR_SCHEMA))


def install(app: FastAPI) -> None:
    """Add ``/queries`` to ``app``: read the catalog (a malformed query file stops start-up),
    include the routes and document each query in the app's OpenAPI. Idempotent."""
    if getattr(app.state, "queries_installed", False):
        return
    app.state.queries_installed = True
    catalog = catalog_of(app)
    settings: Settings = app.state.settings
    app.state.answers = AnswerCache(
        lambda: app.state.backend.version(),
        max_entries=settings.answer_cache_entries,
        max_bytes=settings.answer_cache_bytes,
        remote_ttl=settings.answer_cache_remote_ttl,
    )
    app.include_router(router)
    original: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None and app.openapi_schema.get("x-lawgraph-queries"):
            return app.openapi_schema
        schema = original()
        add_query_paths(schema, catalog, app.state.settings)
        schema["x-lawgraph-queries"] = len(catalog)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
