"""``GET /export``: the graph, one report or a query's answer as a file (see docs/export.md).

The export is made where the data is — in a query worker for the embedded store (within the
query timeout and the worker's memory cap), in a thread for a remote endpoint — and sent whole.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from lawgraph.api import openapi
from lawgraph.api.errors import HTTPProblem
from lawgraph.executor import ExportJob
from lawgraph.export.formats import FORMATS

router = APIRouter()

_PARAMS = {"scope", "format", "nary", "lang"}


@router.get(
    "/export",
    summary="Export the graph, one report, or a query's answer as a file",
    response_class=Response,
    responses={200: {"content": {f.media_type.split(";")[0]: {} for f in FORMATS}}}
    | openapi.error_responses((404,)),
)
async def export_route(
    request: Request,
    scope: Annotated[
        str,
        Query(
            description="`all`, `report:<id>`, `query:<name>?param=value&…` "
            "or `construct:<CONSTRUCT query>`",
        ),
    ] = "all",
    format: Annotated[
        str,
        Query(
            description="graphml, gexf, cytoscape, node-link, csv, csv-nodes, "
            "csv-edges, dot, png, svg, turtle, trig, nquads, jsonld",
            json_schema_extra={"enum": [n for f in FORMATS for n in (f.name, *f.aliases)]},
        ),
    ] = "graphml",
    nary: Annotated[
        Literal["collapse", "keep"],
        Query(description="collapse n-ary facts (posts, participations) into edges, or keep them"),
    ] = "collapse",
    lang: Annotated[Literal["zh", "en"], Query(description="language of the labels")] = "zh",
) -> Response:
    unknown = sorted(set(request.query_params) - _PARAMS)
    if unknown:
        raise HTTPProblem(
            400, f"unknown parameter {unknown[0]!r} (known: {', '.join(sorted(_PARAMS))})"
        )
    answer, disposition = await request.app.state.backend.export(
        ExportJob(scope=scope, format=format, nary=nary, lang=lang)
    )
    return Response(
        answer.body,
        media_type=answer.content_type,
        headers={"Content-Disposition": disposition},
    )
