"""What the API serves queries from: the embedded store (worker processes over a snapshot) or
a remote SPARQL endpoint. Both answer a :class:`~lawgraph.sparql.Job` with the same bytes."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Protocol

from lawgraph.executor import ExportJob
from lawgraph.settings import Settings
from lawgraph.sparql import Answer, Job, PageAnswer, PageJob, run_page_job

log = logging.getLogger(__name__)


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

    async def export(self, job: ExportJob) -> tuple[Answer, str]: ...


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

    async def export(self, job: ExportJob) -> tuple[Answer, str]:
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

    async def export(self, job: ExportJob) -> tuple[Answer, str]:
        from lawgraph.catalog import load_catalog
        from lawgraph.export.service import export

        def make() -> tuple[Answer, str]:
            result = export(
                self.store,  # type: ignore[arg-type]
                job.scope,
                job.format,
                nary=job.nary,  # type: ignore[arg-type]
                lang=job.lang,  # type: ignore[arg-type]
                catalog=load_catalog().get,
            )
            return Answer(b"".join(result.chunks), result.media_type), result.content_disposition

        return await asyncio.to_thread(make)


def make_backend(settings: Settings) -> Backend:
    """The backend the settings ask for: remote when ``endpoint`` is set, else embedded."""
    if settings.endpoint:
        return RemoteBackend(settings)
    return EmbeddedBackend(settings)
