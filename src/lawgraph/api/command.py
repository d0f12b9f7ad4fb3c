"""``lawgraph serve``: run the API with uvicorn.

:mod:`lawgraph.cli` registers :data:`serve` as a subcommand.
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from pathlib import Path
from typing import Any

import click
from pydantic import ValidationError

from lawgraph.settings import Settings


def _settings(**given: Any) -> Settings:
    overrides = {k: v for k, v in given.items() if v is not None}
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise click.UsageError(problems) from None


def _http_protocol(settings: Settings) -> Any:
    """httptools (fast) with lawgraph's JSON errors and ``client_timeout`` when it is
    installed, else h11."""
    if importlib.util.find_spec("httptools") is None:
        return "h11"
    from lawgraph.api.http import JsonErrorsHttpToolsProtocol

    return functools.partial(JsonErrorsHttpToolsProtocol, client_timeout=settings.client_timeout)


@click.command()
@click.option(
    "--store",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of the embedded store [default: var/store, or LAWGRAPH_STORE].",
)
@click.option("--endpoint", help="Serve a remote SPARQL 1.1 endpoint instead (LAWGRAPH_ENDPOINT).")
@click.option("--host", help="Address to bind [default: 127.0.0.1, or LAWGRAPH_HOST].")
@click.option("--port", type=int, help="Port to listen on [default: 8000, or LAWGRAPH_PORT].")
@click.option("--workers", type=int, help="Query worker processes [default: one per core].")
@click.option("--timeout", "query_timeout", type=float, help="Query timeout in seconds [10].")
@click.option("--row-cap", type=int, help="Most rows per response [10000].")
@click.option("--no-seed", is_flag=True, help="Do not load the bundled seed into an empty store.")
@click.option("--access-log", is_flag=True, help="Log every request (costs some throughput).")
def serve(
    store: Path | None,
    endpoint: str | None,
    host: str | None,
    port: int | None,
    workers: int | None,
    query_timeout: float | None,
    row_cap: int | None,
    no_seed: bool,
    access_log: bool,
) -> None:
    """Serve the store over HTTP: /sparql (SPARQL 1.1 Protocol, read-only) and the API.

    With no options it serves the embedded store in var/store, loading the bundled seed report
    first if the store is empty. Every setting can also come from a LAWGRAPH_* environment
    variable (see docs/settings.md).
    """
    import uvicorn

    from lawgraph.api.app import create_app

    if store is not None and endpoint is not None:
        raise click.UsageError("give --store or --endpoint, not both")
    settings = _settings(
        store=store,
        endpoint=endpoint,
        host=host,
        port=port,
        workers=workers,
        query_timeout=query_timeout,
        row_cap=row_cap,
        seed=False if no_seed else None,
    )
    # lawgraph's own messages (seed loaded, snapshot refreshed) beside uvicorn's, on stderr
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s:     %(name)s: %(message)s"))
    package_log = logging.getLogger("lawgraph")
    package_log.addHandler(handler)
    package_log.setLevel(logging.INFO)
    app = create_app(settings)
    where = settings.endpoint or settings.store
    click.echo(f"lawgraph: serving {where} on http://{settings.host}:{settings.port}/sparql")
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        loop="uvloop" if importlib.util.find_spec("uvloop") else "asyncio",
        http=_http_protocol(settings),
        access_log=access_log,
        log_level="info",
        timeout_graceful_shutdown=5,
    )
