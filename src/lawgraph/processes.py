"""What the processes lawgraph forks (query workers, loader workers) share: how many cores they
may use, and dying with the process that started them."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1


def usable_cores() -> int:
    """The cores this process may run on (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies: no orphan goes on running a
    query or holding a lock it inherited."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def without_network() -> bool:
    """Move this process into a network namespace of its own, where no interface is up: no
    connection can leave it (Unix socket pairs it holds still work). Through a user namespace
    of its own, so that no privilege is needed. The process must have one thread.

    :returns: False where the system forbids it (no user namespaces, a seccomp filter).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET) == 0)
    except (OSError, AttributeError):
        return False
