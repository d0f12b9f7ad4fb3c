"""What the OpenAPI document (``/openapi.json``) says about responses: the one error shape on
every operation, with the statuses each can really answer, and ``/sparql``'s parameters, request
bodies and result media types.

:func:`install` wraps the app's ``openapi()`` so the document FastAPI generates is corrected once:
FastAPI documents a 422 ``HTTPValidationError`` for every typed parameter, but lawgraph answers a
bad parameter with 400 in its own shape (see :mod:`lawgraph.api.errors`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from fastapi import FastAPI

from lawgraph.sparql import GRAPH_FORMATS, RESULTS_FORMATS

ERROR_REF = {"$ref": "#/components/schemas/LawgraphError"}
ERROR_SCHEMA: dict[str, Any] = {
    "title": "LawgraphError",
    "type": "object",
    "required": ["ok", "error", "errors", "status"],
    "properties": {
        "ok": {"type": "boolean", "const": False},
        "error": {"type": "string"},
        "errors": {"type": "array", "items": {"type": "string"}},
        "status": {"type": "integer"},
    },
}

ERROR_TEXT = {
    400: "A malformed request: an unknown, missing or ill-typed parameter (named), or a query "
    "that does not parse",
    401: "No valid `Authorization: Bearer <admin token>` header",
    403: "Refused: a SPARQL Update, SERVICE, or a wrong admin token",
    404: "Nothing is served at this address",
    406: "None of the formats offered is acceptable",
    413: "The request body or the query is longer than the limits allow "
    "(settings max_request_bytes, max_query_length)",
    415: "Unsupported request Content-Type",
    503: "The query ran past the timeout, every query worker is busy, or the store is "
    "unavailable; retry later (Retry-After)",
}
COMMON = (400, 413, 503)
"Statuses any operation can answer: a bad parameter, a body over the limit, an overloaded store."


def error_responses(statuses: Iterable[int]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI response objects in the error shape, for FastAPI's ``responses=``."""
    return {
        status: {
            "description": ERROR_TEXT[status],
            "content": {"application/json": {"schema": ERROR_REF}},
        }
        for status in statuses
    }


def _media(content_type: str) -> str:
    return content_type.split(";")[0]


_SPARQL_200 = {
    "description": "Results (SPARQL JSON, XML, CSV, TSV) for SELECT and ASK; RDF for CONSTRUCT, "
    "DESCRIBE and the service description. Headers X-Lawgraph-Row-Cap and "
    "X-Lawgraph-Truncated report a cut at the row cap.",
    "content": {_media(f.content_type): {} for f in (*RESULTS_FORMATS, *GRAPH_FORMATS)}
    | {"application/sparql-results+json": {"schema": {"type": "object"}}},
}
_DATASET_PARAMETERS = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "array", "items": {"type": "string"}},
        "style": "form",
        "explode": True,
    }
    for name, description in (
        ("default-graph-uri", "A graph of the default graph (repeatable; absolute IRI)"),
        ("named-graph-uri", "A named graph of the dataset (repeatable; absolute IRI)"),
    )
]
_FORMAT_PARAMETER = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "json, xml, csv, tsv, turtle, nt, jsonld, nq, trig or a media type "
    "(overrides Accept)",
    "schema": {"type": "string"},
}
SPARQL_RESPONSES = {200: _SPARQL_200} | error_responses((403, 406, 415))
SPARQL_GET: dict[str, Any] = {
    "parameters": [
        {
            "name": "query",
            "in": "query",
            "required": False,
            "description": "The SPARQL 1.1 query (once). Without any parameter: the service "
            "description.",
            "schema": {"type": "string"},
        },
        *_DATASET_PARAMETERS,
        _FORMAT_PARAMETER,
    ],
}
SPARQL_POST: dict[str, Any] = {
    "parameters": [*_DATASET_PARAMETERS, _FORMAT_PARAMETER],
    "requestBody": {
        "required": True,
        "content": {
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {
                        "query": {"type": "string"},
                        "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                        "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                    },
                }
            },
            "application/sparql-query": {"schema": {"type": "string"}},
        },
    },
}


def document_errors(schema: dict[str, Any]) -> None:
    """Replace FastAPI's 422 with lawgraph's 400 and give every operation the common errors
    (in place; idempotent)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("LawgraphError", ERROR_SCHEMA)
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    common = error_responses(COMMON)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status, response in common.items():
                responses.setdefault(str(status), response)


def install(app: FastAPI) -> None:
    """Make ``app.openapi()`` document lawgraph's real error responses."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        schema = generate()
        document_errors(schema)
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
