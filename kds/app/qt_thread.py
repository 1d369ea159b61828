"""Run blocking calls on worker threads and deliver their results on the Qt thread.

Every library callback (hub events, hub state changes) and every REST result reaches the app
through ``QtThread.post``: a queued signal, so the Board and the widgets are only ever touched
on the thread that owns this object (the Qt main thread).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

__all__ = ["QtThread", "Worker"]

log = logging.getLogger(__name__)

T = TypeVar("T")


class QtThread(QObject):
    """Posts callables to the thread this object lives in.

    Signals:
        posted(object): internal; carries the callable across threads (queued connection).
    """

    posted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.closed = False
        # Queued even when posting from the Qt thread itself: callers never re-enter.
        self.posted.connect(self._on_posted, Qt.ConnectionType.QueuedConnection)

    def post(self, fn: Callable[[], Any]) -> None:
        """Call ``fn()`` later on the Qt thread (safe from any thread)."""
        if not self.closed:
            self.posted.emit(fn)

    @Slot(object)
    def _on_posted(self, fn: Callable[[], Any]) -> None:
        if self.closed:
            return
        try:
            fn()
        except Exception:
            log.exception("callback on the Qt thread failed; ignored so the session keeps going")


class Worker:
    """A bounded thread pool whose results come back on the Qt thread.

    ``run(fn, on_done, on_error)``: ``fn()`` runs on a pool thread; ``on_done(result)`` or
    ``on_error(exc)`` runs on the Qt thread. Nothing here blocks the Qt thread.
    """

    def __init__(self, qt: QtThread, max_workers: int, name: str) -> None:
        self._qt = qt
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=name)
        self._lock = threading.Lock()
        self._droppable: set[Future[Any]] = set()

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], Any] | None = None,
        on_error: Callable[[BaseException], Any] | None = None,
        *,
        cleanup: bool = False,
    ) -> Future[T] | None:
        """Run ``fn`` on the pool. A ``cleanup`` (closing a client, stopping a hub) still runs
        when ``shutdown`` comes first; other queued calls are dropped then."""
        try:
            future = self._pool.submit(fn)
        except RuntimeError:  # the pool is shut down: the session is closing
            if cleanup:
                fn()  # nothing else may run it: do it here rather than leak what it closes
            return None
        if not cleanup:
            with self._lock:
                self._droppable.add(future)
            future.add_done_callback(self._forget)

        def finished(f: Future[T]) -> None:
            if f.cancelled():
                return
            exc = f.exception()
            if exc is None:
                if on_done is not None:
                    result = f.result()
                    self._qt.post(lambda: on_done(result))
            elif on_error is not None:
                self._qt.post(lambda: on_error(exc))
            else:
                log.warning("background call failed: %s", exc)

        future.add_done_callback(finished)
        return future

    def _forget(self, future: Future[Any]) -> None:
        with self._lock:
            self._droppable.discard(future)

    def shutdown(self) -> None:
        """Drop queued calls, then wait for running ones and queued cleanups (each is bounded
        by its own timeout). A dropped cleanup once leaked the sockets of a signed-out session's
        REST client: ``logout`` queues ``close()``, and a shutdown right after cancelled it."""
        with self._lock:
            droppable = list(self._droppable)
        for future in droppable:
            future.cancel()
        self._pool.shutdown(wait=True)
