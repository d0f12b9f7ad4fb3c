"""The app factory: ``create_app(settings)`` builds the FastAPI app and its lifespan owns the
backend (the embedded store's worker processes, or a remote endpoint)."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import Message, Receive, Scope, Send

from lawgraph import web
from lawgraph.api import admin, cache, export, openapi, queries, sparql
from lawgraph.api.backend import Backend, make_backend
from lawgraph.api.errors import error_response, install_error_handlers
from lawgraph.api.fast import FastPath
from lawgraph.api.limits import BodyLimit
from lawgraph.settings import Settings

EXPOSED_HEADERS = [*sparql.EXPOSED_HEADERS, "X-Lawgraph-Total", cache.HEADER]
"""Headers a browser script from another origin may read (``/sparql``'s and ``/queries``')."""
HARDENING_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; font-src 'self' data:; frame-ancestors 'none'; "
        b"base-uri 'self'; object-src 'none'; form-action 'self'",
    ),
)
"""Sent with every response: no content-type sniffing, no referrer to other sites, no framing
(clickjacking), scripts and everything else only from the app itself (no inline script), no
plugins, no forms or base URLs pointing elsewhere."""


def _hardened(send: Send) -> Send:
    async def send_hardened(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", ()), *HARDENING_HEADERS]
        await send(message)

    return send_hardened


def _bodiless(send: Send) -> Send:
    async def send_headers_only(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return send_headers_only


class LawgraphApp(FastAPI):
    """The FastAPI app, with the hot routes (``/sparql``, ``/queries/{name}``) served by
    :class:`~lawgraph.api.fast.FastPath` handlers ahead of the middleware stack (same
    behaviour, less per-request overhead), :data:`HARDENING_HEADERS` on every response, and
    ``HEAD`` answered wherever ``GET`` is (the GET response without its body, as HTTP says)."""

    fast_paths: tuple[FastPath, ...] = ()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            send = _hardened(send)
            for fast in self.fast_paths:
                if fast.matches(scope):
                    scope["app"] = self
                    await fast(scope, receive, send)
                    return
            if scope["method"] == "HEAD":
                scope, send = {**scope, "method": "GET"}, _bodiless(send)
        await super().__call__(scope, receive, send)


class JsonCORSMiddleware(CORSMiddleware):
    """Starlette's CORS middleware, with a refused preflight in the JSON error shape."""

    def preflight_response(self, request_headers: Headers) -> Response:
        response = super().preflight_response(request_headers)
        if response.status_code == 200:
            return response
        refused = bytes(response.body).decode().removeprefix("Disallowed CORS ")
        return error_response(
            response.status_code,
            f"CORS preflight refused: {refused} not allowed (methods allowed: "
            f"{', '.join(self.allow_methods)}; origins: the setting cors_origins)",
            headers={
                k: v
                for k, v in response.headers.items()
                if k not in ("content-length", "content-type")
            },
        )


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
        docs_url=None,  # lawgraph.web serves /docs from its own files (FastAPI's uses a CDN)
        redoc_url=None,
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.settings = settings
    app.state.backend = backend or make_backend(settings)
    app.state.sparql = sparql.SparqlService(settings, app.state.backend)
    install_error_handlers(app)
    app.include_router(sparql.router)
    app.include_router(export.router)
    admin.install(app, settings)
    web.install(app)  # the pages, /static and the canned queries (/queries)
    openapi.install(app)
    app.add_middleware(BodyLimit, max_bytes=settings.max_request_bytes)
    app.fast_paths = (
        sparql.SparqlFastPath(app.state.sparql, EXPOSED_HEADERS),
        queries.QueriesFastPath(settings, EXPOSED_HEADERS, app.state.answers),
    )
    app.add_middleware(
        JsonCORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "OPTIONS", "HEAD"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=600,
    )
    return app
