"""Queries on the embedded store, in worker processes that can be killed.

pyoxigraph cannot cancel a running query, so a time limit that really stops the work needs a
process to kill. The design:

* A **zygote** process, started with the ``spawn`` method (a fresh, single-threaded
  interpreter), opens the on-disk store under its write lock, copies it into an in-memory
  pyoxigraph store (a *snapshot*, laid out for scans: :func:`memory_copy`), and closes the disk
  store again at once, so ``lawgraph load`` can write while the server runs.
* The zygote **forks query workers** on request. Each inherits the snapshot copy-on-write (a
  few MiB of its own at first; pyoxigraph writes to the quads a query reads, so the pages a
  worker's queries touch become its own copy, up to most of a snapshot after whole-store scans),
  and talks to the server over a Unix socket pair. A worker runs one query at a time (in a
  thread with a malloc arena of its own), serialises the answer with pyoxigraph and sends back
  the bytes.
* The server (:class:`Pool`, on the asyncio event loop) sends each query to an idle worker and
  waits with a deadline. A worker past the deadline is killed (``SIGKILL`` through a pidfd) and
  a fresh one forked in its place; the CPU goes idle at once and the next query is served.
* When the store's generation token changes (a load committed), a new zygote builds a new
  snapshot while the old workers go on answering; once the new workers are ready they take
  over and the old ones retire. Readers never see half a load.

Message framing on the worker sockets: a request is a 4-byte length and a pickled
:class:`~lawgraph.sparql.Job` (as a tuple of its fields); an answer is a 4-byte header length, an
8-byte body length, the pickled header tuple and the body bytes. A job may answer with a *stream*
instead (its body is an iterator of chunks, as an export's is): a first frame with its header and
no body, then a frame per chunk as soon as it is made (header length 0: no header, the chunk as
the body), and a closing frame with a header and no body: ``("ok",)``, or the error that stopped
the chunks. The worker's writes block while the server has not read the frames before (it stops
reading a worker's socket while a few frames wait), so a slow client slows the worker down
instead of piling chunks up in memory: see :meth:`Pool.stream`.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import math
import os
import pickle
import resource
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lawgraph.errors import (
    ForbiddenQuery,
    InputError,
    LawgraphError,
    LoadBusy,
    QueryError,
    QueryTimeout,
    StoreError,
)
from lawgraph.processes import die_with_parent, without_network
from lawgraph.sparql import Answer, Job, NotAcceptable, PageAnswer, PageJob

log = logging.getLogger(__name__)

_LEN = struct.Struct("!I")
_ANSWER = struct.Struct("!IQ")  # header length, body length


class WorkerLost(StoreError):
    """A query worker died while running a query (most often: it ran out of memory)."""


class Busy(StoreError):
    """Every query worker stayed busy for longer than the query timeout."""


class TooManyHeavy(Busy):
    """A query ran past ``heavy_after`` while ``max_heavy`` others already had."""


class NotReady(StoreError):
    """The server has no snapshot of the store yet (it is still being read)."""


# --- inside the zygote and the workers -------------------------------------------------------


def _limit_memory(extra_mb: int) -> None:
    """Cap the worker's address space at its current size plus ``extra_mb``."""
    with contextlib.suppress(OSError, ValueError):
        with open("/proc/self/statm", encoding="ascii") as f:
            pages = int(f.read().split()[0])
        current = pages * os.sysconf("SC_PAGE_SIZE")
        limit = current + extra_mb * (1 << 20)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _recv_exactly(sock: socket.socket, n: int) -> bytes | None:
    buf = bytearray()
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return bytes(buf)


def _send_all(sock: socket.socket, parts: list[bytes]) -> None:
    """Send ``parts`` back to back without joining them (scatter-gather)."""
    views = [memoryview(p) for p in parts if p]
    while views:
        sent = sock.sendmsg(views)
        while views and sent >= len(views[0]):
            sent -= len(views[0])
            views.pop(0)
        if sent:
            views[0] = views[0][sent:]


def _worker_main(sock: socket.socket, store: Any, prefixes: dict[str, str]) -> None:
    """Answer jobs from ``sock`` until the server closes it."""
    from lawgraph.sparql import run_job, run_page_job

    while True:
        head = _recv_exactly(sock, _LEN.size)
        if head is None:
            return
        payload = _recv_exactly(sock, _LEN.unpack(head)[0])
        if payload is None:
            return
        message = pickle.loads(payload)
        body: bytes | Iterator[bytes] = b""
        try:
            if isinstance(message, PageJob):
                page = run_page_job(store, message)
                header = ("ok", "page", page.total, page.failed_check)
                body = page.body
            elif isinstance(message, ExportJob):
                header, body = _export(store, message)
            else:
                answer = run_job(store, Job(*message), prefixes)
                header = ("ok", answer.content_type, answer.truncated, answer.rows)
                body = answer.body
        except BaseException as exc:
            header, body = _failure(exc), b""
        if isinstance(body, bytes):
            _send_answer(sock, header, body)
        else:
            _send_stream(sock, header, body)


