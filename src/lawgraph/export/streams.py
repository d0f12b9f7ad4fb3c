"""Byte streams: text parts gathered into chunks, and a writer run in a thread of its own.

pyoxigraph's iterators are bound to the thread that made them, while a web server may pull each
chunk of a response from a different thread. :func:`threaded` therefore runs a producer that
writes to a file-like object (pyoxigraph's serialisers) in one dedicated thread, and hands its
output over a small bounded queue: memory stays flat, and the consumer may be any thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterable, Iterator

CHUNK = 1 << 16
"""Bytes per chunk handed on (64 KiB)."""


def chunked(parts: Iterable[str], size: int = CHUNK) -> Iterator[bytes]:
    """UTF-8 chunks of about ``size`` bytes from many small text parts.

    >>> list(chunked(["a", "b", "文"], size=2))
    [b'ab', b'\\xe6\\x96\\x87']
    """
    buffer: list[str] = []
    length = 0
    for part in parts:
        buffer.append(part)
        length += len(part)
        if length >= size:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
            length = 0
    if buffer:
        yield "".join(buffer).encode("utf-8")


class _Cancelled(Exception):
    """The consumer went away: stop producing."""


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_DONE = object()


class QueueWriter:
    """A binary file-like object whose writes go, in chunks, to a bounded queue."""

    def __init__(self, out: queue.Queue[object], cancelled: threading.Event, size: int) -> None:
        self._out = out
        self._cancelled = cancelled
        self._size = size
        self._buffer = bytearray()

    def write(self, data: bytes | bytearray | memoryview) -> int:
        if self._cancelled.is_set():
            raise _Cancelled
        self._buffer += data
        if len(self._buffer) >= self._size:
            self.put(bytes(self._buffer))
            self._buffer.clear()
        return len(data)

    def flush(self) -> None:
        """Keep buffering: chunks are handed on when full, and at the end."""

    def finish(self) -> None:
        if self._buffer:
            self.put(bytes(self._buffer))
            self._buffer.clear()

    def put(self, item: object) -> None:
        while True:
            if self._cancelled.is_set():
                raise _Cancelled
            try:
                self._out.put(item, timeout=0.1)
                return
            except queue.Full:
                continue


def threaded(
    produce: Callable[[QueueWriter], None], *, size: int = CHUNK, depth: int = 8
) -> Iterator[bytes]:
    """The bytes ``produce`` writes to the file-like object it is given, produced in a thread of
    its own (started on the first ``next``). An error in ``produce`` is raised to the consumer;
    a consumer that stops early (closes the iterator) stops the producer."""
    out: queue.Queue[object] = queue.Queue(maxsize=depth)
    cancelled = threading.Event()

    def run() -> None:
        writer = QueueWriter(out, cancelled, size)
        try:
            produce(writer)
            writer.finish()
            writer.put(_DONE)
        except _Cancelled:
            return
        except BaseException as exc:  # handed to the consumer, who raises it
            if cancelled.is_set():
                return
            try:
                writer.put(_Failed(exc))
            except _Cancelled:
                return

    def consume() -> Iterator[bytes]:
        thread = threading.Thread(target=run, name="lawgraph-export", daemon=True)
        thread.start()
        try:
            while True:
                item = out.get()
                if item is _DONE:
                    break
                if isinstance(item, _Failed):
                    raise item.error
                assert isinstance(item, bytes)
                yield item
        finally:
            cancelled.set()

    return consume()
