"""The Qt face of `kds.core.board.Board`: open tickets, lanes, alerts, per-ticket signals.

The Board is a pure state machine; this adapter turns its change feed into Qt signals so a view
repaints only the ticket that changed. Everything here runs on the Qt thread: the session feeds
the Board only from there (hub callbacks and REST results are queued to it first).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from kds.core.allday import AllDay
from kds.core.board import Alert, Board
from kds.core.changes import (
    AlertCleared,
    AlertRaised,
    BoardCleared,
    Change,
    OrderAdded,
    OrderRemoved,
    OrderUpdated,
    UnknownStatusSeen,
)
from kds.core.lanes import Lane
from kds.core.ticket import RecalledTicket, Ticket

__all__ = ["BoardModel"]


class BoardModel(QObject):
    """The current restaurant's board for views.

    One model lives as long as the session; a restaurant switch (or logout) replaces the Board
    underneath and emits ``board_cleared`` first, so views drop every ticket they show.

    Signals:
        ticket_added(Ticket ticket): a ticket appeared.
        ticket_changed(Ticket ticket, str old_status): its status, times or detail changed;
            ``old_status`` is the status before (equal to the new one when only times or
            detail changed). Views render what the signal carries and never read back.
        ticket_removed(str order_id, str status): it left the board; ``status`` is the final
            status (``Delivered``, ``Cancelled``, ``Rejected``) or ``""`` when a resync no
            longer listed it (closed elsewhere, how unknown).
        alert_raised(str order_id, str order_number): a genuinely new order: start the sound.
        alert_cleared(str order_id): acknowledged, accepted, rejected or gone: stop for it.
        board_cleared(): every ticket and alert is gone (restaurant switch, logout).
        unknown_status_seen(str order_id, str value): the backend sent a status this client
            does not know; the ticket keeps its last known state.

    Attributes:
        board: the current ``Board`` (``None`` before a restaurant is selected). Read-only for
            views: only the session feeds it.
    """

    ticket_added = Signal(object)
    ticket_changed = Signal(object, str)
    ticket_removed = Signal(str, str)
    alert_raised = Signal(str, str)
    alert_cleared = Signal(str)
    board_cleared = Signal()
    unknown_status_seen = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: Board | None = None
        self._unsubscribe: Callable[[], None] | None = None

    # ------------------------------------------------------------------ reading
    @property
    def restaurant_id(self) -> str | None:
        return None if self.board is None else self.board.restaurant_id

    def tickets(self) -> list[Ticket]:
        """Every open ticket, sorted as the backend's active queue."""
        return [] if self.board is None else self.board.open_orders()

    def lane(self, lane: Lane) -> list[Ticket]:
        """The tickets of one lane, oldest first."""
        return [] if self.board is None else self.board.lane(lane)

    def get(self, order_id: str) -> Ticket | None:
        return None if self.board is None else self.board.get(order_id)

    def recall(self) -> list[RecalledTicket]:
        """The last tickets that left the board, newest first (bounded)."""
        return [] if self.board is None else self.board.recall()

    def all_day(self) -> AllDay:
        """Item totals over the New and In-progress lanes."""
        if self.board is None:
            return AllDay(items=(), tickets_counted=0, tickets_pending=0)
        return self.board.all_day()

    def alerts(self) -> list[Alert]:
        """Unacknowledged new-order alerts, oldest first."""
        return [] if self.board is None else self.board.unacknowledged_alerts()

    def __len__(self) -> int:
        return 0 if self.board is None else len(self.board)

    # ------------------------------------------------------------------ session side
    def reset(self, restaurant_id: str | None, **board_kwargs: object) -> Board | None:
        """Drop the current board (``board_cleared``) and start an empty one, or none."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        had_board = self.board is not None
        self.board = None
        if had_board:
            self.board_cleared.emit()
        if restaurant_id is None:
            return None
        board = Board(restaurant_id, **board_kwargs)  # type: ignore[arg-type]
        self.board = board
        self._unsubscribe = board.subscribe(self._on_change)
        return board

    def _on_change(self, change: Change) -> None:
        if isinstance(change, OrderUpdated):
            self.ticket_changed.emit(change.order, change.old_status.value)
        elif isinstance(change, OrderAdded):
            self.ticket_added.emit(change.order)
        elif isinstance(change, OrderRemoved):
            final = "" if change.final_status is None else change.final_status.value
            self.ticket_removed.emit(change.order_id, final)
        elif isinstance(change, AlertRaised):
            self.alert_raised.emit(change.order_id, change.order_number)
        elif isinstance(change, AlertCleared):
            self.alert_cleared.emit(change.order_id)
        elif isinstance(change, BoardCleared):
            self.board_cleared.emit()
        elif isinstance(change, UnknownStatusSeen):
            self.unknown_status_seen.emit(change.order_id, change.value)