def _failure(exc: BaseException) -> tuple[Any, ...]:
    """The answer header that tells the server why a job failed (``SystemExit`` and
    ``KeyboardInterrupt`` are raised again)."""
    if isinstance(exc, SystemExit | KeyboardInterrupt):
        raise exc
    if isinstance(exc, InputError):
        return ("error", "input", str(exc))
    if isinstance(exc, ForbiddenQuery):
        return ("error", "forbidden", str(exc))
    if isinstance(exc, NotAcceptable):
        return ("error", "not_acceptable", str(exc))
    if isinstance(exc, SyntaxError):
        return ("error", "syntax", str(exc))
    if isinstance(exc, ValueError | OSError | TypeError):
        return ("error", "query", str(exc))
    if isinstance(exc, MemoryError):
        return ("error", "memory", "the query needed more memory than allowed")
    # pyoxigraph panics are BaseExceptions
    return ("error", "query", f"the query failed in the engine: {exc}")


def _send_answer(sock: socket.socket, header: tuple[Any, ...], body: bytes) -> None:
    head_bytes = pickle.dumps(header, protocol=pickle.HIGHEST_PROTOCOL)
    _send_all(sock, [_ANSWER.pack(len(head_bytes), len(body)), head_bytes, body])


def _send_stream(sock: socket.socket, header: tuple[Any, ...], chunks: Iterator[bytes]) -> None:
    """Send a streamed answer: the header, a frame per chunk as it is made, and the closing
    frame (``("ok",)``, or the error that stopped the chunks)."""
    _send_answer(sock, header, b"")
    while True:
        try:
            chunk = next(chunks, None)
        except BaseException as exc:
            end = _failure(exc)
            break
        if chunk is None:
            end = ("ok",)
            break
        if chunk:
            _send_all(sock, [_ANSWER.pack(0, len(chunk)), chunk])
    _send_answer(sock, end, b"")


@dataclass(frozen=True)
class ExportJob:
    """An export to make in a worker: see :func:`lawgraph.export.service.export`."""

    scope: str
    format: str
    nary: str = "collapse"
    lang: str = "zh"


def _export(store: Any, job: ExportJob) -> tuple[tuple[Any, ...], Iterator[bytes]]:
    """Start an export in a worker: (header, chunks), streamed; the header carries the media
    type and the file name. The scope and format are checked (and the entity graph built, for a
    network format) before this returns."""
    from lawgraph.catalog import load_catalog
    from lawgraph.export.service import export
    from lawgraph.store import EmbeddedStore

    result = export(
        EmbeddedStore(memory=store),
        job.scope,
        job.format,
        nary=job.nary,  # type: ignore[arg-type]
        lang=job.lang,  # type: ignore[arg-type]
        catalog=load_catalog().get,
    )
    return ("ok", result.media_type, result.content_disposition), result.chunks


_PREDICATES = "SELECT DISTINCT ?p { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def memory_copy(store: Any) -> Any:
    """An in-memory pyoxigraph store with the quads and named graphs of ``store``, laid out for
    fast scans.

    pyoxigraph's memory store keeps each quad in a node of its own, in the order the quads
    were added, and a query walks the nodes of a predicate (or a subject, …) one by one: so the
    quads are added predicate by predicate, each predicate's in subject order. A scan of a
    predicate then reads memory in one sweep, and a join on subjects walks the blocks of its
    predicates side by side. (The disk store's own order, graph by graph and subject by subject
    by hashed IDs, scatters a predicate over all of memory: the ten busiest agencies of 7,475
    events took 2.3 ms a query in two concurrent workers, 1.7 ms in this order.)
    """
    import pyoxigraph as ox

    memory = ox.Store()
    predicates = sorted((row[0] for row in store.query(_PREDICATES)), key=str)
    for predicate in predicates:
        quads = list(store.quads_for_pattern(None, predicate, None, None))
        quads.sort(key=lambda quad: str(quad.subject))
        memory.bulk_extend(quads)
    for graph in store.named_graphs():  # the empty ones too
        memory.add_graph(graph)
    return memory


