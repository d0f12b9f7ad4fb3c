"""Hardening headers on every response, no stack traces in errors, and no path parameter (nor
``/static``) that reaches a file outside the data and static folders.

Runs against a real ``lawgraph serve`` (uvicorn decodes the raw paths sent here as it would in
production) over the embedded sample store, with the admin routes on.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from backends import LAWGRAPH_ENV, ROOT, Server, start_lawgraph

TOKEN = "another-admin-token-for-tests"
HARDENING = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}
# what the files outside the static folder hold: none of it may ever be served
SECRETS = [
    b"root:x:0:0",  # /etc/passwd
    b"class Settings(BaseSettings)",  # src/lawgraph/settings.py
    b"def render(",  # src/lawgraph/web/render.py
    b"[project]",  # pyproject.toml
]
TRACEBACK = (b"Traceback (most recent call last)", b'File "/')


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, embedded_store: Path) -> Iterator[Server]:
    env = {**LAWGRAPH_ENV, "LAWGRAPH_ADMIN_TOKEN": TOKEN}
    started = start_lawgraph(tmp_path_factory.mktemp("headers"), store=embedded_store, env=env)
    yield started
    started.stop()


def raw_get(server: Server, target: bytes, headers: bytes = b"") -> tuple[int, bytes, bytes]:
    """Send ``GET target`` exactly as given (no client-side normalisation): status, headers,
    body."""
    port = int(server.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            b"GET "
            + target
            + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + headers
            + b"Connection: close\r\n\r\n"
        )
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, head.lower(), body


def assert_safe(status: int, head: bytes, body: bytes, what: str) -> None:
    assert status < 500, (what, status, body[:300])
    for name, value in HARDENING.items():
        assert f"{name}: {value}".lower().encode() in head, (what, name)
    for secret in SECRETS:
        assert secret not in body, (what, secret)
    for marker in TRACEBACK:
        assert marker not in body, (what, body[:300])


def routes(server: Server) -> list[str]:
    """Every GET route of the OpenAPI document, the pages and /static, with ``{…}`` for each
    path parameter."""
    document = httpx.get(server.base + "/openapi.json").json()
    found = [path for path, ops in document["paths"].items() if "get" in ops or "delete" in ops]
    names = [q["name"] for q in httpx.get(server.base + "/queries").json()["queries"]]
    assert names and "/sparql" in found and "/export" in found
    return [
        *found,
        *[f"/queries/{name}" for name in names],
        *[f"/questions/{name}" for name in names],
        "/",
        "/questions",
        "/reports",
        "/questions/{name}",
        "/queries/{name}",
        "/id/{path}",
        "/id/report/{path}",
        "/static/{path}",
        "/static/vendor/{path}",
        "/admin/reports/{report_id}",
        "/favicon.ico",
        "/no/such/route",
    ]


def test_every_route_sends_the_hardening_headers_and_no_traceback(server: Server) -> None:
    for route in routes(server):
        target = route.replace("{", "x").replace("}", "x").encode()
        for query in (b"", b"?format=%ff%fe&limit=-1&x=%00"):
            status, head, body = raw_get(server, target + query)
            assert_safe(status, head, body, route)
            if status >= 400 and b"application/json" in head:
                assert b'"ok": false' in body, (route, body[:300])
    status, head, body = raw_get(server, b"/static/app.css")
    assert status == 200 and b"text/css" in head
    assert_safe(status, head, body, "/static/app.css")
    for target in (b"/", b"/questions", b"/reports"):
        status, head, body = raw_get(server, target)
        assert status == 200 and b"text/html" in head
        assert b"frame-ancestors 'none'" in head and b"script-src 'self';" in head


TRAVERSALS = [
    "../",
    "..%2f",
    "%2e%2e%2f",
    "%2e%2e/",
    ".%2e/",
    "..%5c",
    "..\\",
    "%252e%252e%252f",
    "..%c0%af",
    "....//",
    "..;/",
]
TARGETS = [
    "etc/passwd",
    "pyproject.toml",
    "src/lawgraph/settings.py",
    "settings.py",
    "web/render.py",
]


def hostile_values() -> list[str]:
    values = []
    for step in TRAVERSALS:
        for depth in (1, 2, 3, 8):
            for target in TARGETS:
                values.append(step * depth + target)
    values += [
        "/etc/passwd",
        "%2fetc%2fpasswd",
        "//etc/passwd",
        "\\etc\\passwd",
        "C:\\Windows\\win.ini",
        "file:///etc/passwd",
        "app.css%00.png",
        "%00",
        "x%00../../settings.py",
        str(ROOT / "pyproject.toml"),
    ]
    return values


def test_path_parameters_never_reach_files_outside_their_folders(server: Server) -> None:
    templates = [r for r in routes(server) if "{" in r]
    tried = 0
    for template in templates:
        head_part = template.split("{", 1)[0]
        for value in hostile_values():
            target = (head_part + value.replace("\\", "%5c")).encode()
            for headers in (b"", b"Accept: text/turtle\r\n"):
                status, head, body = raw_get(server, target, headers)
                assert_safe(status, head, body, target.decode())
                tried += 1
    # /admin/reports/{id} with a valid token: a traversal is refused, not dropped
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for value in ("..%2f..%2fetc", "../../report/x", "%2e%2e"):
        response = httpx.delete(f"{server.base}/admin/reports/{value}", headers=auth)
        assert response.status_code in (400, 404, 405), response.text
    print(f"\npath traversal: {tried} requests on {len(templates)} routes, none escaped")


def test_static_serves_its_own_files_only(server: Server) -> None:
    static = ROOT / "src" / "lawgraph" / "web" / "static"
    status, _head, body = raw_get(server, b"/static/app.css")
    assert status == 200 and body == (static / "app.css").read_bytes()
    for target in (b"/static/", b"/static/vendor", b"/static/vendor/", b"/static/../render.py"):
        status, head, body = raw_get(server, target)
        assert status in (404, 307, 308) or (status == 200 and b"def render(" not in body)
        assert_safe(status, head, body, target.decode())
