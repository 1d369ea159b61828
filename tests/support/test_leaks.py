"""The leak check names what a test left behind, and nothing else."""

from __future__ import annotations

import socket
import threading

from tests.support.leaks import _sockets, leftovers


def test_new_sockets_and_watched_threads_are_named_until_closed() -> None:
    threads, sockets = set(threading.enumerate()), _sockets()
    assert leftovers(threads, sockets) == []

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    release = threading.Event()
    worker = threading.Thread(target=release.wait, name="kds-call_9")
    other = threading.Thread(target=release.wait, name="somebody-elses")
    worker.start()
    other.start()
    try:
        found = leftovers(threads, sockets)
        assert "thread kds-call_9" in found
        assert not any("somebody-elses" in f for f in found)
        assert any(f"port {port}" in f for f in found), found
    finally:
        release.set()
        worker.join(5)
        other.join(5)
        listener.close()
    assert leftovers(threads, sockets) == []