def _snapshot(store_path: str) -> tuple[Any, str, list[str], int]:
    """Copy the on-disk store into memory, holding its lock only while copying."""
    from lawgraph.loader import lacks_search_keys
    from lawgraph.rdf import search_keys_update
    from lawgraph.store import EmbeddedStore, generation

    with EmbeddedStore(store_path, lock_wait=2.0, read_only=True) as disk:
        token = generation(store_path)
        memory = memory_copy(disk.oxigraph)
        graphs = disk.graphs()
    if lacks_search_keys(memory):
        # a store written by an older lawgraph: its search keys are made in the snapshot (the
        # store itself gets them at its next `lawgraph load`), so that search finds its labels
        log.warning("the store lacks search keys: adding them to the in-memory snapshot")
        memory.update(search_keys_update())
    return memory, token, graphs, len(memory)


def _zygote_main(store_path: str, ctl: socket.socket, worker_memory_mb: int) -> None:
    """Entry point of the zygote process (started with ``spawn``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us, not a terminal's ^C
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # workers are reaped automatically
    try:
        store, token, graphs, size = _snapshot(store_path)
    except LoadBusy as exc:
        _send_msg(ctl, ("busy", str(exc)))
        return
    except (LawgraphError, OSError) as exc:
        _send_msg(ctl, ("failed", f"{type(exc).__name__}: {exc}"))
        return
    try:
        from lawgraph.vocab import PREFIXES

        prefixes = dict(PREFIXES)
    except ImportError:  # pragma: no cover - the vocabulary module is optional here
        prefixes = {}
    gc.freeze()  # forked workers then share these pages instead of copying them on collection
    _send_msg(ctl, ("ready", token, graphs, size))
    while True:
        msg = _recv_msg(ctl)
        if msg is None or msg[0] == "exit":
            return
        if msg[0] == "fork":
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            pid = os.fork()
            if pid == 0:  # the worker
                try:
                    ctl.close()
                    ours.close()
                    die_with_parent()
                    # pyoxigraph runs SERVICE over HTTP: the guard refuses it, and a worker
                    # could not connect anyway
                    without_network()
                    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
                    # The jobs run in a thread of their own: glibc gives it a fresh malloc
                    # arena, while the main thread's, fragmented by the making of the snapshot,
                    # made pyoxigraph's allocations search its free lists (malloc took 15% of
                    # a worker's CPU on an aggregate, 8% in the thread; the ten busiest
                    # agencies of 7,475 events went from 560 to 800 requests/s at 8 clients).
                    # Its stack is as deep as the zygote's.
                    threading.stack_size(STACK_BYTES)
                    jobs = threading.Thread(target=_worker_main, args=(theirs, store, prefixes))
                    _limit_memory(worker_memory_mb + (STACK_BYTES >> 20))
                    jobs.start()
                    jobs.join()
                finally:
                    os._exit(0)
            theirs.close()
            socket.send_fds(ctl, [pickle.dumps(("forked", pid))], [ours.fileno()])
            ours.close()


def _send_msg(sock: socket.socket, msg: tuple[Any, ...]) -> None:
    data = pickle.dumps(msg)
    sock.sendall(_LEN.pack(len(data)) + data)


def _recv_msg(sock: socket.socket) -> tuple[Any, ...] | None:
    head = _recv_exactly(sock, _LEN.size)
    if head is None:
        return None
    data = _recv_exactly(sock, _LEN.unpack(head)[0])
    return None if data is None else pickle.loads(data)


# --- in the server -------------------------------------------------------------------------------


def _kill(pid: int, pidfd: int | None) -> None:
    """SIGKILL a worker; through its pidfd when there is one (no PID reuse race)."""
    with contextlib.suppress(ProcessLookupError, OSError):
        if pidfd is not None:
            signal.pidfd_send_signal(pidfd, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)


_PAUSE_FRAMES = 4
"""Frames a worker's channel holds before it stops reading the socket (until they are taken)."""


