"""lawgraph's web pages, served by the API app: the SPARQL editor, a page per canned question,
per entity (every lawgraph IRI dereferences) and per report. Everything they load — scripts,
styles, the vendored YASGUI and Cytoscape.js — is served from ``static/``; no request leaves
the host.

``install(app)`` adds them (and ``/queries``, which the pages use) to an app made by
:func:`lawgraph.api.create_app`.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.staticfiles import StaticFiles

from lawgraph.api import queries
from lawgraph.web.pages import router
from lawgraph.web.render import STATIC

__all__ = ["install", "router"]


def install(app: FastAPI) -> None:
    """Add the web pages, their static files (``/static``) and ``/queries`` to ``app``.
    Idempotent."""
    if getattr(app.state, "web_installed", False):
        return
    app.state.web_installed = True
    queries.install(app)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC, follow_symlink=False), name="static")
