"""The embedded store: pyoxigraph on disk (RocksDB), or in memory for tests.

Writes are all-or-nothing per graph: a report's graph is replaced in one transaction (its old
version dropped and its new triples inserted together), and an RDF file is parsed in full before a
single quad is written. One writer at a time: writers take ``.lawgraph.lock`` in the store folder;
a second writer waits a short while, then gets :class:`~lawgraph.errors.LoadBusy`.

Files too large for one transaction (more than ``transaction_limit`` quads), and on disk batches
of reports the store does not hold yet (:meth:`EmbeddedStore.replace_batch`), are written with
``bulk_extend``, which is not transactional but does a third of the work. Their graphs are listed
in ``incomplete.json`` while they load; a load killed half-way is rolled back (the listed graphs
dropped) the next time the store is opened for writing.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from lawgraph.errors import InputError, LoadBusy, StoreError
from lawgraph.rdf import search_keys_update

RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".jsonld": ox.RdfFormat.JSON_LD,
}

_LOCK_NAME = ".lawgraph.lock"
_INCOMPLETE_NAME = "incomplete.json"
GENERATION_NAME = "generation"


def generation(path: str | os.PathLike[str]) -> str:
    """A token that changes whenever a writer commits to the store at ``path`` ("" if never).

    A server that serves a copy of the store compares it to know when to refresh the copy.
    """
    try:
        return (Path(path) / GENERATION_NAME).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return ""


def rdf_format(path: Path) -> ox.RdfFormat:
    """The RDF format of a file, from its extension."""
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(RDF_FORMATS))
        raise InputError(f"{path}: unknown RDF file extension {path.suffix!r} (known: {known})")
    return fmt


def insert_data(quads: Iterable[ox.Quad]) -> str:
    """The body of a SPARQL ``INSERT DATA`` block for ``quads`` (terms serialised by pyoxigraph)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        g = q.graph_name
        key = "" if isinstance(g, ox.DefaultGraph) else str(g)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    parts = []
    for graph, triples in by_graph.items():
        body = "\n".join(triples)
        parts.append(f"GRAPH {graph} {{\n{body}\n}}" if graph else body)
    return "\n".join(parts)