class _Channel(asyncio.Protocol):
    """The server's end of a worker's socket: it gathers the worker's answers (frames: see the
    module doc) as the bytes arrive, with no per-request registration of the socket with the
    event loop. While :data:`_PAUSE_FRAMES` frames wait it stops reading, so a streamed answer
    waits in the worker (whose writes then block), not here."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.frames: deque[tuple[tuple[Any, ...] | None, bytes]] = deque()
        self.waiter: asyncio.Future[None] | None = None
        self.error: BaseException | None = None
        self.paused = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        buffer = self.buffer
        buffer += data
        while len(buffer) >= _ANSWER.size:
            head_len, body_len = _ANSWER.unpack_from(buffer)
            start = _ANSWER.size + head_len
            end = start + body_len
            if len(buffer) < end:
                break
            header = pickle.loads(buffer[_ANSWER.size : start]) if head_len else None
            self.frames.append((header, bytes(buffer[start:end]) if body_len else b""))
            del buffer[:end]
        if self.frames:
            if len(self.frames) >= _PAUSE_FRAMES and self.transport is not None:
                self.transport.pause_reading()
                self.paused = True
            self._wake()

    def connection_lost(self, exc: Exception | None) -> None:
        self.fail(ConnectionResetError("the worker closed its socket"))

    def fail(self, error: BaseException) -> None:
        """Make the pending (and every later) :meth:`receive` raise ``error``."""
        if self.error is None:
            self.error = error
        self._wake()

    def _wake(self) -> None:
        waiter, self.waiter = self.waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    async def receive(self) -> tuple[tuple[Any, ...] | None, bytes]:
        """The next frame from the worker: (header, body); the header of a chunk of a streamed
        answer is None."""
        while not self.frames:
            if self.error is not None:
                raise self.error
            self.waiter = asyncio.get_running_loop().create_future()
            await self.waiter
        frame = self.frames.popleft()
        if self.paused and len(self.frames) < _PAUSE_FRAMES and self.transport is not None:
            self.paused = False
            self.transport.resume_reading()
        return frame


@dataclass(eq=False)
class Worker:
    """A query worker process, seen from the server."""

    pid: int
    pidfd: int | None
    channel: _Channel
    zygote: Zygote

    def send(self, payload: bytes) -> None:
        """Send a job; its answer comes through :attr:`channel`."""
        transport = self.channel.transport
        if transport is None or transport.is_closing():
            raise ConnectionResetError("the worker's socket is closed")
        transport.write(_LEN.pack(len(payload)) + payload)

    async def exchange(self, payload: bytes) -> tuple[tuple[Any, ...], bytes]:
        """Send a job, wait for its answer: (header, body)."""
        self.send(payload)
        header, body = await self.channel.receive()
        if header is None:
            raise ConnectionResetError(
                "the worker streamed the answer of a job that is not streamed"
            )
        return header, body

    def kill(self) -> None:
        _kill(self.pid, self.pidfd)
        self.close()

    def close(self) -> None:
        if self.channel.transport is not None:
            self.channel.transport.abort()
        if self.pidfd is not None:
            with contextlib.suppress(OSError):
                os.close(self.pidfd)
            self.pidfd = None
        self.zygote.workers.discard(self)
        self.zygote.maybe_exit()


@dataclass(eq=False)
class Zygote:
    """A zygote process and the snapshot it holds."""

    process: subprocess.Popen[bytes]
    ctl: socket.socket
    generation: str = ""
    graphs: list[str] = field(default_factory=list)
    size: int = 0
    workers: set[Worker] = field(default_factory=set)
    retiring: bool = False
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def fork(self) -> Worker:
        """Fork one worker from this zygote."""
        async with self._lock:
            msg, fds = await asyncio.to_thread(self._fork_blocking)
        pid = msg[1]
        pidfd: int | None = None
        with contextlib.suppress(OSError, AttributeError):
            pidfd = os.pidfd_open(pid)
        sock = socket.socket(fileno=fds[0])
        sock.setblocking(False)
        _transport, channel = await asyncio.get_running_loop().create_unix_connection(
            _Channel, sock=sock
        )
        worker = Worker(pid, pidfd, channel, self)
        self.workers.add(worker)
        return worker

    def _fork_blocking(self) -> tuple[tuple[Any, ...], list[int]]:
        _send_msg(self.ctl, ("fork",))
        data, fds, _flags, _addr = socket.recv_fds(self.ctl, 1 << 16, 1)
        if not fds:
            raise StoreError("the zygote process did not fork a worker")
        return pickle.loads(data), fds

    def maybe_exit(self) -> None:
        """Stop a retiring zygote once its last worker is gone."""
        if self.retiring and not self.workers:
            self.stop()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            _send_msg(self.ctl, ("exit",))
        with contextlib.suppress(OSError):
            self.ctl.close()
        with contextlib.suppress(OSError):
            self.process.poll()


def _zygote_entry() -> None:
    """``python -c`` entry point of a zygote: ``argv`` = control fd, store path, memory MiB."""
    fd, store_path, memory = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    _zygote_main(store_path, socket.socket(fileno=fd), memory)


STACK_BYTES = 512 << 20
"""Stack the zygote and its workers may grow to. pyoxigraph parses and evaluates queries
recursively: thousands of nested groups or parentheses (or long ``&&`` / ``UNION`` chains) need
far more than the usual 8 MiB, and a worker past its stack would crash. Only the pages touched
count: a query that is not deep costs nothing more."""


def _raise_stack_limit() -> None:
    """Run in the zygote's process before it starts (the layout of its memory is set then)."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
    wanted = STACK_BYTES if hard == resource.RLIM_INFINITY else min(STACK_BYTES, hard)
    resource.setrlimit(resource.RLIMIT_STACK, (wanted, hard))


