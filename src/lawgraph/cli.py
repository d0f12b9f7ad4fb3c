"""The ``lawgraph`` command.

Exit codes: 0 ok, 1 bad input (a file, a query), 2 usage (click's own).
"""

from __future__ import annotations

import csv
import io
import json
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
import pyoxigraph as ox

from lawgraph import __version__
from lawgraph.errors import FactsError, LawgraphError
from lawgraph.facts import read_facts
from lawgraph.loader import FACTS_SUFFIXES, Loaded, expand, facts_quads, load_file
from lawgraph.store import EmbeddedStore, rdf_format
from lawgraph.vocab import PREFIXES

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
def _errors() -> Iterator[None]:
    """Turn lawgraph's errors into one-line messages and exit code 1, never a traceback."""
    try:
        yield
    except LawgraphError as exc:
        raise BadInput(str(exc)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lawgraph")
def main() -> None:
    """lawgraph: a knowledge graph of Chinese local governance and law, from reports."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option("--graph", help="Named graph for the triples of RDF files (default: one per file).")
@click.option("--no-shacl", is_flag=True, help="Skip the SHACL check of facts files (faster).")
@click.option("--keep-going", is_flag=True, help="Go on past a bad file; exit 1 at the end.")
def load(
    paths: tuple[Path, ...], store_path: Path, graph: str | None, no_shacl: bool, keep_going: bool
) -> None:
    """Load facts files (.yaml) and RDF files (.ttl .nt .nq .trig .rdf .jsonld) into the store.

    Folders are searched for such files. Each file is loaded all or nothing: a file that fails
    leaves the store as it was. Reloading a report replaces its graph.
    """
    with _errors():
        files = expand(paths)
        if not files:
            raise BadInput("no facts or RDF files found in " + ", ".join(map(str, paths)))
        failures: list[str] = []
        done: list[Loaded] = []
        with EmbeddedStore(store_path) as store:
            for i, path in enumerate(files, 1):
                try:
                    loaded = load_file(store, path, shacl=not no_shacl, graph=graph)
                except LawgraphError as exc:
                    if not keep_going:
                        raise
                    failures.append(str(exc))
                    click.echo(f"[{i}/{len(files)}] {path}: FAILED", err=True)
                    continue
                done.append(loaded)
                click.echo(
                    f"[{i}/{len(files)}] {path}: {loaded.quads} quads in "
                    f"{len(loaded.graphs)} graph{'s' if len(loaded.graphs) != 1 else ''}",
                    err=True,
                )
            total = len(store)
        click.echo(f"loaded {len(done)} file(s); the store holds {total} quads", err=True)
        if failures:
            raise BadInput(f"{len(failures)} file(s) failed:\n" + "\n".join(failures))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--no-shacl", is_flag=True, help="Check the file only, not its graph's SHACL shapes.")
def validate(paths: tuple[Path, ...], no_shacl: bool) -> None:
    """Check facts files (and the syntax of RDF files) without loading anything."""
    with _errors():
        problems: list[str] = []
        for path in expand(paths):
            try:
                if path.suffix.lower() in FACTS_SUFFIXES:
                    if no_shacl:
                        read_facts(path)
                    else:
                        facts_quads(path)
                else:
                    for _ in ox.parse(path=str(path), format=rdf_format(path)):
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
        query = path.read_text(encoding="utf-8")
    with _errors(), EmbeddedStore(store_path) as store:
        try:
            result = store.query(query, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise BadInput(f"bad query: {exc}") from None
        click.echo(_render(result, fmt), nl=False)


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
    return _table(names, rows)


def _cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> str:
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        return term.value
    return str(term)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(names: list[str], rows: list[list[str]]) -> str:
    widths = [max([_width(n), *(_width(r[i]) for r in rows)]) for i, n in enumerate(names)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    out = [line(names), line(["-" * w for w in widths]), *(line(r) for r in rows)]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


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
    with _errors(), EmbeddedStore(store_path) as store:
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
