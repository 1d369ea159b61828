"""`BoardTickets`: a card for each open order this screen shows, kept current with the model.

The model tells the board every change (`BoardModel.changed`); this turns each into the cards
it touches — a `TicketView` made for an order that comes onto the screen, told its newer
ticket, or dropped when it leaves — kept in flow order (`BoardOrder`), each showing enough
digits of its number to be told apart. Another menu, sold-out set, station or set of "done
here" marks re-filters every open order (`ShownOrders`) without asking the model again.
Kept out of `BoardView`, which lays these cards out, pages and selects them: this decides
only which cards there are and what they say, and asks the board to re-plan once per change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QObject

from kds.core.changes import (
    BoardCleared,
    Change,
    MenuChanged,
    OrderAdded,
    OrderRemoved,
    OrderUpdated,
)
from kds.core.lanes import LANE_OF_STATUS
from kds.core.menu import Menu
from kds.core.step_queue import HeldStep
from kds.core.ticket import Ticket
from kds.ui.board_order import BoardOrder
from kds.ui.line_text import Placement
from kds.ui.shown_orders import ShownOrders
from kds.ui.ticket_view import TicketView

__all__ = ["BoardTickets"]


class BoardTickets(QObject):
    """The `TicketView`s of the orders this screen shows.

    A QObject child of the board, so that the model's signal stops reaching it with the board.

    Args:
        make: makes the card of a ticket that comes onto the screen (the board: its look, its
            signals, the held steps it shows from its first frame).
        dropped: called with each card that left (the board deselects and discards it).
        relayout: called once a change has touched the cards (the board re-plans the flow).

    Attributes:
        views: order id → its `TicketView`, for the orders shown.
        order: their flow order (oldest first) and the digits that tell their numbers apart.
        shown: every open order of the board, and how this screen places and filters them.
        held: each order's held steps as last told (`set_held`), shown or not.
    """

    def __init__(
        self,
        placement: Placement,
        clock: Callable[[], datetime],
        *,
        make: Callable[[Ticket, datetime], TicketView],
        dropped: Callable[[TicketView], None],
        relayout: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._make = make
        self._dropped = dropped
        self._relayout = relayout
        self.views: dict[str, TicketView] = {}
        self.order = BoardOrder()
        self.shown = ShownOrders(placement)
        # Each order's held steps as last told (`set_held`): a ticket made again — back on a
        # station, the board rebuilt — shows them from its first frame.
        self.held: dict[str, tuple[tuple[HeldStep, ...], bool]] = {}

    def load(self, tickets: Iterable[Ticket]) -> None:
        """The model's tickets when the board is made; the board plans them once after."""
        now = self._clock()
        for ticket in tickets:
            self.shown.put(ticket)
            self._add(ticket, now, relayout=False)

    def set_held(
        self, order_id: str, held: tuple[HeldStep, ...], offline: bool
    ) -> TicketView | None:
        """Remember the order's held steps (empty: none) and show them on its card, if it has
        one (returned: it may need measuring again)."""
        if held:
            self.held[order_id] = (held, offline)
        else:
            self.held.pop(order_id, None)
        view = self.views.get(order_id)
        if view is not None:
            view.set_held(held, offline)
        return view

    # ------------------------------------------------------------------ model → cards

    def on_change(self, change: Change) -> None:
        """The board's change, as the Board emitted it through the model's signal."""
        if isinstance(change, OrderUpdated):  # the common case, handled here: one hop less
            ticket = change.order
            view = self.views.get(ticket.order_id)
            if not self.shown.put(ticket):
                self._remove(ticket.order_id)
            elif view is None:
                self._add(ticket, self._clock())
            else:
                old_number = view.ticket.order_number
                view.set_ticket(ticket, self._clock())
                self.order.reposition(ticket)
                if ticket.order_number != old_number:
                    self._renumber(old_number)
                    self._renumber(ticket.order_number)
                self._relayout()
        elif isinstance(change, OrderAdded):
            if self.shown.put(change.order):
                self._add(change.order, self._clock())
        elif isinstance(change, OrderRemoved):
            self.shown.drop(change.order_id)
            self._remove(change.order_id)
        elif isinstance(change, BoardCleared):
            self.shown.clear()
            self._clear()
        elif isinstance(change, MenuChanged):
            self.set_menu(change.menu)

    def set_placement(self, placement: Placement) -> None:
        """Place every ticket's lines by another menu, sold-out set or station; tickets the
        station does not show leave, those it now shows come; one re-plan at the end."""
        self.shown.placement = placement
        self._refilter()

    def set_menu(self, menu: Menu | None) -> None:
        self.set_placement(replace(self.shown.placement, menu=menu))

    def set_done(self, done: frozenset[str]) -> None:
        """The orders this station marked "done here": off its screen until recalled."""
        self.shown.done = frozenset(done)
        self._refilter()

    def _add(self, ticket: Ticket, now: datetime, relayout: bool = True) -> None:
        if LANE_OF_STATUS.get(ticket.status) is None or ticket.order_id in self.views:
            return
        view = self._make(ticket, now)
        self.views[ticket.order_id] = view
        self.order.insert(ticket)
        self._renumber(ticket.order_number)
        if relayout:
            self._relayout()

    def _refilter(self) -> None:
        now, changed = self._clock(), False
        for order_id, ticket in self.shown.tickets.items():
            view = self.views.get(order_id)
            if not self.shown.shows(ticket):
                if view is not None:
                    self._remove(order_id, relayout=False)
                    changed = True
            elif view is None:
                self._add(ticket, now, relayout=False)
                changed = True
            else:
                changed = view.set_placement(self.shown.placement) or changed
        if changed:
            self._relayout()

    def _remove(self, order_id: str, relayout: bool = True) -> None:
        view = self.views.pop(order_id, None)
        if view is None:
            return
        self.order.remove(order_id)
        self._dropped(view)
        self._renumber(view.ticket.order_number)
        if relayout:
            self._relayout()

    def _clear(self) -> None:
        views = list(self.views.values())
        self.views.clear()
        self.order.clear()
        for view in views:
            self._dropped(view)
        self._relayout()

    def _renumber(self, order_number: str) -> None:
        """Give orders sharing a short number enough digits to tell them apart."""
        for order_id, digits in self.order.digits_for(order_number).items():
            view = self.views.get(order_id)
            if view is not None:
                view.set_digits(digits)
