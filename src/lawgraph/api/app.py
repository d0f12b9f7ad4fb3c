"""The app factory: ``create_app(settings)`` builds the FastAPI app and its lifespan owns the
backend (the embedded store's worker processes, or a remote endpoint)."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from lawgraph import web
from lawgraph.api import cache, export, sparql
from lawgraph.api.backend import Backend, make_backend
from lawgraph.api.errors import install_error_handlers
from lawgraph.api.limits import BodyLimit
from lawgraph.settings import Settings

EXPOSED_HEADERS = [*sparql.EXPOSED_HEADERS, "X-Lawgraph-Total", cache.HEADER]
"""Headers a browser script from another origin may read (``/sparql``'s and ``/queries``')."""


class LawgraphApp(FastAPI):
    """The FastAPI app, with ``/sparql`` served by :class:`~lawgraph.api.sparql.SparqlFastPath`
    ahead of the middleware stack (same behaviour, less per-request overhead)."""

    fast_path: sparql.SparqlFastPath | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fast = self.fast_path
        if fast is not None and fast.matches(scope):
            await fast(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings | None = None, *, backend: Backend | None = None) -> LawgraphApp:
    """Build the lawgraph API.

    :param settings: the settings (default: read from ``LAWGRAPH_*`` environment variables).
    :param backend: a backend to serve (default: the one the settings name).
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await app.state.backend.start()
        # long-lived objects (the app, its routes, pydantic models) leave the collector's view:
        # full collections stay short, so they add no latency spikes under load
        gc.freeze()
        try:
            yield
        finally:
            await app.state.backend.close()

    from lawgraph import __version__

    app = LawgraphApp(
        title="lawgraph",
        version=__version__,
        summary="A knowledge graph of Chinese local governance and law, served read-only.",
        lifespan=lifespan,
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.backend = backend or make_backend(settings)
    app.state.sparql = sparql.SparqlService(settings, app.state.backend)
    install_error_handlers(app)
    app.include_router(sparql.router)
    app.include_router(export.router)
    web.install(app)  # the pages, /static and the canned queries (/queries)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.fast_path = sparql.SparqlFastPath(app.state.sparql)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS", "HEAD"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=600,
    )
    return app