def _spawn(store_path: Path, ctl_fd: int, worker_memory_mb: int) -> subprocess.Popen[bytes]:
    """Start a zygote: a fresh interpreter (no threads, no inherited state) running
    :func:`_zygote_entry`."""
    import lawgraph

    src = str(Path(lawgraph.__file__).resolve().parents[1])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    code = "from lawgraph.executor import _zygote_entry; _zygote_entry()"
    return subprocess.Popen(
        [sys.executable, "-c", code, str(ctl_fd), str(store_path), str(worker_memory_mb)],
        pass_fds=[ctl_fd],
        env=env,
        stdin=subprocess.DEVNULL,
        preexec_fn=_raise_stack_limit,  # only a system call between fork and exec
    )


async def start_zygote(store_path: Path, worker_memory_mb: int) -> Zygote:
    """Start a zygote and wait until its snapshot is ready.

    :raises LoadBusy: a load held the store for too long.
    :raises StoreError: the store could not be read.
    """
    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        process = _spawn(store_path, theirs.fileno(), worker_memory_mb)
    finally:
        theirs.close()
    zygote = Zygote(process, ours)
    msg = await asyncio.to_thread(_recv_msg, ours)
    if msg is None or msg[0] != "ready":
        zygote.stop()
        await asyncio.to_thread(process.wait, 5)
        if msg is not None and msg[0] == "busy":
            raise LoadBusy(msg[1])
        reason = msg[1] if msg is not None else f"exit code {process.returncode}"
        raise StoreError(f"cannot read the store at {store_path}: {reason}")
    _, zygote.generation, zygote.graphs, zygote.size = msg
    return zygote


