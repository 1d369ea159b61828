"""The snapshot that makes the board equal to the server's queues (rules 1, 3, 8).

A resync is ``begin_resync`` (hub events buffered) → every page of ``/orders/new`` and
``/orders/active`` on a worker, decoded there row by row → ``apply_snapshot`` (the buffer
replayed on top). A request while one is running is remembered and run right after (the running
fetch may predate a subscription); a failure retries with doubling delays up to 30 s. Results
of a previous restaurant are dropped (the controller's restaurant ``Epoch``).
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QTimer, Signal

from kds.app.board_fetcher import BoardFetcher
from kds.app.i18n import translate
from kds.core.decode import Rejected
from kds.core.errors import ProtocolError
from kds.core.orders import OrderSummary
from kds.net.errors import Forbidden, ends_session
from kds.net.rest import RestClient

__all__ = ["Resync", "ResyncState"]

MAX_RETRY_S = 30.0

Rows = list[OrderSummary | Rejected]


class ResyncState(Enum):
    IDLE = "idle"
    FETCHING = "fetching"
    FETCHING_THEN_AGAIN = "fetching, then again"  # asked again while the fetch was running
    WAITING_TO_RETRY = "waiting to retry"  # the last fetch failed; the retry timer runs


class Resync(BoardFetcher):
    """Fetches and applies snapshots for one restaurant at a time.

    Signals:
        synced(object): a snapshot was applied (UTC ``datetime``).
        notice(str level, str message): the snapshot failed and when it is retried.
        auth_expired(): the fetch was refused for good: the session must sign in again.
    """

    synced = Signal(object)

    def _setup(self) -> None:
        self.state = ResyncState.IDLE
        self._failures = 0
        self.count = 0  # snapshots applied since this object was made (any restaurant)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.request)

    def reset(self, rest: RestClient | None, restaurant_id: str | None) -> None:
        """Forget the running fetch and any retry (a restaurant switch or stop)."""
        self._rest, self._rid = rest, restaurant_id
        self.state = ResyncState.IDLE
        self._failures = 0
        self._retry_timer.stop()

    def request(self) -> None:
        """Resync now, or right after the fetch that is running."""
        board, rest, rid, gen = self._model.board, self._rest, self._rid, self._epoch.stamp()
        if board is None or rest is None or rid is None:
            return
        if self.state in (ResyncState.FETCHING, ResyncState.FETCHING_THEN_AGAIN):
            self.state = ResyncState.FETCHING_THEN_AGAIN  # the running fetch may be too old
            return
        self.state = ResyncState.FETCHING
        self._retry_timer.stop()
        board.begin_resync()

        def fetch() -> Rows:
            # Decoded row by row on this worker: a row the client cannot read (a status from a
            # newer backend) keeps its ticket and raises a notice instead of failing the whole
            # snapshot.
            return rest.all_order_rows(rid, "new") + rest.all_order_rows(rid, "active")

        self._worker.run(
            fetch,
            lambda rows: self._on_rows(gen, rows),
            lambda exc: self._on_failed(gen, exc),
        )

    def _on_rows(self, gen: int, rows: Rows) -> None:
        board = self._model.board
        if not self._epoch.current(gen) or board is None:
            return
        again = self.state is ResyncState.FETCHING_THEN_AGAIN
        self.state = ResyncState.IDLE
        self._failures = 0
        board.apply_snapshot(rows)
        self.count += 1
        self.synced.emit(self._clock())
        if again:
            self.request()

    def _on_failed(self, gen: int, exc: BaseException) -> None:
        board = self._model.board
        if not self._epoch.current(gen) or board is None:
            return
        self.state = ResyncState.IDLE
        board.abort_resync()
        if ends_session(exc):
            self.auth_expired.emit()
            return
        self._failures += 1
        delay_s = min(MAX_RETRY_S, self._settings.snapshot_retry_s * 2 ** (self._failures - 1))
        if isinstance(exc, Forbidden):
            text = translate("Resync", "This account may not see this restaurant's orders.")
            self.notice.emit("error", text)
            return
        if isinstance(exc, ProtocolError):
            text = translate(
                "Resync",
                "The server sent an order list this version cannot read ({error}). "
                "Retrying in {seconds} s.",
            )
        else:
            text = translate(
                "Resync",
                "Server unreachable: the board may be out of date. Retrying in {seconds} s.",
            )
        self.notice.emit("warning", text.format(error=exc, seconds=f"{delay_s:.0f}"))
        self.state = ResyncState.WAITING_TO_RETRY
        self._retry_timer.start(int(delay_s * 1000))
