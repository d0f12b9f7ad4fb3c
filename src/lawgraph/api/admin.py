"""The admin routes: load and remove reports over HTTP. They exist only when the setting
``admin_token`` is set (otherwise every ``/admin/…`` address is a plain 404), and every request
must carry ``Authorization: Bearer <admin_token>`` (compared in constant time).

* ``POST /admin/reports`` — a multipart form with ``facts`` (the facts YAML) and ``text`` (the
  report's text, the file its ``report.text`` names). It goes through the loader exactly as
  ``lawgraph load`` does: validation with ``file:line`` errors, the SHACL gate, and one
  all-or-nothing write (a report already there is replaced). An upload that fails changes
  nothing.
* ``DELETE /admin/reports/{id}`` — remove a report's graph.

On the embedded store the write takes the store's writer lock (as ``lawgraph load`` does; a load
running elsewhere makes it wait, then 503), and the answer comes once the server's query workers
serve the new snapshot. On a remote backend the write goes through the same remote writer as
``lawgraph load --endpoint``.
"""

from __future__ import annotations

import asyncio
import hmac
import pathlib
import re
import tempfile
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI, File, Path, Request, UploadFile
from starlette.responses import JSONResponse

from lawgraph import ids
from lawgraph.api.errors import HTTPProblem
from lawgraph.api.openapi import error_responses
from lawgraph.errors import InputError, StoreError
from lawgraph.facts import REPORT_ID
from lawgraph.loader import facts_quads
from lawgraph.settings import Settings

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
SNAPSHOT_WAIT = 30.0
"Seconds a write waits for the query workers to serve the store it wrote."


def _authorize(request: Request) -> None:
    """Check ``Authorization: Bearer <token>`` against the setting (constant time)."""
    settings: Settings = request.app.state.settings
    assert settings.admin_token is not None
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPProblem(
            401,
            "the admin routes need an Authorization: Bearer <token> header (setting admin_token)",
            {"WWW-Authenticate": 'Bearer realm="lawgraph admin"'},
        )
    expected = settings.admin_token.get_secret_value().encode()
    if not hmac.compare_digest(given.strip().encode(), expected):
        raise HTTPProblem(403, "wrong admin token")


def _writer(request: Request) -> Any:
    """A context manager for the store to write: the embedded store (taking its writer lock),
    or the remote backend's writer."""
    from contextlib import nullcontext

    from lawgraph.store import EmbeddedStore

    backend = request.app.state.backend
    if backend.kind == "remote":
        return nullcontext(backend.store)
    settings: Settings = request.app.state.settings
    return EmbeddedStore(settings.store)


async def _serve_new_snapshot(request: Request) -> str | None:
    """Make the embedded backend's workers serve the store as it is now; its generation."""
    backend = request.app.state.backend
    if backend.kind == "remote":
        return None
    from lawgraph.store import generation

    pool = backend.pool
    wanted = await asyncio.to_thread(generation, request.app.state.settings.store)
    deadline = asyncio.get_running_loop().time() + SNAPSHOT_WAIT
    while pool.generation != wanted:
        if asyncio.get_running_loop().time() > deadline:
            raise StoreError(
                "the write is committed, but the query workers do not serve it yet; "
                "they will within refresh_interval"
            )
        if not await pool.refresh():  # a refresh already running, or the store busy
            await asyncio.sleep(0.1)
    return pool.generation  # type: ignore[no-any-return]


def _load(request: Request, name: str, facts: bytes, text: bytes) -> tuple[str, int]:
    """Validate an upload and write it, all or nothing (in a thread)."""
    with tempfile.TemporaryDirectory(prefix="lawgraph-upload-") as folder:
        path = pathlib.Path(folder) / name
        path.write_bytes(facts)
        try:
            graph, quads = facts_quads(path, text=text)
        except InputError as exc:  # name the upload, not the temporary file
            raise InputError(str(exc).replace(f"{folder}/", "")) from None
        with _writer(request) as store:
            store.replace_graph(graph, quads)
    return graph, len(quads)


router = APIRouter(prefix="/admin", tags=["admin"])
_RESPONSES = error_responses((401, 403, 404))


@router.post("/reports", status_code=201, responses=_RESPONSES)
async def upload_report(
    request: Request,
    facts: Annotated[UploadFile, File(description="The facts file (YAML)")],
    text: Annotated[UploadFile, File(description="The report's text (the file report.text names)")],
) -> JSONResponse:
    """Load a report (facts YAML and its text) as ``lawgraph load`` does; a report already in
    the store is replaced. Errors name the upload's line and field; a failed upload changes
    nothing."""
    _authorize(request)
    name = _SAFE_NAME.sub("_", pathlib.Path(facts.filename or "upload.yaml").name) or "upload.yaml"
    if not name.lower().endswith((".yaml", ".yml")):
        name += ".yaml"
    graph, quads = await asyncio.to_thread(
        _load, request, name, await facts.read(), await text.read()
    )
    serving = await _serve_new_snapshot(request)
    return JSONResponse(
        {"ok": True, "graph": graph, "quads": quads, "generation": serving}, status_code=201
    )


@router.delete("/reports/{report_id}", responses=_RESPONSES)
async def delete_report(
    request: Request,
    report_id: Annotated[str, Path(pattern=REPORT_ID, description="The report's id")],
) -> JSONResponse:
    """Remove a report's graph from the store."""
    _authorize(request)
    graph = ids.report(report_id)

    def drop() -> bool:
        with _writer(request) as store:
            return bool(store.drop_graph(graph))

    if not await asyncio.to_thread(drop):
        raise HTTPProblem(404, f"no report {report_id!r} in the store")
    serving = await _serve_new_snapshot(request)
    return JSONResponse({"ok": True, "graph": graph, "removed": True, "generation": serving})


def install(app: FastAPI, settings: Settings) -> None:
    """Add the admin routes when ``admin_token`` is set; otherwise they do not exist."""
    if settings.admin_token is not None:
        app.include_router(router)