class Pool:
    """Query workers over the newest snapshot of the embedded store.

    :param store_path: the store folder.
    :param workers: number of query worker processes.
    :param timeout: seconds a query may run before its worker is killed.
    :param worker_memory_mb: memory a worker may allocate beyond the snapshot.
    :param refresh_interval: seconds between checks of the store's generation token.
    :param max_heavy: most queries that may run longer than ``heavy_after`` seconds at once; a
        query that gets that far while ``max_heavy`` others already have is stopped then, so
        long queries cannot take every worker (default: no limit).
    :param heavy_after: seconds after which a query counts as heavy.

    A job stopped (at the timeout, or at ``heavy_after``) is refused at once when it is asked
    again — the same query, dataset and format — within ``timeout`` seconds and before the store
    changes: a client that repeats a runaway query cannot keep a worker from the others'.
    """

    STOPPED_KEPT = 1024
    "most stopped jobs remembered (the oldest are forgotten first)"

    def __init__(
        self,
        store_path: Path,
        *,
        workers: int,
        timeout: float,
        worker_memory_mb: int = 2048,
        refresh_interval: float = 1.0,
        max_heavy: int | None = None,
        heavy_after: float = 1.0,
    ) -> None:
        self.store_path = Path(store_path)
        self.size = workers
        self.timeout = timeout
        self.max_heavy = max_heavy
        self.heavy_after = heavy_after
        self.heavy = 0
        self.worker_memory_mb = worker_memory_mb
        self.refresh_interval = refresh_interval
        self.current: Zygote | None = None
        self._idle: deque[Worker] = deque()
        self._waiters: deque[asyncio.Future[Worker]] = deque()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._watcher: asyncio.Task[None] | None = None
        self._refreshing = False
        self._closed = False
        self._zygotes: set[Zygote] = set()
        self.timeouts = 0
        self.refreshes = 0
        self._stopped_jobs: dict[int, tuple[float, bool]] = {}  # hash → (refused until, heavy)

    # --- life cycle ----------------------------------------------------------------------

    async def start(self, wait: float = 60.0) -> None:
        """Read the first snapshot and fork the workers (retrying while a load holds the
        store, for up to ``wait`` seconds)."""
        deadline = time.monotonic() + wait
        while True:
            try:
                zygote = await start_zygote(self.store_path, self.worker_memory_mb)
                break
            except LoadBusy:
                if time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.5)
        await self._adopt(zygote)
        self._watcher = asyncio.create_task(self._watch())

    async def close(self) -> None:
        """Stop every worker and zygote."""
        self._closed = True
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        for task in list(self._tasks):
            task.cancel()
        zygotes = set(self._zygotes)
        for zygote in zygotes:
            for worker in list(zygote.workers):
                worker.kill()
            zygote.stop()
        self._idle.clear()
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_exception(StoreError("the server is shutting down"))
        for zygote in zygotes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                await asyncio.to_thread(zygote.process.wait, 5)

    @property
    def graphs(self) -> list[str]:
        return self.current.graphs if self.current else []

    @property
    def quads(self) -> int:
        return self.current.size if self.current else 0

    @property
    def generation(self) -> str:
        return self.current.generation if self.current else ""

    def worker_pids(self) -> list[int]:
        """PIDs of the live workers (for tests and status pages)."""
        return sorted(w.pid for w in self.current.workers) if self.current else []

    async def _adopt(self, zygote: Zygote) -> None:
        """Fork a full set of workers from ``zygote`` and make it current."""
        self._zygotes.add(zygote)
        try:
            workers = [await zygote.fork() for _ in range(self.size)]
        except BaseException:
            for worker in list(zygote.workers):
                worker.kill()
            zygote.stop()
            self._zygotes.discard(zygote)
            raise
        old, self.current = self.current, zygote
        self._stopped_jobs.clear()  # the store changed: a job stopped before may be quick now
        for worker in workers:
            self._release(worker)
        if old is not None:
            old.retiring = True
            for worker in [w for w in self._idle if w.zygote is old]:
                self._idle.remove(worker)
                worker.close()
            old.maybe_exit()

    async def _watch(self) -> None:
        from lawgraph.store import generation

        while not self._closed:
            await asyncio.sleep(self.refresh_interval)
            current = self.current
            if current is None:
                continue
            token = await asyncio.to_thread(generation, self.store_path)
            lost = current.process.poll() is not None or len(current.workers) < self.size
            if token != current.generation or (lost and not self._tasks):
                # a load committed, or the zygote died (then its workers died with it): build a
                # new snapshot; the old workers answer until the new ones are ready
                await self.refresh()

    async def refresh(self) -> bool:
        """Build a new snapshot and switch to it; False if the store was busy."""
        if self._refreshing:
            return False
        self._refreshing = True
        try:
            zygote = await start_zygote(self.store_path, self.worker_memory_mb)
            await self._adopt(zygote)
            self.refreshes += 1
            log.info("serving store generation %s (%d quads)", zygote.generation, zygote.size)
            return True
        except LoadBusy:
            return False
        except (StoreError, OSError, EOFError, pickle.UnpicklingError) as exc:
            log.warning("keeping the old snapshot: %s", exc)
            return False
        finally:
            self._refreshing = False

    # --- workers ---------------------------------------------------------------------------

    def _release(self, worker: Worker) -> None:
        if worker.zygote is not self.current:
            worker.close()
            return
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(worker)
                return
        self._idle.append(worker)

    async def _acquire(self) -> Worker:
        if self._idle:
            return self._idle.pop()
        if self.current is None:
            raise NotReady("the store is still being read; try again in a moment")
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[Worker] = loop.create_future()
        self._waiters.append(waiter)

        def give_up() -> None:
            if not waiter.done():
                waiter.set_exception(
                    Busy(f"every query worker stayed busy for {self.timeout:g} s; try again later")
                )

        timer = loop.call_later(self.timeout, give_up)
        try:
            return await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled() and waiter.exception() is None:
                self._release(waiter.result())
            raise
        finally:
            timer.cancel()

    def _replace(self, zygote: Zygote) -> None:
        """Fork a worker to replace one that was lost."""
        if self._closed or zygote is not self.current:
            return

        async def fork() -> None:
            try:
                self._release(await zygote.fork())
            except (OSError, StoreError, pickle.UnpicklingError, EOFError) as exc:
                log.error("cannot fork a query worker (a new snapshot will be built): %s", exc)

        task = asyncio.create_task(fork())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def run(self, job: Job) -> Answer:
        """Run ``job`` on a worker, within the query timeout.

        :raises QueryTimeout: the query ran too long; its worker was killed.
        :raises QueryError: the query is malformed or cannot be answered.
        :raises WorkerLost: the worker died (out of memory).
        """
        payload = pickle.dumps(  # a tuple pickles ~8x faster than the dataclass
            (
                job.query,
                job.default_graphs,
                job.named_graphs,
                job.has_from,
                job.formats,
                job.base_iri,
                job.cap,
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
        header, body = await self._exchange(payload)
        return Answer(body, header[1], header[2], header[3])

    async def page(self, job: PageJob) -> PageAnswer:
        """Run one page of a canned query on a worker, in one trip, within the query timeout
        (for the whole job).

        :raises QueryTimeout: the job ran too long; its worker was killed.
        """
        header, body = await self._exchange(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        return PageAnswer(body, header[2], header[3])

    async def export(self, job: ExportJob) -> tuple[str, str, WorkerStream]:
        """Start an export on a worker: its media type, the value of its
        ``Content-Disposition`` header and its bytes, streamed (see :meth:`stream`).

        :raises InputError: a bad scope, format or query.
        """
        stream = await self.stream(pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        return stream.header[1], stream.header[2], stream

    async def stream(self, payload: bytes) -> WorkerStream:
        """Send a job whose body the worker streams (see the module's docstring): once its
        header has come, the chunks are read one by one as the stream is iterated.

        The whole job, to its last chunk, runs within the query timeout (and counts as heavy past
        ``heavy_after``, like any other): past it the worker is killed, a new one forked, and the
        stream ends with :class:`QueryTimeout`. A stream closed before its end kills its worker
        (which cannot be told to stop); one read to its end gives its worker back.

        :raises QueryTimeout: the job ran too long before its header came.
        :raises InputError: and the other errors of :meth:`_exchange`, if the job failed before
            its first chunk.
        """
        stream = WorkerStream(self, await self._acquire())
        try:
            await stream.start(payload)
        except BaseException:
            await stream.aclose()
            raise
        return stream

    async def _exchange(self, payload: bytes) -> tuple[tuple[Any, ...], bytes]:
        loop = asyncio.get_running_loop()
        key = hash(payload)
        self._refuse_again(key, loop)
        worker = await self._acquire()
        try:  # also when the same job was stopped while this one waited for a worker
            self._refuse_again(key, loop)
        except LawgraphError:
            self._release(worker)
            raise
        # timers, not asyncio.timeout(): the same deadline for a fraction of the cost per query
        timer = loop.call_later(self.timeout, worker.channel.fail, TimeoutError())
        heavy = _Heavy(self, lambda: worker.channel.fail(TimeoutError()))
        try:
            header, body = await worker.exchange(payload)
        except TimeoutError:
            self.timeouts += 1
            worker.kill()
            self._replace(worker.zygote)
            if len(self._stopped_jobs) >= self.STOPPED_KEPT:
                del self._stopped_jobs[next(iter(self._stopped_jobs))]
            self._stopped_jobs[key] = (loop.time() + self.timeout, heavy.refused)
            raise self._stopped(heavy.refused) from None
        except (ConnectionError, OSError) as exc:
            worker.kill()
            self._replace(worker.zygote)
            raise self._lost() from exc
        except BaseException:
            worker.kill()
            self._replace(worker.zygote)
            raise
        finally:
            timer.cancel()
            heavy.end()
        self._release(worker)
        if header[0] == "ok":
            return header, body
        raise _job_error(header)

    def _refuse_again(self, key: int, loop: asyncio.AbstractEventLoop) -> None:
        """Raise the error of the job with this hash if it was stopped not long ago."""
        stopped = self._stopped_jobs.get(key)
        if stopped is None:
            return
        wait = stopped[0] - loop.time()
        if wait > 0:
            raise self._stopped(stopped[1], again=wait)
        del self._stopped_jobs[key]

    def _stopped(self, refused: bool, again: float | None = None) -> LawgraphError:
        """The error for a job stopped at the query timeout, or at ``heavy_after`` when
        ``refused`` (too many other heavy jobs); ``again``: the job was stopped so before and
        is refused for that many seconds more."""
        if refused:
            message = (
                f"the query was stopped after {self.heavy_after:g} s: {self.max_heavy} other "
                "long queries were running (setting max_heavy_queries); try again later"
            )
        else:
            message = f"the query ran past the {self.timeout:g} s limit and was stopped"
        retry = None
        if again is not None:
            message += (
                f"; asked again within {self.timeout:g} s, before the store changed, it was not run"
            )
            retry = math.ceil(again)
        return (TooManyHeavy if refused else QueryTimeout)(message, retry_after=retry)

    def _lost(self) -> WorkerLost:
        return WorkerLost(
            "the query worker died while running this query (most likely it needed more "
            f"memory than the {self.worker_memory_mb} MiB allowed: setting worker_memory_mb)"
        )


def _job_error(header: tuple[Any, ...]) -> Exception:
    """The exception for a worker's ``("error", kind, message)`` header."""
    kind, message = header[1], header[2]
    if kind == "input":
        return InputError(message)
    if kind == "forbidden":
        return ForbiddenQuery(message)
    if kind == "not_acceptable":
        return NotAcceptable(message)
    if kind == "memory":
        return WorkerLost(message)
    return QueryError(message)


class _Heavy:
    """Counts a job as heavy once it has run ``heavy_after`` seconds; a job that gets there
    while ``max_heavy`` others are heavy is refused instead: ``stop`` is called."""

    def __init__(self, pool: Pool, stop: Callable[[], object]) -> None:
        self.pool = pool
        self.stop = stop
        self.counted = False
        self.refused = False
        self._check: asyncio.TimerHandle | None = None
        if pool.max_heavy is not None and pool.heavy_after < pool.timeout:
            loop = asyncio.get_running_loop()
            self._check = loop.call_later(pool.heavy_after, self._passed)

    def _passed(self) -> None:
        pool = self.pool
        if pool.max_heavy is not None and pool.heavy >= pool.max_heavy:
            self.refused = True
            self.stop()
        else:
            self.counted = True
            pool.heavy += 1

    def end(self) -> None:
        if self._check is not None:
            self._check.cancel()
        if self.counted:
            self.pool.heavy -= 1
            self.counted = False


class WorkerStream:
    """The body of a job a worker streams, chunk by chunk (``async for``), then :meth:`aclose`
    it (it is safe to close it more than once, or early). Made by :meth:`Pool.stream`."""

    def __init__(self, pool: Pool, worker: Worker) -> None:
        self.pool = pool
        self.worker: Worker | None = worker
        self.header: tuple[Any, ...] = ()
        self._stopped: StoreError | None = None
        loop = asyncio.get_running_loop()
        self._deadline = loop.call_later(pool.timeout, self._stop, False)
        self._heavy = _Heavy(pool, lambda: self._stop(True))

    def _stop(self, refused: bool) -> None:
        """Past the deadline: kill the worker now, whatever the consumer is doing (it may be
        waiting on a client that reads nothing); the stream then ends with the error."""
        worker = self.worker
        if worker is None or self._stopped is not None:
            return
        self._stopped = self.pool._stopped(refused)
        self.pool.timeouts += 1
        _kill(worker.pid, worker.pidfd)
        worker.channel.fail(self._stopped)
        self.pool._replace(worker.zygote)

    async def _receive(self, worker: Worker) -> tuple[tuple[Any, ...] | None, bytes]:
        try:
            return await worker.channel.receive()
        except (ConnectionError, OSError) as exc:
            raise self.pool._lost() from exc

    async def start(self, payload: bytes) -> None:
        """Send the job and read its header."""
        assert self.worker is not None
        worker = self.worker
        try:
            worker.send(payload)
        except (ConnectionError, OSError) as exc:
            raise self.pool._lost() from exc
        header, body = await self._receive(worker)
        if header is None or body:
            raise self.pool._lost()  # a chunk, or a whole answer: not a stream's first frame
        if header[0] != "ok":
            self._end(give_back=True)
            raise _job_error(header)
        self.header = header

    def __aiter__(self) -> WorkerStream:
        return self

    async def __anext__(self) -> bytes:
        worker = self.worker
        if worker is None:
            raise StopAsyncIteration
        end, chunk = await self._receive(worker)
        if end is None:
            return chunk
        self._end(give_back=True)
        if end[0] != "ok":
            raise _job_error(end)
        raise StopAsyncIteration

    def _end(self, *, give_back: bool) -> None:
        """Let the worker go: back to the pool after a whole answer, else killed."""
        worker, self.worker = self.worker, None
        self._deadline.cancel()
        self._heavy.end()
        if worker is None:
            return
        if give_back and self._stopped is None:
            self.pool._release(worker)
            return
        worker.kill()
        if self._stopped is None:  # not yet replaced (see _stop)
            self.pool._replace(worker.zygote)

    async def aclose(self) -> None:
        """Stop: a worker still streaming is killed (and replaced)."""
        self._end(give_back=False)


def describe_pool(pool: Pool) -> dict[str, Any]:
    """A small status record of a pool (for the status route)."""
    return {
        "generation": pool.generation,
        "graphs": len(pool.graphs),
        "quads": pool.quads,
        "workers": len(pool.worker_pids()),
        "timeouts": pool.timeouts,
        "refreshes": pool.refreshes,
        "python": sys.version.split()[0],
    }
