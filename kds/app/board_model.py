"""The Qt face of `kds.core.board.Board`: open tickets, lanes, alerts, and its ``changed`` signal.

The Board is a pure state machine; this adapter gives it a Qt signal as its change feed, so a
view repaints only the ticket that changed. Everything here runs on the Qt thread: the session
feeds the Board only from there (hub events and REST results are queued to it first).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kds.core.alerts import Alert
from kds.core.allday import AllDay
from kds.core.board import Board
from kds.core.changes import BoardCleared, MenuChanged
from kds.core.lanes import Lane, lane_tickets
from kds.core.menu import Menu
from kds.core.stations import Station
from kds.core.ticket import RecalledTicket, Ticket

__all__ = ["BoardModel"]

log = logging.getLogger(__name__)


class BoardModel(QObject):
    """The current restaurant's board for views.

    One model lives as long as the session; a restaurant switch (or logout) replaces the Board
    underneath and emits ``BoardCleared`` first, so views drop every ticket they show.

    Signals:
        changed(object): one ``kds.core.changes.Change`` value — ``OrderAdded(order)``,
            ``OrderUpdated(order, old_status)``, ``OrderRemoved(order_id, final_status)``
            (``None``: a resync no longer listed it), ``AlertRaised``, ``AlertCleared``,
            ``BoardCleared``, ``UnknownStatusSeen``, ``MenuChanged(menu)`` (the menu lines are
            placed by; a view treats ``BoardCleared`` as "no menu" too). The Board emits it
            itself (the signal is its feed), so a change reaches a view's slot with no code of
            ours in between.
            Views render what the change carries and never read the model back.

    Attributes:
        board: the current ``Board`` (``None`` before a restaurant is selected). Read-only for
            views: only the session feeds it.
        menu: the restaurant's menu the board places order lines by (``None``: not loaded,
            or failed to load: every line is "Other"). Set by ``kds.app.menu_loader``.
    """

    changed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.board: Board | None = None
        self.menu: Menu | None = None

    # ------------------------------------------------------------------ reading
    @property
    def restaurant_id(self) -> str | None:
        return None if self.board is None else self.board.restaurant_id

    def tickets(self) -> list[Ticket]:
        """Every open ticket, sorted as the backend's active queue."""
        return [] if self.board is None else self.board.open_orders()

    def lane(self, lane: Lane) -> list[Ticket]:
        """The tickets of one lane, oldest first."""
        return [] if self.board is None else lane_tickets(self.board.open_orders(), lane)

    def get(self, order_id: str) -> Ticket | None:
        return None if self.board is None else self.board.get(order_id)

    def recall(self) -> list[RecalledTicket]:
        """The last tickets that left the board, newest first (bounded)."""
        return [] if self.board is None else self.board.recall()

    def all_day(self, *, menu: Menu | None = None, station: Station | None = None) -> AllDay:
        """Item totals over the New and In-progress lanes (a station's lines only, if given)."""
        if self.board is None:
            return AllDay(items=(), tickets_counted=0, tickets_pending=0)
        return self.board.all_day(menu=menu, station=station)

    def alerts(self) -> list[Alert]:
        """Unacknowledged new-order alerts, oldest first."""
        return [] if self.board is None else self.board.unacknowledged_alerts()

    def __len__(self) -> int:
        return 0 if self.board is None else len(self.board)

    # ------------------------------------------------------------------ session side
    def set_menu(self, menu: Menu | None) -> None:
        """Place lines by ``menu`` from now on: ``MenuChanged`` if it differs from the current.

        A menu of another restaurant than the board's is never set (logged and ignored).
        """
        if menu is not None and (
            self.restaurant_id is None
            or menu.restaurant_id.casefold() != self.restaurant_id.casefold()
        ):
            log.warning(
                "menu of restaurant %s not set on the board of %s",
                menu.restaurant_id,
                self.restaurant_id,
            )
            return
        if menu is self.menu or menu == self.menu:
            return
        self.menu = menu
        self.changed.emit(MenuChanged(menu))

    def reset(self, restaurant_id: str | None, **board_kwargs: object) -> Board | None:
        """Drop the current board (``BoardCleared``) and start an empty one, or none.

        The menu is forgotten without a ``MenuChanged``: ``BoardCleared`` already tells views
        that everything is gone, the menu with it.
        """
        old, self.board = self.board, None
        self.menu = None
        if old is not None:
            old.silence()  # a late result applied to it must never reach the views
            self.changed.emit(BoardCleared())
        if restaurant_id is None:
            return None
        self.board = Board(restaurant_id, feed=self.changed, **board_kwargs)  # type: ignore[arg-type]
        return self.board
