"""Request-size limit for every route (HTTP 413), as a plain ASGI middleware (cheap: requests
without a body pass straight through)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lawgraph.api.errors import error_response


class _TooLarge(HTTPException):
    """A streamed body passed the limit (an HTTP error, so routes that read bodies themselves
    pass it on as a 413 rather than turning it into a 400)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"request body too large: the limit is {limit} bytes (setting max_request_bytes)",
        )


class BodyLimit:
    """Refuse request bodies larger than ``max_bytes`` with 413, whether they announce their
    length (``Content-Length``) or stream it (chunked)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length: bytes | None = None
        chunked = False
        for name, value in scope["headers"]:
            if name == b"content-length":
                length = value
            elif name == b"transfer-encoding":
                chunked = True
        if length is None and not chunked:
            await self.app(scope, receive, send)
            return
        if length is not None:
            try:
                announced = int(length)
            except ValueError:
                announced = -1
            if announced > self.max_bytes:
                await self._refuse(scope, send)
                return
            if not chunked and announced >= 0:
                await self.app(scope, receive, send)
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        await too_large(self.max_bytes)(scope, _no_receive, send)


def too_large(limit: int) -> Response:
    """The 413 of a request body over ``limit`` bytes (the connection is closed after it)."""
    return error_response(
        413,
        f"request body too large: the limit is {limit} bytes (setting max_request_bytes)",
        headers={"Connection": "close"},
    )


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}
