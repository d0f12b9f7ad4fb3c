"""uvicorn's HTTP protocol with lawgraph's error shape for requests it cannot even parse.

uvicorn answers a request its parser refuses (a URL over ~64 KiB, broken framing) with a
plain-text 400 before the app sees it. :class:`JsonErrorsHttpToolsProtocol` answers the same
cases in the one JSON error shape: 413 for a URL too long (send long queries by POST), 400
for anything else.
"""

from __future__ import annotations

import json

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

URL_LIMIT = 60_000
"URLs longer than this that fail to parse are reported as too large (httptools stops at 64 KiB)."

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


class JsonErrorsHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, with unparseable requests answered in the JSON shape."""

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
