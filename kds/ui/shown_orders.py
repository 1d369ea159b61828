"""`ShownOrders`: every open order of the board, and which of them this screen shows.

The expo view shows every open order; a station screen only those with lines for it that it
has not marked "done here" (`kds.core.stations`). `BoardView` keeps a card for each order
shown; this keeps the others too, so a new menu, another station or a recall can bring an
order onto the screen without asking the model again (views never read the model back).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kds.core.lanes import LANE_OF_STATUS
from kds.core.stations import station_slice
from kds.core.ticket import Ticket
from kds.ui.line_text import EXPO_PLACEMENT, Placement

__all__ = ["ShownOrders"]


@dataclass
class ShownOrders:
    """Attributes:
    placement: how lines are placed (menu, sold-out ids, station).
    tickets: every open order by id, shown or not.
    done: the orders this station marked "done here".
    """

    placement: Placement = EXPO_PLACEMENT
    tickets: dict[str, Ticket] = field(default_factory=dict)
    done: frozenset[str] = frozenset()

    def shows(self, ticket: Ticket) -> bool:
        """On this screen: an open order, and on a station one with lines for it, not done."""
        if LANE_OF_STATUS.get(ticket.status) is None:
            return False
        placement = self.placement
        if placement.station is None:
            return True
        if ticket.order_id in self.done:
            return False
        return station_slice(ticket, placement.menu, placement.station) is not None

    def put(self, ticket: Ticket) -> bool:
        """Keep the ticket's newest value (or forget a closed one); True if it is shown."""
        if LANE_OF_STATUS.get(ticket.status) is None:
            self.tickets.pop(ticket.order_id, None)
            return False
        self.tickets[ticket.order_id] = ticket
        return self.shows(ticket)

    def drop(self, order_id: str) -> None:
        self.tickets.pop(order_id, None)

    def clear(self) -> None:
        """The board was cleared: its tickets, menu, sold-out items and marks go; the station
        stays (the next restaurant's come with it)."""
        self.tickets.clear()
        self.placement = Placement(station=self.placement.station)
        self.done = frozenset()
