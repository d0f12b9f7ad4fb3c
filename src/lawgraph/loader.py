"""Loading: facts files and RDF files into a store, each all or nothing.

A facts file is read and validated (:func:`lawgraph.facts.read_facts`), turned into quads
(:func:`lawgraph.rdf.report_quads`), checked against the SHACL shapes, and only then written: its
report's graph replaced. An RDF file is parsed whole before anything is written. A file that fails
leaves the store as it was; the files before it stay loaded.

Facts files are loaded in batches (:func:`load_each`): up to ``batch`` reports are read, their
graphs checked against the shapes together (one run of the compiled queries, each graph judged on
its own), and the good ones written together, all or nothing
(:meth:`lawgraph.store.EmbeddedStore.replace_batch`). A report is still all or nothing — a bad
one is refused alone, with its own message — and a load killed at any moment leaves each report
wholly as before, wholly new, or absent if it was new.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from lawgraph.errors import InputError, LawgraphError
from lawgraph.facts import read_facts
from lawgraph.rdf import report_graph, report_quads, source_graph
from lawgraph.shapes import default_shapes
from lawgraph.store import RDF_FORMATS

FACTS_SUFFIXES = (".yaml", ".yml")
DEFAULT_BATCH = 64


class WritableStore(Protocol):
    """What loading needs of a store: the embedded one or a remote endpoint."""

    def replace_graph(self, graph: str, quads: Sequence[ox.Quad]) -> None: ...

    def replace_batch(self, batch: Sequence[tuple[str, Sequence[ox.Quad]]]) -> None: ...

    def load_rdf(self, path: Path, graph: str) -> tuple[list[str], int]: ...


@dataclass(frozen=True)
class Loaded:
    """What one file put in the store."""

    path: Path
    graphs: list[str]
    quads: int


@dataclass(frozen=True)
class Failed:
    """A file that was refused (nothing of it written), and why."""

    path: Path
    error: LawgraphError


@dataclass(frozen=True)
class _Report:
    path: Path
    graph: str
    quads: list[ox.Quad]


def shacl_problems(quads: Iterable[ox.Quad]) -> list[str]:
    """The SHACL violations of a report's quads (empty when it conforms)."""
    return default_shapes().problems(quads)


def facts_quads(
    path: Path, *, shacl: bool = True, text: bytes | None = None
) -> tuple[str, list[ox.Quad]]:
    """Validate a facts file and build its report graph, writing nothing.

    :param text: the report's text, if it does not come from the file ``report.text`` names.
    :raises FactsError: the file fails validation.
    :raises InputError: the graph built from it fails the SHACL shapes.
    """
    facts = read_facts(path, text=text)
    quads = report_quads(facts)
    if shacl:
        problems = shacl_problems(quads)
        if problems:
            raise _shacl_error(path, problems)
    return report_graph(facts), quads


def _shacl_error(path: Path, problems: Sequence[object]) -> InputError:
    listed = "\n".join(f"{path}: shacl: {p}" for p in problems[:20])
    return InputError(f"{path}: the report graph fails the SHACL shapes:\n{listed}")


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files to load: each file as given, each folder's facts and RDF files in name order."""
    known = (*FACTS_SUFFIXES, *RDF_FORMATS)
    out: list[Path] = []
    for item in paths:
        p = Path(item)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in known))
        elif p.is_file():
            out.append(p)
        else:
            raise InputError(f"{p}: no such file or folder")
    return out


def load_file(
    store: WritableStore, path: Path, *, shacl: bool = True, graph: str | None = None
) -> Loaded:
    """Load one facts or RDF file, all or nothing.

    :raises LawgraphError: the file was refused (nothing of it written).
    """
    (outcome,) = load_each(store, [path], shacl=shacl, graph=graph, batch=1)
    if isinstance(outcome, Failed):
        raise outcome.error
    return outcome


def load_each(
    store: WritableStore,
    files: Iterable[Path],
    *,
    shacl: bool = True,
    graph: str | None = None,
    batch: int = DEFAULT_BATCH,
    keep_going: bool = False,
) -> Iterator[Loaded | Failed]:
    """Load ``files`` in order, yielding what became of each file, in order, once it is written
    or refused.

    Facts files go in batches of up to ``batch`` reports, each batch checked against the SHACL
    shapes at once and its good reports written together (``replace_batch``); RDF files one by
    one (into ``graph``, or one graph per file). Without ``keep_going`` nothing after the first refused file is
    written; with it, every good file is.
    """
    pending: list[_Report] = []

    def flush() -> Iterator[Loaded | Failed]:
        reports = list(pending)
        pending.clear()
        if not reports:
            return
        bad: dict[str, list[str]] = {}
        if shacl:
            found = default_shapes().violations_by_graph(q for r in reports for q in r.quads)
            bad = {g: [str(v) for v in violations] for g, violations in found.items()}
        if not keep_going:
            first = next((i for i, r in enumerate(reports) if r.graph in bad), len(reports))
            reports = reports[: first + 1]
        good = [r for r in reports if r.graph not in bad]
        if good:
            store.replace_batch([(r.graph, r.quads) for r in good])
        for r in reports:
            if r.graph in bad:
                yield Failed(r.path, _shacl_error(r.path, bad[r.graph]))
            else:
                yield Loaded(r.path, [r.graph], len(r.quads))

    def stops(outcomes: list[Loaded | Failed]) -> bool:
        return not keep_going and any(isinstance(o, Failed) for o in outcomes)

    for path in files:
        outcomes: list[Loaded | Failed] = []
        if path.suffix.lower() in FACTS_SUFFIXES:
            try:
                facts = read_facts(path)
                report = _Report(path, report_graph(facts), report_quads(facts))
            except LawgraphError as exc:
                outcomes = [*flush(), Failed(path, exc)]
            else:
                if any(r.graph == report.graph for r in pending):
                    outcomes = list(flush())  # the same report twice: the later one wins
                if not stops(outcomes):
                    pending.append(report)
                    if len(pending) >= batch:
                        outcomes.extend(flush())
        else:
            outcomes = list(flush())
            if not stops(outcomes):
                try:
                    graphs, count = store.load_rdf(path, graph or source_graph(path.name))
                    outcomes.append(Loaded(path, graphs, count))
                except LawgraphError as exc:
                    outcomes.append(Failed(path, exc))
        for outcome in outcomes:
            yield outcome
            if isinstance(outcome, Failed) and not keep_going:
                return
    yield from flush()


def load_paths(
    store: WritableStore,
    paths: Iterable[str | Path],
    *,
    shacl: bool = True,
    progress: Callable[[int, int, Loaded], None] | None = None,
    batch: int = DEFAULT_BATCH,
) -> list[Loaded]:
    """Load every file under ``paths`` (see :func:`load_each`), each all or nothing.

    Stops at the first file that fails (raising its error); the files before it stay loaded.
    """
    files = expand(paths)
    done: list[Loaded] = []
    for outcome in load_each(store, files, shacl=shacl, batch=batch):
        if isinstance(outcome, Failed):
            raise outcome.error
        done.append(outcome)
        if progress is not None:
            progress(len(done), len(files), outcome)
    return done
