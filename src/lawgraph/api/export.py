"""``GET /export``: the graph, one report or a query's answer as a file (see docs/export.md).

The export is made where the data is — in a query worker for the embedded store (within the
query timeout and the worker's memory cap), in a thread for a remote endpoint — and streamed:
each chunk is sent as soon as it is made, and the maker waits while the client has not taken the
chunks before, so memory holds a few chunks whatever the size of the export.

An error before the first byte (a bad scope, a query timeout) is an error response in the JSON
shape. One after it — the status line is sent by then — cuts the body short: the connection is
closed without the last chunk of the chunked encoding, which every HTTP client reports as an
incomplete body (curl: exit code 18; httpx: ``RemoteProtocolError``; Python's ``http.client``:
``IncompleteRead``; a browser: a failed download), never as a complete file.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from starlette.responses import Response, StreamingResponse
from starlette.types import Receive, Scope, Send

from lawgraph.api import openapi
from lawgraph.api.backend import Stream
from lawgraph.api.errors import HTTPProblem
from lawgraph.api.params import parse_params
from lawgraph.errors import LawgraphError
from lawgraph.executor import ExportJob
from lawgraph.export.formats import FORMATS

log = logging.getLogger(__name__)

router = APIRouter()

_PARAMS = {"scope", "format", "nary", "lang"}


class StreamedResponse(StreamingResponse):
    """A response whose body is a :class:`~lawgraph.api.backend.Stream` (after its first
    chunk, already read). The stream is closed however the response ends, so a client that goes
    away stops what makes the body; an error from the stream cuts the body short (see above)."""

    def __init__(
        self, first: bytes, stream: Stream, *, media_type: str, headers: dict[str, str]
    ) -> None:
        self.stream = stream
        self.sent = 0
        super().__init__(self._chunks(first), media_type=media_type, headers=headers)

    async def _chunks(self, first: bytes) -> AsyncIterator[bytes]:
        chunk = first
        while chunk:
            self.sent += len(chunk)
            yield chunk
            chunk = await anext(self.stream, b"")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except LawgraphError as exc:
            # returning without the last chunk: the server closes the connection
            log.warning(
                "%s: the body was cut short after %d bytes: %s", scope["path"], self.sent, exc
            )
        finally:
            await self.stream.aclose()


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
    given = parse_params(request.scope["query_string"], "URL query string")
    unknown = sorted(set(given) - _PARAMS)
    if unknown:
        raise HTTPProblem(
            400, f"unknown parameter {unknown[0]!r} (known: {', '.join(sorted(_PARAMS))})"
        )
    repeated = sorted(n for n, values in given.items() if len(values) > 1)
    if repeated:  # FastAPI would take the last value silently
        raise HTTPProblem(400, f"{repeated[0]}: given more than once")
    media_type, disposition, stream = await request.app.state.backend.export(
        ExportJob(scope=scope, format=format, nary=nary, lang=lang)
    )
    try:
        first = await anext(stream, b"")  # an error until here is an error response
    except BaseException:
        await stream.aclose()
        raise
    return StreamedResponse(
        first, stream, media_type=media_type, headers={"Content-Disposition": disposition}
    )
