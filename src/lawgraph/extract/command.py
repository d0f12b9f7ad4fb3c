"""``lawgraph extract``: reports in, one facts file (or interchange JSON) per report out."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from lawgraph.errors import FactsError
from lawgraph.extract import factsfile, interchange
from lawgraph.extract.merge import load_existing, merge
from lawgraph.extract.pipeline import extract as run_extract
from lawgraph.facts import decode_report, is_date, read_facts
from lawgraph.gazetteer import Division, divisions


def read_report(path: Path) -> str:
    """The report's text, or a ClickException that names the file."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise click.ClickException(f"{path}: is a directory, not a report") from None
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = decode_report(raw)
    except ValueError as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    if not text.strip():
        raise click.ClickException(f"{path}: the report is empty")
    return text


def _division(value: str | None) -> Division | None:
    if value is None:
        return None
    d = divisions().resolve(value)
    if d is None:
        found = divisions().candidates(value)
        if found:
            options = ", ".join(f"{c.full_name} ({c.code})" for c in found[:5])
            raise click.ClickException(f"--place {value!r} is ambiguous: write one of {options}")
        raise click.ClickException(
            f"--place {value!r} is not an administrative division "
            "(write its name, full name or 6-digit code, e.g. 抚顺市 or 210400)"
        )
    return d


@click.command("extract")
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--place", help="The reporting jurisdiction, when the text does not name it (抚顺市)."
)
@click.option("--date", "date", help="Publication date YYYY[-MM[-DD]], when the text has none.")
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for the files written (one per report).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["facts", "mentions-json"]),
    default="facts",
    show_default=True,
    help="A facts file (YAML) or the interchange JSON of docs/extraction.md.",
)
@click.option(
    "--merge",
    "merge_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A facts file a person corrected: keep its records, add what it lacks, write it back.",
)
def extract(
    reports: tuple[Path, ...],
    place: str | None,
    date: str | None,
    out_dir: Path,
    fmt: str,
    merge_path: Path | None,
) -> None:
    """Find laws, officials, agencies, events, campaigns and counts in REPORT.txt files."""
    option_place = _division(place)
    if date is not None and not is_date(date):
        raise click.ClickException(
            f"--date {date!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        )
    if merge_path is not None:
        if fmt != "facts":
            raise click.UsageError("--merge works with --format facts only")
        if len(reports) != 1:
            raise click.UsageError("--merge takes exactly one report")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise click.ClickException(
            f"{out_dir}: cannot create the output folder: {exc.strerror}"
        ) from None
    texts = [(path, read_report(path)) for path in reports]
    for path, text in texts:
        rid = factsfile.report_id(path)
        try:
            x = run_extract(text, doc_id=path.stem, place=option_place)
        except Exception as exc:  # a defect of the rules: name the report, never a traceback
            raise click.ClickException(
                f"{path}: the extractor failed on this report ({type(exc).__name__}: {exc}); "
                "nothing was written for it. Please report it with the text."
            ) from None
        if fmt == "mentions-json":
            target = out_dir / f"{rid}.json"
            _write(target, interchange.dumps(x))
            click.echo(f"{target}: {len(x.entities)} entities, {len(x.relations)} relations")
            continue
        report_place = x.place or option_place
        if report_place is None:
            raise click.ClickException(
                f"{path}: cannot tell the report's place from the text: pass --place"
            )
        published = x.published or date or (str(x.doc_year) if x.doc_year else None)
        if published is None:
            raise click.ClickException(
                f"{path}: cannot tell when the report was published: pass --date"
            )
        target = (
            merge_path
            if merge_path is not None and out_dir == Path(".")
            else out_dir / (merge_path.name if merge_path is not None else f"{rid}.yaml")
        )
        data = factsfile.build(x, path, target, report_place, published)
        if merge_path is not None and merge_path.exists():
            try:
                data = merge(load_existing(merge_path), data)
            except FactsError as exc:
                raise click.ClickException(str(exc)) from None
        body = factsfile.dump(data)
        problems = _problems(target, body)
        if problems and merge_path is None:
            raise click.ClickException(f"{target}: the facts written would not load:\n{problems}")
        _write(target, body)
        click.echo(f"{target}: {_summary(data)}")
        if problems:
            raise click.ClickException(
                f"{target}: written, but the merged file does not load yet "
                f"(fix the records the text change broke):\n{problems}"
            )


def _summary(data: dict[str, object]) -> str:
    parts = []
    for section in ("laws", "officials", "agencies", "events", "campaigns", "measures"):
        value = data.get(section)
        if isinstance(value, list):
            parts.append(f"{len(value)} {section}")
    return ", ".join(parts) or "no records"


def _problems(target: Path, body: str) -> str:
    """What the loader would refuse in ``body`` written at ``target`` ("" when it loads)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".yaml", dir=target.parent, delete=False
    ) as f:
        f.write(body)
        tmp = Path(f.name)
    try:
        read_facts(tmp)
    except FactsError as exc:
        return str(exc).replace(str(tmp), str(target))
    finally:
        tmp.unlink(missing_ok=True)
    return ""


def _write(target: Path, body: str) -> None:
    try:
        target.write_text(body, encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"{target}: cannot write: {exc.strerror}") from None