class EmbeddedStore:
    """pyoxigraph behind lawgraph's write rules.

    :param path: the store folder (created if missing); ``None`` keeps the store in memory.
    :param transaction_limit: files with more quads than this are streamed, not loaded in one
        transaction.
    :param lock_wait: seconds a writer waits for another writer before giving up.
    :param memory: with no ``path``, an in-memory pyoxigraph store to use (default: a new one).
    :param read_only: open for reading only, sharing the lock with other readers (queries,
        exports, a server's snapshot) while writers wait. A store not made yet, or one with a
        killed load to roll back, is opened for writing instead.
    """

    def __init__(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        transaction_limit: int = 2_000_000,
        lock_wait: float = 10.0,
        memory: ox.Store | None = None,
        read_only: bool = False,
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.transaction_limit = transaction_limit
        self.lock_wait = lock_wait
        self._lock_file: IO[str] | None = None
        self.read_only = False
        if self.path is None:
            self.oxigraph = memory if memory is not None else ox.Store()
            return
        self.path.mkdir(parents=True, exist_ok=True)
        db = self.path / "oxigraph"
        self.read_only = read_only and db.is_dir() and not (self.path / _INCOMPLETE_NAME).exists()
        self._acquire_lock(shared=self.read_only)
        try:
            self.oxigraph = ox.Store.read_only(str(db)) if self.read_only else ox.Store(str(db))
        except OSError as exc:
            self._release_lock()
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None
        if not self.read_only:
            self._roll_back_incomplete()

    # --- locking ---------------------------------------------------------------------------

    def _acquire_lock(self, *, shared: bool) -> None:
        """Readers share the lock; a writer holds it alone (and writes its pid in it)."""
        assert self.path is not None
        lock_path = self.path / _LOCK_NAME
        f = lock_path.open("a+", encoding="utf-8")
        deadline = time.monotonic() + self.lock_wait
        while True:
            try:
                fcntl.flock(f, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES) or time.monotonic() > deadline:
                    f.seek(0)
                    holder = f.read().strip() or "another process"
                    f.close()
                    raise LoadBusy(
                        f"the store at {self.path} is in use by {holder}; "
                        "wait for it to finish, or stop it"
                    ) from None
                time.sleep(0.1)
        if not shared:
            f.seek(0)
            f.truncate()
            f.write(f"lawgraph pid {os.getpid()}\n")
            f.flush()
        self._lock_file = f

    def _release_lock(self) -> None:
        if self._lock_file is not None:
            if not self.read_only:
                with contextlib.suppress(OSError):
                    self._lock_file.truncate(0)
            self._lock_file.close()
            self._lock_file = None

    def close(self) -> None:
        """Flush and release the store (and its lock)."""
        if self.path is not None and self._lock_file is not None:
            if not self.read_only:
                self.oxigraph.flush()
            del self.oxigraph
        self._release_lock()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- incomplete streamed loads -----------------------------------------------------------

    def _incomplete_path(self) -> Path | None:
        return self.path / _INCOMPLETE_NAME if self.path is not None else None

    def _roll_back_incomplete(self) -> None:
        marker = self._incomplete_path()
        if marker is None or not marker.exists():
            return
        graphs = json.loads(marker.read_text(encoding="utf-8") or "[]")
        if graphs:
            self.oxigraph.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        marker.unlink()
        self._committed()

    # --- reads ------------------------------------------------------------------------------

    def graphs(self) -> list[str]:
        """The named graphs, sorted."""
        return sorted(g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return len(self.oxigraph)

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        """Every quad, or those of one named graph."""
        g = ox.NamedNode(graph) if graph is not None else None
        return self.oxigraph.quads_for_pattern(None, None, None, g)

    def query(
        self, sparql: str, **options: object
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a read query with the union of all graphs as the default graph (unless
        ``default_graph`` or ``use_default_graph_as_union`` say otherwise)."""
        if "default_graph" not in options:
            options.setdefault("use_default_graph_as_union", True)
        return self.oxigraph.query(sparql, **options)  # type: ignore[arg-type]

    # --- writes -----------------------------------------------------------------------------

    def replace_graph(self, graph: str, quads: Sequence[ox.Quad]) -> None:
        """Make ``graph`` hold exactly ``quads``, in one transaction."""
        self.replace_graphs([graph], quads)

    def replace_batch(self, batch: Sequence[tuple[str, bytes]]) -> None:
        """Make each graph of ``batch`` hold exactly the quads of its N-Quads (UTF-8, quads in
        that graph, as :meth:`lawgraph.rdf.ReportGraph.nquads` writes them: pyoxigraph's own
        serialization, so they are parsed without validating IRIs again), all or nothing for the
        batch.

        A batch of graphs the store does not hold yet is one transaction in memory; on disk it
        goes through pyoxigraph's bulk loader (three times less work than a transaction), made all
        or nothing by ``incomplete.json``: a write cut half-way leaves the batch's graphs absent,
        as before. A batch that replaces graphs is one transaction.
        """
        graphs = [g for g, _ in batch]
        text = b"".join(t for _, t in batch)
        if any(self.oxigraph.contains_named_graph(ox.NamedNode(g)) for g in graphs):
            self.replace_graphs(graphs, list(ox.parse(text, format=ox.RdfFormat.N_QUADS)))
        elif self.path is not None:
            self._bulk_write(graphs, text)
        else:
            self.oxigraph.load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
            for g in graphs:
                self.oxigraph.add_graph(ox.NamedNode(g))

    def replace_graphs(self, graphs: Sequence[str], quads: Sequence[ox.Quad]) -> None:
        """Drop ``graphs`` and insert ``quads``, in one transaction."""
        drops = [f"DROP SILENT GRAPH <{g}>" for g in graphs]
        present = [g for g in graphs if self.oxigraph.contains_named_graph(ox.NamedNode(g))]
        if not present:
            self.oxigraph.extend(quads)
        else:
            self.oxigraph.update(" ;\n".join([*drops, f"INSERT DATA {{\n{insert_data(quads)}\n}}"]))
        for g in graphs:
            self.oxigraph.add_graph(ox.NamedNode(g))
        self._committed()

    def _committed(self) -> None:
        if self.path is not None:
            self.oxigraph.flush()
            token = self.path / (GENERATION_NAME + ".tmp")
            token.write_text(f"{time.time_ns()}-{os.getpid()}\n", encoding="utf-8")
            token.replace(self.path / GENERATION_NAME)

    def add_search_keys(self, graphs: Sequence[str] | None = None) -> None:
        """Add the search keys of the labels of ``graphs`` (default: every graph) that lack them
        (:func:`lawgraph.rdf.search_keys_update`), in one transaction."""
        self.oxigraph.update(search_keys_update(graphs))
        self._committed()

    def drop_graph(self, graph: str) -> bool:
        """Remove a named graph; False if there was none."""
        node = ox.NamedNode(graph)
        if not self.oxigraph.contains_named_graph(node):
            return False
        self.oxigraph.remove_graph(node)
        self._committed()
        return True

    def load_rdf(self, path: Path, graph: str) -> tuple[list[str], int]:
        """Load an RDF file: its triples (and default-graph quads) into ``graph``, quads that
        name a graph into that graph. The graphs it writes are replaced, all or nothing.

        :returns: the graphs written and the number of quads.
        :raises InputError: naming the file and line of the first syntax error.
        """
        fmt = rdf_format(path)
        target = ox.NamedNode(graph)
        graphs: set[str] = set()
        count = 0
        for quad in parse_rdf(path, fmt, target):
            count += 1
            graphs.add(_graph_iri(quad, graph))
        ordered = sorted(graphs) or [graph]
        if count <= self.transaction_limit:
            self.replace_graphs(ordered, list(parse_rdf(path, fmt, target)))
            return ordered, count
        self._stream(path, fmt, target, ordered)
        return ordered, count

    def _stream(
        self, path: Path, fmt: ox.RdfFormat, target: ox.NamedNode, graphs: list[str]
    ) -> None:
        self._bulk_write(graphs, parse_rdf(path, fmt, target))

    def _bulk_write(self, graphs: list[str], quads: Iterable[ox.Quad] | bytes) -> None:
        """Replace ``graphs`` with ``quads`` (or N-Quads text of trusted terms) through the bulk
        loader, which is not transactional:
        the graphs are listed in ``incomplete.json`` meanwhile, so that a write cut half-way is
        rolled back (the graphs dropped) by the next writer."""
        marker = self._incomplete_path()
        if marker is not None:
            _write_durably(marker, json.dumps(graphs))
        self.oxigraph.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs))
        if isinstance(quads, bytes):
            self.oxigraph.bulk_load(quads, format=ox.RdfFormat.N_QUADS, lenient=True)
        else:
            self.oxigraph.bulk_extend(quads)
        self.oxigraph.flush()
        if marker is not None:
            marker.unlink()
            _sync_folder(marker.parent)
        self._committed()


def _write_durably(path: Path, text: str) -> None:
    """Write ``path`` so that it is on disk, whole, before this returns."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    tmp.replace(path)
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _graph_iri(quad: ox.Quad, default: str) -> str:
    g = quad.graph_name
    return g.value if isinstance(g, ox.NamedNode) else default


def parse_rdf(path: Path, fmt: ox.RdfFormat, target: ox.NamedNode) -> Iterator[ox.Quad]:
    """Stream the quads of a file; triples and default-graph quads go to ``target``."""
    try:
        for quad in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
            if isinstance(quad.graph_name, ox.DefaultGraph):
                yield ox.Quad(quad.subject, quad.predicate, quad.object, target)
            elif isinstance(quad.graph_name, ox.BlankNode):
                raise InputError(f"{path}: a graph named by a blank node cannot be loaded")
            else:
                yield quad
    except SyntaxError as exc:
        raise InputError(f"{path}: {exc}") from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read: {exc}") from None
