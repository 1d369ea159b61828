"""Fail the test that leaves threads or sockets behind, not the one that trips over them later.

A chaos world whose start failed once left a socket open; its ``ResourceWarning`` surfaced when
the garbage collector ran during the *next* test, which then failed for nothing it did (issue
14). ``no_leaks`` takes the process's threads and socket file descriptors before the test and
checks them after it: whatever is new and still there after a short grace period (teardown
helpers end within their own timeouts) fails this test, named — threads by name, sockets by
their TCP endpoints from ``/proc/net``. The collector runs first, so an unclosed socket's
warning is raised here too.
"""

from __future__ import annotations

import gc
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# Threads of the product (hub, its socket reader, the session's pools) and of the test harness
# (the chaos proxy). Other libraries' long-lived helpers (e.g. a module fixture's) are not ours.
WATCHED_THREADS = ("kds-", "Signalrcore", "test-proxy")
GRACE_S = 5.0


def _sockets() -> dict[int, str]:
    """Open socket file descriptors of this process: fd → ``socket:[inode]``."""
    found = {}
    fd_dir = Path("/proc/self/fd")
    for entry in fd_dir.iterdir() if fd_dir.is_dir() else ():
        try:
            target = os.readlink(entry)
        except OSError:  # closed meanwhile (or the directory's own fd)
            continue
        if target.startswith("socket:["):
            found[int(entry.name)] = target
    return found


def _tcp_endpoints() -> dict[str, str]:
    """``socket:[inode]`` → ``127.0.0.1:5000 → 127.0.0.1:41234`` for IPv4/IPv6 TCP sockets."""
    endpoints = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            endpoints[f"socket:[{inode}]"] = f"port {_port(local)} → port {_port(remote)}"
    return endpoints


def _port(address: str) -> int:
    return int(address.rsplit(":", 1)[1], 16)


def _watched_threads(before: set[threading.Thread]) -> list[str]:
    return [
        t.name
        for t in threading.enumerate()
        if t not in before and t.is_alive() and t.name.startswith(WATCHED_THREADS)
    ]


def leftovers(before_threads: set[threading.Thread], before_sockets: dict[int, str]) -> list[str]:
    """What the test left: new watched threads and new socket descriptors (empty when clean)."""
    gc.collect()  # an unreferenced socket closes (and warns) now, in this test
    threads = _watched_threads(before_threads)
    sockets = {
        fd: target
        for fd, target in _sockets().items()
        if before_sockets.get(fd) != target  # a reused fd number is a new socket
    }
    found = [f"thread {name}" for name in threads]
    if sockets:
        endpoints = _tcp_endpoints()
        found += [f"socket fd {fd} ({endpoints.get(t, t)})" for fd, t in sorted(sockets.items())]
    return found


@pytest.fixture
def no_leaks() -> Iterator[None]:
    """Fails the test if it leaves a watched thread or a socket open after ``GRACE_S``."""
    before_threads = set(threading.enumerate())
    before_sockets = _sockets()
    yield
    deadline = time.monotonic() + GRACE_S
    while (found := leftovers(before_threads, before_sockets)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not found, "left behind by this test: " + "; ".join(found)


__all__ = ["no_leaks"]
