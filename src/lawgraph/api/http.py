"""uvicorn's HTTP protocol, with lawgraph's error shape for requests it cannot even parse and
each small response sent in one piece.

uvicorn answers a request its parser refuses (a URL over ~64 KiB, broken framing) with a
plain-text 400 before the app sees it. :class:`JsonErrorsHttpToolsProtocol` answers the same
cases in the one JSON error shape: 413 for a URL too long (send long queries by POST), 400
for anything else; and 431 for a request head (request line and headers) over
:data:`HEAD_LIMIT`, which uvicorn would buffer without end. Besides:

* its connections write through a :class:`CoalescingTransport`;
* a request answered before the client has sent all of it (413 for a body too large) is not
  followed by a reset that would lose the answer (:class:`LingeringTransport`);
* the body of a request that offers to switch protocols (``Upgrade: h2c``, as ``curl --http2``
  sends) is read: the server declines the offer, which HTTP allows, but llhttp stops parsing
  at the end of the headers, and uvicorn ran the request with an empty body and lost the
  requests after it on the connection;
* a client has ``client_timeout`` seconds to send a whole request, from the moment its
  connection opens or the previous response ends: past that, a request begun gets 408 and an
  idle connection is closed. uvicorn waited for ever for a connection that sent nothing, half a
  request head or part of a body (a few thousand such connections use up the server's file
  descriptors), and bytes that came after a response cancelled its keep-alive timeout for good.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import httptools
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

URL_LIMIT = 60_000
"URLs longer than this that fail to parse are reported as too large (httptools stops at 64 KiB)."

FLUSH_BYTES = 64 * 1024
"Held writes of this many bytes are sent at once (see :class:`CoalescingTransport`)."
LINGER_SECONDS = 2.0
"How long a refused connection is kept open to read (and drop) what the client still sends."
HEAD_LIMIT = 128 * 1024
"Most bytes of a request's request line and headers (nginx allows 4 x 8 KiB by default)."

_REASONS = {
    400: b"Bad Request",
    408: b"Request Timeout",
    413: b"Content Too Large",
    431: b"Request Header Fields Too Large",
}


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
    uvicorn's flow control sees them, as soon as they are written); ``close`` and ``write_eof``
    send what is held first.
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

    def write_eof(self) -> None:
        self.flush()
        self._transport.write_eof()

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class LingeringTransport:
    """A connection's transport whose ``close()`` lets a client still sending finish first.

    Closing a socket with unread data makes the kernel reset the connection, and a client still
    sending a request (one answered early: 413 for a body too large, 431, a 400) loses the
    answer. So while ``sending()`` says the client may be, ``close()`` sends the answer's end
    (``write_eof``), reads on — the protocol drops what comes, seeing :meth:`is_closing` — and
    closes when the client does, or after :data:`LINGER_SECONDS`.
    """

    def __init__(
        self,
        transport: asyncio.Transport,
        loop: asyncio.AbstractEventLoop,
        sending: Callable[[], bool],
    ) -> None:
        self._transport = transport
        self._loop = loop
        self._sending = sending
        self._closing = False

    def write(self, data: bytes) -> None:
        if not self._closing:  # nothing may follow the end of the answer
            self._transport.write(data)

    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        if not self._sending():
            self._transport.close()
            return
        if self._transport.can_write_eof():
            self._transport.write_eof()
        self._transport.resume_reading()
        self._loop.call_later(LINGER_SECONDS, self._transport.close)

    def is_closing(self) -> bool:
        return self._closing or self._transport.is_closing()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class JsonErrorsHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with unparseable requests answered in the JSON shape, the
    writes of each step coalesced (:class:`CoalescingTransport`), a close that lets a client
    still sending read the answer (:class:`LingeringTransport`), the body of a request whose
    Upgrade offer is declined read, and a deadline for the client to send each request.

    :param client_timeout: seconds a client has to send a whole request, from the moment the
        connection opens or the previous response ends (the setting ``client_timeout``).
    """

    _declined_body: int | None = None
    "bytes still to read of the body of a request whose Upgrade offer was declined"
    _head_bytes: int | None = None
    "bytes received so far of the head of the request being read (None: its head is complete)"
    _reading = False
    "a request has begun and is not yet whole"
    _deadline: asyncio.TimerHandle | None = None

    def __init__(self, *args: Any, client_timeout: float = 30.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.client_timeout = client_timeout

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

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        coalescing = CoalescingTransport(transport, self.loop)
        lingering = LingeringTransport(coalescing, self.loop, self._client_sending)  # type: ignore[arg-type]
        super().connection_made(lingering)  # type: ignore[arg-type]
        self._arm_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
        super().connection_lost(exc)

    def _arm_deadline(self) -> None:
        """Give the client ``client_timeout`` seconds from now to send a whole request."""
        if self._deadline is not None:
            self._deadline.cancel()
        self._deadline = self.loop.call_later(self.client_timeout, self._deadline_passed)

    def _deadline_passed(self) -> None:
        """Answer 408 to a request not sent whole in time and close the connection (an idle one
        is just closed), unless the server is the one at work: answering a whole request."""
        self._deadline = None
        cycle = self.cycle
        answering = cycle is not None and not cycle.response_complete
        awaiting_body = answering and self._reading and self._head_bytes is None
        if self.transport.is_closing() or self.pipeline or (answering and not awaiting_body):
            return
        # a new request's head, or a body whose request is not answered yet (not: the rest of
        # a body that came after its answer)
        if self._reading and (self._head_bytes is not None or not cycle.response_started):
            self.transport.write(
                error_bytes(
                    408,
                    f"request timeout: the request was not sent whole within "
                    f"{self.client_timeout:g} s (setting client_timeout)",
                )
            )
        self.transport.close()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm_deadline()

    def _client_sending(self) -> bool:
        """Whether the client may still be sending a request (its head or its body)."""
        cycle = self.cycle
        return self._head_bytes is not None or (cycle is not None and cycle.more_body)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_bytes = 0
        self._reading = True

    def on_headers_complete(self) -> None:
        self._head_bytes = None
        super().on_headers_complete()
        if self.parser.should_upgrade() and not self._should_upgrade():
            length = dict(self.headers).get(b"content-length", b"0")
            self._declined_body = int(length) if length.isdigit() else 0

    def on_message_complete(self) -> None:
        if not self._declined_body:  # else: the body is still to come
            self._reading = False
            super().on_message_complete()

    def data_received(self, data: bytes) -> None:
        if self.transport.is_closing():  # answered: what the client still sends is dropped
            return
        if self._declined_body is None:
            self._unset_keepalive_if_required()
            try:
                self.parser.feed_data(data)
                if self._head_bytes is not None:
                    self._head_bytes += len(data)
                    if self._head_bytes > HEAD_LIMIT:
                        self.transport.write(
                            error_bytes(
                                431,
                                f"request headers too large: the request line and headers are "
                                f"over {HEAD_LIMIT} bytes",
                            )
                        )
                        self.transport.close()
                return
            except httptools.HttpParserError as exc:  # its message says what is wrong
                msg = str(exc) or "invalid HTTP request"
                if isinstance(exc, httptools.HttpParserInvalidURLError):
                    msg += " (a URL is ASCII: percent-encode other characters, e.g. %E6%B3%95)"
                self.logger.warning("Invalid HTTP request received: %s", msg)
                self.send_400_response(msg)
                return
            except httptools.HttpParserUpgrade as upgrade:
                if self._should_upgrade():
                    self.handle_websocket_upgrade()
                    return
                data = data[upgrade.args[0] :]
        # a declined upgrade: the body (Content-Length) follows, then maybe the next request,
        # for a fresh parser (llhttp cannot leave the upgraded state)
        awaited = self._declined_body or 0
        body, data = data[:awaited], data[awaited:]
        if body:
            self.on_body(body)
        if len(body) < awaited:
            self._declined_body = awaited - len(body)
            return
        if awaited:
            self._reading = False
            super().on_message_complete()
        self._declined_body = None
        self.parser = httptools.HttpRequestParser(self)
        self.parser.set_dangerous_leniencies(lenient_data_after_close=True)
        if data:
            self.data_received(data)
