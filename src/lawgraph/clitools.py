"""What the ``lawgraph`` subcommands share: the store option, bad-input errors (exit code 1)
and plain-text tables that line up Chinese text."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lawgraph.errors import LawgraphError

if TYPE_CHECKING:
    from lawgraph.store import EmbeddedStore

STORE_OPTION = click.option(
    "--store",
    "store_path",
    type=click.Path(file_okay=False, path_type=Path),
    default="var/store",
    show_default=True,
    envvar="LAWGRAPH_STORE",
    help="Folder of the embedded store (env LAWGRAPH_STORE).",
)


class BadInput(click.ClickException):
    """A click error for bad input: exit code 1."""

    exit_code = 1


@contextmanager
def errors() -> Iterator[None]:
    """Turn lawgraph's errors into one-line messages and exit code 1, never a traceback."""
    try:
        yield
    except LawgraphError as exc:
        raise BadInput(str(exc)) from None


@contextmanager
def existing_store(path: Path) -> Iterator[EmbeddedStore]:
    """The store at ``path`` opened for reading; a command that only reads never makes one."""
    from lawgraph.store import EmbeddedStore

    if not (path / "oxigraph").is_dir():
        raise BadInput(f"no store at {path}: load reports first (lawgraph load …)")
    with EmbeddedStore(path, read_only=True) as store:
        yield store


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([width(n), *(width(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
