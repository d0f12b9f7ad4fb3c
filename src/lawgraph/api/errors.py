"""One JSON error shape for every route, and the one place errors become HTTP statuses.

Every error response is ``{"ok": false, "error": "...", "errors": ["..."], "status": N}``
(``error`` is the first of ``errors``; ``status`` equals the HTTP status).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response
from starlette.routing import Match, Mount

from lawgraph.errors import (
    ForbiddenQuery,
    InputError,
    LawgraphError,
    LoadBusy,
    QueryError,
    QueryTimeout,
    StoreError,
)
from lawgraph.sparql import NotAcceptable

log = logging.getLogger(__name__)


class HTTPProblem(LawgraphError):
    """A request the API refuses for protocol reasons, with its HTTP status."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


# Most specific first: the first class an error is an instance of decides its status.
STATUS_OF: tuple[tuple[type[BaseException], int], ...] = (
    (NotAcceptable, 406),
    (ForbiddenQuery, 403),
    (QueryTimeout, 503),
    (QueryError, 400),
    (InputError, 400),
    (LoadBusy, 503),
    (StoreError, 503),
    (LawgraphError, 500),
)


def status_of(exc: BaseException) -> int:
    """The HTTP status for one of lawgraph's errors."""
    if isinstance(exc, HTTPProblem):
        return exc.status
    for cls, status in STATUS_OF:
        if isinstance(exc, cls):
            return status
    return 500


def error_response(
    status: int,
    message: str,
    errors: Sequence[str] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    """The JSON error response every route uses."""
    body = {
        "ok": False,
        "error": message,
        "errors": list(errors) if errors else [message],
        "status": status,
    }
    return Response(
        json.dumps(body, ensure_ascii=False).encode(),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def response_for(exc: BaseException) -> Response:
    """The error response for an exception raised while handling a request."""
    status = status_of(exc)
    headers = dict(getattr(exc, "headers", None) or {})
    if status == 503:
        headers.setdefault("Retry-After", str(getattr(exc, "retry_after", None) or 1))
    message = str(exc) or type(exc).__name__
    return error_response(status, message, headers=headers)


async def _lawgraph_error(request: Request, exc: Exception) -> Response:
    if status_of(exc) >= 500 and not isinstance(exc, QueryTimeout | StoreError | LoadBusy):
        log.error("error on %s %s: %s", request.method, request.url.path, exc)
    return response_for(exc)


_METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH")


def allowed_methods(request: Request) -> str:
    """The methods some route answers at the request's path (the ``Allow`` header of a 405:
    a route only knows its own methods, and a path may have one route per method). Mounts
    serve static files: GET and HEAD."""
    root = request.scope.get("app_root_path", request.scope.get("root_path", ""))
    allowed = []
    for method in _METHODS:
        scope = {
            **request.scope,
            "root_path": root,
            "method": "GET" if method == "HEAD" else method,
        }
        for route in request.app.router.routes:
            if route.matches(scope)[0] is Match.FULL and (
                method in ("GET", "HEAD") or not isinstance(route, Mount)
            ):
                allowed.append(method)
                break
    return ", ".join(allowed)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = allowed_methods(request)
    return error_response(exc.status_code, detail, headers=headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    messages = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()))
        messages.append(f"{where}: {err.get('msg', 'invalid')}")
    return error_response(400, messages[0] if messages else "invalid request", messages)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal server error (this is a bug; it has been logged)")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the one JSON shape."""
    app.add_exception_handler(LawgraphError, _lawgraph_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
