"""Loading: facts files and RDF files into a store, each all or nothing.

A facts file is read and validated (:func:`lawgraph.facts.read_facts`), turned into triples
(:func:`lawgraph.rdf.build_report`), checked against the SHACL shapes, and only then written: its
report's graph replaced. An RDF file is parsed whole before anything is written. A file that fails
leaves the store as it was; the files before it stay loaded.

Facts files are loaded in batches (:func:`load_each`): up to ``batch`` reports are read and
checked (each graph on its own), and the good ones written together, all or nothing
(:meth:`lawgraph.store.EmbeddedStore.replace_batch`); a quarter batch or more is written sooner
when the next reports are not ready yet. A report is still all or nothing — a bad
one is refused alone, with its own message — and a load killed at any moment leaves each report
wholly as before, wholly new, or absent if it was new.

With more than a few facts files, forked worker processes (one per core) read, build and check
the files ahead, in order, while this process writes: each report comes back as an N-Quads file
in a spool folder (pyoxigraph's own serialization of its terms) or as the error that refuses
it. The workers write nothing to the store, and die with the loading process.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import shutil
import signal
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from multiprocessing.pool import AsyncResult
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox

from lawgraph.errors import InputError, LawgraphError, StoreError
from lawgraph.facts import read_facts
from lawgraph.processes import die_with_parent, usable_cores
from lawgraph.rdf import HAS_REPORTS, HAS_SEARCH_KEYS, build_report, source_graph
from lawgraph.shapes import default_shapes
from lawgraph.store import RDF_FORMATS

FACTS_SUFFIXES = (".yaml", ".yml")
DEFAULT_BATCH = 64


class WritableStore(Protocol):
    """What loading needs of a store: the embedded one or a remote endpoint."""

    def replace_graph(self, graph: str, quads: Sequence[ox.Quad]) -> None: ...

    def replace_batch(self, batch: Sequence[tuple[str, bytes]]) -> None: ...

    def load_rdf(self, path: Path, graph: str) -> tuple[list[str], int]: ...

    def add_search_keys(self, graphs: Sequence[str] | None = None) -> None: ...

    def query(self, sparql: str) -> object: ...


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
    """A facts file read, built and checked, ready to write: its graph as N-Quads text."""

    path: Path
    graph: str
    nquads: bytes
    quads: int
    problems: list[str]  # its SHACL violations: empty when it conforms (or was not checked)


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
    report = build_report(read_facts(path, text=text))
    if shacl:
        problems = [str(v) for v in default_shapes().violations_of(report.triples)]
        if problems:
            raise _shacl_error(path, problems)
    return report.iri, report.quads()


def _prepare(path: Path, shacl: bool) -> _Report | LawgraphError:
    """Read, validate, build and check one facts file (in a worker process, or here)."""
    try:
        report = build_report(read_facts(path))
    except LawgraphError as exc:
        return exc
    problems = [str(v) for v in default_shapes().violations_of(report.triples)] if shacl else []
    return _Report(path, report.iri, report.nquads().encode("utf-8"), len(report.triples), problems)


@dataclass(frozen=True)
class _Spooled:
    """A report prepared by a worker, its N-Quads in a file of the spool folder: sent through
    the pipe, they would keep the worker waiting while the loading process writes (pyoxigraph
    holds the GIL the whole time, so nothing takes them from the pipe meanwhile)."""

    report: _Report
    file: str


def _prepare_chunk(paths: list[Path], shacl: bool, spool: str) -> list[_Spooled | LawgraphError]:
    out: list[_Spooled | LawgraphError] = []
    for path in paths:
        report = _prepare(path, shacl)
        if isinstance(report, LawgraphError):
            out.append(report)
            continue
        try:
            fd, file = tempfile.mkstemp(suffix=".nq", dir=spool)
            with os.fdopen(fd, "wb") as f:
                f.write(report.nquads)
        except OSError as exc:  # the load stops: nothing of this report is written
            raise StoreError(f"cannot write the load's spool folder {spool}: {exc}") from None
        out.append(_Spooled(replace(report, nquads=b""), file))
    return out


def _results(
    task: AsyncResult[list[_Spooled | LawgraphError]],
) -> Iterator[_Report | LawgraphError | None]:
    """A task's reports; first None if they are not ready yet (the caller may write meanwhile)."""
    if not task.ready():
        yield None
    yield from map(_unspool, task.get())


def _unspool(prepared: _Spooled | LawgraphError) -> _Report | LawgraphError:
    if isinstance(prepared, LawgraphError):
        return prepared
    file = Path(prepared.file)
    nquads = file.read_bytes()
    file.unlink()
    return replace(prepared.report, nquads=nquads)


_SPOOL_PREFIX = "lawgraph-load-"


