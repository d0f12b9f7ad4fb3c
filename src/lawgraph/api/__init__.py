"""lawgraph's HTTP API: ``create_app(settings)`` and the ``serve`` command."""

from lawgraph.api.app import create_app

__all__ = ["create_app"]
