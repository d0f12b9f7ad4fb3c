"""``lawgraph query``: list the canned queries, or run one page of one.

::

    lawgraph query                                        # the questions and their parameters
    lawgraph query search --text daixiaomei               # a table
    lawgraph query official-posts --official IRI --format json
    lawgraph query law-mentions --limit 20 --offset 20 --format csv

Parameters are the query's own, written ``--name value`` or ``--name=value``; an unknown or
ill-typed one is an error naming it (exit code 1).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from lawgraph.catalog import CannedQuery, Catalog, Page, load_catalog, run
from lawgraph.clitools import STORE_OPTION, BadInput, errors, existing_store
from lawgraph.clitools import table as _table
from lawgraph.errors import InputError

_CELL = 80


def _raw_params(args: list[str]) -> dict[str, str]:
    """``--name value`` / ``--name=value`` pairs from the arguments click did not know."""
    params: dict[str, str] = {}
    items = iter(args)
    for item in items:
        if not item.startswith("--") or item == "--":
            raise InputError(f"unexpected argument {item!r}: write parameters as --name value")
        name, sep, value = item[2:].partition("=")
        if not sep:
            try:
                value = next(items)
            except StopIteration:
                raise InputError(f"{name}: no value given (write --{name} VALUE)") from None
        if name in params:
            raise InputError(f"{name}: given twice")
        params[name] = value
    return params


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _CELL else text[: _CELL - 1] + "…"


def _listing(catalog: Catalog) -> str:
    lines: list[str] = []
    for q in catalog:
        lines.append(f"{q.name}")
        lines.append(f"    {q.summary['en']}")
        lines.append(f"    {q.summary['zh']}")
        for p in q.params:
            kind = p.type
            if p.classes:
                kind += " of " + " | ".join(d for d in p.describe()["class"])
            if p.choices:
                kind += ": " + " | ".join(p.choices)
            flags = "required" if p.required else "optional"
            if p.default is not None:
                flags += f", default {p.default}"
            lines.append(f"    --{p.name} ({kind}; {flags}): {p.summary['en']}")
        lines.append("")
    lines.append(f"{len(catalog)} queries; run one with: lawgraph query NAME --param value …")
    return "\n".join(lines) + "\n"


def _usage(q: CannedQuery) -> str:
    params = " ".join(
        f"--{p.name} {p.type.upper()}" if p.required else f"[--{p.name} {p.type.upper()}]"
        for p in q.params
    )
    return f"lawgraph query {q.name} {params}".rstrip()


def _render(page: Page, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(page.as_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        return page.to_csv()
    rows = [[_clip(cell) for cell in row] for row in page.text_rows()]
    table = _table(list(page.columns), rows).rsplit("(", 1)[0]
    if page.rows:
        shown = f"rows {page.offset + 1}–{page.offset + len(page.rows)} of {page.total}"
    else:
        shown = f"no rows (of {page.total})"
    if page.next_offset is not None:
        shown += f"; next page: --offset {page.next_offset}"
    return f"{table}({shown})\n"


@click.command(
    "query",
    context_settings={
        "ignore_unknown_options": True,
        "allow_extra_args": True,
        "help_option_names": ["-h", "--help"],
    },
)
@click.argument("name", required=False)
@click.option("--limit", metavar="N", help="Rows in the page (default 100).")
@click.option("--offset", metavar="M", help="Rows to skip (default 0).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@STORE_OPTION
@click.option(
    "--queries",
    "queries_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of .rq files (default: the project's queries/).",
)
@click.pass_context
def query(
    ctx: click.Context,
    name: str | None,
    limit: str | None,
    offset: str | None,
    fmt: str,
    store_path: Path,
    queries_dir: Path | None,
) -> None:
    """List the canned queries, or run NAME with its parameters (--param value …).

    The answer is one page (--limit, --offset) with the total number of rows.
    """
    from lawgraph.loader import lacks_search_keys

    with errors():
        catalog = load_catalog(queries_dir)
        if name is None:
            if ctx.args:
                raise BadInput("parameters need a query NAME first")
            if fmt == "json":
                text = json.dumps(catalog.describe(), ensure_ascii=False, indent=2) + "\n"
            else:
                text = _listing(catalog)
            click.echo(text, nl=False)
            return
        canned = catalog.get(name)
        params = _raw_params(ctx.args)
        try:
            canned.bind(params)
        except InputError as exc:
            raise BadInput(f"{exc}\nusage: {_usage(canned)}") from None
        with existing_store(store_path) as store:
            if "lg:searchKey" in canned.text and lacks_search_keys(store):
                raise BadInput(
                    f"the store at {store_path} was written by an older lawgraph: its labels "
                    "lack the search keys this query uses; `lawgraph load` (any file) adds them"
                )
            page = run(store, canned, params, limit=limit, offset=offset)
        click.echo(_render(page, fmt), nl=False)
