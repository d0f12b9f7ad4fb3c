"""What the API serves queries from: the embedded store (worker processes over a snapshot) or
a remote SPARQL endpoint. Both answer a :class:`~lawgraph.sparql.Job` with the same bytes."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Protocol

from lawgraph.executor import ExportJob
from lawgraph.settings import Settings
from lawgraph.sparql import Answer, Job, PageAnswer, PageJob, run_page_job

log = logging.getLogger(__name__)


class Stream(Protocol):
    """A body made while it is sent: ``async for`` its chunks, then ``aclose()`` it (which
    stops whatever makes it, if the body was not read to its end)."""

    def __aiter__(self) -> Stream: ...

    async def __anext__(self) -> bytes: ...

    async def aclose(self) -> None: ...


class Backend(Protocol):
    """A store the API can query."""

    kind: str

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def run(self, job: Job) -> Answer: ...

    async def page(self, job: PageJob) -> PageAnswer: ...

    async def graphs(self) -> list[str]: ...

    async def size(self) -> int | None: ...

    def version(self) -> str | None:
        """A token that changes whenever the data served changes (None: no such token)."""
        ...

    async def export(self, job: ExportJob) -> tuple[str, str, Stream]:
        """Start an export: its media type, ``Content-Disposition`` and bytes.

        :raises InputError: a bad scope, format or query (before any byte is made).
        """
        ...


def seed_if_empty(store_path: Path) -> list[str]:
    """Load the bundled seed facts into the embedded store if it holds nothing.

    :returns: the graphs loaded (empty if the store already had data or there is no seed).
    """
    from lawgraph.store import EmbeddedStore

    try:
        from lawgraph.loader import load_paths
        from lawgraph.resources import data_dir

        facts = data_dir() / "facts"
    except (ImportError, FileNotFoundError) as exc:
        log.warning("no seed to load: %s", exc)
        return []
    with EmbeddedStore(store_path) as store:
        if len(store) > 0:
            return []
        if not facts.is_dir() or not any(facts.iterdir()):
            log.warning("the store is empty and there is no seed in %s", facts)
            return []
        loaded = load_paths(store, [facts])
    graphs = [g for item in loaded for g in item.graphs]
    log.info("loaded the seed: %d graph(s) from %s", len(graphs), facts)
    return graphs


class EmbeddedBackend:
    """The embedded store, served from a snapshot by killable worker processes."""

    kind = "embedded"

    def __init__(self, settings: Settings) -> None:
        from lawgraph.executor import Pool

        self.settings = settings
        self.pool = Pool(
            settings.store,
            workers=settings.workers,
            timeout=settings.query_timeout,
            worker_memory_mb=settings.worker_memory_mb,
            refresh_interval=settings.refresh_interval,
            max_heavy=settings.heavy_query_limit(),
            heavy_after=settings.heavy_query_seconds,
        )

    async def start(self) -> None:
        if self.settings.seed:
            await asyncio.to_thread(seed_if_empty, self.settings.store)
        await self.pool.start()

    async def close(self) -> None:
        await self.pool.close()

    async def run(self, job: Job) -> Answer:
        return await self.pool.run(job)

    async def page(self, job: PageJob) -> PageAnswer:
        return await self.pool.page(job)

    async def graphs(self) -> list[str]:
        return list(self.pool.graphs)

    async def size(self) -> int | None:
        return self.pool.quads

    def version(self) -> str | None:
        """The generation of the snapshot being served (it changes when a load commits)."""
        return self.pool.generation

    async def export(self, job: ExportJob) -> tuple[str, str, Stream]:
        """The export, streamed from a query worker (:meth:`lawgraph.executor.Pool.stream`)."""
        return await self.pool.export(job)


class RemoteBackend:
    """A remote SPARQL 1.1 endpoint, through :class:`lawgraph.remote.RemoteStore`; its
    blocking calls run in threads."""

    kind = "remote"

    def __init__(self, settings: Settings) -> None:
        from lawgraph.remote import RemoteStore

        self.store = RemoteStore.from_settings(settings)

    async def start(self) -> None:
        await asyncio.to_thread(self.store.check)

    async def close(self) -> None:
        pass

    async def run(self, job: Job) -> Answer:
        return await asyncio.to_thread(self.store.run_job, job)

    async def page(self, job: PageJob) -> PageAnswer:
        return await asyncio.to_thread(run_page_job, self.store, job)

    async def graphs(self) -> list[str]:
        return await asyncio.to_thread(self.store.graphs)

    async def size(self) -> int | None:
        return None

    def version(self) -> str | None:
        """None: a remote endpoint may change at any time, without a token to say so."""
        return None

    async def export(self, job: ExportJob) -> tuple[str, str, Stream]:
        """The export, made chunk by chunk in a thread of its own as it is read."""
        from lawgraph.catalog import load_catalog
        from lawgraph.export.service import export

        thread = ThreadPoolExecutor(1, thread_name_prefix="lawgraph-export")

        def start() -> tuple[str, str, Iterator[bytes]]:
            result = export(
                self.store,  # type: ignore[arg-type]
                job.scope,
                job.format,
                nary=job.nary,  # type: ignore[arg-type]
                lang=job.lang,  # type: ignore[arg-type]
                catalog=load_catalog().get,
            )
            return result.media_type, result.content_disposition, result.chunks

        try:
            media_type, disposition, chunks = await asyncio.wrap_future(thread.submit(start))
        except BaseException:
            thread.shutdown(wait=False)
            raise
        return media_type, disposition, ThreadStream(chunks, thread)


class ThreadStream:
    """The chunks of a blocking iterator, each made in the same thread (``thread`` has one),
    one at a time as they are read. Closing the stream closes the iterator in that thread too,
    after the chunk being made, if any."""

    def __init__(self, chunks: Iterator[bytes], thread: ThreadPoolExecutor) -> None:
        self._chunks = chunks
        self._thread = thread
        self._closed = False

    def __aiter__(self) -> ThreadStream:
        return self

    async def __anext__(self) -> bytes:
        if self._closed:
            raise StopAsyncIteration
        chunk = await asyncio.wrap_future(self._thread.submit(next, self._chunks, None))
        if chunk is None:
            raise StopAsyncIteration
        return chunk

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        close = getattr(self._chunks, "close", None)
        if close is not None:
            self._thread.submit(close)
        self._thread.shutdown(wait=False)


def make_backend(settings: Settings) -> Backend:
    """The backend the settings ask for: remote when ``endpoint`` is set, else embedded."""
    if settings.endpoint:
        return RemoteBackend(settings)
    return EmbeddedBackend(settings)
