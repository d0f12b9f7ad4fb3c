"""uvicorn's HTTP protocol, with lawgraph's error shape for requests it cannot even parse and
each small response sent in one piece.

uvicorn answers a request its parser refuses (a URL over ~64 KiB, broken framing) with a
plain-text 400 before the app sees it. :class:`JsonErrorsHttpToolsProtocol` answers the same
cases in the one JSON error shape: 413 for a URL too long (send long queries by POST), 400
for anything else. Its connections write through a :class:`CoalescingTransport`.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

URL_LIMIT = 60_000
"URLs longer than this that fail to parse are reported as too large (httptools stops at 64 KiB)."

FLUSH_BYTES = 64 * 1024
"Held writes of this many bytes are sent at once (see :class:`CoalescingTransport`)."

_REASONS = {400: b"Bad Request", 413: b"Content Too Large"}


def error_bytes(status: int, message: str) -> bytes:
    """A complete HTTP/1.1 error response in the JSON error shape (connection closed)."""
    body = json.dumps(
        {"ok": False, "error": message, "errors": [message], "status": status},
        ensure_ascii=False,
    ).encode()
    return b"".join(
        [
            b"HTTP/1.1 %d %s\r\n" % (status, _REASONS.get(status, b"Error")),
            b"content-type: application/json\r\n",
            b"x-content-type-options: nosniff\r\n",
            b"content-length: %d\r\n" % len(body),
            b"connection: close\r\n\r\n",
            body,
        ]
    )


class CoalescingTransport:
    """A transport whose small writes of one event-loop step leave in one ``send``.

    uvicorn writes a response's head and its body apart: for a small answer that is two system
    calls in the server and two wake-ups of the client. Writes are held until the end of the
    step (or until :data:`FLUSH_BYTES` are pending, so that large answers reach the socket, and
    uvicorn's flow control sees them, as soon as they are written); ``close`` sends what is held
    first.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._pending: list[bytes] = []
        self._size = 0

    def write(self, data: bytes) -> None:
        if not self._pending:
            self._loop.call_soon(self.flush)
        self._pending.append(data)
        self._size += len(data)
        if self._size >= FLUSH_BYTES:
            self.flush()

    def flush(self) -> None:
        """Send what is held (nothing once the connection is closing)."""
        if self._pending:
            data = b"".join(self._pending)
            self._pending.clear()
            self._size = 0
            if not self._transport.is_closing():
                self._transport.write(data)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class JsonErrorsHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with unparseable requests answered in the JSON shape and
    the writes of each step coalesced (:class:`CoalescingTransport`)."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(CoalescingTransport(transport, self.loop))  # type: ignore[arg-type]

    def send_400_response(self, msg: str) -> None:
        url = getattr(self, "url", b"") or b""
        if len(url) > URL_LIMIT:
            payload = error_bytes(
                413,
                f"request too large: the URL is over {URL_LIMIT} bytes; send long queries by "
                "POST (application/sparql-query, or a form)",
            )
        else:
            payload = error_bytes(400, f"malformed HTTP request: {msg}")
        self.transport.write(payload)
        self.transport.close()
