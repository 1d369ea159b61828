"""Fetching the items of tickets whose detail is pending (rules 1, 5), off the Qt thread.

A ticket that arrives from a hub event or a queue row carries no items; the board lists it in
``pending_details()`` until ``GET /orders/{id}`` answers. A pending order is either not asked
yet, being fetched (one GET at a time), or unreadable (the server's answer could not be read: not
asked again until the next snapshot, a retry would hammer it for nothing). Results of a previous
restaurant are dropped (the controller's restaurant ``Epoch``).
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer

from kds.app.board_model import BoardModel
from kds.app.i18n import translate
from kds.app.qt_thread import Worker
from kds.app.reporting import Reporter
from kds.core.epoch import Epoch
from kds.core.errors import ProtocolError, UnknownStatusError
from kds.core.orders import OrderDetail
from kds.net.errors import NotFound, ends_session
from kds.net.rest import RestClient

__all__ = ["DetailFetcher"]

log = logging.getLogger(__name__)

RETRY_S = 2.0  # a failed detail (server down, 5xx) is asked again after this


class DetailFetcher(Reporter):
    """Asks for every pending detail once, retries failures, and feeds the answers to the board.

    Signals:
        notice(str level, str message): an order's items could not be read.
        auth_expired(): a fetch was refused for good: the session must sign in again.
    """

    def __init__(
        self, model: BoardModel, worker: Worker, epoch: Epoch, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._epoch = epoch  # the restaurant's: a result of an older one is dropped
        self._model = model
        self._worker = worker
        self._rest: RestClient | None = None
        self._rid: str | None = None
        self._futures: dict[str, Future[Any] | None] = {}  # being fetched
        self._unreadable: set[str] = set()  # not asked again until the next snapshot
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.fetch)

    @property
    def in_flight(self) -> int:
        """Fetches started and not yet back on the Qt thread."""
        return len(self._futures)

    def reset(self, rest: RestClient | None, restaurant_id: str | None) -> None:
        """Forget everything (a restaurant switch or stop): cancel queued fetches."""
        for future in self._futures.values():
            if future is not None:
                future.cancel()
        self._futures.clear()
        self._unreadable.clear()
        self._retry_timer.stop()
        self._rest, self._rid = rest, restaurant_id

    def snapshot_applied(self) -> None:
        """A fresh snapshot: unreadable details may be readable now, ask again."""
        self._unreadable.clear()
        self.fetch()

    def fetch(self) -> None:
        """Ask for every pending detail that is not already on its way."""
        board, rest, rid, gen = self._model.board, self._rest, self._rid, self._epoch.stamp()
        if board is None or rest is None or rid is None:
            return
        for order_id in board.pending_details():
            if order_id in self._futures or order_id in self._unreadable:
                continue
            self._futures[order_id] = None  # reserve before submit: the callback may race

            def get(order_id: str = order_id) -> OrderDetail:
                return rest.order_detail(rid, order_id)

            self._futures[order_id] = self._worker.run(
                get,
                partial(self._on_detail, gen, order_id),
                partial(self._on_failed, gen, order_id),
            )

    def _finished(self, gen: int, order_id: str) -> bool:
        """Bookkeeping of an answer; False when it belongs to a previous restaurant."""
        if not self._epoch.current(gen):
            return False
        self._futures.pop(order_id, None)
        return True

    def _on_detail(self, gen: int, order_id: str, detail: OrderDetail) -> None:
        board = self._model.board
        if self._finished(gen, order_id) and board is not None:
            board.apply(detail)

    def _on_failed(self, gen: int, order_id: str, exc: BaseException) -> None:
        if not self._finished(gen, order_id):
            return
        if ends_session(exc):
            self.auth_expired.emit()
        elif isinstance(exc, ProtocolError):
            self._unreadable.add(order_id)
            board = self._model.board
            if isinstance(exc, UnknownStatusError) and board is not None:
                board.note_unknown_status(order_id, exc.value)  # shown as a notice
            else:
                log.warning("detail of %s unreadable: %s", order_id, exc)
                text = translate(
                    "OrderDetails", "Order {number}: its items could not be read ({field})."
                )
                self.notice.emit("warning", text.format(number=order_id[:8], field=exc.field))
        elif isinstance(exc, NotFound):
            log.info(
                "detail of %s: not found (closed or moved); the next resync settles it", order_id
            )
        else:
            log.info("detail of %s failed (%s); retrying", order_id, type(exc).__name__)
            if not self._retry_timer.isActive():
                self._retry_timer.start(int(RETRY_S * 1000))
