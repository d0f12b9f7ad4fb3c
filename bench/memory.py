"""Peak memory, measured the same way for every contender of a benchmark.

Two tools, both reading Linux's own accounting in ``/proc``:

* :func:`isolated` runs a function in a fresh interpreter (``multiprocessing``'s *spawn*: no
  pages inherited from the benchmark process) and returns its result with the child's peak
  resident set (``VmHWM``). Run each contender this way and their peaks compare fairly; the
  child's baseline (the interpreter and the modules the benchmark script imports) is
  :func:`baseline`, the same for every contender of one script.
* :class:`TreePeak` samples a running process *and all its descendants* (a server's front, its
  zygote and its workers) in a background thread and keeps the peak of their summed resident
  sets (RSS: shared pages counted once per process, an upper bound) and of their summed
  proportional sets (PSS: shared pages split between the processes that share them, the
  memory the tree really holds). Forked workers share their parent's pages copy-on-write, so
  for a zygote and its workers RSS over-counts and PSS is the figure to compare with RAM.

    from memory import isolated, TreePeak, mib
    result, peak = isolated(my_contender, arg1, arg2)   # peak in bytes
    with TreePeak(server_pid) as tree:
        ...  # drive the server
    print(mib(tree.peak_rss), mib(tree.peak_pss))
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def mib(n: int) -> str:
    """Bytes as MiB, for tables."""
    return f"{n / 2**20:,.0f} MiB"


def _status_kib(pid: int | str, field: str) -> int:
    """A ``kB`` field of ``/proc/PID/status`` in bytes (0 if the process is gone)."""
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    return 0


def peak(pid: int | str = "self") -> int:
    """The peak resident set so far (``VmHWM``) of a process (default: this one), in bytes."""
    return _status_kib(pid, "VmHWM")


def _child(fn: Callable[..., Any], args: tuple[Any, ...], conn: Any) -> None:
    try:
        result = fn(*args)
    except BaseException as exc:  # sent back and raised in the parent
        conn.send(("error", repr(exc), peak()))
    else:
        conn.send(("ok", result, peak()))
    conn.close()


def isolated(fn: Callable[..., T], *args: Any) -> tuple[T, int]:
    """Run ``fn(*args)`` in a fresh interpreter: its result and the child's peak RSS in bytes.

    ``fn`` must be importable (a module-level function) and its arguments and result picklable.
    """
    ctx = multiprocessing.get_context("spawn")
    ours, theirs = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(fn, args, theirs))
    process.start()
    theirs.close()
    try:
        status, value, peak = ours.recv()
    except EOFError:
        process.join()
        raise RuntimeError(f"{fn.__name__} died (exit code {process.exitcode})") from None
    process.join()
    if status == "error":
        raise RuntimeError(f"{fn.__name__} failed in its child process: {value}")
    return value, peak


def _nothing() -> None:
    return None


def baseline() -> int:
    """The peak RSS of an :func:`isolated` child that does nothing: the interpreter and the
    modules of the benchmark script, a floor shared by every contender."""
    return isolated(_nothing)[1]


def descendants(pid: int) -> list[int]:
    """``pid`` and every live process below it (one scan of ``/proc``)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            stat = Path(entry.path, "stat").read_text()
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo.extend(children.get(p, []))
    return found


def _pss(pid: int) -> int:
    with contextlib.suppress(OSError):
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def tree_memory(pid: int) -> tuple[int, int, int]:
    """(summed RSS, summed PSS, number of processes) of ``pid`` and its descendants now."""
    pids = descendants(pid)
    return sum(_status_kib(p, "VmRSS") for p in pids), sum(_pss(p) for p in pids), len(pids)


class TreePeak:
    """Samples the memory of a process tree every ``interval`` seconds while in its ``with``
    block; ``peak_rss`` / ``peak_pss`` / ``most_processes`` hold the highest values seen and
    ``samples`` every (seconds since the start, PSS) taken."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        self.pid = pid
        self.interval = interval
        self.peak_rss = self.peak_pss = self.most_processes = 0
        self.samples: list[tuple[float, int]] = []
        self._started = time.monotonic()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> tuple[int, int]:
        """Take one sample now (also done by the thread): (RSS, PSS) of the tree."""
        rss, pss, n = tree_memory(self.pid)
        self.samples.append((time.monotonic() - self._started, pss))
        self.peak_rss = max(self.peak_rss, rss)
        self.peak_pss = max(self.peak_pss, pss)
        self.most_processes = max(self.most_processes, n)
        return rss, pss

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> TreePeak:
        self._started = time.monotonic()
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
