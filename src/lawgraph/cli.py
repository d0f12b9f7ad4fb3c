"""The ``lawgraph`` command.

Exit codes: 0 ok, 1 bad input (a file, a query), 2 usage (click's own).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
import pyoxigraph as ox

from lawgraph import __version__
from lawgraph.clitools import STORE_OPTION, BadInput, errors, existing_store, table
from lawgraph.errors import FactsError, LawgraphError, QueryError
from lawgraph.facts import read_facts
from lawgraph.loader import (
    DEFAULT_BATCH,
    FACTS_SUFFIXES,
    Failed,
    Loaded,
    add_missing_search_keys,
    expand,
    facts_quads,
    load_each,
)
from lawgraph.rdf import source_graph
from lawgraph.sparql import check_graph_iri
from lawgraph.store import EmbeddedStore, parse_rdf, rdf_format
from lawgraph.vocab import PREFIXES

if TYPE_CHECKING:
    from lawgraph.remote import RemoteStore


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lawgraph")
def main() -> None:
    """lawgraph: a knowledge graph of Chinese local governance and law, from reports."""


def _graph_iri(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """``--graph``: an absolute IRI, or a usage error (exit code 2)."""
    if value is not None:
        try:
            check_graph_iri(value, "--graph")
        except QueryError:
            raise click.BadParameter(f"{value!r} is not an absolute IRI") from None
    return value


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option(
    "--endpoint",
    help="Write into this remote SPARQL endpoint instead (its update / Graph Store URLs and "
    "credentials from LAWGRAPH_UPDATE_ENDPOINT, LAWGRAPH_GSP_ENDPOINT, LAWGRAPH_REMOTE_USER, "
    "LAWGRAPH_REMOTE_PASSWORD; see docs/settings.md).",
)
@click.option(
    "--graph",
    callback=_graph_iri,
    help="Named graph (an absolute IRI) for the triples of RDF files (default: one per file).",
)
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL check of facts files (faster).")
@click.option("--keep-going", is_flag=True, help="Go on past a bad file; exit 1 at the end.")
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH,
    show_default=True,
    help="Most facts files per batch, written together, all or nothing (a batch of a quarter "
    "of that or more is written sooner when the next files are not ready yet).",
)
def load(
    paths: tuple[Path, ...],
    store_path: Path,
    endpoint: str | None,
    graph: str | None,
    no_shacl: bool,
    keep_going: bool,
    batch: int,
) -> None:
    """Load facts files (.yaml) and RDF files (.ttl .nt .nq .trig .rdf .jsonld) into the store.

    Folders are searched for such files. Each file is loaded all or nothing: a file that fails
    leaves the store as it was. Reloading a report replaces its graph. Facts files go in
    batches of up to --batch reports: a bad report is refused alone, and a batch's good reports
    are written together, all or nothing. With eight facts files or more, worker processes (one
    per core) read and check the next files while a batch is written.
    """
    with errors():
        files = expand(paths)
        if not files:
            raise BadInput("no facts or RDF files found in " + ", ".join(map(str, paths)))
        failures: list[str] = []
        done: list[Loaded] = []
        with _writable(store_path, endpoint) as store:
            if add_missing_search_keys(store):
                click.echo("added the search keys the store's labels lacked", err=True)
            outcomes = load_each(
                store, files, shacl=not no_shacl, graph=graph, batch=batch, keep_going=keep_going
            )
            for i, outcome in enumerate(outcomes, 1):
                if isinstance(outcome, Failed):
                    if not keep_going:
                        raise outcome.error
                    failures.append(str(outcome.error))
                    click.echo(f"[{i}/{len(files)}] {outcome.path}: FAILED", err=True)
                    continue
                done.append(outcome)
                click.echo(
                    f"[{i}/{len(files)}] {outcome.path}: {outcome.quads} quads in "
                    f"{len(outcome.graphs)} graph{'s' if len(outcome.graphs) != 1 else ''}",
                    err=True,
                )
            total = len(store)
        click.echo(f"loaded {len(done)} file(s); the store holds {total} quads", err=True)
        if failures:
            raise BadInput(f"{len(failures)} file(s) failed:\n" + "\n".join(failures))


def _writable(store_path: Path, endpoint: str | None) -> EmbeddedStore | RemoteStore:
    """The store ``load`` writes to: the embedded one, or a remote endpoint."""
    if endpoint is None:
        return EmbeddedStore(store_path)
    from lawgraph.remote import RemoteStore
    from lawgraph.settings import Settings

    return RemoteStore.from_settings(Settings(endpoint=endpoint))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-shacl", is_flag=True, help="Check the file only, not its graph's SHACL shapes.")
def validate(paths: tuple[Path, ...], no_shacl: bool) -> None:
    """Check facts files (and the syntax of RDF files) without loading anything."""
    with errors():
        problems: list[str] = []
        for path in expand(paths):
            try:
                if path.suffix.lower() in FACTS_SUFFIXES:
                    if no_shacl:
                        read_facts(path)
                    else:
                        facts_quads(path)
                else:  # parsed as load parses it (base IRI, graphs), into a graph of no matter
                    for _ in parse_rdf(
                        path, rdf_format(path), ox.NamedNode(source_graph(path.name))
                    ):
                        pass
                click.echo(f"{path}: ok")
            except FactsError as exc:
                problems.extend(str(p) for p in exc.problems)
            except LawgraphError as exc:
                problems.append(str(exc))
            except SyntaxError as exc:
                problems.append(f"{path}: {exc}")
        if problems:
            raise BadInput("\n".join(problems))


@main.command()
@click.argument("query")
@STORE_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "turtle"]),
    default="table",
    show_default=True,
)
def sparql(query: str, store_path: Path, fmt: str) -> None:
    """Run a SPARQL query (text, or a .rq file) on the store; the default graph is the union of
    all graphs, and the usual prefixes (lg:, rdfs:, skos: …) are predeclared."""
    path = Path(query)
    if query.endswith((".rq", ".sparql")) and path.is_file():
        try:
            query = path.read_text(encoding="utf-8-sig")  # a byte order mark, as editors save
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput(f"{path}: cannot read: {exc}") from None
    with errors(), existing_store(store_path) as store:
        try:
            text = _render(store.query(query, prefixes=PREFIXES), fmt)
        except SyntaxError as exc:
            raise BadInput(f"bad query: {exc}") from None
        except OSError as exc:  # raised as the rows are read: a SERVICE that cannot be reached
            raise BadInput(f"the query failed: {exc}") from None
    click.echo(text, nl=False)


def _render(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> str:
    if isinstance(result, ox.QueryBoolean):
        return ("true" if bool(result) else "false") + "\n"
    if isinstance(result, ox.QueryTriples):
        rdf = ox.RdfFormat.N_TRIPLES if fmt == "csv" else ox.RdfFormat.TURTLE
        if fmt == "json":
            rdf = ox.RdfFormat.JSON_LD
        return result.serialize(format=rdf).decode("utf-8")
    if fmt == "json":
        return result.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    names = [v.value for v in result.variables]
    rows = [["" if s[n] is None else _cell(s[n]) for n in names] for s in result]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return out.getvalue()
    return table(names, rows)


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


_STATS = """
SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE {
  ?s a ?type . FILTER(STRSTARTS(STR(?type), STR(lg:)))
} GROUP BY ?type ORDER BY ?type
"""


@main.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def stats(store_path: Path, as_json: bool) -> None:
    """Triples, reports and entities by type in the store."""
    with errors(), existing_store(store_path) as store:
        by_type = {
            s["type"].value.rsplit("#", 1)[-1]: int(s["n"].value)
            for s in store.query(_STATS, prefixes=PREFIXES)  # type: ignore[union-attr]
        }
        numbers = {"quads": len(store), "graphs": len(store.graphs()), "entities": by_type}
    if as_json:
        click.echo(json.dumps(numbers, ensure_ascii=False, indent=2))
        return
    click.echo(f"quads    {numbers['quads']}")
    click.echo(f"graphs   {numbers['graphs']}")
    click.echo(f"reports  {by_type.get('Report', 0)}")
    for name, n in by_type.items():
        click.echo(f"  {name:<14}{n}")


def _register() -> None:
    """The commands that live beside their subsystems."""
    from lawgraph.api.command import serve
    from lawgraph.catalog_command import query
    from lawgraph.export.command import export
    from lawgraph.extract.command import extract

    for command in (serve, query, export, extract):
        main.add_command(command)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
