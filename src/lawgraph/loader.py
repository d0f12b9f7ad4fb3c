"""Loading: facts files and RDF files into a store, each all or nothing.

A facts file is read and validated (:func:`lawgraph.facts.read_facts`), turned into quads
(:func:`lawgraph.rdf.report_quads`), checked against the SHACL shapes, and only then written: its
report's graph replaced in one transaction. An RDF file is parsed whole before anything is written.
A file that fails leaves the store as it was; the files before it stay loaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from lawgraph.errors import InputError
from lawgraph.facts import read_facts
from lawgraph.rdf import report_graph, report_quads, source_graph
from lawgraph.shapes import default_shapes
from lawgraph.store import RDF_FORMATS

FACTS_SUFFIXES = (".yaml", ".yml")


class WritableStore(Protocol):
    """What loading needs of a store: the embedded one or a remote endpoint."""

    def replace_graph(self, graph: str, quads: Sequence[ox.Quad]) -> None: ...

    def load_rdf(self, path: Path, graph: str) -> tuple[list[str], int]: ...


@dataclass(frozen=True)
class Loaded:
    """What one file put in the store."""

    path: Path
    graphs: list[str]
    quads: int


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
            listed = "\n".join(f"{path}: shacl: {p}" for p in problems[:20])
            raise InputError(f"{path}: the report graph fails the SHACL shapes:\n{listed}")
    return report_graph(facts), quads


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
    """Load one facts or RDF file, all or nothing."""
    if path.suffix.lower() in FACTS_SUFFIXES:
        iri, quads = facts_quads(path, shacl=shacl)
        store.replace_graph(iri, quads)
        return Loaded(path, [iri], len(quads))
    graphs, count = store.load_rdf(path, graph or source_graph(path.name))
    return Loaded(path, graphs, count)


def load_paths(
    store: WritableStore,
    paths: Iterable[str | Path],
    *,
    shacl: bool = True,
    progress: Callable[[int, int, Loaded], None] | None = None,
) -> list[Loaded]:
    """Load every file under ``paths``, one all-or-nothing write per file.

    Stops at the first file that fails (raising its error); the files before it stay loaded.
    """
    files = expand(paths)
    done: list[Loaded] = []
    for i, path in enumerate(files, 1):
        loaded = load_file(store, path, shacl=shacl)
        done.append(loaded)
        if progress is not None:
            progress(i, len(files), loaded)
    return done
