"""`AutoAccept`: a terminal that accepts every new order by itself, with a fixed ETA (issue 16).

Off unless the terminal's ``auto_accept`` setting says so. It watches the board's changes and
sends each Placed order's Accept once, through the one tap path (``Session.run``), marked
``automatic`` so that losing a race with another terminal is no error to show. What it needs to
know and why:

- **Which orders.** Every ticket the board holds as Placed: a live ``ReceiveOrderPlaced``, an
  order a resync found, an order already waiting when the setting was switched on or the
  restaurant resumed taking orders. The board decides what is an order of this restaurant;
  this class reads the board, never the wire.
- **Once per order.** The ids it sent are remembered for the life of one ``Board`` (one
  selected restaurant): a later change of the same ticket, a resync or a second
  ``ReceiveOrderPlaced`` never sends again. A failed accept is not retried either: the error is
  on the ticket and a cook takes over (a retry loop against a refusing server helps nobody).
- **Not while paused.** The restaurant's accepting-orders state comes from the session; while
  it is paused, or not known yet, Placed orders wait (and keep alerting as on any terminal).
  When it resumes, the waiting ones are accepted: resuming says "we take orders again", and a
  terminal set to accept every order should not leave the ones that arrived meanwhile behind
  while accepting the next one.
- **After the change, not inside it.** Changes arrive through a queued connection, so the
  board has finished reporting (``OrderAdded``, then ``AlertRaised``) before the Accept goes
  out. The Accept acknowledges the order's alert at once (``Action.acknowledges``), so the
  chime sounds exactly once and stops, whatever the server's round trip; sent from inside
  ``OrderAdded`` it would acknowledge an alert not raised yet, and the chime would repeat until
  the answer came back. The ticket is read again when the call runs: an order another
  terminal accepted meanwhile is no longer Placed, and nothing is sent for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt

from kds.app.board_model import BoardModel
from kds.app.i18n import translate
from kds.app.messages import action_text
from kds.core.actions import ETA_DEFAULT_MIN, Action, ActionRequest
from kds.core.board import Board
from kds.core.changes import Change, OrderAdded, OrderUpdated
from kds.core.orders import OrderStatus
from kds.net.errors import Conflict, InvalidTransition

__all__ = ["AutoAccept"]

# Every automatic accept is logged at INFO, and `kds.app.logging_setup` keeps this logger's
# INFO lines at the default WARNING too: the kitchen must be able to tell which orders the
# screen accepted by itself.
log = logging.getLogger(__name__)


def _moved_on(exc: BaseException) -> bool:
    """The order is no longer where the action starts: another terminal (or the customer) got
    there first. 400 ``Order.Invalid…`` is what the backend answers, 409 ``AlreadyAccepted``
    what it defines and never sends (contract §4.2); an order already Accepted gets a 200."""
    return isinstance(exc, InvalidTransition | Conflict)


class AutoAccept(QObject):
    """Accepts each Placed order of the board once, while enabled and the restaurant is open.

    Args:
        model: the session's board model (its ``changed`` signal, its current board).
        run: where an Accept goes (``Session.run``).
        enabled: the terminal's ``auto_accept`` setting.
        eta_min: the ETA every automatic Accept promises, in minutes from sending.

    Attributes:
        enabled, eta_min: as given; change ``enabled`` with `set_enabled`.
        accepting: the restaurant takes orders (True), is paused (False) or it is not known
            yet (None: nothing is sent); set by the session with `set_accepting`.
    """

    def __init__(
        self,
        model: BoardModel,
        run: Callable[[ActionRequest], None],
        *,
        enabled: bool = False,
        eta_min: int = ETA_DEFAULT_MIN,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._run = run
        self.enabled = enabled
        self.eta_min = eta_min
        self.accepting: bool | None = None
        self._board: Board | None = None  # the board `_sent` belongs to
        self._sent: set[str] = set()
        model.changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)

    def set_enabled(self, enabled: bool) -> None:
        """Switch auto-accept on or off; on, the orders already waiting are accepted too."""
        if enabled == self.enabled:
            return
        self.enabled = enabled
        log.info("auto-accept %s (ETA %d min)", "on" if enabled else "off", self.eta_min)
        self._sweep()

    def set_accepting(self, accepting: bool | None) -> None:
        """The restaurant's accepting-orders state; resuming accepts the orders that waited."""
        self.accepting = accepting
        self._sweep()

    def judge_failure(self, request: ActionRequest, exc: BaseException) -> str | None:
        """What an automatic accept's failure means: None when the order had moved on
        (another terminal or the customer was first — logged, no error on the ticket, no
        notice), else the notice a person must read: the alert was answered already, so the
        screen must say that the order still waits for someone."""
        text = action_text(exc)
        if _moved_on(exc):
            log.info(
                "auto-accept of %s: the order had moved on already (%s)", request.order_id, text
            )
            return None
        ticket = self._model.get(request.order_id)
        number = ticket.order_number if ticket is not None else request.order_id[:8]
        said = translate(
            "AutoAccept",
            "Auto-accept of order {number} failed: {reason}. Please handle it by hand.",
        )  # only Accept is sent automatically
        return said.format(number=number, reason=text)

    def _on_change(self, change: Change) -> None:
        if isinstance(change, OrderAdded | OrderUpdated) and change.order.status is (
            OrderStatus.PLACED
        ):
            self._consider(change.order.order_id)

    def _sweep(self) -> None:
        for ticket in self._model.tickets():
            if ticket.status is OrderStatus.PLACED:
                self._consider(ticket.order_id)

    def _consider(self, order_id: str) -> None:
        if not self.enabled or self.accepting is not True:
            return
        board = self._model.board
        if board is None:  # no restaurant selected
            return
        if board is not self._board:  # another restaurant, or the same one selected again
            self._board, self._sent = board, set()
        ticket = board.get(order_id)  # as it is now, not as it was when the change was queued
        if ticket is None or ticket.status is not OrderStatus.PLACED or order_id in self._sent:
            return
        self._sent.add(order_id)
        log.info(
            "auto-accepting order %s (%s), ETA %d min", ticket.order_number, order_id, self.eta_min
        )
        self._run(ActionRequest(order_id, Action.ACCEPT, eta_min=self.eta_min, automatic=True))
