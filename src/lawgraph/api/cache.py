"""The answer cache of ``/queries``: whole responses, keyed by the store's version.

A canned question asked twice of the same store gets the same answer, so the rendered response
(status, headers, body) is kept and served again without touching the backend.

* **Key**: the backend's version token, then the request as sent, before any parsing: path,
  query string, ``Accept`` and what the paging links are built from
  (:func:`lawgraph.api.queries.answer_key`), so a hit costs a dictionary lookup.
* **Version**: the embedded store's generation token (:attr:`lawgraph.executor.Pool.generation`),
  which changes when a ``lawgraph load`` commits and the server switches to the new snapshot.
  When a new version is first seen the whole cache is dropped; an answer is only kept if the
  version was the same before and after it was computed, so an answer from an old snapshot is
  never stored under a new version and never served.
* **Remote endpoints** have no version token: other writers may change them at any time. Their
  answers are kept only when ``answer_cache_remote_ttl`` is above zero, each for that many
  seconds (default 0: no caching).
* **Bounds**: at most ``answer_cache_entries`` entries and ``answer_cache_bytes`` bytes (bodies,
  headers and keys), least recently used first out. An answer larger than the byte bound is not
  kept. ``answer_cache_entries = 0`` turns the cache off.

Every ``200`` of the route carries ``X-Lawgraph-Cache: hit``, ``miss`` or ``off`` (errors are
never kept).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass

from starlette.responses import Response

HEADER = "X-Lawgraph-Cache"
ENTRY_OVERHEAD = 256
"""Bytes counted per entry beyond its body, headers and key (the objects that hold them)."""
_HEADER_KEY = HEADER.lower().encode()


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept response (a 200), its headers ready to send (with ``X-Lawgraph-Cache: hit``)."""

    raw_headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    size: int
    expires: float

    def response(self) -> Response:
        response = Response(self.body)
        response.raw_headers = list(self.raw_headers)
        return response


class AnswerCache:
    """A bounded LRU cache of responses, valid for one version of the store.

    :param version: the backend's current version token (None: the backend has none).
    :param max_entries: most entries kept (0: no caching).
    :param max_bytes: most bytes kept.
    :param remote_ttl: seconds an answer is kept when ``version`` gives None (0: not kept).
    """

    def __init__(
        self,
        version: Callable[[], str | None],
        *,
        max_entries: int,
        max_bytes: int,
        remote_ttl: float = 0.0,
    ) -> None:
        self.version = version
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.remote_ttl = remote_ttl
        self.bytes = 0
        self.hits = 0
        self.misses = 0
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._version: str | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0

    def _lifetime(self, version: str | None) -> float | None:
        """Seconds an answer of ``version`` may be kept (inf: until the version changes), or
        None when it may not be kept at all."""
        if self.max_entries <= 0 or self.max_bytes <= 0:
            return None
        if version is None:
            return self.remote_ttl if self.remote_ttl > 0 else None
        return float("inf")

    def _current(self) -> tuple[str | None, float | None]:
        """The backend's version and how long its answers may be kept (None: not at all); a
        new version (a new snapshot, or the first request) empties the cache."""
        version = self.version()
        lifetime = self._lifetime(version)
        if lifetime is not None and version != self._version:
            self.clear()
            self._version = version
        return version, lifetime

    def hit(self, key: Hashable) -> Entry | None:
        """The entry kept for ``key`` if it is still valid (counted as a hit), else None."""
        version, lifetime = self._current()
        if lifetime is None:
            return None
        full_key = (version, key)
        entry = self._entries.get(full_key)
        if entry is None:
            return None
        if entry.expires <= time.monotonic():
            self._drop(full_key)
            return None
        self._entries.move_to_end(full_key)
        self.hits += 1
        return entry

    async def serve(self, key: Hashable, make: Callable[[], Awaitable[Response]]) -> Response:
        """The response for ``key``: the kept one if it is still valid, else ``make()``'s
        (kept if it is a 200 and the version did not change while it was made)."""
        entry = self.hit(key)
        if entry is not None:
            return entry.response()
        version, lifetime = self._current()
        if lifetime is None:
            response = await make()
            response.headers[HEADER] = "off"
            return response
        self.misses += 1
        response = await make()
        if response.status_code == 200 and self.version() == version == self._version:
            self._keep((version, key), response, lifetime)
        response.headers[HEADER] = "miss"
        return response

    def _keep(self, key: Hashable, response: Response, lifetime: float) -> None:
        body = bytes(response.body)
        headers = (
            *(h for h in response.raw_headers if h[0] != _HEADER_KEY),
            (_HEADER_KEY, b"hit"),
        )
        size = len(body) + sum(len(k) + len(v) for k, v in headers) + len(repr(key))
        size += ENTRY_OVERHEAD
        if size > self.max_bytes:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = Entry(headers, body, size, time.monotonic() + lifetime)
        self.bytes += size
        while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: Hashable) -> None:
        self.bytes -= self._entries.pop(key).size
