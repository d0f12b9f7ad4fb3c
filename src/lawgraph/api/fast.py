"""Hot routes served straight from ASGI, ahead of the framework's middleware, routing and
dependency machinery (most of the per-request cost of a small answer).

A :class:`FastPath` does what the middleware stack does for its route — the body limit of an
announced length (413, whatever the method), CORS headers of simple requests, the JSON error
shape, ``HEAD`` — and calls the same handler code as the FastAPI
route, which stays: it documents the route in OpenAPI and serves it wherever no fast path is in
front. :class:`~lawgraph.api.app.LawgraphApp` sends a request to the first fast path that
:meth:`~FastPath.matches` it, with the hardening headers already added to ``send``.
"""

from __future__ import annotations

import logging

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from lawgraph.api.errors import error_response, response_for
from lawgraph.api.limits import too_large
from lawgraph.errors import LawgraphError
from lawgraph.settings import Settings

log = logging.getLogger(__name__)

RawHeaders = list[tuple[bytes, bytes]]


class FastPath:
    """The base of a fast route: subclasses give :meth:`matches` and :meth:`respond`.

    :param settings: the settings (CORS origins, body limit).
    :param expose: the headers a script from another origin may read.
    """

    def __init__(self, settings: Settings, expose: list[str]) -> None:
        self.max_bytes = settings.max_request_bytes
        origins = settings.cors_origins
        self.any_origin = "*" in origins
        self.origins = frozenset(origins)
        self.expose = ", ".join(expose).encode()

    def matches(self, scope: Scope) -> bool:
        raise NotImplementedError

    async def respond(
        self, scope: Scope, receive: Receive, headers: dict[str, str]
    ) -> tuple[int, RawHeaders, bytes] | None:
        """The response (status, headers, body), or None when the client went away.

        :param headers: the request's headers, names in lower case.
        :raises LawgraphError: answered in the JSON error shape.
        """
        raise NotImplementedError

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = header_fields(scope["headers"])
        length = headers.get("content-length", "")
        try:
            if length.isdigit() and int(length) > self.max_bytes:
                reply = raw(too_large(self.max_bytes))
            else:
                reply = await self.respond(scope, receive, headers)
        except LawgraphError as exc:
            reply = raw(response_for(exc))
        except Exception:  # a bug: answer in the error shape, never a bare 500
            log.exception("unexpected error on %s %s", scope["method"], scope["path"])
            reply = raw(error_response(500, "internal server error"))
        if reply is None:
            return
        status, raw_headers, body = reply
        origin = headers.get("origin")
        if origin is not None:
            raw_headers = [*raw_headers, *self._cors(origin)]
        await send({"type": "http.response.start", "status": status, "headers": raw_headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )

    def _cors(self, origin: str) -> RawHeaders:
        """The CORS headers of a simple (non-preflight) response, as CORSMiddleware sets them."""
        if self.any_origin:
            return [
                (b"access-control-allow-origin", b"*"),
                (b"access-control-expose-headers", self.expose),
            ]
        if origin in self.origins:
            return [
                (b"access-control-allow-origin", origin.encode("latin-1")),
                (b"access-control-expose-headers", self.expose),
                (b"vary", b"Origin"),
            ]
        return [(b"vary", b"Origin")]


def header_fields(raw_headers: RawHeaders) -> dict[str, str]:
    """A request's headers by name (in lower case); a field sent on several lines is one
    comma-separated list, as HTTP defines it (two ``Accept`` lines are both read; two
    ``Content-Type`` lines make a Content-Type no route accepts, never one of the two)."""
    headers: dict[str, str] = {}
    for key, value in raw_headers:
        name, text = key.decode("latin-1"), value.decode("latin-1")
        headers[name] = f"{headers[name]}, {text}" if name in headers else text
    return headers


def raw(response: Response) -> tuple[int, RawHeaders, bytes]:
    """A Starlette response as (status, headers, body)."""
    return response.status_code, list(response.raw_headers), bytes(response.body)
