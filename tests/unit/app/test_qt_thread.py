"""Worker: queued calls are dropped at shutdown, queued cleanups still run."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication

from kds.app.qt_thread import QtThread, Worker


def test_shutdown_drops_queued_calls_but_runs_queued_cleanups(qapp: QCoreApplication) -> None:
    """Issue 14: ``logout`` queued its REST client's ``close()`` and a shutdown right after
    cancelled it, so the client's sockets were left to the garbage collector."""
    worker = Worker(QtThread(), 1, "kds-test")
    release = threading.Event()
    ran: list[str] = []
    worker.run(release.wait)  # the only thread is busy: everything below queues behind it
    worker.run(lambda: ran.append("call"))
    worker.run(lambda: ran.append("close"), cleanup=True)
    threading.Timer(0.1, release.set).start()
    worker.shutdown()
    assert ran == ["close"]


def test_a_cleanup_after_shutdown_runs_at_once(qapp: QCoreApplication) -> None:
    worker = Worker(QtThread(), 1, "kds-test")
    worker.shutdown()
    ran: list[str] = []
    assert worker.run(lambda: ran.append("call")) is None
    assert worker.run(lambda: ran.append("close"), cleanup=True) is None
    assert ran == ["close"]
