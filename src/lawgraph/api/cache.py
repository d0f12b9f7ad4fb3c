"""The answer cache of ``/queries``: whole responses, keyed by the store's version.

A canned question asked twice of the same store gets the same answer, so the rendered response
(body, media type, headers) is kept and served again without touching the backend.

* **Key**: the backend's version token, then what the route makes of the request — the query
  name, its parameters, ``limit``, ``offset``, the negotiated format and the URL the paging links
  are built from (:func:`lawgraph.api.queries.answer_query` builds it).
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
_SKIPPED = frozenset({b"content-length", b"content-type", HEADER.lower().encode()})


@dataclass(frozen=True, slots=True)
class Entry:
    """One kept response."""

    body: bytes
    media_type: str | None
    headers: tuple[tuple[str, str], ...]
    size: int
    expires: float

    def response(self) -> Response:
        response = Response(self.body, media_type=self.media_type, headers=dict(self.headers))
        response.headers[HEADER] = "hit"
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

    async def serve(self, key: Hashable, make: Callable[[], Awaitable[Response]]) -> Response:
        """The response for ``key``: the kept one if it is still valid, else ``make()``'s
        (kept if it is a 200 and the version did not change while it was made)."""
        version = self.version()
        lifetime = self._lifetime(version)
        if lifetime is None:
            response = await make()
            response.headers[HEADER] = "off"
            return response
        if version != self._version:  # a new snapshot (or the first request): start afresh
            self.clear()
            self._version = version
        full_key = (version, key)
        entry = self._entries.get(full_key)
        if entry is not None and entry.expires > time.monotonic():
            self._entries.move_to_end(full_key)
            self.hits += 1
            return entry.response()
        if entry is not None:
            self._drop(full_key)
        self.misses += 1
        response = await make()
        if response.status_code == 200 and self.version() == version == self._version:
            self._keep(full_key, response, lifetime)
        response.headers[HEADER] = "miss"
        return response

    def _keep(self, key: Hashable, response: Response, lifetime: float) -> None:
        body = bytes(response.body)
        headers = tuple(
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, v in response.raw_headers
            if k not in _SKIPPED
        )
        size = (
            len(body) + sum(len(k) + len(v) for k, v in headers) + len(repr(key)) + ENTRY_OVERHEAD
        )
        if size > self.max_bytes:
            return
        if key in self._entries:
            self._drop(key)
        self._entries[key] = Entry(
            body, response.media_type, headers, size, time.monotonic() + lifetime
        )
        self.bytes += size
        while len(self._entries) > self.max_entries or self.bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def _drop(self, key: Hashable) -> None:
        self.bytes -= self._entries.pop(key).size