def _spool_folder() -> str | None:
    """A new spool folder, named for this process (None if the temporary folder cannot hold
    one: the files are then prepared here); the folders of loads that were killed (their
    process gone) are removed first."""
    try:
        for folder in Path(tempfile.gettempdir()).glob(f"{_SPOOL_PREFIX}*-*"):
            pid = folder.name.removeprefix(_SPOOL_PREFIX).split("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(folder, ignore_errors=True)
        return tempfile.mkdtemp(prefix=f"{_SPOOL_PREFIX}{os.getpid()}-")
    except OSError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _worker_start(parent: int) -> None:
    """A worker dies with the loading process (killed or not), so that it never outlives it
    holding the store's lock, inherited on fork; Ctrl-C is the loading process's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    if os.getppid() != parent:
        os._exit(0)


_CHUNK = 2  # facts files a worker prepares per task


def default_workers(files: int) -> int:
    """Worker processes for ``files`` facts files: one per core, none for a few files (starting
    workers would cost more than they save) or on one core."""
    cores = usable_cores()
    return 0 if files < 4 * _CHUNK or cores < 2 else cores


def _prepared(
    paths: list[Path], shacl: bool, workers: int, ahead: int
) -> Iterator[_Report | LawgraphError | None]:
    """:func:`_prepare` of each path, in order: here, or in ``workers`` forked processes, which
    read, build and check the next files while this process writes: up to ``ahead`` files (a
    batch) and two tasks per worker beyond the file this process is waiting for. None, between
    them, tells that the next one is not ready yet."""
    forks = "fork" in multiprocessing.get_all_start_methods()
    spool = _spool_folder() if workers > 0 and forks else None
    if spool is None:
        for path in paths:
            yield _prepare(path, shacl)
        return
    chunks = [paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
    context = multiprocessing.get_context("fork")
    gc.freeze()  # the collector leaves the objects the workers share untouched (no copies)
    try:
        pool = context.Pool(workers, initializer=_worker_start, initargs=(os.getpid(),))
    finally:
        gc.unfreeze()
    try:
        pending: deque[AsyncResult[list[_Spooled | LawgraphError]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_prepare_chunk, (chunk, shacl, spool)))
            if len(pending) >= ahead // _CHUNK + 2 * workers:
                yield from _results(pending.popleft())
        while pending:
            yield from _results(pending.popleft())
    finally:
        pool.terminate()
        pool.join()
        shutil.rmtree(spool, ignore_errors=True)


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
    workers: int | None = None,
) -> Iterator[Loaded | Failed]:
    """Load ``files`` in order, yielding what became of each file, in order, once it is written
    or refused.

    Facts files go in batches of up to ``batch`` reports, each report checked against the SHACL
    shapes on its own and a batch's good reports written together (``replace_batch``), sooner
    (a quarter batch or more) when the workers are behind; RDF files one by one (into ``graph``,
    or one graph per file). Without ``keep_going`` nothing after the first refused file is
    written; with it, every good file is. ``workers`` processes (by default
    :func:`default_workers`) read, build and check the facts files ahead of the writes.
    """
    files = list(files)
    facts_files = [p for p in files if p.suffix.lower() in FACTS_SUFFIXES]
    if workers is None:
        workers = default_workers(len(facts_files))
    with contextlib.closing(_prepared(facts_files, shacl, workers, batch)) as prepared:
        yield from _load_prepared(store, files, prepared, graph, batch, keep_going)


def _load_prepared(
    store: WritableStore,
    files: list[Path],
    prepared: Iterator[_Report | LawgraphError | None],
    graph: str | None,
    batch: int,
    keep_going: bool,
) -> Iterator[Loaded | Failed]:
    pending: list[_Report] = []
    early = max(1, batch // 4)  # a batch written before it is full holds this many at least

    def flush() -> Iterator[Loaded | Failed]:
        reports = list(pending)
        pending.clear()
        if not reports:
            return
        if not keep_going:
            first = next((i for i, r in enumerate(reports) if r.problems), len(reports))
            reports = reports[: first + 1]
        good = [r for r in reports if not r.problems]
        if good:
            store.replace_batch([(r.graph, r.nquads) for r in good])
        for r in reports:
            if r.problems:
                yield Failed(r.path, _shacl_error(r.path, r.problems))
            else:
                yield Loaded(r.path, [r.graph], r.quads)

    def stops(outcomes: list[Loaded | Failed]) -> bool:
        return not keep_going and any(isinstance(o, Failed) for o in outcomes)

    for path in files:
        outcomes: list[Loaded | Failed] = []
        if path.suffix.lower() in FACTS_SUFFIXES:
            report = next(prepared)
            while report is None:  # the workers are behind: write what is ready meanwhile
                if len(pending) >= early:
                    outcomes.extend(flush())
                report = next(prepared)
            if isinstance(report, LawgraphError):
                outcomes.extend([*flush(), Failed(path, report)])
            elif any(r.graph == report.graph for r in pending):
                outcomes.extend(flush())  # the same report twice: the later one wins
            if isinstance(report, _Report) and not stops(outcomes):
                pending.append(report)
                if len(pending) >= batch:
                    outcomes.extend(flush())
        else:
            outcomes = list(flush())
            if not stops(outcomes):
                try:
                    graphs, count = store.load_rdf(path, graph or source_graph(path.name))
                    store.add_search_keys(graphs)  # its labels, searchable as a report's
                    outcomes.append(Loaded(path, graphs, count))
                except LawgraphError as exc:
                    outcomes.append(Failed(path, exc))
        for outcome in outcomes:
            yield outcome
            if isinstance(outcome, Failed) and not keep_going:
                return
    yield from flush()


class _Asks(Protocol):
    def query(self, sparql: str) -> object: ...


def lacks_search_keys(store: _Asks) -> bool:
    """Whether the store has reports but no search key at all: written by a lawgraph older than
    the keys (every load since writes them with the labels). Two lookups, whatever the size."""
    return bool(store.query(HAS_REPORTS)) and not bool(store.query(HAS_SEARCH_KEYS))


def add_missing_search_keys(store: WritableStore) -> bool:
    """Give every label its search key if the store has none (:func:`lacks_search_keys`), so
    that search finds what an older lawgraph loaded; True if keys were added."""
    if not lacks_search_keys(store):
        return False
    store.add_search_keys()
    return True


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
