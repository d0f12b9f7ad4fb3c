"""The server's transport sends a response's head and body in one write (one system call, one
wake-up of the client), sends large writes at once, and sends what it holds before closing."""

from __future__ import annotations

import asyncio
from typing import Any

import uvloop

from lawgraph.api.http import FLUSH_BYTES, CoalescingTransport


class Counting:
    """A real transport, with its writes counted."""

    def __init__(self, transport: Any) -> None:
        self.transport = transport
        self.writes: list[int] = []

    def write(self, data: bytes) -> None:
        self.writes.append(len(data))
        self.transport.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.transport, name)


async def _exchange() -> tuple[list[int], list[int], bytes]:
    loop = asyncio.get_running_loop()
    received = bytearray()
    done = loop.create_future()

    class Sink(asyncio.Protocol):
        def data_received(self, data: bytes) -> None:
            received.extend(data)

        def connection_lost(self, exc: Exception | None) -> None:
            done.set_result(None)

    server = await loop.create_server(Sink, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    counting = Counting(transport)
    out = CoalescingTransport(counting, loop)  # type: ignore[arg-type]
    out.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n")
    out.write(b"{}")
    assert counting.writes == []  # held until the end of the step
    await asyncio.sleep(0)
    small = list(counting.writes)
    counting.writes.clear()
    out.write(b"x" * 10)
    out.write(b"y" * FLUSH_BYTES)  # past the threshold: sent at once, with what was held
    large = list(counting.writes)
    out.write(b"tail")
    out.close()  # sends the tail before closing
    await asyncio.wait_for(done, 5)
    server.close()
    return small, large, bytes(received)


def test_writes_of_one_step_leave_together() -> None:
    small, large, received = uvloop.run(_exchange())
    head = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"
    assert small == [len(head) + 2]
    assert large == [10 + FLUSH_BYTES]
    assert received == head + b"{}" + b"x" * 10 + b"y" * FLUSH_BYTES + b"tail"
