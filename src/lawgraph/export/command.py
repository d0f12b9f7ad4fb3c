"""``lawgraph export``: a scope of the store as a network, RDF or a picture.

:mod:`lawgraph.cli` registers :data:`export` as a subcommand.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import click

from lawgraph.clitools import STORE_OPTION, BadInput, errors, existing_store

_FORMAT_HELP = (
    "graphml, gexf, cytoscape, node-link, csv (a .zip of nodes.csv and edges.csv), csv-nodes, "
    "csv-edges, dot, turtle, trig, nquads, jsonld, png, svg. Default: from the -o extension."
)


@click.command()
@click.option(
    "--scope",
    "-s",
    default="all",
    show_default=True,
    help="all | report:ID_OR_IRI | construct:QUERY_OR_FILE.rq | query:NAME[?param=value&…]",
)
@click.option("--format", "-f", "fmt", metavar="FORMAT", help=_FORMAT_HELP)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path, allow_dash=True),
    help="File to write (default: standard output).",
)
@click.option(
    "--nary",
    type=click.Choice(["collapse", "keep"]),
    default="collapse",
    show_default=True,
    help="Collapse tenures, participations, promotions into labelled edges (and measures into "
    "attributes), or keep them as nodes.",
)
@click.option(
    "--lang",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="Language of the label attributes and of the drawing's legend.",
)
@STORE_OPTION
def export(
    scope: str, fmt: str | None, output: Path | None, nary: str, lang: str, store_path: Path
) -> None:
    """Export the graph, one report, or the answer of a query.

    \b
    Examples:
      lawgraph export -o graph.gexf
      lawgraph export --scope report:fushun-2020-rule-of-law -o fushun.graphml
      lawgraph export --scope query:laws-by-campaign -o campaign-laws.png
      lawgraph export --scope construct:my-network.rq -f csv -o network.zip
      lawgraph export --scope all --format trig -o dump.trig
    """
    from lawgraph.export.formats import format_for_path, get_format
    from lawgraph.export.service import export as run_export

    to_stdout = output is None or str(output) == "-"
    with errors():
        if fmt is None:
            if to_stdout:
                raise BadInput("give --format, or an -o file whose extension names the format")
            form = format_for_path(output)  # type: ignore[arg-type]
        else:
            form = get_format(fmt)
        if to_stdout and form.name in ("png", "csv") and sys.stdout.isatty():
            raise BadInput(
                f"{form.name} is binary: write it to a file with -o FILE{form.extension}"
            )
        with existing_store(store_path) as store:
            result = run_export(
                store,
                scope,
                form.name,
                nary=nary,  # type: ignore[arg-type]
                lang=lang,  # type: ignore[arg-type]
                allow_files=True,
            )
            if to_stdout:
                written = _to_stream(result.chunks, sys.stdout.buffer)
                where = "standard output"
            else:
                assert output is not None
                written = _to_file(result.chunks, output)
                where = str(output)
    shape = f"{result.nodes} nodes, {result.edges} edges; " if result.nodes is not None else ""
    click.echo(f"wrote {where} ({form.name}, {shape}{written:,} bytes)", err=True)


def _to_stream(chunks: Iterable[bytes], stream: BinaryIO) -> int:
    written = 0
    for chunk in chunks:
        stream.write(chunk)
        written += len(chunk)
    stream.flush()
    return written


def _to_file(chunks: Iterable[bytes], path: Path) -> int:
    """Write to a temporary file beside ``path`` and rename it: no half-written file is left."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise BadInput(f"{path}: no such folder {folder}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise BadInput(f"{path}: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            written = _to_stream(chunks, f)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # as open() would have made it, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):  # a full disk, a folder in the way
            raise BadInput(f"{path}: cannot write: {exc.strerror}") from None
        raise
    return written
