"""A bounded HTTP/1.1 load generator on asyncio streams.

Used by the soak test (``tests/test_reliability_soak.py``, which samples the server's memory
with ``bench/memory.py``). The HTTP benchmark (``bench/bench_sparql.py``) drives servers with
``wrk`` instead (a C client: a Python one would take the CPU the servers need on a 2-core
machine).

* :func:`run_load` sends ``total`` requests, taken in turn from a list of :class:`Call`, from
  ``clients`` concurrent keep-alive connections to one host and port, and checks each status;
  it gives a :class:`LoadResult` (latencies, errors, requests/s, percentiles). It speaks just
  enough HTTP/1.1 for that (``Content-Length`` and chunked bodies, ``Connection: close``), with a
  timeout per request; no connection is opened to anything but the address given.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class Call:
    """One request of the mix and the status it must get."""

    label: str
    method: str
    target: str
    "path and query string"
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    expect: int = 200

    @classmethod
    def get(
        cls,
        label: str,
        path: str,
        params: dict[str, str] | None = None,
        accept: str = "*/*",
        expect: int = 200,
    ) -> Call:
        target = f"{path}?{urlencode(params, quote_via=quote)}" if params else path
        return cls(label, "GET", target, (("Accept", accept),), expect=expect)

    @classmethod
    def post(
        cls, label: str, path: str, body: str, content_type: str, accept: str, expect: int = 200
    ) -> Call:
        headers = (("Accept", accept), ("Content-Type", content_type))
        return cls(label, "POST", path, headers, body.encode(), expect)

    def encode(self, host: str) -> bytes:
        lines = [f"{self.method} {self.target} HTTP/1.1", f"Host: {host}"]
        lines += [f"{k}: {v}" for k, v in self.headers]
        if self.body or self.method == "POST":
            lines.append(f"Content-Length: {len(self.body)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.body


@dataclass
class LoadResult:
    """What a load run measured."""

    clients: int
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_label: dict[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        """The ``p``-th percentile latency in seconds (nearest rank)."""
        ordered = sorted(self.latencies)
        return ordered[max(math.ceil(p / 100 * len(ordered)) - 1, 0)] if ordered else 0.0

    def summary(self) -> str:
        return (
            f"{self.count} requests from {self.clients} clients in {self.seconds:.1f} s: "
            f"{self.rps:.0f} req/s, p50 {self.percentile(50) * 1000:.1f} ms, "
            f"p99 {self.percentile(99) * 1000:.1f} ms, {len(self.errors)} errors"
        )


class _Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def exchange(self, request: bytes) -> tuple[int, bytes]:
        """Send one request and read its response: (status, body)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(request)
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split(" ", 2)[1])
        headers = {}
        for line in header_lines:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip().lower()
        if headers.get("transfer-encoding") == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection") == "close":
            await self.close()
        return status, body


async def run_load(
    host: str,
    port: int,
    calls: Sequence[Call],
    *,
    total: int,
    clients: int,
    timeout: float = 30.0,
) -> LoadResult:
    """Send ``total`` requests (``calls`` in turn) from ``clients`` concurrent connections.

    A request that gets another status than its ``expect``, times out or loses its connection
    is an error (the connection is then opened afresh).
    """
    result = LoadResult(clients)
    encoded = [c.encode(f"{host}:{port}") for c in calls]
    next_index = 0

    async def client() -> None:
        nonlocal next_index
        connection = _Connection(host, port)
        try:
            while next_index < total:
                i = next_index
                next_index += 1
                call = calls[i % len(calls)]
                started = time.perf_counter()
                try:
                    async with asyncio.timeout(timeout):
                        status, body = await connection.exchange(encoded[i % len(calls)])
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    result.errors.append(f"{call.label}: {type(exc).__name__}: {exc}")
                    await connection.close()
                    continue
                result.latencies.append(time.perf_counter() - started)
                result.by_label[call.label] = result.by_label.get(call.label, 0) + 1
                if status != call.expect:
                    result.errors.append(
                        f"{call.label}: HTTP {status}, expected {call.expect}: {body[:200]!r}"
                    )
        finally:
            await connection.close()

    started = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(clients)))
    result.seconds = time.perf_counter() - started
    return result
